"""War of attrition: hazards, discretised game, private-information bids."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest

import coercion as co
from coercion.models import (
    attrition_concession_time,
    attrition_expected_duration,
    attrition_hazards,
    attrition_private_costs,
    attrition_pure_equilibria,
    war_of_attrition,
)
from coercion.solve.enumeration import enumerate_equilibria

F = Fraction


@pytest.mark.parametrize(
    ("value", "cost", "hazard"),
    [
        # issue 7 acceptance: value 10, costs 1 and 2 -> hazards 0.2 and 0.1
        (10, (1, 2), (Fraction(1, 5), Fraction(1, 10))),
        # symmetric: lambda = c / V (Fudenberg-Tirole 1991, 4.5.2)
        (4, 1, (Fraction(1, 4), Fraction(1, 4))),
        ((10, 5), (1, 1), (Fraction(1, 5), Fraction(1, 10))),
    ],
)
def test_hazards(value, cost, hazard):
    sol = attrition_hazards(value, cost)
    assert sol.hazard == hazard
    assert sol.expected_duration == 1 / (hazard[0] + hazard[1])
    assert sum(sol.win_probability) == 1


def test_hazards_make_the_other_side_indifferent():
    V, c = (10, 7), (1, 2)
    h = attrition_hazards(V, c).hazard
    for j in range(2):
        # holding on for dt: win V_j at rate h_i, pay c_j
        assert h[1 - j] * V[j] - c[j] == 0


def test_survival_is_exponential():
    sol = attrition_hazards(10, (1, 2))
    assert sol.survival(0, 5) == pytest.approx(math.exp(-1.0))


@pytest.mark.parametrize(
    ("value", "cost", "horizon", "step"),
    [(10, (1, 2), 10, 1), (10, (1, 2), 6, 1), (4, 1, 1, Fraction(1, 2)), (3, 1, 1, 1)],
)
def test_solver_pure_equilibria_match_closed_form(value, cost, horizon, step):
    g = war_of_attrition(value, cost, horizon=horizon, step=step)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", co.DegenerateGameWarning)
        eqs = enumerate_equilibria(g)
    pure = {tuple(s[0] for s in e.supports) for e in eqs if e.is_pure}
    expected = set(attrition_pure_equilibria(value, cost, horizon=horizon, step=step))
    assert pure == expected
    assert expected


def test_known_pure_equilibria_value_10_costs_1_2():
    # side A (cost 1) is deterred only by B holding out >= V/c = 10 (the horizon);
    # side B (cost 2) is deterred by A holding out >= 5
    eqs = attrition_pure_equilibria(10, (1, 2), horizon=10)
    assert ("t=0", "t=10") in eqs
    assert {e for e in eqs if e[1] == "t=0"} == {
        (f"t={t}", "t=0") for t in range(5, 11)
    }


def test_bad_grid_is_rejected():
    with pytest.raises(co.InvalidParameterError) as info:
        war_of_attrition(10, 1, horizon=1, step=Fraction(2, 3))
    assert info.value.field == "horizon"


def test_uniform_bid_matches_quadrature():
    lo, hi = 0.5, 2.0
    for v in (0.5, 0.9, 1.5, 1.99):
        closed = attrition_concession_time(v, low=lo, high=hi, cost=2)
        numeric = attrition_concession_time(
            v,
            low=lo,
            high=hi,
            cost=2,
            cdf=lambda x: (x - lo) / (hi - lo),
            pdf=lambda x: 1 / (hi - lo),
        )
        assert closed == pytest.approx(numeric, rel=1e-8, abs=1e-12)


def test_uniform_bid_is_a_best_response():
    # type v mimicking type w earns v F(w) - int_0^w t f - t(w) (1 - F(w))
    from scipy.integrate import quad

    def t(x):
        return attrition_concession_time(x, low=0, high=1)

    def payoff(v, w):
        paid, _ = quad(t, 0, w)
        return v * w - paid - t(w) * (1 - w)

    grid = np.linspace(0.0, 0.95, 96)
    for v in (0.2, 0.5, 0.8):
        best = grid[int(np.argmax([payoff(v, w) for w in grid]))]
        assert best == pytest.approx(v, abs=0.011)


def test_expected_duration_uniform_known_answer_and_monte_carlo():
    # Krishna-Morgan (1997): E[D] = E[min v] / 2 = 1/6 for U[0, 1], unit cost
    assert attrition_expected_duration(low=0, high=1) == Fraction(1, 6)
    rng = np.random.default_rng(7)
    v = rng.uniform(0, 1, size=(40_000, 2))
    lo = v.min(axis=1)
    d = -lo - np.log1p(-lo)
    assert d.mean() == pytest.approx(1 / 6, abs=0.005)


def test_expected_duration_general_cdf_matches_uniform():
    val = attrition_expected_duration(low=1, high=4, cost=2, cdf=lambda x: (x - 1) / 3)
    assert val == pytest.approx(
        float(attrition_expected_duration(low=1, high=4, cost=2))
    )


@pytest.mark.parametrize("cost_low", [0.0, 1.0])
def test_private_cost_time_matches_value_transform(cost_low):
    # pain tolerance r = V / c is a private value with unit cost
    V, hi = 10.0, 3.0
    r_lo = V / hi

    def cdf(r):
        return (hi - V / r) / (hi - cost_low)

    def pdf(r):
        return V / (r * r * (hi - cost_low))

    for c in (1.2, 2.0, 2.9):
        if c <= cost_low:
            continue
        closed = attrition_private_costs(c, value=V, cost_low=cost_low, cost_high=hi)
        numeric = attrition_concession_time(
            V / c, low=r_lo, high=V / cost_low if cost_low else 1e9, cdf=cdf, pdf=pdf
        )
        assert closed == pytest.approx(numeric, rel=1e-6)


def test_higher_pain_tolerance_holds_out_longer():
    times = [
        attrition_private_costs(c, value=10, cost_low=1, cost_high=3)
        for c in (1.1, 1.5, 2, 2.5, 3)
    ]
    assert all(a > b for a, b in itertools.pairwise(times))
    assert times[-1] == 0


@pytest.mark.parametrize(("lo", "hi"), [(0, 2), (1, 3), (F(1, 2), 4)])
def test_private_costs_duration_matches_monte_carlo(lo, hi):
    from coercion.models import attrition_private_costs_duration

    V = 10.0
    rng = np.random.default_rng(11)
    c = rng.uniform(float(lo), float(hi), size=(100_000, 2)).max(axis=1)
    # closed-form t(c), vectorised: the fight ends when the higher cost gives up
    if lo == 0:
        t = V / c - V / hi
    else:
        lo_, hi_ = float(lo), float(hi)
        t = V / lo_ * np.log(c * (hi_ - lo_) / (hi_ * (c - lo_)))
    expected = attrition_private_costs_duration(value=V, cost_low=lo, cost_high=hi)
    assert t.mean() == pytest.approx(expected, rel=0.02)


def test_concession_hazard_is_cost_over_conceding_type():
    from coercion.models import attrition_concession_hazard

    # Monte Carlo: among sides still in at t, the share conceding in [t, t + dt)
    rng = np.random.default_rng(5)
    v = rng.uniform(0, 1, size=400_000)
    times = -v - np.log1p(-v)
    for t in (0.05, 0.2, 0.6):
        dt = 0.01
        alive = times >= t
        rate = np.mean(times[alive] < t + dt) / dt
        h = attrition_concession_hazard(t + dt / 2, low=0, high=1)
        assert rate == pytest.approx(h, rel=0.05)
        v_t = 1 / h
        assert attrition_concession_time(v_t, low=0, high=1) == pytest.approx(
            t + dt / 2
        )


def _times(label):
    # "t=3|c=1, t=0|c=2" -> {cost: time}
    out = {}
    for part in label.split(", "):
        t, c = part.split("|")
        out[F(c[2:])] = F(t[2:])
    return out


@pytest.mark.parametrize(
    ("value", "costs", "prior", "horizon"),
    [
        (4, [1, 3], ["1/2", "1/2"], 4),
        (6, [1, 2], ["1/4", "3/4"], 5),
        (5, [1, 2, 4], ["1/3", "1/3", "1/3"], 3),
        (10, [1, 4], ["1/2", "1/2"], 4),
    ],
)
def test_bayesian_attrition_lower_cost_types_hold_out_longer(
    value, costs, prior, horizon
):
    # Milgrom-Shannon: in every pure Bayesian equilibrium t(c_low) >= t(c_high)
    # unless the opponent has surely conceded by t(c_low)
    from coercion.models import war_of_attrition_bayesian
    from coercion.solve.pure import pure_equilibria

    g = war_of_attrition_bayesian(value, costs, prior, horizon=horizon)
    eqs = pure_equilibria(g)
    assert len(eqs) > 0
    for e in eqs:
        plans = [_times(s[0]) for s in e.supports]
        for i in range(2):
            mine, theirs = plans[i], plans[1 - i]
            latest_other = max(theirs.values())
            cs = sorted(mine)
            for lo, hi in itertools.pairwise(cs):
                assert mine[lo] >= mine[hi] or latest_other <= mine[lo]


def test_bayesian_attrition_with_one_type_is_the_complete_information_game():
    from coercion.models import war_of_attrition_bayesian

    g = war_of_attrition_bayesian(10, [2], [1], horizon=3)
    h = war_of_attrition(10, 2, horizon=3)
    assert (g.payoffs == h.payoffs).all()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"costs": [1, 1], "prior": ["1/2", "1/2"]}, "costs[1]"),
        ({"costs": [1, 2], "prior": ["1/2"]}, "prior"),
        ({"costs": [1, 2], "prior": ["1/2", "1/3"]}, "prior"),
    ],
)
def test_bayesian_attrition_bad_types(kwargs, field):
    from coercion.models import war_of_attrition_bayesian

    with pytest.raises(co.InvalidParameterError) as info:
        war_of_attrition_bayesian(4, horizon=2, **kwargs)
    assert info.value.field == field
