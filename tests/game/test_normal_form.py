"""Tests of :class:`coercion.NormalFormGame`."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.errors import InvalidGameError, InvalidProfileError

PD_A = [[3, 0], [5, 1]]
PD_B = [[3, 5], [0, 1]]


def pd() -> co.NormalFormGame:
    return co.NormalFormGame.from_bimatrix(
        PD_A,
        PD_B,
        players=("US", "China"),
        strategies=(["trade", "restrict"], ["trade", "restrict"]),
    )


def test_bimatrix_axis_convention():
    g = pd()
    A, B = g.bimatrix()
    assert g.shape == (2, 2)
    assert g.is_exact
    assert A[1, 0] == 5 and B[1, 0] == 0
    assert g["restrict", "trade"] == (5, 0)
    assert g[1, 0] == g["restrict", "trade"]
    assert g[{"US": "restrict", "China": "trade"}] == (5, 0)


def test_from_arrays_and_function_agree():
    def f(a, b, c):
        return (a + b, b * c, a - c)

    g1 = co.NormalFormGame.from_function(f, [2, 3, 2])
    arrays = [np.zeros((2, 3, 2), dtype=int) for _ in range(3)]
    for a, b, c in itertools.product(range(2), range(3), range(2)):
        arrays[0][a, b, c], arrays[1][a, b, c], arrays[2][a, b, c] = f(a, b, c)
    g2 = co.NormalFormGame.from_arrays(arrays)
    assert g1 == g2
    assert g1.n_players == 3


def test_from_function_with_labels():
    g = co.NormalFormGame.from_function(
        lambda r, c: (1 if r == c else 0, 0), [["x", "y"], ["x", "y"]]
    )
    assert g.strategies == (("x", "y"), ("x", "y"))
    assert g["x", "x"] == (1, 0)


def test_exact_and_float_payoffs():
    g = co.NormalFormGame.from_bimatrix([["1/3", "0.25"], [1, 2]], [[0, 0], [0, 0]])
    assert g.is_exact
    assert g.payoffs[0, 0, 0] == Fraction(1, 3)
    assert g.payoffs[0, 0, 1] == Fraction(1, 4)
    f = co.NormalFormGame.from_bimatrix([[0.5, 1], [1, 2]], [[0, 0], [0, 0]])
    assert not f.is_exact
    assert f.payoffs.dtype == np.float64
    assert f.to_exact().is_exact
    assert g.to_float().payoffs.dtype == np.float64


def test_expected_payoffs_exact_and_float():
    g = pd()
    ev = g.expected_payoffs([["1/2", "1/2"], [1, 0]])
    assert ev == (Fraction(4), Fraction(3, 2))
    assert all(isinstance(v, Fraction) for v in ev)
    evf = g.to_float().expected_payoffs([[0.5, 0.5], [1.0, 0.0]])
    assert evf == pytest.approx((4.0, 1.5))
    assert g.expected_payoffs(["restrict", "trade"]) == (5, 0)
    assert g.expected_payoffs({"US": {"restrict": 1}, "China": "trade"}) == (5, 0)


def test_three_player_expected_payoff_matches_loop():
    rng = np.random.default_rng(1)
    arr = rng.integers(-5, 6, size=(3, 2, 3, 2))
    g = co.NormalFormGame(arr)
    sig = [
        [Fraction(1, 3), Fraction(2, 3)],
        [Fraction(1, 2), 0, Fraction(1, 2)],
        [1, 0],
    ]
    ev = g.expected_payoffs(sig)
    for p in range(3):
        total = sum(
            arr[p][a, b, c]
            * Fraction(sig[0][a])
            * Fraction(sig[1][b])
            * Fraction(sig[2][c])
            for a, b, c in itertools.product(range(2), range(3), range(2))
        )
        assert ev[p] == total


def test_best_responses():
    g = pd()
    assert g.pure_best_responses("US", [None, "trade"]) == ["restrict"]
    ties = co.NormalFormGame.from_bimatrix([[1, 1], [1, 1]], [[0, 0], [0, 0]])
    assert ties.pure_best_responses(0, [None, [1, 0]]) == ["1", "2"]


def test_zero_and_constant_sum():
    mp = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    assert mp.is_zero_sum() and mp.is_constant_sum()
    cs = co.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 1], [1, 0]])
    assert cs.is_constant_sum() and not cs.is_zero_sum()
    assert not pd().is_constant_sum()


def test_strict_elimination_prisoners_dilemma():
    reduced, order = pd().eliminate_dominated()
    assert reduced.strategies == (("restrict",), ("restrict",))
    assert order == [("US", "trade"), ("China", "trade")]


def test_weak_elimination_and_mixed_domination():
    # Row 2 is weakly dominated by row 1 (ties in column 1).
    g = co.NormalFormGame.from_bimatrix([[1, 1], [1, 0]], [[0, 0], [0, 0]])
    assert g.eliminate_dominated()[1] == []
    _reduced, order = g.eliminate_dominated(weak=True)
    assert order[0] == ("1", "2")
    # Row 3 is strictly dominated only by the mix (1/2, 1/2) of rows 1 and 2.
    h = co.NormalFormGame.from_bimatrix(
        [[3, 0], [0, 3], [1, 1]], [[0, 0], [0, 0], [0, 0]]
    )
    assert h.eliminate_dominated()[1] == []
    assert h.eliminate_dominated(mixed=True)[1] == [("1", "3")]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"payoffs": [[[1, 2], [3]], [[1, 2], [3, 4]]]}, "payoffs"),
        ({"payoffs": [[[1, float("nan")], [3, 4]], [[1, 2], [3, 4]]]}, "payoffs"),
        ({"payoffs": [[[1, float("inf")], [3, 4]], [[1, 2], [3, 4]]]}, "payoffs"),
        ({"payoffs": [[[1, "x"], [3, 4]], [[1, 2], [3, 4]]]}, "payoffs"),
        ({"payoffs": [[[1, True], [3, 4]], [[1, 2], [3, 4]]]}, "payoffs"),
        ({"payoffs": [[1, 2], [3, 4]]}, "payoffs"),
        ({"payoffs": np.zeros((2, 2, 2)), "players": ["a"]}, "players"),
        ({"payoffs": np.zeros((2, 2, 2)), "players": ["a", "a"]}, "players[1]"),
        (
            {"payoffs": np.zeros((2, 2, 2)), "strategies": [["x", "y"], ["x"]]},
            "strategies[1]",
        ),
        ({"payoffs": np.zeros((2, 0, 2))}, "payoffs.shape[1]"),
    ],
)
def test_invalid_games_name_the_field(kwargs, field):
    with pytest.raises(InvalidGameError) as info:
        co.NormalFormGame(**kwargs)
    assert info.value.field.startswith(field)


def test_unknown_labels_and_bad_profiles():
    g = pd()
    with pytest.raises(InvalidGameError, match="'embargo'"):
        g["embargo", "trade"]
    with pytest.raises(InvalidGameError, match="'EU'"):
        g.player_index("EU")
    with pytest.raises(InvalidProfileError, match="sum to 3/2"):
        g.expected_payoffs([["1/2", 1], [1, 0]])
    with pytest.raises(InvalidProfileError, match="negative"):
        g.expected_payoffs([[-1, 2], [1, 0]])
    with pytest.raises(InvalidProfileError, match="3 entries"):
        g.expected_payoffs([[1, 0], [1, 0], [1, 0]])


def test_repr_and_html():
    g = pd()
    assert "2x2 exact" in repr(g)
    html = g._repr_html_()
    assert "<table>" in html and "restrict" in html
    g3 = co.NormalFormGame(np.zeros((3, 2, 2, 2)))
    assert "<table>" in g3._repr_html_()
    assert "|" in g3.to_text()


@settings(deadline=None, max_examples=40)
@given(
    shape=st.lists(st.integers(1, 3), min_size=2, max_size=3),
    data=st.data(),
)
def test_strict_elimination_keeps_all_pure_equilibria(shape, data):
    n = len(shape)
    size = int(np.prod(shape)) * n
    vals = data.draw(st.lists(st.integers(-3, 3), min_size=size, max_size=size))
    g = co.NormalFormGame(np.array(vals).reshape((n, *shape)))
    reduced, order = g.eliminate_dominated()

    def pure_ne(game):
        out = set()
        for prof in itertools.product(*(range(s) for s in game.shape)):
            labels = tuple(game.strategies[p][i] for p, i in enumerate(prof))
            if all(
                game.payoffs[(p, *prof)]
                == max(
                    game.payoffs[(p, *prof[:p], k, *prof[p + 1 :])]
                    for k in range(game.shape[p])
                )
                for p in range(n)
            ):
                out.add(labels)
        return out

    assert pure_ne(g) == pure_ne(reduced)
    for player, label in order:
        assert label not in reduced.strategies[g.player_index(player)]
