"""Pictures of a supply graph, a cut through it and the value it puts at risk.

Products are laid out left to right by tier (raw materials first, then what is
made from them), economies top to bottom; node area grows with production,
colour with the share of output lost; the cut flows are drawn thick in
vermillion. All functions return the matplotlib ``Axes`` and work with the Agg
backend.

Examples
--------
>>> import coercion as co
>>> from coercion.plot.supply import draw_supply_graph, plot_value_at_risk
>>> sg = co.SupplyGraph.from_mapping({
...     "flows": [
...         {"exporter": "CN", "importer": "JP", "product": "magnets", "value": 90},
...         {"exporter": "JP", "importer": "US", "product": "motors", "value": 600},
...         {"exporter": "JP", "importer": "JP", "product": "motors", "value": 400}],
...     "nodes": [{"economy": "JP", "product": "magnets", "inventory_days": 30}],
...     "inputs": [{"input": "magnets", "output": "motors", "share": 0.09}]})
>>> res = co.propagate_cut(sg, "CN", "JP", "magnets")
>>> ax = draw_supply_graph(sg, res)
>>> ax.get_title()
'CN → JP: magnets cut (φ = 1); value at risk 917.808'
>>> ax = plot_value_at_risk(res)
>>> [t.get_text() for t in ax.get_yticklabels()]
['JP · motors']
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from coercion.errors import InvalidParameterError
from coercion.plot.style import PALETTE, new_axes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from coercion.supply.graph import SupplyGraph
    from coercion.supply.propagation import CutResult

__all__ = ["draw_supply_graph", "plot_value_at_risk", "plot_time_path", "product_tiers"]


def product_tiers(sg: SupplyGraph) -> dict[str, int]:
    """Tier of each product: the longest chain of inputs leading to it (0 = raw).

    Products on a cycle of inputs share the tier of their cycle.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.plot.supply import product_tiers
    >>> sg = co.SupplyGraph.from_mapping({
    ...     "flows": [{"exporter": "A", "importer": "A", "product": p, "value": 1}
    ...               for p in ("ore", "metal", "car")],
    ...     "inputs": [{"input": "ore", "output": "metal", "share": 0.5},
    ...                {"input": "metal", "output": "car", "share": 0.2}]})
    >>> product_tiers(sg)
    {'car': 2, 'metal': 1, 'ore': 0}
    """
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(sg.products)
    for u, v, key in sg.graph.edges(keys=True):
        if key == "input" and u[1] != v[1]:
            g.add_edge(u[1], v[1])
    cond = nx.condensation(g)
    tier_of: dict[int, int] = {}
    for c in nx.topological_sort(cond):
        preds = list(cond.predecessors(c))
        tier_of[c] = 1 + max(tier_of[p] for p in preds) if preds else 0
    mapping = cond.graph["mapping"]
    return {p: tier_of[mapping[p]] for p in sorted(sg.products)}


def _positions(sg: SupplyGraph) -> dict[tuple[str, str], tuple[float, float]]:
    tiers = product_tiers(sg)
    order = sorted(sg.products, key=lambda p: (tiers[p], p))
    x = {p: float(i) for i, p in enumerate(order)}
    econ = list(sg.economies)
    y = {e: float(len(econ) - 1 - i) for i, e in enumerate(econ)}
    return {(e, p): (x[p], y[e]) for (e, p) in sg.graph.nodes}


def draw_supply_graph(
    sg: SupplyGraph,
    result: CutResult | None = None,
    *,
    ax: Axes | None = None,
    max_nodes: int = 300,
    show_inputs: bool = True,
) -> Axes:
    """Draw the graph; with a :class:`~coercion.supply.CutResult`, highlight the cut.

    Parameters
    ----------
    sg : SupplyGraph
    result : CutResult, optional
        Its cut flows are drawn thick in vermillion and nodes are coloured by the
        share of their output lost over the horizon.
    ax : matplotlib Axes, optional
    max_nodes : int, default 300
        Larger graphs raise (draw a subgraph instead).
    show_inputs : bool, default True
        Draw input requirements (dashed, within an economy).

    Raises
    ------
    InvalidParameterError
        If the graph has more than ``max_nodes`` nodes.
    """
    import matplotlib as mpl
    from matplotlib.patches import FancyArrowPatch

    n = sg.graph.number_of_nodes()
    if n > max_nodes:
        raise InvalidParameterError(
            f"{n} nodes is more than max_nodes={max_nodes}; draw a subgraph",
            field="sg",
        )
    if ax is None:
        ax = new_axes(
            width=max(5.0, 1.6 * len(sg.products)),
            height=max(3.0, 0.9 * len(sg.economies) + 1.0),
        )
    pos = _positions(sg)
    arr = sg.arrays
    loss_share = np.zeros(arr.n)
    if result is not None:
        horizon = float(result.times[-1])
        normal = arr.production * horizon
        lost = result.lost_output.sum(axis=1)
        loss_share = np.divide(lost, normal, out=np.zeros_like(lost), where=normal > 0)
    cmap = mpl.colormaps["Reds"]
    cut = set()
    if result is not None:
        cut = {
            ((sender, c.product), (c.target, c.product))
            for c in result.cuts
            for sender in c.senders
        }
    max_flow = (
        max(
            (d["value"] for *_, d in sg.graph.edges(data=True) if "value" in d),
            default=1.0,
        )
        or 1.0
    )
    for u, v, key, d in sg.graph.edges(keys=True, data=True):
        if key == "input" and not show_inputs:
            continue
        if u == v:
            continue
        is_cut = key == "trade" and (u, v) in cut
        if key == "trade":
            width = 0.5 + 3.0 * d["value"] / max_flow
            color, linestyle = (PALETTE[5] if is_cut else "0.55"), "-"
            rad = 0.25 if pos[u][0] == pos[v][0] else 0.1
        else:
            width = 0.8
            color, linestyle = PALETTE[0], "--"
            rad = 0.0
        ax.add_patch(
            FancyArrowPatch(
                pos[u],
                pos[v],
                arrowstyle="-|>",
                mutation_scale=8,
                connectionstyle=f"arc3,rad={rad}",
                linewidth=max(2.5, 2.0 * width) if is_cut else width,
                shrinkA=9,
                shrinkB=9,
                alpha=0.9,
                zorder=2 if is_cut else 1,
                color=color,
                linestyle=linestyle,
            )
        )
    big = max(float(arr.production.max(initial=0.0)), 1e-12)
    for i, node in enumerate(arr.labels):
        x, y = pos[node]
        prod = arr.production[i]
        size = 60 + 600 * math.sqrt(prod / big)
        if prod <= 0:
            face = "white"  # a node that only uses the product
        elif loss_share[i] > 0:
            face = cmap(0.15 + 0.85 * loss_share[i])
        else:
            face = "0.85"
        ax.scatter(
            [x], [y], s=size, c=[face], edgecolors="0.2", linewidths=0.8, zorder=3
        )
    ax.set_xticks(sorted({p[0] for p in pos.values()}))
    tiers = product_tiers(sg)
    ax.set_xticklabels(sorted(sg.products, key=lambda p: (tiers[str(p)], str(p))))
    econ = list(sg.economies)
    ax.set_yticks([float(len(econ) - 1 - k) for k in range(len(econ))])
    ax.set_yticklabels(list(sg.economies))
    ax.set_xlim(-0.6, len(sg.products) - 0.4)
    ax.set_ylim(-0.6, len(sg.economies) - 0.4)
    ax.set_xlabel("product (upstream → downstream)")
    if result is not None:
        who = "+".join(result.senders)
        ax.set_title(
            f"{who} → {result.target}: {result.product} cut (φ = {result.phi:g}); "
            f"value at risk {result.value_at_risk:.6g}"
        )
        sm = mpl.cm.ScalarMappable(cmap=cmap, norm=mpl.colors.Normalize(0, 1))
        ax.figure.colorbar(sm, ax=ax, label="share of output lost", shrink=0.8)
    else:
        ax.set_title(repr(sg))
    return ax


def plot_value_at_risk(
    result: CutResult, *, ax: Axes | None = None, top: int = 12, by: str = "node"
) -> Axes:
    """Horizontal bars of the discounted value at risk, largest first.

    Parameters
    ----------
    result : CutResult
    ax : Axes, optional
    top : int, default 12
        Number of bars.
    by : {"node", "economy"}
    """
    if by == "node":
        items = [
            (f"{e} · {p}", float(v))
            for (e, p), v in zip(result.labels, result.value_at_risk_by_node)
            if v > 0
        ]
    elif by == "economy":
        items = [(e, v) for e, v in result.value_at_risk_by_economy().items() if v > 0]
    else:
        raise InvalidParameterError(f"{by!r} is not 'node' or 'economy'", field="by")
    items = sorted(items, key=lambda kv: -kv[1])[:top][::-1]
    if ax is None:
        ax = new_axes(width=6.0, height=max(2.0, 0.35 * len(items) + 1.2))
    ax.barh([k for k, _ in items], [v for _, v in items], color=PALETTE[5])
    ax.set_xlabel(f"value at risk ({result.measure}, discounted)")
    ax.set_title(f"{'+'.join(result.senders)} → {result.target}: {result.product}")
    return ax


def plot_time_path(result: CutResult, *, ax: Axes | None = None, top: int = 6) -> Axes:
    """Output availability over time of the ``top`` most affected nodes (step plot)."""
    if ax is None:
        ax = new_axes()
    lost = result.lost_output.sum(axis=1)
    order = [i for i in np.argsort(-lost, kind="stable")[:top] if lost[i] > 0]
    t = result.times
    for k, i in enumerate(order):
        e, p = result.labels[i]
        ax.stairs(
            result.alpha[i],
            t,
            baseline=None,
            label=f"{e} · {p}",
            color=PALETTE[k % len(PALETTE)],
        )
    for shock in result.shocks:
        j = result.labels.index((shock.target, shock.product))
        ax.stairs(
            result.sigma[j],
            t,
            baseline=None,
            label=f"supply of {shock.product} to {shock.target}",
            color="0.3",
            linestyle=":",
        )
    if math.isfinite(result.time_to_survive) and result.time_to_survive <= t[-1]:
        ax.axvline(result.time_to_survive, color="0.5", linewidth=0.8)
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlabel("years after the cut")
    ax.set_ylabel("share of normal level")
    ax.legend(frameon=False, fontsize=8)
    return ax
