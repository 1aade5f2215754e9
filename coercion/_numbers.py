"""Exact and floating-point numbers: parsing, conversion and formatting.

Exact numbers are :class:`fractions.Fraction`; Python ints are accepted wherever a
Fraction is. Decimal strings and decimal scientific notation are read exactly
(``"0.1"`` is ``1/10``).

Examples
--------
>>> from coercion._numbers import parse_exact, format_exact
>>> parse_exact("1.5e-2")
Fraction(3, 200)
>>> format_exact(parse_exact("-6/4"))
'-3/2'
"""

from __future__ import annotations

import math
import numbers
import re
from fractions import Fraction
from typing import Any

import numpy as np

from coercion.errors import InvalidGameError

__all__ = [
    "parse_exact",
    "format_exact",
    "to_exact",
    "is_exact_number",
    "as_payoff_array",
    "as_float_array",
]

_NUMBER_RE = re.compile(
    r"""^[+-]?(
        \d+/\d+                      # rational a/b
      | (\d+\.?\d*|\.\d+)([eE][+-]?\d+)?  # integer, decimal, scientific
    )$""",
    re.VERBOSE,
)


def parse_exact(text: str) -> Fraction:
    """Read an integer, ``a/b``, decimal or scientific-notation string exactly.

    Raises
    ------
    ValueError
        If ``text`` is not such a number or has a zero denominator.
    """
    s = text.strip()
    if not _NUMBER_RE.match(s):
        raise ValueError(f"{text!r} is not a number")
    if "/" in s:
        num, den = s.split("/")
        if int(den) == 0:
            raise ValueError(f"{text!r} has a zero denominator")
        return Fraction(int(num), int(den))
    return Fraction(s)


def format_exact(value: Any) -> str:
    """Format an exact number as ``"a/b"`` (or ``"a"`` when integral)."""
    f = Fraction(value)
    if f.denominator == 1:
        return str(f.numerator)
    return f"{f.numerator}/{f.denominator}"


def is_exact_number(value: Any) -> bool:
    """True for ints and Fractions (not bools, not floats)."""
    if isinstance(value, bool | np.bool_):
        return False
    return isinstance(value, numbers.Rational)


def to_exact(value: Any, *, field: str = "value") -> Fraction:
    """Convert an int, Fraction, decimal string or finite float to a Fraction.

    Floats are converted to the Fraction of their binary value; use strings to
    give decimals exactly.
    """
    if isinstance(value, bool | np.bool_):
        raise InvalidGameError(f"boolean {value!r} is not a number", field=field)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, numbers.Integral):
        return Fraction(int(value))
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, str):
        try:
            return parse_exact(value)
        except ValueError as exc:
            raise InvalidGameError(str(exc), field=field) from None
    if isinstance(value, numbers.Real):
        x = float(value)
        if not math.isfinite(x):
            raise InvalidGameError(f"{value!r} is not finite", field=field)
        return Fraction(x)
    raise InvalidGameError(f"{value!r} is not a number", field=field)


def _check_float(x: Any, field: str) -> float:
    if isinstance(x, bool | np.bool_):
        raise InvalidGameError(f"boolean {x!r} is not a number", field=field)
    if isinstance(x, str):
        try:
            return float(parse_exact(x))
        except ValueError:
            raise InvalidGameError(f"{x!r} is not a number", field=field) from None
    if not isinstance(x, numbers.Real):
        raise InvalidGameError(f"{x!r} is not a number", field=field)
    v = float(x)
    if not math.isfinite(v):
        raise InvalidGameError(f"{x!r} is not finite", field=field)
    return v


def as_payoff_array(data: Any, *, field: str = "payoffs", exact: bool | None = None):
    """Validate ``data`` as a rectangular numeric array.

    Returns ``(array, is_exact)``: an object array of Fractions when every entry is
    an int, Fraction or number string (or ``exact=True``), else a float64 array.
    Ragged input, non-numbers, booleans, NaN and infinities raise
    :class:`~coercion.errors.InvalidGameError` naming the field and index.
    """
    if isinstance(data, np.ndarray) and data.dtype != object:
        if data.dtype.kind == "b":
            raise InvalidGameError("boolean array is not a payoff array", field=field)
        if data.dtype.kind not in "iuf":
            raise InvalidGameError(f"dtype {data.dtype} is not numeric", field=field)
        if data.dtype.kind == "f":
            bad = ~np.isfinite(data)
            if bad.any():
                idx = tuple(int(i) for i in np.argwhere(bad)[0])
                raise InvalidGameError(
                    f"{data[idx]!r} is not finite", field=f"{field}{list(idx)}"
                )
            if exact:
                arr = np.empty(data.shape, dtype=object)
                for i in np.ndindex(data.shape):
                    arr[i] = Fraction(float(data[i]))
                return arr, True
            return data.astype(np.float64, copy=True), False
        # integer arrays are exact unless exact=False
        if exact is False:
            return data.astype(np.float64), False
        arr = np.empty(data.shape, dtype=object)
        for i in np.ndindex(data.shape):
            arr[i] = Fraction(int(data[i]))
        return arr, True

    shape = _shape_of(data, field)
    flat: list[Any] = []
    _flatten(data, flat)
    all_exact = all(is_exact_number(x) or isinstance(x, str) for x in flat)
    use_exact = all_exact if exact is None else exact
    if use_exact:
        arr = np.empty(len(flat), dtype=object)
        for k, x in enumerate(flat):
            # the field name is built only for entries that need checking
            if type(x) is Fraction:
                arr[k] = x
            elif type(x) is int:
                arr[k] = Fraction(x)
            else:
                arr[k] = to_exact(x, field=_index_field(field, shape, k))
        return arr.reshape(shape), True
    out = np.empty(len(flat), dtype=np.float64)
    for k, x in enumerate(flat):
        if type(x) is float and math.isfinite(x):
            out[k] = x
        else:
            out[k] = _check_float(x, _index_field(field, shape, k))
    return out.reshape(shape), False


def as_float_array(data: Any, *, field: str = "payoffs") -> np.ndarray:
    """Validate ``data`` and return it as a finite float64 array."""
    arr, is_exact = as_payoff_array(data, field=field)
    if is_exact:
        return arr.astype(np.float64)
    return arr


def _index_field(field: str, shape: tuple[int, ...], k: int) -> str:
    if not shape:
        return field
    return f"{field}{list(np.unravel_index(k, shape))}".replace(
        "np.int64(", ""
    ).replace(")", "")


def _is_seq(x: Any) -> bool:
    return isinstance(x, list | tuple | np.ndarray)


def _shape_of(data: Any, field: str) -> tuple[int, ...]:
    if not _is_seq(data):
        return ()
    n = len(data)
    if n == 0:
        return (0,)
    subs = [_shape_of(x, f"{field}[{i}]") for i, x in enumerate(data)]
    first = subs[0]
    for i, s in enumerate(subs):
        if s != first:
            raise InvalidGameError(
                f"ragged array: entry {i} has shape {s}, entry 0 has shape {first}",
                field=field,
            )
    return (n, *first)


def _flatten(data: Any, out: list[Any]) -> None:
    if _is_seq(data):
        for x in data:
            _flatten(x, out)
    else:
        out.append(data)
