"""Solvers for strategic games: every equilibrium, exact when asked, each certified."""

from coercion.solve._result import (
    Component,
    Equilibrium,
    EquilibriumSet,
    is_nash,
    make_equilibrium,
    player_regrets,
    regret,
)

__all__ = [
    "Component",
    "Equilibrium",
    "EquilibriumSet",
    "is_nash",
    "make_equilibrium",
    "player_regrets",
    "regret",
]
