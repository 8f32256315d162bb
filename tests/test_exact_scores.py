"""Scores a user would see change: points as exact text ("6.67", never "-0.00"), the numbers
and units of each explanation, the messages of rejected records and scheme failures, and the
rule paths `perfscore test --coverage` reports.

Each test here kills a mutant of the scoring core that the rest of the suite let through
(docs/design.md, "Mutation testing"): a wrong formula that happened to agree at t = 1, a unit
dropped from the text, a message replaced by a generic one.
"""

from __future__ import annotations

import decimal
import json
import re
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

import perfscore
from tests.conftest import run

D = Decimal

SCHEME = """\
perfscore: 1
id: test.exact
edition: 2024
title: t
settings: {total: 15%(settings)s}
inputs:
  a: {type: number}
  t: {type: number}
  s: {type: text, required: false}
  b: {type: bool, required: false, label: 制度健全}
  c: {type: bool, required: false, label: 档案完整}
let:
  m: b if a > 0 else 1
indicators:
  - {id: x, name: X, points: 10, %(x)s}
  - {id: y, name: Y, points: 5, score: {formula: points}}
"""
"""Leaf ``x`` (10 points) as the test writes it, and ``y``, always its full 5 points."""


def scheme(x: str, settings: str = "") -> perfscore.Scheme:
    return perfscore.loads(SCHEME % {"x": x, "settings": settings}, file="s.yaml")


def item(x: str, **record: object) -> perfscore.Item:
    return scheme(x).score({"t": 1, **record})["x"]


# --- reverse, variant inverse, with a target other than 1 --------------------------------------


@pytest.mark.parametrize(
    ("a", "t", "points", "over"),
    [
        ("3", "2", "6.67", "50%"),  # 10 × 2 ÷ 3 = 6.666…
        ("2.2", "2", "9.09", "10%"),  # 10 × 2 ÷ 2.2 = 9.0909…
        ("8", "2", "2.50", "300%"),
        ("4", "2", "5.00", "100%"),  # twice the target: half the points, no cut-off
        ("1200", "800", "6.67", "50%"),
    ],
)
def test_reverse_inverse_with_target_other_than_one(a: str, t: str, points: str,
                                                     over: str) -> None:
    x = item("value: a, target: t, unit: 元, score: {reverse: {variant: inverse}}", a=a, t=t)
    assert str(x.points) == points
    assert x.rule == "reverse.inverse"
    shown = points.rstrip("0").rstrip(".")
    assert x.explain() == (f"X {a} 元，高于年度指标值 {t} 元，超出 {over}，"
                           f"得 {shown} 分（满分 10 分）。")
    assert x.explain("en") == (f"X is {a} 元, above the target of {t} 元 by {over}: "
                               f"{shown} of 10 points.")


@pytest.mark.parametrize(
    ("a", "t", "points", "over"),
    [
        ("3", "2", "5.00", "50%"),  # 10 × (1 − 0.5)
        ("2.5", "2", "7.50", "25%"),
        ("4", "2", "0.00", "100%"),  # 2t: nothing left
        ("2", "2", "10", None),  # at the target: full points
    ],
)
def test_reverse_linear_with_target_other_than_one(a: str, t: str, points: str,
                                                    over: str | None) -> None:
    x = item("value: a, target: t, score: reverse", a=a, t=t)
    assert str(x.points) == points
    shown = points.rstrip("0").rstrip(".") if "." in points else points
    if over is None:
        assert x.explain() == f"X {a}，不高于年度指标值 {t}，得满分 10 分。"
    else:
        assert x.explain() == (f"X {a}，高于年度指标值 {t}，超出 {over}，"
                               f"得 {shown or '0'} 分（满分 10 分）。")


# --- ratio with a cap below 1 ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "t", "points"),
    [
        ("2", "2", "9.00"),  # at the target: the cap, not the full 10
        ("5", "2", "9.00"),  # far above
        ("1.8", "2", "9.00"),  # exactly the cap's share
        ("1.78", "2", "8.90"),  # just below it
        ("1", "2", "5.00"),
        ("0", "2", "0.00"),
    ],
)
def test_ratio_with_a_cap_below_one(a: str, t: str, points: str) -> None:
    x = item("value: a, target: t, score: {ratio: {cap: 0.9}}", a=a, t=t)
    assert str(x.points) == points
    assert x.lost == D(10) - D(points)


def test_ratio_cap_explanation_says_the_share_and_the_capped_points() -> None:
    x = item("value: a, target: t, unit: 亿元, score: {ratio: {cap: 0.9}}", a="104.5", t="106.1")
    assert x.explain() == ("X 104.5 亿元，年度指标值 106.1 亿元，完成率 98.49%，"
                           "得 9 分（满分 10 分）。")
    assert x.explain("en") == (
        "X is 104.5 亿元 against a target of 106.1 亿元 (98.49% of it): 9 of 10 points.")


# --- checklist with an input left out ----------------------------------------------------------

CHECKLIST = "score: {checklist: {b: 6, c: 4}}"


def test_checklist_with_an_absent_input_is_not_assessed_and_rescaled() -> None:
    result = scheme(CHECKLIST).score({"a": 1, "t": 1, "b": True})
    x = result["x"]
    assert (x.status, x.points, x.lost) == ("not_assessed", None, None)
    assert x.explain() == "X：未填报「档案完整」，不参与评分，总分按已评指标折算。"
    assert str(result.total) == "15.00"  # Y's 5 of 5, rescaled to 15
    assert [w.code for w in result.warnings] == ["not_assessed", "rescaled"]


def test_checklist_with_an_absent_input_under_missing_zero() -> None:
    result = scheme(CHECKLIST, ", missing: zero").score({"a": 1, "t": 1, "c": True})
    x = result["x"]
    assert (x.status, str(x.points), x.lost) == ("not_assessed", "0", D(10))
    assert x.explain() == "X：未填报「制度健全」，按 0 分计。"
    assert str(result.total) == "5.00"


def test_checklist_with_an_absent_input_under_missing_error() -> None:
    with pytest.raises(perfscore.RecordError,
                       match=r"^perfscore: error: X：未填报「制度健全」，该指标不得缺失，"
                             r"予以退回。$") as caught:
        scheme(CHECKLIST, ", missing: error").score({"a": 1, "t": 1})
    assert [(e.code, e.where) for e in caught.value.errors] == [("PS303", "x")]


def test_checklist_with_every_input_given() -> None:
    result = scheme(CHECKLIST).score({"a": 1, "t": 1, "b": False, "c": True})
    assert str(result["x"].points) == "4.00"
    assert result["x"].explain() == (
        "X：共 2 项，满足 1 项（②档案完整），未满足 1 项（①制度健全），得 4 分（满分 10 分）。")
    assert str(result.total) == "9.00"


# --- units and reasons in explanations ---------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "a", "text"),
    [
        ("value: a, target: t, unit: 亿元, score: ratio", "104.5",
         "X 104.5 亿元，年度指标值 106.1 亿元，完成率 98.49%，得 9.85 分（满分 10 分）。"),
        ("value: a, target: t, unit: 亿元, score: reverse", "116.71",
         "X 116.71 亿元，高于年度指标值 106.1 亿元，超出 10%，得 9 分（满分 10 分）。"),
        ("value: a, target: t, unit: 亿元, score: reverse", "100",
         "X 100 亿元，不高于年度指标值 106.1 亿元，得满分 10 分。"),
        ("value: a, unit: 人次, score: {tiers: [{if: '>= 110', points: 10}, {else: 2}]}", "95.5",
         "X 95.5 人次，未达到以上各档，得 2 分（满分 10 分）。"
         "再提高 14.5 人次可达到 ≥110 人次档，可多得 8 分。"),
        ("value: a, unit: 亿元, score: {deduct: {above: 100, per: 5, points: 1}}", "112",
         "X 112 亿元，高于 100 亿元 12 亿元，每 5 亿元扣 1 分，共扣 2.4 分，"
         "得 7.6 分（满分 10 分）。"),
        ("value: a, unit: 亿元, score: {linear: [[100, 0], [200, 10]]}", "150.254",
         "X 150.25 亿元，在 100 亿元（0 分）至 200 亿元（10 分）之间按比例计分，"
         "得 5.03 分（满分 10 分）。"),
    ],
)
def test_units_other_than_percent_are_shown(x: str, a: str, text: str) -> None:
    assert item(x, a=a, t="106.1").explain() == text


def test_explain_template_shows_the_unit() -> None:
    x = item("value: a, target: t, unit: 万元, score: ratio, "
             "explain: '{name} 完成 {value}，目标 {target}'", a="88.8", t="100")
    assert x.explain() == "X 完成 88.8 万元，目标 100 万元"


@pytest.mark.parametrize("method", ["reverse", "{reverse: {variant: inverse}}", "equal"])
def test_negative_target_reason(method: str) -> None:
    result = scheme(f"value: a, target: t, score: {method}").score({"a": 1, "t": "-0.01"})
    x = result["x"]
    assert (x.status, x.points) == ("not_assessed", None)
    assert x.explain() == "X：年度指标值为负数，不参与评分，总分按已评指标折算。"
    assert x.explain("en") == "X: the target is negative; left out; the total is rescaled."
    assert str(result.total) == "15.00"


def test_negative_target_reason_under_missing_zero() -> None:
    x = scheme("value: a, target: t, score: equal, missing: zero").score({"a": 1, "t": -2})["x"]
    assert (x.status, str(x.points)) == ("not_assessed", "0")
    assert x.explain() == "X：年度指标值为负数，按 0 分计。"


# --- equal: explanations -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "t", "points", "zh", "en"),
    [
        ("0", "0", "10", "X 0 次，年度指标值为 0，实际完成值不高于 0，得满分 10 分。",
         "X is 0 次 against a target of 0: full 10 points."),
        ("2", "0", "0.00", "X 2 次，年度指标值为 0，实际完成值高于 0，得 0 分（满分 10 分）。",
         "X is 2 次 against a target of 0: 0 of 10 points."),
        ("3", "4", "7.50", "X 3 次，年度指标值 4 次，完成率 75%，得 7.5 分（满分 10 分）。",
         "X is 3 次 against a target of 4 次 (75% of it): 7.5 of 10 points."),
        ("5", "4", "10", "X 5 次，达到年度指标值 4 次，得满分 10 分。",
         "X is 5 次, meeting the target of 4 次: full 10 points."),
    ],
)
def test_equal_explanations(a: str, t: str, points: str, zh: str, en: str) -> None:
    x = item("value: a, target: t, unit: 次, score: equal", a=a, t=t)
    assert str(x.points) == points
    assert (x.explain(), x.explain("en")) == (zh, en)


# --- failures that are the scheme's fault, with their message ----------------------------------


@pytest.mark.parametrize(
    ("x", "record", "message"),
    [
        ("value: 'a if b else s', target: t, score: ratio", {"b": False},
         "value needs a number, got text 'q'"),
        ("value: 'a if b else s', target: t, score: reverse", {"b": False},
         "value needs a number, got text 'q'"),
        ("value: 'a if b else s', target: t, score: equal", {"b": False},
         "value needs a number, got text 'q'"),
        ("value: 'a if b else s', score: {deduct: {above: 1, per: 1, points: 1}}", {"b": False},
         "value needs a number, got text 'q'"),
        ("value: 'a if b else s', score: {linear: [[0, 0], [1, 10]]}", {"b": False},
         "value needs a number, got text 'q'"),
        ("value: 'a if b else s', score: {tiers: [{if: '>= 1', points: 1}]}", {"b": False},
         "a tier test needs a number, got text 'q'"),
        ("value: a, target: 's if b else 1', score: ratio", {"b": True},
         "target needs a number, got text 'q'"),
        ("value: a, target: 'None if b else 1', score: ratio", {"b": True},
         "this method needs a `target`"),
        ("value: a, score: {formula: 'a if b else s'}", {"b": False},
         "formula needs a number, got text 'q'"),
        ("value: a, score: {tiers: [{if: 'b if a > 0 else a', points: 1}]}", {"a": -1},
         "tier test `b if a > 0 else a` must be true or false"),
        ("score: {checklist: {m: 5, c: 5}}", {"b": True, "a": -1, "c": True},
         "checklist item 'm' must be true or false"),
    ],
)
def test_scheme_failures_at_scoring_name_what_failed(x: str, record: dict[str, object],
                                                     message: str) -> None:
    with pytest.raises(perfscore.EvaluationError) as caught:
        scheme(x).score({"a": 1, "t": 1, "s": "q", **record})
    assert str(caught.value) == f"s.yaml:15: error: indicator 'x': {message}"


def test_scheme_failure_at_scoring_exits_2(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SCHEME % {"x": "value: 'a if b else s', target: t, score: ratio",
                              "settings": ""}, "utf-8")
    record = tmp_path / "r.yaml"
    record.write_text("a: 1\nt: 1\ns: q\nb: false\n", "utf-8")
    code, out, err = run(capsys, "score", path, record)
    assert (code, out) == (2, "")
    # the scheme's Chinese around the method's own words
    assert err == f"{path}:15: error: 指标「x」：value needs a number, got text 'q'\n"


# --- the total: never below 0, penalties never -0.00 -------------------------------------------

KINDS = """\
perfscore: 1
id: test.kinds
edition: 2024
title: t
inputs:
  a: {type: number}
  c: {type: number}
indicators:
  - {id: base, name: 基础, points: 100, value: a, score: {formula: value}}
  - {id: fine, name: 违规扣分, kind: penalty, points: 10, value: c, score: {formula: value}}
grades:
  - {min: 60, label: 合格}
  - {min: 0, label: 不合格}
"""


@pytest.mark.parametrize(
    ("a", "c", "fine", "total"),
    [
        ("2", "5", "-5.00", "0.00"),  # the penalty exceeds the base score: 0, not -3
        ("0", "10", "-10", "0.00"),
        ("5", "5", "-5.00", "0.00"),  # exactly used up
        ("5.01", "5", "-5.00", "0.01"),  # just above
        ("4.99", "5", "-5.00", "0.00"),  # just below: clamped
    ],
)
def test_total_never_goes_below_zero(a: str, c: str, fine: str, total: str) -> None:
    result = perfscore.loads(KINDS).score({"a": a, "c": c})
    assert str(result["fine"].points) == fine
    assert str(result.total) == total
    assert not result.total.is_signed()
    assert result.grade == "不合格"


def test_total_clamped_at_zero_in_json(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    path = tmp_path / "kinds.yaml"
    path.write_text(KINDS, "utf-8")
    record = tmp_path / "r.yaml"
    record.write_text("a: 2\nc: 5\n", "utf-8")
    code, out, _ = run(capsys, "score", path, record, "--format", "json")
    data = json.loads(out)
    assert (code, data["total"], data["grade"]) == (0, 0, "不合格")
    assert [i["points"] for i in data["items"]] == [2, -5]


@pytest.mark.parametrize(
    ("c", "points", "lost"),
    [
        ("0", "0.00", "0.00"),  # no penalty: 0.00, not -0.00
        ("0.004", "0.00", "0.00"),  # rounds to nothing: 0.00, not -0.00
        ("-3", "0.00", "0.00"),  # a negative amount takes nothing off
        ("0.005", "-0.01", "0.01"),
    ],
)
def test_penalty_of_nothing_is_not_negative_zero(c: str, points: str, lost: str) -> None:
    result = perfscore.loads(KINDS).score({"a": "90", "c": c})
    fine = result["fine"]
    assert fine.points is not None and fine.lost is not None
    assert (str(fine.points), str(fine.lost)) == (points, lost)
    assert fine.points.is_signed() == points.startswith("-")
    assert not fine.lost.is_signed()
    assert not result.total.is_signed()
    assert json.loads(result.to_json())["items"][1]["points"] == float(points)


def test_penalty_of_nothing_in_explanation() -> None:
    fine = perfscore.loads(KINDS).score({"a": "90", "c": "0.004"})["fine"]
    assert fine.explain() == "违规扣分按评分公式计算为 0，扣 0 分（最多扣 10 分）。"


# --- numbers as explanations show them ---------------------------------------------------------


def test_negative_zero_is_shown_as_zero() -> None:
    x = item("value: a, score: {formula: value}", a="-0.001")
    assert str(x.points) == "0.00"
    assert x.explain() == "X按评分公式计算为 0，得 0 分（满分 10 分）。"


@pytest.mark.parametrize(
    ("value", "a", "shown"),
    [
        ("a * 100000000", "1000000000000000000", "1" + "0" * 26),  # 1E+26: no decimals to round
        ("a * 10000000", "1000000000000000000", "1" + "0" * 25),  # 1E+25
        ("a * 1000000000000000000 * 1000000000000000000 * 10000", "1",
         "1" + "0" * 40),  # 1E+40, the largest a value may be
        ("a * 1000000000000000000 * 1000000000000000000 * 1000", "9.5", "95" + "0" * 38),
        ("a * 123.456 * 1000000000000000000 * 1000000000", "1", "123456" + "0" * 24),
    ],
)
def test_large_values_are_shown_in_full(value: str, a: str, shown: str) -> None:
    x = item(f"value: '{value}', score: {{formula: '1'}}, explain: '{{value}}'", a=a)
    assert x.explain() == shown


def test_points_written_with_an_exponent_are_shown_plainly() -> None:
    result = perfscore.loads(SCHEME.replace("points: 10", "points: 1e1")
                             % {"x": "value: a, target: t, score: ratio", "settings": ""}
                             ).score({"a": "0.5", "t": 1})
    assert result["x"].explain() == "X 0.5，年度指标值 1，完成率 50%，得 5 分（满分 10 分）。"
    full = perfscore.loads(SCHEME.replace("points: 10", "points: 1e1")
                           % {"x": "value: a, target: t, score: ratio", "settings": ""}
                           ).score({"a": 1, "t": 1})["x"]
    assert full.explain() == "X 1，达到年度指标值 1，得满分 10 分。"


def test_explanations_do_not_depend_on_the_callers_decimal_context() -> None:
    x = item("value: a / t, unit: percent, score: {tiers: [{if: '>= 0.95', points: 10}, "
             "{if: '>= 0.85', points: 8}]}", a=37, t=43)
    y = item("value: 'a * 123.456 * 1000000000000000000 * 1000000000', "
             "score: {formula: '1'}, explain: '{value}'", a="1")
    expected = x.explain(), y.explain()
    with decimal.localcontext(decimal.Context(prec=3)):
        assert (x.explain(), y.explain()) == expected
    assert expected == ("X 86.05%，处于 ≥85% 档，得 8 分（满分 10 分）。"
                        "再提高 8.95 个百分点可达到 ≥95% 档，可多得 2 分。", "123456" + "0" * 24)


def test_a_stream_scores_in_its_own_context_and_leaves_the_callers_alone() -> None:
    """``score_many`` enters perfscore's decimal context for each record, not across a yield:
    the caller's low precision changes no score, and the caller's code between records runs
    in the caller's context."""
    s = scheme("value: a, target: t, score: ratio")
    records = [{"a": a, "t": 3} for a in ("1", "2", "2.5")]
    expected = [s.score(r).total for r in records]
    seen = []
    with decimal.localcontext(decimal.Context(prec=3)) as mine:
        for outcome in s.score_many(records):
            assert isinstance(outcome, perfscore.Result)
            seen.append(outcome.total)
            assert decimal.getcontext() is mine
            assert D(1) / D(3) == D("0.333")
    assert seen == expected == [D("8.33"), D("11.67"), D("13.33")]


# --- record numbers at their limits ------------------------------------------------------------

OUT_OF_RANGE = "a: 超出允许的数值范围（最多 28 位有效数字，绝对值在 1e-18 到 1e19 之间）"


@pytest.mark.parametrize(
    "a",
    [D("1234567890.123456789012345678"), D("999999999999999999.9999999999"), D("1E+18"),
     D("-1E+18"), D("1E-18"), D("9.99E+18")],
)
def test_record_number_within_the_limits_is_scored(a: Decimal) -> None:
    x = scheme("value: a, score: {formula: '1'}").score({"a": a, "t": 1})["x"]
    assert x.value == a


@pytest.mark.parametrize(
    "a", [D("1234567890.1234567890123456789"), D("1E+19"), D("-1E+19"), D("1E-19"),
          D("99999999999999999999")])
def test_record_number_beyond_the_limits_is_rejected(a: Decimal) -> None:
    with pytest.raises(perfscore.RecordError,
                       match=f"^perfscore: error: {re.escape(OUT_OF_RANGE)}$"):
        scheme("value: a, score: {formula: '1'}").score({"a": a, "t": 1})


@pytest.mark.parametrize("a", [D("NaN"), D("Infinity"), D("-Infinity"), D("sNaN")])
def test_record_number_not_finite_is_rejected(a: Decimal) -> None:
    with pytest.raises(perfscore.RecordError, match=r"^perfscore: error: a: 必须是有限的数值$"):
        scheme("value: a, score: {formula: '1'}").score({"a": a, "t": 1})


# --- rule paths that `perfscore test --coverage` reports ---------------------------------------


def coverage_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path, x: str,
                   values: list[str]) -> list[str]:
    """The 'not covered' lines for leaf ``x`` after cases with these values of ``a``."""
    cases = "".join(f"  - name: a={v}\n    input: {{a: {v}, t: 1}}\n"
                    "    expect: {items: {y: 5}}\n" for v in values)
    path = tmp_path / "s.yaml"
    path.write_text(SCHEME % {"x": x, "settings": ""} + "cases:\n" + cases, "utf-8")
    code, out, _ = run(capsys, "test", path, "--coverage")
    assert code == 0
    return [line.split(": ", 2)[2] for line in out.splitlines()
            if line.startswith("  not covered:") and ": x" in line]


@pytest.mark.parametrize(
    ("values", "uncovered"),
    [
        (["1"], ["x linear[1]", "x linear[2]", "x linear[3]"]),  # on the first breakpoint
        (["0.5"], ["x linear[1]", "x linear[2]", "x linear[3]"]),
        (["1.5"], ["x linear[0]", "x linear[2]", "x linear[3]"]),
        (["2"], ["x linear[0]", "x linear[2]", "x linear[3]"]),  # on the middle one
        (["2.5"], ["x linear[0]", "x linear[1]", "x linear[3]"]),
        (["4"], ["x linear[0]", "x linear[1]", "x linear[3]"]),  # on the last one
        (["4.01"], ["x linear[0]", "x linear[1]", "x linear[2]"]),
    ],
)
def test_linear_segment_of_a_value_on_a_breakpoint(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path, values: list[str],
                                                   uncovered: list[str]) -> None:
    lines = coverage_lines(capsys, tmp_path, "value: a, score: {linear: [[1, 0], [2, 5], [4, 10]]}",
                           values)
    labels = {"x linear[0]": "x: at or below the first breakpoint 1",
              "x linear[1]": "x: between 1 and 2", "x linear[2]": "x: between 2 and 4",
              "x linear[3]": "x: above the last breakpoint 4"}
    assert lines == [labels[k] for k in uncovered]


@pytest.mark.parametrize(
    ("values", "uncovered"),
    [
        (["3"], ["x: above 3 (deducted)", "x: deduction reaches its maximum"]),
        (["3.5"], ["x: at or below 3 (nothing deducted)", "x: deduction reaches its maximum"]),
        (["6"], ["x: at or below 3 (nothing deducted)"]),  # 3 steps of 2: capped at 6
        (["3", "5.99"], ["x: deduction reaches its maximum"]),
    ],
)
def test_deduct_paths(capsys: pytest.CaptureFixture[str], tmp_path: Path, values: list[str],
                      uncovered: list[str]) -> None:
    lines = coverage_lines(capsys, tmp_path,
                           "value: a, score: {deduct: {above: 3, per: 1, points: 2, max: 6}}",
                           values)
    assert lines == uncovered


def test_equal_zero_target_paths(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cases = textwrap.dedent("""\
        cases:
          - {name: met, input: {a: 0, t: 0}, expect: {items: {x: 10}}}
          - {name: above, input: {a: 2, t: 1}, expect: {items: {x: 10}}}
        """)
    path = tmp_path / "s.yaml"
    path.write_text(SCHEME % {"x": "value: a, target: t, score: equal", "settings": ""} + cases,
                    "utf-8")
    code, out, _ = run(capsys, "test", path, "--coverage")
    assert code == 0
    assert [line.split(": ", 2)[2] for line in out.splitlines()
            if line.startswith("  not covered:") and ": x" in line] == [
        "x: below target", "x: target 0, value above 0", "x: not assessed"]


# --- totals: rescaling, nothing assessable, flags, grades --------------------------------------

TOTALS = """\
perfscore: 1
id: test.totals
edition: 2024
title: 合计
locale: %s
settings: {missing: exclude, rounding: {places: 2, mode: down}}
inputs:
  a: {type: number, required: false}
  b: {type: number, required: false}
  c: {type: number, required: false}
checks:
  - {rule: a >= 0, message: 甲不能为负}
indicators:
  - {id: x, name: X, points: 1, value: a, target: 1, score: ratio, review: {over_target: 2}}
  - {id: z, name: Z, points: 2, value: c, target: 1, score: ratio, review: {over_target: 2}}
  - {id: y, name: Y, points: 97, value: b, target: 3, score: ratio}
  - {id: w, name: W, kind: bonus, points: 5, value: c, score: {formula: value}}
"""


@pytest.mark.parametrize(
    ("record", "total"),
    [
        ({"a": 1}, "100.00"),  # only X, worth 1 point, is assessed: 1 ÷ 1 × 100
        ({"a": "0.9"}, "90.00"),
        ({"b": 1}, "33.32"),  # 32.33 ÷ 97 × 100 = 33.329…, rounded down as the scheme says
        ({"a": 5, "c": 5}, "105.00"),  # 3 of 3 → 100, and the bonus on top
    ],
)
def test_rescaled_total_uses_the_schemes_rounding(record: dict[str, object], total: str) -> None:
    result = perfscore.loads(TOTALS % "zh-CN").score(record)
    assert str(result.total) == total
    assert result.warnings[-1].code == "rescaled"


def test_bonus_not_assessed_adds_nothing() -> None:
    result = perfscore.loads(TOTALS % "zh-CN").score({"a": 1, "b": 3})
    assert (result["w"].status, result["w"].points) == ("not_assessed", None)
    assert str(result.total) == "100.00"  # 98 of 98 → 100, no bonus


def test_flags_of_every_indicator_are_kept() -> None:
    result = perfscore.loads(TOTALS % "zh-CN").score({"a": 5, "c": 5})
    assert [(f.id, f.code) for f in result.flags] == [("x", "over_target"), ("z", "over_target")]


def test_result_names_its_scheme_and_has_no_grade_without_grades() -> None:
    result = perfscore.loads(TOTALS % "zh-CN").score({"a": 1})
    assert (result.scheme, result.edition, result.title, result.grade) == (
        "test.totals", "2024", "合计", None)
    data = json.loads(result.to_json())
    assert (data["scheme"], data["edition"], data["title"], data["grade"]) == (
        "test.totals", "2024", "合计", None)


@pytest.mark.parametrize(("locale", "message"), [
    ("zh-CN", "该记录没有可评分的指标"), ("en", "no indicator could be assessed for this record")])
def test_nothing_assessable_is_rejected(locale: str, message: str) -> None:
    with pytest.raises(perfscore.RecordError) as caught:
        perfscore.loads(TOTALS % locale).score({})
    assert (caught.value.code, caught.value.message, str(caught.value)) == (
        "PS304", message, f"perfscore: error: {message}")


@pytest.mark.parametrize(
    ("record", "error"),
    [
        ("{}\n", "该记录没有可评分的指标"),
        ("a: -1\n", "甲不能为负"),  # a failed check
    ],
)
def test_rejected_record_names_its_file(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        record: str, error: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(TOTALS % "zh-CN", "utf-8")
    data = tmp_path / "r.yaml"
    data.write_text(record, "utf-8")
    code, out, err = run(capsys, "score", path, data)
    assert (code, out) == (1, "")
    assert err == f"{data}: error: {error}\n"


def test_rejected_indicator_names_the_record_file(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SCHEME % {"x": "value: a, target: t, score: ratio, missing: error",
                              "settings": ""}, "utf-8")
    data = tmp_path / "r.yaml"
    data.write_text("a: 1\nt: 0\n", "utf-8")
    code, out, err = run(capsys, "score", path, data)
    assert (code, out) == (1, "")
    assert err == (f"{data}: error: X：年度指标值不大于 0，无法按比例计算，"
                   "该指标不得缺失，予以退回。\n")


# --- every expression is known to the scorer and to perfscore.testing --------------------------

LANDMARKS = """\
perfscore: 1
id: test.landmarks
edition: 2024
title: t
inputs:
  a: {type: number, min: 0, max: 1000}
  b: {type: number, min: 0, max: 1000}
  c: {type: number, min: 0, max: 1000}
  d: {type: number, min: 0, max: 1000}
  e: {type: number, min: 0, max: 1000}
let:
  q: a - 613.7
checks:
  - {rule: b != 271.3, message: 乙}
indicators:
  - {id: x, name: X, points: 25, value: q, score: {formula: 'min(points, 1)'}}
  - {id: y, name: Y, points: 25, value: c * 1 - 419.9, score: {formula: '1'}}
  - {id: z, name: Z, points: 25, value: d, target: e - 0.5, score: ratio}
  - id: v
    name: V
    points: 25
    value: d
    score: {tiers: [{if: 'e > 837.5', points: 25}, {else: 5}]}
"""


@pytest.mark.parametrize(("name", "near"), [("b", "271.3001"), ("e", "837.5001")])
def test_generated_records_reach_the_numbers_the_rules_are_written_with(name: str,
                                                                        near: str) -> None:
    """``perfscore.testing.records`` draws values beside every comparison a check or a tier
    test makes, where a rule that is wrong shows it (a number in arithmetic that nothing
    compares, as in ``a - 613.7`` scored by a formula, is no boundary)."""
    from hypothesis import HealthCheck, find, settings

    from perfscore.testing import records

    scheme = perfscore.loads(LANDMARKS)
    found = find(records(scheme), lambda record: record.get(name) == D(near),
                 settings=settings(max_examples=300, derandomize=True, database=None,
                                   suppress_health_check=list(HealthCheck)))
    assert found[name] == D(near)


def test_formula_before_a_tier_test_expression() -> None:
    """A formula leaf, then a tier test written as an expression: both are evaluated."""
    result = perfscore.loads(LANDMARKS).score({"a": 1, "b": 2, "c": 3, "d": 4, "e": 900})
    points = [str(result[i].points) for i in ("x", "y", "z", "v")]
    assert points == ["1.00", "1.00", "0.11", "25"]  # z: 25 × 4 ÷ 899.5
    low = perfscore.loads(LANDMARKS).score({"a": 1, "b": 2, "c": 3, "d": 4, "e": "837.5"})
    assert str(low["v"].points) == "5.00"


# --- the arithmetic: 28 digits, traps, rounding of negative points -----------------------------


@pytest.mark.parametrize(
    ("a", "points"),
    [
        ("1234567890.123456789012345674", "10"),  # on the closed bound, 28 digits
        ("1234567890.123456789012345673", "0.00"),  # one in the 28th digit below it
        ("1234567890.123456789012345675", "10"),
    ],
)
def test_arithmetic_keeps_28_digits(a: str, points: str) -> None:
    x = item("value: a + t, score: {tiers: [{if: '>= 1234567890.123456789012345674', "
             "points: 10}, {else: 0}]}", a=a, t=0)
    assert str(x.points) == points


def test_intermediate_results_may_exceed_the_result_limit() -> None:
    """Only what an expression computes is bounded by 1e40, not its steps (SECURITY.md)."""
    up = " * 1000000000000000000" * 6
    down = " / 1000000000000000000" * 6
    x = item(f"value: 'a{up}{down}', score: {{formula: value}}", a=5)
    assert (x.value, str(x.points)) == (D(5), "5.00")


@pytest.mark.parametrize(("value", "a"), [("a ** -1", 0), ("a ** -2 * 3", 0), ("1 / a", 0),
                                          ("a % a", 0), ("a // 0.0", 1)])
def test_division_by_zero_is_not_assessed(value: str, a: int) -> None:
    result = scheme(f"value: '{value}', score: {{formula: value}}").score({"a": a, "t": 1})
    assert (result["x"].status, result["x"].points) == ("not_assessed", None)
    assert result["x"].explain() == "X：计算时分母为 0，不参与评分，总分按已评指标折算。"
    assert str(result.total) == "15.00"


def test_a_number_that_grows_too_large_fails_with_its_message() -> None:
    with pytest.raises(perfscore.EvaluationError) as caught:
        item("value: '((((a ** 10) ** 10) ** 10) ** 10) ** 10', score: {formula: '1'}",
             a="1000000000000000000")
    assert str(caught.value) == ("s.yaml:15:41: error: expression "
                                 "`((((a ** 10) ** 10) ** 10) ** 10) ** 10` failed: "
                                 "a number grew too large")


def test_an_undefined_operation_never_scores_nan() -> None:
    """0 ** 0 is undefined for Decimal: an error, never a NaN value or NaN points."""
    with pytest.raises(perfscore.EvaluationError,
                       match=r"^s\.yaml:15:41: error: expression `a \*\* 0` failed: "
                             r"an invalid arithmetic operation$"):
        item("value: 'a ** 0', score: {formula: value}", a=0)


@pytest.mark.parametrize("a", [10**19, -(10**19), 10**19 + 1, 2**64, 10**25])
def test_record_whole_number_beyond_the_limits_is_rejected(a: int) -> None:
    with pytest.raises(perfscore.RecordError,
                       match=f"^perfscore: error: {re.escape(OUT_OF_RANGE)}$"):
        scheme("value: a, score: {formula: '1'}").score({"a": a, "t": 1})


@pytest.mark.parametrize("a", [10**19 - 1, -(10**19) + 1, 2**62])
def test_record_whole_number_within_the_limits_is_scored(a: int) -> None:
    x = scheme("value: a, score: {formula: '1'}").score({"a": a, "t": 1})["x"]
    assert x.value == D(a)


@pytest.mark.parametrize(("mode", "fine", "total"), [
    ("down", "-3.45", "87.00"), ("up", "-3.46", "87.00"), ("half_even", "-3.46", "87.00")])
def test_penalty_points_round_as_their_amount(mode: str, fine: str, total: str) -> None:
    """The amount taken off is rounded, then negated: down is toward 0 for it too."""
    result = perfscore.loads(KINDS.replace("title: t\n", f"title: t\nsettings: {{rounding: "
                                           f"{{places: 2, mode: {mode}}}}}\n")
                             ).score({"a": "90.456", "c": "3.455"})
    assert (str(result["fine"].points), str(result.total)) == (fine, total)
