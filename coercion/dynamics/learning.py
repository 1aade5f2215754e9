r"""Learning dynamics: are the equilibria of coercion games reached, or not?

Two classic adjustment processes, seeded and on any strategic game:

- **Fictitious play** (Brown [1]_, Robinson [2]_): each period every player
  best-responds to the empirical frequencies of the others' past play. The
  frequencies converge to equilibrium in zero-sum games [2]_, in 2x2 games
  (Miyasawa [3]_) and in potential games, and may cycle for ever otherwise
  (Shapley's 3x3 example [4]_).
- **Replicator dynamics** (Taylor and Jonker [5]_): a strategy's share
  grows at the rate its payoff exceeds the average of its population,
  :math:`\dot x_{p,s} = x_{p,s}\,(u_p(s, x_{-p}) - u_p(x))`, one population per
  player (or one shared population for a symmetric game). Strict equilibria
  are asymptotically stable; interior equilibria of zero-sum games are
  surrounded by closed orbits (Hofbauer and Sigmund [6]_).

Examples
--------
>>> import coercion as co
>>> from coercion.dynamics import fictitious_play
>>> mp = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
>>> fp = fictitious_play(mp, iterations=2000, seed=0)
>>> [np.round(x, 2).tolist() for x in fp.final]
[[0.5, 0.5], [0.5, 0.5]]

References
----------
.. [1] Brown, G. W. (1951). Iterative solution of games by fictitious play.
   In *Activity Analysis of Production and Allocation*, 374-376. Wiley.
.. [2] Robinson, J. (1951). An iterative method of solving a game. *Annals
   of Mathematics* 54(2), 296-301.
.. [3] Miyasawa, K. (1961). On the convergence of the learning process in a
   2x2 non-zero-sum two-person game. Research Memorandum 33, Princeton.
.. [4] Shapley, L. S. (1964). Some topics in two-person games. In *Advances
   in Game Theory*, 1-28. Princeton University Press.
.. [5] Taylor, P. D. and Jonker, L. B. (1978). Evolutionarily stable
   strategies and game dynamics. *Mathematical Biosciences* 40, 145-156.
.. [6] Hofbauer, J. and Sigmund, K. (1998). *Evolutionary Games and
   Population Dynamics*. Cambridge University Press, ch. 7 and 10.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coercion._random import SeedLike, as_generator
from coercion.errors import InvalidGameError, InvalidParameterError, NotSupportedError
from coercion.game.normal_form import NormalFormGame

__all__ = ["LearningPath", "fictitious_play", "replicator_dynamics"]


@dataclass(frozen=True)
class LearningPath:
    """The trajectory of a learning process.

    Attributes
    ----------
    game : NormalFormGame
    times : numpy.ndarray
        Iteration numbers (fictitious play) or times (replicator), shape ``(K,)``.
    strategies : tuple of numpy.ndarray
        Per player, shape ``(K, s_p)``: empirical frequencies (fictitious
        play) or population shares (replicator) along the path.
    regrets : numpy.ndarray
        The largest regret (:func:`coercion.regret`) of the profile at each
        recorded point: 0 at a Nash equilibrium.
    actions : numpy.ndarray or None
        Fictitious play only: the pure action of each player in each period.
    """

    game: NormalFormGame
    times: np.ndarray
    strategies: tuple[np.ndarray, ...]
    regrets: np.ndarray
    actions: np.ndarray | None = None

    @property
    def final(self) -> tuple[np.ndarray, ...]:
        """The profile at the end of the path."""
        return tuple(x[-1] for x in self.strategies)


def _check_game(game: Any) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise NotSupportedError(
            f"{type(game).__name__} is not a NormalFormGame", field="game"
        )
    return game.to_float()


def _count(x: Any, field: str) -> int:
    if isinstance(x, bool) or not isinstance(x, int | np.integer) or x < 1:
        raise InvalidParameterError(f"{x!r} is not a positive integer", field=field)
    return int(x)


def _deviation_payoffs(
    g: NormalFormGame, sig: Sequence[np.ndarray]
) -> list[np.ndarray]:
    """Each player's payoff from each pure strategy against the others' mixtures."""
    pay = g.payoffs
    if g.n_players == 2:
        # plain matrix products: this is the hot loop of both dynamics
        return [pay[0] @ sig[1], sig[0] @ pay[1]]
    return [
        np.asarray(g.deviation_payoffs(p, list(sig)), dtype=float)
        for p in range(g.n_players)
    ]


def _regret(g: NormalFormGame, sig: Sequence[np.ndarray]) -> float:
    devs = _deviation_payoffs(g, sig)
    return max(float(d.max() - d @ x) for d, x in zip(devs, sig))


def fictitious_play(
    game: NormalFormGame,
    iterations: int = 1000,
    *,
    initial: Sequence[int] | None = None,
    seed: SeedLike = None,
    record_every: int = 1,
) -> LearningPath:
    r"""Simultaneous fictitious play on a strategic game with any number of players.

    Parameters
    ----------
    game : NormalFormGame
    iterations : int
        Number of periods after the first.
    initial : sequence of int, optional
        First-period pure actions (default: drawn uniformly with ``seed``).
    seed : int or numpy.random.Generator, optional
        Draws the initial actions and breaks ties among best responses
        uniformly.
    record_every : int
        Record the frequencies every this many periods (and at the end).

    Returns
    -------
    LearningPath
        ``strategies`` are the empirical frequencies, ``actions`` every
        period's pure actions.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a NormalFormGame.
    InvalidParameterError
        Bad counts or initial actions.

    Examples
    --------
    In the trade prisoner's dilemma, play locks into mutual restriction:

    >>> import coercion as co
    >>> from coercion.dynamics import fictitious_play
    >>> pd = co.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> fp = fictitious_play(pd, 50, initial=(0, 0))
    >>> fp.actions[:3].tolist(), round(float(fp.regrets[-1]), 4)
    ([[0, 0], [1, 1], [1, 1]], 0.02)

    Notes
    -----
    Period :math:`t+1` plays :math:`a_p^{t+1} \in \arg\max_s u_p(s,
    \bar\sigma^t_{-p})`, with :math:`\bar\sigma^t` the empirical frequencies
    of periods :math:`0..t` (the product of marginals for more than two
    players). Cost :math:`O(T \cdot \prod_p s_p)`.
    """
    g = _check_game(game)
    T = _count(iterations, "iterations")
    every = _count(record_every, "record_every")
    rng = as_generator(seed)
    n = g.n_players
    if initial is None:
        a = [int(rng.integers(s)) for s in g.shape]
    else:
        if isinstance(initial, str) or len(initial) != n:
            raise InvalidParameterError(
                f"{initial!r} is not one action per player", field="initial"
            )
        a = []
        for p, x in enumerate(initial):
            if not 0 <= int(x) < g.shape[p]:
                raise InvalidParameterError(
                    f"{x!r} is not an action", field=f"initial[{p}]"
                )
            a.append(int(x))
    counts = [np.zeros(s) for s in g.shape]
    acts = np.empty((T + 1, n), dtype=np.int64)
    rec_t: list[int] = []
    rec_x: list[list[np.ndarray]] = [[] for _ in range(n)]
    rec_r: list[float] = []
    tol = g.default_tol()
    for t in range(T + 1):
        acts[t] = a
        for p in range(n):
            counts[p][a[p]] += 1
        freq = [c / (t + 1) for c in counts]
        if t % every == 0 or t == T:
            rec_t.append(t)
            for p in range(n):
                rec_x[p].append(freq[p])
            rec_r.append(_regret(g, freq))
        if t == T:
            break
        nxt = []
        devs = _deviation_payoffs(g, freq)
        for p in range(n):
            dev = devs[p]
            best = np.flatnonzero(dev >= dev.max() - tol)
            nxt.append(int(best[0] if len(best) == 1 else rng.choice(best)))
        a = nxt
    return LearningPath(
        game,
        np.asarray(rec_t),
        tuple(np.asarray(x) for x in rec_x),
        np.asarray(rec_r),
        acts,
    )


def _path_regrets(
    g: NormalFormGame, paths: tuple[np.ndarray, ...], symmetric: bool
) -> np.ndarray:
    """Largest regret at every recorded point (vectorised for two players)."""
    if symmetric:
        paths = (paths[0], paths[0])
    if g.n_players == 2:
        X, Y = paths
        dev0 = Y @ g.payoffs[0].T  # row k: payoff of each row strategy vs y_k
        dev1 = X @ g.payoffs[1]
        r0 = dev0.max(axis=1) - np.einsum("ks,ks->k", dev0, X)
        r1 = dev1.max(axis=1) - np.einsum("ks,ks->k", dev1, Y)
        return np.maximum(np.maximum(r0, r1), 0.0)
    return np.asarray([_regret(g, [p[k] for p in paths]) for k in range(len(paths[0]))])


def _fitness(
    g: NormalFormGame, sig: list[np.ndarray], symmetric: bool
) -> list[np.ndarray]:
    if symmetric:
        return [g.payoffs[0] @ sig[0]]
    return _deviation_payoffs(g, sig)


def _rhs(g: NormalFormGame, sig: list[np.ndarray], symmetric: bool) -> list[np.ndarray]:
    fit = _fitness(g, sig, symmetric)
    return [x * (f - f @ x) for x, f in zip(sig, fit)]


def replicator_dynamics(
    game: NormalFormGame,
    *,
    time: float = 50.0,
    step: float = 0.01,
    initial: Sequence[Sequence[float]] | None = None,
    symmetric: bool = False,
    seed: SeedLike = None,
    record_every: int = 10,
) -> LearningPath:
    r"""Integrate the (multi-population or symmetric) replicator dynamics.

    Parameters
    ----------
    game : NormalFormGame
    time : float
        Length of the run.
    step : float
        Step of the classical fourth-order Runge-Kutta scheme.
    initial : sequence of probability vectors, optional
        Starting shares per player (one vector if ``symmetric``); default a
        uniform draw from the interior of the simplex (Dirichlet(1)), seeded.
    symmetric : bool
        One population playing a symmetric game against itself (the row
        player's payoffs; the game must be symmetric).
    seed : int or numpy.random.Generator, optional
    record_every : int
        Record every this many steps (and the end).

    Returns
    -------
    LearningPath

    Raises
    ------
    NotSupportedError
        If ``game`` is not a NormalFormGame.
    InvalidGameError
        If ``symmetric`` and the game is not symmetric.
    InvalidParameterError
        Bad time, step or initial shares.

    Examples
    --------
    Hawk-dove (chicken) in one population settles at the mixed equilibrium,
    where a share :math:`a / c = 1/10` stands firm:

    >>> import coercion as co
    >>> from coercion.dynamics import replicator_dynamics
    >>> g = co.models.chicken(1, 1, 10)
    >>> rd = replicator_dynamics(g, symmetric=True, initial=[[0.5, 0.5]], time=100)
    >>> np.round(rd.final[0], 6).tolist()
    [0.9, 0.1]

    Notes
    -----
    RK4 with step :math:`h` has global error :math:`O(h^4)`; shares are
    clipped at 0 and renormalised after each step (the exact flow keeps the
    simplex and each face invariant). In a zero-sum two-population game with
    an interior equilibrium :math:`(x^*, y^*)` the quantity
    :math:`\sum_s x^*_s \log x_s + \sum_s y^*_s \log y_s` is constant along
    orbits ([6]_ §10.5), a check of the integration.
    """
    g = _check_game(game)
    if not (np.isfinite(time) and time > 0):
        raise InvalidParameterError(f"{time!r} is not a positive number", field="time")
    if not (np.isfinite(step) and 0 < step <= time):
        raise InvalidParameterError(f"{step!r} is not in (0, time]", field="step")
    every = _count(record_every, "record_every")
    n = g.n_players
    if symmetric:
        pay = g.payoffs
        if n != 2 or g.shape[0] != g.shape[1] or not np.allclose(pay[1], pay[0].T):
            raise InvalidGameError(
                "the game is not a symmetric two-player game (B = A^T)", field="game"
            )
    pops = 1 if symmetric else n
    rng = as_generator(seed)
    if initial is None:
        sig = [rng.dirichlet(np.ones(g.shape[p])) for p in range(pops)]
    else:
        if isinstance(initial, str) or len(initial) != pops:
            raise InvalidParameterError(
                f"{pops} probability vectors are needed", field="initial"
            )
        sig = []
        for p, given in enumerate(initial):
            v = np.asarray(given, dtype=float)
            if v.shape != (g.shape[p],) or np.any(v < 0) or not np.isclose(v.sum(), 1):
                raise InvalidParameterError(
                    f"{given!r} is not a probability vector", field=f"initial[{p}]"
                )
            sig.append(v / v.sum())
    steps = int(np.ceil(time / step - 1e-9))
    h = time / steps
    times, rec = [0.0], [[x.copy()] for x in sig]
    for k in range(1, steps + 1):
        k1 = _rhs(g, sig, symmetric)
        k2 = _rhs(g, [x + h / 2 * d for x, d in zip(sig, k1)], symmetric)
        k3 = _rhs(g, [x + h / 2 * d for x, d in zip(sig, k2)], symmetric)
        k4 = _rhs(g, [x + h * d for x, d in zip(sig, k3)], symmetric)
        new = []
        for x, a, b, c, d in zip(sig, k1, k2, k3, k4):
            z = np.clip(x + h / 6 * (a + 2 * b + 2 * c + d), 0.0, None)
            new.append(z / z.sum())
        sig = new
        if k % every == 0 or k == steps:
            times.append(k * h)
            for p in range(pops):
                rec[p].append(sig[p].copy())
    paths = tuple(np.asarray(r) for r in rec)
    return LearningPath(
        game, np.asarray(times), paths, _path_regrets(g, paths, symmetric), None
    )
