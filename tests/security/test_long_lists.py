"""Long lists in a scheme: 40,000 ``grades`` or ``checks`` were refused only after 12 s and 390
MB, and ``properties`` and ``cases`` had no bound at all (5,000 ``bounded:`` properties ran past
60 s in ``perfscore test``). Each list has a documented length (100 grades, 1,000 checks,
1,000 cases, 100 properties), checked as the YAML is read — the entry past it fails as it
opens — and again on a scheme merged with what it extends.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.security.sandbox import isolated, scheme


def lines(**top: object) -> str:
    """``scheme`` with one list entry per line, so that an entry's line is its index + 2."""
    data = json.loads(scheme())
    head = ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in data.items())
    (key, entries), = top.items()
    assert isinstance(entries, list)
    body = ",\n".join(json.dumps(e) for e in entries)
    return f"{{{head}, {json.dumps(key)}: [\n{body}]}}"


def test_each_list_fails_at_the_entry_past_its_limit(tmp_path: Path) -> None:
    files = {
        "grades": lines(grades=[{"min": 40_000 - k, "label": f"g{k}"} for k in range(40_000)]),
        "checks": lines(checks=[{"rule": "x >= 0", "message": f"m{k}"} for k in range(40_000)]),
        "properties": lines(properties=[{"bounded": "a"}] * 5_000),
        "cases": lines(cases=[{"name": f"c{k}", "input": {"x": 1}, "expect": {"total": 100}}
                              for k in range(5_000)]),
    }
    for name, text in files.items():
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "apart.yaml").write_text(scheme(cases="many.yaml"), encoding="utf-8")
    (tmp_path / "many.yaml").write_text("\n".join(
        f"- {{name: c{k}, input: {{x: 1}}, expect: {{total: 100}}}}" for k in range(5_000)),
        encoding="utf-8")
    outcomes = isolated(f"folder = {str(tmp_path)!r}",
                        *(f"perfscore.load(folder + '/{name}.yaml')" for name in files),
                        "perfscore.load(folder + '/apart.yaml').case_set", memory=256 * 2**20)
    found = [(*o.raised, o.line, o.column) for o in outcomes]
    assert found == [
        ("SchemeError", "PS007", "`grades` has more than 100 entries", 102, 1),
        ("SchemeError", "PS007", "`checks` has more than 1,000 entries", 1002, 1),
        ("SchemeError", "PS007", "`properties` has more than 100 entries", 102, 1),
        ("SchemeError", "PS007", "`cases` has more than 1,000 entries", 1002, 1),
        ("SchemeError", "PS007", "a cases file has more than 1,000 cases", 1001, 3),
    ]
    assert all(o.seconds < 2 for o in outcomes), outcomes


def test_lists_at_their_limit_load(tmp_path: Path) -> None:
    path = tmp_path / "full.yaml"
    path.write_text(scheme(grades=[{"min": 99 - k, "label": f"g{k}"} for k in range(100)],
                           checks=[{"rule": "x >= 0", "message": f"m{k}"} for k in range(1_000)],
                           properties=[{"bounded": "a"}] * 100,
                           cases=[{"name": f"c{k}", "input": {"x": 1}, "expect": {"total": 1}}
                                  for k in range(1_000)]), encoding="utf-8")
    (loaded,) = isolated(f"path = {str(path)!r}",
                         "len(perfscore.load(path).cases)", memory=512 * 2**20)
    assert loaded.value == "1000"


def test_an_edition_cannot_lengthen_a_list_past_its_limit(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(
        scheme(grades=[{"min": 100 - k, "label": f"b{k}"} for k in range(60)]), encoding="utf-8")
    (tmp_path / "edition.yaml").write_text("perfscore: 1\nextends: base.yaml\nedition: 2025\n"
                                           "grades:\n" + "".join(
        f"  - {{min: {40 - k / 2}, label: e{k}}}\n" for k in range(60)), encoding="utf-8")
    (outcome,) = isolated(f"path = {str(tmp_path / 'edition.yaml')!r}", "perfscore.load(path)")
    assert (*outcome.raised, outcome.line) == (
        "SchemeError", "PS007", "`grades` has more than 100 entries", 45)  # the 101st grade
