"""perfscore: score budget performance self-evaluations (预算绩效自评) from YAML rule files.

Load a scheme with ``load``, score a record with ``Scheme.score``; every user error is a
``PerfscoreError`` carrying its file, line, column and the field or indicator concerned.
"""

from ._common.errors import (
    Diagnostic,
    EvaluationError,
    ExpressionError,
    OutputError,
    PerfscoreError,
    RecordError,
    SchemeError,
    UsageError,
)
from ._common.language import Lang
from ._diagnose import check
from ._methods import Outcome
from ._model.build import Indicator
from ._model.document import SchemeDoc
from ._model.schema import format_schema
from ._scheme import Scheme, load, loads
from ._score.result import Flag, Item, Provenance, Rejection, Result
from ._source.format import Case, InputSpec, Settings
from ._testing.cases import CaseOutcome, Mismatch
from ._version import __version__

__all__ = [
    "Case",
    "CaseOutcome",
    "Diagnostic",
    "EvaluationError",
    "ExpressionError",
    "Flag",
    "Indicator",
    "InputSpec",
    "Item",
    "Lang",
    "Mismatch",
    "Outcome",
    "OutputError",
    "PerfscoreError",
    "Provenance",
    "RecordError",
    "Rejection",
    "Result",
    "Scheme",
    "SchemeDoc",
    "SchemeError",
    "Settings",
    "UsageError",
    "__version__",
    "check",
    "format_schema",
    "load",
    "loads",
]
