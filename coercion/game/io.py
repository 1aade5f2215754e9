"""Read and write game files, choosing the format from the file name.

``.nfg`` files hold strategic games (:mod:`coercion.game.nfg`), ``.efg`` files
extensive games (:mod:`coercion.game.efg`); the suffix is matched without
regard to case. A file with another suffix is read when its first word is
``NFG`` or ``EFG``. Files are UTF-8; writing is atomic (the file is complete or
absent).

Examples
--------
>>> import tempfile, pathlib
>>> import coercion as co
>>> g = co.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
...     title="prisoner's dilemma")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "pd.nfg"
>>> co.write_game(g, path).name
'pd.nfg'
>>> h = co.read_game(path)
>>> h == g, h.title
(True, "prisoner's dilemma")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from coercion._io import atomic_write_text
from coercion.errors import InvalidParameterError, NotSupportedError, ParseError
from coercion.game._gambit import decode_text
from coercion.game.normal_form import NormalFormGame

if TYPE_CHECKING:  # pragma: no cover
    from coercion.game.extensive import ExtensiveGame

__all__ = ["read_game", "write_game", "game_format"]

_SUFFIXES = {".nfg": "nfg", ".efg": "efg"}


def game_format(path: str | Path, text: str | None = None) -> str:
    """``"nfg"`` or ``"efg"``: the format of ``path`` from its suffix or its text.

    Parameters
    ----------
    path : str or path-like
        The file name; a ``.nfg`` or ``.efg`` suffix (any case) decides.
    text : str, optional
        The file's text, sniffed when the suffix does not decide: a file whose
        first word is ``NFG`` or ``EFG``.

    Returns
    -------
    str

    Raises
    ------
    ParseError
        If ``text`` is given and neither suffix nor first word decides.
    InvalidParameterError
        If ``text`` is not given and the suffix does not decide.

    Examples
    --------
    >>> from coercion.game.io import game_format
    >>> game_format("a.EFG"), game_format("game.txt", '  NFG 1 R "" { } { }')
    ('efg', 'nfg')
    """
    fmt = _SUFFIXES.get(Path(path).suffix.lower())
    if fmt is not None:
        return fmt
    if text is None:
        raise InvalidParameterError(
            f"suffix {Path(path).suffix!r} of {str(path)!r} is not a game format; "
            "expected '.nfg' or '.efg'",
            field="path",
        )
    words = text.split(None, 1)
    head = words[0][:3] if words else ""
    if head in ("NFG", "EFG"):
        return head.lower()
    start = len(text) - len(text.lstrip())
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    raise ParseError(
        f"cannot tell the format: suffix {Path(path).suffix!r} is not '.nfg' or "
        "'.efg' and the file does not begin with NFG or EFG",
        file=str(path),
        line=line,
        column=column,
        expected="'NFG' or 'EFG'",
    )


def read_game(path: str | Path) -> NormalFormGame | ExtensiveGame:
    """Read a Gambit ``.nfg`` or ``.efg`` file.

    Parameters
    ----------
    path : str or path-like
        The file; its suffix picks the format, else its first word does.

    Returns
    -------
    NormalFormGame or ExtensiveGame
        Exact payoffs (and chance probabilities) as the file gives them.

    Raises
    ------
    ParseError
        Malformed content, bytes that are not UTF-8, or a file whose format
        cannot be told; the message names the file, line and column.
    OSError
        If the file cannot be read (missing, a directory, no permission).

    Examples
    --------
    >>> import coercion as co
    >>> from coercion._data import games_dir
    >>> g = co.read_game(games_dir() / "matching_pennies.nfg")
    >>> g.players, g.is_zero_sum()
    (('Row', 'Column'), True)
    """
    p = Path(path)
    file = str(path)
    text = decode_text(p.read_bytes(), file)
    if game_format(p, text) == "nfg":
        from coercion.game.nfg import parse_nfg

        return parse_nfg(text, file=file)
    from coercion.game.efg import parse_efg

    return parse_efg(text, file=file)


def write_game(game: Any, path: str | Path) -> Path:
    """Write ``game`` to a ``.nfg`` or ``.efg`` file, atomically.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveGame
        The game. An extensive game written to a ``.nfg`` file is written as
        its reduced strategic form.
    path : str or path-like
        The file; its suffix (``.nfg`` or ``.efg``, any case) picks the format.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    InvalidParameterError
        If the suffix is neither ``.nfg`` nor ``.efg``.
    NotSupportedError
        If a strategic game is written to ``.efg`` (a strategic game has no
        tree), or ``game`` is not a game.
    OSError
        If the file cannot be written; no partial file is left behind.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import coercion as co
    >>> g = co.NormalFormGame.from_bimatrix([[1, 2]])
    >>> co.write_game(g, pathlib.Path(tempfile.mkdtemp()) / "g.json")
    Traceback (most recent call last):
    ...
    coercion.errors.InvalidParameterError: path: suffix '.json' of '...g.json' is not a game format; expected '.nfg' or '.efg'
    """
    fmt = game_format(path)
    if fmt == "nfg":
        from coercion.game.nfg import format_nfg

        text = format_nfg(game)
    else:
        if isinstance(game, NormalFormGame):
            raise NotSupportedError(
                f"a strategic game cannot be written as an extensive game to "
                f"{str(path)!r}; use a '.nfg' file",
                field="game",
            )
        if not hasattr(game, "reduced_strategic_form"):
            raise NotSupportedError(
                f"{type(game).__name__} object is not a game; expected a "
                "NormalFormGame or an ExtensiveGame",
                field="game",
            )
        from coercion.game.efg import format_efg

        text = format_efg(game)
    return atomic_write_text(path, text)
