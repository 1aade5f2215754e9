"""Substitution after a threat: the four ways out of a chokehold."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coercion.errors import InvalidParameterError
from coercion.supply import (
    DEFAULT_RESPONSES,
    SupplyGraph,
    chokehold_response,
    dependence_after_threat,
    propagate_cut,
    substitute,
    substitution_revenue_loss,
)


@pytest.mark.parametrize(
    ("capability", "speed", "mode"),
    [(0, 0, "dig in"), (0, 1, "jam"), (1, 0, "attack"), (1, 1, "leapfrog")],
)
def test_corners_are_the_four_ways(capability, speed, mode):
    r = chokehold_response(capability, speed)
    assert r.mode == mode
    assert (r.rate, r.floor, r.delay) == tuple(
        DEFAULT_RESPONSES[mode][k] for k in ("rate", "floor", "delay")
    )


def test_path_formula():
    # attack corner: floor 0.1, rate 1.2, delay 0.25
    r = chokehold_response(1, 0)
    t = np.array([0.0, 0.25, 1.25])
    np.testing.assert_allclose(r.dependence_ratio(t), [1, 1, 0.1 + 0.9 * np.exp(-1.2)])


def test_leapfrog_waits_then_falls_below_attack():
    leap, attack = chokehold_response(1, 1), chokehold_response(1, 0)
    assert leap.dependence_ratio(1.0) == 1.0 > attack.dependence_ratio(1.0)
    assert leap.dependence_ratio(10.0) < attack.dependence_ratio(10.0)


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 30), st.floats(0, 30))
def test_dependence_never_rises_and_stays_in_range(c, v, t1, t2):
    lo, hi = sorted((t1, t2))
    d = dependence_after_threat(0.8, [lo, hi], c, v)
    assert d[1] <= d[0] <= 0.8
    assert d[1] >= 0.0


def test_custom_responses_validated():
    bad = {w: dict(p) for w, p in DEFAULT_RESPONSES.items()}
    bad["jam"]["floor"] = 1.5
    with pytest.raises(InvalidParameterError, match=r"responses\.jam\.floor"):
        chokehold_response(0.5, 0.5, responses=bad)
    with pytest.raises(InvalidParameterError, match="capability"):
        chokehold_response(1.5, 0.5)


def test_threat_today_lowers_tomorrows_leverage():
    sg = SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "JP", "importer": "KR", "product": "HF", "value": 44},
                {"exporter": "CN", "importer": "KR", "product": "HF", "value": 56},
                {"exporter": "KR", "importer": "KR", "product": "chips", "value": 5000},
            ],
            "nodes": [{"economy": "KR", "product": "HF", "capability": 0.8}],
            "inputs": [{"input": "HF", "output": "chips", "share": 0.01}],
        }
    )
    before = propagate_cut(sg, "JP", "KR", "HF").value_at_risk
    later = substitute(sg, "JP", "KR", "HF", 2.0, tech_speed=0.2)
    after = propagate_cut(later, "JP", "KR", "HF").value_at_risk
    assert after < before
    # the moved imports became domestic production; KR's use is unchanged
    assert later.use("KR", "HF") == pytest.approx(100.0)
    assert later.production("KR", "HF") == pytest.approx(
        44 - later.flow("JP", "KR", "HF")
    )
    assert sg.flow("JP", "KR", "HF") == 44  # the input graph is unchanged
    with pytest.raises(InvalidParameterError):
        substitute(sg, "JP", "KR", "HF", -1.0, tech_speed=0.2)


@settings(max_examples=40, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 8), st.floats(0, 8))
def test_lost_share_integral_matches_quadrature(c, v, t1, t2):
    from scipy.integrate import quad

    a, b = sorted((t1, t2))
    r = chokehold_response(c, v)
    # adaptive quadrature told where the ratio's kink is (the delay): a fixed
    # trapezoid grid, or quad left to find the kink, missed by up to 2e-5
    kink = [r.delay] if a < r.delay < b else None
    numeric, err = quad(
        lambda t: 1.0 - float(r.dependence_ratio(t)),
        a,
        b,
        points=kink,
        limit=500,
        epsabs=1e-12,
    )
    assert r.lost_share_integral(a, b) == pytest.approx(
        numeric, rel=1e-7, abs=max(1e-10, 10 * err)
    )


def test_substitution_revenue_loss():
    sg = SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "JP", "importer": "KR", "product": "hf", "value": 100}
            ],
            "nodes": [{"economy": "KR", "product": "hf", "capability": 1.0}],
        }
    )
    # attack corner: 0.9 * [(H - 0.25) - (1 - exp(-1.2 (H - 0.25))) / 1.2] per unit
    h = 5.25
    expected = 100 * 0.9 * (5.0 - (1 - np.exp(-6.0)) / 1.2)
    loss = substitution_revenue_loss(sg, "JP", "KR", "hf", tech_speed=0.0, horizon=h)
    assert loss["JP"] == pytest.approx(expected)
    # nothing is lost before the delay; discounting lowers the loss
    early = substitution_revenue_loss(
        sg, "JP", "KR", "hf", tech_speed=0.0, horizon=0.25
    )
    assert early["JP"] == pytest.approx(0.0, abs=1e-12)
    disc = substitution_revenue_loss(
        sg, "JP", "KR", "hf", tech_speed=0.0, horizon=h, discount_rate=0.1
    )
    assert 0 < disc["JP"] < loss["JP"]
