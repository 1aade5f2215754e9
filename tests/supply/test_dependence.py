"""Dependence measures: known answers (Miller & Blair) and accounting identities."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from supply_builders import random_graphs

import coercion as co
from coercion.errors import SupplyGraphError
from coercion.supply import (
    SupplyGraph,
    dependence_asymmetry,
    ghosh_inverse,
    hypothetical_extraction,
    import_share_matrix,
    indirect_dependence,
    io_system,
    leontief_inverse,
    supplier_concentration,
)


def miller_blair() -> SupplyGraph:
    # Miller & Blair (2009), Input-Output Analysis, 2nd ed., sec. 2.3:
    # Z = [[150, 500], [200, 100]], X = (1000, 2000), f = (350, 1700)
    return SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "E", "importer": "E", "product": "agri", "value": 1000},
                {"exporter": "E", "importer": "E", "product": "manuf", "value": 2000},
            ],
            "inputs": [
                {"input": "agri", "output": "agri", "share": 0.15},
                {"input": "manuf", "output": "agri", "share": 0.2},
                {"input": "agri", "output": "manuf", "share": 0.25},
                {"input": "manuf", "output": "manuf", "share": 0.05},
            ],
            "allow_input_cycles": True,
        }
    )


def test_two_sector_leontief_known_answer():
    sg = miller_blair()
    io = io_system(sg)
    np.testing.assert_allclose(io.Z.toarray(), [[150, 500], [200, 100]])
    np.testing.assert_allclose(io.f, [350, 1700])
    # L = [[.95, .25], [.2, .85]] / .7575
    expected = np.array([[0.95, 0.25], [0.2, 0.85]]) / 0.7575
    np.testing.assert_allclose(leontief_inverse(sg).to_numpy(), expected, rtol=1e-12)
    # Ghosh: B = Xhat^-1 Z = [[.15, .5], [.1, .05]]; G = (I - B)^-1
    b = np.array([[0.15, 0.5], [0.1, 0.05]])
    np.testing.assert_allclose(
        ghosh_inverse(sg).to_numpy(), np.linalg.inv(np.eye(2) - b)
    )


def extraction_graph() -> SupplyGraph:
    return SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "S", "importer": "S", "product": "g", "value": 40},
                {"exporter": "S", "importer": "T", "product": "g", "value": 60},
                {"exporter": "R", "importer": "T", "product": "g", "value": 20},
                {"exporter": "T", "importer": "T", "product": "p", "value": 120},
            ],
            "inputs": [{"input": "g", "output": "p", "share": 0.5}],
        }
    )


def test_hypothetical_extraction_known_answer():
    # Z[S->T,p] = 0.5 * 120 * 60/80 = 45; T's final use of g from S = 20 * 0.75 = 15
    sg = extraction_graph()
    back = hypothetical_extraction(sg, "S", "T", "g")
    assert back[("S", "g")] == pytest.approx(60.0)
    assert back.drop(("S", "g")).abs().max() == pytest.approx(0.0, abs=1e-9)
    fwd = hypothetical_extraction(sg, "S", "T", "g", view="ghosh")
    assert fwd[("T", "p")] == pytest.approx(45.0)
    assert fwd.sum() == pytest.approx(45.0)
    with pytest.raises(SupplyGraphError, match="no flow"):
        hypothetical_extraction(sg, "T", "S", "g")
    with pytest.raises(co.InvalidParameterError):
        hypothetical_extraction(sg, "S", "T", "g", view="both")


def test_shares_concentration_asymmetry():
    sg = extraction_graph()
    m = import_share_matrix(sg, "g")
    assert m.loc["T", "S"] == pytest.approx(0.75) and m.loc["T", "R"] == pytest.approx(
        0.25
    )
    assert m.loc["S"].sum() == 0.0  # S imports none
    u = import_share_matrix(sg, "g", include_domestic=True)
    assert u.loc["S", "S"] == 1.0
    c = supplier_concentration(sg, "g")
    assert c.loc["T", "hhi"] == pytest.approx(0.75**2 + 0.25**2)
    assert c.loc["T", "top_supplier"] == "S"
    a = dependence_asymmetry(sg)
    np.testing.assert_allclose(a.to_numpy(), -a.to_numpy().T)
    # T's use: 80 of g + 120 of p = 200, of which S supplies 60
    assert a.loc["T", "S"] == pytest.approx(60 / 200)


def test_dependence_result_type():
    dep = co.dependence(extraction_graph(), product="g")
    assert dep.top_supplier == {"T": ("S", 0.75)}
    assert float(dep.leontief.loc["T"].sum()) == pytest.approx(1.0)
    df = dep.to_frame()
    assert {
        "importer",
        "supplier",
        "import_share",
        "use_share",
        "leontief_share",
    } <= set(df)
    assert "<table>" in dep._repr_html_()
    with pytest.raises(SupplyGraphError, match="unknown product"):
        co.dependence(extraction_graph(), product="h")


def test_indirect_dependence_through_third_country():
    sg = SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "CN", "importer": "JP", "product": "magnets", "value": 10},
                {"exporter": "JP", "importer": "US", "product": "motors", "value": 100},
            ],
            "inputs": [{"input": "magnets", "output": "motors", "share": 0.1}],
        }
    )
    assert import_share_matrix(sg, "magnets").loc["US"].sum() == 0.0
    assert indirect_dependence(sg, "magnets").loc["US", "CN"] == pytest.approx(1.0)


@pytest.mark.filterwarnings("ignore::coercion.errors.CoercionWarning")
@settings(max_examples=30, deadline=None)
@given(random_graphs())
def test_io_identities_hold(data):
    sg = SupplyGraph.from_mapping(data)
    io = io_system(sg)
    L = leontief_inverse(sg).to_numpy()
    G = ghosh_inverse(sg).to_numpy()
    np.testing.assert_allclose(L @ io.f, io.X, atol=1e-6 * max(1.0, io.X.max()))
    np.testing.assert_allclose(io.v @ G, io.X, atol=1e-6 * max(1.0, io.X.max()))
    np.testing.assert_allclose(io.F.sum(axis=1), io.f, atol=1e-6 * max(1.0, io.X.max()))


def test_intermediate_use_above_recorded_use_regression():
    # found by hypothesis: a tiny recorded import feeding a large requirement made
    # the Ghosh coefficients overflow (B = Z / X with X ~ 1e-308)
    sg = SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "E0", "importer": "E1", "product": "p1", "value": 1e-308},
                {"exporter": "E1", "importer": "E1", "product": "p3", "value": 16.0},
            ],
            "inputs": [{"input": "p1", "output": "p3", "share": 0.125}],
        }
    )
    with pytest.warns(co.CoercionWarning, match="primary input"):
        io = io_system(sg)
    b = io.B.toarray()
    assert np.all(np.isfinite(b)) and b.sum(axis=1).max() <= 1.0
    with pytest.warns(co.CoercionWarning):
        G = ghosh_inverse(sg).to_numpy()
    np.testing.assert_allclose(io.v @ G, io.X)
    assert np.all(io.f >= 0)


def test_value_at_risk_matrix_ranks_suppliers():
    # T uses 100 of g (A 60, B 30, C 10), makes 1000 of h; U imports h from T
    sg = SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "A", "importer": "T", "product": "g", "value": 60},
                {"exporter": "B", "importer": "T", "product": "g", "value": 30},
                {"exporter": "C", "importer": "T", "product": "g", "value": 10},
                {"exporter": "T", "importer": "U", "product": "h", "value": 400},
                {"exporter": "T", "importer": "T", "product": "h", "value": 600},
                {"exporter": "U", "importer": "U", "product": "k", "value": 2000},
            ],
            "nodes": [
                {"economy": e, "product": "g", "spare_capacity": 15} for e in "ABC"
            ],
            "inputs": [
                {"input": "g", "output": "h", "share": 0.1},
                {"input": "h", "output": "k", "share": 0.2},
            ],
        }
    )
    m = co.supply.value_at_risk_matrix(sg, "g")
    # A: 60 - 30 leak = 30 denied -> 30 % of h; B: 30 - 30 = 0; C: 10 - 10 = 0
    assert m.loc["T", "A"] == pytest.approx(300.0)
    assert m.loc["T", "B"] == 0.0 and m.loc["T", "C"] == 0.0
    everyone = co.supply.value_at_risk_matrix(sg, "g", who="all")
    # U loses 30 % of its k too (all its h comes from T)
    assert everyone.loc["T", "A"] == pytest.approx(300.0 + 600.0)
    assert co.dependence(sg, "g").value_at_risk.equals(m)
    with pytest.raises(co.InvalidParameterError):
        co.supply.value_at_risk_matrix(sg, "g", who="me")
