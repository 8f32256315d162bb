"""``perfscore test``: finding the scheme files under folders, and running each scheme's worked
cases, declared properties, rule-path coverage and mutation testing with a verdict per line.

The pytest plugin (``_plugin``) finds schemes the same way and reports the same texts.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .._common.errors import PerfscoreError, UsageError
from .._common.limits import MAX_FILE_BYTES
from .._scheme import load
from .._testing.coverage import coverage
from .._testing.mutate import mutation_test
from .._testing.properties import check_properties

_SCHEME_KEY = re.compile(rb"^perfscore[ \t]*:", re.MULTILINE)
SUFFIXES = (".yaml", ".yml")


def is_scheme_file(path: str) -> bool:
    """A YAML file with a top-level ``perfscore:`` key; records and cases files have none."""
    if not path.endswith(SUFFIXES) or not os.path.isfile(path):  # a FIFO would block a read
        return False
    try:
        with open(path, "rb") as handle:
            return _SCHEME_KEY.search(handle.read(MAX_FILE_BYTES)) is not None
    except OSError:
        return False


def scheme_files(paths: Sequence[str]) -> Iterator[str]:
    """Each path that is a file, and every scheme file under each folder (sorted, skipping
    hidden folders). A folder with no scheme is a UsageError: a test run that checks nothing
    must not pass."""
    for path in paths:
        if not os.path.isdir(path):
            yield path
            continue
        found = []
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(folder, f) for f in sorted(files)
                      if is_scheme_file(os.path.join(folder, f))]
        if not found:
            raise UsageError.of("PS052", {"path": path}, file=path)
        yield from found


@dataclass(frozen=True, slots=True)
class Options:
    """What ``perfscore test`` was asked for."""

    lang: str | None = None
    seed: int = 0
    examples: int = 100
    coverage: bool = False
    min_coverage: Decimal | None = None
    mutate: bool = False
    min_mutation: Decimal | None = None
    root: str | None = None


@dataclass(slots=True)
class Tally:
    passed: int = 0
    failed: int = 0
    invalid: int = 0
    below: int = 0


def run(paths: Sequence[str], options: Options, say: Callable[[str], None],
        report: Callable[[PerfscoreError], None]) -> Tally:
    """Test every scheme under ``paths``; ``say`` prints a line of results, ``report`` a
    scheme's errors. Raises UsageError for a folder without schemes."""
    tally = Tally()
    for path in scheme_files(paths):
        try:
            scheme = load(path, root=options.root)
            outcomes = scheme.run_cases(options.lang)
            properties = check_properties(scheme, seed=options.seed,
                                          examples=options.examples)
        except PerfscoreError as error:
            report(error)
            tally.invalid += 1
            continue
        for outcome in outcomes:
            verdict = "PASS" if outcome.passed else "FAIL"
            say(f"{verdict} {outcome.location or path}: {outcome.name}")
            for line in outcome.report():
                say(line)
        for prop in properties:
            verdict = "PASS" if prop.passed else "FAIL"
            say(f"{verdict} {prop.location or path}: property {prop.name} "
                f"({prop.examples} examples)")
            for line in prop.report():
                say(line)
        results = [o.passed for o in outcomes] + [p.passed for p in properties]
        if not results:  # a scheme that proves nothing must not pass
            say(f"FAIL {path}: no cases and no properties, so nothing was tested")
            results = [False]
        tally.passed += sum(results)
        tally.failed += len(results) - sum(results)
        if options.coverage or options.min_coverage is not None:
            covered = coverage(scheme, outcomes)
            total = len(covered.paths)
            say(f"coverage {path}: {total - len(covered.uncovered)} of {total} rule paths "
                f"({covered.percent}%)")
            for rule in covered.uncovered:
                say(f"  not covered: {rule.location}: {rule.label}")
            if options.min_coverage is not None and not covered.meets(options.min_coverage):
                say(f"  coverage {covered.percent}% is below --min-coverage "
                    f"{options.min_coverage}")
                tally.below += 1
        if options.mutate or options.min_mutation is not None:
            if not all(results):  # a failing case would kill every mutant
                say(f"mutation {path}: not run, since the scheme's own cases or properties "
                    "fail")
                continue
            mutated = mutation_test(scheme, seed=options.seed, examples=options.examples)
            for line in mutated.report():
                say(line)
            minimum = options.min_mutation
            if minimum is not None and mutated.score * 100 < Fraction(minimum):
                say(f"  mutation score {mutated.percent}% is below --min-mutation {minimum}")
                tally.below += 1
    say(f"{tally.passed} passed, {tally.failed} failed")
    return tally
