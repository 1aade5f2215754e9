"""Tests of coercion.game.bayesian: Bayesian games, their forms and Bayesian equilibria."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.errors import (
    DegenerateGameWarning,
    InvalidGameError,
    InvalidParameterError,
    InvalidProfileError,
    NotSupportedError,
)
from coercion.models import bayesian_chicken

# plans forms repeat payoffs, so they are degenerate; the solver says so
pytestmark = pytest.mark.filterwarnings("ignore::coercion.errors.DegenerateGameWarning")


def _chicken_payoff(a, b):
    """Chicken payoffs of one side: own action, other's action, own collision cost."""

    def u(own, other, c):
        if own == "firm":
            return a if other == "yield" else -c
        return -b if other == "firm" else 0

    return u


def private_cost_chicken(a, b, costs):
    """Symmetric chicken; each side's collision cost is private, uniform on ``costs``."""
    u = _chicken_payoff(a, b)
    labels = [f"c{j + 1}" for j in range(len(costs))]
    cost = dict(zip(labels, costs))
    uniform = {t: F(1, len(labels)) for t in labels}
    return co.BayesianGame(
        ["A", "B"],
        [labels, labels],
        [["firm", "yield"], ["firm", "yield"]],
        [uniform, uniform],
        lambda t, x: [u(x[0], x[1], cost[t[0]]), u(x[1], x[0], cost[t[1]])],
    )


def independent_regrets(game, strategy):
    """Interim regrets recomputed by brute force from the ex-ante expectation.

    A type's payoff from action ``b`` is the ex-ante payoff of the profile in
    which only that type switches to ``b``, minus the rest, over its
    probability: no use of ``interim_payoffs``.
    """
    sig = game.normalize_strategy(strategy)
    out = []
    for i in range(game.n_players):
        marg = game.marginal(i)
        row = {}
        for t in game.types[i]:
            if marg[t] == 0:
                continue
            base = game.expected_payoffs(sig)[i]
            values = []
            for b in game.actions[i]:
                dev = [dict(r) for r in sig]
                dev[i] = dict(sig[i])
                dev[i][t] = b
                values.append(game.expected_payoffs(dev)[i])
            cur = sum(sig[i][t][b] * v for b, v in zip(game.actions[i], values))
            assert cur == base  # linearity in the type's mix
            row[t] = (max(values) - cur) / marg[t]
        out.append(row)
    return out


def test_plans_form_matches_bayesian_chicken_model():
    """The plans form of a two-type chicken is the model's 4 x 4 game."""
    a, b, ch, cl, mu = 1, 1, 4, 10, F(1, 5)
    u = _chicken_payoff(a, b)
    cost = {"high": ch, "low": cl}
    g = co.BayesianGame(
        ["A", "B"],
        [["high", "low"]] * 2,
        [["firm", "yield"]] * 2,
        [{"high": mu, "low": 1 - mu}] * 2,
        lambda t, x: [u(x[0], x[1], cost[t[0]]), u(x[1], x[0], cost[t[1]])],
    )
    assert g.to_strategic_form() == bayesian_chicken(a, b, ch, cl, mu)


def cutoff(a, b, d, K):
    r"""Closed-form cutoff of the symmetric pure Bayesian equilibrium.

    Each side's collision cost is :math:`c_j = j d`, :math:`j = 1..K`, each with
    probability :math:`1/K`. Against an opponent that stands firm with
    probability :math:`\phi`, standing firm pays :math:`(1-\phi) a - \phi c` and
    yielding :math:`-\phi b`, so type :math:`c` stands firm iff
    :math:`c \le b + a (1 - \phi) / \phi`. If the types :math:`1..k` stand firm,
    :math:`\phi = k / K`, and this is an equilibrium iff
    :math:`k d \le b + a (K - k) / k \le (k + 1) d`. The left inequality is
    :math:`d k^2 + (a - b) k - a K \le 0`, i.e. :math:`k \le r` with

    .. math:: r = \frac{(b - a) + \sqrt{(a - b)^2 + 4 a K d}}{2 d},

    so the cutoff type is :math:`k^* = \lfloor r \rfloor`, provided the right
    inequality holds there (checked for the table's parameters by hand).
    """
    r = ((b - a) + math.sqrt((a - b) ** 2 + 4 * a * K * d)) / (2 * d)
    return math.floor(r)


@pytest.mark.parametrize(
    ("a", "b", "d", "K", "expected"),
    [
        # a=3/2, b=1, d=1, K=4: r = (-1/2 + sqrt(97/4)) / 2 = 2.21; 2 <= 1 + 3/4... <= 3
        (F(3, 2), 1, 1, 4, 2),
        # r = -1 + sqrt(17) = 3.12; 3/2 <= 1 + 2/3 <= 2
        (2, 1, F(1, 2), 4, 3),
        # r = (1 + sqrt(13)) / 2 = 2.30; 2 <= 2 + 1/2 <= 3
        (1, 2, 1, 3, 2),
    ],
)
def test_private_cost_chicken_cutoff_closed_form(a, b, d, K, expected):
    assert cutoff(a, b, d, K) == expected
    k = expected
    assert k * d <= b + F(a) * (K - k) / k <= (k + 1) * d
    g = private_cost_chicken(a, b, [j * d for j in range(1, K + 1)])
    eqs = co.bayesian_nash(g)
    assert eqs.complete
    symmetric_pure = [e for e in eqs if e.is_pure and e.strategy[0] == e.strategy[1]]
    assert len(symmetric_pure) == 1
    plan = symmetric_pure[0].strategy[0]
    firm = [t for t in g.types[0] if plan[t]["firm"] == 1]
    assert firm == [f"c{j}" for j in range(1, k + 1)]
    for e in eqs:
        assert e.is_certified
        assert independent_regrets(g, e.strategy) == [
            {t: r for t, r in row.items()} for row in e.interim_regrets
        ]


def test_interim_regret_hand_checked():
    """Type c1 (cost 1) stands firm against phi = 1/2: firm 3/4 - 1/2, yield -1/2."""
    g = private_cost_chicken(F(3, 2), 1, [1, 2])
    s = {"c1": "yield", "c2": "firm"}
    reg = co.interim_regrets(g, [s, s])
    # c1 yields: -1/2; firm: (1/2)(3/2) - (1/2)(1) = 1/4; regret 3/4
    assert reg[0]["c1"] == F(3, 4)
    # c2 firm: 3/4 - 1 = -1/4; yield: -1/2; regret 0
    assert reg[0]["c2"] == 0
    assert not co.is_bayesian_nash(g, [s, s])


def entry_game():
    def u(types, actions):
        enter, fight = actions[0] == "in", actions[1] == "fight"
        if not enter:
            return (0, 2)
        return (-1, 1 if types[1] == "strong" else -1) if fight else (1, 0)

    return co.BayesianGame(
        ["Entrant", "Incumbent"],
        [["-"], ["strong", "weak"]],
        [["out", "in"], ["fight", "accommodate"]],
        [{"-": 1}, {"strong": "1/3", "weak": "2/3"}],
        u,
    )


def test_agent_form_gives_the_same_equilibria():
    g = entry_game()
    plans = {tuple(map(str, e.describe())) for e in co.bayesian_nash(g) if e.is_pure}
    agents = co.bayesian_nash(g, form="agent", method="pure")
    assert {tuple(e.describe()) for e in agents} == plans
    assert all(e.is_certified for e in agents)


def test_extensive_form_equilibria_are_bayesian():
    """Behavior equilibria of the tree are type-contingent Bayesian equilibria."""
    g = entry_game()
    tree = g.to_extensive()
    assert [h.label for h in tree.infosets("Incumbent")] == [
        "Incumbent: strong",
        "Incumbent: weak",
    ]
    sol = co.solve(tree)
    assert len(sol) >= 1
    for e, beh in zip(sol.equilibria, sol.behavior):
        strat = [
            {t: list(beh[i][k]) for k, t in enumerate(g.types[i])} for i in range(2)
        ]
        assert co.is_bayesian_nash(g, strat)
        assert tuple(g.expected_payoffs(strat)) == tuple(e.payoffs)


def test_extensive_form_round_trips_through_efg(tmp_path):
    g = entry_game()
    tree = g.to_extensive()
    path = tmp_path / "entry.efg"
    co.write_game(tree, path)
    back = co.read_game(path)
    assert back.reduced_strategic_form() == tree.reduced_strategic_form()


def test_joint_prior_and_mapping_payoffs():
    same = [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]
    anti = [[[1, 0], [0, 1]], [[0, 1], [1, 0]]]
    g = co.BayesianGame(
        ["A", "B"],
        [["x"], ["h", "l"]],
        [["U", "D"], ["L", "R"]],
        {("x", "h"): "1/4", ("x", "l"): "3/4"},
        {("x", "h"): same, ("x", "l"): anti},
    )
    assert g.is_exact
    # B|h matches A, B|l mismatches: A plays U, B plays L if h, R if l; A gets 1/4
    e = [e for e in co.bayesian_nash(g) if e.is_pure]
    assert all(x.is_certified for x in e)
    assert g.expected_payoffs([{"x": "U"}, {"h": "L", "l": "R"}]) == (F(1, 4), F(1))


def test_float_games_are_float():
    g = co.BayesianGame(
        ["A"],
        [["h", "l"]],
        [["x", "y"]],
        {"h": 0.5, "l": 0.5},
        lambda t, a: [1.0 if (t[0] == "h") == (a[0] == "x") else 0.0],
    )
    assert not g.is_exact
    (e,) = co.bayesian_nash(g)
    assert not e.exact and e.is_certified


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"players": []}, InvalidGameError, "players"),
        ({"types": [["h"]]}, InvalidGameError, "types"),
        ({"actions": [["x"], ["x", "x"]]}, InvalidGameError, "actions[1][1]"),
        ({"prior": [{"h": "1/2"}, {"h": 1}]}, InvalidGameError, "prior[0]"),
        ({"prior": {("h", "z"): 1}}, InvalidGameError, "prior"),
        ({"prior": [{"h": 2, "l": -1}, {"h": 1}]}, InvalidGameError, "prior[0]"),
        ({"payoffs": lambda t, a: [1]}, InvalidGameError, "payoffs"),
        ({"payoffs": {("h", "h"): [[[0]]]}}, InvalidGameError, "payoffs"),
    ],
)
def test_bad_inputs_name_the_field(kwargs, error, field):
    base = {
        "players": ["A", "B"],
        "types": [["h", "l"], ["h"]],
        "actions": [["x", "y"], ["x"]],
        "prior": [{"h": "1/2", "l": "1/2"}, {"h": 1}],
        "payoffs": lambda t, a: [0, 0],
    }
    base.update(kwargs)
    with pytest.raises(error) as info:
        co.BayesianGame(**base)
    assert info.value.field.startswith(field)


def test_bad_profiles_and_forms():
    g = entry_game()
    with pytest.raises(InvalidProfileError, match="strong"):
        co.interim_regrets(g, [{"-": "in"}, {"weak": "fight"}])
    with pytest.raises(InvalidProfileError, match="sum"):
        co.interim_regrets(g, [{"-": [1, 1]}, {"weak": "fight", "strong": "fight"}])
    with pytest.raises(InvalidParameterError, match="form"):
        g.to_strategic_form("normal")
    with pytest.raises(NotSupportedError):
        co.bayesian_nash(g.to_strategic_form())


def test_zero_probability_type_warns():
    with pytest.warns(DegenerateGameWarning, match="probability 0"):
        g = co.BayesianGame(
            ["A"],
            [["h", "l"]],
            [["x", "y"]],
            {"h": 1, "l": 0},
            lambda t, a: [int(a[0] == "x")],
        )
    (e,) = [e for e in co.bayesian_nash(g, method="pure")][:1]
    assert e.interim_payoffs[0]["l"] is None and e.interim_regrets[0]["l"] == 0


payoff = st.integers(-3, 3)


@st.composite
def small_bayesian_games(draw):
    nt = [draw(st.integers(1, 2)), draw(st.integers(1, 2))]
    na = [draw(st.integers(1, 2)), 2]
    types = [[f"t{k}" for k in range(m)] for m in nt]
    actions = [[f"a{k}" for k in range(m)] for m in na]
    weights = [draw(st.integers(1, 4)) for _ in range(nt[0] * nt[1])]
    profiles = list(itertools.product(*types))
    prior = {t: F(w, sum(weights)) for t, w in zip(profiles, weights)}
    table = {
        (t, a): [draw(payoff), draw(payoff)]
        for t in profiles
        for a in itertools.product(*actions)
    }
    return co.BayesianGame(
        ["A", "B"], types, actions, prior, lambda t, a: table[(t, a)]
    )


@settings(max_examples=25, deadline=None)
@given(small_bayesian_games())
def test_every_bayesian_equilibrium_passes_independent_checks(g):
    """Each equilibrium: zero interim regret by brute force, and Nash in the agent form."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eqs = co.bayesian_nash(g)
    assert len(eqs) >= 1
    agent = g.to_strategic_form("agent")
    for e in eqs:
        assert e.is_certified
        for row in independent_regrets(g, e.strategy):
            assert all(r == 0 for r in row.values())
        profile = [
            list(e.strategy[i][t].values()) for i in range(2) for t in g.types[i]
        ]
        assert co.is_nash(agent, profile)
