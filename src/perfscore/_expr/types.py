"""The types of expressions, inferred from the types of the inputs.

Every checked expression gets a type — a number (with the range its inputs allow, and whether it
is whole), true/false, text, a choice (with its options), the rows of a list input — and every
operation is checked against what it needs: arithmetic on text, comparing a number with text,
testing a choice against a word that is not one of its options, a number used as a condition.
Each is an error at its place in the file when the scheme loads, because at scoring time it would
fail, or worse, quietly give a wrong answer (a number is never equal to text, so such a test is
just false). ``any`` is a type that cannot be known (a part that already failed); it is never
reported, so one mistake gives one error.
"""

from __future__ import annotations

import ast
import datetime
import decimal
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .._common.dates import to_date
from .._common.messages import KINDS, NEEDS, Term, closest, did_you_mean
from .._source.format import ROW_FIELDS, ROW_TEXT_FIELDS, InputSpec
from .syntax import Expr, Segments

_RANGE = decimal.Context(prec=28, traps=[])
"""Bounds arithmetic: infinities allowed, an undefined result (inf − inf) is NaN, not an error."""
_INF = Decimal("Infinity")


@dataclass(frozen=True, slots=True)
class Type:
    """What an expression gives. ``kind`` is ``number``, ``bool``, ``text``, ``date``, ``choice``,
    ``rows`` (a list input), ``row`` (its row variable), ``values`` (a literal list such as
    ``("a", "b")``), ``none`` or ``any``.

    Numbers carry a closed range (``None`` bounds are infinite) and ``integral``; a choice its
    ``options`` and the ``name`` they belong to; rows and a row their ``fields``; a text
    constant its ``literal``.
    """

    kind: str
    low: Decimal | None = None
    high: Decimal | None = None
    integral: bool = False
    options: tuple[str, ...] = ()
    name: str | None = None
    fields: tuple[tuple[str, Type], ...] = ()
    items: tuple[Type, ...] = ()
    literal: str | None = None

    @property
    def term(self) -> Term:
        return KINDS[self.kind]

    @property
    def numeric(self) -> bool:
        """A number, or unknown (never reported)."""
        return self.kind in ("number", "any")

    @property
    def boolean(self) -> bool:
        return self.kind in ("bool", "any")

    def field(self, name: str) -> Type:
        return dict(self.fields).get(name, ANY)


ANY = Type("any")
BOOL = Type("bool")
TEXT = Type("text")
NONE = Type("none")
DATE = Type("date")


def number(low: Decimal | None = None, high: Decimal | None = None, *,
           integral: bool = False) -> Type:
    return Type("number", low, high, integral)


def input_type(name: str, spec: InputSpec) -> Type:
    """The type an input gives in expressions (``name`` is what a choice's options belong to)."""
    if spec.type in ("number", "integer", "percent"):
        return number(spec.min, spec.max, integral=spec.type == "integer")
    if spec.type == "bool":
        return BOOL
    if spec.type == "text":
        return TEXT
    if spec.type == "date":
        return DATE
    if spec.type == "choice":
        assert spec.options is not None
        return Type("choice", options=tuple(spec.options), name=name)
    if spec.type == "rows":
        return Type("rows", name=name, fields=tuple(
            (field, TEXT if field in ROW_TEXT_FIELDS else number() if field in (
                "points", "score") else ANY) for field in ROW_FIELDS))
    assert spec.of is not None
    return Type("rows", name=name, fields=tuple(
        (field, input_type(f"{name}.{field}", sub)) for field, sub in spec.of.items()))


def join(*types: Type) -> Type:
    """The type of a value that is any one of ``types`` (the branches of ``… if … else …``)."""
    present = [t for t in types if t.kind != "none"]
    if not present:
        return NONE
    first = present[0]
    if all(t == first for t in present):
        return first
    kinds = {t.kind for t in present}
    if kinds == {"number"}:
        lows, highs = [t.low for t in present], [t.high for t in present]
        return number(None if None in lows else min(x for x in lows if x is not None),
                      None if None in highs else max(x for x in highs if x is not None),
                      integral=all(t.integral for t in present))
    if kinds <= {"text", "choice"}:
        return TEXT
    if kinds == {"bool"}:
        return BOOL
    return ANY


# --- ranges ---------------------------------------------------------------------------------


def _bound(value: Decimal | None, sign: int) -> Decimal:
    return (_INF if sign > 0 else -_INF) if value is None else value


def _finite(value: Decimal) -> Decimal | None:
    return None if value.is_infinite() else value


def _span(values: Iterable[Decimal], integral: bool) -> Type:
    """The smallest range holding ``values`` (bounds, possibly infinite; NaN: unbounded)."""
    found = list(values)
    if any(v.is_nan() for v in found):
        return number(integral=integral)
    return number(_finite(min(found)), _finite(max(found)), integral=integral)


def _corners(a: Type, b: Type, op: Callable[[Decimal, Decimal], Decimal]) -> list[Decimal]:
    return [op(x, y) for x in (_bound(a.low, -1), _bound(a.high, 1))
            for y in (_bound(b.low, -1), _bound(b.high, 1))]


def _times(x: Decimal, y: Decimal) -> Decimal:
    """A product of bounds, where 0 × ∞ is 0 (an unbounded factor times exactly 0)."""
    return Decimal(0) if x.is_zero() or y.is_zero() else _RANGE.multiply(x, y)


def _arithmetic(op: ast.operator, a: Type, b: Type) -> Type:
    whole = a.integral and b.integral
    if isinstance(op, ast.Add):
        return _span(_corners(a, b, _RANGE.add), whole)
    if isinstance(op, ast.Sub):
        return _span(_corners(a, b, _RANGE.subtract), whole)
    if isinstance(op, ast.Mult):
        return _span(_corners(a, b, _times), whole)
    if isinstance(op, ast.Div):
        if (b.low is not None and b.low > 0) or (b.high is not None and b.high < 0):
            return _span(_corners(a, b, _RANGE.divide), False)
        if a.low is not None and a.low >= 0 and b.low is not None and b.low >= 0:
            return number(Decimal(0))  # a ratio of two non-negative numbers
        return number()
    return number(integral=whole and isinstance(op, ast.FloorDiv | ast.Mod))


def _lowest(types: list[Type]) -> Type:
    return _span([min(_bound(t.low, -1) for t in types), min(_bound(t.high, 1) for t in types)],
                 all(t.integral for t in types))


def _highest(types: list[Type]) -> Type:
    return _span([max(_bound(t.low, -1) for t in types), max(_bound(t.high, 1) for t in types)],
                 all(t.integral for t in types))


def _absolute(t: Type) -> Type:
    low, high = _bound(t.low, -1), _bound(t.high, 1)
    if low >= 0:
        return t
    if high <= 0:
        return _span([-high, -low], t.integral)
    return _span([Decimal(0), max(-low, high)], t.integral)


# --- inference ------------------------------------------------------------------------------

Report = Callable[..., None]
"""``report(key, node, suggestion=None, **params)``: an error about ``node``."""

_SYMBOLS: dict[type[ast.AST], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
    ast.Pow: "**", ast.USub: "-", ast.UAdd: "+", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
    ast.GtE: ">=", ast.And: "and", ast.Or: "or", ast.Not: "not",
}
_FAMILY = {"number": "number", "bool": "bool", "text": "text", "choice": "text", "date": "date",
           "rows": "rows", "row": "row", "values": "values"}


class _Inference:
    def __init__(self, expr: Expr, env: Mapping[str, Type], report: Report) -> None:
        self.text = expr.text.strip()
        self.segment = Segments(self.text)
        self.env = env
        self.report = report
        self.rows: dict[str, Type] = {}

    def source(self, node: ast.AST) -> str:
        return self.segment(node) or ""

    def bad(self, key: str, node: ast.AST, type_: Type, **params: Any) -> None:
        self.report(key, node, operand=self.source(node), kind=type_.term, **params)

    def infer(self, node: ast.AST) -> Type:
        handler: Callable[[Any], Type] | None = getattr(self, f"_{type(node).__name__}", None)
        return ANY if handler is None else handler(node)

    def _Expression(self, node: ast.Expression) -> Type:
        return self.infer(node.body)

    def _Constant(self, node: ast.Constant) -> Type:
        value = node.value
        if isinstance(value, bool):
            return BOOL
        if value is None:
            return NONE
        if isinstance(value, str):
            return Type("text", literal=value)
        if isinstance(value, Decimal):
            return number(value, value, integral=value == value.to_integral_value())
        if isinstance(value, datetime.date):  # a text literal made a date (``dated``)
            return DATE
        return ANY

    def _Name(self, node: ast.Name) -> Type:
        return self.rows.get(node.id) or self.env.get(node.id, ANY)

    def _Attribute(self, node: ast.Attribute) -> Type:
        row = self.infer(node.value)
        return row.field(node.attr) if row.kind == "row" else ANY

    def _BinOp(self, node: ast.BinOp) -> Type:
        left, right = self.infer(node.left), self.infer(node.right)
        if isinstance(node.op, ast.Sub) and "date" in (left.kind, right.kind):
            left, right = self.dated(node.left, left, right), self.dated(node.right, right, left)
            if left.kind in ("date", "any") and right.kind in ("date", "any"):
                return number(integral=True)  # days
        for side, side_type in ((node.left, left), (node.right, right)):
            if not side_type.numeric:
                self.bad("PS120.arithmetic", side, side_type, op=_SYMBOLS[type(node.op)])
                return ANY
        if ANY in (left, right):
            return number()
        return _arithmetic(node.op, left, right)

    def _UnaryOp(self, node: ast.UnaryOp) -> Type:
        operand = self.infer(node.operand)
        if isinstance(node.op, ast.Not):
            if not operand.boolean:
                self.bad("PS122.operator", node.operand, operand, op="not")
            return BOOL
        if not operand.numeric:
            self.bad("PS120.arithmetic", node.operand, operand, op=_SYMBOLS[type(node.op)])
            return ANY
        if operand.kind == "any" or isinstance(node.op, ast.UAdd):
            return number() if operand.kind == "any" else operand
        return _span([-_bound(operand.high, 1), -_bound(operand.low, -1)], operand.integral)

    def _BoolOp(self, node: ast.BoolOp) -> Type:
        for value in node.values:
            found = self.infer(value)
            if not found.boolean:
                self.bad("PS122.operator", value, found, op=_SYMBOLS[type(node.op)])
        return BOOL

    def _Compare(self, node: ast.Compare) -> Type:
        nodes = [node.left, *node.comparators]
        types = [self.infer(n) for n in nodes]
        for index, op in enumerate(node.ops):
            a, b = nodes[index], nodes[index + 1]
            ta, tb = types[index], types[index + 1]
            if isinstance(op, ast.Eq | ast.NotEq):
                self.equality(a, self.dated(a, ta, tb), b, self.dated(b, tb, ta))
            elif isinstance(op, ast.In | ast.NotIn):
                self.membership(a, ta, b, tb)
            elif "date" in (ta.kind, tb.kind):
                ta, tb = self.dated(a, ta, tb), self.dated(b, tb, ta)
                if "any" not in (ta.kind, tb.kind) and ta.kind != tb.kind:
                    self.report("PS120.date", b, op=_SYMBOLS[type(op)], left=self.source(a),
                                left_kind=ta.term, right=self.source(b), right_kind=tb.term)
            else:
                for side, side_type in ((a, ta), (b, tb)):
                    if not side_type.numeric:
                        self.bad("PS120.order", side, side_type, op=_SYMBOLS[type(op)])
                        break
        return BOOL

    def dated(self, node: ast.AST, found: Type, other: Type) -> Type:
        """A text literal beside a date (``完工时间 <= "2023-12-31"``) is that date: the
        literal is replaced by the date it writes, so that it is compared, and subtracted, as
        a date. One that writes no date is an error (PS127)."""
        if other.kind != "date" or found.literal is None or not isinstance(node, ast.Constant):
            return found
        try:
            node.value = to_date(found.literal)  # type: ignore[assignment]
        except ValueError:
            self.report("PS127", node, written=found.literal)
            return ANY
        return DATE

    def equality(self, a: ast.AST, ta: Type, b: ast.AST, tb: Type) -> None:
        if "any" in (ta.kind, tb.kind) or "none" in (ta.kind, tb.kind):
            return
        for choice, word, node in ((ta, tb, b), (tb, ta, a)):
            if choice.kind == "choice" and word.literal is not None:
                if word.literal not in choice.options:
                    self.report("PS121", node, did_you_mean(closest(word.literal,
                                                                    choice.options)),
                                value=word.literal, name=choice.name,
                                options=list(choice.options))
                return
        if _FAMILY[ta.kind] != _FAMILY[tb.kind]:
            self.report("PS120.compare", b, left=self.source(a), left_kind=ta.term,
                        right=self.source(b), right_kind=tb.term)

    def membership(self, a: ast.AST, ta: Type, b: ast.AST, tb: Type) -> None:
        if tb.kind == "values" and isinstance(b, ast.Tuple | ast.List):
            for item, item_type in zip(b.elts, tb.items, strict=True):
                self.equality(a, ta, item, item_type)
        elif tb.kind in ("text", "choice"):
            if ta.kind not in ("text", "choice", "any"):
                self.bad("PS120.in", a, ta)
        elif tb.kind != "any":
            self.bad("PS120.in", b, tb)

    def _IfExp(self, node: ast.IfExp) -> Type:
        test = self.infer(node.test)
        if not test.boolean:
            self.bad("PS122.if", node.test, test)
        return join(self.infer(node.body), self.infer(node.orelse))

    def _Tuple(self, node: ast.Tuple | ast.List) -> Type:
        return Type("values", items=tuple(self.infer(e) for e in node.elts))

    _List = _Tuple

    def generator(self, node: ast.GeneratorExp) -> Type:
        """The type of the items ``node`` yields; its row variable is a ``row`` meanwhile."""
        (gen,) = node.generators
        assert isinstance(gen.target, ast.Name)
        rows = self.infer(gen.iter)
        self.rows[gen.target.id] = Type("row", fields=rows.fields) if rows.kind == "rows" else ANY
        try:
            for condition in gen.ifs:
                found = self.infer(condition)
                if not found.boolean:
                    self.bad("PS122.filter", condition, found)
            return self.infer(node.elt)
        finally:
            del self.rows[gen.target.id]

    def items(self, arg: ast.AST, function: str) -> Type:
        """The type of the numbers ``function`` (sum, mean, min, max) reads from one argument."""
        where: ast.AST = arg
        if isinstance(arg, ast.GeneratorExp):
            item, where = self.generator(arg), arg.elt
        else:
            found = self.infer(arg)
            if found.kind == "values":
                item = join(*found.items)
            elif found.kind in ("number", "any") and function in ("min", "max"):
                return found
            else:
                item = found
        if not item.numeric:
            self.bad("PS126", where, item, function=function, needs=NEEDS["numbers"])
            return ANY
        return item

    def _Call(self, node: ast.Call) -> Type:
        assert isinstance(node.func, ast.Name)
        function, args = node.func.id, node.args
        if function == "coalesce":
            return join(*(self.infer(a) for a in args))
        if function in ("count", "len"):
            for arg in args:
                if isinstance(arg, ast.GeneratorExp):
                    self.generator(arg)
                    continue
                found = self.infer(arg)
                fits = found.kind in ("rows", "values", "any") or (
                    function == "len" and found.kind in ("text", "choice"))
                if not fits:
                    needs = NEEDS["rows_or_text" if function == "len" else "rows"]
                    self.bad("PS126", arg, found, function=function, needs=needs)
            return number(Decimal(0), integral=True)
        if function in ("sum", "mean") or (function in ("min", "max") and len(args) == 1):
            item = self.items(args[0], function) if args else ANY
            if item.kind == "any":
                return number()
            if function == "sum":  # of any number of items: only the sign is known
                positive = item.low is not None and item.low >= 0
                return number(Decimal(0) if positive else None, integral=item.integral)
            return number(item.low, item.high)
        types: list[Type] = []
        for arg in args:
            found = self.infer(arg)
            if not found.numeric:
                self.bad("PS126", arg, found, function=function, needs=NEEDS["numbers"])
                return number()
            types.append(found)
        if not types or any(t.kind == "any" for t in types):
            return number()
        if function == "min":
            return _lowest(types)
        if function == "max":
            return _highest(types)
        if function == "abs":
            return _absolute(types[0])
        if function == "clamp" and len(types) == 3:
            x, lowest, highest = types
            return _highest([lowest, _lowest([highest, x])])
        if function == "round":  # rounding never moves a number past the next whole one
            x = types[0]
            return number(None if x.low is None else Decimal(math.floor(x.low)),
                          None if x.high is None else Decimal(math.ceil(x.high)),
                          integral=x.integral)
        return number()


def infer(expr: Expr, env: Mapping[str, Type], report: Report) -> Type:
    """The type of ``expr`` where names have the types ``env`` gives, reporting each misuse
    through ``report``."""
    return _Inference(expr, env, report).infer(expr.tree)
