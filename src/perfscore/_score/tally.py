"""What each leaf adds to a record's total (SPEC §3, §8.3): the sums the total is made from, as
the leaves are scored, and the flags and warnings they raise, in the leaves' order, worded
only when a result is asked for them.

The generated scorer (``codegen``) counts a leaf its method scored with a few statements of
its own, written for the leaf's kind at load; every other leaf — not assessed, not
applicable, a 自评表's rows — is an ``Item``, counted here by ``Tally.item``. The flags and
warnings are read back from the leaves afterwards (``noted``): most results of a batch are
never asked for them, and making them took a tenth of scoring a record.
"""

from __future__ import annotations

from .._common.numbers import ZERO, exact
from .items import review_flags
from .notes import Notes
from .result import Flag, Item, Scored


class Tally:
    """The running sums of one record: ``awarded`` and ``assessed`` (the base points given and
    the maxima they were given out of), ``extra`` (bonus and penalty points), ``inapplicable``
    (the maxima of base items declared 不适用), whether every base leaf was assessed
    (``complete``), and the items that reject the record (``rejected``: not assessed under
    ``missing: error``)."""

    __slots__ = ("assessed", "awarded", "complete", "extra", "inapplicable", "rejected")

    def __init__(self) -> None:
        self.awarded = self.assessed = self.extra = self.inapplicable = ZERO
        self.complete = True
        self.rejected: list[Item] = []

    def item(self, item: Item) -> None:
        """Count a leaf that is an item."""
        node = item.indicator
        assert node is not None
        points, status, kind = item.points, item.status, item.kind
        if item.policy == "error":  # a policy is an item's only when it is not assessed
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


def counted(tally: Tally, section: Item) -> None:
    """Count a 自评表 section (``rows.score_rows``'s item)."""
    for item in counts(section):
        tally.item(item)


def counts(item: Item) -> tuple[Item, ...]:
    """What an item of a record's shape counts in its total: a 自评表 section its rows, unless
    it is absent (not assessed, for a reason) or declared not applicable, when it counts
    itself, as every other item does."""
    node = item.indicator
    assert node is not None
    if node.rows is None or item.reason is not None or item.status == "not_applicable":
        return (item,)
    return item.children


@exact  # a flag's facts show numbers in their unit
def noted(shape: tuple[Item | Scored, ...], notes: Notes, ask_reasons: bool
          ) -> tuple[list[Flag], list[Flag]]:
    """The flags and warnings of a record's leaves and sections (``shape``), in their order:
    each leaf's review flags; a warning for each item not assessed or not applicable; and,
    where the scheme wants a 偏差原因 (``ask_reasons``), one for each scored leaf that lost
    points (a base leaf) or raised a review flag without giving one."""
    flags: list[Flag] = []
    warnings: list[Flag] = []
    reasons = notes.reasons
    for entry in shape:
        if entry.__class__ is tuple:  # result.Scored: a leaf its method scored
            node, points, value, target, _, flagged = entry
            raised = review_flags(node, value, target) if flagged else ()
            flags += raised
            if ask_reasons and not reasons.get(node.id):
                missing(warnings, node.id, node.name,
                        node.kind == "base" and points != node.points, raised)
            continue
        assert isinstance(entry, Item)
        for item in counts(entry):
            status = item.status
            if status != "scored":
                warnings.append(Flag(item.id, status, {"points": item.points, "max": item.max},
                                     item))
            flags += item.flags
            if ask_reasons and status == "scored" and not item.deviation_reason:
                missing(warnings, item.id, item.name,
                        item.kind == "base" and bool(item.lost), item.flags)
    return flags, warnings


def missing(warnings: list[Flag], indicator_id: str, name: str, lost: bool,
            raised: tuple[Flag, ...]) -> None:
    """The warning of a scored leaf that has no 偏差原因 although it lost points (a base
    leaf) or raised a review flag."""
    if lost:
        warnings.append(Flag(indicator_id, "no_reason", {"name": name}))
    elif raised:
        warnings.append(Flag(indicator_id, "no_reason_review", {"name": name}))
