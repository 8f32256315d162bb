"""docs/api.md's examples, run as a reader would run them (in order, one namespace, from a
folder holding the repository's rules and examples) and their output compared with the output
the page prints: a page whose examples no longer print what it says is a wrong page."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).parents[1]
PAGE = ROOT / "docs" / "api.md"
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\n", re.S | re.M)
SAVED = re.compile(r"saved as `(\S+)`:\n\n\Z")
"""How the page names the file a YAML block is saved as, just before the block."""
ELSEWHERE = ("first-typos.yaml",)
"""Files another page makes (getting-started.md): an example reading one is not run here."""


class Step(NamedTuple):
    line: int
    text: str
    printed: str | None = None
    """The output the page prints for a Python example (None: a fragment, not run)."""
    saved_as: str | None = None
    """For a YAML block: the file the page saves it as."""


def steps() -> list[Step]:
    """The page's Python examples and the files it saves, in order."""
    text = PAGE.read_text(encoding="utf-8")
    blocks = list(FENCE.finditer(text))
    found: list[Step] = []
    for index, block in enumerate(blocks):
        line, kind, body = text[:block.start()].count("\n") + 1, block.group(1), block.group(2)
        if kind == "yaml" and (named := SAVED.search(text[:block.start()])):
            found.append(Step(line, body, saved_as=named.group(1)))
        elif kind == "python":
            after = blocks[index + 1] if index + 1 < len(blocks) else None
            shown = after is not None and after.group(1) == "text" and \
                text[block.end():after.start()].strip() == "Output:"
            found.append(Step(line, body, after.group(2) if shown and after else None))
    return found


def test_every_example_prints_what_the_page_says(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("rules", "examples"):
        (tmp_path / name).symlink_to(ROOT / name)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "docs"}
    compared = 0
    for step in steps():
        if step.saved_as is not None:
            (tmp_path / step.saved_as).write_text(step.text, encoding="utf-8")
            continue
        if step.printed is None or any(name in step.text for name in ELSEWHERE):
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(step.text, f"docs/api.md:{step.line}", "exec"), namespace)
        assert out.getvalue() == step.printed, f"docs/api.md:{step.line}"
        compared += 1
    assert compared == 15  # every example with an output, but the one reading another page's file
