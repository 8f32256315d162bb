"""Records: the pydantic model generated from a scheme's ``inputs``, its errors, and the plain
scope that expressions see.

Validation is pydantic's; what is ours is the value rules (exact numbers, percent text, no
NaN/Inf), the error messages in the scheme's language naming each field with its label, and the
conversion of a validated record into plain values (never the model object, whose methods an
expression must not reach).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    create_model,
)

from .._common.errors import RecordError, SchemeError
from .._common.limits import (
    MAX_LIST_ROWS,
    MAX_PROBLEMS,
    MAX_TEXT_LENGTH,
)
from .._common.messages import FIELD_PROBLEMS_EN, FIELD_PROBLEMS_ZH, Term, either, lookalike
from .._common.numbers import plain
from .._common.text import visible
from .._common.units import measured, same_kind
from .._expr.functions import Absent
from .._source.format import InputSpec, suggest
from .._source.yaml import Document
from .rows import Row
from .values import (
    BOOL_TEXT,
    DATE_TEXT,
    NUMBER,
    NUMBER_TEXT,
    PERCENT_TEXT,
    WHOLE_TEXT,
    bool_value,
    choice_value,
    date_value,
    measured_value,
    number_value,
    percent_value,
    text_value,
    whole_value,
)


def reader(spec: InputSpec) -> Callable[[Any], Any] | None:
    """The function that reads a value of this input before pydantic checks its type and
    bounds (None for a list, which pydantic reads alone)."""
    if spec.type == "number":
        if spec.unit is not None and measured(spec.unit):
            return functools.partial(measured_value, spec.unit)
        return number_value
    return _READERS.get(spec.type)


_READERS: dict[str, Callable[[Any], Any]] = {
    "percent": percent_value, "integer": whole_value, "bool": bool_value, "date": date_value,
    "text": text_value, "choice": choice_value}


def _field_type(spec: InputSpec) -> Any:
    if spec.type == "choice":
        assert spec.options is not None
        numbers = [number for number in map(_number, spec.options) if number is not None]
        return Annotated[Literal[tuple(spec.options)], BeforeValidator(choice_value),
                         WithJsonSchema({"enum": [*spec.options, *numbers]})]
    if spec.type == "rows":
        return Annotated[list[Row], Field(max_length=MAX_LIST_ROWS)]
    if spec.type == "list":
        assert spec.of is not None
        row = build_model("Row", spec.of, extra="reject")
        return Annotated[list[row], Field(max_length=MAX_LIST_ROWS)]  # type: ignore[valid-type]
    read = reader(spec)
    assert read is not None
    bounds: dict[str, Any] = {}
    limits: dict[str, Any] = {"type": "number"}  # the JSON Schema of a number field
    if spec.min is not None:
        bounds["ge"] = spec.min
        limits["minimum"] = spec.min
    if spec.max is not None:
        bounds["le"] = spec.max
        limits["maximum"] = spec.max
    written = {"type": "string", "pattern": NUMBER_TEXT}  # bounds apply, but not to text
    if spec.type == "number":
        if spec.unit is not None and measured(spec.unit):
            units = "|".join(map(re.escape, same_kind(spec.unit)))
            written = {"type": "string", "pattern": rf"^\s*{NUMBER}\s*({units})?\s*$"}
        return Annotated[Decimal, BeforeValidator(read), Field(**bounds),
                         WithJsonSchema({"anyOf": [limits, written]})]
    if spec.type == "percent":
        text = {"type": "string", "pattern": PERCENT_TEXT}
        return Annotated[Decimal, BeforeValidator(read), Field(**bounds),
                         WithJsonSchema({"anyOf": [limits, text, written]})]
    if spec.type == "integer":
        whole = {**limits, "type": "integer"}
        return Annotated[int, Field(**bounds), BeforeValidator(read), WithJsonSchema(
            {"anyOf": [whole, {"type": "string", "pattern": WHOLE_TEXT}]})]
    if spec.type == "bool":
        return Annotated[bool, BeforeValidator(read), WithJsonSchema(
            {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": BOOL_TEXT}]})]
    if spec.type == "date":
        return Annotated[datetime.date, BeforeValidator(read), WithJsonSchema({"anyOf": [
            {"type": "string", "format": "date"}, {"type": "string", "pattern": DATE_TEXT}]})]
    assert spec.type == "text"
    return Annotated[str, BeforeValidator(read), Field(max_length=MAX_TEXT_LENGTH),
                     WithJsonSchema({"anyOf": [{"type": "string", "maxLength": MAX_TEXT_LENGTH},
                                               {"type": "number"}]})]


def _number(option: str) -> int | float | None:
    """An option a number chooses (``choice_value``: its ``plain`` text), as that JSON
    number, or None."""
    if not _PLAIN_NUMBER.fullmatch(option):
        return None
    return float(option) if "." in option else int(option)


_PLAIN_NUMBER = re.compile(r"(0|-?[1-9][0-9]*)(\.[0-9]*[1-9])?|-0\.[0-9]*[1-9]")
"""A number as ``plain`` writes it."""


def build_model(name: str, inputs: Mapping[str, InputSpec], *, extra: str,
                title: str | None = None) -> type[BaseModel]:
    """The pydantic model of a record with these ``inputs``."""
    fields: dict[str, Any] = {}
    for field_name, spec in inputs.items():
        annotation = _field_type(spec)
        info: dict[str, Any] = {"title": spec.label or field_name}
        if spec.description:
            info["description"] = spec.description
        if spec.unit:
            info["json_schema_extra"] = {"unit": spec.unit}
        if spec.required and spec.default is None:
            fields[field_name] = (annotation, Field(**info))
        else:
            fields[field_name] = (annotation | None, Field(spec.default, **info))
    config = ConfigDict(extra="forbid" if extra == "reject" else "ignore", frozen=True,
                        validate_default=True, title=title or name)
    return create_model(name, __config__=config, **fields)


def _message(error: Mapping[str, Any], lang: str, spec: InputSpec | None) -> str:
    table = FIELD_PROBLEMS_ZH if lang == "zh" else FIELD_PROBLEMS_EN
    template = table.get(error["type"])
    if template is None:
        return str(error["msg"])
    context = {k: _context_value(k, v) for k, v in (error.get("ctx") or {}).items()}
    if spec is not None and spec.options is not None:  # the options as the scheme wrote them
        context["expected"] = ("、" if lang == "zh" else ", ").join(spec.options)
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return str(error["msg"])


def _context_value(key: str, value: Any) -> str:
    """A bound as a person writes it: ``0``, not ``Decimal('0')``."""
    if isinstance(value, Decimal):
        return plain(value)
    text = str(value)
    match = re.fullmatch(r"Decimal\('([^']*)'\)", text)
    return plain(Decimal(match.group(1))) if match else text


def _spec_at(inputs: Mapping[str, InputSpec], loc: tuple[Any, ...]) -> InputSpec | None:
    """The input (or list row field) an error location names."""
    specs: Mapping[str, InputSpec] | None = inputs
    found = None
    for part in loc:
        if isinstance(part, int):
            continue
        found = specs.get(part) if specs is not None else None
        if found is None:
            return None
        specs = found.of
    return found


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def record_errors(error: ValidationError, inputs: Mapping[str, InputSpec], lang: str,
                  file: str | None, document: Document | None) -> list[RecordError]:
    """Each pydantic error as a RecordError naming the field, its label and its position;
    past ``MAX_PROBLEMS``, one more saying how many were left out."""
    problems: list[RecordError] = []
    items = error.errors(include_url=False)
    for item in items[:MAX_PROBLEMS]:
        loc = tuple(item["loc"])
        field = _dotted(loc) or "record"
        spec = _spec_at(inputs, loc)
        label = spec.label if spec is not None else None
        shown = visible(field)  # a record's keys are untrusted text
        named = f"{shown} ({label})" if label and label != field else shown
        pos = document.pos(loc, key=item["type"] == "extra_forbidden") if document else None
        suggestion = None
        if item["type"] == "extra_forbidden" and len(loc) == 1:
            odd = lookalike(str(loc[0]))
            suggestion = either(suggest(str(loc[0]), inputs), odd)
        elif item["type"] == "literal_error" and spec is not None and spec.options:
            suggestion = suggest(str(item["input"]), spec.options)  # 达成 → 达成年度指标
        problem = Term(_message(item, "en", spec), _message(item, "zh", spec))
        problems.append(RecordError.of(
            "PS301", {"field": named, "problem": problem}, file=file,
            line=pos.line if pos else None, column=pos.column if pos else None, where=field,
            label=label, suggestion=suggestion, lang=lang))
    # in the order of the file, as a compiler lists them (pydantic's is the scheme's); a
    # missing field points at the record's start, so it comes first
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    if len(items) > MAX_PROBLEMS:
        problems.append(RecordError.of("PS301.more", {"count": len(items) - MAX_PROBLEMS},
                                       file=file, lang=lang))
    return problems


def refused_defaults(inputs: Mapping[str, InputSpec], document: Document) -> list[SchemeError]:
    """Each input's ``default`` that its own type refuses (a choice's default that is none of
    its options, a number's below its ``min``), as the scheme's error at that ``default``:
    left to the records, every record leaving the input out was rejected for a value it
    never gave."""
    defaulted = {name: spec for name, spec in inputs.items()
                 if spec.default is not None and spec.type != "rows"}
    if not defaulted:  # building a model costs a millisecond per input
        return []
    try:
        build_model("Defaults", defaulted, extra="ignore").model_validate({})
    except ValidationError as exc:
        refused = []
        for item in exc.errors(include_url=False):
            name = str(item["loc"][0])
            spec = defaulted[name]
            refused.append(SchemeError.of(
                "PS012.default", {"problem": Term(_message(item, "en", spec),
                                                  _message(item, "zh", spec))},
                **document.at(("inputs", name, "default")), where=name))
        return refused
    return []


def _plain(value: Any, name: str) -> Any:
    if value is None:
        return Absent(name)
    if type(value) is int:
        return Decimal(value)
    if isinstance(value, BaseModel):
        return {k: _plain(v, f"{name}.{k}") for k, v in value.__dict__.items()}
    if isinstance(value, list):
        return [_plain(v, name) for v in value]
    return value


def by_name(record: Mapping[str, Any], inputs: Mapping[str, InputSpec], lang: str,
            file: str | None = None) -> Mapping[str, Any]:
    """``record`` with the fields written by their label (``全年预算数: 1200``) under their
    input's name; a field given both ways is a RecordError naming both, every such field
    listed. A label that is also the name of an input stays that input."""
    labels = {spec.label: name for name, spec in inputs.items()
              if spec.label and spec.label not in inputs}
    if not any(key in labels for key in record):
        return record
    renamed: dict[str, Any] = {}
    twice: list[RecordError] = []
    for key, value in record.items():
        name = labels.get(key, key)
        if name in renamed:
            twice.append(RecordError.of("PS043.both", {"name": name,
                                                       "label": inputs[name].label},
                                        file=file, where=name, lang=lang))
        renamed[name] = value
    if twice:
        raise RecordError.collect(twice)
    return renamed


def scope_of(record: BaseModel) -> dict[str, Any]:
    """The record as plain values: numbers as Decimal, rows as dicts, absent as ``Absent``."""
    scope = dict(record.__dict__)
    for name, value in scope.items():
        if type(value) not in _PLAIN:  # a call per field only where there is work to do
            scope[name] = _plain(value, name)  # replaces a value: the dict keeps its size
    return scope


_PLAIN = frozenset((Decimal, str, bool, datetime.date))
"""Types a validated record holds that are already plain values."""
