"""What ``_score/scorer.py`` hands out beside scores (docs/design.md, "Mutation testing": each
test here kills a mutant of it the rest let through)."""

from __future__ import annotations

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
