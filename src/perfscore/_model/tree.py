"""The compiled scheme as data: the indicator tree that scores, the whole scheme ready to
score, and each indicator placed at its spec in the document (for the checks that report
there). ``build`` makes them; ``lint``, the scorer and the reports read them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .._common.errors import Diagnostic
from .._expr.syntax import Expr
from .._methods import Equal, Method, Ratio, Reverse
from .._methods.line import Interval
from .._source.yaml import Path
from .document import IndicatorSpec, Kind


@dataclass(frozen=True, slots=True)
class Indicator:
    """One node of the compiled tree. A leaf has a ``method``; a branch has ``children``.

    ``points`` is the maximum (分值): declared, or for a branch the sum of its base children.
    """

    id: str
    name: str
    kind: Kind
    points: Decimal
    children: tuple[Indicator, ...]
    value: Expr | None
    target: Expr | None
    unit: str | None
    method: Method | None
    basis: tuple[str, ...]
    missing: str
    review: Decimal | None
    explain: str | None
    line: int | None
    rows: RowRules | None = None
    """For an indicator whose items are the rows of a ``rows`` input: how they score."""
    required: bool = False
    applicable: str | None = None

    @property
    def is_leaf(self) -> bool:
        return self.method is not None

    def walk(self) -> Iterator[Indicator]:
        """This node and every node below it, depth first, in the scheme's order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def leaves(self) -> list[Indicator]:
        if self.is_leaf:
            return [self]
        return [leaf for child in self.children for leaf in child.leaves()]


@dataclass(frozen=True, slots=True)
class RowRules:
    """How the rows of one 自评表 section score (SPEC §8.1): ``source`` names the ``rows``
    input, ``reverse`` the variant of ≤ rows, ``bands`` the 定性 bands (fractions of a row's
    分值)."""

    source: str
    reverse: Reverse
    equal: Equal
    ratio: Ratio
    bands: Mapping[str, Interval]


@dataclass(frozen=True, slots=True)
class Veto:
    """一票否决: when ``condition`` holds, the grade is at most ``grade``."""

    condition: Expr
    grade: str
    message: str


@dataclass(frozen=True, slots=True)
class Budget:
    """The 自评表's budget block: the inputs of 年初预算数, 全年预算数 and 全年执行数, and the
    indicator (预算执行率) shown in the block rather than among the rows."""

    initial: str
    full_year: str
    spent: str
    indicator: str


@dataclass(frozen=True, slots=True)
class CompiledScheme:
    """A scheme ready to score. ``warnings`` are what ``perfscore check`` reports beside errors:
    findings that do not stop the scheme from loading."""

    lets: tuple[tuple[str, Expr], ...]
    checks: tuple[tuple[Expr, str], ...]
    indicators: tuple[Indicator, ...]
    grades: tuple[tuple[Decimal, str], ...]
    warnings: tuple[Diagnostic, ...] = ()
    vetoes: tuple[Veto, ...] = ()
    header: tuple[str, ...] = ()
    budget: Budget | None = None


BESIDE = ""
"""``inputs_read``'s key, which no indicator id can be, for the inputs the scheme reads beside
its indicators."""


def inputs_read(compiled: CompiledScheme, inputs: Iterable[str]) -> dict[str, frozenset[str]]:
    """The inputs each indicator reads (by id), through the lets it uses: what a record may
    leave out when it declares the indicator 不适用; and under ``BESIDE``, those the checks,
    the vetoes, the heading and the budget block read, which it never may: left out, a veto
    on an input of an indicator declared 不适用 would not hold, nor a check on it."""
    names = frozenset(inputs)
    lets = dict(compiled.lets)
    expanded: dict[str, frozenset[str]] = {}

    def reach(used: Iterable[str]) -> frozenset[str]:
        found: set[str] = set()
        for name in used:
            if name in lets:
                if name not in expanded:
                    expanded[name] = frozenset()  # lets are acyclic; this only stops a loop
                    expanded[name] = reach(lets[name].names)
                found |= expanded[name]
            elif name in names:
                found.add(name)
        return frozenset(found)

    reads: dict[str, frozenset[str]] = {}

    def visit(node: Indicator) -> frozenset[str]:
        if node.rows is not None:
            found = frozenset((node.rows.source,))
        elif node.method is not None:
            used = {*node.method.reads()}
            for expr in (node.value, node.target, *node.method.expressions()):
                if expr is not None:
                    used |= expr.names
            found = reach(used)
        else:
            found = frozenset().union(*(visit(child) for child in node.children))
        reads[node.id] = found
        return found

    for root in compiled.indicators:
        visit(root)
    budget = compiled.budget
    reads[BESIDE] = reach({
        *(name for check, _ in compiled.checks for name in check.names),
        *(name for veto in compiled.vetoes for name in veto.condition.names),
        *compiled.header,
        *((budget.initial, budget.full_year, budget.spent) if budget is not None else ())})
    return reads


@dataclass(frozen=True, slots=True)
class Placed:
    """A compiled indicator with the spec it came from and where that is in the document."""

    spec: IndicatorSpec
    path: Path
    node: Indicator
