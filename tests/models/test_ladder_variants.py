r"""Escalation ladders with backing-down payoffs, private types and simultaneous moves.

The three-rung threshold
------------------------
Rungs ``r1, r2, r3``; A moves at stages 0 and 2, B at stage 1; the top ends in
a showdown that A wins with probability :math:`p`. At stage 2 (two rungs
climbed) A compares climbing, :math:`p S_A - c_{A,3}` (costs to come only),
with backing down, :math:`d_{A,2}`: its threat to climb to the top is
credible iff

.. math:: c_{A,3} < c^* = p S_A - d_{A,2}.

At stage 1, B climbing yields :math:`(1-p) S_B - c_{B,2} - c_{B,3}` if the
threat is credible and :math:`S_B - c_{B,2}` if not (A then backs down), against
:math:`d_{B,1}` for backing down. With :math:`S_A = 10`, :math:`S_B = 6`,
:math:`p = 3/5`, :math:`d_A = -1` (lost face) and :math:`d_B = 0`, B's costs
``(1, 3, 8)`` and A's ``(1, 2, c_{A,3})``: :math:`c^* = 6 + 1 = 7`. Below it B
backs down (:math:`12/5 - 11 < 0`) and A climbs at once (:math:`10 - 1 > -1`);
above it B climbs (:math:`6 - 3 > 0`) and A, which would then back down at
stage 2 with :math:`-1 - 2 - 1 = -4 < -1`, backs down at once.
"""

from __future__ import annotations

import warnings
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.errors import InvalidParameterError, NotSupportedError, TieWarning
from coercion.models import (
    build_ladder,
    escalation_ladder,
    escalation_ladder_tree,
    ladder_solution,
)

RUNGS = ["tariffs", "export controls", "embargo"]


def three_rungs(c_a3):
    return build_ladder(
        RUNGS,
        costs=([1, 2, c_a3], [1, 3, 8]),
        stakes=(10, 6),
        players=("US", "China"),
        top_win_probability="3/5",
        backdown=(-1, 0),
    )


def threshold():
    """:math:`c^* = p S_A - d_{A,2}` (module docstring)."""
    return F(3, 5) * 10 - (-1)


@pytest.mark.parametrize(
    ("c_a3", "credible", "path"),
    [
        (6, True, ("escalate", "concede")),
        (F(69, 10), True, ("escalate", "concede")),
        (F(71, 10), False, ("concede",)),
        (8, False, ("concede",)),
    ],
)
def test_three_rung_threat_credible_below_threshold(c_a3, credible, path):
    assert threshold() == 7
    assert (c_a3 < threshold()) == credible
    tree = escalation_ladder_tree(three_rungs(c_a3))
    (spe,) = co.subgame_perfect_equilibria(tree)
    assert spe.is_subgame_perfect and spe.max_regret == 0
    # A's second information set is stage 2 (order of first appearance)
    top = spe.action("US", 1)
    assert top["escalate"] == (1 if credible else 0)
    assert ladder_solution(three_rungs(c_a3)).path == path
    assert ladder_solution(three_rungs(c_a3)).escalates[0][1] == credible


def test_threshold_itself_is_a_tie():
    tree = escalation_ladder_tree(three_rungs(threshold()))
    with pytest.warns(TieWarning):
        eqs = co.subgame_perfect_equilibria(tree)
    assert {e.action("US", 1)["escalate"] for e in eqs} == {0, 1}


def test_noncredible_threat_above_threshold_is_flagged():
    """Above c*, (escalate/escalate, concede) is Nash but rests on an empty threat."""
    tree = escalation_ladder_tree(three_rungs(8))
    nfg = tree.reduced_strategic_form()
    prof = [
        {"escalate/escalate": 1},
        {"concede": 1},
    ]
    profile = [[prof[p].get(s, 0) for s in nfg.strategies[p]] for p in range(2)]
    assert co.is_nash(nfg, profile)
    threats = co.noncredible_threats(tree)
    assert threats, "the Nash equilibrium resting on the top threat is flagged"


def test_backdown_payoffs_enter_the_tree():
    ld = build_ladder(["tariffs"], costs=(1, 1), stakes=(4, 3), backdown=("-1/2", 0))
    g = escalation_ladder(ld)
    assert g["concede", "(no move)"] == (F(-1, 2), F(3))


def test_simultaneous_one_rung_is_hand_checked_chicken():
    ld = build_ladder(
        ["embargo"],
        costs=(3, 2),
        stakes=(4, 6),
        backdown=(-1, -2),
        moves="simultaneous",
        top_win_probability="1/2",
    )
    g = escalation_ladder(ld)
    # (esc, esc): (2 - 3, 3 - 2); (esc, concede): (4, -2); (concede, esc): (-1, 6)
    assert g["escalate", "escalate"] == (-1, 1)
    assert g["escalate", "concede"] == (4, -2)
    assert g["concede", "escalate"] == (-1, 6)
    assert g["concede", "concede"] == (-1, -2)
    tree = escalation_ladder_tree(ld)
    assert len(tree.infosets("B")) == 1
    assert len(tree.infosets("B")[0].members) == 2


def test_simultaneous_ladder_solves():
    ld = build_ladder(RUNGS, costs=(1, 1), stakes=(5, 5), moves="simultaneous")
    tree = escalation_ladder_tree(ld)
    assert tree.has_perfect_recall()
    for e in co.subgame_perfect_equilibria(tree):
        assert e.is_subgame_perfect
    with pytest.raises(NotSupportedError):
        ladder_solution(ld)


def test_per_stage_movers():
    """B moves twice in a row, then both at once at the top stage."""
    ld = build_ladder(RUNGS, costs=(1, 1), stakes=(5, 5), moves=["B", "B", "both"])
    tree = escalation_ladder_tree(ld)
    assert [h.label for h in tree.infosets("B")] == [
        "B at stage 0",
        "B at stage 1",
        "B at stage 2",
    ]
    assert [h.label for h in tree.infosets("A")] == ["A at stage 2"]
    for e in co.subgame_perfect_equilibria(tree):
        assert e.is_subgame_perfect


@pytest.mark.parametrize("order", [["B", "A", "B"], ["A", "A", "B"], ["B", "B", "A"]])
def test_sequential_movers_recursion_matches_tree(order):
    ld = build_ladder(
        RUNGS, costs=([1, 2, 3], [1, 3, 2]), stakes=(6, 5), moves=order, backdown=-1
    )
    sol = ladder_solution(ld)
    (spe,) = co.subgame_perfect_equilibria(escalation_ladder_tree(ld))
    assert tuple(spe.payoffs) == sol.payoffs
    assert sum(len(x) for x in sol.escalates) == 3


def private_target(q_resolved):
    r"""Two rungs; the target B is ``"resolved"`` (no cost) with probability q.

    B climbs at stage 1 iff :math:`(1-p) S_B - c_{B,2} > 0`: the resolved type
    (0 < 3) does, the soft one (:math:`3 - 5 < 0`) does not. A climbs at stage 0
    iff :math:`q (p S_A - c_{A,1} - c_{A,2}) + (1 - q)(S_A - c_{A,1}) > 0`,
    with :math:`S_A = 4`, :math:`p = 1/2`, :math:`c_A = (1, 3)`:
    :math:`q (-2) + (1 - q) 3 > 0 \iff q < q^* = 3/5`.
    """
    return build_ladder(
        ["sanctions", "embargo"],
        costs=([1, 3], [0, 0]),
        stakes=(4, 6),
        types=(
            None,
            {"resolved": (q_resolved, 0), "soft": (1 - F(q_resolved), [0, 5])},
        ),
    )


@pytest.mark.parametrize(("q", "a_climbs"), [("1/2", True), ("7/10", False)])
def test_private_types_cutoff_belief(q, a_climbs):
    tree = escalation_ladder_tree(private_target(q))
    assert tree.has_perfect_recall()
    assert tree.root.is_chance
    assert [h.label for h in tree.infosets("B")] == [
        "B (resolved) at stage 1",
        "B (soft) at stage 1",
    ]
    # A cannot tell B's types apart
    assert len(tree.infosets("A")) == 1
    eqs = co.subgame_perfect_equilibria(tree)
    assert len(eqs) == 1
    (e,) = eqs
    assert e.is_subgame_perfect
    assert e.action("A", 0)["escalate"] == (1 if a_climbs else 0)
    assert e.action("B", 0)["escalate"] == 1
    assert e.action("B", 1)["escalate"] == 0


def test_private_ladder_round_trips_through_efg(tmp_path):
    tree = escalation_ladder_tree(private_target("1/2"))
    path = tmp_path / "ladder.efg"
    co.write_game(tree, path)
    back = co.read_game(path)
    assert back.reduced_strategic_form() == tree.reduced_strategic_form()
    assert [h.label for h in back.infosets("B")] == [
        h.label for h in tree.infosets("B")
    ]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"moves": "sequential"}, "moves"),
        ({"moves": ["A", "B"]}, "moves"),
        ({"moves": ["A", "C", "both"]}, "moves[1]"),
        ({"backdown": ([0, 0], 0)}, "backdown[0]"),
        ({"backdown": (0, 0, 0)}, "backdown"),
        ({"types": ({"x": ("1/2", 0)}, None)}, "types[0]"),
        ({"types": ({"x": (1, [0, 0])}, None)}, "types[0]['x'][1]"),
        ({"types": ({"x": 1}, None)}, "types[0]['x']"),
        ({"types": [None]}, "types"),
    ],
)
def test_bad_variant_inputs(kwargs, field):
    with pytest.raises(InvalidParameterError) as info:
        build_ladder(RUNGS, costs=(1, 1), stakes=1, **kwargs)
    assert info.value.field == field


cost = st.fractions(0, 6, max_denominator=2)


@settings(max_examples=20, deadline=None)
@given(
    st.lists(cost, min_size=3, max_size=3),
    st.lists(cost, min_size=3, max_size=3),
    st.lists(st.fractions(-3, 0, max_denominator=2), min_size=2, max_size=2),
)
def test_recursion_agrees_with_backward_induction_on_the_tree(ca, cb, d):
    ld = build_ladder(RUNGS, costs=(ca, cb), stakes=(5, 4), backdown=tuple(d))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TieWarning)
        sol = ladder_solution(ld)
        eqs = co.subgame_perfect_equilibria(escalation_ladder_tree(ld))
    assert sol.payoffs in {tuple(e.payoffs) for e in eqs}
