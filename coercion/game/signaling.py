r"""Signaling games: a sender with a private type sends a message, a receiver acts.

Nature draws the sender's type :math:`t \in T` from a prior :math:`p`; the
sender, who knows it, sends a message :math:`m \in M`; the receiver sees the
message (not the type) and takes an action :math:`a \in A`. Payoffs
:math:`u_S(t, m, a)` and :math:`u_R(t, m, a)`. In coercion the sender is a
target signalling its pain tolerance (a costly threat, a stockpile, a public
commitment) and the receiver the coercer deciding whether to press.

:func:`signaling_game` builds a :class:`SignalingGame`;
:func:`~coercion.perfect_bayesian_equilibria` solves it, and
:meth:`SignalingGame.to_extensive` gives the tree (for every tree solver and
for ``.efg`` files).

Examples
--------
Beer-Quiche (Cho and Kreps 1987): a strong sender prefers beer, a weak one
quiche; either gains 2 when not challenged; the receiver wants to duel only a
weak sender.

>>> import coercion as co
>>> def u(t, m, a):
...     pref = int((t == "strong") == (m == "beer"))
...     duel = a == "duel"
...     return (pref + (0 if duel else 2), (1 if t == "weak" else -1) if duel else 0)
>>> g = co.signaling_game(["strong", "weak"], {"strong": "9/10", "weak": "1/10"},
...                       ["beer", "quiche"], ["duel", "not"], u)
>>> g
<SignalingGame types ('strong', 'weak'), messages ('beer', 'quiche'), actions ('duel', 'not'), exact>
>>> g.to_extensive().infosets("Receiver")[0].label
'after beer'

References
----------
.. [1] Spence, M. (1973). Job market signaling. *Quarterly Journal of
   Economics* 87(3), 355-374.
.. [2] Cho, I.-K. and Kreps, D. M. (1987). Signaling games and stable
   equilibria. *Quarterly Journal of Economics* 102(2), 179-221.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from coercion.errors import InvalidGameError
from coercion.game.bayesian import _labels, _num

if TYPE_CHECKING:
    from coercion.game.extensive import ExtensiveGame

__all__ = ["SignalingGame", "signaling_game"]


class SignalingGame:
    """A finite sender-receiver signaling game (use :func:`signaling_game`).

    Attributes
    ----------
    players : (str, str)
        Sender and receiver labels.
    types, messages, actions : tuple of str
        The sender's types and messages, the receiver's actions.
    prior : dict
        ``{type: probability}``.
    is_exact : bool
        Whether prior and payoffs are exact rationals.
    """

    def __init__(
        self,
        types: tuple[str, ...],
        prior: dict[str, Any],
        messages: tuple[str, ...],
        actions: tuple[str, ...],
        payoffs: dict[tuple[str, str, str], tuple[Any, Any]],
        players: tuple[str, str],
        title: str,
    ) -> None:
        self.types = types
        self.prior = prior
        self.messages = messages
        self.actions = actions
        self._payoffs = payoffs
        self.players = players
        self.title = title
        self.is_exact = all(isinstance(v, Fraction) for v in prior.values()) and all(
            isinstance(x, Fraction) for pair in payoffs.values() for x in pair
        )

    def sender_payoff(self, t: str, m: str, a: str) -> Any:
        """:math:`u_S(t, m, a)`."""
        return self._payoffs[(t, m, a)][0]

    def receiver_payoff(self, t: str, m: str, a: str) -> Any:
        """:math:`u_R(t, m, a)`."""
        return self._payoffs[(t, m, a)][1]

    def to_extensive(self) -> ExtensiveGame:
        """The tree: chance draws the type, the sender's information set is its
        type, the receiver's the message (``"after <message>"``).

        Returns
        -------
        ExtensiveGame
        """
        from coercion.game.extensive import ExtensiveGame

        S, R = self.players
        g = ExtensiveGame(players=[S, R], title=self.title or "signaling game")
        kids = g.root.chance(list(self.types), [self.prior[t] for t in self.types])
        for t, node in zip(self.types, kids):
            sent = node.decide(S, list(self.messages), infoset=f"type {t}")
            for m, after in zip(self.messages, sent):
                ends = after.decide(R, list(self.actions), infoset=f"after {m}")
                for a, leaf in zip(self.actions, ends):
                    leaf.set_outcome(list(self._payoffs[(t, m, a)]))
        return g

    def __repr__(self) -> str:
        return (
            f"<SignalingGame types {self.types}, messages {self.messages}, "
            f"actions {self.actions}, {'exact' if self.is_exact else 'float'}>"
        )


def signaling_game(
    types: Sequence[str],
    prior: Mapping[str, Any],
    messages: Sequence[str],
    actions: Sequence[str],
    payoffs: Callable[[str, str, str], Sequence[Any]] | Mapping[Any, Sequence[Any]],
    *,
    players: tuple[str, str] = ("Sender", "Receiver"),
    title: str = "",
) -> SignalingGame:
    r"""Build a signaling game.

    Parameters
    ----------
    types : sequence of str
        The sender's types.
    prior : mapping
        ``{type: probability}``, exact (ints, Fractions, ``"0.3"``) summing to
        1, or floats summing to 1 within ``1e-9``.
    messages : sequence of str
        The sender's messages (at least one).
    actions : sequence of str
        The receiver's actions (the same after every message).
    payoffs : callable or mapping
        ``payoffs(type, message, action)`` or a mapping
        ``{(type, message, action): (u_S, u_R)}``.
    players : (str, str)
        Sender and receiver labels.
    title : str, optional

    Returns
    -------
    SignalingGame

    Raises
    ------
    InvalidGameError
        Missing, repeated or non-string labels; a prior over unknown types,
        negative or not summing to 1; a missing payoff, or not a pair of
        numbers.

    Examples
    --------
    >>> import coercion as co
    >>> g = co.signaling_game(["h", "l"], {"h": "1/2", "l": "1/2"}, ["m"], ["a"],
    ...                       {("h", "m", "a"): (1, 0), ("l", "m", "a"): (0, 1)})
    >>> g.sender_payoff("h", "m", "a")
    Fraction(1, 1)
    """
    T = _labels(types, "types", "types")
    M = _labels(messages, "messages", "messages")
    A = _labels(actions, "actions", "actions")
    if len(players) != 2 or len(set(players)) != 2:
        raise InvalidGameError(
            f"{players!r} is not a pair of distinct labels", field="players"
        )
    if not isinstance(prior, Mapping):
        raise InvalidGameError(
            f"{prior!r} is not a mapping type -> probability", field="prior"
        )
    unknown = set(prior) - set(T)
    if unknown:
        raise InvalidGameError(f"unknown types {sorted(unknown)!r}", field="prior")
    pr = {t: _num(prior.get(t, 0), f"prior[{t!r}]") for t in T}
    for t, v in pr.items():
        if v < 0:
            raise InvalidGameError(f"{v} is negative", field=f"prior[{t!r}]")
    total = sum(pr.values(), Fraction(0))
    exact = all(isinstance(v, Fraction) for v in pr.values())
    if (exact and total != 1) or (not exact and abs(float(total) - 1) > 1e-9):
        raise InvalidGameError(f"probabilities sum to {total}, not 1", field="prior")
    table: dict[tuple[str, str, str], tuple[Any, Any]] = {}
    for t in T:
        for m in M:
            for a in A:
                field = f"payoffs[{(t, m, a)!r}]"
                if callable(payoffs):
                    value = payoffs(t, m, a)
                elif isinstance(payoffs, Mapping):
                    if (t, m, a) not in payoffs:
                        raise InvalidGameError("missing", field=field)
                    value = payoffs[(t, m, a)]
                else:
                    raise InvalidGameError(
                        f"{payoffs!r} is neither a callable nor a mapping",
                        field="payoffs",
                    )
                if (
                    isinstance(value, str)
                    or not isinstance(value, Sequence)
                    or len(value) != 2
                ):
                    raise InvalidGameError(
                        f"{value!r} is not a pair (u_S, u_R)", field=field
                    )
                table[(t, m, a)] = (_num(value[0], field), _num(value[1], field))
    if not (exact and all(isinstance(x, Fraction) for v in table.values() for x in v)):
        pr = {t: float(v) for t, v in pr.items()}
        table = {k: (float(v[0]), float(v[1])) for k, v in table.items()}
    return SignalingGame(T, pr, M, A, table, (players[0], players[1]), title)
