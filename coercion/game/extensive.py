r"""Extensive (tree) games: chance, information sets, outcomes at any node.

An :class:`ExtensiveGame` is a finite game tree in the sense of Kuhn (1953) and of
Gambit's ``.efg`` files: labelled players; *personal* nodes, each in an
information set of its player (the nodes the player cannot tell apart, all with
the same labelled actions); *chance* nodes with exact probabilities; and
*outcomes* (a label and one payoff per player) that may sit at any node. A
player's payoff at the end of a play is the sum of the outcomes met along its
path, so staged games need no bookkeeping.

Conventions
-----------
Indices and orders follow Gambit's file order, the depth-first preorder
traversal of the tree (a node, then the subtrees of its children from first to
last):

* ``node.index`` is the node's position in that preorder (the root is 0). It
  changes only when the tree grows.
* A player's information sets are numbered (``infoset.index``, from 0) in the
  order in which they first appear in the preorder; chance information sets
  likewise among themselves.
* A *behavior profile* lists, per player, per information set in that order,
  the probability of each action in the information set's order, e.g.
  ``[[[1, 0]], [["1/2", "1/2"]]]``. An entry may also be an action label
  (or index) standing for that pure action.

Exact numbers stay exact: chance probabilities and payoffs given as ints,
:class:`~fractions.Fraction` or strings (``"0.1"`` is exactly ``1/10``) are
stored as Fractions, and every derived quantity (expected payoffs, the reduced
strategic form, behavior strategies from mixed ones) is exact too. A float
anywhere makes the game a float game (:attr:`ExtensiveGame.is_exact` is False).

Building a game
---------------
Start from ``ExtensiveGame(players=...)``; its :attr:`~ExtensiveGame.root` is a
terminal node. :meth:`Node.decide` turns a terminal node into a decision node of
a player and returns the new children (one per action); :meth:`Node.chance` does
the same for a chance move; :meth:`Node.set_outcome` attaches payoffs. Nodes
join an existing information set through ``infoset=`` (an :class:`InfoSet` or
its label). The tree only grows: a decided node cannot be turned back.

Selten's entry game (Selten 1975): the entrant stays out or enters, the
incumbent then fights or accommodates.

>>> import coercion as co
>>> g = co.ExtensiveGame(players=["Entrant", "Incumbent"], title="Entry game")
>>> out, enter = g.root.decide("Entrant", ["Out", "In"])
>>> out.set_outcome([0, 2])
>>> fight, accommodate = enter.decide("Incumbent", ["Fight", "Accommodate"])
>>> fight.set_outcome([-1, -1])
>>> accommodate.set_outcome([1, 1])
>>> g
<ExtensiveGame 'Entry game' 5 nodes, players ('Entrant', 'Incumbent'), exact>
>>> print(g.to_text())
Entry game
players: Entrant, Incumbent
Entrant [infoset 1] {Out, In}
  Out: payoffs (0, 2)
  In: Incumbent [infoset 1] {Fight, Accommodate}
    Fight: payoffs (-1, -1)
    Accommodate: payoffs (1, 1)
>>> g.expected_payoffs([[["1/2", "1/2"]], [["1/2", "1/2"]]])
(Fraction(0, 1), Fraction(1, 1))
>>> print(g.reduced_strategic_form().to_text())
Entrant \ Incumbent  Fight   Accommodate
Out                  0, 2    0, 2
In                   -1, -1  1, 1

The same game from nested Python data (:meth:`ExtensiveGame.from_tree`); a
terminal node is its payoff list, a decision node a dict:

>>> h = co.ExtensiveGame.from_tree(
...     ["Entrant", "Incumbent"],
...     {"player": "Entrant", "moves": {
...         "Out": [0, 2],
...         "In": {"player": "Incumbent",
...                "moves": {"Fight": [-1, -1], "Accommodate": [1, 1]}}}},
...     title="Entry game")
>>> h == g
True

Chance and imperfect information: nature draws the target's resolve; the sender,
who does not see it, threatens or not (both nodes share the information set
``"S"``); outcomes at inner nodes add up.

>>> g = co.ExtensiveGame(players=["Sender", "Target"])
>>> resolute, weak = g.root.chance(["resolute", "weak"], ["0.3", "0.7"])
>>> for t in (resolute, weak):
...     t.set_outcome([0, 1])           # the target's stake, paid on every path
...     quiet, threat = t.decide("Sender", ["quiet", "threat"], infoset="S")
...     quiet.set_outcome([0, 0])
...     threat.set_outcome([-1, 0] if t is resolute else [2, -2])
>>> [n.index for n in g.infosets("Sender")[0].members]
[1, 4]
>>> g.expected_payoffs([["threat"], []])
(Fraction(11, 10), Fraction(-2, 5))
>>> g.reduced_strategic_form().strategies
(('quiet', 'threat'), ('(no move)',))

Notes
-----
*Reduced strategic form.* A pure strategy assigns an action to each of the
player's information sets; two strategies that differ only at information sets
that their own earlier choices make unreachable are equivalent and merged. The
reduced strategies are enumerated directly: starting from the empty assignment,
the first (in information-set order) information set that can still be reached
is given each of its actions in turn, until every reachable information set has
an action. A strategy's label joins, in information-set order, the labels of
the actions it takes with ``"/"`` (``"In/Fight"``); unreachable information sets
are left out, actions with an empty label show their 1-based number, and a
player without moves has the single strategy ``"(no move)"``. Should two labels
of a player coincide (duplicate action labels, or a ``"/"`` inside one), that
player's labels become positional, with ``"*"`` at unreachable information sets
(``"A/*"``, Gambit's convention), and ``_2``, ``_3``, ... are appended to any
label still repeated.

*Kuhn's theorem.* Under perfect recall every mixed strategy has a realization
equivalent behavior strategy (Kuhn 1953): the probability of action :math:`a`
at information set :math:`h` is the mixed probability of the strategies that
reach :math:`h` and choose :math:`a` there, divided by that of the strategies
that reach :math:`h` (:meth:`ExtensiveGame.mixed_to_behavior`; information sets
that no strategy in the support reaches get the uniform distribution).

*Perfect recall* holds when, for every information set, all its nodes are
reached by the same sequence of the owner's own (information set, action)
pairs; this excludes both forgetting and absent-mindedness (Osborne and
Rubinstein 1994, def. 203.3). It concerns the players only: Gambit (16.x) also
reports imperfect recall when one chance information set sits at nodes with
different histories, which we do not. Otherwise our reduced strategic forms
and perfect-recall verdicts agree with Gambit's on random trees (tested).

All traversals are iterative, so very deep trees (long escalation ladders, deep
files) do not hit Python's recursion limit.

References
----------
.. [1] H. W. Kuhn, "Extensive games and the problem of information",
   Contributions to the Theory of Games II, 1953, pp. 193-216.
.. [2] R. Selten, "Reexamination of the perfectness concept for equilibrium
   points in extensive games", Int. J. Game Theory 4, 1975, pp. 25-55.
.. [3] M. J. Osborne and A. Rubinstein, A Course in Game Theory, MIT Press, 1994.
.. [4] The Gambit Project, "The extensive game (.efg) file format",
   https://gambitproject.readthedocs.io/en/latest/formats.efg.html
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coercion._numbers import as_payoff_array, format_exact
from coercion.errors import (
    InvalidGameError,
    InvalidProfileError,
    NotSupportedError,
)

if TYPE_CHECKING:  # pragma: no cover
    from coercion.game.normal_form import NormalFormGame

__all__ = ["ExtensiveGame", "Node", "InfoSet", "Outcome", "BehaviorProfile"]

BehaviorProfile = list[list[list[Any]]]
"""A behavior profile: per player, per information set, action probabilities."""

_FLOAT_TOL = 1e-9
_NO_MOVE = "(no move)"


def _fmt(v: Any) -> str:
    if isinstance(v, Fraction | int) and not isinstance(v, bool):
        return format_exact(v)
    return f"{float(v):.6g}"


def _fmt_vec(values: Sequence[Any]) -> str:
    return "(" + ", ".join(_fmt(v) for v in values) + ")"


def _check_labels(labels: Any, field: str, what: str) -> tuple[str, ...]:
    if isinstance(labels, str) or not isinstance(labels, Sequence):
        raise InvalidGameError(
            f"{labels!r} is not a sequence of {what} labels", field=field
        )
    out = tuple(labels)
    if not out:
        raise InvalidGameError(f"no {what}s given; at least one is needed", field=field)
    for i, lab in enumerate(out):
        if not isinstance(lab, str):
            raise InvalidGameError(
                f"{what} label {lab!r} is not a string", field=f"{field}[{i}]"
            )
    return out


# ---------------------------------------------------------------------- outcome
class Outcome:
    """A labelled payoff vector; it may be attached to any node, and shared.

    Parameters
    ----------
    payoffs : sequence of numbers
        One payoff per player. Ints, Fractions and number strings are stored
        exactly (Fractions); if any entry is a float, all are floats.
    label : str, optional
        The outcome's label (Gambit files keep it).

    Raises
    ------
    InvalidGameError
        Non-numeric, boolean, infinite or NaN payoffs; a non-string label.

    Examples
    --------
    >>> from coercion.game.extensive import Outcome
    >>> Outcome(["1/2", 3], label="deal")
    Outcome((1/2, 3), label='deal')
    >>> Outcome([0.5, 1]).is_exact
    False
    """

    __slots__ = ("_exact", "_label", "_payoffs")

    def __init__(self, payoffs: Sequence[Any], label: str = "") -> None:
        if not isinstance(label, str):
            raise InvalidGameError(f"{label!r} is not a string", field="outcome.label")
        if isinstance(payoffs, str) or not isinstance(payoffs, Sequence | np.ndarray):
            raise InvalidGameError(
                f"{payoffs!r} is not a sequence of payoffs", field="outcome.payoffs"
            )
        self._label = label
        self._payoffs, self._exact = _number_vector(payoffs, "outcome.payoffs")

    @property
    def label(self) -> str:
        """The outcome's label."""
        return self._label

    @property
    def payoffs(self) -> tuple[Any, ...]:
        """One payoff per player (Fractions, or floats)."""
        return self._payoffs

    @property
    def is_exact(self) -> bool:
        """True when the payoffs are exact rationals."""
        return self._exact

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Outcome):
            return NotImplemented
        return self._label == other._label and self._payoffs == other._payoffs

    def __hash__(self) -> int:
        return hash((self._label, self._payoffs))

    def __repr__(self) -> str:
        lab = f", label={self._label!r}" if self._label else ""
        return f"Outcome({_fmt_vec(self._payoffs)}{lab})"


# ---------------------------------------------------------------------- infoset
class InfoSet:
    """An information set: nodes of one player (or of chance) with shared actions.

    Not constructed directly: :meth:`Node.decide` and :meth:`Node.chance` create
    information sets and add nodes to them.

    Attributes
    ----------
    label : str
        The information set's label (may be empty). Setting a non-empty label
        also lets ``decide(..., infoset=label)`` find the set, unless another
        set of the same player already has that label.
    """

    __slots__ = ("_actions", "_game", "_label", "_members", "_player", "_probs")

    def __init__(
        self,
        game: ExtensiveGame,
        player: int | None,
        label: str,
        actions: tuple[str, ...],
        probs: tuple[Any, ...] | None,
    ) -> None:
        self._game = game
        self._player = player
        self._label = label
        self._actions = actions
        self._probs = probs
        self._members: list[Node] = []

    @property
    def label(self) -> str:
        """The information set's label (may be empty)."""
        return self._label

    @label.setter
    def label(self, value: str) -> None:
        if not isinstance(value, str):
            raise InvalidGameError(f"{value!r} is not a string", field="infoset.label")
        self._label = value
        if value:
            self._game._by_label.setdefault((self._player, value), self)

    @property
    def game(self) -> ExtensiveGame:
        """The game this information set belongs to."""
        return self._game

    @property
    def player(self) -> int | None:
        """Index of the owning player, or ``None`` for chance."""
        return self._player

    @property
    def player_label(self) -> str:
        """Label of the owning player (``"chance"`` for chance)."""
        if self._player is None:
            return "chance"
        return self._game.players[self._player]

    @property
    def is_chance(self) -> bool:
        """True for a chance information set."""
        return self._player is None

    @property
    def actions(self) -> tuple[str, ...]:
        """Action labels, in order."""
        return self._actions

    @property
    def probs(self) -> tuple[Any, ...] | None:
        """Chance probabilities of the actions (``None`` for a player)."""
        return self._probs

    @property
    def members(self) -> tuple[Node, ...]:
        """The nodes of this information set, in preorder."""
        self._game._ensure_index()
        return tuple(self._members)

    @property
    def index(self) -> int:
        """Position among the player's (or chance's) information sets, from 0.

        Information sets are numbered in order of first appearance in the
        preorder traversal (Gambit's file order).
        """
        self._game._ensure_index()
        return self._game._infoset_index[self]

    def action_index(self, action: int | str) -> int:
        """Index of an action given by label or index.

        Raises
        ------
        InvalidGameError
            Unknown label or index out of range.
        """
        if isinstance(action, str):
            try:
                return self._actions.index(action)
            except ValueError:
                raise InvalidGameError(
                    f"unknown action {action!r}; actions are {list(self._actions)}",
                    field="action",
                ) from None
        if isinstance(action, bool) or not isinstance(action, int | np.integer):
            raise InvalidGameError(f"{action!r} is not an action", field="action")
        if not 0 <= int(action) < len(self._actions):
            raise InvalidGameError(
                f"action index {action!r} out of range 0..{len(self._actions) - 1}",
                field="action",
            )
        return int(action)

    def __repr__(self) -> str:
        lab = f" {self.label!r}" if self.label else ""
        who = "chance" if self._player is None else repr(self.player_label)
        return (
            f"<InfoSet {who} infoset {self.index + 1}{lab} "
            f"{{{', '.join(self._actions)}}}>"
        )


# ---------------------------------------------------------------------- node
class Node:
    """A node of an :class:`ExtensiveGame` tree.

    Nodes are created by the game (its :attr:`~ExtensiveGame.root`) and by
    :meth:`decide` and :meth:`chance`, which add children.

    Attributes
    ----------
    label : str
        The node's label (may be empty); free to change.
    """

    __slots__ = (
        "_children",
        "_game",
        "_index",
        "_infoset",
        "_outcome",
        "_parent",
        "_parent_action",
        "label",
    )

    def __init__(
        self, game: ExtensiveGame, parent: Node | None, parent_action: int | None
    ) -> None:
        self._game = game
        self._parent = parent
        self._parent_action = parent_action
        self._children: tuple[Node, ...] = ()
        self._infoset: InfoSet | None = None
        self._outcome: Outcome | None = None
        self.label = ""
        self._index = -1

    # -------------------------------------------------------------- structure
    @property
    def game(self) -> ExtensiveGame:
        """The game this node belongs to."""
        return self._game

    @property
    def parent(self) -> Node | None:
        """The parent node (``None`` at the root)."""
        return self._parent

    @property
    def parent_action(self) -> int | None:
        """Index of the parent's action that leads here (``None`` at the root)."""
        return self._parent_action

    @property
    def action_label(self) -> str | None:
        """Label of the parent's action that leads here (``None`` at the root)."""
        if self._parent is None or self._parent._infoset is None:
            return None
        return self._parent._infoset.actions[self._parent_action]  # type: ignore[index]

    @property
    def children(self) -> tuple[Node, ...]:
        """Child nodes, one per action, in action order."""
        return self._children

    @property
    def infoset(self) -> InfoSet | None:
        """The node's information set (``None`` at terminal nodes)."""
        return self._infoset

    @property
    def player(self) -> int | None:
        """Index of the player who moves here (``None`` at chance/terminal nodes)."""
        return None if self._infoset is None else self._infoset.player

    @property
    def outcome(self) -> Outcome | None:
        """The outcome attached here (``None``: the null outcome)."""
        return self._outcome

    @property
    def is_terminal(self) -> bool:
        """True for a leaf."""
        return not self._children

    @property
    def is_chance(self) -> bool:
        """True for a chance node."""
        return self._infoset is not None and self._infoset.player is None

    @property
    def is_personal(self) -> bool:
        """True for a decision node of a player."""
        return self._infoset is not None and self._infoset.player is not None

    @property
    def index(self) -> int:
        """Position in the preorder traversal (root 0); changes only as the tree grows."""
        self._game._ensure_index()
        return self._index

    def child(self, action: int | str) -> Node:
        """The child reached by ``action`` (label or index).

        Raises
        ------
        InvalidGameError
            At a terminal node, or for an unknown action.
        """
        if self._infoset is None:
            raise InvalidGameError("a terminal node has no children", field="node")
        return self._children[self._infoset.action_index(action)]

    def history(self) -> list[tuple[Node, int]]:
        """The ``(node, action index)`` pairs on the path from the root to here."""
        out = []
        x = self
        while x._parent is not None:
            out.append((x._parent, x._parent_action))
            x = x._parent
        out.reverse()
        return out  # type: ignore[return-value]

    # -------------------------------------------------------------- building
    def _require_leaf(self) -> None:
        if self._children:
            raise InvalidGameError(
                f"node {self.index} already has a move; the tree only grows at "
                "terminal nodes",
                field="node",
            )

    def _grow(self, infoset: InfoSet) -> tuple[Node, ...]:
        self._infoset = infoset
        infoset._members.append(self)
        self._children = tuple(
            Node(self._game, self, a) for a in range(len(infoset.actions))
        )
        self._game._touch()
        return self._children

    def decide(
        self,
        player: int | str,
        actions: Sequence[str] | None = None,
        *,
        infoset: InfoSet | str | None = None,
    ) -> tuple[Node, ...]:
        """Make this terminal node a decision node of ``player``.

        Parameters
        ----------
        player : int or str
            Player index or label.
        actions : sequence of str, optional
            Action labels (at least one). May be omitted when joining an existing
            information set; when given there, they must match its actions.
        infoset : InfoSet or str, optional
            ``None`` (default): a new information set of its own. An
            :class:`InfoSet` of ``player``: join it. A non-empty string: join
            the player's information set with that label, or create it.

        Returns
        -------
        tuple of Node
            The new children, one per action.

        Raises
        ------
        InvalidGameError
            The node already has a move; unknown player; missing, empty or
            non-string actions; an information set of another player or game,
            or whose actions differ from ``actions``.

        Examples
        --------
        >>> import coercion as co
        >>> g = co.ExtensiveGame(players=["A", "B"])
        >>> left, right = g.root.decide("A", ["L", "R"])
        >>> _ = left.decide("B", ["l", "r"], infoset="b")
        >>> _ = right.decide("B", infoset="b")
        >>> g.infosets("B")[0].members == (left, right)
        True
        """
        self._require_leaf()
        p = self._game.player_index(player)
        h = self._game._resolve_infoset(p, infoset, actions, None)
        return self._grow(h)

    def chance(
        self,
        actions: Sequence[str] | Mapping[str, Any] | None = None,
        probs: Sequence[Any] | None = None,
        *,
        infoset: InfoSet | str | None = None,
    ) -> tuple[Node, ...]:
        """Make this terminal node a chance move.

        Parameters
        ----------
        actions : sequence of str or mapping, optional
            Action labels, or a mapping ``{label: probability}``. May be omitted
            when joining an existing chance information set.
        probs : sequence of numbers, optional
            Probabilities, one per action: exact (ints, Fractions, strings such
            as ``"0.3"`` or ``"1/3"``, summing exactly to 1) or floats (summing
            to 1 within ``1e-9``, which makes the game a float game).
        infoset : InfoSet or str, optional
            Join an existing chance information set (the same actions and
            probabilities), as for :meth:`decide`.

        Returns
        -------
        tuple of Node
            The new children, one per action.

        Raises
        ------
        InvalidGameError
            The node already has a move; a negative, non-numeric, NaN or
            infinite probability; probabilities not summing to 1; a count of
            probabilities that differs from the count of actions; a mismatch
            with the joined information set.

        Examples
        --------
        >>> import coercion as co
        >>> g = co.ExtensiveGame(players=["A"])
        >>> kids = g.root.chance({"good": "1/3", "bad": "2/3"})
        >>> g.root.infoset.probs
        (Fraction(1, 3), Fraction(2, 3))
        >>> g.root.chance(["x"], [1])
        Traceback (most recent call last):
        ...
        coercion.errors.InvalidGameError: node: node 0 already has a move; ...
        """
        self._require_leaf()
        if isinstance(actions, Mapping):
            if probs is not None:
                raise InvalidGameError(
                    "probabilities given twice (in the mapping and in probs)",
                    field="probs",
                )
            probs = list(actions.values())
            actions = list(actions.keys())
        checked: tuple[Any, ...] | None = None
        if probs is not None:
            checked = _check_probs(probs)
        elif actions is not None:
            raise InvalidGameError(
                "chance actions need their probabilities", field="probs"
            )
        h = self._game._resolve_infoset(None, infoset, actions, checked)
        return self._grow(h)

    def set_outcome(
        self, payoffs: Sequence[Any] | Outcome | None, label: str = ""
    ) -> None:
        """Attach an outcome (payoffs added to every play through this node).

        Parameters
        ----------
        payoffs : sequence of numbers, Outcome or None
            One payoff per player, or an :class:`Outcome` (shared by reference),
            or ``None`` to remove the outcome.
        label : str, optional
            The outcome's label (only with a payoff sequence).

        Raises
        ------
        InvalidGameError
            Wrong number of payoffs; non-numeric, infinite or NaN payoffs.
        """
        if payoffs is None:
            self._outcome = None
        else:
            if isinstance(payoffs, Outcome):
                if label:
                    raise InvalidGameError(
                        "a label is given with an Outcome that has its own",
                        field="label",
                    )
                outcome = payoffs
            else:
                outcome = Outcome(payoffs, label)
            n = self._game.n_players
            if len(outcome.payoffs) != n:
                raise InvalidGameError(
                    f"{len(outcome.payoffs)} payoffs {_fmt_vec(outcome.payoffs)} "
                    f"given for {n} players",
                    field="outcome.payoffs",
                )
            self._outcome = outcome
        self._game._touch()

    def __repr__(self) -> str:
        if self._infoset is None:
            kind = "terminal"
        elif self._infoset.player is None:
            kind = "chance"
        else:
            kind = f"{self._infoset.player_label!r} infoset {self._infoset.index + 1}"
        lab = f" {self.label!r}" if self.label else ""
        return f"<Node {self.index}{lab} {kind}>"


def _number_vector(values: Any, field: str) -> tuple[tuple[Any, ...], bool]:
    """Validate a flat vector of numbers: exact Fractions, or finite floats."""
    values = list(values)
    # fast paths for the common, already-clean input (file readers, models)
    if all(type(v) is Fraction or type(v) is int for v in values):
        return tuple(Fraction(v) for v in values), True
    if all(type(v) is float and math.isfinite(v) for v in values):
        return tuple(values), False
    arr, exact = as_payoff_array(values, field=field)
    if arr.ndim != 1:
        raise InvalidGameError(
            f"shape {arr.shape} is not a flat list of numbers", field=field
        )
    return tuple(arr.tolist()), exact


def _check_probs(probs: Any) -> tuple[Any, ...]:
    if isinstance(probs, str) or not isinstance(probs, Sequence | np.ndarray):
        raise InvalidGameError(f"{probs!r} is not a sequence of numbers", field="probs")
    values, exact = _number_vector(probs, "probs")
    for i, v in enumerate(values):
        if v < 0:
            raise InvalidGameError(
                f"negative probability {_fmt(v)}", field=f"probs[{i}]"
            )
    total = sum(values, Fraction(0) if exact else 0.0)
    if (total != 1) if exact else abs(total - 1.0) > _FLOAT_TOL:
        raise InvalidGameError(
            f"probabilities {_fmt_vec(values)} sum to {_fmt(total)}, not 1",
            field="probs",
        )
    return values


# ---------------------------------------------------------------------- game
class ExtensiveGame:
    """A finite extensive game with chance, information sets and outcomes.

    See the module documentation for the conventions and a walk-through.

    Parameters
    ----------
    players : sequence of str or int
        Player labels (unique), or the number of players (labelled ``"1"``,
        ``"2"``, ... as in Gambit).
    title : str, optional
        A title, kept by Gambit files.
    comment : str, optional
        A free-text comment, kept by Gambit files.

    Raises
    ------
    InvalidGameError
        No players, non-string or duplicate player labels, a non-string title.

    Examples
    --------
    >>> import coercion as co
    >>> g = co.ExtensiveGame(players=2)
    >>> g.players, g.root.is_terminal
    (('1', '2'), True)
    """

    def __init__(
        self,
        players: Sequence[str] | int,
        *,
        title: str = "",
        comment: str = "",
    ) -> None:
        if isinstance(players, bool):
            raise InvalidGameError(f"{players!r} is not a player list", field="players")
        if isinstance(players, numbers.Integral):
            if players < 1:
                raise InvalidGameError(
                    f"{players} players; at least one is needed", field="players"
                )
            labels = tuple(str(i + 1) for i in range(int(players)))
        else:
            labels = _check_labels(players, "players", "player")
            seen: set[str] = set()
            for i, lab in enumerate(labels):
                if lab in seen:
                    raise InvalidGameError(
                        f"duplicate player label {lab!r}", field=f"players[{i}]"
                    )
                seen.add(lab)
        for name, value in (("title", title), ("comment", comment)):
            if not isinstance(value, str):
                raise InvalidGameError(f"{value!r} is not a string", field=name)
        self._players = labels
        self.title = title
        self.comment = comment
        self._infosets: list[InfoSet] = []
        self._by_label: dict[tuple[int | None, str], InfoSet] = {}
        self._version = 0
        self._indexed = -1
        self._root = Node(self, None, None)

    # -------------------------------------------------------------- basics
    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def n_players(self) -> int:
        """Number of players (chance not counted)."""
        return len(self._players)

    @property
    def root(self) -> Node:
        """The root node."""
        return self._root

    def player_index(self, player: int | str) -> int:
        """Index of a player given by label or index.

        Raises
        ------
        InvalidGameError
            Unknown label or index out of range.
        """
        if isinstance(player, str):
            try:
                return self._players.index(player)
            except ValueError:
                raise InvalidGameError(
                    f"unknown player {player!r}; players are {list(self._players)}",
                    field="player",
                ) from None
        if isinstance(player, bool) or not isinstance(player, int | np.integer):
            raise InvalidGameError(f"{player!r} is not a player", field="player")
        if not 0 <= int(player) < self.n_players:
            raise InvalidGameError(
                f"player index {player!r} out of range 0..{self.n_players - 1}",
                field="player",
            )
        return int(player)

    # -------------------------------------------------------------- indexing
    def _touch(self) -> None:
        self._version += 1

    def _resolve_infoset(
        self,
        p: int | None,
        infoset: InfoSet | str | None,
        actions: Sequence[str] | None,
        probs: tuple[Any, ...] | None,
    ) -> InfoSet:
        who = "chance" if p is None else f"player {self._players[p]!r}"
        h: InfoSet | None
        if isinstance(infoset, InfoSet):
            if infoset._game is not self:
                raise InvalidGameError(
                    "information set belongs to another game", field="infoset"
                )
            if infoset._player != p:
                owner = (
                    "chance"
                    if infoset._player is None
                    else (f"player {infoset.player_label!r}")
                )
                raise InvalidGameError(
                    f"information set of {owner} cannot hold a node of {who}",
                    field="infoset",
                )
            h = infoset
        elif infoset is None:
            h = None
            label = ""
        elif isinstance(infoset, str):
            label = infoset
            h = self._by_label.get((p, infoset)) if infoset else None
        else:
            raise InvalidGameError(
                f"{infoset!r} is not an information set or label", field="infoset"
            )
        if h is not None:
            if actions is not None:
                acts = _check_labels(actions, "actions", "action")
                if acts != h.actions:
                    raise InvalidGameError(
                        f"information set {h.label!r} of {who} has actions "
                        f"{list(h.actions)}, not {list(acts)}",
                        field="actions",
                    )
            if probs is not None and probs != h.probs:
                raise InvalidGameError(
                    f"chance information set {h.label!r} has probabilities "
                    f"{_fmt_vec(h.probs or ())}, not {_fmt_vec(probs)}",
                    field="probs",
                )
            return h
        if actions is None:
            raise InvalidGameError(
                f"actions are needed for a new information set of {who}",
                field="actions",
            )
        acts = _check_labels(actions, "actions", "action")
        if probs is not None and len(probs) != len(acts):
            raise InvalidGameError(
                f"{len(probs)} probabilities given for {len(acts)} actions",
                field="probs",
            )
        h = InfoSet(self, p, label, acts, probs)
        self._infosets.append(h)
        if label:
            self._by_label.setdefault((p, label), h)
        return h

    def _ensure_index(self) -> None:
        if self._indexed == self._version:
            return
        order: list[Node] = []
        stack = [self._root]
        while stack:
            x = stack.pop()
            x._index = len(order)
            order.append(x)
            stack.extend(reversed(x._children))
        self._preorder = tuple(order)
        index: dict[InfoSet, int] = {}
        per_player: dict[int | None, list[InfoSet]] = {
            p: [] for p in [None, *range(self.n_players)]
        }
        for x in order:
            h = x._infoset
            if h is not None and h not in index:
                index[h] = len(per_player[h._player])
                per_player[h._player].append(h)
        for h in self._infosets:
            h._members.sort(key=lambda n: n._index)
        self._infoset_index = index
        self._per_player = {k: tuple(v) for k, v in per_player.items()}
        self._exact = all(
            x._outcome is None or x._outcome.is_exact for x in order
        ) and all(
            all(isinstance(q, Fraction) for q in h._probs or ())
            for h in per_player[None]
        )
        self._indexed = self._version

    def nodes(self) -> tuple[Node, ...]:
        """All nodes in preorder (Gambit file order)."""
        self._ensure_index()
        return self._preorder

    def iter_nodes(self) -> Iterator[Node]:
        """Iterate over the nodes in preorder."""
        return iter(self.nodes())

    def node(self, index: int) -> Node:
        """The node at a preorder index.

        Raises
        ------
        InvalidGameError
            Index out of range.
        """
        nodes = self.nodes()
        if isinstance(index, bool) or not isinstance(index, int | np.integer):
            raise InvalidGameError(f"{index!r} is not a node index", field="index")
        if not 0 <= int(index) < len(nodes):
            raise InvalidGameError(
                f"node index {index} out of range 0..{len(nodes) - 1}", field="index"
            )
        return nodes[int(index)]

    def terminal_nodes(self) -> tuple[Node, ...]:
        """The leaves, in preorder."""
        return tuple(x for x in self.nodes() if not x._children)

    def infosets(self, player: int | str | None = None) -> tuple[InfoSet, ...]:
        """Information sets of ``player`` in order of first appearance.

        With ``player=None``, those of every player, player by player (chance
        information sets are in :meth:`chance_infosets`).
        """
        self._ensure_index()
        if player is None:
            return tuple(h for p in range(self.n_players) for h in self._per_player[p])
        return self._per_player[self.player_index(player)]

    def chance_infosets(self) -> tuple[InfoSet, ...]:
        """Chance information sets in order of first appearance."""
        self._ensure_index()
        return self._per_player[None]

    def outcomes(self) -> tuple[Outcome, ...]:
        """Distinct outcomes in order of first appearance in the preorder."""
        seen: dict[Outcome, None] = {}
        for x in self.nodes():
            if x._outcome is not None:
                seen.setdefault(x._outcome, None)
        return tuple(seen)

    @property
    def is_exact(self) -> bool:
        """True when all payoffs and chance probabilities are exact rationals."""
        self._ensure_index()
        return self._exact

    # -------------------------------------------------------------- properties
    def is_perfect_information(self) -> bool:
        """True when every information set of a player is a single node."""
        return all(len(h._members) == 1 for h in self.infosets())

    def perfect_recall_violations(self) -> list[str]:
        """Descriptions of the information sets that break perfect recall.

        Empty when the game has perfect recall (see the module Notes).
        """
        nodes = self.nodes()
        n = self.n_players
        intern: dict[tuple[int, int, int, int], int] = {}
        hist: dict[Node, tuple[int, ...]] = {self._root: (0,) * n}
        seen: dict[InfoSet, tuple[Node, int]] = {}
        problems = []
        reported: set[InfoSet] = set()
        for x in nodes:
            hx = hist[x]
            h = x._infoset
            if h is None:
                continue
            p = h._player
            if p is not None:
                first = seen.setdefault(h, (x, hx[p]))
                if first[1] != hx[p] and h not in reported:
                    reported.add(h)
                    problems.append(
                        f"player {self._players[p]!r} infoset {h.index + 1}"
                        f"{' ' + repr(h.label) if h.label else ''}: nodes "
                        f"{first[0]._index} and {x._index} are reached by different "
                        "sequences of the player's own moves"
                    )
            for a, child in enumerate(x._children):
                if p is None:
                    hist[child] = hx
                else:
                    key = (hx[p], p, self._infoset_index[h], a)
                    new = intern.setdefault(key, len(intern) + 1)
                    hist[child] = (*hx[:p], new, *hx[p + 1 :])
        return problems

    def has_perfect_recall(self) -> bool:
        """True when no player ever forgets their own earlier moves.

        Examples
        --------
        >>> import coercion as co
        >>> g = co.ExtensiveGame(players=["A"])
        >>> l, r = g.root.decide("A", ["L", "R"])
        >>> _ = l.decide("A", ["x", "y"], infoset="forgot")
        >>> _ = r.decide("A", infoset="forgot")
        >>> g.has_perfect_recall()
        False
        >>> g.perfect_recall_violations()
        ["player 'A' infoset 2 'forgot': nodes 1 and 4 are reached by different sequences of the player's own moves"]
        """
        return not self.perfect_recall_violations()

    def is_subgame_root(self, node: Node) -> bool:
        """True when ``node`` is not terminal and its subtree is a subgame."""
        return node in self.subgame_roots()

    def subgame_roots(self) -> tuple[Node, ...]:
        """Decision and chance nodes whose subtrees are subgames, in preorder.

        A subtree is a subgame when every information set of a player that meets
        it lies inside it. The root is first; terminal nodes are left out.
        """
        nodes = self.nodes()
        lo: dict[InfoSet, int] = {}
        hi: dict[InfoSet, int] = {}
        for x in nodes:
            h = x._infoset
            if h is not None and h._player is not None:
                lo.setdefault(h, x._index)
                hi[h] = x._index
        size = [1] * len(nodes)
        span_lo = [len(nodes)] * len(nodes)
        span_hi = [-1] * len(nodes)
        for x in reversed(nodes):
            i = x._index
            h = x._infoset
            if h is not None and h._player is not None:
                span_lo[i] = min(span_lo[i], lo[h])
                span_hi[i] = max(span_hi[i], hi[h])
            for c in x._children:
                j = c._index
                size[i] += size[j]
                span_lo[i] = min(span_lo[i], span_lo[j])
                span_hi[i] = max(span_hi[i], span_hi[j])
        return tuple(
            x
            for x in nodes
            if x._children
            and span_lo[x._index] >= x._index
            and span_hi[x._index] < x._index + size[x._index]
        )

    # -------------------------------------------------------------- payoffs
    def accumulated_payoffs(self, node: Node) -> tuple[Any, ...]:
        """Sum of the outcomes on the path from the root to ``node`` (inclusive)."""
        zero: Any = Fraction(0) if self.is_exact else 0.0
        total = [zero] * self.n_players
        x: Node | None = node
        while x is not None:
            if x._outcome is not None:
                for p, v in enumerate(x._outcome.payoffs):
                    total[p] = total[p] + (v if self._exact else float(v))
            x = x._parent
        return tuple(total)

    def _prob_vector(
        self, value: Any, labels: Sequence[str], field: str
    ) -> tuple[tuple[Any, ...], bool]:
        k = len(labels)
        if isinstance(value, str) or (
            isinstance(value, int | np.integer) and not isinstance(value, bool)
        ):
            if isinstance(value, str):
                if value not in labels:
                    raise InvalidProfileError(
                        f"unknown label {value!r}; choices are {list(labels)}",
                        field=field,
                    )
                s = list(labels).index(value)
            else:
                s = int(value)
                if not 0 <= s < k:
                    raise InvalidProfileError(
                        f"index {s} out of range 0..{k - 1}", field=field
                    )
            return tuple(Fraction(int(i == s)) for i in range(k)), True
        if isinstance(value, Mapping):
            vals: list[Any] = [0] * k
            for key, v in value.items():
                if key not in labels:
                    raise InvalidProfileError(
                        f"unknown label {key!r}; choices are {list(labels)}",
                        field=field,
                    )
                vals[list(labels).index(key)] = v
            value = vals
        if not isinstance(value, Sequence | np.ndarray):
            raise InvalidProfileError(
                f"{value!r} is not a probability vector", field=field
            )
        try:
            arr, exact = as_payoff_array(list(value), field=field)
        except InvalidGameError as exc:
            raise InvalidProfileError(exc.message, field=exc.field) from None
        if arr.shape != (k,):
            raise InvalidProfileError(
                f"shape {arr.shape} given for {k} choices {list(labels)}", field=field
            )
        vec = tuple(arr.tolist())
        if any(v < 0 for v in vec):
            raise InvalidProfileError(
                f"negative probability in {_fmt_vec(vec)}", field=field
            )
        total = sum(vec, Fraction(0) if exact else 0.0)
        if (total != 1) if exact else abs(total - 1.0) > _FLOAT_TOL:
            raise InvalidProfileError(
                f"probabilities {_fmt_vec(vec)} sum to {_fmt(total)}, not 1",
                field=field,
            )
        return vec, exact

    def _per_player_entries(self, profile: Any, field: str) -> list[Any]:
        if isinstance(profile, Mapping):
            if set(profile) != set(self._players):
                raise InvalidProfileError(
                    f"keys {list(profile)} do not match players {list(self._players)}",
                    field=field,
                )
            profile = [profile[p] for p in self._players]
        if isinstance(profile, str) or not isinstance(profile, Sequence):
            raise InvalidProfileError(
                f"{profile!r} is not a profile (one entry per player)", field=field
            )
        if len(profile) != self.n_players:
            raise InvalidProfileError(
                f"{len(profile)} entries given for {self.n_players} players",
                field=field,
            )
        return list(profile)

    def normalize_behavior(self, profile: Any) -> tuple[BehaviorProfile, bool]:
        """Validate a behavior profile.

        Parameters
        ----------
        profile : sequence or mapping
            Per player (or ``{player label: ...}``), per information set in
            order of first appearance, a probability vector over its actions, a
            mapping ``{action: probability}``, or an action label or index
            (a pure action).

        Returns
        -------
        (profile, exact)
            Nested lists of Fractions (``exact`` True) or of floats.

        Raises
        ------
        InvalidProfileError
            Wrong numbers of players, information sets or actions; negative
            probabilities; sums other than 1 (exactly, or within 1e-9 for floats).
        """
        entries = self._per_player_entries(profile, "profile")
        out: BehaviorProfile = []
        exact = True
        for p, beh in enumerate(entries):
            sets = self.infosets(p)
            f = f"profile[{p}]"
            if isinstance(beh, str) or not isinstance(beh, Sequence):
                raise InvalidProfileError(
                    f"{beh!r} is not a list with one entry per information set",
                    field=f,
                )
            if len(beh) != len(sets):
                raise InvalidProfileError(
                    f"{len(beh)} entries given for {len(sets)} information sets of "
                    f"player {self._players[p]!r}",
                    field=f,
                )
            row = []
            for k, (h, v) in enumerate(zip(sets, beh)):
                vec, ex = self._prob_vector(v, h.actions, f"{f}[{k}]")
                exact = exact and ex
                row.append(list(vec))
            out.append(row)
        if not exact:
            out = [[[float(v) for v in vec] for vec in row] for row in out]
        return out, exact

    def expected_payoffs(self, profile: Any) -> tuple[Any, ...]:
        """Expected payoff of each player under a behavior profile.

        Exact when the game and the profile are exact; floats otherwise.

        Raises
        ------
        InvalidProfileError
            The profile does not fit the game (see :meth:`normalize_behavior`).

        Examples
        --------
        >>> import coercion as co
        >>> g = co.ExtensiveGame.from_tree(["A"], {"chance": {
        ...     "h": ("1/2", {"player": "A", "moves": {"x": [1], "y": [0]}}),
        ...     "t": ("1/2", [3])}})
        >>> g.expected_payoffs([[[ "1/3", "2/3"]]])
        (Fraction(5, 3),)
        """
        beh, exact = self.normalize_behavior(profile)
        exact = exact and self.is_exact
        one: Any = Fraction(1) if exact else 1.0
        total: list[Any] = [one * 0] * self.n_players
        reach: dict[Node, Any] = {self._root: one}
        for x in self.nodes():
            r = reach.pop(x)
            if x._outcome is not None:
                for p, v in enumerate(x._outcome.payoffs):
                    total[p] += r * (v if exact else float(v))
            h = x._infoset
            if h is None:
                continue
            if h._player is None:
                probs = h._probs if exact else [float(q) for q in h._probs]  # type: ignore[union-attr]
            else:
                probs = beh[h._player][self._infoset_index[h]]
            for c, q in zip(x._children, probs):  # type: ignore[arg-type]
                reach[c] = r * q
        return tuple(total)

    # -------------------------------------------------------------- strategic form
    def reduced_strategies(self, player: int | str) -> list[dict[InfoSet, int]]:
        """The player's reduced pure strategies, as ``{infoset: action index}``.

        Each maps exactly the information sets that the strategy itself does not
        make unreachable; the order is that of :meth:`reduced_strategic_form`.
        """
        p = self.player_index(player)
        self._ensure_index()
        order = self._infoset_index
        results: list[dict[InfoSet, int]] = []
        stack: list[dict[InfoSet, int]] = [{}]
        while stack:
            assign = stack.pop()
            pending: InfoSet | None = None
            walk = [self._root]
            while walk:
                x = walk.pop()
                h = x._infoset
                if h is None:
                    continue
                if h._player == p:
                    a = assign.get(h)
                    if a is None:
                        if pending is None or order[h] < order[pending]:
                            pending = h
                    else:
                        walk.append(x._children[a])
                else:
                    walk.extend(x._children)
            if pending is None:
                results.append(assign)
                continue
            for a in reversed(range(len(pending.actions))):
                stack.append({**assign, pending: a})
        return results

    def reduced_strategy_labels(self, player: int | str) -> list[str]:
        """Labels of the reduced strategies (convention in the module Notes)."""
        p = self.player_index(player)
        return self._strategy_labels(p, self.reduced_strategies(p))

    def _strategy_labels(
        self, p: int, strategies: list[dict[InfoSet, int]]
    ) -> list[str]:
        sets = self.infosets(p)
        if not sets:
            return [_NO_MOVE]

        def name(h: InfoSet, a: int) -> str:
            return h.actions[a] or str(a + 1)

        labels = ["/".join(name(h, s[h]) for h in sets if h in s) for s in strategies]
        if len(set(labels)) < len(labels):
            labels = [
                "/".join(name(h, s[h]) if h in s else "*" for h in sets)
                for s in strategies
            ]
        if len(set(labels)) < len(labels):
            count: dict[str, int] = {}
            out = []
            for lab in labels:
                count[lab] = count.get(lab, 0) + 1
                out.append(lab if count[lab] == 1 else f"{lab}_{count[lab]}")
            taken = set()
            labels = []
            for lab in out:
                while lab in taken:
                    lab += "_"
                taken.add(lab)
                labels.append(lab)
        return labels

    def reduced_strategic_form(self) -> NormalFormGame:
        """The reduced strategic (normal) form as a :class:`NormalFormGame`.

        Strategies are the reduced pure strategies of each player, labelled by
        the actions they take (see the module Notes); payoffs are expected
        payoffs over chance, exact for exact games.

        Returns
        -------
        NormalFormGame

        Examples
        --------
        >>> import coercion as co
        >>> g = co.ExtensiveGame.from_tree(["A", "B"], {"player": "A", "moves": {
        ...     "L": {"player": "A", "moves": {"l": [1, 0], "r": [2, 0]}},
        ...     "R": {"player": "B", "moves": {"u": [0, 1], "d": [0, 2]}}}})
        >>> g.reduced_strategic_form().strategies
        (('L/l', 'L/r', 'R'), ('u', 'd'))

        Notes
        -----
        Each node with an outcome adds ``w * payoff`` to every profile whose
        strategies all agree with the moves on its path (``w`` the product of
        chance probabilities there), so the cost is the number of outcome nodes
        times the number of such profiles.
        """
        from coercion.game.normal_form import NormalFormGame

        n = self.n_players
        exact = self.is_exact
        strategies = [self.reduced_strategies(p) for p in range(n)]
        labels = [self._strategy_labels(p, s) for p, s in enumerate(strategies)]
        shape = tuple(len(s) for s in strategies)
        zero: Any = Fraction(0) if exact else 0.0
        arr = np.empty((n, *shape), dtype=object if exact else np.float64)
        arr.fill(zero)
        one: Any = Fraction(1) if exact else 1.0
        consistent: dict[Node, tuple[Any, tuple[list[int], ...]]] = {
            self._root: (one, tuple(list(range(k)) for k in shape))
        }
        for x in self.nodes():
            w, cons = consistent.pop(x)
            if x._outcome is not None and w != 0 and all(cons):
                cells: tuple[Any, ...] = np.ix_(*cons)
                for q, v in enumerate(x._outcome.payoffs):
                    if v != 0:
                        arr[(q, *cells)] += w * (v if exact else float(v))
            h = x._infoset
            if h is None:
                continue
            p = h._player
            for a, c in enumerate(x._children):
                if p is None:
                    q = h._probs[a]  # type: ignore[index]
                    consistent[c] = (w * (q if exact else float(q)), cons)
                else:
                    s = strategies[p]
                    keep = [k for k in cons[p] if s[k].get(h) == a]
                    consistent[c] = (w, (*cons[:p], keep, *cons[p + 1 :]))
        return NormalFormGame(
            arr,
            players=self._players,
            strategies=labels,
            title=self.title,
            exact=exact,
        )

    def mixed_to_behavior(self, profile: Any) -> BehaviorProfile:
        """A realization-equivalent behavior profile of a mixed profile (Kuhn).

        Parameters
        ----------
        profile : sequence or mapping
            Per player, probabilities of the reduced strategies in the order of
            :meth:`reduced_strategic_form` (a vector, a mapping by strategy
            label, or one strategy label or index).

        Returns
        -------
        list
            Per player, per information set (in order of first appearance), the
            action probabilities; exact for exact input.

        Raises
        ------
        InvalidProfileError
            The profile does not fit the reduced strategic form.
        NotSupportedError
            The game does not have perfect recall (Kuhn's theorem fails; the
            message names the offending information set).

        Examples
        --------
        >>> import coercion as co
        >>> g = co.ExtensiveGame.from_tree(["A", "B"], {"player": "A", "moves": {
        ...     "L": {"player": "A", "moves": {"l": [1, 0], "r": [2, 0]}},
        ...     "R": {"player": "B", "moves": {"u": [0, 1], "d": [0, 2]}}}})
        >>> g.mixed_to_behavior([["1/4", "1/4", "1/2"], "d"])
        [[[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 2), Fraction(1, 2)]], [[Fraction(0, 1), Fraction(1, 1)]]]
        """
        problems = self.perfect_recall_violations()
        if problems:
            raise NotSupportedError(
                "mixed strategies have no equivalent behavior strategies without "
                f"perfect recall: {problems[0]}",
                field="game",
            )
        entries = self._per_player_entries(profile, "profile")
        vectors = []
        exact = True
        all_strategies = []
        for p, sigma in enumerate(entries):
            strategies = self.reduced_strategies(p)
            labels = self._strategy_labels(p, strategies)
            vec, ex = self._prob_vector(sigma, labels, f"profile[{p}]")
            exact = exact and ex
            vectors.append(vec)
            all_strategies.append(strategies)
        out: BehaviorProfile = []
        for p in range(self.n_players):
            vec = vectors[p] if exact else tuple(float(v) for v in vectors[p])
            zero: Any = Fraction(0) if exact else 0.0
            row = []
            for h in self.infosets(p):
                k = len(h.actions)
                num = [zero] * k
                for s, w in zip(all_strategies[p], vec):
                    a = s.get(h)
                    if a is not None:
                        num[a] += w
                den = sum(num, zero)
                if den == 0:
                    row.append([Fraction(1, k) if exact else 1.0 / k] * k)
                else:
                    row.append([v / den for v in num])
            out.append(row)
        return out

    def uniform_behavior(self) -> BehaviorProfile:
        """The behavior profile that mixes uniformly at every information set."""
        return [
            [[Fraction(1, len(h.actions))] * len(h.actions) for h in self.infosets(p)]
            for p in range(self.n_players)
        ]

    # -------------------------------------------------------------- data
    @classmethod
    def from_tree(
        cls,
        players: Sequence[str] | int,
        tree: Any,
        *,
        title: str = "",
        comment: str = "",
    ) -> ExtensiveGame:
        """Build a game from nested Python data.

        Parameters
        ----------
        players : sequence of str or int
            As for :class:`ExtensiveGame`.
        tree : object
            The root's description. A node is

            * ``None``: a terminal node without outcome;
            * a sequence of numbers: a terminal node with these payoffs;
            * an :class:`Outcome`: a terminal node with that outcome;
            * a dict with ``"player"`` and ``"moves"`` (``{action: subtree}``):
              a decision node;
            * a dict with ``"chance"`` (``{action: (probability, subtree)}``):
              a chance node;
            * a dict with neither: a terminal node.

            Dicts may also have ``"infoset"`` (a label shared by the nodes of one
            information set), ``"label"`` (the node's label) and ``"outcome"``
            (payoffs, an :class:`Outcome`, or ``{"payoffs": ..., "label": ...}``).
        title, comment : str, optional
            As for :class:`ExtensiveGame`.

        Returns
        -------
        ExtensiveGame

        Raises
        ------
        InvalidGameError
            Unknown keys or malformed nodes (the field names the path from the
            root, e.g. ``tree['In']['Fight']``), and every error of the builder.

        Examples
        --------
        >>> import coercion as co
        >>> g = co.ExtensiveGame.from_tree(["US", "China"], {
        ...     "player": "US", "moves": {
        ...         "restrict": {"player": "China", "infoset": "C",
        ...                      "outcome": {"payoffs": [-1, -1], "label": "cost"},
        ...                      "moves": {"retaliate": [0, 0], "concede": [3, 0]}},
        ...         "trade": [1, 1]}})
        >>> g.accumulated_payoffs(g.root.child("restrict").child("concede"))
        (Fraction(2, 1), Fraction(-1, 1))
        """
        game = cls(players, title=title, comment=comment)
        stack: list[tuple[Node, Any, str]] = [(game._root, tree, "tree")]
        while stack:
            node, spec, field = stack.pop()
            try:
                children = game._build_node(node, spec, field)
            except InvalidGameError as exc:
                if exc.field and exc.field.startswith("tree"):
                    raise
                raise InvalidGameError(
                    exc.message, field=f"{field}.{exc.field}" if exc.field else field
                ) from None
            stack.extend(reversed(children))
        return game

    def _build_node(
        self, node: Node, spec: Any, field: str
    ) -> list[tuple[Node, Any, str]]:
        if spec is None:
            return []
        if isinstance(spec, Outcome):
            node.set_outcome(spec)
            return []
        if not isinstance(spec, Mapping):
            if isinstance(spec, str) or not isinstance(spec, Sequence | np.ndarray):
                raise InvalidGameError(
                    f"{spec!r} is not a node (payoff list, dict or None)", field=field
                )
            node.set_outcome(list(spec))
            return []
        allowed = {"player", "moves", "chance", "infoset", "label", "outcome"}
        extra = [k for k in spec if k not in allowed]
        if extra:
            raise InvalidGameError(
                f"unknown keys {extra}; allowed are {sorted(allowed)}", field=field
            )
        if "label" in spec:
            if not isinstance(spec["label"], str):
                raise InvalidGameError(
                    f"{spec['label']!r} is not a string", field=f"{field}.label"
                )
            node.label = spec["label"]
        if spec.get("outcome") is not None:
            o = spec["outcome"]
            if isinstance(o, Mapping):
                bad = [k for k in o if k not in ("payoffs", "label")]
                if bad or "payoffs" not in o:
                    raise InvalidGameError(
                        f"outcome {dict(o)!r} needs 'payoffs' and at most 'label'",
                        field=f"{field}.outcome",
                    )
                node.set_outcome(o["payoffs"], o.get("label", ""))
            else:
                node.set_outcome(o)
        infoset = spec.get("infoset")
        if "player" in spec or "moves" in spec:
            if "chance" in spec or "player" not in spec or "moves" not in spec:
                raise InvalidGameError(
                    "a decision node needs 'player' and 'moves' (and no 'chance')",
                    field=field,
                )
            moves = spec["moves"]
            if not isinstance(moves, Mapping):
                raise InvalidGameError(
                    f"{moves!r} is not a mapping {{action: subtree}}",
                    field=f"{field}.moves",
                )
            kids = node.decide(spec["player"], list(moves), infoset=infoset)
            return [
                (c, sub, f"{field}[{a!r}]") for c, (a, sub) in zip(kids, moves.items())
            ]
        if "chance" in spec:
            moves = spec["chance"]
            if not isinstance(moves, Mapping):
                raise InvalidGameError(
                    f"{moves!r} is not a mapping {{action: (probability, subtree)}}",
                    field=f"{field}.chance",
                )
            probs, subs = [], []
            for a, pair in moves.items():
                if (
                    isinstance(pair, str)
                    or not isinstance(pair, Sequence)
                    or len(pair) != 2
                ):
                    raise InvalidGameError(
                        f"{pair!r} is not a pair (probability, subtree)",
                        field=f"{field}[{a!r}]",
                    )
                probs.append(pair[0])
                subs.append(pair[1])
            kids = node.chance(list(moves), probs, infoset=infoset)
            return [(c, sub, f"{field}[{a!r}]") for c, a, sub in zip(kids, moves, subs)]
        if infoset is not None:
            raise InvalidGameError(
                "a terminal node has no information set", field=f"{field}.infoset"
            )
        return []

    # -------------------------------------------------------------- display
    def __repr__(self) -> str:
        kind = "exact" if self.is_exact else "float"
        title = f" {self.title!r}" if self.title else ""
        return (
            f"<ExtensiveGame{title} {len(self.nodes())} nodes, "
            f"players {self._players}, {kind}>"
        )

    def to_text(self) -> str:
        """A readable indented tree, one line per node.

        A decision node shows its player, information set (numbered from 1 in
        order of first appearance, with its label) and actions; a chance node
        its actions with their probabilities; a terminal node the payoffs
        accumulated along its path. Outcomes at inner nodes show as
        ``+ (payoffs)``; outcome and node labels are quoted.
        """
        self._ensure_index()
        lines = []
        if self.title:
            lines.append(self.title)
        lines.append("players: " + ", ".join(self._players))
        if self.comment:
            lines.append("comment: " + self.comment.replace("\n", " "))
        exact = self._exact
        zero: Any = Fraction(0) if exact else 0.0
        stack: list[tuple[Node, int, tuple[Any, ...]]] = [
            (self._root, 0, (zero,) * self.n_players)
        ]
        while stack:
            x, depth, acc = stack.pop()
            if x._outcome is not None:
                acc = tuple(
                    t + (v if exact else float(v))
                    for t, v in zip(acc, x._outcome.payoffs)
                )
            parts = []
            if x._parent is not None:
                ph = x._parent._infoset
                a = x._parent_action
                assert ph is not None and a is not None
                edge = ph.actions[a] or str(a + 1)
                if ph._probs is not None:
                    edge += f" ({_fmt(ph._probs[a])})"
                parts.append(edge + ":")
            if x.label:
                parts.append(repr(x.label))
            h = x._infoset
            if h is None:
                parts.append("payoffs " + _fmt_vec(acc))
                if x._outcome is not None and x._outcome.label:
                    parts.append(repr(x._outcome.label))
            else:
                who = "chance" if h._player is None else self._players[h._player]
                lab = f" {h.label!r}" if h.label else ""
                parts.append(f"{who} [infoset {self._infoset_index[h] + 1}{lab}]")
                if h._player is not None:
                    parts.append("{" + ", ".join(h.actions) + "}")
                if x._outcome is not None:
                    o = x._outcome
                    parts.append("+ " + _fmt_vec(o.payoffs))
                    if o.label:
                        parts.append(repr(o.label))
            lines.append("  " * depth + " ".join(parts))
            stack.extend((c, depth + 1, acc) for c in reversed(x._children))
        return "\n".join(lines)

    def _signature(self) -> tuple[Any, ...]:
        self._ensure_index()
        rows: list[tuple[Any, ...]] = []
        for x in self._preorder:
            h = x._infoset
            o = x._outcome
            oc = None if o is None else (o.label, o.payoffs)
            if h is None:
                rows.append(("t", x.label, oc))
            else:
                rows.append(
                    (
                        h._player,
                        self._infoset_index[h],
                        h.label,
                        h.actions,
                        h._probs,
                        x.label,
                        oc,
                    )
                )
        return (self._players, self.is_exact, tuple(rows))

    def __eq__(self, other: object) -> bool:
        """Same players, exactness and tree.

        The tree comprises the node labels, the information sets (membership,
        labels, actions, chance probabilities) and the outcomes (labels and
        payoffs) at each node; the title and comment are not compared.
        """
        if not isinstance(other, ExtensiveGame):
            return NotImplemented
        return self._signature() == other._signature()

    __hash__ = None  # type: ignore[assignment]
