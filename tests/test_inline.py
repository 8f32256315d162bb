"""A method's points inlined into the generated scorer (``Method.inline``) are its ``score``'s
points, on every value, at and beside every threshold; elsewhere the fast path calls the
method, so a record scores the same on both paths and explains the same."""

from __future__ import annotations

import ast
import decimal
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import perfscore
from perfscore._common.numbers import CONTEXT, ZERO, quantizing, round_to
from perfscore._methods import Deduct, Levels, Linear, Method, Ratio, Tiers
from perfscore._methods.base import GENERATED_NAMES
from perfscore._methods.line import Interval
from perfscore._methods.tiers import Tier

Kernel = Callable[[Any, Any], "Decimal | None"]


def kernel(method: Method, w: Decimal) -> Kernel:
    """The method's inline statements as a function of (value, target): the points, or None
    where the guard sends the record to ``score``."""
    inline = method.inline()
    assert inline is not None
    names = {f"_n{index}": value for index, value in enumerate(inline.names.values())}
    fill = {key: f"_n{index}" for index, key in enumerate(inline.names)}
    body = "\n".join("        " + line.format(w="_w", **fill) for line in inline.lines)
    text = (f"def f(_v, _t):\n    if {inline.guard.format(w='_w', **fill)}:\n{body}\n"
            "        return _q\n    return None\n")
    namespace: dict[str, Any] = {"__builtins__": {}, "_type": type, "_D": Decimal, "_S": str,
                                 "_ZERO": ZERO, "_w": w, **names}
    exec(compile(text, "<inline>", "exec"), namespace)
    function: Kernel = namespace["f"]
    return function


def agree(method: Method, w: Decimal, value: Any, target: Any) -> None:
    """Where the inline guard holds, the same points as ``score`` (both in perfscore's
    context, as scoring runs them)."""
    with decimal.localcontext(CONTEXT):
        fast = kernel(method, w)(value, target)
        if fast is None:
            return
        points = method.score(value, target, w, lambda expr: None, {}).points
    assert fast == points, (method, w, value, target, fast, points)
    assert fast.is_signed() is points.is_signed() or not fast


DECIMALS = st.decimals("-3", "3", places=3, allow_nan=False, allow_infinity=False)
WEIGHTS = st.sampled_from([Decimal("10"), Decimal("2.5"), Decimal("0"), Decimal("2.555")])
NEARBY = [Decimal(text) for text in ("-0", "0", "0.001", "0.499", "0.5", "0.501", "0.95",
                                     "0.949", "0.951", "1", "0.999", "1.001", "1.2", "2")]


@settings(max_examples=300, deadline=None)
@given(WEIGHTS, st.sampled_from([Decimal("1"), Decimal("0.9"), Decimal("1.2")]),
       st.one_of(DECIMALS, st.sampled_from(NEARBY), st.none(), st.just("text")),
       st.one_of(DECIMALS, st.sampled_from(NEARBY), st.none()))
@example(Decimal("10"), Decimal("0.9"), Decimal("0.9"), Decimal("1"))
@example(Decimal("10"), Decimal("1.2"), Decimal("3"), Decimal("2"))
def test_ratio_inline_gives_the_methods_points(w: Decimal, cap: Decimal, value: Any,
                                               target: Any) -> None:
    agree(Ratio(cap), w, value, target)


@settings(max_examples=300, deadline=None)
@given(WEIGHTS, st.lists(st.tuples(DECIMALS, st.sampled_from([Decimal(n) for n in
                                                              ("0", "1", "2.5", "10")])),
                         min_size=2, max_size=4, unique_by=lambda pair: pair[0]),
       st.one_of(DECIMALS, st.sampled_from(NEARBY), st.just("text")))
def test_linear_inline_gives_the_methods_points(w: Decimal, points: list[tuple[Decimal, Decimal]],
                                                value: Any) -> None:
    breakpoints = tuple(sorted(points))
    method = Linear(breakpoints)
    agree(method, w, value, None)
    for x, _ in breakpoints:  # at each breakpoint and one step either side
        for near in (x - Decimal("0.001"), x, x + Decimal("0.001")):
            agree(method, w, near, None)


INTERVALS = st.builds(
    lambda low, low_closed, high, high_closed: Interval(
        low, low_closed, None if low is not None and high is not None and high < low else high,
        high_closed, "test"),
    st.one_of(st.none(), st.sampled_from(NEARBY)), st.booleans(),
    st.one_of(st.none(), st.sampled_from(NEARBY)), st.booleans())


@settings(max_examples=300, deadline=None)
@given(WEIGHTS, st.lists(st.tuples(INTERVALS, st.sampled_from(
           [Decimal(n) for n in ("0", "1", "2.5", "10", "20")])), min_size=1, max_size=4),
       st.booleans(), st.one_of(DECIMALS, st.sampled_from(NEARBY), st.just("text")))
def test_tiers_inline_gives_the_methods_points(w: Decimal, tiers: list[tuple[Interval, Decimal]],
                                               otherwise: bool, value: Any) -> None:
    made = [Tier(test, points) for test, points in tiers]
    if otherwise:
        made.append(Tier(None, Decimal("1")))
    method = Tiers(tuple(made))
    agree(method, w, value, None)
    for test, _ in tiers:  # at each bound and one step either side
        for bound in (test.low, test.high):
            if bound is not None:
                for near in (bound - Decimal("0.001"), bound, bound + Decimal("0.001")):
                    agree(method, w, near, None)


@settings(max_examples=200, deadline=None)
@given(WEIGHTS, st.dictionaries(st.sampled_from(["好", "中", "差"]),
                                st.sampled_from([Decimal(n) for n in ("0", "0.3", "0.7", "1")]),
                                min_size=1),
       st.one_of(st.sampled_from(["好", "中", "差", "优"]), DECIMALS, st.none()))
def test_levels_inline_gives_the_methods_points(w: Decimal, fractions: dict[str, Decimal],
                                                value: Any) -> None:
    agree(Levels(fractions), w, value, None)


@settings(max_examples=300, deadline=None)
@given(WEIGHTS, st.sampled_from(["above", "below"]), st.sampled_from(NEARBY),
       st.sampled_from([Decimal(n) for n in ("0.01", "0.1", "0.3", "1")]),
       st.sampled_from([Decimal(n) for n in ("0.5", "1", "3")]),
       st.sampled_from(["exact", "ceil", "floor"]),
       st.one_of(st.none(), st.sampled_from([Decimal(n) for n in ("1", "2.5", "20")])),
       st.one_of(DECIMALS, st.sampled_from(NEARBY), st.just("text")))
def test_deduct_inline_gives_the_methods_points(w: Decimal, side: str, threshold: Decimal,
                                                per: Decimal, points: Decimal, steps: str,
                                                most: Decimal | None, value: Any) -> None:
    method = Deduct(side, threshold, per, points, steps, most)  # type: ignore[arg-type]
    for near in (value, threshold - per, threshold, threshold + per, threshold + 3 * per):
        agree(method, w, near, None)


SCHEME = """\
perfscore: 1
id: t.inline
edition: 1
title: 内联
inputs: {a: {type: number}}
indicators:
  - {id: x, name: 甲, points: 10, value: a,
     score: {tiers: [{if: "value > 1 and a < 5", points: 10}, {if: ">= 0.5", points: 5}]}}
  - {id: y, name: 乙, points: 10, value: a,
     score: {tiers: [{if: ">= 1", points: 10}, {if: ">= 0.5", points: 5}]}}
"""


def test_a_tier_test_written_as_an_expression_is_not_inlined() -> None:
    scheme = perfscore.loads(SCHEME)
    source = scheme._scorer.generated(reference=False).source
    # y's tiers only: the statements of its points
    assert source.count("_p = _q.quantize(") == 1
    assert [item.points for item in scheme.score({"a": 0.7}).walk()] == [Decimal(5), Decimal(5)]


@pytest.mark.parametrize(("record", "rule", "facts"), [
    ({"a": 0.7}, "tiers[1]", {"index": 1}),
    ({"a": 3}, "tiers[0]", {"index": 0}),
    ({"a": 0.1}, "tiers", {"index": None}),
])
def test_an_inlined_leafs_outcome_is_the_methods_when_asked(
        record: dict[str, Any], rule: str, facts: dict[str, Any]) -> None:
    scheme = perfscore.loads(SCHEME)
    outcome = scheme.score(record)["y"].outcome
    assert outcome is not None and outcome.rule == rule
    assert {key: outcome.facts[key] for key in facts} == facts


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 4), st.sampled_from(["half_up", "half_even", "down", "up"]),
       st.decimals("0", "1000", places=4, allow_nan=False, allow_infinity=False),
       st.decimals("0", "1", places=6, allow_nan=False, allow_infinity=False))
def test_points_rounded_in_place_are_round_tos(places: int, mode: str, most: Decimal,
                                               share: Decimal) -> None:
    """The generated scorer rounds an inlined leaf's points in [0, max] with ``quantizing``:
    the very number, written the same way, that ``round_to`` gives."""
    rounding = quantizing(places, mode, most)
    assert rounding is not None
    with decimal.localcontext(CONTEXT):
        for points in (ZERO, most * share, most):
            assert str(points.quantize(*rounding, CONTEXT)) == str(round_to(points, places, mode))


def test_a_maximum_too_large_to_carry_the_places_is_rounded_by_round_to() -> None:
    assert quantizing(2, "half_up", Decimal("1E+26")) is None
    assert quantizing(2, "half_up", Decimal("1E+25")) is not None


def test_an_inlined_leafs_outcome_is_made_in_perfscores_decimal_context() -> None:
    """The items (and the outcomes the scorer left to be asked for) are made when a result is
    first asked for them, perhaps under a caller's decimal context of 3 digits: the share
    keeps its 28."""
    scheme = perfscore.loads("""\
perfscore: 1
id: t.inline
edition: 1
title: 内联
inputs: {a: {type: number}, b: {type: number}}
indicators:
  - {id: r, name: 丙, points: 10, value: a, target: b, score: ratio}
""")
    result = scheme.score({"a": 2, "b": 3})
    with decimal.localcontext(decimal.Context(prec=3)):
        outcome = result["r"].outcome
    assert outcome is not None
    assert outcome.facts["share"] == Decimal("0.6666666666666666666666666667")
    assert result["r"].points == Decimal("6.67")


@pytest.mark.parametrize(("method", "value", "target"), [
    (Ratio(Decimal(1)), Decimal("0.8"), Decimal(1)),
    (Levels({"好": Decimal(1)}), "好", None),
    (Linear(((Decimal(0), Decimal(0)), (Decimal(1), Decimal(10)))), Decimal("0.5"), None),
    (Deduct("above", Decimal(1), Decimal("0.1"), Decimal(1), "exact", None),
     Decimal("1.25"), None),
    (Tiers((Tier(Interval(Decimal(1), True, None, False, ">= 1"), Decimal(10)),)),
     Decimal(2), None),
])
def test_the_usual_values_take_the_inline_statements(method: Method, value: Any,
                                                     target: Any) -> None:
    """The properties above compare only where a method's guard holds: it holds for the
    values each method is written for, so they compare at all."""
    with decimal.localcontext(CONTEXT):
        assert kernel(method, Decimal(10))(value, target) == method.score(
            value, target, Decimal(10), lambda expr: None, {}).points


@pytest.mark.parametrize("method", [
    Ratio(Decimal(1)), Levels({"好": Decimal(1)}),
    Linear(((Decimal(0), Decimal(0)), (Decimal(1), Decimal(10)))),
    Deduct("above", Decimal(1), Decimal("0.1"), Decimal(1), "exact", None),
    Deduct("below", Decimal(1), Decimal("0.1"), Decimal(1), "steps", None),
    Tiers((Tier(Interval(Decimal(1), True, None, False, ">= 1"), Decimal(10)),)),
])
def test_inline_statements_leave_the_leafs_names_alone(method: Method) -> None:
    """Written into a leaf of the generated scorer, a method's statements share the leaf's
    names: setting one (``deduct`` once set ``_x``, a name the leaf then kept its failing
    expression in) would make the leaf misread its own failures."""
    inline = method.inline()
    assert inline is not None
    names = {key: f"_n{index}" for index, key in enumerate(inline.names)}
    text = "\n".join(line.format(w="_w", **names) for line in inline.lines)
    assigned = {node.id for node in ast.walk(ast.parse(text))
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    assert "_q" in assigned and not assigned & GENERATED_NAMES
