"""Testing rule files (issue 4): ``perfscore test`` with failing-case diffs, rule-path coverage,
declared properties checked on generated records, cases in their own file, the
``perfscore.testing.records`` strategy and the pytest plugin."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import perfscore
from perfscore._source.format import Case
from perfscore._testing.properties import check_properties
from perfscore._testing.strategies import plan_of
from perfscore.testing import records
from tests.conftest import run

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
BUNDLED = RULES / "changning" / "key-projects-2023.yaml"

# A small scheme whose line numbers the tests below rely on: `completion` is on line 14, its
# `score` on 20, the tiers of `quality` on lines 28-30, the check on line 11, the grades on
# lines 32-33; anything appended starts on line 34.
DEMO = """\
perfscore: 1
id: demo.testing
edition: 2024
title: 测试方案
inputs:
  done: {type: integer, min: 0, label: 完成数}
  planned: {type: integer, min: 0, label: 计划数}
  rate: {type: percent, min: 0, max: 1, label: 达标率}
  level: {type: choice, options: [好, 中, 差], required: false}
checks:
  - rule: done <= planned
    message: 完成数不能多于计划数
indicators:
  - id: completion
    name: 完成率
    points: 60
    value: done / planned
    target: 1
    unit: percent
    score: ratio
  - id: quality
    name: 达标率
    points: 40
    value: rate
    unit: percent
    score:
      tiers:
        - {if: ">= 0.9", points: 40}
        - {if: "[0.8, 0.9)", points: 30}
        - {else: 0}
grades:
  - {min: 90, label: 优}
  - {min: 0, label: 其他}
"""

ALL_MET = {"done": 10, "planned": 10, "rate": "95%"}  # completion 60, quality 40: total 100




def scheme_file(folder: Path, extra: str = "", text: str = DEMO,
                name: str = "demo.yaml") -> Path:
    path = folder / name
    path.write_text(text + textwrap.dedent(extra), encoding="utf-8")
    return path


def cases_yaml(*cases: dict[str, Any]) -> str:
    return yaml.safe_dump({"cases": list(cases)}, allow_unicode=True, sort_keys=False)


# --- failing cases ---------------------------------------------------------------------------


def test_a_failing_case_prints_item_expected_got_and_explanation(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = scheme_file(tmp_path, cases_yaml(
        {"name": "全部达标", "input": ALL_MET, "expect": {"total": 100, "grade": "优"}},
        {"name": "达标率 85%", "input": {**ALL_MET, "rate": 0.85},
         "expect": {"total": 100, "items": {"quality": 40, "completion": 60}}}))
    code, out, _ = run(capsys, "test", path)
    assert code == 1
    assert out.splitlines() == [
        f"PASS {path}:35: 全部达标",
        f"FAIL {path}:43: 达标率 85%",
        "  total: expected 100, got 90",
        "      lost points: quality −10",
        "  quality (达标率): expected 40, got 30",
        "      达标率 85%，处于 80%（含）—90% 档，得 30 分（满分 40 分）。"
        "再提高 5 个百分点可达到 ≥90% 档，可多得 10 分。",
        "1 passed, 1 failed",
    ]


def test_rejection_mismatches_say_what_happened(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    path = scheme_file(tmp_path, cases_yaml(
        {"name": "以为会被拒绝", "input": ALL_MET, "expect": {"rejected": "不能多于"}},
        {"name": "没想到被拒绝", "input": {**ALL_MET, "done": 11}, "expect": {"total": 100}},
        {"name": "拒绝原因不对", "input": {**ALL_MET, "done": 11},
         "expect": {"rejected": "不能为负"}}))
    code, out, _ = run(capsys, "test", path)
    assert code == 1
    assert [line for line in out.splitlines() if not line.startswith("FAIL")] == [
        "  record: expected rejected with '不能多于', got a score of 100",
        "  record: expected a score, got rejected: 完成数不能多于计划数",
        "  record: expected rejected with '不能为负', got rejected: 完成数不能多于计划数",
        "0 passed, 3 failed",
    ]


# --- cases in their own file ------------------------------------------------------------------


def test_cases_can_live_in_their_own_file(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "2024.yaml").write_text(yaml.safe_dump(
        [{"name": "全部达标", "input": ALL_MET, "expect": {"total": 100}}],
        allow_unicode=True), encoding="utf-8")
    path = scheme_file(tmp_path, "cases: cases/2024.yaml\n")
    scheme = perfscore.load(path)
    assert [c.name for c in scheme.cases] == ["全部达标"]
    code, out, _ = run(capsys, "test", path)
    assert (code, out) == (0, f"PASS {tmp_path / 'cases' / '2024.yaml'}:1: 全部达标\n"
                              "1 passed, 0 failed\n")


def test_errors_in_a_cases_file_point_into_that_file(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("- name: 全部达标\n  input: {done: 1, planned: 1, rate: 1}\n"
                     "  expect: {totl: 100}\n", encoding="utf-8")
    path = scheme_file(tmp_path, "cases: cases.yaml\n")
    code, _, err = run(capsys, "test", path)
    assert code == 2
    assert err == f"{cases}:3:12: error: 未知的键「totl」 (是否应为「total」？)\n"


@pytest.mark.parametrize(("value", "message"), [
    ("missing.yaml", "`cases`：找不到文件 {folder}/missing.yaml"),
    ("../outside.yaml", "`cases: ../outside.yaml` 超出了允许的目录 {folder}"),
])
def test_a_cases_file_must_exist_inside_the_scheme_folder(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, value: str, message: str) -> None:
    folder = tmp_path / "rules"
    folder.mkdir()
    (tmp_path / "outside.yaml").write_text("[]\n", encoding="utf-8")
    path = scheme_file(folder, f"cases: {value}\n")
    code, _, err = run(capsys, "test", path)
    assert code == 2
    assert err == f"{path}:34:8: error: {message.format(folder=folder)}\n"
    scheme = perfscore.load(path)  # scoring never needs the cases, so the scheme loads
    assert scheme.score(ALL_MET).total == 100


# --- coverage -----------------------------------------------------------------------------------


def test_coverage_lists_every_uncovered_rule_path_with_its_line(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = scheme_file(tmp_path, cases_yaml(
        {"name": "全部达标", "input": ALL_MET, "expect": {"total": 100}}))
    code, out, _ = run(capsys, "test", path, "--coverage")
    assert code == 0  # --coverage reports, --min-coverage judges
    assert out.splitlines()[1:] == [
        f"coverage {path}: 3 of 9 rule paths (33.3%)",
        f"  not covered: {path}:20: completion: below target",
        f"  not covered: {path}:14: completion: not assessed",
        f"  not covered: {path}:29: quality: tier 1 (if [0.8, 0.9))",
        f"  not covered: {path}:30: quality: tier 2 (else)",
        f"  not covered: {path}:33: grade 其他",
        f"  not covered: {path}:11: check fails: 完成数不能多于计划数",
        "1 passed, 0 failed",
    ]


def test_min_coverage_fails_below_the_threshold(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    path = scheme_file(tmp_path, cases_yaml(
        {"name": "全部达标", "input": ALL_MET, "expect": {"total": 100}}))
    code, out, _ = run(capsys, "test", path, "--min-coverage", "33.3")  # 3 of 9
    assert code == 0
    code, out, _ = run(capsys, "test", path, "--min-coverage", "33.4")
    assert code == 1
    assert "  coverage 33.3% is below --min-coverage 33.4" in out.splitlines()


def test_every_path_covered_is_100_percent(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    path = scheme_file(tmp_path, cases_yaml(
        # completion 60, quality 40 (tier 0): total 100, 优
        {"name": "全部达标", "input": ALL_MET, "expect": {"total": 100, "grade": "优"}},
        # completion 60 × 5/10 = 30 (below target); quality 0.85 → tier 1, 30: total 60
        {"name": "一半", "input": {"done": 5, "planned": 10, "rate": 0.85},
         "expect": {"total": 60, "grade": "其他"}},
        # completion 0 / 0 not assessed; quality 0.5 → else 0: total 0 ÷ 40 × 100 = 0
        {"name": "无计划", "input": {"done": 0, "planned": 0, "rate": 0.5},
         "expect": {"total": 0, "status": {"completion": "not_assessed"}}},
        {"name": "拒绝", "input": {"done": 2, "planned": 1, "rate": 1},
         "expect": {"rejected": "不能多于"}}))
    code, out, _ = run(capsys, "test", path, "--min-coverage", "100")
    assert code == 0
    assert f"coverage {path}: 9 of 9 rule paths (100%)" in out.splitlines()


def test_a_failing_case_covers_nothing(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    path = scheme_file(tmp_path, cases_yaml(
        {"name": "期望有误", "input": ALL_MET, "expect": {"total": 99}}))
    code, out, _ = run(capsys, "test", path, "--coverage")
    assert code == 1
    assert f"coverage {path}: 0 of 9 rule paths (0%)" in out.splitlines()


def test_the_bundled_schemes_pass_with_full_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "test", RULES, "--min-coverage", "100", "--examples", "15")
    assert (code, err) == (0, "")
    # changning 2023 and 2024 (with its cases file), and the 1.1 packs: the MOF project table,
    # the Hunan frame, and the Changning edition of it
    assert out.count("rule paths (100%)") == 5
    assert re.search(r"^(\d+) passed, 0 failed$", out, re.MULTILINE)
    assert "property increasing: start_rate in started_projects" in out


def test_a_folder_without_schemes_is_an_error(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    (tmp_path / "record.yaml").write_text("done: 1\n", encoding="utf-8")
    code, _, err = run(capsys, "test", tmp_path)
    assert code == 2
    assert err == (f"{tmp_path}: error: no scheme files (YAML with a top-level `perfscore:` "
                   f"key) under {tmp_path}\n")


@pytest.mark.parametrize("argv", [["--examples", "0"], ["--min-coverage", "101"],
                                  ["--min-coverage", "x"], ["--seed", "x"]])
def test_bad_test_options_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, _, err = run(capsys, "test", BUNDLED, *argv)
    assert code == 2
    assert "perfscore: error: argument" in err


# --- declared properties ----------------------------------------------------------------------

NON_MONOTONE = DEMO.replace('{if: ">= 0.9", points: 40}', '{if: ">= 0.9", points: 30}').replace(
    '{if: "[0.8, 0.9)", points: 30}', '{if: "[0.8, 0.9)", points: 40}')
MONOTONE_PROPERTY = "properties:\n  - increasing: {indicator: quality, in: rate}\n"


def test_a_property_finds_a_deliberately_non_monotone_tier(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = scheme_file(tmp_path, MONOTONE_PROPERTY, text=NON_MONOTONE)
    code, out, _ = run(capsys, "test", path)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"FAIL {path}:35: property increasing: quality in rate (100 examples)"
    found = re.fullmatch(r"  raising rate from ([\d.]+) to ([\d.]+) lowered quality from 40 "
                         r"to 30", lines[1])
    assert found, lines[1]
    low, high = (Decimal(v) for v in found.groups())
    assert Decimal("0.8") <= low < Decimal("0.9") <= high  # across the swapped tiers
    assert lines[-2] == "  (seed 0, 100 examples; rerun with --seed 0 to reproduce)"
    assert lines[-1] == "0 passed, 1 failed"


def test_the_counterexample_pastes_into_cases(tmp_path: Path) -> None:
    path = scheme_file(tmp_path, MONOTONE_PROPERTY, text=NON_MONOTONE)
    (outcome,) = check_properties(perfscore.load(path))
    assert outcome.counterexample is not None
    pasted = yaml.safe_load(outcome.counterexample.to_yaml())
    cases = [Case.model_validate(c) for c in pasted]
    assert [c.expect.items for c in cases] == [{"quality": 40}, {"quality": 30}]
    # pasted under `cases:` of the scheme they pass as written (they hold what it gives now)
    text = "\n".join(f"  {line}" for line in outcome.counterexample.to_yaml().splitlines())
    with_cases = scheme_file(tmp_path, MONOTONE_PROPERTY + "cases:\n" + text + "\n",
                             text=NON_MONOTONE, name="pasted.yaml")
    assert [o.passed for o in perfscore.load(with_cases).run_cases()] == [True, True]
    # and once the tiers are fixed, the property holds
    fixed = scheme_file(tmp_path, MONOTONE_PROPERTY, name="fixed.yaml")
    assert [o.problem for o in check_properties(perfscore.load(fixed))] == [None]


def test_property_checks_reproduce_from_their_seed(tmp_path: Path) -> None:
    scheme = perfscore.load(scheme_file(tmp_path, MONOTONE_PROPERTY, text=NON_MONOTONE))
    first = check_properties(scheme, seed=7, examples=40)
    again = check_properties(scheme, seed=7, examples=40)
    assert first == again
    assert first[0].seed == 7 and not first[0].passed


def test_properties_of_every_kind_hold_or_fail_as_declared(tmp_path: Path) -> None:
    path = scheme_file(tmp_path, """\
        properties:
          - increasing: {indicator: completion, in: done}
          - decreasing: {indicator: completion, in: planned}
          - independent: {indicator: completion, of: rate}
          - bounded: total
          - decreasing: {indicator: completion, in: done}
          - independent: {indicator: total, of: level}
        """)
    outcomes = check_properties(perfscore.load(path), examples=50)
    assert [o.passed for o in outcomes] == [True, True, True, True, False, True]
    problem = outcomes[4].problem
    assert problem is not None and re.fullmatch(
        r"raising done from \d+ to \d+ raised completion from [\d.]+ to [\d.]+", problem)


def test_independence_fails_when_the_input_matters(tmp_path: Path) -> None:
    path = scheme_file(tmp_path, "properties:\n  - independent: {indicator: total, of: rate}\n")
    (outcome,) = check_properties(perfscore.load(path), examples=50)
    assert outcome.problem is not None
    assert re.fullmatch(r"changing rate from [\d.]+ to [\d.]+ changed total from [\d.]+ to "
                        r"[\d.]+", outcome.problem)


def test_a_scoring_error_is_a_property_failure(tmp_path: Path) -> None:
    # round() takes 0 to 10 places: a scheme that lets a record choose more is at fault
    broken = DEMO.replace('{if: ">= 0.9", points: 40}',
                          '{if: "round(rate, done) >= 0.9", points: 40}')
    path = scheme_file(tmp_path, "properties:\n  - bounded: quality\n", text=broken)
    (outcome,) = check_properties(perfscore.load(path), examples=50)
    assert outcome.problem is not None
    assert outcome.problem.startswith("scoring failed: ")
    assert "round(rate, done) >= 0.9" in outcome.problem
    assert "round(x, n) needs a whole n from 0 to 10" in outcome.problem


@pytest.mark.parametrize(("extra", "message"), [
    ("  - increasing: {indicator: qualty, in: rate}\n",
     "35:29: error: 性质声明中的指标「qualty」不存在 (是否应为「quality」？)"),
    ("  - bounded: totl\n",
     "35:14: error: 性质声明中的指标「totl」不存在 (是否应为「total」？)"),
    ("  - increasing: {indicator: quality, in: rat}\n",
     "35:42: error: 性质声明中的输入「rat」不存在 (是否应为「rate」？)"),
    ("  - decreasing: {indicator: quality, in: level}\n",
     "35:42: error: `decreasing` 需要 number、integer 或 percent 类型的输入，而「level」是 choice"),
    ("  - independent: {indicator: quality, of: levels}\n",
     "35:43: error: 性质声明中的输入「levels」不存在 (是否应为「level」？)"),
    ("  - increasing: {indicator: quality}\n",
     "35:17: error: 缺少必填的键「in」"),
    ("  - increasing: {indicator: quality, in: rate}\n    bounded: total\n",
     "35:5: error: 每条性质只能写一种：increasing、decreasing、independent、bounded"),
])
def test_properties_are_checked_when_the_scheme_loads(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, extra: str, message: str) -> None:
    path = scheme_file(tmp_path, "properties:\n" + extra)
    code, _, err = run(capsys, "check", path)
    assert (code, err) == (2, f"{path}:{message}\n")


def test_properties_need_hypothesis(capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "hypothesis", None)  # as if it were not installed
    for name in ("perfscore._testing.falsify", "perfscore._testing.strategies",
                 "perfscore.testing"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    with_properties = scheme_file(tmp_path, "properties:\n  - bounded: total\n")
    code, _, err = run(capsys, "test", with_properties)
    assert (code, err) == (2, f"{with_properties}: error: checking `properties` needs "
                              "hypothesis: pip install 'perfscore[testing]'\n")
    without = scheme_file(tmp_path, cases_yaml(
        {"name": "全部达标", "input": ALL_MET, "expect": {"total": 100}}), name="plain.yaml")
    assert run(capsys, "test", without)[0] == 0  # cases alone need nothing more
    with pytest.raises(ModuleNotFoundError, match=r"perfscore.testing needs hypothesis: "
                                                  r"pip install 'perfscore\[testing\]'"):
        import perfscore.testing  # noqa: F401


# --- the records strategy ----------------------------------------------------------------------

EVERY_TYPE = """\
perfscore: 1
id: demo.types
edition: 1
title: every input type
inputs:
  visits: {type: integer, min: 0}
  limit: {type: integer, min: 1, max: 50}
  budget: {type: number, min: 0}
  spent: {type: number, min: 0}
  change: {type: number}
  share: {type: percent, min: 0, max: 1, required: false}
  flag: {type: bool}
  note: {type: text, required: false}
  kind: {type: choice, options: [甲, 乙], default: 甲}
  projects:
    type: list
    of:
      planned: {type: number, min: 0}
      done: {type: bool, required: false}
let:
  total: budget + spent
checks:
  - {rule: visits <= limit, message: c1}
  - {rule: spent <= budget * 1.2, message: c2}
  - {rule: total > 0, message: c3}
  - {rule: -5 < change < 5 and change != 1, message: c4}
  - {rule: visits * visits <= 100, message: c5}
  - {rule: share >= 0.5, message: c6}
indicators:
  - {id: a, name: a, points: 50, value: spent / budget, target: 1, score: ratio}
  - {id: b, name: b, points: 50, value: "sum(p.planned for p in projects)",
     score: {linear: [[0, 0], [100, 50]]}}
"""


TYPES = perfscore.loads(EVERY_TYPE)
BUNDLED_SCHEME = perfscore.load(BUNDLED)


@given(st.data())
@settings(max_examples=60, deadline=None)
def test_generated_records_always_validate_and_pass_every_check(data: st.DataObject) -> None:
    for scheme in (TYPES, BUNDLED_SCHEME):
        record = data.draw(records(scheme))
        scheme.Record.model_validate(record)
        scheme.score(record)  # a failed check would raise RecordError


def test_linear_checks_are_constructed_and_the_rest_filtered() -> None:
    bundled = plan_of(BUNDLED_SCHEME)
    assert not bundled.unrecognised  # every check of the bundled scheme is a bound
    assert len(bundled.constraints) == 3
    types = plan_of(TYPES)
    assert types.unrecognised  # `change != 1` and `visits * visits <= 100` are filtered
    # c1, c2, c3 (through the let), the two sides of -5 < change < 5, and c6
    assert [(dict(c.terms), c.constant, c.op) for c in types.constraints] == [
        ({"visits": 1, "limit": -1}, 0, "<="),
        ({"spent": 1, "budget": Decimal("-1.2")}, 0, "<="),
        ({"budget": 1, "spent": 1}, 0, ">"),
        ({"change": -1}, -5, "<"),
        ({"change": 1}, -5, "<"),
        ({"share": 1}, Decimal("-0.5"), ">="),
    ]


@given(records(BUNDLED_SCHEME, key_projects=43, satisfaction=None,
               work_level=st.sampled_from(["达成年度指标"])))
@settings(max_examples=30, deadline=None)
def test_overrides_fix_fields_and_the_rest_fit_around_them(record: dict[str, Any]) -> None:
    assert record["key_projects"] == 43
    assert 0 <= record["started_projects"] <= 43
    assert "satisfaction" not in record
    assert record["work_level"] == "达成年度指标"


@pytest.mark.parametrize(("overrides", "message"), [
    ({"key_project": 1}, "records(): the scheme has no input 'key_project'"),
    ({"key_projects": None}, "records(): 'key_projects' is required, so it cannot be left out"),
])
def test_bad_overrides_are_usage_errors(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(perfscore.UsageError) as caught:
        records(BUNDLED_SCHEME, **overrides)
    assert caught.value.message == message


# --- the pytest plugin -------------------------------------------------------------------------


def test_the_pytest_plugin_collects_cases_and_properties(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    scheme_file(rules, MONOTONE_PROPERTY + cases_yaml(
        # the swapped tiers give 30 for 95%: completion 60 + quality 30 = 90
        {"name": "全部达标", "input": ALL_MET, "expect": {"total": 90}},
        {"name": "期望有误", "input": ALL_MET, "expect": {"total": 99}}), text=NON_MONOTONE)
    (rules / "broken.yaml").write_text(DEMO.replace("score: ratio", "score: ratoi"),
                                       encoding="utf-8")
    (rules / "record.yaml").write_text("done: 1\n", encoding="utf-8")  # not a scheme: skipped
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--perfscore", "rules",
         "--perfscore-examples", "30", "-q", "-rN", "--continue-on-collection-errors"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    assert "2 failed, 1 passed, 1 error" in out.splitlines()[-1], out
    assert f"{rules / 'broken.yaml'}:20:12: error: unknown key 'ratoi'" in out
    assert "  total: expected 99, got 90\n      lost points: quality −10\n" in out
    assert re.search(r"raising rate from [\d.]+ to [\d.]+ lowered quality from 40 to 30", out)


def test_a_scheme_that_tests_nothing_fails(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    path = scheme_file(tmp_path)
    code, out, _ = run(capsys, "test", path)
    assert code == 1
    assert out.splitlines() == [f"FAIL {path}: no cases and no properties, so nothing was tested",
                                "0 passed, 1 failed"]
