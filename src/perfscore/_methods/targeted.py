"""What the methods scored against a target share (``ratio``, ``reverse``, ``equal``): both
value and target are numbers, the target must be given, and a constant target that leaves the
indicator never assessed is an error at load."""

from __future__ import annotations

from abc import abstractmethod
from decimal import Decimal
from typing import Any, ClassVar

from .._common.numbers import ONE, ZERO, show
from .base import Branch, Method, Outcome, Said


class Targeted(Method):
    numeric = True
    needs_target = True
    shorthand = True
    positive_target: ClassVar[bool] = False
    """The target must be above 0 (``ratio`` divides by it); otherwise not below 0."""

    def check_target(self, target: Decimal) -> tuple[str, dict[str, Any]] | None:
        """The error of a constant target that leaves the indicator never assessed."""
        if self.positive_target and target <= 0:
            return "PS218", {"target": target}
        if not self.positive_target and target < 0:
            return "PS218.negative", {"method": self.name, "target": target}
        return None

    def target_boundaries(self) -> set[Decimal]:
        return {ONE}

    def boundaries(self) -> set[Decimal]:
        return set() if self.positive_target else {ZERO}  # a target of 0: value ≤ 0 or not

    def may_skip(self, target: Decimal | None) -> bool:
        if target is None:
            return True
        return target <= 0 if self.positive_target else target < 0

    def branches(self, points: Decimal, target: Decimal | None) -> list[Branch]:
        found = self.nonzero_branches() if target is None or target != 0 else []
        if not self.positive_target and (target is None or target == 0):
            found += [Branch("zero met", "target 0, value at or below 0"),
                      Branch("zero missed", "target 0, value above 0")]
        return found

    @abstractmethod
    def nonzero_branches(self) -> list[Branch]:
        """The paths when the target is not 0."""

    def taken(self, outcome: Outcome, value: Any, points: Decimal) -> list[str]:
        if outcome.facts.get("zero_target"):
            return ["zero met" if outcome.points == points else "zero missed"]
        return self.nonzero_taken(outcome)

    @abstractmethod
    def nonzero_taken(self, outcome: Outcome) -> list[str]:
        """The paths taken when the target is not 0."""

    @staticmethod
    def zero_target_text(said: Said) -> str:
        return said.say("zero_met" if said.points else "zero_missed", name=said.name,
                        value=said.value_text)

    @staticmethod
    def share_text(said: Said) -> str:
        """Value against target as a share of it (ratio, equal)."""
        name, v, t = said.name, said.value_text, said.target_text
        if said.points == said.max:
            return said.say("share_met", name=name, value=v, target=t)
        return said.say("share", name=name, value=v, target=t,
                        share=show(said.facts["share"], "percent"))
