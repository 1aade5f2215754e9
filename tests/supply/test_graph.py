"""SupplyGraph: construction, validation naming row and field, views."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import coercion as co
from coercion.errors import SupplyGraphError
from coercion.supply import SupplyGraph


def base() -> dict:
    return {
        "flows": [
            {"exporter": "CN", "importer": "JP", "product": "magnets", "value": 90},
            {"exporter": "JP", "importer": "JP", "product": "motors", "value": 1000},
        ],
        "nodes": [{"economy": "JP", "product": "magnets", "inventory_days": 40}],
        "inputs": [{"input": "magnets", "output": "motors", "share": 0.09}],
    }


def test_basic_graph_structure():
    sg = SupplyGraph.from_mapping(base())
    assert sg.economies == ("CN", "JP")
    assert sg.products == ("magnets", "motors")
    assert sg.graph.has_edge(("CN", "magnets"), ("JP", "magnets"), key="trade")
    assert sg.graph.has_edge(("JP", "magnets"), ("JP", "motors"), key="input")
    assert sg.production("CN", "magnets") == 90.0
    assert sg.production("JP", "magnets") == 0.0
    assert sg.use("JP", "magnets") == 90.0
    assert sg.node_attrs("JP", "magnets")["inventory_days"] == 40
    assert math.isinf(sg.node_attrs("JP", "motors")["time_to_recover"])
    assert sg.input_shares("JP", "motors") == {"magnets": (0.09, 0.0)}
    assert sg.suppliers("JP", "magnets") == {"CN": 90.0}
    assert co.SupplyGraph is SupplyGraph


def _with(table: str, index: int, **change) -> dict:
    data = base()
    data[table][index] = {**data[table][index], **change}
    return data


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (_with("flows", 0, value=-5), "flows[0].value", "-5 is not >= 0"),
        (_with("flows", 0, value=float("nan")), "flows[0].value", "NaN"),
        (_with("flows", 1, value=float("inf")), "flows[1].value", "not finite"),
        (_with("flows", 0, value="lots"), "flows[0].value", "not a number"),
        (_with("flows", 0, exporter=None), "flows[0].exporter", "missing"),
        (_with("flows", 0, colour="red"), "flows[0]", "unknown field 'colour'"),
        (_with("inputs", 0, share=1.2), "inputs[0].share", "above 1"),
        (_with("inputs", 0, elasticity=-1), "inputs[0].elasticity", "not >= 0"),
        (_with("inputs", 0, input="steel"), "inputs[0].input", "unknown product"),
        (_with("nodes", 0, capability=2), "nodes[0].capability", "above 1"),
        (_with("nodes", 0, time_to_recover=0), "nodes[0].time_to_recover", "positive"),
        (_with("nodes", 0, inventory_days=-1), "nodes[0].inventory_days", ">= 0"),
        (
            _with("nodes", 0, economy="CN", product="magnets", production=10),
            "nodes[0].production",
            "below the recorded outflows 90",
        ),
    ],
)
def test_invalid_rows_are_named(data, field, words):
    with pytest.raises(SupplyGraphError) as exc:
        SupplyGraph.from_mapping(data)
    assert exc.value.field == field
    assert words in str(exc.value)


def test_duplicate_flow_names_both_rows():
    data = base()
    data["flows"].append(dict(data["flows"][0]))
    with pytest.raises(SupplyGraphError, match=r"flows\[2\].*first at flows\[0\]"):
        SupplyGraph.from_mapping(data)


def test_unknown_economy_when_declared():
    data = base() | {"economies": ["CN"]}
    with pytest.raises(SupplyGraphError, match="unknown economy 'JP'") as exc:
        SupplyGraph.from_mapping(data)
    assert exc.value.field == "flows[0].importer"


def test_input_shares_summing_above_one():
    data = base()
    data["flows"].append(
        {"exporter": "JP", "importer": "JP", "product": "steel", "value": 5}
    )
    data["inputs"].append({"input": "steel", "output": "motors", "share": 0.95})
    with pytest.raises(SupplyGraphError, match=r"sum to 1\.04"):
        SupplyGraph.from_mapping(data)


def test_cycles_rejected_unless_allowed():
    data = base()
    data["inputs"].append({"input": "motors", "output": "magnets", "share": 0.1})
    with pytest.raises(SupplyGraphError, match="cycle"):
        SupplyGraph.from_mapping(data)
    sg = SupplyGraph.from_mapping(data, allow_input_cycles=True)
    assert sg.n_inputs == 2


def test_cycle_needs_shares_below_one():
    data = {
        "flows": [{"exporter": "E", "importer": "E", "product": "x", "value": 1}],
        "inputs": [{"input": "x", "output": "x", "share": 1.0}],
        "allow_input_cycles": True,
    }
    with pytest.raises(SupplyGraphError, match="below 1"):
        SupplyGraph.from_mapping(data)


def test_economy_specific_input_rows_override():
    data = base()
    data["flows"].append(
        {"exporter": "US", "importer": "US", "product": "motors", "value": 50}
    )
    data["inputs"].append(
        {"input": "magnets", "output": "motors", "share": 0.2, "economy": "US"}
    )
    sg = SupplyGraph.from_mapping(data)
    assert sg.input_shares("US", "motors") == {"magnets": (0.2, 0.0)}
    assert sg.input_shares("JP", "motors") == {"magnets": (0.09, 0.0)}


def test_unknown_top_level_key():
    with pytest.raises(SupplyGraphError, match="unknown key 'flow'"):
        SupplyGraph.from_mapping({"flow": []})


def test_from_frame_and_csv_round_trip(tmp_path):
    data = base()
    flows, nodes, inputs = (pd.DataFrame(data[k]) for k in ("flows", "nodes", "inputs"))
    sg = SupplyGraph.from_frame(flows, nodes, inputs)
    for name, df in (("f", flows), ("n", nodes), ("i", inputs)):
        df.to_csv(tmp_path / f"{name}.csv", index=False)
    sg2 = SupplyGraph.from_csv(
        tmp_path / "f.csv", tmp_path / "n.csv", tmp_path / "i.csv"
    )
    sg3 = SupplyGraph.from_mapping(sg.to_mapping())
    for g in (sg2, sg3):
        assert sorted(g.graph.edges(keys=True, data=True)) == sorted(
            sg.graph.edges(keys=True, data=True)
        )
        assert dict(g.graph.nodes(data=True)) == dict(sg.graph.nodes(data=True))
    assert list(sg.flows_frame()["value"]) == [90.0, 1000.0]
    assert set(sg.nodes_frame()["use"]) == {0.0, 90.0, 1000.0}


def test_frame_row_with_nan_is_named():
    flows = pd.DataFrame(
        {
            "exporter": ["A", "B"],
            "importer": ["B", "A"],
            "product": ["x", "x"],
            "value": [1.0, float("nan")],
        }
    )
    with pytest.raises(SupplyGraphError) as exc:
        SupplyGraph.from_frame(flows)
    assert exc.value.field == "flows[1].value"


def test_repr_and_html():
    sg = SupplyGraph.from_mapping(base())
    assert "3 nodes" in repr(sg)
    html = sg._repr_html_()
    assert "<table>" in html and "magnets" in html


def test_with_nodes_and_flows_return_new_validated_graphs():
    sg = SupplyGraph.from_mapping(base())
    sg2 = sg.with_nodes(
        {("JP", "magnets"): {"inventory_days": 90}, ("AU", "magnets"): {}}
    )
    assert sg2.node_attrs("JP", "magnets")["inventory_days"] == 90
    assert sg.node_attrs("JP", "magnets")["inventory_days"] == 40
    assert ("AU", "magnets") in sg2.graph
    # a defaulted production follows the flows
    sg3 = sg.with_flows({("CN", "US", "magnets"): 10.0})
    assert sg3.production("CN", "magnets") == 100.0
    with pytest.raises(SupplyGraphError, match="spare_capacity"):
        sg.with_nodes({("JP", "magnets"): {"spare_capacity": -1}})
    # an explicit production does not: the new outflow must fit under it
    explicit = sg.with_nodes({("CN", "magnets"): {"production": 95}})
    with pytest.raises(SupplyGraphError, match="below the recorded outflows"):
        explicit.with_flows({("CN", "US", "magnets"): 10.0})
