"""Figures: regime maps, threshold strips, equilibrium branches, supply graphs."""

from coercion.plot.style import PALETTE, apply_style, new_axes, save_figure
from coercion.plot.thresholds import plot_branches, plot_regime_map, plot_thresholds

__all__ = [
    "PALETTE",
    "apply_style",
    "new_axes",
    "plot_branches",
    "plot_regime_map",
    "plot_thresholds",
    "save_figure",
]
