"""Scoring one validated record: lets, checks, every indicator, rounding, missing policies,
totals with rescaling, grade (SPEC §2.2, §3, §6).
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from ._compile import Compiled, Indicator
from ._compiler import CompiledEvaluator
from ._errors import EvaluationError, PerfscoreError, RecordError
from ._evaluate import Evaluator, evaluation_error, record_budget
from ._expr import Expr
from ._format import Settings
from ._functions import Absent, ExpressionTypeError, NotComputable
from ._methods import Formula, Outcome, Run, Tiers
from ._numbers import CONTEXT, ZERO, round_to, show
from ._result import Context, Flag, Item, Result


class Engine(Protocol):
    """What the scorer needs of an evaluator (``Evaluator`` or ``CompiledEvaluator``)."""

    def run(self, expr: Expr, scope: Mapping[str, Any]) -> Any: ...


def expressions(compiled: Compiled) -> list[Expr]:
    """Every expression of a compiled scheme: lets, checks, values, targets, tier tests and
    formulas."""
    found = [expr for _, expr in compiled.lets] + [expr for expr, _ in compiled.checks]
    for root in compiled.indicators:
        for leaf in root.leaves():
            found += [e for e in (leaf.value, leaf.target) if e is not None]
            if isinstance(leaf.method, Tiers):
                found += [t.test for t in leaf.method.tiers if isinstance(t.test, Expr)]
            elif isinstance(leaf.method, Formula):
                found.append(leaf.method.expr)
    return found


@dataclass(frozen=True, slots=True)
class Scorer:
    """Everything needed to score records of one scheme; immutable, so shareable.

    ``fast`` is the compiled evaluator every score uses unless the reference (simpleeval) one
    is asked for.
    """

    compiled: Compiled
    settings: Settings
    context: Context
    meta: tuple[str, str, str]  # scheme id, edition, title
    scheme_file: str
    fast: CompiledEvaluator

    def score(self, scope: dict[str, Any], provenance: Mapping[str, str],
              file: str | None = None, *, reference: bool = False) -> Result:
        evaluator: Engine = Evaluator() if reference else self.fast
        with decimal.localcontext(CONTEXT), record_budget():
            return self._score(evaluator, scope, provenance, file)

    def _score(self, evaluator: Engine, scope: dict[str, Any], provenance: Mapping[str, str],
               file: str | None) -> Result:
        for name, expr in self.compiled.lets:
            try:
                scope[name] = evaluator.run(expr, scope)
            except NotComputable as exc:
                scope[name] = Absent(name, exc.reason, exc.name)
        self._check(evaluator, scope, file)
        leaves: list[Item] = []
        run: Run = lambda expr: evaluator.run(expr, scope)  # noqa: E731 - one per record
        items = tuple(self._item(node, run, scope, leaves) for node in self.compiled.indicators)
        rejected: list[PerfscoreError] = [
            RecordError(item.explain(), file=file, where=item.id, code="PS303")
            for item in leaves if item.status == "not_assessed" and item.policy == "error"]
        if rejected:
            raise RecordError.collect(rejected)
        return self._total(items, leaves, provenance, file)

    def _check(self, evaluator: Engine, scope: dict[str, Any], file: str | None) -> None:
        failed: list[PerfscoreError] = []
        for expr, message in self.compiled.checks:
            try:
                ok = evaluator.run(expr, scope)
            except NotComputable:
                continue  # a check about an absent optional input does not apply
            if not isinstance(ok, bool):
                raise evaluation_error(expr, "a check must be true or false")
            if not ok:
                failed.append(RecordError(f"{message} ({expr.text})", file=file,
                                          where=", ".join(sorted(expr.names)), code="PS302"))
        if failed:
            raise RecordError.collect(failed)

    def _item(self, node: Indicator, run: Run, scope: dict[str, Any], leaves: list[Item]
              ) -> Item:
        """The item of ``node``; leaves are also appended to ``leaves``, in tree order."""
        if not node.is_leaf:
            children = tuple([self._item(c, run, scope, leaves) for c in node.children])
            scored = [c.points for c in children if c.points is not None]
            points = sum(scored, ZERO) if scored else None
            status = "scored" if scored else "not_assessed"
            return Item(node.id, node.name, node.kind, status, points, node.points, None,
                        children=children, indicator=node, context=self.context)
        leaf = self._leaf(node, run, scope)
        leaves.append(leaf)
        return leaf

    def _leaf(self, node: Indicator, run: Run, scope: dict[str, Any]) -> Item:
        w = node.points
        scope["points"] = w
        value = target = None
        try:
            value = None if node.value is None else run(node.value)
            target = None if node.target is None else run(node.target)
            scope["value"], scope["target"] = value, target
            assert node.method is not None
            outcome: Outcome = node.method.score(value, target, w, run, scope)
        except NotComputable as reason:
            return self._not_assessed(node, value, target, reason)
        except ExpressionTypeError as exc:
            raise EvaluationError(f"indicator {node.id!r}: {exc}", file=self.scheme_file,
                                  line=node.line, where=node.id, code="PS201") from None
        # rounding must not lift full marks past a maximum with more decimals than `places`
        points = min(w, round_to(outcome.points, self.settings.rounding.places,
                                 self.settings.rounding.mode))
        if node.kind == "penalty":
            points, lost = -points, points
        elif node.kind == "bonus":
            lost = ZERO
        else:
            lost = w - points
        return Item(node.id, node.name, node.kind, "scored", points, w, lost, value, target,
                    outcome.rule, self._flags(node, value, target), indicator=node,
                    outcome=outcome, context=self.context)

    def _not_assessed(self, node: Indicator, value: Any, target: Any, reason: NotComputable
                      ) -> Item:
        zero = node.missing == "zero"
        return Item(node.id, node.name, node.kind, "not_assessed", ZERO if zero else None,
                    node.points, node.points if zero and node.kind == "base" else None, value,
                    target, None, indicator=node, reason=reason, policy=node.missing,
                    context=self.context)

    def _flags(self, node: Indicator, value: Any, target: Any) -> tuple[Flag, ...]:
        ratio = node.review
        if ratio is None or not isinstance(value, Decimal) or not isinstance(target, Decimal):
            return ()
        if target > 0 and value >= CONTEXT.multiply(ratio, target):
            return (Flag(node.id, "over_target", {
                "name": node.name, "ratio": ratio, "value": show(value, node.unit),
                "target": show(target, node.unit)}),)
        return ()

    def _total(self, items: tuple[Item, ...], leaves: list[Item], provenance: Mapping[str, str],
               file: str | None) -> Result:
        settings = self.settings
        places, mode = settings.rounding.places, settings.rounding.mode
        base = [i for i in leaves if i.kind == "base"]
        assessed = [i for i in base if i.points is not None]
        awarded = sum((i.points for i in assessed if i.points is not None), ZERO)
        assessed_max = sum((i.max for i in assessed), ZERO)
        warnings = [Flag(i.id, "not_assessed", {"item": i}) for i in leaves
                    if i.status == "not_assessed"]
        if len(assessed) < len(base):
            if assessed_max == 0:
                raise RecordError("no indicator could be assessed for this record"
                                  if self.context.locale == "en" else "该记录没有可评分的指标",
                                  file=file, code="PS304")
            awarded = round_to(awarded / assessed_max * settings.total, places, mode)
            warnings.append(Flag(None, "rescaled", {"assessed": assessed_max,
                                                    "full": settings.total}))
        extra = sum((i.points for i in leaves if i.kind != "base" and i.points is not None),
                    ZERO)
        total = round_to(max(ZERO, awarded + extra), places, mode)
        grade = next((label for low, label in self.compiled.grades if total >= low), None)
        flags = tuple(f for i in leaves for f in i.flags)
        scheme, edition, title = self.meta
        return Result(scheme, edition, title, total, settings.total, grade, items, flags,
                      tuple(warnings), provenance, self.context)

