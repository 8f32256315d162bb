"""The 自评表 as one HTML file: Jinja2 templates shipped in the package, the CSS inline, a chart
of the points lost as inline SVG — no script, nothing fetched, so the file reads the same
offline, attached to a mail or printed to A4 (``@page``, the table's header repeated on each
page, no row split across two)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from .._common.numbers import plain
from .form import BUDGET, COLUMNS, Form, Line

_TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True, slots=True)
class _Bar:
    name: str
    lost: str
    y: int
    width: int


@dataclass(frozen=True, slots=True)
class _Chart:
    bars: tuple[_Bar, ...]
    width: int = 700
    label_end: int = 230
    bar_start: int = 240
    bar_room: int = 400

    @property
    def height(self) -> int:
        return 20 * len(self.bars) + 4


def _chart(form: Form) -> _Chart:
    lost = form.lost
    if not lost:
        return _Chart(())
    most = max(line.lost for line in lost if line.lost is not None)
    room = _Chart(()).bar_room
    return _Chart(tuple(
        _Bar(line.level3, plain(line.lost), 20 * index,
             max(1, int(line.lost * room / most)))
        for index, line in enumerate(lost) if line.lost is not None))


def _firsts(lines: tuple[Line, ...]) -> list[tuple[Line, tuple[bool, bool]]]:
    """Each line with whether it starts its 一级 and its 二级 group: the form prints a group's
    name once, its cells merged down. The merge is drawn (no border between the cells), not a
    ``rowspan``: a cell spanning rows cannot break across pages, and Chromium would rather
    move a whole group to the next page than split it."""
    found: list[tuple[Line, tuple[bool, bool]]] = []
    for index, line in enumerate(lines):
        first = index == 0 or lines[index - 1].level1 != line.level1
        found.append((line, (first, first or lines[index - 1].level2 != line.level2)))
    return found


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
    trim_blocks=True, lstrip_blocks=True)
ENVIRONMENT.filters["plain"] = plain


def html(form: Form) -> str:
    """The whole page."""
    return ENVIRONMENT.get_template("report.html.j2").render(
        form=form, columns=COLUMNS, budget=BUDGET, rows=_firsts(form.lines), chart=_chart(form))
