"""What counts as a digit. ``Decimal`` reads ``'_1'`` and ``'1_'`` as 1 and every script's
digits (``'𝟓'``, ``'٣'``, ``'໓'``), yet refused ``'１２．５％'`` while it took ``'１２３'``;
``'1e-17%'`` gave 1E-19, below the documented floor of 1e-18; and a JSONL row keeping the last
of two equal keys where YAML refuses them hid a value. One rule, for every source (a Python
str, YAML and JSON record files, JSONL, CSV, XLSX text): ASCII digits or the full-width forms
Chinese spreadsheets produce (``０``–``９ ． ％ － ＋ ，``), thousands separators only in groups
of three, blanks only around the number; the message echoes the text refused. A number is
bounded after every step that reads it (``%`` included), and a key is given once.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore._batch.readers import read_rows
from perfscore._scheme import read_record
from tests.security.sandbox import scheme

SCHEME = perfscore.loads(scheme(
    inputs={"x": {"type": "number"}, "p": {"type": "percent", "required": False}},
    indicators=[{"id": "a", "name": "A", "points": 100, "value": "x",
                 "score": {"formula": "x"}}]))
RANGE = "is out of range (at most 28 significant digits, magnitude from 1e-18 to below 1e19)"

READ = [("１２．５", "12.5"), ("１２３", "123"), ("－１，２３４．５", "-1234.5"), ("＋７", "7"),
        ("1,234.5", "1234.5"), ("12,345,678", "12345678"), ("\u3000１２\u3000", "12"),
        ("1.5e3", "1.5E+3")]
REFUSED = ["_1", "1_", "1_000", "𝟓", "٣", "໓", "१२", "1,23", "1,2345", ",123", "1,,234",
           "12,34.5", "1 234", "1.234,5", "１２．５．"]


def sources(tmp_path: Path, texts: list[str]) -> dict[str, list[Any]]:
    """The field ``x`` of one record per text, read from each kind of source."""
    rows = [{"x": text} for text in texts]
    found: dict[str, list[Any]] = {"python": rows}
    for suffix in (".csv", ".jsonl", ".yaml", ".xlsx"):
        path = tmp_path / f"rows{suffix}"
        if suffix == ".csv":
            path.write_text("x\n" + "".join(f'"{t}"\n' for t in texts), encoding="utf-8")
        elif suffix == ".jsonl":
            path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        elif suffix == ".yaml":
            path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        else:
            openpyxl = pytest.importorskip("openpyxl")
            book = openpyxl.Workbook()
            sheet = book.active
            sheet.append(["x"])
            for text in texts:
                sheet.append([text])
            book.save(path)
        found[suffix] = [row.data for row in read_rows(str(path))]
    single = tmp_path / "one.yaml"
    found["record file"] = []
    for text in texts:
        single.write_text(json.dumps({"x": text}, ensure_ascii=False), encoding="utf-8")
        found["record file"].append(read_record(str(single))[0])
    return found


def test_every_source_reads_the_same_numbers(tmp_path: Path) -> None:
    for source, records in sources(tmp_path, [text for text, _ in READ]).items():
        values = [str(SCHEME.score(record)["a"].value) for record in records]
        assert values == [read for _, read in READ], source


def test_every_source_refuses_the_same_text_echoing_it(tmp_path: Path) -> None:
    for source, records in sources(tmp_path, REFUSED).items():
        messages = []
        for record in records:
            with pytest.raises(perfscore.RecordError) as info:
                SCHEME.score(record)
            messages.append(info.value.message)
        assert messages == [f"x: {text.strip()!r} is not a number" for text in REFUSED], source


@pytest.mark.parametrize(("text", "fraction"), [
    ("１２．５％", Decimal("0.125")), ("1,234.5%", Decimal("12.345")), ("1e-16%", Decimal("1e-18")),
], ids=repr)
def test_percent_text_follows_the_same_rule(text: str, fraction: Decimal) -> None:
    assert SCHEME.validate({"x": 1, "p": text}).p == fraction  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "message"), [
    ("1e-17%", f"p: {RANGE}"), ("0.0000000000000000001%", f"p: {RANGE}"),
    ("1_0%", "p: '1_0%' is not a number"), ("٣%", "p: '٣%' is not a number"),
], ids=repr)
def test_percent_text_is_bounded_as_the_fraction_it_is(text: str, message: str) -> None:
    with pytest.raises(perfscore.RecordError) as info:
        SCHEME.score({"x": 1, "p": text})
    assert info.value.message == message


def test_a_refused_text_is_quoted_escaped_and_cut(tmp_path: Path) -> None:
    with pytest.raises(perfscore.RecordError) as info:
        SCHEME.score({"x": "1\x1b[2J" + "9" * 60})
    assert info.value.message == f"x: {('1' + chr(27) + '[2J' + '9' * 60)[:40]!r}… is not a number"


def test_a_jsonl_row_giving_a_key_twice_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"x": 1}\n{"x": 1, "x": 99}\n', encoding="utf-8")
    first, second = read_rows(str(path))
    assert first.data == {"x": 1}
    assert second.data.error("en").message == "invalid JSON (duplicate key 'x')"
