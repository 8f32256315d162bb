"""Explanations: why each item got its points, in Chinese and English, from the actual numbers.

A scored leaf's sentence is its method's (``Method.explain``, from the outcome's facts, values
in the indicator's unit) followed by the points and maximum, and whatever the method hints would
earn more (for tiers: how far the next better tier is). A scheme may override the sentence with
an ``explain`` template. Branches, items not assessed, flags and whole results are worded here.
"""

from __future__ import annotations

import ast
import datetime
import string
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from .._common.messages import render
from .._common.numbers import exact, plain, show
from .._methods import Said

if TYPE_CHECKING:
    from .._model.tree import Indicator
    from .result import Flag, Item, Result

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
    if isinstance(target, datetime.date):
        return target.isoformat()
    if not isinstance(target, Decimal):
        return None
    fixed = item.context.targets.get(item.id) if item.context is not None else None
    return fixed if fixed is not None else show(target, item.unit)


def _value_text(item: Item) -> str:
    return show(item.value, item.unit) if isinstance(item.value, Decimal) else str(item.value)


def _max_text(item: Item) -> str:
    fixed = item.context.maxima.get(item.id) if item.context is not None else None
    return fixed if fixed is not None else plain(item.max)


@exact
def explain_item(item: Item, lang: str) -> str:
    """One item's explanation in ``lang`` (``zh`` or ``en``)."""
    zh = lang == "zh"
    if item.children:
        points = "—" if item.points is None else plain(item.points)
        full = _max_text(item)
        return (f"{item.name}：得 {points} 分（满分 {full} 分）。" if zh
                else f"{item.name}: {points} of {full} points.")
    if item.status == "not_applicable":
        return render("PS413", {"name": item.name, "why": item.deviation_reason or ""}, lang)
    if item.reason is not None:
        return _reason_text(item, lang)
    indicator = item.indicator
    assert indicator is not None and item.points is not None
    if indicator.explain:
        return _fill(indicator.explain, {
            "value": _value_text(item),
            "target": _target_text(item) or "",
            "points": plain(item.points), "max": _max_text(item), "name": item.name})
    method = indicator.method
    assert method is not None and item.outcome is not None
    said = Said(item.name, item.value, _value_text(item), _target_text(item), item.unit,
                item.points, item.max, item.kind, item.outcome,
                item.context.labels if item.context else {}, zh,
                lambda owner, tag, make: _once(item, owner, tag, make))
    head = method.explain(said)
    p, w = plain(abs(item.points)), _max_text(item)
    if item.kind == "bonus":
        tail = f"加 {p} 分（最多加 {w} 分）。" if zh else f"adds {p} (at most {w})."
    elif item.kind == "penalty":
        tail = f"扣 {p} 分（最多扣 {w} 分）。" if zh else f"takes off {p} (at most {w})."
    elif item.points == item.max:
        tail = f"得满分 {w} 分。" if zh else f"full {w} points."
    else:
        tail = f"得 {p} 分（满分 {w} 分）。" if zh else f"{p} of {w} points."
    return (f"{head}，{tail}" if zh else f"{head}: {tail}") + method.hint(said)


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
    if flag.code == "min_assessed":
        return render("PS412", {**facts, "least": show(facts["least"], "percent")}, lang)
    if flag.code in _FLAG_MESSAGES:
        return render(_FLAG_MESSAGES[flag.code], facts, lang)
    assert flag.code in ("not_assessed", "not_applicable") and flag.item is not None
    return explain_item(flag.item, lang)


_FLAG_MESSAGES = {"ignored": "PS415", "no_reason": "PS410", "no_reason_review": "PS411",
                  "veto": "PS414", "out_of_band": "PS310", "row_repeated": "PS321",
                  "rows_points": "PS322", "required_missing": "PS324"}
"""The catalogue's words for each flag a result may carry beside ``over_target`` and the
items' own."""


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

