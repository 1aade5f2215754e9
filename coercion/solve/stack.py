r"""Every equilibrium of each game in a stack of two-player games, at numpy speed.

Parameter sweeps produce millions of small games at once. :func:`solve_stack`
takes the payoff matrices of ``K`` bimatrix games as arrays of shape
``(K, m, n)`` and returns, for each game, exactly what
:func:`~coercion.solve.enumeration.enumerate_equilibria` returns for it alone:
the extreme equilibria in the same order, their payoffs, their regrets (the
certificates) and their connected components, packed into padded arrays.

Stacks of ``2 x 2`` games are solved by closed forms vectorised over the whole
stack; other shapes are solved one game at a time by vertex enumeration.

Examples
--------
>>> import numpy as np
>>> from coercion.solve.stack import solve_stack
>>> A = np.array([[[3, 0], [5, 1]], [[3, 0], [0, 2]]])  # prisoner's dilemma, BoS
>>> B = np.array([[[3, 5], [0, 1]], [[2, 0], [0, 3]]])
>>> res = solve_stack(A, B)
>>> res.count.tolist()
[1, 3]
>>> res.row[1, :3, 0].tolist()  # the row player's probability of strategy 1
[1.0, 0.6, 0.0]
>>> bool(res.max_regret.max() <= 1e-12)
True
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from coercion.errors import InvalidGameError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["StackSolution", "solve_stack"]

METHOD_2X2 = "closed form (2x2, vectorised)"
METHOD_LOOP = "vertex-enumeration (per game)"

_MAX_2X2 = 4  # a 2x2 game has at most 4 extreme equilibria (the constant game)
_CHUNK = 1 << 14  # games per block: keeps the temporaries in cache
_FLOAT_EXACT_INT = 2**52  # integers of at most this size are exact in float64


@dataclass(frozen=True)
class StackSolution:
    """The equilibria of a stack of ``K`` two-player games, as padded arrays.

    Game ``k`` has ``count[k]`` extreme equilibria, stored in slots
    ``0 .. count[k] - 1`` in the order of
    :func:`~coercion.solve.enumeration.enumerate_equilibria` (decreasing
    lexicographic order of the row player's strategy, then the column
    player's); the other slots hold NaN (and ``-1`` in ``component``).

    Attributes
    ----------
    count : numpy.ndarray
        ``(K,)`` number of extreme equilibria of each game.
    row : numpy.ndarray
        ``(K, E, m)`` the row player's mixed strategy in each slot.
    col : numpy.ndarray
        ``(K, E, n)`` the column player's mixed strategy in each slot.
    first : tuple of numpy.ndarray or None
        For ``2 x 2`` stacks, ``(p, q)``: the ``(K, E)`` probabilities of each
        player's first strategy, from which ``row`` and ``col`` are built on
        first access (the compact form the solver writes); else None.
    payoffs : numpy.ndarray
        ``(K, E, 2)`` expected payoffs of the row and column player.
    regrets : numpy.ndarray
        ``(K, E, 2)`` each player's regret (gain of its best pure deviation),
        computed in float64 from the profile: the certificate.
    component : numpy.ndarray
        ``(K, E)`` index of the connected component of the set of equilibria
        holding each extreme equilibrium (numbered in order of first
        appearance, as ``EquilibriumSet.components``).
    continuum : numpy.ndarray
        ``(K,)`` True when some component holds more than one extreme
        equilibrium (the game has a continuum of equilibria).
    degenerate : numpy.ndarray
        ``(K,)`` True when the game is degenerate (a mixed strategy with more
        pure best responses than the size of its support).
    tol : numpy.ndarray
        ``(K,)`` largest regret accepted for each game:
        ``1e-9 * max(1, payoff range)``, as ``NormalFormGame.default_tol``.
    method : str
        The algorithm used.
    """

    count: np.ndarray
    payoffs: np.ndarray
    regrets: np.ndarray
    component: np.ndarray
    continuum: np.ndarray
    degenerate: np.ndarray
    tol: np.ndarray
    method: str
    first: tuple[np.ndarray, np.ndarray] | None = None
    strategies: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.count)

    def _strategy(self, player: int) -> np.ndarray:
        if self.strategies is not None:
            return self.strategies[player]
        assert self.first is not None
        p = self.first[player]
        return np.stack((p, 1.0 - p), axis=-1)

    @cached_property
    def row(self) -> np.ndarray:
        """``(K, E, m)`` the row player's mixed strategy in each slot."""
        return self._strategy(0)

    @cached_property
    def col(self) -> np.ndarray:
        """``(K, E, n)`` the column player's mixed strategy in each slot."""
        return self._strategy(1)

    @property
    def max_regret(self) -> np.ndarray:
        """``(K,)`` largest regret over the equilibria of each game (0 if none)."""
        r = np.where(np.isnan(self.regrets), -np.inf, self.regrets).max(axis=(1, 2))
        return np.maximum(r, 0.0)

    @property
    def certified(self) -> np.ndarray:
        """``(K,)`` True when every equilibrium of the game has regret <= ``tol``."""
        return self.max_regret <= self.tol

    def to_frame(self) -> pd.DataFrame:
        """A tidy table: one row per (game, equilibrium, player, strategy).

        Columns: ``game``, ``equilibrium``, ``player`` (0 row, 1 column),
        ``strategy``, ``probability``, ``payoff`` and ``regret`` (the player's),
        ``component``.

        Examples
        --------
        >>> import numpy as np
        >>> from coercion.solve.stack import solve_stack
        >>> res = solve_stack(np.array([[[3, 0], [5, 1]]]), np.array([[[3, 5], [0, 1]]]))
        >>> frame = res.to_frame()
        >>> frame["player"].tolist(), frame["probability"].tolist()
        ([0, 0, 1, 1], [0.0, 1.0, 0.0, 1.0])
        """
        import pandas as pd

        _, E, m = self.row.shape
        n = self.col.shape[2]
        game, slot = np.nonzero(np.arange(E)[None, :] < self.count[:, None])
        parts = []
        for player, strat, size in ((0, self.row, m), (1, self.col, n)):
            parts.append(
                pd.DataFrame(
                    {
                        "game": np.repeat(game, size),
                        "equilibrium": np.repeat(slot, size),
                        "player": player,
                        "strategy": np.tile(np.arange(size), len(game)),
                        "probability": strat[game, slot].ravel(),
                        "payoff": np.repeat(self.payoffs[game, slot, player], size),
                        "regret": np.repeat(self.regrets[game, slot, player], size),
                        "component": np.repeat(self.component[game, slot], size),
                    }
                )
            )
        frame = pd.concat(parts, ignore_index=True)
        return frame.sort_values(
            ["game", "equilibrium", "player", "strategy"], kind="stable"
        ).reset_index(drop=True)


# ---------------------------------------------------------------- validation
def _as_stack(X: Any, name: str) -> np.ndarray:
    arr = np.asarray(X)
    if arr.ndim != 3 or 0 in arr.shape:
        raise InvalidGameError(
            f"shape {arr.shape} is not a non-empty stack (K, m, n)", field=name
        )
    if arr.dtype == bool or arr.dtype.kind not in "iuf":
        raise InvalidGameError(
            f"dtype {arr.dtype} is not an integer or float dtype", field=name
        )
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr)):
        raise InvalidGameError("payoffs contain NaN or infinity", field=name)
    return arr


def _float_image(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """Both stacks as float64, or None when integers would lose exactness."""
    if A.dtype.kind in "iu" or B.dtype.kind in "iu":
        for X in (A, B):
            if X.dtype.kind in "iu" and np.abs(X.astype(np.float64)).max() > (
                _FLOAT_EXACT_INT
            ):
                return None
    return np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)


# ---------------------------------------------------------------- 2x2 kernel
# Every test that decides the extreme equilibria of a 2x2 game depends only on
# the signs of the four payoff differences a1, a2, b1, b2 (see solve_stack's
# Notes), so the 81 sign patterns are solved once here and a stack is solved by
# looking its patterns up. A candidate is (p, q): p, the row player's
# probability of its first strategy, is 1, p* or 0 (codes 0, 1, 2) and q
# likewise; candidates are listed in the order of enumerate_equilibria
# (decreasing p, then decreasing q).


def _candidates(sa1: int, sa2: int, sb1: int, sb2: int) -> list[tuple[int, int]]:
    qmix = sa1 * sa2 < 0  # the row player is indifferent at an interior q*
    pmix = sb1 * sb2 < 0  # the column player is indifferent at an interior p*
    tests = {
        (0, 0): sa1 >= 0 and sb1 >= 0,
        (0, 1): qmix and sb1 == 0,
        (0, 2): sa2 >= 0 and sb1 <= 0,
        (1, 0): pmix and sa1 == 0,
        (1, 1): pmix and qmix,
        (1, 2): pmix and sa2 == 0,
        (2, 0): sa1 <= 0 and sb2 >= 0,
        (2, 1): qmix and sb2 == 0,
        (2, 2): sa2 <= 0 and sb2 <= 0,
    }
    return [pq for pq, ok in tests.items() if ok]


def _components_of(cands: list[tuple[int, int]]) -> list[int]:
    """Component ids (in order of first member) of extreme equilibria that are
    connected when they share a vertex, i.e. the same p or the same q."""
    parent = list(range(len(cands)))
    for i in range(len(cands)):
        for j in range(i):
            if cands[i][0] == cands[j][0] or cands[i][1] == cands[j][1]:
                ri, rj = parent[i], parent[j]
                lo, hi = min(ri, rj), max(ri, rj)
                parent = [lo if v == hi else v for v in parent]
    ids: dict[int, int] = {}
    return [ids.setdefault(r, len(ids)) for r in parent]


def _sign_tables() -> dict[str, np.ndarray]:
    E = _MAX_2X2
    t = {
        "count": np.zeros(81, dtype=np.int8),
        "pmixed": np.zeros((81, E), dtype=bool),
        "pvalue": np.full((81, E), np.nan),
        "qmixed": np.zeros((81, E), dtype=bool),
        "qvalue": np.full((81, E), np.nan),
        "component": np.full((81, E), -1, dtype=np.int8),
        "continuum": np.zeros(81, dtype=bool),
        "degenerate": np.zeros(81, dtype=bool),
    }
    value = {0: 1.0, 1: np.nan, 2: 0.0}
    for case in range(81):
        signs = [(case // 3**k) % 3 - 1 for k in (3, 2, 1, 0)]
        cands = _candidates(*signs)
        comps = _components_of(cands)
        t["count"][case] = len(cands)
        for s, (pc, qc) in enumerate(cands):
            t["pmixed"][case, s] = pc == 1
            t["pvalue"][case, s] = value[pc]
            t["qmixed"][case, s] = qc == 1
            t["qvalue"][case, s] = value[qc]
            t["component"][case, s] = comps[s]
        t["continuum"][case] = len(set(comps)) < len(cands)
        t["degenerate"][case] = 0 in signs
    return t


_TABLES = _sign_tables()
_SLOT_TABLES = {k: np.ascontiguousarray(v.T) for k, v in _TABLES.items() if v.ndim == 2}


def _min8(xs: list[np.ndarray]) -> np.ndarray:
    out = np.minimum(xs[0], xs[1])
    for x in xs[2:]:
        np.minimum(out, x, out=out)
    return out


def _max8(xs: list[np.ndarray]) -> np.ndarray:
    out = np.maximum(xs[0], xs[1])
    for x in xs[2:]:
        np.maximum(out, x, out=out)
    return out


def _fill_slot(
    s: int,
    c: np.ndarray,
    A: tuple[np.ndarray, ...],
    B: tuple[np.ndarray, ...],
    pstar: np.ndarray,
    qstar: np.ndarray,
    out: dict[str, np.ndarray],
    rows: Any,
) -> None:
    """Slot ``s`` of the games whose sign cases are ``c`` into ``out[...][rows]``.

    ``out`` holds slot-major storage: ``out["p"][s, k]`` is the row player's
    probability of its first strategy in slot ``s`` of game ``k``, and
    ``out["payoffs"][s, i, k]`` player ``i``'s payoff there.
    """
    T = _SLOT_TABLES
    A00, A01, A10, A11 = A
    B00, B01, B10, B11 = B
    p = np.where(np.take(T["pmixed"][s], c), pstar, np.take(T["pvalue"][s], c))
    q = np.where(np.take(T["qmixed"][s], c), qstar, np.take(T["qvalue"][s], c))
    # Payoffs of each pure strategy against the other's mix, then the expected
    # payoffs and the regrets (the certificates).
    r1 = A10 - A11
    r1 *= q
    r1 += A11
    r0 = A00 - A01
    r0 *= q
    r0 += A01
    u1 = r0 - r1
    u1 *= p
    u1 += r1
    c1 = B01 - B11
    c1 *= p
    c1 += B11
    c0 = B00 - B10
    c0 *= p
    c0 += B10
    u2 = c0 - c1
    u2 *= q
    u2 += c1
    np.maximum(r0, r1, out=r0)
    r0 -= u1
    np.maximum(c0, c1, out=c0)
    c0 -= u2
    if rows is None:
        out["p"][s] = p
        out["q"][s] = q
    else:
        out["p"][s, rows] = p
        out["q"][s, rows] = q
    for name, first, second in (("payoffs", u1, u2), ("regrets", r0, c0)):
        target = out[name][s]
        if rows is None:
            target[0] = first
            target[1] = second
        else:
            target[0, rows] = first
            target[1, rows] = second
    comp = np.take(T["component"][s], c)
    if rows is None:
        out["component"][s] = comp
    else:
        out["component"][s, rows] = comp


def _sign_cases(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """The sign case ``0 .. 80`` of each game (see :func:`_sign_tables`)."""
    # The sign of a float difference is exact (IEEE subtraction is correctly
    # rounded and x - y == 0 iff x == y), so the case of every game is exact.
    case = np.sign(A[:, 0, 0] - A[:, 1, 0])
    case *= 27.0
    case += 40.0
    for X, (i, j), (k, h), w in (
        (A, (0, 1), (1, 1), 9.0),
        (B, (0, 0), (0, 1), 3.0),
        (B, (1, 0), (1, 1), 1.0),
    ):
        case += np.sign(X[:, i, j] - X[:, k, h]) * w
    return case.astype(np.int8)


def _solve_2x2_block(
    A: np.ndarray, B: np.ndarray, c: np.ndarray, out: dict[str, np.ndarray]
) -> None:
    """Closed-form solution of a block of 2x2 games into the arrays of ``out``."""
    # Entry-major copies: contiguous operands are faster than strided ones.
    Ae = tuple(A.reshape(len(A), 4).T.copy())
    Be = tuple(B.reshape(len(B), 4).T.copy())
    A00, A01, A10, A11 = Ae
    B00, B01, B10, B11 = Be
    a1 = A00 - A10  # row's gain from its first strategy against column 1
    a2 = A01 - A11  # ... against column 2
    b1 = B00 - B01  # column's gain from its first strategy against row 1
    b2 = B10 - B11  # ... against row 2
    with np.errstate(divide="ignore", invalid="ignore"):
        pstar = b2 / (b2 - b1)
        qstar = a2 / (a2 - a1)
    c = c.astype(np.intp)
    T = _TABLES
    count = np.take(T["count"], c)
    out["count"][:] = count
    out["continuum"][:] = np.take(T["continuum"], c)
    out["degenerate"][:] = np.take(T["degenerate"], c)
    for name in ("p", "q", "payoffs", "regrets"):
        out[name][1:] = np.nan
    out["component"][1:] = -1
    _fill_slot(0, c, Ae, Be, pstar, qstar, out, None)
    # Most games have a single equilibrium: fill the other slots only for the
    # games that have more.
    multi = np.flatnonzero(count > 1)
    if len(multi):
        cm = c[multi]
        Am = tuple(x[multi] for x in Ae)
        Bm = tuple(x[multi] for x in Be)
        top = min(int(count[multi].max()), len(out["component"]))
        for s in range(1, top):
            _fill_slot(s, cm, Am, Bm, pstar[multi], qstar[multi], out, multi)
    entries = [*Ae, *Be]
    spread = _max8(entries) - _min8(entries)
    np.maximum(spread, 1.0, out=spread)
    np.multiply(spread, 1e-9, out=out["tol"])


def _from_2x2(out: dict[str, np.ndarray]) -> StackSolution:
    return StackSolution(
        count=out["count"],
        payoffs=out["payoffs"],
        regrets=out["regrets"],
        component=out["component"],
        continuum=out["continuum"],
        degenerate=out["degenerate"],
        tol=out["tol"],
        method=METHOD_2X2,
        first=(out["p"], out["q"]),
    )


def _compiled() -> Any:
    """The numba kernels of :mod:`coercion.solve._stack_numba`, or None."""
    try:
        from coercion.solve import _stack_numba
    except ImportError:
        return None
    return _stack_numba


def _solve_2x2_compiled(kernels: Any, A: np.ndarray, B: np.ndarray) -> StackSolution:
    K = len(A)
    A = np.ascontiguousarray(A)
    B = np.ascontiguousarray(B)
    cases = kernels.sign_cases(A, B)
    E = int(_TABLES["count"].max(initial=0, where=np.bincount(cases, minlength=81) > 0))
    out: dict[str, np.ndarray] = {
        "count": np.empty(K, dtype=np.int8),
        "p": np.empty((K, E)),
        "q": np.empty((K, E)),
        "payoffs": np.empty((K, E, 2)),
        "regrets": np.empty((K, E, 2)),
        "component": np.empty((K, E), dtype=np.int8),
        "continuum": np.empty(K, dtype=bool),
        "degenerate": np.empty(K, dtype=bool),
        "tol": np.empty(K),
    }
    T = _TABLES
    kernels.fill_2x2(
        A,
        B,
        cases,
        T["count"],
        T["pmixed"],
        T["pvalue"],
        T["qmixed"],
        T["qvalue"],
        T["component"],
        T["continuum"],
        T["degenerate"],
        out["p"],
        out["q"],
        out["payoffs"],
        out["regrets"],
        out["component"],
        out["count"],
        out["continuum"],
        out["degenerate"],
        out["tol"],
    )
    return _from_2x2(out)


def _solve_2x2(A: np.ndarray, B: np.ndarray) -> StackSolution:
    kernels = _compiled()
    if kernels is not None:
        return _solve_2x2_compiled(kernels, A, B)
    K = len(A)
    cases = _sign_cases(A, B)
    E = int(_TABLES["count"].max(initial=0, where=np.bincount(cases, minlength=81) > 0))
    # Slot-major storage, so that every write of the kernel is contiguous; the
    # result exposes (K, E, ...) views of it.
    out: dict[str, np.ndarray] = {
        "count": np.empty(K, dtype=np.int8),
        "p": np.empty((E, K)),
        "q": np.empty((E, K)),
        "payoffs": np.empty((E, 2, K)),
        "regrets": np.empty((E, 2, K)),
        "component": np.empty((E, K), dtype=np.int8),
        "continuum": np.empty(K, dtype=bool),
        "degenerate": np.empty(K, dtype=bool),
        "tol": np.empty(K),
    }
    for s in range(0, K, _CHUNK):
        e = min(K, s + _CHUNK)
        block = {k: v[..., s:e] if v.ndim > 1 else v[s:e] for k, v in out.items()}
        _solve_2x2_block(A[s:e], B[s:e], cases[s:e], block)
    for name in ("payoffs", "regrets"):
        out[name] = out[name].transpose(2, 0, 1)
    for name in ("p", "q", "component"):
        out[name] = out[name].T
    return _from_2x2(out)


# ---------------------------------------------------------------- general shapes
def _solve_loop(A: np.ndarray, B: np.ndarray) -> StackSolution:
    from coercion.game.normal_form import NormalFormGame
    from coercion.solve.enumeration import enumerate_equilibria

    K, m, n = A.shape
    found = []
    for k in range(K):
        game = NormalFormGame.from_bimatrix(A[k], B[k])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            eqs = enumerate_equilibria(game)
        comp = np.empty(len(eqs), dtype=np.int64)
        for c, members in enumerate(eqs.components or ()):
            comp[list(members.extreme)] = c
        found.append((eqs, comp, game.default_tol()))
    E = max(1, max(len(eqs) for eqs, _, _ in found))
    row = np.full((K, E, m), np.nan)
    col = np.full((K, E, n), np.nan)
    payoffs = np.full((K, E, 2), np.nan)
    regrets = np.full((K, E, 2), np.nan)
    component = np.full((K, E), -1, dtype=np.int64)
    count = np.zeros(K, dtype=np.int64)
    continuum = np.zeros(K, dtype=bool)
    degenerate = np.zeros(K, dtype=bool)
    tol = np.zeros(K)
    for k, (eqs, comp, t) in enumerate(found):
        count[k] = len(eqs)
        tol[k] = t
        degenerate[k] = bool(eqs.info.get("degenerate", False))
        continuum[k] = any(c.is_continuum for c in eqs.components or ())
        component[k, : len(eqs)] = comp
        for s, eq in enumerate(eqs):
            row[k, s] = np.asarray(eq.profile[0], dtype=np.float64)
            col[k, s] = np.asarray(eq.profile[1], dtype=np.float64)
            payoffs[k, s] = [float(v) for v in eq.payoffs]
            regrets[k, s] = [float(v) for v in eq.regrets]
    return StackSolution(
        count=count,
        strategies=(row, col),
        payoffs=payoffs,
        regrets=regrets,
        component=component,
        continuum=continuum,
        degenerate=degenerate,
        tol=tol,
        method=METHOD_LOOP,
    )


def solve_stack(A: Any, B: Any = None) -> StackSolution:
    r"""All extreme equilibria of each game in a stack of bimatrix games.

    Parameters
    ----------
    A : array_like
        ``(K, m, n)`` integer or float payoffs of the row player: ``A[k, i, j]``
        is its payoff in game ``k`` when it plays ``i`` and the column player
        plays ``j``.
    B : array_like, optional
        ``(K, m, n)`` payoffs of the column player, same indexing. Default
        ``-A`` (zero-sum games).

    Returns
    -------
    StackSolution
        Padded arrays of the extreme equilibria of every game (see
        :class:`StackSolution`), each with its payoffs and regrets, and the
        connected components of each game's equilibria. For every game ``k``
        the slots ``0 .. count[k] - 1`` list the same equilibria, in the same
        order and with the same components, as
        ``enumerate_equilibria(NormalFormGame.from_bimatrix(A[k], B[k]))``,
        in float64.

    Raises
    ------
    InvalidGameError
        If ``A`` or ``B`` is not a non-empty 3-axis array of integers or finite
        floats, or their shapes differ.

    Examples
    --------
    Matching pennies, and a game in which the row player is indifferent so
    that the column player's best response is a continuum:

    >>> import numpy as np
    >>> from coercion.solve.stack import solve_stack
    >>> A = np.array([[[1, -1], [-1, 1]], [[0, 0], [0, 0]]])
    >>> B = np.array([[[-1, 1], [1, -1]], [[1, 0], [0, 1]]])
    >>> res = solve_stack(A, B)
    >>> res.count.tolist(), res.continuum.tolist()
    ([1, 4], [False, True])
    >>> res.row[1, :4, 0].tolist(), res.col[1, :4, 0].tolist()
    ([1.0, 0.5, 0.5, 0.0], [1.0, 1.0, 0.0, 0.0])

    Notes
    -----
    *2 x 2 games.* Write :math:`p` and :math:`q` for the probabilities of
    the first strategies and

    .. math::

        a_1 = A_{00} - A_{10}, \quad a_2 = A_{01} - A_{11}, \quad
        b_1 = B_{00} - B_{01}, \quad b_2 = B_{10} - B_{11}.

    The row player's best-response polytope has the normalised vertices
    :math:`p = 1`, :math:`p = 0` and, when :math:`b_1 b_2 < 0`, the mixed
    :math:`p^* = b_2 / (b_2 - b_1)` at which the column player is
    indifferent; likewise :math:`q \in \{1, q^*, 0\}` with
    :math:`q^* = a_2 / (a_2 - a_1)` when :math:`a_1 a_2 < 0`. The extreme
    equilibria are the pairs of vertices that are equilibria (von Stengel
    2007, Theorem 3.4), so each of the nine candidates is tested by the signs
    of :math:`a_1, a_2, b_1, b_2` alone, e.g. :math:`(1, 1)` when
    :math:`a_1 \ge 0` and :math:`b_1 \ge 0`, :math:`(1, q^*)` when
    :math:`q^*` exists and :math:`b_1 = 0`. These sign tests are exact in
    floating point. A game is degenerate when one of the four differences
    is 0; it then has up to four extreme equilibria, and two of them lie in
    the same component when they share a vertex (Avis et al. 2010). The 81
    sign cases are solved once into tables; a stack is solved by one pass of
    a numba-compiled loop (compiled on first use, cached on disk) or, without
    numba, by :math:`O(1)` numpy operations per block of :math:`2^{14}`
    games. Both give the same answers; the work is :math:`O(K)`.

    *Other shapes* are solved one game at a time by
    :func:`~coercion.solve.enumeration.enumerate_equilibria`.

    References
    ----------
    .. [1] B. von Stengel, "Equilibrium computation for two-player games in
       strategic and extensive form", Chapter 3 of Algorithmic Game Theory,
       Cambridge University Press (2007).
    .. [2] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel,
       "Enumeration of Nash equilibria for two-player games", Economic
       Theory 42 (2010), 9-37.
    """
    A_arr = _as_stack(A, "A")
    if B is None:
        B_arr = -A_arr.astype(np.float64 if A_arr.dtype.kind == "f" else np.int64)
    else:
        B_arr = _as_stack(B, "B")
        if B_arr.shape != A_arr.shape:
            raise InvalidGameError(
                f"shape {B_arr.shape} differs from A's shape {A_arr.shape}", field="B"
            )
    if A_arr.shape[1:] == (2, 2):
        floats = _float_image(A_arr, B_arr)
        if floats is not None:
            return _solve_2x2(*floats)
    return _solve_loop(A_arr, B_arr)
