"""Underscore keys: names that start with ``_`` (``_secret``, ``__class__``, ``__dict__``) in a
scheme's inputs, row fields, lets and ids, in expressions, and as record keys.

Every name a scheme declares matches ``[a-z][a-z0-9_]*``, so no declared name starts with an
underscore and no expression can name one; a record's undeclared keys are rejected, or dropped
before scoring under ``extra_inputs: ignore``.
"""

from __future__ import annotations

from typing import Any

import pytest

import perfscore
from tests.security.sandbox import expression_error, load_error, scheme

PATTERN = "String should match pattern '^[a-z][a-z0-9_]*$'"
LIST = {"type": "list", "of": {"v": {"type": "number"}, "ok": {"type": "bool"}}}


@pytest.mark.parametrize(("text", "where"), [
    (scheme(inputs={"_x": {"type": "number"}}), "inputs._x.[key]"),
    (scheme(inputs={"x": {"type": "number"}, "__class__": {"type": "number"}}),
     "inputs.__class__.[key]"),
    (scheme(inputs={"x": {"type": "number"},
                    "rows": {"type": "list", "of": {"_secret": {"type": "number"}}}}),
     "inputs.rows.of._secret.[key]"),
    (scheme(let={"_x": "x"}), "let._x.[key]"),
    (scheme(indicators=[{"id": "_a", "name": "A", "points": 100, "score": {"formula": "x"}}]),
     "indicators.0.id"),
])
def test_a_scheme_cannot_declare_an_underscore_name(text: str, where: str) -> None:
    error = load_error(text)
    assert (type(error), error.code, error.message, error.where, len(error.errors)) == (
        perfscore.SchemeError, "PS012", PATTERN, where, 1)


@pytest.mark.parametrize(("expression", "outcome"), [
    ("_x", ("ExpressionError", "PS101", "unknown name '_x'")),
    ("__class__", ("ExpressionError", "PS101", "unknown name '__class__'")),
    ("x._y", ("ExpressionError", "PS104", "attribute access is only allowed on the row "
                                          "variable of a generator (p.field in "
                                          "`sum(p.field for p in rows)`)")),
    ("sum(p._v for p in rows)", ("ExpressionError", "PS104", "rows of 'rows' have no field '_v'")),
])
def test_an_expression_cannot_name_one(expression: str, outcome: tuple[str, str, str]) -> None:
    assert expression_error(expression) == outcome


@pytest.mark.parametrize(("record", "where", "suggestion"), [
    ({"x": 1, "_x": 2}, "_x", "did you mean 'x'?"),
    ({"x": 1, "__class__": 2}, "__class__", None),
    ({"x": 1, "rows": [{"v": 1, "ok": True, "_secret": 1}]}, "rows[0]._secret", None),
])
def test_a_record_key_with_an_underscore_is_rejected(record: dict[str, Any], where: str,
                                                     suggestion: str | None) -> None:
    with pytest.raises(perfscore.RecordError) as info:
        perfscore.loads(scheme()).score(record)
    error = info.value
    assert (error.code, error.message, error.where, error.suggestion) == (
        "PS301", f"{where}: the scheme declares no such field", where, suggestion)


def test_ignored_extra_keys_never_reach_the_scope() -> None:
    text = scheme(settings={"extra_inputs": "ignore"})
    result = perfscore.loads(text).score({"x": 7, "_x": 2, "__class__": 3, "__dict__": {}})
    assert result.total == 7
