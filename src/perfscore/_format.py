"""The scheme file format v1, as pydantic models.

These models say which keys exist and what shape their values have; they know nothing of
expressions or scoring (that is ``_compile``). Every model forbids unknown keys, so a typo is an
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
    WrapValidator,
    model_validator,
)

from ._limits import (
    MAX_CASES,
    MAX_CHECKS,
    MAX_GRADES,
    MAX_NAMES,
    MAX_PROBLEMS,
    MAX_PROPERTIES,
)
from ._numbers import is_bounded, plain
from ._text import lookalike

LISTS = {"grades": MAX_GRADES, "checks": MAX_CHECKS, "cases": MAX_CASES,
         "properties": MAX_PROPERTIES}
"""The longest each of a scheme's lists may be (checked as the YAML is read, and again on the
merged chain): every entry costs work at load, in each record or in ``perfscore test``."""
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
SCHEME_ID_PATTERN = r"^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$"
EDITION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$"
"""What an edition may be (checked as PS029): it is written after ``@`` in a reference."""
METHODS = ("ratio", "reverse", "equal", "tiers", "deduct", "linear", "levels", "checklist",
           "formula")


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


class Tier(_Model):
    if_: Expression | None = Field(None, alias="if")
    points: Points | None = None
    else_: Points | None = Field(None, alias="else")

    @model_validator(mode="after")
    def _one_form(self) -> Tier:
        if self.else_ is not None:
            if self.if_ is not None or self.points is not None:
                raise ValueError("an `else` tier has no `if` or `points`")
        elif self.if_ is None or self.points is None:
            raise ValueError("a tier needs `if` and `points` (or is `{else: n}`)")
        return self


class RatioParams(_Model):
    cap: Annotated[Number, Field(gt=0)] = Decimal(1)


class ReverseParams(_Model):
    variant: Literal["linear", "inverse"] = "linear"


class NoParams(_Model):
    pass


class DeductParams(_Model):
    above: Number | None = None
    below: Number | None = None
    per: Annotated[Number, Field(gt=0)]
    points: Points
    steps: Literal["exact", "ceil", "floor"] = "exact"
    max: Points | None = None

    @model_validator(mode="after")
    def _one_side(self) -> DeductParams:
        if (self.above is None) == (self.below is None):
            raise ValueError("give exactly one of `above` and `below`")
        return self


def _method_shorthand(value: Any) -> Any:
    """``score: ratio`` is ``score: {ratio: {}}``; ``{ratio: null}`` likewise."""
    if isinstance(value, str):
        return {value: {}}
    if isinstance(value, dict):
        return {k: ({} if v is None and k in ("ratio", "reverse", "equal") else v)
                for k, v in value.items()}
    return value


class ScoreSpec(_Model):
    ratio: RatioParams | None = None
    reverse: ReverseParams | None = None
    equal: NoParams | None = None
    tiers: Annotated[list[Tier], Field(min_length=1)] | None = None
    deduct: DeductParams | None = None
    linear: Annotated[list[tuple[Number, Points]], Field(min_length=2)] | None = None
    levels: Annotated[dict[str, Annotated[Number, Field(ge=0, le=1)]],
                      Field(min_length=1)] | None = None
    checklist: Annotated[dict[Name, Points], Field(min_length=1)] | None = None
    formula: Expression | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return _method_shorthand(value)

    @model_validator(mode="after")
    def _exactly_one(self) -> ScoreSpec:
        if len(self.model_fields_set) != 1:
            raise ValueError(f"give exactly one scoring method: {', '.join(METHODS)}")
        return self

    @property
    def method(self) -> str:
        (name,) = self.model_fields_set
        return name


class Review(_Model):
    over_target: Annotated[Number, Field(gt=0)]


Missing = Literal["exclude", "zero", "error"]


class IndicatorSpec(_Model):
    id: Name
    name: str
    points: Points | None = None
    children: Annotated[list[IndicatorSpec], Field(min_length=1)] | None = None
    value: Expression | None = None
    target: Expression | None = None
    unit: str | None = None
    score: ScoreSpec | None = None
    basis: str | list[str] | None = None
    missing: Missing | None = None
    review: Review | None = None
    explain: str | None = None
    kind: Literal["base", "bonus", "penalty"] = "base"
    under: Name | None = None

    @model_validator(mode="after")
    def _leaf_or_branch(self) -> IndicatorSpec:
        if self.children is not None:
            leaf_keys = [k for k in ("value", "target", "score", "review", "explain", "unit")
                         if getattr(self, k) is not None]
            if leaf_keys:
                raise ValueError(f"a branch (with `children`) has no {', '.join(leaf_keys)}")
            return self
        if self.points is None:
            raise ValueError("a leaf indicator needs `points`")
        if self.score is None:
            raise ValueError("a leaf indicator needs `score` (or `children` for a branch)")
        if self.value is None and self.score.method not in ("checklist", "formula"):
            raise ValueError(f"`score: {self.score.method}` needs a `value`")
        return self


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


def _cases(value: Any, handler: Any) -> Any:
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


def _edition_text(value: Any) -> Any:
    return str(value) if isinstance(value, int | Decimal) and not isinstance(value, bool) else value


class SchemeDoc(_Model):
    perfscore: Literal[1]
    id: Annotated[str, Field(pattern=SCHEME_ID_PATTERN)]
    edition: Annotated[str, BeforeValidator(_edition_text, json_schema_input_type=str | int)]
    title: str
    locale: Literal["zh-CN", "en"] = "zh-CN"
    basis: list[str] = []
    settings: Settings = Settings()
    inputs: Annotated[dict[Name, InputSpec], Field(max_length=MAX_NAMES)]
    let: Annotated[dict[Name, Expression], Field(max_length=MAX_NAMES)] = {}
    checks: list[Check] = []
    indicators: Annotated[list[IndicatorSpec], Field(min_length=1)]
    grades: list[Grade] = []
    cases: Annotated[list[Case] | str, WrapValidator(_cases)] = []
    properties: list[Property] = []
    extends: str | None = None
    remove: list[Name] = []


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


def suggest(word: str, candidates: typing.Iterable[str]) -> str | None:
    """``did you mean …?`` for the closest candidate, if any is close."""
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean {match[0]!r}?" if match else None


def pydantic_problems(root: type[BaseModel], error: ValidationError
                      ) -> list[tuple[Loc, bool, str, str | None]]:
    """Each pydantic error as (location, is-about-a-key, message, suggestion); past
    ``MAX_PROBLEMS``, one more saying how many were left out (a file of 100,000 unknown keys
    must not cost 100,000 did-you-mean searches)."""
    problems: list[tuple[Loc, bool, str, str | None]] = []
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
