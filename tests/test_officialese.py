"""Every Chinese sentence a person reads, in officialese, and its English beside it: one whole
explanation per scoring method, each flag and warning, the result's title and total, as
rendered (never fragments). The numbers are the scorer's; only the words are tested here."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import perfscore
from perfscore._cli import main
from tests.test_rows import SCHEME as ROWS
from tests.test_rows import only, row

SCHEME = """\
perfscore: 1
id: test.officialese
edition: "2023"
title: 某县 2023 年度项目支出绩效自评
locale: zh-CN
settings:
  total: 100
grades: [{min: 90, label: 优}, {min: 0, label: 中}]
inputs:
  rate: {type: percent, label: 预算执行率}
  cost: {type: percent, label: 成本控制率}
  done: {type: percent, label: 完成率, required: false}
  delay: {type: percent, label: 超期比例}
  share: {type: percent, label: 覆盖率}
  level: {type: choice, label: 工作评价, options: [好, 中, 差]}
  band: {type: choice, label: 满意度评价, options: [满意, 一般]}
  trained: {type: number, label: 培训人数}
  rules: {type: bool, label: 制度健全}
  audit: {type: bool, label: 审计整改}
  archive: {type: bool, label: 资料归档}
indicators:
  - id: g
    name: 产出指标
    children:
      - {id: r, name: 预算执行率, points: 10, value: rate, target: 1, unit: percent,
         score: ratio, review: {over_target: 1.2}}
      - {id: e, name: 数量达标, points: 10, value: done, target: 1, unit: percent,
         score: equal}
      - {id: c, name: 成本控制, points: 10, value: cost, target: 0.8, unit: percent,
         score: {reverse: {variant: inverse}}}
      - id: t
        name: 开工率
        points: 20
        value: rate
        unit: percent
        score:
          tiers:
            - {if: ">= 0.99", points: 20}
            - {if: "[0.95, 0.99)", points: 16}
            - {if: "== 0.9", points: 10}
            - {else: 0}
      - {id: d, name: 超期扣分, points: 10, value: delay, unit: percent,
         score: {deduct: {above: 0, per: 0.05, points: 2, steps: ceil}}}
      - {id: l, name: 覆盖情况, points: 10, value: share, unit: percent,
         score: {linear: [[0.1, 0], [0.3, 10]]}}
      - {id: v, name: 工作评价, points: 5, value: level, score: {levels: {好: 1, 中: 0.6, 差: 0}}}
      - {id: b, name: 满意度, points: 10, value: band,
         score: {bands: {满意: [0.8, 1], 一般: "[0, 0.8)"}, pick: upper}}
      - {id: f, name: 培训, points: 5, value: trained, score: {formula: value / 20}}
      - {id: h, name: 管理制度, points: 10, score: {checklist: {rules: 4, audit: 3, archive: 3}}}
"""

RECORD = {"rate": "98.49%", "cost": "90%", "done": "98%", "delay": "12%", "share": "20%",
          "level": "中", "band": "满意", "trained": 60, "rules": True, "audit": False,
          "archive": False}

SENTENCES = {
    "r": ("预算执行率 98.49%，年度指标值 100%，完成率 98.49%，得 9.85 分（满分 10 分）。",
          "预算执行率 is 98.49% against a target of 100% (98.49% of it): 9.85 of 10 points."),
    "e": ("数量达标 98%，年度指标值 100%，完成率 98%，得 9.8 分（满分 10 分）。",
          "数量达标 is 98% against a target of 100% (98% of it): 9.8 of 10 points."),
    "c": ("成本控制 90%，高于年度指标值 80%，超出 12.5%，得 8.89 分（满分 10 分）。",
          "成本控制 is 90%, above the target of 80% by 12.5%: 8.89 of 10 points."),
    "t": ("开工率 98.49%，处于 95%（含）—99% 档，得 16 分（满分 20 分）。"
          "再提高 0.51 个百分点可达到 ≥99% 档，可多得 4 分。",
          "开工率 is 98.49%, in the 95% (inclusive) to 99% tier: 16 of 20 points. Raising it "
          "by 0.51 percentage points would reach the ≥99% tier (+4)."),
    "d": ("超期扣分 12%，高于 0% 12 个百分点，每 5 个百分点扣 2 分，"
          "不足 5 个百分点按 5 个百分点计，共扣 6 分，得 4 分（满分 10 分）。",
          "超期扣分 is 12%, 12 percentage points above 0%; 2 off per 5 percentage points, a part "
          "of 5 percentage points counting as a whole, which takes 6 off: 4 of 10 points."),
    "l": ("覆盖情况 20%，在 10%（0 分）至 30%（10 分）之间按比例计分，得 5 分（满分 10 分）。",
          "覆盖情况 is 20%, in proportion over 10% (0 points) to 30% (10 points): 5 of 10 "
          "points."),
    "v": ("工作评价评为「中」，按分值的 60% 计分，得 3 分（满分 5 分）。",
          "工作评价 is rated '中', worth 60%: 3 of 5 points."),
    "b": ("满意度评为「满意」，该档为 8 至 10 分，按该档上限计分，得满分 10 分。",
          "满意度 is rated '满意', a band of 8 to 10 points, the top of it: full 10 points."),
    "f": ("培训按评分公式计算为 3，得 3 分（满分 5 分）。",
          "培训 computes to 3 by the scheme's formula: 3 of 5 points."),
    "h": ("管理制度：共 3 项，满足 1 项（①制度健全），未满足 2 项（②审计整改；③资料归档），"
          "得 4 分（满分 10 分）。",
          "管理制度 meets 1 of 3 items (① 制度健全), and misses 2 (② 审计整改; ③ 资料归档): 4 of "
          "10 points."),
}


@pytest.fixture(scope="module")
def scheme() -> perfscore.Scheme:
    return perfscore.loads(SCHEME)


@pytest.mark.parametrize("leaf", sorted(SENTENCES))
def test_each_method_explains_a_leaf_in_one_official_sentence(scheme: perfscore.Scheme,
                                                               leaf: str) -> None:
    result = scheme.score(RECORD)
    assert (result[leaf].explain("zh"), result[leaf].explain("en")) == SENTENCES[leaf]


@pytest.mark.parametrize(("value", "zh", "en"), [
    ("90%", "开工率 90%，处于为 90% 的档次，得 10 分（满分 20 分）。再提高 5 个百分点可达到 "
            "95%（含）—99% 档，可多得 6 分。",
     "开工率 is 90%, in the tier of 90%: 10 of 20 points. Raising it by 5 percentage points "
     "would reach the 95% (inclusive) to 99% tier (+6)."),
    ("50%", "开工率 50%，未达到以上各档，得 0 分（满分 20 分）。再提高 40 个百分点可达到为 90% "
            "的档次，可多得 10 分。", ""),
])
def test_a_tier_of_one_value_and_the_else_tier(scheme: perfscore.Scheme, value: str, zh: str,
                                                en: str) -> None:
    item = scheme.score({**RECORD, "rate": value})["t"]
    assert item.explain("zh") == zh
    if en:
        assert item.explain("en") == en


def test_a_deduction_that_takes_every_point_says_so(scheme: perfscore.Scheme) -> None:
    item = scheme.score({**RECORD, "delay": "30%"})["d"]
    assert item.explain("zh") == (
        "超期扣分 30%，高于 0% 30 个百分点，每 5 个百分点扣 2 分，不足 5 个百分点按 5 个百分点计，"
        "共扣 10 分，扣完为止，得 0 分（满分 10 分）。")
    assert item.explain("en") == (
        "超期扣分 is 30%, 30 percentage points above 0%; 2 off per 5 percentage points, a part "
        "of 5 percentage points counting as a whole, which takes 10 off, down to 0: 0 of 10 "
        "points.")


def test_the_over_target_flag_asks_for_the_reason(scheme: perfscore.Scheme) -> None:
    result = scheme.score({**RECORD, "rate": "130%"})
    [flag] = [f for f in result.flags if f.code == "over_target"]
    assert flag.message("zh") == ("「预算执行率」实际完成值 130%，达到年度指标值 100% 的 120% "
                                  "及以上，偏离度较大，请说明偏差原因。")
    assert flag.message("en") == ("预算执行率 is 130%, at least 120% of its target 100%: explain "
                                  "the deviation.")


def test_an_input_not_given_is_未填报_and_the_rescale_shows_its_arithmetic(
        scheme: perfscore.Scheme) -> None:
    record = {key: value for key, value in RECORD.items() if key != "done"}
    result = scheme.score(record)
    assert result["e"].explain("zh") == ("数量达标：未填报「完成率」，不参与评分，"
                                         "总分按已评指标折算。")
    assert result["e"].explain("en") == ("数量达标: input '完成率' was not given; left out; the "
                                         "total is rescaled.")
    [rescaled] = [w for w in result.warnings if w.code == "rescaled"]
    assert rescaled.message("zh") == ("有指标不参与评分，总分按已评指标满分 90 分折算为 100 分制："
                                      "63.74÷90×100=70.82。")
    assert rescaled.message("en") == ("Some indicators were left out; the total is rescaled "
                                      "from 90 to 100: 63.74 ÷ 90 × 100 = 70.82.")
    assert result.total == Decimal("70.82")


@pytest.mark.parametrize(("policy", "zh", "en"), [
    ("zero", "数量达标：未填报「完成率」，按 0 分计。",
     "数量达标: input '完成率' was not given; scored 0."),
])
def test_what_becomes_of_an_item_not_given(policy: str, zh: str, en: str) -> None:
    scheme = perfscore.loads(SCHEME.replace("  total: 100\n",
                                            f"  total: 100\n  missing: {policy}\n"))
    item = scheme.score({key: value for key, value in RECORD.items() if key != "done"})["e"]
    assert (item.explain("zh"), item.explain("en")) == (zh, en)


@pytest.mark.parametrize(("lang", "words"), [
    ("zh", "数量达标：未填报「完成率」，该指标不得缺失，予以退回。"),
    ("en", "数量达标: input '完成率' was not given; it may not be missing: the record is "
           "rejected."),
])
def test_an_item_that_may_not_be_missing_is_returned(lang: str, words: str) -> None:
    scheme = perfscore.loads(SCHEME.replace("  total: 100\n", "  total: 100\n  missing: error\n"))
    with pytest.raises(perfscore.RecordError) as caught:
        scheme.score({key: value for key, value in RECORD.items() if key != "done"}, lang=lang)
    assert caught.value.message == words


def test_the_result_names_its_edition_once_and_says_自评得分_and_自评等级(
        scheme: perfscore.Scheme) -> None:
    result = scheme.score({**RECORD, "delay": "0%", "audit": True})
    assert result.explain("zh").splitlines()[:3] == [
        "某县 2023 年度项目支出绩效自评（test.officialese）",
        "自评得分 82.54 分（满分 100 分），自评等级：中。",
        "失分情况："]
    assert result.explain("en").splitlines()[:3] == [
        "某县 2023 年度项目支出绩效自评 (test.officialese)",
        "Total 82.54 of 100, grade 中.",
        "Points lost:"]


def test_a_title_without_its_edition_is_followed_by_it() -> None:
    scheme = perfscore.loads(SCHEME.replace("title: 某县 2023 年度项目支出绩效自评",
                                            "title: 某县项目支出绩效自评"))
    assert scheme.score(RECORD).explain("zh").splitlines()[0] == (
        "某县项目支出绩效自评（test.officialese 2023）")


@pytest.mark.parametrize(("lang", "lines"), [
    ("zh", ["### 某县 2023 年度项目支出绩效自评",
            "| 指标 | 实际完成值 | 年度指标值 | 得分 | 分值 | 失分 | 评分说明 |",
            "- 自评得分：73.54 分（满分 100 分）", "- 自评等级：中"]),
    ("en", ["### 某县 2023 年度项目支出绩效自评",
            "| Indicator | Value | Target | Points | Max | Lost | Explanation |",
            "- Total: 73.54 / 100", "- Grade: 中"]),
])
def test_the_table_of_score_words_its_title_headers_and_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, lines: list[str]) -> None:
    source, record = tmp_path / "s.yaml", tmp_path / "r.yaml"
    source.write_text(SCHEME, encoding="utf-8")
    record.write_text("\n".join(f"{k}: {v!r}" if isinstance(v, str) else f"{k}: {str(v).lower()}"
                                for k, v in RECORD.items()), encoding="utf-8")
    assert main(["score", str(source), str(record), "--format", "markdown", "--lang", lang]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if line in lines] == lines


def test_a_failed_check_shows_its_message_not_its_rule() -> None:
    scheme = perfscore.loads(SCHEME.replace(
        "indicators:\n", "checks:\n  - {rule: trained <= 50, message: 培训人数不能超过 50}\n"
        "indicators:\n", 1))
    with pytest.raises(perfscore.RecordError) as caught:
        scheme.score(RECORD, lang="zh")
    assert (caught.value.code, caught.value.message) == ("PS302", "培训人数不能超过 50")
    assert caught.value.params["rule"] == "trained <= 50"


@pytest.mark.parametrize(("actual", "zh", "en"), [
    ("2024-01-15", "完工时间 2024-01-15，晚于年度指标值 2023-12-31 15 天，得 0 分（满分 10 分）。",
     "完工时间 is 2024-01-15, 15 days after 2023-12-31: 0 of 10 points."),
    ("2023-12-30", "完工时间 2023-12-30，早于年度指标值 2023-12-31 1 天，得满分 10 分。",
     "完工时间 is 2023-12-30, 1 day before 2023-12-31: full 10 points."),
])
def test_a_date_row_says_how_many_days_early_or_late(actual: str, zh: str, en: str) -> None:
    scheme = perfscore.loads(ROWS, file="rows.yaml")
    item = only(scheme, row("完工时间", "≤", "2023-12-31", actual, 10, unit="日期"))["output.1"]
    assert (item.explain("zh"), item.explain("en")) == (zh, en)


def test_a_tier_hint_keeps_a_space_after_a_bare_number() -> None:
    scheme = perfscore.loads("""\
perfscore: 1
id: t.hint
edition: 1
title: t
inputs: {a: {type: number}}
indicators:
  - {id: x, name: X, points: 10, value: a, score: {tiers: [{if: "<= 2", points: 10},
                                                           {else: 5}]}}
""")
    assert scheme.score({"a": 3})["x"].explain().endswith("再降低 1 可达到 ≤2 档，可多得 5 分。")
