"""The exception tree.

Every user error is data: it carries where it happened (file, line, column), what it is about
(an indicator id or a record field), and a suggestion when one exists, so that the CLI can print
``file:line:col: error: message`` and a Python caller can act on the fields instead of parsing
text. Problems are collected, not raised one at a time: an exception that stands for several
problems keeps them all in ``errors``.

A problem made from the message catalog (``_messages``) keeps its key and arguments, so it can be
printed in the scheme's language; ``message`` is always the English text. ``Diagnostic`` is the
same data as a plain value, for ``perfscore.check``: errors and warnings (a warning never stops a
scheme from loading, so it is not an exception).

Every message and suggestion is made ``shown`` (``_text``) as it is made: a message is one line
on a terminal, whatever text of a scheme or record it quotes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, TypeVar

from .messages import Hint, Lang, render
from .text import shown

_E = TypeVar("_E", bound="PerfscoreError")


def _location(file: str | None, line: int | None, column: int | None) -> str:
    parts = [shown(file or "perfscore")]
    if line is not None:
        parts.append(str(line))
        if column is not None:
            parts.append(str(column))
    return ":".join(parts)


class PerfscoreError(Exception):
    """Base of every error perfscore raises for bad user input.

    ``errors`` holds every problem found (this error included, first), so one ``except``
    sees them all; ``where`` names the indicator, input or record field concerned, and
    ``label`` that field's label from the scheme.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        where: str | None = None,
        suggestion: Hint | None = None,
        code: str | None = None,
        label: str | None = None,
        key: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        message = shown(message)
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.where = where
        self.hint = suggestion
        self.suggestion = None if suggestion is None else shown(suggestion.render("en"))
        self.code = code
        self.label = label
        self.key = key
        self.params: Mapping[str, Any] = dict(params or {})
        self.errors: tuple[PerfscoreError, ...] = (self,)

    @classmethod
    def of(cls: type[_E], key: str, params: Mapping[str, Any] | None = None, *,
           file: str | None = None, line: int | None = None, column: int | None = None,
           where: str | None = None, suggestion: Hint | None = None, label: str | None = None,
           lang: str = "en") -> _E:
        """The problem ``key`` of the message catalog (``PS101`` or ``PS102.lambda``), its code
        the part before the dot, worded in ``lang`` (English unless said)."""
        error = cls(render(key, params or {}, lang), file=file, line=line, column=column,
                    where=where, suggestion=suggestion, code=key.split(".")[0], label=label,
                    key=key, params=params)
        if suggestion is not None:
            error.suggestion = shown(suggestion.render(lang))
        return error

    def reword(self: _E, lang: Lang, file: str | None = None) -> _E:
        """Every problem it stands for worded in ``lang`` where the catalog has its words,
        and placed in ``file`` where it has no file yet (raised far from the record's file)."""
        for error in self.errors:
            if error.key is not None:
                error.message = render(error.key, error.params, lang)
            if error.hint is not None:
                error.suggestion = shown(error.hint.render(lang))
            error.file = error.file or file
        return self

    @property
    def location(self) -> str:
        """``file:line:col`` with whatever parts are known."""
        return _location(self.file, self.line, self.column)

    def describe(self) -> str:
        """The one-line form the CLI prints: ``file:line:col: error: message``."""
        text = f"{self.location}: error: {self.message}"
        if self.suggestion:
            text += f" ({self.suggestion})"
        return text

    def __str__(self) -> str:
        lines = [e.describe() for e in self.errors]
        return "\n".join(lines)

    @classmethod
    def collect(cls, errors: Sequence[PerfscoreError]) -> PerfscoreError:
        """One exception standing for all ``errors``: the first, carrying the rest."""
        first = errors[0]
        first.errors = tuple(errors)
        return first


class SchemeError(PerfscoreError):
    """The scheme file is invalid: bad YAML, unknown keys, bad expressions or rules."""


class ExpressionError(SchemeError):
    """An expression uses syntax, a name or a function that the scheme language does not allow."""


class EvaluationError(SchemeError):
    """An expression failed while scoring in a way the load-time checks could not rule out.

    This is the scheme's fault (say, comparing a number with text), so it counts as a scheme
    error, not a rejected record.
    """


class RecordError(PerfscoreError):
    """The record was rejected: a field is invalid, missing or unknown, or a check failed.

    ``where`` is the field name, ``label`` its label from the scheme.
    """


class UsageError(PerfscoreError):
    """The command line or a call was wrong: a missing file, an unknown option value."""


class OutputError(PerfscoreError):
    """Output could not be written although the input was good: a full disk, a closed pipe.
    The command line exits 3 for it, as for any failure that is not the input's fault."""


Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding of ``perfscore.check``: an ``error`` (the scheme does not load) or a
    ``warning`` (it loads, but a careful reviewer would ask about it).

    ``message`` and ``suggestion`` are in one language; ``localized`` gives them in another,
    from ``key`` and ``params`` when the problem came from the message catalog.
    """

    severity: Severity
    code: str | None
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    where: str | None = None
    suggestion: str | None = None
    key: str | None = field(default=None, repr=False, compare=False)
    params: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    hint: Hint | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, error: PerfscoreError) -> Diagnostic:
        return cls("error", error.code, error.message, error.file, error.line, error.column,
                   error.where, error.suggestion, error.key, error.params, error.hint)

    @classmethod
    def warning(cls, key: str, params: Mapping[str, Any], *, file: str | None = None,
                line: int | None = None, column: int | None = None, where: str | None = None,
                suggestion: Hint | None = None) -> Diagnostic:
        return cls("warning", key.split(".")[0], render(key, params, "en"), file, line, column,
                   where, None if suggestion is None else suggestion.render("en"), key,
                   dict(params), suggestion)

    def localized(self, lang: Lang) -> Diagnostic:
        """The same finding with its words in ``lang`` (``zh`` or ``en``), message and
        suggestion both rendered from their catalog keys."""
        return replace(
            self, message=self.message if self.key is None else render(self.key, self.params, lang),
            suggestion=self.suggestion if self.hint is None else self.hint.render(lang))

    @property
    def location(self) -> str:
        return _location(self.file, self.line, self.column)

    def describe(self) -> str:
        """``file:line:col: warning: message (suggestion)``, as the CLI prints it."""
        text = f"{self.location}: {self.severity}: {self.message}"
        if self.suggestion:
            text += f" ({self.suggestion})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: file, line, column, severity, code, message, suggestion, where."""
        return {"file": self.file, "line": self.line, "column": self.column,
                "severity": self.severity, "code": self.code, "message": self.message,
                "suggestion": self.suggestion, "where": self.where}
