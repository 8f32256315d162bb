"""Hand-written mutants of the scoring core's module-level constants, which mutmut leaves alone:
rounding modes, the decimal context and its traps, the allow-lists of the expression checker,
the limits, and the tables a 自评表 row is read by (its 指标性质 words, headers, units, a date
row's sides).

    .venv/bin/python mutation/constants.py [NAME ...]

Each mutant is applied to a copy of ``src`` (in a temporary folder), and the tests that should
notice it run against the copy (``PYTHONPATH`` puts it first). A mutant is killed when a test
fails. Prints one line per mutant and a summary; exits 1 when one survived. NAME selects
mutants by name. Not run in CI; docs/design.md ("Mutation testing") keeps the last figures.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "perfscore"

# the module each constant lives in
NUMBERS = ("_common/numbers.py",)
EXPR = ("_expr/syntax.py",)
LIMITS = ("_common/limits.py",)
RATIO = ("_methods/ratio.py",)
REVERSE = ("_methods/reverse.py",)
ROWS = ("_score/rows.py",)
DEADLINE = ("_methods/deadline.py",)

SCORING = ["tests/test_methods.py", "tests/test_exact_scores.py"]
CHECKER = ["tests/test_limits_edges.py", "tests/test_errors.py",
           "tests/security/test_forbidden_syntax.py"]
NUMBERS_TESTS = [*SCORING, "tests/security/test_huge_numbers.py",
                 "tests/security/test_numeric_strings.py",
                 "tests/security/test_nan_inf_negative_zero.py",
                 "tests/security/test_numpy_scalars.py"]
ROWS_TESTS = ["tests/test_rows.py", "tests/test_rows_mutants.py",
              "tests/test_methods_deadline_mutants.py"]


@dataclass(frozen=True)
class Mutant:
    name: str
    module: tuple[str, ...]
    old: str
    new: str
    tests: list[str]


MUTANTS = [
    # --- _numbers: the decimal context, rounding modes, display --------------------------------
    Mutant("context-prec-down", NUMBERS, "prec=MAX_NUMBER_DIGITS,", "prec=MAX_NUMBER_DIGITS - 1,",
           NUMBERS_TESTS),
    Mutant("context-emax-small", NUMBERS, "Emax=999_999,", "Emax=99,", NUMBERS_TESTS),
    Mutant("context-no-invalid-trap", NUMBERS,
           "traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],",
           "traps=[decimal.DivisionByZero, decimal.Overflow],", NUMBERS_TESTS),
    Mutant("context-no-division-trap", NUMBERS,
           "traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],",
           "traps=[decimal.InvalidOperation, decimal.Overflow],", NUMBERS_TESTS),
    Mutant("context-no-overflow-trap", NUMBERS,
           "traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],",
           "traps=[decimal.InvalidOperation, decimal.DivisionByZero],", NUMBERS_TESTS),
    Mutant("half-up-is-half-even", NUMBERS, '"half_up": decimal.ROUND_HALF_UP,',
           '"half_up": decimal.ROUND_HALF_EVEN,', SCORING),
    Mutant("half-even-is-half-up", NUMBERS, '"half_even": decimal.ROUND_HALF_EVEN,',
           '"half_even": decimal.ROUND_HALF_UP,', SCORING),
    Mutant("down-is-floor", NUMBERS, '"down": decimal.ROUND_DOWN,', '"down": decimal.ROUND_FLOOR,',
           SCORING),
    Mutant("up-is-half-up", NUMBERS, '"up": decimal.ROUND_UP,', '"up": decimal.ROUND_HALF_UP,',
           SCORING),
    Mutant("int-bits-small", NUMBERS, "_INT_BITS: Final = 128", "_INT_BITS: Final = 60",
           NUMBERS_TESTS),
    Mutant("int-limit-large", NUMBERS, "10 ** (MAX_NUMBER_EXPONENT + 1)",
           "10 ** (MAX_NUMBER_EXPONENT + 2)", NUMBERS_TESTS),
    Mutant("cent-is-tenth", NUMBERS, "_CENT: Final = _QUANTA[2]", "_CENT: Final = _QUANTA[1]",
           SCORING),
    Mutant("hundred-is-ten", NUMBERS, "HUNDRED: Final = Decimal(100)",
           "HUNDRED: Final = Decimal(10)", SCORING),
    # --- _expr: the allow-lists ------------------------------------------------------------------
    Mutant("binops-allow-bitor", EXPR, "ast.Mod, ast.Pow)", "ast.Mod, ast.Pow, ast.BitOr)",
           CHECKER),
    Mutant("binops-allow-bitand", EXPR, "ast.Mod, ast.Pow)", "ast.Mod, ast.Pow, ast.BitAnd)",
           CHECKER),
    Mutant("binops-allow-bitxor", EXPR, "ast.Mod, ast.Pow)", "ast.Mod, ast.Pow, ast.BitXor)",
           CHECKER),
    Mutant("binops-allow-shifts", EXPR, "ast.Mod, ast.Pow)",
           "ast.Mod, ast.Pow, ast.LShift, ast.RShift)", CHECKER),
    Mutant("binops-refuse-mod", EXPR, "ast.FloorDiv, ast.Mod, ast.Pow)",
           "ast.FloorDiv, ast.Pow)", CHECKER),
    Mutant("binops-refuse-floordiv", EXPR, "ast.Div, ast.FloorDiv, ast.Mod", "ast.Div, ast.Mod",
           CHECKER),
    Mutant("unary-allow-invert", EXPR, "(ast.USub, ast.UAdd, ast.Not)",
           "(ast.USub, ast.UAdd, ast.Not, ast.Invert)", CHECKER),
    Mutant("unary-refuse-uadd", EXPR, "(ast.USub, ast.UAdd, ast.Not)", "(ast.USub, ast.Not)",
           CHECKER),
    Mutant("compare-allow-is", EXPR, "ast.In, ast.NotIn)", "ast.In, ast.NotIn, ast.Is)",
           CHECKER),
    Mutant("compare-refuse-notin", EXPR, "ast.In, ast.NotIn)", "ast.In)", CHECKER),
    Mutant("hint-subscript-generic", EXPR, 'ast.Subscript: "PS102.subscript",', "", CHECKER),
    Mutant("hint-dict-generic", EXPR, 'ast.Dict: "PS102.dict",', "", CHECKER),
    Mutant("op-name-bitor", EXPR, 'ast.BitOr: "|"', 'ast.BitOr: "or"', CHECKER),
    Mutant("op-name-is-not", EXPR, 'ast.IsNot: "is not"', 'ast.IsNot: "is"', CHECKER),
    # --- _limits: each limit one step looser ------------------------------------------------------
    Mutant("length-limit", LIMITS, "MAX_EXPRESSION_LENGTH = 2_000", "MAX_EXPRESSION_LENGTH = 2_001",
           CHECKER),
    Mutant("depth-limit", LIMITS, "MAX_EXPRESSION_DEPTH = 40", "MAX_EXPRESSION_DEPTH = 41",
           CHECKER),
    Mutant("nodes-limit", LIMITS, "MAX_EXPRESSION_NODES = 500", "MAX_EXPRESSION_NODES = 501",
           CHECKER),
    Mutant("exponent-limit", LIMITS, "MAX_POWER_EXPONENT = 10", "MAX_POWER_EXPONENT = 11",
           CHECKER),
    Mutant("literal-items-limit", LIMITS, "MAX_COLLECTION_LITERAL = 100",
           "MAX_COLLECTION_LITERAL = 101", CHECKER),
    Mutant("digits-limit", LIMITS, "MAX_NUMBER_DIGITS = 28", "MAX_NUMBER_DIGITS = 29",
           NUMBERS_TESTS + CHECKER),
    Mutant("magnitude-limit", LIMITS, "MAX_NUMBER_EXPONENT = 18", "MAX_NUMBER_EXPONENT = 19",
           NUMBERS_TESTS + CHECKER),
    Mutant("result-limit", LIMITS, "MAX_RESULT_EXPONENT = 40", "MAX_RESULT_EXPONENT = 39",
           NUMBERS_TESTS),
    # --- the methods' defaults, which the scheme format supplies ----------------------------------
    Mutant("ratio-cap-default", RATIO, "= Decimal(1)", "= Decimal(\"0.9\")", SCORING),
    Mutant("reverse-variant-default", REVERSE, '"inverse"] = "linear"', '"inverse"] = "inverse"',
           SCORING),
    # --- a 自评表 row: how its 指标性质, headers and 度量单位 are written, a date row's sides -----
    Mutant("nature-reverse-word", ROWS, '"反向": "≤",', '"反向": "≥",', ROWS_TESTS),
    Mutant("nature-full-width-equal", ROWS, '"＝": "=",', "", ROWS_TESTS),
    Mutant("nature-qualitative-word", ROWS, '"定性指标": "定性"}', "}", ROWS_TESTS),
    Mutant("header-measure-unit", ROWS, '"计量单位": "unit",', "", ROWS_TESTS),
    Mutant("header-short-reason", ROWS, '"偏差原因": "reason"}', "}", ROWS_TESTS),
    Mutant("percent-unit-full-width", ROWS, 'PERCENT_UNITS = ("%", "％")', 'PERCENT_UNITS = ("%",)',
           ROWS_TESTS),
    Mutant("date-unit-english", ROWS, 'DATE_UNITS = ("日期", "date")', 'DATE_UNITS = ("日期",)',
           ROWS_TESTS),
    Mutant("deadline-early-misses-le", DEADLINE, '"≤": (1, 0)', '"≤": (1, 1)', ROWS_TESTS),
    Mutant("deadline-early-meets-ge", DEADLINE, '"≥": (0, 1)', '"≥": (0, 0)', ROWS_TESTS),
    Mutant("deadline-late-meets-eq", DEADLINE, '"=": (1, 1)', '"=": (0, 1)', ROWS_TESTS),
]


def locate(module: tuple[str, ...], old: str) -> Path:
    """The file of ``module`` that holds ``old`` once."""
    for relative in module:
        path = PACKAGE / relative
        if path.is_file() and path.read_text("utf-8").count(old) == 1:
            return path
    raise SystemExit(f"none of {module} holds {old!r} exactly once: update mutation/constants.py")


def run(mutant: Mutant, work: Path) -> bool:
    """Whether a test failed with ``mutant`` applied to a fresh copy of the package."""
    copy = work / "src" / "perfscore"
    if copy.exists():
        shutil.rmtree(copy)
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    source = locate(mutant.module, mutant.old)
    target = copy / source.relative_to(PACKAGE)
    target.write_text(target.read_text("utf-8").replace(mutant.old, mutant.new), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(work / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    tests = [t for t in mutant.tests if (ROOT / t).exists()]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return done.returncode != 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help="run only these mutants")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTANTS if not args.names or m.name in args.names]
    survived: list[str] = []
    with tempfile.TemporaryDirectory(prefix="perfscore-constants-") as folder:
        work = Path(folder)
        (work / "rules").symlink_to(ROOT / "rules", target_is_directory=True)
        shutil.copytree(PACKAGE, work / "src" / "perfscore",
                        ignore=shutil.ignore_patterns("__pycache__"))
        probe = subprocess.run(  # the copy, not the installed package, must be imported
            [sys.executable, "-c", "import perfscore; print(perfscore.__file__)"],
            env={**os.environ, "PYTHONPATH": str(work / "src")}, cwd=ROOT,
            capture_output=True, text=True, check=False)
        if not probe.stdout.startswith(str(work)):
            raise SystemExit(f"the copy is not imported first: {probe.stdout or probe.stderr}")
        for mutant in chosen:
            killed = run(mutant, work)
            print(f"{'killed  ' if killed else 'SURVIVED'} {mutant.name}", flush=True)
            if not killed:
                survived.append(mutant.name)
    print(f"{datetime.date.today().isoformat()}: {len(chosen)} constant mutants, "
          f"{len(chosen) - len(survived)} killed, {len(survived)} survived"
          + (f" ({', '.join(survived)})" if survived else ""))
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
