"""A 自评表's rows (``_score/rows.py``) beyond their points, as a finance officer meets them:
where a refused table's errors point, the record's JSON Schema, a section's missing policy and
review, a blank 得分 named, a 未填报 row's own words, every way a 指标性质 or header is written
(docs/design.md, "Mutation testing": each test here kills a mutant of ``_score/rows.py``, or of
a row's tables in ``mutation/constants.py``, that the rest let through)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfscore
from tests.test_rows import SCHEME, only, record, row


@pytest.fixture(scope="module")
def scheme() -> perfscore.Scheme:
    return perfscore.loads(SCHEME, file="rows.yaml")


def refused(scheme: perfscore.Scheme, data: dict[str, Any]) -> list[tuple[Any, ...]]:
    with pytest.raises(perfscore.RecordError) as caught:
        scheme.score(data, file="rec.yaml")
    return [(e.code, e.file, e.where, e.message) for e in caught.value.errors]


def test_a_refused_table_points_at_the_record_and_the_row(scheme: perfscore.Scheme) -> None:
    assert refused(scheme, record([row("A", "≥", 1, 1, 20), row("A", "≥", 1, 1, 20)])) == [
        ("PS321", "rec.yaml", "output.2", "产出指标第 2 行与第 1 行的指标名称「A」重复"),
        ("PS322", "rec.yaml", "output", "产出指标各行分值合计 40 分，与该部分分值 50 分不符")]


def test_a_blank_score_of_a_qualitative_row_names_the_row(scheme: perfscore.Scheme) -> None:
    assert refused(scheme, record([row("Q", "定性", "好", "达成年度指标", 50)])) == [
        ("PS320", "rec.yaml", "output.1",
         "产出指标「Q」：评为「达成年度指标」，须在「Q」中填报 40 至 50 分之间的得分")]


def test_a_figure_of_a_row_without_a_name(scheme: perfscore.Scheme) -> None:
    written = row("X", "≥", "2023-12-31", 5, 50, unit="日期")
    del written["三级指标"]
    assert refused(scheme, record([written])) == [
        ("PS301", "rec.yaml", "outputs[0]", "outputs[0] (产出指标): 「」的「5」不是数值或日期")]


def test_the_json_schema_describes_a_row(scheme: perfscore.Scheme) -> None:
    assert scheme.json_schema()["$defs"]["Row"]["description"] == (
        "自评表的一行：字段可用英文键或表头（三级指标、指标性质、分值……）")


def test_a_section_missing_zero_scores_a_blank_row_zero() -> None:
    zero = perfscore.loads(SCHEME.replace("    rows: outputs\n",
                                          "    rows: outputs\n    missing: zero\n"))
    item = only(zero, row("完工时间", "≥", 10, None, 10))["output.1"]
    assert (str(item.points), item.explain()) == (
        "0", "完工时间：未填报「实际完成值」，按 0 分计。")


def test_review_over_target_is_for_rows_of_at_least(scheme: perfscore.Scheme) -> None:
    # the section's review: {over_target: 1.2}; 13 against 10 is over it, but a ≤ row is
    # scored down for it already
    below = only(scheme, row("成本", "≤", 10, 13, 10))["output.1"]
    assert (str(below.points), [f.code for f in below.flags]) == ("7.69", [])
    above = only(scheme, row("产量", "≥", 10, 13, 10))["output.1"]
    assert (str(above.points), [f.code for f in above.flags]) == ("10", ["over_target"])


def test_a_date_row_has_no_unit_to_show(scheme: perfscore.Scheme) -> None:
    item = only(scheme, row("完工时间", "≤", "2023-12-31", "2023-12-30", 10, unit="日期"))
    assert item["output.1"].unit is None
    percent = only(scheme, row("合格率", "≥", 100, "98%", 10, unit="%"))
    assert percent["output.1"].unit == "percent"


def test_a_word_that_is_no_band_refuses_the_row(scheme: perfscore.Scheme) -> None:
    assert refused(scheme, record([row("Q", "定性", "好", "很好", 50, score=45)])) == [
        ("PS323", "rec.yaml", "output.1", "产出指标「Q」：实际完成值「很好」不是定性档次之一"
         "（达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差）")]


def test_a_row_its_method_cannot_score_keeps_its_figures(scheme: perfscore.Scheme) -> None:
    item = only(scheme, row("成本", "≥", 0, 5, 10))["output.1"]
    data = item.to_dict()
    assert (data["status"], data["value"], data["target"], data["explanation"]) == (
        "not_assessed", 5, 0,
        "成本：年度指标值不大于 0，无法按比例计算，不参与评分，总分按已评指标折算。")


def test_an_audit_recomputes_a_score_outside_its_band_by_the_bands(
        scheme: perfscore.Scheme) -> None:
    # 45 of 50 rated 部分达成 (30 to 40 points): the audit's result keeps it at 40, by its bands
    audit = scheme.audit(record([row("Q", "定性", "好", "部分达成年度指标并具有一定效果", 50,
                                     score=45)]))
    assert [(f.code, f.id) for f in audit.findings] == [("AU106", "output.1"),
                                                         ("AU107", "output.1")]
    output = next(i for i in audit.to_dict()["result"]["items"] if i["id"] == "output")
    assert [(c["points"], c["rule"], c["explanation"]) for c in output["children"]] == [
        (40, "bands", "Q评为「部分达成年度指标并具有一定效果」，该档为 30 至 40 分，"
                      "得 40 分（满分 50 分）。")]


def test_a_score_outside_its_band_in_english(scheme: perfscore.Scheme) -> None:
    with pytest.raises(perfscore.RecordError) as caught:
        scheme.score(record([row("Q", "定性", "好", "达成年度指标", 50, score=30)]), lang="en")
    assert [e.message for e in caught.value.errors] == [
        "产出指标, row 'Q': rated '达成年度指标', the score must lie between 40 and 50 points; "
        "30 was given"]


def test_a_figure_in_words_is_refused(scheme: perfscore.Scheme) -> None:
    assert refused(scheme, record([row("A", "≥", 10, "很多", 50)])) == [
        ("PS301", "rec.yaml", "outputs[0]", "outputs[0] (产出指标): 「A」的「很多」不是数值或日期")]


def test_a_rows_points_round_as_the_scheme_says() -> None:
    """10 × 2 ÷ 3 is 6.666…: 6.67 half up, 6.66 under the scheme's `down` (a row is rounded
    as every leaf is, by `settings.rounding`)."""
    down = perfscore.loads(SCHEME.replace("settings: {min_assessed: 0.7}",
                                          "settings: {min_assessed: 0.7, "
                                          "rounding: {places: 2, mode: down}}"),
                           file="rows.yaml")
    result = only(down, row("完成项目数", "≥", 3, 2, 10))
    assert (result["output.1"].points, result["output.1"].lost) == (
        Decimal("6.66"), Decimal("3.34"))


@pytest.mark.parametrize(("actual", "quoted"), [(True, "true"), ([1, 2], "[1, 2]")])
def test_a_rating_that_is_no_word_is_quoted_as_written(scheme: perfscore.Scheme, actual: Any,
                                                       quoted: str) -> None:
    """YAML's `true` (a ticked box) or a list in a 定性 row's 实际完成值 is no band: the
    refusal quotes it as the record wrote it."""
    assert refused(scheme, record([row("Q", "定性", "好", actual, 50, score=45)])) == [
        ("PS323", "rec.yaml", "output.1", f"产出指标「Q」：实际完成值「{quoted}」不是定性档次之一"
         "（达成年度指标、部分达成年度指标并具有一定效果、未达成年度指标且效果较差）")]


def test_a_section_left_out_keeps_its_reason(scheme: perfscore.Scheme) -> None:
    data = record([row("完成项目数", "≥", 10, 10, 50)], reasons={"effect": "效益尚未显现"})
    del data["effects"]
    item = scheme.score(data)["effect"]
    assert (item.status, item.deviation_reason) == ("not_assessed", "效益尚未显现")


BLANK = record([row("道路里程", "≥", 10, None, 20, unit="公里", score=20, group="数量指标",
                    reason="项目未开工"), row("完成项目数", "≥", 1, 1, 30)])
"""A row whose 实际完成值 is blank: 未填报, though the unit wrote everything else."""


def test_a_blank_row_keeps_its_group_and_its_reason(scheme: perfscore.Scheme,
                                                    tmp_path: Path) -> None:
    """It was made an item without its row: the 自评表 lost its 二级指标 and 偏差原因, and the
    JSON its `row` and `deviation_reason`."""
    from perfscore._report.paper import write_report
    result = scheme.score(BLANK)
    data = result["output.1"].to_dict()
    assert (data["status"], data["deviation_reason"], data["row"]) == (
        "not_assessed", "项目未开工", {"group": "数量指标", "nature": "≥", "unit": "公里"})
    write_report(result, str(tmp_path / "r.html"), "zh")
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", (tmp_path / "r.html").read_text("utf-8"))
    first = cells.index("道路里程")
    assert cells[first - 1:first + 8] == ["数量指标", "道路里程", "≥", "公里", "10", "—", "20",
                                          "—", "不参与评分：项目未开工"]


def test_an_audit_questions_the_score_of_a_blank_row(scheme: perfscore.Scheme) -> None:
    assert [(f.key, f.id, f.message("zh")) for f in scheme.audit(BLANK).findings] == [
        ("AU101.not_assessed", "output.1",
         "道路里程：填报 20 分，但该指标不予评分：道路里程：未填报「实际完成值」，不参与评分，"
         "总分按已评指标折算。")]


# --- the tables a row is read by (mutation/constants.py mutates them) -----------------------

@pytest.mark.parametrize(("written", "nature", "points"), [
    ("≥", "≥", "8.00"), (">=", "≥", "8.00"), ("＞＝", "≥", "8.00"), ("正向", "≥", "8.00"),
    ("正向指标", "≥", "8.00"), ("≤", "≤", "10"), ("<=", "≤", "10"), ("＜＝", "≤", "10"),
    ("反向", "≤", "10"), ("反向指标", "≤", "10"), ("=", "=", "8.00"), ("＝", "=", "8.00"),
    ("==", "=", "8.00"), ("等于", "=", "8.00")])
def test_every_way_a_nature_is_written(scheme: perfscore.Scheme, written: str, nature: str,
                                       points: str) -> None:
    """8 against 10: a ≥ or = row scores 8 of 10, a ≤ row full."""
    item = only(scheme, row("产量", written, 10, 8, 10))["output.1"]
    assert (str(item.points), item.to_dict()["row"]["nature"]) == (points, nature)


@pytest.mark.parametrize("written", ["定性", "定性指标"])
def test_both_ways_a_qualitative_row_is_written(scheme: perfscore.Scheme, written: str) -> None:
    item = only(scheme, row("Q", written, "好", "达成年度指标", 10, score=9))["output.1"]
    assert (str(item.points), item.to_dict()["row"]["nature"]) == ("9.00", "定性")


def test_the_short_headers_of_unit_and_reason(scheme: perfscore.Scheme) -> None:
    written = {"三级指标": "产量", "指标性质": "≥", "计量单位": "个", "年度指标值": 10,
               "实际完成值": 8, "分值": 10, "偏差原因": "原料推迟到货"}
    item = only(scheme, written)["output.1"]
    assert (item.explain(), item.deviation_reason) == (
        "产量 8 个，年度指标值 10 个，完成率 80%，得 8 分（满分 10 分）。", "原料推迟到货")


def test_a_full_width_percent_unit(scheme: perfscore.Scheme) -> None:
    item = only(scheme, row("合格率", "≥", 100, 98, 10, unit="％"))["output.1"]
    assert (item.value, item.explain()) == (
        Decimal("0.98"), "合格率 98%，年度指标值 100%，完成率 98%，得 9.8 分（满分 10 分）。")


def test_a_date_row_may_say_date_in_english(scheme: perfscore.Scheme) -> None:
    item = only(scheme, row("完工", "≤", "2023-12-31", "2024-01-02", 10, unit="date"))
    assert (item["output.1"].unit, item["output.1"].explain()) == (
        None, "完工 2024-01-02，晚于年度指标值 2023-12-31 2 天，得 0 分（满分 10 分）。")
    assert refused(scheme, record([row("完工", "≤", 20231231, 20240102, 50, unit="date")])) == [
        ("PS301", "rec.yaml", "outputs[0]",
         "outputs[0] (产出指标): 「完工」的「20231231」不是数值或日期")]


@pytest.mark.parametrize(("nature", "points"), [("≤", "10"), ("≥", "0.00"), ("=", "0.00")])
def test_a_day_early(scheme: perfscore.Scheme, nature: str, points: str) -> None:
    """Early meets 不晚于 (≤) only."""
    item = only(scheme, row("完工", nature, "2023-12-31", "2023-12-30", 10, unit="日期"))
    assert str(item["output.1"].points) == points
