"""Fearon's crisis bargaining: closed form against the generic solver."""

from __future__ import annotations

import warnings
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.models import crisis_bargaining, fearon_solution
from coercion.solve.enumeration import enumerate_equilibria

F = Fraction


@pytest.mark.parametrize(
    ("p", "ca", "lo", "hi", "offer", "war"),
    [
        # issue 7 acceptance (Fearon 1995, risk-return trade-off)
        ("0.5", "0.1", 0, "0.3", F(3, 5), F(1, 3)),
        # A's war cost above the top of B's range: no risk worth taking
        ("0.5", "0.4", 0, "0.3", F(1, 2), F(0)),
        # lower bound binds: y* = max(lo, (hi - ca)/2) = lo, peace
        ("0.5", "0.1", "0.2", "0.3", F(7, 10), F(0)),
        # cap at the whole good: A demands everything, war iff c_B < 1 - p
        ("0.9", 0, 0, 1, F(1), F(1, 10)),
    ],
)
def test_known_answers(p, ca, lo, hi, offer, war):
    sol = fearon_solution(p, ca, lo, hi)
    assert sol.offer == offer
    assert sol.war_probability == war


def test_solver_returns_the_closed_form_demand():
    sol = fearon_solution("0.5", "0.1", 0, "0.3")
    g = crisis_bargaining("0.5", "0.1", 0, "0.3")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", co.DegenerateGameWarning)
        eqs = enumerate_equilibria(g)
    assert len(eqs) == 1
    (e,) = eqs
    assert e.supports == (("x=3/5",), ("sincere",))
    assert tuple(e.payoffs) == sol.payoffs


fracs = st.fractions(min_value=0, max_value=1, max_denominator=40)


@settings(max_examples=40, deadline=None)
@given(p=fracs, ca=fracs, lo=fracs, width=st.fractions(F(1, 40), 1, max_denominator=40))
def test_offer_is_optimal_against_sincere_acceptance(p, ca, lo, width):
    # brute force: A's payoff at the closed-form demand beats every grid demand
    hi = lo + width
    sol = fearon_solution(p, ca, lo, hi)
    grid = [F(k, 200) for k in range(201)]
    g = crisis_bargaining(
        p,
        ca,
        lo,
        hi,
        demands=[sol.offer, *(x for x in grid if x != sol.offer)],
        shifts=[0],
    )
    A, _ = g.bimatrix()
    assert A[0, 0] == max(A[:, 0])
    assert A[0, 0] == sol.payoffs[0]


def test_war_probability_rises_with_spread_of_private_costs():
    wars = [
        fearon_solution("0.5", "0.1", 0, hi).war_probability
        for hi in ("0.2", "0.3", "0.5")
    ]
    assert wars == sorted(wars)
    assert wars[0] > 0


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("1.5", "0.1", 0, "0.3"), "p"),
        (("0.5", "-0.1", 0, "0.3"), "cost_a"),
        (("0.5", "0.1", "0.3", "0.3"), "cost_b_high"),
    ],
)
def test_bad_parameters(args, field):
    with pytest.raises(co.InvalidParameterError) as info:
        fearon_solution(*args)
    assert info.value.field == field
