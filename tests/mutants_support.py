"""What the tests of the methods' surviving mutants share (tests/test_methods_*_mutants.py):
a leaf's rule paths, those `perfscore test --coverage` leaves uncovered after given records,
and the mutants `perfscore test --mutate` makes of it."""

from __future__ import annotations

from pathlib import Path

import pytest

import perfscore
from perfscore._testing.coverage import coverage
from tests.conftest import run
from tests.test_exact_scores import SCHEME


def text_of(x: str, inputs: str = "") -> str:
    """tests/test_exact_scores.py's scheme with leaf ``x`` and ``inputs`` added."""
    text = SCHEME % {"x": x, "settings": ""}
    return text.replace("inputs:\n", f"inputs:\n{inputs}", 1)


def leaf(x: str, inputs: str = "") -> perfscore.Scheme:
    return perfscore.loads(text_of(x, inputs), file="s.yaml")


def uncovered(capsys: pytest.CaptureFixture[str], tmp_path: Path, x: str,
              records: list[str], inputs: str = "") -> list[str]:
    """The 'not covered' labels of leaf ``x`` (tests/test_exact_scores.py's scheme, with
    ``inputs`` added) after one passing case per record (``a: 2, t: 0``)."""
    cases = "".join(f"  - name: case {i}\n    input: {{{r}}}\n    expect: {{items: {{y: 5}}}}\n"
                    for i, r in enumerate(records))
    path = tmp_path / "s.yaml"
    path.write_text(text_of(x, inputs) + "cases:\n" + cases, "utf-8")
    code, out, err = run(capsys, "test", path, "--coverage")
    assert (code, err) == (0, "")
    return [line.split(": ", 2)[2] for line in out.splitlines()
            if line.startswith("  not covered:") and ": x" in line]


def mutants_of(rule: str, inputs: str = "") -> list[tuple[str, tuple[object, ...], object]]:
    """``perfscore test --mutate``'s mutants of leaf ``x`` written as ``rule``: (label, path
    below ``score.<method>``, new value) for each edit."""
    found = []
    for mutant in leaf(rule, inputs).mutants():
        if not mutant.label.startswith("x: "):
            continue
        for path, value in mutant.edits:
            assert path[:3] == ("indicators", 0, "score")
            found.append((mutant.label.removeprefix("x: "), path[4:], value))
    return found


def paths_of(rule: str, inputs: str = "") -> list[tuple[str, str]]:
    """The rule paths of leaf ``x`` written as ``rule``: (key, label)."""
    return [(p.key.removeprefix("x "), p.label.removeprefix("x: "))
            for p in coverage(leaf(rule, inputs), []).paths if p.key.startswith("x ")]
