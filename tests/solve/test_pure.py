"""Tests of :mod:`coercion.solve.pure`: all pure equilibria, n players."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.errors import InvalidParameterError, NotSupportedError
from coercion.solve.pure import (
    iter_pure_equilibria,
    pure_equilibria,
    pure_equilibrium_mask,
)


def brute_pure(payoffs: np.ndarray) -> list[tuple[int, ...]]:
    """Pure equilibria by checking every unilateral deviation of every profile."""
    n = payoffs.shape[0]
    shape = payoffs.shape[1:]
    out = []
    for a in itertools.product(*(range(s) for s in shape)):
        stable = True
        for p in range(n):
            for b in range(shape[p]):
                dev = list(a)
                dev[p] = b
                if payoffs[(p, *dev)] > payoffs[(p, *a)]:
                    stable = False
        if stable:
            out.append(a)
    return out


@pytest.mark.parametrize(
    ("A", "B", "expected"),
    [
        # Prisoner's dilemma (Osborne 2004, Section 2.2): (defect, defect) only.
        ([[3, 0], [5, 1]], [[3, 5], [0, 1]], [(1, 1)]),
        # Battle of the sexes (Osborne 2004, Example 18.2): both coordinations.
        ([[2, 0], [0, 1]], [[1, 0], [0, 2]], [(0, 0), (1, 1)]),
        # Matching pennies (Osborne 2004, Example 17.1): none.
        ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], []),
        # Chicken (Osborne 2004, Section 4.5): one swerves, the other does not.
        ([[0, -1], [1, -10]], [[0, 1], [-1, -10]], [(0, 1), (1, 0)]),
        # A constant game: every profile.
        ([[1, 1], [1, 1]], [[0, 0], [0, 0]], [(0, 0), (0, 1), (1, 0), (1, 1)]),
    ],
)
def test_textbook_bimatrix(A, B, expected):
    g = co.NormalFormGame.from_bimatrix(A, B)
    eqs = pure_equilibria(g)
    assert eqs.method == "pure" and eqs.complete and eqs.exact
    assert [tuple(c) for c in eqs.info["profiles"].tolist()] == expected
    for e, cell in zip(eqs, expected):
        assert e.is_pure and e.max_regret == 0
        assert [int(np.argmax(s)) for s in e.profile] == list(cell)
        assert e.payoffs == g[cell]


def test_three_player_mckelvey_mclennan():
    # McKelvey and McLennan's 2x2x2 game with 9 equilibria (Gambit's
    # contrib/games/2x2x2.nfg; R. McKelvey and A. McLennan, J. Econ. Theory 72
    # (1997), 411-425). Its four pure equilibria, checked by hand: the profiles
    # with nonzero payoffs, where every deviation earns 0.
    u = np.zeros((3, 2, 2, 2), dtype=int)
    u[:, 0, 0, 0] = (9, 8, 12)
    u[:, 1, 1, 0] = (9, 8, 2)
    u[:, 1, 0, 1] = (3, 4, 6)
    u[:, 0, 1, 1] = (3, 4, 6)
    g = co.NormalFormGame.from_arrays(list(u))
    eqs = pure_equilibria(g)
    want = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0)]
    assert [tuple(a) for a in eqs.info["profiles"].tolist()] == want
    assert brute_pure(u) == want
    assert [e.payoffs for e in eqs] == [(9, 8, 12), (3, 4, 6), (3, 4, 6), (9, 8, 2)]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(1, 3), min_size=1, max_size=4).flatmap(
        lambda shape: st.lists(
            st.integers(0, 2),
            min_size=len(shape) * int(np.prod(shape)),
            max_size=len(shape) * int(np.prod(shape)),
        ).map(lambda v: np.array(v).reshape(len(shape), *shape))
    )
)
def test_random_games_with_ties_match_brute_force(u):
    g = co.NormalFormGame.from_arrays(list(u))
    eqs = pure_equilibria(g)
    want = brute_pure(u)
    assert [tuple(a) for a in eqs.info["profiles"].tolist()] == want
    assert len(eqs) == len(want)
    for e in eqs:
        assert co.is_nash(g, e.profile) and e.max_regret == 0
    # the float path agrees
    flt = pure_equilibria(g.to_float())
    assert [tuple(a) for a in flt.info["profiles"].tolist()] == want
    assert not flt.exact


def test_float_tolerance_and_exact_switch():
    eps = 1e-12
    g = co.NormalFormGame.from_bimatrix(
        [[1.0, 0.0], [1.0 - eps, 0.0]], [[1, 1], [1, 1]]
    )
    # within the default tolerance the near-tie counts as a best response
    assert pure_equilibrium_mask(g).tolist() == [[True, True], [True, True]]
    assert pure_equilibrium_mask(g, tol=0.0).tolist() == [[True, True], [False, True]]
    exact = pure_equilibria(g, exact=True)
    assert exact.exact and len(exact) == 3
    assert isinstance(exact[0].payoffs[0], Fraction)


def test_exact_false_on_exact_game_gives_floats():
    g = co.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    eqs = pure_equilibria(g, exact=False)
    assert not eqs.exact and eqs[0].profile[0].dtype == np.float64


def test_iter_twin_matches_list():
    u = np.random.default_rng(3).integers(0, 2, size=(3, 3, 2, 2))
    g = co.NormalFormGame.from_arrays(list(u))
    listed = [tuple(map(tuple, e.profile)) for e in pure_equilibria(g)]
    iterated = [tuple(map(tuple, e.profile)) for e in iter_pure_equilibria(g)]
    assert listed == iterated and listed


def test_bad_arguments():
    g = co.NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    with pytest.raises(NotSupportedError, match="list"):
        pure_equilibria([[1, 0], [0, 1]])
    with pytest.raises(InvalidParameterError, match="exact"):
        pure_equilibria(g, exact=1)
    with pytest.raises(InvalidParameterError, match="tol"):
        pure_equilibria(g, tol=-1)


@pytest.mark.parametrize("as_float", [False, True])
def test_certificates_equal_the_general_ones(as_float):
    # Pure certificates are computed from one reduction per player; they must
    # equal make_equilibrium's contraction over the whole payoff array.
    from coercion.solve._result import make_equilibrium

    u = np.random.default_rng(11).integers(-2, 3, size=(3, 4, 3, 5))
    g = co.NormalFormGame.from_arrays(list(u))
    if as_float:
        g = g.to_float()
    eqs = pure_equilibria(g)
    assert len(eqs) > 0
    for e in eqs:
        ref = make_equilibrium(g, e.profile, method="reference")
        assert e.is_certified and ref.is_certified
        np.testing.assert_allclose(
            np.array(e.regrets, float), np.array(ref.regrets, float)
        )
        np.testing.assert_allclose(
            np.array(e.payoffs, float), np.array(ref.payoffs, float)
        )
        assert e.exact is not as_float and type(e.payoffs[0]) is type(ref.payoffs[0])
