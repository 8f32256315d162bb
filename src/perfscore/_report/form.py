"""The 绩效自评表 as data: one scored record laid out as the form lays it out (DOMAIN.md, "The
self-evaluation table layout"), shared by the HTML page, the PDF printed from it and the
workbook, so the three cannot disagree on a row.

Rows are the leaves, in the scheme's order. 一级指标 is the leaf's top-level branch, 二级指标 the
branch between (several joined when the tree is deeper), 三级指标 the leaf; a row item of a
``rows`` input (SPEC §8) takes 二级/三级指标, 指标性质, 度量单位, the target and the actual
value from its row.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .._common.messages import render
from .._common.numbers import HUNDRED, PERCENT_SIGNS, plain, round_to
from .._common.text import shown
from .._score.result import Item, Result

BUDGET = ("initial", "full_year", "spent", "points", "rate", "score")
"""The budget block's columns, in the form's order; each is worded by ``paper.<column>``."""
COLUMNS = ("level1", "level2", "level3", "nature", "unit", "target", "actual", "points", "score",
           "reason")
"""The form's columns, in its order; each is worded by ``paper.<column>``."""


@dataclass(frozen=True, slots=True)
class Line:
    """One row of the table. ``target`` and ``actual`` are numbers in the unit the 度量单位
    column names (a percentage as 86.05 with unit %), or text; ``score`` is None when the
    indicator was not scored; ``lost`` is what it cost (None: not scored)."""

    level1: str
    level2: str
    level3: str
    nature: str
    unit: str
    target: Decimal | str | None
    actual: Decimal | str | None
    points: Decimal
    score: Decimal | None
    reason: str
    lost: Decimal | None
    explanation: str

    def text(self, column: str) -> str:
        """The cell as it is printed."""
        value = getattr(self, column)
        if isinstance(value, Decimal):
            return plain(value)
        return "—" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Block:
    """The budget block (项目资金) above the rows: the three amounts as the record gave them
    and the line of the indicator (预算执行率) it shows — its 分值, its value as the 执行率,
    its 得分 and its 偏差原因."""

    heading: str
    initial: Decimal | None
    full_year: Decimal | None
    spent: Decimal | None
    line: Line

    @property
    def points(self) -> Decimal:
        return self.line.points

    @property
    def score(self) -> Decimal | None:
        return self.line.score

    @property
    def rate(self) -> Decimal | str | None:
        return self.line.actual

    def text(self, column: str) -> str:
        """The cell as it is printed; the 执行率 with its % when it is a percentage."""
        if column in ("points", "score"):
            return self.line.text(column)
        if column == "rate":
            shown_rate = self.line.text("actual")
            return f"{shown_rate}%" if self.line.unit == "%" and self.rate is not None \
                else shown_rate
        value = getattr(self, column)
        return "—" if value is None else plain(value)


@dataclass(frozen=True, slots=True)
class Form:
    """Everything the form shows, its words in one language."""

    lang: str
    heading: str
    title: str
    header: tuple[tuple[str, str], ...]
    labels: Mapping[str, str]
    lines: tuple[Line, ...]
    total: Decimal
    max: Decimal
    grade: str | None
    notes: tuple[str, ...]
    provenance: str
    block: Block | None = None

    def word(self, key: str, **params: Any) -> str:
        return render(f"paper.{key}", params, self.lang)

    @property
    def every(self) -> tuple[Line, ...]:
        """The budget block's line, then the rows: what the explanations and the chart cover."""
        return self.lines if self.block is None else (self.block.line, *self.lines)

    @property
    def lost(self) -> list[Line]:
        """Lines that lost points, most first (ties in the form's order): the chart's bars."""
        return sorted((line for line in self.every if line.lost), key=lambda line: -line.lost)  # type: ignore[operator]


def _leaves(result: Result) -> Iterator[tuple[tuple[Item, ...], Item]]:
    """Each leaf with the branches above it, top first."""
    def visit(item: Item, above: tuple[Item, ...]) -> Iterator[tuple[tuple[Item, ...], Item]]:
        if item.is_leaf:
            yield above, item
        for child in item.children:
            yield from visit(child, (*above, item))

    for root in result.items:
        yield from visit(root, ())


def _measured(value: Any, percent: bool, lang: str) -> Decimal | str | None:
    if isinstance(value, bool):
        return render("paper.yes" if value else "paper.no", {}, lang)
    if isinstance(value, Decimal | int):
        number = Decimal(value) * HUNDRED if percent else Decimal(value)
        return round_to(number, 2)
    return None if value is None else shown(str(value))


def _line(above: tuple[Item, ...], item: Item, lang: str) -> Line:
    top = above[0].name if above else item.name
    middle = " / ".join(branch.name for branch in above[1:])
    row = item.row
    deviation = item.deviation_reason or ""
    explanation = item.explain(lang)
    status = str(item.status)  # "not_applicable" comes with the rows of SPEC §8
    if status == "scored":
        reason = deviation
    else:
        status = "paper.not_applicable" if status == "not_applicable" else "paper.not_assessed"
        reason = render(status, {}, lang) + (f"：{deviation}" if deviation and lang == "zh"
                                             else f": {deviation}" if deviation else "")
    if row is not None:  # a row of the form as the unit filled it in
        nature = str(row.get("nature") or "")
        unit = str(row.get("unit") or "")
        percent = unit.strip() in PERCENT_SIGNS  # the row's 90% was read as 0.9
        return Line(top, str(row.get("group") or middle), str(row.get("name") or item.name),
                    render("paper.qualitative", {}, lang) if nature == "定性" else nature,
                    "%" if percent else shown(unit), _measured(row.get("target"), percent, lang),
                    _measured(row.get("actual"), percent, lang), item.max, item.points,
                    shown(reason), item.lost, explanation)
    method = item.indicator.method if item.indicator is not None else None
    nature = method.nature if method is not None else ""
    percent = item.unit == "percent"
    return Line(top, middle if above[1:] else "", item.name,
                render("paper.qualitative", {}, lang) if nature == "定性" else nature,
                "%" if percent else shown(item.unit or ""),
                _measured(item.target, percent, lang), _measured(item.value, percent, lang),
                item.max, item.points, shown(reason), item.lost, explanation)


def form(result: Result, lang: str) -> Form:
    """The 自评表 of ``result`` in ``lang`` (``zh`` or ``en``)."""
    labels = {key: render(f"paper.{key}", {}, lang)
              for key in (*COLUMNS, *BUDGET, "total", "grade", "budget_total")}
    header: tuple[tuple[str, str], ...] = tuple(
        (shown(str(label)), shown(str(value)))
        for label, value in result.header)
    notes = tuple(shown(flag.message(lang)) for flag in (*result.flags, *result.warnings))
    provenance = render("paper.provenance", {
        "version": result.provenance["perfscore"],
        "scheme": f"{result.scheme}@{result.edition}",
        "scheme_sha256": result.provenance["scheme_sha256"],
        "record_sha256": result.provenance["record_sha256"]}, lang)
    budget = result.budget
    lines = {item.id: _line(above, item, lang) for above, item in _leaves(result)}
    block = None
    if budget is not None:  # its indicator is a leaf: the scheme was checked at load
        heading = render("paper.budget_in", {"unit": budget.unit}, lang) if budget.unit \
            else render("paper.budget", {}, lang)
        block = Block(heading, budget.initial, budget.full_year, budget.spent,
                      lines.pop(budget.indicator))
    return Form(lang, render("paper.heading", {}, lang), shown(result.title), header, labels,
                tuple(lines.values()),
                result.total, result.max, result.grade, notes, provenance, block)
