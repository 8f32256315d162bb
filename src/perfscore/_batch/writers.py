"""Scoring many rows into a table of outcomes: ``perfscore batch``, and the row layout that
``perfscore.pandas`` and ``perfscore.dask`` share.

One output row per input row, in order, always — a row that cannot be read or scored becomes a
``rejected`` row carrying its errors, never a gap. Columns: ``id``, ``status``, ``total``,
``grade``, every indicator's points (depth first, in the scheme's order, named by id), and
``errors``. Output is written to a temporary file beside the target and moved into place at
the end, so a failed run never leaves a truncated file that looks complete.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from .._common.errors import RecordError, UsageError
from .._common.numbers import plain
from .._score.result import Rejection, Result, json_number
from .readers import Row, Unreadable

if TYPE_CHECKING:
    from .._model.build import Indicator
    from .._scheme import Scheme

RowOutcome = Result | Rejection
OUTPUT_FORMATS = ("csv", "jsonl", "xlsx")
FIXED = ("id", "status", "total", "grade")
ERRORS = "errors"
XLSX_MAX_ROWS = 1_048_576
"""Rows in one Excel sheet, the header included."""
XLSX_MAX_CELL = 32_767
"""Characters in one Excel cell."""


def columns(scheme: Scheme) -> list[str]:
    """The output columns. An indicator whose id is also a fixed column's name (``total``)
    is written ``points.<id>``, which no id can be."""
    def ids(node: Indicator) -> Iterator[str]:
        yield node.id
        for child in node.children:
            yield from ids(child)

    taken = {*FIXED, ERRORS}
    return [*FIXED, *(f"points.{i}" if i in taken else i
                      for root in scheme.indicators for i in ids(root)), ERRORS]


def input_labels(scheme: Scheme) -> dict[str, str]:
    """Column labels → input names, so a sheet headed in Chinese maps onto the fields. A
    label that is another input's name, or the label of two inputs, names nothing: a column
    headed with it is read as written."""
    labels = [spec.label for spec in scheme.inputs.values() if spec.label]
    return {spec.label: name for name, spec in scheme.inputs.items()
            if spec.label and spec.label not in scheme.inputs and labels.count(spec.label) == 1}


def score_rows(scheme: Scheme, rows: Iterable[Row], lang: str | None = None
               ) -> Iterator[tuple[Row, RowOutcome]]:
    """Each row with its outcome, streaming through ``Scheme.score_many``. A row that could
    not be read is rejected with the reason; every rejection carries its row's id."""
    behind, ahead = itertools.tee(rows)
    scored = scheme.score_many((row.data for row in ahead), lang=lang)
    for row, outcome in zip(behind, scored, strict=True):
        if isinstance(row.data, Unreadable):
            outcome = Rejection(row.index, row.id, (RecordError(row.data.message),))
        elif isinstance(outcome, Rejection):
            outcome = Rejection(row.index, row.id, outcome.errors)
        yield row, outcome


def cells(row_id: str | None, outcome: RowOutcome, indicators: int) -> list[Any]:
    """One output row in ``columns`` order (``indicators`` of them): text, Decimal points,
    None for nothing."""
    if isinstance(outcome, Rejection):
        return [row_id, "rejected", None, None, *itertools.repeat(None, indicators),
                outcome.message]
    return [row_id, "scored", outcome.total, outcome.grade,
            *(item.points for item in outcome.walk()), None]


@dataclass(frozen=True, slots=True)
class Summary:
    """What a batch did: rows read, scored and rejected, and how long it took."""

    rows: int
    scored: int
    rejected: int
    seconds: float

    @property
    def rate(self) -> float:
        """Records per second."""
        return self.rows / self.seconds if self.seconds > 0 else 0.0


def output_format(path: str) -> str:
    """The output's format from its extension."""
    kind = os.path.splitext(path)[1].lower().lstrip(".")
    kind = {"ndjson": "jsonl"}.get(kind, kind)
    if kind not in OUTPUT_FORMATS:
        raise UsageError(f"cannot tell the output format of {path}: use a .csv, .jsonl or "
                         ".xlsx file", file=path, code="PS045")
    return kind


def run(scheme: Scheme, rows: Iterable[Row], output: str, *, lang: str | None = None,
        observe: Callable[[Row, RowOutcome], None] | None = None) -> Summary:
    """Score ``rows`` into the file ``output``; ``observe`` sees each row as it is written.

    The output appears only once every row is written: a UsageError mid-way (a file that
    breaks off, a sheet that is full) leaves no file behind.
    """
    kind = output_format(output)
    names = columns(scheme)
    width = len(names) - len(FIXED) - 1
    start = time.perf_counter()
    scored = rejected = 0
    with _Output(output, kind, names) as sink:
        for row, outcome in score_rows(scheme, rows, lang):
            if isinstance(outcome, Rejection):
                rejected += 1
            else:
                scored += 1
            sink.write(cells(row.id, outcome, width))
            if observe is not None:
                observe(row, outcome)
    return Summary(scored + rejected, scored, rejected, time.perf_counter() - start)


class _Output:
    """A table file written row by row into a temporary file, moved into place on success."""

    def __init__(self, path: str, kind: str, names: list[str]) -> None:
        self.path, self.kind, self.names = path, kind, names
        self.rows = 0
        self.handle: IO[str] | None = None
        self.book: Any = None
        if kind == "xlsx":
            self.book, self.sheet = _workbook(path)
            self.sheet.append(names)
        folder = os.path.dirname(os.path.abspath(path))
        try:
            handle, self.temporary = tempfile.mkstemp(
                prefix=".perfscore-", suffix=os.path.splitext(path)[1], dir=folder)
        except OSError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror}", file=path,
                             code="PS046") from None
        os.close(handle)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.temporary, 0o666 & ~umask)  # as ``open`` would have made it
        if kind != "xlsx":  # CSV with a BOM, so Excel reads Chinese text as UTF-8
            self.handle = open(self.temporary, "w", newline="",  # noqa: SIM115
                               encoding="utf-8-sig" if kind == "csv" else "utf-8")
            self.csv = csv.writer(self.handle)
            if kind == "csv":
                self.csv.writerow(names)

    def write(self, row: list[Any]) -> None:
        self.rows += 1
        if self.kind == "csv":
            self.csv.writerow(["" if c is None else plain(c) if isinstance(c, Decimal) else c
                               for c in row])
        elif self.kind == "jsonl":
            assert self.handle is not None
            values = [json_number(c) if isinstance(c, Decimal) else c for c in row]
            self.handle.write(json.dumps(dict(zip(self.names, values, strict=True)),
                                         ensure_ascii=False) + "\n")
        else:
            if self.rows >= XLSX_MAX_ROWS:
                raise UsageError(f"an Excel sheet holds at most {XLSX_MAX_ROWS - 1:,} rows: "
                                 "write a .csv or .jsonl file instead", file=self.path,
                                 code="PS047")
            self.sheet.append([json_number(c) if isinstance(c, Decimal) else
                               _xlsx_cell(self.sheet, c) for c in row])

    def __enter__(self) -> _Output:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        try:
            if self.handle is not None:
                self.handle.close()
            if kind is None:
                if self.book is not None:
                    self.book.save(self.temporary)
                os.replace(self.temporary, self.path)
        except OSError as exc:
            raise UsageError(f"cannot write {self.path}: {exc.strerror}", file=self.path,
                             code="PS046") from None
        finally:
            if os.path.exists(self.temporary):
                os.remove(self.temporary)


def _workbook(path: str) -> tuple[Any, Any]:
    try:
        import openpyxl
    except ImportError:
        raise UsageError("writing .xlsx files needs openpyxl: pip install 'perfscore[excel]'",
                         file=path, code="PS042") from None
    book = openpyxl.Workbook(write_only=True)
    return book, book.create_sheet("perfscore")


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    """A value for Excel: text stays text (openpyxl would take ``=…`` for a formula), and a
    cell holds at most 32,767 characters."""
    if not isinstance(value, str) or not (value.startswith("=") or len(value) > XLSX_MAX_CELL):
        return value
    from openpyxl.cell import WriteOnlyCell

    if len(value) > XLSX_MAX_CELL:
        value = value[:XLSX_MAX_CELL - 1] + "…"
    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    return cell
