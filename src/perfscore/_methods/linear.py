"""``linear`` — 线性插值 between ascending breakpoints (value, points), flat outside them."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import Field

from .._common.numbers import plain, show
from .._expr.functions import number
from .._source.format import Number, Points
from .base import (
    Branch,
    Build,
    Lint,
    Method,
    Mutation,
    Outcome,
    Rule,
    Run,
    Said,
    Values,
    changed,
    listed,
    step_of,
    within,
)


@dataclass(frozen=True, slots=True)
class Linear(Method):
    breakpoints: tuple[tuple[Decimal, Decimal], ...]
    name = "linear"
    spec = Annotated[list[tuple[Number, Points]], Field(min_length=2)]
    numeric = True

    @classmethod
    def build(cls, params: list[tuple[Decimal, Decimal]], site: Build) -> Self | None:
        xs = [x for x, _ in params]
        if any(b <= a for a, b in itertools.pairwise(xs)):
            site.error("PS214", ())
            return None
        return cls(tuple(params))

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
        a = number(a, "value")
        points = self.breakpoints
        if a <= points[0][0]:
            return Outcome(within(points[0][1], w), "linear", {"segment": 0})
        for index, ((x0, y0), (x1, y1)) in enumerate(itertools.pairwise(points)):
            if a <= x1:
                value = y0 + (y1 - y0) * (a - x0) / (x1 - x0)
                return Outcome(within(value, w), "linear", {"segment": index + 1})
        return Outcome(within(points[-1][1], w), "linear", {"segment": len(points)})

    def describe(self, rule: Rule) -> str:
        steps = self.breakpoints
        segments = listed((rule.say("linear_segment", low=show(x0, rule.unit), low_points=y0,
                                    high=show(x1, rule.unit), high_points=y1)
                           for (x0, y0), (x1, y1) in itertools.pairwise(steps)),
                          rule.lang == "zh")
        return rule.say("linear", segments=segments, first=show(steps[0][0], rule.unit),
                        first_points=steps[0][1], last=show(steps[-1][0], rule.unit),
                        last_points=steps[-1][1])

    def explain(self, said: Said) -> str:
        points = said.once(self, said.lang, lambda: listed(
            (f"({show(x, said.unit)}, {plain(y)})" for x, y in self.breakpoints), said.zh))
        return (f"{said.name} {said.value_text}，按 {points} 线性插值" if said.zh
                else f"{said.name} is {said.value_text}, interpolated between {points}")

    def lint(self, leaf: Lint) -> None:
        for index, (x, points) in enumerate(self.breakpoints):
            if points > leaf.points:
                leaf.error("PS215", (index,), x=x, points=points, max=leaf.points)

    def branches(self, points: Decimal, target: Decimal | None) -> list[Branch]:
        steps = self.breakpoints
        found = [Branch("linear[0]", f"at or below the first breakpoint {plain(steps[0][0])}")]
        for index in range(1, len(steps)):
            found.append(Branch(f"linear[{index}]", f"between {plain(steps[index - 1][0])} "
                                                    f"and {plain(steps[index][0])}"))
        found.append(Branch(f"linear[{len(steps)}]",
                            f"above the last breakpoint {plain(steps[-1][0])}"))
        return found

    def taken(self, outcome: Outcome, value: Any, points: Decimal) -> list[str]:
        return [f"linear[{outcome.facts['segment']}]"]

    def boundaries(self) -> set[Decimal]:
        return {x for x, _ in self.breakpoints}

    def mutants(self, points: Decimal) -> list[Mutation]:
        """Each breakpoint moved one step of its precision either way; its points changed."""
        found: list[Mutation] = []
        for index, (x, y) in enumerate(self.breakpoints):
            found += [Mutation(f"linear[{index}] {plain(x)} → {plain(moved)}",
                               (((index, 0), moved),))
                      for moved in (x - step_of(x), x + step_of(x))]
            found.append(Mutation(f"linear[{index}] points {plain(y)} → {plain(changed(y))}",
                                  (((index, 1), changed(y)),)))
        return found

    @classmethod
    def facets(cls, params: list[tuple[Decimal, Decimal]], text: Callable[[Any], str]
               ) -> Iterator[tuple[str, str]]:
        yield "linear", text([list(p) for p in params])
