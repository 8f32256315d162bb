"""The checks a scheme document passes before it is compiled: the format (pydantic models,
with every problem at its key), the keys that only an edition may use, ``explain``
templates, and declared properties naming real indicators and inputs.

Checks of expressions and of the indicator tree are the compiler's (``build``) and the
linter's (``lint``); the three together are every load-time check.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from .._common.errors import PerfscoreError, SchemeError
from .._common.limits import MAX_TEMPLATE_FIELDS
from .._source.format import (
    EDITION_PATTERN,
    NUMERIC_TYPES,
    TOTAL,
    pydantic_problems,
    suggest,
)
from .._source.yaml import Document, Path
from .document import IndicatorSpec, SchemeDoc


def check_document(document: Document, *, extends: bool) -> SchemeDoc:
    """The scheme document as a ``SchemeDoc``, or SchemeError with every problem found.

    ``extends``: the document is an edition merged onto its base (so ``remove`` and ``under``
    have something to apply to)."""
    try:
        doc = SchemeDoc.model_validate(document.data)
    except ValidationError as exc:
        raise SchemeError.collect(_format_errors(exc, document)) from None
    if not re.fullmatch(EDITION_PATTERN, doc.edition):
        raise SchemeError.of("PS033", {"edition": doc.edition}, **document.at(("edition",)),
                             where="edition")
    if not extends:
        _edition_keys_need_extends(doc, document)
    _check_templates(doc, document)
    check_declarations(doc, document)
    return doc


def _format_errors(error: ValidationError, document: Document) -> list[PerfscoreError]:
    return [SchemeError.of(key, params, **document.at(loc, key=is_key),
                           where=".".join(str(p) for p in loc) or None, suggestion=hint)
            for loc, is_key, key, params, hint in pydantic_problems(SchemeDoc, error)]


def _edition_keys_need_extends(doc: SchemeDoc, document: Document) -> None:
    """`remove`, `remove_inputs` and `under` say how an edition changes its base; without
    `extends` they would be silently ignored, so they are errors."""
    problems: list[PerfscoreError] = []
    if doc.remove:
        problems.append(SchemeError.of("PS029.remove", **document.at(("remove",))))
    if doc.remove_inputs:
        problems.append(SchemeError.of("PS029.remove_inputs", **document.at(("remove_inputs",))))

    def visit(specs: Any, path: tuple[str | int, ...]) -> None:
        for index, spec in enumerate(specs):
            here = (*path, index)
            if spec.under is not None:
                problems.append(SchemeError.of("PS029.under",
                                               **document.at((*here, "under"), key=True),
                                               where=spec.id))
            visit(spec.children or [], (*here, "children"))

    visit(doc.indicators, ("indicators",))
    if problems:
        raise SchemeError.collect(problems)


TEMPLATE_FIELDS = ("value", "target", "points", "max", "name")


def check_template(template: str) -> tuple[str, dict[str, Any]] | None:
    """The problem with an ``explain`` template (catalog key and arguments), or None. Only
    bare ``{field}`` placeholders are allowed, and few: attribute access or a format spec in a
    template could read or allocate, and a thousand ``{name}`` would repeat a long name a
    thousand times per record."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        return "PS118.syntax", {"problem": str(exc)}
    if sum(name is not None for _, name, _, _ in parts) > MAX_TEMPLATE_FIELDS:
        return "PS118.count", {"limit": MAX_TEMPLATE_FIELDS}
    for _, field_name, spec, conversion in parts:
        if field_name is None:
            continue
        if field_name not in TEMPLATE_FIELDS or spec or conversion:
            written = field_name + (f"!{conversion}" if conversion else "") + (
                f":{spec}" if spec else "")
            return "PS118", {"written": written,
                             "fields": " ".join(f"{{{f}}}" for f in TEMPLATE_FIELDS)}
    return None


def _check_templates(doc: SchemeDoc, document: Document) -> None:
    problems: list[PerfscoreError] = []

    def visit(specs: Any, path: tuple[str | int, ...]) -> None:
        for index, spec in enumerate(specs):
            here = (*path, index)
            if spec.children:
                visit(spec.children, (*here, "children"))
            elif spec.explain is not None and (problem := check_template(spec.explain)):
                problems.append(SchemeError.of(*problem, **document.at((*here, "explain")),
                                               where=spec.id))

    visit(doc.indicators, ("indicators",))
    if problems:
        raise SchemeError.collect(problems)


def _ids(specs: Iterable[IndicatorSpec]) -> list[str]:
    found: list[str] = []
    for spec in specs:
        found.append(spec.id)
        found += _ids(spec.children or ())
    return found


def check_declarations(doc: SchemeDoc, document: Document) -> None:
    """Every property names an indicator (or ``total``) and an input of the right type;
    raises SchemeError with every problem."""
    ids = _ids(doc.indicators)
    problems: list[PerfscoreError] = []
    for index, prop in enumerate(doc.properties):
        at: Path = ("properties", index, prop.kind)
        target = prop.about
        if target not in ids and target != TOTAL:
            problems.append(SchemeError.of(
                "PS240", {"name": target},
                **document.at(at if prop.bounded is not None else (*at, "indicator")),
                where=target, suggestion=suggest(target, [*ids, TOTAL])))
        field = prop.varies
        if field is None:
            continue
        key = "of" if prop.independent is not None else "in"
        spec = doc.inputs.get(field)
        if spec is None:
            problems.append(SchemeError.of(
                "PS241", {"name": field}, **document.at((*at, key)), where=field,
                suggestion=suggest(field, doc.inputs)))
        elif key == "in" and spec.type not in NUMERIC_TYPES:
            problems.append(SchemeError.of(
                "PS242", {"kind": prop.kind, "name": field, "type": spec.type},
                **document.at((*at, key)), where=field))
    if problems:
        raise SchemeError.collect(problems)


