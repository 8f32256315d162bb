"""Deep nesting in an expression: 10,000 parentheses, 999 within the length limit, chains of
unary operators, nested calls, lists and conditionals — each a way to reach a RecursionError in
Python's parser, our checker or the evaluator.

The length limit (2,000 characters) comes first, Python's own parser refuses more than 200
nested parentheses as a syntax error, the checker stops at 40 levels and 500 nodes; the
deepest allowed expression still evaluates. All in a child with a memory limit.
"""

from __future__ import annotations

from tests.security.sandbox import formula, isolated

TOO_DEEP = ("ExpressionError", "PS106", "expression is nested deeper than 40 levels")
TOO_BIG = ("ExpressionError", "PS106", "expression has more than 500 parts")


def parentheses(expression: str) -> tuple[str, str, str]:
    """Python's parser gives up; the message quotes the start of what was written."""
    return ("ExpressionError", "PS107", f"`{expression[:59]}…` is not a valid expression: too "
            "many nested parentheses")


CASES = {
    "(" * 10000 + "x" + ")" * 10000: (
        "ExpressionError", "PS106", "expression is longer than 2,000 characters"),
    "(" * 999 + "x" + ")" * 999: parentheses("(" * 999 + "x" + ")" * 999),
    "abs(" * 300 + "x" + ")" * 300: parentheses("abs(" * 300 + "x" + ")" * 300),
    "-" * 41 + "x": TOO_DEEP,
    "-" * 1999 + "x": TOO_BIG,
    "not " * 450 + "x": TOO_BIG,
    "x in " + "[" * 190 + "x" + "]" * 190: TOO_DEEP,
    "+".join(["x"] * 41): TOO_DEEP,
    "(x if x > 0 else " * 60 + "x" + ")" * 60: TOO_DEEP,
    "x+" * 499 + "x": TOO_BIG,
}


def test_deep_nesting_is_refused_at_load() -> None:
    outcomes = isolated("", *(f"perfscore.loads({formula(e)!r})" for e in CASES))
    assert {e: o.raised for e, o in zip(CASES, outcomes, strict=True)} == CASES


def test_the_deepest_allowed_expressions_evaluate_on_both_paths() -> None:
    deepest = ["-" * 39 + "x", "(" * 150 + "x" + ")" * 150, "abs(" * 38 + "x" + ")" * 38,
               "+".join(["x"] * 39), "max(" * 12 + "x" + ", x)" * 12]
    outcomes = isolated("RECORD = {'x': 1}", *(
        f"perfscore.loads({formula(e)!r}).score(RECORD, reference={reference}).total"
        for e in deepest for reference in (False, True)))
    # -x is clamped to 0; the sum of 39 x is 39
    assert [o.value for o in outcomes] == [
        *["Decimal('0.00')"] * 2, *["Decimal('1.00')"] * 4, *["Decimal('39.00')"] * 2,
        *["Decimal('1.00')"] * 2]
