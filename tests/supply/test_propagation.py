"""Propagation of a cut: known answers derived by hand, and invariants."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from supply_builders import chain_graph, random_graphs

import coercion as co
from coercion.errors import CoercionWarning, InvalidParameterError, SupplyGraphError
from coercion.supply import (
    SupplyGraph,
    ces_availability,
    cumulative_unmet,
    propagate_cut,
    time_to_survive,
)

INF = float("inf")


def test_time_to_survive_and_lost_output_known_answer():
    # 365 a year = 1 a day of the part; 30 days of stock; no recovery.
    # Over 90 days: stock lasts 30 days, 60 days unmet, cars (10 a day) lost: 600.
    sg = chain_graph(inventory_days=30)
    res = propagate_cut(sg, "S", "T", "part", horizon=90 / 365, steps=9)
    assert res.time_to_survive * 365 == pytest.approx(30.0)
    assert res.stock == pytest.approx(30.0)
    assert res.value_at_risk == pytest.approx(600.0)
    table = res.to_frame().set_index(["economy", "product"])
    assert table.loc[("T", "part"), "lost_supply"] == pytest.approx(60.0)
    assert table.loc[("T", "car"), "lost_output"] == pytest.approx(600.0)
    # value added of cars is 90 % of output
    assert table.loc[("T", "car"), "lost_value_added"] == pytest.approx(540.0)
    # the path: nothing lost in the first 30 days (periods of 10 days)
    path = res.time_path()
    cars = path[(path["economy"] == "T") & (path["product"] == "car")]
    np.testing.assert_allclose(cars["lost_output"], [0, 0, 0] + [100.0] * 6)


def test_time_to_survive_with_recovery_known_answer():
    # gap G = 365/y, stock 30, tau = 1 y: t* = 1 - sqrt(1 - 60/365) years;
    # total unmet = G tau / 2 - I = 182.5 - 30 = 152.5; cars lost 10x that.
    sg = chain_graph(inventory_days=30, time_to_recover=1.0)
    res = propagate_cut(sg, "S", "T", "part", horizon=2.0, steps=24)
    assert res.time_to_survive == pytest.approx(1 - math.sqrt(1 - 60 / 365))
    assert res.value_at_risk == pytest.approx(1525.0)
    assert time_to_survive(100.0, 60.0, 1.0) == INF  # recovery beats the stock-out


def _quarter_year_survival(inventory_days, phi):
    # tau = 0.25 y, G = 365 phi a year, I = inventory_days (one part a day):
    # t* = tau (1 - sqrt(1 - 2 I / (G tau))) while I < G tau / 2, else never
    gap, tau = 365.0 * phi, 0.25
    if inventory_days >= gap * tau / 2:
        return INF
    return 365 * tau * (1 - math.sqrt(1 - 2 * inventory_days / (gap * tau)))


@pytest.mark.parametrize(
    ("inventory_days", "phi", "survive_days"),
    [
        (0, 1.0, 0.0),
        (30, 1.0, _quarter_year_survival(30, 1.0)),  # 37.85 days
        (45, 1.0, _quarter_year_survival(45, 1.0)),  # 80.57 days
        (45.625, 1.0, INF),  # exactly G tau / 2: out of stock as recovery ends
        (46, 1.0, INF),
        (30, 0.5, INF),  # half cut: G tau / 2 is 22.8 days of use
    ],
)
def test_time_to_survive_inf_with_quarter_year_recovery_regression(
    inventory_days, phi, survive_days
):
    # Reported as a bug: time to survive inf for a node recovering in 0.25 y.
    # It is right: the gap shrinks to 0 over tau, so a stock of G tau / 2 covers
    # all of it; the node never runs short and loses nothing.
    sg = chain_graph(inventory_days=inventory_days, time_to_recover=0.25)
    res = propagate_cut(sg, "S", "T", "part", phi, horizon=1.0, steps=48)
    assert res.time_to_survive * 365 == pytest.approx(survive_days)
    # cars are 10x the part and stop without it: the loss is 10 x (G tau/2 - I)
    lost_parts = max(0.0, 365 * phi * 0.25 / 2 - inventory_days)
    assert res.value_at_risk == pytest.approx(10 * lost_parts)
    assert (res.value_at_risk == 0) == math.isinf(res.time_to_survive)
    # the first time anything goes undelivered, on a grid of a tenth of a day
    t = np.linspace(0.0, 1.0, 3651)
    short = np.nonzero(cumulative_unmet(t, res.gap, res.stock, 0.25) > 1e-9)[0]
    first = t[short[0]] * 365 if short.size else INF
    assert first == pytest.approx(survive_days, abs=0.11)


@pytest.mark.parametrize(
    ("elasticity", "availability"),
    [
        (0.0, 0.5),  # fixed proportions: half the part, half the cars
        (0.5, 1 / 1.2),  # rho = -1: 1 / (0.2 / 0.5 + 0.8)
        (1.0, 0.5**0.2),  # Cobb-Douglas
        (2.0, (0.2 * math.sqrt(0.5) + 0.8) ** 2),  # rho = 1/2
        (INF, 0.9),  # perfect substitutes: 0.2 * 0.5 + 0.8
    ],
)
def test_ces_cut_known_answers(elasticity, availability):
    assert ces_availability(0.5, 0.2, elasticity) == pytest.approx(availability)
    sg = SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "S", "importer": "T", "product": "part", "value": 200},
                {"exporter": "T", "importer": "T", "product": "car", "value": 1000},
            ],
            "inputs": [
                {
                    "input": "part",
                    "output": "car",
                    "share": 0.2,
                    "elasticity": elasticity,
                }
            ],
        }
    )
    res = propagate_cut(sg, "S", "T", "part", phi=0.5, horizon=1.0, steps=4)
    assert res.value_at_risk == pytest.approx(1000 * (1 - availability))


def test_ces_limits_and_essential_inputs():
    assert ces_availability(0.0, 0.3, 0.5) == 0.0
    assert ces_availability(0.0, 0.3, 1.0) == 0.0
    assert ces_availability(0.0, 0.3, 2.0) == pytest.approx(0.7**2)
    assert ces_availability(1.0, 0.3, [0, 0.5, 1, 3, INF]).tolist() == [1.0] * 5
    # continuity near the special cases
    assert ces_availability(0.4, 0.3, 1 + 1e-7) == pytest.approx(
        ces_availability(0.4, 0.3, 1.0), rel=1e-6
    )
    assert ces_availability(0.4, 0.3, 1e-6) == pytest.approx(0.4, rel=1e-3)


def test_leakage_and_domestic_fill():
    sg = chain_graph(spare_c=100)
    res = propagate_cut(sg, "S", "T", "part")
    assert res.lost_flow == 365 and res.leakage == 100 and res.gap == 265
    assert res.leakage_by_supplier == {"C": 100.0}
    assert res.value_at_risk == pytest.approx(3650 * 265 / 365)


def test_downstream_propagates_across_borders():
    # U imports cars from T; a third of them are lost with a third of T's parts
    sg = SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "S", "importer": "T", "product": "part", "value": 300},
                {"exporter": "T", "importer": "U", "product": "car", "value": 3000},
                {"exporter": "U", "importer": "U", "product": "van", "value": 5000},
            ],
            "inputs": [
                {"input": "part", "output": "car", "share": 0.1},
                {"input": "car", "output": "van", "share": 0.6},
            ],
        }
    )
    res = propagate_cut(sg, "S", "T", "part", phi=1 / 3)
    by = res.value_at_risk_by_economy()
    assert by["T"] == pytest.approx(1000.0)
    assert by["U"] == pytest.approx(5000 / 3)
    assert res.export_loss == {"S": pytest.approx(100.0)}


def test_discounting_and_measures():
    sg = chain_graph()
    r0 = propagate_cut(sg, "S", "T", "part", horizon=2, steps=2, discount_rate=0.0)
    r1 = propagate_cut(sg, "S", "T", "part", horizon=2, steps=2, discount_rate=0.25)
    assert r0.value_at_risk == pytest.approx(2 * 3650)
    assert r1.value_at_risk == pytest.approx(3650 * (1 + 0.8))
    rv = propagate_cut(sg, "S", "T", "part", measure="value_added")
    assert rv.value_at_risk == pytest.approx(0.9 * 3650)


def test_bad_arguments():
    sg = chain_graph()
    for kw, field in [
        ({"phi": 1.5}, "phi"),
        ({"horizon": 0}, "horizon"),
        ({"steps": 0}, "steps"),
        ({"measure": "gdp"}, "measure"),
        ({"discount_rate": -1}, "discount_rate"),
    ]:
        with pytest.raises(InvalidParameterError) as exc:
            propagate_cut(sg, "S", "T", "part", **kw)
        assert exc.value.field == field
    with pytest.raises(InvalidParameterError, match="also a sender"):
        propagate_cut(sg, ["S", "T"], "T", "part")
    with pytest.raises(SupplyGraphError):
        propagate_cut(sg, "S", "Z", "part")
    with pytest.warns(CoercionWarning, match="nothing to cut"):
        res = propagate_cut(sg, "C", "T", "part")
    assert res.value_at_risk == 0.0


def test_cumulative_unmet_is_monotone_in_time():
    t = np.linspace(0, 3, 31)
    u = cumulative_unmet(t, 50.0, 5.0, 2.0)
    assert np.all(np.diff(u) >= 0) and u[0] == 0.0
    assert u[-1] == pytest.approx(50.0 * 2.0 / 2 - 5.0)


def test_repr_and_html():
    res = propagate_cut(chain_graph(inventory_days=30), "S", "T", "part")
    assert "value_at_risk" in repr(res)
    assert "time to survive" in res._repr_html_()
    assert isinstance(co.CutResult, type)


# ------------------------------------------------------------------ properties
def _cut_args(
    data: dict, draw_idx: tuple[int, int, int]
) -> tuple[str, str, str] | None:
    flows = [f for f in data["flows"] if f["exporter"] != f["importer"]]
    if not flows:
        return None
    f = flows[draw_idx[0] % len(flows)]
    return f["exporter"], f["importer"], f["product"]


cut_options = st.fixed_dictionaries(
    {
        "phi": st.floats(0, 1),
        "horizon": st.sampled_from([0.25, 1.0, 3.0]),
        "steps": st.integers(1, 6),
        "discount_rate": st.sampled_from([0.0, 0.05]),
    }
)


@pytest.mark.filterwarnings("ignore::coercion.errors.CoercionWarning")
@settings(max_examples=40, deadline=None)
@given(random_graphs(), st.integers(0, 50), cut_options)
def test_value_at_risk_bounded(data, k, opts):
    sg = SupplyGraph.from_mapping(data)
    args = _cut_args(data, (k, 0, 0))
    if args is None:
        return
    res = propagate_cut(sg, *args, **opts)
    lost = res.lost_output
    assert np.all(lost >= -1e-12)
    # no node loses more than it would produce over the horizon
    assert np.all(
        lost.sum(axis=1) <= res.production * opts["horizon"] * (1 + 1e-9) + 1e-9
    )
    downstream = res.production[res.alpha.min(axis=1) < 1].sum() * opts["horizon"]
    assert res.value_at_risk <= downstream * (1 + 1e-9) + 1e-9
    assert np.all((res.sigma >= 0) & (res.sigma <= 1))


@pytest.mark.filterwarnings("ignore::coercion.errors.CoercionWarning")
@settings(max_examples=30, deadline=None)
@given(
    random_graphs(),
    st.integers(0, 50),
    cut_options,
    st.floats(0, 200),
    st.floats(0, 90),
)
def test_more_spare_inventory_or_recovery_never_raises_value_at_risk(
    data, k, opts, extra, days
):
    args = _cut_args(data, (k, 0, 0))
    if args is None:
        return
    sg = SupplyGraph.from_mapping(data)
    base = propagate_cut(sg, *args, **opts).value_at_risk
    _sender, target, product = args
    for field, add, who, what in (
        ("spare_capacity", extra, None, product),
        ("inventory_days", days, target, product),
        ("spare_capacity", extra, target, product),
        ("inventory_days", days, None, None),  # stocks everywhere downstream too
    ):
        more = {**data, "nodes": [dict(n) for n in data["nodes"]]}
        for n in more["nodes"]:
            if (what is None or n["product"] == what) and (
                who is None or n["economy"] == who
            ):
                n[field] += add
        res = propagate_cut(SupplyGraph.from_mapping(more), *args, **opts)
        assert res.value_at_risk <= base * (1 + 1e-9) + 1e-9, field
    # faster recovery never raises it either
    faster = {**data, "nodes": [dict(n) for n in data["nodes"]]}
    for n in faster["nodes"]:
        if (n["economy"], n["product"]) == (target, product):
            n["time_to_recover"] = min(n["time_to_recover"], 0.1)
    res = propagate_cut(SupplyGraph.from_mapping(faster), *args, **opts)
    assert res.value_at_risk <= base * (1 + 1e-9) + 1e-9


@pytest.mark.filterwarnings("ignore::coercion.errors.CoercionWarning")
@settings(max_examples=30, deadline=None)
@given(random_graphs(), st.integers(0, 50))
def test_zero_cut_changes_nothing(data, k):
    args = _cut_args(data, (k, 0, 0))
    if args is None:
        return
    res = propagate_cut(SupplyGraph.from_mapping(data), *args, phi=0.0, steps=3)
    assert np.all(res.alpha == 1.0) and np.all(res.sigma == 1.0)
    assert res.value_at_risk == 0.0 and res.to_frame().empty


# ------------------------------------------------------------------ several cuts
def two_targets(spare: float) -> SupplyGraph:
    return SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "S", "importer": "T1", "product": "g", "value": 40},
                {"exporter": "S", "importer": "T2", "product": "g", "value": 40},
                {"exporter": "A", "importer": "T1", "product": "g", "value": 10},
                {"exporter": "B", "importer": "T1", "product": "g", "value": 10},
            ],
            "nodes": [{"economy": "C", "product": "g", "spare_capacity": spare}],
        }
    )


def test_several_cuts_share_spare_capacity_in_order():
    sg = two_targets(30.0)
    res = co.supply.propagate_cuts(
        sg, [co.supply.Cut("S", "T1", "g"), co.supply.Cut("S", "T2", "g")]
    )
    by_target = {s.target: s for s in res.shocks}
    assert by_target["T1"].leakage == 30.0 and by_target["T2"].leakage == 0.0
    assert res.gap == pytest.approx(50.0) and res.target == "T1+T2"
    assert res.export_loss == {"S": pytest.approx(80.0)}


def test_separate_cuts_on_one_node_equal_the_coalition_cut():
    sg = two_targets(5.0)
    cuts = [co.supply.Cut("S", "T1", "g", 0.5), co.supply.Cut("A", "T1", "g")]
    together = co.supply.propagate_cuts(sg, cuts)
    coalition = propagate_cut(sg, ["S", "A"], "T1", "g", 0.5)
    # the coalition cuts 0.5 of A's flow too, so compare with a full cut by both
    both = propagate_cut(sg, ["S", "A"], "T1", "g")
    assert len(together.shocks) == 1
    assert together.lost_flow == 30.0 and both.lost_flow == 50.0
    assert coalition.lost_flow == 25.0
    # leakage comes only from C: B has no spare capacity, A restricts g itself
    assert set(together.leakage_by_supplier) == {"C"}
    with pytest.raises(InvalidParameterError, match="no cut"):
        co.supply.propagate_cuts(sg, [])
    with pytest.raises(InvalidParameterError, match="not a Cut"):
        co.supply.propagate_cuts(sg, [("S", "T1", "g")])


@settings(max_examples=60, deadline=None)
@given(
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0.01, 1),
    st.sampled_from([0.0, 0.3, 0.5, 1.0, 1.5, 2.0, 10.0, INF]),
    st.sampled_from([0.0, 0.3, 0.5, 1.0, 1.5, 2.0, 10.0, INF]),
)
def test_ces_monotone_in_supply_and_elasticity(s1, s2, w, e1, e2):
    lo, hi = sorted((s1, s2))
    elo, ehi = sorted((e1, e2))
    assert ces_availability(lo, w, e1) <= ces_availability(hi, w, e1) + 1e-12
    # more substitutable inputs never lower availability
    assert ces_availability(lo, w, elo) <= ces_availability(lo, w, ehi) + 1e-12
    assert lo - 1e-12 <= ces_availability(lo, w, e1) <= 1.0


def test_subnormal_flow_gives_finite_results_regression():
    # found by hypothesis: dt * use underflowed to 0 and made the shortfall NaN
    sg = SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "S", "importer": "T", "product": "g", "value": 5e-324}
            ],
            "nodes": [{"economy": "T", "product": "g", "time_to_recover": 0.25}],
        }
    )
    for phi in (0.0, 1.0):
        res = propagate_cut(sg, "S", "T", "g", phi, horizon=0.25, steps=1)
        assert np.all(np.isfinite(res.sigma)) and res.value_at_risk == 0.0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0, 1), min_size=1, max_size=6),
    st.floats(0, 1),
    st.sampled_from([0.3, 0.5, 1.0, 2.0, 7.0, INF]),
)
def test_kernel_ces_matches_public_function(sigmas, w, e):
    from coercion.supply.propagation import _ces_rows

    s = np.array(sigmas)[:, None]
    cls = 1 if e == 1.0 else 2 if math.isinf(e) else 3
    rho = np.full((s.shape[0], 1), 0.0 if cls != 3 else (e - 1) / e)
    got = _ces_rows(s, np.full_like(s, w), cls, rho)
    np.testing.assert_allclose(got[:, 0], ces_availability(s[:, 0], w, e), atol=1e-12)


def test_downstream_stocks_bridge_known_answer():
    # U holds 73 days (0.2 y) of the cars it imports from T; T loses all its parts.
    # T's cars stop at once (1000 over the year); U's vans run 0.2 y on stock, then
    # stop for 0.8 y: 5000 * 0.8 = 4000.
    sg = SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "S", "importer": "T", "product": "part", "value": 100},
                {"exporter": "T", "importer": "U", "product": "car", "value": 1000},
                {"exporter": "U", "importer": "U", "product": "van", "value": 5000},
            ],
            "nodes": [{"economy": "U", "product": "car", "inventory_days": 73}],
            "inputs": [
                {"input": "part", "output": "car", "share": 0.1},
                {"input": "car", "output": "van", "share": 0.2},
            ],
        }
    )
    res = propagate_cut(sg, "S", "T", "part", horizon=1.0, steps=10)
    by = res.value_at_risk_by_economy()
    assert by["T"] == pytest.approx(1000.0) and by["U"] == pytest.approx(4000.0)
    vans = res.time_path().query("economy == 'U' and product == 'van'")
    np.testing.assert_allclose(vans["lost_output"], [0, 0] + [500.0] * 8)
    table = res.to_frame().set_index(["economy", "product"])
    assert table.loc[("U", "car"), "lost_supply"] == pytest.approx(800.0)
