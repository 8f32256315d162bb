"""``linear`` as a user meets it beyond its points: the rule paths `perfscore test --coverage`
names and the mutants `perfscore test --mutate` makes of it (docs/design.md, "Mutation
testing": each test here kills a mutant of ``_methods/linear.py`` the rest let through)."""

from __future__ import annotations

from decimal import Decimal

import perfscore
from perfscore._report.diff import diff
from tests.mutants_support import leaf, mutants_of, paths_of, text_of

D = Decimal
RULE = "value: a, score: {linear: [[1, 0], [2.5, 5], [4, 10]]}"


def test_linear_rule_paths_are_its_segments() -> None:
    assert paths_of(RULE) == [
        ("linear[0]", "at or below the first breakpoint 1"), ("linear[1]", "between 1 and 2.5"),
        ("linear[2]", "between 2.5 and 4"), ("linear[3]", "above the last breakpoint 4")]


def test_linear_mutants_move_each_breakpoint_and_change_its_points() -> None:
    assert mutants_of(RULE) == [
        ("linear[0] 1 → 0", (0, 0), D(0)), ("linear[0] 1 → 2", (0, 0), D(2)),
        ("linear[0] points 0 → 1", (0, 1), D(1)),
        ("linear[1] 2.5 → 2.4", (1, 0), D("2.4")), ("linear[1] 2.5 → 2.6", (1, 0), D("2.6")),
        ("linear[1] points 5 → 4", (1, 1), D(4)),
        ("linear[2] 4 → 3", (2, 0), D(3)), ("linear[2] 4 → 5", (2, 0), D(5)),
        ("linear[2] points 10 → 9", (2, 1), D(9)),
    ]


def test_linear_sentence_lists_each_leafs_own_breakpoints_in_each_language() -> None:
    """The list of breakpoints is rendered once per leaf and language, and kept."""
    text = text_of("value: a, unit: 亿元, score: {linear: [[1, 0], [2.5, 10]]}").replace(
        "score: {formula: points}", "value: a, score: {linear: [[0, 0], [4, 5]]}")
    result = perfscore.loads(text, file="s.yaml").score({"a": 2, "t": 1})
    x, y = result["x"], result["y"]
    assert (x.explain(), x.explain("en")) == (
        "X 2 亿元，在 1 亿元（0 分）至 2.5 亿元（10 分）之间按比例计分，得 6.67 分（满分 10 分）。",
        "X is 2 亿元, in proportion over 1 亿元 (0 points) to 2.5 亿元 (10 points): 6.67 of 10 "
        "points.")
    assert (y.explain(), y.explain("en")) == (
        "Y 2，在 0（0 分）至 4（5 分）之间按比例计分，得 2.5 分（满分 5 分）。",
        "Y is 2, in proportion over 0 (0 points) to 4 (5 points): 2.5 of 5 points.")
    assert (str(x.points), str(y.points)) == ("6.67", "2.50")


def test_a_breakpoint_change_shows_in_diff() -> None:
    old = leaf("value: a, score: {linear: [[1, 0], [2.5, 5]]}")
    new = leaf("value: a, score: {linear: [[1, 0], [3, 5]]}")
    assert [(c.id, c.facet, c.old, c.new) for c in diff(old, new)] == [
        ("x", "linear", "[[1, 0], [2.5, 5]]", "[[1, 0], [3, 5]]")]
