"""Worked cases: reading a scheme's ``cases`` (inline, or from the file ``cases:`` names),
running them, and saying, in words a rule author can act on, where a result differs from what
the case expects — the item, expected against got, and why the item got what it got."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, ValidationError

from .._common.errors import PerfscoreError, RecordError, SchemeError
from .._common.language import language
from .._common.limits import MAX_CASES
from .._common.numbers import plain
from .._model.document import SchemeDoc
from .._score.result import Item, Result
from .._source.editions import _inside
from .._source.format import Case, pydantic_problems
from .._source.yaml import Document, Path, parse, read_text

if TYPE_CHECKING:
    from .._scheme import Scheme


class _CaseFile(BaseModel):
    """The content of a cases file, wrapped so that errors find their keys' suggestions."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    cases: list[Case]


@dataclass(frozen=True, slots=True)
class CaseSet:
    """A scheme's worked cases and where they were written: ``document`` is the scheme's (inline
    cases, at ``path`` ``("cases",)``) or the cases file's (``path`` ``()``)."""

    cases: tuple[Case, ...]
    document: Document
    path: Path

    def where(self, index: int) -> tuple[str, int | None]:
        """File and line of case ``index``."""
        at = self.document.at((*self.path, index))
        return at["file"], at["line"]

    def __iter__(self) -> Iterator[tuple[Case, tuple[str, int | None]]]:
        for index, case in enumerate(self.cases):
            yield case, self.where(index)


def read_cases(spec: SchemeDoc, document: Document, root: str | None) -> CaseSet:
    """The cases of a scheme: inline, or read from ``cases: path`` (relative to the scheme file,
    and inside ``root`` or the scheme's folder tree, as ``extends`` must be)."""
    if not isinstance(spec.cases, str):
        return CaseSet(tuple(spec.cases), document, ("cases",))
    at = document.at(("cases",))
    scheme_file = at["file"] or document.file
    path = os.path.join(os.path.dirname(scheme_file), spec.cases)
    if root is None and scheme_file.startswith("<"):  # text, with no folder of its own
        raise SchemeError.of("PS053.text", **at)
    bound = root if root is not None else os.path.dirname(os.path.abspath(scheme_file))
    if not _inside(path, bound):
        raise SchemeError.of("PS053.outside", {"cases": spec.cases, "bound": bound}, **at)
    try:
        text = read_text(path, SchemeError)
    except SchemeError as exc:
        if exc.code != "PS001" or (exc.key is None and os.path.exists(path)):
            raise  # there, but unreadable: its own error stands
        if exc.key == "PS001.kind":  # a folder, a FIFO…
            raise SchemeError.of("PS053.kind", {**exc.params, "path": path}, **at) from None
        raise SchemeError.of("PS053", {"path": path}, **at) from None
    cases_document = parse(text, path, SchemeError, {"": MAX_CASES})
    if not isinstance(cases_document.data, list):
        raise SchemeError.of("PS053.list", file=path, line=1, column=1)
    try:
        parsed = _CaseFile.model_validate({"cases": cases_document.data})
    except ValidationError as exc:
        raise SchemeError.collect([
            SchemeError.of(key, params, **cases_document.at(loc[1:], key=is_key),
                           where=".".join(str(p) for p in loc[1:]) or None, suggestion=hint)
            for loc, is_key, key, params, hint in pydantic_problems(_CaseFile, exc)]) from None
    return CaseSet(tuple(parsed.cases), cases_document, ())


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One difference between a case's ``expect`` and what the scheme gave.

    ``what`` is ``total``, ``grade``, ``flags``, ``record`` or an indicator id; ``explanation``
    says why the item got what it got (the text of ``perfscore score``)."""

    what: str
    expected: str
    got: str
    explanation: str | None = None

    def describe(self) -> str:
        return f"{self.what}: expected {self.expected}, got {self.got}"


@dataclass(frozen=True, slots=True)
class CaseOutcome:
    """One case's verdict: ``mismatches`` is empty when it passed. ``result`` is the scored
    record, ``error`` the rejection (either may be None); ``file``/``line`` where the case was
    written."""

    name: str
    mismatches: tuple[Mismatch, ...]
    result: Result | None
    error: PerfscoreError | None = None
    file: str | None = None
    line: int | None = None

    @property
    def passed(self) -> bool:
        return not self.mismatches

    @property
    def problems(self) -> tuple[str, ...]:
        """Each mismatch on one line, with the item's explanation after a dash."""
        return tuple(m.describe() + (f" — {m.explanation}" if m.explanation else "")
                     for m in self.mismatches)

    @property
    def location(self) -> str:
        return ":".join(str(p) for p in (self.file, self.line) if p is not None)

    def report(self) -> list[str]:
        """The failure as lines a rule author can act on: each mismatch, then, indented, the
        explanation of the item concerned."""
        lines: list[str] = []
        for mismatch in self.mismatches:
            lines.append(f"  {mismatch.describe()}")
            if mismatch.explanation:
                lines.append(f"      {mismatch.explanation}")
        return lines


def _number(value: Decimal | None) -> str:
    return "—" if value is None else plain(value)


def run_case(scheme: Scheme, case: Case, lang: str | None = None,
             where: tuple[str | None, int | None] = (None, None)) -> CaseOutcome:
    """Score ``case.input`` and compare with ``case.expect``."""
    file, line = where
    expect = case.expect

    def outcome(mismatches: list[Mismatch], result: Result | None,
                error: PerfscoreError | None = None) -> CaseOutcome:
        return CaseOutcome(case.name, tuple(mismatches), result, error, file, line)

    try:
        result = scheme.score(case.input, lang=lang)
    except RecordError as error:
        messages = [e.message for e in error.errors]
        if expect.rejected is None:
            return outcome([Mismatch("record", "a score", "rejected: " + "; ".join(messages))],
                           None, error)
        if not any(expect.rejected in m for m in messages):
            return outcome([Mismatch("record", f"rejected with {expect.rejected!r}",
                                     "rejected: " + "; ".join(messages))], None, error)
        return outcome([], None, error)
    if expect.rejected is not None:
        return outcome([Mismatch("record", f"rejected with {expect.rejected!r}",
                                 f"a score of {plain(result.total)}")], result)
    found: list[Mismatch] = []
    if expect.total is not None and result.total != expect.total:
        found.append(Mismatch("total", plain(expect.total), plain(result.total),
                              _lost(result)))
    if expect.grade is not None and result.grade != expect.grade:
        found.append(Mismatch("grade", expect.grade, str(result.grade),
                              f"total {plain(result.total)}"))
    for item_id, points in (expect.items or {}).items():
        item = _item(result, item_id, found)
        if item is not None and item.points != points:
            found.append(Mismatch(_named(item), plain(points), _number(item.points),
                                  _why(item, lang)))
    for item_id, status in (expect.status or {}).items():
        item = _item(result, item_id, found)
        if item is not None and item.status != status:
            found.append(Mismatch(_named(item), status, item.status, _why(item, lang)))
    if expect.flags is not None:
        flagged = sorted({f.id for f in result.flags if f.id is not None})
        if flagged != sorted(expect.flags):
            found.append(Mismatch("flags", str(sorted(expect.flags)), str(flagged),
                                  "; ".join(f.message(language(lang, result.context.locale))
                                            for f in result.flags)
                                  or None))
    return outcome(found, result)


def _named(item: Item) -> str:
    return f"{item.id} ({item.name})"


def _why(item: Item, lang: str | None) -> str:
    """A leaf's explanation; for a branch, its children's points."""
    if item.is_leaf:
        return item.explain(lang)
    return ", ".join(f"{c.id} {_number(c.points)}" for c in item.children)


def _lost(result: Result) -> str | None:
    """What a total is made of: the items that lost points."""
    reasons = result.reasons
    if not reasons:
        return None
    return "lost points: " + ", ".join(f"{r.id} −{_number(r.lost)}" for r in reasons)


def _item(result: Result, item_id: str, found: list[Mismatch]) -> Item | None:
    try:
        return result[item_id]
    except KeyError:
        found.append(Mismatch(item_id, "an indicator of the scheme", "no such indicator"))
        return None
