"""What every method shares (``_methods/base.py``) as a user meets it: the parameters ``diff``
compares one by one (docs/design.md, "Mutation testing": each test here kills a mutant of it
the rest let through)."""

from __future__ import annotations

import pytest

from perfscore._report.diff import diff
from tests.mutants_support import leaf


@pytest.mark.parametrize(("old", "new", "changes"), [
    ("value: a, target: t, score: {ratio: {cap: 0.9}}", "value: a, target: t, score: ratio",
     [("ratio.cap", "0.9", "1")]),  # the default written out
    ("value: a, score: {deduct: {above: 3, per: 1, points: 2}}",
     "value: a, score: {deduct: {above: 3, per: 0.5, points: 2, max: 6}}",
     [("deduct.per", "1", "0.5"), ("deduct.max", None, "6")]),  # None: not written
    ("value: a, target: t, score: equal",
     "value: a, target: t, score: {reverse: {variant: inverse}}",
     [("method", "equal", "reverse"), ("reverse.variant", None, "inverse")]),
])
def test_diff_compares_each_parameter(old: str, new: str,
                                      changes: list[tuple[str, str | None, str]]) -> None:
    assert [(c.facet, c.old, c.new) for c in diff(leaf(old), leaf(new))] == changes
