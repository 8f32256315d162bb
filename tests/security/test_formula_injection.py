"""Spreadsheet formula injection: a record id, a column header or any text that starts with
``=``, ``+``, ``-``, ``@``, tab or CR, written to a CSV or XLSX file (``perfscore batch``,
``perfscore impact --format csv``), is run by Excel or LibreOffice as a formula when the file
is opened (``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``, ``-2+3``).

Every text cell of every tabular writer, headers included, gets a ``'`` in front, as OWASP
advises; a number stays a number: points written as numbers are not touched, and a number
written out as text (``-4.17`` in impact's delta column) is left as it is, since a spreadsheet
reads it as that number and never as a formula.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import run
from tests.security.sandbox import scheme

openpyxl = pytest.importorskip("openpyxl")

HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+cmd|' /C calc'!A0", "-2+3",
           "@SUM(1+1)", "\t=1+1", "\r=1+1"]
NEUTRAL = ["'" + text for text in HOSTILE]
SCHEME = scheme(indicators=[
    {"id": "a", "name": "A", "points": 100, "score": {"formula": "x"}},
    {"id": "p", "name": "P", "points": 5, "kind": "penalty", "score": {"formula": "x / 20"}}])


def write(folder: Path) -> tuple[Path, Path]:
    source, units = folder / "s.yaml", folder / "units.jsonl"
    source.write_text(SCHEME, encoding="utf-8")
    rows = [{"id": text, "x": 60} for text in HOSTILE]
    rows.append({"id": "=1+1", "x": 60, "=HYPERLINK(\"http://evil.example\")": 1})
    units.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return source, units


def test_batch_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, units = write(tmp_path)
    target = tmp_path / "out.csv"
    assert run(capsys, "batch", source, units, "-o", target)[0] == 1
    with target.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header == ["id", "status", "total", "grade", "a", "p", "errors"]
    assert [row[0] for row in rows] == [*NEUTRAL, "'=1+1"]
    assert rows[0][1:6] == ["scored", "57", "", "60", "-3"]  # a negative number is a number
    assert rows[-1][6] == ("'=HYPERLINK(\"http://evil.example\"): the scheme declares no such "
                           "field")


def test_batch_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, units = write(tmp_path)
    target = tmp_path / "out.xlsx"
    assert run(capsys, "batch", source, units, "-o", target)[0] == 1
    sheet = openpyxl.load_workbook(target).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    # (XML reads a CR back as LF)
    assert [row[0] for row in rows[1:]] == [*NEUTRAL[:-1], "'\n=1+1", "'=1+1"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert rows[1][2] == 57 and rows[1][5] == -3  # numbers, the penalty's negative included
    assert rows[-1][-1].startswith("'=HYPERLINK(")  # the errors, the last column


def test_impact_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, units = write(tmp_path)
    lower = tmp_path / "lower.yaml"
    lower.write_text(SCHEME.replace('"x / 20"', '"x / 10"'), encoding="utf-8")
    code, out, _ = run(capsys, "impact", source, lower, units, "--format", "csv",
                       "--lang", "en")
    assert code == 0
    _, *rows = list(csv.reader(out.splitlines()))
    # on standard output (a terminal too) a tab or CR becomes a space: no formula either
    assert [row[0] for row in rows] == [*NEUTRAL[:-2], " =1+1", " =1+1", "'=1+1"]
    assert rows[0][1:6] == ["57", "", "55", "", "-2.00"]


def test_an_error_value_is_text_in_both_files(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """An id ``#N/A`` (what a sheet's error cell reads as) was written to a workbook as an
    error cell, and shown as an error by a spreadsheet opening the CSV file."""
    source, units = tmp_path / "s.yaml", tmp_path / "units.jsonl"
    source.write_text(SCHEME, encoding="utf-8")
    units.write_text("".join(json.dumps({"id": text, "x": 60}) + "\n"
                             for text in ("#N/A", "#REF!", "#N/A later")), encoding="utf-8")
    texts = ["'#N/A", "'#REF!", "#N/A later"]
    assert run(capsys, "batch", source, units, "-o", tmp_path / "out.csv")[0] == 0
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [row[0] for row in list(csv.reader(handle))[1:]] == texts
    assert run(capsys, "batch", source, units, "-o", tmp_path / "out.xlsx")[0] == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [(cell.value, cell.data_type) for cell in cells] == [(text, "s") for text in texts]
