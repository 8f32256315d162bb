"""perfscore: score budget performance self-evaluations (预算绩效自评) from YAML rule files.

Load a scheme with ``load``, score a record with ``Scheme.score``; every user error is a
``PerfscoreError`` carrying its file, line, column and the field or indicator concerned.

The names below are imported on first use, so that ``import perfscore`` (and the pytest
plugin, which every pytest run loads) costs nothing until perfscore is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

_EXPORTS = {
    "Diagnostic": "._common.errors",
    "EvaluationError": "._common.errors",
    "ExpressionError": "._common.errors",
    "Flag": "._score.result",
    "Item": "._score.result",
    "OutputError": "._common.errors",
    "PerfscoreError": "._common.errors",
    "RecordError": "._common.errors",
    "Rejection": "._score.result",
    "Result": "._score.result",
    "Scheme": "._scheme",
    "SchemeError": "._common.errors",
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

__all__ = [*_EXPORTS, "__version__"]


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
    from ._common.errors import Diagnostic as Diagnostic
    from ._common.errors import EvaluationError as EvaluationError
    from ._common.errors import ExpressionError as ExpressionError
    from ._common.errors import OutputError as OutputError
    from ._common.errors import PerfscoreError as PerfscoreError
    from ._common.errors import RecordError as RecordError
    from ._common.errors import SchemeError as SchemeError
    from ._common.errors import UsageError as UsageError
    from ._compare import diff as diff
    from ._compare import impact as impact
    from ._diagnose import check as check
    from ._model.schema import format_schema as format_schema
    from ._scheme import Scheme as Scheme
    from ._scheme import load as load
    from ._scheme import loads as loads
    from ._score.result import Flag as Flag
    from ._score.result import Item as Item
    from ._score.result import Rejection as Rejection
    from ._score.result import Result as Result
    from ._source.registry import installed as installed
