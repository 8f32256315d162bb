"""The caller's ``decimal`` context leaking in. With ``getcontext().prec = 3`` a percent became
0.86 and an explanation said "得 29.6 分" beside 29.55 points; with the ``Rounded`` trap on,
``decimal.Rounded`` escaped from an explanation. Every computation, validation and explanation
— loading, ``check``, ``validate``, ``score``, the lazily rendered texts, ``to_dict``, worked
cases and ``score_frame``'s points — runs in perfscore's own context, and the caller's is left
as it was.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import perfscore
from tests.security.sandbox import ROOT, scheme

pandas = pytest.importorskip("pandas")
score_frame = pytest.importorskip("perfscore.pandas").score_frame

SCHEME_FILE = ROOT / "rules" / "changning" / "key-projects-2023.yaml"
RECORD = {"key_projects": 43, "started_projects": 37, "planned_investment": 106.1,
          "completed_investment": 104.5, "tech_committed": 88.02, "tech_completed": 89.32,
          "basic_spending": 99.35, "project_spending": 62.75, "authorised_staff": 12,
          "actual_staff": 7}
THIRDS = scheme(  # points that add up to 100 only with more than 3 digits
    inputs={"x": {"type": "number"}, "p": {"type": "percent"}},
    indicators=[{"id": i, "name": i.upper(), "points": points, "value": "p",
                 "score": {"formula": "value * points"}}
                for i, points in (("a", "33.335"), ("b", "33.335"), ("c", "33.33"))],
    settings={"total": 100, "rounding": {"places": 3}})


def everything(tmp_path: Path) -> list[Any]:
    """What perfscore computes for a caller, as plain values to compare."""
    (tmp_path / "thirds.yaml").write_text(THIRDS, encoding="utf-8")
    official = perfscore.load(SCHEME_FILE)
    result = official.score(RECORD)
    thirds = perfscore.load(tmp_path / "thirds.yaml")
    third = thirds.score({"x": 1, "p": "86.05%"})
    frame = score_frame(pandas.DataFrame([RECORD]), official)  # a branch's points: 45.55
    return [frame.to_numpy().tolist(),
            result.to_json(), result.explain(), result.explain("en"),
            [item.explanation for item in result.walk()], [f.message() for f in result.warnings],
            third.to_json(), str(third.total),
            str(thirds.validate({"x": "1,234.5678", "p": "12.3456%"})),
            [o.passed for o in official.run_cases()],
            [d.describe() for d in perfscore.check(SCHEME_FILE)],
            [d.describe() for d in perfscore.check(tmp_path / "thirds.yaml")]]


@contextmanager
def hostile(**settings: Any) -> Iterator[decimal.Context]:
    with decimal.localcontext() as context:
        for name, value in settings.items():
            if name == "traps":
                for trap in value:
                    context.traps[trap] = True
            else:
                setattr(context, name, value)
        yield context


@pytest.mark.parametrize("settings", [
    {"prec": 3}, {"prec": 1, "rounding": decimal.ROUND_FLOOR},
    {"traps": [decimal.Rounded, decimal.Inexact]}, {"Emax": 5, "Emin": -5},
    {"traps": [decimal.Subnormal, decimal.Clamped, decimal.Underflow]},
], ids=repr)
def test_the_callers_context_changes_nothing(settings: dict[str, Any], tmp_path: Path) -> None:
    expected = everything(tmp_path)
    with hostile(**settings) as context:
        before = context.copy()
        assert everything(tmp_path) == expected
        assert repr(decimal.getcontext()) == repr(before)  # and it is left as it was


def test_a_result_made_in_one_context_explains_alike_in_another() -> None:
    official = perfscore.load(SCHEME_FILE)
    result = official.score(RECORD)
    expected = [result.to_json(), result.explain()]
    with hostile(prec=3, traps=[decimal.Rounded]):
        assert [result.to_json(), result.explain()] == expected
        lazy = official.score(RECORD)
    assert [lazy.to_json(), lazy.explain()] == expected
    assert "得 29.55 分" in result.explain()
