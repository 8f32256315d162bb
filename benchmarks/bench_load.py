"""Loading a large scheme, measured (run by hand, never by pytest).

    python benchmarks/bench_load.py                    # 3,000 leaves: load time (min of 5), held
    python benchmarks/bench_load.py --leaves 1000 --rounds 3
    python benchmarks/bench_load.py --profile          # cProfile, summed per code object
    python benchmarks/bench_load.py --write big.yaml   # the scheme, to look at

The scheme is synthetic: N ``ratio`` leaves in groups of 100 under N/100 branches, 400 number
inputs shared among them (each leaf divides one by another), the indicator limit raised for
the measurement. "Held" is what tracemalloc counts as allocated by the load and still alive
while the scheme is (measured in a separate load, since tracing slows it). The scorer is
generated when the scheme first scores, so "load and first score" is the time until a
scheme is ready to score, and what it holds then. On a shared machine the CPU time is the
steadier figure.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

import perfscore
from perfscore._source import editions

INPUTS = 400
GROUP = 100


def scheme_text(leaves: int) -> str:
    """A valid scheme of ``leaves`` ratio leaves; every branch's points are its leaves' sum."""
    lines = ["perfscore: 1", "id: bench.large", "edition: 2024", "title: 大型方案",
             "locale: zh-CN", "settings:", f"  total: {leaves}", "inputs:"]
    for i in range(INPUTS):
        lines += [f"  x{i}:", "    type: number", "    min: 0", "    required: false",
                  f"    label: 输入 {i}"]
    lines.append("indicators:")
    for g in range(0, leaves, GROUP):
        size = min(GROUP, leaves - g)
        lines += [f"  - id: g{g // GROUP}", f"    name: 第 {g // GROUP} 组", f"    points: {size}",
                  "    children:"]
        for n in range(g, g + size):
            a, b = n % INPUTS, (n * 7 + 3) % INPUTS
            lines += [f"      - id: leaf{n}", f"        name: 指标 {n}", "        points: 1",
                      f"        value: x{a} / (x{b} + 1)", "        target: 1",
                      "        unit: percent", "        score: ratio"]
    lines += ["grades:", f"  - {{min: {leaves * 9 // 10}, label: 优}}", "  - {min: 0, label: 差}"]
    return "\n".join(lines) + "\n"


def per_code_object(profile: cProfile.Profile, top: int) -> None:
    """cProfile's table summed per code object's name: every dataclass ``__init__`` is
    ``<string>:2(__init__)``, and many generated functions share a file and line."""
    stats = pstats.Stats(profile)
    own: dict[str, float] = defaultdict(float)
    cumulative: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    for (file, _, name), (_, count, tt, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
        key = f"{Path(file).name}:{name}" if file != "~" else name
        own[key] += tt
        cumulative[key] += ct
        calls[key] += count
    print(f"{'own s':>8} {'cum s':>8} {'calls':>9}  function")
    for key in sorted(own, key=own.__getitem__, reverse=True)[:top]:
        print(f"{own[key]:8.3f} {cumulative[key]:8.3f} {calls[key]:9d}  {key}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaves", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--write", metavar="PATH")
    args = parser.parse_args()
    text = scheme_text(args.leaves)
    if args.write:
        Path(args.write).write_text(text, encoding="utf-8")
        return
    setattr(editions, "MAX_INDICATORS", 10 * args.leaves)  # noqa: B010 - a limit, raised here
    editions._LISTS["indicators"] = 10 * args.leaves
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "large.yaml")
        Path(path).write_text(text, encoding="utf-8")
        perfscore.load(path)  # imports, warm caches
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            scheme = perfscore.load(path)
            profile.disable()
            per_code_object(profile, 40)
            del scheme
        record = {f"x{i}": i + 1 for i in range(INPUTS)}
        times, cpu, ready = [], [], []
        for _ in range(args.rounds):
            gc.collect()
            start, used = time.perf_counter(), time.process_time()
            scheme = perfscore.load(path)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - used)
            scheme.score(record)  # the scorer is generated on first use
            ready.append(time.perf_counter() - start)
            del scheme
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        scheme = perfscore.load(path)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
        total = scheme.score(record).total
        gc.collect()
        held_ready = tracemalloc.get_traced_memory()[0] - before
        tracemalloc.stop()
    rounds = ", ".join(f"{t:.2f}" for t in times)
    print(f"{args.leaves} leaves, {len(text) / 1e6:.2f} MB of YAML: load min {min(times):.2f} s "
          f"(of {rounds}; CPU min {min(cpu):.2f} s), held {held / 2**20:.1f} MiB; "
          f"load and first score min {min(ready):.2f} s, held {held_ready / 2**20:.1f} MiB; "
          f"total {total}; load average {os.getloadavg()[0]:.1f}", file=sys.stdout)


if __name__ == "__main__":
    main()
