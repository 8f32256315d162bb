"""The ``perfscore`` command.

Exit codes (SPEC §7): 0 success; 1 the record was rejected; 2 the scheme is invalid or the
command line is wrong. Every user error prints as ``file:line:col: error: message``; a traceback
means a bug in perfscore, never a bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from rich.console import Console

from ._errors import PerfscoreError, RecordError
from ._render import markdown, print_table
from ._result import lang_of
from ._scheme import load, read_record
from ._version import __version__

EXIT_OK, EXIT_REJECTED, EXIT_INVALID = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with our one-line error format."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"perfscore: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_INVALID)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="perfscore", description="Score performance self-evaluations "
                     "(预算绩效自评) from YAML rule files.")
    parser.add_argument("--version", action="version", version=f"perfscore {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    score = commands.add_parser("score", help="score one record and print the itemised result")
    score.add_argument("scheme", help="scheme file (YAML)")
    score.add_argument("record", help="record file (YAML or JSON mapping), or - for stdin")
    score.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    score.add_argument("--lang", choices=("zh", "en"), default=None,
                       help="language of explanations (default: the scheme's locale)")

    check = commands.add_parser("check", help="validate scheme files and list every error")
    check.add_argument("schemes", nargs="+", metavar="SCHEME")

    test = commands.add_parser("test", help="run the worked cases of scheme files")
    test.add_argument("schemes", nargs="+", metavar="SCHEME")
    test.add_argument("--lang", choices=("zh", "en"), default=None)

    schema = commands.add_parser("schema", help="print the JSON Schema of a scheme's records")
    schema.add_argument("scheme")
    return parser


def _report(error: PerfscoreError) -> None:
    for problem in error.errors:
        print(problem.describe(), file=sys.stderr)


def _score(args: argparse.Namespace) -> int:
    scheme = load(args.scheme)
    lang = lang_of(args.lang, scheme.locale)
    data, document = read_record(args.record)
    result = scheme.score(data if data is not None else {}, lang=lang, document=document,
                          file=document.file)
    if args.format == "json":
        sys.stdout.write(result.to_json(lang) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(markdown(result, lang))
    else:
        console = Console(width=None if sys.stdout.isatty() else 160)
        print_table(result, lang, console)
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for path in args.schemes:
        try:
            scheme = load(path)
        except PerfscoreError as error:
            _report(error)
            status = EXIT_INVALID
            continue
        leaves = sum(len(node.leaves()) for node in scheme.indicators)
        print(f"{path}: ok ({scheme.id}@{scheme.edition}, {leaves} indicators, "
              f"{len(scheme.inputs)} inputs)")
    return status


def _test(args: argparse.Namespace) -> int:
    """Exit 0 when every case passes, 1 when any fails, 2 when a scheme is invalid."""
    failed = invalid = passed = 0
    for path in args.schemes:
        try:
            scheme = load(path)
        except PerfscoreError as error:
            _report(error)
            invalid += 1
            continue
        for outcome in scheme.run_cases(args.lang):
            if outcome.passed:
                passed += 1
                print(f"PASS {path}: {outcome.name}")
                continue
            failed += 1
            print(f"FAIL {path}: {outcome.name}")
            for problem in outcome.problems:
                print(f"    {problem}")
    print(f"{passed} passed, {failed} failed")
    return EXIT_INVALID if invalid else EXIT_REJECTED if failed else EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    scheme = load(args.scheme)
    print(json.dumps(scheme.json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    command = {"score": _score, "check": _check, "test": _test, "schema": _schema}[args.command]
    try:
        return command(args)
    except RecordError as error:
        _report(error)
        return EXIT_REJECTED
    except PerfscoreError as error:
        _report(error)
        return EXIT_INVALID


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
