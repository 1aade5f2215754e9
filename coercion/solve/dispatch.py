r"""``co.solve``: one entry point that picks a solver by game class and size.

Every solver is also callable directly; this module keeps a *registry* of them,
name -> callable (or ``"module:function"`` path, imported on first use, so that a
solver whose module is absent is simply not offered), and a rule for
``method="auto"``:

==========================  ======================================================
game                        method
==========================  ======================================================
two players, all            ``"enumeration"`` (every extreme equilibrium, exact
                            for exact games, with components)
two players, ``one=True``   ``"zero-sum"`` (linear programming) for constant-sum
                            games; ``"lemke-howson"`` from 36 strategy pairs
                            (``m * n``) on when available; else the first
                            equilibrium found by ``"enumeration"``
n players                   ``"support-enumeration"`` when available (``one=True``:
                            a one-equilibrium method when available)
one player                  ``"pure"``
game tree                   as its reduced strategic form, answered in behavior
                            strategies
stack ``(K, m, n)``         ``"stack"`` (all equilibria of every game at once)
==========================  ======================================================

Examples
--------
>>> import coercion as co
>>> bos = co.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> eqs = co.solve(bos)
>>> eqs.method, len(eqs)
('vertex-enumeration (exact)', 3)
>>> co.solve(bos, method="pure").info["profiles"].tolist()
[[0, 0], [1, 1]]
>>> "enumeration" in co.solve.available_methods()
True
"""

from __future__ import annotations

import importlib
import inspect
import math
import sys
import warnings
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from coercion.errors import InvalidParameterError, NotSupportedError
from coercion.game.normal_form import NormalFormGame
from coercion.solve._result import Equilibrium, EquilibriumSet

__all__ = [
    "solve",
    "METHODS",
    "available_methods",
    "get_method",
    "solve_file_game",
    "TreeSolution",
]

METHODS: dict[str, Callable[..., Any] | str] = {
    "enumeration": "coercion.solve.enumeration:enumerate_equilibria",
    "pure": "coercion.solve.pure:pure_equilibria",
    "zero-sum": "coercion.solve.zero_sum:zero_sum_equilibria",
    "stack": "coercion.solve.stack:solve_stack",
    "lemke-howson": "coercion.solve.lemke_howson:lemke_howson",
    "support-enumeration": "coercion.solve.support:support_enumeration",
    "simplicial": "coercion.solve.simplicial:simplicial_subdivision",
    "homotopy": "coercion.solve.logit_homotopy:homotopy",
    "subgame-perfect": "coercion.solve.subgame_perfect:subgame_perfect_equilibria",
}
"""The solver registry: name -> callable or ``"module:function"`` (lazy).

A solver is called as ``func(game, **kwargs)`` with those of ``exact``, ``tol``,
``one`` and the caller's options that its signature accepts, and returns an
:class:`EquilibriumSet` (an :class:`Equilibrium` or an iterable of them is
wrapped). A solver that does not accept ``one`` but is asked for one equilibrium
has its result cut to the first. Add a solver with one line:
``METHODS["name"] = "coercion.solve.module:function"``.
"""

# Preference order of ``auto`` among the registered names.
_AUTO_N_PLAYER_ALL = ("support-enumeration",)
_AUTO_N_PLAYER_ONE = ("simplicial", "homotopy", "support-enumeration")
_LEMKE_HOWSON_MIN_CELLS = 36  # one=True: LH from 6 x 6 (m * n) on
_SPE = ("subgame-perfect", "spe")

_resolved: dict[str, Callable[..., Any] | None] = {}


def _resolve(name: str) -> Callable[..., Any] | None:
    target = METHODS.get(name)
    if target is None:
        return None
    if callable(target):
        return target
    cache_key = f"{name}={target}"
    if cache_key in _resolved:
        return _resolved[cache_key]
    module_name, _, attr = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        # Only a missing solver module means "not available"; a solver module
        # that fails to import something else is a bug and must surface.
        if exc.name is None or not module_name.startswith(exc.name):
            raise
        func = None
    else:
        func = getattr(module, attr, None)
    _resolved[cache_key] = func
    return func


def available_methods() -> list[str]:
    """Names of the registered solvers whose modules are installed.

    Returns
    -------
    list of str
        In registry order.

    Examples
    --------
    >>> from coercion.solve.dispatch import available_methods
    >>> [m for m in ("enumeration", "pure", "zero-sum") if m in available_methods()]
    ['enumeration', 'pure', 'zero-sum']
    """
    return [name for name in METHODS if _resolve(name) is not None]


def get_method(name: str) -> Callable[..., Any]:
    """The solver registered under ``name``.

    Parameters
    ----------
    name : str
        A name of :func:`available_methods`.

    Returns
    -------
    callable

    Raises
    ------
    InvalidParameterError
        If no solver of that name is available; the message lists the valid
        names.

    Examples
    --------
    >>> from coercion.solve.dispatch import get_method
    >>> get_method("pure").__name__
    'pure_equilibria'
    """
    func = _resolve(name) if isinstance(name, str) else None
    if func is None:
        valid = ", ".join(repr(m) for m in ["auto", *available_methods()])
        raise InvalidParameterError(
            f"unknown method {name!r}; valid methods are {valid}", field="method"
        )
    return func


def _call(func: Callable[..., Any], game: Any, kwargs: dict[str, Any]) -> Any:
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):  # pragma: no cover - builtins
        return func(game, **kwargs)
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return func(game, **kwargs)
    accepted = {k: v for k, v in kwargs.items() if k in params}
    unknown = sorted(set(kwargs) - set(accepted) - {"exact", "tol", "one"})
    if unknown:
        raise InvalidParameterError(
            f"option {unknown[0]!r} is not accepted by this method; it accepts "
            f"{sorted(k for k in params if k != next(iter(params)))}",
            field="options",
        )
    # exact/tol that a method cannot honour are dropped only when left at their
    # defaults; an explicit request it cannot meet is an error.
    for key in ("exact", "tol"):
        if key in kwargs and key not in accepted and kwargs[key] is not None:
            raise InvalidParameterError(
                f"{key}={kwargs[key]!r} is not supported by this method",
                field=key,
            )
    return func(game, **accepted)


def _as_set(
    result: Any, game: Any, name: str, one: bool, accepts_one: bool
) -> EquilibriumSet:
    if isinstance(result, Equilibrium):
        eqs = EquilibriumSet(
            result.game,
            [result],
            method=result.method,
            exact=result.exact,
            complete=False,
        )
    elif isinstance(result, EquilibriumSet):
        eqs = result
    elif isinstance(result, Iterable):
        items = list(result)
        if not all(isinstance(e, Equilibrium) for e in items):
            raise TypeError(f"method {name!r} returned {type(result).__name__}")
        eqs = EquilibriumSet(
            game,
            items,
            method=items[0].method if items else name,
            exact=all(e.exact for e in items) if items else bool(game.is_exact),
            complete=False,
        )
    else:
        raise TypeError(f"method {name!r} returned {type(result).__name__}")
    if one and not accepts_one and len(eqs) > 1:
        eqs = EquilibriumSet(
            eqs.game,
            [eqs[0]],
            method=eqs.method,
            exact=eqs.exact,
            complete=False,
            info=eqs.info,
        )
    eqs.info.setdefault("solver", name)
    return eqs


def _is_stack(game: Any) -> bool:
    if isinstance(game, np.ndarray):
        return game.ndim == 3
    if isinstance(game, tuple | list) and len(game) == 2:
        return all(np.ndim(x) == 3 for x in game)
    return False


def _auto(game: NormalFormGame, one: bool) -> str:
    n = game.n_players
    if n == 1:
        return "pure"
    if n == 2:
        if one:
            if game.is_constant_sum():
                return "zero-sum"
            if (
                game.shape[0] * game.shape[1] >= _LEMKE_HOWSON_MIN_CELLS
                and _resolve("lemke-howson") is not None
            ):
                return "lemke-howson"
        return "enumeration"
    for name in _AUTO_N_PLAYER_ONE if one else _AUTO_N_PLAYER_ALL:
        if _resolve(name) is not None:
            return name
    raise NotSupportedError(
        f"no solver for {'one' if one else 'all'} equilibria of {n}-player games "
        f"is available (methods: {', '.join(available_methods())}); "
        "method='pure' finds the pure equilibria",
        field="game",
    )


def solve(
    game: Any,
    method: str = "auto",
    *,
    one: bool = False,
    exact: bool | None = None,
    tol: float | None = None,
    **options: Any,
) -> Any:
    r"""Nash equilibria of a game, by a solver chosen for its class and size.

    Parameters
    ----------
    game : NormalFormGame, ExtensiveGame, or array of shape (K, m, n)
        A strategic game with any number of players; a game tree (solved
        through its reduced strategic form); or a stack of ``K`` bimatrix
        games (``A`` alone for zero-sum games, or a pair ``(A, B)``).
    method : str
        ``"auto"`` (default) or a name of :func:`available_methods`:
        ``"enumeration"``, ``"pure"``, ``"zero-sum"``, ``"stack"``, and, when
        installed, ``"lemke-howson"``, ``"support-enumeration"``,
        ``"simplicial"``.
    one : bool
        Return one equilibrium (faster methods become eligible).
    exact : bool, optional
        Exact rational arithmetic (the default for exact games) or floating
        point (the default for float games); passed to the method.
    tol : float, optional
        Float tolerance of the certificates; passed to the method.
    **options
        Further keyword arguments of the chosen method.

    Returns
    -------
    EquilibriumSet
        The equilibria, each with its certificate. ``method`` says which
        algorithm ran and ``info["solver"]`` its registry name; ``complete``
        says whether every (extreme) equilibrium is listed. For a tree, a
        :class:`TreeSolution` (behavior strategies; the strategic-form
        :class:`EquilibriumSet` when the tree lacks perfect recall). For a
        stack of games, the :class:`~coercion.solve.stack.StackSolution` of
        :func:`~coercion.solve.stack.solve_stack`.

    Raises
    ------
    InvalidParameterError
        If ``method`` is unknown (the message lists the valid ones), or an
        option is not accepted by the chosen method.
    NotSupportedError
        If no available method handles this game (e.g. all equilibria of an
        n-player game without an n-player solver), or ``game`` is not a game.

    Examples
    --------
    >>> import coercion as co
    >>> chicken = co.NormalFormGame.from_bimatrix([[0, -1], [1, -10]], [[0, 1], [-1, -10]])
    >>> [e.to_dict()["profile"] for e in co.solve(chicken)]
    [[['1', '0'], ['0', '1']], [['9/10', '1/10'], ['9/10', '1/10']], [['0', '1'], ['1', '0']]]
    >>> mp = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> co.solve(mp, one=True).method
    'zero-sum LP (HiGHS, exact)'
    >>> co.solve(mp, method="newton")
    Traceback (most recent call last):
    ...
    coercion.errors.InvalidParameterError: method: unknown method 'newton'; valid methods are 'auto', 'enumeration', ...

    Notes
    -----
    ``auto`` follows the table in :mod:`coercion.solve.dispatch`: two-player
    games get the complete exact enumeration of extreme equilibria
    (:func:`~coercion.solve.enumeration.enumerate_equilibria`), which also
    reports continua as components; one equilibrium of a constant-sum game
    comes from linear programming, of a large game from Lemke–Howson when it
    is installed. Warnings of the chosen method (such as
    :class:`~coercion.errors.DegenerateGameWarning`) are reported at the
    caller's line.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = _solve(game, method, one, exact, tol, options)
    for w in caught:
        warnings.warn(w.message, w.category, stacklevel=_caller_level())
    return result


def _caller_level() -> int:
    """Stack level of the code that called ``solve`` (directly or as ``co.solve``)."""
    frame = sys._getframe(2)  # the caller of ``solve``
    level = 2  # for warnings.warn called in ``solve``: 1 is ``solve`` itself
    while frame is not None and frame.f_globals.get("__name__") in (
        "coercion.solve",
        __name__,
    ):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


def _solve(
    game: Any,
    method: str,
    one: bool,
    exact: bool | None,
    tol: float | None,
    options: dict[str, Any],
) -> Any:
    if not isinstance(method, str):
        raise InvalidParameterError(f"{method!r} is not a method name", field="method")
    if not isinstance(one, bool | np.bool_):
        raise InvalidParameterError(f"{one!r} is not True or False", field="one")
    if tol is not None:
        try:
            ok = math.isfinite(float(tol)) and float(tol) >= 0
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise InvalidParameterError(
                f"{tol!r} is not a non-negative number", field="tol"
            )
    if _is_stack(game):
        name = "stack" if method == "auto" else method
        func = get_method(name)
        args = tuple(game) if isinstance(game, tuple | list) else (game,)
        return func(*args, **options)
    if _is_tree(game):
        eqs = solve(
            game.reduced_strategic_form(),
            method,
            one=one,
            exact=exact,
            tol=tol,
            **options,
        )
        return _tree_solution(game, eqs)
    if not isinstance(game, NormalFormGame):
        raise NotSupportedError(
            f"{type(game).__name__} is not a NormalFormGame, an ExtensiveGame "
            "or a stack of (K, m, n) payoff arrays",
            field="game",
        )
    name = _auto(game, bool(one)) if method == "auto" else method
    func = get_method(name)
    kwargs: dict[str, Any] = {"exact": exact, "tol": tol, **options}
    accepts_one = _accepts(func, "one")
    if accepts_one:
        kwargs["one"] = bool(one)
    result = _call(func, game, kwargs)
    return _as_set(result, game, name, bool(one), accepts_one)


def _is_tree(game: Any) -> bool:
    return not isinstance(game, NormalFormGame) and hasattr(
        game, "reduced_strategic_form"
    )


def _tree_solution(game: Any, eqs: EquilibriumSet) -> EquilibriumSet | TreeSolution:
    """Behavior strategies when the tree has them (perfect recall), else ``eqs``."""
    if not hasattr(game, "mixed_to_behavior"):
        return eqs
    try:
        return TreeSolution(game, eqs)
    except NotSupportedError:
        # Without perfect recall a mixed strategy may have no equivalent
        # behavior strategy (Kuhn 1953): keep the reduced strategic form's.
        eqs.info["behavior"] = "none: the tree lacks perfect recall"
        return eqs


def _accepts(func: Callable[..., Any], param: str) -> bool:
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):  # pragma: no cover
        return False
    return param in params


# ---------------------------------------------------------------- files / CLI
class TreeSolution:
    """Equilibria of a game tree, as behavior strategies.

    Solving a tree means solving its reduced strategic form; each equilibrium is
    then translated to a realization-equivalent behavior profile (Kuhn).

    Attributes
    ----------
    game : ExtensiveGame
    equilibria : EquilibriumSet
        The equilibria of :meth:`ExtensiveGame.reduced_strategic_form`.
    behavior : list
        Per equilibrium, per player, per information set (in order of first
        appearance), the action probabilities.
    """

    def __init__(self, game: Any, equilibria: EquilibriumSet) -> None:
        self.game = game
        self.equilibria = equilibria
        self.behavior = [
            game.mixed_to_behavior([list(s) for s in e.profile]) for e in equilibria
        ]

    @property
    def method(self) -> str:
        return self.equilibria.method

    @property
    def exact(self) -> bool:
        return self.equilibria.exact

    def __len__(self) -> int:
        return len(self.equilibria)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``coercion solve --json`` for a tree."""
        from coercion.solve._result import _json_num

        out = []
        for e, beh in zip(self.equilibria, self.behavior):
            out.append(
                {
                    "profile": [
                        [[_json_num(v) for v in h] for h in player] for player in beh
                    ],
                    "payoffs": [_json_num(v) for v in e.payoffs],
                    "max_regret": _json_num(e.max_regret),
                }
            )
        return {"equilibria": out, "method": self.method, "exact": self.exact}

    def to_text(self) -> str:
        """A readable listing: per equilibrium, each information set's mix."""
        from coercion.solve._result import _fmt

        lines = [
            f"{len(self)} equilibria of the reduced strategic form, method "
            f"{self.method}, {'exact' if self.exact else 'float'}"
        ]
        for k, (e, beh) in enumerate(zip(self.equilibria, self.behavior)):
            pay = ", ".join(_fmt(v) for v in e.payoffs)
            lines.append(
                f"equilibrium {k}: payoffs ({pay}), regret {_fmt(e.max_regret)}"
            )
            for p, player in enumerate(beh):
                for h, probs in zip(self.game.infosets(p), player):
                    label = getattr(h, "label", "") or f"set {h.index + 1}"
                    mix = ", ".join(f"{a}: {_fmt(v)}" for a, v in zip(h.actions, probs))
                    lines.append(f"  {self.game.players[p]} [{label}] {mix}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<TreeSolution of {len(self)} equilibria, method={self.method!r}, "
            f"{'exact' if self.exact else 'float'}>"
        )


_MODES = ("all", "one", "pure", "spe")


def solve_file_game(
    game: Any,
    *,
    mode: str = "all",
    exact: bool | None = None,
    method: str = "auto",
) -> EquilibriumSet | TreeSolution:
    """Solve a game read from a file, as ``coercion solve`` does.

    Parameters
    ----------
    game : NormalFormGame or ExtensiveGame
        As returned by :func:`coercion.read_game`.
    mode : {"all", "one", "pure", "spe"}
        All equilibria, one, the pure ones, or the subgame-perfect ones of a
        tree.
    exact : bool, optional
        Exact or float arithmetic (default: exact for exact games).
    method : str
        Solver name, or ``"auto"``.

    Returns
    -------
    EquilibriumSet or TreeSolution
        A tree's equilibria are those of its reduced strategic form, shown as
        behavior strategies.

    Raises
    ------
    InvalidParameterError
        If ``mode`` or ``method`` is unknown, or ``mode="pure"`` is combined
        with another method.
    NotSupportedError
        If ``mode="spe"`` and no subgame-perfect solver is available, or the
        game is neither a strategic game nor a tree.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.solve.dispatch import solve_file_game
    >>> g = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> solve_file_game(g, mode="one").to_dict()
    {'equilibria': [{'profile': [['1/2', '1/2'], ['1/2', '1/2']], 'payoffs': ['0', '0'], 'max_regret': '0'}], 'method': 'zero-sum LP (HiGHS, exact)', 'exact': True}
    """
    if mode not in _MODES:
        raise InvalidParameterError(
            f"unknown mode {mode!r}; valid modes are {', '.join(_MODES)}",
            field="mode",
        )
    if mode == "pure":
        if method not in ("auto", "pure"):
            raise InvalidParameterError(
                f"--pure cannot be combined with method {method!r}", field="method"
            )
        method = "pure"
    if mode == "spe":
        if not _is_tree(game):
            raise NotSupportedError(
                f"subgame-perfect equilibria (--spe) need a game tree (.efg); "
                f"this is a {type(game).__name__}",
                field="mode",
            )
        name = next((n for n in _SPE if _resolve(n) is not None), None)
        if name is None:
            raise NotSupportedError(
                "subgame-perfect equilibria (--spe) are not available in this "
                "version; solve without --spe for the Nash equilibria of the "
                "reduced strategic form",
                field="mode",
            )
        return get_method(name)(game)
    if not isinstance(game, NormalFormGame) and not _is_tree(game):
        raise NotSupportedError(
            f"{type(game).__name__} is neither a strategic game nor a tree",
            field="game",
        )
    return solve(game, method, one=mode == "one", exact=exact)
