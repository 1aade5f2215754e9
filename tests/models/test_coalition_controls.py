"""Coalition export controls with leakage: closed-form equilibria vs the solvers."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.models import coalition_controls, coalition_equilibria, critical_leakage
from coercion.solve.pure import pure_equilibria

F = Fraction


def _solver_profiles(g):
    eqs = pure_equilibria(g)
    return [tuple(s[0] for s in e.supports) for e in eqs]


@pytest.mark.parametrize(
    ("leakage", "expected"),
    [
        # small leakage: the grand coalition is the only equilibrium
        ("0.1", [("control",) * 3]),
        # moderate: coordinate on all-control or nobody
        ("0.45", [("control",) * 3, ("sell",) * 3]),
        # above the critical leakage 23/30 controls collapse
        ("0.8", [("sell",) * 3]),
    ],
)
def test_known_equilibria_and_solver_agree(leakage, expected):
    args = (["0.4", "0.3", "0.2"], leakage, 3, 1)
    assert coalition_equilibria(*args) == expected
    assert _solver_profiles(coalition_controls(*args)) == expected


def test_critical_leakage_separates_stable_from_unstable_grand_coalition():
    shares = ["0.4", "0.3", "0.2"]
    L = critical_leakage(shares, benefit=3, margin=1)
    assert L == F(23, 30)
    assert ("control",) * 3 in coalition_equilibria(shares, L, 3, 1)
    assert ("control",) * 3 not in coalition_equilibria(shares, L + F(1, 1000), 3, 1)


def test_free_rider_when_margin_exceeds_benefit():
    assert critical_leakage(["0.5", "0.5"], benefit=[1, 3], margin=2) is None
    assert ("control", "control") not in coalition_equilibria(
        ["0.5", "0.5"], 0, [1, 3], 2
    )


share = st.fractions(F(1, 20), F(1, 3), max_denominator=20)


@settings(max_examples=30, deadline=None)
@given(
    shares=st.lists(share, min_size=2, max_size=3),
    leakage=st.fractions(0, 1, max_denominator=20),
    benefit=st.lists(st.fractions(0, 4, max_denominator=4), min_size=3, max_size=3),
    margin=st.lists(st.fractions(0, 4, max_denominator=4), min_size=3, max_size=3),
)
def test_closed_form_equilibria_match_solver(shares, leakage, benefit, margin):
    n = len(shares)
    args = (shares, leakage, benefit[:n], margin[:n])
    assert coalition_equilibria(*args) == _solver_profiles(coalition_controls(*args))


def test_two_members_match_vertex_enumeration():
    from coercion.solve.enumeration import enumerate_equilibria

    g = coalition_controls(["0.5", "0.4"], "0.1", 3, 1)
    pure = [
        tuple(s[0] for s in e.supports) for e in enumerate_equilibria(g) if e.is_pure
    ]
    assert pure == coalition_equilibria(["0.5", "0.4"], "0.1", 3, 1)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"shares": [], "leakage": 0, "benefit": 1, "margin": 1}, "shares"),
        ({"shares": ["0.7", "0.6"], "leakage": 0, "benefit": 1, "margin": 1}, "shares"),
        ({"shares": ["0.5"], "leakage": -1, "benefit": 1, "margin": 1}, "leakage"),
        (
            {"shares": ["0.5", "0.1"], "leakage": 0, "benefit": [1], "margin": 1},
            "benefit",
        ),
    ],
)
def test_bad_parameters(kwargs, field):
    with pytest.raises(co.InvalidParameterError) as info:
        coalition_controls(**kwargs)
    assert info.value.field == field


def test_dispatching_solver_on_three_members():
    # co.solve picks support enumeration for n players; its pure equilibria are
    # exactly the closed-form ones (it also finds a symmetric mixed equilibrium)
    args = (["0.4", "0.3", "0.2"], "0.45", 3, 1)
    eqs = co.solve(coalition_controls(*args))
    assert all(e.max_regret == 0 for e in eqs)
    pure = [tuple(s[0] for s in e.supports) for e in eqs if e.is_pure]
    assert sorted(pure) == sorted(coalition_equilibria(*args))
