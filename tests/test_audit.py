"""`perfscore audit` and `Scheme.audit` (SPEC §9): a unit's reported table recomputed, every
difference a finding with both numbers, nothing that can be read rejected."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore._audit import audit as audit_module
from perfscore._cli import main
from perfscore._score.result import Flag
from tests.conftest import traced_growth

ROOT = Path(__file__).parents[1]
SCHEME_FILE = ROOT / "rules" / "changning" / "key-projects-2023.yaml"
EXAMPLES = ROOT / "examples" / "audit"

# What examples/audit/make_units.py plants, unit by unit (line = the unit's row): (unit, line,
# code, item id). u01, u10 (rescaled) and u12 (within tolerance) are clean.
PLANTED = {
    ("u02", 3, "AU101", "investment"), ("u02", 3, "AU103", None),   # a wrong item score
    ("u03", 4, "AU102", None), ("u03", 4, "AU103", None),           # a total not the sum
    ("u04", 5, "AU104", None),                                      # 优 for 89 points
    ("u05", 6, "AU103", None),                                      # a total off, alone
    ("u06", 7, "AU105", "staffing"), ("u06", 7, "AU102", None),     # 6 of 5 points
    ("u07", 8, "AU105", "staffing"), ("u07", 8, "AU102", None),     # -2 points
    ("u08", 9, "AU107", "budget_execution"),                        # no 偏差原因
    ("u09", 10, "AU100", None),                                     # 九十八 for a number
    ("u11", 12, "AU107", "investment"),                             # 偏离度 without a reason
}

FIGURES: dict[str, Any] = {
    "key_projects": 20, "started_projects": 19, "planned_investment": 100,
    "completed_investment": 98, "tech_committed": 50, "tech_completed": 50,
    "basic_spending": 70, "project_spending": 30, "authorised_staff": 12, "actual_staff": 12,
    "budget_full_year": 200, "budget_spent": 190, "satisfaction": "95%",
    "work_level": "达成年度指标",
    "reasons": {"investment": "资金拨付滞后", "budget_execution": "合同未结算"}}
ITEMS = {"start_rate": 20, "investment": 29.4, "tech_investment": 10, "project_share": 5,
         "staffing": 5, "budget_execution": 9.5, "satisfaction": 10, "key_work": 10}


@pytest.fixture(scope="module")
def scheme() -> perfscore.Scheme:
    return perfscore.load(SCHEME_FILE)


def record(**reported: Any) -> dict[str, Any]:
    return {**FIGURES, "reported": {"total": 98.9, "grade": "优", "items": dict(ITEMS),
                                    **reported}}


@pytest.mark.parametrize("name", ["units.csv", "units.xlsx"])
def test_the_planted_mistakes_are_found_exactly(name: str, capsys: pytest.CaptureFixture[str]
                                                ) -> None:
    code = main(["audit", str(SCHEME_FILE), str(EXAMPLES / name), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    found = {(u["unit"], f["line"], f["code"], f["id"]) for u in data["units"]
             for f in u["findings"]}
    assert code == 1
    assert found == PLANTED
    assert data["summary"]["units"] == 12
    assert (data["summary"]["clean"], data["summary"]["with_findings"]) == (3, 9)


# What examples/audit/mof/make_sheet.py plants in a sheet of 自评表 rows (one line per row,
# 单位 grouping a project's lines); m01 is clean.
MOF = ROOT / "rules" / "mof" / "project-self-evaluation-2020.yaml"
PLANTED_ROWS = {
    ("m02", 10, "AU101", "output.5"), ("m02", 10, "AU103", None),   # 反向 scored as 正向
    ("m03", 18, "AU106", "effect.1"), ("m03", 18, "AU103", None),   # 9 in a band of 6 to 8
    ("m04", 26, "AU108", "output.3"),                               # a row written twice
    ("m04", 26, "AU108", "output"), ("m04", 26, "AU102", None),
    ("m04", 26, "AU103", None),
    ("m05", 35, "AU107", "output.1"),                               # no 偏差原因
    ("m06", 43, "AU102", None), ("m06", 43, "AU103", None),         # a total not the sum,
    ("m06", 43, "AU104", None),                                     # and 优 for 88
}


def test_the_planted_mistakes_in_a_sheet_of_rows_are_found_exactly(
        capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["audit", str(MOF), str(EXAMPLES / "mof" / "units.csv"), "--id-field", "单位",
                 "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    found = {(u["unit"], f["line"], f["code"], f["id"]) for u in data["units"]
             for f in u["findings"]}
    assert code == 1
    assert found == PLANTED_ROWS
    assert (data["summary"]["clean"], data["summary"]["with_findings"]) == (1, 5)


def test_a_folder_of_submissions(capsys: pytest.CaptureFixture[str]) -> None:
    """Every record file in the folder, by name: the YAML unit, then the two sheets."""
    code = main(["audit", str(SCHEME_FILE), str(EXAMPLES), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    found = [(Path(u["file"]).name, u["unit"], f["line"], f["code"], f["id"])
             for u in data["units"] for f in u["findings"]]
    unit = ("changning.yaml", "常宁市重点建设项目事务中心")
    assert code == 1
    assert found[:4] == [(*unit, 18, "AU107", "start_rate"), (*unit, 24, "AU101", "investment"),
                         (*unit, 20, "AU102", None), (*unit, 20, "AU103", None)]
    for name in ("units.csv", "units.xlsx"):
        assert {(u, line, c, i) for n, u, line, c, i in found if n == name} == PLANTED
    assert data["summary"]["units"] == 25


def test_many_units_print_a_line_per_finding_and_a_summary(
        capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["audit", str(SCHEME_FILE), str(EXAMPLES / "units.csv"), "--lang", "en"])
    out = capsys.readouterr().out.splitlines()
    path = EXAMPLES / "units.csv"
    assert code == 1
    assert out[0] == (f"{path}:3: AU101: 年度投资计划完成率: reported 30 points, recomputed 29.4 "
                      "(difference +0.6): 年度投资计划完成率 is 98% against a target of 100% "
                      "(98% of it): 29.4 of 30 points.")
    assert f"{path}:10: AU100: the record cannot be audited: completed_investment (完成投资): " \
           "'九十八' is not a number" in out
    assert out[out.index("12 units: 3 clean, 9 with findings") + 1:][:3] == [
        "by code: AU100 ×1, AU101 ×1, AU102 ×3, AU103 ×3, AU104 ×1, AU105 ×2, AU107 ×2",
        f"  u02 ({path}:3): 2 findings", f"  u03 ({path}:4): 2 findings"]


def test_a_wrong_item_names_both_numbers_the_difference_and_the_explanation(
        scheme: perfscore.Scheme) -> None:
    audit = scheme.audit(record(total=97.96, items={**ITEMS, "investment": 28.46}), lang="en")
    assert [(f.code, f.id, f.reported, f.recomputed, f.difference) for f in audit.findings] == [
        ("AU101", "investment", Decimal("28.46"), Decimal("29.4"), Decimal("-0.94")),
        ("AU103", None, Decimal("97.96"), Decimal("98.9"), Decimal("-0.94"))]
    assert audit.findings[0].message("zh") == (
        "年度投资计划完成率：填报 28.46 分，核算 29.4 分（相差 -0.94 分）：年度投资计划完成率 98%，"
        "年度指标值 100%，完成率 98%，得 29.4 分（满分 30 分）。")
    assert audit.result is not None and audit.result.total == Decimal("98.9")


def test_a_clean_record_and_the_tolerances(scheme: perfscore.Scheme) -> None:
    assert scheme.audit(record()).clean
    near = record(total=98.99, items={**ITEMS, "investment": 29.41})  # 0.01 and 0.09 off
    assert scheme.audit(near).clean
    assert [f.code for f in scheme.audit(near, tolerance=Decimal(0),
                                         sum_tolerance=Decimal("0.05")).findings] == [
        "AU101", "AU102", "AU103"]


def test_tolerances_come_from_the_scheme(tmp_path: Path) -> None:
    text = SCHEME_FILE.read_text(encoding="utf-8").replace(
        "  extra_inputs: reject\n", "  extra_inputs: reject\n  audit: {tolerance: 0.5, "
        "sum_tolerance: 1}\n", 1)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    loose = perfscore.load(path)
    assert loose.settings.audit.tolerance == Decimal("0.5")
    assert loose.audit(record(total=99.8, items={**ITEMS, "investment": 29.8})).clean
    assert [f.code for f in loose.audit(record(total=100)).findings] == ["AU102", "AU103"]


def test_grades_against_the_reported_and_the_recomputed_total(
        scheme: perfscore.Scheme) -> None:
    own = scheme.audit(record(total=89, grade="优", items={}), lang="en").findings
    assert [(f.key, f.message("en")) for f in own] == [
        ("AU103", "reported total 89, recomputed 98.9 (difference -9.9)"),
        ("AU104", "reported grade '优', but the reported total 89 is '良'")]
    theirs = scheme.audit(record(total=None, grade="良"), lang="en").findings
    assert [f.message("en") for f in theirs] == [
        "reported grade '良', but the recomputed total 98.9 is '优'"]


def test_what_cannot_be_read_is_an_au100_never_an_exception(scheme: perfscore.Scheme) -> None:
    assert [f.message("en") for f in scheme.audit("a text", lang="en").findings] == [  # type: ignore[arg-type]
        "the record cannot be audited: a record must be a mapping of field names to values"]
    odd = scheme.audit(record(total="九十", items={"investment": "x", "nope": 1}), lang="en")
    assert [f.message("en") for f in odd.findings] == [
        "total: the reported points '九十' are not a number",
        "investment: the reported points 'x' are not a number",
        "reported points for 'nope', which is no indicator of the scheme"]
    assert [f.code for f in scheme.audit({**FIGURES, "reported": [1]}).findings] == ["AU100"]


def test_items_by_name_and_not_assessed_items(scheme: perfscore.Scheme) -> None:
    figures = {k: v for k, v in FIGURES.items() if k != "satisfaction"}
    audit = scheme.audit({**figures, "reported": {"items": {"服务对象满意度": 10}}}, lang="en")
    assert [(f.key, f.id) for f in audit.findings] == [("AU101.not_assessed", "satisfaction")]


def test_a_review_flag_and_a_shortfall_need_a_reason(scheme: perfscore.Scheme) -> None:
    over = {**FIGURES, "completed_investment": 125, "reasons": {}}
    assert [(f.key, f.id) for f in scheme.audit(over).findings] == [
        ("AU107.review", "investment"), ("AU107", "budget_execution")]
    assert scheme.audit({**over, "reasons": {"年度投资计划完成率": "提前完工",
                                             "budget_execution": "未结算"}}).clean


def test_the_lenient_scorers_flags_are_findings(scheme: perfscore.Scheme,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """AU106 and AU108 come from the flags the scorer's lenient mode raises (the rows
    contract): this checks the mapping on a result carrying them."""
    real = audit_module.recompute

    def flagged(*args: Any) -> Any:
        result = real(*args)
        return dataclasses.replace(result, warnings=(*result.warnings, *(
            Flag("key_work", "out_of_band", {"level": "部分达成年度指标并具有一定效果",
                                             "low": Decimal(6), "high": Decimal(8),
                                             "given": Decimal(9)}),
            Flag("output", "rows_points", {"sum": Decimal(45), "points": Decimal(50)}),
            Flag("start_rate", "row_repeated", {"name": "重点项目开复工率"}),
            Flag("budget", "required_missing", {}))))
    monkeypatch.setattr(audit_module, "recompute", flagged)
    audit = scheme.audit(record(), lang="en")
    assert [(f.key, f.id, f.message("en")) for f in audit.findings] == [
        ("AU108.points", "output", "产出指标: the rows' points add up to 45, not 50"),
        ("AU108.repeated", "start_rate", "重点项目开复工率: the row is repeated"),
        ("AU106", "key_work", "重点工作完成情况: rated '部分达成年度指标并具有一定效果', the "
                              "score must lie between 6 and 8 points; 9 was reported"),
        ("AU108.required", "budget", "预算执行: a mandatory item is not reported")]


def test_one_unit_prints_its_table_with_the_audit_column(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text(json.dumps(record(items={**ITEMS, "investment": 30}), ensure_ascii=False),
                    encoding="utf-8")
    assert main(["audit", str(SCHEME_FILE), str(path)]) == 1
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if "年度投资计划完成率" in line)
    assert "AU101 +0.6" in row and "30 │ 29.4 │" in row
    assert "核查" in out and "发现 2 个问题" in out
    assert (f"{path}:1: AU102: 填报总分 98.9 分，与各项填报得分之和 99.5 分不符（相差 -0.6 分）"
            in out)
    path.write_text(json.dumps(record(), ensure_ascii=False), encoding="utf-8")
    assert main(["audit", str(SCHEME_FILE), str(path), "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert ("| 指标 | 实际完成值 | 年度指标值 | 填报得分 | 得分 | 分值 | 核查 | 评分说明 |"
            in markdown)
    assert "- 核查无误" in markdown


def test_findings_in_a_yaml_record_point_at_their_lines(
        scheme: perfscore.Scheme, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "unit.yaml"
    lines = [f"{k}: {v}" for k, v in FIGURES.items() if k != "reasons"]
    path.write_text("\n".join([*lines, "reasons: {investment: 滞后}", "reported:",
                               "  total: 98.9", "  items:", "    investment: 30", ""]),
                    encoding="utf-8")
    assert main(["audit", str(SCHEME_FILE), str(path), "--lang", "en"]) == 1
    found = [line for line in capsys.readouterr().out.splitlines() if ": AU" in line]
    assert [line.split(": AU")[0] for line in found] == [
        f"{path}:19", f"{path}:15"]  # investment's points; the reasons, which lack 预算执行率


def test_xlsx_has_a_findings_sheet_and_a_units_sheet(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "audit.xlsx"
    code = main(["audit", str(SCHEME_FILE), str(EXAMPLES / "units.csv"), "--format", "xlsx",
                 "-o", str(out)])
    assert code == 1
    assert capsys.readouterr().out.startswith("12 个单位：无误 3，有问题 9\n")
    book = openpyxl.load_workbook(out)
    findings, units = book.worksheets
    assert (findings.title, units.title) == ("核查问题", "单位")
    assert (findings.freeze_panes, units.freeze_panes) == ("A2", "A2")
    assert (findings.auto_filter.ref, units.auto_filter.ref) == ("A1:J14", "A1:I13")
    assert [c.value for c in findings[2]][:9] == ["u02", str(EXAMPLES / "units.csv"), 3,
                                                  "AU101", "investment", "年度投资计划完成率",
                                                  30, 29.4, 0.6]
    assert [c.value for c in units[10]] == ["u09", str(EXAMPLES / "units.csv"), 10, 98.9,
                                            None, "优", None, 1, "AU100"]


def test_exit_codes_for_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    csv = str(EXAMPLES / "units.csv")
    assert main(["audit", str(SCHEME_FILE), csv, "--format", "xlsx"]) == 2
    assert "请用 -o 文件名.xlsx 指定" in capsys.readouterr().err
    assert main(["audit", str(tmp_path / "none.yaml"), csv]) == 2
    with pytest.raises(SystemExit) as stopped:
        main(["audit", str(SCHEME_FILE), csv, "--tolerance", "-1"])
    assert stopped.value.code == 2
    broken = tmp_path / "bad.yaml"
    broken.write_text("a: [1\n", encoding="utf-8")
    assert main(["audit", str(SCHEME_FILE), str(broken)]) == 1  # unreadable: a finding
    assert ": AU100: " in capsys.readouterr().out


def test_the_reserved_keys(scheme: perfscore.Scheme, tmp_path: Path) -> None:
    plain = {k: v for k, v in FIGURES.items() if k != "reasons"}
    assert scheme.score({**plain, "reported": {"total": 1}}) == scheme.score(plain)
    text = SCHEME_FILE.read_text(encoding="utf-8").replace("  key_projects:\n",
                                                           "  reported: {type: number}\n"
                                                           "  key_projects:\n", 1)
    text = text.replace("perfscore: 1\n", "perfscore: 1.1\n", 1)  # a 1.0 file keeps its names
    with pytest.raises(perfscore.SchemeError) as caught:
        perfscore.loads(text, file=str(tmp_path / "s.yaml"))
    assert "'reported' is a reserved record key" in caught.value.errors[0].message


def _stream(count: int) -> Iterator[dict[str, Any]]:
    for n in range(count):
        yield record(total=98.9 + n % 3)  # two in three with findings


def test_audit_many_keeps_nothing_per_record(scheme: perfscore.Scheme) -> None:
    """Python's own allocations after 6,000 audited records are within 64 KiB of after
    1,000: audits stream, as scoring does."""
    assert traced_growth(scheme.audit_many(_stream(6_000)), 1_000) < 64 * 1024


def test_audit_many_names_units_by_their_id(scheme: perfscore.Scheme) -> None:
    audits = list(scheme.audit_many([{**record(), "unit": "a"}, {"unit": "b"}],
                                    id_field="unit"))
    assert [(a.unit, a.clean) for a in audits] == [("a", True), ("b", False)]
    assert audits[1].findings[0].code == "AU100"


def test_tolerances_and_output_file_on_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "audit.md"
    csv = str(EXAMPLES / "units.csv")
    assert main(["audit", str(SCHEME_FILE), csv, "--format", "markdown", "-o", str(out),
                 "--tolerance", "1", "--sum-tolerance", "4"]) == 1
    assert capsys.readouterr().out == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    # within 1 point an item and 4 a total: only the grade, the ranges, the reasons, 九十八
    assert [line.split(": ")[1] for line in lines if line.startswith("- ")] == [
        "AU104", "AU105", "AU105", "AU107", "AU100", "AU107"]
    summary = lines.index("12 个单位：无误 6，有问题 6")
    assert lines[summary + 1] == "按代码：AU100 ×1、AU104 ×1、AU105 ×2、AU107 ×2"


@pytest.mark.parametrize("form", ["table", "json", "xlsx"])
def test_an_audit_never_writes_over_what_it_audits(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str) -> None:
    """``-o`` naming the submitted file emptied it (a table), replaced it (a workbook), or,
    as JSON read back while written, grew it without end; ``batch`` always refused it."""
    submitted = tmp_path / ("units.xlsx" if form == "xlsx" else "units.csv")
    if form == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.Workbook()
        book.active.append(["id", "key_projects"])  # type: ignore[union-attr]
        book.save(submitted)
    else:
        submitted.write_bytes((ROOT / "examples" / "audit" / "units.csv").read_bytes())
    before = submitted.read_bytes()
    formats = [] if form == "table" else ["--format", form]
    assert main(["audit", str(SCHEME_FILE), str(submitted), *formats, "-o", str(submitted),
                 "--lang", "en"]) == 2
    assert capsys.readouterr().err == (f"{submitted}: error: the output {submitted} is the "
                                       "input file: write the results to another file\n")
    assert submitted.read_bytes() == before
    folder = tmp_path / "submissions"
    folder.mkdir()
    (folder / "units.csv").write_bytes((ROOT / "examples" / "audit" / "units.csv").read_bytes())
    assert main(["audit", str(SCHEME_FILE), str(folder), "-o", str(folder / "found.json"),
                 "--format", "json"]) == 2  # written there, it would be read as a submission
    assert sorted(p.name for p in folder.iterdir()) == ["units.csv"]
    capsys.readouterr()
    assert main(["audit", str(SCHEME_FILE), str(folder), "-o", str(folder / "found.md"),
                 "--format", "markdown"]) != 2  # a report, which no audit reads
    assert sorted(p.name for p in folder.iterdir()) == ["found.md", "units.csv"]


AUDITED_VETO = """\
perfscore: 1.1
id: t.audit.veto
edition: 2024
title: t
inputs:
  a: {type: number}
  b: {type: number}
  bad: {type: bool}
indicators:
  - {id: ia, name: 甲, points: 60, value: a, target: 1, score: ratio}
  - {id: ib, name: 乙, points: 40, value: b, target: 1, score: ratio}
vetoes:
  - {if: bad, grade: 差, message: 发生重大违纪违规问题}
grades:
  - {min: 90, label: 优}
  - {min: 0, label: 差}
"""


def test_a_vetoed_unit_reporting_its_capped_grade_has_no_finding() -> None:
    """Its total of 100 earns 优, which the veto caps at 差: the grade it reported. The unit
    was told "填报总分 100 分应为「优」"."""
    scheme = perfscore.loads(AUDITED_VETO)
    reported = {"total": 100, "grade": "差", "items": {"ia": 60, "ib": 40}}
    audit = scheme.audit({"a": 1, "b": 1, "bad": True, "reported": reported})
    assert [f.code for f in audit.findings] == []
    wrong = scheme.audit({"a": 1, "b": 1, "bad": True,
                          "reported": {**reported, "grade": "优"}})
    assert [f.code for f in wrong.findings] == ["AU104"]


@pytest.mark.parametrize("tolerance", [0.03, "0.03", Decimal("0.03")])
def test_a_tolerance_given_as_a_float_is_its_decimal(tolerance: Any) -> None:
    """0.03 as a float is 0.0299…: a difference of exactly 0.03 was a finding with it and
    none with Decimal("0.03") or ``--tolerance 0.03``."""
    scheme = perfscore.loads(AUDITED_VETO)
    audit = scheme.audit({"a": "0.5", "b": 1, "bad": False, "reasons": {"ia": "半数完成"},
                          "reported": {
                              "total": "70.03", "items": {"ia": "30.03", "ib": 40}}},
                         tolerance=tolerance, sum_tolerance=tolerance)
    assert [f.code for f in audit.findings] == []


def test_one_unit_as_json_has_the_shape_of_many(capsys: pytest.CaptureFixture[str]) -> None:
    """docs/audit.md: ``{"units": [...], "summary": {...}}``; one unit was written as the unit
    alone, and a script reading a folder broke on a folder of one."""
    code = main(["audit", str(SCHEME_FILE), str(EXAMPLES / "changning.yaml"), "--format",
                 "json"])
    data = json.loads(capsys.readouterr().out)
    assert sorted(data) == ["summary", "units"]
    assert (len(data["units"]), data["summary"]["units"]) == (1, 1)
    assert code == (0 if data["summary"]["with_findings"] == 0 else 1)


def test_one_unit_of_a_sheet_of_rows_shows_each_row_s_reported_points(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A row carries its own 得分: the one-unit table showed 填报得分 blank and no ✓ on any
    row, though the finding on 每公里改造成本 said "填报 10 分"."""
    lines = (EXAMPLES / "mof" / "units.csv").read_text(encoding="utf-8").splitlines()
    sheet = tmp_path / "m02.csv"
    sheet.write_text("\n".join([lines[0], *lines[9:17]]) + "\n", encoding="utf-8")
    assert main(["audit", str(MOF), str(sheet), "--id-field", "单位",
                 "--format", "markdown"]) == 1
    table = {row.split(" | ")[0].strip("|　 "): row.split(" | ")[1:7]
             for row in capsys.readouterr().out.splitlines() if row.startswith("| 　")}
    assert table["危桥改造座数"] == ["6 座", "6 座", "5", "5", "5", "✓"]
    assert table["每公里改造成本"] == ["7.5 万元", "7 万元", "10", "9.33", "10", "AU101 +0.67"]


def test_a_unit_whose_id_is_none_is_named_as_one_without_id(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An id of null was the unit 'None'; it is named as a unit without an id is."""
    listed = tmp_path / "units.yaml"
    listed.write_text("- {id: null, key_projects: 1}\n- {key_projects: 1}\n",
                      encoding="utf-8")
    main(["audit", str(SCHEME_FILE), str(listed), "--format", "json"])
    assert [unit["unit"] for unit in json.loads(capsys.readouterr().out)["units"]] == [
        None, None]
