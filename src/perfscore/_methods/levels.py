"""``levels`` — 定性指标: each option of a choice input is worth a fixed fraction of the
points."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import Field

from .._common.messages import Term
from .._common.numbers import plain, round_to, show
from .._expr.functions import ExpressionTypeError
from .._source.format import Number
from .base import (
    Branch,
    Build,
    Inline,
    Lint,
    Method,
    Mutation,
    Outcome,
    Rule,
    Run,
    Said,
    Values,
    changed,
    clamped,
    lint_choices,
    within,
)


@dataclass(frozen=True, slots=True)
class Levels(Method):
    fractions: Mapping[str, Decimal]
    name = "levels"
    nature = "定性"
    spec = Annotated[dict[str, Annotated[Number, Field(ge=0, le=1)]], Field(min_length=1)]

    @classmethod
    def build(cls, params: dict[str, Decimal], site: Build) -> Self:
        return cls(dict(params))

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
        fraction = self.fractions.get(a) if isinstance(a, str) else None
        if fraction is None:
            raise ExpressionTypeError(f"value {a!r} is not one of the levels")
        return Outcome(within(w * fraction, w), "levels", {"fraction": fraction})

    def inline(self) -> Inline:
        return Inline("_type(_v) is _S and (_k := {fractions}.get(_v)) is not None",
                      ("_q = {w} * _k", *clamped("_q", "{w}")), {"fractions": self.fractions})

    def describe(self, rule: Rule) -> str:
        return rule.joined(rule.say("level", level=level, points=round_to(rule.points * share, 2))
                           for level, share in self.fractions.items())

    def explain(self, said: Said) -> str:
        return said.say("level", name=said.name, value=said.value,
                        share=show(said.facts["fraction"], "percent"))

    def lint(self, leaf: Lint) -> None:
        lint_choices(leaf, self.name, self.fractions, Term("fraction", "得分比例"))

    def branches(self, points: Decimal, target: Decimal | None) -> list[Branch]:
        return [Branch(f"level {level}", f"level {level}", ("levels", level), key=True)
                for level in self.fractions]

    def taken(self, outcome: Outcome, value: Any, points: Decimal) -> list[str]:
        return [f"level {value}"]

    def mutants(self, points: Decimal) -> list[Mutation]:
        """Each level's fraction changed by a step of its precision; neighbouring levels'
        fractions swapped."""
        fractions = list(self.fractions.items())
        found = [Mutation(f"{name}: {plain(f)} → {plain(changed(f))}",
                          (((name,), changed(f)),)) for name, f in fractions]
        found += [Mutation(f"{a} and {b} swap their fractions ({plain(fa)} ↔ {plain(fb)})",
                           (((a,), fb), ((b,), fa)))
                  for (a, fa), (b, fb) in itertools.pairwise(fractions) if fa != fb]
        return found

    @classmethod
    def facets(cls, params: dict[str, Decimal], text: Callable[[Any], str]
               ) -> Iterator[tuple[str, str]]:
        for key, value in params.items():
            yield f"levels[{key}]", text(value)
