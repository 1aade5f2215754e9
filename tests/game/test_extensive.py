"""Tests of :class:`coercion.ExtensiveGame`."""

from __future__ import annotations

import itertools
import sys
from fractions import Fraction

import pytest
from _efg_trees import games
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.errors import InvalidGameError, InvalidProfileError, NotSupportedError
from coercion.game.extensive import Outcome

F = Fraction


# ---------------------------------------------------------------- known games
def entry_game() -> co.ExtensiveGame:
    """Selten's (1975) entry game, payoffs as in Osborne & Rubinstein (1994) 6.1."""
    g = co.ExtensiveGame(["Entrant", "Incumbent"], title="Entry")
    out, enter = g.root.decide("Entrant", ["Out", "In"])
    out.set_outcome([1, 2])
    fight, acc = enter.decide("Incumbent", ["Fight", "Accommodate"])
    fight.set_outcome([0, 0])
    acc.set_outcome([2, 1])
    return g


def myerson_card_game() -> co.ExtensiveGame:
    """Myerson (1991), Game Theory, section 2.1, figure 2.1 (chance, imperfect info)."""
    g = co.ExtensiveGame(["1", "2"], title="card game")
    red, black = g.root.chance(["red", "black"], ["1/2", "1/2"])
    for card, win in ((red, 1), (black, -1)):
        raise_, fold = card.decide("1", ["R", "F"])
        fold.set_outcome([win, -win])
        meet, pass_ = raise_.decide("2", ["M", "P"], infoset="2")
        meet.set_outcome([2 * win, -2 * win])
        pass_.set_outcome([1, -1])
    return g


def seltens_horse() -> co.ExtensiveGame:
    """Selten (1975), figure 1: three players, player 3 does not see who moved."""
    return co.ExtensiveGame.from_tree(
        ["1", "2", "3"],
        {
            "player": "1",
            "moves": {
                "C": {
                    "player": "2",
                    "moves": {
                        "c": [1, 1, 1],
                        "d": {
                            "player": "3",
                            "infoset": "3",
                            "moves": {"L": [4, 4, 0], "R": [1, 1, 1]},
                        },
                    },
                },
                "D": {
                    "player": "3",
                    "infoset": "3",
                    "moves": {"L": [0, 0, 0], "R": [3, 2, 2]},
                },
            },
        },
    )


def absent_minded_driver() -> co.ExtensiveGame:
    """Piccione & Rubinstein (1997): both exits in one information set."""
    g = co.ExtensiveGame(["driver"])
    exit1, cont1 = g.root.decide("driver", ["exit", "continue"], infoset="X")
    exit1.set_outcome([0])
    exit2, cont2 = cont1.decide("driver", infoset="X")
    exit2.set_outcome([4])
    cont2.set_outcome([1])
    return g


def test_entry_game_structure():
    g = entry_game()
    assert g.players == ("Entrant", "Incumbent")
    assert [x.index for x in g.nodes()] == [0, 1, 2, 3, 4]
    assert [x.index for x in g.terminal_nodes()] == [1, 3, 4]
    assert g.root.child("In").parent is g.root
    assert g.root.child("In").action_label == "In"
    assert g.node(3).history() == [(g.root, 1), (g.node(2), 0)]
    assert g.is_perfect_information() and g.has_perfect_recall()
    assert g.is_exact
    assert [h.actions for h in g.infosets()] == [
        ("Out", "In"),
        ("Fight", "Accommodate"),
    ]
    assert g.subgame_roots() == (g.root, g.node(2))


def test_entry_game_reduced_form_and_payoffs():
    nfg = entry_game().reduced_strategic_form()
    assert nfg.strategies == (("Out", "In"), ("Fight", "Accommodate"))
    assert nfg["Out", "Fight"] == (1, 2)
    assert nfg["In", "Fight"] == (0, 0)
    assert nfg["In", "Accommodate"] == (2, 1)
    assert nfg.is_exact


def test_myerson_card_game_reduced_form():
    # Myerson (1991) table 2.1
    g = myerson_card_game()
    nfg = g.reduced_strategic_form()
    assert nfg.strategies == (("R/R", "R/F", "F/R", "F/F"), ("M", "P"))
    expected = {
        ("R/R", "M"): 0,
        ("R/R", "P"): 1,
        ("R/F", "M"): F(1, 2),
        ("R/F", "P"): 0,
        ("F/R", "M"): F(-1, 2),
        ("F/R", "P"): 1,
        ("F/F", "M"): 0,
        ("F/F", "P"): 0,
    }
    for prof, u1 in expected.items():
        assert nfg[prof] == (u1, -u1)
    assert not g.is_perfect_information() and g.has_perfect_recall()


def test_myerson_card_game_equilibrium_via_kuhn():
    # the equilibrium of Myerson (1991) section 3.2: value 1/3
    g = myerson_card_game()
    nfg = g.reduced_strategic_form()
    mixed = [[F(1, 3), F(2, 3), 0, 0], [F(2, 3), F(1, 3)]]
    beh = g.mixed_to_behavior(mixed)
    assert beh == [[[1, 0], [F(1, 3), F(2, 3)]], [[F(2, 3), F(1, 3)]]]
    assert g.expected_payoffs(beh) == nfg.expected_payoffs(mixed) == (F(1, 3), F(-1, 3))
    assert co.is_nash(nfg, mixed)


def test_seltens_horse_reduced_form():
    g = seltens_horse()
    nfg = g.reduced_strategic_form()
    assert nfg.strategies == (("C", "D"), ("c", "d"), ("L", "R"))
    assert nfg["C", "c", "L"] == nfg["C", "c", "R"] == (1, 1, 1)
    assert nfg["C", "d", "L"] == (4, 4, 0)
    assert nfg["C", "d", "R"] == (1, 1, 1)
    assert nfg["D", "c", "L"] == nfg["D", "d", "L"] == (0, 0, 0)
    assert nfg["D", "d", "R"] == (3, 2, 2)
    (h3,) = g.infosets("3")
    assert [x.index for x in h3.members] == [3, 6]
    assert g.subgame_roots() == (g.root,)


def test_player_moving_twice_labels_and_order():
    g = co.ExtensiveGame.from_tree(
        ["A", "B"],
        {
            "player": "A",
            "moves": {
                "L": {"player": "A", "moves": {"l": [1, 0], "r": [2, 0]}},
                "R": {
                    "player": "B",
                    "moves": {
                        "u": {"player": "A", "moves": {"x": [0, 0], "y": [5, 5]}},
                        "d": [0, 2],
                    },
                },
            },
        },
    )
    assert g.reduced_strategy_labels("A") == ["L/l", "L/r", "R/x", "R/y"]
    nfg = g.reduced_strategic_form()
    assert nfg["R/y", "u"] == (5, 5)
    assert nfg["L/r", "d"] == (2, 0)


def test_colliding_labels_become_positional():
    # "x/y" is both the first action and the path x then y: positional labels
    g = co.ExtensiveGame(["A"])
    _, x = g.root.decide("A", ["x/y", "x"])
    x.decide("A", ["y"])
    assert g.reduced_strategy_labels("A") == ["x/y/*", "x/y"]
    # duplicate labels at one information set: numbered
    h = co.ExtensiveGame(["A"])
    h.root.decide("A", ["a", "a", "a"])
    assert h.reduced_strategy_labels("A") == ["a", "a_2", "a_3"]


def test_empty_action_labels_show_numbers():
    g = co.ExtensiveGame(["A", "B"])
    g.root.decide("A", ["", "go"])
    assert g.reduced_strategy_labels("A") == ["1", "go"]
    assert g.reduced_strategy_labels("B") == ["(no move)"]


def test_chance_only_game_and_null_outcomes():
    g = co.ExtensiveGame(["A"])
    x, _ = g.root.chance({"x": "0.25", "y": "0.75"})
    x.set_outcome([4])
    nfg = g.reduced_strategic_form()
    assert nfg.shape == (1,)
    assert nfg.payoffs[0][0] == 1
    assert g.expected_payoffs([[]]) == (1,)


def test_outcomes_at_inner_nodes_add_up():
    g = co.ExtensiveGame(["A", "B"])
    g.root.set_outcome(["1/2", 1])
    a, b = g.root.decide("A", ["a", "b"])
    a.set_outcome([1, 1])
    t1, t2 = a.chance(["u", "v"], ["1/3", "2/3"])
    t1.set_outcome([1, 0])
    assert g.accumulated_payoffs(t1) == (F(5, 2), 2)
    assert g.accumulated_payoffs(t2) == (F(3, 2), 2)
    assert g.accumulated_payoffs(b) == (F(1, 2), 1)
    assert g.expected_payoffs([["a"], []]) == (F(3, 2) + F(1, 3), 2)
    assert g.reduced_strategic_form()["a", "(no move)"] == (F(11, 6), 2)
    assert "+ (1/2, 1)" in g.to_text()


def test_shared_outcome_object_and_outcomes_list():
    g = co.ExtensiveGame(["A"])
    o = Outcome([3], label="win")
    a, b = g.root.decide("A", ["a", "b"])
    a.set_outcome(o)
    b.set_outcome(o)
    assert g.outcomes() == (o,)
    assert a.outcome is b.outcome
    with pytest.raises(InvalidGameError, match="label"):
        a.set_outcome(o, label="x")
    a.set_outcome(None)
    assert a.outcome is None


def test_float_game():
    g = co.ExtensiveGame(["A"])
    a, _ = g.root.chance(["a", "b"], [0.25, 0.75])
    a.set_outcome([1.5])
    assert not g.is_exact
    (u,) = g.expected_payoffs([[]])
    assert isinstance(u, float) and u == pytest.approx(0.375)
    nfg = g.reduced_strategic_form()
    assert not nfg.is_exact
    assert "float" in repr(g)


def test_float_profile_gives_float_payoffs():
    g = entry_game()
    u = g.expected_payoffs([[[0.5, 0.5]], [[1, 0]]])
    assert u == pytest.approx((0.5, 1.0))
    assert all(isinstance(v, float) for v in u)


# ---------------------------------------------------------------- perfect recall
def test_absent_minded_driver():
    g = absent_minded_driver()
    assert not g.has_perfect_recall()
    assert "nodes 0 and 2" in g.perfect_recall_violations()[0]
    nfg = g.reduced_strategic_form()
    assert nfg.strategies == (("exit", "continue"),)
    assert nfg["exit"] == (0,) and nfg["continue"] == (1,)
    # behavior strategies do better than any mixed one (Piccione & Rubinstein)
    assert g.expected_payoffs([[["1/3", "2/3"]]]) == (F(4, 3),)
    with pytest.raises(NotSupportedError, match="perfect recall"):
        g.mixed_to_behavior([[1, 0]])


def test_forgetful_player():
    g = co.ExtensiveGame(["A", "B"])
    for x in g.root.decide("A", ["L", "R"]):
        y, _ = x.decide("B", ["y", "z"])
        y.decide("A", ["u", "d"], infoset="late")
    assert not g.has_perfect_recall()
    # a player who cannot see the opponent's move still has perfect recall
    h = co.ExtensiveGame(["A", "B"])
    for x in h.root.decide("A", ["L", "R"]):
        x.decide("B", ["y", "z"], infoset="blind")
    assert h.has_perfect_recall() and not h.is_perfect_information()


# ---------------------------------------------------------------- builder errors
@pytest.mark.parametrize(
    ("probs", "match"),
    [
        (["1/2", "1/3"], "sum to 5/6, not 1"),
        (["3/2", "-1/2"], "negative probability -1/2"),
        ([0.5, 0.6], "not 1"),
        (["1/2", "x"], "not a number"),
        ([float("nan"), 1], "not finite"),
        ([True, False], "boolean"),
        (["1"], "1 probabilities given for 2 actions"),
    ],
)
def test_bad_chance_probabilities(probs, match):
    g = co.ExtensiveGame(["A"])
    with pytest.raises(InvalidGameError, match=match):
        g.root.chance(["a", "b"], probs)
    assert g.root.is_terminal


def test_builder_errors():
    g = co.ExtensiveGame(["A", "B"])
    with pytest.raises(InvalidGameError, match="unknown player 'C'"):
        g.root.decide("C", ["x"])
    with pytest.raises(InvalidGameError, match="at least one"):
        g.root.decide("A", [])
    with pytest.raises(InvalidGameError, match="is not a sequence"):
        g.root.decide("A", "xy")
    with pytest.raises(InvalidGameError, match="not a string"):
        g.root.decide("A", ["x", 1])
    with pytest.raises(InvalidGameError, match="actions are needed"):
        g.root.decide("A")
    with pytest.raises(InvalidGameError, match="need their probabilities"):
        g.root.chance(["x", "y"])
    a, b = g.root.decide("A", ["a", "b"], infoset="I")
    with pytest.raises(InvalidGameError, match="already has a move"):
        g.root.decide("A", ["a"])
    with pytest.raises(InvalidGameError, match=r"has actions \['a', 'b'\], not"):
        a.decide("A", ["a", "c"], infoset="I")
    with pytest.raises(
        InvalidGameError,
        match="information set of player 'A' cannot hold a node of player 'B'",
    ):
        a.decide("B", infoset=g.root.infoset)
    with pytest.raises(InvalidGameError, match="3 payoffs"):
        a.set_outcome([1, 2, 3])
    with pytest.raises(InvalidGameError, match="not finite"):
        a.set_outcome([float("inf"), 0])
    other = co.ExtensiveGame(["A", "B"])
    with pytest.raises(InvalidGameError, match="another game"):
        other.root.decide("A", infoset=g.root.infoset)
    a.chance(["h", "t"], ["1/2", "1/2"], infoset="coin")
    with pytest.raises(InvalidGameError, match="probabilities"):
        b.chance(["h", "t"], ["1/3", "2/3"], infoset="coin")
    b.chance(infoset="coin")
    assert len(g.chance_infosets()) == 1


@pytest.mark.parametrize(
    "players", [[], ["A", "A"], [1, 2], "AB", 0, True, ["A", None]]
)
def test_bad_players(players):
    with pytest.raises(InvalidGameError):
        co.ExtensiveGame(players)


@pytest.mark.parametrize(
    ("tree", "match"),
    [
        ({"player": "A"}, "needs 'player' and 'moves'"),
        ({"player": "A", "moves": ["x"]}, "not a mapping"),
        ({"chance": {"h": "1/2"}}, "not a pair"),
        ({"player": "A", "moves": {"x": [1], "y": "bad"}}, r"tree\['y'\]"),
        ({"playr": "A"}, "unknown keys"),
        ({"player": "A", "moves": {"x": {"outcome": {"pay": 1}}}}, "needs 'payoffs'"),
        ({"player": "Z", "moves": {"x": [1]}}, "unknown player"),
        ({"infoset": "I"}, "terminal node has no information set"),
        ({"chance": {"h": ("1/2", [1]), "t": ("1/3", [0])}}, "not 1"),
    ],
)
def test_from_tree_errors(tree, match):
    with pytest.raises(InvalidGameError, match=match):
        co.ExtensiveGame.from_tree(["A"], tree)


# ---------------------------------------------------------------- profiles
@pytest.mark.parametrize(
    ("profile", "match"),
    [
        ([[["1/2", "1/2"]]], "2 players"),
        ([[["1/2", "1/3"]], [[1, 0]]], "sum to 5/6"),
        ([[[2, -1]], [[1, 0]]], "negative"),
        ([[[1, 0, 0]], [[1, 0]]], r"shape \(3,\) given for 2 choices"),
        ([["Stay"], [[1, 0]]], "unknown label 'Stay'"),
        ([[5], [[1, 0]]], "out of range"),
        ([[], [[1, 0]]], "0 entries given for 1 information sets"),
        ({"Entrant": ["In"]}, "do not match players"),
        ("In", "not a profile"),
    ],
)
def test_bad_behavior_profiles(profile, match):
    with pytest.raises(InvalidProfileError, match=match):
        entry_game().expected_payoffs(profile)


def test_behavior_profile_forms():
    g = entry_game()
    forms = [
        [["In"], ["Accommodate"]],
        [[1], [1]],
        {"Entrant": [{"In": 1}], "Incumbent": [[0, "1"]]},
    ]
    for prof in forms:
        assert g.expected_payoffs(prof) == (2, 1)
    beh, exact = g.normalize_behavior(forms[0])
    assert exact and beh == [[[0, 1]], [[0, 1]]]


def test_mixed_to_behavior_unreached_infoset_is_uniform():
    g = entry_game()
    beh = g.mixed_to_behavior(["Out", [1, 0]])
    assert beh == [[[1, 0]], [[1, 0]]]
    h = co.ExtensiveGame.from_tree(
        ["A"],
        {
            "player": "A",
            "moves": {"L": {"player": "A", "moves": {"l": [1], "r": [2]}}, "R": [0]},
        },
    )
    assert h.mixed_to_behavior(["R"]) == [[[0, 1], [F(1, 2), F(1, 2)]]]
    assert h.mixed_to_behavior([[0.5, 0.5, 0.0]]) == [[[1.0, 0.0], [0.5, 0.5]]]


# ---------------------------------------------------------------- display, equality
def test_repr_text_and_equality():
    g = myerson_card_game()
    text = g.to_text()
    assert text.splitlines()[:3] == [
        "card game",
        "players: 1, 2",
        "chance [infoset 1]",
    ]
    assert "  red (1/2): 1 [infoset 1] {R, F}" in text
    assert "      M: payoffs (2, -2)" in text
    assert "2 [infoset 1 '2'] {M, P}" in text
    assert repr(g) == "<ExtensiveGame 'card game' 11 nodes, players ('1', '2'), exact>"
    assert repr(g.root) == "<Node 0 chance>"
    assert repr(g.infosets("2")[0]) == "<InfoSet '2' infoset 1 '2' {M, P}>"
    assert g == myerson_card_game()
    h = myerson_card_game()
    h.node(3).label = "changed"
    assert g != h
    assert g != entry_game()
    assert (g == 3) is False


def test_deep_tree_has_no_recursion_limit():
    depth = sys.getrecursionlimit() * 3
    g = co.ExtensiveGame(["A", "B"])
    x = g.root
    for i in range(depth):
        stop, x = x.decide(i % 2, ["stop", "go"])
        stop.set_outcome([i, -i])
    x.set_outcome([0, 0])
    assert len(g.nodes()) == 2 * depth + 1
    assert g.has_perfect_recall()
    assert g.expected_payoffs([["go"] * (depth // 2)] * 2) == (0, 0)
    assert len(g.to_text().splitlines()) == 2 * depth + 2
    assert g == g
    assert len(g.subgame_roots()) == depth


# ---------------------------------------------------------------- properties
@settings(max_examples=60, deadline=None)
@given(games())
def test_pure_profiles_match_reduced_form(g):
    """Every reduced pure profile, played as a pure behavior profile, earns the
    payoffs of its reduced strategic form cell (holds with or without recall)."""
    nfg = g.reduced_strategic_form()
    strategies = [g.reduced_strategies(p) for p in range(g.n_players)]
    for idx in itertools.islice(
        itertools.product(*(range(len(s)) for s in strategies)), 30
    ):
        beh = []
        for p, k in enumerate(idx):
            s = strategies[p][k]
            beh.append([[s.get(h, 0)] for h in g.infosets(p)])
        beh = [[v[0] for v in row] for row in beh]
        assert g.expected_payoffs(beh) == nfg[idx]


@settings(max_examples=60, deadline=None)
@given(games(perfect_information=True), st.data())
def test_kuhn_mixed_to_behavior_is_realization_equivalent(g, data):
    nfg = g.reduced_strategic_form()
    mixed = []
    for k in nfg.shape:
        w = data.draw(st.lists(st.integers(0, 3), min_size=k, max_size=k))
        if sum(w) == 0:
            w[0] = 1
        mixed.append([F(v, sum(w)) for v in w])
    beh = g.mixed_to_behavior(mixed)
    assert g.expected_payoffs(beh) == nfg.expected_payoffs(mixed)


@settings(max_examples=40, deadline=None)
@given(games())
def test_structure_invariants(g):
    nodes = g.nodes()
    assert [x.index for x in nodes] == list(range(len(nodes)))
    assert nodes[0] is g.root
    for x in nodes[1:]:
        assert x.parent.children[x.parent_action] is x
        assert x.parent.index < x.index
    for p in range(g.n_players):
        firsts = [h.members[0].index for h in g.infosets(p)]
        assert firsts == sorted(firsts)
        for h in g.infosets(p):
            assert all(m.infoset is h for m in h.members)
    labels = [g.reduced_strategy_labels(p) for p in range(g.n_players)]
    assert all(len(set(lab)) == len(lab) for lab in labels)
    assert not g.is_perfect_information() or g.has_perfect_recall()


def test_labelling_an_information_set_later_lets_nodes_join_it():
    g = co.ExtensiveGame(["A", "B"])
    left, right = g.root.decide("A", ["L", "R"])
    left.decide("B", ["l", "r"])
    left.infoset.label = "blind"
    right.decide("B", infoset="blind")
    assert right.infoset is left.infoset
    with pytest.raises(InvalidGameError, match="not a string"):
        left.infoset.label = 3
