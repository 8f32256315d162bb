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
from .._common.numbers import plain
from .._report.render import _cells, _rows, escape, plain_text
from .findings import Audit, signed

WORST = 10
"""Units the summary names, most findings first."""

_HEADERS = {
    "zh": ("指标", "实际完成值", "年度指标值", "填报得分", "得分", "分值", "核查", "说明"),
    "en": ("Indicator", "Value", "Target", "Reported", "Points", "Max", "Audit", "Explanation"),
}


def _check_cell(audit: Audit, item_id: str, reported: Decimal | None, lang: str) -> str:
    """The 核查 cell: each finding's code and difference, or ✓ for reported points that
    agree."""
    found = [f"{f.code} {signed(f.difference)}" if f.difference is not None else f.code
             for f in audit.on(item_id)]
    if found:
        return ("；" if lang == "zh" else "; ").join(found)
    return "✓" if reported is not None else ""


def _rows_in(audit: Audit, lang: str) -> Iterator[tuple[int, str, bool, list[str]]]:
    assert audit.result is not None
    for depth, item in _rows(audit.result):
        value, target, points, most, _, explanation = _cells(item, lang)
        reported = audit.reported.items.get(item.id)
        yield depth, item.name, bool(item.children), [
            value, target, "" if reported is None else plain(reported), points, most,
            _check_cell(audit, item.id, reported, lang), explanation]


def _totals(audit: Audit, lang: str) -> list[str]:
    zh = lang == "zh"
    result, reported = audit.result, audit.reported
    lines = []
    if result is not None:
        own = "—" if reported.total is None else plain(reported.total)
        lines.append(f"填报总分 {own}，核算总分 {plain(result.total)} / {plain(result.max)}"
                     if zh else f"Reported total {own}; recomputed {plain(result.total)} / "
                     f"{plain(result.max)}")
        lines.append(f"填报等级 {reported.grade or '—'}，核算等级 {result.grade or '—'}" if zh
                     else f"Reported grade {reported.grade or '—'}; recomputed "
                     f"{result.grade or '—'}")
    lines.append(("核查无误" if zh else "No finding") if audit.clean else
                 (f"发现 {len(audit.findings)} 个问题" if zh else
                  f"{len(audit.findings)} finding{'s' if len(audit.findings) > 1 else ''}"))
    return lines


def print_audit(audit: Audit, lang: str, console: Console) -> None:
    """One unit: the recomputed table with what was reported and the 核查 column, then the
    totals and every finding as a line an editor can jump to."""
    if audit.result is not None:
        result = audit.result
        edition = f"（{result.edition}）" if lang == "zh" else f" ({result.edition})"
        table = Table(title=plain_text(f"{result.title}{edition}"))
        for index, header in enumerate(_HEADERS[lang]):
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
        edition = f"（{result.edition}）" if lang == "zh" else f" ({result.edition})"
        headers = _HEADERS[lang]
        lines += [f"### {escape(result.title)}{edition}", "",
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
        zh = lang == "zh"
        codes = ("，" if zh else ", ").join(f"{code} ×{count}"
                                            for code, count in sorted(self.codes.items()))
        lines = [f"{self.units:,} 个单位：无误 {self.clean:,}，有问题 {self.flagged:,}" if zh
                 else f"{self.units:,} units: {self.clean:,} clean, {self.flagged:,} with "
                      f"findings"]
        if codes:
            lines.append(f"按代码：{codes}" if zh else f"by code: {codes}")
        for count, _, name, place in sorted(self.worst, reverse=True):
            at = f"（{place}）" if zh and place else f" ({place})" if place else ""
            lines.append(f"  {name}{at}：{count} 个问题" if zh else
                         f"  {name}{at}: {count} finding{'s' if count > 1 else ''}")
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


_FINDING_HEADERS = {
    "zh": ("单位", "文件", "行", "代码", "指标编号", "指标", "填报", "核算", "差额", "说明"),
    "en": ("unit", "file", "line", "code", "id", "name", "reported", "recomputed",
           "difference", "message"),
}
_UNIT_HEADERS = {
    "zh": ("单位", "文件", "行", "填报总分", "核算总分", "填报等级", "核算等级", "问题数", "代码"),
    "en": ("unit", "file", "line", "reported total", "recomputed total", "reported grade",
           "recomputed grade", "findings", "codes"),
}


def write_xlsx(audits: Iterable[Audit], lang: str, path: str) -> Tally:
    """A workbook of two sheets, each with filters and a frozen header row: every finding,
    and every unit's totals."""
    if not path.lower().endswith(".xlsx"):
        raise UsageError.of("PS045.xlsx", file=path)
    book, findings = _workbook(path, None)
    findings.title = "核查问题" if lang == "zh" else "findings"
    units = book.create_sheet("单位" if lang == "zh" else "units")
    tally = Tally()
    counts = [1, 1]
    for sheet, headers in ((findings, _FINDING_HEADERS), (units, _UNIT_HEADERS)):
        sheet.freeze_panes = "A2"
        sheet.append(list(headers[lang]))
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
        sheet.auto_filter.ref = f"A1:{chr(ord('A') + len(headers[lang]) - 1)}{count}"
    book.save(path)
    return tally
