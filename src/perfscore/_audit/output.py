"""Audits as a bureau reads them: one unit's table with a 核查 column beside each item; for many
units a summary (units clean and with findings, findings by code, the worst units first) and
one ``FILE:LINE: AU101: …`` line per finding; a workbook of a findings sheet and a units sheet.
Everything streams: a summary keeps counts and the few worst units, never the audits."""

from __future__ import annotations

import heapq
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from .._batch.writers import _workbook, _xlsx_row, _xlsx_text
from .._common.errors import UsageError
from .._common.messages import render
from .._common.numbers import plain
from .._report.render import _cells, _rows, _title, escape, plain_text
from .findings import Audit, signed

WORST = 10
"""Units the summary names, most findings first."""

def _headers(lang: str) -> tuple[str, ...]:
    """The 自评表's columns with 填报得分 and 核查 beside the recomputed ones."""
    table = [render(f"table.{column}", {}, lang) for column in (
        "indicator", "value", "target", "points", "max", "explanation")]
    return (*table[:3], render("audit.reported", {}, lang), *table[3:5],
            render("audit.check", {}, lang), table[5])


def _check_cell(audit: Audit, item_id: str, reported: Decimal | None, lang: str) -> str:
    """The 核查 cell: each finding's code and difference, or ✓ for reported points that
    agree."""
    found = [f"{f.code} {signed(f.difference)}" if f.difference is not None else f.code
             for f in audit.on(item_id)]
    if found:
        return render("audit.and", {}, lang).join(found)
    return "✓" if reported is not None else ""


def _rows_in(audit: Audit, lang: str) -> Iterator[tuple[int, str, bool, list[str]]]:
    assert audit.result is not None
    for depth, item in _rows(audit.result):
        value, target, points, most, _, explanation = _cells(item, lang)
        reported = audit.reported.items.get(item.id)
        if reported is None and item.row is not None:  # a row's own 得分, as it was reported
            reported = item.row.get("score")
        yield depth, item.name, bool(item.children), [
            value, target, "" if reported is None else plain(reported), points, most,
            _check_cell(audit, item.id, reported, lang), explanation]


def _totals(audit: Audit, lang: str) -> list[str]:
    result, reported = audit.result, audit.reported
    lines = []
    if result is not None:
        lines.append(render("audit.totals", {
            "reported": "—" if reported.total is None else reported.total,
            "total": result.total, "max": result.max}, lang))
        lines.append(render("audit.grades", {"reported": reported.grade or "—",
                                             "grade": result.grade or "—"}, lang))
    count = len(audit.findings)
    lines.append(render("audit.clean", {}, lang) if audit.clean else
                 render("audit.finding" if count == 1 else "audit.findings", {"count": count},
                        lang))
    return lines


def print_audit(audit: Audit, lang: str, console: Console) -> None:
    """One unit: the recomputed table with what was reported and the 核查 column, then the
    totals and every finding as a line an editor can jump to."""
    if audit.result is not None:
        result = audit.result
        table = Table(title=plain_text(_title(result, lang)))
        for index, header in enumerate(_headers(lang)):
            table.add_column(header, justify="right" if 1 <= index <= 5 else "left",
                             overflow="fold", ratio=3 if index == 7 else None,
                             no_wrap=1 <= index <= 6)
        for depth, name, branch, cells in _rows_in(audit, lang):
            table.add_row(plain_text("  " * depth + name, style="bold" if branch else ""),
                          *map(plain_text, cells))
        console.print(table)
    for line in _totals(audit, lang):
        console.print(plain_text(line), highlight=False)
    for finding in audit.findings:
        console.print(plain_text(finding.describe(lang)), highlight=False, soft_wrap=True)


def audit_markdown(audit: Audit, lang: str) -> str:
    lines = []
    if audit.result is not None:
        result = audit.result
        headers = _headers(lang)
        lines += [f"### {escape(_title(result, lang))}", "",
                  "| " + " | ".join(headers) + " |",
                  "| --- | " + " | ".join("---:" for _ in headers[1:6]) + " | --- | --- |"]
        for depth, name, branch, cells in _rows_in(audit, lang):
            shown = "　" * depth + (f"**{escape(name)}**" if branch else escape(name))
            lines.append("| " + " | ".join([shown, *map(escape, cells)]) + " |")
        lines.append("")
    lines += [f"- {escape(line)}" for line in _totals(audit, lang)]
    lines += [f"- {escape(f.describe(lang))}" for f in audit.findings]
    return "\n".join(lines) + "\n"


@dataclass
class Tally:
    """What many audits found, kept as counts and the ``WORST`` units with most findings."""

    units: int = 0
    clean: int = 0
    codes: Counter[str] = field(default_factory=Counter)
    worst: list[tuple[int, int, str, str]] = field(default_factory=list)

    def add(self, audit: Audit) -> None:
        self.units += 1
        if audit.clean:
            self.clean += 1
            return
        self.codes.update(f.code for f in audit.findings)
        name = audit.unit or f"{audit.file or ''}:{audit.line or ''}"
        place = f"{audit.file}:{audit.line}" if audit.file and audit.line else (audit.file or "")
        entry = (len(audit.findings), -self.units, name, place)  # ties: the earlier unit
        if len(self.worst) < WORST:
            heapq.heappush(self.worst, entry)
        else:
            heapq.heappushpop(self.worst, entry)

    @property
    def flagged(self) -> int:
        return self.units - self.clean

    def lines(self, lang: str) -> list[str]:
        codes = [f"{code} ×{count}" for code, count in sorted(self.codes.items())]
        lines = [render("audit.units", {"units": self.units, "clean": self.clean,
                                        "flagged": self.flagged}, lang)]
        if codes:
            lines.append(render("audit.by_code", {"codes": codes}, lang))
        for count, _, name, place in sorted(self.worst, reverse=True):
            key = ("audit.unit_at" if place else "audit.unit") + ("_one" if count == 1 else "")
            lines.append(render(key, {"name": name, "at": place, "count": count}, lang))
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {"units": self.units, "clean": self.clean, "with_findings": self.flagged,
                "by_code": dict(sorted(self.codes.items())),
                "worst": [{"unit": name, "at": place, "findings": count}
                          for count, _, name, place in sorted(self.worst, reverse=True)]}


def write_json(audits: Iterable[Audit], lang: str, out: IO[str]) -> Tally:
    """``{"units": [...], "summary": {...}}``, each unit written as it is audited."""
    tally = Tally()
    out.write('{"units": [')
    for audit in audits:
        out.write(",\n" if tally.units else "\n")
        out.write(json.dumps(audit.to_dict(lang), ensure_ascii=False))
        tally.add(audit)
    out.write('\n], "summary": ' + json.dumps(tally.to_dict(), ensure_ascii=False) + "}\n")
    return tally


_FINDING_HEADERS = ("unit", "file", "line", "code", "id", "name", "reported", "recomputed",
                    "difference", "message")
_UNIT_HEADERS = ("unit", "file", "line", "reported_total", "recomputed_total", "reported_grade",
                 "recomputed_grade", "findings", "codes")
"""The columns of the workbook's two sheets (``audit.col_*`` in the catalogue)."""


def write_xlsx(audits: Iterable[Audit], lang: str, path: str) -> Tally:
    """A workbook of two sheets, each with filters and a frozen header row: every finding,
    and every unit's totals."""
    if not path.lower().endswith(".xlsx"):
        raise UsageError.of("PS045.xlsx", file=path, lang=lang)
    book, findings = _workbook(path, lang, False)  # named below
    findings.title = render("audit.sheet_findings", {}, lang)
    units = book.create_sheet(render("audit.sheet_units", {}, lang))
    tally = Tally()
    counts = [1, 1]
    for sheet, headers in ((findings, _FINDING_HEADERS), (units, _UNIT_HEADERS)):
        sheet.freeze_panes = "A2"
        sheet.append([render(f"audit.col_{column}", {}, lang) for column in headers])
    for audit in audits:
        tally.add(audit)
        for f in audit.findings:
            findings.append(_xlsx_row([audit.unit, f.file, f.line, f.code, f.id, f.name,
                                       f.reported, f.recomputed, f.difference,
                                       _xlsx_text(f.message(lang))]))
            counts[0] += 1
        result = audit.result
        units.append(_xlsx_row([
            audit.unit, audit.file, audit.line, audit.reported.total,
            None if result is None else result.total, audit.reported.grade,
            None if result is None else result.grade, len(audit.findings),
            " ".join(sorted({f.code for f in audit.findings}))]))
        counts[1] += 1
    for sheet, headers, count in ((findings, _FINDING_HEADERS, counts[0]),
                                  (units, _UNIT_HEADERS, counts[1])):
        sheet.auto_filter.ref = f"A1:{chr(ord('A') + len(headers) - 1)}{count}"
    book.save(path)
    return tally
