"""Solvers for strategic games: every equilibrium, exact when asked, each certified.

This package is also callable: ``co.solve(game, method="auto", *, one=False,
exact=None, tol=None, **options)`` is :func:`coercion.solve.dispatch.solve`, which
picks a solver by game class and size and says which it used. Each solver is also
a function of its own module (``enumerate_equilibria``, ``pure_equilibria``,
``solve_zero_sum``, ...), re-exported here on first use.

Examples
--------
>>> import coercion as co
>>> pd = co.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> co.solve(pd)[0].to_dict()["profile"]
[['0', '1'], ['0', '1']]
>>> co.solve.pure_equilibria(pd).method
'pure'
"""

import importlib as _importlib
import sys as _sys
import types as _types
from typing import Any

from coercion.solve._result import (
    Component,
    Continuum,
    Equilibrium,
    EquilibriumSet,
    is_nash,
    make_equilibrium,
    player_regrets,
    regret,
)

# public name -> module that defines it (imported on first use: the solvers pull
# in scipy/sympy, which ``import coercion`` must not)
_LAZY: dict[str, str] = {
    "solve": "coercion.solve.dispatch",
    "available_methods": "coercion.solve.dispatch",
    "enumerate_equilibria": "coercion.solve.enumeration",
    "iter_extreme_equilibria": "coercion.solve.enumeration",
    "pure_equilibria": "coercion.solve.pure",
    "iter_pure_equilibria": "coercion.solve.pure",
    "solve_zero_sum": "coercion.solve.zero_sum",
    "ZeroSumSolution": "coercion.solve.zero_sum",
    "support_enumeration": "coercion.solve.support",
    "iter_support_enumeration": "coercion.solve.support",
    "homotopy": "coercion.solve.logit_homotopy",
}

__all__ = [
    "Component",
    "Continuum",
    "Equilibrium",
    "EquilibriumSet",
    "is_nash",
    "make_equilibrium",
    "player_regrets",
    "regret",
    *sorted(_LAZY),
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(_importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'coercion.solve' has no attribute {name!r}")


class _CallableSolvePackage(_types.ModuleType):
    """``coercion.solve`` is both the sub-package and the function ``solve``."""

    def __call__(
        self,
        game: Any,
        method: str = "auto",
        *,
        one: bool = False,
        exact: bool | None = None,
        tol: float | None = None,
        **options: Any,
    ) -> Any:
        from coercion.solve.dispatch import solve

        return solve(game, method, one=one, exact=exact, tol=tol, **options)


_sys.modules[__name__].__class__ = _CallableSolvePackage
