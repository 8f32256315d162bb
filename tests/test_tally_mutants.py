"""What each leaf adds to a record's total, as ``_score/tally.py`` counts it (docs/design.md,
"Mutation testing": each test here kills a mutant of it the rest let through)."""

from __future__ import annotations

from decimal import Decimal

import perfscore

HEAD = """\
perfscore: PERFSCORE
id: test.tally
edition: 2024
title: t
inputs:
  a: {type: number}
  b: {type: number, required: false}
  c: {type: number, required: false}
"""


def test_a_bonus_not_assessed_after_a_bonus_scored_keeps_the_first() -> None:
    """Under ``missing: zero`` a bonus left out counts 0 — added to the bonus points before
    it, not put in their place."""
    scheme = perfscore.loads(HEAD.replace("PERFSCORE", "1") + """\
indicators:
  - {id: base, name: 基础, points: 100, value: a, target: 1, score: ratio}
  - {id: plus, name: 加分, kind: bonus, points: 5, value: a, score: {formula: "5"}}
  - {id: more, name: 再加分, kind: bonus, points: 3, value: b, missing: zero,
     score: {formula: "3"}}
""", file="s.yaml")
    result = scheme.score({"a": 0.8})
    assert [(i.id, i.points, i.status) for i in result.walk()] == [
        ("base", Decimal("80.00"), "scored"), ("plus", Decimal("5.00"), "scored"),
        ("more", Decimal(0), "not_assessed")]
    assert result.total == Decimal("85.00")


def test_every_leaf_declared_not_applicable_leaves_the_full_score() -> None:
    """Two 不适用 leaves of 30 points each leave 40 of 100 that apply: 28 assessed points are
    70% of those, enough for a grade (``min_assessed``); one leaf's 30 alone would leave 70,
    and the grade withheld."""
    scheme = perfscore.loads(HEAD.replace("PERFSCORE", "1.1") + """\
settings: {min_assessed: 0.7}
indicators:
  - {id: one, name: 甲, points: 30, value: b, target: 1, score: ratio}
  - {id: two, name: 乙, points: 30, value: c, target: 1, score: ratio}
  - {id: three, name: 丙, points: 28, value: a, target: 1, score: ratio}
  - {id: four, name: 丁, points: 12, value: b, target: 1, score: ratio}
grades:
  - {min: 60, label: 合格}
  - {min: 0, label: 不合格}
""", file="s.yaml")
    result = scheme.score({"a": 1, "not_applicable": {"one": "项目未实施", "two": "项目未实施"}})
    assert "min_assessed" not in [w.code for w in result.warnings]
    assert (result.total, result.grade) == (Decimal("100.00"), "合格")


def test_a_review_flag_without_a_reason_is_warned_at_its_leaf() -> None:
    """A 1.1 scheme asks a 偏差原因 of a leaf that reaches its review ratio; the warning
    names the leaf (its ``id`` in JSON), not the record."""
    scheme = perfscore.loads(HEAD.replace("PERFSCORE", "1.1") + """\
indicators:
  - {id: over, name: 超额, points: 100, value: a, target: 1, score: ratio,
     review: {over_target: 1.2}}
""", file="s.yaml")
    warning = next(w for w in scheme.score({"a": 1.5}).warnings if w.code == "no_reason_review")
    assert (warning.id, warning.to_dict("zh")["id"]) == ("over", "over")
