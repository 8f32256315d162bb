"""``perfscore impact``: score the same units under two editions and show who moves.

Each record is scored by both schemes. A field only one edition declares is left out for the
other (a new edition may add inputs the old one lacks); a field neither declares (a 单位 or
项目名称 column) is given to both, which refuse it as ``score`` and ``batch`` do — never dropped
unseen. Units are sorted by the size of their change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._batch.readers import Row, Unreadable
from .._common.errors import RecordError
from .._common.language import language
from .._common.numbers import ZERO, round_to
from .._score.notes import by_id_or_name
from .._score.result import Result, json_number
from .._source.format import RESERVED_KEYS

if TYPE_CHECKING:
    from .._scheme import Scheme


@dataclass(frozen=True, slots=True)
class UnitScore:
    """One unit under one edition: a result, or the reasons it was rejected."""

    result: Result | None
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UnitImpact:
    index: int
    id: str
    old: UnitScore
    new: UnitScore

    @property
    def delta(self) -> Decimal | None:
        if self.old.result is None or self.new.result is None:
            return None
        return self.new.result.total - self.old.result.total

    @property
    def moved(self) -> list[str]:
        """Indicators whose points differ, or that exist in one edition only."""
        if self.old.result is None or self.new.result is None:
            return []
        before = {i.id: i.points for i in self.old.result.walk() if i.is_leaf}
        after = {i.id: i.points for i in self.new.result.walk() if i.is_leaf}
        return [k for k in [*after, *(k for k in before if k not in after)]
                if before.get(k, "absent") != after.get(k, "absent")]

    def to_dict(self) -> dict[str, Any]:
        def side(outcome: UnitScore) -> dict[str, Any]:
            if outcome.result is None:
                return {"status": "rejected", "errors": list(outcome.errors)}
            return {"status": "scored", "total": json_number(outcome.result.total),
                    "grade": outcome.result.grade}
        return {"index": self.index, "id": self.id, "old": side(self.old), "new": side(self.new),
                "delta": json_number(self.delta), "moved": self.moved}


@dataclass(frozen=True, slots=True)
class Totals:
    """The units under one edition, as ``batch`` sums them up: how many it scored and
    rejected, how many took each grade (the edition's grades in order, then no grade when
    any unit had none), and the mean, highest and lowest total."""

    scored: int
    rejected: int
    grades: tuple[tuple[str | None, int], ...]
    mean: Decimal | None
    highest: Decimal | None
    lowest: Decimal | None

    def to_dict(self) -> dict[str, Any]:
        return {"scored": self.scored, "rejected": self.rejected,
                "grades": [{"grade": label, "units": count} for label, count in self.grades],
                "mean": json_number(self.mean), "highest": json_number(self.highest),
                "lowest": json_number(self.lowest)}


def _totals(scheme: Scheme, outcomes: list[UnitScore]) -> Totals:
    results = [outcome.result for outcome in outcomes if outcome.result is not None]
    counts: dict[str | None, int] = {label: 0 for _, label in scheme.grades}
    for result in results:
        counts[result.grade] = counts.get(result.grade, 0) + 1
    totals = [result.total for result in results]
    return Totals(len(results), len(outcomes) - len(results),
                  tuple((label, count) for label, count in counts.items()
                        if label is not None or count),
                  round_to(sum(totals, ZERO) / len(totals), 2) if totals else None,
                  max(totals, default=None), min(totals, default=None))


@dataclass(frozen=True, slots=True)
class Summary:
    units: int
    scored: int
    grade_up: int
    grade_down: int
    mean_delta: Decimal | None
    old: Totals
    new: Totals

    def to_dict(self) -> dict[str, Any]:
        return {"units": self.units, "scored_by_both": self.scored, "grade_up": self.grade_up,
                "grade_down": self.grade_down, "mean_delta": json_number(self.mean_delta),
                "old": self.old.to_dict(), "new": self.new.to_dict()}


def _score(scheme: Scheme, data: Any, declared: frozenset[str], lang: str | None
           ) -> UnitScore:
    if isinstance(data, Unreadable):
        return UnitScore(None, (data.error(language(lang, scheme.locale)).message,))
    if isinstance(data, dict):  # what only the other edition declares is not this one's
        data = {k: _known(scheme, v) if k in _NOTES else v for k, v in data.items()
                if k in scheme.inputs or k not in declared}
    try:
        return UnitScore(scheme.score(data, lang=lang))
    except RecordError as error:
        return UnitScore(None, tuple(e.message for e in error.errors))


_NOTES = ("reasons", "not_applicable")
"""The record's notes by indicator (偏差原因, 不适用), which both editions read."""


def _known(scheme: Scheme, notes: Any) -> Any:
    """A record's notes about the indicators ``scheme`` has (by id, or by a name only one of
    them has, as ``score`` reads them): a note about one only the other edition has would
    reject the unit here."""
    if not isinstance(notes, dict):
        return notes  # not notes by indicator: the scheme says so
    known = by_id_or_name(scheme.indicators)
    return {key: value for key, value in notes.items() if str(key) in known}


def impact(old: Scheme, new: Scheme, rows: Iterable[Row], lang: str | None = None
           ) -> tuple[list[UnitImpact], Summary]:
    """Every unit's change, largest first, and the summary; rejections worded in ``lang``
    (default: each scheme's own). A unit's 偏差原因 and 不适用 count under both editions, as
    ``score`` counts them; only what it says of an indicator one edition lacks is left out
    there (``reported``, an audit's, is left out for both)."""
    declared = frozenset({*old.inputs, *new.inputs, *RESERVED_KEYS}) - frozenset(_NOTES)
    units = [UnitImpact(row.index, row.id or str(row.index + 1),
                        _score(old, row.data, declared, lang),
                        _score(new, row.data, declared, lang)) for row in rows]
    totals = (_totals(old, [unit.old for unit in units]),
              _totals(new, [unit.new for unit in units]))
    rank = {label: position for position, (_, label) in enumerate(new.grades)}
    up = down = 0
    deltas = []
    for unit in units:
        if unit.delta is None:
            continue
        deltas.append(unit.delta)
        assert unit.old.result is not None and unit.new.result is not None
        before = rank.get(unit.old.result.grade or "")
        after = rank.get(unit.new.result.grade or "")
        if before is not None and after is not None and before != after:
            up += after < before
            down += after > before
    mean = round_to(sum(deltas, ZERO) / len(deltas), 2) if deltas else None
    units.sort(key=lambda u: (u.delta is not None, abs(u.delta or 0)), reverse=True)
    return units, Summary(len(units), len(deltas), up, down, mean, *totals)
