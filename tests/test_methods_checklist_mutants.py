"""``checklist`` as a user meets it beyond its points: the sentence in both languages, the rule
paths `perfscore test --coverage` names and takes, and the mutants `perfscore test --mutate`
makes of it (docs/design.md, "Mutation testing": each test here kills a mutant of
``_methods/checklist.py`` the rest let through)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfscore._methods import DROP
from perfscore._report.diff import diff
from perfscore._testing.coverage import coverage
from tests.mutants_support import leaf, mutants_of, paths_of, uncovered

D = Decimal
OVER = "score: {checklist: {b: 6, c: 6}}"  # both met: 12, capped at 10


@pytest.mark.parametrize(("b", "c", "points", "zh", "en"), [
    (True, True, "10", "X：共 2 项，满足 2 项（①制度健全；②档案完整），得满分 10 分。",
     "X meets 2 of 2 items (① 制度健全; ② 档案完整): full 10 points."),
    (True, False, "6.00",
     "X：共 2 项，满足 1 项（①制度健全），未满足 1 项（②档案完整），得 6 分（满分 10 分）。",
     "X meets 1 of 2 items (① 制度健全), and misses 1 (② 档案完整): 6 of 10 points."),
    (False, False, "0.00",
     "X：共 2 项，满足 0 项，未满足 2 项（①制度健全；②档案完整），得 0 分（满分 10 分）。",
     "X meets 0 of 2 items, and misses 2 (① 制度健全; ② 档案完整): 0 of 10 points."),
])
def test_checklist_sentence_names_the_items_by_label(b: bool, c: bool, points: str, zh: str,
                                                     en: str) -> None:
    x = leaf(OVER).score({"a": 1, "t": 1, "b": b, "c": c})["x"]
    assert (str(x.points), x.explain(), x.explain("en")) == (points, zh, en)


def test_checklist_rule_paths_add_capped_only_when_the_items_can_exceed_the_points() -> None:
    items = [("met b", "b met"), ("unmet b", "b not met"), ("met c", "c met"),
             ("unmet c", "c not met")]
    capped = ("checklist capped", "items met add up to more than the points (capped)")
    missing = ("not_assessed", "not assessed")  # b and c are optional
    assert paths_of(OVER) == [*items, capped, missing]
    assert paths_of("score: {checklist: {b: 4, c: 6}}") == [*items, missing]


@pytest.mark.parametrize(("records", "left"), [
    (["a: 1, t: 1, b: true, c: true"], ["b not met", "c not met"]),
    (["a: 1, t: 1, b: true, c: false"], ["b not met", "c met", "items met add up to more "
                                         "than the points (capped)"]),
])
def test_checklist_paths_taken(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                               records: list[str], left: list[str]) -> None:
    assert uncovered(capsys, tmp_path, OVER, records) == [
        *(f"x: {line}" for line in left), "x: not assessed"]


def test_checklist_mutants_change_and_drop_each_item() -> None:
    assert mutants_of(OVER) == [
        ("b: 6 → 5", ("b",), D(5)), ("c: 6 → 5", ("c",), D(5)),
        ("b dropped", ("b",), DROP), ("c dropped", ("c",), DROP)]
    assert mutants_of("score: {checklist: {b: 6}}") == [("b: 6 → 5", ("b",), D(5))]


def test_each_checklist_path_is_reported_at_its_item() -> None:
    """`perfscore test --coverage` points at the item's key, not its points."""
    rule = "score: {checklist: {\n      b:\n        6,\n      c: 4}}"
    assert [(p.key, p.location) for p in coverage(leaf(rule), []).paths] == [
        ("x met b", "s.yaml:16"), ("x unmet b", "s.yaml:16"), ("x met c", "s.yaml:18"),
        ("x unmet c", "s.yaml:18"), ("x not_assessed", "s.yaml:15"), ("y formula", "s.yaml:19")]


def test_an_item_change_shows_in_diff() -> None:
    old, new = leaf("score: {checklist: {b: 6, c: 4}}"), leaf("score: {checklist: {b: 5, c: 4}}")
    assert [(c.facet, c.old, c.new) for c in diff(old, new)] == [("checklist[b]", "6", "5")]


D_INPUT = "  d: {type: bool, required: false}\n"  # no label: the sentence names it by its name


def test_an_item_that_is_a_let_is_named_by_its_name() -> None:
    """Inputs are named by their label (or name); a let has no label."""
    rule = "score: {checklist: {m: 5, c: 5}}"  # m: b if a > 0 else 1
    for b, c, zh, en in [
        (True, False,
         "X：共 2 项，满足 1 项（①m），未满足 1 项（②档案完整），得 5 分（满分 10 分）。",
         "X meets 1 of 2 items (① m), and misses 1 (② 档案完整): 5 of 10 points."),
        (False, True,
         "X：共 2 项，满足 1 项（②档案完整），未满足 1 项（①m），得 5 分（满分 10 分）。",
         "X meets 1 of 2 items (② 档案完整), and misses 1 (① m): 5 of 10 points."),
    ]:
        x = leaf(rule).score({"a": 1, "t": 1, "b": b, "c": c})["x"]
        assert (x.explain(), x.explain("en")) == (zh, en)


def test_items_met_exactly_at_the_points_are_not_capped(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rule = "score: {checklist: {b: 6, c: 4, d: 3}}"  # 13 in all: capped is a path
    found = uncovered(capsys, tmp_path, rule, ["a: 1, t: 1, b: true, c: true, d: false"],
                      D_INPUT)
    assert found == ["x: b not met", "x: c not met", "x: d met",
                     "x: items met add up to more than the points (capped)", "x: not assessed"]
