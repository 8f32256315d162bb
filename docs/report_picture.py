"""Make docs/images/report.png, the picture of the 自评表 in docs/report.md: the HTML report of
the bundled example, as headless Chromium draws it. Run from the repository after a change to
the report's templates:

    .venv/bin/python docs/report_picture.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).parents[1]
PICTURE = ROOT / "docs" / "images" / "report.png"
WIDTH, HEIGHT = 820, 1160
"""About an A4 page at 96 dpi, as a browser shows the file."""


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("report_picture.py: Chromium is needed (apt-get install chromium fonts-noto-cjk)",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "自评表.html"
        subprocess.run([sys.executable, "-m", "perfscore._cli", "report",
                        str(ROOT / "rules" / "changning" / "key-projects-2023.yaml"),
                        str(ROOT / "examples" / "changning-2023.yaml"), "-o", str(page)],
                       check=True, cwd=ROOT)
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--hide-scrollbars", f"--user-data-dir={Path(folder) / 'profile'}",
                        f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={PICTURE}",
                        page.as_uri()], check=True, capture_output=True, timeout=120)
    print(f"{PICTURE.relative_to(ROOT)}: {PICTURE.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
