"""``perfscore manual``: a scheme as the 指标体系及评分标准 table, each rule worded as officials
write it — the rendered sentences, whole, for every method, in both languages."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.conftest import run

ROOT = Path(__file__).parents[1]
SCHEME = ROOT / "rules" / "changning" / "key-projects-2023.yaml"

EVERY_METHOD = """\
perfscore: 1
id: t.methods
edition: "1"
title: 每种方法
locale: zh-CN
inputs:
  cost: {type: number, unit: 万元}
  late: {type: percent}
  paid: {type: percent}
  rate: {type: percent}
  share: {type: percent}
  level: {type: choice, options: [好, 中, 差]}
  level_score: {type: number, required: false}
  has_rules: {type: bool, label: 制度健全}
  has_audit: {type: bool, label: 开展审计}
  awards: {type: integer}
  violations: {type: integer}
indicators:
  - id: all
    name: 全部
    children:
      - {id: rev, name: 成本控制, points: 10, value: cost, target: 100, score: reverse}
      - {id: inv, name: 成本控制（反比）, points: 10, value: cost, target: 100,
         score: {reverse: {variant: inverse}}}
      - {id: eq, name: 支付进度, points: 10, value: paid, target: 1, unit: percent,
         score: equal}
      - {id: ded, name: 逾期率, points: 6, value: late, unit: percent,
         score: {deduct: {below: 0.9, per: 0.05, points: 2, steps: ceil, max: 4}}}
      - {id: band, name: 工作质量, points: 10, value: level,
         score: {bands: {好: "[0.8, 1]", 中: "[0.6, 0.8)", 差: "[0, 0.6)"},
                 score_from: level_score}}
      - {id: check, name: 管理制度, points: 2, score: {checklist: {has_rules: 1, has_audit: 1}}}
      - {id: tier, name: 完成率, points: 5, value: rate, unit: percent,
         score: {tiers: [{if: "> 0.9", points: 5}, {if: "(0.5, 0.9]", points: 3},
                         {if: "rate > 0.2", points: 1}]}}
      - {id: bonus, name: 获奖加分, kind: bonus, points: 5, value: awards,
         score: {formula: value * 2}}
      - {id: line, name: 占比, points: 5, value: share, unit: percent,
         score: {linear: [[0.1, 0], [0.3, 4], [0.5, 5]]}}
"""


def _manual(tmp_path: Path, capsys: pytest.CaptureFixture[str], scheme: Path, *options: str
            ) -> str:
    output = tmp_path / "评分标准.md"
    assert run(capsys, "manual", scheme, "-o", output, *options) == (0, f"→ {output}\n", "")
    return output.read_text(encoding="utf-8")


def _rules(text: str) -> dict[str, str]:
    """The 评分标准 column by 三级指标."""
    rows = [line.split(" | ") for line in text.splitlines()
            if line.startswith("| ") and not line.startswith("| ---")]
    return {row[2]: row[4] for row in rows[1:]}


def test_the_bundled_scheme_reads_as_its_published_table(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = _manual(tmp_path, capsys, SCHEME)
    assert text.startswith("# 指标体系及评分标准\n\n"
                           "常宁市重点建设项目事务中心 2023 年度整体支出绩效自评\n\n"
                           "| 一级指标 | 二级指标 | 三级指标 | 分值 | 评分标准 | 依据 |\n")
    assert _rules(text) == {
        "重点项目开复工率": "≥95% 得 20 分；85%（含）—95% 得 16 分；"
                          "70%（含）—85% 得 10 分；其他得 0 分",
        "年度投资计划完成率": "实际完成值达到年度指标值（100%）得满分 30 分；未达到的，"
                            "按实际完成值÷年度指标值×30 计分",
        "科技产业类项目投资完成率": "实际完成值达到年度指标值（100%）得满分 10 分；未达到的，"
                                  "按实际完成值÷年度指标值×10 计分",
        "重点工作完成情况": "评为「达成年度指标」得 10 分；"
                          "评为「部分达成年度指标并具有一定效果」得 7 分；"
                          "评为「未达成年度指标且效果较差」得 3 分",
        "项目支出占比": "在 10%（0 分）至 30%（5 分）之间按比例计分；10% 及以下得 0 分，"
                      "30% 及以上得 5 分",
        "在职人员控制率": "不高于 100% 得满分 5 分；每超 1 个百分点扣 0.5 分，扣完为止",
        "服务对象满意度": "实际完成值达到年度指标值（90%）得满分 10 分；未达到的，"
                        "按实际完成值÷年度指标值×10 计分",
        "预算执行率": "实际完成值达到年度指标值（100%）得满分 10 分；未达到的，"
                    "按实际完成值÷年度指标值×10 计分",
    }
    assert "| 效益指标 | 可持续影响指标 | 在职人员控制率 | 5 |" in text
    assert ("## 自评等级\n\n- 优：90 分及以上\n- 良：80 分及以上\n- 中：60 分及以上\n"
            "- 差：60 分以下\n") in text
    assert ("- 2023 年度自评数据：总分 93.64 分，自评等级优（列入重点项目个数 43 个；"
            "开复工项目个数 37 个；年度计划投资 106.1 亿元；") in text


def test_every_method_words_its_rule(tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    scheme = tmp_path / "methods.yaml"
    scheme.write_text(EVERY_METHOD, encoding="utf-8")
    assert _rules(_manual(tmp_path, capsys, scheme)) == {
        "成本控制": "实际完成值不高于年度指标值（100）得满分 10 分；高于的，"
                  "每超出年度指标值 1% 扣减分值的 1%，达到年度指标值 2 倍及以上不得分",
        "成本控制（反比）": "实际完成值不高于年度指标值（100）得满分 10 分；高于的，"
                        "按年度指标值÷实际完成值×10 计分",
        "支付进度": "实际完成值等于年度指标值（100%）得满分 10 分；未达到的，"
                  "按实际完成值÷年度指标值×10 计分",
        "逾期率": "不低于 90% 得满分 6 分；每低 5 个百分点扣 2 分，不足 5 个百分点按 5 个百分点计，"
                "最多扣 4 分",
        "工作质量": "评为「好」得 8—10 分；评为「中」得 6—8 分；评为「差」得 0—6 分；"
                  "由评价人在该档分值范围内评定得分",
        "管理制度": "①制度健全得 1 分；②开展审计得 1 分",
        "完成率": ">90% 得 5 分；50%—90%（含）得 3 分；满足 rate > 0.2 得 1 分；其他不得分",
        "获奖加分": "加分项：按 value * 2 计算得分",
        "占比": "在 10%（0 分）至 30%（4 分）、30%（4 分）至 50%（5 分）之间按比例计分；"
              "10% 及以下得 0 分，50% 及以上得 5 分",
    }


def test_in_english_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scheme = tmp_path / "methods.yaml"
    scheme.write_text(EVERY_METHOD, encoding="utf-8")
    rules = _rules(_manual(tmp_path, capsys, scheme, "--lang", "en"))
    assert rules["逾期率"] == ("full 6 points at or above 90%; 2 points off for each 5 percentage "
                            "points below it, a part of 5 percentage points counting as a "
                            "whole, at most 4 points off")
    assert rules["完成率"] == (">90%: 5 points; 50% to 90% (inclusive): 3 points; when rate > 0.2: "
                            "1 point; otherwise 0 points")


def test_the_manual_as_a_workbook_and_a_page(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "评分标准.xlsx"
    assert run(capsys, "manual", SCHEME, "-o", output)[0] == 0
    sheet = openpyxl.load_workbook(output).active
    assert sheet["A1"].value == "指标体系及评分标准" and "A1:F1" in {
        str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[3]] == ["一级指标", "二级指标", "三级指标", "分值",
                                           "评分标准", "依据"]
    assert [c.value for c in sheet[4]][:5] == [
        "产出指标", "数量指标", "重点项目开复工率", 20,
        "≥95% 得 20 分；85%（含）—95% 得 16 分；70%（含）—85% 得 10 分；其他得 0 分"]
    assert sheet.freeze_panes == "A4"
    page = tmp_path / "评分标准.html"
    assert run(capsys, "manual", SCHEME, "-o", page)[0] == 0
    html = page.read_text(encoding="utf-8")
    assert "<td>不高于 100% 得满分 5 分；每超 1 个百分点扣 0.5 分，扣完为止</td>" in html
    assert "<script" not in html


def test_diff_shows_a_changed_or_added_rule_as_the_standard_words_it(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", SCHEME, SCHEME.with_name("key-projects-2024.yaml"),
                       "--format", "markdown")
    lines = out.splitlines()
    assert code == 0
    assert lines[5] == ("| 指标 | 修改 | start_rate | 评分标准 | "
                        "≥95% 得 20 分；85%（含）—95% 得 16 分；70%（含）—85% 得 10 分；"
                        "其他得 0 分 | "
                        "≥98% 得 20 分；90%（含）—98% 得 16 分；75%（含）—90% 得 10 分；"
                        "其他得 0 分 |")
    assert lines[7] == ("| 指标 | 新增 | large_project_share | 评分标准 |  | ≥80% 得 5 分；"
                        "70%（含）—80% 得 4 分；60%（含）—70% 得 3 分；其他得 0 分 |")
    assert lines[8] == "| 指标 | 删除 | project_share |  | 项目支出占比 |  |"  # no rule row
