"""A sentence rendered in two steps — the parts an indicator fixes once, its numbers for each
record (``prefilled`` then ``fill``) — reads exactly as the same sentence rendered whole, for
every message of the catalogue and any text, control characters and braces included."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from perfscore._common.messages import MESSAGES, fill, prefilled, render

TEXTS = st.lists(st.sampled_from(
    ["a", "得", "{", "}", "{x}", "%", "\n", "\t", "\x1b", "\u202e", "\u2028", "\\", "0.5", " "]),
    max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(sorted(MESSAGES)), st.sampled_from(["zh", "en"]), st.data())
def test_two_steps_read_as_one(key: str, lang: str, data: st.DataObject) -> None:
    english, chinese = MESSAGES[key]
    specs = {name: spec for _, name, spec, _ in string.Formatter().parse(
        chinese if lang == "zh" else english) if name}
    fields = sorted(specs)
    # a field with a format of its own (``{limit:,}``) is given a number
    values = {name: data.draw(st.integers(-10**6, 10**6) if specs[name] else TEXTS,
                              label=name) for name in fields}
    fixed = data.draw(st.sets(st.sampled_from(fields)) if fields else st.just(set()))
    template = prefilled(key, {name: values[name] for name in fixed}, lang)
    rest = {name: value for name, value in values.items() if name not in fixed}
    assert fill(template, rest) == render(key, values, lang)


def test_the_branch_sentence_keeps_its_fixed_parts() -> None:
    template = prefilled("explain.branch", {"name": "产出{指标}", "max": "50"}, "zh")
    assert template == "产出{{指标}}：得 {points} 分（满分 50 分）。"
    assert fill(template, {"points": "45.5"}) == "产出{指标}：得 45.5 分（满分 50 分）。"
