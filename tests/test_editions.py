"""Editions (SPEC §4): extends, merge by id and name, remove, diff, impact, installed schemes."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import perfscore
from perfscore._batch.readers import read_rows
from perfscore._cli import main
from perfscore._report.diff import diff
from perfscore._report.impact import impact
from tests.conftest import ROOT

BASE = """\
perfscore: 1
id: test.editions
edition: 2023
title: base
inputs:
  a: {type: number, label: 甲}
  b: {type: number, label: 乙}
checks:
  - {rule: "a >= 0", message: 甲不能为负}
indicators:
  - id: out
    name: 产出
    children:
      - id: x
        name: X
        points: 60
        value: a
        score:
          tiers:
            - {if: ">= 10", points: 60}
            - {else: 0}
      - id: y
        name: Y
        points: 40
        value: b
        target: 10
        score: ratio
grades:
  - {min: 60, label: 合格}
  - {min: 0, label: 不合格}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write(tmp_path, "base.yaml", BASE)


def test_child_replaces_the_keys_it_gives_and_keeps_the_rest(tmp_path: Path, base: Path) -> None:
    child = write(tmp_path, "child.yaml", """\
        perfscore: 1
        extends: base.yaml
        edition: 2024
        indicators:
          - id: x
            score:
              tiers:
                - {if: ">= 20", points: 60}
                - {else: 0}
        """)
    scheme = perfscore.load(child)
    assert (scheme.id, scheme.edition, scheme.title) == ("test.editions", "2024", "base")
    result = scheme.score({"a": 15, "b": 10})
    assert result["x"].points == 0  # 15 no longer reaches the raised tier
    assert result["x"].name == "X"  # name inherited
    assert result["y"].points == 40


def test_new_indicator_goes_under_a_branch_and_remove_drops_one(tmp_path: Path,
                                                                 base: Path) -> None:
    child = write(tmp_path, "child.yaml", """\
        perfscore: 1
        extends: base.yaml
        edition: 2024
        inputs:
          c: {type: bool}
        indicators:
          - id: z
            under: out
            name: Z
            points: 40
            score: {checklist: {c: 40}}
        remove: [y]
        """)
    scheme = perfscore.load(child)
    assert [n.id for n in scheme.indicators[0].children] == ["x", "z"]
    assert "b" not in scheme.inputs  # only y read it
    assert scheme.score({"a": 10, "c": True}).total == 100


def test_a_chain_of_three_merges_in_order(tmp_path: Path, base: Path) -> None:
    write(tmp_path, "mid.yaml", """\
        perfscore: 1
        extends: base.yaml
        edition: 2024
        grades:
          - {min: 80, label: 合格}
        """)
    top = write(tmp_path, "top.yaml", """\
        perfscore: 1
        extends: mid.yaml
        edition: 2025
        title: top
        """)
    scheme = perfscore.load(top)
    assert (scheme.edition, scheme.title) == ("2025", "top")
    assert scheme.grades == ((Decimal(80), "合格"), (Decimal(0), "不合格"))  # merged by label


def test_cases_are_never_inherited(tmp_path: Path) -> None:
    base = write(tmp_path, "base.yaml", BASE + textwrap.dedent("""\
        cases:
          - {name: c, input: {a: 1, b: 1}, expect: {total: 4}}
        """))
    assert len(perfscore.load(base).cases) == 1
    child = write(tmp_path, "child.yaml", "perfscore: 1\nextends: base.yaml\nedition: 2024\n")
    assert perfscore.load(child).cases == ()


def test_a_cycle_names_the_files(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "perfscore: 1\nextends: b.yaml\n")
    write(tmp_path, "b.yaml", "perfscore: 1\nextends: a.yaml\n")
    with pytest.raises(perfscore.SchemeError) as caught:
        perfscore.load(tmp_path / "a.yaml")
    assert caught.value.code == "PS022"
    assert "a.yaml → " in caught.value.message and caught.value.message.endswith("a.yaml")
    assert (caught.value.line, caught.value.column) == (2, 10)


def test_extends_cannot_leave_the_scheme_folder(tmp_path: Path) -> None:
    inner = tmp_path / "pack"
    inner.mkdir()
    write(tmp_path, "outside.yaml", BASE)
    child = write(inner, "child.yaml", "perfscore: 1\nextends: ../outside.yaml\n")
    with pytest.raises(perfscore.SchemeError) as caught:
        perfscore.load(child)
    assert caught.value.code == "PS021"
    assert perfscore.load(child, root=str(tmp_path)).title == "base"


def test_errors_point_into_the_file_that_wrote_them(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE.replace("value: b\n", "value: bb\n"))
    child = write(tmp_path, "child.yaml", """\
        perfscore: 1
        extends: base.yaml
        edition: 2024
        indicators:
          - id: x
            value: aa
        """)
    with pytest.raises(perfscore.SchemeError) as caught:
        perfscore.load(child)
    found = {(Path(e.file or "").name, e.line, e.message) for e in caught.value.errors}
    assert found == {("child.yaml", 6, "unknown name 'aa'"),
                     ("base.yaml", 25, "unknown name 'bb'")}


def test_an_override_of_a_missing_id_suggests_the_closest(tmp_path: Path, base: Path) -> None:
    child = write(tmp_path, "child.yaml", """\
        perfscore: 1
        extends: base.yaml
        indicators:
          - id: xx
            points: 50
        remove: [yy]
        """)
    with pytest.raises(perfscore.SchemeError) as caught:
        perfscore.load(child)
    errors = {(e.code, e.line, e.suggestion) for e in caught.value.errors}
    assert errors == {("PS025", 4, "did you mean 'x'?"), ("PS027", 6, "did you mean 'y'?")}


def test_show_prints_the_merged_scheme_with_origins_and_it_loads(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(ROOT / "rules/changning/key-projects-2024.yaml")]) == 0
    text = capsys.readouterr().out
    assert "edition: 2024  # key-projects-2024.yaml:8" in text
    assert 'id: "changning.key-projects"  # key-projects-2023.yaml:15' in text
    assert "project_share" not in text.replace("large_project_share", "")
    merged = write(tmp_path, "merged.yaml", text)
    record = {"key_projects": 43, "started_projects": 37, "planned_investment": "106.1",
              "completed_investment": "104.5", "tech_committed": "88.02",
              "tech_completed": "89.32", "basic_spending": "99.35", "project_spending": "62.75",
              "authorised_staff": 12, "actual_staff": 7, "large_project_share": "0.801"}
    assert perfscore.load(merged).score(record).total == Decimal("85.07")


SHARE = "5000万元及以上项目投资占全市固投比重"
TITLE = "常宁市重点建设项目事务中心 {} 年度整体支出绩效自评"


def test_diff_lists_each_kind_of_change() -> None:
    old = perfscore.load("changning.key-projects@2023")
    new = perfscore.load("changning.key-projects@2024")
    found = [(c.section, c.kind, c.id, c.facet, c.old, c.new) for c in diff(old, new)]
    assert found == [
        ("indicator", "changed", "start_rate", "tiers[0]", ">= 0.95 → 20", ">= 0.98 → 20"),
        ("indicator", "changed", "start_rate", "tiers[1]", "[0.85, 0.95) → 16",
         "[0.90, 0.98) → 16"),
        ("indicator", "changed", "start_rate", "tiers[2]", "[0.70, 0.85) → 10",
         "[0.75, 0.90) → 10"),
        ("indicator", "added", "large_project_share", None, None, SHARE),
        ("indicator", "removed", "project_share", None, "项目支出占比", None),
        ("input", "added", "large_project_share", None, None, SHARE),
        ("scheme", "changed", "scheme", "edition", "2023", "2024"),
        ("scheme", "changed", "scheme", "title", TITLE.format(2023), TITLE.format(2024)),
    ]


def test_diff_names_renames_points_methods_targets_grades(tmp_path: Path, base: Path) -> None:
    child = write(tmp_path, "child.yaml", """\
        perfscore: 1
        extends: base.yaml
        indicators:
          - {id: x, name: X2, points: 50, score: {deduct: {below: 10, per: 1, points: 5}}}
          - {id: y, target: 12, points: 50}
        grades:
          - {min: 70, label: 合格}
        """)
    changes = {(c.id, c.facet): (c.old, c.new) for c in diff(perfscore.load(base),
                                                              perfscore.load(child))}
    assert changes[("x", "name")] == ("X", "X2")
    assert changes[("x", "points")] == ("60", "50")
    assert changes[("x", "method")] == ("tiers", "deduct")
    assert changes[("x", "deduct.per")] == (None, "1")
    assert changes[("x", "tiers[0]")] == (">= 10 → 60", None)
    assert changes[("y", "target")] == ("10", "12")
    assert ("out", "points") not in changes  # 50 + 50 is still 100
    assert changes[("合格", "min")] == ("60", "70")


def test_impact_of_the_2024_edition_on_the_example_units() -> None:
    old = perfscore.load("changning.key-projects@2023")
    new = perfscore.load("changning.key-projects@2024")
    units, summary = impact(old, new, read_rows(str(ROOT / "examples/units-2023.yaml")))
    by_id = {u.id: u for u in units}
    # changning, by hand: 2023 → 65.55 / 70 × 100 = 93.64 (优); 2024: start rate 86.05% falls
    # to the [75%, 90%) tier (10 instead of 16), project_share (5) is replaced by
    # large_project_share 80.1% ≥ 80% (5): 59.55 / 70 × 100 = 85.07 (良); delta −8.57.
    seed = by_id["changning"]
    assert seed.old.result is not None and seed.new.result is not None
    assert (seed.old.result.total, seed.old.result.grade) == (Decimal("93.64"), "优")
    assert (seed.new.result.total, seed.new.result.grade) == (Decimal("85.07"), "良")
    assert seed.delta == Decimal("-8.57")
    # unit-d, by hand: 12/12 = 100% stays in the top tier; every indicator is full except
    # budget execution 98/100 → 9.8 and satisfaction 95% ≥ 90% → 10; key_work absent:
    # 2023: (20+30+10+5+5+10+9.8) / 90 × 100 = 89.8/90 = 99.78; 2024 the same (share 85% → 5).
    unit_d = by_id["unit-d"]
    assert unit_d.old.result is not None and unit_d.old.result.total == Decimal("99.78")
    assert unit_d.delta == 0
    assert by_id["unit-f"].old.result is None  # started > listed: rejected under both
    assert [u.id for u in units][:2] == ["unit-e", "changning"]  # largest change first
    assert (summary.units, summary.scored, summary.grade_up, summary.grade_down) == (6, 5, 0, 2)
    assert summary.mean_delta == Decimal("-4.83")


def test_impact_cli_writes_csv_with_every_unit(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["impact", "changning.key-projects@2023", "changning.key-projects@2024",
                 str(ROOT / "examples/units-2023.yaml"), "--format", "csv", "--lang", "en"])
    assert code == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0] == "unit,old total,old grade,new total,new grade,delta,moved"
    assert len(lines) == 7
    assert lines[2].startswith("changning,93.64,优,85.07,良,-8.57,")


IMPACT = ["impact", "changning.key-projects@2023", "changning.key-projects@2024"]


def test_impact_sums_up_each_edition_as_batch_does(capsys: pytest.CaptureFixture[str]) -> None:
    units = str(ROOT / "examples/units-2023.yaml")
    assert main([*IMPACT, units, "--format", "markdown"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # 2023: 93.64 + 98.06 + 61.88 + 99.78 + 93.71 = 447.07 ÷ 5 = 89.414; 2024 as `batch`
    # sums it up: 85.07 + 93.89 + 61.88 + 99.78 + 82.29 = 422.91 ÷ 5 = 84.582
    assert lines[-4:] == [
        "", "6 个单位，5 个两版均可评分；自评等级上升 0，下降 2；平均变化 -4.83 分  ",
        "原版（changning.key-projects@2023）：评分 5 个，退回 1 个；按等级：优 4 个、良 0 个、"
        "中 1 个、差 0 个；平均分 89.41，最高分 99.78，最低分 61.88  ",
        "新版（changning.key-projects@2024）：评分 5 个，退回 1 个；按等级：优 2 个、良 2 个、"
        "中 1 个、差 0 个；平均分 84.58，最高分 99.78，最低分 61.88  "]
    assert main([*IMPACT, units, "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["new"] == {
        "scored": 5, "rejected": 1, "mean": 84.58, "highest": 99.78, "lowest": 61.88,
        "grades": [{"grade": "优", "units": 2}, {"grade": "良", "units": 2},
                   {"grade": "中", "units": 1}, {"grade": "差", "units": 0}]}
    assert summary["old"]["mean"] == 89.41


def test_impact_refuses_a_column_neither_edition_declares_and_suggests_id_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "units.csv"
    source.write_text("单位,列入重点项目个数,开复工项目个数,年度计划投资,完成投资,科技产业类项目年度承诺投资,"
                      "科技产业类项目完成投资,基本支出,项目支出,核定编制数,实有在编人数,"
                      "5000万元及以上项目投资占全市固投比重\n"
                      "常宁,43,37,106.1,104.5,88.02,89.32,99.35,62.75,12,7,80.1%\n",
                      encoding="utf-8")
    assert main([*IMPACT, str(source), "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert err == ("perfscore: 「单位」列不是方案的输入，各行将因此被退回："
                   "如该列为单位名称，请加 --id-field 单位\n")
    assert out.splitlines()[1] == "1,退回,'单位': 方案未声明此字段,退回,'单位': 方案未声明此字段,,"
    assert main([*IMPACT, str(source), "--format", "csv", "--id-field", "单位"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines()[1].startswith("常宁,93.64,优,85.07,良,-8.57,")


def test_impact_from_python_refuses_a_field_neither_edition_declares() -> None:
    record = {"key_projects": 43, "started_projects": 37, "planned_investment": 106.1,
              "completed_investment": 104.5, "tech_committed": 88.02, "tech_completed": 89.32,
              "basic_spending": 99.35, "project_spending": 62.75, "authorised_staff": 12,
              "actual_staff": 7, "large_project_share": 0.801}
    (unit,), _ = perfscore.impact(*IMPACT[1:], [{**record, "项目名称": "常宁"}])
    assert unit.old.errors == unit.new.errors == ("'项目名称': 方案未声明此字段",)
    (unit,), _ = perfscore.impact(*IMPACT[1:], [{**record, "项目名称": "常宁"}],
                                  id_field="项目名称")
    assert (unit.id, unit.delta) == ("常宁", Decimal("-8.57"))


def test_impact_counts_not_applicable_as_score_does(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """不适用 and 偏差原因 were left out for both editions, so a unit's totals in ``impact``
    differed from what ``score`` gives it; a note about an indicator only one edition has
    (project_share, which 2024 replaced) counts under that edition alone."""
    record = {"key_projects": 43, "started_projects": 37, "planned_investment": 106.1,
              "completed_investment": 104.5, "tech_committed": 88.02, "tech_completed": 89.32,
              "basic_spending": 99.35, "project_spending": 62.75, "authorised_staff": 12,
              "actual_staff": 7, "large_project_share": 0.801,
              "not_applicable": {"科技产业类项目投资完成率": "无科技项目",  # by its name
                                 "project_share": "不适用"}}
    (unit,), _ = perfscore.impact(*IMPACT[1:], [record])
    old, new = (perfscore.load(edition) for edition in IMPACT[1:])
    by_edition = {edition: {k: v for k, v in record.items() if k in scheme.inputs or k in (
        "not_applicable",)} for edition, scheme in zip(IMPACT[1:], (old, new), strict=True)}
    notes = {k: v for k, v in record["not_applicable"].items() if k != "project_share"}
    by_edition[IMPACT[2]]["not_applicable"] = notes
    assert unit.old.result is not None and unit.new.result is not None
    assert unit.old.result.total == old.score(by_edition[IMPACT[1]]).total
    assert unit.new.result.total == new.score(by_edition[IMPACT[2]]).total
    assert unit.old.result["tech_investment"].status == "not_applicable"
    assert unit.old.result["project_share"].status == "not_applicable"
    source = tmp_path / "units.jsonl"
    source.write_text(json.dumps({"id": "u", "key_projects": 1}) + "\n", encoding="utf-8")
    assert main([*IMPACT, str(source), "--format", "csv", "--lang", "en"]) == 0
    assert "required field is missing" in capsys.readouterr().out  # --lang's words


def test_diff_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "changning.key-projects@2023", "changning.key-projects@2024",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0] == {"section": "indicator", "kind": "changed", "id": "start_rate",
                       "facet": "tiers[0]", "old": ">= 0.95 → 20", "new": ">= 0.98 → 20"}


def test_installed_schemes_load_by_id_and_edition() -> None:
    assert perfscore.load("changning.key-projects").edition == "2024"  # the latest
    assert perfscore.load("changning.key-projects@2023").edition == "2023"
    with pytest.raises(perfscore.UsageError) as caught:
        perfscore.load("changning.key-project")
    assert caught.value.suggestion == "did you mean 'changning.key-projects'?"


def test_list_shows_installed_editions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "changning.key-projects" in out and "2023" in out and "2024" in out


def test_the_wheel_carries_the_bundled_rules(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("perfscore-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "perfscore/rules/changning/key-projects-2023.yaml" in names
    assert "perfscore/rules/changning/key-projects-2024.yaml" in names
    for pack in ("mof/project-self-evaluation-2020.yaml", "hunan/department-overall-2022.yaml",
                 "hunan/cases/department-overall-2022.yaml",
                 "changning/department-overall-2023.yaml",
                 "changning/cases/department-overall-2023.yaml"):
        assert f"perfscore/rules/{pack}" in names


EDITION_HEAD = "perfscore: 1\nextends: changning.key-projects@2023\nedition: \"2030\"\n"


@pytest.mark.parametrize(("body", "said"), [
    ("remove: [[start_rate]]", "4:10: error: `remove` is a list of indicator ids"),
    ("remove_inputs: [{a: 1}]", "4:17: error: `remove_inputs` is a list of input names"),
    ("grades: [{min: 70, label: [x]}]", "4:27: error: Input should be a valid string"),
    ("checks: [{rule: '1 > 0', message: [x]}]", "4:35: error: Input should be a valid string"),
    ("indicators: [{id: n, name: N, points: 5, value: key_projects, score: ratio, "
     "under: [x]}]", "4:84: error: `under: x` names no branch of the base scheme"),
])
def test_an_edition_s_malformed_value_is_its_error_not_a_crash(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str, said: str) -> None:
    """A list or mapping where an edition names an indicator, an input or a grade broke the
    merge with a TypeError (``perfscore: internal error``, exit 3)."""
    path = tmp_path / "e.yaml"
    path.write_text(EDITION_HEAD + body + "\n", encoding="utf-8")
    assert main(["check", str(path), "--lang", "en"]) == 2
    assert capsys.readouterr().err == f"{path}:{said}\n"


def test_an_edition_adds_a_grade_where_its_min_puts_it(tmp_path: Path) -> None:
    """Grades merge by label, a new label added (docs/editions.md): 中上 at 70 went after 差
    at 0, and the scheme was refused as not listing its grades highest first."""
    path = tmp_path / "e.yaml"
    path.write_text(EDITION_HEAD + "grades: [{min: 70, label: 中上}]\n", encoding="utf-8")
    assert [label for _, label in perfscore.load(path).grades] == ["优", "良", "中上", "中", "差"]
