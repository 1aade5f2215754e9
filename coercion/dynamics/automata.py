r"""Retaliation strategies as finite automata, and noisy play between them.

A strategy in a two-player repeated game on an *escalation ladder* of rungs
:math:`0, 1, \dots, n-1` (0: open trade, :math:`n-1`: full ban) is a finite
automaton (Moore machine; [1]_ §2.3, [2]_): a set of states, an initial state,
an *output* giving the probability of each rung in each state (one-hot for a
deterministic strategy, mixed for a generous one) and a *transition* from the
current state, its own rung and the rung it *observed* the other side play to
the next state. With noise, each side misreads the other's rung with probability
``noise`` (the observed rung is then drawn uniformly from the other rungs):
the misperception that starts a retaliation spiral.

Examples
--------
>>> from coercion.dynamics import tit_for_tat, grim_trigger, play
>>> path = play(tit_for_tat(2), grim_trigger(2), rounds=5, noise=0.3, seed=1)
>>> path.actions.tolist()
[[0, 0], [1, 0], [0, 1], [1, 1], [1, 1]]
>>> path.misread.tolist()
[[True, False], [False, False], [False, False], [False, False], [True, True]]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coercion._random import SeedLike, as_generator
from coercion.errors import InvalidGameError, InvalidParameterError

__all__ = [
    "Automaton",
    "MatchPath",
    "always",
    "tit_for_tat",
    "generous_tit_for_tat",
    "grim_trigger",
    "proportional",
    "escalate_one_rung",
    "play",
    "simulate_matches",
    "one_shot_deviation_gains",
]


@dataclass(frozen=True, eq=False)
class Automaton:
    """A finite-state strategy on a ladder of ``n_actions`` rungs.

    Attributes
    ----------
    name : str
    output : numpy.ndarray
        Shape ``(n_states, n_actions)``; row ``s`` is the probability of each
        rung in state ``s`` (rows sum to 1).
    transition : numpy.ndarray
        Integer array of shape ``(n_states, n_actions, n_actions)``:
        ``transition[s, own, seen]`` is the next state after playing rung
        ``own`` and observing the other side play rung ``seen``. A table of
        shape ``(n_states, n_actions)`` (on the observed rung only) is
        accepted and broadcast over ``own``.
    initial : int
        Initial state.
    state_labels : tuple of str
    """

    name: str
    output: np.ndarray
    transition: np.ndarray
    initial: int = 0
    state_labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        out = np.asarray(self.output, dtype=float)
        tr = np.asarray(self.transition)
        if out.ndim != 2 or out.shape[0] == 0 or out.shape[1] == 0:
            raise InvalidParameterError(
                f"shape {out.shape} is not (n_states, n_actions)", field="output"
            )
        if not np.all(np.isfinite(out)) or np.any(out < 0):
            raise InvalidParameterError(
                "has negative or non-finite entries", field="output"
            )
        if not np.allclose(out.sum(axis=1), 1.0, atol=1e-12):
            raise InvalidParameterError("rows do not sum to 1", field="output")
        n_s, n_a = out.shape
        if tr.shape == out.shape and np.issubdtype(tr.dtype, np.integer):
            tr = np.broadcast_to(tr[:, None, :], (n_s, n_a, n_a))
        if tr.shape != (n_s, n_a, n_a) or not np.issubdtype(tr.dtype, np.integer):
            raise InvalidParameterError(
                f"shape {tr.shape} (dtype {tr.dtype}) is not an integer array of "
                f"shape {(n_s, n_a)} or {(n_s, n_a, n_a)}",
                field="transition",
            )
        if tr.min() < 0 or tr.max() >= out.shape[0]:
            raise InvalidParameterError(
                "names a state that does not exist", field="transition"
            )
        if not 0 <= int(self.initial) < out.shape[0]:
            raise InvalidParameterError(
                f"{self.initial!r} is not a state", field="initial"
            )
        labels = self.state_labels or tuple(str(s) for s in range(out.shape[0]))
        if len(labels) != out.shape[0]:
            raise InvalidParameterError(
                f"{len(labels)} labels for {out.shape[0]} states", field="state_labels"
            )
        out.setflags(write=False)
        tr = np.array(tr, dtype=np.int64)
        tr.setflags(write=False)
        object.__setattr__(self, "output", out)
        object.__setattr__(self, "transition", tr)
        object.__setattr__(self, "initial", int(self.initial))
        object.__setattr__(self, "state_labels", tuple(labels))

    @property
    def n_states(self) -> int:
        """Number of states."""
        return int(self.output.shape[0])

    @property
    def n_actions(self) -> int:
        """Number of rungs."""
        return int(self.output.shape[1])

    @property
    def is_deterministic(self) -> bool:
        """True when every state plays one rung for sure."""
        return bool(np.all((self.output == 0) | (self.output == 1)))

    def __repr__(self) -> str:
        return (
            f"<Automaton {self.name!r}: {self.n_states} states, {self.n_actions} rungs>"
        )


def _rungs(n_rungs: Any) -> int:
    if (
        isinstance(n_rungs, bool)
        or not isinstance(n_rungs, int | np.integer)
        or n_rungs < 2
    ):
        raise InvalidParameterError(
            f"{n_rungs!r} is not an integer >= 2", field="n_rungs"
        )
    return int(n_rungs)


def _respond(name: str, n: int, rung_after: Sequence[int]) -> Automaton:
    """Memory-one responder: state = rung last observed, output = rung_after[state]."""
    return Automaton(
        name,
        np.eye(n)[list(rung_after)],
        np.tile(np.arange(n), (n, 1)),
        0,
        tuple(f"saw {r}" for r in range(n)),
    )


def always(rung: int, n_rungs: int = 2) -> Automaton:
    """Play ``rung`` whatever happens (``always(0)``: always open; top: always ban).

    Raises
    ------
    InvalidParameterError
        If ``rung`` is not a rung of the ladder.

    Examples
    --------
    >>> from coercion.dynamics import always
    >>> always(1).name
    'always 1'
    """
    n = _rungs(n_rungs)
    if not 0 <= int(rung) < n:
        raise InvalidParameterError(f"{rung!r} is not in 0..{n - 1}", field="rung")
    return Automaton(
        f"always {int(rung)}", np.eye(n)[[int(rung)]], np.zeros((1, n), int)
    )


def tit_for_tat(n_rungs: int = 2) -> Automaton:
    """Open, then play the rung the other side was seen to play last period.

    Examples
    --------
    >>> from coercion.dynamics import tit_for_tat
    >>> tit_for_tat(3).output.argmax(axis=1).tolist()
    [0, 1, 2]
    """
    n = _rungs(n_rungs)
    return _respond("tit-for-tat", n, range(n))


def generous_tit_for_tat(n_rungs: int = 2, generosity: float = 0.1) -> Automaton:
    r"""Tit-for-tat that forgives a restriction (answers it with open trade) with
    probability ``generosity`` (Nowak and Sigmund's generous TFT [3]_).

    Raises
    ------
    InvalidParameterError
        If ``generosity`` is not in ``[0, 1]``.

    Examples
    --------
    >>> from coercion.dynamics import generous_tit_for_tat
    >>> generous_tit_for_tat(2, 0.25).output.tolist()
    [[1.0, 0.0], [0.25, 0.75]]
    """
    n = _rungs(n_rungs)
    g = float(generosity)
    if not 0 <= g <= 1:
        raise InvalidParameterError(
            f"{generosity!r} is not in [0, 1]", field="generosity"
        )
    out = np.eye(n) * (1 - g)
    out[:, 0] += g
    out[0] = np.eye(n)[0]
    return Automaton(
        f"generous tit-for-tat ({g:g})",
        out,
        np.tile(np.arange(n), (n, 1)),
        0,
        tuple(f"saw {r}" for r in range(n)),
    )


def grim_trigger(n_rungs: int = 2) -> Automaton:
    """Open until any restriction is played or seen, then full ban for ever.

    Its own restriction (a deviation, or a noisy mistake of a random
    strategy) also triggers the punishment, as in the grim-trigger automaton
    of Mailath and Samuelson (2006, §2.3), so that the pair is subgame perfect
    above the critical discount factor.

    Examples
    --------
    >>> from coercion.dynamics import grim_trigger
    >>> grim_trigger(2).transition[0].tolist()  # peace: [own rung][seen rung]
    [[0, 1], [1, 1]]
    """
    n = _rungs(n_rungs)
    out = np.zeros((2, n))
    out[0, 0] = out[1, n - 1] = 1
    tr = np.ones((2, n, n), dtype=int)
    tr[0, 0, 0] = 0
    return Automaton("grim trigger", out, tr, 0, ("peace", "war"))


def proportional(n_rungs: int = 3, ratio: float = 0.5) -> Automaton:
    r"""Answer a rung :math:`r` with the rung :math:`\lceil \text{ratio} \cdot r\rceil`.

    ``ratio = 1`` is tit-for-tat; below 1 a measured answer that climbs down.

    Raises
    ------
    InvalidParameterError
        If ``ratio`` is not in ``(0, 1]``.

    Examples
    --------
    >>> from coercion.dynamics import proportional
    >>> proportional(5, 0.5).output.argmax(axis=1).tolist()
    [0, 1, 1, 2, 2]
    """
    n = _rungs(n_rungs)
    q = float(ratio)
    if not 0 < q <= 1:
        raise InvalidParameterError(f"{ratio!r} is not in (0, 1]", field="ratio")
    # a small guard keeps ratio * r that is an integer in exact arithmetic integral
    return _respond(
        f"proportional ({q:g})",
        n,
        [min(n - 1, math.ceil(q * r - 1e-12)) for r in range(n)],
    )


def escalate_one_rung(n_rungs: int = 4) -> Automaton:
    """Answer any restriction by climbing one rung above it (open answers open).

    Examples
    --------
    >>> from coercion.dynamics import escalate_one_rung
    >>> escalate_one_rung(4).output.argmax(axis=1).tolist()
    [0, 2, 3, 3]
    """
    n = _rungs(n_rungs)
    return _respond(
        "escalate one rung", n, [0] + [min(n - 1, r + 1) for r in range(1, n)]
    )


@dataclass(frozen=True)
class MatchPath:
    """What happened in noisy matches between two automata.

    Attributes
    ----------
    actions : numpy.ndarray
        Rungs played, shape ``(rounds, 2)`` (one match) or
        ``(matches, rounds, 2)``.
    observed : numpy.ndarray
        ``observed[..., t, i]``: the rung player ``i`` saw the other play.
    misread : numpy.ndarray
        Where the observation differs from the rung played.
    payoffs : numpy.ndarray or None
        Stage payoffs of each player, when a game was given.
    """

    actions: np.ndarray
    observed: np.ndarray
    misread: np.ndarray
    payoffs: np.ndarray | None

    def mean_payoffs(self) -> np.ndarray | None:
        """Average payoff per round of each player (averaged over matches too)."""
        if self.payoffs is None:
            return None
        return self.payoffs.reshape(-1, 2).mean(axis=0)

    def discounted_payoffs(self, discount: float) -> np.ndarray | None:
        r"""Normalised discounted payoffs :math:`(1-\delta)\sum_t \delta^t u_t`.

        Raises
        ------
        InvalidParameterError
            If ``discount`` is not in ``[0, 1)``.
        """
        if not 0 <= discount < 1:
            raise InvalidParameterError(
                f"{discount!r} is not in [0, 1)", field="discount"
            )
        if self.payoffs is None:
            return None
        t = self.payoffs.shape[-2]
        w = (1 - discount) * discount ** np.arange(t)
        return np.einsum("...ti,t->...i", self.payoffs, w)


def _stage_arrays(game: Any, n: int) -> tuple[np.ndarray, np.ndarray] | None:
    if game is None:
        return None
    if getattr(game, "n_players", None) != 2 or tuple(game.shape) != (n, n):
        raise InvalidGameError(
            f"a two-player {n}x{n} game is needed for automata with {n} rungs",
            field="game",
        )
    pay = np.asarray(game.payoffs, dtype=float)
    return pay[0], pay[1]


def _draw(probs: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Inverse-CDF draw of one index per row of ``probs`` from uniforms ``u``."""
    cdf = np.cumsum(probs, axis=1)
    idx = (cdf <= u[:, None]).sum(axis=1)
    return np.minimum(idx, probs.shape[1] - 1)


def _misread(
    true: np.ndarray, n: int, noise: float, rng: np.random.Generator
) -> np.ndarray:
    flip = rng.random(true.shape) < noise
    shift = rng.integers(1, n, size=true.shape)  # uniform over the other rungs
    return np.where(flip, (true + shift) % n, true)


def _check_pair(a: Automaton, b: Automaton) -> int:
    for name, m in (("a", a), ("b", b)):
        if not isinstance(m, Automaton):
            raise InvalidParameterError(f"{m!r} is not an Automaton", field=name)
    if a.n_actions != b.n_actions:
        raise InvalidParameterError(
            f"{b.n_actions} rungs differ from the other's {a.n_actions}", field="b"
        )
    return a.n_actions


def _check_noise(noise: Any) -> float:
    x = float(noise)
    if not 0 <= x <= 1:
        raise InvalidParameterError(f"{noise!r} is not in [0, 1]", field="noise")
    return x


def _positive(x: Any, field: str) -> int:
    if isinstance(x, bool) or not isinstance(x, int | np.integer) or x < 1:
        raise InvalidParameterError(f"{x!r} is not a positive integer", field=field)
    return int(x)


def simulate_matches(
    a: Automaton,
    b: Automaton,
    game: Any = None,
    *,
    rounds: int = 100,
    matches: int = 1,
    noise: float = 0.0,
    seed: SeedLike = None,
    first_misread: int | None = None,
) -> MatchPath:
    r"""Play ``matches`` independent noisy matches of ``a`` (row) against ``b``.

    Parameters
    ----------
    a, b : Automaton
        Strategies with the same number of rungs.
    game : NormalFormGame, optional
        A two-player stage game with one strategy per rung; gives payoffs.
    rounds, matches : int
    noise : float
        Probability that a side misreads the other's rung.
    seed : int or numpy.random.Generator, optional
    first_misread : int, optional
        Force one misperception: in round 0, ``a`` reads ``b``'s rung as
        ``first_misread`` (the trigger of an escalation spiral).

    Returns
    -------
    MatchPath
        Arrays with a leading ``matches`` axis.

    Raises
    ------
    InvalidParameterError
        Bad strategies, counts, noise or ``first_misread``.
    InvalidGameError
        If ``game`` does not fit the ladder.

    Examples
    --------
    >>> from coercion.dynamics import simulate_matches, tit_for_tat
    >>> p = simulate_matches(tit_for_tat(2), tit_for_tat(2), rounds=4, matches=1,
    ...                      first_misread=1)
    >>> p.actions[0].tolist()
    [[0, 0], [1, 0], [0, 1], [1, 0]]

    Notes
    -----
    Matches are simulated side by side (numpy arrays over matches); each round
    draws the rungs by inverse CDF from the automata's outputs, then each
    side's observation (correct with probability :math:`1 - \varepsilon`, else
    one of the other :math:`n-1` rungs uniformly), then the transitions. The
    random stream depends only on ``seed``, so results are reproducible.
    """
    n = _check_pair(a, b)
    rounds = _positive(rounds, "rounds")
    matches = _positive(matches, "matches")
    eps = _check_noise(noise)
    stage = _stage_arrays(game, n)
    if first_misread is not None and not 0 <= int(first_misread) < n:
        raise InvalidParameterError(
            f"{first_misread!r} is not a rung in 0..{n - 1}", field="first_misread"
        )
    rng = as_generator(seed)
    sa = np.full(matches, a.initial)
    sb = np.full(matches, b.initial)
    acts = np.empty((matches, rounds, 2), dtype=np.int64)
    obs = np.empty_like(acts)
    for t in range(rounds):
        u = rng.random((2, matches))
        xa = _draw(a.output[sa], u[0])
        xb = _draw(b.output[sb], u[1])
        oa = _misread(xb, n, eps, rng) if eps > 0 else xb
        ob = _misread(xa, n, eps, rng) if eps > 0 else xa
        if t == 0 and first_misread is not None:
            oa = np.full(matches, int(first_misread))
        acts[:, t, 0], acts[:, t, 1] = xa, xb
        obs[:, t, 0], obs[:, t, 1] = oa, ob
        sa = a.transition[sa, xa, oa]
        sb = b.transition[sb, xb, ob]
    misread = obs != acts[..., ::-1]
    pay = None
    if stage is not None:
        pay = np.stack(
            [
                stage[0][acts[..., 0], acts[..., 1]],
                stage[1][acts[..., 0], acts[..., 1]],
            ],
            axis=-1,
        )
    return MatchPath(acts, obs, misread, pay)


def play(
    a: Automaton,
    b: Automaton,
    game: Any = None,
    *,
    rounds: int = 100,
    noise: float = 0.0,
    seed: SeedLike = None,
) -> MatchPath:
    """One noisy match of ``a`` against ``b``: its path of rungs and payoffs.

    Parameters and errors as :func:`simulate_matches`, with one match; the
    arrays have no leading match axis.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.dynamics import play, tit_for_tat, always
    >>> pd = co.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> path = play(tit_for_tat(), always(1), pd, rounds=4)
    >>> path.payoffs[:, 0].tolist()
    [0.0, 1.0, 1.0, 1.0]
    """
    p = simulate_matches(a, b, game, rounds=rounds, matches=1, noise=noise, seed=seed)
    return MatchPath(
        p.actions[0],
        p.observed[0],
        p.misread[0],
        None if p.payoffs is None else p.payoffs[0],
    )


def _solve_exact(M: list[list[Any]], rhs: list[Any]) -> list[Any]:
    """Gauss-Jordan elimination (exact for Fractions, plain for floats)."""
    n = len(M)
    A = [[*row, rhs[i]] for i, row in enumerate(M)]
    for c in range(n):
        # partial pivoting: the largest entry (any non-zero one is exact)
        piv = max(range(c, n), key=lambda r: abs(A[r][c]))
        A[c], A[piv] = A[piv], A[c]
        p = A[c][c]
        A[c] = [x / p for x in A[c]]
        for r in range(n):
            if r != c and A[r][c] != 0:
                f = A[r][c]
                A[r] = [x - f * y for x, y in zip(A[r], A[c])]
    return [A[i][n] for i in range(n)]


def one_shot_deviation_gains(
    a: Automaton, b: Automaton, game: Any, discount: Any
) -> dict[tuple[int, int], tuple[Any, Any]]:
    r"""Each player's best one-shot deviation gain at every reachable pair of states.

    The checker of subgame perfection for a pair of deterministic automata in
    the repeated game: by the one-shot deviation principle ([1]_ §2.2), the
    pair is a subgame-perfect equilibrium iff every gain is 0 (gains are
    never negative: the prescribed action is among the alternatives).

    Parameters
    ----------
    a, b : Automaton
        Deterministic automata (row and column player).
    game : NormalFormGame
        The two-player stage game, one strategy per rung.
    discount : number
        :math:`\delta \in [0, 1)`; exact (Fraction, int or string) with an
        exact game gives exact gains.

    Returns
    -------
    dict
        ``{(state_a, state_b): (gain_a, gain_b)}`` over every pair reachable
        from the initial states under any actions.

    Raises
    ------
    InvalidParameterError
        Random automata, a bad discount factor.
    InvalidGameError
        If the game does not fit the ladder.

    Examples
    --------
    Grim trigger against itself in the prisoner's dilemma with
    :math:`T, R, P, S = 5, 3, 1, 0` is subgame perfect iff :math:`\delta \ge 1/2`:

    >>> import coercion as co
    >>> from coercion.dynamics import grim_trigger, one_shot_deviation_gains
    >>> pd = co.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> g = one_shot_deviation_gains(grim_trigger(), grim_trigger(), pd, "1/2")
    >>> g[(0, 0)], g[(1, 1)]
    ((Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(0, 1)))
    >>> max(max(v) for v in one_shot_deviation_gains(
    ...     grim_trigger(), grim_trigger(), pd, "2/5").values())
    Fraction(2, 5)

    Notes
    -----
    Values of the joint automaton solve
    :math:`V(q) = (1-\delta) u(x(q)) + \delta V(\tau(q, x(q)))` (a linear
    system over the reachable pairs :math:`q`); the gain of player :math:`i`
    at :math:`q` is :math:`\max_{x_i'} (1-\delta) u_i(x_i', x_{-i}(q)) +
    \delta V_i(\tau(q, x_i', x_{-i}(q))) - V_i(q)`.

    References
    ----------
    .. [1] Mailath, G. J. and Samuelson, L. (2006). *Repeated Games and
       Reputations*. Oxford University Press.
    """
    from fractions import Fraction

    from coercion.models._params import number

    n = _check_pair(a, b)
    for name, m in (("a", a), ("b", b)):
        if not m.is_deterministic:
            raise InvalidParameterError(f"{m.name!r} is not deterministic", field=name)
    if getattr(game, "n_players", None) != 2 or tuple(game.shape) != (n, n):
        raise InvalidGameError(f"a two-player {n}x{n} game is needed", field="game")
    d = number(discount, "discount", lower=0, upper=1, strict_upper=True)
    exact = game.is_exact and isinstance(d, Fraction)
    pay = game.payoffs if exact else np.asarray(game.payoffs, dtype=float)
    d = d if exact else float(d)
    xa = [int(np.argmax(r)) for r in a.output]
    xb = [int(np.argmax(r)) for r in b.output]
    # every pair reachable under any actions (histories off the path included)
    start = (a.initial, b.initial)
    pairs, todo = {start: 0}, [start]
    while todo:
        sa, sb = todo.pop()
        for x in range(n):
            for y in range(n):
                q = (int(a.transition[sa, x, y]), int(b.transition[sb, y, x]))
                if q not in pairs:
                    pairs[q] = len(pairs)
                    todo.append(q)
    order = sorted(pairs, key=lambda q: pairs[q])
    k = len(order)
    zero, one = (Fraction(0), Fraction(1)) if exact else (0.0, 1.0)

    def step(sa: int, sb: int, x: int, y: int) -> tuple[int, int]:
        return int(a.transition[sa, x, y]), int(b.transition[sb, y, x])

    values = []
    for i in range(2):
        M = [[zero] * k for _ in range(k)]
        rhs = []
        for r, (sa, sb) in enumerate(order):
            x, y = xa[sa], xb[sb]
            M[r][r] += one
            M[r][pairs[step(sa, sb, x, y)]] -= d
            rhs.append((1 - d) * pay[i][x, y])
        values.append(_solve_exact(M, rhs))
    out = {}
    for r, (sa, sb) in enumerate(order):
        x, y = xa[sa], xb[sb]
        ga = max(
            (1 - d) * pay[0][x2, y] + d * values[0][pairs[step(sa, sb, x2, y)]]
            for x2 in range(n)
        )
        gb = max(
            (1 - d) * pay[1][x, y2] + d * values[1][pairs[step(sa, sb, x, y2)]]
            for y2 in range(n)
        )
        out[(sa, sb)] = (ga - values[0][r], gb - values[1][r])
    return out
