"""Numba-compiled kernel of shortfall propagation (imported only when used).

The same fixed point as :func:`coercion.supply.propagation.propagate_shortfall`
and the same period loop as ``_propagate_with_stocks``, in loop form: on the
small graphs of the bundled cases the numpy path spends its time in per-call
overhead (a sparse product and a dozen array operations per iteration), which
one compiled call per cut removes. Every arithmetic step is written in the same
order as the numpy path (sparse rows summed in index order from 0, the same
CES branches and clips), so the results agree to rounding. Compiled on first
use and cached on disk.
"""

from __future__ import annotations

import math

import numba
import numpy as np

__all__ = ["fixed_point", "with_stocks"]


@numba.njit(cache=True, error_model="numpy")
def _ces(s: float, w: float, cls: int, rho: float) -> float:
    """``_ces_rows`` for one edge (``s`` in [0, 1] or nan)."""
    if cls == 1:
        out = s**w
    elif cls == 2:
        out = w * s + 1.0 - w
    elif rho < 0:
        if w <= 0:
            out = 1.0
        else:
            out = s * (w + (1.0 - w) * s ** (-rho)) ** (1.0 / rho)
    else:
        out = (w * s**rho + 1.0 - w) ** (1.0 / rho)
    if s >= 1.0:
        return 1.0
    if math.isnan(s):  # the numpy path leaves such rows alone
        return s
    if math.isnan(out):
        return 0.0
    if out < 0.0:
        return 0.0
    if out > 1.0:
        return 1.0
    return out


@numba.njit(cache=True, error_model="numpy")
def fixed_point(
    indptr: np.ndarray,
    indices: np.ndarray,
    data: np.ndarray,
    use: np.ndarray,
    in_src: np.ndarray,
    in_dst: np.ndarray,
    share: np.ndarray,
    cls: np.ndarray,
    rho: np.ndarray,
    d: np.ndarray,
    b: np.ndarray,
    has_buffer: bool,
    tol: float,
    limit: int,
    sigma: np.ndarray,
    alpha: np.ndarray,
) -> bool:
    """Fill ``sigma``, ``alpha`` (n, K) with the fixed point; False if capped.

    ``indptr, indices, data`` is the CSR form of the transposed flow matrix
    (row ``j``: the flows into node ``j``); ``b`` (n, K) the buffers.
    """
    n, K = d.shape
    m = in_src.size
    new = np.empty((n, K))
    for i in range(n):
        for k in range(K):
            alpha[i, k] = 1.0
            sigma[i, k] = 1.0 - d[i, k] if use[i] > 0 else 1.0
    for _ in range(limit):
        for i in range(n):
            for k in range(K):
                if use[i] > 0:
                    lost = 0.0
                    for jj in range(indptr[i], indptr[i + 1]):
                        lost += data[jj] * (1.0 - alpha[indices[jj], k])
                    s = 1.0 - lost / use[i] - d[i, k]
                else:
                    s = 1.0
                if s < 0.0:
                    s = 0.0
                elif s > 1.0:
                    s = 1.0
                if has_buffer:
                    s = s + b[i, k]
                    if s > 1.0:
                        s = 1.0
                sigma[i, k] = s
                new[i, k] = 1.0
        for e in range(m):
            src = in_src[e]
            dst = in_dst[e]
            c = cls[e]
            for k in range(K):
                p = sigma[src, k]
                if c != 0:
                    p = _ces(p, share[e], c, rho[e])
                a = new[dst, k]
                # np.minimum: nan wins
                if p < a or math.isnan(p):
                    new[dst, k] = p
        diff = 0.0
        for i in range(n):
            for k in range(K):
                x = abs(new[i, k] - alpha[i, k])
                if x > diff or math.isnan(x):
                    diff = x
                alpha[i, k] = new[i, k]
        if diff <= tol:
            return True
    return False


@numba.njit(cache=True, error_model="numpy")
def with_stocks(
    indptr: np.ndarray,
    indices: np.ndarray,
    data: np.ndarray,
    use: np.ndarray,
    in_src: np.ndarray,
    in_dst: np.ndarray,
    share: np.ndarray,
    cls: np.ndarray,
    rho: np.ndarray,
    direct: np.ndarray,
    stock: np.ndarray,
    dt: np.ndarray,
    tol: float,
    limit: int,
    sigma: np.ndarray,
    alpha: np.ndarray,
) -> int:
    """Period by period, as ``_propagate_with_stocks``; returns periods capped."""
    n, K = direct.shape
    left = stock.copy()
    d = np.empty((n, 1))
    b = np.empty((n, 1))
    s_k = np.empty((n, 1))
    a_k = np.empty((n, 1))
    capped = 0
    for k in range(K):
        for i in range(n):
            d[i, 0] = direct[i, k]
            b[i, 0] = left[i] / dt[k] / use[i] if use[i] > 0 else 0.0
        ok = fixed_point(
            indptr,
            indices,
            data,
            use,
            in_src,
            in_dst,
            share,
            cls,
            rho,
            d,
            b,
            True,
            tol,
            limit,
            s_k,
            a_k,
        )
        if not ok:
            capped += 1
        for i in range(n):
            if use[i] > 0:
                lost = 0.0
                for jj in range(indptr[i], indptr[i + 1]):
                    lost += data[jj] * (1.0 - a_k[indices[jj], 0])
                raw = 1.0 - lost / use[i] - d[i, 0]
            else:
                raw = 1.0
            if raw < 0.0:
                raw = 0.0
            elif raw > 1.0:
                raw = 1.0
            x = s_k[i, 0] - raw
            if x < 0.0:
                x = 0.0
            drawn = x * use[i] * dt[k]
            x = left[i] - drawn
            left[i] = 0.0 if x < 0.0 else x
            sigma[i, k] = s_k[i, 0]
            alpha[i, k] = a_k[i, 0]
    return capped
