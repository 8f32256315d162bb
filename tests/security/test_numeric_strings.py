"""Numbers written as text in a record — what spreadsheets produce: ``"1e400"``, ``"1e-400"``,
hex, thousands separators, 102 characters of zeros, a bare exponent, percent text.

Text is a number by one rule (see ``test_digit_forms`` for the forms it refuses): ASCII digits
or their full-width forms, a point, a sign, an exponent, thousands separators in groups of
three, blanks around it; then it is bounded like any number, and text longer than 100
characters is not read at all. What is not a number, or not a bounded one, rejects the record
naming the field (and echoing text that is not a number).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import perfscore
from tests.security.sandbox import scheme

SCHEME = perfscore.loads(scheme(
    inputs={"x": {"type": "number"}, "p": {"type": "percent", "required": False}},
    indicators=[{"id": "a", "name": "A", "points": 100, "value": "x",
                 "score": {"formula": "x"}}]))
RANGE = "is out of range (at most 28 significant digits, magnitude from 1e-18 to below 1e19)"


@pytest.mark.parametrize(("text", "value"), [
    ("1,000", Decimal(1000)), ("１００", Decimal(100)), ("  12 ", Decimal(12)), ("+5", Decimal(5)),
    (".5", Decimal("0.5")), ("1e18", Decimal("1e18")), ("-1e18", Decimal("-1e18")),
    ("0.1e-17", Decimal("1e-18")),
], ids=repr)
def test_numeric_text_is_read_exactly(text: str, value: Decimal) -> None:
    assert SCHEME.score({"x": text})["a"].value == value


@pytest.mark.parametrize(("field", "text", "problem"), [
    ("x", "1e400", RANGE), ("x", "1e-400", RANGE), ("x", "1e19", RANGE),
    ("x", "0" * 101 + "1", RANGE), ("x", "9" * 1_000_000, RANGE),
    ("x", "0x10", "'0x10' is not a number"), ("x", "12 000", "'12 000' is not a number"),
    ("x", "1_000", "'1_000' is not a number"), ("x", "1e", "'1e' is not a number"),
    ("x", "", "'' is not a number"), ("x", "Infinity%", "'Infinity%' is not a number"),
    ("p", "1e400%", RANGE), ("p", "NaN%", "must be a finite number"),
    ("p", "%", "'%' is not a number"),
], ids=repr)
def test_other_text_rejects_the_record(field: str, text: str, problem: str) -> None:
    with pytest.raises(perfscore.RecordError) as info:
        SCHEME.score({"x": 1, field: text})
    assert (info.value.code, info.value.where, info.value.message) == (
        "PS301", field, f"{field}: {problem}")


@pytest.mark.parametrize(("text", "fraction"), [
    ("86.05%", Decimal("0.8605")), ("１００ ％", Decimal(1)), (" 0.5 % ", Decimal("0.005"))],
    ids=repr)
def test_percent_text_is_an_exact_fraction(text: str, fraction: Decimal) -> None:
    assert SCHEME.validate({"x": 1, "p": text}).p == fraction  # type: ignore[attr-defined]
