"""Records: the pydantic model generated from a scheme's ``inputs``, its errors, and the plain
scope that expressions see.

Validation is pydantic's; what is ours is the value rules (exact numbers, percent text, no
NaN/Inf), the error messages in the scheme's language naming each field with its label, and the
conversion of a validated record into plain values (never the model object, whose methods an
expression must not reach).
"""

from __future__ import annotations

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
from pydantic_core import PydanticCustomError

from .._common.errors import RecordError
from .._common.limits import (
    MAX_LIST_ROWS,
    MAX_NUMBER_DIGITS,
    MAX_NUMBER_EXPONENT,
    MAX_PROBLEMS,
    MAX_TEXT_LENGTH,
)
from .._common.messages import FIELD_PROBLEMS_EN, FIELD_PROBLEMS_ZH, Term, either, lookalike
from .._common.numbers import NumberError, from_percent, plain, to_decimal
from .._common.text import quoted, visible
from .._expr.functions import Absent
from .._source.format import RECORD_KEYS, InputSpec, suggest
from .._source.yaml import Document

_RANGE = ("ps_range", "is out of range (at most {digits} significant digits, magnitude from "
          "1e-{exponent} to below 1e{above})",
          {"digits": MAX_NUMBER_DIGITS, "exponent": MAX_NUMBER_EXPONENT,
           "above": MAX_NUMBER_EXPONENT + 1})


def _read(convert: Callable[[Any], Decimal], value: Any) -> Decimal:
    """``convert(value)``, its refusal as the pydantic error that says which rule the value
    broke, echoing text that is not a number. Whatever a caller's number-like object raises
    is a refusal too: nothing but a record error leaves validation."""
    try:
        return convert(value)
    except NumberError as exc:
        kind = exc.kind
    except (ArithmeticError, TypeError, ValueError):
        kind = "number"
    if kind == "finite":
        raise PydanticCustomError("ps_finite", "must be a finite number")
    if kind == "range":
        raise PydanticCustomError(*_RANGE)
    if isinstance(value, str):
        raise PydanticCustomError("ps_text", "{text} is not a number", {"text": quoted(value)})
    raise PydanticCustomError("ps_number", "must be a number")


def _number(value: Any) -> Decimal:
    return _read(to_decimal, value)


def _percent(value: Any) -> Decimal:
    """A fraction: ``0.8605``, or the text ``"86.05%"`` (exactly 0.8605)."""
    return _read(from_percent, value)


_TRUTH = {"true": True, "false": False, "是": True, "否": False, "yes": True, "no": False,
          "1": True, "0": False}


def _bool(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in _TRUTH:
        return _TRUTH[value.strip().lower()]
    if isinstance(value, bool):
        return value
    raise PydanticCustomError("ps_bool", "must be true or false")


def _whole(value: Any) -> int:
    """A whole number, read and bounded as every number is (text, floats, numpy integers);
    ``true`` is no count."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "must be a whole number")
    try:
        number = _number(value)
    except PydanticCustomError as exc:
        if exc.type in ("ps_range", "ps_finite"):
            raise
        if exc.type == "ps_text":
            raise PydanticCustomError("ps_text_whole", "{text} is not a whole number",
                                      exc.context) from None
        raise PydanticCustomError("int_type", "must be a whole number") from None
    if number != number.to_integral_value():
        raise PydanticCustomError("int_from_float", "must be a whole number")
    return int(number)


def _text(value: Any) -> Any:
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    return value


# What the record model accepts as text, for the JSON Schema: a number as ``number_text``
# reads it (ASCII or full-width digits, thousands in groups of three), a percent, a whole
# number, and the words a bool may be written with.
_DIGIT = "[0-9０-９]"
_WHOLE = rf"[-+－＋]?({_DIGIT}{{1,3}}([,，]{_DIGIT}{{3}})+|{_DIGIT}+)"
_NUMBER = rf"({_WHOLE}([.．]{_DIGIT}*)?|[-+－＋]?[.．]{_DIGIT}+)([eE][-+]?[0-9]+)?"
_NUMBER_TEXT = rf"^\s*{_NUMBER}\s*$"
_PERCENT_TEXT = rf"^\s*{_NUMBER}\s*[%％]\s*$"
_WHOLE_TEXT = rf"^\s*{_WHOLE}([.．]0*)?([eE]\+?[0-9]+)?\s*$"


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c}]" if c.isascii() and c.isalpha() else re.escape(c)
                   for c in word)


_BOOL_TEXT = rf"^\s*({'|'.join(map(_any_case, _TRUTH))})\s*$"


def _field_type(spec: InputSpec) -> Any:
    bounds: dict[str, Any] = {}
    limits: dict[str, Any] = {"type": "number"}  # the JSON Schema of a number field
    if spec.min is not None:
        bounds["ge"] = spec.min
        limits["minimum"] = spec.min
    if spec.max is not None:
        bounds["le"] = spec.max
        limits["maximum"] = spec.max
    written = {"type": "string", "pattern": _NUMBER_TEXT}  # bounds apply, but not to text
    if spec.type == "number":
        return Annotated[Decimal, BeforeValidator(_number), Field(**bounds),
                         WithJsonSchema({"anyOf": [limits, written]})]
    if spec.type == "percent":
        text = {"type": "string", "pattern": _PERCENT_TEXT}
        return Annotated[Decimal, BeforeValidator(_percent), Field(**bounds),
                         WithJsonSchema({"anyOf": [limits, text, written]})]
    if spec.type == "integer":
        whole = {**limits, "type": "integer"}
        return Annotated[int, Field(**bounds), BeforeValidator(_whole), WithJsonSchema(
            {"anyOf": [whole, {"type": "string", "pattern": _WHOLE_TEXT}]})]
    if spec.type == "bool":
        return Annotated[bool, BeforeValidator(_bool), WithJsonSchema(
            {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": _BOOL_TEXT}]})]
    if spec.type == "text":
        return Annotated[str, BeforeValidator(_text), Field(max_length=MAX_TEXT_LENGTH)]
    if spec.type == "choice":
        assert spec.options is not None
        return Literal[tuple(spec.options)]
    assert spec.of is not None
    row = build_model("Row", spec.of, extra="reject")
    return Annotated[list[row], Field(max_length=MAX_LIST_ROWS)]  # type: ignore[valid-type]


def build_model(name: str, inputs: Mapping[str, InputSpec], *, extra: str,
                title: str | None = None, reserved: bool = False) -> type[BaseModel]:
    """The pydantic model of a record with these ``inputs``; ``reserved``: a whole record,
    which may also carry ``RECORD_KEYS``. Scoring reads none of those here: they are left
    out of the record's canonical form (its hash), and ``audit`` reads ``reported`` from the
    record as given."""
    fields: dict[str, Any] = {key: (Any, Field(None, exclude=True, title=key))
                              for key in (RECORD_KEYS if reserved else ())}
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
    """The record as plain values: numbers as Decimal, rows as dicts, absent as ``Absent``;
    without ``RECORD_KEYS``, which no expression reads."""
    scope = dict(record.__dict__)
    for key in RECORD_KEYS:
        scope.pop(key, None)
    for name, value in scope.items():
        if type(value) not in _PLAIN:  # a call per field only where there is work to do
            scope[name] = _plain(value, name)  # replaces a value: the dict keeps its size
    return scope


_PLAIN = frozenset((Decimal, str, bool))
"""Types a validated record holds that are already plain values."""
