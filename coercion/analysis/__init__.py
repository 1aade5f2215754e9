"""Analysis: escalation thresholds, regime maps, sweeps."""

from coercion.analysis.thresholds import (
    Regime,
    Threshold,
    ThresholdResult,
    is_threshold,
    regime_map,
    regime_of,
    thresholds,
)

__all__ = [
    "Regime",
    "Threshold",
    "ThresholdResult",
    "is_threshold",
    "regime_map",
    "regime_of",
    "thresholds",
]
