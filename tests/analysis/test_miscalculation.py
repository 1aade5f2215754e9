"""Tests of coercion.analysis.miscalculation: plans under non-common priors."""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.analysis.miscalculation import outcome_distribution
from coercion.errors import InvalidGameError, InvalidParameterError, NotSupportedError

COST = {"-": 5, "tough": F(1, 2), "soft": 4}


def crisis(prior_tough="1/2"):
    """One-sided chicken: prevailing 2, backing down to a firm side -1.

    Hand analysis with the common prior P(tough) = 1/2: the tough target's
    standoff cost 1/2 is below its cost 1 of backing down, so it stands firm
    always; the soft target stands firm against a yielding sender (2 > 0). The
    sender stands firm iff the target's firmness phi satisfies
    2 (1 - phi) - 5 phi >= -phi, i.e. phi <= 1/3. If the sender stood firm,
    the soft target would yield (-1 > -4) and phi = 1/2 > 1/3: so in the
    unique equilibrium the sender backs down. A sender that believes
    P(tough) = 1/10 <= 1/3 expects the soft target to yield and stands firm.
    """

    def u(types, acts):
        def one(own, other, c):
            if own == "firm":
                return 2 if other == "yield" else -c
            return -1 if other == "firm" else 0

        return (
            one(acts[0], acts[1], COST[types[0]]),
            one(acts[1], acts[0], COST[types[1]]),
        )

    return co.BayesianGame(
        ["A", "B"],
        [["-"], ["tough", "soft"]],
        [["firm", "yield"]] * 2,
        [{"-": 1}, {"tough": prior_tough, "soft": 1 - F(prior_tough)}],
        u,
    )


OPTIMIST = [{"-": 1}, {"tough": "1/10", "soft": "9/10"}]


def realised_payoffs_from_tree(game, plans):
    """Expected payoffs of type-contingent plans, through the game tree."""
    tree = game.to_extensive()
    behavior = [[list(plans[i][t].values()) for t in game.types[i]] for i in range(2)]
    return tree.expected_payoffs(behavior)


def test_both_escalate_although_the_common_prior_has_the_sender_back_down():
    g = crisis()
    res = co.miscalculation(g, [OPTIMIST, None], escalate="firm")
    # common prior: the sender backs down for sure, no standoff
    assert res.benchmark_standoff_probability == 0
    assert res.benchmark_backs_down == (1, 0)
    assert res.benchmark_is_equilibrium
    # own beliefs: both escalate, a standoff for sure
    assert res.escalates == (1, 1)
    assert res.standoff_probability == 1
    assert res.backs_down == (0, 0)
    # the sender expected 9/10 * 2 - 1/10 * 5 = 13/10 and gets -5
    assert res.believed_payoffs[0] == F(13, 10)
    assert res.payoffs == (-5, -(F(1, 2) + 4) / 2)
    assert res.losses == (4, 2 + F(9, 4))


def test_certificates_checked_independently():
    g = crisis()
    res = co.miscalculation(g, [OPTIMIST, None], escalate="firm")
    for i, e in enumerate(res.chosen):
        assert co.is_bayesian_nash(res.beliefs[i], e.strategy)
        assert e.is_certified
    assert res.payoffs == realised_payoffs_from_tree(g, res.plans)
    assert res.benchmark_payoffs == realised_payoffs_from_tree(g, res.benchmark_plans)
    assert sum(res.outcome.values()) == 1
    assert res.outcome[("firm", "firm")] == res.standoff_probability


def test_correct_beliefs_cost_nothing():
    g = crisis()
    res = co.miscalculation(g, [g.prior, None], escalate=["firm", {"firm"}])
    assert res.plans == res.benchmark_plans
    assert res.losses == (0, 0)
    assert res.standoff_probability == res.benchmark_standoff_probability == 0


@pytest.mark.parametrize(
    ("belief", "standoff"),
    [
        # sender firm iff its belief in toughness is <= 1/3 (see crisis())
        ("3/10", 1),
        ("1/2", 0),
        ("0", 1),
    ],
)
def test_threshold_of_the_senders_belief(belief, standoff):
    g = crisis()
    b = [{"-": 1}, {"tough": belief, "soft": 1 - F(belief)}]
    res = co.miscalculation(g, [b, None], escalate="firm")
    assert res.standoff_probability == standoff


def test_select_first_and_callable():
    g = crisis()
    res = co.miscalculation(g, [OPTIMIST, None], select="first")
    assert res.standoff_probability is None
    picked = []

    def pick(eqs, player):
        picked.append(player)
        return eqs[-1]

    co.miscalculation(g, [OPTIMIST, None], select=pick)
    assert None in picked and 0 in picked


def test_table_output():
    res = co.miscalculation(crisis(), [OPTIMIST, None], escalate="firm")
    frame = res.to_frame()
    assert list(frame["scenario"]) == ["own beliefs"] * 2 + ["common prior"] * 2
    assert list(frame.columns) == [
        "scenario",
        "player",
        "plan",
        "escalates",
        "backs_down",
        "prevails",
        "standoff",
        "payoff",
        "expected",
        "loss",
    ]
    assert res.to_text().splitlines()[1].split()[:3] == ["own", "beliefs", "A"]


def test_outcome_distribution_hand_checked():
    g = crisis()
    plans = [
        {"-": {"firm": F(1, 2), "yield": F(1, 2)}},
        {"tough": "firm", "soft": "yield"},
    ]
    out = outcome_distribution(g, plans)
    assert out[("firm", "firm")] == F(1, 4)
    assert out[("yield", "yield")] == F(1, 4)


def test_bad_inputs():
    g = crisis()
    with pytest.raises(InvalidParameterError, match="beliefs"):
        co.miscalculation(g, [None])
    with pytest.raises(InvalidParameterError, match="escalate"):
        co.miscalculation(g, [None, None], escalate="attack")
    with pytest.raises(InvalidParameterError, match="select"):
        co.miscalculation(g, [None, None], select="best")
    with pytest.raises(InvalidGameError, match="prior"):
        co.miscalculation(g, [[{"-": 1}, {"tough": 2, "soft": -1}], None])
    with pytest.raises(NotSupportedError):
        co.miscalculation(g.to_strategic_form(), [None, None])


@st.composite
def games_and_beliefs(draw):
    """Two players, player B with two types; random payoffs, prior and A's belief."""
    w = draw(st.integers(1, 4))
    v = draw(st.integers(0, 5))
    table = {
        (t, a): [draw(st.integers(-3, 3)), draw(st.integers(-3, 3))]
        for t in (("-", "h"), ("-", "l"))
        for a in itertools.product(("x", "y"), repeat=2)
    }
    g = co.BayesianGame(
        ["A", "B"],
        [["-"], ["h", "l"]],
        [["x", "y"], ["x", "y"]],
        [{"-": 1}, {"h": F(w, 5), "l": F(5 - w, 5)}],
        lambda t, a: table[(t, a)],
    )
    return g, [{"-": 1}, {"h": F(v, 5), "l": F(5 - v, 5)}]


@settings(max_examples=25, deadline=None)
@given(games_and_beliefs())
def test_random_miscalculations_are_consistent(case):
    """Plans are equilibria of the believed games; outcome and payoffs add up."""
    g, belief = case
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = co.miscalculation(g, [belief, None], escalate="x")
    for i, e in enumerate(res.chosen):
        assert co.is_bayesian_nash(res.beliefs[i], e.strategy)
    assert sum(res.outcome.values()) == 1
    assert res.payoffs == realised_payoffs_from_tree(g, res.plans)
    assert res.standoff_probability == res.outcome[("x", "x")]
    for i in range(2):
        assert res.escalates[i] + res.backs_down[i] <= 1
    assert res.losses == tuple(
        b - p for b, p in zip(res.benchmark_payoffs, res.payoffs)
    )
    if belief[1] == g.marginal(1):
        assert res.losses == (0, 0)


def test_selection_rule_matters_in_symmetric_chicken():
    """Two-sided chicken (a = b = 1, costs 4 / 10, prior 1/5): several equilibria.

    Under "own-best" each side plans on an equilibrium in which the other
    yields, so even common beliefs give a standoff that is no equilibrium;
    "first" imposes one selection, an equilibrium.
    """
    cost = {"high": 4, "low": 10}

    def u(own, other, c):
        if own == "firm":
            return 1 if other == "yield" else -c
        return -1 if other == "firm" else 0

    prior = {"high": F(1, 5), "low": F(4, 5)}
    g = co.BayesianGame(
        ["A", "B"],
        [["high", "low"]] * 2,
        [["firm", "yield"]] * 2,
        [prior, prior],
        lambda t, x: [u(x[0], x[1], cost[t[0]]), u(x[1], x[0], cost[t[1]])],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        best = co.miscalculation(g, [None, None], escalate="firm")
        first = co.miscalculation(g, [None, None], escalate="firm", select="first")
    assert not best.benchmark_is_equilibrium
    assert best.benchmark_standoff_probability == 1
    assert first.benchmark_is_equilibrium
    assert first.losses == (0, 0)
