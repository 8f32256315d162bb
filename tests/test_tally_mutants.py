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


def test_only_a_base_leaf_that_lost_points_asks_for_a_reason() -> None:
    """A 1.1 scheme asks a 偏差原因 of a base leaf below its maximum; a penalty that took
    points and a bonus short of its maximum lost nothing of the base score, and are not
    asked."""
    scheme = perfscore.loads(HEAD.replace("PERFSCORE", "1.1") + """\
indicators:
  - {id: base, name: 基础, points: 100, value: a, target: 1, score: ratio}
  - {id: minus, name: 扣分, kind: penalty, points: 5, value: b, score: {formula: "2"}}
  - {id: plus, name: 加分, kind: bonus, points: 5, value: c, score: {formula: "1"}}
""", file="s.yaml")
    result = scheme.score({"a": 0.9, "b": 1, "c": 1})
    assert [(i.id, i.points, i.lost) for i in result.walk()] == [
        ("base", Decimal("90.00"), Decimal("10.00")), ("minus", Decimal("-2.00"),
                                                        Decimal("2.00")),
        ("plus", Decimal("1.00"), Decimal(0))]
    assert [(w.id, w.code) for w in result.warnings] == [("base", "no_reason")]


def test_the_totals_warnings_come_after_the_leaves() -> None:
    """A leaf not assessed is warned where it stands; rescaling the total, which it causes,
    after it — whether or not the record has warnings of its own (an input given for an
    indicator declared 不适用)."""
    scheme = perfscore.loads(HEAD.replace("PERFSCORE", "1") + """\
indicators:
  - {id: one, name: 甲, points: 50, value: a, target: 1, score: ratio}
  - {id: two, name: 乙, points: 30, value: b, target: 1, score: ratio}
  - {id: three, name: 丙, points: 20, value: c, target: 1, score: ratio}
grades: [{min: 0, label: x}]
""", file="s.yaml")
    plain = scheme.score({"a": 1, "c": 1})
    assert [(w.id, w.code) for w in plain.warnings] == [("two", "not_assessed"),
                                                         (None, "rescaled")]
    noted = scheme.score({"a": 1, "c": 1, "not_applicable": {"three": "未实施"}})
    assert [(w.id, w.code) for w in noted.warnings] == [
        (None, "ignored"), ("two", "not_assessed"), ("three", "not_applicable"),
        (None, "rescaled")]
