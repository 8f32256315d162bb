"""Schemes across folders: an edition extending an installed scheme by id, a bureau's own
rules folder usable by id (``PERFSCORE_PATH`` or ``--rules``), ``--root`` on every command,
and registry lookups that do not parse every installed file again."""

from __future__ import annotations

from pathlib import Path

import pytest

import perfscore
from perfscore._source import registry
from tests.conftest import run

EDITION = """\
perfscore: 1
id: county.key-projects
extends: changning.key-projects@2023
edition: "2025"
title: 县级重点项目 2025
indicators:
  - id: start_rate
    score:
      tiers:
        - {if: ">= 0.9", points: 20}
        - {else: 0}
"""


def test_an_edition_extends_an_installed_scheme_by_id(tmp_path: Path) -> None:
    path = tmp_path / "county-2025.yaml"
    path.write_text(EDITION, encoding="utf-8")
    scheme = perfscore.load(path)
    base = perfscore.load("changning.key-projects@2023")
    assert (scheme.id, scheme.edition) == ("county.key-projects", "2025")
    assert [i.id for i in scheme.indicators] == [i.id for i in base.indicators]
    record = {"key_projects": 43, "started_projects": 39, "planned_investment": 1,
              "completed_investment": 1, "tech_committed": 1, "tech_completed": 1,
              "basic_spending": 1, "project_spending": 1, "authorised_staff": 1,
              "actual_staff": 1}
    assert scheme.score(record)["start_rate"].points == 20  # 90.7%: 16 points in 2023
    assert base.score(record)["start_rate"].points == 16


def test_extending_an_unknown_installed_scheme_names_the_place(tmp_path: Path) -> None:
    path = tmp_path / "county-2025.yaml"
    path.write_text(EDITION.replace("@2023", "@1999"), encoding="utf-8")
    with pytest.raises(perfscore.SchemeError) as caught:
        perfscore.load(path)
    assert (caught.value.code, caught.value.line, caught.value.message, caught.value.suggestion
            ) == ("PS031", 3, "scheme 'changning.key-projects' has no edition '1999'",
                  "installed editions: 2023, 2024")


def test_a_rules_folder_of_ones_own_is_usable_by_id(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    own = tmp_path / "bureau"
    own.mkdir()
    (own / "county-2025.yaml").write_text(EDITION, encoding="utf-8")
    monkeypatch.delenv(registry.PATH_VARIABLE, raising=False)
    code, out, err = run(capsys, "check", "--rules", own, "county.key-projects@2025")
    assert (code, err) == (0, "")
    assert "county.key-projects@2025" in out
    monkeypatch.setenv(registry.PATH_VARIABLE, str(own))
    assert perfscore.load("county.key-projects").edition == "2025"
    entry, = (e for e in perfscore.installed() if e.id == "county.key-projects")
    assert (entry.pack, entry.path) == (str(own), str(own / "county-2025.yaml"))


def test_root_bounds_extends_on_every_command(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "b.yaml").write_text(
        (Path(__file__).parents[1] / "rules" / "changning" / "key-projects-2023.yaml")
        .read_text(encoding="utf-8"), encoding="utf-8")
    child = tmp_path / "unit" / "c.yaml"
    child.parent.mkdir()
    child.write_text(EDITION.replace("changning.key-projects@2023", "../base/b.yaml"),
                     encoding="utf-8")
    code, _, err = run(capsys, "check", "--lang", "en", child)
    assert code == 2 and "leaves the allowed folder" in err
    for argv in (["check", "--root", tmp_path, child], ["show", "--root", tmp_path, child],
                 ["schema", "--root", tmp_path, child], ["test", "--root", tmp_path, child],
                 ["diff", "--root", tmp_path, child, child]):
        code, _, err = run(capsys, *argv)
        assert "超出了允许的目录" not in err and code in (0, 1), (argv, err)


def test_installed_files_are_parsed_once_until_they_change(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    own = tmp_path / "bureau"
    own.mkdir()
    scheme = own / "county-2025.yaml"
    scheme.write_text(EDITION, encoding="utf-8")
    monkeypatch.setenv(registry.PATH_VARIABLE, str(own))
    parsed: list[str] = []
    original = registry.parse
    monkeypatch.setattr(registry, "parse", lambda text, file, error: (
        parsed.append(file), original(text, file, error))[1])
    registry.installed()
    registry.installed()
    assert parsed.count(str(scheme)) <= 1
    scheme.write_text(EDITION.replace("2025", "2026") + "\n", encoding="utf-8")
    assert [e.edition for e in registry.installed() if e.id == "county.key-projects"] == ["2026"]


def test_the_latest_edition_is_the_latest_in_numbers(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Editions compared as text put 2024.1 after 2025 and 2024.10 before 2024.2; a number
    that is not whole put 2024.1 before 2023."""
    own = tmp_path / "bureau"
    own.mkdir()
    for edition in ("2023", "2024.1", "2024.2", "2024.10"):
        (own / f"county-{edition}.yaml").write_text(
            EDITION.replace('edition: "2025"', f'edition: "{edition}"'), encoding="utf-8")
    monkeypatch.setenv(registry.PATH_VARIABLE, str(own))
    assert perfscore.load("county.key-projects").edition == "2024.10"
    assert [e.edition for e in perfscore.installed() if e.id == "county.key-projects"] == [
        "2023", "2024.1", "2024.2", "2024.10"]


def test_a_link_to_nothing_in_a_rules_folder_stops_no_lookup(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A ``*.yaml`` link whose file is gone was read as every lookup listed the folder: a
    FileNotFoundError, which the CLI took for its output failing."""
    own = tmp_path / "bureau"
    own.mkdir()
    (own / "county-2025.yaml").write_text(EDITION, encoding="utf-8")
    (own / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    monkeypatch.setenv(registry.PATH_VARIABLE, str(own))
    assert perfscore.load("county.key-projects").edition == "2025"
    code, out, err = run(capsys, "list")
    assert (code, err) == (0, "")
    assert "county.key-projects" in out
