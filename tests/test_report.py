"""``perfscore report``: the 绩效自评表 as a finance office hands it over, checked as a person
sees it — the HTML printed to PDF by headless Chromium and read back as text (every row, the
total, the grade, each explanation, the page count), the workbook read back with openpyxl."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml

import perfscore
from perfscore._report.pdf import browser
from tests.conftest import run

ROOT = Path(__file__).parents[1]
SCHEME = ROOT / "rules" / "changning" / "key-projects-2023.yaml"
EXAMPLE = ROOT / "examples" / "changning-2023.yaml"
ROWS = ["重点项目开复工率", "年度投资计划完成率", "科技产业类项目投资完成率", "重点工作完成情况",
        "项目支出占比", "在职人员控制率", "服务对象满意度", "预算执行率"]
ROWS_PER_PAGE = 25


def _printing() -> None:
    """Chromium and pdftotext, or a skip that says why — except in CI, where the tools are
    installed by ``.ci/run`` and their absence is a failure."""
    missing = [name for name, found in (("chromium", browser()),
                                        ("pdftotext", shutil.which("pdftotext")),
                                        ("pdfinfo", shutil.which("pdfinfo"))) if not found]
    if not missing:
        return
    message = (f"{', '.join(missing)} not on PATH: the PDF of the 自评表 is printed by headless "
               "Chromium and read back with poppler-utils (apt-get install chromium "
               "fonts-noto-cjk poppler-utils)")
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pdf_text(path: Path) -> str:
    """The PDF's text in the order it was drawn (a cell's wrapped lines stay together)."""
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts \(A4\)", info)
    assert size is not None, info  # A4, portrait
    assert float(size.group(1)) < float(size.group(2))
    found = re.search(r"Pages:\s+(\d+)", info)
    assert found is not None
    return int(found.group(1))


def test_the_pdf_of_the_bundled_example_holds_every_row_the_total_grade_and_reasons(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _printing()
    output = tmp_path / "自评表.pdf"
    assert run(capsys, "report", SCHEME, EXAMPLE, "-o", output)[:2] == (0, f"→ {output}\n")
    text = _squeezed(_pdf_text(output))
    table, _, rest = text.partition("评分说明")
    assert table.startswith("绩效自评表常宁市重点建设项目事务中心2023年度整体支出绩效自评")
    assert ("一级指标二级指标三级指标指标性质度量单位年度指标值实际完成值分值得分"
            "偏差原因分析及改进措施") in table
    for name in ROWS:  # each in its own cell, whole
        assert name in table, name
    assert "重点项目开复工率%—86.052016" in table
    assert "年度投资计划完成率≥%10098.493029.55" in table
    assert "总分10093.64自评等级优" in table
    result = perfscore.load(SCHEME).score(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    for item in result.reasons:
        assert _squeezed(item.explain("zh")) in rest, item.id
    for warning in result.warnings:
        assert _squeezed(warning.message("zh")) in rest
    assert "由perfscore" in rest and result.provenance["record_sha256"] in rest
    assert _pages(output) == math.ceil(len(ROWS) / ROWS_PER_PAGE)


def _wide_scheme(leaves: int) -> str:
    lines = ["perfscore: 1", "id: t.wide", 'edition: "1"', "title: 多行自评表", "locale: zh-CN",
             "inputs:"]
    lines += [f"  v{n}: {{type: percent, label: 指标{n}完成率}}" for n in range(leaves)]
    lines += ["indicators:", "  - id: output", "    name: 产出指标", "    children:",
              "      - id: quantity", "        name: 数量指标", "        children:"]
    lines += [f"          - {{id: i{n}, name: 第{n}项重点工作任务完成率, points: 1, "
              f"value: v{n}, target: 1, unit: percent, score: ratio}}" for n in range(leaves)]
    return "\n".join(lines) + "\n"


def test_a_long_table_takes_one_a4_page_per_25_rows_and_repeats_its_header(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _printing()
    leaves = 50
    scheme = tmp_path / "wide.yaml"
    scheme.write_text(_wide_scheme(leaves), encoding="utf-8")
    record = tmp_path / "r.yaml"
    record.write_text("".join(f"v{n}: 1\n" for n in range(leaves)), encoding="utf-8")
    output = tmp_path / "wide.pdf"
    assert run(capsys, "report", scheme, record, "-o", output)[0] == 0
    text = _squeezed(_pdf_text(output))
    table = text.partition("评分说明")[0]
    for n in range(leaves):
        assert f"第{n}项重点工作任务完成率≥%1001001" in table, n
    pages = _pages(output)
    assert text.count("一级指标二级指标三级指标") >= 2  # the header again on the next page
    assert pages <= math.ceil(leaves / ROWS_PER_PAGE) + 1  # the explanations may take one more


def test_without_chromium_a_pdf_is_refused_with_what_to_do(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    output = tmp_path / "r.pdf"
    code, out, err = run(capsys, "report", SCHEME, EXAMPLE, "-o", output)
    assert (code, out) == (2, "")
    assert err == (f"{output}: error: 生成 PDF 需要 Chromium（`chromium` 命令）打印 HTML 自评表："
                   f"请安装 Chromium，或将 {output} 改为 .html 后在浏览器中打印\n")
    assert not output.exists()


def test_an_output_of_no_known_format_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "r.docx"
    assert run(capsys, "report", SCHEME, EXAMPLE, "-o", output, "--lang", "en") == (
        2, "", f"{output}: error: cannot tell the format of {output}: use a .html, .xlsx, "
               ".pdf file\n")


def test_the_html_is_one_file_with_no_script_and_nothing_fetched(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "自评表.html"
    assert run(capsys, "report", SCHEME, EXAMPLE, "-o", output)[0] == 0
    page = output.read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert "@page { size: A4 portrait;" in page and "<link" not in page
    levels = re.findall(r'<td class="level( more)?">([^<]*)</td>', page)
    assert levels[:4] == [("", "产出指标"), ("", "数量指标"), (" more", ""), (" more", "")]
    svg = page[page.index("<svg"):page.index("</svg>")]
    # the chart: a bar for each indicator that lost points, most lost first
    assert re.findall(r'class="label">([^<]+)<', svg) == ["重点项目开复工率", "年度投资计划完成率"]
    assert re.findall(r'class="value">([^<]+)<', svg) == ["4", "0.45"]


def test_a_name_in_the_scheme_is_text_not_markup(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scheme = tmp_path / "s.yaml"
    scheme.write_text(_wide_scheme(1).replace("第0项重点工作任务完成率",
                                              '"<script>x</script>&amp;"'), encoding="utf-8")
    record = tmp_path / "r.yaml"
    record.write_text("v0: 0.5\n", encoding="utf-8")
    output = tmp_path / "r.html"
    assert run(capsys, "report", scheme, record, "-o", output)[0] == 0
    page = output.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;&amp;amp;" in page


def test_the_workbook_has_merged_cells_a_frozen_header_numbers_and_a4_print_setup(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "自评表.xlsx"
    assert run(capsys, "report", SCHEME, EXAMPLE, "-o", output)[0] == 0
    sheet = openpyxl.load_workbook(output).active
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:J1", "A2:J2", "A4:A5", "B4:B5", "A6:A9", "B8:B9", "A12:G12", "H13:J13"} <= merged
    assert sheet.freeze_panes == "A4"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.print_area == "'绩效自评表'!$A$1:$J$30"
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation,
            sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (9, "portrait", 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    rows = list(sheet.iter_rows(min_row=3, max_row=13, values_only=True))
    assert rows[0] == ("一级指标", "二级指标", "三级指标", "指标性质", "度量单位", "年度指标值",
                       "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    assert [row[2] for row in rows[1:9]] == ROWS
    assert rows[2] == (None, None, "年度投资计划完成率", "≥", "%", 100, 98.49, 30, 29.55, None)
    assert rows[4][2:] == ("重点工作完成情况", "定性", None, "—", "—", 10, "—", "不参与评分")
    assert rows[9][0] == "总分" and rows[9][7:9] == (100, 93.64)
    assert rows[10][0] == "自评等级" and rows[10][7] == "优"
    assert sheet["I6"].number_format == "0.00"
    assert sheet.column_dimensions["J"].width == 36
    assert sheet["J7"].alignment.wrap_text


def test_english_tables_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "table.html"
    assert run(capsys, "report", SCHEME, EXAMPLE, "-o", output, "--lang", "en")[0] == 0
    page = output.read_text(encoding="utf-8")
    assert "<h1>Performance self-evaluation table</h1>" in page
    assert "<th>Reasons for deviation and measures</th>" in page
    assert "Start rate" not in page  # names stay as the scheme writes them
    assert "重点项目开复工率" in page and "not assessed" in page


def test_batch_writes_one_table_per_scored_unit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    units = ROOT / "examples" / "units-2023.yaml"
    folder = tmp_path / "tables"
    scheme = SCHEME.with_name("key-projects-2024.yaml")
    code, out, _ = run(capsys, "batch", scheme, units, "-o", tmp_path / "out.csv",
                       "--report", folder)
    ids = ["changning", "unit-b", "unit-c", "unit-d", "unit-e"]  # unit-f is rejected
    assert code == 1
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{i}.html" for i in ids)
    assert out.splitlines()[-1] == f"自评表 {len(ids)} 份 → {folder}"
    assert "unit-b" not in (folder / "changning.html").read_text(encoding="utf-8")


MOF = ROOT / "rules" / "mof" / "project-self-evaluation-2020.yaml"
MOF_EXAMPLE = ROOT / "examples" / "mof-project-2023.yaml"


def _mof_result(**more: object) -> perfscore.Result:
    """The MOF example (written by the table's labels, as `perfscore score` reads it)."""
    from perfscore._score.record import by_name
    scheme = perfscore.load(MOF)
    data = by_name(yaml.safe_load(MOF_EXAMPLE.read_text(encoding="utf-8")), scheme.inputs, "zh")
    return scheme.score({**data, **more})


def test_the_header_heads_the_table_in_html_and_xlsx(tmp_path: Path) -> None:
    from perfscore._report.paper import write_report
    result = _mof_result()
    page, book = tmp_path / "r.html", tmp_path / "r.xlsx"
    write_report(result, str(page), "zh")
    write_report(result, str(book), "zh")
    text = page.read_text(encoding="utf-8")
    assert ('<table class="header">\n'
            "<tr><th>项目名称</th><td>某县2023年农村公路提质改造工程</td></tr>\n"
            "<tr><th>主管部门</th><td>某县交通运输局</td></tr>\n"
            "<tr><th>实施单位</th><td>某县公路建设养护中心</td></tr>\n</table>") in text
    sheet = openpyxl.load_workbook(book).active
    assert [(sheet.cell(row=r, column=1).value, sheet.cell(row=r, column=3).value)
            for r in (3, 4, 5)] == list(result.header)
    assert {"A3:B3", "C3:J3", "A5:B5", "C5:J5"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.freeze_panes == "A10"  # below the budget block and the table's own header


def test_a_row_item_shows_its_row_and_its_reason_and_not_applicable_says_why(
        tmp_path: Path) -> None:
    from perfscore._report.paper import write_report
    result = _mof_result(not_applicable={"satisfaction_indicators": "项目无直接服务对象"})
    page = tmp_path / "r.html"
    write_report(result, str(page), "zh")
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", page.read_text(encoding="utf-8"))
    first = cells.index("产出指标")
    assert cells[first:first + 10] == ["产出指标", "数量指标", "提质改造农村公路里程", "≥", "公里",
                                       "120", "112.5", "15", "14.06",
                                       "两条路段因征地调整推迟至2024年实施"]
    index = cells.index("满意度指标")
    assert cells[index + 7:index + 10] == ["10", "—", "不适用：项目无直接服务对象"]




def test_the_budget_block_heads_the_mof_table_in_the_pdf(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _printing()
    output = tmp_path / "自评表.pdf"
    assert run(capsys, "report", MOF, MOF_EXAMPLE, "-o", output)[0] == 0
    text = _squeezed(_pdf_text(output))
    table, _, rest = text.partition("评分说明")
    header, _, rows = table.partition("一级指标二级指标三级指标")
    assert header.endswith("实施单位某县公路建设养护中心"
                           "项目资金（万元）年初预算数全年预算数全年执行数分值执行率得分"
                           "年度资金总额8009008551095%9.5"
                           "偏差原因分析及改进措施工程尾款45万元待竣工决算审计后支付")
    assert "预算执行率" not in rows  # in the block, not among the rows
    assert "工程交工验收合格率≥%1001001010" in rows  # a % row's figures as percentages
    assert "沿线群众满意度≥%9093.51010" in rows
    assert "总分10088.77自评等级良" in rows
    assert rest.startswith("1.预算执行率95%，年度指标值100%，完成率95%，得9.5分（满分10分）。")
    first = subprocess.run(["pdftotext", "-raw", "-f", "1", "-l", "1", str(output), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "自评等级良" in _squeezed(first)  # the block and every row on the first page
    assert _pages(output) == 2  # the chart of points lost on the next


def test_the_budget_block_in_the_workbook(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "自评表.xlsx"
    assert run(capsys, "report", MOF, MOF_EXAMPLE, "-o", output)[0] == 0
    sheet = openpyxl.load_workbook(output).active
    rows = list(sheet.iter_rows(min_row=6, max_row=10, values_only=True))
    assert rows[0] == ("项目资金（万元）", None, "年初预算数", "全年预算数", None, "全年执行数",
                       "分值", "执行率", "得分", None)
    assert rows[1] == ("年度资金总额", None, 800, 900, None, 855, 10, 0.95, 9.5, None)
    assert rows[2][:3] == ("偏差原因分析及改进措施", None, "工程尾款45万元待竣工决算审计后支付")
    assert rows[3][0] == "一级指标"
    assert rows[4][2] == "提质改造农村公路里程"
    assert {"A6:B6", "D6:E6", "I6:J6", "A7:B7", "D7:E7", "I7:J7", "A8:B8", "C8:J8"} <= {
        str(r) for r in sheet.merged_cells.ranges}
    assert (sheet["H7"].number_format, sheet["C7"].number_format) == ("0.00%", "0.00")
    assert sheet.freeze_panes == "A10" and sheet.print_title_rows == "$9:$9"
    # the 指标性质 "=" of 安全责任事故 is the text "=", not "'=" printed with its guard
    row = next(r for r in sheet.iter_rows(min_row=10) if r[2].value == "安全责任事故")
    assert (row[3].value, row[3].data_type) == ("=", "s")
    assert "预算执行率" not in [row[2] for row in sheet.iter_rows(min_row=10, values_only=True)]


def test_the_budget_block_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "table.html"
    assert run(capsys, "report", MOF, MOF_EXAMPLE, "-o", output, "--lang", "en")[0] == 0
    page = output.read_text(encoding="utf-8")
    assert ("<tr><th>Project funds (万元)</th><th>Budget at the start of the year</th>"
            "<th>Full-year budget</th><th>Spent in the year</th><th>Points</th>"
            "<th>Execution rate</th><th>Score</th></tr>\n"
            '<tr><th>Total funds of the year</th><td class="number">800</td>'
            '<td class="number">900</td><td class="number">855</td><td class="number">10</td>'
            '<td class="number">95%</td><td class="number">9.5</td></tr>') in page


@pytest.mark.parametrize(("change", "message"), [
    (("  spent: budget_spent", "  spent: budget_spnt"),
     "`budget: spent` names 'budget_spnt', which is not an input (did you mean "
     "'budget_spent'?)"),
    (("  initial: budget_initial", "  initial: project_name"),
     "`budget: initial` needs a number input, but 'project_name' is text"),
    (("  indicator: execution", "  indicator: executon"),
     "`budget: indicator` names 'executon', which is not an indicator (did you mean "
     "'execution'?)"),
    (("  indicator: execution", "  indicator: output"),
     "`budget: indicator` must score one value (its 执行率), but 'output' has children or "
     "rows"),
])
def test_a_budget_block_naming_what_it_cannot_show_is_refused_at_load(
        change: tuple[str, str], message: str) -> None:
    text = MOF.read_text(encoding="utf-8")
    assert change[0] in text
    changed = text.replace(*change)
    at = changed.index(change[1]) + change[1].index(": ") + 2  # the value is placed
    line = changed[:at].count("\n") + 1
    column = at - changed.rfind("\n", 0, at)
    with pytest.raises(perfscore.SchemeError) as caught:
        perfscore.loads(changed, file="mof.yaml")
    assert [str(error) for error in caught.value.errors] == [
        f"mof.yaml:{line}:{column}: error: {message}"]


def test_the_budget_block_counts_its_inputs_as_shown() -> None:
    assert not [w for w in perfscore.load(MOF).warnings if w.code == "PS230"]


def test_the_budget_amounts_follow_the_header_in_score_output(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "score", MOF, MOF_EXAMPLE, "--format", "markdown")
    assert code == 0
    assert out.splitlines()[2:8] == [
        "项目名称：某县2023年农村公路提质改造工程  ", "主管部门：某县交通运输局  ",
        "实施单位：某县公路建设养护中心  ", "年初预算数：800 万元  ", "全年预算数：900 万元  ",
        "全年执行数：855 万元  "]
