"""Fictitious play and replicator dynamics (coercion.dynamics.learning)."""

from __future__ import annotations

import numpy as np
import pytest

import coercion as co
from coercion.dynamics import fictitious_play, replicator_dynamics
from coercion.errors import InvalidGameError, InvalidParameterError, NotSupportedError

PD = co.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
PENNIES = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
# Shapley (1964): the unique equilibrium is uniform, fictitious play cycles
SHAPLEY = co.NormalFormGame.from_bimatrix(
    [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
)


def test_fictitious_play_converges_in_zero_sum_games():
    # Robinson (1951): empirical frequencies converge to the value's strategies
    fp = fictitious_play(PENNIES, 4000, seed=0)
    assert fp.regrets[-1] < 0.05
    assert fp.regrets[-1] < fp.regrets[100]
    for x in fp.final:
        assert np.allclose(x, 0.5, atol=0.05)


def test_fictitious_play_locks_into_a_strict_equilibrium():
    fp = fictitious_play(PD, 100, seed=3)
    assert np.all(fp.actions[1:] == 1)
    assert fp.regrets[-1] == pytest.approx(fp.final[0][0] * 1, abs=0.05)


def test_fictitious_play_cycles_in_shapleys_game():
    # Shapley (1964): frequencies do not converge, regret stays away from 0
    fp = fictitious_play(SHAPLEY, 3000, seed=0)
    assert fp.regrets[1000:].min() > 0.1


def test_fictitious_play_is_seeded_and_three_players_work():
    a = fictitious_play(SHAPLEY, 200, seed=5)
    b = fictitious_play(SHAPLEY, 200, seed=5)
    np.testing.assert_array_equal(a.actions, b.actions)
    # three-player coordination: everyone ends on one action
    pay = np.zeros((3, 2, 2, 2))
    for p in range(3):
        pay[p, 0, 0, 0], pay[p, 1, 1, 1] = 2, 1
    g = co.NormalFormGame(pay)
    fp = fictitious_play(g, 50, initial=(0, 0, 0))
    assert fp.regrets[-1] == 0 and fp.actions[-1].tolist() == [0, 0, 0]


def test_replicator_symmetric_hawk_dove_reaches_the_mixed_ess():
    # Maynard Smith (1982): the mixed ESS is asymptotically stable
    g = co.models.chicken(2, 1, 8)
    rd = replicator_dynamics(g, symmetric=True, seed=1, time=80)
    # mixed equilibrium of chicken(a, b, c): firm with prob (a)/(a + c - b)
    p = 2 / (2 + 8 - 1)
    assert rd.final[0][1] == pytest.approx(p, abs=1e-6)
    assert rd.regrets[-1] < 1e-6


def test_replicator_two_populations_chicken_goes_to_a_pure_equilibrium():
    rd = replicator_dynamics(co.models.chicken(1, 1, 10), seed=0, time=200, step=0.05)
    assert rd.regrets[-1] < 1e-3
    assert all(max(x) > 0.999 for x in rd.final)


def test_replicator_zero_sum_keeps_its_constant_of_motion():
    # Hofbauer and Sigmund (1998) sec. 10.5: sum x* log x + y* log y is constant
    rd = replicator_dynamics(
        PENNIES, initial=[[0.7, 0.3], [0.4, 0.6]], time=20, step=0.005
    )
    x, y = rd.strategies
    h = 0.5 * np.log(x).sum(axis=1) + 0.5 * np.log(y).sum(axis=1)
    assert np.ptp(h) < 1e-8
    assert rd.regrets.min() > 0.05  # it cycles, it does not converge


def test_replicator_prisoners_dilemma_restricts():
    rd = replicator_dynamics(PD, initial=[[0.99, 0.01], [0.99, 0.01]], time=40)
    assert rd.final[0][1] > 0.999 and rd.final[1][1] > 0.999


def test_bad_learning_inputs():
    with pytest.raises(NotSupportedError, match="game"):
        fictitious_play([[1]], 10)
    with pytest.raises(InvalidParameterError, match="iterations"):
        fictitious_play(PD, 0)
    with pytest.raises(InvalidParameterError, match="initial"):
        fictitious_play(PD, 10, initial=(0, 2))
    with pytest.raises(InvalidGameError, match="symmetric"):
        replicator_dynamics(SHAPLEY, symmetric=True)
    with pytest.raises(InvalidParameterError, match="initial"):
        replicator_dynamics(PD, initial=[[0.5, 0.6], [0.5, 0.5]])


def test_replicator_matches_nashpy():
    # cross-check with nashpy's replicator (scipy odeint): symmetric and
    # asymmetric, same start, same times
    nash = pytest.importorskip("nashpy")
    A = np.array([[0.0, -1.0], [1.0, -10.0]])
    times = np.linspace(0, 10, 1001)
    theirs = nash.Game(A, A.T).replicator_dynamics(
        y0=np.array([0.7, 0.3]), timepoints=times
    )
    ours = replicator_dynamics(
        co.NormalFormGame.from_bimatrix(A, A.T),
        symmetric=True,
        initial=[[0.7, 0.3]],
        time=10,
        step=0.01,
        record_every=1,
    )
    np.testing.assert_allclose(ours.strategies[0], theirs, atol=1e-6)
    B = np.array([[3.0, 5.0], [0.0, 1.0]])
    Ap = np.array([[3.0, 0.0], [5.0, 1.0]])
    xs, ys = nash.Game(Ap, B).asymmetric_replicator_dynamics(
        x0=np.array([0.6, 0.4]), y0=np.array([0.5, 0.5]), timepoints=times
    )
    ours = replicator_dynamics(
        co.NormalFormGame.from_bimatrix(Ap, B),
        initial=[[0.6, 0.4], [0.5, 0.5]],
        time=10,
        step=0.01,
        record_every=1,
    )
    np.testing.assert_allclose(ours.strategies[0], xs, atol=1e-6)
    np.testing.assert_allclose(ours.strategies[1], ys, atol=1e-6)
