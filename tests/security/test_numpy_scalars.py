"""numpy scalars and float subclasses in a record, as pandas and numpy programs pass them. A
``numpy.float64`` (a float subclass whose repr is ``np.float64(1.5)``) raised a raw
``decimal.InvalidOperation`` that stopped ``score_many``; ``float32`` and ``int64`` were refused
as not numbers. Every ``numbers.Integral`` is a whole number (through ``__index__``), a float
subclass is read through float's own repr, other real numbers (``float32``) through their own
shortest text — exactly, as a float is — and nothing but a PerfscoreError (a Rejection in a
stream) leaves scoring, whatever a record holds. numpy is never imported by perfscore.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

import perfscore
from tests.security.sandbox import ROOT, scheme

np = pytest.importorskip("numpy")

SCHEME = perfscore.loads(scheme(
    inputs={"x": {"type": "number"}, "p": {"type": "percent", "required": False},
            "n": {"type": "integer", "required": False}},
    indicators=[{"id": "a", "name": "A", "points": 100, "value": "x", "score": {"formula": "x"}},
                {"id": "b", "name": "B", "points": 10, "value": "coalesce(n, 0) + coalesce(p, 0)",
                 "score": {"formula": "0"}}]))


class Shouting(float):
    def __repr__(self) -> str:
        return f"Shouting({float(self)})!"


@pytest.mark.parametrize(("given", "read"), [
    (np.float64(1.5), "1.5"), (np.float64(0.1), "0.1"), (np.float32(0.1), "0.1"),
    (np.float16(0.5), "0.5"), (np.int64(3), "3"), (np.uint8(255), "255"),
    (np.int64(-(10**18)), "-1000000000000000000"), (Shouting(2.25), "2.25"),
    # int64's two ends: 64 and 63 bits, 19 digits below 1e19, bounded
    (np.int64(-(2**63)), "-9223372036854775808"), (np.int64(2**63 - 1), "9223372036854775807"),
    (np.float64(-0.0), "0.0"),
], ids=repr)
def test_numpy_numbers_are_read_exactly(given: Any, read: str) -> None:
    record = {"x": given}
    assert str(SCHEME.score(record)["a"].value) == read
    assert SCHEME.score(record).to_dict() == SCHEME.score(record, reference=True).to_dict()


def test_percent_and_integer_fields_take_numpy_numbers() -> None:
    item = SCHEME.score({"x": 1, "p": np.float32(0.8605), "n": np.int64(3)})["b"]
    assert item.value == Decimal("3.8605")
    assert SCHEME.score({"x": 1, "n": np.float64(3.0)})["b"].value == 3


@pytest.mark.parametrize(("field", "given", "message"), [
    ("x", np.float64("nan"), "x: must be a finite number"),
    ("x", np.float32("inf"), "x: must be a finite number"),
    ("x", np.float64(1e300), "x: is out of range (at most 28 significant digits, magnitude "
                             "from 1e-18 to below 1e19)"),
    ("x", np.uint64(2**64 - 1),
     "x: is out of range (at most 28 significant digits, magnitude from 1e-18 to below 1e19)"),
    ("x", np.bool_(True), "x: must be a number"),
    ("x", Fraction(1, 3), "x: must be a number"),
    ("x", np.complex128(1), "x: must be a number"),
    ("n", np.float64(2.5), "n: must be a whole number"),
], ids=repr)
def test_other_numpy_values_reject_the_record(field: str, given: Any, message: str) -> None:
    record = {"x": 1, field: given}
    with pytest.raises(perfscore.RecordError) as info:
        SCHEME.score(record)
    assert (info.value.code, info.value.message) == ("PS301", message)


class Exploding(Mapping[str, Any]):
    """A caller's mapping that fails as it is read."""

    def __getitem__(self, key: str) -> Any:
        raise RuntimeError("disk on fire")

    def __iter__(self) -> Iterator[str]:
        return iter(["x"])

    def __len__(self) -> int:
        return 1


def test_score_many_yields_an_outcome_for_every_record() -> None:
    records = [{"x": np.float64(1.5)}, {"x": np.float64("nan")}, Exploding(), {"x": Shouting(2)}]
    outcomes = list(SCHEME.score_many(records))
    assert [type(o).__name__ for o in outcomes] == ["Result", "Rejection", "Rejection", "Result"]
    assert [e.message for e in outcomes[2].errors] == [  # type: ignore[union-attr]
        "the record cannot be read (RuntimeError: 'disk on fire')"]


def test_perfscore_does_not_import_numpy() -> None:
    code = ("import sys, perfscore\n"
            "from tests.security.sandbox import scheme\n"
            "s = perfscore.loads(scheme())\n"
            "s.score({'x': 1.5}), list(s.score_many([{'x': '1,5'}, {'x': 2**70}]))\n"
            "print('numpy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.stdout.strip() == "False", done.stderr
