r"""Gambit strategic-game files (``.nfg``): read and write, exactly.

A ``.nfg`` file has a prologue and a body (McKelvey, McLennan and Turocy,
*Gambit*, "Game representation formats")::

    NFG 1 R "title" { "player 1" "player 2" ... }
    { { "s11" "s12" ... } { "s21" ... } ... }     or     { 3 2 ... }
    "optional comment"
    body

Strategies are given either as one list of quoted labels per player or as one
count per player (labels ``"1"``, ``"2"``, ... then). The body is either

* the **payoff version**: a flat list of numbers, all players' payoffs at the
  first profile, then at the next, and so on; or
* the **outcome version**: a list of outcomes ``{ "name" u_1, u_2, ... }``
  (commas optional), numbered 1, 2, ... in order, followed by one outcome index
  per profile, where ``0`` is the null outcome (every payoff zero).

Profiles are enumerated with the **first player's strategy changing fastest**
(counting with player 1 as the least significant digit). Numbers (integers,
``a/b``, decimals, scientific notation) are read exactly as
:class:`fractions.Fraction`, as Gambit does, so a game read from a file is
exact. Outcome names are not kept (a :class:`NormalFormGame` has payoffs only).

Examples
--------
>>> from coercion.game.nfg import parse_nfg, format_nfg
>>> g = parse_nfg('''NFG 1 R "Selten (IJGT, 75), Figure 2" { "1" "2" } { 3 2 }
... 1 1 0 2 0 2 1 1 0 3 2 0''')
>>> g.shape, g.strategies
((3, 2), (('1', '2', '3'), ('1', '2')))
>>> g[2, 0], g[0, 1]
((Fraction(0, 1), Fraction(2, 1)), (Fraction(1, 1), Fraction(1, 1)))
>>> print(format_nfg(g))
NFG 1 R "Selten (IJGT, 75), Figure 2" { "1" "2" }
{ { "1" "2" "3" } { "1" "2" } }
""
<BLANKLINE>
1 1 0 2 0 2
1 1 0 3 2 0
<BLANKLINE>
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from coercion._io import atomic_write_text
from coercion.errors import CoercionError, InvalidParameterError, NotSupportedError
from coercion.game._gambit import Token, TokenStream, count_noun, decode_text, quote
from coercion.game.normal_form import NormalFormGame

__all__ = ["parse_nfg", "format_nfg", "read_nfg", "write_nfg"]

_LABEL = "a label in double quotes"


def parse_nfg(text: str, file: str = "<string>") -> NormalFormGame:
    r"""Read a Gambit ``.nfg`` file's text as an exact :class:`NormalFormGame`.

    Parameters
    ----------
    text : str
        The file's text (payoff or outcome version, strategy labels or counts).
    file : str, optional
        File name used in error messages.

    Returns
    -------
    NormalFormGame
        Exact payoffs, the file's players and strategy labels, its title and
        comment.

    Raises
    ------
    ParseError
        For any malformed input: the message names the file, the line and
        column of the offending token, and what was expected there.
    InvalidParameterError
        If ``text`` is not a string.

    Examples
    --------
    The outcome version; ``0`` is the null outcome:

    >>> from coercion.game.nfg import parse_nfg
    >>> g = parse_nfg('''NFG 1 R "" { "Row" "Col" }
    ... { { "U" "D" } { "L" "R" } }
    ... { { "win" 1, -1 } { "lose" -1/2, 0.5 } }
    ... 1 2 0 1''')
    >>> g["D", "L"], g["U", "R"]
    ((Fraction(-1, 2), Fraction(1, 2)), (Fraction(0, 1), Fraction(0, 1)))

    A malformed file names the place:

    >>> parse_nfg('NFG 1 R "t" { "A" "B" } { 2 2 } 1 2 x', file="g.nfg")
    Traceback (most recent call last):
    ...
    coercion.errors.ParseError: g.nfg:1:37: 'x' is not a number (payoff 3 of 8: player 'A' at profile ('2', '1')); expected a number (integer, a/b, decimal or scientific notation)

    Notes
    -----
    Payoff ``k`` (counting from 0) of the payoff version belongs to player
    ``k mod n`` at profile number ``k // n``; profile number
    :math:`q = a_1 + s_1 (a_2 + s_2 (a_3 + \dots))` for strategy indices
    :math:`a_i` and strategy counts :math:`s_i`, so the game's array is the
    file's list reshaped in Fortran (column-major) order. Reading is linear in
    the file's length.

    References
    ----------
    .. [1] R. D. McKelvey, A. M. McLennan and T. L. Turocy, *Gambit: Software
       Tools for Game Theory*, "Game representation formats: the strategic game
       (.nfg) file format, payoff version and outcome version".
       https://gambitproject.readthedocs.io/
    """
    if not isinstance(text, str):
        raise InvalidParameterError(
            f"{type(text).__name__} given; expected the file's text as str",
            field="text",
        )
    s = TokenStream(text, file)
    first = s.peek()
    if first.kind == "eof":
        raise s.error(first, "empty file", "'NFG' (a Gambit strategic-game file)")
    tok = s.next()
    if tok.kind != "word" or tok.text != "NFG":
        raise s.error(
            tok,
            f"file begins with {tok.describe()}",
            "'NFG' (a Gambit strategic-game file)",
        )
    tok = s.next()
    if tok.kind != "word" or tok.text != "1":
        raise s.error(tok, f"found {tok.describe()} as the NFG version", "'1'")
    tok = s.next()
    if tok.kind != "word" or tok.text not in ("R", "D"):
        raise s.error(tok, f"found {tok.describe()} as the number type", "'R'")
    title = s.expect("string", "the game's title in double quotes").text

    players = _read_labels(s, "player", "the list of players")
    if not players:
        raise s.error(s.tokens[s.pos - 1], "the game has no players", _LABEL)
    n = len(players)
    strategies = _read_strategies(s, players)
    comment = s.next().text if s.peek().kind == "string" else ""

    shape = tuple(len(x) for x in strategies)
    body = s.peek()
    if body.kind == "{":
        values = _read_outcome_body(s, players, strategies)
    elif body.kind == "word":
        values = _read_payoff_body(s, players, strategies)
    else:
        raise s.error(
            body,
            f"found {body.describe()} after the strategies",
            "the payoffs (numbers) or a list of outcomes in braces",
        )
    end = s.peek()
    if end.kind != "eof":
        n_profiles = math.prod(shape)
        raise s.error(
            end,
            f"found {end.describe()} after the table of "
            f"{count_noun(n_profiles, 'profile')}",
            "end of file",
        )

    flat = np.empty(len(values), dtype=object)
    flat[:] = values
    per_profile = flat.reshape(math.prod(shape), n)
    payoffs = np.empty((n, *shape), dtype=object)
    for p in range(n):
        payoffs[p] = per_profile[:, p].reshape(shape, order="F")
    try:
        return NormalFormGame(
            payoffs,
            players=players,
            strategies=strategies,
            title=title,
            comment=comment,
            exact=True,
        )
    except CoercionError as exc:  # pragma: no cover - every check is done above
        raise s.error(s.tokens[0], f"invalid game: {exc}") from None


def _read_labels(s: TokenStream, kind: str, what: str) -> list[str]:
    """``{ "a" "b" ... }`` with distinct labels."""
    s.expect("{", f"'{{' opening {what}")
    labels: list[str] = []
    seen: dict[str, Token] = {}
    while True:
        tok = s.next()
        if tok.kind == "}":
            return labels
        if tok.kind != "string":
            raise s.error(tok, f"found {tok.describe()} in {what}", f"{_LABEL} or '}}'")
        if tok.text in seen:
            first = seen[tok.text]
            raise s.error(
                tok,
                f"duplicate {kind} label {tok.text!r} in {what} (first at "
                f"{first.line}:{first.column})",
                f"distinct {kind} labels",
            )
        seen[tok.text] = tok
        labels.append(tok.text)


def _read_strategies(s: TokenStream, players: list[str]) -> list[list[str]]:
    n = len(players)
    s.expect("{", "'{' opening the strategies (labels per player, or counts)")
    strategies: list[list[str]] = []
    if s.peek().kind == "{":
        for p in range(n):
            tok = s.peek()
            if tok.kind != "{":
                raise s.error(
                    tok,
                    f"strategy lists for {p} of the {n} players",
                    f"'{{' opening the strategies of player {players[p]!r}",
                )
            labels = _read_labels(
                s, "strategy", f"the strategies of player {players[p]!r}"
            )
            if not labels:
                raise s.error(
                    s.tokens[s.pos - 1],
                    f"player {players[p]!r} has no strategies",
                    _LABEL,
                )
            strategies.append(labels)
        tok = s.next()
        if tok.kind != "}":
            extra = " (more strategy lists than players)" if tok.kind == "{" else ""
            raise s.error(
                tok,
                f"found {tok.describe()} after the strategies of "
                f"{count_noun(n, 'player')}{extra}",
                "'}' closing the strategies",
            )
        return strategies
    for p in range(n):
        tok = s.peek()
        if tok.kind == "}":
            raise s.error(
                tok,
                f"strategy counts for {p} of the {n} players",
                f"the number of strategies of player {players[p]!r}",
            )
        count = s.integer(f"number of strategies of player {players[p]!r}", minimum=1)
        strategies.append([str(k + 1) for k in range(count)])
    tok = s.next()
    if tok.kind != "}":
        extra = " (more strategy counts than players)" if tok.kind == "word" else ""
        raise s.error(
            tok,
            f"found {tok.describe()} after the strategy counts of "
            f"{count_noun(n, 'player')}{extra}",
            "'}' closing the strategy counts",
        )
    return strategies


def _profile_text(k: int, strategies: list[list[str]]) -> str:
    """Labels of profile number ``k`` (first player fastest)."""
    labels = []
    for labs in strategies:
        k, a = divmod(k, len(labs))
        labels.append(labs[a])
    return repr(tuple(labels))


def _read_payoff_body(
    s: TokenStream, players: list[str], strategies: list[list[str]]
) -> list[Fraction]:
    n = len(players)
    total = n * math.prod(len(x) for x in strategies)
    values: list[Fraction] = []

    def what(k: int) -> str:
        q, p = divmod(k, n)
        return (
            f"payoff {k + 1} of {total}: player {players[p]!r} at profile "
            f"{_profile_text(q, strategies)}"
        )

    for k in range(total):
        tok = s.peek()
        if tok.kind == "eof":
            raise s.error(
                tok,
                f"file ends after {k} of the {total} payoffs ({n} players x "
                f"{total // n} profiles)",
                f"a numerical payoff ({what(k)})",
            )
        values.append(s.number(partial(what, k)))
    return values


def _read_outcome_body(
    s: TokenStream, players: list[str], strategies: list[list[str]]
) -> list[Fraction]:
    n = len(players)
    s.expect("{", "'{' opening the list of outcomes")
    outcomes: list[list[Fraction]] = []
    while s.peek().kind == "{":
        s.next()
        number = len(outcomes) + 1
        s.expect("string", f"the name of outcome {number} in double quotes")
        pays: list[Fraction] = []
        for p in range(n):
            tok = s.peek()
            if tok.kind == "}":
                raise s.error(
                    tok,
                    f"outcome {number} has {count_noun(p, 'payoff')} for "
                    f"{count_noun(n, 'player')}",
                    f"a numerical payoff for player {players[p]!r}",
                )
            pays.append(s.number(f"outcome {number}, player {players[p]!r}"))
            if s.peek().kind == ",":
                s.next()
        tok = s.next()
        if tok.kind != "}":
            raise s.error(
                tok,
                f"found {tok.describe()} after the {count_noun(n, 'payoff')} of "
                f"outcome {number}",
                f"'}}' closing outcome {number}",
            )
        outcomes.append(pays)
    s.expect("}", f"'{{' opening outcome {len(outcomes) + 1} or '}}' closing the list")
    null = [Fraction(0)] * n
    n_profiles = math.prod(len(x) for x in strategies)
    values: list[Fraction] = []

    def what(q: int) -> str:
        return (
            f"outcome index of profile {_profile_text(q, strategies)} "
            f"({q + 1} of {n_profiles})"
        )

    for q in range(n_profiles):
        tok = s.peek()
        if tok.kind == "eof":
            raise s.error(
                tok,
                f"file ends after {q} of the {n_profiles} outcome indices",
                f"the {what(q)}",
            )
        index = s.integer(partial(what, q), minimum=0, maximum=len(outcomes))
        values.extend(null if index == 0 else outcomes[index - 1])
    return values


def _format_number(value: Any, exact: bool) -> str:
    if exact:
        f = Fraction(value)
        return (
            str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"
        )
    # repr is the shortest decimal that reads back to the same double
    return repr(float(value))


def format_nfg(game: Any) -> str:
    r"""The text of a Gambit ``.nfg`` file (payoff version) for ``game``.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveGame
        A strategic game, or an extensive game (its reduced strategic form is
        written, with the tree's comment when the form has none).

    Returns
    -------
    str
        The file's text: players, strategy labels, title and comment, then the
        payoffs with the first player's strategy changing fastest, one line per
        profile of the other players. Exact payoffs are written as integers or
        ``a/b``; float payoffs as their shortest round-tripping decimal
        (``repr``), so reading the file back gives the same floats.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a game.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.game.nfg import format_nfg, parse_nfg
    >>> g = co.NormalFormGame.from_bimatrix([[0.1, 2.5e-20]], [[1, -3]],
    ...     players=('say "hi"', "B"), title="floats")
    >>> print(format_nfg(g))
    NFG 1 R "floats" { "say \"hi\"" "B" }
    { { "1" } { "1" "2" } }
    ""
    <BLANKLINE>
    0.1 1.0
    2.5e-20 -3.0
    <BLANKLINE>
    >>> parse_nfg(format_nfg(g)).to_float() == g
    True
    """
    comment = getattr(game, "comment", "")
    if not isinstance(game, NormalFormGame):
        if hasattr(game, "reduced_strategic_form"):
            game = game.reduced_strategic_form()
            comment = game.comment or comment  # keep the tree's sources
        if not isinstance(game, NormalFormGame):
            raise NotSupportedError(
                f"{type(game).__name__} object is not a game; expected a "
                "NormalFormGame or an ExtensiveGame",
                field="game",
            )
    exact = game.is_exact
    n = game.n_players
    lines = [
        f"NFG 1 R {quote(game.title)} {{ {' '.join(quote(p) for p in game.players)} }}",
        "{ "
        + " ".join(
            "{ " + " ".join(quote(x) for x in labs) + " }" for labs in game.strategies
        )
        + " }",
        quote(comment),
        "",
    ]
    # each player's payoffs in file order: the first player's strategy fastest,
    # i.e. Fortran (column-major) order of the strategy axes
    columns: list[list[str]] = []
    if exact:
        cache: dict[Fraction, str] = {}
        for p in range(n):
            column = []
            for v in game.payoffs[p].ravel(order="F"):
                text = cache.get(v)
                if text is None:
                    text = cache[v] = _format_number(v, exact)
                column.append(text)
            columns.append(column)
    else:
        # no cache: -0.0 == 0.0 but they are written differently
        for p in range(n):
            columns.append([repr(float(v)) for v in game.payoffs[p].ravel(order="F")])
    first = game.shape[0]
    for start in range(0, len(columns[0]), first):
        lines.append(
            " ".join(
                columns[p][q] for q in range(start, start + first) for p in range(n)
            )
        )
    return "\n".join(lines) + "\n"


def read_nfg(path: str | Path) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file (UTF-8) as an exact :class:`NormalFormGame`.

    Parameters
    ----------
    path : str or path-like
        The file.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    ParseError
        For malformed content or bytes that are not UTF-8 (file, line, column).
    OSError
        If the file cannot be read (missing, a directory, no permission).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from coercion.game.nfg import read_nfg
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.nfg"
    >>> _ = path.write_text('NFG 1 R "" { "A" "B" } { 1 1 } 3 4')
    >>> read_nfg(path)[0, 0]
    (Fraction(3, 1), Fraction(4, 1))
    """
    p = Path(path)
    return parse_nfg(decode_text(p.read_bytes(), str(path)), file=str(path))


def write_nfg(game: Any, path: str | Path) -> Path:
    """Write ``game`` to ``path`` as a Gambit ``.nfg`` file, atomically.

    The file is complete or absent: it is written beside ``path`` and renamed.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveGame
        See :func:`format_nfg`.
    path : str or path-like
        The file to write (replaced if it exists).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a game.
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import coercion as co
    >>> from coercion.game.nfg import read_nfg, write_nfg
    >>> g = co.NormalFormGame.from_bimatrix([[1, "1/3"]], [[0, "2.5"]], title="t")
    >>> path = write_nfg(g, pathlib.Path(tempfile.mkdtemp()) / "g.nfg")
    >>> read_nfg(path) == g
    True
    """
    return atomic_write_text(path, format_nfg(game))
