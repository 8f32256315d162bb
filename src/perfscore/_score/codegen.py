"""A scheme turned, once (on its first score), into one Python function that scores a record.

Scoring a record walks a tree that is the same for every record: which lets, checks and
indicators there are, each indicator's kind, maximum, method and review rule. Walking it again
for each record (a call per node, a dispatch on its kind) cost more than the arithmetic; the
generated function has that walk unrolled, with every per-scheme decision taken once.

The function is assembled from fixed statement templates (below) into which only two things
are put: names bound to the scheme's objects (indicators, maxima, methods, expressions — never
their text), and each expression's checked tree as translated by ``_expr.translate``, written
out by ``ast.unparse`` in place of its placeholder. The template never holds a scheme's text;
what an author wrote reaches the function only inside a translated tree, where a text is a
string constant that ``ast.unparse`` writes as a quoted Python literal, so the text compiles
back to the very tree. The function is compiled from that text: Python compiles a text of
60,000 lines three times faster than it parses it into AST objects and compiles those.

The same scorer serves both evaluators: on the fast path an expression is inlined; on the
reference path it is handed to simpleeval. A method is called as its module in ``_methods``
defines it, except on the fast path where it gives its points as statements of its own
(``Method.inline``: ``ratio``, ``levels``, ``linear``, ``deduct``, interval ``tiers``), which
the generator writes into each leaf (in a large scheme, one small function per rule), run
instead of the method and making no ``Outcome``; the reference path always calls the method,
and tests/test_inline.py and tests/test_fast_path.py hold the two equal. A leaf's failures go
to one handler (``_missed``). Each leaf adds to the
record's ``tally.Tally`` as it is scored. A leaf its method scored is left as a tuple of its
item's numbers (``result.Scored``), made an ``Item`` only when a result is asked for its
items; the others are made by the typed constructors of ``items``, so a change to ``Item`` is
checked by mypy. The rows of a 自评表, whose number only the record knows, are scored by
``rows`` in a call per section.
"""

from __future__ import annotations

import ast
import decimal
import gc
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from .._common.errors import EvaluationError, PerfscoreError, RecordError
from .._common.numbers import CONTEXT, ZERO, quantizing, round_to
from .._expr.functions import Absent, ExpressionTypeError, NotComputable
from .._expr.reference import evaluation_error, failure, settle
from .._expr.syntax import Expr
from .._expr.translate import HELPERS, Translator, settled
from .._methods import Inline, Run
from .._model.tree import CompiledScheme, Indicator, Veto
from .items import not_applicable, not_assessed, over_target, review_bound
from .notes import Notes
from .result import Context, Flag, Item, Scored
from .rows import score_rows
from .tally import Tally, counted

Generated = Callable[[dict[str, Any], "Run | None", "str | None", Notes],
                     tuple[tuple[Item | Scored, ...], Tally, list[Flag]]]
"""``(scope, run, file, notes) -> (shape, tally, flags)``: ``shape`` is every leaf and rows
section, depth first, from which ``items.Assembly`` makes the items when a result is asked
for them. A leaf its method scored is left as the numbers of its item (``result.Scored``),
every other one is an ``Item``; ``tally`` is what the leaves add to the total, counted as
each is scored (a section's rows in its place); ``run`` evaluates an expression a method asks
for (a tier test, a formula) in the record's scope (None for a function that asks for none:
``GeneratedScorer.runs``); ``flags`` are the vetoes that hold and, when auditing, the rows'
mistakes."""

_INLINED_LEAVES = 100
"""The most leaves a scheme may have for its methods' statements (``Method.inline``) to be
written in each leaf rather than called: written in, they took 0.3 µs off a record of the
bundled scheme (8 leaves), and 100 leaves written out compile in 15 ms (8 ms calling the
function of their rule)."""

_PLACEHOLDER = re.compile(r"__expr\d+__")
"""Where an expression's text goes: a name no template writes otherwise (the template holds no
scheme text, so none can look like one)."""


def _check_failed(expr: Expr, ok: Any, message: str, file: str | None) -> PerfscoreError:
    _boolean(expr, ok, "a check")
    return RecordError.of("PS302", {"message": message, "rule": expr.text}, file=file,
                          where=", ".join(sorted(expr.names)))


def _boolean(expr: Expr, ok: Any, what: str) -> None:
    if not isinstance(ok, bool):
        raise evaluation_error(expr, f"{what} must be true or false")


def _vetoed(veto: Veto, ok: Any) -> bool:
    _boolean(veto.condition, ok, "a veto's condition")
    return ok is True


def _method_failed(node: Indicator, scheme_file: str, exc: ExpressionTypeError | ArithmeticError
                   ) -> EvaluationError:
    """The scheme's fault, at the indicator: its method met a value of the wrong kind, or
    its arithmetic went past the decimal context's bounds (a target of 1E-900000 that a
    ratio divides by), which no rule of perfscore can score."""
    problem = str(exc) if isinstance(exc, ExpressionTypeError) else \
        "a number grew too large" if isinstance(exc, decimal.Overflow) else \
        "an invalid arithmetic operation"
    return EvaluationError.of("PS201.indicator", {"id": node.id, "problem": problem},
                              file=scheme_file, line=node.line, where=node.id)


def _not_computable(expr: Expr | None, exc: Exception) -> NotComputable:
    """What ``exc``, raised evaluating ``expr``, means when it is that a value cannot be
    computed (``failure`` reads it; ``expr`` None: read already, by the reference path's
    ``run``, or raised by a method); anything else, an error, is raised."""
    found = exc if expr is None else failure(expr, exc)
    if isinstance(found, NotComputable):
        return found
    raise found from None


class _NotApplicable(Exception):
    """Raised by a leaf the record declares 不适用, for ``_missed`` to make its item."""


def _missed(node: Indicator, expr: Expr | None, exc: Exception, value: Any, target: Any,
            context: Context, notes: Notes, tally: Tally, scheme_file: str) -> Item:
    """The item of a leaf whose value or target (``expr``, as ``_not_computable`` takes it)
    or method raised ``exc``, counted in ``tally``: not applicable where the record says so
    (``_NotApplicable``), not assessed where a value cannot be computed. A method's type or
    arithmetic error is the scheme's (``_method_failed``); anything else is raised as it
    is. One handler for all, with the expression being evaluated noted in ``_failing`` (None
    while the method runs, whose ``run`` raises failures already read): a 3,000-leaf
    scheme's text 45,000 lines instead of 63,000, compiled in 0.45 s instead of 0.64."""
    if exc.__class__ is _NotApplicable:
        item = not_applicable(node, notes, context)
    elif expr is None and isinstance(exc, ExpressionTypeError | ArithmeticError):
        raise _method_failed(node, scheme_file, exc) from None
    else:
        item = not_assessed(node, value, target, _not_computable(expr, exc), context, notes)
    tally.item(item)
    return item


_RUNTIME: dict[str, Any] = {
    "Exception": Exception, "_settle": settle, "_Absent": Absent,
    "_not_computable": _not_computable, "_missed": _missed,
    "_round": round_to, "_min": min, "_ZERO": ZERO, "_check_failed": _check_failed,
    "_NotApplicable": _NotApplicable, "_over": over_target,
    "_RecordError": RecordError, "_section": score_rows, "_vetoed": _vetoed, "_Flag": Flag,
    "_Tally": Tally, "_counted": counted,
    "_type": type, "_D": Decimal, "_S": str,  # for methods' Inline
    "_DECIMALS": CONTEXT,
}


def _called(score: str, w: str, run: str) -> tuple[str, str]:
    """The statement calling a method (named ``score``) for a leaf's outcome, and the
    expression of its points, rounded: rounding must not lift full marks past a maximum
    with more decimals."""
    return (f"_o = {score}(_v, _t, {w}, {run}, _s)",
            f"_min({w}, _round(_o.points, _PLACES, _MODE))")


class _Writer:
    """Collects the function's lines, the objects its names stand for, and the expression
    trees its placeholders stand for."""

    def __init__(self, compiled: CompiledScheme, context: Context, scheme_file: str,
                 places: int, mode: str, always_present: frozenset[str],
                 numbers: frozenset[str], reference: bool) -> None:
        self.compiled = compiled
        self.reference = reference
        self.places, self.mode = places, mode
        self.translator = Translator(always_present, numbers)
        self.numbers = numbers  # the numeric inputs: ``settled`` knows their bounds
        self.lines: list[str] = []
        self.names: dict[str, Any] = {"_CTX": context, "_SCHEME_FILE": scheme_file,
                                      "_PLACES": places, "_MODE": mode}
        self.shared: dict[tuple[str, type, str], str] = {}  # a number or text -> its name
        self.trees: dict[str, ast.expr] = {}  # placeholder name -> expression tree
        self.kernels: dict[str, str] = {}  # a method's inline function's body -> its name
        self.shape: list[str] = []  # the item of every leaf and section, depth first
        self.items = 0
        self.runs = False  # whether the function calls ``run`` (else it is given None)
        # a method's statements written in each leaf, or called as a function of their own
        self.inlined = sum(1 for root in compiled.indicators
                           for _ in root.leaves()) <= _INLINED_LEAVES

    def item(self) -> str:
        """A fresh variable for an item."""
        self.items += 1
        return f"_i{self.items}"

    def bind(self, value: Any, prefix: str) -> str:
        """The name standing for ``value``; equal numbers and texts share one name (3,000
        leaves of one point bind one maximum, not 3,000)."""
        key = (prefix, type(value), str(value)) if type(value) in (Decimal, str) else None
        if key is not None and key in self.shared:
            return self.shared[key]
        name = f"_{prefix}{len(self.names)}"
        self.names[name] = value
        if key is not None:
            self.shared[key] = name
        return name

    def emit(self, indent: int, *lines: str) -> None:
        self.lines.extend("    " * indent + line for line in lines)

    def evaluate(self, indent: int, into: str, expr: Expr, *, track: bool = False
                 ) -> tuple[str, str]:
        """``into = <expr>``, raising what the expression raises. Returns the name bound to
        ``expr``, and what ``_not_computable`` reads a failure by: that name, or "None"
        where there is nothing to read (a constant; the reference path, whose ``run`` reads
        its own). ``track`` sets ``_failing`` to the latter first: a leaf's value, target and
        method share one handler."""
        x = self.bind(expr, "x")
        body = expr.tree.body
        if isinstance(body, ast.Constant) and isinstance(body.value, Decimal):
            self.emit(indent, f"{into} = {self.bind(body.value, 'lit')}")  # bounded at load
            return x, "None"
        if self.reference:
            self.runs = True
            self.emit(indent, f"{into} = _run({x})")
            return x, "None"
        placeholder = f"__expr{len(self.trees)}__"
        tree = self.trees[placeholder] = self.translator.visit(expr.tree.body)
        # a comparison or a negation is true or false: nothing for `settle` to bound
        bounded = isinstance(tree, ast.Compare) or (
            isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.Not)) or settled(
            expr.tree.body, self.numbers)
        if track:
            self.emit(indent, f"_failing = {x}")
        self.emit(indent, f"{into} = {placeholder if bounded else f'_settle({placeholder})'}")
        return x, x

    def lets(self) -> None:
        for name, expr in self.compiled.lets:
            k = self.bind(name, "k")
            self.emit(1, "try:")
            _, read = self.evaluate(2, f"_s[{k}]", expr)
            self.emit(1, "except Exception as _e:",
                      f"    _r = _not_computable({read}, _e)",
                      f"    _s[{k}] = _Absent({k}, _r.reason, _r.name)")

    def checks(self) -> None:
        if not self.compiled.checks:
            return
        self.emit(1, "_bad = []")
        for expr, message in self.compiled.checks:
            m = self.bind(message, "m")
            self.emit(1, "try:")
            x, read = self.evaluate(2, "_ok", expr)
            self.emit(1, "except Exception as _e:",
                      f"    _not_computable({read}, _e)",
                      "    _ok = None",  # a check about an absent input: skipped
                      "if _ok is not True and _ok is not None:",
                      f"    _bad.append(_check_failed({x}, _ok, {m}, _file))")
        self.emit(1, "if _bad:", "    raise _RecordError.collect(_bad)")

    def vetoes(self) -> None:
        for veto in self.compiled.vetoes:
            v = self.bind(veto, "veto")
            self.emit(1, "try:")
            _, read = self.evaluate(2, "_ok", veto.condition)
            self.emit(1, "except Exception as _e:",
                      f"    _not_computable({read}, _e)",
                      "    _ok = None",  # a veto about an absent input: not raised
                      f"if _ok is not None and _vetoed({v}, _ok):",
                      f"    _F.append(_Flag(None, 'veto', {{'grade': {v}.grade, "
                      f"'message': {v}.message}}))")

    def node(self, node: Indicator) -> None:
        """Lines scoring the leaves and sections below ``node``; a branch's own item is made
        only when a result is asked for its items (``items.Assembly.roots``)."""
        if not node.is_leaf and node.rows is None:
            for child in node.children:
                self.node(child)
            return
        item = self.item()
        self.shape.append(item)
        if node.rows is not None:
            n, k = self.bind(node, "n"), self.bind(node.rows.source, "k")
            self.emit(1, f"{item}, _rf = _section({n}, _s[{k}], _CTX, _PLACES, _MODE, _notes, "
                         "_file)",
                      f"_counted(_T, {item})", "_F.extend(_rf)")
            return
        self.leaf(node, item)

    def leaf(self, node: Indicator, item: str) -> None:
        n, w, method = self.bind(node, "n"), self.bind(node.points, "w"), node.method
        assert method is not None
        score, i = self.bind(method.score, "f"), self.bind(node.id, "id")
        # a method's own expressions (a tier test, a formula) read value, target and points
        # from the scope; value and target may read points
        runs = bool(method.expressions())
        sites = [e for e in (node.value, node.target) if e is not None]
        if runs or any("points" in e.names for e in sites):
            self.emit(1, f"_s['points'] = {w}")
        self.emit(1, "_v = _t = _failing = None", "try:",
                  f"    if _na and {i} in _na:", "        raise _NotApplicable")
        tracked = False
        for into, expr in (("_v", node.value), ("_t", node.target)):
            if expr is not None:
                _, read = self.evaluate(2, into, expr, track=True)
                tracked = tracked or read != "None"
        if tracked:  # the method's failures are its own
            self.emit(2, "_failing = None")
        if runs:
            self.emit(2, "_s['value'] = _v", "_s['target'] = _t")
        inline = None if self.reference or runs or method.reads() else method.inline()
        rounding = quantizing(self.places, self.mode, node.points)
        if inline is None or rounding is None:
            self.runs = self.runs or runs
            call, points = _called(score, w, "_run" if runs else "None")
            self.emit(2, call, f"_p = {points}")
        elif self.inlined:  # the outcome's rule and facts are asked of the method when an
            self.emit(2, *self.kernel(inline, rounding, w, score))  # item is made
        else:
            self.emit(2, f"_p, _o = {self.shared_kernel(inline, rounding)}(_v, _t, {w}, {score}, "
                         "_s)")
        self.emit(1, "except Exception as _e:",
                  f"    {item} = _missed({n}, _failing, _e, _v, _t, _CTX, _notes, _T, "
                  "_SCHEME_FILE)",
                  "else:")
        if node.kind == "penalty":
            self.emit(2, "_p = -_p")
        over = "False"  # its review flag is made when asked for (``tally.noted``)
        if node.review is not None:
            over = "_fl"
            target = None if node.target is None else node.target.tree.body
            if not (isinstance(target, ast.Constant) and isinstance(target.value, Decimal)):
                self.emit(2, f"_fl = _over({n}, _v, _t)")
            elif (bound := review_bound(node.review, target.value)) is None:
                over = "False"
            else:  # ``over_target`` of a constant target
                self.emit(2, f"_fl = _type(_v) is _D and _v >= {self.bind(bound, 'b')}")
        self.emit(2, f"{item} = ({n}, _p, _v, _t, _o, {over})")  # result.Scored
        if node.kind == "base":
            self.emit(2, "_T.awarded += _p", f"_T.assessed += {w}")
        else:
            self.emit(2, "_T.extra += _p")

    def kernel(self, inline: Inline, rounding: tuple[Decimal, str], w: str, score: str
               ) -> list[str]:
        """Statements setting a leaf's points, rounded, and its outcome (``_p``, ``_o``) from
        value, target, maximum ``w`` and the method's ``score``: where the method's guard
        holds, the method's own statements and None; elsewhere what ``score`` gives."""
        names = {key: self.bind(value, "q") for key, value in inline.names.items()}
        quantum, mode = (self.bind(part, "r") for part in rounding)
        call, points = _called(score, w, "None")
        return [f"if {inline.guard.format(w=w, **names)}:",
                *("    " + line.format(w=w, **names) for line in inline.lines),
                f"    _p = _q.quantize({quantum}, {mode}, _DECIMALS)",  # round_to's
                f"    if not _p < {w}:", f"        _p = {w}",  # _min's
                "    _o = None", "else:", f"    {call}", f"    _p = {points}"]

    def shared_kernel(self, inline: Inline, rounding: tuple[Decimal, str]) -> str:
        """The function of (value, target, maximum, the method's ``score``, the scope) giving
        ``kernel``'s points and outcome: one function per rule, whatever the number of
        leaves scored by it. A scheme of more than ``_INLINED_LEAVES`` leaves calls it
        instead of having the statements in each leaf: 3,000 leaves written out in full took
        Python's ``compile`` a third longer than the rest of a scheme's loading."""
        body = "\n".join(["    " + line for line in self.kernel(inline, rounding, "_w", "_score")]
                         + ["    return _p, _o"])
        name = self.kernels.get(body)
        if name is None:
            name = self.kernels[body] = f"_kernel{len(self.kernels)}"
        return name

    def texts(self) -> tuple[str, str]:
        """The template, and the function's text: the template with every expression's text
        in place of its placeholder (one pass, so no text put in is read again)."""
        self.emit(0, "def _score(_s, _run, _file, _notes):",
                  "    _na = _notes.not_applicable", "    _F = []", "    _T = _Tally()")
        self.lets()
        self.checks()
        self.vetoes()
        for root in self.compiled.indicators:
            self.node(root)
        self.emit(1, f"return ({', '.join(self.shape)},), _T, _F")
        template = "\n".join([*(f"def {name}(_v, _t, _w, _score, _s):\n{body}"
                                for body, name in self.kernels.items()), *self.lines])
        trees = self.trees
        return template, _PLACEHOLDER.sub(lambda found: ast.unparse(trees[found.group()]),
                                          template)

    def function(self) -> Generated:
        _, source = self.texts()
        constants = self.translator.constants
        assert not constants.keys() & self.names.keys(), "the translator's names are its own"
        assert not HELPERS.keys() & _RUNTIME.keys(), "the translator's helpers keep their names"
        namespace: dict[str, Any] = {"__builtins__": {}, **HELPERS, **_RUNTIME, **self.names,
                                     **constants}
        exec(compile(source, "<perfscore scheme>", "exec"), namespace)  # see the module's doc
        function: Generated = namespace["_score"]
        return function


class GeneratedScorer:
    """The function generated for one scheme, with what it was made from: ``template``, the
    statements as written from perfscore's templates (only names bound to the scheme's
    objects, and placeholders), and ``source``, the function with each expression's
    translated tree written in — for a developer comparing the fast and reference paths.

    Both texts are made again when asked for: for a 3,000-leaf scheme they take 3.7 MB, for a
    reader who seldom comes."""

    __slots__ = ("_writer", "function", "runs")

    def __init__(self, function: Generated, writer: Callable[[], _Writer], runs: bool) -> None:
        self.function = function
        self._writer = writer
        self.runs = runs
        """Whether the function evaluates an expression through the ``run`` it is given: one
        that does not is given None, and no ``run`` is made for each record."""

    @property
    def template(self) -> str:
        return self._writer().texts()[0]

    @property
    def source(self) -> str:
        return self._writer().texts()[1]


def generate(compiled: CompiledScheme, context: Context, scheme_file: str, places: int, mode: str,
             always_present: frozenset[str], numbers: frozenset[str], *, reference: bool
             ) -> GeneratedScorer:
    """The scorer of one scheme: expressions inlined (``reference=False``) or evaluated by
    the ``run`` it is given (``reference=True``, simpleeval).

    The cyclic garbage collector is paused meanwhile: generating allocates an AST node for
    every part of every expression and creates no cycles, and each full collection walks
    every object alive — with it running, generation cost grew with the square of the
    scheme's size (8.4 s instead of 2.9 s for 1,000 leaves of 650-character expressions)."""
    def writer() -> _Writer:
        return _Writer(compiled, context, scheme_file, places, mode, always_present, numbers,
                       reference)
    enabled = gc.isenabled()
    gc.disable()
    try:
        made = writer()
        return GeneratedScorer(made.function(), writer, made.runs)
    finally:
        if enabled:
            gc.enable()
