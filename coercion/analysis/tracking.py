r"""Equilibrium tracking: follow each equilibrium along a parameter.

Along a sorted list of parameter values the equilibria at one value are matched
to those at the next by the smallest total distance between their profiles
(an assignment problem, solved by :func:`scipy.optimize.linear_sum_assignment`),
provided the distance of a matched pair stays below ``max_jump``. A matched
equilibrium continues its *branch*; an unmatched one starts a new branch, and a
branch that finds no partner ends. Two branches that end together, close to
each other, are a *fold* (a saddle-node: a stable and an unstable equilibrium
meet and vanish), which a plot of "probability that the target retaliates"
shows as a branch turning back.

Examples
--------
Chicken with crash cost ``c``: for ``c < 1`` standing firm is dominant; for
``c > 1`` there are two pure equilibria and a mixed one in which each side
stands firm with probability :math:`1/c`. Tracking shows that the mixed
equilibrium is the continuation of the dominant-strategy one:

>>> import sympy as sp
>>> import coercion as co
>>> c = sp.Symbol("c")
>>> chicken = co.SymbolicGame.from_bimatrix(
...     [[0, -1], [1, -c]], [[0, 1], [-1, -c]],
...     strategies=(["back down", "stand firm"], ["back down", "stand firm"]))
>>> tr = co.track(chicken, "c", [0.5, 0.95, 1.05, 1.2, 1.5, 2.0, 3.0])
>>> tr.n_branches
3
>>> tr.branch(0)["2:stand firm"].round(3).tolist()
[1.0, 1.0, 0.952, 0.833, 0.667, 0.5, 0.333]
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from coercion.errors import DegenerateGameWarning, InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["track", "TrackResult"]


@dataclass
class TrackResult:
    """Branches of equilibria along one parameter.

    Attributes
    ----------
    frame : pandas.DataFrame
        One row per (value, equilibrium): the parameter, ``branch``, the
        probability columns ``<player>:<strategy>``, ``payoff:<player>``,
        ``max_regret``.
    param : str
    folds : list of (float, int, int)
        ``(value, branch_a, branch_b)`` where two branches ended together.
    """

    frame: pd.DataFrame
    param: str
    folds: list[tuple[float, int, int]] = field(default_factory=list)

    @property
    def n_branches(self) -> int:
        """Number of branches."""
        return int(self.frame["branch"].max()) + 1 if len(self.frame) else 0

    def branch(self, k: int) -> pd.DataFrame:
        """The rows of branch ``k``, in parameter order."""
        return self.frame[self.frame["branch"] == k].reset_index(drop=True)

    def __repr__(self) -> str:
        return (
            f"<TrackResult {self.param}: {self.n_branches} branches, "
            f"{len(self.folds)} folds>"
        )


def _builder(model: Any, param: str, fixed: dict[str, Any]) -> Callable[[float], Any]:
    from coercion.analysis.thresholds import _family

    fam = _family(model, param, fixed)
    return fam.game_at


def track(
    model: Any,
    param: str,
    values: Sequence[float],
    *,
    fixed: dict[str, Any] | None = None,
    max_jump: float = 0.25,
    solver: Callable[[Any], Any] | None = None,
) -> TrackResult:
    r"""Follow every equilibrium of ``model`` along ``values`` of ``param``.

    Parameters
    ----------
    model : SymbolicGame, ParametricGame or callable
        The family of games (as for :func:`coercion.thresholds`).
    param : str
        The parameter.
    values : sequence of float
        Strictly increasing parameter values.
    fixed : dict, optional
        Values of the other parameters.
    max_jump : float
        Largest distance (max over players of the total-variation distance of
        the mixed strategies) between matched equilibria at consecutive values.
    solver : callable, optional
        ``solver(game) -> EquilibriumSet``; default all equilibria.

    Returns
    -------
    TrackResult

    Raises
    ------
    InvalidParameterError
        Values not strictly increasing or not finite, ``max_jump`` not positive.

    Notes
    -----
    The matching minimises the summed distance over all pairs (Kuhn–Munkres),
    so two branches that cross are kept apart where a greedy nearest-neighbour
    rule would swap them. The grid must be fine enough that an equilibrium
    moves less than ``max_jump`` between neighbouring values.
    """
    import pandas as pd
    from scipy.optimize import linear_sum_assignment

    xs = np.asarray(values, dtype=np.float64)
    if xs.ndim != 1 or xs.size == 0 or not np.all(np.isfinite(xs)):
        raise InvalidParameterError(
            f"{values!r} is not a list of numbers", field="values"
        )
    if np.any(np.diff(xs) <= 0):
        raise InvalidParameterError(
            f"{values!r} is not strictly increasing", field="values"
        )
    if not (isinstance(max_jump, float | int) and max_jump > 0):
        raise InvalidParameterError(f"{max_jump!r} is not positive", field="max_jump")
    build = _builder(model, param, dict(fixed or {}))
    if solver is None:
        from coercion.analysis.thresholds import all_equilibria

        solver = all_equilibria
    rows: list[dict[str, Any]] = []
    prev: list[tuple[int, list[np.ndarray]]] = []  # (branch, profile)
    n_branches = 0
    ended: list[tuple[float, int, list[np.ndarray]]] = []
    folds: list[tuple[float, int, int]] = []
    for x in xs:
        game = build(float(x))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            eqs = list(solver(game))
        profs = [[np.asarray(s, dtype=np.float64) for s in e.profile] for e in eqs]
        assign: dict[int, int] = {}
        if prev and profs:
            cost = np.array(
                [
                    [
                        max(0.5 * np.abs(a - b).sum() for a, b in zip(pp, q))
                        for q in profs
                    ]
                    for _, pp in prev
                ]
            )
            r, cidx = linear_sum_assignment(cost)
            for i, j in zip(r, cidx):
                if cost[i, j] <= max_jump:
                    assign[j] = prev[i][0]
        matched = set(assign.values())
        gone = [(b, pp) for b, pp in prev if b not in matched]
        for (b1, p1), (b2, p2) in itertools.combinations(gone, 2):
            if max(0.5 * np.abs(a - b).sum() for a, b in zip(p1, p2)) <= max_jump:
                folds.append((float(x), b1, b2))
        ended.extend((float(x), b, pp) for b, pp in gone)
        new_prev = []
        for j, (e, pp) in enumerate(zip(eqs, profs)):
            if j not in assign:
                assign[j] = n_branches
                n_branches += 1
            b = assign[j]
            new_prev.append((b, pp))
            row: dict[str, Any] = {param: float(x), "branch": b}
            for p, pl in enumerate(game.players):
                for s, v in zip(game.strategies[p], pp[p]):
                    row[f"{pl}:{s}"] = float(v)
                row[f"payoff:{pl}"] = float(e.payoffs[p])
            row["max_regret"] = float(e.max_regret)
            rows.append(row)
        prev = new_prev
    frame = pd.DataFrame(rows).sort_values([param, "branch"], kind="stable")
    return TrackResult(frame.reset_index(drop=True), param, folds)
