"""Write units.csv and units.xlsx: twelve units' self-evaluations under the bundled scheme
rules/changning/key-projects-2023.yaml, as they reach a finance bureau — figures, each item's
得分, 自评得分, 自评等级 and 偏差原因 — with the mistakes units make planted in some of them
(the comment on each unit says which; tests/test_audit.py checks that `perfscore audit` finds
exactly those).

    python examples/audit/make_units.py

Each unit's reported points start as what the scheme gives (scored by perfscore here) and are
then changed as the comment says, so the clean units are clean by construction.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

import perfscore

HERE = Path(__file__).resolve().parent
SCHEME = perfscore.load(HERE.parents[1] / "rules" / "changning" / "key-projects-2023.yaml")
LEAVES = [leaf for root in SCHEME.indicators for leaf in root.leaves()]

BASE: dict[str, Any] = {
    "key_projects": 20, "started_projects": 19, "planned_investment": 100,
    "completed_investment": 98, "tech_committed": 50, "tech_completed": 50,
    "basic_spending": 70, "project_spending": 30, "authorised_staff": 12, "actual_staff": 12,
    "budget_full_year": 200, "budget_spent": 190, "satisfaction": "95%",
    "work_level": "达成年度指标"}
REASONS = {
    "start_rate": "部分项目因征地拆迁推迟开工", "investment": "个别项目资金拨付滞后",
    "budget_execution": "年末部分合同尚未结算", "satisfaction": "群众对办事效率仍有意见",
    "key_work": "两项重点工作跨年度实施", "staffing": "年中新进人员尚未核编"}

# (id, figures changed from BASE, reported changes: item name → points, "total", "grade";
#  reasons left out; text written over a figure's cell)
UNITS: list[tuple[str, dict[str, Any], dict[str, Any], list[str], dict[str, str]]] = [
    ("u01", {}, {}, [], {}),                                   # clean
    ("u02", {}, {"年度投资计划完成率": 30, "total": 99.5}, [], {}),  # AU101 investment, AU103
    ("u03", {}, {"total": 99.9}, [], {}),                       # AU102, AU103: total ≠ sum
    ("u04", {"started_projects": 17, "completed_investment": 90, "satisfaction": "85.5%",
             "work_level": "部分达成年度指标并具有一定效果"},
     {"grade": "优"}, [], {}),                                   # AU104: 89 is 良, not 优
    ("u05", {}, {"items": None, "total": 95.2}, [], {}),        # AU103: only a total, off
    ("u06", {}, {"在职人员控制率": 6}, [], {}),                    # AU105 staffing, AU102
    ("u07", {"actual_staff": 20}, {"在职人员控制率": -2}, [], {}),   # AU105 staffing, AU102
    ("u08", {}, {}, ["budget_execution"], {}),                  # AU107 budget_execution
    ("u09", {}, {}, [], {"完成投资": "九十八"}),                   # AU100: unreadable cell
    ("u10", {"satisfaction": None}, {}, [], {}),                # clean: rescaled to 100
    ("u11", {"completed_investment": 125}, {}, ["investment"], {}),  # AU107: 偏离度, no reason
    ("u12", {}, {"年度投资计划完成率": 29.41, "total": 98.95}, [], {}),  # clean: within tolerance
]


def _number(value: Decimal | None) -> Any:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def rows() -> list[list[Any]]:
    labels = {name: spec.label or name for name, spec in SCHEME.inputs.items()}
    header = ["id", *labels.values(), *(f"{leaf.name}.得分" for leaf in LEAVES), "自评得分",
              "自评等级", *(f"{leaf.name}.偏差原因" for leaf in LEAVES)]
    table = [header]
    for unit, changes, reported, unexplained, written in UNITS:
        figures = {k: v for k, v in {**BASE, **changes}.items() if v is not None}
        result = SCHEME.score(figures)
        points = {leaf.name: _number(result[leaf.id].points) for leaf in LEAVES}
        if "items" in reported:
            points = dict.fromkeys(points)
        points.update({k: v for k, v in reported.items() if k not in ("total", "grade", "items")})
        reasons = {leaf.name: REASONS[leaf.id] for leaf in LEAVES  # lost points, or 偏离度
                   if leaf.id not in unexplained
                   and (result[leaf.id].lost or result[leaf.id].flags)}
        cells = {labels[k]: v for k, v in figures.items()} | written
        table.append([unit, *(cells.get(label) for label in labels.values()),
                      *(points[leaf.name] for leaf in LEAVES),
                      reported.get("total", _number(result.total)),
                      reported.get("grade", result.grade),
                      *(reasons.get(leaf.name) for leaf in LEAVES)])
    return table


def main() -> None:
    table = rows()
    with open(HERE / "units.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(table)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "自评表"
    for row in table:
        sheet.append(row)
    sheet.freeze_panes = "B2"
    book.save(HERE / "units.xlsx")


if __name__ == "__main__":
    main()
