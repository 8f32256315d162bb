"""Mutation testing of a rule file (``perfscore test --mutate``): make the small mistakes
authors make — a tier bound moved by one step of its precision, two tiers' points swapped,
``[`` ↔ ``(``, an ``else`` dropped, a ``per`` or ``max`` changed, a grade's edge moved, a check
removed — and see whether the scheme's worked cases and declared properties notice.

Each scoring method names its own mutants (``Method.mutants``); the scheme adds its checks and
grades. A mutant is killed when perfscore refuses to load it, a case fails, or a property
fails; one that survives is a mistake the tests would let through, shown at its file:line.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .._common.errors import SchemeError
from .._common.numbers import plain
from .._methods import DROP
from .._methods.base import step_of
from .._source.yaml import Path
from .cases import run_case
from .coverage import spec_paths
from .properties import check_property

if TYPE_CHECKING:
    from .._scheme import Scheme

Edits = tuple[tuple[Path, Any], ...]


@dataclass(frozen=True, slots=True)
class Mutant:
    """One small change to a scheme: ``label`` says what (``start_rate: tiers[1] and tiers[2]
    swap their points (16 ↔ 10)``), ``file``/``line`` where it is written, ``edits`` the
    (path in the scheme document, new value) pairs that make it."""

    label: str
    file: str
    line: int | None
    edits: Edits

    @property
    def location(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file


@dataclass(frozen=True, slots=True)
class MutantOutcome:
    """What became of one mutant: ``killer`` says what caught it (``case …``, ``property …``,
    ``refused at load: …``), None when it survived."""

    mutant: Mutant
    killer: str | None

    @property
    def killed(self) -> bool:
        return self.killer is not None


@dataclass(frozen=True, slots=True)
class MutationReport:
    """Every mutant of one scheme and its fate."""

    file: str
    outcomes: tuple[MutantOutcome, ...]

    @property
    def survivors(self) -> list[Mutant]:
        return [o.mutant for o in self.outcomes if not o.killed]

    @property
    def killed(self) -> int:
        return sum(o.killed for o in self.outcomes)

    @property
    def score(self) -> Fraction:
        """The share of mutants killed, exactly (1 when there are none)."""
        if not self.outcomes:
            return Fraction(1)
        return Fraction(self.killed, len(self.outcomes))

    @property
    def percent(self) -> str:
        """The score as a percentage to one place, rounded down (99.96% never shows as 100%)."""
        tenths = self.score * 1000 // 1
        return f"{tenths / 10:.1f}" if tenths % 10 else f"{tenths // 10}"

    def report(self) -> list[str]:
        """The score, then each survivor with its place."""
        lines = [f"mutation {self.file}: {self.killed} of {len(self.outcomes)} mutants killed "
                 f"({self.percent}%)"]
        lines += [f"  survived: {m.location}: {m.label}" for m in self.survivors]
        return lines


def mutants(scheme: Scheme) -> list[Mutant]:
    """The mutants of a scheme, in the order its rules are written: each leaf's method's, then
    each check removed, then each grade's lower bound moved a step of its precision."""
    document = scheme.document
    paths = dict(spec_paths(scheme.spec.indicators, ("indicators",)))
    found: list[Mutant] = []

    def add(label: str, at: Path, edits: Edits) -> None:
        where = document.at(at)
        found.append(Mutant(label, where["file"], where["line"], edits))

    for root in scheme.indicators:
        for leaf in root.leaves():
            method = leaf.method
            assert method is not None
            key = (*paths[leaf.id], "score", method.name)
            for mutation in method.mutants(leaf.points):
                edits = tuple(((*key, *path), value) for path, value in mutation.edits)
                add(f"{leaf.id}: {mutation.label}", edits[0][0], edits)
    for index, check in enumerate(scheme.spec.checks):
        add(f"check removed: {check.message}", ("checks", index),
            ((("checks", index), DROP),))
    last = len(scheme.spec.grades) - 1
    for index, grade in enumerate(scheme.spec.grades):
        step = step_of(grade.min)
        for moved in (grade.min - step, grade.min + step):
            if index == last and moved < grade.min:
                continue  # below the lowest band changes nothing a record can reach
            add(f"grade {grade.label}: min {plain(grade.min)} → {plain(moved)}",
                ("grades", index, "min"), ((("grades", index, "min"), moved),))
    return found


def edited(data: Any, edits: Edits) -> Any:
    """A copy of a scheme document's data with ``edits`` made. A rule written short
    (``score: ratio``) is written out (``{ratio: {…}}``) where an edit reaches into it."""
    data = copy.deepcopy(data)
    for path, value in edits:
        node = data
        for key, below in itertools.pairwise(path):
            child = node[key]
            if isinstance(child, str) and child == below:
                child = node[key] = {child: {}}
            elif child is None:
                child = node[key] = {}
            node = child
        if value is DROP:
            del node[path[-1]]
        else:
            node[path[-1]] = value
    return data


def mutation_test(scheme: Scheme, *, seed: int = 0, examples: int = 100,
                  only: Iterable[Mutant] | None = None) -> MutationReport:
    """Run the scheme's worked cases, then its declared properties, against each mutant."""
    chosen = mutants(scheme) if only is None else list(only)
    return MutationReport(scheme.file, tuple(_fate(scheme, m, seed, examples) for m in chosen))


def _fate(scheme: Scheme, mutant: Mutant, seed: int, examples: int) -> MutantOutcome:
    try:
        mutated = scheme.edited(mutant.edits)
    except SchemeError as error:
        return MutantOutcome(mutant, f"refused at load: {error.errors[0].message}")
    for case, where in scheme.case_set:
        if not run_case(mutated, case, None, where).passed:
            return MutantOutcome(mutant, f"case {case.name}")
    for index in range(len(mutated.spec.properties)):
        outcome = check_property(mutated, index, seed=seed, examples=examples)
        if not outcome.passed:
            return MutantOutcome(mutant, f"property {outcome.name}")
    return MutantOutcome(mutant, None)
