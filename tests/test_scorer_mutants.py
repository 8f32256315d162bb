"""What ``_score/scorer.py`` hands out beside scores (docs/design.md, "Mutation testing": each
test here kills a mutant of it the rest let through)."""

from __future__ import annotations

from decimal import Decimal

import pytest

import perfscore
from perfscore._score.scorer import expressions, method_expressions
from tests.security.sandbox import scheme
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


VETO = """\
perfscore: 1.1
id: test.veto
edition: 2024
title: t
inputs:
  a: {type: number}
  violation: {type: bool}
  initial: {type: number, required: false}
  spent: {type: number}
budget: {initial: initial, full_year: initial, spent: spent, indicator: x}
indicators:
  - {id: x, name: X, points: 100, value: a, target: 1, score: ratio, review: {over_target: 1.2}}
grades:
  - {min: 60, label: 合格}
  - {min: 0, label: 不合格}
vetoes:
  - {if: violation, grade: 合格, message: 发生重大违纪违规问题}
"""


NO_BUDGET = VETO.replace("budget: {initial: initial, full_year: initial, spent: spent, "
                         "indicator: x}\n", "")


def test_a_veto_keeps_the_review_flags_and_never_raises_a_grade() -> None:
    """A veto's flag is added to the items' flags, not put in their place; a veto capping the
    grade at 合格 leaves a record already 不合格 as it is."""
    scheme = perfscore.loads(VETO, file="s.yaml")
    over = scheme.score({"a": 1.5, "violation": True, "spent": 5, "reasons": {"x": "超额完成"}})
    assert [(f.id, f.code) for f in over.flags] == [("x", "over_target"), (None, "veto")]
    low = scheme.score({"a": 0.5, "violation": True, "spent": 5, "reasons": {"x": "未完成"}})
    assert (low.total, low.grade) == (50, "不合格")


def test_a_budget_amount_not_given_is_left_blank() -> None:
    """The budget block shows what the record gave: an optional 年初预算数 left out is blank,
    not an error."""
    scheme = perfscore.loads(VETO, file="s.yaml")
    budget = scheme.score({"a": 1, "violation": False, "spent": 5}).budget
    assert budget is not None
    assert (budget.initial, budget.full_year, budget.spent) == (None, None, 5)


def test_a_veto_is_a_flag_not_a_warning() -> None:
    scheme = perfscore.loads(VETO, file="s.yaml")
    result = scheme.score({"a": 1, "violation": True, "spent": 5})
    assert "veto" not in [w.code for w in result.warnings]
    assert [f.code for f in result.flags] == ["veto"]


def test_an_ignored_input_without_a_label_is_named_by_its_name() -> None:
    """A record gives an input only an indicator it declares 不适用 reads: the warning names
    the input, by its name when it has no label. 年初预算数, which the budget block reads
    too, is not ignored: the block shows it whatever the indicators."""
    scheme = perfscore.loads(VETO.replace(
        "  spent: {type: number}\n", "  spent: {type: number}\n"
        "  extra: {type: number, required: false}\n").replace(
        "  - {id: x, name: X, points: 100,",
        "  - {id: y, name: Y, points: 10, value: extra + initial, target: 1, score: ratio}\n"
        "  - {id: x, name: X, points: 100,"), file="s.yaml")
    result = scheme.score({"a": 1, "violation": False, "spent": 5, "initial": 3, "extra": 1,
                           "not_applicable": {"y": "本年度无此项"}})
    ignored = next(w for w in result.warnings if w.code == "ignored")
    assert ignored.facts["names"] == ["extra"]
    assert result.budget is not None and result.budget.initial == 3


@pytest.mark.parametrize("text", [VETO, NO_BUDGET], ids=["budget block", "none"])
def test_a_required_indicator_not_scored_is_refused_in_the_records_file(text: str) -> None:
    """Whether or not the result has anything else beside its points (a budget block)."""
    scheme = perfscore.loads(
        text.replace("score: ratio, review:", "score: ratio, required: true, review:")
        .replace("  a: {type: number}", "  a: {type: number, required: false}"), file="s.yaml")
    with pytest.raises(perfscore.RecordError) as refused:
        scheme.score({"violation": False, "spent": 5}, file="r.yaml")
    assert [(e.code, e.file, e.where, e.message) for e in refused.value.errors] == [
        ("PS324", "r.yaml", "x", "「X」为必评指标，不得未填报或不适用")]


def test_a_number_in_the_heading_is_shown_in_its_unit() -> None:
    """The 自评表's heading shows a number input as the table does: in its unit."""
    scheme = perfscore.loads(VETO.replace(
        "  spent: {type: number}", "  spent: {type: number, label: 全年执行数, unit: 万元}")
        .replace("budget:", "header: [spent]\nbudget:"), file="s.yaml")
    result = scheme.score({"a": 1, "violation": False, "spent": 5.5})
    assert result.header == (("全年执行数", "5.5 万元"),)


def test_a_record_past_the_step_budget_is_rejected_and_the_next_one_scores() -> None:
    """The budget of text searches and generators (tests/security/test_comprehension_bombs.py
    proves it in a subprocess, which a mutation run does not trace): 4,000 searches of a
    20,000-character text and its own length cost 2.5 million steps, over the 2,000,000 a
    record may spend; with a 1-character text, 1.25 million. Alone, and in one stream whose
    budget is refilled for each record."""
    rule = " and ".join(["u in t"] * 40)
    text = scheme(inputs={"t": {"type": "text"}, "u": {"type": "text"}, "x": {"type": "number"}},
                  checks=[{"rule": rule, "message": "m"}] * 100)
    searched = perfscore.loads(text, file="s.yaml")
    long = {"x": 1, "t": "ab" * 4999 + "c", "u": "ab" * 4999 + "c"}
    short = {**long, "u": "c"}
    message = ("the record is too large to score: its lists and texts cost more than "
               f"2,000,000 steps (reached at `{rule}`)")
    with pytest.raises(perfscore.RecordError) as caught:
        searched.score(long)
    assert [(e.code, e.message) for e in caught.value.errors] == [("PS305", message)]
    assert searched.score(short).total == Decimal("1.00")
    outcomes = list(searched.score_many([long, short, long, short]))
    assert [getattr(o, "total", None) for o in outcomes] == [
        None, Decimal("1.00"), None, Decimal("1.00")]
    assert [e.code for o in outcomes[::2] for e in o.errors] == ["PS305", "PS305"]


def test_a_heading_is_shown_in_a_scheme_without_budget_or_required_indicators() -> None:
    scheme = perfscore.loads(NO_BUDGET.replace(
        "  spent: {type: number}", "  spent: {type: number, label: 全年执行数, unit: 万元}")
        .replace("indicators:", "header: [spent]\nindicators:"), file="s.yaml")
    result = scheme.score({"a": 1, "violation": False, "spent": 5.5})
    assert (result.header, result.budget) == ((("全年执行数", "5.5 万元"),), None)


def test_a_result_with_nothing_beside_its_points_has_an_empty_heading() -> None:
    result = perfscore.loads(SCHEME % {"x": "value: a, target: t, score: ratio",
                                       "settings": ""}, file="s.yaml").score({"a": 1, "t": 1})
    assert (result.header, result.budget, result.flags, result.warnings) == ((), None, (), ())


def test_nothing_assessed_is_refused_in_the_records_file_when_the_table_has_a_heading() -> None:
    """PS304 from a scheme whose results carry more than their points (a heading)."""
    scheme = perfscore.loads(VETO.replace("  a: {type: number}",
                                          "  a: {type: number, required: false}")
                             .replace("indicators:", "header: [spent]\nindicators:"),
                             file="s.yaml")
    with pytest.raises(perfscore.RecordError) as refused:
        scheme.score({"violation": False, "spent": 5}, file="r.yaml")
    assert [(e.code, e.file) for e in refused.value.errors] == [("PS304", "r.yaml")]


def test_a_loaded_scheme_makes_its_scorer_and_admit_function_on_the_first_score() -> None:
    scheme = perfscore.loads(SCHEME % {"x": "value: a, target: t, score: ratio",
                                       "settings": ""}, file="s.yaml")
    assert (scheme._scorer._fast, scheme._admitting) == (None, None)
    assert scheme.score({"a": 1, "t": 2}).total == Decimal("10.00")  # 10 × 1/2, and y's 5
    assert scheme._scorer._fast is not None and scheme._admitting is not None
