"""``bands`` — 定性 with bands: each option of a choice input is a band of the points
(达成年度指标 80%–100%, …), and the score within it is the evaluator's (``pick: record``, read
from the input ``score_from`` names, and refused when it lies outside the band), or the band's
``upper`` or ``lower`` end (SPEC §8.2)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import Field

from .._common.errors import RecordError
from .._common.messages import Term, closest, did_you_mean
from .._common.numbers import plain, round_to
from .._expr.functions import Absent, ExpressionTypeError, number
from .._source.format import Name, Number
from .base import Branch, Build, Lint, Method, Outcome, Rule, Run, Said, Values, lint_choices
from .line import Interval, parse_interval

BandSpec = Annotated[str, Field(min_length=1)] | Annotated[list[Number],
                                                             Field(min_length=2, max_length=2)]
"""A band as an interval of fractions of the points: ``"[0.6, 0.8)"``, or ``[0.8, 1]`` (both
ends included)."""


@dataclass(frozen=True, slots=True)
class Bands(Method):
    bands: Mapping[str, Interval]
    pick: str
    score_from: str | None
    name = "bands"
    nature = "定性"
    spec = Annotated[dict[str, BandSpec], Field(min_length=1)]
    options: ClassVar[Mapping[str, Any]] = {"pick": Literal["record", "upper", "lower"],
                                            "score_from": Name}

    @classmethod
    def build(cls, params: dict[str, str | list[Decimal]], site: Build) -> Self | None:
        bands: dict[str, Interval] = {}
        for level, written in params.items():
            band = band_of(written)
            if band is None:
                site.error("PS226", (level,), level=level, band=str(written))
                continue
            bands[level] = band
        pick = site.options.get("pick") or "record"
        score_from = site.options.get("score_from")
        if pick == "record" and score_from is None:
            site.error("PS227", ())
        elif score_from is not None and score_from not in site.names:
            site.error("PS227.unknown", ("score_from",),
                       suggestion=did_you_mean(closest(score_from, site.names)),
                       name=score_from)
            return None
        if len(bands) != len(params) or (pick == "record" and score_from is None):
            return None
        return cls(bands, pick, score_from if pick == "record" else None)

    def score(self, a: Any, t: Any, w: Decimal, run: Run, scope: Values) -> Outcome:
        band = self.bands.get(a) if isinstance(a, str) else None
        if band is None:
            raise ExpressionTypeError(f"value {a!r} is not one of the bands")
        assert band.low is not None and band.high is not None
        low, high = w * band.low, w * band.high
        facts = {"low": low, "high": high}
        if self.pick == "upper":
            return Outcome(high, "bands.upper", facts)
        if self.pick == "lower":
            return Outcome(low, "bands.lower", facts)
        assert self.score_from is not None
        given = scope[self.score_from]
        words = {"level": a, "low": low, "high": high, "name": self.score_from}
        if type(given) is Absent:
            raise RecordError.of("PS311", words, where=self.score_from)
        points = number(given, self.score_from)
        if w == 0 or points / w not in band:
            raise RecordError.of("PS310", {**words, "given": points}, where=self.score_from)
        return Outcome(points, "bands", facts)

    def describe(self, rule: Rule) -> str:
        bands = [rule.say("band", level=level, low=round_to(rule.points * band.low, 2),
                          high=round_to(rule.points * band.high, 2))
                 for level, band in self.bands.items()
                 if band.low is not None and band.high is not None]
        return rule.joined([*bands, rule.say(f"band_{self.pick}")])

    def explain(self, said: Said) -> str:
        key = {"upper": "band_upper", "lower": "band_lower"}.get(self.pick, "band")
        return said.say(key, name=said.name, value=said.value, low=plain(said.facts["low"]),
                        high=plain(said.facts["high"]))

    def lint(self, leaf: Lint) -> None:
        lint_choices(leaf, self.name, self.bands, Term("band", "得分区间"))
        if self.score_from is not None:
            found = leaf.input_type(self.score_from)
            if found is not None and not found.numeric:
                leaf.error("PS123.score_from", ("score_from",), name=self.score_from,
                           kind=found.term)

    def branches(self, points: Decimal, target: Decimal | None) -> list[Branch]:
        return [Branch(f"band {level}", f"rated {level}", ("bands", level), key=True)
                for level in self.bands]

    def taken(self, outcome: Outcome, value: Any, points: Decimal) -> list[str]:
        return [f"band {value}"]

    def reads(self) -> frozenset[str]:
        return frozenset(() if self.score_from is None else (self.score_from,))

    @classmethod
    def facets(cls, params: dict[str, str | list[Decimal]], text: Callable[[Any], str]
               ) -> Iterator[tuple[str, str]]:
        for level, band in params.items():
            yield f"bands[{level}]", text(band)


def band_of(written: str | list[Decimal]) -> Interval | None:
    """A band as written (``"[0.6, 0.8)"`` or ``[0.8, 1]``), or None when it is not an
    interval within [0, 1]."""
    band = (Interval(written[0], True, written[1], True,
                     f"[{plain(written[0])}, {plain(written[1])}]")
            if isinstance(written, list) else parse_interval(written))
    if (band is None or band.low is None or band.high is None or band.low < 0
            or band.high > 1 or band.low > band.high):
        return None
    return band


DEFAULT_BANDS: Mapping[str, Interval] = {
    level: band for level, written in (("达成年度指标", "[0.8, 1]"),
                                        ("部分达成年度指标并具有一定效果", "[0.6, 0.8)"),
                                        ("未达成年度指标且效果较差", "[0, 0.6)"))
    if (band := band_of(written)) is not None}
"""The three 定性 bands of the 财预〔2020〕10号 self-evaluation table: 80% belongs to the top
band, 60% to the middle one (DOMAIN.md)."""

