"""Scoring speed, measured side by side in one run (run by hand, never by pytest).

    python benchmarks/bench_scoring.py                 # 100,000 records, every way
    python benchmarks/bench_scoring.py --records 20000 --profile
    python benchmarks/bench_scoring.py --parts         # each part of (a) on its own

Scores the same generated records of the bundled scheme rules/changning/key-projects-2023.yaml:

  (a) perfscore's compiled fast path, end to end: validation + scoring + explanations (every
      item's ``explain()``); also without explanations, with the whole JSON dict
      (``to_dict()``, which adds the record's SHA-256), and ``perfscore batch`` CSV → CSV;
  (b) perfscore's simpleeval reference path, ``score(record, reference=True)``;
  (c) a hand-written Python function computing the same points with Decimal — the practical
      limit: no explanations, no error collection, one scheme only;
  (d) GoRules zen-engine evaluating the same rules as one decision graph, if ``zen`` imports
      (``pip install zen-engine``; not a perfscore dependency).

Every way's totals are checked against (a) before anything is printed, so the table compares
ways that agree. Ratios are against (c). ``--profile`` adds cProfile's top functions for (a);
``--parts`` measures each part of (a) on its own instead (private API).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import decimal
import gc
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import perfscore
from perfscore._batch.readers import read_rows
from perfscore._batch.writers import run as run_batch

SCHEME = Path(__file__).resolve().parent.parent / "rules/changning/key-projects-2023.yaml"
LEVELS = ("达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差")


def records(count: int, seed: int = 2023) -> list[dict[str, Any]]:
    """Valid records as they arrive from JSON: ints, floats of 2 places, optional fields
    missing now and then so that rescaling is exercised."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        key = rng.randint(5, 60)
        planned = round(rng.uniform(10, 150), 2)
        committed = round(rng.uniform(5, 100), 2)
        authorised = rng.randint(5, 40)
        record: dict[str, Any] = {
            "key_projects": key,
            "started_projects": rng.randint(key // 2, key),
            "planned_investment": planned,
            "completed_investment": round(planned * rng.uniform(0.5, 1.4), 2),
            "tech_committed": committed,
            "tech_completed": round(committed * rng.uniform(0.4, 1.3), 2),
            "basic_spending": round(rng.uniform(50, 200), 2),
            "project_spending": round(rng.uniform(0, 150), 2),
            "authorised_staff": authorised,
            "actual_staff": rng.randint(authorised // 2, authorised + 5),
        }
        if rng.random() < 0.8:
            full = round(rng.uniform(50, 500), 2)
            record["budget_full_year"] = full
            record["budget_spent"] = round(full * rng.uniform(0.6, 1.0), 2)
        if rng.random() < 0.7:
            record["satisfaction"] = round(rng.uniform(0.6, 1.0), 4)
        if rng.random() < 0.8:
            record["work_level"] = rng.choice(LEVELS)
        out.append(record)
    return out


# (c) the same rules, by hand -------------------------------------------------------------

_CENT = Decimal("0.01")
_D = Decimal


def _number(value: Any, name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError(f"{name}: must be a number")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or number < 0:
        raise ValueError(f"{name}: must be a finite number ≥ 0")
    return number


def _round(number: Decimal) -> Decimal:
    return number.quantize(_CENT, rounding=ROUND_HALF_UP)


def _ratio(points: int, value: Decimal, target: Decimal) -> Decimal:
    return _round(max(_D(0), min(_D(points), points * max(_D(0), min(_D(1), value / target)))))


def by_hand(record: dict[str, Any]) -> dict[str, Any]:
    """Every leaf's points, the total and the grade, straight from the rules."""
    get = record.get
    key = _number(record["key_projects"], "key_projects")
    started = _number(record["started_projects"], "started_projects")
    planned = _number(record["planned_investment"], "planned_investment")
    completed = _number(record["completed_investment"], "completed_investment")
    committed = _number(record["tech_committed"], "tech_committed")
    tech = _number(record["tech_completed"], "tech_completed")
    basic = _number(record["basic_spending"], "basic_spending")
    project = _number(record["project_spending"], "project_spending")
    authorised = _number(record["authorised_staff"], "authorised_staff")
    actual = _number(record["actual_staff"], "actual_staff")
    if started > key or basic + project <= 0 or authorised <= 0:
        raise ValueError("a check failed")
    points: dict[str, Decimal | None] = {}
    rate = started / key
    points["start_rate"] = (_D(20) if rate >= _D("0.95") else _D(16) if rate >= _D("0.85")
                            else _D(10) if rate >= _D("0.70") else _D(0))
    points["investment"] = _ratio(30, completed / planned, _D(1))
    points["tech_investment"] = _ratio(10, tech / committed, _D(1))
    level = get("work_level")
    points["key_work"] = (None if level is None else
                          _round(10 * {LEVELS[0]: _D(1), LEVELS[1]: _D("0.7"),
                                       LEVELS[2]: _D("0.3")}[level]))
    share = project / (basic + project)
    points["project_share"] = _round(
        _D(0) if share <= _D("0.1") else _D(5) if share > _D("0.3")
        else (share - _D("0.1")) * 5 / _D("0.2"))
    excess = actual / authorised - 1
    points["staffing"] = _D(5) if excess <= 0 else _round(
        max(_D(0), 5 - min(_D(5), _D("0.5") * (excess / _D("0.01")))))
    satisfaction = get("satisfaction")
    points["satisfaction"] = (None if satisfaction is None else
                              _ratio(10, _number(satisfaction, "satisfaction"), _D("0.9")))
    full, spent = get("budget_full_year"), get("budget_spent")
    points["budget_execution"] = (None if full is None or spent is None else
                                  _ratio(10, _number(spent, "budget_spent")
                                         / _number(full, "budget_full_year"), _D(1)))
    maxima = {"start_rate": 20, "investment": 30, "tech_investment": 10, "key_work": 10,
              "project_share": 5, "staffing": 5, "satisfaction": 10, "budget_execution": 10}
    awarded = sum((p for p in points.values() if p is not None), _D(0))
    assessed = sum(maxima[k] for k, p in points.items() if p is not None)
    total = _round(awarded if assessed == 100 else awarded / assessed * 100)
    grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    return {"points": points, "total": total, "grade": grade}


# (e) the same rules, tight: every check inline, nothing but the numbers --------------------

_ALLOWED = frozenset({
    "key_projects", "started_projects", "planned_investment", "completed_investment",
    "tech_committed", "tech_completed", "basic_spending", "project_spending",
    "authorised_staff", "actual_staff", "budget_full_year", "budget_spent", "satisfaction",
    "work_level"})
_ZERO, _ONE, _FIVE, _TEN, _HUNDRED = _D(0), _D(1), _D(5), _D(10), _D(100)
_LEVEL_POINTS = {LEVELS[0]: _D("10.00"), LEVELS[1]: _D("7.00"), LEVELS[2]: _D("3.00")}
_BIG = 10**18


def _count(record: dict[str, Any], name: str) -> Decimal:
    """An integer input: an int (not a bool) within its bounds."""
    value = record[name]
    if type(value) is not int or not 0 <= value < _BIG:
        raise ValueError(f"{name}: must be a whole number ≥ 0")
    return _D(value)


def _amount(value: Any, name: str) -> Decimal:
    """A number input: an int, or a finite float through its repr, within its bounds."""
    if type(value) is int:
        if not 0 <= value < _BIG:
            raise ValueError(f"{name}: out of range")
        return _D(value)
    if type(value) is float and 0 <= value < _BIG:  # NaN fails the comparison
        return _D(repr(value))
    raise ValueError(f"{name}: must be a finite number ≥ 0")


def _tight_ratio(points: Decimal, value: Decimal) -> Decimal:
    return points if value >= _ONE else (points * value).quantize(_CENT, ROUND_HALF_UP)


def tight(record: dict[str, Any]) -> tuple[Decimal, str, tuple[Decimal | None, ...]]:
    """(c)'s rules with every type and range check inline and no call that is not needed:
    the floor for exact arithmetic in Python (issue 13). Returns the total, the grade and
    each leaf's points."""
    if type(record) is not dict or not _ALLOWED.issuperset(record):
        raise ValueError("not a record of this scheme")
    key, started = _count(record, "key_projects"), _count(record, "started_projects")
    get = record.get
    planned = _amount(record["planned_investment"], "planned_investment")
    completed = _amount(record["completed_investment"], "completed_investment")
    committed = _amount(record["tech_committed"], "tech_committed")
    tech = _amount(record["tech_completed"], "tech_completed")
    basic = _amount(record["basic_spending"], "basic_spending")
    project = _amount(record["project_spending"], "project_spending")
    authorised, actual = _count(record, "authorised_staff"), _count(record, "actual_staff")
    spending = basic + project
    if started > key or spending <= 0 or authorised <= 0:
        raise ValueError("a check failed")
    rate = started / key
    start_rate = (_D(20) if rate >= _D("0.95") else _D(16) if rate >= _D("0.85")
                  else _TEN if rate >= _D("0.70") else _ZERO)
    investment = _tight_ratio(_D(30), completed / planned)
    tech_investment = _tight_ratio(_TEN, tech / committed)
    level = get("work_level")
    if level is not None and level not in _LEVEL_POINTS:
        raise ValueError("work_level: not one of the options")
    key_work = None if level is None else _LEVEL_POINTS[level]
    share = project / spending
    project_share = (_ZERO if share <= _D("0.1") else _FIVE if share > _D("0.3")
                     else ((share - _D("0.1")) * 5 / _D("0.2")).quantize(_CENT, ROUND_HALF_UP))
    excess = actual / authorised - 1
    staffing = _FIVE if excess <= 0 else max(
        _ZERO, _FIVE - min(_FIVE, _D("0.5") * (excess / _D("0.01")))).quantize(
            _CENT, ROUND_HALF_UP)
    awarded = start_rate + investment + tech_investment + project_share + staffing
    assessed = 70
    raw = get("satisfaction")
    satisfaction = None
    if raw is not None:
        satisfaction = _tight_ratio(_TEN, _amount(raw, "satisfaction") / _D("0.9"))
        awarded += satisfaction
        assessed += 10
    full, spent = get("budget_full_year"), get("budget_spent")
    execution = None
    if full is not None and spent is not None:
        execution = _tight_ratio(_TEN, _amount(spent, "budget_spent")
                                 / _amount(full, "budget_full_year"))
        awarded += execution
        assessed += 10
    if key_work is not None:
        awarded += key_work
        assessed += 10
    total = (awarded if assessed == 100 else awarded / assessed * _HUNDRED).quantize(
        _CENT, ROUND_HALF_UP)
    grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    return total, grade, (start_rate, investment, tech_investment, key_work, project_share,
                          staffing, satisfaction, execution)


# (d) the same rules as a zen-engine decision graph ----------------------------------------

_ZEN_RULES = [
    ("rate", "started_projects / key_projects"),
    ("start_rate", "$.rate >= 0.95 ? 20 : ($.rate >= 0.85 ? 16 : ($.rate >= 0.70 ? 10 : 0))"),
    ("investment", "round(30 * max([0, min([completed_investment / planned_investment, 1])]), 2)"),
    ("tech_investment", "round(10 * max([0, min([tech_completed / tech_committed, 1])]), 2)"),
    ("key_work", f"work_level == null ? null : (work_level == '{LEVELS[0]}' ? 10 : "
                 f"(work_level == '{LEVELS[1]}' ? 7 : 3))"),
    ("share", "project_spending / (basic_spending + project_spending)"),
    ("project_share", "$.share <= 0.1 ? 0 : ($.share > 0.3 ? 5 : "
                      "round(($.share - 0.1) * 5 / 0.2, 2))"),
    ("excess", "actual_staff / authorised_staff - 1"),
    ("staffing", "$.excess <= 0 ? 5 : round(max([0, 5 - min([5, 0.5 * ($.excess / 0.01)])]), 2)"),
    ("satisfaction", "satisfaction == null ? null : "
                     "round(10 * max([0, min([satisfaction / 0.9, 1])]), 2)"),
    ("budget_execution", "budget_full_year == null or budget_spent == null ? null : "
                         "round(10 * max([0, min([budget_spent / budget_full_year, 1])]), 2)"),
    ("awarded", "$.start_rate + $.investment + $.tech_investment + ($.key_work ?? 0) + "
                "$.project_share + $.staffing + ($.satisfaction ?? 0) + "
                "($.budget_execution ?? 0)"),
    ("assessed", "70 + ($.key_work == null ? 0 : 10) + ($.satisfaction == null ? 0 : 10) + "
                 "($.budget_execution == null ? 0 : 10)"),
    ("total", "$.assessed == 100 ? round($.awarded, 2) : round($.awarded / $.assessed * 100, 2)"),
    ("grade", "$.total >= 90 ? '优' : ($.total >= 80 ? '良' : ($.total >= 60 ? '中' : '差'))"),
    ("valid", "started_projects <= key_projects and basic_spending + project_spending > 0 "
              "and authorised_staff > 0"),
]


def zen_decision() -> Callable[[dict[str, Any]], dict[str, Any]] | None:
    try:
        import zen  # type: ignore[import-not-found]
    except ImportError:
        return None
    content = {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "record", "position": {"x": 0, "y": 0}},
            {"id": "rules", "type": "expressionNode", "name": "score",
             "position": {"x": 1, "y": 0},
             "content": {"expressions": [{"id": str(i), "key": key, "value": value}
                                         for i, (key, value) in enumerate(_ZEN_RULES)]}},
            {"id": "out", "type": "outputNode", "name": "result", "position": {"x": 2, "y": 0}},
        ],
        "edges": [{"id": "a", "sourceId": "in", "targetId": "rules", "type": "edge"},
                  {"id": "b", "sourceId": "rules", "targetId": "out", "type": "edge"}],
    }
    # An engine with a loader caches the compiled graph; ZenDecision.evaluate recompiles it.
    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"score": content}}})

    def evaluate(record: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = engine.evaluate("score", record)["result"]
        return result

    return evaluate


# measuring -------------------------------------------------------------------------------

Chunk = list[dict[str, Any]]


@dataclass
class Way:
    """One way of scoring: a function from a chunk of records to their totals, the time it
    took over every chunk, and the totals it gave."""

    label: str
    run: Callable[[Chunk, int], list[Any]]
    seconds: float = 0.0
    totals: list[Any] = field(default_factory=list)

    def measure(self, chunk: Chunk, number: int) -> None:
        begin = time.perf_counter()
        totals = self.run(chunk, number)
        self.seconds += time.perf_counter() - begin
        self.totals += [Decimal(repr(t)) if isinstance(t, float) else t for t in totals]


def explained(scheme: perfscore.Scheme, data: Iterable[dict[str, Any]],
              reference: bool = False) -> list[Decimal]:
    """End to end: validate, score, and render every item's explanation."""
    totals = []
    for record in data:
        result = scheme.score(record, reference=reference)
        for item in result.walk():
            item.explain()
        totals.append(result.total)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=1,
                        help="score every record this many times, each way keeping its fastest "
                             "round (min of N)")
    parser.add_argument("--chunk", type=int, default=2_000,
                        help="records each way scores before the next way takes its turn")
    parser.add_argument("--profile", action="store_true", help="cProfile (a) on 10,000 records")
    parser.add_argument("--parts", action="store_true",
                        help="only time each part of (a) on its own, warm, best of 7 rounds")
    parser.add_argument("--jobs", type=int, default=0, metavar="N",
                        help="only time perfscore batch over one CSV of all the records with "
                             "--jobs 1 and --jobs N, in turns with (c), min of 3 rounds")
    args = parser.parse_args()
    count = args.records
    scheme = perfscore.load(SCHEME)
    data = records(count)
    if args.parts:
        parts(scheme, data[:5_000])
        return
    if args.jobs:
        jobs(scheme, data, args.jobs)
        return
    chunks = [data[start:start + args.chunk] for start in range(0, count, args.chunk)]
    print(f"perfscore {perfscore.__version__}, Python {sys.version.split()[0]}, "
          f"{count:,} records of {scheme.id}@{scheme.edition}, load average "
          f"{os.getloadavg()[0]:.2f}", file=sys.stderr)

    folder = tempfile.TemporaryDirectory()
    files = []
    for number, chunk in enumerate(chunks):  # the batch way's input, written beforehand
        source = os.path.join(folder.name, f"in{number}.csv")
        with open(source, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, sorted({k for r in data for k in r}))
            writer.writeheader()
            writer.writerows(chunk)
        files.append(source)
    target = os.path.join(folder.name, "out.csv")

    def batch(chunk: Chunk, number: int) -> list[Any]:
        run_batch(scheme, read_rows(files[number]), target)
        with open(target, encoding="utf-8-sig") as handle:
            return [Decimal(r["total"]) for r in csv.DictReader(handle)]

    fast = Way("(a) fast path: validate + score + explain every item",
               lambda chunk, _: explained(scheme, chunk))
    plain = Way("(a) fast path: validate + score, no explanations",
                lambda chunk, _: [scheme.score(r).total for r in chunk])
    as_dict = Way("(a) fast path: validate + score + to_dict() (JSON, SHA-256)",
                  lambda chunk, _: [scheme.score(r).to_dict()["total"] for r in chunk])
    many = Way("(a) fast path: score_many, no explanations",
               lambda chunk, _: [o.total for o in scheme.score_many(chunk)])
    batched = Way("(a) perfscore batch: CSV in → CSV out", batch)
    reference = Way("(b) reference (simpleeval): validate + score + explain",
                    lambda chunk, _: explained(scheme, chunk, reference=True))
    reference_plain = Way("(b) reference (simpleeval): validate + score, no explanations",
                          lambda chunk, _: [scheme.score(r, reference=True).total
                                            for r in chunk])
    hand = Way("(c) hand-written Decimal function",
               lambda chunk, _: [by_hand(r)["total"] for r in chunk])
    tight_way = Way("(e) tight Decimal function: full type checks, no explanations",
                    lambda chunk, _: [tight(r)[0] for r in chunk])
    ways = [fast, plain, as_dict, many, batched, reference, reference_plain, hand, tight_way]
    zen = zen_decision()
    if zen is not None:
        # zen reads JSON numbers; its own decimals round half away from zero, as half_up does
        # for these positive numbers. Its output is a float: compared at 2 places.
        ways.append(Way("(d) zen-engine decision graph",
                        lambda chunk, _: [Decimal(repr(zen(r)["total"])).quantize(_CENT)
                                          for r in chunk]))
    admit = scheme._admit()
    validation = Way("validation only, as score does it: the generated admit (private API)",
                     lambda chunk, _: [None for r in chunk if admit(r) is None])
    fast_expressions, reference_expressions, fast_scoring, reference_scoring = \
        private_ways(scheme, chunks)
    private = [validation, fast_expressions, reference_expressions, fast_scoring,
               reference_scoring]

    # Round robin, chunk by chunk: a change in the machine's load falls on every way alike.
    # Each round scores every record every way; a way keeps its fastest round.
    best: dict[str, float] = {}
    for round_ in range(args.rounds):
        for way in [*ways, *private]:
            way.seconds, way.totals = 0.0, []
        for number, chunk in enumerate(chunks):
            for way in [*ways, *private]:
                gc.collect()
                way.measure(chunk, number)
            if number % 10 == 9:
                print(f"  round {round_ + 1}: {(number + 1) * args.chunk:,} records",
                      file=sys.stderr)
        for way in [*ways, *private]:
            best[way.label] = min(best.get(way.label, way.seconds), way.seconds)
    for way in [*ways, *private]:
        way.seconds = best[way.label]
    folder.cleanup()

    for other in ways:
        wrong = [i for i, (a, b) in enumerate(zip(other.totals, fast.totals, strict=True))
                 if a != b]
        if wrong and (zen is None or other is not ways[-1]):
            raise SystemExit(f"{other.label} disagrees with (a) on record {wrong[0]}: "
                             f"{data[wrong[0]]}: {other.totals[wrong[0]]} != "
                             f"{fast.totals[wrong[0]]}")
        if wrong:  # zen-engine: another engine, its own decimal arithmetic
            print(f"{other.label} gives another total for {len(wrong):,} of {count:,} "
                  f"records, e.g. {data[wrong[0]]}: {other.totals[wrong[0]]} where perfscore "
                  f"gives {fast.totals[wrong[0]]}")
    _check_points(scheme, data[:2000])

    def per(way: Way) -> float:
        return way.seconds / count

    print(f"\n{count:,} records, the ways taking turns every {args.chunk:,}, min of "
          f"{args.rounds} round(s); totals of (a), (b), (c) and (e) identical, (c)'s and (e)'s "
          "leaf points checked too\n")
    print("| way | records/s | µs/record | × (c) |\n| --- | ---: | ---: | ---: |")
    for each in ways:
        print(f"| {each.label} | {1 / per(each):,.0f} | {per(each) * 1e6:,.1f} | "
              f"{each.seconds / hand.seconds:.1f} |")
    if zen is None:
        print("\n(d) skipped: zen-engine is not installed (pip install zen-engine)")
    ratio, speedup = fast.seconds / hand.seconds, reference.seconds / fast.seconds
    print(f"\nTargets: (a) end to end within 2 × (c): {ratio:.1f} × "
          f"({'met' if ratio <= 2 else 'NOT met'}); (a) at least 10 × faster than (b): "
          f"{speedup:.2f} × ({'met' if speedup >= 10 else 'NOT met'})")
    print(f"Where (a)'s {per(fast) * 1e6:.0f} µs go: validation {per(validation) * 1e6:.0f} µs, "
          f"scoring {(per(plain) - per(validation)) * 1e6:.0f} µs, explanations "
          f"{(per(fast) - per(plain)) * 1e6:.0f} µs. The reference path takes "
          f"{(per(reference_plain) - per(plain)) * 1e6:.0f} µs more than the fast path: the "
          "cost of evaluating expressions with simpleeval.")
    print(f"Evaluating the scheme's expressions alone (lets, checks, values, targets; "
          f"private API): compiled {per(fast_expressions) * 1e6:.1f} µs, simpleeval "
          f"{per(reference_expressions) * 1e6:.1f} µs per record: "
          f"{reference_expressions.seconds / fast_expressions.seconds:.1f} × faster.")
    print(f"Scoring validated records, no explanations (the generated scorer: lets, checks, "
          f"methods, items, totals; private API): compiled {per(fast_scoring) * 1e6:.1f} µs, "
          f"simpleeval {per(reference_scoring) * 1e6:.1f} µs per record: "
          f"{reference_scoring.seconds / fast_scoring.seconds:.1f} × faster.")
    if args.profile:
        _profile(scheme, data[:10_000])


def private_ways(scheme: perfscore.Scheme, chunks: list[Chunk]) -> tuple[Way, Way, Way, Way]:
    """Over validated records, through each evaluator: only the expressions, and the whole
    scorer without explanations — the parts the compiled fast path changes. Uses perfscore's
    private modules."""
    from perfscore._common.numbers import CONTEXT
    from perfscore._expr.functions import NotComputable
    from perfscore._expr.reference import Evaluator, RecordBudget
    from perfscore._expr.translate import TranslatedEvaluator
    from perfscore._score.notes import NO_NOTES
    from perfscore._score.record import scope_of
    from perfscore._score.scorer import expressions

    found = expressions(scheme._scorer.compiled)
    compiled = TranslatedEvaluator(found, scheme._present, scheme._numbers)
    scopes = [[scope_of(scheme.validate(r)) for r in chunk] for chunk in chunks]

    def evaluate(fast: bool) -> Callable[[Chunk, int], list[Any]]:
        def run(chunk: Chunk, number: int) -> list[Any]:
            with decimal.localcontext(CONTEXT):
                for scope in scopes[number]:
                    engine = compiled if fast else Evaluator()
                    with RecordBudget():
                        for expr in found:
                            try:  # noqa: SIM105 - suppress() would add to what is measured
                                engine.run(expr, scope)
                            except NotComputable:
                                pass
            return []
        return run

    def score(reference: bool) -> Callable[[Chunk, int], list[Any]]:
        def run(chunk: Chunk, number: int) -> list[Any]:
            scorer = scheme._scorer
            with scorer.setting():
                return [scorer.score(dict(scope), {}, None, reference=reference, lang="zh",
                                     notes=NO_NOTES).total for scope in scopes[number]]
        return run

    return (Way("expressions only: compiled", evaluate(True)),
            Way("expressions only: simpleeval", evaluate(False)),
            Way("scoring only: compiled", score(False)),
            Way("scoring only: simpleeval", score(True)))


def _check_points(scheme: perfscore.Scheme, data: list[dict[str, Any]]) -> None:
    """(c) must give every leaf the points (a) gives, not only the same total; (e) those (c)
    gives."""
    for record in data:
        mine = by_hand(record)["points"]
        result = scheme.score(record)
        theirs = {i.id: i.points for i in result.walk() if i.is_leaf}
        if mine != theirs:
            raise SystemExit(f"(c) disagrees with (a) on {record}: {mine} != {theirs}")
        if tight(record)[2] != tuple(mine.values()):
            raise SystemExit(f"(e) disagrees with (c) on {record}")


def parts(scheme: perfscore.Scheme, data: list[dict[str, Any]]) -> None:
    """Each part of (a) alone, on the same records, warm (best of 7 rounds): where the time
    goes without a profiler's overhead. Uses perfscore's private modules."""
    from perfscore._batch.writers import FIXED, _csv_row, cells, columns
    from perfscore._common.numbers import CONTEXT
    from perfscore._score.notes import NO_NOTES
    from perfscore._score.record import scope_of
    from perfscore._score.result import Tree, Unworded
    from perfscore._score.scorer import _worded

    scorer = scheme._scorer
    generated_scorer = scorer.generated(reference=False).function
    models = [scheme.validate(r) for r in data]
    scopes = [scope_of(m) for m in models]
    with decimal.localcontext(CONTEXT):
        made = [generated_scorer(dict(scope), None, None, NO_NOTES) for scope in scopes]
    results = [scheme.score(r) for r in data]
    items = [i for r in results for i in r.walk()]
    width = len(columns(scheme)) - len(FIXED) - 1

    def generated() -> None:
        with decimal.localcontext(CONTEXT):
            for scope in scopes:
                generated_scorer(dict(scope), None, None, NO_NOTES)

    def totals() -> None:
        with decimal.localcontext(CONTEXT):
            for shape, tally, _ in made:
                total, grade, last = scorer._total(tally, (), None, "zh")
                later = Unworded(_worded, shape, NO_NOTES, False, (), last, ())  # unworded
                scorer._made(total, grade, Tree(scorer._assembly, shape, NO_NOTES), later, {},
                             (), None)

    def kind(item: Any) -> str:
        if item.children:
            return "a branch"
        return f"a `{item.indicator.method.name}` leaf" + (
            " (not assessed)" if item.reason is not None else "")

    def each(function: Callable[[Any], Any], inputs: list[Any]) -> Callable[[], None]:
        def run() -> None:
            for one in inputs:  # nothing kept: a list of results would time the collector
                function(one)
        return run

    ways: dict[str, Callable[[], Any]] = {
        "(c) for reference": each(by_hand, data),
        "(a) without explanations: `Scheme.score`": each(scheme.score, data),
        "validation: `Scheme.validate`": each(scheme.validate, data),
        "the record as plain values: `scope_of`": each(scope_of, models),
        "both, as `Scheme.score` did them: `Record.model_validate` + `scope_of`":
            each(lambda r: scope_of(scheme.Record.model_validate(r)), data),
        "both, as `Scheme.score` does them: the generated `admit` (`_score/admit.py`)":
            each(scheme._admit(), data),
        "the generated scorer (`_score/codegen.py`)": generated,
        "rescaling, grade, the `Result` (items, flags and warnings made when asked): "
        "`Scorer._total`, `Scorer._made`":
            totals,
        "a result's items, made when asked: `Assembly.roots`":
            each(lambda m: scorer._assembly.roots(m[0], NO_NOTES), made),
        "explanations of every item: `Item.explain`": each(lambda i: i.explain(), items),
        "a batch row's CSV cells: `cells`, `_csv_row`":
            each(lambda r: _csv_row(cells(None, r, width)), results),
    }
    kinds: dict[str, list[Any]] = {}
    for item in items:
        kinds.setdefault(kind(item), []).append(item)
    best = {label: float("inf") for label in [*ways, *kinds]}
    gc.freeze()  # what was made above is kept, and not the collector's work to time
    for _ in range(7):
        for label, way in ways.items():
            gc.collect()
            begin = time.perf_counter()
            way()
            best[label] = min(best[label], time.perf_counter() - begin)
        for label, group in kinds.items():
            begin = time.perf_counter()
            for item in group:
                item.explain()
            best[label] = min(best[label], (time.perf_counter() - begin) / len(group))
    gc.unfreeze()
    hand = best["(c) for reference"]
    print(f"{len(data):,} records, each part alone, best of 7\n")
    print("| part | µs/record | × (c) |\n| --- | ---: | ---: |")
    for label in ways:
        print(f"| {label} | {best[label] / len(data) * 1e6:.1f} | {best[label] / hand:.2f} |")
    print("\n| explanation of | µs/item |\n| --- | ---: |")
    for label in kinds:
        print(f"| {label} | {best[label] * 1e6:.2f} |")


def jobs(scheme: perfscore.Scheme, data: list[dict[str, Any]], count: int) -> None:
    """``perfscore batch`` CSV → CSV over all the records in one file, with one process and
    with ``count`` (a pool: the input must be at least ``POOL_MIN_ROWS`` rows), each round
    taking turns with (c) over the same records; the output files are compared."""
    folder = tempfile.TemporaryDirectory()
    source = os.path.join(folder.name, "in.csv")
    with open(source, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, sorted({k for r in data for k in r}))
        writer.writeheader()
        writer.writerows(data)
    best: dict[str, float] = {}
    outputs: dict[int, bytes] = {}
    for _ in range(3):
        for n in (1, count):
            target = os.path.join(folder.name, f"out{n}.csv")
            start = time.perf_counter()
            summary = run_batch(scheme, read_rows(source), target, jobs=n)
            elapsed = time.perf_counter() - start
            assert summary.processes == n, "too few records for a pool: raise --records"
            best[f"batch --jobs {n}"] = min(best.get(f"batch --jobs {n}", 1e9), elapsed)
            with open(target, "rb") as handle:
                outputs[n] = handle.read()
        start = time.perf_counter()
        for record in data:
            by_hand(record)
        best["(c)"] = min(best.get("(c)", 1e9), time.perf_counter() - start)
    assert outputs[1] == outputs[count], "the outputs differ"
    print(f"{len(data):,} records, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.2f}; min of 3 rounds, ways taking turns")
    for name, seconds in best.items():
        print(f"{name:18} {len(data) / seconds:>9,.0f} records/s  {seconds:6.2f} s  "
              f"{seconds / best['(c)']:5.2f} × (c)")
    ratio = best["batch --jobs 1"] / best[f"batch --jobs {count}"]
    print(f"--jobs {count} / --jobs 1 rate: {ratio:.2f}")


def _profile(scheme: perfscore.Scheme, data: list[dict[str, Any]]) -> None:
    """cProfile's entries summed per code object. ``pstats`` keys functions by file, line and
    name, so every dataclass ``__init__`` (all ``<string>:2(__init__)``) overwrote the others
    and building items and outcomes hid; here each is named by its class."""
    profile = cProfile.Profile()
    profile.runcall(explained, scheme, data)
    owners = {}  # a generated __init__'s code object -> its class
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("perfscore"):
            for value in vars(module).values():
                init = getattr(value, "__init__", None) if isinstance(value, type) else None
                code = getattr(init, "__code__", None)
                if code is not None and code.co_filename == "<string>":
                    owners[code] = value.__qualname__
    own: dict[str, float] = {}
    calls: dict[str, int] = {}
    for entry in profile.getstats():
        code = entry.code
        if isinstance(code, str):  # a built-in
            label = code
        elif code in owners:
            label = f"{owners[code]}.__init__ (generated)"
        else:
            label = f"{Path(code.co_filename).name}:{code.co_firstlineno}({code.co_name})"
        own[label] = own.get(label, 0.0) + entry.inlinetime
        calls[label] = calls.get(label, 0) + entry.callcount
    total = sum(own.values())
    print(f"\ncProfile of (a) end to end, {len(data):,} records, own time per code object "
          f"(every dataclass __init__ under its class; {total:.2f} s in all):")
    print(f"{'own s':>8} {'share':>6} {'calls':>10}  function")
    for label in sorted(own, key=own.__getitem__, reverse=True)[:30]:
        print(f"{own[label]:8.3f} {own[label] / total:6.1%} {calls[label]:10,}  {label}")
    created = sum(seconds for label, seconds in own.items() if label.endswith("(generated)"))
    print(f"every generated __init__ together: {created:.3f} s, {created / total:.1%}")


if __name__ == "__main__":
    main()
