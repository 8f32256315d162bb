"""``levels`` as a user meets it beyond its points: the rule paths `perfscore test --coverage`
names, the sentence in both languages, and the mutants `perfscore test --mutate` makes of it
(docs/design.md, "Mutation testing": each test here kills a mutant of ``_methods/levels.py``
the rest let through)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfscore._report.diff import diff
from perfscore._report.manual import rules
from perfscore._testing.coverage import coverage
from tests import test_authoring as authoring
from tests.mutants_support import leaf, mutants_of, paths_of

D = Decimal
Q = "  q: {type: choice, options: [好, 中, 差]}\n"
RULE = "value: q, score: {levels: {好: 1, 中: 0.6, 差: 0}}"


def test_levels_rule_paths_are_its_levels() -> None:
    assert paths_of(RULE, Q) == [("level 好", "level 好"), ("level 中", "level 中"),
                                 ("level 差", "level 差")]


def test_levels_sentence_gives_the_share() -> None:
    x = leaf(RULE, Q).score({"a": 1, "t": 1, "q": "中"})["x"]
    assert str(x.points) == "6.00"
    assert x.explain() == "X评为「中」，按分值的 60% 计分，得 6 分（满分 10 分）。"
    assert x.explain("en") == "X is rated '中', worth 60%: 6 of 10 points."


def test_the_standard_gives_a_levels_points_to_the_cent() -> None:
    """评为「中」得 3.33 分 for a third of 10 points: the points each level gives, as the
    评分标准 prints them, to two places."""
    rule = "value: q, score: {levels: {好: 1, 中: 0.3333, 差: 0}}"
    assert rules(leaf(rule, Q), "zh")["x"] == (
        "评为「好」得 10 分；评为「中」得 3.33 分；评为「差」得 0 分")


def test_levels_mutants_change_each_fraction_and_swap_neighbours() -> None:
    assert mutants_of(RULE, Q) == [
        ("好: 1 → 0", ("好",), D(0)), ("中: 0.6 → 0.5", ("中",), D("0.5")),
        ("差: 0 → 1", ("差",), D(1)),
        ("好 and 中 swap their fractions (1 ↔ 0.6)", ("好",), D("0.6")),
        ("好 and 中 swap their fractions (1 ↔ 0.6)", ("中",), D(1)),
        ("中 and 差 swap their fractions (0.6 ↔ 0)", ("中",), D(0)),
        ("中 and 差 swap their fractions (0.6 ↔ 0)", ("差",), D("0.6")),
    ]
    # levels worth the same are not swapped: the swap would change nothing
    same = mutants_of("value: q, score: {levels: {好: 1, 中: 0.6, 差: 0.6}}", Q)
    assert [label for label, _, _ in same if "swap" in label] == [
        "好 and 中 swap their fractions (1 ↔ 0.6)"] * 2


def test_each_levels_path_is_reported_at_its_level() -> None:
    """`perfscore test --coverage` points at the level's key, not its fraction."""
    rule = ("value: q, score: {levels: {\n      好:\n        1,\n      中:\n        0.6,\n"
            "      差: 0}}")
    assert [(p.key, p.location) for p in coverage(leaf(rule, Q), []).paths] == [
        ("x level 好", "s.yaml:17"), ("x level 中", "s.yaml:19"), ("x level 差", "s.yaml:21"),
        ("y formula", "s.yaml:22")]


def test_a_fraction_change_shows_in_diff() -> None:
    new = leaf(RULE.replace("中: 0.6", "中: 0.5"), Q)
    assert [(c.facet, c.old, c.new) for c in diff(leaf(RULE, Q), new)] == [
        ("levels[中]", "0.6", "0.5")]


@pytest.mark.parametrize(("score", "what"), [
    ("levels: {达成年度指标: 1}", "得分比例"),
    ("bands: {达成年度指标: [0.8, 1]}\npick: upper", "得分区间"),
])
def test_a_missing_option_is_named_in_chinese(tmp_path: Path, score: str, what: str) -> None:
    body = authoring.leaf(score, inputs=f"a: {{type: choice, options: {authoring.LEVELS}}}")
    [(severity, code, message)] = [
        (d[0], d[3], d[4]) for d in authoring.found(tmp_path, body, head=authoring.ZH_HEAD)]
    assert (severity, code) == ("error", "PS124")
    assert "部分达成年度指标并具有一定效果、未达成年度指标且效果较差" in message
    assert f"的{what}" in message and "「a」" in message
