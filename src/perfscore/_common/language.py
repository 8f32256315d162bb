"""The one place that decides which language words are in.

A caller may ask for ``zh`` or ``en`` (or a locale such as ``zh-CN`` or ``en_GB``); with none,
the scheme's ``locale`` decides. Anything else is a usage error, so a typo (``lang="cn"``) is
not silently answered in the wrong language.
"""

from __future__ import annotations

import re

from .errors import UsageError
from .messages import Lang

__all__ = ["Lang", "language"]

_FORM = re.compile(r"^(zh|en)(?:[-_][A-Za-z0-9]{2,8})*$", re.IGNORECASE)


def language(lang: str | None, locale: str = "zh-CN") -> Lang:
    """``zh`` or ``en``: ``lang`` when given, else the scheme's ``locale``; raises UsageError
    for a language perfscore does not write."""
    chosen = locale if lang is None else lang
    if chosen == "zh":  # already one: asked for every item of a result
        return "zh"
    if chosen == "en":
        return "en"
    match = _FORM.match(chosen) if isinstance(chosen, str) else None
    if match is None:
        raise UsageError.of("PS060", {"lang": chosen})
    return "zh" if match.group(1).lower() == "zh" else "en"
