"""Units of money, length and area (SPEC §8.4): a record value written with a unit of the same
kind as its input's (``"12000万元"`` for an input in 亿元) is converted exactly.

A conversion multiplies by a ratio of whole numbers, so it is exact wherever the result is a
decimal at all; only 亩 to 平方米 (1 亩 = 2000/3 平方米) can give a repeating decimal, which is
then rounded to the 28 significant digits every number has.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import Final

from .numbers import CONTEXT, NumberError, is_bounded, to_decimal

UNITS: Final[dict[str, tuple[str, Fraction]]] = {
    "元": ("money", Fraction(1)),
    "万元": ("money", Fraction(10_000)),
    "亿元": ("money", Fraction(100_000_000)),
    "米": ("length", Fraction(1)),
    "千米": ("length", Fraction(1000)),
    "公里": ("length", Fraction(1000)),
    "平方米": ("area", Fraction(1)),
    "亩": ("area", Fraction(2000, 3)),
    "公顷": ("area", Fraction(10_000)),
}
"""Each unit's kind and its size in the kind's smallest unit."""

_WRITTEN: Final = re.compile(r"^\s*(.*?)\s*(" + "|".join(
    sorted(map(re.escape, UNITS), key=len, reverse=True)) + r")\s*$", re.DOTALL)


class UnitError(ValueError):
    """A value written in a unit of another kind than its input's: ``written`` and ``unit``."""

    def __init__(self, written: str, unit: str) -> None:
        super().__init__(f"{written} is not a unit of the same kind as {unit}")
        self.written = written
        self.unit = unit


def measured(unit: str | None) -> bool:
    """Whether values of an input in ``unit`` may be written with a unit of their own."""
    return unit in UNITS


def same_kind(unit: str) -> list[str]:
    """The units a value of an input in ``unit`` may be written in."""
    kind = UNITS[unit][0]
    return [name for name, (other, _) in UNITS.items() if other == kind]


def in_unit(value: object, unit: str) -> object:
    """``value`` in ``unit``: text such as ``"12000万元"`` or ``"112.5 公里"`` converted,
    anything else (a bare number, a number as text) returned as it is, to be read as a
    number in ``unit``.

    Raises UnitError for a unit of another kind (``"3公顷"`` for an input in 万元), and
    NumberError when what comes before the unit is no bounded number.
    """
    if not isinstance(value, str):
        return value
    match = _WRITTEN.match(value)
    if match is None:
        return value
    number, written = match.groups()
    kind, size = UNITS[written]
    wanted, target = UNITS[unit]
    if kind != wanted:
        raise UnitError(written, unit)
    factor = size / target
    converted = CONTEXT.divide(CONTEXT.multiply(to_decimal(number), Decimal(factor.numerator)),
                               Decimal(factor.denominator))
    if not is_bounded(converted):
        raise NumberError("range", f"{value!r} is not a number of reasonable size")
    return converted
