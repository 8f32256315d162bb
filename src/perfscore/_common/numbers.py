"""Exact numbers: the Decimal context, parsing, rounding and display.

Everything that touches a number goes through here so that no binary float ever enters a score
and every display of a value follows one rule.
"""

from __future__ import annotations

import decimal
import functools
import numbers
import operator
import re
import threading
from collections.abc import Callable
from decimal import Decimal
from typing import Final, ParamSpec, TypeVar

from .limits import MAX_NUMBER_DIGITS, MAX_NUMBER_EXPONENT, MAX_NUMBER_TEXT, MAX_RESULT_EXPONENT

CONTEXT: Final = decimal.Context(
    prec=MAX_NUMBER_DIGITS,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
"""Bounded precision and exponent, so no expression can build a number that eats memory, and
every invalid operation raises instead of producing NaN."""

_P = ParamSpec("_P")
_R = TypeVar("_R")


def exact(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """``function`` run in ``CONTEXT``, whatever the caller's decimal context: a caller's lower
    precision or extra traps (``Rounded``) never change a score, a check or a text. Every
    public way into perfscore that computes (loading, checking, validating, scoring,
    explaining, ``to_dict``) goes through one."""
    @functools.wraps(function)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        saved = decimal.getcontext()
        ours = _contexts.__dict__.get("context")
        if ours is None:
            ours = _contexts.context = CONTEXT.copy()
        if saved is ours:  # called from perfscore's own code, already in it
            return function(*args, **kwargs)
        decimal.setcontext(ours)
        try:
            return function(*args, **kwargs)
        finally:
            decimal.setcontext(saved)
    return run


_contexts = threading.local()
"""Each thread's copy of ``CONTEXT``, swapped in by ``exact``: one copy per thread instead of
one per call (``localcontext`` copies every time, a tenth of an explanation's cost). No code
of perfscore changes a context it is given; the copy only gathers the flags of its
operations, which trap nothing."""


ROUNDING_MODES: Final = {
    "half_up": decimal.ROUND_HALF_UP,
    "half_even": decimal.ROUND_HALF_EVEN,
    "down": decimal.ROUND_DOWN,
    "up": decimal.ROUND_UP,
}

_INT_BITS: Final = 128
"""Bits of the largest int ``to_decimal`` converts: 2**128 is far beyond 28 digits already."""

_INT_LIMIT: Final = 10 ** (MAX_NUMBER_EXPONENT + 1)
"""Whole numbers below this in magnitude are bounded (at most 19 digits): no check needed."""

ZERO: Final = Decimal(0)
ONE: Final = Decimal(1)
HUNDRED: Final = Decimal(100)


def is_bounded(number: Decimal) -> bool:
    """Finite, with few enough digits and a sane magnitude (see ``_limits``)."""
    if not number.is_finite():
        return False
    if number.is_zero():
        return True
    return (
        len(number.as_tuple().digits) <= MAX_NUMBER_DIGITS
        and abs(number.adjusted()) <= MAX_NUMBER_EXPONENT
    )


class NumberError(ValueError):
    """Why a value is not a bounded number: ``kind`` is ``number`` (it is not one), ``finite``
    (NaN or an infinity) or ``range`` (too many digits, too large or too small)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


_FULL_WIDTH: Final = str.maketrans("０１２３４５６７８９．％－＋，", "0123456789.%-+,")
"""The full-width forms a Chinese spreadsheet or input method writes in a number."""
_NUMBER_TEXT: Final = re.compile(
    r"[-+]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
"""A number as text: ASCII digits, a point, a sign, an exponent, and thousands separators in
well-formed groups of three (``1,234.5``)."""
_NOT_FINITE_TEXT: Final = re.compile(r"[-+]?(?:inf(?:inity)?|s?nan[0-9]*)", re.IGNORECASE)


def number_text(text: str) -> str | None:
    """The number ``text`` writes, as ASCII text ``Decimal`` reads exactly (``" １，２３４．５ "``
    → ``1234.5``), or None when it is not one by the rule every record source shares: ASCII
    digits or their full-width forms, a point, a sign, an exponent, thousands separators only
    in groups of three, and blanks around it — no ``_``, no digits of other scripts (``𝟓``
    ``٣``), no blank inside."""
    written = text.strip().translate(_FULL_WIDTH)
    if _NUMBER_TEXT.fullmatch(written) is None:
        return None
    return written.replace(",", "")


def to_decimal(value: object) -> Decimal:
    """Convert a record or literal value exactly; floats through their shortest repr (a numpy
    ``float32`` through its own), text by ``number_text``; ``-0`` is 0, so no score or display
    ever shows a negative zero. Any ``numbers.Integral`` (``numpy.int64``) is a whole number.

    Raises NumberError (a ValueError) for anything that is not a bounded finite number: NaN,
    infinities, text such as ``"1e400"`` or ``"1_000"``, or text too long to be a number of at
    most 28 digits.
    """
    if type(value) is float:  # the common cases first: records from JSON and spreadsheets
        number = Decimal(repr(value))  # at most 17 digits
        if number.is_finite() and abs(number.adjusted()) <= MAX_NUMBER_EXPONENT:
            return number if number else number.copy_abs()
    elif type(value) is int and -_INT_LIMIT < value < _INT_LIMIT:
        return Decimal(value)
    elif type(value) is str and len(value) <= MAX_NUMBER_DIGITS:  # CSV: no more digits than this
        text = number_text(value)
        if text is not None:
            number = Decimal(text)
            if not number or abs(number.adjusted()) <= MAX_NUMBER_EXPONENT:
                return number if number else number.copy_abs()
    number = _convert(value)
    if not number.is_finite():
        raise NumberError("finite", f"{value!r} is not a finite number")
    if not is_bounded(number):
        raise NumberError("range", f"{value!r} is not a number of reasonable size")
    return number.copy_abs() if number.is_zero() else number


def _convert(value: object) -> Decimal:
    """``value`` as a Decimal, exactly, before any bound; NumberError if it is no number."""
    if isinstance(value, bool):
        raise NumberError("number", "a boolean is not a number")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, numbers.Integral):  # int, numpy.int64: anything with __index__
        whole = operator.index(value)
        if whole.bit_length() > _INT_BITS:  # converting 10**1000000 would take seconds
            raise NumberError("range", f"a whole number of {whole.bit_length():,} bits is too "
                              "large")
        return Decimal(whole)
    if isinstance(value, float):  # float's own repr: a subclass (numpy.float64) may have another
        return Decimal(float.__repr__(value))
    if isinstance(value, str | numbers.Real):  # numpy.float32: its shortest text, as a float's
        written = value if isinstance(value, str) else str(value)
        text = number_text(written) if len(written) <= MAX_NUMBER_TEXT else None
        if text is not None:
            return Decimal(text)
        if _NOT_FINITE_TEXT.fullmatch(written.strip()):
            raise NumberError("finite", f"{written!r} is not a finite number")
        if len(written) > MAX_NUMBER_TEXT and number_text(written) is not None:
            raise NumberError("range", f"text of {len(written):,} characters is too long for a "
                              "number")
        raise NumberError("number", f"{written!r} is not a number")
    raise NumberError("number", f"{type(value).__name__} is not a number")


PERCENT_SIGNS: Final = ("%", "％")


def from_percent(value: object) -> Decimal:
    """A fraction: ``0.8605``, or the text ``"86.05%"`` (exactly 0.8605), bounded as the
    fraction it is (``"1e-17%"`` is 1e-19, too small)."""
    if isinstance(value, str) and value.strip().endswith(PERCENT_SIGNS):
        fraction = to_decimal(value.strip()[:-1]).scaleb(-2, CONTEXT)
        if not is_bounded(fraction):
            raise NumberError("range", f"{value!r} is not a number of reasonable size")
        return fraction
    return to_decimal(value)


_QUANTA: Final = tuple(Decimal(1).scaleb(-places) for places in range(CONTEXT.prec))
"""``1E-places`` for every number of places that can be rounded to, made once: rounding runs
for every item of every record."""


_CENT: Final = _QUANTA[2]


def round_to(number: Decimal, places: int, mode: str = "half_up") -> Decimal:
    """Round to ``places`` decimals; ``half_up`` is 四舍五入 (12.345 → 12.35). A rounded zero
    is never negative (-0.001 → 0.00).

    A number too large to carry ``places`` decimals within the precision has none to round
    (it has at most 28 digits, all before the point) and is returned as it is.
    """
    if number.adjusted() + places >= CONTEXT.prec and number.is_finite():
        return number
    # positional arguments: keywords make a C method call several times slower
    rounded = number.quantize(_QUANTA[places], ROUNDING_MODES[mode], CONTEXT)
    return rounded if rounded else rounded.copy_abs()


def quantizing(places: int, mode: str, most: Decimal) -> tuple[Decimal, str] | None:
    """The quantum and rounding ``round_to(p, places, mode)`` quantizes any ``p`` in
    [0, ``most``] with, which the generated scorer applies in place: ``p.quantize(quantum,
    rounding, CONTEXT)`` is then ``round_to``'s result (no such ``p`` is too large to carry
    the places, and none is negative). None when ``most`` is too large for that, or
    negative."""
    if most.adjusted() + places >= CONTEXT.prec or most < 0:
        return None
    return _QUANTA[places], ROUNDING_MODES[mode]


def plain(number: Decimal) -> str:
    """Shortest exact text without exponent or trailing zeros: 16, 29.55, 0.65.

    Beyond ``1e±40`` (only a scheme computing nonsense gets there) the exponent is kept, so
    a number's text never grows with its magnitude: 1E+999.
    """
    text = str(number)
    if "E" in text:  # str() chose an exponent: only normalize and format decide the text
        normal = number.normalize(CONTEXT)
        if normal and abs(normal.adjusted()) > MAX_RESULT_EXPONENT and normal.is_finite():
            return str(normal)
        text = format(normal, "f")
    elif "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def show(number: Decimal, unit: str | None) -> str:
    """A value as the scheme's ``unit`` says: ``86.05%``, ``104.5 亿元``.

    At most 2 decimal places of the unit (a percentage to 2 places, as reports print them),
    rounded half-up, trailing zeros dropped: 37/43 shows as 86.05%, a target of 1 as 100%.
    Rounding a number with at most 2 places changes nothing, so every number is rounded.
    """
    if unit == "percent":
        number = number.scaleb(2, CONTEXT)  # × 100, exactly
    if number.adjusted() < CONTEXT.prec - 2:  # as round_to(number, 2), without the calls
        number = number.quantize(_CENT, decimal.ROUND_HALF_UP, CONTEXT)
    text = plain(number)
    if unit == "percent":
        return f"{text}%"
    return f"{text} {unit}" if unit else text
