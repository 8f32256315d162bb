"""NaN, infinities and negative zero in records: every way they arrive (Python floats, text in
any spelling, ``Decimal``, YAML's ``.nan``/``.inf``, a percent), and ``-0`` as a value, a
computed value and a penalty of nothing.

NaN would give full credit (``min(1, nan)`` is 1) and infinity breaks every ratio, so neither
is a number perfscore accepts: the record is rejected naming the field. Negative zero is zero:
no result, explanation or JSON ever shows ``-0``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore._scheme import read_record
from tests.security.sandbox import scheme

SCHEME = perfscore.loads(scheme(
    inputs={"x": {"type": "number"}, "n": {"type": "integer", "required": False},
            "p": {"type": "percent", "required": False}},
    indicators=[
        {"id": "a", "name": "A", "points": 60, "value": "x", "target": "1", "score": "ratio"},
        {"id": "b", "name": "B", "points": 20, "value": "-x", "score": {"formula": "-x"}},
        {"id": "c", "name": "C", "points": 20, "kind": "penalty", "value": "x",
         "score": {"formula": "x"}},
    ]))


@pytest.mark.parametrize("record", [
    {"x": float("nan")}, {"x": float("inf")}, {"x": float("-inf")}, {"x": "NaN"}, {"x": "nan"},
    {"x": "Infinity"}, {"x": "-inf"}, {"x": "sNaN"}, {"x": Decimal("NaN")},
    {"x": Decimal("-Infinity")}, {"x": 1, "n": float("nan")}, {"x": 1, "p": float("inf")},
], ids=repr)
def test_nan_and_infinity_are_refused(record: dict[str, Any]) -> None:
    field = next(k for k, v in record.items() if v != 1)
    with pytest.raises(perfscore.RecordError) as info:
        SCHEME.score(record)
    error = info.value
    assert (error.code, error.where, error.message, len(error.errors)) == (
        "PS301", field, f"{field}: must be a finite number", 1)


def test_yaml_nan_and_infinity_in_a_record_file_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text("x: .nan\nn: .inf\np: -.inf\n", encoding="utf-8")
    data, document = read_record(str(path))
    with pytest.raises(perfscore.RecordError) as info:
        SCHEME.score(data, document=document, file=str(path))
    assert [(e.where, e.line, e.message) for e in info.value.errors] == [
        ("x", 1, "x: must be a finite number"), ("n", 2, "n: must be a finite number"),
        ("p", 3, "p: must be a finite number")]


@pytest.mark.parametrize(("zero", "percent"), [
    (-0.0, -0.0), ("-0", "-0%"), (Decimal("-0.00"), "-0.00 %"), ("-0.0e5", Decimal("-0"))],
    ids=repr)
def test_negative_zero_is_zero(zero: Any, percent: Any) -> None:
    result = SCHEME.score({"x": zero, "p": percent})
    for item in result.items:
        assert item.value == 0 and not item.value.is_signed()
        assert item.points == 0 and not item.points.is_signed()
    texts = [result.to_json(), result.explain(), result.explain(lang="en"),
             *(item.explain(lang) for item in result.items for lang in ("zh", "en"))]
    assert not [text for text in texts if "-0" in text]
