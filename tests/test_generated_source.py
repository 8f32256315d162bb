"""The generated scorer: what it is made of, and that a developer can read it."""

from __future__ import annotations

import ast
import gc

import pytest

import perfscore
from perfscore._score.codegen import _INLINED_LEAVES, generate

MARK = "ZQX"  # written into every text of the scheme that is not a name

SCHEME = f"""
perfscore: 1
id: demo.marks
edition: "2024"
title: "{MARK} title"
inputs:
  done: {{type: number, label: "{MARK} done", unit: "{MARK}u"}}
  plan: {{type: number, label: "{MARK} plan"}}
  level: {{type: choice, options: ["{MARK}a", "{MARK}b"]}}
  ok: {{type: bool}}
let:
  rate: done / plan
checks:
  - {{rule: "plan > 0", message: "{MARK} plan must be positive"}}
  - {{rule: "level != '{MARK}b' or ok", message: "{MARK} b needs ok"}}
indicators:
  - id: output
    name: "{MARK} output"
    children:
      - {{id: rate_of, name: "{MARK} rate", points: 10, value: rate, target: 1, score: ratio,
          explain: "{MARK} {{value}}"}}
      - id: level_of
        name: "{MARK} level"
        points: 5
        value: level
        score: {{tiers: [{{if: "value == '{MARK}a'", points: 5}}, {{else: 1}}]}}
      - {{id: ok_of, name: "{MARK} ok", points: 5, score: {{checklist: {{ok: 5}}}}}}
grades:
  - {{min: 60, label: "{MARK} pass"}}
  - {{min: 0, label: "{MARK} fail"}}
"""


def test_no_text_of_the_scheme_is_written_into_the_template() -> None:
    scheme = perfscore.loads(SCHEME)
    scorer = scheme._scorer
    settings = scheme.settings.rounding
    made = generate(scorer.compiled, scorer.context, scheme.file, settings.places,
                    settings.mode, frozenset(), frozenset(), reference=False)
    assert MARK not in made.template
    tree = ast.parse(made.template)
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assert {name for name in names if not name.startswith("_")} == {"Exception"}
    texts = {n.value for n in ast.walk(tree)
             if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert texts <= {"value", "target", "points"}
    # the expressions' own literals arrive only inside their trees: in the source, not the template
    assert f"'{MARK}b'" in made.source


def test_a_developer_can_read_the_generated_function_of_either_path() -> None:
    scheme = perfscore.loads(SCHEME)
    fast = scheme.generated_source()
    reference = scheme.generated_source(reference=True)
    assert fast.startswith("def _score(_s, _run, _file, _notes):")
    assert reference.startswith("def _score(_s, _run, _file, _notes):")
    # the ratio's points as statements in its leaf (Method.inline) on the fast path only; the
    # tiers whose test is an expression, and the checklist, call their methods on both
    assert fast.count("_p = _q.quantize(") == 1 and "_kernel" not in fast
    assert "_p = _q.quantize(" not in reference
    # arithmetic on numeric inputs is Python's own
    assert "_s['done'] / _s['plan']" in fast
    assert "_run(" in reference and "_op_Div" not in reference
    # each leaf's numbers, made an item, as the branch's, when a result is asked for its items
    assert fast.count(", _o, ") == 3 and "_scored(" not in fast and "_branch(" not in fast


def many_leaves(count: int) -> str:
    """The scheme with ``count`` one-point leaves of one rule."""
    leaves = "\n".join(
        f"      - {{id: l{n}, name: l{n}, points: 1, value: done / (plan + 1), target: 1, "
        f"score: ratio}}" for n in range(count))
    return SCHEME.split("indicators:")[0] + f"""indicators:
  - id: all
    name: all
    points: {count}
    children:
{leaves}
grades:
  - {{min: 0, label: any}}
"""


def test_equal_numbers_share_one_name() -> None:
    """Maxima, constant targets and literals equal in value and writing are bound once, and
    in a scheme of more leaves than ``_INLINED_LEAVES`` a rule's inlined points are one
    function: a scheme of many one-point leaves does not grow the function's names, nor its
    text, with every leaf."""
    count = _INLINED_LEAVES + 1
    source = perfscore.loads(many_leaves(count)).generated_source()
    assert source.count("_s['plan'] + _c1") == count and "_c2" not in source
    maxima = {line.split("(")[1].split(",")[0] for line in source.splitlines()
              if "_min(" in line}
    assert len(maxima) == 1
    assert source.count("def _kernel") == 1 and source.count("_kernel0(_v, _t, _w") == count + 1
    # up to that many, each leaf has the statements, and calls nothing for them
    source = perfscore.loads(many_leaves(_INLINED_LEAVES)).generated_source()
    assert "_kernel" not in source and source.count("_p = _q.quantize(") == _INLINED_LEAVES


HOSTILE = "x'); __import__('os').system('exit 3'); ('"


def test_a_text_in_an_expression_is_written_as_a_quoted_literal() -> None:
    """The function is compiled from text, and an expression's text constants reach it only
    through ``ast.unparse``: a literal shaped to close its quotes and run code stays the text
    it is, compared as the reference path compares it."""
    text = f"""
perfscore: 1
id: demo.hostile
edition: "2024"
title: hostile
inputs:
  level: {{type: choice, options: ["{HOSTILE}", "y"]}}
indicators:
  - id: level_of
    name: level
    points: 10
    value: |-
      10 if level == "{HOSTILE}" else 4
    score: {{linear: [[0, 0], [10, 10]]}}
grades:
  - {{min: 0, label: any}}
"""
    scheme = perfscore.loads(text)
    source = scheme.generated_source()
    assert repr(HOSTILE) in source and "__import__" not in source.replace(repr(HOSTILE), "")
    for level, points in ((HOSTILE, 10), ("y", 4)):
        for reference in (False, True):
            assert scheme.score({"level": level}, reference=reference).total == points


@pytest.mark.parametrize("enabled", [True, False])
def test_generating_leaves_the_collector_as_it_found_it(enabled: bool) -> None:
    """The collector is paused while a scorer is generated (the first score of each path
    makes it), and left as the caller had it: on, or off."""
    scheme = perfscore.loads(SCHEME, file="s.yaml")
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        for reference in (False, True):
            scheme.generated_source(reference=reference)
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_the_generated_functions_run_without_builtins() -> None:
    """Defence in depth beside the translator's checks: the scorer of either path names
    nothing it is not given, and is given no builtins at all."""
    scheme = perfscore.loads(SCHEME, file="s.yaml")
    for reference in (False, True):
        function = scheme._scorer.generated(reference=reference).function
        assert function.__globals__["__builtins__"] == {}
