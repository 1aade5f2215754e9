r"""All pure-strategy Nash equilibria of an n-player game, vectorised.

A pure profile :math:`a = (a_0, \dots, a_{n-1})` is a Nash equilibrium when every
player's strategy is a best response to the others':

.. math:: u_p(a) = \max_{s \in S_p} u_p(s, a_{-p}) \quad \text{for every } p.

With the payoffs stored as one array per player (axis ``q`` indexing player
``q``'s strategy, see :mod:`coercion.game.normal_form`), player ``p``'s best-
response condition is one comparison of its array with its maximum along axis
``p``; the equilibria are the cells where all ``n`` conditions hold.

Examples
--------
>>> import coercion as co
>>> from coercion.solve.pure import pure_equilibria
>>> bos = co.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> [e.supports for e in pure_equilibria(bos)]
[(('1',), ('1',)), (('2',), ('2',))]
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import numpy as np

from coercion.errors import InvalidParameterError, NotSupportedError
from coercion.game.normal_form import NormalFormGame
from coercion.solve._result import Equilibrium, EquilibriumSet

__all__ = ["pure_equilibria", "iter_pure_equilibria", "pure_equilibrium_mask"]

METHOD = "pure"


def _check(game: Any, exact: Any, tol: Any) -> None:
    if not isinstance(game, NormalFormGame):
        raise NotSupportedError(
            f"{type(game).__name__} is not a NormalFormGame", field="game"
        )
    if exact is not None and not isinstance(exact, bool | np.bool_):
        raise InvalidParameterError(
            f"{exact!r} is not True, False or None", field="exact"
        )
    if tol is not None:
        try:
            ok = math.isfinite(float(tol)) and float(tol) >= 0
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise InvalidParameterError(
                f"{tol!r} is not a non-negative number", field="tol"
            )


def _target(game: NormalFormGame, exact: bool | None) -> NormalFormGame:
    use_exact = game.is_exact if exact is None else bool(exact)
    if use_exact:
        return game.to_exact()
    return game.to_float()


def pure_equilibrium_mask(
    game: NormalFormGame, *, exact: bool | None = None, tol: float | None = None
) -> np.ndarray:
    r"""Boolean array over pure profiles: True where the profile is an equilibrium.

    Parameters
    ----------
    game : NormalFormGame
        A game with any number of players.
    exact : bool, optional
        Compare payoffs exactly (default for exact games) or in floating point.
    tol : float, optional
        Float comparisons count a strategy as a best response when its payoff is
        within ``tol`` of the best (default ``game.default_tol()``). Ignored when
        exact.

    Returns
    -------
    numpy.ndarray
        Boolean array of shape ``game.shape``.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a :class:`NormalFormGame`.
    InvalidParameterError
        If ``exact`` or ``tol`` is invalid.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.solve.pure import pure_equilibrium_mask
    >>> pd = co.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> pure_equilibrium_mask(pd)
    array([[False, False],
           [False,  True]])

    Notes
    -----
    For each player ``p`` one reduction ``max`` along axis ``p`` and one
    broadcast comparison: :math:`O(n \prod_q s_q)` work, in numpy.
    """
    _check(game, exact, tol)
    target = _target(game, exact)
    payoffs = target.payoffs
    ok = np.ones(target.shape, dtype=bool)
    if target.is_exact:
        for p in range(target.n_players):
            arr = payoffs[p]
            best = arr.max(axis=p, keepdims=True)
            ok &= (arr == best).astype(bool)
    else:
        t = target.default_tol() if tol is None else float(tol)
        for p in range(target.n_players):
            arr = payoffs[p]
            ok &= arr >= arr.max(axis=p, keepdims=True) - t
    return ok


def iter_pure_equilibria(
    game: NormalFormGame, *, exact: bool | None = None, tol: float | None = None
) -> Iterator[Equilibrium]:
    """Generator twin of :func:`pure_equilibria`.

    Parameters
    ----------
    game : NormalFormGame
    exact : bool, optional
        As in :func:`pure_equilibria`.
    tol : float, optional
        As in :func:`pure_equilibria`.

    Returns
    -------
    iterator of Equilibrium

    Raises
    ------
    NotSupportedError
        If ``game`` is not a :class:`NormalFormGame`.
    InvalidParameterError
        If ``exact`` or ``tol`` is invalid.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.solve.pure import iter_pure_equilibria
    >>> mp = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> list(iter_pure_equilibria(mp))
    []
    """
    mask = pure_equilibrium_mask(game, exact=exact, tol=tol)
    target = _target(game, exact)
    cells = np.argwhere(mask)
    return _build(target, cells, tol)


def _build(
    target: NormalFormGame, cells: np.ndarray, tol: float | None
) -> Iterator[Equilibrium]:
    r"""Equilibria of the pure profiles ``cells`` with their certificates.

    At a pure profile :math:`a` player ``p``'s regret is
    :math:`\max_s u_p(s, a_{-p}) - u_p(a)`: the maximum of its payoff array
    along its own axis (one vectorised reduction per player, shared by all
    profiles) minus one entry, so each certificate costs :math:`O(n)` instead
    of a contraction over the whole payoff array.
    """
    exact = target.is_exact
    payoffs = target.payoffs
    n = target.n_players
    best = [np.asarray(payoffs[p].max(axis=p)) for p in range(n)]
    one, zero = (Fraction(1), Fraction(0)) if exact else (1.0, 0.0)
    dtype = object if exact else np.float64
    t = 0.0 if exact else (target.default_tol() if tol is None else float(tol))
    for row in cells:
        cell = tuple(int(a) for a in row)
        profile = []
        for p, a in enumerate(cell):
            vec = np.full(target.shape[p], zero, dtype=dtype)
            vec[a] = one
            profile.append(vec)
        pay = [payoffs[(p, *cell)] for p in range(n)]
        reg = [best[p][cell[:p] + cell[p + 1 :]] - pay[p] for p in range(n)]
        if not exact:
            pay = [float(v) for v in pay]
            reg = [float(v) for v in reg]
        yield Equilibrium(
            game=target,
            profile=tuple(profile),
            payoffs=tuple(pay),
            regrets=tuple(reg),
            tol=t,
            method=METHOD,
            exact=exact,
        )


def pure_equilibria(
    game: NormalFormGame, *, exact: bool | None = None, tol: float | None = None
) -> EquilibriumSet:
    r"""All pure-strategy Nash equilibria of a game with any number of players.

    Parameters
    ----------
    game : NormalFormGame
        A game with any number of players.
    exact : bool, optional
        Exact comparisons (default for exact games) or floating point (default
        for float games). ``exact=True`` on a float game uses its exact binary
        values; ``exact=False`` on an exact game its float image.
    tol : float, optional
        Float path only: a payoff within ``tol`` of the best counts as a best
        response (default ``game.default_tol()``, ``1e-9`` times the payoff
        range), and each certificate accepts a regret up to ``tol``.

    Returns
    -------
    EquilibriumSet
        Every pure equilibrium once, in lexicographic order of the strategy
        indices (player 0's slowest), each with its certificate;
        ``method="pure"``, ``complete=True`` (complete for pure equilibria; a
        game may have mixed ones too). ``info["profiles"]`` holds the strategy
        indices as an ``(E, n)`` integer array.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a :class:`NormalFormGame`.
    InvalidParameterError
        If ``exact`` is not a bool or None, or ``tol`` is negative or not finite.

    Examples
    --------
    Three-player coordination: everyone on the same strategy.

    >>> import numpy as np
    >>> import coercion as co
    >>> from coercion.solve.pure import pure_equilibria
    >>> same = np.zeros((2, 2, 2), dtype=int)
    >>> same[0, 0, 0] = same[1, 1, 1] = 1
    >>> g = co.NormalFormGame.from_arrays([same, same, same])
    >>> eqs = pure_equilibria(g)
    >>> eqs.info["profiles"].tolist()
    [[0, 0, 0], [1, 1, 1]]
    >>> eqs[0].payoffs
    (Fraction(1, 1), Fraction(1, 1), Fraction(1, 1))

    Notes
    -----
    A pure profile is an equilibrium iff each player's payoff equals the maximum
    of its payoff array along its own axis (Nash 1951; e.g. Osborne 2004,
    Definition 23.1). One vectorised pass per player, :math:`O(n \prod_q s_q)`
    comparisons; exact games compare Fractions exactly.

    References
    ----------
    .. [1] J. Nash, "Non-cooperative games", Annals of Mathematics 54 (1951),
       286-295.
    .. [2] M. J. Osborne, An Introduction to Game Theory, Oxford University
       Press (2004).
    """
    mask = pure_equilibrium_mask(game, exact=exact, tol=tol)
    target = _target(game, exact)
    cells = np.argwhere(mask)
    return EquilibriumSet(
        target,
        _build(target, cells, tol),
        method=METHOD,
        exact=target.is_exact,
        complete=True,
        info={"profiles": cells},
    )
