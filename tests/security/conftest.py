"""Every attack test has a time ceiling as a whole, on top of the ceiling of each case."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

TEST_CEILING = 60.0
"""Seconds one attack test may take, a child's start and imports included."""


@pytest.fixture(autouse=True)
def ceiling() -> Iterator[None]:
    start = time.perf_counter()
    yield
    assert time.perf_counter() - start < TEST_CEILING
