"""``equal`` — 等于指标: t = 0 gives full points only when a ≤ 0; otherwise as ``ratio``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Self

from .._common.numbers import ONE, ZERO
from .._expr.functions import NotComputable, number
from .._source.format import ParamsModel
from .base import Branch, Build, Outcome, Rule, Run, Said, Values, target_number, within
from .targeted import Targeted


class EqualParams(ParamsModel):
    pass


@dataclass(frozen=True, slots=True)
class Equal(Targeted):
    name = "equal"
    nature = "="
    spec = EqualParams

    @classmethod
    def build(cls, params: EqualParams, site: Build) -> Self:
        return cls()

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
        a, t = number(a, "value"), target_number(t)
        if t < 0:
            raise NotComputable("target_negative", None)
        if t == 0:
            return Outcome(w if a <= 0 else ZERO, "equal", {"zero_target": True})
        share = a / t
        return Outcome(within(w * max(ZERO, min(ONE, share)), w), "equal", {"share": share})

    def describe(self, rule: Rule) -> str:
        return rule.say("equal", points=rule.points, target=rule.target_text)

    def explain(self, said: Said) -> str:
        if said.facts.get("zero_target"):
            return self.zero_target_text(said)
        return self.share_text(said)

    def nonzero_branches(self) -> list[Branch]:
        return [Branch("below", "below target"), Branch("at", "at or above target")]

    def nonzero_taken(self, outcome: Outcome) -> list[str]:
        return ["at" if outcome.facts["share"] >= 1 else "below"]
