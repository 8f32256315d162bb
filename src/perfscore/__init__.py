"""perfscore: score budget performance self-evaluations (预算绩效自评) from YAML rule files.

Load a scheme with ``load``, score a record with ``Scheme.score``; every user error is a
``PerfscoreError`` carrying its file, line, column and the field or indicator concerned.
"""

from ._errors import (
    EvaluationError,
    ExpressionError,
    PerfscoreError,
    RecordError,
    SchemeError,
    UsageError,
)
from ._result import Flag, Item, Result
from ._scheme import Scheme, load, loads
from ._version import __version__

__all__ = [
    "EvaluationError",
    "ExpressionError",
    "Flag",
    "Item",
    "PerfscoreError",
    "RecordError",
    "Result",
    "Scheme",
    "SchemeError",
    "UsageError",
    "__version__",
    "load",
    "loads",
]
