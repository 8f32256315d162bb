"""``deduct`` — 扣分制: w − min(max, k × n), where n is the distance past the threshold in
steps of ``per`` (exact, or rounded up or down to whole steps); with ``each:``, several
checkpoints, each with its own value and threshold, share one ``max`` (quarterly 支出进度:
25% / 50% / 75% by the end of Q1 / Q2 / Q3, "扣完为止")."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal, Self

from pydantic import Field, model_validator

from .._common.messages import render
from .._common.numbers import ZERO, plain, show
from .._expr.functions import number
from .._expr.syntax import Expr
from .._source.format import Expression, Number, ParamsModel, Points, refusal
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
    amount,
    changed,
    clamped,
    spaced,
    step_of,
    within,
)

Steps = Literal["exact", "ceil", "floor"]


class CheckpointParams(ParamsModel):
    """One checkpoint of ``each``: its own value, one threshold, its rate of deduction."""

    value: Expression
    name: str | None = None
    above: Number | None = None
    below: Number | None = None
    per: Annotated[Number, Field(gt=0)]
    points: Points
    steps: Steps = "exact"

    @model_validator(mode="after")
    def _one_side(self) -> CheckpointParams:
        if (self.above is None) == (self.below is None):
            raise refusal("PS012.deduct_side")
        return self


class DeductParams(ParamsModel):
    above: Number | None = None
    below: Number | None = None
    per: Annotated[Number, Field(gt=0)] | None = None
    points: Points | None = None
    steps: Steps = "exact"
    max: Points | None = None
    each: Annotated[list[CheckpointParams], Field(min_length=1)] | None = None

    @model_validator(mode="after")
    def _one_side(self) -> DeductParams:
        if self.each is not None:
            beside = [key for key in ("above", "below", "per", "points", "steps")
                      if key in self.model_fields_set]
            if beside:
                raise refusal("PS012.deduct_each", keys=beside)
            return self
        if (self.above is None) == (self.below is None):
            raise refusal("PS012.deduct_side")
        for key in ("per", "points"):  # required, as without `each` they always were
            if getattr(self, key) is None:
                raise refusal("PS012.missing", name=key)
        return self


def _taken(side: str, threshold: Decimal, per: Decimal, points: Decimal, steps: str,
           a: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """How far ``a`` is past the threshold, in how many steps, and what that takes off
    before any ``max``."""
    excess = a - threshold if side == "above" else threshold - a
    if excess <= 0:
        return ZERO, ZERO, ZERO
    count = excess / per
    if steps == "ceil":
        count = Decimal(math.ceil(count))
    elif steps == "floor":
        count = Decimal(math.floor(count))
    return excess, count, points * count


def _around(threshold: Decimal, per: Decimal) -> set[Decimal]:
    """Where a threshold's deduction starts, and one step either side of it."""
    return {threshold, threshold + per, threshold - per}


def per_text(per: Decimal, unit: str | None, lang: str) -> str:
    """A step of deduction as ``每 {per}扣`` reads it: a bare number keeps one space before
    the Chinese that follows (``每 10 扣``), a unit needs none (``每 5 个百分点扣``)."""
    return spaced(amount(per, unit, lang), lang)


def _rule(rule: Rule, key: str, threshold: Decimal, per: Decimal, each: Decimal, steps: str,
          **more: str | Decimal) -> str:
    """One threshold's part of the 评分标准: ``each`` points off per ``per`` past it, rounded
    how."""
    step = per_text(per, rule.unit, rule.lang)
    text = rule.say(key, threshold=show(threshold, rule.unit), per=step, each=each, **more)
    return text + ("" if steps == "exact" else rule.say(f"deduct_{steps}", per=step))


def _sentence(said: Said, owner: object, name: str, v: str, side: str, threshold: Decimal,
              per: Decimal, points: Decimal, steps: str, excess: Decimal, deduction: Decimal,
              cap: str = "") -> str:
    """One threshold's part of the explanation: within it, or past it, at what rate (rounded
    how), and what it took; ``cap`` says where a deduction met its limit."""
    unit = said.unit
    limit = said.once(owner, "threshold", lambda: show(threshold, unit))
    if excess <= 0:
        return said.say(f"deduct_within_{side}", name=name, value=v, threshold=limit)
    step = said.once(owner, said.lang, lambda: per_text(per, unit, said.lang))
    rounding = ("" if steps == "exact"
                else render(f"rule.deduct_{steps}", {"per": step}, said.lang))
    return said.say(f"deduct_{side}", name=name, value=v, threshold=limit,
                    past=amount(excess, unit, said.lang), per=step,
                    each=said.once(owner, "each", lambda: plain(points)), rounding=rounding,
                    taken=show(deduction, None), cap=cap)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """A checkpoint of ``each``, with its value compiled."""

    expr: Expr
    name: str | None
    side: str
    threshold: Decimal
    per: Decimal
    points: Decimal
    steps: str

    def label(self, labels: Callable[[str, str], str]) -> str:
        """Its ``name``, else the label of the input its value is, else the value as
        written."""
        if self.name is not None:
            return self.name
        written = self.expr.text.strip()
        return labels(written, written)


@dataclass(frozen=True, slots=True)
class Deduct(Method):
    """Without ``each`` the fields are the one threshold; with it they are unused and
    ``each`` holds the checkpoints."""

    side: str  # "above" | "below"
    threshold: Decimal
    per: Decimal
    points: Decimal
    steps: str
    max: Decimal | None
    each: tuple[Checkpoint, ...] = ()
    name = "deduct"
    spec = DeductParams
    numeric = True

    @classmethod
    def needs_value(cls, params: DeductParams) -> bool:
        return params.each is None

    @classmethod
    def build(cls, params: DeductParams, site: Build) -> Self | None:
        if params.each is not None:
            each = []
            for index, point in enumerate(params.each):
                expr = site.expression(point.value, ("each", index, "value"))
                side, threshold = (("above", point.above) if point.above is not None
                                   else ("below", point.below))
                if expr is None or threshold is None:
                    continue
                each.append(Checkpoint(expr, point.name, side, threshold, point.per,
                                       point.points, point.steps))
            if len(each) != len(params.each):
                return None
            return cls("each", ZERO, ZERO, ZERO, "exact", params.max, tuple(each))
        side, threshold = (("above", params.above) if params.above is not None
                           else ("below", params.below))
        assert threshold is not None and params.per is not None and params.points is not None
        return cls(side, threshold, params.per, params.points, params.steps, params.max)

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
        limit = w if self.max is None else self.max
        if self.each:
            parts = []
            total = ZERO
            for point in self.each:
                value = number(run(point.expr), "value")
                excess, _, taken = _taken(point.side, point.threshold, point.per, point.points,
                                          point.steps, value)
                parts.append((value, excess, taken))
                total += taken
            deduction = min(limit, total)
            return Outcome(within(w - deduction, w), "deduct",
                           {"each": tuple(parts), "deduction": deduction, "capped":
                            total > limit, "limit": limit})
        a = number(a, "value")
        excess, steps, taken = _taken(self.side, self.threshold, self.per, self.points,
                                      self.steps, a)
        if excess <= 0:
            return Outcome(w, "deduct", {"excess": ZERO, "deduction": ZERO})
        deduction = min(limit, taken)
        return Outcome(within(w - deduction, w), "deduct",
                       {"excess": excess, "steps": steps, "deduction": deduction})

    def inline(self) -> Inline | None:
        """One threshold (checkpoints read their own expressions through ``run``)."""
        if self.each:
            return None
        limit = "{w}" if self.max is None else "{max}"
        return Inline("_type(_v) is _D", (
            "_x, _, _k = {taken}(_v)",
            "if not _x > _ZERO:", "    _q = {w}",
            "else:", f"    if not _k < {limit}:", f"        _k = {limit}",  # min(limit, taken)
            "    _q = {w} - _k", *("    " + line for line in clamped("_q", "{w}"))),
            {"max": self.max, "taken": functools.partial(
                _taken, self.side, self.threshold, self.per, self.points, self.steps)})

    def describe(self, rule: Rule) -> str:
        below = self.max is not None and self.max < rule.points
        if self.each:
            parts = [_rule(rule, f"deduct_each_{point.side}", point.threshold, point.per,
                           point.points, point.steps,
                           label=spaced(point.label(rule.labels.get), rule.lang))
                     for point in self.each]
            limit = (rule.say("deduct_each_max", max=self.max) if below
                     else rule.say("deduct_each_end"))
            return rule.say("deduct_each", points=rule.points, parts=rule.joined(parts),
                            limit=limit)
        text = _rule(rule, f"deduct_{self.side}", self.threshold, self.per, self.points,
                     self.steps, points=rule.points)
        return text + (rule.say("deduct_max", max=self.max) if below else rule.say("deduct_end"))

    def explain(self, said: Said) -> str:
        facts = said.facts
        if not self.each:
            cap = ""
            if facts["excess"] > 0 and self.points * facts["steps"] > facts["deduction"]:
                cap = (render("rule.deduct_max", {"max": self.max}, said.lang)
                       if self.max is not None and self.max < said.max
                       else render("rule.deduct_end", {}, said.lang))
            return _sentence(said, self, said.name, said.value_text, self.side,
                             self.threshold, self.per, self.points, self.steps,
                             facts["excess"], facts["deduction"], cap)
        parts = [_sentence(said, point, point.label(said.labels.get), show(value, said.unit),
                           point.side, point.threshold, point.per, point.points, point.steps,
                           excess, taken)
                 for point, (value, excess, taken) in zip(self.each, facts["each"],
                                                          strict=True)]
        return said.say("deduct_each_capped" if facts["capped"] else "deduct_each",
                        name=said.name, parts=said.say("checks_and").join(parts),
                        taken=show(facts["deduction"], None),
                        limit=show(facts["limit"], None))

    def lint(self, leaf: Lint) -> None:
        for point in self.each:
            leaf.needs_number(point.expr, leaf.type_of(point.expr), "value")

    def branches(self, points: Decimal, target: Decimal | None) -> list[Branch]:
        if self.each:
            found = []
            for index, point in enumerate(self.each):
                near = "at or below" if point.side == "above" else "at or above"
                threshold, where = plain(point.threshold), ("deduct", "each", index)
                found += [Branch(f"deduct each[{index}] within",
                                 f"each[{index}] {near} {threshold} (nothing deducted)", where),
                          Branch(f"deduct each[{index}] past",
                                 f"each[{index}] {point.side} {threshold} (deducted)", where)]
            return [*found, Branch("deduct capped", "the deductions reach their maximum")]
        near = "at or below" if self.side == "above" else "at or above"
        threshold = plain(self.threshold)
        return [Branch("deduct within", f"{near} {threshold} (nothing deducted)"),
                Branch("deduct past", f"{self.side} {threshold} (deducted)"),
                Branch("deduct capped", "deduction reaches its maximum")]

    def taken(self, outcome: Outcome, value: Any, points: Decimal) -> list[str]:
        facts = outcome.facts
        if self.each:
            return [*(f"deduct each[{index}] {'past' if excess > 0 else 'within'}"
                      for index, (_, excess, _) in enumerate(facts["each"])),
                    *(["deduct capped"] if facts["deduction"] >= facts["limit"] else [])]
        if facts["excess"] <= 0:
            return ["deduct within"]
        limit = points if self.max is None else self.max
        return ["deduct past", *(["deduct capped"] if facts["deduction"] >= limit else [])]

    def expressions(self) -> tuple[Expr, ...]:
        return tuple(point.expr for point in self.each)

    @classmethod
    def facets(cls, params: DeductParams, text: Callable[[Any], str]
               ) -> Iterator[tuple[str, str]]:
        """As every method's, and each checkpoint's keys one by one (``deduct.each[1].below``),
        so that ``diff`` names the one that changed."""
        written = [("deduct", params.model_dump(exclude={"each"}))]
        written += [(f"deduct.each[{index}]", point.model_dump())
                    for index, point in enumerate(params.each or ())]
        for prefix, values in written:
            for key, value in values.items():
                if value is not None:
                    yield f"{prefix}.{key}", text(value)

    def boundaries(self) -> set[Decimal]:
        if self.each:
            return set()
        return _around(self.threshold, self.per)

    def own_boundaries(self) -> tuple[tuple[Expr, frozenset[Decimal]], ...]:
        return tuple((p.expr, frozenset(_around(p.threshold, p.per))) for p in self.each)

    def mutants(self, points: Decimal) -> list[Mutation]:
        """The threshold moved one ``per`` either way; ``per``, ``points`` and ``max``
        changed (a ``max`` below the points added); the other ``steps`` — of each
        checkpoint with ``each``."""
        limit = points if self.max is None else self.max
        found = []
        singles = ([((), self.side, self.threshold, self.per, self.points, self.steps)]
                   if not self.each else
                   [(("each", index), p.side, p.threshold, p.per, p.points, p.steps)
                    for index, p in enumerate(self.each)])
        for at, side, threshold, per, each, steps in singles:
            named = f"each[{at[1]}] " if at else ""
            found += [Mutation(f"{named}{side} {plain(threshold)} → {plain(moved)}",
                               (((*at, side), moved),))
                      for moved in (threshold - per, threshold + per)]
            found += [Mutation(f"{named}per {plain(per)} → {plain(per + step_of(per))}",
                               (((*at, "per"), per + step_of(per)),)),
                      Mutation(f"{named}points {plain(each)} → {plain(changed(each))}",
                               (((*at, "points"), changed(each)),))]
            if not at:
                found.append(Mutation(f"max {plain(limit)} → {plain(changed(limit))}",
                                      ((("max",), changed(limit)),)))
            found += [Mutation(f"{named}steps {steps} → {other}", (((*at, "steps"), other),))
                      for other in ("exact", "ceil", "floor") if other != steps]
        if self.each:
            found.append(Mutation(f"max {plain(limit)} → {plain(changed(limit))}",
                                  ((("max",), changed(limit)),)))
        return found
