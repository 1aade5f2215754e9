r"""The escalation ladder (Kahn): alternating escalation up named rungs.

Two sides in a crisis climb a ladder of named rungs (tariffs, export controls,
financial sanctions, a full embargo, ...). Side A moves first: it climbs to
the next rung or concedes; then side B; and so on, alternately. Reaching rung
:math:`k` costs side :math:`i` an extra :math:`c_{i,k}`; a side that concedes
hands the other its stake :math:`S_j`. If the top rung is reached, the crisis
ends in a showdown that A wins with probability :math:`p`.

The builder also takes a payoff of backing down at each stage
(``backdown``; default 0, e.g. negative for lost face), simultaneous moves
(``moves="simultaneous"``: both sides choose at every stage) and private
types (``types``: a side's cost schedule drawn by chance, seen only by that
side). Every variant is an :class:`~coercion.ExtensiveGame`, so every tree
solver applies (:func:`~coercion.subgame_perfect_equilibria`,
:func:`~coercion.solve`) and it can be written to ``.efg``.

:func:`build_ladder` validates a ladder; :func:`escalation_ladder_tree` gives
the game tree, :func:`escalation_ladder` its reduced strategic form, and
:func:`ladder_solution` the subgame-perfect play by backward induction.

Examples
--------
>>> from coercion.models import build_ladder, ladder_solution
>>> ladder = build_ladder(
...     ["tariffs", "export controls", "embargo"],
...     costs=([1, 2, 3], [1, 3, 8]),
...     stakes=(10, 6),
...     players=("US", "China"),
...     top_win_probability="0.6",
... )
>>> sol = ladder_solution(ladder)
>>> sol.path, sol.winner, sol.payoffs
(('escalate', 'concede'), 'US', (Fraction(9, 1), Fraction(-1, 1)))
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coercion.errors import InvalidParameterError, NotSupportedError, TieWarning
from coercion.game.extensive import ExtensiveGame
from coercion.game.normal_form import NormalFormGame
from coercion.models._params import Number, number, probability

__all__ = [
    "Ladder",
    "LadderSolution",
    "build_ladder",
    "escalation_ladder_tree",
    "escalation_ladder",
    "ladder_solution",
]


@dataclass(frozen=True)
class Ladder:
    """A validated escalation ladder (use :func:`build_ladder`).

    Attributes
    ----------
    rungs : tuple of str
        Rung names from the lowest to the top.
    costs : tuple of two tuples
        ``costs[i][k]``: side ``i``'s extra cost when rung ``k`` is reached.
    stakes : tuple
        Each side's value of prevailing.
    players : tuple of str
        The two sides; the first moves first.
    top_win_probability : number
        Probability that the first side prevails in the showdown at the top.
    backdown : tuple of two tuples
        ``backdown[i][k]``: side ``i``'s payoff for backing down at stage
        ``k`` (before rung ``k`` is climbed; costs already sunk are added).
    moves : str or tuple of str
        ``"alternating"``, ``"simultaneous"``, or per stage the side that
        moves (its label) or ``"both"``.
    types : tuple of two tuples
        Per side, its private types as ``(label, probability, costs)``
        triples (``costs`` one per rung); empty when the side has no private
        type (it then uses ``costs``).
    """

    rungs: tuple[str, ...]
    costs: tuple[tuple[Number, ...], tuple[Number, ...]]
    stakes: tuple[Number, Number]
    players: tuple[str, str]
    top_win_probability: Number
    backdown: tuple[tuple[Number, ...], tuple[Number, ...]] | None = None
    moves: str | tuple[str, ...] = "alternating"
    types: tuple[tuple[tuple[str, Number, tuple[Number, ...]], ...], ...] = ((), ())

    def side_types(
        self, side: int
    ) -> tuple[tuple[str, Number, tuple[Number, ...]], ...]:
        """Side ``side``'s types; one implicit type ``"-"`` when it has none."""
        if self.types[side]:
            return self.types[side]
        return (("-", self.stakes[0] * 0 + 1, self.costs[side]),)

    def mover(self, stage: int) -> int | None:
        """Index of the side that moves at ``stage``; None when both do."""
        if self.moves == "alternating":
            return stage % 2
        if self.moves == "simultaneous":
            return None
        who = self.moves[stage]
        return None if who == "both" else self.players.index(who)

    def backdown_payoff(self, side: int, stage: int) -> Number:
        """Payoff of side ``side`` for backing down at ``stage`` (0 by default)."""
        if self.backdown is None:
            return self.stakes[0] * 0
        return self.backdown[side][stage]


def build_ladder(
    rungs: Sequence[str],
    costs: Any,
    stakes: Any,
    *,
    players: tuple[str, str] = ("A", "B"),
    top_win_probability: Any = "1/2",
    backdown: Any = None,
    moves: str | Sequence[str] = "alternating",
    types: Any = None,
) -> Ladder:
    r"""Build and validate an escalation ladder.

    Parameters
    ----------
    rungs : sequence of str
        Distinct rung names, lowest first (at least one).
    costs : pair
        Per side, either one cost per rung or a single number used for every
        rung; costs are non-negative.
    stakes : number or pair
        Each side's value of prevailing, non-negative.
    players : pair of str
        Side labels; the first side moves first.
    top_win_probability : number
        Probability that the first side prevails at the top rung.
    backdown : pair, optional
        Per side, its payoff for backing down at each stage (one number per
        rung, stage ``k`` coming before rung ``k``), or one number for every
        stage. Default 0: the side that backs down gets nothing and the other
        its stake.
    moves : {"alternating", "simultaneous"} or sequence of str
        Alternating: the first side moves at even stages, the second at odd
        ones. Simultaneous: both choose at every stage, without seeing the
        other's choice; both must escalate to climb, and if both back down
        each gets its ``backdown`` payoff (no one prevails). Or one entry per
        stage: the label of the side that moves there, or ``"both"``.
    types : pair, optional
        Per side ``None`` or a mapping ``{type label: (probability,
        costs)}``: the side's private cost schedule (one cost per rung or one
        number), drawn by chance independently of the other side's and seen
        only by that side. Probabilities sum to 1.

    Returns
    -------
    Ladder

    Raises
    ------
    InvalidParameterError
        On no rungs, repeated or non-string rung names, costs that are not one
        per rung or are negative, negative stakes or a probability outside
        ``[0, 1]``; backing-down payoffs not one per rung; an unknown
        ``moves``; types that are not a mapping label -> (probability, costs)
        or whose probabilities do not sum to 1.

    Examples
    --------
    >>> from coercion.models import build_ladder
    >>> build_ladder(["tariffs", "embargo"], costs=(1, [2, 5]), stakes=4).costs
    ((Fraction(1, 1), Fraction(1, 1)), (Fraction(2, 1), Fraction(5, 1)))
    >>> ld = build_ladder(["tariffs", "embargo"], costs=(1, 1), stakes=4,
    ...                   types=(None, {"resolved": ("1/4", 0), "soft": ("3/4", 3)}))
    >>> [(t, p) for t, p, _ in ld.side_types(1)]
    [('resolved', Fraction(1, 4)), ('soft', Fraction(3, 4))]
    """
    if isinstance(rungs, str) or not isinstance(rungs, Sequence) or not rungs:
        raise InvalidParameterError(
            f"{rungs!r} is not a non-empty list of rung names", field="rungs"
        )
    names = tuple(rungs)
    for k, name in enumerate(names):
        if not isinstance(name, str) or not name:
            raise InvalidParameterError(
                f"{name!r} is not a rung name", field=f"rungs[{k}]"
            )
    for k, name in enumerate(names):
        if name in names[:k]:
            raise InvalidParameterError(
                f"rung name {name!r} is used twice", field=f"rungs[{k}]"
            )
    if isinstance(costs, str) or not isinstance(costs, Sequence) or len(costs) != 2:
        raise InvalidParameterError(
            f"{costs!r} does not give costs for each of the 2 sides", field="costs"
        )
    per_side = []
    for i, c in enumerate(costs):
        if isinstance(c, Sequence) and not isinstance(c, str):
            if len(c) != len(names):
                raise InvalidParameterError(
                    f"{len(c)} costs given for {len(names)} rungs", field=f"costs[{i}]"
                )
            per_side.append(
                tuple(number(x, f"costs[{i}][{k}]", lower=0) for k, x in enumerate(c))
            )
        else:
            x = number(c, f"costs[{i}]", lower=0)
            per_side.append((x,) * len(names))
    if isinstance(stakes, Sequence) and not isinstance(stakes, str):
        if len(stakes) != 2:
            raise InvalidParameterError(
                f"{list(stakes)!r} does not give one stake per side", field="stakes"
            )
        st = tuple(number(s, f"stakes[{i}]", lower=0) for i, s in enumerate(stakes))
    else:
        s = number(stakes, "stakes", lower=0)
        st = (s, s)
    if len(players) != 2 or len(set(players)) != 2:
        raise InvalidParameterError(
            f"{players!r} is not a pair of distinct labels", field="players"
        )
    if isinstance(moves, str):
        if moves not in ("alternating", "simultaneous"):
            raise InvalidParameterError(
                f"{moves!r} is not 'alternating', 'simultaneous' or a list of movers",
                field="moves",
            )
    elif isinstance(moves, Sequence):
        if len(moves) != len(names):
            raise InvalidParameterError(
                f"{len(moves)} movers given for {len(names)} stages", field="moves"
            )
        for k, who in enumerate(moves):
            if who != "both" and who not in players:
                raise InvalidParameterError(
                    f"{who!r} is not one of {tuple(players)!r} or 'both'",
                    field=f"moves[{k}]",
                )
        moves = tuple(moves)
    else:
        raise InvalidParameterError(f"{moves!r} is not a list of movers", field="moves")
    bd = None
    if backdown is not None:
        if isinstance(backdown, str) or not isinstance(backdown, Sequence):
            backdown = (backdown, backdown)
        if len(backdown) != 2:
            raise InvalidParameterError(
                f"{backdown!r} does not give payoffs for each of the 2 sides",
                field="backdown",
            )
        rows = []
        for i, b in enumerate(backdown):
            if isinstance(b, Sequence) and not isinstance(b, str):
                if len(b) != len(names):
                    raise InvalidParameterError(
                        f"{len(b)} payoffs given for {len(names)} stages",
                        field=f"backdown[{i}]",
                    )
                rows.append(
                    tuple(number(x, f"backdown[{i}][{k}]") for k, x in enumerate(b))
                )
            else:
                rows.append((number(b, f"backdown[{i}]"),) * len(names))
        bd = (rows[0], rows[1])
    typed: list[tuple[tuple[str, Number, tuple[Number, ...]], ...]] = [(), ()]
    if types is not None:
        if isinstance(types, str) or not isinstance(types, Sequence) or len(types) != 2:
            raise InvalidParameterError(
                f"{types!r} does not give types (or None) for each of the 2 sides",
                field="types",
            )
        for i, side in enumerate(types):
            if side is None:
                continue
            if not isinstance(side, dict) or not side:
                raise InvalidParameterError(
                    f"{side!r} is not a mapping type -> (probability, costs)",
                    field=f"types[{i}]",
                )
            entries = []
            for label, spec in side.items():
                f = f"types[{i}][{label!r}]"
                if not isinstance(label, str) or not label:
                    raise InvalidParameterError(
                        f"{label!r} is not a type label", field=f
                    )
                if (
                    isinstance(spec, str)
                    or not isinstance(spec, Sequence)
                    or len(spec) != 2
                ):
                    raise InvalidParameterError(
                        f"{spec!r} is not a pair (probability, costs)", field=f
                    )
                q = probability(spec[0], f"{f}[0]")
                c = spec[1]
                if isinstance(c, Sequence) and not isinstance(c, str):
                    if len(c) != len(names):
                        raise InvalidParameterError(
                            f"{len(c)} costs given for {len(names)} rungs",
                            field=f"{f}[1]",
                        )
                    cs = tuple(
                        number(x, f"{f}[1][{k}]", lower=0) for k, x in enumerate(c)
                    )
                else:
                    cs = (number(c, f"{f}[1]", lower=0),) * len(names)
                entries.append((label, q, cs))
            total = sum(q for _, q, _ in entries)
            if total != 1 and not (isinstance(total, float) and abs(total - 1) <= 1e-9):
                raise InvalidParameterError(
                    f"type probabilities sum to {total}, not 1", field=f"types[{i}]"
                )
            typed[i] = tuple(entries)
    return Ladder(
        rungs=names,
        costs=(per_side[0], per_side[1]),
        stakes=(st[0], st[1]),
        players=(players[0], players[1]),
        top_win_probability=probability(top_win_probability, "top_win_probability"),
        backdown=bd,
        moves=moves,
        types=(typed[0], typed[1]),
    )


def escalation_ladder_tree(ladder: Ladder) -> ExtensiveGame:
    r"""The escalation ladder as a game tree.

    Of perfect information for alternating moves without private types;
    otherwise with information sets labelled ``"<side> at stage <k>"`` (or
    ``"<side> (<type>) at stage <k>"``): a side sees the stage and its own
    type, not the other's type nor, with simultaneous moves, the other's
    choice at the same stage.

    Parameters
    ----------
    ladder : Ladder
        From :func:`build_ladder`.

    Returns
    -------
    ExtensiveGame
        At rung :math:`k` (0 is the start of the crisis) the side to move
        (A at even :math:`k`, B at odd) chooses ``"escalate"`` or
        ``"concede"``. Each rung's node carries that rung's costs (payoffs
        add up along the path); the top rung is a chance node, ``"<A> prevails"``
        or ``"<B> prevails"``. A side that concedes at stage :math:`k` gets
        its backing-down payoff, the other its stake. With simultaneous moves
        both choose at each stage (A's node first, B's two nodes in one
        information set); if both concede each gets its backing-down
        payoff. With private types the root is a chance move over the type
        profiles (labelled by the types of the sides that have them).

    Raises
    ------
    InvalidParameterError
        If ``ladder`` is not a :class:`Ladder`.

    Examples
    --------
    >>> from coercion.models import build_ladder, escalation_ladder_tree
    >>> ld = build_ladder(["tariffs", "embargo"], costs=(1, 2), stakes=(4, 3))
    >>> print(escalation_ladder_tree(ld).to_text())
    escalation ladder
    players: A, B
    A [infoset 1] {escalate, concede}
      escalate: B [infoset 1] {escalate, concede} + (-1, -2) 'tariffs'
        escalate: chance [infoset 1] + (-1, -2) 'embargo'
          A prevails (1/2): payoffs (2, -4)
          B prevails (1/2): payoffs (-2, -1)
        concede: payoffs (3, -2)
      concede: payoffs (0, 3)
    """
    if not isinstance(ladder, Ladder):
        raise InvalidParameterError(
            f"{ladder!r} is not a Ladder (use build_ladder)", field="ladder"
        )
    A, B = ladder.players
    g = ExtensiveGame(players=[A, B], title="escalation ladder")
    private = bool(ladder.types[0] or ladder.types[1])
    if private:
        profiles = [(x, y) for x in ladder.side_types(0) for y in ladder.side_types(1)]
        labels = [
            ", ".join(
                t[0] for t, own in ((x, ladder.types[0]), (y, ladder.types[1])) if own
            )
            for x, y in profiles
        ]
        kids = g.root.chance(labels, [x[1] * y[1] for x, y in profiles])
        for kid, (x, y) in zip(kids, profiles):
            _grow_ladder(ladder, kid, (x[0], y[0]), (x[2], y[2]))
    else:
        _grow_ladder(ladder, g.root, None, ladder.costs)
    return g


def _grow_ladder(
    ladder: Ladder,
    node: Any,
    own_types: tuple[str, str] | None,
    costs: tuple[tuple[Number, ...], tuple[Number, ...]],
) -> None:
    """Grow the ladder below ``node`` for one draw of the private types."""
    A, B = ladder.players
    s0, s1 = ladder.stakes
    zero = s0 * 0
    p = ladder.top_win_probability
    R = len(ladder.rungs)
    labelled = own_types is not None or any(ladder.mover(k) is None for k in range(R))

    def infoset(side: int, k: int) -> str | None:
        # a side's information: the stage and its own type, never the other's
        if not labelled:
            return None
        own = ""
        if own_types is not None and ladder.types[side]:
            own = f" ({own_types[side]})"
        return f"{ladder.players[side]}{own} at stage {k}"

    def concede(side: int, k: int) -> list[Number]:
        pay = [zero, zero]
        pay[side] = ladder.backdown_payoff(side, k)
        pay[1 - side] = ladder.stakes[1 - side]
        return pay

    for k in range(R + 1):
        if k > 0:
            node.set_outcome(
                [-costs[0][k - 1], -costs[1][k - 1]], label=ladder.rungs[k - 1]
            )
        if k == R:
            win_a, win_b = node.chance([f"{A} prevails", f"{B} prevails"], [p, 1 - p])
            win_a.set_outcome([s0, zero])
            win_b.set_outcome([zero, s1])
            return
        mover = ladder.mover(k)
        if mover is not None:
            up, down = node.decide(
                ladder.players[mover],
                ["escalate", "concede"],
                infoset=infoset(mover, k),
            )
            down.set_outcome(concede(mover, k))
            node = up
            continue
        a_up, a_down = node.decide(A, ["escalate", "concede"], infoset=infoset(0, k))
        both_up, a_wins = a_up.decide(B, ["escalate", "concede"], infoset=infoset(1, k))
        b_wins, both_down = a_down.decide(B, infoset=infoset(1, k))
        a_wins.set_outcome(concede(1, k))
        b_wins.set_outcome(concede(0, k))
        both_down.set_outcome(
            [ladder.backdown_payoff(0, k), ladder.backdown_payoff(1, k)]
        )
        node = both_up


def escalation_ladder(ladder: Ladder) -> NormalFormGame:
    r"""The reduced strategic form of :func:`escalation_ladder_tree`.

    Parameters
    ----------
    ladder : Ladder

    Returns
    -------
    NormalFormGame
        A side's plan lists its actions at its own turns up to its first
        concession: ``"escalate/concede"`` climbs at its first turn and
        concedes at its second.

    Raises
    ------
    InvalidParameterError
        If ``ladder`` is not a :class:`Ladder`.

    Examples
    --------
    >>> from coercion.models import build_ladder, escalation_ladder
    >>> ld = build_ladder(["tariffs", "embargo"], costs=(1, 2), stakes=(4, 3))
    >>> print(escalation_ladder(ld).to_text())
    A \ B     escalate  concede
    escalate  0, -5/2   3, -2
    concede   0, 3      0, 3
    """
    return escalation_ladder_tree(ladder).reduced_strategic_form()


@dataclass(frozen=True)
class LadderSolution:
    """Subgame-perfect play on an escalation ladder (ties go to conceding).

    Attributes
    ----------
    path : tuple of str
        The actions played from the start of the crisis.
    top_rung : str or None
        The highest rung reached (None if A concedes at once).
    winner : str or None
        The side that prevails; None when the showdown at the top decides.
    payoffs : tuple
        Expected payoffs (showdown lotteries averaged).
    plans : tuple of str
        Each side's plan as a label of :func:`escalation_ladder`.
    escalates : tuple of tuple of bool
        ``escalates[i][j]``: does side ``i`` escalate at its ``j``-th turn,
        on or off the path.
    """

    path: tuple[str, ...]
    top_rung: str | None
    winner: str | None
    payoffs: tuple[Number, Number]
    plans: tuple[str, str]
    escalates: tuple[tuple[bool, ...], tuple[bool, ...]]


def ladder_solution(ladder: Ladder) -> LadderSolution:
    r"""Backward induction on the escalation ladder.

    Parameters
    ----------
    ladder : Ladder

    Returns
    -------
    LadderSolution

    Raises
    ------
    InvalidParameterError
        If ``ladder`` is not a :class:`Ladder`.
    NotSupportedError
        For simultaneous moves or private types (solve the tree instead).

    Warns
    -----
    TieWarning
        When a mover is indifferent between climbing and conceding; it
        concedes, and other subgame-perfect equilibria exist.

    Examples
    --------
    The US would climb to the embargo (it costs the US 3 against an expected
    6 from the showdown), so China, for which the embargo is worth less than it
    costs, concedes after the first rung:

    >>> from coercion.models import build_ladder, ladder_solution
    >>> ld = build_ladder(["tariffs", "export controls", "embargo"],
    ...                   costs=([1, 2, 3], [1, 3, 8]), stakes=(10, 6),
    ...                   players=("US", "China"), top_win_probability="0.6")
    >>> sol = ladder_solution(ld)
    >>> sol.path, sol.top_rung, sol.winner, sol.plans
    (('escalate', 'concede'), 'tariffs', 'US', ('escalate/escalate', 'concede'))

    If the embargo cost the US 7 instead, it would not climb there; China
    would then climb to export controls, and the US concedes at once:

    >>> ld = build_ladder(["tariffs", "export controls", "embargo"],
    ...                   costs=([1, 2, 7], [1, 3, 8]), stakes=(10, 6),
    ...                   players=("US", "China"), top_win_probability="0.6")
    >>> ladder_solution(ld).path
    ('concede',)

    Notes
    -----
    Let :math:`W_i(k)` be side :math:`i`'s payoff from rung :math:`k` on,
    counting only costs still to come. At the top,
    :math:`W(R) = (p S_A, (1 - p) S_B)`. Below it the mover :math:`m` compares
    conceding (its backing-down payoff :math:`d_{m,k}`, 0 by default, to
    itself, :math:`S_j` to the other) with climbing,
    :math:`W_m(k + 1) - c_{m, k+1}`, and climbs only if that is larger:

    .. math:: W(k) = \begin{cases} W(k + 1) - c_{\cdot, k+1}
              & W_m(k + 1) - c_{m, k+1} > d_{m,k} \\
              \text{concession payoffs} & \text{otherwise.} \end{cases}

    With complete information the crisis ends at the first rung where the
    mover's continuation is not worth its next step; Kahn's *escalation
    dominance* is the ability to make the other side face that rung first
    [1]_. Costs sunk on rungs already climbed do not matter for the choice;
    the recursion is the finite-horizon backward induction of Selten [2]_.

    References
    ----------
    .. [1] Kahn, H. (1965). *On Escalation: Metaphors and Scenarios*. Praeger.
    .. [2] Selten, R. (1965). Spieltheoretische Behandlung eines
       Oligopolmodells mit Nachfragetragheit. *Zeitschrift fur die gesamte
       Staatswissenschaft* 121, 301-324 and 667-689.
    """
    if not isinstance(ladder, Ladder):
        raise InvalidParameterError(
            f"{ladder!r} is not a Ladder (use build_ladder)", field="ladder"
        )
    R = len(ladder.rungs)
    if ladder.types != ((), ()) or any(ladder.mover(k) is None for k in range(R)):
        raise NotSupportedError(
            "the closed-form recursion covers ladders with one mover per stage and "
            "no private types; solve escalation_ladder_tree(ladder) with "
            "co.subgame_perfect_equilibria or co.solve",
            field="ladder",
        )
    s0, s1 = ladder.stakes
    p = ladder.top_win_probability
    c = ladder.costs
    # value[k] = continuation payoffs from rung k (future costs only)
    value: list[tuple[Number, Number]] = [(s0 * 0, s0 * 0)] * (R + 1)
    climb = [False] * R
    ties = []
    value[R] = (p * s0, (1 - p) * s1)
    for k in reversed(range(R)):
        m = ladder.mover(k)
        assert m is not None
        up = (value[k + 1][0] - c[0][k], value[k + 1][1] - c[1][k])
        d = ladder.backdown_payoff(m, k)
        if up[m] == d:
            ties.append(k)
        if up[m] > d:
            climb[k] = True
            value[k] = up
        else:
            value[k] = (d, s1) if m == 0 else (s0, d)
    if ties:
        warnings.warn(
            f"indifferent between escalating and conceding at rungs {sorted(ties)} "
            "(counted from 0, the start); conceding was chosen",
            TieWarning,
            stacklevel=2,
        )
    path: list[str] = []
    k = 0
    while k < R and climb[k]:
        path.append("escalate")
        k += 1
    if k < R:
        path.append("concede")
        winner: str | None = ladder.players[1 - (ladder.mover(k) or 0)]
    else:
        winner = None
    payoffs = value[0]
    plans = []
    for i in range(2):
        acts = []
        for kk in (j for j in range(R) if ladder.mover(j) == i):
            acts.append("escalate" if climb[kk] else "concede")
            if not climb[kk]:
                break
        # a side without a turn (one-rung ladder) has the strategy "(no move)"
        plans.append("/".join(acts) or "(no move)")
    return LadderSolution(
        path=tuple(path),
        top_rung=ladder.rungs[k - 1] if k > 0 else None,
        winner=winner,
        payoffs=payoffs,
        plans=(plans[0], plans[1]),
        escalates=(
            tuple(climb[k] for k in range(R) if ladder.mover(k) == 0),
            tuple(climb[k] for k in range(R) if ladder.mover(k) == 1),
        ),
    )
