r"""The war of attrition: who concedes first when holding out is costly.

Two sides fight over a prize. Side :math:`i` values the prize at :math:`V_i`
and pays :math:`c_i` per unit of time while the fight lasts; the first to
concede loses and the other takes the prize. Three versions:

- complete information in continuous time (:func:`attrition_hazards`): the
  stationary mixed equilibrium with constant concession hazards;
- private information (:func:`attrition_concession_time`,
  :func:`attrition_private_costs`, :func:`attrition_expected_duration`): each
  side knows only its own value (or cost); the equilibrium concession time rises
  with the ratio of stake to cost, the side's *pain tolerance*;
- a discretised strategic game (:func:`war_of_attrition`) whose strategies are
  concession times on a grid, for the generic solvers, with its pure equilibria
  in closed form (:func:`attrition_pure_equilibria`).

Examples
--------
>>> from coercion.models import attrition_hazards
>>> sol = attrition_hazards(value=10, cost=(1, 2))
>>> sol.hazard
(Fraction(1, 5), Fraction(1, 10))
>>> sol.expected_duration
Fraction(10, 3)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from coercion._numbers import format_exact
from coercion.errors import InvalidParameterError
from coercion.game.normal_form import NormalFormGame
from coercion.models._params import Number, number, pair

__all__ = [
    "AttritionSolution",
    "attrition_hazards",
    "war_of_attrition",
    "attrition_pure_equilibria",
    "attrition_concession_time",
    "attrition_private_costs",
    "attrition_expected_duration",
    "attrition_private_costs_duration",
    "attrition_concession_hazard",
    "war_of_attrition_bayesian",
]


@dataclass(frozen=True)
class AttritionSolution:
    """The stationary equilibrium of the complete-information war of attrition.

    Attributes
    ----------
    hazard : tuple
        Each side's concession hazard :math:`\\lambda_i = c_j / V_j`.
    win_probability : tuple
        Probability that each side takes the prize,
        :math:`\\lambda_j / (\\lambda_1 + \\lambda_2)`.
    expected_duration : number
        Expected length of the fight, :math:`1 / (\\lambda_1 + \\lambda_2)`.
    expected_payoffs : tuple
        Each side's expected payoff (0: each is indifferent to conceding at once).
    """

    hazard: tuple[Number, Number]
    win_probability: tuple[Number, Number]
    expected_duration: Number
    expected_payoffs: tuple[Number, Number]

    def survival(self, side: int, t: float) -> float:
        """Probability that ``side`` (0 or 1) has not conceded by time ``t``."""
        return math.exp(-float(self.hazard[side]) * float(t))


def attrition_hazards(value: Any, cost: Any) -> AttritionSolution:
    r"""Concession hazards of the complete-information war of attrition.

    Parameters
    ----------
    value : number or pair of numbers
        Each side's value of the prize :math:`V_i > 0`.
    cost : number or pair of numbers
        Each side's cost per unit of time :math:`c_i > 0`.

    Returns
    -------
    AttritionSolution

    Raises
    ------
    InvalidParameterError
        If a value or a cost is not positive.

    Examples
    --------
    Equal value 10 and costs 1 and 2 give hazards 0.2 and 0.1: each side's
    hazard is the other side's cost over the other side's value.

    >>> from coercion.models import attrition_hazards
    >>> sol = attrition_hazards(value=10, cost=(1, 2))
    >>> [float(h) for h in sol.hazard]
    [0.2, 0.1]
    >>> sol.win_probability
    (Fraction(1, 3), Fraction(2, 3))

    Notes
    -----
    In continuous time, let side :math:`i` concede at constant hazard
    :math:`\lambda_i`. Side :math:`j` is willing to mix over every concession
    time only if holding out for another :math:`dt` neither gains nor loses:
    it wins :math:`V_j` with probability :math:`\lambda_i\,dt` and pays
    :math:`c_j\,dt`, so

    .. math:: \lambda_i = \frac{c_j}{V_j}.

    The fight ends at rate :math:`\lambda_1 + \lambda_2`, so it lasts
    :math:`1 / (\lambda_1 + \lambda_2)` on average, and side :math:`i` wins
    when the other concedes first, with probability
    :math:`\lambda_j / (\lambda_1 + \lambda_2)`. Each side's expected payoff is
    0, its payoff from conceding at once [1]_ [2]_.

    A side's hazard is set by the *other* side's cost and stake, so in this
    equilibrium the side with the higher cost wins more often; the game also
    has the two pure equilibria in which one side concedes at once. The
    private-information version (:func:`attrition_private_costs`) removes the
    paradox: there the side with the larger stake-to-cost ratio holds out
    longer.

    References
    ----------
    .. [1] Hendricks, K., Weiss, A. and Wilson, C. (1988). The war of attrition
       in continuous time with complete information. *International Economic
       Review* 29(4), 663-680.
    .. [2] Fudenberg, D. and Tirole, J. (1991). *Game Theory*. MIT Press,
       section 4.5.2.
    """
    V = pair(value, "value", lower=0, strict_lower=True)
    c = pair(cost, "cost", lower=0, strict_lower=True)
    h = (c[1] / V[1], c[0] / V[0])
    total = h[0] + h[1]
    zero = h[0] * 0
    return AttritionSolution(
        hazard=h,
        win_probability=(h[1] / total, h[0] / total),
        expected_duration=1 / total,
        expected_payoffs=(zero, zero),
    )


def _grid(horizon: Any, step: Any) -> list[Number]:
    H = number(horizon, "horizon", lower=0, strict_lower=True)
    s = number(step, "step", lower=0, strict_lower=True)
    n = H / s
    k = round(float(n))
    if abs(float(n) - k) > 1e-9 * max(1.0, float(n)) or k < 1:
        raise InvalidParameterError(
            f"horizon {horizon} is not a positive whole multiple of step {step}",
            field="horizon",
        )
    if k > 200:
        raise InvalidParameterError(
            f"{k + 1} concession times per side; use at most 201", field="step"
        )
    return [s * i for i in range(k + 1)]


def war_of_attrition(
    value: Any,
    cost: Any,
    *,
    horizon: Any,
    step: Any = 1,
    players: tuple[str, str] = ("A", "B"),
) -> NormalFormGame:
    r"""The war of attrition on a grid of concession times, as a strategic game.

    Parameters
    ----------
    value : number or pair of numbers
        Each side's value of the prize :math:`V_i > 0`.
    cost : number or pair of numbers
        Each side's cost per unit of time :math:`c_i > 0`.
    horizon : number
        The last time :math:`H`: a side that has not conceded by then holds out
        to the end, where the prize is split.
    step : number
        The grid step; ``horizon`` must be a whole multiple of it (at most 200).
    players : pair of str
        Side labels. Strategy ``"t=x"`` concedes at time ``x``; the last,
        ``"t=H"``, holds out to the horizon.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidParameterError
        On a non-positive value, cost, horizon or step, or a horizon that is not
        a multiple of the step.

    Examples
    --------
    >>> from coercion.models import war_of_attrition
    >>> g = war_of_attrition(10, (1, 2), horizon=2)
    >>> print(g.to_text())
    A \ B  t=0    t=1    t=2
    t=0    5, 5   0, 10  0, 10
    t=1    10, 0  4, 3   -1, 8
    t=2    10, 0  9, -2  3, 1

    Notes
    -----
    With concession times :math:`t_1, t_2` on the grid
    :math:`\{0, s, 2s, \dots, H\}`, side :math:`i` gets

    .. math::

        u_i = \begin{cases}
            V_i - c_i t_j & t_i > t_j \text{ (the other concedes first)}\\
            -c_i t_i & t_i < t_j\\
            V_i / 2 - c_i t_i & t_i = t_j \text{ (simultaneous: the prize is split)}
        \end{cases}

    a discrete-time version of the game of [1]_ (section 4.5.2). Its pure
    equilibria are in :func:`attrition_pure_equilibria`.

    References
    ----------
    .. [1] Fudenberg, D. and Tirole, J. (1991). *Game Theory*. MIT Press.
    """
    V = pair(value, "value", lower=0, strict_lower=True)
    c = pair(cost, "cost", lower=0, strict_lower=True)
    times = _grid(horizon, step)
    labels = [f"t={t}" for t in times]

    def pay(i: int, ti: Number, tj: Number) -> Number:
        if ti > tj:
            return V[i] - c[i] * tj
        if ti < tj:
            return -c[i] * ti
        return V[i] / 2 - c[i] * ti

    A = [[pay(0, t1, t2) for t2 in times] for t1 in times]
    B = [[pay(1, t2, t1) for t2 in times] for t1 in times]
    return NormalFormGame.from_bimatrix(
        A, B, players=players, strategies=(labels, labels), title="war of attrition"
    )


def attrition_pure_equilibria(
    value: Any, cost: Any, *, horizon: Any, step: Any = 1
) -> list[tuple[str, str]]:
    r"""The pure equilibria of :func:`war_of_attrition`, in closed form.

    Parameters
    ----------
    value, cost, horizon, step
        As in :func:`war_of_attrition`.

    Returns
    -------
    list of (str, str)
        Strategy-label pairs, in row-major order of the game.

    Raises
    ------
    InvalidParameterError
        As :func:`war_of_attrition`.

    Examples
    --------
    >>> from coercion.models import attrition_pure_equilibria
    >>> attrition_pure_equilibria(10, (1, 2), horizon=6)
    [('t=0', 't=6'), ('t=5', 't=0'), ('t=6', 't=0')]

    Notes
    -----
    If :math:`t_i < t_j`, side :math:`i` pays :math:`c_i t_i` for nothing, so
    :math:`t_i = 0`; it must not gain by outlasting the other,
    :math:`V_i - c_i t_j \le 0` when :math:`t_j < H`, nor by tying at the
    horizon, :math:`V_i / 2 - c_i H \le 0` when :math:`t_j = H`. The side that
    wins at once cannot do better. Equal times are an equilibrium only at the
    horizon (before it, waiting one more step wins the whole prize), when
    :math:`V_i / 2 - c_i H \ge 0` for both sides. So the pure equilibria are:
    one side concedes at 0 while the other plans to hold out at least
    :math:`V_i / c_i`, the time after which winning no longer repays the cost,
    and possibly both holding out to a short horizon.
    """
    V = pair(value, "value", lower=0, strict_lower=True)
    c = pair(cost, "cost", lower=0, strict_lower=True)
    times = _grid(horizon, step)
    H = times[-1]

    def deters(i: int, tj: Number) -> bool:
        # side i, conceding at 0, cannot profit from outlasting or tying tj
        if tj < H:
            return V[i] - c[i] * tj <= 0
        return V[i] / 2 - c[i] * H <= 0

    out = []
    for t1 in times:
        for t2 in times:
            if t1 == t2:
                ok = t1 == H and all(V[i] / 2 - c[i] * H >= 0 for i in range(2))
            elif t1 < t2:
                ok = t1 == 0 and deters(0, t2)
            else:
                ok = t2 == 0 and deters(1, t1)
            if ok:
                out.append((f"t={t1}", f"t={t2}"))
    return out


# ---------------------------------------------------------------- private information
def _uniform_time(v: float, lo: float, hi: float) -> float:
    if v <= lo:
        return 0.0
    return -(v - lo) + hi * math.log((hi - lo) / (hi - v))


def attrition_concession_time(
    v: Any,
    *,
    low: Any,
    high: Any,
    cost: Any = 1,
    cdf: Callable[[float], float] | None = None,
    pdf: Callable[[float], float] | None = None,
) -> float:
    r"""Equilibrium concession time of a side with private value ``v``.

    Both sides' values are drawn independently from a distribution on
    ``[low, high]`` (uniform unless ``cdf`` and ``pdf`` are given); both pay
    ``cost`` per unit of time.

    Parameters
    ----------
    v : number
        The side's value of the prize, in ``[low, high)``.
    low, high : number
        Support of the value distribution, ``0 <= low < high``.
    cost : number
        Cost per unit of time, positive.
    cdf, pdf : callable, optional
        The value distribution's CDF and density; default uniform.

    Returns
    -------
    float
        The time :math:`t(v)` at which the side concedes if the other has not.

    Raises
    ------
    InvalidParameterError
        On bounds out of order, ``v`` outside ``[low, high)``, a non-positive
        cost, or only one of ``cdf`` and ``pdf``.

    Examples
    --------
    >>> from coercion.models import attrition_concession_time
    >>> round(attrition_concession_time(0.5, low=0, high=1), 6)
    0.193147

    Notes
    -----
    The symmetric equilibrium bid of the war of attrition with independent
    private values [1]_ [2]_: a side with value :math:`v` concedes at

    .. math:: t(v) = \frac{1}{c} \int_{\underline v}^{v}
              \frac{x f(x)}{1 - F(x)}\,dx ,

    which makes type :math:`v` indifferent at the margin: holding out
    :math:`dt` longer wins :math:`v` at the hazard
    :math:`f(v) / (1 - F(v))\,dv/dt` and costs :math:`c\,dt`. For values uniform
    on :math:`[\underline v, \bar v]`,

    .. math:: t(v) = \frac{1}{c}\Big[-(v - \underline v)
              + \bar v \ln\frac{\bar v - \underline v}{\bar v - v}\Big].

    A general distribution is integrated numerically with
    :func:`scipy.integrate.quad`.

    References
    ----------
    .. [1] Bulow, J. and Klemperer, P. (1999). The generalized war of
       attrition. *American Economic Review* 89(1), 175-189.
    .. [2] Fudenberg, D. and Tirole, J. (1986). A theory of exit in duopoly.
       *Econometrica* 54(4), 943-960.
    """
    lo = float(number(low, "low", lower=0))
    hi = float(number(high, "high"))
    if not hi > lo:
        raise InvalidParameterError(f"{high!r} is not above low={low!r}", field="high")
    x = float(number(v, "v", lower=lo, upper=hi, strict_upper=True))
    c = float(number(cost, "cost", lower=0, strict_lower=True))
    if (cdf is None) != (pdf is None):
        raise InvalidParameterError(
            "give both cdf and pdf, or neither (uniform)", field="cdf"
        )
    if cdf is None or pdf is None:
        return _uniform_time(x, lo, hi) / c
    from scipy.integrate import quad

    def integrand(y: float) -> float:
        return y * pdf(y) / (1.0 - cdf(y))

    val, _ = quad(integrand, lo, x, limit=200)
    return float(val) / c


def attrition_private_costs(
    cost: Any, *, value: Any, cost_low: Any, cost_high: Any
) -> float:
    r"""Equilibrium concession time of a side with private cost ``cost``.

    Both sides value the prize at ``value``; each side's cost per unit of time
    is private, drawn independently and uniformly from
    ``[cost_low, cost_high]``.

    Parameters
    ----------
    cost : number
        The side's own cost, in ``(cost_low, cost_high]``.
    value : number
        The common value of the prize, positive.
    cost_low, cost_high : number
        Support of the cost distribution, ``0 <= cost_low < cost_high``.

    Returns
    -------
    float
        The concession time :math:`t(c)`, decreasing in the cost.

    Raises
    ------
    InvalidParameterError
        On a non-positive value, bounds out of order or ``cost`` outside them.

    Examples
    --------
    >>> from coercion.models import attrition_private_costs
    >>> t = [attrition_private_costs(c, value=10, cost_low=1, cost_high=3)
    ...      for c in (1.5, 2, 3)]
    >>> [round(x, 4) for x in t]
    [6.9315, 2.8768, 0.0]

    Notes
    -----
    Dividing a side's payoff :math:`V\,1[\text{win}] - c\,t` by its cost gives
    :math:`r\,1[\text{win}] - t` with the *pain tolerance*
    :math:`r = V / c`: the private-cost game is a private-value game in
    :math:`r` with unit cost, and :func:`attrition_concession_time` applies.
    For costs uniform on :math:`[\underline c, \bar c]`,
    :math:`1 - F(r) = (V / r - \underline c) / (\bar c - \underline c)` and
    :math:`r f(r) / (1 - F(r)) = V / (V - \underline c\, r)`, so

    .. math:: t(c) = \frac{V}{\underline c}
              \ln\frac{c\,(\bar c - \underline c)}{\bar c\,(c - \underline c)},
              \qquad t(c) = \frac{V}{c} - \frac{V}{\bar c}
              \text{ when } \underline c = 0 .

    References
    ----------
    .. [1] Bulow, J. and Klemperer, P. (1999). The generalized war of
       attrition. *American Economic Review* 89(1), 175-189.
    """
    V = float(number(value, "value", lower=0, strict_lower=True))
    lo = float(number(cost_low, "cost_low", lower=0))
    hi = float(number(cost_high, "cost_high"))
    if not hi > lo:
        raise InvalidParameterError(
            f"{cost_high!r} is not above cost_low={cost_low!r}", field="cost_high"
        )
    c = float(number(cost, "cost", lower=lo, upper=hi, strict_lower=True))
    if lo == 0:
        return V / c - V / hi
    return V / lo * math.log(c * (hi - lo) / (hi * (c - lo)))


def attrition_expected_duration(
    *,
    low: Any,
    high: Any,
    cost: Any = 1,
    cdf: Callable[[float], float] | None = None,
) -> Number:
    r"""Expected length of the private-value war of attrition between two sides.

    Parameters
    ----------
    low, high : number
        Support of the value distribution, ``0 <= low < high``.
    cost : number
        Cost per unit of time, positive.
    cdf : callable, optional
        The value distribution's CDF; default uniform (then the result is exact
        for exact inputs).

    Returns
    -------
    number
        :math:`E[\min(t(v_1), t(v_2))]`.

    Raises
    ------
    InvalidParameterError
        On bounds out of order or a non-positive cost.

    Examples
    --------
    >>> from coercion.models import attrition_expected_duration
    >>> attrition_expected_duration(low=0, high=1)
    Fraction(1, 6)

    Notes
    -----
    By revenue equivalence [1]_ the two sides together expect to pay what the
    loser of a second-price auction would: each pays :math:`c` times the
    duration :math:`D`, the lowest type expects nothing and the higher value
    wins, so :math:`2 c\,E[D] = E[\min(v_1, v_2)]` and

    .. math:: E[D] = \frac{1}{2c}\Big(\underline v
              + \int_{\underline v}^{\bar v} (1 - F(x))^2\,dx\Big),

    which is :math:`(\underline v + (\bar v - \underline v)/3) / (2c)` for
    uniform values.

    References
    ----------
    .. [1] Krishna, V. and Morgan, J. (1997). An analysis of the war of
       attrition and the all-pay auction. *Journal of Economic Theory* 72(2),
       343-362.
    """
    lo = number(low, "low", lower=0)
    hi = number(high, "high")
    if not hi > lo:
        raise InvalidParameterError(f"{high!r} is not above low={low!r}", field="high")
    c = number(cost, "cost", lower=0, strict_lower=True)
    if cdf is None:
        return (lo + (hi - lo) / 3) / (2 * c)
    from scipy.integrate import quad

    val, _ = quad(lambda x: (1.0 - cdf(x)) ** 2, float(lo), float(hi), limit=200)
    return (float(lo) + float(val)) / (2 * float(c))


def attrition_private_costs_duration(
    *, value: Any, cost_low: Any, cost_high: Any
) -> float:
    r"""Expected length of the war of attrition with private uniform costs.

    Parameters
    ----------
    value : number
        The common value of the prize, positive.
    cost_low, cost_high : number
        Support of the uniform cost distribution, ``0 <= cost_low < cost_high``.

    Returns
    -------
    float
        :math:`E[\min(t(c_1), t(c_2))]`.

    Raises
    ------
    InvalidParameterError
        On a non-positive value or bounds out of order.

    Examples
    --------
    >>> from coercion.models import attrition_private_costs_duration
    >>> attrition_private_costs_duration(value=10, cost_low=0, cost_high=2)
    5.0
    >>> round(attrition_private_costs_duration(value=10, cost_low=1, cost_high=3), 6)
    2.253469

    Notes
    -----
    In the pain tolerance :math:`r = V / c` the game has unit cost, so by
    revenue equivalence (see :func:`attrition_expected_duration`)
    :math:`E[D] = \tfrac12 E[\min(r_1, r_2)] = \tfrac12\big(\underline r +
    \int_{\underline r}^{\bar r} (1 - F(r))^2\,dr\big)` with
    :math:`1 - F(r) = (V / r - \underline c) / (\bar c - \underline c)`,
    :math:`\underline r = V / \bar c`, :math:`\bar r = V / \underline c`:

    .. math:: E[D] = \frac{V}{2}\Big[\frac{1}{\bar c}
              + \frac{(\bar c - \underline c)(1 + \underline c / \bar c)
              - 2 \underline c \ln(\bar c / \underline c)}
              {(\bar c - \underline c)^2}\Big],

    which is :math:`V / \bar c` when :math:`\underline c = 0`.
    """
    V = float(number(value, "value", lower=0, strict_lower=True))
    lo = float(number(cost_low, "cost_low", lower=0))
    hi = float(number(cost_high, "cost_high"))
    if not hi > lo:
        raise InvalidParameterError(
            f"{cost_high!r} is not above cost_low={cost_low!r}", field="cost_high"
        )
    if lo == 0:
        return V / hi
    w = hi - lo
    integral = (w * (1 + lo / hi) - 2 * lo * math.log(hi / lo)) / (w * w)
    return V / 2 * (1 / hi + integral)


def attrition_concession_hazard(
    t: Any,
    *,
    low: Any,
    high: Any,
    cost: Any = 1,
    cdf: Callable[[float], float] | None = None,
    pdf: Callable[[float], float] | None = None,
) -> float:
    r"""Concession rate at time ``t`` in the private-value war of attrition.

    Parameters
    ----------
    t : number
        A time, non-negative.
    low, high, cost, cdf, pdf
        As in :func:`attrition_concession_time`.

    Returns
    -------
    float
        The hazard :math:`h(t) = c / v(t)` at which a side still fighting at
        time ``t`` concedes, where :math:`v(t)` is the type that concedes at
        ``t``.

    Raises
    ------
    InvalidParameterError
        As :func:`attrition_concession_time`, or a negative ``t``.

    Examples
    --------
    >>> from coercion.models import attrition_concession_hazard
    >>> round(attrition_concession_hazard(0.193147, low=0, high=1), 4)
    2.0

    Notes
    -----
    A side still in at time :math:`t(v)` concedes in the next :math:`dv` of
    types with probability :math:`f(v)\,dv / (1 - F(v))`, and
    :math:`dt = v f(v)\,dv / (c (1 - F(v)))`, so the hazard is
    :math:`c / v(t)`: each moment, the conceding type is just indifferent, as
    in the complete-information hazard :math:`c_j / V_j` of
    :func:`attrition_hazards`. :math:`v(t)` is found by Brent's method on
    :func:`attrition_concession_time`.
    """
    tt = float(number(t, "t", lower=0))
    lo = float(number(low, "low", lower=0))
    hi = float(number(high, "high"))
    if not hi > lo:
        raise InvalidParameterError(f"{high!r} is not above low={low!r}", field="high")
    c = float(number(cost, "cost", lower=0, strict_lower=True))
    if tt == 0:
        v = lo
    else:
        from scipy.optimize import brentq

        def gap(x: float) -> float:
            return (
                attrition_concession_time(x, low=lo, high=hi, cost=c, cdf=cdf, pdf=pdf)
                - tt
            )

        # t(v) grows without bound as v -> high, so a root exists below it
        top = hi - (hi - lo) * 1e-15
        v = brentq(gap, lo, top, xtol=1e-14, rtol=1e-12) if gap(top) > 0 else top
    if v == 0:
        return math.inf
    return c / v


def war_of_attrition_bayesian(
    value: Any,
    costs: Any,
    prior: Any,
    *,
    horizon: Any,
    step: Any = 1,
    players: tuple[str, str] = ("A", "B"),
) -> NormalFormGame:
    r"""The discretised war of attrition with private costs, in ex-ante form.

    Each side's cost per unit of time is private: one of ``costs`` (the
    types), drawn independently with probabilities ``prior``. A strategy is a
    type-contingent plan of concession times, labelled
    ``"t=3|c=1, t=0|c=2"``; payoffs are expected over both sides' types, so
    the pure equilibria of this game are the pure Bayesian equilibria.

    Parameters
    ----------
    value : number
        The common value of the prize, positive.
    costs : sequence of numbers
        The possible costs per unit of time (the types), distinct and positive.
    prior : sequence of numbers
        Their probabilities (positive, summing to 1), the same for both sides.
    horizon, step : number
        The grid of concession times, as in :func:`war_of_attrition`; the
        number of plans per side is (number of times) ** (number of types),
        at most 4096.
    players : pair of str
        Side labels.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    InvalidParameterError
        On a non-positive value or cost, repeated costs, a prior that is not a
        probability vector of the same length, a bad grid or too many plans.

    Examples
    --------
    >>> from coercion.models import war_of_attrition_bayesian
    >>> g = war_of_attrition_bayesian(4, [1, 3], ["1/2", "1/2"], horizon=2)
    >>> g.shape
    (9, 9)
    >>> g.strategies[0][5]
    't=1|c=1, t=2|c=3'

    Notes
    -----
    Payoffs per type pair are those of :func:`war_of_attrition` with each
    side's own cost. Against any distribution of the opponent's concession
    times, a side's payoff has strictly increasing differences in its
    concession time and the negative of its cost wherever the opponent may
    still be fighting, so (Milgrom and Shannon [1]_) in every Bayesian
    equilibrium a lower-cost type concedes no earlier than a higher-cost
    type, unless the opponent is sure to have conceded by then: pain
    tolerance buys persistence, as in the continuous game of
    :func:`attrition_private_costs`.

    References
    ----------
    .. [1] Milgrom, P. and Shannon, C. (1994). Monotone comparative statics.
       *Econometrica* 62(1), 157-180.
    """
    import itertools

    V = number(value, "value", lower=0, strict_lower=True)
    if isinstance(costs, str) or not isinstance(costs, Sequence) or not costs:
        raise InvalidParameterError(
            f"{costs!r} is not a non-empty list of costs", field="costs"
        )
    cs = [
        number(c, f"costs[{i}]", lower=0, strict_lower=True)
        for i, c in enumerate(costs)
    ]
    for i, c in enumerate(cs):
        if c in cs[:i]:
            raise InvalidParameterError(f"cost {c} is repeated", field=f"costs[{i}]")
    if (
        isinstance(prior, str)
        or not isinstance(prior, Sequence)
        or len(prior) != len(cs)
    ):
        raise InvalidParameterError(
            f"{prior!r} does not give one probability per cost ({len(cs)})",
            field="prior",
        )
    pr = [
        number(x, f"prior[{i}]", lower=0, upper=1, strict_lower=True)
        for i, x in enumerate(prior)
    ]
    total = sum(pr, V * 0)
    if (total != 1) if not isinstance(total, float) else abs(total - 1) > 1e-9:
        raise InvalidParameterError(
            f"probabilities sum to {total}, not 1", field="prior"
        )
    times = _grid(horizon, step)
    n_plans = len(times) ** len(cs)
    if n_plans > 4096:
        raise InvalidParameterError(
            f"{n_plans} plans per side; use at most 4096 (fewer times or types)",
            field="horizon",
        )
    plans = list(itertools.product(range(len(times)), repeat=len(cs)))

    def fmt(v: Number) -> str:
        return f"{v:g}" if isinstance(v, float) else format_exact(v)

    labels = [
        ", ".join(
            f"t={fmt(times[k])}|c={fmt(c)}" for k, c in zip(plan, cs, strict=True)
        )
        for plan in plans
    ]

    def pay(ti: Number, tj: Number, ci: Number) -> Number:
        if ti > tj:
            return V - ci * tj
        if ti < tj:
            return -ci * ti
        return V / 2 - ci * ti

    A, B = [], []
    for p1 in plans:
        ra, rb = [], []
        for p2 in plans:
            ua = ub = V * 0
            for a, b in itertools.product(range(len(cs)), repeat=2):
                w = pr[a] * pr[b]
                t1, t2 = times[p1[a]], times[p2[b]]
                ua += w * pay(t1, t2, cs[a])
                ub += w * pay(t2, t1, cs[b])
            ra.append(ua)
            rb.append(ub)
        A.append(ra)
        B.append(rb)
    return NormalFormGame.from_bimatrix(
        A,
        B,
        players=players,
        strategies=(labels, labels),
        title="war of attrition with private costs",
    )
