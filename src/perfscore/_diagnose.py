"""``perfscore.check``: every problem in a scheme file as a list, not an exception.

``load`` raises on errors and keeps quiet about warnings; ``check`` returns both, sorted by
place, in the scheme's language (its ``locale``) unless another is asked for. A scheme with
errors gets only its errors: the warnings of a scheme that does not load would mostly be echoes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ._common.errors import Diagnostic, PerfscoreError
from ._common.language import language
from ._common.numbers import exact
from ._scheme import Scheme, load
from ._source.editions import read_source, resolve
from ._source.registry import find, is_reference

_LOCALES = ("zh-CN", "en")
_DEFAULT_LOCALE = "zh-CN"  # the format's default


def check(path: str | os.PathLike[str], *, root: str | None = None,
          lang: str | None = None) -> list[Diagnostic]:
    """Every error and warning in the scheme at ``path`` (a file or an installed scheme id),
    sorted by file, line and column; empty when it is correct. ``lang`` (``zh`` or ``en``)
    overrides the scheme's locale for the messages."""
    return examine(path, root=root, lang=lang)[1]


@exact
def examine(path: str | os.PathLike[str], *, root: str | None = None,
            lang: str | None = None) -> tuple[Scheme | None, list[Diagnostic]]:
    """The loaded scheme (None if it has errors) and its diagnostics, as ``check`` gives them."""
    try:
        scheme = load(path, root=root)
    except PerfscoreError as error:
        found = [Diagnostic.of(problem) for problem in error.errors]
        chosen = language(lang, scheme_locale(os.fspath(path), root))
        return None, _sorted(d.localized(chosen) for d in found)
    chosen = language(lang, scheme.locale)
    return scheme, _sorted(d.localized(chosen) for d in scheme.warnings)


def _sorted(found: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(found, key=lambda d: (d.file or "", d.line or 0, d.column or 0))


def scheme_locale(path: str, root: str | None = None) -> str:
    """The locale a scheme that failed to load declares (or inherits), as far as it can be
    read; the format's default otherwise."""
    try:
        file = find(path).path if is_reference(path) else path
        document = resolve(read_source(file), root)[0]
    except PerfscoreError:
        return _DEFAULT_LOCALE
    locale = document.data.get("locale") if isinstance(document.data, dict) else None
    return locale if locale in _LOCALES else _DEFAULT_LOCALE
