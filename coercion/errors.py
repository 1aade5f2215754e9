"""The exception and warning families of :mod:`coercion`.

Every error the toolkit raises on bad input is a :class:`CoercionError`; its message
names the offending field and value. Degenerate-but-legal input gives a sensible
result and a :class:`CoercionWarning`.

Examples
--------
>>> from coercion.errors import CoercionError, InvalidGameError
>>> try:
...     raise InvalidGameError("payoff 'NaN' is not finite", field="payoffs[0][1, 0]")
... except CoercionError as exc:
...     print(exc)
payoffs[0][1, 0]: payoff 'NaN' is not finite
"""

from __future__ import annotations

__all__ = [
    "CoercionError",
    "InvalidGameError",
    "InvalidProfileError",
    "InvalidParameterError",
    "ParseError",
    "ScenarioError",
    "SupplyGraphError",
    "SolverError",
    "NotSupportedError",
    "CoercionWarning",
    "DegenerateGameWarning",
    "TieWarning",
    "ConvergenceWarning",
]


class CoercionError(Exception):
    """Root of every error raised by :mod:`coercion` on bad input or failure.

    Parameters
    ----------
    message : str
        What is wrong, naming the offending value.
    field : str, optional
        The field (argument name, array index or field path) that holds the bad
        value; it is put in front of the message.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


class InvalidGameError(CoercionError, ValueError):
    """A game (strategic or extensive) is malformed: shapes, labels, payoffs."""


class InvalidProfileError(CoercionError, ValueError):
    """A strategy profile does not fit its game (shape, sign, sum)."""


class InvalidParameterError(CoercionError, ValueError):
    """An argument of a function is out of its domain."""


class ParseError(CoercionError, ValueError):
    """A file could not be parsed.

    Attributes
    ----------
    file : str
        The file name (or ``"<string>"``).
    line, column : int
        One-based position of the offending token.
    expected : str or None
        What the parser expected there.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str = "<string>",
        line: int = 0,
        column: int = 0,
        expected: str | None = None,
    ) -> None:
        self.file = str(file)
        self.line = line
        self.column = column
        self.expected = expected
        text = message if expected is None else f"{message}; expected {expected}"
        super().__init__(text, field=f"{self.file}:{line}:{column}")


class ScenarioError(CoercionError, ValueError):
    """A scenario is invalid; ``path`` is the dotted field path (``players.0.name``)."""

    def __init__(self, message: str, *, path: str, file: str | None = None) -> None:
        self.path = path
        self.file = file
        where = path if file is None else f"{file}: {path}"
        super().__init__(message, field=where)


class SupplyGraphError(CoercionError, ValueError):
    """A supply graph or its input table is invalid (row and field are named)."""


class SolverError(CoercionError, RuntimeError):
    """A solver failed (did not converge, numerical breakdown) and says why."""


class NotSupportedError(CoercionError, TypeError):
    """The operation is not defined for this kind of game or input."""


class CoercionWarning(UserWarning):
    """Root of the warnings of :mod:`coercion` (degenerate-but-legal input)."""


class DegenerateGameWarning(CoercionWarning):
    """The game is degenerate; results are still complete and certified."""


class TieWarning(CoercionWarning):
    """Ties among payoffs make a choice non-unique (e.g. several SPE)."""


class ConvergenceWarning(CoercionWarning):
    """An iterative method stopped at its limit; its result carries its residual."""
