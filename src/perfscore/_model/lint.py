"""What a careful reviewer checks in a scheme beyond what it needs to compile: that every
expression has the types its place needs, that each value falls in exactly one tier, that
points add up, and that nothing is declared for nothing.

Errors here are certain — two tiers that overlap, a tier worth more than its indicator, a check
that is a number. What rests on the value's range (inferred from the inputs' ``min`` and
``max``: a gap between tiers, a tier out of reach) or on intent (points that rise and fall, an
unused input) is a warning: the scheme still loads, and ``perfscore check --strict`` fails on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._common.errors import PerfscoreError
from .._common.messages import Hint
from .._common.numbers import PERCENT_SIGNS
from .._expr.functions import NotComputable
from .._expr.reference import Evaluator
from .._expr.syntax import Expr
from .._expr.types import ANY, NONE, Type, infer, input_type, number
from .._methods import Method
from .._source.yaml import Path
from .document import IndicatorSpec, SchemeDoc
from .findings import Findings

if TYPE_CHECKING:
    from .tree import Indicator, Placed

class _Linter:
    def __init__(self, doc: SchemeDoc, findings: Findings, lets: Mapping[str, Expr]) -> None:
        self.doc = doc
        self.findings = findings
        self.lets = lets
        self.known = frozenset(doc.inputs) | frozenset(lets)
        self.env: dict[str, Type] = {name: input_type(name, spec)
                                     for name, spec in doc.inputs.items()}
        self.used: set[str] = set()
        self.evaluator = Evaluator()  # for constant targets: no names, no generators, no state

    def type_of(self, expr: Expr, env: Mapping[str, Type]) -> Type:
        self.used |= expr.names

        def report(key: str, node: Any, suggestion: Hint | None = None, **params: Any) -> None:
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
        self.percent_units()

    def leaf(self, place: Placed) -> None:
        spec, path, node = place.spec, place.path, place.node
        method = node.method
        assert spec.score is not None and method is not None
        env = {**self.env, "points": number(node.points, node.points)}
        value = self.local(node.value, spec.value, env)
        target = self.local(node.target, spec.target, env)
        env.update(value=value, target=target)
        if method.numeric:
            self.needs_number(node.value, value, method.name, "value")
        if method.needs_target:
            self.needs_number(node.target, target, method.name, "target")
            self.constant_target(node.target, method, (*path, "target"), spec.id)
        method.lint(_Leaf(self, place, value, env))
        shown = node.value if node.value is not None else next(iter(method.expressions()), None)
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

    def constant_target(self, expr: Expr | None, method: Method, path: Path,
                        where: str) -> None:
        """A constant target a method cannot score against (``ratio`` divides by it) leaves the
        indicator never assessed: better an error now than a surprise in every result."""
        if expr is None or expr.names:
            return
        try:
            target = self.evaluator.run(expr, {})
        except (PerfscoreError, NotComputable):
            return
        if isinstance(target, Decimal) and (problem := method.check_target(target)):
            key, params = problem
            self.findings.error(key, path, where=where, **params)

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
        # the header and the budget block are shown above the table; a rows input is read by
        # its section
        block = self.doc.budget
        shown = {*self.doc.header, *(spec.rows for spec in _specs(self.doc.indicators)),
                 *((block.initial, block.full_year, block.spent) if block else ())}
        for name in self.doc.inputs:
            if name not in self.used and name not in shown:
                self.findings.warning("PS230", ("inputs", name), on_key=True, where=name,
                                      name=name)
        for name in self.lets:
            if name not in self.used:
                self.findings.warning("PS231", ("let", name), on_key=True, where=name,
                                      name=name)


    def percent_units(self) -> None:
        """``unit: %`` on a number input changes nothing about how it is read: a unit that
        says percent on a value read as 95 is a mistake waiting in every record."""
        for name, spec in self.doc.inputs.items():
            if spec.unit in PERCENT_SIGNS and spec.type != "percent":
                self.findings.warning("PS250", ("inputs", name, "unit"), where=name, name=name,
                                      type=spec.type)


def _path_of(place: Placed, expr: Expr) -> Path:
    assert place.spec.score is not None
    if expr is place.node.value:
        return (*place.path, "value")
    return (*place.path, "score", place.spec.score.method)


class _Leaf:
    """The linter as one leaf's method sees it (``_methods.Lint``): paths are below the
    method's key, expressions are typed in the leaf's scope."""

    def __init__(self, linter: _Linter, place: Placed, value: Type,
                 env: Mapping[str, Type]) -> None:
        assert place.spec.score is not None and place.node.method is not None
        self.linter = linter
        self.findings = linter.findings
        self.where = place.spec.id
        self.method = place.node.method.name
        self.options = place.node.method.options
        self.score: Path = (*place.path, "score")
        self.at: Path = (*self.score, self.method)
        self.points = place.node.points
        self.value = value
        self.value_expr = place.node.value
        self.env = env

    def error(self, key: str, path: Path, *, on_key: bool = False,
              suggestion: Hint | None = None, **params: Any) -> None:
        self.findings.error(key, self.below(path), on_key=on_key, where=self.where,
                            suggestion=suggestion, **params)

    def warning(self, key: str, path: Path, **params: Any) -> None:
        self.findings.warning(key, self.below(path), where=self.where, **params)

    def below(self, path: Path) -> Path:
        """``path`` below the method's key, or beside it for one of the method's options."""
        return (*(self.score if path and path[0] in self.options else self.at), *path)

    def in_expression(self, key: str, expr: Expr, **params: Any) -> None:
        self.findings.in_expression(key, expr, None, **params)

    def type_of(self, expr: Expr) -> Type:
        return self.linter.type_of(expr, self.env)

    def input_type(self, name: str) -> Type | None:
        self.linter.used.add(name)
        return self.linter.env.get(name)

    def needs_number(self, expr: Expr | None, found: Type, role: str) -> None:
        self.linter.needs_number(expr, found, self.method, role)


def lint(doc: SchemeDoc, findings: Findings, lets: Mapping[str, Expr],
         checks: Iterable[tuple[Expr, Path]], placed: Iterable[Placed],
         roots: tuple[Indicator, ...]) -> None:
    """Check what compiled of ``doc``, adding errors and warnings to ``findings``."""
    _Linter(doc, findings, lets).run(checks, placed, roots)


def _specs(specs: list[IndicatorSpec]) -> Iterator[IndicatorSpec]:
    for spec in specs:
        yield spec
        yield from _specs(spec.children or [])
