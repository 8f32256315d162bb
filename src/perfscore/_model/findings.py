"""Collecting what checking one scheme finds — errors, which stop it from loading, and
warnings, which do not — each placed at the key, value or part of an expression it is about.
"""

from __future__ import annotations

import ast
from typing import Any

from .._common.errors import Diagnostic, ExpressionError, PerfscoreError, SchemeError
from .._common.messages import Hint
from .._expr.syntax import Expr, locate
from .._source.yaml import Document, Path


class Findings:
    """Every problem and warning about one scheme, in the order found."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.errors: list[PerfscoreError] = []
        self.warnings: list[Diagnostic] = []

    def error(self, key: str, path: Path, *, on_key: bool = False, where: str | None = None,
              suggestion: Hint | None = None, **params: Any) -> None:
        """A SchemeError ``key`` about the value (or, ``on_key``, the key) at ``path``."""
        self.errors.append(SchemeError.of(key, params, **self.document.at(path, key=on_key),
                                          where=where, suggestion=suggestion))

    def warning(self, key: str, path: Path, *, on_key: bool = False, where: str | None = None,
                suggestion: Hint | None = None, **params: Any) -> None:
        self.warnings.append(Diagnostic.warning(key, params, **self.document.at(path, key=on_key),
                                                where=where, suggestion=suggestion))

    def in_expression(self, key: str, expr: Expr, node: ast.AST | None, *,
                      suggestion: Hint | None = None, **params: Any) -> None:
        """An ExpressionError ``key`` about ``node`` of ``expr``, at its own line and column."""
        line, column = locate(expr.site, expr.text, node)
        self.errors.append(ExpressionError.of(key, params, file=expr.site.file, line=line,
                                              column=column, where=expr.site.where,
                                              suggestion=suggestion))
