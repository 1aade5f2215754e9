"""Analysis: escalation thresholds, regime maps, sweeps, the hypotheses."""

from coercion.analysis import hypotheses
from coercion.analysis.hypotheses import HypothesisResult
from coercion.analysis.sweep import SweepResult, draw_parameters, sweep, sweep_points
from coercion.analysis.thresholds import (
    Regime,
    Threshold,
    ThresholdResult,
    is_threshold,
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
    "Regime",
    "Threshold",
    "ThresholdResult",
    "is_threshold",
    "regime_map",
    "regime_of",
    "thresholds",
]
