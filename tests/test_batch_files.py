"""``perfscore batch`` and the files around it: an output that is the input (however named),
signals in the middle of a run (the temporary output removed, one line said), a run killed
outright (its orphan removed by the next run), and an existing output's file mode."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import run
from tests.security.sandbox import scheme

COMMAND = [sys.executable, "-m", "perfscore._cli"]


def units(folder: Path, count: int = 3) -> tuple[Path, Path]:
    source, records = folder / "s.yaml", folder / "units.csv"
    source.write_text(scheme(), encoding="utf-8")
    records.write_text("id,x\n" + "".join(f"u{i},{i % 90}\n" for i in range(count)),
                       encoding="utf-8")
    return source, records


@pytest.mark.parametrize("name", ["same", "dot", "link", "hard"])
def test_an_output_that_is_the_input_is_refused(tmp_path: Path, name: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    source, records = units(tmp_path)
    before = records.read_bytes()
    target = {"same": records, "dot": tmp_path / "." / "units.csv"}.get(name, tmp_path / "o.csv")
    if name == "link":
        target.symlink_to(records)
    elif name == "hard":
        os.link(records, target)
    code, out, err = run(capsys, "batch", source, records, "-o", target)
    assert (code, out) == (2, "")
    assert err == (f"{target}: error: the output {target} is the input file: write the results "
                   "to another file\n")
    assert records.read_bytes() == before


def test_an_existing_output_keeps_its_mode(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    source, records = units(tmp_path)
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    assert run(capsys, "batch", source, records, "-o", target)[0] == 0
    assert (target.stat().st_mode & 0o777, target.read_text(encoding="utf-8-sig")[:2]) == (
        0o600, "id")


def start(folder: Path) -> tuple[subprocess.Popen[str], Path]:
    """A batch of many rows, returned once its temporary output exists."""
    source, records = units(folder, 300_000)
    target = folder / "out.csv"
    target.write_text("earlier", encoding="utf-8")
    child = subprocess.Popen([*COMMAND, "batch", str(source), str(records), "-o", str(target)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(folder.glob(".perfscore-*")):
        assert child.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(0.2)
    return child, target


@pytest.mark.parametrize(("number", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130),
                                              (signal.SIGHUP, 129)])
def test_a_signal_removes_the_temporary_file(tmp_path: Path, number: int, code: int) -> None:
    child, target = start(tmp_path)
    child.send_signal(number)
    out, err = child.communicate(timeout=60)
    assert (child.returncode, out, err) == (code, "", "perfscore: interrupted\n")
    assert not list(tmp_path.glob(".perfscore-*"))
    assert target.read_text(encoding="utf-8") == "earlier"


def test_the_next_run_removes_what_a_killed_run_left(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    child, _ = start(tmp_path)
    child.kill()
    child.communicate(timeout=60)
    (orphan,) = tmp_path.glob(".perfscore-*")
    assert orphan.name.startswith(f".perfscore-{child.pid}-")
    alive = tmp_path / f".perfscore-{os.getpid()}-x.csv"  # a run still going: left alone
    alive.write_text("", encoding="utf-8")
    source, records = units(tmp_path / "small" if (tmp_path / "small").mkdir() else tmp_path)
    assert run(capsys, "batch", source, records, "-o", tmp_path / "next.jsonl")[0] == 0
    assert list(tmp_path.glob(".perfscore-*")) == [alive]
    assert json.loads((tmp_path / "next.jsonl").read_text().splitlines()[0])["id"] == "u0"


def test_a_workbook_left_unwritten_says_its_error_alone(tmp_path: Path) -> None:
    """The write-only sheet of a batch that fails is closed with it: left open, it wrote its
    end when Python collected it, to a file gone by then, and that failure's traceback
    followed the batch's own error."""
    source, records = units(tmp_path, count=0)
    done = subprocess.run([*COMMAND, "batch", str(source), str(records), "-o",
                           str(tmp_path / "out.xlsx")], capture_output=True, text=True,
                          check=False)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (f"{records}: error: no records to score: the input holds no rows, "
                           "so nothing was written\n")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["s.yaml", "units.csv"]
