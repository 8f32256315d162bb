"""The result of scoring one record: the itemised tree, total, grade, reasons, flags and
warnings, and its JSON form (SPEC §5).

Items are slots dataclasses (cheap to make by the thousand); words are rendered only when asked
for, in either language, by ``_explain``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields, make_dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeAlias, cast

from pydantic import BaseModel

from .._common.errors import PerfscoreError
from .._common.language import Lang, language
from .._common.numbers import exact, plain, round_to
from .._model.document import Kind
from .._version import __version__
from .explain import explain_item, explain_result, flag_message

if TYPE_CHECKING:
    from .._expr.functions import NotComputable
    from .._methods import Outcome
    from .._model.tree import Indicator
    from .notes import Notes


Status = Literal["scored", "not_assessed", "not_applicable"]
"""An item was scored, left out because a figure was not given or not computable (未填报), or
declared not applicable by the record (不适用)."""


@dataclass(frozen=True, slots=True)
class Context:
    """What every item of one scheme shares for its explanations. The texts that depend on the
    scheme alone are rendered once, not for every record: each indicator's maximum and
    constant target at load (by indicator id), the rest (a tier's interval, a threshold) on
    first use in ``memo``, whose size is bounded by the scheme's; ``memo`` also keeps each
    indicator's explainer in each language (``explain.explain_item``)."""

    locale: str
    labels: Mapping[str, str]
    maxima: Mapping[str, str] = field(default_factory=dict, repr=False)
    targets: Mapping[str, str] = field(default_factory=dict, repr=False)
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    lang: Lang = field(init=False, compare=False, repr=False)
    """``zh`` or ``en``: the language explanations take unless asked for another."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "lang", language(None, self.locale))

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickles without ``memo``: its keys are the ``id()``s of this process's scheme
        objects, which in another process, or after this scheme is gone, may be other
        objects' — a sentence kept for one indicator would be shown for another."""
        return Context, (self.locale, self.labels, self.maxima, self.targets)


@dataclass(frozen=True, slots=True)
class Flag:
    """A note on an item that does not change its points (``over_target``), or a warning
    (``not_assessed``, ``rescaled``). ``facts`` fill the message in either language; a
    ``not_assessed`` warning words it from its ``item``, which its repr leaves out."""

    id: str | None
    code: str
    facts: Mapping[str, Any] = field(default_factory=dict)
    item: Item | None = field(default=None, compare=False, repr=False)

    def message(self, lang: str = "zh") -> str:
        return flag_message(self, language(lang))

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {"id": self.id, "code": self.code, "message": self.message(lang)}


@dataclass(slots=True, repr=False)
class ItemData:
    """The fields and reading of an ``Item``, which is this made immutable. The scorer makes
    items by the thousand: it builds an ``ItemData`` (a plain slots object is several times
    cheaper to make than a frozen one) and makes it an ``Item`` (``as_item``)."""

    id: str
    name: str
    kind: Kind
    status: Status
    points: Decimal | None
    max: Decimal
    lost: Decimal | None
    value: Any = None
    target: Any = None
    rule: str | None = None
    flags: tuple[Flag, ...] = ()
    children: tuple[Item, ...] = ()
    indicator: Indicator | None = field(default=None, repr=False, compare=False)
    outcome: Outcome | None = field(default=None, repr=False, compare=False)
    reason: NotComputable | None = field(default=None, repr=False, compare=False)
    policy: str | None = field(default=None, repr=False, compare=False)
    context: Context | None = field(default=None, repr=False, compare=False)
    deviation_reason: str | None = None
    """The record's 偏差原因 for this item (a row's own, or ``reasons:``); for an item
    declared 不适用, why."""
    row: Mapping[str, Any] | None = field(default=None, repr=False, compare=False)
    """For an item that is a 自评表 row: the row as the record gave it, validated."""

    def __repr__(self) -> str:
        points = "—" if self.points is None else plain(self.points)
        return (f"<Item {self.id} {points}/{plain(self.max)} {self.status}"
                f"{f' {self.rule}' if self.rule else ''}>")

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def unit(self) -> str | None:
        return self.indicator.unit if self.indicator else None

    @property
    def basis(self) -> tuple[str, ...]:
        return self.indicator.basis if self.indicator else ()

    def explain(self, lang: str | None = None) -> str:
        """Why this item got its points, in ``zh`` or ``en`` (default: the scheme's)."""
        context = self.context
        assert context is not None
        chosen = context.lang if lang is None else language(lang, context.locale)
        return explain_item(self, chosen)  # type: ignore[arg-type]  # every ItemData is an Item

    @property
    def explanation(self) -> str:
        return self.explain()

    def walk(self) -> Iterator[Item]:
        yield cast(Item, self)
        for child in self.children:
            yield from child.walk()

    @exact
    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return self._data(language(lang), {})

    def _data(self, lang: Lang, said: dict[str, str]) -> dict[str, Any]:
        """``to_dict`` of this item and those below it, in perfscore's decimal context
        already; each leaf's explanation is also put in ``said`` by its id, for a result's
        ``reasons`` to show without explaining the item twice."""
        data: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.kind != "base":
            data["kind"] = self.kind
        if self.children:
            data.update(points=json_number(self.points), max=json_number(self.max),
                        status=self.status,
                        children=[child._data(lang, said) for child in self.children])
            if self.deviation_reason is not None:
                data["deviation_reason"] = self.deviation_reason
            return data
        explanation = said[self.id] = self.explain(lang)
        data.update(
            value=json_value(self.value), target=json_value(self.target),
            points=json_number(self.points), max=json_number(self.max),
            lost=json_number(self.lost), status=self.status, rule=self.rule,
            explanation=explanation, flags=[f.to_dict(lang) for f in self.flags],
            basis=list(self.basis) or None)
        if self.deviation_reason is not None:
            data["deviation_reason"] = self.deviation_reason
        row = self.row
        if row is not None:
            data["row"] = {key: json_value(row[key]) for key in ("group", "nature", "unit")}
        return data


class Item(ItemData):
    """One indicator's line in the scoring table: immutable, equal to another with the same
    content, picklable.

    ``points`` is None for a leaf left out under ``missing: exclude``; ``lost`` is what the item
    cost (max − points for base items, the amount taken for penalties).
    """

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return _restore_item, tuple(getattr(self, f.name) for f in fields(ItemData))


def _restore_item(*values: Any) -> Item:
    return as_item(ItemData(*values))


def as_item(data: ItemData) -> Item:
    """``data`` as the immutable ``Item`` (the same object: the layouts are the same)."""
    data.__class__ = Item
    return data  # type: ignore[return-value]


def json_number(number: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number. Every number we emit has been rounded to a few places, so
    the float's shortest repr prints exactly the decimal text."""
    if number is None:
        return None
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def json_value(value: Any) -> Any:
    """Measured values in JSON keep 4 decimal places (a percentage to 2: 0.8605 is 86.05%);
    the exact value stays on ``Item.value``."""
    if isinstance(value, Decimal):
        return json_number(round_to(value, 4))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class Provenance(Mapping[str, str]):
    """Where a result came from: the perfscore version, the SHA-256 of the scheme (with every
    file it extends) and of the canonical record. The record's hash is computed on first use,
    since most results in a batch are never asked for it; so is the validated record, when it
    comes as the record's values and its ``model`` (a record the model did not need to
    score)."""

    __slots__ = ("_data", "_model", "_record", "_scheme")

    def __init__(self, scheme_sha256: str, record: BaseModel | Mapping[str, Any],
                 model: type[BaseModel] | None = None) -> None:
        self._scheme = scheme_sha256
        self._record = record
        self._model = model
        self._data: dict[str, str] | None = None

    def _values(self) -> dict[str, str]:
        if self._data is None:
            record = self._record
            if not isinstance(record, BaseModel):
                if self._model is None:
                    raise TypeError("a record given as its values needs its model")
                record = self._model.model_validate(record)
            canonical = json.dumps(record.model_dump(mode="json"), sort_keys=True,
                                   ensure_ascii=False, separators=(",", ":"))
            self._data = {"perfscore": __version__, "scheme_sha256": self._scheme,
                          "record_sha256": hashlib.sha256(canonical.encode()).hexdigest()}
        return self._data

    def __getitem__(self, key: str) -> str:
        return self._values()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values())

    def __len__(self) -> int:
        return 3

    def __repr__(self) -> str:
        return f"Provenance({self._values()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickles as its values: the record it hashes is of a class made for one scheme."""
        return _provenance, (self._values(),)


def _provenance(values: dict[str, str]) -> Provenance:
    restored = Provenance.__new__(Provenance)
    restored._data = values
    return restored


@dataclass(frozen=True, slots=True)
class Rejection:
    """A record that could not be scored, in a batch: its 0-based ``index`` among the inputs,
    its ``id`` when the batch names an id field, and every error."""

    index: int
    id: str | None
    errors: tuple[PerfscoreError, ...]

    @property
    def message(self) -> str:
        """Every error on one line, for a spreadsheet cell."""
        return "; ".join(e.message for e in self.errors)


@dataclass(frozen=True, slots=True)
class BudgetBlock:
    """The 自评表's budget block (项目资金) as the record filled it in: 年初预算数, 全年预算数 and
    全年执行数 (None where not given) in ``unit``, and the item (预算执行率) whose 分值, 执行率
    and 得分 the block shows — the scheme's ``budget:``."""

    initial: Decimal | None
    full_year: Decimal | None
    spent: Decimal | None
    unit: str | None
    indicator: str

    def to_dict(self) -> dict[str, Any]:
        return {"initial": json_value(self.initial), "full_year": json_value(self.full_year),
                "spent": json_value(self.spent), "unit": self.unit, "indicator": self.indicator}


Scored: TypeAlias = tuple["Indicator", Decimal, Any, Any, "Outcome | None", bool]
"""A leaf its method scored, as the generated scorer leaves it: (indicator, points, value,
target, outcome, whether it is over its target) — what ``items.scored`` makes the
``Item`` from, as a result is asked for its items; the outcome is None where the points were
inlined (``Method.inline``), and asked of the method then, and the review flag is made then
(``items.review_flags``)."""


class Assembler(Protocol):
    """How a result's items are made from its leaves' (``items.Assembly``)."""

    def roots(self, shape: tuple[Item | Scored, ...], notes: Notes) -> tuple[Item, ...]: ...

    def points(self, shape: tuple[Item | Scored, ...]) -> list[Decimal | None]: ...


class Tree:
    """A result's items, made when first asked for: the scorer hands over its leaves and rows
    sections (``shape``: the numbers of a leaf's item, or the item) and how to make the items
    from them (``items.Assembly``). Equal to another tree with equal items; pickles as its
    items."""

    __slots__ = ("_assembly", "_notes", "_order", "_roots", "_shape")

    def __init__(self, assembly: Assembler, shape: tuple[Item | Scored, ...],
                 notes: Notes) -> None:
        self._assembly: Assembler | None = assembly
        self._shape = shape
        self._notes: Notes | None = notes
        self._roots: tuple[Item, ...] | None = None
        self._order: tuple[Item, ...] | None = None

    @property
    def roots(self) -> tuple[Item, ...]:
        roots = self._roots
        if roots is None:
            # two threads may both make them: equal items, and either kept
            assert self._assembly is not None and self._notes is not None
            roots = self._roots = self._assembly.roots(self._shape, self._notes)
        return roots

    def points(self) -> list[Decimal | None]:
        """Every indicator's points, depth first, a rows section's but not its rows' (a
        batch row's): read from the items once they are made, worked out without them
        before."""
        if self._roots is None:
            assert self._assembly is not None
            return self._assembly.points(self._shape)
        return [item.points for item in self.order if item.row is None]

    @property
    def order(self) -> tuple[Item, ...]:
        """Every item, depth first."""
        order = self._order
        if order is None:
            # a stack rather than ``Item.walk``'s nested generators, which resume once per
            # level for every item: half the time
            found: list[Item] = []
            stack = list(reversed(self.roots))
            while stack:
                item = stack.pop()
                found.append(item)
                if item.children:
                    stack.extend(reversed(item.children))
            order = self._order = tuple(found)
        return order

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tree) and self.roots == other.roots

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return _built_tree, (self.roots,)


def _built_tree(roots: tuple[Item, ...]) -> Tree:
    """A tree whose items are made already (an unpickled result's)."""
    tree = Tree.__new__(Tree)
    tree._assembly = tree._notes = tree._order = None
    tree._shape = tree._roots = roots
    return tree


@dataclass(frozen=True, slots=True)
class Result:
    """The itemised score of one record (SPEC §5). ``result["start_rate"]`` finds an item.
    Immutable, equal to another with the same content, and picklable (to come back from a
    worker process)."""

    scheme: str
    edition: str
    title: str
    total: Decimal
    max: Decimal
    grade: str | None
    tree: Tree = field(repr=False)
    """The items, made when first asked for (``items``, ``walk``, ``result[id]``)."""
    flags: tuple[Flag, ...]
    """Review flags (``over_target``) in the indicators' order, then the vetoes that hold;
    made when first read, with ``warnings`` (``Unworded``)."""
    warnings: tuple[Flag, ...]
    provenance: Mapping[str, str]
    context: Context = field(repr=False, compare=False)
    header: tuple[tuple[str, str], ...] = ()
    """The 自评表's heading (项目名称, 主管部门, …) as (label, value) pairs: the scheme's
    ``header`` inputs the record gave."""
    budget: BudgetBlock | None = None
    """The budget block, when the scheme declares one (``budget:``)."""
    _index: dict[str, Item] | None = field(default=None, repr=False, compare=False)

    __hash__ = None  # type: ignore[assignment]  # as its items: equal by content, unhashable
    """Not hashable, as an ``Item`` is not: the hash the frozen dataclass wrote failed on the
    result's tree of items ("unhashable type: 'Tree'")."""

    def __repr__(self) -> str:
        return (f"<Result {self.scheme}@{self.edition} total={plain(self.total)} "
                f"grade={self.grade} items={len(self.order)}>")

    @property
    def items(self) -> tuple[Item, ...]:
        """The root items: the scheme's first-level indicators."""
        return self.tree.roots

    @property
    def order(self) -> tuple[Item, ...]:
        """Every item, depth first: what ``walk`` goes through."""
        return self.tree.order

    def __getitem__(self, indicator_id: str) -> Item:
        index = self._index
        if index is None:  # made on first use; immutable otherwise
            index = {item.id: item for item in self.walk()}
            object.__setattr__(self, "_index", index)
        return index[indicator_id]

    def walk(self) -> Iterator[Item]:
        """Every item, depth first, in the scheme's order."""
        return iter(self.order)

    @property
    def reasons(self) -> list[Item]:
        """Leaves that lost points, most lost first (ties in the scheme's order)."""
        lost = [i for i in self.walk() if i.is_leaf and i.lost is not None and i.lost > 0]
        return sorted(lost, key=lambda i: -i.lost)  # type: ignore[operator]

    def explain(self, lang: str | None = None) -> str:
        """The whole result as text: total and grade, then each item that lost points."""
        return explain_result(self, language(lang, self.context.locale))

    @exact
    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        chosen = language(lang, self.context.locale)
        said: dict[str, str] = {}  # each leaf's explanation, by id
        items = [item._data(chosen, said) for item in self.items]
        return {
            "scheme": self.scheme,
            "edition": self.edition,
            "title": self.title,
            "total": json_number(self.total),
            "max": json_number(self.max),
            "grade": self.grade,
            **({"header": dict(self.header)} if self.header else {}),
            **({"budget": self.budget.to_dict()} if self.budget else {}),
            "items": items,
            "reasons": [{"id": i.id, "lost": json_number(i.lost), "explanation": said[i.id]}
                        for i in self.reasons],
            "flags": [f.to_dict(chosen) for f in self.flags],
            "warnings": [w.to_dict(chosen) for w in self.warnings],
            "provenance": dict(self.provenance),
        }

    def to_json(self, lang: str | None = None, *, indent: int | None = 2) -> str:
        """SPEC §5 JSON; the same record always gives the same bytes."""
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent)


_ResultDraft = make_dataclass(
    "_ResultDraft", [(f.name, Any) if f.default is MISSING else
                     (f.name, Any, field(default=f.default)) for f in fields(Result)],
    slots=True, eq=False, repr=False, match_args=False)
"""``Result``'s fields in its order, settable: what the scorer makes a result as (see
``made``). A frozen dataclass sets each field through ``object.__setattr__``, which made a
``Result`` three times dearer than a ``_ResultDraft``."""


def made(*values: Any) -> Result:
    """``Result(*values)``, made as a ``_ResultDraft`` and turned into the immutable
    ``Result`` (the layouts are the same, as ``as_item`` does for items); its ``flags`` and
    ``warnings`` may be ``Unworded``."""
    draft = _ResultDraft(*values)
    draft.__class__ = Result
    return cast(Result, draft)


class Unworded:
    """A result's flags and warnings before they are made: ``make(*args)`` makes them, as
    (flags, warnings). The scorer leaves them so, since most results of a batch are never
    asked for them, and making them — review flags showing two numbers in their unit, a
    warning for each leaf not assessed — took a tenth of scoring a record."""

    __slots__ = ("args", "make")

    def __init__(self, make: Callable[..., tuple[tuple[Flag, ...], tuple[Flag, ...]]],
                 *args: Any) -> None:
        self.make, self.args = make, args


class _Worded:
    """``Result.flags`` or ``Result.warnings``: the field, except that a result whose two
    fields are ``Unworded`` has them made on the first read of either, and kept. (Two threads
    may both make them: equal flags, and either kept.)"""

    __slots__ = ("_field", "_flags")

    def __init__(self, field_slot: Any, flags: bool) -> None:
        self._field, self._flags = field_slot, flags

    def __get__(self, result: Result | None, owner: type | None = None) -> Any:
        if result is None:
            return self
        value = self._field.__get__(result, owner)
        if type(value) is Unworded:
            flags, warnings = value.make(*value.args)
            _FLAGS.__set__(result, flags)
            _WARNINGS.__set__(result, warnings)
            return flags if self._flags else warnings
        return value

    def __set__(self, result: Result, value: Any) -> None:
        self._field.__set__(result, value)


_FLAGS, _WARNINGS = Result.__dict__["flags"], Result.__dict__["warnings"]
"""The slots of the two fields, which ``_Worded`` reads and sets."""
setattr(Result, "flags", _Worded(_FLAGS, True))  # noqa: B010 - a field, seen through
setattr(Result, "warnings", _Worded(_WARNINGS, False))  # noqa: B010
