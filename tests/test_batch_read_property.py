"""Reading a CSV file of records, as properties over files hypothesis writes.

A file ``csv.writer`` wrote — cells holding commas, quotes, line breaks, spaces, Chinese; lines
ended by CR LF, LF or CR alone — reads back as the rows written: each row's cells stripped,
its empty ones left out, its id taken out of its data, blank rows skipped, and each row's line
the line its record starts on, however many lines the records before it ran over. A file with
a quote left open, or a line that is not text, somewhere in it: every other line still starts
a row of its own, in order, and the row where the file went wrong is rejected naming its own
line (rows in are rows out), the Chinese of the other rows read as written (this property
found UTF-8 files with one stray byte read whole as GB18030).
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from perfscore._batch.readers import Row, Unreadable, read_rows

CELL = st.text(alphabet=st.sampled_from(list('ab7 ,"\n\r\t长-=')), max_size=8)
ROWS = st.lists(st.tuples(CELL, CELL, CELL), max_size=12)


def read(raw: bytes) -> list[Row]:
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "records.csv")
    with open(path, "wb") as handle:
        handle.write(raw)
    try:
        return list(read_rows(path))
    finally:
        os.remove(path)
        os.rmdir(folder)


def written(rows: list[tuple[str, str, str]], end: str) -> str:
    buffer = io.StringIO(newline="")
    # csv quotes a cell for a CR or LF only if the rows end with it: with rows ended by LF
    # alone, a cell's CR would go unquoted, and be read as the end of a line
    writer = csv.writer(buffer, lineterminator=end,
                        quoting=csv.QUOTE_MINIMAL if end == "\r\n" else csv.QUOTE_ALL)
    writer.writerow(["id", "a", "b"])
    writer.writerows(rows)
    return buffer.getvalue()


def expected(rows: list[tuple[str, str, str]]) -> Iterator[tuple[str | None, dict[str, str], int]]:
    """(id, data, line) of each row read back, by the rules the module's docstring gives."""
    line = 2  # the header is line 1
    for cells in rows:
        stripped = [cell.strip() or None for cell in cells]
        if any(cell is not None for cell in stripped):
            row_id, a, b = stripped
            yield row_id, {k: v for k, v in (("a", a), ("b", b)) if v is not None}, line
        line += 1 + sum(len(BREAK.findall(cell)) for cell in cells)


BREAK = re.compile("\r\n|\r|\n")
"""A line break as a line is counted: a carriage return alone ends a line too."""


@settings(max_examples=300, deadline=None)
@given(ROWS, st.sampled_from(["\r\n", "\n", "\r"]))
def test_a_file_csv_wrote_reads_back_as_its_rows(rows: list[tuple[str, str, str]],
                                                 end: str) -> None:
    """Lines ended as Windows, Unix and old Macs ("CSV (Macintosh)") end them."""
    found = read(written(rows, end).encode())
    assert [(row.id, row.data, row.line) for row in found] == list(expected(rows))
    assert [row.index for row in found] == list(range(len(found)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab7 长")), min_size=1, max_size=6)
                .filter(lambda text: text.strip() != ""), min_size=1, max_size=10),
       st.data())
def test_a_row_that_goes_wrong_is_rejected_alone_on_its_own_line(
        lines: list[str], data: st.DataObject) -> None:
    """One line of a plain file (an id and one cell a line) is spoiled, by a quote opened and
    never closed or a byte that is not text; every line still starts its own row, the spoiled
    one names its line, and every other row's cell is read as written."""
    spoiled = data.draw(st.integers(0, len(lines) - 1))
    how = data.draw(st.sampled_from(["quote", "byte"]))
    raw = [b"id,a"] + [f"r{n},{text}".encode() for n, text in enumerate(lines)]
    raw[spoiled + 1] += b',"x' if how == "quote" else b"\xff"
    found = read(b"\n".join(raw) + b"\n")
    assert [row.line for row in found] == list(range(2, len(lines) + 2))
    assert [row.id for row in found] == [f"r{n}" for n in range(len(lines))]
    rejected = [row for row in found if isinstance(row.data, Unreadable)]
    assert [row.line for row in rejected] == [spoiled + 2]
    [row] = rejected
    assert row.data.key == ("PS044.quote" if how == "quote" else "PS044.encoding")
    assert row.data.params["line"] == spoiled + 2
    assert [row.data for row in found if row is not rejected[0]] == [
        {"a": text.strip()} for n, text in enumerate(lines) if n != spoiled]
