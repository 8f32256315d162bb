"""What every method shares (``_methods/base.py``) as a user meets it: the parameters ``diff``
compares one by one, lists and distances in a sentence, the check that a value is a choice
(docs/design.md, "Mutation testing": each test here kills a mutant of it
the rest let through)."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfscore._report.diff import diff
from perfscore._report.manual import rules
from tests import test_authoring as authoring
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


def test_a_value_of_unknown_kind_is_not_refused_as_not_a_choice(tmp_path: Path) -> None:
    # `q if a > 0 else 1` may be a level or a number: only scoring can tell
    inputs = "a: {type: number}\n  q: {type: choice, options: [好, 差]}"
    body = authoring.leaf("levels: {好: 1, 差: 0}", value="q if a > 0 else 1", inputs=inputs)
    assert authoring.found(tmp_path, body) == []
    rule = leaf("value: q if a > 0 else 1, score: {levels: {好: 1, 差: 0}}",
                "  q: {type: choice, options: [好, 差]}\n")
    x = rule.score({"a": 1, "t": 1, "q": "好"})["x"]
    assert (str(x.points), x.explain()) == ("10", "X评为「好」，按分值的 100% 计分，得满分 10 分。")


def test_a_distance_in_a_unit_ending_in_latin_letters_keeps_its_space() -> None:
    # 2 万t continues as a bare number would (再降低 2 万t 可达到), 2 个百分点 does not
    rule = leaf('value: a, unit: 万t, score: {tiers: [{if: "<= 2", points: 10}, {else: 5}]}')
    x = rule.score({"a": "4", "t": 1})["x"]
    assert x.explain() == ("X 4 万t，未达到以上各档，得 5 分（满分 10 分）。"
                           "再降低 2 万t 可达到 ≤2 万t 档，可多得 5 分。")
