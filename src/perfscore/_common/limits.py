"""Bounds on what a scheme or a record may ask of us.

Scheme files and records are untrusted (see SECURITY.md): each limit here turns a way to exhaust
memory or CPU into a clear error. They are generous for real rule files, where an expression is a
line and a record a few dozen fields. SECURITY.md gives the reason for each value; change both
together.
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
MAX_YAML_CHARACTERS = MAX_FILE_BYTES
"""Characters of text in one document, an aliased text counted each time it is used: aliases
cannot make a document say more than the largest file we accept."""
MAX_EXTENDS_DEPTH = 16
"""Files in one ``extends`` chain, the top file included."""
MAX_CHAIN_CHARACTERS = MAX_FILE_BYTES
"""Characters of text in a scheme and every file it ``extends``, together: a chain costs no
more to parse and compile than one file of the largest size accepted."""
MAX_INDICATORS = 1_000
"""Indicators of a scheme, branches and leaves, counted across its whole ``extends`` chain."""
MAX_GRADES = 100
"""Entries of ``grades`` (a grade scale has four or five)."""
MAX_CHECKS = 1_000
"""Entries of ``checks``, as many as the lets a scheme may declare."""
MAX_CASES = 1_000
"""Worked cases of a scheme, inline or in its ``cases:`` file."""
MAX_PROPERTIES = 100
"""Declared ``properties``; each is checked on 100 generated records by default."""

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
MAX_RECORD_STEPS = 2_000_000
"""Work whose size a record decides, in scoring it: each row a generator visits costs one step
plus one per syntax node of the generator's element and conditions; ``in`` costs one step per
item of the list, or per 32 characters of the texts, it searches."""
MAX_TEMPLATE_FIELDS = 10
"""Placeholders in one ``explain`` template."""
MAX_PROBLEMS = 100
"""Problems reported in full for one file's format or one record (the rest are counted), and
after which a scheme's further expressions are not checked: every problem may cost a
did-you-mean search, and a hundred are enough to start fixing."""
MAX_NAMES = 1_000
"""Inputs, lets, or fields of a list's rows that one scheme declares (each set): the names
every did-you-mean search goes through."""

MAX_NUMBER_DIGITS = 28
"""Significant digits of a number in a scheme or record; also the arithmetic precision."""
MAX_NUMBER_EXPONENT = 18
"""A number's magnitude: ``|adjusted exponent|`` at most this (1e18 is far above any budget)."""
MAX_NUMBER_TEXT = 100
"""Characters of a number written as text (``"1e400"``, ``"86.05%"``) in a record."""
MAX_RESULT_EXPONENT = 40
"""What an expression may compute: below ``1e41`` in magnitude, room for the product or ratio
of any two inputs. Intermediate steps may go further (up to the arithmetic context's bound)."""
MAX_TEXT_LENGTH = 10_000
"""Characters in a text input."""
MAX_LIST_ROWS = 10_000
"""Rows in a ``list`` input."""

MAX_XLSX_PART_BYTES = 100_000_000
"""Bytes a part of an XLSX file (a sheet, its shared strings) may unpack to, checked before it
is read: a workbook of a few hundred kilobytes can unpack to gigabytes."""
MAX_CELL_LENGTH = 32_767
"""Characters in one cell of a CSV or XLSX record file: Excel's own limit."""
MAX_ID_LENGTH = 256
"""Characters of a record's id in a batch; a longer id rejects its row, written cut short."""
MAX_BLANK_ROWS = 10_000
"""Blank rows in a row after which reading a sheet stops: Excel's used range often runs on far
past the data, and each blank row still costs parsing."""
