"""Random schemes, random records: whatever the rules and the figures, every leaf stays within
its points, branches and the total are the sums SPEC §2.2 and §6 describe, the same record
always gives the same bytes, and nothing but a ``PerfscoreError`` ever escapes.

The schemes use every method, kind and missing policy, optional inputs, lets and checks of the
shapes ``perfscore.testing.records`` constructs (``a <= b``, ``a + b > 0``, ``x > 0``) and one
it must filter (``x != 3``); the records come from that strategy, so this is also its test on
schemes nobody wrote by hand.
"""

from __future__ import annotations

import decimal
import itertools
import textwrap
from decimal import Decimal
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfscore
from perfscore._common.numbers import CONTEXT, ROUNDING_MODES
from perfscore.testing import records

NUMERIC = ("number", "integer", "percent")
LEVELS = ("甲", "乙", "丙")


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


_Dumper.add_representer(
    Decimal, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value)))


def points() -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=1, max_value=40, places=1)


@st.composite
def inputs(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for index in range(draw(st.integers(2, 4))):
        kind = draw(st.sampled_from(NUMERIC))
        spec: dict[str, Any] = {"type": kind}
        low = draw(st.sampled_from([None, 0, 0]))
        if low is not None:
            spec["min"] = low
        if draw(st.booleans()):
            spec["max"] = 1 if kind == "percent" else 100
        if draw(st.integers(0, 3)) == 0:
            spec["required"] = False
        found[f"x{index}"] = spec
    found["level"] = {"type": "choice", "options": list(LEVELS),
                      "required": draw(st.booleans())}
    found["b0"] = {"type": "bool"}
    found["b1"] = {"type": "bool", "required": False}
    return found


def leaf_rules(draw: st.DrawFn, declared: dict[str, dict[str, Any]], w: Decimal
               ) -> dict[str, Any]:
    """``value``, ``target`` and ``score`` of one leaf worth ``w`` points, any method."""
    names = [n for n, s in declared.items() if s["type"] in NUMERIC]
    x = draw(st.sampled_from(names))
    y = draw(st.sampled_from(names))
    value = draw(st.sampled_from([x, f"{x} / {y}", f"{x} - {y}", "ratio_0"]))
    read = {x} if value == x else {x, y}
    whole = all(declared[n]["type"] == "integer" for n in read) and "/" not in value and (
        value != "ratio_0")
    # tier bounds a whole-number value can fall between (an empty tier is a load error)
    places = 0 if whole else 2
    method = draw(st.sampled_from(["ratio", "reverse", "equal", "tiers", "deduct", "linear",
                                   "levels", "checklist", "formula"]))
    if method in ("ratio", "reverse", "equal"):
        positive = method == "ratio"
        target = draw(st.sampled_from([y, "1", "0.9", "50"] + ([] if positive else ["0"])))
        score: Any = method
        if method == "ratio" and draw(st.booleans()):
            score = {"ratio": {"cap": "1.2"}}
        elif method == "reverse":
            score = {"reverse": {"variant": draw(st.sampled_from(["linear", "inverse"]))}}
        return {"value": value, "target": target, "score": score}
    if method == "tiers":
        bounds = sorted(draw(st.lists(st.decimals(min_value=-2, max_value=2, places=places),
                                      min_size=1, max_size=3, unique=True)), reverse=True)
        tiers: list[dict[str, Any]] = [{"if": f">= {bounds[0]}",
                                        "points": draw(st.decimals(0, w, places=1))}]
        for high, low in itertools.pairwise(bounds):
            tiers.append({"if": f"[{low}, {high})", "points": draw(st.decimals(0, w, places=1))})
        if draw(st.booleans()):
            tiers.append({"else": draw(st.decimals(0, w, places=1))})
        return {"value": value, "score": {"tiers": tiers}}
    if method == "deduct":
        side = draw(st.sampled_from(["above", "below"]))
        params: dict[str, Any] = {side: draw(st.sampled_from(["0", "1", "0.5"])),
                                  "per": draw(st.sampled_from(["0.01", "0.05", "1"])),
                                  "points": draw(st.sampled_from(["0.5", "1", "2"])),
                                  "steps": draw(st.sampled_from(["exact", "ceil", "floor"]))}
        if draw(st.booleans()):
            params["max"] = str(w / 2)
        return {"value": value, "score": {"deduct": params}}
    if method == "linear":
        xs = sorted(draw(st.lists(st.decimals(min_value=-2, max_value=2, places=2),
                                  min_size=2, max_size=4, unique=True)))
        return {"value": value, "score": {"linear": [
            [x, draw(st.decimals(0, w, places=1))] for x in xs]}}
    if method == "levels":
        return {"value": "level", "score": {"levels": {
            level: draw(st.sampled_from(["0", "0.3", "0.7", "1"])) for level in LEVELS}}}
    if method == "checklist":
        return {"score": {"checklist": {"b0": draw(st.decimals(0, w, places=1)),
                                        "b1": draw(st.decimals(0, w, places=1))}}}
    return {"score": {"formula": f"{x} * {draw(st.sampled_from(['0.5', '2', '-1']))} + "
                                 f"{draw(st.sampled_from(['0', '10']))}"}}


@st.composite
def schemes(draw: st.DrawFn) -> str:
    """The YAML text of a random valid scheme."""
    declared = draw(inputs())
    a, b = "x0", "x1"
    checks = draw(st.lists(st.sampled_from([
        {"rule": f"{a} <= {b}", "message": "c1"},
        {"rule": f"{a} + {b} > 0", "message": "c2"},
        {"rule": f"{b} > 0", "message": "c3"},
        {"rule": f"{a} != 3", "message": "c4"},
    ]), unique_by=lambda c: c["message"], max_size=3))
    leaves = []
    for index in range(draw(st.integers(1, 5))):
        w = draw(points())
        leaf: dict[str, Any] = {"id": f"leaf{index}", "name": f"指标{index}", "points": w,
                                **leaf_rules(draw, declared, w)}
        if index > 0:
            leaf["kind"] = draw(st.sampled_from(["base", "base", "bonus", "penalty"]))
        if draw(st.integers(0, 3)) == 0:
            leaf["missing"] = draw(st.sampled_from(["exclude", "zero", "error"]))
        leaves.append(leaf)
    split = draw(st.integers(1, len(leaves)))
    roots: list[dict[str, Any]] = [{"id": "first", "name": "一级", "children": leaves[:split]}]
    roots += leaves[split:]
    scheme = {
        "perfscore": 1, "id": "random.scheme", "edition": 1, "title": "random",
        "settings": {"rounding": {"places": draw(st.integers(0, 4)),
                                  "mode": draw(st.sampled_from(sorted(ROUNDING_MODES)))},
                     "missing": draw(st.sampled_from(["exclude", "zero"])),
                     "total": draw(st.sampled_from([100, 10]))},
        "inputs": declared,
        "let": {"ratio_0": f"{a} / {b}"},
        "checks": checks,
        "indicators": roots,
        "grades": [{"min": 60, "label": "合格"}, {"min": 0, "label": "不合格"}],
    }
    return yaml.dump(scheme, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def rounded(number: Decimal, scheme: perfscore.Scheme) -> Decimal:
    rounding = scheme.settings.rounding
    return number.quantize(Decimal(1).scaleb(-rounding.places),
                           rounding=ROUNDING_MODES[rounding.mode], context=CONTEXT)


def check(result: perfscore.Result, scheme: perfscore.Scheme) -> None:
    for item in result.walk():
        if not item.is_leaf:
            children = [c.points for c in item.children if c.points is not None]
            assert item.points == (sum(children, Decimal(0)) if children else None), item.id
            continue
        if item.points is None:
            assert item.status == "not_assessed" and item.lost is None, item.id
            continue
        low, high = (-item.max, Decimal(0)) if item.kind == "penalty" else (Decimal(0),
                                                                            item.max)
        assert low <= item.points <= high, (item.id, item.points, item.max)
        # rounded to the scheme's places, except full marks finer than them (never above max)
        size = abs(item.points)
        assert size in (rounded(size, scheme), item.max), (item.id, item.points)
    leaves = [i for i in result.walk() if i.is_leaf]
    base = [i for i in leaves if i.kind == "base"]
    assessed = [i for i in base if i.points is not None]
    awarded = sum((i.points for i in assessed if i.points is not None), Decimal(0))
    if len(assessed) < len(base):
        with decimal.localcontext(CONTEXT):
            full = sum((i.max for i in assessed), Decimal(0))
            awarded = rounded(awarded / full * scheme.settings.total, scheme)
    extra = sum((i.points for i in leaves if i.kind != "base" and i.points is not None),
                Decimal(0))
    assert result.total == rounded(max(Decimal(0), awarded + extra), scheme)
    assert result.grade == ("合格" if result.total >= 60 else "不合格")


@given(st.data())
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_any_record_of_any_scheme_scores_within_bounds_or_fails_cleanly(
        data: st.DataObject) -> None:
    scheme = perfscore.loads(data.draw(schemes(), label="scheme"))
    for _ in range(3):
        record = data.draw(records(scheme), label="record")
        scheme.Record.model_validate(record)
        try:
            result = scheme.score(record)
        except perfscore.RecordError as error:
            # never a field or a check: `missing: error`, or nothing assessable
            assert {e.code for e in error.errors} <= {"PS303", "PS304"}, str(error)
            continue
        except perfscore.PerfscoreError:
            continue  # the scheme's fault (e.g. a let of text), reported as such
        check(result, scheme)
        assert scheme.score(record).to_json() == result.to_json()


def test_full_points_never_round_above_the_maximum() -> None:
    scheme = perfscore.loads(textwrap.dedent("""\
        perfscore: 1
        id: rounding.bug
        edition: 1
        title: t
        settings: {rounding: {places: 0}}
        inputs: {x: {type: number}}
        indicators:
          - {id: a, name: a, points: 12.6, value: x, target: 1, score: ratio}
        """))
    item = scheme.score({"x": 1})["a"]
    assert item.points is not None and item.points <= item.max
