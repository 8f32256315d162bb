"""Scoring a dask DataFrame partition by partition (``pip install 'perfscore[dask]'``).

The scheme travels to the workers pickled — as the text of its files, recompiled on arrival
(once per worker process: a process keeps the schemes it rebuilt) — and each partition is
scored by ``perfscore.pandas.score_frame``; the output ``meta`` is that function's answer for an
empty frame, so dask knows the columns and dtypes without scoring anything.

``to_csv`` scores and writes each partition in one task, in the worker that read it: the scored
rows (columns of ``Decimal`` objects, which pickle at about a microsecond each) never travel
between processes. Scoring with ``score_dataframe`` and then writing with dask's own
``to_csv`` makes them travel twice, through the parent, since dask's local processes scheduler
has no worker-to-worker transfer.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

try:
    import dask.dataframe as dd
except ImportError as exc:  # pragma: no cover - depends on what is installed
    raise ImportError("perfscore.dask needs dask: pip install 'perfscore[dask]'") from exc

import pandas as pd

from .pandas import score_frame

if TYPE_CHECKING:
    from ._scheme import Scheme

__all__ = ["score_dataframe", "to_csv"]


def score_dataframe(frame: dd.DataFrame, scheme: Scheme, *, id_column: str = "id",
                    lang: str | None = None) -> dd.DataFrame:
    """A lazy dask DataFrame of outcomes, one row per input row, with the columns and index of
    ``score_frame``; compute it as any other."""
    meta = score_frame(frame._meta, scheme, id_column=id_column, lang=lang)
    scored: dd.DataFrame = frame.map_partitions(  # type: ignore[no-untyped-call]
        score_frame, scheme, id_column=id_column, lang=lang, meta=meta)
    return scored


def to_csv(frame: dd.DataFrame, scheme: Scheme, path: str, *, id_column: str = "id",
           lang: str | None = None, compute_kwargs: dict[str, Any] | None = None,
           **csv_kwargs: Any) -> list[str]:
    """Score ``frame`` and write each partition's outcomes to ``path`` with its ``*`` replaced
    by the partition's number (``scored-*.csv``: ``scored-0.csv``, ``scored-1.csv``, …),
    through pandas' ``to_csv`` with ``csv_kwargs``: the files that
    ``score_dataframe(frame, scheme).to_csv(path, **csv_kwargs)`` writes, byte for byte, with
    the scoring and the writing in one task. Returns the paths written, in partition order.

    ``compute_kwargs`` go to dask's ``compute``; with ``scheduler="processes"``, ``chunksize``
    is 1 unless given (dask's default, 6, hands up to 6 partitions to a worker at a time, so that
    with 8 partitions and 2 workers one worker scores 6 of them).
    """
    if path.count("*") != 1:
        raise ValueError(f"the path must hold one * for the partition's number: {path!r}")
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)  # as dask's own to_csv does
    options = dict(compute_kwargs or {})
    if options.get("scheduler") == "processes":
        options.setdefault("chunksize", 1)
    meta = pd.DataFrame({"path": pd.Series([], dtype=object)})
    written = frame.map_partitions(  # type: ignore[no-untyped-call]
        _score_and_write, scheme, path, id_column, lang, csv_kwargs, meta=meta,
        align_dataframes=False)
    paths: list[str] = list(written.compute(**options)["path"])
    return paths


def _score_and_write(part: pd.DataFrame, scheme: Scheme, path: str, id_column: str,
                     lang: str | None, csv_kwargs: dict[str, Any],
                     partition_info: dict[str, Any] | None = None) -> pd.DataFrame:
    number = 0 if partition_info is None else partition_info["number"]
    target = path.replace("*", str(number))
    score_frame(part, scheme, id_column=id_column, lang=lang).to_csv(target, **csv_kwargs)
    return pd.DataFrame({"path": [target]}, dtype=object)
