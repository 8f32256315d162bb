"""Worked cases: running a scheme's ``cases`` and saying, in words a rule author can act on,
where a result differs from what the case expects."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ._errors import RecordError
from ._format import Case
from ._numbers import plain
from ._result import Item, Result

if TYPE_CHECKING:
    from ._scheme import Scheme


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    """One case's verdict: ``problems`` is empty when it passed."""

    name: str
    problems: tuple[str, ...]
    result: Result | None

    @property
    def passed(self) -> bool:
        return not self.problems


def _number(value: Decimal | None) -> str:
    return "—" if value is None else plain(value)


def run_case(scheme: Scheme, case: Case, lang: str | None = None) -> CaseOutcome:
    """Score ``case.input`` and compare with ``case.expect``."""
    expect = case.expect
    try:
        result = scheme.score(case.input, lang=lang)
    except RecordError as error:
        messages = [e.message for e in error.errors]
        if expect.rejected is None:
            return CaseOutcome(case.name, tuple(f"record rejected: {m}" for m in messages), None)
        if not any(expect.rejected in m for m in messages):
            return CaseOutcome(case.name, (
                f"rejected, but no error contains {expect.rejected!r}: " + "; ".join(messages),),
                None)
        return CaseOutcome(case.name, (), None)
    if expect.rejected is not None:
        return CaseOutcome(case.name, (
            f"expected the record to be rejected ({expect.rejected!r}), but it scored "
            f"{plain(result.total)}",), result)
    problems: list[str] = []
    if expect.total is not None and result.total != expect.total:
        problems.append(f"total: expected {plain(expect.total)}, got {plain(result.total)}")
    if expect.grade is not None and result.grade != expect.grade:
        problems.append(f"grade: expected {expect.grade}, got {result.grade}")
    for item_id, points in (expect.items or {}).items():
        item = _item(result, item_id, problems)
        if item is not None and item.points != points:
            problems.append(f"{item_id}: expected {plain(points)} points, got "
                            f"{_number(item.points)} — {item.explain(lang)}")
    for item_id, status in (expect.status or {}).items():
        item = _item(result, item_id, problems)
        if item is not None and item.status != status:
            problems.append(f"{item_id}: expected {status}, got {item.status} — "
                            f"{item.explain(lang)}")
    if expect.flags is not None:
        flagged = sorted({f.id for f in result.flags if f.id is not None})
        if flagged != sorted(expect.flags):
            problems.append(f"flags: expected {sorted(expect.flags)}, got {flagged}")
    return CaseOutcome(case.name, tuple(problems), result)


def _item(result: Result, item_id: str, problems: list[str]) -> Item | None:
    try:
        return result[item_id]
    except KeyError:
        problems.append(f"{item_id}: no such indicator in the scheme")
        return None
