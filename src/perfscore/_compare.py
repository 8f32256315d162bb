"""Comparing two editions from Python: ``perfscore.diff`` and ``perfscore.impact``, what
``perfscore diff`` and ``perfscore impact`` print, on loaded schemes or their paths and ids, and
on records given as plain mappings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any

from ._batch.readers import Row
from ._report.diff import Change
from ._report.diff import diff as _diff
from ._report.impact import Summary, UnitImpact
from ._report.impact import impact as _impact
from ._scheme import Scheme, load

Edition = Scheme | str | os.PathLike[str]
"""A loaded scheme, or what ``perfscore.load`` takes: a path or an installed id."""


def _scheme(edition: Edition) -> Scheme:
    return edition if isinstance(edition, Scheme) else load(edition)


def diff(old: Edition, new: Edition) -> list[Change]:
    """Every difference between two editions, as ``perfscore diff`` lists them: each a
    ``Change`` with ``section``, ``kind`` (added, removed, changed), ``id``, ``facet``, ``old``
    and ``new``."""
    return _diff(_scheme(old), _scheme(new))


def impact(old: Edition, new: Edition, records: Iterable[Mapping[str, Any]], *,
           id_field: str | None = None) -> tuple[list[UnitImpact], Summary]:
    """Every record scored under both editions, largest change first, and the summary, as
    ``perfscore impact`` shows them. A field only one edition declares is left out for the
    other; one neither declares is refused by both, as ``score`` refuses it. ``id_field``
    names the field that identifies a unit (default: its position, from 1)."""
    before, after = _scheme(old), _scheme(new)
    # the id is a unit's name, not a field to score, unless an edition declares it
    keep = id_field is None or id_field in before.inputs or id_field in after.inputs
    rows = [Row(index, None if id_field is None or record.get(id_field) is None
                else str(record[id_field]),
                dict(record) if keep else {k: v for k, v in record.items() if k != id_field},
                index + 1)
            for index, record in enumerate(records)]
    return _impact(before, after, rows)
