"""The exception tree.

Every user error is data: it carries where it happened (file, line, column), what it is about
(an indicator id or a record field), and a suggestion when one exists, so that the CLI can print
``file:line:col: error: message`` and a Python caller can act on the fields instead of parsing
text. Problems are collected, not raised one at a time: an exception that stands for several
problems keeps them all in ``errors``.
"""

from __future__ import annotations

from collections.abc import Sequence


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
        suggestion: str | None = None,
        code: str | None = None,
        label: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.where = where
        self.suggestion = suggestion
        self.code = code
        self.label = label
        self.errors: tuple[PerfscoreError, ...] = (self,)

    @property
    def location(self) -> str:
        """``file:line:col`` with whatever parts are known."""
        parts = [self.file or "perfscore"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

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
