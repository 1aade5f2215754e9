"""Game representations: strategic games, extensive games and Gambit files."""

from coercion.game.extensive import ExtensiveGame
from coercion.game.io import read_game, write_game
from coercion.game.normal_form import MixedProfile, NormalFormGame

__all__ = ["NormalFormGame", "MixedProfile", "ExtensiveGame", "read_game", "write_game"]
