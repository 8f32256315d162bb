"""Records: the pydantic model generated from a scheme's ``inputs``, its errors, and the plain
scope that expressions see.

Validation is pydantic's; what is ours is the value rules (exact numbers, percent text, no
NaN/Inf), the error messages in the scheme's language naming each field with its label, and the
conversion of a validated record into plain values (never the model object, whose methods an
expression must not reach).
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Mapping
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
from .._common.messages import either, lookalike
from .._common.numbers import HUNDRED, ZERO, plain, to_decimal
from .._common.text import visible
from .._expr.functions import Absent
from .._source.format import InputSpec, suggest
from .._source.yaml import Document

_BIG = 10**MAX_NUMBER_EXPONENT


def _number(value: Any) -> Decimal:
    try:
        return to_decimal(value)
    except ValueError:
        pass
    try:  # say which rule the value broke
        written = (Decimal(str(value).strip()) if isinstance(value, str | float | Decimal)
                   else ZERO if isinstance(value, int)  # refused only when too large
                   else None)
    except decimal.InvalidOperation:
        written = None
    if written is None or isinstance(value, bool):
        raise PydanticCustomError("ps_number", "must be a number")
    if not written.is_finite():
        raise PydanticCustomError("ps_finite", "must be a finite number")
    raise PydanticCustomError(
        "ps_range", "is out of range (at most {digits} significant digits, magnitude below "
        "1e{exponent})", {"digits": MAX_NUMBER_DIGITS, "exponent": MAX_NUMBER_EXPONENT + 1})


def _percent(value: Any) -> Decimal:
    """A fraction: ``0.8605``, or the text ``"86.05%"`` (exactly 0.8605)."""
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        return _number(value.strip()[:-1]) / HUNDRED
    return _number(value)


_TRUTH = {"true": True, "false": False, "是": True, "否": False, "yes": True, "no": False,
          "1": True, "0": False}


def _bool(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in _TRUTH:
        return _TRUTH[value.strip().lower()]
    if isinstance(value, bool):
        return value
    raise PydanticCustomError("ps_bool", "must be true or false")


def _whole(value: Any) -> Any:
    """pydantic would take ``true`` as 1 (a count is never a yes/no) and any size of int."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= _BIG:
        raise PydanticCustomError(
            "ps_range", "is out of range (at most {digits} significant digits, magnitude below "
            "1e{exponent})", {"digits": MAX_NUMBER_DIGITS, "exponent": MAX_NUMBER_EXPONENT + 1})
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "must be a whole number")
    return value


def _text(value: Any) -> Any:
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    return value


_PERCENT_TEXT = r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*[%％]\s*$"
# What the record model accepts as text, for the JSON Schema: a decimal as ``to_decimal``
# reads it (underscores anywhere are dropped), a whole number as ``int`` reads it (an
# underscore between digits), and the words a bool may be written with.
_DIGITS = r"[\d_]*\d[\d_]*"


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c}]" if c.isascii() and c.isalpha() else re.escape(c)
                   for c in word)


_NUMBER_TEXT = rf"^[\s_]*[-+]?_*({_DIGITS}(\.[\d_]*)?|_*\.{_DIGITS})([eE]_*[-+]?{_DIGITS})?[\s_]*$"
_WHOLE_TEXT = r"^\s*[-+]?\d(_?\d)*\s*$"
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


_ZH = {
    "missing": "缺少必填字段",
    "extra_forbidden": "方案未声明此字段",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "greater_than": "必须大于 {gt}",
    "less_than": "必须小于 {lt}",
    "literal_error": "必须是以下之一：{expected}",
    "int_parsing": "必须是整数",
    "int_from_float": "必须是整数",
    "int_type": "必须是整数",
    "ps_number": "必须是数值",
    "ps_finite": "必须是有限的数值",
    "finite_number": "必须是有限的数值",
    "ps_range": "超出允许的数值范围（最多 {digits} 位有效数字，绝对值小于 1e{exponent}）",
    "ps_bool": "必须是 true 或 false",
    "string_type": "必须是文本",
    "list_type": "必须是一组行（列表）",
    "model_type": "必须是字段映射",
    "dict_type": "必须是字段映射",
    "too_long": "超过上限（最多 {max_length}）",
    "string_too_long": "超过上限（最多 {max_length} 个字符）",
}
_EN = {
    "missing": "required field is missing",
    "extra_forbidden": "the scheme declares no such field",
    "ps_number": "must be a number",
    "ps_finite": "must be a finite number",
    "ps_range": "is out of range (at most {digits} significant digits, magnitude below "
                "1e{exponent})",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "greater_than": "must be greater than {gt}",
    "less_than": "must be less than {lt}",
    "literal_error": "must be one of: {expected}",
    "ps_bool": "must be true or false",
    "finite_number": "must be a finite number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_type": "must be a whole number",
}


def _message(error: Mapping[str, Any], lang: str, spec: InputSpec | None) -> str:
    table = _ZH if lang == "zh" else _EN
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
        problems.append(RecordError(
            f"{named}: {_message(item, lang, spec)}", file=file, line=pos.line if pos else None,
            column=pos.column if pos else None, where=field, label=label, code="PS301",
            suggestion=suggestion))
    # in the order of the file, as a compiler lists them (pydantic's is the scheme's); a
    # missing field points at the record's start, so it comes first
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    if len(items) > MAX_PROBLEMS:
        problems.append(RecordError(f"{len(items) - MAX_PROBLEMS:,} more problems not shown",
                                    file=file, code="PS301"))
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
    """The record as plain values: numbers as Decimal, rows as dicts, absent as ``Absent``."""
    scope = dict(record.__dict__)
    for name, value in scope.items():
        if type(value) not in _PLAIN:  # a call per field only where there is work to do
            scope[name] = _plain(value, name)  # replaces a value: the dict keeps its size
    return scope


_PLAIN = frozenset((Decimal, str, bool))
"""Types a validated record holds that are already plain values."""
