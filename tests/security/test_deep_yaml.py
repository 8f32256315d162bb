"""Deeply nested YAML: a million ``[``, 300,000 ``{a: ``, 100 levels of block mappings, and
nesting built through aliases (a 60-level node used 10 levels deep, a chain of 30-level nodes
each holding the last), in a scheme and in a record file.

PyYAML composes recursively, so depth is checked as each node opens (64 levels, before any
recursion limit) and, for an alias, as the depth of what it names; both refuse the document
with a YAML error at the level that crosses the limit.
"""

from __future__ import annotations

from tests.security.sandbox import isolated

DEEP = ("SchemeError", "PS004", "YAML nesting deeper than 64 levels")
SETUP = """
import os, tempfile
from perfscore._scheme import read_record
BRACKETS = "[" * 1_000_000
BRACES = "{a: " * 300_000
BLOCK = "".join(" " * i + "a:\\n" for i in range(100))
THROUGH_ALIAS = "a: &a " + "[" * 60 + "x" + "]" * 60 + "\\nb: [[[[[[[[[[*a]]]]]]]]]]\\n"
CHAIN = "".join(f"a{i}: &a{i} " + "[" * 30 + (f"*a{i - 1}" if i else "x") + "]" * 30 + "\\n"
                for i in range(50))
record = os.path.join(tempfile.mkdtemp(), "deep.yaml")
with open(record, "w", encoding="utf-8") as handle:
    handle.write("x: " + "[" * 100 + "]" * 100 + "\\n")
"""


def test_deep_yaml_is_refused_before_recursion() -> None:
    outcomes = isolated(SETUP, *(f"perfscore.loads({name})" for name in
                                 ("BRACKETS", "BRACES", "BLOCK", "THROUGH_ALIAS", "CHAIN")),
                        "read_record(record)", memory=256 * 2**20)
    assert [o.raised for o in outcomes[:5]] == [DEEP] * 5
    assert [(o.line, o.column) for o in outcomes[:5]] == [
        (1, 65), (1, 254), (64, 64), (2, 14), (3, 39)]
    assert outcomes[5].raised == ("RecordError", "PS004", "YAML nesting deeper than 64 levels")
