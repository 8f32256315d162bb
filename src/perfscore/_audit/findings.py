"""What ``perfscore audit`` found in one submitted table (SPEC §9): each finding as data — its
code, the item or row, the reported and recomputed numbers and their difference — worded only
when printed, in either language, from the message catalogue (``AU1xx``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .._common.errors import PerfscoreError
from .._common.language import language
from .._common.messages import render
from .._common.numbers import plain
from .._score.result import Item, Result, json_number


def signed(number: Decimal | None) -> str:
    """A difference as a bureau writes it: ``+0.94``, ``-1.2``, ``0``."""
    if number is None:
        return "—"
    return f"+{plain(number)}" if number > 0 else plain(number)


def _shown(value: Decimal | str | None) -> str:
    if value is None:
        return "—"
    return plain(value) if isinstance(value, Decimal) else value


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a unit's table gets wrong. ``id`` and ``name`` are the item's (or row's;
    None for the total, the grade and a record that cannot be read); ``reported`` and
    ``recomputed`` are points, or grade labels for AU104; ``difference`` is reported minus
    recomputed. ``item`` is the recomputed item, whose explanation goes with the finding.
    ``line`` is where the reported value is in ``file``, when known."""

    key: str
    id: str | None = None
    name: str | None = None
    reported: Decimal | str | None = None
    recomputed: Decimal | str | None = None
    difference: Decimal | None = None
    file: str | None = None
    line: int | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)
    item: Item | None = field(default=None, compare=False, repr=False)
    errors: tuple[PerfscoreError, ...] = field(default=(), compare=False, repr=False)

    @property
    def code(self) -> str:
        return self.key.split(".")[0]

    def explanation(self, lang: str = "zh") -> str | None:
        """The recomputed item's explanation: why the rule gives what it gives."""
        return None if self.item is None else self.item.explain(language(lang))

    def message(self, lang: str = "zh") -> str:
        chosen = language(lang)
        params: dict[str, Any] = {
            "name": self.name or "", "reported": _shown(self.reported),
            "recomputed": _shown(self.recomputed), "difference": signed(self.difference),
            "explanation": self.explanation(chosen) or "", **self.facts}
        if self.errors:
            params["errors"] = "; ".join(
                render(e.key, e.params, chosen) if e.key else e.message for e in self.errors)
        return render(self.key, params, chosen)

    def describe(self, lang: str = "zh") -> str:
        """``FILE:LINE: AU101: …``, the line an editor jumps to."""
        place = ":".join(str(part) for part in (self.file or "<record>", self.line) if part)
        return f"{place}: {self.code}: {self.message(lang)}"

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        def number(value: Decimal | str | None) -> Any:
            return json_number(value) if isinstance(value, Decimal) else value

        return {"code": self.code, "id": self.id, "name": self.name,
                "reported": number(self.reported), "recomputed": number(self.recomputed),
                "difference": json_number(self.difference), "file": self.file,
                "line": self.line, "message": self.message(lang),
                "explanation": self.explanation(lang)}


@dataclass(frozen=True, slots=True)
class Reported:
    """What the unit says it scored: the total, the grade, and points by indicator id."""

    total: Decimal | None = None
    grade: str | None = None
    items: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Audit:
    """One unit's table checked: the recomputed ``result`` (None when the record could not be
    scored at all: then an AU100 finding says why), what it reported, and every finding in
    the order of the table. ``unit`` names it (its id), ``file`` and ``line`` where it is."""

    unit: str | None
    result: Result | None
    reported: Reported
    findings: tuple[Finding, ...]
    file: str | None = None
    line: int | None = None

    @property
    def clean(self) -> bool:
        return not self.findings

    def on(self, item_id: str) -> tuple[Finding, ...]:
        """The findings about one item (or row)."""
        return tuple(f for f in self.findings if f.id == item_id)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        chosen = language(lang, self.result.context.locale if self.result else "zh-CN")
        result = self.result
        return {"unit": self.unit, "file": self.file, "line": self.line,
                "reported": {"total": json_number(self.reported.total),
                             "grade": self.reported.grade,
                             "items": {k: json_number(v)
                                       for k, v in self.reported.items.items()}},
                "recomputed": None if result is None else {
                    "total": json_number(result.total), "grade": result.grade},
                "findings": [f.to_dict(chosen) for f in self.findings],
                "result": None if result is None else result.to_dict(chosen)}
