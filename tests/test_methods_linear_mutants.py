"""``linear`` as a user meets it beyond its points: the rule paths `perfscore test --coverage`
names and the mutants `perfscore test --mutate` makes of it (docs/design.md, "Mutation
testing": each test here kills a mutant of ``_methods/linear.py`` the rest let through)."""

from __future__ import annotations

from decimal import Decimal

from tests.mutants_support import mutants_of, paths_of

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
