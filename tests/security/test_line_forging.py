"""Forged lines and terminal escapes from text the scheme or the record writes: a check message
or an indicator name with a newline (which printed a second ``file:line: error:`` line of its
own), a record id with ESC or a right-to-left override from CSV, JSONL or a Python mapping, a
string literal of an expression carrying ESC, and rich markup in a name.

Every text shown on a terminal, in Markdown or in a message goes through one sanitiser
(``_text.shown``): a line break or tab becomes a space, any other control character, bidi mark
or lone surrogate its escape. A string literal with such a character is refused at load (PS109).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import perfscore
from perfscore._common.text import shown
from tests.conftest import run
from tests.security.sandbox import expression_error, scheme

FORGED = "\nattack.yaml:1:1: error: forged"
CHECKED = scheme(checks=[{"rule": "x < 10", "message": f"x is too big{FORGED}"}],
                 indicators=[{"id": "a", "name": f"A{FORGED}[red]x", "points": 100,
                              "score": {"formula": "x"}}])


def test_the_sanitiser() -> None:
    assert shown("a\nb\r\n\tc\x1b[2J\u202eexe\ud800\x85\u2028") == (
        "a b  \tc\\x1b[2J\\u202eexe\\ud800  ".replace("\t", " "))
    assert shown("常宁 id-1 (ok)") == "常宁 id-1 (ok)"


def test_a_check_message_cannot_forge_a_line(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    source, record = tmp_path / "s.yaml", tmp_path / "r.json"
    source.write_text(CHECKED, encoding="utf-8")
    record.write_text('{"x": 20}', encoding="utf-8")
    code, out, err = run(capsys, "score", source, record)
    assert (code, out) == (1, "")
    assert err == f"{record}: error: x is too big attack.yaml:1:1: error: forged\n"
    with pytest.raises(perfscore.RecordError) as info:
        perfscore.loads(CHECKED).score({"x": 20})
    assert "\n" not in str(info.value) and "\n" not in info.value.message


@pytest.mark.parametrize("style", ["table", "markdown"])
def test_an_indicator_name_cannot_forge_a_line(tmp_path: Path, style: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source, record = tmp_path / "s.yaml", tmp_path / "r.json"
    source.write_text(CHECKED, encoding="utf-8")
    record.write_text('{"x": 5}', encoding="utf-8")
    code, out, _ = run(capsys, "score", source, record, "--format", style)
    assert code == 0
    assert "A attack.yaml:1:1: error: forged[red]x" in out
    assert not any(line.startswith("attack.yaml") for line in out.splitlines())


@pytest.mark.parametrize("style", ["table", "markdown", "csv"])
@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_record_id_cannot_reach_the_terminal(tmp_path: Path, style: str, suffix: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    source, units = tmp_path / "s.yaml", tmp_path / f"units{suffix}"
    source.write_text(scheme(), encoding="utf-8")
    hostile = "u\x1b]0;owned\x07\u202e1[red]x[/red]"
    if suffix == ".csv":
        units.write_text(f'id,x\n"{hostile}\nevil.csv:9: error: x",5\n', encoding="utf-8")
    else:
        units.write_text(json.dumps({"id": hostile + "\nevil", "x": 5}) + "\n",
                         encoding="utf-8")
    code, out, _ = run(capsys, "impact", source, source, units, "--format", style)
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "u\\x1b]0;owned\\x07\\u202e1[red]x[/red] evil" in out


def test_a_rejected_row_id_and_message_on_one_line(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    source, units, target = tmp_path / "s.yaml", tmp_path / "u.jsonl", tmp_path / "o.jsonl"
    source.write_text(CHECKED, encoding="utf-8")
    units.write_text(json.dumps({"id": "\x1b[31mred", "x": 50}) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "batch", source, units, "-o", target)
    assert code == 1
    assert err == f"{units}:1: error: x is too big attack.yaml:1:1: error: forged\n"


def test_a_record_key_from_python_in_a_message() -> None:
    with pytest.raises(perfscore.RecordError) as info:
        perfscore.loads(scheme()).score({"x": 1, "a\nb": 1})
    assert info.value.message == "'a\\nb': the scheme declares no such field"


@pytest.mark.parametrize(("literal", "character"), [
    ('"\\x1b[2J"', "U+001B (control character)"),
    ('"a\\nb"', "U+000A (control character)"),
    ("'\\t'", "U+0009 (control character)"),
    ('"\\u202eexe"', "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ('"\\ud800"', "U+D800 (surrogate)"),
])
def test_a_string_literal_with_a_control_character_is_refused(literal: str,
                                                               character: str) -> None:
    assert expression_error(f"coalesce(t, {literal}) == 'x'") == (
        "ExpressionError", "PS109",
        f"a text literal must not contain the character {character}: no control character, "
        "line break or tab, bidirectional mark or lone surrogate")


def test_the_refusal_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "s.yaml"
    source.write_text(scheme(let={"c": "t == '\\x1b'"}, locale="zh-CN"), encoding="utf-8")
    code, _, err = run(capsys, "check", source)
    assert code == 2
    assert "error: 文本字面量不能含有字符 U+001B (control character)：" in err
