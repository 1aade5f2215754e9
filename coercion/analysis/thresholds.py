r"""Escalation thresholds: the parameter values where the equilibrium set changes.

A *regime* is what the equilibrium set looks like: the supports of its extreme
equilibria (which strategies each player uses in each equilibrium). A
*threshold* is a parameter value where the regime changes: a best response
flips, an equilibrium appears or disappears, a pure equilibrium turns mixed.

Two methods:

``"exact"`` (symbolic payoffs, two players)
    Every change of regime happens at a root of one of finitely many rational
    functions of the parameter: the payoff differences that decide pure best
    responses, and, for every pair of equal-sized supports, the determinant of
    the indifference system, the probabilities it gives and the payoff gaps of
    the strategies outside the support. Their real roots in the range are the
    *candidates*; the regime is computed exactly (rational arithmetic) at a
    rational point inside each interval between candidates and at every
    rational candidate, and a candidate is a threshold when the regimes around
    it (or at it) differ. Thresholds are returned as exact sympy numbers. A
    numeric scan of every interval guards against a missed candidate.
``"numeric"`` (any model)
    The regime is computed on a grid; wherever two neighbouring grid points
    differ, bisection narrows the change to a relative width of ``rtol``
    (``1e-10`` by default). Changes that happen only at a single point (an
    equilibrium that exists exactly at the threshold and nowhere else) are not
    seen by a grid; the exact method finds them.

Examples
--------
Chicken where standing firm against a firm opponent costs ``c``; the mixed
equilibrium puts probability :math:`1/c` on standing firm, and for ``c < 1``
standing firm is dominant:

>>> import sympy as sp
>>> import coercion as co
>>> c = sp.Symbol("c", positive=True)
>>> chicken = co.SymbolicGame.from_bimatrix(
...     [[0, -1], [1, -c]], [[0, 1], [-1, -c]],
...     players=("Sender", "Target"),
...     strategies=(["back down", "stand firm"], ["back down", "stand firm"]),
... )
>>> res = co.thresholds(chicken, "c", over=(0, 10))
>>> res.method
'exact'
>>> [t.exact for t in res]
[1]
>>> print(res.regimes[0].description)
(stand firm; stand firm)
>>> print(res.regimes[1].description)
(back down; stand firm) | mixed (back down, stand firm; back down, stand firm) | (stand firm; back down)
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coercion.errors import (
    DegenerateGameWarning,
    InvalidParameterError,
    NotSupportedError,
)
from coercion.game.normal_form import NormalFormGame

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Regime",
    "Threshold",
    "ThresholdResult",
    "leader_follower_regime",
    "regime_of",
    "thresholds",
    "is_threshold",
    "regime_map",
    "regime_boundaries",
    "Boundary",
    "BoundaryResult",
]

Signature = tuple[tuple[tuple[str, ...], ...], ...]


# ---------------------------------------------------------------- regimes
def all_equilibria(game: NormalFormGame) -> Any:
    """Every equilibrium of ``game`` (the solver that defines a regime).

    :func:`coercion.solve` with ``method="auto"``: complete vertex enumeration
    for two players, support enumeration for more.
    """
    from coercion.solve.dispatch import solve

    return solve(game)


def regime_of(game: NormalFormGame) -> Signature:
    """The regime of a game: the sorted supports of its extreme equilibria.

    Each support is a tuple (one entry per player) of the strategy labels the
    player uses. Two games are in the same regime when these agree.

    Examples
    --------
    >>> import coercion as co
    >>> pd_game = co.NormalFormGame.from_bimatrix(
    ...     [[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     strategies=(["trade", "restrict"], ["trade", "restrict"]))
    >>> regime_of(pd_game)
    ((('restrict',), ('restrict',)),)
    """
    with warnings.catch_warnings():
        # thresholds are degenerate games by nature: the warning says nothing new
        warnings.simplefilter("ignore", DegenerateGameWarning)
        eqs = all_equilibria(game)
    return tuple(sorted({tuple(tuple(s) for s in e.supports) for e in eqs}))


def leader_follower_regime(game: NormalFormGame, leader: int = 0) -> Signature:
    """The regime of the game played in sequence: the leader moves first, seen.

    The follower answers each of the leader's strategies with a best response;
    the leader picks a strategy whose answer pays it most. The regime is the
    set of subgame-perfect *paths* (leader's strategy, follower's answer) over
    every way of breaking the follower's ties; a path ``(i, j)`` is one when
    ``j`` is a best answer to ``i`` and the leader's payoff there is at least
    the worst it can get from any other strategy. Float games compare with
    the tolerance ``game.default_tol()``; exact games exactly.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.analysis.thresholds import leader_follower_regime
    >>> entry = co.NormalFormGame.from_bimatrix(
    ...     [[0, 0], [-1, 1]], [[2, 2], [-1, 1]],
    ...     strategies=(["out", "in"], ["fight", "accommodate"]))
    >>> leader_follower_regime(entry)
    ((('in',), ('accommodate',)),)
    """
    if game.n_players != 2:
        raise NotSupportedError(
            f"a leader-follower regime needs 2 players, not {game.n_players}",
            field="game",
        )
    if leader not in (0, 1):
        raise InvalidParameterError(f"{leader!r} is not 0 or 1", field="leader")
    A = np.asarray(game.payoffs[leader])
    B = np.asarray(game.payoffs[1 - leader])
    if leader == 1:
        A, B = A.T, B.T
    tol: Any = 0 if game.is_exact else game.default_tol()
    m = A.shape[0]
    answers = []
    worst = []
    for i in range(m):
        row = B[i]
        best = max(row)
        js = [j for j in range(len(row)) if row[j] >= best - tol]
        answers.append(js)
        worst.append(min(A[i, j] for j in js))
    paths = set()
    for i in range(m):
        others = max((worst[k] for k in range(m) if k != i), default=None)
        for j in answers[i]:
            if others is None or A[i, j] >= others - tol:
                li = game.strategies[leader][i]
                fj = game.strategies[1 - leader][j]
                paths.add(((li,), (fj,)) if leader == 0 else ((fj,), (li,)))
    return tuple(sorted(paths))


def describe(signature: Signature) -> str:
    """A readable description of a regime (pure profiles, then mixed ones)."""
    if not signature:
        return "no equilibrium"
    parts = []
    for sup in signature:
        inner = "; ".join(", ".join(s) for s in sup)
        if all(len(s) == 1 for s in sup):
            parts.append(f"({inner})")
        else:
            parts.append(f"mixed ({inner})")
    return " | ".join(parts)


@dataclass(frozen=True)
class Regime:
    """An interval of the parameter on which the regime does not change.

    ``lo`` and ``hi`` are floats; ``lo_exact``/``hi_exact`` the exact ends when
    the method was exact.
    """

    lo: float
    hi: float
    signature: Signature
    lo_exact: Any = None
    hi_exact: Any = None

    @property
    def description(self) -> str:
        """The regime in words."""
        return describe(self.signature)


@dataclass(frozen=True)
class Threshold:
    """One parameter value where the equilibrium set changes.

    Attributes
    ----------
    value : float
        The threshold.
    exact : sympy number or None
        The exact threshold (exact method only).
    below, above : Signature
        The regimes just below and just above.
    at : Signature or None
        The regime at the threshold itself when computed (exact rational
        thresholds), often a degenerate game with a continuum.
    method : str
        ``"exact"`` or ``"numeric"`` (bisection to ``width``).
    width : float
        Width of the final bracket (0 for exact thresholds).
    """

    value: float
    exact: Any
    below: Signature
    above: Signature
    at: Signature | None
    method: str
    width: float = 0.0

    @property
    def change(self) -> str:
        """What changes, in words."""
        return f"{describe(self.below)}  ->  {describe(self.above)}"


@dataclass
class ThresholdResult(Sequence[Threshold]):
    """The thresholds of one parameter over a range, with the regimes between."""

    param: str
    over: tuple[float, float]
    thresholds: list[Threshold]
    regimes: list[Regime]
    method: str
    info: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, i: Any) -> Any:
        return self.thresholds[i]

    def __len__(self) -> int:
        return len(self.thresholds)

    def __iter__(self) -> Iterator[Threshold]:
        return iter(self.thresholds)

    def to_frame(self) -> pd.DataFrame:
        """One row per threshold: value, exact value, regimes below and above."""
        import pandas as pd

        rows = [
            {
                "param": self.param,
                "value": t.value,
                "exact": None if t.exact is None else str(t.exact),
                "below": describe(t.below),
                "above": describe(t.above),
                "at": None if t.at is None else describe(t.at),
                "method": t.method,
                "width": t.width,
            }
            for t in self.thresholds
        ]
        cols = ["param", "value", "exact", "below", "above", "at", "method", "width"]
        return pd.DataFrame(rows, columns=cols)

    def regimes_frame(self) -> pd.DataFrame:
        """One row per regime interval."""
        import pandas as pd

        return pd.DataFrame(
            [
                {"param": self.param, "lo": r.lo, "hi": r.hi, "regime": r.description}
                for r in self.regimes
            ],
            columns=["param", "lo", "hi", "regime"],
        )

    def __repr__(self) -> str:
        vals = ", ".join(
            str(t.exact) if t.exact is not None else f"{t.value:.12g}" for t in self
        )
        return (
            f"<ThresholdResult {self.param} in [{self.over[0]}, {self.over[1]}]: "
            f"{len(self)} thresholds [{vals}], method={self.method!r}>"
        )

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(index=False)


# ---------------------------------------------------------------- model access
@dataclass
class _Family:
    """A one-parameter family of games: float and exact evaluation."""

    game_at: Callable[[Any], NormalFormGame]
    symbolic: Any = None  # SymbolicGame in one free symbol, or None
    symbol: Any = None
    exact_input: bool = False  # game_at(Fraction) gives an exact game
    regime: Callable[[NormalFormGame], Signature] = field(default=None)  # type: ignore[assignment]
    kind: str = "nash"
    stacked: Callable[[], Any] | None = None  # makes the StackFamily, or None
    param: str = ""

    def __post_init__(self) -> None:
        if self.regime is None:
            self.regime = regime_of

    def probe(self, x: float) -> NormalFormGame:
        """The game at ``x``, exact when the family allows (no tolerance band)."""
        return self.game_at(Fraction(x) if self.exact_input else x)


def _family(model: Any, param: str, fixed: dict[str, Any]) -> _Family:
    from coercion.game.symbolic import ParametricGame, SymbolicGame

    if isinstance(model, SymbolicGame):
        names = {s.name for s in model.symbols}
        if param not in names:
            raise InvalidParameterError(
                f"{param!r} is not a parameter of the game; parameters are "
                f"{sorted(names)}",
                field="param",
            )
        missing = sorted(names - {param} - set(fixed))
        if missing:
            raise InvalidParameterError(
                f"parameters {missing} need values (pass fixed={{...}})",
                field="fixed",
            )
        part = model.partial({k: v for k, v in fixed.items() if k in names})
        sym = next(s for s in part.symbols if s.name == param)
        from coercion.analysis._stacked import stack_family

        return _Family(
            lambda v: part.subs({param: v}),
            part,
            sym,
            exact_input=True,
            stacked=lambda: stack_family(part),
            param=param,
        )
    if isinstance(model, ParametricGame):
        if param not in model.parameters:
            raise InvalidParameterError(
                f"{param!r} is not a parameter; parameters are {list(model.parameters)}",
                field="param",
            )
        sym_game = None
        sym = None
        if model.symbolic is not None:
            values = {**model.defaults, **fixed}
            names = {s.name for s in model.symbolic.symbols}
            part = model.symbolic.partial(
                {k: v for k, v in values.items() if k in names and k != param}
            )
            syms = [s for s in part.symbols if s.name == param]
            if syms and len(part.symbols) == 1:
                sym_game, sym = part, syms[0]
        from coercion.analysis._stacked import stack_family

        return _Family(
            lambda v: model.game(**{**fixed, param: v}),
            sym_game,
            sym,
            stacked=lambda: stack_family(model, fixed),
            param=param,
        )
    if callable(model):
        return _Family(lambda v: model(**{**fixed, param: v}))
    raise InvalidParameterError(
        f"{type(model).__name__} is not a SymbolicGame, ParametricGame or callable",
        field="model",
    )


def _check_range(over: Any) -> tuple[float, float]:
    try:
        lo, hi = (float(v) for v in over)
    except (TypeError, ValueError):
        raise InvalidParameterError(
            f"{over!r} is not a pair (lo, hi)", field="over"
        ) from None
    if not (math.isfinite(lo) and math.isfinite(hi)) or not lo < hi:
        raise InvalidParameterError(
            f"{over!r} is not a finite range with lo < hi", field="over"
        )
    return lo, hi


# ---------------------------------------------------------------- numeric
def _bisect(
    fam: _Family, a: float, b: float, sa: Signature, sb: Signature, rtol: float
) -> tuple[float, float, Signature, Signature]:
    """Narrow a change of regime between ``a`` (regime ``sa``) and ``b``."""
    for _ in range(200):
        if b - a <= rtol * max(1.0, abs(a), abs(b)):
            break
        mid = 0.5 * (a + b)
        if mid <= a or mid >= b:
            break
        sm = fam.regime(fam.probe(mid))
        if sm == sa:
            a = mid
        elif sm == sb:
            b = mid
        else:
            # a third regime inside: keep the lower change; the scan finds the rest
            b, sb = mid, sm
    return a, b, sa, sb


def _numeric(
    fam: _Family, lo: float, hi: float, grid: int, rtol: float
) -> tuple[list[Threshold], list[Regime]]:
    xs = np.linspace(lo, hi, grid)
    stacked = fam.stacked() if fam.kind == "nash" and fam.stacked else None
    if stacked is not None:
        from coercion.analysis._stacked import scan_regimes

        sigs = scan_regimes(
            stacked,
            {fam.param: xs},
            grid,
            lambda i: fam.regime(fam.probe(float(xs[i]))),
        )
    else:
        sigs = [fam.regime(fam.probe(float(x))) for x in xs]
    found: list[Threshold] = []
    pending = [
        (float(xs[i]), float(xs[i + 1]), sigs[i], sigs[i + 1]) for i in range(grid - 1)
    ]
    while pending:
        a, b, sa, sb = pending.pop(0)
        if sa == sb:
            continue
        a2, b2, s_lo, s_hi = _bisect(fam, a, b, sa, sb, rtol)
        found.append(
            Threshold(
                value=0.5 * (a2 + b2),
                exact=None,
                below=s_lo,
                above=s_hi,
                at=None,
                method="numeric",
                width=b2 - a2,
            )
        )
        if s_hi != sb:  # a regime in between: continue from there
            pending.insert(0, (b2, b, s_hi, sb))
    found.sort(key=lambda t: t.value)
    found = _merge_point_regimes(found, rtol)
    return found, _regimes_from(found, lo, hi, sigs[0])


def _merge_point_regimes(found: list[Threshold], rtol: float) -> list[Threshold]:
    """Join two changes closer than the bisection width into one threshold.

    A regime that holds on a bracket narrower than ``rtol`` (a grid point that
    fell exactly on a threshold, where the game is degenerate) is the regime
    *at* the threshold, not an interval of its own.
    """
    out: list[Threshold] = []
    for t in found:
        if out:
            prev = out[-1]
            scale = max(1.0, abs(prev.value), abs(t.value))
            # float solvers see a degenerate game within their tolerance
            # (1e-9 of the payoff range) of a threshold
            close = t.value - prev.value <= max(4 * rtol, 1e-8) * scale
            if close and prev.above == t.below and prev.at is None:
                out[-1] = Threshold(
                    value=0.5 * (prev.value + t.value),
                    exact=None,
                    below=prev.below,
                    above=t.above,
                    at=prev.above,
                    method="numeric",
                    width=t.value - prev.value + prev.width / 2 + t.width / 2,
                )
                continue
        out.append(t)
    return out


def _regimes_from(
    found: Sequence[Threshold], lo: float, hi: float, first: Signature
) -> list[Regime]:
    regimes: list[Regime] = []
    start, sig, start_exact = lo, first, None
    for t in found:
        regimes.append(Regime(start, t.value, sig, start_exact, t.exact))
        start, sig, start_exact = t.value, t.above, t.exact
    regimes.append(Regime(start, hi, sig, start_exact, None))
    return regimes


# ---------------------------------------------------------------- exact
def _candidate_exprs(game: Any, max_support: int, kind: str = "nash") -> Iterator[Any]:
    """Rational functions of the parameter whose roots may change the regime."""
    import sympy as sp

    A = sp.Matrix(game.payoffs[0])
    B = sp.Matrix(game.payoffs[1])
    m, n = A.shape
    if kind.startswith("leader-follower"):
        if kind.endswith("1"):
            A, B = B.T, A.T
            m, n = n, m
        cells = [A[i, j] for i in range(m) for j in range(n)]
        for a, b in itertools.combinations(cells, 2):
            yield a - b
        for i in range(m):
            for j, jj in itertools.combinations(range(n), 2):
                yield B[i, j] - B[i, jj]
        return
    for j in range(n):
        for i, k in itertools.combinations(range(m), 2):
            yield A[i, j] - A[k, j]
    for i in range(m):
        for j, jj in itertools.combinations(range(n), 2):
            yield B[i, j] - B[i, jj]
    for size in range(2, min(m, n, max_support) + 1):
        for rows in itertools.combinations(range(m), size):
            for cols in itertools.combinations(range(n), size):
                yield from _support_exprs(A, rows, cols, m)
                yield from _support_exprs(B.T, cols, rows, n)


def _support_exprs(
    M: Any, own: Sequence[int], other: Sequence[int], k: int
) -> Iterator[Any]:
    """Indifference conditions of the player with payoff matrix ``M`` (own x other).

    The opponent's mix ``z`` on ``other`` makes every row of ``own`` give the
    same payoff ``v``: solve ``M[own, other] z = v 1, sum z = 1``.
    """
    import sympy as sp

    s = len(own)
    K = sp.zeros(s + 1, s + 1)
    for a, i in enumerate(own):
        for b, j in enumerate(other):
            K[a, b] = M[i, j]
        K[a, s] = -1
    for b in range(s):
        K[s, b] = 1
    rhs = sp.zeros(s + 1, 1)
    rhs[s] = 1
    det = K.det(method="berkowitz")
    yield det
    if det == 0:
        return
    adj = K.adjugate()
    sol = adj * rhs  # solution times det
    for b in range(s):
        yield sol[b]
    for i in range(k):
        if i in own:
            continue
        gap = sum(M[i, j] * sol[b] for b, j in enumerate(other)) - sol[s]
        yield gap


def _roots_in(expr: Any, sym: Any, lo: Any, hi: Any) -> list[Any] | None:
    """Exact real roots of the numerator of ``expr`` strictly inside (lo, hi).

    None when the expression is not rational in ``sym`` (no exact roots).
    """
    import sympy as sp

    expr = sp.together(sp.sympify(expr))
    num, _den = sp.fraction(expr)
    num = sp.expand(num)
    if num == 0 or sym not in num.free_symbols:
        return []
    try:
        poly = sp.Poly(num, sym)
    except sp.PolynomialError:
        return None
    if not poly.is_univariate or any(not c.is_number for c in poly.all_coeffs()):
        return None
    if not all(c.is_rational for c in poly.all_coeffs()):
        return None
    out = []
    for r in sp.real_roots(poly):
        if bool(r > lo) and bool(r < hi):
            out.append(r)
    return out


def _rational_between(a: Any, b: Any) -> Fraction:
    """A simple rational strictly between two exact reals ``a < b``."""
    import sympy as sp

    fa, fb = float(sp.N(a, 30)), float(sp.N(b, 30))
    mid = Fraction(0.5 * (fa + fb))
    for den in (1, 2, 4, 10, 100, 1000, 10**6, 10**9):
        q = mid.limit_denominator(den)
        rq = sp.Rational(q.numerator, q.denominator)
        if bool(rq > a) and bool(rq < b):
            return q
    return mid


def _exact(
    fam: _Family, lo: float, hi: float, max_support: int, scan: int, rtol: float
) -> tuple[list[Threshold], list[Regime]] | None:
    import sympy as sp

    game = fam.symbolic
    sym = fam.symbol
    lo_e = sp.Rational(Fraction(lo).numerator, Fraction(lo).denominator)
    hi_e = sp.Rational(Fraction(hi).numerator, Fraction(hi).denominator)
    cands: set[Any] = set()
    for expr in _candidate_exprs(game, max_support, fam.kind):
        roots = _roots_in(expr, sym, lo_e, hi_e)
        if roots is None:
            return None
        cands.update(roots)
    points = sorted(cands, key=lambda r: float(sp.N(r, 30)))
    # merge equal algebraic numbers that sympy did not recognise as equal
    uniq: list[Any] = []
    for r in points:
        if not uniq or sp.simplify(r - uniq[-1]) != 0:
            uniq.append(r)
    ends = [lo_e, *uniq, hi_e]

    def exact_game(v: Any) -> NormalFormGame:
        return fam.game_at(Fraction(int(v.p), int(v.q)) if v.is_Rational else v)

    between = []
    for a, b in itertools.pairwise(ends):
        q = _rational_between(a, b)
        between.append(fam.regime(fam.game_at(q)))
    found: list[Threshold] = []
    for k, r in enumerate(uniq):
        below, above = between[k], between[k + 1]
        at = fam.regime(exact_game(r)) if r.is_Rational else None
        if below != above or (at is not None and at != below):
            found.append(
                Threshold(
                    value=float(sp.N(r, 30)),
                    exact=sp.nsimplify(r) if r.is_Rational else r,
                    below=below,
                    above=above,
                    at=at,
                    method="exact",
                )
            )
    regimes = _regimes_from(found, lo, hi, between[0])
    # guard: a numeric scan of each interval must see one regime only
    if scan:
        for k, (a, b) in enumerate(itertools.pairwise(ends)):
            fa, fb = float(sp.N(a, 30)), float(sp.N(b, 30))
            xs = np.linspace(fa, fb, max(3, scan // max(1, len(ends) - 1)))[1:-1]
            for x in xs:
                if fam.regime(fam.game_at(float(x))) != between[k]:
                    return None
    return found, regimes


# ---------------------------------------------------------------- public
def thresholds(
    model: Any,
    param: str,
    over: tuple[float, float],
    *,
    method: str = "auto",
    fixed: dict[str, Any] | None = None,
    grid: int = 201,
    rtol: float = 1e-10,
    max_support: int = 4,
    regime: str | Callable[[NormalFormGame], Any] = "nash",
) -> ThresholdResult:
    r"""Every value of ``param`` in ``over`` where the equilibrium set changes.

    Parameters
    ----------
    model : SymbolicGame, ParametricGame or callable
        The family of games. A callable is called with ``param`` (and
        ``fixed``) as keyword arguments and returns a
        :class:`~coercion.NormalFormGame`.
    param : str
        The parameter to vary.
    over : (float, float)
        The range, ``lo < hi``.
    method : {"auto", "exact", "numeric"}
        ``"auto"`` is exact for two-player symbolic families whose payoffs are
        rational functions of ``param`` with rational coefficients, numeric
        otherwise.
    fixed : dict, optional
        Values of the other parameters (symbolic games need them all;
        parametric games take their defaults).
    grid : int
        Grid points of the numeric scan.
    rtol : float
        Relative width to which numeric thresholds are bisected.
    max_support : int
        Largest support size whose indifference conditions are searched by
        the exact method.
    regime : {"nash", "leader-follower", "follower-leader"} or callable
        What counts as a change: the supports of the Nash equilibria of the
        simultaneous game (default); the subgame-perfect paths when the first
        (``"leader-follower"``) or the second player (``"follower-leader"``)
        moves first and is seen (:func:`leader_follower_regime`); or any
        function of a game returning a hashable signature (numeric only).

    Returns
    -------
    ThresholdResult
        The thresholds (each with the regimes below, above and, when exact, at
        it) and the regimes between them.

    Raises
    ------
    InvalidParameterError
        Unknown parameter, bad range, unknown method, missing fixed values.
    NotSupportedError
        ``method="exact"`` for a family that has no exact form.

    Examples
    --------
    A numeric family: the sender restricts when the stake ``s`` exceeds its cost.

    >>> import coercion as co
    >>> def game(s):
    ...     return co.NormalFormGame.from_bimatrix(
    ...         [[0.0, 0.0], [s - 2.0, s - 2.0]], [[0.0, 0.0], [0.0, 0.0]],
    ...         strategies=(["trade", "restrict"], ["comply", "ignore"]))
    >>> res = co.thresholds(game, "s", over=(0, 5), method="numeric")
    >>> round(res[0].value, 8)
    2.0

    Notes
    -----
    The exact method is complete for two-player games whose payoffs are
    rational in the parameter: between consecutive roots of the candidate
    functions every sign that decides best responses and the feasibility of
    every support pair is constant, so the regime is constant; a regime that
    holds only at one point is detected by evaluating the game exactly there
    (rational roots). For irrational roots the point itself is not evaluated.

    The numeric scan of a two-player ``2 x 2`` family that evaluates payoff
    stacks (a :class:`~coercion.SymbolicGame`, a
    :class:`~coercion.ParametricGame` with ``stack=``) solves the whole grid
    at once with :func:`coercion.solve_stack`; grid points where a payoff
    difference that decides a best response is within ``1e-7`` times the
    largest payoff (at least 1) of zero are solved alone, exactly when the
    family is exact, so the regimes are those of the per-point scan.

    See Also
    --------
    is_threshold : the checker.
    regime_map : regimes over two parameters.
    """
    if method not in ("auto", "exact", "numeric"):
        raise InvalidParameterError(
            f"unknown method {method!r}; use 'auto', 'exact' or 'numeric'",
            field="method",
        )
    if not isinstance(grid, int) or grid < 2:
        raise InvalidParameterError(f"{grid!r} is not an int >= 2", field="grid")
    if not (isinstance(rtol, float | int) and 0 < rtol < 1):
        raise InvalidParameterError(f"{rtol!r} is not in (0, 1)", field="rtol")
    lo, hi = _check_range(over)
    fam = _family(model, param, dict(fixed or {}))
    _set_regime(fam, regime)
    if (
        method in ("auto", "exact")
        and fam.symbolic is not None
        and fam.kind != "custom"
    ):
        if fam.symbolic.n_players == 2:
            out = _exact(fam, lo, hi, max_support, scan=grid, rtol=rtol)
            if out is not None:
                found, regimes = out
                return ThresholdResult(param, (lo, hi), found, regimes, "exact")
    if method == "exact":
        raise NotSupportedError(
            "no exact method for this family (it needs two players and payoffs "
            f"rational in {param!r}); use method='numeric'",
            field="method",
        )
    found, regimes = _numeric(fam, lo, hi, grid, rtol)
    return ThresholdResult(
        param, (lo, hi), found, regimes, "numeric", info={"grid": grid, "rtol": rtol}
    )


def _set_regime(fam: _Family, regime: Any) -> None:
    if regime == "nash":
        return
    if regime == "leader-follower":
        fam.regime, fam.kind = leader_follower_regime, "leader-follower-0"
    elif regime == "follower-leader":
        fam.regime = lambda g: leader_follower_regime(g, leader=1)
        fam.kind = "leader-follower-1"
    elif callable(regime):
        fam.regime, fam.kind = regime, "custom"
    else:
        raise InvalidParameterError(
            f"unknown regime {regime!r}; use 'nash', 'leader-follower', "
            "'follower-leader' or a function",
            field="regime",
        )


def is_threshold(
    model: Any,
    param: str,
    value: float,
    *,
    eps: float = 1e-7,
    fixed: dict[str, Any] | None = None,
    regime: str | Callable[[NormalFormGame], Any] = "nash",
) -> bool:
    """True when the regime at ``value`` differs from the regime on either side.

    The checker beside :func:`thresholds`: it compares the regimes at
    ``value - eps``, ``value`` and ``value + eps``.

    Examples
    --------
    >>> import sympy as sp
    >>> import coercion as co
    >>> c = sp.Symbol("c")
    >>> g = co.SymbolicGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
    >>> co.is_threshold(g, "c", 1), co.is_threshold(g, "c", 2)
    (True, False)
    """
    if not (isinstance(eps, float | int) and eps > 0):
        raise InvalidParameterError(f"{eps!r} is not positive", field="eps")
    fam = _family(model, param, dict(fixed or {}))
    _set_regime(fam, regime)
    v = Fraction(value) if isinstance(value, int | Fraction) else float(value)
    below = fam.regime(fam.game_at(float(value) - eps))
    above = fam.regime(fam.game_at(float(value) + eps))
    at = fam.regime(fam.game_at(v))
    return not (below == at == above)


def _check_axes(x: Any, y: Any) -> None:
    """Each axis is ``(name, lo, hi, n)``: a range and a positive point count."""
    for axis, spec in (("x", x), ("y", y)):
        if isinstance(spec, str) or not isinstance(spec, Sequence) or len(spec) != 4:
            raise InvalidParameterError(
                f"{spec!r} is not (name, lo, hi, n)", field=axis
            )
    for name, lo, hi, k in (x, y):
        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            raise InvalidParameterError(f"{k!r} grid points", field=f"{name}.n")
        _check_range((lo, hi))


def regime_map(
    model: Any,
    x: tuple[str, float, float, int],
    y: tuple[str, float, float, int],
    *,
    fixed: dict[str, Any] | None = None,
    regime: str | Callable[[NormalFormGame], Any] = "nash",
) -> pd.DataFrame:
    """Regimes on a grid of two parameters (a phase diagram).

    Parameters
    ----------
    model : SymbolicGame, ParametricGame or callable
    x, y : (name, lo, hi, n)
        Each axis: the parameter, its range and the number of grid points.
    fixed : dict, optional
        Values of the other parameters.
    regime : str or callable
        As for :func:`thresholds`.

    Returns
    -------
    pandas.DataFrame
        Columns ``x``'s name, ``y``'s name, ``regime`` (an integer id, in order of
        first appearance, ``x`` outer and ``y`` inner) and ``description`` (the
        regime in words, a categorical column with sorted categories).

    Raises
    ------
    InvalidParameterError
        Bad axes, unknown parameters, parameters left without a value.

    Notes
    -----
    For the Nash regime of a two-player :class:`~coercion.SymbolicGame` (or a
    :class:`~coercion.ParametricGame` with ``stack=``) with at most 6
    strategies in all, the whole grid is evaluated as one payoff stack and
    solved by :func:`coercion.solve_stack` (closed forms for ``2 x 2``); the
    regimes and ids are those of :func:`regime_of` at each point alone. The
    regime of a point of a :class:`~coercion.SymbolicGame` is that of the exact
    game at the point's (float) parameter values: the stack is evaluated in
    floating point, and the points of a ``2 x 2`` family where rounding could
    decide a sign (ties and near-ties, such as grid points on a boundary) are
    solved exactly one by one. Other models are solved point by point.

    Examples
    --------
    >>> import sympy as sp
    >>> import coercion as co
    >>> a, c = sp.symbols("a c")
    >>> g = co.SymbolicGame.from_bimatrix([[0, -1], [a, -c]], [[0, 1], [-1, -c]])
    >>> df = co.regime_map(g, ("a", -1, 1, 3), ("c", 0.5, 2, 3))
    >>> df.shape
    (9, 4)
    """
    import pandas as pd

    _check_axes(x, y)
    (xn, xlo, xhi, xk), (yn, ylo, yhi, yk) = x, y
    base = dict(fixed or {})
    if regime == "nash":
        from coercion.analysis._stacked import (
            regime_codes,
            regime_column,
            stack_family,
        )

        _family(model, yn, {**base, xn: float(xlo)})  # checks names and values
        stacked = stack_family(model, base)
        if stacked is not None:
            gx, gy = np.meshgrid(
                np.linspace(xlo, xhi, xk), np.linspace(ylo, yhi, yk), indexing="ij"
            )
            xs, ys = gx.ravel(), gy.ravel()

            families: dict[float, _Family] = {}  # one per x value met

            def exact_regime(i: int) -> Signature:
                xv = float(xs[i])
                if xv not in families:
                    families[xv] = _family(model, yn, {**base, xn: xv})
                return families[xv].regime(families[xv].probe(float(ys[i])))

            ids_, sigs = regime_codes(
                stacked, {xn: xs, yn: ys}, len(xs), exact_regime=exact_regime
            )
            return pd.DataFrame(
                {
                    xn: xs,
                    yn: ys,
                    "regime": ids_.astype(np.int64),
                    "description": regime_column([describe(s) for s in sigs], ids_),
                },
                columns=[xn, yn, "regime", "description"],
            )
    ids: dict[Signature, int] = {}
    rows = []
    for xv in np.linspace(xlo, xhi, xk):
        for yv in np.linspace(ylo, yhi, yk):
            fam = _family(model, yn, {**base, xn: float(xv)})
            _set_regime(fam, regime)
            sig = fam.regime(fam.probe(float(yv)))
            rid = ids.setdefault(sig, len(ids))
            rows.append(
                {
                    xn: float(xv),
                    yn: float(yv),
                    "regime": rid,
                    "description": describe(sig),
                }
            )
    out = pd.DataFrame(rows, columns=[xn, yn, "regime", "description"])
    # categories sorted, as the fast path's (one code a cell, not one string)
    out["description"] = out["description"].astype("category")
    return out


# ---------------------------------------------------------------- boundary curves
@dataclass(frozen=True)
class Boundary:
    """One exact boundary curve of a regime map: the zero set of ``expr``.

    Attributes
    ----------
    expr : sympy expression
        A polynomial in the two parameters, irreducible over the rationals;
        the curve is ``expr = 0``.
    separates : tuple of (str, str)
        The pairs of regimes (in words) that lie on its two sides somewhere
        on the map, most frequent first.
    cells : int
        Number of adjacent pairs of grid points it separates.
    """

    expr: Any
    separates: tuple[tuple[str, str], ...]
    cells: int

    @property
    def equation(self) -> str:
        """The curve as text, ``expr = 0``."""
        return f"{self.expr} = 0"

    @property
    def label(self) -> str:
        """The curve solved for a parameter it is linear in, when there is one
        (``c = 1``, ``y = 2*x + 1``; a number to 6 digits), else
        :attr:`equation`."""
        import sympy as sp

        for sym in sorted(self.expr.free_symbols, key=lambda v: v.name, reverse=True):
            if sp.degree(self.expr, sym) == 1:
                (sol,) = sp.solve(self.expr, sym)
                value = f"{float(sol):.6g}" if sol.is_number else sp.sstr(sol)
                return f"{sym} = {value}"
        return self.equation


@dataclass
class BoundaryResult(Sequence[Boundary]):
    """The exact boundary curves of a two-parameter regime map.

    ``complete`` is True when every change of regime between neighbouring
    grid points lies across at least one of the curves; ``unexplained``
    counts the neighbouring pairs that do not (a boundary the candidate
    conditions did not produce: raise ``max_support``).
    """

    x: str
    y: str
    boundaries: list[Boundary]
    complete: bool
    unexplained: int
    map: Any  # the regime map (pandas.DataFrame) the curves were checked on

    def __getitem__(self, i: Any) -> Any:
        return self.boundaries[i]

    def __len__(self) -> int:
        return len(self.boundaries)

    def __repr__(self) -> str:
        eqs = ", ".join(b.equation for b in self.boundaries)
        return (
            f"<BoundaryResult {self.x}, {self.y}: {len(self)} curves [{eqs}], "
            f"complete={self.complete}>"
        )


def _factors(expr: Any, syms: Sequence[Any]) -> list[Any]:
    """Irreducible factors of the numerator of ``expr`` that involve ``syms``,
    made primitive with a positive leading coefficient."""
    import sympy as sp

    num, _ = sp.fraction(sp.together(sp.sympify(expr)))
    num = sp.expand(num)
    if num == 0 or not (set(syms) & num.free_symbols):
        return []
    out = []
    _, facs = sp.factor_list(num, *syms)
    for f, _mult in facs:
        if not (set(syms) & f.free_symbols):
            continue
        poly = sp.Poly(f, *syms)
        if not all(c.is_rational for c in poly.coeffs()):
            return []  # not a polynomial with rational coefficients
        poly = poly.primitive()[1]
        if poly.LC() < 0:
            poly = -poly
        out.append(poly.as_expr())
    return out


def regime_boundaries(
    model: Any,
    x: tuple[str, float, float, int],
    y: tuple[str, float, float, int],
    *,
    fixed: dict[str, Any] | None = None,
    max_support: int = 3,
) -> BoundaryResult:
    r"""The exact curves that bound the regions of a two-parameter regime map.

    The Nash regime of a game changes only where a payoff difference, an
    indifference condition or a mixed strategy's probability (the candidate
    conditions of :func:`thresholds`) changes sign. Written in both
    parameters, each condition is a rational function; the irreducible
    factors of their numerators are the candidate curves. A curve is kept
    when some pair of neighbouring points of the map (:func:`regime_map` on
    the same grid) has different regimes and lies on its two sides.

    Parameters
    ----------
    model : SymbolicGame or ParametricGame
        A two-player family whose payoffs are symbolic in ``x`` and ``y``
        (a :class:`~coercion.ParametricGame` through its ``symbolic`` game).
    x, y : (name, lo, hi, n)
        The axes of the map, as for :func:`regime_map`.
    fixed : dict, optional
        Values of the other parameters.
    max_support : int
        Largest support size whose indifference conditions are candidates.

    Returns
    -------
    BoundaryResult
        The curves, each with the regimes it separates, and whether they
        account for every change of regime on the grid (``complete``).

    Raises
    ------
    InvalidParameterError
        Bad axes, unknown parameters, a model without a symbolic game in the
        two parameters, or payoffs that are not rational functions of them.

    Examples
    --------
    Chicken with a stake ``a`` and a cost of a clash ``c``: the regime changes
    where the clash costs what backing down alone costs (:math:`c = 1`) and,
    for the row player, where standing firm against a firm opponent is as good
    as backing down (:math:`a = 0`).

    >>> import sympy as sp
    >>> import coercion as co
    >>> a, c = sp.symbols("a c")
    >>> g = co.SymbolicGame.from_bimatrix([[0, -1], [a, -c]], [[0, 1], [-1, -c]])
    >>> res = co.regime_boundaries(g, ("a", -1, 2, 31), ("c", 0.2, 3, 29))
    >>> sorted(b.equation for b in res), res.complete
    (['a = 0', 'c - 1 = 0'], True)

    Notes
    -----
    The curves are exact; the grid only decides which candidates are real
    boundaries inside the window, so a boundary that crosses the window
    between two grid points only (a sliver thinner than the grid) can be
    missed, and ``complete`` only speaks for the grid. For one parameter the
    thresholds themselves are exact (:func:`thresholds`).
    """
    import sympy as sp

    from coercion.game.symbolic import ParametricGame, SymbolicGame

    _check_axes(x, y)
    base = dict(fixed or {})
    xn, yn = x[0], y[0]
    if isinstance(model, SymbolicGame):
        sym_game, values = model, base
    elif isinstance(model, ParametricGame) and model.symbolic is not None:
        sym_game, values = model.symbolic, {**model.defaults, **base}
    else:
        raise InvalidParameterError(
            f"{type(model).__name__} has no symbolic payoffs; exact boundaries need "
            "a SymbolicGame or a ParametricGame with a symbolic game",
            field="model",
        )
    if sym_game.n_players != 2:
        raise InvalidParameterError(
            f"exact boundaries are for two players, not {sym_game.n_players}",
            field="model",
        )
    names = {s.name for s in sym_game.symbols}
    if isinstance(model, ParametricGame):
        # the symbolic game is fixed at the model's other (default) values
        moved = sorted(
            k
            for k, v in base.items()
            if k not in names and k in model.defaults and v != model.defaults[k]
        )
        if moved:
            raise InvalidParameterError(
                f"the symbolic game is fixed at the defaults of {moved}; build the "
                "model at those values (e.g. from scenario.with_params(...))",
                field="fixed",
            )
        values = {k: v for k, v in values.items() if k in names}
    for axis, name in (("x", xn), ("y", yn)):
        if name not in names:
            raise InvalidParameterError(
                f"{name!r} is not a symbol of the game's payoffs "
                f"(symbols: {sorted(names)})",
                field=axis,
            )
    frame = regime_map(model, x, y, fixed=base)  # also checks the axes
    part = sym_game.partial({k: v for k, v in values.items() if k not in (xn, yn)})
    syms = [next(s for s in part.symbols if s.name == n) for n in (xn, yn)]
    if len(part.symbols) != 2:
        extra = sorted(s.name for s in part.symbols if s not in syms)
        raise InvalidParameterError(
            f"parameters {extra} need values (pass fixed={{...}})", field="fixed"
        )
    curves: dict[Any, None] = {}
    for expr in _candidate_exprs(part, max_support):
        try:
            for f in _factors(expr, syms):
                curves.setdefault(f, None)
        except (sp.PolynomialError, sp.GeneratorsNeeded, TypeError) as exc:
            raise InvalidParameterError(
                f"the payoffs are not rational functions of {xn} and {yn} ({exc})",
                field="model",
            ) from None
    nx, ny = int(x[3]), int(y[3])
    X = frame[xn].to_numpy(float).reshape(nx, ny)
    Y = frame[yn].to_numpy(float).reshape(nx, ny)
    R = frame["regime"].to_numpy().reshape(nx, ny)
    words = dict(zip(frame["regime"], frame["description"].astype(str)))
    # neighbouring pairs whose regimes differ (along x, then along y)
    pairs = []
    for along in (0, 1):
        a = (
            (slice(None, -1), slice(None))
            if along == 0
            else (slice(None), slice(None, -1))
        )
        b = (
            (slice(1, None), slice(None))
            if along == 0
            else (slice(None), slice(1, None))
        )
        differ = R[a] != R[b]
        pairs.append((a, b, differ))
    # every candidate curve: the neighbouring pairs of different regimes it
    # lies between (a sign change of the polynomial from one to the other)
    crossing = []
    for f in curves:
        fn = sp.lambdify(syms, f, "numpy")
        # a grid point exactly on the curve evaluates to rounding noise: zero
        # within 1e-9 of the size of the polynomial's terms there
        size = sp.lambdify(syms, sum(abs(t) for t in sp.Add.make_args(f)), "numpy")
        with np.errstate(all="ignore"):
            F = np.broadcast_to(np.asarray(fn(X, Y), dtype=float), X.shape)
            M = np.broadcast_to(np.asarray(size(X, Y), dtype=float), X.shape)
        S = np.where(np.abs(F) <= 1e-9 * np.maximum(M, 1.0), 0.0, np.sign(F))
        masks = [
            differ & (S[a] * S[b] <= 0) & ((S[a] != 0) | (S[b] != 0))
            for a, b, differ in pairs
        ]
        n_across = sum(int(m.sum()) for m in masks)
        if n_across:
            crossing.append((n_across, str(f), f, S, masks))
    # A curve through the corner where two boundaries meet also lies between
    # a few pairs of different regimes there: keep the curves greedily, the
    # longest first, each only if it accounts for pairs the kept ones do not.
    crossing.sort(key=lambda c: (-c[0], c[1]))
    explained = [np.zeros_like(d) for _, _, d in pairs]
    found = []
    for n_across, _, f, S, masks in crossing:
        if not any((m & ~e).any() for m, e in zip(masks, explained)):
            continue
        seen: dict[tuple[str, str], int] = {}
        for k, ((a, b, _), m) in enumerate(zip(pairs, masks)):
            explained[k] |= m
            ra, rb = R[a][m], R[b][m]
            neg_first = S[a][m] < 0  # each pair as (negative side, positive side)
            for u, v, nf in zip(ra.tolist(), rb.tolist(), neg_first.tolist()):
                key = (words[u], words[v]) if nf else (words[v], words[u])
                seen[key] = seen.get(key, 0) + 1
        order = sorted(seen, key=lambda k: (-seen[k], k))
        found.append(Boundary(f, tuple(order), n_across))
    missing = sum(int((d & ~e).sum()) for (_, _, d), e in zip(pairs, explained))
    return BoundaryResult(xn, yn, found, missing == 0, missing, frame)
