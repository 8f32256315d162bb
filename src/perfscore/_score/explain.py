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

from .._common.messages import fill, prefilled, render
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


def _template(item: Item, key: str, lang: str, *fixed: str) -> str:
    """The message ``key`` with the parts named ``fixed`` put in — the item's ``name`` and
    ``max``, which depend on its indicator alone (``prefilled``) — made on its first
    explanation and kept on the scheme's context: a record's explanation then fills in only
    its numbers. A 自评表 row's indicator is made for each record, so its sentence is
    rendered whole every time."""
    if item.context is None or item.row is not None or item.indicator is None:
        return prefilled(key, _fixed(item, fixed), lang)
    memo = item.context.memo
    tag = (id(item.indicator), f"{key} {lang}")
    template = memo.get(tag)
    if template is None:
        template = memo[tag] = prefilled(key, _fixed(item, fixed), lang)
    return template


def _fixed(item: Item, names: tuple[str, ...]) -> dict[str, str]:
    return {name: item.name if name == "name" else _max_text(item) for name in names}


def _fill(template: str, values: Mapping[str, str]) -> str:
    return "".join(literal + (values[name] if name is not None else "")
                   for literal, name, _, _ in string.Formatter().parse(template))


def _reason_text(item: Item, lang: str) -> str:
    reason = item.reason
    assert reason is not None
    labels = item.context.labels if item.context else {}
    name = reason.name or ""
    known = ("absent", "division_by_zero", "target_not_positive", "target_negative")
    what = render(f"explain.{reason.reason}" if reason.reason in known else "explain.no_data",
                  {"label": labels.get(name, name), "name": name}, lang)
    then = {"zero": "then_zero", "error": "then_reject"}.get(item.policy or "", "then_rescale")
    return render("explain.not_assessed", {"name": item.name, "what": what,
                                           "then": render(f"explain.{then}", {}, lang)}, lang)


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


def _target_text(item: Item, unit: str | None) -> str | None:
    target = item.target
    if isinstance(target, datetime.date):
        return target.isoformat()
    if not isinstance(target, Decimal):
        return None
    fixed = item.context.targets.get(item.id) if item.context is not None else None
    return fixed if fixed is not None else show(target, unit)


def _value_text(item: Item, unit: str | None) -> str:
    return show(item.value, unit) if isinstance(item.value, Decimal) else str(item.value)


def _max_text(item: Item) -> str:
    fixed = item.context.maxima.get(item.id) if item.context is not None else None
    return fixed if fixed is not None else plain(item.max)


@exact
def explain_item(item: Item, lang: str) -> str:
    """One item's explanation in ``lang`` (``zh`` or ``en``)."""
    zh = lang == "zh"
    if item.children:
        return fill(_template(item, "explain.branch", lang, "name", "max"),
                    {"points": "—" if item.points is None else plain(item.points)})
    if item.status == "not_applicable":
        return render("PS413", {"name": item.name, "why": item.deviation_reason or ""}, lang)
    if item.reason is not None:
        return _reason_text(item, lang)
    indicator = item.indicator
    assert indicator is not None and item.points is not None
    unit = indicator.unit
    if indicator.explain:
        return _fill(indicator.explain, {
            "value": _value_text(item, unit),
            "target": _target_text(item, unit) or "",
            "points": plain(item.points), "max": _max_text(item), "name": item.name})
    method = indicator.method
    assert method is not None and item.outcome is not None
    said = Said(item.name, item.value, _value_text(item, unit), _target_text(item, unit), unit,
                item.points, item.max, item.kind, item.outcome,
                item.context.labels if item.context else {}, zh,
                lambda owner, tag, make: _once(item, owner, tag, make))
    if item.kind in ("bonus", "penalty"):
        clause = f"explain.points_{item.kind}"
    else:
        clause = "explain.points_full" if item.points == item.max else "explain.points"
    tail = fill(_template(item, clause, lang, "max"), {"points": plain(abs(item.points))})
    return (fill(_SENTENCE[zh], {"head": method.explain(said), "tail": tail})
            + method.hint(said))


_SENTENCE = {zh: prefilled("explain.sentence", {}, "zh" if zh else "en") for zh in (False, True)}


@exact
def flag_message(flag: Flag, lang: str) -> str:
    facts = flag.facts
    if flag.code == "over_target":
        return render("explain.over_target",
                      {**facts, "ratio": show(facts["ratio"], "percent")}, lang)
    if flag.code == "rescaled":
        return render("explain.rescaled", facts, lang)
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
    dated = "explain.title_dated" if result.edition in result.title else "explain.title"
    lines = [render(dated, {"title": result.title, "scheme": result.scheme,
                            "edition": result.edition}, lang),
             render("explain.total_graded" if result.grade else "explain.total",
                    {"total": result.total, "max": result.max, "grade": result.grade}, lang)]
    reasons = result.reasons
    if reasons:
        lines.append(render("explain.lost", {}, lang))
        lines.extend(f"- {item.explain(lang)}" for item in reasons)
    for flag in (*result.flags, *result.warnings):
        lines.append(f"! {flag.message(lang)}")
    return "\n".join(lines)

