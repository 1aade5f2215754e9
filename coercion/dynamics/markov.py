r"""Markov (stochastic) games whose state is the target's dependence.

A *Markov game* [1]_ has finitely many states :math:`s`; in each a stage game
:math:`u(s, a)` is played and the next state is drawn from
:math:`P(s' \mid s, a)`. Here the state is the target's dependence (or
capacity) level: a restriction that is actually imposed triggers investment,
and investment lowers dependence at a rate set by the time to recover and the
target's capability (:mod:`coercion.supply.substitution`).

A *Markov perfect equilibrium* (MPE; Maskin and Tirole [2]_) is a profile of
strategies that depend only on the state (and, with a finite horizon, on the
period) and form a subgame-perfect equilibrium. By the one-shot deviation
principle, :math:`\sigma` is an MPE iff in every state :math:`\sigma(s)` is a
Nash equilibrium of the *augmented* stage game

.. math:: U_i(s, a) = u_i(s, a) + \delta \sum_{s'} P(s' \mid s, a)\, V_i(s'),

where :math:`V` is the value of continuing with :math:`\sigma`. Finite horizons
are solved by backward induction (exact for exact games), discounted infinite
horizons by iterating :math:`V \mapsto` value of an equilibrium of the
augmented games until a fixed point, certified by the largest one-shot
deviation gain at the policy's own values (:func:`markov_perfect_regret`).

References
----------
.. [1] Shapley, L. S. (1953). Stochastic games. *PNAS* 39(10), 1095-1100.
.. [2] Maskin, E. and Tirole, J. (2001). Markov perfect equilibrium I:
   observable actions. *Journal of Economic Theory* 100(2), 191-219.
.. [3] Fudenberg, D. and Tirole, J. (1991). *Game Theory*. MIT Press, ch. 13.
.. [4] Snyder, G. H. and Diesing, P. (1977). *Conflict Among Nations*.
   Princeton University Press, ch. 2.

Examples
--------
>>> from coercion.dynamics import dependence_game, markov_perfect_finite
>>> mg = dependence_game(["1", "1/2", "0"], investment_probability="1/2",
...                      discount="9/10")
>>> mg.states
('d=1', 'd=1/2', 'd=0')
>>> sol = markov_perfect_finite(mg, 3)
>>> sol.values[0][0]
(Fraction(109, 100), Fraction(-109, 100))
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coercion._numbers import format_exact
from coercion.errors import (
    ConvergenceWarning,
    InvalidGameError,
    InvalidParameterError,
)
from coercion.game.normal_form import NormalFormGame
from coercion.models._params import number, probability

__all__ = [
    "MarkovGame",
    "MarkovPerfectSolution",
    "markov_perfect_finite",
    "markov_perfect_discounted",
    "markov_perfect_regret",
    "policy_values",
    "state_distribution",
    "leverage_path",
    "dependence_game",
    "ManagedDependencePolicy",
    "managed_dependence_policy",
]

Select = str | Callable[[Any, int], Any]


def _as_prob_array(
    x: Any, shape: tuple[int, ...], field: str
) -> tuple[np.ndarray, bool]:
    arr = np.asarray(x, dtype=object)
    if arr.shape != shape:
        raise InvalidGameError(f"shape {arr.shape} is not {shape}", field=field)
    exact = True
    out = np.empty(shape, dtype=object)
    for idx, v in np.ndenumerate(arr):
        try:
            p = number(v, f"{field}{list(idx)}", lower=0, upper=1)
        except InvalidParameterError as exc:
            raise InvalidGameError(exc.message, field=exc.field) from None
        exact &= isinstance(p, Fraction)
        out[idx] = p
    if not exact:
        out = out.astype(np.float64)
    sums = out.sum(axis=-1)
    ok = (
        np.all(sums == 1) if exact else np.allclose(sums.astype(float), 1.0, atol=1e-12)
    )
    if not ok:
        raise InvalidGameError(
            "probabilities over next states do not sum to 1", field=field
        )
    return out, exact


class MarkovGame:
    r"""A finite Markov game: one stage game and one transition law per state.

    Parameters
    ----------
    stage_games : sequence of NormalFormGame
        The stage game of each state; all have the same number of players
        (their strategy sets may differ between states).
    transitions : sequence of array_like
        ``transitions[s]`` has shape ``(*stage_games[s].shape, n_states)``:
        the probability of each next state after each pure profile. Ints,
        Fractions and number strings stay exact.
    discount : number
        :math:`\delta \in (0, 1]` (1 is allowed for finite horizons only).
    states : sequence of str, optional
        State labels (default ``"0"``, ``"1"``, ...).

    Raises
    ------
    InvalidGameError
        Mismatched players or shapes, probabilities outside ``[0, 1]`` or not
        summing to 1, duplicate state labels.
    InvalidParameterError
        If ``discount`` is not in ``(0, 1]``.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.dynamics import MarkovGame
    >>> g = co.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> mg = MarkovGame([g], [[[[1], [1]], [[1], [1]]]], discount="1/2")
    >>> mg.n_states, mg.is_exact
    (1, True)
    """

    def __init__(
        self,
        stage_games: Sequence[NormalFormGame],
        transitions: Sequence[Any],
        *,
        discount: Any,
        states: Sequence[str] | None = None,
    ) -> None:
        games = list(stage_games)
        if not games:
            raise InvalidGameError("no states given", field="stage_games")
        for s, g in enumerate(games):
            if not isinstance(g, NormalFormGame):
                raise InvalidGameError(
                    f"{type(g).__name__} is not a NormalFormGame",
                    field=f"stage_games[{s}]",
                )
            if g.n_players != games[0].n_players:
                raise InvalidGameError(
                    f"{g.n_players} players, not {games[0].n_players}",
                    field=f"stage_games[{s}]",
                )
        k = len(games)
        if len(transitions) != k:
            raise InvalidGameError(
                f"{len(transitions)} transition arrays for {k} states",
                field="transitions",
            )
        trans, exact = [], True
        for s, (g, t) in enumerate(zip(games, transitions)):
            arr, e = _as_prob_array(t, (*g.shape, k), f"transitions[{s}]")
            trans.append(arr)
            exact &= e
        labels = (
            tuple(states) if states is not None else tuple(str(s) for s in range(k))
        )
        if len(labels) != k or len(set(labels)) != k:
            raise InvalidGameError(
                f"{labels!r} are not {k} distinct labels", field="states"
            )
        self.discount = number(
            discount, "discount", lower=0, upper=1, strict_lower=True
        )
        self.stage_games = tuple(games)
        self.transitions = tuple(trans)
        self.states = labels
        self._exact = (
            exact
            and all(g.is_exact for g in games)
            and isinstance(self.discount, Fraction)
        )

    @property
    def n_states(self) -> int:
        """Number of states."""
        return len(self.stage_games)

    @property
    def n_players(self) -> int:
        """Number of players."""
        return self.stage_games[0].n_players

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels (of the first stage game)."""
        return self.stage_games[0].players

    @property
    def is_exact(self) -> bool:
        """True when payoffs, transitions and the discount factor are exact."""
        return self._exact

    def state_index(self, state: int | str) -> int:
        """Index of a state given by label or index.

        Raises
        ------
        InvalidParameterError
            If ``state`` is not a state.
        """
        if isinstance(state, str):
            if state not in self.states:
                raise InvalidParameterError(
                    f"{state!r} is not a state ({list(self.states)})", field="state"
                )
            return self.states.index(state)
        if isinstance(state, bool) or not 0 <= int(state) < self.n_states:
            raise InvalidParameterError(
                f"{state!r} is not a state index", field="state"
            )
        return int(state)

    def augmented_game(self, state: int | str, values: Any) -> NormalFormGame:
        r"""The stage game of ``state`` plus discounted continuation values.

        ``values`` has shape ``(n_states, n_players)``; the result's payoffs are
        :math:`u_i(s, a) + \delta \sum_{s'} P(s' \mid s, a) V_i(s')`.

        Raises
        ------
        InvalidParameterError
            If ``values`` has the wrong shape.
        """
        s = self.state_index(state)
        g = self.stage_games[s]
        V = np.asarray(values, dtype=object if _all_exact(values) else np.float64)
        if V.shape != (self.n_states, self.n_players):
            raise InvalidParameterError(
                f"shape {V.shape} is not {(self.n_states, self.n_players)}",
                field="values",
            )
        exact = self.is_exact and V.dtype == object
        P = (
            self.transitions[s]
            if exact
            else np.asarray(self.transitions[s], dtype=float)
        )
        d = self.discount if exact else float(self.discount)
        base = g.payoffs if exact else np.asarray(g.payoffs, dtype=float)
        cont = np.stack(
            [np.tensordot(P, V[:, i], axes=([-1], [0])) for i in range(V.shape[1])]
        )
        return NormalFormGame(
            base + d * cont, players=g.players, strategies=g.strategies, exact=exact
        )

    def profile_transition(
        self, state: int | str, profile: Sequence[Any]
    ) -> np.ndarray:
        """Distribution of the next state when ``profile`` (mixed) is played."""
        s = self.state_index(state)
        T: Any = self.transitions[s]
        for sig in profile:
            T = np.tensordot(np.asarray(sig, dtype=T.dtype), T, axes=([0], [0]))
        return T

    def __repr__(self) -> str:
        kind = "exact" if self.is_exact else "float"
        return (
            f"<MarkovGame {self.n_states} states, {self.n_players} players, "
            f"discount {format_exact(self.discount) if isinstance(self.discount, Fraction) else self.discount}, {kind}>"
        )


def _all_exact(values: Any) -> bool:
    arr = np.asarray(values, dtype=object)
    return all(
        isinstance(v, int | Fraction) and not isinstance(v, bool) for v in arr.ravel()
    )


def _select(eqs: Any, rule: Select, state: int, previous: Any = None) -> Any:
    cands = list(eqs)
    if callable(rule):
        return rule(eqs, state)
    if rule == "first":
        return cands[0]
    if rule == "max-sum":
        return max(cands, key=lambda e: float(sum(e.payoffs)))
    if rule == "pure-first":
        pure = [e for e in cands if e.is_pure]
        return (pure or cands)[0]
    if rule == "nearest":
        if previous is None:
            return cands[0]
        prev = [np.asarray(x, dtype=float) for x in previous.profile]

        def dist(e: Any) -> float:
            return float(
                sum(
                    np.abs(np.asarray(x, dtype=float) - y).sum()
                    for x, y in zip(e.profile, prev)
                )
            )

        return min(cands, key=dist)
    raise InvalidParameterError(
        f"{rule!r} is not 'first', 'pure-first', 'max-sum', 'nearest' or a callable",
        field="select",
    )


def _solve_quietly(game: NormalFormGame, **kwargs: Any) -> Any:
    from coercion.errors import DegenerateGameWarning
    from coercion.solve.dispatch import solve

    # degenerate augmented games are legal; their count is in n_equilibria
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return solve(game, **kwargs)


@dataclass(frozen=True)
class MarkovPerfectSolution:
    """A Markov perfect equilibrium.

    Attributes
    ----------
    game : MarkovGame
    policies : tuple of tuples of Equilibrium
        ``policies[t][s]``: the equilibrium of the augmented game played in
        state ``s`` at period ``t`` (one period for a stationary solution).
        Each carries the certificate of :func:`coercion.solve`.
    values : tuple of tuples
        ``values[t][s]``: each player's value from period ``t`` on in state
        ``s`` (``values[horizon]`` is the terminal value).
    n_equilibria : tuple of tuples of int
        How many equilibria each augmented game had (1 everywhere: the MPE is
        unique given the selection is forced).
    stationary : bool
    residual : Any
        Largest one-shot deviation gain at the policy's own values (0 for an
        exact finite-horizon solution): the certificate of the whole MPE.
    iterations : int
        Value-iteration steps (the horizon for finite games).
    converged : bool
    """

    game: MarkovGame
    policies: tuple[tuple[Any, ...], ...]
    values: tuple[tuple[tuple[Any, ...], ...], ...]
    n_equilibria: tuple[tuple[int, ...], ...]
    stationary: bool
    residual: Any
    iterations: int
    converged: bool

    def policy(self, state: int | str, period: int = 0) -> Any:
        """The equilibrium played in ``state`` at ``period``."""
        t = 0 if self.stationary else int(period)
        return self.policies[t][self.game.state_index(state)]

    def to_frame(self) -> Any:
        """Tidy table: period, state, player, strategy, probability, value."""
        import pandas as pd

        rows = []
        for t, pol in enumerate(self.policies):
            for s, eq in enumerate(pol):
                for p, pl in enumerate(self.game.players):
                    for lab, x in eq.strategy(p).items():
                        rows.append(
                            {
                                "period": t,
                                "state": self.game.states[s],
                                "player": pl,
                                "strategy": lab,
                                "probability": x,
                                "value": self.values[t][s][p],
                            }
                        )
        return pd.DataFrame(rows)


def _check_horizon(h: Any) -> int:
    if isinstance(h, bool) or not isinstance(h, int | np.integer) or h < 1:
        raise InvalidParameterError(f"{h!r} is not a positive integer", field="horizon")
    return int(h)


def markov_perfect_finite(
    game: MarkovGame,
    horizon: int,
    *,
    terminal: Any = None,
    select: Select = "first",
) -> MarkovPerfectSolution:
    r"""Markov perfect equilibrium of a finite-horizon Markov game by backward induction.

    Parameters
    ----------
    game : MarkovGame
    horizon : int
        Number of periods :math:`T`.
    terminal : array_like, optional
        Values after the last period, shape ``(n_states, n_players)``
        (default 0).
    select : {"first", "pure-first", "max-sum", "nearest"} or callable
        Which equilibrium of an augmented game to play when there are several:
        the solver's first, its first pure one, the one with the largest sum
        of payoffs, the one nearest to the next period's choice in that state,
        or ``select(equilibria, state) -> Equilibrium``.

    Returns
    -------
    MarkovPerfectSolution
        ``policies[t][s]`` for ``t = 0, ..., T-1``; exact for exact games.

    Raises
    ------
    InvalidParameterError
        Bad horizon, terminal values or selection rule.

    Examples
    --------
    See :func:`dependence_game`.

    Notes
    -----
    :math:`V_T = ` ``terminal``; for :math:`t = T-1, \dots, 0` and every state,
    solve the augmented game with :math:`V_{t+1}` by :func:`coercion.solve`
    (every equilibrium certified) and set :math:`V_t(s)` to the selected
    equilibrium's payoffs (Fudenberg and Tirole 1991, §13.2). Cost: :math:`T \cdot |S|` stage solves.
    """

    T = _check_horizon(horizon)
    k, n = game.n_states, game.n_players
    if terminal is None:
        V: Any = np.full((k, n), Fraction(0) if game.is_exact else 0.0, dtype=object)
        if not game.is_exact:
            V = V.astype(float)
    else:
        V = np.asarray(terminal, dtype=object if _all_exact(terminal) else float)
        if V.shape != (k, n):
            raise InvalidParameterError(
                f"shape {V.shape} is not {(k, n)}", field="terminal"
            )
    policies: list[tuple[Any, ...]] = []
    counts: list[tuple[int, ...]] = []
    values = [tuple(tuple(r) for r in V.tolist())]
    for _t in range(T - 1, -1, -1):
        pol, cnt = [], []
        newV = np.empty_like(V)
        for s in range(k):
            eqs = _solve_quietly(game.augmented_game(s, V))
            prev = policies[-1][s] if policies else None
            eq = _select(eqs, select, s, prev)
            pol.append(eq)
            cnt.append(len(eqs))
            newV[s] = list(eq.payoffs)
        V = newV
        policies.append(tuple(pol))
        counts.append(tuple(cnt))
        values.append(tuple(tuple(r) for r in V.tolist()))
    residual = max(e.max_regret for pol in policies for e in pol)
    return MarkovPerfectSolution(
        game,
        tuple(reversed(policies)),
        tuple(reversed(values)),
        tuple(reversed(counts)),
        False,
        residual,
        T,
        True,
    )


def policy_values(game: MarkovGame, policy: Sequence[Any]) -> np.ndarray:
    r"""Values :math:`V^\sigma` of a stationary policy: :math:`V = u_\sigma + \delta P_\sigma V`.

    Parameters
    ----------
    game : MarkovGame
        With discount factor below 1.
    policy : sequence
        Per state, a mixed profile (sequence of per-player probability
        vectors) or an :class:`~coercion.Equilibrium`.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_states, n_players)``, float.

    Raises
    ------
    InvalidParameterError
        If the discount factor is 1 or the policy does not fit.
    """
    d = float(game.discount)
    if d >= 1:
        raise InvalidParameterError("1 needs a finite horizon", field="discount")
    k = game.n_states
    if len(policy) != k:
        raise InvalidParameterError(
            f"{len(policy)} entries for {k} states", field="policy"
        )
    Pm = np.zeros((k, k))
    U = np.zeros((k, game.n_players))
    for s, prof in enumerate(policy):
        sig = prof.profile if hasattr(prof, "profile") else prof
        g = game.stage_games[s].to_float()
        sig = [np.asarray(x, dtype=float) for x in g.normalize_profile(sig)]
        U[s] = [float(v) for v in g.expected_payoffs(sig)]
        Pm[s] = np.asarray(game.profile_transition(s, sig), dtype=float)
    return np.linalg.solve(np.eye(k) - d * Pm, U)


def markov_perfect_regret(game: MarkovGame, policy: Sequence[Any]) -> float:
    r"""The largest one-shot deviation gain of a stationary policy: 0 at an MPE.

    The checker beside :func:`markov_perfect_discounted`: computes
    :math:`V^\sigma` (:func:`policy_values`) and the largest regret of
    :math:`\sigma(s)` in the augmented game of each state at :math:`V^\sigma`.

    Raises
    ------
    InvalidParameterError
        As :func:`policy_values`.
    """
    from coercion.solve._result import regret

    V = policy_values(game, policy)
    worst = 0.0
    for s, prof in enumerate(policy):
        sig = prof.profile if hasattr(prof, "profile") else prof
        g = game.augmented_game(s, V)
        sig = [np.asarray(x, dtype=float) for x in sig]
        worst = max(worst, float(regret(g, sig)))
    return worst


def markov_perfect_discounted(
    game: MarkovGame,
    *,
    tol: float = 1e-10,
    max_iter: int = 1000,
    select: Select = "nearest",
    initial: Any = None,
) -> MarkovPerfectSolution:
    r"""Stationary Markov perfect equilibrium of a discounted Markov game.

    Parameters
    ----------
    game : MarkovGame
        Discount factor below 1.
    tol : float
        Stop when successive values differ by at most ``tol`` times the
        scale :math:`\max(1, \max|u|/(1-\delta))`; also the certificate's
        tolerance.
    max_iter : int
    select : {"nearest", "first", "pure-first", "max-sum"} or callable
        As in :func:`markov_perfect_finite`; ``"nearest"`` (default) keeps,
        in each state, the equilibrium closest to the previous step's, so that
        the iteration follows one branch.
    initial : array_like, optional
        Starting values (default 0).

    Returns
    -------
    MarkovPerfectSolution
        ``stationary=True``; ``values`` are the final policy's own values
        (:func:`policy_values`), ``residual`` its
        :func:`markov_perfect_regret`, and ``converged`` whether that residual
        is within tolerance (a certified MPE).

    Raises
    ------
    InvalidParameterError
        Discount factor 1, bad ``tol`` or ``max_iter``.

    Warns
    -----
    ConvergenceWarning
        When the iteration stops (values changing by at most the tolerance,
        or ``max_iter`` steps) at a policy that is not certified.

    Examples
    --------
    >>> from coercion.dynamics import dependence_game, markov_perfect_discounted
    >>> mg = dependence_game([1, "1/2", "1/4"], investment_probability="1/2",
    ...                      discount="9/10")
    >>> sol = markov_perfect_discounted(mg)
    >>> sol.converged, sol.residual < 1e-8
    (True, True)
    >>> [e.supports for e in sol.policies[0]][2]
    (('restrict',), ('comply',))

    Notes
    -----
    Value iteration on equilibrium values (Shapley 1953 for zero-sum games,
    where the map is a :math:`\delta`-contraction and always converges;
    general-sum iteration need not converge, and then the selection rule and
    the starting values matter; Fudenberg and Tirole 1991, §13.2). The certificate does not trust
    the iteration: it evaluates the final stationary policy exactly (a linear
    solve) and measures every one-shot deviation gain. Once the selected
    supports repeat, the iteration tries that certificate and stops when it
    passes (a step of modified policy iteration, Puterman 1994, §6.5), which
    turns hundreds of value-iteration steps into a handful.
    """

    d = float(game.discount)
    if d >= 1:
        raise InvalidParameterError(
            "1 is not below 1; use markov_perfect_finite", field="discount"
        )
    if not (math.isfinite(float(tol)) and tol > 0):
        raise InvalidParameterError(f"{tol!r} is not a positive number", field="tol")
    max_iter = _check_horizon(max_iter)
    k, n = game.n_states, game.n_players
    scale = max(
        1.0,
        max(
            float(np.max(np.abs(np.asarray(g.payoffs, dtype=float))))
            for g in game.stage_games
        )
        / (1 - d),
    )
    V = np.zeros((k, n)) if initial is None else np.asarray(initial, dtype=float)
    if V.shape != (k, n):
        raise InvalidParameterError(f"shape {V.shape} is not {(k, n)}", field="initial")
    pol: list[Any] = []
    cnt: list[int] = []
    diff = math.inf
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007
        pol_prev = pol
        pol, cnt = [], []
        newV = np.empty_like(V)
        for s in range(k):
            eqs = _solve_quietly(game.augmented_game(s, V), exact=False)
            eq = _select(eqs, select, s, pol_prev[s] if pol_prev else None)
            pol.append(eq)
            cnt.append(len(eqs))
            newV[s] = [float(x) for x in eq.payoffs]
        diff = float(np.max(np.abs(newV - V)))
        V = newV
        if diff <= tol * scale:
            break
        if pol_prev and all(a.supports == b.supports for a, b in zip(pol, pol_prev)):
            # the policy has settled: jump to its own values (policy evaluation,
            # as in modified policy iteration) and stop if that is certified
            if markov_perfect_regret(game, pol) <= tol * scale:
                diff = float(np.max(np.abs(policy_values(game, pol) - V)))
                break
    residual = markov_perfect_regret(game, pol)
    Vp = policy_values(game, pol)
    # equilibria of the augmented games at the policy's own values
    final = [_reprofile(game.augmented_game(s, Vp), pol[s]) for s in range(k)]
    # certified by the policy's own one-shot deviation gains, not by the step size
    converged = residual <= tol * scale
    if not converged:
        warnings.warn(
            f"value iteration stopped after {it} steps (last change {diff:.3g}) at a "
            f"policy with one-shot deviation gain {residual:.3g} above the "
            f"tolerance {tol * scale:.3g}: not a Markov perfect equilibrium",
            ConvergenceWarning,
            stacklevel=2,
        )
    return MarkovPerfectSolution(
        game,
        (tuple(final),),
        (tuple(tuple(float(x) for x in r) for r in Vp),),
        (tuple(cnt),),
        True,
        residual,
        it,
        converged,
    )


def _reprofile(aug: NormalFormGame, eq: Any) -> Any:
    from coercion.solve._result import make_equilibrium

    return make_equilibrium(aug, eq.profile, method=f"markov-perfect ({eq.method})")


def _policy_at(solution: MarkovPerfectSolution, t: int) -> tuple[Any, ...]:
    if solution.stationary:
        return solution.policies[0]
    return solution.policies[min(t, len(solution.policies) - 1)]


def state_distribution(
    solution: MarkovPerfectSolution, initial: int | str | Sequence[Any], periods: int
) -> np.ndarray:
    """Probability of each state in periods ``0..periods`` under the solution's policy.

    Parameters
    ----------
    solution : MarkovPerfectSolution
    initial : state label, index or distribution over states
    periods : int

    Returns
    -------
    numpy.ndarray
        Shape ``(periods + 1, n_states)``; object array of Fractions when the
        solution is exact.

    Raises
    ------
    InvalidParameterError
        Bad initial state or periods; ``periods`` beyond a finite horizon.
    """
    game = solution.game
    periods = _check_horizon(periods) if periods != 0 else 0
    if not solution.stationary and periods > len(solution.policies):
        raise InvalidParameterError(
            f"{periods} is beyond the horizon {len(solution.policies)}", field="periods"
        )
    exact = game.is_exact and all(e.exact for pol in solution.policies for e in pol)
    zero, one = (Fraction(0), Fraction(1)) if exact else (0.0, 1.0)
    if isinstance(initial, str | int | np.integer) and not isinstance(initial, bool):
        p = np.full(game.n_states, zero, dtype=object if exact else float)
        p[game.state_index(initial)] = one
    else:
        p = np.asarray(initial, dtype=object if exact else float)
        if p.shape != (game.n_states,):
            raise InvalidParameterError(f"shape {p.shape} is wrong", field="initial")
    out = [p]
    for t in range(periods):
        pol = _policy_at(solution, t)
        M = np.stack(
            [
                np.asarray(game.profile_transition(s, e.profile))
                for s, e in enumerate(pol)
            ]
        )
        if not exact:
            M = M.astype(float)
        p = p @ M
        out.append(p)
    return np.stack(out)


def leverage_path(
    solution: MarkovPerfectSolution,
    initial: int | str,
    periods: int,
    leverage: Callable[[int, Any], Any] | None = None,
) -> np.ndarray:
    r"""Expected leverage in each period ``0..periods-1`` under the MPE.

    Parameters
    ----------
    solution : MarkovPerfectSolution
    initial : state label or index
    periods : int
    leverage : callable, optional
        ``leverage(state_index, equilibrium) -> number``. Default: the first
        player's (the sender's) expected *stage* payoff in that state, i.e.
        what coercion earns it that period.

    Returns
    -------
    numpy.ndarray
        :math:`\sum_s \Pr(s_t = s)\, \ell(s, \sigma_t(s))`, one entry per period.

    Raises
    ------
    InvalidParameterError
        As :func:`state_distribution`.
    """
    game = solution.game
    dist = state_distribution(solution, initial, periods)
    out = []
    for t in range(periods):
        pol = _policy_at(solution, t)
        vals = []
        for s, e in enumerate(pol):
            if leverage is None:
                vals.append(game.stage_games[s].expected_payoffs(e.profile)[0])
            else:
                vals.append(leverage(s, e))
        out.append(sum(dist[t][s] * vals[s] for s in range(game.n_states)))
    return np.asarray(out, dtype=object if isinstance(out[0], Fraction) else float)


def _investment_probability(
    investment_probability: Any, capability: Any, tech_speed: Any, period: Any
) -> Any:
    if investment_probability is not None:
        return probability(investment_probability, "investment_probability")
    from coercion.supply.substitution import chokehold_response

    r = chokehold_response(float(capability), float(tech_speed))
    return 1.0 - math.exp(-r.rate * float(period))


def _levels(levels: Sequence[Any]) -> list[Any]:
    if isinstance(levels, str) or len(levels) < 1:
        raise InvalidParameterError(
            f"{levels!r} is not a sequence of levels", field="levels"
        )
    out = [probability(v, f"levels[{i}]") for i, v in enumerate(levels)]
    for i in range(1, len(out)):
        if not out[i] < out[i - 1]:
            raise InvalidParameterError(
                f"{out[i]} is not below {out[i - 1]}: list levels from high to low",
                field=f"levels[{i}]",
            )
    return out


def dependence_game(
    levels: Sequence[Any],
    *,
    stake: Any = 1,
    backing_down_cost: Any = 1,
    sender_cost: Any = 1,
    exposed_value: Any = 10,
    investment_probability: Any = None,
    capability: Any = 0.5,
    tech_speed: Any = 0.5,
    period: Any = 1,
    discount: Any = "9/10",
    players: tuple[str, str] = ("Sender", "Target"),
) -> MarkovGame:
    r"""A coercion Markov game: chicken whose stakes fall as the target substitutes.

    Parameters
    ----------
    levels : sequence of numbers in [0, 1]
        The target's dependence levels :math:`d_0 > d_1 > \dots`; the states.
    stake : number
        :math:`a`, what a side gains when it prevails (the other backs down).
    backing_down_cost : number
        :math:`b`, each side's cost of backing down to a firm opponent.
    sender_cost : number
        :math:`c_S`, the sender's cost of an imposed restriction per unit
        of dependence (lost exports).
    exposed_value : number
        :math:`V`, the target's loss from an imposed restriction at full
        dependence.
    investment_probability : number, optional
        :math:`q`, the probability per period that an imposed restriction
        moves dependence one level down. Default: from the target's response
        (:func:`~coercion.supply.chokehold_response`) as
        :math:`1 - e^{-\lambda \cdot \text{period}}`, :math:`\lambda` its
        decay rate.
    capability, tech_speed, period : number
        Used for the default :math:`q`.
    discount : number
        :math:`\delta`.
    players : pair of str

    Returns
    -------
    MarkovGame
        States ``"d=<level>"``; strategies ``("open", "restrict")`` for the
        sender and ``("comply", "defy")`` for the target.

    Raises
    ------
    InvalidParameterError
        Levels not strictly decreasing in ``[0, 1]``, negative costs, bad
        probabilities.

    Examples
    --------
    >>> from coercion.dynamics import dependence_game, markov_perfect_finite
    >>> mg = dependence_game([1, 0], investment_probability="1/2", discount=1)
    >>> print(mg.stage_games[0].to_text())
    Sender \ Target  comply  defy
    open             0, 0    -1, 1
    restrict         1, -1   -1, -10
    >>> sol = markov_perfect_finite(mg, 2)
    >>> [e.supports for e in sol.policies[0]]
    [(('restrict',), ('comply',)), (('restrict',), ('defy',))]

    Notes
    -----
    In state :math:`d` the stage game is chicken (Snyder and Diesing 1977; ``co.models.chicken``)
    between the sender (``restrict`` = firm) and the target (``defy`` =
    firm): the status quo is 0, a side that prevails gains :math:`a` and the
    other loses :math:`b`, and an imposed restriction costs
    :math:`c_S d` and :math:`V d`. At high dependence the target's cost of a
    collision is high and it complies; a restriction that is imposed (both
    firm) moves the state down one level with probability :math:`q` (the
    last level is absorbing). So a threat carried out today lowers
    tomorrow's leverage, and the MPE weighs the two.
    """
    ds = _levels(levels)
    a = number(stake, "stake", lower=0)
    b = number(backing_down_cost, "backing_down_cost", lower=0)
    cs = number(sender_cost, "sender_cost", lower=0)
    V = number(exposed_value, "exposed_value", lower=0)
    q = _investment_probability(investment_probability, capability, tech_speed, period)
    k = len(ds)
    games, trans = [], []
    for s, d in enumerate(ds):
        A = [[0 * a, -b], [a, -cs * d]]
        B = [[0 * a, a], [-b, -V * d]]
        games.append(
            NormalFormGame.from_bimatrix(
                A,
                B,
                players=players,
                strategies=(("open", "restrict"), ("comply", "defy")),
                title=f"d={format_exact(d) if isinstance(d, Fraction) else d}",
            )
        )
        stay = [0 * q] * k
        stay[s] = 1 + 0 * q
        hit = list(stay)
        if s + 1 < k:
            hit[s] = 1 - q
            hit[s + 1] = q
        trans.append([[stay, stay], [stay, hit]])
    labels = [f"d={format_exact(d) if isinstance(d, Fraction) else d}" for d in ds]
    return MarkovGame(games, trans, discount=discount, states=labels)


@dataclass(frozen=True)
class ManagedDependencePolicy:
    r"""The dynamic managed-dependence policy (see :func:`managed_dependence_policy`).

    Attributes
    ----------
    solution : MarkovPerfectSolution
        The one-player Markov decision problem solved by the MPE machinery.
    threshold : number
        :math:`\bar d`, the static substitution threshold the target applies.
    plan : tuple of str
        The sender's action in each state (period 0).
    export_path, leverage_path, ceiling_path : numpy.ndarray
        Expected export level, leverage extracted and dependence ceiling in
        periods ``0..periods-1`` from the top state.
    value : number
        The sender's discounted value from the top state.
    """

    solution: MarkovPerfectSolution
    threshold: Any
    plan: tuple[str, ...]
    export_path: np.ndarray
    leverage_path: np.ndarray
    ceiling_path: np.ndarray
    value: Any


def managed_dependence_policy(
    levels: Sequence[Any],
    *,
    substitution_cost: Any,
    coercion_probability: Any,
    exposed_value: Any,
    trade_margin: Any = 1,
    leverage_share: Any = "1/2",
    security_cost: Any = 0,
    investment_probability: Any = None,
    capability: Any = 0.5,
    tech_speed: Any = 0.5,
    period: Any = 1,
    discount: Any = "9/10",
    horizon: int | None = None,
    periods: int = 20,
) -> ManagedDependencePolicy:
    r"""Export levels and coercion over time that maximise the sender's discounted leverage.

    Parameters
    ----------
    levels : sequence of numbers in [0, 1]
        Dependence levels from high to low: the states (the target's
        dependence *ceiling*, which falls as it invests) and the export levels
        the sender can allow.
    substitution_cost, coercion_probability, exposed_value, trade_margin,
    leverage_share, security_cost
        As in :func:`coercion.models.managed_dependence_solution`.
    investment_probability, capability, tech_speed, period
        As in :func:`dependence_game`: the chance per period that coercion
        lowers the ceiling one level.
    discount : number
        :math:`\delta`.
    horizon : int, optional
        Finite horizon (exact backward induction); default infinite (value
        iteration with a residual certificate).
    periods : int
        Length of the returned paths.

    Returns
    -------
    ManagedDependencePolicy

    Raises
    ------
    InvalidParameterError
        Bad levels or parameters.

    Examples
    --------
    >>> from coercion.dynamics import managed_dependence_policy
    >>> pol = managed_dependence_policy(
    ...     [1, "3/4", "1/2", "1/4", 0], substitution_cost=30,
    ...     coercion_probability="1/2", exposed_value=100,
    ...     investment_probability="1/2", horizon=30, periods=4)
    >>> pol.threshold, pol.plan[:3]
    (Fraction(3, 5), ('export 1/2, coerce', 'export 1/2, coerce', 'export 1/2, coerce'))
    >>> [float(x) for x in pol.ceiling_path]
    [1.0, 0.875, 0.75, 0.625]

    Notes
    -----
    The static model (:func:`~coercion.models.managed_dependence_solution`)
    made dynamic. The state is the target's dependence ceiling :math:`c`
    (one of ``levels``). Each period the sender allows exports
    :math:`d \le \min(c, \bar d)` with :math:`\bar d = K/(\rho V)` (above
    it the target would substitute at once) and chooses whether to *coerce*.
    It earns :math:`(\pi - g) d` from trade, plus :math:`\beta V d` when it
    coerces; coercion triggers investment that lowers the ceiling one level
    with probability :math:`q`. The sender solves the Bellman equation

    .. math:: W(c) = \max_{d \le \min(c, \bar d),\, k \in \{0, 1\}}
              (\pi - g) d + k \beta V d
              + \delta\,[k q W(c^-) + (1 - k q) W(c)],

    here as a one-player Markov game (every stage solve certified), so
    coercion pays when its leverage :math:`\beta V d` exceeds the discounted
    loss :math:`\delta q (W(c) - W(c^-))` of a lower ceiling: a threat used
    today lowers tomorrow's leverage (Hirschman 1945; Farrell and Newman
    2019; see :mod:`coercion.models.managed_dependence`).
    """
    ds = _levels(levels)
    K = number(substitution_cost, "substitution_cost", lower=0)
    rho = probability(coercion_probability, "coercion_probability")
    V = number(exposed_value, "exposed_value", lower=0)
    pi = number(trade_margin, "trade_margin")
    beta = probability(leverage_share, "leverage_share")
    g = number(security_cost, "security_cost", lower=0)
    q = _investment_probability(investment_probability, capability, tech_speed, period)
    d_bar = K * 0 + 1 if rho * V == 0 or K >= rho * V else K / (rho * V)
    k = len(ds)
    games, trans, actions, allowed_by_state = [], [], [], []
    for s, c in enumerate(ds):
        allowed = [d for d in ds if d <= c and d <= d_bar] or [ds[-1] * 0]
        allowed_by_state.append(allowed)
        pay, acts, tr = [], [], []
        for d in allowed:
            lab = format_exact(d) if isinstance(d, Fraction) else f"{d:g}"
            for coerce in (False, True):
                pay.append((pi - g) * d + (beta * V * d if coerce else 0 * d))
                acts.append(f"export {lab}" + (", coerce" if coerce else ""))
                row = [0 * q] * k
                if coerce and s + 1 < k:
                    row[s], row[s + 1] = 1 - q, q
                else:
                    row[s] = 1 + 0 * q
                tr.append(row)
        games.append(NormalFormGame([pay], players=("Sender",), strategies=(acts,)))
        trans.append(tr)
        actions.append(acts)
    labels = [f"c={format_exact(c) if isinstance(c, Fraction) else c}" for c in ds]
    mg = MarkovGame(games, trans, discount=discount, states=labels)
    if horizon is None:
        sol = markov_perfect_discounted(mg)
    else:
        sol = markov_perfect_finite(mg, horizon)
    periods = _check_horizon(periods)
    if horizon is not None:
        periods = min(periods, int(horizon))
    dist = state_distribution(sol, 0, periods)
    exports, lev, ceil = [], [], []
    for t in range(periods):
        pol = _policy_at(sol, t)
        e_t = l_t = c_t = 0 * dist[t][0]
        for s, eq in enumerate(pol):
            a = int(np.argmax(np.asarray(eq.profile[0], dtype=float)))
            lab = mg.stage_games[s].strategies[0][a]
            d = allowed_by_state[s][a // 2]
            e_t += dist[t][s] * d
            l_t += dist[t][s] * (beta * V * d if lab.endswith("coerce") else 0 * d)
            c_t += dist[t][s] * ds[s]
        exports.append(e_t)
        lev.append(l_t)
        ceil.append(c_t)
    plan = tuple(
        mg.stage_games[s].strategies[0][
            int(np.argmax(np.asarray(e.profile[0], dtype=float)))
        ]
        for s, e in enumerate(sol.policies[0])
    )
    kind = object if isinstance(exports[0], Fraction) else float
    return ManagedDependencePolicy(
        solution=sol,
        threshold=d_bar,
        plan=plan,
        export_path=np.asarray(exports, dtype=kind),
        leverage_path=np.asarray(lev, dtype=kind),
        ceiling_path=np.asarray(ceil, dtype=kind),
        value=sol.values[0][0][0],
    )
