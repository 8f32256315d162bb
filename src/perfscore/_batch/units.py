"""A sheet of 自评表s: one line per table row, the lines of one unit (单位/项目) grouped by the id
column, gathered into one record per unit (SPEC §8.1, docs/batch.md).

A finance bureau's sheet has one line per 自评表 row: the unit's id, its own fields (项目名称,
全年预算数, …) and the row's 三级指标, 指标性质, … . A unit is the run of lines with the same id;
a line with a blank id belongs to the unit above it (a merged cell in Excel leaves the cells
below it blank), and so does a unit field left blank on a later line. A line's section —
which ``rows`` input its row is in — is its ``section`` (部分, 一级指标) column, by the input's
name or label or the section's indicator name; with one ``rows`` input the column may be left
out. A line with no row field is a line of unit fields only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from .._score.rows import HEADERS
from .._source.format import ROW_FIELDS
from .readers import Row, Unreadable

SECTION_COLUMNS = ("section", "部分", "一级指标")
"""The columns that say which section (``rows`` input) a line's row belongs to."""
ROW_COLUMNS = frozenset((*ROW_FIELDS, *HEADERS))
"""The columns of a 自评表 row, in English or as the table's headers."""


def gather(rows: Iterable[Row], sections: Mapping[str, str]) -> Iterator[Row]:
    """One record per unit. ``sections`` maps every way a section may be named (the rows
    input's name and label, the indicator's name) to the rows input."""
    unit: _Unit | None = None
    count = 0
    for row in rows:
        if unit is not None and row.id in (None, unit.id):
            unit.add(row)
            continue
        if unit is not None:
            yield unit.record()
        unit = _Unit(count, row, sections)
        count += 1
        unit.add(row)
    if unit is not None:
        yield unit.record()


class _Unit:
    """The lines of one unit so far."""

    def __init__(self, index: int, first: Row, sections: Mapping[str, str]) -> None:
        self.index, self.id, self.line = index, first.id, first.line
        self.sections = sections
        self.inputs = sorted(set(sections.values()))
        self.fields: dict[str, Any] = {}
        self.tables: dict[str, list[dict[str, Any]]] = {name: [] for name in self.inputs}
        self.problem: Unreadable | None = None

    def add(self, row: Row) -> None:
        data = row.data
        if isinstance(data, Unreadable):
            self.problem = self.problem or data
            return
        if not isinstance(data, dict):
            return
        line = {k: v for k, v in data.items() if v is not None}
        section = next((line.pop(c) for c in SECTION_COLUMNS if c in line), None)
        cells = {k: line.pop(k) for k in list(line) if k in ROW_COLUMNS}
        for key, value in line.items():
            if key in self.fields and self.fields[key] != value:
                self.problem = self.problem or Unreadable(
                    "PS048.field", {"field": key, "line": row.line})
            self.fields.setdefault(key, value)
        if not cells:
            return
        target = self._section(section, row.line)
        if target is not None:
            self.tables[target].append(cells)

    def _section(self, section: Any, line: int) -> str | None:
        if section is None and len(self.inputs) == 1:
            return self.inputs[0]
        found = self.sections.get(str(section)) if section is not None else None
        if found is None:
            self.problem = self.problem or Unreadable(
                "PS048.section", {"section": "" if section is None else str(section),
                                  "line": line, "sections": sorted(self.sections)})
        return found

    def record(self) -> Row:
        """The unit as one row: its fields and rows, or its first problem, which keeps the
        fields (so that a column of unit names no scheme declares is still seen: the lines
        of units with no id are taken for one unit, and reject it)."""
        if self.problem is not None:
            return Row(self.index, self.id, replace(self.problem, fields=self.fields), self.line)
        return Row(self.index, self.id, {**self.fields,
                                         **{k: v for k, v in self.tables.items() if v}},
                   self.line)
