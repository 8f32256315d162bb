"""Format 1.1's values (issue 14): percent literals wherever a scheme writes a number, ``unit:
"%"``, money/length/area units in records, dates, ``deduct`` with ``each``, and the warning on a
bare ``reverse``. Boundaries are tested at, just below and just above; explanations and
messages in both languages, word for word."""

from __future__ import annotations

import datetime
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import perfscore
from perfscore._common.errors import SchemeError
from perfscore._testing.coverage import coverage
from tests.conftest import run

HEAD = "perfscore: 1.1\nid: t.values\nedition: 2024\ntitle: T\nlocale: {locale}\n"


def load(body: str, *, locale: str = "zh-CN", version: str = "1.1") -> perfscore.Scheme:
    head = HEAD.format(locale=locale).replace("1.1", version, 1)
    return perfscore.loads(head + textwrap.dedent(body))


def checked(tmp_path: Path, body: str, *, lang: str = "en") -> list[tuple[Any, ...]]:
    path = tmp_path / "s.yaml"
    path.write_text(HEAD.format(locale="zh-CN") + textwrap.dedent(body), encoding="utf-8")
    return [(d.severity, d.line, d.column, d.code, d.message)
            for d in perfscore.check(path, lang=lang)]


def one(score: str, *, value: str = "rate", target: str = "", unit: str = "",
        inputs: str = "rate: {type: percent}", points: int = 10, **kw: Any) -> perfscore.Scheme:
    """A scheme of one leaf ``x`` worth ``points``."""
    extra = (f"    target: {target}\n" if target else "") + (f"    unit: {unit}\n" if unit else "")
    return load(f"settings: {{total: {points}}}\ninputs:\n  {inputs}\nindicators:\n"
                f"  - id: x\n    name: 执行率\n    points: {points}\n    value: {value}\n"
                f"{extra}    score: {score}\n", **kw)


# --- the format version --------------------------------------------------------------------


def test_format_1_1_loads_and_1_still_does() -> None:
    for version in ("1", "1.1"):
        assert one("ratio", target="1", version=version).score({"rate": 1})["x"].points == 10


def test_another_format_version_is_refused() -> None:
    with pytest.raises(SchemeError, match=r"the format version is 1 or 1\.1, not 1\.2"):
        one("ratio", target="1", version="1.2")


def test_the_format_schema_gives_both_versions() -> None:
    assert perfscore.format_schema()["properties"]["perfscore"]["enum"] == [1, 1.1]


# --- percent literals ----------------------------------------------------------------------


@pytest.mark.parametrize(("rate", "points"), [("0.95", "10"), ("0.9499", "0"), ("0.9501", "10")])
def test_a_percent_in_an_expression_is_exactly_a_fraction(rate: str, points: str) -> None:
    scheme = one('{tiers: [{if: "value >= 95%", points: 10}, {else: 0}]}')
    assert scheme.score({"rate": Decimal(rate)})["x"].points == Decimal(points)


@pytest.mark.parametrize(("rate", "points"), [("0.9", "9"), ("1", "10"), ("1.2", "10")])
def test_a_percent_target(rate: str, points: str) -> None:
    item = one("ratio", target="100%").score({"rate": Decimal(rate)})["x"]
    assert item.points == Decimal(points)


def test_percents_in_method_parameters_are_the_same_numbers_as_fractions() -> None:
    written = {"linear": ("{linear: [[60%, 0], [100%, 10]]}", "{linear: [[0.6, 0], [1, 10]]}"),
               "deduct": ("{deduct: {below: 95%, per: 1%, points: 1}}",
                          "{deduct: {below: 0.95, per: 0.01, points: 1}}"),
               "cap": ("{ratio: {cap: 80%}}", "{ratio: {cap: 0.8}}")}
    for percent, fraction in written.values():
        for rate in ("0.5", "0.6", "0.8", "0.935", "0.95", "1"):
            record = {"rate": Decimal(rate)}
            assert (one(percent, target="1").score(record)["x"].points
                    == one(fraction, target="1").score(record)["x"].points), (percent, rate)


def test_a_percent_in_review() -> None:
    scheme = load("""\
        settings: {total: 10}
        inputs: {rate: {type: percent}}
        indicators:
          - {id: x, name: 执行率, points: 10, value: rate, target: 1, score: ratio,
             review: {over_target: 120%}}
        """)
    assert [f.id for f in scheme.score({"rate": Decimal("1.1999")}).flags] == []
    assert [f.id for f in scheme.score({"rate": Decimal("1.2")}).flags] == ["x"]


def test_the_remainder_is_still_the_remainder() -> None:
    scheme = one("{linear: [[0, 0], [2, 10]]}", value="n % 3", inputs="n: {type: integer}")
    assert scheme.score({"n": 5})["x"].points == 10


def test_a_percent_before_plus_or_minus_is_refused_as_ambiguous(tmp_path: Path) -> None:
    body = ('settings: {total: 10}\ninputs: {rate: {type: percent}}\nindicators:\n'
            '  - {id: x, name: X, points: 10, value: "rate - 95% - 5%", score: ratio, '
            'target: 1}\n')
    message = ("`%` after a number followed by `+` or `-` could be a percent sign or the "
               "remainder: write `(95%) - 5` for a percent, `95 % (-5)` for the remainder")
    assert checked(tmp_path, body) == [("error", 9, 51, "PS107", message)]
    assert checked(tmp_path, body, lang="zh")[0][4] == (
        "数字后的 `%` 接着 `+` 或 `-`，既可能是百分号也可能是取余：百分数请写作 `(95%) - 5`，"
        "取余请写作 `95 % (-5)`")


def test_parentheses_make_it_a_percent() -> None:
    scheme = one("{linear: [[0, 0], [1, 10]]}", value="rate - (5%)")
    assert scheme.score({"rate": Decimal("0.55")})["x"].points == 5


def test_text_that_is_no_percent_is_refused_where_a_number_goes(tmp_path: Path) -> None:
    body = ('settings: {total: 10}\ninputs: {rate: {type: percent}}\nindicators:\n'
            '  - {id: x, name: X, points: 10, value: rate, score: {ratio: {cap: "x%"}}, '
            'target: 1}\n')
    ((severity, _, _, code, message),) = checked(tmp_path, body)
    assert (severity, code) == ("error", "PS012")
    assert message == "'x%' is not a percent"


# --- unit: "%" -----------------------------------------------------------------------------


@pytest.mark.parametrize("sign", ['"%"', '"％"', "percent"])
def test_unit_percent_sign_shows_percents(sign: str) -> None:
    scheme = one("ratio", target="1", unit=sign)
    item = scheme.score({"rate": Decimal("0.95")})["x"]
    assert item.explain("zh") == ("执行率 95%，年度指标值 100%，完成率 95%，"
                                  "得 9.5 分（满分 10 分）。")
    assert item.explain("en") == ("执行率 is 95% against a target of 100% (95% of it): "
                                  "9.5 of 10 points.")


def test_unit_percent_on_a_number_input_is_a_warning(tmp_path: Path) -> None:
    body = ('settings: {total: 10}\ninputs: {rate: {type: number, unit: "%"}}\nindicators:\n'
            '  - {id: x, name: X, points: 10, value: rate, score: ratio, target: 100}\n')
    assert checked(tmp_path, body) == [(
        "warning", 7, 37, "PS250",
        "input 'rate' has `unit: %` but is of type number: its values are read as written (95 "
        'is 95, not 95%); declare `type: percent` to read 0.95 or "95%"')]
    assert checked(tmp_path, body.replace("number", "percent").replace("100}", "1}")) == []


# --- money, length and area units ------------------------------------------------------------

UNITS = """\
    settings: {{total: 10}}
    inputs:
      done: {{type: number, unit: {unit}, label: 完成值}}
    indicators:
      - {{id: x, name: 完成, points: 10, value: done, target: {target}, unit: {unit},
         score: ratio}}
    """


def measured(unit: str, target: str, locale: str = "zh-CN") -> perfscore.Scheme:
    return load(UNITS.format(unit=unit, target=target), locale=locale)


@pytest.mark.parametrize(("unit", "written", "value"), [
    ("亿元", "12000万元", "1.2"), ("亿元", "1.2亿元", "1.2"), ("亿元", "120,000,000 元", "1.2"),
    ("万元", "1.5亿元", "15000"), ("元", "５万元", "50000"), ("亿元", "12", "12"),
    ("米", "112.5公里", "112500"), ("公里", "112.5 公里", "112.5"), ("公里", "1125000米", "1125"),
    ("公里", "3千米", "3"), ("亩", "3公顷", "45"), ("公顷", "15亩", "1"),
    ("平方米", "1.5亩", "1000"),
])
def test_a_value_in_another_unit_of_its_kind_is_converted_exactly(unit: str, written: str,
                                                                   value: str) -> None:
    item = measured(unit, "1").score({"done": written})["x"]
    assert item.value == Decimal(value)
    assert str(item.value.normalize()) == str(Decimal(value).normalize())


@pytest.mark.parametrize(("written", "points"), [
    ("120公里", "10"), ("119990米", "9.9992"), ("120010米", "10"), ("1125000米", "10"),
    ("112.5公里", "9.375")])
def test_the_issue_s_road_against_its_target(written: str, points: str) -> None:
    item = measured("公里", "120").score({"done": written})["x"]
    assert item.points == Decimal(points).quantize(Decimal("0.01"), "ROUND_HALF_UP")


@pytest.mark.parametrize(("locale", "message"), [
    ("zh-CN", "done (完成值): 填写的单位「公顷」与该项的单位「亿元」不是同一类，无法换算"),
    ("en", "done (完成值): is written in 公顷, which cannot be converted to its unit 亿元")])
def test_a_unit_of_another_kind_rejects_the_record_naming_both(locale: str, message: str
                                                               ) -> None:
    with pytest.raises(perfscore.RecordError) as caught:
        measured("亿元", "1", locale).score({"done": "3公顷"})
    assert (caught.value.code, caught.value.message) == ("PS301", message)


def test_a_unit_on_an_input_with_no_unit_is_no_number() -> None:
    with pytest.raises(perfscore.RecordError) as caught:
        one("ratio", target="1", inputs="rate: {type: number}").score({"rate": "12万元"})
    assert caught.value.message == "rate: '12万元' 不是数值"


def test_the_record_schema_accepts_units_of_the_kind() -> None:
    pattern = measured("亿元", "1").json_schema()["properties"]["done"]["anyOf"][1]["pattern"]
    assert "万元" in pattern and "公里" not in pattern


# --- dates ---------------------------------------------------------------------------------

DATES = """\
    settings: {total: 15}
    inputs:
      done: {type: date, label: 完工时间}
    indicators:
      - id: ontime
        name: 完工及时性
        points: 10
        value: done
        score: {tiers: [{if: "value <= '2023-12-31'", points: 10}, {else: 0}]}
      - id: late
        name: 延期天数
        points: 5
        value: done - "2023年12月31日"
        unit: 天
        score: {deduct: {above: 0, per: 10, points: 1, steps: ceil}}
    """


@pytest.mark.parametrize(("done", "ontime", "late"), [
    ("2023-12-31", "10", "5"), ("2023-12-30", "10", "5"), ("2024-01-01", "0", "4"),
    ("2023年12月31日", "10", "5"), ("2024/1/15", "0", "3"), ("２０２４－０１－１１", "0", "3")])
def test_a_date_at_just_before_and_just_after_its_deadline(done: str, ontime: str,
                                                           late: str) -> None:
    result = load(DATES).score({"done": done})
    assert (result["ontime"].points, result["late"].points) == (Decimal(ontime), Decimal(late))


def test_a_date_from_a_spreadsheet_or_a_program() -> None:
    import datetime
    result = load(DATES).score({"done": datetime.datetime(2024, 1, 1, 0, 0)})
    assert result["ontime"].value == datetime.date(2024, 1, 1)
    assert result.to_dict()["items"][0]["value"] == "2024-01-01"


def test_lateness_is_explained_in_days() -> None:
    item = load(DATES).score({"done": "2024-01-15"})["late"]
    assert item.explain("zh") == ("延期天数 15 天，高于 0 天 15 天，每 10 天扣 1 分，"
                                  "不足 10 天按 10 天计，共扣 2 分，得 3 分（满分 5 分）。")
    assert item.explain("en") == ("延期天数 is 15 天, 15 天 above 0 天; 1 off per 10 天, a part "
                                  "of 10 天 counting as a whole, which takes 2 off: 3 of 5 points.")


@pytest.mark.parametrize(("locale", "given", "message"), [
    ("zh-CN", "31/12/2023", "done (完工时间): '31/12/2023' 不是日期（请写作 2023-12-31）"),
    ("en", "31/12/2023", "done (完工时间): '31/12/2023' is not a date (write 2023-12-31)"),
    # a blank (YAML's `done:`) or a number: nothing written to quote, no "'None' is not a date"
    ("zh-CN", None, "done (完工时间): 必须是日期（请写作 2023-12-31）"),
    ("en", 20231231, "done (完工时间): must be a date (write 2023-12-31)")])
def test_a_record_date_that_is_no_date(locale: str, given: Any, message: str) -> None:
    with pytest.raises(perfscore.RecordError) as caught:
        load(DATES, locale=locale).score({"done": given})
    assert caught.value.message == message


@pytest.mark.parametrize(("rule", "column", "code", "message"), [
    ("done <= 2023-12-31", 26, "PS120",
     '`<=` compares a date only with a date, but `done` is a date and `2023-12-31` is a '
     'number: write a date in quotes, "2023-12-31"'),
    ("done + 1 > 0", 18, "PS120", "`+` needs numbers, but `done` is a date"),
    ("done - 1 > 0", 18, "PS120", "`-` needs numbers, but `done` is a date"),
    ('done <= "2023-02-30"', 26, "PS127",
     "'2023-02-30' is not a date: write a date as \"2023-12-31\" or \"2023年12月31日\""),
    ('done == "soon"', 26, "PS127",
     "'soon' is not a date: write a date as \"2023-12-31\" or \"2023年12月31日\""),
])
def test_dates_are_checked_when_the_scheme_loads(tmp_path: Path, rule: str, column: int,
                                                 code: str, message: str) -> None:
    body = textwrap.dedent(DATES) + f"checks: [{{rule: '{rule}', message: m}}]\n"
    assert checked(tmp_path, body) == [("error", 21, column, code, message)]


def test_a_date_compared_with_a_number_in_chinese(tmp_path: Path) -> None:
    body = textwrap.dedent(DATES) + "checks: [{rule: 'done <= 2023-12-31', message: m}]\n"
    assert checked(tmp_path, body, lang="zh")[0][4] == (
        '「<=」只能比较两个日期，但 `done` 是日期、`2023-12-31` 是数值：日期请加引号写作 '
        '"2023-12-31"')


@pytest.mark.parametrize(("rule", "early", "deadline", "late"), [
    ('done <= "2023-12-31"', True, True, False),
    ('"2023-12-31" >= done', True, True, False),
    ('done == "2023年12月31日"', False, True, False),
    ('done != "2023/12/31"', True, False, True),
    ('done - "2023-12-31" > 0', False, False, True),
])
def test_a_quoted_date_beside_a_date_is_a_date(tmp_path: Path, rule: str, early: bool,
                                               deadline: bool, late: bool) -> None:
    body = textwrap.dedent(DATES) + f"checks: [{{rule: '{rule}', message: 未按期}}]\n"
    assert checked(tmp_path, body) == []
    scheme = perfscore.load(tmp_path / "s.yaml")
    for done, passes in (("2023-12-30", early), ("2023-12-31", deadline),
                         ("2024-01-01", late)):
        try:
            scheme.score({"done": done})
        except perfscore.RecordError:
            assert not passes, (rule, done)
        else:
            assert passes, (rule, done)


# --- deduct with each ----------------------------------------------------------------------

EACH = """\
    settings: {total: 5}
    inputs:
      q1: {type: percent, label: 一季度支出进度}
      q2: {type: percent, label: 二季度支出进度}
      q3: {type: percent}
    indicators:
      - id: progress
        name: 支出进度
        points: 5
        unit: percent
        score:
          deduct:
            max: 3
            each:
              - {value: q1, below: 25%, per: 1%, points: 0.1}
              - {value: q2, below: 50%, per: 1%, points: 0.1}
              - {value: q3, name: 三季度, below: 75%, per: 1%, points: 0.1, steps: ceil}
    """


def quarters(q1: str, q2: str, q3: str) -> dict[str, Decimal]:
    return {"q1": Decimal(q1), "q2": Decimal(q2), "q3": Decimal(q3)}


@pytest.mark.parametrize(("record", "points"), [
    (("0.25", "0.5", "0.75"), "5"), (("0.2499", "0.5", "0.75"), "4.999"),
    (("0.2501", "0.5", "0.75"), "5"), (("0.25", "0.4999", "0.75"), "4.999"),
    (("0.25", "0.5", "0.7499"), "4.9"), (("0.25", "0.5", "0.7501"), "5"),
    (("0.24", "0.49", "0.74"), "4.7"), (("0", "0", "0"), "2"),
    (("0.05", "0.5", "0.75"), "3"), (("0.04", "0.5", "0.75"), "2.9"),
    (("0", "0.45", "0.75"), "2"), (("0", "0.451", "0.75"), "2.01"), (("0", "0.449", "0.75"), "2"),
])
def test_checkpoints_share_one_max(record: tuple[str, str, str], points: str) -> None:
    item = load(EACH).score(quarters(*record))["progress"]
    assert item.points == Decimal(points).quantize(Decimal("0.01"), "ROUND_HALF_UP")


def test_each_checkpoint_is_explained_in_chinese() -> None:
    result = load(EACH).score(quarters("0.2", "0.5", "0.745"))
    assert result["progress"].explain("zh") == (
        "支出进度：一季度支出进度 20%，低于 25% 5 个百分点，每 1 个百分点扣 0.1 分，共扣 0.5 分；"
        "二季度支出进度 50%，不低于 50%，不扣分；"
        "三季度 74.5%，低于 75% 0.5 个百分点，每 1 个百分点扣 0.1 分，"
        "不足 1 个百分点按 1 个百分点计，共扣 0.1 分；"
        "合计扣 0.6 分，得 4.4 分（满分 5 分）。")


def test_each_checkpoint_is_explained_in_english_with_the_cap() -> None:
    result = load(EACH).score(quarters("0", "0.5", "0.75"))
    assert result["progress"].explain("en") == (
        "支出进度 — 一季度支出进度 is 0%, 25 percentage points below 25%; 0.1 off per 1 "
        "percentage point, which takes 2.5 off; 二季度支出进度 is 50%, not below 50%; "
        "三季度 is 75%, not below 75%; 2.5 off in all: 2.5 of 5 points.")
    capped = load(EACH).score(quarters("0", "0", "0"))["progress"]
    assert capped.explain("zh").endswith(
        "合计扣 3 分（最多扣 3 分，扣完为止），得 2 分（满分 5 分）。")
    assert capped.explain("en").endswith("3 off in all (at most 3): 2 of 5 points.")


def test_each_checkpoint_is_worded_in_the_standard() -> None:
    """docs/format.md's 评分标准 of quarterly 支出进度."""
    from perfscore._report.manual import rules
    assert rules(load(EACH), "zh")["progress"] == (
        "满分 5 分；一季度支出进度低于 25% 的，每低 1 个百分点扣 0.1 分；"
        "二季度支出进度低于 50% 的，每低 1 个百分点扣 0.1 分；"
        "三季度低于 75% 的，每低 1 个百分点扣 0.1 分，不足 1 个百分点按 1 个百分点计；"
        "合计最多扣 3 分")
    assert rules(load(EACH.replace("max: 3", "max: 5")), "zh")["progress"].endswith(
        "；合计扣完为止")


def test_each_has_rule_paths_per_checkpoint(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert [p.key for p in coverage(load(EACH), []).paths] == [
        f"progress deduct each[{i}] {side}" for i in range(3) for side in ("within", "past")
    ] + ["progress deduct capped"]
    path = tmp_path / "each.yaml"
    path.write_text(HEAD.format(locale="zh-CN") + textwrap.dedent(EACH) + textwrap.dedent("""\
        cases:
          - {name: 按时, input: {q1: 25%, q2: 50%, q3: 75%}, expect: {items: {progress: 5}}}
          - {name: 扣完, input: {q1: 0, q2: 0, q3: 0}, expect: {items: {progress: 2}}}
        """), encoding="utf-8")
    code, out, _ = run(capsys, "test", "--min-coverage", "100", path)
    assert code == 0
    assert f"coverage {path}: 7 of 7 rule paths (100%)" in out


def test_each_mutants_name_their_checkpoint() -> None:
    method = load(EACH)._scorer.compiled.indicators[0].method
    assert method is not None
    labels = [m.label for m in method.mutants(Decimal(5))]
    assert labels[:3] == ["each[0] below 0.25 → 0.24", "each[0] below 0.25 → 0.26",
                          "each[0] per 0.01 → 0.02"]
    assert labels[-1] == "max 3 → 2"
    assert len(labels) == 3 * 6 + 1


@pytest.mark.parametrize(("score", "message"), [
    ("{deduct: {per: 1, each: [{value: q1, below: 1, per: 1, points: 1}]}}",
     "with `each`, per go in each checkpoint, not beside `each`"),
    ("{deduct: {below: 1, points: 1}}", "missing required key 'per'"),
    ("{deduct: {each: [{value: q1, per: 1, points: 1}]}}",
     "give exactly one of `above` and `below`"),
    ("{deduct: {each: [{value: q9, below: 1, per: 1, points: 1}]}}",
     "unknown name 'q9'"),
])
def test_each_is_checked_when_the_scheme_loads(tmp_path: Path, score: str, message: str
                                               ) -> None:
    body = ("settings: {total: 5}\ninputs: {q1: {type: percent}}\nindicators:\n"
            f"  - {{id: x, name: X, points: 5, score: {score}}}\n")
    assert [f[4] for f in checked(tmp_path, body)] == [message]


# --- a bare reverse --------------------------------------------------------------------------


def test_a_bare_reverse_warns_and_still_scores_linearly(tmp_path: Path) -> None:
    body = ("settings: {total: 10}\ninputs: {cost: {type: number}}\nindicators:\n"
            "  - {id: x, name: 成本, points: 10, value: cost, target: 800, score: reverse}\n")
    assert checked(tmp_path, body) == [(
        "warning", 9, 68, "PS251",
        "`reverse` without `variant` scores linearly (0 at twice the target), while the "
        "财预〔2020〕10号 table divides (target ÷ actual): write `variant: linear` or "
        "`variant: inverse`")]
    scheme = perfscore.load(tmp_path / "s.yaml")
    assert scheme.score({"cost": 880})["x"].points == 9
    for variant, points in (("linear", "9"), ("inverse", "9.09")):
        written = body.replace("score: reverse", f"score: {{reverse: {{variant: {variant}}}}}")
        assert checked(tmp_path, written) == []
        assert perfscore.load(tmp_path / "s.yaml").score({"cost": 880})["x"].points == \
            Decimal(points)


def test_generated_records_aim_at_each_checkpoint() -> None:
    from perfscore._testing.aims import aims_of
    found = {(aim.value.text, aim.at) for aim in aims_of(load(EACH))}
    assert found == {(name, Decimal(at)) for name, ats in (
        ("q1", ("0.24", "0.25", "0.26")), ("q2", ("0.49", "0.5", "0.51")),
        ("q3", ("0.74", "0.75", "0.76"))) for at in ats}


def test_diff_names_the_checkpoint_that_changed() -> None:
    from perfscore._report.diff import diff
    old, new = load(EACH), load(EACH.replace("below: 50%", "below: 55%").replace("max: 3", ""))
    assert {(c.facet, c.old, c.new) for c in diff(old, new)} == {
        ("deduct.each[1].below", "0.5", "0.55"), ("deduct.max", "3", None)}


def test_percent_parameters_are_explained_as_percents() -> None:
    item = one("{deduct: {below: 95%, per: 1%, points: 1}}", unit="percent").score(
        {"rate": "93.5%"})["x"]
    assert item.explain("zh") == ("执行率 93.5%，低于 95% 1.5 个百分点，每 1 个百分点扣 1 分，"
                                  "共扣 1.5 分，得 8.5 分（满分 10 分）。")
    assert item.explain("en") == ("执行率 is 93.5%, 1.5 percentage points below 95%; 1 off per "
                                  "1 percentage point, which takes 1.5 off: 8.5 of 10 points.")


def test_a_converted_value_is_explained_in_the_input_s_unit() -> None:
    item = measured("公里", "120").score({"done": "112500米"})["x"]
    assert item.explain("zh") == ("完成 112.5 公里，年度指标值 120 公里，完成率 93.75%，"
                                  "得 9.38 分（满分 10 分）。")
    assert item.explain("en") == ("完成 is 112.5 公里 against a target of 120 公里 (93.75% of "
                                  "it): 9.38 of 10 points.")


NOTED = """\
inputs:
  x: {type: number}
  note: {type: text, label: 备注, required: false}
  year: {type: choice, options: [2023, 2024], label: 年度, required: false}
indicators:
  - {id: a, name: A, points: 10, value: x, score: {linear: [[0, 0], [10, 10]]}}
"""


@pytest.mark.parametrize(("given", "text"), [
    (3.5, "3.5"), (7, "7"), (Decimal("0.0000001"), "0.0000001"), (Decimal("1E+3"), "1000"),
    (Decimal("1.50"), "1.50"), (1e-7, "0.0000001"), (datetime.date(2024, 1, 2), "2024-01-02"),
    (datetime.datetime(2024, 1, 2), "2024-01-02"),
    (datetime.datetime(2024, 1, 2, 9, 30), "2024-01-02 09:30:00"),
    (10**30, "1000000000000000000000000000000")])  # an account number typed as a number
def test_a_number_or_a_date_given_as_text_is_its_text(given: Any, text: str) -> None:
    """As a spreadsheet's number or date cell in a 备注 column gives it, or YAML's number."""
    assert load(NOTED).validate({"x": 1, "note": given}).note == text


@pytest.mark.parametrize("given", [Decimal("NaN"), float("inf"), Decimal("1E+1500000000"),
                                   10**5000], ids=["NaN", "inf", "1E+1500000000", "10**5000"])
def test_a_number_that_has_no_text_is_refused_as_text(given: Any) -> None:
    """Not finite, or past any number's bounds: written out, 1E+1500000000 took seconds and
    a gigabyte and a half before it was refused as too long."""
    with pytest.raises(perfscore.RecordError) as refused:
        load(NOTED).validate({"x": 1, "note": given})
    assert str(refused.value) == "perfscore: error: note (备注): 必须是文本"


@pytest.mark.parametrize("given", [2024, 2024.0, Decimal("2024.00"), "2024"])
def test_a_choice_written_as_a_number_is_chosen_by_that_number(given: Any) -> None:
    """``options: [2023, 2024]`` are the texts ``"2023"`` and ``"2024"``; a record's 2024 is
    that option, not "none of 2023, 2024 (did you mean '2024'?)"."""
    assert load(NOTED).validate({"x": 1, "year": given}).year == "2024"


def test_a_number_that_is_no_option_is_refused_naming_the_options() -> None:
    with pytest.raises(perfscore.RecordError) as refused:
        load(NOTED).validate({"x": 1, "year": 7})
    assert str(refused.value) == "perfscore: error: year (年度): 必须是以下之一：2023、2024"


def test_a_default_its_input_refuses_is_the_scheme_s_error(tmp_path: Path) -> None:
    """Left to the records, every record leaving the input out was rejected, blamed for a
    value it never wrote; a default a number chooses (``1`` of ``[1, 2, 3]``) is fine."""
    body = """\
    inputs:
      done: {type: number}
      level: {type: choice, options: [1, 2, 3], default: 4}
      floor: {type: number, min: 0, default: -1}
      ok: {type: choice, options: [1, 2, 3], default: 1}
    indicators:
      - {id: a, name: A, points: 10, value: done, score: {linear: [[0, 0], [10, 10]]}}
    """
    assert checked(tmp_path, body) == [
        ("error", 8, 54, "PS012", "`default` must be one of: 1, 2, 3 (the value of a record "
                                  "that leaves the input out)"),
        ("error", 9, 42, "PS012", "`default` must be at least 0 (the value of a record that "
                                  "leaves the input out)")]
    assert load(body.replace("default: 4", "default: 2").replace("default: -1", "default: 0")
                ).score({"done": 5}).total == 5
