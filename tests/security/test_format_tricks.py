"""``format``/``format_map``, f-strings and ``%`` formatting: reading attributes through a format
field (``'{0.__class__}'``) or allocating through a width (``f'{1:4000000000}'``,
``'%4000000000d' % 1``).

No string method can be called, f-strings are refused as syntax, and ``%`` needs numbers, so
each is an ExpressionError when the scheme loads; nothing is formatted.
"""

from __future__ import annotations

import pytest

from tests.security.sandbox import expression_error

METHOD = ("ExpressionError", "PS103", "only the functions abs, clamp, coalesce, count, len, max, "
          "mean, min, round, sum can be called; methods are not allowed")
F_STRING = ("ExpressionError", "PS102", "f-strings are not allowed")


@pytest.mark.parametrize(("expression", "outcome"), [
    ("'{0.__class__}'.format(x)", METHOD),
    ("'{0.__init__.__globals__}'.format(x)", METHOD),
    ("'{a}'.format_map(x)", METHOD),
    ("t.format(x)", METHOD),
    ("f'{x}'", F_STRING),
    ("f'{1:4000000000}'", F_STRING),
    ("f'{x!r:>{x}}'", F_STRING),
    ("'%4000000000d' % 1",
     ("ExpressionError", "PS120", "`%` needs numbers, but `'%4000000000d'` is text")),
    ("'%s' % t", ("ExpressionError", "PS120", "`%` needs numbers, but `'%s'` is text")),
    ("format(x, '>4000000000')", ("ExpressionError", "PS103", "unknown function 'format'")),
    ("str(x)", ("ExpressionError", "PS103", "unknown function 'str'")),
])
def test_formatting_is_refused_at_load(expression: str, outcome: tuple[str, str, str]) -> None:
    assert expression_error(expression) == outcome
