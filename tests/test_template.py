"""``perfscore template``: the blank sheet a unit fills in reads back through ``batch`` (and,
row by row, through ``score``) as it is, and offers what the scheme allows."""

from __future__ import annotations

import csv
import json
from pathlib import Path

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
