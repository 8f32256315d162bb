"""``deduct`` as a user meets it beyond its points: the rule paths `perfscore test --coverage`
names and the mutants `perfscore test --mutate` makes of it (docs/design.md, "Mutation
testing": each test here kills a mutant of ``_methods/deduct.py`` the rest let through)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.mutants_support import mutants_of, paths_of

D = Decimal


@pytest.mark.parametrize(("rule", "within", "past"), [
    ("{deduct: {above: 3, per: 1, points: 2}}", "at or below 3", "above 3"),
    ("{deduct: {below: 0.95, per: 0.01, points: 1}}", "at or above 0.95", "below 0.95"),
])
def test_deduct_rule_paths_name_the_side(rule: str, within: str, past: str) -> None:
    assert paths_of(f"value: a, score: {rule}") == [
        ("deduct within", f"{within} (nothing deducted)"), ("deduct past", f"{past} (deducted)"),
        ("deduct capped", "deduction reaches its maximum")]


def test_deduct_mutants_move_the_threshold_per_points_max_and_steps() -> None:
    assert mutants_of("value: a, score: {deduct: {below: 3, per: 0.5, points: 2}}") == [
        ("below 3 → 2.5", ("below",), D("2.5")), ("below 3 → 3.5", ("below",), D("3.5")),
        ("per 0.5 → 0.6", ("per",), D("0.6")), ("points 2 → 1", ("points",), D(1)),
        ("max 10 → 9", ("max",), D(9)),  # no max: the indicator's points
        ("steps exact → ceil", ("steps",), "ceil"), ("steps exact → floor", ("steps",), "floor"),
    ]
    assert mutants_of(
        "value: a, score: {deduct: {above: 3, per: 1, points: 2, max: 6, steps: ceil}}") == [
        ("above 3 → 2", ("above",), D(2)), ("above 3 → 4", ("above",), D(4)),
        ("per 1 → 2", ("per",), D(2)), ("points 2 → 1", ("points",), D(1)),
        ("max 6 → 5", ("max",), D(5)),
        ("steps ceil → exact", ("steps",), "exact"), ("steps ceil → floor", ("steps",), "floor"),
    ]
