"""Python's builtins as names or calls: ``vars()``, ``getattr``, ``eval``, ``open``, ``type``,
``globals()``; and simpleeval's own defaults (``rand``, ``randint``, ``int``, ``float``), which
would make scores random or reach Python types.

Only the ten functions of SPEC §2.3 exist; every other name is unknown unless the scheme
declares it, and a declared input named like a builtin is only a number. Refused at load.
"""

from __future__ import annotations

import pytest

from tests.security.sandbox import expression_error, isolated, scheme


def unknown_function(name: str) -> tuple[str, str, str]:
    return ("ExpressionError", "PS103", f"unknown function {name!r}")


def unknown_name(name: str) -> tuple[str, str, str]:
    return ("ExpressionError", "PS101", f"unknown name {name!r}")


@pytest.mark.parametrize(("expression", "outcome"), [
    ("vars()", unknown_function("vars")),
    ("vars", unknown_name("vars")),
    ("getattr(x, '__class__')", unknown_function("getattr")),
    ("getattr", unknown_name("getattr")),
    ("setattr(x, 'a', 1)", unknown_function("setattr")),
    ("eval('1')", unknown_function("eval")),
    ("exec", unknown_name("exec")),
    ("compile", unknown_name("compile")),
    ("open('/etc/passwd')", unknown_function("open")),
    ("type(x)", unknown_function("type")),
    ("globals()", unknown_function("globals")),
    ("locals()", unknown_function("locals")),
    ("dir()", unknown_function("dir")),
    ("breakpoint()", unknown_function("breakpoint")),
    ("input()", unknown_function("input")),
    ("print(x)", unknown_function("print")),
    ("rand()", unknown_function("rand")),
    ("randint(1)", unknown_function("randint")),
    ("int(x)", unknown_function("int")),
    ("float(x)", unknown_function("float")),
    ("list(rows)", unknown_function("list")),
    ("len", ("ExpressionError", "PS103", "len is a function: call it, len(...)")),
])
def test_builtins_are_unknown(expression: str, outcome: tuple[str, str, str]) -> None:
    assert expression_error(expression) == outcome


def test_an_input_named_like_a_builtin_is_just_a_number() -> None:
    text = scheme(inputs={"getattr": {"type": "number"}, "vars": {"type": "number"}},
                  indicators=[{"id": "a", "name": "A", "points": 100,
                               "score": {"formula": "getattr + vars"}}])
    (total, called) = isolated(f"""
        scheme = perfscore.loads({text!r}, file="s.yaml")
        """, "scheme.score({'getattr': 30, 'vars': 12}).total",
        f"perfscore.loads({text.replace('getattr + vars', 'getattr(vars)')!r})")
    assert total.value == "Decimal('42.00')"
    assert called.raised == unknown_function("getattr")
