"""``perfscore template``: a blank sheet to fill in, one row per unit, that ``perfscore batch``
reads back as it is. Columns are headed with the inputs' labels (as ``batch`` maps them back:
``_batch.writers.input_labels``), an ``id`` column first; in XLSX a choice or a yes/no input
offers its options as a drop-down, a number is checked against its bounds, and each header
carries the input's description as a comment. Inputs that hold lists of rows have no column
in a flat sheet and are left out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._batch.writers import input_labels
from .._common.errors import UsageError
from .._common.messages import render
from .._common.numbers import plain
from .._common.text import sheet_cell

if TYPE_CHECKING:
    from .._scheme import Scheme

TEMPLATE_FORMATS = ("xlsx", "csv")
ID = "id"
"""The column naming each unit: what ``batch`` takes as the id without being told."""
_ROWS = 500
"""Rows the drop-downs and checks cover below the header."""


def headers(scheme: Scheme) -> list[tuple[str, str]]:
    """(input name, column header) for each input a flat sheet can hold, in the scheme's
    order: its label where ``batch`` reads the label back as the input, else its name."""
    labels = {name: label for label, name in input_labels(scheme).items()}
    return [(name, labels.get(name, name)) for name, spec in scheme.inputs.items()
            if spec.type not in ("list", "rows")]


def write_template_csv(scheme: Scheme, path: str) -> None:
    """The header line alone, with a BOM so that Excel reads Chinese headers as UTF-8."""
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        file.write(",".join(_csv_cell(sheet_cell(h)) for h in
                            [ID, *(header for _, header in headers(scheme))]) + "\r\n")


def _csv_cell(text: str) -> str:
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_template_xlsx(scheme: Scheme, path: str, lang: str) -> None:
    try:
        import openpyxl
        from openpyxl.comments import Comment
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter, quote_sheetname
        from openpyxl.worksheet.datavalidation import DataValidation
    except ImportError:
        raise UsageError.of("PS042.write", file=path, lang=lang) from None
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = render("paper.template", {}, lang)[:31]
    options = book.create_sheet(render("paper.options", {}, lang)[:31])
    options.sheet_state = "hidden"
    columns = [(None, ID), *headers(scheme)]
    listed = 0
    for column, (name, header) in enumerate(columns, 1):
        letter = get_column_letter(column)
        cell = sheet.cell(row=1, column=column, value=sheet_cell(header))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[letter].width = max(12, min(40, 2 * len(header) + 2))
        if name is None:
            cell.comment = Comment(render("paper.template_id", {}, lang), "perfscore")
            continue
        spec = scheme.inputs[name]
        note = [spec.description or ""]
        if spec.unit:
            note.append(render("paper.template_unit", {"unit": spec.unit}, lang))
        if not spec.required:
            note.append(render("paper.template_optional", {}, lang))
        text = "\n".join(n for n in note if n)
        if text:
            cell.comment = Comment(sheet_cell(text), "perfscore", width=240, height=110)
        cells = f"{letter}2:{letter}{_ROWS + 1}"
        check = None
        if spec.type in ("choice", "bool"):
            values = ((spec.options or []) if spec.type == "choice" else
                      [render("paper.yes", {}, lang), render("paper.no", {}, lang)])
            listed += 1
            source = get_column_letter(listed)
            for place, value in enumerate(values, 1):
                options.cell(row=place, column=listed, value=sheet_cell(value))
            check = DataValidation(type="list", allow_blank=not spec.required,
                                   formula1=f"{quote_sheetname(options.title)}!"
                                            f"${source}$1:${source}${len(values)}")
        elif spec.type in ("number", "integer", "percent"):
            low = "-1e40" if spec.min is None else plain(spec.min)
            high = "1e40" if spec.max is None else plain(spec.max)
            check = DataValidation(type="whole" if spec.type == "integer" else "decimal",
                                   operator="between", formula1=low, formula2=high,
                                   allow_blank=not spec.required)
            if spec.type == "percent":
                for row in range(2, _ROWS + 2):
                    sheet.cell(row=row, column=column).number_format = "0.00%"
        if check is not None:
            check.error = render("paper.template_refused", {"header": header}, lang)
            check.showErrorMessage = True
            sheet.add_data_validation(check)
            check.add(cells)
    if not listed:
        book.remove(options)
    sheet.freeze_panes = "B2"
    book.save(path)
