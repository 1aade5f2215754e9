"""Canonical models of coercion: each a function returning a game, plus closed forms.

Every model builds a game (:class:`~coercion.NormalFormGame`; sequential models
also give their :class:`~coercion.ExtensiveGame` tree and its reduced strategic
form, whose strategies are plans), so every solver applies; a companion function
returns the model's closed-form results, documented with the mathematics and the
source. See ``docs/explanation/models.md``.

Examples
--------
>>> import coercion as co
>>> co.models.chicken_solution(a=1, b=1, c=10).firm_probability
(Fraction(1, 10), Fraction(1, 10))
"""

from coercion.models.bayesian_chicken import (
    BayesianChickenSolution,
    MiscalculationResult,
    bayesian_chicken,
    bayesian_chicken_game,
    bayesian_chicken_solution,
    miscalculation,
)
from coercion.models.brinkmanship import (
    BrinkmanshipWindow,
    brinkmanship,
    brinkmanship_tree,
    brinkmanship_window,
)
from coercion.models.chicken import (
    ChickenSolution,
    chicken,
    chicken_solution,
    chicken_symbolic,
)
from coercion.models.coalition import (
    CoalitionParams,
    coalition_controls,
    coalition_equilibria,
    critical_leakage,
)
from coercion.models.crisis_bargaining import (
    FearonSolution,
    crisis_bargaining,
    fearon_solution,
)
from coercion.models.escalation_ladder import (
    Ladder,
    LadderSolution,
    build_ladder,
    escalation_ladder,
    escalation_ladder_tree,
    ladder_solution,
)
from coercion.models.managed_dependence import (
    ManagedDependenceSolution,
    managed_dependence,
    managed_dependence_solution,
)
from coercion.models.sanctions import (
    SanctionsSolution,
    SeparatingSanctions,
    sanctions_game,
    sanctions_selection,
    sanctions_separating_equilibrium,
    sanctions_signaling_game,
    sanctions_solution,
    sanctions_tree,
    sanctions_uncertain_game,
    sanctions_uncertain_tree,
)
from coercion.models.war_of_attrition import (
    AttritionSolution,
    attrition_concession_hazard,
    attrition_concession_time,
    attrition_expected_duration,
    attrition_hazards,
    attrition_private_costs,
    attrition_private_costs_duration,
    attrition_pure_equilibria,
    war_of_attrition,
    war_of_attrition_bayesian,
)

__all__ = [
    "Ladder",
    "LadderSolution",
    "build_ladder",
    "escalation_ladder",
    "escalation_ladder_tree",
    "ladder_solution",
    "SanctionsSolution",
    "sanctions_game",
    "sanctions_selection",
    "sanctions_solution",
    "sanctions_tree",
    "SeparatingSanctions",
    "sanctions_separating_equilibrium",
    "sanctions_signaling_game",
    "sanctions_uncertain_game",
    "sanctions_uncertain_tree",
    "BrinkmanshipWindow",
    "brinkmanship",
    "brinkmanship_tree",
    "brinkmanship_window",
    "BayesianChickenSolution",
    "MiscalculationResult",
    "bayesian_chicken",
    "bayesian_chicken_game",
    "bayesian_chicken_solution",
    "miscalculation",
    "AttritionSolution",
    "ChickenSolution",
    "CoalitionParams",
    "FearonSolution",
    "ManagedDependenceSolution",
    "attrition_concession_hazard",
    "attrition_concession_time",
    "attrition_expected_duration",
    "attrition_hazards",
    "attrition_private_costs",
    "attrition_private_costs_duration",
    "attrition_pure_equilibria",
    "chicken",
    "chicken_solution",
    "chicken_symbolic",
    "coalition_controls",
    "coalition_equilibria",
    "critical_leakage",
    "crisis_bargaining",
    "fearon_solution",
    "managed_dependence",
    "managed_dependence_solution",
    "war_of_attrition",
    "war_of_attrition_bayesian",
]
