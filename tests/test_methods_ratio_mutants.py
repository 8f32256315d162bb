"""``ratio`` as a user meets it beyond its points: the rule paths `perfscore test --coverage`
names, and the mutant `perfscore test --mutate` makes of it (docs/design.md, "Mutation
testing": each test here kills a mutant of ``_methods/ratio.py`` the rest let through)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfscore._testing.coverage import coverage
from tests.test_exact_scores import scheme

D = Decimal


@pytest.mark.parametrize(
    ("rule", "below", "at"),
    [
        ("ratio", "x: below target", "x: at or above target"),
        ("{ratio: {cap: 1}}", "x: below target", "x: at or above target"),
        ("{ratio: {cap: 0.9}}", "x: below 0.9 × target", "x: at or above 0.9 × target"),
        ("{ratio: {cap: 1.2}}", "x: below 1.2 × target", "x: at or above 1.2 × target"),
    ],
)
def test_ratio_rule_paths_name_the_cap(rule: str, below: str, at: str) -> None:
    paths = coverage(scheme(f"value: a, target: t, score: {rule}"), []).paths
    assert [(p.key, p.label) for p in paths if p.key.startswith("x ")] == [
        ("x below", below), ("x at", at), ("x not_assessed", "x: not assessed")]


@pytest.mark.parametrize(("rule", "label", "lower"), [
    ("ratio", "x: cap 1 → 0.9", D("0.9")),
    ("{ratio: {cap: 0.9}}", "x: cap 0.9 → 0.81", D("0.81")),
])
def test_ratio_mutant_lowers_the_cap(rule: str, label: str, lower: Decimal) -> None:
    [mutant] = scheme(f"value: a, target: t, score: {rule}").mutants()
    assert (mutant.label, mutant.edits) == (
        label, ((("indicators", 0, "score", "ratio", "cap"), lower),))
