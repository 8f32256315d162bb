"""Alias bombs: a "billion laughs" (nine levels of ten aliases: 10⁹ values once expanded), a
megabyte of text repeated through aliases, more than 100 alias uses, and an alias inside the
node it names (a cycle, which PyYAML composes and a naive walk follows forever).

What the document expands to is counted as each node opens (an alias counting all its node
stands for), so each fails with a YAML error (PS004) at the value or alias that crosses a limit,
before anything expands or walks it.
"""

from __future__ import annotations

from tests.security.sandbox import isolated

SETUP = """
LAUGHS = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\\n" for i in range(1, 9))
MEGABYTE = "a: &a " + "x" * 1_000_000 + "\\nb: *a\\nc: *a\\n"
ALIASES = "a: &a [x]\\n" + "".join(f"b{i}: *a\\n" for i in range(150))
"""


def test_alias_bombs_fail_while_composing() -> None:
    laughs, text, aliases, cycle, inner, through_map = isolated(
        SETUP, "perfscore.loads(LAUGHS)", "perfscore.loads(MEGABYTE)",
        "perfscore.loads(ALIASES)", "perfscore.loads('a: &a [*a]')",
        "perfscore.loads('a: &a [1, [2, [3, *a]]]')", "perfscore.loads('a: &a {b: *a}')",
        memory=256 * 2**20)
    assert laughs.raised == ("SchemeError", "PS004", "YAML document expands to more than 200,000 "
                             "values (aliases are counted each time they are used)")
    assert (laughs.line, laughs.column) == (6, 10)  # &a5's first *a4 crosses 200,000 values
    assert text.raised == ("SchemeError", "PS004", "YAML document expands to more than "
                           "2,000,000 characters of text (aliases are counted each time they "
                           "are used)")
    assert aliases.raised == ("SchemeError", "PS004", "YAML more than 100 aliases")
    assert (aliases.line, aliases.column) == (102, 7)  # `b100: *a`, the 101st
    for outcome, column in ((cycle, 8), (inner, 19), (through_map, 11)):
        assert outcome.raised == ("SchemeError", "PS004", "YAML alias *a is inside the node it "
                                  "names")
        assert (outcome.line, outcome.column) == (1, column)
