r"""Vertex enumeration of the polytopes :math:`\{z \ge 0,\ M z \le 1\}` (private kernels).

The best-response polytopes of a bimatrix game have this form (von Stengel 2007,
eq. 3.8):

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\},

with ``A`` and ``B`` shifted to positive entries, so both are bounded. With slack
variables :math:`s = 1 - M z` a polytope with ``k`` rows and ``d`` columns has
``d + k`` variables: ``0 .. d-1`` are the coordinates :math:`z_i` and
``d .. d+k-1`` the slacks :math:`s_j`. A *basis* is a set of ``k`` basic
variables; the other ``d`` (the *nonbasic* ones) are zero, and the set of variables
that are zero at a vertex is its *tight set* (its labels).

Three kernels live here:

:func:`float_vertices`
    Breadth-first search over the vertex graph by simplex pivoting in floating
    point, one layer of the graph per step, vectorised over the layer with numpy.
    It is meant for nondegenerate polytopes (every vertex has exactly ``d`` tight
    constraints) and stops as soon as a basic variable comes within a tolerance
    of zero (a degenerate or nearly degenerate vertex). With ``certify=True``
    each basis is checked *rigorously*: a floating-point bound in the style of
    Rump's verified linear solvers proves that the exact basic solution is
    strictly positive, so that the vertex is exactly a simple vertex with exactly
    that tight set. Together with the connectedness of the vertex graph
    (Balinski's theorem) and the closure of the visited set under the graph's
    edges this proves the list complete.
:func:`lex_vertices`
    Exact breadth-first search over the *lexicographically feasible* bases with
    integer (fraction-free) pivoting, as in lrs (Avis 2000): the lexicographic
    ratio test is the ratio test of a symbolically perturbed, simple polytope,
    whose vertex graph is connected and whose vertices' limits are all vertices
    of the original one, degenerate or not.
:func:`integer_solve`
    Exact solution of a small integer system by Bareiss elimination.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coercion.errors import SolverError

__all__ = [
    "FloatVertices",
    "float_vertices",
    "closure_holds",
    "lex_vertices",
    "integer_solve",
    "DEGENERACY_TOL",
]

DEGENERACY_TOL = 1e-9
"""Smallest basic-variable value the float search accepts (polytope scaled to
entries in ``[1, 2]`` or ``(1/4, 1]``, so coordinates and slacks are at most 1)."""

_U = 2.0**-53  # unit roundoff of float64
_CHUNK = 1024  # vertices pivoted per numpy batch (keeps temporaries in cache)


@dataclass
class FloatVertices:
    """Vertices found by :func:`float_vertices`.

    Attributes
    ----------
    masks : numpy.ndarray
        Tight set of each vertex as a bitmask over the ``d + k`` variables:
        ``uint64`` when ``d + k <= 64``, else Python ints in an object array.
    nonbasic : numpy.ndarray
        ``(V, d)`` indices of the nonbasic (tight) variables of each vertex.
    certified : bool
        True when every basis was proved simple and exactly feasible.
    points : numpy.ndarray or None
        ``(V, d)`` coordinates of each vertex (in floating point), when the
        search keeps them (the compiled search does).
    """

    masks: np.ndarray
    nonbasic: np.ndarray
    certified: bool
    points: np.ndarray | None = None


def _bits(nvars: int) -> np.ndarray:
    if nvars <= 64:
        return np.left_shift(np.uint64(1), np.arange(nvars, dtype=np.uint64))
    out = np.empty(nvars, dtype=object)
    out[:] = [1 << v for v in range(nvars)]
    return out


def _first_of_each(keys: np.ndarray, nbits: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct keys and, for each, the position of one occurrence."""
    if keys.dtype == np.uint64 and len(keys) and nbits + len(keys).bit_length() <= 64:
        # Pack position into the low bits so one radix sort does the work of an
        # argsort (much faster for uint64).
        shift = np.uint64(64 - nbits)
        packed = (keys << shift) | np.arange(len(keys), dtype=np.uint64)
        packed.sort()
        head = packed >> shift
        first = np.empty(len(packed), dtype=bool)
        first[0] = True
        np.not_equal(head[1:], head[:-1], out=first[1:])
        low = np.uint64((1 << (64 - nbits)) - 1)
        return head[first], (packed[first] & low).astype(np.intp)
    uniq, pos = np.unique(keys, return_index=True)
    return uniq, pos.astype(np.intp)


def _not_in(sorted_ref: np.ndarray, keys: np.ndarray) -> np.ndarray:
    pos = np.searchsorted(sorted_ref, keys)
    pos[pos == len(sorted_ref)] = 0
    return sorted_ref[pos] != keys


def _certify_layer(M: np.ndarray, T: np.ndarray, N: np.ndarray, Bv: np.ndarray) -> bool:
    r"""Prove that the exact basic solution of every basis in a layer is positive.

    For a basis with matrix :math:`A_B` (columns of :math:`[M \mid I]`, entries
    exact in float64), approximate inverse :math:`R` (read off the tableau) and
    approximate solution :math:`\tilde z` (the tableau's right-hand side): if
    :math:`\|I - R A_B\|_\infty \le \alpha < 1` then :math:`A_B` is nonsingular
    and :math:`\|A_B^{-1} 1 - \tilde z\|_\infty \le \|R (1 - A_B \tilde z)\|_\infty
    / (1 - \alpha)` (Rump 2010, Theorem 10.2). Every rounding error made while
    evaluating the bounds is bounded by :math:`\gamma_j = j u / (1 - j u)` terms
    (Higham 2002, Section 3.1), so the test is rigorous without directed
    rounding.
    """
    F, dp1, k = T.shape
    d = dp1 - 1
    # R[:, r, j]: column j of A_B^{-1}; a nonbasic slack's column is in the
    # tableau, a basic slack's column is a unit vector.
    R = np.zeros((F, k, k))
    slack_nb = N >= d
    f_nb, c_nb = np.nonzero(slack_nb)
    R[f_nb, :, N[f_nb, c_nb] - d] = T[f_nb, c_nb, :]
    slack_b = Bv >= d
    f_b, q_b = np.nonzero(slack_b)
    R[f_b, q_b, Bv[f_b, q_b] - d] = 1.0
    # A_B[:, :, q]: column of the basic variable of row q.
    AB = np.zeros((F, k, k))
    f_x, q_x = np.nonzero(~slack_b)
    AB[f_x, :, q_x] = M[:, Bv[f_x, q_x]].T
    AB[f_b, Bv[f_b, q_b] - d, q_b] = 1.0
    z = T[:, d, :]
    if not (np.all(np.isfinite(R)) and np.all(np.isfinite(z))):
        return False
    g_k = (k + 2) * _U / (1 - (k + 2) * _U)
    eye = np.eye(k)
    RA = R @ AB
    Cabs = np.abs(eye - RA) * (1 + 2 * _U)
    Cabs += (2 * g_k) * (np.abs(R) @ np.abs(AB) + eye)
    alpha = Cabs.sum(axis=2).max(axis=1) * (1 + 2 * g_k)
    if not np.all(alpha <= 0.5):
        return False
    absAB = np.abs(AB)
    resid = np.abs(1.0 - (AB @ z[:, :, None])[:, :, 0])
    resid += (2 * g_k) * (1.0 + (absAB @ np.abs(z)[:, :, None])[:, :, 0])
    resid += 1e-300
    err = (np.abs(R) @ resid[:, :, None])[:, :, 0].max(axis=1)
    err = err * (1 + 2 * g_k) / (1 - alpha) * (1 + 1e-6) + 1e-300
    return bool(np.all(z.min(axis=1) > err))


def _compiled_loop() -> Any:
    """The numba-compiled search of :mod:`coercion.solve._polytope_numba`, or None."""
    try:
        from coercion.solve._polytope_numba import float_vertices_loop
    except ImportError:
        return None
    return float_vertices_loop


def float_vertices(
    M: np.ndarray, *, certify: bool = False, tol: float = DEGENERACY_TOL
) -> FloatVertices | None:
    r"""All vertices of :math:`\{z \ge 0, M z \le 1\}` by breadth-first pivoting.

    Parameters
    ----------
    M : numpy.ndarray
        ``(k, d)`` positive float matrix, best scaled so that its entries lie in
        about ``[1/4, 2]``.
    certify : bool
        Prove (rigorously, for the polytope of ``M`` exactly as given) that every
        basis visited is a simple vertex; return None if that fails.
    tol : float
        A basic variable at or below ``tol`` marks the polytope (nearly)
        degenerate: the search then returns None.

    Returns
    -------
    FloatVertices or None
        None when the polytope looks degenerate or the certificate fails.

    Notes
    -----
    The dictionary of a basis is stored as ``T[c, r]``: the coefficient of the
    ``c``-th nonbasic variable in row ``r`` (row ``d`` holds the right-hand
    side). Entering variable ``c`` leaves the row ``r`` minimising
    :math:`\beta_r / T_{cr}` over :math:`T_{cr} > 0`, i.e. maximising
    :math:`T_{cr} / \beta_r` as all :math:`\beta_r > 0`. Each layer computes the
    ``d`` neighbours of every vertex, keeps those not in the previous or current
    layer (a neighbour of layer ``L`` lies in layer ``L-1``, ``L`` or ``L+1``),
    and pivots once per new vertex. The cost is :math:`O(V d k)` for ``V``
    vertices. When numba is installed the same search runs as one compiled
    loop (:mod:`coercion.solve._polytope_numba`), which saves the per-layer
    overhead of numpy on small polytopes; with ``certify`` every basis it
    visited is then proved by the same vectorised bound, in blocks.
    """
    k, d = M.shape
    nvars = d + k
    loop = _compiled_loop() if nvars <= 63 else None
    if loop is not None:
        masks, nonbasic, points, ok, tabs, basic = loop(
            np.ascontiguousarray(M, dtype=np.float64), tol
        )
        if not ok:
            return None
        found = FloatVertices(
            masks=masks.astype(np.uint64),
            nonbasic=nonbasic.astype(np.intp),
            certified=certify,
            points=points,
        )
        if certify:
            basic = basic.astype(np.intp)
            for s in range(0, len(masks), _CHUNK):
                e = min(len(masks), s + _CHUNK)
                T = np.ascontiguousarray(tabs[s:e].transpose(0, 2, 1))
                if not _certify_layer(M, T, found.nonbasic[s:e], basic[s:e]):
                    return None
            if not closure_holds(found.masks, found.nonbasic, _bits(nvars)):
                return None
        return found
    bits = _bits(nvars)
    T = np.empty((1, d + 1, k))
    T[0, :d, :] = M.T
    T[0, d, :] = 1.0
    N = np.arange(d, dtype=np.intp)[None, :]
    Bv = np.arange(d, nvars, dtype=np.intp)[None, :]
    first_mask = sum((1 << v) for v in range(d))
    mask = np.array([first_mask], dtype=bits.dtype)
    masks_out = [mask]
    nonbasic_out = [N]
    prev_cur = mask.copy()
    while True:
        # Ratio test for every (vertex, entering column) at once.
        score = T[:, :d, :] * (1.0 / T[:, d : d + 1, :])
        r = np.argmax(score, axis=2)
        best = np.take_along_axis(score, r[:, :, None], axis=2)[:, :, 0]
        if not np.all(best > 0):
            # An unbounded edge cannot occur in a bounded polytope: numerical
            # breakdown.
            return None
        leave = np.take_along_axis(Bv, r, axis=1)
        cand = ((mask[:, None] ^ bits[N]) | bits[leave]).ravel()
        uniq, pos = _first_of_each(cand, nvars)
        fresh = _not_in(prev_cur, uniq)
        uniq, pos = uniq[fresh], pos[fresh]
        if len(pos) == 0:
            break
        f, c = np.divmod(pos, d)
        rr = r.ravel()[pos]
        G = len(pos)
        T1 = np.empty((G, d + 1, k))
        for s in range(0, G, _CHUNK):
            e = min(G, s + _CHUNK)
            g = np.arange(e - s)
            fs, cs, rs = f[s:e], c[s:e], rr[s:e]
            T0 = T[fs]
            prow = T0[g, :, rs]
            colc = T0[g, cs, :]
            rp = 1.0 / prow[g, cs]
            prow *= rp[:, None]
            prow[g, cs] = rp
            np.subtract(T0, prow[:, :, None] * colc[:, None, :], out=T1[s:e])
            T1[s + g, cs, :] = -colc * rp[:, None]
            T1[s + g, :, rs] = prow
        g = np.arange(G)
        N1 = N[f]
        B1 = Bv[f]
        entering = N1[g, c]
        N1[g, c] = B1[g, rr]
        B1[g, rr] = entering
        rhs_min = T1[:, d, :].min()
        if not (rhs_min > tol):  # also catches NaN
            return None
        if certify and not _certify_layer(M, T1, N1, B1):
            return None
        prev_cur = np.concatenate([mask, uniq])
        prev_cur.sort()
        T, N, Bv, mask = T1, N1, B1, uniq
        masks_out.append(mask)
        nonbasic_out.append(N)
    masks = np.concatenate(masks_out)
    nonbasic = np.concatenate(nonbasic_out)
    if certify and not closure_holds(masks, nonbasic, bits):
        return None
    return FloatVertices(masks=masks, nonbasic=nonbasic, certified=certify)


def closure_holds(masks: np.ndarray, nonbasic: np.ndarray, bits: np.ndarray) -> bool:
    r"""Is the vertex set closed under the edges of a simple polytope?

    An edge of a simple ``d``-polytope is the set where ``d - 1`` of a vertex's
    tight constraints hold; it has exactly two endpoints. So a set of simple
    vertices is closed under adjacency (and hence, the graph being connected,
    is every vertex) iff each ``(d-1)``-subset of a vertex's tight set is
    contained in the tight sets of exactly two vertices of the set.
    """
    if len(np.unique(masks)) != len(masks):
        return False
    edges = (masks[:, None] ^ bits[nonbasic]).ravel()
    _, counts = np.unique(edges, return_counts=True)
    return bool(np.all(counts == 2))


# ---------------------------------------------------------------- exact (robust)
def _lex_leaving(T: list[list[int]], c: int, lexcols: Sequence[int]) -> int:
    """Row leaving the basis when column ``c`` enters, by the lexicographic rule."""
    best = -1
    for r, row in enumerate(T):
        a = row[c]
        if a <= 0:
            continue
        if best < 0:
            best = r
            continue
        b = T[best][c]
        rb = T[best]
        for j in lexcols:
            lhs = row[j] * b
            rhs = rb[j] * a
            if lhs != rhs:
                if lhs < rhs:
                    best = r
                break
    return best


def _pivot(T: list[list[int]], D: int, r: int, c: int) -> list[list[int]]:
    """Integer (fraction-free) pivot on ``(r, c)``; the new denominator is T[r][c]."""
    piv = T[r][c]
    rowr = T[r]
    out = []
    for i, row in enumerate(T):
        if i == r:
            out.append(list(row))
            continue
        f = row[c]
        if f == 0:
            out.append([x * piv // D for x in row])
        else:
            out.append([(x * piv - f * y) // D for x, y in zip(row, rowr)])
    return out


def lex_vertices(M: Sequence[Sequence[int]]) -> list[tuple[tuple[int, ...], int, int]]:
    r"""Every vertex of :math:`\{z \ge 0, M z \le 1\}`, exactly, degenerate or not.

    Parameters
    ----------
    M : sequence of sequences of int
        ``(k, d)`` matrix of positive integers.

    Returns
    -------
    list of (numerators, denominator, tight mask)
        One entry per distinct vertex, in order of discovery: the vertex is
        ``numerators / denominator`` (``d`` ints over one positive int, in
        lowest terms) and ``tight mask`` has bit ``i`` set when
        :math:`z_i = 0` and bit ``d + j`` set when row ``j`` is tight.

    Raises
    ------
    SolverError
        If an edge is unbounded (impossible for positive ``M``).

    Notes
    -----
    Integer pivoting keeps the dictionary as ``D`` times :math:`A_B^{-1}[M
    \mid I \mid 1]` with ``D`` the basis determinant (Edmonds 1967), as lrs
    does. A basis is lexicographically feasible when every row of
    :math:`[\beta \mid A_B^{-1}]` is lexicographically positive; this is the
    feasibility of the perturbed right-hand side :math:`1 + (\varepsilon,
    \varepsilon^2, \dots)`, which makes the polytope simple. The lexicographic
    ratio test has a unique minimiser, so breadth-first search over
    lexicographic pivots visits every lexicographically feasible basis, and every
    vertex of the unperturbed polytope is the basic solution of one of them
    (Avis 2000; Avis, Rosenberg, Savani and von Stengel 2010, Section 4).
    """
    k = len(M)
    d = len(M[0])
    nvars = d + k
    T0 = [
        [int(v) for v in M[r]] + [int(j == r) for j in range(k)] + [1] for r in range(k)
    ]
    lexcols = [nvars, *range(d, nvars)]
    basis0 = list(range(d, nvars))
    key0 = sum(1 << v for v in basis0)
    seen = {key0}
    queue: deque[tuple[list[list[int]], int, list[int], int]] = deque(
        [(T0, 1, basis0, key0)]
    )
    found: dict[tuple[tuple[int, ...], int], int] = {}
    order: list[tuple[tuple[int, ...], int, int]] = []
    while queue:
        T, D, basis, key = queue.popleft()
        z = [0] * nvars
        for r, v in enumerate(basis):
            z[v] = T[r][nvars]
        g = math.gcd(D, *z[:d])
        vkey = (tuple(v // g for v in z[:d]), D // g)
        if vkey not in found:
            tight = sum(1 << v for v in range(nvars) if z[v] == 0)
            found[vkey] = len(order)
            order.append((vkey[0], vkey[1], tight))
        for c in range(nvars):
            if (key >> c) & 1:
                continue
            r = _lex_leaving(T, c, lexcols)
            if r < 0:
                raise SolverError(
                    f"edge of the polytope is unbounded (column {c}); "
                    "the payoff shift did not make it bounded",
                    field="game",
                )
            nkey = key ^ (1 << basis[r]) ^ (1 << c)
            if nkey in seen:
                continue
            seen.add(nkey)
            nbasis = list(basis)
            nbasis[r] = c
            queue.append((_pivot(T, D, r, c), T[r][c], nbasis, nkey))
    return order


def integer_solve(K: Sequence[Sequence[int]]) -> tuple[list[int], int]:
    """Solve ``K x = 1`` exactly for a nonsingular square integer ``K``.

    Returns ``(numerators, den)`` with ``x = numerators / den`` and ``den``
    equal to ``+-det(K)`` (Bareiss fraction-free elimination, Bareiss 1968).

    Raises
    ------
    SolverError
        If ``K`` is singular.
    """
    n = len(K)
    a = [[int(v) for v in row] + [1] for row in K]
    prev = 1
    for p in range(n):
        piv = next((i for i in range(p, n) if a[i][p] != 0), -1)
        if piv < 0:
            raise SolverError("singular support system", field="game")
        if piv != p:
            a[p], a[piv] = a[piv], a[p]
        ap = a[p]
        app = ap[p]
        for i in range(p + 1, n):
            ai = a[i]
            aip = ai[p]
            for j in range(p + 1, n + 1):
                ai[j] = (ai[j] * app - aip * ap[j]) // prev
            ai[p] = 0
        prev = app
    # The last pivot is +-det(K); back substitution with it as the common
    # denominator keeps every intermediate an integer (Cramer's rule).
    det = prev
    x = [0] * n
    for i in range(n - 1, -1, -1):
        s = a[i][n] * det
        for j in range(i + 1, n):
            s -= a[i][j] * x[j]
        x[i] = s // a[i][i]
    return x, det
