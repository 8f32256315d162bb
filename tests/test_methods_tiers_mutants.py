"""``tiers`` as a user meets it beyond its points: the sentence and its hint in both languages
(the numbers, the unit, the direction, whether the bound itself is enough), the rule paths
`perfscore test --coverage` names, and the mutants `perfscore test --mutate` makes of it
(docs/design.md, "Mutation testing": each test here kills a mutant of ``_methods/tiers.py``
the rest let through). Sentences are checked whole, in both languages."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfscore._methods import DROP
from perfscore._report.diff import diff
from perfscore._report.manual import rules
from tests import test_authoring as authoring
from tests.mutants_support import leaf, mutants_of, paths_of, uncovered

D = Decimal
PERCENT = ('value: a, unit: percent, score: {tiers: [{if: ">= 0.9", points: 10}, '
           '{if: "[0.8, 0.9)", points: 6}, {if: "(0.5, 0.8)", points: 3}]}')
MIXED = ('value: a, score: {tiers: [{if: "<= 2", points: 10}, '
         '{if: "a > 2 and a < 4", points: 5}, {else: 1}]}')
PERCENT_INPUT = "a: {type: percent, min: 0, max: 1}"
DOWN = 'value: a, score: {tiers: [{if: "<= 2", points: 10}, {if: "< 4", points: 5}]}'


def said(rule: str, a: str) -> tuple[str, str, str]:
    x = leaf(rule).score({"a": a, "t": 1})["x"]
    return str(x.points), x.explain(), x.explain("en")


@pytest.mark.parametrize(("rule", "a", "points", "zh", "en"), [
    (PERCENT, "0.95", "10", "X 95%，处于 ≥90% 档，得满分 10 分。",
     "X is 95%, in the ≥90% tier: full 10 points."),
    (PERCENT, "0.85", "6.00",
     "X 85%，处于 80%（含）—90% 档，得 6 分（满分 10 分）。"
     "再提高 5 个百分点可达到 ≥90% 档，可多得 4 分。",
     "X is 85%, in the 80% (inclusive) to 90% tier: 6 of 10 points. Raising it by 5 percentage "
     "points would reach the ≥90% tier (+4)."),
    # (0.5, 0.8) does not hold 50%: the nearest tier is just above it, "or more"
    (PERCENT, "0.5", "0.00",
     "X 50%，未处于任何档次，得 0 分（满分 10 分）。"
     "再提高 0.01 个百分点以上可达到 50%—80% 档，可多得 3 分。",
     "X is 50%, in no tier: 0 of 10 points. Raising it by 0.01 percentage points or more would "
     "reach the 50% to 80% tier (+3)."),
    (PERCENT, "0.3", "0.00",
     "X 30%，未处于任何档次，得 0 分（满分 10 分）。"
     "再提高 20 个百分点以上可达到 50%—80% 档，可多得 3 分。",
     "X is 30%, in no tier: 0 of 10 points. Raising it by 20 percentage points or more would "
     "reach the 50% to 80% tier (+3)."),
    (MIXED, "1", "10", "X 1，处于 ≤2 档，得满分 10 分。",
     "X is 1, in the ≤2 tier: full 10 points."),
    (MIXED, "3", "5.00",
     "X 3，满足第 2 档的条件，得 5 分（满分 10 分）。再降低 1 可达到 ≤2 档，可多得 5 分。",
     "X is 3, meeting the condition of tier 2: 5 of 10 points. Lowering it by 1 would reach the "
     "≤2 tier (+5)."),
    (MIXED, "5", "1.00",
     "X 5，未达到以上各档，得 1 分（满分 10 分）。再降低 3 可达到 ≤2 档，可多得 9 分。",
     "X is 5, below every listed tier: 1 of 10 points. Lowering it by 3 would reach the ≤2 tier "
     "(+9)."),
    (DOWN, "4", "0.00",
     "X 4，未处于任何档次，得 0 分（满分 10 分）。再降低 0.01 以上可达到 <4 档，可多得 5 分。",
     "X is 4, in no tier: 0 of 10 points. Lowering it by 0.01 or more would reach the <4 tier "
     "(+5)."),
    (DOWN, "2", "10", "X 2，处于 ≤2 档，得满分 10 分。",
     "X is 2, in the ≤2 tier: full 10 points."),
])
def test_tiers_sentence_and_hint(rule: str, a: str, points: str, zh: str, en: str) -> None:
    got, zh_text, en_text = said(rule, a)
    assert (got, en_text) == (points, en)
    assert zh_text == zh


def test_a_hint_says_or_more_only_past_an_open_bound() -> None:
    _, zh, en = said(DOWN, "5")  # < 4 is open at 4: lowering by 1 is not enough
    hint = zh.split("。")[1]
    assert "再降低 1" in hint and "以上" in hint and "by 1 or more" in en
    _, zh, en = said(MIXED, "5")  # <= 2 is closed at 2: lowering by 3 reaches it
    hint = zh.split("。")[1]
    assert "再降低 3" in hint and "以上" not in hint and "or more" not in en


def test_no_hint_when_no_tier_gives_more() -> None:
    _, zh, en = said(PERCENT, "0.95")
    assert zh == "X 95%，处于 ≥90% 档，得满分 10 分。"
    assert en == "X is 95%, in the ≥90% tier: full 10 points."


def test_tiers_rule_paths_name_each_test_and_no_match() -> None:
    assert paths_of(PERCENT) == [
        ("tiers[0]", "tier 0 (if >= 0.9)"), ("tiers[1]", "tier 1 (if [0.8, 0.9))"),
        ("tiers[2]", "tier 2 (if (0.5, 0.8))"), ("tiers none", "no tier matches (0 points)")]
    assert paths_of(MIXED) == [
        ("tiers[0]", "tier 0 (if <= 2)"), ("tiers[1]", "tier 1 (if a > 2 and a < 4)"),
        ("tiers[2]", "tier 2 (else)")]


def test_tiers_mutants() -> None:
    rule = ('value: a, score: {tiers: [{if: ">= 0.9", points: 10}, {if: "[0.8, 0.9)", '
            'points: 6}, {else: 2}]}')
    assert mutants_of(rule) == [
        ("tiers[0] >= 0.9 → >= 0.8", (0, "if"), ">= 0.8"),
        ("tiers[0] >= 0.9 → >= 1", (0, "if"), ">= 1"),
        ("tiers[0] >= 0.9 → > 0.9", (0, "if"), "> 0.9"),
        ("tiers[1] [0.8, 0.9) → [0.7, 0.9)", (1, "if"), "[0.7, 0.9)"),
        ("tiers[1] [0.8, 0.9) → (0.8, 0.9)", (1, "if"), "(0.8, 0.9)"),
        ("tiers[1] [0.8, 0.9) → [0.8, 1)", (1, "if"), "[0.8, 1)"),
        ("tiers[1] [0.8, 0.9) → [0.8, 0.9]", (1, "if"), "[0.8, 0.9]"),
        ("tiers[0] and tiers[1] swap their points (10 ↔ 6)", (0, "points"), D(6)),
        ("tiers[0] and tiers[1] swap their points (10 ↔ 6)", (1, "points"), D(10)),
        ("tiers[1] and tiers[2] swap their points (6 ↔ 2)", (1, "points"), D(2)),
        ("tiers[1] and tiers[2] swap their points (6 ↔ 2)", (2, "else"), D(6)),
        ("tiers[0] points 10 → 9", (0, "points"), D(9)),
        ("tiers[1] points 6 → 5", (1, "points"), D(5)),
        ("tiers[2] points 2 → 1", (2, "else"), D(1)),
        ("tiers[2] else dropped", (2,), DROP),
    ]


@pytest.mark.parametrize(("a", "far"), [
    ("0.89", "1 percentage point "),  # one point: singular
    ("0.88", "2 percentage points"),
    ("0.8999", "0.01 percentage points"),
])
def test_a_distance_in_percentage_points(a: str, far: str) -> None:
    rule = 'value: a, unit: percent, score: {tiers: [{if: ">= 0.9", points: 10}, {else: 6}]}'
    _, zh, en = said(rule, a)
    assert f"再提高 {far.split(' ')[0]} 个百分点" in zh
    assert f"Raising it by {far}" in en


@pytest.mark.parametrize(("tiers", "found"), [
    ('[{if: ">= 1", points: 10}, {else: 2}, {if: "< 1", points: 1}]',
     [(15, 41, "PS217", "`else` must be the last tier")]),
    ('[{else: 3}, {else: 2}]', [(15, 15, "PS217", "`else` must be the last tier")]),
    ('[{if: ">= 1"}]', [(15, 15, "PS012", "a tier needs `if` and `points` (or is `{else: n}`)")]),
    ('[{points: 1}]', [(15, 15, "PS012", "a tier needs `if` and `points` (or is `{else: n}`)")]),
    ('[{else: 2, points: 3}]', [(15, 15, "PS012", "an `else` tier has no `if` or `points`")]),
    ('[{else: 2, if: ">= 1"}]', [(15, 15, "PS012", "an `else` tier has no `if` or `points`")]),
    # the tiers after a misplaced `else` are still built and checked
    ('[{else: 2}, {if: ">= 1", points: 12}]',
     [(15, 15, "PS217", "`else` must be the last tier"),
      (15, 47, "PS224", "tiers[1] gives 12 points, more than the indicator's 10")]),
    ('[{else: 2}, {if: ">= 1", points: 5}, {if: ">= 2", points: 6}]',
     [(15, 15, "PS217", "`else` must be the last tier"),
      (15, 56, "PS222", "tiers[2] `>= 2` can never match: earlier tiers cover it (tiers[1])")]),
    ('[{else: 2}, {if: "a +", points: 1}]',
     [(15, 15, "PS217", "`else` must be the last tier"),
      (15, 32, "PS107", "`a +` is not a valid expression: it ends before it is complete")]),
    # a test that does not compile leaves no tiers to check (not an `else` of 12 points)
    ('[{if: "a +", points: 12}]',
     [(15, 21, "PS107", "`a +` is not a valid expression: it ends before it is complete")]),
])
def test_tiers_written_wrong_are_refused_at_load(tmp_path: Path, tiers: str,
                                                 found: list[tuple[int, int, str, str]]) -> None:
    diagnostics = authoring.found(tmp_path, authoring.leaf(f"tiers: {tiers}"))
    assert [(d[1], d[2], d[3], d[4]) for d in diagnostics] == found


def test_mutants_of_each_way_a_test_is_written() -> None:
    # `<=`/`<` move and flip their upper end, `== x` moves as a point, a bound moved past the
    # other end is left out ([5, 5.1) has no `[6, 5.1)`; (0.5, 0.6] no `(0.6, 0.6]`), and each
    # bound moves a step of its own precision (5 by 1, 5.1 by 0.1)
    rule = ('value: a, score: {tiers: [{if: "<= 2", points: 10}, {if: "< 3.5", points: 6}, '
            '{if: "[5, 5.1)", points: 4}, {if: "== 7", points: 3}, {if: "(7.5, 8.5]", points: 2}]}')
    moved = [m for m in mutants_of(rule) if m[1][1:] == ("if",)]
    assert moved == [
        ("tiers[0] <= 2 → <= 1", (0, "if"), "<= 1"),
        ("tiers[0] <= 2 → <= 3", (0, "if"), "<= 3"),
        ("tiers[0] <= 2 → < 2", (0, "if"), "< 2"),
        ("tiers[1] < 3.5 → < 3.4", (1, "if"), "< 3.4"),
        ("tiers[1] < 3.5 → < 3.6", (1, "if"), "< 3.6"),
        ("tiers[1] < 3.5 → <= 3.5", (1, "if"), "<= 3.5"),
        ("tiers[2] [5, 5.1) → [4, 5.1)", (2, "if"), "[4, 5.1)"),
        ("tiers[2] [5, 5.1) → (5, 5.1)", (2, "if"), "(5, 5.1)"),
        ("tiers[2] [5, 5.1) → [5, 5.2)", (2, "if"), "[5, 5.2)"),
        ("tiers[2] [5, 5.1) → [5, 5.1]", (2, "if"), "[5, 5.1]"),
        ("tiers[3] == 7 → == 6", (3, "if"), "== 6"),
        ("tiers[3] == 7 → == 8", (3, "if"), "== 8"),
        ("tiers[4] (7.5, 8.5] → (7.4, 8.5]", (4, "if"), "(7.4, 8.5]"),
        ("tiers[4] (7.5, 8.5] → (7.6, 8.5]", (4, "if"), "(7.6, 8.5]"),
        ("tiers[4] (7.5, 8.5] → [7.5, 8.5]", (4, "if"), "[7.5, 8.5]"),
        ("tiers[4] (7.5, 8.5] → (7.5, 8.4]", (4, "if"), "(7.5, 8.4]"),
        ("tiers[4] (7.5, 8.5] → (7.5, 8.6]", (4, "if"), "(7.5, 8.6]"),
        ("tiers[4] (7.5, 8.5] → (7.5, 8.5)", (4, "if"), "(7.5, 8.5)"),
    ]
    adjacent = ('value: a, score: {tiers: [{if: "(0.5, 0.6]", points: 10}, '
                '{if: "(0.6, 0.7]", points: 10}]}')
    assert mutants_of(adjacent) == [
        ("tiers[0] (0.5, 0.6] → (0.4, 0.6]", (0, "if"), "(0.4, 0.6]"),
        ("tiers[0] (0.5, 0.6] → [0.5, 0.6]", (0, "if"), "[0.5, 0.6]"),
        ("tiers[0] (0.5, 0.6] → (0.5, 0.7]", (0, "if"), "(0.5, 0.7]"),
        ("tiers[0] (0.5, 0.6] → (0.5, 0.6)", (0, "if"), "(0.5, 0.6)"),
        ("tiers[1] (0.6, 0.7] → (0.5, 0.7]", (1, "if"), "(0.5, 0.7]"),
        ("tiers[1] (0.6, 0.7] → [0.6, 0.7]", (1, "if"), "[0.6, 0.7]"),
        ("tiers[1] (0.6, 0.7] → (0.6, 0.8]", (1, "if"), "(0.6, 0.8]"),
        ("tiers[1] (0.6, 0.7] → (0.6, 0.7)", (1, "if"), "(0.6, 0.7)"),
        # equal points are not swapped
        ("tiers[0] points 10 → 9", (0, "points"), D(9)),
        ("tiers[1] points 10 → 9", (1, "points"), D(9)),
    ]


def test_a_lone_else_tier_is_not_dropped() -> None:
    # dropping the only tier would leave `tiers: []`, which does not load
    assert mutants_of("value: a, score: {tiers: [{else: 5}]}") == [
        ("tiers[0] points 5 → 4", (0, "else"), D(4))]


def test_a_record_matching_no_tier_covers_that_path(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    rule = 'value: a, score: {tiers: [{if: ">= 5", points: 10}, {if: "[2, 5)", points: 6}]}'
    assert uncovered(capsys, tmp_path, rule, ["a: 1, t: 0"]) == [
        "x: tier 0 (if >= 5)", "x: tier 1 (if [2, 5))"]
    assert uncovered(capsys, tmp_path, rule, ["a: 5, t: 0"]) == [
        "x: tier 1 (if [2, 5))", "x: no tier matches (0 points)"]


def test_an_else_tier_changed_shows_in_diff() -> None:
    old = 'value: a, score: {tiers: [{if: ">= 5", points: 10}, {else: 2}]}'
    new = 'value: a, score: {tiers: [{if: ">= 5", points: 10}, {else: 3}]}'
    assert [(c.facet, c.old, c.new) for c in diff(leaf(old), leaf(new))] == [
        ("tiers[1]", "else → 2", "else → 3")]


def test_the_standard_keeps_a_unit_word_apart_from_what_follows() -> None:
    # a test ending in a unit word (元) is followed directly by 得, as one ending in（含）is;
    # a one-sided test keeps its unit, as a range does
    rule = ('value: a, unit: 元, score: {tiers: [{if: ">= 90", points: 10}, '
            '{if: "(80, 90)", points: 6}, {if: "[70, 80]", points: 3}, {if: "< 70", points: 1}]}')
    assert rules(leaf(rule), "zh")["x"] == (
        "≥90 元得 10 分；80 元—90 元得 6 分；70 元（含）—80 元（含）得 3 分；<70 元得 1 分；"
        "其他不得分")


def test_a_tier_named_in_an_explanation_runs_on_into_the_words_after_a_unit_word() -> None:
    """处于 ≥8 元档 and 为 7 元的档次, as the standard writes ≥8 元得; a number or a percent
    keeps its space (处于 ≥95% 档, 为 0 的档次)."""
    rule = ('value: a, unit: 元, score: {tiers: [{if: "== 7", points: 10}, '
            '{if: "[3, 7)", points: 5}, {if: ">= 8", points: 2}]}')
    scheme = leaf(rule)
    assert [scheme.score({"a": a, "t": 1})["x"].explain("zh") for a in (7, 4, 9)] == [
        "X 7 元，处于为 7 元的档次，得满分 10 分。",
        "X 4 元，处于 3 元（含）—7 元档，得 5 分（满分 10 分）。再提高 3 元可达到为 7 元的档次，"
        "可多得 5 分。",
        "X 9 元，处于 ≥8 元档，得 2 分（满分 10 分）。再降低 2 元可达到为 7 元的档次，"
        "可多得 8 分。"]


HINTS = {
    # a tier giving the same points is no gain: the hint names the one above
    "same": 'value: a, score: {tiers: [{if: ">= 8", points: 10}, {if: "[6, 8)", points: 6}, '
            '{if: "[2, 3)", points: 6}]}',
    # a first tier giving no more, or tested by an expression, does not end the search
    "less first": 'value: a, score: {tiers: [{if: "< 2", points: 2}, {if: ">= 5", points: 10}]}',
    "expression first": 'value: a, score: {tiers: [{if: "a > 100", points: 10}, '
                        '{if: ">= 5", points: 6}]}',
    # as far below one tier as above another: the first listed is named
    "tie": 'value: a, score: {tiers: [{if: "<= 2", points: 10}, {if: ">= 6", points: 8}]}',
    # the value lies in [2.5, 8.5] (on either closed end) but an earlier tier took it: no
    # distance to that tier, the next one is named
    "taken": 'value: a, score: {tiers: [{if: "a < 3 or a > 8", points: 2}, '
             '{if: "[2.5, 8.5]", points: 6}, {if: ">= 20", points: 10}]}',
}


@pytest.mark.parametrize(("rule", "a", "zh", "en"), [
    ("same", "2.5",
     "X 2.5，处于 2（含）—3 档，得 6 分（满分 10 分）。再提高 5.5 可达到 ≥8 档，可多得 4 分。",
     "X is 2.5, in the 2 (inclusive) to 3 tier: 6 of 10 points. Raising it by 5.5 would reach "
     "the ≥8 tier (+4)."),
    ("less first", "1",
     "X 1，处于 <2 档，得 2 分（满分 10 分）。再提高 4 可达到 ≥5 档，可多得 8 分。",
     "X is 1, in the <2 tier: 2 of 10 points. Raising it by 4 would reach the ≥5 tier (+8)."),
    ("expression first", "3",
     "X 3，未处于任何档次，得 0 分（满分 10 分）。再提高 2 可达到 ≥5 档，可多得 6 分。",
     "X is 3, in no tier: 0 of 10 points. Raising it by 2 would reach the ≥5 tier (+6)."),
    ("tie", "4",
     "X 4，未处于任何档次，得 0 分（满分 10 分）。再降低 2 可达到 ≤2 档，可多得 10 分。",
     "X is 4, in no tier: 0 of 10 points. Lowering it by 2 would reach the ≤2 tier (+10)."),
    ("taken", "2.5",
     "X 2.5，满足第 1 档的条件，得 2 分（满分 10 分）。再提高 17.5 可达到 ≥20 档，可多得 8 分。",
     "X is 2.5, meeting the condition of tier 1: 2 of 10 points. Raising it by 17.5 would "
     "reach the ≥20 tier (+8)."),
    ("taken", "8.5",
     "X 8.5，满足第 1 档的条件，得 2 分（满分 10 分）。再提高 11.5 可达到 ≥20 档，可多得 8 分。",
     "X is 8.5, meeting the condition of tier 1: 2 of 10 points. Raising it by 11.5 would "
     "reach the ≥20 tier (+8)."),
])
def test_the_hint_names_the_nearest_tier_that_gives_more(rule: str, a: str, zh: str,
                                                         en: str) -> None:
    _, zh_text, en_text = said(HINTS[rule], a)
    assert (zh_text, en_text) == (zh, en)


def test_a_bonus_has_no_hint() -> None:
    rule = ('kind: bonus, value: a, score: {tiers: [{if: ">= 8", points: 10}, '
            '{if: "[6, 8)", points: 6}]}')
    _, zh, en = said(rule, "6")
    assert (zh, en) == ("X 6，处于 6（含）—8 档，加 6 分（最多加 10 分）。",
                        "X is 6, in the 6 (inclusive) to 8 tier: adds 6 (at most 10).")


@pytest.mark.parametrize("lines", [
    ('{if: ">= 0.8", points: 6}', '{if: "[0.5, 0.8)", points: 6}', "{else: 0}"),  # 0, 6, 6
    ('{if: "<= 0.5", points: 6}', '{if: "(0.5, 0.8)", points: 6}', "{else: 0}"),  # 6, 6, 0
])
def test_points_level_between_neighbours_are_still_monotone(tmp_path: Path,
                                                           lines: tuple[str, ...]) -> None:
    body = authoring.tiers(*lines, inputs=PERCENT_INPUT)
    assert authoring.found(tmp_path, body) == []


def test_points_that_rise_and_fall_in_chinese(tmp_path: Path) -> None:
    body = authoring.tiers('{if: ">= 0.9", points: 6}', '{if: "[0.5, 0.9)", points: 10}',
                           "{else: 0}", inputs=PERCENT_INPUT)
    assert authoring.found(tmp_path, body, head=authoring.ZH_HEAD) == [
        ("warning", 16, 9, "PS223",
         "得分不随取值单调变化：[0, 0.5) → 0；[0.5, 0.9) → 10；[0.9, 1] → 6", None)]


@pytest.mark.parametrize(("lines", "found"), [
    # a threshold then a range reaching past it is no staircase: the overlap is a mistake
    (('{if: ">= 0.9", points: 10}', '{if: "[0.8, 0.95)", points: 6}', "{else: 0}"),
     [("error", 17, 16, "PS220",
       "tiers[0] `>= 0.9` and tiers[1] `[0.8, 0.95)` overlap on [0.9, 0.95)", None)]),
    (('{if: "<= 0.1", points: 10}', '{if: "(0.05, 0.2]", points: 6}', "{else: 0}"),
     [("error", 17, 16, "PS220",
       "tiers[0] `<= 0.1` and tiers[1] `(0.05, 0.2]` overlap on (0.05, 0.1]", None)]),
    # an empty tier does not stop the check of the tiers after it
    (('{if: "[0.9, 0.8)", points: 10}', '{if: "(0.5, 0.5]", points: 6}'),
     [("error", 16, 16, "PS222", "tiers[0] `[0.9, 0.8)` is empty: no value can match it", None),
      ("error", 17, 16, "PS222", "tiers[1] `(0.5, 0.5]` is empty: no value can match it",
       None)]),
])
def test_tiers_laid_on_the_value_line(tmp_path: Path, lines: tuple[str, ...],
                                      found: list[authoring.Found]) -> None:
    assert authoring.found(tmp_path, authoring.tiers(*lines, inputs=PERCENT_INPUT)) == found


def test_interval_tests_need_a_number(tmp_path: Path) -> None:
    body = authoring.tiers('{if: ">= 0.9", points: 10}', "{else: 0}", inputs="a: {type: text}")
    assert authoring.found(tmp_path, body) == [
        ("error", 13, 12, "PS123", "`score: tiers` needs a number as `value`, but `a` is text",
         None)]
