"""The compiled fast path equals the simpleeval reference: hypothesis writes random small
schemes — every method, lets, checks, optional inputs, list inputs with generators, coalesce,
conditionals, chained comparisons, ``in`` — and random records, and both paths must give the
same JSON, explanations included, or the same errors."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, reject, settings
from hypothesis import strategies as st

import perfscore
from perfscore._score import codegen

NUMBERS = ("n1", "n2", "i1", "p1")
BOOLS = ("b1", "b2")
OPTIONS = ("甲", "乙", "丙")
KINDS = ("x", "y")
INPUT_TYPES = {"n1": "number", "n2": "number", "i1": "integer", "p1": "percent", "b1": "bool",
               "b2": "bool", "c1": "choice", "t1": "text", "rows": "list"}
LITERALS = ("0", "1", "2", "0.5", "0.1", "3", "10", "100", "0.85", "1.2")
TARGETS = ("1", "2", "0.5", "0.85", "10")
"""Constant targets: a constant 0 or below is refused at load (never assessable)."""
DEPTH = 3


class Writer:
    """Well-typed expression text over the inputs, the lets defined so far and, inside an
    indicator, ``value``/``target``/``points``."""

    def __init__(self, draw: st.DrawFn, numeric: list[str], boolean: list[str]) -> None:
        self.draw = draw
        self.numeric = numeric
        self.boolean = boolean
        self.rows = 0

    def row(self) -> str:
        """A fresh row variable: generators may nest, each needs its own."""
        self.rows += 1
        return f"r{self.rows}"

    def inside(self) -> Writer:
        """A writer for a tier test or a formula, which also see ``value`` and ``points``."""
        return Writer(self.draw, [*self.numeric, "value", "points"], self.boolean)

    def pick(self, options: Any) -> Any:
        return self.draw(st.sampled_from(options))

    def number(self, depth: int = 0) -> str:
        if depth >= DEPTH or self.draw(st.integers(0, 3)) == 0:
            return self.pick([*self.numeric, *LITERALS])
        a = lambda: self.number(depth + 1)  # noqa: E731
        form = self.pick(["op", "op", "neg", "minmax", "abs", "round", "clamp", "coalesce",
                          "if", "sum", "count", "mean", "len", "lenrows", "pow", "genmin"])
        if form == "op":
            return f"({a()} {self.pick(['+', '-', '*', '/', '//', '%'])} {a()})"
        if form == "neg":
            return f"-{a()}"
        if form == "minmax":
            return f"{self.pick(['min', 'max'])}({a()}, {a()})"
        if form == "abs":
            return f"abs({a()})"
        if form == "round":
            return f"round({a()}, {self.pick(['0', '1', '2'])})"
        if form == "clamp":
            return f"clamp({a()}, 0, {self.pick(['1', '10', '100'])})"
        if form == "coalesce":
            return f"coalesce({a()}, {a()})"
        if form == "if":
            return f"({a()} if {self.boolean_text(depth + 1)} else {a()})"
        if form in ("sum", "count", "mean"):
            r = self.row()
            item = r if form == "count" else f"{r}.amount"
            return f"{form}({item} for {r} in rows{self.row_filter(r)})"
        if form == "genmin":
            r = self.row()
            return f"{self.pick(['min', 'max'])}({r}.amount * {a()} for {r} in rows)"
        if form == "len":
            return "len(t1)"
        if form == "lenrows":
            return "len(rows)"
        return f"({a()} ** {self.pick(['2', '-1', '0'])})"

    def row_filter(self, r: str) -> str:
        return self.pick(["", " if r.done", " if not r.done", " if r.kind == 'x'",
                          " if r.kind in ('x', 'y') and r.amount > 1",
                          " if r.amount >= n1"]).replace("r.", f"{r}.")

    def boolean_text(self, depth: int = 0) -> str:
        if depth >= DEPTH or self.draw(st.integers(0, 2)) == 0:
            return self.pick([*self.boolean, "True", "False"])
        a = lambda: self.number(depth + 1)  # noqa: E731
        b = lambda: self.boolean_text(depth + 1)  # noqa: E731
        form = self.pick(["cmp", "cmp", "chain", "chainin", "andor", "not", "choice", "in",
                          "notin", "text", "coalesce", "if"])
        if form == "cmp":
            return f"{a()} {self.pick(['<', '<=', '>', '>=', '==', '!='])} {a()}"
        if form == "chain":
            return f"{a()} <= {a()} < {a()}"
        if form == "chainin":  # not native: each operand once, stopping at a false link
            return f"{a()} <= {a()} in ({a()}, 1)"
        if form == "andor":
            return f"({b()} {self.pick(['and', 'or'])} {b()})"
        if form == "not":
            return f"not {b()}"
        if form == "choice":
            return f"c1 {self.pick(['==', '!='])} '{self.pick(OPTIONS)}'"
        if form == "in":
            return f"c1 in ('{self.pick(OPTIONS)}', '{self.pick(OPTIONS)}')"
        if form == "notin":
            return f"c1 not in ['{self.pick(OPTIONS)}']"
        if form == "text":
            return self.pick(["'a' in t1", "t1 in ('ab', 'b')", "t1 == 'a'",
                              "'a' in t1 in ('ab', 'b')"])
        if form == "coalesce":
            return f"coalesce({b()}, {self.pick(['True', 'False'])})"
        return f"({b()} if {b()} else {b()})"


def quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@st.composite
def schemes(draw: st.DrawFn) -> str:
    """The YAML text of a random small scheme that loads."""
    required = {name: draw(st.booleans()) for name in INPUT_TYPES}
    lines = ["perfscore: 1", "id: test.fast-path", "edition: 1", "title: 差分",
             f"locale: {draw(st.sampled_from(['zh-CN', 'en']))}", "settings:",
             f"  rounding: {{places: {draw(st.integers(0, 3))}, "
             f"mode: {draw(st.sampled_from(['half_up', 'half_even', 'down', 'up']))}}}",
             f"  missing: {draw(st.sampled_from(['exclude', 'zero', 'error']))}",
             "  total: TOTAL", "inputs:"]
    for name, kind in INPUT_TYPES.items():
        extra = "" if required[name] else ", required: false"
        if kind == "choice":
            extra += ", options: [" + ", ".join(OPTIONS) + "]"
        elif kind == "list":
            extra += (", of: {amount: {type: number}, done: {type: bool}, "
                      "kind: {type: choice, options: [x, y]}}")
        elif kind in ("number", "integer") and draw(st.booleans()):
            extra += ", min: 0"
        lines.append(f"  {name}: {{type: {kind}{extra}}}")
    numeric, boolean = list(NUMBERS), list(BOOLS)
    lets = []
    for index in range(draw(st.integers(0, 2))):
        writer = Writer(draw, numeric, boolean)
        if draw(st.booleans()):
            lets.append(f"  l{index}: {quoted(writer.number())}")
            numeric.append(f"l{index}")
        else:
            lets.append(f"  b{index}x: {quoted(writer.boolean_text())}")
            boolean.append(f"b{index}x")
    if lets:
        lines += ["let:", *lets]
    if draw(st.booleans()):
        rule = Writer(draw, numeric, boolean).boolean_text()
        lines += ["checks:", f"  - rule: {quoted(rule)}", "    message: 检查未通过"]
    leaves, total = [], Decimal(0)
    for index in range(draw(st.integers(1, 4))):
        text, points, kind = draw(leaf(index, numeric, boolean))
        leaves.append(text)
        if kind == "base":
            total += points
    assume(total > 0)
    if draw(st.booleans()):
        lines += ["indicators:", "  - id: group", "    name: 分组", "    children:"]
        lines += ["  " + line for text in leaves for line in text]
    else:
        lines += ["indicators:", *(line for text in leaves for line in text)]
    lines += ["grades:", "  - {min: 60, label: 合格}", "  - {min: 0, label: 不合格}"]
    return "\n".join(lines).replace("TOTAL", str(total)) + "\n"


@st.composite
def leaf(draw: st.DrawFn, index: int, numeric: list[str], boolean: list[str]
         ) -> tuple[list[str], Decimal, str]:
    points = Decimal(draw(st.sampled_from(["5", "10", "20", "2.5"])))
    method = draw(st.sampled_from(["ratio", "reverse", "equal", "tiers", "deduct", "linear",
                                   "levels", "checklist", "formula"]))
    kind = "base"
    if method in ("formula", "tiers", "checklist"):
        kind = draw(st.sampled_from(["base", "base", "bonus", "penalty"]))
    writer = Writer(draw, numeric, boolean)
    out = [f"  - id: leaf{index}", f"    name: 指标{index}", f"    points: {points}"]
    if kind != "base":
        out.append(f"    kind: {kind}")
    if method == "levels":
        out.append("    value: c1")
    elif method != "checklist" or draw(st.booleans()):
        out.append(f"    value: {quoted(writer.number())}")
    if method in ("ratio", "reverse", "equal") or draw(st.integers(0, 3)) == 0:
        target = writer.number() if draw(st.booleans()) else draw(st.sampled_from(TARGETS))
        out.append(f"    target: {quoted(target)}")
    if draw(st.booleans()):
        out.append(f"    missing: {draw(st.sampled_from(['exclude', 'zero', 'error']))}")
    if draw(st.integers(0, 3)) == 0:
        out.append("    unit: percent")
    if method in ("ratio", "equal") and draw(st.booleans()):
        out.append("    review: {over_target: 1.2}")
    if draw(st.integers(0, 4)) == 0:
        out.append("    explain: \"{name}：{value}，得 {points} 分（满分 {max}）\"")
    out += [f"    {line}" for line in draw(score(method, points, writer))]
    return out, points, kind


@st.composite
def score(draw: st.DrawFn, method: str, points: Decimal, writer: Writer) -> list[str]:
    if method == "ratio":
        cap = draw(st.sampled_from(["", ", cap: 1.2"]))
        return [f"score: {{ratio: {{{cap.lstrip(', ')}}}}}" if cap else "score: ratio"]
    if method == "reverse":
        return [f"score: {{reverse: {{variant: {draw(st.sampled_from(['linear', 'inverse']))}}}}}"]
    if method == "equal":
        return ["score: equal"]
    if method == "tiers":
        cuts = sorted(set(draw(st.lists(st.sampled_from(["0", "0.5", "1", "2", "10"]),
                                        min_size=1, max_size=3))), key=Decimal)
        tiers = []
        for position, cut in enumerate(reversed(cuts)):
            award = min(points, Decimal(draw(st.sampled_from(["0", "1", "2.5", "5"]))))
            test = (f">= {cut}" if position == 0 else
                    f"[{cut}, {list(reversed(cuts))[position - 1]})")
            tiers.append(f"    - {{if: {quoted(test)}, points: {award}}}")
        if draw(st.booleans()):
            condition = writer.inside().boolean_text()
            tiers.insert(0, f"    - {{if: {quoted(condition)}, points: {points}}}")
        if draw(st.booleans()):
            tiers.append(f"    - {{else: {min(points, Decimal(1))}}}")
        return ["score:", "  tiers:", *tiers]
    if method == "deduct":
        side = draw(st.sampled_from(["above", "below"]))
        steps = draw(st.sampled_from(["exact", "ceil", "floor"]))
        per = draw(st.sampled_from(["0.01", "0.1", "1"]))
        cap = draw(st.sampled_from(["", f", max: {points / 2}"]))
        return [f"score: {{deduct: {{{side}: 1, per: {per}, points: 0.5, steps: {steps}{cap}}}}}"]
    if method == "linear":
        return [f"score: {{linear: [[0, 0], [0.5, {points / 2}], [1, {points}]]}}"]
    if method == "levels":
        fractions = [draw(st.sampled_from(["1", "0.7", "0.3", "0"])) for _ in OPTIONS]
        return ["score:", "  levels:",
                *(f"    {o}: {f}" for o, f in zip(OPTIONS, fractions, strict=True))]
    if method == "checklist":
        return [f"score: {{checklist: {{b1: {points / 2}, b2: {points}}}}}"]
    return [f"score: {{formula: {quoted(writer.inside().number())}}}"]


NUMBER = st.one_of(st.integers(0, 200), st.decimals("0", "200", places=2, allow_nan=False,
                                                     allow_infinity=False),
                   st.sampled_from([0, 1, "0", "0.5", "1e3", 0.1, 2.5]))
VALID: dict[str, st.SearchStrategy[Any]] = {
    "number": NUMBER,
    "integer": st.one_of(st.integers(0, 50), st.sampled_from(["7", 2.0])),
    "percent": st.one_of(NUMBER, st.sampled_from(["85%", "120%", "0%"])),
    "bool": st.one_of(st.booleans(), st.sampled_from(["是", "否"])),
    "choice": st.sampled_from(OPTIONS),
    "text": st.sampled_from(["", "a", "ab", "b", "xyz"]),
    "list": st.lists(st.fixed_dictionaries({
        "amount": NUMBER, "done": st.booleans(), "kind": st.sampled_from(KINDS)}), max_size=4),
}
INVALID = st.sampled_from([-1, "-0.5", "丁", "many", 1.5, None, [1], {"a": 1}])
"""Values that some input types refuse (a negative where ``min: 0``, text for a number)."""


@st.composite
def records(draw: st.DrawFn, scheme: perfscore.Scheme) -> dict[str, Any]:
    """Mostly valid records of ``scheme``: an optional field is absent one time in four, a
    required one (an error) one time in forty, and a value is wrong one time in forty."""
    record = {}
    for name, kind in INPUT_TYPES.items():
        chance = draw(st.integers(0, 39))
        if chance < (10 if not scheme.inputs[name].required else 1):
            continue
        record[name] = draw(INVALID if chance == 39 else VALID[kind])
    return record


def outcome(scheme: perfscore.Scheme, record: dict[str, Any], reference: bool) -> Any:
    try:
        result = scheme.score(record, reference=reference)
    except perfscore.PerfscoreError as error:
        return type(error).__name__, [(e.describe(), e.where, e.code) for e in error.errors]
    # a batch row's points are worked out before the branches' items are made: the same
    points = result.tree.points()
    assert points == [item.points for item in result.walk() if item.row is None]
    assert pickle.loads(pickle.dumps(result)) == result
    return result.to_json(), result.explain(), result.to_json(lang="en")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schemes(), st.data())
def test_fast_path_equals_reference(text: str, data: st.DataObject) -> None:
    agree(text, data, 6)


def agree(text: str, data: st.DataObject, most: int) -> None:
    """Up to ``most`` random records of the scheme ``text`` score alike on both paths."""
    try:
        scheme = perfscore.loads(text, file="random.yaml")
    except perfscore.SchemeError:
        reject()  # about 1 in 100: a tier that the value's inferred range cannot reach
    for record in data.draw(st.lists(records(scheme), min_size=1, max_size=most)):
        assert outcome(scheme, record, False) == outcome(scheme, record, True), text


SHOWCASE = """\
perfscore: 1
id: test.showcase
edition: 1
title: 示例
settings: {total: 40, missing: exclude}
inputs:
  n1: {type: number}
  c1: {type: choice, options: [甲, 乙, 丙]}
  p1: {type: percent, required: false}
  rows: {type: list, of: {amount: {type: number}, done: {type: bool}}}
let:
  done_total: sum(r.amount for r in rows if r.done)
indicators:
  - id: share
    name: 完成占比
    points: 10
    value: done_total / n1 if n1 > 0 else 0
    target: 1
    score: ratio
  - id: late
    name: 满意度
    points: 10
    value: coalesce(p1, 0.5)
    score:
      tiers:
        - {if: "c1 in ('甲', '乙') and 0.8 <= value < 2", points: 10}
        - {if: ">= 0.5", points: 5}
        - {else: 0}
  - id: absent
    name: 缺省
    points: 10
    value: p1 * 2
    score: {linear: [[0, 0], [1, 10]]}
  - id: chained
    name: 链式比较
    points: 10
    value: 1 if 5 <= n1 in (p1, 6) else 0
    score: {linear: [[0, 0], [1, 10]]}
"""


def test_a_hand_written_scheme_agrees_on_every_branch() -> None:
    """The forms the random schemes rely on, each reached on purpose: a generator with a
    filter, a conditional, coalesce over an absent input, a chained comparison with ``in``
    that stops at its first false link before an absent input, an absent input left out and
    the total rescaled."""
    scheme = perfscore.loads(SHOWCASE)
    rows = [{"amount": 3, "done": True}, {"amount": 5, "done": False}]
    cases = [({"n1": 6, "c1": "甲", "rows": rows}, 20),  # 5 + 5 of 20, rescaled to 40
             ({"n1": 0, "c1": "丙", "rows": rows, "p1": "90%"}, 15),  # 0 + 5 + 10 + 0
             ({"n1": 3, "c1": "乙", "rows": [], "p1": 0.8}, 20),  # 0 + 10 + 10 + 0
             # 5 <= 3 is false, so (p1, 6) is never looked at: 0 + 5 + 0 of 30, rescaled
             ({"n1": 3, "c1": "丙", "rows": []}, 6.67)]
    for record, total in cases:
        fast, reference = outcome(scheme, record, False), outcome(scheme, record, True)
        assert fast == reference
        assert json.loads(fast[0])["total"] == total


def test_an_indicators_own_names_reach_its_expressions_on_both_paths() -> None:
    """``points`` is in scope for an indicator's value and target, and ``value`` for its
    formula; the generated scorer sets them only where some expression reads them."""
    scheme = perfscore.loads("""\
perfscore: 1
id: test.locals
edition: 1
title: 本指标的名字
inputs: {x: {type: number}}
indicators:
  - {id: a, name: 甲, points: 10, value: x * points, target: 20, score: ratio}
  - {id: b, name: 乙, points: 20, value: x, score: {formula: value * points / 2}}
  - {id: c, name: 丙, points: 5, value: x, target: points - 3, score: ratio}
""")
    for reference in (False, True):
        result = scheme.score({"x": 1}, reference=reference)
        assert [result[i].points for i in "abc"] == [Decimal("5.00"), Decimal("10.00"),
                                                      Decimal("2.50")]


def test_a_literal_value_keeps_its_own_number() -> None:
    """A value or target written as a number is bound apart from the numbers inside
    expressions (a clash once gave the first indicator a later expression's literal)."""
    scheme = perfscore.loads("""\
perfscore: 1
id: test.literals
edition: 1
title: 字面量
inputs: {x: {type: number}}
indicators:
  - {id: a, name: 甲, points: 10, value: "1", target: "2", score: ratio}
  - {id: b, name: 乙, points: 10, value: x + 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12,
     target: 100, score: ratio}
""")
    for reference in (False, True):
        result = scheme.score({"x": 1}, reference=reference)
        assert [(result[i].value, result[i].points) for i in "ab"] == [
            (Decimal(1), Decimal("5.00")), (Decimal(79), Decimal("7.90"))]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schemes(), st.data())
def test_fast_path_with_a_function_per_rule_equals_reference(text: str,
                                                              data: st.DataObject) -> None:
    """A scheme of more leaves than ``_INLINED_LEAVES`` calls one function per rule for its
    methods' statements instead of writing them into each leaf: random schemes scored so."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(codegen, "_INLINED_LEAVES", 0)
        agree(text, data, 4)


NOT_ASSESSED = """\
perfscore: 1.1
id: test.missed
edition: 1
title: 未评
inputs:
  a: {type: number}
  t: {type: number, required: false}
indicators:
  - {id: x, name: 甲, points: 10, value: a * 2, target: t, score: ratio}
  - {id: y, name: 乙, points: 10, value: t * 2, target: a, score: ratio}
  - {id: z, name: 丙, points: 10, value: a, target: 1, score: ratio}
  - {id: w, name: 丁, points: 10, value: a, target: a - 3, score: ratio}
"""


def test_an_item_not_assessed_keeps_what_was_worked_out_and_its_reason() -> None:
    """A leaf whose target cannot be computed keeps the value it computed, one whose value
    cannot keeps neither, one its method cannot score (a target of 0) keeps both, and each
    keeps the 偏差原因 the record gives: on both paths, with the methods' statements in each
    leaf and as a function per rule."""
    record = {"a": 3, "reasons": {"x": "指标值未下达", "y": "未统计"}}
    for leaves in (100, 0):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(codegen, "_INLINED_LEAVES", leaves)
            scheme = perfscore.loads(NOT_ASSESSED, file="s.yaml")
            for reference in (False, True):
                result = scheme.score(record, reference=reference)
                x, y = result["x"], result["y"]
                assert (x.status, x.value, x.target) == ("not_assessed", Decimal(6), None)
                assert (y.status, y.value, y.target) == ("not_assessed", None, None)
                assert (x.deviation_reason, y.deviation_reason) == ("指标值未下达", "未统计")
                assert result["z"].points == Decimal(10)
                w = result["w"]
                assert (w.status, w.value, w.target) == ("not_assessed", Decimal(3), Decimal(0))


CHECKED = """\
perfscore: 1.1
id: test.checked
edition: 1
title: 核对
inputs:
  a: {type: number}
  b: {type: bool}
checks:
  - {rule: "b if a > 0 else a", message: 须为真}
vetoes:
  - {when: "b if a < 0 else a", grade: 差, message: 否决}
indicators:
  - {id: z, name: 丙, points: 10, value: a, target: 1, score: ratio}
grades: [{min: 60, label: 合格}, {min: 0, label: 差}]
"""


@pytest.mark.parametrize(("record", "expected"), [
    ({"a": 0, "b": True},  # the check gives a number
     "s.yaml:9:12: error: expression `b if a > 0 else a` failed: a check must be true or false"),
    ({"a": 2, "b": True},  # the veto gives a number
     "s.yaml:11:5: error: expression `b if a < 0 else a` failed: a veto's condition must be "
     "true or false"),
])
def test_a_check_or_veto_that_is_not_true_or_false_is_the_schemes_error(
        record: dict[str, Any], expected: str) -> None:
    scheme = perfscore.loads(CHECKED, file="s.yaml")
    for reference in (False, True):
        with pytest.raises(perfscore.EvaluationError) as caught:
            scheme.score(record, reference=reference)
        assert str(caught.value) == expected


LET_ABSENT = """\
perfscore: 1
id: test.let
edition: 1
title: 派生
inputs:
  a: {type: number}
  p: {type: number, required: false}
let:
  share: p / a
indicators:
  - {id: x, name: 甲, points: 10, value: share, target: 1, score: ratio}
  - {id: z, name: 丙, points: 10, value: a, target: 1, score: ratio}
"""


@pytest.mark.parametrize(("record", "reason"), [
    ({"a": 2}, "absent"),  # the let reads an input left out
    ({"a": 0, "p": 1}, "division_by_zero"),  # the let divides by zero
])
def test_a_let_that_cannot_be_computed_leaves_what_reads_it_unassessed(
        record: dict[str, Any], reason: str) -> None:
    scheme = perfscore.loads(LET_ABSENT, file="s.yaml")
    for reference in (False, True):
        x = scheme.score(record, reference=reference)["x"]
        assert x.status == "not_assessed" and x.reason is not None
        assert x.reason.reason == reason


CORNERS = """\
perfscore: 1
id: test.corners
edition: 1
title: 角落
inputs:
  x: {type: number}
  c: {type: choice, options: [甲, 乙]}
indicators:
  - {id: t, name: 档, points: 7, value: x,
     score: {tiers: [{if: 'value > 1', points: 7}, {else: 0}]}}
  - {id: r, name: 乘, points: 10, value: 'x * points', score: {linear: [[0, 0], [100, 10]]}}
  - {id: z, name: 零, points: 10, value: x, target: 0, score: {linear: [[0, 0], [100, 10]]},
     review: {over_target: 1.2}}
  - {id: e, name: 否则, points: 10, value: c, score: {tiers: [{else: 4}]}}
"""


@pytest.mark.parametrize("reference", [False, True])
def test_corners_of_the_inlined_statements_score_as_the_methods_do(reference: bool) -> None:
    """A value reading ``points`` reads its own leaf's maximum (10), not the leaf before's (7);
    a constant target of 0 has no review bound, so no flag; tiers of an ``else`` alone score a
    text, which the inlined statements leave to the method, given the leaf's maximum."""
    result = perfscore.loads(CORNERS, file="s.yaml").score({"x": 2, "c": "甲"},
                                                            reference=reference)
    assert [(item.id, item.points) for item in result.walk()] == [
        ("t", Decimal("7")), ("r", Decimal("2.00")), ("z", Decimal("0.20")),
        ("e", Decimal("4.00"))]
    assert (result.total, result.flags) == (Decimal("13.20"), ())
