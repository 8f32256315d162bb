"""Explanations: why each item got its points, in Chinese and English, from the actual numbers.

A scored leaf's sentence is its method's (``Method.explain``, from the outcome's facts, values
in the indicator's unit) followed by the points and maximum, and whatever the method hints would
earn more (for tiers: how far the next better tier is). A scheme may override the sentence with
an ``explain`` template. Branches, items not assessed, flags and whole results are worded here.
"""

from __future__ import annotations

import ast
import datetime
import functools
import string
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .._common.messages import prefilled, render
from .._common.numbers import exact, plain, show
from .._methods import Said

if TYPE_CHECKING:
    from .._model.tree import Indicator
    from .result import Flag, Item, Result

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


def _target_text(item: Item, unit: str | None, fixed: str | None) -> str | None:
    """The item's target as its sentence shows it; ``fixed``, the scheme's constant target
    rendered at load, when there is one."""
    target = item.target
    if isinstance(target, datetime.date):
        return target.isoformat()
    if not isinstance(target, Decimal):
        return None
    return fixed if fixed is not None else show(target, unit)


def _max_text(item: Item) -> str:
    fixed = item.context.maxima.get(item.id) if item.context is not None else None
    return fixed if fixed is not None else plain(item.max)


class _Leaf:
    """How one scored leaf is explained in one language, compiled on its first explanation:
    the indicator's name, unit, labels, maximum and constant target read once; each points
    clause (``得 {points} 分（满分 10 分）。``) rendered with the sentence's separator and
    maximum in place and split around its number; the not-assessed sentences kept by reason.
    A record's explanation is then the method's sentence from its numbers
    (``Method.explain``), the points and the method's hint, joined."""

    __slots__ = ("clauses", "indicator", "item_name", "labels", "max_text", "memo", "once",
                 "reasons", "target", "unit", "zh")

    def __init__(self, item: Item, lang: str, memo: dict[Any, Any]) -> None:
        self.indicator = item.indicator
        self.item_name = item.name
        self.unit = item.unit
        context = item.context
        self.labels = context.labels if context else {}
        self.target = context.targets.get(item.id) if context else None
        self.zh = lang == "zh"
        self.memo = memo
        self.once = self._once
        self.reasons: dict[tuple[str, str | None], str] = {}
        self.max_text = _max_text(item)
        self.clauses: dict[str, tuple[str, ...]] = {}

    def _once(self, owner: object, tag: str, make: Callable[[], str]) -> str:
        """``Said.once``: a text depending on a part of the scheme alone, kept."""
        key = (id(owner), tag)
        text = self.memo.get(key)
        if text is None:
            text = self.memo[key] = make()
        return text

    @exact  # a method's hint may compute (how far the next tier is)
    def __call__(self, item: Item, lang: str) -> str:
        if item.status == "not_applicable":
            return render("PS413", {"name": item.name, "why": item.deviation_reason or ""},
                          lang)
        reason = item.reason
        if reason is not None:
            key = (reason.reason, reason.name)
            text = self.reasons.get(key)
            if text is None:
                text = self.reasons[key] = _reason_text(item, lang)
            return text
        indicator = self.indicator
        points = item.points
        assert indicator is not None and points is not None
        unit = self.unit
        value = item.value
        value_text = show(value, unit) if isinstance(value, Decimal) else str(value)
        target_text = _target_text(item, unit, self.target)
        if indicator.explain:
            return _fill(indicator.explain, {
                "value": value_text, "target": target_text or "", "points": plain(points),
                "max": _max_text(item), "name": item.name})
        method = indicator.method
        assert method is not None and item.outcome is not None
        kind = item.kind
        said = Said(self.item_name, value, value_text, target_text, unit, points, item.max,
                    kind, item.outcome, self.labels, self.zh, self.once, lang)
        if kind == "base":
            clause = "explain.points_full" if points == item.max else "explain.points"
        else:
            clause = f"explain.points_{kind}"
        tail = self.clauses.get(clause)
        if tail is None:
            tail = self.clauses[clause] = _tail(clause, self.max_text, lang)
        if len(tail) == 1:
            return method.explain(said) + tail[0] + method.hint(said)
        return (method.explain(said) + tail[0] + plain(points.copy_abs()) + tail[1]
                + method.hint(said))


class _Branch:
    """A branch's sentence in one language with its name and maximum in place, split around
    its points."""

    __slots__ = ("after", "before")

    def __init__(self, item: Item, lang: str) -> None:
        self.before, self.after = _split(prefilled(
            "explain.branch", {"name": item.name, "max": _max_text(item)}, lang))

    def __call__(self, item: Item, lang: str) -> str:
        points = item.points
        return self.before + ("—" if points is None else plain(points)) + self.after


_SEPARATORS = {lang: prefilled("explain.sentence", {"head": ""}, lang).partition("{tail}")[0]
               for lang in ("zh", "en")}
"""What joins a leaf's sentence to its points clause (``explain.sentence``)."""


@functools.lru_cache(maxsize=1024)
def _tail(clause: str, max_text: str, lang: str) -> tuple[str, ...]:
    """The end of a leaf's sentence: the separator, the points ``clause`` up to its points and
    after them (``fill`` of a ``prefilled`` message reads as the whole ``render``; the points
    are digits, which ``shown`` leaves alone). Kept for the last maxima asked for, not only
    per indicator: a 自评表 row's indicator is made for each record, and its 分值, which the
    record gives, is one of a few."""
    return _split(_SEPARATORS[lang] + prefilled(clause, {"max": max_text}, lang))


def _split(template: str) -> tuple[str, ...]:
    """A ``prefilled`` message with at most ``{points}`` left, as the texts before and after
    it (what ``fill`` would put either side), or as its one text when it has no points."""
    parts = list(string.Formatter().parse(template))
    names = [name for _, name, _, _ in parts if name is not None]
    assert names in ([], ["points"]), template
    if not names:
        return ("".join(literal for literal, _, _, _ in parts),)
    return parts[0][0], "".join(literal for literal, _, _, _ in parts[1:])


def explain_item(item: Item, lang: str) -> str:
    """One item's explanation in ``lang`` (``zh`` or ``en``), by its explainer: made on its
    indicator's first explanation and kept on the scheme's context. A 自评表 row's indicator
    is made for each record, so its explainer is made for it alone."""
    context = item.context
    branch = bool(item.children)
    if context is None or item.row is not None or item.indicator is None:
        return (_Branch(item, lang) if branch else _Leaf(item, lang, {}))(item, lang)
    memo = context.memo
    # an int key, cheaper to hash than a tuple: the indicator's id() times 4 plus a code
    # below 4, so never another indicator's, nor one of the tuples ``Said.once`` keys its
    # texts by; a rows section has two explainers (a branch of its rows, or a leaf not
    # assessed when the record has none)
    key = id(item.indicator) * 4 + (2 if branch else 0) + (lang == "en")
    explainer = memo.get(key)
    if explainer is None:
        explainer = memo[key] = _Branch(item, lang) if branch else _Leaf(item, lang, memo)
    return explainer(item, lang)


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

