"""Power towers: ``9**9**9`` (which hangs Python's integers), computed exponents, and towers of
allowed powers over a large input that reach ``1e180000`` and beyond.

``**`` takes only a whole literal exponent from -10 to 10, so a tower of literals is refused at
load. A tower of allowed powers runs in Decimal arithmetic of 28 digits, which cannot grow a
number's size, only its exponent: past ``1e999999`` it overflows, and any result beyond
``1e40`` is refused — either way an EvaluationError in microseconds, never a score built on an
absurd number or an explanation a megabyte long. ``0 ** -n`` divides by zero: not assessed.
"""

from __future__ import annotations

from tests.security.sandbox import formula, isolated

EXPONENT = ("ExpressionError", "PS105", "** needs a whole-number literal exponent from -10 to 10")


def beyond(expression: str, result: str) -> tuple[str, str, str]:
    return ("EvaluationError", "PS201",
            f"expression `{expression}` failed: its result {result} is beyond ±1E+40")


CASES = {
    "9**9**9": EXPONENT,
    "x**10**10": EXPONENT,
    "x**11": EXPONENT,
    "x**-11": EXPONENT,
    "x**0.5": EXPONENT,
    "x**x": EXPONENT,
    "2**(1+1)": EXPONENT,
    "(x**10)**10": beyond("(x**10)**10", "1.000E+1800"),
    "(((x**10)**10)**10)**10": beyond("(((x**10)**10)**10)**10", "1.000E+180000"),
    "x**10*x**10*x**10*x**10": beyond("x**10*x**10*x**10*x**10", "1.000E+720"),
    "((((x**10)**10)**10)**10)**10": (
        "EvaluationError", "PS201",
        "expression `((((x**10)**10)**10)**10)**10` failed: a number grew too large"),
    "+".join(["x**10"] * 200): ("ExpressionError", "PS106", "expression has more than 500 parts"),
}


def test_power_towers_fail_fast() -> None:
    outcomes = isolated("", *(f"perfscore.loads({formula(e)!r}).score({{'x': '1e18'}})"
                              for e in CASES))
    assert {e: o.raised for e, o in zip(CASES, outcomes, strict=True)} == CASES


def test_a_tiny_result_scores_and_a_zero_base_is_not_assessed() -> None:
    tiny, zero = isolated(
        "",
        f"perfscore.loads({formula('1 / (x**10)**10')!r}).score({{'x': '1e18'}})['a'].points",
        f"perfscore.loads({formula('0**-10 + x')!r}).score({{'x': 1}})")
    assert tiny.value == "Decimal('0.00')"
    # the only leaf is not assessed, so the record has nothing to score
    assert zero.raised == ("RecordError", "PS304", "no indicator could be assessed for this record")


def test_a_target_too_small_to_divide_by_is_the_schemes_fault_at_the_indicator() -> None:
    """A tower of negative-free powers may compute a target of 1E-900000, below ±1E+40's
    bound only in size; the ratio that divides by it would overflow the decimal context.
    The indicator is named, on both paths, never a bare ``decimal.Overflow``."""
    text = ("perfscore: 1\nid: a\nedition: 1\ntitle: a\n"
            "inputs: {x: {type: number}, f: {type: number}}\n"
            "indicators:\n  - {id: r, name: R, points: 10, value: x, score: ratio,\n"
            "     target: '((((f ** 10) ** 10) ** 10) ** 10) ** 10'}\n")
    record = "{'x': 1, 'f': '1e-10'}"
    fast, reference, *where = isolated(
        WHERE, f"perfscore.loads({text!r}).score({record})",
        f"perfscore.loads({text!r}).score({record}, reference=True)",
        f"where({text!r}, {record}, False)", f"where({text!r}, {record}, True)")
    expected = ("EvaluationError", "PS201", "indicator 'r': a number grew too large")
    assert fast.raised == reference.raised == expected
    assert [outcome.value for outcome in where] == ["[('PS201', 'r')]"] * 2


WHERE = """
def where(text, record, reference):
    try:
        perfscore.loads(text).score(record, reference=reference)
    except perfscore.PerfscoreError as error:
        return [(e.code, e.where) for e in error.errors]
"""
"""The code and indicator (``where``) of each error scoring ``record`` raises."""


def test_a_value_or_a_veto_beyond_the_bounds_is_the_schemes_fault_on_both_paths() -> None:
    """A leaf's value that multiplies inputs past ±1E+40, and a veto whose condition
    overflows, are the scheme's errors on both paths: never a score, never a veto quietly
    left out as if an input were missing."""
    head = "perfscore: 1\nid: a\nedition: 1\ntitle: a\ninputs: {x: {type: number}}\n"
    leaf = "  - {id: r, name: R, points: 10, value: %s, target: 1, score: ratio}\n"
    product = head + "indicators:\n" + leaf % "'x * x * x * 10'"
    vetoed = (head + "vetoes:\n  - {when: '((((x**10)**10)**10)**10)**10 > 1', grade: 差, "
              "message: 否决}\ngrades:\n  - {min: 60, label: 及格}\n  - {min: 0, label: 差}\n"
              "indicators:\n" + leaf % "x")
    outcomes = isolated("", *(f"perfscore.loads({text!r}).score({{'x': '1e18'}}, "
                              f"reference={reference})"
                              for text in (product, vetoed) for reference in (False, True)))
    assert [outcome.raised for outcome in outcomes] == [
        beyond("x * x * x * 10", "1.000E+55")] * 2 + [(
            "EvaluationError", "PS201",
            "expression `((((x**10)**10)**10)**10)**10 > 1` failed: a number grew too large")] * 2
