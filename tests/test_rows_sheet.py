"""A sheet of 自评表s, one line per table row, scored by ``perfscore batch`` one unit at a time."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from tests.test_rows import SCHEME

SHEET = """\
单位,项目名称,全年预算数,全年执行数,部分,二级指标,三级指标,指标性质,度量单位,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施
A01,道路改造,100,95,产出指标,数量指标,完成项目数,≥,个,10,9,20,,一个项目推迟
,,,,产出指标,质量指标,验收合格率,≥,%,100,98,30,,
,,,,效益指标,社会效益,群众生活改善,定性,,有效改善,达成年度指标,30,27,
A02,桥梁维修,200,200,outputs,数量指标,维修桥梁数,≥,座,5,5,50,,
A02,,,,effect,社会效益,通行改善,定性,,明显,达成年度指标,30,30,
A03,绿化,50,40,产出,数量指标,植树数,≥,株,1000,900,50,,
A04,道路改造,100,90,产出指标,数量指标,完成项目数,≥,个,10,10,50,,
A04,道路养护,,,效益指标,社会效益,群众生活改善,定性,,有效改善,达成年度指标,30,30,
"""


def test_a_sheet_of_rows_is_scored_one_unit_at_a_time(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SCHEME, encoding="utf-8")
    (tmp_path / "units.csv").write_text(SHEET, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "perfscore._cli", "batch", "s.yaml",
                           "units.csv", "-o", "out.csv", "--id-field", "单位", "--jobs", "1"],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    with (tmp_path / "out.csv").open(encoding="utf-8-sig") as handle:
        out = {line["id"]: line for line in csv.DictReader(handle)}
    assert list(out) == ["A01", "A02", "A03", "A04"]
    # A01: 9.5 + (18 + 29.4) + 27, 满意度 not given: 83.9 of 90 assessed, rescaled to 100
    assert (out["A01"]["total"], out["A01"]["output"], out["A01"]["effect"]) == (
        "93.22", "47.4", "27")
    assert (out["A02"]["status"], out["A02"]["total"]) == ("scored", "100")
    assert out["A03"]["errors"] == (
        "第 7 行：「产出」不是表中的部分（effect、effects、output、outputs、产出指标、效益指标）")
    assert out["A04"]["errors"] == "同一单位的各行中「project」填写不一致（第 9 行）"
    assert "units.csv:7: error: 第 7 行" in done.stderr


def test_impact_reads_a_sheet_of_rows_one_unit_at_a_time(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(SCHEME, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(
        SCHEME.replace("edition: 2020", "edition: 2021").replace(
            "    rows: outputs\n", "    rows: outputs\n    reverse: linear\n"), encoding="utf-8")
    (tmp_path / "units.csv").write_text(SHEET, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "perfscore._cli", "impact", "old.yaml",
                           "new.yaml", "units.csv", "--id-field", "单位", "--format", "csv"],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    lines = list(csv.reader(done.stdout.splitlines()))
    assert [line[0] for line in lines[1:]] == ["A01", "A02", "A03", "A04"]
    assert lines[1][1] == "93.22"


def test_a_sheet_whose_units_have_no_id_column_says_which_column_names_them(
        tmp_path: Path) -> None:
    """Without ``--id-field 单位`` every line has no id, and a line with no id continues the
    unit above: the sheet is one unit, whose 单位 differs from line to line. The hint that
    the 单位 column is what names the units is given, as it is for a sheet of one line per
    unit."""
    (tmp_path / "s.yaml").write_text(SCHEME, encoding="utf-8")
    (tmp_path / "units.csv").write_text(SHEET, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "perfscore._cli", "batch", "s.yaml",
                           "units.csv", "-o", "out.csv"],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == (
        "perfscore: 「单位」列不是方案的输入，各行将因此被退回："
        "如该列为单位名称，请加 --id-field 单位")
