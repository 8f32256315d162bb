"""Which inputs an edition drops: those it names in ``remove_inputs``, and those that only the
indicators it ``remove``s read (an input nothing reads any more would stay required, and be
warned about as unused).

This runs on the merged data, before expressions are parsed, so "reads" is read widely: an
input counts as read by whatever mentions its name in any text or key (an expression, a tier
test, a checklist item, a check, a let, a property, a case). A mention that is not a read
keeps an input, never drops one that is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _words(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield from _WORD.findall(data)
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _words(key)
            yield from _words(value)
    elif isinstance(data, list):
        for value in data:
            yield from _words(value)


def only_read_by(removed: list[Any], merged: dict[str, Any]) -> set[str]:
    """The inputs of ``merged`` that the ``removed`` indicators mention and nothing left in
    ``merged`` does."""
    inputs = merged.get("inputs")
    if not isinstance(inputs, dict):
        return set()
    mentioned = set(_words(removed)) & set(inputs)
    if not mentioned:
        return set()
    rest = {key: value for key, value in merged.items() if key != "inputs"}
    return mentioned - set(_words(rest))
