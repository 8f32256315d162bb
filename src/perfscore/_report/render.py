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

from .._common.numbers import plain, show
from .._common.text import shown
from .._score.result import Item, Result

_HEADERS = {
    "zh": ("指标", "实际完成值", "年度指标值", "得分", "分值", "失分", "说明"),
    "en": ("Indicator", "Value", "Target", "Points", "Max", "Lost", "Explanation"),
}


def _rows(result: Result) -> Iterator[tuple[int, Item]]:
    def visit(item: Item, depth: int) -> Iterator[tuple[int, Item]]:
        yield depth, item
        for child in item.children:
            yield from visit(child, depth + 1)

    for root in result.items:
        yield from visit(root, 0)


_BLANK = {"zh": {"not_applicable": "不适用", "not_assessed": "未填报"},
          "en": {"not_applicable": "n/a", "not_assessed": "not given"}}
"""What the points cell says of an item with no points: declared 不适用, or a figure not given."""


def _cells(item: Item, lang: str) -> tuple[str, str, str, str, str, str]:
    def number(value: Decimal | None) -> str:
        return _BLANK[lang].get(item.status, "—") if value is None else plain(value)

    def measured(value: object) -> str:
        if isinstance(value, Decimal):
            return show(value, item.unit)
        return "—" if value is None else str(value)

    if item.children:
        return "", "", number(item.points), number(item.max), "", ""
    explanation = item.explain(lang)
    if item.deviation_reason and item.status != "not_applicable":
        explanation += ("偏差原因：" if lang == "zh" else " Reason given: ") + item.deviation_reason
    return (measured(item.value), measured(item.target), number(item.points), plain(item.max),
            "" if item.lost is None else plain(item.lost), explanation)


def _heading(result: Result, lang: str) -> list[str]:
    """The 自评表's heading fields, one per line."""
    return [f"{label}：{value}" if lang == "zh" else f"{label}: {value}"
            for label, value in result.header]


def _summary(result: Result, lang: str) -> list[str]:
    zh = lang == "zh"
    total = f"{plain(result.total)} / {plain(result.max)}"
    lines = [f"总分：{total}" if zh else f"Total: {total}"]
    if result.grade is not None:
        lines.append(f"等级：{result.grade}" if zh else f"Grade: {result.grade}")
    lines.extend(("提示：" if zh else "Flag: ") + f.message(lang) for f in result.flags)
    lines.extend(("注意：" if zh else "Warning: ") + w.message(lang) for w in result.warnings)
    return lines


def plain_text(text: str, style: str = "") -> Text:
    """A cell of a rich table: ``text`` shown, as plain text."""
    return Text(shown(text), style=style)


def print_table(result: Result, lang: str, console: Console) -> None:
    edition = f"（{result.edition}）" if lang == "zh" else f" ({result.edition})"
    table = Table(title=plain_text(f"{result.title}{edition}"), show_lines=False)
    for index, header in enumerate(_HEADERS[lang]):
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
    headers = _HEADERS[lang]
    edition = f"（{result.edition}）" if lang == "zh" else f" ({result.edition})"
    lines = [f"### {escape(result.title)}{edition}", "",
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
