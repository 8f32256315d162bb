"""``perfscore manual``: a scheme as the 指标体系及评分标准 table published with it — one line
per indicator with its points and its rule as officials write it (each method words its own
rule, ``Method.describe``), its ``basis``, the grades, and the worked cases as examples — in
HTML (printable as the 自评表 is), Markdown or an Excel sheet."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .._common.messages import render
from .._common.numbers import plain, show
from .._common.text import sheet_cell, shown
from .._methods import Rule
from .._model.tree import Indicator
from .._score.explain import fixed_texts
from .html import ENVIRONMENT
from .render import escape
from .xlsx import new_workbook

if TYPE_CHECKING:
    from .._scheme import Scheme

MANUAL_FORMATS = ("html", "md", "xlsx")
COLUMNS = ("level1", "level2", "level3", "points", "rule", "basis")


@dataclass(frozen=True, slots=True)
class Standard:
    """One indicator's line of the table."""

    level1: str
    level2: str
    level3: str
    points: Decimal
    rule: str
    basis: str


@dataclass(frozen=True, slots=True)
class Example:
    """A worked case: its name, the figures as labelled in the scheme, what it scores."""

    outcome: str
    figures: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Manual:
    lang: str
    heading: str
    title: str
    labels: dict[str, str]
    lines: tuple[Standard, ...]
    grades: tuple[str, ...]
    examples: tuple[Example, ...]

    def word(self, key: str) -> str:
        return render(f"paper.{key}", {}, self.lang)


def _leaves(indicators: tuple[Indicator, ...]) -> Iterator[tuple[tuple[Indicator, ...], Indicator]]:
    def visit(node: Indicator, above: tuple[Indicator, ...]
              ) -> Iterator[tuple[tuple[Indicator, ...], Indicator]]:
        if node.is_leaf or node.rows is not None:  # a section of rows: one line of its own
            yield above, node
        for child in node.children:
            yield from visit(child, (*above, node))

    for root in indicators:
        yield from visit(root, ())


def rules(scheme: Scheme, lang: str) -> dict[str, str]:
    """Each scored indicator's rule as the 评分标准 words it, by indicator id."""
    _, targets = fixed_texts(scheme.indicators)
    labels = {name: spec.label or name for name, spec in scheme.inputs.items()}
    found = {}
    for _, leaf in _leaves(scheme.indicators):
        if leaf.rows is not None:
            found[leaf.id] = shown(_rows_rule(leaf, lang))
            continue
        assert leaf.method is not None
        rule = leaf.method.describe(Rule(leaf.points, leaf.unit, targets.get(leaf.id), labels,
                                         lang))
        kind = "" if leaf.kind == "base" else render(f"paper.{leaf.kind}", {}, lang)
        found[leaf.id] = shown(kind + rule)
    return found


def rows_bands(section: Indicator, lang: str) -> str:
    """The 定性 bands of a section of rows, as its 评分标准 words them (and the 填报模板's note
    on what a 定性 row's 实际完成值 may say)."""
    rules = section.rows
    assert rules is not None
    return render("rule.and", {}, lang).join(
        render("rule.rows.band", {"level": level, "low": show(band.low, "percent"),
                                  "high": show(band.high, "percent")}, lang)
        for level, band in rules.bands.items()
        if band.low is not None and band.high is not None)


def _rows_rule(section: Indicator, lang: str) -> str:
    """How the rows of a section score, by nature, as the 10号 table's notes word it."""
    rules = section.rows
    assert rules is not None

    def say(key: str, **params: object) -> str:
        return render(f"rule.rows.{key}", params, lang)

    # a date row is on time by its own nature: each side as the row's rule words it
    sides = (", " if lang == "en" else "、").join(
        say("side", side=render(f"rule.deadline.{nature}", {}, lang), nature=nature)
        for nature in ("≤", "≥", "="))
    natures = [say("≥"), say(f"≤.{rules.reverse.variant}"), say("="),
               say("定性", bands=rows_bands(section, lang)), say("日期", sides=sides)]
    return render("rule.rows", {"points": section.points,
                                "natures": render("rule.and", {}, lang).join(natures)}, lang)


def manual(scheme: Scheme, lang: str) -> Manual:
    """The 评分标准 of ``scheme`` in ``lang``."""
    labels = {name: spec.label or name for name, spec in scheme.inputs.items()}
    worded = rules(scheme, lang)
    lines = []
    for above, leaf in _leaves(scheme.indicators):
        basis = leaf.basis or next((node.basis for node in reversed(above) if node.basis), ())
        lines.append(Standard(above[0].name if above else leaf.name,
                              " / ".join(node.name for node in above[1:]), leaf.name,
                              leaf.points, worded[leaf.id], shown("、".join(basis))))
    grades = tuple(
        render("paper.grade_below", {"label": label, "min": scheme.grades[index - 1][0]}, lang)
        if index and minimum == 0 else
        render("paper.grade_line", {"label": label, "min": minimum}, lang)
        for index, (minimum, label) in enumerate(scheme.grades))
    examples = []
    for case in scheme.cases:
        expect = case.expect
        if expect.rejected is not None or expect.total is None:
            continue
        key = "paper.case" if expect.grade is not None else "paper.case_total"
        outcome = render(key, {"name": case.name, "total": expect.total,
                               "grade": expect.grade}, lang)
        figures = tuple((labels.get(name, name), _figure(value, scheme, name))
                        for name, value in case.input.items() if name in scheme.inputs)
        examples.append(Example(shown(outcome), figures))
    return Manual(lang, render("paper.manual", {}, lang), shown(scheme.title),
                  {key: render(f"paper.{key}", {}, lang) for key in
                   ("level1", "level2", "level3", "points", "rule", "basis")},
                  tuple(lines), grades, tuple(examples))


def _figure(value: object, scheme: Scheme, name: str) -> str:
    spec = scheme.inputs.get(name)
    if spec is not None and spec.type == "rows" and isinstance(value, list):
        return render("paper.rows_count", {"count": len(value)}, "zh" if scheme.locale ==
                      "zh-CN" else "en")
    if isinstance(value, Decimal | int) and not isinstance(value, bool) and spec is not None:
        unit = "percent" if spec.type == "percent" else spec.unit
        return show(Decimal(value), unit)
    return shown(str(value))


def markdown(page: Manual) -> str:
    out = [f"# {escape(page.heading)}", "", escape(page.title), "",
           "| " + " | ".join(page.labels[c] for c in COLUMNS) + " |",
           "| --- | --- | --- | ---: | --- | --- |"]
    for line in page.lines:
        out.append("| " + " | ".join(escape(c) for c in (
            line.level1, line.level2, line.level3, plain(line.points), line.rule,
            line.basis)) + " |")
    if page.grades:
        out += ["", f"## {page.word('grades')}", ""] + [f"- {escape(g)}" for g in page.grades]
    if page.examples:
        out += ["", f"## {page.word('cases')}", ""]
        for example in page.examples:
            figures = ("；" if page.lang == "zh" else "; ").join(
                f"{label} {value}" for label, value in example.figures)
            out.append(f"- {escape(example.outcome)}（{escape(figures)}）" if page.lang == "zh"
                       else f"- {escape(example.outcome)} ({escape(figures)})")
    return "\n".join(out) + "\n"


def html_manual(page: Manual) -> str:
    return ENVIRONMENT.get_template("manual.html.j2").render(page=page, columns=COLUMNS)


def write_manual_xlsx(page: Manual, path: str) -> None:
    book, sheet = new_workbook(path, page.lang, page.heading)
    from openpyxl.styles import Alignment, Border, Font, Side
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    sheet.merge_cells("A1:F1")
    sheet["A1"] = sheet_cell(page.heading)
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.merge_cells("A2:F2")
    sheet["A2"] = sheet_cell(page.title)
    sheet["A2"].alignment = Alignment(horizontal="center")
    for column, key in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=3, column=column, value=sheet_cell(page.labels[key]))
        cell.font, cell.border, cell.alignment = Font(bold=True), box, wrap
    for row, line in enumerate(page.lines, 4):
        values = (line.level1, line.level2, line.level3, line.points, line.rule, line.basis)
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=row, column=column,
                              value=sheet_cell(value) if isinstance(value, str) else value)
            cell.border, cell.alignment = box, wrap
    for letter, width in zip("ABCDEF", (12, 14, 22, 7, 60, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(path)
