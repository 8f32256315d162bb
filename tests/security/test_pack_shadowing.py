"""Two installed scheme packs registering the same ``id@edition``: one would shadow the other
depending on the order packs load in, and the bare id would quietly score with the other
pack's copy. Installing a pack is trusted, but which file a name means must not be a guess:
the ambiguity is refused, naming both packs and files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import perfscore
from perfscore._source import registry as _registry
from tests.security.sandbox import scheme


def test_the_same_id_and_edition_in_two_packs_is_refused(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for pack in ("alpha", "beta"):
        (tmp_path / pack).mkdir()
        (tmp_path / pack / "s.yaml").write_text(scheme(), encoding="utf-8")
    roots = [(pack, tmp_path / pack) for pack in ("alpha", "beta")]
    monkeypatch.setattr(_registry, "_roots", lambda: roots)
    for reference in ("attack", "attack@2024"):
        with pytest.raises(perfscore.UsageError) as info:
            perfscore.load(reference)
        assert (info.value.code, info.value.message, info.value.suggestion) == (
            "PS032", f"scheme attack@2024 is installed twice, by pack 'alpha' "
            f"({tmp_path / 'alpha' / 's.yaml'}) and pack 'beta' ({tmp_path / 'beta' / 's.yaml'})",
            "uninstall one of the packs, or load the file by its path")


def test_one_copy_per_edition_still_loads(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "alpha").mkdir()
    (tmp_path / "beta").mkdir()
    (tmp_path / "alpha" / "s.yaml").write_text(scheme(), encoding="utf-8")
    (tmp_path / "beta" / "s.yaml").write_text(scheme(edition=2025), encoding="utf-8")
    monkeypatch.setattr(_registry, "_roots", lambda: [("alpha", tmp_path / "alpha"),
                                                       ("beta", tmp_path / "beta")])
    assert perfscore.load("attack").file == str(tmp_path / "beta" / "s.yaml")
    assert perfscore.load("attack@2024").file == str(tmp_path / "alpha" / "s.yaml")
