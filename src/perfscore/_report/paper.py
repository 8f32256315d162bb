"""``perfscore report``: one scored record as the 绩效自评表, in the format the output's
extension names (.html, .xlsx, .pdf). Each file is written beside its target and moved into
place once whole, so a failed run leaves no half file that looks complete."""

from __future__ import annotations

import contextlib
import os
import tempfile

from .._common.errors import OutputError, UsageError
from .._score.result import Result
from .form import form
from .html import html
from .pdf import chromium, print_pdf
from .xlsx import write_xlsx

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
    printer = chromium(path, lang) if kind == "pdf" else None
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".perfscore-report-",
                                             suffix=f".{kind}", dir=folder)
    except OSError as exc:
        raise UsageError.of("PS046", {"path": path, "reason": exc.strerror}, file=path,
                            lang=lang) from None
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)  # as `open` would make it, not mkstemp's 0600
    try:
        if kind == "html":
            with open(temporary, "w", encoding="utf-8") as file:
                file.write(html(page))
        elif kind == "xlsx":
            write_xlsx(page, temporary)
        else:
            assert printer is not None
            print_pdf(printer, html(page), temporary, path, lang)
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputError.of("PS046", {"path": path, "reason": exc.strerror}, file=path,
                             lang=lang) from None
    finally:
        with contextlib.suppress(OSError):
            os.remove(temporary)
