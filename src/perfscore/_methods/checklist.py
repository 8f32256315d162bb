"""``checklist`` — 逐项计分: each true bool input earns its points, at most w in all."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import Field

from .._common.messages import closest, did_you_mean
from .._common.numbers import ZERO, plain
from .._expr.functions import Absent, ExpressionTypeError
from .._source.format import Name, Points
from .base import (
    DROP,
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
    within,
)


@dataclass(frozen=True, slots=True)
class Checklist(Method):
    items: Mapping[str, Decimal]
    name = "checklist"
    spec = Annotated[dict[Name, Points], Field(min_length=1)]
    reads_value = False

    @classmethod
    def build(cls, params: dict[str, Decimal], site: Build) -> Self:
        for name in params:
            if name not in site.names:
                site.error("PS101.checklist", (name,), on_key=True,
                           suggestion=did_you_mean(closest(name, site.names)), name=name)
        return cls(dict(params))

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
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
        return Outcome(within(total, w), "checklist", {"met": met, "unmet": unmet})

    def describe(self, rule: Rule) -> str:
        return rule.joined(rule.say("check", number=_number(index),
                                    label=rule.labels.get(name, name), points=points)
                           for index, (name, points) in enumerate(self.items.items()))

    def explain(self, said: Said) -> str:
        met, unmet = said.facts["met"], said.facts["unmet"]
        order = list(self.items)

        def numbered(names: list[str]) -> str:
            """The items as the 评分标准 numbers them (①②③, in the scheme's order)."""
            return said.say("checks_and").join(
                said.say("check", number=_number(order.index(name)),
                         label=said.labels.get(name, name)) for name in names)

        text = said.say("checklist", name=said.name, met=len(met), total=len(order))
        if met:
            text += said.say("checklist_met", items=numbered(met))
        if unmet:
            text += said.say("checklist_unmet", count=len(unmet), items=numbered(unmet))
        return text

    def lint(self, leaf: Lint) -> None:
        for name in self.items:
            found = leaf.input_type(name)
            if found is not None and not found.boolean:
                leaf.error("PS125", (name,), on_key=True, name=name, kind=found.term)

    def branches(self, points: Decimal, target: Decimal | None) -> list[Branch]:
        found = []
        for name in self.items:
            where = ("checklist", name)
            found += [Branch(f"met {name}", f"{name} met", where, True),
                      Branch(f"unmet {name}", f"{name} not met", where, True)]
        if sum(self.items.values()) > points:
            found.append(Branch("checklist capped",
                                "items met add up to more than the points (capped)"))
        return found

    def taken(self, outcome: Outcome, value: Any, points: Decimal) -> list[str]:
        facts = outcome.facts
        taken = [f"met {n}" for n in facts["met"]] + [f"unmet {n}" for n in facts["unmet"]]
        if sum(self.items[n] for n in facts["met"]) > points:
            taken.append("checklist capped")
        return taken

    def reads(self) -> frozenset[str]:
        return frozenset(self.items)

    def mutants(self, points: Decimal) -> list[Mutation]:
        """Each item's points changed by a step of their precision; each item dropped."""
        found = [Mutation(f"{name}: {plain(p)} → {plain(changed(p))}",
                          (((name,), changed(p)),)) for name, p in self.items.items()]
        if len(self.items) > 1:
            found += [Mutation(f"{name} dropped", (((name,), DROP),)) for name in self.items]
        return found

    @classmethod
    def facets(cls, params: dict[str, Decimal], text: Callable[[Any], str]
               ) -> Iterator[tuple[str, str]]:
        for key, value in params.items():
            yield f"checklist[{key}]", text(value)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
"""How the 评分标准 numbers a checklist's items."""


def _number(index: int) -> str:
    """The number of the checklist's item ``index`` (from 0): ①, …, ⑳, then (21)."""
    return _CIRCLED[index] if index < len(_CIRCLED) else f"({index + 1})"
