"""Fuzzing the loader and the expression checker/evaluator with hostile input.

* random YAML trees shaped like schemes — the right keys and wrong ones, every kind of value,
  expressions, unicode and control characters, anchors and aliases — and random edits of
  their text;
* random expressions from the grammar, valid and not: every operator Python has, our functions
  and others, attributes, subscripts, generators, literals of every size;
* random records for what loads: absent, zero, negative, huge, tiny, NaN, text, long lists.

Whatever comes in, the only exceptions that may escape are ``PerfscoreError`` subclasses, both
evaluators agree, and no load or score takes longer than ``BUDGET``. CI runs hypothesis's
default number of examples; ``pytest tests/test_fuzz.py --hypothesis-profile fuzz`` runs the
long profile registered in conftest.py.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any, TypeVar

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import perfscore

BUDGET = 5.0
"""Seconds any one load or score may take: far above the milliseconds they do take, far below a
hang. Generous, since CI machines are shared."""
FILE = "<fuzz>"
"""The name fuzzed text loads under: text has no folder, so a random ``extends`` or ``cases:``
can never read a file of the machine the fuzzer runs on."""
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.data_too_large])
T = TypeVar("T")

# --- expressions -----------------------------------------------------------------------------

NAMES = ["x", "y", "t", "rows", "level", "flag", "value", "target", "points", "p", "q",
         "__class__", "_x", "vars", "getattr", "sum", "None", "True", "False", "nope", "ｘ", "х"]
FUNCTIONS = ["abs", "clamp", "coalesce", "count", "len", "max", "mean", "min", "round", "sum",
             "eval", "open", "getattr", "format", "rand"]
BINARY = ["+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^"]
COMPARE = ["<", "<=", ">", ">=", "==", "!=", "in", "not in", "is", "is not"]
NUMBERS = st.one_of(
    st.integers(-10**30, 10**30).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
    st.sampled_from(["0", "-0", "0.0", "1e18", "1e19", "1e-18", "1e400", "1e999999999", "0x10",
                     "0o7", "1_000", "9" * 40, ".5", "5.", "1j"]),
)
TEXTS = st.sampled_from(["'a'", "''", "'%4000000000d'", "'{0.__class__}'", "f'{x}'", "b'x'",
                         "'甲'", "'a' * 10**9", "'\\x1b'", "lambda: x", "(y := 1)"])


def _grammar(base: st.SearchStrategy[T],
             combine: Callable[[st.SearchStrategy[T]], st.SearchStrategy[T]],
             depth: int) -> st.SearchStrategy[T]:
    """``base``, or ``combine`` of this grammar one level shallower (``st.recursive`` would do,
    but builds a repr of megabytes when a draw runs over its size)."""
    strategy = base
    for _ in range(depth):
        strategy = st.one_of(base, combine(strategy))
    return strategy


def _combine(parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    pair = st.tuples(parts, parts)
    return st.one_of(
        pair.map(lambda p: f"{p[0]} ** {p[1]}"),
        st.tuples(st.sampled_from(["-", "+", "not ", "~"]), parts).map("".join),
        st.tuples(parts, st.sampled_from(BINARY), parts).map(" ".join),
        st.tuples(parts, st.sampled_from(COMPARE), parts).map(" ".join),
        st.tuples(parts, st.sampled_from(["and", "or"]), parts).map(" ".join),
        st.tuples(pair, parts).map(lambda t: f"{t[0][0]} if {t[1]} else {t[0][1]}"),
        parts.map(lambda e: f"({e})"),
        st.tuples(st.sampled_from(FUNCTIONS), st.lists(parts, max_size=4)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"),
        st.tuples(st.sampled_from(["sum", "count", "max", "mean"]),
                  st.sampled_from(["p.v", "p.ok", "p", "p.__class__", "x", "p.v * p.v"]),
                  st.sampled_from(["rows", "x", "(rows)"]),
                  st.sampled_from(["", " if p.ok", " if p.v > 1", " for q in rows"])).map(
            lambda t: f"{t[0]}({t[1]} for p in {t[2]}{t[3]})"),
        st.tuples(parts, st.sampled_from([".__class__", ".v", "[0]", "[0:1]", ".format(x)"])).map(
            "".join),
        st.lists(parts, max_size=4).map(lambda items: f"({', '.join(items)},)"),
        st.lists(parts, max_size=4).map(lambda items: f"[{', '.join(items)}]"),
    )


ANYTHING = _grammar(st.one_of(st.sampled_from(NAMES), NUMBERS, TEXTS), _combine, 4)
"""Expressions of Python's whole grammar: mostly refused."""


def _numeric(parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        parts.map(lambda e: f"-{e}"),
        st.tuples(parts, st.sampled_from(["+", "-", "*", "/", "//", "%"]), parts).map(" ".join),
        st.tuples(parts, st.sampled_from(["2", "3", "-1", "10", "-10"])).map(
            "({0[0]}) ** {0[1]}".format),
        parts.map(lambda e: f"abs({e})"),
        st.lists(parts, min_size=1, max_size=4).map(lambda a: f"min({', '.join(a)})"),
        st.lists(parts, min_size=1, max_size=4).map(lambda a: f"max({', '.join(a)})"),
        st.tuples(parts, st.integers(0, 12)).map("round({0[0]}, {0[1]})".format),
        st.tuples(parts, parts, parts).map("clamp({0[0]}, {0[1]}, {0[2]})".format),
        parts.map(lambda e: f"coalesce(y, {e})"),
        st.tuples(parts, BOOLEANS, parts).map("({0[0]} if {0[1]} else {0[2]})".format),
    )


ROW_NUMBERS = st.sampled_from(["p.v", "p.v * p.v", "p.v / 2", "abs(p.v)", "p.v - x", "1"])
ROW_TESTS = st.sampled_from(["", " if p.ok", " if p.v > 1", " if not p.ok and p.v != 0"])
BOOLEANS = st.one_of(
    st.sampled_from(["flag", "x > 0", "level in ('甲', '乙')", "t == 'a'", "True", "y >= x"]),
    st.tuples(st.sampled_from(["x", "y", "x / y", "len(t)"]),
              st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
              st.sampled_from(["0", "1.5", "x", "1e18", "-3"])).map(" ".join),
)
NUMERIC = _grammar(
    st.one_of(st.sampled_from(["x", "y", "x", "len(rows)", "len(t)", "0", "1", "0.5", "-2",
                               "1e18", "1e-18", "100"]),
              st.tuples(st.sampled_from(["sum", "count", "mean", "max", "min"]), ROW_NUMBERS,
                        ROW_TESTS).map(lambda t: f"{t[0]}({t[1]} for p in rows{t[2]})")),
    _numeric, 3)
"""Expressions the checker should mostly accept: numbers from the inputs, our functions with
their arity, generators over ``rows``, conditionals."""
EXPRESSIONS = st.sampled_from([NUMERIC, NUMERIC, ANYTHING]).flatmap(lambda grammar: grammar)
"""Two parts meant to load, one part anything (``one_of`` would weigh each grammar by how many
alternatives it has, so ANYTHING's many would win)."""
NOISE = st.text(st.characters(codec="utf-8"), max_size=40)

# --- records -----------------------------------------------------------------------------------

ODD_NUMBERS = st.one_of(
    st.integers(-10**20, 10**20),
    st.decimals(allow_nan=True, allow_infinity=True, places=6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["1e400", "-0", "86%", "NaN", "", "x", "0", "1e-19", "1" * 60, True]),
)
ROWS = st.lists(st.fixed_dictionaries(
    {"v": st.one_of(st.integers(-5, 5), st.sampled_from(["1.5", "1e18", "nan"])),
     "ok": st.booleans()}), max_size=8)
ODD_RECORDS = st.fixed_dictionaries({}, optional={
    "x": ODD_NUMBERS, "y": ODD_NUMBERS, "t": st.one_of(st.text(max_size=30), ODD_NUMBERS),
    "level": st.sampled_from(["甲", "乙", "丙", "丁", 1]), "flag": st.one_of(st.booleans(), NOISE),
    "rows": st.one_of(ROWS, st.just("rows"), st.lists(st.integers(), max_size=2)),
    "__class__": st.integers(), "\x1b": st.integers()})
SANE = st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False,
                   allow_infinity=False)
GOOD_RECORDS = st.fixed_dictionaries(
    {"x": st.one_of(SANE, st.sampled_from(["1e18", "0", "1e-18", "-0"]))},
    optional={"y": SANE, "t": st.text(max_size=10), "level": st.sampled_from(["甲", "乙", "丙"]),
              "flag": st.booleans(), "rows": ROWS})
RECORDS = st.sampled_from([GOOD_RECORDS, GOOD_RECORDS, ODD_RECORDS]).flatmap(lambda r: r)

INPUTS = {
    "x": {"type": "number"}, "y": {"type": "number", "required": False},
    "t": {"type": "text", "required": False},
    "level": {"type": "choice", "options": ["甲", "乙", "丙"], "required": False},
    "flag": {"type": "bool", "required": False},
    "rows": {"type": "list", "required": False,
             "of": {"v": {"type": "number"}, "ok": {"type": "bool"}}},
}


def _scheme(expression: str, where: str) -> str:
    leaf: dict[str, Any] = {"id": "a", "name": "A", "points": 100}
    if where == "formula":
        leaf["score"] = {"formula": expression}
    elif where == "value":
        leaf.update(value=expression, target="1", score="ratio")
    elif where == "tier":
        leaf.update(value="x", score={"tiers": [{"if": expression, "points": 100},
                                                {"else": 0}]})
    else:
        leaf.update(value="x", target="1", score="ratio")
    document = {"perfscore": 1, "id": "fuzz", "edition": 1, "title": "fuzz", "locale": "en",
                "inputs": INPUTS, "indicators": [leaf]}
    if where == "let":
        document["let"] = {"z": expression}
        leaf.update(value="coalesce(z, x)" if "rows" not in expression else "x")
    if where == "check":
        document["checks"] = [{"rule": expression, "message": "fuzz"}]
    return json.dumps(document, ensure_ascii=False)


def within_budget(call: Callable[[], T]) -> T | perfscore.PerfscoreError:
    """``call()``, or the PerfscoreError it raised; anything else escapes and fails the test.
    Either way it must finish within ``BUDGET``."""
    start = time.perf_counter()
    try:
        outcome: T | perfscore.PerfscoreError = call()
    except perfscore.PerfscoreError as error:
        outcome = error
    assert time.perf_counter() - start < BUDGET
    return outcome


def outcome(result: perfscore.Result | perfscore.PerfscoreError) -> Any:
    """What two evaluators must agree on: the error's class, code and message, or every item's
    points and status, and the total."""
    if isinstance(result, perfscore.PerfscoreError):
        return type(result).__name__, result.code, result.message
    return result.total, [(i.id, i.points, i.status) for i in result.items], result.to_json()


@st.composite
def placed_expressions(draw: st.DrawFn) -> tuple[str, str]:
    """(expression, where it is written): numbers where numbers go, tests where tests go,
    mostly; anything at all, sometimes."""
    where = draw(st.sampled_from(["formula", "value", "tier", "let", "check"]))
    fitting = BOOLEANS if where in ("tier", "check") else NUMERIC
    return draw(draw(st.sampled_from([fitting, fitting, fitting, ANYTHING, NOISE]))), where


@FUZZ
@given(placed=placed_expressions(), records=st.lists(RECORDS, min_size=1, max_size=3))
def test_any_expression_loads_or_fails_cleanly_and_scores_alike(
        placed: tuple[str, str], records: list[dict[str, Any]]) -> None:
    expression, where = placed
    scheme = within_budget(lambda: perfscore.loads(_scheme(expression, where), file=FILE))
    if isinstance(scheme, perfscore.PerfscoreError):
        event(f"refused at load: {scheme.code}")
        return
    for record in records:
        fast = within_budget(lambda r=record: scheme.score(r))  # type: ignore[misc]
        reference = within_budget(
            lambda r=record: scheme.score(r, reference=True))  # type: ignore[misc]
        assert outcome(fast) == outcome(reference)
        event("scored" if isinstance(fast, perfscore.Result) else f"rejected: {fast.code}")
        if isinstance(fast, perfscore.Result):
            within_budget(fast.to_json)
            within_budget(fast.explain)


# --- YAML trees shaped like schemes ----------------------------------------------------------

KEYS = ["perfscore", "id", "edition", "title", "locale", "settings", "inputs", "let", "checks",
        "indicators", "grades", "cases", "extends", "remove", "basis", "name", "points",
        "children", "value", "target", "score", "unit", "kind", "missing", "review", "explain",
        "type", "of", "options", "min", "max", "required", "default", "label", "rule",
        "message", "tiers", "if", "else", "ratio", "formula", "x", "rows", "__class__", "<<",
        "tіtle", "a" * 200]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**40, 10**40), NUMBERS, EXPRESSIONS, NOISE,
    st.sampled_from(["ratio", "formula", "tiers", "number", "list", "zh-CN", "en", ">= 0.5",
                     "[0, 1)", "{name} {value}", "{value.__class__}", ".nan", "-.inf", "~",
                     "no", "012", "1:30", "!!python/object:os.system", "../../etc/passwd"]),
)


def _tree(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.lists(leaves, max_size=4),
                     st.dictionaries(st.sampled_from(KEYS), leaves, max_size=6))


TREES = _grammar(SCALARS, _tree, 3)


METHODS = st.one_of(
    st.sampled_from(["ratio", "reverse", "equal", {"ratio": {"cap": 1.2}},
                     {"reverse": {"variant": "inverse"}},
                     {"deduct": {"above": 1, "per": 0.01, "points": 0.5}},
                     {"deduct": {"below": 1, "per": 0.05, "points": 2, "steps": "ceil"}},
                     {"linear": [[0, 0], [1, 100]]}]),
    st.fixed_dictionaries({"formula": NUMERIC}),
    st.one_of(BOOLEANS, st.sampled_from([">= 0.5", "[0, 1)", "(-inf, 2]", "== 1"])).map(
        lambda test: {"tiers": [{"if": test, "points": 5}, {"else": 0}]}),
)
LEAVES = st.fixed_dictionaries(
    {"name": st.sampled_from(["A", "指标", "A\tB", "A" * 300]),
     "points": st.sampled_from([5, 10, "2.5"]), "value": NUMERIC, "target": NUMERIC,
     "score": METHODS},
    optional={"kind": st.sampled_from(["base", "bonus", "penalty"]),
              "missing": st.sampled_from(["exclude", "zero", "error"]),
              "explain": st.sampled_from(["{name}: {value} of {target}", "{points}/{max}"]),
              "review": st.just({"over_target": 1.2})})


@st.composite
def scheme_documents(draw: st.DrawFn) -> Any:
    """A scheme built to load, then as many as three of its parts replaced by random trees."""
    leaves = draw(st.lists(LEAVES, min_size=1, max_size=4))
    for index, leaf in enumerate(leaves):
        leaf["id"] = f"l{index}"
    document: dict[str, Any] = {
        "perfscore": 1, "id": "fuzz", "edition": draw(st.integers(2000, 2030)),
        "title": "fuzz", "locale": draw(st.sampled_from(["en", "zh-CN"])), "inputs": INPUTS,
        "let": draw(st.dictionaries(st.sampled_from(["z", "w"]), NUMERIC, max_size=2)),
        "indicators": leaves,
    }
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):
        part = draw(st.sampled_from([document, *leaves]))
        part[draw(st.sampled_from(KEYS))] = draw(TREES)
    return document


def _yaml_text(document: Any, flow: bool) -> str:
    return yaml.safe_dump(json.loads(json.dumps(document, default=str)), allow_unicode=True,
                          default_flow_style=flow, sort_keys=False)


@st.composite
def edited(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few random cuts and insertions of YAML syntax, or none."""
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2, 3]))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.one_of(NOISE, st.sampled_from(
            ["&a ", "*a", "[", "]", "{", "}", ": ", "\n  ", "- ", "!!str ", "? ", "---\n",
             "&a [*a]", "'", '"', "#", "\t", "\x07", "\\e", "<<: *a\n"]))).replace("\x00", "")
        cut = draw(st.integers(0, 5))
        text = text[:at] + piece + text[at + cut:]
    return text


@FUZZ
@given(document=scheme_documents(), flow=st.booleans(), data=st.data(),
       records=st.lists(RECORDS, max_size=2))
def test_any_scheme_like_yaml_loads_or_fails_cleanly(
        document: Any, flow: bool, data: st.DataObject, records: list[dict[str, Any]]) -> None:
    text = data.draw(edited(_yaml_text(document, flow)))
    scheme = within_budget(lambda: perfscore.loads(text, file=FILE))
    event("loaded" if isinstance(scheme, perfscore.Scheme) else f"refused: {scheme.code}")
    if isinstance(scheme, perfscore.PerfscoreError):
        assert all(isinstance(e, perfscore.SchemeError) for e in scheme.errors)
        assert all(e.file == FILE for e in scheme.errors)
        return
    for record in records:
        result = within_budget(lambda r=record: scheme.score(r))  # type: ignore[misc]
        if isinstance(result, perfscore.Result):
            within_budget(result.to_json)


@FUZZ
@given(text=st.text(st.sampled_from("[]{}:,-&*!|>'\"#?\n \t\\ax1.e%~"), max_size=200))
def test_any_yaml_fragment_fails_cleanly(text: str) -> None:
    within_budget(lambda: perfscore.loads(text, file=FILE))


def test_the_grammar_reaches_what_it_should() -> None:
    """The strategies are only as good as what they produce: they must reach valid schemes,
    scores and refusals alike (a strategy that only made syntax errors would prove nothing)."""
    kinds: set[str] = set()

    @settings(max_examples=300, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(expression=st.sampled_from([NUMERIC, ANYTHING]).flatmap(lambda grammar: grammar))
    def probe(expression: str) -> None:
        scheme = within_budget(lambda: perfscore.loads(_scheme(expression, "formula")))
        if isinstance(scheme, perfscore.PerfscoreError):
            kinds.update(e.code or "" for e in scheme.errors)
            return
        result = within_budget(lambda: scheme.score({"x": 2, "rows": [{"v": 1, "ok": True}]}))
        kinds.add("scored" if isinstance(result, perfscore.Result) else result.code or "")

    probe()
    assert {"scored", "PS101", "PS102", "PS103", "PS104", "PS105"} <= kinds
