"""How one value of a record is read: exact numbers (text, floats, numpy scalars), percents,
figures written with a unit, whole numbers, truth words, dates and text — each refusal a pydantic
error whose type the catalogue words (``FIELD_PROBLEMS_ZH``/``_EN``) — and the patterns the
record's JSON Schema gives for what text may hold.

The record model (``record``) and a 自评表 row (``rows``) read their values through these.
"""

from __future__ import annotations

import datetime
import numbers
import operator
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pydantic_core import PydanticCustomError

from .._common.dates import to_date
from .._common.limits import MAX_NUMBER_DIGITS, MAX_NUMBER_EXPONENT
from .._common.numbers import NumberError, from_percent, plain, to_decimal
from .._common.text import quoted
from .._common.units import UnitError, in_unit

_RANGE = ("ps_range", "is out of range (at most {digits} significant digits, magnitude from "
          "1e-{exponent} to below 1e{above})",
          {"digits": MAX_NUMBER_DIGITS, "exponent": MAX_NUMBER_EXPONENT,
           "above": MAX_NUMBER_EXPONENT + 1})


def read_with(convert: Callable[[Any], Decimal], value: Any) -> Decimal:
    """``convert(value)``, its refusal as the pydantic error that says which rule the value
    broke, echoing text that is not a number. Whatever a caller's number-like object raises
    is a refusal too: nothing but a record error leaves validation."""
    try:
        return convert(value)
    except NumberError as exc:
        kind = exc.kind
    except (ArithmeticError, TypeError, ValueError):
        kind = "number"
    if kind == "finite":
        raise PydanticCustomError("ps_finite", "must be a finite number")
    if kind == "range":
        raise PydanticCustomError(*_RANGE)
    if isinstance(value, str):
        raise PydanticCustomError("ps_text", "{text} is not a number", {"text": quoted(value)})
    raise PydanticCustomError("ps_number", "must be a number")


def number_value(value: Any) -> Decimal:
    return read_with(to_decimal, value)


def measured_value(unit: str, value: Any) -> Decimal:
    """A number in ``unit``, or text written in another unit of its kind (``"12000万元"``
    for an input in 亿元), converted exactly."""
    try:
        value = in_unit(value, unit)
    except UnitError as exc:
        raise PydanticCustomError("ps_unit", "is written in {written}, which cannot be "
                                  "converted to its unit {unit}",
                                  {"written": exc.written, "unit": exc.unit}) from None
    except NumberError:
        pass  # refused below, as the same text in any other number field would be
    return number_value(value)


def percent_value(value: Any) -> Decimal:
    """A fraction: ``0.8605``, or the text ``"86.05%"`` (exactly 0.8605)."""
    return read_with(from_percent, value)


_TRUTH = {"true": True, "false": False, "是": True, "否": False, "yes": True, "no": False,
          "1": True, "0": False}


def bool_value(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in _TRUTH:
        return _TRUTH[value.strip().lower()]
    if isinstance(value, bool):
        return value
    raise PydanticCustomError("ps_bool", "must be true or false")


def whole_value(value: Any) -> int:
    """A whole number, read and bounded as every number is (text, floats, numpy integers);
    ``true`` is no count."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "must be a whole number")
    try:
        number = number_value(value)
    except PydanticCustomError as exc:
        if exc.type in ("ps_range", "ps_finite"):
            raise
        if exc.type == "ps_text":
            raise PydanticCustomError("ps_text_whole", "{text} is not a whole number",
                                      exc.context) from None
        raise PydanticCustomError("int_type", "must be a whole number") from None
    if number != number.to_integral_value():
        raise PydanticCustomError("int_from_float", "must be a whole number")
    return int(number)


def date_value(value: Any) -> datetime.date:
    """A date: ``2023-12-31``, ``2023/12/31``, ``2023年12月31日``, or a date as a
    spreadsheet or a program gives it."""
    try:
        return to_date(value)
    except ValueError:
        if not isinstance(value, str):  # nothing written to quote: a blank (None), a number
            raise PydanticCustomError("ps_date_type",
                                      "must be a date (write 2023-12-31)") from None
        raise PydanticCustomError("ps_date", "{text} is not a date (write 2023-12-31)",
                                  {"text": quoted(value)}) from None


def choice_value(value: Any) -> Any:
    """A choice's value: text as it is; a number as the text a scheme's option written as a
    number is (``options: [2023, 2024]`` are ``"2023"`` and ``"2024"``), so ``2024``,
    ``2024.0`` and ``"2024"`` all choose it. Whatever else is refused as none of the
    options."""
    if isinstance(value, str | bool) or not isinstance(value, numbers.Real | Decimal):
        return value
    try:
        return plain(to_decimal(value))
    except NumberError:
        return value


_TEXT_BITS = 3_000
"""The longest whole number a text input takes as its digits (about 900): Python refuses to
write one of more than 4,300, in words that would reach the user."""


def text_value(value: Any) -> Any:
    """A text input's value: text as it is; a number as its text, written out (``3.5`` for a
    spreadsheet's number cell, ``0.0000001`` for YAML's ``0.0000001``, not ``1E-7``); a date
    as ``2023-12-31`` (a spreadsheet's date cell, YAML's unquoted date), with its time when
    it has one. Whatever else, and a number that is not finite, is refused as not text."""
    if isinstance(value, str | bool):
        return value
    if isinstance(value, numbers.Integral):  # an account number may be long: its digits
        whole = operator.index(value)
        return str(whole) if whole.bit_length() <= _TEXT_BITS else value
    if isinstance(value, numbers.Real | Decimal):  # a bounded number, as any input's
        try:
            return format(to_decimal(value), "f")
        except NumberError:  # not finite, or past any number's bounds: refused as no text
            return value
    if isinstance(value, datetime.datetime):
        return (value.date().isoformat() if value.timetz() == datetime.time()
                else value.isoformat(" "))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# What the record model accepts as text, for the JSON Schema: a number as ``number_text``
# reads it (ASCII or full-width digits, thousands in groups of three), a percent, a whole
# number, and the words a bool may be written with.
_DIGIT = "[0-9０-９]"
_WHOLE = rf"[-+－＋]?({_DIGIT}{{1,3}}([,，]{_DIGIT}{{3}})+|{_DIGIT}+)"
NUMBER = rf"({_WHOLE}([.．]{_DIGIT}*)?|[-+－＋]?[.．]{_DIGIT}+)([eE][-+]?[0-9]+)?"
NUMBER_TEXT = rf"^\s*{NUMBER}\s*$"
PERCENT_TEXT = rf"^\s*{NUMBER}\s*[%％]\s*$"
DATE_TEXT = r"^\s*[0-9]{4}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}\s*日?\s*$"
WHOLE_TEXT = rf"^\s*{_WHOLE}([.．]0*)?([eE]\+?[0-9]+)?\s*$"


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c}]" if c.isascii() and c.isalpha() else re.escape(c)
                   for c in word)


BOOL_TEXT = rf"^\s*({'|'.join(map(_any_case, _TRUTH))})\s*$"
