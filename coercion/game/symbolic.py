r"""Games whose payoffs depend on named parameters: symbolic and parametric games.

Two classes connect the models and the payoff compiler to the solvers and the
threshold finders:

- :class:`SymbolicGame` holds payoffs as sympy expressions in named parameters
  (same axis convention as :class:`~coercion.NormalFormGame`); it can be
  substituted (giving an exact or float :class:`~coercion.NormalFormGame`),
  differentiated, and turned into a vectorised numpy function over stacks of
  parameter values.
- :class:`ParametricGame` is any map from parameter values to a game, with default
  values, an optional vectorised builder of payoff stacks (for sweeps over millions
  of points) and an optional :class:`SymbolicGame` (for exact thresholds).

Examples
--------
>>> import sympy as sp
>>> from coercion.game.symbolic import SymbolicGame, ParametricGame
>>> c = sp.Symbol("c", positive=True)
>>> chicken = SymbolicGame.from_bimatrix(
...     [[0, -1], [1, -c]], [[0, 1], [-1, -c]],
...     players=("Sender", "Target"),
...     strategies=(["back down", "stand firm"], ["back down", "stand firm"]),
... )
>>> chicken.symbols
(c,)
>>> chicken.subs(c=10)["stand firm", "stand firm"]
(Fraction(-10, 1), Fraction(-10, 1))
>>> model = ParametricGame.from_symbolic(chicken, {"c": 10})
>>> model.stack(c=[2.0, 10.0]).shape
(2, 2, 2, 2)
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coercion.errors import InvalidGameError, InvalidParameterError
from coercion.game.normal_form import NormalFormGame

__all__ = ["SymbolicGame", "ParametricGame"]


def _sympify_array(data: Any, field: str) -> np.ndarray:
    import sympy as sp

    arr = np.asarray(data, dtype=object)
    if arr.ndim == 0:
        raise InvalidGameError(f"{data!r} is not an array", field=field)
    out = np.empty(arr.shape, dtype=object)
    for idx in np.ndindex(arr.shape):
        v = arr[idx]
        if isinstance(v, Fraction):
            v = sp.Rational(v.numerator, v.denominator)
        try:
            e = sp.sympify(v, strict=True) if not isinstance(v, sp.Basic) else v
        except (sp.SympifyError, TypeError):
            raise InvalidGameError(
                f"{v!r} is not a number or sympy expression",
                field=f"{field}{list(idx)}",
            ) from None
        if e.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            raise InvalidGameError(f"{e} is not finite", field=f"{field}{list(idx)}")
        out[idx] = e
    return out


def _to_number(e: Any, field: str) -> Any:
    import sympy as sp

    if e.free_symbols:
        raise InvalidParameterError(
            f"payoff {e} still depends on {sorted(map(str, e.free_symbols))}",
            field=field,
        )
    if e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    val = complex(sp.N(e, 30))
    if abs(val.imag) > 0 or not np.isfinite(val.real):
        raise InvalidParameterError(f"payoff {e} is not a finite real", field=field)
    return float(val.real)


class SymbolicGame:
    """A strategic game with sympy-expression payoffs in named parameters.

    Parameters
    ----------
    payoffs : array_like of sympy expressions or numbers
        Shape ``(n, s_0, ..., s_{n-1})``, the axis convention of
        :class:`~coercion.NormalFormGame`.
    players, strategies, title
        Labels, as for :class:`~coercion.NormalFormGame`.

    Raises
    ------
    InvalidGameError
        Bad shapes or labels, entries that are not expressions, infinite entries.
    """

    def __init__(
        self,
        payoffs: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> None:
        arr = _sympify_array(payoffs, "payoffs")
        if arr.ndim < 2 or arr.ndim != arr.shape[0] + 1:
            raise InvalidGameError(
                f"shape {arr.shape} is not (n_players, s_1, ..., s_n)", field="payoffs"
            )
        # borrow label validation from NormalFormGame on a zero game of this shape
        probe = NormalFormGame(
            np.zeros(arr.shape, dtype=int),
            players=players,
            strategies=strategies,
            title=title,
        )
        self._payoffs = arr
        self.players = probe.players
        self.strategies = probe.strategies
        self.title = title

    @classmethod
    def from_bimatrix(
        cls,
        A: Any,
        B: Any,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> SymbolicGame:
        """Two-player symbolic game from the row player's ``A`` and column's ``B``."""
        a = _sympify_array(A, "A")
        b = _sympify_array(B, "B")
        if a.ndim != 2 or a.shape != b.shape:
            raise InvalidGameError(
                f"A has shape {a.shape} and B {b.shape}; need equal matrices",
                field="B",
            )
        stacked = np.empty((2, *a.shape), dtype=object)
        stacked[0], stacked[1] = a, b
        return cls(stacked, players=players, strategies=strategies, title=title)

    @property
    def payoffs(self) -> np.ndarray:
        """Object array of sympy expressions, shape ``(n, s_0, ..., s_{n-1})``."""
        return self._payoffs

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(self._payoffs.shape[1:])

    @property
    def n_players(self) -> int:
        """Number of players."""
        return self._payoffs.shape[0]

    @property
    def symbols(self) -> tuple[Any, ...]:
        """The free parameters, sorted by name."""
        syms: set[Any] = set()
        for e in self._payoffs.flat:
            syms |= e.free_symbols
        return tuple(sorted(syms, key=lambda s: s.name))

    def _symbol_map(self, values: Mapping[str, Any]) -> dict[Any, Any]:
        import sympy as sp

        by_name = {s.name: s for s in self.symbols}
        out = {}
        for k, v in values.items():
            key = k if isinstance(k, sp.Symbol) else by_name.get(str(k))
            if key is None:
                raise InvalidParameterError(
                    f"unknown parameter {k!r}; parameters are {sorted(by_name)}",
                    field="values",
                )
            if isinstance(v, Fraction):
                v = sp.Rational(v.numerator, v.denominator)
            elif isinstance(v, float):
                if not np.isfinite(v):
                    raise InvalidParameterError(f"{v!r} is not finite", field=str(k))
                v = sp.Float(v, 17)
            elif isinstance(v, numbers.Number) and not isinstance(v, sp.Basic):
                v = sp.sympify(v)
            out[key] = v
        return out

    def partial(
        self, values: Mapping[str, Any] | None = None, **kw: Any
    ) -> SymbolicGame:
        """Substitute some parameters, keeping the game symbolic."""
        mapping = self._symbol_map({**(values or {}), **kw})
        arr = np.empty(self._payoffs.shape, dtype=object)
        for idx, expr in np.ndenumerate(self._payoffs):
            arr[idx] = expr.subs(mapping)
        return SymbolicGame(
            arr, players=self.players, strategies=self.strategies, title=self.title
        )

    def subs(
        self, values: Mapping[str, Any] | None = None, **kw: Any
    ) -> NormalFormGame:
        """Substitute every parameter and return a :class:`~coercion.NormalFormGame`.

        Rational values (ints, Fractions, sympy Rationals) give an exact game;
        floats a float game.

        Raises
        ------
        InvalidParameterError
            Unknown parameter names, a parameter left free, a non-finite payoff.
        """
        mapping = self._symbol_map({**(values or {}), **kw})
        missing = [s.name for s in self.symbols if s not in mapping]
        if missing:
            raise InvalidParameterError(f"no value for {missing}", field="values")
        arr = np.empty(self._payoffs.shape, dtype=object)
        for idx, expr in np.ndenumerate(self._payoffs):
            arr[idx] = _to_number(expr.subs(mapping), f"payoffs{list(idx)}")
        exact = all(isinstance(v, Fraction) for v in arr.flat)
        return NormalFormGame(
            arr if exact else arr.astype(np.float64),
            players=self.players,
            strategies=self.strategies,
            title=self.title,
        )

    def diff(self, symbol: Any) -> SymbolicGame:
        """Derivative of every payoff with respect to ``symbol`` (a Symbol or name)."""
        (sym,) = self._symbol_map({symbol: 0}).keys()
        arr = np.empty(self._payoffs.shape, dtype=object)
        for idx, expr in np.ndenumerate(self._payoffs):
            arr[idx] = expr.diff(sym)
        return SymbolicGame(
            arr, players=self.players, strategies=self.strategies, title=self.title
        )

    def lambdify(self) -> Callable[..., np.ndarray]:
        """A numpy function of the parameters (in :attr:`symbols` order, by keyword)
        returning payoff stacks of shape ``(K, n, s_0, ..., s_{n-1})``."""
        import sympy as sp

        syms = self.symbols
        flat = list(self._payoffs.flat)
        fn = sp.lambdify(syms, flat, modules="numpy")
        shape = self._payoffs.shape

        def stack(**arrays: Any) -> np.ndarray:
            missing = [s.name for s in syms if s.name not in arrays]
            if missing:
                raise InvalidParameterError(f"no values for {missing}", field="arrays")
            args = [
                np.atleast_1d(np.asarray(arrays[s.name], dtype=np.float64))
                for s in syms
            ]
            k = int(np.broadcast_shapes(*(a.shape for a in args))[0]) if args else 1
            vals = fn(*args)
            out = np.empty((k, *shape), dtype=np.float64)
            flat_out = out.reshape(k, -1)
            for j, v in enumerate(vals):
                flat_out[:, j] = np.broadcast_to(np.asarray(v, dtype=np.float64), (k,))
            return out

        return stack

    def __repr__(self) -> str:
        dims = "x".join(str(s) for s in self.shape)
        names = ", ".join(s.name for s in self.symbols)
        return f"<SymbolicGame {dims} in ({names}), players {self.players}>"


class ParametricGame:
    """A family of strategic games indexed by named parameters.

    Parameters
    ----------
    build : callable
        ``build(**params) -> NormalFormGame``.
    defaults : mapping
        Every parameter's default value (this also fixes the parameter names).
    stack : callable, optional
        Vectorised builder ``stack(**arrays) -> ndarray`` of shape
        ``(K, n, s_0, ..., s_{n-1})`` (float payoffs) for arrays of K parameter
        values; without it :meth:`stack` loops over :meth:`game`.
    symbolic : SymbolicGame, optional
        The same family with sympy payoffs, for exact thresholds.
    name : str
        A short name used in tables and figures.
    """

    def __init__(
        self,
        build: Callable[..., NormalFormGame],
        defaults: Mapping[str, Any],
        *,
        stack: Callable[..., np.ndarray] | None = None,
        symbolic: SymbolicGame | None = None,
        name: str = "",
    ) -> None:
        if not callable(build):
            raise InvalidParameterError(f"{build!r} is not callable", field="build")
        self._build = build
        self.defaults = dict(defaults)
        self._stack = stack
        self.symbolic = symbolic
        self.name = name

    @classmethod
    def from_symbolic(
        cls, game: SymbolicGame, defaults: Mapping[str, Any], *, name: str = ""
    ) -> ParametricGame:
        """The parametric family of a :class:`SymbolicGame`."""
        names = {s.name for s in game.symbols}
        missing = sorted(names - set(defaults))
        if missing:
            raise InvalidParameterError(f"no default for {missing}", field="defaults")
        return cls(
            lambda **p: game.subs(p),
            defaults,
            stack=game.lambdify(),
            symbolic=game,
            name=name or game.title,
        )

    @property
    def parameters(self) -> tuple[str, ...]:
        """Parameter names."""
        return tuple(self.defaults)

    def _merge(self, params: Mapping[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(params) - set(self.defaults))
        if unknown:
            raise InvalidParameterError(
                f"unknown parameters {unknown}; parameters are {list(self.defaults)}",
                field="params",
            )
        return {**self.defaults, **params}

    def game(self, **params: Any) -> NormalFormGame:
        """The game at the defaults overridden by ``params``."""
        return self._build(**self._merge(params))

    __call__ = game

    def stack(self, **arrays: Any) -> np.ndarray:
        """Float payoff stack ``(K, n, s_0, ...)`` for arrays of parameter values.

        Parameters not given take their defaults; given ones broadcast together.
        """
        merged = self._merge(arrays)
        if self._stack is not None:
            if self.symbolic is not None:
                names = {s.name for s in self.symbolic.symbols}
                merged = {k: v for k, v in merged.items() if k in names}
            return self._stack(**merged)
        arrs = {k: np.atleast_1d(np.asarray(v)) for k, v in arrays.items()}
        k = (
            int(np.broadcast_shapes(*(a.shape for a in arrs.values()))[0])
            if arrs
            else 1
        )
        arrs = {key: np.broadcast_to(v, (k,)) for key, v in arrs.items()}
        first = self._build(
            **self._merge({key: v[0].item() for key, v in arrs.items()})
        )
        out = np.empty((k, *first.payoffs.shape), dtype=np.float64)
        out[0] = first.payoffs.astype(np.float64)
        for i in range(1, k):
            g = self._build(
                **self._merge({key: v[i].item() for key, v in arrs.items()})
            )
            out[i] = g.payoffs.astype(np.float64)
        return out

    def __repr__(self) -> str:
        return f"<ParametricGame {self.name!r} parameters {list(self.defaults)}>"
