"""Managed dependence: substitution threshold and the sender's optimum."""

from __future__ import annotations

import warnings
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.models import managed_dependence, managed_dependence_solution
from coercion.solve.enumeration import enumerate_equilibria

F = Fraction


@pytest.mark.parametrize(
    ("K", "rho", "V", "threshold"),
    [
        # issue 7 acceptance: 0.5 * 100 * 0.6 = 30
        (30, "0.5", 100, F(3, 5)),
        (10, 1, 100, F(1, 10)),
        # substitution dearer than any coercion loss: full dependence is safe
        (80, "0.5", 100, F(1)),
        (0, "0.5", 100, F(0)),
    ],
)
def test_threshold_known_answers(K, rho, V, threshold):
    sol = managed_dependence_solution(K, rho, V)
    assert sol.threshold == threshold
    assert sol.optimal_dependence == threshold
    assert sol.sender_payoff == threshold


def test_optimum_is_zero_when_security_cost_outweighs_trade_and_leverage():
    sol = managed_dependence_solution(
        30, "0.5", 100, trade_margin=1, leverage_share="0.01", security_cost="1.5"
    )
    assert sol.unit_value == 0
    assert sol.optimal_dependence == 0
    sol = managed_dependence_solution(
        30, "0.5", 100, trade_margin=1, leverage_share="0.02", security_cost="1.5"
    )
    assert sol.unit_value == F(1, 2)
    assert sol.optimal_dependence == F(3, 5)


@settings(max_examples=40, deadline=None)
@given(
    K=st.fractions(0, 100, max_denominator=10),
    rho=st.fractions(F(1, 10), 1, max_denominator=10),
    V=st.fractions(1, 200, max_denominator=5),
    g=st.fractions(0, 3, max_denominator=4),
)
def test_target_substitutes_exactly_above_threshold(K, rho, V, g):
    sol = managed_dependence_solution(K, rho, V, security_cost=g)
    d = sol.threshold
    assert rho * V * d <= K or d == 1
    if d < 1:
        assert rho * V * (d + F(1, 10**6)) > K
    # the sender cannot do better on a fine grid
    grid = [F(k, 50) for k in range(51)]
    best = max((sol.unit_value * x if x <= d else 0) for x in grid)
    assert sol.sender_payoff >= best


def test_solver_returns_closed_form_after_dominated_plans_go():
    # a grid without the threshold itself, so no target is ever indifferent
    levels = [F(2 * k + 1, 20) for k in range(10)]
    g = managed_dependence(30, "0.5", 100, levels=levels)
    reduced, _ = g.eliminate_dominated(weak=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", co.DegenerateGameWarning)
        eqs = enumerate_equilibria(reduced)
    best_on_grid = max(x for x in levels if x <= F(3, 5))
    assert [e.supports for e in eqs] == [
        ((f"d={best_on_grid}",), (f"substitute if d>{best_on_grid}",))
    ]


def test_subgame_perfect_profile_is_an_equilibrium_of_the_full_game():
    g = managed_dependence(30, "0.5", 100)
    sol = managed_dependence_solution(30, "0.5", 100)
    profile = [{f"d={sol.optimal_dependence}": 1}, {"substitute if d>3/5": 1}]
    assert co.is_nash(g, profile)


def test_bad_level_names_field():
    with pytest.raises(co.InvalidParameterError) as info:
        managed_dependence(30, "0.5", 100, levels=[0, "1.5"])
    assert info.value.field == "levels[1]"
