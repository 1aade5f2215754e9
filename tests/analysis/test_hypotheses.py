"""Tests of coercion.analysis.hypotheses: known answers derived in the docstrings."""

from __future__ import annotations

import math
from fractions import Fraction

import matplotlib
import pytest

from coercion.analysis import hypotheses as hyp
from coercion.errors import InvalidParameterError
from coercion.models import chicken_solution

matplotlib.use("Agg")


# pain tolerance: rho* = P_T V_S / (P_S V_T) (critical risks, Snyder & Diesing 1977)
@pytest.mark.parametrize(
    ("pain", "stakes", "expected"),
    [
        ((1, 4), (1, 1), Fraction(4)),
        ((2, 1), (1, 1), Fraction(1, 2)),
        ((1, 1), (3, 1), Fraction(3)),
        ((5, 10), (2, 8), Fraction(1, 2)),
    ],
)
def test_pain_tolerance_threshold_ratio(pain, stakes, expected):
    res = hyp.pain_tolerance(pain=pain, stakes=stakes, tolerance=(1, 1))
    assert res.key["threshold_ratio"] == expected
    below = expected * Fraction(9, 10)
    above = expected * Fraction(11, 10)
    lo = hyp.pain_tolerance(pain=pain, stakes=stakes, tolerance=(1, below))
    hi = hyp.pain_tolerance(pain=pain, stakes=stakes, tolerance=(1, above))
    assert lo.key["concedes_first"] == "target"
    assert hi.key["concedes_first"] == "sender"
    at = hyp.pain_tolerance(pain=pain, stakes=stakes, tolerance=(1, expected))
    assert at.key["concedes_first"] == "neither"


def test_pain_tolerance_agrees_with_chicken_solution():
    res = hyp.pain_tolerance(pain=(3, 7), stakes=(2, 5), tolerance=(1, 2))
    sol = chicken_solution(a=(2, 5), b=(0, 0), c=(Fraction(3), Fraction(7, 2)))
    assert res.key["critical_risk"] == sol.critical_risk
    for row in res.table.itertuples(index=False):
        assert (row.concedes_first == "target") == (
            row.ratio < float(res.key["threshold_ratio"])
        ) or math.isclose(row.ratio, float(res.key["threshold_ratio"]))


def test_pain_tolerance_rare_earths_us_concedes_first():
    res = hyp.pain_tolerance("rare_earths")
    f = hyp.fight_terms("rare_earths")
    (p_s, p_t), (v_s, v_t) = f["pain"], f["stake"]
    assert res.key["threshold_ratio"] == pytest.approx(p_t * v_s / (p_s * v_t))
    assert (res.key["sender"], res.key["target"]) == ("CN", "US")
    assert res.key["ratio"] < res.key["threshold_ratio"]
    assert res.key["concedes_first"] == "target"
    assert list(res.verdicts.holds) == [True, False, True]


def test_pain_tolerance_rejects_nonpositive_pain():
    with pytest.raises(InvalidParameterError):
        hyp.pain_tolerance(pain=(0, 1), stakes=(1, 1), tolerance=(1, 1))


# managed dependence: d* = min(1, K/(rho V)) if pi + beta rho V - g > 0 else 0
@pytest.mark.parametrize(
    ("K", "V", "pi", "beta", "g", "d_star", "g_star"),
    [
        (30, 100, 1, 0, 0, Fraction(3, 5), Fraction(1)),
        (30, 100, 1, Fraction(1, 10), 0, Fraction(3, 5), Fraction(6)),
        (30, 100, 1, 0, 2, Fraction(0), Fraction(1)),
        (80, 100, 1, 0, 0, Fraction(1), Fraction(1)),
    ],
)
def test_managed_dependence_known_answers(K, V, pi, beta, g, d_star, g_star):
    res = hyp.managed_dependence(
        substitution_cost=K,
        exposed_value=V,
        trade_margin=pi,
        leverage_share=beta,
        security_cost=g,
        coercion_probability=Fraction(1, 2),
    )
    assert res.key["optimal_export_level"] == d_star
    assert res.key["zero_when_security_cost_above"] == g_star


def test_managed_dependence_ai_chips():
    res = hyp.managed_dependence("ai_chips")
    k, v = res.key["substitution_cost"], res.key["exposed_value"]
    assert res.key["optimal_export_level"] == pytest.approx(k / (0.5 * v))
    assert 0 < res.key["optimal_export_level"] < 1
    assert list(res.verdicts.holds) == [True, False]


def test_upstream_goods_multiplier_is_value_at_risk_over_flow():
    import coercion as co

    res = hyp.upstream_goods("photoresists")
    sg = co.load_scenario("photoresists").supply_graph()
    for row in res.table.itertuples(index=False):
        r = co.propagate_cut(sg, "JP", "KR", row.product, 1.0, horizon=1.0)
        assert row.multiplier == pytest.approx(r.value_at_risk / r.lost_flow)
    assert res.key["product"] == "photoresist"
    assert res.table.multiplier.is_monotonic_decreasing
    assert set(res.verdicts.holds) == {True, False}


def test_time_to_recovery_is_increasing_and_errors():
    res = hyp.time_to_recovery("rare_earths", times=[0.5, 1.0, 2.0, 4.0])
    assert res.table.value_at_risk.is_monotonic_increasing
    assert res.key["value_at_risk_per_year"] > 0
    with pytest.raises(InvalidParameterError, match="product"):
        hyp.time_to_recovery("rare_earths", product="light_vehicles")


def test_collective_resilience_known_shares():
    import coercion as co

    res = hyp.collective_resilience("photoresists")
    sg = co.load_scenario("photoresists").supply_graph()
    share = co.supply.coalition_share(sg, ["JP"], "KR", "hf")
    t = res.table
    alone0 = t[(t.members == "alone") & (t.scale == 0)].denial.iloc[0]
    assert alone0 == pytest.approx(share)
    wide = t.pivot(index="scale", columns="members", values="denial")
    assert (wide.together >= wide.alone - 1e-12).all()
    assert wide.alone.is_monotonic_decreasing


def test_interdependence_threshold_is_consistent():
    res = hyp.interdependence_deters("ai_chips")
    s_star = res.key["critical_self_sufficiency"]
    for row in res.table.itertuples(index=False):
        if not math.isclose(row.self_sufficiency, s_star):
            assert row.sender_deterred == (row.self_sufficiency < s_star)


@pytest.mark.parametrize(
    ("capability", "speed", "mode"),
    [
        (0.0, 0.0, "dig in"),
        (0.0, 1.0, "jam"),
        (1.0, 0.0, "attack"),
        (1.0, 1.0, "leapfrog"),
    ],
)
def test_breaking_chokeholds_corners(capability, speed, mode):
    res = hyp.breaking_chokeholds("ai_chips", points=3)
    t = res.table
    row = t[(t.capability == capability) & (t.tech_speed == speed)]
    assert row["mode"].iloc[0] == mode


def test_mutual_chokepoints_deterrence_rule():
    res = hyp.mutual_chokepoints("ai_chips", points=11)
    for row in res.table.itertuples(index=False):
        assert row.deterred == (row.weighted_loss >= row.stake)
    calm = hyp.mutual_chokepoints("ai_chips", points=11, tolerance=(1, "0.01"))
    assert calm.key["deterred_until"]["CN"] > 0


@pytest.mark.parametrize("name", sorted(hyp.HYPOTHESES))
def test_every_hypothesis_draws_and_reports(name):
    import matplotlib.pyplot as plt

    res = getattr(hyp, name)()
    ax = res.figure()
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert set(res.verdicts.columns) == {"parameter", "low", "high", "holds", "why"}
    assert len(res.verdicts) >= 1 and res.caveats
    assert res.hypothesis == name and name in res.summary()
    assert "<ul>" in res._repr_html_()
    plt.close(ax.figure)


def test_bad_scenario_type():
    with pytest.raises(InvalidParameterError, match="scenario"):
        hyp.upstream_goods(42)


@pytest.mark.parametrize(
    ("truth", "belief", "miscalculation"),
    [(3, 5, True), (3, 2, False), (5, 3, True), (5, 6, False)],
)
def test_pain_tolerance_miscalculation(truth, belief, miscalculation):
    res = hyp.pain_tolerance(
        pain=(1, 4), stakes=(1, 1), tolerance=(1, truth), believed_ratio=belief
    )
    assert res.key["miscalculation"] is miscalculation
    with pytest.raises(InvalidParameterError, match="believed_ratio"):
        hyp.pain_tolerance(
            pain=(1, 4), stakes=(1, 1), tolerance=(1, 1), believed_ratio=0
        )
