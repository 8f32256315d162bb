"""Rule authoring: every check of ``perfscore check`` on a small broken scheme, with the exact
diagnostic (severity, line, column, code, message, suggestion); warnings and ``--strict``;
messages in the scheme's language; the JSON Schema of scheme files.

Each scheme is the five lines of ``HEAD`` and a dedented body, so line 6 is the body's first.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import perfscore
from perfscore._common.errors import SchemeError
from perfscore._source.yaml import parse
from tests.conftest import run

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "rules").rglob("*.yaml"))
HEAD = "perfscore: 1\nid: t.authoring\nedition: 2024\ntitle: T\nlocale: en\n"
LEVELS = "[达成年度指标, 部分达成年度指标并具有一定效果, 未达成年度指标且效果较差]"

Found = tuple[str, int | None, int | None, str | None, str, str | None]


def write(tmp_path: Path, body: str, head: str = HEAD) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return path


def found(tmp_path: Path, body: str, *, head: str = HEAD, lang: str | None = None
          ) -> list[Found]:
    """What ``perfscore.check`` says about the scheme, one tuple per diagnostic."""
    return [(d.severity, d.line, d.column, d.code, d.message, d.suggestion)
            for d in perfscore.check(write(tmp_path, body, head), lang=lang)]




def leaf(score: str, *, value: str = "a", inputs: str = "a: {type: number}",
         points: int = 10, extra: str = "") -> str:
    """A body with one leaf ``x`` worth ``points`` (the scheme's total). With one line of
    ``inputs``, its value is at line 13, column 12 (the expression at 13), its score at 15;
    ``extra`` follows, at line 16."""
    written = json.dumps(value, ensure_ascii=False)
    return (f"settings: {{total: {points}}}\ninputs:\n  {inputs}\nindicators:\n  - id: x\n"
            f"    name: X\n    points: {points}\n    value: {written}\n"
            f"    score:\n{textwrap.indent(textwrap.dedent(score).rstrip() + chr(10), '      ')}"
            f"{extra}")


def tiers(*lines: str, value: str = "a", inputs: str = "a: {type: number}") -> str:
    """A leaf scored by these tiers (YAML flow mappings): with one line of ``inputs``, the list
    is at line 16, column 9, and the test of tiers[0] starts at column 17."""
    return leaf("tiers:\n" + "".join(f"  - {line}\n" for line in lines), value=value,
                inputs=inputs)


# --- correct schemes are quiet -----------------------------------------------------------------


@pytest.mark.parametrize("path", [p for p in BUNDLED if "cases" not in p.parts],
                         ids=lambda p: p.name)
def test_bundled_schemes_pass_strict_check(capsys: pytest.CaptureFixture[str],
                                           path: Path) -> None:
    assert perfscore.check(path) == []
    code, out, err = run(capsys, "check", "--strict", path)
    assert (code, err) == (0, "")
    scheme = perfscore.load(path)
    assert out.startswith(f"{path}: ok ({scheme.id}@{scheme.edition}, ")


def test_the_leaf_of_these_tests_is_clean(tmp_path: Path) -> None:
    assert found(tmp_path, leaf("ratio", extra="    target: 1\n")) == []
    assert found(tmp_path, tiers('{if: ">= 1", points: 10}', "{else: 0}")) == []


# --- names and types -------------------------------------------------------------------------


def test_arithmetic_on_text(tmp_path: Path) -> None:
    body = leaf("formula: value", value="note * 2", inputs="note: {type: text}")
    assert found(tmp_path, body) == [
        ("error", 13, 13, "PS120", "`*` needs numbers, but `note` is text", None)]


def test_comparing_a_number_with_text(tmp_path: Path) -> None:
    body = tiers("{if: \"value == '10'\", points: 10}", "{else: 0}")
    assert found(tmp_path, body) == [
        ("error", 16, 26, "PS120", "`value` is a number and `'10'` is text: they are never equal",
         None)]


def test_ordering_a_choice(tmp_path: Path) -> None:
    body = tiers("{if: \"value > 'B'\", points: 10}", "{else: 0}",
                 inputs="a: {type: choice, options: [A, B]}")
    assert found(tmp_path, body) == [
        ("error", 16, 17, "PS120", "`>` compares numbers, but `value` is a choice", None)]


def test_a_choice_compared_with_a_word_it_never_takes(tmp_path: Path) -> None:
    body = tiers("{if: \"value == '达成'\", points: 10}", "{else: 0}",
                 inputs=f"a: {{type: choice, options: {LEVELS}}}")
    assert found(tmp_path, body) == [
        ("error", 16, 26, "PS121", "'达成' is not an option of 'a' (达成年度指标, "
         "部分达成年度指标并具有一定效果, 未达成年度指标且效果较差)",
         "did you mean '达成年度指标'?")]


def test_a_choice_tested_with_in(tmp_path: Path) -> None:
    body = leaf("checklist: {ok: 10}", value="1 if a in ('A', 'C') else 0",
                inputs="a: {type: choice, options: [A, B]}\n  ok: {type: bool}")
    assert found(tmp_path, body) == [
        ("error", 14, 29, "PS121", "'C' is not an option of 'a' (A, B)", None)]


def test_a_check_that_is_not_true_or_false(tmp_path: Path) -> None:
    body = leaf("formula: value") + "checks:\n  - {rule: a + 1, message: m}\n"
    assert found(tmp_path, body) == [
        ("error", 17, 12, "PS122", "a check rule must be true or false, but `a + 1` is a number",
         None)]


def test_a_tier_test_that_is_not_true_or_false(tmp_path: Path) -> None:
    body = tiers('{if: "value * 2", points: 10}', "{else: 0}")
    assert found(tmp_path, body) == [
        ("error", 16, 16, "PS122", "a tier test must be true or false, but `value * 2` is a "
         "number", None)]


def test_a_number_as_a_condition(tmp_path: Path) -> None:
    body = leaf("formula: value", value="1 if a else 0")
    assert found(tmp_path, body) == [
        ("error", 13, 18, "PS122", "the condition of `… if … else …` must be true or false, but "
         "`a` is a number", None)]


def test_a_ratio_of_text(tmp_path: Path) -> None:
    body = leaf("ratio", value="a", inputs="a: {type: text}", extra="    target: 1\n")
    assert found(tmp_path, body) == [
        ("error", 13, 12, "PS123", "`score: ratio` needs a number as `value`, but `a` is text",
         None)]


def test_levels_on_a_number(tmp_path: Path) -> None:
    body = leaf("levels: {A: 1}")
    assert found(tmp_path, body) == [
        ("error", 13, 12, "PS123", "`levels` needs a choice input as `value`, but `a` is a "
         "number", None)]


def test_levels_must_list_exactly_the_options(tmp_path: Path) -> None:
    body = leaf("levels: {达成年度指标: 1, 部分达成: 0.7}",
                inputs=f"a: {{type: choice, options: {LEVELS}}}")
    assert found(tmp_path, body) == [
        ("error", 15, 15, "PS124", "`levels` gives no fraction for 部分达成年度指标并具有一定效果, "
         "未达成年度指标且效果较差 (options of 'a')", None),
        ("error", 15, 27, "PS124", "'部分达成' is not an option of 'a' (达成年度指标, "
         "部分达成年度指标并具有一定效果, 未达成年度指标且效果较差)",
         "did you mean '部分达成年度指标并具有一定效果'?"),
    ]


def test_checklist_items_must_be_bool(tmp_path: Path) -> None:
    body = leaf("checklist: {done: 5, rules: 5}", value="done",
                inputs="done: {type: bool}\n  rules: {type: integer}")
    assert found(tmp_path, body) == [
        ("error", 16, 28, "PS125", "checklist item 'rules' must be a bool input, but it is a "
         "number", None)]


def test_checklist_item_that_does_not_exist(tmp_path: Path) -> None:
    body = leaf("checklist: {done: 5, dnoe: 5}", value="done", inputs="done: {type: bool}")
    assert found(tmp_path, body) == [
        ("error", 15, 28, "PS101", "checklist item 'dnoe' is not an input or let",
         "did you mean 'done'?")]


LIST_INPUT = "p: {type: list, of: {planned: {type: number}, started: {type: bool}}}"


def test_a_row_field_that_does_not_exist(tmp_path: Path) -> None:
    body = leaf("formula: value", value="sum(r.plannd for r in p)", inputs=LIST_INPUT)
    assert found(tmp_path, body) == [
        ("error", 13, 17, "PS104", "rows of 'p' have no field 'plannd'",
         "did you mean 'planned'?")]


def test_summing_rows_or_flags(tmp_path: Path) -> None:
    body = leaf("formula: value", value="sum(r.started for r in p)", inputs=LIST_INPUT)
    assert found(tmp_path, body) == [
        ("error", 13, 17, "PS126", "sum() needs numbers, but `r.started` is true/false", None)]


def test_generator_rows_are_typed(tmp_path: Path) -> None:
    body = leaf("formula: value", value="sum(r.planned for r in p if r.started)",
                inputs=LIST_INPUT)
    assert found(tmp_path, body) == []


def test_lets_that_form_a_cycle(tmp_path: Path) -> None:
    body = leaf("formula: value", value="c") + "let:\n  b: c + 1\n  c: a + b\n"
    assert found(tmp_path, body) == [
        ("error", 17, 6, "PS108", "lets form a cycle: b → c → b", None)]


def test_a_let_reading_itself(tmp_path: Path) -> None:
    body = leaf("formula: value", value="b") + "let:\n  b: b + a\n"
    assert found(tmp_path, body) == [("error", 17, 6, "PS108", "lets form a cycle: b → b", None)]


def test_let_types_carry_into_indicators(tmp_path: Path) -> None:
    body = leaf("formula: value", value="label + 1", inputs="a: {type: text}") + \
        "let:\n  label: a\n"
    assert found(tmp_path, body) == [
        ("error", 13, 13, "PS120", "`+` needs numbers, but `label` is text", None)]


# --- tiers -----------------------------------------------------------------------------------


def test_overlapping_tiers_name_both(tmp_path: Path) -> None:
    body = tiers('{if: "[0.8, 1]", points: 10}', '{if: "[0.7, 0.9)", points: 8}', "{else: 0}")
    assert found(tmp_path, body) == [
        ("error", 17, 16, "PS220",
         "tiers[0] `[0.8, 1]` and tiers[1] `[0.7, 0.9)` overlap on [0.8, 0.9)", None)]


def test_a_staircase_of_thresholds_is_not_an_overlap(tmp_path: Path) -> None:
    # published tables write "≥90% 10 分，≥80% 8 分": first match wins, as meant
    body = tiers('{if: ">= 0.9", points: 10}', '{if: ">= 0.8", points: 8}', "{else: 0}")
    assert found(tmp_path, body) == []
    rising = tiers('{if: "<= 0", points: 10}', '{if: "<= 0.1", points: 8}', "{else: 0}")
    assert found(tmp_path, rising) == []


def test_a_gap_between_tiers(tmp_path: Path) -> None:
    body = tiers('{if: ">= 0.9", points: 10}', '{if: "[0.6, 0.8)", points: 6}',
                 inputs="a: {type: percent, min: 0, max: 1}")
    assert found(tmp_path, body) == [
        ("warning", 16, 9, "PS221", "[0, 0.6) matches no tier", None),
        ("warning", 16, 9, "PS221", "[0.8, 0.9) matches no tier", None),
    ]


def test_gaps_of_a_whole_number_are_whole(tmp_path: Path) -> None:
    body = tiers('{if: "== 0", points: 10}', '{if: "== 1", points: 6}',
                 '{if: ">= 3", points: 0}', inputs="a: {type: integer, min: 0}")
    assert found(tmp_path, body) == [("warning", 16, 9, "PS221", "2 matches no tier", None)]
    no_gap = tiers('{if: "== 0", points: 10}', '{if: "[0.5, 1]", points: 6}',
                   '{if: ">= 2", points: 0}', inputs="a: {type: integer, min: 0}")
    assert found(tmp_path, no_gap) == []


def test_a_tier_covered_by_earlier_ones(tmp_path: Path) -> None:
    body = tiers('{if: ">= 0.9", points: 10}', '{if: "[0.5, 0.9)", points: 5}',
                 '{if: "[0.6, 0.95]", points: 7}', "{else: 0}")
    assert found(tmp_path, body) == [
        ("error", 18, 16, "PS222", "tiers[2] `[0.6, 0.95]` can never match: earlier tiers cover "
         "it (tiers[0], tiers[1])", None)]


def test_an_empty_tier(tmp_path: Path) -> None:
    body = tiers('{if: "[0.9, 0.8)", points: 10}', "{else: 0}")
    assert found(tmp_path, body) == [
        ("error", 16, 16, "PS222", "tiers[0] `[0.9, 0.8)` is empty: no value can match it", None)]


def test_points_that_rise_and_fall(tmp_path: Path) -> None:
    body = tiers('{if: ">= 0.9", points: 6}', '{if: "[0.5, 0.9)", points: 10}',
                 "{else: 0}", inputs="a: {type: percent, min: 0, max: 1}")
    assert found(tmp_path, body) == [
        ("warning", 16, 9, "PS223", "points are not monotone in the value: [0, 0.5) → 0; "
         "[0.5, 0.9) → 10; [0.9, 1] → 6", None)]


def test_a_tier_worth_more_than_its_indicator(tmp_path: Path) -> None:
    body = tiers('{if: ">= 0.9", points: 12}', "{else: 11}")
    assert found(tmp_path, body) == [
        ("error", 16, 34, "PS224", "tiers[0] gives 12 points, more than the indicator's 10",
         None),
        ("error", 17, 18, "PS224", "tiers[1] gives 11 points, more than the indicator's 10",
         None)]


def test_tiers_out_of_the_value_range(tmp_path: Path) -> None:
    body = tiers('{if: ">= 0.9", points: 10}', '{if: "< 0", points: 5}', "{else: 0}",
                 inputs="a: {type: percent, min: 0, max: 1}")
    assert found(tmp_path, body) == [
        ("warning", 17, 16, "PS225", "tiers[1] `< 0` lies outside the value's range [0, 1]",
         None)]


def test_an_else_that_never_applies(tmp_path: Path) -> None:
    body = tiers('{if: ">= 0.9", points: 10}', '{if: "< 0.9", points: 5}', "{else: 0}",
                 value="a / b", inputs="a: {type: number, min: 0}\n  b: {type: number, min: 0}")
    assert found(tmp_path, body) == [
        ("warning", 19, 11, "PS225", "`else` never applies: the tiers above cover the value's "
         "whole range [0, inf)", None)]


def test_a_ratio_of_non_negative_inputs_starts_at_zero(tmp_path: Path) -> None:
    inputs = "a: {type: integer, min: 0}\n  b: {type: integer, min: 0}"
    body = tiers('{if: ">= 0.95", points: 10}', '{if: "[0, 0.95)", points: 5}',
                 value="a / b", inputs=inputs)
    assert found(tmp_path, body) == []
    unbounded = tiers('{if: ">= 0.95", points: 10}', '{if: "[0, 0.95)", points: 5}',
                      value="a - b", inputs=inputs)
    assert found(tmp_path, unbounded) == [
        ("warning", 17, 9, "PS221", "(-inf, -1] matches no tier", None)]  # whole numbers


@pytest.mark.parametrize("value", ["round(a / b, 4)", "clamp(a - b, 0, 1)", "max(a, b) * 2",
                                   "sum(r.x for r in p) / a", "coalesce(a / b, 0)"])
def test_value_ranges_follow_the_arithmetic(tmp_path: Path, value: str) -> None:
    inputs = ("a: {type: number, min: 0}\n  b: {type: number, min: 0}\n"
              "  p: {type: list, of: {x: {type: number, min: 0}}}")
    body = tiers('{if: ">= 0.95", points: 10}', '{if: "[0, 0.95)", points: 5}', value=value,
                 inputs=inputs)
    assert [f for f in found(tmp_path, body) if f[3] != "PS230"] == []  # no gap below 0


def test_tiers_with_boolean_tests_are_not_laid_on_a_line(tmp_path: Path) -> None:
    body = tiers('{if: "value >= 0.9", points: 10}', '{if: ">= 0.8", points: 8}')
    assert found(tmp_path, body) == []


# --- linear, deduct, targets -----------------------------------------------------------------


def test_linear_breakpoints_must_ascend(tmp_path: Path) -> None:
    body = leaf("linear: [[0.5, 10], [0.5, 0]]")
    assert found(tmp_path, body) == [
        ("error", 15, 15, "PS214", "`linear` breakpoints must be strictly ascending in value",
         None)]


def test_linear_points_within_the_indicator(tmp_path: Path) -> None:
    body = leaf("linear: [[0.5, 0], [1, 12]]")
    assert found(tmp_path, body) == [
        ("error", 15, 26, "PS215", "breakpoint [1, 12] gives more than the indicator's 10 points",
         None)]


def test_deduct_step_must_be_positive(tmp_path: Path) -> None:
    body = leaf("deduct: {above: 1, per: 0, points: 1}")
    assert found(tmp_path, body) == [
        ("error", 15, 31, "PS012", "Input should be greater than 0", None)]


def test_deduct_needs_one_side(tmp_path: Path) -> None:
    body = leaf("deduct: {above: 1, below: 0, per: 0.01, points: 1}")
    assert found(tmp_path, body) == [
        ("error", 15, 15, "PS012", "give exactly one of `above` and `below`", None)]


def test_ratio_needs_a_target(tmp_path: Path) -> None:
    assert found(tmp_path, leaf("ratio")) == [
        ("error", 15, 7, "PS216", "`score: ratio` needs a `target`", None)]


def test_a_constant_target_that_cannot_be_met(tmp_path: Path) -> None:
    body = leaf("ratio", extra="    target: 0\n")
    assert found(tmp_path, body) == [
        ("error", 16, 13, "PS218", "`score: ratio` with the constant target 0 is never assessed: "
         "a target must be above 0", None)]
    body = leaf("reverse", extra="    target: -1\n")
    assert found(tmp_path, body) == [
        ("error", 16, 13, "PS218", "`score: reverse` with the constant target -1 is never "
         "assessed: a target must not be negative", None)]


def test_a_ratio_cap_above_1_does_nothing(tmp_path: Path) -> None:
    body = leaf("ratio:\n  cap: 1.2", extra="    target: 1\n")
    assert found(tmp_path, body) == [
        ("warning", 16, 14, "PS219", "`cap: 1.2` has no effect: an indicator never scores "
         "above its points; reward over-achievement with a separate `kind: bonus` indicator",
         None)]
    assert found(tmp_path, leaf("ratio:\n  cap: 0.9", extra="    target: 1\n")) == []


# --- weights and grades ----------------------------------------------------------------------

TREE = """\
settings: {total: 100}
inputs:
  a: {type: number}
indicators:
  - id: output
    name: 产出
    points: 60
    children:
      - {id: x, name: X, points: 30, value: a, target: 1, score: ratio}
      - {id: y, name: Y, points: 20, value: a, target: 2, score: ratio}
  - {id: bonus, name: B, points: 5, kind: bonus, value: a, target: 3, score: ratio}
"""


def test_a_branch_must_sum_its_children(tmp_path: Path) -> None:
    assert found(tmp_path, TREE) == [
        ("error", 12, 13, "PS210", "branch 'output' declares 60 points but its children sum to "
         "50", None)]


def test_the_base_total_is_the_schemes_total(tmp_path: Path) -> None:
    # the bonus item counts in neither the branch nor the total
    body = TREE.replace("points: 60", "points: 50")
    assert found(tmp_path, body) == [
        ("warning", 6, 19, "PS211", "the base indicators add up to 50 points, but the scheme's "
         "full points (settings.total) are 100", None)]
    assert found(tmp_path, body.replace("total: 100", "total: 50")) == []


def test_grades_strictly_descending_down_to_zero(tmp_path: Path) -> None:
    body = leaf("ratio", extra="    target: 1\ngrades:\n  - {min: 60, label: 好}\n"
                               "  - {min: 80, label: 优}\n  - {min: 10, label: 差}\n")
    assert found(tmp_path, body) == [
        ("error", 19, 11, "PS212", "grades must be listed highest first, with strictly "
         "descending `min`", None),
        ("error", 20, 11, "PS213", "the lowest grade starts at 10, so a total below it has no "
         "grade; give the lowest grade `min: 0`", None),
    ]


# --- unused and constant ---------------------------------------------------------------------


def test_unused_input_and_let(tmp_path: Path) -> None:
    body = leaf("formula: value", inputs="a: {type: number}\n  spare: {type: text}") + \
        "let:\n  half: a / 2\n"
    assert found(tmp_path, body) == [
        ("warning", 9, 3, "PS230", "input 'spare' is not used by any let, check or indicator",
         None),
        ("warning", 18, 3, "PS231", "let 'half' is not used", None),
    ]


def test_an_indicator_with_a_constant_value(tmp_path: Path) -> None:
    body = leaf("formula: value", value="7") + "checks:\n  - {rule: a > 0, message: m}\n"
    assert found(tmp_path, body) == [
        ("warning", 13, 12, "PS232", "indicator 'x' has the constant value `7`: every record "
         "scores the same", None)]


# --- the command line ------------------------------------------------------------------------


def test_strict_turns_warnings_into_failures(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    inputs = "a: {type: number}\n  spare: {type: text}"
    path = write(tmp_path, leaf("formula: value", inputs=inputs))
    warning = f"{path}:9:3: warning: input 'spare' is not used by any let, check or indicator"
    assert run(capsys, "check", path) == (
        0, f"{path}: ok (t.authoring@2024, 1 indicators, 2 inputs, 1 warning)\n", warning + "\n")
    assert run(capsys, "check", "--strict", path) == (2, "", warning + "\n")


def test_json_diagnostics(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, tiers('{if: ">= 0.9", points: 12}', "{else: 0}"))
    code, out, err = run(capsys, "check", "--format", "json", path)
    assert (code, err) == (2, "")
    assert json.loads(out) == [
        {"file": str(path), "line": 16, "column": 34, "severity": "error", "code": "PS224",
         "message": "tiers[0] gives 12 points, more than the indicator's 10", "suggestion": None,
         "where": "x"}]


def test_a_missing_file_is_one_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    (diagnostic,) = perfscore.check(missing)
    assert (diagnostic.severity, diagnostic.code, diagnostic.describe()) == (
        "error", "PS001", f"{missing}: error: 无法读取文件：No such file or directory")


# --- language --------------------------------------------------------------------------------

ZH_HEAD = HEAD.replace("locale: en\n", "locale: zh-CN\n")


def test_a_chinese_scheme_speaks_chinese(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    body = tiers("{if: \"value == '达成'\", points: 10}", "{else: 0}",
                 inputs=f"a: {{type: choice, options: {LEVELS}}}")
    assert found(tmp_path, body, head=ZH_HEAD) == [
        ("error", 16, 26, "PS121", "「达成」不是「a」的选项（达成年度指标、"
         "部分达成年度指标并具有一定效果、未达成年度指标且效果较差）",
         "是否应为「达成年度指标」？")]
    path = tmp_path / "s.yaml"
    code, out, err = run(capsys, "check", path)
    assert (code, out, err) == (2, "", f"{path}:16:26: error: 「达成」不是「a」的选项（"
                                       "达成年度指标、部分达成年度指标并具有一定效果、"
                                       "未达成年度指标且效果较差） (是否应为「达成年度指标」？)\n")
    code, out, err = run(capsys, "check", "--lang", "en", path)
    assert (code, out, err) == (2, "", f"{path}:16:26: error: '达成' is not an option of 'a' "
                                       "(达成年度指标, 部分达成年度指标并具有一定效果, "
                                       "未达成年度指标且效果较差) (did you mean '达成年度指标'?)\n")


def test_warnings_and_format_errors_are_translated_too(tmp_path: Path) -> None:
    body = tiers('{if: ">= 0.9", points: 10}', inputs="a: {type: percent, min: 0, max: 1}")
    assert found(tmp_path, body, head=ZH_HEAD) == [
        ("warning", 16, 9, "PS221", "[0, 0.9) 不落在任何档次", None)]
    assert found(tmp_path, "lcoale: en\n" + body, head=ZH_HEAD) == [
        ("error", 6, 1, "PS011", "未知的键「lcoale」", "是否应为「locale」？")]
    assert found(tmp_path, body, head=ZH_HEAD.replace("title: T\n", "")) == [
        ("error", 1, 1, "PS012", "缺少必填的键「title」", None)]


def test_a_scheme_that_does_not_parse_speaks_the_default_language(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("perfscore: 1\nid: [a\n", encoding="utf-8")
    (diagnostic,) = perfscore.check(path)
    # PyYAML's own words have no translation; perfscore's around them do
    assert diagnostic.message.startswith("YAML 语法错误：expected ")


# --- the JSON Schema of scheme files ---------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = perfscore.format_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def read(path: Path) -> Any:
    """The file's data as an editor's YAML reader gives it to the schema: numbers as floats
    (``perfscore: 1.1`` is the schema's 1.1, which a Decimal is not equal to)."""
    data = parse(path.read_text(encoding="utf-8"), str(path), SchemeError).data
    return json.loads(json.dumps(data, default=float))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_bundled_scheme_validates(validator: jsonschema.protocols.Validator,
                                        path: Path) -> None:
    data = read(path)
    if isinstance(data, list):  # a file of worked cases, not a scheme
        return
    assert [e.message for e in validator.iter_errors(data)] == []


def test_the_schema_catches_what_the_models_catch(
        validator: jsonschema.protocols.Validator) -> None:
    full = read(ROOT / "rules" / "changning" / "key-projects-2023.yaml")
    full["inputs"]["key_projects"]["lable"] = "x"
    assert [e.message for e in validator.iter_errors(full)] == [
        "Additional properties are not allowed ('lable' was unexpected)"]
    partial = read(ROOT / "rules" / "changning" / "key-projects-2024.yaml")
    assert list(validator.iter_errors(partial)) == []
    del partial["extends"]  # no longer an edition: a full scheme needs its id, inputs, names…
    messages = sorted(e.message for e in validator.iter_errors(partial))
    assert "'id' is a required property" in messages
    assert "'name' is a required property" in messages


def test_schema_command_prints_the_format_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "schema", "--file-format", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == perfscore.format_schema()
