"""The pytest plugin (entry point ``pytest11``): ``pytest --perfscore rules/`` collects the
worked cases and declared properties of every scheme under ``rules/`` as test items, so a
project's CI tests its rules in the same run as the code that uses them.

Every pytest run loads this module, so it imports nothing of perfscore until ``--perfscore``
is given: it only declares the options; the items (``items``) and everything they need are
imported when a scheme file is collected. hypothesis is imported only when a property runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .items import SchemeFile


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
    from .items import SchemeFile, is_scheme_file  # only now: a run with --perfscore
    if not is_scheme_file(str(file_path)):
        return None
    return SchemeFile.from_parent(parent, path=file_path)
