"""A 10 MB expression, given as text, as a file, and (just under the file limit) as a 1.8 MB
expression inside a scheme.

The file and text size limit (2,000,000) refuses the first two before YAML parsing starts; the
third is read — YAML costs about a second per megabyte — and refused by the expression length
limit (2,000 characters) before Python parses it.
"""

from __future__ import annotations

from tests.security.sandbox import isolated

SETUP = """
import os, tempfile
from tests.security.sandbox import formula
TEN_MB = 'x+' * 5_000_000 + 'x'
NEAR_LIMIT = 'x+' * 900_000 + 'x'
folder = tempfile.mkdtemp()
def write(name, text):
    path = os.path.join(folder, name)
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)
    return path
"""


def test_a_huge_expression_is_refused_before_it_is_parsed() -> None:
    text, file, near = isolated(
        SETUP, "perfscore.loads(formula(TEN_MB))",
        "perfscore.load(write('ten.yaml', formula(TEN_MB)))",
        "perfscore.load(write('near.yaml', formula(NEAR_LIMIT)))")
    assert text.raised == ("SchemeError", "PS002", "text is longer than 2,000,000 characters")
    assert file.raised == ("SchemeError", "PS002", "file is larger than 2,000,000 bytes")
    assert near.raised == ("ExpressionError", "PS106",
                           "expression is longer than 2,000 characters")
    assert (near.line, near.count) == (1, 1)
