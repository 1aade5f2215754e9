r"""Coalitions of senders: leakage only from non-members, and effective denial.

When a coalition :math:`C` cuts a fraction :math:`\varphi` of its supply of
:math:`g` to target :math:`T`, only economies outside the coalition can fill
the gap, up to their spare capacity. With the coalition's share of the target's
use :math:`c = \sum_{s \in C} x_{s \to T} / U_T` and the non-members' spare
capacity as a share of that use :math:`\bar s`, the share of the target's use
that is actually denied at once is

.. math:: \delta(c, \bar s) = \max(0,\ \varphi c - \bar s).

Denial rises one for one with the coalition's share once spare capacity is
exhausted, and is zero while non-members can absorb the cut: controls by one
holder fail when others fill the void; they bite when the holders of the
capacity act together (MISSION.md, idea 5).

Examples
--------
A target uses 100 of a good: A supplies 60, B 30, C 10, each with 20 of spare
capacity. A alone (share 0.6) loses to leakage from B and C (40): denial 0.2. A
and B together (share 0.9) leave only C's 20: denial 0.7.

>>> import coercion as co
>>> from coercion.supply import coalition_share, effective_denial
>>> sg = co.SupplyGraph.from_mapping({
...     "flows": [{"exporter": e, "importer": "T", "product": "g", "value": v}
...               for e, v in [("A", 60), ("B", 30), ("C", 10)]],
...     "nodes": [{"economy": e, "product": "g", "spare_capacity": 20}
...               for e in "ABC"]})
>>> coalition_share(sg, ["A"], "T", "g"), effective_denial(sg, ["A"], "T", "g")
(0.6, 0.2)
>>> coalition_share(sg, ["A", "B"], "T", "g"), effective_denial(sg, ["A", "B"], "T", "g")
(0.9, 0.7)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from coercion.errors import InvalidParameterError
from coercion.supply.graph import SupplyGraph
from coercion.supply.propagation import (
    _check_phi,
    _senders,
    leakage,
    lost_flow,
    propagate_cut,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["coalition_share", "denial_fraction", "effective_denial", "denial_table"]


def coalition_share(
    sg: SupplyGraph, members: str | Sequence[str], target: str, product: str
) -> float:
    r"""Members' share of the target's use of ``product``, :math:`c`.

    Parameters
    ----------
    sg : SupplyGraph
    members : str or sequence of str
    target, product : str

    Returns
    -------
    float
        :math:`\sum_{s \in C} x_{s \to T} / U_T`; 0 when the target uses none.

    Raises
    ------
    SupplyGraphError
        If ``(target, product)`` is not a node.
    InvalidParameterError
        If no member is given.

    Examples
    --------
    See the module docstring.
    """
    use = sg.use(target, product)
    if use <= 0:
        return 0.0
    return float(sum(sg.flow(s, target, product) for s in _senders(members)) / use)


def denial_fraction(coalition_share: Any, spare_share: Any, phi: float = 1.0) -> Any:
    r"""Share of the target's use denied at once: :math:`\max(0, \varphi c - \bar s)`.

    Parameters
    ----------
    coalition_share : float or array
        :math:`c`, the coalition's share of the target's use, in ``[0, 1]``.
    spare_share : float or array
        :math:`\bar s`, the spare capacity of non-members (and of the target
        itself) as a share of the target's use, ``>= 0``.
    phi : float, default 1
        Fraction of the coalition's flows cut.

    Raises
    ------
    InvalidParameterError
        If a share is out of range.

    Examples
    --------
    >>> from coercion.supply import denial_fraction
    >>> denial_fraction(0.6, 0.4), denial_fraction(0.9, 0.2)
    (0.2, 0.7)
    >>> denial_fraction([0.2, 0.6, 0.9], 0.3)
    array([0. , 0.3, 0.6])
    """
    phi = _check_phi(phi)
    c = np.asarray(coalition_share, dtype=float)
    s = np.asarray(spare_share, dtype=float)
    if np.any((c < 0) | (c > 1) | np.isnan(c)):
        raise InvalidParameterError(
            f"{coalition_share!r} is not in [0, 1]", field="coalition_share"
        )
    if np.any((s < 0) | np.isnan(s)):
        raise InvalidParameterError(f"{spare_share!r} is negative", field="spare_share")
    out = np.maximum(0.0, phi * c - s)
    out = np.round(out, 15)  # keep 0.9 - 0.2 from printing as 0.7000000000000001
    return float(out) if out.ndim == 0 else out


def effective_denial(
    sg: SupplyGraph,
    members: str | Sequence[str],
    target: str,
    product: str,
    phi: float = 1.0,
) -> float:
    r"""Share of the target's use of ``product`` denied at once by the coalition.

    The cut :math:`L` (:func:`~coercion.supply.lost_flow`) less leakage from
    non-members (:func:`~coercion.supply.leakage`) and the target's own spare
    capacity, over the target's use; before inventories and recovery, which
    :func:`~coercion.supply.propagate_cut` adds over time.

    Parameters
    ----------
    sg : SupplyGraph
    members : str or sequence of str
        The coalition.
    target, product : str
    phi : float in [0, 1], default 1

    Returns
    -------
    float
        Share of the target's use denied, in ``[0, phi * c]``.

    Raises
    ------
    SupplyGraphError
        If ``(target, product)`` is not a node.
    InvalidParameterError
        If ``phi`` is out of range or the target is a member.

    Examples
    --------
    See the module docstring (coalition shares 0.6 and 0.9).
    """
    members = _senders(members)
    use = sg.use(target, product)
    if use <= 0:
        return 0.0
    lost = float(sum(lost_flow(sg, members, target, product, phi).values()))
    spare = {
        e: float(sg.graph.nodes[(e, p)]["spare_capacity"])
        for (e, p) in sg.graph.nodes
        if p == product and e not in members and e != target
    }
    leak, _ = leakage(lost, spare)
    own = float(sg.graph.nodes[(target, product)]["spare_capacity"])
    gap = max(0.0, lost - leak - min(lost - leak, own))
    return float(np.round(gap / use, 15))


def denial_table(
    sg: SupplyGraph,
    coalitions: Iterable[Sequence[str]],
    target: str,
    product: str,
    phi: float = 1.0,
    **cut_options: Any,
) -> pd.DataFrame:
    """Tidy table, one row per coalition: share, leakage, denial, value at risk.

    ``cut_options`` go to :func:`~coercion.supply.propagate_cut` (horizon,
    steps, discount_rate, measure).

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.supply import denial_table
    >>> sg = co.SupplyGraph.from_mapping({
    ...     "flows": [{"exporter": e, "importer": "T", "product": "g", "value": v}
    ...               for e, v in [("A", 60), ("B", 30), ("C", 10)]],
    ...     "nodes": [{"economy": e, "product": "g", "spare_capacity": 20}
    ...               for e in "ABC"]})
    >>> denial_table(sg, [["A"], ["A", "B"]], "T", "g")[["coalition", "share", "denial"]]
      coalition  share  denial
    0         A    0.6     0.2
    1       A+B    0.9     0.7
    """
    import pandas as pd

    rows = []
    for members in coalitions:
        m = _senders(members)
        res = propagate_cut(sg, m, target, product, phi, **cut_options)
        rows.append(
            {
                "coalition": "+".join(m),
                "share": coalition_share(sg, m, target, product),
                "lost_flow": res.lost_flow,
                "leakage": res.leakage,
                "denial": effective_denial(sg, m, target, product, phi),
                "value_at_risk": res.value_at_risk,
            }
        )
    return pd.DataFrame(rows)
