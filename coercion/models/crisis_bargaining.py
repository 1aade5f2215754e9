r"""Crisis bargaining with private costs of conflict: Fearon's risk-return trade-off.

Two states, A and B, dispute a good of size 1. Conflict (war, or all-out
economic warfare) gives A the whole good with probability :math:`p` and costs
A :math:`c_A` and B :math:`c_B`. A knows its own cost but not B's: :math:`c_B`
is uniform on :math:`[\underline c, \bar c]`. A makes a take-it-or-leave-it
demand :math:`x` (A's share); B accepts (B gets :math:`1 - x`) or fights.
A tougher demand returns more when accepted but is rejected by more types of
B: the *risk-return trade-off* behind Fearon's private-information path to war.

Examples
--------
>>> from coercion.models import fearon_solution
>>> sol = fearon_solution(p="0.5", cost_a="0.1", cost_b_low=0, cost_b_high="0.3")
>>> sol.offer, sol.war_probability
(Fraction(3, 5), Fraction(1, 3))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coercion.errors import InvalidParameterError
from coercion.game.normal_form import NormalFormGame
from coercion.models._params import Number, number, probability

__all__ = ["FearonSolution", "fearon_solution", "crisis_bargaining"]


@dataclass(frozen=True)
class FearonSolution:
    r"""The equilibrium of Fearon's take-it-or-leave-it crisis bargaining game.

    Attributes
    ----------
    offer : number
        The division :math:`x^*` A proposes (A's own share; B is offered
        :math:`1 - x^*`).
    acceptance_cutoff : number
        B accepts exactly when :math:`c_B \ge x^* - p`.
    war_probability : number
        Probability that B rejects and the crisis ends in conflict.
    payoffs : tuple
        A's and B's expected payoffs (B's averaged over its cost).
    """

    offer: Number
    acceptance_cutoff: Number
    war_probability: Number
    payoffs: tuple[Number, Number]


def _check(p: Any, cost_a: Any, lo: Any, hi: Any) -> tuple[Number, ...]:
    pp = probability(p, "p")
    ca = number(cost_a, "cost_a", lower=0)
    lo_ = number(lo, "cost_b_low", lower=0)
    hi_ = number(hi, "cost_b_high")
    if not hi_ > lo_:
        raise InvalidParameterError(
            f"{hi!r} is not above cost_b_low={lo!r}", field="cost_b_high"
        )
    return pp, ca, lo_, hi_


def _outcome(
    x: Number, cutoff: Number, p: Number, ca: Number, lo: Number, hi: Number
) -> tuple[Number, Number, Number]:
    """War probability and expected payoffs when B accepts iff c_B >= cutoff."""
    k = min(max(cutoff, lo), hi)
    war = (k - lo) / (hi - lo)
    ua = x * (1 - war) + (p - ca) * war
    # B fights when c_B < k: it gets 1 - p - c_B, averaged over [lo, k]
    ub = (1 - x) * (1 - war) + (1 - p) * war - (k * k - lo * lo) / (2 * (hi - lo))
    return war, ua, ub


def fearon_solution(
    p: Any, cost_a: Any, cost_b_low: Any, cost_b_high: Any
) -> FearonSolution:
    r"""A's optimal demand and the probability of war, in closed form.

    Parameters
    ----------
    p : number
        Probability that A prevails in a conflict, in ``[0, 1]``.
    cost_a : number
        A's cost of conflict, non-negative.
    cost_b_low, cost_b_high : number
        Support of B's private cost, uniform, ``0 <= low < high``.

    Returns
    -------
    FearonSolution
        Exact when every parameter is exact.

    Raises
    ------
    InvalidParameterError
        If ``p`` is outside ``[0, 1]``, a cost is negative or the bounds are out
        of order.

    Examples
    --------
    Fearon's example values: :math:`p = 0.5`, :math:`c_A = 0.1`,
    :math:`c_B \sim U[0, 0.3]` give the demand 0.6 and war with
    probability 1/3:

    >>> from coercion.models import fearon_solution
    >>> sol = fearon_solution("0.5", "0.1", 0, "0.3")
    >>> sol.offer, sol.acceptance_cutoff, sol.war_probability
    (Fraction(3, 5), Fraction(1, 10), Fraction(1, 3))
    >>> fearon_solution("0.5", "0.4", 0, "0.3").war_probability   # costly war for A
    Fraction(0, 1)

    Notes
    -----
    B accepts a demand :math:`x` iff :math:`1 - x \ge 1 - p - c_B`, i.e.
    :math:`c_B \ge y = x - p`, so with :math:`F` the uniform CDF A maximises

    .. math:: U_A(y) = (p + y)\,(1 - F(y)) + (p - c_A)\,F(y),
              \qquad F(y) = \frac{y - \underline c}{\bar c - \underline c}
              \text{ on } [\underline c, \bar c].

    :math:`U_A` is concave on :math:`[\underline c, \bar c]` with
    :math:`U_A'(y) = 0` at :math:`y = (\bar c - c_A)/2`; it rises below
    :math:`\underline c`, so

    .. math:: x^* = p + \min\Big(1 - p,\ \max\big(\underline c,
              \tfrac{\bar c - c_A}{2}\big)\Big), \qquad
              \Pr(\text{war}) = F(x^* - p).

    War has positive probability exactly when
    :math:`\bar c - c_A > 2\underline c`: A accepts a risk of war for a
    better deal when its own cost of war is low relative to the spread of B's
    possible costs [1]_ (pp. 393-395), [2]_ (ch. 3).

    References
    ----------
    .. [1] Fearon, J. D. (1995). Rationalist explanations for war.
       *International Organization* 49(3), 379-414.
    .. [2] Powell, R. (1999). *In the Shadow of Power*. Princeton University
       Press.
    """
    pp, ca, lo, hi = _check(p, cost_a, cost_b_low, cost_b_high)
    y = min(1 - pp, max(lo, (hi - ca) / 2))
    x = pp + y
    war, ua, ub = _outcome(x, y, pp, ca, lo, hi)
    return FearonSolution(
        offer=x, acceptance_cutoff=y, war_probability=war, payoffs=(ua, ub)
    )


def crisis_bargaining(
    p: Any,
    cost_a: Any,
    cost_b_low: Any,
    cost_b_high: Any,
    *,
    demands: Sequence[Any] | None = None,
    shifts: Sequence[Any] | None = None,
    players: tuple[str, str] = ("A", "B"),
) -> NormalFormGame:
    r"""Fearon's bargaining game as a strategic game between A and B's plans.

    Parameters
    ----------
    p, cost_a, cost_b_low, cost_b_high
        As in :func:`fearon_solution`.
    demands : sequence of numbers, optional
        A's demands :math:`x` (its own share, in ``[0, 1]``). Default: seven
        demands from :math:`p + \underline c` to :math:`p + \bar c` (capped at
        1).
    shifts : sequence of numbers, optional
        B's plans: plan :math:`\delta` accepts a demand :math:`x` iff
        :math:`c_B \ge x - p + \delta`. :math:`\delta = 0` is the sequentially
        rational plan; :math:`\delta > 0` fights more often ("tough"),
        :math:`\delta < 0` less ("soft"). Default: ``(-s, 0, s)`` with
        :math:`s = (\bar c - \underline c) / 6`.
    players : pair of str
        Labels of A and B.

    Returns
    -------
    NormalFormGame
        A chooses a demand (``"x=0.6"``), B a plan (``"sincere"``,
        ``"tough+0.05"``, ``"soft-0.05"``); B's payoffs are averaged over its
        private cost, so this is the ex-ante strategic form.

    Raises
    ------
    InvalidParameterError
        As :func:`fearon_solution`, or demands outside ``[0, 1]``.

    Examples
    --------
    >>> from coercion.models import crisis_bargaining
    >>> g = crisis_bargaining("0.5", "0.1", 0, "0.3")
    >>> g.strategies[0][2], g.strategies[1]
    ('x=3/5', ('soft-1/20', 'sincere', 'tough+1/20'))

    Notes
    -----
    For every demand the sincere plan is B's best response type by type, so it
    weakly dominates every other plan; after removing weakly dominated plans,
    A's best demand on the grid is the grid point nearest the optimum of
    :func:`fearon_solution` (exactly :math:`x^*` when the grid contains it).
    """
    pp, ca, lo, hi = _check(p, cost_a, cost_b_low, cost_b_high)
    if demands is None:
        step = (hi - lo) / 6
        xs: list[Number] = [pp + lo + k * step for k in range(7)]
        xs = [x for x in xs if x <= 1] or [pp]
    else:
        xs = [probability(d, f"demands[{i}]") for i, d in enumerate(demands)]
    if len(set(xs)) != len(xs):
        raise InvalidParameterError(f"repeated demands in {xs!r}", field="demands")
    if shifts is None:
        s = (hi - lo) / 6
        ds: list[Number] = [-s, 0 * s, s]
    else:
        ds = [number(d, f"shifts[{i}]") for i, d in enumerate(shifts)]

    def fmt(v: Number) -> str:
        from coercion._numbers import format_exact

        return format_exact(v) if not isinstance(v, float) else f"{v:g}"

    def plan(d: Number) -> str:
        if d == 0:
            return "sincere"
        return f"tough+{fmt(d)}" if d > 0 else f"soft-{fmt(-d)}"

    A, B = [], []
    for x in xs:
        ra, rb = [], []
        for d in ds:
            _, ua, ub = _outcome(x, x - pp + d, pp, ca, lo, hi)
            ra.append(ua)
            rb.append(ub)
        A.append(ra)
        B.append(rb)
    return NormalFormGame.from_bimatrix(
        A,
        B,
        players=players,
        strategies=([f"x={fmt(x)}" for x in xs], [plan(d) for d in ds]),
        title="crisis bargaining",
    )
