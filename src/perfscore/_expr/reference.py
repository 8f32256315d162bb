"""Evaluating checked expressions.

This is the one small interface between scoring and expression evaluation: ``Evaluator.run``
takes a checked ``Expr`` and a scope of plain values. The reference implementation is simpleeval
on the pre-parsed tree, with only our function table, our operators and plain values in scope;
load-time checks (``_expr``) have already ruled out everything simpleeval would have to guard.

Every evaluator shares what bounds a record's cost and a result's size: lists and texts are paid
for from one budget per record (``RecordBudget``), and a number an expression returns must stay
within ``MAX_RESULT_EXPONENT``, so scoring, explanations and JSON never meet an absurd number.
"""

from __future__ import annotations

import ast
import datetime
import decimal
import operator
from collections import ChainMap
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from simpleeval import EvalWithCompoundTypes

from .._common.errors import EvaluationError, PerfscoreError, RecordError
from .._common.limits import MAX_RECORD_STEPS, MAX_RESULT_EXPONENT
from .._common.numbers import CONTEXT
from .functions import FUNCTIONS, Absent, ExpressionTypeError, NotComputable, number
from .syntax import Expr


class BudgetExceeded(Exception):
    """The record's lists and texts cost more steps than ``MAX_RECORD_STEPS`` allows."""


class ResultTooLarge(ArithmeticError):
    """An expression returned a number beyond ``MAX_RESULT_EXPONENT``."""


_BUDGET: ContextVar[list[int] | None] = ContextVar("perfscore_record_budget", default=None)
TEXT_PER_STEP = 32
"""Characters a text search (``t in u``) goes through for one step of the budget: searching
costs about what evaluating a node does per few dozen characters."""


class RecordBudget:
    """Score one record within ``MAX_RECORD_STEPS``: every generator and text search run while
    this is open, in any expression, pays from the same budget. The record's size decides what
    they cost, so running out rejects that record alone (RecordError PS305).

    A class rather than a ``contextmanager`` generator: it is entered for every record, and
    each time refills the same budget."""

    __slots__ = ("_steps", "_token")

    def __init__(self) -> None:
        self._steps = [MAX_RECORD_STEPS]

    def __enter__(self) -> None:
        self._steps[0] = MAX_RECORD_STEPS
        self._token = _BUDGET.set(self._steps)

    def __exit__(self, *exc: object) -> None:
        _BUDGET.reset(self._token)


def spends(expr: Expr) -> bool:
    """Whether evaluating ``expr`` can pay from the record's budget: only a generator and
    ``in`` (``not in``) do, so a scheme with neither needs no budget at all. Both are written
    with the word ``in``: most expressions are told apart by their text alone."""
    return "in" in expr.text and any(isinstance(node, ast.GeneratorExp | ast.In | ast.NotIn)
                                     for node in ast.walk(expr.tree))


def spend(steps: int) -> None:
    """Pay for work whose size the record decides: a generator pays for its rows before it
    visits them, ``in`` for the items or text it searches (nothing is counted outside
    ``RecordBudget``)."""
    budget = _BUDGET.get()
    if budget is not None:
        budget[0] -= steps
        if budget[0] < 0:
            raise BudgetExceeded


def row_cost(node: ast.GeneratorExp) -> int:
    """Steps one row costs a generator: one, plus each node of its element and conditions."""
    (gen,) = node.generators
    return 1 + sum(1 for part in (node.elt, *gen.ifs) for _ in ast.walk(part))


def settle(value: Any) -> Any:
    """An expression's result, unless it is a number too large to mean anything (or not
    finite, which the operators already rule out)."""
    if type(value) is Decimal and value and (
            not value.is_finite() or value.adjusted() > MAX_RESULT_EXPONENT):
        raise ResultTooLarge(value)
    return value


def _arithmetic(op: Callable[[Decimal, Decimal], Decimal], symbol: str
                ) -> Callable[[Any, Any], Decimal]:
    def apply(a: Any, b: Any) -> Decimal:
        if type(a) is Decimal and type(b) is Decimal:  # what `number` lets through, unasked
            return op(a, b)
        return op(number(a, symbol), number(b, symbol))
    return apply


def _difference(a: Any, b: Any) -> Decimal:
    """``a - b``; of two dates, the days from ``b`` to ``a`` (how late ``a`` is)."""
    if isinstance(a, datetime.date) and isinstance(b, datetime.date):
        return Decimal((a - b).days)
    return number(a, "-") - number(b, "-")


def _division(op: Callable[[Decimal, Decimal], Decimal], symbol: str
              ) -> Callable[[Any, Any], Decimal]:
    """A division whose zero divisor makes the value not computable (SPEC §6) — checked here
    rather than read off Decimal's signals, which call ``5 % 0`` a plain invalid operation."""
    def apply(a: Any, b: Any) -> Decimal:
        if type(a) is Decimal and type(b) is Decimal and b:  # as below, unasked
            return op(a, b)
        dividend, divisor = number(a, symbol), number(b, symbol)
        if not divisor:
            raise NotComputable("division_by_zero", None)
        return op(dividend, divisor)
    return apply


def _power(a: Any, b: Any) -> Decimal:
    """``0 ** -n`` is ``1 / 0 ** n``: not computable, as a zero divisor is (Decimal would
    quietly give Infinity)."""
    base, exponent = number(a, "**"), number(b, "**")
    if not base and exponent < 0:
        raise NotComputable("division_by_zero", None)
    return base**exponent


def _negate(a: Any) -> Decimal:
    return -number(a, "-")


def _positive(a: Any) -> Decimal:
    return +number(a, "+")


def _contains(a: Any, b: Any) -> bool:
    if not isinstance(b, tuple | list | str):
        raise ExpressionTypeError("`in` needs a list of values or text on its right")
    if isinstance(b, str):
        if not isinstance(a, str):
            raise ExpressionTypeError("`in` text needs text on its left")
        spend((len(a) + len(b)) // TEXT_PER_STEP)
    else:
        spend(len(b))
    return a in b


OPERATORS: dict[type[ast.AST], Callable[..., Any]] = {
    ast.Add: _arithmetic(operator.add, "+"),
    ast.Sub: _difference,
    ast.Mult: _arithmetic(operator.mul, "*"),
    ast.Div: _division(operator.truediv, "/"),
    ast.FloorDiv: _division(operator.floordiv, "//"),
    ast.Mod: _division(operator.mod, "%"),
    ast.Pow: _power,
    ast.USub: _negate,
    ast.UAdd: _positive,
    ast.Not: operator.not_,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: _contains,
    ast.NotIn: lambda a, b: not _contains(a, b),
}


class _SimpleEval(EvalWithCompoundTypes):  # type: ignore[misc]
    """simpleeval with our semantics for names, row fields and ``coalesce``."""

    def __init__(self) -> None:
        super().__init__(operators=OPERATORS, functions=dict(FUNCTIONS), names={})
        self.functions = dict(FUNCTIONS)  # drop the list/tuple/dict/set simpleeval adds
        self.names: Mapping[str, Any] = {}
        self.costs: dict[int, int] = {}  # id(generator node) -> row_cost

    def _eval_name(self, node: ast.Name) -> Any:
        value = self.names[node.id]
        if type(value) is Absent:
            raise value.fail()
        return value

    def _eval_attribute(self, node: ast.Attribute) -> Any:
        # The checker allowed only declared fields of a generator's row variable.
        value = self._eval(node.value)[node.attr]
        if type(value) is Absent:
            raise value.fail()
        return value

    def _eval_call(self, node: ast.Call) -> Any:
        if isinstance(node.func, ast.Name) and node.func.id == "coalesce":
            try:
                return self._eval(node.args[0])
            except NotComputable as exc:
                if exc.reason != "absent":
                    raise
                return self._eval(node.args[1])
        return super()._eval_call(node)

    def _eval_comprehension(self, node: ast.GeneratorExp) -> list[Any]:
        # The checker allowed only ``elt for row in list_input if …``. Row variables live in a
        # ChainMap in front of the scope, not in simpleeval's swapped name handler; the rows
        # are paid for from the record's budget before the first is visited.
        (gen,) = node.generators
        assert isinstance(gen.target, ast.Name)
        variable = gen.target.id
        rows = self._eval(gen.iter)
        cost = self.costs.get(id(node))
        if cost is None:
            cost = self.costs[id(node)] = row_cost(node)
        spend(len(rows) * cost)
        outer = self.names
        local: dict[str, Any] = {}
        self.names = ChainMap(local, outer)  # type: ignore[arg-type]  # read only
        values = []
        try:
            for row in rows:
                local[variable] = row
                if all(self._eval(test) for test in gen.ifs):
                    values.append(self._eval(node.elt))
        finally:
            self.names = outer
        return values

    def _check_disallowed_items(self, item: Any) -> None:
        """Only plain values are ever in scope (checked at load), so nothing to scan."""


class Evaluator:
    """Runs checked expressions against a scope of plain values.

    Not thread-safe (the engine keeps the current scope in itself): use one per thread, as
    ``Scheme.score`` does by making one per call.
    """

    def __init__(self) -> None:
        self._engine = _SimpleEval()

    def run(self, expr: Expr, scope: Mapping[str, Any]) -> Any:
        """The value of ``expr``; raises NotComputable or EvaluationError."""
        engine = self._engine
        engine.names = scope
        try:
            with decimal.localcontext(CONTEXT):
                return settle(engine._eval(expr.tree.body))
        except Exception as exc:
            raise failure(expr, exc) from None


def failure(expr: Expr, exc: Exception) -> Exception:
    """What an exception raised while evaluating ``expr`` means to the scorer: NotComputable
    (the indicator is not assessed), RecordError (the record is too large to score) or
    EvaluationError (the scheme is at fault). Shared by every evaluator, so they fail alike."""
    if isinstance(exc, NotComputable):
        return exc
    if isinstance(exc, BudgetExceeded):
        return _budget_error(expr)
    if isinstance(exc, ResultTooLarge):
        return evaluation_error(expr, f"its result {exc.args[0]:.3E} is beyond "
                                      f"±1E+{MAX_RESULT_EXPONENT}")
    if isinstance(exc, decimal.DivisionByZero | decimal.DivisionUndefined):
        return NotComputable("division_by_zero", None)
    if isinstance(exc, decimal.Overflow):
        return evaluation_error(expr, "a number grew too large")
    if isinstance(exc, decimal.InvalidOperation):
        signals = exc.args[0] if exc.args and isinstance(exc.args[0], list) else []
        if decimal.DivisionUndefined in signals:  # ``0 / 0`` as Python's ``/`` raises it
            return NotComputable("division_by_zero", None)
        if decimal.DivisionImpossible in signals:
            return evaluation_error(expr, "the quotient of // or % has more than "
                                          f"{CONTEXT.prec} digits")
        return evaluation_error(expr, "an invalid arithmetic operation")
    if isinstance(exc, ExpressionTypeError | TypeError):
        return evaluation_error(expr, str(exc))
    # anything else, e.g. one of simpleeval's own limits
    return evaluation_error(expr, f"{type(exc).__name__}: {exc}")


def _budget_error(expr: Expr) -> PerfscoreError:
    return RecordError.of("PS305", {"limit": MAX_RECORD_STEPS, "expression": expr.text},
                          where=expr.site.where)


def evaluation_error(expr: Expr, problem: str) -> EvaluationError:
    """The scheme's fault, located at the expression."""
    site = expr.site
    pos = site.pos
    return EvaluationError.of("PS201", {"expression": expr.text, "problem": problem},
                              file=site.file, line=pos.line if pos else None,
                              column=pos.column if pos else None, where=site.where)

