r"""The vectorised fast path of sweeps and regime maps: whole chunks at once.

When a model can evaluate its payoffs for arrays of parameter values (a
:class:`~coercion.SymbolicGame` through :meth:`~coercion.SymbolicGame.lambdify`,
a :class:`~coercion.ParametricGame` built with a ``stack=`` function) and its
games are small two-player games, a chunk of ``K`` points is evaluated as one
payoff stack ``(K, 2, m, n)`` and solved by :func:`coercion.solve_stack`
(closed forms for ``2 x 2``), and the rows of the sweep are assembled with
numpy instead of one Python loop per point.

The rows are those of the per-point path (same columns, dtypes, order of
points and of equilibria, same supports and regimes); the floats (payoffs,
probabilities, regrets) agree to rounding, since the closed forms and vertex
enumeration round differently.

Notes
-----
A regime is the set of support pairs of a game's extreme equilibria
(:func:`~coercion.analysis.thresholds.regime_of`). Each support pair is coded
as an integer below :math:`2^{m+n}` (one bit per strategy in use, probability
above ``1e-12`` as in :attr:`coercion.Equilibrium.supports`), so a regime is a
bit set of at most :math:`2^{m+n} \le 64` codes: one ``uint64`` per game, and
the distinct regimes of a chunk are found by :func:`numpy.unique` on them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["StackFamily", "stack_family", "regime_codes", "chunk_frame", "chunk_frames"]

_PROB_TOL = 1e-12  # as coercion.solve._result: probabilities that count as used
_MAX_BITS = 6  # m + n <= 6: a regime fits in one uint64 bit set


class StackFamily:
    """A model that evaluates payoff stacks, with its labels.

    ``payoffs(params)`` maps parameter name -> ``(K,)`` array to a ``(K, 2, m,
    n)`` float stack.
    """

    def __init__(
        self,
        payoffs: Callable[[Mapping[str, np.ndarray]], np.ndarray],
        names: Sequence[str],
        players: Sequence[str],
        strategies: Sequence[Sequence[str]],
    ) -> None:
        self.payoffs = payoffs
        self.names = tuple(names)
        self.players = tuple(players)
        self.strategies = tuple(tuple(s) for s in strategies)
        self.shape = (len(self.strategies[0]), len(self.strategies[1]))
        # which of the four deciding differences of a 2 x 2 family are zero
        # whatever the parameters (known only for symbolic payoffs)
        self.identically_zero = np.zeros(4, dtype=bool)


def _deciding_differences(P: Any) -> list[Any]:
    """The four payoff differences whose signs decide a ``2 x 2`` regime."""
    A, B = P[0], P[1]  # each (..., 2, 2)
    return [
        A[..., 0, 0] - A[..., 1, 0],
        A[..., 0, 1] - A[..., 1, 1],
        B[..., 0, 0] - B[..., 0, 1],
        B[..., 1, 0] - B[..., 1, 1],
    ]


def stack_family(model: Any, fixed: Mapping[str, Any] | None = None) -> Any:
    """The :class:`StackFamily` of ``model``, or None when it has no fast path.

    A fast path exists for a two-player :class:`~coercion.SymbolicGame` and a
    two-player :class:`~coercion.ParametricGame` built with ``stack=`` (such as
    :meth:`~coercion.ParametricGame.from_symbolic`) whose games have ``m + n
    <= 6`` strategies in all.
    """
    from coercion.game.symbolic import ParametricGame, SymbolicGame

    base = dict(fixed or {})
    if isinstance(model, SymbolicGame):
        if model.n_players != 2 or sum(model.shape) > _MAX_BITS:
            return None
        fn = model.lambdify()
        names = [s.name for s in model.symbols]

        zero = np.zeros(4, dtype=bool)
        if tuple(model.shape) == (2, 2):
            import sympy as sp

            zero = np.array(
                [sp.cancel(d) == 0 for d in _deciding_differences(model.payoffs)]
            )
        # (player, first entry, second entry) of each deciding difference
        pairs = [(0, (0, 0), (1, 0)), (0, (0, 1), (1, 1))]
        pairs += [(1, (0, 0), (0, 1)), (1, (1, 0), (1, 1))]

        def payoffs(params: Mapping[str, np.ndarray]) -> np.ndarray:
            values = {**base, **params}
            P = fn(**{k: values[k] for k in names if k in values})
            if zero.any():
                # an exact tie stays a tie in floats, however the two entries'
                # formulas round
                P = np.array(P, dtype=float, copy=True)
                for z, (pl, e1, e2) in zip(zero, pairs):
                    if z:
                        P[..., pl, e2[0], e2[1]] = P[..., pl, e1[0], e1[1]]
            return P

        fam = StackFamily(payoffs, names, model.players, model.strategies)
        fam.identically_zero = zero
        return fam
    if isinstance(model, ParametricGame) and model._stack is not None:
        probe = model.game(**base)
        if probe.n_players != 2 or sum(probe.shape) > _MAX_BITS:
            return None

        def payoffs_p(params: Mapping[str, np.ndarray]) -> np.ndarray:
            return model.stack(**{**base, **params})

        return StackFamily(payoffs_p, model.parameters, probe.players, probe.strategies)
    return None


def _stack(fam: StackFamily, params: Mapping[str, np.ndarray], k: int) -> np.ndarray:
    """The ``(k, 2, m, n)`` payoff stack at the points."""
    P = fam.payoffs(params)
    if P.shape[0] != k:
        P = np.broadcast_to(P, (k, *P.shape[1:]))
    return P


def _solve(
    fam: StackFamily,
    params: Mapping[str, np.ndarray],
    k: int,
    P: np.ndarray | None = None,
) -> Any:
    import warnings

    from coercion.solve.stack import solve_stack

    if P is None:
        P = _stack(fam, params, k)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return solve_stack(P[:, 0], P[:, 1])


def _support_codes(sol: Any, m: int, n: int) -> np.ndarray:
    """``(K, E)`` code of each slot's support pair (-1 for an empty slot)."""
    if sol.first is not None:
        # 2 x 2: the probabilities of the first strategies say it all, and
        # (p, 1 - p) is exactly how the solution builds the row strategy
        p, q = sol.first
        code = (p > _PROB_TOL).astype(np.int64)
        code += (1.0 - p > _PROB_TOL) * 2
        code += (q > _PROB_TOL) * 4
        code += (1.0 - q > _PROB_TOL) * 8
        code[np.arange(code.shape[1])[None, :] >= sol.count[:, None]] = -1
        return code
    used_r = sol.row > _PROB_TOL
    used_c = sol.col > _PROB_TOL
    w_r = 1 << np.arange(m, dtype=np.int64)
    w_c = 1 << np.arange(m, m + n, dtype=np.int64)
    code = used_r.astype(np.int64) @ w_r + used_c.astype(np.int64) @ w_c
    E = code.shape[1]
    empty = np.arange(E)[None, :] >= sol.count[:, None]
    code[empty] = -1
    return code


def _masks(code: np.ndarray) -> np.ndarray:
    """``(K,)`` uint64 bit set of the codes of each game."""
    bits = np.where(
        code >= 0,
        np.left_shift(np.uint64(1), np.maximum(code, 0).astype(np.uint64)),
        np.uint64(0),
    )
    return np.bitwise_or.reduce(bits, axis=1)


def _signature(mask: int, fam: StackFamily) -> tuple:
    m, n = fam.shape
    S0, S1 = fam.strategies
    sups = []
    for c in range(1 << (m + n)):
        if mask >> c & 1:
            r = tuple(S0[i] for i in range(m) if c >> i & 1)
            s = tuple(S1[j] for j in range(n) if c >> (m + j) & 1)
            sups.append((r, s))
    return tuple(sorted(set(sups)))


def _mask_of(signature: tuple, fam: StackFamily) -> int:
    """The bit set of a signature (the inverse of :func:`_signature`)."""
    m, _ = fam.shape
    S0, S1 = fam.strategies
    mask = 0
    for rows, cols in signature:
        code = sum(1 << S0.index(r) for r in rows)
        code += sum(1 << (m + S1.index(c)) for c in cols)
        mask |= 1 << code
    return mask


def _near_ties(P: np.ndarray, rel: float, skip: np.ndarray | None = None) -> np.ndarray:
    """``(K,)`` True where a payoff difference that decides the regime of a
    ``2 x 2`` game is within ``rel`` of the largest payoff (at least 1): its
    float sign may differ from the exact one. The differences flagged in
    ``skip`` are zero whatever the parameters, in floats as exactly, and are
    not checked."""
    k = P.shape[0]
    diffs = np.stack(_deciding_differences(np.moveaxis(P, 1, 0)), axis=1)
    if skip is not None and skip.any():
        diffs = diffs[:, ~skip]
    scale = np.maximum(1.0, np.abs(P).reshape(k, -1).max(axis=1))
    return ~np.all(np.abs(diffs) > rel * scale[:, None], axis=1)


def regime_codes(
    fam: StackFamily,
    params: Mapping[str, np.ndarray],
    k: int,
    exact_regime: Callable[[int], tuple] | None = None,
    rel: float = 1e-7,
) -> tuple[np.ndarray, list[tuple]]:
    """Regime of each of ``k`` points: an index into a list of signatures.

    The signatures are those of :func:`~coercion.analysis.thresholds.regime_of`
    and are listed in order of first appearance. With ``exact_regime`` (the
    regime of point ``i`` computed exactly), the points of a ``2 x 2`` family
    whose regime rounding could change (see :func:`scan_regimes`: ties and
    near-ties, such as grid points on a boundary) are handed to it.
    """
    P = _stack(fam, params, k)
    sol = _solve(fam, params, k, P)
    masks = _masks(_support_codes(sol, *fam.shape))
    if exact_regime is not None and fam.shape == (2, 2):
        near = _near_ties(P, rel, fam.identically_zero)
        for i in np.flatnonzero(near).tolist():
            masks[i] = np.uint64(_mask_of(exact_regime(i), fam))
    uniq, first, inverse = np.unique(masks, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    sigs = [_signature(int(uniq[i]), fam) for i in order]
    return rank[inverse.ravel()], sigs


BLOCK = 1 << 17  # points solved and assembled at once: see chunk_frames


def chunk_frames(
    fam: StackFamily, points: pd.DataFrame, start: int, block: int | None = None
) -> list[pd.DataFrame]:
    """The sweep rows of one chunk of points, in blocks of ``block`` points.

    A block's temporaries stay below the size at which the allocator hands
    memory back to the system, so that they are not paid for again in page
    faults at every step (a chunk of a million points at once spends more time
    in the kernel than in numpy); the blocks are written as the row groups of
    one Parquet file and concatenated only when the rows are kept in memory.
    """
    block = block or BLOCK
    return [
        chunk_frame(fam, points.iloc[s : s + block], start + s)
        for s in range(0, len(points), block)
    ]


def chunk_frame(fam: StackFamily, points: pd.DataFrame, start: int) -> pd.DataFrame:
    """The sweep rows of one chunk of points (see :func:`coercion.sweep`)."""
    import pandas as pd

    from coercion.analysis.thresholds import describe

    k = len(points)
    names = [c for c in points.columns if c != "draw"]
    params = {c: points[c].to_numpy(np.float64) for c in names}
    # a fixed parameter is passed as a number: the payoffs broadcast it
    given = {c: (x[0] if k and (x == x[0]).all() else x) for c, x in params.items()}
    sol = _solve(fam, given, k)
    code = _support_codes(sol, *fam.shape)
    masks = _masks(code)
    uniq, inverse = np.unique(masks, return_inverse=True)
    regimes = [describe(_signature(int(u), fam)) for u in uniq]
    count = sol.count.astype(np.int64)
    has = np.maximum(count, 1)  # a game without equilibria keeps one row
    E = code.shape[1]
    # the rows are the slots below `has`, game-major: a boolean mask over the
    # (K, E) arrays picks them in that order in one pass (much faster than
    # fancy indexing by (game, slot)); per-game columns are taken by game
    keep = np.arange(E)[None, :] < has[:, None]
    slot = np.broadcast_to(np.arange(E, dtype=np.int64), (k, E))[keep]
    game = np.broadcast_to(np.arange(k)[:, None], (k, E))[keep]
    everywhere = bool((count > 0).all())
    real = np.ones(len(slot), dtype=bool) if everywhere else slot < count[game]

    def per_game(x: np.ndarray) -> np.ndarray:
        return np.take(x, game)

    def pick(x: np.ndarray) -> np.ndarray:
        return x if everywhere else np.where(real, x, np.nan)

    cols: dict[str, Any] = {
        "point": per_game(np.arange(start, start + k, dtype=np.int64))
    }
    if "draw" in points.columns:
        cols["draw"] = per_game(points["draw"].to_numpy(np.int64))
    for c in names:
        cols[c] = per_game(params[c])
    cols["equilibrium"] = slot if everywhere else np.where(real, slot, -1)
    cols["n_equilibria"] = per_game(count)
    cols["regime"] = regime_column(regimes, per_game(inverse.ravel()))
    if sol.first is not None:
        # 2 x 2: the strategies are (p, 1 - p) and (q, 1 - q), as sol.row/col
        p0, q0 = sol.first[0][keep], sol.first[1][keep]
        strats = [(p0, 1.0 - p0), (q0, 1.0 - q0)]
    else:
        strats = [tuple(sol.row[keep].T), tuple(sol.col[keep].T)]
    used = sum((x > _PROB_TOL).astype(np.int64) for st in strats for x in st)
    cols["pure"] = real & (used == 2)
    cols["max_regret"] = pick(sol.regrets[keep].max(axis=1))
    payoffs = sol.payoffs[keep]
    for p, pl in enumerate(fam.players):
        cols[f"payoff:{pl}"] = pick(payoffs[:, p])
        for i, s in enumerate(fam.strategies[p]):
            cols[f"{pl}:{s}"] = pick(strats[p][i])
    return pd.DataFrame(cols, copy=False)


def regime_column(values: list[str], idx: np.ndarray) -> Any:
    """``values[idx]`` as a categorical column whose categories are sorted.

    A sweep has millions of rows and a handful of regimes: the codes cost one
    byte a row where the strings cost a hundred, and Parquet stores them as a
    dictionary. The categories are sorted so that chunks, paths and runs agree.
    """
    import pandas as pd

    cats, codes = np.unique(np.asarray(values, dtype=object), return_inverse=True)
    return pd.Categorical.from_codes(codes.ravel()[idx], categories=cats.tolist())


def scan_regimes(
    fam: StackFamily,
    params: Mapping[str, np.ndarray],
    k: int,
    exact_regime: Callable[[int], tuple],
    rel: float = 1e-7,
) -> list[tuple]:
    """Regimes of ``k`` points of a ``2 x 2`` family, exact-safe.

    The regime of a ``2 x 2`` game is decided by the signs of the four payoff
    differences :math:`a_1, a_2, b_1, b_2` (see :func:`coercion.solve_stack`).
    Where every difference is larger than ``rel`` times the largest payoff (at
    least 1) its sign cannot be flipped by the rounding of the float
    evaluation, and the stacked regime is the regime of the exact game; the
    other points (ties and near-ties) are handed to ``exact_regime(i)``.
    """
    from coercion.solve.stack import solve_stack

    if fam.shape != (2, 2):
        return [exact_regime(i) for i in range(k)]
    P = fam.payoffs(params)
    if P.shape[0] != k:
        P = np.broadcast_to(P, (k, *P.shape[1:]))
    A, B = P[:, 0], P[:, 1]
    safe = ~_near_ties(P, rel, fam.identically_zero)
    out: list[Any] = [None] * k
    idx = np.flatnonzero(safe)
    if len(idx):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sol = solve_stack(A[idx], B[idx])
        masks = _masks(_support_codes(sol, 2, 2))
        cache: dict[int, tuple] = {}
        for i, mk in zip(idx.tolist(), masks.tolist()):
            if mk not in cache:
                cache[mk] = _signature(int(mk), fam)
            out[i] = cache[mk]
    for i in np.flatnonzero(~safe).tolist():
        out[i] = exact_regime(i)
    return out
