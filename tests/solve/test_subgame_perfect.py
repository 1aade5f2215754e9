"""Subgame-perfect equilibria: known trees, ties, chance, subgames, brute force."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.errors import NotSupportedError, TieWarning
from coercion.solve.subgame_perfect import subgame_regret


def entry_game():
    # Selten (1978), the chain-store stage game; payoffs ordinal as in the paper
    return co.ExtensiveGame.from_tree(
        ["Entrant", "Incumbent"],
        {
            "player": "Entrant",
            "moves": {
                "Out": [0, 2],
                "In": {
                    "player": "Incumbent",
                    "moves": {"Fight": [-1, -1], "Accommodate": [1, 1]},
                },
            },
        },
    )


def test_entry_game_spe_is_enter_accommodate():
    spe = co.subgame_perfect_equilibria(entry_game())
    assert len(spe) == 1
    (e,) = spe
    assert e.action("Entrant", 0) == {"Out": 0, "In": 1}
    assert e.action("Incumbent", 0) == {"Fight": 0, "Accommodate": 1}
    assert e.payoffs == (1, 1) and e.max_regret == 0 and e.subgame_regret == 0
    assert spe.to_dict()["exact"] is True


def centipede(n):
    # Rosenthal (1981): at stage k the mover takes the larger share or passes;
    # the pot doubles. SPE: every player takes at every node.
    def node(k, pot):
        mover = "A" if k % 2 == 0 else "B"
        big, small = Fraction(pot * 3, 4), Fraction(pot, 4)
        take = [big, small] if mover == "A" else [small, big]
        if k == n - 1:
            # a last pass doubles the pot and gives the mover a quarter of it
            low, high = Fraction(pot, 2), Fraction(3 * pot, 2)
            nxt = [low, high] if mover == "A" else [high, low]
        else:
            nxt = node(k + 1, pot * 2)
        return {"player": mover, "moves": {f"take{k}": take, f"pass{k}": nxt}}

    return co.ExtensiveGame.from_tree(["A", "B"], node(0, 4))


def test_centipede_everyone_takes():
    g = centipede(6)
    (e,) = co.subgame_perfect_equilibria(g)
    for p in range(2):
        for k in range(len(g.infosets(p))):
            probs = e.profile[p][k]
            assert probs[0] == 1  # take, off the path too
    assert e.payoffs == (3, 1)


def test_ties_give_several_spe_and_warn():
    g = co.ExtensiveGame.from_tree(
        ["S", "T"],
        {
            "player": "S",
            "moves": {
                "quiet": [0, 0],
                "restrict": {
                    "player": "T",
                    "moves": {"yield": [1, -1], "hit": [1, -1]},
                },
            },
        },
    )
    with pytest.warns(TieWarning):
        spe = co.subgame_perfect_equilibria(g)
    assert len(spe) == 2
    assert all(e.subgame_regret == 0 for e in spe)


def test_chance_node_expected_values():
    # nature makes the target resolute with probability 1/4
    g = co.ExtensiveGame.from_tree(
        ["S", "T"],
        {
            "player": "S",
            "moves": {
                "quiet": [0, 0],
                "threat": {
                    "chance": {
                        "resolute": (
                            "1/4",
                            {
                                "player": "T",
                                "moves": {"fight": [-2, 1], "give in": [1, 0]},
                            },
                        ),
                        "weak": (
                            "3/4",
                            {
                                "player": "T",
                                "moves": {"fight": [-2, -3], "give in": [1, 0]},
                            },
                        ),
                    }
                },
            },
        },
    )
    (e,) = co.subgame_perfect_equilibria(g)
    # the resolute target fights, the weak one gives in:
    # S threatens for 1/4 * (-2) + 3/4 * 1 = 1/4 > 0
    assert e.action("S", 0) == {"quiet": 0, "threat": 1}
    assert e.payoffs == (Fraction(1, 4), Fraction(1, 4))


def test_imperfect_information_subgame():
    # an entry stage followed by a simultaneous coordination subgame (battle of
    # the sexes, Luce and Raiffa 1957): one SPE per equilibrium of the subgame
    g = co.ExtensiveGame(players=["E", "I"])
    out, enter = g.root.decide("E", ["out", "in"])
    out.set_outcome([1, 3])
    x1, x2 = enter.decide("E", ["a", "b"])
    for x, row in ((x1, [(3, 2), (0, 0)]), (x2, [(0, 0), (2, 3)])):
        y1, y2 = x.decide("I", ["a", "b"], infoset="I-sim")
        y1.set_outcome(list(row[0]))
        y2.set_outcome(list(row[1]))
    spe = co.subgame_perfect_equilibria(g)
    pays = sorted(e.payoffs for e in spe)
    # subgame equilibria: (a, a) -> 3 for E: enter; (b, b) -> 2: enter;
    # mixed (E: 3/5 a; I: 2/5 a) -> E gets 6/5: enter
    assert pays == sorted([(3, 2), (2, 3), (Fraction(6, 5), Fraction(6, 5))])
    assert all(e.subgame_regret == 0 and e.max_regret == 0 for e in spe)


def test_not_a_tree():
    with pytest.raises(NotSupportedError):
        co.subgame_perfect_equilibria(co.NormalFormGame.from_bimatrix([[1]], [[1]]))


@st.composite
def perfect_info_trees(draw):
    players = ["P1", "P2"]

    def build(depth):
        if depth == 0 or draw(st.integers(0, 3)) == 0:
            return [draw(st.integers(-2, 2)), draw(st.integers(-2, 2))]
        if draw(st.integers(0, 4)) == 0:
            k = draw(st.integers(2, 3))
            return {
                "chance": {
                    f"c{i}": (Fraction(1, k), build(depth - 1)) for i in range(k)
                }
            }
        k = draw(st.integers(2, 3))
        return {
            "player": draw(st.sampled_from(players)),
            "moves": {f"a{i}": build(depth - 1) for i in range(k)},
        }

    return co.ExtensiveGame.from_tree(players, build(3))


@settings(max_examples=30, deadline=None)
@given(perfect_info_trees())
def test_spe_set_equals_brute_force(g):
    """Every pure SPE, and only those (brute force over all pure profiles)."""
    import math
    import warnings

    sets = [h for p in range(2) for h in g.infosets(p)]
    assume(math.prod(len(h.actions) for h in sets) <= 64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TieWarning)
        found = co.subgame_perfect_equilibria(g, max_count=100_000)
    got = {repr(e.profile) for e in found}
    expected = set()
    for choice in itertools.product(*(range(len(h.actions)) for h in sets)):
        pick = dict(zip(sets, choice))
        beh = [
            [
                [Fraction(int(i == pick[h])) for i in range(len(h.actions))]
                for h in g.infosets(p)
            ]
            for p in range(2)
        ]
        if subgame_regret(g, beh) == 0:
            expected.add(repr(beh))
    assert got == expected
