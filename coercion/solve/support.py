r"""All Nash equilibria of an n-player game by support enumeration, solved exactly.

A mixed profile :math:`\sigma` with supports :math:`S_1, \dots, S_n` is a Nash
equilibrium exactly when, for every player :math:`p`,

.. math::

    u_p(a, \sigma_{-p}) = v_p \quad (a \in S_p), \qquad
    u_p(b, \sigma_{-p}) \le v_p \quad (b \notin S_p), \qquad
    \sigma_p(a) > 0 \quad (a \in S_p), \qquad \textstyle\sum_a \sigma_p(a) = 1.

The equalities form a square system of polynomial equations (multilinear in
the other players' probabilities); :func:`support_enumeration` solves it for
every support profile exactly (Gröbner bases over the rationals) and keeps the
real solutions that satisfy the inequalities, decided by exact sign tests.

Examples
--------
McKelvey and McLennan's 2x2x2 game has nine equilibria, two of them totally
mixed (Gambit's ``contrib/games/2x2x2.nfg``):

>>> import coercion as co
>>> from coercion.solve.support import support_enumeration
>>> pay = {(0, 0, 0): (9, 8, 12), (1, 1, 0): (9, 8, 2), (1, 0, 1): (3, 4, 6),
...        (0, 1, 1): (3, 4, 6)}
>>> g = co.NormalFormGame.from_function(lambda a, b, c: pay.get((a, b, c), (0, 0, 0)),
...                                     [2, 2, 2])
>>> eqs = support_enumeration(g)
>>> len(eqs), sum(e.is_pure for e in eqs), eqs.complete
(9, 4, True)
>>> for e in eqs[-2:]:
...     print(e.to_dict()["profile"])
[['2/5', '3/5'], ['1/2', '1/2'], ['1/3', '2/3']]
[['1/2', '1/2'], ['2/5', '3/5'], ['1/4', '3/4']]
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coercion.errors import (
    DegenerateGameWarning,
    InvalidParameterError,
    NotSupportedError,
    SolverError,
)
from coercion.game.normal_form import NormalFormGame
from coercion.solve._result import (
    Component,
    Continuum,
    Equilibrium,
    EquilibriumSet,
    make_equilibrium,
)

if TYPE_CHECKING:
    from coercion.solve._algebraic import Arc, RealPoint

__all__ = ["iter_support_enumeration", "support_enumeration"]

METHOD = "support-enumeration"


# ---------------------------------------------------------------- pruning
def _comparable_payoffs(game: NormalFormGame) -> list[np.ndarray]:
    """Per-player payoff arrays whose ``>`` is the exact order of the payoffs.

    Exact games are scaled to integers (int64 when small enough); float
    games keep their float64 values, whose comparisons are exact.
    """
    out = []
    for p in range(game.n_players):
        arr = game.payoffs[p]
        if not game.is_exact:
            out.append(np.asarray(arr, dtype=np.float64))
            continue
        out.append(_integer_array(arr))
    return out


def _integer_array(arr: np.ndarray) -> np.ndarray:
    dens = [Fraction(v).denominator for v in arr.flat]
    scale = math.lcm(*dens) if dens else 1
    ints = np.empty(arr.shape, dtype=object)
    for idx in np.ndindex(arr.shape):
        value: Any = arr[idx]
        ints[idx] = int(Fraction(value) * scale)
    big = max((abs(v) for v in ints.flat), default=0)
    return ints.astype(np.int64) if big < 2**62 else ints


def _dominated(U: list[np.ndarray], domains: list[list[int]]) -> list[list[int]] | None:
    """Iterated removal of conditionally strictly dominated strategies.

    Strategy ``a`` of ``p`` is removed from its domain when some strategy of
    ``p`` (any of them) does strictly better against every pure profile of
    the others' domains (Porter, Nudelman and Shoham 2008, IRSDS). Returns
    the reduced domains, or None when a domain empties.
    """
    doms = [list(d) for d in domains]
    n = len(doms)
    changed = True
    while changed:
        changed = False
        for p in range(n):
            idx = [range(U[p].shape[p]) if q == p else doms[q] for q in range(n)]
            sub = np.moveaxis(U[p][np.ix_(*idx)], p, 0).reshape(U[p].shape[p], -1)
            keep = []
            for a in doms[p]:
                if any(np.all(sub[b] > sub[a]) for b in range(sub.shape[0]) if b != a):
                    changed = True
                else:
                    keep.append(a)
            if not keep:
                return None
            doms[p] = keep
    return doms


def _support_profiles(
    U: list[np.ndarray], shape: Sequence[int]
) -> Iterator[tuple[tuple[int, ...], ...]]:
    """Support profiles, small and balanced first, pruned by conditional dominance.

    Size vectors are tried in order of total size, then of imbalance
    (largest minus smallest support), as in Porter, Nudelman and Shoham
    (2008), Algorithm 2; supports are assigned player by player and a partial
    assignment is abandoned as soon as a chosen strategy is conditionally
    strictly dominated given the others' current domains.
    """
    n = len(shape)
    sizes_list = sorted(
        itertools.product(*(range(1, s + 1) for s in shape)),
        key=lambda k: (sum(k), max(k) - min(k), k),
    )
    full = [list(range(s)) for s in shape]

    def extend(
        i: int,
        sizes: tuple[int, ...],
        chosen: list[tuple[int, ...]],
        doms: list[list[int]],
    ) -> Iterator[tuple[tuple[int, ...], ...]]:
        if i == n:
            yield tuple(chosen)
            return
        for S in itertools.combinations(doms[i], sizes[i]):
            trial = (
                [list(c) for c in chosen] + [list(S)] + [list(d) for d in doms[i + 1 :]]
            )
            red = _dominated(U, trial)
            if red is None:
                continue
            if any(len(red[q]) < len(trial[q]) for q in range(i + 1)):
                continue
            if any(len(red[q]) < sizes[q] for q in range(i + 1, n)):
                continue
            yield from extend(i + 1, sizes, [*chosen, S], red)

    base = _dominated(U, full)
    if base is None:  # pragma: no cover - some strategy always survives
        return
    for sizes in sizes_list:
        if any(len(base[q]) < sizes[q] for q in range(n)):
            continue
        yield from extend(0, sizes, [], base)


# ---------------------------------------------------------------- one support profile
@dataclass
class _System:
    """The indifference system of one support profile, as sympy polynomials."""

    support: tuple[tuple[int, ...], ...]
    xs: list[Any]
    probs: list[list[Any]]  # probs[p][k]: probability (Poly) of support[p][k]
    equations: list[Any]
    positive: list[Any]
    nonnegative: list[Any]


def _build_system(W: list[np.ndarray], support: tuple[tuple[int, ...], ...]) -> _System:
    import sympy as sp

    n = len(support)
    xs: list[Any] = []
    for p, S in enumerate(support):
        xs.extend(sp.Symbol(f"x{p}_{a}") for a in S[1:])
    gens = xs if xs else [sp.Symbol("_unused")]
    # sparse ring arithmetic is much faster than building Poly objects
    ring, *ring_gens = sp.ring(gens, sp.QQ)
    pos = 0
    ring_probs: list[list[Any]] = []
    for S in support:
        rest = list(ring_gens[pos : pos + len(S) - 1]) if xs else []
        pos += len(S) - 1
        ring_probs.append([ring.one - sum(rest, ring.zero), *rest])

    def poly(e: Any) -> Any:
        return sp.Poly.from_dict(dict(e), *gens, domain=sp.QQ)

    equations: list[Any] = []
    positive: list[Any] = []
    nonnegative: list[Any] = []
    for p in range(n):
        # payoff of each own strategy against the others' supported mix
        arr = W[p]
        idx = [range(arr.shape[q]) if q == p else support[q] for q in range(n)]
        sub = arr[np.ix_(*idx)]
        others = [q for q in range(n) if q != p]
        vals = []
        for b in range(arr.shape[p]):
            block = np.asarray(np.take(sub, b, axis=p))
            total = ring.zero
            for k, prof in enumerate(
                itertools.product(*(range(len(support[q])) for q in others))
            ):
                coeff = block.flat[k]
                if coeff == 0:
                    continue
                term = ring(int(coeff))
                for q, kq in zip(others, prof):
                    term = term * ring_probs[q][kq]
                total = total + term
            vals.append(total)
        a0 = support[p][0]
        for a in support[p][1:]:
            equations.append(poly(vals[a] - vals[a0]))
        for b in range(arr.shape[p]):
            if b not in support[p]:
                nonnegative.append(poly(vals[a0] - vals[b]))
        if len(support[p]) > 1:
            positive.extend(poly(e) for e in ring_probs[p])
    probs = [[poly(e) for e in row] for row in ring_probs]
    return _System(support, xs, probs, equations, positive, nonnegative)


def _feasible(point: RealPoint, system: _System) -> bool:
    xs = system.xs
    if point.is_rational:
        import sympy as sp

        vals = {
            x: sp.Rational(v.numerator, v.denominator)
            for x, v in zip(xs, point.exact_values())
        }
        for pol in system.positive:
            if pol.eval(vals) <= 0 if xs else pol.LC() <= 0:
                return False
        for pol in system.nonnegative:
            if pol.eval(vals) < 0 if xs else pol.LC() < 0:
                return False
        return True
    return all(point.sign(pol, xs) > 0 for pol in system.positive) and all(
        point.sign(pol, xs) >= 0 for pol in system.nonnegative
    )


def _profile_values(
    point: RealPoint,
    system: _System,
    shape: Sequence[int],
    exact: bool,
    closed_form: bool = False,
) -> tuple[list[list[Any]], tuple[tuple[Any, ...], ...] | None]:
    """(profile, closed form or None) of a point of ``system``."""
    import sympy as sp

    xs = system.xs
    closed = None
    if point.is_rational:
        vals = dict(
            zip(
                xs,
                (sp.Rational(v.numerator, v.denominator) for v in point.exact_values()),
            )
        )
    else:
        vals = dict(zip(xs, point.numeric_values()))
        if closed_form:
            closed = dict(zip(xs, point.closed_form()))
    as_fraction = point.is_rational and exact
    profile, forms = [], []
    for p, S in enumerate(system.support):
        vec: list[Any] = [Fraction(0) if as_fraction else 0.0] * shape[p]
        form: list[Any] = [sp.Integer(0)] * shape[p]
        for k, a in enumerate(S):
            pol = system.probs[p][k]
            v = pol.eval(vals) if xs else pol.LC()
            if closed_form:
                form[a] = (
                    sp.Rational(v)
                    if closed is None
                    else sp.radsimp(sp.expand(pol.as_expr().subs(closed)))
                )
            vec[a] = Fraction(int(v.p), int(v.q)) if as_fraction else float(v)
        profile.append(vec)
        forms.append(tuple(form))
    return profile, tuple(forms) if closed_form else None


# ---------------------------------------------------------------- driver
@dataclass
class _Found:
    kind: str  # "point", "arc" or "region"
    system: _System
    point: RealPoint | None = None
    arc: Arc | None = None
    note: str = ""
    dimension: int = 0


def _search(game: NormalFormGame) -> Iterator[_Found]:
    from coercion.solve._algebraic import curve_pieces, real_solutions

    exact_game = game.to_exact()
    W = [_integer_array(exact_game.payoffs[p]) for p in range(game.n_players)]
    W = [w.astype(object) for w in W]
    U = _comparable_payoffs(game)
    for support in _support_profiles(U, game.shape):
        system = _build_system(W, support)
        sols = real_solutions([e.as_expr() for e in system.equations], system.xs)
        arcs: list[Arc] = []
        for curve in sols.curves:
            pieces, isolated = curve_pieces(
                curve, system.xs, system.positive, system.nonnegative
            )
            arcs.extend(pieces)
            for pt in isolated:
                yield _Found("point", system, point=pt)
        for pt in sols.points:
            if _feasible(pt, system) and not any(_inside(pt, a, system) for a in arcs):
                yield _Found("point", system, point=pt)
        for a in arcs:
            yield _Found("arc", system, arc=a)
        if sols.unresolved:
            yield from _region(system)


_GRID = tuple(
    Fraction(a, b) for b in (2, 3, 4, 5) for a in range(1, b) if math.gcd(a, b) == 1
)


def _region(system: _System) -> Iterator[_Found]:
    """Describe a solution set of dimension >= 2 and find an equilibrium in it."""
    from coercion.solve._algebraic import solution_dimension

    eqs = [e.as_expr() for e in system.equations]
    dim = solution_dimension(eqs, system.xs)
    budget = [60]
    sample = _sample_region(system, eqs, {}, budget)
    note = f"{dim}-dimensional solution set"
    yield _Found("region", system, point=sample, note=note, dimension=dim)


def _sample_region(
    system: _System, eqs: list[Any], fixed: dict[Any, Fraction], budget: list[int]
) -> RealPoint | None:
    """A feasible point of ``system`` with some variables fixed on a rational grid."""
    import sympy as sp

    from coercion.solve._algebraic import (
        RealPoint,
        _upoly,
        arc_sample,
        curve_pieces,
        real_solutions,
    )

    if budget[0] <= 0:
        return None
    budget[0] -= 1
    subs = {x: sp.Rational(v.numerator, v.denominator) for x, v in fixed.items()}
    free = [x for x in system.xs if x not in fixed]
    sols = real_solutions([sp.expand(e.subs(subs)) for e in eqs], free)

    def lift(pt: RealPoint) -> RealPoint:
        coords = []
        for x in system.xs:
            if x in fixed:
                coords.append(_upoly(subs[x], pt.minpoly.gens[0]))
            else:
                coords.append(pt.coords[free.index(x)])
        return RealPoint(pt.minpoly, pt.root, tuple(coords))

    for pt in sols.points:
        full = lift(pt)
        if _feasible(full, system):
            return full
    if free:
        gens = free
        pos = [
            sp.Poly(p.as_expr().subs(subs), *gens, domain="QQ") for p in system.positive
        ]
        nonneg = [
            sp.Poly(p.as_expr().subs(subs), *gens, domain="QQ")
            for p in system.nonnegative
        ]
        for curve in sols.curves:
            arcs, isolated = curve_pieces(curve, gens, pos, nonneg)
            for arc in arcs:
                full = lift(arc_sample(arc))
                if _feasible(full, system):
                    return full
            for pt in isolated:
                full = lift(pt)
                if _feasible(full, system):
                    return full
    if sols.unresolved and free:
        for t in free:
            for c in _GRID:
                found = _sample_region(system, eqs, {**fixed, t: c}, budget)
                if found is not None:
                    return found
                if budget[0] <= 0:
                    return None
    return None


def _inside(pt: RealPoint, arc: Arc, system: _System) -> bool:
    """Does ``pt`` lie on ``arc`` strictly between its ends?"""
    import sympy as sp

    curve = arc.curve
    t = system.xs[curve.param]
    for x, c in zip(system.xs, curve.coords):
        num, den = sp.fraction(sp.cancel(c))
        pol = sp.Poly(
            den.subs(curve.t, t) * x - num.subs(curve.t, t), *system.xs, domain="QQ"
        )
        if pt.sign(pol, system.xs) != 0:
            return False
    tv = float(pt.numeric_values()[curve.param])
    lo = -math.inf if arc.lo is None else float(arc.lo[1].evalf(30))
    hi = math.inf if arc.hi is None else float(arc.hi[1].evalf(30))
    return lo < tv < hi


def _check_args(game: Any, exact: Any, tol: Any) -> None:
    if not isinstance(game, NormalFormGame):
        raise NotSupportedError(
            f"{type(game).__name__} is not a NormalFormGame", field="game"
        )
    if exact is not None and not isinstance(exact, bool):
        raise InvalidParameterError(f"{exact!r} is not a bool or None", field="exact")
    if tol is not None and (
        isinstance(tol, bool)
        or not isinstance(tol, int | float)
        or not math.isfinite(tol)
        or tol < 0
    ):
        raise InvalidParameterError(
            f"{tol!r} is not a non-negative number", field="tol"
        )


class _Collector:
    """Turns found points into certified, de-duplicated equilibria."""

    def __init__(
        self, game: NormalFormGame, exact: bool, tol: float | None, closed_form: bool
    ):
        self.game = game.to_exact() if exact and not game.is_exact else game
        self.exact = exact
        self.tol = tol
        self.closed_form = closed_form
        self.keys: dict[tuple[Any, ...], int] = {}
        self.eqs: list[Equilibrium] = []

    def add(self, point: RealPoint, system: _System) -> tuple[int, bool]:
        profile, forms = _profile_values(
            point, system, self.game.shape, self.exact, self.closed_form
        )
        # exact profiles compare exactly; irrational ones (distinct algebraic
        # points of one game differ far above this rounding) by their floats
        key: tuple[Any, ...] = tuple(
            x if isinstance(x, Fraction) else round(float(x), 11) + 0.0
            for vec in profile
            for x in vec
        )
        if key in self.keys:
            return self.keys[key], False
        g = self.game
        extra: dict[str, Any] = {
            "support": tuple(
                tuple(g.strategies[p][a] for a in S)
                for p, S in enumerate(system.support)
            )
        }
        if not point.is_rational:
            extra["minimal_polynomial"] = str(point.minpoly.as_expr())
        if self.closed_form:
            extra["closed_form"] = forms
        eq = make_equilibrium(g, profile, method=METHOD, tol=self.tol, **extra)
        if not eq.is_certified:
            raise SolverError(
                f"profile {eq.to_dict()['profile']} failed its certificate "
                f"(regret {eq.max_regret!r}); please report this game",
                field="game",
            )
        self.keys[key] = len(self.eqs)
        self.eqs.append(eq)
        return len(self.eqs) - 1, True


def iter_support_enumeration(
    game: NormalFormGame,
    *,
    exact: bool | None = None,
    tol: float | None = None,
    closed_form: bool = False,
) -> Iterator[Equilibrium]:
    """Generator twin of :func:`support_enumeration`: equilibria as they are found.

    Yields every equilibrium :func:`support_enumeration` lists (isolated ones,
    the ends of arcs of equilibria and the samples of regions), each once, in
    the order found (small balanced supports first), so a caller can stop
    early. Arcs and regions themselves are only reported by
    :func:`support_enumeration`; equilibria at an arc's end carry
    ``extra["arc_end"] = True`` and region samples
    ``extra["region_sample"] = True``.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    exact, tol, closed_form
        As :func:`support_enumeration`.

    Yields
    ------
    Equilibrium
        Each certified as in :func:`support_enumeration`.

    Raises
    ------
    NotSupportedError, InvalidParameterError, SolverError
        As :func:`support_enumeration` (raised when iteration starts or when
        the offending profile is reached).

    Warns
    -----
    DegenerateGameWarning
        When a region is met (see :func:`support_enumeration`).

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.solve.support import iter_support_enumeration
    >>> pennies = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> next(iter_support_enumeration(pennies)).to_dict()["profile"]
    [['1/2', '1/2'], ['1/2', '1/2']]
    """
    _check_args(game, exact, tol)
    use_exact = game.is_exact if exact is None else exact
    col = _Collector(game, use_exact, tol, closed_form)
    for found in _search(game):
        if found.kind == "point":
            assert found.point is not None
            k, new = col.add(found.point, found.system)
            if new:
                yield col.eqs[k]
        elif found.kind == "arc":
            assert found.arc is not None
            for pt in (found.arc.lo_point, found.arc.hi_point):
                if pt is not None:
                    k, new = col.add(pt, found.system)
                    col.eqs[k].extra["arc_end"] = True
                    if new:
                        yield col.eqs[k]
        else:
            warnings.warn(_region_message(found), DegenerateGameWarning, stacklevel=2)
            if found.point is not None:
                k, new = col.add(found.point, found.system)
                col.eqs[k].extra["region_sample"] = True
                if new:
                    yield col.eqs[k]


def _in_closure(eq: Equilibrium, system: _System) -> bool:
    """Does the exact ``eq`` satisfy ``system`` with strict inequalities relaxed?"""
    import sympy as sp

    if not eq.exact:
        return False
    vals = {}
    k = 0
    for p, S in enumerate(system.support):
        if any(x != 0 for a, x in enumerate(eq.profile[p]) if a not in S):
            return False
        for a in S[1:]:
            x = Fraction(eq.profile[p][a])
            vals[system.xs[k]] = sp.Rational(x.numerator, x.denominator)
            k += 1

    def value(pol: Any) -> Any:
        return pol.eval(vals) if system.xs else pol.LC()

    return (
        all(value(e) == 0 for e in system.equations)
        and all(value(e) >= 0 for e in system.positive)
        and all(value(e) >= 0 for e in system.nonnegative)
    )


def _region_message(found: _Found) -> str:
    where = f"support {found.system.support}: {found.note}"
    if found.point is None:
        return f"{where} holds no equilibrium found by sampling; not enumerated"
    return (
        f"{where} of equilibria, reported as a region with one sample "
        "equilibrium; its extreme points are not enumerated"
    )


def _region_continuum(found: _Found, game: NormalFormGame) -> Continuum:
    system = found.system
    cons = [f"{e.as_expr()} = 0" for e in system.equations]
    cons += [f"{e.as_expr()} > 0" for e in system.positive if not e.is_ground]
    cons += [f"{e.as_expr()} >= 0" for e in system.nonnegative if not e.is_ground]
    return Continuum(
        support=tuple(
            tuple(game.strategies[q][b] for b in S)
            for q, S in enumerate(system.support)
        ),
        parameter=None,
        interval=None,
        closed=None,
        parametrization=None,
        dimension=found.dimension,
        constraints=tuple(cons),
    )


def _number(alpha: Any) -> Any:
    import sympy as sp

    if isinstance(alpha, sp.Rational):
        return Fraction(int(alpha.p), int(alpha.q))
    return float(alpha.evalf(30))


def _continuum(arc: Arc, system: _System, game: NormalFormGame) -> Continuum:
    import sympy as sp

    t = sp.Symbol("t")
    curve = arc.curve
    vals = {x: sp.cancel(c).subs(curve.t, t) for x, c in zip(system.xs, curve.coords)}
    forms = []
    for p, S in enumerate(system.support):
        vec = [sp.Integer(0)] * game.shape[p]
        for k, a in enumerate(S):
            vec[a] = sp.cancel(system.probs[p][k].as_expr().subs(vals))
        forms.append(tuple(vec))
    name = str(curve.t)  # "x{p}_{a}"
    p, a = (int(v) for v in name[1:].split("_"))
    lo = -math.inf if arc.lo is None else _number(arc.lo[1])
    hi = math.inf if arc.hi is None else _number(arc.hi[1])
    return Continuum(
        support=tuple(
            tuple(game.strategies[q][b] for b in S)
            for q, S in enumerate(system.support)
        ),
        parameter=(game.players[p], game.strategies[p][a]),
        interval=(lo, hi),
        closed=(arc.lo_closed, arc.hi_closed),
        parametrization=tuple(forms),
    )


def support_enumeration(
    game: NormalFormGame,
    *,
    exact: bool | None = None,
    tol: float | None = None,
    closed_form: bool = False,
) -> EquilibriumSet:
    r"""All Nash equilibria of an n-player game, by support enumeration.

    Every support profile (each player's support non-empty) is tried, small
    and balanced ones first, after pruning by conditional strict dominance;
    the indifference system of each is solved exactly and its real solutions
    with positive probabilities on the supports and no profitable deviation
    outside them are the equilibria.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players (two included; for two players
        :func:`~coercion.solve.enumeration.enumerate_equilibria` is faster).
    exact : bool, optional
        Report rational equilibria exactly (Fractions, exact certificates):
        the default for exact games. ``exact=True`` on a float game solves
        and certifies against its exact binary values
        (:meth:`NormalFormGame.to_exact`); ``exact=False`` reports floats.
        The algebra itself is always exact.
    tol : float, optional
        Largest regret accepted in float certificates (irrational equilibria,
        float games). Default ``game.default_tol()``.
    closed_form : bool
        Keep each equilibrium's probabilities as sympy expressions (radicals
        where sympy finds them, else ``CRootOf``) in ``extra["closed_form"]``.

    Returns
    -------
    EquilibriumSet
        Each isolated equilibrium once; rational ones exact, irrational ones
        as floats accurate to about 16 significant digits (computed at 60
        digits from the exact algebraic number; ``extra["minimal_polynomial"]``
        names the number field) and certified by their float regret.
        ``components`` groups the equilibria into connected sets; a component
        that is a continuum lists its arcs in ``Component.continua``
        (:class:`~coercion.solve.Continuum`: support, parameter, interval,
        parametrisation) and its ends among the equilibria. A solution set
        of dimension two or more on one support (or a curve not rational in
        any one probability) is reported as a *region*: a
        :class:`~coercion.solve.Continuum` with ``dimension`` and its defining
        ``constraints``, in a component holding one sample equilibrium found
        on a rational grid of slices. For two players the region is convex
        and its component also holds every listed equilibrium in its
        closure; for more players equilibria on a region's boundary may
        belong to its connected set without being merged with it. ``complete``
        is False exactly when there is such a region, since its extreme
        points are not enumerated; ``info["unresolved"]`` says which supports.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a :class:`NormalFormGame`.
    InvalidParameterError
        If ``exact`` is not a bool or None, or ``tol`` is negative or not finite.
    SolverError
        If a profile fails its certificate (a bug: please report the game).

    Warns
    -----
    DegenerateGameWarning
        For every region (see Returns): its support, its dimension and
        whether a sample equilibrium was found in it.

    Examples
    --------
    Bob Nau's 2x2x2 game (Gambit's ``contrib/games/2x2x2-nau.nfg``, described
    there as three pure, two partly mixed and a continuum of totally mixed
    equilibria): the partly mixed ones are the ends of the totally mixed arc,
    and arcs along which player 3 mixes join them to two of the pure ones, so
    all but one equilibrium form a single component:

    >>> from fractions import Fraction
    >>> import coercion as co
    >>> from coercion.solve.support import support_enumeration
    >>> pay = {(0, 0, 0): (0, 0, 2), (1, 0, 0): (3, 0, 0), (0, 1, 0): (0, 3, 0),
    ...        (0, 0, 1): (1, 1, 0), (1, 1, 1): (0, 0, 3)}
    >>> g = co.NormalFormGame.from_function(
    ...     lambda a, b, c: pay.get((a, b, c), (0, 0, 0)), [2, 2, 2])
    >>> eqs = support_enumeration(g)
    >>> len(eqs), [c.extreme for c in eqs.components]
    (5, [(0, 1, 3, 4), (2,)])
    >>> for arc in eqs.components[0].continua:
    ...     print(arc.support, arc.parameter, [str(v) for v in arc.interval])
    (('1',), ('2',), ('1', '2')) ('3', '2') ['0', '3/4']
    (('2',), ('1',), ('1', '2')) ('3', '2') ['0', '3/4']
    (('1', '2'), ('1', '2'), ('1', '2')) ('2', '2') ['0', '1']
    >>> arc.profile_at(Fraction(1, 2))
    ((Fraction(3, 5), Fraction(2, 5)), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 4), Fraction(3, 4)))

    Notes
    -----
    For a support profile :math:`S` the unknowns are the probabilities
    :math:`\sigma_p(a)`, :math:`a \in S_p` except the first, which is
    :math:`1 - \sum` of the others; the equations
    :math:`u_p(a, \sigma_{-p}) - u_p(a_0, \sigma_{-p}) = 0` are multilinear.
    The system is solved with a lexicographic Gröbner basis over
    :math:`\mathbb{Q}` (sympy). A zero-dimensional set is split by the
    irreducible factors :math:`f` of the last variable's eliminant; each
    factor's points are :math:`x = h(\alpha)`, :math:`f(\alpha) = 0`
    (shape lemma; the radical and a separating linear form are used when the
    basis is not in shape position). Signs of the inequality polynomials at
    :math:`x = h(\alpha)` are decided exactly: :math:`P(h(z)) \bmod f` is
    zero or has the sign of its value at a rational approximation of
    :math:`\alpha` once that value exceeds a rigorous bound on the
    approximation error. A one-dimensional set rational in one probability
    :math:`t` (basis over :math:`\mathbb{Q}(t)`) is scanned for the
    :math:`t`-intervals where the inequalities hold, between consecutive
    real roots of the constraints' numerators and denominators; the points
    over special values of :math:`t` (roots of the basis' leading
    coefficients) are solved separately, so isolated points on other
    branches are not lost.

    Support profiles are pruned by iterated removal of conditionally
    strictly dominated strategies (Porter, Nudelman and Shoham 2008): the
    work is at most :math:`\prod_p (2^{s_p} - 1)` systems, and each Gröbner
    basis is exponential in the worst case, so this method suits small games.
    Measured on random generic games (2 shared cores): 2x2x2 well under a
    second, 3x3x3 and 4 players x 2 strategies some seconds, 4x4x2 about ten
    seconds; 5 players x 2 strategies did not finish in 15 minutes (its
    totally mixed system has up to 44 solutions, McKelvey and McLennan 1997).
    For such games use :func:`~coercion.solve.logit_homotopy.homotopy` for one
    equilibrium.

    References
    ----------
    .. [1] R. Porter, E. Nudelman and Y. Shoham, "Simple search methods for
       finding a Nash equilibrium", Games and Economic Behavior 63 (2008),
       642-662.
    .. [2] R. D. McKelvey and A. McLennan, "The maximal number of regular
       totally mixed Nash equilibria", Journal of Economic Theory 72 (1997),
       411-425.
    .. [3] B. Sturmfels, *Solving Systems of Polynomial Equations*, CBMS 97,
       AMS (2002), Chapter 6 ("Polynomial systems in economics").
    .. [4] D. Cox, J. Little and D. O'Shea, *Ideals, Varieties, and
       Algorithms*, 4th ed., Springer (2015).
    """
    _check_args(game, exact, tol)
    use_exact = game.is_exact if exact is None else exact
    col = _Collector(game, use_exact, tol, closed_form)
    arcs: list[tuple[Arc, _System]] = []
    unresolved: list[str] = []
    regions: list[tuple[int, Continuum, _System]] = []
    n_supports = 0
    seen_supports: set[tuple[tuple[int, ...], ...]] = set()
    for found in _search(game):
        if found.system.support not in seen_supports:
            seen_supports.add(found.system.support)
        if found.kind == "point":
            assert found.point is not None
            col.add(found.point, found.system)
        elif found.kind == "arc":
            assert found.arc is not None
            arcs.append((found.arc, found.system))
        else:
            unresolved.append(_region_message(found))
            if found.point is not None:
                k, _ = col.add(found.point, found.system)
                col.eqs[k].extra["region_sample"] = True
                regions.append((k, _region_continuum(found, col.game), found.system))
    n_supports = len(seen_supports)
    # arcs: their ends are equilibria; arcs sharing an end form one component
    parent = list(range(len(col.eqs)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    arc_ends: list[tuple[int, ...]] = []
    for arc, system in arcs:
        ends = []
        for pt in (arc.lo_point, arc.hi_point):
            if pt is not None:
                k, _ = col.add(pt, system)
                col.eqs[k].extra["arc_end"] = True
                while len(parent) < len(col.eqs):
                    parent.append(len(parent))
                ends.append(k)
        arc_ends.append(tuple(ends))
        for k in ends[1:]:
            parent[find(k)] = find(ends[0])
    while len(parent) < len(col.eqs):
        parent.append(len(parent))
    if game.n_players == 2:
        # a two-player region is convex (a product of polytopes), so its
        # closure is its system with the strict inequalities relaxed: every
        # listed equilibrium there is connected to it
        for k, _region, system in regions:
            for j, eq in enumerate(col.eqs):
                if j != k and _in_closure(eq, system):
                    parent[find(j)] = find(k)
    groups: dict[int, list[int]] = {}
    for k in range(len(col.eqs)):
        groups.setdefault(find(k), []).append(k)
    conts: dict[int, list[Continuum]] = {}
    for (arc, system), arc_end in zip(arcs, arc_ends):
        root = find(arc_end[0]) if arc_end else -1
        conts.setdefault(root, []).append(_continuum(arc, system, col.game))
    for k, region, _system in regions:
        conts.setdefault(find(k), []).append(region)
    components = []
    for root, members in sorted(groups.items(), key=lambda kv: kv[1][0]):
        components.append(
            Component(
                extreme=tuple(members),
                nash_subsets=() if root in conts else ((members[0],),),
                continua=tuple(conts.get(root, ())),
            )
        )
    for note in unresolved:
        warnings.warn(note, DegenerateGameWarning, stacklevel=2)
    return EquilibriumSet(
        col.game,
        col.eqs,
        method=METHOD,
        exact=use_exact,
        complete=not unresolved,
        components=components,
        info={"unresolved": unresolved, "supports_with_solutions": n_supports},
    )
