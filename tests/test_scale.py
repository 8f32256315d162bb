"""Beyond one process: a Scheme pickles small and scores the same after the trip; pandas and
dask frames give the rows ``score_many`` gives, with the columns of ``perfscore batch``."""

from __future__ import annotations

import math
import pickle
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfscore

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules" / "changning"
SCHEME_2023 = RULES / "key-projects-2023.yaml"
SCHEME_2024 = RULES / "key-projects-2024.yaml"

SEED = {"key_projects": 43, "started_projects": 37, "planned_investment": "106.1",
        "completed_investment": "104.5", "tech_committed": "88.02", "tech_completed": "89.32",
        "basic_spending": "99.35", "project_spending": "62.75", "authorised_staff": 12,
        "actual_staff": 7}


def units(count: int) -> list[dict[str, Any]]:
    """Varied units: some with every input, some without the optional ones, every seventh
    failing a check and every eleventh with a count written in words."""
    out = []
    for n in range(count):
        unit: dict[str, Any] = {"id": f"u{n:02}", **SEED, "started_projects": 20 + n % 24,
                                "actual_staff": 5 + n % 10}
        if n % 3:
            unit.update(budget_full_year=200, budget_spent=150 + n, satisfaction=0.8 + n / 1000,
                        work_level="达成年度指标" if n % 2 else "部分达成年度指标并具有一定效果")
        if n % 7 == 6:
            unit["started_projects"] = 50
        if n % 11 == 10:
            unit["key_projects"] = "四十三"
        out.append(unit)
    return out


@pytest.mark.parametrize("path", [SCHEME_2023, SCHEME_2024], ids=["2023", "2024 extends 2023"])
def test_a_pickled_scheme_scores_identically(path: Path, tmp_path: Path) -> None:
    """It travels as the text of its files (the edition and the one it extends), so it
    unpickles where those files are not — and gives byte-identical results."""
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    scheme = perfscore.load(folder / path.name)
    data = pickle.dumps(scheme)
    shutil.rmtree(folder)
    texts = sum(len(p.read_bytes()) for p in {SCHEME_2023, path})
    assert len(data) < texts + 2_000  # the texts and little else: no compiled state
    copy = pickle.loads(data)
    assert (copy.id, copy.edition, copy.sha256) == (scheme.id, scheme.edition, scheme.sha256)
    for record in units(30):
        record.pop("id")
        if path == SCHEME_2024:
            record["large_project_share"] = "0.801"
        try:
            expected = scheme.score(record).to_json()
        except perfscore.PerfscoreError as error:
            with pytest.raises(perfscore.PerfscoreError) as raised:
                copy.score(record)
            assert str(raised.value) == str(error)
            continue
        assert copy.score(record).to_json() == expected


def test_a_scheme_loaded_from_text_pickles_too() -> None:
    scheme = perfscore.loads(SCHEME_2023.read_text(encoding="utf-8"), file="inline.yaml")
    copy = pickle.loads(pickle.dumps(scheme))
    assert copy.score(SEED).to_json() == scheme.score(SEED).to_json()


def test_a_process_rebuilds_a_pickled_scheme_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dask worker receives the scheme with every partition: the second copy of the same
    texts is the scheme already rebuilt, not a second compilation; other texts are another."""
    from perfscore import _scheme

    builds = []
    real = _scheme._build

    def build(*args: Any, **kwargs: Any) -> Any:
        builds.append(args)
        return real(*args, **kwargs)

    scheme, older = perfscore.load(SCHEME_2024), perfscore.load(SCHEME_2023)
    monkeypatch.setattr(_scheme, "_build", build)
    _scheme._rebuilt.cache_clear()
    data = pickle.dumps(scheme)
    first, second = pickle.loads(data), pickle.loads(data)
    assert first is second and len(builds) == 1
    other = pickle.loads(pickle.dumps(older))
    assert other is not first and len(builds) == 2
    assert first.score({**SEED, "large_project_share": "0.801"}).to_json() == \
        scheme.score({**SEED, "large_project_share": "0.801"}).to_json()


# --- pandas ----------------------------------------------------------------------------------

def expected_rows(scheme: perfscore.Scheme, records: list[dict[str, Any]]) -> list[list[Any]]:
    """What score_many says about each record, as batch output cells."""
    out = []
    for record, outcome in zip(records, scheme.score_many(records, id_field="id"), strict=True):
        if isinstance(outcome, perfscore.Rejection):
            out.append([record["id"], "rejected", None, None, outcome.message])
        else:
            out.append([record["id"], "scored", outcome.total, outcome.grade, None])
    return out


def frame_rows(frame: Any) -> list[list[Any]]:
    return [[None if v is None or (isinstance(v, float) and math.isnan(v)) else v
             for v in row] for row in frame[["id", "status", "total", "grade", "errors"]]
            .itertuples(index=False, name=None)]


def test_score_frame_matches_score_many() -> None:
    pd = pytest.importorskip("pandas")
    from perfscore.pandas import score_frame

    scheme = perfscore.load(SCHEME_2023)
    records = units(40)
    frame = pd.DataFrame(records, index=[f"row{n}" for n in range(40)])
    scored = score_frame(frame, scheme)
    assert list(scored.index) == list(frame.index)
    assert list(scored.columns)[:4] == ["id", "status", "total", "grade"]
    assert list(scored.columns)[-1] == "errors"
    assert "start_rate" in scored.columns and "benefit" in scored.columns
    assert frame_rows(scored) == expected_rows(scheme, records)
    assert set(scored["status"]) == {"scored", "rejected"}
    assert {str(dtype) for dtype in scored.dtypes} == {"object"}
    assert scored.loc["row0", "investment"] == Decimal("29.55")


def test_score_frame_reads_labels_and_missing_values() -> None:
    """Chinese column names, NaN where a sheet had an empty cell, numpy integers."""
    pd = pytest.importorskip("pandas")
    from perfscore.pandas import score_frame

    scheme = perfscore.load(SCHEME_2023)
    labels = {name: spec.label for name, spec in scheme.inputs.items()}
    frame = pd.DataFrame([{labels[k]: v for k, v in SEED.items()},
                          {**{labels[k]: v for k, v in SEED.items()}, "服务对象满意度": 0.95}])
    frame["列入重点项目个数"] = frame["列入重点项目个数"].astype("int64")
    assert math.isnan(frame.loc[0, "服务对象满意度"])
    scored = score_frame(frame, scheme, id_column="unit")
    assert list(scored["total"]) == [Decimal("93.64"), Decimal("94.44")]
    assert list(scored["satisfaction"]) == [None, Decimal("10.00")]
    assert list(scored["id"]) == [None, None]


def test_score_frame_of_an_empty_frame() -> None:
    pd = pytest.importorskip("pandas")
    from perfscore.pandas import score_frame

    scheme = perfscore.load(SCHEME_2023)
    scored = score_frame(pd.DataFrame(columns=["id", *SEED]), scheme)
    assert len(scored) == 0 and list(scored.columns)[:2] == ["id", "status"]


# --- dask ------------------------------------------------------------------------------------

def test_dask_over_partitions_equals_score_many() -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    from perfscore.dask import score_dataframe
    from perfscore.pandas import score_frame

    scheme = perfscore.load(SCHEME_2023)
    records = units(60)
    frame = pd.DataFrame(records)
    lazy = score_dataframe(dd.from_pandas(frame, npartitions=4), scheme)
    assert lazy.npartitions == 4
    meta = score_frame(frame.iloc[:0], scheme)
    assert list(lazy.columns) == list(meta.columns)
    assert list(lazy.dtypes) == list(meta.dtypes)
    computed = lazy.compute(scheduler="threads")
    assert frame_rows(computed) == expected_rows(scheme, records)
    assert computed.equals(score_frame(frame, scheme))


def test_dask_in_worker_processes() -> None:
    """Worker processes receive the scheme pickled, and recompile it."""
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    from perfscore.dask import score_dataframe

    scheme = perfscore.load(SCHEME_2024)
    records = [{**r, "large_project_share": "0.801"} for r in units(12)]
    lazy = score_dataframe(dd.from_pandas(pd.DataFrame(records), npartitions=3), scheme)
    computed = lazy.compute(scheduler="processes", num_workers=2)
    assert frame_rows(computed) == expected_rows(scheme, records)


@pytest.mark.parametrize("scheduler", ["threads", "processes"])
def test_dask_to_csv_writes_what_score_dataframe_then_to_csv_writes(
        tmp_path: Path, scheduler: str) -> None:
    """Scoring and writing each partition in one task gives the files of the two-step recipe,
    byte for byte."""
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    from perfscore.dask import score_dataframe, to_csv

    scheme = perfscore.load(SCHEME_2023)
    frame = dd.from_pandas(pd.DataFrame(units(40)).astype(str), npartitions=3)
    two_step = score_dataframe(frame, scheme).to_csv(
        str(tmp_path / "two-*.csv"), index=False,
        compute_kwargs={"scheduler": scheduler, "num_workers": 2})
    one_step = to_csv(frame, scheme, str(tmp_path / "one-*.csv"), index=False,
                      compute_kwargs={"scheduler": scheduler, "num_workers": 2})
    assert one_step == [str(tmp_path / f"one-{n}.csv") for n in range(3)]
    assert len(two_step) == 3
    for n in range(3):
        assert (tmp_path / f"one-{n}.csv").read_bytes() == (tmp_path / f"two-{n}.csv").read_bytes()
    with pytest.raises(ValueError, match="one \\*"):
        to_csv(frame, scheme, str(tmp_path / "scored.csv"))
