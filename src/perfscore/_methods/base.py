"""What every scoring method is: one class that owns a ``score:`` key from end to end.

A method says how its parameters are written (``spec``, a pydantic type), builds itself from
them, scores (value, target, points) into an ``Outcome``, explains that outcome in Chinese and
English, checks itself at load, names the rule paths a record can take through it (coverage),
its facets for ``diff``, and the numbers where its result changes (for generated records).
The other stages ask the method; none of them switches on method types.

The stages above hand a method what it needs through the small protocols here (``Build``,
``Lint``, ``Said``), so a method depends on nothing above it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar, Protocol, Self

from .._common.messages import Hint, Term, closest, did_you_mean, render
from .._common.numbers import HUNDRED, ZERO, plain, round_to, show
from .._expr.functions import ExpressionTypeError, number
from .._expr.syntax import Expr
from .._expr.types import Type
from .._source.yaml import Path

Run = Callable[[Expr], Any]
"""Evaluates one of the method's own expressions in the indicator's scope."""
Values = Mapping[str, Any]
"""The indicator's scope of plain values, for methods that read inputs by name."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a method decided: unrounded ``points`` (already within [0, points]), the ``rule``
    that applied (``tiers[1]``), and ``facts`` for the explanation (method-specific keys).
    A leaf whose method inlines (``Inline``) has its outcome made only when a result's items
    are."""

    points: Decimal
    rule: str
    facts: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Inline:
    """A method's points as statements the generated scorer runs instead of calling ``score``
    (``_score.codegen``, fast path; in each leaf, or a function per rule in a large
    scheme): where ``guard`` holds, ``lines`` set
    ``_q`` to the points ``score`` gives (unrounded, within [0, ``{w}``]) from the value
    ``_v`` and the target ``_t``; where it does not, ``score`` is called and says what is
    wrong. ``{w}`` is the
    leaf's maximum and every other ``{name}`` one of ``names``, the method's numbers, bound
    by the generator; ``_type`` is ``type``, ``_D`` ``Decimal``, ``_S`` ``str``, ``_ZERO`` zero.
    The statements may set ``_q`` and names of their own (``_k``, ``_x``), never the leaf's
    (``GENERATED_NAMES``). The outcome's rule and facts are asked of ``score`` when a
    result's items are made.

    The reference path always calls ``score``: tests/test_inline.py holds the two equal."""

    guard: str
    lines: tuple[str, ...]
    names: Mapping[str, Any] = field(default_factory=dict)


GENERATED_NAMES = frozenset(("_v", "_t", "_p", "_o", "_e", "_s", "_failing", "_T", "_F"))
"""The names a leaf of the generated scorer keeps its value, target, points, outcome, failure,
scope and tally in: ``Inline`` statements, written into the leaf, leave them alone."""


def clamped(into: str, w: str) -> tuple[str, ...]:
    """Statements keeping ``into`` within [0, ``w``] as ``within`` does."""
    return (f"if not {into} < {w}:", f"    {into} = {w}",
            f"if not {into} > _ZERO:", f"    {into} = _ZERO")


DROP: Any = type("Drop", (), {"__repr__": lambda self: "DROP"})()
"""As the value of an edit: delete the entry at that path."""


@dataclass(frozen=True, slots=True)
class Mutation:
    """A small mistake an author could make in a method's parameters, for mutation testing:
    ``edits`` are (path below the method's key ``score.<method>``, new value) pairs, DROP
    deleting the entry; ``label`` says what changed (``tiers[1] [0.85 → (0.85``)."""

    label: str
    edits: tuple[tuple[Path, Any], ...]


def step_of(number: Decimal) -> Decimal:
    """One unit in the last place the number is written with: 0.01 for 0.95, 1 for 20."""
    exponent = number.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


def changed(number: Decimal) -> Decimal:
    """The number one step of its precision lower (higher when it is 0): a changed weight."""
    step = step_of(number)
    return number - step if number > 0 else number + step


@dataclass(frozen=True, slots=True)
class Branch:
    """One rule path through a method, for coverage: ``name`` is how results name it, ``label``
    how a person reads it, ``where`` its place below the indicator's ``score`` key."""

    name: str
    label: str
    where: Path = ()
    key: bool = False


class Build(Protocol):
    """The compiler, as a method being built sees it: errors land at the indicator."""

    names: Mapping[str, str]
    """Inputs and lets, by name."""
    options: Mapping[str, Any]
    """The method's own keys beside it under ``score:`` (``Method.options``), as written."""

    def error(self, key: str, path: Path, *, on_key: bool = False,
              suggestion: Hint | None = None, **params: Any) -> None:
        """Report ``key`` at ``path`` below the method's key (``score.<method>``)."""

    def expression(self, text: str, path: Path) -> Expr | None:
        """``text`` checked as an expression of the indicator (value, target, points in
        scope); None when it has errors (already reported)."""


class Lint(Protocol):
    """The linter, as one leaf's method sees it."""

    points: Decimal
    """The leaf's maximum."""
    value: Type
    """The type of the leaf's ``value``."""
    value_expr: Expr | None

    def error(self, key: str, path: Path, *, on_key: bool = False,
              suggestion: Hint | None = None, **params: Any) -> None:
        """An error at ``path`` below the method's key."""

    def warning(self, key: str, path: Path, **params: Any) -> None:
        """A warning at ``path`` below the method's key."""

    def in_expression(self, key: str, expr: Expr, **params: Any) -> None:
        """An error about a whole expression, at its own place."""

    def type_of(self, expr: Expr) -> Type:
        """The type of one of the method's expressions (marks its names used)."""

    def input_type(self, name: str) -> Type | None:
        """The type of an input or let read by name (marks it used)."""

    def needs_number(self, expr: Expr | None, found: Type, role: str) -> None:
        """An error unless ``found`` is numeric."""


@dataclass(slots=True)
class Said:
    """What the sentence for one scored leaf is made of, its numbers already in the unit.
    Made for every explanation and only read: not frozen, which would make it three times
    dearer to make."""

    name: str
    value: Any
    value_text: str
    target_text: str | None
    unit: str | None
    points: Decimal
    max: Decimal
    kind: str
    outcome: Outcome
    labels: Mapping[str, str]
    zh: bool
    once: Callable[[object, str, Callable[[], str]], str]
    """``once(owner, tag, make)``: a text depending on a part of the scheme alone, rendered
    on first use and kept for every later record."""
    lang: str
    """``zh`` or ``en``, as ``zh`` says: a field, not a property, as it is read for every
    message the sentence says."""

    @property
    def facts(self) -> Mapping[str, Any]:
        return self.outcome.facts

    def say(self, key: str, **params: Any) -> str:
        """The catalogue's ``explain.<key>`` in the sentence's language."""
        return render(f"explain.{key}", params, self.lang)


@dataclass(frozen=True, slots=True)
class Rule:
    """What the sentence of one leaf's rule in the 评分标准 (``perfscore manual``) is made of:
    written once per scheme, from the rule alone, as the published tables word it."""

    points: Decimal
    unit: str | None
    target: str | None
    """The target as text (``100%``) when the scheme gives it as a number; None otherwise."""
    labels: Mapping[str, str]
    lang: str

    def say(self, key: str, **params: Any) -> str:
        """The catalogue's ``rule.<key>`` in the rule's language."""
        return render(f"rule.{key}", params, self.lang)

    @property
    def target_text(self) -> str:
        return self.say("target", target=self.target) if self.target else ""

    def joined(self, parts: Iterable[str]) -> str:
        return self.say("and").join(parts)


class Method(ABC):
    """One scoring method (SPEC §2.5)."""

    name: ClassVar[str]
    spec: ClassVar[Any]
    """The pydantic type of the method's parameters, as ``score: {name: …}`` writes them."""
    options: ClassVar[Mapping[str, Any]] = {}
    """Keys this method takes beside its own under ``score:`` (``pick:`` beside ``bands:``),
    with their pydantic types; each is None when not written."""
    shorthand: ClassVar[bool] = False
    """``score: name`` alone (or ``{name: null}``) means ``{name: {}}``."""
    reads_value: ClassVar[bool] = True
    """A leaf scored by this method needs a ``value``."""
    numeric: ClassVar[bool] = False
    """The value must be a number."""
    needs_target: ClassVar[bool] = False
    nature: ClassVar[str] = ""
    """The 指标性质 column of the 自评表 for a leaf scored by this method: ``≥`` (正向),
    ``≤`` (反向), ``=``, ``定性``; empty where the form has no sign for the rule."""

    @classmethod
    def needs_value(cls, params: Any) -> bool:
        """Whether a leaf scored with these parameters needs a ``value``."""
        return cls.reads_value

    @classmethod
    @abstractmethod
    def build(cls, params: Any, site: Build) -> Self | None:
        """The method from its parameters; None after reporting what is wrong with them."""

    @abstractmethod
    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
        """Points for value ``a`` against target ``t``, at most ``w``."""

    @abstractmethod
    def explain(self, said: Said) -> str:
        """The sentence for a scored leaf, without the points clause."""

    @abstractmethod
    def describe(self, rule: Rule) -> str:
        """The rule as the 指标体系及评分标准 table words it (``≥95% 得 20 分；…``): what any
        value scores, not what one record scored."""

    def hint(self, said: Said) -> str:
        """What would earn more, appended to a base item's sentence; empty if nothing."""
        return ""

    def lint(self, leaf: Lint) -> None:  # noqa: B027 (a hook most methods do without)
        """Load-time checks of what the rule means (its types, its points)."""

    @abstractmethod
    def branches(self, points: Decimal, target: Decimal | None) -> list[Branch]:
        """The rule paths, in the order the rule is written; ``target`` is the constant
        target, or None when it comes from the record."""

    @abstractmethod
    def taken(self, outcome: Outcome, value: Any, points: Decimal) -> list[str]:
        """The names of the branches one outcome took."""

    def check_target(self, target: Decimal) -> tuple[str, dict[str, Any]] | None:
        """The error (catalogue key and parameters) of a constant ``target`` the method can
        never score against; None when it can."""
        return None

    def may_skip(self, target: Decimal | None) -> bool:
        """Whether the method itself may leave a valid record not assessed."""
        return False

    def expressions(self) -> tuple[Expr, ...]:
        """The expressions the method evaluates itself (through ``run``)."""
        return ()

    def inline(self) -> Inline | None:
        """The method's points as statements of the generated scorer; None: called instead.
        Only a method that reads neither ``run`` nor the scope may give them."""
        return None

    def reads(self) -> frozenset[str]:
        """Inputs the method reads by name from the scope."""
        return frozenset()

    def boundaries(self) -> set[Decimal]:
        """Values of ``value`` where the points change: where generated records aim."""
        return set()

    def own_boundaries(self) -> tuple[tuple[Expr, frozenset[Decimal]], ...]:
        """Values of the method's own expressions where its points change (each ``deduct``
        checkpoint's), aimed at as ``boundaries`` are for ``value``."""
        return ()

    def target_boundaries(self) -> set[Decimal]:
        """Multiples of the target where the points change (``ratio``: 1 and its cap)."""
        return set()

    def mutants(self, points: Decimal) -> list[Mutation]:
        """The small mistakes an author could make in this rule (``points`` is the leaf's
        maximum): what ``perfscore test --mutate`` checks the cases and properties catch."""
        return []

    @classmethod
    def facets(cls, params: Any, text: Callable[[Any], str]) -> Iterator[tuple[str, str]]:
        """The parameters as (key, text) pairs, compared one by one by ``diff``."""
        dumped = params.model_dump(by_alias=True) if hasattr(params, "model_dump") else {}
        for key, value in dumped.items():
            if value is not None:
                yield f"{cls.name}.{key}", text(value)


def lint_choices(leaf: Lint, method: str, keys: Iterable[str], what: Term) -> None:
    """The value of a method keyed by a choice input's options (``levels``, ``bands``) must be
    such an input, and the keys exactly its options."""
    value = leaf.value
    if value.kind == "any" or leaf.value_expr is None:
        return
    if value.kind != "choice":
        leaf.in_expression("PS123.choice", leaf.value_expr, method=method,
                           expression=leaf.value_expr.text.strip(), kind=value.term)
        return
    keys = list(keys)
    missing = [option for option in value.options if option not in keys]
    for key in keys:
        if key not in value.options:
            leaf.error("PS124.extra", (key,), on_key=True,
                       suggestion=did_you_mean(closest(key, missing)),
                       level=key, name=value.name, options=list(value.options))
    if missing:
        leaf.error("PS124.missing", (), method=method, what=what, options=missing,
                   name=value.name)


def within(points: Decimal, w: Decimal) -> Decimal:
    """``points`` kept within [0, w]."""
    return max(ZERO, min(w, points))


def target_number(t: Any) -> Decimal:
    if t is None:
        raise ExpressionTypeError("this method needs a `target`")
    return number(t, "target")


def amount(diff: Decimal, unit: str | None, lang: str) -> str:
    """A distance in the unit: 8.95 个百分点 / 8.95 percentage points / 2 个."""
    smallest = Decimal("0.01")  # a distance never shows as 0
    if unit == "percent":
        text = plain(max(smallest, round_to(diff * HUNDRED, 2)))
        if lang == "zh":
            return f"{text} 个百分点"
        return f"{text} percentage point{'' if text == '1' else 's'}"
    return show(max(smallest, diff), unit)


def spaced(text: str, lang: str) -> str:
    """A figure as Chinese continues after it: a bare number keeps one space before the words
    that follow (``再降低 1 可达到``), a unit needs none (``再降低 5 个百分点可达到``)."""
    return text + " " if lang == "zh" and text[-1:].isascii() else text


def listed(names: Iterable[str], zh: bool) -> str:
    return ("、" if zh else ", ").join(names)
