"""The ``explain:`` template of an indicator: attribute and index access through a format field
(``{value.__class__}``, ``{name.__init__.__globals__}``, ``{value[0]}``), format specs that
allocate (``{value:>4000000000}``, nested ``{value:{value}}``), conversions, positional fields,
and a thousand ``{name}`` repeating a long name a thousand times in every result.

Only the bare placeholders ``{value} {target} {points} {max} {name}`` are allowed, at most ten of
them; the template is checked when the scheme loads (PS118) and filled by substitution, never
by ``str.format``.
"""

from __future__ import annotations

import pytest

import perfscore
from tests.security.sandbox import load_error, scheme

USE = "is not allowed; use {value} {target} {points} {max} {name}"


def leaf(explain: str) -> str:
    return scheme(indicators=[{"id": "a", "name": "A", "points": 100, "value": "x",
                               "target": "1", "score": "ratio", "explain": explain}])


@pytest.mark.parametrize(("template", "message"), [
    ("{value.__class__}", f"placeholder {{value.__class__}} {USE}"),
    ("{name.__init__.__globals__}", f"placeholder {{name.__init__.__globals__}} {USE}"),
    ("{value[0]}", f"placeholder {{value[0]}} {USE}"),
    ("{value:>4000000000}", f"placeholder {{value:>4000000000}} {USE}"),
    ("{value:{value}}", f"placeholder {{value:{{value}}}} {USE}"),
    ("{value!r}", f"placeholder {{value!r}} {USE}"),
    ("{0}", f"placeholder {{0}} {USE}"),
    ("{}", f"placeholder {{}} {USE}"),
    ("{{{", "invalid template: Single '{' encountered in format string"),
    ("{name}" * 11, "a template may have at most 10 placeholders"),
    ("{name}" * 1000, "a template may have at most 10 placeholders"),
])
def test_a_dangerous_template_is_refused_at_load(template: str, message: str) -> None:
    error = load_error(leaf(template))
    assert (type(error), error.code, error.where, error.message) == (
        perfscore.SchemeError, "PS118", "a", message)


def test_an_allowed_template_is_filled_by_substitution() -> None:
    scheme_ = perfscore.loads(leaf("{name} {value}/{target}: {points} of {max} {{value}}"))
    assert scheme_.score({"x": "0.5"})["a"].explain() == "A 0.5/1: 50 of 100 {value}"
    assert perfscore.loads(leaf("{name}" * 10)).score({"x": 1})["a"].explain() == "A" * 10
