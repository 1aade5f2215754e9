"""Analysis: escalation thresholds, regime maps, sweeps, the hypotheses."""

from coercion.analysis import hypotheses
from coercion.analysis.hypotheses import HypothesisResult
from coercion.analysis.sweep import SweepResult, draw_parameters, sweep, sweep_points
from coercion.analysis.thresholds import (
    Boundary,
    BoundaryResult,
    Regime,
    Threshold,
    ThresholdResult,
    is_threshold,
    regime_boundaries,
    regime_map,
    regime_of,
    thresholds,
)
from coercion.analysis.tracking import TrackResult, track

__all__ = [
    "hypotheses",
    "HypothesisResult",
    "SweepResult",
    "TrackResult",
    "track",
    "draw_parameters",
    "sweep",
    "sweep_points",
    "Boundary",
    "BoundaryResult",
    "Regime",
    "Threshold",
    "ThresholdResult",
    "is_threshold",
    "regime_boundaries",
    "regime_map",
    "regime_of",
    "thresholds",
]
