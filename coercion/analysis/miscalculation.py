r"""Miscalculation: each side plans by its own prior, and the plans meet.

Harsanyi's Bayesian game assumes a *common prior*: the players may hold private
information, but they agree on the distribution it comes from. Crises are
often marked by the opposite: each side has its own view of how much pain the
other will bear. :func:`miscalculation` makes that explicit for a
:class:`~coercion.BayesianGame`:

1. each player :math:`i` holds its own prior :math:`p_i` over type profiles
   and plans as in a Bayesian equilibrium of the game it believes it plays
   (the same game with prior :math:`p_i`), keeping only its own
   type-contingent strategy;
2. those plans are played against each other, with types drawn from the true
   prior :math:`p` (the game's own prior);
3. the result is compared with the *benchmark*, the plans the same rule gives
   when every side holds the true prior: the probability of a standoff (every
   side escalates), who backs down, and each side's expected loss.

Examples
--------
In a game of chicken (prevailing is worth 2, backing down to a firm opponent
costs 1), a target ``B`` is tough (a standoff costs it 1/2, less than backing
down, so it never backs down) with probability 1/2, else soft (a standoff
costs it 4). The sender ``A`` (standoff cost 5) knows this; under the
common prior the sender backs down. If the sender believes the target tough
with probability only 1/10, it expects the soft target to yield and stands
firm, and both escalate:

>>> import coercion as co
>>> from fractions import Fraction
>>> def chicken(types, acts):
...     cost = {"-": 5, "tough": Fraction(1, 2), "soft": 4}
...     def u(own, other, c):
...         if own == "firm":
...             return 2 if other == "yield" else -c
...         return -1 if other == "firm" else 0
...     return (u(acts[0], acts[1], cost[types[0]]), u(acts[1], acts[0], cost[types[1]]))
>>> g = co.BayesianGame(["A", "B"], [["-"], ["tough", "soft"]],
...                     [["firm", "yield"]] * 2,
...                     [{"-": 1}, {"tough": "1/2", "soft": "1/2"}], chicken)
>>> res = co.miscalculation(g, [[{"-": 1}, {"tough": "1/10", "soft": "9/10"}], None],
...                         escalate="firm")
>>> res.standoff_probability, res.benchmark_standoff_probability
(Fraction(1, 1), Fraction(0, 1))
>>> print(res.to_text())
scenario      player  plan                   escalates  backs down  prevails  standoff  payoff  expected  loss
own beliefs   A       firm                   1          0           0         1         -5      13/10     4
own beliefs   B       firm|tough, firm|soft  1          0           0         1         -9/4    2         17/4
common prior  A       yield                  0          1           0         0         -1      -1        0
common prior  B       firm|tough, firm|soft  1          0           1         0         2       2         0

Notes
-----
*Plans.* Player :math:`i` solves the Bayesian game with prior :math:`p_i`
(:func:`~coercion.bayesian_nash`, every extreme equilibrium of the plans form)
and picks one equilibrium by ``select``: by default (``"own-best"``) the one
with the highest ex-ante payoff *for itself under its own beliefs* (ties: the
first found), a planner that expects the crisis to go its way. Only its own
strategy :math:`\sigma^{(i)}_i` is kept; the others' strategies in that
equilibrium are what it *expects* them to do.

*Outcome.* With the true prior :math:`p` the realised distribution of action
profiles is

.. math:: P(a) = \sum_t p(t) \prod_i \sigma^{(i)}_i(a_i \mid t_i),

and each player's payoff is the expectation of :math:`u_i(t, a)` under it.
A *standoff* is a profile in which every player plays an ``escalate``
action; player :math:`i` *backs down* when it does not escalate while some
other player does, and *prevails* when it escalates and no one else does.

*Cost.* The benchmark applies the same rule with :math:`p_i = p` for all
:math:`i` (the common-prior equilibrium when the rule picks the same
equilibrium for all; ``benchmark_is_equilibrium`` says whether it did). The
loss of player :math:`i` is its benchmark payoff minus its realised payoff;
its *surprise* is its believed payoff (its equilibrium payoff in the game it
believed) minus its realised payoff.

Without a common prior the players' equilibria need not be consistent with
each other; this is the "mutual optimism" account of war of Blainey and
Fearon [1]_ [2]_, and the non-common-prior games of Aumann [3]_ and
Smith and Stam [4]_. Exact for exact games.

References
----------
.. [1] Blainey, G. (1973). *The Causes of War*. Free Press.
.. [2] Fearon, J. D. (1995). Rationalist explanations for war. *International
   Organization* 49(3), 379-414.
.. [3] Aumann, R. J. (1976). Agreeing to disagree. *Annals of Statistics* 4(6),
   1236-1239.
.. [4] Smith, A. and Stam, A. C. (2004). Bargaining and the nature of war.
   *Journal of Conflict Resolution* 48(6), 783-813.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from coercion._numbers import format_exact
from coercion.errors import (
    DegenerateGameWarning,
    InvalidParameterError,
    NotSupportedError,
)
from coercion.game.bayesian import (
    BayesianEquilibrium,
    BayesianGame,
    TypeStrategy,
    bayesian_nash,
    plan_label,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["miscalculation", "MiscalculationReport", "outcome_distribution"]


def _fmt(v: Any) -> str:
    if isinstance(v, Fraction | int) and not isinstance(v, bool):
        return format_exact(v)
    return f"{float(v):.4g}"


def outcome_distribution(
    game: BayesianGame, strategy: Any
) -> dict[tuple[str, ...], Any]:
    r"""Probability of each action profile when ``strategy`` meets the game's prior.

    Parameters
    ----------
    game : BayesianGame
    strategy : type-contingent profile
        As :meth:`~coercion.BayesianGame.normalize_strategy` accepts.

    Returns
    -------
    dict
        ``{action profile: probability}`` over every action profile.

    Raises
    ------
    InvalidProfileError
        If ``strategy`` does not fit the game.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.analysis.miscalculation import outcome_distribution
    >>> g = co.BayesianGame(["A"], [["h", "l"]], [["x", "y"]],
    ...                     {"h": "1/4", "l": "3/4"}, lambda t, a: [0])
    >>> outcome_distribution(g, [{"h": "x", "l": "y"}])
    {('x',): Fraction(1, 4), ('y',): Fraction(3, 4)}
    """
    sig = game.normalize_strategy(strategy)
    zero: Any = Fraction(0) if game.is_exact else 0.0
    out = {a: zero for a in itertools.product(*game.actions)}
    for t, w in game.prior.items():
        if w == 0:
            continue
        for a in out:
            q = w
            for i, ai in enumerate(a):
                q = q * sig[i][t[i]][ai]
            out[a] = out[a] + q
    return out


def _plan_text(game: BayesianGame, i: int, row: dict[str, dict[str, Any]]) -> str:
    acts = []
    for t in game.types[i]:
        support = [(a, v) for a, v in row[t].items() if v != 0]
        if len(support) == 1:
            acts.append(support[0][0])
        else:
            acts.append("(" + ", ".join(f"{a}: {_fmt(v)}" for a, v in support) + ")")
    return plan_label(acts, game.types[i])


@dataclass(frozen=True)
class MiscalculationReport:
    """Plans under each side's own beliefs, their outcome, and its cost.

    Attributes
    ----------
    game : BayesianGame
        The game with the true prior.
    beliefs : tuple of BayesianGame
        Per player, the game it believes it plays (its own prior).
    plans, benchmark_plans : tuple of dict
        Per player ``{type: {action: probability}}``: what it does under its
        beliefs, and under the common (true) prior.
    chosen, benchmark_chosen : tuple of BayesianEquilibrium
        Per player, the equilibrium of its believed game (of the true game)
        it planned by.
    outcome, benchmark_outcome : dict
        ``{action profile: probability}`` under the true prior.
    payoffs, benchmark_payoffs : tuple
        Ex-ante expected payoffs under the true prior.
    believed_payoffs : tuple
        Each player's payoff in the equilibrium it planned by (what it
        expected to get).
    losses : tuple
        ``benchmark_payoffs - payoffs`` per player.
    standoff_probability, benchmark_standoff_probability : number or None
        Probability that every player escalates (None without ``escalate``).
    escalates, backs_down, prevails : tuple or None
        Per player: probability it escalates; it does not while another
        does; it does while no one else does (and the same with
        ``benchmark_`` in front).
    benchmark_is_equilibrium : bool
        Whether the benchmark plans form a Bayesian equilibrium of the true
        game.
    """

    game: BayesianGame
    beliefs: tuple[BayesianGame, ...]
    plans: TypeStrategy
    benchmark_plans: TypeStrategy
    chosen: tuple[BayesianEquilibrium, ...]
    benchmark_chosen: tuple[BayesianEquilibrium, ...]
    outcome: dict[tuple[str, ...], Any]
    benchmark_outcome: dict[tuple[str, ...], Any]
    payoffs: tuple[Any, ...]
    benchmark_payoffs: tuple[Any, ...]
    believed_payoffs: tuple[Any, ...]
    benchmark_believed_payoffs: tuple[Any, ...]
    losses: tuple[Any, ...]
    standoff_probability: Any
    benchmark_standoff_probability: Any
    escalates: tuple[Any, ...] | None
    backs_down: tuple[Any, ...] | None
    prevails: tuple[Any, ...] | None
    benchmark_escalates: tuple[Any, ...] | None
    benchmark_backs_down: tuple[Any, ...] | None
    benchmark_prevails: tuple[Any, ...] | None
    benchmark_is_equilibrium: bool

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: one row per (scenario, player).

        Columns: ``scenario`` (``"own beliefs"`` or ``"common prior"``),
        ``player``, ``plan``, ``escalates``, ``backs_down``, ``prevails``,
        ``standoff``, ``payoff`` (realised), ``expected`` (believed), ``loss``.
        """
        import pandas as pd

        return pd.DataFrame(self._rows())

    def _rows(self) -> list[dict[str, Any]]:
        g = self.game
        rows = []
        zero: Any = Fraction(0) if g.is_exact else 0.0
        for scenario, plans, esc, back, win, stand, pay, bel, loss in (
            (
                "own beliefs",
                self.plans,
                self.escalates,
                self.backs_down,
                self.prevails,
                self.standoff_probability,
                self.payoffs,
                self.believed_payoffs,
                self.losses,
            ),
            (
                "common prior",
                self.benchmark_plans,
                self.benchmark_escalates,
                self.benchmark_backs_down,
                self.benchmark_prevails,
                self.benchmark_standoff_probability,
                self.benchmark_payoffs,
                self.benchmark_believed_payoffs,
                (zero,) * g.n_players,
            ),
        ):
            for i, name in enumerate(g.players):
                rows.append(
                    {
                        "scenario": scenario,
                        "player": name,
                        "plan": _plan_text(g, i, plans[i]),
                        "escalates": None if esc is None else esc[i],
                        "backs_down": None if back is None else back[i],
                        "prevails": None if win is None else win[i],
                        "standoff": stand,
                        "payoff": pay[i],
                        "expected": bel[i],
                        "loss": loss[i],
                    }
                )
        return rows

    def to_text(self) -> str:
        """The table of :meth:`to_frame` as aligned text (exact numbers as ``a/b``)."""
        head = [
            "scenario",
            "player",
            "plan",
            "escalates",
            "backs down",
            "prevails",
            "standoff",
            "payoff",
            "expected",
            "loss",
        ]
        keys = [
            "scenario",
            "player",
            "plan",
            "escalates",
            "backs_down",
            "prevails",
            "standoff",
            "payoff",
            "expected",
            "loss",
        ]
        body = [
            [
                "-" if r[k] is None else (r[k] if isinstance(r[k], str) else _fmt(r[k]))
                for k in keys
            ]
            for r in self._rows()
        ]
        widths = [max(len(x) for x in col) for col in zip(head, *body)]
        lines = [
            "  ".join(x.ljust(w) for x, w in zip(row, widths)).rstrip()
            for row in [head, *body]
        ]
        return "\n".join(lines)


def _select(
    eqs: Sequence[BayesianEquilibrium],
    player: int | None,
    select: str | Callable[..., BayesianEquilibrium],
) -> BayesianEquilibrium:
    if callable(select):
        return select(list(eqs), player)
    if select == "first" or player is None:
        return eqs[0]
    best = max(e.payoffs[player] for e in eqs)
    return next(e for e in eqs if e.payoffs[player] == best)


def _stats(
    game: BayesianGame, outcome: dict[tuple[str, ...], Any], escalate: list[set[str]]
) -> tuple[Any, tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]:
    n = game.n_players
    zero: Any = Fraction(0) if game.is_exact else 0.0
    stand = zero
    esc = [zero] * n
    back = [zero] * n
    win = [zero] * n
    for a, q in outcome.items():
        up = [a[i] in escalate[i] for i in range(n)]
        if all(up):
            stand += q
        for i in range(n):
            others = any(up[j] for j in range(n) if j != i)
            if up[i]:
                esc[i] += q
                if not others:
                    win[i] += q
            elif others:
                back[i] += q
    return stand, tuple(esc), tuple(back), tuple(win)


def miscalculation(
    game: BayesianGame,
    beliefs: Sequence[Any],
    *,
    escalate: str | Sequence[Any] | None = None,
    select: str | Callable[..., BayesianEquilibrium] = "own-best",
    method: str = "auto",
) -> MiscalculationReport:
    r"""What each side does under its own prior, what results, and what it costs.

    Parameters
    ----------
    game : BayesianGame
        The game; its prior is the *true* (common-prior benchmark) one.
    beliefs : sequence
        One entry per player: its own prior over type profiles, in any form
        :class:`~coercion.BayesianGame` accepts (a joint mapping, or one
        mapping per player), or ``None`` for the true prior. Only the
        conditional beliefs about the others' types given its own matter.
    escalate : str or sequence, optional
        The action(s) that count as escalating: one label (or set of labels)
        for every player, or one label or set per player. Without it the
        standoff statistics are None.
    select : {"own-best", "first"} or callable
        Which equilibrium of its believed game a player plans by:
        ``"own-best"`` the best for itself under its beliefs, ``"first"`` the
        first found; or ``select(equilibria, player)`` returning one (called
        with ``player=None`` for the benchmark, which otherwise uses each
        player's own choice).
    method : str
        Strategic-form method for :func:`~coercion.bayesian_nash`.

    Returns
    -------
    MiscalculationReport
        With :meth:`~MiscalculationReport.to_frame` and
        :meth:`~MiscalculationReport.to_text` tables.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a :class:`~coercion.BayesianGame`.
    InvalidParameterError
        Beliefs not one per player; an ``escalate`` label that is not an
        action; an unknown ``select``.
    InvalidGameError
        A belief that is not a valid prior of the game.

    Examples
    --------
    See the module examples; with correct beliefs nothing is lost:

    >>> import coercion as co
    >>> g = co.BayesianGame(["A", "B"], [["-"], ["h", "l"]], [["x", "y"]] * 2,
    ...                     [{"-": 1}, {"h": "1/2", "l": "1/2"}],
    ...                     lambda t, a: [int(a[0] == a[1]), int(a[1] == "x")])
    >>> co.miscalculation(g, [None, None]).losses
    (Fraction(0, 1), Fraction(0, 1))
    """
    if not isinstance(game, BayesianGame):
        raise NotSupportedError(
            f"{type(game).__name__} is not a BayesianGame", field="game"
        )
    n = game.n_players
    if (
        isinstance(beliefs, str)
        or not isinstance(beliefs, Sequence)
        or len(beliefs) != n
    ):
        raise InvalidParameterError(
            f"{beliefs!r} does not give one prior for each of {n} players",
            field="beliefs",
        )
    if not (callable(select) or select in ("own-best", "first")):
        raise InvalidParameterError(
            f"{select!r} is not 'own-best', 'first' or a callable", field="select"
        )
    esc_sets: list[set[str]] | None = None
    if escalate is not None:
        if isinstance(escalate, str):
            per: list[Any] = [escalate] * n
        elif isinstance(escalate, Sequence) and len(escalate) == n:
            per = list(escalate)
        else:
            per = [set(escalate)] * n
        esc_sets = []
        for i, e in enumerate(per):
            labels = {e} if isinstance(e, str) else set(e)
            bad = labels - set(game.actions[i])
            if bad:
                raise InvalidParameterError(
                    f"{sorted(bad)!r} not among the actions {game.actions[i]!r} "
                    f"of {game.players[i]!r}",
                    field=f"escalate[{i}]"
                    if not isinstance(escalate, str)
                    else "escalate",
                )
            esc_sets.append(labels)

    believed = []
    for b in beliefs:
        if b is None:
            believed.append(game)
        else:
            believed.append(game.with_prior(b))
    solved: dict[int, Any] = {}

    def equilibria(g: BayesianGame) -> Any:
        if id(g) not in solved:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DegenerateGameWarning)
                solved[id(g)] = bayesian_nash(g, method)
        return solved[id(g)]

    chosen = tuple(_select(equilibria(believed[i]), i, select) for i in range(n))
    true_eqs = equilibria(game)
    if callable(select):
        common = _select(true_eqs, None, select)
        bench_chosen = (common,) * n
    else:
        bench_chosen = tuple(_select(true_eqs, i, select) for i in range(n))
    plans = tuple(chosen[i].strategy[i] for i in range(n))
    bench = tuple(bench_chosen[i].strategy[i] for i in range(n))
    outcome = outcome_distribution(game, plans)
    bench_outcome = outcome_distribution(game, bench)
    payoffs = game.expected_payoffs(plans)
    bench_payoffs = game.expected_payoffs(bench)
    from coercion.game.bayesian import is_bayesian_nash

    if esc_sets is not None:
        stand, esc, back, win = _stats(game, outcome, esc_sets)
        bstand, besc, bback, bwin = _stats(game, bench_outcome, esc_sets)
    else:
        stand = bstand = None
        esc = back = win = besc = bback = bwin = None  # type: ignore[assignment]
    return MiscalculationReport(
        game=game,
        beliefs=tuple(believed),
        plans=plans,
        benchmark_plans=bench,
        chosen=chosen,
        benchmark_chosen=bench_chosen,
        outcome=outcome,
        benchmark_outcome=bench_outcome,
        payoffs=payoffs,
        benchmark_payoffs=bench_payoffs,
        believed_payoffs=tuple(chosen[i].payoffs[i] for i in range(n)),
        benchmark_believed_payoffs=tuple(bench_chosen[i].payoffs[i] for i in range(n)),
        losses=tuple(b - p for b, p in zip(bench_payoffs, payoffs)),
        standoff_probability=stand,
        benchmark_standoff_probability=bstand,
        escalates=esc,
        backs_down=back,
        prevails=win,
        benchmark_escalates=besc,
        benchmark_backs_down=bback,
        benchmark_prevails=bwin,
        benchmark_is_equilibrium=is_bayesian_nash(game, bench),
    )
