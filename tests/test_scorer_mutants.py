"""What ``_score/scorer.py`` hands out beside scores (docs/design.md, "Mutation testing": each
test here kills a mutant of it the rest let through)."""

from __future__ import annotations

import pytest

import perfscore
from perfscore._score.scorer import expressions, method_expressions
from tests.test_exact_scores import SCHEME


def test_every_expression_of_a_scheme_is_listed_in_order() -> None:
    """``expressions`` is what benchmarks/bench_scoring.py times: lets, checks, each leaf's
    value and target, then the expressions methods evaluate (tier tests, formulas)."""
    text = SCHEME % {
        "x": 'value: a, target: t, score: {tiers: [{if: "m > 0", points: 10}, '
             '{if: ">= 1", points: 4}]}', "settings": ""}
    text = text.replace("indicators:", "checks:\n  - {rule: a >= 0, message: 甲不能为负}\n"
                        "indicators:")
    compiled = perfscore.loads(text, file="s.yaml")._scorer.compiled
    assert [e.text for e in expressions(compiled)] == [
        "b if a > 0 else 1", "a >= 0", "a", "t", "m > 0", "points"]
    assert [e.text for e in method_expressions(compiled)] == ["m > 0", "points"]


def test_a_rejected_record_names_the_item_in_the_language_asked_for() -> None:
    """PS303 quotes the item's sentence in the language of the message, not the scheme's."""
    scheme = perfscore.loads("""\
perfscore: 1
id: test.scorer
edition: 2024
title: t
locale: en
settings: {missing: error}
inputs:
  b: {type: number, required: false, label: 乙}
indicators:
  - {id: y, name: Y, points: 20, value: b, target: 1, score: ratio}
""", file="s.yaml")
    for lang, message in [
        ("zh", "Y：未填报「乙」，该指标不得缺失，予以退回。"),
        ("en", "Y: input '乙' was not given; it may not be missing: the record is rejected."),
    ]:
        with pytest.raises(perfscore.RecordError) as caught:
            scheme.score({}, lang=lang)
        (error,) = caught.value.errors
        assert (error.code, error.where, error.message) == ("PS303", "y", message)
