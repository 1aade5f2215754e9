"""Critical discount factors and finitely repeated games (coercion.dynamics.repeated)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.dynamics import (
    Automaton,
    always,
    critical_discount_factors,
    finitely_repeated,
    grim_trigger,
    one_shot_deviation_gains,
    play,
    tit_for_tat,
)
from coercion.errors import InvalidParameterError, TieWarning


def _pd(T, R, P, S):
    return co.NormalFormGame.from_bimatrix(
        [[R, S], [T, P]],
        [[R, T], [S, P]],
        strategies=(["open", "restrict"], ["open", "restrict"]),
    )


# (T, R, P, S) with T > R > P > S: Axelrod (1984) ch. 2's tournament payoffs, and
# other prisoner's dilemmas (2R > T + S or not) in ints and rationals
PAYOFFS = [
    (5, 3, 1, 0),
    (4, 3, 2, 1),
    (3, 2, 0, -1),
    (10, 6, 2, 0),
    (Fraction(7, 2), 3, 1, 0),
    (6, 5, 1, -4),
]


@pytest.mark.parametrize("T,R,P,S", PAYOFFS)
def test_grim_trigger_threshold_is_textbook(T, R, P, S):
    # Friedman (1971); Mailath and Samuelson (2006) sec. 2.5: delta >= (T-R)/(T-P)
    th = critical_discount_factors(_pd(T, R, P, S), ("open", "open"))
    assert th.grim_trigger == Fraction(T - R) / (T - P)
    assert isinstance(th.grim_trigger, Fraction)
    assert th.punishment == (("restrict", "restrict"),) * 2


@pytest.mark.parametrize("T,R,P,S", PAYOFFS)
def test_tit_for_tat_threshold_is_axelrods_proposition_2(T, R, P, S):
    # Axelrod (1984), appendix B, Proposition 2: w >= max((T-R)/(T-P), (T-R)/(R-S))
    th = critical_discount_factors(_pd(T, R, P, S), ("open", "open"))
    expected = max(Fraction(T - R) / (T - P), Fraction(T - R) / (R - S))
    assert th.tit_for_tat == (expected if expected < 1 else None)


@pytest.mark.parametrize("T,R,P,S", PAYOFFS)
def test_one_period_punishment_threshold(T, R, P, S):
    # Mailath and Samuelson (2006) sec. 2.6.2: T - R <= delta (R - P) for k = 1
    th = critical_discount_factors(_pd(T, R, P, S), ("open", "open"))
    x = Fraction(T - R) / (R - P)
    assert th.limited_punishment[1] == (x if x < 1 else None)
    # longer punishments need less patience, never less than grim trigger
    k2 = th.limited_punishment[2]
    assert k2 is not None
    assert th.grim_trigger <= float(k2)
    assert k2 + k2**2 - x == 0 or abs(float(k2 + k2**2) - float(x)) < 1e-12


def _alternator() -> Automaton:
    return Automaton("alternate", np.eye(2)[[1, 0]], np.array([[1, 1], [0, 0]]))


@pytest.mark.parametrize("T,R,P,S", [(5, 3, 1, 0), (4, 3, 2, 1), (6, 5, 1, -4)])
def test_tit_for_tat_threshold_against_played_deviations(T, R, P, S):
    # independent check by play: just above the threshold no deviation against
    # TFT gains; just below one of always-restrict or alternating does
    g = _pd(T, R, P, S)
    t = float(critical_discount_factors(g, (0, 0)).tit_for_tat)
    for delta, gains in ((t + 0.01, False), (t - 0.01, True)):
        coop = play(tit_for_tat(), tit_for_tat(), g, rounds=1000).discounted_payoffs(
            delta
        )
        best = max(
            play(dev, tit_for_tat(), g, rounds=1000).discounted_payoffs(delta)[0]
            for dev in (always(1), _alternator())
        )
        assert bool(best > coop[0] + 1e-9) is gains


@pytest.mark.parametrize("T,R,P,S", [(5, 3, 1, 0), (10, 6, 2, 0)])
def test_grim_threshold_against_played_deviation(T, R, P, S):
    g = _pd(T, R, P, S)
    t = float(critical_discount_factors(g, (0, 0)).grim_trigger)
    for delta, gains in ((t + 0.01, False), (t - 0.01, True)):
        coop = play(grim_trigger(), grim_trigger(), g, rounds=1000)
        dev = play(always(1), grim_trigger(), g, rounds=1000)
        d = dev.discounted_payoffs(delta)[0] - coop.discounted_payoffs(delta)[0]
        assert bool(d > 1e-9) is gains


def test_symbolic_thresholds_are_the_formulas():
    sp = pytest.importorskip("sympy")
    from coercion.game.symbolic import SymbolicGame

    T, R, P, S = sp.symbols("T R P S")
    g = SymbolicGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]])
    th = critical_discount_factors(g, (0, 0), (1, 1))
    assert sp.simplify(th.grim_trigger - (T - R) / (T - P)) == 0
    assert sp.simplify(th.limited_punishment[1] - (T - R) / (R - P)) == 0
    vals = {T: 5, R: 3, P: 1, S: 0}
    assert th.tit_for_tat.subs(vals) == sp.Rational(2, 3)
    assert sp.simplify(th.limited_punishment[2].subs(vals) - (sp.sqrt(5) - 1) / 2) == 0


def test_float_game_and_no_gain_from_deviation():
    g = co.NormalFormGame.from_bimatrix(
        [[3.0, 0.0], [5.0, 1.0]], [[3.0, 5.0], [0.0, 1.0]]
    )
    th = critical_discount_factors(g, (0, 0))
    assert th.grim_trigger == pytest.approx(0.5)
    assert th.limited_punishment[2] == pytest.approx((5**0.5 - 1) / 2)
    assert th.sustains(0.6) and not th.sustains(0.4)
    # a coordination game: cooperating is itself an equilibrium, delta* = 0
    h = co.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    assert critical_discount_factors(h, (0, 0)).grim_trigger == 0


def test_punishment_must_be_a_stage_equilibrium():
    with pytest.raises(InvalidParameterError, match="punishment"):
        critical_discount_factors(_pd(5, 3, 1, 0), (0, 0), (0, 1))
    with pytest.raises(InvalidParameterError, match="cooperation"):
        critical_discount_factors(_pd(5, 3, 1, 0), ("open", "nope"))


def test_finitely_repeated_prisoners_dilemma_repeats_the_stage_equilibrium():
    # Fudenberg and Tirole (1991) sec. 4.2: unique stage NE -> unique SPE
    sol = finitely_repeated(_pd(5, 3, 1, 0), 7)
    assert sol.unique
    assert len(sol.path) == 7
    for eq in sol.path:
        assert eq.supports == (("restrict",), ("restrict",))
        assert eq.is_certified
    assert sol.total_payoffs == (7, 7)
    assert not sol.can_sustain(("open", "open"))


def test_finitely_repeated_with_two_stage_equilibria_allows_more():
    # Benoit and Krishna (1985): (C, C) is not a stage NE but a reward (E, E)
    # worth 3 against a punishment (D, D) worth 1 makes it playable early on
    A = [[4, 0, 0], [5, 1, 0], [0, 0, 3]]
    g = co.NormalFormGame.from_bimatrix(A, np.array(A).T.tolist())
    with pytest.warns(TieWarning, match="not unique"):
        sol = finitely_repeated(g, 3)
    assert not sol.unique and sol.path is None
    assert sol.can_sustain((0, 0))
    assert not sol.can_sustain((0, 0), discount=Fraction(1, 10))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(-20, 20), min_size=4, max_size=4, unique=True).map(
        lambda v: sorted(v, reverse=True)
    )
)
def test_threshold_ordering_property(v):
    # any prisoner's dilemma T > R > P > S: thresholds lie in [0, 1) and are
    # ordered grim <= k=2 <= k=1 and grim <= tit-for-tat
    T, R, P, S = v
    th = critical_discount_factors(_pd(T, R, P, S), (0, 0))
    g = th.grim_trigger
    assert 0 < g < 1
    k1, k2 = th.limited_punishment[1], th.limited_punishment[2]
    if k1 is not None:
        assert k2 is not None and g <= float(k2) <= k1
    if th.tit_for_tat is not None:
        assert th.tit_for_tat >= g
    assert th.sustains(g) and not th.sustains(g * Fraction(99, 100))


def test_grim_trigger_with_three_players():
    # a 3-player public-goods trade game: each keeps trade open (0) or
    # restricts (1); restricting gains 2 privately, costs each other player 3
    pay = np.zeros((3, 2, 2, 2), dtype=int)
    for a in np.ndindex(2, 2, 2):
        for i in range(3):
            pay[(i, *a)] = 2 * a[i] - 3 * sum(a[j] for j in range(3) if j != i)
    g = co.NormalFormGame(pay)
    th = critical_discount_factors(g, (0, 0, 0))
    # d - c = 2, d - p = 2 - (2 - 6) = 6
    assert th.grim_trigger == Fraction(1, 3)
    assert th.tit_for_tat is None


@pytest.mark.parametrize("T,R,P,S", PAYOFFS)
def test_grim_threshold_is_where_one_shot_deviations_stop_paying(T, R, P, S):
    # independent exact check: the one-shot deviation principle on the joint
    # automaton (Mailath and Samuelson 2006, sec. 2.2) at and just below delta*
    g = _pd(T, R, P, S)
    t = critical_discount_factors(g, (0, 0)).grim_trigger
    at = one_shot_deviation_gains(grim_trigger(), grim_trigger(), g, t)
    assert all(v == (0, 0) for v in at.values())
    below = one_shot_deviation_gains(
        grim_trigger(), grim_trigger(), g, t * Fraction(99, 100)
    )
    assert max(max(v) for v in below.values()) > 0


def test_tit_for_tat_is_not_subgame_perfect_off_the_knife_edge():
    # Mailath and Samuelson (2006) sec. 2.4.3: with T, R, P, S = 5, 3, 1, 0 the
    # two conditions (T-R)/(R-S) = 2/3 and (P-S)/(T-P) = 1/4 never meet
    g = _pd(5, 3, 1, 0)
    for delta in ("1/2", "2/3", "9/10"):
        gains = one_shot_deviation_gains(tit_for_tat(), tit_for_tat(), g, delta)
        assert gains[(0, 0)] == (0, 0) or Fraction(delta) < Fraction(2, 3)
        assert max(max(v) for v in gains.values()) > 0
