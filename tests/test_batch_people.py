"""``perfscore batch`` written for people (``--headers names``, the default for XLSX): columns
headed in the scheme's language with the indicators' names, the status in words, a warnings
column, a summary sheet; and the hint when a column of unit names was meant as the id."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import run
from tests.security.sandbox import scheme

ROOT = Path(__file__).parents[1]
SCHEME = ROOT / "rules" / "changning" / "key-projects-2024.yaml"
UNITS = ROOT / "examples" / "units-2023.yaml"
HEADERS = ["单位", "状态", "总分", "自评等级", "产出指标", "数量指标", "重点项目开复工率",
           "年度投资计划完成率", "效益指标", "经济效益指标", "科技产业类项目投资完成率",
           "社会效益指标", "重点工作完成情况", "可持续影响指标", "在职人员控制率",
           "5000万元及以上项目投资占全市固投比重", "满意度指标", "服务对象满意度", "预算执行",
           "预算执行率", "提示", "退回原因"]


def test_a_workbook_is_written_for_people_with_a_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "结果.xlsx"
    assert run(capsys, "batch", SCHEME, UNITS, "-o", target)[0] == 1  # unit-f is rejected
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["评分结果", "汇总"]
    sheet = book["评分结果"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert sheet.freeze_panes == "B2"
    assert [row[:4] for row in rows[1:]] == [
        ("changning", "已评分", 85.07, "良"), ("unit-b", "已评分", 93.89, "优"),
        ("unit-c", "已评分", 61.88, "中"), ("unit-d", "已评分", 99.78, "优"),
        ("unit-e", "已评分", 82.29, "良"), ("unit-f", "退回", None, None)]
    assert rows[2][-2] == ("预算执行率：未填报「全年执行数」，不参与评分，总分按已评指标折算。"
                           "有指标不参与评分，总分按已评指标满分 90 分折算为 100 分制："
                           "84.5÷90×100=93.89。")
    assert rows[6][-2:] == (None, "开复工项目个数不能多于列入重点项目个数")
    summary = book["汇总"]
    assert list(summary.iter_rows(max_row=13, max_col=2, values_only=True)) == [
        ("汇总", None), ("单位数", 6), ("已评分", 5), ("退回", 1),
        # (85.07 + 93.89 + 61.88 + 99.78 + 82.29) ÷ 5 = 422.91 ÷ 5 = 84.582
        ("平均分", 84.58), ("最高分", 99.78), ("最低分", 61.88), (None, None),
        ("自评等级", "单位数"), ("优", 2), ("良", 2), ("中", 1), ("差", 0)]
    lost = list(summary.iter_rows(min_row=15, values_only=True))
    assert lost[0] == ("失分最多的指标", "累计失分", "失分单位数")
    assert lost[1] == ("重点项目开复工率", 34, 4)  # 20 − 10, 20 − 16, 20 − 10, 20 − 10
    assert len(summary._charts) == 1  # the bar chart of units by grade


def test_csv_for_people_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.csv"
    assert run(capsys, "batch", SCHEME, UNITS, "-o", target, "--headers", "names",
               "--lang", "en")[0] == 1
    with target.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:4] == ["unit", "status", "total", "grade"]
    assert rows[0][-2:] == ["warnings", "errors"]
    assert [row[1] for row in rows[1:]] == ["scored"] * 5 + ["rejected"]
    assert rows[2][-2] == ("预算执行率: input '全年执行数' was not given; left out; the total "
                           "is rescaled. Some indicators were left out; the total is rescaled "
                           "from 90 to 100: 84.5 ÷ 90 × 100 = 93.89.")


def test_a_column_of_unit_names_the_scheme_does_not_declare_suggests_id_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "units.csv"
    source.write_text("单位,列入重点项目个数,开复工项目个数,年度计划投资,完成投资,科技产业类项目年度承诺投资,"
                      "科技产业类项目完成投资,基本支出,项目支出,核定编制数,实有在编人数\n"
                      "常宁,43,37,106.1,104.5,88.02,89.32,99.35,62.75,12,7\n", encoding="utf-8")
    scheme = ROOT / "rules" / "changning" / "key-projects-2023.yaml"
    code, _, err = run(capsys, "batch", scheme, source, "-o", tmp_path / "out.csv")
    assert code == 1
    assert err.splitlines() == [
        "perfscore: 「单位」列不是方案的输入，各行将因此被退回："
        "如该列为单位名称，请加 --id-field 单位",
        f"{source}:2: error: '单位': 方案未声明此字段"]
    code, _, err = run(capsys, "batch", scheme, source, "-o", tmp_path / "out.csv",
                       "--id-field", "单位")
    assert (code, err) == (0, "")


def test_a_pool_writes_the_same_workbook_summary_included(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary is gathered from the rows as they are written, so the chunks a pool of
    workers sends back count as one process's rows do."""
    from perfscore._batch import writers
    monkeypatch.setattr(writers, "POOL_MIN_ROWS", 10)
    monkeypatch.setattr(writers, "CHUNK_ROWS", 4)
    source = tmp_path / "units.yaml"
    source.write_text(UNITS.read_text(encoding="utf-8").replace("- id: ", "- id: a-") +
                      UNITS.read_text(encoding="utf-8").replace("- id: ", "- id: b-"),
                      encoding="utf-8")
    books = []
    for jobs in (1, 2):
        target = tmp_path / f"out{jobs}.xlsx"
        assert run(capsys, "batch", SCHEME, source, "-o", target, "--jobs", jobs)[0] == 1
        book = openpyxl.load_workbook(target)
        books.append([list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets])
    assert books[0] == books[1]
    assert books[0][1][1:4] == [("单位数", 12, None), ("已评分", 10, None), ("退回", 2, None)]


def test_names_that_a_fixed_column_or_a_formula_would_take_are_told_apart(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Leaves named like the fixed columns (total, status) get their ids, so a JSONL line
    keeps every value; grades that start as formulas do (+A, -B) are counted as written."""
    source, records = tmp_path / "s.yaml", tmp_path / "units.csv"
    source.write_text(scheme(
        indicators=[{"id": "a", "name": "total", "points": 60, "score": {"formula": "x"}},
                    {"id": "b", "name": "status", "points": 40, "score": {"formula": "x / 2"}}],
        grades=[{"min": 50, "label": "+A"}, {"min": 0, "label": "-B"}]), encoding="utf-8")
    records.write_text("id,x\nu0,10\nu1,40\nu2,50\n", encoding="utf-8")
    lines = tmp_path / "out.jsonl"
    assert run(capsys, "batch", source, records, "-o", lines, "--headers", "names")[0] == 0
    assert json.loads(lines.read_text(encoding="utf-8").splitlines()[0]) == {
        "unit": "u0", "status": "scored", "total": 15, "grade": "-B", "total（a）": 10,
        "status（b）": 5, "warnings": None, "errors": None}
    book = tmp_path / "out.xlsx"
    assert run(capsys, "batch", source, records, "-o", book)[0] == 0
    summary = openpyxl.load_workbook(book)["summary"]
    assert list(summary.iter_rows(min_row=9, max_row=11, max_col=2, values_only=True)) == [
        ("grade", "units"), ("'+A", 2), ("'-B", 1)]
