"""``bands`` as a user meets it beyond its points (docs/design.md, "Mutation testing": each
test here kills a mutant of ``_methods/bands.py`` the rest let through)."""

from __future__ import annotations

from pathlib import Path

import pytest

import perfscore
from perfscore._testing.coverage import coverage
from tests import test_authoring as authoring
from tests.mutants_support import leaf, text_of
from tests.test_method_bands import LEVELS, RECORD, scheme


@pytest.mark.parametrize(("pick", "points", "en"), [
    ("upper", "8.00", "a band of 6 to 8 points, the top of it: 8 of 10 points."),
    ("lower", "6.00", "a band of 6 to 8 points, the bottom of it: 6 of 10 points."),
])
def test_pick_upper_or_lower_says_which_end_in_english(pick: str, points: str,
                                                       en: str) -> None:
    item = scheme(RECORD.replace("score_from: s", f"pick: {pick}")).score({"q": LEVELS[1]})["x"]
    assert str(item.points) == points
    assert item.explain("en") == f"质量 is rated {LEVELS[1]!r}, {en}"


def test_each_band_path_is_reported_at_its_level() -> None:
    """`perfscore test --coverage` points at the level's key, not its band."""
    rule = RECORD.replace("达成年度指标: [0.8, 1]", "达成年度指标:\n    [0.8, 1]", 1)
    paths = coverage(scheme(rule), []).paths
    assert [(p.key, p.location) for p in paths] == [
        (f"x band {LEVELS[0]}", "<string>:16"), (f"x band {LEVELS[1]}", "<string>:18"),
        (f"x band {LEVELS[2]}", "<string>:19"), ("x not_assessed", "<string>:10")]
    assert [p.label for p in paths][:3] == [f"x: rated {level}" for level in LEVELS]


def test_a_pick_end_is_the_rule_the_result_names() -> None:
    for pick in ("upper", "lower"):
        item = scheme(RECORD.replace("score_from: s", f"pick: {pick}")).score({"q": LEVELS[0]})
        assert item["x"].rule == f"bands.{pick}"


def test_a_missing_score_is_refused_at_its_input() -> None:
    with pytest.raises(perfscore.RecordError) as caught:
        scheme(RECORD).score({"q": LEVELS[0]})
    assert (caught.value.code, caught.value.where) == ("PS311", "s")
    assert caught.value.message == "评为「达成年度指标」，须在「s」中填报 8 至 10 分之间的得分"


Q = "  q: {type: choice, options: [好, 中, 差]}\n"
BANDS = "value: q, score: {bands: {好: [0.8, 1], 中: [0.5, 0.8], 差: [0, 0]}, score_from: %s}"


def test_a_score_from_a_let_that_is_not_a_number_is_refused_by_its_name() -> None:
    with pytest.raises(perfscore.EvaluationError) as caught:
        leaf(BANDS % "m", Q).score({"a": 1, "t": 1, "q": "好", "b": True})
    assert str(caught.value) == (
        "s.yaml:16: error: indicator 'x': m needs a number, got a boolean")


def test_bands_on_a_one_point_indicator() -> None:
    text = text_of(BANDS % "a", Q).replace("points: 10", "points: 1")
    result = perfscore.loads(text, file="s.yaml").score({"a": "0.9", "t": 1, "q": "好"})
    assert str(result["x"].points) == "0.90"


def test_band_checks_at_load(tmp_path: Path) -> None:
    """Each band that is not a range of fractions is named (a single point is a range); a
    `score_from` that is not a number is refused at its key."""
    inputs = f"a: {{type: choice, options: {authoring.LEVELS}}}"
    bad = authoring.leaf("bands: {达成年度指标: [0.8, 1], 部分达成年度指标并具有一定效果: 很好, "
                         '未达成年度指标且效果较差: "[0.5, 0.2]"}\nscore_from: a', inputs=inputs)
    assert [(d[1], d[2], d[3], d[4].split("; ")[-1])
            for d in authoring.found(tmp_path, bad)] == [
        (15, 50, "PS226", "很好 is not"), (15, 68, "PS226", "[0.5, 0.2] is not")]
    point = authoring.leaf("bands: {达成年度指标: [0.8, 1], 部分达成年度指标并具有一定效果: "
                           "[0.5, 0.8], 未达成年度指标且效果较差: [0, 0]}\nscore_from: a",
                           inputs=inputs)
    assert authoring.found(tmp_path, point) == [
        ("error", 16, 19, "PS123", "`score_from: a` must name a number input, but it is a "
         "choice", None)]


def test_score_from_is_ignored_when_a_pick_end_scores() -> None:
    """`pick: upper` with `score_from` of an optional input: the input is never read, so the
    indicator is always assessed."""
    rule = RECORD.replace("score_from: s", "pick: upper\nscore_from: s")
    assert [p.key for p in coverage(scheme(rule), []).paths] == [
        f"x band {level}" for level in LEVELS]


def test_score_from_naming_nothing_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    body = authoring.leaf("bands: {达成年度指标: [0.8, 1]}\nscore_from: ss",
                          inputs="a: {type: choice, options: [达成年度指标]}\n"
                                 "  sss: {type: number}")
    assert authoring.found(tmp_path, body) == [
        ("error", 17, 19, "PS227", "`score_from: ss` names no input or let",
         "did you mean 'sss'?")]


def test_a_missing_score_from_is_the_only_error(tmp_path: Path) -> None:
    """Bands that cannot be built are not checked further (the value here is no choice)."""
    assert authoring.found(tmp_path, authoring.leaf("bands: {达成年度指标: [0.8, 1]}")) == [
        ("error", 15, 14, "PS227", "`pick: record` takes the evaluator's score from an input: "
         "name it with `score_from:` (or pick `upper` or `lower`)", None)]
