"""Results as people read them: a terminal table (rich, which measures CJK characters as two
columns so Chinese text lines up) and a Markdown table that pastes into a report. Every text
goes through ``_text.shown`` (no control character, no line of its own), into rich as plain
text (never as markup: a name ``[link=…]`` is shown as written)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .._common.messages import render
from .._common.numbers import plain, show
from .._common.text import shown
from .._score.result import Item, Result

_COLUMNS = ("indicator", "value", "target", "points", "max", "lost", "explanation")


def _headers(lang: str) -> tuple[str, ...]:
    return tuple(render(f"table.{column}", {}, lang) for column in _COLUMNS)


def _rows(result: Result) -> Iterator[tuple[int, Item]]:
    def visit(item: Item, depth: int) -> Iterator[tuple[int, Item]]:
        yield depth, item
        for child in item.children:
            yield from visit(child, depth + 1)

    for root in result.items:
        yield from visit(root, 0)


def _cells(item: Item, lang: str) -> tuple[str, str, str, str, str, str]:
    def number(value: Decimal | None) -> str:
        """A number, or why there is none: declared 不适用, or a figure not given."""
        if value is not None:
            return plain(value)
        if item.status in ("not_applicable", "not_assessed"):
            return render(f"table.{item.status}", {}, lang)
        return "—"

    def measured(value: object) -> str:
        if isinstance(value, Decimal):
            return show(value, item.unit)
        return "—" if value is None else str(value)

    if item.children:
        return "", "", number(item.points), number(item.max), "", ""
    explanation = item.explain(lang)
    if item.deviation_reason and item.status != "not_applicable":
        explanation += render("table.reason", {"reason": item.deviation_reason}, lang)
    return (measured(item.value), measured(item.target), number(item.points), plain(item.max),
            "" if item.lost is None else plain(item.lost), explanation)


def _heading(result: Result, lang: str) -> list[str]:
    """The 自评表's heading fields, then the budget block's amounts, one per line (its
    执行率 is the indicator's row in the table)."""
    fields = list(result.header)
    block = result.budget
    if block is not None:
        fields += [(render(f"paper.{key}", {}, lang), show(amount, block.unit))
                   for key, amount in (("initial", block.initial),
                                       ("full_year", block.full_year),
                                       ("spent", block.spent)) if amount is not None]
    return [render("table.heading", {"label": label, "value": value}, lang)
            for label, value in fields]


def _summary(result: Result, lang: str) -> list[str]:
    lines = [render("table.total", {"total": result.total, "max": result.max}, lang)]
    if result.grade is not None:
        lines.append(render("table.grade", {"grade": result.grade}, lang))
    lines.extend(render("table.flag", {"message": f.message(lang)}, lang) for f in result.flags)
    lines.extend(render("table.warning", {"message": w.message(lang)}, lang)
                 for w in result.warnings)
    return lines


def _title(result: Result, lang: str) -> str:
    """The scheme's title, with its edition unless the title already names it (a title
    ``…2023 年度…`` is not followed by ``（2023）``)."""
    if result.edition in result.title:
        return result.title
    return render("table.title", {"title": result.title, "edition": result.edition}, lang)


def plain_text(text: str, style: str = "") -> Text:
    """A cell of a rich table: ``text`` shown, as plain text."""
    return Text(shown(text), style=style)


def print_table(result: Result, lang: str, console: Console) -> None:
    table = Table(title=plain_text(_title(result, lang)), show_lines=False)
    for index, header in enumerate(_headers(lang)):
        numeric = 1 <= index <= 5
        table.add_column(header, justify="right" if numeric else "left",
                         overflow="fold", ratio=3 if index == 6 else None,
                         no_wrap=index in (1, 2, 3, 4, 5))
    for depth, item in _rows(result):
        name = plain_text("  " * depth + item.name, style="bold" if item.children else "")
        table.add_row(name, *map(plain_text, _cells(item, lang)))
    for line in _heading(result, lang):
        console.print(plain_text(line), highlight=False)
    console.print(table)
    for line in _summary(result, lang):
        console.print(plain_text(line), highlight=False)


def escape(text: str) -> str:
    """Text for one Markdown table cell."""
    return shown(text).replace("|", "\\|")


def markdown(result: Result, lang: str) -> str:
    headers = _headers(lang)
    lines = [f"### {escape(_title(result, lang))}", "",
             *(f"{escape(line)}  " for line in _heading(result, lang)), "",
             "| " + " | ".join(headers) + " |",
             "| --- | " + " | ".join("---:" for _ in headers[1:6]) + " | --- |"]
    for depth, item in _rows(result):
        name = escape(item.name)
        name = f"**{name}**" if item.children else name
        name = "　" * depth + name
        lines.append("| " + " | ".join([name, *(escape(c) for c in _cells(item, lang))]) + " |")
    lines.append("")
    lines.extend(f"- {escape(line)}" for line in _summary(result, lang))
    return "\n".join(lines) + "\n"
