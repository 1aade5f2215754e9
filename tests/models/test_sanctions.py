"""Sanctions with a threat stage: backward induction, selection, conflict expectations."""

from __future__ import annotations

import warnings
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.models import (
    sanctions_game,
    sanctions_selection,
    sanctions_solution,
    sanctions_tree,
)
from coercion.solve.enumeration import enumerate_equilibria

F = Fraction


@pytest.mark.parametrize(
    ("args", "kappa", "path"),
    [
        # ally (kappa = 0): the threat works
        ((4, 3, 1, 4, 2), 0, ("threaten", "concede")),
        # adversary (Drezner's conflict expectations): sanctions imposed, fail
        ((4, 3, 1, 4, 2), "0.5", ("threaten", "resist", "impose", "endure")),
        # sanctions too weak and backing down cheap: no threat at all
        ((4, 3, 1, 2, "1/2"), 0, ("status quo",)),
    ],
)
def test_known_paths(args, kappa, path):
    assert sanctions_solution(*args, conflict_expectation=kappa).path == path


def _pure_equilibria(g):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", co.DegenerateGameWarning)
        return enumerate_equilibria(g)


@pytest.mark.parametrize("kappa", [0, "0.5"])
def test_backward_induction_is_an_equilibrium_found_by_the_solver(kappa):
    args = (4, 3, 1, 4, 2)
    sol = sanctions_solution(*args, conflict_expectation=kappa)
    g = sanctions_game(*args, conflict_expectation=kappa)
    profile = [{sol.sender_plan: 1}, {sol.target_plan: 1}]
    assert co.is_nash(g, profile)
    assert g.expected_payoffs(profile) == sol.payoffs
    eqs = _pure_equilibria(g)
    assert ((sol.sender_plan,), (sol.target_plan,)) in [e.supports for e in eqs]


def test_subgame_perfect_solver_matches_closed_form():
    spe = pytest.importorskip("coercion.solve.subgame_perfect")
    for kappa in (0, "0.5"):
        args = (4, 3, 1, 4, 2)
        sol = sanctions_solution(*args, conflict_expectation=kappa)
        eqs = spe.subgame_perfect_equilibria(
            sanctions_tree(*args, conflict_expectation=kappa)
        )
        assert len(eqs) == 1
        assert tuple(eqs[0].payoffs) == sol.payoffs


num = st.fractions(0, 10, max_denominator=4)
pos = st.fractions(F(1, 4), 10, max_denominator=4)


@pytest.mark.filterwarnings("ignore::coercion.errors.TieWarning")
@settings(max_examples=60, deadline=None)
@given(
    vs=pos, vt=pos, ss=num, stc=num, a=num,
    kappa=st.fractions(0, F(9, 10), max_denominator=10),
    phi=st.fractions(0, 1, max_denominator=4),
)  # fmt: skip
def test_selection_effect_imposed_sanctions_never_succeed(
    vs, vt, ss, stc, a, kappa, phi
):
    # Lacy-Niou (2004): targets that would yield to sanctions yield to the threat
    sol = sanctions_solution(
        vs, vt, ss, stc, a, conflict_expectation=kappa, short_run_share=phi
    )
    assert not sol.sanctions_succeed
    g = sanctions_game(
        vs, vt, ss, stc, a, conflict_expectation=kappa, short_run_share=phi
    )
    assert co.is_nash(g, [{sol.sender_plan: 1}, {sol.target_plan: 1}])


def test_conflict_expectations_paradox_over_a_population():
    costs = [k + F(1, 4) for k in range(12)]  # no episode has a tie
    ally = sanctions_selection(costs, 4, 3, 1, 2, conflict_expectation=0)
    foe = sanctions_selection(costs, 4, 3, 1, 2, conflict_expectation="0.5")
    # adversaries: more sanctions imposed, fewer concessions (Drezner 1999)
    assert foe["sanctions imposed"] > ally["sanctions imposed"] == 0
    assert foe["coercive success"] < ally["coercive success"]
    assert foe["imposed success rate"] == 0
    assert ally["imposed success rate"] is None


def test_bad_conflict_expectation():
    with pytest.raises(co.InvalidParameterError) as info:
        sanctions_solution(4, 3, 1, 4, 2, conflict_expectation=1)
    assert info.value.field == "conflict_expectation"


def test_separating_equilibrium_known_answer_and_solver():
    from coercion.models import (
        sanctions_separating_equilibrium,
        sanctions_uncertain_game,
    )

    args = (4, 3, 1, 4, 1, "0.25", 2)
    eq = sanctions_separating_equilibrium(*args)
    assert (eq.exists, eq.threatens) == (True, True)
    assert (eq.threat_success_rate, eq.imposed_rate, eq.imposed_success_rate) == (
        F(3, 4),
        F(1, 4),
        F(0),
    )
    g = sanctions_uncertain_game(*args)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", co.DegenerateGameWarning)
        eqs = co.solve(g)
    assert ((eq.sender_plan,), (eq.target_plan,)) in [e.supports for e in eqs]


def test_no_separation_when_sanctioning_a_resolute_target_does_not_pay():
    from coercion.models import sanctions_separating_equilibrium

    # sanctions cost the sender 5 and backing down only 2: it would back down
    eq = sanctions_separating_equilibrium(4, 3, 5, 8, 1, "0.25", 2)
    assert not eq.exists and not eq.threatens
    assert eq.imposed_success_rate is None


@settings(max_examples=40, deadline=None)
@given(
    # ranges where the separating equilibrium usually exists (about 3 in 4 draws)
    vs=pos, vt=st.fractions(F(1, 4), 5, max_denominator=4),
    ss=st.fractions(0, 2, max_denominator=4), sv=st.fractions(4, 10, max_denominator=4),
    sr=st.fractions(0, 2, max_denominator=4), a=st.fractions(2, 10, max_denominator=4),
    theta=st.fractions(F(1, 10), F(9, 10), max_denominator=10),
    kappa=st.fractions(0, F(1, 2), max_denominator=10),
)  # fmt: skip
def test_separating_profile_is_a_nash_equilibrium(vs, vt, ss, sv, sr, a, theta, kappa):
    from coercion.models import (
        sanctions_separating_equilibrium,
        sanctions_uncertain_game,
    )

    args = (vs, vt, ss, sv, sr, theta, a)
    eq = sanctions_separating_equilibrium(*args, conflict_expectation=kappa)
    g = sanctions_uncertain_game(*args, conflict_expectation=kappa)
    if eq.exists:
        # the sender's plan (threaten or not) is a best response either way
        assert co.is_nash(g, [{eq.sender_plan: 1}, {eq.target_plan: 1}])
    if eq.threatens:
        assert eq.imposed_success_rate == 0


def test_ties_are_broken_towards_restraint_with_a_warning():
    # backing down is free and sanctioning costs 1: the threat is worth exactly 0
    with pytest.warns(co.TieWarning, match="sender at the start"):
        sol = sanctions_solution(4, 3, 1, 2, 0)
    assert sol.path == ("status quo",)


def test_population_with_ties_warns_once():
    with pytest.warns(co.TieWarning, match="episode"):
        sanctions_selection(range(12), 4, 3, 1, 2, conflict_expectation="0.5")


def _separates(pbes):
    return any(
        e.kind == "separating"
        and e.sender["vulnerable"]["concede"] == 1
        and e.sender["resolute"]["resist"] == 1
        and e.receiver["resist"]["impose"] == 1
        for e in pbes
    )


@settings(max_examples=30, deadline=None)
@given(
    vs=pos, vt=st.fractions(F(1, 4), 5, max_denominator=4),
    ss=st.fractions(0, 3, max_denominator=4), sv=st.fractions(2, 10, max_denominator=4),
    sr=st.fractions(0, 3, max_denominator=4), a=st.fractions(0, 6, max_denominator=4),
    theta=st.fractions(F(1, 10), F(9, 10), max_denominator=10),
    kappa=st.fractions(0, F(1, 2), max_denominator=10),
)  # fmt: skip
def test_separating_conditions_agree_with_the_pbe_solver(
    vs, vt, ss, sv, sr, a, theta, kappa
):
    # an independent check: the signaling-game PBE enumeration of
    # coercion.solve.perfect_bayesian (ties excluded: there the closed form
    # breaks them towards restraint, the solver keeps both)
    from hypothesis import assume

    from coercion.models import (
        sanctions_separating_equilibrium,
        sanctions_signaling_game,
    )
    from coercion.models.sanctions import _uncertain_utilities

    u = _uncertain_utilities(vs, vt, ss, sv, sr, a, kappa, F(1, 2))
    for ut in u.values():
        assume(ut["impose/concede"][1] != ut["impose/endure"][1])
        late = max(ut["impose/concede"], ut["impose/endure"], key=lambda x: x[1])
        assume(late[1] != ut["concede"][1])
        assume(late[0] != ut["back down"][0])
    args = (vs, vt, ss, sv, sr, theta, a)
    eq = sanctions_separating_equilibrium(*args, conflict_expectation=kappa)
    pbes = co.perfect_bayesian_equilibria(
        sanctions_signaling_game(*args, conflict_expectation=kappa)
    )
    assert eq.exists == _separates(pbes)
