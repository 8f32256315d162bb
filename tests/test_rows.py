"""Format 1.1 (SPEC §8): a 自评表 scored row by row, reasons, 不适用 and 未填报, mandatory items,
min_assessed, header and vetoes — as a finance officer sees them: points, words, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore import RecordError, SchemeError

SCHEME = """\
perfscore: 1.1
id: test.rows
edition: 2020
title: 项目支出绩效自评表
header: [project]
settings: {min_assessed: 0.7}
inputs:
  project: {type: text, label: 项目名称}
  budget: {type: number, label: 全年预算数, unit: 万元}
  spent: {type: number, label: 全年执行数, unit: 万元}
  outputs: {type: rows, label: 产出指标}
  effects: {type: rows, label: 效益指标, required: false}
  satisfaction: {type: percent, label: 满意度, required: false}
  violation: {type: bool, label: 重大违纪, required: false}
indicators:
  - id: execution
    name: 预算执行率
    points: 10
    value: spent / budget
    target: 1
    score: ratio
    required: true
  - id: output
    name: 产出指标
    points: 50
    rows: outputs
    review: {over_target: 1.2}
  - id: effect
    name: 效益指标
    points: 30
    rows: effects
  - id: sat
    name: 满意度
    points: 10
    value: satisfaction
    target: 0.9
    score: ratio
    applicable: always
grades:
  - {min: 90, label: 优}
  - {min: 80, label: 良}
  - {min: 60, label: 中}
  - {min: 0, label: 差}
vetoes:
  - {if: violation, grade: 差, message: 发生重大违纪违规问题}
"""


@pytest.fixture(scope="module")
def scheme() -> perfscore.Scheme:
    return perfscore.loads(SCHEME, file="rows.yaml")


def row(name: str, nature: str, target: Any, actual: Any, points: Any, **more: Any
        ) -> dict[str, Any]:
    """A row keyed by the 自评表's headers, as a unit fills it in."""
    written = {"三级指标": name, "指标性质": nature, "年度指标值": target, "实际完成值": actual,
               "分值": points}
    headers = {"unit": "度量单位", "score": "得分", "reason": "偏差原因分析及改进措施",
               "group": "二级指标"}
    written.update({headers[key]: value for key, value in more.items()})
    return written


def record(outputs: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    return {"project": "某某项目", "budget": 100, "spent": 100, "outputs": outputs,
            "effects": [row("群众生活改善", "定性", "有效改善", "达成年度指标", 30, score=30)],
            "satisfaction": "95%", **more}


FULL = row("完成项目数", "≥", 10, 10, 50)


def only(scheme: perfscore.Scheme, *rows: dict[str, Any]) -> perfscore.Result:
    """The result of a record whose 产出 rows are ``rows`` padded to 50 points by a full row."""
    used = sum(Decimal(str(r["分值"])) for r in rows)
    padding = [row("其他产出", "≥", 1, 1, 50 - used)] if used < 50 else []
    return scheme.score(record([*rows, *padding]))


def rejection(scheme: perfscore.Scheme, data: dict[str, Any]) -> list[str]:
    with pytest.raises(RecordError) as caught:
        scheme.score(data)
    return [error.message for error in caught.value.errors]


# --- each nature, at and beside its thresholds ---------------------------------------------

@pytest.mark.parametrize(("actual", "points"), [(10, "20"), ("9.99", "19.98"), (11, "20"),
                                                (9, "18"), (0, "0")])
def test_a_positive_row_scores_its_share_of_the_target(scheme: perfscore.Scheme, actual: Any,
                                                       points: str) -> None:
    result = only(scheme, row("完成项目数", "≥", 10, actual, 20, unit="个"))
    assert result["output.1"].points == Decimal(points)


def test_a_row_is_explained_with_its_unit_and_keeps_its_reason(
        scheme: perfscore.Scheme) -> None:
    result = only(scheme, row("完成项目数", "≥", 10, 9, 20, unit="个", reason="一个项目推迟"))
    item = result["output.1"]
    assert item.name == "完成项目数"
    assert item.explain() == ("完成项目数 9 个，年度指标值 10 个，完成率 90%，"
                              "得 18 分（满分 20 分）。")
    assert item.explain("en") == ("完成项目数 is 9 个 against a target of 10 个 (90% of it): "
                                  "18 of 20 points.")
    assert item.deviation_reason == "一个项目推迟"
    assert "no_reason" not in [w.code for w in result.warnings]


@pytest.mark.parametrize(("actual", "inverse", "linear"), [
    (800, "10", "10"), ("800.01", "10", "10"), (880, "9.09", "9"), (1600, "5", "0"),
    (799, "10", "10")])
def test_a_reverse_row_scores_target_over_actual_unless_the_section_says_linear(
        actual: Any, inverse: str, linear: str) -> None:
    """财预〔2020〕10号: 反向指标 得分 = 指标值 ÷ 完成值 × 分值 (880 against 800: 9.09, not 9)."""
    for variant, expected in (("inverse", inverse), ("linear", linear)):
        text = SCHEME.replace("    rows: outputs\n", f"    rows: outputs\n    reverse: {variant}\n")
        scheme = perfscore.loads(text)
        result = only(scheme, row("单位成本", "≤", 800, actual, 10, unit="万元"))
        assert result["output.1"].points == Decimal(expected), variant


def test_a_reverse_row_says_by_how_much_it_is_over(scheme: perfscore.Scheme) -> None:
    item = only(scheme, row("单位成本", "≤", 800, 880, 10, unit="万元"))["output.1"]
    assert item.explain() == ("单位成本 880 万元，高于年度指标值 800 万元，超出 10%，"
                              "得 9.09 分（满分 10 分）。")


@pytest.mark.parametrize(("actual", "points"), [(100, "10"), (99, "9.9"), (101, "10")])
def test_an_equal_row(scheme: perfscore.Scheme, actual: int, points: str) -> None:
    assert only(scheme, row("覆盖率", "=", 100, actual, 10))["output.1"].points == Decimal(points)


def test_a_percent_row_reads_its_figures_as_percentages(scheme: perfscore.Scheme) -> None:
    item = only(scheme, row("验收合格率", "≥", 100, "98%", 10, unit="%"))["output.1"]
    assert item.value == Decimal("0.98")
    assert item.target == Decimal(1)
    assert item.explain() == ("验收合格率 98%，年度指标值 100%，完成率 98%，"
                              "得 9.8 分（满分 10 分）。")


@pytest.mark.parametrize(("actual", "points", "words"), [
    ("2023-12-31", "10", "完工时间 2023-12-31，与年度指标值 2023-12-31 相同，得满分 10 分。"),
    ("2023年12月30日", "10", "完工时间 2023-12-30，早于年度指标值 2023-12-31 1 天，得满分 10 分。"),
    ("2024-01-15", "0",
     "完工时间 2024-01-15，晚于年度指标值 2023-12-31 15 天，得 0 分（满分 10 分）。")])
def test_a_date_row_scores_full_on_time_and_says_how_many_days_late(
        scheme: perfscore.Scheme, actual: str, points: str, words: str) -> None:
    item = only(scheme, row("完工时间", "≤", "2023-12-31", actual, 10, unit="日期"))["output.1"]
    assert item.points == Decimal(points)
    assert item.explain() == words


def test_a_date_row_with_the_nature_at_least_misses_when_early(
        scheme: perfscore.Scheme) -> None:
    item = only(scheme, row("开工时间", "≥", "2023-03-01", "2023-02-28", 10))["output.1"]
    assert item.points == 0


@pytest.mark.parametrize(("nature", "actual", "unit"), [
    ("≥", 10, None), ("≤", 10, None), ("=", 10, None), ("≤", "2023-12-31", "日期")])
def test_a_row_without_its_target_is_not_assessed(scheme: perfscore.Scheme, nature: str,
                                                  actual: Any, unit: str | None) -> None:
    # a blank 年度指标值 is 未填报, as a blank 实际完成值 is (it was refused as "not one of the
    # bands ()", the words for a 定性 row)
    item = only(scheme, row("完工时间", nature, None, actual, 10, unit=unit))["output.1"]
    assert (item.points, item.status) == (None, "not_assessed")
    assert item.explain() == "完工时间：未填报「年度指标值」，不参与评分，总分按已评指标折算。"
    assert item.explain("en") == ("完工时间: input '年度指标值' was not given; left out; the "
                                  "total is rescaled.")


# --- 定性 bands -------------------------------------------------------------------------------

@pytest.mark.parametrize(("band", "score", "ok"), [
    ("达成年度指标", 8, True), ("达成年度指标", 10, True), ("达成年度指标", "7.99", False),
    ("部分达成年度指标并具有一定效果", 6, True), ("部分达成年度指标并具有一定效果", "7.99", True),
    ("部分达成年度指标并具有一定效果", 8, False), ("部分达成年度指标并具有一定效果", "5.99", False),
    ("未达成年度指标且效果较差", 0, True), ("未达成年度指标且效果较差", 6, False)])
def test_a_qualitative_row_keeps_the_evaluators_score_inside_its_band(
        scheme: perfscore.Scheme, band: str, score: Any, ok: bool) -> None:
    written = row("群众满意度", "定性", "满意", band, 10, score=score)
    if ok:
        assert only(scheme, written)["output.1"].points == Decimal(str(score))
    else:
        low, high = {"达成年度指标": ("8", "10"), "部分达成年度指标并具有一定效果": ("6", "8"),
                     "未达成年度指标且效果较差": ("0", "6")}[band]
        assert rejection(scheme, record([written, row("其他产出", "≥", 1, 1, 40)])) == [
            f"产出指标「群众满意度」：评为「{band}」的得分应在 {low} 至 {high} 分之间，"
            f"填报 {score} 分"]


def test_a_qualitative_row_without_a_score_is_refused_naming_the_row(
        scheme: perfscore.Scheme) -> None:
    written = row("群众满意度", "定性", "满意", "达成年度指标", 10)
    assert rejection(scheme, record([written, row("其他产出", "≥", 1, 1, 40)])) == [
        "产出指标「群众满意度」：评为「达成年度指标」，"
        "须在「群众满意度」中填报 8 至 10 分之间的得分"]


def test_a_qualitative_row_rated_with_an_unknown_band_is_refused(
        scheme: perfscore.Scheme) -> None:
    written = row("群众满意度", "定性", "满意", "很好", 10, score=9)
    assert rejection(scheme, record([written, row("其他产出", "≥", 1, 1, 40)])) == [
        "产出指标「群众满意度」：实际完成值「很好」不是定性档次之一（达成年度指标、"
        "部分达成年度指标并具有一定效果、未达成年度指标且效果较差）"]


# --- what rejects a table --------------------------------------------------------------------

def test_rows_whose_points_do_not_add_up_are_refused(scheme: perfscore.Scheme) -> None:
    assert rejection(scheme, record([row("完成项目数", "≥", 10, 10, 45)])) == [
        "产出指标各行分值合计 45 分，与该部分分值 50 分不符"]


def test_a_repeated_row_is_refused_naming_both(scheme: perfscore.Scheme) -> None:
    rows = [row("完成项目数", "≥", 10, 10, 25), row("完成项目数", "≥", 10, 10, 25)]
    assert rejection(scheme, record(rows)) == [
        "产出指标第 2 行与第 1 行的指标名称「完成项目数」重复"]


def test_an_unknown_nature_and_figures_of_two_kinds_are_refused(
        scheme: perfscore.Scheme) -> None:
    rows = [row("完成项目数", "大于", 10, 10, 25), row("完工时间", "≤", "2023-12-31", 5, 25)]
    assert rejection(scheme, record(rows)) == [
        "outputs[0].nature: 指标性质「大于」无法识别，应为 ≥、≤、= 或 定性",
        "outputs[1] (产出指标): 「完工时间」的年度指标值是日期，实际完成值是数值，二者须为同一类"]


# --- reasons, 不适用, 未填报 ------------------------------------------------------------------

def test_a_lost_point_without_a_reason_is_a_warning_in_format_1_1(
        scheme: perfscore.Scheme) -> None:
    result = scheme.score(record([row("完成项目数", "≥", 10, 9, 50)], spent=90,
                                 reasons={"execution": "部分资金年底到位"}))
    assert [(w.id, w.message()) for w in result.warnings] == [
        ("output.1", "「完成项目数」未得满分，未说明偏差原因")]
    assert result["execution"].deviation_reason == "部分资金年底到位"
    data = result.to_dict()
    assert data["items"][0]["deviation_reason"] == "部分资金年底到位"


def test_format_1_0_schemes_are_not_asked_for_reasons() -> None:
    scheme = perfscore.load(Path(__file__).parents[1] / "rules/changning/key-projects-2023.yaml")
    import yaml
    data = yaml.safe_load((Path(__file__).parents[1] / "examples/changning-2023.yaml"
                           ).read_text(encoding="utf-8"))
    assert "no_reason" not in [w.code for w in scheme.score(data).warnings]


def test_not_applicable_is_told_apart_from_not_given(scheme: perfscore.Scheme) -> None:
    data = record([FULL], not_applicable={"effect": "本年度无效益类指标"})
    result = scheme.score(data)
    effect = result["effect"]
    assert (effect.status, effect.points) == ("not_applicable", None)
    assert effect.explain() == (
        "「效益指标」不适用（本年度无效益类指标），不参与评分，总分按已评指标折算")
    assert result.total == Decimal(100)  # 70 of 70 assessed, rescaled
    # the rows given for the section are not used
    assert [w.code for w in result.warnings] == ["ignored", "not_applicable", "rescaled"]
    del data["not_applicable"]
    del data["effects"]
    absent = scheme.score(data)["effect"]
    assert absent.status == "not_assessed"
    assert absent.explain() == "效益指标：未填报「效益指标」，不参与评分，总分按已评指标折算。"


def test_an_unknown_id_and_a_forbidden_not_applicable_are_refused(
        scheme: perfscore.Scheme) -> None:
    with pytest.raises(RecordError) as caught:
        scheme.score(record([FULL], not_applicable={"efect": "无", "sat": "未调查"}))
    errors = caught.value.errors
    assert [e.message for e in errors] == ["not_applicable 中的「efect」不是方案中的指标",
                                           "「满意度」不得填报为不适用"]
    assert errors[0].suggestion == "是否应为「effect」？"


def test_a_required_indicator_may_not_be_left_unassessed(scheme: perfscore.Scheme) -> None:
    assert rejection(scheme, record([FULL], budget=0)) == [
        "「预算执行率」为必评指标，不得未填报或不适用"]


def test_too_little_assessed_gives_a_total_but_no_grade(scheme: perfscore.Scheme) -> None:
    data = record([FULL])
    del data["effects"]
    del data["satisfaction"]
    result = scheme.score(data)  # 60 of 100 assessed, below 70%
    assert (result.total, result.grade) == (Decimal(100), None)
    assert result.warnings[-1].message() == (
        "已评指标分值合计 60 分，不足满分 100 分的 70%，已评指标不足，不予评级")


def test_a_veto_caps_the_grade_and_is_a_flag(scheme: perfscore.Scheme) -> None:
    result = scheme.score(record([FULL], violation=True))
    assert (result.total, result.grade) == (Decimal(100), "差")
    assert [f.message() for f in result.flags] == [
        "发生重大违纪违规问题，一票否决，自评等级最高为「差」"]
    assert scheme.score(record([FULL], violation=False)).grade == "优"


def test_the_header_heads_every_output(scheme: perfscore.Scheme) -> None:
    result = scheme.score(record([FULL]))
    assert result.header == (("项目名称", "某某项目"),)
    assert result.to_dict()["header"] == {"项目名称": "某某项目"}


def test_rows_in_json_name_their_branch_and_number(scheme: perfscore.Scheme) -> None:
    data = scheme.score(record([row("完成项目数", "≥", 10, 9, 50, group="数量指标")])).to_dict()
    first = data["items"][1]["children"][0]
    assert (first["id"], first["name"], first["points"]) == ("output.1", "完成项目数", 45)
    assert first["row"] == {"group": "数量指标", "nature": "≥", "unit": None}


def test_the_flag_over_target_applies_to_positive_rows(scheme: perfscore.Scheme) -> None:
    result = only(scheme, row("完成项目数", "≥", 10, 12, 20, reason="提前完成"))
    assert [f.code for f in result["output.1"].flags] == ["over_target"]
    assert "no_reason_review" not in [w.code for w in result.warnings]


# --- the command line -----------------------------------------------------------------------

def test_perfscore_score_prints_one_line_per_row_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SCHEME, encoding="utf-8")
    (tmp_path / "r.json").write_text(json.dumps(record(
        [row("完成项目数", "≥", 10, 9, 30, reason="一个项目推迟"),
         row("单位成本", "≤", 800, 880, 20)]), ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "perfscore._cli", "score", "s.yaml", "r.json",
                           "--format", "markdown"], cwd=tmp_path, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "项目名称：某某项目  " in lines
    assert ("| 　完成项目数 | 9 | 10 | 27 | 30 | 3 | 完成项目数 9，年度指标值 10，完成率 90%，"
            "得 27 分（满分 30 分）。偏差原因：一个项目推迟 |") in lines
    assert any(line.startswith("| 　单位成本 | 880 | 800 | 18.18 | 20 | 1.82 |")
               for line in lines)


# --- the scheme's own mistakes -----------------------------------------------------------------

@pytest.mark.parametrize(("change", "message"), [
    (("    rows: outputs\n", "    rows: output\n"),
     "rows.yaml:26:11: error: `rows: output` names no input of type rows (did you mean "
     "'outputs'?)"),
    (("header: [project]", "header: [projet]"),
     "rows.yaml:5:10: error: `header` names 'projet', which is not an input (did you mean "
     "'project'?)"),
    (("grade: 差, message", "grade: 极差, message"),
     "rows.yaml:45:28: error: a veto's grade '极差' is not one of the grades (优, 良, 中, 差) "
     "(did you mean '差'?)"),
    (("  violation:", "  reasons:"),
     "rows.yaml:14:3: error: 'reasons' is a reserved record key (reasons, not_applicable, "
     "reported) and cannot name an input"),
])
def test_scheme_mistakes_are_placed_and_worded(change: tuple[str, str], message: str) -> None:
    with pytest.raises(SchemeError) as caught:
        perfscore.loads(SCHEME.replace(*change), file="rows.yaml")
    assert str(caught.value.errors[0]).startswith(message)


def test_inputs_only_a_not_applicable_indicator_reads_may_be_left_out_or_are_ignored(
        scheme: perfscore.Scheme) -> None:
    text = SCHEME.replace("  satisfaction: {type: percent, label: 满意度, required: false}",
                          "  satisfaction: {type: percent, label: 满意度}").replace(
        "    applicable: always\n", "")
    strict = perfscore.loads(text)
    data = record([FULL], not_applicable={"sat": "本年度未开展满意度调查"})
    del data["satisfaction"]
    result = strict.score(data)
    assert (result["sat"].status, result.total) == ("not_applicable", Decimal(100))
    given = strict.score({**data, "satisfaction": "10%"})
    assert given.total == Decimal(100)
    assert given.warnings[0].message() == "「满意度」仅用于不适用的指标，填报的数据未予采用"
    assert rejection(strict, {k: v for k, v in record([FULL]).items()
                              if k != "satisfaction"}) == ["satisfaction (满意度): 缺少必填字段"]


VETOED = """\
perfscore: 1.1
id: test.vetoed
edition: 2024
title: t
inputs:
  done: {type: number}
  violations: {type: integer, min: 0, label: 违纪违规问题数}
  floor: {type: number, required: false}
indicators:
  - {id: output, name: 完成率, points: 90, value: done, target: 1, score: ratio}
  - id: compliance
    name: 资金使用合规性
    points: 10
    value: violations
    score: {deduct: {above: 0, per: 1, points: 5}}
  - {id: kept, name: 保底, points: 10, kind: bonus, value: floor, score: {formula: value}}
checks:
  - {rule: "floor >= 0", message: 保底不能为负}
vetoes:
  - {if: "violations >= 3", grade: 差, message: 发生重大违纪违规问题}
grades:
  - {min: 90, label: 优}
  - {min: 0, label: 差}
"""


@pytest.mark.parametrize("reference", [False, True])
def test_an_indicator_declared_not_applicable_escapes_no_veto_and_no_check(
        reference: bool) -> None:
    """An input a veto or a check reads is not read only by the indicators declared 不适用
    (SPEC §8.3): it is kept, so the veto holds and the check applies. Left out, as it was, a
    unit escaped 一票否决 by declaring the indicator on the same input 不适用 (优 for 差)."""
    scheme = perfscore.loads(VETOED)
    away = {"compliance": "本年度无专项资金"}
    result = scheme.score({"done": 1, "violations": 3, "not_applicable": away},
                          reference=reference)
    assert (result.total, result.grade, [f.code for f in result.flags]) == (
        Decimal(100), "差", ["veto"])
    assert "ignored" not in [w.code for w in result.warnings]
    assert rejection(scheme, {"done": 1, "not_applicable": away}) == [
        "violations (违纪违规问题数): 缺少必填字段"]
    assert rejection(scheme, {"done": 1, "violations": 0, "floor": -1,
                              "not_applicable": {"kept": "无保底"}}) == ["保底不能为负"]


def test_diff_names_a_changed_section_variant_and_a_new_veto(scheme: perfscore.Scheme) -> None:
    from perfscore._report.diff import diff
    text = SCHEME.replace("    rows: outputs\n", "    rows: outputs\n    reverse: linear\n")
    text += "  - {if: \"spent > budget\", grade: 中, message: 超预算支出}\n"
    changes = [(c.section, c.kind, c.id, c.facet, c.old, c.new)
               for c in diff(scheme, perfscore.loads(text))]
    assert changes == [("indicator", "changed", "output", "reverse", None, "linear"),
                       ("veto", "added", "超预算支出", None, None, None)]


def test_the_records_json_schema_accepts_rows_keyed_by_headers(scheme: perfscore.Scheme) -> None:
    import jsonschema
    schema = scheme.json_schema()
    good = json.loads(json.dumps(record([FULL], reasons={"execution": "年底到位"}),
                                 ensure_ascii=False))
    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "reasons": {"executoin": "年底到位"}}, schema)
    bad = {**good, "outputs": [{"指标性质": "≥", "分值": 50}]}  # no 三级指标
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_scored_for_an_audit_a_rows_mistakes_are_flags_not_rejections(
        scheme: perfscore.Scheme) -> None:
    rows = [row("群众满意度", "定性", "满意", "部分达成年度指标并具有一定效果", 10, score=9),
            row("完成项目数", "≥", 10, 10, 20), row("完成项目数", "≥", 10, 10, 25)]
    data = record(rows, budget=0, reported={"total": 93.1})
    result = scheme._score(data, lang=None, document=None, file=None, lenient=True)
    assert [(w.id, w.code, w.message()) for w in result.warnings if w.code != "no_reason"] == [
        ("output.1", "out_of_band",
         "评为「部分达成年度指标并具有一定效果」的得分应在 6 至 8 分之间，填报 9 分"),
        ("output.3", "row_repeated", "产出指标第 3 行与第 2 行的指标名称「完成项目数」重复"),
        ("output", "rows_points", "产出指标各行分值合计 55 分，与该部分分值 50 分不符"),
        ("execution", "required_missing", "「预算执行率」为必评指标，不得未填报或不适用"),
        ("execution", "not_assessed",
         "预算执行率：计算时分母为 0，不参与评分，总分按已评指标折算。"),
        (None, "rescaled",
         "有指标不参与评分，总分按已评指标满分 95 分折算为 100 分制：93÷95×100=97.89。")]
    assert result["output.1"].points == Decimal(8)  # the reported 9, moved into its band


def test_a_format_1_0_scheme_keeps_an_input_named_like_a_reserved_key() -> None:
    text = """\
perfscore: 1
id: t.old
edition: 1
title: t
inputs: {reasons: {type: number}}
indicators: [{id: a, name: A, points: 10, value: reasons, target: 2, score: ratio}]
"""
    scheme = perfscore.loads(text)
    assert scheme.score({"reasons": 1}).total == Decimal(5)
    assert "reasons" in scheme.json_schema()["properties"]
    with pytest.raises(SchemeError):
        perfscore.loads(text.replace("perfscore: 1", "perfscore: 1.1"))


def test_a_percent_row_with_decimals_is_read_as_percent_too(scheme: perfscore.Scheme) -> None:
    item = only(scheme, row("资金到位率", "≥", Decimal("100"), Decimal("98.5"), 10,
                            unit="%"))["output.1"]
    assert (item.value, item.points) == (Decimal("0.985"), Decimal("9.85"))


def test_a_worked_case_may_name_a_row_and_expect_not_applicable(tmp_path: Path) -> None:
    case = """
cases:
  - name: 一行未达标，效益不适用
    input:
      project: 甲
      budget: 100
      spent: 100
      outputs: [{三级指标: 完成项目数, 指标性质: ≥, 年度指标值: 10, 实际完成值: 9, 分值: 50}]
      satisfaction: 95%
      not_applicable: {effect: 无效益类指标}
    expect:
      items: {output.1: 45}
      status: {effect: not_applicable}
      flags: []
"""
    scheme = perfscore.loads(SCHEME + case)
    (outcome,) = scheme.run_cases()
    assert outcome.passed, outcome.mismatches


def test_not_applicable_points_do_not_count_against_min_assessed(
        scheme: perfscore.Scheme) -> None:
    """30 of 100 points 不适用, 10 未填报: 60 of the 70 that apply (86%) is enough."""
    data = record([FULL], not_applicable={"effect": "无效益类指标"})
    del data["satisfaction"], data["effects"]
    result = scheme.score(data)
    assert (result.total, result.grade) == (Decimal(100), "优")
    del data["not_applicable"]
    assert scheme.score(data).grade is None  # 60 of 100: below 70%


def test_the_manual_words_a_section_of_rows_and_counts_a_cases_rows() -> None:
    from perfscore._report.manual import manual
    root = Path(__file__).parents[1]
    page = manual(perfscore.load(root / "rules/mof/project-self-evaluation-2020.yaml"), "zh")
    section = next(line for line in page.lines if line.level3 == "产出指标")
    assert section.rule.startswith(
        "由单位逐行填报，各行分值合计 50 分，按指标性质计分：正向指标达到年度指标值得满分")
    assert "反向指标不超过年度指标值得满分，超过的按年度指标值÷实际完成值×分值计分" in section.rule
    # a date row is on time by its own nature, each side worded as its row's rule words it
    assert section.rule.endswith(
        "日期指标按指标性质，实际完成日期不晚于（≤）、不早于（≥）、等于（=）年度指标值的得满分，"
        "否则不得分")
    assert ("产出指标", "填报 6 行") in page.examples[0].figures


def test_a_stream_keeps_reasons_and_not_applicable(scheme: perfscore.Scheme) -> None:
    data = record([row("完成项目数", "≥", 10, 9, 50, reason="推迟")],
                  not_applicable={"effect": "无效益类指标"})
    (streamed,) = scheme.score_many([data])
    assert streamed == scheme.score(data)
    assert isinstance(streamed, perfscore.Result)
    assert streamed["effect"].status == "not_applicable"
    assert streamed["output.1"].deviation_reason == "推迟"


SATISFACTION = SCHEME[SCHEME.index("  - id: sat\n"):SCHEME.index("grades:")]
GROUPED = SCHEME.replace(SATISFACTION, "  - id: sat_group\n    name: 满意度指标\n"
                         "    required: true\n    children:\n"
                         + textwrap.indent(SATISFACTION, "    ")
                         ).replace("    rows: effects\n", "    rows: effects\n    required: true\n")


def test_a_required_branch_or_section_is_checked_as_its_items_would_be() -> None:
    """A mandatory branch needs one of its items assessed, a mandatory section its rows; a
    leaf left at 0 under ``missing: zero`` is still not assessed. Each rejection names the
    indicator, in the scheme's order."""
    grouped = perfscore.loads(GROUPED, file="rows.yaml")
    assert grouped.score(record([FULL])).total == Decimal(100)
    data = record([FULL])
    del data["effects"], data["satisfaction"]
    assert rejection(grouped, data) == ["「效益指标」为必评指标，不得未填报或不适用",
                                        "「满意度指标」为必评指标，不得未填报或不适用"]
    zero = perfscore.loads(GROUPED.replace("        applicable: always\n",
                                           "        applicable: always\n"
                                           "        missing: zero\n        required: true\n"),
                           file="rows.yaml")
    assert rejection(zero, record([FULL], satisfaction=None)) == [
        "「满意度」为必评指标，不得未填报或不适用"]
