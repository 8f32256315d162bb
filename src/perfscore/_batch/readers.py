"""Reading many records from a file: CSV, JSONL, XLSX, or a YAML/JSON list of mappings.

Rows stream one at a time (a YAML/JSON list is the exception: it is parsed whole, within the
file size limit), each with its 0-based index, its id (from the id column, when there is one)
and where it is in the file, so that a rejected row can be found again. Column headers may be
input names or their labels (Chinese column names from a spreadsheet map onto fields).

Tables (CSV, XLSX): the first non-blank row is the header; an empty cell means the field was not
given; a row with no value at all is not a record (spreadsheets end with blank rows). A value in
a column with no header, or beyond the header, makes its row unreadable rather than silently
dropped; so does an unbalanced quote in a CSV row (the rows after it are read on their own,
never merged into it), or a line that is not text: rows in are rows out. Every record file
(CSV, JSONL, a YAML/JSON list, a single record for ``perfscore score``) is UTF-8, or GB18030
(what Excel writes on a Chinese Windows) when it is not UTF-8. A workbook is checked before it
is read (no part unpacks to more than ``MAX_XLSX_PART_BYTES``), and reading stops at a run of
``MAX_BLANK_ROWS`` blank rows; a cell holds at most ``MAX_CELL_LENGTH`` characters, an id
``MAX_ID_LENGTH``.
"""

from __future__ import annotations

import csv
import json
import os
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import IO, Any

from .._common.errors import RecordError, UsageError
from .._common.limits import (
    MAX_BLANK_ROWS,
    MAX_CELL_LENGTH,
    MAX_FILE_BYTES,
    MAX_ID_LENGTH,
    MAX_XLSX_PART_BYTES,
)
from .._common.messages import Term
from .._source.format import suggest
from .._source.yaml import Pos, encoding_of, parse, read_text, require_file

FORMATS = ("csv", "jsonl", "xlsx", "yaml", "json")
TABLES = ("csv", "jsonl", "xlsx")
"""Formats that hold many records and only that: ``perfscore batch`` reads them."""
_ALIASES = {"yml": "yaml", "ndjson": "jsonl", "xlsm": "xlsx"}
_SNIFF_BYTES = 1 << 16


@dataclass(frozen=True, slots=True)
class Row:
    """One input row: its position among the records, its id (or None), its fields, and
    ``line``: where it is in the file as a person counts (the line of a CSV or JSONL file where
    it starts, a carriage return alone ending a line too, which for a sheet saved as CSV is its
    row number unless a cell above it holds a line break; the sheet row of an XLSX file; the
    line where a YAML/JSON list item starts)."""

    index: int
    id: str | None
    data: Any
    line: int


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A row that could not be read: scoring it rejects it with the problem ``key`` of the
    message catalog. ``fields`` are what could be read of it, so that it keeps its id."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    fields: Mapping[str, Any] = field(default_factory=dict)

    def error(self, lang: str) -> RecordError:
        return RecordError.of(self.key, self.params, lang=lang)


def _kind(path: str) -> str:
    extension = os.path.splitext(path)[1].lower().lstrip(".")
    return _ALIASES.get(extension, extension)


def is_table(path: str) -> bool:
    """Whether ``path`` is a file of many records by its extension (CSV, JSONL, XLSX)."""
    return _kind(path) in TABLES


def format_of(path: str) -> str:
    """The file's format from its extension."""
    kind = _kind(path)
    if kind not in FORMATS:
        raise UsageError.of("PS040", {"path": path}, file=path)
    return kind


def read_rows(path: str, *, id_field: str = "id", labels: Mapping[str, str] | None = None,
              keep_id: bool = False, require_id: bool = False, lang: str = "en"
              ) -> Iterator[Row]:
    """The rows of ``path``; ``labels`` maps column labels to input names. The id field is
    taken out of each row's data unless ``keep_id`` (the scheme declares it as an input);
    ``require_id`` (an id field named on the command line) makes a table without that column
    a usage error rather than every row rejected. An id field that is also a label (which would
    make the id column an input's, or an input's column the ids) is a usage error.

    Raises UsageError (before the first row, or when the file breaks off mid-way) for a file
    that cannot be read as a whole: missing, unknown format, bad encoding, a bad header.
    """
    require_file(path, UsageError, Term("file", "文件"))
    kind = format_of(path)
    rename = dict(labels or {})
    if id_field in rename:
        raise UsageError.of("PS043.id_label", {"field": id_field, "name": rename[id_field]},
                            file=path, lang=lang)
    rows: Iterable[tuple[int, Any]]
    if kind in ("csv", "xlsx"):
        cells = _csv(path) if kind == "csv" else _xlsx(path)
        rows = _table(cells, rename, path, id_field if require_id else None)
    else:
        rows = _jsonl(path) if kind == "jsonl" else _listed(path)
        rows = ((line, _renamed(data, rename)) for line, data in rows)
    for index, (line, data) in enumerate(rows):
        yield make_row(index, line, data, id_field, keep_id)


def make_row(index: int, line: int, data: Any, id_field: str, keep_id: bool) -> Row:
    """A row, its id taken from ``id_field`` (and out of the data unless ``keep_id``)."""
    row_id = None
    fields = data.fields if isinstance(data, Unreadable) else data
    if isinstance(fields, dict) and id_field in fields:
        value = fields[id_field] if keep_id or fields is not data else fields.pop(id_field)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a spreadsheet's number 3 arrives as 3.0
        row_id = None if value is None else str(value)
    if row_id is not None and len(row_id) > MAX_ID_LENGTH:
        row_id = row_id[:MAX_ID_LENGTH - 1] + "…"
        if not isinstance(data, Unreadable):
            data = Unreadable("PS044.id", {"limit": MAX_ID_LENGTH})
    return Row(index, row_id, data, line)


def _renamed(data: Any, rename: Mapping[str, str]) -> Any:
    """A mapping with its labels renamed to input names; one that gives a field twice (by
    name and by label) is unreadable rather than silently one of the two."""
    if not isinstance(data, dict) or not rename:
        return data
    renamed: dict[Any, Any] = {}
    for key, value in data.items():
        name = rename.get(key, key)
        if name in renamed:
            return Unreadable("PS043.twice", {"name": name}, data)
        renamed[name] = value
    return renamed


def _table(lines: Iterator[tuple[int, Sequence[Any], Unreadable | None]],
           rename: Mapping[str, str], path: str, id_field: str | None = None
           ) -> Iterator[tuple[int, Any]]:
    """Rows of a table as mappings of the header's names; blank rows are skipped. A row the
    file could not give whole comes with its ``problem``: it is Unreadable, keeping what its
    cells say (its id). A table without the column ``id_field`` (when given) is a
    UsageError."""
    header: list[str | None] | None = None
    for line, cells, problem in lines:
        # `cell`, written in for the text of a CSV file: a call per cell was a tenth of reading
        values = [c.strip() or None if type(c) is str else cell(c) for c in cells]
        if problem is None and values.count(None) == len(values):  # blank: a C loop
            continue
        if header is None:
            if problem is not None:
                raise UsageError.of(problem.key, problem.params, file=path, line=line)
            header = header_names(values, rename, path, line)
            if id_field is not None and id_field not in header:
                raise UsageError.of("PS040.id", {"column": id_field}, file=path, line=line,
                                    suggestion=suggest(id_field, [h for h in header if h]))
            continue
        data = row_data(header, values, line)
        if problem is not None:
            data = replace(problem, fields=data.fields if isinstance(data, Unreadable) else data)
        yield line, data


def cell(value: Any) -> Any:
    """A cell's value, or None when it is empty."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def header_names(cells: Sequence[Any], rename: Mapping[str, str], path: str, line: int
                 ) -> list[str | None]:
    """A table's field names from its header cells (None for an empty one), labels renamed to
    input names; two columns giving the same field are an error."""
    header: list[str | None] = []
    seen: dict[str, str] = {}
    for cell in cells:
        if cell is None:
            header.append(None)
            continue
        written = str(cell)
        name = rename.get(written, written)
        if name in seen:
            raise UsageError.of("PS043", {"first": seen[name], "second": written,
                                          "name": name}, file=path, line=line)
        seen[name] = written
        header.append(name)
    return header


def row_data(header: Sequence[str | None], values: Sequence[Any], line: int) -> Any:
    """A table row's non-empty cells by field name, or Unreadable (keeping those cells) for a
    value under no header or a cell longer than ``MAX_CELL_LENGTH``."""
    data: dict[str, Any] = {}
    problem = None
    for column, value in enumerate(values):
        if value is None:
            continue
        name = header[column] if column < len(header) else None
        if name is None:
            problem = problem or Unreadable("PS044.header", {
                "line": line, "column": _column_name(column)})
            continue
        if isinstance(value, str) and len(value) > MAX_CELL_LENGTH:
            problem = problem or Unreadable("PS044.cell", {
                "column": _column_name(column), "limit": MAX_CELL_LENGTH})
        data[name] = value
    return data if problem is None else replace(problem, fields=data)


def _column_name(index: int) -> str:
    """A spreadsheet column name: 0 → A, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _encoding(path: str) -> str:
    """UTF-8 unless the start of the file is not: then GB18030."""
    with open(path, "rb") as handle:
        return encoding_of(handle.read(_SNIFF_BYTES))


def _csv(path: str) -> Iterator[tuple[int, list[str], Unreadable | None]]:
    """The records of a CSV file, each with the line it starts on. A record that cannot be
    read — a quote that is not closed where a field ends, which would run on over the lines
    after it, or a line that is not text — comes with its problem (and the cells its first
    line gives alone), and reading goes on from the line after the one it started on: every
    line is read once as the start of a record."""
    with open(path, "rb") as handle:
        tape = _Tape(_lines(handle, _encoding(path), lone_cr=True))
        line = 1
        while True:
            reader = csv.reader(tape, strict=True)
            try:
                for cells in reader:
                    yield line, cells, tape.problem
                    line += tape.rewind(len(tape.taken))
                return
            except csv.Error as exc:  # csv says which in English words only
                too_long = "field limit" in str(exc)
                try:
                    first = next(csv.reader([tape.taken[0][0]]), [])
                except csv.Error:  # a field of the line itself past csv's limit
                    first = tape.taken[0][0].split(",")
                yield line, first, Unreadable("PS044.field" if too_long else "PS044.quote",
                                              {"line": line, "limit": csv.field_size_limit()})
                line += tape.rewind(1)


class _Tape:
    """Lines as ``csv.reader`` takes them, keeping those of the record being read, so that
    its later lines can be read again on their own."""

    def __init__(self, lines: Iterator[tuple[str, Unreadable | None]]) -> None:
        self.lines = lines
        self.taken: list[tuple[str, Unreadable | None]] = []
        self.again: list[tuple[str, Unreadable | None]] = []  # to read again, last first

    def __iter__(self) -> _Tape:
        return self

    def __next__(self) -> str:
        line = self.again.pop() if self.again else next(self.lines)
        self.taken.append(line)
        return line[0]

    @property
    def problem(self) -> Unreadable | None:
        """The first line of the record that is not text."""
        for _, problem in self.taken:  # a loop, not next() of a generator: read for each row
            if problem is not None:
                return problem
        return None

    def rewind(self, used: int) -> int:
        """Drop the record's first ``used`` lines, read the others again; the lines dropped."""
        taken = self.taken
        if used < len(taken):
            self.again.extend(reversed(taken[used:]))
        self.taken = []
        return used


def _lines(handle: IO[bytes], encoding: str, *, lone_cr: bool = False
           ) -> Iterator[tuple[str, Unreadable | None]]:
    """The file's lines as text, each with its problem: a line longer than
    ``MAX_FILE_BYTES`` (read as empty, the rest of it skipped), or with a byte that is not
    text (read all the same, with U+FFFD for what is not text, to find its id). Decoded one
    by one so that a bad byte is reported on its own line: a newline byte is never part of a
    UTF-8 or GB18030 character, nor is a carriage return. With ``lone_cr`` (a CSV file), a
    carriage return alone ends a line too, as in "CSV (Macintosh)" files and as editors show
    it: ``csv`` refuses one inside a field that is not quoted, and inside a quoted one reads
    it as it is. (In JSONL it is whitespace inside a line.)"""
    number = 0
    while raw := handle.readline(MAX_FILE_BYTES + 1):
        if len(raw) > MAX_FILE_BYTES and not raw.endswith(b"\n"):
            while (rest := handle.readline(MAX_FILE_BYTES)) and not rest.endswith(b"\n"):
                pass
            number += 1
            yield "\n", Unreadable("PS044.long", {"line": number, "limit": MAX_FILE_BYTES})
            continue
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            number += 1
            yield raw.decode(encoding, errors="replace"), Unreadable("PS044.encoding", {
                "line": number, "byte": exc.start + 1, "encoding": encoding.upper()})
            continue
        if not number:
            text = text.removeprefix("\ufeff")
        if not lone_cr or text.count("\r") == text.count("\r\n"):  # one line
            number += 1
            yield text, None
            continue
        for piece in _AFTER_LONE_CR.split(text):
            if piece:
                number += 1
                yield piece, None


_AFTER_LONE_CR = re.compile("(?<=\r)(?!\n)")
"""Where a line ends at a carriage return not followed by a line feed."""


def _xlsx(path: str) -> Iterator[tuple[int, Sequence[Any], None]]:
    """The first sheet's rows, numbered as the sheet numbers them; read-only, so streaming.
    The sheet's own record of its size (``<dimension>``) is not trusted: some programs write
    it wrong, and openpyxl read only the rows and columns it named, the others dropped
    without a word."""
    try:
        import openpyxl
    except ImportError:
        raise UsageError.of("PS042", file=path) from None
    _check_parts(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged file fails in zipfile, XML or openpyxl itself
        raise UsageError.of("PS044.workbook", {"problem": str(exc)}, file=path) from None
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()
        rows = sheet.iter_rows(min_row=1, min_col=1, values_only=True)
        number = blank = 0
        while blank < MAX_BLANK_ROWS:
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # a damaged sheet is found only as it is read
                raise UsageError.of("PS044.workbook", {"problem": str(exc)}, file=path,
                                    line=number + 1) from None
            number += 1
            blank = blank + 1 if all(cell(v) is None for v in values) else 0
            yield number, values, None
    finally:
        book.close()


def _check_parts(path: str) -> None:
    """Refuse a workbook with a part that unpacks to more than ``MAX_XLSX_PART_BYTES`` (zip
    reads no more than a part's stated size), before anything reads it; a file that is no zip
    is left for openpyxl to say so."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return
    for part in parts:
        if part.file_size > MAX_XLSX_PART_BYTES:
            raise UsageError.of("PS047.part", {"part": part.filename, "size": part.file_size,
                                               "limit": MAX_XLSX_PART_BYTES}, file=path)


def _jsonl(path: str) -> Iterator[tuple[int, Any]]:
    """One JSON value per line; a line that is not JSON, or not text, is an unreadable row,
    not a bad file. Numbers keep their written digits (``104.5`` reaches the record as text,
    exactly)."""
    with open(path, "rb") as handle:
        for number, (line, problem) in enumerate(_lines(handle, _encoding(path)), 1):
            if problem is not None:
                yield number, problem
            elif not line.strip():
                continue
            else:
                try:
                    yield number, json.loads(line, parse_float=str, parse_int=int,
                                             object_pairs_hook=_unique)
                except json.JSONDecodeError as exc:
                    yield number, Unreadable("PS044.json", {"problem": exc.msg})
                except (ValueError, RecursionError) as exc:  # a 5,000-digit int; deep nesting
                    yield number, Unreadable("PS044.json", {"problem": str(exc)})


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys are all different: one written twice is refused, as in YAML,
    rather than the last one kept."""
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise ValueError(f"duplicate key {key!r}")
        data[key] = value
    return data


def _listed(path: str) -> Iterable[tuple[int, Any]]:
    document = parse(read_text(path, UsageError, records=True), path, UsageError)
    if document.data is None:  # an empty file: no records
        return []
    if not isinstance(document.data, list):
        raise UsageError.of("PS041", file=path)
    return [(_line_of(document.pos((index,)), index), item)
            for index, item in enumerate(document.data)]


def _line_of(pos: Pos | None, index: int) -> int:
    return pos.line if pos is not None else index + 1
