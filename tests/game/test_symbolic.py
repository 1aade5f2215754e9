"""Tests of SymbolicGame and ParametricGame."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

import coercion as co
from coercion.errors import InvalidGameError, InvalidParameterError
from coercion.game.symbolic import ParametricGame, SymbolicGame

t, d = sp.symbols("t d", positive=True)


def export_game() -> SymbolicGame:
    return SymbolicGame.from_bimatrix(
        [[1 - t, 2 * d - t], [0, 0]],
        [[-d, -2 * d], [0, 1]],
        players=("Sender", "Target"),
        strategies=(["restrict", "allow"], ["concede", "retaliate"]),
    )


def test_subs_exact_and_float():
    g = export_game()
    exact = g.subs(t=Fraction(1, 2), d=Fraction(1, 3))
    assert exact.is_exact
    assert exact["restrict", "retaliate"] == (Fraction(1, 6), Fraction(-2, 3))
    flt = g.subs(t=0.5, d=0.25)
    assert not flt.is_exact
    assert flt["restrict", "concede"] == pytest.approx((0.5, -0.25))


def test_partial_diff_and_symbols():
    g = export_game()
    assert [s.name for s in g.symbols] == ["d", "t"]
    h = g.partial(d=1)
    assert [s.name for s in h.symbols] == ["t"]
    dg = g.diff("t")
    assert dg.symbols == ()
    assert dg.subs()["restrict", "concede"] == (-1, 0)


def test_lambdify_matches_subs():
    g = export_game()
    stack = g.lambdify()(t=np.array([0.1, 0.7]), d=0.3)
    for k, tv in enumerate([0.1, 0.7]):
        np.testing.assert_allclose(stack[k], g.subs(t=tv, d=0.3).payoffs.astype(float))


def test_parametric_game_from_symbolic_and_loop_agree():
    g = export_game()
    fam = ParametricGame.from_symbolic(g, {"t": Fraction(1, 2), "d": Fraction(1, 3)})
    loop = ParametricGame(lambda t, d: g.subs(t=t, d=d), {"t": 0.5, "d": 0.2})
    np.testing.assert_allclose(fam.stack(t=[0.2, 0.4], d=0.2), loop.stack(t=[0.2, 0.4]))
    assert fam.game().is_exact
    assert fam(t=1) == g.subs(t=1, d=Fraction(1, 3))


def test_errors_name_the_field():
    g = export_game()
    with pytest.raises(InvalidParameterError, match="no value"):
        g.subs(t=1)
    with pytest.raises(InvalidParameterError, match="unknown parameter 'x'"):
        g.subs(t=1, d=1, x=2)
    with pytest.raises(InvalidGameError):
        SymbolicGame.from_bimatrix([[sp.oo, 0], [0, 0]], [[0, 0], [0, 0]])
    fam = ParametricGame.from_symbolic(g, {"t": 1, "d": 1})
    with pytest.raises(InvalidParameterError, match="unknown parameters"):
        fam.game(z=3)
    with pytest.raises(InvalidParameterError, match="no default"):
        ParametricGame.from_symbolic(g, {"t": 1})
    assert isinstance(fam.game(), co.NormalFormGame)
