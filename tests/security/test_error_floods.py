"""Error floods: a scheme that makes thousands of mistakes on purpose, each of which costs a
did-you-mean search through every name the scheme declares — 1,000 expressions of 40 unknown
names against 1,000 inputs, 3,000 inputs to search through, 50,000 unknown keys. Unbounded, the
first took minutes to refuse.

A scheme declares at most 1,000 inputs, lets or row fields (each set); past 100 problems no
further expression is checked and no further key is searched, the rest are counted. Each file
is refused in seconds, with the first problems named.
"""

from __future__ import annotations

import json

from tests.security.sandbox import isolated


def document(inputs: int, indicators: int, **extra: object) -> str:
    expression = "+".join(f"unknown_{j}" for j in range(40))
    return json.dumps({
        "perfscore": 1, "id": "flood", "edition": 1, "title": "flood",
        "inputs": {f"input_{i}": {"type": "number"} for i in range(inputs)},
        "indicators": [{"id": f"a{i}", "name": "A", "points": 1,
                        "score": {"formula": expression}} for i in range(indicators)],
        **extra})


def test_error_floods_are_cut_short() -> None:
    names, inputs, keys = isolated(
        """
from tests.security.test_error_floods import document
NAMES = document(1000, 1000)
INPUTS = document(3000, 1)
KEYS = document(1, 1, **{f"key_{i}": 1 for i in range(50_000)})
def problems(text):
    try:
        perfscore.loads(text)
    except perfscore.PerfscoreError as error:
        return len(error.errors), error.errors[0].message, error.errors[-1].message
""", "problems(NAMES)", "problems(INPUTS)", "problems(KEYS)")
    assert names.value == repr((120, "unknown name 'unknown_0'", "unknown name 'unknown_39'"))
    assert inputs.value == repr((1, "Dictionary should have at most 1000 items after "
                                    "validation, not more", "Dictionary should have at most "
                                    "1000 items after validation, not more"))
    assert keys.value == repr((101, "unknown key 'key_0'", "49,900 more problems not shown"))
