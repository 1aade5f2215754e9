r"""Bayesian games: players with private types drawn from a common prior.

A finite *Bayesian game* (Harsanyi 1967-68) has players :math:`i = 1..n`, each
with a finite set of types :math:`T_i` and of actions :math:`A_i`; a prior
:math:`p` over type profiles :math:`t = (t_1, \dots, t_n)`; and payoffs
:math:`u_i(t, a)` for every type profile and action profile. Each player learns
its own type, then all act at once. A (behavior) strategy of player :math:`i`
is *type-contingent*: a mixed action :math:`\sigma_i(\cdot \mid t_i)` for each
of its types.

:class:`BayesianGame` holds such a game with exact numbers where given (ints,
:class:`~fractions.Fraction`, strings such as ``"0.3"``), and gives

* :meth:`BayesianGame.to_strategic_form`: the ex-ante game of type-contingent
  plans (``form="plans"``, strategies labelled ``"firm|high, yield|low"``) or
  the agent form (``form="agent"``: one player per type, ``"A|high"``);
* :meth:`BayesianGame.to_extensive`: a tree, chance drawing the type profile,
  each player's information set its type, so it can be written to ``.efg``;
* :meth:`BayesianGame.interim_payoffs` and :func:`interim_regrets`: each type's
  expected payoff of each action given its type (the checker);
* :func:`bayesian_nash`: every Bayesian Nash equilibrium found by
  :func:`coercion.solve` on the strategic form, mapped back to
  type-contingent strategies and certified type by type.

Examples
--------
Entry with a private cost: the incumbent is ``"strong"`` with probability 1/3
and then prefers to fight; the entrant does not know.

>>> import coercion as co
>>> def u(types, actions):
...     (cost,) = types[1:]
...     enter, fight = actions[0] == "in", actions[1] == "fight"
...     if not enter:
...         return (0, 2)
...     return (-1, 1 if cost == "strong" else -1) if fight else (1, 0)
>>> g = co.BayesianGame(
...     players=["Entrant", "Incumbent"],
...     types=[["-"], ["strong", "weak"]],
...     actions=[["out", "in"], ["fight", "accommodate"]],
...     prior=[{"-": 1}, {"strong": "1/3", "weak": "2/3"}],
...     payoffs=u,
... )
>>> g.to_strategic_form().strategies[1]
('fight|strong, fight|weak', 'fight|strong, accommodate|weak', 'accommodate|strong, fight|weak', 'accommodate|strong, accommodate|weak')
>>> eqs = co.bayesian_nash(g)
>>> for e in eqs:
...     if e.is_pure:
...         print(e.describe())
['Entrant: out', 'Incumbent: fight|strong, fight|weak']
['Entrant: out', 'Incumbent: accommodate|strong, fight|weak']
['Entrant: in', 'Incumbent: fight|strong, accommodate|weak']

Moves are simultaneous here, so when the entrant stays out the incumbent's
plan is never tested (:func:`~coercion.subgame_perfect_equilibria` on a
sequential tree removes such threats).
>>> eqs[0].interim_regrets[1]
{'strong': Fraction(0, 1), 'weak': Fraction(0, 1)}

Notes
-----
Ex-ante payoffs of type-contingent plans :math:`s_i : T_i \to A_i` are

.. math:: U_i(s) = \sum_t p(t)\, u_i\big(t, s_1(t_1), \dots, s_n(t_n)\big),

and a profile :math:`\sigma` is a Bayesian Nash equilibrium when every type
with positive probability best responds *interim*, given its type:

.. math:: \sigma_i(a \mid t_i) > 0 \Rightarrow a \in \arg\max_{b \in A_i}
          \sum_{t_{-i}} p(t_{-i} \mid t_i) \sum_{a_{-i}}
          \prod_{j \ne i} \sigma_j(a_j \mid t_j)\, u_i(t, b, a_{-i}).

Because :math:`U_i` is the prior-weighted sum of the interim payoffs, a mixed
plan is a best response ex ante iff the behavior strategy it induces (the
probability of :math:`a` at :math:`t_i` is the mass of plans with
:math:`s_i(t_i) = a`) is a best response at every type of positive
probability (Harsanyi 1967-68, part I, sec. 5; Myerson 1991, sec. 2.8). The
interim regret of type :math:`t_i`, the gain of its best action over its
strategy, is the certificate; types of probability zero are unconstrained and
carry regret 0.

References
----------
.. [1] Harsanyi, J. C. (1967-68). Games with incomplete information played by
   "Bayesian" players, I-III. *Management Science* 14, 159-182, 320-334,
   486-502.
.. [2] Myerson, R. B. (1991). *Game Theory: Analysis of Conflict*. Harvard
   University Press, sec. 2.8-2.9.
"""

from __future__ import annotations

import itertools
import math
import numbers
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coercion._numbers import as_payoff_array, format_exact, parse_exact
from coercion.errors import (
    DegenerateGameWarning,
    InvalidGameError,
    InvalidParameterError,
    InvalidProfileError,
)
from coercion.game.normal_form import NormalFormGame

if TYPE_CHECKING:
    import pandas as pd

    from coercion.game.extensive import ExtensiveGame

__all__ = [
    "BayesianGame",
    "BayesianEquilibrium",
    "BayesianEquilibriumSet",
    "TypeStrategy",
    "bayesian_nash",
    "interim_regrets",
    "is_bayesian_nash",
    "plan_label",
]

TypeStrategy = tuple[dict[str, dict[str, Any]], ...]
"""Per player, ``{type: {action: probability}}``."""


def _num(value: Any, field: str) -> Any:
    """An exact Fraction for ints, Fractions and number strings; else a float."""
    if isinstance(value, bool | np.bool_):
        raise InvalidGameError(f"boolean {value!r} is not a number", field=field)
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, str):
        try:
            return parse_exact(value)
        except ValueError as exc:
            raise InvalidGameError(str(exc), field=field) from None
    if isinstance(value, numbers.Real):
        x = float(value)
        if not math.isfinite(x):
            raise InvalidGameError(f"{value!r} is not finite", field=field)
        return x
    raise InvalidGameError(f"{value!r} is not a number", field=field)


def _fmt(v: Any) -> str:
    if isinstance(v, Fraction | int) and not isinstance(v, bool):
        return format_exact(v)
    return f"{float(v):.6g}"


def _labels(values: Any, field: str, what: str) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, Sequence) or not values:
        raise InvalidGameError(
            f"{values!r} is not a non-empty list of {what}", field=field
        )
    out = tuple(values)
    for k, v in enumerate(out):
        if not isinstance(v, str) or not v:
            raise InvalidGameError(
                f"{v!r} is not a {what[:-1]} label", field=f"{field}[{k}]"
            )
        if v in out[:k]:
            raise InvalidGameError(f"label {v!r} is used twice", field=f"{field}[{k}]")
    return out


def plan_label(plan: Sequence[str], types: Sequence[str]) -> str:
    """Label of a type-contingent plan: ``"firm|high, yield|low"``.

    A player with a single type is labelled by its action alone.

    Examples
    --------
    >>> from coercion.game.bayesian import plan_label
    >>> plan_label(["firm", "yield"], ["high", "low"])
    'firm|high, yield|low'
    """
    if len(types) == 1:
        return plan[0]
    return ", ".join(f"{a}|{t}" for a, t in zip(plan, types))


class BayesianGame:
    r"""A finite Bayesian game: types, a common prior, type-dependent payoffs.

    Parameters
    ----------
    players : sequence of str
        Player labels (at least one, distinct).
    types : sequence of sequences of str
        Each player's type labels.
    actions : sequence of sequences of str
        Each player's action labels (the same for all its types).
    prior : mapping or sequence of mappings
        Either a joint prior ``{(t_1, ..., t_n): probability}`` over type
        profiles (profiles left out have probability 0), or one mapping
        ``{type: probability}`` per player for independent types. Exact
        probabilities (ints, Fractions, strings such as ``"0.3"``) must sum
        exactly to 1, floats within ``1e-9``.
    payoffs : callable or mapping
        ``payoffs(types, actions)`` returning one payoff per player, given
        the tuples of type and action labels; or a mapping from each type
        profile to an array of shape ``(n, |A_1|, ..., |A_n|)`` (a
        :class:`~coercion.NormalFormGame` also works).
    title : str, optional

    Raises
    ------
    InvalidGameError
        Missing, repeated or non-string labels; a prior over unknown types,
        with negative entries or not summing to 1; payoffs of the wrong shape
        or not numbers; a type profile without payoffs.

    Warns
    -----
    DegenerateGameWarning
        A type has prior probability 0 (its strategy is unconstrained).

    Examples
    --------
    >>> import coercion as co
    >>> g = co.BayesianGame(
    ...     players=["A", "B"], types=[["x"], ["h", "l"]],
    ...     actions=[["U", "D"], ["L", "R"]],
    ...     prior={("x", "h"): "1/4", ("x", "l"): "3/4"},
    ...     payoffs={("x", "h"): [[[1, 0], [0, 1]], [[1, 0], [0, 1]]],
    ...              ("x", "l"): [[[1, 0], [0, 1]], [[0, 1], [1, 0]]]})
    >>> g
    <BayesianGame 2 players, types (1, 2), actions (2, 2), exact>
    >>> g.marginal(1)
    {'h': Fraction(1, 4), 'l': Fraction(3, 4)}
    """

    def __init__(
        self,
        players: Sequence[str],
        types: Sequence[Sequence[str]],
        actions: Sequence[Sequence[str]],
        prior: Any,
        payoffs: Callable[..., Sequence[Any]] | Mapping[Any, Any],
        *,
        title: str = "",
    ) -> None:
        self._players = _labels(players, "players", "players")
        n = len(self._players)
        if isinstance(types, str) or not isinstance(types, Sequence) or len(types) != n:
            raise InvalidGameError(
                f"{types!r} does not give a list of types for each of {n} players",
                field="types",
            )
        if (
            isinstance(actions, str)
            or not isinstance(actions, Sequence)
            or len(actions) != n
        ):
            raise InvalidGameError(
                f"{actions!r} does not give a list of actions for each of {n} players",
                field="actions",
            )
        self._types = tuple(
            _labels(t, f"types[{i}]", "types") for i, t in enumerate(types)
        )
        self._actions = tuple(
            _labels(a, f"actions[{i}]", "actions") for i, a in enumerate(actions)
        )
        if not isinstance(title, str):
            raise InvalidGameError(f"{title!r} is not a string", field="title")
        self.title = title
        self._prior = self._check_prior(prior)
        self._payoffs = self._check_payoffs(payoffs)
        exact_prior = all(isinstance(v, Fraction) for v in self._prior.values())
        exact_pay = all(a.dtype == object for a in self._payoffs.values())
        self._exact = exact_prior and exact_pay
        if not self._exact:
            self._prior = {t: float(v) for t, v in self._prior.items()}
            self._payoffs = {t: a.astype(np.float64) for t, a in self._payoffs.items()}
        for i in range(n):
            for t, q in self.marginal(i).items():
                if q == 0:
                    warnings.warn(
                        f"type {t!r} of player {self._players[i]!r} has prior "
                        "probability 0; its strategy is unconstrained",
                        DegenerateGameWarning,
                        stacklevel=2,
                    )

    # ---------------------------------------------------------------- validation
    def _check_prior(self, prior: Any) -> dict[tuple[str, ...], Any]:
        n = len(self._players)
        profiles = list(itertools.product(*self._types))
        joint: dict[tuple[str, ...], Any] = {t: Fraction(0) for t in profiles}
        if isinstance(prior, Mapping):
            for key, value in prior.items():
                t = (key,) if isinstance(key, str) and n == 1 else tuple(key)
                if t not in joint:
                    raise InvalidGameError(
                        f"{key!r} is not a type profile of {self._types!r}",
                        field="prior",
                    )
                joint[t] = _num(value, f"prior[{key!r}]")
        elif (
            isinstance(prior, Sequence)
            and not isinstance(prior, str)
            and len(prior) == n
        ):
            marg = []
            for i, m in enumerate(prior):
                if not isinstance(m, Mapping):
                    raise InvalidGameError(
                        f"{m!r} is not a mapping type -> probability",
                        field=f"prior[{i}]",
                    )
                for k in m:
                    if k not in self._types[i]:
                        raise InvalidGameError(
                            f"{k!r} is not a type of player {self._players[i]!r}",
                            field=f"prior[{i}]",
                        )
                row = {
                    t: _num(m.get(t, 0), f"prior[{i}][{t!r}]") for t in self._types[i]
                }
                self._check_sum(list(row.values()), f"prior[{i}]")
                marg.append(row)
            for t in profiles:
                w: Any = Fraction(1)
                for i, ti in enumerate(t):
                    w = w * marg[i][ti]
                joint[t] = w
        else:
            raise InvalidGameError(
                f"{prior!r} is neither a mapping over type profiles nor one "
                f"mapping per player ({n})",
                field="prior",
            )
        for t, v in joint.items():
            if v < 0:
                raise InvalidGameError(f"{v} is negative", field=f"prior[{t!r}]")
        self._check_sum(list(joint.values()), "prior")
        return joint

    @staticmethod
    def _check_sum(values: list[Any], field: str) -> None:
        total = sum(values, Fraction(0))
        if all(isinstance(v, Fraction) for v in values):
            ok = total == 1
        else:
            ok = abs(float(total) - 1.0) <= 1e-9
        if not ok:
            raise InvalidGameError(
                f"probabilities sum to {_fmt(total)}, not 1", field=field
            )
        for v in values:
            if v < 0:
                raise InvalidGameError(f"{v} is negative", field=field)

    def _check_payoffs(self, payoffs: Any) -> dict[tuple[str, ...], np.ndarray]:
        n = len(self._players)
        shape = (n, *(len(a) for a in self._actions))
        out: dict[tuple[str, ...], np.ndarray] = {}
        for t in itertools.product(*self._types):
            field = f"payoffs[{t!r}]"
            if callable(payoffs):
                arr = np.empty(shape, dtype=object)
                for idx in itertools.product(*(range(k) for k in shape[1:])):
                    acts = tuple(self._actions[i][k] for i, k in enumerate(idx))
                    try:
                        vals = list(payoffs(t, acts))
                    except TypeError:
                        raise InvalidGameError(
                            "payoffs(types, actions) did not return one payoff per "
                            "player",
                            field=f"payoffs({t!r}, {acts!r})",
                        ) from None
                    if len(vals) != n:
                        raise InvalidGameError(
                            f"{len(vals)} payoffs returned for {n} players",
                            field=f"payoffs({t!r}, {acts!r})",
                        )
                    for p in range(n):
                        arr[(p, *idx)] = vals[p]
                data: Any = arr.tolist()
            elif isinstance(payoffs, Mapping):
                key: Any = t[0] if n == 1 and t[0] in payoffs else t
                if key not in payoffs:
                    raise InvalidGameError(
                        f"no payoffs for type profile {t!r}", field="payoffs"
                    )
                data = payoffs[key]
                if isinstance(data, NormalFormGame):
                    data = data.payoffs
            else:
                raise InvalidGameError(
                    f"{payoffs!r} is neither a callable nor a mapping", field="payoffs"
                )
            a, _ = as_payoff_array(data, field=field)
            if a.shape != shape:
                raise InvalidGameError(
                    f"shape {a.shape} is not (players, actions...) = {shape}",
                    field=field,
                )
            out[t] = a
        return out

    # ---------------------------------------------------------------- properties
    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def types(self) -> tuple[tuple[str, ...], ...]:
        """Each player's type labels."""
        return self._types

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """Each player's action labels."""
        return self._actions

    @property
    def prior(self) -> dict[tuple[str, ...], Any]:
        """The joint prior ``{type profile: probability}`` (all profiles)."""
        return dict(self._prior)

    @property
    def is_exact(self) -> bool:
        """True when prior and payoffs are exact rationals."""
        return self._exact

    def player_index(self, player: int | str) -> int:
        """Index of ``player`` (label or index).

        Raises
        ------
        InvalidParameterError
            If there is no such player.
        """
        if isinstance(player, str) and player in self._players:
            return self._players.index(player)
        if isinstance(player, int) and not isinstance(player, bool):
            if 0 <= player < self.n_players:
                return player
        raise InvalidParameterError(
            f"{player!r} is not one of the players {self._players!r}", field="player"
        )

    def payoff_array(self, type_profile: Sequence[str]) -> np.ndarray:
        """Payoffs ``(n, |A_1|, ..., |A_n|)`` at one type profile.

        Raises
        ------
        InvalidParameterError
            If ``type_profile`` is not a profile of types.
        """
        t = tuple(type_profile)
        if t not in self._payoffs:
            raise InvalidParameterError(
                f"{type_profile!r} is not a type profile", field="type_profile"
            )
        return self._payoffs[t]

    def marginal(self, player: int | str) -> dict[str, Any]:
        """Prior probability of each type of ``player``."""
        i = self.player_index(player)
        zero: Any = Fraction(0) if self._exact else 0.0
        out = dict.fromkeys(self._types[i], zero)
        for t, w in self._prior.items():
            out[t[i]] = out[t[i]] + w
        return out

    def with_prior(self, prior: Any) -> BayesianGame:
        """The same game with another prior (same forms as the constructor).

        Raises
        ------
        InvalidGameError
            As the constructor.

        Examples
        --------
        >>> import coercion as co
        >>> g = co.BayesianGame(["A"], [["h", "l"]], [["x", "y"]],
        ...                     {"h": "1/2", "l": "1/2"}, lambda t, a: [1])
        >>> g.with_prior({"h": 1, "l": 0}).marginal(0)["h"]
        Fraction(1, 1)
        """
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            return BayesianGame(
                self._players,
                self._types,
                self._actions,
                prior,
                {t: a for t, a in self._payoffs.items()},
                title=self.title,
            )

    # ---------------------------------------------------------------- strategies
    def normalize_strategy(self, strategy: Any) -> TypeStrategy:
        """Validate a type-contingent profile into ``{type: {action: prob}}`` per player.

        Each player's entry maps every type to an action label, a mapping
        ``{action: probability}`` or a list of probabilities in action order.

        Raises
        ------
        InvalidProfileError
            Wrong number of players, a missing or unknown type, an unknown
            action, negative probabilities or ones not summing to 1.

        Examples
        --------
        >>> import coercion as co
        >>> g = co.BayesianGame(["A"], [["h", "l"]], [["x", "y"]],
        ...                     {"h": "1/2", "l": "1/2"}, lambda t, a: [1])
        >>> g.normalize_strategy([{"h": "x", "l": ["1/3", "2/3"]}])
        ({'h': {'x': Fraction(1, 1), 'y': Fraction(0, 1)}, 'l': {'x': Fraction(1, 3), 'y': Fraction(2, 3)}},)
        """
        n = self.n_players
        if isinstance(strategy, Mapping) or not isinstance(strategy, Sequence):
            raise InvalidProfileError(
                f"{strategy!r} is not one entry per player", field="strategy"
            )
        if len(strategy) != n:
            raise InvalidProfileError(
                f"{len(strategy)} entries given for {n} players", field="strategy"
            )
        out = []
        for i, s in enumerate(strategy):
            if not isinstance(s, Mapping):
                raise InvalidProfileError(
                    f"{s!r} is not a mapping type -> mixed action",
                    field=f"strategy[{i}]",
                )
            extra = set(s) - set(self._types[i])
            if extra:
                raise InvalidProfileError(
                    f"unknown types {sorted(extra)!r}", field=f"strategy[{i}]"
                )
            row = {}
            for t in self._types[i]:
                if t not in s:
                    raise InvalidProfileError(
                        f"no strategy for type {t!r}", field=f"strategy[{i}]"
                    )
                row[t] = self._mixed(i, s[t], f"strategy[{i}][{t!r}]")
            out.append(row)
        return tuple(out)

    def _mixed(self, i: int, value: Any, field: str) -> dict[str, Any]:
        acts = self._actions[i]
        if isinstance(value, str) and value in acts:
            probs: list[Any] = [Fraction(int(a == value)) for a in acts]
        elif isinstance(value, Mapping):
            unknown = set(value) - set(acts)
            if unknown:
                raise InvalidProfileError(
                    f"unknown actions {sorted(unknown)!r}", field=field
                )
            probs = [value.get(a, 0) for a in acts]
        elif isinstance(value, Sequence | np.ndarray) and not isinstance(value, str):
            probs = list(value)
            if len(probs) != len(acts):
                raise InvalidProfileError(
                    f"{len(probs)} probabilities for {len(acts)} actions", field=field
                )
        else:
            raise InvalidProfileError(f"{value!r} is not a mixed action", field=field)
        try:
            vals = [_num(p, field) for p in probs]
        except InvalidGameError as exc:
            raise InvalidProfileError(exc.message, field=field) from None
        if any(v < 0 for v in vals):
            raise InvalidProfileError(f"negative probability in {probs!r}", field=field)
        total = sum(vals, Fraction(0))
        if all(isinstance(v, Fraction) for v in vals):
            if total != 1:
                raise InvalidProfileError(
                    f"probabilities sum to {_fmt(total)}", field=field
                )
        elif abs(float(total) - 1) > 1e-9:
            raise InvalidProfileError(
                f"probabilities sum to {_fmt(total)}", field=field
            )
        if not all(isinstance(v, Fraction) for v in vals):
            vals = [float(v) for v in vals]
        return dict(zip(acts, vals))

    # ---------------------------------------------------------------- payoffs
    def interim_payoffs(self, strategy: Any) -> tuple[dict[str, dict[str, Any]], ...]:
        r"""Each type's payoff of each action, given its type and the others' strategies.

        Parameters
        ----------
        strategy : type-contingent profile
            As :meth:`normalize_strategy` accepts.

        Returns
        -------
        tuple of dict
            Per player ``{type: {action: payoff}}``: the expectation over the
            others' types *conditional* on the own type (``None`` for a type of
            probability 0).

        Raises
        ------
        InvalidProfileError
            If ``strategy`` does not fit the game.
        """
        sig = self.normalize_strategy(strategy)
        n = self.n_players
        out = []
        for i in range(n):
            marg = self.marginal(i)
            row: dict[str, Any] = {}
            for ti in self._types[i]:
                if marg[ti] == 0:
                    row[ti] = None
                    continue
                vals = [0 * marg[ti]] * len(self._actions[i])
                for t, w in self._prior.items():
                    if t[i] != ti or w == 0:
                        continue
                    arr = self._payoffs[t][i]
                    for idx in itertools.product(
                        *(range(len(a)) for a in self._actions)
                    ):
                        q = w
                        for j in range(n):
                            if j != i:
                                q = q * sig[j][t[j]][self._actions[j][idx[j]]]
                        if q != 0:
                            vals[idx[i]] = vals[idx[i]] + q * arr[idx]
                row[ti] = {a: v / marg[ti] for a, v in zip(self._actions[i], vals)}
            out.append(row)
        return tuple(out)

    def expected_payoffs(self, strategy: Any) -> tuple[Any, ...]:
        """Ex-ante expected payoff of each player under the prior.

        Raises
        ------
        InvalidProfileError
            If ``strategy`` does not fit the game.

        Examples
        --------
        >>> import coercion as co
        >>> g = co.BayesianGame(["A"], [["h", "l"]], [["x", "y"]],
        ...                     {"h": "1/2", "l": "1/2"},
        ...                     lambda t, a: [1 if (t[0] == "h") == (a[0] == "x") else 0])
        >>> g.expected_payoffs([{"h": "x", "l": "x"}])
        (Fraction(1, 2),)
        """
        sig = self.normalize_strategy(strategy)
        interim = self.interim_payoffs(sig)
        out = []
        for i in range(self.n_players):
            marg = self.marginal(i)
            total: Any = 0 * next(iter(marg.values()))
            for ti, row in interim[i].items():
                if row is None:
                    continue
                total = total + marg[ti] * sum(
                    (sig[i][ti][a] * v for a, v in row.items()), 0 * marg[ti]
                )
            out.append(total)
        return tuple(out)

    # ---------------------------------------------------------------- other forms
    def plans(self, player: int | str) -> list[tuple[str, ...]]:
        """Pure type-contingent plans of ``player`` (one action per type), in order."""
        i = self.player_index(player)
        return list(itertools.product(self._actions[i], repeat=len(self._types[i])))

    def to_strategic_form(self, form: str = "plans") -> NormalFormGame:
        r"""The ex-ante strategic form (type-contingent plans) or the agent form.

        Parameters
        ----------
        form : {"plans", "agent"}
            ``"plans"``: one player per player, whose strategies are plans
            labelled ``"a|t1, b|t2"``, payoffs the ex-ante expectation.
            ``"agent"``: one player per (player, type), labelled
            ``"player|type"``, choosing an action; an agent's payoff is its
            player's payoff weighted by the prior of the type profile, summed
            over the profiles where it is the player's type (its interim payoff
            times its type's probability).

        Returns
        -------
        NormalFormGame

        Raises
        ------
        InvalidParameterError
            On an unknown ``form``.

        Examples
        --------
        >>> import coercion as co
        >>> g = co.BayesianGame(["A"], [["h", "l"]], [["x", "y"]],
        ...                     {"h": "1/4", "l": "3/4"},
        ...                     lambda t, a: [1 if (t[0] == "h") == (a[0] == "x") else 0])
        >>> f = g.to_strategic_form()
        >>> [(s, f[s][0]) for s in f.strategies[0]]
        [('x|h, x|l', Fraction(1, 4)), ('x|h, y|l', Fraction(1, 1)), ('y|h, x|l', Fraction(0, 1)), ('y|h, y|l', Fraction(3, 4))]
        >>> g.to_strategic_form("agent").players
        ('A|h', 'A|l')

        Notes
        -----
        The plans form has :math:`\prod_i |A_i|^{|T_i|}` pure profiles, the
        agent form :math:`\prod_i |A_i|^{|T_i|}` too but over
        :math:`\sum_i |T_i|` players; the plans form suits the two-player
        solvers, the agent form the n-player ones (Selten 1975 introduced
        the agent form).
        """
        n = self.n_players
        if form == "plans":
            plans = [self.plans(i) for i in range(n)]
            labels = [
                [plan_label(p, self._types[i]) for p in plans[i]] for i in range(n)
            ]
            shape = (n, *(len(p) for p in plans))
            dtype = object if self._exact else np.float64
            arr = np.zeros(shape, dtype=dtype)
            if self._exact:
                arr[...] = Fraction(0)
            for t, w in self._prior.items():
                if w == 0:
                    continue
                pay = self._payoffs[t]
                tidx = [self._types[i].index(t[i]) for i in range(n)]
                # action index played by each plan at this type profile
                pick = [
                    np.array([self._actions[i].index(p[tidx[i]]) for p in plans[i]])
                    for i in range(n)
                ]
                grid = np.ix_(*pick)
                for p in range(n):
                    arr[p] = arr[p] + w * pay[p][grid]
            return NormalFormGame(
                arr,
                players=self._players,
                strategies=labels,
                title=self.title or "Bayesian game (plans)",
            )
        if form == "agent":
            agents = [(i, ti) for i in range(n) for ti in self._types[i]]
            names = [f"{self._players[i]}|{ti}" for i, ti in agents]
            strategies = [self._actions[i] for i, _ in agents]

            def agent_payoffs(*acts: str) -> list[Any]:
                choice = {ag: a for ag, a in zip(agents, acts)}
                out = []
                for i, ti in agents:
                    total: Any = Fraction(0) if self._exact else 0.0
                    for t, w in self._prior.items():
                        if t[i] != ti or w == 0:
                            continue
                        idx = tuple(
                            self._actions[j].index(choice[(j, t[j])]) for j in range(n)
                        )
                        total = total + w * self._payoffs[t][(i, *idx)]
                    out.append(total)
                return out

            return NormalFormGame.from_function(
                agent_payoffs,
                strategies,
                players=names,
                title=self.title or "Bayesian game (agents)",
            )
        raise InvalidParameterError(f"{form!r} is not 'plans' or 'agent'", field="form")

    def to_extensive(self) -> ExtensiveGame:
        r"""The game as a tree: chance draws the types, each player sees only its own.

        Chance picks a type profile of positive probability (actions labelled
        ``"t1, t2"``); the players then move in order, each in an information
        set labelled ``"player: type"`` that gathers every node where it has
        that type, whatever the others' types and earlier moves; so the moves
        are in effect simultaneous and the tree has perfect recall.

        Returns
        -------
        ExtensiveGame

        Examples
        --------
        >>> import coercion as co
        >>> g = co.BayesianGame(["A", "B"], [["-"], ["h", "l"]],
        ...                     [["x", "y"], ["x", "y"]],
        ...                     [{"-": 1}, {"h": "1/3", "l": "2/3"}],
        ...                     lambda t, a: [int(a[0] == a[1]), int(a[1] == "x")])
        >>> tree = g.to_extensive()
        >>> [h.label for h in tree.infosets("B")]
        ['B: h', 'B: l']
        >>> tree.has_perfect_recall()
        True
        """
        from coercion.game.extensive import ExtensiveGame

        n = self.n_players
        tree = ExtensiveGame(
            players=list(self._players), title=self.title or "Bayesian game"
        )
        profiles = [t for t, w in self._prior.items() if w != 0]
        kids = tree.root.chance(
            [", ".join(t) for t in profiles], [self._prior[t] for t in profiles]
        )

        def grow(node: Any, t: tuple[str, ...], i: int, idx: tuple[int, ...]) -> None:
            if i == n:
                arr = self._payoffs[t]
                node.set_outcome([arr[(p, *idx)] for p in range(n)])
                return
            children = node.decide(
                self._players[i],
                list(self._actions[i]),
                infoset=f"{self._players[i]}: {t[i]}",
            )
            for k, child in enumerate(children):
                grow(child, t, i + 1, (*idx, k))

        for node, t in zip(kids, profiles):
            grow(node, t, 0, ())
        return tree

    def __repr__(self) -> str:
        kind = "exact" if self._exact else "float"
        nt = tuple(len(t) for t in self._types)
        na = tuple(len(a) for a in self._actions)
        return (
            f"<BayesianGame {self.n_players} players, types {nt}, actions {na}, {kind}>"
        )


# -------------------------------------------------------------------- checkers
def interim_regrets(game: BayesianGame, strategy: Any) -> tuple[dict[str, Any], ...]:
    r"""Each type's interim regret: its best action's payoff minus its strategy's.

    Parameters
    ----------
    game : BayesianGame
    strategy : type-contingent profile
        As :meth:`BayesianGame.normalize_strategy` accepts.

    Returns
    -------
    tuple of dict
        Per player ``{type: regret}``, exact for exact games and profiles; 0
        for a type of probability 0.

    Raises
    ------
    InvalidProfileError
        If ``strategy`` does not fit the game.

    Examples
    --------
    >>> import coercion as co
    >>> g = co.BayesianGame(["A"], [["h", "l"]], [["x", "y"]],
    ...                     {"h": "1/2", "l": "1/2"},
    ...                     lambda t, a: [1 if (t[0] == "h") == (a[0] == "x") else 0])
    >>> co.interim_regrets(g, [{"h": "x", "l": "x"}])
    ({'h': Fraction(0, 1), 'l': Fraction(1, 1)},)
    """
    sig = game.normalize_strategy(strategy)
    interim = game.interim_payoffs(sig)
    out = []
    for i in range(game.n_players):
        row = {}
        for ti, pay in interim[i].items():
            if pay is None:
                row[ti] = Fraction(0) if game.is_exact else 0.0
                continue
            cur = sum(
                (sig[i][ti][a] * v for a, v in pay.items()),
                0 * next(iter(pay.values())),
            )
            row[ti] = max(pay.values()) - cur
        out.append(row)
    return tuple(out)


def is_bayesian_nash(
    game: BayesianGame, strategy: Any, *, tol: float | None = None
) -> bool:
    """Is ``strategy`` a Bayesian Nash equilibrium (every type's interim regret 0)?

    Parameters
    ----------
    game : BayesianGame
    strategy : type-contingent profile
    tol : float, optional
        Largest regret accepted; default 0 for exact games and profiles, else
        ``1e-9`` times the payoff range (at least 1).

    Raises
    ------
    InvalidProfileError
        If ``strategy`` does not fit the game.

    Examples
    --------
    >>> import coercion as co
    >>> g = co.BayesianGame(["A"], [["h", "l"]], [["x", "y"]],
    ...                     {"h": "1/2", "l": "1/2"},
    ...                     lambda t, a: [1 if (t[0] == "h") == (a[0] == "x") else 0])
    >>> co.is_bayesian_nash(g, [{"h": "x", "l": "y"}])
    True
    """
    regrets = [r for row in interim_regrets(game, strategy) for r in row.values()]
    worst = max(regrets, default=Fraction(0))
    if isinstance(worst, Fraction) and tol is None:
        return worst == 0
    if tol is None:
        rng = max(
            (
                float(np.max(a.astype(float)) - np.min(a.astype(float)))
                for a in game._payoffs.values()
            ),
            default=0.0,
        )
        tol = 1e-9 * max(1.0, rng)
    return float(worst) <= tol


# -------------------------------------------------------------------- solver
@dataclass(frozen=True, eq=False)
class BayesianEquilibrium:
    """A Bayesian Nash equilibrium in type-contingent strategies, with certificate.

    Attributes
    ----------
    game : BayesianGame
    strategy : tuple of dict
        Per player ``{type: {action: probability}}``.
    payoffs : tuple
        Ex-ante expected payoffs.
    interim_payoffs : tuple of dict
        Per player ``{type: expected payoff given the type}`` (None for a type
        of probability 0).
    interim_regrets : tuple of dict
        Per player ``{type: regret}``: the certificate, computed from the
        Bayesian game itself (not from the strategic form it was solved on).
    method : str
    exact : bool
    tol : float
        Largest regret accepted (0 when exact).
    """

    game: BayesianGame
    strategy: TypeStrategy
    payoffs: tuple[Any, ...]
    interim_payoffs: tuple[dict[str, Any], ...]
    interim_regrets: tuple[dict[str, Any], ...]
    method: str
    exact: bool
    tol: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def max_regret(self) -> Any:
        """The largest interim regret of any type."""
        return max(r for row in self.interim_regrets for r in row.values())

    @property
    def is_certified(self) -> bool:
        """True when every type's interim regret is 0 (within ``tol`` for floats)."""
        if self.exact:
            return self.max_regret == 0
        return float(self.max_regret) <= self.tol

    @property
    def is_pure(self) -> bool:
        """True when every type plays one action."""
        return all(
            sum(1 for v in mix.values() if v != 0) == 1
            for row in self.strategy
            for mix in row.values()
        )

    def describe(self) -> list[str]:
        """One line per player: its type-contingent strategy."""
        lines = []
        for i, row in enumerate(self.strategy):
            parts = []
            for ti, mix in row.items():
                support = [(a, v) for a, v in mix.items() if v != 0]
                act = (
                    support[0][0]
                    if len(support) == 1
                    else "(" + ", ".join(f"{a}: {_fmt(v)}" for a, v in support) + ")"
                )
                parts.append(act if len(row) == 1 else f"{act}|{ti}")
            lines.append(f"{self.game.players[i]}: " + ", ".join(parts))
        return lines

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: per player, per type, action probabilities (exact as strings)."""

        def js(v: Any) -> Any:
            return format_exact(v) if isinstance(v, Fraction) else float(v)

        return {
            "strategy": {
                self.game.players[i]: {
                    t: {a: js(v) for a, v in mix.items()} for t, mix in row.items()
                }
                for i, row in enumerate(self.strategy)
            },
            "payoffs": [js(v) for v in self.payoffs],
            "max_regret": js(self.max_regret),
        }

    def __repr__(self) -> str:
        return (
            f"<BayesianEquilibrium {'; '.join(self.describe())} "
            f"payoffs=({', '.join(_fmt(v) for v in self.payoffs)}) "
            f"regret={_fmt(self.max_regret)}>"
        )


class BayesianEquilibriumSet(Sequence[BayesianEquilibrium]):
    """The Bayesian equilibria from one call, with the method used.

    Attributes
    ----------
    method : str
        The strategic-form solver's method and the form solved.
    complete : bool
        Whether the strategic-form solver listed every (extreme) equilibrium.
    """

    def __init__(
        self, items: list[BayesianEquilibrium], method: str, complete: bool
    ) -> None:
        self._items = list(items)
        self.method = method
        self.complete = complete

    def __getitem__(self, i: Any) -> Any:
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[BayesianEquilibrium]:
        return iter(self._items)

    def to_frame(self) -> pd.DataFrame:
        """Tidy table: one row per (equilibrium, player, type, action)."""
        import pandas as pd

        rows = []
        for k, e in enumerate(self._items):
            for i, row in enumerate(e.strategy):
                for t, mix in row.items():
                    for a, v in mix.items():
                        rows.append(
                            {
                                "equilibrium": k,
                                "player": e.game.players[i],
                                "type": t,
                                "action": a,
                                "probability": v,
                                "interim_payoff": e.interim_payoffs[i][t],
                                "interim_regret": e.interim_regrets[i][t],
                            }
                        )
        return pd.DataFrame(rows)

    def to_text(self) -> str:
        """One block per equilibrium."""
        lines = [f"{len(self)} Bayesian equilibria ({self.method})"]
        for k, e in enumerate(self._items):
            pay = ", ".join(_fmt(v) for v in e.payoffs)
            lines.append(f"[{k}] payoffs ({pay}), regret {_fmt(e.max_regret)}")
            lines.extend("    " + s for s in e.describe())
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<BayesianEquilibriumSet {len(self)} equilibria, {self.method}>"


def certify_bayesian(
    game: BayesianGame, strategy: Any, *, method: str, tol: float | None = None
) -> BayesianEquilibrium:
    """Build a :class:`BayesianEquilibrium`, computing its certificate from ``game``.

    Raises
    ------
    InvalidProfileError
        If ``strategy`` does not fit the game.
    """
    sig = game.normalize_strategy(strategy)
    exact = game.is_exact and all(
        isinstance(v, Fraction)
        for row in sig
        for mix in row.values()
        for v in mix.values()
    )
    interim = game.interim_payoffs(sig)
    reg = interim_regrets(game, sig)
    values = tuple(
        {
            t: None
            if pay is None
            else sum(
                (sig[i][t][a] * v for a, v in pay.items()), 0 * next(iter(pay.values()))
            )
            for t, pay in interim[i].items()
        }
        for i in range(game.n_players)
    )
    pays = game.expected_payoffs(sig)
    t = 0.0
    if not exact:
        rng = max(
            float(np.max(a.astype(float)) - np.min(a.astype(float)))
            for a in game._payoffs.values()
        )
        t = 1e-9 * max(1.0, rng) if tol is None else float(tol)
    return BayesianEquilibrium(
        game=game,
        strategy=sig,
        payoffs=pays,
        interim_payoffs=values,
        interim_regrets=reg,
        method=method,
        exact=exact,
        tol=t,
    )


def _behavior_from_plans(
    game: BayesianGame, i: int, plans: list[tuple[str, ...]], probs: Sequence[Any]
) -> dict[str, dict[str, Any]]:
    row = {}
    for k, ti in enumerate(game.types[i]):
        mix = {a: 0 * probs[0] for a in game.actions[i]}
        for plan, q in zip(plans, probs):
            mix[plan[k]] = mix[plan[k]] + q
        row[ti] = mix
    return row


def bayesian_nash(
    game: BayesianGame, method: str = "auto", *, form: str = "plans", **options: Any
) -> BayesianEquilibriumSet:
    r"""Bayesian Nash equilibria, through the strategic form, certified type by type.

    Parameters
    ----------
    game : BayesianGame
    method : str
        Method of :func:`coercion.solve` for the strategic form (``"auto"``:
        every extreme equilibrium of a two-player game, exactly).
    form : {"plans", "agent"}
        Which strategic form to solve (:meth:`BayesianGame.to_strategic_form`).
    **options
        Passed to :func:`coercion.solve` (``one=True``, ``exact``, ``tol``...).

    Returns
    -------
    BayesianEquilibriumSet
        Distinct type-contingent profiles (mixed plans that induce the same
        behavior are merged), each with interim regrets computed from the
        Bayesian game.

    Raises
    ------
    NotSupportedError
        If ``game`` is not a :class:`BayesianGame` or no solver handles its
        strategic form.
    InvalidParameterError
        On an unknown ``form`` or ``method``.

    Examples
    --------
    Matching a private state: the row player wants to match ``B``'s action,
    ``B`` wants ``"x"`` when of type ``"h"`` (probability 1/4):

    >>> import coercion as co
    >>> g = co.BayesianGame(["A", "B"], [["-"], ["h", "l"]],
    ...                     [["x", "y"], ["x", "y"]],
    ...                     [{"-": 1}, {"h": "1/4", "l": "3/4"}],
    ...                     lambda t, a: [int(a[0] == a[1]),
    ...                                   int((a[1] == "x") == (t[1] == "h"))])
    >>> eqs = co.bayesian_nash(g)
    >>> print(eqs.to_text())
    1 Bayesian equilibria (vertex-enumeration (exact) on the plans form)
    [0] payoffs (3/4, 1), regret 0
        A: y
        B: x|h, y|l

    Notes
    -----
    The ex-ante form's equilibria are the Bayesian equilibria when every type
    has positive probability (see the module notes); a mixed plan is mapped to
    behavior by summing, for each type, the probabilities of the plans that
    choose each action there. The certificate is recomputed from the Bayesian
    game, independently of the strategic form. Plans forms are often
    degenerate (plans that differ only at types whose action does not matter
    tie), so equilibria may come in continua; the list then holds the
    behavior of their extreme points (the solver's ``DegenerateGameWarning``
    says so).
    """
    from coercion.errors import NotSupportedError
    from coercion.solve.dispatch import solve

    if not isinstance(game, BayesianGame):
        raise NotSupportedError(
            f"{type(game).__name__} is not a BayesianGame", field="game"
        )
    nfg = game.to_strategic_form(form)
    eqs = solve(nfg, method, **options)
    out: list[BayesianEquilibrium] = []
    seen: set[Any] = set()
    n = game.n_players
    for e in eqs:
        if form == "plans":
            strat = tuple(
                _behavior_from_plans(game, i, game.plans(i), list(e.profile[i]))
                for i in range(n)
            )
        else:
            strat_l: list[dict[str, dict[str, Any]]] = [{} for _ in range(n)]
            k = 0
            for i in range(n):
                for ti in game.types[i]:
                    strat_l[i][ti] = dict(zip(game.actions[i], list(e.profile[k])))
                    k += 1
            strat = tuple(strat_l)
        key = tuple(tuple(tuple(mix.values()) for mix in row.values()) for row in strat)
        if key in seen:
            continue
        seen.add(key)
        out.append(
            certify_bayesian(game, strat, method=f"{eqs.method} on the {form} form")
        )
    return BayesianEquilibriumSet(
        out, f"{eqs.method} on the {form} form", bool(getattr(eqs, "complete", True))
    )
