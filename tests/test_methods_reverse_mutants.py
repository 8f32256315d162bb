"""``reverse`` as a user meets it beyond its points: the English sentence within the target,
the rule paths `perfscore test --coverage` names and takes, where generated records aim, and the
mutant `perfscore test --mutate` makes of it (docs/design.md, "Mutation testing": each test
here kills a mutant of ``_methods/reverse.py`` the rest let through)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfscore._testing.aims import aims_of
from perfscore._testing.coverage import coverage
from tests.test_exact_scores import coverage_lines, item, scheme

D = Decimal
LINEAR = "value: a, target: t, score: reverse"
INVERSE = "value: a, target: t, score: {reverse: {variant: inverse}}"


def test_reverse_within_the_target_in_english() -> None:
    x = item(LINEAR, a="1.5", t="2")
    assert x.explain("en") == "X is 1.5, within the target of 2: full 10 points."
    assert x.explain() == "X 1.5，不高于年度指标值 2，得满分 10 分。"


@pytest.mark.parametrize(("rule", "zero"), [(LINEAR, True), (INVERSE, False)])
def test_reverse_rule_paths(rule: str, zero: bool) -> None:
    paths = [(p.key, p.label) for p in coverage(scheme(rule), []).paths]
    assert paths[:-1] == [
        ("x reverse met", "x: at or below target"), ("x reverse above", "x: above target"),
        *([("x reverse zero", "x: at or above twice the target (0 points)")] if zero else []),
        ("x zero met", "x: target 0, value at or below 0"),
        ("x zero missed", "x: target 0, value above 0"),
        ("x not_assessed", "x: not assessed")]


UNCOVERED = {"met": "x: at or below target", "above": "x: above target",
             "zero": "x: at or above twice the target (0 points)"}
ALWAYS = ["x: target 0, value at or below 0", "x: target 0, value above 0", "x: not assessed"]


@pytest.mark.parametrize(
    ("rule", "values", "uncovered"),
    [
        (LINEAR, ["0.5"], ["above", "zero"]),
        (LINEAR, ["1"], ["above", "zero"]),  # at the target: met
        (LINEAR, ["1.5"], ["met", "zero"]),  # 5 points: above, not zero
        (LINEAR, ["1.9"], ["met", "zero"]),  # 1 point left
        (LINEAR, ["2"], ["met"]),  # twice the target: 0 points
        (INVERSE, ["3"], ["met"]),  # 3.33 points: never zero
        (INVERSE, ["1"], ["above"]),
    ],
)
def test_reverse_paths_taken(capsys: pytest.CaptureFixture[str], tmp_path: Path, rule: str,
                             values: list[str], uncovered: list[str]) -> None:
    assert coverage_lines(capsys, tmp_path, rule, values) == (
        [UNCOVERED[k] for k in uncovered] + ALWAYS)


@pytest.mark.parametrize(("rule", "relative"), [(LINEAR, [D(1), D(2)]), (INVERSE, [D(1)])])
def test_reverse_generated_records_aim_at_the_target_and_linear_at_twice_it(
        rule: str, relative: list[Decimal]) -> None:
    aims = [(a.at, a.target is not None) for a in aims_of(scheme(rule)) if a.leaf == "x"]
    assert aims == [(D(0), False), *((at, True) for at in relative)]


@pytest.mark.parametrize(("rule", "label", "other"), [
    (LINEAR, "x: variant linear → inverse", "inverse"),
    (INVERSE, "x: variant inverse → linear", "linear"),
])
def test_reverse_mutant_switches_the_variant(rule: str, label: str, other: str) -> None:
    [mutant] = scheme(rule).mutants()
    assert (mutant.label, mutant.edits) == (
        label, ((("indicators", 0, "score", "reverse", "variant"), other),))
