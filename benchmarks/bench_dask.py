"""``perfscore.dask.to_csv`` on two local worker processes against one plain process (run by
hand; needs ``perfscore[dask]``, which brings ``distributed``).

    python benchmarks/bench_dask.py --rows 200000 --rounds 2

The benchmark's records of the bundled scheme are written as CSV files of ``--rows`` /
``--files`` rows each. Every way reads them (as text), scores every row and writes one CSV file
of outcomes per input file; the ways take turns, min of ``--rounds``, and their outputs are
compared before anything is printed:

- one process: pandas reads each file, ``perfscore.pandas.score_frame`` scores it, pandas
  writes it;
- dask's local processes scheduler, two workers (``scheduler="processes"``);
- a ``distributed`` local cluster of two worker processes, one thread each.

Starting the cluster is not timed (it is made once, as a service would); its workers compile
the scheme on the first task they get, which is timed.
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import glob
import os
import shutil
import tempfile
import time
from collections.abc import Callable

import bench_scoring as bench
import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster

import perfscore
from perfscore.dask import to_csv
from perfscore.pandas import score_frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    data = bench.records(args.rows)
    for row, record in enumerate(data):
        record["id"] = f"r{row}"
    names = sorted({key for record in data for key in record})
    size = -(-args.rows // args.files)
    for number in range(args.files):
        with open(os.path.join(folder, f"in-{number}.csv"), "w", newline="",
                  encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, names)
            writer.writeheader()
            writer.writerows(data[number * size:(number + 1) * size])
    inputs = sorted(glob.glob(os.path.join(folder, "in-*.csv")),
                    key=lambda path: int(path.rsplit("-", 1)[1].split(".")[0]))
    scheme = perfscore.load(bench.SCHEME)

    def one_process(out: str) -> None:
        for number, path in enumerate(inputs):
            frame = pd.read_csv(path, dtype=str)
            score_frame(frame, scheme).to_csv(os.path.join(out, f"{number}.csv"))

    def dask_way(**compute: object) -> Callable[[str], None]:
        def run(out: str) -> None:
            frame = dd.read_csv(inputs, dtype=str, blocksize=None)
            to_csv(frame, scheme, os.path.join(out, "*.csv"), compute_kwargs=compute)
        return run

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    ways: dict[str, Callable[[str], None]] = {
        "one process (pandas, score_frame)": one_process,
        "dask processes scheduler, 2 workers": dask_way(scheduler="processes",
                                                         num_workers=2),
        "distributed LocalCluster, 2 workers": dask_way(scheduler=client),
    }
    best = {label: float("inf") for label in ways}
    outputs = {label: os.path.join(folder, f"out-{index}")
               for index, label in enumerate(ways)}
    try:
        for _ in range(args.rounds):
            for label, way in ways.items():
                shutil.rmtree(outputs[label], ignore_errors=True)
                os.makedirs(outputs[label])
                begin = time.perf_counter()
                way(outputs[label])
                best[label] = min(best[label], time.perf_counter() - begin)
        first = outputs["one process (pandas, score_frame)"]
        for out in outputs.values():
            for number in range(len(inputs)):
                assert filecmp.cmp(os.path.join(first, f"{number}.csv"),
                                   os.path.join(out, f"{number}.csv"), shallow=False), out
    finally:
        client.close()
        cluster.close()
        shutil.rmtree(folder)
    alone = best["one process (pandas, score_frame)"]
    print(f"{args.rows:,} rows in {len(inputs)} files, min of {args.rounds}; "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print("| way | s | rows/s | × one process |\n| --- | ---: | ---: | ---: |")
    for label, seconds in best.items():
        print(f"| {label} | {seconds:.2f} | {args.rows / seconds:,.0f} | "
              f"{alone / seconds:.2f} |")


if __name__ == "__main__":
    main()
