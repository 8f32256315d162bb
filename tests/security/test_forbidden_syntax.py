"""Syntax an expression could use to define, assign, index, unpack or import: lambdas, ``:=``,
subscripts and slices, dict and set literals, ``*``/``**`` unpacking, bit operators, ``is``,
bytes/complex/ellipsis literals, ``await``/``yield``, statements.

Expressions are parsed in eval mode (no statements) and every node is checked against an
allow-list, so each is an ExpressionError when the scheme loads.
"""

from __future__ import annotations

import pytest

from tests.security.sandbox import expression_error


def refused(code: str, message: str) -> tuple[str, str, str]:
    return ("ExpressionError", code, message)


@pytest.mark.parametrize(("expression", "outcome"), [
    ("lambda: 1", refused("PS102", "lambda is not allowed")),
    ("(y := 1)", refused("PS102", "assignment (:=) is not allowed")),
    ("x[0]", refused("PS102", "subscripts (x[...]) are not allowed")),
    ("rows[0:1]", refused("PS102", "subscripts (x[...]) are not allowed")),
    ("{1: 2}", refused("PS102", "dict literals are not allowed")),
    ("{1}", refused("PS102", "set literals are not allowed")),
    ("min(*rows)", refused("PS102", "unpacking (*x) is not allowed")),
    ("[*rows]", refused("PS102", "unpacking (*x) is not allowed")),
    ("min(**x)", refused("PS103", "min() takes no keyword arguments")),
    ("min(x, key=abs)", refused("PS103", "min() takes no keyword arguments")),
    ("x @ x", refused("PS102", "operator @ is not allowed")),
    ("x << 3", refused("PS102", "operator << is not allowed")),
    ("~x", refused("PS102", "operator ~ is not allowed")),
    ("x is None", refused("PS102", "comparison 'is' is not allowed; use == or !=")),
    ("b'ab'", refused("PS102", "bytes literals are not allowed")),
    ("1j", refused("PS102", "complex literals are not allowed")),
    ("...", refused("PS102", "ellipsis literals are not allowed")),
    ("await x", refused("PS102", "await is not allowed")),
    ("yield x", refused("PS107", "`yield x` is not a valid expression: it goes wrong at column 1, "
                                "at `yield`")),
    ("import os", refused("PS107", "`import os` is not a valid expression: it goes wrong at "
                                  "column 1, at `import`")),
    ("x = 1", refused("PS107", "`x = 1` is not a valid expression: it goes wrong at column 3, "
                                "at `=`")),
    ("x; x", refused("PS107", "`x; x` is not a valid expression: it goes wrong at column 2, "
                                "at `;`")),
])
def test_forbidden_syntax_is_refused_at_load(expression: str,
                                             outcome: tuple[str, str, str]) -> None:
    assert expression_error(expression) == outcome
