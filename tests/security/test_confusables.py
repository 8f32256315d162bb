"""Unicode confusables in ids: a Cyrillic ``а`` in an indicator id, a zero-width space in an
input name, a Unicode hyphen in the scheme id, a look-alike key in the scheme, a look-alike name
in an expression and a look-alike field in a record — each makes two different names look the
same, so an error about them would otherwise name something that looks correct.

Ids are ASCII by their patterns (``[a-z][a-z0-9_]*``); every message about a name that is not
ASCII says which character is not what it seems.
"""

from __future__ import annotations

from typing import Any

import pytest

import perfscore
from tests.security.sandbox import formula, load_error, scheme

NOT_ASCII = "it contains {}, which is not an ASCII letter or digit"


def hint(character: str) -> str:
    return NOT_ASCII.format(character)


@pytest.mark.parametrize(("text", "outcome"), [
    (scheme(indicators=[{"id": "st\u0430rt", "name": "A", "points": 100,
                         "score": {"formula": "x"}}]),
     ("PS012", "String should match pattern '^[a-z][a-z0-9_]*$'",
      hint("'а' U+0430 (CYRILLIC SMALL LETTER A)"))),
    (scheme(inputs={"ke\u200by": {"type": "number"}}),
     ("PS012", "String should match pattern '^[a-z][a-z0-9_]*$'",
      hint("U+200B (ZERO WIDTH SPACE)"))),
    (scheme(id="attack\u2010x"),
     ("PS012", "String should match pattern '^[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)*$'",
      hint("'‐' U+2010 (HYPHEN)"))),
    (scheme(**{"t\u0456tle": "x"}),
     ("PS011", "unknown key 'tіtle'", "did you mean 'title'? — "
      + hint("'і' U+0456 (CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I)"))),
    (formula("\u0445 + 1"),
     ("PS101", "unknown name 'х'", hint("'х' U+0445 (CYRILLIC SMALL LETTER HA)"))),
    (formula("sum(p.\u03bd for p in rows)"),
     ("PS104", "rows of 'rows' have no field 'ν'", hint("'ν' U+03BD (GREEK SMALL LETTER NU)"))),
])
def test_a_lookalike_in_a_scheme_is_named(text: str, outcome: tuple[str, str, Any]) -> None:
    error = load_error(text)
    assert (error.code, error.message, error.suggestion) == outcome
    assert len(error.errors) == 1


def test_a_lookalike_field_in_a_record_is_named() -> None:
    with pytest.raises(perfscore.RecordError) as info:
        perfscore.loads(scheme()).score({"x": 1, "\u0445": 2})
    error = info.value
    assert (error.code, error.message, error.suggestion) == (
        "PS301", "'х': the scheme declares no such field",
        hint("'х' U+0445 (CYRILLIC SMALL LETTER HA)"))


def test_a_fullwidth_name_in_an_expression_is_the_ascii_name() -> None:
    """Python reads identifiers in NFKC form, so ``ｘ`` *is* ``x``: no second name hides."""
    assert perfscore.loads(formula("\uff58 + 1")).score({"x": 1}).total == 2
