"""What each leaf adds to a record's total (SPEC §3, §8.3): the sums the total is made from,
and the flags and warnings the leaves raise, in the leaves' order.

The generated scorer (``codegen``) counts a leaf its method scored with a few statements of
its own, written for the leaf's kind at load; every other leaf — not assessed, not
applicable, a 自评表's rows — is an ``Item``, counted here by ``Tally.item``.
"""

from __future__ import annotations

from .._common.numbers import ZERO
from .result import Flag, Item


class Tally:
    """The running sums of one record: ``awarded`` and ``assessed`` (the base points given and
    the maxima they were given out of), ``extra`` (bonus and penalty points), ``inapplicable``
    (the maxima of base items declared 不适用), whether every base leaf was assessed
    (``complete``), the leaves' ``flags`` and ``warnings``, and the items that reject the record
    (``rejected``: not assessed under ``missing: error``)."""

    __slots__ = ("assessed", "awarded", "complete", "extra", "flags", "inapplicable",
                 "rejected", "warnings")

    def __init__(self) -> None:
        self.awarded = self.assessed = self.extra = self.inapplicable = ZERO
        self.complete = True
        self.flags: list[Flag] = []
        self.warnings: list[Flag] = []
        self.rejected: list[Item] = []

    def item(self, item: Item, ask_reasons: bool) -> None:
        """Count a leaf that is an item; ``ask_reasons``: the scheme wants a 偏差原因 for every
        point lost and every review flag."""
        node = item.indicator
        assert node is not None
        points, status, kind = item.points, item.status, item.kind
        if status != "scored":
            self.warnings.append(Flag(item.id, status, {"points": points, "max": item.max},
                                      item))
            if item.policy == "error":
                self.rejected.append(item)
        if kind != "base":
            if points is not None:
                self.extra += points
        elif points is None:
            self.complete = False
        else:
            self.awarded += points
            self.assessed += node.points
        if status == "not_applicable" and kind == "base":
            self.inapplicable += node.points
        raised = item.flags
        if raised:
            self.flags += raised
        if ask_reasons and status == "scored" and not item.deviation_reason:
            missing(self, item.id, item.name, kind == "base" and bool(item.lost), raised)


def missing(tally: Tally, indicator_id: str, name: str, lost: bool,
            raised: tuple[Flag, ...]) -> None:
    """The warning of a scored leaf that has no 偏差原因 although it lost points (a base
    leaf) or raised a review flag."""
    if lost:
        tally.warnings.append(Flag(indicator_id, "no_reason", {"name": name}))
    elif raised:
        tally.warnings.append(Flag(indicator_id, "no_reason_review", {"name": name}))


def counted(tally: Tally, items: tuple[Item, ...], ask_reasons: bool) -> None:
    """Count a 自评表 section's items (its rows, or itself when absent or not applicable)."""
    for item in items:
        tally.item(item, ask_reasons)

