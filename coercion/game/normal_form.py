r"""Strategic (normal-form) games with n players, labelled players and strategies.

Axis convention
---------------
A game with players :math:`0, \dots, n-1` having :math:`s_0, \dots, s_{n-1}` pure
strategies stores its payoffs as one array of shape ``(n, s_0, ..., s_{n-1})``:
``payoffs[p][a_0, ..., a_{n-1}]`` is player ``p``'s payoff when player ``i`` plays
strategy ``a_i``. The axes of every player's array are in player order (unlike
QuantEcon, which rotates each player's own action to the front). For two players
this is the bimatrix convention of Gambit and nashpy: ``A = payoffs[0]`` (row
player) and ``B = payoffs[1]`` (column player), both indexed ``[row, column]``.

Payoffs are exact (:class:`fractions.Fraction` in object arrays) when every entry
is an int, a Fraction or a number string, and float64 otherwise.

Examples
--------
>>> import coercion as co
>>> g = co.NormalFormGame.from_bimatrix(
...     [[3, 0], [5, 1]], [[3, 5], [0, 1]],
...     players=("US", "China"),
...     strategies=(["trade", "restrict"], ["trade", "restrict"]),
... )
>>> g
<NormalFormGame 2x2 exact, players ('US', 'China')>
>>> g["restrict", "trade"]
(Fraction(5, 1), Fraction(0, 1))
>>> g.pure_best_responses("US", [None, "trade"])
['restrict']
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coercion._numbers import as_payoff_array, format_exact
from coercion.errors import InvalidGameError, InvalidProfileError

__all__ = ["NormalFormGame", "MixedProfile"]

MixedProfile = Sequence[Sequence[Any]]
"""A mixed profile: for each player, probabilities of its strategies in order."""


def _labels(
    given: Sequence[Any] | None, n: int, default: Callable[[int], str], field: str
) -> tuple[str, ...]:
    if given is None:
        return tuple(default(i) for i in range(n))
    if isinstance(given, str):
        raise InvalidGameError(f"{given!r} is a string, not a sequence", field=field)
    labels = tuple(given)
    if len(labels) != n:
        raise InvalidGameError(
            f"{len(labels)} labels {list(labels)!r} given for {n} entries", field=field
        )
    out = []
    for i, lab in enumerate(labels):
        if not isinstance(lab, str):
            raise InvalidGameError(
                f"label {lab!r} is not a string", field=f"{field}[{i}]"
            )
        out.append(lab)
    seen: set[str] = set()
    for i, lab in enumerate(out):
        if lab in seen:
            raise InvalidGameError(f"duplicate label {lab!r}", field=f"{field}[{i}]")
        seen.add(lab)
    return tuple(out)


class NormalFormGame:
    """A finite strategic game with labelled players and strategies.

    Parameters
    ----------
    payoffs : array_like
        Array of shape ``(n, s_0, ..., s_{n-1})``; ``payoffs[p][a]`` is player
        ``p``'s payoff at pure profile ``a`` (see the module's axis convention).
        Ints, Fractions and number strings (``"1/3"``, ``"0.25"``) give an exact
        game; any float gives a float game.
    players : sequence of str, optional
        Player labels (default ``"1"``, ``"2"``, ... as in Gambit).
    strategies : sequence of sequences of str, optional
        Strategy labels per player (default ``"1"``, ``"2"``, ...).
    title : str, optional
        A title, kept by Gambit files.
    comment : str, optional
        A free-text comment (sources, notes), kept by Gambit files.
    exact : bool, optional
        Force exact (floats are converted to the Fraction of their binary value)
        or float payoffs. Default: exact when every entry is exact.

    Raises
    ------
    InvalidGameError
        Ragged or wrongly shaped arrays, non-numeric, infinite or NaN payoffs,
        empty strategy sets, label counts that do not match, duplicate labels.

    Examples
    --------
    >>> import coercion as co
    >>> g = co.NormalFormGame([[[1, 0], [0, 1]], [[0, 1], [1, 0]]], title="pennies")
    >>> g.shape, g.is_exact, g.players
    ((2, 2), True, ('1', '2'))
    >>> g.is_zero_sum()
    False
    >>> g.is_constant_sum()
    True
    """

    def __init__(
        self,
        payoffs: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
        comment: str = "",
        exact: bool | None = None,
    ) -> None:
        arr, is_exact = as_payoff_array(payoffs, field="payoffs", exact=exact)
        if arr.ndim < 2:
            raise InvalidGameError(
                f"array of shape {arr.shape} needs at least 2 axes "
                "(players, strategies of player 1, ...)",
                field="payoffs",
            )
        n = arr.shape[0]
        if arr.ndim != n + 1:
            raise InvalidGameError(
                f"shape {arr.shape} has {n} players on axis 0 but {arr.ndim - 1} "
                "strategy axes; expected one strategy axis per player",
                field="payoffs",
            )
        for i, s in enumerate(arr.shape[1:]):
            if s == 0:
                raise InvalidGameError(
                    f"player {i} has 0 strategies", field=f"payoffs.shape[{i + 1}]"
                )
        if not isinstance(title, str):
            raise InvalidGameError(f"{title!r} is not a string", field="title")
        if not isinstance(comment, str):
            raise InvalidGameError(f"{comment!r} is not a string", field="comment")
        self._payoffs = arr
        self._payoffs.setflags(write=False)
        self._exact = is_exact
        self.title = title
        self.comment = comment
        self._players = _labels(players, n, lambda i: str(i + 1), "players")
        if strategies is None:
            strategies = [None] * n  # type: ignore[list-item]
        elif isinstance(strategies, str) or len(strategies) != n:
            raise InvalidGameError(
                f"{strategies!r} does not give one list of labels for each of "
                f"{n} players",
                field="strategies",
            )
        self._strategies = tuple(
            _labels(s, arr.shape[i + 1], lambda k: str(k + 1), f"strategies[{i}]")
            for i, s in enumerate(strategies)
        )

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_bimatrix(
        cls,
        A: Any,
        B: Any = None,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> NormalFormGame:
        """Two-player game from the row player's ``A`` and column player's ``B``.

        ``B`` defaults to ``-A`` (a zero-sum game). Both are indexed ``[row, col]``.

        Examples
        --------
        >>> import coercion as co
        >>> co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]]).is_zero_sum()
        True
        """
        a, ea = as_payoff_array(A, field="A", exact=exact)
        if a.ndim != 2:
            raise InvalidGameError(f"shape {a.shape} is not a matrix", field="A")
        if B is None:
            b, eb = -a, ea
        else:
            b, eb = as_payoff_array(B, field="B", exact=exact)
            if b.shape != a.shape:
                raise InvalidGameError(
                    f"shape {b.shape} differs from A's shape {a.shape}", field="B"
                )
        if ea != eb:
            a, b = (x.astype(np.float64) if e else x for x, e in ((a, ea), (b, eb)))
        stacked = np.empty((2, *a.shape), dtype=a.dtype)
        stacked[0], stacked[1] = a, b
        return cls(stacked, players=players, strategies=strategies, title=title)

    @classmethod
    def from_arrays(
        cls,
        arrays: Sequence[Any],
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> NormalFormGame:
        """Game from one payoff array per player, each of shape ``(s_0, ..., s_{n-1})``.

        Examples
        --------
        >>> import coercion as co
        >>> g = co.NormalFormGame.from_arrays([[[1]], [[2]], [[3]]][:2])
        >>> g.shape
        (1, 1)
        """
        if isinstance(arrays, np.ndarray) or not isinstance(arrays, Sequence):
            arrays = list(arrays)
        if len(arrays) == 0:
            raise InvalidGameError("no payoff arrays given", field="arrays")
        parts = []
        exacts = []
        for p, a in enumerate(arrays):
            arr, e = as_payoff_array(a, field=f"arrays[{p}]", exact=exact)
            parts.append(arr)
            exacts.append(e)
        shape = parts[0].shape
        for p, arr in enumerate(parts):
            if arr.shape != shape:
                raise InvalidGameError(
                    f"shape {arr.shape} differs from player 0's shape {shape}",
                    field=f"arrays[{p}]",
                )
        if len(shape) != len(parts):
            raise InvalidGameError(
                f"{len(parts)} players but arrays have {len(shape)} axes",
                field="arrays",
            )
        all_exact = all(exacts)
        dtype = object if all_exact else np.float64
        stacked = np.empty((len(parts), *shape), dtype=dtype)
        for p, arr in enumerate(parts):
            stacked[p] = arr if all_exact else arr.astype(np.float64)
        return cls(stacked, players=players, strategies=strategies, title=title)

    @classmethod
    def from_function(
        cls,
        func: Callable[..., Sequence[Any]],
        strategies: Sequence[Sequence[str]] | Sequence[int],
        *,
        players: Sequence[str] | None = None,
        title: str = "",
        exact: bool | None = None,
    ) -> NormalFormGame:
        """Game whose payoffs are ``func(*profile)`` at every pure profile.

        ``strategies`` gives, per player, either its strategy labels (then ``func``
        receives labels) or its number of strategies (then ``func`` receives
        indices). ``func`` returns one payoff per player.

        Examples
        --------
        >>> import coercion as co
        >>> def cournot(q1, q2):
        ...     price = 10 - q1 - q2
        ...     return (price * q1, price * q2)
        >>> g = co.NormalFormGame.from_function(cournot, [3, 3])
        >>> g[2, 2]
        (Fraction(12, 1), Fraction(12, 1))
        """
        if isinstance(strategies, str) or not isinstance(strategies, Sequence):
            raise InvalidGameError(
                f"{strategies!r} is not a sequence per player", field="strategies"
            )
        labels: list[list[str]] | None = []
        domains: list[list[Any]] = []
        for i, s in enumerate(strategies):
            if isinstance(s, int) and not isinstance(s, bool):
                if s <= 0:
                    raise InvalidGameError(
                        f"{s!r} strategies is not positive", field=f"strategies[{i}]"
                    )
                domains.append(list(range(s)))
                labels = None if labels is None else labels
                if labels is not None:
                    labels.append([str(k + 1) for k in range(s)])
            elif isinstance(s, Sequence) and not isinstance(s, str):
                domains.append(list(s))
                if labels is not None:
                    labels.append(list(s))
            else:
                raise InvalidGameError(
                    f"{s!r} is neither a count nor a list of labels",
                    field=f"strategies[{i}]",
                )
        n = len(domains)
        shape = tuple(len(d) for d in domains)
        values: list[Any] = []
        for idx in itertools.product(*(range(k) for k in shape)):
            args = [domains[i][idx[i]] for i in range(n)]
            out = func(*args)
            try:
                out = list(out)
            except TypeError:
                raise InvalidGameError(
                    f"func returned {out!r}, not one payoff per player",
                    field=f"func{tuple(args)!r}",
                ) from None
            if len(out) != n:
                raise InvalidGameError(
                    f"func returned {len(out)} payoffs for {n} players",
                    field=f"func{tuple(args)!r}",
                )
            values.append(out)
        arr = np.empty((*shape, n), dtype=object)
        for k, idx in enumerate(itertools.product(*(range(k) for k in shape))):
            for p in range(n):
                arr[(*idx, p)] = values[k][p]
        per_player = [arr[..., p].tolist() for p in range(n)]
        return cls.from_arrays(
            per_player, players=players, strategies=labels, title=title, exact=exact
        )

    # ------------------------------------------------------------------ properties
    @property
    def payoffs(self) -> np.ndarray:
        """Read-only array of shape ``(n, s_0, ..., s_{n-1})``."""
        return self._payoffs

    @property
    def n_players(self) -> int:
        """Number of players."""
        return self._payoffs.shape[0]

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(self._payoffs.shape[1:])

    @property
    def players(self) -> tuple[str, ...]:
        """Player labels."""
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Strategy labels of each player."""
        return self._strategies

    @property
    def is_exact(self) -> bool:
        """True when payoffs are exact rationals."""
        return self._exact

    def payoff_array(self, player: int | str) -> np.ndarray:
        """Player's payoffs, indexed by the pure profile in player order."""
        return self._payoffs[self.player_index(player)]

    def bimatrix(self) -> tuple[np.ndarray, np.ndarray]:
        """``(A, B)`` of a two-player game.

        Raises
        ------
        InvalidGameError
            If the game does not have exactly two players.
        """
        if self.n_players != 2:
            raise InvalidGameError(
                f"game has {self.n_players} players, not 2", field="players"
            )
        return self._payoffs[0], self._payoffs[1]

    def to_float(self) -> NormalFormGame:
        """The same game with float64 payoffs."""
        if not self._exact:
            return self
        return NormalFormGame(
            self._payoffs.astype(np.float64),
            players=self._players,
            strategies=self._strategies,
            title=self.title,
            comment=self.comment,
        )

    def to_exact(self) -> NormalFormGame:
        """The same game with exact payoffs (floats become their exact binary value)."""
        if self._exact:
            return self
        return NormalFormGame(
            self._payoffs,
            players=self._players,
            strategies=self._strategies,
            title=self.title,
            comment=self.comment,
            exact=True,
        )

    # ------------------------------------------------------------------ indexing
    def player_index(self, player: int | str) -> int:
        """Index of a player given by index or label.

        Raises
        ------
        InvalidGameError
            For an unknown label or an index out of range.
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

    def strategy_index(
        self, player: int | str, strategy: int | np.integer | str
    ) -> int:
        """Index of a strategy of ``player`` given by index or label.

        Raises
        ------
        InvalidGameError
            For an unknown label or an index out of range.
        """
        p = self.player_index(player)
        labels = self._strategies[p]
        if isinstance(strategy, str):
            try:
                return labels.index(strategy)
            except ValueError:
                raise InvalidGameError(
                    f"unknown strategy {strategy!r} of player "
                    f"{self._players[p]!r}; strategies are {list(labels)}",
                    field=f"strategies[{p}]",
                ) from None
        if isinstance(strategy, bool) or not isinstance(strategy, int | np.integer):
            raise InvalidGameError(
                f"{strategy!r} is not a strategy", field=f"strategies[{p}]"
            )
        if not 0 <= int(strategy) < len(labels):
            raise InvalidGameError(
                f"strategy index {strategy!r} out of range 0..{len(labels) - 1}",
                field=f"strategies[{p}]",
            )
        return int(strategy)

    def _pure_index(self, profile: Any) -> tuple[int, ...]:
        if isinstance(profile, Mapping):
            missing = [p for p in self._players if p not in profile]
            extra = [k for k in profile if k not in self._players]
            if missing or extra:
                raise InvalidProfileError(
                    f"profile keys {list(profile)} do not match players "
                    f"{list(self._players)}",
                    field="profile",
                )
            profile = [profile[p] for p in self._players]
        if not isinstance(profile, tuple | list):
            profile = (profile,)
        if len(profile) != self.n_players:
            raise InvalidProfileError(
                f"{len(profile)} strategies given for {self.n_players} players",
                field="profile",
            )
        return tuple(self.strategy_index(p, s) for p, s in enumerate(profile))

    def __getitem__(self, profile: Any) -> tuple[Any, ...]:
        """Payoffs (one per player) at a pure profile given by indices or labels."""
        idx = self._pure_index(profile)
        return tuple(self._payoffs[(p, *idx)] for p in range(self.n_players))

    # ------------------------------------------------------------------ profiles
    def normalize_profile(
        self, profile: Any, *, exact: bool | None = None, field: str = "profile"
    ) -> list[np.ndarray]:
        """Validate a mixed profile and return it as one array per player.

        ``profile`` is a sequence (or a mapping by player label) of per-player
        probability vectors; a pure strategy label or index may stand for its
        degenerate mixed strategy. Exact profiles (ints, Fractions, strings) give
        object arrays of Fractions.

        Raises
        ------
        InvalidProfileError
            Wrong number of players or strategies, negative entries, sums not 1
            (exactly for exact profiles, within 1e-9 for floats).
        """
        if isinstance(profile, Mapping):
            missing = [p for p in self._players if p not in profile]
            if missing or len(profile) != self.n_players:
                raise InvalidProfileError(
                    f"keys {list(profile)} do not match players {list(self._players)}",
                    field=field,
                )
            profile = [profile[p] for p in self._players]
        if isinstance(profile, str) or not isinstance(profile, Sequence | np.ndarray):
            raise InvalidProfileError(
                f"{profile!r} is not a profile (one entry per player)", field=field
            )
        if len(profile) != self.n_players:
            raise InvalidProfileError(
                f"{len(profile)} entries given for {self.n_players} players",
                field=field,
            )
        out = []
        for p, sigma in enumerate(profile):
            out.append(self._normalize_mixed(p, sigma, exact, f"{field}[{p}]"))
        return out

    def _normalize_mixed(
        self, p: int, sigma: Any, exact: bool | None, field: str
    ) -> np.ndarray:
        k = self.shape[p]
        if isinstance(sigma, str) or (
            isinstance(sigma, int | np.integer) and not isinstance(sigma, bool)
        ):
            try:
                s = self.strategy_index(p, sigma)
            except InvalidGameError as exc:
                raise InvalidProfileError(exc.message, field=field) from None
            use_exact = True if exact is None else exact
            vec = np.array(
                [Fraction(int(i == s)) for i in range(k)]
                if use_exact
                else [float(i == s) for i in range(k)],
                dtype=object if use_exact else np.float64,
            )
            return vec
        if isinstance(sigma, Mapping):
            vals: list[Any] = [0] * k
            for key, v in sigma.items():
                try:
                    vals[self.strategy_index(p, key)] = v
                except InvalidGameError as exc:
                    raise InvalidProfileError(exc.message, field=field) from None
            sigma = vals
        try:
            vec, is_exact = as_payoff_array(sigma, field=field, exact=exact)
        except InvalidGameError as exc:
            raise InvalidProfileError(exc.message, field=exc.field) from None
        if vec.shape != (k,):
            raise InvalidProfileError(
                f"shape {vec.shape} given for {k} strategies", field=field
            )
        if (vec < 0).any():
            raise InvalidProfileError(
                f"negative probability in {list(vec)!r}", field=field
            )
        total = vec.sum()
        if is_exact:
            if total != 1:
                raise InvalidProfileError(
                    f"probabilities sum to {format_exact(total)}, not 1", field=field
                )
        elif abs(total - 1.0) > 1e-9:
            raise InvalidProfileError(
                f"probabilities sum to {total!r}, not 1", field=field
            )
        return vec

    def expected_payoffs(self, profile: Any) -> tuple[Any, ...]:
        """Expected payoff of each player under a mixed profile.

        Exact when the game and the profile are exact; float otherwise.

        Examples
        --------
        >>> import coercion as co
        >>> g = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
        >>> g.expected_payoffs([["1/2", "1/2"], [1, 0]])
        (Fraction(0, 1), Fraction(0, 1))
        """
        sig = self.normalize_profile(profile)
        return tuple(
            self._contract(self._payoffs[p], sig) for p in range(self.n_players)
        )

    def _as_common(self, sig: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
        exact = self._exact and all(s.dtype == object for s in sig)
        if exact:
            return self._payoffs, sig
        return self._float_payoffs(), [np.asarray(s, dtype=np.float64) for s in sig]

    def _float_payoffs(self) -> np.ndarray:
        if not self._exact:
            return self._payoffs
        cached = getattr(self, "_float_cache", None)
        if cached is None:
            cached = self._payoffs.astype(np.float64)
            self._float_cache = cached
        return cached

    def _contract(self, arr: np.ndarray, sig: list[np.ndarray], skip: int = -1) -> Any:
        exact = self._exact and all(s.dtype == object for s in sig)
        if not exact:
            arr = arr.astype(np.float64) if arr.dtype == object else arr
            sig = [np.asarray(s, dtype=np.float64) for s in sig]
        out = arr
        for i in reversed(range(len(sig))):
            if i == skip:
                continue
            out = np.tensordot(out, sig[i], axes=([i], [0]))
        if isinstance(out, np.ndarray) and out.ndim == 0:
            out = out[()]
        if not exact and not isinstance(out, np.ndarray):
            out = float(out)
        return out

    def deviation_payoffs(self, player: int | str, profile: Any) -> np.ndarray:
        """Payoff to ``player`` of each of its pure strategies against ``profile``.

        The player's own entry of ``profile`` is ignored (it may be ``None``).
        """
        p = self.player_index(player)
        prof = list(profile.values()) if isinstance(profile, Mapping) else list(profile)
        if len(prof) != self.n_players:
            raise InvalidProfileError(
                f"{len(prof)} entries given for {self.n_players} players",
                field="profile",
            )
        sig = []
        for q, s in enumerate(prof):
            if q == p:
                k = self.shape[q]
                sig.append(np.array([Fraction(1, k)] * k, dtype=object))
            else:
                sig.append(self._normalize_mixed(q, s, None, f"profile[{q}]"))
        res = self._contract(self._payoffs[p], sig, skip=p)
        return np.asarray(res)

    def pure_best_responses(
        self, player: int | str, profile: Any, *, tol: float | None = None
    ) -> list[str]:
        """Labels of ``player``'s pure best responses to the others' (mixed) strategies.

        Exact games compare exactly; float games treat payoffs within
        ``tol`` (default ``1e-9`` times the payoff range) as ties.
        """
        p = self.player_index(player)
        dev = self.deviation_payoffs(p, profile)
        best = dev.max()
        if dev.dtype == object:
            idx = [i for i, v in enumerate(dev) if v == best]
        else:
            t = self.default_tol() if tol is None else tol
            idx = [i for i, v in enumerate(dev) if v >= best - t]
        return [self._strategies[p][i] for i in idx]

    def payoff_range(self) -> float:
        """Largest minus smallest payoff over all players (0 for constant games)."""
        arr = self._float_payoffs()
        return float(arr.max() - arr.min())

    def default_tol(self) -> float:
        """The float tolerance used by default: ``1e-9 * max(1, payoff range)``."""
        return 1e-9 * max(1.0, self.payoff_range())

    # ------------------------------------------------------------------ classes
    def is_constant_sum(self) -> bool:
        """True when the players' payoffs add up to the same constant everywhere.

        Float games compare within :meth:`default_tol`.
        """
        total = self._payoffs.sum(axis=0)
        first = total.flat[0]
        if self._exact:
            return bool(all(v == first for v in total.flat))
        return bool(np.all(np.abs(total - first) <= self.default_tol()))

    def is_zero_sum(self) -> bool:
        """True when the payoffs add up to zero at every profile."""
        total = self._payoffs.sum(axis=0)
        if self._exact:
            return bool(all(v == 0 for v in total.flat))
        return bool(np.all(np.abs(total) <= self.default_tol()))

    # ------------------------------------------------------------------ dominance
    def eliminate_dominated(
        self, *, weak: bool = False, mixed: bool = False
    ) -> tuple[NormalFormGame, list[tuple[str, str]]]:
        """Iterated elimination of dominated pure strategies.

        Parameters
        ----------
        weak : bool
            Eliminate weakly dominated strategies (order-dependent: the lowest
            player index first, then the lowest strategy index) instead of strictly
            dominated ones (order-independent).
        mixed : bool
            Also test domination by mixed strategies (a linear program per
            strategy, solved exactly for exact games by support search on small
            games and with scipy's HiGHS otherwise). Default: pure domination.

        Returns
        -------
        reduced : NormalFormGame
            The game with the surviving strategies (labels kept).
        order : list of (player, strategy)
            The eliminated strategies, in the order they were removed.

        Examples
        --------
        >>> import coercion as co
        >>> pd = co.NormalFormGame.from_bimatrix(
        ...     [[3, 0], [5, 1]], [[3, 5], [0, 1]],
        ...     strategies=(["C", "D"], ["C", "D"]))
        >>> reduced, order = pd.eliminate_dominated()
        >>> reduced.strategies, order
        ((('D',), ('D',)), [('1', 'C'), ('2', 'C')])
        """
        keep = [list(range(s)) for s in self.shape]
        order: list[tuple[str, str]] = []
        tol = 0 if self._exact else self.default_tol()
        changed = True
        while changed:
            changed = False
            for p in range(self.n_players):
                if len(keep[p]) <= 1:
                    continue
                sub = self._payoffs[p][np.ix_(*keep)]
                sub = np.moveaxis(sub, p, 0).reshape(len(keep[p]), -1)
                for a in range(len(keep[p])):
                    if self._dominated(sub, a, weak, mixed, tol):
                        order.append(
                            (self._players[p], self._strategies[p][keep[p][a]])
                        )
                        del keep[p][a]
                        changed = True
                        break
                if changed:
                    break
        reduced = NormalFormGame(
            self._payoffs[np.ix_(range(self.n_players), *keep)],
            players=self._players,
            strategies=[
                [self._strategies[p][i] for i in keep[p]] for p in range(self.n_players)
            ],
            title=self.title,
            comment=self.comment,
        )
        return reduced, order

    @staticmethod
    def _dominated(
        sub: np.ndarray, a: int, weak: bool, mixed: bool, tol: float
    ) -> bool:
        row = sub[a]
        for b in range(sub.shape[0]):
            if b == a:
                continue
            diff = sub[b] - row
            if weak:
                if all(d >= -tol for d in diff) and any(d > tol for d in diff):
                    return True
            elif all(d > tol for d in diff):
                return True
        if not mixed or sub.shape[0] < 3:
            return False
        return _mixed_dominated(sub, a, weak, tol)

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        kind = "exact" if self._exact else "float"
        dims = "x".join(str(s) for s in self.shape)
        title = f" {self.title!r}" if self.title else ""
        return f"<NormalFormGame{title} {dims} {kind}, players {self._players}>"

    def _fmt(self, v: Any) -> str:
        if self._exact:
            return format_exact(v)
        return f"{float(v):.6g}"

    def to_text(self) -> str:
        """A readable payoff table (one line per pure profile beyond 2 players).

        Examples
        --------
        >>> import coercion as co
        >>> g = co.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]],
        ...     players=("Row", "Col"), strategies=(["U", "D"], ["L", "R"]))
        >>> print(g.to_text())
        Row \\ Col  L     R
        U          1, 0  0, 1
        D          0, 1  1, 0
        """
        lines = []
        if self.n_players == 2:
            A, B = self.bimatrix()
            head = [f"{self._players[0]} \\ {self._players[1]}", *self._strategies[1]]
            rows = [head]
            for i, lab in enumerate(self._strategies[0]):
                rows.append(
                    [lab]
                    + [
                        f"{self._fmt(A[i, j])}, {self._fmt(B[i, j])}"
                        for j in range(self.shape[1])
                    ]
                )
            widths = [max(len(r[c]) for r in rows) for c in range(len(head))]
            for r in rows:
                lines.append("  ".join(x.ljust(w) for x, w in zip(r, widths)).rstrip())
            return "\n".join(lines)
        lines.append("  ".join(self._players) + "  |  payoffs")
        for idx in itertools.product(*(range(s) for s in self.shape)):
            labs = [self._strategies[p][i] for p, i in enumerate(idx)]
            pays = ", ".join(
                self._fmt(self._payoffs[(p, *idx)]) for p in range(self.n_players)
            )
            lines.append("  ".join(labs) + "  |  " + pays)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        cap = esc(self.title or repr(self))
        if self.n_players == 2:
            A, B = self.bimatrix()
            head = "".join(f"<th>{esc(s)}</th>" for s in self._strategies[1])
            body = []
            for i, lab in enumerate(self._strategies[0]):
                cells = "".join(
                    f"<td>{esc(self._fmt(A[i, j]))}, {esc(self._fmt(B[i, j]))}</td>"
                    for j in range(self.shape[1])
                )
                body.append(f"<tr><th>{esc(lab)}</th>{cells}</tr>")
            corner = f"{esc(self._players[0])} \\ {esc(self._players[1])}"
            return (
                f"<table><caption>{cap}</caption><thead><tr><th>{corner}</th>{head}"
                f"</tr></thead><tbody>{''.join(body)}</tbody></table>"
            )
        head = "".join(f"<th>{esc(p)}</th>" for p in self._players)
        head += "".join(f"<th>u({esc(p)})</th>" for p in self._players)
        body = []
        for idx in itertools.product(*(range(s) for s in self.shape)):
            cells = "".join(
                f"<td>{esc(self._strategies[p][i])}</td>" for p, i in enumerate(idx)
            )
            cells += "".join(
                f"<td>{esc(self._fmt(self._payoffs[(p, *idx)]))}</td>"
                for p in range(self.n_players)
            )
            body.append(f"<tr>{cells}</tr>")
        return (
            f"<table><caption>{cap}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self._players == other._players
            and self._strategies == other._strategies
            and self._exact == other._exact
            and self._payoffs.shape == other._payoffs.shape
            and bool(np.all(self._payoffs == other._payoffs))
        )

    __hash__ = None  # type: ignore[assignment]


def _mixed_dominated(sub: np.ndarray, a: int, weak: bool, tol: float) -> bool:
    """Is row ``a`` of ``sub`` (strict or weakly) dominated by a mix of other rows?

    Solves ``max eps s.t. sum_b x_b sub[b] - sub[a] >= eps, sum x = 1, x >= 0``
    with HiGHS; strictly dominated when the optimum eps is positive.
    """
    from scipy.optimize import linprog

    others = [b for b in range(sub.shape[0]) if b != a]
    M = np.asarray(sub[others], dtype=np.float64)
    r = np.asarray(sub[a], dtype=np.float64)
    k, m = M.shape
    # variables: x (k), eps
    c = np.zeros(k + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-M.T, np.ones((m, 1))])
    b_ub = -r
    A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
    res = linprog(
        c,
        A_ub=A_ub,
        b_ub=b_ub,
        A_eq=A_eq,
        b_eq=[1.0],
        bounds=[(0, None)] * k + [(None, None)],
        method="highs",
    )
    if res.status != 0:
        return False
    margin = max(float(tol), 1e-9 * max(1.0, float(np.abs(sub.astype(float)).max())))
    if -res.fun > margin:
        return True
    if not weak or -res.fun < -margin:
        return False
    # weak: best mix is never worse; strictly better somewhere
    x = res.x[:k]
    diff = x @ M - r
    return bool(np.all(diff >= -margin) and np.any(diff > margin))
