"""From a validated scheme document to the structures that score: checked expressions, compiled
methods and the indicator tree, with every load-time error collected at its place in the file.
"""

from __future__ import annotations

import itertools
import keyword
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ._errors import PerfscoreError, SchemeError
from ._expr import Expr, Scope, Site, compile_expression
from ._format import IndicatorSpec, SchemeDoc, suggest
from ._functions import FUNCTIONS
from ._methods import (
    Checklist,
    Deduct,
    Equal,
    Formula,
    Interval,
    Levels,
    Linear,
    Method,
    Ratio,
    Reverse,
    Tier,
    Tiers,
)
from ._numbers import HUNDRED, ZERO, plain
from ._yaml import Document, Path

LOCALS = ("value", "target", "points")
"""Names an indicator's own expressions may use beside inputs and lets."""

_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?%?"
_COMPARISON = re.compile(rf"^\s*(>=|<=|==|>|<|≥|≤)\s*({_NUMBER})\s*$")
_INTERVAL = re.compile(
    rf"^\s*([\[(])\s*(-inf|{_NUMBER})\s*,\s*(\+?inf|{_NUMBER})\s*([\])])\s*$")


@dataclass(frozen=True, slots=True)
class Indicator:
    """One node of the compiled tree. A leaf has a ``method``; a branch has ``children``.

    ``points`` is the maximum (分值): declared, or for a branch the sum of its base children.
    """

    id: str
    name: str
    kind: str
    points: Decimal
    children: tuple[Indicator, ...]
    value: Expr | None
    target: Expr | None
    unit: str | None
    method: Method | None
    basis: tuple[str, ...]
    missing: str
    review: Decimal | None
    explain: str | None
    line: int | None

    @property
    def is_leaf(self) -> bool:
        return self.method is not None

    def leaves(self) -> list[Indicator]:
        if self.is_leaf:
            return [self]
        return [leaf for child in self.children for leaf in child.leaves()]


@dataclass(frozen=True, slots=True)
class Compiled:
    lets: tuple[tuple[str, Expr], ...]
    checks: tuple[tuple[Expr, str], ...]
    indicators: tuple[Indicator, ...]
    grades: tuple[tuple[Decimal, str], ...]


def _number(text: str) -> Decimal:
    if text.endswith("%"):
        return Decimal(text[:-1]) / HUNDRED
    return Decimal(text)


def parse_interval(text: str) -> Interval | None:
    """A unary test (``>= 0.95``, ``[0.85, 0.95)``, ``< 60%``) as an interval, or None when the
    text is not one (it is then an ordinary boolean expression)."""
    match = _COMPARISON.match(text)
    if match:
        op, bound = match.group(1).replace("≥", ">=").replace("≤", "<="), _number(match.group(2))
        if op == "==":
            return Interval(bound, True, bound, True, text.strip())
        if op in (">=", ">"):
            return Interval(bound, op == ">=", None, False, text.strip())
        return Interval(None, False, bound, op == "<=", text.strip())
    match = _INTERVAL.match(text)
    if match:
        opening, low, high, closing = match.groups()
        return Interval(None if low == "-inf" else _number(low), opening == "[",
                        None if high.lstrip("+") == "inf" else _number(high), closing == "]",
                        text.strip())
    return None


class _Compiler:
    def __init__(self, doc: SchemeDoc, document: Document) -> None:
        self.doc = doc
        self.document = document
        self.file = document.file
        self.errors: list[PerfscoreError] = []
        self.rows = {name: frozenset(spec.of) for name, spec in doc.inputs.items()
                     if spec.of is not None}

    def error(self, message: str, path: Path, code: str, *, where: str | None = None,
              suggestion: str | None = None, key: bool = False) -> None:
        self.errors.append(SchemeError(message, **self.document.at(path, key=key), where=where,
                                       suggestion=suggestion, code=code))

    def expression(self, text: str, names: Mapping[str, str], path: Path,
                   where: str | None) -> Expr | None:
        pos = self.document.pos(path)
        site = Site(pos.file or self.file if pos else self.file, pos, where)
        expr, errors = compile_expression(text, Scope(names, self.rows), site)
        self.errors.extend(errors)
        return expr

    def run(self) -> Compiled:
        inputs = self.doc.inputs
        names: dict[str, str] = {}
        for name in inputs:
            if self._reserved(name, ("inputs", name)):
                names[name] = "input"
        lets: list[tuple[str, Expr]] = []
        for name, text in self.doc.let.items():
            path: Path = ("let", name)
            if name in inputs:
                self.error(f"let {name!r} has the name of an input", path, "PS115", key=True)
                continue
            if not self._reserved(name, path):
                continue
            expr = self.expression(text, names, path, name)
            if expr is None:
                self._explain_later_lets(path)
                continue
            lets.append((name, expr))
            names[name] = "let"
        checks: list[tuple[Expr, str]] = []
        for index, check in enumerate(self.doc.checks):
            expr = self.expression(check.rule, names, ("checks", index, "rule"), None)
            if expr is not None:
                checks.append((expr, check.message))
        ids: dict[str, Path] = {}
        indicators = tuple(
            node for index, spec in enumerate(self.doc.indicators)
            if (node := self.indicator(spec, ("indicators", index), names, ids)) is not None)
        grades = self.grades()
        return Compiled(tuple(lets), tuple(checks), indicators, grades)

    def _explain_later_lets(self, path: Path) -> None:
        """An unknown name that is a later let gets a clearer message than 'unknown name'."""
        lets = list(self.doc.let)
        position = lets.index(str(path[-1]))
        later = lets[position + 1:]
        for error in self.errors:
            if error.code == "PS101" and error.where == path[-1]:
                name = error.message.removeprefix("unknown name ").strip("'")
                if name in later:
                    error.message = (f"let {name!r} is defined after {path[-1]!r}; lets are "
                                     "computed in order, so move it up")
                    error.suggestion = None

    def _reserved(self, name: str, path: Path) -> bool:
        if name in LOCALS or name in FUNCTIONS or keyword.iskeyword(name) or name in (
                "True", "False", "None"):
            self.error(f"{name!r} is reserved (a function, keyword or indicator name) and "
                       "cannot name an input or let", path, "PS115", key=True)
            return False
        return True

    def indicator(self, spec: IndicatorSpec, path: Path, names: Mapping[str, str],
                  ids: dict[str, Path]) -> Indicator | None:
        if spec.id in ids:
            first = self.document.at((*ids[spec.id], "id"))
            self.error(f"indicator id {spec.id!r} is used twice (first at {first['file']}:"
                       f"{first['line']})", (*path, "id"), "PS110", where=spec.id)
        ids[spec.id] = path
        missing = spec.missing or self.doc.settings.missing
        basis = (spec.basis,) if isinstance(spec.basis, str) else tuple(spec.basis or ())
        pos = self.document.pos(path)
        line = pos.line if pos else None
        if spec.children is not None:
            children = tuple(
                node for index, child in enumerate(spec.children)
                if (node := self.indicator(child, (*path, "children", index), names, ids))
                is not None)
            total = sum((c.points for c in children if c.kind == "base"), ZERO)
            if spec.points is not None and spec.points != total and len(children) == len(
                    spec.children):
                self.error(f"branch {spec.id!r} declares {plain(spec.points)} points but its "
                           f"children sum to {plain(total)}", (*path, "points"), "PS111",
                           where=spec.id)
            return Indicator(spec.id, spec.name, spec.kind, total, children, None, None, None,
                             None, basis, missing, None, None, line)
        assert spec.score is not None and spec.points is not None
        outer = {**names, "points": "local"}
        value = target = None
        if spec.value is not None:
            value = self.expression(spec.value, outer, (*path, "value"), spec.id)
        if spec.target is not None:
            target = self.expression(spec.target, outer, (*path, "target"), spec.id)
        method = self.method(spec, path, {**outer, "value": "local", "target": "local"}, names)
        if spec.review is not None and spec.target is None:
            self.error("`review: {over_target: …}` needs a `target`", (*path, "review"), "PS116",
                       where=spec.id)
        if method is None:
            return None
        return Indicator(spec.id, spec.name, spec.kind, spec.points, (), value, target, spec.unit,
                         method, basis, missing,
                         spec.review.over_target if spec.review else None, spec.explain, line)

    def method(self, spec: IndicatorSpec, path: Path, local: Mapping[str, str],
               names: Mapping[str, str]) -> Method | None:
        score = spec.score
        assert score is not None
        at: Path = (*path, "score", score.method)
        kind = score.method
        if kind in ("ratio", "reverse", "equal") and spec.target is None:
            self.error(f"`score: {kind}` needs a `target`", (*path, "score"), "PS116",
                       where=spec.id)
        if score.ratio is not None:
            return Ratio(score.ratio.cap)
        if score.reverse is not None:
            return Reverse(score.reverse.variant)
        if score.equal is not None:
            return Equal()
        if score.tiers is not None:
            return self.tiers(spec, at, local)
        if score.deduct is not None:
            d = score.deduct
            side, threshold = ("above", d.above) if d.above is not None else ("below", d.below)
            assert threshold is not None
            return Deduct(side, threshold, d.per, d.points, d.steps, d.max)
        if score.linear is not None:
            xs = [x for x, _ in score.linear]
            if any(b <= a for a, b in itertools.pairwise(xs)):
                self.error("`linear` breakpoints must be strictly ascending in value", at,
                           "PS114", where=spec.id)
                return None
            return Linear(tuple(score.linear))
        if score.levels is not None:
            return Levels(dict(score.levels))
        if score.checklist is not None:
            for name in score.checklist:
                if name not in names:
                    self.error(f"checklist item {name!r} is not an input or let", (*at, name),
                               "PS101", where=spec.id, suggestion=suggest(name, names), key=True)
            return Checklist(dict(score.checklist))
        assert score.formula is not None
        expr = self.expression(score.formula, local, at, spec.id)
        return Formula(expr) if expr is not None else None

    def tiers(self, spec: IndicatorSpec, at: Path, local: Mapping[str, str]) -> Tiers | None:
        assert spec.score is not None and spec.score.tiers is not None
        tiers: list[Tier] = []
        ok = True
        last = len(spec.score.tiers) - 1
        for index, tier in enumerate(spec.score.tiers):
            if tier.else_ is not None:
                if index != last:
                    self.error("`else` must be the last tier", (*at, index), "PS117",
                               where=spec.id)
                tiers.append(Tier(None, tier.else_))
                continue
            assert tier.if_ is not None and tier.points is not None
            test: Interval | Expr | None = parse_interval(tier.if_)
            if test is None:
                test = self.expression(tier.if_, local, (*at, index, "if"), spec.id)
                ok = ok and test is not None
            tiers.append(Tier(test, tier.points))
        return Tiers(tuple(tiers)) if ok else None

    def grades(self) -> tuple[tuple[Decimal, str], ...]:
        grades = self.doc.grades
        for index in range(1, len(grades)):
            if grades[index].min >= grades[index - 1].min:
                self.error("grades must be listed highest first, with strictly descending `min`",
                           ("grades", index, "min"), "PS112")
        if grades and grades[-1].min > 0:
            self.error(f"the lowest grade starts at {plain(grades[-1].min)}, so a total below it "
                       "has no grade; give the lowest grade `min: 0`",
                       ("grades", len(grades) - 1, "min"), "PS113")
        return tuple((g.min, g.label) for g in grades)


def compile_scheme(doc: SchemeDoc, document: Document) -> Compiled:
    """Compile, or raise SchemeError carrying every problem found."""
    compiler = _Compiler(doc, document)
    compiled = compiler.run()
    if compiler.errors:
        raise SchemeError.collect(compiler.errors)
    return compiled

