"""Brinkmanship: the window of risks, checked on the tree and its strategic form."""

from __future__ import annotations

import warnings
from fractions import Fraction

import pytest

import coercion as co
from coercion.models import brinkmanship, brinkmanship_tree, brinkmanship_window
from coercion.solve.enumeration import enumerate_equilibria

F = Fraction
ARGS = (10, 2, 100, 20, "0.2")  # v, w, D_S, D_T, theta


@pytest.mark.parametrize(
    ("theta", "r_min", "r_max", "feasible"),
    [
        # Dixit-Skeath effectiveness r >= w / D_T, acceptability
        # r <= (1 - theta) v / (theta D_S)
        ("0.2", F(1, 10), F(2, 5), True),
        ("0.5", F(1, 10), F(1, 10), True),
        ("0.6", F(1, 10), F(1, 15), False),
        (0, F(1, 10), F(1), True),
    ],
)
def test_window_known_answers(theta, r_min, r_max, feasible):
    w = brinkmanship_window(10, 2, 100, 20, theta)
    assert (w.min_risk, w.max_risk, w.feasible) == (r_min, r_max, feasible)
    if feasible:
        assert w.optimal_risk == r_min
        assert w.disaster_probability == F(theta) * r_min


def test_deliberate_threat_credible_only_with_large_backdown_cost():
    assert not brinkmanship_window(*ARGS).deliberate_threat_credible
    assert brinkmanship_window(*ARGS, backdown_cost=100).deliberate_threat_credible


def _equilibria(risk):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", co.DegenerateGameWarning)
        return enumerate_equilibria(brinkmanship(risk, *ARGS))


@pytest.mark.parametrize(
    ("risk", "threatens"),
    [("0.05", False), ("0.2", True), ("0.3", True), ("0.5", False), ("0.9", False)],
)
def test_solver_agrees_with_window(risk, threatens):
    # strictly inside the window: threaten-comply is an equilibrium, and the only
    # one once the target's weakly dominated (non-credible) defiance is removed;
    # outside: the sender never threatens in any equilibrium
    w = brinkmanship_window(*ARGS)
    r = F(risk)
    assert (w.min_risk < r < w.max_risk) == threatens
    eqs = _equilibria(risk)
    if threatens:
        assert (("threaten",), ("comply",)) in [e.supports for e in eqs]
        reduced, _ = brinkmanship(risk, *ARGS).eliminate_dominated(weak=True)
        assert reduced.strategies == (("threaten",), ("comply",))
        v, _, ds, _, theta = 10, 2, 100, 20, F(1, 5)
        (e,) = [e for e in eqs if e.supports == (("threaten",), ("comply",))]
        assert e.payoffs[0] == (1 - theta) * v - theta * r * ds
    else:
        assert all(e.supports[0] == ("no threat",) for e in eqs)


def test_sender_payoff_at_optimal_risk():
    w = brinkmanship_window(*ARGS)
    g = brinkmanship(w.optimal_risk, *ARGS)
    assert g.expected_payoffs([{"threaten": 1}, {"comply": 1}])[0] == w.sender_payoff


def test_subgame_perfect_play_on_the_tree():
    spe = pytest.importorskip("coercion.solve.subgame_perfect")
    g = brinkmanship_tree("0.2", *ARGS)
    eqs = spe.subgame_perfect_equilibria(g)
    assert len(eqs) == 1
    assert eqs[0].payoffs == g.expected_payoffs([["threaten"], ["comply"]])


def test_bad_risk():
    with pytest.raises(co.InvalidParameterError) as info:
        brinkmanship("1.5", *ARGS)
    assert info.value.field == "risk"
