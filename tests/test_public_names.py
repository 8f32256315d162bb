"""Every name the documentation calls public can be imported, from where it says."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import perfscore

DOCS = Path(__file__).parents[1] / "docs"
MODULES = ("perfscore", "perfscore.testing", "perfscore.pandas", "perfscore.dask")
NOT_PYTHON = {"perfscore.schemes"}  # the entry-point group third-party packs register under


def _documented() -> set[str]:
    """``perfscore.x`` and ``perfscore.testing.y`` written anywhere in the English docs."""
    found: set[str] = set()
    for page in DOCS.glob("*.md"):
        found |= set(re.findall(r"\bperfscore(?:\.[A-Za-z_][A-Za-z0-9_]*)+", page.read_text()))
    return {name for name in found - NOT_PYTHON if not name.split(".")[1].startswith("_")}


@pytest.mark.parametrize("dotted", sorted(_documented()))
def test_each_documented_name_imports(dotted: str) -> None:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):  # the longest prefix that is a module
        module_name = ".".join(parts[:cut])
        if module_name not in MODULES:
            continue
        target: object = importlib.import_module(module_name)
        for attribute in parts[cut:]:
            if attribute in ("py", "md", "yaml"):  # a file name such as perfscore.yaml
                return
            target = getattr(target, attribute)
        return
    pytest.fail(f"{dotted} names no public module")


def test_all_lists_exactly_what_the_package_exports() -> None:
    assert perfscore.__all__ == sorted(perfscore.__all__)
    assert all(hasattr(perfscore, name) for name in perfscore.__all__)
