"""Another version of perfscore against this one, in one process, taking turns (run by hand).

    git archive <commit> src | tar -x -C /tmp/before
    python benchmarks/bench_before_after.py /tmp/before/src/perfscore --records 10000

The other version's package is copied under the name ``perfscore_before`` (perfscore imports
itself relatively, so both live side by side); every way scores each chunk of 2,000 of the
benchmark's records in turn, min of ``--rounds``, and the ratios to the hand-written function
(c) of ``bench_scoring.py`` are printed. On a shared machine this is the fair comparison:
a change in the machine's load falls on both versions alike.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
from typing import Any

import bench_scoring as bench
import turns

import perfscore
from perfscore._batch.readers import read_rows
from perfscore._batch.writers import run as run_batch


def explained(scheme: Any, chunk: list[dict[str, Any]]) -> None:
    for record in chunk:
        for item in scheme.score(record).walk():
            item.explain()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="the other version's perfscore package folder")
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    shutil.copytree(args.before, os.path.join(folder, "perfscore_before"))
    sys.path.insert(0, folder)
    old = importlib.import_module("perfscore_before")
    old_rows = importlib.import_module("perfscore_before._batch.readers").read_rows
    old_batch = importlib.import_module("perfscore_before._batch.writers").run
    data = bench.records(args.records)
    after, before = perfscore.load(bench.SCHEME), old.load(bench.SCHEME)
    chunks, files = turns.chunked(data, folder)
    out = os.path.join(folder, "out.csv")
    ways: dict[str, turns.Way] = {
        turns.HAND: lambda c, _: [bench.by_hand(r) for r in c],
        "(e) tight Decimal function": lambda c, _: [bench.tight(r) for r in c],
        "before: score() + every explanation": lambda c, _: explained(before, c),
        "after: score() + every explanation": lambda c, _: explained(after, c),
        # each keeps the total only: a list of 2,000 results would time the garbage
        # collector walking them (docs/performance.md, "Keeping results costs more")
        "before: score(), no explanations": lambda c, _: [before.score(r).total for r in c],
        "after: score(), no explanations": lambda c, _: [after.score(r).total for r in c],
        "before: score_many": lambda c, _: [getattr(o, "total", None)
                                            for o in before.score_many(c)],
        "after: score_many": lambda c, _: [getattr(o, "total", None)
                                           for o in after.score_many(c)],
        "before: batch CSV → CSV": lambda c, n: old_batch(before, old_rows(files[n]), out),
        "after: batch CSV → CSV": lambda c, n: run_batch(after, read_rows(files[n]), out),
    }
    if [getattr(o, "total", None) for o in after.score_many(data)] != \
            [getattr(o, "total", None) for o in before.score_many(data)]:
        raise SystemExit("the two versions give different totals")
    best = turns.in_turns(ways, chunks, args.rounds)
    shutil.rmtree(folder)
    turns.table(best, len(data), args.rounds)

if __name__ == "__main__":
    main()
