from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import perfscore
from perfscore._cli import main

settings.register_profile(
    "fuzz", max_examples=5_000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
"""The long fuzzing run: ``pytest tests/test_fuzz.py --hypothesis-profile fuzz``. CI runs the
default profile; tests that set their own ``max_examples`` keep it under either."""

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "rules" / "changning" / "key-projects-2023.yaml"
EXAMPLE = ROOT / "examples" / "changning-2023.yaml"


@pytest.fixture(scope="session")
def bundled() -> perfscore.Scheme:
    return perfscore.load(BUNDLED)


def run(capsys: pytest.CaptureFixture[str], *argv: Any) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr); argparse's exits count as codes."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 2
    out, err = capsys.readouterr()
    return code, out, err


def traced_growth(outcomes: Iterator[Any], mark: int) -> int:
    """How much Python's own allocations grew from the ``mark``-th of ``outcomes`` to the
    last, in bytes: the first 200 are taken untraced, to warm every cache first."""
    for _ in range(200):
        next(outcomes)
    tracemalloc.start()
    try:
        for count, _ in enumerate(outcomes, 201):
            if count == mark:
                gc.collect()
                before = tracemalloc.get_traced_memory()[0]
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    return after - before
