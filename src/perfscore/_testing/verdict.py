"""What checking a declared property found: its verdict, and the smallest counterexample
written as worked cases ready to paste under ``cases:``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import yaml

from .._common.numbers import plain


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
