"""The bundled 2023 scheme reproduces the seed report's figures (shared/seed)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml

import perfscore
from tests.conftest import BUNDLED, EXAMPLE


def seed_record() -> dict[str, object]:
    return dict(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))


def test_every_worked_case_of_the_bundled_scheme_passes(bundled: perfscore.Scheme) -> None:
    outcomes = bundled.run_cases()
    assert len(outcomes) >= 9
    assert [o.problems for o in outcomes if not o.passed] == []


def test_seed_figures_score_93_64_excellent(bundled: perfscore.Scheme) -> None:
    result = bundled.score(seed_record())
    assert result.total == Decimal("93.64")
    assert result.grade == "优"
    points = {i.id: i.points for i in result.walk()}
    assert points["start_rate"] == 16
    assert points["investment"] == Decimal("29.55")
    assert points["tech_investment"] == 10
    assert points["project_share"] == 5
    assert points["staffing"] == 5
    assert points["output"] == Decimal("45.55")  # SPEC §5's example
    assert {i.id for i in result.walk() if i.status == "not_assessed" and i.is_leaf} == {
        "key_work", "satisfaction", "budget_execution"}


def test_seed_start_rate_is_explained_with_the_next_tier(bundled: perfscore.Scheme) -> None:
    item = bundled.score(seed_record())["start_rate"]
    assert item.value == Decimal(37) / Decimal(43)
    assert item.explain("zh") == (
        "重点项目开复工率 86.05%，处于 85%（含）—95% 档，得 16 分（满分 20 分）。"
        "再提高 8.95 个百分点可达到 ≥95% 档，可多得 4 分。")
    assert item.explain("en") == (
        "重点项目开复工率 is 86.05%, in the 85% (inclusive) to 95% tier: 16 of 20 points. "
        "Raising it by 8.95 percentage points would reach the ≥95% tier (+4).")


def test_seed_reasons_list_lost_points_most_first(bundled: perfscore.Scheme) -> None:
    reasons = bundled.score(seed_record()).reasons
    assert [(r.id, r.lost) for r in reasons] == [("start_rate", 4), ("investment", Decimal("0.45"))]


def test_rescaling_is_announced(bundled: perfscore.Scheme) -> None:
    warnings = bundled.score(seed_record()).warnings
    assert [w.code for w in warnings] == ["not_assessed"] * 3 + ["rescaled"]
    assert warnings[-1].message("zh") == (
        "有指标不参与评分，总分按已评指标满分 70 分折算为 100 分制：65.55÷70×100=93.64。")


@pytest.mark.parametrize("satisfaction", ["90%", "0.9", Decimal("0.9"), 0.9])
def test_satisfaction_in_any_written_form_scores_the_same(
        bundled: perfscore.Scheme, satisfaction: object) -> None:
    result = bundled.score({**seed_record(), "satisfaction": satisfaction})
    assert result["satisfaction"].value == Decimal("0.9")
    assert result["satisfaction"].points == 10


def test_provenance_names_version_scheme_and_record(bundled: perfscore.Scheme) -> None:
    first = bundled.score(seed_record()).provenance
    changed = bundled.score({**seed_record(), "started_projects": 38}).provenance
    assert first["perfscore"] == perfscore.__version__
    assert first["scheme_sha256"] == changed["scheme_sha256"] == bundled.sha256
    assert len(first["record_sha256"]) == 64
    assert first["record_sha256"] != changed["record_sha256"]


def test_loading_pauses_the_collector_and_restores_it() -> None:
    """The cyclic garbage collector is paused while a scheme loads, and left as it was after
    a load that succeeds and one that fails."""
    import gc
    import pickle

    from perfscore import _scheme

    seen = []
    real = _scheme._build

    def build(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_scheme, "_build", build)
        scheme = perfscore.load(BUNDLED)
        assert gc.isenabled()
        with pytest.raises(perfscore.PerfscoreError):
            perfscore.loads("perfscore: 1\nid: [")
        assert gc.isenabled()
        _scheme._rebuilt.cache_clear()
        pickle.loads(pickle.dumps(scheme))
        gc.disable()
        try:
            perfscore.load(BUNDLED)
            assert not gc.isenabled()
        finally:
            gc.enable()
    assert seen == [False, False, False]  # the failed load fails as it parses, before _build
