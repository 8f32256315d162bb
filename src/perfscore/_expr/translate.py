"""The fast path's expressions: each checked expression translated, once, into Python —
inlined into the scheme's generated scorer (``_generate``), or compiled into a function of its
own for the expressions a method evaluates itself (tier tests, formulas).

The input is the already checked tree from ``_expr`` — never raw text — so the generated code can
only contain what the allow-list let through: numbers (bound as constants), names read from the
scope, our operator and function tables, comparisons, conditionals and generators over list
rows. Semantics match the reference evaluator (``_evaluate``) exactly: the same operator
functions, absent inputs raise at the name that reads them, ``coalesce`` tolerates an absent
first argument, generators pay for their rows from the record's budget, and results and
failures go through the same ``settle`` and ``failure``. A hypothesis test scores random
records of random schemes both ways and requires identical results.
"""

from __future__ import annotations

import ast
import datetime
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from .._common.limits import MAX_NUMBER_EXPONENT, MAX_RESULT_EXPONENT
from .functions import FUNCTIONS, Absent, NotComputable
from .reference import OPERATORS, failure, row_cost, settle, spend
from .syntax import Expr

Translated = Callable[[Mapping[str, Any]], Any]
"""A compiled expression: called with the scope."""

_SCOPE = "_s"
_NATIVE_COMPARE = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _present(value: Any) -> Any:
    if type(value) is Absent:
        raise value.fail()
    return value


def _rows(rows: list[Any], cost: int) -> list[Any]:
    spend(len(rows) * cost)
    return rows


def _coalesce(first: Callable[[], Any], default: Callable[[], Any]) -> Any:
    try:
        return first()
    except NotComputable as exc:
        if exc.reason != "absent":
            raise
        return default()


def _chain(left: Any, operators: list[Callable[[Any, Any], Any]],
           rights: list[Callable[[], Any]]) -> bool:
    """A comparison chain with ``in``: each operand evaluated once, stopping at the first
    false link, as the reference does."""
    result = True
    right = left
    for apply, operand in zip(operators, rights, strict=True):
        if not result:
            break
        left, right = right, operand()
        result = apply(left, right)
    return bool(result)


HELPERS: dict[str, Any] = {
    "_present": _present, "_rows": _rows, "_coalesce": _coalesce, "_chain": _chain,
    **{f"_op_{op.__name__}": fn for op, fn in OPERATORS.items()},
    **{f"_fn_{name}": fn for name, fn in FUNCTIONS.items()},
}


def settled(tree: ast.expr, numbers: frozenset[str]) -> bool:
    """Whether ``settle`` would find nothing to refuse in any value of an expression: a
    name (an input admitted within the number limits, a let settled already), or sums,
    differences, products and quotients of ``numbers`` (the numeric inputs, at most
    ``MAX_NUMBER_EXPONENT`` in magnitude) and constants whose every result stays within
    ``MAX_RESULT_EXPONENT``. The fast path leaves ``settle`` out for them: it was the call
    made most often in scoring a record."""
    if isinstance(tree, ast.Name):
        return True
    found = _magnitude(tree, numbers)
    return found is not None and found[0] <= MAX_RESULT_EXPONENT


def within_limits(scope: Mapping[str, Any], numbers: frozenset[str],
                  always_present: frozenset[str]) -> bool:
    """Whether every numeric input of ``scope`` is a finite Decimal within the number limits,
    or absent where it may be (not ``always_present``), as admitting or validating a record
    leaves it: what ``settled`` and ``Translator.decimal`` take for granted. A record the
    caller made as a model instance without validating it (``model_construct``,
    ``model_copy(update=…)``) may hold others: a float, an infinity, a required input left
    out."""
    for name in numbers:
        value = scope.get(name)
        if type(value) is int:
            value = Decimal(value)
        if type(value) is Decimal:
            if not value.is_finite() or (value and not (
                    _LEAST_INPUT <= value.adjusted() <= MAX_NUMBER_EXPONENT)):
                return False
        elif type(value) is not Absent or name in always_present:
            return False
    return True


_LEAST_INPUT = -MAX_NUMBER_EXPONENT
"""The least ``adjusted()`` of a numeric input's value that is not zero: the number limits
bound every one, a percent's as read."""


def _magnitude(tree: ast.expr, numbers: frozenset[str]) -> tuple[int, int | None] | None:
    """The greatest and least ``adjusted()`` a value of ``tree`` that is not zero can have (the
    least None when a sum may cancel to any smallness), or None when not known. Rounding to
    the context's precision may lift a result's by one, counted."""
    if isinstance(tree, ast.Constant) and isinstance(tree.value, Decimal):
        exponent = tree.value.adjusted()
        return exponent, exponent
    if isinstance(tree, ast.Name):
        return (MAX_NUMBER_EXPONENT, _LEAST_INPUT) if tree.id in numbers else None
    if isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.USub | ast.UAdd):
        return _magnitude(tree.operand, numbers)
    if not isinstance(tree, ast.BinOp):
        return None
    left, right = _magnitude(tree.left, numbers), _magnitude(tree.right, numbers)
    if left is None or right is None:
        return None
    if isinstance(tree.op, ast.Add | ast.Sub):
        return max(left[0], right[0]) + 1, None
    if isinstance(tree.op, ast.Mult):
        least = None if left[1] is None or right[1] is None else left[1] + right[1]
        return left[0] + right[0] + 1, least
    if isinstance(tree.op, ast.Div) and right[1] is not None:
        return left[0] - right[1] + 1, None if left[1] is None else left[1] - right[0] - 1
    return None


_NATIVE_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div)
"""Operators that are Python's own on two Decimals: ``_op_Div``'s zero divisor is Decimal's
DivisionByZero or DivisionUndefined, which ``failure`` reads alike."""


class Translator:
    """Our checked tree → a Python expression tree over ``_s`` (the scope). ``numbers`` are
    the numeric inputs, a Decimal whenever present: arithmetic on them and on constants is
    written with Python's operators, which is what the operator functions do after checking
    both operands are Decimals (a call for each took 0.8 µs of the bundled scheme's record
    of 22)."""

    def __init__(self, always_present: frozenset[str], numbers: frozenset[str]) -> None:
        self.always_present = always_present
        self.numbers = numbers
        self.constants: dict[str, Decimal | datetime.date] = {}
        self.names: dict[str, str] = {}  # a constant's kind and text -> its name
        self.rows: dict[str, str] = {}  # generator variable -> its Python name

    def constant(self, value: Decimal | datetime.date) -> ast.expr:
        """A constant's name; equal numbers (or dates) written alike share it."""
        key = f"{type(value).__name__} {value}"
        name = self.names.get(key)
        if name is None:
            name = self.names[key] = f"_c{len(self.constants)}"
            self.constants[name] = value
        return ast.Name(name, ast.Load())

    def lookup(self, container: ast.expr, key: str, checked: bool) -> ast.expr:
        read = ast.Subscript(container, ast.Constant(key), ast.Load())
        return ast.Call(ast.Name("_present", ast.Load()), [read], []) if checked else read

    def thunk(self, node: ast.expr) -> ast.expr:
        return ast.Lambda(ast.arguments([], [], None, [], [], None, []), self.visit(node))

    def visit(self, node: ast.AST) -> ast.expr:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, Decimal | datetime.date):
                return self.constant(node.value)
            return ast.Constant(node.value)
        if isinstance(node, ast.Name):
            if node.id in self.rows:
                return ast.Name(self.rows[node.id], ast.Load())
            return self.lookup(ast.Name(_SCOPE, ast.Load()), node.id,
                               node.id not in self.always_present)
        if isinstance(node, ast.Attribute):
            return self.lookup(self.visit(node.value), node.attr, True)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return ast.UnaryOp(ast.Not(), self.visit(node.operand))
        if self.decimal(node):
            if isinstance(node, ast.BinOp):
                return ast.BinOp(self.visit(node.left), node.op, self.visit(node.right))
            if isinstance(node, ast.UnaryOp):
                return ast.UnaryOp(node.op, self.visit(node.operand))
        if isinstance(node, ast.BinOp | ast.UnaryOp):
            operands = [node.left, node.right] if isinstance(node, ast.BinOp) else [node.operand]
            name = f"_op_{type(node.op).__name__}"
            return ast.Call(ast.Name(name, ast.Load()), [self.visit(o) for o in operands], [])
        if isinstance(node, ast.BoolOp):
            return ast.BoolOp(node.op, [self.visit(v) for v in node.values])
        if isinstance(node, ast.IfExp):
            return ast.IfExp(self.visit(node.test), self.visit(node.body), self.visit(node.orelse))
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Tuple | ast.List):
            kind = ast.Tuple if isinstance(node, ast.Tuple) else ast.List
            return kind([self.visit(e) for e in node.elts], ast.Load())
        if isinstance(node, ast.Call):
            return self.call(node)
        raise AssertionError(f"unchecked node {type(node).__name__}")  # the checker forbids it

    def decimal(self, node: ast.AST) -> bool:
        """Whether ``node``'s value is a Decimal whenever it has one: a constant number, a
        numeric input, or ``+ - * /`` and signs of those."""
        if isinstance(node, ast.Constant):
            return isinstance(node.value, Decimal)
        if isinstance(node, ast.Name):
            return node.id in self.numbers and node.id not in self.rows
        if isinstance(node, ast.BinOp):
            return isinstance(node.op, _NATIVE_ARITHMETIC) and self.decimal(node.left) and \
                self.decimal(node.right)
        return isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd) and \
            self.decimal(node.operand)

    def compare(self, node: ast.Compare) -> ast.expr:
        if all(isinstance(op, _NATIVE_COMPARE) for op in node.ops):
            return ast.Compare(self.visit(node.left), node.ops,
                               [self.visit(c) for c in node.comparators])
        operators = ast.List([ast.Name(f"_op_{type(op).__name__}", ast.Load())
                              for op in node.ops], ast.Load())
        rights = ast.List([self.thunk(c) for c in node.comparators], ast.Load())
        return ast.Call(ast.Name("_chain", ast.Load()),
                        [self.visit(node.left), operators, rights], [])

    def call(self, node: ast.Call) -> ast.expr:
        assert isinstance(node.func, ast.Name)
        name = node.func.id
        if name == "coalesce":
            return ast.Call(ast.Name("_coalesce", ast.Load()),
                            [self.thunk(a) for a in node.args], [])
        args = [self.generator(a) if isinstance(a, ast.GeneratorExp) else self.visit(a)
                for a in node.args]
        return ast.Call(ast.Name(f"_fn_{name}", ast.Load()), args, [])

    def generator(self, node: ast.GeneratorExp) -> ast.expr:
        (gen,) = node.generators
        assert isinstance(gen.target, ast.Name)
        variable = f"_r{len(self.rows)}"
        rows = ast.Call(ast.Name("_rows", ast.Load()),
                        [self.visit(gen.iter), ast.Constant(row_cost(node))], [])
        self.rows[gen.target.id] = variable
        try:
            element, tests = self.visit(node.elt), [self.visit(t) for t in gen.ifs]
        finally:
            del self.rows[gen.target.id]
        loop = ast.comprehension(ast.Name(variable, ast.Store()), rows, tests, 0)
        return ast.ListComp(element, [loop])


def translate_expression(expr: Expr, always_present: frozenset[str], numbers: frozenset[str]
                         ) -> Translated:
    """One checked expression as a Python function of the scope."""
    translator = Translator(always_present, numbers)
    body = translator.visit(expr.tree.body)
    arguments = ast.arguments([], [ast.arg(_SCOPE)], None, [], [], None, [])
    tree = ast.fix_missing_locations(ast.Expression(ast.Lambda(arguments, body)))
    code = compile(tree, f"<perfscore {expr.site.where or 'expression'}>", "eval")
    namespace: dict[str, Any] = {"__builtins__": {}, **HELPERS, **translator.constants}
    function: Translated = eval(code, namespace)  # generated from the checked tree only
    return function


class TranslatedEvaluator:
    """Runs expressions through their compiled functions; the same interface and failures as
    ``Evaluator``. Holds no per-call state, so one instance serves every thread."""

    def __init__(self, expressions: Iterable[Expr], always_present: frozenset[str],
                 numbers: frozenset[str]) -> None:
        self._keep = list(expressions)  # alive as long as we are, so their ids stay unique
        self._functions = {id(e): translate_expression(e, always_present, numbers)
                           for e in self._keep}

    def run(self, expr: Expr, scope: Mapping[str, Any]) -> Any:
        try:
            return settle(self._functions[id(expr)](scope))
        except Exception as exc:
            raise failure(expr, exc) from None
