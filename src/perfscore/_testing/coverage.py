"""Rule-path coverage: which ways through the rules the worked cases exercise.

A rule path is one way an indicator can be scored — each tier, each side of a deduction
threshold, each level, each checklist item met and unmet, a ratio below and at its target, each
linear segment, ``not_assessed`` when the indicator can be — plus every grade band and every
check (rejecting a record). A path is covered when a *passing* case takes it: a failing case
proves nothing about the path it ran through.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .._common.numbers import ZERO
from .._expr.syntax import Expr
from .._methods import Bands
from .._methods.deadline import Deadline
from .._model.document import IndicatorSpec
from .._model.tree import Indicator
from .._score.result import Item, Result
from .._source.format import InputSpec
from .._source.yaml import Document, Path
from .cases import CaseOutcome

if TYPE_CHECKING:
    from .._scheme import Scheme


@dataclass(frozen=True, slots=True)
class RulePath:
    """One path: ``key`` identifies it (``start_rate tiers[1]``), ``label`` says it in words,
    ``file``/``line`` where its rule is written."""

    key: str
    label: str
    file: str
    line: int | None

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


@dataclass(frozen=True, slots=True)
class Coverage:
    """The rule paths of one scheme and which of them the passing cases exercised."""

    paths: tuple[RulePath, ...]
    covered: frozenset[str]

    @property
    def uncovered(self) -> list[RulePath]:
        return [p for p in self.paths if p.key not in self.covered]

    @property
    def ratio(self) -> Fraction:
        """Covered share of the paths, exactly (1 when there are none)."""
        if not self.paths:
            return Fraction(1)
        return Fraction(len(self.paths) - len(self.uncovered), len(self.paths))

    @property
    def percent(self) -> str:
        """The share as a percentage to one place, rounded down so 99.96% never shows as 100%."""
        tenths = self.ratio * 1000 // 1
        return f"{tenths / 10:.1f}" if tenths % 10 else f"{tenths // 10}"

    def meets(self, minimum: Decimal) -> bool:
        return self.ratio * 100 >= Fraction(minimum)


def coverage(scheme: Scheme, outcomes: Iterable[CaseOutcome]) -> Coverage:
    """Which rule paths of ``scheme`` the passing ``outcomes`` exercised."""
    finder = _Paths(scheme)
    paths = finder.all()
    covered: set[str] = set()
    for outcome in outcomes:
        if not outcome.passed:
            continue
        if outcome.result is not None:
            covered |= finder.taken(outcome.result)
        if outcome.error is not None:
            covered |= finder.rejected_by(outcome.error.errors)
    return Coverage(tuple(paths), frozenset(covered))


class _Paths:
    """Enumerates a scheme's rule paths and maps results back onto them."""

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.document: Document = scheme.document
        self.spec_paths = dict(spec_paths(scheme.spec.indicators, ("indicators",)))
        compiled = scheme._scorer.compiled
        self.lets: Mapping[str, Expr] = dict(compiled.lets)
        self.nonzero = _nonzero_expressions(compiled.checks, scheme.inputs)
        self.leaves = {leaf.id: leaf for node in scheme.indicators for leaf in node.leaves()}
        self.sections = {node.id: node for root in scheme.indicators for node in root.walk()
                         if node.rows is not None}

    def at(self, path: Path, *, key: bool = False) -> tuple[str, int | None]:
        where = self.document.at(path, key=key)
        return where["file"], where["line"]

    def all(self) -> list[RulePath]:
        found: list[RulePath] = []
        for leaf in self.leaves.values():
            found += self.of(leaf)
        for section in self.sections.values():
            found += self.of_rows(section)
        for index, (_, label) in enumerate(self.scheme.grades):
            found.append(RulePath(f"grade {label}", f"grade {label}",
                                  *self.at(("grades", index))))
        for index, check in enumerate(self.scheme.spec.checks):
            found.append(RulePath(f"check {index}", f"check fails: {check.message}",
                                  *self.at(("checks", index))))
        return found

    def of(self, leaf: Indicator) -> list[RulePath]:
        """The paths of one leaf, in the order its rule is written."""
        base = self.spec_paths[leaf.id]
        score: Path = (*base, "score")
        method = leaf.method
        assert method is not None
        found = [RulePath(f"{leaf.id} {b.name}", f"{leaf.id}: {b.label}",
                          *self.at((*score, *b.where), key=b.key))
                 for b in method.branches(leaf.points, _constant(leaf.target))]
        if self.may_be_missing(leaf):
            found.append(RulePath(f"{leaf.id} not_assessed", f"{leaf.id}: not assessed",
                                  *self.at(base)))
        return found

    def of_rows(self, section: Indicator) -> list[RulePath]:
        """The paths of a section of 自评表 rows: each way a row of each nature can score."""
        rules = section.rows
        assert rules is not None
        where = self.at(self.spec_paths[section.id])
        ways = [*((nature, b) for nature, method in (("≥", rules.ratio), ("≤", rules.reverse),
                                                     ("=", rules.equal))
                  for b in method.nonzero_branches()),
                *(("定性", b) for b in Bands(rules.bands, "record", "").branches(ZERO, None)),
                *(("日期", b) for b in Deadline("≤").branches(ZERO, None))]
        return [RulePath(f"{section.id} {nature} {b.name}",
                         f"{section.id}: a {nature} row {b.label}", *where) for nature, b in ways]

    def taken(self, result: Result) -> set[str]:
        """The paths a scored record took."""
        found: set[str] = set()
        if result.grade is not None:
            found.add(f"grade {result.grade}")
        for item in result.walk():
            leaf = self.leaves.get(item.id)
            if leaf is not None and item.is_leaf:
                found |= {f"{item.id} {name}" for name in _taken(leaf, item)}
            elif item.row is not None and item.indicator is not None:
                section = item.id.rpartition(".")[0]
                method = item.indicator.method
                nature = "日期" if isinstance(method, Deadline) else item.row["nature"]
                found |= {f"{section} {nature} {name}"
                          for name in _taken(item.indicator, item)}
        return found

    def rejected_by(self, errors: Iterable[Any]) -> set[str]:
        """The checks whose failure rejected a record: a check is known by its message and its
        rule, which PS302 keeps in its data (the message alone may be shared)."""
        checks = {(c.message, c.rule): index for index, c in enumerate(self.scheme.spec.checks)}
        found = (checks.get((e.params.get("message"), e.params.get("rule")))
                 for e in errors if e.code == "PS302")
        return {f"check {index}" for index in found if index is not None}

    def may_be_missing(self, leaf: Indicator) -> bool:
        """Whether some valid record leaves ``leaf`` not assessed: it reads an optional input,
        divides by something no check or bound keeps from 0, takes min/max/mean of rows that
        may be none, or is a ratio whose target may be 0 or less."""
        method = leaf.method
        assert method is not None
        exprs = [e for e in (leaf.value, leaf.target) if e is not None]
        exprs += method.expressions()
        names: set[str] = set(method.reads())
        seen: set[str] = set()
        while exprs:
            expr = exprs.pop()
            names |= expr.names
            if any(self._may_fail(node) for node in ast.walk(expr.tree)):
                return True
            for name in expr.names:
                if name in self.lets and name not in seen:
                    seen.add(name)
                    exprs.append(self.lets[name])
        for name in names | seen:
            spec = self.scheme.inputs.get(name)
            if spec is not None and not spec.required and spec.default is None:
                return True
        return method.may_skip(_constant(leaf.target))

    def _may_fail(self, node: ast.AST) -> bool:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div | ast.FloorDiv | ast.Mod):
            return not _literal(node.right) and ast.dump(node.right) not in self.nonzero
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("min", "max", "mean") and len(node.args) == 1
                and not isinstance(node.args[0], ast.Constant))


def _taken(leaf: Indicator, item: Item) -> list[str]:
    if item.status == "not_assessed":
        return ["not_assessed"]
    outcome = item.outcome
    if outcome is None or leaf.method is None:
        return []
    return leaf.method.taken(outcome, item.value, leaf.points)


def spec_paths(specs: Iterable[IndicatorSpec], path: Path) -> Iterator[tuple[str, Path]]:
    for index, spec in enumerate(specs):
        here = (*path, index)
        yield spec.id, here
        yield from spec_paths(spec.children or (), (*here, "children"))


def _constant(expr: Expr | None) -> Decimal | None:
    """The value of an expression that is a number literal, else None."""
    return None if expr is None else _literal(expr.tree.body)


def _literal(node: ast.AST) -> Decimal | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _literal(node.operand)
        return None if inner is None else -inner
    value: object = getattr(node, "value", None)
    return value if isinstance(node, ast.Constant) and isinstance(value, Decimal) else None


def _nonzero_expressions(checks: Iterable[tuple[Expr, str]],
                         inputs: Mapping[str, InputSpec]) -> frozenset[str]:
    """Expressions (as ``ast.dump``) that cannot be 0 in an accepted record: those a check
    keeps away from 0 (``x > 0``, ``a + b > 0``, ``x >= 1``, ``x != 0``), and numeric inputs
    whose bounds exclude 0."""
    found: set[str] = set()
    for name, spec in inputs.items():
        if (spec.min is not None and spec.min > 0) or (spec.max is not None and spec.max < 0):
            found.add(ast.dump(ast.Name(name, ast.Load())))
    for expr, _ in checks:
        for node in _conjuncts(expr.tree.body):
            if not (isinstance(node, ast.Compare) and len(node.ops) == 1):
                continue
            left, op, right = node.left, node.ops[0], node.comparators[0]
            if isinstance(op, ast.NotEq):
                for side, other in ((left, right), (right, left)):
                    if _literal(other) == 0:
                        found.add(ast.dump(side))
            for side, other, flipped in ((left, right, False), (right, left, True)):
                bound = _literal(other)
                if bound is None:
                    continue
                above = isinstance(op, ast.Lt | ast.LtE) if flipped else isinstance(
                    op, ast.Gt | ast.GtE)
                below = isinstance(op, ast.Gt | ast.GtE) if flipped else isinstance(
                    op, ast.Lt | ast.LtE)
                strict = isinstance(op, ast.Gt | ast.Lt)
                if (above and (bound > 0 or (bound == 0 and strict))) or (
                        below and (bound < 0 or (bound == 0 and strict))):
                    found.add(ast.dump(side))
    return frozenset(found)


def _conjuncts(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        return [part for value in node.values for part in _conjuncts(value)]
    return [node]

