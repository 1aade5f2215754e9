"""Automata, round-robin tournaments and escalation spirals (coercion.dynamics)."""

from __future__ import annotations

import numpy as np
import pytest

import coercion as co
from coercion.dynamics import (
    Automaton,
    always,
    escalate_one_rung,
    generous_tit_for_tat,
    grim_trigger,
    play,
    proportional,
    round_robin,
    simulate_matches,
    spiral_exact,
    spiral_statistics,
    tit_for_tat,
)
from coercion.errors import InvalidGameError, InvalidParameterError

T, R, P, S = 5, 3, 1, 0  # Axelrod (1984) ch. 2
PD = co.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]])


@pytest.mark.parametrize("rounds", [1, 2, 10, 57])
def test_noise_free_tournament_reproduces_deterministic_outcomes(rounds):
    # hand-computed: TFT and GRIM are exploited once by ALLD, then mutual P
    strategies = {"TFT": tit_for_tat(), "ALLD": always(1), "GRIM": grim_trigger()}
    res = round_robin(strategies, PD, rounds=rounds, repetitions=3, seed=0)
    sucker = (S + (rounds - 1) * P) / rounds
    exploit = (T + (rounds - 1) * P) / rounds
    expected = np.array(
        [[R, sucker, R], [exploit, P, exploit], [R, sucker, R]], dtype=float
    )
    np.testing.assert_array_equal(res.scores, expected)
    other = round_robin(strategies, PD, rounds=rounds, repetitions=3, seed=12345)
    np.testing.assert_array_equal(res.scores, other.scores)
    means = res.mean_scores()
    assert [means[n] for n in res.ranking] == sorted(means.values(), reverse=True)


def test_seeded_noisy_tournament_is_reproducible():
    strategies = {
        "TFT": tit_for_tat(),
        "GTFT": generous_tit_for_tat(2, 0.3),
        "GRIM": grim_trigger(),
        "ALLC": always(0),
    }
    a = round_robin(strategies, PD, rounds=50, repetitions=5, noise=0.05, seed=7)
    b = round_robin(strategies, PD, rounds=50, repetitions=5, noise=0.05, seed=7)
    c = round_robin(strategies, PD, rounds=50, repetitions=5, noise=0.05, seed=8)
    np.testing.assert_array_equal(a.scores, b.scores)
    assert a.ranking == b.ranking
    assert not np.array_equal(a.scores, c.scores)
    frame = a.to_frame()
    assert len(frame) == 16 and set(frame.columns) >= {"strategy", "score"}


def test_noise_misreads_at_the_stated_rate():
    p = simulate_matches(
        always(0, 3), always(2, 3), rounds=200, matches=100, noise=0.2, seed=1
    )
    rate = p.misread.mean()
    n = p.misread.size
    assert abs(rate - 0.2) <= 4 * np.sqrt(0.2 * 0.8 / n)
    # a misread rung is never the rung played
    assert np.all((p.observed != p.actions[..., ::-1]) == p.misread)


@pytest.mark.parametrize(
    "make,rungs,banned,ended",
    [
        (tit_for_tat, 2, 1.0, 0.0),  # the echo never ends
        (escalate_one_rung, 4, 1.0, 0.0),  # climbs to the top in two rounds
        (lambda n: proportional(n, 0.5), 4, 0.0, 0.0),  # echoes rung 1 for ever
        (grim_trigger, 3, 1.0, 0.0),
    ],
)
def test_noise_free_spiral_is_deterministic(make, rungs, banned, ended):
    a = make(rungs)
    s = spiral_statistics(a, a, rounds=12, matches=5, seed=3)
    e = spiral_exact(a, a, rounds=12)
    assert s.full_ban_probability == e.full_ban_probability == banned
    assert s.ended_probability == e.ended_probability == ended
    assert s.mean_length == e.mean_length == 11
    assert np.all(s.lengths == 11)


def test_escalate_one_rung_path_by_hand():
    p = simulate_matches(
        escalate_one_rung(4), escalate_one_rung(4), rounds=5, first_misread=1
    )
    assert p.actions[0].tolist() == [[0, 0], [2, 0], [0, 3], [3, 0], [0, 3]]


@pytest.mark.parametrize(
    "a,noise",
    [
        (escalate_one_rung(4), 0.05),
        (generous_tit_for_tat(3, 0.3), 0.02),
        (tit_for_tat(3), 0.1),
    ],
    ids=["escalate", "generous", "tit-for-tat"],
)
def test_spiral_statistics_converge_to_exact_values(a, noise):
    # B_m i.i.d. Bernoulli(p): |p_hat - p| <= 4 sqrt(p(1-p)/N) fails with
    # probability < 1e-4 per check (CLT); the bound shrinks as N^-1/2
    exact = spiral_exact(a, a, rounds=25, noise=noise)
    p = exact.full_ban_probability
    assert 0 < p < 1
    errors = []
    for i, n in enumerate((250, 1000, 4000)):
        s = spiral_statistics(a, a, rounds=25, matches=n, noise=noise, seed=100 + i)
        bound = 4 * np.sqrt(p * (1 - p) / n)
        assert abs(s.full_ban_probability - p) <= bound
        assert abs(s.mean_length - exact.mean_length) <= 4 * s.length_se + 1e-12
        errors.append(bound)
    assert errors[2] == pytest.approx(errors[0] / 4)


def test_bad_inputs_name_the_field():
    with pytest.raises(InvalidParameterError, match="noise"):
        play(tit_for_tat(), tit_for_tat(), noise=1.5)
    with pytest.raises(InvalidParameterError, match="b"):
        play(tit_for_tat(2), tit_for_tat(3))
    with pytest.raises(InvalidGameError, match="game"):
        play(tit_for_tat(3), tit_for_tat(3), PD)
    with pytest.raises(InvalidParameterError, match="misread_as"):
        spiral_statistics(tit_for_tat(), tit_for_tat(), misread_as=0)
    with pytest.raises(InvalidParameterError, match="output"):
        Automaton("bad", [[0.5, 0.2]], [[0, 0]])
    with pytest.raises(InvalidParameterError, match="transition"):
        Automaton("bad", [[1.0, 0.0]], [[0, 1]])
    with pytest.raises(InvalidParameterError, match="strategies"):
        round_robin({}, PD)
