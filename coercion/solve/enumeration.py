r"""All extreme Nash equilibria of a two-player game, with their components.

A bimatrix game :math:`(A, B)` with :math:`m \times n` payoff matrices, shifted to
positive entries, has the best-response polytopes

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\}.

A point of :math:`P` has label :math:`i` when :math:`x_i = 0` and label
:math:`m + j` when column :math:`j` is a best response
(:math:`(B^\top x)_j = 1`); a point of :math:`Q` has label :math:`i` when row
:math:`i` is a best response (:math:`(A y)_i = 1`) and :math:`m + j` when
:math:`y_j = 0`. The Nash equilibria are the *completely labelled* pairs
:math:`(x, y) \ne (0, 0)`, normalised to probabilities, and the extreme
equilibria are the completely labelled pairs of vertices (von Stengel 2007,
Theorem 3.4; Avis, Rosenberg, Savani and von Stengel 2010).
:func:`enumerate_equilibria` lists all of them, degenerate games included, and
groups them into connected components and maximal Nash subsets.

Examples
--------
>>> import coercion as co
>>> from coercion.solve.enumeration import enumerate_equilibria
>>> bos = co.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
>>> eqs = enumerate_equilibria(bos)
>>> eqs
<EquilibriumSet of 3 equilibria, method='vertex-enumeration (exact)', exact, 3 components (0 continua)>
>>> for e in eqs:
...     print(e.to_dict()["profile"])
[['1', '0'], ['1', '0']]
[['3/5', '2/5'], ['2/5', '3/5']]
[['0', '1'], ['0', '1']]
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from coercion.errors import (
    DegenerateGameWarning,
    InvalidParameterError,
    NotSupportedError,
    SolverError,
)
from coercion.game.normal_form import NormalFormGame
from coercion.solve._polytope import (
    closure_holds,
    float_vertices,
    integer_solve,
    lex_vertices,
)
from coercion.solve._result import (
    Component,
    Equilibrium,
    EquilibriumSet,
    make_equilibrium,
)

__all__ = ["enumerate_equilibria", "iter_extreme_equilibria"]

METHOD_EXACT = "vertex-enumeration (exact)"
METHOD_FLOAT = "vertex-enumeration (float, certified)"

_FLOAT_EXACT_LIMIT = 2**53  # integers up to this are exact in float64
_SMALL_GAME = 16  # m * n at or below this: exact lexicographic search directly


# ---------------------------------------------------------------- data
@dataclass
class _Pair:
    """One extreme equilibrium: normalised strategies and its two vertex ids."""

    x: tuple[Any, ...]
    y: tuple[Any, ...]
    p_vertex: int
    q_vertex: int


@dataclass
class _Enumeration:
    """Everything an enumeration found, before certificates are attached."""

    game: NormalFormGame
    pairs: list[_Pair]
    exact: bool
    method: str
    tol: float | None
    components: list[Component]
    info: dict[str, Any] = field(default_factory=dict)

    def equilibria(self) -> Iterator[Equilibrium]:
        if not self.exact:
            yield from self._float_equilibria()
            return
        if self.game.n_players == 2 and self.pairs:
            yield from self._exact_equilibria()
            return
        for pair in self.pairs:
            profile = [np.array(pair.x, dtype=object), np.array(pair.y, dtype=object)]
            if not self.exact:
                profile = [np.array(pair.x, float), np.array(pair.y, float)]
            eq = make_equilibrium(self.game, profile, method=self.method, tol=self.tol)
            if not eq.is_certified:
                raise SolverError(
                    f"profile {eq.to_dict()['profile']} failed its certificate "
                    f"(regret {eq.max_regret!r}); please report this game",
                    field="game",
                )
            yield eq

    def _exact_equilibria(self) -> Iterator[Equilibrium]:
        """Exact profiles with their certificates, in integer arithmetic.

        The same certificate as :func:`make_equilibrium` (each player's best
        pure payoff against the other's strategy minus its expected payoff,
        exactly), from the game's payoffs and independently of the search:
        payoffs and strategies are brought to integers over common
        denominators so that only the final values become Fractions.
        """
        A, B = self.game.bimatrix()
        Ai, da = _integers_over(A.tolist())
        Bi, db = _integers_over(B.tolist())
        m, n = len(Ai), len(Ai[0])
        for pair in self.pairs:
            xn, dx = _integers_over([list(pair.x)])
            yn, dy = _integers_over([list(pair.y)])
            x, y = xn[0], yn[0]
            Ay = [sum(Ai[i][j] * y[j] for j in range(n)) for i in range(m)]
            xB = [sum(x[i] * Bi[i][j] for i in range(m)) for j in range(n)]
            v1 = sum(x[i] * Ay[i] for i in range(m))
            v2 = sum(xB[j] * y[j] for j in range(n))
            scale = dx * dy
            eq = Equilibrium(
                game=self.game,
                profile=(
                    np.array([_fraction(v) for v in pair.x], dtype=object),
                    np.array([_fraction(v) for v in pair.y], dtype=object),
                ),
                payoffs=(Fraction(v1, da * scale), Fraction(v2, db * scale)),
                regrets=(
                    Fraction(max(Ay) * dx - v1, da * scale),
                    Fraction(max(xB) * dy - v2, db * scale),
                ),
                tol=0.0,
                method=self.method,
                exact=True,
            )
            if not eq.is_certified:
                raise SolverError(
                    f"profile {eq.to_dict()['profile']} failed its certificate "
                    f"(regret {eq.max_regret!r}); please report this game",
                    field="game",
                )
            yield eq

    def _float_equilibria(self) -> Iterator[Equilibrium]:
        """Float profiles with their certificates, computed for all at once.

        The same certificate as :func:`make_equilibrium` (each player's best
        pure payoff against the other's strategy minus its expected payoff),
        from the game's payoffs and independently of the search, vectorised
        over the equilibria.
        """
        if not self.pairs:
            return
        A, B = (np.asarray(M, dtype=np.float64) for M in self.game.bimatrix())
        X = np.array([p.x for p in self.pairs], dtype=np.float64)
        Y = np.array([p.y for p in self.pairs], dtype=np.float64)
        AY = Y @ A.T
        XB = X @ B
        u1 = np.einsum("ij,ij->i", X, AY)
        u2 = np.einsum("ij,ij->i", XB, Y)
        r1 = AY.max(axis=1) - u1
        r2 = XB.max(axis=1) - u2
        tol = self.game.default_tol() if self.tol is None else float(self.tol)
        for k in range(len(self.pairs)):
            eq = Equilibrium(
                game=self.game,
                profile=(X[k], Y[k]),
                payoffs=(float(u1[k]), float(u2[k])),
                regrets=(float(r1[k]), float(r2[k])),
                tol=tol,
                method=self.method,
                exact=False,
            )
            if not eq.is_certified:
                raise SolverError(
                    f"profile {eq.to_dict()['profile']} failed its certificate "
                    f"(regret {eq.max_regret!r}); please report this game",
                    field="game",
                )
            yield eq


# ---------------------------------------------------------------- scaling
def _fraction(v: Any) -> Fraction:
    return v if type(v) is Fraction else Fraction(v)


def _integers_over(rows: list[list[Any]]) -> tuple[list[list[int]], int]:
    """Exact ``rows`` as integers over one common positive denominator."""
    den = 1
    for row in rows:
        for v in row:
            den = math.lcm(den, v.denominator)
    return [[v.numerator * (den // v.denominator) for v in row] for row in rows], den


def _integer_matrix(X: np.ndarray) -> list[list[int]]:
    """Positive integer matrix with the same best responses as the exact ``X``.

    Multiplies by the common denominator and shifts so that the entries lie in
    ``[R, 2R]`` with ``R`` the payoff range (all ones when ``R = 0``): a positive
    affine map of a player's payoffs changes no best response.
    """
    rows = [[Fraction(v) for v in row] for row in X.tolist()]
    den = math.lcm(*(v.denominator for row in rows for v in row))
    ints = [[v.numerator * (den // v.denominator) for v in row] for row in rows]
    lo = min(min(r) for r in ints)
    hi = max(max(r) for r in ints)
    if hi == lo:
        return [[1] * len(r) for r in ints]
    shift = (hi - lo) - lo
    return [[v + shift for v in r] for r in ints]


def _exact_floats(M: list[list[int]]) -> np.ndarray | None:
    """``M`` times a power of two as float64, exact, or None if too large."""
    top = max(max(r) for r in M)
    if top >= _FLOAT_EXACT_LIMIT:
        return None
    scale = 2.0 ** -(top.bit_length())
    return np.array(M, dtype=np.float64) * scale


def _normalised_floats(X: np.ndarray) -> np.ndarray:
    """Float payoffs mapped affinely onto ``[1, 2]`` (all ones if constant)."""
    Xf = np.asarray(X, dtype=np.float64)
    lo, hi = float(Xf.min()), float(Xf.max())
    if not hi > lo:
        return np.ones_like(Xf)
    return 1.0 + (Xf - lo) / (hi - lo)


def _rationalise(game: NormalFormGame) -> NormalFormGame:
    """The exact game of the decimals the float payoffs stand for.

    Each payoff becomes the decimal of at most 15 significant digits nearest to
    it (15 digits survive a round trip through float64, so a payoff written as
    such a decimal comes back as written) when that decimal lies within
    ``1e-2 * game.default_tol()`` of it, and the shortest decimal that rounds to
    it otherwise. Arithmetic noise such as ``0.1 + 0.2 = 0.30000000000000004``
    is thereby undone, and the ties that the payoffs were meant to have (the
    degeneracy of games from parameter sweeps) are restored instead of being
    broken at the 17th digit into spurious, nearly equal equilibria.
    """
    arr = np.asarray(game.payoffs, dtype=np.float64)
    slack = 1e-2 * game.default_tol()
    flat = np.empty(arr.size, dtype=object)
    values = []
    for v in arr.flat:
        x = float(v)
        snapped = Fraction(f"{x:.15g}")
        values.append(
            snapped if abs(float(snapped) - x) <= slack else Fraction(repr(x))
        )
    flat[:] = values
    return NormalFormGame(
        flat.reshape(arr.shape),
        players=game.players,
        strategies=game.strategies,
        title=game.title,
        exact=True,
    )


# ---------------------------------------------------------------- labels
def _q_labels(masks: np.ndarray, m: int, n: int) -> np.ndarray:
    """Tight sets of Q (bits: y_j then row slacks) as game labels."""
    if masks.dtype == np.uint64:
        low = np.uint64((1 << n) - 1)
        return ((masks & low) << np.uint64(m)) | (masks >> np.uint64(n))
    low_i = (1 << n) - 1
    out = np.empty(len(masks), dtype=object)
    out[:] = [((int(v) & low_i) << m) | (int(v) >> n) for v in masks]
    return out


def _bits_of(mask: int, lo: int, hi: int) -> list[int]:
    return [i - lo for i in range(lo, hi) if (mask >> i) & 1]


def _clear_bits(mask: int, lo: int, hi: int) -> list[int]:
    return [i - lo for i in range(lo, hi) if not (mask >> i) & 1]


# ---------------------------------------------------------------- exact paths
@dataclass
class _Side:
    """The vertices of one best-response polytope, exactly.

    ``masks[k]`` is the tight set of vertex ``k`` in the polytope's own bit
    order (coordinates, then rows); ``point(k)`` its normalised exact point.
    """

    masks: list[int]
    nonzero: list[bool]
    point: Any
    degenerate: bool
    certified_float: bool


def _float_side(M: list[list[int]], d: int) -> _Side | None:
    """Certified float search of one polytope; None if not applicable."""
    fM = _exact_floats(M)
    if fM is None:
        return None
    found = float_vertices(fM, certify=True)
    if found is None:
        return None
    k = len(M)
    masks = [int(v) for v in found.masks]
    coords = (1 << d) - 1

    def point(idx: int) -> tuple:
        mask = masks[idx]
        support = _clear_bits(mask, 0, d)
        tight = _bits_of(mask, d, d + k)
        nums, _ = integer_solve([[M[j][i] for i in support] for j in tight])
        return _spread(nums, support, d)

    return _Side(
        masks=masks,
        nonzero=[(v & coords) != coords for v in masks],
        point=point,
        degenerate=False,
        certified_float=True,
    )


def _lex_side(M: list[list[int]], d: int) -> _Side:
    """Exact lexicographic search of one polytope, degenerate or not."""
    found = lex_vertices(M)
    return _Side(
        masks=[t for _, _, t in found],
        nonzero=[any(nums) for nums, _, _ in found],
        point=lambda idx: _spread(found[idx][0], range(d), d),
        degenerate=any(t.bit_count() > d for _, _, t in found),
        certified_float=False,
    )


def _spread(nums: Sequence[int], support: Sequence[int], size: int) -> tuple:
    total = sum(nums)
    out = [Fraction(0)] * size
    for i, v in zip(support, nums):
        out[i] = Fraction(v, total)
    return tuple(out)


def _complementary(
    maskP: np.ndarray, maskQ: np.ndarray, m: int, n: int
) -> list[tuple[int, int]]:
    """Index pairs of vertices with exactly complementary label sets."""
    full = (1 << (m + n)) - 1
    if maskP.dtype == np.uint64:
        need = np.uint64(full) ^ maskP
    else:
        need = np.empty(len(maskP), dtype=object)
        need[:] = [full ^ int(v) for v in maskP]
    qlab = _q_labels(maskQ, m, n)
    origin = (1 << m) - 1
    keep = (
        np.array([int(v) != origin for v in maskP])
        if maskP.dtype == object
        else (maskP != np.uint64(origin))
    )
    idxP = np.flatnonzero(keep)
    _, ia, ib = np.intersect1d(need[idxP], qlab, return_indices=True)
    return sorted(zip(idxP[ia].tolist(), ib.tolist()))


def _as_mask_array(masks: list[int], nbits: int) -> np.ndarray:
    if nbits <= 64:
        return np.array(masks, dtype=np.uint64)
    out = np.empty(len(masks), dtype=object)
    out[:] = masks
    return out


def _match(sideP: _Side, sideQ: _Side, m: int, n: int) -> list[_Pair]:
    """Vertex pairs whose labels together are complete (the extreme equilibria)."""
    full = (1 << (m + n)) - 1
    if not (sideP.degenerate or sideQ.degenerate):
        # Simple polytopes: the labels of an equilibrium are exactly
        # complementary, a sorted-array intersection.
        hits = _complementary(
            _as_mask_array(sideP.masks, m + n), _as_mask_array(sideQ.masks, m + n), m, n
        )
    else:
        low = (1 << n) - 1
        labQ = [((t & low) << m) | (t >> n) for t in sideQ.masks]
        q_ok = [k for k, nz in enumerate(sideQ.nonzero) if nz]
        use_np = m + n <= 64
        if use_np:
            labQ_arr = np.array([labQ[k] for k in q_ok], dtype=np.uint64)
        hits = []
        for ip, tight in enumerate(sideP.masks):
            if not sideP.nonzero[ip]:
                continue
            need = full ^ tight
            if use_np:
                hit = np.flatnonzero((labQ_arr & np.uint64(need)) == np.uint64(need))
                hits.extend((ip, q_ok[h]) for h in hit.tolist())
            else:
                hits.extend((ip, k) for k in q_ok if labQ[k] & need == need)
    points_p: dict[int, tuple] = {}
    points_q: dict[int, tuple] = {}
    pairs = []
    for ip, iq in hits:
        if ip not in points_p:
            points_p[ip] = sideP.point(ip)
        if iq not in points_q:
            points_q[iq] = sideQ.point(iq)
        pairs.append(_Pair(points_p[ip], points_q[iq], ip, iq))
    return pairs


def _solve_exact(game: NormalFormGame) -> tuple[list[_Pair], dict[str, Any]]:
    A, B = game.bimatrix()
    m, n = A.shape
    MP = [list(r) for r in zip(*_integer_matrix(B))]  # B^T: n rows, m columns
    MQ = _integer_matrix(A)
    sideP: _Side | None = None
    sideQ: _Side | None = None
    if m * n > _SMALL_GAME:
        # Each polytope on its own: the fast certified float search when it
        # is simple, the exact lexicographic search when it is not.
        sideP = _float_side(MP, m)
        sideQ = _float_side(MQ, n)
    if sideP is None:
        sideP = _lex_side(MP, m)
    if sideQ is None:
        sideQ = _lex_side(MQ, n)
    pairs = _match(sideP, sideQ, m, n)
    searches = {
        True: "certified float pivoting",
        False: "exact lexicographic pivoting",
    }
    search_p = searches[sideP.certified_float]
    search_q = searches[sideQ.certified_float]
    info = {
        "vertices": (len(sideP.masks), len(sideQ.masks)),
        "degenerate": sideP.degenerate or sideQ.degenerate,
        "search": search_p if search_p == search_q else f"{search_p} / {search_q}",
    }
    return pairs, info


# ---------------------------------------------------------------- float path
def _solve_float(game: NormalFormGame) -> tuple[list[_Pair], dict[str, Any]] | None:
    A, B = game.bimatrix()
    m, n = A.shape
    MP = np.ascontiguousarray(_normalised_floats(B).T)
    MQ = _normalised_floats(A)
    vP = float_vertices(MP)
    if vP is None:
        return None
    vQ = float_vertices(MQ)
    if vQ is None:
        return None
    bitsP = np.left_shift(np.uint64(1), np.arange(m + n, dtype=np.uint64))
    if vP.masks.dtype == np.uint64 and not (
        closure_holds(vP.masks, vP.nonbasic, bitsP)
        and closure_holds(vQ.masks, vQ.nonbasic, bitsP)
    ):
        return None
    pairs = []
    for ip, iq in _complementary(vP.masks, vQ.masks, m, n):
        pmask = int(vP.masks[ip])
        qmask = int(vQ.masks[iq])
        if vP.points is not None and vQ.points is not None:
            # The search kept each vertex's point: normalise it.
            x = _normalised_point(vP.points[ip])
            y = _normalised_point(vQ.points[iq])
        else:
            x = _float_support_solve(
                MP, _bits_of(pmask, m, m + n), _clear_bits(pmask, 0, m)
            )
            y = _float_support_solve(
                MQ, _bits_of(qmask, n, n + m), _clear_bits(qmask, 0, n)
            )
        if x is None or y is None:
            return None
        pairs.append(_Pair(x, y, ip, iq))
    info = {
        "vertices": (len(vP.masks), len(vQ.masks)),
        "degenerate": False,
        "search": "float pivoting",
    }
    return pairs, info


def _normalised_point(z: np.ndarray) -> tuple[float, ...] | None:
    total = float(z.sum())
    if not (total > 0 and np.all(z >= 0)):
        return None
    return tuple((z / total).tolist())


def _float_support_solve(
    M: np.ndarray, rows: Sequence[int], support: Sequence[int]
) -> tuple[float, ...] | None:
    size = M.shape[1]
    try:
        sol = np.linalg.solve(M[np.ix_(rows, support)], np.ones(len(rows)))
    except np.linalg.LinAlgError:
        return None
    if not np.all(sol > 0):
        return None
    out = np.zeros(size)
    out[list(support)] = sol / sol.sum()
    return tuple(out.tolist())


# ---------------------------------------------------------------- components
def _components(pairs: Sequence[_Pair]) -> list[Component]:
    """Connected components and maximal Nash subsets (bicliques) of the pairs.

    The extreme equilibria form a bipartite graph between vertices of P and of
    Q; a set of them has a convex hull of equilibria iff it is ``X' x Y'`` with
    every pair an equilibrium (Avis et al. 2010, Theorem 2), so the maximal Nash
    subsets are the maximal complete bipartite subgraphs and the components
    the connected components.
    """
    index = {(p.p_vertex, p.q_vertex): k for k, p in enumerate(pairs)}
    parent = list(range(len(pairs)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    by_p: dict[int, list[int]] = {}
    by_q: dict[int, list[int]] = {}
    for k, p in enumerate(pairs):
        by_p.setdefault(p.p_vertex, []).append(k)
        by_q.setdefault(p.q_vertex, []).append(k)
    for group in (*by_p.values(), *by_q.values()):
        for k in group[1:]:
            ra, rb = find(group[0]), find(k)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = {}
    for k in range(len(pairs)):
        members.setdefault(find(k), []).append(k)
    out = []
    for ks in sorted(members.values()):
        if len(ks) == 1:
            out.append(Component(extreme=(ks[0],), nash_subsets=((ks[0],),)))
            continue
        nbrs: dict[int, frozenset[int]] = {}
        for k in ks:
            p = pairs[k]
            nbrs[p.p_vertex] = nbrs.get(p.p_vertex, frozenset()) | {p.q_vertex}
        closed = set(nbrs.values())
        frontier = set(closed)
        while frontier:
            new = set()
            for a in frontier:
                for b in closed:
                    c = a & b
                    if c and c not in closed:
                        new.add(c)
            closed |= new
            frontier = new
        subsets = []
        for ys in closed:
            xs = [xv for xv, ny in nbrs.items() if ys <= ny]
            subsets.append(tuple(sorted(index[(xv, yv)] for xv in xs for yv in ys)))
        out.append(Component(extreme=tuple(ks), nash_subsets=tuple(sorted(subsets))))
    return out


# ---------------------------------------------------------------- driver
def _check_args(game: Any, exact: Any, tol: Any) -> None:
    if not isinstance(game, NormalFormGame):
        raise NotSupportedError(
            f"{type(game).__name__} is not a NormalFormGame", field="game"
        )
    if game.n_players != 2:
        raise NotSupportedError(
            f"game has {game.n_players} players; vertex enumeration needs 2",
            field="game",
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


def _enumerate(
    game: NormalFormGame, exact: bool | None, tol: float | None
) -> _Enumeration:
    _check_args(game, exact, tol)
    use_exact = game.is_exact if exact is None else bool(exact)
    if use_exact:
        target = game if game.is_exact else game.to_exact()
        pairs, info = _solve_exact(target)
        method, certify_tol = METHOD_EXACT, None
    else:
        target = game
        certify_tol = game.default_tol() if tol is None else float(tol)
        found = _solve_float(game)
        if found is None:
            exact_game = game if game.is_exact else _rationalise(game)
            pairs, info = _solve_exact(exact_game)
            pairs = [
                _Pair(
                    tuple(map(float, p.x)),
                    tuple(map(float, p.y)),
                    p.p_vertex,
                    p.q_vertex,
                )
                for p in pairs
            ]
            info["search"] += " (exact fallback)"
        else:
            pairs, info = found
        method = METHOD_FLOAT
    if info["degenerate"]:
        warnings.warn(
            f"the game is degenerate ({len(pairs)} extreme equilibria); the "
            "components list its continua of equilibria",
            DegenerateGameWarning,
            stacklevel=3,
        )
    # Decreasing lexicographic order of the row player's strategy, then the
    # column player's (exact comparisons for exact games).
    pairs.sort(key=lambda p: (p.x, p.y), reverse=True)
    comps = _components(pairs)
    return _Enumeration(
        game=target,
        pairs=pairs,
        exact=use_exact,
        method=method,
        tol=certify_tol,
        components=comps,
        info=info,
    )


def enumerate_equilibria(
    game: NormalFormGame, *, exact: bool | None = None, tol: float | None = None
) -> EquilibriumSet:
    r"""All extreme Nash equilibria of a two-player game and their components.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game, degenerate or not.
    exact : bool, optional
        Exact rational arithmetic (the default for exact games) or floating
        point (the default for float games). ``exact=True`` on a float game
        solves its exact binary values (:meth:`NormalFormGame.to_exact`);
        ``exact=False`` on an exact game solves its float image and certifies
        the float profiles against the exact game.
    tol : float, optional
        Largest regret the float path accepts in its certificates. Default
        ``game.default_tol()`` (``1e-9`` times the payoff range). Ignored by
        the exact path, whose certificates are exact.

    Returns
    -------
    EquilibriumSet
        Every extreme equilibrium once, each certified by
        :func:`~coercion.solve.make_equilibrium` (regret exactly 0 when exact,
        at most ``tol`` otherwise), ``complete=True``, and ``components``: the
        connected components of the set of equilibria, each with its maximal
        Nash subsets (indices into the set). The equilibria come in
        *decreasing lexicographic order* of the row player's probability
        vector (strategies in order), ties broken likewise by the column
        player's: the pure profile on both players' first strategies comes
        first. ``info`` holds the vertex counts of the two polytopes, whether
        the game is degenerate and which search ran.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a two-player :class:`NormalFormGame`.
    InvalidParameterError
        If ``exact`` is not a bool or None, or ``tol`` is negative or not finite.
    SolverError
        If a profile fails its certificate (a bug: please report the game).

    Warns
    -----
    DegenerateGameWarning
        When the game is degenerate (some mixed strategy has more pure best
        responses than its support size): the result is still complete, and
        continua of equilibria show up as components with several extreme
        equilibria.

    Examples
    --------
    A degenerate game (von Stengel 2007, Figure 3.4 / Avis et al. 2010) with
    a segment of equilibria and an isolated one:

    >>> import coercion as co
    >>> from coercion.solve.enumeration import enumerate_equilibria
    >>> g = co.NormalFormGame.from_bimatrix(
    ...     [[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]]
    ... )
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     eqs = enumerate_equilibria(g)
    >>> [e.to_dict()["profile"] for e in eqs]
    [[['1', '0', '0'], ['1', '0']], [['1', '0', '0'], ['2/3', '1/3']], [['0', '1/3', '2/3'], ['1/3', '2/3']]]
    >>> eqs.components
    (Component(extreme=(0, 1), nash_subsets=((0, 1),)), Component(extreme=(2,), nash_subsets=((2,),)))

    Notes
    -----
    *Exact games.* Payoffs are scaled to integers and shifted positive. For a
    game larger than a few strategies each, both polytopes are first searched
    by floating-point pivoting (breadth first over the vertex graph, in a
    numba-compiled loop or vectorised with numpy), and every basis visited
    is then *proved* to be a simple vertex with exactly its tight set by a
    rigorous floating-point error bound (Rump 2010); since the vertex graph
    of a polytope is connected and the visited set is closed under its
    edges, that proves the vertex lists complete. The extreme equilibria of a nondegenerate game are then
    the vertex pairs with complementary labels, rebuilt exactly from their
    supports by integer (Bareiss) elimination. When the certificate fails
    for a polytope (a degenerate or nearly degenerate one, or payoffs too
    large for exact float64 scaling) the exact lexicographic pivoting search
    of lrs (Avis 2000) enumerates every vertex of that polytope, degenerate
    ones included; each polytope is searched on its own, so ties in one
    player's payoffs slow down only the search of the other's polytope. A
    pair of vertices is an equilibrium when the union of its labels is
    complete.

    *Float games.* The same float search without the proof; each equilibrium
    is certified by its regret. A game that looks degenerate or nearly so is
    solved exactly on the decimals its payoffs stand for (each payoff to 15
    significant digits, which undoes float noise such as ``0.1 + 0.2``, when
    that moves it by less than ``game.default_tol() / 100``), and the results
    are certified
    against the float game.

    *Components.* Extreme equilibria ``(x, y)`` form a bipartite graph on the
    vertices of ``P`` and ``Q``; the maximal Nash subsets are its maximal
    complete bipartite subgraphs (their convex hulls are products of faces,
    all equilibria) and the components its connected components (Avis et al.
    2010, Section 3).

    The number of vertices grows exponentially with the game's size (up to
    about :math:`2.6^n` for square games); a random 14 x 14 game has some
    :math:`10^4` vertices per polytope.

    References
    ----------
    .. [1] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel,
       "Enumeration of Nash equilibria for two-player games", Economic
       Theory 42 (2010), 9-37.
    .. [2] D. Avis, "lrs: A revised implementation of the reverse search
       vertex enumeration algorithm", in Polytopes - Combinatorics and
       Computation, DMV Seminar 29 (2000), 177-198.
    .. [3] B. von Stengel, "Equilibrium computation for two-player games in
       strategic and extensive form", Chapter 3 of Algorithmic Game Theory,
       Cambridge University Press (2007).
    .. [4] S. M. Rump, "Verification methods: Rigorous results using
       floating-point arithmetic", Acta Numerica 19 (2010), 287-449.
    """
    run = _enumerate(game, exact, tol)
    return EquilibriumSet(
        run.game,
        run.equilibria(),
        method=run.method,
        exact=run.exact,
        complete=True,
        components=run.components,
        info=run.info,
    )


def iter_extreme_equilibria(
    game: NormalFormGame, *, exact: bool | None = None, tol: float | None = None
) -> Iterator[Equilibrium]:
    """Generator twin of :func:`enumerate_equilibria`: the extreme equilibria.

    The vertex enumeration runs when this function is called; each
    :class:`Equilibrium` (with its certificate) is built as it is yielded, in
    the order of :func:`enumerate_equilibria`.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game.
    exact : bool, optional
        As in :func:`enumerate_equilibria`.
    tol : float, optional
        As in :func:`enumerate_equilibria`.

    Returns
    -------
    iterator of Equilibrium

    Raises
    ------
    NotSupportedError
        If ``game`` is not a two-player :class:`NormalFormGame`.
    InvalidParameterError
        If ``exact`` or ``tol`` is invalid.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.solve.enumeration import iter_extreme_equilibria
    >>> pd = co.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [e.to_dict()["profile"] for e in iter_extreme_equilibria(pd)]
    [[['0', '1'], ['0', '1']]]
    """
    return _enumerate(game, exact, tol).equilibria()
