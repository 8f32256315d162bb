"""What ``ratio``, ``reverse`` and ``equal`` share (``_methods/targeted.py``) as a user meets
it: a constant target that loads, the rule paths a constant target leaves, and the paths a
record with a target of 0 takes (docs/design.md, "Mutation testing": each test here kills a
mutant the rest let through)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfscore._testing.aims import aims_of
from perfscore._testing.coverage import coverage
from tests.mutants_support import paths_of, uncovered
from tests.test_exact_scores import item, scheme

D = Decimal


@pytest.mark.parametrize(("rule", "a", "points", "zh", "en"), [
    ("reverse", "3", "5.00", "X 3，高于年度指标值 2，超出 50%，得 5 分（满分 10 分）。",
     "X is 3, above the target of 2 by 50%: 5 of 10 points."),
    ("equal", "1", "5.00", "X 1，年度指标值 2，完成率 50%，得 5 分（满分 10 分）。",
     "X is 1 against a target of 2 (50% of it): 5 of 10 points."),
    ("ratio", "2", "10", "X 2，达到年度指标值 2，得满分 10 分。",
     "X is 2, meeting the target of 2: full 10 points."),
])
def test_a_constant_target_above_zero_loads_and_scores(rule: str, a: str, points: str,
                                                       zh: str, en: str) -> None:
    x = item(f"value: a, target: 2, score: {rule}", a=a)
    assert (str(x.points), x.explain(), x.explain("en")) == (points, zh, en)


@pytest.mark.parametrize(("rule", "paths"), [
    ("value: a, target: 2, score: reverse",
     ["x reverse met", "x reverse above", "x reverse zero"]),
    ("value: a, target: 0, score: reverse", ["x zero met", "x zero missed"]),
    ("value: a, target: 0, score: equal", ["x zero met", "x zero missed"]),
    ("value: a, target: 0.5, score: equal", ["x below", "x at"]),
    ("value: a, target: 1, score: equal", ["x below", "x at"]),
    ("value: a, target: 1, score: ratio", ["x below", "x at"]),
    ("value: a, target: 0.5, score: ratio", ["x below", "x at"]),
    # a target from the record may be 0 (or not above 0): every path, and not assessed
    ("value: a, target: t, score: equal",
     ["x below", "x at", "x zero met", "x zero missed", "x not_assessed"]),
    ("value: a, target: t, score: ratio", ["x below", "x at", "x not_assessed"]),
])
def test_a_constant_target_leaves_only_the_paths_it_can_take(rule: str,
                                                             paths: list[str]) -> None:
    keys = [p.key for p in coverage(scheme(rule), []).paths]
    assert keys == [*paths, "y formula"]


@pytest.mark.parametrize(("records", "left"), [
    (["a: 0, t: 0"], ["x: target 0, value above 0"]),
    (["a: -1, t: 0"], ["x: target 0, value above 0"]),
    (["a: 2, t: 0"], ["x: target 0, value at or below 0"]),
    (["a: 0, t: 0", "a: 0.01, t: 0"], []),
])
def test_a_record_target_of_zero_takes_the_zero_paths(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, records: list[str],
        left: list[str]) -> None:
    found = uncovered(capsys, tmp_path, "value: a, target: t, score: reverse", records)
    assert found == ["x: at or below target", "x: above target",
                     "x: at or above twice the target (0 points)", *left, "x: not assessed"]


@pytest.mark.parametrize(("rule", "aims"), [
    ("ratio", [(D(1), True)]),  # a target above 0: nothing changes at a value of 0
    ("{ratio: {cap: 0.9}}", [(D("0.9"), True), (D(1), True)]),
    ("equal", [(D(0), False), (D(1), True)]),  # a target of 0: a value at or below 0 or not
])
def test_generated_records_aim_at_the_target_its_cap_and_zero(
        rule: str, aims: list[tuple[Decimal, bool]]) -> None:
    found = aims_of(scheme(f"value: a, target: t, score: {rule}"))
    assert [(a.at, a.target is not None) for a in found if a.leaf == "x"] == aims


def test_equal_rule_paths() -> None:
    assert paths_of("value: a, target: t, score: equal") == [
        ("below", "below target"), ("at", "at or above target"),
        ("zero met", "target 0, value at or below 0"), ("zero missed", "target 0, value above 0"),
        ("not_assessed", "not assessed")]


@pytest.mark.parametrize(("a", "t", "points", "zh", "en"), [
    ("0.5", "2", "2.50", "X 0.5 亿元，年度指标值 2 亿元，完成率 25%，得 2.5 分（满分 10 分）。",
     "X is 0.5 亿元 against a target of 2 亿元 (25% of it): 2.5 of 10 points."),
    ("3", "2", "10", "X 3 亿元，达到年度指标值 2 亿元，得满分 10 分。",
     "X is 3 亿元, meeting the target of 2 亿元: full 10 points."),
    ("0", "0", "10", "X 0 亿元，年度指标值为 0，实际完成值不高于 0，得满分 10 分。",
     "X is 0 亿元 against a target of 0: full 10 points."),
    ("1", "0", "0.00", "X 1 亿元，年度指标值为 0，实际完成值高于 0，得 0 分（满分 10 分）。",
     "X is 1 亿元 against a target of 0: 0 of 10 points."),
])
def test_equal_sentences(a: str, t: str, points: str, zh: str, en: str) -> None:
    x = item("value: a, target: t, unit: 亿元, score: equal", a=a, t=t)
    assert (str(x.points), x.explain(), x.explain("en")) == (points, zh, en)


@pytest.mark.parametrize(("records", "left"), [
    (["a: 1, t: 1"], ["below target"]),  # exactly the target: at it
    (["a: 3, t: 2"], ["below target"]),
    (["a: 0.5, t: 1"], ["at or above target"]),
])
def test_equal_paths_taken(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                           records: list[str], left: list[str]) -> None:
    found = uncovered(capsys, tmp_path, "value: a, target: t, score: equal", records)
    assert found == [*(f"x: {line}" for line in left), "x: target 0, value at or below 0",
                     "x: target 0, value above 0", "x: not assessed"]
