"""The rows of a 自评表 (SPEC §8.1): what a row is in a record, and how a section of rows scores.

A unit fills in each row itself — its 指标性质, 度量单位, 年度指标值, 实际完成值 and 分值 — so
a row brings its own rule: ``≥`` scores as ``ratio`` (cap 1), ``≤`` as ``reverse`` with the
section's variant, ``=`` as ``equal``, 定性 by the section's bands with the evaluator's score,
and a row of dates by ``deadline``. Each row becomes an item under its section, made by the
same constructors and explained by the same methods as a leaf the scheme declares.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Annotated, Any, cast

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .._common.dates import to_date
from .._common.errors import PerfscoreError, RecordError
from .._common.limits import MAX_TEXT_LENGTH
from .._common.messages import Term
from .._common.numbers import ZERO, NumberError, from_percent, round_to, to_decimal
from .._expr.functions import Absent, ExpressionTypeError, NotComputable
from .._methods import Bands, Method, Outcome, Run
from .._methods.deadline import Deadline
from .._model.tree import Indicator
from .items import branch, not_applicable, not_assessed, review_flags, scored
from .notes import Notes
from .result import Context, Flag, Item
from .values import number_value, text_value

HEADERS: Mapping[str, str] = {
    "二级指标": "group", "三级指标": "name", "指标性质": "nature", "度量单位": "unit",
    "计量单位": "unit", "年度指标值": "target", "实际完成值": "actual", "分值": "points",
    "得分": "score", "偏差原因分析及改进措施": "reason",
    "偏差原因": "reason"}
"""The 自评表's column headers, as a row in a record may be keyed."""

NATURES: Mapping[str, str] = {
    "≥": "≥", ">=": "≥", "＞＝": "≥", "正向": "≥", "正向指标": "≥",
    "≤": "≤", "<=": "≤", "＜＝": "≤", "反向": "≤", "反向指标": "≤",
    "=": "=", "＝": "=", "==": "=", "等于": "=",
    "定性": "定性", "定性指标": "定性"}
"""Every way a 指标性质 is written, to the four natures."""

PERCENT_UNITS = ("%", "％")
DATE_UNITS = ("日期", "date")
def _figure(value: Any, unit: str | None) -> Decimal | datetime.date | str | None:
    """A 年度指标值 or 实际完成值 as a number (a fraction under ``%``), a date, or text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, datetime.date | str):
        with contextlib.suppress(ValueError):
            return to_date(value)
    if isinstance(value, str) and value.strip().endswith(PERCENT_UNITS):
        try:
            return from_percent(value.strip())
        except (NumberError, ArithmeticError, ValueError):
            return value
    try:
        number = to_decimal(value)
    except (NumberError, ArithmeticError, TypeError, ValueError):
        return str(value)  # text, quoted as written where the row is refused
    return number.scaleb(-2) if unit in PERCENT_UNITS else number


def _kind(value: Any) -> str:
    if isinstance(value, Decimal):
        return "number"
    return "date" if isinstance(value, datetime.date) else "text"


_KINDS = {"number": Term("a number", "数值"), "date": Term("a date", "日期"),
          "text": Term("text", "文本")}


def _row_problem(kind: str, row: Mapping[str, Any], **context: Any) -> PydanticCustomError:
    """A row's problem, naming the row: worded by the catalogue of field problems."""
    return PydanticCustomError(kind, kind, {"name": row.get("name") or "", **context})


def _nature(value: Any) -> Any:
    if isinstance(value, str) and value.strip() in NATURES:
        return NATURES[value.strip()]
    raise PydanticCustomError("ps_row_nature", "ps_row_nature", {"given": str(value)})


Text = Annotated[str, BeforeValidator(text_value), Field(max_length=MAX_TEXT_LENGTH)]


def _headers_schema(schema: dict[str, Any]) -> None:
    """The JSON Schema of a row says what a record may write: each field by its key or by its
    Chinese header, 三级指标 (or ``name``), 指标性质 and 分值 required either way."""
    properties = schema["properties"]
    for header, key in HEADERS.items():
        properties[header] = properties[key]
    schema["required"] = []
    schema["allOf"] = [{"anyOf": [{"required": [key]}, *({"required": [h]} for h, k in
                                                         HEADERS.items() if k == key)]}
                       for key in ("name", "nature", "points")]
    schema["description"] = "自评表的一行：字段可用英文键或表头（三级指标、指标性质、分值……）"


class Row(BaseModel):
    """One row of a 自评表, keyed in English or by the table's headers (``HEADERS``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="自评表行",
                              json_schema_extra=_headers_schema)

    group: Text | None = None
    name: Annotated[Text, Field(min_length=1)]
    nature: Annotated[str, BeforeValidator(_nature)]
    unit: Text | None = None
    target: Any = None
    actual: Any = None
    points: Annotated[Decimal, BeforeValidator(number_value), Field(gt=0)]
    score: Annotated[Decimal, BeforeValidator(number_value)] | None = None
    reason: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _read(cls, data: Any) -> Any:
        """Headers to field names, and the two figures as numbers, dates or text, of one kind."""
        if not isinstance(data, Mapping):
            return data
        row: dict[str, Any] = {}
        for key, value in data.items():
            field = HEADERS.get(key.strip(), key) if isinstance(key, str) else key
            if field in row:
                raise _row_problem("ps_row_twice", data, field=field)
            row[field] = value
        unit = row.get("unit")
        unit = unit.strip() if isinstance(unit, str) else unit
        target, actual = _figure(row.get("target"), unit), _figure(row.get("actual"), unit)
        nature = NATURES.get(str(row.get("nature", "")).strip())
        if nature == "定性":
            if actual is not None and not isinstance(actual, str):
                raise _row_problem("ps_row_band", row, given=str(row.get("actual")))
            row["target"] = None if row.get("target") is None else str(row.get("target"))
            row["actual"] = actual
            return row
        for figure, written in ((target, row.get("target")), (actual, row.get("actual"))):
            if figure is not None and (_kind(figure) == "text" or (
                    unit in DATE_UNITS and _kind(figure) != "date")):
                raise _row_problem("ps_row_figure", row, given=str(written))
        if target is not None and actual is not None and _kind(target) != _kind(actual):
            first, second = _KINDS[_kind(target)], _KINDS[_kind(actual)]
            raise _row_problem("ps_row_kinds", row, target_zh=first.zh, target_en=first.en,
                               actual_zh=second.zh, actual_en=second.en)
        row["target"], row["actual"] = target, actual
        return row


def _leaf(node: Indicator, number: int, row: Mapping[str, Any], method: Method) -> Indicator:
    """The row as an indicator of its own: what its item is explained from."""
    unit = row["unit"]
    shown = "percent" if unit in PERCENT_UNITS else (None if unit in DATE_UNITS else unit)
    return Indicator(f"{node.id}.{number}", row["name"], "base", row["points"], (), None, None,
                     shown, method, (), node.missing,
                     node.review if row["nature"] == "≥" else None, None, node.line)


def _method(node: Indicator, row: Mapping[str, Any]) -> Method:
    rules = node.rows
    assert rules is not None
    nature = row["nature"]
    if nature == "定性":
        return Bands(rules.bands, "record", row["name"])
    if isinstance(row["target"], datetime.date) or isinstance(row["actual"], datetime.date):
        return Deadline(nature)
    return {"≥": rules.ratio, "≤": rules.reverse, "=": rules.equal}[nature]


class _Section:
    """Scoring one section of rows; what it finds wrong is collected, and either rejects the
    record or, when auditing, becomes a flag."""

    def __init__(self, node: Indicator, context: Context, places: int, mode: str,
                 notes: Notes, file: str | None) -> None:
        self.node, self.context, self.places, self.mode = node, context, places, mode
        self.notes, self.file = notes, file
        self.problems: list[PerfscoreError] = []
        self.flags: list[Flag] = []

    def problem(self, key: str, flag: str, where: str, **facts: Any) -> None:
        facts = {"section": self.node.name, **facts}
        if self.notes.lenient:
            self.flags.append(Flag(where, flag, facts))
        else:
            self.problems.append(RecordError.of(key, facts, file=self.file, where=where))

    def row(self, number: int, row: Mapping[str, Any]) -> Item | None:
        """The row's item; None for a row that refuses the record (PS320, PS323), in an audit
        too, so its item would be seen by no one."""
        method = _method(self.node, row)
        leaf = _leaf(self.node, number, row, method)
        value, target = row["actual"], row["target"]
        scope: dict[str, Any] = {}
        moved: Outcome | None = None  # an audit's recomputation of a score outside its band
        if isinstance(method, Bands):
            scope[row["name"]] = Absent(row["name"]) if row["score"] is None else row["score"]
            band = method.bands.get(value)  # the value is text, or None when blank
            if self.notes.lenient and band is not None and row["score"] is not None:
                assert band.low is not None and band.high is not None
                low, high = row["points"] * band.low, row["points"] * band.high
                if row["score"] / row["points"] not in band:
                    self.flags.append(Flag(leaf.id, "out_of_band", {
                        "name": row["name"], "level": value, "low": low, "high": high,
                        "given": row["score"]}))
                    moved = Outcome(max(low, min(high, row["score"])), "bands",
                                    {"low": low, "high": high})
        try:
            if value is None:
                raise NotComputable("absent", "实际完成值")
            if target is None and not isinstance(method, Bands):  # a 定性 row needs none
                raise NotComputable("absent", "年度指标值")
            # the methods that score rows evaluate no expression of their own
            outcome = method.score(value, target, row["points"], cast(Run, None), scope
                                   ) if moved is None else moved
        except NotComputable as reason:  # 未填报: the row keeps its 二级指标 and 偏差原因
            return not_assessed(leaf, value, target, reason, self.context, row=row)
        except ExpressionTypeError:  # a 定性 row rated with a word that is not a band
            self.problems.append(RecordError.of(
                "PS323", {"section": self.node.name, "name": row["name"], "given": str(value),
                          "bands": list(method.bands) if isinstance(method, Bands) else []},
                file=self.file, where=leaf.id))
            return None
        except RecordError as refused:  # a 定性 score outside its band, or not given
            self.problems.append(RecordError.of(
                "PS320", {"section": self.node.name, "name": row["name"],
                          "problem": Term(refused.reword("en").message,
                                          refused.reword("zh").message)},
                file=self.file, where=leaf.id))
            return None
        w = row["points"]
        points = min(w, round_to(outcome.points, self.places, self.mode))
        return scored(leaf, points, value, target, outcome,
                      review_flags(leaf, value, target), self.context, row=row)

    def score(self, rows: Sequence[Mapping[str, Any]]) -> Item:
        node = self.node
        seen: dict[str, int] = {}
        total = ZERO
        items: list[Item] = []
        for number, written in enumerate(rows, 1):
            # the scope holds a blank cell as Absent, for expressions; here it is blank
            row: dict[str, Any] = {k: None if type(v) is Absent else v
                                   for k, v in written.items()}
            name = row["name"]
            if name in seen:
                self.problem("PS321", "row_repeated", f"{node.id}.{number}", name=name,
                             first=seen[name], number=number)
            seen.setdefault(name, number)
            total += row["points"]
            item = self.row(number, row)
            if item is not None:
                items.append(item)
        if total != node.points:
            self.problem("PS322", "rows_points", node.id, sum=total, points=node.points)
        # no notes: a section declared 不适用 is not scored (``score_rows``)
        return branch(node, tuple(items), self.context)


def score_rows(node: Indicator, rows: Any, context: Context, places: int, mode: str,
               notes: Notes, file: str | None) -> tuple[Item, tuple[Flag, ...]]:
    """A section's item, and the flags an audit gets instead of rejections. What it counts in
    the total — its rows, or itself when it is absent or not applicable — is
    ``tally.counts``'s to say."""
    if node.id in notes.not_applicable:
        return not_applicable(node, notes, context), ()
    if type(rows) is Absent:
        return not_assessed(node, None, None, rows.fail(), context, notes), ()
    section = _Section(node, context, places, mode, notes, file)
    item = section.score(rows)
    if section.problems:
        raise RecordError.collect(section.problems)
    return item, tuple(section.flags)
