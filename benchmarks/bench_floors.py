"""The floor under each of issue 13's targets not met, measured beside (c) (run by hand).

    python benchmarks/bench_floors.py --records 10000 --rounds 5

For each way perfscore scores many records, the fastest shape of the same work that keeps what
a user of that way is given, built here as a throwaway for the bundled scheme and timed beside
perfscore itself and the hand-written function (c) of ``bench_scoring.py``, taking turns every
2,000 records, min of ``--rounds``. A floor leaves out everything it can: if the floor is above
the target, no change inside that shape reaches it.

- ``score_many``: perfscore's admit and generated scorer in one call (private API), and no
  ``Result``: the inputs checked and every leaf scored, nothing else, in perfscore's decimal
  context entered once for 2,000 records rather than for each; and one function from the
  record to its ``Result``, the total, grade and result made inline.
- every explanation through ``Item``s (``score()``, ``walk()``, ``explain()``): perfscore's
  ``score()``, then the 16 items made by position with no method asked again for its outcome,
  and each sentence one f-string of the item's name, value, target, points and maximum; and
  the same sentences from the scorer's tuples with no item made, each inlined method asked
  again for the outcome a sentence reads (what explanations without ``Item``s would still
  need while the scorer keeps no facts).
- ``perfscore batch`` CSV → CSV, one process: ``csv.reader``, the one-call scorer, each
  indicator's points written with ``plain``, ``csv.writer``; no row's id, line or errors kept.
"""

from __future__ import annotations

import argparse
import csv
import decimal
import os
import shutil
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

import bench_scoring as bench
import turns

import perfscore
from perfscore._batch.readers import read_rows
from perfscore._batch.writers import run as run_batch
from perfscore._common.numbers import ZERO, exact, plain, show
from perfscore._score.items import _decided
from perfscore._score.notes import NO_NOTES
from perfscore._score.result import (
    ItemData,
    Provenance,
    Result,
    Tree,
    Unworded,
    _ResultDraft,
    as_item,
)
from perfscore._score.scorer import _worded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    scheme = perfscore.load(bench.SCHEME)
    quick = scheme._quick()  # admit + generated scorer in one call: (scope, scored)
    setting = scheme._scorer.setting()  # entered for a whole chunk: no swap per record
    assembly = scheme._scorer._assembly
    branches = len(assembly.plan) - len(scheme.score(bench.records(1)[0]).tree._shape)

    @exact
    def sentences(record: dict[str, Any], items: bool) -> list[str]:
        """Each item's sentence as one f-string: read from an item made by position, with no
        method asked for its outcome again (``items``), or from the scorer's tuple with the
        method asked for the outcome the sentence reads (a tier's index, a share), as
        ``items._decided`` asks it."""
        sentences = []
        for entry in scheme.score(record).tree._shape:
            if type(entry) is not tuple:  # an item not assessed, made already
                sentences.append(f"{entry.name}：未填报。")
                continue
            node, points, value, target, outcome, _ = entry
            rule = "ratio"
            if items:
                name, most = as_item(ItemData(
                    node.id, node.name, node.kind, "scored", points, node.points,
                    node.points - points, value, target, None, (), (), node)).name, node.points
            else:
                name, most = node.name, node.points
                if outcome is None:
                    outcome = _decided(node, value, target)
                rule = outcome.rule
            value_text = show(value, node.unit) if type(value) is Decimal else str(value)
            target_text = show(target, node.unit) if type(target) is Decimal else ""
            sentences.append(f"{name} {value_text}，年度指标值 {target_text}，{rule}，"
                             f"得 {plain(points)} 分（满分 {plain(most)} 分）。")
        for _ in range(branches):
            name, got, most = "branch", Decimal(5), Decimal(10)
            if items:
                item = as_item(ItemData("b", name, "base", "scored", got, most, None))
                name, got, most = item.name, item.points, item.max  # type: ignore[assignment]
            sentences.append(f"{name}：得 {plain(got)} 分（满分 {plain(most)} 分）。")
        return sentences

    scorer = scheme._scorer
    scheme_id, edition, title = scorer.meta
    full, grades, ours = scorer.settings.total, scorer.compiled.grades, setting._context
    quantum = Decimal(1).scaleb(-scorer.settings.rounding.places)

    def resulted(record: dict[str, Any]) -> Result | None:
        """One function from the record to its ``Result``: the admit and scorer's call, then
        the total, grade and result inline, the decimal context swapped by two C calls."""
        saved = decimal.getcontext()
        decimal.setcontext(ours)
        try:
            admitted = quick(record)
            if admitted is None:
                return None
            shape, tally, raised = admitted[1]
            if raised or tally.rejected:
                return None
            awarded, notices = tally.awarded, ()
            if not tally.complete:
                awarded = (awarded / tally.assessed * full).quantize(quantum, ROUND_HALF_UP)
                notices = (("rescaled", {"assessed": tally.assessed, "full": full,
                                         "awarded": tally.awarded, "rescaled": awarded}),)
            total = awarded + tally.extra
            total = (total if total > 0 else ZERO).quantize(quantum, ROUND_HALF_UP)
            grade = None
            for low, label in grades:
                if total >= low:
                    grade = label
                    break
            later = Unworded(_worded, shape, NO_NOTES, False, (), notices, ())
            draft = _ResultDraft(scheme_id, edition, title, total, full, grade,
                                 Tree(assembly, shape, NO_NOTES), later, later,
                                 Provenance(scheme.sha256, dict(record), scheme.Record),
                                 scorer.context)
            draft.__class__ = Result
            return cast(Result, draft)
        finally:
            decimal.setcontext(saved)

    def admitted_and_scored(chunk: list[dict[str, Any]]) -> None:
        with setting:
            for record in chunk:
                quick(record)

    def explained(chunk: list[dict[str, Any]]) -> None:
        for record in chunk:
            for item in scheme.score(record).walk():
                item.explain()

    def batch_floor(path: str, out: str) -> None:
        with open(path, newline="", encoding="utf-8") as source, \
                open(out, "w", newline="", encoding="utf-8") as target, setting:
            reader, writer = csv.reader(source), csv.writer(target)
            header = next(reader)
            for cells in reader:
                scored = quick({name: cell for name, cell in zip(header, cells, strict=True)
                                if cell})
                assert scored is not None
                writer.writerow([plain(p) if p is not None else ""
                                 for p in assembly.points(scored[1][0])])

    data = bench.records(args.records)
    folder = tempfile.mkdtemp()
    chunks, files = turns.chunked(data, folder)
    out = os.path.join(folder, "out.csv")
    ways: dict[str, turns.Way] = {
        turns.HAND: lambda c, _: [bench.by_hand(r) for r in c],
        "`score_many`": lambda c, _: [getattr(o, "total", None) for o in scheme.score_many(c)],
        "floor: admit + scorer, no `Result`": lambda c, _: admitted_and_scored(c),
        "floor: one function from record to `Result`":
            lambda c, _: [getattr(resulted(r), "total", None) for r in c],
        "`score()` + every explanation": lambda c, _: explained(c),
        "floor: `score()`, items by position, f-strings":
            lambda c, _: [len(sentences(r, items=True)) for r in c],
        "floor: `score()`, no items, outcomes asked again, f-strings":
            lambda c, _: [len(sentences(r, items=False)) for r in c],
        "`perfscore batch` CSV → CSV": lambda c, n: run_batch(scheme, read_rows(files[n]), out),
        "floor: csv, admit + scorer, points": lambda c, n: batch_floor(files[n], out),
    }
    for record in data:  # the floors score every record, as perfscore does
        expected, result = scheme.score(record), resulted(record)
        if result is None or (result.total, result.grade, result.warnings) != \
                (expected.total, expected.grade, expected.warnings):
            raise SystemExit(f"the one-function floor scores {record} otherwise")
    best = turns.in_turns(ways, chunks, args.rounds)
    shutil.rmtree(folder)
    turns.table(best, len(data), args.rounds)

if __name__ == "__main__":
    main()
