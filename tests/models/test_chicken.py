"""Chicken: closed-form critical risks against the generic solver."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.models import chicken, chicken_solution, chicken_symbolic
from coercion.solve.enumeration import enumerate_equilibria


@pytest.mark.parametrize(
    ("a", "b", "c", "q"),
    [
        # issue 7 acceptance: a = b = 1, c = 10 gives q* = 0.1
        (1, 1, 10, Fraction(1, 10)),
        # b = 0: the textbook chicken, q* = a / (a + c) (Dixit-Skeath ch. 4)
        (1, 0, 10, Fraction(1, 11)),
        (2, 1, 3, Fraction(1, 2)),
    ],
)
def test_mixed_equilibrium_known_answers(a, b, c, q):
    sol = chicken_solution(a, b, c)
    assert sol.critical_risk == (q, q)
    assert sol.firm_probability == (q, q)
    assert sol.collision_probability == q * q


def test_solver_returns_closed_form_equilibria():
    sol = chicken_solution(1, 1, 10)
    eqs = enumerate_equilibria(chicken(1, 1, 10))
    assert len(eqs) == 3
    mixed = [e for e in eqs if not e.is_pure]
    assert len(mixed) == 1
    e = mixed[0]
    assert e.strategy("A")["firm"] == sol.firm_probability[0]
    assert e.strategy("B")["firm"] == sol.firm_probability[1]
    assert tuple(e.payoffs) == sol.mixed_payoffs
    pure = {tuple(s[0] for s in e.supports) for e in eqs if e.is_pure}
    assert pure == set(sol.pure_equilibria)


weights = st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=20)


@settings(max_examples=30, deadline=None)
@given(
    a=st.tuples(weights, weights),
    b=st.tuples(weights, weights),
    extra=st.tuples(weights, weights),
)
def test_mixed_equilibrium_matches_solver_for_asymmetric_sides(a, b, extra):
    c = (b[0] + extra[0], b[1] + extra[1])
    sol = chicken_solution(a, b, c)
    g = chicken(a, b, c)
    profile = [
        [1 - sol.firm_probability[0], sol.firm_probability[0]],
        [1 - sol.firm_probability[1], sol.firm_probability[1]],
    ]
    assert co.regret(g, profile) == 0
    assert g.expected_payoffs(profile) == sol.mixed_payoffs


@pytest.mark.parametrize(
    ("c", "winner"), [((4, 10), "A"), ((10, 4), "B"), ((10, 10), None)]
)
def test_side_with_larger_critical_risk_is_risk_dominant(c, winner):
    # Harsanyi-Selten (1988): compare products of deviation losses
    sol = chicken_solution(1, 1, c)
    assert sol.prevails == winner
    a1 = a2 = 1
    b1 = b2 = 1
    lhs, rhs = a1 * (c[1] - b2), a2 * (c[0] - b1)
    assert (lhs > rhs) == (winner == "A")


def test_float_parameters_give_float_game():
    g = chicken(1.0, 1, 10)
    assert not g.is_exact
    assert chicken_solution(1.0, 1, 10).critical_risk[0] == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"a": 0, "b": 1, "c": 10}, "a"),
        ({"a": 1, "b": -1, "c": 10}, "b"),
        ({"a": 1, "b": 5, "c": 5}, "c[0]"),
        ({"a": 1, "b": 1, "c": (10, 1)}, "c[1]"),
        ({"a": (1, 2, 3), "b": 1, "c": 10}, "a"),
        ({"a": "x", "b": 1, "c": 10}, "a"),
    ],
)
def test_bad_parameters_name_the_field(kwargs, field):
    with pytest.raises(co.InvalidParameterError) as info:
        chicken(**kwargs)
    assert info.value.field == field


def test_symbolic_chicken_substitutes_to_numeric_game():
    g = chicken_symbolic()
    assert g.subs(a=1, b=1, c=10) == chicken(1, 1, 10)


def test_dispatching_solver_agrees_with_enumeration():
    g = chicken(2, 1, 7)
    via_solve = [e.to_dict()["profile"] for e in co.solve(g)]
    assert via_solve == [e.to_dict()["profile"] for e in enumerate_equilibria(g)]


def test_exact_threshold_of_symbolic_chicken_is_the_cost_of_backing_down():
    # below c = b standing firm is dominant; above it the game is chicken
    res = co.thresholds(chicken_symbolic(), "c", over=(0, 20), fixed={"a": 1, "b": 1})
    assert res.method == "exact"
    assert [t.exact for t in res] == [1]
