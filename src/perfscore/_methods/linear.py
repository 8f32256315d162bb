"""``linear`` — 线性插值 between ascending breakpoints (value, points), flat outside them."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import Field

from .._common.messages import render
from .._common.numbers import CONTEXT, plain, show
from .._expr.functions import number
from .._source.format import Number, Points
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

    def inline(self) -> Inline:
        points = self.breakpoints
        names: dict[str, Decimal] = {"x0": points[0][0], "y0": points[0][1]}
        lines = ["if _v <= {x0}:", "    _q = {y0}"]
        for index, ((x0, y0), (x1, y1)) in enumerate(itertools.pairwise(points)):
            names.update({f"x{index + 1}": x1, f"y{index + 1}": y1,  # as `score` computes
                          f"rise{index}": CONTEXT.subtract(y1, y0),
                          f"run{index}": CONTEXT.subtract(x1, x0)})
            lines += [f"elif _v <= {{x{index + 1}}}:",
                      f"    _q = {{y{index}}} + {{rise{index}}} * (_v - {{x{index}}}) / "
                      f"{{run{index}}}"]
        lines += ["else:", f"    _q = {{y{len(points) - 1}}}", *clamped("_q", "{w}")]
        return Inline("_type(_v) is _D", tuple(lines), names)

    def segments(self, unit: str | None, lang: str) -> str:
        """The breakpoints as the 评分标准 writes them: ``10%（0 分）至 30%（5 分）``."""
        return listed((render("rule.linear_segment", {
            "low": show(x0, unit), "low_points": y0, "high": show(x1, unit), "high_points": y1},
            lang) for (x0, y0), (x1, y1) in itertools.pairwise(self.breakpoints)), lang == "zh")

    def describe(self, rule: Rule) -> str:
        steps = self.breakpoints
        segments = self.segments(rule.unit, rule.lang)
        return rule.say("linear", segments=segments, first=show(steps[0][0], rule.unit),
                        first_points=steps[0][1], last=show(steps[-1][0], rule.unit),
                        last_points=steps[-1][1])

    def explain(self, said: Said) -> str:
        segments = said.once(self, said.lang, lambda: self.segments(said.unit, said.lang))
        return said.say("linear", name=said.name, value=said.value_text, segments=segments)

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
