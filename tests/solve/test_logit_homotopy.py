"""Tests of coercion.solve.logit_homotopy (logit QRE tracing, polished and certified)."""

from __future__ import annotations

import numpy as np
import pytest

import coercion as co
from coercion.errors import InvalidParameterError, NotSupportedError
from coercion.solve.logit_homotopy import homotopy


@pytest.mark.parametrize(
    ("shape", "seed"),
    [((3, 3, 3), 0), ((3, 3, 3), 1), ((2, 2, 2, 2), 2), ((3, 4), 3), ((2, 3, 2), 4)],
)
def test_random_games_certified(shape, seed):
    rng = np.random.default_rng(seed)
    g = co.NormalFormGame(rng.integers(-50, 51, size=(len(shape), *shape)).tolist())
    eqs = homotopy(g, seed=seed)
    assert len(eqs) == 1 and not eqs.complete and eqs.method == "logit-homotopy"
    (e,) = eqs
    assert e.is_certified
    # the certificate is recomputed here independently of the solver
    assert co.regret(g, [list(v) for v in e.profile]) <= g.default_tol()
    assert co.is_nash(g, [list(v) for v in e.profile])


@pytest.mark.slow
@pytest.mark.parametrize(("shape", "seed"), [((5, 5, 5), 7), ((3, 3, 3, 3), 8)])
def test_larger_games_certified(shape, seed):
    rng = np.random.default_rng(seed)
    g = co.NormalFormGame(rng.random(size=(len(shape), *shape)))
    assert co.is_nash(g, list(homotopy(g)[0].profile))


def test_jordan_matching_pennies_unique_equilibrium():
    # Jordan (1993): the unique equilibrium has everyone mixing 1/2-1/2
    g = co.NormalFormGame.from_function(
        lambda a, b, c: (1 if a == b else -1, 1 if b == c else -1, 1 if c != a else -1),
        [2, 2, 2],
    )
    (e,) = homotopy(g)
    np.testing.assert_allclose(np.concatenate(e.profile), 0.5, atol=1e-12)


def test_dominant_strategies_give_the_pure_equilibrium():
    # three-player prisoner's dilemma: defecting (strategy 1) strictly dominates
    def pay(*a):
        coop = sum(x == 0 for x in a)
        return tuple(2 * coop + (1 if x == 1 else 0) * 3 for x in a)

    g = co.NormalFormGame.from_function(pay, [2, 2, 2])
    (e,) = homotopy(g)
    assert e.is_pure and e.supports == (("2",), ("2",), ("2",))


def test_agrees_with_support_enumeration_on_a_generic_game():
    from coercion.solve.support import support_enumeration

    rng = np.random.default_rng(11)
    g = co.NormalFormGame(rng.integers(-100, 101, size=(3, 2, 2, 2)).tolist())
    (e,) = homotopy(g)
    all_eqs = support_enumeration(g)
    dist = [
        max(
            float(abs(np.asarray(x, float) - y).max())
            for x, y in zip(f.profile, e.profile)
        )
        for f in all_eqs
    ]
    assert min(dist) < 1e-9


def test_trivial_game():
    g = co.NormalFormGame([[[[1]]], [[[2]]], [[[3]]]])
    (e,) = homotopy(g)
    assert e.is_pure


def test_bad_arguments():
    g = co.NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    with pytest.raises(InvalidParameterError, match="tol:"):
        homotopy(g, tol=-1.0)
    with pytest.raises(InvalidParameterError, match="seed:"):
        homotopy(g, seed="x")
    with pytest.raises(NotSupportedError, match="game:"):
        homotopy([[1, 0], [0, 1]])


def test_exact_refinement():
    g = co.NormalFormGame.from_function(
        lambda a, b, c: (1 if a == b else -1, 1 if b == c else -1, 1 if c != a else -1),
        [2, 2, 2],
    )
    eqs = homotopy(g, exact=True)
    (e,) = eqs
    assert eqs.exact and e.exact and e.max_regret == 0
    assert e.to_dict()["profile"] == [["1/2", "1/2"]] * 3
    rng = np.random.default_rng(0)
    g = co.NormalFormGame(rng.integers(0, 10, size=(3, 3, 3, 3)).tolist())
    (e,) = homotopy(g, exact=True)
    assert co.regret(g, [list(v) for v in e.profile]) == 0


def test_exact_needs_an_exact_game():
    g = co.NormalFormGame.from_bimatrix([[1.5, 0], [0, 1]])
    with pytest.raises(NotSupportedError, match="exact:"):
        homotopy(g, exact=True)
    with pytest.raises(InvalidParameterError, match="exact:"):
        homotopy(g, exact="yes")
