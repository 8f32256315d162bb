"""Reading many records from a file: CSV, JSONL, XLSX, or a YAML/JSON list of mappings.

Rows stream one at a time (a YAML/JSON list is the exception: it is parsed whole, within the
file size limit), each with its 0-based index, its id (from the id column, when there is one)
and where it is in the file, so that a rejected row can be found again. Column headers may be
input names or their labels (Chinese column names from a spreadsheet map onto fields).

Tables (CSV, XLSX): the first non-blank row is the header; an empty cell means the field was not
given; a row with no value at all is not a record (spreadsheets end with blank rows). A value in
a column with no header, or beyond the header, makes its row unreadable rather than silently
dropped. CSV is UTF-8, or GB18030 (what Excel writes on a Chinese Windows) when the start of the
file is not UTF-8.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from ._errors import UsageError
from ._format import suggest
from ._limits import MAX_FILE_BYTES
from ._yaml import Pos, parse, read_text, require_file

FORMATS = ("csv", "jsonl", "xlsx", "yaml", "json")
_ALIASES = {"yml": "yaml", "ndjson": "jsonl", "xlsm": "xlsx"}
_SNIFF_BYTES = 1 << 16


@dataclass(frozen=True, slots=True)
class Row:
    """One input row: its position among the records, its id (or None), its fields, and
    ``line``: where it is in the file as a person counts (the line of a CSV or JSONL file, which
    for a sheet saved as CSV is its row number; the sheet row of an XLSX file; the line where a
    YAML/JSON list item starts)."""

    index: int
    id: str | None
    data: Any
    line: int


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A row that could not be parsed; scoring it rejects it with this message."""

    message: str


def format_of(path: str) -> str:
    """The file's format from its extension."""
    extension = os.path.splitext(path)[1].lower().lstrip(".")
    kind = _ALIASES.get(extension, extension)
    if kind not in FORMATS:
        raise UsageError(f"cannot tell the format of {path}: use a .csv, .jsonl, .xlsx, .yaml "
                         "or .json file", file=path, code="PS040")
    return kind


def read_rows(path: str, *, id_field: str = "id", labels: Mapping[str, str] | None = None,
              keep_id: bool = False, require_id: bool = False) -> Iterator[Row]:
    """The rows of ``path``; ``labels`` maps column labels to input names. The id field is
    taken out of each row's data unless ``keep_id`` (the scheme declares it as an input);
    ``require_id`` (an id field named on the command line) makes a table without that column
    a usage error rather than every row rejected.

    Raises UsageError (before the first row, or when the file breaks off mid-way) for a file
    that cannot be read as a whole: missing, unknown format, bad encoding, a bad header.
    """
    require_file(path, UsageError, f"no such file: {path}")
    kind = format_of(path)
    rename = dict(labels or {})
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
    if isinstance(data, dict) and id_field in data:
        value = data[id_field] if keep_id else data.pop(id_field)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a spreadsheet's number 3 arrives as 3.0
        row_id = None if value is None else str(value)
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
            return Unreadable(f"the field {name!r} is given twice, by its name and its label")
        renamed[name] = value
    return renamed


def _table(lines: Iterator[tuple[int, Sequence[Any]]], rename: Mapping[str, str],
           path: str, id_field: str | None = None) -> Iterator[tuple[int, Any]]:
    """Rows of a table as mappings of the header's names; blank rows are skipped. A table
    without the column ``id_field`` (when given) is a UsageError."""
    header: list[str | None] | None = None
    for line, cells in lines:
        values = [cell(c) for c in cells]
        if all(v is None for v in values):
            continue
        if header is None:
            header = header_names(values, rename, path, line)
            if id_field is not None and id_field not in header:
                raise UsageError(f"no column {id_field!r} in the header", file=path, line=line,
                                 code="PS040",
                                 suggestion=suggest(id_field, [h for h in header if h]))
            continue
        yield line, row_data(header, values, line)


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
            raise UsageError(f"columns {seen[name]!r} and {written!r} both give the field "
                             f"{name!r}", file=path, line=line, code="PS043")
        seen[name] = written
        header.append(name)
    return header


def row_data(header: Sequence[str | None], values: Sequence[Any], line: int) -> Any:
    """A table row's non-empty cells by field name, or Unreadable for a value under no
    header."""
    data: dict[str, Any] = {}
    for column, value in enumerate(values):
        if value is None:
            continue
        name = header[column] if column < len(header) else None
        if name is None:
            return Unreadable(f"row {line}: a value in column {_column_name(column)}, which "
                              "has no header")
        data[name] = value
    return data


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
        start = handle.read(_SNIFF_BYTES)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(start, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _csv(path: str) -> Iterator[tuple[int, list[str]]]:
    encoding = _encoding(path)
    with open(path, "rb") as handle:
        reader = csv.reader(_lines(handle, encoding, path))
        line = 1
        try:
            for cells in reader:
                yield line, cells
                line = reader.line_num + 1
        except csv.Error as exc:
            raise UsageError(f"CSV: {exc}", file=path, line=reader.line_num,
                             code="PS044") from None


def _lines(handle: IO[bytes], encoding: str, path: str) -> Iterator[str]:
    """The file's lines as text, decoded one by one so that a bad byte is reported on its own
    line; a newline byte is never part of a UTF-8 or GB18030 character."""
    number = 0
    while raw := handle.readline(MAX_FILE_BYTES + 1):
        number += 1
        if len(raw) > MAX_FILE_BYTES:
            raise UsageError(f"line {number} is longer than {MAX_FILE_BYTES:,} bytes",
                             file=path, line=number, code="PS044")
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise UsageError(f"line {number} is not {encoding.upper()} text (byte "
                             f"{exc.start + 1}); save the file as CSV UTF-8", file=path,
                             line=number, code="PS044") from None
        yield text.removeprefix("\ufeff") if number == 1 else text


def _xlsx(path: str) -> Iterator[tuple[int, Sequence[Any]]]:
    """The first sheet's rows, numbered as the sheet numbers them; read-only, so streaming."""
    try:
        import openpyxl
    except ImportError:
        raise UsageError("reading .xlsx files needs openpyxl: pip install 'perfscore[excel]'",
                         file=path, code="PS042") from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged file fails in zipfile, XML or openpyxl itself
        raise UsageError(f"cannot read the workbook: {exc}", file=path, code="PS044") from None
    try:
        rows = book.worksheets[0].iter_rows(min_row=1, min_col=1, values_only=True)
        number = 0
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # a damaged sheet is found only as it is read
                raise UsageError(f"cannot read the workbook: {exc}", file=path,
                                 line=number + 1, code="PS044") from None
            number += 1
            yield number, values
    finally:
        book.close()


def _jsonl(path: str) -> Iterator[tuple[int, Any]]:
    """One JSON value per line; a line that is not JSON is an unreadable row, not a bad file.
    Numbers keep their written digits (``104.5`` reaches the record as text, exactly)."""
    with open(path, encoding="utf-8-sig") as handle:
        number = 0
        while line := handle.readline(MAX_FILE_BYTES + 1):
            number += 1
            if len(line) > MAX_FILE_BYTES and not line.endswith("\n"):
                while (rest := handle.readline(MAX_FILE_BYTES)) and not rest.endswith("\n"):
                    pass
                yield number, Unreadable(f"line {number}: longer than {MAX_FILE_BYTES:,} "
                                         "characters")
                continue
            if not line.strip():
                continue
            try:
                yield number, json.loads(line, parse_float=str, parse_int=int,
                                         object_pairs_hook=_unique)
            except json.JSONDecodeError as exc:
                yield number, Unreadable(f"invalid JSON ({exc.msg})")
            except (ValueError, RecursionError) as exc:  # an int of 5,000 digits; deep nesting
                yield number, Unreadable(f"invalid JSON ({exc})")


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
    document = parse(read_text(path, UsageError), path, UsageError)
    if document.data is None:  # an empty file: no records
        return []
    if not isinstance(document.data, list):
        raise UsageError("a YAML or JSON records file must hold a list of mappings", file=path,
                         code="PS041")
    return [(_line_of(document.pos((index,)), index), item)
            for index, item in enumerate(document.data)]


def _line_of(pos: Pos | None, index: int) -> int:
    return pos.line if pos is not None else index + 1
