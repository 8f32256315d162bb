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
from ._compare import diff, impact
from ._diagnose import check
from ._model.schema import format_schema
from ._scheme import Scheme, load, loads
from ._score.result import Flag, Item, Rejection, Result
from ._source.registry import installed
from ._version import __version__

__all__ = [
    "Diagnostic",
    "EvaluationError",
    "ExpressionError",
    "Flag",
    "Item",
    "OutputError",
    "PerfscoreError",
    "RecordError",
    "Rejection",
    "Result",
    "Scheme",
    "SchemeError",
    "UsageError",
    "__version__",
    "check",
    "diff",
    "format_schema",
    "impact",
    "installed",
    "load",
    "loads",
]
