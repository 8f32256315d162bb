"""Scoring a dask DataFrame partition by partition (``pip install 'perfscore[dask]'``).

The scheme travels to the workers pickled — as the text of its files, recompiled on arrival —
and each partition is scored by ``perfscore.pandas.score_frame``; the output ``meta`` is that
function's answer for an empty frame, so dask knows the columns and dtypes without scoring
anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

try:
    import dask.dataframe as dd
except ImportError as exc:  # pragma: no cover - depends on what is installed
    raise ImportError("perfscore.dask needs dask: pip install 'perfscore[dask]'") from exc

from .pandas import score_frame

if TYPE_CHECKING:
    from ._scheme import Scheme

__all__ = ["score_dataframe"]


def score_dataframe(frame: dd.DataFrame, scheme: Scheme, *, id_column: str = "id",
                    lang: str | None = None) -> dd.DataFrame:
    """A lazy dask DataFrame of outcomes, one row per input row, with the columns and index of
    ``score_frame``; compute it as any other."""
    meta = score_frame(frame._meta, scheme, id_column=id_column, lang=lang)
    scored: dd.DataFrame = frame.map_partitions(  # type: ignore[no-untyped-call]
        score_frame, scheme, id_column=id_column, lang=lang, meta=meta)
    return scored
