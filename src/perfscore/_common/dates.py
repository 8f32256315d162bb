"""Dates (``type: date`` inputs, ``date("2023-12-31")`` in expressions): read from the ways a
table writes them, compared as dates, never as numbers.
"""

from __future__ import annotations

import datetime
import re
from typing import Final

_WRITTEN: Final = re.compile(
    r"^\s*([0-9]{4})\s*(?:-|/|\.|年)\s*([0-9]{1,2})\s*(?:-|/|\.|月)\s*([0-9]{1,2})\s*日?\s*$")
"""``2023-12-31``, ``2023/12/31``, ``2023.12.31``, ``2023年12月31日`` (month and day in one
or two digits); full-width digits are read as their ASCII forms first."""
_FULL_WIDTH: Final = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


def to_date(value: object) -> datetime.date:
    """``value`` as a date: a ``date`` (a ``datetime``, as a spreadsheet cell gives it, is its
    day), or text in one of the forms above. ValueError for anything else, or a day that does
    not exist (``2023-02-30``)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and len(value) <= 40:
        match = _WRITTEN.match(value.translate(_FULL_WIDTH))
        if match is not None:
            year, month, day = map(int, match.groups())
            return datetime.date(year, month, day)
    raise ValueError(f"{value!r} is not a date")
