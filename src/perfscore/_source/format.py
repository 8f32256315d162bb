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
from pydantic_core import PydanticCustomError

from .._common.limits import (
    MAX_CASES,
    MAX_CHECKS,
    MAX_GRADES,
    MAX_NAMES,
    MAX_PROBLEMS,
    MAX_PROPERTIES,
)
from .._common.messages import (
    FIELD_PROBLEMS_ZH,
    Hint,
    Term,
    did_you_mean,
    either,
    lookalike,
    render,
)
from .._common.numbers import PERCENT_SIGNS, NumberError, from_percent, is_bounded, plain

LISTS = {"grades": MAX_GRADES, "checks": MAX_CHECKS, "cases": MAX_CASES,
         "properties": MAX_PROPERTIES}
"""The longest each of a scheme's lists may be (checked as the YAML is read, and again on the
merged chain): every entry costs work at load, in each record or in ``perfscore test``."""
ID_PATTERN = r"^[a-z][a-z0-9_]*$"
SCHEME_ID_PATTERN = r"^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$"
EDITION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$"
"""What an edition may be (checked as PS033): it is written after ``@`` in a reference."""


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


def _percent(value: Any) -> Any:
    """``95%`` written where a number goes is 0.95, exactly, as in a tier's test."""
    if isinstance(value, str) and value.strip().endswith(PERCENT_SIGNS):
        try:
            return from_percent(value)
        except NumberError as exc:
            raise ValueError(f"{value.strip()!r} is not a percent" if exc.kind == "number"
                             else str(exc)) from None
    return value


Number = Annotated[Decimal, BeforeValidator(_percent, json_schema_input_type=Decimal | str),
                   AfterValidator(_bounded)]
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


class AuditSettings(_Model):
    """How far a unit's reported points may stray before ``perfscore audit`` says so: per
    item (``tolerance``), and for a total against a sum (``sum_tolerance``, the 0.1 that
    provincial validators allow for rounding of many items)."""

    tolerance: Points = Decimal("0.01")
    sum_tolerance: Points = Decimal("0.1")


class Settings(_Model):
    rounding: Rounding = Rounding(places=2, mode="half_up")
    missing: Literal["exclude", "zero", "error"] = "exclude"
    total: Points = Decimal(100)
    extra_inputs: Literal["reject", "ignore"] = "reject"
    min_assessed: Annotated[Decimal, Field(gt=0, le=1)] | None = None
    """Below this share of the full points assessed, the result has a total but no grade."""
    audit: AuditSettings = AuditSettings()


InputType = Literal["number", "integer", "percent", "bool", "text", "choice", "list", "date",
                    "rows"]


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
            raise refusal("PS012.options")
        if self.options is not None and len(set(self.options)) != len(self.options):
            raise refusal("PS012.options_repeat")
        if (self.type == "list") != (self.of is not None):
            raise refusal("PS012.of")
        if self.type == "rows" and self.default is not None:
            raise refusal("PS012.rows_default")
        numeric = self.type in ("number", "integer", "percent")
        if not numeric and (self.min is not None or self.max is not None):
            raise refusal("PS012.bounds", type=self.type)
        if self.min is not None and self.max is not None and self.min > self.max:
            raise refusal("PS012.min_max")
        if self.type == "integer" and any(bound is not None and bound != bound.to_integral_value()
                                          for bound in (self.min, self.max)):
            raise refusal("PS012.whole_bounds")
        return self


class Check(_Model):
    rule: Expression
    message: str


class Review(_Model):
    over_target: Annotated[Number, Field(gt=0)]


class Grade(_Model):
    min: Number
    label: str


class Veto(_Model):
    """一票否决: when ``if`` holds, the grade is at most ``grade`` and ``message`` is a flag."""

    when: Annotated[Expression, Field(alias="if")]
    grade: str
    message: str


ItemId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*(\.[1-9][0-9]*)?$")]
"""An item of a result: an indicator's id, or a 自评表 row's (``output.2``)."""


class Expect(_Model):
    total: Number | None = None
    grade: str | None = None
    items: dict[ItemId, Number] | None = None
    status: dict[ItemId, Literal["scored", "not_assessed", "not_applicable"]] | None = None
    flags: list[ItemId] | None = None
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
            raise refusal("PS012.cases")
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
            raise refusal("PS012.property")
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
ROW_FIELDS = ("group", "name", "nature", "unit", "target", "actual", "points", "score",
              "reason")
"""The fields of a 自评表 row (a ``rows`` input, SPEC §8.1)."""
ROW_TEXT_FIELDS = ("group", "name", "nature", "unit", "reason")
RESERVED_KEYS = ("reasons", "not_applicable", "reported")
"""Keys a record may carry beside its inputs (SPEC §8.3, §9); no input may be named so."""
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


def refusal(message: str, **params: Any) -> PydanticCustomError:
    """A value a model validator refuses, as the catalog's problem ``key`` (PS012.*), so that
    its words come from the catalog in either language."""
    return PydanticCustomError("ps", render(message, params, "en"), {"key": message, **params})


Problem = tuple[Loc, bool, str, dict[str, Any], Hint | None]
"""Where (and whether it is about a key), the catalog's key and arguments, a suggestion."""


def pydantic_problems(root: type[BaseModel], error: ValidationError) -> list[Problem]:
    """Each pydantic error as a problem of the catalog; past ``MAX_PROBLEMS``, one more saying
    how many were left out (a file of 100,000 unknown keys must not cost 100,000 did-you-mean
    searches)."""
    problems: list[Problem] = []
    items = error.errors(include_url=False)
    for item in items[:MAX_PROBLEMS]:
        loc = tuple(item["loc"])
        kind = item["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            hint = either(suggest(key, allowed_keys(root, loc[:-1])), lookalike(key))
            problems.append((loc, True, "PS011", {"name": key}, hint))
        elif kind == "missing":
            problems.append((loc[:-1], False, "PS012.missing", {"name": str(loc[-1])}, None))
        elif kind == "ps":
            context = dict(item.get("ctx") or {})
            problems.append((loc, False, context.pop("key"), context, None))
        else:
            hint = lookalike(str(item["input"])) if kind == "string_pattern_mismatch" else None
            problems.append((loc, False, "PS012", {"problem": _problem(item)}, hint))
    if len(items) > MAX_PROBLEMS:
        problems.append(((), False, "PS012.more", {"count": len(items) - MAX_PROBLEMS}, None))
    return problems


def _problem(item: Any) -> Term:
    """pydantic's words for a refused value, and ours in Chinese where we have them."""
    context = {k: plain(v) if isinstance(v, Decimal) else v
               for k, v in (item.get("ctx") or {}).items()}
    english = item["msg"].removeprefix("Value error, ")
    chinese = FIELD_PROBLEMS_ZH.get(item["type"])
    try:
        return Term(english, chinese.format(**context) if chinese else english)
    except (KeyError, IndexError):
        return Term(english, english)
