"""Declared properties (``properties:``): what each claims, the load-time check that it names
real indicators and inputs, and its verdict, with the smallest counterexample written as YAML
cases ready to paste under ``cases:``.

Generating records and shrinking a failure is ``_falsify``'s job, with hypothesis — an optional
dependency (``pip install 'perfscore[testing]'``), imported only when a property is checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import yaml

from ._errors import PerfscoreError, SchemeError, UsageError
from ._format import IndicatorSpec, Property, SchemeDoc, suggest
from ._numbers import exact, plain
from ._yaml import Document, Path

if TYPE_CHECKING:
    from ._scheme import Scheme

TOTAL = "total"
"""The name a property uses for the scheme's total (unless an indicator is called that)."""
NUMERIC = ("number", "integer", "percent")


def describe(prop: Property) -> str:
    """``increasing: start_rate in started_projects`` — the property as a line of text."""
    if prop.increasing is not None or prop.decreasing is not None:
        monotone = prop.increasing or prop.decreasing
        assert monotone is not None
        return f"{prop.kind}: {monotone.indicator} in {monotone.in_}"
    if prop.independent is not None:
        return f"independent: {prop.independent.indicator} of {prop.independent.of}"
    return f"bounded: {prop.bounded}"


def target_of(prop: Property) -> str:
    """The indicator id (or ``total``) a property is about."""
    about = prop.increasing or prop.decreasing or prop.independent
    if about is not None:
        return about.indicator
    assert prop.bounded is not None
    return prop.bounded


def field_of(prop: Property) -> str | None:
    """The input a property varies (None for ``bounded``)."""
    monotone = prop.increasing or prop.decreasing
    if monotone is not None:
        return monotone.in_
    return prop.independent.of if prop.independent is not None else None


def _ids(specs: Iterable[IndicatorSpec]) -> list[str]:
    found: list[str] = []
    for spec in specs:
        found.append(spec.id)
        found += _ids(spec.children or ())
    return found


def check_declarations(doc: SchemeDoc, document: Document) -> None:
    """Every property names an indicator (or ``total``) and an input of the right type;
    raises SchemeError with every problem."""
    ids = _ids(doc.indicators)
    problems: list[PerfscoreError] = []
    for index, prop in enumerate(doc.properties):
        at: Path = ("properties", index, prop.kind)
        target = target_of(prop)
        if target not in ids and target != TOTAL:
            problems.append(SchemeError(
                f"property names no indicator {target!r}",
                **document.at(at if prop.bounded is not None else (*at, "indicator")),
                where=target, suggestion=suggest(target, [*ids, TOTAL]), code="PS240"))
        field = field_of(prop)
        if field is None:
            continue
        key = "of" if prop.independent is not None else "in"
        spec = doc.inputs.get(field)
        if spec is None:
            problems.append(SchemeError(
                f"property names no input {field!r}", **document.at((*at, key)), where=field,
                suggestion=suggest(field, doc.inputs), code="PS241"))
        elif key == "in" and spec.type not in NUMERIC:
            problems.append(SchemeError(
                f"`{prop.kind}` needs a number, integer or percent input; {field!r} is "
                f"{spec.type}", **document.at((*at, key)), where=field, code="PS242"))
    if problems:
        raise SchemeError.collect(problems)


@dataclass(frozen=True, slots=True)
class Counterexample:
    """The records that show a property failing, and what perfscore gives for each now (as
    ``expect`` mappings)."""

    names: tuple[str, ...]
    records: tuple[Mapping[str, Any], ...]
    expects: tuple[Mapping[str, Any], ...]

    def to_yaml(self) -> str:
        """The records as worked cases, to paste under ``cases:``."""
        cases = [{"name": name, "input": dict(record), "expect": _Flow(expect)}
                 for name, record, expect in zip(self.names, self.records, self.expects,
                                                 strict=True)]
        return yaml.dump(cases, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                         default_flow_style=False, width=100)


class _Dumper(yaml.SafeDumper):
    """Writes Decimal as the plain number it is (``29.55``, never ``!!python/object``), no
    anchors or aliases, and ``expect`` on one line."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _Flow(dict[str, Any]):
    """A mapping written in flow style: ``{items: {start_rate: 16}}``."""


def _flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    tag = "int" if value == value.to_integral_value() else "float"
    return dumper.represent_scalar(f"tag:yaml.org,2002:{tag}", plain(value))


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(_Flow, _flow)


@dataclass(frozen=True, slots=True)
class PropertyOutcome:
    """One property's verdict after ``examples`` generated records from ``seed``: ``problem``
    is None when it held."""

    name: str
    file: str | None
    line: int | None
    examples: int
    seed: int
    problem: str | None = None
    counterexample: Counterexample | None = None

    @property
    def passed(self) -> bool:
        return self.problem is None

    @property
    def location(self) -> str:
        return ":".join(str(p) for p in (self.file, self.line) if p is not None)

    def report(self) -> list[str]:
        """The failure as lines: what went wrong, then the smallest counterexample as cases."""
        if self.problem is None:
            return []
        lines = [f"  {self.problem}"]
        if self.counterexample is not None:
            lines.append("  smallest counterexample, as cases to paste under `cases:` (each "
                         "`expect` is what perfscore gives now; write what the rule says):")
            lines += [f"  {line}" for line in self.counterexample.to_yaml().splitlines()]
        lines.append(f"  (seed {self.seed}, {self.examples} examples; rerun with --seed "
                     f"{self.seed} to reproduce)")
        return lines


def check_properties(scheme: Scheme, *, seed: int = 0, examples: int = 100
                     ) -> list[PropertyOutcome]:
    """Check every declared property of ``scheme`` on ``examples`` generated records each.

    The same seed gives the same records, so a verdict reproduces. Raises UsageError when a
    property is declared but hypothesis is not installed.
    """
    return [check_property(scheme, index, seed=seed, examples=examples)
            for index in range(len(scheme.spec.properties))]


@exact
def check_property(scheme: Scheme, index: int, *, seed: int = 0, examples: int = 100
                   ) -> PropertyOutcome:
    """Check the property at ``index`` of the scheme's ``properties``."""
    try:
        from ._falsify import falsify
    except ModuleNotFoundError as exc:
        if exc.name != "hypothesis":
            raise
        raise UsageError("checking `properties` needs hypothesis: pip install "
                         "'perfscore[testing]'", file=scheme.file, code="PS051") from None
    return falsify(scheme, scheme.spec.properties[index],
                   scheme.document.at(("properties", index)), seed, examples)
