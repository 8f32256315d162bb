"""``tiers`` — 档次: the first tier whose test holds gives its points; no match gives 0.

A test is a unary test on the value (``>= 0.95``, ``[0.85, 0.95)``), laid on the value's line at
load to find overlaps, gaps and tiers out of reach, or any boolean expression.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Self

from pydantic import Field, model_validator

from .._common.messages import Joined
from .._common.numbers import ZERO, plain, show
from .._expr.functions import ExpressionTypeError, number
from .._expr.syntax import Expr
from .._source.format import Expression, ParamsModel, Points, refusal
from .._source.yaml import Path
from .base import (
    DROP,
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
from .line import (
    Interval,
    Span,
    intersect,
    merge,
    official_interval,
    parse_interval,
    span_of,
    span_text,
    subtract,
    value_range,
    whole,
)


class TierSpec(ParamsModel):
    if_: Expression | None = Field(None, alias="if")
    points: Points | None = None
    else_: Points | None = Field(None, alias="else")

    @model_validator(mode="after")
    def _one_form(self) -> TierSpec:
        if self.else_ is not None:
            if self.if_ is not None or self.points is not None:
                raise refusal("PS012.else_tier")
        elif self.if_ is None or self.points is None:
            raise refusal("PS012.tier")
        return self


@dataclass(frozen=True, slots=True)
class Tier:
    test: Interval | Expr | None  # None: the ``else`` tier
    points: Decimal


@dataclass(frozen=True, slots=True)
class Tiers(Method):
    tiers: tuple[Tier, ...]
    name = "tiers"
    spec = Annotated[list[TierSpec], Field(min_length=1)]

    @classmethod
    def build(cls, params: list[TierSpec], site: Build) -> Self | None:
        tiers: list[Tier] = []
        ok = True
        last = len(params) - 1
        for index, tier in enumerate(params):
            if tier.else_ is not None:
                if index != last:
                    site.error("PS217", (index,))
                tiers.append(Tier(None, tier.else_))
                continue
            assert tier.if_ is not None and tier.points is not None
            test: Interval | Expr | None = parse_interval(tier.if_)
            if test is None:
                test = site.expression(tier.if_, (index, "if"))
                ok = ok and test is not None
            tiers.append(Tier(test, tier.points))
        return cls(tuple(tiers)) if ok else None

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
        for index, tier in enumerate(self.tiers):
            test = tier.test
            if test is None:
                hit = True
            elif isinstance(test, Interval):
                hit = number(a, "a tier test") in test
            else:
                result = run(test)
                if not isinstance(result, bool):
                    raise ExpressionTypeError(f"tier test `{test.text}` must be true or false")
                hit = result
            if hit:
                return Outcome(within(tier.points, w), f"tiers[{index}]",
                               {"index": index, "tier": tier})
        return Outcome(ZERO, "tiers", {"index": None})

    def inline(self) -> Inline | None:
        """Tiers whose tests are all intervals (a tier test that is an expression is
        evaluated through ``run``)."""
        names: dict[str, Decimal | None] = {}
        lines: list[str] = []
        for index, tier in enumerate(self.tiers):
            test = tier.test
            if isinstance(test, Expr):
                return None
            names[f"points{index}"] = tier.points
            if test is not None:
                names.update({f"low{index}": test.low, f"high{index}": test.high})
            test_text = "True" if test is None else test.condition(
                "_v", f"{{low{index}}}", f"{{high{index}}}")
            lines += [f"{'el' if index else ''}if {test_text}:", f"    _q = {{points{index}}}"]
        lines += ["else:", "    _q = _ZERO"]
        return Inline("_type(_v) is _D", (*lines, *clamped("_q", "{w}")), names)

    def describe(self, rule: Rule) -> str:
        parts = []
        for tier in self.tiers:
            test = tier.test
            if test is None:
                parts.append(rule.say("tier_else", points=tier.points))
            elif isinstance(test, Interval):
                text = official_interval(test, rule.unit, rule.lang)
                if rule.lang == "zh" and text[-1].isascii():  # ≥95% 得, but 95%（含）得
                    text += " "
                parts.append(rule.say("tier", test=text, points=tier.points))
            else:
                parts.append(rule.say("tier_if", test=test.text.strip(), points=tier.points))
        if self.tiers[-1].test is not None:
            parts.append(rule.say("tier_none"))
        return rule.joined(parts)

    def explain(self, said: Said) -> str:
        name, v = said.name, said.value_text
        index = said.facts["index"]
        if index is None:
            return said.say("tier_none", name=name, value=v)
        test = self.tiers[index].test
        if test is None:
            return said.say("tier_else", name=name, value=v)
        if isinstance(test, Interval):
            return said.say("tier", name=name, value=v, tier=_band(said, test))
        return said.say("tier_if", name=name, value=v, number=index + 1)

    def hint(self, said: Said) -> str:
        """How far the value is from the nearest tier that gives more points, when the tests
        are intervals; empty when there is none or the value is not a number."""
        value = said.value
        if said.kind != "base" or not isinstance(value, Decimal):
            return ""
        # (distance, tier test, its points, whether the value must rise, bound included)
        best: tuple[Decimal, Interval, Decimal, bool, bool] | None = None
        for tier in self.tiers:
            test = tier.test
            if not isinstance(test, Interval) or tier.points <= said.points:
                continue
            low, high = test.low, test.high
            if low is not None and (value < low if test.low_closed else value <= low):
                candidate = (low - value, test, tier.points, True, test.low_closed)
            elif high is not None and (value > high if test.high_closed else value >= high):
                candidate = (value - high, test, tier.points, False, test.high_closed)
            else:
                continue
            if best is None or candidate[0] < best[0]:
                best = candidate
        if best is None:
            return ""
        distance, test, points, up, closed = best
        key = ("tier_up" if up else "tier_down") + ("" if closed else "_more")
        return said.say(key, far=spaced(amount(distance, said.unit, said.lang), said.lang),
                        tier=_band(said, test), gain=plain(points - said.points))

    def lint(self, leaf: Lint) -> None:
        for index, tier in enumerate(self.tiers):
            if tier.points > leaf.points:
                key = "else" if tier.test is None else "points"
                leaf.error("PS224", (index, key), tier=index, points=tier.points,
                           max=leaf.points)
            if isinstance(tier.test, Expr):
                found = leaf.type_of(tier.test)
                if not found.boolean:
                    leaf.in_expression("PS122.tier", tier.test, test=tier.test.text.strip(),
                                       kind=found.term)
        if not any(isinstance(t.test, Interval) for t in self.tiers):
            return
        if not leaf.value.numeric:
            leaf.needs_number(leaf.value_expr, leaf.value, "value")
            return
        if any(isinstance(t.test, Expr) for t in self.tiers):
            return  # only tiers that are all unary tests on the value can be laid on a line
        _Laid(leaf, self).run()

    def branches(self, points: Decimal, target: Decimal | None) -> list[Branch]:
        found = []
        for index, tier in enumerate(self.tiers):
            test = "else" if tier.test is None else f"if {tier.test.text}"
            found.append(Branch(f"tiers[{index}]", f"tier {index} ({test})", ("tiers", index)))
        if self.tiers[-1].test is not None:
            found.append(Branch("tiers none", "no tier matches (0 points)"))
        return found

    def taken(self, outcome: Outcome, value: Any, points: Decimal) -> list[str]:
        return ["tiers none" if outcome.facts.get("index") is None else outcome.rule]

    def expressions(self) -> tuple[Expr, ...]:
        return tuple(t.test for t in self.tiers if isinstance(t.test, Expr))

    def boundaries(self) -> set[Decimal]:
        return {b for t in self.tiers if isinstance(t.test, Interval)
                for b in (t.test.low, t.test.high) if b is not None}

    def mutants(self, points: Decimal) -> list[Mutation]:
        """Each bound of an interval test moved one step of its precision either way or made
        open/closed (``[`` ↔ ``(``, ``>=`` ↔ ``>``); neighbouring tiers' points swapped; each
        tier's points changed; an ``else`` tier dropped (unless it gives 0, as no match does)."""
        found: list[Mutation] = []
        tiers = self.tiers
        for index, tier in enumerate(tiers):
            if isinstance(tier.test, Interval):
                found += [Mutation(f"tiers[{index}] {tier.test.text} → {text}",
                                   (((index, "if"), text),)) for text in _moved(tier.test)]
        for index, (one, two) in enumerate(itertools.pairwise(tiers)):
            if one.points != two.points:
                found.append(Mutation(
                    f"tiers[{index}] and tiers[{index + 1}] swap their points "
                    f"({plain(one.points)} ↔ {plain(two.points)})",
                    ((_points_at(index, one), two.points),
                     (_points_at(index + 1, two), one.points))))
        for index, tier in enumerate(tiers):
            found.append(Mutation(
                f"tiers[{index}] points {plain(tier.points)} → {plain(changed(tier.points))}",
                ((_points_at(index, tier), changed(tier.points)),)))
        last = len(tiers) - 1
        if last and tiers[last].test is None and tiers[last].points:  # `else: 0` is no match
            found.append(Mutation(f"tiers[{last}] else dropped", (((last,), DROP),)))
        return found

    @classmethod
    def facets(cls, params: list[TierSpec], text: Callable[[Any], str]
               ) -> Iterator[tuple[str, str]]:
        for index, tier in enumerate(params):
            if tier.else_ is not None:
                yield f"tiers[{index}]", f"else → {text(tier.else_)}"
            else:
                yield f"tiers[{index}]", f"{tier.if_} → {text(tier.points)}"


def _points_at(index: int, tier: Tier) -> Path:
    return (index, "else") if tier.test is None else (index, "points")


def _moved(test: Interval) -> list[str]:
    """The test with one bound moved a step of its precision down or up, or its end made
    open/closed, as a unary test would be written; variants that hold no value are left out."""
    low, low_closed, high, high_closed = test.low, test.low_closed, test.high, test.high_closed
    variants: list[tuple[Decimal | None, bool, Decimal | None, bool]] = []
    if low is not None and low == high:  # `== x`
        step = step_of(low)
        return [_written(x, True, x, True) for x in (low - step, low + step)]
    if low is not None:
        step = step_of(low)
        variants += [(low - step, low_closed, high, high_closed),
                     (low + step, low_closed, high, high_closed),
                     (low, not low_closed, high, high_closed)]
    if high is not None:
        step = step_of(high)
        variants += [(low, low_closed, high - step, high_closed),
                     (low, low_closed, high + step, high_closed),
                     (low, low_closed, high, not high_closed)]
    return [_written(*v) for v in variants
            if v[0] is None or v[2] is None or v[0] < v[2]]


def _written(low: Decimal | None, low_closed: bool, high: Decimal | None,
             high_closed: bool) -> str:
    """An interval as a unary test: ``>= 0.95``, ``< 0.7``, ``== 1``, ``[0.85, 0.95)``."""
    if low is not None and low == high:
        return f"== {plain(low)}"
    if high is None and low is not None:
        return f"{'>=' if low_closed else '>'} {plain(low)}"
    if low is None and high is not None:
        return f"{'<=' if high_closed else '<'} {plain(high)}"
    return (f"{'[' if low_closed else '('}{'-inf' if low is None else plain(low)}, "
            f"{'inf' if high is None else plain(high)}{']' if high_closed else ')'}")


def _band(said: Said, test: Interval) -> str:
    """A tier named by its interval as the 评分标准 writes it (``85%（含）—95% 档``), or by its
    one value (``为 0 的档次``)."""
    def make() -> str:
        if test.low is not None and test.low == test.high:
            return said.say("band_point", point=spaced(show(test.low, said.unit), said.lang))
        return said.say("band_range", band=spaced(official_interval(test, said.unit, said.lang),
                                                  said.lang))
    return said.once(test, f"band {said.lang}", make)


def _staircase(test: Interval, earlier: list[Interval]) -> bool:
    """``>= 0.95`` then ``>= 0.85`` (or ``<= 0`` then ``<= 0.1``): thresholds read in order,
    first match wins — how published tables write them, so the overlap is meant."""
    return (test.high is None and all(o.high is None for o in earlier)) or (
        test.low is None and all(o.low is None for o in earlier))


class _Laid:
    """Tiers laid on the value's line: overlaps, tiers out of reach, gaps, and whether points
    move one way as the value grows. An integer value has gaps only where an integer falls."""

    def __init__(self, leaf: Lint, method: Tiers) -> None:
        self.leaf = leaf
        self.tiers = method.tiers
        self.whole = leaf.value.integral
        self.full = [value_range(leaf.value)]

    def real(self, spans: Iterable[Span]) -> list[Span]:
        """The spans a value can fall in: for a whole number, those holding an integer."""
        if not self.whole:
            return list(spans)
        return [tight for span in spans if (tight := whole(span)) is not None]

    def run(self) -> None:
        leaf = self.leaf
        covered: list[Span] = []
        owners: list[tuple[int, Interval]] = []
        pieces: list[tuple[Span, Decimal]] = []
        for index, tier in enumerate(self.tiers):
            if not isinstance(tier.test, Interval):
                continue
            test = tier.test
            span = [span_of(test)]
            here: Path = (index, "if")
            if not self.real(merge(span)):
                leaf.error("PS222.empty", here, tier=index, test=test.text)
                continue
            overlap = self.real(intersect(span, covered))
            fresh = self.real(subtract(span, covered))
            earlier = [(j, other) for j, other in owners
                       if self.real(intersect(span, [span_of(other)]))]
            if overlap and not fresh:
                leaf.error("PS222", here, tier=index, test=test.text,
                           earlier=[f"tiers[{j}]" for j, _ in earlier])
            elif overlap and not _staircase(test, [other for _, other in earlier]):
                first, other = earlier[0]
                leaf.error("PS220", here, first=first, first_test=other.text, second=index,
                           second_test=test.text, overlap=span_text(overlap[0]))
            elif not self.real(intersect(span, self.full)):
                leaf.warning("PS225.outside", here, tier=index, test=test.text,
                             range=span_text(self.full[0]))
            owners.append((index, test))
            covered = merge([*covered, *span])
            pieces += [(piece, tier.points) for piece in self.real(intersect(fresh, self.full))]
        rest = self.real(subtract(self.full, covered))
        last = len(self.tiers) - 1
        if self.tiers[last].test is None:
            if not rest:
                leaf.warning("PS225.else", (last,), range=span_text(self.full[0]))
            pieces += [(piece, self.tiers[last].points) for piece in rest]
        else:
            for gap in rest:
                leaf.warning("PS221", (), gap=span_text(gap))
        self.monotone(sorted(pieces))

    def monotone(self, pieces: list[tuple[Span, Decimal]]) -> None:
        points = [p for _, p in pieces]
        pairs = list(itertools.pairwise(points))
        if all(a <= b for a, b in pairs) or all(a >= b for a, b in pairs):
            return
        steps = Joined(tuple(f"{span_text(span)} → {plain(p)}" for span, p in pieces), "; ",
                       "；")
        self.leaf.warning("PS223", (), steps=steps)
