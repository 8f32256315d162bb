"""The 自评表 as PDF: the HTML page printed by headless Chromium, so the PDF is exactly what a
person printing the page from a browser gets (the same A4 print styles), and perfscore carries
no PDF engine of its own. Without a ``chromium`` on the machine it says so (PS061)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from .._common.errors import OutputError, UsageError

_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_SECONDS = 120
"""How long Chromium may take to print one page before it is given up."""


def browser() -> str | None:
    """The Chromium that prints, or None."""
    for name in _BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium(output: str, lang: str) -> str:
    """The Chromium that will print ``output``; UsageError PS061 when there is none."""
    found = browser()
    if found is None:
        raise UsageError.of("PS061", {"path": output}, file=output, lang=lang)
    return found


def print_pdf(chromium: str, page: str, target: str, output: str, lang: str) -> None:
    """Print the HTML text ``page`` with ``chromium`` to the PDF ``target``, which becomes
    ``output`` (the name errors give)."""
    with tempfile.TemporaryDirectory(prefix="perfscore-pdf-") as folder:
        source = os.path.join(folder, "report.html")
        with open(source, "w", encoding="utf-8") as file:
            file.write(page)
        printed = os.path.join(folder, "report.pdf")
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-dev-shm-usage", "--no-pdf-header-footer",
                   "--no-first-run", f"--user-data-dir={os.path.join(folder, 'profile')}",
                   f"--print-to-pdf={printed}", "file://" + source]
        try:
            done = subprocess.run(command, capture_output=True, timeout=_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise OutputError.of("PS061.failed", {"path": output,
                                                  "problem": f"no PDF after {_SECONDS} s"},
                                 file=output, lang=lang) from None
        if not os.path.exists(printed):
            problem = done.stderr.decode(errors="replace").strip().splitlines()
            raise OutputError.of("PS061.failed", {
                "path": output, "problem": problem[-1] if problem else f"exit {done.returncode}"},
                file=output, lang=lang)
        shutil.move(printed, target)
