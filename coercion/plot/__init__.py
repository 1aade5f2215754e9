"""Figures: regime maps, threshold strips, equilibrium branches, supply graphs."""

from coercion.plot.style import PALETTE, apply_style, new_axes, save_figure
from coercion.plot.supply import (
    draw_supply_graph,
    plot_time_path,
    plot_value_at_risk,
    product_tiers,
)
from coercion.plot.thresholds import plot_branches, plot_regime_map, plot_thresholds

__all__ = [
    "PALETTE",
    "apply_style",
    "draw_supply_graph",
    "new_axes",
    "plot_branches",
    "plot_regime_map",
    "plot_thresholds",
    "plot_time_path",
    "plot_value_at_risk",
    "product_tiers",
    "save_figure",
]
