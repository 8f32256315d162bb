"""The functions a scheme expression may call, and what makes a value not computable.

The table is fixed: expressions cannot reach any other callable. Each function takes and returns
plain values (Decimal, bool, str, lists of row mappings) and is exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from .._common.numbers import ZERO, round_to
from .._common.text import quoted


class NotComputable(Exception):
    """A value cannot be computed for this record: an optional input is absent, or a divisor
    is zero. The indicator that needs it is ``not_assessed`` (SPEC §6), not an error.

    Made as ``NotComputable(reason, name)``: ``reason`` is one of ``absent``,
    ``division_by_zero``, ``empty``, ``target_negative``, ``target_not_positive``; ``name``
    the input, let or function concerned, or None. Both are read from ``args``, which the
    built-in ``__init__`` of an exception sets: one written in Python made it five times
    dearer to raise for each absent input a leaf reads (0.36 µs against 0.07).
    """

    @property
    def reason(self) -> str:
        reason: str = self.args[0]
        return reason

    @property
    def name(self) -> str | None:
        name: str | None = self.args[1]
        return name


@dataclass(frozen=True, slots=True)
class Absent:
    """Stands in the evaluation scope for an optional input that the record left out, or a
    let that could not be computed; touching it makes the expression not computable."""

    name: str
    reason: str = "absent"
    cause: str | None = None

    def fail(self) -> NotComputable:
        return NotComputable(self.reason, self.cause or self.name)


class ExpressionTypeError(Exception):
    """An operation met a value of the wrong kind (text where a number is needed)."""


def number(value: Any, what: str) -> Decimal:
    if type(value) is not Decimal:
        raise ExpressionTypeError(f"{what} needs a number, got {_kind(value)}")
    return value


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):  # a record's text: quoted, escaped and cut short
        return f"text {quoted(value)}"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "None"
    return type(value).__name__


def _items(args: tuple[Any, ...], what: str) -> list[Decimal]:
    values = args[0] if len(args) == 1 and isinstance(args[0], list) else list(args)
    if not values:
        raise NotComputable("empty", what)
    return [number(v, what) for v in values]


def _min(*args: Any) -> Decimal:
    return min(_items(args, "min"))


def _max(*args: Any) -> Decimal:
    return max(_items(args, "max"))


def _abs(x: Any) -> Decimal:
    return abs(number(x, "abs"))


def _round(x: Any, places: Any = ZERO) -> Decimal:
    digits = number(places, "round")
    if digits != digits.to_integral_value() or not 0 <= digits <= 10:
        raise ExpressionTypeError("round(x, n) needs a whole n from 0 to 10")
    return round_to(number(x, "round"), int(digits))


def _sum(values: Any) -> Decimal:
    if not isinstance(values, list):
        raise ExpressionTypeError(f"sum needs rows or a generator, got {_kind(values)}")
    total = ZERO
    for v in values:
        total += number(v, "sum")
    return total


def _count(values: Any) -> Decimal:
    if not isinstance(values, list):
        raise ExpressionTypeError(f"count needs rows or a generator, got {_kind(values)}")
    return Decimal(len(values))


def _len(values: Any) -> Decimal:
    if not isinstance(values, list | str):
        raise ExpressionTypeError(f"len needs rows or text, got {_kind(values)}")
    return Decimal(len(values))


def _mean(values: Any) -> Decimal:
    items = _items((values,), "mean")
    return sum(items, ZERO) / len(items)


def _clamp(x: Any, lo: Any, hi: Any) -> Decimal:
    return max(number(lo, "clamp"), min(number(hi, "clamp"), number(x, "clamp")))


def _coalesce(x: Any, default: Any) -> Any:
    # An absent ``x`` never reaches here: the evaluator substitutes ``default`` for it.
    return default if x is None else x


FUNCTIONS: Final[dict[str, Callable[..., Any]]] = {
    "abs": _abs,
    "clamp": _clamp,
    "coalesce": _coalesce,
    "count": _count,
    "len": _len,
    "max": _max,
    "mean": _mean,
    "min": _min,
    "round": _round,
    "sum": _sum,
}

ARITY: Final[dict[str, tuple[int, int]]] = {
    "abs": (1, 1),
    "clamp": (3, 3),
    "coalesce": (2, 2),
    "count": (1, 1),
    "len": (1, 1),
    "max": (1, 50),
    "mean": (1, 1),
    "min": (1, 50),
    "round": (1, 2),
    "sum": (1, 1),
}
"""Least and most arguments of each function, checked when the scheme loads."""
