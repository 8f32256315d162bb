"""Checking one declared property with hypothesis: generate records (``_strategies``), score
them, and when the property fails let hypothesis shrink the records to the smallest that still
show it, so the counterexample is one a person can check by hand.

Every property also checks, on every record it scores, that each leaf stays within its points
(``bounded`` is implied for every item) and that scoring raises nothing but a rejection.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import hypothesis
from hypothesis import HealthCheck, Phase, Verbosity, given, reject, settings
from hypothesis import strategies as st
from hypothesis.errors import FailedHealthCheck, Unsatisfiable

from .._common.errors import PerfscoreError, RecordError
from .._common.numbers import ZERO, plain
from .._score.result import Item, Result
from .._source.format import TOTAL, Property
from .strategies import ABSENT, AIMED, plan_of, records
from .verdict import Counterexample, PropertyOutcome

if TYPE_CHECKING:
    from .._scheme import Scheme

Records = tuple[dict[str, Any], ...]


class _Falsified(Exception):
    """Raised inside the hypothesis test so that it shrinks; the details are kept aside."""


@dataclass(frozen=True, slots=True)
class _Found:
    problem: str
    counterexample: Counterexample


def falsify(scheme: Scheme, prop: Property, at: Mapping[str, Any], seed: int,
            examples: int) -> PropertyOutcome:
    """Try to find records that break ``prop``; the verdict, with the smallest counterexample."""
    name = prop.describe()
    found: list[_Found] = []
    judge = _judge(scheme, prop)

    @hypothesis.seed(seed)
    @settings(max_examples=examples, database=None, deadline=None, derandomize=False,
              verbosity=Verbosity.quiet, print_blob=False, report_multiple_bugs=False,
              phases=(Phase.explicit, Phase.generate, Phase.shrink),
              suppress_health_check=(HealthCheck.too_slow, HealthCheck.data_too_large))
    @given(_strategy(scheme, prop))
    def run(drawn: Records) -> None:
        failure = judge(drawn)
        if failure is not None:
            found.append(failure)
            raise _Falsified

    def outcome(problem: str | None = None,
                counterexample: Counterexample | None = None) -> PropertyOutcome:
        return PropertyOutcome(name, at.get("file"), at.get("line"), examples, seed, problem,
                               counterexample)

    try:
        run()
    except _Falsified:
        # hypothesis replays the smallest failing example last
        return outcome(found[-1].problem, found[-1].counterexample)
    except (Unsatisfiable, FailedHealthCheck):
        return outcome("could not generate enough records to check this property: most "
                       "generated records were rejected (by `checks`, `missing: error`, or "
                       "because no indicator could be assessed)")
    return outcome()


def _strategy(scheme: Scheme, prop: Property) -> st.SearchStrategy[Records]:
    """One record (``bounded``), or two that differ only in the property's input — in
    ascending order for ``increasing``/``decreasing``; absent is a value for ``independent``."""
    field = prop.varies
    if field is None:
        return records(scheme).map(lambda record: (record,))
    plan = plan_of(scheme)
    monotone = prop.independent is None
    base = records(scheme)
    under = _leaves_under(scheme, prop.about)
    aims = [a for a in plan.aims if a.leaf in under and (field, None) in a.fields]

    @st.composite
    def pair(draw: st.DrawFn) -> Records:
        record = draw(base)
        if monotone and aims and field in record and draw(st.integers(0, AIMED - 1)):
            # neighbours on either side of a boundary: where a wrong rule shows
            near, record = plan.reach(draw(st.sampled_from(aims)), (field, None), 0, record,
                                      lambda f: f[0] != field and f[0] in record)
            if len(near) >= 2:
                at = draw(st.integers(0, len(near) - 2))
                return _with(record, field, near[at]), _with(record, field, near[at + 1])
        decided = {k: record.get(k, ABSENT) for k in scheme.inputs if k != field}
        first = plan.draw(draw, field, decided, absent=not monotone)
        second = plan.draw(draw, field, decided, absent=not monotone)
        if monotone and first > second:
            first, second = second, first
        return _with(record, field, first), _with(record, field, second)

    return pair()


def _leaves_under(scheme: Scheme, about: str) -> frozenset[str]:
    """The leaves whose points make up indicator ``about`` (every leaf for the total)."""
    nodes = [n for root in scheme.indicators for n in root.walk() if n.id == about]
    roots = nodes or scheme.indicators
    return frozenset(leaf.id for node in roots for leaf in node.leaves())


def _with(record: Mapping[str, Any], field: str, value: Any) -> dict[str, Any]:
    changed = {k: v for k, v in record.items() if k != field}
    if value is not ABSENT:
        changed[field] = value
    return {k: changed[k] for k in (*record, field) if k in changed}


def _judge(scheme: Scheme, prop: Property) -> Callable[[Records], _Found | None]:
    name = prop.describe()
    target = prop.about
    field = prop.varies
    is_total = target == TOTAL and not any(
        target in {item.id for item in node.walk()} for node in scheme.indicators)
    bonus = sum((leaf.points for node in scheme.indicators for leaf in node.leaves()
                 if leaf.kind == "bonus"), ZERO)
    total_max = scheme.settings.total + bonus

    def expect(result: Result | None, about: str) -> dict[str, Any]:
        if result is None:
            return {}
        if about == TOTAL and is_total:
            return {"total": result.total}
        item = result[about]
        if item.points is None:
            return {"status": {about: item.status}}
        return {"items": {about: item.points}}

    def found(problem: str, drawn: Sequence[Mapping[str, Any]],
              results: Sequence[Result | None], about: str) -> _Found:
        if field is None or len(drawn) == 1:
            names: tuple[str, ...] = (name,)
        else:
            names = tuple(f"{name}: {field} = {_show(record.get(field, ABSENT))}"
                          for record in drawn)
        return _Found(problem, Counterexample(names, tuple(drawn),
                                              tuple(expect(r, about) for r in results)))

    def judge(drawn: Records) -> _Found | None:
        results: list[Result] = []
        for record in drawn:
            try:
                results.append(scheme.score(record))
            except RecordError as error:
                if any(e.code == "PS301" for e in error.errors):
                    raise AssertionError(f"perfscore generated an invalid record (a bug in "
                                         f"perfscore): {error}") from None
                reject()  # a check, `missing: error`, or nothing assessable
            except PerfscoreError as error:
                return found(f"scoring failed: {error}", [record], [None], target)
        for record, result in zip(drawn, results, strict=True):
            for item in result.walk():
                if item.is_leaf and (problem := _outside(item)) is not None:
                    return found(problem, [record], [result], item.id)
        if prop.bounded is not None:
            (result,) = results
            if is_total:
                if not ZERO <= result.total <= total_max:
                    return found(f"total {plain(result.total)} is outside [0, "
                                 f"{plain(total_max)}]", drawn, results, target)
            elif (problem := _outside(result[target], branch=True)) is not None:
                return found(problem, drawn, results, target)
            return None
        assert field is not None  # every other property varies an input
        low, high = results
        va, vb = (_show(r.get(field, ABSENT)) for r in drawn)
        a: Decimal | None
        b: Decimal | None
        if is_total:
            a, b = low.total, high.total
            if _excluded(low) != _excluded(high):
                if prop.independent is not None:
                    return found(f"changing {field} from {va} to {vb} changed which "
                                 "indicators are assessed", drawn, results, target)
                return None  # a different set of items is assessed: totals do not compare
        else:
            a, b = _points(low[target]), _points(high[target])
        if prop.independent is not None:
            if a != b:
                return found(f"changing {field} from {va} to {vb} changed {target} from "
                             f"{_shown(a)} to {_shown(b)}", drawn, results, target)
            return None
        if a is None or b is None:
            return None  # not assessed on one side: nothing to compare
        if prop.increasing is not None and a > b:
            return found(f"raising {field} from {va} to {vb} lowered {target} from {plain(a)} "
                         f"to {plain(b)}", drawn, results, target)
        if prop.decreasing is not None and a < b:
            return found(f"raising {field} from {va} to {vb} raised {target} from {plain(a)} "
                         f"to {plain(b)}", drawn, results, target)
        return None

    return judge


def _outside(item: Item, *, branch: bool = False) -> str | None:
    """Whether an item's points leave their range: [0, max], or [−max, 0] for a penalty."""
    if item.points is None or (not item.is_leaf and not branch):
        return None
    low, high = (-item.max, ZERO) if item.kind == "penalty" else (ZERO, item.max)
    if low <= item.points <= high:
        return None
    return (f"{item.id} scored {plain(item.points)}, outside [{plain(low)}, {plain(high)}]: "
            f"{item.explain()}")


def _excluded(result: Result) -> frozenset[str]:
    return frozenset(i.id for i in result.walk() if i.is_leaf and i.points is None)


def _points(item: Item) -> Decimal | None:
    return item.points if item.status == "scored" else None


def _show(value: Any) -> str:
    if value is ABSENT:
        return "absent"
    return plain(value) if isinstance(value, Decimal) else str(value)


def _shown(points: Decimal | None) -> str:
    return "not assessed" if points is None else plain(points)
