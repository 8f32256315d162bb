"""Dunder walks: reaching Python's object graph (``__class__``, ``__subclasses__``,
``__globals__``, ``__builtins__``) from anything an expression can name.

The checker refuses them when the scheme loads, so nothing runs: every case is an
ExpressionError at the offending node. In-process, since a refused scheme never evaluates.
"""

from __future__ import annotations

import pytest

from tests.security.sandbox import expression_error, formula, load_error

ATTRIBUTE = ("ExpressionError", "PS104", "attribute access is only allowed on the row variable "
             "of a generator (p.field in `sum(p.field for p in rows)`)")
METHOD = ("ExpressionError", "PS103", "only the functions abs, clamp, coalesce, count, len, max, "
          "mean, min, round, sum can be called; methods are not allowed")


@pytest.mark.parametrize(("expression", "outcome"), [
    ("x.__class__", ATTRIBUTE),
    ("x.__globals__", ATTRIBUTE),
    ("abs.__globals__", ATTRIBUTE),
    ("round.__self__", ATTRIBUTE),
    ("x.__class__.__bases__[0].__subclasses__()", METHOD),
    ("().__class__.__bases__[0].__subclasses__()", METHOD),
    ("''.__class__.__mro__[1].__subclasses__()", METHOD),
    ("sum(p.v.__class__ for p in rows)", ATTRIBUTE),
    ("sum(p.__class__ for p in rows)",
     ("ExpressionError", "PS104", "rows of 'rows' have no field '__class__'")),
    ("sum(p.v for p in rows if p.__dict__)",
     ("ExpressionError", "PS104", "rows of 'rows' have no field '__dict__'")),
    ("max(p.__globals__ for p in rows)",
     ("ExpressionError", "PS104", "rows of 'rows' have no field '__globals__'")),
    ("__builtins__", ("ExpressionError", "PS101", "unknown name '__builtins__'")),
    ("__import__('os')", ("ExpressionError", "PS103", "unknown function '__import__'")),
])
def test_dunder_walk_is_refused_at_load(expression: str, outcome: tuple[str, str, str]) -> None:
    assert expression_error(expression) == outcome


def test_the_refusal_points_at_the_attribute() -> None:
    error = load_error(formula("x + x.__class__"))
    # the document is one line of JSON; `x.__class__` starts 4 characters into the expression
    assert (error.file, error.where) == ("attack.yaml", "a")
    assert error.column is not None and error.line == 1
    assert error.column == formula("x + x.__class__").index("x + x") + 1 + 4
