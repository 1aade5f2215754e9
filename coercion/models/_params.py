"""Validation of model parameters: exact where given exactly, float otherwise.

Every canonical model takes plain numbers. Ints, :class:`fractions.Fraction` and
number strings (``"0.1"``, ``"1/3"``) stay exact, so the closed forms come out as
Fractions; any float makes the result float.

Examples
--------
>>> from coercion.models._params import number
>>> number("0.1", "c")
Fraction(1, 10)
>>> number(0.5, "p", lower=0, upper=1)
0.5
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coercion._numbers import is_exact_number, parse_exact
from coercion.errors import InvalidParameterError

__all__ = ["Number", "number", "pair", "probability"]

Number = Fraction | float
"""A model number: exact Fraction or float."""


def number(
    value: Any,
    field: str,
    *,
    lower: Any = None,
    upper: Any = None,
    strict_lower: bool = False,
    strict_upper: bool = False,
) -> Number:
    """Validate one parameter; exact inputs give a Fraction, floats a float.

    Raises
    ------
    InvalidParameterError
        If ``value`` is not a finite real number or lies outside the bounds.
    """
    if isinstance(value, bool | np.bool_):
        raise InvalidParameterError(f"boolean {value!r} is not a number", field=field)
    out: Number
    if is_exact_number(value):
        out = Fraction(value)
    elif isinstance(value, str):
        try:
            out = parse_exact(value)
        except ValueError as exc:
            raise InvalidParameterError(str(exc), field=field) from None
    elif isinstance(value, numbers.Real):
        out = float(value)
        if not math.isfinite(out):
            raise InvalidParameterError(f"{value!r} is not finite", field=field)
    else:
        raise InvalidParameterError(f"{value!r} is not a number", field=field)
    below = lower is not None and (out <= lower if strict_lower else out < lower)
    above = upper is not None and (out >= upper if strict_upper else out > upper)
    if below or above:
        if lower is not None and upper is not None:
            left = "(" if strict_lower else "["
            right = ")" if strict_upper else "]"
            where = f"in {left}{lower}, {upper}{right}"
        elif below:
            where = f"{'>' if strict_lower else '>='} {lower}"
        else:
            where = f"{'<' if strict_upper else '<='} {upper}"
        raise InvalidParameterError(f"{value} is not {where}", field=field)
    return out


def probability(value: Any, field: str) -> Number:
    """A number in ``[0, 1]``.

    Raises
    ------
    InvalidParameterError
        If ``value`` is not a number in ``[0, 1]``.
    """
    return number(value, field, lower=0, upper=1)


def pair(value: Any, field: str, **bounds: Any) -> tuple[Number, Number]:
    """One number per side: a scalar is used for both sides.

    Raises
    ------
    InvalidParameterError
        If ``value`` is neither a number nor a pair of numbers within bounds.
    """
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != 2:
            raise InvalidParameterError(
                f"{list(value)!r} does not give one value per side (2)", field=field
            )
        return (
            number(value[0], f"{field}[0]", **bounds),
            number(value[1], f"{field}[1]", **bounds),
        )
    x = number(value, field, **bounds)
    return (x, x)
