"""Diagnostic messages in English and Chinese, keyed by code.

A problem is recorded as a key — its code, or ``code.variant`` where one code has several
wordings — and named arguments; the words are chosen only when it is printed, in the language
of the scheme or of ``--lang``. The English text is also ``PerfscoreError.message``, which
programs and tests may match, so an English template changes only with care.
"""

from __future__ import annotations

import difflib
import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final, Literal

from .numbers import plain
from .text import describe, shown

Lang = Literal["zh", "en"]
"""The languages perfscore writes (``_common.language`` decides which one is meant)."""


@dataclass(frozen=True, slots=True)
class Term:
    """An argument that is itself a word of one language or the other (a kind of value)."""

    en: str
    zh: str


@dataclass(frozen=True, slots=True)
class Joined:
    """A list argument joined by a separator of each language."""

    items: tuple[str, ...]
    en: str = ", "
    zh: str = "、"


MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # --- PS0xx: files, format, editions ---------------------------------------------------
    "PS001": ("no such {what}: {path}", "找不到{what}：{path}"),
    "PS001.read": ("cannot read file: {reason}", "无法读取文件：{reason}"),
    "PS002": ("file is larger than {limit:,} bytes", "文件超过 {limit:,} 字节"),
    "PS002.text": ("text is longer than {limit:,} characters", "文本超过 {limit:,} 个字符"),
    "PS003": ("file is not UTF-8 text (byte {byte})", "文件不是 UTF-8 文本（第 {byte} 个字节）"),
    "PS003.records": ("file is not UTF-8 or GB18030 text (byte {byte})",
                      "文件既不是 UTF-8 也不是 GB18030 文本（第 {byte} 个字节）"),
    "PS004": ("YAML syntax: {problem}", "YAML 语法错误：{problem}"),
    "PS004.aliases": ("YAML more than {limit} aliases", "YAML 别名超过 {limit} 个"),
    "PS004.alias_inside": ("YAML alias *{anchor} is inside the node it names",
                           "YAML 别名 *{anchor} 位于它所指的节点之内"),
    "PS004.depth": ("YAML nesting deeper than {limit} levels", "YAML 嵌套超过 {limit} 层"),
    "PS004.values": ("YAML document expands to more than {limit:,} values (aliases are counted "
                     "each time they are used)",
                     "YAML 文档展开后超过 {limit:,} 个值（别名每使用一次计一次）"),
    "PS004.characters": ("YAML document expands to more than {limit:,} characters of text "
                         "(aliases are counted each time they are used)",
                         "YAML 文档展开后文本超过 {limit:,} 个字符（别名每使用一次计一次）"),
    "PS004.tag": ("YAML tag {tag!r} is not allowed", "不允许使用 YAML 标签「{tag}」"),
    "PS004.character": ("character {character} is not allowed", "不允许使用字符 {character}"),
    "PS004.key": ("a mapping key must be a plain value", "映射的键必须是普通值"),
    "PS005": ("duplicate key {key!r} (first written at line {line})",
              "键「{key}」重复（首次写在第 {line} 行）"),
    "PS006": ("number {number} is out of range", "数值 {number} 超出范围"),
    "PS006.digits": ("number has more than {limit} digits", "数值超过 {limit} 位数字"),
    "PS001.kind": ("{path} is {kind}, not a regular file", "{path} 是{kind}，不是普通文件"),
    "PS007": ("`{key}` has more than {limit:,} entries", "`{key}` 超过 {limit:,} 项"),
    "PS007.cases": ("a cases file has more than {limit:,} cases", "用例文件超过 {limit:,} 个用例"),
    "PS008": ("the scheme has more than {limit:,} indicators (branches and leaves, with every "
              "file it extends)",
              "方案的指标超过 {limit:,} 个（含分支和末级指标，及其 extends 的所有文件）"),
    "PS009": ("the scheme and the files it extends hold more than {limit:,} characters together",
              "方案及其 extends 的文件合计超过 {limit:,} 个字符"),
    "PS010": ("a scheme file must be a YAML mapping", "方案文件必须是 YAML 映射"),
    "PS011": ("unknown key {name!r}", "未知的键「{name}」"),
    "PS012": ("{problem}", "{problem}"),
    "PS012.missing": ("missing required key {name!r}", "缺少必填的键「{name}」"),
    "PS012.more": ("{count:,} more problems not shown", "另有 {count:,} 个问题未列出"),
    "PS012.options": ("`options` is required for type choice, and only for it",
                      "choice 类型必须给出 `options`，其他类型不能给"),
    "PS012.options_repeat": ("`options` must not repeat", "`options` 不能重复"),
    "PS012.of": ("`of` is required for type list, and only for it",
                 "list 类型必须给出 `of`，其他类型不能给"),
    "PS012.bounds": ("`min` and `max` apply to numbers, not to type {type}",
                     "`min` 和 `max` 只用于数值，不能用于 {type} 类型"),
    "PS012.min_max": ("`min` is greater than `max`", "`min` 大于 `max`"),
    "PS012.whole_bounds": ("an integer input's `min` and `max` are whole numbers",
                           "integer 类型输入的 `min` 和 `max` 须为整数"),
    "PS012.cases": ("`cases` is a list of cases or the path of a file holding them",
                    "`cases` 应是用例列表，或存放用例的文件路径"),
    "PS012.property": ("give exactly one property: increasing, decreasing, independent, bounded",
                       "每条性质只能写一种：increasing、decreasing、independent、bounded"),
    "PS012.method": ("give exactly one scoring method: {methods}", "只能写一种评分方法：{methods}"),
    "PS012.option": ("`{option}` goes with `{owner}`, not `{method}`",
                     "`{option}` 用于 `{owner}`，不能用于 `{method}`"),
    "PS012.branch": ("a branch (with `children`) has no {keys}",
                     "分支指标（有 `children`）不能有 {keys}"),
    "PS012.version": ("the format version is 1 or 1.1, not {given}",
                      "格式版本应为 1 或 1.1，而不是 {given}"),
    "PS012.rows": ("an indicator with `rows` has no {keys}: its items come from the record",
                   "带 `rows` 的指标不能有 {keys}：其下级指标来自记录"),
    "PS012.rows_only": ("{keys} go with `rows`", "{keys} 只能与 `rows` 一起使用"),
    "PS012.rows_points": ("an indicator with `rows` needs `points`: the rows' 分值 must add "
                          "up to them", "带 `rows` 的指标需要 `points`：各行分值之和须等于它"),
    "PS012.rows_default": ("an input of type rows has no `default`",
                           "rows 类型的输入不能有 `default`"),
    "PS012.default": ("`default` {problem} (the value of a record that leaves the input out)",
                      "`default` {problem}（记录未填该项时即取此值）"),
    "PS012.points": ("a leaf indicator needs `points`", "末级指标需要 `points`"),
    "PS012.score": ("a leaf indicator needs `score` (or `children` for a branch)",
                    "末级指标需要 `score`（分支指标则需要 `children`）"),
    "PS012.value": ("`score: {method}` needs a `value`", "「score: {method}」需要 `value`"),
    "PS012.deduct_side": ("give exactly one of `above` and `below`",
                          "`above` 和 `below` 只能写一个"),
    "PS012.deduct_each": ("with `each`, {keys} go in each checkpoint, not beside `each`",
                          "写了 `each` 时，{keys} 应写在各个检查点中，而不是与 `each` 并列"),
    "PS012.else_tier": ("an `else` tier has no `if` or `points`",
                        "`else` 档不能有 `if` 或 `points`"),
    "PS012.tier": ("a tier needs `if` and `points` (or is `{{else: n}}`)",
                   "每一档需要 `if` 和 `points`（或写成 `{{else: n}}`）"),
    "PS020": ("`extends` must be a path to a scheme file", "`extends` 必须是方案文件的路径"),
    "PS020.missing": ("`extends`: no such file {path}", "`extends`：找不到文件 {path}"),
    "PS020.kind": ("`extends`: {path} is {kind}, not a regular file",
                   "`extends`：{path} 是{kind}，不是普通文件"),
    "PS021": ("`extends: {target}` leaves the allowed folder {bound}",
              "`extends: {target}` 超出了允许的目录 {bound}"),
    "PS021.text": ("a scheme loaded from text can `extends` only within an explicit `root=` "
                   "folder", "从文本加载的方案只能在明确给出的 `root=` 目录内使用 `extends`"),
    "PS022": ("`extends` makes a cycle: {cycle}", "`extends` 形成循环：{cycle}"),
    "PS023": ("an indicator needs an `id`", "指标需要 `id`"),
    "PS030": ("scheme pack {pack!r} ({module}) cannot be loaded: {problem}",
              "无法加载评分方案包「{pack}」（{module}）：{problem}"),
    "PS031": ("no installed scheme {id!r}", "没有已安装的方案「{id}」"),
    "PS031.edition": ("scheme {id!r} has no edition {edition!r}",
                      "方案「{id}」没有版本「{edition}」"),
    "PS032": ("scheme {scheme} is installed twice, by {copies}",
              "方案 {scheme} 被安装了两次：{copies}"),
    "PS033": ("edition {edition!r} is not a valid edition: at most 32 ASCII letters, digits, `.`, "
              "`_` and `-`, starting with a letter or digit (2024, 2024.2, v3)",
              "版本「{edition}」无效：版本最多 32 个字符，"
              "只能用 ASCII 字母、数字、`.`、`_` 和 `-`，"
              "并以字母或数字开头（如 2024、2024.2、v3）"),
    "PS024": ("indicator {id!r} is already in the base scheme; drop `under` to change it, or "
              "`remove` it first",
              "指标「{id}」已在基础方案中；要修改它请去掉 `under`，或先 `remove` 它"),
    "PS025": ("indicator {id!r} is not in the base scheme; to add it, give its `name`, `points` "
              "and rule, and `under:` a branch (or none for the root)",
              "指标「{id}」不在基础方案中；要新增它，请给出 `name`、`points` 和评分规则，"
              "并用 `under:` 指定所属分支（不写则放在最上层）"),
    "PS026": ("`under: {under}` names no branch of the base scheme",
              "`under: {under}` 不是基础方案中的分支指标"),
    "PS027": ("`remove` is a list of indicator ids", "`remove` 必须是指标 id 的列表"),
    "PS027.missing": ("`remove`: no indicator {name!r} in the base scheme",
                      "`remove`：基础方案中没有指标「{name}」"),
    "PS027.inputs": ("`remove_inputs` is a list of input names",
                     "`remove_inputs` 必须是输入名称的列表"),
    "PS027.input": ("`remove_inputs`: no input {name!r} in the base scheme",
                    "`remove_inputs`：基础方案中没有输入「{name}」"),
    "PS028": ("`extends` goes more than {limit} files deep", "`extends` 嵌套超过 {limit} 层文件"),
    "PS029.remove": ("`remove` applies to the scheme named by `extends`, and this file extends "
                     "none", "`remove` 作用于 `extends` 指定的基础方案，而本文件没有 `extends`"),
    "PS029.remove_inputs": ("`remove_inputs` applies to the scheme named by `extends`, and "
                            "this file extends none: delete the inputs from `inputs`",
                            "`remove_inputs` 作用于 `extends` 指定的基础方案，而本文件没有 "
                            "`extends`：请直接从 `inputs` 中删除这些输入"),
    "PS029.under": ("`under` places a new indicator of an edition; this file extends no scheme: "
                    "put the indicator among its branch's `children`",
                    "`under` 用于在新版本中放置新增指标，而本文件没有 `extends`："
                    "请把该指标写在所属分支的 `children` 中"),
    # --- PS04x: record files and batch output --------------------------------------------
    "PS041.empty": ("no records to score: the input holds no rows, so nothing was written",
                    "没有可评分的记录：输入文件中没有数据行，未写出任何文件"),
    "PS041.workbook": ("{path} is a file of many records: score it with `perfscore batch`",
                       "{path} 是多条记录的文件：请用 `perfscore batch` 评分"),
    "PS043.twice": ("the field {name!r} is given twice, by its name and its label",
                    "字段「{name}」给出了两次：一次用名称，一次用标签"),
    "PS043.both": ("the field {name!r} is given twice: by its name and by its label {label!r}",
                   "字段「{name}」给出了两次：一次用名称，一次用标签「{label}」"),
    "PS043.id_label": ("the id field {field!r} is also the label of the input {name!r}: name "
                       "the id column with --id-field, or give the input another label",
                       "编号字段「{field}」同时是输入「{name}」的标签：请用 --id-field 指定编号列，"
                       "或给该输入换一个标签"),
    "PS044.header": ("row {line}: a value in column {column}, which has no header",
                     "第 {line} 行：{column} 列有值，但该列没有表头"),
    "PS044.cell": ("a cell in column {column} holds more than {limit:,} characters",
                   "{column} 列的单元格超过 {limit:,} 个字符"),
    "PS044.id": ("the id is longer than {limit:,} characters",
                 "编号超过 {limit:,} 个字符"),
    "PS044.quote": ("line {line}: a quote opened in this row is not closed where a field "
                    "ends, so the row cannot be read; the lines after it are read on their own",
                    "第 {line} 行：本行的引号没有在字段结尾处闭合，无法读取本行；其后各行单独读取"),
    "PS044.field": ("line {line}: a field runs on for more than {limit:,} characters (a quote "
                    "that is not closed?); the lines after it are read on their own",
                    "第 {line} 行：有字段超过 {limit:,} 个字符（引号未闭合？）；其后各行单独读取"),
    "PS044.encoding": ("line {line} is not {encoding} text (byte {byte}); save the file as "
                       "CSV UTF-8",
                       "第 {line} 行不是 {encoding} 文本（第 {byte} 个字节）；请把文件另存为"
                       " CSV UTF-8"),
    "PS044.long": ("line {line}: longer than {limit:,} bytes", "第 {line} 行：超过 {limit:,} 字节"),
    "PS044.json": ("invalid JSON ({problem})", "JSON 无效（{problem}）"),
    "PS047.part": ("the workbook's part {part} unpacks to {size:,} bytes, more than {limit:,}: "
                   "save the sheet as CSV, which has no such limit",
                   "工作簿的组成部分 {part} 解压后为 {size:,} 字节，超过 {limit:,} 字节："
                   "请把工作表另存为 CSV（没有此限制）"),
    "PS048.field": ("{field!r} differs between the lines of one unit (line {line})",
                    "同一单位的各行中「{field}」填写不一致（第 {line} 行）"),
    "PS048.section": ("line {line}: {section!r} names no section of rows ({sections})",
                      "第 {line} 行：「{section}」不是表中的部分（{sections}）"),
    "PS046.same": ("the output {path} is the input file: write the results to another file",
                   "输出文件 {path} 就是输入文件：请把结果写到另一个文件"),
    # --- PS05x: testing rule files (records(), perfscore test) --------------------------
    "PS050.value": ("records(): cannot fix {name}={value!r}: {problem}",
                    "records()：不能把 {name} 固定为 {value}：{problem}"),
    "PS050.check": ("records(): the overrides {values} break the check `{rule}` ({message})",
                    "records()：固定的取值 {values} 不满足检查 `{rule}`（{message}）"),
    "PS050.room": ("records(): with {values}, no value of {name!r} meets the checks and its "
                   "bounds (it would have to be {range})",
                   "records()：在 {values} 时，「{name}」没有满足检查和取值范围的值"
                   "（它必须在 {range}）"),
    # --- the command line's own one-line messages ------------------------------------------
    "cli.interrupted": ("interrupted", "已中断"),
    # --- the columns and summary of a batch written for people (--headers names) ---------------
    "batch.sheet": ("scores", "评分结果"),
    "batch.id": ("unit", "单位"),
    "batch.status": ("status", "状态"),
    "batch.total": ("total", "总分"),
    "batch.grade": ("grade", "自评等级"),
    "batch.warnings": ("warnings", "提示"),
    "batch.errors": ("errors", "退回原因"),
    "batch.scored": ("scored", "已评分"),
    "batch.rejected": ("rejected", "退回"),
    "batch.summary": ("summary", "汇总"),
    "batch.units": ("units", "单位数"),
    "batch.mean": ("mean total", "平均分"),
    "batch.highest": ("highest total", "最高分"),
    "batch.lowest": ("lowest total", "最低分"),
    "batch.no_grade": ("no grade", "无等级"),
    "batch.chart": ("units by grade", "各等级单位数"),
    "batch.most_lost": ("indicators that lost the most", "失分最多的指标"),
    "batch.lost": ("points lost in all", "累计失分"),
    "batch.done": ("{rows:,} rows: {scored:,} scored, {rejected:,} rejected{more} in {seconds:.2f} "
                   "s{alone}, {rate:,.0f} records/s → {output}",
                   "{rows:,} 行：已评分 {scored:,}，退回 {rejected:,}{more}；用时 {seconds:.2f} 秒"
                   "{alone}，{rate:,.0f} 条/秒 → {output}"),
    "batch.more": (" ({more:,} more not listed: see the output)",
                   "（另有 {more:,} 行予以退回，见输出文件）"),
    "batch.alone": (" (a small input: one process)", "（输入较小，单进程评分）"),
    "batch.reports": ("{written:,} self-evaluation tables → {path}",
                      "自评表 {written:,} 份 → {path}"),
    "impact.unit": ("unit", "单位"),
    "impact.old_total": ("old total", "原总分"),
    "impact.old_grade": ("old grade", "原等级"),
    "impact.new_total": ("new total", "新总分"),
    "impact.new_grade": ("new grade", "新等级"),
    "impact.delta": ("delta", "变化"),
    "impact.moved": ("moved", "变动指标"),
    "impact.summary": ("{units} units, {scored} scored by both; grade up {up}, down {down}; mean "
                       "change {mean}",
                       "{units} 个单位，{scored} 个两版均可评分；自评等级上升 {up}，下降 {down}；"
                       "平均变化 {mean} 分"),
    "batch.losing": ("units that lost points", "失分单位数"),
    "impact.old": ("old", "原版"),
    "impact.new": ("new", "新版"),
    "impact.grade_count": ("{grade} {units}", "{grade} {units} 个"),
    "impact.totals": ("{edition} ({scheme}): {scored} scored, {rejected} rejected; by grade: "
                      "{grades}; mean {mean}, highest {highest}, lowest {lowest}",
                      "{edition}（{scheme}）：评分 {scored} 个，退回 {rejected} 个；"
                      "按等级：{grades}；平均分 {mean}，最高分 {highest}，最低分 {lowest}"),
    "cli.id_field": ("the column {column!r} is not an input of the scheme, so every row is "
                     "rejected: if it names the units, give --id-field {column}",
                     "「{column}」列不是方案的输入，各行将因此被退回：如该列为单位名称，"
                     "请加 --id-field {column}"),
    "cli.output": ("cannot write the output: {problem}", "无法写出结果：{problem}"),
    "cli.internal": ("internal error: {problem} (a bug in perfscore: please report it)",
                     "内部错误：{problem}（这是 perfscore 的缺陷，请报告）"),
    # --- the 绩效自评表 (perfscore report): its words, read top to bottom ---------------------
    "paper.heading": ("Performance self-evaluation table", "绩效自评表"),
    "paper.level1": ("Level 1", "一级指标"),
    "paper.level2": ("Level 2", "二级指标"),
    "paper.level3": ("Level 3", "三级指标"),
    "paper.nature": ("Sense", "指标性质"),
    "paper.unit": ("Unit", "度量单位"),
    "paper.target": ("Annual target", "年度指标值"),
    "paper.actual": ("Actual", "实际完成值"),
    "paper.points": ("Points", "分值"),
    "paper.score": ("Score", "得分"),
    "paper.reason": ("Reasons for deviation and measures", "偏差原因分析及改进措施"),
    "paper.budget": ("Project funds", "项目资金"),
    "paper.budget_in": ("Project funds ({unit})", "项目资金（{unit}）"),
    "paper.budget_total": ("Total funds of the year", "年度资金总额"),
    "paper.initial": ("Budget at the start of the year", "年初预算数"),
    "paper.full_year": ("Full-year budget", "全年预算数"),
    "paper.spent": ("Spent in the year", "全年执行数"),
    "paper.rate": ("Execution rate", "执行率"),
    "paper.total": ("Total", "总分"),
    "paper.grade": ("Grade", "自评等级"),
    "paper.qualitative": ("qualitative", "定性"),
    "paper.yes": ("yes", "是"),
    "paper.no": ("no", "否"),
    "paper.not_assessed": ("not assessed", "不参与评分"),
    "paper.not_applicable": ("not applicable", "不适用"),
    "paper.explanations": ("How each indicator was scored", "评分说明"),
    "paper.notes": ("Notes", "提示事项"),
    "paper.chart": ("Points lost by indicator", "各指标失分情况"),
    "paper.chart_none": ("No indicator lost points.", "各项指标均未失分。"),
    "paper.chart_label": ("Points lost by indicator, in points", "各指标失分（分）"),
    "paper.provenance": ("Scored by perfscore {version} with {scheme} (SHA-256 {scheme_sha256}); "
                         "record SHA-256 {record_sha256}.",
                         "由 perfscore {version} 按评分方案 {scheme}（SHA-256 {scheme_sha256}）"
                         "评分；填报数据 SHA-256 {record_sha256}。"),
    # --- the 评分标准 (perfscore manual): each method's rule as officials write it ------------
    "paper.manual": ("Indicators and scoring standards", "指标体系及评分标准"),
    "paper.rule": ("Scoring standard", "评分标准"),
    "paper.basis": ("Basis", "依据"),
    "paper.cases": ("Worked examples", "评分示例"),
    "paper.case": ("{name}: total {total}, grade {grade}",
                   "{name}：总分 {total} 分，自评等级{grade}"),
    "paper.case_total": ("{name}: total {total}", "{name}：总分 {total} 分"),
    "paper.rows_count": ("{count} rows", "填报 {count} 行"),
    "paper.case_input": ("Figures", "填报数据"),
    "paper.branch": ("sum of the indicators below", "下级指标得分之和"),
    "paper.bonus": ("bonus: ", "加分项："),
    "paper.penalty": ("penalty: ", "扣分项："),
    "paper.grades": ("Grades", "自评等级"),
    "paper.grade_line": ("{label}: {min} points and above", "{label}：{min} 分及以上"),
    "paper.grade_below": ("{label}: below {min} points", "{label}：{min} 分以下"),
    "paper.template": ("Template", "填报模板"),
    "paper.options": ("Options", "选项"),
    "paper.template_id": ("the unit's name or number: `perfscore batch` names each row by it",
                          "单位名称或编号：perfscore batch 按此列区分各行"),
    "paper.template_unit": ("in {unit}", "计量单位：{unit}"),
    "paper.template_optional": ("may be left blank", "可不填"),
    "paper.template_refused": ("{header}: choose or enter a value this column allows",
                               "「{header}」：请选择或填写本列允许的值"),
    "paper.template_id_rows": (
        "the unit's name or number: `perfscore batch` gathers the lines of a unit by it; give it "
        "on the unit's first line (and, if you like, on each line after)",
        "单位名称或编号：perfscore batch 按此列把各行归入单位；填在单位的第一行（以下各行可重复"
        "填写或留空）"),
    "paper.template_once": ("once per unit, on its first line", "每个单位填一次，填在第一行"),
    "paper.template_section": ("the section the row is in: {sections}", "该行所属部分：{sections}"),
    "paper.template_section_points": ("{section} {points} points", "{section} {points} 分"),
    "paper.template_section_bands": ("{section}: {bands}", "{section}：{bands}"),
    "paper.template_row.group": ("the second-level indicator (数量指标, 质量指标, …); may be left "
                                 "blank", "如数量指标、质量指标、时效指标、成本指标；可不填"),
    "paper.template_row.name": ("the row's indicator, named once in its section",
                                "具体指标名称，同一部分内不重复"),
    "paper.template_row.nature": ("≥ higher is better, ≤ lower is better, = equal to the "
                                  "target, 定性 qualitative",
                                  "≥ 正向指标，≤ 反向指标，= 等于指标，定性 定性指标"),
    "paper.template_row.unit": ("the unit of the figures: % for a percentage, 日期 for a date; "
                                "blank for 定性 rows",
                                "计量单位：百分比填 %，日期填“日期”；定性指标可不填"),
    "paper.template_row.target": ("the annual target: a number (under %, 95 or 95%), a date "
                                  "under 日期 (2023-12-31), words for 定性 rows",
                                  "数值（单位为 % 的填 95 或 95%）；单位为日期的填 2023-12-31；"
                                  "定性指标填文字"),
    "paper.template_row.actual": ("the actual value, written as the target is; for 定性 rows "
                                  "the rating: {bands}",
                                  "写法同年度指标值；定性指标填所评档次：{bands}"),
    "paper.template_row.actual_sections": (
        "the actual value, written as the target is; for 定性 rows the rating, by section:",
        "写法同年度指标值；定性指标填所评档次，各部分如下："),
    "paper.template_row.points": ("the row's points; a section's rows add up to its points: "
                                  "{sections}",
                                  "该行分值；各部分各行分值合计应等于该部分分值：{sections}"),
    "paper.template_row.score": ("定性 rows only: the evaluator's score, within the band rated; "
                                 "perfscore scores the other rows",
                                 "仅定性指标填写：评价人在所评档次分值范围内给出的得分；"
                                 "其他指标由 perfscore 计算"),
    "paper.template_row.reason": ("why a target was missed and what will be done; may be left "
                                  "blank", "未完成年度指标的原因及改进措施；可不填"),
    "rule.and": ("; ", "；"),
    "rule.target": (" ({target})", "（{target}）"),
    "rule.inclusive": (" (inclusive)", "（含）"),
    "rule.range": ("{low} to {high}", "{low}—{high}"),
    "rule.tier": ("{test}: {points} points", "{test}得 {points} 分"),
    "rule.tier_if": ("when {test}: {points} points", "满足 {test} 得 {points} 分"),
    "rule.tier_else": ("otherwise {points} points", "其他得 {points} 分"),
    "rule.tier_none": ("otherwise 0 points", "其他不得分"),
    "rule.ratio": ("full {points} points when the actual value reaches the annual target{target}; "
                   "below it, actual ÷ target × {points}",
                   "实际完成值达到年度指标值{target}得满分 {points} 分；未达到的，"
                   "按实际完成值÷年度指标值×{points} 计分"),
    "rule.reverse_linear": ("full {points} points when the actual value is at or below the "
                            "annual target{target}; above it, 1% of the points off for each 1% "
                            "above the target, none at twice the target or more",
                            "实际完成值不高于年度指标值{target}得满分 {points} 分；高于的，"
                            "每超出年度指标值 1% 扣减分值的 1%，达到年度指标值 2 倍及以上不得分"),
    "rule.reverse_inverse": ("full {points} points when the actual value is at or below the "
                             "annual target{target}; above it, target ÷ actual × {points}",
                             "实际完成值不高于年度指标值{target}得满分 {points} 分；高于的，"
                             "按年度指标值÷实际完成值×{points} 计分"),
    "rule.equal": ("full {points} points when the actual value equals the annual target{target}; "
                   "below it, actual ÷ target × {points}",
                   "实际完成值等于年度指标值{target}得满分 {points} 分；未达到的，"
                   "按实际完成值÷年度指标值×{points} 计分"),
    "rule.deduct_above": ("full {points} points at or below {threshold}; {each} points off for "
                          "each {per} above it",
                          "不高于 {threshold} 得满分 {points} 分；每超 {per}扣 {each} 分"),
    "rule.deduct_below": ("full {points} points at or above {threshold}; {each} points off for "
                          "each {per} below it",
                          "不低于 {threshold} 得满分 {points} 分；每低 {per}扣 {each} 分"),
    "rule.deduct_ceil": (", a part of {per} counting as a whole", "，不足 {per}按 {per}计"),
    "rule.deduct_floor": (", a part of {per} not counted", "，不足 {per}的部分不扣分"),
    "rule.deduct_max": (", at most {max} points off", "，最多扣 {max} 分"),
    "rule.deduct_end": (", down to 0", "，扣完为止"),
    "rule.deduct_each": ("full {points} points; {parts}; {limit}",
                         "满分 {points} 分；{parts}；{limit}"),
    "rule.deduct_each_above": ("{label} above {threshold}: {each} points off for each {per} "
                               "above it", "{label}高于 {threshold} 的，每超 {per}扣 {each} 分"),
    "rule.deduct_each_below": ("{label} below {threshold}: {each} points off for each {per} "
                               "below it", "{label}低于 {threshold} 的，每低 {per}扣 {each} 分"),
    "rule.deduct_each_max": ("at most {max} points off in all", "合计最多扣 {max} 分"),
    "rule.deduct_each_end": ("down to 0 in all", "合计扣完为止"),
    "rule.linear_segment": ("{low} ({low_points} points) to {high} ({high_points} points)",
                            "{low}（{low_points} 分）至 {high}（{high_points} 分）"),
    "rule.linear": ("in proportion over {segments}; {first_points} points at or below "
                    "{first}, {last_points} points at or above {last}",
                    "在 {segments}之间按比例计分；{first} 及以下得 {first_points} 分，"
                    "{last} 及以上得 {last_points} 分"),
    "rule.level": ("rated “{level}”: {points} points", "评为「{level}」得 {points} 分"),
    "rule.band": ("rated “{level}”: {low} to {high} points", "评为「{level}」得 {low}—{high} 分"),
    "rule.band_record": ("the evaluator gives the score within the band",
                         "由评价人在该档分值范围内评定得分"),
    "rule.band_upper": ("scored at the top of the band", "按该档上限计分"),
    "rule.band_lower": ("scored at the bottom of the band", "按该档下限计分"),
    "rule.check": ("{number} {label}: {points} points", "{number}{label}得 {points} 分"),
    "rule.deadline.≤": ("not later than", "不晚于"),
    "rule.deadline.≥": ("not earlier than", "不早于"),
    "rule.deadline.=": ("on", "等于"),
    "rule.rows": ("rows the unit fills in, {points} points in all; each row scores by its "
                  "nature: {natures}",
                  "由单位逐行填报，各行分值合计 {points} 分，按指标性质计分：{natures}"),
    "rule.rows.≥": ("≥: full points when the actual value reaches the annual target, else in "
                    "proportion (actual ÷ target × points)",
                    "正向指标达到年度指标值得满分，未达到的按实际完成值÷年度指标值×分值计分"),
    "rule.rows.≤.inverse": ("≤: full points at or below the annual target, else target ÷ "
                            "actual × points",
                            "反向指标不超过年度指标值得满分，"
                            "超过的按年度指标值÷实际完成值×分值计分"),
    "rule.rows.≤.linear": ("≤: full points at or below the annual target, else less in "
                           "proportion to the excess, nothing at twice the target",
                           "反向指标不超过年度指标值得满分，超过的按超出比例扣减，"
                           "达到 2 倍及以上不得分"),
    "rule.rows.=": ("=: as ≥; when the annual target is 0, full points at 0 or below",
                    "等于指标按正向指标计分，年度指标值为 0 的，实际完成值不大于 0 得满分"),
    "rule.rows.定性": ("qualitative: {bands}, within the band as the evaluator scores",
                     "定性指标{bands}，在档次内由评价人给分"),
    "rule.rows.band": ("“{level}” {low} to {high} of the points",
                       "评为「{level}」得分值的 {low}—{high}"),
    "rule.rows.日期": ("dates: full points when the actual date is {sides} the annual target, "
                     "as the row's nature says, else 0",
                     "日期指标按指标性质，实际完成日期{sides}年度指标值的得满分，否则不得分"),
    "rule.rows.side": ("{side} ({nature})", "{side}（{nature}）"),
    "rule.formula": ("computed as {formula}", "按 {formula} 计算得分"),
    # --- explanations: why each item got its points, as the 自评表 and `score` word them -----
    # A leaf's sentence is its method's (explain.<method>…) joined to the points clause
    # (explain.points…); the rule keys above word the same rules for the 评分标准.
    "explain.sentence": ("{head}: {tail}", "{head}，{tail}"),
    "explain.points": ("{points} of {max} points.", "得 {points} 分（满分 {max} 分）。"),
    "explain.points_full": ("full {max} points.", "得满分 {max} 分。"),
    "explain.points_bonus": ("adds {points} (at most {max}).",
                             "加 {points} 分（最多加 {max} 分）。"),
    "explain.points_penalty": ("takes off {points} (at most {max}).",
                               "扣 {points} 分（最多扣 {max} 分）。"),
    "explain.branch": ("{name}: {points} of {max} points.",
                       "{name}：得 {points} 分（满分 {max} 分）。"),
    "explain.not_assessed": ("{name}: {what}; {then}", "{name}：{what}，{then}"),
    "explain.absent": ("input {label!r} was not given", "未填报「{label}」"),
    "explain.division_by_zero": ("a divisor is zero", "计算时分母为 0"),
    "explain.target_not_positive": ("the target is not above 0",
                                    "年度指标值不大于 0，无法按比例计算"),
    "explain.target_negative": ("the target is negative", "年度指标值为负数"),
    "explain.no_data": ("{name} has no data to compute", "「{name}」无可计算的数据"),
    "explain.then_zero": ("scored 0.", "按 0 分计。"),
    "explain.then_reject": ("it may not be missing: the record is rejected.",
                            "该指标不得缺失，予以退回。"),
    "explain.then_rescale": ("left out; the total is rescaled.",
                             "不参与评分，总分按已评指标折算。"),
    "explain.share_met": ("{name} is {value}, meeting the target of {target}",
                          "{name} {value}，达到年度指标值 {target}"),
    "explain.share": ("{name} is {value} against a target of {target} ({share} of it)",
                      "{name} {value}，年度指标值 {target}，完成率 {share}"),
    "explain.zero_met": ("{name} is {value} against a target of 0",
                         "{name} {value}，年度指标值为 0，实际完成值不高于 0"),
    "explain.zero_missed": ("{name} is {value} against a target of 0",
                            "{name} {value}，年度指标值为 0，实际完成值高于 0"),
    "explain.reverse_met": ("{name} is {value}, within the target of {target}",
                            "{name} {value}，不高于年度指标值 {target}"),
    "explain.reverse_over": ("{name} is {value}, above the target of {target} by {over}",
                             "{name} {value}，高于年度指标值 {target}，超出 {over}"),
    "explain.deadline_on": ("{name} is {value}, on {target}",
                            "{name} {value}，与年度指标值 {target} 相同"),
    "explain.deadline_late": ("{name} is {value}, {count} {days} after {target}",
                              "{name} {value}，晚于年度指标值 {target} {count} {days}"),
    "explain.deadline_early": ("{name} is {value}, {count} {days} before {target}",
                               "{name} {value}，早于年度指标值 {target} {count} {days}"),
    # a tier is named by its range (with the space before a number: 处于 85%（含）—95% 档) or by
    # its one value (处于为 0 的档次)
    "explain.tier": ("{name} is {value}, in {tier}", "{name} {value}，处于{tier}"),
    "explain.band_range": ("the {band} tier", " {band}档"),
    "explain.band_point": ("the tier of {point}", "为 {point}的档次"),
    "explain.tier_if": ("{name} is {value}, meeting the condition of tier {number}",
                        "{name} {value}，满足第 {number} 档的条件"),
    "explain.tier_else": ("{name} is {value}, below every listed tier",
                          "{name} {value}，未达到以上各档"),
    "explain.tier_none": ("{name} is {value}, in no tier", "{name} {value}，未处于任何档次"),
    "explain.tier_up": (" Raising it by {far} would reach {tier} (+{gain}).",
                        "再提高 {far}可达到{tier}，可多得 {gain} 分。"),
    "explain.tier_up_more": (" Raising it by {far} or more would reach {tier} (+{gain}).",
                             "再提高 {far}以上可达到{tier}，可多得 {gain} 分。"),
    "explain.tier_down": (" Lowering it by {far} would reach {tier} (+{gain}).",
                          "再降低 {far}可达到{tier}，可多得 {gain} 分。"),
    "explain.tier_down_more": (" Lowering it by {far} or more would reach {tier} (+{gain}).",
                               "再降低 {far}以上可达到{tier}，可多得 {gain} 分。"),
    "explain.linear": ("{name} is {value}, in proportion over {segments}",
                       "{name} {value}，在 {segments}之间按比例计分"),
    "explain.level": ("{name} is rated {value!r}, worth {share}",
                      "{name}评为「{value}」，按分值的 {share} 计分"),
    "explain.band": ("{name} is rated {value!r}, a band of {low} to {high} points",
                     "{name}评为「{value}」，该档为 {low} 至 {high} 分"),
    "explain.band_upper": ("{name} is rated {value!r}, a band of {low} to {high} points, the "
                           "top of it",
                           "{name}评为「{value}」，该档为 {low} 至 {high} 分，按该档上限计分"),
    "explain.band_lower": ("{name} is rated {value!r}, a band of {low} to {high} points, the "
                           "bottom of it",
                           "{name}评为「{value}」，该档为 {low} 至 {high} 分，按该档下限计分"),
    "explain.formula": ("{name} computes to {raw} by the scheme's formula",
                        "{name}按评分公式计算为 {raw}"),
    "explain.checklist": ("{name} meets {met} of {total} items",
                          "{name}：共 {total} 项，满足 {met} 项"),
    "explain.checklist_met": (" ({items})", "（{items}）"),
    "explain.checklist_unmet": (", and misses {count} ({items})", "，未满足 {count} 项（{items}）"),
    "explain.check": ("{number} {label}", "{number}{label}"),
    "explain.checks_and": ("; ", "；"),
    "explain.deduct_within_above": ("{name} is {value}, not above {threshold}",
                                    "{name} {value}，未超过 {threshold}，不扣分"),
    "explain.deduct_within_below": ("{name} is {value}, not below {threshold}",
                                    "{name} {value}，不低于 {threshold}，不扣分"),
    "explain.deduct_above": ("{name} is {value}, {past} above {threshold}; {each} off per "
                             "{per}{rounding}, which takes {taken} off{cap}",
                             "{name} {value}，高于 {threshold} {past}，每 {per}扣 {each} 分"
                             "{rounding}，共扣 {taken} 分{cap}"),
    "explain.deduct_below": ("{name} is {value}, {past} below {threshold}; {each} off per "
                             "{per}{rounding}, which takes {taken} off{cap}",
                             "{name} {value}，低于 {threshold} {past}，每 {per}扣 {each} 分"
                             "{rounding}，共扣 {taken} 分{cap}"),
    "explain.deduct_each": ("{name} — {parts}; {taken} off in all",
                            "{name}：{parts}；合计扣 {taken} 分"),
    "explain.deduct_each_capped": ("{name} — {parts}; {taken} off in all (at most {limit})",
                                   "{name}：{parts}；合计扣 {taken} 分（最多扣 {limit} 分，"
                                   "扣完为止）"),
    "explain.days": ("days", "天"),
    "explain.day": ("day", "天"),
    # --- a result as a whole: its title, total, and the flags raised on it -------------------
    "explain.title": ("{title} ({scheme} {edition})", "{title}（{scheme} {edition}）"),
    "explain.title_dated": ("{title} ({scheme})", "{title}（{scheme}）"),
    "explain.total": ("Total {total} of {max}.", "自评得分 {total} 分（满分 {max} 分）。"),
    "explain.total_graded": ("Total {total} of {max}, grade {grade}.",
                             "自评得分 {total} 分（满分 {max} 分），自评等级：{grade}。"),
    "explain.lost": ("Points lost:", "失分情况："),
    "explain.over_target": ("{name} is {value}, at least {ratio} of its target {target}: "
                            "explain the deviation.",
                            "「{name}」实际完成值 {value}，达到年度指标值 {target} 的 {ratio} "
                            "及以上，偏离度较大，请说明偏差原因。"),
    "explain.rescaled": ("Some indicators were left out; the total is rescaled from {assessed} to "
                         "{full}: {awarded} ÷ {assessed} × {full} = {rescaled}.",
                         "有指标不参与评分，总分按已评指标满分 {assessed} 分折算为 {full} 分制："
                         "{awarded}÷{assessed}×{full}={rescaled}。"),
    # --- the terminal and Markdown table of `perfscore score` ---------------------------------
    "table.title": ("{title} ({edition})", "{title}（{edition}）"),
    "table.indicator": ("Indicator", "指标"),
    "table.value": ("Value", "实际完成值"),
    "table.target": ("Target", "年度指标值"),
    "table.points": ("Points", "得分"),
    "table.max": ("Max", "分值"),
    "table.lost": ("Lost", "失分"),
    "table.explanation": ("Explanation", "评分说明"),
    "table.not_applicable": ("n/a", "不适用"),
    "table.not_assessed": ("not given", "未填报"),
    "table.reason": (" Reason given: {reason}", "偏差原因：{reason}"),
    "table.heading": ("{label}: {value}", "{label}：{value}"),
    "table.total": ("Total: {total} / {max}", "自评得分：{total} 分（满分 {max} 分）"),
    "table.grade": ("Grade: {grade}", "自评等级：{grade}"),
    "table.flag": ("Flag: {message}", "提示：{message}"),
    "table.warning": ("Warning: {message}", "注意：{message}"),
    "PS061": ("writing a PDF needs Chromium (the `chromium` command) to print the HTML report: "
              "install it, or write {path} as .html and print it from a browser",
              "生成 PDF 需要 Chromium（`chromium` 命令）打印 HTML 自评表：请安装 Chromium，"
              "或将 {path} 改为 .html 后在浏览器中打印"),
    "PS061.failed": ("Chromium could not print {path}: {problem}",
                     "Chromium 未能打印 {path}：{problem}"),
    "PS062": ("cannot tell the format of {path}: use a {formats} file",
              "无法判断 {path} 的格式：请使用 {formats} 文件"),
    "PS040": ("cannot tell the format of {path}: use a .csv, .jsonl, .xlsx, .yaml or .json file",
              "无法判断 {path} 的格式：请使用 .csv、.jsonl、.xlsx、.yaml 或 .json 文件"),
    "PS040.id": ("no column {column!r} in the header", "表头中没有「{column}」列"),
    "PS041": ("a YAML or JSON records file must hold a list of mappings",
              "YAML 或 JSON 记录文件必须是映射的列表"),
    "PS042": ("reading .xlsx files needs openpyxl: pip install 'perfscore[excel]'",
              "读取 .xlsx 文件需要 openpyxl：pip install 'perfscore[excel]'"),
    "PS042.write": ("writing .xlsx files needs openpyxl: pip install 'perfscore[excel]'",
                    "写出 .xlsx 文件需要 openpyxl：pip install 'perfscore[excel]'"),
    "PS043": ("columns {first!r} and {second!r} both give the field {name!r}",
              "「{first}」和「{second}」两列都给出字段「{name}」"),
    "PS044.workbook": ("cannot read the workbook: {problem}", "无法读取工作簿：{problem}"),
    "PS045": ("cannot tell the output format of {path}: use a .csv, .jsonl or .xlsx file",
              "无法判断输出文件 {path} 的格式：请使用 .csv、.jsonl 或 .xlsx 文件"),
    "PS045.xlsx": ("--format xlsx writes a workbook: name it with -o FILE.xlsx",
                   "--format xlsx 输出工作簿：请用 -o 文件名.xlsx 指定"),
    "PS046": ("cannot write {path}: {reason}", "无法写入 {path}：{reason}"),
    "PS047": ("an Excel sheet holds at most {limit:,} rows: write a .csv or .jsonl file instead",
              "一个 Excel 工作表最多 {limit:,} 行：请改为写出 .csv 或 .jsonl 文件"),
    "PS050": ("records(): the scheme has no input {name!r}", "records()：方案没有输入「{name}」"),
    "PS050.required": ("records(): {name!r} is required, so it cannot be left out",
                       "records()：「{name}」为必填，不能省略"),
    "PS051": ("checking `properties` needs hypothesis: pip install 'perfscore[testing]'",
              "检查 `properties` 需要 hypothesis：pip install 'perfscore[testing]'"),
    "PS051.examples": ("checking `properties` takes at least 1 record each, not {examples}",
                       "检查 `properties` 每项至少生成 1 条记录，而非 {examples}"),
    "PS052": ("no scheme files (YAML with a top-level `perfscore:` key) under {path}",
              "{path} 下没有方案文件（顶层有 `perfscore:` 键的 YAML 文件）"),
    "PS053": ("`cases`: no such file {path}", "`cases`：找不到文件 {path}"),
    "PS053.kind": ("`cases`: {path} is {kind}, not a regular file",
                   "`cases`：{path} 是{kind}，不是普通文件"),
    "PS053.text": ("a scheme loaded from text can read `cases:` only within an explicit `root=` "
                   "folder", "从文本加载的方案只能在明确给出的 `root=` 目录内读取 `cases:`"),
    "PS053.outside": ("`cases: {cases}` leaves the allowed folder {bound}",
                      "`cases: {cases}` 超出了允许的目录 {bound}"),
    "PS053.list": ("a cases file must be a YAML list of cases (name, input, expect)",
                   "用例文件必须是用例（name、input、expect）组成的 YAML 列表"),
    "PS060": ("unknown language {lang!r}: perfscore writes zh and en",
              "未知语言「{lang}」：perfscore 只支持 zh 和 en"),
    # --- PS10x: expressions and names -----------------------------------------------------
    "PS101": ("unknown name {name!r}", "未知名称「{name}」"),
    "PS101.later": ("let {name!r} is defined after {let!r}; lets are computed in order, so "
                    "move it up",
                    "let「{name}」定义在「{let}」之后；let 按顺序计算，请把它移到前面"),
    "PS101.checklist": ("checklist item {name!r} is not an input or let",
                        "逐项计分项「{name}」不是输入或 let"),
    "PS102.node": ("{what} is not allowed", "不允许使用 {what}"),
    "PS102.subscript": ("subscripts (x[...]) are not allowed", "不允许使用下标（x[...]）"),
    "PS102.lambda": ("lambda is not allowed", "不允许使用 lambda"),
    "PS102.fstring": ("f-strings are not allowed", "不允许使用 f-string"),
    "PS102.listcomp": ("list comprehensions are not allowed; use a generator inside sum(...)",
                       "不允许使用列表推导式；请在 sum(...) 等函数中使用生成器"),
    "PS102.setcomp": ("set comprehensions are not allowed", "不允许使用集合推导式"),
    "PS102.dictcomp": ("dict comprehensions are not allowed", "不允许使用字典推导式"),
    "PS102.dict": ("dict literals are not allowed", "不允许使用字典字面量"),
    "PS102.set": ("set literals are not allowed", "不允许使用集合字面量"),
    "PS102.walrus": ("assignment (:=) is not allowed", "不允许赋值（:=）"),
    "PS102.starred": ("unpacking (*x) is not allowed", "不允许解包（*x）"),
    "PS102.await": ("await is not allowed", "不允许使用 await"),
    "PS102.yield": ("yield is not allowed", "不允许使用 yield"),
    "PS102.slice": ("slices are not allowed", "不允许使用切片"),
    "PS102.literal": ("{kind} literals are not allowed", "不允许使用 {kind} 字面量"),
    "PS102.operator": ("operator {op} is not allowed", "不允许使用运算符 {op}"),
    "PS102.comparison": ("comparison {op!r} is not allowed; use == or !=",
                         "不允许使用比较「{op}」；请用 == 或 !="),
    "PS102.generator_for": ("a generator may have only one `for`", "生成器只能有一个 `for`"),
    "PS102.generator_form": ("a generator needs the form `… for row in rows`",
                             "生成器必须写成 `… for row in rows` 的形式"),
    "PS102.row_variable": ("{name!r} already names something; choose another row variable",
                           "「{name}」已有含义，请换一个行变量名"),
    "PS102.generator_arg": ("a generator must be the argument of a function such as sum(...)",
                            "生成器必须作为 sum(...) 等函数的参数"),
    "PS103.uncalled": ("{name} is a function: call it, {name}(...)",
                       "{name} 是函数，请这样调用：{name}(...)"),
    "PS103.methods": ("only the functions {functions} can be called; methods are not allowed",
                      "只能调用函数 {functions}；不允许调用方法"),
    "PS103.unknown": ("unknown function {name!r}", "未知函数「{name}」"),
    "PS103.keywords": ("{name}() takes no keyword arguments", "{name}() 不接受关键字参数"),
    "PS103.arity": ("{name}() takes {low} argument(s), got {got}",
                    "{name}() 需要 {low} 个参数，实际给了 {got} 个"),
    "PS103.arity_range": ("{name}() takes {low} to {high} argument(s), got {got}",
                          "{name}() 需要 {low} 到 {high} 个参数，实际给了 {got} 个"),
    "PS104": ("attribute access is only allowed on the row variable of a generator "
              "(p.field in `sum(p.field for p in rows)`)",
              "只有生成器的行变量可以取字段（如 `sum(p.field for p in rows)` 中的 p.field）"),
    "PS104.rows": ("a generator can only range over a list input ({lists})",
                   "生成器只能遍历 list 类型的输入（{lists}）"),
    "PS104.field": ("rows of {list!r} have no field {field!r}",
                    "「{list}」的行没有字段「{field}」"),
    "PS105": ("** needs a whole-number literal exponent from -{limit} to {limit}",
              "** 的指数必须是 -{limit} 到 {limit} 之间的整数字面量"),
    "PS106.depth": ("expression is nested deeper than {limit} levels", "表达式嵌套超过 {limit} 层"),
    "PS106.number": ("number {number} is out of range", "数值 {number} 超出范围"),
    "PS106.items": ("more than {limit} items in one literal", "一个字面量中超过 {limit} 项"),
    "PS106.length": ("expression is longer than {limit:,} characters",
                     "表达式超过 {limit:,} 个字符"),
    "PS106.parse": ("expression cannot be parsed (too deeply nested)",
                    "表达式无法解析（嵌套过深）"),
    "PS106.nodes": ("expression has more than {limit} parts", "表达式超过 {limit} 个组成部分"),
    "PS107": ("`{text}` is not a valid expression: it goes wrong at column {column}, at "
              "`{at}`", "表达式 `{text}` 无法解析：第 {column} 个字符 `{at}` 处不合语法"),
    "PS107.empty": ("the expression is empty", "表达式为空"),
    "PS107.end": ("`{text}` is not a valid expression: it ends before it is complete",
                  "表达式 `{text}` 无法解析：表达式不完整"),
    "PS107.unclosed": ("`{text}` is not a valid expression: the `{bracket}` at column {column} "
                       "is never closed",
                       "表达式 `{text}` 无法解析：第 {column} 个字符的「{bracket}」没有闭合"),
    "PS107.nesting": ("`{text}` is not a valid expression: too many nested parentheses",
                      "表达式 `{text}` 无法解析：括号嵌套过多"),
    "PS107.percent": ("`%` after a number followed by `+` or `-` could be a percent sign or the "
                      "remainder: write `(95%) - 5` for a percent, `95 % (-5)` for the remainder",
                      "数字后的 `%` 接着 `+` 或 `-`，既可能是百分号也可能是取余：百分数请写作 "
                      "`(95%) - 5`，取余请写作 `95 % (-5)`"),
    "PS118": ("placeholder {{{written}}} is not allowed; use {fields}",
              "不允许使用占位符 {{{written}}}；可用的占位符：{fields}"),
    "PS118.syntax": ("invalid template: {problem}", "说明模板无效：{problem}"),
    "PS118.count": ("a template may have at most {limit} placeholders",
                    "说明模板最多只能有 {limit} 个占位符"),
    "PS108": ("lets form a cycle: {cycle}", "let 之间循环引用：{cycle}"),
    "PS109": ("a text literal must not contain the character {character}: no control "
              "character, line break or tab, bidirectional mark or lone surrogate",
              "文本字面量不能含有字符 {character}：不允许控制字符、换行或制表符、"
              "双向文本标记或孤立代理项"),
    "PS110": ("indicator id {id!r} is used twice (first at {first})",
              "指标 id「{id}」重复使用（首次出现在 {first}）"),
    "PS115": ("{name!r} is reserved (a function, keyword or indicator name) and cannot name an "
              "input or let",
              "「{name}」是保留名（函数名、关键字或指标内的名称），不能用作输入或 let 的名称"),
    "PS115.input": ("let {name!r} has the name of an input", "let「{name}」与输入同名"),
    "PS115.record": ("{name!r} is a reserved record key (reasons, not_applicable, reported) and "
                     "cannot name an input",
                     "「{name}」是记录的保留键（reasons、not_applicable、reported），不能用作输入名称"),
    # --- PS12x: types -----------------------------------------------------------------------
    "PS120.arithmetic": ("`{op}` needs numbers, but `{operand}` is {kind}",
                         "「{op}」需要数值，但 `{operand}` 是{kind}"),
    "PS120.date": ("`{op}` compares a date only with a date, but `{left}` is {left_kind} and "
                   "`{right}` is {right_kind}: write a date in quotes, \"2023-12-31\"",
                   "「{op}」只能比较两个日期，但 `{left}` 是{left_kind}、`{right}` 是{right_kind}："
                   "日期请加引号写作 \"2023-12-31\""),
    "PS127": ("{written!r} is not a date: write a date as \"2023-12-31\" or \"2023年12月31日\"",
              "「{written}」不是日期：日期请写作 \"2023-12-31\" 或 \"2023年12月31日\""),
    "PS120.order": ("`{op}` compares numbers, but `{operand}` is {kind}",
                    "「{op}」只能比较数值，但 `{operand}` 是{kind}"),
    "PS120.compare": ("`{left}` is {left_kind} and `{right}` is {right_kind}: they are never "
                      "equal",
                      "`{left}` 是{left_kind}，`{right}` 是{right_kind}，两者永远不会相等"),
    "PS120.in": ("`in` needs a list of values or text on its right, but `{operand}` is {kind}",
                 "`in` 的右边必须是一组值或文本，但 `{operand}` 是{kind}"),
    "PS121": ("{value!r} is not an option of {name!r} ({options})",
              "「{value}」不是「{name}」的选项（{options}）"),
    "PS122.operator": ("`{op}` needs true or false, but `{operand}` is {kind}",
                       "「{op}」需要真假值，但 `{operand}` 是{kind}"),
    "PS122.if": ("the condition of `… if … else …` must be true or false, but `{operand}` is "
                 "{kind}",
                 "`… if … else …` 的条件必须是真假值，但 `{operand}` 是{kind}"),
    "PS122.filter": ("the `if` of a generator must be true or false, but `{operand}` is {kind}",
                     "生成器的 `if` 条件必须是真假值，但 `{operand}` 是{kind}"),
    "PS122.check": ("a check rule must be true or false, but `{rule}` is {kind}",
                    "检查规则必须是真假值，但 `{rule}` 是{kind}"),
    "PS122.tier": ("a tier test must be true or false, but `{test}` is {kind}",
                   "档次条件必须是真假值，但 `{test}` 是{kind}"),
    "PS123": ("`score: {method}` needs a number as `{role}`, but `{expression}` is {kind}",
              "「score: {method}」的 `{role}` 必须是数值，但 `{expression}` 是{kind}"),
    "PS123.choice": ("`{method}` needs a choice input as `value`, but `{expression}` is {kind}",
                     "`{method}` 的 `value` 必须是 choice 类型的输入，但 `{expression}` 是{kind}"),
    "PS124.missing": ("`{method}` gives no {what} for {options} (options of {name!r})",
                      "`{method}` 缺少 {options} 的{what}（「{name}」的选项）"),
    "PS123.score_from": ("`score_from: {name}` must name a number input, but it is {kind}",
                         "`score_from: {name}` 必须是数值类型的输入，但它是{kind}"),
    "PS124.extra": ("{level!r} is not an option of {name!r} ({options})",
                    "「{level}」不是「{name}」的选项（{options}）"),
    "PS125": ("checklist item {name!r} must be a bool input, but it is {kind}",
              "逐项计分项「{name}」必须是 bool 类型，但它是{kind}"),
    "PS126": ("{function}() needs {needs}, but `{operand}` is {kind}",
              "{function}() 需要{needs}，但 `{operand}` 是{kind}"),
    # --- PS3xx: records -----------------------------------------------------------------------
    "PS201": ("expression `{expression}` failed: {problem}",
              "表达式 `{expression}` 计算失败：{problem}"),
    "PS201.indicator": ("indicator {id!r}: {problem}", "指标「{id}」：{problem}"),
    "PS300": ("a record must be a mapping of field names to values",
              "记录必须是字段名到值的映射"),
    "PS300.read": ("the record cannot be read ({why})", "无法读取该记录（{why}）"),
    "PS301": ("{field}: {problem}", "{field}: {problem}"),
    "PS301.more": ("{count:,} more problems not shown", "另有 {count:,} 个问题未列出"),
    "PS302": ("{message}", "{message}"),
    "PS303": ("{item}", "{item}"),
    "PS310": ("rated {level!r}, the score must lie between {low} and {high} points; {given} "
              "was given",
              "评为「{level}」的得分应在 {low} 至 {high} 分之间，填报 {given} 分"),
    "PS311": ("rated {level!r}, a score between {low} and {high} points is needed in {name!r}",
              "评为「{level}」，须在「{name}」中填报 {low} 至 {high} 分之间的得分"),
    "PS320": ("{section}, row {name!r}: {problem}", "{section}「{name}」：{problem}"),
    "PS321": ("{section}: row {number} repeats the name {name!r} of row {first}",
              "{section}第 {number} 行与第 {first} 行的指标名称「{name}」重复"),
    "PS322": ("{section}: the rows' points add up to {sum}, but the section has {points} points",
              "{section}各行分值合计 {sum} 分，与该部分分值 {points} 分不符"),
    "PS323": ("{section}, row {name!r}: {given!r} is not one of the bands ({bands})",
              "{section}「{name}」：实际完成值「{given}」不是定性档次之一（{bands}）"),
    "PS324": ("{name!r} must be assessed: the scheme requires it",
              "「{name}」为必评指标，不得未填报或不适用"),
    "PS330": ("{key}: {id!r} is not an indicator of the scheme",
              "{key} 中的「{id}」不是方案中的指标"),
    "PS331": ("{name!r} may not be declared not applicable", "「{name}」不得填报为不适用"),
    "PS332": ("`{key}` must map indicator ids to text", "`{key}` 必须是指标编号到文字说明的映射"),
    "PS304": ("no indicator could be assessed for this record", "该记录没有可评分的指标"),
    "PS305": ("the record is too large to score: its lists and texts cost more than {limit:,} "
              "steps (reached at `{expression}`)",
              "记录过大，无法评分：其列表和文本的计算超过 {limit:,} 步（在 `{expression}` 处）"),
    # --- PS2xx: rules, tiers, weights, grades -----------------------------------------------
    "PS210": ("branch {id!r} declares {declared} points but its children sum to {total}",
              "分支指标「{id}」声明 {declared} 分，但下级指标合计 {total} 分"),
    "PS211": ("the base indicators add up to {total} points, but the scheme's full points "
              "(settings.total) are {full}",
              "基础指标合计 {total} 分，但方案满分（settings.total）为 {full} 分"),
    "PS212": ("grades must be listed highest first, with strictly descending `min`",
              "等级必须从高到低列出，`min` 严格递减"),
    "PS213": ("the lowest grade starts at {min}, so a total below it has no grade; give the "
              "lowest grade `min: 0`",
              "最低等级从 {min} 分起，低于它的总分没有等级；请把最低等级设为 `min: 0`"),
    "PS214": ("`linear` breakpoints must be strictly ascending in value",
              "`linear` 的断点必须按取值严格递增"),
    "PS215": ("breakpoint [{x}, {points}] gives more than the indicator's {max} points",
              "断点 [{x}, {points}] 的得分超过指标分值 {max} 分"),
    "PS216": ("`score: {method}` needs a `target`", "「score: {method}」需要 `target`"),
    "PS216.review": ("`review: {{over_target: …}}` needs a `target`",
                     "`review: {{over_target: …}}` 需要 `target`"),
    "PS217": ("`else` must be the last tier", "`else` 必须是最后一个档次"),
    "PS218": ("`score: ratio` with the constant target {target} is never assessed: a target "
              "must be above 0",
              "「score: ratio」的目标值是常数 {target}，永远无法评分：目标值必须大于 0"),
    "PS218.negative": ("`score: {method}` with the constant target {target} is never "
                       "assessed: a target must not be negative",
                       "「score: {method}」的目标值是常数 {target}，永远无法评分：目标值不能为负"),
    "PS219": ("`cap: {cap}` has no effect: an indicator never scores above its points; reward "
              "over-achievement with a separate `kind: bonus` indicator",
              "`cap: {cap}` 不起作用：指标得分不会超过其分值；"
              "超额完成请另设 `kind: bonus` 加分指标"),
    "PS220": ("tiers[{first}] `{first_test}` and tiers[{second}] `{second_test}` overlap on "
              "{overlap}",
              "档次 tiers[{first}]「{first_test}」与 tiers[{second}]「{second_test}」"
              "在 {overlap} 上重叠"),
    "PS221": ("{gap} matches no tier", "{gap} 不落在任何档次"),
    "PS222": ("tiers[{tier}] `{test}` can never match: earlier tiers cover it ({earlier})",
              "档次 tiers[{tier}]「{test}」永远不会匹配：已被前面的档次覆盖（{earlier}）"),
    "PS222.empty": ("tiers[{tier}] `{test}` is empty: no value can match it",
                    "档次 tiers[{tier}]「{test}」是空区间，没有任何值能匹配"),
    "PS223": ("points are not monotone in the value: {steps}",
              "得分不随取值单调变化：{steps}"),
    "PS224": ("tiers[{tier}] gives {points} points, more than the indicator's {max}",
              "档次 tiers[{tier}] 给 {points} 分，超过指标分值 {max} 分"),
    "PS225.outside": ("tiers[{tier}] `{test}` lies outside the value's range {range}",
                      "档次 tiers[{tier}]「{test}」在取值范围 {range} 之外"),
    "PS225.else": ("`else` never applies: the tiers above cover the value's whole range {range}",
                   "`else` 永远用不到：上面的档次已覆盖整个取值范围 {range}"),
    # --- PS23x: unused and constant -----------------------------------------------------------
    "PS226": ("band {level!r} must be a range of fractions of the points, such as "
              "\"[0.6, 0.8)\" or [0.8, 1]; {band} is not",
              "得分区间「{level}」必须是分值比例的区间，如 \"[0.6, 0.8)\" 或 [0.8, 1]，"
              "而 {band} 不是"),
    "PS227": ("`pick: record` takes the evaluator's score from an input: name it with "
              "`score_from:` (or pick `upper` or `lower`)",
              "`pick: record` 从输入中读取评价人给出的得分：请用 `score_from:` 指定该输入"
              "（或改用 `upper`、`lower`）"),
    "PS227.unknown": ("`score_from: {name}` names no input or let",
                      "`score_from: {name}` 不是输入或 let"),
    "PS250": ("input {name!r} has `unit: %` but is of type {type}: its values are read as "
              "written (95 is 95, not 95%); declare `type: percent` to read 0.95 or \"95%\"",
              "输入「{name}」写了 `unit: %`，但类型为 {type}：数值按原样读取"
              "（95 即 95，不是 95%）；请改为 `type: percent`，填报 0.95 或 \"95%\""),
    "PS251": ("`reverse` without `variant` scores linearly (0 at twice the target), while the "
              "财预〔2020〕10号 table divides (target ÷ actual): write `variant: linear` or "
              "`variant: inverse`",
              "`reverse` 未写 `variant`，按线性计分（实际值达目标两倍时得 0 分），"
              "而财预〔2020〕10号填表说明按 指标值÷完成值 计分："
              "请写明 `variant: linear` 或 `variant: inverse`"),
    "PS230": ("input {name!r} is not used by any let, check or indicator",
              "输入「{name}」没有被任何 let、检查或指标使用"),
    "PS231": ("let {name!r} is not used", "let「{name}」没有被使用"),
    "PS240": ("property names no indicator {name!r}", "性质声明中的指标「{name}」不存在"),
    "PS241": ("property names no input {name!r}", "性质声明中的输入「{name}」不存在"),
    "PS242": ("`{kind}` needs a number, integer or percent input; {name!r} is {type}",
              "`{kind}` 需要 number、integer 或 percent 类型的输入，而「{name}」是 {type}"),
    "PS232": ("indicator {id!r} has the constant value `{value}`: every record scores the same",
              "指标「{id}」的取值是常数 `{value}`，每条记录得分都相同"),
    "PS260": ("`rows: {name}` names no input of type rows",
              "`rows: {name}` 不是 rows 类型的输入"),
    "PS261": ("the rows input {name!r} is the rows of {first!r} already",
              "rows 输入「{name}」已是指标「{first}」的行"),
    "PS262": ("`header` names {name!r}, which is not an input", "`header` 中的「{name}」不是输入"),
    "PS264": ("`budget: {part}` names {name!r}, which is not an input",
              "`budget` 的 {part} 中的「{name}」不是输入"),
    "PS264.type": ("`budget: {part}` needs a number input, but {name!r} is {type}",
                   "`budget` 的 {part} 需要数值输入，而「{name}」是 {type}"),
    "PS265": ("`budget: indicator` names {name!r}, which is not an indicator",
              "`budget` 的 indicator 中的「{name}」不是指标"),
    "PS265.value": ("`budget: indicator` must score one value (its 执行率), but {name!r} has "
                    "children or rows",
                    "`budget` 的 indicator 须是对一个取值评分的指标（执行率），"
                    "而「{name}」下设子指标或行"),
    "PS263": ("a veto's grade {grade!r} is not one of the grades ({grades})",
              "一票否决的等级「{grade}」不是已定义的等级（{grades}）"),
    # --- PS41x: warnings on a result -----------------------------------------------------------
    "PS410": ("{name}: below full points, and no reason (偏差原因) is given",
              "「{name}」未得满分，未说明偏差原因"),
    "PS411": ("{name}: far above the target, and no reason (偏差原因) is given",
              "「{name}」偏离度较大，未说明偏差原因"),
    "PS412": ("only {assessed} of {full} points were assessed, less than {least} of them: no "
              "grade is given",
              "已评指标分值合计 {assessed} 分，不足满分 {full} 分的 {least}，"
              "已评指标不足，不予评级"),
    "PS413": ("{name} is not applicable ({why}): left out, and the total rescaled",
              "「{name}」不适用（{why}），不参与评分，总分按已评指标折算"),
    "PS415": ("{names}: given, but read only by indicators declared not applicable: ignored",
              "「{names}」仅用于不适用的指标，填报的数据未予采用"),
    "PS414": ("{message} (veto): the grade is at most {grade}",
              "{message}，一票否决，自评等级最高为「{grade}」"),
    # --- `perfscore diff`: what changed between two editions -------------------------------------
    "diff.indicator": ("indicator", "指标"),
    "diff.input": ("input", "输入"),
    "diff.let": ("let", "派生值"),
    "diff.check": ("check", "校验"),
    "diff.grade": ("grade", "自评等级"),
    "diff.veto": ("veto", "一票否决"),
    "diff.setting": ("setting", "设置"),
    "diff.scheme": ("scheme", "方案"),
    "diff.added": ("added", "新增"),
    "diff.removed": ("removed", "删除"),
    "diff.changed": ("changed", "修改"),
    "diff.rule": ("scoring standard", "评分标准"),
    "diff.section": ("section", "类别"),
    "diff.change": ("change", "变化"),
    "diff.id": ("id", "对象"),
    "diff.facet": ("facet", "项目"),
    "diff.old": ("old", "原"),
    "diff.new": ("new", "新"),
    # --- what `perfscore audit` prints beside its findings ----------------------------------------
    "audit.reported": ("Reported", "填报得分"),
    "audit.check": ("Audit", "核查"),
    "audit.and": ("; ", "；"),
    "audit.totals": ("Reported total {reported}; recomputed {total} / {max}",
                     "填报总分 {reported} 分，核算总分 {total} 分（满分 {max} 分）"),
    "audit.grades": ("Reported grade {reported}; recomputed {grade}",
                     "填报自评等级 {reported}，核算自评等级 {grade}"),
    "audit.clean": ("No finding", "核查无误"),
    "audit.findings": ("{count} findings", "发现 {count} 个问题"),
    "audit.finding": ("{count} finding", "发现 {count} 个问题"),
    "audit.units": ("{units:,} units: {clean:,} clean, {flagged:,} with findings",
                    "{units:,} 个单位：无误 {clean:,}，有问题 {flagged:,}"),
    "audit.by_code": ("by code: {codes}", "按代码：{codes}"),
    "audit.unit": ("  {name}: {count} findings", "  {name}：{count} 个问题"),
    "audit.unit_one": ("  {name}: {count} finding", "  {name}：{count} 个问题"),
    "audit.unit_at": ("  {name} ({at}): {count} findings", "  {name}（{at}）：{count} 个问题"),
    "audit.unit_at_one": ("  {name} ({at}): {count} finding", "  {name}（{at}）：{count} 个问题"),
    "audit.sheet_findings": ("findings", "核查问题"),
    "audit.sheet_units": ("units", "单位"),
    "audit.col_unit": ("unit", "单位"),
    "audit.col_file": ("file", "文件"),
    "audit.col_line": ("line", "行"),
    "audit.col_code": ("code", "代码"),
    "audit.col_id": ("id", "指标编号"),
    "audit.col_name": ("name", "指标"),
    "audit.col_reported": ("reported", "填报"),
    "audit.col_recomputed": ("recomputed", "核算"),
    "audit.col_difference": ("difference", "差额"),
    "audit.col_message": ("message", "说明"),
    "audit.col_reported_total": ("reported total", "填报总分"),
    "audit.col_recomputed_total": ("recomputed total", "核算总分"),
    "audit.col_reported_grade": ("reported grade", "填报等级"),
    "audit.col_recomputed_grade": ("recomputed grade", "核算等级"),
    "audit.col_findings": ("findings", "问题数"),
    "audit.col_codes": ("codes", "代码"),
    # --- AU1xx: findings of `perfscore audit` (SPEC §9) ----------------------------------------
    "AU100": ("the record cannot be audited: {errors}", "该记录无法核查：{errors}"),
    "AU100.reported": ("`reported` must be a mapping of total, grade and items",
                       "`reported` 必须是包含 total、grade、items 的映射"),
    "AU100.number": ("{name}: the reported points {value} are not a number",
                     "{name}：填报得分 {value} 不是数值"),
    "AU100.unknown": ("reported points for {name!r}, which is no indicator of the scheme",
                      "填报了「{name}」的得分，但方案中没有这个指标"),
    "AU101": ("{name}: reported {reported} points, recomputed {recomputed} (difference "
              "{difference}): {explanation}",
              "{name}：填报 {reported} 分，核算 {recomputed} 分（相差 {difference} 分）："
              "{explanation}"),
    "AU101.not_assessed": ("{name}: reported {reported} points, but the item is not assessed: "
                           "{explanation}",
                           "{name}：填报 {reported} 分，但该指标不予评分：{explanation}"),
    "AU102": ("reported total {reported} is not the sum of the reported items, {recomputed} "
              "(difference {difference})",
              "填报总分 {reported} 分，与各项填报得分之和 {recomputed} 分不符"
              "（相差 {difference} 分）"),
    "AU103": ("reported total {reported}, recomputed {recomputed} (difference {difference})",
              "填报总分 {reported} 分，核算总分 {recomputed} 分（相差 {difference} 分）"),
    "AU104": ("reported grade {reported!r}, but the reported total {total} is {recomputed!r}",
              "填报等级「{reported}」，但填报总分 {total} 分应为「{recomputed}」"),
    "AU104.recomputed": ("reported grade {reported!r}, but the recomputed total {total} is "
                         "{recomputed!r}",
                         "填报等级「{reported}」，但核算总分 {total} 分应为「{recomputed}」"),
    "AU105": ("{name}: reported {reported} points, outside {low} to {high} (recomputed "
              "{recomputed}, difference {difference})",
              "{name}：填报 {reported} 分，超出 {low} 至 {high} 分（核算 {recomputed} 分，"
              "相差 {difference} 分）"),
    "AU106": ("{name}: rated {band!r}, the score must lie between {low} and {high} points; "
              "{reported} was reported",
              "{name}：评为「{band}」的得分应在 {low} 至 {high} 分之间，填报 {reported} 分"),
    "AU107": ("{name}: {recomputed} of {high} points, and no reason for the shortfall "
              "(偏差原因) is given",
              "{name}：得 {recomputed} 分（满分 {high} 分），未说明偏差原因"),
    "AU107.review": ("{name}: flagged for review, and no reason (偏差原因) is given: {flag}",
                     "{name}：需说明原因，但未填写偏差原因：{flag}"),
    "AU108.points": ("{name}: the rows' points add up to {reported}, not {recomputed}",
                     "{name}：各行分值合计 {reported} 分，不等于 {recomputed} 分"),
    "AU108.repeated": ("{name}: the row is repeated", "{name}：该行重复填报"),
    "AU108.required": ("{name}: a mandatory item is not reported", "{name}：必评指标未填报"),
}

FIELD_PROBLEMS_ZH: Final[dict[str, str]] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "方案未声明此字段",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "greater_than": "必须大于 {gt}",
    "less_than": "必须小于 {lt}",
    "literal_error": "必须是以下之一：{expected}",
    "int_parsing": "必须是整数",
    "int_from_float": "必须是整数",
    "int_type": "必须是整数",
    "ps_number": "必须是数值",
    "ps_finite": "必须是有限的数值",
    "finite_number": "必须是有限的数值",
    "ps_text": "{text} 不是数值",
    "ps_date": "{text} 不是日期（请写作 2023-12-31）",
    "ps_date_type": "必须是日期（请写作 2023-12-31）",
    "ps_unit": "填写的单位「{written}」与该项的单位「{unit}」不是同一类，无法换算",
    "ps_text_whole": "{text} 不是整数",
    "ps_range": "超出允许的数值范围（最多 {digits} 位有效数字，"
                "绝对值在 1e-{exponent} 到 1e{above} 之间）",
    "ps_bool": "必须是 true 或 false",
    "string_type": "必须是文本",
    "list_type": "必须是一组行（列表）",
    "model_type": "必须是字段映射",
    "dict_type": "必须是字段映射",
    "too_long": "超过上限（最多 {max_length}）",
    "string_too_long": "超过上限（最多 {max_length} 个字符）",
    "ps_row_nature": "指标性质「{given}」无法识别，应为 ≥、≤、= 或 定性",
    "ps_row_kinds": "「{name}」的年度指标值是{target_zh}，实际完成值是{actual_zh}，二者须为同一类",
    "ps_row_figure": "「{name}」的「{given}」不是数值或日期",
    "ps_row_band": "「{name}」为定性指标，实际完成值应填评价档次，而非「{given}」",
    "ps_row_twice": "「{name}」的「{field}」填写了两次（英文键与中文表头）",
}
FIELD_PROBLEMS_EN: Final[dict[str, str]] = {
    "missing": "required field is missing",
    "extra_forbidden": "the scheme declares no such field",
    "ps_number": "must be a number",
    "ps_finite": "must be a finite number",
    "ps_text": "{text} is not a number",
    "ps_date": "{text} is not a date (write 2023-12-31)",
    "ps_date_type": "must be a date (write 2023-12-31)",
    "ps_unit": "is written in {written}, which cannot be converted to its unit {unit}",
    "ps_text_whole": "{text} is not a whole number",
    "ps_range": "is out of range (at most {digits} significant digits, magnitude from "
                "1e-{exponent} to below 1e{above})",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "greater_than": "must be greater than {gt}",
    "less_than": "must be less than {lt}",
    "literal_error": "must be one of: {expected}",
    "ps_bool": "must be true or false",
    "string_type": "must be text",
    "finite_number": "must be a finite number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "int_type": "must be a whole number",
    "ps_row_nature": "the nature {given!r} is not one of ≥, ≤, = or 定性",
    "ps_row_kinds": "{name!r}: the target is {target_en} and the actual value {actual_en}; they "
                    "must be of one kind",
    "ps_row_figure": "{name!r}: {given!r} is not a number or a date",
    "ps_row_band": "{name!r} is qualitative: its actual value is a band, not {given!r}",
    "ps_row_twice": "{name!r}: {field!r} is given twice (by its key and by its header)",
}
"""How a value refused by its pydantic type is worded, by pydantic's error type (and perfscore's
own ``ps_*`` types); a type missing from the English table keeps pydantic's own words."""


KINDS: Final[dict[str, Term]] = {
    "number": Term("a number", "数值"),
    "bool": Term("true/false", "真假值"),
    "text": Term("text", "文本"),
    "choice": Term("a choice", "选项值"),
    "rows": Term("a list of rows", "行列表"),
    "row": Term("a row", "一行数据"),
    "none": Term("None", "None"),
    "values": Term("a list of values", "一组值"),
    "date": Term("a date", "日期"),
    "any": Term("a value", "值"),
}
"""How each kind of value (see ``_types``) is named in a message."""

NEEDS: Final[dict[str, Term]] = {
    "numbers": Term("numbers", "数值"),
    "rows": Term("rows or a generator", "行列表或生成器"),
    "rows_or_text": Term("rows or text", "行列表或文本"),
}


def _argument(value: Any, zh: bool) -> Any:
    if type(value) is str:  # most arguments: numbers and names already rendered
        return value
    if isinstance(value, Term):
        return value.zh if zh else value.en
    if isinstance(value, Joined):
        return (value.zh if zh else value.en).join(value.items)
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, list | tuple):
        return ("、" if zh else ", ").join(str(_argument(v, zh)) for v in value)
    return value


def render(key: str, params: Mapping[str, Any], lang: str) -> str:
    """The message ``key`` with its arguments, in ``lang`` (``zh`` or ``en``)."""
    zh = lang == "zh"
    template = MESSAGES[key][zh]  # (english, chinese)
    for value in params.values():
        if type(value) is not str:  # an explanation's arguments are texts already
            params = {name: _argument(value, zh) for name, value in params.items()}
            break
    if not zh:
        template = _agreeing(template, params)
    return shown(template.format_map(params))


def _agreeing(template: str, params: Mapping[str, Any]) -> str:
    """An English template whose ``{n} points`` (rows, findings, …) says ``{n} point`` where
    ``n`` is 1. Only the template's own word changes: a name put in says what its author
    wrote."""
    counted = _COUNTED.get(template)
    if counted is None:
        counted = _COUNTED[template] = tuple(_COUNTS.findall(template))
    for field, name, noun in counted:
        if str(params.get(name)) == "1":
            template = template.replace(f"{field} {noun}", f"{field} {SINGULAR[noun]}")
    return template


SINGULAR: Final[dict[str, str]] = {
    "points": "point", "rows": "row", "records": "record", "units": "unit",
    "findings": "finding", "items": "item", "cases": "case", "files": "file",
    "indicators": "indicator", "steps": "step", "levels": "level", "entries": "entry",
    "parts": "part", "values": "value", "names": "name", "digits": "digit",
    "characters": "character", "bytes": "byte", "placeholders": "placeholder",
    "literals": "literal", "aliases": "alias"}
"""The English nouns a message counts, and each one's singular."""
_COUNTS = re.compile(r"(\{(\w+)(?:[!:][^}]*)?\}) (" + "|".join(SINGULAR) + r")\b")
"""A field that counts something in an English template, and what it counts."""
_NOUN = re.compile(r" (" + "|".join(SINGULAR) + r")\b")
"""A counted noun at the start of the text after a field."""
_COUNTED: dict[str, tuple[tuple[str, str, str], ...]] = {}
"""The fields that count (as written, and by name), by template (a catalogue's worth at
most)."""


_CONVERSIONS: Final[dict[str, Callable[[object], str]]] = {"r": repr, "s": str, "a": ascii}


def prefilled(key: str, params: Mapping[str, Any], lang: str) -> str:
    """The message ``key`` in ``lang`` with ``params`` put in and its other fields left to
    fill (``得 {points} 分（满分 10 分）。``): for a sentence whose every part but a number or
    two is the same for each record, rendered once. ``fill`` completes it as ``render``
    would have rendered it whole."""
    zh = lang == "zh"
    english, chinese = MESSAGES[key]
    parts: list[str] = []
    one = False  # the field just put in is the number 1: one point, one row in English
    for literal, name, spec, conversion in string.Formatter().parse(chinese if zh else english):
        if one and (found := _NOUN.match(literal)):
            literal = f" {SINGULAR[found.group(1)]}" + literal[found.end():]
        parts.append(shown(literal).replace("{", "{{").replace("}", "}}"))
        one = False
        if name is None:
            continue
        if name in params:
            value = _argument(params[name], zh)
            if conversion:
                value = _CONVERSIONS[conversion](value)
            text = format(value, spec or "")
            one = not zh and text == "1"
            parts.append(shown(text).replace("{", "{{").replace("}", "}}"))
        else:
            parts.append("{" + name + (f"!{conversion}" if conversion else "")
                         + (f":{spec}" if spec else "") + "}")
    return "".join(parts)


def fill(template: str, params: Mapping[str, str]) -> str:
    """A ``prefilled`` message completed with the texts of its other fields: the same text as
    ``render`` with every parameter.
    ``shown`` changes characters one by one and leaves its own output alone, so applying it
    to the parts already put in, and again to the whole, changes nothing twice."""
    return shown(template.format_map(params))


HINTS: Final[dict[str, tuple[str, str]]] = {
    "did_you_mean": ("did you mean {word!r}?", "是否应为「{word}」？"),
    "not_ascii": ("it contains {character}, which is not an ASCII letter or digit",
                  "其中含有 {character}，不是 ASCII 字母或数字"),
    "editions": ("installed editions: {editions}", "已安装的版本：{editions}"),
    "uninstall": ("uninstall one of the packs, or load the file by its path",
                  "请卸载其中一个方案包，或按路径加载方案文件"),
}
"""Suggestions, keyed like messages: kept as data and worded when printed."""


@dataclass(frozen=True, slots=True)
class Hint:
    """A suggestion as data: which one (``HINTS``), about what; ``also`` adds another."""

    key: str
    params: Mapping[str, Any]
    also: Hint | None = None

    def render(self, lang: str) -> str:
        zh = lang == "zh"
        english, chinese = HINTS[self.key]
        text = (chinese if zh else english).format_map(
            {name: _argument(value, zh) for name, value in self.params.items()})
        return text if self.also is None else f"{text} — {self.also.render(lang)}"

    def __str__(self) -> str:
        return self.render("en")


def either(first: Hint | None, second: Hint | None) -> Hint | None:
    """Both hints, or whichever there is."""
    if first is None or second is None:
        return first or second
    return Hint(first.key, first.params, second)


def lookalike(text: str) -> Hint | None:
    """Why an id that must be ASCII is not, naming its first other character, or None."""
    for character in text:
        if not (" " < character < "\x7f"):
            return Hint("not_ascii", {"character": describe(character)})
    return None


def did_you_mean(word: str | None) -> Hint | None:
    """The suggestion of ``word``, when there is one."""
    return None if word is None else Hint("did_you_mean", {"word": word})


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``word`` most likely meant. Chinese options are often abbreviated
    (``达成`` for ``达成年度指标``), which plain similarity misses, so a candidate that contains
    the word (or is contained in it) also counts, one that starts with it first."""
    options = list(candidates)
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if match:
        return match[0]
    containing = [c for c in options if word and c and (word in c or c in word)]
    if not containing:
        return None
    return max(containing, key=lambda c: (c.startswith(word),
                                          difflib.SequenceMatcher(None, word, c).ratio()))
