"""The 自评表 as an Excel workbook, for offices that file it as a sheet: the same rows as the
HTML page, with the title and the header's values in merged cells, a group's 一级/二级 cells
merged down, widths and wrapping set, the table's header frozen and repeated on every printed
page, numbers as numbers (with their format), and the print area fitted to the width of an A4
portrait page."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .._common.errors import UsageError
from .._common.numbers import HUNDRED
from .._common.text import sheet_cell
from .form import BUDGET, COLUMNS, Form

_WIDTHS = {"level1": 12, "level2": 12, "level3": 22, "nature": 8, "unit": 8, "target": 11,
           "actual": 11, "points": 7, "score": 8, "reason": 36}
"""Column widths in characters (a CJK character counts as about two)."""
_LAST = "J"


def new_workbook(path: str, lang: str, title: str) -> tuple[Any, Any]:
    """A workbook and its first sheet, named ``title`` (as far as Excel allows), for the
    report, the manual and the template; without openpyxl, a UsageError saying how to get it."""
    try:
        import openpyxl
    except ImportError:
        raise UsageError.of("PS042.write", file=path, lang=lang) from None
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title[:31]
    return book, sheet


def write_xlsx(form: Form, path: str) -> None:
    """Write the form's workbook to ``path``."""
    book, sheet = new_workbook(path, form.lang, form.heading)
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    center = Alignment(wrap_text=True, vertical="center", horizontal="center")
    bold = Font(bold=True)
    shade = PatternFill("solid", fgColor="EEEEEE")
    width = len(COLUMNS)

    def merged(row: int, value: Any, *, first: int = 1, last: int = width,
               font: Font | None = None, align: Alignment = wrap) -> None:
        if last > first:
            sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = sheet.cell(row=row, column=first, value=value)
        cell.alignment = align
        if font is not None:
            cell.font = font

    merged(1, sheet_cell(form.heading), font=Font(bold=True, size=16), align=center)
    merged(2, sheet_cell(form.title), font=Font(size=12), align=center)
    row = 3
    for label, value in form.header:
        merged(row, sheet_cell(label), last=2, font=bold, align=center)
        merged(row, sheet_cell(value), first=3)
        _box(sheet, row, box)
        row += 1
    if form.block is not None:
        row = _block(sheet, form, row, merged, box, bold, center, wrap)
    heading_row = row
    for column, key in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=row, column=column, value=sheet_cell(form.labels[key]))
        cell.font, cell.alignment, cell.border, cell.fill = bold, center, box, shade
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS[key]
    first_line = row + 1
    for line in form.lines:
        row += 1
        for column, key in enumerate(COLUMNS, 1):
            value = getattr(line, key)
            cell = sheet.cell(row=row, column=column)
            if isinstance(value, Decimal):
                cell.value = value
                cell.number_format = "0.00"
                cell.alignment = Alignment(vertical="center", horizontal="right")
            else:
                cell.value = sheet_cell(line.text(key)) if value is not None or key in (
                    "target", "actual", "score") else None
                cell.alignment = center if key in ("level1", "level2", "nature", "unit") \
                    else wrap
            cell.border = box
    _merge_groups(sheet, form, first_line)
    for label, values in ((form.labels["total"], (form.max, form.total)),
                          (form.labels["grade"], None)):
        row += 1
        merged(row, sheet_cell(label), last=7, font=bold,
               align=Alignment(horizontal="right", vertical="center"))
        if values is None:
            merged(row, sheet_cell(form.grade or "—"), first=8, font=Font(bold=True, size=12),
                   align=center)
        else:
            for column, number in zip((8, 9), values, strict=True):
                cell = sheet.cell(row=row, column=column, value=number)
                cell.number_format, cell.font = "0.00", bold
        _box(sheet, row, box)
    row += 1
    for title, texts in ((form.word("explanations"), [line.explanation for line in form.every]),
                         (form.word("notes"), list(form.notes))):
        if not texts:
            continue
        row += 1
        merged(row, sheet_cell(title), font=bold)
        for place, text in enumerate(texts, 1):
            row += 1
            merged(row, sheet_cell(f"{place}. {text}"))
            sheet.row_dimensions[row].height = 15 * (1 + len(text) // 70)
    row += 2
    merged(row, sheet_cell(form.provenance), font=Font(size=8, color="444444"))
    sheet.row_dimensions[row].height = 24
    sheet.freeze_panes = sheet.cell(row=first_line, column=1)
    sheet.print_title_rows = f"{heading_row}:{heading_row}"
    sheet.print_area = f"A1:{_LAST}{row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_PORTRAIT
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    book.save(path)


_BLOCK_SPANS = ((3, 3), (4, 5), (6, 6), (7, 7), (8, 8), (9, 10))
"""The columns each of the budget block's cells spans, its heading in A:B as the header's."""


def _block(sheet: Any, form: Form, row: int, merged: Any, box: Any, bold: Any, center: Any,
           wrap: Any) -> int:
    """The budget block from ``row`` on: its labels, its figures (the 执行率 as a percentage
    when it is one) and the 偏差原因 when given; the row after it."""
    block = form.block
    assert block is not None
    for labels in (True, False):
        merged(row, sheet_cell(block.heading if labels else form.labels["budget_total"]),
               last=2, font=bold, align=center)
        for key, (first, last) in zip(BUDGET, _BLOCK_SPANS, strict=True):
            if labels:
                merged(row, sheet_cell(form.labels[key]), first=first, last=last, font=bold,
                       align=center)
                continue
            value = getattr(block, key)
            percent = key == "rate" and block.line.unit == "%"
            merged(row, value / HUNDRED if percent and isinstance(value, Decimal) else
                   value if isinstance(value, Decimal) else sheet_cell(block.text(key)),
                   first=first, last=last, align=center)
            if isinstance(value, Decimal):
                sheet.cell(row=row, column=first).number_format = "0.00%" if percent else "0.00"
        _box(sheet, row, box)
        row += 1
    if block.line.reason:
        merged(row, sheet_cell(form.labels["reason"]), last=2, font=bold, align=center)
        merged(row, sheet_cell(block.line.reason), first=3, align=wrap)
        _box(sheet, row, box)
        row += 1
    return row


def _box(sheet: Any, row: int, box: Any) -> None:
    for column in range(1, len(COLUMNS) + 1):
        sheet.cell(row=row, column=column).border = box


def _merge_groups(sheet: Any, form: Form, first: int) -> None:
    """A group's 一级 (and, within it, 二级) cells merged down, as the form prints them."""
    lines = form.lines
    for column, key in ((1, lambda i: lines[i].level1),
                        (2, lambda i: (lines[i].level1, lines[i].level2))):
        start = 0
        for index in range(1, len(lines) + 1):
            if index == len(lines) or key(index) != key(start):
                if index - start > 1:
                    sheet.merge_cells(start_row=first + start, start_column=column,
                                      end_row=first + index - 1, end_column=column)
                start = index
