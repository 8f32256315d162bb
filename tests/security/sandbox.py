"""Running an attack where it cannot hurt the test run, and building the schemes attacks use.

``isolated`` runs attack cases in a child Python with an address-space limit (``RLIMIT_AS``) and
a CPU-time limit, so a regression that allocates gigabytes or spins forever fails its test
instead of taking the whole run down. Each case is timed in the child, without interpreter start
and imports, and comes back as an ``Outcome``: the PerfscoreError it raised (class, code,
message, position), the value it returned, or the exception that escaped.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import perfscore

ROOT = Path(__file__).resolve().parent.parent.parent
MEMORY = 512 * 2**20
"""Address space of a child: perfscore imported takes about 45 MB of it."""
CPU_SECONDS = 60
"""CPU time a child may use before the kernel stops it."""
CEILING = 10.0
"""Seconds one attack case may take (a hang would take minutes); generous for a loaded CI."""

_CHILD = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))
sys.setrecursionlimit(1000)
import perfscore
namespace = {{"perfscore": perfscore}}
exec(compile({setup!r}, "<setup>", "exec"), namespace)
outcomes = []
for case in {cases!r}:
    start = time.perf_counter()
    try:
        value = eval(compile(case, "<case>", "eval"), namespace)
        outcome = {{"kind": "returned", "value": repr(value)[:2000]}}
    except perfscore.PerfscoreError as error:
        outcome = {{"kind": "raised", "error": type(error).__name__, "code": error.code,
                   "message": error.message, "line": error.line, "column": error.column,
                   "where": error.where, "count": len(error.errors)}}
    except BaseException as error:
        outcome = {{"kind": "escaped", "error": type(error).__name__,
                   "message": str(error)[:2000]}}
    outcome["seconds"] = time.perf_counter() - start
    outcomes.append(outcome)
print(json.dumps(outcomes))
"""


@dataclass(frozen=True)
class Outcome:
    """What one attack case did: ``kind`` is ``raised`` (a PerfscoreError), ``returned`` or
    ``escaped`` (any other exception: always a failure of ours)."""

    kind: str
    seconds: float
    error: str | None = None
    code: str | None = None
    message: str | None = None
    line: int | None = None
    column: int | None = None
    where: str | None = None
    count: int | None = None
    value: str | None = None

    @property
    def raised(self) -> tuple[str | None, str | None, str | None]:
        """(error class, code, message), the exact outcome most attacks assert."""
        assert self.kind == "raised", self
        return self.error, self.code, self.message


def isolated(setup: str, *cases: str, memory: int = MEMORY) -> list[Outcome]:
    """Run ``setup`` (statements) in a limited child, then evaluate each case (an expression)
    there; one Outcome per case, each checked against ``CEILING``."""
    child = _CHILD.format(memory=memory, cpu=CPU_SECONDS, setup=textwrap.dedent(setup),
                          cases=list(cases))
    done = subprocess.run([sys.executable, "-c", child], cwd=ROOT, capture_output=True,
                          text=True, timeout=CPU_SECONDS * 2, check=False)
    assert done.returncode == 0, f"the child died ({done.returncode}): {done.stderr[-3000:]}"
    outcomes = [Outcome(**data) for data in json.loads(done.stdout.splitlines()[-1])]
    for case, outcome in zip(cases, outcomes, strict=True):
        assert outcome.kind != "escaped", (case, outcome)
        assert outcome.seconds < CEILING, (case, outcome)
    return outcomes


def scheme(*, inputs: dict[str, Any] | None = None, indicators: list[dict[str, Any]] | None = None,
           **top: Any) -> str:
    """A small valid scheme as YAML text (JSON is YAML): a number ``x``, an optional text
    ``t``, a list ``rows`` of ``{v: number, ok: bool}``; one formula leaf ``a`` of 100 points
    on ``x`` unless ``indicators`` are given."""
    document = {
        "perfscore": 1, "id": "attack", "edition": 2024, "title": "attack", "locale": "en",
        "inputs": inputs if inputs is not None else {
            "x": {"type": "number"},
            "t": {"type": "text", "required": False},
            "rows": {"type": "list", "required": False,
                     "of": {"v": {"type": "number"}, "ok": {"type": "bool"}}},
        },
        "indicators": indicators if indicators is not None else [
            {"id": "a", "name": "A", "points": 100, "score": {"formula": "x"}}],
        **top,
    }
    return json.dumps(document, ensure_ascii=False)


def formula(expression: str, **top: Any) -> str:
    """``scheme`` whose one leaf scores ``expression`` as a formula."""
    return scheme(indicators=[{"id": "a", "name": "A", "points": 100,
                               "score": {"formula": expression}}], **top)


def load_error(text: str) -> perfscore.PerfscoreError:
    """The error loading ``text`` raises, within ``CEILING`` (in this process: for attacks
    refused at load, before anything could run)."""
    start = time.perf_counter()
    try:
        perfscore.loads(text, file="attack.yaml")
    except perfscore.PerfscoreError as error:
        assert time.perf_counter() - start < CEILING
        return error
    raise AssertionError("the scheme loaded")


def expression_error(expression: str) -> tuple[str, str | None, str]:
    """(class, code, message) of loading a formula of ``expression``."""
    error = load_error(formula(expression))
    return type(error).__name__, error.code, error.message
