"""The generated admit function (``_score/admit.py``) against the record model it stands in
for: over random inputs of every type and random values of every kind, whatever admit
accepts, the model accepts with the same scope — same keys, values, types and number text —
and records of the usual kinds take the fast path, with the record's hash unchanged."""

from __future__ import annotations

import datetime
import decimal
import functools
import json
import math
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import perfscore
from perfscore._common.numbers import CONTEXT
from perfscore._score.admit import build_admit
from perfscore._score.record import build_model, scope_of
from perfscore._source.format import InputSpec

ROOT = Path(__file__).parents[1]
OPTIONS = ("达成年度指标", "部分达成", "1", " a ")

bounds = st.one_of(st.none(), st.sampled_from(
    [Decimal(0), Decimal(1), Decimal(-5), Decimal("0.5"), Decimal("100"), Decimal("1E+18"),
     Decimal("-1E+18"), Decimal("0.0001")]))

numbers_as_text = st.one_of(
    st.from_regex(r"\A[-+]?[0-9]{1,25}(\.[0-9]{0,5})?([eE][-+]?[0-9]{1,2})?\Z"),
    st.sampled_from(["95%", "86.05％", " 12 ", "1,234.5", "１２", "1_000", "nan", "-inf",
                     "1e400", "3 亿元", "12000万元", "5公顷", "", "0", "-0", "1e18", "1e19",
                     "true", "是", "No", "2023-12-31", "2023年2月30日", "2023/1/2"]))
edges = st.sampled_from([  # each bound of to_decimal's, on both sides
    0, 1, -1, 10**18, 10**19 - 1, 10**19, -(10**19) + 1, -(10**19), 10**400, 2**129,
    0.0, -0.0, 5e-324, 1e-19, 1e-18, -1e-18, 1e18, 9.999999999999999e18, 1e19, -1e19,
    math.nextafter(1e19, 0), -math.nextafter(1e19, 0), math.nextafter(1e-18, 0),
    -math.nextafter(1e-18, 0), math.nextafter(1e-18, 1),
    Decimal("1.000"), Decimal("0E-1000"), Decimal("-0"), Decimal("1E+18"), Decimal("1" * 29)])
values = st.one_of(
    st.integers(-(10**20), 10**20),
    edges,
    st.booleans(),
    st.floats(),  # nan, inf, -0.0, 1e300, subnormals
    st.decimals(),  # NaN, sNaN, infinities, any exponent
    numbers_as_text,
    st.text(max_size=5),
    st.sampled_from([*OPTIONS, "x" * 10_001]),
    st.none(),
    st.dates(), st.datetimes(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["amount", "done"]), st.integers(0, 3), max_size=2),
)


@st.composite
def input_specs(draw: st.DrawFn) -> InputSpec:
    kind = draw(st.sampled_from(["number", "number", "percent", "integer", "choice", "bool",
                                 "text", "date", "list", "rows"]))
    fields: dict[str, Any] = {"type": kind, "required": draw(st.booleans())}
    if kind in ("number", "percent", "integer"):
        low, high = draw(bounds), draw(bounds)
        if kind == "integer":
            low = None if low is None else low.to_integral_value(decimal.ROUND_CEILING)
            high = None if high is None else high.to_integral_value(decimal.ROUND_FLOOR)
        if low is not None and high is not None and low > high:
            low, high = high, low
        fields.update(min=low, max=high)
    if kind == "number":
        fields["unit"] = draw(st.sampled_from([None, "万元", "亿元", "个"]))
    if kind == "choice":
        fields["options"] = list(OPTIONS)
    if kind == "list":
        fields["of"] = {"amount": InputSpec(type="number"), "done": InputSpec(type="bool")}
    if draw(st.integers(0, 3)) == 0 and kind != "rows":  # rows have no default (PS012)
        fields["default"] = draw(values)
        try:
            build_model("Defaults", {"a": InputSpec(**fields)}, extra="ignore").model_validate({})
        except ValidationError:  # a default its input refuses: the scheme does not load
            del fields["default"]
    return InputSpec(**fields)


NAMES = ("a", "b", "c", "d")
numeric = st.one_of(st.integers(-200, 200), st.floats(-200, 200), edges,
                    st.integers(-(10**20), 10**20),
                    st.floats(), st.decimals(places=3, min_value=-200, max_value=200),
                    st.decimals(), numbers_as_text)
FITTING = {  # values of an input's own kind, mostly fine: so that most fields of a record fit
    "number": numeric, "percent": numeric, "integer": numeric,
    "choice": st.sampled_from(OPTIONS),
    "bool": st.one_of(st.booleans(), st.integers(0, 1), numbers_as_text),
    "text": st.one_of(st.text(max_size=5),
                      st.sampled_from(["x" * 10_000, "x" * 10_001, "a\ud800b"])),
    "date": st.one_of(st.dates(), st.datetimes(), numbers_as_text),
    "list": st.lists(st.integers(), max_size=2),
    "rows": st.lists(st.dictionaries(st.sampled_from(["名称", "分值"]), st.integers()),
                     max_size=2)}


@st.composite
def records(draw: st.DrawFn, inputs: dict[str, InputSpec]) -> dict[Any, Any]:
    record: dict[Any, Any] = {}
    for name, spec in inputs.items():
        if draw(st.integers(0, 4)):  # now and then left out
            record[name] = draw(FITTING[spec.type] if draw(st.integers(0, 2)) else values)
    if draw(st.integers(0, 5)) == 0:
        record[draw(st.sampled_from(["e", "A", 1, "a "]))] = draw(values)
    return record


def same_scope(admitted: dict[str, Any], validated: dict[str, Any]) -> None:
    assert list(admitted) == list(validated)
    assert [type(v) for v in admitted.values()] == [type(v) for v in validated.values()]
    assert admitted == validated
    assert [str(v) for v in admitted.values()] == [str(v) for v in validated.values()]


@settings(max_examples=500, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(specs=st.lists(input_specs(), min_size=1, max_size=4),
       extra=st.sampled_from(["reject", "ignore"]), data=st.data())
def test_what_admit_accepts_the_model_accepts_alike(specs: list[InputSpec], extra: str,
                                                    data: st.DataObject) -> None:
    inputs = dict(zip(NAMES, specs, strict=False))
    batch = data.draw(st.lists(records(inputs), min_size=1, max_size=25))
    model = build_model("Record", inputs, extra=extra)
    admit = build_admit(inputs, extra)
    with decimal.localcontext(CONTEXT):
        for record in batch:
            admitted = admit(record)
            if admitted is not None:
                same_scope(admitted, scope_of(model.model_validate(record)))


SCHEME = ROOT / "rules/changning/key-projects-2023.yaml"


@functools.cache
def bench_records() -> list[dict[str, Any]]:
    """benchmarks/bench_scoring.py's records, the ones to be fast for; made in another
    process, since hypothesis draws on the constants of every module imported (the property
    checks of tests/test_aims.py would see its)."""
    made = subprocess.run(
        [sys.executable, "-c", "import json, bench_scoring; "
                               "print(json.dumps(bench_scoring.records(500)))"],
        cwd=ROOT / "benchmarks", capture_output=True, text=True, check=True)
    records: list[dict[str, Any]] = json.loads(made.stdout)
    return records


def test_the_benchmark_records_take_the_fast_path() -> None:
    scheme = perfscore.load(SCHEME)
    admit = build_admit(scheme.inputs, scheme.settings.extra_inputs)
    for record in bench_records():
        admitted = admit(record)
        assert admitted is not None, record
        same_scope(admitted, scope_of(scheme.Record.model_validate(record)))


def test_an_admitted_record_hashes_as_the_validated_one_whatever_the_caller_does_next(
) -> None:
    scheme = perfscore.load(SCHEME)
    record = dict(bench_records()[0])
    expected = scheme.score(scheme.validate(record)).to_dict()  # a model: the model's path
    result = scheme.score(record)
    record["key_projects"] += 1  # the caller reuses its dict
    record["surprise"] = 1
    assert result.to_dict() == expected
    assert json.dumps(result.to_dict(), default=str) == json.dumps(expected, default=str)


@pytest.mark.parametrize(("spec", "value", "expected"), [
    (InputSpec(type="number"), 0.1, Decimal("0.1")),
    (InputSpec(type="number"), -0.0, Decimal("0.0")),
    (InputSpec(type="number", min=Decimal(0)), 3, Decimal(3)),
    (InputSpec(type="number", unit="亿元"), "12000万元", Decimal("1.2")),
    (InputSpec(type="percent"), "86.05%", Decimal("0.8605")),
    (InputSpec(type="integer"), "1,200", Decimal(1200)),
    (InputSpec(type="bool"), "是", True),
    (InputSpec(type="date"), "2023年12月31日", datetime.date(2023, 12, 31)),
    (InputSpec(type="choice", options=["甲", "乙"]), "乙", "乙"),
])
def test_usual_values_are_admitted(spec: InputSpec, value: Any, expected: Any) -> None:
    admitted = build_admit({"x": spec}, "reject")({"x": value})
    assert admitted == {"x": expected}
    assert str(admitted["x"]) == str(expected)


@pytest.mark.parametrize(("spec", "record"), [
    (InputSpec(type="number"), {"x": float("nan")}),
    (InputSpec(type="number"), {"x": 1e19}),
    (InputSpec(type="number", max=Decimal(100)), {"x": 100.5}),
    (InputSpec(type="integer"), {"x": True}),
    (InputSpec(type="integer"), {"x": 1.5}),
    (InputSpec(type="number"), {"x": 1, "y": 2}),  # extra_inputs: reject
    (InputSpec(type="number"), {}),
    (InputSpec(type="number"), {"x": None}),
    (InputSpec(type="text"), {"x": 12}),
])
def test_the_model_words_the_rest(spec: InputSpec, record: dict[str, Any]) -> None:
    assert build_admit({"x": spec}, "reject")(record) is None


TEXT_EDGES = ["0", "-0", "-0.0", "0.000", "12", "12.50", "-5.25", "007", "1.", ".5", "+5",
              "9" * 19, "1" + "0" * 19, "-" + "9" * 19, "0." + "0" * 17 + "1",
              "0." + "0" * 18 + "1", "1" * 28, "1" * 29, "1" * 27 + ".5", "12.0"]
"""Numbers as a CSV cell writes them, at each of ``to_decimal``'s edges for text: zero and its
sign, 19 and 20 digits, the smallest magnitude, 28 and 29 characters."""


@pytest.mark.parametrize("kind", ["number", "integer"])
@pytest.mark.parametrize("text", TEXT_EDGES)
def test_a_number_written_as_text_is_admitted_as_the_model_reads_it(kind: str,
                                                                    text: str) -> None:
    inputs = {"a": InputSpec(type=kind)}
    admitted = build_admit(inputs, "reject")({"a": text})
    try:
        validated = scope_of(build_model("Record", inputs, extra="reject").model_validate(
            {"a": text}))
    except ValidationError:
        assert admitted is None
        return
    assert admitted is not None  # text the model reads is admitted, not sent to it
    same_scope(admitted, validated)


def test_records_admitted_and_scored_in_one_call_score_as_validated_ones() -> None:
    """A plain record of the inputs alone is admitted and scored in one call
    (``admit.build_then``): the same results, item by item, as the model's path."""
    scheme = perfscore.load(SCHEME)
    records = bench_records()[:100]
    for result, record in zip(scheme.score_many(records), records, strict=True):
        expected = scheme.score(scheme.validate(record))
        assert result == expected
        assert [item.explain() for item in result.walk()] == \
            [item.explain() for item in expected.walk()]


def test_a_record_refused_once_admitted_is_refused_as_the_models_path_refuses_it() -> None:
    """A check that fails is found after the record is admitted, in the one call: the error
    is the model's path's, naming the caller's file, alone or in a stream."""
    scheme = perfscore.load(SCHEME)
    record = dict(bench_records()[0], key_projects=5, started_projects=9)
    with pytest.raises(perfscore.RecordError) as quick:
        scheme.score(record, lang="en", file="r.yaml")
    with pytest.raises(perfscore.RecordError) as model:
        scheme.score(scheme.validate(record), lang="en", file="r.yaml")
    assert str(quick.value) == str(model.value) == \
        "r.yaml: error: 开复工项目个数不能多于列入重点项目个数"
    [rejection] = scheme.score_many([record], lang="en")
    assert isinstance(rejection, perfscore.Rejection)
    assert [error.message for error in rejection.errors] == [
        error.message for error in model.value.errors]


def test_a_stream_in_a_language_perfscore_does_not_write_rejects_each_record() -> None:
    """The one-call path reads the stream's language once; a language it cannot write still
    rejects every record, as scoring each alone does, and stops none."""
    scheme = perfscore.load(SCHEME)
    outcomes = list(scheme.score_many(bench_records()[:2], lang="cn"))
    assert [(o.index, [e.message for e in o.errors]) for o in outcomes  # type: ignore[union-attr]
            ] == [(i, ["unknown language 'cn': perfscore writes zh and en"]) for i in (0, 1)]


class _Unreadable:
    """A language that fails as it is read (its comparison raises)."""

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("cannot compare")

    __hash__ = None  # type: ignore[assignment]


def test_a_language_that_fails_as_it_is_read_fails_where_a_record_reads_it() -> None:
    """The stream's language is read once, up front; when that fails, it is read for each
    record as before: an empty stream gives nothing, and the first record raises."""
    scheme = perfscore.load(SCHEME)
    assert list(scheme.score_many([], lang=_Unreadable())) == []  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="cannot compare"):
        next(scheme.score_many(bench_records()[:1], lang=_Unreadable()))  # type: ignore[arg-type]
