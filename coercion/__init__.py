"""coercion: the game theory of economic coercion and escalation.

Build games from supply-chain data, solve them with certified equilibria, and find
the escalation thresholds where behaviour changes.

Public names are loaded on first use so that ``import coercion`` stays fast; every
name in ``__all__`` is available as ``coercion.NAME``.

Examples
--------
>>> import coercion as co
>>> g = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
>>> g.is_zero_sum()
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from coercion.errors import (
    CoercionError,
    CoercionWarning,
    ConvergenceWarning,
    DegenerateGameWarning,
    InvalidGameError,
    InvalidParameterError,
    InvalidProfileError,
    NotSupportedError,
    ParseError,
    ScenarioError,
    SolverError,
    SupplyGraphError,
    TieWarning,
)

__version__ = "0.1.0"

# public name -> module that defines it (imported on first attribute access)
_LAZY: dict[str, str] = {
    "NormalFormGame": "coercion.game.normal_form",
    "ExtensiveGame": "coercion.game.extensive",
    "SymbolicGame": "coercion.game.symbolic",
    "ParametricGame": "coercion.game.symbolic",
    "read_game": "coercion.game.io",
    "write_game": "coercion.game.io",
    "Equilibrium": "coercion.solve._result",
    "EquilibriumSet": "coercion.solve._result",
    "is_nash": "coercion.solve._result",
    "regret": "coercion.solve._result",
    "player_regrets": "coercion.solve._result",
    "enumerate_equilibria": "coercion.solve.enumeration",
    "iter_extreme_equilibria": "coercion.solve.enumeration",
    "pure_equilibria": "coercion.solve.pure",
    "iter_pure_equilibria": "coercion.solve.pure",
    "solve_zero_sum": "coercion.solve.zero_sum",
    "ZeroSumSolution": "coercion.solve.zero_sum",
    "solve_stack": "coercion.solve.stack",
    "StackSolution": "coercion.solve.stack",
    "load_scenario": "coercion.scenario",
    "Scenario": "coercion.scenario",
    "thresholds": "coercion.analysis.thresholds",
    "subgame_perfect_equilibria": "coercion.solve.subgame_perfect",
    "noncredible_threats": "coercion.solve.subgame_perfect",
    "behavior_regrets": "coercion.solve.subgame_perfect",
    "subgame_regret": "coercion.solve.subgame_perfect",
    "sweep": "coercion.analysis.sweep",
    "track": "coercion.analysis.tracking",
    "TrackResult": "coercion.analysis.tracking",
    "SweepResult": "coercion.analysis.sweep",
    "is_threshold": "coercion.analysis.thresholds",
    "regime_map": "coercion.analysis.thresholds",
    "regime_boundaries": "coercion.analysis.thresholds",
    "BoundaryResult": "coercion.analysis.thresholds",
    "HypothesisResult": "coercion.analysis.hypotheses",
    "ThresholdResult": "coercion.analysis.thresholds",
    "SupplyGraph": "coercion.supply.graph",
    "CutResult": "coercion.supply.propagation",
    "propagate_cut": "coercion.supply.propagation",
    "Dependence": "coercion.supply.dependence",
    "dependence": "coercion.supply.dependence",
    "critical_discount_factors": "coercion.dynamics.repeated",
    "finitely_repeated": "coercion.dynamics.repeated",
    "round_robin": "coercion.dynamics.tournament",
    "spiral_statistics": "coercion.dynamics.tournament",
    "spiral_exact": "coercion.dynamics.tournament",
    "MarkovGame": "coercion.dynamics.markov",
    "markov_perfect_finite": "coercion.dynamics.markov",
    "markov_perfect_discounted": "coercion.dynamics.markov",
    "managed_dependence_policy": "coercion.dynamics.markov",
    "fictitious_play": "coercion.dynamics.learning",
    "replicator_dynamics": "coercion.dynamics.learning",
    "BayesianGame": "coercion.game.bayesian",
    "bayesian_nash": "coercion.game.bayesian",
    "interim_regrets": "coercion.game.bayesian",
    "is_bayesian_nash": "coercion.game.bayesian",
    "miscalculation": "coercion.analysis.miscalculation",
    "SignalingGame": "coercion.game.signaling",
    "signaling_game": "coercion.game.signaling",
    "perfect_bayesian_equilibria": "coercion.solve.perfect_bayesian",
    "is_perfect_bayesian": "coercion.solve.perfect_bayesian",
}

# sub-packages reachable as ``coercion.NAME``; each is added when it exists
_SUBPACKAGES = (
    "game",
    "solve",
    "analysis",
    "models",
    "supply",
    "plot",
    "build",
    "dynamics",
)

__all__ = [
    "__version__",
    "CoercionError",
    "CoercionWarning",
    "ConvergenceWarning",
    "DegenerateGameWarning",
    "InvalidGameError",
    "InvalidParameterError",
    "InvalidProfileError",
    "NotSupportedError",
    "ParseError",
    "ScenarioError",
    "SolverError",
    "SupplyGraphError",
    "TieWarning",
    *sorted(_LAZY),
    *_SUBPACKAGES,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    if name in _SUBPACKAGES:
        module = importlib.import_module(f"coercion.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'coercion' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover
    from coercion.game.normal_form import NormalFormGame  # noqa: F401
