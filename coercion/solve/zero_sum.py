r"""Value and optimal strategies of two-player zero-sum and constant-sum games.

For a matrix game :math:`A` (the row player's payoffs; the column player gets
:math:`c - A` for a constant :math:`c`, zero for zero-sum games) the value is

.. math:: v = \max_{x \in \Delta_m} \min_{j} (x^\top A)_j
            = \min_{y \in \Delta_n} \max_{i} (A y)_i

(von Neumann's minimax theorem), and the optimal strategies are the solutions of
the two linear programs

.. math::

    \max\{v : A^\top x \ge v \mathbf 1,\ \mathbf 1^\top x = 1,\ x \ge 0\}, \qquad
    \min\{w : A y \le w \mathbf 1,\ \mathbf 1^\top y = 1,\ y \ge 0\},

solved here with HiGHS (scipy's ``linprog``). Every pair of optimal strategies is
a Nash equilibrium and conversely.

Examples
--------
>>> import coercion as co
>>> from coercion.solve.zero_sum import solve_zero_sum
>>> rps = co.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
>>> sol = solve_zero_sum(rps)
>>> sol.value
Fraction(0, 1)
>>> sol.row_strategy
{'1': Fraction(1, 3), '2': Fraction(1, 3), '3': Fraction(1, 3)}
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
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
from coercion.solve._result import Equilibrium, EquilibriumSet, make_equilibrium

__all__ = ["solve_zero_sum", "ZeroSumSolution", "zero_sum_equilibria"]

METHOD_FLOAT = "zero-sum LP (HiGHS, certified)"
METHOD_EXACT = "zero-sum LP (HiGHS, exact)"


@dataclass(frozen=True)
class ZeroSumSolution:
    """The value of a two-player constant-sum game and a pair of optimal strategies.

    Attributes
    ----------
    value : Fraction or float
        The row player's value :math:`v`; the column player's is
        ``constant - value``.
    constant : Fraction or float
        The constant sum of the two players' payoffs (0 for zero-sum games).
    equilibrium : Equilibrium
        The optimal strategies as an equilibrium, with its certificate (regret
        exactly 0 for exact solutions).
    exact : bool
        Whether value and strategies are exact rationals.
    method : str
        How it was found.
    """

    value: Any
    constant: Any
    equilibrium: Equilibrium
    exact: bool
    method: str

    @property
    def row_strategy(self) -> dict[str, Any]:
        """The row player's optimal (maximin) strategy as ``{label: probability}``."""
        return self.equilibrium.strategy(0)

    @property
    def column_strategy(self) -> dict[str, Any]:
        """The column player's optimal (minimax) strategy."""
        return self.equilibrium.strategy(1)

    def __repr__(self) -> str:
        v = self.value
        shown = str(v) if self.exact else f"{float(v):.10g}"
        return f"<ZeroSumSolution value={shown} {self.equilibrium!r}>"


# ---------------------------------------------------------------- checks
def _check(game: Any, exact: Any, tol: Any) -> None:
    if not isinstance(game, NormalFormGame):
        raise NotSupportedError(
            f"{type(game).__name__} is not a NormalFormGame", field="game"
        )
    if game.n_players != 2:
        raise NotSupportedError(
            f"game has {game.n_players} players; a matrix game needs 2",
            field="game",
        )
    if not game.is_constant_sum():
        raise NotSupportedError(
            "game is not constant-sum (payoffs do not add up to one constant); "
            "use co.solve(game) for general games",
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


# ---------------------------------------------------------------- LP
def _maximin(M: np.ndarray) -> np.ndarray:
    """Optimal mixed strategy of the maximiser of ``M`` (rows) by HiGHS."""
    from scipy.optimize import linprog

    m, n = M.shape
    # Variables (x_1..x_m, v); maximise v subject to v - (M^T x)_j <= 0.
    c = np.zeros(m + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-M.T, np.ones((n, 1))])
    A_eq = np.zeros((1, m + 1))
    A_eq[0, :m] = 1.0
    bounds = [(0, None)] * m + [(None, None)]
    res = linprog(
        c,
        A_ub=A_ub,
        b_ub=np.zeros(n),
        A_eq=A_eq,
        b_eq=[1.0],
        bounds=bounds,
        method="highs-ds",
    )
    if res.status != 0:
        raise SolverError(f"HiGHS failed: {res.message}", field="game")
    x = np.clip(res.x[:m], 0.0, None)
    return x / x.sum()


def _float_solution(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # Scale to [0, 1] so that HiGHS's absolute tolerances are relative ones.
    lo, hi = float(A.min()), float(A.max())
    M = (A - lo) / (hi - lo) if hi > lo else np.zeros_like(A)
    x = _maximin(M)
    y = _maximin(-M.T)
    return x, y


# ---------------------------------------------------------------- exact recovery
def _integer_matrix(A: np.ndarray) -> tuple[list[list[int]], int]:
    """``(N, D)``: the exact matrix ``A`` as ints ``N`` over one denominator ``D``."""
    rows = [[Fraction(v) for v in row] for row in A.tolist()]
    den = math.lcm(*(v.denominator for row in rows for v in row))
    return [[v.numerator * (den // v.denominator) for v in row] for row in rows], den


def _bareiss_solve(K: list[list[int]], b: list[int]) -> tuple[list[int], int] | None:
    """Solve the square integer system ``K z = b`` exactly: ``(numerators, det)``.

    Fraction-free Gaussian elimination (Bareiss 1968): every intermediate is an
    integer (a minor of ``[K | b]``), the last pivot is ``+-det(K)``, and
    ``z = numerators / det`` with ``det > 0``. None when ``K`` is singular.
    """
    n = len(K)
    a = np.empty((n, n + 1), dtype=object)
    a[:, :n] = K
    a[:, n] = b
    prev = 1
    for p in range(n):
        nonzero = np.flatnonzero(a[p:, p] != 0)
        if len(nonzero) == 0:
            return None
        piv = p + int(nonzero[0])
        if piv != p:
            a[[p, piv]] = a[[piv, p]]
        app = a[p, p]
        # one vectorised update of the trailing block (object arrays of ints)
        a[p + 1 :, p + 1 :] = (
            a[p + 1 :, p + 1 :] * app - np.multiply.outer(a[p + 1 :, p], a[p, p + 1 :])
        ) // prev
        a[p + 1 :, p] = 0
        prev = app
    det = int(prev)
    rows = a.tolist()
    z = [0] * n
    for i in range(n - 1, -1, -1):
        acc = rows[i][n] * det
        for j in range(i + 1, n):
            acc -= rows[i][j] * z[j]
        z[i] = acc // rows[i][i]
    if det < 0:
        z, det = [-v for v in z], -det
    return z, det


def _exact_maximin(
    N: list[list[int]],
    den: int,
    x_float: np.ndarray,
    scale_tol: float,
) -> tuple[list[Fraction], Fraction] | None:
    """Exact optimal strategy of the maximiser near ``x_float``, or None.

    ``N / den`` is the exact payoff matrix. The float optimum (a vertex, from
    the dual simplex) fixes the support :math:`S` of ``x`` and the columns
    :math:`J` that hold the row player's guarantee with equality; the exact
    vertex solves :math:`x_S^\top A_{S,J} = v`, :math:`\\mathbf 1^\top x_S = 1`
    (a square subsystem of full rank, chosen by QR with column pivoting on the
    float system), in integers; it is then verified exactly: ``x >= 0`` and
    :math:`\\min_j (x^\top A)_j = v`, which proves that ``x`` guarantees ``v``.
    """
    from scipy.linalg import qr

    m, n = len(N), len(N[0])
    Af = np.array(N, dtype=np.float64) / den
    support = [i for i in range(m) if x_float[i] > 1e-9]
    guarantee = x_float @ Af
    v_float = float(guarantee.min())
    tight = [j for j in range(n) if guarantee[j] - v_float <= scale_tol]
    k = len(support)
    if len(tight) < k:
        return None
    # Rows of the system in unknowns (x_S, w) with w = v * den.
    system = [[N[i][j] for i in support] + [-1] for j in tight]
    system.append([1] * k + [0])
    rhs = [0] * len(tight) + [1]
    if len(system) > k + 1:
        scaled = np.array(system, dtype=np.float64)
        scaled[:, :k] /= den
        _, R, order = qr(scaled.T, pivoting=True, mode="economic")
        if abs(R[k, k]) <= 1e-12 * abs(R[0, 0]):
            return None
        chosen = sorted(order[: k + 1].tolist())
        system = [system[r] for r in chosen]
        rhs = [rhs[r] for r in chosen]
    solved = _bareiss_solve(system, rhs)
    if solved is None:
        return None
    z, det = solved
    if any(v < 0 for v in z[:k]):
        return None
    w_num = z[k]
    # exact check of the guarantee: min_j sum_i N[i][j] z_i == w_num
    if min(sum(N[i][j] * zi for i, zi in zip(support, z)) for j in range(n)) != w_num:
        return None
    x = [Fraction(0)] * m
    for i, zi in zip(support, z):
        x[i] = Fraction(zi, det)
    return x, Fraction(w_num, det * den)


def _exact_solution(
    game: NormalFormGame, x_float: np.ndarray, y_float: np.ndarray
) -> tuple[list[Fraction], list[Fraction], Fraction] | None:
    N, den = _integer_matrix(game.payoffs[0])
    NT = [[-v for v in col] for col in zip(*N)]  # the column player maximises -A^T
    rng = float(game.payoff_range()) or 1.0
    for rel in (1e-9, 1e-7, 1e-5):
        xs = _exact_maximin(N, den, x_float, rel * rng)
        ys = _exact_maximin(NT, den, y_float, rel * rng)
        if xs is not None and ys is not None and xs[1] == -ys[1]:
            return xs[0], ys[0], xs[1]
    return None


# ---------------------------------------------------------------- public
def solve_zero_sum(
    game: NormalFormGame, *, exact: bool | None = None, tol: float | None = None
) -> ZeroSumSolution:
    r"""Value and optimal strategies of a two-player zero-sum (or constant-sum) game.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game whose payoffs add up to the same constant at every
        profile (:meth:`NormalFormGame.is_constant_sum`).
    exact : bool, optional
        Exact rational value and strategies (the default for exact games) or
        floating point (the default for float games).
    tol : float, optional
        Float path: largest regret accepted by the certificate (default
        ``game.default_tol()``).

    Returns
    -------
    ZeroSumSolution
        ``value`` (the row player's), ``constant`` (the constant sum) and
        ``equilibrium``: the pair of optimal strategies with its certificate.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a two-player constant-sum :class:`NormalFormGame`.
    InvalidParameterError
        If ``exact`` is not a bool or None, or ``tol`` is negative or not finite.
    SolverError
        If the linear program fails, or the float solution fails its
        certificate.

    Examples
    --------
    Matching pennies with a payoff of 3 for matching heads: both players mix
    1/3, 2/3 and the value is 1/3 (indifference: 4p - 1 = 1 - 2p).

    >>> import coercion as co
    >>> from coercion.solve.zero_sum import solve_zero_sum
    >>> g = co.NormalFormGame.from_bimatrix([[3, -1], [-1, 1]])
    >>> sol = solve_zero_sum(g)
    >>> sol.value, sol.row_strategy, sol.column_strategy
    (Fraction(1, 3), {'1': Fraction(1, 3), '2': Fraction(2, 3)}, {'1': Fraction(1, 3), '2': Fraction(2, 3)})
    >>> sol.equilibrium.max_regret
    Fraction(0, 1)
    >>> solve_zero_sum(g.to_float()).value  # doctest: +NUMBER
    0.333333

    Notes
    -----
    Both linear programs are solved by HiGHS's dual simplex (Huangfu and Hall
    2018) on the payoffs scaled to ``[0, 1]``, which returns vertex solutions.
    For exact games the exact vertex is then recovered from the float one:
    its support and its tight constraints give a square (or consistent
    overdetermined) linear system, solved in Fractions and verified exactly
    (non-negativity and the guarantee :math:`\min_j (x^\top A)_j = v` for the
    row player, likewise for the column player, and the two values equal: by
    weak duality this *proves* optimality). Should that fail (a nearly
    degenerate game that fooled the float tolerances), the exact vertex
    enumeration of :func:`~coercion.solve.enumeration.enumerate_equilibria`
    supplies an exact equilibrium instead. A constant-sum game with sum ``c`` has the same optimal
    strategies as the zero-sum game :math:`(A, -A)`.

    References
    ----------
    .. [1] J. von Neumann, "Zur Theorie der Gesellschaftsspiele", Math.
       Annalen 100 (1928), 295-320.
    .. [2] G. B. Dantzig, "A proof of the equivalence of the programming
       problem and the game problem", in Activity Analysis of Production and
       Allocation (1951), 330-335.
    .. [3] Q. Huangfu and J. A. J. Hall, "Parallelizing the dual revised
       simplex method", Math. Prog. Computation 10 (2018), 119-142.
    """
    _check(game, exact, tol)
    use_exact = game.is_exact if exact is None else bool(exact)
    target = game.to_exact() if use_exact else game.to_float()
    A = target.payoffs[0]
    constant = target.payoffs[0].flat[0] + target.payoffs[1].flat[0]
    x_f, y_f = _float_solution(np.asarray(A, dtype=np.float64))
    if use_exact:
        found = _exact_solution(target, x_f, y_f)
        if found is None:
            from coercion.solve.enumeration import enumerate_equilibria

            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DegenerateGameWarning)
                first = enumerate_equilibria(target, exact=True)[0]
            x, y = list(first.profile[0]), list(first.profile[1])
            value = first.payoffs[0]
        else:
            x, y, value = found
        eq = make_equilibrium(
            target,
            [np.array(x, dtype=object), np.array(y, dtype=object)],
            method=METHOD_EXACT,
        )
        method = METHOD_EXACT
    else:
        eq = make_equilibrium(target, [x_f, y_f], method=METHOD_FLOAT, tol=tol)
        value = eq.payoffs[0]
        method = METHOD_FLOAT
        constant = float(constant)
    if not eq.is_certified:
        raise SolverError(
            f"optimal strategies failed their certificate (regret "
            f"{eq.max_regret!r} > {eq.tol!r}); try exact=True",
            field="game",
        )
    return ZeroSumSolution(
        value=value, constant=constant, equilibrium=eq, exact=use_exact, method=method
    )


def zero_sum_equilibria(
    game: NormalFormGame, *, exact: bool | None = None, tol: float | None = None
) -> EquilibriumSet:
    """One equilibrium (a pair of optimal strategies) as an :class:`EquilibriumSet`.

    The form :func:`coercion.solve` uses; see :func:`solve_zero_sum` for the
    value. ``info["value"]`` holds the row player's value.

    Parameters
    ----------
    game : NormalFormGame
        A two-player constant-sum game.
    exact : bool, optional
        As in :func:`solve_zero_sum`.
    tol : float, optional
        As in :func:`solve_zero_sum`.

    Returns
    -------
    EquilibriumSet
        One certified equilibrium, ``complete=False``.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a two-player constant-sum game.
    InvalidParameterError
        If ``exact`` or ``tol`` is invalid.
    SolverError
        If the linear program fails.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.solve.zero_sum import zero_sum_equilibria
    >>> eqs = zero_sum_equilibria(co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]]))
    >>> eqs.info["value"], eqs[0].to_dict()["profile"]
    (Fraction(0, 1), [['1/2', '1/2'], ['1/2', '1/2']])
    """
    sol = solve_zero_sum(game, exact=exact, tol=tol)
    return EquilibriumSet(
        sol.equilibrium.game,
        [sol.equilibrium],
        method=sol.method,
        exact=sol.exact,
        complete=False,
        info={"value": sol.value, "constant": sol.constant},
    )
