"""``formula`` as a user meets it beyond its points: the sentence with the computed number in
both languages, and its one rule path (docs/design.md, "Mutation testing": each test here
kills a mutant of ``_methods/formula.py`` the rest let through)."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfscore._report.diff import diff
from tests import test_authoring as authoring
from tests.mutants_support import leaf, paths_of, uncovered

RULE = 'score: {formula: "a * 4.256"}'


@pytest.mark.parametrize(("a", "points", "zh", "en"), [
    ("1.5", "6.38", "X按评分公式计算为 6.38，得 6.38 分（满分 10 分）。",  # 6.384
     "X computes to 6.38 by the scheme's formula: 6.38 of 10 points."),
    ("3", "10", "X按评分公式计算为 12.77，得满分 10 分。",  # 12.768, kept within the 10 points
     "X computes to 12.77 by the scheme's formula: full 10 points."),
    ("-1", "0.00", "X按评分公式计算为 -4.26，得 0 分（满分 10 分）。",  # below 0: kept at 0
     "X computes to -4.26 by the scheme's formula: 0 of 10 points."),
])
def test_formula_sentence_gives_what_it_computed(a: str, points: str, zh: str, en: str) -> None:
    x = leaf(RULE).score({"a": a, "t": 1})["x"]
    assert (str(x.points), x.explain(), x.explain("en")) == (points, zh, en)


def test_formula_has_one_rule_path() -> None:
    assert paths_of(RULE) == [("formula", "formula computed")]


def test_a_formula_that_is_not_a_number_is_refused_at_load(tmp_path: Path) -> None:
    assert authoring.found(tmp_path, authoring.leaf('formula: "a > 1"')) == [
        ("error", 15, 16, "PS123", "`score: formula` needs a number as `formula`, but `a > 1` "
         "is true/false", None)]


def test_a_formula_case_covers_its_path(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    assert uncovered(capsys, tmp_path, RULE, ["a: 1, t: 1"]) == []


def test_a_formula_change_shows_in_diff() -> None:
    old, new = leaf('score: {formula: "a * 2"}'), leaf('score: {formula: "a * 3"}')
    assert [(c.facet, c.old, c.new) for c in diff(old, new)] == [("formula", "a * 2", "a * 3")]
