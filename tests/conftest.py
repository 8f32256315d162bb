from __future__ import annotations

from pathlib import Path

import pytest

import perfscore

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "rules" / "changning" / "key-projects-2023.yaml"
EXAMPLE = ROOT / "examples" / "changning-2023.yaml"


@pytest.fixture(scope="session")
def bundled() -> perfscore.Scheme:
    return perfscore.load(BUNDLED)
