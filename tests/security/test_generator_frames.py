"""Generator internals: ``gi_frame``, ``gi_code`` (whose ``co_consts`` leaked data in simpleeval's
defaults) and ``f_back`` from a generator object, or a generator over something other than a
list input.

A generator is allowed only as the argument of one of our functions, over a declared list
input, with a plain row variable, and attributes only on that variable's declared fields; so the
generator object is never a value an expression can touch. All refused at load.
"""

from __future__ import annotations

import pytest

from tests.security.sandbox import expression_error

ATTRIBUTE = ("ExpressionError", "PS104", "attribute access is only allowed on the row variable "
             "of a generator (p.field in `sum(p.field for p in rows)`)")
ONLY_LISTS = ("ExpressionError", "PS104", "a generator can only range over a list input (rows)")
ONE_FOR = ("ExpressionError", "PS102", "a generator may have only one `for`")
FORM = ("ExpressionError", "PS102", "a generator needs the form `… for row in rows`")


@pytest.mark.parametrize(("expression", "outcome"), [
    ("(p for p in rows).gi_frame", ATTRIBUTE),
    ("sum(p.v for p in rows).gi_code", ATTRIBUTE),
    ("count(p for p in rows).gi_frame.f_back", ATTRIBUTE),
    ("sum(p.gi_frame for p in rows)",
     ("ExpressionError", "PS104", "rows of 'rows' have no field 'gi_frame'")),
    ("(p.v for p in rows)", ("ExpressionError", "PS102",
                             "a generator must be the argument of a function such as sum(...)")),
    ("sum(q.v for q in (p for p in rows))", ONLY_LISTS),
    ("sum(1 for p in t)", ONLY_LISTS),
    ("sum(p.v for p in rows for q in rows)", ONE_FOR),
    ("sum(1 for (a, b) in rows)", FORM),
    ("sum(1 for p.v in rows)", FORM),
    ("sum(1 for sum in rows)",
     ("ExpressionError", "PS102", "'sum' already names something; choose another row variable")),
    ("[p for p in rows]", ("ExpressionError", "PS102",
                           "list comprehensions are not allowed; use a generator inside sum(...)")),
])
def test_generator_internals_are_refused_at_load(expression: str,
                                                 outcome: tuple[str, str, str]) -> None:
    assert expression_error(expression) == outcome


def test_a_row_never_leaves_its_generator() -> None:
    """The one thing a generator may yield besides numbers is a row (a plain mapping of its
    declared fields); a function that would hand it back is refused when the scheme loads."""
    assert expression_error("max(p for p in rows)") == (
        "ExpressionError", "PS126", "max() needs numbers, but `p` is a row")
    assert expression_error("sum(p for p in rows)") == (
        "ExpressionError", "PS126", "sum() needs numbers, but `p` is a row")
