"""Tests of coercion.solve.lemke_howson: known games, certificates, peers."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import coercion as co
import coercion.solve.lemke_howson as lh_module
from coercion.errors import InvalidParameterError, NotSupportedError
from coercion.solve.enumeration import enumerate_equilibria
from coercion.solve.lemke_howson import lemke_howson

F = Fraction


def _profiles(eqs):
    return [tuple(tuple(s) for s in e.profile) for e in eqs]


def _extreme_set(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return set(_profiles(enumerate_equilibria(game)))


@pytest.mark.parametrize(
    ("A", "B", "label", "expected"),
    [
        # Battle of the sexes (Osborne 2004, Example 18.1): label 0 ends at
        # the row player's favourite, label 1 at the column player's.
        ([[3, 0], [0, 2]], [[2, 0], [0, 3]], 0, ((1, 0), (1, 0))),
        ([[3, 0], [0, 2]], [[2, 0], [0, 3]], 1, ((0, 1), (0, 1))),
        # Matching pennies: the unique mixed equilibrium from every label.
        ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], 2, ((F(1, 2),) * 2, (F(1, 2),) * 2)),
        # Prisoner's dilemma: defect, defect.
        ([[3, 0], [5, 1]], [[3, 5], [0, 1]], 3, ((0, 1), (0, 1))),
        # von Stengel (2007), Figure 3.2: label 1 reaches the mixed equilibrium.
        (
            [[3, 3], [2, 5], [0, 6]],
            [[3, 2], [2, 6], [3, 1]],
            1,
            ((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
        ),
    ],
)
def test_known_games(A, B, label, expected):
    g = co.NormalFormGame.from_bimatrix(A, B)
    eqs = lemke_howson(g, initial_label=label)
    assert len(eqs) == 1 and eqs.exact and not eqs.complete
    assert _profiles(eqs) == [expected]
    assert eqs[0].max_regret == 0
    assert eqs.method == "lemke-howson (exact)"


def test_von_stengel_all_labels_miss_the_negative_index_equilibrium():
    # von Stengel (2007), Section 3.5: the equilibrium ((4/5, 1/5, 0), (2/3, 1/3))
    # has index -1 and is reached from no label.
    g = co.NormalFormGame.from_bimatrix(
        [[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]
    )
    eqs = lemke_howson(g, all_labels=True)
    found = set(_profiles(eqs))
    assert len(found) == 2
    assert ((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))) not in found
    assert found < _extreme_set(g)
    assert sorted(eqs.info["labels"]) == [0, 1, 2, 3, 4]


small_games = st.integers(1, 4).flatmap(
    lambda m: st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            hnp.arrays(np.int64, (m, n), elements=st.integers(-2, 2)),
            hnp.arrays(np.int64, (m, n), elements=st.integers(-2, 2)),
        )
    )
)


@settings(max_examples=60, deadline=None)
@given(AB=small_games)
def test_every_label_is_an_exact_extreme_equilibrium_with_ties(AB):
    # Small integer payoffs make most of these games degenerate: the
    # lexicographic rule must still terminate with an extreme equilibrium.
    g = co.NormalFormGame.from_bimatrix(*AB)
    eqs = lemke_howson(g, all_labels=True)
    assert 1 <= len(eqs) <= sum(g.shape)
    extreme = _extreme_set(g)
    for e in eqs:
        assert co.is_nash(g, e.profile)
        assert e.max_regret == 0
    assert set(_profiles(eqs)) <= extreme


@settings(max_examples=25, deadline=None)
@given(AB=small_games, label=st.integers(0, 7))
def test_float_path_is_certified_and_among_the_equilibria(AB, label):
    g = co.NormalFormGame.from_bimatrix(*AB).to_float()
    label %= sum(g.shape)
    eqs = lemke_howson(g, initial_label=label)
    e = eqs[0]
    assert not eqs.exact and e.is_certified
    assert co.is_nash(g, e.profile)
    extreme = [
        tuple(np.array(p, dtype=float) for p in prof)
        for prof in _extreme_set(g.to_exact())
    ]
    assert any(
        all(np.allclose(a, b, atol=1e-9) for a, b in zip(e.profile, prof))
        for prof in extreme
    )


@pytest.mark.parametrize("shape", [(3, 3), (5, 4), (6, 6)])
def test_random_float_games_agree_with_the_exact_path(shape):
    rng = np.random.default_rng(sum(shape))
    A = rng.integers(0, 10**6, size=shape) / 10**6
    B = rng.integers(0, 10**6, size=shape) / 10**6
    g = co.NormalFormGame.from_bimatrix(A, B)
    fl = lemke_howson(g, all_labels=True)
    ex = lemke_howson(g, all_labels=True, exact=True)
    assert ex.exact and not fl.exact
    assert fl.info["labels"] == ex.info["labels"]
    for a, b in zip(fl, ex):
        for p, q in zip(a.profile, b.profile):
            np.testing.assert_allclose(p, np.array(q, dtype=float), atol=1e-12)


def test_nashpy_agrees_on_nondegenerate_games():
    nash = pytest.importorskip("nashpy")
    rng = np.random.default_rng(11)
    compared = peer_failures = 0
    for m, n in [(3, 3), (4, 5), (6, 6)]:
        A = rng.random((m, n))
        B = rng.random((m, n))
        g = co.NormalFormGame.from_bimatrix(A, B)
        peer = nash.Game(A, B)
        for label in range(m + n):
            ours = lemke_howson(g, initial_label=label)[0]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                theirs = peer.lemke_howson(initial_dropped_label=label)
            if [len(t) for t in theirs] != [m, n] or not co.is_nash(g, theirs):
                # nashpy's tableau sometimes ends on a broken basis and
                # returns a vector of the wrong size: nothing to compare.
                peer_failures += 1
                continue
            compared += 1
            for p, q in zip(ours.profile, theirs):
                np.testing.assert_allclose(p, q, atol=1e-9)
    assert compared >= 20 and peer_failures <= 3


def test_constant_game_terminates():
    g = co.NormalFormGame.from_bimatrix(
        np.zeros((4, 3), dtype=int), np.zeros((4, 3), dtype=int)
    )
    eqs = lemke_howson(g, all_labels=True)
    assert all(co.is_nash(g, e.profile) for e in eqs)
    eqs = lemke_howson(g.to_float(), all_labels=True)
    assert all(e.is_certified for e in eqs)


def test_exact_false_on_an_exact_game_certifies_floats_against_it():
    g = co.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    eqs = lemke_howson(g, initial_label=2, exact=False)
    assert not eqs.exact and eqs[0].is_certified
    assert eqs[0].profile[0].dtype == np.float64


def test_exact_true_on_a_float_game_solves_its_binary_values():
    g = co.NormalFormGame.from_bimatrix([[0.1, 0.0], [0.0, 0.2]])
    eqs = lemke_howson(g, exact=True)
    assert eqs.exact and eqs.game.is_exact
    assert eqs[0].max_regret == 0


def test_float_breakdown_falls_back_to_the_exact_path(monkeypatch):
    g = co.NormalFormGame.from_bimatrix([[1.0, -1.0], [-1.0, 1.0]])
    monkeypatch.setattr(lh_module, "_fast_float_path", lambda *args: None)
    eqs = lemke_howson(g, initial_label=1)
    assert eqs.info["exact_fallback"] == [1]
    assert eqs[0].extra["exact_fallback"] is True
    np.testing.assert_allclose(eqs[0].profile[0], [0.5, 0.5])


def test_large_random_game_float_path():
    rng = np.random.default_rng(5)
    A = rng.random((40, 40))
    B = rng.random((40, 40))
    g = co.NormalFormGame.from_bimatrix(A, B)
    e = lemke_howson(g, initial_label=7)[0]
    assert e.is_certified and e.extra["pivots"] >= 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"initial_label": 4}, "initial_label"),
        ({"initial_label": -1}, "initial_label"),
        ({"initial_label": True}, "initial_label"),
        ({"initial_label": 1.0}, "initial_label"),
        ({"all_labels": 1}, "all_labels"),
        ({"exact": "yes"}, "exact"),
        ({"tol": -1.0}, "tol"),
        ({"tol": float("nan")}, "tol"),
    ],
)
def test_invalid_arguments_name_the_field(kwargs, field):
    g = co.NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    with pytest.raises(InvalidParameterError) as err:
        lemke_howson(g, **kwargs)
    assert err.value.field == field


def test_not_two_players():
    g = co.NormalFormGame(np.zeros((3, 2, 2, 2), dtype=int))
    with pytest.raises(NotSupportedError):
        lemke_howson(g)
    with pytest.raises(NotSupportedError):
        lemke_howson([[1, 0], [0, 1]])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_compiled_kernel_follows_the_numpy_path(seed):
    pytest.importorskip("numba")
    from coercion.solve._lh_numba import float_path

    rng = np.random.default_rng(seed)
    MP = 1.0 + rng.random((7, 9))
    MQ = 1.0 + rng.random((9, 7))
    MP[0, :3] = MP[1, :3]  # ties, for the lexicographic rule
    for label in range(16):
        xf, yf, pf = lh_module._float_path(MP, MQ, label)
        x, y, pivots, status = float_path(
            MP, MQ, label, 1000, lh_module._PIVOT_TOL, lh_module._RATIO_TOL
        )
        assert status == 0 and pivots == pf
        np.testing.assert_allclose(x / x.sum(), xf, atol=1e-12)
        np.testing.assert_allclose(y / y.sum(), yf, atol=1e-12)


def test_numpy_path_without_numba(monkeypatch):
    monkeypatch.setattr(lh_module, "_compiled_path", lambda: None)
    rng = np.random.default_rng(8)
    g = co.NormalFormGame.from_bimatrix(rng.random((6, 5)), rng.random((6, 5)))
    eqs = lemke_howson(g, all_labels=True)
    assert all(e.is_certified for e in eqs)
    assert "exact_fallback" not in eqs.info
