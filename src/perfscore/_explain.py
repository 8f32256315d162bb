"""Explanations: why each item got its points, in Chinese and English, from the actual numbers.

Each method's facts (``Outcome.facts``) are turned into one sentence showing values in the
indicator's unit, the rule that applied, points and maximum, and for tiers how far the value is
from the next better tier. A scheme may override the sentence with an ``explain`` template.
"""

from __future__ import annotations

import ast
import string
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from ._limits import MAX_TEMPLATE_FIELDS
from ._methods import Deduct, Formula, Interval, Linear, Tiers
from ._numbers import HUNDRED, exact, plain, round_to, show

if TYPE_CHECKING:
    from ._compile import Indicator
    from ._result import Flag, Item, Result

TEMPLATE_FIELDS = ("value", "target", "points", "max", "name")


def check_template(template: str) -> str | None:
    """The problem with an ``explain`` template, or None. Only bare ``{field}`` placeholders
    are allowed, and few: attribute access or a format spec in a template could read or
    allocate, and a thousand ``{name}`` would repeat a long name a thousand times per record."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as exc:
        return f"invalid template: {exc}"
    if sum(name is not None for _, name, _, _ in parts) > MAX_TEMPLATE_FIELDS:
        return f"a template may have at most {MAX_TEMPLATE_FIELDS} placeholders"
    for _, field_name, spec, conversion in parts:
        if field_name is None:
            continue
        if field_name not in TEMPLATE_FIELDS or spec or conversion:
            written = field_name + (f"!{conversion}" if conversion else "") + (
                f":{spec}" if spec else "")
            return (f"placeholder {{{written}}} is not allowed; use "
                    + " ".join(f"{{{f}}}" for f in TEMPLATE_FIELDS))
    return None


def _once(item: Item, owner: object, tag: str, make: Callable[[], str]) -> str:
    """``make()``, for a text that depends on ``owner`` (a part of the scheme) alone: rendered
    on first use and kept on the scheme's context, instead of once per record."""
    if item.context is None:
        return make()
    memo = item.context.memo
    key = (id(owner), tag)
    text = memo.get(key)
    if text is None:
        text = memo[key] = make()
    return text


def _fill(template: str, values: Mapping[str, str]) -> str:
    return "".join(literal + (values[name] if name is not None else "")
                   for literal, name, _, _ in string.Formatter().parse(template))


def _interval_text(interval: Interval, unit: str | None) -> str:
    def bound(number: Decimal | None) -> str:
        return show(number, unit).replace(f" {unit}", "") if number is not None else "∞"
    low, high = interval.low, interval.high
    if low is not None and high is not None and low == high:
        return f"={bound(low)}"
    if high is None and low is not None:
        return f"{'≥' if interval.low_closed else '>'}{bound(low)}"
    if low is None and high is not None:
        return f"{'≤' if interval.high_closed else '<'}{bound(high)}"
    return (f"{'[' if interval.low_closed else '('}{'-∞' if low is None else bound(low)}, "
            f"{bound(high)}{']' if interval.high_closed else ')'}")


def _amount(diff: Decimal, unit: str | None, lang: str) -> str:
    """A distance in the unit: 8.95 个百分点 / 8.95 percentage points / 2 个."""
    smallest = Decimal("0.01")  # a distance never shows as 0
    if unit == "percent":
        number = plain(max(smallest, round_to(diff * HUNDRED, 2)))
        if lang == "zh":
            return f"{number} 个百分点"
        return f"{number} percentage point{'' if number == '1' else 's'}"
    return show(max(smallest, diff), unit)


def _next_tier(item: Item, method: Tiers, lang: str) -> str:
    """How far the value is from the nearest tier that gives more points, when the tests
    are intervals; empty when there is none or the value is not a number."""
    value = item.value
    if not isinstance(value, Decimal) or item.points is None:
        return ""
    # (distance, tier test, its points, whether the value must rise, bound included)
    best: tuple[Decimal, Interval, Decimal, bool, bool] | None = None
    for tier in method.tiers:
        test = tier.test
        if not isinstance(test, Interval) or tier.points <= item.points:
            continue
        low, high = test.low, test.high
        if low is not None and (value < low if test.low_closed else value <= low):
            candidate = (low - value, test, tier.points, True, test.low_closed)
        elif high is not None and (value > high if test.high_closed else value >= high):
            candidate = (value - high, test, tier.points, False, test.high_closed)
        else:
            continue
        if best is None or candidate[0] < best[0]:
            best = candidate
    if best is None:
        return ""
    distance, test, points, up, closed = best
    gain = plain(points - item.points)
    amount = _amount(distance, item.unit, lang)
    target = _band(item, test)
    if lang == "zh":
        verb = "再提高" if up else "再降低"
        more = "" if closed else "以上"
        return f"{verb} {amount}{more}可达 {target} 档，+{gain} 分。"
    verb = "raising it by" if up else "lowering it by"
    more = "" if closed else " or more"
    return f" {verb.capitalize()} {amount}{more} would reach the {target} tier (+{gain})."


def _band(item: Item, test: Interval) -> str:
    return _once(item, test, "band", lambda: _interval_text(test, item.unit))


def _reason_text(item: Item, lang: str) -> str:
    reason = item.reason
    assert reason is not None
    labels = item.context.labels if item.context else {}
    name = reason.name or ""
    label = labels.get(name, name)
    zh = lang == "zh"
    if reason.reason == "absent":
        what = f"缺少输入「{label}」" if zh else f"input {label!r} was not given"
    elif reason.reason == "division_by_zero":
        what = "计算时分母为 0" if zh else "a divisor is zero"
    elif reason.reason == "target_not_positive":
        what = "目标值不大于 0，无法按比例计算" if zh else "the target is not above 0"
    elif reason.reason == "target_negative":
        what = "目标值为负" if zh else "the target is negative"
    else:
        what = f"{name} 没有可计算的数据" if zh else f"{name} has no data to compute"
    if item.policy == "zero":
        tail = "按 0 分计。" if zh else "scored 0."
    elif item.policy == "error":
        tail = ("该指标不得缺失，记录被拒绝。" if zh
                else "it may not be missing: the record is rejected.")
    else:
        tail = "不参与评分，总分按已评指标折算。" if zh else "left out; the total is rescaled."
    return f"{item.name}：{what}，{tail}" if zh else f"{item.name}: {what}; {tail}"


def fixed_texts(indicators: Iterable[Indicator]) -> tuple[dict[str, str], dict[str, str]]:
    """Each indicator's maximum and, where the scheme gives it as a number, its target, as
    explanations show them (by indicator id): rendered once, at load."""
    maxima: dict[str, str] = {}
    targets: dict[str, str] = {}
    for root in indicators:
        for node in root.walk():
            maxima[node.id] = plain(node.points)
            body = node.target.tree.body if node.target is not None else None
            if isinstance(body, ast.Constant) and isinstance(body.value, Decimal):
                targets[node.id] = show(body.value, node.unit)
    return maxima, targets


def _target_text(item: Item) -> str | None:
    target = item.target
    if not isinstance(target, Decimal):
        return None
    fixed = item.context.targets.get(item.id) if item.context is not None else None
    return fixed if fixed is not None else show(target, item.unit)


def _max_text(item: Item) -> str:
    fixed = item.context.maxima.get(item.id) if item.context is not None else None
    return fixed if fixed is not None else plain(item.max)


def _method_text(item: Item, lang: str) -> str:
    """The sentence for a scored leaf, without the points clause."""
    outcome = item.outcome
    indicator = item.indicator
    assert outcome is not None and indicator is not None and indicator.method is not None
    zh = lang == "zh"
    unit = item.unit
    facts = outcome.facts
    v = show(item.value, unit) if isinstance(item.value, Decimal) else str(item.value)
    t = _target_text(item)
    method = indicator.method
    name = item.name
    if method.name in ("ratio", "equal") and "share" in facts:
        if item.points == item.max:
            return (f"{name} {v}，达到目标 {t}" if zh
                    else f"{name} is {v}, meeting the target of {t}")
        share = show(facts["share"], "percent")
        return (f"{name} {v}，目标 {t}，完成 {share}" if zh
                else f"{name} is {v} against a target of {t} ({share} of it)")
    if method.name in ("reverse", "equal"):
        if facts.get("zero_target"):
            return (f"{name} {v}，目标为 0，{'不高于 0' if item.points else '高于 0'}" if zh
                    else f"{name} is {v} against a target of 0")
        if facts.get("met"):
            return (f"{name} {v}，不高于目标 {t}" if zh
                    else f"{name} is {v}, within the target of {t}")
        over = show(facts["excess"], "percent")
        return (f"{name} {v}，高于目标 {t}（超出 {over}）" if zh
                else f"{name} is {v}, above the target of {t} by {over}")
    if isinstance(method, Tiers):
        index = facts["index"]
        if index is None:
            return f"{name} {v}，未落入任何档" if zh else f"{name} is {v}, in no tier"
        test = method.tiers[index].test
        if test is None:
            return (f"{name} {v}，未达到以上各档" if zh
                    else f"{name} is {v}, below every listed tier")
        if isinstance(test, Interval):
            band = _band(item, test)
            return f"{name} {v}，落在 {band} 档" if zh else f"{name} is {v}, in the {band} tier"
        return (f"{name} {v}，满足条件 `{test.text}`" if zh
                else f"{name} is {v}, meeting `{test.text}`")
    if isinstance(method, Deduct):
        side = method.side
        threshold = _once(item, method, "threshold", lambda: show(method.threshold, unit))
        if not facts["deduction"]:
            within = ("未超过" if side == "above" else "不低于") if zh else (
                "not above" if side == "above" else "not below")
            return (f"{name} {v}，{within} {threshold}，不扣分" if zh
                    else f"{name} is {v}, {within} {threshold}")
        excess = _amount(facts["excess"], unit, lang)
        per = _once(item, method, lang, lambda: _amount(method.per, unit, lang))
        each = _once(item, method, "each", lambda: plain(method.points))
        taken = show(facts["deduction"], None)
        if zh:
            return (f"{name} {v}，{'高于' if side == 'above' else '低于'} {threshold} {excess}，"
                    f"每 {per} 扣 {each} 分，扣 {taken} 分")
        return (f"{name} is {v}, {excess} {'above' if side == 'above' else 'below'} {threshold}; "
                f"{each} off per {per} makes {taken} off")
    if isinstance(method, Linear):
        points = _once(item, method, lang, lambda: ("、" if zh else ", ").join(
            f"({show(x, unit)}, {plain(y)})" for x, y in method.breakpoints))
        return (f"{name} {v}，按 {points} 线性插值" if zh
                else f"{name} is {v}, interpolated between {points}")
    if method.name == "levels":
        share = show(facts["fraction"], "percent")
        return (f"{name}评为「{item.value}」，按 {share} 计" if zh
                else f"{name} is rated {item.value!r}, worth {share}")
    if method.name == "checklist":
        labels = item.context.labels if item.context else {}
        met = [labels.get(n, n) for n in facts["met"]]
        unmet = [labels.get(n, n) for n in facts["unmet"]]
        total = len(met) + len(unmet)
        if zh:
            text = f"{name}：满足 {len(met)}/{total} 项"
            if met:
                text += f"（{'、'.join(met)}）"
            if unmet:
                text += f"，未满足：{'、'.join(unmet)}"
            return text
        text = f"{name}: {len(met)} of {total} met"
        if unmet:
            text += f"; not met: {', '.join(unmet)}"
        return text
    assert isinstance(method, Formula)
    raw = show(facts["raw"], None)
    text = method.expr.text
    return (f"{name} 按公式 `{text}` 计算为 {raw}" if zh
            else f"{name} computes `{text}` = {raw}")


@exact
def explain_item(item: Item, lang: str) -> str:
    """One item's explanation in ``lang`` (``zh`` or ``en``)."""
    zh = lang == "zh"
    if item.children:
        points = "—" if item.points is None else plain(item.points)
        full = _max_text(item)
        return (f"{item.name}：得 {points} 分（满分 {full} 分）。" if zh
                else f"{item.name}: {points} of {full} points.")
    if item.reason is not None:
        return _reason_text(item, lang)
    indicator = item.indicator
    assert indicator is not None and item.points is not None
    if indicator.explain:
        return _fill(indicator.explain, {
            "value": show(item.value, item.unit) if isinstance(item.value, Decimal)
            else str(item.value),
            "target": _target_text(item) or "",
            "points": plain(item.points), "max": _max_text(item), "name": item.name})
    head = _method_text(item, lang)
    p, w = plain(abs(item.points)), _max_text(item)
    if item.kind == "bonus":
        tail = f"加 {p} 分（最多加 {w} 分）。" if zh else f"adds {p} (at most {w})."
    elif item.kind == "penalty":
        tail = f"扣 {p} 分（最多扣 {w} 分）。" if zh else f"takes off {p} (at most {w})."
    elif item.points == item.max:
        tail = f"得满分 {w} 分。" if zh else f"full {w} points."
    else:
        tail = f"得 {p} 分（满分 {w} 分）。" if zh else f"{p} of {w} points."
    text = f"{head}，{tail}" if zh else f"{head}: {tail}"
    method = indicator.method
    if isinstance(method, Tiers) and item.kind == "base":
        text += _next_tier(item, method, lang)
    return text


@exact
def flag_message(flag: Flag, lang: str) -> str:
    facts = flag.facts
    zh = lang == "zh"
    if flag.code == "over_target":
        ratio = show(facts["ratio"], "percent")
        if zh:
            return (f"{facts['name']} 完成值 {facts['value']} 达到目标 {facts['target']} 的 "
                    f"{ratio} 以上，偏离度过大，需说明原因。")
        return (f"{facts['name']} is {facts['value']}, at least {ratio} of its target "
                f"{facts['target']}: explain the deviation.")
    if flag.code == "rescaled":
        assessed, full = plain(facts["assessed"]), plain(facts["full"])
        if zh:
            return f"有指标不参与评分，总分按已评指标满分 {assessed} 分折算为 {full} 分制。"
        return f"Some indicators were left out; the total is rescaled from {assessed} to {full}."
    assert flag.code == "not_assessed"
    return explain_item(facts["item"], lang)


@exact
def explain_result(result: Result, lang: str) -> str:
    zh = lang == "zh"
    lines = [f"{result.title}（{result.scheme} {result.edition}）" if zh
             else f"{result.title} ({result.scheme} {result.edition})"]
    total, full = plain(result.total), plain(result.max)
    grade = f"，等级：{result.grade}" if zh and result.grade else (
        f", grade {result.grade}" if result.grade else "")
    lines.append(f"总分 {total} 分（满分 {full} 分）{grade}。" if zh
                 else f"Total {total} of {full}{grade}.")
    reasons = result.reasons
    if reasons:
        lines.append("失分：" if zh else "Points lost:")
        lines.extend(f"- {item.explain(lang)}" for item in reasons)
    for flag in (*result.flags, *result.warnings):
        lines.append(f"! {flag.message(lang)}")
    return "\n".join(lines)

