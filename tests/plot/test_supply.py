"""Supply pictures: drawn with Agg, cut and losses highlighted, labels right."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

import coercion as co
from coercion.errors import InvalidParameterError
from coercion.plot.supply import (
    draw_supply_graph,
    plot_time_path,
    plot_value_at_risk,
    product_tiers,
)


def graph() -> co.SupplyGraph:
    return co.SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "CN", "importer": "JP", "product": "magnets", "value": 90},
                {"exporter": "JP", "importer": "US", "product": "motors", "value": 600},
                {"exporter": "US", "importer": "US", "product": "cars", "value": 3000},
                {"exporter": "CN", "importer": "CN", "product": "ree", "value": 50},
            ],
            "nodes": [{"economy": "JP", "product": "magnets", "inventory_days": 30}],
            "inputs": [
                {"input": "magnets", "output": "motors", "share": 0.09},
                {"input": "ree", "output": "magnets", "share": 0.3},
                {"input": "motors", "output": "cars", "share": 0.2},
            ],
        }
    )


def test_tiers_order_upstream_first():
    assert product_tiers(graph()) == {"cars": 3, "magnets": 1, "motors": 2, "ree": 0}


def test_draw_graph_highlights_cut_and_losses(tmp_path):
    sg = graph()
    res = co.propagate_cut(sg, "CN", "JP", "magnets")
    ax = draw_supply_graph(sg, res)
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "ree",
        "magnets",
        "motors",
        "cars",
    ]
    widths = sorted(p.get_linewidth() for p in ax.patches)
    assert widths[-1] >= 2.5  # the cut flow stands out
    # node colours: the lost cars are red, the untouched ree node is grey
    faces = np.concatenate([c.get_facecolors() for c in ax.collections])
    assert any(f[0] > 2 * f[1] and f[0] > 2 * f[2] for f in faces)
    assert any(f[0] == f[1] == f[2] == pytest.approx(0.85) for f in faces)
    ax.figure.savefig(tmp_path / "g.png")
    assert (tmp_path / "g.png").stat().st_size > 1000
    plt.close("all")


def test_value_at_risk_bars_and_path():
    res = co.propagate_cut(graph(), "CN", "JP", "magnets")
    ax = plot_value_at_risk(res)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == "US · cars"  # largest on top
    ax = plot_value_at_risk(res, by="economy")
    assert {t.get_text() for t in ax.get_yticklabels()} == {"JP", "US"}
    with pytest.raises(InvalidParameterError):
        plot_value_at_risk(res, by="product")
    ax = plot_time_path(res)
    assert ax.get_legend() is not None
    plt.close("all")


def test_too_many_nodes_refused():
    with pytest.raises(InvalidParameterError, match="max_nodes"):
        draw_supply_graph(graph(), max_nodes=3)
