"""Output that cannot be written: standard output on a full disk (``> /dev/full``) or closed by
its reader (``| head``), a batch output whose disk fills up, and a bug. Each was a traceback
with exit 1, which means "record rejected".

Each is now one line on standard error and exit 3, the code of a failure that is not the
input's fault; a batch leaves no partial file.
"""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

import perfscore._batch.writers
import perfscore._cli
from tests.conftest import BUNDLED, EXAMPLE, run

COMMAND = [sys.executable, "-m", "perfscore._cli"]
full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")


@full
@pytest.mark.parametrize("style", ["table", "json", "markdown"])
def test_a_full_disk(style: str) -> None:
    with open("/dev/full", "w") as sink:
        done = subprocess.run([*COMMAND, "score", str(BUNDLED), str(EXAMPLE), "--format", style],
                              stdout=sink, stderr=subprocess.PIPE, text=True, check=False)
    assert (done.returncode, done.stderr) == (
        3, "perfscore: cannot write the output: No space left on device\n")


def test_a_closed_pipe() -> None:
    child = subprocess.Popen([*COMMAND, "impact", str(BUNDLED), str(BUNDLED),
                              str(EXAMPLE.parent / "units-2023.yaml"), "--format", "csv"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader leaves before the first line
    assert child.wait(timeout=60) == 3
    assert child.stderr.read() == "perfscore: cannot write the output: Broken pipe\n"


def test_a_batch_output_that_fills_the_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    original = perfscore._batch.writers._Output.write

    def filling(self: perfscore._batch.writers._Output, row: list[object]) -> None:
        assert self.handle is not None
        self.handle.close()
        self.handle = Full()
        original(self, row)

    source, target = tmp_path / "units.jsonl", tmp_path / "out.jsonl"
    source.write_text('{"id": "a"}\n', encoding="utf-8")
    monkeypatch.setattr(perfscore._batch.writers._Output, "write", filling)
    code, out, err = run(capsys, "batch", BUNDLED, source, "-o", target)
    assert (code, out) == (3, "")
    # in the scheme's language (zh-CN), as the batch's other errors; the reason is the OS's
    assert err == f"{target}: error: 无法写入 {target}：No space left on device\n"
    assert os.listdir(tmp_path) == [source.name]
    code, out, err = run(capsys, "batch", BUNDLED, source, "-o", target, "--lang", "en")
    assert (code, out) == (3, "")
    assert err == f"{target}: error: cannot write {target}: No space left on device\n"


def test_a_bug_is_one_line(monkeypatch: pytest.MonkeyPatch,
                           capsys: pytest.CaptureFixture[str]) -> None:
    def broken(*_: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(perfscore._cli, "print_table", broken)
    assert run(capsys, "score", BUNDLED, EXAMPLE) == (
        3, "", "perfscore: internal error: ZeroDivisionError: division by zero (a bug in "
        "perfscore: please report it)\n")
