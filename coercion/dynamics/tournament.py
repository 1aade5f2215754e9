r"""Tournaments of retaliation strategies and the escalation spirals noise starts.

A *round-robin tournament* (Axelrod [1]_) plays every pair of strategies for a
number of rounds, possibly with noise, and ranks them by their average payoff.
An *escalation spiral* starts with a single misperception between two sides
that trade openly: side A reads B's open trade as a restriction at rung
``misread_as``. The spiral lasts until both play open trade again in the same
round; it *reaches a full ban* when a side plays the ladder's top rung before.

Examples
--------
>>> from coercion.dynamics import escalate_one_rung, spiral_statistics, spiral_exact
>>> s = spiral_statistics(escalate_one_rung(4), escalate_one_rung(4), rounds=20,
...                       matches=500, noise=0.05, seed=0)
>>> e = spiral_exact(escalate_one_rung(4), escalate_one_rung(4), rounds=20, noise=0.05)
>>> round(e.full_ban_probability, 4)
0.9847
>>> bool(abs(s.full_ban_probability - e.full_ban_probability) <= 4 * s.full_ban_se + 1/500)
True
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from coercion._random import SeedLike, as_generator
from coercion.dynamics.automata import (
    Automaton,
    _check_noise,
    _check_pair,
    _positive,
    simulate_matches,
)
from coercion.errors import InvalidParameterError

__all__ = [
    "TournamentResult",
    "round_robin",
    "SpiralStatistics",
    "spiral_statistics",
    "spiral_exact",
]


@dataclass(frozen=True)
class TournamentResult:
    """Scores of a round-robin tournament.

    Attributes
    ----------
    names : tuple of str
    scores : numpy.ndarray
        ``scores[i, j]``: mean payoff per round of strategy ``i`` against ``j``.
    full_ban_share : numpy.ndarray
        ``[i, j]``: share of rounds in which either side played the top rung.
    ranking : tuple of str
        Names by mean score against all opponents (best first; ties by name).
    """

    names: tuple[str, ...]
    scores: np.ndarray
    full_ban_share: np.ndarray
    ranking: tuple[str, ...]

    def mean_scores(self) -> dict[str, float]:
        """Each strategy's mean score over its opponents."""
        return dict(zip(self.names, self.scores.mean(axis=1).tolist()))

    def to_frame(self) -> Any:
        """Tidy table: one row per ordered pair (strategy, opponent)."""
        import pandas as pd

        rows = [
            {
                "strategy": a,
                "opponent": b,
                "score": float(self.scores[i, j]),
                "full_ban_share": float(self.full_ban_share[i, j]),
            }
            for (i, a), (j, b) in itertools.product(enumerate(self.names), repeat=2)
        ]
        return pd.DataFrame(rows)


def round_robin(
    strategies: Mapping[str, Automaton],
    game: Any,
    *,
    rounds: int = 200,
    repetitions: int = 1,
    noise: float = 0.0,
    seed: SeedLike = None,
) -> TournamentResult:
    r"""Every strategy against every strategy (itself included), with noise.

    Parameters
    ----------
    strategies : mapping of str to Automaton
        Named strategies on the same ladder.
    game : NormalFormGame
        The symmetric two-player stage game, one strategy per rung.
    rounds, repetitions : int
        Rounds per match, matches per ordered pair.
    noise : float
        Probability of misreading the other's rung.
    seed : int or numpy.random.Generator, optional

    Returns
    -------
    TournamentResult

    Raises
    ------
    InvalidParameterError
        Fewer than one strategy, mismatched ladders, bad counts or noise.
    InvalidGameError
        If the game does not fit the ladder.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.dynamics import round_robin, tit_for_tat, always, grim_trigger
    >>> pd = co.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> res = round_robin({"TFT": tit_for_tat(), "ALLD": always(1),
    ...                    "GRIM": grim_trigger()}, pd, rounds=10)
    >>> res.scores.round(2).tolist()
    [[3.0, 0.9, 3.0], [1.4, 1.0, 1.4], [3.0, 0.9, 3.0]]

    Notes
    -----
    Each ordered pair plays ``repetitions`` matches of ``rounds`` rounds with
    its own stream spawned from ``seed``, so adding a strategy does not change
    the other pairs' draws. Without noise, deterministic automata give the
    deterministic outcome exactly (Axelrod's tournament, [1]_ ch. 2).

    References
    ----------
    .. [1] Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books.
    """
    if not isinstance(strategies, Mapping) or len(strategies) == 0:
        raise InvalidParameterError(
            f"{strategies!r} is not a non-empty mapping of names to automata",
            field="strategies",
        )
    names = tuple(str(k) for k in strategies)
    machines = list(strategies.values())
    for m in machines[1:]:
        _check_pair(machines[0], m)
    rounds = _positive(rounds, "rounds")
    repetitions = _positive(repetitions, "repetitions")
    eps = _check_noise(noise)
    k = len(names)
    root = np.random.SeedSequence(int(as_generator(seed).integers(2**63)))
    children = root.spawn(k * k)
    scores = np.zeros((k, k))
    ban = np.zeros((k, k))
    top = machines[0].n_actions - 1
    for i, j in itertools.product(range(k), repeat=2):
        p = simulate_matches(
            machines[i],
            machines[j],
            game,
            rounds=rounds,
            matches=repetitions,
            noise=eps,
            seed=np.random.default_rng(children[i * k + j]),
        )
        assert p.payoffs is not None
        scores[i, j] = p.payoffs[..., 0].mean()
        ban[i, j] = (p.actions == top).any(axis=-1).mean()
    means = scores.mean(axis=1)
    ranking = tuple(n for _, n in sorted(zip(-means, names)))
    return TournamentResult(names, scores, ban, ranking)


@dataclass(frozen=True)
class SpiralStatistics:
    """Escalation spirals after one misperception (see :func:`spiral_statistics`).

    Attributes
    ----------
    full_ban_probability : float
        Share (or exact probability) of spirals reaching a full ban within the
        horizon.
    full_ban_se : float
        Its standard error :math:`\\sqrt{\\hat p (1-\\hat p)/N}` (0 when exact).
    mean_length : float
        Mean number of rounds (after the misperception) before both sides
        trade openly again, censored at ``rounds - 1``.
    length_se : float
        Standard error of ``mean_length`` (0 when exact).
    ended_probability : float
        Share of spirals that ended (mutual open trade) within the horizon.
    matches : int or None
        Sample size (``None`` when exact).
    lengths : numpy.ndarray or None
        Per-match lengths (``None`` when exact).
    """

    full_ban_probability: float
    full_ban_se: float
    mean_length: float
    length_se: float
    ended_probability: float
    matches: int | None
    lengths: np.ndarray | None


def _spiral_outcomes(actions: np.ndarray, top: int) -> tuple[np.ndarray, ...]:
    rounds = actions.shape[1]
    peace = (actions[:, 1:, :] == 0).all(axis=-1)
    ended = peace.any(axis=1)
    first = np.where(ended, peace.argmax(axis=1), rounds - 1)
    # the top rung counts only before the sides first trade openly again
    played_top = (actions[:, 1:, :] == top).any(axis=-1)
    before = np.arange(rounds - 1)[None, :] < first[:, None]
    banned = (played_top & before).any(axis=1)
    return banned, first.astype(float), ended


def spiral_statistics(
    a: Automaton,
    b: Automaton,
    *,
    rounds: int = 50,
    matches: int = 1000,
    noise: float = 0.0,
    misread_as: int = 1,
    seed: SeedLike = None,
) -> SpiralStatistics:
    r"""How often one misperception escalates to a full ban, and for how long.

    Parameters
    ----------
    a, b : Automaton
        Strategies on the same ladder (at least two rungs); ``a`` misreads.
    rounds : int
        Horizon of each match (round 0 holds the misperception).
    matches : int
        Number of simulated spirals :math:`N`.
    noise : float
        Probability of further misreadings in every round after.
    misread_as : int
        The rung ``a`` believes ``b`` played in round 0 (default 1, the lowest
        restriction).
    seed : int or numpy.random.Generator, optional

    Returns
    -------
    SpiralStatistics

    Raises
    ------
    InvalidParameterError
        Bad strategies, counts, noise, or a ``misread_as`` that is not a
        restrictive rung.

    Examples
    --------
    Two tit-for-tat players echo one misperception for ever; generous ones
    (forgiving half the time) end it after one round on average
    (:math:`\sum_{k \ge 1} 2^{-k} = 1`):

    >>> from coercion.dynamics import tit_for_tat, generous_tit_for_tat, spiral_statistics
    >>> s = spiral_statistics(tit_for_tat(2), tit_for_tat(2), rounds=30, matches=10)
    >>> s.full_ban_probability, s.mean_length, s.ended_probability
    (1.0, 29.0, 0.0)
    >>> g = generous_tit_for_tat(2, 0.5)
    >>> s = spiral_statistics(g, g, rounds=30, matches=2000, seed=0)
    >>> round(s.mean_length, 1), s.ended_probability
    (1.0, 1.0)

    Notes
    -----
    Let :math:`B_m` be the indicator that spiral :math:`m` reaches a full
    ban. The estimate :math:`\hat p = \frac1N\sum_m B_m` is unbiased for the
    probability :math:`p` that :func:`spiral_exact` computes, with standard
    error :math:`\sqrt{p(1-p)/N}`; by the central limit theorem it falls
    within :math:`z\sqrt{p(1-p)/N}` of :math:`p` with probability
    :math:`\approx 1 - 2\Phi(-z)`, so the statistics converge at rate
    :math:`N^{-1/2}`.
    """
    n = _check_pair(a, b)
    matches = _positive(matches, "matches")
    rounds = _positive(rounds, "rounds")
    if rounds < 2:
        raise InvalidParameterError(f"{rounds!r} is not at least 2", field="rounds")
    if not 1 <= int(misread_as) < n:
        raise InvalidParameterError(
            f"{misread_as!r} is not a restrictive rung in 1..{n - 1}",
            field="misread_as",
        )
    p = simulate_matches(
        a,
        b,
        rounds=rounds,
        matches=matches,
        noise=noise,
        seed=seed,
        first_misread=int(misread_as),
    )
    banned, lengths, ended = _spiral_outcomes(p.actions, n - 1)
    pb = float(banned.mean())
    return SpiralStatistics(
        full_ban_probability=pb,
        full_ban_se=float(np.sqrt(pb * (1 - pb) / matches)),
        mean_length=float(lengths.mean()),
        length_se=float(lengths.std(ddof=1) / np.sqrt(matches)) if matches > 1 else 0.0,
        ended_probability=float(ended.mean()),
        matches=matches,
        lengths=lengths,
    )


def spiral_exact(
    a: Automaton,
    b: Automaton,
    *,
    rounds: int = 50,
    noise: float = 0.0,
    misread_as: int = 1,
) -> SpiralStatistics:
    r"""The exact expectations that :func:`spiral_statistics` estimates.

    Parameters and errors as :func:`spiral_statistics` (no ``matches``, no
    ``seed``).

    Examples
    --------
    >>> from coercion.dynamics import generous_tit_for_tat, spiral_exact
    >>> g = generous_tit_for_tat(2, 0.5)
    >>> e = spiral_exact(g, g, rounds=30)
    >>> round(e.mean_length, 6), round(e.full_ban_probability, 6)
    (1.0, 0.5)

    Notes
    -----
    A match between two automata with i.i.d. noise is a Markov chain on the
    pairs of states :math:`(s_A, s_B)`. We carry the probability of every pair,
    split by whether a full ban has been played and whether the spiral has
    ended, through the ``rounds`` rounds, enumerating in each round the rungs
    played (from the outputs) and the rungs observed (correct with probability
    :math:`1-\varepsilon`, else uniform over the others). Cost
    :math:`O(T\, |S_A|^2 |S_B|^2 n^4)` at worst; exact up to rounding.
    """
    n = _check_pair(a, b)
    rounds = _positive(rounds, "rounds")
    if rounds < 2:
        raise InvalidParameterError(f"{rounds!r} is not at least 2", field="rounds")
    eps = _check_noise(noise)
    if not 1 <= int(misread_as) < n:
        raise InvalidParameterError(
            f"{misread_as!r} is not a restrictive rung in 1..{n - 1}",
            field="misread_as",
        )
    top = n - 1
    seen = np.full((n, n), eps / (n - 1))
    np.fill_diagonal(seen, 1 - eps)  # seen[x, o]: P(observe o | played x)
    # round 0: the rungs played, a's forced misreading, b's noisy reading
    dist: dict[tuple[int, int, bool], float] = {}
    for xa in range(n):
        for xb in range(n):
            pxy = a.output[a.initial, xa] * b.output[b.initial, xb]
            if pxy == 0:
                continue
            na = int(a.transition[a.initial, xa, int(misread_as)])
            for ob in range(n):
                q = pxy * seen[xa, ob]
                if q == 0:
                    continue
                nb = int(b.transition[b.initial, xb, ob])
                key = (na, nb, False)
                dist[key] = dist.get(key, 0.0) + q
    banned_ended = 0.0
    ended_total = 0.0
    length = 0.0
    for _t in range(1, rounds):
        new: dict[tuple[int, int, bool], float] = {}
        for (sa, sb, banned), w in dist.items():
            for xa in range(n):
                pa = a.output[sa, xa]
                if pa == 0:
                    continue
                for xb in range(n):
                    pab = w * pa * b.output[sb, xb]
                    if pab == 0:
                        continue
                    if xa == 0 and xb == 0:
                        ended_total += pab
                        banned_ended += pab if banned else 0.0
                        continue
                    nban = banned or xa == top or xb == top
                    for oa in range(n):
                        qa = seen[xb, oa]
                        if qa == 0:
                            continue
                        for ob in range(n):
                            q = pab * qa * seen[xa, ob]
                            if q == 0:
                                continue
                            key = (
                                int(a.transition[sa, xa, oa]),
                                int(b.transition[sb, xb, ob]),
                                nban,
                            )
                            new[key] = new.get(key, 0.0) + q
        dist = new
        length += sum(dist.values())
    banned_open = sum(w for (_, _, bnd), w in dist.items() if bnd)
    return SpiralStatistics(
        full_ban_probability=float(banned_ended + banned_open),
        full_ban_se=0.0,
        mean_length=float(length),
        length_se=0.0,
        ended_probability=float(ended_total),
        matches=None,
        lengths=None,
    )
