"""libyaml's C parser under perfscore's composer reads every YAML file exactly as PyYAML's
Python parser does: the same values, the same position of every key and value, the same
errors (those come from the Python parser in both ways, which the C way hands over to)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore._common.errors import PerfscoreError, SchemeError
from perfscore._source import yaml as reading
from perfscore._source.format import LISTS

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for folder in ("tests", "rules", "examples")
               for p in (ROOT / folder).rglob("*.y*ml"))
TEXTS = [
    "a: 中文值\nb: |\n  block\n  text\nc: >-\n  folded\n    more\nd: 'q'\ne: \"d\"\n"
    "f: [1, 2.50, x]\n",
    "- &a {k: v}\n- *a\n- !!str 12\n- !custom x\n- ~\n- 1e3\n- 0o17\n- .nan\n",
    "key: value\nkey: again\n",
    "a: [1, 2\n",
    "a: b: c\n",
    "\ufeffa: 1\n",
    "a: 1\x07\n",
    "a:\n\t- 1\n",
    "a: *missing\n",
    "- " * 200 + "x\n",
    "a: &x [*x]\n",
    "{a: 1, b: [c, {d: e}], f: 'it''s', g: \"\\u4e2d\"}\n",
    "",
    "# only a comment\n",
    "a: 1\n---\nb: 2\n",
    "long: " + "x" * 5000 + "\n",
    "a: |+\n  keep\n\nb: c\n",
]


def _literals() -> list[str]:
    """Every string literal of the test modules that could be YAML (a colon or a dash and a
    line break): the inline schemes, records and broken documents the other tests use."""
    found: dict[str, None] = {}
    for module in sorted((ROOT / "tests").rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and "\n" in node.value and (":" in node.value or "- " in node.value)):
                found[node.value] = None
    return list(found)


LITERALS = _literals()


def both(text: str, file: str, lists: Any = None) -> tuple[Any, Any]:
    answers = []
    for fast in (True, False):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(reading, "FAST", fast)
            try:
                document = reading.parse(text, file, SchemeError, lists)
                answers.append(("document", repr(document.data), document.values,
                                document.keys))  # repr: NaN is not equal to itself
            except PerfscoreError as error:
                answers.append(("error", str(error), [str(e) for e in error.errors]))
    return answers[0], answers[1]


def test_libyaml_is_there() -> None:
    """The C parser is what this suite runs with (PyYAML's wheels include libyaml)."""
    assert reading.FAST


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_file_reads_the_same_both_ways(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="surrogateescape")
    fast, python = both(text, str(path), LISTS)
    assert fast == python


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_edge_texts_read_the_same_both_ways(text: str) -> None:
    fast, python = both(text, "t.yaml")
    assert fast == python


def test_every_yaml_literal_of_the_tests_reads_the_same_both_ways() -> None:
    assert len(LITERALS) > 100
    differ = []
    for text in LITERALS:
        fast, python = both(text, "t.yaml")
        if fast != python:
            differ.append(text)
    assert differ == []


SCHEMES = [p for p in FILES if p.read_text(encoding="utf-8").startswith("perfscore:")
           or "\nperfscore:" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("path", SCHEMES, ids=[str(p.relative_to(ROOT)) for p in SCHEMES])
def test_every_bundled_scheme_loads_the_same_both_ways(path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    fast = perfscore.load(path)
    monkeypatch.setattr(reading, "FAST", False)
    python = perfscore.load(path)
    assert fast.spec == python.spec
    assert fast.document == python.document
    assert fast.generated_source() == python.generated_source()
