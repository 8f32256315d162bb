"""The ``perfscore`` command.

Exit codes (SPEC §7): 0 success; 1 the record was rejected; 2 the scheme is invalid or the
command line is wrong. Every user error prints as ``file:line:col: error: message``; a traceback
means a bug in perfscore, never a bad input.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from ._diff import diff
from ._diff import headers as diff_headers
from ._diff import rows as diff_rows
from ._errors import PerfscoreError, RecordError
from ._impact import Outcome as ImpactOutcome
from ._impact import UnitImpact, impact
from ._numbers import plain
from ._records import read_rows
from ._registry import installed
from ._render import markdown, print_table
from ._result import lang_of
from ._scheme import load, read_record
from ._show import show
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

    commands.add_parser("list", help="list the installed schemes and their editions")

    show = commands.add_parser("show", help="print the merged scheme, each key with its origin")
    show.add_argument("scheme")

    diff = commands.add_parser("diff", help="what changed between two editions")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    diff.add_argument("--lang", choices=("zh", "en"), default=None)

    impact = commands.add_parser("impact", help="score units under two editions, compare")
    impact.add_argument("old")
    impact.add_argument("new")
    impact.add_argument("records", help="CSV, JSONL, or a YAML/JSON list of records")
    impact.add_argument("--id-field", default="id", help="the column naming each unit")
    impact.add_argument("--format", choices=("table", "json", "markdown", "csv"),
                        default="table")
    impact.add_argument("--lang", choices=("zh", "en"), default=None)
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


def _list(args: argparse.Namespace) -> int:
    entries = installed()
    table = [(e.id, e.edition, e.title, e.pack, e.path) for e in entries]
    _print_table(("id", "edition", "title", "pack", "path"), table, "table")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    sys.stdout.write(show(load(args.scheme).document))
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    old, new = load(args.old), load(args.new)
    changes = diff(old, new)
    if args.format == "json":
        print(json.dumps([c.to_dict() for c in changes], ensure_ascii=False, indent=2))
        return EXIT_OK
    lang = lang_of(args.lang, new.locale)
    _print_table(diff_headers(lang), diff_rows(changes, lang), args.format)
    return EXIT_OK


def _impact(args: argparse.Namespace) -> int:
    old, new = load(args.old), load(args.new)
    labels = {spec.label: name for scheme in (old, new) for name, spec in scheme.inputs.items()
              if spec.label}
    units, summary = impact(old, new, read_rows(args.records, id_field=args.id_field,
                                                labels=labels))
    if args.format == "json":
        print(json.dumps({"units": [u.to_dict() for u in units], "summary": summary.to_dict()},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    zh = lang_of(args.lang, new.locale) == "zh"
    headers = (("单位", "原总分", "原等级", "新总分", "新等级", "变化", "变动指标") if zh else
               ("unit", "old total", "old grade", "new total", "new grade", "delta", "moved"))

    def cells(unit: UnitImpact) -> tuple[str, ...]:
        def side(outcome: ImpactOutcome) -> tuple[str, str]:
            if outcome.result is None:
                return ("拒绝" if zh else "rejected"), "; ".join(outcome.errors)
            return plain(outcome.result.total), outcome.result.grade or ""
        delta = "" if unit.delta is None else f"{unit.delta:+}"
        return (unit.id, *side(unit.old), *side(unit.new), delta, ", ".join(unit.moved))

    _print_table(headers, [cells(u) for u in units], args.format)
    if args.format != "csv":
        mean = "—" if summary.mean_delta is None else f"{summary.mean_delta:+}"
        up, down = summary.grade_up, summary.grade_down
        print(f"{summary.units} 个单位，{summary.scored} 个两版均可评分；"
              f"等级上升 {up}，下降 {down}；平均变化 {mean} 分" if zh else
              f"{summary.units} units, {summary.scored} scored by both; grade up {up}, "
              f"down {down}; mean change {mean}")
    return EXIT_OK


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], style: str) -> None:
    """Rows as a rich table, Markdown or CSV."""
    if style == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(headers)
        writer.writerows(rows)
    elif style == "markdown":
        def escape(text: str) -> str:
            return text.replace("|", "\\|")
        print("| " + " | ".join(headers) + " |")
        print("|" + " --- |" * len(headers))
        for row in rows:
            print("| " + " | ".join(escape(c) for c in row) + " |")
    else:
        table = Table(*headers)
        for row in rows:
            table.add_row(*row)
        Console(width=None if sys.stdout.isatty() else 160).print(table)


def _schema(args: argparse.Namespace) -> int:
    scheme = load(args.scheme)
    print(json.dumps(scheme.json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    command = {"score": _score, "check": _check, "test": _test, "schema": _schema,
               "list": _list, "show": _show, "diff": _diff, "impact": _impact}[args.command]
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
