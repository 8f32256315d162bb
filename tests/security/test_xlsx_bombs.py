"""Workbooks that cost far more than their size: a part (a sheet, its shared strings) that
unpacks to gigabytes from a few hundred kilobytes — one huge inline-string cell, copied into the
output as an id — and millions of blank rows, each parsed.

Every part's unpacked size is checked before anything reads it (at most
``MAX_XLSX_PART_BYTES``); a cell holds at most ``MAX_CELL_LENGTH`` characters and an id
``MAX_ID_LENGTH`` (the row is rejected, its id written cut short); reading stops after
``MAX_BLANK_ROWS`` blank rows in a row.
"""

from __future__ import annotations

import csv
import time
import zipfile
from pathlib import Path

import pytest

from perfscore._common.limits import MAX_BLANK_ROWS, MAX_XLSX_PART_BYTES
from tests.conftest import run
from tests.security.sandbox import scheme

openpyxl = pytest.importorskip("openpyxl")


def outputs(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_part_that_unpacks_too_far_is_refused_before_it_is_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, book, target = tmp_path / "s.yaml", tmp_path / "bomb.xlsx", tmp_path / "out.csv"
    source.write_text(scheme(), encoding="utf-8")
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            chunk = b" " * 1_000_000
            for _ in range(MAX_XLSX_PART_BYTES // len(chunk) + 1):
                part.write(chunk)
    assert book.stat().st_size < 200_000
    start = time.perf_counter()
    code, out, err = run(capsys, "batch", source, book, "-o", target)
    assert time.perf_counter() - start < 2
    assert (code, out) == (2, "")
    assert err == (f"{book}: error: the workbook's part xl/worksheets/sheet1.xml unpacks to "
                   "101,000,000 bytes, more than 100,000,000: save the sheet as CSV, which has "
                   "no such limit\n")
    assert not target.exists()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_huge_cell_and_a_long_id_reject_their_rows(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    source, units, target = tmp_path / "s.yaml", tmp_path / f"u{suffix}", tmp_path / "out.csv"
    source.write_text(scheme(), encoding="utf-8")
    huge = "长" * 40_000  # openpyxl itself cuts a cell it writes to 32,767 characters
    rows = [["id", "x", "t"], ["a", 1, None], ["b", 2, huge], ["c" * 300, 3, None],
            ["d", 4, None]]
    if suffix == ".csv":
        with units.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    else:
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(row)
        workbook.save(units)
    assert run(capsys, "batch", source, units, "-o", target, "--lang", "en")[0] == 1
    found = [(r["id"], r["status"], r["errors"]) for r in outputs(target)]
    assert found[0] == ("a", "scored", "") and found[3] == ("d", "scored", "")
    assert found[2] == ("c" * 255 + "…", "rejected", "the id is longer than 256 characters")
    if suffix == ".csv":
        assert found[1] == ("b", "rejected",
                            "a cell in column C holds more than 32,767 characters")


def test_reading_stops_at_a_run_of_blank_rows(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    source, book, target = tmp_path / "s.yaml", tmp_path / "units.xlsx", tmp_path / "out.csv"
    source.write_text(scheme(), encoding="utf-8")
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("units")
    sheet.append(["id", "x"])
    sheet.append(["a", 1])
    for _ in range(MAX_BLANK_ROWS - 1):
        sheet.append([])
    sheet.append(["b", 2])  # after 9,999 blank rows: read
    for _ in range(MAX_BLANK_ROWS):
        sheet.append([])
    sheet.append(["c", 3])  # after 10,000: the sheet has ended
    workbook.save(book)
    assert run(capsys, "batch", source, book, "-o", target)[0] == 0
    assert [r["id"] for r in outputs(target)] == ["a", "b"]
