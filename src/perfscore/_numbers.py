"""Exact numbers: the Decimal context, parsing, rounding and display.

Everything that touches a number goes through here so that no binary float ever enters a score
and every display of a value follows one rule.
"""

from __future__ import annotations

import decimal
import functools
from decimal import Decimal
from typing import Final

from ._limits import MAX_NUMBER_DIGITS, MAX_NUMBER_EXPONENT, MAX_NUMBER_TEXT, MAX_RESULT_EXPONENT

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


@functools.lru_cache(maxsize=16)
def _quantum(places: int) -> Decimal:
    """``1E-places``, made once: rounding runs for every item of every record."""
    return Decimal(1).scaleb(-places)


def round_to(number: Decimal, places: int, mode: str = "half_up") -> Decimal:
    """Round to ``places`` decimals; ``half_up`` is 四舍五入 (12.345 → 12.35). A rounded zero
    is never negative (-0.001 → 0.00).

    A number too large to carry ``places`` decimals within the precision has none to round
    (it has at most 28 digits, all before the point) and is returned as it is.
    """
    if number.is_finite() and number.adjusted() + places >= CONTEXT.prec:
        return number
    rounded = number.quantize(_quantum(places), rounding=ROUNDING_MODES[mode], context=CONTEXT)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def plain(number: Decimal) -> str:
    """Shortest exact text without exponent or trailing zeros: 16, 29.55, 0.65.

    Beyond ``1e±40`` (only a scheme computing nonsense gets there) the exponent is kept, so
    a number's text never grows with its magnitude: 1E+999.
    """
    normal = number.normalize(CONTEXT)
    if normal.is_finite() and not normal.is_zero() and \
            abs(normal.adjusted()) > MAX_RESULT_EXPONENT:
        return str(normal)
    text = format(normal, "f")
    return "0" if text in ("-0", "") else text


def show(number: Decimal, unit: str | None) -> str:
    """A value as the scheme's ``unit`` says: ``86.05%``, ``104.5 亿元``.

    At most 2 decimal places of the unit (a percentage to 2 places, as reports print them),
    rounded half-up, trailing zeros dropped: 37/43 shows as 86.05%, a target of 1 as 100%.
    """
    if unit == "percent":
        return f"{plain(_two_places(number * HUNDRED))}%"
    text = plain(_two_places(number))
    return f"{text} {unit}" if unit else text


def _two_places(number: Decimal) -> Decimal:
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return round_to(number, 2)
    return number
