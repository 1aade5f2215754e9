"""Coercion over time: repeated games, retaliation strategies, Markov games, learning.

Export controls are not played once: rungs are climbed year after year, the
target's dependence falls while it substitutes, and a threat used today lowers
tomorrow's leverage. This package makes time first-class (see
``docs/explanation/dynamics.md``):

- :mod:`~coercion.dynamics.repeated`: critical discount factors (grim trigger,
  tit-for-tat, limited punishment), finitely repeated games;
- :mod:`~coercion.dynamics.automata`: strategies as finite automata, noisy play;
- :mod:`~coercion.dynamics.tournament`: round-robin tournaments and escalation
  spirals;
- :mod:`~coercion.dynamics.markov`: Markov games whose state is a dependence
  level, Markov perfect equilibria, the dynamic managed-dependence policy;
- :mod:`~coercion.dynamics.learning`: fictitious play and replicator dynamics.

Examples
--------
>>> import coercion as co
>>> pd = co.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> co.dynamics.critical_discount_factors(pd, (0, 0)).grim_trigger
Fraction(1, 2)
"""

from coercion.dynamics.automata import (
    Automaton,
    MatchPath,
    always,
    escalate_one_rung,
    generous_tit_for_tat,
    grim_trigger,
    one_shot_deviation_gains,
    play,
    proportional,
    simulate_matches,
    tit_for_tat,
)
from coercion.dynamics.learning import (
    LearningPath,
    fictitious_play,
    replicator_dynamics,
)
from coercion.dynamics.markov import (
    ManagedDependencePolicy,
    MarkovGame,
    MarkovPerfectSolution,
    dependence_game,
    leverage_path,
    managed_dependence_policy,
    markov_perfect_discounted,
    markov_perfect_finite,
    markov_perfect_regret,
    policy_values,
    state_distribution,
)
from coercion.dynamics.repeated import (
    DiscountThresholds,
    FinitelyRepeatedSolution,
    critical_discount_factors,
    finitely_repeated,
)
from coercion.dynamics.tournament import (
    SpiralStatistics,
    TournamentResult,
    round_robin,
    spiral_exact,
    spiral_statistics,
)

__all__ = [
    "LearningPath",
    "fictitious_play",
    "replicator_dynamics",
    "ManagedDependencePolicy",
    "MarkovGame",
    "MarkovPerfectSolution",
    "dependence_game",
    "leverage_path",
    "managed_dependence_policy",
    "markov_perfect_discounted",
    "markov_perfect_finite",
    "markov_perfect_regret",
    "policy_values",
    "state_distribution",
    "Automaton",
    "MatchPath",
    "always",
    "escalate_one_rung",
    "generous_tit_for_tat",
    "grim_trigger",
    "one_shot_deviation_gains",
    "play",
    "proportional",
    "simulate_matches",
    "tit_for_tat",
    "SpiralStatistics",
    "TournamentResult",
    "round_robin",
    "spiral_exact",
    "spiral_statistics",
    "DiscountThresholds",
    "FinitelyRepeatedSolution",
    "critical_discount_factors",
    "finitely_repeated",
]
