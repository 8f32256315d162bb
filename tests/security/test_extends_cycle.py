"""A cycle in ``extends`` (two files naming each other, a file naming itself) and a chain too
long to be honest (20 files), each of which would have a loader read files forever or for a long
time.

Every file of a chain is remembered by its real path, so a cycle is a SchemeError (PS022)
naming the files in order; a chain longer than 16 files is refused (PS028) at the file that
goes too deep.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import perfscore
from tests.security.sandbox import scheme


def child(target: str) -> str:
    return f"perfscore: 1\nextends: {target}\nedition: 2025\n"


def refused(path: Path) -> perfscore.SchemeError:
    with pytest.raises(perfscore.SchemeError) as info:
        perfscore.load(path)
    return info.value


def test_two_files_extending_each_other(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(child("b.yaml"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(child("a.yaml"), encoding="utf-8")
    error = refused(tmp_path / "a.yaml")
    assert (error.code, error.file, error.line, error.column) == (
        "PS022", str(tmp_path / "b.yaml"), 2, 10)
    assert error.message == (f"`extends` makes a cycle: {tmp_path}/a.yaml → {tmp_path}/b.yaml → "
                             f"{tmp_path}/a.yaml")


def test_a_file_extending_itself(tmp_path: Path) -> None:
    (tmp_path / "self.yaml").write_text(child("./self.yaml"), encoding="utf-8")
    error = refused(tmp_path / "self.yaml")
    assert (error.code, error.message) == (
        "PS022", f"`extends` makes a cycle: {tmp_path}/self.yaml → {tmp_path}/./self.yaml")


def test_a_chain_longer_than_sixteen_files(tmp_path: Path) -> None:
    for i in range(20):
        (tmp_path / f"c{i}.yaml").write_text(child(f"c{i + 1}.yaml"), encoding="utf-8")
    (tmp_path / "c20.yaml").write_text(scheme(), encoding="utf-8")
    error = refused(tmp_path / "c0.yaml")
    assert (error.code, error.message, error.file) == (
        "PS028", "`extends` goes more than 16 files deep", str(tmp_path / "c15.yaml"))
    assert perfscore.load(tmp_path / "c5.yaml").edition == "2025"  # 16 files: allowed
