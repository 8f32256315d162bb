"""Auditing submitted tables (SPEC §9): recompute each unit's record, compare it with what the
unit reported, and say every difference — never reject what can be read.

What a unit reported is ``record["reported"]`` (``{total, grade, items: {id: points}}``), rows'
own ``score`` (SPEC §8.1), and its 偏差原因 ``record["reasons"]``. In a CSV or XLSX sheet the
same things come as columns (``unit_record``): ``reported.total``, ``得分``, ``自评得分`` or
``自评总分`` for the total, ``reported.grade`` or ``自评等级`` for the grade, ``reported.<id>``
or ``<id or name>.得分`` for an item, ``reasons.<id>`` or ``<id or name>.偏差原因`` for a reason,
``not_applicable.<id>`` or ``<id or name>.不适用`` for 不适用.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .._batch.readers import Row, Unreadable
from .._common.errors import PerfscoreError
from .._common.language import Lang, language
from .._common.messages import Term
from .._common.numbers import ZERO, round_to, to_decimal
from .._score.record import by_name
from .._score.result import Item, Result
from .._score.scorer import capped
from .findings import Audit, Finding, Reported

if TYPE_CHECKING:
    from .._scheme import Scheme
    from .._source.yaml import Document

Lines = Callable[[tuple[str | int, ...]], int | None]
"""Where a path of the record (``("reported", "total")``) is in its file, when known."""

TOTAL_COLUMNS = ("reported.total", "自评得分", "自评总分", "得分")
GRADE_COLUMNS = ("reported.grade", "自评等级")
_PREFIXES = {"reported.": "reported", "reasons.": "reasons",
             "not_applicable.": "not_applicable"}
_SUFFIXES = {".得分": "reported", ".偏差原因": "reasons", ".不适用": "not_applicable"}
_TOTAL = Term("total", "总分")
_FLAGGED = {"out_of_band": "AU106", "rows_points": "AU108.points",
            "row_repeated": "AU108.repeated", "required_missing": "AU108.required"}
"""The lenient scorer's flags (the rows contract) that are findings, by flag code."""


def recompute(scheme: Scheme, record: Mapping[str, Any] | BaseModel, lang: Lang,
              document: Document | None, file: str | None) -> Result:
    """The one call an audit scores with: the scorer's lenient mode, which rejects nothing a
    table can survive (a 定性 score outside its band is recomputed at the band's edge and
    flagged ``out_of_band``, rows whose points do not add up are flagged ``rows_points``, …);
    a RecordError here is an AU100."""
    return scheme._score(record, lang=lang, document=document, file=file, lenient=True)


class Auditor:
    """Audits the records of one scheme with one set of tolerances, one language: made once,
    it audits any number of records, as they stream by."""

    def __init__(self, scheme: Scheme, *, tolerance: Decimal | None = None,
                 sum_tolerance: Decimal | None = None, lang: str | None = None) -> None:
        settings = scheme.settings.audit
        self.scheme = scheme
        self.lang = language(lang, scheme.locale)
        # a float through its shortest repr, as every number (0.03 is 0.03, not 0.0299…)
        self.tolerance = settings.tolerance if tolerance is None else to_decimal(tolerance)
        self.sum_tolerance = (settings.sum_tolerance if sum_tolerance is None
                              else to_decimal(sum_tolerance))
        names: dict[str, list[str]] = {}
        for root in scheme.indicators:
            for node in root.walk():
                names.setdefault(node.name, []).append(node.id)
        ids = {node.id for root in scheme.indicators for node in root.walk()}
        self.labels = frozenset(spec.label for spec in scheme.inputs.values() if spec.label)
        """Labels a record's keys may be (``by_name`` reads them as their inputs' names)."""
        # an indicator by its id, or by its name where no other indicator has that name
        self.ids = {**{n: found[0] for n, found in names.items() if len(found) == 1},
                    **{i: i for i in ids}}

    # --- reading what the unit reported --------------------------------------------------

    def unit_record(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A sheet's flat row as a record: its reported, reason and 不适用 columns gathered
        under ``reported``, ``reasons`` and ``not_applicable`` (keyed by indicator id where the
        column names one); every other column stays an input."""
        record: dict[str, Any] = {}
        reported: dict[str, Any] = {}
        items: dict[str, Any] = {}
        nested: dict[str, dict[str, Any]] = {"reasons": {}, "not_applicable": {}}
        for key, value in data.items():
            column = str(key)
            target = None
            if column in TOTAL_COLUMNS:
                reported["total"] = value
                continue
            if column in GRADE_COLUMNS:
                reported["grade"] = value
                continue
            for prefix, kind in _PREFIXES.items():
                if column.startswith(prefix) and column != prefix:
                    target, column = kind, column[len(prefix):]
            for suffix, kind in _SUFFIXES.items():
                if target is None and column.endswith(suffix) and column != suffix:
                    target, column = kind, column[:-len(suffix)]
            if target is None:
                record[key] = value
            elif target == "reported":
                items[column] = value
            else:
                nested[target][self.ids.get(column, column)] = value
        if items:
            reported["items"] = items
        if reported:
            nested_reported = record.get("reported")
            record["reported"] = {**(nested_reported if isinstance(nested_reported, Mapping)
                                     else {}), **reported}
        for kind, given in nested.items():
            if given:
                record[kind] = given
        return record

    def _reported(self, raw: Any, file: str | None, lines: Lines
                  ) -> tuple[Reported, dict[str, int | None], list[Finding]]:
        """What the unit reported, where each item's number is written, and an AU100 for
        each part of it that cannot be read (the rest is audited all the same)."""
        if raw is None:
            return Reported(), {}, []
        problems: list[Finding] = []
        items_raw = raw.get("items") if isinstance(raw, Mapping) else None
        if not isinstance(raw, Mapping) or set(raw) - {"total", "grade", "items"} or not (
                items_raw is None or isinstance(items_raw, Mapping)):
            return Reported(), {}, [Finding("AU100.reported", file=file,
                                            line=lines(("reported",)))]

        def number(value: Any, name: Any, path: tuple[str | int, ...]) -> Decimal | None:
            if value is None:
                return None
            if type(value) is Decimal and value.is_finite():
                return value
            try:
                if isinstance(value, bool):
                    raise ValueError
                return to_decimal(value)
            except (ArithmeticError, TypeError, ValueError):
                problems.append(Finding("AU100.number", file=file, line=lines(path),
                                        facts={"name": name, "value": repr(value)}))
                return None

        total = number(raw.get("total"), _TOTAL, ("reported", "total"))
        grade = raw.get("grade")
        items: dict[str, Decimal] = {}
        where: dict[str, int | None] = {}
        for key, value in (items_raw or {}).items():
            path = ("reported", "items", key)
            item_id = self.ids.get(str(key))
            if item_id is None:
                problems.append(Finding("AU100.unknown", file=file, line=lines(path),
                                        facts={"name": str(key)}))
                continue
            points = number(value, str(key), path)
            if points is not None:
                items[item_id] = points
                where[item_id] = lines(path)
        return (Reported(total, None if grade is None else str(grade), items), where,
                problems)

    # --- auditing ------------------------------------------------------------------------

    def audit(self, record: Mapping[str, Any] | BaseModel, *, unit: str | None = None,
              file: str | None = None, line: int | None = None, lines: Lines | None = None,
              document: Document | None = None) -> Audit:
        """One record audited: every finding, AU100 for what cannot be read."""
        at: Lines = lines or (lambda _: line)
        raw = record.get("reported") if isinstance(record, Mapping) else None
        reported, where, findings = self._reported(raw, file, at)
        try:
            if isinstance(record, Mapping) and not self.labels.isdisjoint(record):
                record = by_name(record, self.scheme.inputs, self.lang, file)  # 表头 as labels
            result = recompute(self.scheme, record, self.lang, document, file)
        except PerfscoreError as error:
            findings.append(Finding("AU100", file=file, line=line, errors=error.errors))
            return Audit(unit, None, reported, tuple(findings), file, line)
        reasons = record.get("reasons") if isinstance(record, Mapping) else None
        given = {self.ids.get(str(k), str(k)) for k, v in reasons.items()
                 if v not in (None, "")} if isinstance(reasons, Mapping) else set()
        claims = list(self._claims(result, reported))
        found = [*self._items(claims, where, file, line),
                 *self._flags(result, file, line),
                 *self._unexplained(result, given, file, at)]
        if len(found) > 1:  # in the order of the table
            order = {item.id: index for index, item in enumerate(result.walk())}
            found.sort(key=lambda f: order.get(f.id or "", len(order)))
        findings += found
        findings += self._totals(result, reported, claims, file, at)
        return Audit(unit, result, reported, tuple(findings), file, line)

    def _claims(self, result: Result, reported: Reported) -> Iterator[tuple[Item, Decimal]]:
        """Each item with the points the unit gives it: from ``reported.items``, or a row's
        own 得分 (a 定性 row's score is the evaluator's, checked against its band instead)."""
        for item in result.walk():
            points = reported.items.get(item.id)
            if points is None and not item.children:  # a row (SPEC §8.1) carries its 得分
                row = item.row
                if row is not None and row.get("nature") != "定性":
                    points = row.get("score")
            if points is not None:
                yield item, points

    def _items(self, claims: Iterable[tuple[Item, Decimal]], where: Mapping[str, int | None],
               file: str | None, line: int | None) -> Iterator[Finding]:
        for item, points in claims:
            low, high = (-item.max, ZERO) if item.kind == "penalty" else (ZERO, item.max)
            at = where.get(item.id) or line
            difference = None if item.points is None else points - item.points
            if not low <= points <= high:
                yield Finding("AU105", item.id, item.name, points, item.points, difference,
                              file, at, {"low": low, "high": high}, item)
            elif item.points is None:
                yield Finding("AU101.not_assessed", item.id, item.name, points, None, None,
                              file, at, item=item)
            elif difference is not None and abs(difference) > self.tolerance:
                yield Finding("AU101", item.id, item.name, points, item.points, difference,
                              file, at, item=item)

    def _flags(self, result: Result, file: str | None, line: int | None
               ) -> Iterator[Finding]:
        """AU106 and AU108 from what the lenient scorer flags: a 定性 score outside its band,
        rows whose points do not add up, a repeated row, a mandatory item missing."""
        seen: set[tuple[str | None, str]] = set()
        for flag in (*result.flags, *result.warnings):
            key = _FLAGGED.get(flag.code)
            if key is None or (flag.id, flag.code) in seen:
                continue
            seen.add((flag.id, flag.code))
            item = _find(result, flag.id)
            name = item.name if item is not None else flag.id
            facts = flag.facts
            if key == "AU106":
                given = facts["given"]
                yield Finding(key, flag.id, name, given, None if item is None else item.points,
                              None if item is None or item.points is None
                              else given - item.points, file, line,
                              {"band": facts["level"], "low": facts["low"],
                               "high": facts["high"]}, item)
            elif key == "AU108.points":
                yield Finding(key, flag.id, name, facts["sum"], facts["points"],
                              facts["sum"] - facts["points"], file, line, item=item)
            else:
                yield Finding(key, flag.id, name, file=file, line=line, item=item)

    def _unexplained(self, result: Result, reasons: set[str], file: str | None, at: Lines
                     ) -> Iterator[Finding]:
        """AU107: a scored item below its full points, or flagged by ``review``, with no
        偏差原因 — neither the row's own nor one in ``reasons``."""
        for item in result.walk():
            if not item.is_leaf or item.status != "scored" or item.points is None:
                continue
            short = item.kind == "base" and item.lost is not None and item.lost > 0
            review = None if short else next(
                (f for f in item.flags if f.code == "over_target"), None)
            if not short and review is None:
                continue
            if item.id in reasons or item.deviation_reason:
                continue
            line = at(("reasons", item.id))
            if review is None:
                yield Finding("AU107", item.id, item.name, None, item.points, None, file, line,
                              {"high": item.max}, item)
            else:
                yield Finding("AU107.review", item.id, item.name, None, item.points, None,
                              file, line, {"flag": Term(review.message("en"),
                                                        review.message("zh"))}, item)

    def _totals(self, result: Result, reported: Reported,
                claims: Iterable[tuple[Item, Decimal]], file: str | None, at: Lines
                ) -> Iterator[Finding]:
        total, grade = reported.total, reported.grade
        line = at(("reported", "total"))
        if total is not None:
            summed = self._sum(result, {item.id: points for item, points in claims})
            if summed is not None and abs(total - summed) > self.sum_tolerance:
                yield Finding("AU102", None, None, total, summed, total - summed, file, line)
            if abs(total - result.total) > self.sum_tolerance:
                yield Finding("AU103", None, None, total, result.total, total - result.total,
                              file, line)
        if grade is not None:
            line = at(("reported", "grade"))
            own = None if total is None else self._grade(total, result)
            if total is not None and own != grade:
                yield Finding("AU104", None, None, grade, own, None, file, line,
                              {"total": total})
            elif grade != result.grade:
                yield Finding("AU104.recomputed", None, None, grade, result.grade, None, file,
                              line, {"total": result.total})

    def _sum(self, result: Result, by_id: Mapping[str, Decimal]) -> Decimal | None:
        """The total the unit's own item points make, rescaled as the recomputed total is
        when items are left out; None unless it gives points for every assessed leaf."""
        settings = self.scheme.settings
        places, mode = settings.rounding.places, settings.rounding.mode
        base = extra = assessed = ZERO
        for item in result.walk():
            if not item.is_leaf or item.points is None:
                continue
            points = by_id.get(item.id)
            if points is None and item.row is not None:  # a 定性 row: the evaluator's score
                points = item.row.get("score")
            if points is None:
                return None
            if item.kind == "base":
                base += points
                assessed += item.max
            else:
                extra += points
        if any(w.code == "rescaled" for w in result.warnings) and assessed:
            base = round_to(base / assessed * settings.total, places, mode)
        return round_to(max(ZERO, base + extra), places, mode)

    def _grade(self, total: Decimal, result: Result) -> str | None:
        """The grade ``total`` earns, capped by the vetoes that hold for the unit."""
        grades = self.scheme.grades
        earned = next((label for low, label in grades if total >= low), None)
        return capped(earned, grades, [f for f in result.flags if f.code == "veto"])

    # --- many ----------------------------------------------------------------------------

    def rows(self, rows: Iterable[Row], file: str | None = None) -> Iterator[Audit]:
        """The rows of a sheet (``read_rows``) audited as they stream by: each finding placed
        at its row's line; a row that could not be read is an AU100."""
        for row in rows:
            if isinstance(row.data, Unreadable):
                error = row.data.error(self.lang)
                yield Audit(row.id, None, Reported(), (
                    Finding("AU100", file=file, line=row.line, errors=(error,)),),
                    file, row.line)
            elif not isinstance(row.data, Mapping):
                yield self.audit(row.data, unit=row.id, file=file, line=row.line)
            else:
                yield self.audit(self.unit_record(row.data), unit=row.id, file=file,
                                 line=row.line)


def _find(result: Result, item_id: str | None) -> Item | None:
    try:
        return None if item_id is None else result[item_id]
    except KeyError:
        return None
