"""Path traversal in ``extends``: ``../../etc/passwd``, an absolute path, a symlink inside the
folder that points out of it, a directory, and a scheme given as text (whose "folder" would be
the process's working directory) — ways for a shared scheme to make perfscore read files it
was not given, or learn whether they exist.

``extends`` may reach only files under a root: the top file's own folder tree by default,
``root=`` when the caller (a service) says so; paths are compared after resolving symlinks.
A scheme loaded from text has no folder, so it may extend only with an explicit ``root=``.
A ``cases:`` file is read under the same rule.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import perfscore
from tests.security.sandbox import scheme


def child(target: str) -> str:
    return f"perfscore: 1\nextends: {target}\nedition: 2025\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path, **kwargs: str) -> tuple[str | None, str, int | None]:
    with pytest.raises(perfscore.SchemeError) as info:
        perfscore.load(path, **kwargs)
    return info.value.code, info.value.message, info.value.line


def test_relative_traversal(tmp_path: Path) -> None:
    top = write(tmp_path / "sub" / "up.yaml", child("../../etc/passwd"))
    assert refused(top) == (
        "PS021", f"`extends: ../../etc/passwd` leaves the allowed folder {tmp_path}/sub", 2)


def test_absolute_path(tmp_path: Path) -> None:
    top = write(tmp_path / "abs.yaml", child("/etc/passwd"))
    assert refused(top) == ("PS021", f"`extends: /etc/passwd` leaves the allowed folder {tmp_path}",
                            2)


def test_a_symlink_out_of_the_folder(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside" / "secret.yaml", scheme())
    (tmp_path / "inside").mkdir()
    os.symlink(outside, tmp_path / "inside" / "link.yaml")
    top = write(tmp_path / "inside" / "top.yaml", child("link.yaml"))
    assert refused(top) == (
        "PS021", f"`extends: link.yaml` leaves the allowed folder {tmp_path}/inside", 2)


def test_a_directory_is_no_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    top = write(tmp_path / "dir.yaml", child("sub"))
    assert refused(top) == (
        "PS020", f"`extends`: {tmp_path}/sub is a folder, not a regular file", 2)


def test_root_opens_a_sibling_folder_and_only_that(tmp_path: Path) -> None:
    write(tmp_path / "base" / "base.yaml", scheme())
    top = write(tmp_path / "units" / "u.yaml", child("../base/base.yaml"))
    assert refused(top) == (
        "PS021", f"`extends: ../base/base.yaml` leaves the allowed folder {tmp_path}/units", 2)
    assert perfscore.load(top, root=str(tmp_path)).edition == "2025"
    assert refused(top, root=str(tmp_path / "units" / "other"))[0] == "PS021"


def test_a_scheme_from_text_needs_an_explicit_root(tmp_path: Path) -> None:
    base = write(tmp_path / "base.yaml", scheme())
    with pytest.raises(perfscore.SchemeError) as info:
        perfscore.loads(child(str(base)))
    assert (info.value.code, info.value.message, info.value.file) == (
        "PS021", "a scheme loaded from text can `extends` only within an explicit `root=` "
        "folder", "<string>")
    assert perfscore.loads(child(str(base)), root=str(tmp_path)).edition == "2025"


def test_a_cases_file_is_bounded_the_same_way(tmp_path: Path) -> None:
    """``cases: file.yaml`` (worked cases in their own file) is read under the same rule."""
    write(tmp_path / "cases.yaml", "[]\n")
    outside = json.loads(scheme())
    outside["cases"] = "/etc/passwd"
    top = write(tmp_path / "s.yaml", json.dumps(outside))
    with pytest.raises(perfscore.SchemeError) as info:
        perfscore.load(top).cases  # noqa: B018 - the cases file is read on first use
    assert (info.value.code, info.value.message) == (
        "PS053", f"`cases: /etc/passwd` leaves the allowed folder {tmp_path}")
    text = json.loads(scheme())
    text["cases"] = str(tmp_path / "cases.yaml")
    with pytest.raises(perfscore.SchemeError) as info:
        perfscore.loads(json.dumps(text)).cases  # noqa: B018
    assert (info.value.code, info.value.message) == (
        "PS053", "a scheme loaded from text can read `cases:` only within an explicit `root=` "
        "folder")
    assert perfscore.loads(json.dumps(text), root=str(tmp_path)).cases == ()
