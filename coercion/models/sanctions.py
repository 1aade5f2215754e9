r"""A sanctions game with a threat stage, selection effects and conflict expectations.

The sender threatens sanctions unless the target makes a concession, or leaves
the status quo. The target concedes at once or resists; after resistance the
sender imposes the sanctions or backs down; under sanctions the target
concedes or endures. Absolute payoffs :math:`(x_S, x_T)`:

=================================  ==========================================
path                               :math:`(x_S, x_T)`
=================================  ==========================================
status quo                         :math:`(0, 0)`
threaten, concede                  :math:`(v_S, -v_T)`
threaten, resist, back down        :math:`(-a, 0)`
threaten, resist, impose, concede  :math:`(v_S - \phi s_S, -v_T - \phi s_T)`
threaten, resist, impose, endure   :math:`(-s_S, -s_T)`
=================================  ==========================================

:math:`v_S` is the concession's value to the sender and :math:`v_T` its cost
to the target, :math:`s_S, s_T` the costs of sanctions that run their course,
:math:`\phi \in [0, 1]` the share of them borne before a target that gives in
has them lifted, and :math:`a` the sender's cost of backing down (audience
costs). Following Drezner, each side also cares about relative gains in
proportion to its *conflict expectations* :math:`\kappa \in [0, 1)`:
:math:`u_S = x_S - \kappa x_T` and :math:`u_T = x_T - \kappa x_S`.

Examples
--------
>>> from coercion.models import sanctions_solution
>>> sol = sanctions_solution(sender_value=4, target_value=3, sender_cost=1,
...                          target_cost=4, backdown_cost=2)
>>> sol.path
('threaten', 'concede')

The same dispute between adversaries (conflict expectations 0.5): the target
concedes less readily, the sender sanctions more readily, and the sanctions
fail:

>>> sanctions_solution(4, 3, 1, 4, 2, conflict_expectation="0.5").path
('threaten', 'resist', 'impose', 'endure')
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from coercion.errors import InvalidParameterError, TieWarning
from coercion.game.extensive import ExtensiveGame
from coercion.game.normal_form import NormalFormGame
from coercion.models._params import Number, number, probability

__all__ = [
    "SanctionsSolution",
    "sanctions_solution",
    "sanctions_tree",
    "sanctions_game",
    "sanctions_selection",
    "SeparatingSanctions",
    "sanctions_uncertain_tree",
    "sanctions_uncertain_game",
    "sanctions_separating_equilibrium",
    "sanctions_signaling_game",
]


def _params(
    vs: Any, vt: Any, ss: Any, st: Any, a: Any, kappa: Any, phi: Any
) -> tuple[Number, ...]:
    return (
        number(vs, "sender_value", lower=0, strict_lower=True),
        number(vt, "target_value", lower=0, strict_lower=True),
        number(ss, "sender_cost", lower=0),
        number(st, "target_cost", lower=0),
        number(a, "backdown_cost", lower=0),
        number(kappa, "conflict_expectation", lower=0, upper=1, strict_upper=True),
        probability(phi, "short_run_share"),
    )


def _utilities(p: tuple[Number, ...]) -> dict[str, tuple[Number, Number]]:
    vs, vt, ss, st, a, k, phi = p
    x = {
        "status quo": (vs * 0, vs * 0),
        "concede": (vs, -vt),
        "back down": (-a, vs * 0),
        "impose/concede": (vs - phi * ss, -vt - phi * st),
        "impose/endure": (-ss, -st),
    }
    return {key: (xs - k * xt, xt - k * xs) for key, (xs, xt) in x.items()}


@dataclass(frozen=True)
class SanctionsSolution:
    """The subgame-perfect play of the sanctions game (ties go to restraint).

    Attributes
    ----------
    path : tuple of str
        The actions played, e.g. ``("threaten", "resist", "impose", "endure")``.
    sender_plan, target_plan : str
        Each side's plan as a reduced strategic-form label of
        :func:`sanctions_game` (``"threaten/impose"``, ``"resist/endure"``).
    payoffs : tuple
        The players' utilities on the path.
    sanctions_imposed, sanctions_succeed, threat_succeeds : bool
        Whether sanctions are imposed, whether imposed sanctions win the
        concession, whether the bare threat does.
    """

    path: tuple[str, ...]
    sender_plan: str
    target_plan: str
    payoffs: tuple[Number, Number]
    sanctions_imposed: bool
    sanctions_succeed: bool
    threat_succeeds: bool


def sanctions_solution(
    sender_value: Any,
    target_value: Any,
    sender_cost: Any,
    target_cost: Any,
    backdown_cost: Any,
    *,
    conflict_expectation: Any = 0,
    short_run_share: Any = "1/2",
) -> SanctionsSolution:
    r"""Backward induction in the sanctions game, in closed form.

    Parameters
    ----------
    sender_value : number
        :math:`v_S > 0`, the concession's value to the sender.
    target_value : number
        :math:`v_T > 0`, the concession's cost to the target.
    sender_cost, target_cost : number
        :math:`s_S, s_T \ge 0`, each side's cost of sanctions that run their
        course.
    backdown_cost : number
        :math:`a \ge 0`, the sender's cost of backing down after a threat.
    conflict_expectation : number
        :math:`\kappa \in [0, 1)`, the weight on relative gains (default 0).
    short_run_share : number
        :math:`\phi \in [0, 1]`, the share of sanction costs borne before a
        target that concedes under sanctions has them lifted (default 1/2).

    Returns
    -------
    SanctionsSolution

    Raises
    ------
    InvalidParameterError
        If a parameter is outside its domain.

    Warns
    -----
    TieWarning
        When a mover is indifferent on the backward-induction path or off it;
        the less escalatory action is chosen.

    Examples
    --------
    Sanctions the target could not bear win a concession at the threat stage;
    sanctions are only imposed on a target that then endures them:

    >>> from coercion.models import sanctions_solution
    >>> sanctions_solution(4, 3, 1, 4, 2).threat_succeeds
    True
    >>> s = sanctions_solution(4, 3, 1, 4, 2, conflict_expectation="0.5")
    >>> s.sender_plan, s.target_plan, s.sanctions_succeed
    ('threaten/impose', 'resist/endure', False)

    Notes
    -----
    With utilities :math:`u` as in the module docstring, the target gives in
    under sanctions iff
    :math:`(1 - \phi)(s_T - \kappa s_S) \ge v_T + \kappa v_S`; the sender
    imposes iff its utility from the target's response beats :math:`-a`; the
    target concedes at the threat stage iff
    :math:`-v_T - \kappa v_S` is at least its utility from resisting; the
    sender threatens iff that beats the status quo. Ties go to the less
    escalatory action (status quo, back down, concede).

    *Selection effect* (Lacy and Niou [1]_): imposed sanctions never succeed
    on the equilibrium path. If the target would give in under sanctions,
    then :math:`s_T - \kappa s_S > 0`, so conceding at the threat stage saves
    it :math:`\phi(s_T - \kappa s_S) \ge 0` and it concedes there (ties to
    conceding). Sanctions that work do so as threats and are never observed
    as imposed; imposed sanctions are selected for failure.

    *Conflict expectations* (Drezner [2]_): a higher :math:`\kappa` raises
    the target's cost of conceding (:math:`v_T + \kappa v_S`) and lowers the
    relative bite of sanctions (:math:`s_T - \kappa s_S`), while making
    imposition cheaper for the sender (:math:`-s_S + \kappa s_T`): adversaries
    are sanctioned more often but concede less, the sanctions paradox.

    References
    ----------
    .. [1] Lacy, D. and Niou, E. M. S. (2004). A theory of economic sanctions
       and issue linkage: the roles of preferences, information, and
       threats. *Journal of Politics* 66(1), 25-42.
    .. [2] Drezner, D. W. (1999). *The Sanctions Paradox: Economic Statecraft
       and International Relations*. Cambridge University Press, ch. 2.
    """
    u = _utilities(
        _params(
            sender_value, target_value, sender_cost, target_cost, backdown_cost,
            conflict_expectation, short_run_share,
        )
    )  # fmt: skip
    # stage 4: the target under sanctions
    late = "concede" if u["impose/concede"][1] >= u["impose/endure"][1] else "endure"
    after_impose = u[f"impose/{late}"]
    # stage 3: the sender after resistance
    impose = after_impose[0] > u["back down"][0]
    after_resist = after_impose if impose else u["back down"]
    # stage 2: the target facing the threat
    early = "concede" if u["concede"][1] >= after_resist[1] else "resist"
    after_threat = u["concede"] if early == "concede" else after_resist
    # stage 1: the sender
    threaten = after_threat[0] > u["status quo"][0]
    ties = [
        stage
        for stage, (x, y) in {
            "target under sanctions": (u["impose/concede"][1], u["impose/endure"][1]),
            "sender after resistance": (after_impose[0], u["back down"][0]),
            "target facing the threat": (u["concede"][1], after_resist[1]),
            "sender at the start": (after_threat[0], u["status quo"][0]),
        }.items()
        if x == y
    ]
    if ties:
        warnings.warn(
            f"indifferent: {', '.join(ties)}; the less escalatory action was chosen",
            TieWarning,
            stacklevel=2,
        )
    if not threaten:
        path: tuple[str, ...] = ("status quo",)
        pay = u["status quo"]
    elif early == "concede":
        path, pay = ("threaten", "concede"), u["concede"]
    elif impose:
        path, pay = ("threaten", "resist", "impose", late), after_impose
    else:
        path, pay = ("threaten", "resist", "back down"), u["back down"]
    sender_plan = (
        "status quo"
        if not threaten
        else f"threaten/{'impose' if impose else 'back down'}"
    )
    target_plan = "concede" if early == "concede" else f"resist/{late}"
    return SanctionsSolution(
        path=path,
        sender_plan=sender_plan,
        target_plan=target_plan,
        payoffs=pay,
        sanctions_imposed="impose" in path,
        sanctions_succeed="impose" in path and path[-1] == "concede",
        threat_succeeds=path == ("threaten", "concede"),
    )


def sanctions_tree(
    sender_value: Any,
    target_value: Any,
    sender_cost: Any,
    target_cost: Any,
    backdown_cost: Any,
    *,
    conflict_expectation: Any = 0,
    short_run_share: Any = "1/2",
    players: tuple[str, str] = ("Sender", "Target"),
) -> ExtensiveGame:
    r"""The sanctions game as a game tree (utilities include relative gains).

    Parameters
    ----------
    sender_value, target_value, sender_cost, target_cost, backdown_cost
        As in :func:`sanctions_solution`.
    conflict_expectation, short_run_share
        As in :func:`sanctions_solution`.
    players : pair of str
        Labels of the sender and the target.

    Returns
    -------
    ExtensiveGame

    Raises
    ------
    InvalidParameterError
        If a parameter is outside its domain.

    Examples
    --------
    >>> from coercion.models import sanctions_tree
    >>> print(sanctions_tree(4, 3, 2, 10, 1).to_text())
    sanctions
    players: Sender, Target
    Sender [infoset 1] {status quo, threaten}
      status quo: payoffs (0, 0)
      threaten: Target [infoset 1] {concede, resist}
        concede: payoffs (4, -3)
        resist: Sender [infoset 2] {impose, back down}
          impose: Target [infoset 2] {concede, endure}
            concede: payoffs (3, -8)
            endure: payoffs (-2, -10)
          back down: payoffs (-1, 0)
    """
    u = _utilities(
        _params(
            sender_value, target_value, sender_cost, target_cost, backdown_cost,
            conflict_expectation, short_run_share,
        )
    )  # fmt: skip
    tree = {
        "player": players[0],
        "moves": {
            "status quo": list(u["status quo"]),
            "threaten": {
                "player": players[1],
                "moves": {
                    "concede": list(u["concede"]),
                    "resist": {
                        "player": players[0],
                        "moves": {
                            "impose": {
                                "player": players[1],
                                "moves": {
                                    "concede": list(u["impose/concede"]),
                                    "endure": list(u["impose/endure"]),
                                },
                            },
                            "back down": list(u["back down"]),
                        },
                    },
                },
            },
        },
    }
    return ExtensiveGame.from_tree(list(players), tree, title="sanctions")


def sanctions_game(
    sender_value: Any,
    target_value: Any,
    sender_cost: Any,
    target_cost: Any,
    backdown_cost: Any,
    *,
    conflict_expectation: Any = 0,
    short_run_share: Any = "1/2",
    players: tuple[str, str] = ("Sender", "Target"),
) -> NormalFormGame:
    r"""The reduced strategic form of :func:`sanctions_tree`.

    Parameters
    ----------
    sender_value, target_value, sender_cost, target_cost, backdown_cost
        As in :func:`sanctions_solution`.
    conflict_expectation, short_run_share, players
        As in :func:`sanctions_tree`.

    Returns
    -------
    NormalFormGame
        Sender plans ``"status quo"``, ``"threaten/impose"``,
        ``"threaten/back down"``; target plans ``"concede"``,
        ``"resist/concede"``, ``"resist/endure"``.

    Raises
    ------
    InvalidParameterError
        If a parameter is outside its domain.

    Examples
    --------
    >>> from coercion.models import sanctions_game
    >>> sanctions_game(4, 3, 2, 10, 1).strategies
    (('status quo', 'threaten/impose', 'threaten/back down'), ('concede', 'resist/concede', 'resist/endure'))
    """
    return sanctions_tree(
        sender_value, target_value, sender_cost, target_cost, backdown_cost,
        conflict_expectation=conflict_expectation, short_run_share=short_run_share,
        players=players,
    ).reduced_strategic_form()  # fmt: skip


def sanctions_selection(
    target_costs: Iterable[Any],
    sender_value: Any,
    target_value: Any,
    sender_cost: Any,
    backdown_cost: Any,
    *,
    conflict_expectation: Any = 0,
    short_run_share: Any = "1/2",
) -> dict[str, Number | None]:
    r"""Outcome shares over a population of targets that differ in their pain.

    Parameters
    ----------
    target_costs : iterable of numbers
        One :math:`s_T` per episode (e.g. a grid or a sample).
    sender_value, target_value, sender_cost, backdown_cost
        As in :func:`sanctions_solution`.
    conflict_expectation, short_run_share
        As in :func:`sanctions_solution`.

    Returns
    -------
    dict
        ``"status quo"``, ``"threat succeeds"``, ``"sanctions imposed"``,
        ``"backed down"``: the share of episodes of each kind;
        ``"coercive success"``: threats or sanctions that won the concession;
        ``"imposed success rate"``: the share of imposed sanctions that
        succeeded (0 whenever some are imposed; None when none are).

    Raises
    ------
    InvalidParameterError
        If a parameter is outside its domain or ``target_costs`` is empty.

    Warns
    -----
    TieWarning
        Once, counting the episodes in which some mover was indifferent.

    Examples
    --------
    >>> from coercion.models import sanctions_selection
    >>> from fractions import Fraction
    >>> costs = [k + Fraction(1, 4) for k in range(12)]
    >>> shares = sanctions_selection(costs, 4, 3, 1, 2, conflict_expectation="0.5")
    >>> shares["threat succeeds"], shares["sanctions imposed"]
    (Fraction(1, 2), Fraction(1, 3))
    >>> shares["imposed success rate"]
    Fraction(0, 1)

    Notes
    -----
    A study of imposed sanctions alone sees only the failures: the selection
    effect of :func:`sanctions_solution` (Drezner 1999, ch. 1; Lacy and Niou
    2004).
    """
    sols = []
    tied = 0
    for st in target_costs:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TieWarning)
            sols.append(
                sanctions_solution(
                    sender_value, target_value, sender_cost, st, backdown_cost,
                    conflict_expectation=conflict_expectation,
                    short_run_share=short_run_share,
                )
            )  # fmt: skip
        tied += any(issubclass(w.category, TieWarning) for w in caught)
    if tied:
        warnings.warn(
            f"{tied} episode(s) had ties, broken towards restraint",
            TieWarning,
            stacklevel=2,
        )
    if not sols:
        raise InvalidParameterError("no target costs given", field="target_costs")
    n = len(sols)

    def share(k: int) -> Number:
        return number(f"{k}/{n}", "share")

    imposed = [s for s in sols if s.sanctions_imposed]
    return {
        "status quo": share(sum(s.path == ("status quo",) for s in sols)),
        "threat succeeds": share(sum(s.threat_succeeds for s in sols)),
        "sanctions imposed": share(len(imposed)),
        "backed down": share(sum("back down" in s.path for s in sols)),
        "coercive success": share(
            sum(s.threat_succeeds or s.sanctions_succeed for s in sols)
        ),
        "imposed success rate": (
            number(
                f"{sum(s.sanctions_succeed for s in imposed)}/{len(imposed)}", "rate"
            )
            if imposed
            else None
        ),
    }


# ---------------------------------------------------------------- private resolve
TYPES = ("vulnerable", "resolute")


def _uncertain_utilities(
    sender_value: Any,
    target_value: Any,
    sender_cost: Any,
    target_cost: Any,
    resolute_target_cost: Any,
    backdown_cost: Any,
    conflict_expectation: Any,
    short_run_share: Any,
) -> dict[str, dict[str, tuple[Number, Number]]]:
    out = {}
    for name, st in zip(TYPES, (target_cost, resolute_target_cost), strict=True):
        field = "target_cost" if name == "vulnerable" else "resolute_target_cost"
        try:
            p = _params(
                sender_value, target_value, sender_cost, st, backdown_cost,
                conflict_expectation, short_run_share,
            )  # fmt: skip
        except InvalidParameterError as exc:
            if exc.field == "target_cost":
                raise InvalidParameterError(exc.message, field=field) from None
            raise
        out[name] = _utilities(p)
    return out


def sanctions_uncertain_tree(
    sender_value: Any,
    target_value: Any,
    sender_cost: Any,
    target_cost: Any,
    resolute_target_cost: Any,
    resolute_probability: Any,
    backdown_cost: Any,
    *,
    conflict_expectation: Any = 0,
    short_run_share: Any = "1/2",
    players: tuple[str, str] = ("Sender", "Target"),
) -> ExtensiveGame:
    r"""The sanctions game when the sender does not know the target's resolve.

    Parameters
    ----------
    sender_value, target_value, sender_cost, backdown_cost
        As in :func:`sanctions_solution`.
    target_cost : number
        :math:`s_V`, the cost of sanctions to a *vulnerable* target.
    resolute_target_cost : number
        :math:`s_R`, the cost of sanctions to a *resolute* target.
    resolute_probability : number
        :math:`\theta`, the prior probability that the target is resolute.
    conflict_expectation, short_run_share, players
        As in :func:`sanctions_tree`.

    Returns
    -------
    ExtensiveGame
        The sender threatens or not; chance draws the target's type, which
        the target sees; the sender decides to impose or back down without
        seeing it (one information set, ``"after resistance"``).

    Raises
    ------
    InvalidParameterError
        If a parameter is outside its domain.

    Examples
    --------
    >>> from coercion.models import sanctions_uncertain_game
    >>> g = sanctions_uncertain_game(4, 3, 1, 4, 1, "0.25", 2)
    >>> g.shape
    (3, 9)
    """
    u = _uncertain_utilities(
        sender_value, target_value, sender_cost, target_cost, resolute_target_cost,
        backdown_cost, conflict_expectation, short_run_share,
    )  # fmt: skip
    theta = probability(resolute_probability, "resolute_probability")
    S, T = players
    g = ExtensiveGame(players=[S, T], title="sanctions with private resolve")
    quiet, threat = g.root.decide(S, ["status quo", "threaten"])
    quiet.set_outcome(list(u["vulnerable"]["status quo"]))
    kinds = threat.chance(list(TYPES), [1 - theta, theta])
    for name, node in zip(TYPES, kinds, strict=True):
        ut = u[name]
        concede, resist = node.decide(T, ["concede", "resist"])
        concede.set_outcome(list(ut["concede"]))
        impose, back = resist.decide(
            S, ["impose", "back down"], infoset="after resistance"
        )
        back.set_outcome(list(ut["back down"]))
        late_c, late_e = impose.decide(T, ["concede", "endure"])
        late_c.set_outcome(list(ut["impose/concede"]))
        late_e.set_outcome(list(ut["impose/endure"]))
    return g


def sanctions_uncertain_game(
    sender_value: Any,
    target_value: Any,
    sender_cost: Any,
    target_cost: Any,
    resolute_target_cost: Any,
    resolute_probability: Any,
    backdown_cost: Any,
    *,
    conflict_expectation: Any = 0,
    short_run_share: Any = "1/2",
    players: tuple[str, str] = ("Sender", "Target"),
) -> NormalFormGame:
    r"""The reduced strategic form of :func:`sanctions_uncertain_tree`.

    Parameters
    ----------
    sender_value, target_value, sender_cost, target_cost, resolute_target_cost
        As in :func:`sanctions_uncertain_tree`.
    resolute_probability, backdown_cost
        As in :func:`sanctions_uncertain_tree`.
    conflict_expectation, short_run_share, players
        As in :func:`sanctions_uncertain_tree`.

    Returns
    -------
    NormalFormGame
        The target's plans join the vulnerable type's actions and then the
        resolute type's (``"concede/resist/endure"``: the vulnerable type
        concedes to the threat, the resolute one resists and endures).

    Raises
    ------
    InvalidParameterError
        If a parameter is outside its domain.

    Examples
    --------
    >>> from coercion.models import sanctions_uncertain_game
    >>> g = sanctions_uncertain_game(4, 3, 1, 4, 1, "0.25", 2)
    >>> g["threaten/impose", "concede/resist/endure"]
    (Fraction(11, 4), Fraction(-5, 2))

    See Also
    --------
    sanctions_separating_equilibrium : its separating equilibrium in closed form.
    """
    return sanctions_uncertain_tree(
        sender_value, target_value, sender_cost, target_cost, resolute_target_cost,
        resolute_probability, backdown_cost,
        conflict_expectation=conflict_expectation, short_run_share=short_run_share,
        players=players,
    ).reduced_strategic_form()  # fmt: skip


@dataclass(frozen=True)
class SeparatingSanctions:
    """The separating equilibrium of the sanctions game with private resolve.

    Attributes
    ----------
    exists : bool
        Whether "the vulnerable target concedes to the threat, the resolute
        target resists, the sender imposes after resistance" is a perfect
        Bayesian equilibrium of the continuation after a threat.
    threatens : bool
        Whether the sender then prefers threatening to the status quo.
    sender_plan, target_plan : str
        The plans as labels of :func:`sanctions_uncertain_game`.
    threat_success_rate, imposed_rate, imposed_success_rate : number or None
        Shares of threatened targets that concede to the threat, that get
        sanctioned, and of sanctioned targets that concede (0): None when the
        equilibrium does not exist or no threat is made.
    """

    exists: bool
    threatens: bool
    sender_plan: str
    target_plan: str
    threat_success_rate: Number | None
    imposed_rate: Number | None
    imposed_success_rate: Number | None


def sanctions_separating_equilibrium(
    sender_value: Any,
    target_value: Any,
    sender_cost: Any,
    target_cost: Any,
    resolute_target_cost: Any,
    resolute_probability: Any,
    backdown_cost: Any,
    *,
    conflict_expectation: Any = 0,
    short_run_share: Any = "1/2",
) -> SeparatingSanctions:
    r"""When threats screen targets: the separating equilibrium in closed form.

    Parameters
    ----------
    sender_value, target_value, sender_cost, target_cost, resolute_target_cost
        As in :func:`sanctions_uncertain_tree`.
    resolute_probability, backdown_cost, conflict_expectation, short_run_share
        As in :func:`sanctions_uncertain_tree`.

    Returns
    -------
    SeparatingSanctions

    Raises
    ------
    InvalidParameterError
        If a parameter is outside its domain.

    Examples
    --------
    A quarter of targets are resolute (sanctions cost them 1, not 4): the
    threat wins three concessions in four, and every sanction imposed fails:

    >>> from coercion.models import sanctions_separating_equilibrium
    >>> eq = sanctions_separating_equilibrium(4, 3, 1, 4, 1, "0.25", 2)
    >>> eq.exists, eq.threatens, eq.sender_plan, eq.target_plan
    (True, True, 'threaten/impose', 'concede/resist/endure')
    >>> eq.threat_success_rate, eq.imposed_rate, eq.imposed_success_rate
    (Fraction(3, 4), Fraction(1, 4), Fraction(0, 1))

    Notes
    -----
    Let :math:`L_\tau` be type :math:`\tau`'s utility once sanctions are
    imposed (it concedes or endures, whichever is better), :math:`C` its
    utility from conceding to the threat, and :math:`I_R` the sender's
    utility from imposing on a resolute target. If only the resolute type
    resists, the sender's posterior after resistance is 1 on "resolute", so
    the profile is a perfect Bayesian equilibrium of the continuation iff

    .. math:: I_R > -a, \qquad L_V \le C, \qquad L_R > C

    (the sender carries out the threat against a resolute target; the
    vulnerable type prefers conceding at once; the resolute type prefers
    resisting), with ties resolved towards restraint. The sender threatens
    iff :math:`(1 - \theta)\,u_S(\text{concede}) + \theta I_R > 0`. Then the
    threat succeeds with probability :math:`1 - \theta` and every imposed
    sanction fails: incomplete information is how sanctions come to be
    imposed at all, and the imposed cases are selected for failure [1]_.

    References
    ----------
    .. [1] Lacy, D. and Niou, E. M. S. (2004). A theory of economic sanctions
       and issue linkage: the roles of preferences, information, and
       threats. *Journal of Politics* 66(1), 25-42.
    """
    u = _uncertain_utilities(
        sender_value, target_value, sender_cost, target_cost, resolute_target_cost,
        backdown_cost, conflict_expectation, short_run_share,
    )  # fmt: skip
    theta = probability(resolute_probability, "resolute_probability")

    def late(name: str) -> str:
        ut = u[name]
        better = ut["impose/concede"][1] >= ut["impose/endure"][1]
        return "concede" if better else "endure"

    lv, lr = late("vulnerable"), late("resolute")
    uv, ur = u["vulnerable"], u["resolute"]
    after_v = uv[f"impose/{lv}"]
    after_r = ur[f"impose/{lr}"]
    exists = (
        after_r[0] > ur["back down"][0]
        and after_v[1] <= uv["concede"][1]
        and after_r[1] > ur["concede"][1]
    )
    value = (1 - theta) * uv["concede"][0] + theta * after_r[0]
    threatens = bool(exists and value > 0)
    rates: tuple[Number | None, ...] = (None, None, None)
    if threatens:
        succeeded = theta * 0 + (1 if lr == "concede" else 0)
        rates = (1 - theta, theta, succeeded)
    return SeparatingSanctions(
        exists=bool(exists),
        threatens=threatens,
        sender_plan="threaten/impose" if threatens else "status quo",
        target_plan=f"concede/resist/{lr}",
        threat_success_rate=rates[0],
        imposed_rate=rates[1],
        imposed_success_rate=rates[2],
    )


def sanctions_signaling_game(
    sender_value: Any,
    target_value: Any,
    sender_cost: Any,
    target_cost: Any,
    resolute_target_cost: Any,
    resolute_probability: Any,
    backdown_cost: Any,
    *,
    conflict_expectation: Any = 0,
    short_run_share: Any = "1/2",
    players: tuple[str, str] = ("Target", "Sender"),
) -> Any:
    r"""The continuation after a threat as a signaling game (for the PBE solver).

    The target (the signaling game's *sender*) knows its type and answers the
    threat with ``"concede"`` or ``"resist"``; the coercer (the *receiver*)
    sees the answer and chooses ``"impose"`` or ``"back down"``. Each type's
    later choice under sanctions is folded in by backward induction; after
    ``"concede"`` the coercer's action does not matter.

    Parameters
    ----------
    sender_value, target_value, sender_cost, target_cost, resolute_target_cost
        As in :func:`sanctions_uncertain_tree`.
    resolute_probability, backdown_cost, conflict_expectation, short_run_share
        As in :func:`sanctions_uncertain_tree`.
    players : (str, str)
        Labels of the target (signaling sender) and the coercer (receiver).

    Returns
    -------
    SignalingGame
        Solve it with :func:`coercion.perfect_bayesian_equilibria`.

    Raises
    ------
    InvalidParameterError
        If a parameter is outside its domain.

    Examples
    --------
    The PBE solver finds the separating equilibrium of
    :func:`sanctions_separating_equilibrium` (twice: the coercer's action
    after a concession is arbitrary):

    >>> import coercion as co
    >>> from coercion.models import sanctions_signaling_game
    >>> g = sanctions_signaling_game(4, 3, 1, 4, 1, "0.25", 2)
    >>> eqs = co.perfect_bayesian_equilibria(g)
    >>> {(e.kind, e.receiver["resist"]["impose"]) for e in eqs}
    {('separating', Fraction(1, 1))}
    """
    from coercion.game.signaling import signaling_game

    u = _uncertain_utilities(
        sender_value, target_value, sender_cost, target_cost, resolute_target_cost,
        backdown_cost, conflict_expectation, short_run_share,
    )  # fmt: skip
    theta = probability(resolute_probability, "resolute_probability")
    if not 0 < theta < 1:
        raise InvalidParameterError(
            f"{resolute_probability} is not in (0, 1)", field="resolute_probability"
        )

    def after_imposition(name: str) -> tuple[Number, Number]:
        ut = u[name]
        if ut["impose/concede"][1] >= ut["impose/endure"][1]:
            return ut["impose/concede"]
        return ut["impose/endure"]

    def pay(t: str, m: str, a: str) -> tuple[Number, Number]:
        if m == "concede":
            x = u[t]["concede"]
        elif a == "impose":
            x = after_imposition(t)
        else:
            x = u[t]["back down"]
        return (x[1], x[0])  # (target, coercer)

    return signaling_game(
        list(TYPES),
        {"vulnerable": 1 - theta, "resolute": theta},
        ["concede", "resist"],
        ["impose", "back down"],
        pay,
        players=players,
        title="sanctions after a threat",
    )
