"""The scheme document: indicators and their ``score:`` key, assembled from the scoring
methods' own parameter models, and the whole file (``SchemeDoc``) around them.

The models of the values inside (numbers, inputs, settings, cases) are ``_source.format``'s;
this module adds what needs the methods.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    WithJsonSchema,
    WrapValidator,
    create_model,
    model_validator,
)

from .._common.limits import MAX_NAMES
from .._common.numbers import PERCENT_SIGNS
from .._methods import METHODS
from .._methods.bands import BandSpec
from .._source.format import (
    SCHEME_ID_PATTERN,
    Case,
    Check,
    Expression,
    Grade,
    InputSpec,
    Name,
    ParamsModel,
    Points,
    Property,
    Review,
    Settings,
    Veto,
    cases_or_file,
    refusal,
)


class _ScoreBase(ParamsModel):
    """``score:``: exactly one method's key, with that method's parameters."""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        """``score: ratio`` is ``score: {ratio: {}}``; ``{ratio: null}`` likewise."""
        if isinstance(value, str):
            return {value: {}}
        if isinstance(value, dict):
            return {k: ({} if v is None and k in METHODS and METHODS[k].shorthand else v)
                    for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _exactly_one(self) -> _ScoreBase:
        chosen = self.model_fields_set & METHODS.keys()
        if len(chosen) != 1:
            raise refusal("PS012.method", methods=list(METHODS))
        (method,) = chosen
        for key in self.model_fields_set - chosen:
            if key not in METHODS[method].options:
                owner = next(m for m in METHODS.values() if key in m.options)
                raise refusal("PS012.option", option=key, owner=owner.name, method=method)
        return self

    @property
    def method(self) -> str:
        (name,) = self.model_fields_set & METHODS.keys()
        return name

    @property
    def options(self) -> dict[str, Any]:
        """The chosen method's keys beside it, None where not written."""
        return {key: getattr(self, key) for key in METHODS[self.method].options}

    @property
    def params(self) -> Any:
        """The chosen method's parameters, as its ``spec`` validated them."""
        return getattr(self, self.method)


if TYPE_CHECKING:
    ScoreSpec = _ScoreBase
else:
    ScoreSpec = create_model(
        "ScoreSpec", __base__=_ScoreBase, __module__=__name__,
        **{name: (method.spec | None, None) for name, method in METHODS.items()},
        **{key: (kind | None, None) for method in METHODS.values()
           for key, kind in method.options.items()})


Missing = Literal["exclude", "zero", "error"]
Kind = Literal["base", "bonus", "penalty"]
"""A base indicator, a bonus on top of the total, or a penalty taken off it."""


def _unit(value: Any) -> Any:
    """``unit: "%"`` (or ``％``) is ``unit: percent``: a value of 0.95 shows as 95%, which is
    what a table writing % means; shown as ``0.95 %`` it was wrong in every explanation."""
    return "percent" if isinstance(value, str) and value.strip() in PERCENT_SIGNS else value


class IndicatorSpec(ParamsModel):
    id: Name
    name: str
    points: Points | None = None
    children: Annotated[list[IndicatorSpec], Field(min_length=1)] | None = None
    value: Expression | None = None
    target: Expression | None = None
    unit: Annotated[str, BeforeValidator(_unit)] | None = None
    score: ScoreSpec | None = None
    basis: str | list[str] | None = None
    missing: Missing | None = None
    review: Review | None = None
    explain: str | None = None
    kind: Kind = "base"
    under: Name | None = None
    rows: Name | None = None
    """The ``rows`` input whose rows (自评表 lines) are this branch's items (SPEC §8.1)."""
    reverse: Literal["inverse", "linear"] | None = None
    bands: Annotated[dict[str, BandSpec], Field(min_length=1)] | None = None
    required: bool = False
    applicable: Literal["always"] | None = None

    @model_validator(mode="after")
    def _leaf_or_branch(self) -> IndicatorSpec:
        if self.rows is None:
            rows_keys = [k for k in ("reverse", "bands") if getattr(self, k) is not None]
            if rows_keys:
                raise refusal("PS012.rows_only", keys=rows_keys)
        else:
            keys = [k for k in ("children", "value", "target", "score", "explain", "unit")
                    if getattr(self, k) is not None]
            if keys:
                raise refusal("PS012.rows", keys=keys)
            if self.points is None:
                raise refusal("PS012.rows_points")
            return self
        if self.children is not None:
            leaf_keys = [k for k in ("value", "target", "score", "review", "explain", "unit")
                         if getattr(self, k) is not None]
            if leaf_keys:
                raise refusal("PS012.branch", keys=leaf_keys)
            return self
        if self.points is None:
            raise refusal("PS012.points")
        if self.score is None:
            raise refusal("PS012.score")
        if self.value is None and METHODS[self.score.method].needs_value(self.score.params):
            raise refusal("PS012.value", method=self.score.method)
        return self





def _edition_text(value: Any) -> Any:
    return str(value) if isinstance(value, int | Decimal) and not isinstance(value, bool) else value


def _format_version(value: Any) -> str:
    """``perfscore: 1`` (or 1.0) and ``perfscore: 1.1``, as the text of the version."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool) and value in (1, Decimal(
            "1.1")):
        return "1.1" if value == Decimal("1.1") else "1.0"
    raise refusal("PS012.version", given=str(value))


FormatVersion = Annotated[Literal["1.0", "1.1"], BeforeValidator(_format_version),
                          WithJsonSchema({"enum": [1, 1.1], "title": "Perfscore"})]
"""The format version; 1.1 adds the 自评表 (SPEC §8) and every 1.0 file stays valid."""


class Budget(ParamsModel):
    """The 自评表's budget block (项目资金): the inputs it shows and the indicator whose 分值,
    执行率 and 得分 it shows — in the block, not among the rows, as the form prints them."""

    initial: Name
    """年初预算数"""
    full_year: Name
    """全年预算数"""
    spent: Name
    """全年执行数"""
    indicator: Name
    """预算执行率: its points are the block's 分值, its value the 执行率"""


class SchemeDoc(ParamsModel):
    perfscore: FormatVersion
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
    header: Annotated[list[Name], Field(max_length=MAX_NAMES)] = []
    budget: Budget | None = None
    vetoes: list[Veto] = []
    cases: Annotated[list[Case] | str, WrapValidator(cases_or_file)] = []
    properties: list[Property] = []
    extends: str | None = None
    remove: list[Name] = []
    remove_inputs: list[Name] = []
