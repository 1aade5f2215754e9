"""Numba-compiled float vertex search of ``{z >= 0, M z <= 1}`` (imported when used).

The uncertified search of :func:`coercion.solve._polytope.float_vertices` in
loop form: breadth first over the vertex graph by simplex pivoting, stopping at
the first (nearly) degenerate vertex. Compiled on first use, cached on disk.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["float_vertices_loop"]


@numba.njit(cache=True)
def float_vertices_loop(
    M: np.ndarray, tol: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool, np.ndarray, np.ndarray]:
    """Masks ``(V,)``, nonbasic variables ``(V, d)``, points ``(V, d)`` and more.

    Returns ``(masks, nonbasic, points, ok, tableaux, basic)``: the tight set
    of each vertex as a bitmask, its nonbasic and basic variables, its point,
    and its dictionary ``tableaux[v, r, c]`` (coefficient of the ``c``-th
    nonbasic variable in row ``r``; column ``d`` holds the basic values).
    ``ok`` is False when the search met a basic variable at or
    below ``tol`` or an unbounded edge (then the arrays are empty). Needs
    ``d + k <= 63``.
    """
    k, d = M.shape
    cap = 1024
    tabs = np.empty((cap, k, d + 1))
    nonb = np.empty((cap, d), dtype=np.int64)
    basic = np.empty((cap, k), dtype=np.int64)
    masks = np.empty(cap, dtype=np.int64)
    tabs[0, :, :d] = M
    tabs[0, :, d] = 1.0
    first = 0
    for i in range(d):
        nonb[0, i] = i
        first |= 1 << i
    for r in range(k):
        basic[0, r] = d + r
    masks[0] = first
    seen = {first: 0}
    count = 1
    head = 0
    while head < count:
        for c in range(d):
            # ratio test: leave the row maximising D[r, c] / beta_r
            best = -1
            score = 0.0
            for r in range(k):
                s = tabs[head, r, c] / tabs[head, r, d]
                if s > score:
                    score = s
                    best = r
            if best < 0:
                return masks[:0], nonb[:0], np.zeros((0, d)), False, tabs[:0], basic[:0]
            mask = (masks[head] ^ (1 << nonb[head, c])) | (1 << basic[head, best])
            if mask in seen:
                continue
            if count == cap:
                cap *= 2
                t2 = np.empty((cap, k, d + 1))
                t2[:count] = tabs[:count]
                tabs = t2
                n2 = np.empty((cap, d), dtype=np.int64)
                n2[:count] = nonb[:count]
                nonb = n2
                b2 = np.empty((cap, k), dtype=np.int64)
                b2[:count] = basic[:count]
                basic = b2
                m2 = np.empty(cap, dtype=np.int64)
                m2[:count] = masks[:count]
                masks = m2
            new = count
            count += 1
            seen[mask] = new
            masks[new] = mask
            src = tabs[head]
            dst = tabs[new]
            inv = 1.0 / src[best, c]
            low = np.inf
            for r in range(k):
                if r == best:
                    continue
                f = src[r, c]
                for j in range(d + 1):
                    dst[r, j] = src[r, j] - f * inv * src[best, j]
                dst[r, c] = -f * inv
                low = min(low, dst[r, d])
            for j in range(d + 1):
                dst[best, j] = src[best, j] * inv
            dst[best, c] = inv
            low = min(low, dst[best, d])
            if not low > tol:
                return masks[:0], nonb[:0], np.zeros((0, d)), False, tabs[:0], basic[:0]
            for j in range(d):
                nonb[new, j] = nonb[head, j]
            for r in range(k):
                basic[new, r] = basic[head, r]
            nonb[new, c] = basic[head, best]
            basic[new, best] = nonb[head, c]
        head += 1
    points = np.zeros((count, d))
    for v in range(count):
        for r in range(k):
            if basic[v, r] < d:
                points[v, basic[v, r]] = tabs[v, r, d]
    return masks[:count], nonb[:count], points, True, tabs[:count], basic[:count]
