r"""One Nash equilibrium of a two-player game by the Lemke–Howson algorithm.

With the payoffs shifted to positive entries, a bimatrix game :math:`(A, B)`
has the best-response polytopes

.. math::

    P = \{x \ge 0 : B^\top x \le 1\}, \qquad Q = \{y \ge 0 : A y \le 1\},

whose points carry the labels of :mod:`coercion.solve.enumeration`: label
:math:`i < m` when :math:`x_i = 0` or row :math:`i` is a best response to
:math:`y`, label :math:`m + j` when :math:`y_j = 0` or column :math:`j` is a
best response to :math:`x`. Starting from the artificial equilibrium
:math:`(0, 0)` and dropping one label ``k``, the algorithm follows the unique
path of ``k``-almost completely labelled pairs by complementary pivoting until
a completely labelled pair, a Nash equilibrium, is reached (Lemke and Howson
1964; von Stengel 2007, Section 3.4).

Examples
--------
>>> import coercion as co
>>> from coercion.solve.lemke_howson import lemke_howson
>>> bos = co.NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
>>> [e.to_dict()["profile"] for e in lemke_howson(bos)]
[[['1', '0'], ['1', '0']]]
>>> [e.to_dict()["profile"] for e in lemke_howson(bos, all_labels=True)]
[[['1', '0'], ['1', '0']], [['0', '1'], ['0', '1']]]
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coercion.errors import InvalidParameterError, NotSupportedError, SolverError
from coercion.game.normal_form import NormalFormGame
from coercion.solve._result import Equilibrium, EquilibriumSet, make_equilibrium

__all__ = ["lemke_howson"]

METHOD_EXACT = "lemke-howson (exact)"
METHOD_FLOAT = "lemke-howson (float, certified)"

_PIVOT_TOL = 1e-12  # pivot-column entries at or below this are treated as 0
_RATIO_TOL = 1e-12  # ratios closer than this (relatively) are ties
_MAX_FLOAT_PIVOTS = 200_000  # then the float path gives up for the exact one


# ---------------------------------------------------------------- labels
# Polytope P has variables 0..m-1 (x_i, label i) and m..m+n-1 (slack of
# column j, label m + j); polytope Q has variables 0..n-1 (y_j, label m + j)
# and n..n+m-1 (slack of row i, label i). Each tableau row r is
# ``[M | I | 1]`` times the inverse of the basis, as in
# coercion.solve._polytope.
def _label(t: int, v: int, m: int, n: int) -> int:
    if t == 0:
        return v
    return m + v if v < n else v - n


def _variable(t: int, label: int, m: int, n: int) -> int:
    if t == 0:
        return label
    return label - m if label >= m else n + label


# ---------------------------------------------------------------- exact kernel
def _exact_leaving(T: np.ndarray, c: int, lexcols: Sequence[int]) -> int:
    """Leaving row by the lexicographic minimum-ratio rule, exactly."""
    rows = [r for r in range(T.shape[0]) if T[r, c] > 0]
    if not rows:
        return -1
    best = rows[0]
    for r in rows[1:]:
        a, b = T[r, c], T[best, c]
        for j in lexcols:
            lhs = T[r, j] * b
            rhs = T[best, j] * a
            if lhs != rhs:
                if lhs < rhs:
                    best = r
                break
    return best


def _exact_path(
    MP: list[list[int]], MQ: list[list[int]], label: int
) -> tuple[list[int], list[int], int]:
    """Integer (fraction-free) complementary pivoting from ``label``.

    Returns the numerators of ``x`` and ``y`` (each over an arbitrary common
    denominator) and the number of pivots.
    """
    n, m = len(MP), len(MP[0])
    tabs, dens, bases, lexcols = [], [], [], []
    for M in (MP, MQ):
        k, d = len(M), len(M[0])
        T = np.empty((k, d + k + 1), dtype=object)
        T[:, :d] = [[int(v) for v in row] for row in M]
        T[:, d : d + k] = [[int(i == r) for i in range(k)] for r in range(k)]
        T[:, d + k] = 1
        tabs.append(T)
        dens.append(1)
        bases.append(list(range(d, d + k)))
        lexcols.append([d + k, *range(d, d + k)])
    t = 0 if label < m else 1
    enter = _variable(t, label, m, n)
    pivots = 0
    while True:
        T = tabs[t]
        r = _exact_leaving(T, enter, lexcols[t])
        if r < 0:
            raise SolverError(
                f"unbounded edge at label {label}: the payoff shift failed",
                field="game",
            )
        piv = T[r, enter]
        rowr = T[r].copy()
        new = (T * piv - np.multiply.outer(T[:, enter], rowr)) // dens[t]
        new[r] = rowr
        tabs[t] = new
        dens[t] = piv
        leaving = bases[t][r]
        bases[t][r] = enter
        pivots += 1
        left = _label(t, leaving, m, n)
        if left == label:
            break
        t = 1 - t
        enter = _variable(t, left, m, n)
    out = []
    for t, d in ((0, m), (1, n)):
        nums = [0] * d
        for r, v in enumerate(bases[t]):
            if v < d:
                nums[v] = int(tabs[t][r, -1])
        out.append(nums)
    return out[0], out[1], pivots


# ---------------------------------------------------------------- float kernel
class _Dictionary:
    """A simplex dictionary ``z_B = beta - D z_N`` of ``{z >= 0, M z <= 1}``.

    ``D[:, :d]`` holds the coefficients of the ``d`` nonbasic variables and
    ``D[:, d]`` the values ``beta`` of the ``k`` basic ones; half the size of
    the full tableau, whose other columns (those of the basic variables) are
    unit vectors.
    """

    def __init__(self, M: np.ndarray) -> None:
        k, d = M.shape
        self.k, self.d = k, d
        self.D = np.empty((k, d + 1))
        self.D[:, :d] = M
        self.D[:, d] = 1.0
        self.nonbasic = np.arange(d)
        self.basic = np.arange(d, d + k)
        # position of each variable: its column if nonbasic, else -1 - its row
        self.where = np.concatenate([np.arange(d), -1 - np.arange(k)])

    def leaving_row(self, c: int) -> int:
        """Lexicographic minimum-ratio test for entering column ``c``."""
        D, d = self.D, self.d
        col = D[:, c]
        rows = np.flatnonzero(col > _PIVOT_TOL)
        if len(rows) == 0:
            return -1
        piv = col[rows]
        ratios = D[rows, d] / piv
        for j in range(-1, self.k):
            if j >= 0:
                # column j of the basis inverse: the column of slack j
                w = self.where[d + j]
                if w >= 0:
                    ratios = D[rows, w] / piv
                else:
                    ratios = (rows == -1 - w) / piv
            low = ratios.min()
            keep = ratios <= low + _RATIO_TOL * max(1.0, abs(low))
            rows, piv = rows[keep], piv[keep]
            if len(rows) == 1:
                break
        return int(rows[0])

    def pivot(self, r: int, c: int) -> int:
        """Exchange basic row ``r`` and nonbasic column ``c``; the leaving var."""
        D = self.D
        col = D[:, c].copy()
        inv = 1.0 / col[r]
        prow = D[r] * inv
        prow[c] = inv
        D -= np.multiply.outer(col, prow)
        D[r] = prow
        D[:, c] = col * -inv
        D[r, c] = inv
        leaving = int(self.basic[r])
        entering = int(self.nonbasic[c])
        self.basic[r] = entering
        self.nonbasic[c] = leaving
        self.where[entering] = -1 - r
        self.where[leaving] = c
        return leaving

    def point(self) -> np.ndarray:
        z = np.zeros(self.d)
        coords = self.basic < self.d
        z[self.basic[coords]] = self.D[coords, self.d]
        return z


def _float_path(
    MP: np.ndarray, MQ: np.ndarray, label: int
) -> tuple[np.ndarray, np.ndarray, int] | None:
    """Floating-point complementary pivoting; None when it breaks down."""
    n, m = MP.shape
    dicts = (_Dictionary(MP), _Dictionary(MQ))
    t = 0 if label < m else 1
    enter = _variable(t, label, m, n)
    pivots = 0
    while pivots < _MAX_FLOAT_PIVOTS:
        dic = dicts[t]
        c = int(dic.where[enter])
        r = dic.leaving_row(c)
        if r < 0:
            return None
        leaving = dic.pivot(r, c)
        pivots += 1
        left = _label(t, leaving, m, n)
        if left == label:
            break
        t = 1 - t
        enter = _variable(t, left, m, n)
    else:
        return None
    out = []
    for dic in dicts:
        z = np.maximum(dic.point(), 0.0)
        total = z.sum()
        if not (total > 0 and np.isfinite(total)):
            return None
        out.append(z / total)
    return out[0], out[1], pivots


# ---------------------------------------------------------------- compiled kernel
def _compiled_path() -> Any:
    """The numba-compiled loop form of :func:`_float_path`, or None without numba."""
    try:
        from coercion.solve._lh_numba import float_path
    except ImportError:
        return None
    return float_path


def _fast_float_path(
    MP: np.ndarray, MQ: np.ndarray, label: int
) -> tuple[np.ndarray, np.ndarray, int] | None:
    """:func:`_float_path`, compiled by numba when it is installed."""
    path = _compiled_path()
    if path is None:
        return _float_path(MP, MQ, label)
    x, y, pivots, status = path(
        MP, MQ, label, _MAX_FLOAT_PIVOTS, _PIVOT_TOL, _RATIO_TOL
    )
    if status != 0:
        return None
    out = []
    for z in (x, y):
        z = np.maximum(z, 0.0)
        total = z.sum()
        if not (total > 0 and np.isfinite(total)):
            return None
        out.append(z / total)
    return out[0], out[1], int(pivots)


# ---------------------------------------------------------------- driver
def _check_args(
    game: Any, initial_label: Any, all_labels: Any, exact: Any, tol: Any
) -> None:
    if not isinstance(game, NormalFormGame):
        raise NotSupportedError(
            f"{type(game).__name__} is not a NormalFormGame", field="game"
        )
    if game.n_players != 2:
        raise NotSupportedError(
            f"game has {game.n_players} players; Lemke-Howson needs 2", field="game"
        )
    size = sum(game.shape)
    if (
        isinstance(initial_label, bool | np.bool_)
        or not isinstance(initial_label, numbers.Integral)
        or not 0 <= int(initial_label) < size
    ):
        raise InvalidParameterError(
            f"{initial_label!r} is not a label 0 .. {size - 1} (rows first, "
            "then columns)",
            field="initial_label",
        )
    if not isinstance(all_labels, bool | np.bool_):
        raise InvalidParameterError(
            f"{all_labels!r} is not True or False", field="all_labels"
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


def _exact_equilibrium(
    game: NormalFormGame, label: int, method: str, tol: float | None
) -> Equilibrium:
    from coercion.solve.enumeration import _integer_matrix

    A, B = game.bimatrix()
    MP = [list(r) for r in zip(*_integer_matrix(B))]
    MQ = _integer_matrix(A)
    xn, yn, pivots = _exact_path(MP, MQ, label)
    sx, sy = sum(xn), sum(yn)
    profile = [
        np.array([Fraction(v, sx) for v in xn], dtype=object),
        np.array([Fraction(v, sy) for v in yn], dtype=object),
    ]
    return make_equilibrium(
        game, profile, method=method, tol=tol, initial_label=label, pivots=pivots
    )


def _float_certified(
    game: NormalFormGame, x: np.ndarray, y: np.ndarray, tol: float, **extra: Any
) -> Equilibrium:
    """An :class:`Equilibrium` of float profiles with its regrets, vectorised.

    The certificate is computed from the game's payoffs, independently of the
    pivoting: each player's regret is its best pure payoff against the other's
    strategy minus its expected payoff (as :func:`make_equilibrium` does,
    without its per-entry validation, which costs more than the solve on large
    games).
    """
    A, B = (np.asarray(X, dtype=np.float64) for X in game.bimatrix())
    Ay = A @ y
    xB = x @ B
    u1 = float(x @ Ay)
    u2 = float(xB @ y)
    regrets = (float(Ay.max()) - u1, float(xB.max()) - u2)
    return Equilibrium(
        game=game,
        profile=(x, y),
        payoffs=(u1, u2),
        regrets=regrets,
        tol=tol,
        method=METHOD_FLOAT,
        exact=False,
        extra=dict(extra),
    )


def _float_equilibrium(
    game: NormalFormGame, label: int, tol: float, info: dict[str, Any]
) -> Equilibrium:
    from coercion.solve.enumeration import _normalised_floats, _rationalise

    A, B = game.bimatrix()
    MP = np.ascontiguousarray(_normalised_floats(B).T)
    MQ = _normalised_floats(A)
    found = _fast_float_path(MP, MQ, label)
    if found is not None:
        x, y, pivots = found
        eq = _float_certified(game, x, y, tol, initial_label=label, pivots=pivots)
        if eq.is_certified:
            return eq
    # The float path broke down or its answer failed its certificate: solve
    # the rationalised game exactly and certify the float image of the result.
    exact_game = game if game.is_exact else _rationalise(game)
    ex = _exact_equilibrium(exact_game, label, METHOD_FLOAT, tol)
    profile = [np.array(s, dtype=np.float64) for s in ex.profile]
    eq = make_equilibrium(
        game,
        profile,
        method=METHOD_FLOAT,
        tol=tol,
        initial_label=label,
        pivots=ex.extra["pivots"],
        exact_fallback=True,
    )
    info.setdefault("exact_fallback", []).append(label)
    if not eq.is_certified:
        raise SolverError(
            f"profile {eq.to_dict()['profile']} from label {label} failed its "
            f"certificate (regret {eq.max_regret!r} > tol {tol!r}); the game is "
            "too ill-conditioned for floats: solve it with exact=True",
            field="game",
        )
    return eq


def _same(a: Equilibrium, b: Equilibrium, exact: bool, tol: float) -> bool:
    if exact:
        return all(
            list(p) == list(q) for p, q in zip(a.profile, b.profile, strict=True)
        )
    return all(
        np.allclose(p, q, rtol=0, atol=max(tol, 1e-12))
        for p, q in zip(a.profile, b.profile, strict=True)
    )


def lemke_howson(
    game: NormalFormGame,
    *,
    initial_label: int = 0,
    all_labels: bool = False,
    exact: bool | None = None,
    tol: float | None = None,
) -> EquilibriumSet:
    r"""One Nash equilibrium of a two-player game by the Lemke–Howson algorithm.

    Parameters
    ----------
    game : NormalFormGame
        A two-player game with ``m`` rows and ``n`` columns, degenerate or not.
    initial_label : int
        The label dropped at the start: ``0 .. m-1`` for the row player's
        strategies, ``m .. m+n-1`` for the column player's.
    all_labels : bool
        Run from every label ``0 .. m+n-1`` and return the distinct
        equilibria found (``initial_label`` is then ignored).
    exact : bool, optional
        Exact integer pivoting (the default for exact games) or floating-point
        pivoting with a certified answer (the default for float games).
        ``exact=True`` on a float game solves its exact binary values.
    tol : float, optional
        Largest regret the float path accepts. Default ``game.default_tol()``
        (``1e-9`` times the payoff range). Ignored by the exact path.

    Returns
    -------
    EquilibriumSet
        The equilibrium found (one, or the distinct ones over all labels in
        order of first discovery), each certified by its regret, with
        ``complete=False``. Each equilibrium's ``extra`` holds the
        ``initial_label`` that found it first and the number of ``pivots``;
        ``info["labels"]`` maps each label run to the index of its
        equilibrium, and ``info["exact_fallback"]`` lists the labels whose float
        run was replaced by an exact one.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a two-player :class:`NormalFormGame`.
    InvalidParameterError
        If ``initial_label`` is not a label of the game, ``all_labels`` not a
        bool, ``exact`` not a bool or None, or ``tol`` negative or not finite.
    SolverError
        If a float answer fails its certificate even after the exact fallback
        (a game too ill-conditioned for its float payoffs).

    Examples
    --------
    The 3 x 2 game of von Stengel (2007, Figure 3.2) has three equilibria;
    the paths from all five labels reach only two of them (the third,
    ``((4/5, 1/5, 0), (2/3, 1/3))``, has index -1 and ends no path from the
    artificial equilibrium):

    >>> import coercion as co
    >>> from coercion.solve.lemke_howson import lemke_howson
    >>> g = co.NormalFormGame.from_bimatrix(
    ...     [[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]]
    ... )
    >>> eqs = lemke_howson(g, all_labels=True)
    >>> [e.to_dict()["profile"] for e in eqs]
    [[['1', '0', '0'], ['1', '0']], [['0', '1/3', '2/3'], ['1/3', '2/3']]]
    >>> eqs.info["labels"]
    {0: 0, 1: 1, 2: 0, 3: 0, 4: 1}
    >>> float(lemke_howson(g.to_float(), initial_label=1)[0].max_regret) < 1e-12
    True

    Notes
    -----
    The two polytopes are kept as simplex tableaux :math:`[M \mid I \mid 1]`
    (:math:`M = B^\top` for :math:`P`, :math:`M = A` for :math:`Q`, scaled to
    positive entries). Dropping label :math:`k` makes the variable with label
    :math:`k` enter its tableau; the variable that leaves has a label that is
    now duplicate, so its twin enters the other tableau, and so on until label
    :math:`k` itself leaves (von Stengel 2007, Algorithm 3.5). The leaving
    variable is chosen by the *lexicographic* minimum-ratio test over the
    columns :math:`(1, I)`, which is the ratio test of a symbolically perturbed
    nondegenerate game, so the path cannot cycle on degenerate games (von
    Stengel 2007, Section 3.7).

    The exact path pivots on integers without fractions (each tableau is
    :math:`\det(A_B) A_B^{-1}[M \mid I \mid 1]`, every division exact;
    Edmonds 1967). The float path keeps each polytope as a dictionary (the
    nonbasic columns only, half the tableau) and does the same rank-one
    updates, in a numba-compiled loop when numba is installed (compiled on
    first use, cached on disk) and in numpy otherwise, with tolerances in
    the ratio test; its answer counts only if its regret
    is at most ``tol``, and otherwise (or if it breaks down) the same label is
    solved exactly on the shortest decimals that round to the payoffs. Each
    pivot costs :math:`O((m + n)^2)`; paths are short on random games but can
    be exponentially long on special ones (Savani and von Stengel 2006).

    References
    ----------
    .. [1] C. E. Lemke and J. T. Howson, "Equilibrium points of bimatrix
       games", Journal of the Society for Industrial and Applied Mathematics
       12 (1964), 413-423.
    .. [2] B. von Stengel, "Equilibrium computation for two-player games in
       strategic and extensive form", Chapter 3 of Algorithmic Game Theory,
       Cambridge University Press (2007).
    .. [3] R. Savani and B. von Stengel, "Hard-to-solve bimatrix games",
       Econometrica 74 (2006), 397-429.
    .. [4] J. Edmonds, "Systems of distinct representatives and linear
       algebra", Journal of Research of the National Bureau of Standards 71B
       (1967), 241-245.
    """
    _check_args(game, initial_label, all_labels, exact, tol)
    use_exact = game.is_exact if exact is None else bool(exact)
    labels = range(sum(game.shape)) if all_labels else [int(initial_label)]
    info: dict[str, Any] = {}
    found: list[Equilibrium] = []
    index: dict[int, int] = {}
    if use_exact:
        target = game if game.is_exact else game.to_exact()
        certify_tol = 0.0
        method = METHOD_EXACT
    else:
        target = game
        certify_tol = game.default_tol() if tol is None else float(tol)
        method = METHOD_FLOAT
    for label in labels:
        if use_exact:
            eq = _exact_equilibrium(target, label, METHOD_EXACT, None)
            if not eq.is_certified:
                raise SolverError(
                    f"exact profile {eq.to_dict()['profile']} from label {label} "
                    f"has regret {eq.max_regret}; please report this game",
                    field="game",
                )
        else:
            eq = _float_equilibrium(target, label, certify_tol, info)
        for i, other in enumerate(found):
            if _same(eq, other, use_exact, certify_tol):
                index[label] = i
                break
        else:
            index[label] = len(found)
            found.append(eq)
    info["labels"] = index
    return EquilibriumSet(
        target, found, method=method, exact=use_exact, complete=False, info=info
    )
