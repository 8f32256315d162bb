"""Reading many records from a file: CSV, JSONL, or a YAML/JSON list of mappings.

Rows stream one at a time, each with its 0-based index and its id (from the id column, when
there is one). CSV cells are text; an empty cell means the field was not given. Column headers
may be input names or their labels (Chinese column names from a spreadsheet).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ._errors import UsageError
from ._yaml import parse, read_text

FORMATS = ("csv", "jsonl", "yaml", "json")


@dataclass(frozen=True, slots=True)
class Row:
    """One input row: its position, its id (or None), and its fields."""

    index: int
    id: str | None
    data: Any


def format_of(path: str) -> str:
    extension = os.path.splitext(path)[1].lower().lstrip(".")
    kind = {"yml": "yaml", "ndjson": "jsonl"}.get(extension, extension)
    if kind not in FORMATS:
        raise UsageError(f"cannot tell the format of {path}: use a .csv, .jsonl, .yaml or "
                         ".json file", file=path, code="PS040")
    return kind


def read_rows(path: str, *, id_field: str = "id",
              labels: Mapping[str, str] | None = None) -> Iterator[Row]:
    """The rows of ``path``; ``labels`` maps column labels to input names."""
    if not os.path.isfile(path):
        raise UsageError(f"no such file: {path}", file=path, code="PS001")
    kind = format_of(path)
    rename = dict(labels or {})
    if kind == "csv":
        rows: Iterator[Any] = _csv(path)
    elif kind == "jsonl":
        rows = _jsonl(path)
    else:
        rows = _listed(path)
    for index, data in enumerate(rows):
        row_id = None
        if isinstance(data, dict):
            data = {rename.get(k, k): v for k, v in data.items()}
            if id_field in data:
                row_id = str(data.pop(id_field))
        yield Row(index, row_id, data)


def _csv(path: str) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {k.strip(): v.strip() for k, v in row.items()
                   if k is not None and v is not None and v.strip() != ""}


def _jsonl(path: str) -> Iterator[Any]:
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line, parse_float=str, parse_int=int)
            except json.JSONDecodeError as exc:
                yield Unreadable(f"line {number}: invalid JSON ({exc.msg})")


def _listed(path: str) -> Iterator[Any]:
    data = parse(read_text(path, UsageError), path, UsageError).data
    if not isinstance(data, list):
        raise UsageError("a YAML or JSON records file must hold a list of mappings", file=path,
                         code="PS041")
    yield from data


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A row that could not be parsed; scoring it rejects it with this message."""

    message: str
