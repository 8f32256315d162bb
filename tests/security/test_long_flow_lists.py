"""A long flow list: ``basis: [1, 1, 1, …]`` of 2 MB, a million values on one line. The value
limit was checked when a node closed, so the whole list was composed first: 41 s and 1.56 GB
before PS004. Values and characters are now counted as each node opens, for the document as a
whole, so the value past 200,000 fails at once — in a scheme, a YAML or JSON record file, and a
YAML/JSON list of records for ``batch``. What remains is PyYAML's own pace for the 200,000
values before it (see SECURITY.md).
"""

from __future__ import annotations

from pathlib import Path

from tests.security.sandbox import isolated

MESSAGE = "YAML document expands to more than 200,000 values (aliases are counted each time " \
          "they are used)"


def test_a_long_flow_list_fails_at_the_value_past_the_limit(tmp_path: Path) -> None:
    ones = ", ".join(["1"] * 660_000)  # just under the 2,000,000 bytes a file may have
    (tmp_path / "scheme.yaml").write_text(f"perfscore: 1\nbasis: [{ones}]\n", encoding="utf-8")
    (tmp_path / "record.yaml").write_text(f"x: [{ones}]\n", encoding="utf-8")
    (tmp_path / "record.json").write_text(f'{{"x": [{ones}]}}', encoding="utf-8")
    (tmp_path / "rows.json").write_text(f"[{ones}]", encoding="utf-8")
    setup = f"""
        from perfscore._scheme import read_record
        from perfscore._batch.readers import read_rows
        folder = {str(tmp_path)!r}
    """
    scheme, record, json_record, rows = isolated(
        setup, "perfscore.load(folder + '/scheme.yaml')", "read_record(folder + '/record.yaml')",
        "read_record(folder + '/record.json')", "list(read_rows(folder + '/rows.json'))",
        memory=320 * 2**20)
    assert (*scheme.raised, scheme.line, scheme.column) == (
        # five values before the list's items: the mapping, two keys, 1, the list itself
        "SchemeError", "PS004", MESSAGE, 2, 1 + len("basis: [") + 3 * (200_000 - 5))
    assert (*record.raised, record.line) == ("RecordError", "PS004", MESSAGE, 1)
    assert (*json_record.raised, json_record.line) == ("RecordError", "PS004", MESSAGE, 1)
    assert (*rows.raised, rows.line) == ("UsageError", "PS004", MESSAGE, 1)
