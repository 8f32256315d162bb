"""The scheme file format v1, as pydantic models: the values a scheme is written with
(numbers, points, expressions, names), inputs, settings, checks, grades, cases and properties.

The indicator and its ``score:`` key are assembled from the methods' own parameter models in
``_model.document``. These models say which keys exist and what shape their values have; they
know nothing of expressions or scoring. Every model forbids unknown keys, so a typo is an
error with a suggestion rather than a silently ignored rule. The same models give the JSON Schema
of the format.
"""

from __future__ import annotations

import difflib
import types
import typing
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from .._common.limits import MAX_NAMES, MAX_PROBLEMS
from .._common.messages import Hint, did_you_mean, lookalike
from .._common.numbers import is_bounded, plain

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
SCHEME_ID_PATTERN = r"^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$"


def _bounded(number: Decimal) -> Decimal:
    if not is_bounded(number):
        raise ValueError("must be a finite number of reasonable size")
    return number


def _as_expression(value: Any) -> Any:
    """A number or boolean written where an expression goes is that literal's text."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal):
        return plain(Decimal(value))
    return value


Number = Annotated[Decimal, AfterValidator(_bounded)]
Points = Annotated[Decimal, AfterValidator(_bounded), Field(ge=0)]
_LITERAL = str | int | float | bool  # what YAML may write where text is read (for JSON Schema)
Expression = Annotated[str, BeforeValidator(_as_expression, json_schema_input_type=_LITERAL),
                       Field(min_length=1)]
Name = Annotated[str, Field(pattern=ID_PATTERN)]


class _Model(BaseModel):
    # a title, name or label written as a number (`title: 2025`) is that text
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True,
                              coerce_numbers_to_str=True)


ParamsModel = _Model
"""The base of a method's parameter model: unknown keys are errors, as everywhere."""


class Rounding(_Model):
    places: int = Field(2, ge=0, le=6)
    mode: Literal["half_up", "half_even", "down", "up"] = "half_up"


class Settings(_Model):
    rounding: Rounding = Rounding(places=2, mode="half_up")
    missing: Literal["exclude", "zero", "error"] = "exclude"
    total: Points = Decimal(100)
    extra_inputs: Literal["reject", "ignore"] = "reject"


InputType = Literal["number", "integer", "percent", "bool", "text", "choice", "list"]


class InputSpec(_Model):
    type: InputType
    label: str | None = None
    unit: str | None = None
    description: str | None = None
    min: Number | None = None
    max: Number | None = None
    required: bool = True
    default: Any = None
    options: list[Annotated[str, BeforeValidator(_as_expression,
                                                 json_schema_input_type=_LITERAL)]] | None = None
    of: Annotated[dict[Name, InputSpec], Field(max_length=MAX_NAMES)] | None = None

    @model_validator(mode="after")
    def _keys_fit_type(self) -> InputSpec:
        if (self.type == "choice") != (self.options is not None):
            raise ValueError("`options` is required for type choice, and only for it")
        if self.options is not None and len(set(self.options)) != len(self.options):
            raise ValueError("`options` must not repeat")
        if (self.type == "list") != (self.of is not None):
            raise ValueError("`of` is required for type list, and only for it")
        numeric = self.type in ("number", "integer", "percent")
        if not numeric and (self.min is not None or self.max is not None):
            raise ValueError(f"`min` and `max` apply to numbers, not to type {self.type}")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("`min` is greater than `max`")
        return self


class Check(_Model):
    rule: Expression
    message: str


class Review(_Model):
    over_target: Annotated[Number, Field(gt=0)]


class Grade(_Model):
    min: Number
    label: str


class Expect(_Model):
    total: Number | None = None
    grade: str | None = None
    items: dict[Name, Number] | None = None
    status: dict[Name, Literal["scored", "not_assessed"]] | None = None
    flags: list[Name] | None = None
    rejected: str | None = None


class Case(_Model):
    name: str
    input: dict[str, Any]
    expect: Expect


CASE_LIST: TypeAdapter[list[Case]] = TypeAdapter(list[Case])


def cases_or_file(value: Any, handler: Any) -> Any:
    """A list of cases, or the path of a YAML file holding that list (read by ``_cases``)."""
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("`cases` is a list of cases or the path of a file holding them")
        return value
    return CASE_LIST.validate_python(value)


class Monotone(_Model):
    """``increasing``/``decreasing``: the indicator's points (or ``total``) as one input grows."""

    indicator: Name
    in_: Name = Field(alias="in")


class Independent(_Model):
    indicator: Name
    of: Name


class Property(_Model):
    """One declared property, checked on generated records by ``perfscore test``."""

    increasing: Monotone | None = None
    decreasing: Monotone | None = None
    independent: Independent | None = None
    bounded: Name | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Property:
        if len(self.model_fields_set) != 1:
            raise ValueError("give exactly one property: increasing, decreasing, independent, "
                             "bounded")
        return self

    @property
    def kind(self) -> str:
        (name,) = self.model_fields_set
        return name

    @property
    def about(self) -> str:
        """The indicator id (or ``total``) the property is about."""
        about = self.increasing or self.decreasing or self.independent
        if about is not None:
            return about.indicator
        assert self.bounded is not None
        return self.bounded

    @property
    def varies(self) -> str | None:
        """The input the property varies (None for ``bounded``)."""
        monotone = self.increasing or self.decreasing
        if monotone is not None:
            return monotone.in_
        return self.independent.of if self.independent is not None else None

    def describe(self) -> str:
        """``increasing: start_rate in started_projects`` — the property as a line of text."""
        if self.independent is not None:
            return f"independent: {self.about} of {self.varies}"
        if self.bounded is not None:
            return f"bounded: {self.bounded}"
        return f"{self.kind}: {self.about} in {self.varies}"


TOTAL = "total"
"""The name a property uses for the scheme's total (unless an indicator is called that)."""
NUMERIC_TYPES = ("number", "integer", "percent")


# --- mapping pydantic errors back to the file -----------------------------------------------

Loc = tuple[str | int, ...]


def _unwrap(annotation: Any) -> Any:
    """The model, list or dict type inside ``Annotated`` and ``X | None``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def _model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next((f for n, f in current.model_fields.items()
                          if (f.alias or n) == part), None)
            if field is None:
                return None
            current = field.annotation
        elif origin is list:
            current = typing.get_args(current)[0]
        elif origin is dict:
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def allowed_keys(root: type[BaseModel], loc: Loc) -> list[str]:
    """The keys a mapping at ``loc`` may have, for did-you-mean suggestions."""
    model = _model_at(root, loc)
    if model is None:
        return []
    return [f.alias or n for n, f in model.model_fields.items()]


def suggest(word: str, candidates: typing.Iterable[str]) -> Hint | None:
    """``did you mean …?`` for the closest candidate, if any is close."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return did_you_mean(match[0]) if match else None


def pydantic_problems(root: type[BaseModel], error: ValidationError
                      ) -> list[tuple[Loc, bool, str, Hint | None]]:
    """Each pydantic error as (location, is-about-a-key, message, suggestion); past
    ``MAX_PROBLEMS``, one more saying how many were left out (a file of 100,000 unknown keys
    must not cost 100,000 did-you-mean searches)."""
    problems: list[tuple[Loc, bool, str, Hint | None]] = []
    items = error.errors(include_url=False)
    for item in items[:MAX_PROBLEMS]:
        loc = tuple(item["loc"])
        if item["type"] == "extra_forbidden":
            key = str(loc[-1])
            allowed = allowed_keys(root, loc[:-1])
            odd = lookalike(key)
            message = f"unknown key {key!r}" + (f": {odd}" if odd else "")
            problems.append((loc, True, message, suggest(key, allowed)))
        elif item["type"] == "string_pattern_mismatch" and (
                odd := lookalike(str(item["input"]))):
            problems.append((loc, False, f"{item['msg']}: {odd}", None))
        elif item["type"] == "missing":
            problems.append((loc[:-1], False, f"missing required key {loc[-1]!r}", None))
        else:
            message = item["msg"].removeprefix("Value error, ")
            problems.append((loc, False, message, None))
    if len(items) > MAX_PROBLEMS:
        problems.append(((), False, f"{len(items) - MAX_PROBLEMS:,} more problems not shown",
                         None))
    return problems
