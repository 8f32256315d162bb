"""Write units.csv: six projects' 自评表s under rules/mof/project-self-evaluation-2020.yaml, one
line per table row as a finance bureau collects them (单位 groups a project's lines, 部分 names
the section), each row with the 得分 the unit gave it, and the 自评总分 and 自评等级 on the
project's first line. The mistakes units make in a 自评表 are planted in some of them (the comment
on each says which; tests/test_audit.py checks that `perfscore audit` finds exactly those).

    python examples/audit/mof/make_sheet.py
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
HEAD = ["单位", "项目名称", "主管部门", "实施单位", "年初预算数", "全年预算数", "全年执行数",
        "预算执行率.得分", "预算执行率.偏差原因", "自评总分", "自评等级", "部分", "二级指标",
        "三级指标", "指标性质", "度量单位", "年度指标值", "实际完成值", "分值", "得分",
        "偏差原因分析及改进措施"]

# (部分, 二级指标, 三级指标, 指标性质, 度量单位, 年度指标值, 实际完成值, 分值, 得分, 偏差原因)
ROWS: list[tuple[Any, ...]] = [
    ("产出指标", "数量指标", "提质改造农村公路里程", "≥", "公里", 120, 120, 15, 15, ""),
    ("产出指标", "数量指标", "危桥改造座数", "≥", "座", 6, 6, 5, 5, ""),
    ("产出指标", "质量指标", "工程交工验收合格率", "≥", "%", 100, 100, 10, 10, ""),
    ("产出指标", "时效指标", "工程完工时间", "≤", "日期", "2023-11-30", "2023-11-20", 10, 10, ""),
    ("产出指标", "成本指标", "每公里改造成本", "≤", "万元", 7, 7, 10, 10, ""),
    ("效益指标", "社会效益", "群众出行条件改善", "定性", "", "明显改善", "达成年度指标", 15, 14,
     "个别路段排水设施尚未完善"),
    ("效益指标", "可持续影响", "道路养护机制", "定性", "", "建立", "达成年度指标", 15, 15, ""),
    ("满意度指标", "服务对象满意度", "群众满意度", "≥", "%", 90, 95, 10, 10, ""),
]
UNIT = {"项目名称": "农村公路提质改造", "主管部门": "县交通运输局", "实施单位": "县公路中心",
        "年初预算数": 800, "全年预算数": 900, "全年执行数": 855, "预算执行率.得分": 9.5,
        "预算执行率.偏差原因": "年末部分工程款尚未结算", "自评总分": 98.5, "自评等级": "优"}
# 9.5 + 50 + 29 + 10


def rows(**changes: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """The rows with some replaced, by 三级指标; a name mapped to () is left out."""
    out = []
    for row in ROWS:
        new = changes.get(row[2], row)
        if new:
            out.append(new)
    return out


COST = ROWS[4]
BAND = ROWS[5]
UNITS: list[tuple[str, dict[str, Any], list[tuple[Any, ...]]]] = [
    # m01: clean
    ("m01", {}, ROWS),
    # m02: a 反向 row scored as 正向: 7.5 against 7 gives 10 × 7 ÷ 7.5 = 9.33, the unit wrote 10
    # (AU101), and so a total 0.67 too high (AU103); its rows add up to the total it wrote
    ("m02", {}, rows(每公里改造成本=(*COST[:6], 7.5, 10, 10, "材料价格上涨"))),
    # m03: a 定性 row rated 部分达成 (6 to 8 of 10 points) with 9 (AU106); the total counts 9,
    # the recomputed 8 (AU103: 1 point); 偏差原因 given
    ("m03", {},
     rows(群众出行条件改善=(*BAND[:6], "部分达成年度指标并具有一定效果", 10, 9, "排水未完工"),
          道路养护机制=(*ROWS[6][:7], 20, 20, ""))),
    # m04: a row written twice (AU108 repeated), so the 产出 rows add up to 55 (AU108 points),
    # and the total the unit wrote (98.5) is neither their sum nor the recomputed 103.5 (AU102,
    # AU103)
    ("m04", {}, [*ROWS[:2], ROWS[1], *ROWS[2:]]),
    # m05: a row below its target with no 偏差原因 (AU107): 110 of 120 公里 is 13.75 of 15
    ("m05", {"自评总分": 97.25},
     rows(提质改造农村公路里程=(*ROWS[0][:6], 110, 15, 13.75, ""))),
    # m06: a total that is not the sum of its rows (AU102, AU103) and a grade one band too high
    # for it (AU104: 88 is 良)
    ("m06", {"自评总分": 88, "自评等级": "优"}, ROWS),
]


def main() -> None:
    with (HERE / "units.csv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEAD)
        for unit, changes, table in UNITS:
            fields = {**UNIT, **changes}
            for number, row in enumerate(table):
                first = [unit, *(fields[h] for h in HEAD[1:11])] if number == 0 else \
                    [""] * 11
                out.writerow([*first, *row])


if __name__ == "__main__":
    main()
