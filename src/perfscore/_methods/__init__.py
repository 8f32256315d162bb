"""The scoring methods, one module each (SPEC §2.5): each owns its parameters, scoring,
explanation, load checks, coverage paths, diff facets, boundaries and mutants (see
``base.Method``).

Adding a method is adding a module here and its class to ``METHODS`` (docs/methods.md).
"""

from __future__ import annotations

from .bands import Bands
from .base import (
    DROP,
    Branch,
    Build,
    Inline,
    Lint,
    Method,
    Mutation,
    Outcome,
    Rule,
    Run,
    Said,
    Values,
)
from .checklist import Checklist
from .deduct import Deduct
from .equal import Equal
from .formula import Formula
from .levels import Levels
from .linear import Linear
from .ratio import Ratio
from .reverse import Reverse
from .tiers import Tier, Tiers

METHODS: dict[str, type[Method]] = {
    method.name: method
    for method in (Ratio, Reverse, Equal, Tiers, Deduct, Linear, Levels, Bands, Checklist,
                   Formula)
}
"""Every method by the key that names it under ``score:``, in the order docs list them."""

__all__ = [
    "DROP",
    "METHODS",
    "Bands",
    "Branch",
    "Build",
    "Checklist",
    "Deduct",
    "Equal",
    "Formula",
    "Inline",
    "Levels",
    "Linear",
    "Lint",
    "Method",
    "Mutation",
    "Outcome",
    "Ratio",
    "Reverse",
    "Rule",
    "Run",
    "Said",
    "Tier",
    "Tiers",
    "Values",
]
