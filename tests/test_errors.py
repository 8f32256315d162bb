"""Every user-error path: the exception class, its position, code, subject, suggestion and
message, and that all problems of one file or record are collected, not just the first.

Schemes are written inline and dedented, so every line and column below is exact.
"""

from __future__ import annotations

import json
import textwrap
import time
from decimal import Decimal
from typing import Any

import pytest

import perfscore
from perfscore import ExpressionError, PerfscoreError, RecordError, SchemeError
from perfscore._source.yaml import parse


def load_errors(text: str, error: type[PerfscoreError] = SchemeError) -> list[PerfscoreError]:
    """Load ``text`` as s.yaml, expecting it to fail; every problem reported."""
    with pytest.raises(error) as info:
        perfscore.loads(text, file="s.yaml")
    errors = list(info.value.errors)
    assert errors[0] is info.value
    return errors


def fields(error: PerfscoreError) -> tuple[Any, ...]:
    return (type(error), error.file, error.line, error.column, error.code, error.where,
            error.suggestion, error.message)


# --- scheme: YAML -------------------------------------------------------------------------


def test_exception_tree() -> None:
    assert issubclass(SchemeError, PerfscoreError)
    assert issubclass(ExpressionError, SchemeError)
    assert issubclass(RecordError, PerfscoreError)
    assert not issubclass(RecordError, SchemeError)
    assert issubclass(PerfscoreError, Exception)


def test_yaml_syntax_error_points_at_the_problem() -> None:
    text = textwrap.dedent("""\
        perfscore: 1
        id: [a, b
        title: x
        """)
    (error,) = load_errors(text)
    assert fields(error) == (SchemeError, "s.yaml", 3, 6, "PS004", None, None,
                             "YAML syntax: expected ',' or ']', but got ':'")
    assert str(error) == "s.yaml:3:6: error: YAML syntax: expected ',' or ']', but got ':'"


def test_yaml_bad_indentation() -> None:
    text = textwrap.dedent("""\
        perfscore: 1
        id: t
          title: x
        """)
    (error,) = load_errors(text)
    assert fields(error) == (SchemeError, "s.yaml", 3, 8, "PS004", None, None,
                             "YAML syntax: mapping values are not allowed here")


def test_duplicate_keys_are_errors_and_all_are_reported() -> None:
    text = textwrap.dedent("""\
        perfscore: 1
        id: t.s
        id: t.s
        edition: 2023
        inputs:
          a: {type: number, type: text}
        """)
    errors = load_errors(text)
    assert [fields(e) for e in errors] == [
        (SchemeError, "s.yaml", 3, 1, "PS005", None, None,
         "duplicate key 'id' (first written at line 2)"),
        (SchemeError, "s.yaml", 6, 21, "PS005", None, None,
         "duplicate key 'type' (first written at line 6)"),
    ]


def test_a_scheme_must_be_a_mapping() -> None:
    for text in ("- 1\n", "", "just text\n"):
        (error,) = load_errors(text)
        assert fields(error) == (SchemeError, "s.yaml", 1, 1, "PS010", None, None,
                                 "a scheme file must be a YAML mapping")


def test_yaml_tags_are_refused() -> None:
    (error,) = load_errors("perfscore: !!python/object:os.system 1\n")
    assert fields(error) == (
        SchemeError, "s.yaml", 1, 12, "PS004", None, None,
        "YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed")


def test_control_character_is_a_scheme_error() -> None:
    (error,) = load_errors("perfscore: 1\ntitle: a\x07b\n")
    assert fields(error) == (SchemeError, "s.yaml", 2, 9, "PS004", None, None,
                             "character U+0007 (control character) is not allowed")


# --- YAML 1.2 scalars ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("no", "no"),  # YAML 1.1 would make this False
        ("yes", "yes"),
        ("on", "on"),
        ("012", 12),  # YAML 1.1 would read octal 10
        ("0o12", 10),
        ("1:30", "1:30"),  # YAML 1.1 would read sexagesimal 90
        ("1e3", Decimal("1000")),
        ("0.1", Decimal("0.1")),
        ("true", True),
        ("~", None),
        ("'012'", "012"),
    ],
)
def test_yaml_1_2_core_scalars(scalar: str, expected: Any) -> None:
    data = parse(f"x: {scalar}\n", "s.yaml", SchemeError).data
    value = data["x"]
    assert value == expected
    assert type(value) is type(expected)


def test_yaml_1_2_scalars_in_a_loaded_scheme() -> None:
    text = textwrap.dedent("""\
        perfscore: 1
        id: t.s
        edition: 012
        title: no
        settings: {total: 1e3}
        inputs:
          a: {type: number, label: "1:30"}
        indicators:
          - id: x
            name: 1:30
            points: 10
            value: a
            target: 0.1
            score: ratio
        """)
    scheme = perfscore.loads(text, file="s.yaml")
    assert scheme.title == "no"
    assert scheme.edition == "12"
    assert scheme.settings.total == Decimal("1000")
    assert scheme.indicators[0].name == "1:30"
    result = scheme.score({"a": Decimal("0.05")})
    assert result["x"].target == Decimal("0.1")
    assert result["x"].points == Decimal("5")


def test_alias_bomb_fails_fast_without_expanding() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):  # 10**9 values once expanded
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]")
    start = time.perf_counter()
    (error,) = load_errors("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 20
    assert type(error) is SchemeError
    assert error.code == "PS004"
    assert error.file == "s.yaml"
    assert error.line is not None and error.column is not None
    assert error.message == ("YAML document expands to more than 200,000 values "
                             "(aliases are counted each time they are used)")


def test_too_many_aliases() -> None:
    lines = ["a: &a [x]"] + [f"b{i}: *a" for i in range(150)]
    (error,) = load_errors("\n".join(lines) + "\n")
    # the 101st alias use, `b100: *a`, is on line 102
    assert fields(error) == (SchemeError, "s.yaml", 102, 7, "PS004", None, None,
                             "YAML more than 100 aliases")


def test_deep_yaml_nesting_is_refused() -> None:
    (error,) = load_errors("a: " + "[" * 100 + "]" * 100 + "\n")
    # the root mapping is level 1, so the 64th '[' (column 67) is level 65
    assert fields(error) == (SchemeError, "s.yaml", 1, 67, "PS004", None, None,
                             "YAML nesting deeper than 64 levels")


def test_deep_flow_mapping_nesting_is_refused() -> None:
    (error,) = load_errors("a: " + "{b: " * 70 + "1" + "}" * 70 + "\n")
    assert type(error) is SchemeError
    assert (error.line, error.code, error.message) == (
        1, "PS004", "YAML nesting deeper than 64 levels")


# --- scheme: unknown keys ---------------------------------------------------------------------

GOOD = textwrap.dedent("""\
    perfscore: 1
    id: t.s
    edition: 2023
    title: T
    inputs:
      a: {type: number, label: A}
      b: {type: number, label: B}
    indicators:
      - id: x
        name: X
        points: 10
        value: a
        target: 1
        score: ratio
    """)


def test_the_base_scheme_of_these_tests_loads() -> None:
    scheme = perfscore.loads(GOOD, file="s.yaml")
    assert scheme.score({"a": 1, "b": 2}).total == Decimal(10)


def test_two_unknown_keys_give_two_errors_with_suggestions() -> None:
    text = GOOD.replace("title: T\n", "title: T\nlcoale: en\n").replace(
        "a: {type: number, label: A}", "a: {type: number, lable: A}")
    errors = load_errors(text)
    assert sorted((fields(e) for e in errors), key=lambda f: f[2]) == [
        (SchemeError, "s.yaml", 5, 1, "PS011", "lcoale", "did you mean 'locale'?",
         "unknown key 'lcoale'"),
        (SchemeError, "s.yaml", 7, 21, "PS011", "inputs.a.lable", "did you mean 'label'?",
         "unknown key 'lable'"),
    ]
    text_form = str(errors[0]).splitlines()
    assert sorted(text_form) == [
        "s.yaml:5:1: error: unknown key 'lcoale' (did you mean 'locale'?)",
        "s.yaml:7:21: error: unknown key 'lable' (did you mean 'label'?)",
    ]


def test_misspelt_title_is_unknown_and_title_is_missing() -> None:
    errors = load_errors(GOOD.replace("title: T", "titel: T"))
    by_code = {e.code: e for e in errors}
    assert len(errors) == 2
    assert fields(by_code["PS011"]) == (SchemeError, "s.yaml", 4, 1, "PS011", "titel",
                                        "did you mean 'title'?", "unknown key 'titel'")
    assert fields(by_code["PS012"]) == (SchemeError, "s.yaml", 1, 1, "PS012", None, None,
                                        "missing required key 'title'")


def test_unknown_key_with_nothing_close_has_no_suggestion() -> None:
    (error,) = load_errors(GOOD + "zzzzz: 1\n")
    assert fields(error) == (SchemeError, "s.yaml", 15, 1, "PS011", "zzzzz", None,
                             "unknown key 'zzzzz'")


def test_unknown_keys_inside_an_indicator_and_a_score_method() -> None:
    text = GOOD.replace("    score: ratio\n", "    socre: ratio\n") + textwrap.indent(
        textwrap.dedent("""\
            - id: y
              name: Y
              points: 5
              value: a
              target: 1
              score: ration
            """), "  ")
    errors = load_errors(text)
    assert sorted((fields(e) for e in errors), key=lambda f: f[2]) == [
        (SchemeError, "s.yaml", 14, 5, "PS011", "indicators.0.socre", "did you mean 'score'?",
         "unknown key 'socre'"),
        (SchemeError, "s.yaml", 20, 12, "PS011", "indicators.1.score.ration",
         "did you mean 'ratio'?", "unknown key 'ration'"),
    ]


# --- scheme: expressions ----------------------------------------------------------------------


def test_unknown_names_are_all_reported_with_suggestions() -> None:
    text = GOOD.replace("value: a\n", "value: aa / 2\n").replace("target: 1\n", "target: c\n")
    errors = load_errors(text, ExpressionError)
    assert [fields(e) for e in errors] == [
        (ExpressionError, "s.yaml", 12, 12, "PS101", "x", "did you mean 'a'?",
         "unknown name 'aa'"),
        (ExpressionError, "s.yaml", 13, 13, "PS101", "x", None, "unknown name 'c'"),
    ]
    assert str(errors[0]) == (
        "s.yaml:12:12: error: unknown name 'aa' (did you mean 'a'?)\n"
        "s.yaml:13:13: error: unknown name 'c'")


def test_unknown_name_column_counts_characters_not_bytes() -> None:
    text = GOOD.replace("value: a\n", "value: \"'中文' + c\"\n")
    (error,) = load_errors(text, ExpressionError)
    # `"` is column 12, the expression starts at 13, `c` is its 8th character
    assert (error.line, error.column, error.message) == (12, 20, "unknown name 'c'")


def test_unknown_name_in_a_tier_test() -> None:
    text = GOOD.replace("    target: 1\n    score: ratio\n", textwrap.indent(textwrap.dedent("""\
        score:
          tiers:
            - {if: ">= 0.9", points: 10}
            - {if: "valu > 1", points: 5}
            - {else: 0}
        """), "    "))
    (error,) = load_errors(text, ExpressionError)
    assert fields(error) == (ExpressionError, "s.yaml", 16, 17, "PS101", "x",
                             "did you mean 'value'?", "unknown name 'valu'")


def test_let_used_before_it_is_defined() -> None:
    text = GOOD.replace("indicators:\n", "let:\n  p: q + 1\n  q: a\nindicators:\n")
    (error,) = load_errors(text, ExpressionError)
    assert fields(error) == (
        ExpressionError, "s.yaml", 9, 6, "PS101", "p", None,
        "let 'q' is defined after 'p'; lets are computed in order, so move it up")


def test_unknown_function_with_suggestion() -> None:
    (error,) = load_errors(GOOD.replace("value: a\n", "value: mx(a, 1)\n"), ExpressionError)
    assert fields(error) == (ExpressionError, "s.yaml", 12, 12, "PS103", "x",
                             "did you mean 'max'?", "unknown function 'mx'")


def quoted(expression: str) -> str:
    """GOOD with ``value:`` as a single-quoted YAML scalar: the expression starts at column 13."""
    escaped = expression.replace("'", "''")
    return GOOD.replace("value: a\n", f"value: '{escaped}'\n")


METHODS_MESSAGE = ("only the functions abs, clamp, coalesce, count, len, max, mean, min, round, "
                   "sum can be called; methods are not allowed")
ATTRIBUTE_MESSAGE = ("attribute access is only allowed on the row variable of a generator "
                     "(p.field in `sum(p.field for p in rows)`)")


@pytest.mark.parametrize(
    ("expression", "column", "code", "message"),
    [
        ("a.__class__", 13, "PS104", ATTRIBUTE_MESSAGE),
        ("a.real", 13, "PS104", ATTRIBUTE_MESSAGE),
        ("lambda: 1", 13, "PS102", "lambda is not allowed"),
        ("a[0]", 13, "PS102", "subscripts (x[...]) are not allowed"),
        ('"x".upper()', 13, "PS103", METHODS_MESSAGE),
        ('f"{a}"', 13, "PS102", "f-strings are not allowed"),
        ('__import__("os")', 13, "PS103", "unknown function '__import__'"),
        ("(y := 1)", 14, "PS102", "assignment (:=) is not allowed"),
        ("a @ a", 13, "PS102", "operator @ is not allowed"),
        ("a is None", 13, "PS102", "comparison 'is' is not allowed; use == or !="),
        ("min", 13, "PS103", "min is a function: call it, min(...)"),
        ("1 + (b if b else a.imag)", 30, "PS104", ATTRIBUTE_MESSAGE),
    ],
)
def test_forbidden_syntax(expression: str, column: int, code: str, message: str) -> None:
    (error,) = load_errors(quoted(expression), ExpressionError)
    assert fields(error) == (ExpressionError, "s.yaml", 12, column, code, "x", None, message)


@pytest.mark.parametrize(
    ("expression", "column"),
    [("a ** 100", 18), ("a ** b", 18), ("a ** 11", 18), ("a ** -11", 18), ("a ** 2.5", 18),
     ("2 ** 10 ** 10", 18)],
)
def test_huge_or_computed_powers_are_refused(expression: str, column: int) -> None:
    (error,) = load_errors(quoted(expression), ExpressionError)
    assert fields(error) == (ExpressionError, "s.yaml", 12, column, "PS105", "x", None,
                             "** needs a whole-number literal exponent from -10 to 10")


def test_list_comprehension_is_refused() -> None:
    (error,) = load_errors(quoted("[p for p in b]"), ExpressionError)
    assert (type(error), error.line, error.column, error.code, error.where) == (
        ExpressionError, 12, 13, "PS102", "x")
    assert error.message.startswith("list comprehensions are not allowed; use a generator")


def test_small_integer_powers_are_allowed() -> None:
    scheme = perfscore.loads(quoted("a ** 2 + a ** -1"), file="s.yaml")
    assert scheme.score({"a": 2, "b": 0})["x"].value == Decimal("4.5")


def test_deeply_nested_expression() -> None:
    (error,) = load_errors(quoted("-" * 50 + "a"), ExpressionError)
    assert type(error) is ExpressionError
    assert (error.line, error.code, error.where) == (12, "PS106", "x")
    assert error.message == "expression is nested deeper than 40 levels"


def test_too_long_and_too_large_expressions() -> None:
    (error,) = load_errors(quoted("a" * 2001), ExpressionError)
    assert fields(error) == (ExpressionError, "s.yaml", 12, 12, "PS106", "x", None,
                             "expression is longer than 2,000 characters")
    (error,) = load_errors(quoted("a + " * 300 + "a"), ExpressionError)
    assert fields(error) == (ExpressionError, "s.yaml", 12, 12, "PS106", "x", None,
                             "expression has more than 500 parts")


def test_expression_syntax_error() -> None:
    (error,) = load_errors(GOOD.replace("value: a\n", "value: a +\n"), ExpressionError)
    assert type(error) is ExpressionError
    assert (error.file, error.line, error.code, error.where) == ("s.yaml", 12, "PS107", "x")
    assert error.message == "`a +` is not a valid expression: it ends before it is complete"


@pytest.mark.parametrize(("written", "english", "chinese"), [
    (">> 0.5", "`>> 0.5` is not a valid expression: it goes wrong at column 1, at `>>`",
     "表达式 `>> 0.5` 无法解析：第 1 个字符 `>>` 处不合语法"),
    ("max(a, 1", "`max(a, 1` is not a valid expression: the `(` at column 4 is never closed",
     "表达式 `max(a, 1` 无法解析：第 4 个字符的「(」没有闭合"),
    ("a +", "`a +` is not a valid expression: it ends before it is complete",
     "表达式 `a +` 无法解析：表达式不完整"),
    ("(a", "`(a` is not a valid expression: the `(` at column 1 is never closed",
     "表达式 `(a` 无法解析：第 1 个字符的「(」没有闭合"),
    ("a + (", "`a + (` is not a valid expression: the `(` at column 5 is never closed",
     "表达式 `a + (` 无法解析：第 5 个字符的「(」没有闭合"),
    # on a later line: the column is that line's, and the message is one line
    ("(a +\n b))", "`(a +  b))` is not a valid expression: it goes wrong at column 4, at `)`",
     "表达式 `(a +  b))` 无法解析：第 4 个字符 `)` 处不合语法"),
    ("(a,\n b c)", "`(a,  b c)` is not a valid expression: it goes wrong at column 2, at `b c`",
     "表达式 `(a,  b c)` 无法解析：第 2 个字符 `b c` 处不合语法"),
    ("(a,\n b c,\n d)", "`(a,  b c,  d)` is not a valid expression: it goes wrong at column 2, "
     "at `b c`", "表达式 `(a,  b c,  d)` 无法解析：第 2 个字符 `b c` 处不合语法"),
    ("(a b,\n c)", "`(a b,  c)` is not a valid expression: it goes wrong at column 2, at `a b`",
     "表达式 `(a b,  c)` 无法解析：第 2 个字符 `a b` 处不合语法"),
    # quoted whole up to 60 characters
    ("a" * 59 + "+", f"`{'a' * 59}+` is not a valid expression: it ends before it is complete",
     f"表达式 `{'a' * 59}+` 无法解析：表达式不完整"),
    ("(" * 201 + "a" + ")" * 201, "`" + "(" * 59 + "…` is not a valid expression: too many "
     "nested parentheses", "表达式 `" + "(" * 59 + "…` 无法解析：括号嵌套过多"),
])
def test_an_expression_that_does_not_parse_is_quoted_in_either_language(
        written: str, english: str, chinese: str) -> None:
    (error,) = load_errors(GOOD.replace("value: a\n", f"value: {json.dumps(written)}\n"),
                           ExpressionError)
    assert error.message == english
    assert perfscore.Diagnostic.of(error).localized("zh").message == chinese


def test_errors_of_every_indicator_are_collected() -> None:
    text = quoted("a[0]") + textwrap.indent(textwrap.dedent("""\
        - id: y
          name: Y
          points: 5
          value: "lambda: 1"
          target: zz
          score: ratio
        """), "  ")
    errors = load_errors(text, ExpressionError)
    assert [(e.line, e.column, e.where, e.message) for e in errors] == [
        (12, 13, "x", "subscripts (x[...]) are not allowed"),
        (18, 13, "y", "lambda is not allowed"),
        (19, 13, "y", "unknown name 'zz'"),
    ]


def test_error_inside_a_block_scalar_expression_points_into_the_block() -> None:
    text = GOOD.replace("value: a\n", "value: >-\n      a + c\n")
    (error,) = load_errors(text, ExpressionError)
    assert (error.line, error.column, error.message) == (13, 11, "unknown name 'c'")


def test_error_column_counts_leading_spaces_in_a_quoted_expression() -> None:
    (error,) = load_errors(quoted("  c"), ExpressionError)
    assert (error.line, error.column, error.message) == (12, 15, "unknown name 'c'")


# --- records ----------------------------------------------------------------------------------

RECORD_SCHEME = textwrap.dedent("""\
    perfscore: 1
    id: t.records
    edition: 2023
    title: 记录测试
    locale: {locale}
    inputs:
      done: {{type: number, min: 0, label: {done}}}
      plan: {{type: number, label: {plan}}}
      qty: {{type: integer, min: 0, label: {qty}}}
      rate: {{type: percent, required: false, label: {rate}}}
      level: {{type: choice, options: [好, 差], required: false, label: {level}}}
    checks:
      - rule: qty <= 100
        message: {message}
    indicators:
      - id: x
        name: {x}
        points: 10
        value: done / plan
        target: 1
        score: ratio
      - id: y
        name: {y}
        points: 10
        value: rate
        target: 1
        score: ratio
      - id: z
        name: {z}
        points: 10
        value: qty
        target: 10
        score: ratio
    """)
ZH_WORDS = dict(locale="zh-CN", done="完成数", plan="计划数", qty="项目个数", rate="满意度",
                level="等级", message="项目个数不能超过 100", x="完成率", y="满意", z="项目")
EN_WORDS = dict(locale="en", done="Completed", plan="Planned", qty="Projects",
                rate="Satisfaction", level="Level", message="at most 100 projects",
                x="Completion", y="Satisfied", z="Projects done")


@pytest.fixture(scope="module")
def zh() -> perfscore.Scheme:
    return perfscore.loads(RECORD_SCHEME.format(**ZH_WORDS), file="zh.yaml")


@pytest.fixture(scope="module")
def en() -> perfscore.Scheme:
    return perfscore.loads(RECORD_SCHEME.format(**EN_WORDS), file="en.yaml")


GOOD_RECORD: dict[str, Any] = {"done": 5, "plan": 10, "qty": 10}


def rejected(scheme: perfscore.Scheme, record: Any, **kwargs: Any) -> list[PerfscoreError]:
    with pytest.raises(RecordError) as info:
        scheme.score(record, **kwargs)
    errors = list(info.value.errors)
    assert errors[0] is info.value
    assert all(type(e) is RecordError for e in errors)
    return errors


def record_fields(error: PerfscoreError) -> tuple[Any, ...]:
    return (error.where, error.label, error.code, error.suggestion, error.message)


def test_a_good_record_scores(zh: perfscore.Scheme) -> None:
    result = zh.score(GOOD_RECORD)
    assert result["x"].points == Decimal(5)
    assert result["z"].points == Decimal(10)


@pytest.mark.parametrize(
    "bad", [float("nan"), "NaN", "nan", Decimal("NaN"), float("inf"), float("-inf"), "Infinity",
            "-Infinity", Decimal("-Infinity")],
    ids=repr,
)
def test_a_number_must_be_finite(zh: perfscore.Scheme, en: perfscore.Scheme, bad: Any) -> None:
    record = {**GOOD_RECORD, "done": bad}
    (error,) = rejected(zh, record)
    assert record_fields(error) == ("done", "完成数", "PS301", None,
                                    "done (完成数): 必须是有限的数值")
    (error,) = rejected(en, record)
    assert record_fields(error) == ("done", "Completed", "PS301", None,
                                    "done (Completed): must be a finite number")


@pytest.mark.parametrize("bad", [True, [1], {"a": 1}, None], ids=repr)
def test_a_number_must_be_a_number(zh: perfscore.Scheme, en: perfscore.Scheme, bad: Any) -> None:
    record = {**GOOD_RECORD, "done": bad}  # None: a required number given as null
    (error,) = rejected(zh, record)
    assert record_fields(error) == ("done", "完成数", "PS301", None, "done (完成数): 必须是数值")
    (error,) = rejected(en, record)
    assert record_fields(error) == ("done", "Completed", "PS301", None,
                                    "done (Completed): must be a number")


@pytest.mark.parametrize("bad", ["abc", "", "1_000"], ids=repr)
def test_text_that_is_no_number_is_echoed(zh: perfscore.Scheme, en: perfscore.Scheme,
                                          bad: str) -> None:
    record = {**GOOD_RECORD, "done": bad}
    (error,) = rejected(zh, record)
    assert record_fields(error) == ("done", "完成数", "PS301", None,
                                    f"done (完成数): {bad!r} 不是数值")
    (error,) = rejected(en, record)
    assert record_fields(error) == ("done", "Completed", "PS301", None,
                                    f"done (Completed): {bad!r} is not a number")


@pytest.mark.parametrize(
    ("bad", "message"),
    [(float("nan"), "必须是有限的数值"), ("NaN", "必须是有限的数值"),
     ("-inf%", "必须是有限的数值"), (float("inf"), "必须是有限的数值"),
     ("abc%", "'abc%' 不是数值"), ("%", "'%' 不是数值")],
    ids=repr,
)
def test_a_percent_must_be_finite(zh: perfscore.Scheme, bad: Any, message: str) -> None:
    (error,) = rejected(zh, {**GOOD_RECORD, "rate": bad})
    assert record_fields(error) == ("rate", "满意度", "PS301", None, f"rate (满意度): {message}")


@pytest.mark.parametrize("bad", [10**30, 10**19, 1e19, "1e19", "-1e19", "1e-19", 1e-19,
                                 "1.234567890123456789012345678901", "1" + "0" * 19],
                         ids=repr)
def test_a_huge_number_is_refused(zh: perfscore.Scheme, en: perfscore.Scheme, bad: Any) -> None:
    (error,) = rejected(zh, {**GOOD_RECORD, "done": bad})
    assert error.message == ("done (完成数): 超出允许的数值范围"
                             "（最多 28 位有效数字，绝对值在 1e-18 到 1e19 之间）")
    (error,) = rejected(en, {**GOOD_RECORD, "done": bad})
    assert error.message == ("done (Completed): is out of range "
                             "(at most 28 significant digits, magnitude from 1e-18 to below 1e19)")


@pytest.mark.parametrize(("given", "read"), [
    ("9" * 19, "9" * 19), ("0." + "9" * 26, "0." + "9" * 26), ("1e18", "1E+18"), ("1e-18", "1E-18"),
    (" 1,000 ", "1000"), ("１，２３４．５", "1234.5"), ("-0", "0"), ("0E+30", "0E+30"),
    (-0.0, "0.0"),
    (9.99e18, "9.99E+18"), (10**19 - 1, "9" * 19)], ids=repr)
def test_a_number_at_the_edge_of_the_range_is_read_exactly(
        zh: perfscore.Scheme, given: Any, read: str) -> None:
    """Text of up to 28 characters, floats and whole numbers are read on a quicker path than
    longer text; each side of every bound is the same on both (19 nines is just below
    1e19)."""
    value = zh.validate({**GOOD_RECORD, "done": given}).done  # type: ignore[attr-defined]
    assert str(value) == read


@pytest.mark.parametrize(("bad", "message"), [
    ("abc", "'abc' 不是整数"), ("NaN", "必须是有限的数值"), ("Infinity", "必须是有限的数值"),
    (1.5, "必须是整数"), ("1.5", "必须是整数"), ([1], "必须是整数")], ids=repr)
def test_an_integer_must_be_whole(zh: perfscore.Scheme, bad: Any, message: str) -> None:
    (error,) = rejected(zh, {**GOOD_RECORD, "qty": bad})
    assert record_fields(error) == ("qty", "项目个数", "PS301", None, f"qty (项目个数): {message}")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN")], ids=repr)
def test_an_integer_nan_is_refused_in_chinese(zh: perfscore.Scheme, bad: Any) -> None:
    (error,) = rejected(zh, {**GOOD_RECORD, "qty": bad})
    assert record_fields(error) == ("qty", "项目个数", "PS301", None,
                                    "qty (项目个数): 必须是有限的数值")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN")], ids=repr)
def test_an_integer_nan_is_refused_in_english(en: perfscore.Scheme, bad: Any) -> None:
    (error,) = rejected(en, {**GOOD_RECORD, "qty": bad})
    assert record_fields(error) == ("qty", "Projects", "PS301", None,
                                    "qty (Projects): must be a finite number")


@pytest.mark.parametrize("bad", [True, False], ids=repr)
def test_an_integer_refuses_a_boolean(zh: perfscore.Scheme, en: perfscore.Scheme,
                                      bad: bool) -> None:
    (error,) = rejected(zh, {**GOOD_RECORD, "qty": bad})
    assert record_fields(error) == ("qty", "项目个数", "PS301", None, "qty (项目个数): 必须是整数")
    (error,) = rejected(en, {**GOOD_RECORD, "qty": bad})
    assert error.message == "qty (Projects): must be a whole number"


def test_integer_bounds(zh: perfscore.Scheme, en: perfscore.Scheme) -> None:
    (error,) = rejected(zh, {**GOOD_RECORD, "qty": -1})
    assert record_fields(error) == ("qty", "项目个数", "PS301", None, "qty (项目个数): 不能小于 0")
    (error,) = rejected(en, {**GOOD_RECORD, "qty": -1})
    assert error.message == "qty (Projects): must be at least 0"


def test_number_bounds_name_the_field(zh: perfscore.Scheme) -> None:
    (error,) = rejected(zh, {**GOOD_RECORD, "done": "-0.5"})
    assert (error.where, error.label, error.code) == ("done", "完成数", "PS301")
    assert error.message.startswith("done (完成数): 不能小于 ")


def test_number_bounds_show_the_bound_as_a_number(zh: perfscore.Scheme,
                                                  en: perfscore.Scheme) -> None:
    (error,) = rejected(zh, {**GOOD_RECORD, "done": "-0.5"})
    assert error.message == "done (完成数): 不能小于 0"
    (error,) = rejected(en, {**GOOD_RECORD, "done": "-0.5"})
    assert error.message == "done (Completed): must be at least 0"


def test_unknown_choice_value(zh: perfscore.Scheme, en: perfscore.Scheme) -> None:
    (error,) = rejected(zh, {**GOOD_RECORD, "level": "中"})
    assert record_fields(error) == ("level", "等级", "PS301", None,
                                    "level (等级): 必须是以下之一：好、差")
    (error,) = rejected(en, {**GOOD_RECORD, "level": "medium"})
    assert error.message == "level (Level): must be one of: 好, 差"


def test_a_near_miss_choice_value_gets_a_suggestion(bundled: perfscore.Scheme) -> None:
    record = {"key_projects": 43, "started_projects": 37, "planned_investment": "106.1",
              "completed_investment": "104.5", "tech_committed": "88.02",
              "tech_completed": "89.32", "basic_spending": "99.35", "project_spending": "62.75",
              "authorised_staff": 12, "actual_staff": 7, "work_level": "达成年度"}
    (error,) = rejected(bundled, record)
    assert error.suggestion == "是否应为「达成年度指标」？"


def test_missing_required_field(zh: perfscore.Scheme, en: perfscore.Scheme) -> None:
    record = {"done": 5, "qty": 1}
    (error,) = rejected(zh, record)
    assert record_fields(error) == ("plan", "计划数", "PS301", None, "plan (计划数): 缺少必填字段")
    (error,) = rejected(en, record)
    assert record_fields(error) == ("plan", "Planned", "PS301", None,
                                    "plan (Planned): required field is missing")


def test_unknown_extra_field_with_suggestion(zh: perfscore.Scheme, en: perfscore.Scheme) -> None:
    record = {**GOOD_RECORD, "plann": 3}
    (error,) = rejected(zh, record)
    assert record_fields(error) == ("plann", None, "PS301", "是否应为「plan」？",
                                    "plann: 方案未声明此字段")
    assert error.describe().endswith(": error: plann: 方案未声明此字段 (是否应为「plan」？)")
    (error,) = rejected(en, record)
    assert record_fields(error) == ("plann", None, "PS301", "did you mean 'plan'?",
                                    "plann: the scheme declares no such field")
    (error,) = rejected(zh, {**GOOD_RECORD, "zzzz": 1})
    assert (error.where, error.suggestion) == ("zzzz", None)


def test_extra_fields_are_ignored_when_the_scheme_says_so() -> None:
    text = RECORD_SCHEME.format(**ZH_WORDS).replace(
        "inputs:\n", "settings: {extra_inputs: ignore}\ninputs:\n")
    scheme = perfscore.loads(text, file="s.yaml")
    assert scheme.score({**GOOD_RECORD, "plann": 3})["x"].points == Decimal(5)


def test_lang_overrides_the_scheme_locale_for_record_errors(zh: perfscore.Scheme) -> None:
    (error,) = rejected(zh, {"done": 5, "qty": 1}, lang="en")
    assert error.message == "plan (计划数): required field is missing"


def test_every_record_problem_is_collected(zh: perfscore.Scheme) -> None:
    record = {"done": "x", "qty": 1.5, "rate": "NaN", "level": "中", "zzz": 1, "www": 2}
    errors = rejected(zh, record)
    assert sorted(e.message for e in errors) == sorted([
        "done (完成数): 'x' 不是数值",
        "plan (计划数): 缺少必填字段",
        "qty (项目个数): 必须是整数",
        "rate (满意度): 必须是有限的数值",
        "level (等级): 必须是以下之一：好、差",
        "zzz: 方案未声明此字段",
        "www: 方案未声明此字段",
    ])
    assert sorted(e.where for e in errors) == ["done", "level", "plan", "qty", "rate", "www",
                                               "zzz"]
    assert len(str(errors[0]).splitlines()) == 7


def test_a_record_must_be_a_mapping(zh: perfscore.Scheme, en: perfscore.Scheme) -> None:
    for record in ([1], "done: 5", 3):
        (error,) = rejected(zh, record)
        assert (error.code, error.where, error.message) == (
            "PS300", None, "记录必须是字段名到值的映射")
        (error,) = rejected(en, record)
        assert error.message == "a record must be a mapping of field names to values"


def test_failing_check_rejects_with_the_schemes_message(zh: perfscore.Scheme,
                                                        en: perfscore.Scheme) -> None:
    (error,) = rejected(zh, {**GOOD_RECORD, "qty": 101})
    assert record_fields(error) == ("qty", None, "PS302", None, "项目个数不能超过 100")
    assert error.params["rule"] == "qty <= 100"
    (error,) = rejected(en, {**GOOD_RECORD, "qty": 101})
    assert error.message == "at most 100 projects"


def test_every_failing_check_is_reported() -> None:
    text = RECORD_SCHEME.format(**ZH_WORDS).replace(
        "checks:\n", "checks:\n  - rule: done <= plan\n    message: 完成数不能超过计划数\n")
    scheme = perfscore.loads(text, file="s.yaml")
    errors = rejected(scheme, {"done": 50, "plan": 10, "qty": 200})
    assert [(e.code, e.where, e.message) for e in errors] == [
        ("PS302", "done, plan", "完成数不能超过计划数"),
        ("PS302", "qty", "项目个数不能超过 100"),
    ]


def test_zero_denominator_is_not_assessed_not_an_error(zh: perfscore.Scheme,
                                                       en: perfscore.Scheme) -> None:
    result = zh.score({"done": 5, "plan": 0, "qty": 10})
    item = result["x"]
    assert (item.status, item.points, item.lost) == ("not_assessed", None, None)
    assert item.explain() == "完成率：计算时分母为 0，不参与评分，总分按已评指标折算。"
    assert result.total == Decimal(100)  # z alone: 10 of 10, rescaled to 100
    assert [w.message() for w in result.warnings] == [
        "完成率：计算时分母为 0，不参与评分，总分按已评指标折算。",
        "满意：未填报「满意度」，不参与评分，总分按已评指标折算。",
        "有指标不参与评分，总分按已评指标满分 10 分折算为 100 分制：10÷10×100=100。",
    ]
    assert en.score({"done": 5, "plan": 0, "qty": 10})["x"].status == "not_assessed"


@pytest.mark.parametrize(("expression", "done"),
                         [("done / plan", 0), ("done % plan", 5), ("done // plan", 5)])
def test_zero_over_zero_is_not_assessed(expression: str, done: int) -> None:
    text = RECORD_SCHEME.format(**ZH_WORDS).replace("value: done / plan", f"value: {expression}")
    scheme = perfscore.loads(text, file="s.yaml")
    result = scheme.score({"done": done, "plan": 0, "qty": 10})
    item = result["x"]
    assert (item.status, item.points, item.explain()) == (
        "not_assessed", None, "完成率：计算时分母为 0，不参与评分，总分按已评指标折算。")
    assert result.total == Decimal(100)


@pytest.mark.parametrize(
    ("given", "expected"),
    [("86.05%", Decimal("0.8605")), (" 86.05 % ", Decimal("0.8605")),
     ("86.05％", Decimal("0.8605")), ("100%", Decimal("1")), (0.8605, Decimal("0.8605")),
     ("0.8605", Decimal("0.8605")), (Decimal("0.8605"), Decimal("0.8605")), (1, Decimal(1))],
    ids=repr,
)
def test_percent_text_is_an_exact_fraction(zh: perfscore.Scheme, given: Any,
                                           expected: Decimal) -> None:
    item = zh.score({**GOOD_RECORD, "rate": given})["y"]
    assert item.value == expected
    assert type(item.value) is Decimal
    assert item.status == "scored"


def test_floats_go_through_their_shortest_repr(zh: perfscore.Scheme) -> None:
    item = zh.score({**GOOD_RECORD, "done": 0.1, "plan": 0.3})["x"]
    assert item.value == Decimal("0.1") / Decimal("0.3")


def test_record_model_instance_is_accepted(zh: perfscore.Scheme) -> None:
    record = zh.Record.model_validate(GOOD_RECORD)
    assert zh.score(record).total == zh.score(GOOD_RECORD).total


@pytest.mark.parametrize(("written", "operand", "line"), [
    ("1 if max(a,\n b) == 'x' else 0", "max(a,  b)", 13),
    ("1 if max(a,\n b,\n 3) == 'x' else 0", "max(a,  b,  3)", 14),
    ("1 if max(a,\n b,\n 3,\n 4) == 'x' else 0", "max(a,  b,  3,  4)", 15),
])
def test_an_operand_written_over_several_lines_is_quoted_whole(written: str, operand: str,
                                                               line: int) -> None:
    (error,) = load_errors(GOOD.replace("value: a\n", f"value: {json.dumps(written)}\n"),
                           ExpressionError)
    assert (error.message, error.line, error.column) == (
        f"`{operand}` is a number and `'x'` is text: they are never equal", line, 19)


@pytest.mark.parametrize(("bounds", "message"), [
    ("min: 0.5", "an integer input's `min` and `max` are whole numbers"),
    ("min: 0, max: 9.5", "an integer input's `min` and `max` are whole numbers"),
    ("min: 5, max: 1", "`min` is greater than `max`"),
])
def test_an_integer_inputs_bounds_are_whole_and_in_order(bounds: str, message: str) -> None:
    """A fractional bound on an integer input is refused where it is written, as every scheme
    error is (it once reached pydantic's own SchemaError, a traceback)."""
    text = GOOD.replace("a: {type: number, label: A}", f"a: {{type: integer, {bounds}}}")
    (error,) = load_errors(text)
    assert (error.code, error.line, error.column, error.message) == ("PS012", 6, 6, message)


def test_an_integer_input_may_write_a_whole_bound_with_decimals() -> None:
    text = GOOD.replace("a: {type: number, label: A}", "a: {type: integer, min: 0, max: 9.0}")
    assert perfscore.loads(text, file="s.yaml").score({"a": 9, "b": 2}).total == Decimal(10)
