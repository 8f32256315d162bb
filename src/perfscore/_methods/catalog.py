"""The scoring methods of SPEC §2.5, each turning (value, target, points) into points.

A method returns an ``Outcome``: the unrounded points (already within [0, points]), which rule
applied, and the facts its explanation needs. Rounding, missing policies and totals are the
scorer's job (``_score``); the words are ``_explain``'s.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .._common.numbers import ONE, ZERO
from .._expr.functions import Absent, ExpressionTypeError, NotComputable, number
from .._expr.syntax import Expr

Run = Callable[[Expr], Any]
"""Evaluates an expression in the indicator's scope (with value, target and points)."""
Scope = Mapping[str, Any]
"""The indicator's scope of plain values itself, for methods that read names directly."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a method decided: unrounded ``points``, the ``rule`` that applied (``tiers[1]``),
    and ``facts`` for the explanation (method-specific keys)."""

    points: Decimal
    rule: str
    facts: Mapping[str, Any] = field(default_factory=dict)


def _within(points: Decimal, w: Decimal) -> Decimal:
    return max(ZERO, min(w, points))


def _target(t: Any) -> Decimal:
    if t is None:
        raise ExpressionTypeError("this method needs a `target`")
    return number(t, "target")


@dataclass(frozen=True, slots=True)
class Ratio:
    """正向指标: w × clamp(a / t, 0, cap); not assessed when t ≤ 0."""

    cap: Decimal = ONE
    name = "ratio"

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Scope) -> Outcome:
        a, t = number(a, "value"), _target(t)
        if t <= 0:
            raise NotComputable("target_not_positive")
        share = a / t
        return Outcome(_within(w * max(ZERO, min(self.cap, share)), w), "ratio",
                       {"share": share})


@dataclass(frozen=True, slots=True)
class Reverse:
    """反向指标: full at or below target; above it, linear to 0 at 2t, or w × t / a."""

    variant: str = "linear"
    name = "reverse"

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Scope) -> Outcome:
        a, t = number(a, "value"), _target(t)
        if t < 0:
            raise NotComputable("target_negative")
        if t == 0:
            return Outcome(w if a <= 0 else ZERO, "reverse", {"zero_target": True})
        if a <= t:
            return Outcome(w, "reverse", {"met": True})
        points = w * t / a if self.variant == "inverse" else w * (ONE - (a - t) / t)
        return Outcome(_within(points, w), f"reverse.{self.variant}", {"excess": (a - t) / t})


@dataclass(frozen=True, slots=True)
class Equal:
    """等于指标: t = 0 → full only when a ≤ 0; otherwise as ``ratio``."""

    name = "equal"

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Scope) -> Outcome:
        a, t = number(a, "value"), _target(t)
        if t < 0:
            raise NotComputable("target_negative")
        if t == 0:
            return Outcome(w if a <= 0 else ZERO, "equal", {"zero_target": True})
        share = a / t
        return Outcome(_within(w * max(ZERO, min(ONE, share)), w), "equal", {"share": share})


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


@dataclass(frozen=True, slots=True)
class Tier:
    test: Interval | Expr | None  # None: the ``else`` tier
    points: Decimal


@dataclass(frozen=True, slots=True)
class Tiers:
    """档次: the first tier whose test holds gives its points; no match gives 0."""

    tiers: tuple[Tier, ...]
    name = "tiers"

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Scope) -> Outcome:
        for index, tier in enumerate(self.tiers):
            test = tier.test
            if test is None:
                hit = True
            elif isinstance(test, Interval):
                hit = number(a, "a tier test") in test
            else:
                result = run(test)
                if not isinstance(result, bool):
                    raise ExpressionTypeError(f"tier test `{test.text}` must be true or false")
                hit = result
            if hit:
                return Outcome(_within(tier.points, w), f"tiers[{index}]",
                               {"index": index, "tier": tier})
        return Outcome(ZERO, "tiers", {"index": None})


@dataclass(frozen=True, slots=True)
class Deduct:
    """扣分制: w − min(max, k × n), n = distance past the threshold ÷ step."""

    side: str  # "above" | "below"
    threshold: Decimal
    per: Decimal
    points: Decimal
    steps: str
    max: Decimal | None
    name = "deduct"

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Scope) -> Outcome:
        a = number(a, "value")
        excess = a - self.threshold if self.side == "above" else self.threshold - a
        if excess <= 0:
            return Outcome(w, "deduct", {"excess": ZERO, "deduction": ZERO})
        steps = excess / self.per
        if self.steps == "ceil":
            steps = Decimal(math.ceil(steps))
        elif self.steps == "floor":
            steps = Decimal(math.floor(steps))
        limit = w if self.max is None else self.max
        deduction = min(limit, self.points * steps)
        return Outcome(_within(w - deduction, w), "deduct",
                       {"excess": excess, "steps": steps, "deduction": deduction})


@dataclass(frozen=True, slots=True)
class Linear:
    """线性插值 between ascending breakpoints, flat outside them."""

    breakpoints: tuple[tuple[Decimal, Decimal], ...]
    name = "linear"

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Scope) -> Outcome:
        a = number(a, "value")
        points = self.breakpoints
        if a <= points[0][0]:
            return Outcome(_within(points[0][1], w), "linear", {"segment": 0})
        for index, ((x0, y0), (x1, y1)) in enumerate(itertools.pairwise(points)):
            if a <= x1:
                value = y0 + (y1 - y0) * (a - x0) / (x1 - x0)
                return Outcome(_within(value, w), "linear", {"segment": index + 1})
        return Outcome(_within(points[-1][1], w), "linear", {"segment": len(points)})


@dataclass(frozen=True, slots=True)
class Levels:
    """定性指标: a choice value maps to a fraction of the points."""

    fractions: Mapping[str, Decimal]
    name = "levels"

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Scope) -> Outcome:
        fraction = self.fractions.get(a) if isinstance(a, str) else None
        if fraction is None:
            raise ExpressionTypeError(f"value {a!r} is not one of the levels")
        return Outcome(_within(w * fraction, w), "levels", {"fraction": fraction})


@dataclass(frozen=True, slots=True)
class Checklist:
    """逐项计分: each true bool input earns its points, at most w in all."""

    items: Mapping[str, Decimal]
    name = "checklist"

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Scope) -> Outcome:
        met: list[str] = []
        unmet: list[str] = []
        total = ZERO
        for name, points in self.items.items():
            value = scope[name]
            if type(value) is Absent:
                raise value.fail()
            if not isinstance(value, bool):
                raise ExpressionTypeError(f"checklist item {name!r} must be true or false")
            (met if value else unmet).append(name)
            total += points if value else ZERO
        return Outcome(_within(total, w), "checklist", {"met": met, "unmet": unmet})


@dataclass(frozen=True, slots=True)
class Formula:
    """公式: any expression, clamped to [0, w]."""

    expr: Expr
    name = "formula"

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Scope) -> Outcome:
        raw = number(run(self.expr), "formula")
        return Outcome(_within(raw, w), "formula", {"raw": raw})


Method = Ratio | Reverse | Equal | Tiers | Deduct | Linear | Levels | Checklist | Formula
