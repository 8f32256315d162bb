"""``reverse`` — 反向指标: full points at or below the target; above it, linear down to 0 at
twice the target (``variant: linear``), or w × t / a (``variant: inverse``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, Self

from .._common.numbers import ONE, ZERO, show
from .._expr.functions import NotComputable, number
from .._source.format import ParamsModel
from .base import (
    Branch,
    Build,
    Lint,
    Mutation,
    Outcome,
    Rule,
    Run,
    Said,
    Values,
    target_number,
    within,
)
from .targeted import Targeted


class ReverseParams(ParamsModel):
    variant: Literal["linear", "inverse"] = "linear"


@dataclass(frozen=True, slots=True)
class Reverse(Targeted):
    name = "reverse"
    nature = "≤"
    spec = ReverseParams

    variant: str = "linear"
    chosen: bool = field(default=True, compare=False)
    """Whether the scheme wrote its ``variant``: a bare ``reverse`` is ``linear``, where the
    财预〔2020〕10号 table divides (``inverse``), and a reader cannot tell which was meant."""

    @classmethod
    def build(cls, params: ReverseParams, site: Build) -> Self:
        return cls(params.variant, "variant" in params.model_fields_set)

    def lint(self, leaf: Lint) -> None:
        if not self.chosen:
            leaf.warning("PS251", ())

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
        a, t = number(a, "value"), target_number(t)
        if t < 0:
            raise NotComputable("target_negative", None)
        if t == 0:
            return Outcome(w if a <= 0 else ZERO, "reverse", {"zero_target": True})
        if a <= t:
            return Outcome(w, "reverse", {"met": True})
        points = w * t / a if self.variant == "inverse" else w * (ONE - (a - t) / t)
        return Outcome(within(points, w), f"reverse.{self.variant}", {"excess": (a - t) / t})

    def describe(self, rule: Rule) -> str:
        return rule.say(f"reverse_{self.variant}", points=rule.points, target=rule.target_text)

    def explain(self, said: Said) -> str:
        facts = said.facts
        if facts.get("zero_target"):
            return self.zero_target_text(said)
        name, v, t = said.name, said.value_text, said.target_text
        if facts.get("met"):
            return said.say("reverse_met", name=name, value=v, target=t)
        return said.say("reverse_over", name=name, value=v, target=t,
                        over=show(facts["excess"], "percent"))

    def target_boundaries(self) -> set[Decimal]:
        return {ONE, Decimal(2)} if self.variant == "linear" else {ONE}

    def mutants(self, points: Decimal) -> list[Mutation]:
        other = "inverse" if self.variant == "linear" else "linear"
        return [Mutation(f"variant {self.variant} → {other}", ((("variant",), other),))]

    def nonzero_branches(self) -> list[Branch]:
        found = [Branch("reverse met", "at or below target"),
                 Branch("reverse above", "above target")]
        if self.variant == "linear":
            found.append(Branch("reverse zero", "at or above twice the target (0 points)"))
        return found

    def nonzero_taken(self, outcome: Outcome) -> list[str]:
        if outcome.facts.get("met"):
            return ["reverse met"]
        return ["reverse above", *(["reverse zero"] if outcome.points == 0 else [])]
