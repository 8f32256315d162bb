"""Exact numbers: the Decimal context, parsing, rounding and display.

Everything that touches a number goes through here so that no binary float ever enters a score
and every display of a value follows one rule.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Final

from ._limits import MAX_NUMBER_DIGITS, MAX_NUMBER_EXPONENT

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
    """Convert a record or literal value exactly; floats through their shortest repr.

    Raises ValueError for anything that is not a bounded finite number.
    """
    if isinstance(value, bool):
        raise ValueError("a boolean is not a number")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip().replace("_", ""))
        except decimal.InvalidOperation:
            raise ValueError(f"{value!r} is not a number") from None
    else:
        raise ValueError(f"{type(value).__name__} is not a number")
    if not is_bounded(number):
        raise ValueError(f"{value!r} is not a finite number of reasonable size")
    return number


def round_to(number: Decimal, places: int, mode: str = "half_up") -> Decimal:
    """Round to ``places`` decimals; ``half_up`` is 四舍五入 (12.345 → 12.35)."""
    exponent = Decimal(1).scaleb(-places)
    return number.quantize(exponent, rounding=ROUNDING_MODES[mode], context=CONTEXT)


def plain(number: Decimal) -> str:
    """Shortest exact text without exponent or trailing zeros: 16, 29.55, 0.65."""
    text = format(number.normalize(CONTEXT), "f")
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
