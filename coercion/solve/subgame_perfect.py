r"""Subgame-perfect equilibria of game trees, and the threats that are not credible.

For a tree of *perfect information* (every information set a single node),
possibly with chance moves, backward induction gives the subgame-perfect
equilibria (Selten 1965; Kuhn 1953): at every decision node the mover picks an
action whose continuation value is highest, given the choices already fixed
below. When the mover is indifferent (ties) every maximiser starts a different
equilibrium; :func:`subgame_perfect_equilibria` lists all the pure ones (the
full behavior profile, off-path moves included) and warns with
:class:`~coercion.errors.TieWarning`.

For trees with *imperfect information*, the same backward pass runs over the
subgames (Selten's definition): each minimal proper subgame is replaced by the
payoffs of one of its Nash equilibria, computed exactly on its reduced
strategic form (all extreme equilibria for two players), until the root.

Every equilibrium carries two certificates computed independently of the
search: its Nash regret in the whole game (each player's best gain from any
reduced pure strategy) and its *subgame regret*, the largest Nash regret in any
subgame, which is zero exactly for a subgame-perfect profile.

Examples
--------
Selten's entry game: the threat to fight is not credible.

>>> import coercion as co
>>> g = co.ExtensiveGame.from_tree(
...     ["Entrant", "Incumbent"],
...     {"player": "Entrant", "moves": {
...         "Out": [0, 2],
...         "In": {"player": "Incumbent",
...                "moves": {"Fight": [-1, -1], "Accommodate": [1, 1]}}}})
>>> spe = co.subgame_perfect_equilibria(g)
>>> spe[0].to_dict()["profile"]
[[['0', '1']], [['0', '1']]]

The Nash equilibria of the strategic form include a continuum in which the
entrant stays out because the incumbent threatens to fight with probability
at least 1/2; both of its extreme points rely on that threat:

>>> for t in co.noncredible_threats(g):
...     print(t.equilibrium, t.player, t.action, "instead of", t.better_action, t.loss)
0 Incumbent Fight instead of Accommodate 2
1 Incumbent Fight instead of Accommodate 1
"""

from __future__ import annotations

import html
import itertools
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from coercion.errors import InvalidParameterError, NotSupportedError, TieWarning

if TYPE_CHECKING:
    import pandas as pd

    from coercion.game.extensive import ExtensiveGame, InfoSet, Node

__all__ = [
    "BehaviorEquilibrium",
    "BehaviorEquilibriumSet",
    "NoncredibleThreat",
    "behavior_regrets",
    "subgame_regret",
    "subgame_perfect_equilibria",
    "noncredible_threats",
]

Behavior = list[list[list[Any]]]


def _fmt(v: Any) -> str:
    from coercion._numbers import format_exact

    return format_exact(v) if isinstance(v, Fraction | int) else f"{float(v):.6g}"


def _json(v: Any) -> Any:
    from coercion._numbers import format_exact

    return format_exact(v) if isinstance(v, Fraction | int) else float(v)


def _mover(h: Any) -> int:
    """The player at a personal information set (never None there)."""
    p = h.player
    if p is None:  # pragma: no cover - callers pass personal sets only
        raise NotSupportedError(
            "a chance information set has no mover", field="infoset"
        )
    return int(p)


def _probs(h: Any) -> tuple[Any, ...]:
    """The probabilities of a chance information set."""
    probs = h.probs
    if probs is None:  # pragma: no cover - callers pass chance sets only
        raise NotSupportedError(
            "a personal information set has no chance law", field="infoset"
        )
    return tuple(probs)


# ---------------------------------------------------------------- certificates
def _value_with(game: ExtensiveGame, beh: Behavior, exact: bool) -> list[Any]:
    return list(game.expected_payoffs(beh if exact else _floats(beh)))


def _floats(beh: Behavior) -> Behavior:
    return [[[float(v) for v in h] for h in row] for row in beh]


def _pure_behavior(
    game: ExtensiveGame, p: int, strategy: dict[Any, int]
) -> list[list[Any]]:
    row = []
    for h in game.infosets(p):
        a = strategy.get(h, 0)
        row.append([Fraction(int(i == a)) for i in range(len(h.actions))])
    return row


def behavior_regrets(game: ExtensiveGame, profile: Any) -> tuple[Any, ...]:
    """Each player's gain from its best deviation (a reduced pure strategy).

    Exact for exact games and profiles. This is the Nash certificate of a
    behavior profile in the whole game.

    Examples
    --------
    >>> import coercion as co
    >>> g = co.ExtensiveGame.from_tree(["A", "B"], {"player": "A", "moves": {
    ...     "L": [1, 0], "R": {"player": "B", "moves": {"u": [2, 1], "d": [0, 2]}}}})
    >>> co.behavior_regrets(g, [["R"], ["u"]])
    (Fraction(0, 1), Fraction(1, 1))
    """
    beh, exact = game.normalize_behavior(profile)
    exact = exact and game.is_exact
    base = _value_with(game, beh, exact)
    out = []
    for p in range(game.n_players):
        best = base[p]
        for s in game.reduced_strategies(p):
            trial = [list(r) for r in beh]
            trial[p] = _pure_behavior(game, p, s)
            v = _value_with(game, trial, exact)[p]
            if v > best:
                best = v
        out.append(best - base[p])
    return tuple(out)


def _subtree_game(game: ExtensiveGame, root: Node) -> tuple[ExtensiveGame, dict]:
    """The subgame at ``root`` as a game of its own, with the infoset map."""
    from coercion.game.extensive import ExtensiveGame

    sub = ExtensiveGame(players=list(game.players))
    hmap: dict[Any, Any] = {}  # original infoset -> new infoset
    stack = [(root, sub.root)]
    while stack:
        x, y = stack.pop()
        if x.outcome is not None:
            y.set_outcome(list(x.outcome.payoffs), label=x.outcome.label)
        h = x.infoset
        if h is None:
            continue
        if h.is_chance:
            kids = y.chance(list(h.actions), list(_probs(h)))
        else:
            key = hmap.get(h)
            kids = y.decide(
                h.player_label,
                list(h.actions),
                infoset=key if key is not None else None,
            )
            if key is None:
                hmap[h] = y.infoset
        stack.extend(zip(x.children, kids))
    return sub, hmap


def _restrict(
    game: ExtensiveGame, sub: ExtensiveGame, hmap: dict, beh: Behavior
) -> Behavior:
    out: Behavior = []
    for p in range(game.n_players):
        index = {h: k for k, h in enumerate(game.infosets(p))}
        row = []
        for h2 in sub.infosets(p):
            h = next(h for h, v in hmap.items() if v is h2)
            row.append(beh[p][index[h]])
        out.append(row)
    return out


def subgame_regret(game: ExtensiveGame, profile: Any) -> Any:
    """The largest Nash regret of ``profile`` in any subgame (0 iff subgame perfect).

    Examples
    --------
    >>> import coercion as co
    >>> g = co.ExtensiveGame.from_tree(["E", "I"], {"player": "E", "moves": {
    ...     "Out": [0, 2], "In": {"player": "I", "moves": {"F": [-1, -1], "A": [1, 1]}}}})
    >>> co.subgame_regret(g, [["Out"], ["F"]])
    Fraction(2, 1)
    """
    beh, exact = game.normalize_behavior(profile)
    worst: Any = Fraction(0) if exact and game.is_exact else 0.0
    for root in game.subgame_roots():
        if root is game.root:
            sub, beh_sub = game, beh
        else:
            sub, hmap = _subtree_game(game, root)
            beh_sub = _restrict(game, sub, hmap, beh)
        r = max(behavior_regrets(sub, beh_sub), default=worst)
        worst = max(worst, r)
    return worst


# ---------------------------------------------------------------- result types
@dataclass
class BehaviorEquilibrium:
    """An equilibrium of a tree in behavior strategies, with its certificates.

    Attributes
    ----------
    game : ExtensiveGame
    profile : list
        Per player, per information set (order of first appearance), the
        probability of each action.
    payoffs : tuple
        Expected payoffs.
    regrets : tuple
        Each player's Nash regret in the whole game.
    subgame_regret : number
        Largest Nash regret in any subgame (0 for subgame perfection).
    method : str
    exact : bool
    """

    game: Any
    profile: Behavior
    payoffs: tuple[Any, ...]
    regrets: tuple[Any, ...]
    subgame_regret: Any
    method: str
    exact: bool
    tol: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def max_regret(self) -> Any:
        """Largest Nash regret of any player."""
        return max(self.regrets, default=0)

    @property
    def is_subgame_perfect(self) -> bool:
        """True when the subgame certificate holds."""
        if self.exact:
            return self.subgame_regret == 0
        return float(self.subgame_regret) <= self.tol

    def action(self, player: int | str, infoset: int) -> dict[str, Any]:
        """``{action: probability}`` of ``player`` at its ``infoset``-th set."""
        p = self.game.player_index(player)
        h = self.game.infosets(p)[infoset]
        return dict(zip(h.actions, self.profile[p][infoset]))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: profile per player per information set, exact as strings."""
        return {
            "profile": [[[_json(v) for v in h] for h in row] for row in self.profile],
            "payoffs": [_json(v) for v in self.payoffs],
            "max_regret": _json(self.max_regret),
        }

    def describe(self) -> list[str]:
        """One line per information set: the player, the set, the mix."""
        lines = []
        for p, row in enumerate(self.profile):
            for h, probs in zip(self.game.infosets(p), row):
                label = h.label or f"set {h.index + 1}"
                mix = ", ".join(
                    f"{a}: {_fmt(v)}" for a, v in zip(h.actions, probs) if v != 0
                )
                lines.append(f"{self.game.players[p]} [{label}] {mix}")
        return lines

    def __repr__(self) -> str:
        pay = ", ".join(_fmt(v) for v in self.payoffs)
        return f"<BehaviorEquilibrium payoffs ({pay}), regret {_fmt(self.max_regret)}>"


class BehaviorEquilibriumSet(Sequence[BehaviorEquilibrium]):
    """A list of tree equilibria from one solver call, with how they were found."""

    def __init__(
        self,
        game: Any,
        equilibria: Sequence[BehaviorEquilibrium],
        *,
        method: str,
        exact: bool,
        complete: bool,
    ) -> None:
        self.game = game
        self._eqs = list(equilibria)
        self.method = method
        self.exact = exact
        self.complete = complete

    def __getitem__(self, i: Any) -> Any:
        return self._eqs[i]

    def __len__(self) -> int:
        return len(self._eqs)

    def __iter__(self) -> Iterator[BehaviorEquilibrium]:
        return iter(self._eqs)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``coercion solve FILE.efg --spe --json``."""
        return {
            "equilibria": [e.to_dict() for e in self._eqs],
            "method": self.method,
            "exact": self.exact,
        }

    def to_text(self) -> str:
        """A readable listing."""
        lines = [
            f"{len(self)} subgame-perfect equilibria, method {self.method}, "
            f"{'exact' if self.exact else 'float'}"
        ]
        for k, e in enumerate(self._eqs):
            pay = ", ".join(_fmt(v) for v in e.payoffs)
            lines.append(
                f"equilibrium {k}: payoffs ({pay}), regret {_fmt(e.max_regret)}, "
                f"subgame regret {_fmt(e.subgame_regret)}"
            )
            lines.extend(f"  {line}" for line in e.describe())
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """Tidy: one row per (equilibrium, player, information set, action)."""
        import pandas as pd

        rows = []
        for k, e in enumerate(self._eqs):
            for p, row in enumerate(e.profile):
                for h, probs in zip(self.game.infosets(p), row):
                    for a, v in zip(h.actions, probs):
                        rows.append(
                            {
                                "equilibrium": k,
                                "player": self.game.players[p],
                                "infoset": h.index,
                                "action": a,
                                "probability": v,
                            }
                        )
        return pd.DataFrame(rows)

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(repr(self))}</p>" + self.to_frame().to_html(
            index=False
        )

    def __repr__(self) -> str:
        return (
            f"<BehaviorEquilibriumSet of {len(self)} equilibria, "
            f"method={self.method!r}, {'exact' if self.exact else 'float'}>"
        )


def _certify(game: ExtensiveGame, beh: Behavior, method: str) -> BehaviorEquilibrium:
    exact = game.is_exact
    regrets = behavior_regrets(game, beh)
    sub = subgame_regret(game, beh)
    tol = 0.0 if exact else 1e-9 * max(1.0, _payoff_range(game))
    eq = BehaviorEquilibrium(
        game=game,
        profile=beh if exact else _floats(beh),
        payoffs=tuple(game.expected_payoffs(beh)),
        regrets=tuple(regrets),
        subgame_regret=sub,
        method=method,
        exact=exact,
        tol=tol,
    )
    return eq


def _payoff_range(game: ExtensiveGame) -> float:
    vals = [
        float(v) for x in game.terminal_nodes() for v in game.accumulated_payoffs(x)
    ]
    return (max(vals) - min(vals)) if vals else 0.0


# ---------------------------------------------------------------- backward induction
def _backward(
    game: ExtensiveGame, node: Node, max_count: int, ties: list[int]
) -> list[tuple[tuple[Any, ...], dict[Any, int]]]:
    """All (continuation payoffs, choices) of the subtree under pure SPE."""
    zero: Any = Fraction(0) if game.is_exact else 0.0
    own = [zero] * game.n_players
    if node.outcome is not None:
        own = [v if game.is_exact else float(v) for v in node.outcome.payoffs]
    h = node.infoset
    if h is None:
        return [(tuple(own), {})]
    kids = [_backward(game, c, max_count, ties) for c in node.children]
    results: list[tuple[tuple[Any, ...], dict[Any, int]]] = []
    if h.is_chance:
        probs = [q if game.is_exact else float(q) for q in _probs(h)]
        for combo in itertools.product(*kids):
            val = list(own)
            choice: dict[Any, int] = {}
            for q, (v, ch) in zip(probs, combo):
                for p in range(game.n_players):
                    val[p] += q * v[p]
                choice.update(ch)
            results.append((tuple(val), choice))
            _check_count(len(results), max_count)
        return results
    p = _mover(h)
    for combo in itertools.product(*kids):
        best = max(v[p] for v, _ in combo)
        winners = [a for a, (v, _) in enumerate(combo) if v[p] == best]
        if len(winners) > 1:
            ties[0] += 1
        merged: dict[Any, int] = {}
        for _, ch in combo:
            merged.update(ch)
        for a in winners:
            v = combo[a][0]
            results.append((tuple(o + x for o, x in zip(own, v)), {**merged, h: a}))
            _check_count(len(results), max_count)
    return results


def _check_count(n: int, max_count: int) -> None:
    if n > max_count:
        raise InvalidParameterError(
            f"more than {max_count} subgame-perfect equilibria (ties); raise "
            "max_count to list them all",
            field="max_count",
        )


def _behavior_from_choices(game: ExtensiveGame, choice: dict[Any, int]) -> Behavior:
    return [
        [
            [Fraction(int(i == choice[h])) for i in range(len(h.actions))]
            for h in game.infosets(p)
        ]
        for p in range(game.n_players)
    ]


def _nash_behaviors(g: ExtensiveGame) -> list[Behavior]:
    """All (extreme) Nash equilibria of ``g``'s reduced strategic form, as behavior."""
    from coercion.solve.dispatch import solve

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eqs = solve(g.reduced_strategic_form())
    return [g.mixed_to_behavior([list(s) for s in e.profile]) for e in eqs]


def _subgame_decomposition(game: ExtensiveGame, max_count: int) -> list[Behavior]:
    """SPE of an imperfect-information tree by solving subgames bottom-up.

    At each subgame root, the maximal proper subgames below it are solved first
    (recursively); for every choice of one equilibrium in each of them, their
    information sets are folded into chance moves with the chosen mixes and the
    rest of the subgame is solved for all its Nash equilibria (Selten 1975).
    """
    roots = set(game.subgame_roots())

    def inner_roots(root: Node) -> list[Node]:
        out: list[Node] = []
        stack = list(root.children)
        while stack:
            x = stack.pop()
            if x in roots:
                out.append(x)
            else:
                stack.extend(x.children)
        return sorted(out, key=lambda x: x.index)

    def solve_at(root: Node) -> list[dict[Any, list[Any]]]:
        results: list[dict[Any, list[Any]]] = []
        for combo in itertools.product(*(solve_at(r) for r in inner_roots(root))):
            fixed: dict[Any, list[Any]] = {}
            for part in combo:
                fixed.update(part)
            for free in _solve_folded(game, root, fixed):
                results.append({**fixed, **free})
                _check_count(len(results), max_count)
        return results

    behs = []
    for assign in solve_at(game.root):
        behs.append(
            [
                [
                    list(assign[h])
                    if h in assign
                    else [Fraction(int(i == 0)) for i in range(len(h.actions))]
                    for h in game.infosets(p)
                ]
                for p in range(game.n_players)
            ]
        )
    return behs


def _solve_folded(
    game: ExtensiveGame, root: Node, fixed: dict[Any, list[Any]]
) -> list[dict[Any, list[Any]]]:
    """Nash equilibria of the subtree at ``root`` with ``fixed`` sets as chance.

    Returns, per equilibrium, the mixes of the free information sets.
    """
    from coercion.game.extensive import ExtensiveGame

    folded = ExtensiveGame(players=list(game.players))
    hmap: dict[Any, Any] = {}
    stack = [(root, folded.root)]
    while stack:
        x, y = stack.pop()
        if x.outcome is not None:
            y.set_outcome(list(x.outcome.payoffs), label=x.outcome.label)
        h = x.infoset
        if h is None:
            continue
        if h.is_chance or h in fixed:
            probs = list(_probs(h)) if h.is_chance else list(fixed[h])
            keep = [i for i, q in enumerate(probs) if q != 0]
            kids = y.chance([str(i + 1) for i in keep], [probs[i] for i in keep])
            stack.extend(zip([x.children[i] for i in keep], kids))
            continue
        key = hmap.get(h)
        kids = y.decide(h.player_label, list(h.actions), infoset=key)
        if key is None:
            hmap[h] = y.infoset
        stack.extend(zip(x.children, kids))
    out = []
    for beh in _nash_behaviors(folded):
        free: dict[Any, list[Any]] = {}
        for h, h2 in hmap.items():
            p = h.player
            free[h] = list(beh[p][folded.infosets(p).index(h2)])
        out.append(free)
    return out


def subgame_perfect_equilibria(
    game: ExtensiveGame, *, max_count: int = 10_000
) -> BehaviorEquilibriumSet:
    r"""All pure subgame-perfect equilibria of a tree (and mixed ones of subgames).

    Parameters
    ----------
    game : ExtensiveGame
    max_count : int
        Stop with an error beyond this many equilibria (ties multiply them).

    Returns
    -------
    BehaviorEquilibriumSet
        Full behavior profiles (off-path moves included), each certified by its
        Nash regret and its subgame regret.

    Raises
    ------
    NotSupportedError
        A tree with imperfect information but no perfect recall, or not a tree.
    InvalidParameterError
        More than ``max_count`` equilibria.

    Warns
    -----
    TieWarning
        A mover is indifferent somewhere, so there are several equilibria.

    Notes
    -----
    Perfect information: backward induction, exact for exact games; the number
    of equilibria listed is the number of ways to break the ties (mixing among
    tied actions can give further, mixed equilibria; they are not listed).
    Imperfect information: the proper subgames are solved first (all extreme
    Nash equilibria of their reduced strategic forms, exact), and for each
    choice of one equilibrium per subgame the rest of the tree is solved.
    Each result is certified; a profile whose subgame regret is not zero is
    dropped.

    References
    ----------
    R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
    Nachfrageträgheit", Z. ges. Staatswiss. 121 (1965). H. W. Kuhn,
    "Extensive games and the problem of information", Ann. Math. Stud. 28
    (1953).
    """
    from coercion.game.extensive import ExtensiveGame

    if not isinstance(game, ExtensiveGame):
        raise NotSupportedError(
            "subgame-perfect equilibria (--spe) need a game tree; "
            f"{type(game).__name__} is not an ExtensiveGame",
            field="game",
        )
    if not isinstance(max_count, int) or max_count < 1:
        raise InvalidParameterError(
            f"{max_count!r} is not a positive int", field="max_count"
        )
    if game.is_perfect_information():
        ties = [0]
        sols = _backward(game, game.root, max_count, ties)
        behs = [_behavior_from_choices(game, ch) for _, ch in sols]
        method = "backward induction (exact)" if game.is_exact else "backward induction"
        if ties[0]:
            warnings.warn(
                f"ties at {ties[0]} decision(s): {len(behs)} subgame-perfect "
                "equilibria in pure strategies",
                TieWarning,
                stacklevel=2,
            )
    else:
        problems = game.perfect_recall_violations()
        if problems:
            raise NotSupportedError(
                f"subgame perfection needs perfect recall: {problems[0]}",
                field="game",
            )
        behs = _subgame_decomposition(game, max_count)
        method = "subgame decomposition + vertex enumeration"
    eqs = []
    seen = set()
    for beh in behs:
        key = repr(beh)
        if key in seen:
            continue
        seen.add(key)
        eq = _certify(game, beh, method)
        if eq.is_subgame_perfect:
            eqs.append(eq)
    return BehaviorEquilibriumSet(
        game,
        eqs,
        method=method,
        exact=game.is_exact,
        complete=game.is_perfect_information(),
    )


# ---------------------------------------------------------------- credibility
@dataclass(frozen=True)
class NoncredibleThreat:
    """A move that a Nash equilibrium prescribes off its path but that is not optimal.

    Attributes
    ----------
    equilibrium : int
        Index of the Nash equilibrium (of the reduced strategic form).
    node : int
        Preorder index of the node.
    player : str
    action : str
        The threatened action (the most likely one when mixed).
    better_action : str
        The mover's best action there.
    loss : number
        What carrying out the threat costs the mover at that node.
    """

    equilibrium: int
    node: int
    player: str
    action: str
    better_action: str
    loss: Any


def _continuation(game: ExtensiveGame, beh: Behavior) -> dict[Any, list[Any]]:
    """Expected payoffs from each node on (its own outcome included)."""
    values: dict[Any, list[Any]] = {}
    index = {
        p: {h: k for k, h in enumerate(game.infosets(p))} for p in range(game.n_players)
    }
    for x in reversed(game.nodes()):
        zero: Any = Fraction(0) if game.is_exact else 0.0
        v = [zero] * game.n_players
        if x.outcome is not None:
            v = [a + b for a, b in zip(v, x.outcome.payoffs)]
        h = x.infoset
        if h is not None:
            if h.is_chance:
                probs = list(_probs(h))
            else:
                probs = beh[_mover(h)][index[_mover(h)][h]]
            for c, q in zip(x.children, probs):
                v = [a + q * b for a, b in zip(v, values[c])]
        values[x] = v
    return values


def noncredible_threats(
    game: ExtensiveGame, equilibria: Any = None
) -> list[NoncredibleThreat]:
    """The non-credible threats that Nash equilibria of the tree rely on.

    Parameters
    ----------
    game : ExtensiveGame
        A tree; threats are checked at its single-node information sets.
    equilibria : EquilibriumSet, optional
        Equilibria of ``game.reduced_strategic_form()``; default all of them.

    Returns
    -------
    list of NoncredibleThreat
        One per (equilibrium, node) where the prescribed move is not a best
        reply at that node given the moves below it.

    Notes
    -----
    Only nodes that the mover's own strategy does not exclude are examined
    (a reduced strategy prescribes nothing elsewhere).
    """
    from coercion.solve.dispatch import solve

    if equilibria is None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            equilibria = solve(game.reduced_strategic_form())
    out = []
    for k, e in enumerate(equilibria):
        mixed = [list(s) for s in e.profile]
        beh = game.mixed_to_behavior(mixed)
        prescribed = _prescribed_sets(game, mixed)
        values = _continuation(game, beh)
        index = {
            p: {h: j for j, h in enumerate(game.infosets(p))}
            for p in range(game.n_players)
        }
        for x in game.nodes():
            h = x.infoset
            if h is None or h.is_chance or len(h.members) != 1 or h not in prescribed:
                continue
            p = _mover(h)
            probs = beh[p][index[p][h]]
            kid_vals = [values[c][p] for c in x.children]
            best = max(kid_vals)
            mine = sum(q * v for q, v in zip(probs, kid_vals))
            if mine < best and best - mine > (0 if e.exact else 1e-9):
                a = max(range(len(probs)), key=lambda i: probs[i])
                out.append(
                    NoncredibleThreat(
                        equilibrium=k,
                        node=x.index,
                        player=game.players[p],
                        action=h.actions[a],
                        better_action=h.actions[kid_vals.index(best)],
                        loss=best - mine,
                    )
                )
    return out


def _prescribed_sets(game: ExtensiveGame, mixed: list[list[Any]]) -> set[Any]:
    """Information sets that some strategy in each player's support reaches."""
    out: set[InfoSet] = set()
    for p in range(game.n_players):
        for s, w in zip(game.reduced_strategies(p), mixed[p]):
            if w != 0:
                out.update(s)
    return out
