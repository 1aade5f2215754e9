"""Canonical models of coercion: each a function returning a game, plus closed forms.

Every model builds a :class:`~coercion.NormalFormGame` (sequential models give
their reduced strategic form, whose strategies are plans), so every solver
applies; a companion function returns the model's closed-form results.
"""

from coercion.models.chicken import (
    ChickenSolution,
    chicken,
    chicken_solution,
    chicken_symbolic,
)
from coercion.models.war_of_attrition import (
    AttritionSolution,
    attrition_concession_time,
    attrition_expected_duration,
    attrition_hazards,
    attrition_private_costs,
    attrition_pure_equilibria,
    war_of_attrition,
)

__all__ = [
    "AttritionSolution",
    "attrition_concession_time",
    "attrition_expected_duration",
    "attrition_hazards",
    "attrition_private_costs",
    "attrition_pure_equilibria",
    "war_of_attrition",
    "ChickenSolution",
    "chicken",
    "chicken_solution",
    "chicken_symbolic",
]
