"""Huge numbers and exponents: ``1e400`` and ``1e999999999`` written in a scheme (as YAML and in
an expression), 30,000-digit integers, long hex and octal, and records carrying ``1e400``,
``10**100000`` (whose conversion alone would take seconds), 30,000-digit text and ``1e308``.

Every number read is bounded (28 significant digits, magnitude from 1e-18 to below 1e19) and
refused before anything computes with it; what expressions compute is bounded separately (see
test_power_towers). Records are RecordErrors naming the field; schemes, errors at the number.
"""

from __future__ import annotations

from tests.security.sandbox import isolated, scheme

RANGE = ("RecordError", "PS301",
         "{}: is out of range (at most 28 significant digits, magnitude from 1e-18 to below 1e19)")
RECORDS = {
    "{'x': '1e400'}": "x",
    "{'x': '9' * 30000}": "x",
    "{'x': 10**30}": "x",
    "{'x': 10**1000000}": "x",
    "{'x': 1e308}": "x",
    "{'x': '12345678901234567890123456789'}": "x",
    "{'x': '1e19'}": "x",
    "{'x': '1e-19'}": "x",
    "{'x': 1, 'n': 10**30}": "n",
    "{'x': 1, 'n': 10**1000000}": "n",
    "{'x': 1, 'p': '1e400%'}": "p",
}
POINTS = ("perfscore: 1\nid: a\nedition: 1\ntitle: a\ninputs: {x: {type: number}}\n"
          "indicators:\n  - {id: a, name: A, points: 100, score: {formula: x}}\n")
SETUP = f"""
from tests.security.sandbox import formula
SCHEME = perfscore.loads({scheme(inputs={"x": {"type": "number"},
                                         "n": {"type": "integer", "required": False},
                                         "p": {"type": "percent", "required": False}})!r})
POINTS = {POINTS!r}
"""


def test_a_huge_number_in_a_record_is_refused_by_field() -> None:
    outcomes = isolated(SETUP, *(f"SCHEME.score({record})" for record in RECORDS))
    expected = [(RANGE[0], RANGE[1], RANGE[2].format(field)) for field in RECORDS.values()]
    assert [o.raised for o in outcomes] == expected


def test_the_largest_and_smallest_numbers_allowed_score() -> None:
    outcomes = isolated(SETUP, "SCHEME.score({'x': '1e18'}).total",
                        "SCHEME.score({'x': '1234567890123456789.012345678'}).total",
                        "SCHEME.score({'x': '1e-18'}).total")
    assert [o.value for o in outcomes] == ["Decimal('100.00')", "Decimal('100.00')",
                                           "Decimal('0.00')"]


def test_a_huge_number_in_a_scheme_is_refused_where_it_is_written() -> None:
    cases = {
        "POINTS.replace('100', '1e400')": ("SchemeError", "PS006", "number 1e400 is out of range"),
        "POINTS.replace('100', '1e999999999')": (
            "SchemeError", "PS006", "number 1e999999999 is out of range"),
        "POINTS.replace('100', '9' * 30000)": (
            "SchemeError", "PS006", "number has more than 28 digits"),
        "POINTS.replace('100', '0x' + 'f' * 30)": (
            "SchemeError", "PS006", "number has more than 28 digits"),
        "POINTS.replace('100', '0o' + '7' * 100)": (
            "SchemeError", "PS006", "number has more than 28 digits"),
        "formula('1e400')": ("ExpressionError", "PS106", "number 1e400 is out of range"),
        "formula('1e999999999 * 1e999999999')": (
            "ExpressionError", "PS106", "number 1e999999999 is out of range"),
    }
    outcomes = isolated(SETUP, *(f"perfscore.loads({text})" for text in cases))
    assert {c: o.raised for c, o in zip(cases, outcomes, strict=True)} == cases
    assert [(o.line, o.column) for o in outcomes[:5]] == [(7, 30)] * 5
    assert outcomes[-1].count == 2  # both literals
