r"""Repeated games: when can open trade be sustained, and what finite repetition gives.

A *stage game* :math:`G` (any :class:`~coercion.NormalFormGame`, or a
:class:`~coercion.SymbolicGame` for exact thresholds in named parameters) is
played every period; each player maximises its normalised discounted payoff
:math:`(1-\delta)\sum_{t\ge 0}\delta^t u_i(a^t)`. A *cooperation* profile
:math:`a^*` (e.g. both sides keep trade open) is sustained by a strategy when
no player gains by deviating; the smallest such :math:`\delta` is the
*critical discount factor*. Write, for player :math:`i`,

- :math:`c_i = u_i(a^*)` (cooperation, :math:`R` in the prisoner's dilemma),
- :math:`d_i = \max_{a_i} u_i(a_i, a^*_{-i})` (best deviation, :math:`T`),
- :math:`p_i = u_i(\hat a)` at the punishment profile :math:`\hat a`, a stage
  Nash equilibrium (:math:`P`).

Examples
--------
The trade prisoner's dilemma with :math:`T, R, P, S = 5, 3, 1, 0`:

>>> import coercion as co
>>> from coercion.dynamics import critical_discount_factors
>>> pd = co.NormalFormGame.from_bimatrix(
...     [[3, 0], [5, 1]], [[3, 5], [0, 1]],
...     strategies=(["open", "restrict"], ["open", "restrict"]))
>>> th = critical_discount_factors(pd, cooperation=("open", "open"))
>>> th.grim_trigger, th.tit_for_tat
(Fraction(1, 2), Fraction(2, 3))

One period of punishment is too short here (:math:`T - R = R - P`); two
periods need the golden ratio:

>>> th.limited_punishment
{1: None, 2: -1/2 + sqrt(5)/2}
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from coercion.errors import (
    InvalidParameterError,
    NotSupportedError,
    TieWarning,
)
from coercion.game.normal_form import NormalFormGame

__all__ = [
    "DiscountThresholds",
    "critical_discount_factors",
    "FinitelyRepeatedSolution",
    "finitely_repeated",
]


def _is_symbolic(x: Any) -> bool:
    return type(x).__module__.startswith("sympy")


def _is_symbolic_game(game: Any) -> bool:
    return type(game).__name__ == "SymbolicGame"


def _numeric(x: Any) -> bool:
    """True when ``x`` has a definite numeric value (Fraction, float, sympy number)."""
    if _is_symbolic(x):
        return bool(getattr(x, "is_number", False))
    return True


def _exact_value(x: Any) -> Any:
    """A sympy number becomes a Fraction (rational) or float; others stay."""
    if _is_symbolic(x) and getattr(x, "is_number", False):
        if x.is_Rational:
            return Fraction(int(x.p), int(x.q))
        return x
    return x


def _profile_index(game: Any, profile: Any, name: str) -> tuple[int, ...]:
    if profile is None:
        raise InvalidParameterError("no profile given", field=name)
    if isinstance(profile, str) or len(profile) != len(game.strategies):
        raise InvalidParameterError(
            f"{profile!r} does not give one strategy per player", field=name
        )
    out = []
    for p, s in enumerate(profile):
        labels = game.strategies[p]
        if isinstance(s, str):
            if s not in labels:
                raise InvalidParameterError(
                    f"{s!r} is not a strategy of player {p} ({list(labels)})",
                    field=f"{name}[{p}]",
                )
            out.append(labels.index(s))
        else:
            k = int(s)
            if not 0 <= k < len(labels):
                raise InvalidParameterError(
                    f"{s!r} is not a strategy index of player {p}",
                    field=f"{name}[{p}]",
                )
            out.append(k)
    return tuple(out)


def _threshold(gain: Any, rate: Any) -> Any:
    r"""Smallest :math:`\delta \in [0, 1)` with ``gain <= delta * rate``.

    ``None`` when no :math:`\delta < 1` works. Symbolic inputs give
    ``gain / rate`` (the threshold when the deviation pays, ``gain > 0``, and
    the punishment hurts, ``rate > gain``, as in a prisoner's dilemma).
    """
    if not (_numeric(gain) and _numeric(rate)):
        import sympy as sp

        return sp.simplify(gain / rate)
    gain, rate = _exact_value(gain), _exact_value(rate)
    if gain <= 0:
        return gain * 0
    if rate <= 0 or gain >= rate:
        return None
    return gain / rate


def _limited_threshold(gain: Any, rate: Any, k: int) -> Any:
    r"""Smallest :math:`\delta` with ``gain <= rate * (delta + ... + delta^k)``."""
    if k == 1:
        return _threshold(gain, rate)
    symbolic = not (_numeric(gain) and _numeric(rate))
    if not symbolic:
        gain, rate = _exact_value(gain), _exact_value(rate)
        if gain <= 0:
            return gain * 0
        if rate <= 0 or gain >= k * rate:
            return None
    if symbolic and k > 2:
        raise NotSupportedError(
            f"a closed form for symbolic payoffs exists for k <= 2, not k = {k}",
            field="punishment_lengths",
        )
    x = gain / rate
    if isinstance(x, float):
        # sum_{t=1}^k delta^t is increasing on [0, 1]: bisection to machine precision
        lo, hi = 0.0, 1.0
        for _ in range(200):
            mid = (lo + hi) / 2
            if sum(mid**t for t in range(1, k + 1)) >= x:
                hi = mid
            else:
                lo = mid
        return hi
    import sympy as sp

    d = sp.Symbol("delta", positive=True)
    if symbolic:
        # k == 2: delta^2 + delta - x = 0, positive root
        return sp.simplify((-1 + sp.sqrt(1 + 4 * x)) / 2)
    poly = sp.Poly(sum(d**t for t in range(1, k + 1)) - sp.Rational(x), d)
    roots = [r for r in poly.real_roots() if 0 < r <= 1]
    root = roots[0]
    return _exact_value(root) if root.is_Rational else root


def _max_over_players(values: Sequence[Any]) -> Any:
    if any(v is None for v in values):
        return None
    if any(_is_symbolic(v) and not getattr(v, "is_number", True) for v in values):
        import sympy as sp

        return sp.Max(*values)
    return max(values)


@dataclass(frozen=True)
class DiscountThresholds:
    r"""Critical discount factors of a repeated game (see :func:`critical_discount_factors`).

    ``None`` means no discount factor below 1 sustains cooperation; 0 means
    every discount factor does (no player gains by deviating).

    Attributes
    ----------
    cooperation : tuple of str
        The cooperative profile, as labels.
    punishment : tuple of tuples of str
        For each player, the stage equilibrium played after it deviates.
    grim_trigger : number, sympy expression or None
        :math:`\max_i (d_i - c_i)/(d_i - p_i)`.
    grim_by_player : tuple
        Each player's own threshold.
    tit_for_tat : number, sympy expression or None
        Axelrod's threshold, two players only (``None`` also for other games).
    limited_punishment : dict
        Punishment length :math:`k` -> threshold of the :math:`k`-period
        punishment strategy.
    payoffs : dict
        ``{"cooperation", "deviation", "punishment", "sucker"}`` per player:
        :math:`c_i, d_i, p_i` and :math:`u_i(a^*_i, \hat a_{-i})`.
    """

    cooperation: tuple[str, ...]
    punishment: tuple[tuple[str, ...], ...]
    grim_trigger: Any
    grim_by_player: tuple[Any, ...]
    tit_for_tat: Any
    limited_punishment: dict[int, Any]
    payoffs: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def sustains(self, delta: Any, strategy: str = "grim") -> bool:
        """Is cooperation sustained at discount factor ``delta``?

        ``strategy`` is ``"grim"``, ``"tit-for-tat"`` or ``"k=<int>"``.

        Raises
        ------
        InvalidParameterError
            If ``strategy`` is unknown or ``delta`` is not in ``[0, 1)``.
        NotSupportedError
            If the threshold is symbolic.
        """
        if not 0 <= delta < 1:
            raise InvalidParameterError(f"{delta!r} is not in [0, 1)", field="delta")
        if strategy == "grim":
            t = self.grim_trigger
        elif strategy == "tit-for-tat":
            t = self.tit_for_tat
        elif strategy.startswith("k=") and int(strategy[2:]) in self.limited_punishment:
            t = self.limited_punishment[int(strategy[2:])]
        else:
            raise InvalidParameterError(f"{strategy!r} is unknown", field="strategy")
        if t is None:
            return False
        if _is_symbolic(t) and not t.is_number:
            raise NotSupportedError(f"threshold {t} is symbolic", field="strategy")
        return bool(delta >= t)


def _payoff_table(game: Any) -> np.ndarray:
    return np.asarray(game.payoffs)


def _stage_equilibrium_profiles(game: NormalFormGame) -> list[tuple[int, ...]]:
    from coercion.solve.pure import iter_pure_equilibria

    out = []
    for eq in iter_pure_equilibria(game):
        out.append(
            tuple(int(np.argmax(np.asarray(s, dtype=float))) for s in eq.profile)
        )
    return out


def critical_discount_factors(
    stage: Any,
    cooperation: Sequence[Any],
    punishment: Sequence[Any] | None = None,
    *,
    punishment_lengths: Sequence[int] = (1, 2),
) -> DiscountThresholds:
    r"""Critical discount factors for grim trigger, tit-for-tat and k-period punishments.

    Parameters
    ----------
    stage : NormalFormGame or SymbolicGame
        The stage game. Exact games give exact (Fraction or algebraic)
        thresholds, symbolic games sympy expressions.
    cooperation : sequence
        The cooperative pure profile (labels or indices), e.g. both open.
    punishment : sequence, optional
        A pure stage Nash equilibrium played after a deviation. Default: the
        game's pure equilibrium (if several, the one worst for the player with
        the highest threshold is reported, each player punished by its worst
        one). Required for symbolic games.
    punishment_lengths : sequence of int
        The :math:`k` of the limited-punishment strategies.

    Returns
    -------
    DiscountThresholds

    Raises
    ------
    InvalidParameterError
        Bad profiles, no pure stage equilibrium to punish with, a punishment
        that is not a stage Nash equilibrium, or a length ``k < 1``.
    NotSupportedError
        Symbolic payoffs with a punishment length above 2.

    Examples
    --------
    Symbolic payoffs give the textbook formulas:

    >>> import sympy as sp
    >>> from coercion.game.symbolic import SymbolicGame
    >>> from coercion.dynamics import critical_discount_factors
    >>> T, R, P, S = sp.symbols("T R P S")
    >>> g = SymbolicGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]])
    >>> th = critical_discount_factors(g, (0, 0), (1, 1))
    >>> th.grim_trigger
    (R - T)/(P - T)
    >>> th.tit_for_tat
    Max((R - T)/(P - T), (-R + T)/(R - S))

    Notes
    -----
    *Grim trigger* (Friedman's Nash reversion [1]_, [2]_ §2.5): cooperate until
    someone deviates, then play :math:`\hat a` for ever. By the one-shot
    deviation principle it is a subgame-perfect equilibrium iff for every
    :math:`i`, :math:`c_i \ge (1-\delta) d_i + \delta p_i`, i.e.

    .. math:: \delta \ge \delta^{\text{grim}}_i = \frac{d_i - c_i}{d_i - p_i}
              \quad\bigl(= \tfrac{T - R}{T - P}\text{ in the PD}\bigr).

    *Limited punishment* (:math:`k` periods of :math:`\hat a`, then back to
    :math:`a^*`; [2]_ §2.6.2): a deviation pays :math:`d_i` once and
    :math:`p_i` for :math:`k` periods instead of :math:`c_i`, so the condition
    is :math:`d_i - c_i \le (c_i - p_i)\sum_{t=1}^{k} \delta^t`; the left side
    of the sum is increasing, so the threshold is its unique root in
    :math:`(0, 1]` (rational for :math:`k = 1`, algebraic otherwise). It
    decreases in :math:`k` towards the grim threshold.

    *Tit-for-tat* (two players; play :math:`a^*_i` if the other played
    :math:`a^*_j` last period, else :math:`\hat a_i`). Against it a player
    faces a two-state decision problem (the other cooperates or punishes); its
    stationary alternatives to cooperating are always deviating
    (:math:`T` then :math:`P' = \max_{a_i \ne a_i^*} u_i(a_i, \hat a_j)`
    for ever) and alternating deviation and cooperation (:math:`T, S, T, S,
    \dots`, with :math:`S = u_i(a_i^*, \hat a_j)`), so TFT is a Nash
    equilibrium iff

    .. math:: \delta \ge \max\Bigl(\frac{T - R}{T - P'}, \frac{T - R}{R - S}\Bigr),

    Axelrod's Proposition 2 [3]_ (his :math:`w`). TFT is subgame perfect only
    on a knife edge ([2]_ §2.4.3), so this is a Nash threshold.

    References
    ----------
    .. [1] Friedman, J. W. (1971). A non-cooperative equilibrium for
       supergames. *Review of Economic Studies* 38(1), 1-12.
    .. [2] Mailath, G. J. and Samuelson, L. (2006). *Repeated Games and
       Reputations*. Oxford University Press, ch. 2.
    .. [3] Axelrod, R. (1984). *The Evolution of Cooperation*. Basic Books,
       ch. 3 and appendix B (Proposition 2).
    """
    symbolic = _is_symbolic_game(stage)
    if not symbolic and not isinstance(stage, NormalFormGame):
        raise NotSupportedError(
            f"{type(stage).__name__} is not a NormalFormGame or SymbolicGame",
            field="stage",
        )
    ks = []
    for k in punishment_lengths:
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
            raise InvalidParameterError(
                f"{k!r} is not a positive integer", field="punishment_lengths"
            )
        ks.append(int(k))
    arr = _payoff_table(stage)
    n = arr.shape[0]
    coop = _profile_index(stage, cooperation, "cooperation")
    if punishment is None:
        if symbolic:
            raise InvalidParameterError(
                "a symbolic game needs an explicit punishment profile",
                field="punishment",
            )
        ne = _stage_equilibrium_profiles(stage)
        if not ne:
            raise InvalidParameterError(
                "the stage game has no pure Nash equilibrium to punish with",
                field="punishment",
            )
        punish_each = []
        for i in range(n):
            worst = ne[int(np.argmin([float(arr[i][prof]) for prof in ne]))]
            punish_each.append(worst)
    else:
        pun = _profile_index(stage, punishment, "punishment")
        if not symbolic:
            from coercion.solve._result import is_nash

            pure = [
                np.eye(s, dtype=int)[a].tolist() for s, a in zip(arr.shape[1:], pun)
            ]
            if not is_nash(stage, pure):
                raise InvalidParameterError(
                    f"{pun!r} is not a Nash equilibrium of the stage game, so the "
                    "threat to play it is not credible",
                    field="punishment",
                )
        punish_each = [pun] * n
    c, d, p, s = [], [], [], []
    for i in range(n):
        ci = arr[i][coop]
        devs = []
        for a in range(arr.shape[i + 1]):
            prof = list(coop)
            prof[i] = a
            devs.append(arr[i][tuple(prof)])
        others = [v for a, v in enumerate(devs) if a != coop[i]]
        if not others:
            di = ci
        elif all(_numeric(v) for v in [ci, *others]):
            di = max([ci, *others])
        elif len(others) == 1:
            di = others[0]
        else:
            import sympy as sp

            di = sp.Max(*others)
        pi = arr[i][punish_each[i]]
        sucker = list(punish_each[i])
        sucker[i] = coop[i]
        c.append(ci)
        d.append(di)
        p.append(pi)
        s.append(arr[i][tuple(sucker)])
    grim = tuple(_threshold(d[i] - c[i], d[i] - p[i]) for i in range(n))
    limited = {
        k: _max_over_players(
            [_limited_threshold(d[i] - c[i], c[i] - p[i], k) for i in range(n)]
        )
        for k in ks
    }
    tft = None
    if n == 2:
        per = []
        for i in range(n):
            j = 1 - i
            # P' = best non-cooperative reply to the other's punishment
            alts = []
            for a in range(arr.shape[i + 1]):
                if a == coop[i]:
                    continue
                prof = [0, 0]
                prof[i], prof[j] = a, punish_each[i][j]
                alts.append(arr[i][tuple(prof)])
            p_alt = alts[0]
            for v in alts[1:]:
                p_alt = v if (_numeric(v) and v > p_alt) else p_alt
            t1 = _threshold(d[i] - c[i], d[i] - p_alt)
            t2 = _threshold(d[i] - c[i], c[i] - s[i])
            per.extend([t1, t2])
        tft = _max_over_players(per)

    def labels(prof: Sequence[int]) -> tuple[str, ...]:
        return tuple(stage.strategies[q][a] for q, a in enumerate(prof))

    return DiscountThresholds(
        cooperation=labels(coop),
        punishment=tuple(labels(pr) for pr in punish_each),
        grim_trigger=_max_over_players(grim),
        grim_by_player=grim,
        tit_for_tat=tft,
        limited_punishment=limited,
        payoffs={
            "cooperation": tuple(c),
            "deviation": tuple(d),
            "punishment": tuple(p),
            "sucker": tuple(s),
        },
    )


@dataclass(frozen=True)
class FinitelyRepeatedSolution:
    """Backward induction in a finitely repeated game (see :func:`finitely_repeated`).

    Attributes
    ----------
    horizon : int
        Number of periods :math:`T`.
    stage_equilibria : EquilibriumSet
        Every (extreme) Nash equilibrium of the stage game, certified.
    unique : bool
        True when the stage game has exactly one equilibrium, so the unique
        subgame-perfect equilibrium plays it in every period.
    path : tuple of Equilibrium or None
        That equilibrium once per period when ``unique``; else ``None``.
    total_payoffs : tuple or None
        Each player's undiscounted total along ``path``.
    reward_spread : tuple
        For each player, best minus worst stage-equilibrium payoff: the
        largest continuation reward-and-punishment the last period can carry.
    """

    horizon: int
    stage_equilibria: Any
    unique: bool
    path: tuple[Any, ...] | None
    total_payoffs: tuple[Any, ...] | None
    reward_spread: tuple[Any, ...]

    def can_sustain(self, profile: Sequence[Any], discount: Any = 1) -> bool:
        r"""Can ``profile`` be played before the last period of an SPE?

        True when every player's one-period gain from deviating is at most
        ``discount`` times its reward spread (Benoit and Krishna's carrot and
        stick [1]_ with a one-period continuation). Always False when the
        stage equilibrium is unique and ``profile`` is not it.

        Raises
        ------
        InvalidParameterError
            If ``profile`` does not fit the stage game.

        References
        ----------
        .. [1] Benoit, J.-P. and Krishna, V. (1985). Finitely repeated games.
           *Econometrica* 53(4), 905-922.
        """
        game = self.stage_equilibria[0].game
        a = _profile_index(game, profile, "profile")
        arr = game.payoffs
        for i in range(game.n_players):
            prof = list(a)
            best = max(
                arr[i][(*prof[:i], b, *prof[i + 1 :])] for b in range(game.shape[i])
            )
            if best - arr[i][a] > discount * self.reward_spread[i]:
                return False
        return True


def finitely_repeated(stage: NormalFormGame, horizon: int) -> FinitelyRepeatedSolution:
    r"""Subgame-perfect play of a stage game repeated ``horizon`` times.

    Parameters
    ----------
    stage : NormalFormGame
    horizon : int
        Number of periods, at least 1.

    Returns
    -------
    FinitelyRepeatedSolution

    Raises
    ------
    InvalidParameterError
        If ``horizon`` is not a positive integer.
    NotSupportedError
        If ``stage`` is not a NormalFormGame.

    Warns
    -----
    TieWarning
        When the stage game has several equilibria: subgame-perfect play is
        then not unique, and cooperation may be sustained before the end
        (see :meth:`FinitelyRepeatedSolution.can_sustain`).

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.dynamics import finitely_repeated
    >>> pd = co.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> sol = finitely_repeated(pd, 10)
    >>> sol.unique, sol.total_payoffs
    (True, (Fraction(10, 1), Fraction(10, 1)))

    Notes
    -----
    Backward induction ([1]_ ch. 4): in the last period any subgame-perfect
    equilibrium plays a stage equilibrium whatever happened before. If that
    equilibrium is unique, continuation payoffs of period :math:`T-1` do not
    depend on its actions, so period :math:`T-1` also plays it, and so on: the
    unique SPE repeats the stage equilibrium (the chain-store and
    finite-horizon prisoner's-dilemma paradox). With several stage
    equilibria, later play can reward and punish, and profiles that are not
    stage equilibria can be played early on (Benoit and Krishna [2]_). Stage
    equilibria come from :func:`coercion.solve` and carry its certificates.

    References
    ----------
    .. [1] Fudenberg, D. and Tirole, J. (1991). *Game Theory*. MIT Press,
       §4.2 and §5.1.
    .. [2] Benoit, J.-P. and Krishna, V. (1985). Finitely repeated games.
       *Econometrica* 53(4), 905-922.
    """
    import warnings

    from coercion.solve.dispatch import solve

    if not isinstance(stage, NormalFormGame):
        raise NotSupportedError(
            f"{type(stage).__name__} is not a NormalFormGame", field="stage"
        )
    if (
        isinstance(horizon, bool)
        or not isinstance(horizon, int | np.integer)
        or horizon < 1
    ):
        raise InvalidParameterError(
            f"{horizon!r} is not a positive integer", field="horizon"
        )
    eqs = solve(stage)
    comps = getattr(eqs, "components", None) or ()
    continuum = any(getattr(cp, "is_continuum", False) for cp in comps)
    unique = len(eqs) == 1 and not continuum
    spread = tuple(
        max(e.payoffs[i] for e in eqs) - min(e.payoffs[i] for e in eqs)
        for i in range(stage.n_players)
    )
    if not unique:
        warnings.warn(
            f"the stage game has {len(eqs)} equilibria; subgame-perfect play is not "
            "unique and more than stage-equilibrium repetition is possible",
            TieWarning,
            stacklevel=2,
        )
        return FinitelyRepeatedSolution(int(horizon), eqs, False, None, None, spread)
    eq = eqs[0]
    path = (eq,) * int(horizon)
    total = tuple(v * int(horizon) for v in eq.payoffs)
    return FinitelyRepeatedSolution(int(horizon), eqs, True, path, total, spread)
