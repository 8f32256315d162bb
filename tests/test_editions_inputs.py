"""An edition drops inputs (issue 17): those only the indicators it `remove`s read, and those
it names in `remove_inputs`; `perfscore diff` shows them removed."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import perfscore
from tests.conftest import run

BASE = """\
perfscore: 1
id: demo.base
edition: 2023
title: 基础
inputs:
  budget: {type: number, min: 0, label: 全年预算数}
  spent: {type: number, min: 0, label: 全年执行数}
  maintain_rate: {type: percent, min: 0, max: 1, label: 管护资金到位率}
  staff: {type: integer, min: 1, label: 编制数}
  old_note: {type: text, required: false, label: 备注}
checks:
  - {rule: staff >= 1, message: 编制数至少为 1}
indicators:
  - {id: execution, name: 预算执行率, points: 60, value: spent / budget, target: 1, score: ratio}
  - id: sustain
    name: 管护资金到位率
    points: 40
    value: maintain_rate * staff / staff
    target: 1
    score: ratio
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write(tmp_path, "base.yaml", BASE)


def test_remove_drops_the_inputs_only_the_removed_indicator_read(tmp_path: Path,
                                                                 base: Path) -> None:
    child = write(tmp_path, "child.yaml", """\
        perfscore: 1
        extends: base.yaml
        edition: 2024
        indicators:
          - {id: execution, points: 100}
        remove: [sustain]
        """)
    scheme = perfscore.load(child)
    # maintain_rate went with sustain; staff stays, a check still reads it
    assert list(scheme.inputs) == ["budget", "spent", "staff", "old_note"]
    assert scheme.score({"budget": 100, "spent": 90, "staff": 3}).total == 90


def test_remove_inputs_drops_inputs_by_name_and_diff_shows_them(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, base: Path) -> None:
    child = write(tmp_path, "child.yaml", """\
        perfscore: 1
        extends: base.yaml
        edition: 2024
        remove_inputs: [old_note]
        """)
    assert "old_note" not in perfscore.load(child).inputs
    removed = [(c.section, c.kind, c.id) for c in perfscore.diff(base, child)
               if c.section == "input"]
    assert removed == [("input", "removed", "old_note")]
    code, out, _ = run(capsys, "diff", base, child, "--format", "markdown", "--lang", "en")
    assert code == 0 and "| input | removed | old_note |" in out


@pytest.mark.parametrize(("extra", "message"), [
    ("remove_inputs: [old_nte]\n",
     "child.yaml:4:17: error: `remove_inputs`: no input 'old_nte' in the base scheme "
     "(did you mean 'old_note'?)"),
    ("remove_inputs: [spent]\n", "base.yaml:14:53: error: unknown name 'spent'"),
])
def test_remove_inputs_names_inputs_the_base_has_and_nothing_reads(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, base: Path, extra: str,
        message: str) -> None:
    child = write(tmp_path, "child.yaml",
                  "perfscore: 1\nextends: base.yaml\nedition: 2024\n" + extra)
    code, _, err = run(capsys, "check", child, "--lang", "en")
    assert (code, err) == (2, f"{tmp_path}/{message}\n")


def test_remove_inputs_needs_extends(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    alone = write(tmp_path, "alone.yaml", BASE + "remove_inputs: [old_note]\n")
    code, _, err = run(capsys, "check", alone, "--lang", "en")
    assert (code, err) == (2, f"{alone}:21:16: error: `remove_inputs` applies to the scheme "
                              "named by `extends`, and this file extends none: delete the "
                              "inputs from `inputs`\n")
