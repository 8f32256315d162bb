"""Checking expressions when a scheme loads.

An expression is parsed once, walked against an allow-list (SPEC §2.3), and every name resolved
against the scope it is written in. Anything not explicitly allowed is an error at its position in
the file, so a scheme that loads can only compute with numbers, booleans, text and declared row
fields, through our own functions. Numeric literals are replaced by exact ``Decimal`` values taken
from their source text.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ._errors import ExpressionError
from ._format import suggest
from ._functions import ARITY, FUNCTIONS
from ._limits import (
    MAX_COLLECTION_LITERAL,
    MAX_EXPRESSION_DEPTH,
    MAX_EXPRESSION_LENGTH,
    MAX_EXPRESSION_NODES,
    MAX_POWER_EXPONENT,
)
from ._numbers import to_decimal
from ._yaml import Pos

_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
_UNARYOPS = (ast.USub, ast.UAdd, ast.Not)
_COMPARE = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn)
_FORBIDDEN_HINTS: dict[type[ast.AST], str] = {
    ast.Subscript: "subscripts (x[...]) are not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.JoinedStr: "f-strings are not allowed",
    ast.ListComp: "list comprehensions are not allowed; use a generator inside sum(...)",
    ast.SetComp: "set comprehensions are not allowed",
    ast.DictComp: "dict comprehensions are not allowed",
    ast.Dict: "dict literals are not allowed",
    ast.Set: "set literals are not allowed",
    ast.NamedExpr: "assignment (:=) is not allowed",
    ast.Starred: "unpacking (*x) is not allowed",
    ast.Await: "await is not allowed",
    ast.Yield: "yield is not allowed",
    ast.YieldFrom: "yield is not allowed",
    ast.Slice: "slices are not allowed",
}
_OP_NAMES: dict[type[ast.AST], str] = {
    ast.MatMult: "@", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^",
    ast.BitAnd: "&", ast.Invert: "~", ast.Is: "is", ast.IsNot: "is not",
}


@dataclass(frozen=True, slots=True)
class Scope:
    """The names an expression may use: each with its kind (``input``, ``let``, ``local`` for
    ``value``/``target``/``points``), and the row fields of each ``list`` input."""

    names: Mapping[str, str]
    rows: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Site:
    """Where an expression was written, so errors point into the file."""

    file: str
    pos: Pos | None
    where: str | None


@dataclass(frozen=True, slots=True)
class Expr:
    """A checked expression: its text, its tree (literals already Decimal) and the names it
    reads, which decide what an absent input makes not computable."""

    text: str
    tree: ast.Expression
    names: frozenset[str]
    site: Site


def _char_column(text: str, line: int, byte_offset: int) -> int:
    """ast offsets count UTF-8 bytes; people count characters (中文 is one each)."""
    source_line = text.splitlines()[line - 1] if text else ""
    return len(source_line.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


class _Checker:
    def __init__(self, text: str, scope: Scope, site: Site) -> None:
        self.text = text
        self.scope = scope
        self.site = site
        self.errors: list[ExpressionError] = []
        self.names: set[str] = set()
        self.locals: dict[str, str] = {}  # generator variable -> list input it ranges over

    def error(self, message: str, node: ast.AST | None, code: str,
              suggestion: str | None = None) -> None:
        line = column = None
        pos = self.site.pos
        if pos is not None:
            line, column = pos.line, pos.column
            lineno, col_offset = getattr(node, "lineno", None), getattr(node, "col_offset", 0)
            if lineno is not None:
                offset = _char_column(self.text, lineno, col_offset)
                if lineno == 1:
                    column = pos.column + int(pos.quoted) + offset
                else:
                    line, column = pos.line + lineno - 1, offset + 1
        self.errors.append(ExpressionError(
            message, file=self.site.file, line=line, column=column, where=self.site.where,
            suggestion=suggestion, code=code))

    def check(self, node: ast.AST, depth: int = 0) -> None:
        if depth > MAX_EXPRESSION_DEPTH:
            self.error(f"expression is nested deeper than {MAX_EXPRESSION_DEPTH} levels", node,
                       "PS106")
            return
        handler = getattr(self, f"_{type(node).__name__}", None)
        if handler is None:
            hint = _FORBIDDEN_HINTS.get(type(node), f"{type(node).__name__} is not allowed")
            self.error(hint, node, "PS102")
            return
        for child in handler(node) or ():
            self.check(child, depth + 1)

    # each handler checks its own node and returns the children still to check

    def _Expression(self, node: ast.Expression) -> list[ast.AST]:
        return [node.body]

    def _Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool) or value is None or isinstance(value, str):
            return
        if isinstance(value, int | float):
            source = ast.get_source_segment(self.text, node) or repr(value)
            try:
                node.value = to_decimal(source)  # type: ignore[assignment]
            except ValueError:
                self.error(f"number {source} is out of range", node, "PS106")
            return
        self.error(f"{type(value).__name__} literals are not allowed", node, "PS102")

    def _Name(self, node: ast.Name) -> None:
        name = node.id
        if name in self.locals:
            return
        if name in self.scope.names:
            self.names.add(name)
            return
        if name in FUNCTIONS:
            self.error(f"{name} is a function: call it, {name}(...)", node, "PS103")
            return
        candidates = [*self.scope.names, *self.locals]
        self.error(f"unknown name {name!r}", node, "PS101", suggest(name, candidates))

    def _BinOp(self, node: ast.BinOp) -> list[ast.AST]:
        if not isinstance(node.op, _BINOPS):
            self.error(f"operator {_OP_NAMES.get(type(node.op), '?')} is not allowed", node,
                       "PS102")
            return []
        if isinstance(node.op, ast.Pow):
            exponent = node.right
            sign = 1
            if isinstance(exponent, ast.UnaryOp) and isinstance(exponent.op, ast.USub | ast.UAdd):
                sign = -1 if isinstance(exponent.op, ast.USub) else 1
                exponent = exponent.operand
            if not (isinstance(exponent, ast.Constant) and type(exponent.value) is int
                    and exponent.value <= MAX_POWER_EXPONENT):
                self.error(f"** needs a whole-number literal exponent from "
                           f"-{MAX_POWER_EXPONENT} to {MAX_POWER_EXPONENT}", node.right, "PS105")
                return [node.left]
            exact = ast.Constant(Decimal(sign * exponent.value))  # type: ignore[arg-type]
            node.right = ast.copy_location(exact, node.right)
            return [node.left]
        return [node.left, node.right]

    def _UnaryOp(self, node: ast.UnaryOp) -> list[ast.AST]:
        if not isinstance(node.op, _UNARYOPS):
            self.error(f"operator {_OP_NAMES.get(type(node.op), '?')} is not allowed", node,
                       "PS102")
            return []
        return [node.operand]

    def _BoolOp(self, node: ast.BoolOp) -> list[ast.AST]:
        return list(node.values)

    def _Compare(self, node: ast.Compare) -> list[ast.AST]:
        for op in node.ops:
            if not isinstance(op, _COMPARE):
                name = _OP_NAMES.get(type(op), "?")
                self.error(f"comparison {name!r} is not allowed; use == or !=", node, "PS102")
        return [node.left, *node.comparators]

    def _IfExp(self, node: ast.IfExp) -> list[ast.AST]:
        return [node.test, node.body, node.orelse]

    def _Tuple(self, node: ast.Tuple | ast.List) -> list[ast.AST]:
        if len(node.elts) > MAX_COLLECTION_LITERAL:
            self.error(f"more than {MAX_COLLECTION_LITERAL} items in one literal", node, "PS106")
            return []
        return list(node.elts)

    _List = _Tuple

    def _Call(self, node: ast.Call) -> list[ast.AST]:
        func = node.func
        if not isinstance(func, ast.Name):
            self.error("only the functions " + ", ".join(sorted(FUNCTIONS)) +
                       " can be called; methods are not allowed", node, "PS103")
            return []
        if func.id not in FUNCTIONS:
            self.error(f"unknown function {func.id!r}", func, "PS103",
                       suggest(func.id, FUNCTIONS))
            return []
        if node.keywords:
            self.error(f"{func.id}() takes no keyword arguments", node, "PS103")
            return []
        low, high = ARITY[func.id]
        if not low <= len(node.args) <= high:
            count = f"{low}" if low == high else f"{low} to {high}"
            self.error(f"{func.id}() takes {count} argument(s), got {len(node.args)}", node,
                       "PS103")
        children: list[ast.AST] = []
        for arg in node.args:
            if isinstance(arg, ast.GeneratorExp):
                self._generator(arg)
            else:
                children.append(arg)
        return children

    def _generator(self, node: ast.GeneratorExp) -> None:
        if len(node.generators) != 1:
            self.error("a generator may have only one `for`", node, "PS102")
            return
        (gen,) = node.generators
        if gen.is_async or not isinstance(gen.target, ast.Name):
            self.error("a generator needs the form `… for row in rows`", node, "PS102")
            return
        if not (isinstance(gen.iter, ast.Name) and gen.iter.id in self.scope.rows):
            self.error("a generator can only range over a list input (" +
                       ", ".join(sorted(self.scope.rows)) + ")", gen.iter, "PS104")
            return
        variable = gen.target.id
        if variable in self.scope.names or variable in FUNCTIONS or variable in self.locals:
            self.error(f"{variable!r} already names something; choose another row variable",
                       gen.target, "PS102")
            return
        self.names.add(gen.iter.id)
        self.locals[variable] = gen.iter.id
        try:
            for child in (*gen.ifs, node.elt):
                self.check(child, 1)
        finally:
            del self.locals[variable]

    def _GeneratorExp(self, node: ast.GeneratorExp) -> None:
        self.error("a generator must be the argument of a function such as sum(...)", node,
                   "PS102")

    def _Attribute(self, node: ast.Attribute) -> None:
        target = node.value
        if not (isinstance(target, ast.Name) and target.id in self.locals):
            self.error("attribute access is only allowed on the row variable of a generator "
                       "(p.field in `sum(p.field for p in rows)`)", node, "PS104")
            return
        fields = self.scope.rows[self.locals[target.id]]
        if node.attr not in fields:
            self.error(f"rows of {self.locals[target.id]!r} have no field {node.attr!r}", node,
                       "PS104", suggest(node.attr, fields))


def compile_expression(text: str, scope: Scope, site: Site) -> tuple[Expr | None,
                                                                     list[ExpressionError]]:
    """Parse and check one expression; returns it, or None and every problem found."""
    checker = _Checker(text, scope, site)
    if len(text) > MAX_EXPRESSION_LENGTH:
        checker.error(f"expression is longer than {MAX_EXPRESSION_LENGTH:,} characters", None,
                      "PS106")
        return None, checker.errors
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        message = f"invalid expression: {exc.msg}"
        fake = ast.Constant(None, lineno=exc.lineno or 1, col_offset=max((exc.offset or 1) - 1, 0))
        checker.text = text.strip()
        checker.error(message, fake, "PS107")
        return None, checker.errors
    except (RecursionError, MemoryError, ValueError):
        checker.error("expression cannot be parsed (too deeply nested)", None, "PS106")
        return None, checker.errors
    checker.text = text.strip()
    if sum(1 for _ in ast.walk(tree)) > MAX_EXPRESSION_NODES:
        checker.error(f"expression has more than {MAX_EXPRESSION_NODES} parts", None, "PS106")
        return None, checker.errors
    checker.check(tree)
    if checker.errors:
        return None, checker.errors
    return Expr(text, tree, frozenset(checker.names), site), []
