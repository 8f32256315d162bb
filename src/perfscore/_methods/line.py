"""Unary tests on a value as intervals, and the value's line on which they are laid.

A tier (or a band) written ``>= 0.95``, ``[0.85, 0.95)`` or ``< 60%`` is an interval; laid on
the line of values its input allows, intervals show overlaps, gaps and tiers out of reach.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .._common.messages import render
from .._common.numbers import from_percent, plain, show
from .._expr.types import Type

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?"
_COMPARISON = re.compile(rf"^\s*(>=|<=|==|>|<|≥|≤)\s*({_NUMBER})\s*$")
_INTERVAL = re.compile(
    rf"^\s*([\[(])\s*(-inf|{_NUMBER})\s*,\s*(\+?inf|{_NUMBER})\s*([\])])\s*$")


@dataclass(frozen=True, slots=True)
class Interval:
    """A unary test on ``value`` as an interval; ``>= x`` is ``[x, inf)``.

    ``None`` bounds are infinite. ``text`` is how the scheme wrote it.
    """

    low: Decimal | None
    low_closed: bool
    high: Decimal | None
    high_closed: bool
    text: str

    def __contains__(self, a: Decimal) -> bool:
        if self.low is not None and (a < self.low or (a == self.low and not self.low_closed)):
            return False
        return not (self.high is not None
                    and (a > self.high or (a == self.high and not self.high_closed)))

    def condition(self, value: str, low: str, high: str) -> str:
        """``in`` as the text of a condition on ``value``, the bounds named ``low`` and
        ``high`` (for ``Inline``)."""
        parts = [f"{value} {'>=' if self.low_closed else '>'} {low}"] if self.low is not None \
            else []
        if self.high is not None:
            parts.append(f"{value} {'<=' if self.high_closed else '<'} {high}")
        return " and ".join(parts) or "True"


def parse_interval(text: str) -> Interval | None:
    """A unary test (``>= 0.95``, ``[0.85, 0.95)``, ``< 60%``) as an interval, or None when the
    text is not one (it is then an ordinary boolean expression)."""
    match = _COMPARISON.match(text)
    if match:
        op = match.group(1).replace("≥", ">=").replace("≤", "<=")
        bound = from_percent(match.group(2))
        if op == "==":
            return Interval(bound, True, bound, True, text.strip())
        if op in (">=", ">"):
            return Interval(bound, op == ">=", None, False, text.strip())
        return Interval(None, False, bound, op == "<=", text.strip())
    match = _INTERVAL.match(text)
    if match:
        opening, low, high, closing = match.groups()
        return Interval(None if low == "-inf" else from_percent(low), opening == "[",
                        None if high.lstrip("+") == "inf" else from_percent(high), closing == "]",
                        text.strip())
    return None


def official_interval(interval: Interval, unit: str | None, lang: str) -> str:
    """An interval as published tables write it, in its unit: ``≥95%``, ``85%（含）—95%``,
    ``<70%``, ``≥8 元``."""
    low, high = interval.low, interval.high
    if low is not None and high is not None and low != high:
        inclusive = render("rule.inclusive", {}, lang)
        return render("rule.range", {
            "low": show(low, unit) + (inclusive if interval.low_closed else ""),
            "high": show(high, unit) + (inclusive if interval.high_closed else "")}, lang)
    if low is not None and low == high:
        return f"={show(low, unit)}"
    if low is not None:
        return f"{'≥' if interval.low_closed else '>'}{show(low, unit)}"
    if high is not None:
        return f"{'≤' if interval.high_closed else '<'}{show(high, unit)}"
    return f"{'[' if interval.low_closed else '('}-∞, ∞{']' if interval.high_closed else ')'}"


# --- the value line -------------------------------------------------------------------------
# A point of the line is a key (x, 0) "just before x" or (x, 1) "just after x"; every interval,
# open or closed at either end, is then a half-open span [low key, high key) of keys, so that
# union, intersection and difference are plain comparisons. ``[a, b)`` is ((a, 0), (b, 0)),
# ``(a, b]`` is ((a, 1), (b, 1)), the point ``a`` is ((a, 0), (a, 1)).
Key = tuple[Decimal, int]
Span = tuple[Key, Key]
INF = Decimal("Infinity")
BOTTOM: Key = (-INF, 0)
TOP: Key = (INF, 0)


def span_of(test: Interval) -> Span:
    low = BOTTOM if test.low is None else (test.low, 0 if test.low_closed else 1)
    high = TOP if test.high is None else (test.high, 1 if test.high_closed else 0)
    return low, high


def value_range(value: Type) -> Span:
    """The closed range a value's type allows, unbounded where it is unknown."""
    if value.kind != "number":
        return BOTTOM, TOP
    return (BOTTOM if value.low is None else (value.low, 0),
            TOP if value.high is None else (value.high, 1))


def merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for low, high in sorted(s for s in spans if s[0] < s[1]):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def intersect(a: Iterable[Span], b: Iterable[Span]) -> list[Span]:
    return merge((max(x[0], y[0]), min(x[1], y[1])) for x in a for y in list(b))


def subtract(a: Iterable[Span], b: Iterable[Span]) -> list[Span]:
    gaps: list[Span] = []
    cursor = BOTTOM
    for low, high in merge(b):
        gaps.append((cursor, low))
        cursor = max(cursor, high)
    gaps.append((cursor, TOP))
    return intersect(a, merge(gaps))


def span_text(span: Span) -> str:
    """A span as a unary test is written: ``[0.8, 0.9)``, ``(-inf, 0]``; a point as itself."""
    (low, low_side), (high, high_side) = span
    if low == high and (low_side, high_side) == (0, 1):
        return plain(low)
    left = "(-inf" if span[0] == BOTTOM else f"{'[' if low_side == 0 else '('}{plain(low)}"
    right = "inf)" if span[1] == TOP else f"{plain(high)}{']' if high_side == 1 else ')'}"
    return f"{left}, {right}"


def whole(span: Span) -> Span | None:
    """The part of ``span`` between its first and last integers (closed), or None if it holds
    none: for a whole-number value, ``(1, 3)`` is the point 2."""
    (low, low_side), (high, high_side) = span
    if span[0] != BOTTOM:
        low, low_side = Decimal(math.ceil(low) if low_side == 0 else math.floor(low) + 1), 0
    if span[1] != TOP:
        high, high_side = Decimal(math.floor(high) if high_side == 1 else math.ceil(high) - 1), 1
    tight = (low, low_side), (high, high_side)
    return tight if tight[0] < tight[1] else None
