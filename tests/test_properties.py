"""Hypothesis properties of scoring: for generated records of the bundled 常宁 scheme and for
small generated one-leaf schemes of every method.

* every leaf's points are within [0, max], rounded to the scheme's places, or None when the
  leaf is not assessed;
* branches and the total are sums of the rounded leaves (rescaled only when a leaf is left out);
* the same record always gives the same bytes of ``to_json()``;
* ratio points never decrease as the value grows; deduct (and reverse) points never increase as
  the value moves further past the threshold;
* nothing but a ``PerfscoreError`` escapes for any record, and out-of-range records are
  ``RecordError``.
"""

from __future__ import annotations

import decimal
import itertools
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import perfscore

SCHEME_FILE = Path(__file__).parent.parent / "rules" / "changning" / "key-projects-2023.yaml"
SCHEME = perfscore.load(SCHEME_FILE)
SCHEME_AGAIN = perfscore.load(SCHEME_FILE)  # a second, independent load
CENT = Decimal("0.01")
WORK_LEVELS = ("达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差")


def decimals(low: str | int, high: str | int, places: int = 4) -> st.SearchStrategy[Decimal]:
    return st.decimals(allow_nan=False, allow_infinity=False, places=places,
                       min_value=Decimal(low), max_value=Decimal(high))


def money(low: str = "0") -> st.SearchStrategy[Decimal]:
    return decimals(low, "100000")


def exact(number: Decimal) -> Decimal:
    """Round half-up to 2 places with ample precision (the SPEC's 四舍五入)."""
    with decimal.localcontext(decimal.Context(prec=60)):
        return number.quantize(CENT, rounding=ROUND_HALF_UP)


# --- records of the bundled scheme -------------------------------------------------------------


@st.composite
def records(draw: st.DrawFn, *, zero_over_zero: bool = False,
            complete: bool = False) -> dict[str, Any]:
    """A record the bundled scheme accepts: it meets every `check` by construction.

    A divisor may be 0 (the indicator is then not assessed), but unless ``zero_over_zero``
    never with a numerator of 0 as well, and key_projects is at least 1 (so start_rate can
    always be computed).
    ``complete``: every optional input given and every divisor positive, so that every
    indicator is assessed.
    """
    key = draw(st.integers(0 if zero_over_zero else 1, 500))
    record: dict[str, Any] = {
        "key_projects": key,
        "started_projects": draw(st.integers(0, key)),  # started_projects <= key_projects
    }

    def pair(divisor: str, dividend: str) -> None:
        below = draw(money("0.0001" if complete else "0"))
        record[divisor] = below
        record[dividend] = draw(money("0.0001" if below == 0 and not zero_over_zero else "0"))

    pair("planned_investment", "completed_investment")
    pair("tech_committed", "tech_completed")
    basic = draw(money())
    record["basic_spending"] = basic
    # basic_spending + project_spending > 0
    record["project_spending"] = draw(money("0.0001" if basic == 0 else "0"))
    staff = draw(st.integers(1, 200))  # authorised_staff > 0
    record["authorised_staff"] = staff
    record["actual_staff"] = draw(st.integers(0, 3 * staff))
    if complete or draw(st.booleans()):
        full_year = draw(money("0.0001" if complete else "0"))
        record["budget_full_year"] = full_year
        if complete or draw(st.booleans()):
            record["budget_spent"] = draw(
                money("0.0001" if full_year == 0 and not zero_over_zero else "0"))
    if complete or draw(st.booleans()):
        share = draw(decimals(0, 1))
        record["satisfaction"] = draw(st.sampled_from([share, f"{share * 100}%"]))
    if complete or draw(st.booleans()):
        record["work_level"] = draw(st.sampled_from(WORK_LEVELS))
    return record


def leaves(result: perfscore.Result) -> list[perfscore.Item]:
    return [item for item in result.walk() if item.is_leaf]


def check_items(result: perfscore.Result) -> None:
    for item in result.walk():
        if not item.is_leaf:
            scored = [c.points for c in item.children if c.points is not None]
            assert item.points == (sum(scored, Decimal(0)) if scored else None)
            continue
        if item.status == "scored":
            assert item.points is not None
            assert Decimal(0) <= item.points <= item.max, item
            assert item.points == item.points.quantize(CENT), item
            assert item.lost == item.max - item.points
        else:
            assert item.status == "not_assessed"
            assert item.points is None and item.lost is None  # the scheme excludes
            assert item.explain()


def check_total(result: perfscore.Result) -> None:
    base = [item for item in leaves(result) if item.kind == "base"]
    assessed = [item for item in base if item.points is not None]
    awarded = sum((item.points for item in assessed if item.points is not None), Decimal(0))
    if len(assessed) == len(base):
        assert result.total == awarded
        assert "rescaled" not in [w.code for w in result.warnings]
    else:
        full = sum((item.max for item in assessed), Decimal(0))
        with decimal.localcontext(decimal.Context(prec=60)):
            assert result.total == exact(awarded / full * 100)
        assert [w.code for w in result.warnings][-1] == "rescaled"
    assert Decimal(0) <= result.total <= result.max
    bands = [(Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差")]
    assert result.grade == next(label for low, label in bands if result.total >= low)
    lost = [item.lost for item in result.reasons]
    assert lost == sorted(lost, reverse=True)
    assert all(x is not None and x > 0 for x in lost)


@settings(max_examples=150, deadline=None)
@given(records())
def test_bundled_scheme_items_and_total(record: dict[str, Any]) -> None:
    result = SCHEME.score(record)
    check_items(result)
    check_total(result)
    # start_rate, project_share and staffing can always be computed for a valid record
    for always in ("start_rate", "project_share", "staffing"):
        assert result[always].status == "scored"


@settings(max_examples=100, deadline=None)
@given(records(complete=True))
def test_bundled_scheme_total_is_the_sum_of_rounded_leaves(record: dict[str, Any]) -> None:
    result = SCHEME.score(record)
    check_items(result)
    base = [item for item in leaves(result) if item.kind == "base"]
    assert all(item.status == "scored" for item in base)
    assert result.total == sum((item.points for item in base if item.points is not None),
                               Decimal(0))
    assert result.warnings == ()
    assert result.max == sum((item.max for item in base), Decimal(0)) == 100


@settings(max_examples=50, deadline=None)
@given(records())
def test_bundled_scheme_is_deterministic(record: dict[str, Any]) -> None:
    first = SCHEME.score(record).to_json()
    assert SCHEME.score(record).to_json() == first
    assert SCHEME_AGAIN.score(record).to_json() == first
    # numbers given as text are the same numbers
    as_text = {k: str(v) if isinstance(v, Decimal) else v for k, v in record.items()}
    assert SCHEME.score(as_text).to_json() == first
    assert SCHEME.score(record).to_json(lang="en") == SCHEME.score(as_text).to_json(lang="en")


DIVISIONS = {  # indicator: (dividend, divisor) in the bundled scheme
    "start_rate": ("started_projects", "key_projects"),
    "investment": ("completed_investment", "planned_investment"),
    "tech_investment": ("tech_completed", "tech_committed"),
    "budget_execution": ("budget_spent", "budget_full_year"),
}


@settings(max_examples=20, deadline=None)
@given(records(zero_over_zero=True))
@example({"key_projects": 0, "started_projects": 0, "planned_investment": 1,
          "completed_investment": 1, "tech_committed": 1, "tech_completed": 1,
          "basic_spending": 1, "project_spending": 1, "authorised_staff": 1,
          "actual_staff": 1})
def test_zero_over_zero_is_not_assessed(record: dict[str, Any]) -> None:
    result = SCHEME.score(record)
    check_items(result)
    check_total(result)
    for indicator, (dividend, divisor) in DIVISIONS.items():
        if dividend in record and record.get(divisor) == 0:
            item = result[indicator]
            assert (item.status, item.explain()) == (
                "not_assessed", f"{item.name}：计算时分母为 0，不参与评分，总分按已评指标折算。")


# --- rejected and arbitrary records ------------------------------------------------------------

NUMBER_FIELDS = ("planned_investment", "completed_investment", "tech_committed",
                 "tech_completed", "basic_spending", "project_spending")
INTEGER_FIELDS = ("key_projects", "started_projects", "authorised_staff", "actual_staff")
REQUIRED = NUMBER_FIELDS + INTEGER_FIELDS


@st.composite
def rejected_records(draw: st.DrawFn) -> dict[str, Any]:
    """A valid record with one thing wrong with it, chosen so it must be rejected."""
    record = draw(records())
    fault = draw(st.sampled_from([
        "negative number", "negative integer", "started above key", "satisfaction above 1",
        "no staff", "no spending", "unknown field", "missing field", "not a number",
        "non-finite", "bad choice", "fractional integer", "percent above 100%",
    ]))
    if fault == "negative number":
        record[draw(st.sampled_from(NUMBER_FIELDS))] = -draw(money("0.0001"))
    elif fault == "negative integer":
        record[draw(st.sampled_from(INTEGER_FIELDS))] = -draw(st.integers(1, 10**6))
    elif fault == "started above key":
        record["started_projects"] = record["key_projects"] + draw(st.integers(1, 100))
    elif fault == "satisfaction above 1":
        record["satisfaction"] = draw(decimals("1.0001", "1000"))
    elif fault == "percent above 100%":
        record["satisfaction"] = f"{draw(decimals('100.01', '1000', 2))}%"
    elif fault == "no staff":
        record["authorised_staff"] = 0
    elif fault == "no spending":
        record["basic_spending"] = record["project_spending"] = draw(
            st.sampled_from([0, Decimal(0), "0", "0.0000"]))
    elif fault == "unknown field":
        record[draw(st.sampled_from(["satisfation", "budget", "extra", "key_project"]))] = 1
    elif fault == "missing field":
        del record[draw(st.sampled_from(REQUIRED))]
    elif fault == "not a number":
        record[draw(st.sampled_from(REQUIRED))] = draw(
            st.sampled_from(["", "abc", "1,00", "一百", [1], {"a": 1}, None]))
    elif fault == "non-finite":
        record[draw(st.sampled_from(NUMBER_FIELDS))] = draw(st.sampled_from(
            [float("nan"), float("inf"), -float("inf"), "NaN", "Infinity", Decimal("NaN"),
             Decimal("Infinity"), "1e400"]))
    elif fault == "bad choice":
        record["work_level"] = draw(st.sampled_from(["达成", "", "优"]))
    else:
        record[draw(st.sampled_from(INTEGER_FIELDS))] = draw(
            st.sampled_from([Decimal("1.5"), "2.5", 0.5]))
    return record


@settings(max_examples=150, deadline=None)
@given(rejected_records())
def test_out_of_range_records_are_rejected(record: dict[str, Any]) -> None:
    with pytest.raises(perfscore.RecordError) as caught:
        SCHEME.score(record)
    assert caught.value.errors
    assert all(isinstance(e, perfscore.RecordError) for e in caught.value.errors)


@pytest.mark.parametrize("field", INTEGER_FIELDS)
def test_boolean_is_not_an_integer(field: str) -> None:
    record = {"key_projects": 1, "started_projects": 1, "planned_investment": 1,
              "completed_investment": 1, "tech_committed": 1, "tech_completed": 1,
              "basic_spending": 1, "project_spending": 1, "authorised_staff": 1,
              "actual_staff": 1}
    SCHEME.score(record)  # valid as it is
    with pytest.raises(perfscore.RecordError,
                       match=rf"^perfscore: error: {field} \([^)]+\): 必须是整数$"):
        SCHEME.score({**record, field: True})


def test_boolean_is_not_a_number() -> None:
    record = {"key_projects": 1, "started_projects": 1, "planned_investment": 1,
              "completed_investment": True, "tech_committed": 1, "tech_completed": 1,
              "basic_spending": 1, "project_spending": 1, "authorised_staff": 1,
              "actual_staff": 1}
    with pytest.raises(perfscore.RecordError, match="completed_investment"):
        SCHEME.score(record)


ANYTHING = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**20), 10**20), st.floats(),
    st.decimals(), st.text(max_size=8), decimals("-1000", "1000"),
    st.sampled_from(["85%", "-5%", "1e5", "达成年度指标", "是", "0"]),
)


FIELDS = st.sampled_from([*REQUIRED, "budget_full_year", "budget_spent", "satisfaction",
                          "work_level", "other"])


@settings(max_examples=200, deadline=None)
@given(records(zero_over_zero=True), st.dictionaries(FIELDS, ANYTHING, max_size=4),
       st.lists(FIELDS, max_size=2))
def test_any_record_gives_a_result_or_a_perfscore_error(
        valid: dict[str, Any], changes: dict[str, Any], dropped: list[str]) -> None:
    """A valid record (0 / 0 included) with some fields replaced by anything, or dropped."""
    record = {**valid, **changes}
    for name in dropped:
        record.pop(name, None)
    try:
        result = SCHEME.score(record)
    except perfscore.PerfscoreError:
        return
    check_items(result)
    check_total(result)


@settings(max_examples=100, deadline=None)
@given(st.just(0.0) | st.floats(min_value=1e-6, max_value=1e6))
def test_floats_are_read_through_their_repr(number: float) -> None:
    base = {"key_projects": 20, "started_projects": 17, "planned_investment": 100,
            "tech_committed": 50, "tech_completed": 45, "basic_spending": 80,
            "project_spending": 20, "authorised_staff": 23, "actual_staff": 25}
    from_float = SCHEME.score({**base, "completed_investment": number})
    from_text = SCHEME.score({**base, "completed_investment": repr(number)})
    assert from_float["investment"].value == Decimal(repr(number)) / 100
    assert from_float["investment"].points == from_text["investment"].points
    assert from_float.total == from_text.total


# --- generated one-leaf schemes ----------------------------------------------------------------


def text(number: Decimal) -> str:
    return format(number, "f")


def one_leaf(score: str, points: Decimal, *, target: Decimal | None = None) -> perfscore.Scheme:
    target_line = f"    target: {text(target)}\n" if target is not None else ""
    return perfscore.loads(f"""\
perfscore: 1
id: test.properties
edition: 1
title: t
settings: {{total: {text(points)}}}
inputs:
  a: {{type: number}}
indicators:
  - id: x
    name: X
    points: {text(points)}
    value: a
{target_line}    score: {score}
""")


def scores(scheme: perfscore.Scheme, values: list[Decimal]) -> list[Decimal]:
    """Points for each value (sorted ascending), checking the common properties on the way."""
    out = []
    for a in values:
        result = scheme.score({"a": a})
        item = result["x"]
        assert item.status == "scored"
        assert item.points is not None
        assert Decimal(0) <= item.points <= item.max
        assert item.points == item.points.quantize(CENT)
        assert result.total == item.points
        assert item.explain() and item.explain("en")
        out.append(item.points)
    return out


WEIGHTS = decimals("0.5", "100", 2)
VALUES = st.lists(decimals("-1000", "1000"), min_size=2, max_size=6).map(sorted)


def non_decreasing(xs: list[Decimal]) -> bool:
    return all(a <= b for a, b in itertools.pairwise(xs))


def non_increasing(xs: list[Decimal]) -> bool:
    return all(a >= b for a, b in itertools.pairwise(xs))


@settings(max_examples=80, deadline=None)
@given(WEIGHTS, decimals("0.0001", "1000"), VALUES)
def test_ratio_never_decreases(w: Decimal, t: Decimal, values: list[Decimal]) -> None:
    points = scores(one_leaf("ratio", w, target=t), values)
    assert non_decreasing(points)
    with decimal.localcontext(decimal.Context(prec=60)):
        assert points == [exact(w * max(Decimal(0), min(Decimal(1), a / t))) for a in values]


@settings(max_examples=60, deadline=None)
@given(WEIGHTS, decimals("0", "1000"), VALUES, st.sampled_from(["linear", "inverse"]))
def test_reverse_never_increases(w: Decimal, t: Decimal, values: list[Decimal],
                                 variant: str) -> None:
    points = scores(one_leaf(f"{{reverse: {{variant: {variant}}}}}", w, target=t), values)
    assert non_increasing(points)
    assert all(p == w for a, p in zip(values, points, strict=True) if a <= t)
    if variant == "linear" and t > 0:
        assert all(p == 0 for a, p in zip(values, points, strict=True) if a >= 2 * t)


@settings(max_examples=40, deadline=None)
@given(WEIGHTS, decimals("0", "1000"), VALUES)
def test_equal_within_bounds(w: Decimal, t: Decimal, values: list[Decimal]) -> None:
    points = scores(one_leaf("equal", w, target=t), values)
    assert non_decreasing(points) if t > 0 else non_increasing(points)


@st.composite
def deducts(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A `deduct:` rule as YAML, and its parameters."""
    side = draw(st.sampled_from(["above", "below"]))
    params: dict[str, Any] = {
        "side": side,
        "threshold": draw(decimals("-10", "10")),
        "per": draw(decimals("0.0001", "5")),
        "points": draw(decimals("0", "10", 2)),
        "steps": draw(st.sampled_from(["exact", "ceil", "floor"])),
        "max": draw(st.none() | decimals("0", "20", 2)),
    }
    parts = [f"{side}: {text(params['threshold'])}", f"per: {text(params['per'])}",
             f"points: {text(params['points'])}", f"steps: {params['steps']}"]
    if params["max"] is not None:
        parts.append(f"max: {text(params['max'])}")
    return "{deduct: {" + ", ".join(parts) + "}}", params


@settings(max_examples=100, deadline=None)
@given(WEIGHTS, deducts(), st.lists(decimals("-20", "20"), min_size=2, max_size=6).map(sorted))
def test_deduct_never_increases_past_the_threshold(
        w: Decimal, deduct: tuple[str, dict[str, Any]], values: list[Decimal]) -> None:
    score, p = deduct
    points = scores(one_leaf(score, w), values)
    # further past the threshold: higher values for `above`, lower ones for `below`
    assert non_increasing(points) if p["side"] == "above" else non_decreasing(points)
    limit = w if p["max"] is None else p["max"]
    with decimal.localcontext(decimal.Context(prec=60)):
        for a, got in zip(values, points, strict=True):
            excess = a - p["threshold"] if p["side"] == "above" else p["threshold"] - a
            steps = max(Decimal(0), excess / p["per"])
            if p["steps"] == "ceil":
                steps = steps.to_integral_value(rounding=decimal.ROUND_CEILING)
            elif p["steps"] == "floor":
                steps = steps.to_integral_value(rounding=decimal.ROUND_FLOOR)
            expected = max(Decimal(0), w - min(limit, p["points"] * steps))
            assert got == exact(expected), (a, got, expected)


@st.composite
def linears(draw: st.DrawFn) -> tuple[str, list[tuple[Decimal, Decimal]]]:
    xs = sorted(draw(st.sets(decimals("-100", "100"), min_size=2, max_size=5)))
    ys = draw(st.lists(decimals("0", "150", 2), min_size=len(xs), max_size=len(xs)))
    pairs = list(zip(xs, ys, strict=True))
    return "{linear: [" + ", ".join(f"[{text(x)}, {text(y)}]" for x, y in pairs) + "]}", pairs


@settings(max_examples=60, deadline=None)
@given(WEIGHTS, linears(), VALUES)
def test_linear_within_bounds_and_through_breakpoints(
        w: Decimal, linear: tuple[str, list[tuple[Decimal, Decimal]]],
        values: list[Decimal]) -> None:
    score, pairs = linear
    try:
        scheme = one_leaf(score, w)
    except perfscore.SchemeError as error:  # a breakpoint above w is refused when loading
        assert {e.code for e in error.errors} == {"PS215"}
        assert any(y > w for _, y in pairs)
        return
    scores(scheme, values)
    xs = [x for x, _ in pairs]
    assert scores(scheme, xs) == [exact(min(y, w)) for _, y in pairs]
    # flat outside the breakpoints
    outside = [xs[0] - 1, xs[-1] + 1]
    assert scores(scheme, outside) == [exact(min(pairs[0][1], w)), exact(min(pairs[-1][1], w))]


@st.composite
def tier_lists(draw: st.DrawFn) -> str:
    tiers = []
    for _ in range(draw(st.integers(1, 4))):
        low, high = sorted(draw(st.lists(decimals("-10", "10"), min_size=2, max_size=2)))
        test = draw(st.sampled_from([
            f">= {text(low)}", f"< {text(high)}", f"[{text(low)}, {text(high)})",
            f"({text(low)}, {text(high)}]", f"(-inf, {text(high)}]", f"[{text(low)}, inf)",
            f"value >= {text(low)} and value < {text(high)}"]))
        tiers.append(f'{{if: "{test}", points: {text(draw(decimals("0", "30", 2)))}}}')
    if draw(st.booleans()):
        tiers.append(f"{{else: {text(draw(decimals('0', '30', 2)))}}}")
    return "{tiers: [" + ", ".join(tiers) + "]}"


@settings(max_examples=60, deadline=None)
@given(WEIGHTS, tier_lists(), st.lists(decimals("-12", "12"), min_size=1, max_size=6))
def test_tiers_within_bounds(w: Decimal, tiers: str, values: list[Decimal]) -> None:
    try:
        scheme = one_leaf(tiers, w)
    except perfscore.SchemeError as error:  # overlapping, empty or too generous tiers
        assert {e.code for e in error.errors} <= {"PS220", "PS222", "PS224"}
        return
    scores(scheme, values)


@settings(max_examples=60, deadline=None)
@given(WEIGHTS, decimals("-100", "100"), decimals("-1000", "1000"), VALUES)
def test_formula_is_clamped(w: Decimal, k: Decimal, c: Decimal, values: list[Decimal]) -> None:
    points = scores(one_leaf(f'{{formula: "a * {text(k)} + {text(c)}"}}', w), values)
    with decimal.localcontext(decimal.Context(prec=60)):
        assert points == [exact(max(Decimal(0), min(w, a * k + c))) for a in values]
