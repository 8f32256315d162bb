"""Characters that untrusted text must not carry, and how messages name a character.

Scheme files and records end up on terminals, in logs and in reports. A control character in a
name (ESC starts a terminal escape sequence; a newline forges a second ``file:line: error`` line)
or a bidirectional override (the text displays in another order than it is read) would make
perfscore's own output lie, so YAML text carrying one is refused, naming the character. Ids are
ASCII by their patterns; a letter that only looks like an ASCII one (Cyrillic ``а`` for Latin
``a``) makes two different ids look equal, so messages about an id or an unknown field say which
character is not what it seems.
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


def lookalike(text: str) -> str | None:
    """Why an id that must be ASCII is not, naming its first other character, or None."""
    for character in text:
        if not (" " < character < "\x7f"):
            return f"it contains {describe(character)}, which is not an ASCII letter or digit"
    return None


def visible(text: str) -> str:
    """``text`` as it may be printed: quoted and escaped (``repr``) if any character in it is
    unsafe, invisible or not ASCII, else as it is."""
    return text if text.isascii() and text.isprintable() else repr(text)


QUOTED_LENGTH = 40
"""Characters of a record's text that an error quotes."""


def quoted(text: str) -> str:
    """Text of a record as a message quotes it: escaped (``repr``), at most ``QUOTED_LENGTH``
    characters of it, ``…`` marking a cut."""
    return repr(text) if len(text) <= QUOTED_LENGTH else f"{text[:QUOTED_LENGTH]!r}…"
