r"""Bayesian chicken: private pain tolerance, and miscalculation under mismatched beliefs.

Each side of a game of :func:`~coercion.models.chicken` has a private type, its
*pain tolerance*: a ``"high"``-tolerance type bears a collision at cost
:math:`c^H_i`, a ``"low"``-tolerance type at :math:`c^L_i`. Side :math:`i` is of
high tolerance with probability :math:`\mu_i` (the prior), independently of
the other. Stakes :math:`a_i` and costs of backing down :math:`b_i` are common
knowledge.

The game is given in its ex-ante strategic form: a strategy is a
type-contingent plan such as ``"firm|high, yield|low"``, and a plan's payoff
is its expectation over both sides' types. With both priors strictly between 0
and 1, the pure equilibria of this game are the pure Bayesian Nash equilibria
(Harsanyi 1967-68).

Examples
--------
>>> from coercion.models import bayesian_chicken, bayesian_chicken_solution
>>> g = bayesian_chicken(a=1, b=1, c_high=4, c_low=10, prior_high="0.2")
>>> g.strategies[0]
('firm|high, firm|low', 'firm|high, yield|low', 'yield|high, firm|low', 'yield|high, yield|low')
>>> bayesian_chicken_solution(1, 1, 4, 10, "0.2").separating
True
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from coercion.errors import InvalidParameterError
from coercion.game.normal_form import NormalFormGame
from coercion.models._params import Number, pair

__all__ = [
    "bayesian_chicken",
    "bayesian_chicken_game",
    "bayesian_chicken_solution",
    "miscalculation",
    "BayesianChickenSolution",
    "MiscalculationResult",
]

TYPES = ("high", "low")
ACTIONS = ("firm", "yield")
# (action if high, action if low)
PLANS: tuple[tuple[str, str], ...] = tuple((h, lo) for h in ACTIONS for lo in ACTIONS)


def plan_label(plan: tuple[str, str]) -> str:
    """``("firm", "yield")`` -> ``"firm|high, yield|low"``."""
    return f"{plan[0]}|high, {plan[1]}|low"


def _params(a: Any, b: Any, c_high: Any, c_low: Any, prior: Any) -> tuple:
    a2 = pair(a, "a", lower=0, strict_lower=True)
    b2 = pair(b, "b", lower=0)
    ch = pair(c_high, "c_high", lower=0, strict_lower=True)
    cl = pair(c_low, "c_low", lower=0, strict_lower=True)
    mu = pair(
        prior, "prior_high", lower=0, upper=1, strict_lower=True, strict_upper=True
    )
    for i in range(2):
        for name, c in (("c_high", ch), ("c_low", cl)):
            if not c[i] > b2[i]:
                raise InvalidParameterError(
                    f"collision cost {c[i]} is not above b = {b2[i]}",
                    field=f"{name}[{i}]",
                )
    cost = ({"high": ch[0], "low": cl[0]}, {"high": ch[1], "low": cl[1]})
    return a2, b2, cost, mu


def _u(i: int, own: str, other: str, a: Any, b: Any, c: Number) -> Number:
    if own == "firm":
        return a[i] if other == "yield" else -c
    return -b[i] if other == "firm" else 0 * a[i]


def _type_prob(mu: Number, t: str) -> Number:
    return mu if t == "high" else 1 - mu


def bayesian_chicken(
    a: Any,
    b: Any,
    c_high: Any,
    c_low: Any,
    prior_high: Any,
    *,
    players: tuple[str, str] = ("A", "B"),
) -> NormalFormGame:
    r"""Chicken with private pain tolerance, as its ex-ante strategic form.

    Parameters
    ----------
    a : number or pair
        Each side's gain from prevailing, positive.
    b : number or pair
        Each side's cost of backing down to a firm opponent, non-negative.
    c_high, c_low : number or pair
        Each side's collision cost when of high / low pain tolerance; above
        ``b`` (usually ``c_high < c_low``).
    prior_high : number or pair
        :math:`\mu_i`, the probability that side :math:`i` is of high
        tolerance, strictly between 0 and 1.
    players : pair of str
        Side labels.

    Returns
    -------
    NormalFormGame
        A 4 x 4 game whose strategies are type-contingent plans, labelled
        ``"<action>|high, <action>|low"``.

    Raises
    ------
    InvalidParameterError
        On a non-positive stake, a negative cost of backing down, a collision
        cost not above it, or a prior outside ``(0, 1)``.

    Examples
    --------
    >>> from coercion.models import bayesian_chicken
    >>> g = bayesian_chicken(a=1, b=1, c_high=4, c_low=10, prior_high="0.2")
    >>> g["firm|high, yield|low", "firm|high, yield|low"]
    (Fraction(-4, 25), Fraction(-4, 25))

    Notes
    -----
    Side :math:`i`'s ex-ante payoff from plans :math:`(\sigma_1, \sigma_2)` is

    .. math:: U_i = \sum_{\theta_1, \theta_2} \mu_1(\theta_1)\mu_2(\theta_2)\,
              u_i\big(\sigma_1(\theta_1), \sigma_2(\theta_2); \theta_i\big),

    with :math:`u_i` the chicken payoffs using :math:`c^{\theta_i}_i`. This is
    the strategic form of the Bayesian game [1]_; its equilibria are the
    Bayesian equilibria because every type has positive probability.

    References
    ----------
    .. [1] Harsanyi, J. C. (1967-68). Games with incomplete information played
       by "Bayesian" players, I-III. *Management Science* 14, 159-182,
       320-334, 486-502.
    """
    a2, b2, cost, mu = _params(a, b, c_high, c_low, prior_high)
    A, B = [], []
    for p1 in PLANS:
        ra, rb = [], []
        for p2 in PLANS:
            ua = ub = 0 * a2[0]
            for (k1, t1), (k2, t2) in itertools.product(enumerate(TYPES), repeat=2):
                w = _type_prob(mu[0], t1) * _type_prob(mu[1], t2)
                x1, x2 = p1[k1], p2[k2]
                ua += w * _u(0, x1, x2, a2, b2, cost[0][t1])
                ub += w * _u(1, x2, x1, a2, b2, cost[1][t2])
            ra.append(ua)
            rb.append(ub)
        A.append(ra)
        B.append(rb)
    labels = [plan_label(p) for p in PLANS]
    return NormalFormGame.from_bimatrix(
        A, B, players=players, strategies=(labels, labels), title="Bayesian chicken"
    )


@dataclass(frozen=True)
class BayesianChickenSolution:
    """Closed-form results of :func:`bayesian_chicken`.

    Attributes
    ----------
    critical_risk : tuple of dict
        Per side, each type's critical risk
        :math:`r_i(\\theta) = a_i / (a_i + c^\\theta_i - b_i)`.
    pure_equilibria : list of (str, str)
        Every pure Bayesian equilibrium as a pair of plan labels, in the
        game's row-major order.
    separating : bool
        Whether "firm|high, yield|low" for both sides is an equilibrium:
        :math:`r_i(L) \\le \\mu_j \\le r_i(H)` for both sides.
    """

    critical_risk: tuple[dict[str, Number], dict[str, Number]]
    pure_equilibria: list[tuple[str, str]]
    separating: bool


def _risks(a2: Any, b2: Any, cost: Any) -> tuple[dict[str, Number], ...]:
    return tuple(
        {t: a2[i] / (a2[i] + cost[i][t] - b2[i]) for t in TYPES} for i in range(2)
    )


def _firm_prob(plan: tuple[str, str], mu: Number) -> Number:
    return sum(
        (_type_prob(mu, t) for k, t in enumerate(TYPES) if plan[k] == "firm"),
        0 * mu,
    )


def bayesian_chicken_solution(
    a: Any,
    b: Any,
    c_high: Any,
    c_low: Any,
    prior_high: Any,
) -> BayesianChickenSolution:
    r"""Pure Bayesian equilibria of :func:`bayesian_chicken` from critical risks.

    Parameters
    ----------
    a, b, c_high, c_low, prior_high
        As in :func:`bayesian_chicken`.

    Returns
    -------
    BayesianChickenSolution

    Raises
    ------
    InvalidParameterError
        As :func:`bayesian_chicken`.

    Examples
    --------
    The high-tolerance type bears a collision risk up to 1/4, the low type up
    to 1/10; with a prior of 0.2 on high tolerance, high types stand firm and
    low types yield:

    >>> from coercion.models import bayesian_chicken_solution
    >>> sol = bayesian_chicken_solution(1, 1, 4, 10, "0.2")
    >>> sol.critical_risk[0]
    {'high': Fraction(1, 4), 'low': Fraction(1, 10)}
    >>> ("firm|high, yield|low", "firm|high, yield|low") in sol.pure_equilibria
    True

    Notes
    -----
    A type :math:`\theta` of side :math:`i` facing an opponent who stands firm
    with probability :math:`\phi_j` (over the opponent's types and plan)
    stands firm exactly when :math:`\phi_j \le r_i(\theta)`, its critical
    risk (see :func:`~coercion.models.chicken_solution`), and yields when
    :math:`\phi_j \ge r_i(\theta)`. A pair of plans is a Bayesian equilibrium
    when every type's action passes this test. In the separating equilibrium
    :math:`\phi_j = \mu_j`, so it exists iff
    :math:`r_i(L) \le \mu_j \le r_i(H)` for both sides: the opponent must be
    believed tough often enough to deter the low-tolerance type and seldom
    enough not to deter the high-tolerance type [1]_ [2]_.

    References
    ----------
    .. [1] Fearon, J. D. (1995). Rationalist explanations for war.
       *International Organization* 49(3), 379-414.
    .. [2] Morrow, J. D. (1994). *Game Theory for Political Scientists*.
       Princeton University Press, ch. 6 and 8.
    """
    a2, b2, cost, mu = _params(a, b, c_high, c_low, prior_high)
    risks = _risks(a2, b2, cost)
    eqs = []
    for p1, p2 in itertools.product(PLANS, repeat=2):
        ok = True
        for i, own, other in ((0, p1, p2), (1, p2, p1)):
            phi = _firm_prob(other, mu[1 - i])
            for k, t in enumerate(TYPES):
                r = risks[i][t]
                if (own[k] == "firm" and phi > r) or (own[k] == "yield" and phi < r):
                    ok = False
        if ok:
            eqs.append((plan_label(p1), plan_label(p2)))
    sep = plan_label(("firm", "yield"))
    return BayesianChickenSolution(
        critical_risk=(risks[0], risks[1]),
        pure_equilibria=eqs,
        separating=(sep, sep) in eqs,
    )


@dataclass(frozen=True)
class MiscalculationResult:
    """Planned play under each side's own beliefs, and what it costs.

    Attributes
    ----------
    plans : tuple of str
        Each side's type-contingent plan under its own beliefs.
    benchmark_plans : tuple of str
        The plans the same rule gives with correct beliefs.
    collision_probability, benchmark_collision_probability : number
        Probability (under the true priors) that both stand firm.
    payoffs, benchmark_payoffs : tuple
        Each side's expected payoff under the true priors.
    cost : tuple
        The cost of miscalculation, ``benchmark_payoffs - payoffs`` per side
        (negative when a side gains from the other's error).
    """

    plans: tuple[str, str]
    benchmark_plans: tuple[str, str]
    collision_probability: Number
    benchmark_collision_probability: Number
    payoffs: tuple[Number, Number]
    benchmark_payoffs: tuple[Number, Number]
    cost: tuple[Number, Number]


def miscalculation(
    a: Any,
    b: Any,
    c_high: Any,
    c_low: Any,
    prior_high: Any,
    beliefs: Any,
) -> MiscalculationResult:
    r"""Chicken when each side holds its own belief about the other's tolerance.

    Parameters
    ----------
    a, b, c_high, c_low, prior_high
        As in :func:`bayesian_chicken`; ``prior_high`` is the *true*
        probability of each side being of high tolerance.
    beliefs : number or pair
        ``beliefs[i]`` is side :math:`i`'s belief that the *other* side is of
        high tolerance, in ``(0, 1)``.

    Returns
    -------
    MiscalculationResult

    Raises
    ------
    InvalidParameterError
        As :func:`bayesian_chicken`, or beliefs outside ``(0, 1)``.

    Examples
    --------
    Both sides underrate the other's tolerance (belief 0.05, truth 0.2): each
    expects the other to back down, even its low-tolerance type stands firm,
    and they collide for sure:

    >>> from coercion.models import miscalculation
    >>> res = miscalculation(1, 1, 4, 10, prior_high="0.2", beliefs="0.05")
    >>> res.plans
    ('firm|high, firm|low', 'firm|high, firm|low')
    >>> res.collision_probability, res.benchmark_collision_probability
    (Fraction(1, 1), Fraction(1, 25))
    >>> res.cost
    (Fraction(216, 25), Fraction(216, 25))

    Notes
    -----
    Each side plans as in the separating Bayesian equilibrium of
    :func:`bayesian_chicken_solution`, but computed from its own beliefs:
    it conjectures that the other stands firm exactly when of high tolerance,
    so it expects firmness with probability :math:`\nu_i` (its belief), and
    its type :math:`\theta` stands firm iff :math:`\nu_i \le r_i(\theta)`.
    With correct beliefs (:math:`\nu_i = \mu_j`) and the separating
    conditions met, the plans are that Bayesian equilibrium. The realised
    play is then evaluated under the true priors. Underrating the other's
    tolerance leads both to stand firm (a collision neither wanted: the
    miscalculation the pain-tolerance hypothesis warns of); overrating it
    leads a side to concede when it would have prevailed. Mismatched priors
    in this sense are the "disagreement about relative power or resolve" of
    [1]_ and the misperception of [2]_.

    See Also
    --------
    coercion.miscalculation : the general version for any Bayesian game, where
        each side plays an equilibrium of the game under its own prior (use
        :func:`bayesian_chicken_game`).

    References
    ----------
    .. [1] Fearon, J. D. (1995). Rationalist explanations for war.
       *International Organization* 49(3), 379-414.
    .. [2] Jervis, R. (1976). *Perception and Misperception in International
       Politics*. Princeton University Press.
    """
    a2, b2, cost, mu = _params(a, b, c_high, c_low, prior_high)
    nu = pair(
        beliefs, "beliefs", lower=0, upper=1, strict_lower=True, strict_upper=True
    )
    risks = _risks(a2, b2, cost)
    game = bayesian_chicken(a, b, c_high, c_low, prior_high)

    def plans_for(belief: tuple[Number, Number]) -> list[tuple[str, str]]:
        def act(i: int, t: str) -> str:
            return "firm" if belief[i] <= risks[i][t] else "yield"

        return [(act(i, "high"), act(i, "low")) for i in range(2)]

    def evaluate(plans: list[tuple[str, str]]) -> tuple[Number, tuple]:
        crash = _firm_prob(plans[0], mu[0]) * _firm_prob(plans[1], mu[1])
        labels = [plan_label(p) for p in plans]
        pay = game.expected_payoffs([{labels[0]: 1}, {labels[1]: 1}])
        return crash, pay

    planned = plans_for(nu)
    bench = plans_for((mu[1], mu[0]))
    crash, pay = evaluate(planned)
    bcrash, bpay = evaluate(bench)
    return MiscalculationResult(
        plans=(plan_label(planned[0]), plan_label(planned[1])),
        benchmark_plans=(plan_label(bench[0]), plan_label(bench[1])),
        collision_probability=crash,
        benchmark_collision_probability=bcrash,
        payoffs=(pay[0], pay[1]),
        benchmark_payoffs=(bpay[0], bpay[1]),
        cost=(bpay[0] - pay[0], bpay[1] - pay[1]),
    )


def bayesian_chicken_game(
    a: Any,
    b: Any,
    c_high: Any,
    c_low: Any,
    prior_high: Any,
    *,
    players: tuple[str, str] = ("A", "B"),
) -> Any:
    r"""Bayesian chicken as a :class:`~coercion.BayesianGame`.

    The same game as :func:`bayesian_chicken`, kept in Bayesian form so that
    :func:`coercion.bayesian_nash` (interim certificates) and the general
    :func:`coercion.miscalculation` (equilibrium-based planning under each
    side's own prior) apply to it.

    Parameters
    ----------
    a, b, c_high, c_low, prior_high, players
        As in :func:`bayesian_chicken`.

    Returns
    -------
    BayesianGame
        Types ``"high"`` and ``"low"``, actions ``"firm"`` and ``"yield"``.

    Raises
    ------
    InvalidParameterError
        As :func:`bayesian_chicken`.

    Examples
    --------
    >>> from coercion.models import bayesian_chicken, bayesian_chicken_game
    >>> g = bayesian_chicken_game(1, 1, 4, 10, "0.2")
    >>> g.to_strategic_form() == bayesian_chicken(1, 1, 4, 10, "0.2")
    True
    """
    from coercion.game.bayesian import BayesianGame

    a2, b2, cost, mu = _params(a, b, c_high, c_low, prior_high)

    def pay(types: tuple[str, str], acts: tuple[str, str]) -> list[Number]:
        return [
            _u(0, acts[0], acts[1], a2, b2, cost[0][types[0]]),
            _u(1, acts[1], acts[0], a2, b2, cost[1][types[1]]),
        ]

    return BayesianGame(
        list(players),
        [list(TYPES)] * 2,
        [list(ACTIONS)] * 2,
        [{t: _type_prob(mu[i], t) for t in TYPES} for i in range(2)],
        pay,
        title="Bayesian chicken",
    )
