"""Huge records: 100,000 unknown fields (each of which would cost a did-you-mean search), a
record file of 5,000 fields, a file over the size limit, a list of a million rows, a text of
ten million characters, and nesting 10,000 levels deep where a number or a row should be.

Validation refuses what is too large by its size before looking inside (rows ≤ 10,000, text ≤
10,000 characters, files ≤ 2,000,000 bytes); a record with many problems reports the first 100
in full and counts the rest; deep nesting fails at its first level. Each is a RecordError that
names the field.
"""

from __future__ import annotations

from tests.security.sandbox import isolated, scheme

SETUP = f"""
import os, tempfile
from perfscore._scheme import read_record
SCHEME = perfscore.loads({scheme()!r})
MANY = {{'x': 1, **{{f'k{{i}}': i for i in range(100_000)}}}}
folder = tempfile.mkdtemp()
def write(name, text):
    path = os.path.join(folder, name)
    with open(path, 'w', encoding='utf-8') as handle:
        handle.write(text)
    return path
def score_file(path):
    data, document = read_record(path)
    return SCHEME.score(data, document=document, file=path)
MANY_FILE = write('many.yaml', 'x: 1\\n' + ''.join(f'k{{i}}: {{i}}\\n' for i in range(5_000)))
BIG_FILE = write('big.yaml', 'x: 1\\nt: ' + 'x' * 2_000_000 + '\\n')
DEEP = {{'x': 1}}
node = DEEP
for _ in range(10_000):
    node['x'] = {{'x': 1}}
    node = node['x']
DEEP_ROWS = {{'x': 1, 'rows': []}}
rows = DEEP_ROWS['rows']
for _ in range(10_000):
    rows.append([])
    rows = rows[0]
def problems(call):
    try:
        call()
    except perfscore.RecordError as error:
        found = [(e.where, e.message) for e in error.errors]
        return len(found), found[0], found[99], found[100]
"""
UNKNOWN = "{}: the scheme declares no such field"


def test_many_unknown_fields_report_the_first_hundred() -> None:
    python, file = isolated(SETUP, "problems(lambda: SCHEME.score(MANY))",
                            "problems(lambda: score_file(MANY_FILE))")
    assert python.value == repr((101, ("k0", UNKNOWN.format("k0")), ("k99", UNKNOWN.format("k99")),
                                 (None, "99,900 more problems not shown")))
    assert file.value == repr((101, ("k0", UNKNOWN.format("k0")), ("k99", UNKNOWN.format("k99")),
                               (None, "4,900 more problems not shown")))


def test_oversized_parts_are_refused_by_size() -> None:
    big, rows, million, text, deep, deep_rows, fits = isolated(
        SETUP, "score_file(BIG_FILE)",
        "SCHEME.score({'x': 1, 'rows': [{'v': 1, 'ok': True}] * 10_001})",
        "SCHEME.score({'x': 1, 'rows': [{'v': 1, 'ok': True}] * 1_000_000})",
        "SCHEME.score({'x': 1, 't': 'x' * 10_000_000})",
        "SCHEME.score(DEEP)", "SCHEME.score(DEEP_ROWS)",
        "SCHEME.score({'x': 1, 'rows': [{'v': 1, 'ok': True}] * 10_000}).total")
    assert big.raised == ("RecordError", "PS002", "file is larger than 2,000,000 bytes")
    assert rows.raised == ("RecordError", "PS301",
                           "rows: List should have at most 10000 items after validation, not "
                           "10001")
    assert million.raised == ("RecordError", "PS301",
                              "rows: List should have at most 10000 items after validation, not "
                              "1000000")
    assert text.raised == ("RecordError", "PS301",
                           "t: Value should have at most 10000 items after validation, not "
                           "10000000")
    assert deep.raised == ("RecordError", "PS301", "x: must be a number")
    assert deep_rows.raised == ("RecordError", "PS301",
                                "rows[0]: Input should be a valid dictionary or instance of Row")
    assert fits.value == "Decimal('1.00')"
