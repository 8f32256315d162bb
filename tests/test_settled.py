"""The fast path leaves ``settle`` out of an expression whose every value stays within the
result limit (``translate.settled``): held to it here on the extremes a record can give."""

from __future__ import annotations

import ast
import decimal
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import perfscore
from perfscore._common.limits import MAX_NUMBER_EXPONENT
from perfscore._common.numbers import CONTEXT
from perfscore._expr.reference import ResultTooLarge, settle
from perfscore._expr.translate import _magnitude, settled

NAMES = ("a", "b", "c")
NUMBERS = frozenset(NAMES)
OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}

# what admitting a record lets through: up to 28 digits, magnitudes from 1e-18 to 1e19
values = st.one_of(
    st.just(Decimal(0)),
    st.builds(lambda digits, exponent, sign: Decimal(
        (sign, tuple(int(d) for d in str(digits)), 0)).scaleb(
            exponent - len(str(digits)) + 1, CONTEXT),
        st.integers(1, 10**28 - 1), st.integers(-MAX_NUMBER_EXPONENT, MAX_NUMBER_EXPONENT),
        st.integers(0, 1)))
constants = st.sampled_from([Decimal("0"), Decimal("1"), Decimal("100"), Decimal("0.01"),
                             Decimal("1E+10"), Decimal("1E-10"), Decimal("-3.5")])


def trees(depth: int) -> st.SearchStrategy[ast.expr]:
    leaves = st.one_of(st.sampled_from(NAMES).map(lambda n: ast.Name(n, ast.Load())),
                       constants.map(ast.Constant))
    if depth == 0:
        return leaves
    below = trees(depth - 1)
    return st.one_of(
        leaves,
        st.builds(lambda op, left, right: ast.BinOp(left, op(), right),
                  st.sampled_from(list(OPERATORS)), below, below),
        below.map(lambda operand: ast.UnaryOp(ast.USub(), operand)))


def evaluate(tree: ast.expr, scope: dict[str, Decimal]) -> Decimal:
    if isinstance(tree, ast.Name):
        return scope[tree.id]
    if isinstance(tree, ast.Constant):
        return Decimal(tree.value)
    if isinstance(tree, ast.UnaryOp):
        return -evaluate(tree.operand, scope)
    assert isinstance(tree, ast.BinOp)
    left, right = evaluate(tree.left, scope), evaluate(tree.right, scope)
    if isinstance(tree.op, ast.Div) and not right:
        raise ZeroDivisionError  # not computable: no value to settle
    return {ast.Add: CONTEXT.add, ast.Sub: CONTEXT.subtract, ast.Mult: CONTEXT.multiply,
            ast.Div: CONTEXT.divide}[type(tree.op)](left, right)


LARGEST = Decimal("9" * 28).scaleb(MAX_NUMBER_EXPONENT - 27)
SMALLEST = Decimal(1).scaleb(-MAX_NUMBER_EXPONENT)


@given(trees(3), st.fixed_dictionaries({name: values for name in NAMES}))
@example(ast.parse("a + b", mode="eval").body, {"a": LARGEST, "b": LARGEST, "c": LARGEST})
@example(ast.parse("a * b", mode="eval").body, {"a": LARGEST, "b": LARGEST, "c": LARGEST})
@example(ast.parse("a / b", mode="eval").body, {"a": LARGEST, "b": SMALLEST, "c": LARGEST})
@example(ast.parse("a / b", mode="eval").body, {"a": SMALLEST, "b": LARGEST, "c": LARGEST})
def test_a_value_is_within_the_magnitude_found_for_it(tree: ast.expr,
                                                      scope: dict[str, Decimal]) -> None:
    found = _magnitude(tree, NUMBERS)
    try:
        value = evaluate(tree, scope)
    except (ZeroDivisionError, decimal.Overflow):
        return
    if found is None or not value:
        return
    greatest, least = found
    assert value.adjusted() <= greatest, ast.unparse(tree)
    assert least is None or value.adjusted() >= least, ast.unparse(tree)
    if settled(tree, NUMBERS):
        assert settle(value) is value


@pytest.mark.parametrize(("text", "expected"), [
    ("a / b", True),  # 18 + 18 + 1 = 37
    ("a * b", True),  # 37
    ("(a + b) / c", True),  # 38
    ("a / (b + c)", False),  # a sum may cancel to any smallness
    ("a / b * 100", True),  # 40: at the limit, which settle lets through
    ("a / b * 1000", False),  # 41
    ("a * b / c", False),  # 56
    ("a ** 2", False),
    ("abs(a)", False),  # a function: not known
    ("a", True),
    ("x / y", False),  # not numeric inputs: lets or text
])
def test_the_expressions_left_unsettled(text: str, expected: bool) -> None:
    tree = ast.parse(text, mode="eval").body
    for node in ast.walk(tree):  # numbers are Decimals in a checked tree
        if isinstance(node, ast.Constant):
            node.value = Decimal(node.value)
    assert settled(tree, NUMBERS) is expected


def test_a_quotient_at_the_extremes_stays_within_the_limit() -> None:
    quotient = CONTEXT.divide(LARGEST, SMALLEST)  # 9.99…E+36
    found = _magnitude(ast.parse("a / b", mode="eval").body, NUMBERS)
    assert found is not None and quotient.adjusted() <= found[0] == 37
    with pytest.raises(ResultTooLarge):  # what the limit is there for: 41 is refused
        settle(CONTEXT.multiply(quotient, Decimal("1E+5")))


QUOTIENT = """
perfscore: 1
id: t.settled
edition: "2024"
title: t
inputs:
  a: {type: number}
  b: {type: B_TYPE}
indicators:
  - {id: r, name: r, points: 10, value: "a / b", target: 1, score: ratio}
grades: [{min: 0, label: x}]
"""


def quotient(b_type: str) -> perfscore.Scheme:
    """A scheme of one leaf scored by ``a / b``, ``b`` of ``b_type``."""
    return perfscore.loads(QUOTIENT.replace("B_TYPE", b_type), file="s.yaml")


def test_a_scheme_scores_alike_with_settle_left_out() -> None:
    scheme = quotient("percent")
    assert "_settle(" not in scheme.generated_source()
    for record in ({"a": 9.99e18, "b": "1e-16%"}, {"a": 3, "b": 0.5}, {"a": 0, "b": 0.25}):
        fast, reference = scheme.score(record), scheme.score(record, reference=True)
        assert fast == reference


def test_a_record_made_without_validation_is_still_held_to_the_limit() -> None:
    """A model instance is taken as it comes (``model_copy(update=…)`` or ``model_construct``
    validates nothing): its numbers beyond the number limits go to the path that settles
    every value, as they always did."""
    scheme = quotient("number")
    copied = scheme.validate({"a": 1, "b": 2}).model_copy(
        update={"a": Decimal("1E+30"), "b": Decimal("1E-30")})
    made = scheme.Record.model_construct(a=Decimal("1E+30"), b=Decimal("1E-30"))
    for record in (copied, made):
        for reference in (False, True):
            with pytest.raises(perfscore.EvaluationError) as caught:
                scheme.score(record, reference=reference)
            assert "1.000E+60 is beyond ±1E+40" in str(caught.value)
    within = scheme.validate({"a": 3, "b": 2})
    assert scheme.score(within) == scheme.score({"a": 3, "b": 2})


def test_a_zero_divisor_leaves_an_indicator_unassessed_on_both_paths() -> None:
    """Arithmetic on numeric inputs is Python's own on the fast path, where ``0 / 0`` raises
    an invalid operation rather than a division by zero: both are a divisor that is zero, as
    the operator functions of the reference path say, for a value and for a check alike."""
    scheme = perfscore.loads(QUOTIENT.replace("B_TYPE", "number").replace(
        "indicators:", 'checks: [{rule: "a / b < 5", message: too big}]\nindicators:').replace(
        "grades:", '  - {id: q, name: q, points: 10, value: "a", target: 1, score: ratio}\n'
                   "grades:"), file="s.yaml")
    assert "_s['a'] / _s['b']" in scheme.generated_source()
    for record in ({"a": 0, "b": 0}, {"a": 1, "b": 0}):
        fast = scheme.score(record)
        assert fast == scheme.score(record, reference=True)
        assert fast["r"].status == "not_assessed"
        assert fast["r"].explain("en") == "r: a divisor is zero; left out; the total is rescaled."


def test_a_record_made_without_validation_holding_no_decimal_is_refused_as_the_reference_is(
) -> None:
    """A model instance made without validation may hold a float where a number goes: the
    fast path, whose arithmetic takes a numeric input for a Decimal, sends it to the
    reference path, which words what is wrong."""
    scheme = quotient("number")
    made = scheme.Record.model_construct(a=1.5, b=Decimal(2))
    for reference in (False, True):
        with pytest.raises(perfscore.EvaluationError) as caught:
            scheme.score(made, reference=reference)
        assert "/ needs a number, got float" in str(caught.value)


@pytest.mark.parametrize("made", [
    {"a": None, "b": Decimal(1)},  # a required input left out
    {"a": Decimal("Infinity"), "b": Decimal(0)},
    {"a": Decimal("-Infinity"), "b": Decimal(2)},
    {"a": Decimal("NaN"), "b": Decimal(0)},
])
def test_a_record_made_without_validation_holding_what_no_record_can_is_scored_by_reference(
        made: dict[str, Any]) -> None:
    """Python's operators take a numeric input for a finite Decimal, and a required one for
    present: a model instance made without validation that breaks either is scored by the
    reference path, as its operator functions word it (found by the review of this change:
    an infinity divided by zero scored 10 points on the fast path)."""
    scheme = perfscore.loads(QUOTIENT.replace("B_TYPE", "number").replace(
        "grades:", '  - {id: q, name: q, points: 10, value: "b", target: 1, score: ratio}\n'
                   "grades:"), file="s.yaml")
    record = scheme.Record.model_construct(**made)
    try:
        expected: Any = scheme.score(record, reference=True).to_dict()
    except perfscore.PerfscoreError as error:
        expected = str(error)
    try:
        fast: Any = scheme.score(record).to_dict()
    except perfscore.PerfscoreError as error:
        fast = str(error)
    assert fast == expected
