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
from tests import test_authoring as authoring
from tests.mutants_support import leaf, mutants_of, paths_of

D = Decimal
PERCENT = ('value: a, unit: percent, score: {tiers: [{if: ">= 0.9", points: 10}, '
           '{if: "[0.8, 0.9)", points: 6}, {if: "(0.5, 0.8)", points: 3}]}')
MIXED = ('value: a, score: {tiers: [{if: "<= 2", points: 10}, '
         '{if: "a > 2 and a < 4", points: 5}, {else: 1}]}')
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
])
def test_tiers_written_wrong_are_refused_at_load(tmp_path: Path, tiers: str,
                                                 found: list[tuple[int, int, str, str]]) -> None:
    diagnostics = authoring.found(tmp_path, authoring.leaf(f"tiers: {tiers}"))
    assert [(d[1], d[2], d[3], d[4]) for d in diagnostics] == found
