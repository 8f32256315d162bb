"""Ways of scoring the same records timed in turns in one process, and their table: what
``bench_before_after.py`` and ``bench_floors.py`` share (run by hand).

Every way scores each chunk of 2,000 records in turn, so that a change in the machine's load
falls on every way alike; each way's time is its best of the rounds.
"""

from __future__ import annotations

import csv
import gc
import os
import time
from collections.abc import Callable
from typing import Any

Way = Callable[[list[dict[str, Any]], int], object]
"""A way of scoring: given a chunk of records and the chunk's number (which names its file)."""

CHUNK = 2000
HAND = "(c) hand-written Decimal function"
"""The way every ratio is taken against."""


def chunked(data: list[dict[str, Any]], folder: str) -> tuple[list[list[dict[str, Any]]],
                                                             list[str]]:
    """The records in chunks, and each chunk written as a CSV file in ``folder``."""
    chunks = [data[start:start + CHUNK] for start in range(0, len(data), CHUNK)]
    names = sorted({key for record in data for key in record})
    files = []
    for number, chunk in enumerate(chunks):
        files.append(os.path.join(folder, f"in{number}.csv"))
        with open(files[-1], "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, names)
            writer.writeheader()
            writer.writerows(chunk)
    return chunks, files


def in_turns(ways: dict[str, Way], chunks: list[list[dict[str, Any]]], rounds: int
             ) -> dict[str, float]:
    """Each way's best time in seconds over ``rounds``, the ways taking turns chunk by chunk."""
    best: dict[str, float] = {}
    for _ in range(rounds):
        spent = dict.fromkeys(ways, 0.0)
        for number, chunk in enumerate(chunks):
            for label, way in ways.items():
                gc.collect()
                start = time.perf_counter()
                way(chunk, number)
                spent[label] += time.perf_counter() - start
        for label, seconds in spent.items():
            best[label] = min(best.get(label, seconds), seconds)
    return best


def table(best: dict[str, float], records: int, rounds: int) -> None:
    """Print each way's µs a record and its ratio to (c), as a Markdown table."""
    hand = best[HAND]
    print(f"{records:,} records, turns every {CHUNK:,}, min of {rounds} rounds; load average "
          f"{os.getloadavg()[0]:.1f}\n\n| way | µs/record | × (c) |\n| --- | ---: | ---: |")
    for label, seconds in best.items():
        print(f"| {label} | {seconds / records * 1e6:.1f} | {seconds / hand:.2f} |")
