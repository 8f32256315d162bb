"""Scoring a pandas DataFrame: one row of outcome per row of input, with the columns of
``perfscore batch`` output (``pip install 'perfscore[pandas]'``).

Columns may be input names or their labels. A missing value (NaN, None, ``pd.NA``) means the
field was not given, as an empty cell does in a CSV file; text is stripped. The result keeps the
input's index; every column has dtype ``object``: ids, status, grade and errors as ``str`` or
None, the total and points as exact ``Decimal`` or None (``frame.total.astype(float)`` to plot).
"""

from __future__ import annotations

import numbers
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

try:
    import pandas as pd
except ImportError as exc:  # pragma: no cover - depends on what is installed
    raise ImportError("perfscore.pandas needs pandas: pip install 'perfscore[pandas]'") from exc

from ._batch.readers import Row, cell, header_names, make_row, row_data
from ._batch.writers import FIXED, cells, columns, input_labels, score_rows

if TYPE_CHECKING:
    from ._scheme import Scheme

__all__ = ["score_frame"]


def score_frame(frame: pd.DataFrame, scheme: Scheme, *, id_column: str = "id",
                lang: str | None = None) -> pd.DataFrame:
    """Score every row of ``frame``; ``id_column`` (when present) names each row and is not
    passed to the scheme unless it declares it as an input. ``lang`` is the language of the
    error texts."""
    names = columns(scheme)
    width = len(names) - len(FIXED) - 1
    outcomes = score_rows(scheme, _rows(frame, scheme, id_column), lang)
    data = [cells(row.id, outcome, width) for row, outcome in outcomes]
    return pd.DataFrame(data, columns=names, index=frame.index, dtype=object)


def _rows(frame: pd.DataFrame, scheme: Scheme, id_column: str) -> Iterator[Row]:
    header = header_names([str(c) for c in frame.columns], input_labels(scheme), "DataFrame",
                          1)
    keep = id_column in scheme.inputs
    for index, values in enumerate(frame.itertuples(index=False, name=None)):
        data = row_data(header, [_value(v) for v in values], index + 1)
        yield make_row(index, index + 1, data, id_column, keep)


def _value(value: Any) -> Any:
    """A cell as a plain Python value, or None when pandas says it is missing. numpy numbers
    stay as they are: a ``float32`` is read through its own shortest text, as the scheme reads
    it from any caller."""
    if isinstance(value, numbers.Real):
        return None if value != value else value  # NaN
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    return cell(value)
