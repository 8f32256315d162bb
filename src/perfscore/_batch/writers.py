"""Scoring many rows into a table of outcomes: ``perfscore batch``, and the row layout that
``perfscore.pandas`` and ``perfscore.dask`` share.

One output row per input row, in order, always — a row that cannot be read or scored becomes a
``rejected`` row carrying its errors, never a gap. Columns: ``id``, ``status``, ``total``,
``grade``, every indicator's points (depth first, in the scheme's order, named by id), and
``errors``. Output is written to a temporary file beside the target and moved into place at
the end, so a failed run never leaves a truncated file that looks complete. The temporary file
is hidden and named with the process id (``.perfscore-<pid>-….csv``): an interrupted run
removes its own, and a run that was killed outright (SIGKILL, a power cut) leaves one that the
next batch writing into that folder removes, once no process of that id is running.

Text cells of CSV and XLSX files go through ``_text.sheet_cell`` (no formula, nothing XML
cannot hold); JSONL writes a lone surrogate as its JSON escape.

With ``jobs`` above 1, rows are scored by a pool of worker processes, in chunks: this process
reads the rows and writes the output, the workers score each chunk and encode its output rows
(the same bytes as one process writes), and chunks are written in input order. An input of
fewer than ``POOL_MIN_ROWS`` rows is scored in this process: starting the workers would cost
more than they save.
"""

from __future__ import annotations

import contextlib
import csv
import glob
import io
import itertools
import json
import multiprocessing
import os
import re
import signal
import stat
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from .._common.errors import OutputError, UsageError
from .._common.language import language
from .._common.messages import render
from .._common.numbers import ZERO, plain, round_to
from .._common.text import sheet_cell
from .._score.result import Rejection, Result, json_number
from .readers import Row, Unreadable

if TYPE_CHECKING:
    from .._model.tree import Indicator
    from .._scheme import Scheme

RowOutcome = Result | Rejection
OUTPUT_FORMATS = ("csv", "jsonl", "xlsx")
FIXED = ("id", "status", "total", "grade")
ERRORS = "errors"
XLSX_MAX_ROWS = 1_048_576
"""Rows in one Excel sheet, the header included."""
XLSX_MAX_CELL = 32_767
"""Characters in one Excel cell."""
CHUNK_ROWS = 1_000
"""Rows a worker process scores at a time."""
POOL_MIN_ROWS = 20_000
"""Fewer rows than this are scored in one process whatever ``jobs`` says: starting a worker
(a Python process that imports perfscore and recompiles the scheme) costs about as much as
scoring a few thousand rows."""


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


def people_columns(scheme: Scheme, lang: str) -> list[str]:
    """The columns as people read them (``--headers names``): the fixed ones in ``lang``,
    indicators by name (a name two indicators share, or a fixed column's, followed by the
    id: a JSONL line keyed by a name twice would keep one of its two values), a ``warnings``
    column before ``errors``."""
    def nodes(node: Indicator) -> Iterator[Indicator]:
        yield node
        for child in node.children:
            yield from nodes(child)

    every = [node for root in scheme.indicators for node in nodes(root)]
    names = [node.name for node in every]
    first = [render(f"batch.{key}", {}, lang) for key in FIXED]
    last = [render("batch.warnings", {}, lang), render("batch.errors", {}, lang)]
    taken = {*first, *last}
    return [*first, *(f"{node.name}（{node.id}）"
                      if names.count(node.name) > 1 or node.name in taken else node.name
                      for node in every), *last]


def input_labels(scheme: Scheme) -> dict[str, str]:
    """Column labels → input names, so a sheet headed in Chinese maps onto the fields. A
    label that is another input's name, or the label of two inputs, names nothing: a column
    headed with it is read as written."""
    labels = [spec.label for spec in scheme.inputs.values() if spec.label]
    return {spec.label: name for name, spec in scheme.inputs.items()
            if spec.label and spec.label not in scheme.inputs and labels.count(spec.label) == 1}


def sections_of(scheme: Scheme) -> dict[str, str]:
    """Every way a line of a sheet may name the section (``rows`` input) its row is in: the
    input's name and label, and the name and id of the indicator that scores it."""
    sections: dict[str, str] = {}
    for root in scheme.indicators:
        for node in root.walk():
            if node.rows is not None:
                source = node.rows.source
                label = scheme.inputs[source].label
                sections.update({source: source, node.id: source, node.name: source,
                                 **({label: source} if label else {})})
    return sections


def score_rows(scheme: Scheme, rows: Iterable[Row], lang: str | None = None
               ) -> Iterator[tuple[Row, RowOutcome]]:
    """Each row with its outcome, streaming through ``Scheme.score_many``. A row that could
    not be read is rejected with the reason; every rejection carries its row's id."""
    chosen = language(lang, scheme.locale)
    behind, ahead = itertools.tee(rows)
    scored = scheme.score_many((row.data for row in ahead), lang=lang)
    for row, outcome in zip(behind, scored, strict=True):
        if isinstance(row.data, Unreadable):
            outcome = Rejection(row.index, row.id, (row.data.error(chosen),))
        elif isinstance(outcome, Rejection):
            outcome = Rejection(row.index, row.id, outcome.errors)
        yield row, outcome


def cells(row_id: str | None, outcome: RowOutcome, indicators: int,
          people: str | None = None) -> list[Any]:
    """One output row in ``columns`` order (``indicators`` of them): text, Decimal points,
    None for nothing. ``people`` (a language) gives the row of ``people_columns``: the status
    in that language and the result's warnings before the errors. A 自评表's rows are in their
    section's points, not columns of their own: their number differs from unit to unit."""
    if isinstance(outcome, Rejection):
        status = "rejected" if people is None else render("batch.rejected", {}, people)
        return [row_id, status, None, None, *itertools.repeat(None, indicators),
                *([] if people is None else [None]), outcome.message]
    if people is None:
        return [row_id, "scored", outcome.total, outcome.grade,
                *outcome.tree.points(), None]
    warnings = ("" if people == "zh" else " ").join(  # each is a sentence
        w.message(people) for w in outcome.warnings) or None
    return [row_id, render("batch.scored", {}, people), outcome.total, outcome.grade,
            *outcome.tree.points(), warnings,
            None]


@dataclass(frozen=True, slots=True)
class Summary:
    """What a batch did: rows read, scored and rejected, and how long it took."""

    rows: int
    scored: int
    rejected: int
    seconds: float
    processes: int = 1
    """Processes that scored the rows: 1, or the worker processes of a pool."""

    @property
    def rate(self) -> float:
        """Records per second."""
        return self.rows / self.seconds if self.seconds > 0 else 0.0


def output_format(path: str, lang: str) -> str:
    """The output's format from its extension (an unknown one refused in ``lang``)."""
    kind = os.path.splitext(path)[1].lower().lstrip(".")
    kind = {"ndjson": "jsonl"}.get(kind, kind)
    if kind not in OUTPUT_FORMATS:
        raise UsageError.of("PS045", {"path": path}, file=path, lang=lang)
    return kind


def run(scheme: Scheme, rows: Iterable[Row], output: str, *, lang: str | None = None,
        source: str | None = None, observe: Callable[[Row, str | None], None] | None = None,
        jobs: int = 1, headers: str = "ids") -> Summary:
    """Score ``rows`` (read from the file ``source``, when there is one) into the file
    ``output``; ``observe`` sees each row as it is written, with its rejection's message (None
    when it scored). ``jobs`` above 1 scores in that many worker processes when there are at
    least ``POOL_MIN_ROWS`` rows; the output is the same, byte for byte (cell for cell for
    XLSX, whose file records when it was written). ``headers="names"``
    writes the layout people read (``people_columns``), and an XLSX file then gains a summary
    sheet.

    The output appears only once every row is written: a UsageError mid-way (a file that
    breaks off, a sheet that is full) or an input without a single record leaves no file
    behind, and any earlier file of that name as it was. An output that is the input file,
    however it is named, is refused before anything is read.
    """
    chosen = language(lang, scheme.locale)
    kind = output_format(output, chosen)
    if source is not None and os.path.exists(output) and os.path.samefile(source, output):
        raise UsageError.of("PS046.same", {"path": output}, file=output, lang=chosen)
    people = chosen if headers == "names" else None
    names = columns(scheme) if people is None else people_columns(scheme, chosen)
    width = len(columns(scheme)) - len(FIXED) - 1
    start = time.perf_counter()
    scored = rejected = 0
    processes = 1
    tally = _Tally(scheme, chosen) if people is not None and kind == "xlsx" else None
    with _Output(output, kind, names, chosen, tally) as sink:
        if jobs > 1:
            rows = iter(rows)
            first = list(itertools.islice(rows, POOL_MIN_ROWS))
            rows = itertools.chain(first, rows)
            if len(first) == POOL_MIN_ROWS:
                processes = jobs
        if processes > 1:
            for row, message in _pooled(scheme, rows, lang, sink, jobs, people):
                if message is None:
                    scored += 1
                else:
                    rejected += 1
                if observe is not None:
                    observe(row, message)
        else:
            for row, outcome in score_rows(scheme, rows, lang):
                if isinstance(outcome, Rejection):
                    rejected += 1
                else:
                    scored += 1
                sink.write(cells(row.id, outcome, width, people))
                if observe is not None:
                    observe(row, outcome.message if isinstance(outcome, Rejection) else None)
        if not scored + rejected:
            raise UsageError.of("PS041.empty", {}, file=source, lang=chosen)
    return Summary(scored + rejected, scored, rejected, time.perf_counter() - start, processes)


def default_jobs() -> int:
    """The processes ``perfscore batch`` uses unless told: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _pooled(scheme: Scheme, rows: Iterable[Row], lang: str | None, sink: _Output, jobs: int,
            people: str | None) -> Iterator[tuple[Row, str | None]]:
    """Each row with its rejection's message (None when it scored), scored by ``jobs`` worker
    processes a chunk at a time and written to ``sink`` in input order. At most two chunks per
    worker are in flight, so memory stays flat however long the input."""
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker,
                               initargs=(scheme, lang, sink.kind, sink.names, os.getpid(),
                                         people))
    pending: deque[tuple[list[Row], Future[tuple[Any, list[str | None]]]]] = deque()
    source = iter(rows)
    try:
        chunks = iter(lambda: list(itertools.islice(source, CHUNK_ROWS)), [])
        for chunk in itertools.chain(chunks, [None]):
            if chunk is not None:
                pending.append((chunk, pool.submit(_score_chunk, chunk)))
                if len(pending) < 2 * jobs:
                    continue
            while pending and (chunk is None or len(pending) >= 2 * jobs):
                done, future = pending.popleft()
                encoded, messages = future.result()
                sink.put(encoded, len(done))
                yield from zip(done, messages, strict=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_worker: dict[str, Any] = {}
"""A worker process's scheme and output layout, set once when it starts."""


def _start_worker(scheme: Scheme, lang: str | None, kind: str, names: list[str], batch: int,
                  people: str | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker.update(scheme=scheme, lang=lang, kind=kind, names=names, people=people)
    threading.Thread(target=_watch, args=(batch,), daemon=True).start()


def _watch(parent: int) -> None:
    """End this worker once the batch that started it is gone. A batch killed outright
    (SIGKILL) tells its workers nothing, and they would wait for work forever, holding its
    standard output open; the batch is gone when this process is handed to another parent.
    (Workers are spawned, not forked from a fork server, which would outlive such a batch.)"""
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


_WATCH_SECONDS = 0.2


def _score_chunk(rows: list[Row]) -> tuple[Any, list[str | None]]:
    """A chunk's output rows encoded as ``_Output.put`` writes them, and each row's rejection
    message (None when it scored)."""
    names: list[str] = _worker["names"]
    people: str | None = _worker["people"]
    width = len(names) - len(FIXED) - (1 if people is None else 2)
    table = []
    messages: list[str | None] = []
    for row, outcome in score_rows(_worker["scheme"], rows, _worker["lang"]):
        table.append(cells(row.id, outcome, width, people))
        messages.append(outcome.message if isinstance(outcome, Rejection) else None)
    return encode(_worker["kind"], names, table), messages


def encode(kind: str, names: list[str], table: list[list[Any]]) -> Any:
    """Output rows as ``_Output`` writes them: CSV or JSONL text, or XLSX rows of values."""
    if kind == "xlsx":
        return [_xlsx_row(row) for row in table]
    buffer = io.StringIO(newline="")
    if kind == "csv":
        csv.writer(buffer).writerows(_csv_row(row) for row in table)
    else:
        buffer.writelines(_jsonl_row(names, row) for row in table)
    return buffer.getvalue()


def _xlsx_row(row: list[Any]) -> list[Any]:
    return [json_number(c) if isinstance(c, Decimal) else _xlsx_text(c) if isinstance(c, str)
            else c for c in row]


def _csv_row(row: list[Any]) -> list[Any]:
    texts = _TEXTS_WRITTEN
    return ["" if c is None else plain(c) if type(c) is Decimal
            else texts.get(c) or _text_written(c) for c in row]


_TEXTS_WRITTEN: dict[str, str] = {}
"""What a CSV file was given for each text (``sheet_cell``), kept: a batch writes the same
few statuses and grades in row after row. Numbers are not kept: a Decimal works out its hash
anew for each new object, which takes twice as long as writing it (``plain``), and most
totals and points differ from row to row."""


def _text_written(cell: str) -> str:
    if len(_TEXTS_WRITTEN) >= 4096:  # a bound on what is kept: ids differ row to row
        _TEXTS_WRITTEN.clear()
    text = _TEXTS_WRITTEN[cell] = sheet_cell(cell)
    return text


def _jsonl_row(names: list[str], row: list[Any]) -> str:
    values = [json_number(c) if isinstance(c, Decimal) else c for c in row]
    return json.dumps(dict(zip(names, values, strict=True)), ensure_ascii=False) + "\n"


_TEMPORARY = ".perfscore-"
_OWNER = re.compile(r"\.perfscore-([0-9]+)-")


class _Output:
    """A table file written row by row into a temporary file, moved into place on success."""

    def __init__(self, path: str, kind: str, names: list[str], lang: str,
                 tally: _Tally | None = None) -> None:
        self.path, self.kind, self.names, self.lang, self.tally = path, kind, names, lang, tally
        self.rows = 0
        self.handle: IO[str] | None = None
        self.book: Any = None
        if kind == "xlsx":
            self.book, self.sheet = _workbook(path, lang, tally is not None)
            if tally is not None:  # for people: widths, the header and the ids kept in view
                for index, name in enumerate(names, 1):
                    width = 40 if index > len(names) - 2 else max(8, min(24, 2 * len(name)))
                    self.sheet.column_dimensions[_letter(index)].width = width
                self.sheet.freeze_panes = "B2"
            self.sheet.append([_xlsx_text(name) for name in names])
        folder = os.path.dirname(os.path.abspath(path))
        _remove_orphans(folder)
        try:
            handle, self.temporary = tempfile.mkstemp(
                prefix=f"{_TEMPORARY}{os.getpid()}-", suffix=os.path.splitext(path)[1],
                dir=folder)
        except OSError as exc:
            raise UsageError.of("PS046", {"path": path, "reason": exc.strerror},
                                file=path, lang=lang) from None
        os.close(handle)
        os.chmod(self.temporary, _mode(path))
        if kind != "xlsx":  # CSV with a BOM, so Excel reads Chinese text as UTF-8
            self.handle = open(self.temporary, "w", newline="",  # noqa: SIM115
                               encoding="utf-8-sig" if kind == "csv" else "utf-8",
                               errors="backslashreplace")
            self.csv = csv.writer(self.handle)
            if kind == "csv":
                self.csv.writerow([sheet_cell(name) for name in names])

    def write(self, row: list[Any]) -> None:
        self.rows += 1
        if self.kind == "xlsx":
            if self.rows >= XLSX_MAX_ROWS:
                raise UsageError.of("PS047", {"limit": XLSX_MAX_ROWS - 1}, file=self.path,
                                    lang=self.lang)
            encoded = _xlsx_row(row)
            if self.tally is not None:
                self.tally.add(encoded)
            self.sheet.append(encoded)
            return
        try:
            if self.kind == "csv":
                self.csv.writerow(_csv_row(row))
            else:
                assert self.handle is not None
                self.handle.write(_jsonl_row(self.names, row))
        except OSError as exc:
            raise self.failed(exc) from None

    def put(self, encoded: Any, count: int) -> None:
        """``count`` rows that ``encode`` made."""
        if self.kind == "xlsx":
            for row in encoded:
                self.rows += 1
                if self.rows >= XLSX_MAX_ROWS:
                    raise UsageError.of("PS047", {"limit": XLSX_MAX_ROWS - 1}, file=self.path,
                                        lang=self.lang)
                if self.tally is not None:
                    self.tally.add(row)
                self.sheet.append(row)
            return
        self.rows += count
        try:
            assert self.handle is not None
            self.handle.write(encoded)
        except OSError as exc:
            raise self.failed(exc) from None

    def failed(self, exc: OSError) -> OutputError:
        return OutputError.of("PS046", {"path": self.path, "reason": exc.strerror},
                              file=self.path, lang=self.lang)

    def __enter__(self) -> _Output:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        try:
            if self.handle is not None:
                self.handle.close()
            if kind is not None and self.book is not None:
                # a write-only sheet left open writes its end, later, to a file gone by then,
                # and Python prints that failure's traceback after the batch's own error
                for sheet in self.book.worksheets:
                    with contextlib.suppress(Exception):  # the batch's own error goes on
                        sheet.close()
            if kind is None:
                if self.book is not None:
                    if self.tally is not None:
                        self.tally.write(self.book)
                    self.book.save(self.temporary)
                os.replace(self.temporary, self.path)
        except OSError as exc:
            raise self.failed(exc) from None
        finally:
            if os.path.exists(self.temporary):
                os.remove(self.temporary)


def _mode(path: str) -> int:
    """The mode the output gets: an existing file's own, else what ``open`` would give."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove_orphans(folder: str) -> None:
    """Remove the temporary files that batches killed outright left in ``folder``: those whose
    process is no longer running. Only where a process can be asked whether it runs (POSIX)."""
    if os.name != "posix":
        return
    for orphan in glob.glob(os.path.join(glob.escape(folder), f"{_TEMPORARY}*")):
        owner = _OWNER.match(os.path.basename(orphan))
        if owner is None:
            continue
        try:
            os.kill(int(owner.group(1)), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):  # another batch may remove it first
                os.remove(orphan)
        except (PermissionError, OverflowError):  # alive, someone else's; not a process id
            continue


def _workbook(path: str, lang: str, people: bool) -> tuple[Any, Any]:
    """A write-only workbook and its sheet, named in ``lang`` for people."""
    try:
        import openpyxl
    except ImportError:
        raise UsageError.of("PS042.write", file=path, lang=lang) from None
    book = openpyxl.Workbook(write_only=True)
    return book, book.create_sheet(render("batch.sheet", {}, lang) if people else "perfscore")


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter
    return str(get_column_letter(column))


class _Tally:
    """What the summary sheet of a people's workbook says, gathered as its rows are written
    (from the rows themselves, so a pool's chunks count as one process's rows do): units by
    grade, the totals' mean, highest and lowest, and the indicators that lost the most."""

    def __init__(self, scheme: Scheme, lang: str) -> None:
        self.lang = lang
        # by the label as the sheet's rows write it (``_xlsx_row``): a label ``+A`` is ``'+A``
        self.grades: dict[str | None, int] = {_xlsx_text(label): 0 for _, label in scheme.grades}
        self.totals: list[Decimal] = []
        self.rejected = 0
        order = [node for root in scheme.indicators for node in root.walk()]
        self.leaves = [(index, node.name, node.points) for index, node in enumerate(order)
                       if node.is_leaf and node.kind == "base"]
        self.lost: dict[int, Decimal] = {}
        self.losing: dict[int, int] = {}

    def add(self, row: list[Any]) -> None:
        total = row[2]
        if total is None:
            self.rejected += 1
            return
        self.totals.append(Decimal(str(total)))
        self.grades[row[3]] = self.grades.get(row[3], 0) + 1
        for index, _, most in self.leaves:
            points = row[len(FIXED) + index]
            if points is not None and Decimal(str(points)) < most:
                self.lost[index] = self.lost.get(index, ZERO) + most - Decimal(str(points))
                self.losing[index] = self.losing.get(index, 0) + 1

    def write(self, book: Any) -> None:
        from openpyxl.chart import BarChart, Reference

        def word(key: str) -> str:
            return render(f"batch.{key}", {}, self.lang)

        sheet = book.create_sheet(word("summary"))
        sheet.column_dimensions["A"].width = 28
        sheet.column_dimensions["B"].width = 12
        sheet.column_dimensions["C"].width = 14
        totals = self.totals
        mean = round_to(sum(totals, ZERO) / len(totals), 2) if totals else None
        sheet.append([word("summary")])
        sheet.append([word("units"), len(totals) + self.rejected])
        sheet.append([word("scored"), len(totals)])
        sheet.append([word("rejected"), self.rejected])
        sheet.append([word("mean"), json_number(mean)])
        sheet.append([word("highest"), json_number(max(totals)) if totals else None])
        sheet.append([word("lowest"), json_number(min(totals)) if totals else None])
        sheet.append([])
        first = 10
        sheet.append([word("grade"), word("units")])
        grades = [(word("no_grade") if label is None else label, count)
                  for label, count in self.grades.items() if label is not None or count]
        for label, count in grades:
            sheet.append([label, count])
        if grades:
            chart = BarChart()
            chart.title = word("chart")
            chart.legend = None
            chart.add_data(Reference(sheet, min_col=2, min_row=first - 1,
                                     max_row=first - 1 + len(grades)), titles_from_data=True)
            chart.set_categories(Reference(sheet, min_col=1, min_row=first,
                                           max_row=first - 1 + len(grades)))
            chart.height, chart.width = 7, 12
            sheet.add_chart(chart, "E2")
        sheet.append([])
        sheet.append([word("most_lost"), word("lost"), word("losing")])
        names = {index: name for index, name, _ in self.leaves}
        ranked = sorted(self.lost, key=lambda i: (-self.lost[i], i))[:MOST_LOST]
        for index in ranked:
            sheet.append([_xlsx_text(names[index]), json_number(self.lost[index]),
                          self.losing[index]])


MOST_LOST = 10
"""Indicators the summary sheet lists, those that lost the most points across the units."""


def _xlsx_text(value: str) -> str:
    """A text cell for Excel: ``sheet_cell`` (so openpyxl never takes it for a formula) and
    at most 32,767 characters."""
    text = sheet_cell(value)
    return text if len(text) <= XLSX_MAX_CELL else text[:XLSX_MAX_CELL - 1] + "…"
