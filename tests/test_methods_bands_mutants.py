"""``bands`` as a user meets it beyond its points (docs/design.md, "Mutation testing": each
test here kills a mutant of ``_methods/bands.py`` the rest let through)."""

from __future__ import annotations

import pytest

from perfscore._testing.coverage import coverage
from tests.test_method_bands import LEVELS, RECORD, scheme


@pytest.mark.parametrize(("pick", "points", "en"), [
    ("upper", "8.00", "a band of 6 to 8 points, the top of it: 8 of 10 points."),
    ("lower", "6.00", "a band of 6 to 8 points, the bottom of it: 6 of 10 points."),
])
def test_pick_upper_or_lower_says_which_end_in_english(pick: str, points: str,
                                                       en: str) -> None:
    item = scheme(RECORD.replace("score_from: s", f"pick: {pick}")).score({"q": LEVELS[1]})["x"]
    assert str(item.points) == points
    assert item.explain("en") == f"质量 is rated {LEVELS[1]!r}, {en}"


def test_each_band_path_is_reported_at_its_level() -> None:
    """`perfscore test --coverage` points at the level's key, not its band."""
    rule = RECORD.replace("达成年度指标: [0.8, 1]", "达成年度指标:\n    [0.8, 1]", 1)
    paths = coverage(scheme(rule), []).paths
    assert [(p.key, p.location) for p in paths] == [
        (f"x band {LEVELS[0]}", "<string>:16"), (f"x band {LEVELS[1]}", "<string>:18"),
        (f"x band {LEVELS[2]}", "<string>:19"), ("x not_assessed", "<string>:10")]
    assert [p.label for p in paths][:3] == [f"x: rated {level}" for level in LEVELS]
