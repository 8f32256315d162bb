"""Hypothesis strategies of valid records for a scheme.

A record must fit every input's type, bounds and options, and pass the scheme's ``checks``.
Filtering random records through the checks is slow when a check relates two fields (most
random ``started_projects`` exceed a random ``key_projects``), so checks that are linear
comparisons of numeric inputs (``a <= b``, ``a + b > 0``, ``x > 0``, chained or joined with
``and``, through lets that are themselves linear) are turned into bounds: each field is drawn
within the bounds that the fields drawn before it leave. Any other check is met by filtering.
"""

from __future__ import annotations

import ast
import decimal
import math
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from hypothesis import reject
from hypothesis import strategies as st

from .._common.errors import PerfscoreError, RecordError, UsageError
from .._common.numbers import ZERO, exact, to_decimal
from .._score.scorer import expressions
from .._source.format import InputSpec, suggest

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
    landmarks: tuple[Decimal, ...]
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
            strategy = field_values(spec, *key[1:])
            if spec.type in NUMERIC:
                strategy = _near_landmarks(spec, key[1], key[2], self.landmarks) | strategy
            if len(self.strategies) < 10_000:
                self.strategies[key] = strategy
        return draw(strategy)

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


def _tighter(current: Bound | None, new: Bound,
             pick: Callable[[Decimal, Decimal], Decimal]) -> Bound:
    if current is None or pick(current.value, new.value) != current.value:
        return new
    if current.value == new.value:
        return Bound(current.value, current.strict or new.strict)
    return current


def optional(spec: InputSpec) -> bool:
    return not spec.required or spec.default is not None


def field_values(spec: InputSpec, low: Decimal | None = None, high: Decimal | None = None
                 ) -> st.SearchStrategy[Any]:
    """Present values of one input (or list-row field); numbers from ``low`` to ``high``
    (see ``_limits``)."""
    if spec.type == "bool":
        return st.booleans()
    if spec.type == "text":
        return TEXT
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


def _near_landmarks(spec: InputSpec, low: Decimal, high: Decimal,
                    landmarks: tuple[Decimal, ...]) -> st.SearchStrategy[Any]:
    """The scheme's own numbers (tier bounds, thresholds, breakpoints, targets, literals) and
    the values just beside them, within [low, high]: where rules change, and where a rule
    that is wrong shows it. Random numbers alone rarely land on both sides of a tier bound."""
    step = Decimal(1).scaleb(-PLACES[spec.type])
    near = sorted({v for mark in landmarks for v in (mark - step, mark, mark + step)
                   if low <= v <= high and v == v.quantize(step)})
    if not near:
        return st.nothing()
    if spec.type == "integer":
        return st.sampled_from([int(v) for v in near])
    return st.sampled_from(near)


def _landmarks(scheme: Scheme) -> tuple[Decimal, ...]:
    """Every number the scheme's rules are written with."""
    compiled = scheme._scorer.compiled
    found: set[Decimal] = set()
    for expr in expressions(compiled):
        for node in ast.walk(expr.tree):
            value: object = getattr(node, "value", None)
            if isinstance(node, ast.Constant) and isinstance(value, Decimal):
                found |= {value, -value}
    for root in compiled.indicators:
        for leaf in root.leaves():
            assert leaf.method is not None
            found |= leaf.method.boundaries()
            if leaf.review is not None:
                found.add(leaf.review)
    return tuple(sorted(found))


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
    plan = Plan(scheme, scheme.inputs, tuple(constraints), unrecognised, _landmarks(scheme))
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
    fields are drawn to fit the checks around them.
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
    order = [n for n in scheme.inputs if n in fixed] + [n for n in scheme.inputs
                                                         if n not in fixed]
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
        return {k: v for k, v in decided.items() if v is not ABSENT}

    drawn = record()
    if plan.unrecognised or unbound:
        drawn = drawn.filter(plan.passes_checks)
    if not fixed:
        plan.default = drawn
    return drawn
