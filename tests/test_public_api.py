"""The Python API beside the CLI (issue 17, section 2): ``perfscore.diff``, ``perfscore.impact``
on plain mappings, ``perfscore.installed``; results that pickle, do not change, compare by
content and have a short repr."""

from __future__ import annotations

import dataclasses
import json
import pickle
import subprocess
import sys
import typing
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import jsonschema
import pytest

import perfscore
from tests.conftest import run

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "rules" / "changning" / "key-projects-2023.yaml"
NEW = ROOT / "rules" / "changning" / "key-projects-2024.yaml"
RECORD: dict[str, Any] = {
    "key_projects": 43, "started_projects": 37, "planned_investment": 106.1,
    "completed_investment": 104.5, "tech_committed": 88.02, "tech_completed": 89.32,
    "basic_spending": 99.35, "project_spending": 62.75, "authorised_staff": 12,
    "actual_staff": 7}


def test_diff_takes_schemes_paths_or_installed_ids() -> None:
    by_id = perfscore.diff("changning.key-projects@2023", "changning.key-projects@2024")
    by_path = perfscore.diff(OLD, perfscore.load(NEW))
    assert by_id == by_path
    first = by_id[0]
    assert (first.section, first.kind, first.id, first.facet, first.old, first.new) == (
        "indicator", "changed", "start_rate", "tiers[0]", ">= 0.95 → 20", ">= 0.98 → 20")
    assert {(c.kind, c.id) for c in by_id if c.section == "indicator" and c.facet is None} == {
        ("added", "large_project_share"), ("removed", "project_share")}


def test_impact_scores_plain_mappings_under_both_editions() -> None:
    units, summary = perfscore.impact(OLD, NEW, [
        {"unit": "常宁", **RECORD, "large_project_share": 0.801},
        {"unit": "缺字段", "key_projects": 1}], id_field="unit")
    scored, rejected = units
    assert (scored.id, scored.old.result is not None and scored.old.result.total,
            scored.new.result is not None and scored.new.result.total, scored.delta) == (
        "常宁", Decimal("93.64"), Decimal("85.07"), Decimal("-8.57"))
    assert scored.moved == ["start_rate", "large_project_share", "project_share"]
    assert rejected.id == "缺字段" and rejected.old.result is None
    assert rejected.old.errors[0] == "started_projects (开复工项目个数): 缺少必填字段"
    assert (summary.units, summary.scored, summary.grade_down, summary.mean_delta) == (
        2, 1, 1, Decimal("-8.57"))
    units, _ = perfscore.impact(OLD, NEW, [RECORD])
    assert units[0].id == "1"  # without an id field: the position, from 1


def test_installed_lists_every_installed_edition() -> None:
    found = [(e.id, e.edition, Path(e.path).name, e.pack) for e in perfscore.installed()]
    assert found == [
        ("changning.department-overall", "2023", "department-overall-2023.yaml", "perfscore"),
        ("changning.key-projects", "2023", "key-projects-2023.yaml", "perfscore"),
        ("changning.key-projects", "2024", "key-projects-2024.yaml", "perfscore"),
        ("hunan.department-overall", "2022", "department-overall-2022.yaml", "perfscore"),
        ("mof.project-self-evaluation", "2020", "project-self-evaluation-2020.yaml",
         "perfscore"),
    ]


def _score_in_a_worker(record: dict[str, Any]) -> perfscore.Result:
    return perfscore.load(OLD).score(record)


def test_a_result_comes_back_from_a_process_pool() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        result = pool.submit(_score_in_a_worker, RECORD).result()
    here = perfscore.load(OLD).score(RECORD)
    assert result == here
    assert result.to_json() == here.to_json()
    assert result["key_work"].explain("en") == (
        "重点工作完成情况: input '重点工作完成情况' was not given; left out; the total is "
        "rescaled.")
    assert pickle.loads(pickle.dumps(here["start_rate"])) == here["start_rate"]


def test_an_unpickled_result_words_each_item_from_its_own_indicator() -> None:
    """The sentences a scheme keeps once rendered are keyed by its objects' ids: a result
    that travels (to another process, or past the scheme that made it) keeps none of them,
    since there the same ids may be other indicators'."""
    scheme = perfscore.load(OLD)
    result = scheme.score(RECORD)
    said = [item.explain() for item in result.walk()]
    assert result.context.memo  # the branches' and points clauses, kept
    restored = pickle.loads(pickle.dumps(result))
    assert restored.context.memo == {}
    assert [item.explain() for item in restored.walk()] == said


def test_results_do_not_change_and_compare_by_content() -> None:
    scheme = perfscore.load(OLD)
    result = scheme.score(RECORD)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.total = Decimal(100)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result["start_rate"].points = Decimal(20)  # type: ignore[misc]
    again = perfscore.load(OLD).score(RECORD)
    assert again == result and again["start_rate"] == result["start_rate"]
    # the scorer makes it settable and turns it into a Result: the same as the constructor's
    assert type(result) is perfscore.Result
    assert perfscore.Result(*(getattr(result, f.name) for f in dataclasses.fields(result))
                            ) == result
    assert scheme.score({**RECORD, "actual_staff": 13}) != result


def test_flags_and_warnings_not_yet_read_travel_with_the_result() -> None:
    """A result makes its flags and warnings when first asked (``Unworded``): copied,
    replaced or pickled before that, it has the same ones."""
    scheme = perfscore.load(OLD)
    record = {**RECORD, "tech_completed": RECORD["tech_committed"] * 2}
    fresh = [scheme.score(record) for _ in range(3)]
    expected = scheme.score(record)
    flags, warnings = expected.flags, expected.warnings
    assert [(f.id, f.code) for f in flags] == [("tech_investment", "over_target")]
    assert [(w.id, w.code) for w in warnings] == [
        ("key_work", "not_assessed"), ("satisfaction", "not_assessed"),
        ("budget_execution", "not_assessed"), (None, "rescaled")]
    assert pickle.loads(pickle.dumps(fresh[0])) == expected
    assert dataclasses.replace(fresh[1], title="t").warnings == warnings
    assert fresh[2] == expected and fresh[2].flags == flags


def test_reprs_are_short_and_readable() -> None:
    result = perfscore.load(OLD).score(RECORD)
    assert repr(result) == "<Result changning.key-projects@2023 total=93.64 grade=优 items=16>"
    assert repr(result["start_rate"]) == "<Item start_rate 16/20 scored tiers[1]>"
    assert repr(result["budget_execution"]) == "<Item budget_execution —/10 not_assessed>"
    assert repr(result.warnings[0]) == (
        "Flag(id='key_work', code='not_assessed', facts={'points': None, 'max': "
        "Decimal('10')})")
    assert repr(result.provenance).startswith("Provenance({'perfscore': '0.1.0', "
                                              "'scheme_sha256': '")


def test_status_and_kind_are_literal_types() -> None:
    hidden = {"Indicator": object, "Outcome": object, "NotComputable": object}  # type-only
    hints = typing.get_type_hints(perfscore.Item, localns=hidden)
    assert hints["status"] == Literal["scored", "not_assessed", "not_applicable"]
    assert hints["kind"] == Literal["base", "bonus", "penalty"]


LABELLED = """\
列入重点项目个数: 43
开复工项目个数: 37
年度计划投资: 106.1
完成投资: 104.5
科技产业类项目年度承诺投资: 88.02
科技产业类项目完成投资: 89.32
基本支出: 99.35
项目支出: 62.75
核定编制数: 12
实有在编人数: 7
"""


def test_score_takes_a_record_keyed_by_labels(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    record = tmp_path / "labelled.yaml"
    record.write_text(LABELLED + "全年预算数: 1200\n", encoding="utf-8")
    code, out, _ = run(capsys, "score", OLD, record, "--format", "json")
    assert code == 0
    assert json.loads(out)["total"] == 93.64
    mixed = tmp_path / "mixed.yaml"
    mixed.write_text(LABELLED + "全年预算数: 1200\nbudget_full_year: 1200\n", encoding="utf-8")
    code, _, err = run(capsys, "score", OLD, mixed, "--lang", "en")
    assert (code, err) == (1, f"{mixed}: error: the field 'budget_full_year' is given twice: "
                              "by its name and by its label '全年预算数'\n")


TYPED = """\
perfscore: 1
id: demo.typed
edition: 1
title: t
inputs:
  n: {type: number, required: false}
  i: {type: integer, required: false}
  b: {type: bool, required: false}
  p: {type: percent, required: false}
  t: {type: text, required: false}
  c: {type: choice, options: [2023, 2024, 2.5, A], required: false}
indicators:
  - {id: x, name: x, points: 10, value: n, score: {linear: [[0, 0], [10, 10]]}}
"""


@pytest.mark.parametrize(("field", "value"), [
    *(("n", v) for v in ("106.1", " 5 ", "1e3", "1_000", ".5", "12%", "abc", 5.5, True, "0x10",
                         "", "1__0", "5.", "_1", "1_.5", "1e_3", "+.5", ".", "_", "1 2")),
    *(("i", v) for v in ("43", " 43 ", 43.0, "-7", "4.5", 43.5, "1e2", True, "1_000", "1__0",
                         "_1")),
    *(("b", v) for v in ("是", "否", "TRUE", "False", " yes ", "No", "Y", "1", "0", 1, 0, "on",
                         True)),
    *(("p", v) for v in ("86%", "86 %", "0.5", 0.5, "86.05％", "86", "%")),
    *(("t", v) for v in ("备注", 3.5, 7, True, None)),
    *(("c", v) for v in ("2024", 2024, 2024.0, "2024.0", "2.5", 2.5, "A", 7, True)),
])
def test_the_record_schema_accepts_what_perfscore_accepts(field: str, value: Any) -> None:
    scheme = perfscore.loads(TYPED)
    try:
        scheme.validate({field: value})
        accepted = True
    except perfscore.RecordError:
        accepted = False
    try:
        jsonschema.validate({field: value}, scheme.json_schema())
        described = True
    except jsonschema.ValidationError:
        described = False
    assert described == accepted


CLIENT = """\
from decimal import Decimal

import perfscore

scheme = perfscore.load("rules/changning/key-projects-2023.yaml")
record = scheme.Record(key_projects=43, started_projects=37)
investment: Decimal = record.planned_investment
result = scheme.score(record)
total: Decimal = result.total
item = result["start_rate"]
if item.status == "not_assesed":  # a misspelt status: never true
    pass
"""


def test_a_client_type_checks_with_mypy_strict(tmp_path: Path) -> None:
    client = tmp_path / "client.py"
    client.write_text(CLIENT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--strict-equality", "--cache-dir",
         str(tmp_path / "cache"), str(client)],
        capture_output=True, text=True, timeout=300, check=False)
    # record fields type-check; the misspelt status is caught by the Literal type
    assert done.stdout.splitlines() == [
        f"{client}:11: error: Non-overlapping equality check (left operand type: "
        "\"Literal['scored', 'not_assessed', 'not_applicable']\", right operand type: "
        "\"Literal['not_assesed']\")  [comparison-overlap]",
        "Found 1 error in 1 file (checked 1 source file)"]


def test_an_id_field_of_none_names_no_row() -> None:
    """``Rejection.id`` is the id field's value, or None (docs/api.md): a record whose id
    field holds None was named ``'None'``."""
    scheme = perfscore.loads(TYPED)
    rejected, named = scheme.score_many([{"id": None, "n": "abc"}, {"id": 7, "n": "abc"}],
                                        id_field="id")
    assert isinstance(rejected, perfscore.Rejection) and isinstance(named, perfscore.Rejection)
    assert (rejected.id, named.id) == (None, "7")


def test_a_result_is_unhashable_as_its_items_are() -> None:
    """Equal by content, so not hashable: the frozen dataclass's hash failed on the tree of
    items, saying "unhashable type: 'Tree'", which no user meets otherwise."""
    scheme = perfscore.loads(TYPED)
    result = scheme.score({"n": 5})
    assert result == scheme.score({"n": 5})
    with pytest.raises(TypeError, match="unhashable type: 'Result'"):
        hash(result)


def test_properties_checked_on_no_record_are_refused_in_our_words() -> None:
    """``examples=0`` failed inside hypothesis with its own InvalidArgument for every
    property; the CLI's ``--examples`` refuses 0 already."""
    scheme = perfscore.load("changning.key-projects@2023")
    assert scheme.spec.properties
    with pytest.raises(perfscore.UsageError) as refused:
        scheme.check_properties(examples=0)
    assert refused.value.message == "checking `properties` takes at least 1 record each, not 0"
