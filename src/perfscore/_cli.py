"""The ``perfscore`` command.

Exit codes (SPEC §7): 0 success; 1 the record was rejected; 2 the scheme is invalid or the
command line is wrong; 3 perfscore failed although the input was good (output it could not
write: a full disk, a closed pipe; or a bug); 130 and 143 interrupted by SIGINT (Ctrl-C) and
SIGTERM. Every problem prints as one line (``file:line:col: error: message``), never a
traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import itertools
import json
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from types import FrameType
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ._audit.audit import Auditor
from ._audit.findings import Audit, Finding, Reported
from ._audit.output import Tally, audit_markdown, print_audit, write_json, write_xlsx
from ._batch.readers import Row, Unreadable, format_of, is_table, read_rows
from ._batch.units import gather
from ._batch.writers import POOL_MIN_ROWS, default_jobs, input_labels, score_rows, sections_of
from ._batch.writers import run as run_batch
from ._common.errors import Diagnostic, OutputError, PerfscoreError, RecordError, UsageError
from ._common.language import language
from ._common.messages import Joined, render
from ._common.numbers import plain
from ._common.text import sheet_cell, shown
from ._diagnose import examine, scheme_locale
from ._harness.suite import Options as TestOptions
from ._harness.suite import run as run_tests
from ._model.schema import format_schema
from ._report.diff import diff
from ._report.diff import headers as diff_headers
from ._report.diff import rows as diff_rows
from ._report.impact import Totals, UnitImpact, UnitScore, impact
from ._report.manual import rules
from ._report.paper import write_manual, write_report, write_template
from ._report.render import escape, markdown, plain_text, print_table
from ._report.show import show
from ._scheme import Scheme, _lines_in, load, read_record
from ._score.record import by_name
from ._score.result import Result
from ._source.registry import PATH_VARIABLE, installed
from ._version import __version__

EXIT_OK, EXIT_REJECTED, EXIT_INVALID, EXIT_FAILED = 0, 1, 2, 3


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
    places = _Parser(add_help=False)  # where schemes come from, for every command
    places.add_argument("--root", metavar="DIR", default=None,
                        help="the folder `extends` may reach (default: each scheme's own)")
    places.add_argument("--rules", metavar="DIR", action="append", default=[],
                        help="a folder of your own schemes, usable by id like installed ones "
                             "(repeatable; also PERFSCORE_PATH)")

    def add(name: str, **options: Any) -> argparse.ArgumentParser:
        return commands.add_parser(name, parents=[places], **options)

    score = add("score", help="score one record and print the itemised result")
    score.add_argument("scheme", help="scheme file (YAML)")
    score.add_argument("record", help="record file (YAML or JSON mapping), or - for stdin")
    score.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    score.add_argument("--lang", choices=("zh", "en"), default=None,
                       help="language of explanations (default: the scheme's locale)")

    report = add("report", help="write one record's 绩效自评表 (self-evaluation table) as "
                                 "HTML, XLSX or PDF")
    report.add_argument("scheme", help="scheme file (YAML)")
    report.add_argument("record", help="record file (YAML or JSON mapping), or - for stdin")
    report.add_argument("-o", "--output", required=True,
                        help="the file to write: .html, .xlsx or .pdf (printed by Chromium)")
    report.add_argument("--lang", choices=("zh", "en"), default=None,
                        help="language of the table (default: the scheme's locale)")

    manual = add("manual", help="write a scheme's 指标体系及评分标准 (indicators and scoring "
                                 "standards) as HTML, Markdown or XLSX")
    manual.add_argument("scheme", help="scheme file (YAML), or an installed scheme's id")
    manual.add_argument("-o", "--output", required=True, help="the file to write: .html, .md "
                        "or .xlsx")
    manual.add_argument("--lang", choices=("zh", "en"), default=None,
                        help="language of the table (default: the scheme's locale)")

    template = add("template", help="write a blank sheet to fill in, one row per unit (per "
                                     "自评表 row with rows), that `perfscore batch` reads back")
    template.add_argument("scheme", help="scheme file (YAML), or an installed scheme's id")
    template.add_argument("-o", "--output", required=True, help="the file to write: .xlsx or "
                          ".csv")
    template.add_argument("--lang", choices=("zh", "en"), default=None,
                          help="language of the notes (default: the scheme's locale)")

    check = add("check", help="validate scheme files and list every error "
                                "and warning")
    check.add_argument("schemes", nargs="+", metavar="SCHEME")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=("text", "json"), default="text",
                       help="json: one list of diagnostics on standard output, for editors and CI")
    check.add_argument("--lang", choices=("zh", "en"), default=None,
                       help="language of the messages (default: each scheme's locale)")

    test = add("test", help="run the worked cases and declared properties of "
                               "schemes")
    test.add_argument("schemes", nargs="+", metavar="SCHEME",
                      help="scheme file, or a folder: every scheme under it")
    test.add_argument("--lang", choices=("zh", "en"), default=None,
                      help="language of the explanations under a failed case")
    test.add_argument("--coverage", action="store_true",
                      help="list the rule paths no passing case exercises")
    test.add_argument("--min-coverage", type=_percent, default=None, metavar="N",
                      help="fail when a scheme's rule-path coverage is below N percent")
    test.add_argument("--mutate", action="store_true",
                      help="make small mistakes in the rules and list those no case or "
                           "property catches, with the mutation score")
    test.add_argument("--min-mutation", type=_percent, default=None, metavar="N",
                      help="fail when a scheme's mutation score is below N percent")
    test.add_argument("--seed", type=int, default=0, metavar="N",
                      help="seed of the records generated for properties (default 0)")
    test.add_argument("--examples", type=_positive, default=100, metavar="N",
                      help="records generated per property (default 100)")

    schema = add("schema", help="print the JSON Schema of a scheme's records, "
                                 "or with --file-format of scheme files themselves")
    which = schema.add_mutually_exclusive_group(required=True)
    which.add_argument("scheme", nargs="?")
    which.add_argument("--file-format", action="store_true",
                       help="the JSON Schema of the scheme file format, for editors")
    schema.add_argument("--format", choices=("json",), default="json",
                        help="json (the one format a JSON Schema is written in; --format takes "
                             "a value in every command)")

    add("list", help="list the installed schemes and their editions")

    show = add("show", help="print the merged scheme, each key with its origin")
    show.add_argument("scheme")

    diff = add("diff", help="what changed between two editions")
    diff.add_argument("old")
    diff.add_argument("new")
    diff.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    diff.add_argument("--lang", choices=("zh", "en"), default=None)

    impact = add("impact", help="score units under two editions, compare")
    impact.add_argument("old")
    impact.add_argument("new")
    impact.add_argument("records", help="CSV, JSONL, XLSX, or a YAML/JSON list of records")
    impact.add_argument("--id-field", help="the column naming each unit (default: id, when "
                        "there is one)")
    impact.add_argument("--format", choices=("table", "json", "markdown", "csv"),
                        default="table")
    impact.add_argument("--lang", choices=("zh", "en"), default=None)

    audit = add("audit", help="recompute tables units have scored and list every difference")
    audit.add_argument("scheme")
    audit.add_argument("records", nargs="+", metavar="RECORD",
                       help="record files (YAML or JSON), CSV, JSONL, XLSX or a YAML/JSON "
                            "list of many, or a folder of them")
    audit.add_argument("--format", choices=("table", "json", "markdown", "xlsx"),
                       default="table")
    audit.add_argument("-o", "--output", default=None,
                       help="write to this file (needed for xlsx) instead of standard output")
    audit.add_argument("--tolerance", type=_points, default=None, metavar="X",
                       help="points an item may differ by (default: the scheme's "
                            "settings.audit.tolerance, 0.01)")
    audit.add_argument("--sum-tolerance", type=_points, default=None, metavar="X",
                       help="points a total may differ by (default: settings.audit."
                            "sum_tolerance, 0.1)")
    audit.add_argument("--id-field", help="the field naming each unit (default: id, when "
                       "there is one)")
    audit.add_argument("--lang", choices=("zh", "en"), default=None)

    batch = add("batch", help="score every row of a file into a file of results")
    batch.add_argument("scheme")
    batch.add_argument("input", help="CSV, JSONL, XLSX, or a YAML/JSON list of records")
    batch.add_argument("-o", "--output", required=True, help="CSV, JSONL or XLSX file to write")
    batch.add_argument("--id-field", help="the column naming each row (default: id, when "
                       "there is one)")
    batch.add_argument("--lang", choices=("zh", "en"), default=None)
    batch.add_argument("--headers", choices=("names", "ids"), default=None,
                       help="names: columns headed in the scheme's language, indicators by name, "
                            "the status in words, a warnings column and (XLSX) a summary sheet; "
                            "ids: the layout programs read (default: names for .xlsx, ids "
                            "otherwise)")
    batch.add_argument("--report", metavar="DIR", default=None,
                       help="also write each scored unit's 自评表 as DIR/<id>.html")
    batch.add_argument("--jobs", type=_positive, default=None, metavar="N",
                       help="processes that score (default: the machine's cores); an input "
                            f"of fewer than {POOL_MIN_ROWS:,} rows is scored in one")
    return parser


def _report(error: PerfscoreError) -> None:
    for problem in error.errors:
        print(problem.describe(), file=sys.stderr)


def _report_scheme(error: PerfscoreError, lang: str | None) -> None:
    """A scheme's errors in its own language (or ``--lang``), as ``perfscore check`` prints
    them; a problem from outside the message catalog keeps its words, and so does a usage
    error without ``--lang`` (it is worded in the language of the scheme it was used with)."""
    if lang is None and isinstance(error, UsageError):
        _report(error)
        return
    chosen = language(lang, scheme_locale(error.file) if error.file else "en")
    for problem in error.errors:
        print(Diagnostic.of(problem).localized(chosen).describe(), file=sys.stderr)


def _score(args: argparse.Namespace) -> int:
    result, lang = _scored(args)
    if args.format == "json":
        sys.stdout.write(result.to_json(lang) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(markdown(result, lang))
    else:
        console = Console(width=None if sys.stdout.isatty() else 160)
        print_table(result, lang, console)
    return EXIT_OK


def _scored(args: argparse.Namespace) -> tuple[Result, str]:
    """The record of ``score`` and ``report`` scored, and the language asked for."""
    scheme = load(args.scheme, root=args.root)
    lang = language(args.lang, scheme.locale)
    data, document = read_record(args.record, lang)
    if isinstance(data, dict):  # keys may be the inputs' labels, as a batch's headers may
        named = by_name(data, scheme.inputs, lang, document.file)
        document = document.renamed(dict(zip(data, named, strict=True)))
        data = named
    result = scheme.score(data if data is not None else {}, lang=lang, document=document,
                          file=document.file)
    return result, lang


def _report_command(args: argparse.Namespace) -> int:
    result, lang = _scored(args)
    write_report(result, args.output, lang)
    print(f"→ {shown(args.output)}")
    return EXIT_OK


def _manual(args: argparse.Namespace) -> int:
    scheme = load(args.scheme, root=args.root)
    write_manual(scheme, args.output, language(args.lang, scheme.locale))
    print(f"→ {shown(args.output)}")
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    scheme = load(args.scheme, root=args.root)
    write_template(scheme, args.output, language(args.lang, scheme.locale))
    print(f"→ {shown(args.output)}")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    """Exit 2 when a scheme has an error (or, with --strict, a warning)."""
    status = EXIT_OK
    found_all = []
    for path in args.schemes:
        scheme, found = examine(path, root=args.root, lang=args.lang)
        failed = scheme is None or (args.strict and bool(found))
        status = EXIT_INVALID if failed else status
        if args.format == "json":
            found_all += [d.to_dict() for d in found]
            continue
        for diagnostic in found:
            print(diagnostic.describe(), file=sys.stderr)
        if scheme is not None and not failed:
            leaves = sum(len(node.leaves()) for node in scheme.indicators)
            sections = sum(node.rows is not None for root in scheme.indicators
                           for node in root.walk())
            warned = f", {len(found)} warning{'s' if len(found) > 1 else ''}" if found else ""
            tables = f", {sections} section{'s' if sections > 1 else ''} of rows" \
                if sections else ""
            print(f"{shown(path)}: ok ({scheme.id}@{scheme.edition}, {leaves} indicators"
                  f"{tables}, {len(scheme.inputs)} inputs{warned})")
    if args.format == "json":
        print(json.dumps(found_all, ensure_ascii=False, indent=2))
    return status


def _test(args: argparse.Namespace) -> int:
    """Exit 0 when every case and property passes (and coverage and the mutation score are
    met), 1 when any fails, 2 when a scheme is invalid."""
    options = TestOptions(args.lang, args.seed, args.examples, args.coverage, args.min_coverage,
                          args.mutate, args.min_mutation, args.root)
    tally = run_tests(args.schemes, options, lambda line: print(shown(line)),
                      lambda error: _report_scheme(error, args.lang))
    if tally.invalid:
        return EXIT_INVALID
    return EXIT_REJECTED if tally.failed or tally.below else EXIT_OK


def _percent(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"must be from 0 to 100: {text}")
    return value


def _points(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"must be a number of at least 0: {text}")
    return value


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1: {text!r}")
    return int(text)


def _list(args: argparse.Namespace) -> int:
    entries = installed()
    table = [(e.id, e.edition, e.title, e.pack, e.path) for e in entries]
    _print_table(("id", "edition", "title", "pack", "path"), table, "table")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    sys.stdout.write(show(load(args.scheme, root=args.root).document))
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    old, new = load(args.old, root=args.root), load(args.new, root=args.root)
    changes = diff(old, new)
    if args.format == "json":
        print(json.dumps([c.to_dict() for c in changes], ensure_ascii=False, indent=2))
        return EXIT_OK
    lang = language(args.lang, new.locale)
    worded = (rules(old, lang), rules(new, lang))
    _print_table(diff_headers(lang), diff_rows(changes, lang, worded), args.format)
    return EXIT_OK


def _impact(args: argparse.Namespace) -> int:
    old, new = load(args.old, root=args.root), load(args.new, root=args.root)
    labels = {spec.label: name for scheme in (old, new) for name, spec in scheme.inputs.items()
              if spec.label}
    lang = language(args.lang, new.locale)
    id_field = args.id_field or "id"
    rows: Iterator[Row] = read_rows(args.records, id_field=id_field, labels=labels,
                                    require_id=args.id_field is not None, lang=lang)
    rows = _gathered(rows, args.records, {**sections_of(old), **sections_of(new)})
    units, summary = impact(old, new, _undeclared_names(
        (old, new), rows, id_field, args.id_field is not None, lang), lang)
    if args.format == "json":
        print(json.dumps({"units": [u.to_dict() for u in units], "summary": summary.to_dict()},
                         ensure_ascii=False, indent=2))
        return EXIT_OK
    headers = tuple(render(f"impact.{column}", {}, lang) for column in (
        "unit", "old_total", "old_grade", "new_total", "new_grade", "delta", "moved"))

    def cells(unit: UnitImpact) -> tuple[str, ...]:
        def side(outcome: UnitScore) -> tuple[str, str]:
            if outcome.result is None:
                return render("batch.rejected", {}, lang), "; ".join(outcome.errors)
            return plain(outcome.result.total), outcome.result.grade or ""
        delta = "" if unit.delta is None else f"{unit.delta:+}"
        return (unit.id, *side(unit.old), *side(unit.new), delta, ", ".join(unit.moved))

    _print_table(headers, [cells(u) for u in units], args.format)
    if args.format != "csv":
        mean = "—" if summary.mean_delta is None else f"{summary.mean_delta:+}"
        up, down = summary.grade_up, summary.grade_down
        lines = [render("impact.summary", {"units": summary.units, "scored": summary.scored,
                                           "up": up, "down": down, "mean": mean}, lang),
                 *(_totals_line(edition, scheme, totals, lang) for edition, scheme, totals in
                   (("old", old, summary.old), ("new", new, summary.new)))]
        if args.format == "markdown":  # a paragraph after the table, a line break each
            print("\n" + "  \n".join(lines) + "  ")
        else:
            print("\n".join(lines))
    return EXIT_OK


def _totals_line(edition: str, scheme: Scheme, totals: Totals, lang: str) -> str:
    """One edition's units as ``batch`` sums them up: scored and rejected, units by grade,
    mean, highest and lowest total."""
    grades = Joined(tuple(
        render("impact.grade_count", {
            "grade": render("batch.no_grade", {}, lang) if label is None else label,
            "units": count}, lang)
        for label, count in totals.grades))

    def number(value: Decimal | None) -> str:
        return "—" if value is None else plain(value)

    return render("impact.totals", {
        "edition": render(f"impact.{edition}", {}, lang),
        "scheme": f"{scheme.id}@{scheme.edition}", "scored": totals.scored,
        "rejected": totals.rejected, "grades": grades, "mean": number(totals.mean),
        "highest": number(totals.highest), "lowest": number(totals.lowest)}, lang)


def _batch(args: argparse.Namespace) -> int:
    """Exit 0 when every row scored, 1 when any was rejected (the output is written either
    way); the first rejections are listed as ``INPUT:LINE: error: …``."""
    scheme = load(args.scheme, root=args.root)
    zh = language(args.lang, scheme.locale) == "zh"
    id_field = args.id_field or "id"
    rows = _records(scheme, args.input, id_field, args.id_field is not None,
                    "zh" if zh else "en")
    rows = _undeclared_names((scheme,), rows, id_field, args.id_field is not None,
                             "zh" if zh else "en")
    console = Console(stderr=True)
    listed = 0
    with Progress(SpinnerColumn(), TextColumn("{task.completed:,} 行" if zh else
                                              "{task.completed:,} rows"),
                  BarColumn(), TimeElapsedColumn(), console=console, transient=True,
                  disable=not console.is_terminal) as progress:
        task = progress.add_task("batch", total=None)

        def observe(row: Row, message: str | None) -> None:
            nonlocal listed
            progress.advance(task)
            if message is not None and listed < _LISTED:
                listed += 1
                progress.console.print(shown(f"{args.input}:{row.line}: error: {message}"),
                                       highlight=False, markup=False, soft_wrap=True)

        jobs = default_jobs() if args.jobs is None else args.jobs
        headers = args.headers or ("names" if args.output.lower().endswith(".xlsx")
                                   else "ids")
        summary = run_batch(scheme, rows, args.output, lang=args.lang, source=args.input,
                            observe=observe, jobs=jobs, headers=headers)
    more = summary.rejected - listed
    alone = jobs > 1 and summary.processes == 1  # a small input: no pool
    lang = "zh" if zh else "en"
    print(render("batch.done", {
        "rows": summary.rows, "scored": summary.scored, "rejected": summary.rejected,
        "more": render("batch.more", {"more": more}, lang) if more else "",
        "alone": render("batch.alone", {}, lang) if alone else "", "seconds": summary.seconds,
        "rate": summary.rate, "output": args.output}, lang))
    if args.report is not None:
        _unit_reports(scheme, args, "zh" if zh else "en")
    return EXIT_REJECTED if summary.rejected else EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    """Exit 0 when no unit has a finding, 1 when any has; one unit prints its table with the
    核查 column, many units one line per finding and a summary."""
    scheme = load(args.scheme, root=args.root)
    lang = language(args.lang, scheme.locale)
    if args.format == "xlsx" and not args.output:
        raise UsageError.of("PS045.xlsx", lang=lang)
    if args.output:
        _not_an_input(args.output, args.records, lang)
    auditor = Auditor(scheme, tolerance=args.tolerance, sum_tolerance=args.sum_tolerance,
                      lang=lang)
    audits = itertools.chain.from_iterable(
        _audited(auditor, path, args.id_field, lang) for path in args.records)
    first = list(itertools.islice(audits, 2))
    if not first:
        raise UsageError.of("PS041.empty", file=args.records[-1], lang=lang)
    audits = itertools.chain(first, audits)
    if args.format == "xlsx":
        tally = write_xlsx(audits, lang, args.output)
        for line in tally.lines(lang):
            print(shown(line))
        return EXIT_REJECTED if tally.flagged else EXIT_OK
    with contextlib.ExitStack() as stack:
        out = (stack.enter_context(open(args.output, "w", encoding="utf-8"))
               if args.output else sys.stdout)
        if args.format == "json":  # one unit too: a script reads every folder alike
            return EXIT_REJECTED if write_json(audits, lang, out).flagged else EXIT_OK
        if len(first) == 1:
            if args.format == "markdown":
                out.write(audit_markdown(first[0], lang))
            else:
                print_audit(first[0], lang, Console(
                    file=out, width=None if out.isatty() else 160))
            return EXIT_OK if first[0].clean else EXIT_REJECTED
        tally = Tally()
        bullet = "- " if args.format == "markdown" else ""
        for audit in audits:
            tally.add(audit)
            for finding in audit.findings:
                line = finding.describe(lang)
                out.write(bullet + (escape(line) if bullet else shown(line)) + "\n")
        out.write("\n" if tally.flagged else "")
        for line in tally.lines(lang):
            out.write((escape(line) if bullet else shown(line)) + "\n")
    return EXIT_REJECTED if tally.flagged else EXIT_OK


_RECORD_FILES = ("csv", "jsonl", "xlsx", "yaml", "yml", "json")
"""The files of a folder given to ``perfscore audit`` that it reads."""


def _not_an_input(output: str, records: Sequence[str], lang: str) -> None:
    """Refuse an output that is one of the files audited, however named, or a record file
    (JSON, CSV, …) that would be written into a folder audited: written over, a submission
    is lost (a JSON output of an input read as it is written grows without end); written
    beside them, it would be read as one."""
    read = os.path.splitext(output)[1].lower().lstrip(".") in _RECORD_FILES
    for path in records:
        inside = read and os.path.isdir(path) and os.path.samefile(
            path, os.path.dirname(os.path.abspath(output)))
        if inside or (os.path.exists(output) and os.path.exists(path)
                      and os.path.samefile(path, output)):
            raise UsageError.of("PS046.same", {"path": output}, file=output, lang=lang)


def _audited(auditor: Auditor, path: str, id_field: str | None, lang: str
             ) -> Iterator[Audit]:
    """The units of one RECORD argument audited: a sheet's rows, a YAML/JSON list's items,
    one record (named by its id, else by its file), or every such file in a folder (not its
    subfolders). A record file that cannot be parsed is an AU100; one that does not exist is
    a usage error."""
    scheme, name = auditor.scheme, id_field or "id"
    if os.path.isdir(path):  # a folder of submissions: every record file in it, by name
        for entry in sorted(os.scandir(path), key=lambda e: e.name):
            if entry.is_file() and not entry.name.startswith(".") and \
                    os.path.splitext(entry.name)[1].lower().lstrip(".") in _RECORD_FILES:
                yield from _audited(auditor, entry.path, id_field, lang)
        return
    if is_table(path):
        yield from auditor.rows(_records(scheme, path, name, id_field is not None, lang),
                                file=path)
        return
    try:
        data, document = read_record(path, lang)
    except RecordError as error:
        yield Audit(path, None, Reported(), (Finding("AU100", file=path, line=error.line,
                                                     errors=error.errors),), path)
        return
    listed = data if isinstance(data, list) else [data]
    for index, record in enumerate(listed):
        at: tuple[str | int, ...] = (index,) if isinstance(data, list) else ()
        unit = None if isinstance(data, list) else path
        if isinstance(record, dict):
            if name in record:
                unit = unit if record[name] is None else str(record[name])
                if name not in scheme.inputs:
                    record = {k: v for k, v in record.items() if k != name}
            record = auditor.unit_record(record)
        position = document.pos(at)
        yield auditor.audit(record if record is not None else {}, unit=unit, file=path,
                            line=None if position is None else position.line,
                            lines=_lines_in(document, at),
                            document=None if at else document)


def _records(scheme: Scheme, path: str, id_field: str, require_id: bool, lang: str
             ) -> Iterator[Row]:
    """The records of a file for ``batch`` and ``audit``."""
    rows = read_rows(path, id_field=id_field, labels=input_labels(scheme),
                     keep_id=id_field in scheme.inputs, require_id=require_id, lang=lang)
    return _gathered(rows, path, sections_of(scheme))


def _gathered(rows: Iterator[Row], path: str, sections: Mapping[str, str]) -> Iterator[Row]:
    """A sheet (CSV, XLSX) of 自评表 rows as one record per unit; any other file as it is."""
    if sections and format_of(path) in ("csv", "xlsx"):
        return gather(rows, sections)
    return rows


def _undeclared_names(schemes: tuple[Scheme, ...], rows: Iterator[Row], id_field: str,
                      told: bool, lang: str) -> Iterator[Row]:
    """The rows, after saying which column of the first looks like the units' names although
    no scheme declares it (单位, 项目名称: text that is no input, label or id field): it
    rejects every row, and ``--id-field`` is what was meant. A first row that cannot be
    read says so by the fields read of it (a sheet of 自评表 lines with no id column was
    taken for one unit, whose 单位 differs from line to line)."""
    first = next(rows, None)
    if first is None:
        return iter(())
    names = {name for scheme in schemes for name in scheme.inputs}
    labels = {label for scheme in schemes for label in input_labels(scheme)}
    data = first.data.fields if isinstance(first.data, Unreadable) else first.data
    if not told and isinstance(data, Mapping):
        for column, value in data.items():
            if (isinstance(column, str) and column not in names
                    and column not in labels and column != id_field
                    and isinstance(value, str) and not _numeric(value)):
                _say("cli.id_field", lang, column=column)
                break
    return itertools.chain([first], rows)


def _numeric(text: str) -> bool:
    try:
        Decimal(text.strip().rstrip("%"))
    except InvalidOperation:
        return False
    return True


def _unit_reports(scheme: Scheme, args: argparse.Namespace, lang: str) -> None:
    """``batch --report DIR``: each scored unit's 自评表 as DIR/<id>.html (the row's line
    where the batch names no id); the input is read again, as the rows have been written."""
    rows = _records(scheme, args.input, args.id_field or "id", args.id_field is not None, lang)
    try:
        os.makedirs(args.report, exist_ok=True)
    except OSError as exc:
        raise UsageError.of("PS046", {"path": args.report, "reason": exc.strerror},
                            file=args.report, lang=lang) from None
    written = 0
    for row, outcome in score_rows(scheme, rows, lang):
        if isinstance(outcome, Result):
            name = _UNSAFE.sub("_", row.id) if row.id else f"line-{row.line}"
            write_report(outcome, os.path.join(args.report, f"{name}.html"), lang)
            written += 1
    print(render("batch.reports", {"written": written, "path": args.report}, lang))


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]|^\.+')
"""What a unit's id may not carry into a file name: separators, what Windows refuses, a
leading dot (a hidden file, or ``..``)."""

_LISTED = 20
"""Rejected rows listed on the terminal; the output file has them all."""


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], style: str) -> None:
    """Rows as a rich table, Markdown or CSV; CSV on standard output is both a table and text
    on a terminal, so its cells are made safe for both."""
    if style == "csv":
        writer = csv.writer(sys.stdout)
        for row in (headers, *rows):
            writer.writerow([sheet_cell(shown(c)) for c in row])
    elif style == "markdown":
        print("| " + " | ".join(escape(h) for h in headers) + " |")
        print("|" + " --- |" * len(headers))
        for row in rows:
            print("| " + " | ".join(escape(c) for c in row) + " |")
    else:
        table = Table(*headers)
        for row in rows:
            table.add_row(*map(plain_text, row))
        Console(width=None if sys.stdout.isatty() else 160).print(table)


def _schema(args: argparse.Namespace) -> int:
    schema = (format_schema() if args.file_format
              else load(args.scheme, root=args.root).json_schema())
    print(json.dumps(schema, ensure_ascii=False, indent=2))
    return EXIT_OK


class _Stopped(KeyboardInterrupt):
    """A signal that stops a command as Ctrl-C does, unwinding it so that the files it was
    writing are removed."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _stop(number: int, _: FrameType | None) -> None:
    raise _Stopped(number)


@contextlib.contextmanager
def _signals() -> Iterator[None]:
    """SIGTERM and SIGHUP stop the command as Ctrl-C does (only the main thread can ask)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    numbers = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {number: signal.signal(number, _stop) for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _say(key: str, lang: str | None, **params: object) -> None:
    """A one-line message of perfscore itself on standard error, in ``--lang`` (else English)."""
    print(f"perfscore: {render(key, params, lang or 'en')}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    command = {"score": _score, "check": _check, "test": _test, "schema": _schema,
               "list": _list, "show": _show, "diff": _diff, "impact": _impact,
               "batch": _batch, "audit": _audit, "report": _report_command,
               "manual": _manual, "template": _template}[args.command]
    lang = getattr(args, "lang", None)
    if args.rules:  # the folders given come first, then the ones the environment names
        os.environ[PATH_VARIABLE] = os.pathsep.join(
            [*args.rules, *filter(None, [os.environ.get(PATH_VARIABLE)])])
    for stream in (sys.stdout, sys.stderr):  # any text can be written, a lone surrogate too
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        with _signals():
            code = command(args)
            sys.stdout.flush()  # a full disk is found here, not when Python exits
        return code
    except RecordError as error:
        _report(error)
        return EXIT_REJECTED
    except OutputError as error:
        _report(error)
        return EXIT_FAILED
    except PerfscoreError as error:
        _report_scheme(error, lang)
        return EXIT_INVALID
    except KeyboardInterrupt as stop:
        _say("cli.interrupted", lang)
        return 128 + (stop.number if isinstance(stop, _Stopped) else signal.SIGINT)
    except OSError as exc:  # standard output: a full disk, `perfscore … | head`
        with contextlib.suppress(OSError, ValueError):  # nor again when Python exits
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        _say("cli.output", lang, problem=exc.strerror or type(exc).__name__)
        return EXIT_FAILED
    except Exception as exc:  # a bug: one line all the same, and its own exit code
        _say("cli.internal", lang, problem=f"{type(exc).__name__}: {exc}")
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
