"""Escalation ladder: backward induction against the tree and its strategic form."""

from __future__ import annotations

import warnings
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.models import (
    build_ladder,
    escalation_ladder,
    escalation_ladder_tree,
    ladder_solution,
)
from coercion.solve.enumeration import enumerate_equilibria

F = Fraction
RUNGS = ["tariffs", "export controls", "embargo"]


@pytest.mark.parametrize(
    ("us_costs", "path", "winner", "payoffs"),
    [
        # US can afford the embargo: China concedes after the first rung
        ([1, 2, 3], ("escalate", "concede"), "US", (F(9), F(-1))),
        # it cannot: China would climb, so the US concedes at once
        ([1, 2, 7], ("concede",), "China", (F(0), F(6))),
    ],
)
def test_known_answers(us_costs, path, winner, payoffs):
    ld = build_ladder(
        RUNGS,
        costs=(us_costs, [1, 3, 8]),
        stakes=(10, 6),
        players=("US", "China"),
        top_win_probability="0.6",
    )
    sol = ladder_solution(ld)
    assert (sol.path, sol.winner, sol.payoffs) == (path, winner, payoffs)


def test_showdown_at_the_top_when_both_climb():
    ld = build_ladder(["tariffs", "embargo"], costs=(1, 1), stakes=10)
    sol = ladder_solution(ld)
    assert sol.path == ("escalate", "escalate")
    assert sol.winner is None and sol.top_rung == "embargo"
    assert sol.payoffs == (F(3), F(3))


def _ladders():
    cost = st.fractions(0, 6, max_denominator=3)
    return st.integers(1, 4).flatmap(
        lambda R: st.tuples(
            st.lists(cost, min_size=R, max_size=R),
            st.lists(cost, min_size=R, max_size=R),
            st.tuples(
                st.fractions(0, 10, max_denominator=2),
                st.fractions(0, 10, max_denominator=2),
            ),
            st.fractions(0, 1, max_denominator=5),
        ).map(
            lambda t: build_ladder(
                [f"r{k}" for k in range(R)],
                costs=(t[0], t[1]),
                stakes=t[2],
                top_win_probability=t[3],
            )
        )
    )


@pytest.mark.filterwarnings("ignore::coercion.errors.TieWarning")
@settings(max_examples=40, deadline=None)
@given(ld=_ladders())
def test_backward_induction_is_a_nash_equilibrium_of_the_reduced_form(ld):
    sol = ladder_solution(ld)
    g = escalation_ladder(ld)
    profile = [{sol.plans[0]: 1}, {sol.plans[1]: 1}]
    assert co.is_nash(g, profile)
    assert g.expected_payoffs(profile) == sol.payoffs


def test_solver_finds_the_backward_induction_plans():
    ld = build_ladder(
        RUNGS, costs=([1, 2, 3], [1, 3, 8]), stakes=(10, 6), top_win_probability="0.6"
    )
    sol = ladder_solution(ld)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", co.DegenerateGameWarning)
        eqs = enumerate_equilibria(escalation_ladder(ld))
    assert ((sol.plans[0],), (sol.plans[1],)) in [e.supports for e in eqs]


def test_subgame_perfect_solver_agrees():
    spe = pytest.importorskip("coercion.solve.subgame_perfect")
    for us in ([1, 2, 3], [1, 2, 7]):
        ld = build_ladder(
            RUNGS, costs=(us, [1, 3, 8]), stakes=(10, 6), top_win_probability="0.6"
        )
        eqs = spe.subgame_perfect_equilibria(escalation_ladder_tree(ld))
        assert len(eqs) == 1
        assert tuple(eqs[0].payoffs) == ladder_solution(ld).payoffs


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"rungs": []}, "rungs"),
        ({"rungs": ["a", "a"]}, "rungs[1]"),
        ({"costs": ([1], [1, 2])}, "costs[0]"),
        ({"costs": (1, -1)}, "costs[1]"),
        ({"stakes": (1, 2, 3)}, "stakes"),
        ({"top_win_probability": 2}, "top_win_probability"),
    ],
)
def test_builder_validation(kwargs, field):
    args = {"rungs": ["a", "b"], "costs": (1, 1), "stakes": 5, **kwargs}
    with pytest.raises(co.InvalidParameterError) as info:
        build_ladder(**args)
    assert info.value.field == field


def test_indifferent_mover_concedes_with_a_warning():
    # at the embargo the US gains 0.6 * 10 and pays exactly 6
    ld = build_ladder(
        RUNGS, costs=([1, 2, 6], [1, 3, 8]), stakes=(10, 6), top_win_probability="0.6"
    )
    with pytest.warns(co.TieWarning, match=r"rungs \[2\]"):
        sol = ladder_solution(ld)
    assert sol.escalates[0] == (False, False)
