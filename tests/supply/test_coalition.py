"""Coalitions: leakage only from non-members; effective denial (shares 0.6, 0.9)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coercion.errors import InvalidParameterError
from coercion.supply import (
    SupplyGraph,
    coalition_share,
    denial_fraction,
    denial_table,
    effective_denial,
    propagate_cut,
)


def three_suppliers(spare: float = 20.0) -> SupplyGraph:
    # T uses 100 of g: A 60, B 30, C 10; T makes 1000 of h with g (share 0.1)
    return SupplyGraph.from_mapping(
        {
            "flows": [
                {"exporter": "A", "importer": "T", "product": "g", "value": 60},
                {"exporter": "B", "importer": "T", "product": "g", "value": 30},
                {"exporter": "C", "importer": "T", "product": "g", "value": 10},
                {"exporter": "T", "importer": "T", "product": "h", "value": 1000},
            ],
            "nodes": [
                {"economy": e, "product": "g", "spare_capacity": spare} for e in "ABC"
            ],
            "inputs": [{"input": "g", "output": "h", "share": 0.1}],
        }
    )


@pytest.mark.parametrize(
    ("members", "share", "leak", "denial"),
    [
        (["A"], 0.6, 40.0, 0.2),  # B and C fill 40 of the 60
        (["A", "B"], 0.9, 20.0, 0.7),  # only C's 20 is left outside
    ],
)
def test_leakage_with_coalition_shares(members, share, leak, denial):
    sg = three_suppliers()
    assert coalition_share(sg, members, "T", "g") == pytest.approx(share)
    assert effective_denial(sg, members, "T", "g") == pytest.approx(denial)
    res = propagate_cut(sg, members, "T", "g")
    assert res.leakage == pytest.approx(leak)
    assert set(res.leakage_by_supplier) == {"B", "C"} - set(members)
    # fixed proportions: h loses the denied share of its output for the year
    assert res.value_at_risk == pytest.approx(1000 * denial)
    # the scalar formula agrees (non-members' spare over T's use)
    spare_share = 20 * (3 - len(members)) / 100
    assert denial_fraction(share, spare_share) == pytest.approx(denial)


def test_denial_table():
    df = denial_table(three_suppliers(), [["A"], ["A", "B"], ["A", "B", "C"]], "T", "g")
    assert df["denial"].tolist() == pytest.approx([0.2, 0.7, 1.0])
    assert df["value_at_risk"].is_monotonic_increasing


def test_denial_fraction_validation():
    with pytest.raises(InvalidParameterError, match="coalition_share"):
        denial_fraction(1.2, 0.1)
    with pytest.raises(InvalidParameterError, match="spare_share"):
        denial_fraction(0.5, -0.1)
    with pytest.raises(InvalidParameterError, match="phi"):
        denial_fraction(0.5, 0.1, phi=2)


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 2), st.floats(0, 1))
def test_denial_monotone(c1, c2, s, phi):
    lo, hi = sorted((c1, c2))
    assert denial_fraction(lo, s, phi) <= denial_fraction(hi, s, phi)
    assert denial_fraction(hi, s + 0.1, phi) <= denial_fraction(hi, s, phi)
    assert 0 <= denial_fraction(hi, s, phi) <= phi * hi + 1e-15


def test_effective_denial_grows_with_members_on_graph():
    sg = three_suppliers(spare=15.0)
    d = [
        effective_denial(sg, m, "T", "g") for m in (["A"], ["A", "B"], ["A", "B", "C"])
    ]
    assert np.all(np.diff(d) >= 0)
