"""Control characters in scheme and record text: a terminal escape (ESC) in a title, name or
label, BEL, NUL, DEL, NEL, line separators, a right-to-left override that makes a name read
backwards, and a lone surrogate that cannot even be written out as UTF-8 — each written as
itself or as a YAML escape, in a scheme, a record file, and a record's keys from Python.

YAML text with any of them is refused, naming the character and where it is; tab and newlines
stay allowed. A record key given from Python is shown escaped in the message. Nothing perfscore
prints carries the character.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import perfscore
from perfscore._cli import main
from perfscore._common.text import _NOT_SHOWN, shown
from perfscore._scheme import read_record
from tests.security.sandbox import load_error, scheme


def refused(character: str, name: str) -> str:
    return f"character {character} ({name}) is not allowed"


@pytest.mark.parametrize(("line", "message", "column"), [
    ('title: "red \\e[31m"', refused("U+001B", "control character"), 8),
    ("title: ring \a", refused("U+0007", "control character"), 13),
    ('title: "nul \\0"', refused("U+0000", "control character"), 8),
    ('title: "del \\x7f"', refused("U+007F", "control character"), 8),
    ('title: "next \\N line"', refused("U+0085", "control character"), 8),
    ('title: "one \\L two"', refused("U+2028", "LINE SEPARATOR"), 8),
    ("title: exe.\u202egnp", refused("U+202E", "RIGHT-TO-LEFT OVERRIDE"), 8),
    ('title: "\\u2066isolate"', refused("U+2066", "LEFT-TO-RIGHT ISOLATE"), 8),
    ('title: "\\ud800"', refused("U+D800", "surrogate"), 8),
    ('"ke\\ey": 1', refused("U+001B", "control character"), 1),
])
def test_a_scheme_with_a_control_character_is_refused(line: str, message: str,
                                                      column: int) -> None:
    error = load_error(f"perfscore: 1\n{line}\n")
    assert (type(error), error.code, error.message, error.line, error.column) == (
        perfscore.SchemeError, "PS004", message, 2, column)


def test_tab_and_newlines_stay_allowed() -> None:
    text = scheme(title="tab\there", basis=["line one\nline two\r\n"])
    assert perfscore.loads(text).title == "tab\there"


def test_a_record_file_with_a_control_character_is_rejected(tmp_path: Path) -> None:
    record = tmp_path / "r.json"
    record.write_text('{"x": 1, "\\u001b[2J": 1}', encoding="utf-8")
    with pytest.raises(perfscore.RecordError) as info:
        read_record(str(record))
    assert (info.value.code, info.value.message, info.value.line) == (
        "PS004", refused("U+001B", "control character"), 1)


def test_a_record_key_from_python_is_shown_escaped() -> None:
    with pytest.raises(perfscore.RecordError) as info:
        perfscore.loads(scheme()).score({"x": 1, "\x1b]0;owned\a": 2})
    assert info.value.message == "'\\x1b]0;owned\\x07': the scheme declares no such field"
    assert "\x1b" not in str(info.value)


def test_nothing_the_cli_prints_carries_an_escape(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bad_scheme = tmp_path / "s.yaml"
    bad_scheme.write_text('perfscore: 1\ntitle: "\\e[2J\\e]0;owned\\a"\n', encoding="utf-8")
    good_scheme = tmp_path / "good.yaml"
    good_scheme.write_text(scheme(), encoding="utf-8")
    record = tmp_path / "r.json"
    record.write_text(json.dumps({"x": 1, "\x1b[2J": 1}), encoding="utf-8")
    assert main(["score", str(bad_scheme), str(record)]) == 2
    assert main(["score", str(good_scheme), str(record)]) == 1
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\a" not in out + err
    # one line for the scheme's title (in the scheme's Chinese), one for the record's key
    assert err.count("不允许使用字符 U+001B (control character)") == 1
    assert err.count("character U+001B (control character) is not allowed") == 1


def test_every_character_shown_changes_is_one_isprintable_refuses() -> None:
    """``shown`` returns printable text unchanged without its regular expression's pass: safe
    only while every character that pass would change is not printable."""
    changed = [chr(code) for code in range(0x110000)
               if shown(chr(code)) != chr(code) or _NOT_SHOWN.fullmatch(chr(code))]
    assert changed
    assert [c for c in changed if c.isprintable()] == []
    assert shown("得 5 分\x1b[31m\u202e\t") == "得 5 分\\x1b[31m\\u202e "
