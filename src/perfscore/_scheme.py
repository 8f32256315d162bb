"""Loading a scheme file and scoring records with it: the public ``Scheme``.

Loading runs every check once (YAML, format, expressions, rules) and collects all problems;
a loaded scheme is immutable and scores any number of records.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from ._cases import CaseOutcome, run_case
from ._compile import Indicator, compile_scheme
from ._editions import Source, read_source, resolve
from ._errors import PerfscoreError, RecordError, SchemeError, UsageError
from ._explain import check_template
from ._format import Case, InputSpec, SchemeDoc, Settings, pydantic_problems
from ._inputs import build_model, record_errors, scope_of
from ._registry import find, is_reference
from ._result import Context, Result, json_number, lang_of
from ._score import Scorer
from ._version import __version__
from ._yaml import Document, parse, read_text


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
    return _build(read_source(file), root)


def loads(text: str, *, file: str = "<string>", root: str | None = None) -> Scheme:
    """Load a scheme from its YAML text; ``file`` names it in errors and anchors ``extends``."""
    source = Source(parse(text, file, SchemeError), hashlib.sha256(text.encode()).hexdigest())
    return _build(source, root)


def _build(source: Source, root: str | None) -> Scheme:
    document, digest = resolve(source, root)
    file = document.file
    if not isinstance(document.data, dict):
        raise SchemeError("a scheme file must be a YAML mapping", file=file, line=1, column=1,
                          code="PS010")
    try:
        doc = SchemeDoc.model_validate(document.data)
    except ValidationError as exc:
        raise SchemeError.collect(_format_errors(exc, document)) from None
    _check_templates(doc, document)
    return Scheme(doc, document, digest)


def _format_errors(error: ValidationError, document: Document) -> list[PerfscoreError]:
    problems: list[PerfscoreError] = []
    for loc, is_key, message, suggestion in pydantic_problems(SchemeDoc, error):
        where = ".".join(str(p) for p in loc) or None
        problems.append(SchemeError(message, **document.at(loc, key=is_key), where=where,
                                    suggestion=suggestion, code="PS011" if is_key else "PS012"))
    return problems


def _check_templates(doc: SchemeDoc, document: Document) -> None:
    problems: list[PerfscoreError] = []

    def visit(specs: Any, path: tuple[str | int, ...]) -> None:
        for index, spec in enumerate(specs):
            here = (*path, index)
            if spec.children:
                visit(spec.children, (*here, "children"))
            elif spec.explain is not None and (problem := check_template(spec.explain)):
                problems.append(SchemeError(problem, **document.at((*here, "explain")),
                                            where=spec.id, code="PS118"))

    visit(doc.indicators, ("indicators",))
    if problems:
        raise SchemeError.collect(problems)


class Scheme:
    """A loaded, checked scheme: scores records and describes them.

    ``Record`` is the pydantic model of its records, generated from ``inputs``.
    """

    def __init__(self, doc: SchemeDoc, document: Document, sha256: str) -> None:
        compiled = compile_scheme(doc, document)
        self.spec: SchemeDoc = doc
        self.document: Document = document
        self.id: str = doc.id
        self.edition: str = doc.edition
        self.title: str = doc.title
        self.locale: str = doc.locale
        self.file: str = document.file
        self.sha256: str = sha256
        self.settings: Settings = doc.settings
        self.inputs: Mapping[str, InputSpec] = doc.inputs
        self.indicators: tuple[Indicator, ...] = compiled.indicators
        self.grades = compiled.grades
        self.cases: tuple[Case, ...] = tuple(doc.cases)
        self.Record: type[BaseModel] = build_model(
            "Record", doc.inputs, extra=doc.settings.extra_inputs, title=f"{doc.id} {doc.edition}")
        labels = {name: spec.label or name for name, spec in doc.inputs.items()}
        self._scorer = Scorer(compiled, doc.settings, Context(doc.locale, labels),
                              (doc.id, doc.edition, doc.title), document.file)

    def __repr__(self) -> str:
        return f"<Scheme {self.id}@{self.edition} from {self.file}>"

    def validate(self, record: Mapping[str, Any] | BaseModel, *, lang: str | None = None,
                 document: Document | None = None, file: str | None = None) -> BaseModel:
        """The record as a ``Record``; raises RecordError naming every bad field and its label.

        ``document`` (from a YAML record file) lets errors point at lines.
        """
        if isinstance(record, self.Record):
            return record
        if isinstance(record, BaseModel):
            record = record.model_dump()
        if not isinstance(record, Mapping):
            raise RecordError("a record must be a mapping of field names to values",
                              file=file, code="PS300")
        try:
            return self.Record.model_validate(record)
        except ValidationError as exc:
            errors = record_errors(exc, self.inputs, lang_of(lang, self.locale), file, document)
            raise RecordError.collect(errors) from None

    def score(self, record: Mapping[str, Any] | BaseModel, *, lang: str | None = None,
              document: Document | None = None, file: str | None = None) -> Result:
        """Score one record (a mapping or a ``Record``); raises RecordError if it is rejected."""
        model = self.validate(record, lang=lang, document=document, file=file)
        canonical = json.dumps(model.model_dump(mode="json"), sort_keys=True,
                               ensure_ascii=False, separators=(",", ":"))
        provenance = {
            "perfscore": __version__,
            "scheme_sha256": self.sha256,
            "record_sha256": hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
        }
        return self._scorer.score(scope_of(model), provenance, file)

    def run_cases(self, lang: str | None = None) -> list[CaseOutcome]:
        """Score every worked case of the scheme against its ``expect``."""
        return [run_case(self, case, lang) for case in self.cases]

    def json_schema(self) -> dict[str, Any]:
        """JSON Schema of this scheme's records (bounds as JSON numbers)."""
        schema = self.Record.model_json_schema()
        converted: dict[str, Any] = json.loads(json.dumps(schema, default=json_number))
        return converted


def read_record(path: str) -> tuple[Any, Document]:
    """A record file (YAML or JSON, ``-`` for stdin) as data with positions."""
    if path == "-":
        text = sys.stdin.read()
        name = "<stdin>"
    else:
        if not os.path.isfile(path):
            raise UsageError(f"no such record file: {path}", file=path, code="PS001")
        text = read_text(path, RecordError)
        name = path
    document = parse(text, name, RecordError)
    return document.data, document
