"""Admitting a record without pydantic: a function generated from a scheme's inputs that turns
a plain dict of input values into the scope ``scope_of(model.model_validate(record))`` gives —
the same keys, values and types — or None when a value is not one it knows to take.

Validating a record with the pydantic model and turning it into plain values was a fifth of
the time scoring it took. Most records hold ints, floats, text and bools of the kinds their
inputs expect, and for those every rule the model applies is a few inline comparisons; text
and Decimals go through the very function the model's field reads them with. Anything else (a
list, a value of another type, a bound broken, an unknown key) is None, and the model then
validates the record as before: it stays the one place that accepts the rest and words every
error. tests/test_admit.py checks on generated records that whatever this accepts, the model
accepts with the same scope.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

from .._common.limits import MAX_NUMBER_DIGITS, MAX_NUMBER_EXPONENT, MAX_TEXT_LENGTH
from .._expr.functions import Absent
from .._source.format import InputSpec
from .record import build_model, reader, scope_of

Admit = Callable[[dict[str, Any]], dict[str, Any] | None]
"""A plain dict of a record's inputs to its scope, or None: the model validates it."""

T = TypeVar("T")

Quick = Callable[[dict[str, Any]], "tuple[dict[str, Any], Any] | None"]
"""``build_then``'s function: a plain dict of a record's inputs to (its scope, what follows),
or None: the model validates it."""

_INT_LIMIT = 10 ** (MAX_NUMBER_EXPONENT + 1)
"""An int below this in magnitude is a bounded number (``to_decimal``'s own shortcut)."""

_MISSING = object()

_NUMBERS = frozenset(("number", "percent"))

_DECIMAL_TEXT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
"""A number as a CSV cell writes it most often: what ``number_text`` leaves as it is, and
``Decimal`` reads exactly; anything else written goes through the field's reader."""
_WHOLE_TEXT = re.compile(r"-?[0-9]+")


def build_admit(inputs: Mapping[str, InputSpec], extra: str) -> Admit:
    """The admit function of records with these ``inputs`` (``extra``: the scheme's
    ``extra_inputs``), for the model ``build_model`` makes of the same.

    Generated as one function, each input's checks inline: a closure per input, called in
    turn, took a fifth longer on the benchmark's records."""
    made = _written(inputs, extra, "    return _s")
    return refuse if made is None else cast(Admit, made)


def build_then(inputs: Mapping[str, InputSpec], extra: str, then: Callable[..., T],
               *args: Any) -> Callable[[dict[str, Any]], tuple[dict[str, Any], T] | None]:
    """The admit function followed by ``then(scope, *args)``, in one: (the scope, what
    ``then`` gives), or None where the model is to read the record. For a stream of records
    with nothing but their inputs, the scheme's generated scorer is ``then``, and the calls
    and tests of ``Scheme._score`` and ``Scorer.score`` between the two are left out."""
    arguments = "".join(f", _arg{index}" for index in range(len(args)))
    made = _written(inputs, extra, f"    return _s, _then(_s{arguments})", _then=then,
                    **{f"_arg{index}": arg for index, arg in enumerate(args)})
    return refuse if made is None else made


def _written(inputs: Mapping[str, InputSpec], extra: str, last: str, **names: Any
             ) -> Callable[[dict[str, Any]], Any] | None:
    """The generated function admitting a record into ``_s`` and ending with ``last``; None
    for inputs only the model reads (a required list)."""
    namespace: dict[str, Any] = {
        "_D": Decimal, "_int": int, "_float": float, "_str": str,
        "_bool": bool, "_date": datetime.date, "_datetime": datetime.datetime,
        "_M": _MISSING, "_L": _INT_LIMIT, "_E": MAX_NUMBER_EXPONENT + 1,
        "_TEXT": MAX_TEXT_LENGTH, "_KNOWN": frozenset(inputs), "_DIGITS": MAX_NUMBER_DIGITS,
        "_decimal_text": _DECIMAL_TEXT.fullmatch, "_whole_text": _WHOLE_TEXT.fullmatch,
        **names}
    missing = _when_missing(inputs)
    lines = ["def admit(r):", "    g = r.get"]
    if extra == "reject":  # an unknown key: the model words the error
        lines.append("    if not _KNOWN.issuperset(r): return None")
    for index, (name, spec) in enumerate(inputs.items()):
        namespace[f"_read{index}"] = reader(spec)
        namespace[f"_min{index}"] = spec.min
        namespace[f"_max{index}"] = spec.max
        namespace[f"_options{index}"] = frozenset(spec.options or ())
        branches = _present(spec, index)
        if not (spec.required and spec.default is None):  # None is absent, even with a default
            namespace[f"_absent{index}"] = Absent(name)
            branches.append(("x is None", [f"v{index} = _absent{index}"]))
        if name in missing:
            namespace[f"_default{index}"] = missing[name]
            branches.append(("x is _M", [f"v{index} = _default{index}"]))
        if not branches:  # a required list: the model reads every record
            return None
        lines += [f"    x = g({name!r}, _M)", "    t = type(x)"]
        for number, (condition, body) in enumerate(branches):
            lines.append(f"    {'if' if number == 0 else 'elif'} {condition}:")
            lines += [f"        {line}" for line in body]
        lines += ["    else:", "        return None"]
    lines.append("    _s = {" + ", ".join(f"{name!r}: v{index}"
                                          for index, name in enumerate(inputs)) + "}")
    lines.append(last)
    exec(compile("\n".join(lines), "<perfscore admit>", "exec"), namespace)  # our template
    admit: Callable[[dict[str, Any]], Any] = namespace["admit"]
    return admit


def refuse(record: dict[str, Any]) -> None:
    """An admit function that takes no record: for inputs with a required list, which only
    the model reads."""


def _present(spec: InputSpec, index: int) -> list[tuple[str, list[str]]]:
    """The branches that read a value the record gives into ``v{index}``: (condition,
    statements), each returning None for what it cannot take."""
    v, read = f"v{index}", f"_read{index}"
    through_reader = ["try:", f"    {v} = {read}(x)", "except Exception:", "    return None"]
    # plain digits as ``to_decimal`` reads them: a bounded magnitude, no negative zero (a
    # percent's text is a fraction or a percent by its own rules: the reader reads it)
    plain_text = [] if spec.type != "number" else [
        ("t is _str and len(x) <= _DIGITS and _decimal_text(x)", [
            f"{v} = _D(x)",
            f"if not {v}: {v} = {v}.copy_abs()",
            f"elif not -_E < {v}.adjusted() < _E: return None",
            *_bounds(spec, index, v)])]
    if spec.type in _NUMBERS:
        return [*plain_text,  # ints and floats as ``to_decimal`` reads them, inline (a
            # float's str is its repr, and ``str`` is called faster than ``float.__repr__``)
            ("t is _float", [f"{v} = _D(_str(x))",
                             f"if not {v}.is_finite() or not -_E < {v}.adjusted() < _E:",
                             "    return None",
                             f"if not {v}: {v} = {v}.copy_abs()",  # no -0.0
                             *_bounds(spec, index, v)]),
            ("t is _int", ["if not -_L < x < _L: return None", f"{v} = _D(x)",
                           *_bounds(spec, index, v)]),
            ("t is _str or t is _D", [*through_reader, *_bounds(spec, index, v)])]
    if spec.type == "integer":
        return [
            ("t is _int", ["if not -_L < x < _L: return None", *_bounds(spec, index, "x"),
                           f"{v} = _D(x)"]),
            ("t is _str and len(x) <= _DIGITS and _whole_text(x)", [
                "w = _int(x)", "if not -_L < w < _L: return None", *_bounds(spec, index, "w"),
                f"{v} = _D(w)"]),
            ("t is _str or t is _float or t is _D", [
                "try:", f"    w = {read}(x)", "except Exception:", "    return None",
                *_bounds(spec, index, "w"), f"{v} = _D(w)"])]
    if spec.type == "bool":
        return [("t is _bool", [f"{v} = x"]), ("t is _str", through_reader)]
    if spec.type == "date":
        return [("t is _date", [f"{v} = x"]), ("t is _str or t is _datetime", through_reader)]
    if spec.type == "text":
        return [("t is _str", ["if len(x) > _TEXT: return None", f"{v} = x"])]
    if spec.type == "choice":
        return [(f"t is _str and x in _options{index}", [f"{v} = x"])]
    return []  # rows and lists: the model reads them


def _bounds(spec: InputSpec, index: int, value: str) -> list[str]:
    """The input's bounds on ``value``, as the model's ``ge`` and ``le``."""
    return ([f"if {value} < _min{index}: return None"] if spec.min is not None else []) + \
        ([f"if {value} > _max{index}: return None"] if spec.max is not None else [])


def _when_missing(inputs: Mapping[str, InputSpec]) -> dict[str, Any]:
    """What the scope holds for each optional input a record leaves out: ``Absent`` for one
    without a default (as the model's None becomes), and its default as the model validates
    it, found by the model of the inputs with defaults alone (a scheme whose default its
    input refuses does not load: ``record.refused_defaults``). An input whose default is a
    list (each record gets its own) is not here: a record that leaves it out goes to the
    model."""
    optional = [name for name, spec in inputs.items()
                if not (spec.required and spec.default is None)]
    found: dict[str, Any] = {name: Absent(name) for name in optional
                             if inputs[name].default is None}
    defaulted = {name: inputs[name] for name in optional if name not in found}
    if not defaulted:  # building a model costs a millisecond per input
        return found
    scope = scope_of(build_model("Defaults", defaulted, extra="ignore").model_validate({}))
    return {**found, **{name: value for name, value in scope.items()
                        if not isinstance(value, list)}}
