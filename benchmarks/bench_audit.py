"""Auditing against scoring, side by side in one run (run by hand, never by pytest).

    python benchmarks/bench_audit.py                   # 10,000 units
    python benchmarks/bench_audit.py --records 50000

The units are bench_scoring.py's generated records of the bundled scheme, each carrying what a
unit reports: every leaf's points, the total and the grade (as scored, with one unit in three
given a wrong item and a wrong total, so that findings are made and worded) and a 偏差原因
for every item that lost points or is flagged, as a filled-in table has. Scoring is
``score_many`` over the records; auditing is ``audit_many`` over the same records, with every
finding's message rendered, as the command line does. Target: auditing at most 1.5× scoring.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scoring import SCHEME, records

import perfscore


def reported(scheme: perfscore.Scheme, units: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for index, unit in enumerate(units):
        result = scheme.score(unit)
        items = {i.id: float(i.points) for i in result.walk()
                 if i.is_leaf and i.points is not None}  # as numbers arrive from JSON
        total = float(result.total)
        if index % 3 == 0 and "investment" in items:
            items["investment"] -= 1
            total -= 1
        reasons = {i.id: "原因" for i in result.walk() if i.is_leaf and (i.lost or i.flags)}
        out.append({**unit, "reasons": reasons,
                    "reported": {"total": total, "grade": result.grade, "items": items}})
    return out


def best(run: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scheme = perfscore.load(SCHEME)
    units = reported(scheme, records(args.records))

    def score() -> None:
        for _ in scheme.score_many(units):
            pass

    def audit() -> None:
        for _ in scheme.audit_many(units):
            pass

    def worded() -> None:
        for one in scheme.audit_many(units):
            for finding in one.findings:
                finding.message()

    scored, audited = best(score, args.repeat), best(audit, args.repeat)
    said = best(worded, args.repeat)
    findings = sum(len(a.findings) for a in scheme.audit_many(units))
    print(f"{args.records:,} units, {findings:,} findings")
    print(f"score_many:                 {scored:.2f} s ({args.records / scored:,.0f} units/s)")
    print(f"audit_many:                 {audited:.2f} s ({args.records / audited:,.0f} units/s)"
          f"  {audited / scored:.2f}x")
    print(f"audit_many, findings worded: {said:.2f} s ({args.records / said:,.0f} units/s)"
          f"  {said / scored:.2f}x")


if __name__ == "__main__":
    main()
