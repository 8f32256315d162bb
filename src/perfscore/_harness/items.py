"""The pytest items of the plugin (``plugin``): a scheme file, an item per worked case and
one per declared property, failing with the texts ``perfscore test`` prints. Imported only
when ``--perfscore`` collects a scheme file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .._common.errors import PerfscoreError
from .._scheme import Scheme, load
from .._source.format import Case
from .._testing.cases import CaseOutcome, run_case
from .._testing.properties import check_property
from .._testing.verdict import PropertyOutcome
from .suite import is_scheme_file

__all__ = ["CaseItem", "PropertyItem", "SchemeFile", "is_scheme_file"]


class SchemeFile(pytest.File):
    """One scheme file: an item per worked case, then one per declared property."""

    def collect(self) -> Iterator[pytest.Item]:
        scheme = load(self.path)
        for case, where in scheme.case_set:
            yield CaseItem.from_parent(self, name=case.name, scheme=scheme, case=case,
                                       where=where)
        for index, prop in enumerate(scheme.spec.properties):
            yield PropertyItem.from_parent(self, name=f"property {prop.describe()}",
                                           scheme=scheme, index=index)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> Any:
        if isinstance(excinfo.value, PerfscoreError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)


class CaseFailed(Exception):
    def __init__(self, outcome: CaseOutcome) -> None:
        super().__init__(outcome.name)
        self.outcome = outcome


class PropertyFailed(Exception):
    def __init__(self, outcome: PropertyOutcome) -> None:
        super().__init__(outcome.name)
        self.outcome = outcome


class _Item(pytest.Item):
    """What case and property items share: scheme errors and failures shown as perfscore
    prints them, without a Python traceback."""

    line: int | None = None

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> Any:
        error = excinfo.value
        if isinstance(error, CaseFailed | PropertyFailed):
            where = error.outcome.location
            return "\n".join([f"{where}: {error.outcome.name}", *error.outcome.report()])
        if isinstance(error, PerfscoreError):
            return str(error)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None if self.line is None else self.line - 1, self.name


class CaseItem(_Item):
    def __init__(self, *, scheme: Scheme, case: Case, where: tuple[str | None, int | None],
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scheme, self.case, self.where = scheme, case, where
        self.line = where[1]

    def runtest(self) -> None:
        outcome = run_case(self.scheme, self.case, None, self.where)
        if not outcome.passed:
            raise CaseFailed(outcome)


class PropertyItem(_Item):
    def __init__(self, *, scheme: Scheme, index: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.scheme, self.index = scheme, index
        self.line = scheme.document.at(("properties", index))["line"]

    def runtest(self) -> None:
        config = self.config
        outcome = check_property(self.scheme, self.index,
                                 seed=config.getoption("perfscore_seed"),
                                 examples=config.getoption("perfscore_examples"))
        if not outcome.passed:
            raise PropertyFailed(outcome)
