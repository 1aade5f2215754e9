r"""Substitution after a threat: how fast a target's dependence falls.

Once threatened, a target works its way out of the chokehold, and the way it
chooses depends on its own **capability** :math:`c \in [0, 1]` in the product
and on how fast the **technology** moves, :math:`v \in [0, 1]` (MISSION.md,
idea 7). We read the four ways as the corners of that square:

=============  ==============  ===================================================
way            corner          what the target does
=============  ==============  ===================================================
``dig in``     weak, slow      stockpiles and builds the same technology slowly
``jam``        weak, fast      cannot catch a moving frontier; evades (stocks,
                               transshipment, grey imports): dependence persists
``attack``     strong, slow    builds substitutes at scale, head on: fast decline
``leapfrog``   strong, fast    skips a generation: no decline until its own
                               generation arrives, then a steep one
=============  ==============  ===================================================

Each way has a decay rate :math:`\lambda` (per year), a residual share
:math:`\underline d` (the floor of dependence it cannot remove) and a delay
:math:`\Delta` (years before dependence starts to fall). A target between the
corners gets the bilinear blend of the four parameter sets, weighted
:math:`(1-c)(1-v)`, :math:`(1-c)v`, :math:`c(1-v)`, :math:`cv`, so every result
is continuous in :math:`c` and :math:`v` (thresholds stay well defined). After
a threat at time 0 the target's dependence is

.. math:: \frac{D(t)}{D(0)} = \begin{cases} 1, & t \le \Delta,\\
          \underline d + (1 - \underline d)\, e^{-\lambda (t - \Delta)}, & t > \Delta.
          \end{cases}

So a threat used today lowers tomorrow's leverage: :func:`substitute` moves the
lost share of the senders' flows to the target's own production, and a later cut
of the new graph puts less value at risk.

The default parameters (:data:`DEFAULT_RESPONSES`) are illustrative, set by hand
to match the orders of magnitude in ``reference/cases.md``: *attack* ~ Korea's
hydrogen fluoride (Japan's share of imports about 44 % -> 13 % within some 1.5
years, 2019-20); *dig in* ~ Japan's rare earths (about 90 % -> 60-70 % in
10-15 years after 2010); *jam* ~ Korea's photoresist (91.9 % -> 85.2 %, 2019-21);
*leapfrog* ~ China's AI accelerators (a multi-year generation roadmap). They are
not estimates; pass ``responses=`` to use your own.

Examples
--------
>>> from coercion.supply import chokehold_response
>>> r = chokehold_response(capability=0.9, tech_speed=0.1)
>>> r.mode
'attack'
>>> round(float(r.dependence_ratio(1.0)), 4)
0.5845
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coercion.errors import InvalidParameterError
from coercion.supply.graph import SupplyGraph
from coercion.supply.propagation import _senders

__all__ = [
    "DEFAULT_RESPONSES",
    "ChokeholdResponse",
    "chokehold_response",
    "dependence_after_threat",
    "substitute",
    "substitution_revenue_loss",
]

#: Corner parameters of the four ways: rate (1/year), floor, delay (years).
DEFAULT_RESPONSES: dict[str, dict[str, float]] = {
    "dig in": {"rate": 0.2, "floor": 0.65, "delay": 0.0},
    "jam": {"rate": 0.3, "floor": 0.85, "delay": 0.0},
    "attack": {"rate": 1.2, "floor": 0.1, "delay": 0.25},
    "leapfrog": {"rate": 1.0, "floor": 0.0, "delay": 2.0},
}
_WAYS = ("dig in", "jam", "attack", "leapfrog")


@dataclass(frozen=True)
class ChokeholdResponse:
    """A target's substitution response (see the module docstring).

    Attributes
    ----------
    mode : str
        The dominant way (largest weight).
    weights : dict
        Weight of each way.
    rate, floor, delay : float
        Blended decay rate (per year), residual share, delay (years).
    """

    mode: str
    weights: dict[str, float]
    rate: float
    floor: float
    delay: float

    def lost_share_integral(self, a: Any, b: Any) -> np.ndarray:
        r"""Exact :math:`\int_a^b \bigl(1 - D(t)/D(0)\bigr)\,dt` (years).

        With :math:`u = (t - \Delta)^+`, the lost share is
        :math:`(1 - \underline d)(1 - e^{-\lambda u})`.
        """
        a = np.clip(np.asarray(a, dtype=float) - self.delay, 0.0, None)
        b = np.clip(np.asarray(b, dtype=float) - self.delay, 0.0, None)
        if self.rate <= 0:
            return np.zeros_like(b - a)
        decay = (np.exp(-self.rate * a) - np.exp(-self.rate * b)) / self.rate
        return (1.0 - self.floor) * ((b - a) - decay)

    def dependence_ratio(self, t: Any) -> np.ndarray:
        """:math:`D(t)/D(0)` at times ``t`` (years after the threat)."""
        t = np.asarray(t, dtype=float)
        after = np.clip(t - self.delay, 0.0, None)
        return self.floor + (1.0 - self.floor) * np.exp(-self.rate * after)


def _unit(x: float, name: str) -> float:
    x = float(x)
    if not 0.0 <= x <= 1.0:
        raise InvalidParameterError(f"{x!r} is not in [0, 1]", field=name)
    return x


def chokehold_response(
    capability: float,
    tech_speed: float,
    *,
    responses: Mapping[str, Mapping[str, float]] | None = None,
) -> ChokeholdResponse:
    """The target's way out of a chokehold and its decay parameters.

    Parameters
    ----------
    capability : float in [0, 1]
        The target's own capability in the product.
    tech_speed : float in [0, 1]
        How fast the technology changes (0: mature, 1: frontier moving fast).
    responses : mapping, optional
        Corner parameters ``{way: {"rate", "floor", "delay"}}`` for the four ways
        ``"dig in"``, ``"jam"``, ``"attack"``, ``"leapfrog"``; defaults to
        :data:`DEFAULT_RESPONSES`.

    Raises
    ------
    InvalidParameterError
        If an argument or a corner parameter is out of range.

    Examples
    --------
    >>> from coercion.supply import chokehold_response
    >>> chokehold_response(0.0, 0.0).mode, chokehold_response(0.0, 1.0).mode
    ('dig in', 'jam')
    >>> r = chokehold_response(0.5, 0.5)
    >>> round(r.rate, 4), round(r.floor, 4), round(r.delay, 4)
    (0.675, 0.4, 0.5625)
    """
    c = _unit(capability, "capability")
    v = _unit(tech_speed, "tech_speed")
    table = DEFAULT_RESPONSES if responses is None else responses
    weights = {
        "dig in": (1 - c) * (1 - v),
        "jam": (1 - c) * v,
        "attack": c * (1 - v),
        "leapfrog": c * v,
    }
    params = {}
    for key in ("rate", "floor", "delay"):
        total = 0.0
        for way in _WAYS:
            try:
                x = float(table[way][key])
            except KeyError:
                raise InvalidParameterError(
                    f"missing {key!r} for {way!r}", field=f"responses.{way}.{key}"
                ) from None
            bad = x < 0 or math.isnan(x) or math.isinf(x) or (key == "floor" and x > 1)
            if bad:
                raise InvalidParameterError(
                    f"{x!r} is out of range", field=f"responses.{way}.{key}"
                )
            total += weights[way] * x
        params[key] = total
    mode = max(_WAYS, key=lambda w: (weights[w], -_WAYS.index(w)))
    return ChokeholdResponse(mode=mode, weights=weights, **params)


def dependence_after_threat(
    initial: Any,
    years: Any,
    capability: float,
    tech_speed: float,
    *,
    responses: Mapping[str, Mapping[str, float]] | None = None,
) -> np.ndarray:
    r"""Dependence ``years`` after a threat: :math:`D(0)\, D(t)/D(0)`.

    Examples
    --------
    >>> from coercion.supply import dependence_after_threat
    >>> dependence_after_threat(0.9, [0, 5, 50], capability=0, tech_speed=0).round(4)
    array([0.9   , 0.7009, 0.585 ])
    """
    r = chokehold_response(capability, tech_speed, responses=responses)
    return np.asarray(initial, dtype=float) * r.dependence_ratio(years)


def substitute(
    sg: SupplyGraph,
    senders: str | Sequence[str],
    target: str,
    product: str,
    years: float,
    *,
    tech_speed: float,
    capability: float | None = None,
    responses: Mapping[str, Mapping[str, float]] | None = None,
) -> SupplyGraph:
    r"""The supply graph ``years`` after the senders threatened the target.

    The target's imports of ``product`` from each sender shrink by the factor
    :math:`D(t)/D(0)` of :func:`chokehold_response`; the difference becomes
    domestic supply, and the target's production grows by it.

    Parameters
    ----------
    sg : SupplyGraph
    senders, target, product
        The threat.
    years : float
        Time since the threat.
    tech_speed : float in [0, 1]
    capability : float in [0, 1], optional
        Defaults to the ``capability`` attribute of ``(target, product)``.
    responses : mapping, optional
        Corner parameters (see :func:`chokehold_response`).

    Returns
    -------
    SupplyGraph
        A new graph; ``sg`` is unchanged.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.supply import substitute
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "JP", "importer": "KR", "product": "HF", "value": 44},
    ...     {"exporter": "CN", "importer": "KR", "product": "HF", "value": 56}],
    ...     "nodes": [{"economy": "KR", "product": "HF", "capability": 1.0}]})
    >>> later = substitute(sg, "JP", "KR", "HF", 1.5, tech_speed=0.0)
    >>> round(later.flow("JP", "KR", "HF"), 2), round(later.flow("KR", "KR", "HF"), 2)
    (13.24, 30.76)
    """
    members = _senders(senders)
    years = float(years)
    if not years >= 0:
        raise InvalidParameterError(f"{years!r} is negative", field="years")
    node = (str(target), str(product))
    if capability is None:
        capability = float(sg.node_attrs(*node)["capability"])
    ratio = float(
        chokehold_response(
            capability, tech_speed, responses=responses
        ).dependence_ratio(years)
    )
    data = sg.to_mapping()
    moved = 0.0
    for row in data["flows"]:
        if (
            row["importer"] == node[0]
            and row["product"] == node[1]
            and row["exporter"] in members
        ):
            moved += row["value"] * (1.0 - ratio)
            if row.get("quantity") is not None:
                row["quantity"] *= ratio
            row["value"] *= ratio
    if moved > 0:
        for row in data["flows"]:
            if (
                row["exporter"] == row["importer"] == node[0]
                and row["product"] == node[1]
            ):
                row["value"] += moved
                break
        else:
            data["flows"].append(
                {
                    "exporter": node[0],
                    "importer": node[0],
                    "product": node[1],
                    "value": moved,
                }
            )
        for row in data["nodes"]:
            # an explicit production grows; a defaulted one follows the flows.
            # Senders keep their stated capacity (it becomes idle, not spare).
            if (row["economy"], row["product"]) == node and "production" in row:
                row["production"] += moved
    return SupplyGraph.from_mapping(data)


def substitution_revenue_loss(
    sg: SupplyGraph,
    senders: str | Sequence[str],
    target: str,
    product: str,
    *,
    tech_speed: float,
    capability: float | None = None,
    horizon: float = 10.0,
    steps: int = 40,
    discount_rate: float = 0.0,
    responses: Mapping[str, Mapping[str, float]] | None = None,
) -> dict[str, float]:
    r"""Each sender's discounted export revenue lost as the target substitutes away.

    After a threat at time 0 the target's imports from sender *s* fall to
    :math:`x_{s \to T}\, D(t)/D(0)` (:func:`chokehold_response`), so *s* loses

    .. math:: x_{s \to T} \sum_k (1 + r)^{-t_k}
              \int_{t_k}^{t_{k+1}} \bigl(1 - D(t)/D(0)\bigr)\,dt

    for good, whether or not the threat is carried out: the "future revenue
    lost when the target substitutes away" of the payoff compiler.

    Parameters
    ----------
    sg : SupplyGraph
    senders, target, product
        The threat.
    tech_speed : float in [0, 1]
    capability : float in [0, 1], optional
        Defaults to the ``capability`` attribute of ``(target, product)``.
    horizon : float, default 10
        Years counted.
    steps : int, default 40
        Periods for discounting (each period's integral is exact).
    discount_rate : float, default 0
    responses : mapping, optional
        Corner parameters (see :func:`chokehold_response`).

    Returns
    -------
    dict
        ``{sender: discounted lost revenue}``.

    Raises
    ------
    InvalidParameterError
        If an argument is out of range.

    Examples
    --------
    A capable target of a mature technology (attack: rate 1.2, floor 0.1, delay
    0.25) and 100 a year of imports; over 2.25 years, undiscounted, the sender
    loses :math:`100 \cdot 0.9\,[2 - (1 - e^{-2.4})/1.2] = 111.80`:

    >>> import coercion as co
    >>> from coercion.supply import substitution_revenue_loss
    >>> sg = co.SupplyGraph.from_mapping({"flows": [
    ...     {"exporter": "JP", "importer": "KR", "product": "hf", "value": 100}],
    ...     "nodes": [{"economy": "KR", "product": "hf", "capability": 1.0}]})
    >>> loss = substitution_revenue_loss(sg, "JP", "KR", "hf", tech_speed=0.0,
    ...                                  horizon=2.25, steps=9)
    >>> round(loss["JP"], 2)
    111.8
    """
    from coercion.supply.propagation import _times, discount_factors

    members = _senders(senders)
    node = (str(target), str(product))
    if capability is None:
        capability = float(sg.node_attrs(*node)["capability"])
    response = chokehold_response(capability, tech_speed, responses=responses)
    times = _times(horizon, steps)
    weight = float(
        response.lost_share_integral(times[:-1], times[1:])
        @ discount_factors(times[:-1], discount_rate)
    )
    return {s: sg.flow(s, node[0], node[1]) * weight for s in members}
