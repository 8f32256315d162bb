"""``bands`` as a user meets it beyond its points (docs/design.md, "Mutation testing": each
test here kills a mutant of ``_methods/bands.py`` the rest let through)."""

from __future__ import annotations

import pytest

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
