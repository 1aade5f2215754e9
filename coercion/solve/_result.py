r"""The shared result types of every solver, and the public equilibrium checkers.

Every equilibrium a solver returns carries a certificate: each player's *regret*,
the gain from its best pure deviation,

.. math:: r_p(\sigma) = \max_{s \in S_p} u_p(s, \sigma_{-p}) - u_p(\sigma),

computed exactly (Fractions) for exact games and exact profiles, and in floating
point otherwise, where a profile counts as an equilibrium when its largest regret
is at most ``tol``; the default tolerance is ``1e-9 * max(1, payoff range)``.

Examples
--------
>>> import coercion as co
>>> g = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
>>> co.regret(g, [["1/2", "1/2"], ["1/2", "1/2"]])
Fraction(0, 1)
>>> co.is_nash(g, [[1, 0], [1, 0]])
False
>>> co.player_regrets(g, [[1, 0], [1, 0]])
(Fraction(0, 1), Fraction(2, 1))
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from coercion._numbers import format_exact
from coercion.errors import InvalidParameterError
from coercion.game.normal_form import NormalFormGame

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Equilibrium",
    "EquilibriumSet",
    "Component",
    "Continuum",
    "regret",
    "player_regrets",
    "is_nash",
    "make_equilibrium",
]


def _integer_payoffs(game: NormalFormGame) -> tuple[np.ndarray, int]:
    """``(N, D)``: the exact payoffs as Python ints ``N`` over one denominator ``D``.

    Cached on the game (whose payoffs never change).
    """
    cached = game.__dict__.get("_coercion_integer_payoffs")
    if cached is not None:
        return cached
    flat = [Fraction(v) for v in game.payoffs.flat]
    den = math.lcm(*(v.denominator for v in flat)) if flat else 1
    ints = np.empty(len(flat), dtype=object)
    ints[:] = [v.numerator * (den // v.denominator) for v in flat]
    out = (ints.reshape(game.payoffs.shape), den)
    game.__dict__["_coercion_integer_payoffs"] = out
    return out


def _exact_payoffs_and_regrets(
    game: NormalFormGame, sig: Sequence[np.ndarray]
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    r"""Expected payoffs and regrets of an exact profile, in integer arithmetic.

    With payoffs :math:`N / D` and each player's strategy :math:`\sigma_q =
    k_q / d_q` (integer vectors over one denominator each), every contraction
    runs on Python ints (no gcd per operation) and only the final values
    become Fractions; the values are the same exact rationals as with
    Fraction arithmetic throughout.
    """
    ints, den = _integer_payoffs(game)
    n = game.n_players
    nums, dens = [], []
    for s in sig:
        fr = [Fraction(v) for v in s]
        d = math.lcm(*(v.denominator for v in fr))
        vec = np.empty(len(fr), dtype=object)
        vec[:] = [v.numerator * (d // v.denominator) for v in fr]
        nums.append(vec)
        dens.append(d)
    payoffs, regrets = [], []
    for p in range(n):
        out = ints[p]
        for q in reversed(range(n)):
            if q != p:
                out = np.tensordot(out, nums[q], axes=([q], [0]))
        dev = list(np.asarray(out, dtype=object).reshape(-1))
        scale = den * math.prod(dens[q] for q in range(n) if q != p)
        current = sum(a * b for a, b in zip(dev, nums[p].tolist()))
        payoffs.append(Fraction(current, scale * dens[p]))
        regrets.append(Fraction(max(dev) * dens[p] - current, scale * dens[p]))
    return tuple(payoffs), tuple(regrets)


def _is_exact_profile(game: NormalFormGame, sig: Sequence[np.ndarray]) -> bool:
    return game.is_exact and all(s.dtype == object for s in sig)


def player_regrets(game: NormalFormGame, profile: Any) -> tuple[Any, ...]:
    """Each player's regret (gain of its best pure deviation) at ``profile``.

    Exact (Fractions) when the game and the profile are exact, floats otherwise.

    Raises
    ------
    InvalidProfileError
        If ``profile`` does not fit the game.
    """
    sig = game.normalize_profile(profile)
    if _is_exact_profile(game, sig):
        return _exact_payoffs_and_regrets(game, sig)[1]
    out = []
    for p in range(game.n_players):
        dev = game.deviation_payoffs(p, sig)
        cur = sum(dev[i] * sig[p][i] for i in range(len(dev)))
        out.append(float(np.max(dev.astype(float))) - float(cur))
    return tuple(out)


def regret(game: NormalFormGame, profile: Any) -> Any:
    """The largest regret of any player at ``profile`` (0 exactly at an exact NE).

    Examples
    --------
    >>> import coercion as co
    >>> pd = co.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> co.regret(pd, [[1, 0], [1, 0]])
    Fraction(2, 1)
    """
    return max(player_regrets(game, profile))


def is_nash(game: NormalFormGame, profile: Any, *, tol: float | None = None) -> bool:
    """Is ``profile`` a Nash equilibrium of ``game``?

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence of per-player probability vectors
    tol : float, optional
        Largest regret accepted. Default: 0 (exact test) when game and profile are
        exact, else ``game.default_tol()`` (``1e-9 * max(1, payoff range)``).

    Raises
    ------
    InvalidParameterError
        If ``tol`` is negative or not finite.
    InvalidProfileError
        If ``profile`` does not fit the game.
    """
    if tol is not None and (not np.isfinite(tol) or tol < 0):
        raise InvalidParameterError(
            f"{tol!r} is not a non-negative number", field="tol"
        )
    r = regret(game, profile)
    if isinstance(r, Fraction) and tol is None:
        return r == 0
    limit = game.default_tol() if tol is None else tol
    return bool(r <= limit)


_PROB_TOL = 1e-12  # float probabilities at or below this are outside the support


def _fmt(v: Any) -> str:
    if isinstance(v, Fraction | int) and not isinstance(v, bool):
        return format_exact(v)
    return f"{float(v):.10g}"


def _json_num(v: Any) -> Any:
    if isinstance(v, Fraction | int) and not isinstance(v, bool):
        return format_exact(v)
    return float(v)


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """A Nash equilibrium with its certificate.

    Attributes
    ----------
    game : NormalFormGame
        The game it solves.
    profile : tuple of numpy arrays
        One probability vector per player (object arrays of Fractions when exact).
    payoffs : tuple
        Expected payoff of each player.
    regrets : tuple
        Each player's regret (gain of its best pure deviation): the certificate.
    tol : float
        Largest regret accepted (0 for exact certificates).
    method : str
        The algorithm that found it.
    exact : bool
        Whether profile, payoffs and regrets are exact rationals.
    """

    game: NormalFormGame
    profile: tuple[np.ndarray, ...]
    payoffs: tuple[Any, ...]
    regrets: tuple[Any, ...]
    tol: float
    method: str
    exact: bool
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def max_regret(self) -> Any:
        """The largest regret of any player."""
        return max(self.regrets)

    @property
    def is_certified(self) -> bool:
        """True when the certificate shows a Nash equilibrium (regret <= tol)."""
        if self.exact:
            return self.max_regret == 0
        return bool(float(self.max_regret) <= self.tol)

    @property
    def supports(self) -> tuple[tuple[str, ...], ...]:
        """Labels of the strategies each player uses with positive probability.

        Float profiles count probabilities above ``1e-12`` (``tol`` bounds
        payoff regrets, not probabilities, so it is not used here).
        """
        return tuple(
            tuple(
                self.game.strategies[p][i]
                for i, x in enumerate(self.profile[p])
                if (x > 0 if self.exact else x > _PROB_TOL)
            )
            for p in range(self.game.n_players)
        )

    @property
    def is_pure(self) -> bool:
        """True when every player plays a single strategy."""
        return all(len(s) == 1 for s in self.supports)

    def strategy(self, player: int | str) -> dict[str, Any]:
        """The mixed strategy of ``player`` as ``{strategy label: probability}``."""
        p = self.game.player_index(player)
        return dict(zip(self.game.strategies[p], self.profile[p].tolist()))

    def __getitem__(self, player: int | str) -> dict[str, Any]:
        return self.strategy(player)

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """``{player: {strategy: probability}}``."""
        return {pl: self.strategy(i) for i, pl in enumerate(self.game.players)}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: profile per player in order, exact numbers as ``"a/b"``."""
        return {
            "profile": [[_json_num(x) for x in s] for s in self.profile],
            "payoffs": [_json_num(x) for x in self.payoffs],
            "max_regret": _json_num(self.max_regret),
        }

    def __repr__(self) -> str:
        parts = []
        for p, pl in enumerate(self.game.players):
            mix = ", ".join(
                f"{s}: {_fmt(x)}"
                for s, x in zip(self.game.strategies[p], self.profile[p])
                if x != 0
            )
            parts.append(f"{pl}={{{mix}}}")
        return (
            f"<Equilibrium {' '.join(parts)} payoffs=({', '.join(_fmt(v) for v in self.payoffs)})"
            f" regret={_fmt(self.max_regret)}>"
        )


def make_equilibrium(
    game: NormalFormGame,
    profile: Sequence[Any],
    *,
    method: str,
    tol: float | None = None,
    **extra: Any,
) -> Equilibrium:
    """Build an :class:`Equilibrium`, computing its payoffs and certificate.

    The certificate is computed here, independently of the solver that found the
    profile: exact when game and profile are exact.
    """
    sig = tuple(game.normalize_profile(profile))
    exact = _is_exact_profile(game, sig)
    payoffs: tuple[Any, ...]
    regrets: tuple[Any, ...]
    if exact:
        payoffs, regrets = _exact_payoffs_and_regrets(game, sig)
    else:
        regrets = player_regrets(game, sig)
        payoffs = game.expected_payoffs(sig)
    if exact:
        t = 0.0
    else:
        t = game.default_tol() if tol is None else float(tol)
        sig = tuple(np.asarray(s, dtype=np.float64) for s in sig)
        payoffs = tuple(float(v) for v in payoffs)
    return Equilibrium(
        game=game,
        profile=sig,
        payoffs=tuple(payoffs),
        regrets=tuple(regrets),
        tol=t,
        method=method,
        exact=exact,
        extra=dict(extra),
    )


@dataclass(frozen=True)
class Continuum:
    r"""A one-parameter arc of equilibria of an n-player game.

    Along the arc every player plays the strategies of ``support`` and the
    profile is a rational function of one probability ``t`` (the
    ``parameter``: that player's probability of that strategy) on the
    interval from ``interval[0]`` to ``interval[1]``; ``closed`` says which
    ends belong to the arc (an open end is a limit profile, itself an
    equilibrium with a smaller support, listed in the set).

    Attributes
    ----------
    support : tuple of tuple of str
        The strategies each player uses along the arc.
    parameter : (str, str)
        ``(player, strategy)`` whose probability parametrises the arc.
    interval : (number, number)
        Ends of the parameter interval (Fractions when rational, else floats).
    closed : (bool, bool)
        Whether each end belongs to the arc.
    parametrization : tuple of tuple of sympy expressions
        Each player's probability vector as a function of the sympy symbol
        ``t`` (zeros off the support).
    dimension : int
        1 for an arc. A set of dimension 2 or more on one support (a
        *region*) has ``parameter``, ``interval``, ``closed`` and
        ``parametrization`` None and is described by ``constraints``.
    constraints : tuple of str
        For a region: the equations and inequalities defining it, in the
        variables ``x{p}_{a}`` (player ``p``'s probability of its strategy
        ``a``, 0-based; each player's first support strategy takes the rest).
    """

    support: tuple[tuple[str, ...], ...]
    parameter: tuple[str, str] | None
    interval: tuple[Any, Any] | None
    closed: tuple[bool, bool] | None
    parametrization: tuple[tuple[Any, ...], ...] | None = field(repr=False)
    dimension: int = 1
    constraints: tuple[str, ...] = field(default=(), repr=False)

    def profile_at(self, t: Any) -> tuple[tuple[Any, ...], ...]:
        """The profile at parameter value ``t`` (exact when ``t`` is a Fraction).

        Raises
        ------
        InvalidParameterError
            If ``t`` lies outside :attr:`interval`.
        """
        if self.interval is None or self.parametrization is None:
            raise InvalidParameterError(
                f"a {self.dimension}-dimensional region has no parameter", field="t"
            )
        lo, hi = self.interval
        if not (lo <= t <= hi):
            raise InvalidParameterError(
                f"{t!r} lies outside the arc's interval [{lo}, {hi}]", field="t"
            )
        import sympy as sp

        sym = sp.Symbol("t")
        exact = isinstance(t, Fraction | int) and not isinstance(t, bool)
        val = sp.Rational(t.numerator, t.denominator) if exact else sp.Float(t, 30)
        out = []
        for player in self.parametrization:
            vec = []
            for e in player:
                v = sp.sympify(e).subs(sym, val)
                vec.append(Fraction(int(v.p), int(v.q)) if exact else float(v))
            out.append(tuple(vec))
        return tuple(out)


@dataclass(frozen=True)
class Component:
    """A connected set of equilibria (of a degenerate game).

    Attributes
    ----------
    extreme : tuple of int
        Indices (into the :class:`EquilibriumSet`) of its extreme equilibria.
    nash_subsets : tuple of tuple of int
        Its maximal Nash subsets: sets of extreme equilibria whose convex hull
        consists of equilibria (products of a face of each player's polytope).
        The component is their union.
    continua : tuple of Continuum
        For n-player games solved by support enumeration: the arcs of
        equilibria the component consists of (empty for isolated equilibria
        and for two-player components, which ``nash_subsets`` describe).
    """

    extreme: tuple[int, ...]
    nash_subsets: tuple[tuple[int, ...], ...]
    continua: tuple[Continuum, ...] = field(default=(), repr=False)

    @property
    def is_continuum(self) -> bool:
        """True when the component holds more than one equilibrium."""
        return len(self.extreme) > 1 or bool(self.continua)


class EquilibriumSet(Sequence[Equilibrium]):
    """A list of equilibria from one solver call, with how they were found.

    Behaves like a read-only list. For a degenerate two-player game solved by
    enumeration, :attr:`components` lists the connected components (and their
    maximal Nash subsets), so a continuum of equilibria is reported as such.

    Attributes
    ----------
    game : NormalFormGame
    method : str
        The algorithm used (``co.solve`` says which it picked).
    exact : bool
        Whether the arithmetic was exact.
    complete : bool
        True when the method guarantees every (extreme) equilibrium is listed.
    components : tuple of Component or None
        Connected components, when the method computes them.
    """

    def __init__(
        self,
        game: NormalFormGame,
        equilibria: Iterable[Equilibrium],
        *,
        method: str,
        exact: bool,
        complete: bool,
        components: Sequence[Component] | None = None,
        info: dict[str, Any] | None = None,
    ) -> None:
        self.game = game
        self._eqs = list(equilibria)
        self.method = method
        self.exact = exact
        self.complete = complete
        self.components = None if components is None else tuple(components)
        self.info = dict(info or {})

    @overload
    def __getitem__(self, i: int) -> Equilibrium: ...
    @overload
    def __getitem__(self, i: slice) -> list[Equilibrium]: ...
    def __getitem__(self, i: int | slice) -> Equilibrium | list[Equilibrium]:
        return self._eqs[i]

    def __len__(self) -> int:
        return len(self._eqs)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self._eqs)

    @property
    def nash_subsets(self) -> tuple[tuple[int, ...], ...]:
        """All maximal Nash subsets (empty tuple when not computed)."""
        if self.components is None:
            return ()
        return tuple(s for c in self.components for s in c.nash_subsets)

    @property
    def max_regret(self) -> Any:
        """Largest regret over all equilibria (0 for an empty set)."""
        return max((e.max_regret for e in self._eqs), default=0)

    def to_frame(self) -> pd.DataFrame:
        """A tidy table: one row per (equilibrium, player, strategy).

        Columns: ``equilibrium``, ``player``, ``strategy``, ``probability``,
        ``payoff`` (the player's expected payoff), ``regret`` (the player's),
        ``component`` (when components are known).
        """
        import pandas as pd

        comp_of: dict[int, int] = {}
        if self.components is not None:
            for c, comp in enumerate(self.components):
                for k in comp.extreme:
                    comp_of[k] = c
        rows = []
        for k, e in enumerate(self._eqs):
            for p, pl in enumerate(self.game.players):
                for s, x in zip(self.game.strategies[p], e.profile[p]):
                    row = {
                        "equilibrium": k,
                        "player": pl,
                        "strategy": s,
                        "probability": x,
                        "payoff": e.payoffs[p],
                        "regret": e.regrets[p],
                    }
                    if self.components is not None:
                        row["component"] = comp_of.get(k)
                    rows.append(row)
        columns = ["equilibrium", "player", "strategy", "probability", "payoff"]
        columns.append("regret")
        if self.components is not None:
            columns.append("component")
        return pd.DataFrame(rows, columns=columns)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``coercion solve --json``."""
        return {
            "equilibria": [e.to_dict() for e in self._eqs],
            "method": self.method,
            "exact": self.exact,
        }

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as a JSON string."""
        return json.dumps(self.to_dict(), **kwargs)

    def to_text(self) -> str:
        """A plain-text table: one row per equilibrium, one column per player.

        Each player's cell lists the strategies it plays with positive
        probability; then the expected payoffs and the largest regret, and the
        component of each equilibrium when components are known.

        Examples
        --------
        >>> import coercion as co
        >>> bos = co.NormalFormGame.from_bimatrix(
        ...     [[2, 0], [0, 1]], [[1, 0], [0, 2]], players=("Ann", "Bob"),
        ...     strategies=(["opera", "boxing"], ["opera", "boxing"]))
        >>> print(co.solve(bos).to_text())
        3 equilibria, method vertex-enumeration (exact), exact, complete
        #  Ann                      Bob                      payoffs   regret  component
        0  opera: 1                 opera: 1                 2, 1      0       0
        1  opera: 2/3, boxing: 1/3  opera: 1/3, boxing: 2/3  2/3, 2/3  0       1
        2  boxing: 1                boxing: 1                1, 2      0       2
        """
        g = self.game
        head = ["#", *g.players, "payoffs", "regret"]
        comp_of: dict[int, int] = {}
        if self.components is not None:
            head.append("component")
            for c, comp in enumerate(self.components):
                for k in comp.extreme:
                    comp_of[k] = c
        rows = []
        for k, e in enumerate(self._eqs):
            row = [str(k)]
            for p in range(g.n_players):
                row.append(
                    ", ".join(
                        f"{s}: {_fmt(x)}"
                        for s, x in zip(g.strategies[p], e.profile[p])
                        if x != 0
                    )
                )
            row.append(", ".join(_fmt(v) for v in e.payoffs))
            row.append(_fmt(e.max_regret))
            if self.components is not None:
                row.append(str(comp_of.get(k, "")))
            rows.append(row)
        widths = [max(len(r[c]) for r in [head, *rows]) for c in range(len(head))]
        lines = [
            f"{len(self)} equilibria, method {self.method}, "
            f"{'exact' if self.exact else 'float'}"
            f"{', complete' if self.complete else ''}"
        ]
        for r in [head, *rows]:
            lines.append("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip())
        return "\n".join(lines)

    def __repr__(self) -> str:
        comp = ""
        if self.components is not None:
            cont = sum(c.is_continuum for c in self.components)
            comp = f", {len(self.components)} components ({cont} continua)"
        return (
            f"<EquilibriumSet of {len(self)} equilibria, method={self.method!r}, "
            f"{'exact' if self.exact else 'float'}{comp}>"
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        g = self.game
        head = "<th>#</th>" + "".join(f"<th>{esc(p)}</th>" for p in g.players)
        head += "".join(f"<th>u({esc(p)})</th>" for p in g.players) + "<th>regret</th>"
        comp_of: dict[int, int] = {}
        if self.components is not None:
            head += "<th>component</th>"
            for c, comp in enumerate(self.components):
                for k in comp.extreme:
                    comp_of[k] = c
        rows = []
        for k, e in enumerate(self._eqs):
            cells = f"<td>{k}</td>"
            for p in range(g.n_players):
                mix = ", ".join(
                    f"{esc(s)}: {esc(_fmt(x))}"
                    for s, x in zip(g.strategies[p], e.profile[p])
                    if x != 0
                )
                cells += f"<td>{mix}</td>"
            cells += "".join(f"<td>{esc(_fmt(v))}</td>" for v in e.payoffs)
            cells += f"<td>{esc(_fmt(e.max_regret))}</td>"
            if self.components is not None:
                cells += f"<td>{comp_of.get(k, '')}</td>"
            rows.append(f"<tr>{cells}</tr>")
        cap = esc(repr(self))
        return (
            f"<table><caption>{cap}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
