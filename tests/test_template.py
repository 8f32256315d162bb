"""``perfscore template``: the blank sheet a unit fills in reads back through ``batch`` (and,
row by row, through ``score``) as it is, and offers what the scheme allows."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from tests.conftest import run

ROOT = Path(__file__).parents[1]
SCHEME = ROOT / "rules" / "changning" / "key-projects-2023.yaml"
EXAMPLE = yaml.safe_load((ROOT / "examples" / "changning-2023.yaml").read_text(encoding="utf-8"))
HEADERS = ["id", "列入重点项目个数", "开复工项目个数", "年度计划投资", "完成投资",
           "科技产业类项目年度承诺投资", "科技产业类项目完成投资", "基本支出", "项目支出",
           "核定编制数", "实有在编人数", "全年预算数", "全年执行数", "服务对象满意度",
           "重点工作完成情况"]
LABELS = {name: spec.get("label", name) for name, spec in yaml.safe_load(
    SCHEME.read_text(encoding="utf-8"))["inputs"].items()}


def _filled() -> dict[str, object]:
    """The bundled example as a unit types it into the sheet, by header."""
    return {"id": "常宁市重点建设项目事务中心", **{LABELS[k]: v for k, v in EXAMPLE.items()},
            "重点工作完成情况": "部分达成年度指标并具有一定效果"}


def _batch(capsys: pytest.CaptureFixture[str], sheet: Path, output: Path) -> list[list[str]]:
    assert run(capsys, "batch", SCHEME, sheet, "-o", output)[0] == 0
    with output.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_the_filled_workbook_scores_as_the_record_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "填报模板.xlsx"
    assert run(capsys, "template", SCHEME, "-o", blank) == (0, f"→ {blank}\n", "")
    book = openpyxl.load_workbook(blank)
    sheet = book["填报模板"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.freeze_panes == "B2"
    assert sheet["C1"].comment.text == (
        "截至统计时点（2023 年为 11 月）已开工或复工的重点项目个数\n计量单位：个")
    assert sheet["N1"].comment.text == "可不填"
    checks = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    work = checks["O2:O501"]
    assert (work.type, work.formula1) == ("list", "'选项'!$A$1:$A$3")
    assert [book["选项"].cell(row=r, column=1).value for r in (1, 2, 3)] == [
        "达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差"]
    assert book["选项"].sheet_state == "hidden"
    staff = checks["K2:K501"]
    assert (staff.type, staff.operator, staff.formula1) == ("whole", "between", "0")
    for column, header in enumerate(HEADERS, 1):
        sheet.cell(row=2, column=column, value=_filled().get(header))
    filled = tmp_path / "已填报.xlsx"
    book.save(filled)
    rows = _batch(capsys, filled, tmp_path / "out.csv")
    # the example's 65.55 of 70, and 0.7 × 10 for 部分达成: 72.55 ÷ 80 × 100 = 90.6875
    assert rows[1][:4] == ["常宁市重点建设项目事务中心", "scored", "90.69", "优"]
    record = tmp_path / "r.yaml"  # the same row, keyed by the same headers, through `score`
    record.write_text(yaml.safe_dump({k: v for k, v in _filled().items() if k != "id"},
                                     allow_unicode=True), encoding="utf-8")
    code, out, _ = run(capsys, "score", SCHEME, record, "--format", "json")
    assert (code, json.loads(out)["total"], json.loads(out)["grade"]) == (0, 90.69, "优")


def test_the_csv_template_is_its_header_and_reads_back(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "填报模板.csv"
    assert run(capsys, "template", SCHEME, "-o", blank)[0] == 0
    assert blank.read_bytes() == ("\ufeff" + ",".join(HEADERS) + "\r\n").encode()
    values = _filled()
    with blank.open("a", encoding="utf-8", newline="") as file:
        csv.writer(file).writerow(["" if values.get(h) is None else values[h] for h in HEADERS])
    assert _batch(capsys, blank, tmp_path / "out.csv")[1][:4] == [
        "常宁市重点建设项目事务中心", "scored", "90.69", "优"]


def test_english_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "template.xlsx"
    assert run(capsys, "template", SCHEME, "-o", blank, "--lang", "en")[0] == 0
    book = openpyxl.load_workbook(blank)
    assert book.sheetnames == ["Template", "Options"]
    assert book["Template"]["N1"].comment.text == "may be left blank"
    assert book["Template"]["A1"].comment.text == (
        "the unit's name or number: `perfscore batch` names each row by it")


MOF = ROOT / "rules" / "mof" / "project-self-evaluation-2020.yaml"
MOF_EXAMPLE = yaml.safe_load((ROOT / "examples" / "mof-project-2023.yaml").read_text(
    encoding="utf-8"))
ROW_HEADERS = ["部分", "二级指标", "三级指标", "指标性质", "度量单位", "年度指标值", "实际完成值",
               "分值", "得分", "偏差原因分析及改进措施"]
MOF_HEADERS = ["id", "项目名称", "主管部门", "实施单位", "年初预算数", "全年预算数", "全年执行数",
               *ROW_HEADERS]
SECTIONS = ("产出指标", "效益指标", "满意度指标")
SECOND: dict[str, Any] = {
          "项目名称": "乡村道路养护", "主管部门": "某县交通运输局", "实施单位": "某镇人民政府",
          "年初预算数": 200, "全年预算数": 200, "全年执行数": 180,
          "产出指标": [
              {"三级指标": "养护里程", "指标性质": "≥", "度量单位": "公里", "年度指标值": 10,
               "实际完成值": 9, "分值": 30, "偏差原因分析及改进措施": "一段推迟至次年"},
              {"三级指标": "完工时间", "指标性质": "≤", "度量单位": "日期",
               "年度指标值": "2023-10-31", "实际完成值": "2023-10-15", "分值": 20}],
          "效益指标": [
              {"三级指标": "群众出行改善", "指标性质": "定性", "年度指标值": "明显改善",
               "实际完成值": "部分达成年度指标并具有一定效果", "分值": 20, "得分": 14,
               "偏差原因分析及改进措施": "部分路段年底方完工"},
              {"三级指标": "安全事故", "指标性质": "=", "度量单位": "起", "年度指标值": 0,
               "实际完成值": 0, "分值": 10}],
          "满意度指标": [
              {"三级指标": "群众满意度", "指标性质": "≥", "度量单位": "%", "年度指标值": "90%",
               "实际完成值": "85.5%", "分值": 10, "偏差原因分析及改进措施": "回访不足"}]}
"""A second unit, scored by hand: 预算执行率 180 ÷ 200 × 10 = 9; 产出 9 ÷ 10 × 30 = 27 and 20 on
time (10-15 before 10-31) = 47; 效益 定性 14 inside [12, 16) and = at target 0 → 10 = 24;
满意度 85.5% ÷ 90% × 10 = 9.5; total 9 + 47 + 24 + 9.5 = 89.5, 良."""


def _lines(unit: str, record: dict[str, Any], repeat: bool) -> list[dict[str, object]]:
    """A unit's lines as a bureau types them, one per 自评表 row: the unit's fields on its
    first line, and on the others only when ``repeat`` (the id too: else left blank)."""
    fields = {k: v for k, v in record.items() if k not in (*SECTIONS, "reasons")}
    lines: list[dict[str, object]] = []
    for section in SECTIONS:
        for row in record[section]:
            first = not lines
            lines.append({**({"id": unit, **fields} if first or repeat else {}),
                          "部分": section, **row})
    return lines


FILLED = [*_lines("A01", MOF_EXAMPLE, repeat=False), *_lines("B02", SECOND, repeat=True)]


def _score_total(capsys: pytest.CaptureFixture[str], record: dict[str, object], path: Path
                 ) -> tuple[float, str]:
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    code, out, _ = run(capsys, "score", MOF, path, "--format", "json")
    assert code == 0
    return json.loads(out)["total"], json.loads(out)["grade"]


def _read_units(capsys: pytest.CaptureFixture[str], sheet: Path, output: Path
                ) -> dict[str, dict[str, str]]:
    assert run(capsys, "batch", MOF, sheet, "-o", output, "--id-field", "id")[0] == 0
    with output.open(encoding="utf-8-sig", newline="") as file:
        return {line["id"]: line for line in csv.DictReader(file)}


def _assert_scored(capsys: pytest.CaptureFixture[str], units: dict[str, dict[str, str]],
                   tmp_path: Path) -> None:
    assert list(units) == ["A01", "B02"]
    assert [units["A01"][k] for k in ("status", "total", "grade", "execution", "output",
                                      "effect", "satisfaction_indicators")] == [
        "scored", "88.77", "良", "9.5", "43.27", "26", "10"]
    assert [units["B02"][k] for k in ("status", "total", "grade", "execution", "output",
                                      "effect", "satisfaction_indicators")] == [
        "scored", "89.5", "良", "9", "47", "24", "9.5"]
    # what `perfscore score` gives each unit's record, written as a YAML 自评表
    assert _score_total(capsys, MOF_EXAMPLE, tmp_path / "a.yaml") == (88.77, "良")
    assert _score_total(capsys, SECOND, tmp_path / "b.yaml") == (89.5, "良")


def test_a_scheme_with_rows_gets_a_sheet_of_rows_that_scores_as_the_records_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "填报模板.xlsx"
    assert run(capsys, "template", MOF, "-o", blank)[0] == 0
    book = openpyxl.load_workbook(blank)
    sheet = book["填报模板"]
    assert [c.value for c in sheet[1]] == MOF_HEADERS
    checks = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    options = book["选项"]
    section, nature = checks["H2:H501"], checks["K2:K501"]
    assert (section.type, section.formula1) == ("list", "'选项'!$A$1:$A$3")
    assert [options.cell(row=r, column=1).value for r in (1, 2, 3)] == list(SECTIONS)
    assert (nature.type, nature.formula1) == ("list", "'选项'!$B$1:$B$4")
    assert [options.cell(row=r, column=2).value for r in (1, 2, 3, 4)] == ["≥", "≤", "=", "定性"]
    assert (checks["O2:O501"].type, checks["O2:O501"].formula1) == ("decimal", "0")
    assert "E2:E501" in checks and checks["E2:E501"].allow_blank  # given on a unit's first line
    assert sheet["A1"].comment.text == (
        "单位名称或编号：perfscore batch 按此列把各行归入单位；填在单位的第一行（以下各行可重复"
        "填写或留空）")
    assert sheet["F1"].comment.text == (
        "调整后的全年预算数；预算执行率以它为分母\n计量单位：万元\n每个单位填一次，填在第一行")
    assert sheet["H1"].comment.text == "该行所属部分：产出指标；效益指标；满意度指标"
    assert sheet["L1"].comment.text == "计量单位：百分比填 %，日期填“日期”；定性指标可不填"
    assert sheet["N1"].comment.text == (
        "写法同年度指标值；定性指标填所评档次：评为「达成年度指标」得分值的 80%—100%；"
        "评为「部分达成年度指标并具有一定效果」得分值的 60%—80%；"
        "评为「未达成年度指标且效果较差」得分值的 0%—60%")
    assert sheet["O1"].comment.text == (
        "该行分值；各部分各行分值合计应等于该部分分值：产出指标 50 分；效益指标 30 分；"
        "满意度指标 10 分")
    assert sheet["P1"].comment.text == (
        "仅定性指标填写：评价人在所评档次分值范围内给出的得分；其他指标由 perfscore 计算")
    # typed figures stay as typed: `=` is no formula, 85.5% is not 0.855
    assert {sheet[f"{c}2"].number_format for c in "KLMN"} == {"@"}
    assert sheet["O2"].number_format == "General"
    for row, line in enumerate(FILLED, 2):
        for column, header in enumerate(MOF_HEADERS, 1):
            sheet.cell(row=row, column=column, value=line.get(header))
    filled = tmp_path / "已填报.xlsx"
    book.save(filled)
    _assert_scored(capsys, _read_units(capsys, filled, tmp_path / "out.csv"), tmp_path)


def test_the_csv_template_of_rows_is_its_header_and_reads_back(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "填报模板.csv"
    assert run(capsys, "template", MOF, "-o", blank)[0] == 0
    assert blank.read_bytes() == ("\ufeff" + ",".join(MOF_HEADERS) + "\r\n").encode()
    with blank.open("a", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([["" if line.get(h) is None else line[h] for h in MOF_HEADERS]
                                    for line in FILLED])
    _assert_scored(capsys, _read_units(capsys, blank, tmp_path / "out.csv"), tmp_path)


def test_english_notes_on_the_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "template.xlsx"
    assert run(capsys, "template", MOF, "-o", blank, "--lang", "en")[0] == 0
    sheet = openpyxl.load_workbook(blank)["Template"]
    assert [c.value for c in sheet[1]] == MOF_HEADERS  # the table's own headers
    assert sheet["K1"].comment.text == (
        "≥ higher is better, ≤ lower is better, = equal to the target, 定性 qualitative")
    assert sheet["O1"].comment.text == (
        "the row's points; a section's rows add up to its points: 产出指标 50 points; "
        "效益指标 30 points; 满意度指标 10 points")


def test_sections_with_their_own_bands_are_noted_one_by_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = MOF.read_text(encoding="utf-8").replace(
        "  satisfaction: {type: rows, label: 满意度指标}", "  satisfaction: {type: rows}")
    effect = text.index("bands: *bands")  # the 效益指标 section's: 好 and 差 instead
    (tmp_path / "s.yaml").write_text(
        text[:effect] + 'bands: {好: [0.5, 1], 差: "[0, 0.5)"}'
        + text[effect + len("bands: *bands"):], encoding="utf-8")
    blank = tmp_path / "t.xlsx"
    assert run(capsys, "template", tmp_path / "s.yaml", "-o", blank)[0] == 0
    book = openpyxl.load_workbook(blank)
    sheet = book["填报模板"]
    assert [book["选项"].cell(row=r, column=1).value for r in (1, 2, 3)] == [
        "产出指标", "效益指标", "satisfaction"]  # a rows input without a label by its name
    above = ("评为「达成年度指标」得分值的 80%—100%；"
             "评为「部分达成年度指标并具有一定效果」得分值的 60%—80%；"
             "评为「未达成年度指标且效果较差」得分值的 0%—60%")
    assert sheet["N1"].comment.text == (
        f"写法同年度指标值；定性指标填所评档次，各部分如下：\n产出指标：{above}\n"
        "效益指标：评为「好」得分值的 50%—100%；评为「差」得分值的 0%—50%\n"
        f"satisfaction：{above}")
