"""An ``integer`` input given as text skipped the size limit (pydantic read any length of
digits), and arithmetic on it then rounded: ``"1000000000000000000000000000001"`` gave
``(n + 1) - n = -1``. An integer is read and bounded as every number is, whichever way it
arrives — int, text, float, Decimal, a numpy integer, CSV — and must then be whole.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore._batch.readers import read_rows
from tests.security.sandbox import scheme

SCHEME = perfscore.loads(scheme(
    inputs={"n": {"type": "integer"}},
    indicators=[{"id": "a", "name": "A", "points": 10, "value": "(n + 1) - n",
                 "score": {"formula": "0"}}]))
RANGE = ("n: is out of range (at most 28 significant digits, magnitude from 1e-18 to below "
         "1e19)")


@pytest.mark.parametrize("given", [
    "1000000000000000000000000000001", " 1" + "0" * 30 + " ", "１" + "０" * 30, 10**30 + 1,
    10**19, "10000000000000000000", Decimal(10**19), 1e19, "1e19", "1" + "0" * 200,
    "-1" + "0" * 19,
], ids=repr)
def test_every_form_of_a_huge_integer_is_refused(given: Any) -> None:
    with pytest.raises(perfscore.RecordError) as info:
        SCHEME.score({"n": given})
    assert (info.value.code, info.value.message) == ("PS301", RANGE)


@pytest.mark.parametrize(("given", "read"), [
    ("9" * 19, 10**19 - 1), ("-" + "9" * 18, -(10**18) + 1), ("1e3", 1000), (" 12 ", 12),
    ("１２", 12), ("1,234", 1234), (12.0, 12), ("12.0", 12), (Decimal("7"), 7),
], ids=repr)
def test_integers_within_the_bound_compute_exactly(given: Any, read: int) -> None:
    assert SCHEME.validate({"n": given}).n == read  # type: ignore[attr-defined]
    assert SCHEME.score({"n": given})["a"].value == 1


def test_a_csv_integer_is_bounded_too(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("id,n\nok,41\nhuge,1000000000000000000000000000001\n", encoding="utf-8")
    outcomes = list(SCHEME.score_many(row.data for row in read_rows(str(path))))
    assert outcomes[0].total == 0  # type: ignore[union-attr]
    assert [e.message for e in outcomes[1].errors] == [RANGE]  # type: ignore[union-attr]
