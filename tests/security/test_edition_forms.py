"""Editions that are not ASCII words: ``²`` is a digit to ``str.isdigit`` but not to ``int``,
so once installed it broke ``perfscore list`` and every lookup with a ValueError traceback;
an edition with a space or ``@`` could never be named in a reference. ``check`` refuses every
edition that is not 1–32 ASCII letters, digits, ``.``, ``_`` and ``-`` (PS033), and an installed
file that slipped through sorts as text instead of breaking the registry.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import perfscore
from perfscore._cli import main
from perfscore._source import registry as _registry
from tests.security.sandbox import scheme


@pytest.mark.parametrize("edition", ["²", "٣", "2024 ", "2024@2", "-1", "", "x" * 33, "２０２４",
                                     "2024\n"], ids=repr)
def test_check_refuses_an_edition_that_is_not_an_ascii_word(edition: str, tmp_path: Path
                                                             ) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(scheme(edition=edition), encoding="utf-8")
    (found,) = perfscore.check(path, lang="en")
    assert (found.code, found.message, found.line, found.where) == (
        "PS033", f"edition {edition!r} is not a valid edition: at most 32 ASCII letters, digits, "
        "`.`, `_` and `-`, starting with a letter or digit (2024, 2024.2, v3)", 1, "edition")
    (found,) = perfscore.check(path, lang="zh")
    shown = edition.replace("\n", " ")  # a message is one line
    assert found.message == (
        f"版本「{shown}」无效：版本最多 32 个字符，只能用 ASCII 字母、数字、`.`、`_` 和 `-`，"
        "并以字母或数字开头（如 2024、2024.2、v3）")


@pytest.mark.parametrize("edition", ["2024", "2024.2", "v3", "2024-rev_1", "x" * 32])
def test_ascii_editions_load(edition: str) -> None:
    assert perfscore.loads(scheme(edition=edition)).edition == edition


def test_an_installed_odd_edition_does_not_break_the_registry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "odd.yaml").write_text(scheme(edition="²"), encoding="utf-8")
    (tmp_path / "good.yaml").write_text(scheme(edition=2024), encoding="utf-8")
    monkeypatch.setattr(_registry, "_roots", lambda: [("pack", tmp_path)])
    assert main(["list"]) == 0
    assert "²" in capsys.readouterr().out
    assert perfscore.load("attack").edition == "2024"  # the latest: whole numbers sort last
