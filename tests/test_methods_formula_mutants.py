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


@pytest.mark.parametrize(("a", "points", "raw"), [
    ("1.5", "6.38", "6.38"),  # 6.384
    ("3", "10", "12.77"),  # 12.768, kept within the 10 points
    ("-1", "0.00", "-4.26"),  # below 0: kept at 0
])
def test_formula_sentence_gives_what_it_computed(a: str, points: str, raw: str) -> None:
    x = leaf(RULE).score({"a": a, "t": 1})["x"]
    assert str(x.points) == points
    assert "按公式 `a * 4.256` 计算为 " + raw in x.explain()
    assert x.explain("en").startswith(f"X computes `a * 4.256` = {raw}: ")


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
