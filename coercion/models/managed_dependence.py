r"""Managed dependence: how much should a sender let a rival depend on it?

A sender chooses the target's dependence :math:`d \in [0, 1]` on its goods
(the share of a critical input the target buys from it). Later, with
probability :math:`\rho`, the sender coerces (cuts the supply off), and the
target loses :math:`V d`, the value of the activity built on the input. Seeing
:math:`d`, the target can instead invest :math:`K` in substitutes at once; it
does so when its expected coercion loss exceeds that cost,
:math:`\rho V d > K`. The sender earns, per unit of dependence, a trade margin
:math:`\pi` and leverage: a share :math:`\beta` of the target's expected
coercion loss extracted as concessions, and bears a security cost :math:`g`
(the capability the exports give the target). If the target substitutes,
the sender loses the market and the leverage for good, worth :math:`-L`.

Examples
--------
>>> from coercion.models import managed_dependence_solution
>>> sol = managed_dependence_solution(substitution_cost=30, coercion_probability="0.5",
...                                   exposed_value=100)
>>> sol.threshold, sol.optimal_dependence
(Fraction(3, 5), Fraction(3, 5))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coercion._numbers import format_exact
from coercion.errors import InvalidParameterError
from coercion.game.normal_form import NormalFormGame
from coercion.models._params import Number, number, probability

__all__ = [
    "ManagedDependenceSolution",
    "managed_dependence_solution",
    "managed_dependence",
]


@dataclass(frozen=True)
class ManagedDependenceSolution:
    r"""Closed-form results of the managed-dependence model.

    Attributes
    ----------
    threshold : number
        :math:`\bar d = K / (\rho V)`: the largest dependence at which the
        target does not substitute (it substitutes only when
        :math:`\rho V d > K`); capped at 1.
    unit_value : number
        The sender's value per unit of dependence that the target keeps,
        :math:`m = \pi + \beta \rho V - g`.
    optimal_dependence : number
        :math:`d^* = \bar d` when :math:`m > 0`, else 0.
    sender_payoff : number
        :math:`m\, d^*`.
    target_payoff : number
        :math:`-\rho V d^*`, the target's expected coercion loss.
    """

    threshold: Number
    unit_value: Number
    optimal_dependence: Number
    sender_payoff: Number
    target_payoff: Number


def _check(K: Any, rho: Any, V: Any, pi: Any, beta: Any, g: Any, L: Any) -> tuple:
    return (
        number(K, "substitution_cost", lower=0),
        probability(rho, "coercion_probability"),
        number(V, "exposed_value", lower=0),
        number(pi, "trade_margin"),
        probability(beta, "leverage_share"),
        number(g, "security_cost", lower=0),
        number(L, "lost_market", lower=0),
    )


def _threshold(K: Number, rho: Number, V: Number) -> Number:
    if rho * V == 0 or K >= rho * V:
        return K * 0 + 1  # even full dependence is not worth substituting away
    return K / (rho * V)


def managed_dependence_solution(
    substitution_cost: Any,
    coercion_probability: Any,
    exposed_value: Any,
    *,
    trade_margin: Any = 1,
    leverage_share: Any = 0,
    security_cost: Any = 0,
    lost_market: Any = 0,
) -> ManagedDependenceSolution:
    r"""The target's substitution threshold and the sender's optimal dependence.

    Parameters
    ----------
    substitution_cost : number
        :math:`K \ge 0`, the target's one-time cost of building substitutes.
    coercion_probability : number
        :math:`\rho \in [0, 1]`, the probability that the sender later cuts the
        supply off.
    exposed_value : number
        :math:`V \ge 0`, the target's loss from a cut-off at full dependence.
    trade_margin : number
        :math:`\pi`, the sender's profit per unit of dependence (default 1).
    leverage_share : number
        :math:`\beta \in [0, 1]`, the share of the target's expected coercion
        loss the sender extracts as concessions (default 0).
    security_cost : number
        :math:`g \ge 0`, the sender's security cost per unit of dependence
        (default 0).
    lost_market : number
        :math:`L \ge 0`, the sender's loss if the target substitutes away
        (default 0).

    Returns
    -------
    ManagedDependenceSolution

    Raises
    ------
    InvalidParameterError
        If a parameter is outside its domain.

    Examples
    --------
    :math:`K = 30`, :math:`\rho = 0.5`, :math:`V = 100`: the target
    substitutes above :math:`\bar d = 30 / 50 = 0.6`, and the sender keeps it
    just there. When the security cost outweighs trade and leverage, the best
    dependence is zero:

    >>> from coercion.models import managed_dependence_solution
    >>> managed_dependence_solution(30, "0.5", 100).optimal_dependence
    Fraction(3, 5)
    >>> managed_dependence_solution(30, "0.5", 100, trade_margin=1,
    ...                             security_cost=2).optimal_dependence
    Fraction(0, 1)

    Notes
    -----
    Backward induction. The target keeps buying at :math:`d` when its expected
    coercion loss does not exceed the cost of substitutes,
    :math:`\rho V d \le K`, i.e. :math:`d \le \bar d = K / (\rho V)` (the
    threshold that the issue's example pins down:
    :math:`0.5 \times 100 \times 0.6 = 30`). The sender then earns

    .. math:: U_S(d) = \begin{cases} m\,d, & d \le \bar d,\\
              -L, & d > \bar d, \end{cases} \qquad
              m = \pi + \beta\rho V - g,

    so :math:`d^* = \min(1, \bar d)` when :math:`m > 0` and :math:`d^* = 0`
    otherwise (:math:`L \ge 0` deters the sender from overshooting but does not
    move the optimum). The optimal dependence is non-zero whenever substitution is
    costly (:math:`K > 0`) and the relationship is worth having
    (:math:`m > 0`); pushing dependence past :math:`\bar d` (or cutting the
    target off early, which makes :math:`\rho` one) triggers substitution and
    destroys the leverage. This is the logic of weaponised interdependence
    [1]_ and of the sender's choice between leverage and the target's
    self-reliance [2]_; the threshold form is our own minimal statement.

    References
    ----------
    .. [1] Farrell, H. and Newman, A. L. (2019). Weaponized interdependence:
       how global economic networks shape state coercion. *International
       Security* 44(1), 42-79.
    .. [2] Hirschman, A. O. (1945). *National Power and the Structure of
       Foreign Trade*. University of California Press.
    """
    K, rho, V, pi, beta, g, _lost = _check(
        substitution_cost,
        coercion_probability,
        exposed_value,
        trade_margin,
        leverage_share,
        security_cost,
        lost_market,
    )
    d_bar = _threshold(K, rho, V)
    m = pi + beta * rho * V - g
    d_star = d_bar if m > 0 else d_bar * 0
    return ManagedDependenceSolution(
        threshold=d_bar,
        unit_value=m,
        optimal_dependence=d_star,
        sender_payoff=m * d_star,
        target_payoff=-rho * V * d_star,
    )


def managed_dependence(
    substitution_cost: Any,
    coercion_probability: Any,
    exposed_value: Any,
    *,
    levels: Sequence[Any] | None = None,
    trade_margin: Any = 1,
    leverage_share: Any = 0,
    security_cost: Any = 0,
    lost_market: Any = 0,
    players: tuple[str, str] = ("Sender", "Target"),
) -> NormalFormGame:
    r"""The managed-dependence game as a strategic game of plans.

    Parameters
    ----------
    substitution_cost, coercion_probability, exposed_value
        As in :func:`managed_dependence_solution`.
    levels : sequence of numbers, optional
        The sender's dependence levels, in ``[0, 1]`` (default
        ``0, 0.1, ..., 1``).
    trade_margin, leverage_share, security_cost, lost_market
        As in :func:`managed_dependence_solution`.
    players : pair of str
        Labels of the sender and the target.

    Returns
    -------
    NormalFormGame
        The sender picks a level (``"d=3/5"``); the target picks a plan
        ``"substitute if d>t"`` for each level ``t`` (the last level means
        never) or ``"always substitute"``.

    Raises
    ------
    InvalidParameterError
        As :func:`managed_dependence_solution`, or levels outside ``[0, 1]``.

    Examples
    --------
    >>> from coercion.models import managed_dependence
    >>> g = managed_dependence(30, "0.5", 100, levels=["0.3", "0.6", "0.9"])
    >>> print(g.to_text())
    Sender \ Target  always substitute  substitute if d>3/10  substitute if d>3/5  substitute if d>9/10
    d=3/10           0, -30             3/10, -15             3/10, -15            3/10, -15
    d=3/5            0, -30             0, -30                3/5, -30             3/5, -30
    d=9/10           0, -30             0, -30                0, -30               9/10, -45

    Notes
    -----
    The target's plan "substitute if :math:`d > \bar d`" is its best response
    at every level, so it weakly dominates the others; the sender's best
    response to it is :math:`d^*` of :func:`managed_dependence_solution`
    restricted to the grid.
    """
    K, rho, V, pi, beta, g, L = _check(
        substitution_cost,
        coercion_probability,
        exposed_value,
        trade_margin,
        leverage_share,
        security_cost,
        lost_market,
    )
    if levels is None:
        ds = [K * 0 + number(f"{k}/10", "levels") for k in range(11)]
    else:
        ds = [probability(x, f"levels[{i}]") for i, x in enumerate(levels)]
    if len(set(ds)) != len(ds):
        raise InvalidParameterError(f"repeated levels in {ds!r}", field="levels")
    if not ds:
        raise InvalidParameterError("no dependence levels given", field="levels")
    m = pi + beta * rho * V - g

    def fmt(v: Number) -> str:
        return f"{v:g}" if isinstance(v, float) else format_exact(v)

    plans: list[Number | None] = [None, *ds]  # None: always substitute
    A, B = [], []
    for d in ds:
        ra, rb = [], []
        for t in plans:
            substitutes = t is None or d > t
            ra.append(-L if substitutes else m * d)
            rb.append(-K if substitutes else -rho * V * d)
        A.append(ra)
        B.append(rb)
    labels = ["always substitute"] + [f"substitute if d>{fmt(t)}" for t in ds]
    return NormalFormGame.from_bimatrix(
        A,
        B,
        players=players,
        strategies=([f"d={fmt(d)}" for d in ds], labels),
        title="managed dependence",
    )
