"""Where generated records aim: the values of an indicator's ``value`` where its points change
(tier bounds, deduction steps, breakpoints, a target and its cap, a ``review`` threshold), and
how to reach one through the expression that computes the value.

A boundary is reached by solving for one input (or one field of one row) with every other
field fixed: ``started_projects / key_projects`` against 0.95 with ``key_projects`` 43 gives
``started_projects`` 40.85, so 40 and 41, the nearest values on the field's grid on either side
(on a grid point: that point and its two neighbours). Solving evaluates the expression itself,
so it goes through lets, sums, differences, products by constants, ``min``/``max`` and rows
alike: a secant step is exact for an expression linear in the field, a few more converge for a
divisor, and bisection is the fallback. Nothing here draws: the strategies decide which aim
and which field.
"""

from __future__ import annotations

import ast
import decimal
import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._common.errors import PerfscoreError
from .._common.numbers import CONTEXT, ZERO
from .._expr.functions import NotComputable
from .._expr.reference import Evaluator, RecordBudget
from .._expr.syntax import Expr
from .._score.record import scope_of
from .._source.format import NUMERIC_TYPES, InputSpec

if TYPE_CHECKING:
    from .._scheme import Scheme

Field = tuple[str, str | None]
"""A numeric input ``(name, None)``, or a numeric field of a list input's rows ``(list, field)``."""

_SECANT_STEPS = 8
_CLOSE = Decimal("1e-9")
_BISECT_STEPS = 60
_SNAP = Decimal("0.001")
"""A root this close to a grid point (in steps) is taken to be on it: bisection ends near."""


@dataclass(frozen=True, slots=True)
class Aim:
    """A boundary of one leaf: where ``value == at`` (or ``value == at × target`` when
    ``target`` is given), and the fields the value and target read. A boundary of a check
    (``visits * visits <= 100``: where its two sides meet) has no leaf."""

    leaf: str | None
    value: Expr
    target: Expr | None
    at: Decimal
    lets: tuple[tuple[str, Expr], ...]
    fields: tuple[Field, ...]


def aims_of(scheme: Scheme) -> tuple[Aim, ...]:
    """Every boundary of every leaf (its method's, and each comparison in a tier test or
    formula that reads inputs or lets), then of every check, that moves with a numeric field;
    in the scheme's order."""
    compiled = scheme._scorer.compiled
    lets = dict(compiled.lets)
    found: dict[tuple[str | None, str, Decimal, bool], Aim] = {}

    def add(leaf: str | None, value: Expr, target: Expr | None,
            goals: list[tuple[Decimal, bool]]) -> None:
        read = (value,) if target is None else (value, target)
        needed = _lets_read(read, lets)
        chain = tuple((n, e) for n, e in compiled.lets if n in needed)
        fields = _fields((*read, *(e for _, e in chain)), scheme.inputs)
        if not fields:
            return
        for at, relative in sorted(goals):
            found.setdefault((leaf, value.text, at, relative),
                             Aim(leaf, value, target if relative else None, at, chain, fields))

    for root in compiled.indicators:
        for leaf in root.leaves():
            method = leaf.method
            if method is None:
                continue
            for expr, points in method.own_boundaries():  # deduct's checkpoints
                add(leaf.id, expr, None, [(at, False) for at in sorted(points)])
            if leaf.value is None:
                continue
            goals = [(at, False) for at in method.boundaries()]
            if leaf.target is not None:
                goals += [(at, True) for at in method.target_boundaries()]
                if leaf.review is not None:
                    goals.append((leaf.review, True))
            add(leaf.id, leaf.value, leaf.target, goals)
    known = scheme.inputs.keys() | lets.keys()
    for root in compiled.indicators:  # comparisons in tier tests and formulas
        for leaf in root.leaves():
            assert leaf.method is not None
            for expr in leaf.method.expressions():
                for gap in _sides(expr, expr.tree.body):
                    if gap.names <= known:  # not through value, target or points
                        add(leaf.id, gap, None, [(ZERO, False)])
    for check, _ in compiled.checks:
        for gap in _sides(check, check.tree.body):
            add(None, gap, None, [(ZERO, False)])
    return tuple(found.values())


def _sides(check: Expr, node: ast.AST) -> list[Expr]:
    """Each comparison of a check as ``left − right``, whose 0 is where the check turns."""
    if isinstance(node, ast.BoolOp):
        return [gap for part in node.values for gap in _sides(check, part)]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return _sides(check, node.operand)
    if not isinstance(node, ast.Compare):
        return []
    found = []
    for left, right in itertools.pairwise((node.left, *node.comparators)):
        body = ast.BinOp(left, ast.Sub(), right)
        names = frozenset(n.id for n in ast.walk(body) if isinstance(n, ast.Name)) & check.names
        text = f"{_source(check, left)} - ({_source(check, right)})"
        found.append(Expr(text, ast.Expression(body), names, check.site))
    return found


def _lets_read(exprs: tuple[Expr, ...], lets: Mapping[str, Expr]) -> set[str]:
    needed: set[str] = set()
    todo = [name for expr in exprs for name in expr.names]
    while todo:
        name = todo.pop()
        if name in lets and name not in needed:
            needed.add(name)
            todo += lets[name].names
    return needed


def _fields(exprs: tuple[Expr, ...], inputs: Mapping[str, InputSpec]) -> tuple[Field, ...]:
    """The numeric inputs and row fields the expressions read, in the inputs' order."""
    found: set[Field] = set()
    for expr in exprs:
        for node in ast.walk(expr.tree):
            if isinstance(node, ast.Name) and node.id in inputs:
                if inputs[node.id].type in NUMERIC_TYPES:
                    found.add((node.id, None))
            elif isinstance(node, ast.GeneratorExp):
                found |= _row_fields(node, inputs)
    order = list(inputs)
    return tuple(sorted(found, key=lambda f: (order.index(f[0]), f[1] or "")))


def _row_fields(node: ast.GeneratorExp, inputs: Mapping[str, InputSpec]) -> set[Field]:
    (gen,) = node.generators
    if not (isinstance(gen.iter, ast.Name) and isinstance(gen.target, ast.Name)):
        return set()
    spec = inputs.get(gen.iter.id)
    if spec is None or spec.of is None:
        return set()
    row = gen.target.id
    return {(gen.iter.id, part.attr) for part in ast.walk(node.elt)
            if isinstance(part, ast.Attribute) and isinstance(part.value, ast.Name)
            and part.value.id == row and part.attr in spec.of
            and spec.of[part.attr].type in NUMERIC_TYPES}


def _source(expr: Expr, node: ast.AST) -> str:
    return ast.get_source_segment(expr.text, node) or ast.unparse(node)


class Solver:
    """Finds the values of one field that put a leaf's value just below, on and just above a
    boundary, the other fields of the record staying as they are."""

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.evaluator = Evaluator()

    def scope(self, record: Mapping[str, Any]) -> dict[str, Any] | None:
        """The record as the evaluator sees it, or None when it does not validate."""
        try:
            return scope_of(self.scheme.validate(record))
        except PerfscoreError:
            return None

    def gap(self, aim: Aim, scope: dict[str, Any]) -> Decimal | None:
        """value − boundary for one scope; None when it cannot be computed."""
        run = self.evaluator.run
        try:
            with decimal.localcontext(CONTEXT), RecordBudget():
                for name, expr in aim.lets:
                    scope[name] = run(expr, scope)
                value = run(aim.value, scope)
                goal = aim.at
                if aim.target is not None:
                    target = run(aim.target, scope)
                    if type(target) is not Decimal:
                        return None
                    goal = aim.at * target
                return value - goal if type(value) is Decimal else None
        except (NotComputable, PerfscoreError, ArithmeticError):
            return None

    def around(self, aim: Aim, field: Field, row: int, record: Mapping[str, Any],
               low: Decimal, high: Decimal, step: Decimal) -> list[Decimal]:
        """The values of ``field`` (of row ``row`` for a row field) within [low, high] on the
        grid of ``step`` nearest the boundary, ascending: the one on it and its two neighbours,
        or the two on either side; empty when the boundary cannot be reached."""
        base = self.scope(record)
        if base is None:
            return []
        name, part = field

        def gap(x: Decimal) -> Decimal | None:
            scope = dict(base)
            if part is None:
                scope[name] = x
            else:
                rows = [dict(r) for r in scope[name]]
                rows[row][part] = x
                scope[name] = rows
            return self.gap(aim, scope)

        root = _root(gap, low, high)
        if root is None:
            return []
        nearest = (root / step).to_integral_value() * step
        if abs(root - nearest) < step * _SNAP:  # a root found by iterating, on a grid point
            root = nearest
        below = Decimal(math.floor(root / step)) * step
        near = [below - step, below, below + step] if below == root else [below, below + step]
        return [x for x in near if low <= x <= high]


def _root(gap: Callable[[Decimal], Decimal | None], low: Decimal, high: Decimal
          ) -> Decimal | None:
    """An x in [low, high] where ``gap`` crosses 0: secant steps from the ends, then bisection
    while they do not settle."""
    with decimal.localcontext(CONTEXT):
        x0, x1 = low, high
        g0, g1 = gap(x0), gap(x1)
        if g0 is None or g1 is None:
            x0 = low + (high - low) / 4
            g0 = gap(x0)
            if g0 is None or g1 is None:
                return None
        if (g0 > 0) == (g1 > 0) and g0 != 0 and g1 != 0:
            return None  # no crossing between the ends (a monotone value never reaches it)
        a, ga, b, gb = x0, g0, x1, g1  # the bracket, kept for bisection
        for _ in range(_SECANT_STEPS):
            if g1 == 0:
                return x1
            if g1 == g0:
                break
            x2 = x1 - g1 * (x1 - x0) / (g1 - g0)
            if not low <= x2 <= high:
                break
            g2 = gap(x2)
            if g2 is None:
                break
            x0, g0, x1, g1 = x1, g1, x2, g2
            if (g2 > 0) == (ga > 0):
                a, ga = x2, g2
            else:
                b, gb = x2, g2
        if g1 == 0:
            return x1
        for _ in range(_BISECT_STEPS):
            middle = (a + b) / 2
            gm = gap(middle)
            if gm is None:
                return None
            if gm == 0 or b - a < _CLOSE:
                return middle
            if (gm > 0) == (ga > 0):
                a, ga = middle, gm
            else:
                b, gb = middle, gm
        return (a + b) / 2 if gb is not None else None

