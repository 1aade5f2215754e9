r"""Export controls by a coalition, with leakage to non-members.

:math:`n` holders of a technology (the coalition candidates) each supply a
share :math:`s_i` of the target's needs and decide at the same time to
*control* (stop selling to the target) or *sell*. Non-members have spare
capacity :math:`L` (a share of the target's needs) and fill the void up to
it. The share actually denied to the target is

.. math:: \text{cut}(C) = \max\Big(0, \sum_{j \in C} s_j - L\Big)

for the set :math:`C` of controlling members. Member :math:`i` values the
denial at :math:`W_i` per unit (its security benefit, a public good among
members) and loses its export margin :math:`\pi_i s_i` if it controls:

.. math:: u_i(C) = W_i\,\text{cut}(C) - \pi_i s_i\,[i \in C].

Examples
--------
>>> from coercion.models import coalition_controls, coalition_equilibria
>>> g = coalition_controls(shares=["0.4", "0.3", "0.2"], leakage="0.45",
...                        benefit=3, margin=1, players=("US", "NL", "JP"))
>>> g.shape
(2, 2, 2)
>>> coalition_equilibria(shares=["0.4", "0.3", "0.2"], leakage="0.45",
...                      benefit=3, margin=1)
[('control', 'control', 'control'), ('sell', 'sell', 'sell')]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coercion.errors import InvalidParameterError
from coercion.game.normal_form import NormalFormGame
from coercion.models._params import Number, number

__all__ = [
    "coalition_controls",
    "coalition_equilibria",
    "critical_leakage",
    "CoalitionParams",
]

ACTIONS = ("control", "sell")


@dataclass(frozen=True)
class CoalitionParams:
    """Validated parameters of the coalition game (one entry per member)."""

    shares: tuple[Number, ...]
    leakage: Number
    benefit: tuple[Number, ...]
    margin: tuple[Number, ...]


def _per_member(value: Any, n: int, field: str, **bounds: Any) -> tuple[Number, ...]:
    if isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) != n:
            raise InvalidParameterError(
                f"{len(value)} values given for {n} members", field=field
            )
        return tuple(number(v, f"{field}[{i}]", **bounds) for i, v in enumerate(value))
    x = number(value, field, **bounds)
    return (x,) * n


def _params(shares: Any, leakage: Any, benefit: Any, margin: Any) -> CoalitionParams:
    if isinstance(shares, str) or not isinstance(shares, Sequence) or not shares:
        raise InvalidParameterError(
            f"{shares!r} is not a non-empty list of shares", field="shares"
        )
    s = tuple(
        number(v, f"shares[{i}]", lower=0, strict_lower=True)
        for i, v in enumerate(shares)
    )
    if sum(s) > 1:
        raise InvalidParameterError(
            f"members' shares add up to {sum(s)}, more than 1", field="shares"
        )
    n = len(s)
    return CoalitionParams(
        shares=s,
        leakage=number(leakage, "leakage", lower=0),
        benefit=_per_member(benefit, n, "benefit", lower=0),
        margin=_per_member(margin, n, "margin", lower=0),
    )


def _cut(P: CoalitionParams, members: Sequence[int]) -> Number:
    denied = sum((P.shares[j] for j in members), P.leakage * 0)
    return max(P.leakage * 0, denied - P.leakage)


def coalition_controls(
    shares: Sequence[Any],
    leakage: Any,
    benefit: Any,
    margin: Any,
    *,
    players: Sequence[str] | None = None,
) -> NormalFormGame:
    r"""The coalition export-control game as an n-player strategic game.

    Parameters
    ----------
    shares : sequence of numbers
        Each member's share :math:`s_i > 0` of the target's supply (sum at
        most 1).
    leakage : number
        :math:`L \ge 0`, the non-members' spare capacity (the share of the
        target's needs they can fill).
    benefit : number or sequence
        :math:`W_i \ge 0`, each member's value per unit share denied.
    margin : number or sequence
        :math:`\pi_i \ge 0`, each member's export margin per unit share.
    players : sequence of str, optional
        Member labels (default ``"1"``, ``"2"``, ...).

    Returns
    -------
    NormalFormGame
        Strategies ``"control"`` and ``"sell"`` for every member.

    Raises
    ------
    InvalidParameterError
        On empty or non-positive shares, shares adding up to more than 1,
        negative leakage, benefits or margins, or per-member lists of the
        wrong length.

    Examples
    --------
    >>> from coercion.models import coalition_controls
    >>> g = coalition_controls(["0.5", "0.4"], leakage="0.1", benefit=3, margin=1,
    ...                        players=("US", "NL"))
    >>> print(g.to_text())
    US \ NL  control    sell
    control  19/10, 2   7/10, 6/5
    sell     9/10, 1/2  0, 0

    Notes
    -----
    The payoffs are in the module docstring. Controls fail when the members
    who control hold no more than the leakage (the void is filled) and work
    when enough holders act together: a coordination problem with a
    free-rider temptation, the structure of multilateral export-control
    regimes [1]_ and of the "fill the void" problem [2]_.

    References
    ----------
    .. [1] Mastanduno, M. (1992). *Economic Containment: CoCom and the
       Politics of East-West Trade*. Cornell University Press.
    .. [2] Drezner, D. W. (2000). Bargaining, enforcement, and multilateral
       sanctions: when is cooperation counterproductive? *International
       Organization* 54(1), 73-102.
    """
    P = _params(shares, leakage, benefit, margin)
    n = len(P.shares)
    arrays = []
    for i in range(n):
        arr: list[Any] = []
        for profile in itertools.product(range(2), repeat=n):
            members = [j for j in range(n) if profile[j] == 0]
            cost = P.margin[i] * P.shares[i] if profile[i] == 0 else 0 * P.margin[i]
            arr.append(P.benefit[i] * _cut(P, members) - cost)
        grid = np.empty((2,) * n, dtype=object)
        grid.flat[:] = arr
        arrays.append(grid.tolist())
    return NormalFormGame.from_arrays(
        arrays,
        players=players,
        strategies=[ACTIONS] * n,
        title="coalition export controls",
    )


def coalition_equilibria(
    shares: Sequence[Any], leakage: Any, benefit: Any, margin: Any
) -> list[tuple[str, ...]]:
    r"""Every pure equilibrium of :func:`coalition_controls`, from its conditions.

    Parameters
    ----------
    shares, leakage, benefit, margin
        As in :func:`coalition_controls`.

    Returns
    -------
    list of tuple of str
        Action profiles, in the lexicographic order of the game (member 0
        slowest, ``"control"`` first).

    Raises
    ------
    InvalidParameterError
        As :func:`coalition_controls`.

    Examples
    --------
    >>> from coercion.models import coalition_equilibria
    >>> coalition_equilibria(["0.5", "0.4"], leakage="0.1", benefit=3, margin=1)
    [('control', 'control')]
    >>> coalition_equilibria(["0.5", "0.4"], leakage="0.5", benefit=3, margin=1)
    [('control', 'control'), ('sell', 'sell')]

    Notes
    -----
    A set :math:`C` of controlling members is an equilibrium exactly when no
    member gains by switching: each member of :math:`C` adds at least its
    margin to its benefit,
    :math:`W_i (\text{cut}(C) - \text{cut}(C \setminus i)) \ge \pi_i s_i`, and
    no outsider would,
    :math:`W_i (\text{cut}(C \cup i) - \text{cut}(C)) \le \pi_i s_i`. A
    member's marginal contribution is
    :math:`\min(s_i, \max(0, \sum_C s - L))` when it is the last to join.
    """
    P = _params(shares, leakage, benefit, margin)
    n = len(P.shares)
    out = []
    for profile in itertools.product(range(2), repeat=n):
        C = [j for j in range(n) if profile[j] == 0]
        ok = True
        for i in range(n):
            cost = P.margin[i] * P.shares[i]
            if i in C:
                gain = P.benefit[i] * (_cut(P, C) - _cut(P, [j for j in C if j != i]))
                ok = gain >= cost
            else:
                gain = P.benefit[i] * (_cut(P, [*C, i]) - _cut(P, C))
                ok = gain <= cost
            if not ok:
                break
        if ok:
            out.append(tuple(ACTIONS[a] for a in profile))
    return out


def critical_leakage(shares: Sequence[Any], benefit: Any, margin: Any) -> Number | None:
    r"""The largest leakage at which the grand coalition is an equilibrium.

    Parameters
    ----------
    shares, benefit, margin
        As in :func:`coalition_controls`.

    Returns
    -------
    number or None
        :math:`L^* = \min_i (S - \pi_i s_i / W_i)` with :math:`S = \sum_i s_i`,
        floored at 0 only in the sense that a negative value means no leakage
        is small enough; None when some member's margin exceeds its benefit
        (:math:`\pi_i > W_i`), so that it free-rides whatever the leakage.

    Raises
    ------
    InvalidParameterError
        As :func:`coalition_controls`.

    Examples
    --------
    >>> from coercion.models import critical_leakage
    >>> critical_leakage(["0.4", "0.3", "0.2"], benefit=3, margin=1)
    Fraction(23, 30)

    Notes
    -----
    With every member controlling, member :math:`i`'s marginal cut is
    :math:`\min(s_i, \max(0, S - L))`. It stays when
    :math:`W_i \min(s_i, \max(0, S - L)) \ge \pi_i s_i`, which needs
    :math:`W_i \ge \pi_i` and :math:`L \le S - \pi_i s_i / W_i`.
    """
    P = _params(shares, 0, benefit, margin)
    S = sum(P.shares, P.leakage * 0)
    bounds = []
    for s, W, pi in zip(P.shares, P.benefit, P.margin, strict=True):
        if pi == 0:
            bounds.append(S)
            continue
        if W < pi:
            return None
        bounds.append(S - pi * s / W)
    return min(bounds)
