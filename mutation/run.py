"""Run mutmut on one module of the scoring core, against the tests that exercise it.

    .venv/bin/python mutation/run.py MODULE [--keep] [--full] [--children N]

MODULE is one of ``methods``, ``numbers``, ``score``, ``codegen``, ``tally``, ``rows``,
``expr``, or one
method's file ``methods.NAME`` (``methods.ratio``, ``methods.base``: ``_methods/NAME.py``
alone, against the methods' tests; the whole of ``_methods`` is 2,600 mutants, too many for
one sitting on a shared core), or several joined by ``+`` (``methods.ratio+reverse``: one
run, one pass to map the tests). The run takes place in ``mutation/.work/MODULE``
(git-ignored): a ``pyproject.toml`` made from this repository's ``[tool.mutmut]``, narrowed
to the module's files and tests, beside links to ``src``, ``tests``, ``rules`` and
``examples``. Each run starts over: mutmut keeps its verdicts there, but does not re-test a
survivor when only the tests changed; ``--keep`` reuses them (quicker, for looking at
survivors again). One child process: the machine is shared. At the end it prints the figures
that docs/design.md keeps ("Mutation testing") and every surviving mutant; ``mutmut show NAME``
in the work folder shows one.

Module-level constants are not mutated by mutmut; ``mutation/constants.py`` covers them.
Not run in CI: ``_methods`` alone takes over an hour on one shared core, the other three about
10 minutes.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MUTANT_TESTS = sorted(str(p.relative_to(ROOT))
                      for p in (ROOT / "tests").glob("test_methods_*_mutants.py"))
"""Tests written against the methods' surviving mutants, one file per method."""

SCORE_TESTS = ["tests/test_methods.py", "tests/test_exact_scores.py", "tests/test_fast_path.py",
               "tests/test_generated_source.py", "tests/test_catalogue.py",
               "tests/test_method_bands.py", "tests/test_public_api.py",
               "tests/test_format_values.py", "tests/test_scorer_mutants.py",
               "tests/test_explanations_golden.py", "tests/test_rows.py",
               "tests/test_packs_1_1.py", "tests/test_tally_mutants.py",
               "tests/security/test_comprehension_bombs.py"]
"""The tests of a record's total: its scores, warnings and flags, on both paths, with what a
format 1.1 scheme adds (偏差原因 asked for, 不适用, vetoes, the header and budget block)."""

MODULES: dict[str, tuple[str, list[str]]] = {
    # module: (text that its patterns in [tool.mutmut] only_mutate contain, tests to run)
    # a method owns its scoring, explanation, load checks, coverage paths, diff facets
    # (test_editions), boundaries and mutants: the tests of each
    "methods": ("_methods", ["tests/test_methods.py", "tests/test_exact_scores.py",
                             "tests/test_method_bands.py", "tests/test_authoring.py",
                             "tests/test_testing.py", "tests/test_mutate.py",
                             "tests/test_aims.py", "tests/test_format_values.py",
                             "tests/test_manual.py", "tests/test_officialese.py",
                             "tests/test_editions.py",
                             # a method's inlined points against its `score`, and every
                             # explanation of the packs and of random schemes
                             "tests/test_inline.py", "tests/test_explanations_golden.py",
                             # builds a wheel of the repository, which mutants/ is not
                             "--deselect=tests/test_editions.py::"
                             "test_the_wheel_carries_the_bundled_rules", *MUTANT_TESTS]),
    "numbers": ("numbers", ["tests/test_methods.py", "tests/test_exact_scores.py",
                            "tests/security/test_huge_numbers.py",
                            "tests/security/test_nan_inf_negative_zero.py",
                            "tests/security/test_numeric_strings.py",
                            "tests/security/test_digit_forms.py",
                            "tests/security/test_integer_text.py",
                            "tests/security/test_numpy_scalars.py",
                            "tests/security/test_caller_decimal_context.py",
                            # points rounded in place (`quantizing`)
                            "tests/test_inline.py"]),
    "score": ("_score/scorer", SCORE_TESTS),
    # the generated scorer's statements, its one handler per leaf and their helpers
    "codegen": ("_score/codegen", [*SCORE_TESTS, "tests/test_settled.py", "tests/test_inline.py",
                                   "tests/test_admit.py", "tests/test_limits_edges.py",
                                   "tests/test_errors.py",
                                   "tests/security/test_power_towers.py"]),
    # what each leaf adds to the total, the warnings and flags in their order
    "tally": ("_score/tally", [*SCORE_TESTS, "tests/test_audit.py"]),
    # a 自评表's rows: how a row is read, scored by its nature, refused or flagged
    "rows": ("_score/rows", ["tests/test_rows.py", "tests/test_rows_sheet.py",
                             "tests/test_audit.py", "tests/test_packs_1_1.py",
                             "tests/test_report.py", "tests/test_batch.py",
                             "tests/test_catalogue.py", "tests/test_limits_edges.py",
                             "tests/security/test_huge_records.py",
                             "tests/test_rows_mutants.py"]),
    "expr": ("_expr", ["tests/test_limits_edges.py", "tests/test_errors.py",
                       "tests/test_format_values.py",
                       "tests/security/test_forbidden_syntax.py",
                       "tests/security/test_power_towers.py",
                       "tests/security/test_huge_expression.py",
                       "tests/security/test_deep_nesting.py",
                       "tests/security/test_dunder_walks.py",
                       "tests/security/test_builtins_as_names.py",
                       "tests/security/test_line_forging.py",
                       "tests/security/test_control_characters.py"]),
}
LINKED = ("src", "tests", "rules", "examples", "docs", "benchmarks")
METHOD_FILES = sorted(p.stem for p in (ROOT / "src" / "perfscore" / "_methods").glob("*.py")
                      if p.stem != "__init__")


def choices() -> list[str]:
    """The modules, and each method's file as ``methods.NAME``."""
    return sorted(MODULES) + [f"methods.{name}" for name in METHOD_FILES]


def _module(text: str) -> str:
    """``methods.ratio+reverse`` names two method files; each part must be a known module."""
    group, _, files = text.partition(".")
    known = choices()
    if any((f"{group}.{name}" if files else group) not in known for name in files.split("+")):
        raise argparse.ArgumentTypeError(f"unknown module {text!r}")
    return text


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a string or a number: the same in TOML


def prepare(module: str, keep: bool, full: bool = False) -> Path:
    """The work folder of ``module``, with its narrowed configuration (``full``: every test)."""
    group, _, file = module.partition(".")
    key, tests = MODULES[group]
    tests = ["tests"] if full else tests
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    mutmut = dict(project["tool"]["mutmut"])
    mutmut["only_mutate"] = ([f"src/perfscore/_methods/{name}.py" for name in file.split("+")]
                             if file else [p for p in mutmut["only_mutate"] if key in p])
    mutmut["pytest_add_cli_args_test_selection"] = [
        t for t in tests if t.startswith("-") or (ROOT / t).exists()]
    work = ROOT / "mutation" / ".work" / module
    if not keep and (work / "mutants").exists():
        shutil.rmtree(work / "mutants")
    work.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        link = work / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    lines = ["[tool.mutmut]"] + [f"{k} = {_toml_value(v)}" for k, v in mutmut.items()]
    lines += ["", "[tool.pytest.ini_options]"] + [
        f"{k} = {_toml_value(v)}" for k, v in project["tool"]["pytest"]["ini_options"].items()]
    (work / "pyproject.toml").write_text("\n".join(lines) + "\n", "utf-8")
    return work


def summary(work: Path, module: str) -> dict[str, object]:
    """The figures of the last run (mutmut's own counts), and the survivors' names."""
    mutmut = [sys.executable, "-m", "mutmut"]
    subprocess.run([*mutmut, "export-cicd-stats"], cwd=work, check=True,
                   stdout=subprocess.DEVNULL)
    stats = json.loads((work / "mutants" / "mutmut-cicd-stats.json").read_text("utf-8"))
    listing = subprocess.run([*mutmut, "results"], cwd=work, check=True, capture_output=True,
                             text=True).stdout
    survivors = [line.split(":")[0].strip() for line in listing.splitlines()
                 if line.strip().endswith(("survived", "no tests"))]
    caught = stats["killed"] + stats["timeout"]
    return {
        "module": module, "date": datetime.date.today().isoformat(),
        "mutants": stats["total"], "killed": caught,
        "score": f"{100 * caught / stats['total']:.1f}%" if stats["total"] else "—",
        "survived": stats["survived"], "no_tests": stats["no_tests"],
        "command": f"python mutation/run.py {module}", "survivors": survivors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("module", type=_module, help="one of: " + ", ".join(choices()))
    parser.add_argument("--keep", action="store_true", help="reuse earlier verdicts")
    parser.add_argument("--full", action="store_true",
                        help="against the whole suite (mutmut runs, for each mutant, the tests "
                             "that reach its function): slower, and the figure issue 18 asks for")
    parser.add_argument("--children", type=int, default=1, help="processes (default 1)")
    args = parser.parse_args(argv)
    work = prepare(args.module, args.keep, args.full)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(args.children)],
                   cwd=work, env=env, check=False)
    figures = summary(work, args.module)
    survivors = figures.pop("survivors")
    print(json.dumps(figures, ensure_ascii=False))
    for name in survivors:  # type: ignore[attr-defined]
        print("survived:", name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
