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
from pathlib import Path

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


# --- every refusal, with its message and where it points ---------------------------------------

POSITIONS = """\
perfscore: 1
id: test.positions
edition: 2024
title: t
inputs:
  a: {type: number}
  rows: {type: list, required: false, of: {v: {type: number}, ok: {type: bool}}}
indicators:
  - id: x
    name: X
    points: 100
    value: %s
    score: {formula: "min(max(value, 0), points)"}
"""
"""The expression is written double-quoted from column 12 of line 12: its first character is
at column 13."""


def refusals(expression: str) -> list[tuple[str, str, int | None, int | None, str | None]]:
    with pytest.raises(perfscore.ExpressionError) as caught:
        perfscore.loads(POSITIONS % json.dumps(expression, ensure_ascii=False), file="s.yaml")
    return [(e.code, e.message, e.line, e.column, e.suggestion) for e in caught.value.errors]


@pytest.mark.parametrize(
    ("expression", "code", "message", "column"),
    [
        ("a +", "PS107", "`a +` is not a valid expression: it ends before it is complete", 13),
        ("a b", "PS107", "`a b` is not a valid expression: it goes wrong at column 3, at `b`",
         15),
        (") a", "PS107", "`) a` is not a valid expression: it goes wrong at column 1, at `)`",
         13),  # at the first character
        ("  a +", "PS107", "`a +` is not a valid expression: it ends before it is complete",
         15),  # after the spaces
        (" ", "PS107", "the expression is empty", 14),  # blank
        ("(" * 30 + "a", "PS107", f"`{'(' * 30}a` is not a valid expression: the `(` at column "
         "30 is never closed", 42),
        ("a + 1e99", "PS106", "number 1e99 is out of range", 17),
        ("a + 1j", "PS102", "complex literals are not allowed", 17),
        ("a + b'x'", "PS102", "bytes literals are not allowed", 17),
        ("a + ...", "PS102", "ellipsis literals are not allowed", 17),
        ("a + ~a", "PS102", "operator ~ is not allowed", 17),
        ("a + (a << 1)", "PS102", "operator << is not allowed", 18),
        ("1 if a is 1 else 0", "PS102", "comparison 'is' is not allowed; use == or !=", 18),
        ("a ** 11", "PS105", "** needs a whole-number literal exponent from -10 to 10", 18),
        ("a ** -a", "PS105", "** needs a whole-number literal exponent from -10 to 10", 18),
        ("a + abs(a, a)", "PS103", "abs() takes 1 argument(s), got 2", 17),
        ("a + clamp(a)", "PS103", "clamp() takes 3 argument(s), got 1", 17),
        ("a + round(a, 1, 2)", "PS103", "round() takes 1 to 2 argument(s), got 3", 17),
        ("a + max()", "PS103", "max() takes 1 to 50 argument(s), got 0", 17),
        ("a + min(a, key=a)", "PS103", "min() takes no keyword arguments", 17),
        ("a + a.v", "PS104", "attribute access is only allowed on the row variable of a "
         "generator (p.field in `sum(p.field for p in rows)`)", 17),
        ("a if (" + "1, " * 101 + ") else 0", "PS106", "more than 100 items in one literal", 18),
        ("a + " + "-(" * 40 + "a" + ")" * 40, "PS106", "expression is nested deeper than 40 levels",
         95),  # the 40th minus sign is 41 deep
        ("sum(p.v for p in rows for q in rows)", "PS102", "a generator may have only one `for`",
         16),
        ("sum(1 for (p, q) in rows)", "PS102", "a generator needs the form `… for row in rows`",
         16),
        ("sum(x async for x in rows)", "PS102",
         "a generator needs the form `… for row in rows`", 16),
        ("sum(p for p in a)", "PS104", "a generator can only range over a list input (rows)", 28),
        ("sum(p.v for p in rows.v)", "PS104",
         "a generator can only range over a list input (rows)", 30),
        ("sum(a for a in rows)", "PS102",
         "'a' already names something; choose another row variable", 23),
        ("sum(1 for max in rows)", "PS102",
         "'max' already names something; choose another row variable", 23),
        ("sum(sum(1 for p in rows) for p in rows)", "PS102",
         "'p' already names something; choose another row variable", 27),
        ("(p.v for p in rows)", "PS102",
         "a generator must be the argument of a function such as sum(...)", 13),
        ("a + (p.v for p in rows)", "PS102",
         "a generator must be the argument of a function such as sum(...)", 17),
        ("sum(p.zz for p in rows)", "PS104", "rows of 'rows' have no field 'zz'", 17),
    ],
)
def test_refusal_message_and_position(expression: str, code: str, message: str,
                                      column: int) -> None:
    assert refusals(expression) == [(code, message, 12, column, None)]


def test_unknown_row_field_suggests_the_closest() -> None:
    assert refusals("sum(p.vv for p in rows)") == [
        ("PS104", "rows of 'rows' have no field 'vv'", 12, 17, "did you mean 'v'?")]


def test_positions_count_characters_not_bytes() -> None:
    assert refusals("中文 + 1e99") == [
        ("PS101", "unknown name '中文'", 12, 13,
         "it contains '中' U+4E2D (CJK UNIFIED IDEOGRAPH-4E2D), which is not an ASCII letter "
         "or digit"),
        ("PS106", "number 1e99 is out of range", 12, 18, None)]


def test_positions_in_a_block_scalar() -> None:
    text = POSITIONS.replace("    value: %s\n",
                             "    value: |\n      (a +\n        中文 * ~a +\n          1e99)\n")
    with pytest.raises(perfscore.ExpressionError) as caught:
        perfscore.loads(text, file="s.yaml")
    assert [(e.code, e.message, e.line, e.column) for e in caught.value.errors] == [
        ("PS101", "unknown name '中文'", 14, 9),
        ("PS102", "operator ~ is not allowed", 14, 14),
        ("PS106", "number 1e99 is out of range", 15, 11)]


def test_syntax_error_on_a_later_line_of_a_block_scalar() -> None:
    """Columns on a block scalar's later lines are the file's, counting its indentation."""
    text = POSITIONS.replace("    value: %s\n", "    value: |\n      (a +\n        a +)\n")
    with pytest.raises(perfscore.ExpressionError) as caught:
        perfscore.loads(text, file="s.yaml")
    assert [(e.code, e.line, e.column) for e in caught.value.errors] == [("PS107", 14, 12)]


def test_generator_over_an_absent_list_is_not_assessed() -> None:
    filler = "  - {id: y, name: Y, points: 100, value: a, score: {formula: '50'}}\n"
    scheme = perfscore.loads(POSITIONS % json.dumps("a + sum(p.v for p in rows)") + filler
                             + "settings: {total: 200}\n")
    result = scheme.score({"a": 1})
    assert (result["x"].status, result["x"].points) == ("not_assessed", None)
    assert result["x"].explain() == "X：未填报「rows」，不参与评分，总分按已评指标折算。"
    assert str(result.total) == "100.00"
    assert str(scheme.score({"a": 1, "rows": [{"v": 2, "ok": True}]})["x"].points) == "3.00"


ROWS_ONLY = """\
perfscore: 1
id: test.rows
edition: 2024
title: t
inputs:
  a: {type: number}
  u: {type: number, required: false}
  rows: {type: list, required: false, of: {v: {type: number}}}
checks:
  - {rule: "sum(p.v for p in rows) >= 0", message: 行不能为负}
indicators:
  - {id: x, name: X, points: 100, value: a + sum(p.v for p in rows), score: {formula: "1"}}
"""


def test_a_list_read_only_by_generators_counts_as_used(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(ROWS_ONLY, "utf-8")
    assert [(d.severity, d.code, d.where, d.message) for d in perfscore.check(path)] == [
        ("warning", "PS230", "u", "输入「u」没有被任何 let、检查或指标使用")]


def test_a_failed_check_over_a_list_names_the_list() -> None:
    with pytest.raises(perfscore.RecordError) as caught:
        perfscore.loads(ROWS_ONLY).score({"a": 1, "rows": [{"v": -3}]})
    assert [(e.code, e.where, e.message) for e in caught.value.errors] == [
        ("PS302", "rows", "行不能为负")]
