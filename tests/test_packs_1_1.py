"""The format 1.1 packs (SPEC §8): the 财预〔2020〕10号 project 自评表, the Hunan 部门整体支出
frame, and the Changning 2023 self-evaluation rebuilt on it. Each loads, is clean under
``check --strict``, proves itself with hand-computed cases covering every rule path, and scores
its example record to the totals worked out by hand in the pack's comments."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

import perfscore
from perfscore._score.record import by_name
from tests.conftest import run

ROOT = Path(__file__).parents[1]
MOF = ROOT / "rules" / "mof" / "project-self-evaluation-2020.yaml"
HUNAN = ROOT / "rules" / "hunan" / "department-overall-2022.yaml"
CHANGNING = ROOT / "rules" / "changning" / "department-overall-2023.yaml"
MOF_EXAMPLE = ROOT / "examples" / "mof-project-2023.yaml"
CHANGNING_EXAMPLE = ROOT / "examples" / "changning-2023-department.yaml"
PACKS = [(MOF, "mof.project-self-evaluation", "2020"),
         (HUNAN, "hunan.department-overall", "2022"),
         (CHANGNING, "changning.department-overall", "2023")]


def scored(capsys: pytest.CaptureFixture[str], scheme: Path, record: Path) -> dict[str, Any]:
    """The JSON result of ``perfscore score``, which reads a record's fields by their labels
    (项目名称: …) as the example records write them."""
    code, out, err = run(capsys, "score", "--format", "json", scheme, record)
    assert (code, err) == (0, "")
    return dict(json.loads(out))


def items(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    stack = list(result["items"])
    while stack:
        item = stack.pop()
        found[item["id"]] = item
        stack += item.get("children", [])
    return found


@pytest.mark.parametrize(("path", "scheme_id", "edition"), PACKS,
                         ids=[p.parent.name for p, _, _ in PACKS])
def test_each_pack_loads_by_id_and_is_clean_under_strict_check(
        capsys: pytest.CaptureFixture[str], path: Path, scheme_id: str, edition: str) -> None:
    by_id = perfscore.load(f"{scheme_id}@{edition}")
    assert (by_id.id, by_id.edition, by_id.sha256) == (scheme_id, edition,
                                                       perfscore.load(path).sha256)
    assert perfscore.check(path) == []
    code, out, err = run(capsys, "check", "--strict", path)
    assert (code, err) == (0, "")
    assert out.startswith(f"{path}: ok ({scheme_id}@{edition}, ")


@pytest.mark.parametrize(("path", "paths"), [(MOF, 40), (HUNAN, 79), (CHANGNING, 79)],
                         ids=["mof", "hunan", "changning"])
def test_each_pack_proves_itself_on_every_rule_path(
        capsys: pytest.CaptureFixture[str], path: Path, paths: int) -> None:
    outcomes = perfscore.load(path).run_cases()
    assert [o.problems for o in outcomes if not o.passed] == []
    code, out, err = run(capsys, "test", "--min-coverage", "100", path)
    assert (code, err) == (0, "")
    assert f": {paths} of {paths} rule paths (100%)" in out


def test_the_changning_edition_reruns_the_frame_s_cases_unchanged() -> None:
    """The edition changes no rule of the Hunan frame, so its case file repeats the frame's
    cases after the seed's; this keeps the two in step."""
    frame = yaml.safe_load((HUNAN.parent / "cases" / "department-overall-2022.yaml")
                           .read_text(encoding="utf-8"))
    edition = yaml.safe_load((CHANGNING.parent / "cases" / "department-overall-2023.yaml")
                             .read_text(encoding="utf-8"))
    assert edition[0]["name"] == "2023 年度自评报告数据"
    assert edition[1:] == frame


def test_the_mof_example_scores_88_77_good(capsys: pytest.CaptureFixture[str]) -> None:
    result = scored(capsys, MOF, MOF_EXAMPLE)
    assert (result["total"], result["grade"]) == (88.77, "良")
    assert result["header"] == {"项目名称": "某县2023年农村公路提质改造工程",
                                "主管部门": "某县交通运输局",
                                "实施单位": "某县公路建设养护中心"}
    # the budget block (`budget:`): the amounts as given, in the unit of 年初预算数
    assert result["budget"] == {"initial": 800, "full_year": 900, "spent": 855, "unit": "万元",
                                "indicator": "execution"}
    found = items(result)
    assert {i: found[i]["points"] for i in (
        "execution", "output", "output.1", "output.5", "output.6", "effect", "effect.2",
        "satisfaction_indicators.1")} == {
        "execution": 9.5, "output": 43.27, "output.1": 14.06, "output.5": 0, "output.6": 9.21,
        "effect": 26, "effect.2": 7, "satisfaction_indicators.1": 10}
    # 反向 as 指标值 ÷ 完成值: 10 × 7 ÷ 7.6 = 9.21 (the linear variant would give 9.14)
    assert found["output.6"]["explanation"] == (
        "每公里改造成本 7.6 万元，高于年度指标值 7 万元，超出 8.57%，得 9.21 分（满分 10 分）。")
    assert found["output.6"]["deviation_reason"] == "砂石材料价格上涨"
    assert found["output.6"]["row"] == {"group": "成本指标", "nature": "≤", "unit": "万元"}
    assert [(f["id"], f["code"]) for f in result["flags"]] == [("effect.1", "over_target")]
    assert result["warnings"] == []


def test_perfscore_score_prints_one_line_per_row_of_the_mof_example(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", "--format", "markdown", MOF, MOF_EXAMPLE)
    assert (code, err) == (0, "")
    record = yaml.safe_load(MOF_EXAMPLE.read_text(encoding="utf-8"))
    names = [row["三级指标"] for section in ("产出指标", "效益指标", "满意度指标")
             for row in record[section]]
    assert len(names) == 10
    assert [line.split(" | ")[0] for line in out.splitlines()
            if line.startswith("| 　")] == [f"| 　{name}" for name in names]
    assert ("| 　工程完工时间 | 2023-12-20 | 2023-11-30 | 0 | 5 | 5 | 工程完工时间 2023-12-20，"
            "晚于年度指标值 2023-11-30 20 天，得 0 分（满分 5 分）。偏差原因：雨季停工二十天，"
            "已调整次年施工计划 |") in out.splitlines()
    assert "- 自评得分：88.77 分（满分 100 分）" in out and "- 自评等级：良" in out


def test_the_changning_seed_is_scored_on_the_hunan_frame_without_a_grade(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = scored(capsys, CHANGNING, CHANGNING_EXAMPLE)
    # 47.68 of the 50 assessed points, rescaled; 50 < 70 of 100 assessed: no grade
    assert (result["total"], result["grade"]) == (95.36, None)
    found = items(result)
    assert {i: found[i]["points"] for i in (
        "staffing", "input_part", "output_effect", "output_effect.1", "output_effect.2",
        "output_effect.3")} == {
        "staffing": 5, "input_part": 5, "output_effect": 42.68, "output_effect.1": 12.91,
        "output_effect.2": 14.77, "output_effect.3": 15}
    assert found["key_spending"]["status"] == "not_assessed"
    assert found["key_spending"]["explanation"] == (
        "重点支出安排率：未填报「重点项目支出」，不参与评分，总分按已评指标折算。")
    # the report's 7 projects not started is kept as written (43 − 37 = 6)
    assert found["output_effect.1"]["explanation"] == (
        "重点项目开复工个数 37 个，年度指标值 43 个，完成率 86.05%，得 12.91 分（满分 15 分）。")
    assert found["output_effect.1"]["deviation_reason"].startswith("未兑现开复工项目7个")
    warnings = [(w["code"], w["message"]) for w in result["warnings"]]
    assert warnings[-1] == ("min_assessed", "已评指标分值合计 50 分，不足满分 100 分的 70%，"
                                            "已评指标不足，不予评级")
    assert sum(code == "not_assessed" for code, _ in warnings) == 11


def test_a_hunan_record_assessing_too_little_gets_no_grade() -> None:
    scheme = perfscore.load("hunan.department-overall@2022")
    rows = [{"三级指标": "完成任务数", "指标性质": "≥", "年度指标值": 100, "实际完成值": 100,
             "分值": 45}]
    sparse = scheme.score({"unit_name": "甲", "staff_in_post": 7, "staff_authorised": 12,
                           "output_effect_rows": rows})
    assert (sparse.total, sparse.grade) == (Decimal(100), None)
    assert [w.code for w in sparse.warnings][-2:] == ["rescaled", "min_assessed"]
    assert sparse.warnings[-1].message("en") == (
        "only 50 of 100 points were assessed, less than 70% of them: no grade is given")
    # 20 more points assessed (70 of 100) and the grade is given
    enough = scheme.score({"unit_name": "甲", "staff_in_post": 7, "staff_authorised": 12,
                           "output_effect_rows": rows, "three_public_this_year": 9,
                           "three_public_last_year": 10, "three_public_budget": 10,
                           "key_project_spending": 95, "project_spending": 100,
                           "budget_initial": 100, "budget_supplementary": 0})
    assert (enough.total, enough.grade) == (Decimal(100), "优")
    assert "min_assessed" not in [w.code for w in enough.warnings]


def test_a_mof_record_without_its_budget_block_is_rejected() -> None:
    scheme = perfscore.load(MOF)
    record = {"project_name": "甲", "department": "乙", "agency": "丙", "budget_initial": 1,
              "budget_full_year": 1, "budget_spent": 1,
              "outputs": [{"三级指标": "a", "指标性质": "≥", "年度指标值": 1, "实际完成值": 1,
                           "分值": 50}],
              "effects": [{"三级指标": "b", "指标性质": "≥", "年度指标值": 1, "实际完成值": 1,
                           "分值": 30}],
              "satisfaction": [{"三级指标": "c", "指标性质": "≥", "年度指标值": 1,
                                "实际完成值": 1, "分值": 10}]}
    assert scheme.score(record).total == 100
    with pytest.raises(perfscore.RecordError) as caught:
        scheme.score({k: v for k, v in record.items() if k != "budget_spent"})
    assert caught.value.message == "budget_spent (全年执行数): 缺少必填字段"


def test_a_percent_row_reads_a_decimal_figure_as_a_percent() -> None:
    scheme = perfscore.load(MOF)
    record = {"project_name": "甲", "department": "乙", "agency": "丙", "budget_initial": 1,
              "budget_full_year": 1, "budget_spent": 1,
              "outputs": [{"三级指标": "验收合格率", "指标性质": "≥", "度量单位": "%",
                           "年度指标值": 100, "实际完成值": Decimal("98.5"), "分值": 50}],
              "effects": [{"三级指标": "b", "指标性质": "≥", "年度指标值": 1, "实际完成值": 1,
                           "分值": 30}],
              "satisfaction": [{"三级指标": "c", "指标性质": "≥", "年度指标值": 1,
                                "实际完成值": 1, "分值": 10}]}
    row = scheme.score(record)["output"].children[0]
    assert (row.value, row.points) == (Decimal("0.985"), Decimal("49.25"))


def test_the_mof_table_s_cases_kill_every_mutant(capsys: pytest.CaptureFixture[str]) -> None:
    """Each grade bound moved by one point changes a case: 89.99 and 90, 79.99 and 80."""
    code, out, err = run(capsys, "test", MOF, "--min-mutation", "100")
    assert (code, err) == (0, "")
    assert f"mutation {MOF}: 9 of 9 mutants killed (100%)" in out.splitlines()


@pytest.mark.parametrize(("scheme", "record"), [
    (MOF, MOF_EXAMPLE), (CHANGNING, CHANGNING_EXAMPLE),
    (ROOT / "rules" / "changning" / "key-projects-2023.yaml", ROOT / "examples" /
     "changning-2023.yaml")])
def test_a_batch_rows_points_are_the_items_points(scheme: Path, record: Path) -> None:
    """A batch row's points are worked out before a result's branches are made (nested
    branches, rows sections, items not assessed): each is the points of the item made
    later, and a section's rows have no column of their own."""
    loaded = perfscore.load(scheme)
    data = by_name(yaml.safe_load(record.read_text(encoding="utf-8")), loaded.inputs, "zh")
    result = loaded.score(data)
    points = result.tree.points()
    assert points == [item.points for item in result.walk() if item.row is None]
    assert any(item.row is not None for item in result.walk()) == (scheme in (MOF, CHANGNING))
    assert (None in points) == (scheme != MOF)  # items not assessed, but in the MOF example
