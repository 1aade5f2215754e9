"""Tests of :mod:`coercion.solve.zero_sum`: LP value and optimal strategies."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.errors import (
    DegenerateGameWarning,
    InvalidParameterError,
    NotSupportedError,
)
from coercion.solve.enumeration import enumerate_equilibria
from coercion.solve.zero_sum import solve_zero_sum, zero_sum_equilibria

F = Fraction


@pytest.mark.parametrize(
    ("A", "value", "x", "y"),
    [
        # Matching pennies: value 0, both uniform (Osborne 2004, Example 17.1).
        ([[1, -1], [-1, 1]], 0, ["1/2", "1/2"], ["1/2", "1/2"]),
        # Rock-paper-scissors: value 0, both uniform.
        (
            [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
            0,
            ["1/3", "1/3", "1/3"],
            ["1/3", "1/3", "1/3"],
        ),
        # Saddle point at (row 1, column 2): the entry 2 is the smallest of its
        # row and the largest of its column, so max min = min max = 2.
        ([[4, 2, 3], [1, 0, 5]], 2, [1, 0], [0, 1, 0]),
        # A 2x4 game solved graphically in T. S. Ferguson, Game Theory, Part II,
        # Section 3 (2 x n games): columns 2 and 3 cross at p = 5/7, value 17/7
        # (1 + 2p = 6 - 5p), and the column player mixes them 5/7, 2/7.
        (
            [[2, 3, 1, 5], [4, 1, 6, 0]],
            "17/7",
            ["5/7", "2/7"],
            [0, "5/7", "2/7", 0],
        ),
    ],
)
def test_known_values(A, value, x, y):
    sol = solve_zero_sum(co.NormalFormGame.from_bimatrix(A))
    assert sol.exact and sol.value == F(value)
    assert list(sol.equilibrium.profile[0]) == [F(v) for v in x]
    assert list(sol.equilibrium.profile[1]) == [F(v) for v in y]
    assert sol.equilibrium.max_regret == 0
    flt = solve_zero_sum(co.NormalFormGame.from_bimatrix(A).to_float())
    assert not flt.exact and abs(flt.value - float(F(value))) < 1e-9
    assert flt.equilibrium.is_certified


def test_constant_sum_game():
    # B = 10 - A: same optimal strategies as (A, -A); column player gets 10 - v.
    A = [[3, -1], [-1, 1]]
    B = [[10 - a for a in row] for row in A]
    sol = solve_zero_sum(co.NormalFormGame.from_bimatrix(A, B))
    assert sol.constant == 10 and sol.value == F(1, 3)
    assert sol.equilibrium.payoffs == (F(1, 3), F(29, 3))


def value_by_enumeration(game):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return {e.payoffs[0] for e in enumerate_equilibria(game)}


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda m: st.integers(1, 5).flatmap(
            lambda n: st.lists(
                st.lists(st.integers(-3, 3), min_size=n, max_size=n),
                min_size=m,
                max_size=m,
            )
        )
    )
)
def test_random_games_with_ties_exact_value(A):
    game = co.NormalFormGame.from_bimatrix(A)
    sol = solve_zero_sum(game)
    # every equilibrium of a zero-sum game has the row player's payoff = value
    assert value_by_enumeration(game) == {sol.value}
    assert sol.equilibrium.max_regret == 0 and co.is_nash(game, sol.equilibrium.profile)
    assert all(isinstance(p, Fraction) for s in sol.equilibrium.profile for p in s)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 12), st.integers(2, 12), st.integers(0, 2**32 - 1))
def test_random_float_games_certified(m, n, seed):
    A = np.random.default_rng(seed).uniform(-1e3, 1e3, size=(m, n))
    game = co.NormalFormGame.from_bimatrix(A)
    sol = solve_zero_sum(game)
    assert sol.equilibrium.is_certified and co.is_nash(game, sol.equilibrium.profile)
    exact = solve_zero_sum(game, exact=True)
    assert exact.exact and exact.equilibrium.max_regret == 0
    assert abs(float(exact.value) - sol.value) <= 1e-9 * 2e3


def test_large_exact_game_stays_exact():
    A = np.random.default_rng(1).integers(-(10**6), 10**6, size=(30, 25))
    sol = solve_zero_sum(co.NormalFormGame.from_bimatrix(A.tolist()))
    assert sol.exact and sol.equilibrium.max_regret == 0


def test_equilibrium_set_form():
    g = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    eqs = zero_sum_equilibria(g)
    assert len(eqs) == 1 and not eqs.complete and eqs.exact
    assert eqs.method == "zero-sum LP (HiGHS, exact)"
    assert eqs.info["value"] == 0
    assert "value=0" in repr(solve_zero_sum(g))


def test_errors():
    with pytest.raises(NotSupportedError, match="constant-sum"):
        solve_zero_sum(
            co.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
        )
    three = co.NormalFormGame.from_arrays([np.zeros((2, 2, 2))] * 3)
    with pytest.raises(NotSupportedError, match="3 players"):
        solve_zero_sum(three)
    with pytest.raises(NotSupportedError, match="NormalFormGame"):
        solve_zero_sum([[1, -1], [-1, 1]])
    g = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    with pytest.raises(InvalidParameterError, match="tol"):
        solve_zero_sum(g, tol=-1)
    with pytest.raises(InvalidParameterError, match="exact"):
        solve_zero_sum(g, exact="no")


@settings(max_examples=50, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda n: st.tuples(
            st.lists(
                st.lists(st.integers(-5, 5), min_size=n, max_size=n),
                min_size=n,
                max_size=n,
            ),
            st.lists(st.integers(-5, 5), min_size=n, max_size=n),
        )
    )
)
def test_bareiss_solve_matches_fraction_elimination(Kb):
    from coercion.solve.zero_sum import _bareiss_solve

    K, b = Kb
    n = len(K)
    # reference: Gauss-Jordan in Fractions
    a = [[F(v) for v in row] + [F(r)] for row, r in zip(K, b)]
    singular = False
    for c in range(n):
        piv = next((i for i in range(c, n) if a[i][c] != 0), None)
        if piv is None:
            singular = True
            break
        a[c], a[piv] = a[piv], a[c]
        a[c] = [v / a[c][c] for v in a[c]]
        for i in range(n):
            if i != c and a[i][c] != 0:
                f = a[i][c]
                a[i] = [v - f * w for v, w in zip(a[i], a[c])]
    got = _bareiss_solve(K, b)
    if singular:
        assert got is None
    else:
        z, det = got
        assert det > 0 and [F(v, det) for v in z] == [a[i][n] for i in range(n)]
