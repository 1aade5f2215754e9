"""Tests of coercion.solve.support (n-player support enumeration, exact algebra)."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.errors import (
    DegenerateGameWarning,
    InvalidParameterError,
    NotSupportedError,
)
from coercion.solve.support import iter_support_enumeration, support_enumeration

F = Fraction


def _game_from_outcomes(outcomes: dict, shape: tuple[int, ...]) -> co.NormalFormGame:
    n = len(shape)
    return co.NormalFormGame.from_function(
        lambda *a: outcomes.get(tuple(a), (0,) * n), list(shape)
    )


# Gambit contrib/games/2x2x2.nfg ("2x2x2 Example from McKelvey-McLennan, with 9
# Nash equilibria, 2 totally mixed"); R. D. McKelvey and A. McLennan, J. Econ.
# Theory 72 (1997) 411-425. Zero payoffs elsewhere.
MCKELVEY_MCLENNAN = {
    (0, 0, 0): (9, 8, 12),
    (1, 1, 0): (9, 8, 2),
    (1, 0, 1): (3, 4, 6),
    (0, 1, 1): (3, 4, 6),
}
# Gambit contrib/games/2x2x2-nau.nfg (Bob Nau): "3 pure, 2 incompletely mixed,
# and a continuum of completely mixed NE".
NAU = {
    (0, 0, 0): (0, 0, 2),
    (1, 0, 0): (3, 0, 0),
    (0, 1, 0): (0, 3, 0),
    (0, 0, 1): (1, 1, 0),
    (1, 1, 1): (0, 0, 3),
}


def _profiles(eqs) -> set:
    return {tuple(tuple(v) for v in e.profile) for e in eqs}


def test_mckelvey_mclennan_nine_equilibria():
    g = _game_from_outcomes(MCKELVEY_MCLENNAN, (2, 2, 2))
    eqs = support_enumeration(g)
    assert len(eqs) == 9 and eqs.complete and eqs.exact
    assert all(e.exact and e.max_regret == 0 for e in eqs)
    h = F(1, 2)
    # the two totally mixed equilibria (Gambit enumpoly misses mixed ones)
    mixed = {
        ((F(2, 5), F(3, 5)), (h, h), (F(1, 3), F(2, 3))),
        ((h, h), (F(2, 5), F(3, 5)), (F(1, 4), F(3, 4))),
    }
    assert mixed <= _profiles(eqs)
    assert sum(e.is_pure for e in eqs) == 4
    assert all(not c.is_continuum for c in eqs.components)
    assert sorted(k for c in eqs.components for k in c.extreme) == list(range(9))


def test_nau_game_continuum():
    g = _game_from_outcomes(NAU, (2, 2, 2))
    eqs = support_enumeration(g)
    assert eqs.complete
    pure = {e for e in eqs if e.is_pure}
    assert len(pure) == 3
    partly = [e for e in eqs if not e.is_pure]
    assert len(partly) == 2
    arcs = [a for c in eqs.components for a in c.continua]
    full = [a for a in arcs if all(len(s) == 2 for s in a.support)]
    assert len(full) == 1
    arc = full[0]
    assert arc.interval == (0, 1) and arc.closed == (False, False)
    # every point of the arc is an equilibrium, exactly
    for t in (F(1, 7), F(1, 2), F(9, 10)):
        assert co.is_nash(g, [list(v) for v in arc.profile_at(t)])
    # its ends are the two incompletely mixed equilibria, in the same component
    comp = next(c for c in eqs.components if arc in c.continua)
    assert {eqs[k] for k in comp.extreme} >= set(partly)
    with pytest.raises(InvalidParameterError, match="t:"):
        arc.profile_at(F(3, 2))


def test_jordan_three_player_matching_pennies_unique_mixed():
    # J. S. Jordan, "Three problems in learning mixed-strategy Nash equilibria",
    # Games Econ. Behav. 5 (1993) 368-386: 1 matches 2, 2 matches 3, 3
    # mismatches 1; the unique equilibrium has everyone mixing 1/2-1/2.
    def pay(a, b, c):
        return (1 if a == b else -1, 1 if b == c else -1, 1 if c != a else -1)

    g = co.NormalFormGame.from_function(pay, [2, 2, 2])
    eqs = support_enumeration(g)
    assert len(eqs) == 1
    assert _profiles(eqs) == {((F(1, 2), F(1, 2)),) * 3}


# found by a seeded search over small integer 2x2x2 games; the answer below is
# checked against an independent 50-digit Newton solve, not hard-coded
IRRATIONAL = [
    [[[-2, 3], [-3, -2]], [[-3, -3], [-2, 2]]],
    [[[1, 0], [-3, 3]], [[3, -2], [-4, -2]]],
    [[[-3, 3], [0, 0]], [[-2, 0], [4, -2]]],
]


def test_irrational_equilibrium_to_15_digits():
    mpmath = pytest.importorskip("mpmath")
    g = co.NormalFormGame(IRRATIONAL)
    eqs = support_enumeration(g, closed_form=True)
    assert len(eqs) == 1
    (e,) = eqs
    assert not e.exact and e.is_certified
    assert co.is_nash(g, [list(v) for v in e.profile], tol=1e-12)
    mpmath.mp.dps = 50
    P = [[[[mpmath.mpf(v) for v in r] for r in m] for m in pl] for pl in IRRATIONAL]

    def gap(p, x):
        mix = [[x[0], 1 - x[0]], [x[1], 1 - x[1]], [x[2], 1 - x[2]]]
        out = []
        for a in (0, 1):
            tot = 0
            for prof in itertools.product((0, 1), repeat=3):
                if prof[p] != a:
                    continue
                w = 1
                for q in range(3):
                    if q != p:
                        w *= mix[q][prof[q]]
                tot += w * P[p][prof[0]][prof[1]][prof[2]]
            out.append(tot)
        return out[0] - out[1]

    ref = mpmath.findroot(
        [lambda a, b, c, p=p: gap(p, (a, b, c)) for p in range(3)],
        [mpmath.mpf(float(e.profile[q][0])) for q in range(3)],
    )
    for q in range(3):
        assert abs(e.profile[q][0] - ref[q]) <= 1e-15 * abs(ref[q])
        # the closed form is exact: it agrees with the reference to 40 digits
        closed = e.extra["closed_form"][q][0]
        assert abs(mpmath.mpf(str(closed.evalf(45))) - ref[q]) < mpmath.mpf("1e-40")
    assert "minimal_polynomial" in e.extra


def _brute_force_pure(g: co.NormalFormGame) -> set:
    out = set()
    for prof in itertools.product(*(range(s) for s in g.shape)):
        mixed = [[F(int(i == a)) for i in range(s)] for a, s in zip(prof, g.shape)]
        if co.regret(g, mixed) == 0:
            out.add(tuple(tuple(v) for v in mixed))
    return out


small_3p = st.lists(st.integers(-3, 3), min_size=24, max_size=24).map(
    lambda v: np.array(v).reshape(3, 2, 2, 2).tolist()
)


@settings(max_examples=12, deadline=None)
@given(small_3p)
def test_random_2x2x2_every_profile_nash_and_pure_ones_found(payoffs):
    g = co.NormalFormGame(payoffs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        eqs = support_enumeration(g)
    for e in eqs:
        tol = None if e.exact else 1e-9
        assert co.is_nash(g, [list(v) for v in e.profile], tol=tol)
    assert _brute_force_pure(g) <= _profiles(e for e in eqs if e.exact)
    for c in eqs.components:
        for arc in c.continua:
            if arc.interval is None:  # a region: its sample is checked above
                assert arc.dimension >= 1 and arc.constraints
                continue
            lo, hi = arc.interval
            mid = (lo + hi) / 2
            if isinstance(mid, Fraction):
                assert co.is_nash(g, [list(v) for v in arc.profile_at(mid)])


bimatrix = st.integers(2, 3).flatmap(
    lambda m: st.tuples(
        st.lists(st.integers(-1000, 1000), min_size=m * m, max_size=m * m),
        st.lists(st.integers(-1000, 1000), min_size=m * m, max_size=m * m),
        st.just(m),
    )
)


@settings(max_examples=12, deadline=None)
@given(bimatrix)
def test_two_players_agree_with_vertex_enumeration(data):
    from coercion.solve.enumeration import enumerate_equilibria

    a, b, m = data
    g = co.NormalFormGame.from_bimatrix(
        np.array(a).reshape(m, m).tolist(), np.array(b).reshape(m, m).tolist()
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", DegenerateGameWarning)
        try:
            ref = enumerate_equilibria(g)
        except DegenerateGameWarning:
            ref = None
    assume(ref is not None)
    ours = support_enumeration(g)
    assert ours.complete
    assert _profiles(ours) == _profiles(ref)


def test_float_game_and_exact_flag():
    g = _game_from_outcomes(MCKELVEY_MCLENNAN, (2, 2, 2)).to_float()
    eqs = support_enumeration(g)
    assert len(eqs) == 9 and not eqs.exact
    assert all(e.is_certified and not e.exact for e in eqs)
    exact = support_enumeration(g, exact=True)
    assert exact.exact and all(e.max_regret == 0 for e in exact)


def test_iterator_matches_list():
    g = _game_from_outcomes(NAU, (2, 2, 2))
    assert _profiles(iter_support_enumeration(g)) == _profiles(support_enumeration(g))


def test_four_players_generic():
    rng = np.random.default_rng(3)
    g = co.NormalFormGame(rng.integers(-100, 101, size=(4, 2, 2, 2, 2)).tolist())
    eqs = support_enumeration(g)
    assert eqs.complete and len(eqs) >= 1
    for e in eqs:
        assert co.is_nash(
            g, [list(v) for v in e.profile], tol=None if e.exact else 1e-9
        )
    assert _brute_force_pure(g) <= _profiles(eqs)


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"exact": "yes"}, InvalidParameterError, "exact"),
        ({"tol": -1.0}, InvalidParameterError, "tol"),
    ],
)
def test_bad_arguments(kwargs, error, field):
    g = _game_from_outcomes(NAU, (2, 2, 2))
    with pytest.raises(error, match=f"{field}:"):
        support_enumeration(g, **kwargs)


def test_not_a_game():
    with pytest.raises(NotSupportedError, match="game:"):
        support_enumeration([[1, 2], [3, 4]])


def test_region_of_equilibria_reported_with_a_sample():
    # the row player is indifferent everywhere and the column player always:
    # every profile is an equilibrium (von Stengel 2007's degenerate extreme)
    g = co.NormalFormGame.from_bimatrix([[1, 1, 1], [1, 1, 1]], [[0, 0, 0], [0, 0, 0]])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        eqs = support_enumeration(g)
    messages = [str(w.message) for w in caught if w.category is DegenerateGameWarning]
    assert any("3-dimensional" in m for m in messages)
    assert not eqs.complete and eqs.info["unresolved"]
    regions = [a for c in eqs.components for a in c.continua if a.dimension >= 2]
    assert {a.dimension for a in regions} == {2, 3}
    full = next(a for a in regions if a.dimension == 3)
    assert full.interval is None and full.support == (("1", "2"), ("1", "2", "3"))
    with pytest.raises(InvalidParameterError, match="t:"):
        full.profile_at(F(1, 2))
    samples = [e for e in eqs if e.extra.get("region_sample")]
    assert samples and all(e.max_regret == 0 for e in samples)
    # the six pure profiles are equilibria and are all listed
    assert _brute_force_pure(g) <= _profiles(eqs)


def test_one_player_game_regression():
    # a one-player game used to crash building its (empty) indifference system
    g = co.NormalFormGame([[3, 1, 3]])
    eqs = support_enumeration(g)
    assert _profiles(eqs) == {((F(1), F(0), F(0)),), ((F(0), F(0), F(1)),)}
    (comp,) = eqs.components
    (arc,) = comp.continua
    assert arc.support == (("1", "3"),)
    assert co.is_nash(g, [list(arc.profile_at(F(1, 3))[0])])


def test_player_with_a_single_strategy():
    rng = np.random.default_rng(3)
    g = co.NormalFormGame(rng.integers(-9, 10, size=(3, 1, 2, 3)).tolist())
    eqs = support_enumeration(g)
    assert eqs.complete and len(eqs) >= 1
    assert all(co.is_nash(g, [list(v) for v in e.profile]) for e in eqs)
    assert _brute_force_pure(g) <= _profiles(eqs)


def _gambit_equilibria(payoffs: np.ndarray) -> list[list[np.ndarray]]:
    gbt = pytest.importorskip("pygambit")
    game = gbt.Game.from_arrays(*[payoffs[p].astype(int) for p in range(len(payoffs))])
    res = gbt.nash.enumpoly_solve(game)
    return [
        [np.array([float(e[s]) for s in pl.strategies]) for pl in game.players]
        for e in res.equilibria
    ]


@pytest.mark.parametrize(
    "shape", [(2, 2, 2), pytest.param((3, 3, 3), marks=pytest.mark.slow)]
)
def test_every_gambit_enumpoly_equilibrium_is_ours(shape):
    payoffs = np.random.default_rng(1).integers(-1000, 1001, size=(3, *shape))
    g = co.NormalFormGame(payoffs.tolist())
    ours = support_enumeration(g)
    assert ours.complete
    for prof in _gambit_equilibria(payoffs):
        if co.regret(g.to_float(), prof) > 1e-6 * g.payoff_range():
            continue  # not an equilibrium to our tolerance
        assert any(
            all(
                np.max(np.abs(np.asarray(x, float) - y)) < 1e-6
                for x, y in zip(e.profile, prof)
            )
            for e in ours
        )


tie_bimatrix = st.tuples(st.integers(2, 3), st.integers(2, 3)).flatmap(
    lambda mn: st.tuples(
        st.lists(st.integers(-1, 1), min_size=mn[0] * mn[1], max_size=mn[0] * mn[1]),
        st.lists(st.integers(-1, 1), min_size=mn[0] * mn[1], max_size=mn[0] * mn[1]),
        st.just(mn),
    )
)


@settings(max_examples=10, deadline=None)
@given(tie_bimatrix)
def test_degenerate_two_player_components_match_vertex_enumeration(data):
    # every extreme equilibrium is listed or lies on one of our continua, and
    # the connected components are the same in number
    from coercion.solve.enumeration import enumerate_equilibria

    a, b, (m, n) = data
    g = co.NormalFormGame.from_bimatrix(
        np.array(a).reshape(m, n).tolist(), np.array(b).reshape(m, n).tolist()
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        ref = enumerate_equilibria(g)
        ours = support_enumeration(g)
    assert len(ours.components) == len(ref.components)
    listed = _profiles(ours)
    for e in ref:
        key = tuple(tuple(v) for v in e.profile)
        if key in listed:
            continue
        on_arc = False
        for c in ours.components:
            for arc in c.continua:
                if arc.interval is None:
                    sup = [
                        {s for s, x in zip(g.strategies[p], v) if x > 0}
                        for p, v in enumerate(e.profile)
                    ]
                    on_arc |= all(x <= set(y) for x, y in zip(sup, arc.support))
                    continue
                player, strat = arc.parameter
                p = g.players.index(player)
                t = e.profile[p][g.strategies[p].index(strat)]
                if arc.interval[0] <= t <= arc.interval[1]:
                    on_arc |= tuple(tuple(v) for v in arc.profile_at(t)) == key
        assert on_arc
