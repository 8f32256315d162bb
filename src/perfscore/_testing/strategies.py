"""Hypothesis strategies of valid records for a scheme.

A record must fit every input's type, bounds and options, and pass the scheme's ``checks``.
Filtering random records through the checks is slow when a check relates two fields (most
random ``started_projects`` exceed a random ``key_projects``), so checks that are linear
comparisons of numeric inputs (``a <= b``, ``a + b > 0``, ``x > 0``, chained or joined with
``and``, through lets that are themselves linear) are turned into bounds: each field is drawn
within the bounds that the fields drawn before it leave. Any other check is met by moving one
field just inside it (``aims``), then by filtering.

Most records then have one field moved just beside a boundary of the scheme (``aims``): where
the points change, and where a wrong rule shows.
"""

from __future__ import annotations

import ast
import contextlib
import decimal
import math
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import reject
from hypothesis import strategies as st
from pydantic import ValidationError

from .._common.errors import PerfscoreError, RecordError, UsageError
from .._common.messages import Joined
from .._common.numbers import ZERO, exact, plain, to_decimal
from .._expr.functions import NotComputable
from .._expr.reference import Evaluator
from .._methods.line import Interval
from .._score.record import record_errors
from .._source.format import InputSpec, suggest
from .aims import Aim, Field, Solver, aims_of

if TYPE_CHECKING:
    from .._scheme import Scheme

NUMERIC = ("number", "integer", "percent")
ABSENT: Any = type("Absent", (), {"__repr__": lambda self: "ABSENT"})()
"""Stands for "leave this field out of the record"."""

SPAN = {"integer": Decimal(1000), "number": Decimal(1_000_000), "percent": Decimal(2)}
"""How far an unbounded side of a field reaches from its other bound (or from 0)."""
PLACES = {"integer": 0, "number": 4, "percent": 4}
"""Decimal places of generated numbers: 0.8605 is a percent as reports print it."""
MAX_ROWS = 4
AIMED = 4
"""Of every AIMED records drawn, AIMED − 1 have one field moved beside a boundary of the
scheme (``aims``); the rest stay uniform draws."""
TEXT = st.text(st.characters(categories=("L", "N", "P", "Zs")), max_size=12)
"""Text inputs: letters, digits, punctuation and spaces, so a counterexample pastes as YAML."""


@dataclass(frozen=True, slots=True)
class Constraint:
    """A check as ``Σ terms[x]·x + constant  op  0``, ``op`` one of ``> >= < <= ==``."""

    terms: Mapping[str, Decimal]
    constant: Decimal
    op: str


@dataclass(frozen=True, slots=True)
class Bound:
    value: Decimal
    strict: bool


Combination = tuple[dict[str, Decimal], Decimal]
"""Σ coefficient·input, and a constant."""

_EXACT = decimal.Context(prec=28, traps=[decimal.Inexact, decimal.InvalidOperation])
_OPS: dict[type[ast.cmpop], str] = {ast.Gt: ">", ast.GtE: ">=", ast.Lt: "<", ast.LtE: "<=",
                                    ast.Eq: "=="}
_FLIP = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "==": "=="}


def _linear(node: ast.AST, numeric: Mapping[str, InputSpec], lets: Mapping[str, ast.AST],
            depth: int = 0) -> Combination | None:
    """``node`` as a linear combination of numeric inputs plus a constant, or None."""
    if depth > 50:
        return None
    value: object = getattr(node, "value", None)
    if isinstance(node, ast.Constant) and isinstance(value, Decimal):
        return {}, value
    if isinstance(node, ast.Name):
        if node.id in numeric:
            return {node.id: Decimal(1)}, ZERO
        if node.id in lets:
            return _linear(lets[node.id], numeric, lets, depth + 1)
        return None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _linear(node.operand, numeric, lets, depth + 1)
        sign = Decimal(-1) if isinstance(node.op, ast.USub) else Decimal(1)
        return None if inner is None else _scale(inner, sign)
    if not isinstance(node, ast.BinOp):
        return None
    left = _linear(node.left, numeric, lets, depth + 1)
    right = _linear(node.right, numeric, lets, depth + 1)
    if left is None or right is None:
        return None
    if isinstance(node.op, ast.Add | ast.Sub):
        sign = Decimal(1) if isinstance(node.op, ast.Add) else Decimal(-1)
        terms = dict(left[0])
        for name, coefficient in right[0].items():
            terms[name] = terms.get(name, ZERO) + sign * coefficient
        return terms, left[1] + sign * right[1]
    if isinstance(node.op, ast.Mult):
        if not left[0]:
            return _scale(right, left[1])
        if not right[0]:
            return _scale(left, right[1])
        return None
    if isinstance(node.op, ast.Div) and not right[0] and right[1] != 0:
        try:  # only an exact reciprocal (÷ 4, ÷ 100): bounds must not drift
            inverse = _EXACT.divide(Decimal(1), right[1])
        except decimal.Inexact:
            return None
        return _scale(left, inverse)
    return None


def _scale(linear: Combination, factor: Decimal) -> Combination:
    return {k: v * factor for k, v in linear[0].items()}, linear[1] * factor


def constraints_of(node: ast.AST, numeric: Mapping[str, InputSpec],
                   lets: Mapping[str, ast.AST]) -> tuple[list[Constraint], bool]:
    """The constraints a check's tree states, and whether they are all it states: the parts
    joined by ``and`` that are not linear comparisons are left to filtering."""
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        found: list[Constraint] = []
        complete = True
        for value in node.values:
            part, whole = constraints_of(value, numeric, lets)
            found += part
            complete = complete and whole
        return found, complete
    if not isinstance(node, ast.Compare):
        return [], False
    found = []
    left = node.left
    for op, right in zip(node.ops, node.comparators, strict=True):
        a, b = _linear(left, numeric, lets), _linear(right, numeric, lets)
        if type(op) not in _OPS or a is None or b is None:
            return [], False
        terms = dict(a[0])
        for name, coefficient in b[0].items():
            terms[name] = terms.get(name, ZERO) - coefficient
        terms = {k: v for k, v in terms.items() if v != 0}
        if not terms:
            return [], False
        found.append(Constraint(terms, a[1] - b[1], _OPS[type(op)]))
        left = right
    return found, True


@dataclass(slots=True)
class Plan:
    """How to draw the records of one scheme: its inputs, the constraints its checks state,
    and whether some check is left to filtering."""

    scheme: Scheme
    inputs: Mapping[str, InputSpec]
    constraints: tuple[Constraint, ...]
    unrecognised: bool
    aims: tuple[Aim, ...]
    solver: Solver
    default: st.SearchStrategy[dict[str, Any]] | None = None
    """``records(scheme)`` without overrides, made once."""
    strategies: dict[tuple[Any, ...], st.SearchStrategy[Any]] = field(default_factory=dict)
    """Made once per field and range: building a strategy costs more than drawing from it."""

    def bounds(self, name: str, decided: Mapping[str, Any]) -> tuple[Bound | None,
                                                                      Bound | None]:
        """The tightest lower and upper bound on ``name`` that the constraints give, once the
        other fields in ``decided`` are fixed (a constraint with an absent or undecided field
        says nothing: its check is skipped, or will bind a later field)."""
        low: Bound | None = None
        high: Bound | None = None
        for constraint in self.constraints:
            if name not in constraint.terms:
                continue
            rest = constraint.constant
            usable = True
            for other, coefficient in constraint.terms.items():
                if other == name:
                    continue
                try:
                    rest += coefficient * to_decimal(decided.get(other, ABSENT))
                except ValueError:  # absent, undecided, or a caller's text
                    usable = False
                    break
            if not usable:
                continue
            coefficient = constraint.terms[name]
            op = constraint.op if coefficient > 0 else _FLIP[constraint.op]
            limit = -rest / coefficient
            if op in (">", ">=", "=="):
                low = _tighter(low, Bound(limit, op == ">"), max)
            if op in ("<", "<=", "=="):
                high = _tighter(high, Bound(limit, op == "<"), min)
        return low, high

    def draw(self, draw: st.DrawFn, name: str, decided: Mapping[str, Any], *,
             absent: bool = True) -> Any:
        """A value of field ``name`` given the fields already ``decided``; sometimes ABSENT
        when the field is optional and ``absent``."""
        spec = self.inputs[name]
        if absent and optional(spec) and not draw(st.booleans()):
            return ABSENT
        if spec.type not in NUMERIC:
            key: tuple[Any, ...] = (name,)
        else:
            limits = _limits(spec, self.bounds(name, decided))
            if limits is None:
                reject()  # the fields drawn before leave this one no value
            key = (name, *limits)
        strategy = self.strategies.get(key)
        if strategy is None:
            strategy = (self.section(name) if spec.type == "rows"
                        else field_values(spec, *key[1:]))
            if len(self.strategies) < 10_000:
                self.strategies[key] = strategy
        return draw(strategy)

    def section(self, name: str) -> st.SearchStrategy[list[dict[str, Any]]]:
        """Rows for the ``rows`` input ``name``: their 分值 add up to its section's points."""
        for root in self.scheme.indicators:
            for node in root.walk():
                if node.rows is not None and node.rows.source == name:
                    return table_rows(node.points, node.rows.bands)
        return st.just([])

    def limits(self, field: Field, record: Mapping[str, Any]
               ) -> tuple[InputSpec, tuple[Decimal, Decimal] | None]:
        """A numeric field's spec and the least and greatest value it may take in ``record``:
        its own bounds, and for an input those the checks leave it."""
        name, part = field
        if part is None:
            spec = self.inputs[name]
            others = {k: v for k, v in record.items() if k != name}
            return spec, _limits(spec, self.bounds(name, others))
        of = self.inputs[name].of
        assert of is not None
        return of[part], _limits(of[part], (None, None))

    def around(self, aim: Aim, field: Field, row: int, record: Mapping[str, Any]
               ) -> list[Any]:
        """Values of ``field`` that put ``aim``'s leaf just below, on and just above its
        boundary, the rest of ``record`` staying; each within the field's limits."""
        spec, limits = self.limits(field, record)
        if limits is None:
            return []
        step = Decimal(1).scaleb(-PLACES[spec.type])
        found = self.solver.around(aim, field, row, record, *limits, step)
        return [int(x) for x in found] if spec.type == "integer" else found

    def reach(self, aim: Aim, field: Field, row: int, record: dict[str, Any],
              free: Callable[[Field], bool]) -> tuple[list[Any], dict[str, Any]]:
        """``around``, and the record it applies to. When the boundary is out of the field's
        reach — ``min(done, budget)`` with a small budget, a sum of rows already past it —
        another field of the value moves first (in every row, for a row field): to its least
        value, then 1, 10, 100, … above it, then its greatest — the first from which the
        boundary can be reached, so that a counterexample stays small."""
        found = self.around(aim, field, row, record)
        if found:
            return found, record
        for other in aim.fields:
            if other == field or not free(other):
                continue
            spec, limits = self.limits(other, record)
            if limits is None:
                continue
            low, high = limits
            ladder = [low, *(low + 10**k for k in range(7) if low + 10**k < high), high]
            for end in ladder:
                moved = with_every(record, other, int(end) if spec.type == "integer" else end)
                found = self.around(aim, field, row, moved)
                if found:
                    return found, moved
        return [], record

    def aim(self, draw: st.DrawFn, record: dict[str, Any], free: Callable[[Field], bool]
            ) -> dict[str, Any]:
        """``record`` with one field moved just beside a boundary of some leaf, through the
        expression that reaches it; unchanged when no boundary can be reached."""
        aims = [a for a in self.aims if any(free(f) for f in a.fields)]
        if not aims:
            return record
        aim = draw(st.sampled_from(aims))
        field = draw(st.sampled_from([f for f in aim.fields if free(f)]))
        name, part = field
        row = 0
        if part is not None:
            rows = record.get(name) or []
            if not rows or any(not isinstance(r, dict) for r in rows):
                return record
            row = draw(st.integers(0, len(rows) - 1))
        found, record = self.reach(aim, field, row, record, free)
        if not found:
            return record
        return with_field(record, field, row, draw(st.sampled_from(found)))

    def repair(self, record: dict[str, Any], free: Callable[[Field], bool]
               ) -> dict[str, Any] | None:
        """``record``, or when it fails a check that is met by filtering, the record with one
        free field moved just inside that check's boundary; None when neither passes."""
        if self.passes_checks(record):
            return record
        for aim in self.aims:
            if aim.leaf is not None:
                continue
            for moving in aim.fields:
                if moving[1] is not None or not free(moving):
                    continue
                for value in self.around(aim, moving, 0, record):
                    moved = with_field(record, moving, 0, value)
                    if self.passes_checks(moved):
                        return moved
        return None

    def passes_checks(self, record: Mapping[str, Any]) -> bool:
        """Scores the record and says whether every check passed (the filter for checks that
        are not linear comparisons). Other rejections and scheme errors are the scheme's to
        report when the record is scored, not reasons to hide the record."""
        try:
            self.scheme.score(record)
        except RecordError as error:
            return not any(e.code == "PS302" for e in error.errors)
        except PerfscoreError:
            return True
        return True


def with_field(record: Mapping[str, Any], field: Field, row: int, value: Any
               ) -> dict[str, Any]:
    """``record`` with ``field`` (of row ``row`` for a row field) set to ``value``."""
    name, part = field
    changed = dict(record)
    if part is None:
        changed[name] = value
    else:
        rows = [dict(r) for r in record[name]]
        rows[row][part] = value
        changed[name] = rows
    return changed


def with_every(record: Mapping[str, Any], field: Field, value: Any) -> dict[str, Any]:
    """``record`` with ``field`` set to ``value`` (in every row, for a row field)."""
    name, part = field
    if part is None:
        return with_field(record, field, 0, value)
    changed = dict(record)
    changed[name] = [{**r, part: value} for r in record.get(name) or []]
    return changed


def _tighter(current: Bound | None, new: Bound,
             pick: Callable[[Decimal, Decimal], Decimal]) -> Bound:
    if current is None or pick(current.value, new.value) != current.value:
        return new
    if current.value == new.value:
        return Bound(current.value, current.strict or new.strict)
    return current


def _closed(spec: InputSpec) -> bool:
    return spec.min is not None and spec.max is not None


def optional(spec: InputSpec) -> bool:
    return not spec.required or spec.default is not None


def field_values(spec: InputSpec, low: Decimal | None = None, high: Decimal | None = None
                 ) -> st.SearchStrategy[Any]:
    """Present values of one input (or list-row field); numbers from ``low`` to ``high``
    (see ``_limits``)."""
    if spec.type == "bool":
        return st.booleans()
    if spec.type in ("text", "date"):
        return TEXT if spec.type == "text" else DATES
    if spec.type == "choice":
        assert spec.options is not None
        return st.sampled_from(spec.options)
    if spec.type == "list":
        assert spec.of is not None
        return st.lists(_rows(spec.of), max_size=MAX_ROWS)
    if low is None or high is None:
        limits = _limits(spec, (None, None))
        assert limits is not None
        low, high = limits
    if spec.type == "integer":
        return st.integers(int(low), int(high))
    return st.decimals(min_value=low, max_value=high, places=PLACES[spec.type],
                       allow_nan=False, allow_infinity=False)


def _limits(spec: InputSpec, bounds: tuple[Bound | None, Bound | None]
            ) -> tuple[Decimal, Decimal] | None:
    """The least and greatest number to draw for a numeric field within ``bounds`` and its own
    min/max, on its grid of decimal places; None when no value fits."""
    low, high = bounds
    if spec.min is not None:
        low = _tighter(low, Bound(spec.min, False), max)
    if spec.max is not None:
        high = _tighter(high, Bound(spec.max, False), min)
    span = SPAN[spec.type]
    step = Decimal(1).scaleb(-PLACES[spec.type])
    lo = None if low is None else _step(low, step, up=True)
    hi = None if high is None else _step(high, step, up=False)
    if lo is None and hi is None:
        lo, hi = -span, span
    elif lo is None:
        assert hi is not None
        lo = hi - span
    elif hi is None:
        hi = lo + span
    return None if lo > hi else (lo, hi)


def _step(bound: Bound, step: Decimal, *, up: bool) -> Decimal:
    """The first multiple of ``step`` inside ``bound`` (above it when ``up``)."""
    units = bound.value / step
    whole = Decimal(math.floor(units) if up else math.ceil(units))
    if up:
        whole = whole + 1 if whole < units or bound.strict else whole
    else:
        whole = whole - 1 if whole > units or bound.strict else whole
    return whole * step


def _rows(fields: Mapping[str, InputSpec]) -> st.SearchStrategy[dict[str, Any]]:
    @st.composite
    def row(draw: st.DrawFn) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, spec in fields.items():
            if optional(spec) and not draw(st.booleans()):
                continue
            values[name] = draw(field_values(spec))
        return values
    return row()


def table_rows(points: Decimal, bands: Mapping[str, Interval]
               ) -> st.SearchStrategy[list[dict[str, Any]]]:
    """自评表 rows whose 分值 add up to ``points``: one to four rows of every nature, 定性
    rows rated in one of ``bands`` with a score inside it."""
    cents = int(points.scaleb(2))

    @st.composite
    def rows(draw: st.DrawFn) -> list[dict[str, Any]]:
        count = draw(st.integers(1, max(1, min(4, cents))))
        cuts = sorted(draw(st.lists(st.integers(1, cents - 1), min_size=count - 1,
                                    max_size=count - 1, unique=True))) if count > 1 else []
        drawn: list[dict[str, Any]] = []
        for number, (start, end) in enumerate(zip([0, *cuts], [*cuts, cents], strict=True), 1):
            w = Decimal(end - start).scaleb(-2)
            nature = draw(st.sampled_from(("≥", "≤", "=", "定性")))
            row: dict[str, Any] = {"name": f"第{number}行", "nature": nature, "points": w}
            if nature == "定性":
                level = draw(st.sampled_from(sorted(bands)))
                band = bands[level]
                assert band.low is not None and band.high is not None
                row.update(actual=level, score=w * (band.low + band.high) / 2)
            else:
                row.update(target=draw(FIGURES), actual=draw(FIGURES))
            drawn.append(row)
        return drawn
    return rows()


FIGURES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10_000), places=2)
"""A row's 年度指标值 or 实际完成值."""


def _check_overrides(plan: Plan, values: Mapping[str, Any]) -> None:
    """Values fixed by ``records(**overrides)`` that no valid record can hold are errors
    when the strategy is made, naming the bound or the check they break — not a strategy
    that hypothesis gives up on when it draws."""
    scheme = plan.scheme
    model = scheme.Record.model_construct()
    for name, value in values.items():
        try:
            scheme.Record.__pydantic_validator__.validate_assignment(model, name, value)
        except ValidationError as exc:
            problem = record_errors(exc, scheme.inputs, "en", None, None)[0].message
            raise UsageError.of("PS050.value", {"name": name, "value": value,
                                                "problem": problem}, where=name) from None
    decided = {name: getattr(model, name) for name in values}
    given = Joined(tuple(f"{name}={values[name]!r}" for name in values))
    compiled = scheme._scorer.compiled
    scope = {k: Decimal(v) if type(v) is int else v for k, v in decided.items()}
    evaluator = Evaluator()
    for name, expr in compiled.lets:
        if expr.names <= scope.keys():
            with contextlib.suppress(NotComputable, PerfscoreError):
                scope[name] = evaluator.run(expr, scope)
    for expr, message in compiled.checks:
        if not expr.names <= scope.keys():
            continue
        try:
            holds = evaluator.run(expr, scope)
        except (NotComputable, PerfscoreError):
            continue
        if holds is False:
            raise UsageError.of("PS050.check", {"values": given, "rule": expr.text,
                                                "message": message})
    for name, spec in scheme.inputs.items():
        if name in values or spec.type not in NUMERIC:
            continue
        bounds = plan.bounds(name, decided)
        if _limits(spec, bounds) is None:
            raise UsageError.of("PS050.room", {"values": given, "name": name,
                                               "range": _range_text(spec, bounds)}, where=name)


def _range_text(spec: InputSpec, bounds: tuple[Bound | None, Bound | None]) -> str:
    low, high = bounds
    if spec.min is not None:
        low = _tighter(low, Bound(spec.min, False), max)
    if spec.max is not None:
        high = _tighter(high, Bound(spec.max, False), min)
    left = "(-inf" if low is None else f"{'(' if low.strict else '['}{plain(low.value)}"
    right = "inf)" if high is None else f"{plain(high.value)}{')' if high.strict else ']'}"
    return f"{left}, {right}"


_PLANS: weakref.WeakKeyDictionary[Scheme, Plan] = weakref.WeakKeyDictionary()


def plan_of(scheme: Scheme) -> Plan:
    """The drawing plan of a scheme, made once per scheme."""
    plan = _PLANS.get(scheme)
    if plan is not None:
        return plan
    compiled = scheme._scorer.compiled
    numeric = {n: s for n, s in scheme.inputs.items() if s.type in NUMERIC}
    lets = {name: expr.tree.body for name, expr in compiled.lets}
    constraints: list[Constraint] = []
    unrecognised = False
    for expr, _ in compiled.checks:
        found, complete = constraints_of(expr.tree.body, numeric, lets)
        constraints += found
        unrecognised = unrecognised or not complete
    plan = Plan(scheme, scheme.inputs, tuple(constraints), unrecognised, aims_of(scheme),
                Solver(scheme))
    _PLANS[scheme] = plan
    return plan


@exact
def records(scheme: Scheme, **overrides: Any) -> st.SearchStrategy[dict[str, Any]]:
    """A hypothesis strategy of valid records for ``scheme``: every input within its type,
    bounds and options, optional inputs sometimes left out, ``list`` inputs as rows of their
    ``of`` fields, and every ``check`` met.

    Numbers come as ``Decimal`` (percents as fractions: ``Decimal("0.8605")``), integers as
    ``int``. An unbounded side of a number reaches 1,000,000 past its other bound (1,000 for
    an integer, 200 percentage points for a percent).

    ``overrides`` fix or narrow fields: a value (``key_projects=43``), a strategy
    (``key_projects=st.integers(1, 10)``), or ``None`` to leave an optional field out. The other
    fields are drawn to fit the checks around them. A value no valid record can hold (out of
    its bounds, breaking a check, leaving another field no value) is a UsageError now.

    Three records in four have one field moved just beside a boundary of the scheme, through
    the expression that reaches it (``aims``).
    """
    plan = plan_of(scheme)
    fixed: dict[str, st.SearchStrategy[Any]] = {}
    for name, value in overrides.items():
        if name not in scheme.inputs:
            raise UsageError.of("PS050", {"name": name}, where=name,
                                suggestion=suggest(name, scheme.inputs))
        if value is None:
            if not optional(scheme.inputs[name]):
                raise UsageError.of("PS050.required", {"name": name}, where=name)
            value = ABSENT
        fixed[name] = value if isinstance(value, st.SearchStrategy) else st.just(value)
    _check_overrides(plan, {n: v for n, v in overrides.items()
                            if v is not None and not isinstance(v, st.SearchStrategy)})
    # fixed fields first, then those bounded on both sides: the rest fit within them
    # (``visits <= limit`` with limit at most 50 draws limit first, then visits up to it)
    order = sorted(scheme.inputs, key=lambda n: (n not in fixed, not _closed(scheme.inputs[n])))
    # a constraint whose every field is fixed by the caller can only be met by filtering
    unbound = any(all(n in fixed for n in c.terms) for c in plan.constraints)

    if not fixed and plan.default is not None:
        return plan.default

    @st.composite
    @exact  # each draw computes bounds: in perfscore's context, whatever the caller's
    def record(draw: st.DrawFn) -> dict[str, Any]:
        decided: dict[str, Any] = {}
        for name in order:
            strategy = fixed.get(name)
            decided[name] = (draw(strategy) if strategy is not None
                             else plan.draw(draw, name, decided))
        drawn = {k: decided[k] for k in scheme.inputs if decided[k] is not ABSENT}

        def free(field: Field) -> bool:
            return field[0] not in fixed and field[0] in drawn

        if draw(st.integers(0, AIMED - 1)):  # most records sit beside a boundary
            drawn = plan.aim(draw, drawn, free)
        if filtered:
            repaired = plan.repair(drawn, free)
            if repaired is None:
                reject()
            drawn = repaired
        return drawn

    filtered = plan.unrecognised or unbound
    drawn = record()
    if not fixed:
        plan.default = drawn
    return drawn


DATES = st.dates()
"""Any date: a ``date`` input's values (written at the end of the module, as hypothesis's
labels, which decide the records a seed draws, move with the lines of what is above)."""
