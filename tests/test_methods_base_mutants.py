"""What every method shares (``_methods/base.py``) as a user meets it: the parameters ``diff``
compares one by one (docs/design.md, "Mutation testing": each test here kills a mutant of it
the rest let through)."""

from __future__ import annotations

import pytest

from perfscore._report.diff import diff
from perfscore._report.manual import rules
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


def test_a_list_in_a_sentence_is_joined_as_each_language_writes_it() -> None:
    rule = leaf("value: a, unit: percent, score: {linear: [[0.1, 0], [0.3, 4], [0.5, 10]]}")
    assert rules(rule, "en")["x"] == (
        "in proportion over 10% (0 points) to 30% (4 points), 30% (4 points) to 50% (10 points); "
        "0 points at or below 10%, 10 points at or above 50%")
    assert rules(rule, "zh")["x"] == (
        "在 10%（0 分）至 30%（4 分）、30%（4 分）至 50%（10 分）之间按比例计分；"
        "10% 及以下得 0 分，50% 及以上得 10 分")
