"""Loading a scheme file and scoring records with it: the public ``Scheme``.

Loading runs every check once (YAML, format, expressions, rules) and collects all problems;
a loaded scheme is immutable and scores any number of records.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel, ValidationError

from ._audit.audit import Auditor
from ._audit.findings import Audit
from ._batch.readers import is_table
from ._common.errors import Diagnostic, PerfscoreError, RecordError, SchemeError, UsageError
from ._common.language import Lang, language
from ._common.limits import MAX_FILE_BYTES
from ._common.messages import Term
from ._common.numbers import exact
from ._common.text import quoted
from ._expr.translate import within_limits
from ._model.build import compile_scheme
from ._model.checks import check_document
from ._model.document import SchemeDoc
from ._model.tree import BESIDE, Indicator, inputs_read
from ._score.admit import Admit, Quick, build_admit, build_then, refuse
from ._score.explain import fixed_texts
from ._score.notes import NO_NOTES, read_notes, split
from ._score.record import build_model, record_errors, refused_defaults, scope_of
from ._score.result import Context, Provenance, Rejection, Result, json_number
from ._score.scorer import Scorer, Setting
from ._source.editions import Source, read_source, resolve, source_of
from ._source.format import NUMERIC_TYPES, RESERVED_KEYS, Case, InputSpec, Settings
from ._source.registry import find, is_reference
from ._source.yaml import Document, decode, parse, read_text, require_file
from ._testing.cases import CaseOutcome, CaseSet, read_cases, run_case
from ._testing.mutate import Edits, Mutant, MutationReport, edited, mutants, mutation_test
from ._testing.properties import check_properties
from ._testing.verdict import PropertyOutcome

if TYPE_CHECKING:
    class Record(BaseModel):
        """A scheme's record model as type checkers see it: its fields are the scheme's
        inputs, known only when the scheme is loaded, so any field reads as ``Any``."""

        def __init__(self, **data: Any) -> None: ...

        def __getattr__(self, name: str) -> Any: ...
else:
    Record = BaseModel


def load(path: str | os.PathLike[str], *, root: str | None = None) -> Scheme:
    """Load and check a scheme file and what it ``extends``; raises SchemeError carrying every
    problem found.

    ``path`` may also name an installed scheme, ``changning.key-projects@2024`` (no edition:
    the latest). ``root`` bounds the folder ``extends`` may reach (default: the file's own
    folder tree).
    """
    file = os.fspath(path)
    if is_reference(file):
        file = find(file).path
    with _collector_paused():
        return _build(read_source(file), root)


def loads(text: str, *, file: str = "<string>", root: str | None = None) -> Scheme:
    """Load a scheme from its YAML text; ``file`` names it in errors and anchors ``extends``."""
    with _collector_paused():
        return _build(source_of(text, file), root)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a scheme loads: loading allocates a node
    for every YAML value, every position and every expression's tree, all of it kept, and each
    collection that this triggers walks every object alive (13 % of a 3,000-leaf load). Code
    generation pauses it too (``_score/codegen.py``); cycles made meanwhile are collected once
    it runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@exact
def _build(source: Source, root: str | None,
           read: Callable[[str], Source] = read_source) -> Scheme:
    document, digest, chain = resolve(source, root, read)
    file = document.file
    if not isinstance(document.data, dict):
        raise SchemeError.of("PS010", file=file, line=1, column=1)
    doc = check_document(document, extends=len(chain) > 1)
    return Scheme(doc, document, digest, chain, root)


def _restore(texts: dict[str, str], top: str, root: str | None) -> Scheme:
    """Rebuild a pickled scheme from the texts of its files, without touching the disk.

    A process keeps the last few schemes it rebuilt, keyed by those texts: a dask worker
    receives the scheme with every task (every partition), and compiling it for each cost more
    than scoring a small partition. A scheme is not changed by scoring, so one copy serves all.
    """
    return _rebuilt(tuple(sorted(texts.items())), top, root)


@functools.lru_cache(maxsize=8)
def _rebuilt(texts: tuple[tuple[str, str], ...], top: str, root: str | None) -> Scheme:
    files = dict(texts)

    def read(path: str) -> Source:
        key = os.path.abspath(path)
        if key not in files:
            raise SchemeError.of("PS020.missing", {"path": path}, file=path)
        return source_of(files[key], path)
    with _collector_paused():
        return _build(read(top), root, read)


class Scheme:
    """A loaded, checked scheme: scores records and describes them.

    ``Record`` is the pydantic model of its records, generated from ``inputs``.
    """

    def __init__(self, doc: SchemeDoc, document: Document, sha256: str,
                 chain: tuple[Source, ...], root: str | None) -> None:
        compiled = compile_scheme(doc, document)
        self.id: str = doc.id
        self.edition: str = doc.edition
        self.title: str = doc.title
        self.locale: str = doc.locale
        self.file: str = document.file
        self.sha256: str = sha256
        self._sources = {os.path.abspath(s.document.file): s.text for s in chain}
        self._texts = {s.document.file: s.text for s in chain}  # by the name each was read as
        self._root = root
        # What only checking, testing and showing need — the document with every position
        # (half of what a large scheme held) and its validated form — is read again from the
        # texts when asked for; a scheme made from an edited document keeps them.
        self._kept: tuple[SchemeDoc, Document] | None = None if chain else (doc, document)
        self.settings: Settings = doc.settings
        self.inputs: Mapping[str, InputSpec] = doc.inputs
        self.indicators: tuple[Indicator, ...] = compiled.indicators
        self.grades = compiled.grades
        self.warnings: tuple[Diagnostic, ...] = compiled.warnings  # see perfscore.check
        refused = refused_defaults(doc.inputs, document)
        if refused:
            raise SchemeError.collect(refused)
        self.Record: type[Record] = cast(type[Record], build_model(
            "Record", doc.inputs, extra=doc.settings.extra_inputs, title=f"{doc.id} {doc.edition}"))
        self._admitting: Admit | None = None  # made on the first score (``_admit``)
        self._quickly: Quick | None = None  # made on the first score of a plain dict (``_quick``)
        # records with keys beside the inputs refused: one the admit function takes has no
        # notes (偏差原因, 不适用, …) to read
        self._bare = doc.settings.extra_inputs == "reject"
        # a record's notes (偏差原因, 不适用, what a unit reported), unless inputs are so named
        self._reserved = tuple(key for key in RESERVED_KEYS if key not in doc.inputs)
        labels = {name: spec.label or name for name, spec in doc.inputs.items()}
        # the inputs a validated record always has: the fast path reads them unguarded
        present = self._present = frozenset(name for name, spec in doc.inputs.items()
                                            if spec.required or spec.default is not None)
        maxima, targets = fixed_texts(compiled.indicators)
        self._reads = inputs_read(compiled, doc.inputs)
        # the numeric inputs, whose values the number limits bound (``translate.settled``)
        self._numbers = frozenset(name for name, spec in doc.inputs.items()
                                  if spec.type in NUMERIC_TYPES
                                  and name not in ("points", "value", "target"))
        self._ids = [node.id for root in compiled.indicators for node in root.walk()]
        self._models: dict[frozenset[str], type[BaseModel]] = {}
        self._scorer = Scorer(compiled, doc.settings, Context(doc.locale, labels, maxima, targets),
                              (doc.id, doc.edition, doc.title), document.file, present,
                              self._numbers,
                              ask_reasons=doc.perfscore == "1.1",
                              header=tuple((name, labels[name], _unit_of(doc.inputs[name]))
                                           for name in compiled.header),
                              budget_unit=None if compiled.budget is None
                              else doc.inputs[compiled.budget.initial].unit)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickles as the text of its files and is recompiled on load: small, and safe to
        ship to workers (a compiled function cannot be pickled anyway)."""
        return _restore, (self._sources, os.path.abspath(self.file), self._root)

    def __repr__(self) -> str:
        return f"<Scheme {self.id}@{self.edition} from {self.file}>"

    def _admit(self) -> Admit:
        """The function admitting a plain record without the model, made on first use, as the
        scorer is: a scheme loaded to be checked, described or compared reads no record."""
        self._admitting = build_admit(self.inputs, self.settings.extra_inputs)
        return self._admitting

    def _quick(self) -> Quick:
        """The admit function followed by the generated scorer, in one (``build_then``), made
        on first use; for a scheme whose methods evaluate expressions in the record's scope
        (``run``) or whose expressions spend from a budget, one that takes no record: those
        go the longer way, which makes the ``run`` and would refill the budget before a
        record that failed is scored again to word its errors."""
        scorer = self._scorer
        fast = scorer.generated(reference=False)
        self._quickly = refuse if fast.runs or scorer.budgeted else build_then(
            self.inputs, self.settings.extra_inputs, fast.function, None, None, NO_NOTES)
        return self._quickly

    def _admitted(self, record: dict[str, Any]) -> dict[str, Any] | None:
        """The record's scope by the admit function, or None: the model is to read it."""
        admit = self._admitting or self._admit()
        try:
            return admit(record)
        except Exception:  # a key of the caller's failed to hash or compare: the model
            return None  # path reads the record again and says so

    def _skipped(self, not_applicable: Mapping[str, str]) -> frozenset[str]:
        """Inputs read by the indicators declared 不适用 and by nothing else: no other
        indicator, no check, veto, heading or budget block."""
        reads = self._reads
        leaves = [node for root in self.indicators for node in root.walk()
                  if node.is_leaf or node.rows is not None]
        used = reads[BESIDE].union(*(reads[n.id] for n in leaves if n.id not in not_applicable))
        return frozenset().union(*(reads[n.id] for n in leaves
                                   if n.id in not_applicable)) - used

    def _model_without(self, skipped: frozenset[str]) -> type[BaseModel]:
        """The record model with ``skipped`` inputs optional (made once per such set)."""
        if not skipped:
            return self.Record
        model = self._models.get(skipped)
        if model is None:
            inputs = {name: spec.model_copy(update={"required": False}) if name in skipped
                      else spec for name, spec in self.inputs.items()}
            model = build_model("Record", inputs, extra=self.settings.extra_inputs,
                                title=f"{self.id} {self.edition}")
            if len(self._models) < 64:
                self._models[skipped] = model
        return model

    @property
    def spec(self) -> SchemeDoc:
        """The validated scheme document."""
        return self._load_time()[0]

    @property
    def document(self) -> Document:
        """The merged YAML document, with where each key and value was written."""
        return self._load_time()[1]

    def _load_time(self) -> tuple[SchemeDoc, Document]:
        if self._kept is None:
            texts = self._texts

            def read(path: str) -> Source:
                if path not in texts:  # PERFSCORE_PATH now names another installed scheme
                    raise SchemeError.of("PS020.missing", {"path": path}, file=path)
                return source_of(texts[path], path)
            with _collector_paused():
                document, _, chain = resolve(read(self.file), self._root, read)
                self._kept = check_document(document, extends=len(chain) > 1), document
        return self._kept

    @exact
    def validate(self, record: Mapping[str, Any] | BaseModel, *, lang: str | None = None,
                 document: Document | None = None, file: str | None = None,
                 model: type[BaseModel] | None = None) -> BaseModel:
        """The record as a ``Record``; raises RecordError naming every bad field and its label.

        ``document`` (from a YAML record file) lets errors point at lines.
        """
        return self._validate(record, lang, document, file, model)

    def _validate(self, record: Mapping[str, Any] | BaseModel, lang: str | None,
                  document: Document | None, file: str | None,
                  model: type[BaseModel] | None = None) -> BaseModel:
        model = model or self.Record
        if isinstance(record, model):
            return record
        if isinstance(record, BaseModel):
            record = record.model_dump()
        if not isinstance(record, Mapping):
            raise RecordError.of("PS300", file=file, lang=language(lang, self.locale))
        try:
            return model.model_validate(record)
        except ValidationError as exc:
            errors = record_errors(exc, self.inputs, language(lang, self.locale), file, document)
            raise RecordError.collect(errors) from None
        except Exception as exc:  # the caller's mapping, or a value in it, failed as it was read
            raise _unreadable(exc, file, language(lang, self.locale)) from None

    def score(self, record: Mapping[str, Any] | BaseModel, *, lang: str | None = None,
              document: Document | None = None, file: str | None = None,
              reference: bool = False) -> Result:
        """Score one record (a mapping or a ``Record``); raises RecordError if it is rejected.

        ``reference=True`` evaluates with simpleeval instead of the compiled fast path: slower,
        and proven to give identical results (tests/test_fast_path.py).
        """
        return self._score(record, lang=lang, document=document, file=file,
                           reference=reference)

    def _score(self, record: Mapping[str, Any] | BaseModel, *, lang: str | None,
               document: Document | None, file: str | None, reference: bool = False,
               lenient: bool = False, setting: Setting | None = None, quick: bool = True
               ) -> Result:
        """Score one record; ``lenient`` (for an audit) turns a row's mistakes into flags;
        ``setting`` is a stream's, made once for all its records and entered for this one
        (``score_many``); ``quick=False``: the one-call path refused the record already."""
        if setting is None:  # a record alone: a setting of its own
            setting = self._scorer.setting()
            with setting:
                return self._score(record, lang=lang, document=document, file=file,
                                   reference=reference, lenient=lenient, setting=setting)
        chosen = self._scorer.context.lang if lang is None else language(lang, self.locale)
        notes = NO_NOTES
        # where keys beside the inputs are refused, a record the admit function takes holds
        # the inputs alone: no notes (偏差原因, 不适用, …) to read
        tried = type(record) is dict and self._bare and not lenient
        if tried and quick and not reference:  # admitted and scored in one call, most records
            result = self._quickly_scored(record, file, chosen)  # type: ignore[arg-type]
            if result is not None:
                return result
        scope = self._admitted(record) if tried else None  # type: ignore[arg-type]
        provenance: Provenance | None = None
        if scope is None:
            reserved: dict[str, Any] = {}
            if type(record) is dict or isinstance(record, Mapping):  # the usual kind first
                try:
                    record, reserved = split(record, self._reserved)
                except Exception as exc:  # the caller's mapping failed as it was read
                    raise _unreadable(exc, file, chosen) from None
            if reserved or lenient:
                notes = read_notes(reserved, self.indicators, lenient=lenient, file=file,
                                   lang=chosen)
            model_type: type[BaseModel] = self.Record
            if notes.not_applicable and isinstance(record, Mapping):
                skipped = self._skipped(notes.not_applicable)
                ignored = tuple(name for name in self.inputs
                                if name in skipped and name in record)
                record = {k: v for k, v in record.items() if k not in skipped}
                notes = dataclasses.replace(notes, ignored=ignored)
                model_type = self._model_without(skipped)
                # the compiled path takes a required input as always there: a check that
                # reads one left out is evaluated as for an optional input, by the reference
                # path
                reference = reference or any(self.inputs[name].required for name in skipped)
            if type(record) is dict and model_type is self.Record and (reserved or not tried):
                scope = self._admitted(record)
            if scope is None:
                model = self._validate(record, chosen, document, file, model_type)
                scope, provenance = scope_of(model), Provenance(self.sha256, model)
                # a model instance is taken as it comes: one the caller did not validate may
                # hold numbers the fast path's bounds do not cover (``translate.settled``)
                reference = reference or not within_limits(scope, self._numbers,
                                                           self._present)
        if provenance is None:  # validated and hashed if asked, from a copy of the record
            provenance = Provenance(self.sha256, dict(record), self.Record)
        return self._scorer.score(scope, provenance, file, reference=reference, lang=chosen,
                                  notes=notes)

    def _quickly_scored(self, record: dict[str, Any], file: str | None, lang: Lang
                        ) -> Result | None:
        """The result of a plain record with nothing but its inputs, admitted and scored in
        one call (``_quick``), under the setting the caller entered; None where it is to go
        the longer way, which scores a record this refuses again and words its errors in the
        caller's language and file."""
        quick = self._quickly or self._quick()
        try:
            quickly = quick(record)
        except Exception:
            return None
        if quickly is None:
            return None
        return self._scorer.result(quickly[0], quickly[1],
                                   Provenance(self.sha256, dict(record), self.Record), file,
                                   lang, NO_NOTES)

    def score_many(self, records: Iterable[Mapping[str, Any] | BaseModel], *,
                   id_field: str | None = None, lang: str | None = None
                   ) -> Iterator[Result | Rejection]:
        """Score records as they stream by, yielding one outcome per input, in order: a Result,
        or a Rejection with the row's index, its id and every error. A record that fails —
        even for a reason that is the scheme's fault — never stops the others.

        ``id_field`` names the field that identifies a row; it is taken out of the record
        unless the scheme declares it as an input.
        """
        setting = self._scorer.setting()  # entered for each record, never across a yield
        try:  # a language that cannot be read is read again for each record, which says so
            chosen: Lang | None = self._scorer.context.lang if lang is None \
                else language(lang, self.locale)
        except Exception:
            chosen = None
        one_call = self._bare and chosen is not None
        for index, record in enumerate(records):
            row_id = None
            outcome: Result | Rejection | None = None
            try:
                if id_field is not None and isinstance(record, Mapping) and id_field in record:
                    given = record[id_field]
                    row_id = None if given is None else str(given)
                    if id_field not in self.inputs:
                        record = {k: v for k, v in record.items() if k != id_field}
                tried = one_call and type(record) is dict
                with setting:
                    if tried:
                        outcome = self._quickly_scored(record, None, chosen)  # type: ignore[arg-type]
                    if outcome is None:
                        outcome = self._score(record, lang=lang, document=None, file=None,
                                              setting=setting, quick=not tried)
            except PerfscoreError as error:
                outcome = Rejection(index, row_id, error.errors)
            yield outcome

    def audit(self, record: Mapping[str, Any] | BaseModel, *, tolerance: Decimal | None = None,
              sum_tolerance: Decimal | None = None, lang: str | None = None,
              document: Document | None = None, file: str | None = None) -> Audit:
        """Recompute a record a unit has already scored and compare (SPEC §9): what it
        reported is ``record["reported"]`` (``{total, grade, items: {id: points}}``). Never
        raises for what the record holds: a record that cannot be scored is an AU100 finding
        carrying every error. ``tolerance`` (per item) and ``sum_tolerance`` (totals) default
        to ``settings.audit``."""
        auditor = Auditor(self, tolerance=tolerance, sum_tolerance=sum_tolerance, lang=lang)
        return auditor.audit(record, file=file, document=document,
                             lines=None if document is None else _lines_in(document, ()))

    def audit_many(self, records: Iterable[Mapping[str, Any] | BaseModel], *,
                   id_field: str | None = None, tolerance: Decimal | None = None,
                   sum_tolerance: Decimal | None = None, lang: str | None = None
                   ) -> Iterator[Audit]:
        """Audit records as they stream by, one Audit per input, in order; nothing is kept
        from one record to the next. ``id_field`` names each unit, as in ``score_many``."""
        auditor = Auditor(self, tolerance=tolerance, sum_tolerance=sum_tolerance, lang=lang)
        for record in records:
            unit = None
            if id_field is not None and isinstance(record, Mapping) and id_field in record:
                given = record[id_field]
                unit = None if given is None else str(given)
                if id_field not in self.inputs:
                    record = {k: v for k, v in record.items() if k != id_field}
            yield auditor.audit(record, unit=unit)

    @functools.cached_property
    def case_set(self) -> CaseSet:
        """The worked cases with where each was written; a ``cases: file.yaml`` is read (and
        checked, raising SchemeError) on first use, since scoring never needs it."""
        return read_cases(self.spec, self.document, self._root)

    @property
    def cases(self) -> tuple[Case, ...]:
        return self.case_set.cases

    @exact
    def run_cases(self, lang: str | None = None) -> list[CaseOutcome]:
        """Score every worked case of the scheme against its ``expect``."""
        return [run_case(self, case, lang, where) for case, where in self.case_set]

    def generated_source(self, *, reference: bool = False) -> str:
        """The Python function this scheme scores with, as source: perfscore's statement
        templates with each expression's translated tree written in (``reference=True``: the
        function the simpleeval reference path runs). For a developer chasing a difference
        between the two paths; the text is not a stable interface."""
        return self._scorer.generated(reference=reference).source

    def check_properties(self, *, seed: int = 0, examples: int = 100
                         ) -> list[PropertyOutcome]:
        """Check every declared property on ``examples`` generated records each, as
        ``perfscore test`` does; the same seed gives the same verdicts. Needs hypothesis
        (UsageError PS051 without it)."""
        return check_properties(self, seed=seed, examples=examples)

    def edited(self, edits: Edits) -> Scheme:
        """This scheme with its document edited — (path, new value) pairs, as a ``Mutant``
        carries them — and checked again as a loaded file is; raises SchemeError."""
        document = dataclasses.replace(self.document, data=edited(self.document.data, edits))
        doc = check_document(document, extends=len(self._sources) > 1)
        return Scheme(doc, document, self.sha256, (), self._root)

    def mutants(self) -> list[Mutant]:
        """The small mistakes ``perfscore test --mutate`` makes in this scheme's rules."""
        return mutants(self)

    def mutation_score(self, *, seed: int = 0, examples: int = 100) -> MutationReport:
        """Run the worked cases, then the declared properties, against every mutant: the
        report holds each mutant's fate, the survivors and the score."""
        return mutation_test(self, seed=seed, examples=examples)

    def json_schema(self) -> dict[str, Any]:
        """JSON Schema of this scheme's records (bounds as JSON numbers)."""
        schema = self.Record.model_json_schema()
        texts = {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}}
        schema["properties"].update({} if self.spec.perfscore == "1.0" else {
            # the record keys beside the inputs (SPEC §8.3, §9)
            "reasons": {**texts, "title": "偏差原因", "propertyNames": {"enum": self._ids}},
            "not_applicable": {**texts, "title": "不适用", "propertyNames": {"enum": self._ids}},
            "reported": {"type": "object", "title": "自评结果"}})
        converted: dict[str, Any] = json.loads(json.dumps(schema, default=json_number))
        return converted


def _lines_in(document: Document, at: tuple[str | int, ...]
              ) -> Callable[[tuple[str | int, ...]], int | None]:
    """Where a path of the record at ``at`` in ``document`` is written (the nearest written
    part of it: the record's own line at worst)."""
    def line(path: tuple[str | int, ...]) -> int | None:
        pos = document.pos((*at, *path))
        return None if pos is None else pos.line
    return line


def _unreadable(exc: Exception, file: str | None, lang: str) -> RecordError:
    return RecordError.of("PS300.read", {"why": f"{type(exc).__name__}: {quoted(str(exc))}"},
                          file=file, lang=lang)


def _unit_of(spec: InputSpec) -> str | None:
    """The unit an input's values are shown in: ``percent`` for a percent input."""
    return "percent" if spec.type == "percent" else spec.unit


def read_record(path: str, lang: str = "en") -> tuple[Any, Document]:
    """A record file (YAML or JSON, ``-`` for stdin) as data with positions; UTF-8, or
    GB18030 as every record file. A file of many records (CSV, JSONL, XLSX) is a UsageError
    worded in ``lang`` that points to ``perfscore batch``."""
    chosen = language(lang)
    try:
        if path == "-":
            name = "<stdin>"
            text = decode(sys.stdin.buffer.read(MAX_FILE_BYTES + 1), name, RecordError,
                          records=True)
        else:
            require_file(path, UsageError, Term("record file", "记录文件"), chosen)
            if is_table(path):
                raise UsageError.of("PS041.workbook", {"path": path}, file=path, lang=lang)
            text = read_text(path, RecordError, records=True)
            name = path
        document = parse(text, name, RecordError)
    except RecordError as error:  # a key twice, bad YAML, no text: in the record's language
        raise error.reword(chosen) from None
    return document.data, document
