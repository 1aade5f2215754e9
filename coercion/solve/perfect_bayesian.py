r"""Perfect Bayesian equilibria of two-type signaling games, exactly.

An *assessment* of a :class:`~coercion.game.signaling.SignalingGame` is a
sender strategy :math:`\sigma(m \mid t)`, a receiver strategy
:math:`\rho(a \mid m)` and beliefs :math:`\mu(t \mid m)`. It is a perfect
Bayesian equilibrium (PBE) when

1. every sender type best responds to :math:`\rho`;
2. after every message the receiver best responds to its belief
   :math:`\mu(\cdot \mid m)`;
3. beliefs follow Bayes' rule after every message sent with positive
   probability, :math:`\mu(t \mid m) = p(t)\sigma(m \mid t) / \sum_s p(s)
   \sigma(m \mid s)`; after other (off-path) messages any belief is allowed
   (Fudenberg and Tirole 1991, def. 8.1).

:func:`perfect_bayesian_equilibria` lists them for a sender with two types
:math:`t_0, t_1`; a belief is written as :math:`q = \mu(t_0 \mid m)`, the
probability of the *first* type.

Examples
--------
Beer-Quiche (Cho and Kreps 1987) has two pooling equilibria, each held up by
the belief that a deviation to the other breakfast comes from the weak type
with probability at least 1/2:

>>> import coercion as co
>>> def u(t, m, a):
...     pref = int((t == "strong") == (m == "beer"))
...     duel = a == "duel"
...     return (pref + (0 if duel else 2), (1 if t == "weak" else -1) if duel else 0)
>>> g = co.signaling_game(["strong", "weak"], {"strong": "9/10", "weak": "1/10"},
...                       ["beer", "quiche"], ["duel", "not"], u)
>>> eqs = co.perfect_bayesian_equilibria(g)
>>> print(eqs.to_text())
2 perfect Bayesian equilibria (sender with 2 types; q = belief in 'strong')
[0] pooling: strong -> beer; weak -> beer
    receiver: beer -> not; quiche -> duel
    on path: q(beer) = 9/10; off path: q(quiche) in [0, 1/2]
    payoffs: strong 3, weak 2; receiver 0
[1] pooling: strong -> quiche; weak -> quiche
    receiver: beer -> duel; quiche -> not
    on path: q(quiche) = 9/10; off path: q(beer) in [0, 1/2]
    payoffs: strong 2, weak 3; receiver 0

Notes
-----
*Enumeration.* (i) Every pure sender strategy (each type one message): the
on-path beliefs follow from Bayes' rule, the receiver plays each pure best
response after each on-path message, and each off-path message must be
*deterred*: some belief :math:`q` and some receiver response among the best
responses to :math:`q` must give every type no more than its equilibrium
payoff. (ii) Semi-separating strategies: one type :math:`X` mixes between
the other type's message :math:`m_1` and a message :math:`m_2` that only it
sends. Then :math:`\mu(X \mid m_2) = 1`; at :math:`m_1` the receiver must
mix (otherwise :math:`X`'s indifference pins nothing and a continuum
results), so the posterior at :math:`m_1` is a point :math:`q^*` where two
best responses tie (the *receiver-indifference condition*); :math:`q^*`
fixes :math:`X`'s mixing probability through Bayes' rule, and :math:`X`'s
indifference between :math:`m_1` and :math:`m_2` fixes the receiver's mix.

*Off-path belief sets.* For an off-path message the set of beliefs that
deter every type is a finite union of closed intervals: between consecutive
points where two receiver actions tie the best-response set is constant,
and a response that deters on an open piece stays a best response, and
deters, at its ends. Each piece is tested with pure responses and with
mixtures of two tied best responses (one linear inequality per type in the
mixing probability); with three or more actions tied at one belief,
mixtures of three actions are not tried. The reported receiver response and
belief after an off-path message are one supporting choice; the interval is
the set.

*Not listed.* Continua of equilibria: a receiver mixing after an on-path
message where it is indifferent for a whole interval of sender mixtures,
or both types mixing over the same messages. All arithmetic is exact
(float games are solved on the exact values of their floats).

*Certificate.* Each equilibrium is checked by :func:`is_perfect_bayesian`,
independently of the enumeration: the regret of each sender type, the
receiver's regret after each message given the stated belief, and Bayes'
rule on path.

References
----------
.. [1] Fudenberg, D. and Tirole, J. (1991). Perfect Bayesian equilibrium and
   sequential equilibrium. *Journal of Economic Theory* 53(2), 236-260; and
   *Game Theory*, MIT Press, sec. 8.2.
.. [2] Cho, I.-K. and Kreps, D. M. (1987). Signaling games and stable
   equilibria. *Quarterly Journal of Economics* 102(2), 179-221.
.. [3] Gibbons, R. (1992). *A Primer in Game Theory*, sec. 4.2-4.3
   (semi-separating equilibria of signaling games).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from coercion._numbers import format_exact
from coercion.errors import InvalidProfileError, NotSupportedError
from coercion.game.signaling import SignalingGame

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "PerfectBayesianEquilibrium",
    "PBESet",
    "perfect_bayesian_equilibria",
    "is_perfect_bayesian",
    "pbe_regrets",
]

Q = Fraction


def _f(x: Any) -> str:
    return format_exact(x) if isinstance(x, Fraction) else f"{float(x):.6g}"


class _Exact:
    """Exact views of a signaling game's payoffs (floats as their binary value)."""

    def __init__(self, g: SignalingGame) -> None:
        self.g = g
        self.t0, self.t1 = g.types
        self.p0 = Q(g.prior[self.t0])
        self.p1 = Q(g.prior[self.t1])

    def uS(self, t: str, m: str, a: str) -> Fraction:
        return Q(self.g.sender_payoff(t, m, a))

    def uR(self, t: str, m: str, a: str) -> Fraction:
        return Q(self.g.receiver_payoff(t, m, a))

    def sender_value(self, t: str, m: str, rho: Mapping[str, Any]) -> Fraction:
        return sum((Q(r) * self.uS(t, m, a) for a, r in rho.items()), Q(0))

    def receiver_value(self, q: Fraction, m: str, a: str) -> Fraction:
        return q * self.uR(self.t0, m, a) + (1 - q) * self.uR(self.t1, m, a)

    def best_responses(self, q: Fraction, m: str) -> list[str]:
        vals = {a: self.receiver_value(q, m, a) for a in self.g.actions}
        best = max(vals.values())
        return [a for a in self.g.actions if vals[a] == best]

    def breakpoints(self, m: str) -> list[Fraction]:
        """Beliefs in [0, 1] where two receiver actions tie after ``m``."""
        pts = {Q(0), Q(1)}
        for a, b in itertools.combinations(self.g.actions, 2):
            d0 = self.uR(self.t0, m, a) - self.uR(self.t0, m, b)
            d1 = self.uR(self.t1, m, a) - self.uR(self.t1, m, b)
            if d0 != d1:
                q = d1 / (d1 - d0)
                if 0 <= q <= 1:
                    pts.add(q)
        return sorted(pts)

    def deterring_response(
        self, q: Fraction, m: str, bound: Mapping[str, Fraction]
    ) -> dict[str, Fraction] | None:
        """A best response to ``q`` after ``m`` giving each type at most its bound."""
        br = self.best_responses(q, m)
        for a in br:
            if all(self.uS(t, m, a) <= bound[t] for t in self.g.types):
                return {x: Q(int(x == a)) for x in self.g.actions}
        for a, b in itertools.combinations(br, 2):
            lo, hi = Q(0), Q(1)
            for t in self.g.types:
                # r uS(a) + (1 - r) uS(b) <= bound  <=>  r (uS(a) - uS(b)) <= bound - uS(b)
                k = self.uS(t, m, a) - self.uS(t, m, b)
                c = bound[t] - self.uS(t, m, b)
                if k > 0:
                    hi = min(hi, c / k)
                elif k < 0:
                    lo = max(lo, c / k)
                elif c < 0:
                    lo, hi = Q(1), Q(0)
            if lo <= hi:
                rho = {x: Q(0) for x in self.g.actions}
                rho[a], rho[b] = lo, 1 - lo
                return rho
        return None

    def deterring_beliefs(
        self, m: str, bound: Mapping[str, Fraction]
    ) -> list[tuple[Fraction, Fraction]]:
        """Closed intervals of beliefs ``q`` after which ``m`` is deterred."""
        pts = self.breakpoints(m)
        pieces: list[tuple[Fraction, Fraction, bool]] = []
        for k, x in enumerate(pts):
            pieces.append((x, x, self.deterring_response(x, m, bound) is not None))
            if k + 1 < len(pts):
                mid = (x + pts[k + 1]) / 2
                ok = self.deterring_response(mid, m, bound) is not None
                pieces.append((x, pts[k + 1], ok))
        out: list[tuple[Fraction, Fraction]] = []
        for lo, hi, ok in pieces:
            if not ok:
                continue
            if out and out[-1][1] == lo:
                out[-1] = (out[-1][0], hi)
            else:
                out.append((lo, hi))
        return out


@dataclass(frozen=True)
class PerfectBayesianEquilibrium:
    """A perfect Bayesian equilibrium of a signaling game, with its certificate.

    Attributes
    ----------
    game : SignalingGame
    kind : str
        ``"separating"`` (each type its own message), ``"pooling"`` (both the
        same) or ``"semi-separating"`` (one type mixes).
    sender : dict
        ``{type: {message: probability}}``.
    receiver : dict
        ``{message: {action: probability}}``; after an off-path message, one
        supporting response.
    beliefs : dict
        ``{message: {type: probability}}``: Bayes' rule on path, one
        supporting belief off path.
    off_path : dict
        ``{message: tuple of (lo, hi)}``: every belief :math:`q` in the first
        type that supports the equilibrium after that off-path message.
    sender_payoffs : dict
        Each type's expected payoff.
    receiver_payoff : number
        The receiver's ex-ante expected payoff.
    sender_regrets, receiver_regrets : dict
        The certificate of :func:`pbe_regrets`.
    bayes_consistent : bool
        Whether on-path beliefs follow Bayes' rule.
    """

    game: SignalingGame
    kind: str
    sender: dict[str, dict[str, Fraction]]
    receiver: dict[str, dict[str, Fraction]]
    beliefs: dict[str, dict[str, Fraction]]
    off_path: dict[str, tuple[tuple[Fraction, Fraction], ...]]
    sender_payoffs: dict[str, Fraction]
    receiver_payoff: Fraction
    sender_regrets: dict[str, Fraction]
    receiver_regrets: dict[str, Fraction]
    bayes_consistent: bool

    @property
    def is_certified(self) -> bool:
        """True when every regret is 0 and beliefs are consistent."""
        return (
            self.bayes_consistent
            and all(r == 0 for r in self.sender_regrets.values())
            and all(r == 0 for r in self.receiver_regrets.values())
        )

    @property
    def on_path(self) -> tuple[str, ...]:
        """Messages sent with positive probability."""
        return tuple(
            m
            for m in self.game.messages
            if any(self.sender[t][m] > 0 for t in self.game.types)
        )

    def describe(self) -> list[str]:
        """Readable lines: strategies, beliefs, payoffs."""
        g = self.game

        def mix(d: Mapping[str, Fraction]) -> str:
            sup = [(k, v) for k, v in d.items() if v != 0]
            if len(sup) == 1:
                return sup[0][0]
            return ", ".join(f"{k}: {_f(v)}" for k, v in sup)

        lines = [
            f"{self.kind}: "
            + "; ".join(f"{t} -> {mix(self.sender[t])}" for t in g.types),
            "receiver: "
            + "; ".join(f"{m} -> {mix(self.receiver[m])}" for m in g.messages),
        ]
        on = ", ".join(
            f"q({m}) = {_f(self.beliefs[m][g.types[0]])}" for m in self.on_path
        )
        off = ", ".join(
            f"q({m}) in " + " or ".join(f"[{_f(lo)}, {_f(hi)}]" for lo, hi in iv)
            for m, iv in self.off_path.items()
        )
        lines.append(f"on path: {on}" + (f"; off path: {off}" if off else ""))
        pays = ", ".join(f"{t} {_f(v)}" for t, v in self.sender_payoffs.items())
        lines.append(f"payoffs: {pays}; receiver {_f(self.receiver_payoff)}")
        return lines

    def __repr__(self) -> str:
        return f"<PerfectBayesianEquilibrium {' | '.join(self.describe())}>"


class PBESet(Sequence[PerfectBayesianEquilibrium]):
    """The perfect Bayesian equilibria of one signaling game."""

    def __init__(
        self, game: SignalingGame, items: list[PerfectBayesianEquilibrium]
    ) -> None:
        self.game = game
        self._items = items

    def __getitem__(self, i: Any) -> Any:
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[PerfectBayesianEquilibrium]:
        return iter(self._items)

    def of_kind(self, kind: str) -> list[PerfectBayesianEquilibrium]:
        """The equilibria of one kind (``"separating"``, ``"pooling"``, ...)."""
        return [e for e in self._items if e.kind == kind]

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: one row per (equilibrium, message).

        Columns: ``equilibrium``, ``kind``, ``message``, ``on_path``, one
        ``sent_by_<type>`` column per type (its probability of sending the
        message), ``belief`` (:math:`q`, the first type's probability),
        ``belief_set`` (off path: the supporting intervals), and one
        ``response_<action>`` column per receiver action.
        """
        import pandas as pd

        g = self.game
        rows = []
        for k, e in enumerate(self._items):
            for m in g.messages:
                row: dict[str, Any] = {
                    "equilibrium": k,
                    "kind": e.kind,
                    "message": m,
                    "on_path": m in e.on_path,
                }
                for t in g.types:
                    row[f"sent_by_{t}"] = e.sender[t][m]
                row["belief"] = e.beliefs[m][g.types[0]]
                row["belief_set"] = e.off_path.get(m)
                for a in g.actions:
                    row[f"response_{a}"] = e.receiver[m][a]
                rows.append(row)
        return pd.DataFrame(rows)

    def to_text(self) -> str:
        """One block per equilibrium."""
        lines = [
            f"{len(self)} perfect Bayesian equilibria (sender with 2 types; "
            f"q = belief in {self.game.types[0]!r})"
        ]
        for k, e in enumerate(self._items):
            d = e.describe()
            lines.append(f"[{k}] {d[0]}")
            lines.extend("    " + x for x in d[1:])
        return "\n".join(lines)

    def __repr__(self) -> str:
        kinds = ", ".join(e.kind for e in self._items)
        return f"<PBESet {len(self)} equilibria: {kinds}>"


def pbe_regrets(
    game: SignalingGame,
    sender: Mapping[str, Mapping[str, Any]],
    receiver: Mapping[str, Mapping[str, Any]],
    beliefs: Mapping[str, Mapping[str, Any]],
) -> tuple[dict[str, Fraction], dict[str, Fraction], bool]:
    r"""Regrets of an assessment: per sender type, per message, and Bayes consistency.

    Parameters
    ----------
    game : SignalingGame
    sender : mapping
        ``{type: {message: probability}}`` (all types and messages).
    receiver : mapping
        ``{message: {action: probability}}`` (all messages).
    beliefs : mapping
        ``{message: {type: probability}}`` (all messages).

    Returns
    -------
    (dict, dict, bool)
        Each type's gain from its best message over its strategy; the
        receiver's gain after each message from its best action over its
        response, under the stated belief; whether on-path beliefs are
        Bayes' rule. Exact.

    Raises
    ------
    InvalidProfileError
        A missing type, message or action, or probabilities that do not sum
        to 1.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.solve.perfect_bayesian import pbe_regrets
    >>> g = co.signaling_game(["h", "l"], {"h": "1/2", "l": "1/2"}, ["m", "n"], ["a", "b"],
    ...                       lambda t, m, a: (int(a == "a"), int((a == "a") == (t == "h"))))
    >>> pbe_regrets(g, {"h": {"m": 1, "n": 0}, "l": {"m": 0, "n": 1}},
    ...             {"m": {"a": 1, "b": 0}, "n": {"a": 0, "b": 1}},
    ...             {"m": {"h": 1, "l": 0}, "n": {"h": 0, "l": 1}})
    ({'h': Fraction(0, 1), 'l': Fraction(1, 1)}, {'m': Fraction(0, 1), 'n': Fraction(0, 1)}, True)
    """
    ex = _Exact(game)

    def dist(d: Any, keys: Sequence[str], field: str) -> dict[str, Fraction]:
        if not isinstance(d, Mapping) or set(d) - set(keys):
            raise InvalidProfileError(
                f"{d!r} is not a distribution over {keys!r}", field=field
            )
        out = {k: Q(d.get(k, 0)) for k in keys}
        if any(v < 0 for v in out.values()) or sum(out.values()) != 1:
            raise InvalidProfileError(
                f"{d!r} is not a probability distribution", field=field
            )
        return out

    sig = {t: dist(sender.get(t), game.messages, f"sender[{t!r}]") for t in game.types}
    rho = {
        m: dist(receiver.get(m), game.actions, f"receiver[{m!r}]")
        for m in game.messages
    }
    mu = {m: dist(beliefs.get(m), game.types, f"beliefs[{m!r}]") for m in game.messages}
    s_reg = {}
    for t in game.types:
        vals = {m: ex.sender_value(t, m, rho[m]) for m in game.messages}
        cur = sum((sig[t][m] * vals[m] for m in game.messages), Q(0))
        s_reg[t] = max(vals.values()) - cur
    r_reg = {}
    consistent = True
    for m in game.messages:
        vals = {
            a: sum((mu[m][t] * ex.uR(t, m, a) for t in game.types), Q(0))
            for a in game.actions
        }
        cur = sum((rho[m][a] * vals[a] for a in game.actions), Q(0))
        r_reg[m] = max(vals.values()) - cur
        mass = sum((Q(game.prior[t]) * sig[t][m] for t in game.types), Q(0))
        if mass > 0:
            for t in game.types:
                if mu[m][t] != Q(game.prior[t]) * sig[t][m] / mass:
                    consistent = False
    return s_reg, r_reg, consistent


def is_perfect_bayesian(
    game: SignalingGame,
    sender: Mapping[str, Mapping[str, Any]],
    receiver: Mapping[str, Mapping[str, Any]],
    beliefs: Mapping[str, Mapping[str, Any]],
) -> bool:
    """Is the assessment a perfect Bayesian equilibrium (all regrets 0, Bayes on path)?

    Raises
    ------
    InvalidProfileError
        As :func:`pbe_regrets`.

    Examples
    --------
    >>> import coercion as co
    >>> g = co.signaling_game(["h", "l"], {"h": "1/2", "l": "1/2"}, ["m"], ["a", "b"],
    ...                       lambda t, m, a: (0, int((a == "a") == (t == "h"))))
    >>> co.is_perfect_bayesian(g, {"h": {"m": 1}, "l": {"m": 1}}, {"m": {"a": 1}},
    ...                        {"m": {"h": "1/2", "l": "1/2"}})
    True
    """
    s, r, ok = pbe_regrets(game, sender, receiver, beliefs)
    return ok and all(v == 0 for v in s.values()) and all(v == 0 for v in r.values())


def _assemble(
    ex: _Exact,
    kind: str,
    sender: dict[str, dict[str, Fraction]],
    on_path_rho: dict[str, dict[str, Fraction]],
) -> PerfectBayesianEquilibrium | None:
    """Complete an on-path candidate with off-path support, or None if none."""
    g = ex.g
    on = [m for m in g.messages if any(sender[t][m] > 0 for t in g.types)]
    bound = {
        t: sum((sender[t][m] * ex.sender_value(t, m, on_path_rho[m]) for m in on), Q(0))
        for t in g.types
    }
    # on-path deviations
    for t in g.types:
        for m in on:
            if ex.sender_value(t, m, on_path_rho[m]) > bound[t]:
                return None
    receiver = dict(on_path_rho)
    beliefs = {}
    for m in on:
        mass = ex.p0 * sender[ex.t0][m] + ex.p1 * sender[ex.t1][m]
        q = ex.p0 * sender[ex.t0][m] / mass
        beliefs[m] = {ex.t0: q, ex.t1: 1 - q}
    off: dict[str, tuple[tuple[Fraction, Fraction], ...]] = {}
    for m in g.messages:
        if m in on:
            continue
        intervals = ex.deterring_beliefs(m, bound)
        if not intervals:
            return None
        q = intervals[0][0]
        rho = ex.deterring_response(q, m, bound)
        assert rho is not None
        receiver[m] = rho
        beliefs[m] = {ex.t0: q, ex.t1: 1 - q}
        off[m] = tuple(intervals)
    receiver = {m: receiver[m] for m in g.messages}
    beliefs = {m: beliefs[m] for m in g.messages}
    s_reg, r_reg, consistent = pbe_regrets(g, sender, receiver, beliefs)
    r_pay = sum(
        (
            p * sender[t][m] * receiver[m][a] * ex.uR(t, m, a)
            for t, p in ((ex.t0, ex.p0), (ex.t1, ex.p1))
            for m in g.messages
            for a in g.actions
        ),
        Q(0),
    )
    return PerfectBayesianEquilibrium(
        game=g,
        kind=kind,
        sender=sender,
        receiver=receiver,
        beliefs=beliefs,
        off_path=off,
        sender_payoffs=bound,
        receiver_payoff=r_pay,
        sender_regrets=s_reg,
        receiver_regrets=r_reg,
        bayes_consistent=consistent,
    )


def perfect_bayesian_equilibria(game: SignalingGame) -> PBESet:
    r"""Perfect Bayesian equilibria of a signaling game whose sender has two types.

    Parameters
    ----------
    game : SignalingGame
        From :func:`~coercion.signaling_game`, with exactly two types of
        positive probability.

    Returns
    -------
    PBESet
        Pure (separating and pooling) equilibria, one per choice of the
        receiver's pure best responses on path, then semi-separating ones;
        each with the intervals of off-path beliefs that support it and an
        exact certificate.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a :class:`SignalingGame`, or the sender does not
        have exactly two types, each of positive probability.

    Examples
    --------
    A target is resolved with probability 1/3; threatening costs the
    irresolute type 1, being left alone is worth 2. The coercer presses
    unless the target is resolved with probability at least 1/2. The weak
    type bluffs half the time and the coercer backs off half the time after a
    threat:

    >>> import coercion as co
    >>> def u(t, m, a):
    ...     bluff = 1 if (t == "weak" and m == "threaten") else 0
    ...     s = (2 if a == "back off" else 0) - bluff
    ...     r = 0 if a == "back off" else (1 if t == "weak" else -1)
    ...     return (s, r)
    >>> g = co.signaling_game(["resolved", "weak"], {"resolved": "1/3", "weak": "2/3"},
    ...                       ["threaten", "quiet"], ["back off", "press"], u)
    >>> semi = co.perfect_bayesian_equilibria(g).of_kind("semi-separating")
    >>> print("\n".join(semi[0].describe()))
    semi-separating: resolved -> threaten; weak -> threaten: 1/2, quiet: 1/2
    receiver: threaten -> back off: 1/2, press: 1/2; quiet -> press
    on path: q(threaten) = 1/2, q(quiet) = 0
    payoffs: resolved 1, weak 0; receiver 1/3

    Notes
    -----
    See the module notes for the enumeration and what is not listed.
    """
    if not isinstance(game, SignalingGame):
        raise NotSupportedError(
            f"{type(game).__name__} is not a SignalingGame", field="game"
        )
    if len(game.types) != 2 or any(Q(game.prior[t]) == 0 for t in game.types):
        raise NotSupportedError(
            f"the sender has types {game.types!r} with prior {game.prior!r}; "
            "perfect_bayesian_equilibria handles exactly two types of positive "
            "probability",
            field="game.types",
        )
    ex = _Exact(game)
    M, A, T = game.messages, game.actions, game.types
    out: list[PerfectBayesianEquilibrium] = []

    def pure(x: str, keys: Sequence[str]) -> dict[str, Fraction]:
        return {k: Q(int(k == x)) for k in keys}

    # (i) pure sender strategies
    for m0, m1 in itertools.product(M, repeat=2):
        sender = {T[0]: pure(m0, M), T[1]: pure(m1, M)}
        on = sorted({m0, m1}, key=M.index)
        choices = []
        for m in on:
            q = Q(1) if m0 != m1 and m == m0 else Q(0) if m0 != m1 else ex.p0
            choices.append(ex.best_responses(q, m))
        for picks in itertools.product(*choices):
            rho = {m: pure(a, A) for m, a in zip(on, picks)}
            kind = "pooling" if m0 == m1 else "separating"
            e = _assemble(ex, kind, sender, rho)
            if e is not None:
                out.append(e)
    # (ii) semi-separating: X mixes over {m1, m2}, Y sends m1
    for x in (0, 1):
        X, Y = T[x], T[1 - x]
        pX = ex.p0 if x == 0 else ex.p1
        pY = ex.p1 if x == 0 else ex.p0
        for m1, m2 in itertools.permutations(M, 2):
            q2 = Q(1) if x == 0 else Q(0)
            for a2 in ex.best_responses(q2, m2):
                rho2 = pure(a2, A)
                target = ex.uS(X, m2, a2)
                for qs in ex.breakpoints(m1):
                    # posterior of X at m1 is pX s / (pX s + pY), s in (0, 1)
                    qX = qs if x == 0 else 1 - qs
                    if not (0 < qX < pX / (pX + pY)):
                        continue
                    s = qX * pY / (pX * (1 - qX))
                    br = ex.best_responses(qs, m1)
                    for a, b in itertools.combinations(br, 2):
                        ua, ub = ex.uS(X, m1, a), ex.uS(X, m1, b)
                        if ua == ub:
                            continue
                        r = (target - ub) / (ua - ub)
                        if not 0 < r < 1:
                            continue
                        rho1 = {k: Q(0) for k in A}
                        rho1[a], rho1[b] = r, 1 - r
                        sender = {
                            X: {
                                k: s if k == m1 else 1 - s if k == m2 else Q(0)
                                for k in M
                            },
                            Y: pure(m1, M),
                        }
                        sender = {t: sender[t] for t in T}
                        e = _assemble(
                            ex, "semi-separating", sender, {m1: rho1, m2: rho2}
                        )
                        if e is not None:
                            out.append(e)
    return PBESet(game, out)
