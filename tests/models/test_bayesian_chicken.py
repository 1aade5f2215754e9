"""Bayesian chicken with private pain tolerance; mismatched beliefs."""

from __future__ import annotations

import warnings
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.models import (
    bayesian_chicken,
    bayesian_chicken_solution,
    chicken_solution,
    miscalculation,
)
from coercion.solve.enumeration import enumerate_equilibria

F = Fraction
SEP = "firm|high, yield|low"


def _pure(g):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", co.DegenerateGameWarning)
        eqs = enumerate_equilibria(g)
    return sorted(tuple(s[0] for s in e.supports) for e in eqs if e.is_pure)


@pytest.mark.parametrize(
    ("prior", "separating"),
    [
        # r(H) = 1/4, r(L) = 1/10: separating iff 1/10 <= mu <= 1/4
        ("0.2", True),
        ("0.1", True),
        ("0.25", True),
        ("0.5", False),
        ("0.05", False),
    ],
)
def test_separating_equilibrium_window(prior, separating):
    sol = bayesian_chicken_solution(1, 1, 4, 10, prior)
    assert sol.separating is separating
    assert sol.critical_risk[0] == {"high": F(1, 4), "low": F(1, 10)}


def test_critical_risks_are_those_of_complete_information_chicken():
    sol = bayesian_chicken_solution((1, 2), (1, 0), (4, 3), (10, 9), "0.3")
    for t, c in (("high", (4, 3)), ("low", (10, 9))):
        r = chicken_solution((1, 2), (1, 0), c).critical_risk
        assert (sol.critical_risk[0][t], sol.critical_risk[1][t]) == r


prob = st.fractions(F(1, 20), F(19, 20), max_denominator=20)
cost = st.fractions(F(3, 2), 12, max_denominator=4)


@settings(max_examples=25, deadline=None)
@given(mu=st.tuples(prob, prob), ch=st.tuples(cost, cost), extra=st.tuples(cost, cost))
def test_closed_form_pure_equilibria_match_solver(mu, ch, extra):
    cl = (ch[0] + extra[0], ch[1] + extra[1])
    args = (1, 1, ch, cl, mu)
    assert _pure(bayesian_chicken(*args)) == sorted(
        bayesian_chicken_solution(*args).pure_equilibria
    )


def test_solver_finds_separating_equilibrium():
    pure = _pure(bayesian_chicken(1, 1, 4, 10, "0.2"))
    assert (SEP, SEP) in pure


def test_correct_beliefs_reproduce_the_separating_equilibrium():
    res = miscalculation(1, 1, 4, 10, "0.2", beliefs="0.2")
    assert res.plans == (SEP, SEP) == res.benchmark_plans
    assert res.cost == (0, 0)
    g = bayesian_chicken(1, 1, 4, 10, "0.2")
    assert co.is_nash(g, [{SEP: 1}, {SEP: 1}])


def test_underrating_the_other_side_causes_a_collision():
    res = miscalculation(1, 1, 4, 10, "0.2", beliefs="0.05")
    assert res.collision_probability == 1
    assert res.benchmark_collision_probability == F(1, 25)
    # -E[c] = -(0.2 * 4 + 0.8 * 10) against the separating payoff -0.16
    assert res.payoffs == (F(-44, 5), F(-44, 5))
    assert res.cost == (F(216, 25), F(216, 25))


def test_one_sided_overrating_hands_the_other_side_the_prize():
    # A overrates B (belief 0.5 > r_A(H)): A always yields; B is correct
    res = miscalculation(1, 1, 4, 10, "0.2", beliefs=("0.5", "0.2"))
    assert res.plans == ("yield|high, yield|low", SEP)
    assert res.cost[0] > 0 > res.cost[1]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"prior_high": 0}, "prior_high"),
        ({"prior_high": ("0.5", 1)}, "prior_high[1]"),
        ({"c_high": 1}, "c_high[0]"),
    ],
)
def test_bad_parameters(kwargs, field):
    args = {"a": 1, "b": 1, "c_high": 4, "c_low": 10, "prior_high": "0.2", **kwargs}
    with pytest.raises(co.InvalidParameterError) as info:
        bayesian_chicken(**args)
    assert info.value.field == field


def test_escalation_thresholds_in_the_prior_are_the_critical_risks():
    # co.thresholds on the model function: the regime changes exactly where the
    # prior crosses the low and the high type's critical risks (1/10 and 1/4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", co.CoercionWarning)
        res = co.thresholds(
            bayesian_chicken,
            "prior_high",
            over=(0.02, 0.98),
            fixed={"a": 1, "b": 1, "c_high": 4, "c_low": 10},
            grid=49,
        )
    found = sorted({round(float(t.value), 6) for t in res})
    assert found == [0.1, 0.25]


def test_bayesian_form_has_the_same_plans_game():
    from coercion.models import bayesian_chicken_game

    args = ((1, 2), 1, (4, 3), 10, ("0.2", "0.7"))
    assert bayesian_chicken_game(*args).to_strategic_form() == bayesian_chicken(*args)


def test_general_miscalculation_also_predicts_the_collision():
    # co.miscalculation plans by an equilibrium of each side's own game (the
    # one best for itself); underrating the other side, both rules collide
    from coercion.models import bayesian_chicken_game

    g = bayesian_chicken_game(1, 1, 4, 10, "0.2")
    true, low = {"high": F(1, 5), "low": F(4, 5)}, {"high": F(1, 20), "low": F(19, 20)}
    res = co.miscalculation(g, [[true, low], [low, true]], escalate="firm")
    ours = miscalculation(1, 1, 4, 10, "0.2", beliefs="0.05")
    assert res.standoff_probability == ours.collision_probability == 1
