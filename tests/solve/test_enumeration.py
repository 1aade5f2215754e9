"""Tests of :mod:`coercion.solve.enumeration`: all extreme equilibria, components.

Known answers come from textbooks (cited per case); properties are checked
against an independent brute-force vertex enumeration written here with
Fraction linear algebra, and against nashpy on nondegenerate games.
"""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.errors import (
    DegenerateGameWarning,
    InvalidParameterError,
    NotSupportedError,
)
from coercion.solve.enumeration import enumerate_equilibria, iter_extreme_equilibria

F = Fraction


def profiles(eqs) -> list[tuple[tuple[Fraction, ...], ...]]:
    return [tuple(tuple(F(v) for v in s) for s in e.profile) for e in eqs]


def quiet_enumerate(game, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return enumerate_equilibria(game, **kwargs)


def fr(*xs) -> tuple[Fraction, ...]:
    return tuple(F(x) for x in xs)


# ---------------------------------------------------------------- known answers
TEXTBOOK = {
    # Prisoner's dilemma: unique equilibrium (defect, defect); Osborne (2004),
    # An Introduction to Game Theory, Section 2.2 / Example 2.17 (payoffs 3,0,5,1
    # as in Axelrod 1984).
    "prisoners-dilemma": (
        [[3, 0], [5, 1]],
        [[3, 5], [0, 1]],
        [(fr(0, 1), fr(0, 1))],
    ),
    # Chicken (swerve, straight) with crash payoff -10: two pure equilibria and
    # the mixed one where each swerves with probability 9/10 (indifference
    # p - 1 = 11 p - 10); Osborne (2004), Exercise 114.3 / Section 4.5.
    "chicken": (
        [[0, -1], [1, -10]],
        [[0, 1], [-1, -10]],
        [
            (fr(1, 0), fr(0, 1)),
            (fr("9/10", "1/10"), fr("9/10", "1/10")),
            (fr(0, 1), fr(1, 0)),
        ],
    ),
    # Battle of the sexes (Bach or Stravinsky), Osborne (2004), Example 18.2 and
    # Section 4.3 (mixed equilibrium ((2/3, 1/3), (1/3, 2/3))).
    "battle-of-the-sexes": (
        [[2, 0], [0, 1]],
        [[1, 0], [0, 2]],
        [
            (fr(1, 0), fr(1, 0)),
            (fr("2/3", "1/3"), fr("1/3", "2/3")),
            (fr(0, 1), fr(0, 1)),
        ],
    ),
    # Matching pennies: unique equilibrium, both uniform; Osborne (2004),
    # Example 17.1 / Section 4.3.
    "matching-pennies": (
        [[1, -1], [-1, 1]],
        [[-1, 1], [1, -1]],
        [(fr("1/2", "1/2"), fr("1/2", "1/2"))],
    ),
    # Rock-paper-scissors: unique equilibrium, both uniform; Osborne (2004),
    # Exercise 141.2 (zero-sum, value 0).
    "rock-paper-scissors": (
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
        [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
        [(fr("1/3", "1/3", "1/3"), fr("1/3", "1/3", "1/3"))],
    ),
    # Shapley's 3x3 game: unique equilibrium, both uniform, around which
    # fictitious play cycles; L. S. Shapley, "Some topics in two-person games",
    # Advances in Game Theory, Annals of Math. Studies 52 (1964), 1-28.
    "shapley-1964": (
        [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
        [[0, 1, 0], [0, 0, 1], [1, 0, 0]],
        [(fr("1/3", "1/3", "1/3"), fr("1/3", "1/3", "1/3"))],
    ),
    # 3x2 game of von Stengel (2007), Algorithmic Game Theory ch. 3, Figure 3.3
    # (the running example): three equilibria.
    "von-stengel-2007-fig-3.3": (
        [[3, 3], [2, 5], [0, 6]],
        [[3, 2], [2, 6], [3, 1]],
        [
            (fr(1, 0, 0), fr(1, 0)),
            (fr("4/5", "1/5", 0), fr("2/3", "1/3")),
            (fr(0, "1/3", "2/3"), fr("1/3", "2/3")),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_textbook_games(name):
    A, B, expected = TEXTBOOK[name]
    eqs = enumerate_equilibria(co.NormalFormGame.from_bimatrix(A, B))
    assert eqs.exact and eqs.complete
    assert profiles(eqs) == expected  # order: decreasing lexicographic
    assert all(e.is_certified and e.max_regret == 0 for e in eqs)
    assert all(co.is_nash(eqs.game, e.profile) for e in eqs)
    assert len(eqs.components) == len(expected)
    assert not any(c.is_continuum for c in eqs.components)


def test_payoffs_battle_of_the_sexes():
    eqs = enumerate_equilibria(
        co.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    )
    assert [e.payoffs for e in eqs] == [(2, 1), (F(2, 3), F(2, 3)), (1, 2)]


# von Stengel's 6x6 game with 75 equilibria (more than the conjectured bound
# 2^6 - 1 = 63), at its original payoffs: B. von Stengel, "New maximal numbers
# of equilibria in bimatrix games", Discrete & Computational Geometry 21 (1999),
# 557-568; also B. von Stengel, "New lower bounds for the number of equilibria
# in bimatrix games", ETH Zurich TR 264 (1997). Payoffs as in Gambit's catalog
# file journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg. The game is
# symmetric up to relabelling: B[i][j] = A[s(j)][s(i)] with s swapping the
# strategy pairs (1, 5) and (2, 6) (one-based).
VS75_A = [
    [9504, -660, 19976, -20526, 1776, -8976],
    [-111771, 31680, -130944, 168124, -8514, 52764],
    [397584, -113850, 451176, -586476, 29216, -178761],
    [171204, -45936, 208626, -263076, 14124, -84436],
    [1303104, -453420, 1227336, -1718376, 72336, -461736],
    [737154, -227040, 774576, -1039236, 48081, -300036],
]
# Spot values listed by Gambit's test suite for this game (tests/test_nash.py,
# enummixed rational case 6).
VS75_SPOT = [
    (fr("20/23", "3/23", 0, 0, 0, 0), fr("4/19", "15/19", 0, 0, 0, 0)),
    (fr(0, 1, 0, 0, 0, 0), fr(0, 0, 0, 0, 0, 1)),
    (fr(0, 0, 0, 0, 1, 0), fr(1, 0, 0, 0, 0, 0)),
    (
        fr("132/245", "66/245", "6/49", "12/245", "4/245", "1/245"),
        fr("4/245", "1/245", "6/49", "12/245", "132/245", "66/245"),
    ),
    (
        fr(0, "231/731", "700/2193", "315/1462", "80/731", "175/4386"),
        fr("80/731", "175/4386", "700/2193", "315/1462", 0, "231/731"),
    ),
]


def vs75() -> co.NormalFormGame:
    A = np.array(VS75_A)
    swap = [4, 5, 2, 3, 0, 1]
    B = A[np.ix_(swap, swap)].T
    return co.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())


@pytest.mark.parametrize("exact", [True, False])
@pytest.mark.parametrize("as_float", [False, True])
def test_von_stengel_75(exact, as_float):
    game = vs75()
    if as_float:
        game = game.to_float()
    eqs = enumerate_equilibria(game, exact=exact)
    assert len(eqs) == 75
    assert all(e.is_certified for e in eqs)
    assert eqs.info["degenerate"] is False
    if exact:
        found = set(profiles(eqs))
        for spot in VS75_SPOT:
            assert spot in found
    else:
        got = np.array([np.concatenate(e.profile) for e in eqs])
        for spot in VS75_SPOT:
            want = np.array([float(v) for s in spot for v in s])
            assert np.abs(got - want).max(axis=1).min() < 1e-9


def test_von_stengel_75_equals_brute_force():
    game = vs75()
    assert set(profiles(enumerate_equilibria(game))) == brute_force(game)


# ---------------------------------------------------------------- continua
def test_continuum_fully_indifferent_game():
    # Every profile is an equilibrium: one component, one maximal Nash subset
    # holding the four pure profiles (the product of the two simplices).
    g = co.NormalFormGame.from_bimatrix([[1, 1], [1, 1]], [[2, 2], [2, 2]])
    with pytest.warns(DegenerateGameWarning):
        eqs = enumerate_equilibria(g)
    assert len(eqs) == 4 and all(e.is_pure for e in eqs)
    assert eqs.components == (
        co.solve.Component(extreme=(0, 1, 2, 3), nash_subsets=((0, 1, 2, 3),)),
    )
    assert eqs.components[0].is_continuum


def test_continuum_three_segments():
    # Column player indifferent, row player matching: the equilibria are the
    # segments {T} x [q >= 1/2], [any x] x {q = 1/2}, {B} x [q <= 1/2]: one
    # component made of three maximal Nash subsets (three edges of a path).
    g = co.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 0], [0, 0]])
    eqs = quiet_enumerate(g)
    assert profiles(eqs) == [
        (fr(1, 0), fr(1, 0)),
        (fr(1, 0), fr("1/2", "1/2")),
        (fr(0, 1), fr("1/2", "1/2")),
        (fr(0, 1), fr(0, 1)),
    ]
    assert len(eqs.components) == 1
    assert eqs.components[0].extreme == (0, 1, 2, 3)
    assert eqs.nash_subsets == ((0, 1), (1, 2), (2, 3))


def test_continuum_with_isolated_equilibrium():
    # von Stengel (2007), Figure 3.4 / Avis et al. (2010): the degenerate 3x2
    # game whose top row makes a segment of equilibria beside an isolated one.
    g = co.NormalFormGame.from_bimatrix(
        [[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]
    )
    with pytest.warns(DegenerateGameWarning):
        eqs = enumerate_equilibria(g)
    assert profiles(eqs) == [
        (fr(1, 0, 0), fr(1, 0)),
        (fr(1, 0, 0), fr("2/3", "1/3")),
        (fr(0, "1/3", "2/3"), fr("1/3", "2/3")),
    ]
    assert [c.extreme for c in eqs.components] == [(0, 1), (2,)]
    assert eqs.info["degenerate"] is True
    # Every point of the segment between the two extreme equilibria is one.
    for t in (F(1, 3), F(1, 2), F(9, 10)):
        y = [t * a + (1 - t) * b for a, b in zip(eqs[0].profile[1], eqs[1].profile[1])]
        assert co.is_nash(g, [eqs[0].profile[0], y])


def test_two_nash_subsets_crossing():
    # A 3x3 game where one extreme equilibrium lies in two maximal Nash subsets
    # of different shapes; checked against the brute-force definition: a
    # subset's convex hull consists of equilibria and no superset's does.
    g = co.NormalFormGame.from_bimatrix(
        [[1, 1, 0], [1, 1, 1], [0, 1, 1]], [[1, 1, 0], [1, 0, 1], [0, 1, 1]]
    )
    eqs = quiet_enumerate(g)
    assert_nash_subsets_maximal(g, eqs)


def assert_nash_subsets_maximal(game, eqs):
    """Each Nash subset's hull is all equilibria; adding any other one breaks it."""
    xs = [e.profile[0] for e in eqs]
    ys = [e.profile[1] for e in eqs]
    covered = set()
    for subset in eqs.nash_subsets:
        covered |= set(subset)
        X = {tuple(xs[k]) for k in subset}
        Y = {tuple(ys[k]) for k in subset}
        for x, y in itertools.product(X, Y):  # a product set of extreme points
            assert (x, y) in {(tuple(xs[k]), tuple(ys[k])) for k in subset}
        for k in range(len(eqs)):
            if k in subset:
                continue
            X2, Y2 = X | {tuple(xs[k])}, Y | {tuple(ys[k])}
            pairs = {(tuple(xs[j]), tuple(ys[j])) for j in range(len(eqs))}
            assert not all((x, y) in pairs for x in X2 for y in Y2)
    assert covered == set(range(len(eqs)))


# ---------------------------------------------------------------- brute force
def solve_fraction(M: list[list[Fraction]], b: list[Fraction]) -> list | None:
    """Unique solution of a square system by Gauss-Jordan, or None if singular."""
    n = len(M)
    a = [[*row, rhs] for row, rhs in zip(M, b)]
    for col in range(n):
        piv = next((r for r in range(col, n) if a[r][col] != 0), None)
        if piv is None:
            return None
        a[col], a[piv] = a[piv], a[col]
        p = a[col][col]
        a[col] = [v / p for v in a[col]]
        for r in range(n):
            if r != col and a[r][col] != 0:
                f = a[r][col]
                a[r] = [v - f * w for v, w in zip(a[r], a[col])]
    return [a[r][n] for r in range(n)]


def polytope_vertices(M: list[list[Fraction]]):
    """Vertices of {z >= 0, M z <= 1} with their label sets, by brute force.

    Labels: ``("z", i)`` when z_i = 0 and ``("row", j)`` when row j is tight.
    Every choice of ``d`` constraints made tight is solved; feasible unique
    solutions are the vertices (each found once per basis, deduplicated).
    """
    k, d = len(M), len(M[0])
    cons = [("z", i) for i in range(d)] + [("row", j) for j in range(k)]
    out = {}
    for chosen in itertools.combinations(cons, d):
        rows, rhs = [], []
        for kind, i in chosen:
            if kind == "z":
                rows.append([F(int(c == i)) for c in range(d)])
                rhs.append(F(0))
            else:
                rows.append(list(M[i]))
                rhs.append(F(1))
        z = solve_fraction(rows, rhs)
        if z is None or any(v < 0 for v in z):
            continue
        if any(sum(M[j][c] * z[c] for c in range(d)) > 1 for j in range(k)):
            continue
        labels = {("z", i) for i in range(d) if z[i] == 0}
        labels |= {
            ("row", j) for j in range(k) if sum(M[j][c] * z[c] for c in range(d)) == 1
        }
        out[tuple(z)] = labels
    return out


def brute_force(game) -> set:
    """Extreme equilibria: completely labelled nonzero vertex pairs of P and Q."""
    A, B = (np.vectorize(F, otypes=[object])(X) for X in game.bimatrix())
    m, n = A.shape
    shift = 1 - min(min(A.flat), min(B.flat))
    A, B = A + shift, B + shift
    P = polytope_vertices([[B[i][j] for i in range(m)] for j in range(n)])
    Q = polytope_vertices([[A[i][j] for j in range(n)] for i in range(m)])
    found = set()
    for x, lx in P.items():
        if not any(x):
            continue
        # x_i = 0 or column j a best response; Q: y_j = 0 or row i best response
        have_x = {("r", i) for i in range(m) if ("z", i) in lx}
        have_x |= {("c", j) for j in range(n) if ("row", j) in lx}
        for y, ly in Q.items():
            if not any(y):
                continue
            have = set(have_x)
            have |= {("c", j) for j in range(n) if ("z", j) in ly}
            have |= {("r", i) for i in range(m) if ("row", i) in ly}
            if len(have) == m + n:
                sx, sy = sum(x), sum(y)
                found.add((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    return found


small_games = st.integers(1, 4).flatmap(
    lambda m: st.integers(1, 4).flatmap(
        lambda n: st.tuples(
            st.lists(
                st.lists(st.integers(0, 3), min_size=n, max_size=n),
                min_size=m,
                max_size=m,
            ),
            st.lists(
                st.lists(st.integers(0, 3), min_size=n, max_size=n),
                min_size=m,
                max_size=m,
            ),
        )
    )
)


@settings(max_examples=120, deadline=None)
@given(small_games)
def test_random_games_with_ties_match_brute_force(AB):
    game = co.NormalFormGame.from_bimatrix(*AB)
    eqs = quiet_enumerate(game)
    got = profiles(eqs)
    assert len(got) == len(set(got))  # no duplicate
    for e in eqs:  # (a) every profile is an equilibrium, exactly
        assert e.exact and co.is_nash(game, e.profile)
        assert co.regret(game, e.profile) == 0
    assert set(got) == brute_force(game)  # (b) the complete set, nothing else
    assert_components_consistent(eqs)


def assert_components_consistent(eqs):
    """Components partition the equilibria; pairs sharing a strategy connect."""
    comps = eqs.components
    flat = sorted(k for c in comps for k in c.extreme)
    assert flat == list(range(len(eqs)))
    comp_of = {k: c for c, comp in enumerate(comps) for k in comp.extreme}
    for a, b in itertools.combinations(range(len(eqs)), 2):
        ea, eb = eqs[a], eqs[b]
        share = any(tuple(ea.profile[p]) == tuple(eb.profile[p]) for p in range(2))
        if share:
            assert comp_of[a] == comp_of[b]
    for comp in comps:
        assert set().union(*map(set, comp.nash_subsets)) == set(comp.extreme)


@settings(max_examples=40, deadline=None)
@given(small_games)
def test_float_path_agrees_with_exact_path(AB):
    game = co.NormalFormGame.from_bimatrix(*AB)
    exact = quiet_enumerate(game)
    flt = quiet_enumerate(game.to_float())
    assert not flt.exact and flt.method.startswith("vertex-enumeration (float")
    assert len(flt) == len(exact)
    for e, f in zip(exact, flt):
        assert f.is_certified
        for p in range(2):
            np.testing.assert_allclose(
                np.asarray(e.profile[p], float), f.profile[p], atol=1e-9
            )


@settings(max_examples=40, deadline=None)
@given(small_games, st.sampled_from([0.1, 0.3, 7.1, 1e-7]))
@example(
    (
        [[3, 0, 1, 2], [1, 2, 3, 0], [0, 3, 2, 2]],
        [[3, 3, 0, 1], [3, 1, 1, 1], [0, 0, 3, 0]],
    ),
    0.1,
)
@example(([[0, 3, 2], [3, 1, 0], [0, 2, 0]], [[2, 2, 2], [1, 3, 0], [1, 3, 2]]), 0.3)
@example(([[3, 2, 2, 0], [1, 3, 1, 1]], [[0, 3, 1, 0], [3, 0, 0, 3]]), 0.3)
def test_float_noise_does_not_break_intended_ties(AB, scale):
    # Regression: payoffs computed in floats (3 * 0.1 = 0.30000000000000004)
    # broke the ties of the intended decimals at the 17th digit, so a
    # degenerate game gave spurious, nearly equal extreme equilibria. The
    # float game must give the equilibria of the decimal game it stands for.
    A, B = (np.array(X) * scale for X in AB)
    exact = quiet_enumerate(
        co.NormalFormGame.from_bimatrix(
            *([[F(int(v)) * F(repr(scale)) for v in row] for row in X] for X in AB)
        )
    )
    game = co.NormalFormGame.from_bimatrix(A, B)
    flt = quiet_enumerate(game)
    assert len(flt) == len(exact)
    for e, f in zip(exact, flt):
        assert f.is_certified and co.is_nash(game, f.profile)
        for p in range(2):
            np.testing.assert_allclose(
                np.asarray(e.profile[p], float), f.profile[p], atol=1e-9
            )


@settings(max_examples=25, deadline=None)
@given(
    st.integers(2, 5),
    st.integers(2, 5),
    st.integers(0, 2**32 - 1),
)
def test_nondegenerate_random_games_match_nashpy(m, n, seed):
    nash = pytest.importorskip("nashpy")
    rng = np.random.default_rng(seed)
    A = rng.integers(-(10**6), 10**6, size=(m, n)) / 10**6
    B = rng.integers(-(10**6), 10**6, size=(m, n)) / 10**6
    game = co.NormalFormGame.from_bimatrix(A, B)
    eqs = enumerate_equilibria(game)
    assert eqs.info["degenerate"] is False
    ours = [np.concatenate(e.profile) for e in eqs]

    def index_in_ours(sx, sy):
        v = np.concatenate([sx, sy])
        dist = [np.abs(o - v).max() for o in ours]
        return int(np.argmin(dist)) if min(dist) < 1e-7 else None

    # Vertex enumeration is complete on nondegenerate games: same set.
    verts = list(nash.Game(A, B).vertex_enumeration())
    assert len(verts) == len(eqs)
    assert sorted(index_in_ours(sx, sy) for sx, sy in verts) == list(range(len(eqs)))
    # nashpy's support enumeration tests feasibility with exact ``>= 0`` on
    # floats and may drop equilibria (seed 17, 3x3 is such a case), so only
    # "nothing it finds is missing from ours" holds.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for sx, sy in nash.Game(A, B).support_enumeration():
            assert index_in_ours(sx, sy) is not None


@pytest.mark.parametrize("swap", [False, True])
def test_one_degenerate_polytope_mixed_search(swap):
    # Ties in one player's payoffs only: that player's opponent's polytope is
    # degenerate and searched exactly, the other by certified float pivoting.
    rng = np.random.default_rng(7)
    ties = rng.integers(0, 3, size=(5, 5))
    generic = rng.integers(0, 10**6, size=(5, 5))
    A, B = (generic, ties) if swap else (ties, generic)
    game = co.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    eqs = quiet_enumerate(game)
    assert "/" in eqs.info["search"] and eqs.info["degenerate"]
    assert set(profiles(eqs)) == brute_force(game)
    assert_components_consistent(eqs)


def test_large_payoffs_float_game_exact_fallback():
    # Payoffs beyond 2**53 after scaling: the exact search takes over.
    big = 10**20
    g = co.NormalFormGame.from_bimatrix(
        [[big + 1, 0], [0, big]], [[big, 0], [0, big + 1]]
    )
    eqs = enumerate_equilibria(g)
    assert len(eqs) == 3 and all(e.max_regret == 0 for e in eqs)
    mixed = eqs[1].profile[0]
    assert mixed[0] == F(big + 1, 2 * big + 1)


def test_one_strategy_games():
    g = co.NormalFormGame.from_bimatrix([[1, 2, 2]], [[0, 5, 5]])
    eqs = quiet_enumerate(g)
    assert profiles(eqs) == [(fr(1), fr(0, 1, 0)), (fr(1), fr(0, 0, 1))]
    assert eqs.nash_subsets == ((0, 1),)


def test_iter_twin_matches_list():
    g = vs75()
    assert profiles(iter_extreme_equilibria(g)) == profiles(enumerate_equilibria(g))


def test_labels_and_order_preserved():
    g = co.NormalFormGame.from_bimatrix(
        [[2, 0], [0, 1]],
        [[1, 0], [0, 2]],
        players=("US", "China"),
        strategies=(["ban", "trade"], ["retaliate", "concede"]),
    )
    eqs = enumerate_equilibria(g)
    assert eqs[0].supports == (("ban",), ("retaliate",))
    assert eqs[1].strategy("China") == {"retaliate": F(1, 3), "concede": F(2, 3)}


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"exact": "yes"}, InvalidParameterError),
        ({"tol": -1.0}, InvalidParameterError),
        ({"tol": float("nan")}, InvalidParameterError),
    ],
)
def test_bad_arguments(kwargs, error):
    g = co.NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    with pytest.raises(error, match=r"exact|tol"):
        enumerate_equilibria(g, **kwargs)


def test_three_players_not_supported():
    g = co.NormalFormGame.from_arrays([np.zeros((2, 2, 2))] * 3)
    with pytest.raises(NotSupportedError, match="3 players"):
        enumerate_equilibria(g)
    with pytest.raises(NotSupportedError, match="list"):
        enumerate_equilibria([[1, 0], [0, 1]])
