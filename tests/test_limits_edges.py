"""The expression checker at its edges: each limit of SECURITY.md exactly at, just below and just
above its value, the operators that are refused (with their message, never a raw KeyError), and
exponents written with a sign.

Each test loads a scheme as a rule author would and checks what they get: the scheme loads and
scores exactly, or it fails with the exact message and code.
"""

from __future__ import annotations

import ast
import json
from decimal import Decimal

import pytest

import perfscore

SCHEME = """\
perfscore: 1
id: test.limits
edition: 2024
title: t
settings: {total: 100}
inputs:
  a: {type: number}
  b: {type: bool}
  n: {type: integer}
indicators:
  - id: x
    name: X
    points: 100
    value: %s
    score: {formula: "min(max(value, 0), points)"}
"""


def load(expression: str) -> perfscore.Scheme:
    return perfscore.loads(SCHEME % json.dumps(expression), file="s.yaml")


def problems(expression: str) -> list[tuple[str, str]]:
    """(code, message) of each problem the scheme's one expression has."""
    with pytest.raises(perfscore.ExpressionError) as caught:
        load(expression)
    return [(e.code, e.message) for e in caught.value.errors]


def value(expression: str, a: object = 2, b: bool = True, n: int = 3) -> Decimal:
    item = load(expression).score({"a": a, "b": b, "n": n})["x"]
    assert isinstance(item.value, Decimal)
    return item.value


# --- operators ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "op"),
    [
        ("b | (a > 1)", "|"),
        ("n | 1", "|"),
        ("n & 1", "&"),
        ("b & (a > 1)", "&"),
        ("n ^ 1", "^"),
        ("n >> 1", ">>"),
        ("n << 1", "<<"),
        ("a @ a", "@"),
        ("~n", "~"),
        ("a + ~n", "~"),
    ],
)
def test_bitwise_operators_are_refused_with_their_name(expression: str, op: str) -> None:
    assert problems(expression) == [("PS102", f"operator {op} is not allowed")]


def test_refused_operator_message_in_chinese() -> None:
    with pytest.raises(perfscore.ExpressionError) as caught:
        load("n | 1")
    diagnostic = perfscore.Diagnostic.of(caught.value).localized("zh")
    assert (diagnostic.code, diagnostic.message) == ("PS102", "不允许使用运算符 |")


@pytest.mark.parametrize(("expression", "op"), [("a is 1", "is"), ("a is not 1", "is not")])
def test_identity_comparisons_are_refused(expression: str, op: str) -> None:
    assert problems(expression) == [("PS102", f"comparison {op!r} is not allowed; use == or !=")]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("a + n", "5"), ("a - n", "-1"), ("a * n", "6"), ("n / a", "1.5"), ("7 // a", "3"),
        ("7 % a", "1"), ("a ** 3", "8"), ("-a + 10", "8"), ("+a", "2"),
        ("10 if not b else 1", "1"), ("1 if a == 2 and n != 2 else 0", "1"),
        ("1 if a < n <= 3 else 0", "1"), ("1 if a > 2 or n >= 4 else 0", "0"),
        ("1 if n in (1, 3) else 0", "1"), ("1 if n not in [1, 3] else 0", "0"),
    ],
)
def test_every_allowed_operator_computes(expression: str, expected: str) -> None:
    assert value(expression) == Decimal(expected)


# --- ** and its exponent -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("a ** +2", "4"),  # the unary plus keeps the exponent: a², not a⁴
        ("a ** 2", "4"),
        ("a ** -2", "0.25"),
        ("a ** +6", "64"),  # not a¹²
        ("a ** 10", "1024"),  # at the limit
        ("a ** +10", "1024"),
        ("a ** -10", "0.0009765625"),
        ("a ** 9", "512"),  # just below it
        ("a ** 0", "1"),
        ("a ** +0", "1"),
    ],
)
def test_power_with_a_signed_exponent(expression: str, expected: str) -> None:
    assert str(value(expression)) == expected


@pytest.mark.parametrize(
    "expression",
    ["a ** 11", "a ** +11", "a ** -11", "a ** 2.0", "a ** n", "a ** (1 + 1)", "a ** --2",
     "a ** 100"],
)
def test_power_beyond_the_exponent_limit_is_refused(expression: str) -> None:
    assert problems(expression) == [
        ("PS105", "** needs a whole-number literal exponent from -10 to 10")]


# --- expression length: 2,000 characters -------------------------------------------------------


def of_length(length: int) -> str:
    """An expression of exactly ``length`` characters that computes ``a``."""
    head, tail = 'a if "', '" != "" else 0'
    text = head + "x" * (length - len(head) - len(tail)) + tail
    assert len(text) == length
    return text


@pytest.mark.parametrize("length", [1999, 2000])
def test_expression_at_the_length_limit_loads(length: int) -> None:
    assert value(of_length(length)) == Decimal(2)


def test_expression_just_over_the_length_limit_is_refused() -> None:
    assert problems(of_length(2001)) == [
        ("PS106", "expression is longer than 2,000 characters")]


# --- nesting depth: 40 levels ------------------------------------------------------------------


def nested(levels: int) -> str:
    """``a`` under ``levels`` unary minus signs: its name is ``levels + 1`` deep in the tree."""
    return "-(" * levels + "a" + ")" * levels


@pytest.mark.parametrize(("levels", "expected"), [(38, "2"), (39, "-2")])
def test_expression_at_the_depth_limit_loads(levels: int, expected: str) -> None:
    assert value(nested(levels)) == Decimal(expected)


def test_expression_just_over_the_depth_limit_is_refused() -> None:
    assert problems(nested(40)) == [("PS106", "expression is nested deeper than 40 levels")]


def test_depth_limit_counts_in_a_generator() -> None:
    rows = SCHEME.replace("  n: {type: integer}\n",
                          "  n: {type: integer}\n  rows: {type: list, of: {v: {type: number}}}\n")
    ok = "sum(" + "-(" * 39 + "p.v" + ")" * 39 + " for p in rows)"
    perfscore.loads(rows % json.dumps(ok))
    deep = "sum(" + "-(" * 40 + "p.v" + ")" * 40 + " for p in rows)"
    with pytest.raises(perfscore.ExpressionError,
                       match=r"^s\.yaml:.*: error: expression is nested deeper than 40 levels$"):
        perfscore.loads(rows % json.dumps(deep), file="s.yaml")


# --- syntax tree nodes: 500 --------------------------------------------------------------------


def of_nodes(count: int) -> str:
    """``max(a, max(1, …), …)`` with exactly ``count`` syntax tree nodes, kept shallow."""
    calls = 11
    ones = count - 6 - 3 * calls  # Expression, Call, max, Load, a, Load; each call: 3 + args
    sizes = [ones // calls + (1 if i < ones % calls else 0) for i in range(calls)]
    text = "max(a, " + ", ".join("max(" + ", ".join(["1"] * k) + ")" for k in sizes) + ")"
    assert sum(1 for _ in ast.walk(ast.parse(text, mode="eval"))) == count
    return text


@pytest.mark.parametrize("count", [499, 500])
def test_expression_at_the_node_limit_loads(count: int) -> None:
    assert value(of_nodes(count)) == Decimal(2)


def test_expression_just_over_the_node_limit_is_refused() -> None:
    assert problems(of_nodes(501)) == [("PS106", "expression has more than 500 parts")]


# --- tuple and list literals: 100 items --------------------------------------------------------


def membership(items: int, bracket: str = "()") -> str:
    listed = ", ".join(str(i) for i in range(1, items + 1))
    return f"1 if n in {bracket[0]}{listed}{bracket[1]} else 0"


@pytest.mark.parametrize("bracket", ["()", "[]"])
@pytest.mark.parametrize("items", [99, 100])
def test_literal_at_the_item_limit_loads(items: int, bracket: str) -> None:
    scheme = load(membership(items, bracket))
    assert scheme.score({"a": 0, "b": True, "n": items})["x"].value == Decimal(1)
    assert scheme.score({"a": 0, "b": True, "n": items + 1})["x"].value == Decimal(0)


@pytest.mark.parametrize("bracket", ["()", "[]"])
def test_literal_just_over_the_item_limit_is_refused(bracket: str) -> None:
    assert problems(membership(101, bracket)) == [
        ("PS106", "more than 100 items in one literal")]


# --- number literals: 28 digits, magnitude 1e±18 -----------------------------------------------


@pytest.mark.parametrize(
    ("literal", "expected"),
    [
        ("1234567890.123456789012345678", "1234567890.123456789012345678"),  # 28 digits
        ("123456789.12345678901234567", "123456789.12345678901234567"),  # 27
        ("1e18", "1000000000000000000"),
        ("9e17", "900000000000000000"),
        ("1e-18", "1E-18"),
        ("0.000000000000000001", "1E-18"),
        ("0e99", "0"),  # zero has no magnitude
    ],
)
def test_number_literal_within_the_limits(literal: str, expected: str) -> None:
    assert value(f"a * 0 + {literal}", a=0) == Decimal(expected)


@pytest.mark.parametrize(
    "literal",
    ["1234567890.1234567890123456789",  # 29 digits
     "1e19", "10000000000000000000", "1e-19", "0.0000000000000000001"],
)
def test_number_literal_beyond_the_limits_is_refused(literal: str) -> None:
    assert problems(f"a + {literal}") == [("PS106", f"number {literal} is out of range")]
