"""The paper perfscore writes — ``perfscore report`` (one scored record as the 绩效自评表: .html,
.xlsx, .pdf), ``perfscore manual`` (a scheme's 指标体系及评分标准: .html, .md, .xlsx) and
``perfscore template`` (a blank sheet to fill in: .xlsx, .csv) — in the
format the output's extension names. Each file is written beside its target and moved into
place once whole, so a failed run leaves no half file that looks complete."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from typing import TYPE_CHECKING

from .._common.errors import OutputError, UsageError
from .._score.result import Result
from .form import form
from .html import html
from .manual import MANUAL_FORMATS, html_manual, manual, markdown, write_manual_xlsx
from .pdf import chromium, print_pdf
from .template import TEMPLATE_FORMATS, write_template_csv, write_template_xlsx
from .xlsx import write_xlsx

if TYPE_CHECKING:
    from .._scheme import Scheme

REPORT_FORMATS = ("html", "xlsx", "pdf")


def paper_format(path: str, formats: tuple[str, ...], lang: str) -> str:
    """The format an output's extension names, among ``formats``."""
    kind = os.path.splitext(path)[1].lower().lstrip(".")
    kind = {"htm": "html"}.get(kind, kind)
    if kind not in formats:
        raise UsageError.of("PS062", {"path": path,
                                      "formats": ", ".join(f".{f}" for f in formats)},
                            file=path, lang=lang)
    return kind


def write_report(result: Result, path: str, lang: str) -> None:
    """Write the 自评表 of ``result`` to ``path`` (.html, .xlsx or .pdf) in ``lang``."""
    kind = paper_format(path, REPORT_FORMATS, lang)
    page = form(result, lang)
    if kind == "html":
        _write(path, lang, lambda file: _text(file, html(page)))
    elif kind == "xlsx":
        _write(path, lang, lambda file: write_xlsx(page, file))
    else:
        printer = chromium(path, lang)
        _write(path, lang, lambda file: print_pdf(printer, html(page), file, path, lang))


def write_manual(scheme: Scheme, path: str, lang: str) -> None:
    """Write the 评分标准 of ``scheme`` to ``path`` (.html, .md or .xlsx) in ``lang``."""
    kind = paper_format(path, MANUAL_FORMATS, lang)
    page = manual(scheme, lang)
    if kind == "html":
        _write(path, lang, lambda file: _text(file, html_manual(page)))
    elif kind == "md":
        _write(path, lang, lambda file: _text(file, markdown(page)))
    else:
        _write(path, lang, lambda file: write_manual_xlsx(page, file))


def write_template(scheme: Scheme, path: str, lang: str) -> None:
    """Write the blank 填报模板 of ``scheme`` to ``path`` (.xlsx or .csv) in ``lang``."""
    kind = paper_format(path, TEMPLATE_FORMATS, lang)
    if kind == "csv":
        _write(path, lang, lambda file: write_template_csv(scheme, file))
    else:
        _write(path, lang, lambda file: write_template_xlsx(scheme, file, lang))


def _text(file: str, text: str) -> None:
    with open(file, "w", encoding="utf-8") as handle:
        handle.write(text)


def _write(path: str, lang: str, make: Callable[[str], None]) -> None:
    """``make`` the file in a temporary beside ``path``, then move it into place."""
    folder = os.path.dirname(os.path.abspath(path))
    suffix = os.path.splitext(path)[1]
    try:
        handle, temporary = tempfile.mkstemp(prefix=".perfscore-paper-", suffix=suffix,
                                             dir=folder)
    except OSError as exc:
        raise UsageError.of("PS046", {"path": path, "reason": exc.strerror}, file=path,
                            lang=lang) from None
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)  # as `open` would make it, not mkstemp's 0600
    try:
        make(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputError.of("PS046", {"path": path, "reason": exc.strerror}, file=path,
                             lang=lang) from None
    finally:
        with contextlib.suppress(OSError):
            os.remove(temporary)
