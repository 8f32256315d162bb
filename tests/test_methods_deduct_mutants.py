"""``deduct`` as a user meets it beyond its points: the rule paths `perfscore test --coverage`
names and the mutants `perfscore test --mutate` makes of it (docs/design.md, "Mutation
testing": each test here kills a mutant of ``_methods/deduct.py`` the rest let through)."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

import perfscore
from perfscore._report.manual import rules
from perfscore._testing.aims import aims_of
from tests import test_authoring as authoring
from tests.conftest import run
from tests.mutants_support import leaf, mutants_of, paths_of, text_of, uncovered

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


def test_a_bare_step_keeps_its_space_before_the_chinese_that_follows() -> None:
    rule = leaf("value: a, score: {deduct: {above: 3, per: 1, points: 2}}")
    assert rules(rule, "zh")["x"] == "不高于 3 得满分 10 分；每超 1 扣 2 分，扣完为止"
    assert rule.score({"a": 4, "t": 1})["x"].explain() == (
        "X 4，高于 3 1，每 1 扣 2 分，共扣 2 分，得 8 分（满分 10 分）。")


def test_a_max_of_all_the_points_is_down_to_0() -> None:
    """``max`` equal to the indicator's points limits nothing: 扣完为止, as without it."""
    rule = leaf("value: a, score: {deduct: {above: 3, per: 1, points: 2, max: 10}}")
    assert rules(rule, "zh")["x"] == "不高于 3 得满分 10 分；每超 1 扣 2 分，扣完为止"
    x = rule.score({"a": 9, "t": 1})["x"]
    assert (str(x.points), x.explain(), x.explain("en")) == (
        "0.00", "X 9，高于 3 6，每 1 扣 2 分，共扣 10 分，扣完为止，得 0 分（满分 10 分）。",
        "X is 9, 6 above 3; 2 off per 1, which takes 10 off, down to 0: 0 of 10 points.")


EACH = ("value: a, score: {deduct: {max: 3, each: [{value: a, below: 0.25, per: 0.01, "
        "points: 0.1}, {value: t * 2, above: 2, per: 1, points: 1, steps: ceil}]}}")


def test_checkpoints_in_the_standard_and_a_value_that_is_no_input() -> None:
    """A checkpoint without ``name`` whose value is not an input is called by its value as
    written, in the sentence and in the 评分标准 (which worded no checkpoint before: it
    failed on ``each``)."""
    rule = leaf(EACH.replace("{value: a,", "{value: p,"),
                inputs="  p: {type: number, label: 进度}\n")
    assert rules(rule, "zh")["x"] == (
        "满分 10 分；进度低于 0.25 的，每低 0.01 扣 0.1 分；t * 2 高于 2 的，每超 1 扣 1 分，"
        "不足 1 按 1 计；合计最多扣 3 分")
    assert rules(rule, "en")["x"] == (
        "full 10 points; 进度 below 0.25: 0.1 points off for each 0.01 below it; t * 2 above 2: "
        "1 point off for each 1 above it, a part of 1 counting as a whole; at most 3 points off "
        "in all")
    x = rule.score({"a": 1, "p": "0.2", "t": "1.5"})["x"]
    assert (str(x.points), x.explain()) == (
        "8.50", "X：进度 0.2，低于 0.25 0.05，每 0.01 扣 0.1 分，共扣 0.5 分；"
        "t * 2 3，高于 2 1，每 1 扣 1 分，不足 1 按 1 计，共扣 1 分；合计扣 1.5 分，"
        "得 8.5 分（满分 10 分）。")
    unlimited = leaf(EACH.replace("max: 3, ", ""))
    assert rules(unlimited, "en")["x"].endswith("; down to 0 in all")


def test_checkpoint_mutants_edit_their_own_checkpoint_and_the_shared_max() -> None:
    assert mutants_of(EACH) == [
        ("each[0] below 0.25 → 0.24", ("each", 0, "below"), D("0.24")),
        ("each[0] below 0.25 → 0.26", ("each", 0, "below"), D("0.26")),
        ("each[0] per 0.01 → 0.02", ("each", 0, "per"), D("0.02")),
        ("each[0] points 0.1 → 0", ("each", 0, "points"), D("0")),
        ("each[0] steps exact → ceil", ("each", 0, "steps"), "ceil"),
        ("each[0] steps exact → floor", ("each", 0, "steps"), "floor"),
        ("each[1] above 2 → 1", ("each", 1, "above"), D(1)),
        ("each[1] above 2 → 3", ("each", 1, "above"), D(3)),
        ("each[1] per 1 → 2", ("each", 1, "per"), D(2)),
        ("each[1] points 1 → 0", ("each", 1, "points"), D(0)),
        ("each[1] steps ceil → exact", ("each", 1, "steps"), "exact"),
        ("each[1] steps ceil → floor", ("each", 1, "steps"), "floor"),
        ("max 3 → 2", ("max",), D(2)),
    ]


def test_the_shared_maximum_is_covered_only_when_reached(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert uncovered(capsys, tmp_path, EACH, ["a: 0.3, t: 0"]) == [
        "x: each[0] below 0.25 (deducted)", "x: each[1] above 2 (deducted)",
        "x: the deductions reach their maximum"]
    assert uncovered(capsys, tmp_path, EACH, ["a: 0.3, t: 0", "a: 0, t: 3"]) == []


BLOCK = """\
    settings: {total: 5}
    inputs:
      q1: {type: number}
      q2: {type: text}
    indicators:
      - id: x
        name: X
        points: 5
        score:
          deduct:
            each:
              - {value: %s, below: 1, per: 1, points: 1}
              - {value: %s, below: 1, per: 1, points: 1}
    """


@pytest.mark.parametrize(("values", "found"), [
    # each checkpoint's value is compiled and placed on its own, after one that fails too
    (('"q1 +"', '"q1 *"'),
     [(17, 22, "PS107", "`q1 +` is not a valid expression: it ends before it is complete"),
      (18, 22, "PS107", "`q1 *` is not a valid expression: it ends before it is complete")]),
    (("q1", "q2"),
     [(18, 21, "PS123", "`score: deduct` needs a number as `value`, but `q2` is text")]),
])
def test_a_checkpoints_value_is_checked_where_it_is_written(
        tmp_path: Path, values: tuple[str, str], found: list[tuple[int, int, str, str]]) -> None:
    body = textwrap.dedent(BLOCK) % values
    assert [(d[1], d[2], d[3], d[4]) for d in authoring.found(tmp_path, body)] == found


@pytest.mark.parametrize(("q1", "points", "side"), [
    (1, 5, "below 1 (deducted)"), (0, 3, "at or above 1 (nothing deducted)")])
def test_coverage_places_each_checkpoint_at_its_own_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, q1: int, points: int,
        side: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(authoring.HEAD + textwrap.dedent(BLOCK) % ("q1", "q1 * 2") + textwrap.dedent(
        f"""\
        cases:
          - {{name: a, input: {{q1: {q1}, q2: x}}, expect: {{items: {{x: {points}}}}}}}
        """), encoding="utf-8")
    code, out, err = run(capsys, "test", path, "--coverage")
    assert (code, err) == (0, "")
    assert [line for line in out.splitlines() if line.startswith("  not covered:")] == [
        f"  not covered: {path}:17: x: each[0] {side}",
        f"  not covered: {path}:18: x: each[1] {side}",
        f"  not covered: {path}:15: x: the deductions reach their maximum"]


def test_deductions_that_add_up_to_the_maximum_exactly_are_not_capped() -> None:
    """0.2 and 1 taken off, against a ``max`` of 1.2: nothing was cut, so no 最多扣."""
    x = leaf(EACH.replace("max: 3", "max: 1.2")).score({"a": "0.23", "t": "1.5"})["x"]
    assert (str(x.points), x.explain(), x.rule) == (
        "8.80", "X：a 0.23，低于 0.25 0.02，每 0.01 扣 0.1 分，共扣 0.2 分；"
        "t * 2 3，高于 2 1，每 1 扣 1 分，不足 1 按 1 计，共扣 1 分；合计扣 1.2 分，"
        "得 8.8 分（满分 10 分）。", "deduct")


def test_a_checkpoint_whose_value_is_no_number_when_scored_says_so() -> None:
    rule = ("score: {deduct: {each: [{value: 'a if b else s', above: 1, per: 1, "
            "points: 1}]}}")
    with pytest.raises(perfscore.EvaluationError) as caught:
        leaf(rule).score({"a": 1, "t": 1, "s": "q", "b": False})
    assert str(caught.value) == (
        "s.yaml:15: error: indicator 'x': value needs a number, got text 'q'")
