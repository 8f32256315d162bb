"""From a validated scheme document to the structures that score: checked expressions, compiled
methods and the indicator tree, with every load-time error collected at its place in the file.

Compiling checks what is needed to build these (names, the order of lets, ids, the shape of each
method); the checks of what a rule means — types, tiers, weights, unused names — are ``lint``'s,
run on what compiled. Each method builds itself from its parameters (``_methods``).
"""

from __future__ import annotations

import ast
import keyword
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from typing import Any

from .._common.errors import SchemeError
from .._common.limits import MAX_PROBLEMS
from .._common.messages import Hint, closest, did_you_mean
from .._common.numbers import ZERO
from .._expr.functions import FUNCTIONS
from .._expr.syntax import Expr, Scope, Site, parse_expression
from .._methods import METHODS, Equal, Method, Ratio, Reverse
from .._methods.bands import DEFAULT_BANDS, band_of
from .._methods.line import Interval
from .._source.format import NUMERIC_TYPES, RESERVED_KEYS, ROW_FIELDS
from .._source.yaml import Document, Path
from .document import IndicatorSpec, SchemeDoc
from .findings import Findings
from .lint import lint
from .tree import Budget, CompiledScheme, Indicator, Placed, RowRules, Veto

LOCALS = ("value", "target", "points")
"""Names an indicator's own expressions may use beside inputs and lets."""


class _Site:
    """The compiler as one leaf's method sees it while it is built (``_methods.Build``)."""

    def __init__(self, compiler: _Compiler, where: str, score: Path, method: str,
                 local: Mapping[str, str], names: Mapping[str, str],
                 options: Mapping[str, Any]) -> None:
        self.compiler = compiler
        self.where = where
        self.score = score
        self.at: Path = (*score, method)
        self.local = local
        self.names = names
        self.options = options

    def error(self, key: str, path: Path, *, on_key: bool = False,
              suggestion: Hint | None = None, **params: Any) -> None:
        # a path starting with one of the method's options is that key's, beside the method
        at = self.score if path and path[0] in self.options else self.at
        self.compiler.error(key, (*at, *path), on_key=on_key, where=self.where,
                            suggestion=suggestion, **params)

    def expression(self, text: str, path: Path) -> Expr | None:
        return self.compiler.expression(text, self.local, (*self.at, *path), self.where)


class _Compiler:
    def __init__(self, doc: SchemeDoc, document: Document) -> None:
        self.doc = doc
        self.document = document
        self.file = document.file
        self.findings = Findings(document)
        self.error = self.findings.error
        self.rows = {name: frozenset(ROW_FIELDS if spec.of is None else spec.of)
                     for name, spec in doc.inputs.items() if spec.type in ("list", "rows")}
        self.lets: dict[str, Expr] = {}
        self.checks: list[tuple[Expr, Path]] = []
        self.placed: list[Placed] = []
        self.row_sources: dict[str, str] = {}  # rows input -> the indicator it is the rows of

    def expression(self, text: str, names: Mapping[str, str], path: Path,
                   where: str | None) -> Expr | None:
        if len(self.findings.errors) >= MAX_PROBLEMS:  # enough to fix; each costs searches
            return None
        pos = self.document.pos(path)
        site = Site(pos.file or self.file if pos else self.file, pos, where)
        expr, errors = parse_expression(text, Scope(names, self.rows), site)
        self.findings.errors.extend(errors)
        return expr

    def run(self) -> CompiledScheme:
        inputs = self.doc.inputs
        names: dict[str, str] = {}
        for name in inputs:
            if self._reserved(name, ("inputs", name)):
                names[name] = "input"
        declared: list[str] = []
        for name in self.doc.let:
            if name in inputs:
                self.error("PS115.input", ("let", name), on_key=True, name=name)
            elif self._reserved(name, ("let", name)):
                declared.append(name)
        # every let is in scope, so that one used too early is named as such, not as unknown
        names.update(dict.fromkeys(declared, "let"))
        for name in declared:
            expr = self.expression(self.doc.let[name], names, ("let", name), name)
            if expr is not None:
                self.lets[name] = expr
        self._order_lets()
        checks: list[tuple[Expr, str]] = []
        for index, check in enumerate(self.doc.checks):
            path: Path = ("checks", index, "rule")
            expr = self.expression(check.rule, names, path, None)
            if expr is not None:
                checks.append((expr, check.message))
                self.checks.append((expr, path))
        ids: dict[str, Path] = {}
        indicators = tuple(
            node for index, spec in enumerate(self.doc.indicators)
            if (node := self.indicator(spec, ("indicators", index), names, ids)) is not None)
        grades = self.grades()
        return CompiledScheme(tuple(self.lets.items()), tuple(checks), indicators, grades,
                              vetoes=self.vetoes(names), header=self.header(),
                              budget=self.budget(indicators))

    def _order_lets(self) -> None:
        """Lets are computed in order: one that reads itself through others is a cycle, one
        that reads a later let must move that let up."""
        position = {name: index for index, name in enumerate(self.doc.let)}
        edges = {name: sorted((m for m in expr.names if m in self.lets), key=position.__getitem__)
                 for name, expr in self.lets.items()}
        reaches: dict[str, set[str]] = {}
        for name in self.lets:
            seen: set[str] = set()
            stack = list(edges[name])
            while stack:
                other = stack.pop()
                if other not in seen:
                    seen.add(other)
                    stack.extend(edges[other])
            reaches[name] = seen
        reported: set[str] = set()
        for name in self.lets:
            if name in reaches[name] and name not in reported:
                members = {m for m in reaches[name] if name in reaches[m]}
                reported |= members
                self.error("PS108", ("let", name), where=name,
                           cycle=" → ".join(_cycle(name, members, edges)))
        for name, expr in self.lets.items():
            for later in edges[name]:
                if position[later] > position[name] and name not in reaches[later]:
                    node = min((n for n in ast.walk(expr.tree)
                                if isinstance(n, ast.Name) and n.id == later),
                               key=lambda n: (n.lineno, n.col_offset))
                    self.findings.in_expression("PS101.later", expr, node, name=later, let=name)

    def _reserved(self, name: str, path: Path) -> bool:
        if name in RESERVED_KEYS and self.doc.perfscore == "1.1":  # a 1.0 file keeps its names
            self.error("PS115.record", path, on_key=True, name=name)
            return False
        if name in LOCALS or name in FUNCTIONS or keyword.iskeyword(name) or name in (
                "True", "False", "None"):
            self.error("PS115", path, on_key=True, name=name)
            return False
        return True

    def indicator(self, spec: IndicatorSpec, path: Path, names: Mapping[str, str],
                  ids: dict[str, Path]) -> Indicator | None:
        if spec.id in ids:
            first = self.document.at((*ids[spec.id], "id"))
            self.error("PS110", (*path, "id"), where=spec.id, id=spec.id,
                       first=f"{first['file']}:{first['line']}")
        ids[spec.id] = path
        missing = spec.missing or self.doc.settings.missing
        basis = (spec.basis,) if isinstance(spec.basis, str) else tuple(spec.basis or ())
        pos = self.document.pos(path)
        line = pos.line if pos else None
        node: Indicator | None
        if spec.rows is not None:
            node = self.section(spec, path, basis, missing, line)
        elif spec.children is not None:
            children = tuple(
                node for index, child in enumerate(spec.children)
                if (node := self.indicator(child, (*path, "children", index), names, ids))
                is not None)
            total = sum((c.points for c in children if c.kind == "base"), ZERO)
            if spec.points is not None and spec.points != total and len(children) == len(
                    spec.children):
                self.error("PS210", (*path, "points"), where=spec.id, id=spec.id,
                           declared=spec.points, total=total)
            node = Indicator(spec.id, spec.name, spec.kind, total, children, None, None, None,
                             None, basis, missing, None, None, line, None, spec.required,
                             spec.applicable)
        else:
            node = self.leaf(spec, path, names, basis, missing, line)
        if node is not None:
            self.placed.append(Placed(spec, path, node))
        return node

    def leaf(self, spec: IndicatorSpec, path: Path, names: Mapping[str, str],
             basis: tuple[str, ...], missing: str, line: int | None) -> Indicator | None:
        assert spec.score is not None and spec.points is not None
        outer = {**names, "points": "local"}
        value = target = None
        if spec.value is not None:
            value = self.expression(spec.value, outer, (*path, "value"), spec.id)
        if spec.target is not None:
            target = self.expression(spec.target, outer, (*path, "target"), spec.id)
        method = self.method(spec, path, {**outer, "value": "local", "target": "local"}, names)
        if spec.review is not None and spec.target is None:
            self.error("PS216.review", (*path, "review"), where=spec.id)
        if method is None:
            return None
        return Indicator(spec.id, spec.name, spec.kind, spec.points, (), value, target, spec.unit,
                         method, basis, missing,
                         spec.review.over_target if spec.review else None, spec.explain, line,
                         None, spec.required, spec.applicable)

    def section(self, spec: IndicatorSpec, path: Path, basis: tuple[str, ...], missing: str,
             line: int | None) -> Indicator | None:
        """A section of 自评表 rows: the input it reads, and how its rows score."""
        source = spec.rows
        assert source is not None and spec.points is not None
        found = self.doc.inputs.get(source)
        if found is None or found.type != "rows":
            candidates = [n for n, s in self.doc.inputs.items() if s.type == "rows"]
            self.error("PS260", (*path, "rows"), where=spec.id, name=source,
                       suggestion=did_you_mean(closest(source, candidates)))
            return None
        if source in self.row_sources:
            self.error("PS261", (*path, "rows"), where=spec.id, name=source,
                       first=self.row_sources[source])
        self.row_sources.setdefault(source, spec.id)
        bands: dict[str, Interval] = dict(DEFAULT_BANDS)
        if spec.bands is not None:
            bands = {}
            for level, written in spec.bands.items():
                band = band_of(written)
                if band is None:
                    self.error("PS226", (*path, "bands", level), where=spec.id, level=level,
                               band=str(written))
                else:
                    bands[level] = band
        rules = RowRules(source, Reverse(spec.reverse or "inverse"), Equal(), Ratio(), bands)
        return Indicator(spec.id, spec.name, spec.kind, spec.points, (), None, None, None, None,
                         basis, missing, spec.review.over_target if spec.review else None, None,
                         line, rules, spec.required, spec.applicable)

    def header(self) -> tuple[str, ...]:
        for index, name in enumerate(self.doc.header):
            if name not in self.doc.inputs:
                self.error("PS262", ("header", index), name=name,
                           suggestion=did_you_mean(closest(name, self.doc.inputs)))
        return tuple(self.doc.header)

    def budget(self, indicators: tuple[Indicator, ...]) -> Budget | None:
        """The budget block's inputs must be numbers, and its indicator one that scores a
        value: the block shows that value as the 执行率."""
        budget = self.doc.budget
        if budget is None:
            return None
        for key in ("initial", "full_year", "spent"):
            name = getattr(budget, key)
            spec = self.doc.inputs.get(name)
            if spec is None:
                self.error("PS264", ("budget", key), part=key, name=name,
                           suggestion=did_you_mean(closest(name, self.doc.inputs)))
            elif spec.type not in NUMERIC_TYPES:
                self.error("PS264.type", ("budget", key), part=key, name=name, type=spec.type)
        nodes = {node.id: node for root in indicators for node in root.walk()}
        node = nodes.get(budget.indicator)
        if node is None:
            self.error("PS265", ("budget", "indicator"), name=budget.indicator,
                       suggestion=did_you_mean(closest(budget.indicator, nodes)))
        elif node.method is None:
            self.error("PS265.value", ("budget", "indicator"), name=budget.indicator)
        return Budget(budget.initial, budget.full_year, budget.spent, budget.indicator)

    def vetoes(self, names: Mapping[str, str]) -> tuple[Veto, ...]:
        labels = [grade.label for grade in self.doc.grades]
        found: list[Veto] = []
        for index, veto in enumerate(self.doc.vetoes):
            if veto.grade not in labels:
                self.error("PS263", ("vetoes", index, "grade"), grade=veto.grade, grades=labels,
                           suggestion=did_you_mean(closest(veto.grade, labels)))
            path: Path = ("vetoes", index, "if")
            expr = self.expression(veto.when, names, path, None)
            if expr is not None:
                found.append(Veto(expr, veto.grade, veto.message))
                self.checks.append((expr, path))  # typed as a check is: true or false
        return tuple(found)

    def method(self, spec: IndicatorSpec, path: Path, local: Mapping[str, str],
               names: Mapping[str, str]) -> Method | None:
        score = spec.score
        assert score is not None
        kind = METHODS[score.method]
        if kind.needs_target and spec.target is None:
            self.error("PS216", (*path, "score"), where=spec.id, method=kind.name)
        return kind.build(score.params, _Site(self, spec.id, (*path, "score"), kind.name, local,
                                              names, score.options))

    def grades(self) -> tuple[tuple[Decimal, str], ...]:
        grades = self.doc.grades
        for index in range(1, len(grades)):
            if grades[index].min >= grades[index - 1].min:
                self.error("PS212", ("grades", index, "min"))
        if grades and grades[-1].min > 0:
            self.error("PS213", ("grades", len(grades) - 1, "min"), min=grades[-1].min)
        return tuple((g.min, g.label) for g in grades)


def _cycle(start: str, members: set[str], edges: Mapping[str, list[str]]) -> list[str]:
    """The shortest way from ``start`` back to itself through ``members``, ``start`` at both
    ends."""
    paths = {start: [start]}
    queue = [start]
    while queue:
        name = queue.pop(0)
        for other in edges[name]:
            if other == start:
                return [*paths[name], start]
            if other in members and other not in paths:
                paths[other] = [*paths[name], other]
                queue.append(other)
    return [start, start]  # unreachable: start is on a cycle through members


def compile_scheme(doc: SchemeDoc, document: Document) -> CompiledScheme:
    """Compile and check, or raise SchemeError carrying every problem found; warnings are kept
    in ``CompiledScheme.warnings``."""
    compiler = _Compiler(doc, document)
    compiled = compiler.run()
    findings = compiler.findings
    lint(doc, findings, compiler.lets, compiler.checks, compiler.placed, compiled.indicators)
    if findings.errors:
        raise SchemeError.collect(findings.errors)
    return replace(compiled, warnings=tuple(findings.warnings))

