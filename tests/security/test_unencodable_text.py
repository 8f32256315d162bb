"""Text a writer cannot take as it is: a lone surrogate in a JSONL id (valid JSON, ``"\\ud800"``,
but no UTF-8 encoder takes it) aborted CSV and JSONL output with a traceback and no file, and
made an XLSX file Excel cannot open; an ESC in an id (XML 1.0 cannot hold it) aborted XLSX
output. Every writer handles every Python string, and one such row never costs the others.

CSV and XLSX write such a character as its escape (``\\ud800``, ``\\x1b``); JSONL writes the
surrogate as its JSON escape, so the id reads back exactly.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import perfscore
from tests.conftest import run
from tests.security.sandbox import scheme

openpyxl = pytest.importorskip("openpyxl")

IDS = ["ok-1", "\ud800lone", "esc\x1b[2J", "nul\x00", "bom\ufffe", "ok-2"]
ESCAPED = ["ok-1", "\\ud800lone", "esc\\x1b[2J", "nul\\x00", "bom\\ufffe", "ok-2"]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    source, units = tmp_path / "s.yaml", tmp_path / "units.jsonl"
    source.write_text(scheme(), encoding="utf-8")
    units.write_text("".join(json.dumps({"id": i, "x": 5}) + "\n" for i in IDS),
                     encoding="utf-8")
    return source, units


def test_csv(files: tuple[Path, Path], tmp_path: Path,
             capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.csv"
    assert run(capsys, "batch", *files, "-o", target)[0] == 0
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["id"], r["status"]) for r in rows] == [(i, "scored") for i in ESCAPED]


def test_jsonl_reads_back_exactly(files: tuple[Path, Path], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.jsonl"
    assert run(capsys, "batch", *files, "-o", target)[0] == 0
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == IDS


def test_xlsx_opens(files: tuple[Path, Path], tmp_path: Path,
                    capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.xlsx"
    assert run(capsys, "batch", *files, "-o", target)[0] == 0
    rows = list(openpyxl.load_workbook(target).worksheets[0].iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ESCAPED
    assert [r[2] for r in rows[1:]] == [5] * len(IDS)


def test_impact_on_standard_output(files: tuple[Path, Path],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    source, units = files
    for style in ("json", "csv", "table", "markdown"):
        code, out, _ = run(capsys, "impact", source, source, units, "--format", style)
        assert code == 0
        assert "\\ud800lone" in out and "\x1b" not in out


def test_score_many_from_python() -> None:
    outcomes = list(perfscore.loads(scheme()).score_many(
        [{"id": i, "x": 5} for i in IDS], id_field="id"))
    assert [o.total for o in outcomes if isinstance(o, perfscore.Result)] == [5] * len(IDS)
