"""``perfscore diff``: what changed between two editions, in words a reviewer can sign off.

Each indicator, input, grade, let, check and setting is reduced to named facets
(``tiers[0]`` → ``>= 0.95 → 20``, ``deduct.per`` → ``0.01``); a change is a facet whose text
differs, so every tier threshold and its points show as old → new.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._common.messages import render
from .._common.numbers import plain
from .._methods import METHODS
from .._model.document import IndicatorSpec, ScoreSpec
from .._source.format import InputSpec

if TYPE_CHECKING:
    from .._scheme import Scheme


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: ``kind`` is ``added``, ``removed`` or ``changed``; ``section`` one of
    indicator, input, grade, let, check, setting, scheme; ``facet`` what changed (``tiers[0]``)."""

    section: str
    kind: str
    id: str
    facet: str | None
    old: str | None
    new: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"section": self.section, "kind": self.kind, "id": self.id, "facet": self.facet,
                "old": self.old, "new": self.new}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return plain(Decimal(value))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    return str(value)


def _method_facets(score: ScoreSpec) -> Iterator[tuple[str, str]]:
    yield "method", score.method
    yield from METHODS[score.method].facets(score.params, _text)
    for key, value in score.options.items():
        if value is not None:
            yield key, _text(value)


def _indicator_facets(spec: IndicatorSpec, parent: str | None, points: Decimal
                      ) -> dict[str, str]:
    facets = {"name": spec.name, "points": _text(points), "under": parent or "(root)",
              "kind": spec.kind}
    for key in ("value", "target", "unit", "missing", "explain", "rows", "reverse",
                "applicable"):
        value = getattr(spec, key)
        if value is not None:
            facets[key] = _text(value)
    if spec.required:
        facets["required"] = "true"
    for level, band in (spec.bands or {}).items():
        facets[f"bands[{level}]"] = _text(band)
    if spec.review is not None:
        facets["review.over_target"] = _text(spec.review.over_target)
    if spec.score is not None:
        facets.update(_method_facets(spec.score))
    return facets


def _indicators(scheme: Scheme) -> dict[str, dict[str, str]]:
    points = {node.id: node.points for root in scheme.indicators for node in root.walk()}
    found: dict[str, dict[str, str]] = {}

    def visit(specs: list[IndicatorSpec], parent: str | None) -> None:
        for spec in specs:
            found[spec.id] = _indicator_facets(spec, parent, points.get(spec.id, Decimal(0)))
            if spec.children:
                visit(spec.children, spec.id)

    visit(scheme.spec.indicators, None)
    return found


def _input_facets(spec: InputSpec) -> dict[str, str]:
    return {k: _text(v) for k, v in spec.model_dump(exclude_none=True).items()
            if k != "of"} | ({"of": ", ".join(spec.of)} if spec.of else {})


def _sections(scheme: Scheme) -> dict[str, dict[str, dict[str, str]]]:
    spec = scheme.spec
    return {
        "indicator": _indicators(scheme),
        "input": {name: _input_facets(s) for name, s in spec.inputs.items()},
        "let": {name: {"expression": text} for name, text in spec.let.items()},
        "check": {c.message: {"rule": c.rule} for c in spec.checks},
        "grade": {g.label: {"min": _text(g.min)} for g in spec.grades},
        "veto": {v.message: {"if": v.when, "grade": v.grade} for v in spec.vetoes},
        "setting": {"settings": {k: _text(v) for k, v in _flat(spec.settings.model_dump())}},
        "scheme": {"scheme": {"id": spec.id, "edition": spec.edition, "title": spec.title,
                              "locale": spec.locale, "format": spec.perfscore,
                              "header": _text(spec.header)}},
    }


def _flat(data: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in data.items():
        if isinstance(value, Mapping):
            yield from _flat(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def diff(old: Scheme, new: Scheme) -> list[Change]:
    """Every difference between two loaded (merged) schemes, in the new scheme's order."""
    changes: list[Change] = []
    before, after = _sections(old), _sections(new)
    for section, new_items in after.items():
        old_items = before[section]
        for name, facets in new_items.items():
            if name not in old_items:
                changes.append(Change(section, "added", name, None, None, _summary(facets)))
                continue
            previous = old_items[name]
            for facet in [*previous, *(f for f in facets if f not in previous)]:
                if previous.get(facet) != facets.get(facet):
                    changes.append(Change(section, "changed", name, facet, previous.get(facet),
                                          facets.get(facet)))
        for name, facets in old_items.items():
            if name not in new_items:
                changes.append(Change(section, "removed", name, None, _summary(facets), None))
    return changes


def _summary(facets: Mapping[str, str]) -> str | None:
    """What an added or removed item is, in a few words: its name or label."""
    return facets.get("name") or facets.get("label")


def _word(key: str, lang: str) -> str:
    """A section, a kind of change or a column of the diff (``diff.*`` in the catalogue)."""
    return render(f"diff.{key}", {}, lang)


def rows(changes: list[Change], lang: str,
         worded: tuple[Mapping[str, str], Mapping[str, str]] | None = None
         ) -> list[tuple[str, ...]]:
    """Each change as table cells in ``lang``. With ``worded`` (each indicator's rule in the
    old and the new scheme, as ``perfscore manual`` words it: ``manual.rules``), an indicator
    whose rule changed, or that was added, gains a row with the rule as officials read it,
    after its other rows."""
    found: list[tuple[str, ...]] = []
    for index, c in enumerate(changes):
        found.append((_word(c.section, lang), _word(c.kind, lang), c.id, c.facet or "",
                      c.old or "", c.new or ""))
        last = index + 1 == len(changes) or (changes[index + 1].section, changes[index + 1].id) \
            != (c.section, c.id)
        if worded is None or c.section != "indicator" or not last or c.kind == "removed":
            continue
        old, new = worded[0].get(c.id), worded[1].get(c.id)
        if new is not None and old != new:
            found.append((_word("indicator", lang), _word(c.kind, lang), c.id,
                          _word("rule", lang), old or "", new))
    return found


def headers(lang: str) -> tuple[str, ...]:
    return tuple(_word(column, lang) for column in ("section", "change", "id", "facet", "old",
                                                     "new"))
