"""Comprehension bombs: generators nested over a 10,000-row list (10⁸ row visits), many heavy
generators in one scheme, and text searches (``p.name in t``) over long texts — each cheap to
write and each a way to stall a batch on one record.

What they cost depends on the record, so it is paid from one budget per record
(``MAX_RECORD_STEPS``): running out is a RecordError (PS305) for that record, in a fraction of a
second, on the compiled path and the reference evaluator alike; a smaller record of the same
scheme scores, and so does the next record scored.
"""

from __future__ import annotations

from tests.security.sandbox import formula, isolated, scheme

TEXTS = {"t": {"type": "text"}, "rows": {"type": "list", "of": {"name": {"type": "text"}}}}
SCHEMES = {
    "NESTED": formula("sum(sum(q.v for q in rows) for p in rows) / 10000"),
    "HEAVY": scheme(indicators=[
        {"id": f"a{i}", "name": "A", "points": 10,
         "score": {"formula": "sum(p.v * p.v + p.v * p.v + p.v * p.v for p in rows if p.ok)"}}
        for i in range(10)]),
    "SEARCH": scheme(inputs=TEXTS, indicators=[
        {"id": f"a{i}", "name": "A", "points": 1,
         "score": {"formula": "count(p for p in rows if p.name in t)"}} for i in range(40)]),
}
SETUP = "\n".join(f"{name} = perfscore.loads({text!r}, file='s.yaml')"
                  for name, text in SCHEMES.items()) + """
LONG = {'x': 1, 'rows': [{'v': 1, 'ok': True}] * 10000}
SHORT = {'x': 1, 'rows': [{'v': 1, 'ok': True}] * 300}
TEXT = {'t': 'ab' * 4999 + 'c',
        'rows': [{'name': 'ab' * 2000 + 'c' + str(i)} for i in range(10000)]}
"""


def too_large(expression: str) -> tuple[str, str, str]:
    return ("RecordError", "PS305", "the record is too large to score: its lists and texts cost "
            f"more than 2,000,000 steps (reached at `{expression}`)")


def test_a_record_too_large_for_its_scheme_is_rejected_fast() -> None:
    cases = {"NESTED.score(LONG{})": too_large("sum(sum(q.v for q in rows) for p in rows) / 10000"),
             "HEAVY.score(LONG{})": too_large(
                 "sum(p.v * p.v + p.v * p.v + p.v * p.v for p in rows if p.ok)"),
             "SEARCH.score(TEXT{})": too_large("count(p for p in rows if p.name in t)")}
    outcomes = isolated(SETUP, *(case.format(reference) for case in cases
                                 for reference in ("", ", reference=True")))
    expected = [outcome for outcome in cases.values() for _ in range(2)]
    assert [o.raised for o in outcomes] == expected
    # the heavy scheme's first five leaves fit in the budget, the sixth does not
    assert [o.where for o in outcomes] == ["a", "a", "a5", "a5", "a0", "a0"]


def test_the_budget_is_per_record() -> None:
    outcomes = isolated(SETUP, "NESTED.score(LONG)", "NESTED.score(SHORT).total",
                        "NESTED.score(SHORT, reference=True).total", "HEAVY.score(SHORT).total")
    assert outcomes[0].code == "PS305"
    # 300 × 300 rows of 1 is 90,000, / 10000 is 9 points; 10 leaves of 300 × 3 capped at 10
    assert [o.value for o in outcomes[1:]] == [
        "Decimal('9.00')", "Decimal('9.00')", "Decimal('100.00')"]


def test_text_searches_without_a_generator_pay_too() -> None:
    """A scheme with no generator still gets a budget if it searches text: 100 checks of 40
    searches through 10,000 characters each are 2.5 million steps."""
    rule = " and ".join(["u in t"] * 40)
    text = scheme(inputs={"t": {"type": "text"}, "u": {"type": "text"}, "x": {"type": "number"}},
                  checks=[{"rule": rule, "message": "m"}] * 100)
    outcomes = isolated(f"S = perfscore.loads({text!r}, file='s.yaml')\n"
                        "R = {'x': 1, 't': 'ab' * 4999 + 'c', 'u': 'ab' * 4999 + 'c'}",
                        "S.score(R)", "S.score(R, reference=True)",
                        "S.score({**R, 'u': 'c'}).total")
    assert [o.raised for o in outcomes[:2]] == [too_large(rule)] * 2
    assert outcomes[2].value == "Decimal('1.00')"  # the formula x, of a smaller record
