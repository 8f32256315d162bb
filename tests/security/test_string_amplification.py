"""String and list amplification: ``'a' * 10**9``, ``join``, ``ljust``, ``%`` widths,
``to_bytes``, ``replace``, repeated tuples, and a record's own long text multiplied.

Operators take numbers only and no method can be called, so each is refused at load, or —
where only the record can say whether a value is text (``coalesce(t, x)``) — fails when
scored with an EvaluationError whose message quotes at most 40 characters of the record's
text. Run in a child with a memory limit, where a regression would die of MemoryError.
"""

from __future__ import annotations

from tests.security.sandbox import formula, isolated

METHOD = ("ExpressionError", "PS103", "only the functions abs, clamp, coalesce, count, len, max, "
          "mean, min, round, sum can be called; methods are not allowed")
CASES = {
    "'a' * 10**9": ("ExpressionError", "PS120", "`*` needs numbers, but `'a'` is text"),
    "t * 1000000000": ("ExpressionError", "PS120", "`*` needs numbers, but `t` is text"),
    "t + t": ("ExpressionError", "PS120", "`+` needs numbers, but `t` is text"),
    "('a',) * 10**9": ("ExpressionError", "PS120",
                       "`*` needs numbers, but `('a',)` is a list of values"),
    "x in (t,) * 10**9": ("ExpressionError", "PS120",
                          "`*` needs numbers, but `(t,)` is a list of values"),
    "'%4000000000d' % 1": ("ExpressionError", "PS120",
                           "`%` needs numbers, but `'%4000000000d'` is text"),
    "('a' * 100000).join('b' * 100000)": METHOD,
    "'x'.ljust(4 * 10**9)": METHOD,
    "(1).to_bytes(4 * 10**9, 'big')": METHOD,
    "t.replace('a', t)": METHOD,
    "coalesce(t, x) * 10**9": (
        "EvaluationError", "PS201", "expression `coalesce(t, x) * 10**9` failed: * needs a "
        "number, got text 'abcabcabcabcabcabcabcabcabcabcabcabcabca'…"),
}


def test_amplification_is_refused_without_allocating() -> None:
    outcomes = isolated(
        "RECORD = {'x': 5, 't': 'abc' * 3000}",
        *(f"perfscore.loads({formula(e)!r}, file='s.yaml').score(RECORD)" for e in CASES),
        memory=256 * 2**20)
    assert {e: o.raised for e, o in zip(CASES, outcomes, strict=True)} == CASES


def test_a_long_text_is_measured_not_copied() -> None:
    (outcome,) = isolated(
        f"SCHEME = perfscore.loads({formula('len(t) / 1000')!r})",
        "SCHEME.score({'x': 5, 't': '长' * 10000}).total", memory=256 * 2**20)
    assert outcome.value == "Decimal('10.00')"
