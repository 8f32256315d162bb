"""One hostile record among good ones, scored as a batch (``Scheme.score_many``): a number that
overflows the scheme's arithmetic, NaN, a list too long for the scheme's rules, 100,000 unknown
fields, nesting 10,000 deep, a terminal escape as a key, a text number of a million digits.

Each hostile record comes back as a Rejection carrying its index and its errors, quickly; every
good record before and after it scores exactly as it would alone; the batch never stops.
"""

from __future__ import annotations

from tests.security.sandbox import isolated, scheme

SCHEME = scheme(indicators=[
    {"id": "a", "name": "A", "points": 50, "value": "x ** 3", "target": "1000",
     "score": "ratio"},
    {"id": "b", "name": "B", "points": 50,
     "score": {"formula": "coalesce(sum(sum(q.v for q in rows) for p in rows), 50)"}},
])
SETUP = f"""
SCHEME = perfscore.loads({SCHEME!r})
DEEP = node = {{}}
for _ in range(10_000):
    node['x'] = {{}}
    node = node['x']
RECORDS = [
    {{'x': 10}},
    {{'x': '1e18'}},
    {{'x': float('nan')}},
    {{'x': 10}},
    {{'x': 1, 'rows': [{{'v': 1, 'ok': True}}] * 10_000}},
    {{'x': 1, **{{f'k{{i}}': i for i in range(100_000)}}}},
    DEEP,
    {{'x': 5, '\\x1b[2J': 1}},
    {{'x': '9' * 1_000_000}},
    {{'x': 5, 'rows': [{{'v': 1, 'ok': True}}] * 5}},
]
def outcomes():
    found = []
    for outcome in SCHEME.score_many(RECORDS):
        if isinstance(outcome, perfscore.Result):
            found.append(('scored', str(outcome.total)))
        else:
            found.append((outcome.index, outcome.errors[0].code, outcome.errors[0].message,
                          len(outcome.errors)))
    return found
"""


def test_one_hostile_record_is_rejected_alone() -> None:
    (batch,) = isolated(SETUP, "outcomes()")
    assert batch.value == repr([
        ("scored", "100.00"),
        (1, "PS201", "expression `x ** 3` failed: its result 1.000E+54 is beyond ±1E+40", 1),
        (2, "PS301", "x: must be a finite number", 1),
        ("scored", "100.00"),
        (4, "PS305", "the record is too large to score: its lists and texts cost more than "
                     "2,000,000 steps (reached at "
                     "`coalesce(sum(sum(q.v for q in rows) for p in rows), 50)`)", 1),
        (5, "PS301", "k0: the scheme declares no such field", 101),
        (6, "PS301", "x: must be a number", 1),
        (7, "PS301", "'\\x1b[2J': the scheme declares no such field", 1),
        (8, "PS301", "x: is out of range (at most 28 significant digits, magnitude from 1e-18 "
                     "to below 1e19)", 1),
        ("scored", "31.25"),  # 125/1000 of 50, and 25 for 5 × 5 rows
    ])
