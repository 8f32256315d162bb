"""Checking a scheme's declared properties (``properties:``).

Generating records and shrinking a failure is ``falsify``'s job, with hypothesis — an optional
dependency (``pip install 'perfscore[testing]'``), imported only when a property is checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._common.errors import UsageError
from .._common.numbers import exact
from .verdict import PropertyOutcome

if TYPE_CHECKING:
    from .._scheme import Scheme


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
    if examples < 1:  # hypothesis would refuse it in its own words
        raise UsageError.of("PS051.examples", {"examples": examples}, file=scheme.file)
    try:
        from .falsify import falsify
    except ModuleNotFoundError as exc:
        if exc.name != "hypothesis":
            raise
        raise UsageError.of("PS051", file=scheme.file) from None
    return falsify(scheme, scheme.spec.properties[index],
                   scheme.document.at(("properties", index)), seed, examples)
