"""Boundary tests for every scoring method of SPEC §2.5, rounding (§2.2), review flags,
bonus/penalty kinds, missing policies (§6), branch sums and grades (§3).

Each method is tried at, just below and just above each of its thresholds, and the awarded
points are asserted exactly as Decimals.
"""

from __future__ import annotations

import decimal
import json
from decimal import Decimal

import pytest

import perfscore

D = Decimal

HEADER = """\
perfscore: 1
id: test.methods
edition: 2024
title: t
"""

DEFAULT_INPUTS = """\
  a: {type: number}
  t: {type: number, required: false}
"""

FILLER = "  - {id: y, name: Y, points: 5, score: {formula: points}}\n"
"""A second leaf that always scores its full 5 points, so that a scheme whose first leaf is
not assessed still has something to score."""


def leaf_scheme(
    score: str,
    *,
    points: str | int = 5,
    value: str | None = "a",
    target: str | None = "t",
    name: str = "X",
    unit: str | None = None,
    review: str | None = None,
    explain: str | None = None,
    inputs: str = DEFAULT_INPUTS,
    settings: str | None = None,
    filler: bool = False,
) -> perfscore.Scheme:
    """A scheme with one leaf ``x`` scored by ``score`` (YAML flow text), plus optionally the
    always-full leaf ``y``. The scheme's full points are the leaves' maxima unless given."""
    lines = ["  - id: x", f"    name: {name}", f"    points: {points}"]
    if value is not None:
        lines.append(f"    value: {json.dumps(value)}")
    if target is not None:
        lines.append(f"    target: {json.dumps(target)}")
    if unit is not None:
        lines.append(f"    unit: {unit}")
    if review is not None:
        lines.append(f"    review: {review}")
    if explain is not None:
        lines.append(f"    explain: {json.dumps(explain, ensure_ascii=False)}")
    lines.append(f"    score: {score}")
    if settings is None:
        settings = f"{{total: {D(str(points)) + (5 if filler else 0)}}}"
    text = (HEADER + f"settings: {settings}\n" + "inputs:\n" + inputs + "indicators:\n"
            + "\n".join(lines) + "\n" + (FILLER if filler else ""))
    return perfscore.loads(text)


def points_of(scheme: perfscore.Scheme, **record: object) -> Decimal | None:
    return scheme.score(record)["x"].points


# --- ratio -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "t", "expected"),
    [
        ("1", "1", D("30")),  # at target
        ("0.99", "1", D("29.7")),  # just below
        ("0.9999", "1", D("30")),  # 29.997 rounds half-up to 30.00
        ("0.9998", "1", D("29.99")),  # 29.994
        ("1.0001", "1", D("30")),  # just above: capped
        ("5", "1", D("30")),  # far above: capped
        ("0", "1", D("0")),
        ("-0.5", "1", D("0")),  # negative share clamps to 0
        ("104.5", "106.1", D("29.55")),  # 30 × 104.5 / 106.1 = 29.5476…
        ("0.4125", "1", D("12.38")),  # 12.375 → 12.38 half-up (banker's: 12.38 too)
        ("0.41125", "1", D("12.34")),  # 12.3375
    ],
)
def test_ratio(a: str, t: str, expected: Decimal) -> None:
    scheme = leaf_scheme("ratio", points=30)
    item = scheme.score({"a": a, "t": t})["x"]
    assert item.points == expected
    assert item.status == "scored"
    assert item.rule == "ratio"
    assert item.lost == D(30) - expected


@pytest.mark.parametrize("t", ["0", "-1", "-0.0001"])
def test_ratio_target_not_positive_is_not_assessed(t: str) -> None:
    scheme = leaf_scheme("ratio", points=30, filler=True)
    result = scheme.score({"a": "1", "t": t})
    item = result["x"]
    assert item.status == "not_assessed"
    assert item.points is None
    assert item.lost is None
    assert item.explain() == ("X：年度指标值不大于 0，无法按比例计算，"
                              "不参与评分，总分按已评指标折算。")
    assert item.explain("en") == "X: the target is not above 0; left out; the total is rescaled."
    # Only Y (5 of 5) is assessed: 5 ÷ 5 × 35 = 35.
    assert result.total == D("35")
    assert [w.code for w in result.warnings] == ["not_assessed", "rescaled"]


def test_ratio_target_just_above_zero_is_scored() -> None:
    scheme = leaf_scheme("ratio", points=30, filler=True)
    item = scheme.score({"a": "0.00005", "t": "0.0001"})["x"]
    assert item.status == "scored"
    assert item.points == D("15")


def test_ratio_explanations() -> None:
    scheme = leaf_scheme("ratio", points=30, value="a / t", target="1", unit="percent",
                         name="年度投资计划完成率")
    item = scheme.score({"a": "104.5", "t": "106.1"})["x"]
    assert item.explain() == ("年度投资计划完成率 98.49%，年度指标值 100%，完成率 98.49%，"
                              "得 29.55 分（满分 30 分）。")
    full = scheme.score({"a": "110", "t": "100"})["x"]
    assert full.explain() == "年度投资计划完成率 110%，达到年度指标值 100%，得满分 30 分。"


def test_scores_do_not_depend_on_the_callers_decimal_context() -> None:
    """Method arithmetic and rescaling must not use the caller's decimal context."""
    ratio = leaf_scheme("ratio", points=30)
    rescaled = missing_scheme("exclude")
    with decimal.localcontext(decimal.Context(prec=3)):
        assert ratio.score({"a": "104.5", "t": "106.1"})["x"].points == D("29.55")
        assert rescaled.score({"a": 1, "c": "0.85"}).total == D("90.63")


# --- reverse -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "a", "t", "expected", "rule"),
    [
        # linear (default): w × (1 − (a − t)/t) for t < a < 2t, 0 from 2t
        ("linear", "1", "1", D("10"), "reverse"),  # at t
        ("linear", "0.99", "1", D("10"), "reverse"),  # below t
        ("linear", "-3", "1", D("10"), "reverse"),
        ("linear", "1.01", "1", D("9.9"), "reverse.linear"),  # just above t
        ("linear", "1.5", "1", D("5"), "reverse.linear"),
        ("linear", "1.99", "1", D("0.1"), "reverse.linear"),  # just below 2t
        ("linear", "2", "1", D("0"), "reverse.linear"),  # at 2t
        ("linear", "2.01", "1", D("0"), "reverse.linear"),  # just above 2t
        ("linear", "100", "1", D("0"), "reverse.linear"),  # far above: never below 0
        ("linear", "0.51", "0.5", D("9.8"), "reverse.linear"),
        ("linear", "0.999", "0.5", D("0.02"), "reverse.linear"),
        ("linear", "1", "0.5", D("0"), "reverse.linear"),  # a = 2t
        # inverse: w × t / a
        ("inverse", "1", "1", D("10"), "reverse"),
        ("inverse", "0.99", "1", D("10"), "reverse"),
        ("inverse", "1.01", "1", D("9.9"), "reverse.inverse"),  # 9.90099…
        ("inverse", "1.5", "1", D("6.67"), "reverse.inverse"),  # 6.666… half-up
        ("inverse", "2", "1", D("5"), "reverse.inverse"),  # no cut-off at 2t
        ("inverse", "3", "1", D("3.33"), "reverse.inverse"),
        ("inverse", "8", "1", D("1.25"), "reverse.inverse"),
        # t = 0: w if a ≤ 0 else 0, whichever variant
        ("linear", "0", "0", D("10"), "reverse"),
        ("linear", "-0.0001", "0", D("10"), "reverse"),
        ("linear", "0.0001", "0", D("0"), "reverse"),
        ("inverse", "0", "0", D("10"), "reverse"),
        ("inverse", "0.0001", "0", D("0"), "reverse"),
    ],
)
def test_reverse(variant: str, a: str, t: str, expected: Decimal, rule: str) -> None:
    scheme = leaf_scheme(f"{{reverse: {{variant: {variant}}}}}", points=10)
    item = scheme.score({"a": a, "t": t})["x"]
    assert item.points == expected
    assert item.rule == rule
    assert item.status == "scored"


def test_reverse_default_variant_is_linear() -> None:
    scheme = leaf_scheme("reverse", points=10)
    assert points_of(scheme, a="1.5", t="1") == D("5")
    assert points_of(scheme, a="2", t="1") == D("0")


def test_reverse_explanations() -> None:
    scheme = leaf_scheme("reverse", points=10, unit="percent", name="成本控制率")
    assert scheme.score({"a": "1.5", "t": "1"})["x"].explain() == (
        "成本控制率 150%，高于年度指标值 100%，超出 50%，得 5 分（满分 10 分）。")
    assert scheme.score({"a": "0.8", "t": "1"})["x"].explain() == (
        "成本控制率 80%，不高于年度指标值 100%，得满分 10 分。")
    assert scheme.score({"a": "0", "t": "0"})["x"].explain() == (
        "成本控制率 0%，年度指标值为 0，实际完成值不高于 0，得满分 10 分。")


# --- equal -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "t", "expected"),
    [
        ("0", "0", D("10")),
        ("-0.0001", "0", D("10")),
        ("0.0001", "0", D("0")),
        ("3", "0", D("0")),
        ("1", "1", D("10")),  # t > 0: as ratio
        ("0.99", "1", D("9.9")),
        ("1.01", "1", D("10")),
        ("0.5", "2", D("2.5")),
    ],
)
def test_equal(a: str, t: str, expected: Decimal) -> None:
    scheme = leaf_scheme("equal", points=10)
    item = scheme.score({"a": a, "t": t})["x"]
    assert item.points == expected
    assert item.rule == "equal"


# --- tiers -------------------------------------------------------------------------------------

START_RATE_TIERS = ('{tiers: [{if: ">= 0.95", points: 20}, {if: "[0.85, 0.95)", points: 16},'
                    ' {if: "[0.70, 0.85)", points: 10}, {else: 0}]}')


@pytest.mark.parametrize(
    ("a", "expected", "rule"),
    [
        ("1", D("20"), "tiers[0]"),
        ("0.95", D("20"), "tiers[0]"),  # closed lower bound
        ("0.9499", D("16"), "tiers[1]"),  # just below: the open upper bound of tier 1
        ("0.85", D("16"), "tiers[1]"),
        ("0.8499", D("10"), "tiers[2]"),
        ("0.85001", D("16"), "tiers[1]"),
        ("0.7", D("10"), "tiers[2]"),
        ("0.6999", D("0"), "tiers[3]"),  # the else tier
        ("-5", D("0"), "tiers[3]"),
    ],
)
def test_tiers_start_rate(a: str, expected: Decimal, rule: str) -> None:
    scheme = leaf_scheme(START_RATE_TIERS, points=20, target=None)
    item = scheme.score({"a": a})["x"]
    assert item.points == expected
    assert item.rule == rule


def test_tiers_start_rate_exact_division() -> None:
    """19/20 and 17/20 land exactly on the closed lower bounds; 37/43 inside tier 1."""
    scheme = leaf_scheme(START_RATE_TIERS, points=20, value="a / t", target=None)
    assert points_of(scheme, a=19, t=20) == D("20")
    assert points_of(scheme, a=17, t=20) == D("16")
    assert points_of(scheme, a=14, t=20) == D("10")
    assert points_of(scheme, a=13, t=20) == D("0")
    assert points_of(scheme, a=37, t=43) == D("16")


OPEN_CLOSED_TIERS = ('{tiers: [{if: "(0.5, 0.8]", points: 3}, {if: "(-inf, 0.5]", points: 1},'
                     ' {if: "(0.9, inf)", points: 5}, {if: "== 0.85", points: 4}]}')


@pytest.mark.parametrize(
    ("a", "expected", "rule"),
    [
        ("0.5", D("1"), "tiers[1]"),  # (0.5, …: open low, so the closed (-inf, 0.5] matches
        ("0.5001", D("3"), "tiers[0]"),
        ("0.4999", D("1"), "tiers[1]"),
        ("-1000000", D("1"), "tiers[1]"),  # -inf
        ("0.8", D("3"), "tiers[0]"),  # …, 0.8]: closed high
        ("0.8001", D("0"), "tiers"),  # no tier and no else → 0
        ("0.85", D("4"), "tiers[3]"),  # == 0.85
        ("0.8501", D("0"), "tiers"),
        ("0.9", D("0"), "tiers"),  # (0.9, …: open low
        ("0.9001", D("5"), "tiers[2]"),
        ("1000000", D("5"), "tiers[2]"),  # inf
    ],
)
def test_tiers_open_and_closed_bounds(a: str, expected: Decimal, rule: str) -> None:
    scheme = leaf_scheme(OPEN_CLOSED_TIERS, points=5, target=None)
    item = scheme.score({"a": a})["x"]
    assert item.points == expected
    assert item.rule == rule
    assert item.status == "scored"


@pytest.mark.parametrize(
    ("a", "expected", "rule"),
    [
        ("0.96", D("5"), "tiers[0]"),
        ("0.95", D("5"), "tiers[0]"),  # 95% is exactly 0.95
        ("0.9499", D("3"), "tiers[1]"),
        ("0.6", D("3"), "tiers[1]"),
        ("0.5999", D("0"), "tiers"),
    ],
)
def test_tiers_percent_literals(a: str, expected: Decimal, rule: str) -> None:
    scheme = leaf_scheme('{tiers: [{if: ">= 95%", points: 5}, {if: "[60%, 95%)", points: 3}]}',
                         target=None)
    item = scheme.score({"a": a})["x"]
    assert item.points == expected
    assert item.rule == rule


@pytest.mark.parametrize(
    ("a", "t", "expected", "rule"),
    [
        ("0.9", "1", D("5"), "tiers[0]"),  # at the bound, target > 0
        ("0.8999", "1", D("2"), "tiers[1]"),  # just below
        ("0.9", "0", D("2"), "tiers[1]"),  # target not > 0
        ("0.9", "-1", D("2"), "tiers[1]"),
        ("0.9", "0.0001", D("5"), "tiers[0]"),
    ],
)
def test_tiers_boolean_expression(a: str, t: str, expected: Decimal, rule: str) -> None:
    scheme = leaf_scheme('{tiers: [{if: "value >= 0.9 and target > 0", points: 5}, {else: 2}]}')
    item = scheme.score({"a": a, "t": t})["x"]
    assert item.points == expected
    assert item.rule == rule


def test_tiers_explanation_with_next_tier_hint() -> None:
    scheme = leaf_scheme(START_RATE_TIERS, points=20, value="a / t", target=None,
                         unit="percent", name="重点项目开复工率")
    item = scheme.score({"a": 37, "t": 43})["x"]
    assert item.rule == "tiers[1]"
    assert item.explain() == ("重点项目开复工率 86.05%，处于 85%（含）—95% 档，"
                              "得 16 分（满分 20 分）。"
                              "再提高 8.95 个百分点可达到 ≥95% 档，可多得 4 分。")
    assert item.explain("en") == (
        "重点项目开复工率 is 86.05%, in the 85% (inclusive) to 95% tier: 16 of 20 points. "
        "Raising it by 8.95 percentage points would reach the ≥95% tier (+4).")
    below = scheme.score({"a": 13, "t": 20})["x"]
    assert below.explain() == ("重点项目开复工率 65%，未达到以上各档，得 0 分（满分 20 分）。"
                               "再提高 5 个百分点可达到 70%（含）—85% 档，可多得 10 分。")
    top = scheme.score({"a": 20, "t": 20})["x"]
    assert top.explain() == "重点项目开复工率 100%，处于 ≥95% 档，得满分 20 分。"


def test_tiers_explanation_for_expression_and_no_match() -> None:
    scheme = leaf_scheme('{tiers: [{if: "value >= 0.9 and target > 0", points: 5}]}')
    assert scheme.score({"a": "0.9", "t": "1"})["x"].explain() == (
        "X 0.9，满足第 1 档的条件，得满分 5 分。")
    assert scheme.score({"a": "0.5", "t": "1"})["x"].explain() == (
        "X 0.5，未处于任何档次，得 0 分（满分 5 分）。")


# --- deduct ------------------------------------------------------------------------------------

STAFFING = "{deduct: {above: 1, per: 0.01, points: 0.5}}"


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        ("0.5", D("5")),
        ("1", D("5")),  # at the threshold: nothing deducted
        ("0.9999", D("5")),
        ("1.0001", D("5")),  # 5 − 0.005 = 4.995 → 5.00 half-up
        ("1.001", D("4.95")),
        ("1.01", D("4.5")),
        ("1.087", D("0.65")),  # 108.70% → 0.65
        ("1.0999", D("0.01")),  # 5 − 4.995 = 0.005 → 0.01 half-up
        ("1.1", D("0")),  # exactly used up
        ("1.1001", D("0")),  # never below 0
        ("3", D("0")),
    ],
)
def test_deduct_above_exact(a: str, expected: Decimal) -> None:
    scheme = leaf_scheme(STAFFING, target=None)
    item = scheme.score({"a": a})["x"]
    assert item.points == expected
    assert item.rule == "deduct"


def test_deduct_staffing_control_rate_from_head_counts() -> None:
    """在职人员控制率 25 / 23 = 108.6956…% → 5 − 8.695…× 0.5 = 0.652… → 0.65."""
    scheme = leaf_scheme(STAFFING, value="a / t", target=None, unit="percent",
                         name="在职人员控制率")
    item = scheme.score({"a": 25, "t": 23})["x"]
    assert item.points == D("0.65")
    assert item.lost == D("4.35")


def test_deduct_explanation() -> None:
    scheme = leaf_scheme(STAFFING, target=None, unit="percent", name="在职人员控制率")
    item = scheme.score({"a": "1.087"})["x"]
    assert item.points == D("0.65")
    assert item.explain() == ("在职人员控制率 108.7%，高于 100% 8.7 个百分点，"
                              "每 1 个百分点扣 0.5 分，共扣 4.35 分，得 0.65 分（满分 5 分）。")
    assert item.explain("en") == (
        "在职人员控制率 is 108.7%, 8.7 percentage points above 100%; 0.5 off per "
        "1 percentage point, which takes 4.35 off: 0.65 of 5 points.")
    within = scheme.score({"a": "1"})["x"]
    assert within.explain() == "在职人员控制率 100%，未超过 100%，不扣分，得满分 5 分。"


def test_deduct_explanation_shows_rounded_deduction() -> None:
    scheme = leaf_scheme(STAFFING, value="a / t", target=None, unit="percent",
                         name="在职人员控制率")
    item = scheme.score({"a": 25, "t": 23})["x"]
    assert item.explain() == ("在职人员控制率 108.7%，高于 100% 8.7 个百分点，"
                              "每 1 个百分点扣 0.5 分，共扣 4.35 分，得 0.65 分（满分 5 分）。")


BUDGET_CEIL = "{deduct: {below: 1, per: 0.05, points: 2, steps: ceil}}"


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        ("1.2", D("5")),
        ("1", D("5")),  # at the threshold
        ("0.9999", D("3")),  # any shortfall is one whole step
        ("0.95", D("3")),  # exactly 1 step: 5 − 2
        ("0.9499", D("1")),  # just past 1 step → 2 steps
        ("0.9", D("1")),  # exactly 2 steps
        ("0.90", D("1")),
        ("0.8999", D("0")),  # 3 steps = 6 > 5: never below 0
        ("0", D("0")),
    ],
)
def test_deduct_below_ceil(a: str, expected: Decimal) -> None:
    scheme = leaf_scheme(BUDGET_CEIL, target=None)
    assert points_of(scheme, a=a) == expected


def test_deduct_ceil_is_exact_with_decimal_arithmetic() -> None:
    """0.95 − 0.05 is exactly 0.90 (2 steps), in a record and in an expression."""
    scheme = leaf_scheme(BUDGET_CEIL, target=None)
    assert points_of(scheme, a=D("0.95") - D("0.05")) == D("1")
    shifted = leaf_scheme(BUDGET_CEIL, value="a - 0.05", target=None)
    assert points_of(shifted, a="0.95") == D("1")
    assert points_of(shifted, a="1") == D("3")
    # A Python float goes through its shortest repr: 0.95 - 0.05 is 0.8999999999999999,
    # just past 2 steps, and is not rounded to 0.9.
    assert points_of(scheme, a=0.95 - 0.05) == D("0")
    assert points_of(scheme, a=0.9) == D("1")


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        ("1", D("5")),
        ("0.97", D("3.8")),  # 0.6 steps × 2
        ("0.95", D("3")),
        ("0.9499", D("3")),  # 5 − 2.004 = 2.996 → 3.00
        ("0.949", D("2.96")),
        ("0.875", D("0")),  # exactly 2.5 steps = 5
        ("0.5", D("0")),
    ],
)
def test_deduct_below_exact(a: str, expected: Decimal) -> None:
    scheme = leaf_scheme("{deduct: {below: 1, per: 0.05, points: 2}}", target=None)
    assert points_of(scheme, a=a) == expected


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        ("1", D("5")),
        ("1.0499", D("5")),  # 0.998 steps → 0
        ("1.05", D("3")),  # exactly 1 step
        ("1.0999", D("3")),
        ("1.1", D("1")),
        ("1.15", D("0")),
    ],
)
def test_deduct_above_floor(a: str, expected: Decimal) -> None:
    scheme = leaf_scheme("{deduct: {above: 1, per: 0.05, points: 2, steps: floor}}", target=None)
    assert points_of(scheme, a=a) == expected


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        ("1", D("5")),
        ("1.02", D("4")),
        ("1.03", D("3.5")),
        ("1.0399", D("3.01")),  # 5 − 1.995 = 3.005 → 3.01 half-up
        ("1.04", D("3")),  # deduction reaches max 2
        ("1.0401", D("3")),  # capped at max
        ("2", D("3")),
    ],
)
def test_deduct_max(a: str, expected: Decimal) -> None:
    scheme = leaf_scheme("{deduct: {above: 1, per: 0.01, points: 0.5, max: 2}}", target=None)
    assert points_of(scheme, a=a) == expected


# --- linear ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        ("-1", D("0")),  # flat below the first breakpoint
        ("0.1", D("0")),  # on it
        ("0.102", D("0.05")),  # just above
        ("0.2", D("2.5")),
        ("0.298", D("4.95")),
        ("0.3", D("5")),  # on the middle breakpoint
        ("0.302", D("5.03")),
        ("0.4", D("6.5")),
        ("0.498", D("7.97")),
        ("0.5", D("8")),  # on the last breakpoint
        ("0.502", D("8")),  # flat above it
        ("100", D("8")),
    ],
)
def test_linear(a: str, expected: Decimal) -> None:
    scheme = leaf_scheme("{linear: [[0.1, 0], [0.3, 5], [0.5, 8]]}", points=10, target=None)
    item = scheme.score({"a": a})["x"]
    assert item.points == expected
    assert item.rule == "linear"


def test_linear_descending_points_and_explanation() -> None:
    scheme = leaf_scheme("{linear: [[0, 5], [0.2, 0]]}", target=None, unit="percent",
                         name="投诉率")
    assert points_of(scheme, a="-0.1") == D("5")
    assert points_of(scheme, a="0.05") == D("3.75")
    assert points_of(scheme, a="0.2") == D("0")
    assert points_of(scheme, a="0.3") == D("0")
    assert scheme.score({"a": "0.05"})["x"].explain() == (
        "投诉率 5%，在 0%（5 分）至 20%（0 分）之间按比例计分，得 3.75 分（满分 5 分）。")


# --- levels ------------------------------------------------------------------------------------

LEVEL_INPUTS = DEFAULT_INPUTS + (
    "  lvl: {type: choice, required: false, label: 完成情况, "
    "options: [达成年度指标, 部分达成年度指标并具有一定效果, 未达成年度指标且效果较差]}\n")
LEVELS = ("{levels: {达成年度指标: 1, 部分达成年度指标并具有一定效果: 0.7, "
          "未达成年度指标且效果较差: 0.3}}")


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("达成年度指标", D("10")),
        ("部分达成年度指标并具有一定效果", D("7")),
        ("未达成年度指标且效果较差", D("3")),
    ],
)
def test_levels(level: str, expected: Decimal) -> None:
    scheme = leaf_scheme(LEVELS, points=10, value="lvl", target=None, inputs=LEVEL_INPUTS,
                         filler=True)
    item = scheme.score({"a": 0, "lvl": level})["x"]
    assert item.points == expected
    assert item.rule == "levels"


def test_levels_explanation_and_absent_choice() -> None:
    scheme = leaf_scheme(LEVELS, points=10, value="lvl", target=None, inputs=LEVEL_INPUTS,
                         name="重点工作完成情况", filler=True)
    item = scheme.score({"a": 0, "lvl": "部分达成年度指标并具有一定效果"})["x"]
    assert item.explain() == (
        "重点工作完成情况评为「部分达成年度指标并具有一定效果」，按分值的 70% 计分，"
        "得 7 分（满分 10 分）。")
    absent = scheme.score({"a": 0})
    assert absent["x"].status == "not_assessed"
    assert absent["x"].explain() == (
        "重点工作完成情况：未填报「完成情况」，不参与评分，总分按已评指标折算。")
    assert absent.total == D("15")  # Y's 5 of 5, rescaled to 15


def test_levels_reject_an_unknown_choice() -> None:
    scheme = leaf_scheme(LEVELS, points=10, value="lvl", target=None, inputs=LEVEL_INPUTS)
    with pytest.raises(perfscore.RecordError,
                       match=r"^perfscore: error: lvl \(完成情况\): 必须是以下之一：达成年度指标、"
                             r"部分达成年度指标并具有一定效果、未达成年度指标且效果较差$"):
        scheme.score({"a": 0, "lvl": "达成"})


# --- checklist ---------------------------------------------------------------------------------

CHECK_INPUTS = DEFAULT_INPUTS + (
    "  p: {type: bool, label: 制度健全}\n"
    "  q: {type: bool, label: 资料完整}\n"
    "  r: {type: bool, label: 按时公开}\n")


@pytest.mark.parametrize(
    ("p", "q", "r", "expected"),
    [
        (False, False, False, D("0")),
        (True, False, False, D("2")),
        (True, True, False, D("4")),
        (False, False, True, D("3")),
        (True, False, True, D("5")),  # exactly w
        (True, True, True, D("5")),  # 7 capped at w = 5
        ("是", "否", "否", D("2")),  # bool text
    ],
)
def test_checklist(p: object, q: object, r: object, expected: Decimal) -> None:
    scheme = leaf_scheme("{checklist: {p: 2, q: 2, r: 3}}", value=None, target=None,
                         inputs=CHECK_INPUTS)
    item = scheme.score({"a": 0, "p": p, "q": q, "r": r})["x"]
    assert item.points == expected
    assert item.rule == "checklist"


def test_checklist_explanation() -> None:
    scheme = leaf_scheme("{checklist: {p: 2, q: 2, r: 3}}", value=None, target=None,
                         inputs=CHECK_INPUTS, name="管理制度")
    item = scheme.score({"a": 0, "p": True, "q": True, "r": False})["x"]
    assert item.explain() == (
        "管理制度：共 3 项，满足 2 项（①制度健全；②资料完整），未满足 1 项（③按时公开），"
        "得 4 分（满分 5 分）。")
    assert item.explain("en") == ("管理制度 meets 2 of 3 items (① 制度健全; ② 资料完整), "
                                  "and misses 1 (③ 按时公开): 4 of 5 points.")


# --- formula and rounding ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "a", "expected"),
    [
        ('"12.345"', "0", D("12.35")),  # half-up, not banker's (12.34)
        ('"12.344999"', "0", D("12.34")),
        ('"12.335"', "0", D("12.34")),
        ('"0.125"', "0", D("0.13")),
        ('"a"', "12.345", D("12.35")),
        ('"a / 3"', "1", D("0.33")),
        ('"a / 3"', "2", D("0.67")),
        ('"a * 2"', "-1", D("0")),  # clamped to 0
        ('"a * 2"', "10", D("20")),  # exactly w
        ('"a * 2"', "10.005", D("20")),  # clamped to w
        ('"a * 2"', "9.9975", D("20")),  # 19.995 → 20.00
        ('"round(a, 1)"', "12.25", D("12.3")),  # round() in expressions is half-up
        ('"min(a, 15) + max(0, a - 19)"', "20", D("16")),
    ],
)
def test_formula(formula: str, a: str, expected: Decimal) -> None:
    scheme = leaf_scheme(f"{{formula: {formula}}}", points=20, target=None)
    item = scheme.score({"a": a})["x"]
    assert item.points == expected
    assert item.rule == "formula"


def test_half_up_rounding_shows_two_places() -> None:
    scheme = leaf_scheme('{formula: "12.345"}', points=20, target=None)
    result = scheme.score({"a": 0})
    assert str(result["x"].points) == "12.35"
    assert result.total == D("12.35")
    assert result["x"].explain() == "X按评分公式计算为 12.35，得 12.35 分（满分 20 分）。"
    assert json.loads(result.to_json())["items"][0]["points"] == 12.35


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [
        ("{places: 2, mode: half_up}", D("12.35")),
        ("{places: 2, mode: half_even}", D("12.34")),
        ("{places: 2, mode: down}", D("12.34")),
        ("{places: 1, mode: up}", D("12.4")),
        ("{places: 0}", D("12")),
    ],
)
def test_rounding_settings(rounding: str, expected: Decimal) -> None:
    scheme = leaf_scheme('{formula: "12.345"}', points=20, target=None,
                         settings=f"{{total: 20, rounding: {rounding}}}")
    assert points_of(scheme, a=0) == expected


def test_total_is_sum_of_rounded_leaves() -> None:
    """Three leaves of 10/3 each: the total is 3 × 3.33 = 9.99, not round(10) = 10."""
    scheme = perfscore.loads(HEADER + """\
settings: {total: 30}
inputs:
  a: {type: number}
indicators:
  - {id: x1, name: X1, points: 10, value: a, target: 3, score: ratio}
  - {id: x2, name: X2, points: 10, value: a, target: 3, score: ratio}
  - {id: x3, name: X3, points: 10, value: a, target: 3, score: ratio}
""")
    result = scheme.score({"a": 1})
    assert [result[i].points for i in ("x1", "x2", "x3")] == [D("3.33")] * 3
    assert result.total == D("9.99")


# --- review ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "t", "flagged"),
    [
        ("1.2", "1", True),  # exactly 1.2 × target
        ("1.1999", "1", False),  # just below
        ("1.2001", "1", True),
        ("5", "1", True),
        ("120", "100", True),
        ("119.99", "100", False),
        ("0.6", "0.5", True),
        ("0.5999", "0.5", False),
    ],
)
@pytest.mark.parametrize("constant", [False, True])  # the target an input, or written
def test_review_over_target(a: str, t: str, flagged: bool, constant: bool) -> None:
    scheme = leaf_scheme("ratio", points=30, review="{over_target: 1.2}",
                         target=t if constant else "t")
    for reference in (False, True):
        result = scheme.score({"a": a} if constant else {"a": a, "t": t}, reference=reference)
        item = result["x"]
        assert item.points == D("30")  # a flag never changes points
        assert [f.code for f in item.flags] == (["over_target"] if flagged else [])
        assert [f.code for f in result.flags] == (["over_target"] if flagged else [])


def test_review_flag_message() -> None:
    scheme = leaf_scheme("ratio", points=30, review="{over_target: 1.2}", unit="percent",
                         name="年度投资计划完成率")
    result = scheme.score({"a": "1.2", "t": "1"})
    (flag,) = result.flags
    assert flag.id == "x"
    assert flag.message() == ("「年度投资计划完成率」实际完成值 120%，达到年度指标值 100% 的 "
                              "120% 及以上，偏离度较大，请说明偏差原因。")
    assert flag.message("en") == ("年度投资计划完成率 is 120%, at least 120% of its target 100%: "
                                  "explain the deviation.")
    data = json.loads(result.to_json())
    assert data["items"][0]["flags"] == [
        {"id": "x", "code": "over_target", "message": flag.message()}]


# --- bonus and penalty -------------------------------------------------------------------------

KIND_SCHEME = HEADER + """\
inputs:
  a: {type: number}
  c: {type: number}
indicators:
  - {id: base, name: 基础, points: 100, value: a, score: {formula: value}}
  - {id: extra, name: 加减分, kind: %s, points: 5, value: c, score: {formula: value}}
grades:
  - {min: 90, label: 优}
  - {min: 0, label: 差}
"""


@pytest.mark.parametrize(
    ("a", "c", "points", "total", "grade"),
    [
        ("100", "3", D("3"), D("103"), "优"),  # the total may exceed 100
        ("100", "5", D("5"), D("105"), "优"),
        ("100", "7", D("5"), D("105"), "优"),  # at most `points`
        ("88", "2", D("2"), D("90"), "优"),
        ("88", "1.999", D("2"), D("90"), "优"),  # leaf rounded first
        ("88", "1.994", D("1.99"), D("89.99"), "差"),
        ("88", "-1", D("0"), D("88"), "差"),  # never below 0
    ],
)
def test_bonus(a: str, c: str, points: Decimal, total: Decimal, grade: str) -> None:
    result = perfscore.loads(KIND_SCHEME % "bonus").score({"a": a, "c": c})
    assert result["extra"].points == points
    assert result["extra"].lost == D("0")
    assert result.total == total
    assert result.max == D("100")
    assert result.grade == grade


@pytest.mark.parametrize(
    ("a", "c", "points", "total"),
    [
        ("100", "3", D("-3"), D("97")),
        ("100", "5", D("-5"), D("95")),
        ("100", "6", D("-5"), D("95")),  # at most `points`
        ("100", "0", D("0"), D("100")),
        ("100", "-2", D("0"), D("100")),
        ("90", "0.004", D("0"), D("90")),
        ("90", "0.005", D("-0.01"), D("89.99")),
    ],
)
def test_penalty(a: str, c: str, points: Decimal, total: Decimal) -> None:
    result = perfscore.loads(KIND_SCHEME % "penalty").score({"a": a, "c": c})
    item = result["extra"]
    assert item.points == points
    assert item.lost == -points
    assert result.total == total
    # == cannot tell -0.00 from 0: neither a penalty of nothing nor its loss may be -0
    assert item.points is not None and item.lost is not None
    assert item.points.is_signed() == (points < 0)
    assert not item.lost.is_signed()


def test_bonus_and_penalty_explanations() -> None:
    bonus = perfscore.loads(KIND_SCHEME % "bonus").score({"a": "90", "c": "7"})["extra"]
    assert bonus.explain() == "加减分按评分公式计算为 7，加 5 分（最多加 5 分）。"
    penalty = perfscore.loads(KIND_SCHEME % "penalty").score({"a": "90", "c": "3"})
    assert penalty["extra"].explain() == "加减分按评分公式计算为 3，扣 3 分（最多扣 5 分）。"
    assert penalty["extra"].explain("en") == ("加减分 computes to 3 by the scheme's formula: "
                                              "takes off 3 (at most 5).")
    assert [(i.id, i.lost) for i in penalty.reasons] == [("base", D("10")), ("extra", D("3"))]


# --- missing policies --------------------------------------------------------------------------


def missing_scheme(policy: str, override: str = "") -> perfscore.Scheme:
    return perfscore.loads(HEADER + f"""\
settings: {{missing: {policy}}}
inputs:
  a: {{type: number}}
  b: {{type: number, required: false, label: 乙}}
  c: {{type: number}}
indicators:
  - id: g
    name: G
    children:
      - {{id: x, name: X, points: 30, value: a, target: 1, score: ratio}}
      - {{id: y, name: Y, points: 20, value: b, target: 1, score: ratio{override}}}
  - {{id: z, name: Z, points: 50, value: c, target: 1, score: ratio}}
grades:
  - {{min: 90, label: 优}}
  - {{min: 60, label: 中}}
  - {{min: 0, label: 差}}
""")


def test_missing_exclude_rescales_half_up() -> None:
    result = missing_scheme("exclude").score({"a": 1, "c": "0.85"})
    y = result["y"]
    assert (y.status, y.points, y.lost) == ("not_assessed", None, None)
    # (30 + 42.5) ÷ 80 × 100 = 90.625 → 90.63 (banker's rounding would give 90.62)
    assert result.total == D("90.63")
    assert result.grade == "优"
    assert result["g"].points == D("30")
    assert result["g"].status == "scored"
    assert [(w.code, w.id) for w in result.warnings] == [("not_assessed", "y"),
                                                          ("rescaled", None)]
    assert [w.message() for w in result.warnings] == [
        "Y：未填报「乙」，不参与评分，总分按已评指标折算。",
        "有指标不参与评分，总分按已评指标满分 80 分折算为 100 分制：72.5÷80×100=90.63。"]


def test_missing_exclude_without_absence_does_not_rescale() -> None:
    result = missing_scheme("exclude").score({"a": 1, "b": "0.5", "c": "0.85"})
    assert result["y"].points == D("10")
    assert result.total == D("82.5")
    assert result.warnings == ()


def test_missing_exclude_whole_branch() -> None:
    scheme = perfscore.loads(HEADER + """\
inputs:
  a: {type: number}
  b: {type: number, required: false}
indicators:
  - id: g
    name: G
    children:
      - {id: y1, name: Y1, points: 10, value: b, target: 1, score: ratio}
      - {id: y2, name: Y2, points: 10, value: b * 2, target: 1, score: ratio}
  - {id: z, name: Z, points: 80, value: a, target: 1, score: ratio}
""")
    result = scheme.score({"a": "0.5"})
    assert result["g"].status == "not_assessed"
    assert result["g"].points is None
    assert result.total == D("50")  # 40 ÷ 80 × 100


def test_missing_zero_counts_the_item() -> None:
    result = missing_scheme("zero").score({"a": 1, "c": "0.85"})
    y = result["y"]
    assert y.points == D("0")
    assert y.lost == D("20")
    assert y.explain() == "Y：未填报「乙」，按 0 分计。"
    assert result.total == D("72.5")
    assert result.grade == "中"
    assert result["g"].points == D("30")
    assert [w.code for w in result.warnings] == ["not_assessed"]


def test_missing_zero_per_indicator_override() -> None:
    result = missing_scheme("exclude", ", missing: zero").score({"a": 1, "c": "0.85"})
    assert result["y"].points == D("0")
    assert result.total == D("72.5")


def test_missing_error_rejects_the_record() -> None:
    with pytest.raises(perfscore.RecordError) as caught:
        missing_scheme("error").score({"a": 1, "c": "0.85"})
    assert caught.value.where == "y"
    assert "未填报「乙」" in caught.value.message


def test_missing_error_per_indicator_override() -> None:
    with pytest.raises(perfscore.RecordError,
                       match=r"^perfscore: error: Y：未填报「乙」，"
                             r"该指标不得缺失，予以退回。$"):
        missing_scheme("zero", ", missing: error").score({"a": 1, "c": "0.85"})
    # given the input, nothing is rejected
    assert missing_scheme("zero", ", missing: error").score(
        {"a": 1, "b": 1, "c": 1}).total == D("100")


def test_missing_error_message_does_not_claim_rescaling() -> None:
    with pytest.raises(perfscore.RecordError) as caught:
        missing_scheme("error").score({"a": 1, "c": "0.85"})
    (error,) = caught.value.errors
    assert (error.code, error.where, error.message) == (
        "PS303", "y", "Y：未填报「乙」，该指标不得缺失，予以退回。")


def test_division_by_zero_is_not_assessed() -> None:
    scheme = leaf_scheme("ratio", points=30, value="a / t", target="1", filler=True)
    result = scheme.score({"a": 1, "t": 0})
    assert result["x"].status == "not_assessed"
    assert result["x"].explain() == "X：计算时分母为 0，不参与评分，总分按已评指标折算。"
    assert result.total == D("35")


def test_zero_divided_by_zero_is_not_assessed() -> None:
    scheme = leaf_scheme("ratio", points=30, value="a / t", target="1", filler=True)
    result = scheme.score({"a": 0, "t": 0})
    assert result["x"].status == "not_assessed"
    assert result["x"].explain() == "X：计算时分母为 0，不参与评分，总分按已评指标折算。"
    assert result.total == D("35")


# --- branches and grades -----------------------------------------------------------------------

TREE = HEADER + """\
inputs:
  a: {type: number}
indicators:
  - id: output
    name: 产出指标
    points: 60
    children:
      - id: quantity
        name: 数量指标
        children:
          - {id: q1, name: Q1, points: 20, value: a, target: 3, score: ratio}
          - {id: q2, name: Q2, points: 10, value: a, target: 3, score: ratio}
      - {id: o1, name: O1, points: 30, value: a, target: 2, score: ratio}
  - id: benefit
    name: 效益指标
    children:
      - {id: b1, name: B1, points: 40, value: a, target: 6, score: ratio}
grades:
  - {min: 90, label: 优}
  - {min: 80, label: 良}
  - {min: 60, label: 中}
  - {min: 0,  label: 差}
"""


def test_branch_sums_of_rounded_leaves() -> None:
    result = perfscore.loads(TREE).score({"a": 1})
    # q1 = 20/3 = 6.67, q2 = 10/3 = 3.33, o1 = 15, b1 = 40/6 = 6.67
    assert [result[i].points for i in ("q1", "q2", "o1", "b1")] == [
        D("6.67"), D("3.33"), D("15"), D("6.67")]
    assert result["quantity"].points == D("10")
    assert result["quantity"].max == D("30")
    assert result["output"].points == D("25")
    assert result["output"].max == D("60")
    assert result["benefit"].points == D("6.67")
    assert result.total == D("31.67")
    assert result["output"].explain() == "产出指标：得 25 分（满分 60 分）。"


def test_branch_declared_points_must_match_children() -> None:
    with pytest.raises(perfscore.SchemeError,
                       match="declares 50 points but its children sum to 60"):
        perfscore.loads(TREE.replace("points: 60", "points: 50"))


GRADE_SCHEME = HEADER + """\
inputs:
  a: {type: number}
indicators:
  - {id: x, name: X, points: 100, value: a, score: {formula: value}}
grades:
  - {min: 90, label: 优}
  - {min: 80, label: 良}
  - {min: 60, label: 中}
  - {min: 0,  label: 差}
"""


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", "优"),
        ("90", "优"),
        ("89.99", "良"),
        ("89.995", "优"),  # rounded half-up to 90.00 first
        ("89.994", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
        ("0", "差"),
    ],
)
def test_grades_at_their_lower_bounds(total: str, grade: str) -> None:
    result = perfscore.loads(GRADE_SCHEME).score({"a": total})
    assert result.grade == grade


def test_grade_on_rescaled_total() -> None:
    """89.995 after rescaling rounds to 90.00 and is 优."""
    scheme = perfscore.loads(HEADER + """\
inputs:
  a: {type: number}
  b: {type: number, required: false}
indicators:
  - {id: x, name: X, points: 80, value: a, score: {formula: value}}
  - {id: y, name: Y, points: 20, value: b, score: {formula: value}}
grades:
  - {min: 90, label: 优}
  - {min: 0,  label: 差}
""")
    # 71.996 → 72.00; 72 ÷ 80 × 100 = 90
    assert scheme.score({"a": "71.996"}).grade == "优"
    # 71.99 ÷ 80 × 100 = 89.9875 → 89.99
    result = scheme.score({"a": "71.99"})
    assert result.total == D("89.99")
    assert result.grade == "差"


# --- explain template and JSON -----------------------------------------------------------------


def test_explain_template() -> None:
    scheme = leaf_scheme("ratio", points=30, unit="percent", name="完成率",
                         explain="{name}为{value}（目标{target}），得{points}/{max}分")
    item = scheme.score({"a": "0.9", "t": "1"})["x"]
    assert item.explain() == "完成率为90%（目标100%），得27/30分"


def test_json_item() -> None:
    scheme = leaf_scheme(START_RATE_TIERS, points=20, value="a / t", target=None,
                         unit="percent", name="重点项目开复工率")
    data = json.loads(scheme.score({"a": 37, "t": 43}).to_json())
    (item,) = data["items"]
    assert item == {
        "id": "x", "name": "重点项目开复工率", "value": 0.8605, "target": None, "points": 16,
        "max": 20, "lost": 4, "status": "scored", "rule": "tiers[1]",
        "explanation": ("重点项目开复工率 86.05%，处于 85%（含）—95% 档，得 16 分（满分 20 分）。"
                        "再提高 8.95 个百分点可达到 ≥95% 档，可多得 4 分。"),
        "flags": [], "basis": None}
    assert data["total"] == 16
    assert data["reasons"] == [{"id": "x", "lost": 4, "explanation": item["explanation"]}]
