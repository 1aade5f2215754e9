"""Numba-compiled kernel of the float Lemke–Howson path (imported only when used).

The same dictionary pivoting and lexicographic ratio test as
:class:`coercion.solve.lemke_howson._Dictionary`, in loop form; compiled on first
use and cached on disk.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["float_path"]


@numba.njit(cache=True)
def _leaving(D, where, k, d, c, piv_tol, ratio_tol, rows, keep):
    """Lexicographic ratio test of ``lemke_howson._Dictionary``, loop form for numba."""
    nrows = 0
    for i in range(k):
        if D[i, c] > piv_tol:
            rows[nrows] = i
            nrows += 1
    if nrows == 0:
        return -1
    for j in range(-1, k):
        w = where[d + j] if j >= 0 else d
        low = np.inf
        for a in range(nrows):
            i = rows[a]
            if j < 0 or w >= 0:
                v = D[i, w] / D[i, c]
            else:
                v = (1.0 if i == -1 - w else 0.0) / D[i, c]
            keep[a] = v
            low = min(low, v)
        bound = low + ratio_tol * max(1.0, abs(low))
        kept = 0
        for a in range(nrows):
            if keep[a] <= bound:
                rows[kept] = rows[a]
                kept += 1
        nrows = kept
        if nrows == 1:
            break
    return rows[0]


@numba.njit(cache=True)
def _pivot(D, basic, nonbasic, where, r, c):
    k, w = D.shape
    inv = 1.0 / D[r, c]
    prow = D[r] * inv
    prow[c] = inv
    for i in range(k):
        if i == r:
            continue
        f = D[i, c]
        if f != 0.0:
            for j in range(w):
                D[i, j] -= f * prow[j]
            D[i, c] = -f * inv
    D[r] = prow
    leaving = basic[r]
    entering = nonbasic[c]
    basic[r] = entering
    nonbasic[c] = leaving
    where[entering] = -1 - r
    where[leaving] = c
    return leaving


@numba.njit(cache=True)
def float_path(MP, MQ, label, max_pivots, piv_tol, ratio_tol):
    """``lemke_howson._float_path`` in loop form; status 0 done, 1 breakdown, 2 too long."""
    n, m = MP.shape
    D0 = np.empty((n, m + 1))
    D0[:, :m] = MP
    D0[:, m] = 1.0
    D1 = np.empty((m, n + 1))
    D1[:, :n] = MQ
    D1[:, n] = 1.0
    basic0 = np.arange(m, m + n)
    nonbasic0 = np.arange(m)
    where0 = np.concatenate((np.arange(m), -1 - np.arange(n)))
    basic1 = np.arange(n, n + m)
    nonbasic1 = np.arange(n)
    where1 = np.concatenate((np.arange(n), -1 - np.arange(m)))
    size = max(m, n)
    rows = np.empty(size, dtype=np.int64)
    keep = np.empty(size)
    t = 0 if label < m else 1
    enter = label if t == 0 else (label - m if label >= m else n + label)
    pivots = 0
    status = 2
    while pivots < max_pivots:
        if t == 0:
            c = where0[enter]
            r = _leaving(D0, where0, n, m, c, piv_tol, ratio_tol, rows, keep)
            if r < 0:
                status = 1
                break
            leaving = _pivot(D0, basic0, nonbasic0, where0, r, c)
            left = leaving
        else:
            c = where1[enter]
            r = _leaving(D1, where1, m, n, c, piv_tol, ratio_tol, rows, keep)
            if r < 0:
                status = 1
                break
            leaving = _pivot(D1, basic1, nonbasic1, where1, r, c)
            left = m + leaving if leaving < n else leaving - n
        pivots += 1
        if left == label:
            status = 0
            break
        t = 1 - t
        enter = left if t == 0 else (left - m if left >= m else n + left)
    x = np.zeros(m)
    for r in range(n):
        if basic0[r] < m:
            x[basic0[r]] = D0[r, m]
    y = np.zeros(n)
    for r in range(m):
        if basic1[r] < n:
            y[basic1[r]] = D1[r, n]
    return x, y, pivots, status
