"""Markov games whose state is dependence (coercion.dynamics.markov)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.dynamics import (
    MarkovGame,
    dependence_game,
    leverage_path,
    managed_dependence_policy,
    markov_perfect_discounted,
    markov_perfect_finite,
    markov_perfect_regret,
    policy_values,
    state_distribution,
)
from coercion.errors import ConvergenceWarning, InvalidGameError, InvalidParameterError

F = Fraction


def two_state_game(discount="1/2"):
    r"""A two-state coercion game whose MPE we derive by hand.

    States H (high dependence) and L (low, absorbing). In L only the target
    acts, earning 10 a period (it is free): :math:`u_L = (0, 10)`, so with
    :math:`\delta = 1/2` (unnormalised sums) :math:`V_L = (0, 20)`.

    In H the sender opens (o) or restricts (r), the target complies (c) or
    defies (d):

    ======  ========  =========
    H       comply    defy
    ======  ========  =========
    open    1, 0      0, 1
    restr.  3, -1     3, -4
    ======  ========  =========

    An imposed restriction (r, d) triggers investment: the state moves to L
    with probability 1/2; otherwise H stays. With :math:`V_H = (x, y)` the
    augmented payoffs in H are :math:`u + \tfrac12 (x, y)` off (r, d) and
    :math:`(3, -4) + (\tfrac x4, \tfrac y4 + 5)` at (r, d).

    *Sender*: against comply :math:`3 + x/2 > 1 + x/2`; against defy
    :math:`3 + x/4 > x/2` iff :math:`x < 12`, always true since
    :math:`x \le 3/(1-\delta) = 6`: restrict is strictly dominant.

    *Target*, given restrict: comply gives :math:`-1 + y/2`, defy
    :math:`1 + y/4`; it complies iff :math:`y > 8`. Complying for ever is worth
    :math:`y = -1/(1-\delta) = -2 < 8`, inconsistent; defying for ever solves
    :math:`y = -4 + \tfrac12(\tfrac y2 + 10)`, so :math:`y = 4/3 < 8`,
    consistent; mixing needs :math:`y = 8` and :math:`y = -2` at once. The
    unique stationary MPE: (restrict, defy) in H, with
    :math:`x = 3 + x/4`, :math:`x = 4`: :math:`V_H = (4, 4/3)`.

    Finite horizons, backward induction from :math:`V_T = 0`: with one period
    left the target complies (:math:`-1 > -4`), values :math:`(3, -1)` and
    :math:`(0, 10)`; with two left it compares :math:`-1 - 1/2 = -3/2` with
    :math:`-4 + \tfrac12(-\tfrac12 + 5) = -7/4`, still complies, values
    :math:`(9/2, -3/2)` and :math:`(0, 15)`; with three left it compares
    :math:`-1 - 3/4 = -7/4` with :math:`-4 + \tfrac12(-\tfrac34 + \tfrac{15}2)
    = -5/8` and defies: the longer the future, the more independence is
    worth, and the target stops complying.
    """
    H = co.NormalFormGame.from_bimatrix(
        [[1, 0], [3, 3]],
        [[0, 1], [-1, -4]],
        players=("Sender", "Target"),
        strategies=(["open", "restrict"], ["comply", "defy"]),
    )
    L = co.NormalFormGame.from_bimatrix(
        [[0]], [[10]], players=("Sender", "Target"), strategies=(["-"], ["-"])
    )
    stay, move = [1, 0], ["1/2", "1/2"]
    return MarkovGame(
        [H, L],
        [[[stay, stay], [stay, move]], [[[0, 1]]]],
        discount=discount,
        states=("H", "L"),
    )


def test_two_state_finite_horizon_matches_hand_derivation():
    sol = markov_perfect_finite(two_state_game(), 3)
    # policies[t]: t = 0 has three periods left
    assert [sol.policy("H", t).supports[1] for t in range(3)] == [
        ("defy",),
        ("comply",),
        ("comply",),
    ]
    assert all(sol.policy("H", t).supports[0] == ("restrict",) for t in range(3))
    assert sol.values[2] == ((F(3), F(-1)), (F(0), F(10)))
    assert sol.values[1] == ((F(9, 2), F(-3, 2)), (F(0), F(15)))
    assert sol.residual == 0
    assert all(e.exact and e.is_certified for pol in sol.policies for e in pol)
    assert sol.n_equilibria == ((1, 1),) * 3


def test_two_state_discounted_mpe_matches_hand_derivation():
    mg = two_state_game()
    sol = markov_perfect_discounted(mg, tol=1e-12)
    assert sol.converged
    eq = sol.policy("H")
    assert eq.supports == (("restrict",), ("defy",))
    np.testing.assert_allclose(sol.values[0], [[4, 4 / 3], [0, 20]], atol=1e-9)
    assert sol.residual <= 1e-9
    # the checker rejects the other stationary candidate
    comply = [[[0, 1], [1, 0]], [[1], [1]]]
    assert markov_perfect_regret(mg, comply) > 1
    np.testing.assert_allclose(policy_values(mg, comply), [[6, -2], [0, 20]])


def test_state_distribution_and_leverage_path_are_exact():
    sol = markov_perfect_finite(two_state_game(), 6)
    dist = state_distribution(sol, "H", 4)
    # the target defies (and invests) while at least three periods are left
    assert dist[:, 0].tolist() == [1, F(1, 2), F(1, 4), F(1, 8), F(1, 16)]
    lev = leverage_path(sol, "H", 4)
    assert lev.tolist() == [3, F(3, 2), F(3, 4), F(3, 8)]


def test_value_iteration_warns_when_it_does_not_converge():
    # one step solves the stage games alone: the target complies, which is
    # not a best reply once independence is valued (regret > 0)
    with pytest.warns(ConvergenceWarning, match="stopped after 1 steps"):
        sol = markov_perfect_discounted(two_state_game("9/10"), max_iter=1)
    assert not sol.converged
    assert sol.policy("H").supports == (("restrict",), ("comply",))
    assert sol.residual > 1


def test_dependence_game_leverage_falls_as_dependence_falls():
    mg = dependence_game(
        ["1", "1/2", "1/10"],
        stake=1,
        backing_down_cost=1,
        exposed_value=4,
        investment_probability="1/2",
        discount="4/5",
    )
    sol = markov_perfect_finite(mg, 4, select="max-sum")
    assert sol.residual == 0
    # at the lowest level an imposed restriction costs the target only 2/5 <
    # backing down (1), so it defies and the sender cannot prevail
    low = sol.policy("d=1/10", 3)
    assert low.supports[1] == ("defy",)
    dist = state_distribution(sol, 0, 4)
    assert all(sum(row) == 1 for row in dist)


def test_default_investment_rate_comes_from_the_chokehold_response():
    from coercion.supply import chokehold_response

    mg = dependence_game([1, 0.5], capability=0.9, tech_speed=0.1)
    q = 1 - np.exp(-chokehold_response(0.9, 0.1).rate)
    assert mg.transitions[0][1, 1, 1] == pytest.approx(q)


def test_managed_dependence_policy_coerces_until_the_threshold_binds():
    # Hirschman's trade-off: a small leverage share is worth using only while
    # coercion does not lower the dependence the sender can exploit
    pol = managed_dependence_policy(
        [1, "3/4", "1/2", "1/4", 0],
        substitution_cost=30,
        coercion_probability="1/2",
        exposed_value=100,
        leverage_share="1/100",
        investment_probability="1/2",
        horizon=40,
        periods=6,
    )
    assert pol.threshold == F(3, 5)  # = managed_dependence_solution's threshold
    assert pol.plan == (
        "export 1/2, coerce",
        "export 1/2, coerce",
        "export 1/2",
        "export 1/4",
        "export 0",
    )
    assert pol.export_path.tolist() == [F(1, 2)] * 6
    assert pol.leverage_path[0] == F(1, 2)
    assert pol.leverage_path[-1] < pol.leverage_path[0]
    static = co.models.managed_dependence_solution(30, "1/2", 100)
    assert pol.threshold == static.threshold
    inf = managed_dependence_policy(
        [1, "3/4", "1/2", "1/4", 0],
        substitution_cost=30,
        coercion_probability="1/2",
        exposed_value=100,
        leverage_share="1/100",
        investment_probability="1/2",
    )
    assert inf.solution.converged and inf.plan == pol.plan


def test_bad_markov_games_name_the_field():
    g = co.NormalFormGame.from_bimatrix([[1]], [[1]])
    with pytest.raises(InvalidGameError, match="transitions"):
        MarkovGame([g], [[[["1/2"]]]], discount="1/2")
    with pytest.raises(InvalidParameterError, match="discount"):
        MarkovGame([g], [[[[1]]]], discount=2)
    with pytest.raises(InvalidParameterError, match="levels"):
        dependence_game([0.5, 1])
    with pytest.raises(InvalidParameterError, match="discount"):
        markov_perfect_discounted(MarkovGame([g], [[[[1]]]], discount=1))


@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.integers(-5, 5), min_size=9, max_size=9),
    st.integers(1, 3),
    st.fractions(0, 1, max_denominator=4),
)
def test_backward_induction_is_certified_property(u, horizon, q):
    # random two-state games: every selected stage equilibrium is an exact
    # Nash equilibrium of its augmented game, and values are its payoffs
    H = co.NormalFormGame.from_bimatrix([u[0:2], u[2:4]], [u[4:6], u[6:8]])
    L = co.NormalFormGame.from_bimatrix([[u[8]]], [[-u[8]]])
    stay, move = [1, 0], [1 - q, q]
    mg = MarkovGame([H, L], [[[stay, move], [move, stay]], [[[0, 1]]]], discount="3/4")
    sol = markov_perfect_finite(mg, horizon)
    assert sol.residual == 0
    for t in range(horizon):
        for s, eq in enumerate(sol.policies[t]):
            assert eq.exact and eq.is_certified
            assert tuple(eq.payoffs) == sol.values[t][s]
    dist = state_distribution(sol, "0", horizon)
    assert all(sum(row) == 1 for row in dist)
