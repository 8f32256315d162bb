"""Evaluating checked expressions.

This is the one small interface between scoring and expression evaluation: ``Evaluator.run``
takes a checked ``Expr`` and a scope of plain values. The reference implementation is simpleeval
on the pre-parsed tree, with only our function table, our operators and plain values in scope;
load-time checks (``_expr``) have already ruled out everything simpleeval would have to guard.
"""

from __future__ import annotations

import ast
import decimal
import operator
from collections import ChainMap
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from simpleeval import EvalWithCompoundTypes

from ._errors import EvaluationError
from ._expr import Expr
from ._functions import FUNCTIONS, Absent, ExpressionTypeError, NotComputable, number
from ._limits import MAX_GENERATED_ITEMS
from ._numbers import CONTEXT


def _arithmetic(op: Callable[[Decimal, Decimal], Decimal], symbol: str
                ) -> Callable[[Any, Any], Decimal]:
    def apply(a: Any, b: Any) -> Decimal:
        return op(number(a, symbol), number(b, symbol))
    return apply


def _negate(a: Any) -> Decimal:
    return -number(a, "-")


def _positive(a: Any) -> Decimal:
    return +number(a, "+")


def _contains(a: Any, b: Any) -> bool:
    if not isinstance(b, tuple | list | str):
        raise ExpressionTypeError("`in` needs a list of values or text on its right")
    if isinstance(b, str) and not isinstance(a, str):
        raise ExpressionTypeError("`in` text needs text on its left")
    return a in b


OPERATORS: dict[type[ast.AST], Callable[..., Any]] = {
    ast.Add: _arithmetic(operator.add, "+"),
    ast.Sub: _arithmetic(operator.sub, "-"),
    ast.Mult: _arithmetic(operator.mul, "*"),
    ast.Div: _arithmetic(operator.truediv, "/"),
    ast.FloorDiv: _arithmetic(operator.floordiv, "//"),
    ast.Mod: _arithmetic(operator.mod, "%"),
    ast.Pow: _arithmetic(operator.pow, "**"),
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
        self.generated = 0

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
        # ChainMap in front of the scope, not in simpleeval's swapped name handler, so the
        # count of generated items is ours and spans the whole evaluation.
        (gen,) = node.generators
        assert isinstance(gen.target, ast.Name)
        variable = gen.target.id
        rows = self._eval(gen.iter)
        outer = self.names
        local: dict[str, Any] = {}
        self.names = ChainMap(local, outer)  # type: ignore[arg-type]  # read only
        values = []
        try:
            for row in rows:
                self.generated += 1
                if self.generated > MAX_GENERATED_ITEMS:
                    raise ExpressionTypeError(
                        f"generators yielded more than {MAX_GENERATED_ITEMS:,} items")
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
        engine.generated = 0
        try:
            with decimal.localcontext(CONTEXT):
                return engine._eval(expr.tree.body)
        except NotComputable:
            raise
        except (decimal.DivisionByZero, decimal.DivisionUndefined):
            raise NotComputable("division_by_zero") from None
        except decimal.Overflow:
            raise self.error(expr, "a number grew too large") from None
        except decimal.InvalidOperation:
            raise self.error(expr, "an invalid arithmetic operation") from None
        except (ExpressionTypeError, TypeError) as exc:
            raise self.error(expr, str(exc)) from None
        except Exception as exc:  # simpleeval's own limits, e.g. IterableTooLong
            raise self.error(expr, f"{type(exc).__name__}: {exc}") from None

    @staticmethod
    def error(expr: Expr, problem: str) -> EvaluationError:
        site = expr.site
        pos = site.pos
        return EvaluationError(
            f"expression `{expr.text}` failed: {problem}", file=site.file,
            line=pos.line if pos else None, column=pos.column if pos else None,
            where=site.where, code="PS201")

