"""The compiled propagation kernel against the numpy reference path."""

from __future__ import annotations

import math
import sys
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from supply_builders import chain_graph, random_graphs

import coercion as co
from coercion.errors import ConvergenceWarning
from coercion.supply import Cut, SupplyGraph, propagation
from coercion.supply.propagation import propagate_cuts, propagate_shortfall

pytest.importorskip("numba")

INF = float("inf")
RTOL, ATOL = 1e-12, 1e-15  # atol: availabilities in [0, 1], rounding near 0


def _both(sg: SupplyGraph, cuts, **opts):
    """``propagate_cuts`` on the numpy path, then on the compiled path."""
    propagation._FORCE_NUMPY = True
    try:
        ref = propagate_cuts(sg, cuts, **opts)
    finally:
        propagation._FORCE_NUMPY = False
    assert propagation._compiled() is not None and propagation._small(sg.arrays)
    return ref, propagate_cuts(sg, cuts, **opts)


def _assert_same(ref, got) -> None:
    np.testing.assert_allclose(got.sigma, ref.sigma, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(got.alpha, ref.alpha, rtol=RTOL, atol=ATOL)
    assert got.value_at_risk == pytest.approx(ref.value_at_risk, rel=RTOL, abs=1e-9)


@pytest.mark.filterwarnings("ignore::coercion.errors.CoercionWarning")
@settings(max_examples=60, deadline=None)
@given(
    random_graphs(),
    st.integers(0, 50),
    st.lists(st.sampled_from([0.0, 0.3, 0.5, 1.0, 2.0, 7.0, INF]), min_size=6),
    st.integers(1, 8),
    st.booleans(),
    st.floats(0.05, 1),
)
def test_compiled_matches_numpy_on_random_graphs(
    data, k, elasticities, steps, stocks, phi
):
    # every CES class (rho < 0 and rho > 0, Cobb-Douglas, perfect substitutes)
    for row, e in zip(data["inputs"], elasticities, strict=False):
        row["elasticity"] = e
    if not stocks:
        for node in data["nodes"]:
            node["inventory_days"] = 0.0
    flows = [f for f in data["flows"] if f["exporter"] != f["importer"]]
    if not flows:
        return
    f = flows[k % len(flows)]
    sg = SupplyGraph.from_mapping(data)
    cuts = [Cut(f["exporter"], f["importer"], f["product"], phi)]
    ref, got = _both(sg, cuts, horizon=2.0, steps=steps)
    _assert_same(ref, got)


@pytest.mark.parametrize("elasticity", [0.0, 0.5, 1.0, 2.0, INF])
@pytest.mark.parametrize("days", [0.0, 20.0])
def test_compiled_matches_numpy_on_chain(elasticity, days):
    sg = chain_graph(inventory_days=days, spare_c=30.0, elasticity=elasticity)
    ref, got = _both(sg, [Cut("S", "T", "part")], steps=12)
    _assert_same(ref, got)
    assert ref.value_at_risk > 0


@pytest.mark.filterwarnings("ignore::coercion.errors.CoercionWarning")
@pytest.mark.parametrize("case", ["ai_chips", "rare_earths", "photoresists"])
def test_compiled_matches_numpy_on_the_bundled_cases(monkeypatch, case):
    # every propagation one game of the case compiles, at two parameter draws
    calls = []
    original = propagation.propagate_cuts

    def record(sg, cuts, **opts):
        calls.append((sg, cuts, opts))
        return original(sg, cuts, **opts)

    monkeypatch.setattr(propagation, "propagate_cuts", record)
    co.sweep(
        co.build.case_model(case),
        draws=co.build.parameter_draws(case),
        n=2,
        seed=1,
        progress=False,
    )
    monkeypatch.undo()
    assert len(calls) >= 4
    for sg, cuts, opts in calls:
        ref, got = _both(sg, cuts, **opts)
        _assert_same(ref, got)


def test_iteration_cap_warns_like_numpy():
    sg = chain_graph()
    arr = sg.arrays
    direct = np.zeros((arr.n, 2))
    direct[arr.index[("T", "part")]] = [1.0, 0.5]
    times = np.array([0.0, 0.5, 1.0])
    with pytest.warns(ConvergenceWarning, match="after 1 iterations"):
        ref = propagate_shortfall(arr, direct, max_iter=1)
    with pytest.warns(ConvergenceWarning, match="after 1 iterations"):
        got = propagation._propagate_compiled(
            propagation._compiled(),
            arr,
            direct,
            np.zeros(arr.n),
            times,
            1e-12,
            max_iter=1,
        )
    for a, b in zip(ref, got, strict=True):
        np.testing.assert_allclose(b, a, rtol=RTOL, atol=ATOL)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the default cap of n + 2 is enough
        full = propagation._propagate_compiled(
            propagation._compiled(), arr, direct, np.zeros(arr.n), times, 1e-12
        )
    np.testing.assert_allclose(full[1][arr.index[("T", "car")]], [0.0, 0.5])


def test_numpy_fallback_without_numba_or_for_large_graphs(monkeypatch):
    sg = chain_graph(inventory_days=10.0)

    def boom(*args, **kwargs):
        raise AssertionError("compiled path used")

    monkeypatch.setattr(propagation, "_propagate_compiled", boom)
    with pytest.raises(AssertionError, match="compiled path"):
        propagation.propagate_cut(sg, "S", "T", "part")
    with monkeypatch.context() as m:
        m.setitem(sys.modules, "coercion.supply._propagation_numba", None)
        m.delattr(sys.modules["coercion.supply"], "_propagation_numba")
        assert propagation._compiled() is None
        res = propagation.propagate_cut(sg, "S", "T", "part")
    with monkeypatch.context() as m:
        m.setattr(propagation, "_COMPILED_MAX_EDGES", 1)
        assert propagation.propagate_cut(sg, "S", "T", "part").value_at_risk == (
            res.value_at_risk
        )
    assert math.isfinite(res.value_at_risk) and res.value_at_risk > 0
