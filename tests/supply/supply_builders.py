"""Shared builders for the supply tests."""

from __future__ import annotations

import hypothesis.strategies as st

from coercion.supply import SupplyGraph


def chain_graph(
    *,
    inventory_days: float = 0.0,
    spare_c: float = 0.0,
    time_to_recover: float = float("inf"),
    elasticity: float = 0.0,
) -> SupplyGraph:
    """S sells a part to T (365 a year); T makes cars (3650) and exports some to U."""
    return SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "S", "importer": "T", "product": "part", "value": 365},
                {"exporter": "T", "importer": "T", "product": "car", "value": 2650},
                {"exporter": "T", "importer": "U", "product": "car", "value": 1000},
                {"exporter": "C", "importer": "C", "product": "part", "value": 100},
            ],
            "nodes": [
                {
                    "economy": "T",
                    "product": "part",
                    "inventory_days": inventory_days,
                    "time_to_recover": time_to_recover,
                },
                {"economy": "C", "product": "part", "spare_capacity": spare_c},
            ],
            "inputs": [
                {
                    "input": "part",
                    "output": "car",
                    "share": 0.1,
                    "elasticity": elasticity,
                }
            ],
        }
    )


@st.composite
def random_graphs(draw: st.DrawFn) -> dict:
    """A random acyclic supply mapping: 2-4 economies, 2-4 products in tiers."""
    n_e = draw(st.integers(2, 4))
    n_p = draw(st.integers(2, 4))
    econ = [f"E{i}" for i in range(n_e)]
    prod = [f"p{j}" for j in range(n_p)]
    value = st.floats(0, 100, allow_nan=False, allow_infinity=False)
    flows = []
    for p in prod:
        for a in econ:
            for b in econ:
                if draw(st.booleans()):
                    flows.append(
                        {
                            "exporter": a,
                            "importer": b,
                            "product": p,
                            "value": draw(value),
                        }
                    )
    if not flows:
        flows.append(
            {
                "exporter": econ[0],
                "importer": econ[1],
                "product": prod[0],
                "value": 10.0,
            }
        )
    nodes = [
        {
            "economy": e,
            "product": p,
            "spare_capacity": draw(st.floats(0, 50)),
            "inventory_days": draw(st.floats(0, 60)),
            "time_to_recover": draw(st.sampled_from([0.25, 1.0, 5.0, float("inf")])),
        }
        for e in econ
        for p in prod
    ]
    inputs = []
    for j in range(1, n_p):
        budget = 0.9
        for i in range(j):
            if draw(st.booleans()):
                share = draw(st.floats(0.01, budget / n_p))
                inputs.append(
                    {
                        "input": prod[i],
                        "output": prod[j],
                        "share": share,
                        "elasticity": draw(st.sampled_from([0.0, 0.5, 1.0, 2.0])),
                    }
                )
    return {"flows": flows, "nodes": nodes, "inputs": inputs}
