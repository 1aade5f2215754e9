r"""Real solutions of polynomial systems over the rationals (private helper).

Used by :mod:`coercion.solve.support` to solve the indifference systems of
support enumeration exactly. Everything here is exact: Gröbner bases over
:math:`\mathbb{Q}` (sympy), factorisation over :math:`\mathbb{Q}`, and sign
tests at algebraic numbers by reduction modulo the minimal polynomial plus a
rigorous bound on the evaluation error at a rational approximation.

A zero-dimensional solution set is returned as :class:`RealPoint` objects: each
point is ``x = h(alpha)`` for a polynomial vector ``h`` with rational
coefficients and a real root ``alpha`` of an irreducible polynomial ``f`` (the
shape lemma; a random-free separating linear form and the radical are used when
the lex basis is not in shape position). A one-dimensional set whose generic
fibre is rational in one coordinate is returned as :class:`RationalCurve`
objects plus the points over its special parameter values.

References
----------
Cox, Little and O'Shea (2015). *Ideals, Varieties, and Algorithms*, 4th ed.,
Springer: Ch. 3 (elimination and extension theorems), Ch. 5 §3 (finiteness).
Gianni and Mora (1989); Kalkbrener (1997), "On the stability of Gröbner bases
under specializations", J. Symbolic Comput. 24: 51-58.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp

from coercion.errors import SolverError

__all__ = [
    "AlgebraicReal",
    "Arc",
    "RationalCurve",
    "RealPoint",
    "Solutions",
    "curve_pieces",
    "real_solutions",
    "sign_at",
    "solution_dimension",
]

_Z = sp.Symbol("z")
_DIGITS = 60


def _frac(r: Any) -> Fraction:
    r = sp.Rational(r)
    return Fraction(int(r.p), int(r.q))


def _upoly(expr: Any, z: sp.Symbol) -> sp.Poly:
    return sp.Poly(expr, z, domain="QQ")


def _irreducible_factors(poly: sp.Poly) -> list[sp.Poly]:
    out = []
    for fac, _mult in poly.factor_list()[1]:
        if fac.degree() >= 1:
            out.append(sp.Poly(fac.monic(), poly.gens[0], domain="QQ"))
    return out


@dataclass(frozen=True)
class AlgebraicReal:
    """The real root of the irreducible ``f`` in the isolating interval ``[lo, hi]``.

    ``index`` is its rank among the real roots of ``f`` (as in sympy's
    ``CRootOf``). Approximations are rigorous: the interval is refined with
    exact rational arithmetic.
    """

    f: sp.Poly
    lo: Fraction
    hi: Fraction
    index: int

    def enclose(self, digits: int) -> tuple[Fraction, Fraction]:
        """A rational ``rho`` and ``dx`` with ``|alpha - rho| <= dx <= 10**-digits``."""
        a, b = self.f.refine_root(
            sp.Rational(self.lo.numerator, self.lo.denominator),
            sp.Rational(self.hi.numerator, self.hi.denominator),
            eps=sp.Rational(1, 10**digits),
        )
        a, b = _frac(a), _frac(b)
        return (a + b) / 2, (b - a) / 2

    def evalf(self, n: int = 15) -> sp.Float:
        rho, _ = self.enclose(n + 10)
        return sp.Float(sp.Rational(rho.numerator, rho.denominator), n)

    def as_sympy(self) -> Any:
        """The number as a sympy ``CRootOf`` (or whatever sympy simplifies it to)."""
        return sp.CRootOf(self.f.as_expr(), self.index)


def _real_roots(f: sp.Poly) -> list[Any]:
    """Real roots of the irreducible ``f``: Rationals or :class:`AlgebraicReal`."""
    if f.degree() == 1:
        c1, c0 = f.all_coeffs()
        return [sp.Rational(-c0, c1)]
    out = []
    for k, ((a, b), _m) in enumerate(f.intervals()):
        out.append(AlgebraicReal(f, _frac(a), _frac(b), k))
    return out


def _rational_approx(alpha: Any, digits: int) -> tuple[Fraction, Fraction]:
    """A rational ``rho`` and a bound ``dx`` with ``|alpha - rho| <= dx``."""
    if isinstance(alpha, sp.Rational):
        return _frac(alpha), Fraction(0)
    return alpha.enclose(digits)


def sign_at(r: sp.Poly, f: sp.Poly, alpha: Any) -> int:
    """Exact sign of the univariate ``r`` at the root ``alpha`` of irreducible ``f``."""
    r = r.rem(f)
    if r.is_zero:
        return 0
    coeffs = [_frac(c) for c in r.all_coeffs()]
    digits = 30
    while True:
        rho, dx = _rational_approx(alpha, digits)
        val = Fraction(0)
        for c in coeffs:
            val = val * rho + c
        if dx == 0:
            return (val > 0) - (val < 0)
        # |r(alpha) - r(rho)| <= dx * sum_k k |c_k| (|rho| + dx)^(k-1)
        deg = len(coeffs) - 1
        radius = abs(rho) + dx
        bound = sum(
            (deg - i) * abs(c) * radius ** (deg - i - 1)
            for i, c in enumerate(coeffs[:-1])
        )
        if abs(val) > bound * dx:
            return (val > 0) - (val < 0)
        digits *= 2
        if digits > 4000:  # pragma: no cover - r(alpha) != 0 guarantees exit
            raise SolverError(f"cannot decide the sign of {r} at {alpha}", field="r")


@contextmanager
def _iv_precision(bits: int) -> Iterator[None]:
    import mpmath

    old = mpmath.iv.prec
    mpmath.iv.prec = bits
    try:
        yield
    finally:
        mpmath.iv.prec = old


def _interval_of(c: Any) -> Any:
    """A rational as an mpmath interval enclosing it (outward rounded)."""
    import mpmath

    if isinstance(c, Fraction):
        num, den = c.numerator, c.denominator
    else:
        r = sp.Rational(c)
        num, den = int(r.p), int(r.q)
    return mpmath.iv.mpf(num) / mpmath.iv.mpf(den)


def _numeric(alpha: Any) -> sp.Float:
    if isinstance(alpha, sp.Rational):
        return sp.Float(alpha, _DIGITS)
    return alpha.evalf(_DIGITS)


@dataclass(frozen=True)
class RealPoint:
    """A real solution ``x_i = coords[i](alpha)`` with ``minpoly(alpha) = 0``."""

    minpoly: sp.Poly
    root: Any
    coords: tuple[sp.Poly, ...]

    @property
    def is_rational(self) -> bool:
        return self.minpoly.degree() == 1

    def exact_values(self) -> tuple[Fraction, ...]:
        a = self.root
        return tuple(_frac(h.eval(a)) for h in self.coords)

    def numeric_values(self) -> tuple[sp.Float, ...]:
        a = _numeric(self.root)
        return tuple(sp.Float(h.eval(a), _DIGITS) for h in self.coords)

    def closed_form(self) -> tuple[sp.Expr, ...]:
        """Coordinates as sympy numbers (radicals where sympy finds them)."""
        a = self.root
        if not isinstance(a, sp.Rational):
            approx = complex(a.evalf(30))
            a = a.as_sympy()
            if self.minpoly.degree() <= 4:
                for cand in sp.roots(self.minpoly, multiple=True):
                    if abs(complex(cand.evalf(30)) - approx) < 1e-20:
                        a = cand
                        break
        return tuple(
            sp.radsimp(sp.expand(h.as_expr().subs(_Z, a))) for h in self.coords
        )

    def sign(self, poly: sp.Poly, xs: Sequence[sp.Symbol]) -> int:
        """Exact sign of the polynomial ``poly`` (in ``xs``) at this point."""
        if self.is_rational:
            vals = {
                x: sp.Rational(v.numerator, v.denominator)
                for x, v in zip(xs, self.exact_values())
            }
            v = poly.as_expr().subs(vals)
            return int(sp.sign(v))
        quick = self._interval_sign(poly)
        if quick is not None:
            return quick
        sub = poly.as_expr().subs({x: h.as_expr() for x, h in zip(xs, self.coords)})
        return sign_at(_upoly(sub, _Z), self.minpoly, self.root)

    def _interval_sign(self, poly: sp.Poly) -> int | None:
        """The sign by interval arithmetic when the enclosure excludes zero."""
        import mpmath

        cache = self.__dict__.get("_boxes")
        if cache is None:
            rho, dx = _rational_approx(self.root, 40)
            with _iv_precision(200):
                a = _interval_of(rho) + _interval_of(dx) * mpmath.iv.mpf([-1, 1])
                boxes = []
                for h in self.coords:
                    acc = mpmath.iv.mpf(0)
                    for c in h.all_coeffs():
                        acc = acc * a + _interval_of(c)
                    boxes.append(acc)
            object.__setattr__(self, "_boxes", boxes)
            cache = boxes
        with _iv_precision(200):
            total = mpmath.iv.mpf(0)
            for monom, coeff in poly.terms():
                term = _interval_of(coeff)
                for box, e in zip(cache, monom):
                    if e:
                        term = term * box**e
                total = total + term
        if total.a > 0:
            return 1
        if total.b < 0:
            return -1
        return None

    def key(self) -> tuple[float, ...]:
        return tuple(float(v) for v in self.numeric_values())


@dataclass(frozen=True)
class RationalCurve:
    """A curve ``x = coords(t)`` with ``x[param] = t``, rational in ``t``."""

    param: int
    t: sp.Symbol
    coords: tuple[sp.Expr, ...]

    def point_at(self, alpha: Any, f: sp.Poly) -> RealPoint:
        """The curve's point over the root ``alpha`` of irreducible ``f(t)``."""
        fz = _upoly(f.as_expr().subs(self.t, _Z), _Z)
        hs = []
        for c in self.coords:
            num, den = sp.fraction(sp.cancel(c))
            n = _upoly(num.subs(self.t, _Z), _Z)
            d = _upoly(den.subs(self.t, _Z), _Z)
            if d.rem(fz).is_zero:
                raise SolverError("curve has a pole at its endpoint", field="curve")
            if fz.degree() == 1:
                hs.append(_upoly(n.eval(alpha) / d.eval(alpha), _Z))
            else:
                inv = _upoly(sp.invert(d.as_expr(), fz.as_expr(), _Z), _Z)
                hs.append((n * inv).rem(fz))
        return RealPoint(fz, alpha, tuple(hs))

    def rational_function(
        self, poly: sp.Poly, xs: Sequence[sp.Symbol]
    ) -> tuple[sp.Poly, sp.Poly]:
        """``poly`` along the curve as a reduced fraction ``N(t) / D(t)``."""
        expr = poly.as_expr().subs(dict(zip(xs, self.coords)))
        num, den = sp.fraction(sp.cancel(sp.together(expr)))
        return _upoly(num, self.t), _upoly(den, self.t)


@dataclass
class Solutions:
    """Real solutions of a system: isolated points, rational curves, leftovers."""

    points: list[RealPoint] = field(default_factory=list)
    curves: list[RationalCurve] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    def extend(self, other: Solutions) -> None:
        self.points.extend(other.points)
        self.curves.extend(other.curves)
        self.unresolved.extend(other.unresolved)


def _gb(polys: Sequence[Any], gens: Sequence[sp.Symbol], **kw: Any) -> sp.GroebnerBasis:
    return sp.groebner(list(polys), *gens, order="lex", **kw)


def _is_one(G: sp.GroebnerBasis) -> bool:
    polys = G.polys
    return len(polys) == 1 and polys[0].is_ground and not polys[0].is_zero


def _rename(p: sp.Poly, z: sp.Symbol) -> sp.Poly:
    """The univariate ``p`` as a polynomial in ``z`` over QQ."""
    return sp.Poly.from_list(p.all_coeffs(), z, domain=sp.QQ)


def _univariate_in(G: sp.GroebnerBasis, z: sp.Symbol) -> list[sp.Poly]:
    """Elements of ``G`` in ``z`` alone, as univariate polynomials in ``z``."""
    k = list(G.gens).index(z)
    out = []
    for g in G.polys:
        if all(all(e == 0 for i, e in enumerate(m) if i != k) for m in g.monoms()):
            out.append(
                sp.Poly.from_dict({(m[k],): c for m, c in g.terms()}, z, domain=sp.QQ)
            )
    return out


def _shape(
    G: sp.GroebnerBasis, xs: Sequence[sp.Symbol], z: sp.Symbol
) -> list[sp.Poly] | None:
    """``[h_x for x in xs]`` when ``G`` is ``{x - h_x(z)} + {f(z)}``, else None."""
    gens = list(G.gens)
    k = gens.index(z)
    hs: dict[sp.Symbol, sp.Poly] = {}
    for g in G.polys:
        used = {i for m in g.monoms() for i, e in enumerate(m) if e and i != k}
        if not used:
            continue
        if len(used) != 1:
            return None
        (i,) = used
        lead = None
        rest: dict[tuple[int], Any] = {}
        for m, c in g.terms():
            if m[i] == 0:
                rest[(m[k],)] = rest.get((m[k],), 0) + c
            elif m[i] == 1 and all(e == 0 for j, e in enumerate(m) if j != i):
                lead = c
            else:
                return None
        if lead is None:
            return None
        hs[gens[i]] = sp.Poly.from_dict(
            {m: -c / lead for m, c in rest.items()} or {(0,): 0}, z, domain=sp.QQ
        )
    out = []
    for x in xs:
        if x == z:
            out.append(_upoly(z, z))
        elif x in hs:
            out.append(hs[x])
        else:
            return None
    return out


def _eliminant(polys: Sequence[Any], xs: Sequence[sp.Symbol], x: sp.Symbol) -> sp.Poly:
    order = [y for y in xs if y != x] + [x]
    G = _gb(polys, order)
    for g in G.exprs:
        if g.free_symbols <= {x}:
            return _upoly(g, x)
    raise SolverError("zero-dimensional ideal without an eliminant", field="system")


def _points_from_family(
    f: sp.Poly, hs: Sequence[sp.Poly], z: sp.Symbol
) -> list[RealPoint]:
    fz = _rename(f, _Z)
    hz = tuple(_rename(h, _Z).rem(fz) for h in hs)
    return [RealPoint(fz, a, hz) for a in _real_roots(fz)]


def _zero_dim(G: sp.GroebnerBasis, xs: Sequence[sp.Symbol]) -> list[RealPoint]:
    z = xs[-1]
    elim = _univariate_in(G, z)
    if not elim:
        raise SolverError("zero-dimensional basis without an eliminant", field="system")
    out: list[RealPoint] = []
    g = elim[-1]
    factors = [f for f in _irreducible_factors(g) if _real_roots(f)]
    direct = _shape(G, xs, z)
    if direct is not None and g.sqf_part().degree() == g.degree():
        # radical and in shape position: every factor's points are h(alpha)
        for f in factors:
            out.extend(_points_from_family(f, direct, z))
        return out
    for f in factors:
        Gf = _gb([*G.exprs, f.as_expr()], xs)
        hs = _shape(Gf, xs, z)
        if hs is not None:
            out.extend(_points_from_family(f, hs, z))
        else:
            out.extend(_separated(list(Gf.exprs), xs))
    return out


def _separated(polys: list[Any], xs: Sequence[sp.Symbol]) -> list[RealPoint]:
    """Points of a zero-dimensional ideal not in shape position.

    Replaces the ideal by its radical (adding the square-free part of every
    variable's eliminant, Seidenberg's lemma) and adds a separating linear form
    ``w = sum c_i x_i``; a deterministic sequence of weights is tried.
    """
    rad = list(polys)
    for x in xs:
        e = _eliminant(rad, xs, x)
        rad.append(e.sqf_part().as_expr())
    w = sp.Dummy("w")
    for trial in range(1, 12):
        weights = [(trial * (i + 1)) ** 2 % 97 + i + 1 for i in range(len(xs))]
        lin = w - sum(c * x for c, x in zip(weights, xs))
        G = _gb([*rad, lin], [*xs, w])
        elim = [g for g in G.exprs if g.free_symbols <= {w}]
        if not elim:
            continue
        pts: list[RealPoint] = []
        ok = True
        for f in _irreducible_factors(_upoly(elim[-1], w)):
            Gf = _gb([*G.exprs, f.as_expr()], [*xs, w])
            hs = _shape(Gf, [*xs, w], w)
            if hs is None:
                ok = False
                break
            pts.extend(_points_from_family(f, hs[:-1], w))
        if ok:
            return pts
    raise SolverError(
        "no separating linear form found for a zero-dimensional system", field="system"
    )


def _rational_branches(
    polys: Sequence[Any], others: Sequence[sp.Symbol], t: sp.Symbol
) -> tuple[list[tuple[sp.Expr, ...]], bool]:
    """Generic solutions over Q(t) when each is rational in t.

    Returns ``(branches, resolved)``: each branch gives every ``other`` variable
    as a rational function of ``t``.
    """
    K = sp.QQ.frac_field(t)
    G = _gb(polys, others, domain=K)
    if _is_one(G):
        return [], True
    if not G.is_zero_dimensional:
        return [], False
    last = others[-1]
    elim = [g for g in G.exprs if g.free_symbols <= {last, t}]
    num = sp.fraction(sp.together(elim[-1]))[0]
    branches: list[tuple[sp.Expr, ...]] = []
    for fac, _m in sp.factor_list(sp.Poly(num, last, t, domain="QQ"))[1]:
        if fac.degree(last) == 0:
            continue
        if fac.degree(last) != 1:
            return branches, False
        Gb = _gb([*G.exprs, fac.as_expr()], others, domain=K)
        if _is_one(Gb):
            continue
        vals: dict[sp.Symbol, sp.Expr] = {}
        for g in Gb.exprs:
            syms = g.free_symbols - {t}
            if len(syms) != 1:
                return branches, False
            (x,) = syms
            p = sp.Poly(g, x)
            if p.degree() != 1:
                return branches, False
            a, b = p.all_coeffs()
            vals[x] = sp.cancel(-b / a)
        if set(vals) != set(others):
            return branches, False
        branches.append(tuple(vals[x] for x in others))
    return branches, True


def real_solutions(
    polys: Sequence[Any], xs: Sequence[sp.Symbol], depth: int = 0
) -> Solutions:
    """All real solutions of ``polys = 0`` in the variables ``xs``.

    Isolated solutions come as points, one-dimensional families rational in one
    coordinate as curves (plus the points over their special parameter values);
    anything else is described in ``unresolved``.
    """
    sols = Solutions()
    polys = [sp.expand(p) for p in polys if sp.expand(p) != 0]
    if not xs:
        if all(p == 0 for p in polys):
            sols.points.append(RealPoint(_upoly(_Z, _Z), sp.Rational(0), ()))
        return sols
    if not polys:
        if len(xs) == 1:
            sols.curves.append(RationalCurve(0, xs[0], (xs[0],)))
        else:
            sols.unresolved.append(f"{len(xs)}-dimensional solution set")
        return sols
    # a degree-compatible basis is much cheaper than lex; for a finite solution
    # set lex follows from it by FGLM (Faugère, Gianni, Lazard and Mora 1993)
    Gd = sp.groebner(polys, *xs, order="grevlex")
    if _is_one(Gd):
        return sols
    if Gd.is_zero_dimensional:
        sols.points.extend(_zero_dim(Gd.fglm("lex"), xs))
        return sols
    G = _gb(polys, xs)
    if depth > len(xs):
        sols.unresolved.append("positive-dimensional solution set")
        return sols
    for t in reversed(list(xs)):
        others = [x for x in xs if x != t]
        Gt = _gb(list(G.exprs), [*others, t])
        if any(g.free_symbols <= {t} for g in Gt.exprs):
            continue  # t is not free on this set
        branches, resolved = _rational_branches(list(G.exprs), others, t)
        if not resolved:
            continue
        i = list(xs).index(t)
        for br in branches:
            coords = list(br)
            coords.insert(i, t)
            sols.curves.append(RationalCurve(i, t, tuple(coords)))
        special = sp.Integer(1)
        for g in Gt.exprs:
            special *= sp.Poly(g, *others).LC()
        for br in branches:
            for c in br:
                special *= sp.fraction(sp.cancel(c))[1]
        special = sp.expand(special)
        if special.free_symbols:
            for m in _irreducible_factors(_upoly(special, t)):
                if not _real_roots(m):
                    continue
                sols.extend(real_solutions([*G.exprs, m.as_expr()], xs, depth + 1))
        return sols
    sols.unresolved.append("positive-dimensional solution set")
    return sols


@dataclass(frozen=True)
class Arc:
    """A feasible open or closed parameter interval of a curve, with its ends.

    ``lo`` and ``hi`` are ``(minimal polynomial in t, root)`` pairs (or None for
    an unbounded end); ``lo_point`` / ``hi_point`` the curve's limit points there.
    """

    curve: RationalCurve
    lo: tuple[sp.Poly, Any] | None
    hi: tuple[sp.Poly, Any] | None
    lo_closed: bool
    hi_closed: bool
    lo_point: RealPoint | None
    hi_point: RealPoint | None


def _between(a: Any, b: Any) -> Fraction:
    """A rational strictly between the real algebraic numbers ``a < b``."""
    digits = 30
    while True:
        ra, da = _rational_approx(a, digits)
        rb, db = _rational_approx(b, digits)
        if ra + da < rb - db:
            return (ra + da + rb - db) / 2
        digits *= 2


def curve_pieces(
    curve: RationalCurve,
    xs: Sequence[sp.Symbol],
    positive: Sequence[sp.Poly],
    nonnegative: Sequence[sp.Poly],
) -> tuple[list[Arc], list[RealPoint]]:
    """Where on ``curve`` are all ``positive > 0`` and all ``nonnegative >= 0``?

    Returns the maximal feasible arcs (each a connected parameter interval,
    possibly with open ends) and the isolated feasible points of the curve.
    The sign of each constraint along the curve is a rational function of the
    parameter; it can change only at real roots of its numerator or
    denominator, so testing one rational point of each open interval between
    consecutive such roots, and each root exactly, decides feasibility.
    """
    t = curve.t
    cons = [(curve.rational_function(p, xs), True) for p in positive]
    cons += [(curve.rational_function(p, xs), False) for p in nonnegative]
    crit: dict[tuple[Any, int], tuple[sp.Poly, Any]] = {}
    for (num, den), _strict in cons:
        for part in (num, den):
            if part.degree() < 1:
                continue
            for f in _irreducible_factors(part):
                for k, a in enumerate(_real_roots(f)):
                    crit[(f.as_expr(), k)] = (f, a)
    points = sorted(crit.values(), key=lambda fa: _numeric(fa[1]))

    def feasible_rational(s: Fraction) -> bool:
        sv = sp.Rational(s.numerator, s.denominator)
        for (num, den), strict in cons:
            v = num.eval(sv) / den.eval(sv)
            if v < 0 or (strict and v == 0):
                return False
        return True

    def feasible_root(f: sp.Poly, a: Any) -> bool:
        fz = _upoly(f.as_expr().subs(t, _Z), _Z)
        for (num, den), strict in cons:
            sd = sign_at(_upoly(den.as_expr().subs(t, _Z), _Z), fz, a)
            if sd == 0:
                return False
            sn = sign_at(_upoly(num.as_expr().subs(t, _Z), _Z), fz, a)
            if sn * sd < 0 or (strict and sn == 0):
                return False
        return True

    # elements: interval 0, point 0, interval 1, ..., point k-1, interval k
    flags: list[bool] = []
    for k in range(len(points) + 1):
        if not points:
            sample = Fraction(1, 2)
        elif k == 0:
            sample = _rational_approx(points[0][1], 30)[0] - 1
        elif k == len(points):
            sample = _rational_approx(points[-1][1], 30)[0] + 1
        else:
            sample = _between(points[k - 1][1], points[k][1])
        flags.append(feasible_rational(sample))
        if k < len(points):
            flags.append(feasible_root(*points[k]))
    arcs: list[Arc] = []
    isolated: list[RealPoint] = []
    k = 0
    while k < len(flags):
        if not flags[k]:
            k += 1
            continue
        j = k
        while j + 1 < len(flags) and flags[j + 1]:
            j += 1
        if k == j and k % 2 == 1:
            f, a = points[k // 2]
            isolated.append(curve.point_at(a, f))
        else:
            lo: tuple[sp.Poly, Any] | None = None if k == 0 else points[(k - 1) // 2]
            hi: tuple[sp.Poly, Any] | None
            lo_closed = k % 2 == 1
            hi_closed = j % 2 == 1
            if hi_closed:
                hi = points[(j - 1) // 2]
            else:
                hi = None if j // 2 == len(points) else points[j // 2]
            lo_pt = None if lo is None else curve.point_at(lo[1], lo[0])
            hi_pt = None if hi is None else curve.point_at(hi[1], hi[0])
            arcs.append(Arc(curve, lo, hi, lo_closed, hi_closed, lo_pt, hi_pt))
        k = j + 1
    return arcs, isolated


def solution_dimension(polys: Sequence[Any], xs: Sequence[sp.Symbol]) -> int:
    """Dimension of the complex solution set of ``polys = 0`` (-1 when empty).

    The largest set of variables containing no leading monomial of a
    Gröbner basis (a maximal strongly independent set; Cox, Little and
    O'Shea, Ch. 9 §3, Prop. 3).
    """
    from itertools import combinations

    polys = [p for p in (sp.expand(q) for q in polys) if p != 0]
    if not polys:
        return len(xs)
    G = sp.groebner(polys, *xs, order="grevlex")
    if _is_one(G):
        return -1
    lead = [set(i for i, e in enumerate(g.LM(order="grevlex")) if e) for g in G.polys]
    for size in range(len(xs), -1, -1):
        for subset in combinations(range(len(xs)), size):
            chosen = set(subset)
            if all(not lm <= chosen for lm in lead):
                return size
    return 0  # pragma: no cover - the empty set always qualifies


def arc_sample(arc: Arc) -> RealPoint:
    """A rational point in the interior of ``arc``."""
    lo = None if arc.lo is None else arc.lo[1]
    hi = None if arc.hi is None else arc.hi[1]
    if lo is not None and hi is not None:
        s = _between(lo, hi)
    elif lo is not None:
        s = _rational_approx(lo, 30)[0] + 1
    elif hi is not None:
        s = _rational_approx(hi, 30)[0] - 1
    else:
        s = Fraction(1, 2)
    sv = sp.Rational(s.numerator, s.denominator)
    vals = tuple(
        _upoly(sp.cancel(c).subs(arc.curve.t, sv), _Z) for c in arc.curve.coords
    )
    return RealPoint(_upoly(_Z, _Z), sp.Rational(0), vals)
