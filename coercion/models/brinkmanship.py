r"""Brinkmanship: the threat that leaves something to chance.

A sender demands that a target comply (give up a stake worth :math:`w` to
it, worth :math:`v` to the sender). A threat to inflict a disaster on both
sides for certain is not credible when the disaster hurts the sender more
than backing down. Schelling's answer is to threaten a *risk*: to start a
process that ends in disaster (costing the sender :math:`D_S` and the target
:math:`D_T`) with probability :math:`r` if the target defies, a process the
sender then cannot fully stop. The target is *resolute* with probability
:math:`\theta` (it defies whatever the risk) and *pliable* otherwise.

Examples
--------
>>> from coercion.models import brinkmanship_window
>>> w = brinkmanship_window(sender_value=10, target_stake=2, sender_disaster=100,
...                         target_disaster=20, resolute_probability="0.2")
>>> w.min_risk, w.max_risk, w.optimal_risk
(Fraction(1, 10), Fraction(2, 5), Fraction(1, 10))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coercion.game.extensive import ExtensiveGame
from coercion.game.normal_form import NormalFormGame
from coercion.models._params import Number, number, probability

__all__ = [
    "BrinkmanshipWindow",
    "brinkmanship_window",
    "brinkmanship_tree",
    "brinkmanship",
]


@dataclass(frozen=True)
class BrinkmanshipWindow:
    r"""The risks that coerce without making the threat unacceptable.

    Attributes
    ----------
    min_risk : number
        Effectiveness bound :math:`\underline r = w / D_T`: the least risk at
        which the pliable target complies.
    max_risk : number
        Acceptability bound
        :math:`\bar r = (1 - \theta) v / (\theta D_S)`: the largest risk the
        sender prefers to running no threat (capped at 1; 1 when
        :math:`\theta = 0`).
    feasible : bool
        Whether :math:`\underline r \le \min(1, \bar r)`.
    optimal_risk : number or None
        The sender's best risk, :math:`\underline r`, when feasible.
    sender_payoff : number
        :math:`(1 - \theta) v - \theta \underline r D_S` when feasible, else 0.
    disaster_probability : number
        :math:`\theta\,\underline r` when feasible, else 0.
    deliberate_threat_credible : bool
        Whether a deliberate (certain) disaster would be carried out after
        defiance: :math:`D_S \le h`, the sender's cost of backing down.
    """

    min_risk: Number
    max_risk: Number
    feasible: bool
    optimal_risk: Number | None
    sender_payoff: Number
    disaster_probability: Number
    deliberate_threat_credible: bool


def _check(v: Any, w: Any, ds: Any, dt: Any, theta: Any) -> tuple[Number, ...]:
    return (
        number(v, "sender_value", lower=0, strict_lower=True),
        number(w, "target_stake", lower=0, strict_lower=True),
        number(ds, "sender_disaster", lower=0, strict_lower=True),
        number(dt, "target_disaster", lower=0, strict_lower=True),
        probability(theta, "resolute_probability"),
    )


def brinkmanship_window(
    sender_value: Any,
    target_stake: Any,
    sender_disaster: Any,
    target_disaster: Any,
    resolute_probability: Any,
    *,
    backdown_cost: Any = 0,
) -> BrinkmanshipWindow:
    r"""The window of risk levels in which brinkmanship coerces, in closed form.

    Parameters
    ----------
    sender_value : number
        :math:`v > 0`, the sender's gain when the target complies.
    target_stake : number
        :math:`w > 0`, the target's loss from complying.
    sender_disaster, target_disaster : number
        :math:`D_S, D_T > 0`, each side's loss in the disaster.
    resolute_probability : number
        :math:`\theta \in [0, 1]`, the probability that the target defies
        whatever the risk.
    backdown_cost : number
        :math:`h \ge 0`, the sender's cost of backing down after a defied
        threat (audience costs); only used for
        :attr:`BrinkmanshipWindow.deliberate_threat_credible`.

    Returns
    -------
    BrinkmanshipWindow

    Raises
    ------
    InvalidParameterError
        On non-positive values or disaster costs, a probability outside
        ``[0, 1]`` or a negative backdown cost.

    Examples
    --------
    A more likely resolute target narrows the window until it closes:

    >>> from coercion.models import brinkmanship_window
    >>> w = brinkmanship_window(10, 2, 100, 20, "0.5")
    >>> w.min_risk, w.max_risk, w.feasible
    (Fraction(1, 10), Fraction(1, 10), True)
    >>> brinkmanship_window(10, 2, 100, 20, "0.6").feasible
    False

    Notes
    -----
    The pliable target complies with a threat of risk :math:`r` iff the
    expected disaster cost of defying exceeds its stake,
    :math:`r D_T \ge w` (*effectiveness*: :math:`r \ge \underline r`). A
    resolute target defies, and then the disaster strikes with probability
    :math:`r`. With :math:`r \ge \underline r` the sender expects
    :math:`(1 - \theta) v - \theta r D_S`, which beats not threatening (0)
    iff :math:`r \le \bar r = (1 - \theta) v / (\theta D_S)`
    (*acceptability*). The sender picks the least effective risk
    :math:`\underline r`. These are the effectiveness and acceptability
    conditions of Dixit and Skeath's analysis of the Cuban missile crisis
    [3]_, formalising Schelling's threat that leaves something to chance
    [1]_; Powell [2]_ builds the dynamic version in which each side raises
    the risk step by step.

    A deliberate threat (disaster for certain, carried out by choice after
    defiance) is credible only if :math:`D_S \le h`: the reason to leave the
    disaster to chance, and to commit to a process rather than an act.

    References
    ----------
    .. [1] Schelling, T. C. (1960). *The Strategy of Conflict*. Harvard
       University Press, ch. 8.
    .. [2] Powell, R. (1990). *Nuclear Deterrence Theory: The Search for
       Credibility*. Cambridge University Press, ch. 2.
    .. [3] Dixit, A. and Skeath, S. (2004). *Games of Strategy*, 2nd ed.
       Norton, ch. 14.
    """
    v, w, ds, dt, theta = _check(
        sender_value, target_stake, sender_disaster, target_disaster,
        resolute_probability,
    )  # fmt: skip
    h = number(backdown_cost, "backdown_cost", lower=0)
    r_min = w / dt
    one = r_min * 0 + 1
    r_max = one if theta == 0 else min(one, (1 - theta) * v / (theta * ds))
    feasible = r_min <= r_max
    zero = r_min * 0
    return BrinkmanshipWindow(
        min_risk=r_min,
        max_risk=r_max,
        feasible=bool(feasible),
        optimal_risk=r_min if feasible else None,
        sender_payoff=(1 - theta) * v - theta * r_min * ds if feasible else zero,
        disaster_probability=theta * r_min if feasible else zero,
        deliberate_threat_credible=bool(ds <= h),
    )


def brinkmanship_tree(
    risk: Any,
    sender_value: Any,
    target_stake: Any,
    sender_disaster: Any,
    target_disaster: Any,
    resolute_probability: Any,
    *,
    players: tuple[str, str] = ("Sender", "Target"),
) -> ExtensiveGame:
    r"""The brinkmanship game at one risk level, as a game tree.

    Parameters
    ----------
    risk : number
        :math:`r \in [0, 1]`, the probability of disaster after defiance.
    sender_value, target_stake, sender_disaster, target_disaster, resolute_probability
        As in :func:`brinkmanship_window`.
    players : pair of str
        Labels of the sender and the target.

    Returns
    -------
    ExtensiveGame
        The sender chooses ``"no threat"`` or ``"threaten"``; chance draws the
        target ``"resolute"`` or ``"pliable"``; the pliable target chooses
        ``"comply"`` or ``"defy"``; after defiance chance draws
        ``"disaster"`` (probability :math:`r`) or ``"escape"``.

    Raises
    ------
    InvalidParameterError
        As :func:`brinkmanship_window`, or a risk outside ``[0, 1]``.

    Examples
    --------
    >>> from coercion.models import brinkmanship_tree
    >>> g = brinkmanship_tree("0.2", 10, 2, 100, 20, "0.2")
    >>> print(g.to_text())
    brinkmanship
    players: Sender, Target
    Sender [infoset 1] {no threat, threaten}
      no threat: payoffs (0, 0)
      threaten: chance [infoset 1]
        resolute (1/5): chance [infoset 2]
          disaster (1/5): payoffs (-100, -20)
          escape (4/5): payoffs (0, 0)
        pliable (4/5): Target [infoset 1] {comply, defy}
          comply: payoffs (10, -2)
          defy: chance [infoset 3]
            disaster (1/5): payoffs (-100, -20)
            escape (4/5): payoffs (0, 0)
    """
    v, w, ds, dt, theta = _check(
        sender_value, target_stake, sender_disaster, target_disaster,
        resolute_probability,
    )  # fmt: skip
    r = probability(risk, "risk")
    zero = v * 0
    g = ExtensiveGame(players=list(players), title="brinkmanship")
    quiet, threat = g.root.decide(players[0], ["no threat", "threaten"])
    quiet.set_outcome([zero, zero])
    resolute, pliable = threat.chance(["resolute", "pliable"], [theta, 1 - theta])

    def gamble(node: Any) -> None:
        disaster, escape = node.chance(["disaster", "escape"], [r, 1 - r], infoset=None)
        disaster.set_outcome([-ds, -dt])
        escape.set_outcome([zero, zero])

    gamble(resolute)
    comply, defy = pliable.decide(players[1], ["comply", "defy"])
    comply.set_outcome([v, -w])
    gamble(defy)
    return g


def brinkmanship(
    risk: Any,
    sender_value: Any,
    target_stake: Any,
    sender_disaster: Any,
    target_disaster: Any,
    resolute_probability: Any,
    *,
    players: tuple[str, str] = ("Sender", "Target"),
) -> NormalFormGame:
    r"""The reduced strategic form of :func:`brinkmanship_tree`.

    Parameters
    ----------
    risk, sender_value, target_stake, sender_disaster, target_disaster, resolute_probability, players
        As in :func:`brinkmanship_tree`.

    Returns
    -------
    NormalFormGame
        Sender: ``"no threat"``, ``"threaten"``; target (its pliable type):
        ``"comply"``, ``"defy"``.

    Raises
    ------
    InvalidParameterError
        As :func:`brinkmanship_tree`.

    Examples
    --------
    >>> from coercion.models import brinkmanship
    >>> print(brinkmanship("0.2", 10, 2, 100, 20, "0.2").to_text())
    Sender \ Target  comply    defy
    no threat        0, 0      0, 0
    threaten         4, -12/5  -20, -4

    Notes
    -----
    The target's payoffs are ex ante, over both of its types.
    """
    return brinkmanship_tree(
        risk, sender_value, target_stake, sender_disaster, target_disaster,
        resolute_probability, players=players,
    ).reduced_strategic_form()  # fmt: skip
