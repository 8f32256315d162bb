"""What a careful reviewer checks in a scheme beyond what it needs to compile: that every
expression has the types its place needs, that each value falls in exactly one tier, that
points add up, and that nothing is declared for nothing.

Errors here are certain — two tiers that overlap, a tier worth more than its indicator, a check
that is a number. What rests on the value's range (inferred from the inputs' ``min`` and
``max``: a gap between tiers, a tier out of reach) or on intent (points that rise and fall, an
unused input) is a warning: the scheme still loads, and ``perfscore check --strict`` fails on it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._common.errors import PerfscoreError
from .._common.messages import Joined, closest, did_you_mean
from .._common.numbers import plain
from .._expr.functions import NotComputable
from .._expr.reference import Evaluator
from .._expr.syntax import Expr
from .._expr.types import ANY, NONE, Type, infer, input_type, number
from .._methods.catalog import (
    Checklist,
    Deduct,
    Equal,
    Formula,
    Interval,
    Levels,
    Linear,
    Ratio,
    Reverse,
    Tiers,
)
from .._source.format import SchemeDoc
from .._source.yaml import Path
from .findings import Findings

if TYPE_CHECKING:
    from .build import Indicator, Placed

# --- the value line -------------------------------------------------------------------------
# A point of the line is a key (x, 0) "just before x" or (x, 1) "just after x"; every interval,
# open or closed at either end, is then a half-open span [low key, high key) of keys, so that
# union, intersection and difference are plain comparisons. ``[a, b)`` is ((a, 0), (b, 0)),
# ``(a, b]`` is ((a, 1), (b, 1)), the point ``a`` is ((a, 0), (a, 1)).

Key = tuple[Decimal, int]
Span = tuple[Key, Key]
_INF = Decimal("Infinity")
_BOTTOM: Key = (-_INF, 0)
_TOP: Key = (_INF, 0)


def _span(test: Interval) -> Span:
    low = _BOTTOM if test.low is None else (test.low, 0 if test.low_closed else 1)
    high = _TOP if test.high is None else (test.high, 1 if test.high_closed else 0)
    return low, high


def _range(value: Type) -> Span:
    """The closed range a value's type allows, unbounded where it is unknown."""
    if value.kind != "number":
        return _BOTTOM, _TOP
    return (_BOTTOM if value.low is None else (value.low, 0),
            _TOP if value.high is None else (value.high, 1))


def _merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for low, high in sorted(s for s in spans if s[0] < s[1]):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _intersect(a: Iterable[Span], b: Iterable[Span]) -> list[Span]:
    return _merge((max(x[0], y[0]), min(x[1], y[1])) for x in a for y in list(b))


def _subtract(a: Iterable[Span], b: Iterable[Span]) -> list[Span]:
    gaps: list[Span] = []
    cursor = _BOTTOM
    for low, high in _merge(b):
        gaps.append((cursor, low))
        cursor = max(cursor, high)
    gaps.append((cursor, _TOP))
    return _intersect(a, _merge(gaps))


def _text(span: Span) -> str:
    """A span as a unary test is written: ``[0.8, 0.9)``, ``(-inf, 0]``; a point as itself."""
    (low, low_side), (high, high_side) = span
    if low == high and (low_side, high_side) == (0, 1):
        return plain(low)
    left = "(-inf" if span[0] == _BOTTOM else f"{'[' if low_side == 0 else '('}{plain(low)}"
    right = "inf)" if span[1] == _TOP else f"{plain(high)}{']' if high_side == 1 else ')'}"
    return f"{left}, {right}"


def _whole(span: Span) -> Span | None:
    """The part of ``span`` between its first and last integers (closed), or None if it holds
    none: for a whole-number value, ``(1, 3)`` is the point 2."""
    (low, low_side), (high, high_side) = span
    if span[0] != _BOTTOM:
        low, low_side = Decimal(math.ceil(low) if low_side == 0 else math.floor(low) + 1), 0
    if span[1] != _TOP:
        high, high_side = Decimal(math.floor(high) if high_side == 1 else math.ceil(high) - 1), 1
    tight = (low, low_side), (high, high_side)
    return tight if tight[0] < tight[1] else None


# --- the checks -----------------------------------------------------------------------------

_NUMERIC = (Ratio, Reverse, Equal, Deduct, Linear)
_TARGETED = (Ratio, Reverse, Equal)


class _Linter:
    def __init__(self, doc: SchemeDoc, findings: Findings, lets: Mapping[str, Expr]) -> None:
        self.doc = doc
        self.findings = findings
        self.lets = lets
        self.known = frozenset(doc.inputs) | frozenset(lets)
        self.env: dict[str, Type] = {name: input_type(name, spec)
                                     for name, spec in doc.inputs.items()}
        self.used: set[str] = set()

    def type_of(self, expr: Expr, env: Mapping[str, Type]) -> Type:
        self.used |= expr.names

        def report(key: str, node: Any, suggestion: str | None = None, **params: Any) -> None:
            self.findings.in_expression(key, expr, node, suggestion=suggestion, **params)

        return infer(expr, env, report)

    def run(self, checks: Iterable[tuple[Expr, Path]], placed: Iterable[Placed],
            roots: tuple[Indicator, ...]) -> None:
        for name, expr in self.lets.items():  # in order: a let sees the types of earlier ones
            self.env[name] = self.type_of(expr, self.env)
        for expr, _ in checks:
            found = self.type_of(expr, self.env)
            if not found.boolean:
                self.findings.in_expression("PS122.check", expr, None, rule=expr.text.strip(),
                                            kind=found.term)
        for place in placed:
            if place.node.is_leaf:
                self.leaf(place)
        self.weights(roots)
        self.unused()

    def leaf(self, place: Placed) -> None:
        spec, path, node = place.spec, place.path, place.node
        method = node.method
        assert spec.score is not None
        at: Path = (*path, "score", spec.score.method)
        env = {**self.env, "points": number(node.points, node.points)}
        value = self.local(node.value, spec.value, env)
        target = self.local(node.target, spec.target, env)
        env.update(value=value, target=target)
        if isinstance(method, _NUMERIC):
            self.needs_number(node.value, value, spec.score.method, "value")
        if isinstance(method, _TARGETED):
            self.needs_number(node.target, target, spec.score.method, "target")
            self.constant_target(node.target, spec.score.method, (*path, "target"), spec.id)
        shown = node.value
        if isinstance(method, Ratio) and method.cap > 1:  # points are clamped to the maximum
            self.findings.warning("PS219", (*at, "cap"), where=spec.id, cap=method.cap)
        if isinstance(method, Tiers):
            self.tiers(place, method, value, env, at)
        elif isinstance(method, Linear):
            for index, (x, points) in enumerate(method.breakpoints):
                if points > node.points:
                    self.findings.error("PS215", (*at, index), where=spec.id, x=x,
                                        points=points, max=node.points)
        elif isinstance(method, Levels):
            self.levels(place, method, value, at)
        elif isinstance(method, Checklist):
            self.used |= set(method.items)
            for name in method.items:
                found = self.env.get(name)
                if found is not None and not found.boolean:
                    self.findings.error("PS125", (*at, name), on_key=True, where=spec.id,
                                        name=name, kind=found.term)
        elif isinstance(method, Formula):
            result = self.type_of(method.expr, env)
            self.needs_number(method.expr, result, "formula", "formula")
            shown = method.expr if shown is None else shown
        if shown is not None and not shown.names & self.known:
            self.findings.warning("PS232", _path_of(place, shown), where=spec.id, id=spec.id,
                                  value=shown.text.strip())

    def local(self, expr: Expr | None, written: str | None, env: Mapping[str, Type]) -> Type:
        """The type of ``value`` or ``target``: unknown if what was written did not compile."""
        if expr is None:
            return NONE if written is None else ANY
        return self.type_of(expr, env)

    def needs_number(self, expr: Expr | None, found: Type, method: str, role: str) -> None:
        if expr is not None and not found.numeric:
            self.findings.in_expression("PS123", expr, None, method=method, role=role,
                                        expression=expr.text.strip(), kind=found.term)

    def constant_target(self, expr: Expr | None, method: str, path: Path, where: str) -> None:
        """A constant target ``ratio`` cannot divide by (≤ 0), or a negative one for ``reverse``
        and ``equal``, leaves the indicator never assessed: better an error now than a surprise
        in every result."""
        if expr is None or expr.names:
            return
        try:
            target = Evaluator().run(expr, {})
        except (PerfscoreError, NotComputable):
            return
        if not isinstance(target, Decimal):
            return
        if method == "ratio" and target <= 0:
            self.findings.error("PS218", path, where=where, target=target)
        elif method != "ratio" and target < 0:
            self.findings.error("PS218.negative", path, where=where, method=method,
                                target=target)

    def tiers(self, place: Placed, method: Tiers, value: Type, env: Mapping[str, Type],
              at: Path) -> None:
        spec, node = place.spec, place.node
        for index, tier in enumerate(method.tiers):
            if tier.points > node.points:
                key = "else" if tier.test is None else "points"
                self.findings.error("PS224", (*at, index, key), where=spec.id, tier=index,
                                    points=tier.points, max=node.points)
            if isinstance(tier.test, Expr):
                found = self.type_of(tier.test, env)
                if not found.boolean:
                    self.findings.in_expression("PS122.tier", tier.test, None,
                                                test=tier.test.text.strip(), kind=found.term)
        if not any(isinstance(t.test, Interval) for t in method.tiers):
            return
        if not value.numeric:
            self.needs_number(node.value, value, "tiers", "value")
            return
        if any(isinstance(t.test, Expr) for t in method.tiers):
            return  # only tiers that are all unary tests on the value can be laid on a line
        _Coverage(self.findings, method, value, at, spec.id).run()

    def levels(self, place: Placed, method: Levels, value: Type, at: Path) -> None:
        spec, node = place.spec, place.node
        if value.kind == "any" or node.value is None:
            return
        if value.kind != "choice":
            self.findings.in_expression("PS123.levels", node.value, None,
                                        expression=node.value.text.strip(), kind=value.term)
            return
        missing = [option for option in value.options if option not in method.fractions]
        for level in method.fractions:
            if level not in value.options:
                self.findings.error("PS124.extra", (*at, level), on_key=True, where=spec.id,
                                    suggestion=did_you_mean(closest(level, missing)),
                                    level=level, name=value.name, options=list(value.options))
        if missing:
            self.findings.error("PS124.missing", at, where=spec.id, options=missing,
                                name=value.name)

    def weights(self, roots: tuple[Indicator, ...]) -> None:
        """Bonus and penalty items are on top of the total, so they count in neither."""
        if len(roots) != len(self.doc.indicators):
            return
        total = sum((root.points for root in roots if root.kind == "base"), Decimal(0))
        full = self.doc.settings.total
        if total != full:
            written = "total" in self.doc.settings.model_fields_set
            self.findings.warning("PS211", ("settings", "total") if written else ("indicators",),
                                  total=total, full=full)

    def unused(self) -> None:
        for name in self.doc.inputs:
            if name not in self.used:
                self.findings.warning("PS230", ("inputs", name), on_key=True, where=name,
                                      name=name)
        for name in self.lets:
            if name not in self.used:
                self.findings.warning("PS231", ("let", name), on_key=True, where=name,
                                      name=name)


def _path_of(place: Placed, expr: Expr) -> Path:
    assert place.spec.score is not None
    if expr is place.node.value:
        return (*place.path, "value")
    return (*place.path, "score", place.spec.score.method)


def _staircase(test: Interval, earlier: list[Interval]) -> bool:
    """``>= 0.95`` then ``>= 0.85`` (or ``<= 0`` then ``<= 0.1``): thresholds read in order,
    first match wins — how published tables write them, so the overlap is meant."""
    return (test.high is None and all(o.high is None for o in earlier)) or (
        test.low is None and all(o.low is None for o in earlier))


class _Coverage:
    """Tiers laid on the value's line: overlaps, tiers out of reach, gaps, and whether points
    move one way as the value grows. An integer value has gaps only where an integer falls."""

    def __init__(self, findings: Findings, method: Tiers, value: Type, at: Path,
                 where: str) -> None:
        self.findings = findings
        self.tiers = method.tiers
        self.whole = value.integral
        self.full = [_range(value)]
        self.at = at
        self.where = where

    def real(self, spans: Iterable[Span]) -> list[Span]:
        """The spans a value can fall in: for a whole number, those holding an integer."""
        if not self.whole:
            return list(spans)
        return [tight for span in spans if (tight := _whole(span)) is not None]

    def run(self) -> None:
        covered: list[Span] = []
        owners: list[tuple[int, Interval]] = []
        pieces: list[tuple[Span, Decimal]] = []
        for index, tier in enumerate(self.tiers):
            if not isinstance(tier.test, Interval):
                continue
            test = tier.test
            span = [_span(test)]
            here: Path = (*self.at, index, "if")
            if not self.real(_merge(span)):
                self.findings.error("PS222.empty", here, where=self.where, tier=index,
                                    test=test.text)
                continue
            overlap = self.real(_intersect(span, covered))
            fresh = self.real(_subtract(span, covered))
            earlier = [(j, other) for j, other in owners
                       if self.real(_intersect(span, [_span(other)]))]
            if overlap and not fresh:
                self.findings.error("PS222", here, where=self.where, tier=index, test=test.text,
                                    earlier=[f"tiers[{j}]" for j, _ in earlier])
            elif overlap and not _staircase(test, [other for _, other in earlier]):
                first, other = earlier[0]
                self.findings.error("PS220", here, where=self.where, first=first,
                                    first_test=other.text, second=index, second_test=test.text,
                                    overlap=_text(overlap[0]))
            elif not self.real(_intersect(span, self.full)):
                self.findings.warning("PS225.outside", here, where=self.where, tier=index,
                                      test=test.text, range=_text(self.full[0]))
            owners.append((index, test))
            covered = _merge([*covered, *span])
            pieces += [(piece, tier.points) for piece in self.real(_intersect(fresh, self.full))]
        rest = self.real(_subtract(self.full, covered))
        last = len(self.tiers) - 1
        if self.tiers[last].test is None:
            if not rest:
                self.findings.warning("PS225.else", (*self.at, last), where=self.where,
                                      range=_text(self.full[0]))
            pieces += [(piece, self.tiers[last].points) for piece in rest]
        else:
            for gap in rest:
                self.findings.warning("PS221", self.at, where=self.where, gap=_text(gap))
        self.monotone(sorted(pieces))

    def monotone(self, pieces: list[tuple[Span, Decimal]]) -> None:
        points = [p for _, p in pieces]
        pairs = list(itertools.pairwise(points))
        if all(a <= b for a, b in pairs) or all(a >= b for a, b in pairs):
            return
        steps = Joined(tuple(f"{_text(span)} → {plain(p)}" for span, p in pieces), "; ", "；")
        self.findings.warning("PS223", self.at, where=self.where, steps=steps)


def lint(doc: SchemeDoc, findings: Findings, lets: Mapping[str, Expr],
         checks: Iterable[tuple[Expr, Path]], placed: Iterable[Placed],
         roots: tuple[Indicator, ...]) -> None:
    """Check what compiled of ``doc``, adding errors and warnings to ``findings``."""
    _Linter(doc, findings, lets).run(checks, placed, roots)
