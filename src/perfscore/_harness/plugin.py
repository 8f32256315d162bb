"""The pytest plugin (entry point ``pytest11``): ``pytest --perfscore rules/`` collects the
worked cases and declared properties of every scheme under ``rules/`` as test items, so a
project's CI tests its rules in the same run as the code that uses them.

Inert unless ``--perfscore`` is given. hypothesis is imported only when a property runs.
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


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("perfscore", "perfscore rule files")
    group.addoption("--perfscore", action="append", default=[], metavar="PATH",
                    help="collect the worked cases and declared properties of every scheme "
                         "file under PATH (a folder or a file; repeatable)")
    group.addoption("--perfscore-seed", type=int, default=0, metavar="N",
                    help="seed of the records generated for properties (default 0)")
    group.addoption("--perfscore-examples", type=int, default=100, metavar="N",
                    help="records generated per property (default 100)")


def pytest_configure(config: pytest.Config) -> None:
    # pytest walks its arguments; the rule folders join them so their files reach
    # pytest_collect_file below.
    for path in config.getoption("perfscore"):
        if path not in config.args:
            config.args.append(path)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> SchemeFile | None:
    roots = [Path(p).resolve() for p in parent.config.getoption("perfscore")]
    if not roots:
        return None
    here = file_path.resolve()
    if not any(here == root or root in here.parents for root in roots):
        return None
    if not is_scheme_file(str(file_path)):
        return None
    return SchemeFile.from_parent(parent, path=file_path)


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
