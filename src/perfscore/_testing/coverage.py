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

from .._common.numbers import plain
from .._expr.syntax import Expr
from .._methods.catalog import (
    Checklist,
    Deduct,
    Equal,
    Formula,
    Levels,
    Linear,
    Ratio,
    Reverse,
    Tiers,
)
from .._model.build import Indicator
from .._score.result import Item, Result
from .._source.format import IndicatorSpec, InputSpec
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
        self.spec_paths = dict(_spec_paths(scheme.spec.indicators, ("indicators",)))
        compiled = scheme._scorer.compiled
        self.lets: Mapping[str, Expr] = dict(compiled.lets)
        self.nonzero = _nonzero_expressions(compiled.checks, scheme.inputs)
        self.leaves = {leaf.id: leaf for node in scheme.indicators for leaf in node.leaves()}

    def at(self, path: Path, *, key: bool = False) -> tuple[str, int | None]:
        where = self.document.at(path, key=key)
        return where["file"], where["line"]

    def all(self) -> list[RulePath]:
        found: list[RulePath] = []
        for leaf in self.leaves.values():
            found += self.of(leaf)
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

        def path(name: str, label: str, where: Path = score, key: bool = False) -> RulePath:
            return RulePath(f"{leaf.id} {name}", f"{leaf.id}: {label}",
                            *self.at(where, key=key))

        found: list[RulePath] = []
        if isinstance(method, Tiers):
            for index, tier in enumerate(method.tiers):
                test = "else" if tier.test is None else f"if {tier.test.text}"
                found.append(path(f"tiers[{index}]", f"tier {index} ({test})",
                                  (*score, "tiers", index)))
            if method.tiers[-1].test is not None:
                found.append(path("tiers none", "no tier matches (0 points)"))
        elif isinstance(method, Deduct):
            near = "at or below" if method.side == "above" else "at or above"
            threshold = plain(method.threshold)
            found += [path("deduct within", f"{near} {threshold} (nothing deducted)"),
                      path("deduct past", f"{method.side} {threshold} (deducted)"),
                      path("deduct capped", "deduction reaches its maximum")]
        elif isinstance(method, Ratio | Equal | Reverse):
            found += self._target_paths(leaf, path)
        elif isinstance(method, Linear):
            points = method.breakpoints
            found.append(path("linear[0]", f"at or below the first breakpoint "
                                           f"{plain(points[0][0])}"))
            for index in range(1, len(points)):
                found.append(path(f"linear[{index}]", f"between {plain(points[index - 1][0])} "
                                                      f"and {plain(points[index][0])}"))
            found.append(path(f"linear[{len(points)}]",
                              f"above the last breakpoint {plain(points[-1][0])}"))
        elif isinstance(method, Levels):
            for level in method.fractions:
                found.append(path(f"level {level}", f"level {level}",
                                  (*score, "levels", level), key=True))
        elif isinstance(method, Checklist):
            for name in method.items:
                where: Path = (*score, "checklist", name)
                found += [path(f"met {name}", f"{name} met", where, True),
                          path(f"unmet {name}", f"{name} not met", where, True)]
            if sum(method.items.values()) > leaf.points:
                found.append(path("checklist capped", "items met add up to more than the "
                                  "points (capped)"))
        elif isinstance(method, Formula):
            found.append(path("formula", "formula computed"))
        if self.may_be_missing(leaf):
            found.append(path("not_assessed", "not assessed", base))
        return found

    def _target_paths(self, leaf: Indicator, path: Any) -> list[RulePath]:
        method = leaf.method
        target = _constant(leaf.target)
        zero_possible = target is None or target == 0
        nonzero_possible = target is None or target != 0
        found: list[RulePath] = []
        if nonzero_possible:
            if isinstance(method, Reverse):
                found += [path("reverse met", "at or below target"),
                          path("reverse above", "above target")]
                if method.variant == "linear":
                    found.append(path("reverse zero", "at or above twice the target (0 points)"))
            else:
                cap = method.cap if isinstance(method, Ratio) else 1
                at = "target" if cap == 1 else f"{plain(Decimal(cap))} × target"
                found += [path("below", f"below {at}"), path("at", f"at or above {at}")]
        if zero_possible and not isinstance(method, Ratio):
            found += [path("zero met", "target 0, value at or below 0"),
                      path("zero missed", "target 0, value above 0")]
        return found

    def taken(self, result: Result) -> set[str]:
        """The paths a scored record took."""
        found: set[str] = set()
        if result.grade is not None:
            found.add(f"grade {result.grade}")
        for item in result.walk():
            leaf = self.leaves.get(item.id)
            if leaf is not None and item.is_leaf:
                found |= {f"{item.id} {name}" for name in _taken(leaf, item)}
        return found

    def rejected_by(self, errors: Iterable[Any]) -> set[str]:
        """The checks whose failure rejected a record."""
        messages = {f"{c.message} ({c.rule})": index
                    for index, c in enumerate(self.scheme.spec.checks)}
        return {f"check {messages[e.message]}" for e in errors
                if e.code == "PS302" and e.message in messages}

    def may_be_missing(self, leaf: Indicator) -> bool:
        """Whether some valid record leaves ``leaf`` not assessed: it reads an optional input,
        divides by something no check or bound keeps from 0, takes min/max/mean of rows that
        may be none, or is a ratio whose target may be 0 or less."""
        exprs = [e for e in (leaf.value, leaf.target) if e is not None]
        method = leaf.method
        if isinstance(method, Tiers):
            exprs += [t.test for t in method.tiers if isinstance(t.test, Expr)]
        elif isinstance(method, Formula):
            exprs.append(method.expr)
        names: set[str] = set(method.items) if isinstance(method, Checklist) else set()
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
        if isinstance(method, Ratio):
            target = _constant(leaf.target)
            return target is None or target <= 0
        if isinstance(method, Reverse | Equal):
            target = _constant(leaf.target)
            return target is None or target < 0
        return False

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
    if outcome is None:
        return []
    facts = outcome.facts
    method = leaf.method
    if isinstance(method, Tiers):
        return ["tiers none" if facts.get("index") is None else outcome.rule]
    if isinstance(method, Deduct):
        if facts["excess"] <= 0:
            return ["deduct within"]
        limit = leaf.points if method.max is None else method.max
        return ["deduct past", *(["deduct capped"] if facts["deduction"] >= limit else [])]
    if isinstance(method, Reverse | Equal) and facts.get("zero_target"):
        return ["zero met" if outcome.points == leaf.points else "zero missed"]
    if isinstance(method, Reverse):
        if facts.get("met"):
            return ["reverse met"]
        return ["reverse above", *(["reverse zero"] if outcome.points == 0 else [])]
    if isinstance(method, Ratio | Equal):
        cap = method.cap if isinstance(method, Ratio) else 1
        return ["at" if facts["share"] >= cap else "below"]
    if isinstance(method, Linear):
        return [f"linear[{facts['segment']}]"]
    if isinstance(method, Levels):
        return [f"level {item.value}"]
    if isinstance(method, Checklist):
        taken = [f"met {n}" for n in facts["met"]] + [f"unmet {n}" for n in facts["unmet"]]
        if sum(method.items[n] for n in facts["met"]) > leaf.points:
            taken.append("checklist capped")
        return taken
    return ["formula"]


def _spec_paths(specs: Iterable[IndicatorSpec], path: Path) -> Iterator[tuple[str, Path]]:
    for index, spec in enumerate(specs):
        here = (*path, index)
        yield spec.id, here
        yield from _spec_paths(spec.children or (), (*here, "children"))


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

