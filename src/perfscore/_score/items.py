"""The items of a result as the scorer makes them: one constructor for each way an item comes
about (scored by its method, not assessed, not applicable, a branch summing its children).

The generated scorer (``codegen``) and the rows of a 自评表 (``rows``) both make items through
these, so an item's fields are set in one place and a change to ``Item`` is checked by mypy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from .._common.numbers import CONTEXT, ZERO, exact, show
from .._expr.functions import NotComputable
from .._methods import Outcome
from .._model.tree import Indicator
from .notes import NO_NOTES, Notes
from .result import Context, Flag, Item, ItemData, Scored, Status, as_item


def _deviation(node: Indicator, notes: Notes, row: Mapping[str, Any] | None) -> str | None:
    """A row's 偏差原因 is its own column; a leaf's is in the record's ``reasons:``."""
    return row.get("reason") if row is not None else notes.reasons.get(node.id)


def not_assessed(node: Indicator, value: Any, target: Any, reason: NotComputable,
                 context: Context, notes: Notes = NO_NOTES,
                 row: Mapping[str, Any] | None = None) -> Item:
    # The item keeps the reason; its traceback would keep the scorer's frame, and with it the
    # record's whole scope, alive as long as the result.
    reason.__traceback__ = reason.__context__ = None
    zero = node.missing == "zero"
    return as_item(ItemData(  # by position: with keywords an item took 0.80 µs, not 0.49
        node.id, node.name, node.kind, "not_assessed", ZERO if zero else None, node.points,
        node.points if zero and node.kind == "base" else None, value, target, None, (), (),
        node, None, reason, node.missing, context, _deviation(node, notes, row), row))


def not_applicable(node: Indicator, notes: Notes, context: Context) -> Item:
    """An item the record declares 不适用: left out, and the total rescaled (SPEC §8.3)."""
    return as_item(ItemData(node.id, node.name, node.kind, "not_applicable", None, node.points,
                            None, None, None, None, (), (), node, None, None, None, context,
                            notes.not_applicable.get(node.id)))


def scored(node: Indicator, points: Decimal, value: Any, target: Any,
           outcome: Outcome | None, flags: tuple[Flag, ...], context: Context,
           notes: Notes = NO_NOTES, row: Mapping[str, Any] | None = None) -> Item:
    """The item of a leaf its method scored; an outcome the generated scorer left to be
    asked for (None: its points were inlined, ``Method.inline``) is asked of the method."""
    if outcome is None:
        outcome = _decided(node, value, target)
    return as_item(ItemData(node.id, node.name, node.kind, "scored", points, node.points,
                            lost(node, points),
                            value, target, outcome.rule, flags, (), node, outcome, None, None,
                            context, _deviation(node, notes, row), row))


def lost(node: Indicator, points: Decimal) -> Decimal:
    """What a scored leaf cost: its maximum less its points (a base leaf), the points taken
    (a penalty, whose points are negative), nothing (a bonus)."""
    if node.kind == "base":
        return node.points - points
    return -points if node.kind == "penalty" else ZERO


def _decided(node: Indicator, value: Any, target: Any) -> Outcome:
    """What the leaf's method decides, for a leaf whose points the generated scorer worked
    out inline: a method that inlines reads neither ``run`` nor the scope. Asked only by
    ``Assembly.roots``, in perfscore's decimal context."""
    method = node.method
    assert method is not None
    return method.score(value, target, node.points, _no_run, {})


def _no_run(expr: Any) -> Any:
    raise AssertionError("a method that inlines evaluates no expression of its own")


def item(entry: Item | Scored, context: Context, notes: Notes) -> Item:
    """The item of a leaf or section the scorer left (``Scored``, or an ``Item`` already)."""
    if not isinstance(entry, tuple):
        return entry
    node, points, value, target, outcome, flagged = entry
    return scored(node, points, value, target, outcome,
                  review_flags(node, value, target) if flagged else (), context, notes)


def summed(points: list[Decimal]) -> Decimal | None:
    """A branch's points: its assessed children's, added up; None when none was assessed."""
    return sum(points, ZERO) if points else None


def branch(node: Indicator, children: tuple[Item, ...], context: Context,
           notes: Notes = NO_NOTES) -> Item:
    """The item of a branch: the sum of its children's points, if any was assessed."""
    points = [child.points for child in children if child.points is not None]
    status: Status = "scored" if points else (
        "not_applicable" if children and all(c.status == "not_applicable" for c in children)
        else "not_assessed")
    return as_item(ItemData(node.id, node.name, node.kind, status,
                            summed(points), node.points, None, None, None,
                            None, (), children, node, None, None, None, context,
                            notes.not_applicable.get(node.id)))


def over_target(node: Indicator, value: Any, target: Any) -> bool:
    """Whether the value reaches the review ratio of a positive target: what the scorer
    notes of a leaf, its flag made only when asked for (``review_flags``)."""
    ratio = node.review
    if ratio is None or type(value) is not Decimal or type(target) is not Decimal:
        return False
    bound = review_bound(ratio, target)
    return bound is not None and value >= bound


def review_bound(ratio: Decimal, target: Decimal) -> Decimal | None:
    """The least value that reaches the review ``ratio`` of ``target``; None where the target
    is not positive, when none does. The generated scorer works it out once for a constant
    target."""
    return CONTEXT.multiply(ratio, target) if target > 0 else None


def review_flags(node: Indicator, value: Any, target: Any) -> tuple[Flag, ...]:
    """``over_target`` when the value reaches the review ratio of a positive target."""
    if not over_target(node, value, target):
        return ()
    return (Flag(node.id, "over_target", {
        "name": node.name, "ratio": node.review, "value": show(value, node.unit),
        "target": show(target, node.unit)}),)


class Assembly:
    """How the items of a result are made from the items of its leaves and rows sections
    (``shape``, depth first, as the generated scorer returns them). The scorer leaves the
    branches until a result is asked for its items: the total needs the leaves alone, a
    batch row only the points, and most results of a batch are never asked."""

    __slots__ = ("_counted", "_making", "context", "nodes", "plan", "required", "tops")

    def __init__(self, indicators: tuple[Indicator, ...], context: Context) -> None:
        self.context = context
        # every indicator depth first: the place of its item in the shape (a leaf or a
        # section), or -1 and the places of its children (a branch)
        self.plan: list[tuple[int, tuple[int, ...]]] = []
        self.nodes: list[Indicator] = []  # the indicator of each place in the plan
        self.required: list[tuple[int, Indicator]] = []  # (place, indicator), depth first
        self._counted: Callable[[tuple[Item | Scored, ...]], list[Decimal | None]] | None = None
        self._making: Callable[[tuple[Item | Scored, ...], Notes], tuple[Item, ...]] | None = None
        made = 0

        def place(node: Indicator) -> int:
            nonlocal made
            at = len(self.plan)
            self.plan.append((-1, ()))
            self.nodes.append(node)
            if node.required:
                self.required.append((at, node))
            if node.is_leaf or node.rows is not None:
                self.plan[at] = (made, ())
                made += 1
            else:
                self.plan[at] = (-1, tuple(place(child) for child in node.children))
            return at

        self.tops = tuple(place(root) for root in indicators)

    def unscored(self, shape: tuple[Item | Scored, ...]) -> list[Indicator]:
        """The ``required`` indicators whose items would not be scored, depth first, found
        without making the items: a leaf or section by its own status, a branch by whether
        any child of it was assessed (``branch``'s rule)."""
        found: list[Indicator] = []
        points: list[Decimal | None] | None = None
        for at, node in self.required:
            made, _ = self.plan[at]
            if made >= 0:
                entry = shape[made]
                if not isinstance(entry, tuple) and entry.status != "scored":
                    found.append(node)
                continue
            points = self.points(shape) if points is None else points
            if points[at] is None:
                found.append(node)
        return found

    @exact
    def roots(self, shape: tuple[Item | Scored, ...], notes: Notes) -> tuple[Item, ...]:
        """The root items, each branch made by ``branch`` from its children: by a function
        written from the plan on first use (a loop over the plan took a fifth of the time
        making the items took), children before their branch."""
        making = self._making
        if making is None:
            making = self._making = self._written_roots()
        return making(shape, notes)

    def _written_roots(self) -> Callable[[tuple[Item | Scored, ...], Notes], tuple[Item, ...]]:
        lines = ["def roots(shape, notes):"]
        for at in range(len(self.plan) - 1, -1, -1):
            made, children = self.plan[at]
            if made >= 0:  # a leaf's numbers (result.Scored), or its item
                lines.append(f"    i{at} = item(shape[{made}], context, notes)")
            else:
                made_children = "".join(f"i{child}, " for child in children)
                lines.append(f"    i{at} = branch(nodes[{at}], ({made_children}), context, notes)")
        lines.append(f"    return ({''.join(f'i{at}, ' for at in self.tops)})")
        namespace: dict[str, Any] = {"__builtins__": {}, "item": item, "branch": branch,
                                     "nodes": self.nodes, "context": self.context}
        exec(compile("\n".join(lines), "<perfscore items>", "exec"), namespace)  # our names
        function: Callable[[tuple[Item | Scored, ...], Notes], tuple[Item, ...]] = \
            namespace["roots"]
        return function

    def points(self, shape: tuple[Item | Scored, ...]) -> list[Decimal | None]:
        """Every indicator's points, depth first (a section's, not its rows'), as the items
        ``roots`` makes would give them, without making them (a batch writes them for every
        row): by a function written from the plan on first use, children before their
        branch. Its sums are perfscore's (``CONTEXT.add``), whatever the caller's decimal
        context: ``score_frame`` asks for them outside the stream's setting, and a caller's
        precision of 3 made a branch of 32.99 points 33.0."""
        counted = self._counted
        if counted is None:
            counted = self._counted = self._counting()
        return counted(shape)

    def _counting(self) -> Callable[[tuple[Item | Scored, ...]], list[Decimal | None]]:
        lines = ["def points(shape):"]
        for at in range(len(self.plan) - 1, -1, -1):
            made, children = self.plan[at]
            if made >= 0:  # a leaf's numbers (result.Scored), or its item
                lines += [f"    e = shape[{made}]",
                          f"    p{at} = e[1] if e.__class__ is tuple else e.points"]
            else:  # `summed`: the assessed children's points added up from zero, or None
                lines.append(f"    p{at} = None")
                for child in children:
                    lines += [f"    if p{child} is not None:",
                              f"        p{at} = add(ZERO if p{at} is None else p{at}, p{child})"]
        lines.append(f"    return [{', '.join(f'p{at}' for at in range(len(self.plan)))}]")
        namespace: dict[str, Any] = {"__builtins__": {}, "tuple": tuple, "ZERO": ZERO,
                                     "add": CONTEXT.add}
        exec(compile("\n".join(lines), "<perfscore points>", "exec"), namespace)  # our names
        function: Callable[[tuple[Item | Scored, ...]], list[Decimal | None]] = \
            namespace["points"]
        return function
