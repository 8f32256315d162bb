"""Checking expressions when a scheme loads.

An expression is parsed once, walked against an allow-list (SPEC §2.3), and every name resolved
against the scope it is written in. Anything not explicitly allowed is an error at its position in
the file, so a scheme that loads can only compute with numbers, booleans, text and declared row
fields, through our own functions. Numeric literals are replaced by exact ``Decimal`` values taken
from their source text.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .._common.errors import ExpressionError
from .._common.limits import (
    MAX_COLLECTION_LITERAL,
    MAX_EXPRESSION_DEPTH,
    MAX_EXPRESSION_LENGTH,
    MAX_EXPRESSION_NODES,
    MAX_POWER_EXPONENT,
)
from .._common.messages import Hint, closest, did_you_mean, lookalike
from .._common.numbers import from_percent, to_decimal
from .._common.text import describe, not_shown
from .._source.yaml import Pos
from .functions import ARITY, FUNCTIONS

_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)
_UNARYOPS = (ast.USub, ast.UAdd, ast.Not)
_COMPARE = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn)
_FORBIDDEN_HINTS: dict[type[ast.AST], str] = {
    ast.Subscript: "PS102.subscript",
    ast.Lambda: "PS102.lambda",
    ast.JoinedStr: "PS102.fstring",
    ast.ListComp: "PS102.listcomp",
    ast.SetComp: "PS102.setcomp",
    ast.DictComp: "PS102.dictcomp",
    ast.Dict: "PS102.dict",
    ast.Set: "PS102.set",
    ast.NamedExpr: "PS102.walrus",
    ast.Starred: "PS102.starred",
    ast.Await: "PS102.await",
    ast.Yield: "PS102.yield",
    ast.YieldFrom: "PS102.yield",
    ast.Slice: "PS102.slice",
}
"""The message key for each kind of syntax that is refused with its own explanation."""
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


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
"""Lines as Python's parser counts them (``ast.get_source_segment`` splits the same way)."""


class Segments:
    """The text of each node of one expression, as ``ast.get_source_segment`` gives it. That
    splits the whole text on every call, so checking an expression cost its length times its
    nodes; this splits it once."""

    def __init__(self, text: str) -> None:
        self.lines: list[bytes] = [line.encode() for line in _LINES.findall(text)]

    def __call__(self, node: ast.AST) -> str | None:
        first, last = getattr(node, "lineno", None), getattr(node, "end_lineno", None)
        start, end = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
        if first is None or last is None or start is None or end is None:
            return None
        lines = self.lines
        written: bytes = lines[first - 1][start:end] if first == last else (
            lines[first - 1][start:] + b"".join(lines[first:last - 1]) + lines[last - 1][:end])
        return written.decode()


def _char_column(text: str, line: int, byte_offset: int) -> int:
    """ast offsets count UTF-8 bytes; people count characters (中文 is one each)."""
    source_line = text.splitlines()[line - 1] if text else ""
    return len(source_line.encode("utf-8")[:byte_offset].decode("utf-8", errors="ignore"))


def locate(site: Site, source: str, node: ast.AST | None) -> tuple[int | None, int | None]:
    """Line and column in the file of ``node``, a part of the expression ``source`` written at
    ``site`` (the whole expression's position when ``node`` has none)."""
    pos = site.pos
    if pos is None:
        return None, None
    line, column = pos.line, pos.column
    lineno, col_offset = getattr(node, "lineno", None), getattr(node, "col_offset", 0)
    if lineno is not None:
        offset = _char_column(source.strip(), lineno, col_offset)
        if lineno == 1:
            # the parsed text is stripped: count the spaces written before it
            lead = len(source) - len(source.lstrip())
            column = pos.column + int(pos.quoted) + lead + offset
        else:  # a later line of a block scalar, whose lines all start at its indentation
            line, column = pos.line + lineno - 1, pos.column + offset
    return line, column


class _Checker:
    def __init__(self, text: str, scope: Scope, site: Site) -> None:
        self.text = text
        self.source = text
        self.scope = scope
        self.site = site
        self.errors: list[ExpressionError] = []
        self.names: set[str] = set()
        self.locals: dict[str, str] = {}  # generator variable -> list input it ranges over
        self.percents: frozenset[tuple[int, int]] = frozenset()  # (line, column) of ``95%``
        self.segment = Segments(text.strip())  # of the text parsed

    def error(self, key: str, node: ast.AST | None, suggestion: Hint | None = None,
              **params: Any) -> None:
        line, column = locate(self.site, self.source, node)
        self.errors.append(ExpressionError.of(key, params, file=self.site.file, line=line,
                                              column=column, where=self.site.where,
                                              suggestion=suggestion))

    def check(self, node: ast.AST, depth: int = 0) -> None:
        if depth > MAX_EXPRESSION_DEPTH:
            self.error("PS106.depth", node, limit=MAX_EXPRESSION_DEPTH)
            return
        handler = getattr(self, f"_{type(node).__name__}", None)
        if handler is None:
            hint = _FORBIDDEN_HINTS.get(type(node))
            if hint is None:  # a syntax newer Pythons add: refused until it is known
                self.error("PS102.node", node, what=type(node).__name__)  # pragma: no mutate
            else:
                self.error(hint, node)
            return
        for child in handler(node) or ():
            self.check(child, depth + 1)

    # each handler checks its own node and returns the children still to check

    def _Expression(self, node: ast.Expression) -> list[ast.AST]:
        return [node.body]

    def _Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, str) and (character := not_shown(value)) is not None:
            self.error("PS109", node, character=describe(character))
            return
        if isinstance(value, bool) or value is None or isinstance(value, str):
            return
        if isinstance(value, int | float):
            source = self.segment(node) or repr(value)
            percent = bool(self.percents) and (node.lineno, _char_column(
                self.text, node.lineno, node.col_offset)) in self.percents
            try:
                exact = from_percent(f"{source}%") if percent else to_decimal(source)
                node.value = exact  # type: ignore[assignment]
            except ValueError:
                self.error("PS106.number", node, number=source)
            return
        self.error("PS102.literal", node, kind=type(value).__name__)

    def _Name(self, node: ast.Name) -> None:
        name = node.id
        if name in self.locals:
            return
        if name in self.scope.names:
            self.names.add(name)
            return
        if name in FUNCTIONS:
            self.error("PS103.uncalled", node, name=name)
            return
        candidates = [*self.scope.names, *self.locals]
        self.error("PS101", node, did_you_mean(closest(name, candidates)) or lookalike(name),
                   name=name)

    def _BinOp(self, node: ast.BinOp) -> list[ast.AST]:
        if not isinstance(node.op, _BINOPS):
            self.error("PS102.operator", node, op=_OP_NAMES.get(type(node.op), "?"))
            return []
        if isinstance(node.op, ast.Pow):
            exponent = node.right
            sign = 1
            if isinstance(exponent, ast.UnaryOp) and isinstance(exponent.op, ast.USub | ast.UAdd):
                sign = -1 if isinstance(exponent.op, ast.USub) else 1
                exponent = exponent.operand
            if not (isinstance(exponent, ast.Constant) and type(exponent.value) is int
                    and exponent.value <= MAX_POWER_EXPONENT):
                self.error("PS105", node.right, limit=MAX_POWER_EXPONENT)
                return [node.left]
            exact = ast.Constant(Decimal(sign * exponent.value))  # type: ignore[arg-type]
            node.right = ast.copy_location(exact, node.right)
            return [node.left]
        return [node.left, node.right]

    def _UnaryOp(self, node: ast.UnaryOp) -> list[ast.AST]:
        if not isinstance(node.op, _UNARYOPS):
            self.error("PS102.operator", node, op=_OP_NAMES.get(type(node.op), "?"))
            return []
        return [node.operand]

    def _BoolOp(self, node: ast.BoolOp) -> list[ast.AST]:
        return list(node.values)

    def _Compare(self, node: ast.Compare) -> list[ast.AST]:
        for op in node.ops:
            if not isinstance(op, _COMPARE):
                self.error("PS102.comparison", node, op=_OP_NAMES.get(type(op), "?"))
        return [node.left, *node.comparators]

    def _IfExp(self, node: ast.IfExp) -> list[ast.AST]:
        return [node.test, node.body, node.orelse]

    def _Tuple(self, node: ast.Tuple | ast.List) -> list[ast.AST]:
        if len(node.elts) > MAX_COLLECTION_LITERAL:
            self.error("PS106.items", node, limit=MAX_COLLECTION_LITERAL)
            return []
        return list(node.elts)

    _List = _Tuple

    def _Call(self, node: ast.Call) -> list[ast.AST]:
        func = node.func
        if not isinstance(func, ast.Name):
            self.error("PS103.methods", node, functions=sorted(FUNCTIONS))
            return []
        if func.id not in FUNCTIONS:
            self.error("PS103.unknown", func, did_you_mean(closest(func.id, FUNCTIONS)),
                       name=func.id)
            return []
        if node.keywords:
            self.error("PS103.keywords", node, name=func.id)
            return []
        low, high = ARITY[func.id]
        if not low <= len(node.args) <= high:
            self.error("PS103.arity" if low == high else "PS103.arity_range", node,
                       name=func.id, low=low, high=high, got=len(node.args))
        children: list[ast.AST] = []
        for arg in node.args:
            if isinstance(arg, ast.GeneratorExp):
                self._generator(arg)
            else:
                children.append(arg)
        return children

    def _generator(self, node: ast.GeneratorExp) -> None:
        if len(node.generators) != 1:
            self.error("PS102.generator_for", node)
            return
        (gen,) = node.generators
        if gen.is_async or not isinstance(gen.target, ast.Name):
            self.error("PS102.generator_form", node)
            return
        if not (isinstance(gen.iter, ast.Name) and gen.iter.id in self.scope.rows):
            self.error("PS104.rows", gen.iter, lists=sorted(self.scope.rows))
            return
        variable = gen.target.id
        if variable in self.scope.names or variable in FUNCTIONS or variable in self.locals:
            self.error("PS102.row_variable", gen.target, name=variable)
            return
        self.names.add(gen.iter.id)
        self.locals[variable] = gen.iter.id
        try:
            for child in (*gen.ifs, node.elt):
                self.check(child, 1)
        finally:
            del self.locals[variable]

    def _GeneratorExp(self, node: ast.GeneratorExp) -> None:
        self.error("PS102.generator_arg", node)

    def _Attribute(self, node: ast.Attribute) -> None:
        target = node.value
        if not (isinstance(target, ast.Name) and target.id in self.locals):
            self.error("PS104", node)
            return
        fields = self.scope.rows[self.locals[target.id]]
        if node.attr not in fields:
            self.error("PS104.field", node,
                       did_you_mean(closest(node.attr, fields)) or lookalike(node.attr),
                       list=self.locals[target.id], field=node.attr)


_NOT_OPERAND = frozenset({")", "]", "}", ",", ":", "==", "!=", "<", "<=", ">", ">=", "*", "/",
                          "//", "%", "**", "and", "or", "if", "else", "for", "in", "not", "is"})
"""What may follow a ``%`` that ends a percent literal: nothing that could start its operand."""


def _percents(text: str) -> tuple[str, frozenset[tuple[int, int]], tuple[int, int] | None]:
    """``text`` with the sign of each percent literal (``95%``: a number and ``%`` written
    together, followed by nothing that could be the right operand of a ``%``) blanked, the
    (line, character column) of those numbers, and where ``95% - 5`` leaves it ambiguous
    whether ``%`` is a percent sign or the remainder (an error: write ``(95%) - 5``).

    Blanking keeps every column, so errors still point into the text as written; anything
    ``%`` could be the remainder of (``7 % 2``, ``a%b``) stays the remainder, as in 1.0."""
    if "%" not in text:
        return text, frozenset(), None
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
                  if t.type not in (tokenize.NL, tokenize.COMMENT)]
    except (tokenize.TokenError, SyntaxError):
        return text, frozenset(), None
    lines = text.splitlines(keepends=True) or [""]
    found: set[tuple[int, int]] = set()
    for number, sign, after in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if not (number.type == tokenize.NUMBER and sign.string == "%"
                and sign.start == number.end):
            continue
        if after.string in ("-", "+"):
            return text, frozenset(), sign.start
        if after.type in (tokenize.NEWLINE, tokenize.ENDMARKER) or after.string in _NOT_OPERAND:
            found.add(number.start)
            line, column = sign.start
            lines[line - 1] = lines[line - 1][:column] + " " + lines[line - 1][column + 1:]
    return "".join(lines), frozenset(found), None


_QUOTED = 60
"""How much of an expression that does not parse its error quotes."""


def _unparsable(text: str, exc: SyntaxError) -> tuple[str, dict[str, Any]]:
    """What was written and where it stops making sense, as a catalog key and arguments."""
    if not text:
        return "PS107.empty", {}
    quoted = text if len(text) <= _QUOTED else text[:_QUOTED - 1] + "…"
    if "parentheses" in exc.msg:  # Python's own nesting limit
        return "PS107.nesting", {"text": quoted}
    lines = text.splitlines()  # text is stripped and not empty: one line at least
    line = lines[min(max((exc.lineno or 1) - 1, 0), len(lines) - 1)]
    column = exc.offset or 0
    if "never closed" in exc.msg and 1 <= column <= len(line):
        return "PS107.unclosed", {"text": quoted, "bracket": line[column - 1], "column": column}
    if not 1 <= column <= len(line):
        return "PS107.end", {"text": quoted}
    end = exc.end_offset if exc.end_offset and exc.end_offset > column else column + 1
    return "PS107", {"text": quoted, "column": column, "at": line[column - 1:end - 1]}


def parse_expression(text: str, scope: Scope, site: Site) -> tuple[Expr | None,
                                                                     list[ExpressionError]]:
    """Parse and check one expression; returns it, or None and every problem found."""
    checker = _Checker(text, scope, site)
    if len(text) > MAX_EXPRESSION_LENGTH:
        checker.error("PS106.length", None, limit=MAX_EXPRESSION_LENGTH)
        return None, checker.errors
    written, checker.percents, ambiguous = _percents(text.strip())
    if ambiguous is not None:
        fake = ast.Constant(None, lineno=ambiguous[0], col_offset=len(
            text.strip().splitlines()[ambiguous[0] - 1][:ambiguous[1]].encode()))
        checker.error("PS107.percent", fake)
        return None, checker.errors
    try:
        tree = ast.parse(written, mode="eval")
    except SyntaxError as exc:
        fake = ast.Constant(None, lineno=exc.lineno or 1, col_offset=max((exc.offset or 1) - 1, 0))
        key, params = _unparsable(text.strip(), exc)
        checker.error(key, fake, **params)
        return None, checker.errors
    # a guard: within the length limit Python's parser raises none of these, so mutants of
    # these two lines cannot be told apart by any expression (docs/design.md)
    except (RecursionError, MemoryError, ValueError):  # pragma: no mutate
        checker.error("PS106.parse", None)  # pragma: no mutate
        return None, checker.errors
    checker.text = text.strip()
    if sum(1 for _ in ast.walk(tree)) > MAX_EXPRESSION_NODES:
        checker.error("PS106.nodes", None, limit=MAX_EXPRESSION_NODES)
        return None, checker.errors
    checker.check(tree)
    if checker.errors:
        return None, checker.errors
    return Expr(text, tree, frozenset(checker.names), site), []
