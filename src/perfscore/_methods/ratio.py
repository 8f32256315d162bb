"""``ratio`` — 正向指标: w × clamp(a / t, 0, cap); not assessed when t ≤ 0."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import Field

from .._common.numbers import ONE, ZERO, plain
from .._expr.functions import NotComputable, number
from .._source.format import Number, ParamsModel
from .base import (
    Branch,
    Build,
    Inline,
    Lint,
    Mutation,
    Outcome,
    Rule,
    Run,
    Said,
    Values,
    clamped,
    target_number,
    within,
)
from .targeted import Targeted


class RatioParams(ParamsModel):
    cap: Annotated[Number, Field(gt=0)] = Decimal(1)


@dataclass(frozen=True, slots=True)
class Ratio(Targeted):
    name = "ratio"
    nature = "≥"
    spec = RatioParams
    positive_target = True

    cap: Decimal = ONE

    @classmethod
    def build(cls, params: RatioParams, site: Build) -> Self:
        return cls(params.cap)

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
        a, t = number(a, "value"), target_number(t)
        if t <= 0:
            raise NotComputable("target_not_positive", None)
        share = a / t
        return Outcome(within(w * max(ZERO, min(self.cap, share)), w), "ratio", {"share": share})

    def inline(self) -> Inline:
        return Inline("_type(_v) is _D and _type(_t) is _D and _t > _ZERO", (
            "_q = _v / _t",
            "if not _q < {cap}:", "    _q = {cap}",  # min(cap, share); a share below 0 gives
            "_q = {w} * _q", *clamped("_q", "{w}")), {"cap": self.cap})  # points below 0

    def explain(self, said: Said) -> str:
        return self.share_text(said)

    def describe(self, rule: Rule) -> str:
        return rule.say("ratio", points=rule.points, target=rule.target_text)

    def target_boundaries(self) -> set[Decimal]:
        return {ONE, self.cap}

    def mutants(self, points: Decimal) -> list[Mutation]:
        """Full marks already at 90% of the cap (a cap above 1 changes nothing: points are
        clamped to the indicator's)."""
        lower = self.cap * Decimal("0.9")
        return [Mutation(f"cap {plain(self.cap)} → {plain(lower)}", ((("cap",), lower),))]

    def lint(self, leaf: Lint) -> None:
        if self.cap > 1:  # points are clamped to the maximum
            leaf.warning("PS219", ("cap",), cap=self.cap)

    def nonzero_branches(self) -> list[Branch]:
        at = "target" if self.cap == 1 else f"{plain(self.cap)} × target"
        return [Branch("below", f"below {at}"), Branch("at", f"at or above {at}")]

    def nonzero_taken(self, outcome: Outcome) -> list[str]:
        return ["at" if outcome.facts["share"] >= self.cap else "below"]
