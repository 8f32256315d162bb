"""``deadline`` — a date row of a 自评表 (时效指标, SPEC §8.1): full points when the actual
date is on the right side of the target date (not later for ≤, not earlier for ≥, the same day
for =), else 0; the explanation says by how many days it missed.

Only rows score by it (their 指标性质 and 度量单位 choose it), so it has no ``score:`` key:
it is not in ``METHODS``, and a row makes its ``Deadline(nature)`` itself. It is a ``Method``
for what a row's item asks of its method (the points, the sentence, the rule paths), not for
what a scheme's leaf asks: nothing builds it from a scheme, and the 评分标准 words a section's
date rows by nature (``_report/manual.py``), so ``build`` and ``describe`` are never called.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Self

from .._common.numbers import ZERO
from .base import Branch, Build, Method, Outcome, Rule, Run, Said, Values

_SIDES = {"≤": (1, 0), "≥": (0, 1), "=": (1, 1)}
"""Per nature: whether a date after the target misses, whether one before it misses."""


@dataclass(frozen=True, slots=True)
class Deadline(Method):
    nature: str  # type: ignore[misc]  # the row's 指标性质, not the method's fixed one
    name = "deadline"
    spec = None

    @classmethod
    def build(cls, params: Any, site: Build) -> Self | None:
        raise NotImplementedError  # no scheme writes `deadline` (see the module's docstring)

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
        """``a`` and ``t`` are dates: a row is scored by this method only when its figures
        are (one blank is 未填报 before any method; figures of two kinds refuse the record as
        it is read)."""
        after, before = _SIDES[self.nature]
        days = (a - t).days
        missed = (after and days > 0) or (before and days < 0)
        return Outcome(ZERO if missed else w, "deadline.missed" if missed else "deadline.met",
                       {"days": days})

    def explain(self, said: Said) -> str:
        days = said.facts["days"]
        name, v, t = said.name, said.value_text, said.target_text or ""
        if days == 0:
            return said.say("deadline_on", name=name, value=v, target=t)
        count = abs(days)
        return said.say("deadline_late" if days > 0 else "deadline_early", name=name, value=v,
                        target=t, count=count, days=said.say("day" if count == 1 else "days"))

    def describe(self, rule: Rule) -> str:
        raise NotImplementedError  # the 评分标准 words date rows by nature, not by row

    def branches(self, points: Decimal, target: Decimal | None) -> list[Branch]:
        return [Branch("met", "on time"), Branch("missed", "missed the date")]

    def taken(self, outcome: Outcome, value: Any, points: Decimal) -> list[str]:
        return [outcome.rule.split(".")[1]]
