"""Mutation testing of rule files (issue 17): ``perfscore test --mutate``, ``Scheme.mutants()``
and ``Scheme.mutation_score()``; each method's own mutants; the bundled packs kill them all."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

import perfscore
from perfscore._methods import DROP, Deduct, Linear, Mutation
from perfscore._testing.mutate import edited
from tests.conftest import run

ROOT = Path(__file__).resolve().parent.parent

DEMO = """\
perfscore: 1
id: demo.mutate
edition: 2024
title: 演示方案
inputs:
  done: {type: integer, min: 0, label: 完成数}
  planned: {type: integer, min: 1, label: 计划数}
  rate: {type: percent, min: 0, max: 1, label: 达标率}
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
properties:
  - increasing: {indicator: quality, in: rate}
cases:
  - name: 全部达标
    input: {done: 10, planned: 10, rate: 0.95}
    expect: {total: 100}
  - name: 达标率 85%
    input: {done: 8, planned: 10, rate: 0.85}
    expect: {items: {completion: 48, quality: 30}}
"""

KILLERS = """\
  - name: 达标率恰为 80%
    input: {done: 10, planned: 10, rate: 0.8}
    expect: {items: {quality: 30}}
  - name: 达标率 75%
    input: {done: 10, planned: 10, rate: 0.75}
    expect: {items: {quality: 0}}
  - name: 完成数多于计划数
    input: {done: 11, planned: 10, rate: 0.9}
    expect: {rejected: 完成数不能多于计划数}
"""


def test_survivors_are_listed_with_their_place_and_killed_by_new_cases(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(DEMO, encoding="utf-8")
    code, out, _ = run(capsys, "test", path, "--mutate")
    assert code == 0
    assert out.splitlines()[3:] == [
        f"mutation {path}: 10 of 14 mutants killed (71.4%)",
        f"  survived: {path}:28: quality: tiers[1] [0.8, 0.9) → [0.7, 0.9)",
        f"  survived: {path}:28: quality: tiers[1] [0.8, 0.9) → (0.8, 0.9)",
        f"  survived: {path}:29: quality: tiers[2] points 0 → 1",
        f"  survived: {path}:10: check removed: 完成数不能多于计划数",
        "3 passed, 0 failed",
    ]
    code, out, _ = run(capsys, "test", path, "--min-mutation", "90")
    assert code == 1
    assert out.splitlines()[-2] == "  mutation score 71.4% is below --min-mutation 90"
    path.write_text(DEMO + KILLERS, encoding="utf-8")
    code, out, _ = run(capsys, "test", path, "--min-mutation", "100")
    assert code == 0
    assert out.splitlines()[-2:] == [f"mutation {path}: 14 of 14 mutants killed (100%)",
                                     "6 passed, 0 failed"]


def test_a_scheme_whose_own_cases_fail_is_not_mutated(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(DEMO.replace("expect: {total: 100}", "expect: {total: 99}"),
                    encoding="utf-8")
    code, out, _ = run(capsys, "test", path, "--mutate")
    assert code == 1
    assert (f"mutation {path}: not run, since the scheme's own cases or properties fail"
            in out.splitlines())


def test_the_api_gives_the_mutants_and_their_fates() -> None:
    scheme = perfscore.loads(DEMO, file="demo.yaml")
    mutants = scheme.mutants()
    assert [(m.location, m.label) for m in mutants] == [
        ("demo.yaml:19", "completion: cap 1 → 0.9"),
        ("demo.yaml:27", "quality: tiers[0] >= 0.9 → >= 0.8"),
        ("demo.yaml:27", "quality: tiers[0] >= 0.9 → >= 1"),
        ("demo.yaml:27", "quality: tiers[0] >= 0.9 → > 0.9"),
        ("demo.yaml:28", "quality: tiers[1] [0.8, 0.9) → [0.7, 0.9)"),
        ("demo.yaml:28", "quality: tiers[1] [0.8, 0.9) → (0.8, 0.9)"),
        ("demo.yaml:28", "quality: tiers[1] [0.8, 0.9) → [0.8, 1)"),
        ("demo.yaml:28", "quality: tiers[1] [0.8, 0.9) → [0.8, 0.9]"),
        ("demo.yaml:27", "quality: tiers[0] and tiers[1] swap their points (40 ↔ 30)"),
        ("demo.yaml:28", "quality: tiers[1] and tiers[2] swap their points (30 ↔ 0)"),
        ("demo.yaml:27", "quality: tiers[0] points 40 → 39"),
        ("demo.yaml:28", "quality: tiers[1] points 30 → 29"),
        ("demo.yaml:29", "quality: tiers[2] points 0 → 1"),
        ("demo.yaml:10", "check removed: 完成数不能多于计划数"),
    ]
    report = scheme.mutation_score(examples=50)
    assert report.file == "demo.yaml"
    assert (report.killed, len(report.outcomes), report.score) == (10, 14, Fraction(10, 14))
    fates = {o.mutant.label: o.killer for o in report.outcomes}
    assert fates["quality: tiers[0] and tiers[1] swap their points (40 ↔ 30)"] == (
        "case 全部达标")
    assert fates["quality: tiers[0] >= 0.9 → >= 0.8"] == (
        "refused at load: tiers[1] `[0.8, 0.9)` can never match: earlier tiers cover it "
        "(tiers[0])")
    assert fates["quality: tiers[2] points 0 → 1"] is None
    assert [m.label for m in report.survivors] == [
        "quality: tiers[1] [0.8, 0.9) → [0.7, 0.9)", "quality: tiers[1] [0.8, 0.9) → (0.8, 0.9)",
        "quality: tiers[2] points 0 → 1", "check removed: 完成数不能多于计划数"]


def test_a_rule_written_short_is_written_out_to_be_mutated() -> None:
    data = {"indicators": [{"id": "x", "score": "ratio"}]}
    path = ("indicators", 0, "score", "ratio", "cap")
    assert edited(data, ((path, Decimal("0.9")),)) == {
        "indicators": [{"id": "x", "score": {"ratio": {"cap": Decimal("0.9")}}}]}
    assert data == {"indicators": [{"id": "x", "score": "ratio"}]}  # the original is kept
    assert edited({"checks": ["a", "b"]}, ((("checks", 0), DROP),)) == {"checks": ["b"]}


def test_methods_name_their_own_mutants() -> None:
    deduct = Deduct("above", Decimal(1), Decimal("0.01"), Decimal("0.5"), "exact", None)
    assert [m.label for m in deduct.mutants(Decimal(5))] == [
        "above 1 → 0.99", "above 1 → 1.01", "per 0.01 → 0.02", "points 0.5 → 0.4",
        "max 5 → 4", "steps exact → ceil", "steps exact → floor"]
    linear = Linear(((Decimal("0.1"), Decimal(0)), (Decimal("0.3"), Decimal(5))))
    assert linear.mutants(Decimal(5))[:3] == [
        Mutation("linear[0] 0.1 → 0", (((0, 0), Decimal("0.0")),)),
        Mutation("linear[0] 0.1 → 0.2", (((0, 0), Decimal("0.2")),)),
        Mutation("linear[0] points 0 → 1", (((0, 1), Decimal(1)),)),
    ]


def test_the_bundled_packs_kill_every_mutant(capsys: pytest.CaptureFixture[str]) -> None:
    """The format 1.0 packs. The 1.1 packs' mutation runs take minutes (the Hunan frame: 128 of
    132, the four left being equivalent on integer counts; docs/packs.md); the MOF table's is in
    tests/test_packs_1_1.py."""
    code, out, _ = run(capsys, "test", *sorted((ROOT / "rules" / "changning").glob(
        "key-projects-*.yaml")), "--min-mutation", "90")
    assert code == 0
    scores = [line for line in out.splitlines() if line.startswith(("mutation", "  surv"))]
    assert scores == [
        f"mutation {ROOT / 'rules/changning/key-projects-2023.yaml'}: 54 of 54 mutants "
        "killed (100%)",
        f"mutation {ROOT / 'rules/changning/key-projects-2024.yaml'}: 70 of 70 mutants "
        "killed (100%)",
    ]


def test_an_unmutated_scheme_scores_as_loaded() -> None:
    scheme = perfscore.loads(textwrap.dedent(DEMO), file="demo.yaml")
    same = scheme.edited(())
    record = {"done": 8, "planned": 10, "rate": "85%"}
    assert same.score(record).to_dict() == scheme.score(record).to_dict()
