"""``deduct`` as a user meets it beyond its points: the rule paths `perfscore test --coverage`
names and the mutants `perfscore test --mutate` makes of it (docs/design.md, "Mutation
testing": each test here kills a mutant of ``_methods/deduct.py`` the rest let through)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import perfscore
from perfscore._testing.aims import aims_of
from tests.mutants_support import leaf, mutants_of, paths_of, text_of

D = Decimal


@pytest.mark.parametrize(("rule", "within", "past"), [
    ("{deduct: {above: 3, per: 1, points: 2}}", "at or below 3", "above 3"),
    ("{deduct: {below: 0.95, per: 0.01, points: 1}}", "at or above 0.95", "below 0.95"),
])
def test_deduct_rule_paths_name_the_side(rule: str, within: str, past: str) -> None:
    assert paths_of(f"value: a, score: {rule}") == [
        ("deduct within", f"{within} (nothing deducted)"), ("deduct past", f"{past} (deducted)"),
        ("deduct capped", "deduction reaches its maximum")]


def test_checkpoint_rule_paths_name_each_checkpoint_its_side_and_threshold() -> None:
    """`perfscore test --coverage` names each checkpoint of `each:` by its place, the side it
    deducts on and its threshold, then the shared maximum."""
    rule = ("value: a, score: {deduct: {max: 3, each: [{value: a, below: 0.25, per: 0.01, "
            "points: 0.1}, {value: t, above: 2, per: 1, points: 1}]}}")
    assert paths_of(rule) == [
        ("deduct each[0] within", "each[0] at or above 0.25 (nothing deducted)"),
        ("deduct each[0] past", "each[0] below 0.25 (deducted)"),
        ("deduct each[1] within", "each[1] at or below 2 (nothing deducted)"),
        ("deduct each[1] past", "each[1] above 2 (deducted)"),
        ("deduct capped", "the deductions reach their maximum")]


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


ABOVE = "value: a, unit: 亿元, score: {deduct: {above: 3, per: 0.5, points: 2}}"
BELOW = "value: a, unit: percent, score: {deduct: {below: 0.95, per: 0.01, points: 1, max: 4}}"


@pytest.mark.parametrize(("rule", "a", "points", "zh", "en"), [
    (ABOVE, "4", "6.00",
     "X 4 亿元，高于 3 亿元 1 亿元，每 0.5 亿元扣 2 分，共扣 4 分，得 6 分（满分 10 分）。",
     "X is 4 亿元, 1 亿元 above 3 亿元; 2 off per 0.5 亿元, which takes 4 off: 6 of 10 points."),
    (ABOVE, "2", "10", "X 2 亿元，未超过 3 亿元，不扣分，得满分 10 分。",
     "X is 2 亿元, not above 3 亿元: full 10 points."),
    (ABOVE, "3", "10", "X 3 亿元，未超过 3 亿元，不扣分，得满分 10 分。",
     "X is 3 亿元, not above 3 亿元: full 10 points."),
    (ABOVE, "5.5", "0.00",  # takes exactly the 10 points: nothing left to say
     "X 5.5 亿元，高于 3 亿元 2.5 亿元，每 0.5 亿元扣 2 分，共扣 10 分，得 0 分（满分 10 分）。",
     "X is 5.5 亿元, 2.5 亿元 above 3 亿元; 2 off per 0.5 亿元, which takes 10 off: 0 of 10 "
     "points."),
    (ABOVE, "6", "0.00",  # 12 due, 10 to take
     "X 6 亿元，高于 3 亿元 3 亿元，每 0.5 亿元扣 2 分，共扣 10 分，扣完为止，"
     "得 0 分（满分 10 分）。",
     "X is 6 亿元, 3 亿元 above 3 亿元; 2 off per 0.5 亿元, which takes 10 off, down to 0: 0 of "
     "10 points."),
    (BELOW, "0.9", "6.00",  # 5 due, max 4
     "X 90%，低于 95% 5 个百分点，每 1 个百分点扣 1 分，共扣 4 分，最多扣 4 分，"
     "得 6 分（满分 10 分）。",
     "X is 90%, 5 percentage points below 95%; 1 off per 1 percentage point, which takes 4 "
     "off, at most 4 points off: 6 of 10 points."),
    (BELOW, "0.945", "9.50",
     "X 94.5%，低于 95% 0.5 个百分点，每 1 个百分点扣 1 分，共扣 0.5 分，得 9.5 分（满分 10 分）。",
     "X is 94.5%, 0.5 percentage points below 95%; 1 off per 1 percentage point, which takes "
     "0.5 off: 9.5 of 10 points."),
    (BELOW, "0.96", "10", "X 96%，不低于 95%，不扣分，得满分 10 分。",
     "X is 96%, not below 95%: full 10 points."),
])
def test_deduct_sentence_gives_distance_step_and_deduction_in_the_unit(
        rule: str, a: str, points: str, zh: str, en: str) -> None:
    x = leaf(rule).score({"a": a, "t": 1})["x"]
    assert (str(x.points), x.explain(), x.explain("en")) == (points, zh, en)


def test_two_deductions_each_say_their_own_threshold_step_and_points() -> None:
    """The threshold, the step and the points per step are rendered once per leaf (and the
    step once per language), and kept."""
    text = text_of(ABOVE).replace(
        "score: {formula: points}",
        "value: a, unit: percent, score: {deduct: {below: 5, per: 0.25, points: 0.5}}")
    result = perfscore.loads(text, file="s.yaml").score({"a": 4, "t": 1})
    x, y = result["x"], result["y"]
    assert (x.explain(), x.explain("en")) == (
        "X 4 亿元，高于 3 亿元 1 亿元，每 0.5 亿元扣 2 分，共扣 4 分，得 6 分（满分 10 分）。",
        "X is 4 亿元, 1 亿元 above 3 亿元; 2 off per 0.5 亿元, which takes 4 off: 6 of 10 points.")
    assert (y.explain(), y.explain("en")) == (
        "Y 400%，低于 500% 100 个百分点，每 25 个百分点扣 0.5 分，共扣 2 分，"
        "得 3 分（满分 5 分）。",
        "Y is 400%, 100 percentage points below 500%; 0.5 off per 25 percentage points, which "
        "takes 2 off: 3 of 5 points.")
    assert (str(x.points), str(y.points)) == ("6.00", "3.00")


def test_generated_records_aim_at_the_threshold_and_one_step_either_side() -> None:
    aims = aims_of(leaf("value: a, score: {deduct: {above: 3, per: 0.5, points: 2}}"))
    assert [(a.at, a.target) for a in aims if a.leaf == "x"] == [
        (D("2.5"), None), (D(3), None), (D("3.5"), None)]
