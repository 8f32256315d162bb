"""``formula`` — 公式: any numeric expression of the inputs, lets, value, target and points,
kept within [0, w]."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Self

from .._common.numbers import show
from .._expr.functions import number
from .._expr.syntax import Expr
from .._source.format import Expression
from .base import Branch, Build, Lint, Method, Outcome, Rule, Run, Said, Values, within


@dataclass(frozen=True, slots=True)
class Formula(Method):
    expr: Expr
    name = "formula"
    spec = Expression
    reads_value = False

    @classmethod
    def build(cls, params: str, site: Build) -> Self | None:
        expr = site.expression(params, ())
        return cls(expr) if expr is not None else None

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
        raw = number(run(self.expr), "formula")
        return Outcome(within(raw, w), "formula", {"raw": raw})

    def describe(self, rule: Rule) -> str:
        return rule.say("formula", formula=self.expr.text.strip())

    def explain(self, said: Said) -> str:
        return said.say("formula", name=said.name, raw=show(said.facts["raw"], None))

    def lint(self, leaf: Lint) -> None:
        leaf.needs_number(self.expr, leaf.type_of(self.expr), "formula")

    def branches(self, points: Decimal, target: Decimal | None) -> list[Branch]:
        return [Branch("formula", "formula computed")]

    def taken(self, outcome: Outcome, value: Any, points: Decimal) -> list[str]:
        return ["formula"]

    def expressions(self) -> tuple[Expr, ...]:
        return (self.expr,)

    @classmethod
    def facets(cls, params: str, text: Callable[[Any], str]) -> Iterator[tuple[str, str]]:
        yield "formula", params
