"""Bounds on what a scheme or a record may ask of us.

Scheme files and records are untrusted (see SECURITY.md): each limit here turns a way to exhaust
memory or CPU into a clear error. They are generous for real rule files, where an expression is a
line and a record a few dozen fields.
"""

from __future__ import annotations

MAX_FILE_BYTES = 2_000_000
"""A scheme or record file larger than this is refused before it is parsed."""
MAX_YAML_DEPTH = 64
"""Nesting of YAML mappings and sequences."""
MAX_YAML_NODES = 200_000
"""YAML values visited while building a document, aliases counted each time they are used."""
MAX_YAML_ALIASES = 100
"""Alias uses (``*name``) in one document."""

MAX_EXPRESSION_LENGTH = 2_000
"""Characters in one expression."""
MAX_EXPRESSION_DEPTH = 40
"""Nesting of one expression's syntax tree."""
MAX_EXPRESSION_NODES = 500
"""Syntax tree nodes in one expression."""
MAX_POWER_EXPONENT = 10
"""``x ** n`` needs an integer literal ``n`` with ``|n|`` at most this."""
MAX_COLLECTION_LITERAL = 100
"""Items in a tuple or list literal such as ``x in ("a", "b")``."""
MAX_GENERATED_ITEMS = 100_000
"""Items that generator expressions may yield in one evaluation."""

MAX_NUMBER_DIGITS = 28
"""Significant digits of a number in a scheme or record; also the arithmetic precision."""
MAX_NUMBER_EXPONENT = 18
"""A number's magnitude: ``|adjusted exponent|`` at most this (1e18 is far above any budget)."""
MAX_TEXT_LENGTH = 10_000
"""Characters in a text input."""
MAX_LIST_ROWS = 10_000
"""Rows in a ``list`` input."""
