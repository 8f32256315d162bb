"""``deadline`` (a 自评表 row of dates) as a finance officer meets it: the points on, before and
after the target date for each 指标性质, the sentence in both languages, and the rule paths
`perfscore test --coverage` names (docs/design.md, "Mutation testing": each test here kills a
mutant of ``_methods/deadline.py`` the rest let through)."""

from __future__ import annotations

import pytest

import perfscore
from perfscore._testing.coverage import coverage
from tests.test_rows import SCHEME, only, row


@pytest.fixture(scope="module")
def scheme() -> perfscore.Scheme:
    return perfscore.loads(SCHEME, file="rows.yaml")


@pytest.mark.parametrize(("nature", "actual", "points", "zh", "en"), [
    # the same day meets every nature
    ("≤", "2023-03-01", "10", "完工时间 2023-03-01，与年度指标值 2023-03-01 相同，得满分 10 分。",
     "完工时间 is 2023-03-01, on 2023-03-01: full 10 points."),
    ("≥", "2023-03-01", "10", "完工时间 2023-03-01，与年度指标值 2023-03-01 相同，得满分 10 分。",
     "完工时间 is 2023-03-01, on 2023-03-01: full 10 points."),
    ("=", "2023-03-01", "10", "完工时间 2023-03-01，与年度指标值 2023-03-01 相同，得满分 10 分。",
     "完工时间 is 2023-03-01, on 2023-03-01: full 10 points."),
    # one day either side misses `=`; one day late misses `≤`; later is fine for `≥`
    ("=", "2023-03-02", "0.00",
     "完工时间 2023-03-02，晚于年度指标值 2023-03-01 1 天，得 0 分（满分 10 分）。",
     "完工时间 is 2023-03-02, 1 day after 2023-03-01: 0 of 10 points."),
    ("=", "2023-02-28", "0.00",
     "完工时间 2023-02-28，早于年度指标值 2023-03-01 1 天，得 0 分（满分 10 分）。",
     "完工时间 is 2023-02-28, 1 day before 2023-03-01: 0 of 10 points."),
    ("≤", "2023-03-02", "0.00",
     "完工时间 2023-03-02，晚于年度指标值 2023-03-01 1 天，得 0 分（满分 10 分）。",
     "完工时间 is 2023-03-02, 1 day after 2023-03-01: 0 of 10 points."),
    ("≥", "2023-03-03", "10", "完工时间 2023-03-03，晚于年度指标值 2023-03-01 2 天，得满分 10 分。",
     "完工时间 is 2023-03-03, 2 days after 2023-03-01: full 10 points."),
])
def test_a_date_row_on_and_beside_its_date(scheme: perfscore.Scheme, nature: str, actual: str,
                                           points: str, zh: str, en: str) -> None:
    item = only(scheme, row("完工时间", nature, "2023-03-01", actual, 10, unit="日期"))["output.1"]
    assert (str(item.points), item.explain(), item.explain("en")) == (points, zh, en)


def test_the_rule_paths_of_a_date_row(scheme: perfscore.Scheme) -> None:
    assert [(p.key, p.label) for p in coverage(scheme, []).paths if "日期" in p.key] == [
        ("output 日期 met", "output: a 日期 row on time"),
        ("output 日期 missed", "output: a 日期 row missed the date"),
        ("effect 日期 met", "effect: a 日期 row on time"),
        ("effect 日期 missed", "effect: a 日期 row missed the date")]
