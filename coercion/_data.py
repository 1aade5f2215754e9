"""Where the bundled data files (``games/``) live, installed or in a source tree."""

from __future__ import annotations

from pathlib import Path

from coercion.errors import CoercionError

__all__ = ["games_dir", "bundled_games", "resolve_game_path"]


def games_dir() -> Path:
    """The folder of bundled games and scenarios.

    In an installed wheel it is ``coercion/games`` (the build maps the source
    tree's top-level ``games/`` there); in a source checkout, ``games/`` beside the
    package.

    Raises
    ------
    CoercionError
        If neither folder exists (a broken installation).
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "games", here.parent / "games"):
        if candidate.is_dir():
            return candidate
    raise CoercionError(
        f"bundled games folder not found next to {here}", field="games_dir"
    )


def bundled_games(suffixes: tuple[str, ...] = (".nfg", ".efg")) -> list[Path]:
    """Bundled game files with the given suffixes, sorted by name.

    Examples
    --------
    >>> from coercion._data import bundled_games
    >>> [p.name for p in bundled_games((".efg",))]
    ['entry_deterrence.efg']
    """
    return sorted(p for p in games_dir().iterdir() if p.suffix in suffixes)


def resolve_game_path(name: str | Path) -> Path:
    """A path as given if it exists, else the bundled file of that name or stem."""
    path = Path(name)
    if path.exists():
        return path
    for p in bundled_games((".nfg", ".efg", ".toml")):
        if p.name == str(name) or p.stem == str(name):
            return p
    return path
