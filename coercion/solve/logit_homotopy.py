r"""One Nash equilibrium of an n-player game by tracing the logit QRE homotopy.

The logit quantal response equilibria of a game with precision
:math:`\lambda \ge 0` are the profiles with

.. math::

    \pi_p(a) = \frac{\exp(\lambda\, u_p(a, \pi_{-p}))}
                    {\sum_b \exp(\lambda\, u_p(b, \pi_{-p}))}.

At :math:`\lambda = 0` the only one is the uniform profile; for a generic
game the solutions form a smooth curve (the principal branch) from it that
converges, as :math:`\lambda \to \infty`, to a Nash equilibrium (McKelvey and
Palfrey 1995). :func:`homotopy` follows that curve by pseudo-arclength
continuation in the coordinates :math:`(\log \pi, \lambda)` (Turocy 2005),
then *polishes* the limit by Newton's method on the indifference system of its
support and certifies the result by its regret.

Examples
--------
>>> import coercion as co
>>> from coercion.solve.logit_homotopy import homotopy
>>> pennies = co.NormalFormGame.from_function(
...     lambda a, b, c: (1 if a == b else -1, 1 if b == c else -1, 1 if c != a else -1),
...     [2, 2, 2])
>>> eqs = homotopy(pennies)
>>> eqs[0].profile
(array([0.5, 0.5]), array([0.5, 0.5]), array([0.5, 0.5]))
>>> eqs[0].is_certified, eqs.method
(True, 'logit-homotopy')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from coercion._random import SeedLike, as_generator
from coercion.errors import InvalidParameterError, NotSupportedError, SolverError
from coercion.game.normal_form import NormalFormGame
from coercion.solve._result import Equilibrium, EquilibriumSet, make_equilibrium

__all__ = ["homotopy"]

METHOD = "logit-homotopy"
_MILESTONES = (10.0, 30.0, 100.0, 300.0, 1e3, 3e3, 1e4, 1e5, 1e6)
_MAX_STEPS = 20000


@lru_cache(maxsize=256)
def _subscripts(n: int, keep: tuple[int, ...]) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"[:n]
    ins = [letters[q] for q in range(n) if q not in keep]
    return f"{letters},{','.join(ins)}->{''.join(letters[q] for q in keep)}"


def _contract(
    U: np.ndarray, pis: Sequence[np.ndarray], keep: Sequence[int]
) -> np.ndarray:
    """Contract ``U`` with every player's mix except those in ``keep`` (sorted)."""
    kept = tuple(keep)
    others = [pis[q] for q in range(len(pis)) if q not in kept]
    if not others:
        return U
    return np.einsum(_subscripts(len(pis), kept), U, *others)


class _Logit:
    """The homotopy map ``H(y, lambda) = 0`` with ``y = log(pi)``."""

    def __init__(self, U: list[np.ndarray], shape: Sequence[int]) -> None:
        self.U = U
        self.shape = tuple(shape)
        self.n = len(shape)
        self.offsets = np.concatenate([[0], np.cumsum(shape)]).astype(int)
        self.N = int(self.offsets[-1])

    def split(self, y: np.ndarray) -> list[np.ndarray]:
        return [y[self.offsets[p] : self.offsets[p + 1]] for p in range(self.n)]

    def residual(self, x: np.ndarray) -> np.ndarray:
        y, lam = x[:-1], x[-1]
        ys = self.split(y)
        pis = [np.exp(v) for v in ys]
        out = np.empty(self.N)
        for p in range(self.n):
            dev = _contract(self.U[p], pis, [p])
            o = self.offsets[p]
            out[o] = pis[p].sum() - 1.0
            out[o + 1 : o + self.shape[p]] = (
                ys[p][1:] - ys[p][0] - lam * (dev[1:] - dev[0])
            )
        return out

    def jacobian(self, x: np.ndarray) -> np.ndarray:
        y, lam = x[:-1], x[-1]
        pis = [np.exp(v) for v in self.split(y)]
        J = np.zeros((self.N, self.N + 1))
        for p in range(self.n):
            o, s = self.offsets[p], self.shape[p]
            J[o, o : o + s] = pis[p]
            rows = slice(o + 1, o + s)
            J[rows, o + 1 : o + s] = np.eye(s - 1)
            J[rows, o] = -1.0
            dev = _contract(self.U[p], pis, [p])
            J[rows, -1] = -(dev[1:] - dev[0])
            for q in range(self.n):
                if q == p:
                    continue
                M = _contract(self.U[p], pis, sorted((p, q)))
                if q < p:
                    M = M.T
                oq, sq = self.offsets[q], self.shape[q]
                J[rows, oq : oq + sq] = -lam * (M[1:] - M[0]) * pis[q]
        return J


def _tangent(J: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    _, _, vt = np.linalg.svd(J)
    t = vt[-1]
    if previous is None:
        return t if t[-1] > 0 else -t
    return t if t @ previous > 0 else -t


def _correct(
    H: _Logit, x: np.ndarray, t: np.ndarray, tol: float
) -> tuple[np.ndarray, bool, int]:
    """Newton on ``H = 0`` in the hyperplane through ``x`` orthogonal to ``t``."""
    for it in range(1, 9):
        F = H.residual(x)
        A = np.vstack([H.jacobian(x), t])
        try:
            dx = np.linalg.solve(A, -np.append(F, 0.0))
        except np.linalg.LinAlgError:
            return x, False, it
        x = x + dx
        if not np.all(np.isfinite(x)):
            return x, False, it
        if np.linalg.norm(dx) < tol:
            return x, bool(np.linalg.norm(H.residual(x)) < 1e3 * tol), it
    return x, False, 9


def _support_newton(
    U: list[np.ndarray],
    shape: Sequence[int],
    pis: list[np.ndarray],
    support: list[list[int]],
) -> list[np.ndarray] | None:
    """Newton's method on the indifference system of ``support`` from ``pis``."""
    n = len(shape)
    idx = [(p, a) for p in range(n) for a in support[p]]
    m = len(idx)
    x = [np.zeros(s) for s in shape]
    for p in range(n):
        x[p][support[p]] = pis[p][support[p]]
        x[p] /= x[p].sum()
    v = np.array([_contract(U[p], x, [p])[support[p]].mean() for p in range(n)])
    for _ in range(40):
        devs = [_contract(U[p], x, [p]) for p in range(n)]
        F = np.array(
            [devs[p][a] - v[p] for p, a in idx] + [x[p].sum() - 1.0 for p in range(n)]
        )
        if np.linalg.norm(F, np.inf) < 1e-15:
            break
        pair = {
            (p, q): _contract(U[p], x, sorted((p, q)))
            for p in range(n)
            for q in range(n)
            if p != q
        }
        J = np.zeros((m + n, m + n))
        for r, (p, a) in enumerate(idx):
            J[r, m + p] = -1.0
            for c, (q, b) in enumerate(idx):
                if q == p:
                    continue
                M = pair[(p, q)]
                J[r, c] = M[a, b] if p < q else M[b, a]
        for p in range(n):
            for c, (q, _b) in enumerate(idx):
                if q == p:
                    J[m + p, c] = 1.0
        step = np.linalg.lstsq(J, -F, rcond=None)[0]
        for c, (p, a) in enumerate(idx):
            x[p][a] += step[c]
        v = v + step[m:]
        if not all(np.all(np.isfinite(s)) for s in x):
            return None
    if any(np.any(s < -1e-12) for s in x):
        return None
    out = []
    for s in x:
        s = np.clip(s, 0.0, None)
        out.append(s / s.sum())
    return out


def _candidate_supports(pis: list[np.ndarray]) -> list[list[list[int]]]:
    out: list[list[list[int]]] = []
    for thr in (1e-2, 1e-4, 1e-6, 1e-9):
        sup = [sorted(int(a) for a in np.flatnonzero(p >= thr * p.max())) for p in pis]
        if sup not in out:
            out.append(sup)
    return out


def _trace(
    H: _Logit,
    game: NormalFormGame,
    U: list[np.ndarray],
    tol: float,
    info: dict[str, Any],
) -> Equilibrium | None:
    x = np.concatenate([np.full(s, -math.log(s)) for s in H.shape] + [np.zeros(1)])
    t = _tangent(H.jacobian(x), None)
    h = 0.05
    milestones = list(_MILESTONES)
    best: Equilibrium | None = None
    for step in range(_MAX_STEPS):
        xp = x + h * t
        xn, ok, its = _correct(H, xp, t, 1e-10)
        if not ok:
            h /= 2
            if h < 1e-10:
                info["failure"] = f"step size collapsed at lambda={x[-1]:.6g}"
                return best
            continue
        tn = _tangent(H.jacobian(xn), t)
        x, t = xn, tn
        info["steps"] = step + 1
        info["lambda"] = float(x[-1])
        if its <= 3:
            h = min(h * 1.5, max(1.0, 0.2 * abs(x[-1])))
        while milestones and x[-1] >= milestones[0]:
            milestones.pop(0)
            pis = [np.exp(v) for v in H.split(x[:-1])]
            for sup in _candidate_supports(pis):
                prof = _support_newton(U, H.shape, pis, sup)
                if prof is None:
                    continue
                eq = make_equilibrium(
                    game, prof, method=METHOD, tol=tol, qre_lambda=float(x[-1])
                )
                if eq.is_certified:
                    return eq
                if best is None or eq.max_regret < best.max_regret:
                    best = eq
        if not milestones:
            info["failure"] = "no certified equilibrium up to the last milestone"
            return best
    info["failure"] = f"step limit {_MAX_STEPS} reached"
    return best


def homotopy(
    game: NormalFormGame,
    *,
    seed: SeedLike = None,
    tol: float | None = None,
    exact: bool | None = None,
) -> EquilibriumSet:
    r"""One Nash equilibrium of an n-player game by the logit QRE homotopy.

    Traces the principal branch of logit quantal response equilibria from
    the uniform profile (precision :math:`\lambda = 0`) towards
    :math:`\lambda \to \infty`; at increasing precisions
    (:math:`\lambda = 10, 30, 100, \ldots, 10^6` on payoffs scaled to the
    unit range) it guesses the support from the QRE, refines the profile by
    Newton's method on that support's indifference system and returns the
    first one whose certificate holds.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players and strategies (the work per step grows with
        :math:`n^2` contractions of the payoff arrays).
    seed : int or numpy.random.Generator, optional
        Used only when tracing the game itself fails (a non-generic game
        whose branch bifurcates): the branch of a randomly perturbed copy
        (relative size ``1e-7``) is traced instead and its limit polished
        and certified on the original game.
    tol : float, optional
        Largest regret accepted. Default ``game.default_tol()`` (``1e-9``
        times the payoff range).
    exact : bool, optional
        When True (exact games only), the certified equilibrium's support
        system is then solved exactly (as in
        :func:`~coercion.solve.support.support_enumeration`) and the exact
        solution nearest to the float one replaces it: Fractions with an
        exact certificate when it is rational, else floats from the exact
        algebraic numbers. If the support's solution set is not finite the
        float equilibrium is kept (``info["exact"]`` says which). Default:
        float.

    Returns
    -------
    EquilibriumSet
        One certified equilibrium (float profile, regret at most ``tol``, or
        exact with ``exact=True``), ``complete=False``; ``info`` holds the
        precision reached (``"lambda"``), the number of continuation steps
        and whether a perturbed copy was traced. The equilibrium's
        ``extra["qre_lambda"]`` is the precision at which it was polished.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a :class:`NormalFormGame`, or ``exact=True`` for a
        float game.
    InvalidParameterError
        If ``tol`` is negative or not finite, ``seed`` is invalid or
        ``exact`` is not a bool or None.
    SolverError
        If no certified equilibrium was found (the message gives the smallest
        regret reached); the method never returns an uncertified profile.

    Examples
    --------
    >>> import numpy as np
    >>> import coercion as co
    >>> from coercion.solve.logit_homotopy import homotopy
    >>> rng = np.random.default_rng(0)
    >>> g = co.NormalFormGame(rng.integers(0, 10, size=(3, 3, 3, 3)).tolist())
    >>> eq = homotopy(g)[0]
    >>> eq.is_certified, co.is_nash(g, eq.profile)
    (True, True)

    Notes
    -----
    In the coordinates :math:`y = \log \pi`, the branch is the zero set of
    :math:`H(y, \lambda)` with, for each player :math:`p`,
    :math:`\sum_a e^{y_{pa}} - 1` and
    :math:`y_{pa} - y_{p0} - \lambda (u_p(a, \pi_{-p}) - u_p(0, \pi_{-p}))`
    (:math:`a \ne 0`): :math:`N` equations in :math:`N + 1` unknowns. Each
    step predicts along the unit tangent (the null vector of the Jacobian,
    oriented to keep the direction of travel, so turning points in
    :math:`\lambda` are passed) and corrects by Newton's method in the
    hyperplane orthogonal to it (Keller's pseudo-arclength continuation),
    halving the step on failure and enlarging it after fast convergence.
    Logarithmic coordinates keep the equations well scaled as unused
    strategies' probabilities decay like :math:`e^{-\lambda\,\text{gap}}`
    (Turocy 2005). The polished profile is accepted only when its regret,
    computed independently by :func:`~coercion.solve.make_equilibrium`, is at
    most ``tol``. For generic games the branch is smooth and reaches a Nash
    equilibrium; for degenerate ones it may end at a bifurcation, which the
    perturbed retry handles.

    References
    ----------
    .. [1] R. D. McKelvey and T. R. Palfrey, "Quantal response equilibria for
       normal form games", Games and Economic Behavior 10 (1995), 6-38.
    .. [2] T. L. Turocy, "A dynamic homotopy interpretation of the logistic
       quantal response equilibrium correspondence", Games and Economic
       Behavior 51 (2005), 243-263.
    .. [3] E. L. Allgower and K. Georg, *Introduction to Numerical
       Continuation Methods*, SIAM (2003), Chapter 2.
    """
    if not isinstance(game, NormalFormGame):
        raise NotSupportedError(
            f"{type(game).__name__} is not a NormalFormGame", field="game"
        )
    if tol is not None and (
        isinstance(tol, bool)
        or not isinstance(tol, int | float)
        or not math.isfinite(tol)
        or tol < 0
    ):
        raise InvalidParameterError(
            f"{tol!r} is not a non-negative number", field="tol"
        )
    if exact is not None and not isinstance(exact, bool):
        raise InvalidParameterError(f"{exact!r} is not a bool or None", field="exact")
    if exact and not game.is_exact:
        raise NotSupportedError(
            "exact=True needs an exact game; use game.to_exact()", field="exact"
        )
    rng = as_generator(seed)
    limit = game.default_tol() if tol is None else float(tol)
    raw = game._float_payoffs()
    lo, hi = float(raw.min()), float(raw.max())
    scale = (hi - lo) if hi > lo else 1.0
    U = [(raw[p] - lo) / scale for p in range(game.n_players)]
    info: dict[str, Any] = {"perturbed": False}
    eq = None
    if all(s == 1 for s in game.shape):
        eq = make_equilibrium(game, [[1.0]] * game.n_players, method=METHOD, tol=limit)
    else:
        # rejected predictor steps may overflow; they are discarded
        with np.errstate(all="ignore"):
            eq = _trace(_Logit(U, game.shape), game, U, limit, info)
            if eq is None or not eq.is_certified:
                info["perturbed"] = True
                noisy = [u + 1e-7 * rng.standard_normal(u.shape) for u in U]
                found = _trace(_Logit(noisy, game.shape), game, U, limit, info)
                if found is not None and (
                    eq is None or found.max_regret < eq.max_regret
                ):
                    eq = found
    if eq is None or not eq.is_certified:
        reached = (
            "no profile"
            if eq is None
            else f"smallest regret {float(eq.max_regret):.3g}"
        )
        raise SolverError(
            f"logit homotopy found no equilibrium with regret <= {limit:.3g} "
            f"({reached}; {info.get('failure', '')})",
            field="game",
        )
    if exact:
        refined = _exact_refine(game, eq, limit)
        info["exact"] = refined is not None
        if refined is not None:
            eq = refined
    return EquilibriumSet(
        game, [eq], method=METHOD, exact=eq.exact, complete=False, info=info
    )


def _exact_refine(
    game: NormalFormGame, eq: Equilibrium, tol: float
) -> Equilibrium | None:
    """The exact solution of ``eq``'s support system nearest to ``eq``, if finite."""
    from coercion.solve._algebraic import real_solutions
    from coercion.solve.support import (
        _build_system,
        _feasible,
        _integer_array,
        _profile_values,
    )

    support = tuple(
        tuple(int(a) for a in np.flatnonzero(np.asarray(v, dtype=float) > 0))
        for v in eq.profile
    )
    W = [_integer_array(game.payoffs[p]).astype(object) for p in range(game.n_players)]
    system = _build_system(W, support)
    sols = real_solutions([e.as_expr() for e in system.equations], system.xs)
    if sols.curves or sols.unresolved:
        return None
    best, best_dist, best_point = None, math.inf, None
    for pt in sols.points:
        if not _feasible(pt, system):
            continue
        profile, _ = _profile_values(pt, system, game.shape, True)
        dist = max(
            float(np.max(np.abs(np.asarray(x, dtype=float) - y)))
            for x, y in zip(profile, eq.profile)
        )
        if dist < best_dist:
            best, best_dist, best_point = profile, dist, pt
    if best is None or best_point is None or best_dist > 1e-6:
        return None
    extra = dict(eq.extra)
    if not best_point.is_rational:
        extra["minimal_polynomial"] = str(best_point.minpoly.as_expr())
    out = make_equilibrium(game, best, method=METHOD, tol=tol, **extra)
    return out if out.is_certified else None
