"""Paths that name something other than a regular file: a FIFO, a folder, a device. Reading a
FIFO waits for a writer forever, so ``extends: base.yaml`` where base.yaml is a FIFO hung
``check``, and ``cases:`` on a FIFO said "no such file". Everywhere perfscore opens a path a
user gave (a scheme, what it ``extends``, its ``cases:`` file, a record file, a batch input, a
folder ``perfscore test`` walks), only a regular file is read, and the error says what the path
is; a FIFO is opened without waiting, so even a path that turns into one is never waited on.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.security.sandbox import isolated, scheme

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")


def test_fifos_and_folders_are_named_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "base.yaml")
    os.mkfifo(tmp_path / "cases.yaml")
    os.mkfifo(tmp_path / "record.yaml")
    os.mkfifo(tmp_path / "rows.csv")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "top.yaml").write_text("perfscore: 1\nextends: base.yaml\nedition: 2025\n",
                                       encoding="utf-8")
    (tmp_path / "to_folder.yaml").write_text("perfscore: 1\nextends: folder.yaml\n",
                                             encoding="utf-8")
    (tmp_path / "with_cases.yaml").write_text(scheme(cases="cases.yaml"), encoding="utf-8")
    (tmp_path / "folder_cases.yaml").write_text(scheme(cases="folder.yaml"), encoding="utf-8")
    setup = f"""
        from perfscore._scheme import read_record
        from perfscore._batch.readers import read_rows
        from perfscore._harness.suite import scheme_files
        folder = {str(tmp_path)!r}
    """
    fifo = "is a named pipe (FIFO), not a regular file"
    cases = {
        "perfscore.load(folder + '/top.yaml')":
            ("SchemeError", "PS020", f"`extends`: {tmp_path}/base.yaml {fifo}", 2),
        "perfscore.load(folder + '/to_folder.yaml')":
            ("SchemeError", "PS020",
             f"`extends`: {tmp_path}/folder.yaml is a folder, not a regular file", 2),
        "perfscore.load(folder + '/with_cases.yaml').case_set":
            ("SchemeError", "PS053", f"`cases`: {tmp_path}/cases.yaml {fifo}", 1),
        "perfscore.load(folder + '/folder_cases.yaml').case_set":
            ("SchemeError", "PS053",
             f"`cases`: {tmp_path}/folder.yaml is a folder, not a regular file", 1),
        "perfscore.load(folder + '/base.yaml')":
            ("SchemeError", "PS001", f"{tmp_path}/base.yaml {fifo}", None),
        "read_record(folder + '/record.yaml')":
            ("UsageError", "PS001", f"{tmp_path}/record.yaml {fifo}", None),
        "list(read_rows(folder + '/rows.csv'))":
            ("UsageError", "PS001", f"{tmp_path}/rows.csv {fifo}", None),
    }
    outcomes = isolated(setup, *cases, "sorted(scheme_files([folder]))")
    for (case, expected), outcome in zip(cases.items(), outcomes, strict=False):
        assert (outcome.error, outcome.code, outcome.message, outcome.line) == expected, case
    # the FIFOs are skipped, never opened (the JSON schemes have no `perfscore:` line)
    assert outcomes[-1].value == repr([f"{tmp_path}/to_folder.yaml", f"{tmp_path}/top.yaml"])


def test_the_message_is_in_the_schemes_language(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "base.yaml")
    (tmp_path / "top.yaml").write_text("perfscore: 1\nextends: base.yaml\n", encoding="utf-8")
    (found,) = isolated(f"from perfscore import check\npath = {str(tmp_path)!r} + '/top.yaml'",
                        "[d.message for d in check(path, lang='zh')]")
    message = f"`extends`：{tmp_path}/base.yaml 是命名管道（FIFO），不是普通文件"
    assert found.value == repr([message])
