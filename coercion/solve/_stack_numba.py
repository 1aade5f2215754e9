"""Numba-compiled kernel of the 2 x 2 stack solver (imported only when used).

The same sign-case tables and formulas as :mod:`coercion.solve.stack`, one pass
over the games in loop form; compiled on first use and cached on disk.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["sign_cases", "fill_2x2"]


@numba.njit(cache=True)
def _sign(v: float) -> int:
    return 1 if v > 0 else (-1 if v < 0 else 0)


@numba.njit(cache=True)
def sign_cases(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """The sign case ``0 .. 80`` of each game (see ``stack._sign_tables``)."""
    K = A.shape[0]
    out = np.empty(K, dtype=np.int8)
    for k in range(K):
        out[k] = (
            40
            + 27 * _sign(A[k, 0, 0] - A[k, 1, 0])
            + 9 * _sign(A[k, 0, 1] - A[k, 1, 1])
            + 3 * _sign(B[k, 0, 0] - B[k, 0, 1])
            + _sign(B[k, 1, 0] - B[k, 1, 1])
        )
    return out


@numba.njit(cache=True)
def fill_2x2(
    A: np.ndarray,
    B: np.ndarray,
    cases: np.ndarray,
    count_t: np.ndarray,
    pmixed_t: np.ndarray,
    pvalue_t: np.ndarray,
    qmixed_t: np.ndarray,
    qvalue_t: np.ndarray,
    comp_t: np.ndarray,
    continuum_t: np.ndarray,
    degenerate_t: np.ndarray,
    p_out: np.ndarray,
    q_out: np.ndarray,
    payoffs: np.ndarray,
    regrets: np.ndarray,
    component: np.ndarray,
    count: np.ndarray,
    continuum: np.ndarray,
    degenerate: np.ndarray,
    tol: np.ndarray,
) -> None:
    """Fill the (K, E, ...) result arrays of ``stack.StackSolution``.

    ``p_out`` and ``q_out`` get each player's probability of its first
    strategy.
    """
    K = A.shape[0]
    E = p_out.shape[1]
    for k in range(K):
        A00, A01, A10, A11 = A[k, 0, 0], A[k, 0, 1], A[k, 1, 0], A[k, 1, 1]
        B00, B01, B10, B11 = B[k, 0, 0], B[k, 0, 1], B[k, 1, 0], B[k, 1, 1]
        c = cases[k]
        cnt = count_t[c]
        count[k] = cnt
        continuum[k] = continuum_t[c]
        degenerate[k] = degenerate_t[c]
        a1 = A00 - A10
        a2 = A01 - A11
        b1 = B00 - B01
        b2 = B10 - B11
        for s in range(E):
            if s >= cnt:
                p_out[k, s] = np.nan
                q_out[k, s] = np.nan
                for i in range(2):
                    payoffs[k, s, i] = np.nan
                    regrets[k, s, i] = np.nan
                component[k, s] = -1
                continue
            p = b2 / (b2 - b1) if pmixed_t[c, s] else pvalue_t[c, s]
            q = a2 / (a2 - a1) if qmixed_t[c, s] else qvalue_t[c, s]
            r1 = (A10 - A11) * q + A11
            r0 = (A00 - A01) * q + A01
            u1 = (r0 - r1) * p + r1
            c1 = (B01 - B11) * p + B11
            c0 = (B00 - B10) * p + B10
            u2 = (c0 - c1) * q + c1
            p_out[k, s] = p
            q_out[k, s] = q
            payoffs[k, s, 0] = u1
            payoffs[k, s, 1] = u2
            regrets[k, s, 0] = max(r0, r1) - u1
            regrets[k, s, 1] = max(c0, c1) - u2
            component[k, s] = comp_t[c, s]
        lo = min(A00, A01, A10, A11, B00, B01, B10, B11)
        hi = max(A00, A01, A10, A11, B00, B01, B10, B11)
        tol[k] = 1e-9 * max(1.0, hi - lo)
