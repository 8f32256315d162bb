"""The ``perfscore`` command line (SPEC §7): exit codes, output formats, and errors printed as
``file:line:col: error: message`` with no traceback."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run

ROOT = Path(__file__).resolve().parent.parent
SCHEME = ROOT / "rules" / "changning" / "key-projects-2023.yaml"
EXAMPLE = ROOT / "examples" / "changning-2023.yaml"

TOP_KEYS = {"scheme", "edition", "title", "total", "max", "grade", "items", "reasons", "flags",
            "warnings", "provenance"}
LEAF_KEYS = {"id", "name", "value", "target", "points", "max", "lost", "status", "rule",
             "explanation", "flags", "basis"}
BRANCH_KEYS = {"id", "name", "points", "max", "status", "children"}
LEAF_NAMES = ["重点项目开复工率", "年度投资计划完成率", "科技产业类项目投资完成率",
              "重点工作完成情况", "项目支出占比", "在职人员控制率", "服务对象满意度", "预算执行率"]
TOP_IDS = ["output", "benefit", "satisfaction_indicators", "budget"]
SEED = EXAMPLE.read_text(encoding="utf-8")




def run_process(*argv: Any, stdin: str | bytes | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m perfscore._cli`` as a real process."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    done = subprocess.run(
        [sys.executable, "-m", "perfscore._cli", *map(str, argv)], input=data,
        capture_output=True, cwd=ROOT, timeout=120, check=False)
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8", "replace"),
                                       done.stderr.decode("utf-8", "replace"))


def stdin(text: str) -> io.TextIOWrapper:
    """A stand-in for ``sys.stdin`` holding ``text``: the CLI reads stdin's bytes, to report
    text that is not UTF-8."""
    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def walk(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    for item in items:
        found.append(item)
        found.extend(walk(item.get("children", [])))
    return found


ERROR_LINE = re.compile(r"^.+:\d+:\d+: error: .+$")


# --- score: success -------------------------------------------------------------------------


def test_score_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", SCHEME, EXAMPLE)
    assert (code, err) == (0, "")
    for name in [*LEAF_NAMES, "产出指标", "效益指标", "满意度指标", "预算执行"]:
        assert name in out
    for header in ("指标", "实际完成值", "年度指标值", "得分", "分值", "失分", "说明"):
        assert header in out
    assert "86.05%" in out
    assert "自评得分：93.64 分（满分 100 分）" in out
    assert "自评等级：优" in out
    assert ("注意：有指标不参与评分，总分按已评指标满分 70 分折算为 100 分制："
            "65.55÷70×100=93.64。") in out


def test_score_json_has_the_spec_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", SCHEME, EXAMPLE, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert set(data) == TOP_KEYS
    assert (data["scheme"], data["edition"], data["title"]) == (
        "changning.key-projects", "2023", "常宁市重点建设项目事务中心 2023 年度整体支出绩效自评")
    assert (data["total"], data["max"], data["grade"]) == (93.64, 100, "优")
    items = walk(data["items"])
    leaves = [i for i in items if "children" not in i]
    branches = [i for i in items if "children" in i]
    assert [i["name"] for i in leaves] == LEAF_NAMES
    for leaf in leaves:
        assert set(leaf) == LEAF_KEYS, leaf["id"]
    for branch in branches:
        assert set(branch) == BRANCH_KEYS, branch["id"]
    assert [b["id"] for b in data["items"]] == TOP_IDS
    by_id = {i["id"]: i for i in items}
    assert by_id["start_rate"] == {
        "id": "start_rate", "name": "重点项目开复工率", "value": 0.8605, "target": None,
        "points": 16, "max": 20, "lost": 4, "status": "scored", "rule": "tiers[1]",
        "explanation": by_id["start_rate"]["explanation"], "flags": [], "basis": None}
    assert by_id["start_rate"]["explanation"].startswith(
        "重点项目开复工率 86.05%，处于 85%（含）—95% 档，得 16 分（满分 20 分）。")
    assert (by_id["investment"]["points"], by_id["investment"]["value"],
            by_id["investment"]["target"], by_id["investment"]["basis"]) == (
        29.55, 0.9849, 1, ["财预〔2020〕10号"])
    assert (by_id["output"]["points"], by_id["output"]["max"], by_id["output"]["status"]) == (
        45.55, 50, "scored")
    for absent in ("key_work", "satisfaction", "budget_execution"):
        assert by_id[absent]["status"] == "not_assessed"
        assert by_id[absent]["points"] is None
    assert [(r["id"], r["lost"]) for r in data["reasons"]] == [("start_rate", 4),
                                                                ("investment", 0.45)]
    assert data["flags"] == []
    assert len(data["warnings"]) == 4
    assert set(data["provenance"]) == {"perfscore", "scheme_sha256", "record_sha256"}
    assert re.fullmatch("[0-9a-f]{64}", data["provenance"]["scheme_sha256"])
    assert re.fullmatch("[0-9a-f]{64}", data["provenance"]["record_sha256"])


def test_json_is_byte_identical_for_the_same_record(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path) -> None:
    first = run(capsys, "score", SCHEME, EXAMPLE, "--format", "json")
    second = run(capsys, "score", SCHEME, EXAMPLE, "--format", "json")
    assert first[0] == second[0] == 0
    assert first[1].encode("utf-8") == second[1].encode("utf-8")
    # the same figures as JSON instead of YAML, keys in another order: the same result
    figures = {"key_projects": 43, "started_projects": 37, "planned_investment": 106.1,
               "completed_investment": 104.5, "tech_committed": 88.02, "tech_completed": 89.32,
               "basic_spending": 99.35, "project_spending": 62.75, "authorised_staff": 12,
               "actual_staff": 7}
    record = json.dumps(dict(reversed(list(figures.items()))))
    as_json = tmp_path / "record.json"
    as_json.write_text(record, encoding="utf-8")
    third = run(capsys, "score", SCHEME, as_json, "--format", "json")
    assert third[0] == 0
    assert third[1] == first[1]


def test_score_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", SCHEME, EXAMPLE, "--format", "markdown")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "### 常宁市重点建设项目事务中心 2023 年度整体支出绩效自评"
    assert "| 指标 | 实际完成值 | 年度指标值 | 得分 | 分值 | 失分 | 评分说明 |" in lines
    header = lines.index("| 指标 | 实际完成值 | 年度指标值 | 得分 | 分值 | 失分 | 评分说明 |")
    assert lines[header + 1] == "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
    rows = [line for line in lines[header + 2:] if line.startswith("|")]
    assert all(row.endswith(" |") and row.count(" | ") >= 6 for row in rows)
    start = next(r for r in rows if "重点项目开复工率" in r)
    cells = [c.strip() for c in start.strip("|").split(" | ")]
    assert cells[1:6] == ["86.05%", "—", "16", "20", "4"]
    assert "| **产出指标** |" in out
    assert "- 自评得分：93.64 分（满分 100 分）" in lines
    assert "- 自评等级：优" in lines


def test_lang_en_gives_english_explanations(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", SCHEME, EXAMPLE, "--lang", "en")
    assert (code, err) == (0, "")
    assert "Total: 93.64 / 100" in out
    assert "Grade: 优" in out
    assert "总分" not in out
    assert "Indicator" in out and "Explanation" in out
    assert "重点项目开复工率" in out  # names stay as the scheme wrote them
    code, out, err = run(capsys, "score", SCHEME, EXAMPLE, "--lang", "en", "--format", "json")
    assert code == 0
    data = json.loads(out)
    by_id = {i["id"]: i for i in walk(data["items"])}
    assert by_id["start_rate"]["explanation"].startswith(
        "重点项目开复工率 is 86.05%, in the 85% (inclusive) to 95% tier: 16 of 20 points.")
    for item in by_id.values():
        if "explanation" in item:
            assert "得" not in item["explanation"] and "分（" not in item["explanation"]
    assert data["total"] == 93.64


def test_record_from_stdin(capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", stdin(SEED))
    code, out, err = run(capsys, "score", SCHEME, "-", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["total"], data["grade"]) == (93.64, "优")
    from_file = run(capsys, "score", SCHEME, EXAMPLE, "--format", "json")[1]
    assert out == from_file


def test_yaml_1_2_scalars_in_a_record_file(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    scheme = write(tmp_path / "s.yaml", """\
        perfscore: 1
        id: t.yaml12
        edition: 2023
        title: T
        inputs:
          answer: {type: choice, options: ["yes", "no"], label: 回答}
          when: {type: text, label: 时间}
          n: {type: integer, label: 个数}
          big: {type: number, label: 金额}
        checks:
          - rule: when == "1:30"
            message: 时间必须是 1:30
        indicators:
          - id: answered
            name: 回答
            points: 10
            value: answer
            score: {levels: {"yes": 1, "no": 0.5}}
          - id: count
            name: 个数
            points: 10
            value: n
            target: 12
            score: ratio
          - id: amount
            name: 金额
            points: 10
            value: big
            target: 1000
            score: ratio
        """)
    record = write(tmp_path / "r.yaml", """\
        answer: no
        when: 1:30
        n: 012
        big: 1e3
        """)
    code, out, err = run(capsys, "score", scheme, record, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    points = {i["id"]: i["points"] for i in walk(data["items"])}
    assert points == {"answered": 5, "count": 10, "amount": 10}
    assert data["total"] == 25


# --- score: record rejected (exit 1) -------------------------------------------------------


def test_rejected_record_lists_every_problem_with_positions_and_labels(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    record = write(tmp_path / "bad.yaml", """\
        key_projects: 43
        started_projects: abc
        planned_investment: .nan
        completed_investment: 104.5
        tech_committed: 88.02
        tech_completed: -.inf
        basic_spending: 99.35
        project_spending: 62.75
        authorised_staf: 12
        actual_staff: 7
        """)
    code, out, err = run(capsys, "score", SCHEME, record)
    assert (code, out) == (1, "")
    assert err.splitlines() == [  # in the file's order; a missing field at the record's start
        f"{record}:1:1: error: authorised_staff (核定编制数): 缺少必填字段",
        f"{record}:2:19: error: started_projects (开复工项目个数): 'abc' 不是整数",
        f"{record}:3:21: error: planned_investment (年度计划投资): 必须是有限的数值",
        f"{record}:6:17: error: tech_completed (科技产业类项目完成投资): 必须是有限的数值",
        f"{record}:9:1: error: authorised_staf: 方案未声明此字段 "
        "(是否应为「authorised_staff」？)",
    ]
    assert "Traceback" not in err


def test_unknown_choice_value_names_the_field(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    record = write(tmp_path / "bad.yaml", SEED + "work_level: 很好\n")
    code, out, err = run(capsys, "score", SCHEME, record)
    assert (code, out) == (1, "")
    (line,) = err.splitlines()
    assert line.startswith(
        f"{record}:14:13: error: work_level (重点工作完成情况): 必须是以下之一：")
    assert "达成年度指标" in line


def test_failing_checks_reject_the_record(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    record = (SEED.replace("started_projects: 37", "started_projects: 44")
              .replace("basic_spending: 99.35", "basic_spending: 0")
              .replace("project_spending: 62.75", "project_spending: 0"))
    monkeypatch.setattr(sys, "stdin", stdin(record))
    code, out, err = run(capsys, "score", SCHEME, "-")
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("<stdin>")
    assert lines[0].endswith(": error: 开复工项目个数不能多于列入重点项目个数")
    assert lines[1].endswith(": error: 基本支出与项目支出合计必须大于 0")


def test_duplicate_key_in_a_record(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    record = write(tmp_path / "dup.yaml", SEED + "key_projects: 44\n")
    code, out, err = run(capsys, "score", SCHEME, record)
    assert (code, out) == (1, "")  # in the scheme's language, as the record's other errors
    assert err.splitlines() == [f"{record}:14:1: error: 键「key_projects」重复（首次写在第 4 行）"]
    code, out, err = run(capsys, "score", SCHEME, record, "--lang", "en")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{record}:14:1: error: duplicate key 'key_projects' (first written at line 4)"]


def test_record_yaml_syntax_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    record = write(tmp_path / "syntax.yaml", "key_projects: [1\n")
    code, out, err = run(capsys, "score", SCHEME, record, "--lang", "en")
    assert (code, out) == (1, "")
    (line,) = err.splitlines()
    assert line.startswith(f"{record}:2:1: error: YAML syntax: ")


def test_record_must_be_a_mapping(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    record = write(tmp_path / "list.yaml", "- 1\n")
    code, out, err = run(capsys, "score", SCHEME, record)
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{record}: error: 记录必须是字段名到值的映射"]


def test_empty_stdin_lists_every_missing_field(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", stdin(""))
    code, out, err = run(capsys, "score", SCHEME, "-")
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert len(lines) == 10
    assert "<stdin>: error: key_projects (列入重点项目个数): 缺少必填字段" in lines
    assert all("缺少必填字段" in line for line in lines)


def test_record_not_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    record = tmp_path / "latin.yaml"
    record.write_bytes(b"key_projects: \xff\n")
    code, out, err = run(capsys, "score", SCHEME, record, "--lang", "en")
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{record}: error: file is not UTF-8 or GB18030 text (byte 14)"]


def test_a_utf8_record_with_a_stray_byte_is_refused_not_misread(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """\x81 and the @ after it are a GB18030 character, and 重点项目 in UTF-8 reads as GB18030
    without an error (as 閲嶇偣椤圭洰): read so, the record would be scored with its text
    turned into other characters, and no word said."""
    record = tmp_path / "r.yaml"
    record.write_bytes("key_projects: 10\nwork_level: 重点项目".encode() + b"\x81@\n")
    code, out, err = run(capsys, "score", SCHEME, record, "--lang", "en")
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{record}: error: file is not UTF-8 or GB18030 text (byte 41)"]


# --- exit 2: invalid scheme, bad command line, missing files --------------------------------

BROKEN = """\
    perfscore: 1
    id: t.broken
    edition: 2023
    title: T
    lcoale: en
    inputs:
      a: {type: number, label: A}
    indicators:
      - id: x
        name: X
        points: 10
        value: aa / 2
        target: b
        score: ratio
    """


def test_check_bundled_scheme_ok(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", SCHEME)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{SCHEME}: ok (changning.key-projects@2023, 8 indicators, 14 inputs)"]


def test_check_broken_scheme_lists_every_error(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.yaml", BROKEN)
    code, out, err = run(capsys, "check", broken, "--lang", "en")
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"{broken}:5:1: error: unknown key 'lcoale' "
                                "(did you mean 'locale'?)"]
    fixed = write(tmp_path / "fixed.yaml", BROKEN.replace("    lcoale: en\n", ""))
    code, out, err = run(capsys, "check", fixed, "--lang", "en")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{fixed}:11:12: error: unknown name 'aa' (did you mean 'a'?)",
        f"{fixed}:12:13: error: unknown name 'b'",
    ]


def test_check_several_files_reports_each(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.yaml", BROKEN)
    syntax = write(tmp_path / "syntax.yaml", "perfscore: 1\nid: [a, b\ntitle: x\n")
    code, out, err = run(capsys, "check", broken, SCHEME, syntax, "--lang", "en")
    assert code == 2
    assert out.splitlines() == [
        f"{SCHEME}: ok (changning.key-projects@2023, 8 indicators, 14 inputs)"]
    lines = err.splitlines()
    assert lines == [
        f"{broken}:5:1: error: unknown key 'lcoale' (did you mean 'locale'?)",
        f"{syntax}:3:6: error: YAML syntax: expected ',' or ']', but got ':'",
    ]
    assert all(ERROR_LINE.match(line) for line in lines)


def test_score_with_an_invalid_scheme(capsys: pytest.CaptureFixture[str],
                                      tmp_path: Path) -> None:
    fixed = write(tmp_path / "s.yaml", BROKEN.replace("    lcoale: en\n", ""))
    code, out, err = run(capsys, "score", fixed, EXAMPLE, "--lang", "en")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{fixed}:11:12: error: unknown name 'aa' (did you mean 'a'?)",
        f"{fixed}:12:13: error: unknown name 'b'",
    ]
    code, out, err = run(capsys, "score", fixed, EXAMPLE)  # in the scheme's language: zh-CN
    assert (code, out) == (2, "")
    assert err.splitlines()[1] == f"{fixed}:12:13: error: 未知名称「b」"
    code, out, err = run(capsys, "schema", fixed)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 2


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["score", SCHEME, EXAMPLE, "--bogus"],
         "perfscore: error: unrecognized arguments: --bogus"),
        (["score", SCHEME, EXAMPLE, "--format", "xml"],
         "perfscore: error: argument --format: invalid choice: 'xml'"),
        (["score", SCHEME, EXAMPLE, "--lang", "fr"],
         "perfscore: error: argument --lang: invalid choice: 'fr'"),
        (["score", SCHEME], "perfscore: error: the following arguments are required: record"),
        (["frobnicate"], "perfscore: error: argument command: invalid choice: 'frobnicate'"),
        ([], "perfscore: error: the following arguments are required: command"),
        (["check"], "perfscore: error: the following arguments are required: SCHEME"),
    ],
)
def test_bad_command_line_exits_2(capsys: pytest.CaptureFixture[str], argv: list[Any],
                                  message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert any(line.startswith(message) for line in err.splitlines()), err
    assert "Traceback" not in err


def test_missing_files_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    code, out, err = run(capsys, "score", SCHEME, missing)
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"{missing}: error: 找不到记录文件：{missing}"]
    code, out, err = run(capsys, "score", missing, EXAMPLE)
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"{missing}: error: 无法读取文件：No such file or directory"]
    code, out, err = run(capsys, "check", missing)
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"{missing}: error: 无法读取文件：No such file or directory"]
    code, out, err = run(capsys, "schema", missing)
    assert (code, out) == (2, "")
    code, out, err = run(capsys, "score", SCHEME, tmp_path)  # a folder is no record file
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"{tmp_path}: error: {tmp_path} 是目录，不是普通文件"]


# --- schema ---------------------------------------------------------------------------------


def test_schema_titles_are_the_input_labels(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "schema", SCHEME)
    assert (code, err) == (0, "")
    schema = json.loads(out)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    properties = schema["properties"]
    assert len(properties) == 14
    assert properties["key_projects"]["title"] == "列入重点项目个数"
    whole, text = properties["key_projects"]["anyOf"]  # 43, or "43" as a CSV cell holds it
    assert (whole["type"], whole["minimum"], text["type"]) == ("integer", 0, "string")
    assert properties["planned_investment"]["title"] == "年度计划投资"
    assert properties["satisfaction"]["title"] == "服务对象满意度"
    assert properties["work_level"]["title"] == "重点工作完成情况"
    assert "重点工作完成情况" not in json.dumps(properties["work_level"].get("anyOf", []))
    options = json.dumps(properties["work_level"], ensure_ascii=False)
    assert "部分达成年度指标并具有一定效果" in options
    assert sorted(schema["required"]) == sorted([
        "key_projects", "started_projects", "planned_investment", "completed_investment",
        "tech_committed", "tech_completed", "basic_spending", "project_spending",
        "authorised_staff", "actual_staff"])


def test_schema_titles_of_an_inline_scheme(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    scheme = write(tmp_path / "s.yaml", """\
        perfscore: 1
        id: t.schema
        edition: 2023
        title: T
        inputs:
          a: {type: number, min: 0, label: 完成数, unit: 万元, description: 全年完成数}
          b: {type: percent, required: false}
        indicators:
          - id: x
            name: X
            points: 10
            value: a
            target: 1
            score: ratio
        """)
    code, out, err = run(capsys, "schema", scheme)
    assert (code, err) == (0, "")
    schema = json.loads(out)
    assert {k: v["title"] for k, v in schema["properties"].items()} == {"a": "完成数", "b": "b"}
    assert schema["required"] == ["a"]
    a = schema["properties"]["a"]
    number, text = a["anyOf"]
    assert (number["type"], number["minimum"], text["type"], a["unit"], a["description"]) == (
        "number", 0, "string", "万元", "全年完成数")


# --- a real process: exit codes and no traceback ---------------------------------------------


def test_process_scores_and_reads_stdin() -> None:
    done = run_process("score", SCHEME, "-", "--format", "json", stdin=SEED)
    assert (done.returncode, done.stderr) == (0, "")
    data = json.loads(done.stdout)
    assert (data["total"], data["grade"]) == (93.64, "优")


def test_process_prints_no_traceback_for_user_errors(tmp_path: Path) -> None:
    broken = write(tmp_path / "broken.yaml", BROKEN)
    bad = write(tmp_path / "bad.yaml", SEED.replace("started_projects: 37",
                                                    "started_projects: abc"))
    cases = [
        (["check", broken, "--lang", "en"], 2, f"{broken}:5:1: error: unknown key 'lcoale'"),
        (["score", broken, EXAMPLE], 2, f"{broken}:5:1: error: 未知的键「lcoale」"),
        (["score", SCHEME, bad], 1,
         f"{bad}:5:19: error: started_projects (开复工项目个数): 'abc' 不是整数"),
        (["score", SCHEME, tmp_path / "none.yaml"], 2, "error: 找不到记录文件："),
        (["score", SCHEME, EXAMPLE, "--format", "xml"], 2, "perfscore: error: argument --format"),
        (["nonsense"], 2, "perfscore: error:"),
    ]
    for argv, expected_code, expected in cases:
        done = run_process(*argv)
        assert done.returncode == expected_code, (argv, done.stderr)
        assert "Traceback" not in done.stderr, (argv, done.stderr)
        assert expected in done.stderr, (argv, done.stderr)
        assert done.stdout == ""


def test_process_check_ok() -> None:
    done = run_process("check", "rules/changning/key-projects-2023.yaml")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == ("rules/changning/key-projects-2023.yaml: ok "
                           "(changning.key-projects@2023, 8 indicators, 14 inputs)\n")


# --- bugs that were fixed: they stay fixed -------------------------------------------------


CONTROL_CHARACTER = "error: character U+0007 (control character) is not allowed"


@pytest.mark.parametrize("which", ["record", "scheme", "stdin"])
def test_control_character_is_a_user_error_not_a_traceback(tmp_path: Path, which: str) -> None:
    text = SEED.replace("key_projects: 43", "key_projects: 4\x073")
    if which == "record":
        path = write(tmp_path / "ctl.yaml", text)
        done = run_process("score", SCHEME, path, "--lang", "en")
        expected = (1, f"{path}:4:16: {CONTROL_CHARACTER}")
    elif which == "stdin":
        done = run_process("score", SCHEME, "-", "--lang", "en", stdin=text)
        expected = (1, f"<stdin>:4:16: {CONTROL_CHARACTER}")
    else:
        scheme = SCHEME.read_text(encoding="utf-8").replace("title: 常宁", "title: \x07常宁")
        path = write(tmp_path / "ctl.yaml", scheme)
        done = run_process("check", path)
        expected = (2, f"{path}:17:8: error: 不允许使用字符 U+0007 (control character)")
    assert (done.returncode, done.stderr.splitlines(), done.stdout) == (
        expected[0], [expected[1]], "")


def test_non_utf8_stdin_is_a_user_error() -> None:
    done = run_process("score", SCHEME, "-", "--lang", "en", stdin=b"key_projects: \xff\n")
    assert (done.returncode, done.stderr, done.stdout) == (
        1, "<stdin>: error: file is not UTF-8 or GB18030 text (byte 14)\n", "")


def test_zero_over_zero_in_the_bundled_scheme_is_not_assessed(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    record = write(tmp_path / "zero.yaml", SEED.replace("key_projects: 43", "key_projects: 0")
                   .replace("started_projects: 37", "started_projects: 0"))
    code, out, err = run(capsys, "score", SCHEME, record, "--format", "json")
    assert (code, err) == (0, "")
    by_id = {i["id"]: i for i in walk(json.loads(out)["items"])}
    assert (by_id["start_rate"]["status"], by_id["start_rate"]["explanation"]) == (
        "not_assessed", "重点项目开复工率：计算时分母为 0，不参与评分，总分按已评指标折算。")


def test_negative_investment_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    record = write(tmp_path / "neg.yaml", SEED.replace("planned_investment: 106.1",
                                                       "planned_investment: -1"))
    code, out, err = run(capsys, "score", SCHEME, record)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{record}:6:21: error: planned_investment (年度计划投资): 不能小于 0"]


@pytest.mark.parametrize("command", [
    ["check"], ["manual", "-o", "{out}/m.md"], ["template", "-o", "{out}/t.csv"], ["show"],
    ["schema"], ["diff", str(SCHEME.with_name("key-projects-2024.yaml"))]],
    ids=lambda command: command[0])
def test_commands_that_read_a_scheme_never_make_its_scorer(
        command: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The scorer is generated on a scheme's first score (docs/performance.md, "Loading a
    large scheme"): a command that only reads the scheme pays nothing for it."""
    from perfscore._score.scorer import Scorer

    def never(self: Scorer, *, reference: bool) -> None:
        raise AssertionError("the scorer was generated")
    monkeypatch.setattr(Scorer, "_generate", never)
    name, *rest = command
    code, _, err = run(capsys, name, SCHEME, *(a.format(out=tmp_path) for a in rest))
    assert (code, err) == (0, "")



@pytest.mark.parametrize("key", ["planned_investment", "年度计划投资"])
def test_an_error_points_at_its_field_whether_named_or_labelled(
        key: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A record may write its fields by their labels; the error still points at the line and
    column of the value, not at the record's start."""
    record = tmp_path / "r.yaml"
    record.write_text(Path(ROOT / "examples" / "changning-2023.yaml").read_text(
        encoding="utf-8").replace("planned_investment: 106.1", f"{key}: 一百"), encoding="utf-8")
    code, out, err = run(capsys, "score", SCHEME, record)
    assert (code, out) == (1, "")
    line = next(number for number, text in enumerate(
        record.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(key))
    assert err == (f"{record}:{line}:{len(key) + 3}: error: planned_investment (年度计划投资): "
                   "'一百' 不是数值\n")
