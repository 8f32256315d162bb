"""The JSON Schema of scheme files themselves, for editors (``perfscore schema --file-format``).

It is generated from the pydantic models that validate the format (``_format``), so the two
cannot drift. Saved next to the schemes, it lets VS Code's YAML extension check and complete a
scheme as it is typed, through a first line
``# yaml-language-server: $schema=perfscore-scheme.schema.json``.

A file that ``extends`` another is a partial scheme: it needs only ``perfscore`` and
``extends``, and each of its indicators only an ``id`` (an entry that changes an indicator of the
base gives just the keys it changes). Every key it does give is checked as in a full scheme.
What JSON Schema cannot say — expressions, tier coverage, points that add up — is left to
``perfscore check``.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

from .._methods import METHODS
from .document import SchemeDoc, ScoreSpec


def _shorthands() -> list[str]:
    """The methods ``score:`` may name alone (``score: ratio``): those needing no parameter."""
    found = []
    for method in METHODS:
        try:
            ScoreSpec.model_validate(method)
        except ValidationError:
            continue
        found.append(method)
    return found


def format_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scheme file, full or extending another."""
    schema = SchemeDoc.model_json_schema()
    defs = schema["$defs"]
    defs["ScoreSpec"] = {"anyOf": [{"type": "string", "enum": _shorthands()},
                                   defs["ScoreSpec"]]}
    edit = copy.deepcopy(defs["IndicatorSpec"])
    edit.update(title="IndicatorEdit", required=["id"])
    defs["IndicatorEdit"] = edit
    properties = schema["properties"]
    full = properties["indicators"]
    properties["indicators"] = {**full, "items": {"$ref": "#/$defs/IndicatorEdit"}}
    required = schema.pop("required")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "perfscore scheme file",
        "description": "A perfscore scheme (format version 1 or 1.1). A file with `extends` "
                       "changes the scheme it extends and may leave out what it does not "
                       "change.",
        "required": ["perfscore"],
        "if": {"required": ["extends"]},
        "else": {"required": required, "properties": {"indicators": full}},
    }
