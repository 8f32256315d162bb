"""``perfscore template``: a blank sheet to fill in that ``perfscore batch`` reads back as it
is. Columns are headed with the inputs' labels (as ``batch`` maps them back:
``_batch.writers.input_labels``), an ``id`` column first; in XLSX a choice or a yes/no input
offers its options as a drop-down, a number is checked against its bounds, and each header
carries the input's description as a comment.

A scheme with sections of rows (format 1.1, SPEC §8.1) gets the layout ``batch`` reads as a
sheet of 自评表s (``_batch.units``): one line per table row, the unit's columns and then 部分
and the table's own headers (二级指标 … 偏差原因分析及改进措施), 部分 and 指标性质 offered as
drop-downs. Without sections the sheet has one line per unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._batch.writers import input_labels
from .._common.messages import render
from .._common.numbers import plain
from .._common.text import sheet_cell
from .._score.rows import HEADERS
from .manual import rows_bands
from .xlsx import new_workbook

if TYPE_CHECKING:
    from .._model.tree import Indicator
    from .._scheme import Scheme

TEMPLATE_FORMATS = ("xlsx", "csv")
ID = "id"
"""The column naming each unit: what ``batch`` takes as the id without being told."""
SECTION = "部分"
"""The column naming a row's section, one of the names ``batch`` reads it by
(``_batch.units.SECTION_COLUMNS``)."""
NATURES = ("≥", "≤", "=", "定性")
"""The 指标性质 offered, each as the 10号 table writes it."""
_TEXT = frozenset(("nature", "unit", "target", "actual"))
"""Row columns kept as text in XLSX, so that what is typed is read as typed: ``=`` is not a
formula, ``95%`` stays 95% (a percent cell would give 0.95, which under % reads as 0.95%)."""
_ROWS = 500
"""Rows the drop-downs and checks cover below the header."""


def headers(scheme: Scheme) -> list[tuple[str, str]]:
    """(input name, column header) for each input a flat sheet can hold, in the scheme's
    order: its label where ``batch`` reads the label back as the input, else its name."""
    labels = {name: label for label, name in input_labels(scheme).items()}
    return [(name, labels.get(name, name)) for name, spec in scheme.inputs.items()
            if spec.type not in ("list", "rows")]


def sections(scheme: Scheme) -> list[tuple[str, Indicator]]:
    """(the name the 部分 column gives it, the indicator that scores it) for each section of
    rows, in the scheme's order: the rows input's label, else its name."""
    return [(scheme.inputs[node.rows.source].label or node.rows.source, node)
            for root in scheme.indicators for node in root.walk() if node.rows is not None]


def row_columns() -> list[tuple[str, str]]:
    """(row field, header) for each column of a 自评表 row, in the table's order, each headed
    as the table heads it (the first of the headers ``score`` reads it by)."""
    first: dict[str, str] = {}
    for header, field in HEADERS.items():
        first.setdefault(field, header)
    return list(first.items())


def all_headers(scheme: Scheme) -> list[str]:
    """The sheet's header: the id, the unit's inputs and, with sections of rows, 部分 and the
    row columns."""
    rows = [SECTION, *(header for _, header in row_columns())] if sections(scheme) else []
    return [ID, *(header for _, header in headers(scheme)), *rows]


def write_template_csv(scheme: Scheme, path: str) -> None:
    """The header line alone, with a BOM so that Excel reads Chinese headers as UTF-8."""
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        file.write(",".join(_csv_cell(sheet_cell(h)) for h in all_headers(scheme)) + "\r\n")


def _csv_cell(text: str) -> str:
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


@dataclass(frozen=True, slots=True)
class _Column:
    """One column of the XLSX template: its header, the comment on it, and what a cell below
    may hold — one of ``choices`` (cell texts, offered as a drop-down), or a number of
    ``check`` (kind, low, high); ``format`` the cells' number format (``@`` keeps them as
    typed)."""

    header: str
    note: str = ""
    choices: tuple[str, ...] | None = None
    check: tuple[str, str, str] | None = None
    blank: bool = True
    format: str | None = None


def _columns(scheme: Scheme, lang: str) -> list[_Column]:
    parts = sections(scheme)
    columns = [_Column(ID, render("paper.template_id_rows" if parts else "paper.template_id",
                                  {}, lang))]
    columns += [_input_column(scheme, name, header, bool(parts), lang)
                for name, header in headers(scheme)]
    if parts:
        columns += _row_columns(parts, lang)
    return columns


def _input_column(scheme: Scheme, name: str, header: str, rows: bool, lang: str) -> _Column:
    """An input's column. With rows, each unit field is given once per unit, so a blank is
    always allowed (the lines after the first leave it blank)."""
    spec = scheme.inputs[name]
    note = [spec.description or ""]
    if spec.unit:
        note.append(render("paper.template_unit", {"unit": spec.unit}, lang))
    if not spec.required:
        note.append(render("paper.template_optional", {}, lang))
    if rows:
        note.append(render("paper.template_once", {}, lang))
    text = "\n".join(n for n in note if n)
    blank = rows or not spec.required
    if spec.type in ("choice", "bool"):
        values = ((spec.options or []) if spec.type == "choice" else
                  [render("paper.yes", {}, lang), render("paper.no", {}, lang)])
        return _Column(header, text, tuple(sheet_cell(v) for v in values), blank=blank)
    if spec.type in ("number", "integer", "percent"):
        low = "-1e40" if spec.min is None else plain(spec.min)
        high = "1e40" if spec.max is None else plain(spec.max)
        return _Column(header, text, check=("whole" if spec.type == "integer" else "decimal",
                                            low, high), blank=blank,
                       format="0.00%" if spec.type == "percent" else None)
    return _Column(header, text, blank=blank)


def _row_columns(parts: list[tuple[str, Indicator]], lang: str) -> list[_Column]:
    """部分 and the 自评表's columns, each with what it holds; the 定性 bands and the points
    are the sections' own (one list of bands when every section has the same)."""
    join = render("rule.and", {}, lang).join
    bands = {label: rows_bands(node, lang) for label, node in parts}
    notes = {
        "actual": {"bands": next(iter(bands.values()))},
        "points": {"sections": join(
            render("paper.template_section_points", {"section": label,
                                                     "points": plain(node.points)}, lang)
            for label, node in parts)}}
    columns = [_Column(SECTION, render("paper.template_section",
                                       {"sections": join(label for label, _ in parts)}, lang),
                       tuple(label for label, _ in parts))]
    by_section = "\n".join([render("paper.template_row.actual_sections", {}, lang), *(
        render("paper.template_section_bands", {"section": label, "bands": text}, lang)
        for label, text in bands.items())]) if len(set(bands.values())) > 1 else None
    for field, header in row_columns():
        note = (by_section if field == "actual" and by_section else
                render(f"paper.template_row.{field}", notes.get(field, {}), lang))
        columns.append(_Column(
            header, note, NATURES if field == "nature" else None,
            ("decimal", "0", "1e40") if field in ("points", "score") else None,
            format="@" if field in _TEXT else None))
    return columns


def write_template_xlsx(scheme: Scheme, path: str, lang: str) -> None:
    book, sheet = new_workbook(path, lang, render("paper.template", {}, lang))
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation
    options = book.create_sheet(render("paper.options", {}, lang)[:31])
    options.sheet_state = "hidden"
    listed = 0
    for number, column in enumerate(_columns(scheme, lang), 1):
        letter = get_column_letter(number)
        cell = sheet.cell(row=1, column=number, value=sheet_cell(column.header))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[letter].width = max(12, min(40, 2 * len(column.header) + 2))
        if column.note:
            cell.comment = Comment(sheet_cell(column.note), "perfscore", width=240,
                                   height=110 if len(column.note) < 60 else 220)
        check: Any = None
        if column.choices is not None:
            listed += 1
            source = get_column_letter(listed)
            for place, value in enumerate(column.choices, 1):
                options.cell(row=place, column=listed, value=value)
            check = DataValidation(type="list", allow_blank=column.blank,
                                   formula1=f"{quote_sheetname(options.title)}!"
                                            f"${source}$1:${source}${len(column.choices)}")
        elif column.check is not None:
            kind, low, high = column.check
            check = DataValidation(type=kind, operator="between", formula1=low, formula2=high,
                                   allow_blank=column.blank)
        if check is not None:
            check.error = render("paper.template_refused", {"header": column.header}, lang)
            check.showErrorMessage = True
            sheet.add_data_validation(check)
            check.add(f"{letter}2:{letter}{_ROWS + 1}")
        if column.format is not None:
            for row in range(2, _ROWS + 2):
                sheet.cell(row=row, column=number).number_format = column.format
    if not listed:
        book.remove(options)
    sheet.freeze_panes = "B2"
    book.save(path)
