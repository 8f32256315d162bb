"""Exact numbers: the Decimal context, parsing, rounding and display.

Everything that touches a number goes through here so that no binary float ever enters a score
and every display of a value follows one rule.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Final

from .limits import MAX_NUMBER_DIGITS, MAX_NUMBER_EXPONENT, MAX_NUMBER_TEXT, MAX_RESULT_EXPONENT

CONTEXT: Final = decimal.Context(
    prec=MAX_NUMBER_DIGITS,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
"""Bounded precision and exponent, so no expression can build a number that eats memory, and
every invalid operation raises instead of producing NaN."""

ROUNDING_MODES: Final = {
    "half_up": decimal.ROUND_HALF_UP,
    "half_even": decimal.ROUND_HALF_EVEN,
    "down": decimal.ROUND_DOWN,
    "up": decimal.ROUND_UP,
}

_INT_BITS: Final = 128
"""Bits of the largest int ``to_decimal`` converts: 2**128 is far beyond 28 digits already."""

_INT_LIMIT: Final = 10 ** (MAX_NUMBER_EXPONENT + 1)
"""Whole numbers below this in magnitude are bounded (at most 19 digits): no check needed."""

ZERO: Final = Decimal(0)
ONE: Final = Decimal(1)
HUNDRED: Final = Decimal(100)


def is_bounded(number: Decimal) -> bool:
    """Finite, with few enough digits and a sane magnitude (see ``_limits``)."""
    if not number.is_finite():
        return False
    if number.is_zero():
        return True
    return (
        len(number.as_tuple().digits) <= MAX_NUMBER_DIGITS
        and abs(number.adjusted()) <= MAX_NUMBER_EXPONENT
    )


def to_decimal(value: object) -> Decimal:
    """Convert a record or literal value exactly; floats through their shortest repr; ``-0``
    is 0, so no score or display ever shows a negative zero.

    Raises ValueError for anything that is not a bounded finite number: NaN, infinities, text
    such as ``"1e400"``, or text too long to be a number of at most 28 digits.
    """
    if type(value) is float:  # the common cases first: records from JSON and spreadsheets
        number = Decimal(repr(value))  # at most 17 digits
        if number.is_finite() and abs(number.adjusted()) <= MAX_NUMBER_EXPONENT:
            return number if number else number.copy_abs()
    elif type(value) is int and -_INT_LIMIT < value < _INT_LIMIT:
        return Decimal(value)
    elif type(value) is str and len(value) <= MAX_NUMBER_DIGITS:  # CSV: no more digits than this
        try:
            number = Decimal(value)
        except decimal.InvalidOperation:
            pass  # said below, with the forms only we accept (``1__000``)
        else:
            if number.is_finite() and (not number or
                                       abs(number.adjusted()) <= MAX_NUMBER_EXPONENT):
                return number if number else number.copy_abs()
    if isinstance(value, bool):
        raise ValueError("a boolean is not a number")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        if value.bit_length() > _INT_BITS:  # converting 10**1000000 would take seconds
            raise ValueError(f"a whole number of {value.bit_length():,} bits is too large")
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        if len(value) > MAX_NUMBER_TEXT:
            raise ValueError(f"text of {len(value):,} characters is not a number")
        try:
            number = Decimal(value.strip().replace("_", ""))
        except decimal.InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    else:
        raise ValueError(f"{type(value).__name__} is not a number")
    if not is_bounded(number):
        raise ValueError(f"{value!r} is not a finite number of reasonable size")
    return number.copy_abs() if number.is_zero() else number


_QUANTA: Final = tuple(Decimal(1).scaleb(-places) for places in range(CONTEXT.prec))
"""``1E-places`` for every number of places that can be rounded to, made once: rounding runs
for every item of every record."""


_CENT: Final = _QUANTA[2]


def round_to(number: Decimal, places: int, mode: str = "half_up") -> Decimal:
    """Round to ``places`` decimals; ``half_up`` is 四舍五入 (12.345 → 12.35). A rounded zero
    is never negative (-0.001 → 0.00).

    A number too large to carry ``places`` decimals within the precision has none to round
    (it has at most 28 digits, all before the point) and is returned as it is.
    """
    if number.adjusted() + places >= CONTEXT.prec and number.is_finite():
        return number
    # positional arguments: keywords make a C method call several times slower
    rounded = number.quantize(_QUANTA[places], ROUNDING_MODES[mode], CONTEXT)
    return rounded if rounded else rounded.copy_abs()


def plain(number: Decimal) -> str:
    """Shortest exact text without exponent or trailing zeros: 16, 29.55, 0.65.

    Beyond ``1e±40`` (only a scheme computing nonsense gets there) the exponent is kept, so
    a number's text never grows with its magnitude: 1E+999.
    """
    text = str(number)
    if "E" in text:  # str() chose an exponent: only normalize and format decide the text
        normal = number.normalize(CONTEXT)
        if normal and abs(normal.adjusted()) > MAX_RESULT_EXPONENT and normal.is_finite():
            return str(normal)
        text = format(normal, "f")
    elif "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def show(number: Decimal, unit: str | None) -> str:
    """A value as the scheme's ``unit`` says: ``86.05%``, ``104.5 亿元``.

    At most 2 decimal places of the unit (a percentage to 2 places, as reports print them),
    rounded half-up, trailing zeros dropped: 37/43 shows as 86.05%, a target of 1 as 100%.
    Rounding a number with at most 2 places changes nothing, so every number is rounded.
    """
    if unit == "percent":
        number = number.scaleb(2, CONTEXT)  # × 100, exactly
    if number.adjusted() < CONTEXT.prec - 2:  # as round_to(number, 2), without the calls
        number = number.quantize(_CENT, decimal.ROUND_HALF_UP, CONTEXT)
    text = plain(number)
    if unit == "percent":
        return f"{text}%"
    return f"{text} {unit}" if unit else text
