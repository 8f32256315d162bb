"""One diagnostic catalogue: every problem perfscore raises is a key of it, worded in both
languages with the same placeholders, every key is used, and every code is documented."""

from __future__ import annotations

import ast
import re
import string
from decimal import Decimal
from pathlib import Path

import pytest

import perfscore
from perfscore._cli import main
from perfscore._common.messages import HINTS, MESSAGES, prefilled, render

SRC = Path(perfscore.__file__).parent
ROOT = Path(__file__).parents[1]
AUTHORING = ROOT / "docs" / "authoring.md"
KEY = re.compile(r"(PS|AU)\d{3}(\.[a-z_]+)?")


def _keys_in_source() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        if path.name == "messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    KEY.fullmatch(node.value):
                found.add(node.value)
    return found


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_the_code_raises_is_in_the_catalogue_and_every_entry_is_used() -> None:
    used = _keys_in_source()
    written = {key for key in MESSAGES if key.startswith(("PS", "AU"))}
    assert sorted(used - written) == []
    assert sorted(written - used) == []


def test_no_error_is_raised_with_words_outside_the_catalogue() -> None:
    free = [f"{path.relative_to(SRC)}:{number}" for path in SRC.rglob("*.py")
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if 'code="PS' in line]
    assert free == []


def test_both_languages_say_the_same_things() -> None:
    for table in (MESSAGES, HINTS):
        for key, (english, chinese) in table.items():
            assert english and chinese, key
            assert _fields(english) == _fields(chinese), key


def test_every_code_is_documented_once() -> None:
    rows = [line.split("|")[1] for line in AUTHORING.read_text(encoding="utf-8").splitlines()
            if re.match(r"^\| (PS|AU)\d{3}", line)]
    listed: list[str] = []
    for cell in rows:
        for low, high in re.findall(r"PS(\d{3})–PS(\d{3})", cell):
            listed += [f"PS{n:03d}" for n in range(int(low), int(high) + 1)]
        listed += re.findall(r"(?:PS|AU)\d{3}", re.sub(r"PS\d{3}–PS\d{3}", "", cell))
    codes = {key.split(".")[0] for key in MESSAGES if key.startswith(("PS", "AU"))}
    assert sorted(codes - set(listed)) == []
    assert sorted(code for code in set(listed) if listed.count(code) > 1) == []


BROKEN = """\
perfscore: 1
id: t.broken
edition: "1"
title: t
locale: en
inputs: {a: {type: number}}
indicators:
  - {id: x, name: x, points: 10, value: "a >> 0.5", target: 1, score: ratio}
"""


def test_every_command_prints_a_schemes_errors_in_the_language_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    record = tmp_path / "r.yaml"
    record.write_text("a: 1\n", encoding="utf-8")
    zh = f"{path}:8:42: error: 不允许使用运算符 >>"
    for argv in (["test", "--lang", "zh", path], ["check", "--lang", "zh", path],
                 ["score", "--lang", "zh", path, record],
                 ["batch", "--lang", "zh", path, record, "-o", tmp_path / "out.csv"]):
        code = main([str(a) for a in argv])
        err = capsys.readouterr().err
        assert (code, err.splitlines()[-1]) == (2, zh), argv
    assert main(["check", str(path)]) == 2  # the scheme's own language otherwise
    assert capsys.readouterr().err == f"{path}:8:42: error: operator >> is not allowed\n"


def test_every_call_taking_lang_honours_it_and_refuses_an_unknown_one() -> None:
    scheme = perfscore.load(ROOT / "rules" / "changning" / "key-projects-2023.yaml")
    with pytest.raises(perfscore.RecordError) as caught:
        scheme.score({}, lang="en")
    assert caught.value.errors[0].message == ("key_projects (列入重点项目个数): required field "
                                              "is missing")
    for call in (lambda: scheme.score({}, lang="cn"), lambda: scheme.run_cases(lang="cn"),
                 lambda: perfscore.check(scheme.file, lang="cn")):
        with pytest.raises(perfscore.UsageError) as refused:
            call()
        assert (refused.value.code, refused.value.message) == (
            "PS060", "unknown language 'cn': perfscore writes zh and en")


ONE_LEAF = """\
perfscore: 1
id: t.one
edition: "1"
title: t
inputs:
  a: {type: number, required: false}
  b: {type: number, required: false}
indicators:
  - {id: x, name: 甲, points: 10, value: a, target: 1, score: ratio, missing: %s}
"""


@pytest.mark.parametrize(("missing", "code", "zh", "en"), [
    ("error", "PS303", "甲：未填报「a」，该指标不得缺失，予以退回。",
     "甲: input 'a' was not given; it may not be missing: the record is rejected."),
    ("exclude", "PS304", "该记录没有可评分的指标",
     "no indicator could be assessed for this record"),
])
def test_a_rejection_by_the_scorer_is_worded_in_the_language_asked_for(
        missing: str, code: str, zh: str, en: str) -> None:
    scheme = perfscore.loads(ONE_LEAF % missing, file="s.yaml")
    for lang, words in ((None, zh), ("zh", zh), ("en", en)):
        with pytest.raises(perfscore.RecordError) as caught:
            scheme.score({"b": 1}, lang=lang, file="r.yaml")
        assert (caught.value.code, caught.value.message, caught.value.file) == (
            code, words, "r.yaml"), lang


def test_one_point_is_one_point_in_english() -> None:
    """English says ``1 point`` (``1 row``, ``1 unit``), whatever the template's other
    numbers are; a name put in says what its author wrote, and Chinese has no plural."""
    assert render("rule.tier", {"test": ">90%", "points": "1"}, "en") == ">90%: 1 point"
    assert render("rule.tier", {"test": ">90%", "points": Decimal("1.5")}, "en") == \
        ">90%: 1.5 points"
    assert render("explain.branch", {"name": "Part 1 points", "points": "1", "max": "10"},
                  "en") == "Part 1 points: 1 of 10 points."
    assert prefilled("explain.points_full", {"max": "1"}, "en") == "full 1 point."
    assert prefilled("explain.points", {"max": "1"}, "en") == "{points} of 1 point."
    assert prefilled("explain.points", {"max": "11"}, "en") == "{points} of 11 points."
    assert render("explain.points", {"points": "1", "max": "1"}, "zh") == "得 1 分（满分 1 分）。"
    # and so for what else a message counts, with or without a format
    assert render("paper.rows_count", {"count": 1}, "en") == "1 row"
    assert render("explain.checklist", {"name": "x", "met": 1, "total": 1}, "en") == \
        "x meets 1 of 1 item"
    assert render("audit.units", {"units": 1, "clean": 1, "flagged": 0}, "en") == \
        "1 unit: 1 clean, 0 with findings"
    assert render("audit.units", {"units": 10, "clean": 9, "flagged": 1}, "en") == \
        "10 units: 9 clean, 1 with findings"
