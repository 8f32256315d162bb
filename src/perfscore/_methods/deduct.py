"""``deduct`` — 扣分制: w − min(max, k × n), where n is the distance past the threshold in
steps of ``per`` (exact, or rounded up or down to whole steps)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import Field, model_validator

from .._common.numbers import ZERO, plain, show
from .._expr.functions import number
from .._source.format import Number, ParamsModel, Points, refusal
from .base import (
    Branch,
    Build,
    Method,
    Mutation,
    Outcome,
    Rule,
    Run,
    Said,
    Values,
    amount,
    changed,
    step_of,
    within,
)


class DeductParams(ParamsModel):
    above: Number | None = None
    below: Number | None = None
    per: Annotated[Number, Field(gt=0)]
    points: Points
    steps: Literal["exact", "ceil", "floor"] = "exact"
    max: Points | None = None

    @model_validator(mode="after")
    def _one_side(self) -> DeductParams:
        if (self.above is None) == (self.below is None):
            raise refusal("PS012.deduct_side")
        return self


@dataclass(frozen=True, slots=True)
class Deduct(Method):
    side: str  # "above" | "below"
    threshold: Decimal
    per: Decimal
    points: Decimal
    steps: str
    max: Decimal | None
    name = "deduct"
    spec = DeductParams
    numeric = True

    @classmethod
    def build(cls, params: DeductParams, site: Build) -> Self:
        side, threshold = (("above", params.above) if params.above is not None
                           else ("below", params.below))
        assert threshold is not None
        return cls(side, threshold, params.per, params.points, params.steps, params.max)

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
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
        return Outcome(within(w - deduction, w), "deduct",
                       {"excess": excess, "steps": steps, "deduction": deduction})

    def describe(self, rule: Rule) -> str:
        per = amount(self.per, rule.unit, rule.lang)
        if rule.lang == "zh" and per[-1].isascii():  # a number, then Chinese: one space
            per += " "
        text = rule.say(f"deduct_{self.side}", points=rule.points,
                        threshold=show(self.threshold, rule.unit), per=per, each=self.points)
        if self.steps != "exact":
            text += rule.say(f"deduct_{self.steps}", per=per)
        if self.max is not None and self.max < rule.points:
            return text + rule.say("deduct_max", max=self.max)
        return text + rule.say("deduct_end")

    def explain(self, said: Said) -> str:
        name, v, unit, zh, facts = said.name, said.value_text, said.unit, said.zh, said.facts
        above = self.side == "above"
        threshold = said.once(self, "threshold", lambda: show(self.threshold, unit))
        if not facts["deduction"]:
            within_ = ("未超过" if above else "不低于") if zh else (
                "not above" if above else "not below")
            return (f"{name} {v}，{within_} {threshold}，不扣分" if zh
                    else f"{name} is {v}, {within_} {threshold}")
        excess = amount(facts["excess"], unit, said.lang)
        per = said.once(self, said.lang, lambda: amount(self.per, unit, said.lang))
        each = said.once(self, "each", lambda: plain(self.points))
        taken = show(facts["deduction"], None)
        if zh:
            return (f"{name} {v}，{'高于' if above else '低于'} {threshold} {excess}，"
                    f"每 {per} 扣 {each} 分，扣 {taken} 分")
        return (f"{name} is {v}, {excess} {'above' if above else 'below'} {threshold}; "
                f"{each} off per {per} makes {taken} off")

    def branches(self, points: Decimal, target: Decimal | None) -> list[Branch]:
        near = "at or below" if self.side == "above" else "at or above"
        threshold = plain(self.threshold)
        return [Branch("deduct within", f"{near} {threshold} (nothing deducted)"),
                Branch("deduct past", f"{self.side} {threshold} (deducted)"),
                Branch("deduct capped", "deduction reaches its maximum")]

    def taken(self, outcome: Outcome, value: Any, points: Decimal) -> list[str]:
        facts = outcome.facts
        if facts["excess"] <= 0:
            return ["deduct within"]
        limit = points if self.max is None else self.max
        return ["deduct past", *(["deduct capped"] if facts["deduction"] >= limit else [])]

    def boundaries(self) -> set[Decimal]:
        return {self.threshold, self.threshold + self.per, self.threshold - self.per}

    def mutants(self, points: Decimal) -> list[Mutation]:
        """The threshold moved one ``per`` either way; ``per``, ``points`` and ``max``
        changed (a ``max`` below the points added); the other ``steps``."""
        side, per, each = self.side, self.per, self.points
        limit = points if self.max is None else self.max
        found = [Mutation(f"{side} {plain(self.threshold)} → {plain(moved)}",
                          (((side,), moved),))
                 for moved in (self.threshold - per, self.threshold + per)]
        found += [Mutation(f"per {plain(per)} → {plain(per + step_of(per))}",
                           ((("per",), per + step_of(per)),)),
                  Mutation(f"points {plain(each)} → {plain(changed(each))}",
                           ((("points",), changed(each)),)),
                  Mutation(f"max {plain(limit)} → {plain(changed(limit))}",
                           ((("max",), changed(limit)),))]
        found += [Mutation(f"steps {self.steps} → {steps}", ((("steps",), steps),))
                  for steps in ("exact", "ceil", "floor") if steps != self.steps]
        return found
