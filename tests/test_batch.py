"""``perfscore batch`` and ``Scheme.score_many``: every file format in and out, one output row
per input row in order, rejected rows that carry their errors, exit codes, and memory that
stays flat however many records stream through."""

from __future__ import annotations

import csv
import gc
import json
import os
import pty
import subprocess
import sys
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfscore
from tests.conftest import run, traced_growth

try:
    import openpyxl
except ImportError:  # the optional extra perfscore[excel]; the test extra installs it
    openpyxl = None
excel = pytest.mark.skipif(openpyxl is None, reason="needs openpyxl (perfscore[excel])")
XLSX = pytest.param(".xlsx", marks=excel)

ROOT = Path(__file__).resolve().parent.parent
SCHEME = ROOT / "rules" / "changning" / "key-projects-2023.yaml"

SEED = {"key_projects": 43, "started_projects": 37, "planned_investment": "106.1",
        "completed_investment": "104.5", "tech_committed": "88.02", "tech_completed": "89.32",
        "basic_spending": "99.35", "project_spending": "62.75", "authorised_staff": 12,
        "actual_staff": 7}
FULL = {"key_projects": 20, "started_projects": 19, "planned_investment": 100,
        "completed_investment": 100, "tech_committed": 50, "tech_completed": 50,
        "basic_spending": 70, "project_spending": 30, "authorised_staff": 12, "actual_staff": 12,
        "budget_full_year": 200, "budget_spent": 200, "satisfaction": "0.9",
        "work_level": "达成年度指标"}
MIDDLE = {**FULL, "started_projects": 14, "completed_investment": 80, "tech_completed": 54,
          "basic_spending": 95, "project_spending": 5, "actual_staff": 13, "budget_spent": 190,
          "satisfaction": "85%", "work_level": "未达成年度指标且效果较差"}
TOO_MANY_STARTED = {**SEED, "started_projects": 44}
BAD_VALUE = {**SEED, "key_projects": "四十三"}

UNITS = [("changning", SEED), ("full", FULL), ("middle", MIDDLE), ("over", TOO_MANY_STARTED),
         ("bad", BAD_VALUE)]
"""Five units: the seed report's figures (93.64 优, three indicators excluded and the total
rescaled), every indicator at its target (100 优), a 中 unit with a satisfaction written as
"85%" (66.77), a unit failing a check, and one with a count written in words."""

EXPECTED = [("changning", "scored", "93.64", "优"), ("full", "scored", "100", "优"),
            ("middle", "scored", "66.77", "中"), ("over", "rejected", "", ""),
            ("bad", "rejected", "", "")]
OVER_ERROR = "开复工项目个数不能多于列入重点项目个数"
BAD_ERROR = "key_projects (列入重点项目个数): '四十三' 不是整数"
COLUMNS = ["id", "status", "total", "grade", "output", "output_quantity", "start_rate",
           "investment", "benefit", "benefit_economic", "tech_investment", "benefit_social",
           "key_work", "benefit_sustainable", "project_share", "staffing",
           "satisfaction_indicators", "satisfaction", "budget", "budget_execution", "errors"]


@pytest.fixture(scope="module")
def scheme() -> perfscore.Scheme:
    return perfscore.load(SCHEME)




def labelled(scheme: perfscore.Scheme, record: dict[str, Any]) -> dict[str, Any]:
    return {scheme.inputs[k].label or k: v for k, v in record.items()}


def write_table(path: Path, rows: list[dict[str, Any]], encoding: str = "utf-8") -> None:
    """Rows as CSV or as the first sheet of a workbook, columns in first-seen order."""
    header = list(dict.fromkeys(k for row in rows for k in row))
    cells = [[row.get(k) for k in header] for row in rows]
    if path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(header)
        for line in cells:
            sheet.append(line)
        book.save(path)
        return
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([["" if c is None else c for c in line] for line in cells])


def write_input(path: Path, rows: list[dict[str, Any]]) -> None:
    if path.suffix in (".csv", ".xlsx"):
        write_table(path, rows)
    elif path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                        encoding="utf-8")
    elif path.suffix == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        path.write_text("".join(
            "- " + json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def read_output(path: Path) -> list[dict[str, Any]]:
    """Rows of a batch output file as text cells ("" for nothing), whatever its format."""
    def text(value: Any) -> str:
        if value is None:
            return ""
        return str(value) if not isinstance(value, float) else format(Decimal(repr(value)), "f")

    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    if path.suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines()
        return [{k: text(v) for k, v in json.loads(line).items()} for line in lines]
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    width = len(rows[0])  # a streamed sheet leaves out empty cells at the end of a row
    return [dict(zip(rows[0], map(text, (*row, *[None] * (width - len(row)))), strict=True))
            for row in rows[1:]]


def summary(rows: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    return [(r["id"], r["status"], r["total"], r["grade"]) for r in rows]


# --- formats in ------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".yaml", ".json", XLSX])
def test_every_input_format_scores_the_same(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    source, target = tmp_path / f"units{suffix}", tmp_path / "out.csv"
    write_input(source, [{"id": unit, **record} for unit, record in UNITS])
    code, out, err = run(capsys, "batch", SCHEME, source, "-o", target)
    rows = read_output(target)
    assert code == 1  # two rows were rejected; the output is written all the same
    assert summary(rows) == EXPECTED
    assert [r["errors"] for r in rows] == ["", "", "", OVER_ERROR, BAD_ERROR]
    assert rows[0]["start_rate"] == "16" and rows[0]["investment"] == "29.55"
    assert rows[0]["satisfaction"] == "" and rows[0]["budget"] == ""  # excluded, not 0
    assert "5 行：已评分 3，退回 2" in out
    line = {".csv": 5, ".jsonl": 4, ".xlsx": 5}.get(suffix)
    if line is not None:  # where the rejected row is, as a person counts
        assert f"{source}:{line}: error: {OVER_ERROR}" in err.splitlines()


def test_csv_with_chinese_headers(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  scheme: perfscore.Scheme) -> None:
    """Column names copied from a spreadsheet are the inputs' labels; the id column is named
    with --id-field."""
    source, target = tmp_path / "自评.csv", tmp_path / "结果.csv"
    write_table(source, [{"单位": unit, **labelled(scheme, record)} for unit, record in UNITS])
    assert source.read_text(encoding="utf-8").startswith("单位,列入重点项目个数,开复工项目个数")
    code, _, _ = run(capsys, "batch", SCHEME, source, "-o", target, "--id-field", "单位")
    assert code == 1
    assert summary(read_output(target)) == EXPECTED


def test_csv_saved_by_excel_in_gb18030(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       scheme: perfscore.Scheme) -> None:
    """Excel on a Chinese Windows saves "CSV (逗号分隔)" in GB18030, not UTF-8."""
    source, target = tmp_path / "units.csv", tmp_path / "out.csv"
    write_table(source, [{"单位": unit, **labelled(scheme, record)} for unit, record in UNITS],
                encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        source.read_text(encoding="utf-8")
    code, _, _ = run(capsys, "batch", SCHEME, source, "-o", target, "--id-field", "单位")
    assert code == 1
    assert summary(read_output(target)) == EXPECTED


def test_a_bad_value_rejects_only_its_row(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "units.csv", tmp_path / "out.csv"
    write_table(source, [{"id": "a", **SEED}, {"id": "b", **SEED, "actual_staff": "-1"},
                         {"id": "c", **SEED}])
    code, _, err = run(capsys, "batch", SCHEME, source, "-o", target)
    rows = read_output(target)
    assert code == 1
    assert [(r["id"], r["status"], r["total"]) for r in rows] == [
        ("a", "scored", "93.64"), ("b", "rejected", ""), ("c", "scored", "93.64")]
    assert rows[1]["errors"] == "actual_staff (实有在编人数): 不能小于 0"
    assert err == f"{source}:3: error: actual_staff (实有在编人数): 不能小于 0\n"


def test_every_error_of_a_row_is_in_its_cell(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "units.jsonl", tmp_path / "out.jsonl"
    write_input(source, [{"id": "x", **SEED, "key_projects": -1, "actual_staff": "many",
                          "surplus": 1}])
    assert run(capsys, "batch", SCHEME, source, "-o", target)[0] == 1
    (row,) = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert row["status"] == "rejected" and row["total"] is None
    assert row["errors"].split("; ") == [
        "key_projects (列入重点项目个数): 不能小于 0",
        "actual_staff (实有在编人数): 'many' 不是整数",
        "surplus: 方案未声明此字段"]


@pytest.mark.parametrize("content", ["", "\n\n", "\ufeff"])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".yaml", ".json"])
def test_an_empty_file_is_not_a_success(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str, content: str) -> None:
    """A batch that scored nothing says so, exits 2 and writes nothing (an earlier output of
    that name stays as it was)."""
    source, target = tmp_path / f"empty{suffix}", tmp_path / "out.csv"
    source.write_text(content, encoding="utf-8")
    target.write_text("earlier", encoding="utf-8")
    code, out, err = run(capsys, "batch", SCHEME, source, "-o", target)
    assert (code, out) == (2, "")
    assert err == f"{source}: error: 没有可评分的记录：输入文件中没有数据行，未写出任何文件\n"
    assert target.read_text(encoding="utf-8") == "earlier"
    assert sorted(os.listdir(tmp_path)) == sorted([source.name, target.name])


@pytest.mark.parametrize("suffix", [".csv", XLSX])
def test_a_table_with_only_a_header_has_no_rows(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    source, target = tmp_path / f"header{suffix}", tmp_path / "out.jsonl"
    write_table(source, [dict.fromkeys(["id", *SEED])])
    code, _, err = run(capsys, "batch", SCHEME, source, "-o", target, "--lang", "en")
    assert code == 2
    assert err == (f"{source}: error: no records to score: the input holds no rows, so nothing "
                   "was written\n")
    assert not target.exists()


@excel
def test_blank_rows_of_a_sheet_are_not_records(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Sheets end with formatted blank rows; a row with one value is a record (rejected)."""
    source, target = tmp_path / "units.xlsx", tmp_path / "out.csv"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", *SEED])
    sheet.append(["a", *SEED.values()])
    sheet.append([None] * (len(SEED) + 1))
    sheet.append(["b"])
    sheet["A9"] = "   "
    sheet["C12"] = None
    book.save(source)
    code, _, err = run(capsys, "batch", SCHEME, source, "-o", target)
    assert code == 1
    assert [(r["id"], r["status"]) for r in read_output(target)] == [
        ("a", "scored"), ("b", "rejected")]
    assert err.startswith(f"{source}:4: error: key_projects (列入重点项目个数): 缺少必填字段; ")


# --- formats out -----------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".csv", ".jsonl", XLSX])
def test_every_output_format_has_the_same_rows(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    source, target = tmp_path / "units.yaml", tmp_path / f"out{suffix}"
    write_input(source, [{"id": unit, **record} for unit, record in UNITS])
    # the layout programs read, which XLSX writes when asked (people's is its default)
    assert run(capsys, "batch", SCHEME, source, "-o", target, "--headers", "ids")[0] == 1
    rows = read_output(target)
    assert list(rows[0]) == COLUMNS
    assert summary(rows) == EXPECTED
    assert [rows[0][c] for c in COLUMNS[4:-1]] == [
        "45.55", "45.55", "16", "29.55", "20", "10", "10", "", "", "10", "5", "5", "", "", "",
        ""]
    assert rows[3]["errors"] == OVER_ERROR
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".perfscore-")]


def test_jsonl_output_has_json_numbers_and_nulls(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "units.jsonl", tmp_path / "out.jsonl"
    write_input(source, [{"id": "seed", **SEED}])
    assert run(capsys, "batch", SCHEME, source, "-o", target)[0] == 0
    row = json.loads(target.read_text(encoding="utf-8"))
    assert row["total"] == 93.64 and row["start_rate"] == 16 and row["budget"] is None
    assert row["errors"] is None and row["grade"] == "优"


@excel
def test_xlsx_output_keeps_text_as_text(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """An id that looks like a formula stays text, with the quote OWASP advises: the output
    never runs anything (tests/security/test_formula_injection.py has the rest)."""
    source, target = tmp_path / "units.jsonl", tmp_path / "out.xlsx"
    write_input(source, [{"id": "=HYPERLINK(\"http://example.com\")", **SEED}])
    assert run(capsys, "batch", SCHEME, source, "-o", target)[0] == 0
    book = openpyxl.load_workbook(target)
    cell = book.worksheets[0]["A2"]
    assert (cell.value, cell.data_type) == ("'=HYPERLINK(\"http://example.com\")", "s")
    assert book.worksheets[0]["C2"].value == 93.64


# --- order, count, hostile records -----------------------------------------------------------

def test_an_id_written_like_a_number_is_written_as_it_was(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Points are written in their shortest form (100.00 as 100) and an id as it was given,
    even when the id is the text of a total written just before it."""
    source, target = tmp_path / "units.jsonl", tmp_path / "out.csv"
    write_input(source, [{"id": "full", **FULL}, {"id": "100.00", **FULL}])
    assert run(capsys, "batch", SCHEME, source, "-o", target)[0] == 0
    assert summary(read_output(target)) == [("full", "scored", "100", "优"),
                                            ("100.00", "scored", "100", "优")]


def test_order_and_count_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """500 rows in, 500 rows out, in order, whether they scored or not — and a line that is
    not JSON at all is a rejected row too."""
    records = []
    for n in range(500):
        record = {"id": f"u{n:03}", **SEED, "started_projects": n % 50}
        records.append(record)
    source, target = tmp_path / "units.jsonl", tmp_path / "out.csv"
    lines = [json.dumps(r) for r in records]
    lines[250] = '{"id": "u250", "key_projects": 4'
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "batch", SCHEME, source, "-o", target)
    rows = read_output(target)
    assert code == 1
    assert len(rows) == 500
    assert [r["id"] for r in rows] == [f"u{n:03}" if n != 250 else "" for n in range(500)]
    rejected = [n for n, r in enumerate(rows) if r["status"] == "rejected"]
    assert rejected == [n for n in range(500) if n % 50 > 43 or n == 250]
    assert rows[250]["errors"].startswith("JSON 无效（")
    assert "500 行：已评分 439，退回 61（另有 41 行予以退回，见输出文件）" in out
    assert len(err.splitlines()) == 20


HOSTILE: list[Any] = [
    {**SEED, "planned_investment": "NaN"},
    {**SEED, "planned_investment": float("inf")},
    {**SEED, "planned_investment": "1e999999"},
    {**SEED, "key_projects": 10**5000},
    {**SEED, "planned_investment": "9" * 1_000_000},
    {**SEED, "work_level": "达成年度指标" * 100_000},
    {**SEED, "key_projects": True},
    {**SEED, "key_projects": {"__class__": "x"}},
    {**SEED, "key_projects": [1] * 100_000},
    {**SEED, "__import__('os')": 1},
    ["not", "a", "mapping"],
    None,
    "key_projects: 43",
    {},
]


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_record_is_rejected_alone(scheme: perfscore.Scheme, hostile: Any) -> None:
    alone = scheme.score(SEED).to_json()
    outcomes = list(scheme.score_many([SEED, hostile, SEED, hostile, SEED]))
    assert [type(o).__name__ for o in outcomes] == [
        "Result", "Rejection", "Result", "Rejection", "Result"]
    assert [o.to_json() for o in outcomes if isinstance(o, perfscore.Result)] == [alone] * 3
    first, second = outcomes[1], outcomes[3]
    assert isinstance(first, perfscore.Rejection) and isinstance(second, perfscore.Rejection)
    assert (first.index, second.index) == (1, 3)
    assert first.errors and first.message == second.message
    assert all(len(e.message) < 500 for e in first.errors)  # no echo of a huge value


def test_rejections_carry_the_id(scheme: perfscore.Scheme) -> None:
    outcomes = list(scheme.score_many(
        [{"unit": "a", **SEED}, {"unit": "b", **TOO_MANY_STARTED}, {**SEED}], id_field="unit"))
    rejection = outcomes[1]
    assert isinstance(rejection, perfscore.Rejection)
    assert (rejection.index, rejection.id, rejection.message) == (1, "b", OVER_ERROR)
    assert isinstance(outcomes[0], perfscore.Result) and isinstance(outcomes[2], perfscore.Result)


# --- exit codes and bad files ----------------------------------------------------------------

def test_exit_0_when_every_row_scored(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "units.csv", tmp_path / "out.csv"
    write_table(source, [{"id": "a", **SEED}, {"id": "b", **FULL}])
    code, out, err = run(capsys, "batch", SCHEME, source, "-o", target)
    assert (code, err) == (0, "")
    assert out.startswith("2 行：已评分 2，退回 0；用时 ") and out.rstrip().endswith(f"→ {target}")
    assert "条/秒" in out


def test_summary_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "units.csv", tmp_path / "out.csv"
    write_table(source, [{"id": "a", **SEED}, {"id": "b", **TOO_MANY_STARTED}])
    code, out, _ = run(capsys, "batch", SCHEME, source, "-o", target, "--lang", "en")
    assert code == 1
    assert out.startswith("2 rows: 1 scored, 1 rejected in ") and "records/s →" in out


def invalid_scheme(tmp_path: Path) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(SCHEME.read_text(encoding="utf-8").replace("score: ratio", "score: ration",
                                                               1), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", ["bad scheme", "no input", "input format", "output format",
                                  "not a list", "bad YAML", "duplicate column", "no folder"])
def test_exit_2_for_a_bad_scheme_or_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         case: str) -> None:
    scheme, source, target = SCHEME, tmp_path / "units.csv", tmp_path / "out.csv"
    write_table(source, [{"id": "a", **SEED}])
    if case == "bad scheme":
        scheme = invalid_scheme(tmp_path)
    elif case == "no input":
        source = tmp_path / "missing.csv"
    elif case == "input format":
        source = tmp_path / "units.txt"
        source.write_text("id\n", encoding="utf-8")
    elif case == "output format":
        target = tmp_path / "out.txt"
    elif case == "not a list":
        source = tmp_path / "units.yaml"
        source.write_text("key_projects: 43\n", encoding="utf-8")
    elif case == "bad YAML":
        source = tmp_path / "units.yaml"
        source.write_text("- {key_projects: 43\n", encoding="utf-8")
    elif case == "duplicate column":
        write_table(source, [{"key_projects": 43, "列入重点项目个数": 43}])
    else:
        target = tmp_path / "no" / "such" / "out.csv"
    code, out, err = run(capsys, "batch", scheme, source, "-o", target)
    assert code == 2
    assert out == "" and "Traceback" not in err
    assert err.count("error:") >= 1
    assert not target.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".perfscore-")]


def test_duplicate_column_names_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "units.csv", tmp_path / "out.csv"
    write_table(source, [{"key_projects": 43, "列入重点项目个数": 43}])
    _, _, err = run(capsys, "batch", SCHEME, source, "-o", target)
    assert err == (f"{source}:1: error: columns 'key_projects' and '列入重点项目个数' both "
                   "give the field 'key_projects'\n")


def test_a_line_that_is_not_text_rejects_its_row(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A CSV that stops being text after its first rows rejects the line that is not, with
    its line; the rows before and after it are scored (rows in = rows out)."""
    source, target = tmp_path / "units.csv", tmp_path / "out.csv"
    write_table(source, [{"id": f"u{n}", **SEED} for n in range(2000)])
    assert source.stat().st_size > 65536  # past where the encoding is told
    with source.open("ab") as handle:
        handle.write(b"u2000,4\xff3\n")
        handle.write(b"u2001," + ",".join(str(v) for v in SEED.values()).encode() + b"\n")
    code, _, err = run(capsys, "batch", SCHEME, source, "-o", target)
    assert code == 1
    assert err == (f"{source}:2002: error: 第 2002 行不是 UTF-8 文本（第 8 个字节）；请把文件另存为"
                   " CSV UTF-8\n")
    rows = read_output(target)
    assert len(rows) == 2002 and rows[2000]["status"] == "rejected"
    assert (rows[2001]["id"], rows[2001]["status"]) == ("u2001", "scored")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".perfscore-")]


def test_an_existing_output_is_replaced_only_on_success(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "units.csv", tmp_path / "out.csv"
    target.write_text("last year's results\n", encoding="utf-8")
    write_table(source, [{"key_projects": 43, "列入重点项目个数": 43}])
    assert run(capsys, "batch", SCHEME, source, "-o", target)[0] == 2
    assert target.read_text(encoding="utf-8") == "last year's results\n"
    write_table(source, [{"id": "a", **SEED}])
    assert run(capsys, "batch", SCHEME, source, "-o", target)[0] == 0
    assert summary(read_output(target)) == [("a", "scored", "93.64", "优")]


def test_a_value_under_no_header_rejects_its_row(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "units.csv", tmp_path / "out.csv"
    write_table(source, [{"id": "a", **SEED}])
    with source.open("a", encoding="utf-8") as handle:
        handle.write("b," + ",".join(str(v) for v in SEED.values()) + ",surplus\n")
    assert run(capsys, "batch", SCHEME, source, "-o", target)[0] == 1
    rows = read_output(target)
    assert [(r["id"], r["status"]) for r in rows] == [("a", "scored"), ("b", "rejected")]
    assert rows[1]["errors"] == "第 3 行：L 列有值，但该列没有表头"


def test_the_id_field_stays_when_the_scheme_declares_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SCHEME.read_text(encoding="utf-8").replace(
        "inputs:\n", "inputs:\n  code: {type: text, label: 单位代码}\n", 1)
    scheme = tmp_path / "with-code.yaml"
    scheme.write_text(text, encoding="utf-8")
    source, target = tmp_path / "units.csv", tmp_path / "out.csv"
    write_table(source, [{"单位代码": "430482", **SEED}])
    assert run(capsys, "batch", scheme, source, "-o", target, "--id-field", "code")[0] == 0
    assert summary(read_output(target)) == [("430482", "scored", "93.64", "优")]


@excel
def test_reading_xlsx_without_openpyxl_says_what_to_install(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    source, target = tmp_path / "units.xlsx", tmp_path / "out.csv"
    write_table(source, [{"id": "a", **SEED}])
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    code, _, err = run(capsys, "batch", SCHEME, source, "-o", target)
    assert code == 2
    assert err == (f"{source}: error: reading .xlsx files needs openpyxl: "
                   "pip install 'perfscore[excel]'\n")
    code, _, err = run(capsys, "batch", SCHEME, tmp_path / "units.xlsx", "-o",
                       tmp_path / "out.xlsx")
    assert code == 2 and "pip install 'perfscore[excel]'" in err


# --- the terminal ----------------------------------------------------------------------------

def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal stderr shows a live row count; redirected, stderr has only the errors."""
    source = tmp_path / "units.csv"
    write_table(source, [{"id": f"u{n}", **SEED} for n in range(50)])
    command = [sys.executable, "-m", "perfscore._cli", "batch", str(SCHEME), str(source), "-o",
               str(tmp_path / "out.csv")]
    environment = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    plain = subprocess.run(command, capture_output=True, env=environment, check=False,
                           timeout=120)
    assert (plain.returncode, plain.stderr) == (0, b"")
    leader, follower = pty.openpty()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=follower,
                          env=environment) as process:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the process closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait(timeout=120) == 0
    os.close(leader)
    assert b"50 \xe8\xa1\x8c" in shown  # "50 行", the count when the bar last drew


# --- memory ----------------------------------------------------------------------------------

MEMORY_SCHEME = """\
perfscore: 1
id: test.memory
edition: 1
title: memory
settings: {total: 10}
inputs:
  done: {type: integer, min: 0}
  planned: {type: integer, min: 0}
indicators:
  - id: rate
    name: 完成率
    points: 10
    value: done / planned
    target: 1
    score: ratio
"""


def generated(count: int) -> Iterator[dict[str, int]]:
    for n in range(count):
        yield {"done": n % 97, "planned": n % 13}  # one in 13 not assessed, so rejected


def resident() -> int:
    """Bytes the process holds in memory now (not its peak)."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs Linux /proc")
def test_memory_stays_flat_over_a_long_stream() -> None:
    """1,000,000 records: the process holds no more after them than after the first 10,000.
    (About 30 s on a quiet 2-core machine; 96 s when other work shared it.)"""
    scheme = perfscore.loads(MEMORY_SCHEME)
    count, start = 0, time.perf_counter()
    before = 0
    for outcome in scheme.score_many(generated(1_000_000)):
        count += 1
        if count == 10_000:
            gc.collect()
            before = resident()
        assert outcome is not None
    gc.collect()
    grown = resident() - before
    assert count == 1_000_000
    assert grown < 4 * 2**20, f"grew by {grown:,} bytes in {time.perf_counter() - start:.0f} s"


def test_nothing_is_kept_per_record() -> None:
    """Exactly: Python's own allocations after 12,000 records are within 64 KiB of after
    2,000 — less than 7 bytes for each record in between."""
    scheme = perfscore.loads(MEMORY_SCHEME)
    assert traced_growth(scheme.score_many(generated(12_000)), 2_000) < 64 * 1024


def test_a_kept_result_does_not_hold_the_scorers_working_state() -> None:
    """A not-assessed item keeps why (a zero divisor, an absent input), not the traceback of
    finding out, which held the scorer's frame and the record's whole scope for as long as
    the result lived: a fifth of a kept result's memory."""
    scheme = perfscore.loads(MEMORY_SCHEME.replace("settings: {total: 10}",
                                                   "settings: {total: 10, missing: zero}"))
    reason = scheme.score({"done": 3, "planned": 0})["rate"].reason
    assert reason is not None and reason.reason == "division_by_zero"
    assert reason.__traceback__ is None and reason.__context__ is None


def test_a_field_given_by_name_and_label_rejects_its_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "units.jsonl", tmp_path / "out.csv"
    write_input(source, [{"id": "a", **SEED}, {"id": "b", **SEED, "列入重点项目个数": 40}])
    assert run(capsys, "batch", SCHEME, source, "-o", target)[0] == 1
    rows = read_output(target)
    assert [(r["id"], r["status"]) for r in rows] == [("a", "scored"), ("b", "rejected")]
    assert rows[1]["errors"] == "字段「key_projects」给出了两次：一次用名称，一次用标签"


@excel
def test_a_damaged_workbook_is_a_bad_file(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "units.xlsx", tmp_path / "out.csv"
    source.write_bytes(b"PK\x03\x04 not really a workbook")
    code, _, err = run(capsys, "batch", SCHEME, source, "-o", target)
    assert code == 2
    assert err.startswith(f"{source}: error: cannot read the workbook: ")
    assert not target.exists()


def test_a_label_never_hides_another_input(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A label that is also another input's name, or shared by two inputs, maps nothing."""
    scheme = tmp_path / "labels.yaml"
    scheme.write_text("""\
perfscore: 1
id: test.labels
edition: 1
title: labels
settings: {total: 10}
inputs:
  done: {type: number, label: planned}
  planned: {type: number, label: 计划}
  spare: {type: number, required: false, label: 计划}
indicators:
  - id: rate
    name: 完成率
    points: 10
    value: done / planned
    target: 1
    score: ratio
""", encoding="utf-8")
    source, target = tmp_path / "units.csv", tmp_path / "out.csv"
    write_table(source, [{"done": 5, "planned": 10}, {"done": 5, "计划": 10}])
    assert run(capsys, "batch", scheme, source, "-o", target)[0] == 1
    rows = read_output(target)
    assert [(r["status"], r["total"]) for r in rows] == [("scored", "5"), ("rejected", "")]
    assert rows[1]["errors"].startswith("planned (计划): 缺少必填字段; ")


# --- --jobs: a pool of worker processes -----------------------------------------------------

@pytest.mark.parametrize("suffix", [".csv", ".jsonl", XLSX])
def test_jobs_2_writes_what_jobs_1_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    """The same output, byte for byte (an XLSX file cell for cell: a workbook holds the time it
    was saved), and the same rejections listed, whether one process scores or a pool of two; a
    small pool threshold and small chunks so that the chunks come back in several rounds."""
    from perfscore._batch import writers
    monkeypatch.setattr(writers, "POOL_MIN_ROWS", 10)
    monkeypatch.setattr(writers, "CHUNK_ROWS", 7)
    units = [(f"u{n:03}", (SEED, FULL, MIDDLE, TOO_MANY_STARTED, BAD_VALUE)[n % 5])
             for n in range(60)]
    source = tmp_path / "units.jsonl"
    lines = [json.dumps({"id": name, **record}, ensure_ascii=False) for name, record in units]
    lines[31] = '{"id": "u031", "key_projects": 4'
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for jobs in (1, 2):
        target = tmp_path / f"out{jobs}{suffix}"
        code, out, err = run(capsys, "batch", SCHEME, source, "-o", target, "--jobs", jobs,
                             "--lang", "en")
        assert code == 1
        assert out.startswith("60 rows: 35 scored, 25 rejected (5 more not listed")
        assert "a small input" not in out
        outputs.append((target.read_bytes() if suffix != ".xlsx" else read_output(target), err))
    assert outputs[0] == outputs[1]
    assert len(outputs[0][1].splitlines()) == 20


def test_a_small_input_is_scored_in_one_process(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "units.csv", tmp_path / "out.csv"
    write_table(source, [{"id": "a", **SEED}, {"id": "b", **FULL}])
    code, out, _ = run(capsys, "batch", SCHEME, source, "-o", target, "--jobs", 2)
    assert code == 0
    assert "秒（输入较小，单进程评分），" in out
    code, out, _ = run(capsys, "batch", SCHEME, source, "-o", target, "--jobs", 1, "--lang", "en")
    assert code == 0
    assert "small input" not in out
    code, out, _ = run(capsys, "batch", SCHEME, source, "-o", target, "--jobs", 2, "--lang", "en")
    assert " s (a small input: one process), " in out


@pytest.mark.parametrize(("lang", "said"), [
    (None, "无法判断输出文件 {target} 的格式：请使用 .csv、.jsonl 或 .xlsx 文件"),
    ("en", "cannot tell the output format of {target}: use a .csv, .jsonl or .xlsx file")])
def test_an_output_refused_is_worded_in_the_scheme_s_language(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str | None, said: str) -> None:
    """As every other error of a batch: the scheme is zh-CN, unless ``--lang`` says."""
    source, target = tmp_path / "units.csv", tmp_path / "out.txt"
    write_table(source, [{"id": "a", **SEED}])
    code, out, err = run(capsys, "batch", SCHEME, source, "-o", target,
                         *(["--lang", lang] if lang else []))
    assert (code, out) == (2, "")
    assert err == f"{target}: error: {said.format(target=target)}\n"
