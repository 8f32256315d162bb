"""Every word an explanation says, pinned: each item's explanation, each flag's and warning's
message and ``Result.explain()``, in Chinese and English, for generated records of every pack
in ``rules/``, the records of ``examples/`` and random schemes of every method, as the code
said them before explanations were compiled per indicator (issue 13). The records are kept in
the file beside what they said, so the comparison does not depend on hypothesis drawing the
same records again.

Written once by ``python tests/test_explanations_golden.py``; rewrite it only for a change
that means to change the words, and say so in the commit.
"""

from __future__ import annotations

import datetime
import gzip
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore._methods import METHODS

ROOT = Path(__file__).parents[1]
GOLDEN = ROOT / "tests" / "data" / "explanations_golden.json.gz"
PACKS = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "rules").glob("*/*.yaml"))
EXAMPLES = {"examples/changning-2023.yaml": "rules/changning/key-projects-2023.yaml",
            "examples/changning-2023-department.yaml":
                "rules/changning/department-overall-2023.yaml",
            "examples/mof-project-2023.yaml": "rules/mof/project-self-evaluation-2020.yaml",
            "examples/units-2023.yaml": "rules/changning/key-projects-2024.yaml"}
PER_PACK = 300
RANDOM_SCHEMES = 60


def encoded(value: Any) -> Any:
    """A record's value as JSON keeps it: a Decimal and a date tagged, so they come back as
    they were."""
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {key: encoded(v) for key, v in value.items()}
    if isinstance(value, list):
        return [encoded(v) for v in value]
    return value


def decoded(value: Any) -> Any:
    if isinstance(value, dict):
        if "$decimal" in value:
            return Decimal(value["$decimal"])
        if "$date" in value:
            return datetime.date.fromisoformat(value["$date"])
        return {key: decoded(v) for key, v in value.items()}
    if isinstance(value, list):
        return [decoded(v) for v in value]
    return value


def said(scheme: perfscore.Scheme, record: dict[str, Any]) -> Any:
    """Everything the result of ``record`` says in words, both languages; a refused record's
    errors."""
    try:
        result = scheme.score(record)
    except perfscore.PerfscoreError as error:
        return {"error": [e.describe() for e in error.errors]}
    words: dict[str, Any] = {}
    for lang in ("zh", "en"):
        words[lang] = {
            "items": [[item.id, item.explain(lang), [f.message(lang) for f in item.flags]]
                      for item in result.walk()],
            "flags": [f.message(lang) for f in (*result.flags, *result.warnings)],
            "result": result.explain(lang)}
    words["default"] = [item.explain() for item in result.walk()]
    return words


def schemes_of(golden: dict[str, Any]) -> dict[str, perfscore.Scheme]:
    loaded: dict[str, perfscore.Scheme] = {}
    for case in golden["cases"]:
        name = case["scheme"]
        if name not in loaded:
            loaded[name] = (perfscore.loads(case["text"], file="random.yaml") if "text" in case
                            else perfscore.load(str(ROOT / name)))
    return loaded


def _cases() -> list[dict[str, Any]]:
    with gzip.open(GOLDEN, "rt", encoding="utf-8") as file:
        golden = json.load(file)
    loaded = schemes_of(golden)
    return [{**case, "loaded": loaded[case["scheme"]]} for case in golden["cases"]]


CASES = _cases() if GOLDEN.exists() else []


@pytest.mark.parametrize("case", CASES, ids=[case["scheme"] for case in CASES])
def test_explanations_say_what_they_said(case: dict[str, Any]) -> None:
    scheme = case["loaded"]
    for record, expected in zip(case["records"], case["said"], strict=True):
        assert said(scheme, decoded(record)) == expected, record


def test_the_golden_file_covers_every_pack_method_and_status() -> None:
    assert set(PACKS) <= {case["scheme"] for case in CASES}
    methods, statuses = set(), set()
    for case in CASES:
        for record in case["records"]:
            try:
                result = case["loaded"].score(decoded(record))
            except perfscore.PerfscoreError:
                continue
            for item in result.walk():
                statuses.add(item.status)
                if item.outcome is not None and item.indicator is not None:
                    methods.add(item.indicator.method.name)
    assert set(METHODS) | {"deadline"} <= methods
    assert statuses == {"scored", "not_assessed", "not_applicable"}


def noted(scheme: perfscore.Scheme, number: int, record: dict[str, Any]) -> dict[str, Any]:
    """One record in five declares a leaf 不适用, one in five gives a leaf a 偏差原因, where the
    scheme allows it."""
    leaves = [node.id for root in scheme.indicators for node in root.walk() if node.is_leaf]
    key = {1: "not_applicable", 2: "reasons"}.get(number % 5)
    if key is None:
        return record
    with_note = {**record, key: {leaves[number % len(leaves)]: "原因\t{说明}"}}
    try:
        scheme.score(with_note)
    except perfscore.PerfscoreError:
        return record
    return with_note


def _write() -> None:  # pragma: no cover - run by hand, once
    from hypothesis import HealthCheck, Phase, given, settings

    from perfscore._batch.readers import read_rows
    from perfscore._scheme import read_record
    from perfscore._score.record import by_name
    from perfscore.testing import records
    from tests.test_fast_path import records as random_records
    from tests.test_fast_path import schemes as random_schemes

    cases: list[dict[str, Any]] = []
    def drawn(strategy: Any, count: int) -> list[Any]:
        found: list[Any] = []

        @settings(database=None, derandomize=True, phases=[Phase.generate], deadline=None,
                  suppress_health_check=list(HealthCheck), max_examples=count)
        @given(strategy)
        def collect(value: Any) -> None:
            found.append(value)

        collect()
        return found

    for pack in PACKS:
        scheme = perfscore.load(str(ROOT / pack))
        chosen = [noted(scheme, number, record)
                  for number, record in enumerate(drawn(records(scheme), PER_PACK))]
        cases.append({"scheme": pack, "records": [encoded(r) for r in chosen],
                      "said": [said(scheme, r) for r in chosen]})
    for example, pack in EXAMPLES.items():
        scheme = perfscore.load(str(ROOT / pack))
        chosen = ([dict(row.data) for row in read_rows(str(ROOT / example))]
                  if example.endswith("units-2023.yaml")
                  else [by_name(read_record(str(ROOT / example))[0], scheme.inputs, "zh",
                                example)])
        cases.append({"scheme": pack, "records": [encoded(r) for r in chosen],
                      "said": [said(scheme, r) for r in chosen]})
    texts = drawn(random_schemes(), RANDOM_SCHEMES * 3)
    kept = 0
    for number, text in enumerate(texts):
        try:
            scheme = perfscore.loads(text, file="random.yaml")
        except perfscore.SchemeError:
            continue
        chosen = drawn(random_records(scheme), 10)
        cases.append({"scheme": f"random {number}", "text": text,
                      "records": [encoded(r) for r in chosen],
                      "said": [said(scheme, r) for r in chosen]})
        kept += 1
        if kept == RANDOM_SCHEMES:
            break
    GOLDEN.parent.mkdir(exist_ok=True)
    with gzip.GzipFile(GOLDEN, "wb", mtime=0) as file:
        file.write(json.dumps({"cases": cases}, ensure_ascii=False, sort_keys=True).encode())


if __name__ == "__main__":  # pragma: no cover
    sys.path.insert(0, str(ROOT))
    _write()
