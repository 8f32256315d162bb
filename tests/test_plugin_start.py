"""The pytest plugin costs nothing at pytest's start without ``--perfscore`` (issue 17): every
pytest run loads it, so it imports no part of perfscore, pydantic or YAML until asked."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_loading_the_plugin_imports_nothing_heavy() -> None:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent("""\
        import sys
        import perfscore._harness.plugin
        print(sorted(m for m in sys.modules if m.startswith(("perfscore", "pydantic", "yaml",
                                                              "hypothesis"))))
        """)], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == (
        "['perfscore', 'perfscore._harness', 'perfscore._harness.plugin', 'perfscore._version']")


def test_import_perfscore_is_lazy_until_a_name_is_used() -> None:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent("""\
        import sys
        import perfscore
        before = "perfscore._scheme" in sys.modules
        perfscore.load
        print(before, "perfscore._scheme" in sys.modules, "load" in dir(perfscore))
        """)], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False True True"


def test_perfscore_with_equals_keeps_the_rootdir(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "tests").mkdir(parents=True)
    (project / "tests" / "test_a.py").write_text("def test_a():\n    pass\n", encoding="utf-8")
    rules = ROOT / "rules" / "changning" / "key-projects-2023.yaml"  # in another project
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", f"--perfscore={rules}",
         "--perfscore-examples", "5", "tests"],
        cwd=project, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"rootdir: {project}" in done.stdout.splitlines()
