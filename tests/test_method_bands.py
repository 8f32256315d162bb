"""``bands`` (定性, SPEC §8.2): boundary tests at, just below and just above each band edge,
each ``pick``, the record's score refused outside its band, and the load-time checks."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest

import perfscore
from perfscore._report.diff import diff
from perfscore._testing.coverage import coverage

LEVELS = ("达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差")


def scheme(score: str, *, locale: str = "zh-CN") -> perfscore.Scheme:
    top, middle, low = LEVELS
    return perfscore.loads(textwrap.dedent(f"""\
        perfscore: 1
        id: test.bands
        edition: "2024"
        title: t
        locale: {locale}
        inputs:
          q: {{type: choice, options: [{top}, {middle}, {low}]}}
          s: {{type: number, min: 0, required: false}}
        indicators:
          - id: x
            name: 质量
            points: 10
            value: q
            score:
        """) + textwrap.indent(textwrap.dedent(score), " " * 6) + "grades: []\n"
        "settings: {total: 10}\n")


RECORD = """\
bands:
  达成年度指标: [0.8, 1]
  部分达成年度指标并具有一定效果: "[0.6, 0.8)"
  未达成年度指标且效果较差: "[0, 0.6)"
score_from: s
"""


@pytest.mark.parametrize(("level", "given", "points"), [
    (LEVELS[0], "8", "8"), (LEVELS[0], "10", "10"), (LEVELS[0], "9.5", "9.5"),
    (LEVELS[1], "6", "6"), (LEVELS[1], "7.99", "7.99"),
    (LEVELS[2], "0", "0"), (LEVELS[2], "5.99", "5.99"),
])
def test_a_score_inside_its_band_is_the_points(level: str, given: str, points: str) -> None:
    item = scheme(RECORD).score({"q": level, "s": Decimal(given)})["x"]
    assert (item.points, item.rule) == (Decimal(points), "bands")


@pytest.mark.parametrize(("level", "given", "low", "high"), [
    (LEVELS[0], "7.99", "8", "10"), (LEVELS[0], "10.01", "8", "10"),
    (LEVELS[1], "5.99", "6", "8"), (LEVELS[1], "8", "6", "8"),
    (LEVELS[2], "6", "0", "6"),
])
def test_a_score_outside_its_band_rejects_the_record_with_both_numbers(
        level: str, given: str, low: str, high: str) -> None:
    with pytest.raises(perfscore.RecordError) as caught:
        scheme(RECORD).score({"q": level, "s": Decimal(given)}, file="unit.yaml")
    assert caught.value.message == (f"评为「{level}」的得分应在 {low} 至 {high} 分之间，"
                                    f"填报 {given} 分")
    assert (caught.value.code, caught.value.file, caught.value.where) == ("PS310", "unit.yaml",
                                                                          "s")


def test_a_missing_score_rejects_the_record_in_the_language_asked_for() -> None:
    with pytest.raises(perfscore.RecordError) as caught:
        scheme(RECORD).score({"q": LEVELS[1]}, lang="en")
    assert caught.value.message == (f"rated {LEVELS[1]!r}, a score between 6 and 8 points is "
                                    "needed in 's'")


@pytest.mark.parametrize(("pick", "level", "points", "tail"), [
    ("upper", LEVELS[0], "10", "，按该档上限计"), ("upper", LEVELS[1], "8.00", "，按该档上限计"),
    ("lower", LEVELS[1], "6.00", "，按该档下限计"), ("lower", LEVELS[2], "0.00", "，按该档下限计"),
])
def test_pick_upper_or_lower_takes_the_end_of_the_band(pick: str, level: str, points: str,
                                                      tail: str) -> None:
    score = RECORD.replace("score_from: s", f"pick: {pick}")
    item = scheme(score).score({"q": level})["x"]
    assert str(item.points) == points
    assert item.explain("zh").startswith(f"质量评为「{level}」，该档为 ")
    assert tail in item.explain("zh")


def test_the_explanation_gives_the_band_in_points() -> None:
    item = scheme(RECORD).score({"q": LEVELS[1], "s": 7})["x"]
    assert item.explain("zh") == (f"质量评为「{LEVELS[1]}」，该档为 6 至 8 分，"
                                  "得 7 分（满分 10 分）。")
    assert item.explain("en") == (f"质量 is rated {LEVELS[1]!r}, a band of 6 to 8 points: "
                                  "7 of 10 points.")


@pytest.mark.parametrize(("score", "code", "message"), [
    (RECORD.replace('"[0.6, 0.8)"', '"[0.6, 1.2)"'), "PS226",
     "band '部分达成年度指标并具有一定效果' must be a range of fractions of the points, such as "
     "\"[0.6, 0.8)\" or [0.8, 1]; [0.6, 1.2) is not"),
    (RECORD.replace('"[0, 0.6)"', '">= 0.2"'), "PS226",
     "band '未达成年度指标且效果较差' must be a range of fractions of the points, such as "
     "\"[0.6, 0.8)\" or [0.8, 1]; >= 0.2 is not"),
    (RECORD.replace("score_from: s\n", ""), "PS227",
     "`pick: record` takes the evaluator's score from an input: name it with `score_from:` "
     "(or pick `upper` or `lower`)"),
    (RECORD.replace("score_from: s", "score_from: ss"), "PS227",
     "`score_from: ss` names no input or let"),
    (RECORD.replace("  达成年度指标: [0.8, 1]\n", ""), "PS124",
     "`bands` gives no band for 达成年度指标 (options of 'q')"),
    ("ratio: {}\npick: upper\n", "PS012", "`pick` goes with `bands`, not `ratio`"),
])
def test_bands_are_checked_when_the_scheme_loads(score: str, code: str, message: str) -> None:
    with pytest.raises(perfscore.SchemeError) as caught:
        scheme(score, locale="en")
    assert (caught.value.code, caught.value.message) == (code, message)


def test_a_band_change_shows_in_diff_and_each_band_is_a_rule_path() -> None:
    old = scheme(RECORD)
    new = scheme(RECORD.replace('"[0.6, 0.8)"', '"[0.5, 0.8)"').replace("score_from: s",
                                                                      "pick: upper"))
    changed = {(c.facet, c.old, c.new) for c in diff(old, new)}
    assert changed == {(f"bands[{LEVELS[1]}]", "[0.6, 0.8)", "[0.5, 0.8)"),
                       ("pick", None, "upper"), ("score_from", "s", None)}
    paths = [path.key for path in coverage(old, []).paths]
    assert paths[:3] == [f"x band {level}" for level in LEVELS]
