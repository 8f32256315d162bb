"""The value's line (``_methods/line.py``) as a user meets it: how a tier's interval is written
in the sentence and the 评分标准, and the gaps, overlaps and ranges `perfscore check` reports
(docs/design.md, "Mutation testing": each test here kills a mutant of it the rest let through)."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfscore._report.manual import rules
from tests import test_authoring as authoring
from tests.mutants_support import leaf


def test_an_interval_open_at_both_ends_is_written_with_infinities() -> None:
    rule = leaf('value: a, score: {tiers: [{if: "(-inf, inf)", points: 10}]}')
    x = rule.score({"a": "0.2", "t": 1})["x"]
    assert (x.explain(), x.explain("en")) == ("X 0.2，处于 (-∞, ∞) 档，得满分 10 分。",
                                              "X is 0.2, in the (-∞, ∞) tier: full 10 points.")
    assert rules(rule, "zh")["x"] == "(-∞, ∞) 得 10 分；其他不得分"
    closed = leaf('value: a, score: {tiers: [{if: "[-inf, inf]", points: 10}]}')
    assert rules(closed, "en")["x"] == "[-∞, ∞]: 10 points; otherwise 0 points"


def test_a_point_and_one_sided_tests_in_the_standard() -> None:
    # a bound written alone keeps its unit word, as the ends of a range do (=7 元, 7 元—9 元)
    rule = leaf('value: a, unit: 元, score: {tiers: [{if: "== 7", points: 10}, {else: 2}]}')
    assert rules(rule, "zh")["x"] == "=7 元得 10 分；其他得 2 分"
    percent = leaf('value: a, unit: percent, score: {tiers: [{if: "== 0.5", points: 10}, '
                   '{if: "> 0.9", points: 6}, {if: "<= 0.2", points: 4}]}')
    assert rules(percent, "en")["x"] == (
        "=50%: 10 points; >90%: 6 points; ≤20%: 4 points; otherwise 0 points")


@pytest.mark.parametrize(("a", "points", "zh"), [
    ("0.95", "10", "X 95%，处于 ≥90% 档，得满分 10 分。"),
    ("0.2", "2.00", "X 20%，处于 ≤20% 档，得 2 分（满分 10 分）。"
                    "再提高 70 个百分点可达到 ≥90% 档，可多得 8 分。"),  # ≤ holds its bound
])
def test_tests_written_with_the_signs_of_a_published_table(a: str, points: str,
                                                           zh: str) -> None:
    rule = leaf('value: a, unit: percent, score: {tiers: [{if: "≥ 0.9", points: 10}, '
                '{if: "≤ 0.2", points: 2}]}')
    x = rule.score({"a": a, "t": 1})["x"]
    assert (str(x.points), x.explain()) == (points, zh)


def test_an_overlap_across_two_adjacent_tiers_is_named_whole(tmp_path: Path) -> None:
    # [0, 1) and [1, 2) are one covered stretch [0, 2): the overlap is not cut at 1
    body = authoring.tiers('{if: "[0, 1)", points: 10}', '{if: "[1, 2)", points: 6}',
                           '{if: "[0.5, 2.5)", points: 3}', "{else: 0}")
    assert authoring.found(tmp_path, body) == [
        ("error", 18, 16, "PS220",
         "tiers[0] `[0, 1)` and tiers[2] `[0.5, 2.5)` overlap on [0.5, 2)", None)]


def test_an_upper_end_written_plus_inf_is_no_end() -> None:
    rule = leaf('value: a, unit: percent, score: {tiers: [{if: "[0.9, +inf)", points: 10}, '
                '{else: 4}]}')
    assert rules(rule, "zh")["x"] == "≥90% 得 10 分；其他得 4 分"
    x = rule.score({"a": "0.95", "t": 1})["x"]
    assert (str(x.points), x.explain()) == ("10", "X 95%，处于 ≥90% 档，得满分 10 分。")
