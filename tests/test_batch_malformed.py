"""Malformed and unusual record files: rows in are rows out, whatever the file does.

An unbalanced quote in a CSV row (which swallowed the rows after it into one field), a line
that is not text, a row with one more cell than the header (which lost its id): each rejects
its own row, with its line and id, and the rows around it are scored. An input label equal to
the id field is refused before the first row. Record files in GB18030 are read everywhere, and
``perfscore score`` given a table says to use ``perfscore batch``.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run
from tests.security.sandbox import scheme
from tests.test_batch import read_output

openpyxl = pytest.importorskip("openpyxl")

QUOTE = ("line {line}: a quote opened in this row is not closed where a field ends, so the row "
         "cannot be read; the lines after it are read on their own")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(scheme(), encoding="utf-8")
    return path


MALFORMED = {
    "unbalanced quote": (b'id,x\na,1\nb,"2\nc,3\nd,4\ne,5\n',
                         [("a", ""), ("b", QUOTE.format(line=3)), ("c", ""), ("d", ""),
                          ("e", "")]),
    "quote closed by a later one": (b'id,x\na,"1\nb,2\nc,"3"\nd,4\n',
                                    [("a", QUOTE.format(line=2)), ("b", ""),
                                     ("c", ""), ("d", "")]),
    "quote after text": (b'id,x\na,"1"2\nb,2\n', [("a", QUOTE.format(line=2)), ("b", "")]),
    "quote to the end of the file": (
        b'id,x\na,"1\n' + b"".join(b"u%d,%d\n" % (n, n % 90) for n in range(3000)),
        [("a", QUOTE.format(line=2)), *[(f"u{n}", "") for n in range(3000)]]),
    "quote past csv's field limit": (
        b'id,x\na,"1\n' + b"".join(b"u%d,%d\n" % (n, n % 90) for n in range(20_000)),
        [("a", "line 2: a field runs on for more than 131,072 characters (a quote that is not "
               "closed?); the lines after it are read on their own"),
         *[(f"u{n}", "") for n in range(20_000)]]),
    "a field past csv's limit on its own line": (
        b"id,x\n1," + b"a" * 200_000 + b"\n2,5\n",
        [("1", "line 2: a field runs on for more than 131,072 characters (a quote that is not "
               "closed?); the lines after it are read on their own"), ("2", "")]),
    "lines ended by a carriage return alone, as CSV (Macintosh) writes them": (
        b"id,x\ra,1\rb,\rc,2\r",
        [("a", ""), ("b", "x: required field is missing"), ("c", "")]),
    "a carriage return alone in a row": (
        b"id,x\na,1\rb\nc,3\n",
        [("a", ""), ("b", "x: required field is missing"), ("c", "")]),
    "one more cell than the header": (
        b"id,x\na,1\nb,2,surplus\nc,3\n",
        [("a", ""), ("b", "row 3: a value in column C, which has no header"), ("c", "")]),
    "a line longer than a file may be": (
        b"id,x\na,1\nb," + b"9" * 2_000_000 + b"\nc,3\n",
        [("a", ""), ("", "line 3: longer than 2,000,000 bytes"), ("c", "")]),
    "a line that is not text": (
        b"id,x\na,1\n" + "b,长".encode() + b"\xff\nc,3\n",
        [("a", ""), ("b", "line 3 is not UTF-8 text (byte 6); save the file as CSV UTF-8"),
         ("c", "")]),
    # read as GB18030 for its one stray byte, the ids before it were 闀挎湡 and 閲嶇偣
    "a stray byte in a UTF-8 file of Chinese ids": (
        "id,x\n长期,1\n重点,2\n".encode() + b"r3,3\xff\n",
        [("长期", ""), ("重点", ""),
         ("r3", "line 4 is not UTF-8 text (byte 5); save the file as CSV UTF-8")]),
    # \x81 and the @ after it are a GB18030 character: as GB18030 the file has no byte that
    # is not text, and as UTF-8 one, but more Chinese characters than that
    "a stray byte that is half a GB18030 character": (
        "id,x\n长期,1\n重点,2\n".encode() + b"r3,3\x81@\n",
        [("长期", ""), ("重点", ""),
         ("r3", "line 4 is not UTF-8 text (byte 5); save the file as CSV UTF-8")]),
    "a stray byte in a GB18030 file": (
        "id,x\n长期,1\n重点,2\n".encode("gb18030") + b"r3,3\xff\n",
        [("长期", ""), ("重点", ""),
         ("r3", "line 4 is not GB18030 text (byte 5); save the file as CSV UTF-8")]),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_rows_in_are_rows_out(tmp_path: Path, source: Path, name: str,
                              capsys: pytest.CaptureFixture[str]) -> None:
    content, expected = MALFORMED[name]
    units, target = tmp_path / "units.csv", tmp_path / "out.jsonl"
    units.write_bytes(content)
    code, _, err = run(capsys, "batch", source, units, "-o", target)
    assert code == 1
    rows = read_output(target)
    assert [(r["id"], r["errors"]) for r in rows] == expected
    assert [r["status"] for r in rows] == ["rejected" if e else "scored" for _, e in expected]
    first = next((n, e) for n, (_, e) in enumerate(expected) if e)
    assert err.splitlines()[0].endswith(f": error: {first[1]}")


def test_the_rejection_of_a_quote_in_chinese(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    source, units, target = tmp_path / "s.yaml", tmp_path / "u.csv", tmp_path / "o.csv"
    source.write_text(scheme(locale="zh-CN"), encoding="utf-8")
    units.write_bytes(b'id,x\na,"1\nb,2\n')
    assert run(capsys, "batch", source, units, "-o", target)[0] == 1
    assert [r["errors"] for r in read_output(target)] == [
        "第 2 行：本行的引号没有在字段结尾处闭合，无法读取本行；其后各行单独读取", ""]


@pytest.mark.parametrize("id_field", [None, "单位"])
def test_an_id_field_that_is_a_label_is_refused(tmp_path: Path, id_field: str | None,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    label = id_field or "id"
    source, units, target = tmp_path / "s.yaml", tmp_path / "u.csv", tmp_path / "o.csv"
    source.write_text(scheme(inputs={"x": {"type": "number", "label": label}}),
                      encoding="utf-8")
    units.write_text(f"{label},x\na,1\n", encoding="utf-8")
    code, out, err = run(capsys, "batch", source, units, "-o", target,
                         *(["--id-field", id_field] if id_field else []))
    assert (code, out) == (2, "")
    assert err == (f"{units}: error: the id field '{label}' is also the label of the input "
                   "'x': name the id column with --id-field, or give the input another label\n")
    assert not target.exists()


@pytest.mark.parametrize("words", ["常宁市", "学校医院市"])
def test_records_in_gb18030_are_read_everywhere(tmp_path: Path, source: Path, words: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """学校医院 in GB18030 is pairs of bytes that UTF-8 reads as one character each, and 市
    is not UTF-8: a file of it must not be taken for UTF-8 with a stray byte."""
    text = scheme(inputs={"x": {"type": "number"}, "t": {"type": "text", "required": False}})
    source.write_text(text, encoding="utf-8")
    record = tmp_path / "r.yaml"
    record.write_bytes(f"x: 5\nt: {words}\n".encode("gbk"))
    assert run(capsys, "score", source, record, "--format", "json")[0] == 0
    listed, lines = tmp_path / "units.yaml", tmp_path / "units.jsonl"
    listed.write_bytes("- {id: 常宁, x: 5}\n".encode("gb18030"))
    lines.write_bytes(json.dumps({"id": "常宁", "x": 5}, ensure_ascii=False).encode("gb18030")
                      + b"\n")
    for units in (listed, lines):
        target = tmp_path / "out.csv"
        assert run(capsys, "batch", source, units, "-o", target)[0] == 0
        assert [(r["id"], r["total"]) for r in read_output(target)] == [("常宁", "5")]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".jsonl"])
def test_score_points_a_table_to_batch(tmp_path: Path, source: Path, suffix: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    units = tmp_path / f"units{suffix}"
    if suffix == ".xlsx":
        openpyxl.Workbook().save(units)
    else:
        units.write_text("x\n5\n" if suffix == ".csv" else '{"x": 5}\n', encoding="utf-8")
    assert run(capsys, "score", source, units) == (
        2, "", f"{units}: error: {units} is a file of many records: score it with "
        "`perfscore batch`\n")


def test_a_workbook_that_misstates_its_size_is_read_whole(tmp_path: Path, source: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    """A sheet's ``<dimension>`` says A1:B3, as some programs write it wrong; its six rows,
    and the value under no header in C4, are read all the same."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "x"])
    for number in range(1, 6):
        sheet.append([f"u{number}", number])
    sheet["C4"] = "stray"
    written = tmp_path / "written.xlsx"
    book.save(written)
    units = tmp_path / "units.xlsx"
    with zipfile.ZipFile(written) as given, zipfile.ZipFile(units, "w") as stale:
        for part in given.infolist():
            data = given.read(part.filename)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:B3"/>', data)
            stale.writestr(part, data)
    target = tmp_path / "out.csv"
    assert run(capsys, "batch", source, units, "-o", target)[0] == 1
    assert [(r["id"], r["errors"]) for r in read_output(target)] == [
        ("u1", ""), ("u2", ""), ("u3", "row 4: a value in column C, which has no header"),
        ("u4", ""), ("u5", "")]


def test_a_carriage_return_in_a_jsonl_line_is_whitespace(tmp_path: Path, source: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    """As JSON says; it ends a line of a CSV file alone."""
    units, target = tmp_path / "units.jsonl", tmp_path / "out.jsonl"
    units.write_bytes(b'{"id": "a", "x": 1}\n{"id": "b",\r "x": 2}\n{"id": "c"}\n')
    assert run(capsys, "batch", source, units, "-o", target)[0] == 1
    assert [(r["id"], r["errors"]) for r in read_output(target)] == [
        ("a", ""), ("b", ""), ("c", "x: required field is missing")]
