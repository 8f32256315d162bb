"""perfscore: score budget performance self-evaluations (预算绩效自评) from YAML rule files.

Load a scheme with ``load``, score a record with ``Scheme.score``; every user error is a
``PerfscoreError`` carrying its file, line, column and the field or indicator concerned.

The names below are imported on first use, so that ``import perfscore`` (and the pytest
plugin, which every pytest run loads) costs nothing until perfscore is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__ as __version__

_EXPORTS = {
    "Audit": "._audit.findings",
    "Case": "._source.format",
    "CaseOutcome": "._testing.cases",
    "Diagnostic": "._common.errors",
    "EvaluationError": "._common.errors",
    "ExpressionError": "._common.errors",
    "Finding": "._audit.findings",
    "Flag": "._score.result",
    "Indicator": "._model.tree",
    "InputSpec": "._source.format",
    "Item": "._score.result",
    "Lang": "._common.language",
    "Mismatch": "._testing.cases",
    "Outcome": "._methods",
    "OutputError": "._common.errors",
    "PerfscoreError": "._common.errors",
    "Provenance": "._score.result",
    "RecordError": "._common.errors",
    "Rejection": "._score.result",
    "Reported": "._audit.findings",
    "Result": "._score.result",
    "Scheme": "._scheme",
    "SchemeDoc": "._model.document",
    "SchemeError": "._common.errors",
    "Settings": "._source.format",
    "UsageError": "._common.errors",
    "check": "._diagnose",
    "diff": "._compare",
    "format_schema": "._model.schema",
    "impact": "._compare",
    "installed": "._source.registry",
    "load": "._scheme",
    "loads": "._scheme",
}
"""Each public name and the module it comes from."""

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'perfscore' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # once imported, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # the same names for type checkers, as explicit re-exports
    from ._audit.findings import Audit as Audit
    from ._audit.findings import Finding as Finding
    from ._audit.findings import Reported as Reported
    from ._common.errors import Diagnostic as Diagnostic
    from ._common.errors import EvaluationError as EvaluationError
    from ._common.errors import ExpressionError as ExpressionError
    from ._common.errors import OutputError as OutputError
    from ._common.errors import PerfscoreError as PerfscoreError
    from ._common.errors import RecordError as RecordError
    from ._common.errors import SchemeError as SchemeError
    from ._common.errors import UsageError as UsageError
    from ._common.language import Lang as Lang
    from ._compare import diff as diff
    from ._compare import impact as impact
    from ._diagnose import check as check
    from ._methods import Outcome as Outcome
    from ._model.document import SchemeDoc as SchemeDoc
    from ._model.schema import format_schema as format_schema
    from ._model.tree import Indicator as Indicator
    from ._scheme import Scheme as Scheme
    from ._scheme import load as load
    from ._scheme import loads as loads
    from ._score.result import Flag as Flag
    from ._score.result import Item as Item
    from ._score.result import Provenance as Provenance
    from ._score.result import Rejection as Rejection
    from ._score.result import Result as Result
    from ._source.format import Case as Case
    from ._source.format import InputSpec as InputSpec
    from ._source.format import Settings as Settings
    from ._source.registry import installed as installed
    from ._testing.cases import CaseOutcome as CaseOutcome
    from ._testing.cases import Mismatch as Mismatch
