"""The bundled scenarios' supply sides load into SupplyGraph and propagate sanely."""

from __future__ import annotations

import numpy as np
import pytest

import coercion as co

SCENARIOS = [
    "rare_earths",
    "photoresists",
    "ai_chips",
    "china_australia_2020",
    "zte_2018",
]


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_cross_border_cut_is_bounded(name):
    try:
        sg = co.load_scenario(name).supply_graph()
    except (FileNotFoundError, KeyError, co.ScenarioError) as exc:  # pragma: no cover
        pytest.skip(f"scenario {name} not available: {exc}")
    flows = sg.flows_frame()
    flows = flows[flows["exporter"] != flows["importer"]]
    assert len(flows) > 0
    for row in flows.itertuples():
        res = co.propagate_cut(sg, row.exporter, row.importer, row.product, horizon=1.0)
        lost = res.lost_output.sum(axis=1)
        assert np.all(lost >= 0)
        assert np.all(lost <= res.production * 1.0 * (1 + 1e-9))
        zero = co.propagate_cut(sg, row.exporter, row.importer, row.product, 0.0)
        assert zero.value_at_risk == 0.0


def test_rare_earth_magnets_dependence():
    sg = co.load_scenario("rare_earths").supply_graph()
    dep = co.dependence(sg, product="ndfeb_magnet")
    supplier, share = dep.top_supplier["US"]
    assert supplier == "CN" and 0.5 < share <= 1.0
