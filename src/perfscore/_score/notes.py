"""What a record says beside its figures (SPEC §8.3): a 偏差原因 for an item (``reasons``), the
items it declares 不适用 and why (``not_applicable``), and what the unit reported
(``reported``, read by audit). They are record keys no input may take.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._common.errors import PerfscoreError, RecordError
from .._common.messages import closest, did_you_mean
from .._model.tree import Indicator


@dataclass(frozen=True, slots=True)
class Notes:
    """What a record says beside its figures (SPEC §8.3): a 偏差原因 for an item
    (``reasons``), the items it declares 不适用 with why (``not_applicable``, by leaf id), and
    whether it is scored for an audit (``lenient``: a row's mistake is a flag, not a
    rejection)."""

    reasons: Mapping[str, str] = field(default_factory=dict)
    not_applicable: Mapping[str, str] = field(default_factory=dict)
    lenient: bool = False
    ignored: tuple[str, ...] = ()
    """Inputs the record gave that only its 不适用 indicators read: left out, with a warning."""


NO_NOTES = Notes()




def split(record: Mapping[str, Any], keys: tuple[str, ...]
          ) -> tuple[Mapping[str, Any], dict[str, Any]]:
    """The record's inputs, and its reserved keys apart: ``keys``, the reserved keys that are
    not the scheme's inputs (a format 1.0 scheme may have an input of such a name: it stays
    an input)."""
    reserved = [key for key in keys if key in record]
    if not reserved:
        return record, {}
    return ({k: v for k, v in record.items() if k not in reserved},
            {k: record[k] for k in reserved})


def by_id_or_name(indicators: tuple[Indicator, ...]) -> dict[str, Indicator]:
    """Every indicator by id, and by name where the name is the indicator's alone: what a
    record's notes may name it by (a unit writes what it reads)."""
    every = [node for root in indicators for node in root.walk()]
    names = Counter(node.name for node in every)
    return {**{node.name: node for node in every if names[node.name] == 1},
            **{node.id: node for node in every}}


def read_notes(reserved: Mapping[str, Any], indicators: tuple[Indicator, ...], *,
               lenient: bool, file: str | None, lang: str) -> Notes:
    """The notes of one record; every unknown indicator id, text that is not text, and 不适用
    that the scheme forbids is a RecordError, all of them listed."""
    nodes = by_id_or_name(indicators)
    problems: list[PerfscoreError] = []
    found: dict[str, dict[str, str]] = {}
    for key in ("reasons", "not_applicable"):
        given = reserved.get(key) or {}
        texts: dict[str, str] = {}
        if not isinstance(given, Mapping) or not all(
                isinstance(v, str) and v.strip() for v in given.values()):
            problems.append(RecordError.of("PS332", {"key": key}, file=file, where=key,
                                           lang=lang))
            given = {}
        for name, text in given.items():
            node = nodes.get(str(name))
            if node is None:
                problems.append(RecordError.of(
                    "PS330", {"key": key, "id": str(name)}, file=file, where=f"{key}.{name}",
                    suggestion=did_you_mean(closest(str(name), nodes)), lang=lang))
            elif key == "not_applicable" and any(n.applicable == "always" for n in node.walk()):
                problems.append(RecordError.of("PS331", {"name": node.name}, file=file,
                                               where=f"{key}.{name}", lang=lang))
            else:
                texts[node.id] = text.strip()
                if key == "not_applicable":  # a branch: every item below it
                    texts.update(dict.fromkeys((n.id for n in node.walk()), text.strip()))
        found[key] = texts
    if problems:
        raise RecordError.collect(problems)
    return Notes(found["reasons"], found["not_applicable"], lenient)
