"""Characters that untrusted text must not carry, and how messages name a character.

Scheme files and records end up on terminals, in logs and in reports. A control character in a
name (ESC starts a terminal escape sequence; a newline forges a second ``file:line: error`` line)
or a bidirectional override (the text displays in another order than it is read) would make
perfscore's own output lie, so YAML text carrying one is refused, naming the character. Ids are
ASCII by their patterns; a letter that only looks like an ASCII one (Cyrillic ``а`` for Latin
``a``) makes two different ids look equal, so messages about an id or an unknown field say which
character is not what it seems.

Text perfscore did not write itself (names, messages, ids, a row's cells) leaves through a few
sinks, each with one function here: ``shown`` for what a person reads on a terminal, in Markdown
or in a message; ``sheet_cell`` for a text cell of a CSV or XLSX file.
"""

from __future__ import annotations

import re
import unicodedata

UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 but tab and newlines, DEL, C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks and overrides
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff]"  # lone surrogates (YAML's "\ud800"), which cannot be written as UTF-8
)
"""Characters no scheme or record text may contain (tab, LF and CR are fine)."""


def describe(character: str) -> str:
    """``'а' U+0430 (CYRILLIC SMALL LETTER A)``, ``U+001B (control character)``: a character
    named so that it cannot hide, shown itself only when that is harmless."""
    name = unicodedata.name(character, "") or (
        "surrogate" if unicodedata.category(character) == "Cs" else "control character")
    code = f"U+{ord(character):04X} ({name})"
    return code if UNSAFE.match(character) or not character.isprintable() else \
        f"{character!r} {code}"


def unsafe(text: str) -> int | None:
    """The index of the first character of ``text`` that ``UNSAFE`` refuses, or None."""
    found = UNSAFE.search(text)
    return None if found is None else found.start()


def visible(text: str) -> str:
    """``text`` as it may be printed: quoted and escaped (``repr``) if any character in it is
    unsafe, invisible or not ASCII, else as it is."""
    return text if text.isascii() and text.isprintable() else repr(text)


_BREAKS = "\t\n\r\x85\u2028\u2029"
_NOT_SHOWN = re.compile(f"[{_BREAKS}]|{UNSAFE.pattern}")


QUOTED_LENGTH = 40
"""Characters of a record's text that an error quotes."""


def quoted(text: str) -> str:
    """Text of a record as a message quotes it: escaped (``repr``), at most ``QUOTED_LENGTH``
    characters of it, ``…`` marking a cut."""
    return repr(text) if len(text) <= QUOTED_LENGTH else f"{text[:QUOTED_LENGTH]!r}…"


def _escape(found: re.Match[str]) -> str:
    character = found.group()
    return " " if character in _BREAKS else repr(character)[1:-1]


def not_shown(text: str) -> str | None:
    """The first character of ``text`` that ``shown`` would change, or None."""
    found = _NOT_SHOWN.search(text)
    return None if found is None else found.group()


def shown(text: str) -> str:
    """``text`` as it may reach a terminal, a Markdown table or a one-line message: a tab or a
    line break becomes a space, so no text starts a forged line of its own (``file:1: error:
    …``), and every other character ``UNSAFE`` refuses is written as its escape (``\\x1b``,
    ``\\u202e``, ``\\ud800``), so it can neither drive the terminal nor hide.

    Every character it changes is one ``str.isprintable`` refuses, so printable text (nearly
    every message) is returned without a pass of the regular expression: explanations render
    a few messages for every item."""
    return text if text.isprintable() else _NOT_SHOWN.sub(_escape, text)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?%?")
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""What an XLSX file (XML 1.0) cannot hold: C0 controls but tab and line breaks, lone
surrogates (which UTF-8 cannot encode either), and the two non-characters."""


def sheet_cell(text: str) -> str:
    """A text cell of a CSV or XLSX file. A text starting with ``= + - @``, tab or CR, which a
    spreadsheet would run as a formula, gets a ``'`` in front (as OWASP advises), unless it is
    a number written out (``-8.57``, ``+0.00``), which a spreadsheet reads as that number and
    never as a formula, or that one character alone (the 指标性质 ``=``: no formula, and the
    ``'`` would be printed); so does a text that is one of a spreadsheet's error values (an id
    ``#N/A`` read from a sheet's error cell), which it would show as that error, and openpyxl
    would write as one; a character XML cannot hold, or UTF-8 cannot encode, is written as its
    escape (``\\x1b``, ``\\ud800``). Both files carry the same text."""
    text = _NOT_IN_XML.sub(lambda found: repr(found.group())[1:-1], text)
    if ((len(text) > 1 and text.startswith(_FORMULA) and not _NUMBER.fullmatch(text))
            or text in _ERRORS):
        return "'" + text
    return text


_ERRORS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
"""A spreadsheet's error values, as a cell shows them."""
