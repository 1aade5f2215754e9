"""The vectorised fast path gives the rows and regimes of the per-point path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import sympy as sp

import coercion as co
from coercion.analysis._stacked import stack_family
from coercion.analysis.thresholds import describe, regime_of
from coercion.errors import InvalidParameterError

x, y = sp.symbols("x y")
# Dyadic points and small integer coefficients: every payoff is exact in
# floating point (numpy and sympy alike), so the grid holds many exactly
# degenerate games (ties, continua of equilibria).
GRID = {"x": [-1.0, -0.5, 0.0, 0.5, 1.0], "y": [-1.0, 0.0, 0.5, 1.0]}


def random_family(seed: int, shape: tuple[int, int]) -> co.SymbolicGame:
    rng = np.random.default_rng(seed)
    coef = rng.integers(-2, 3, size=(2, *shape, 3))
    payoffs = coef[..., 0] + coef[..., 1] * x + coef[..., 2] * y
    m, n = shape
    return co.SymbolicGame(
        payoffs,
        players=("S", "T"),
        strategies=([f"r{i}" for i in range(m)], [f"c{j}" for j in range(n)]),
    )


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("shape", [(2, 2), (2, 3)])
def test_sweep_fast_path_gives_the_per_point_rows(seed, shape):
    game = random_family(seed, shape)
    slow = co.sweep(game, grid=GRID, progress=False, vectorised=False).frame
    fast = co.sweep(game, grid=GRID, progress=False, vectorised=True).frame
    assert list(fast.columns) == list(slow.columns)
    assert fast.dtypes.equals(slow.dtypes)
    # supports, regimes, counts and order are equal; floats to rounding
    for col in ("point", "equilibrium", "n_equilibria", "regime", "pure"):
        assert fast[col].tolist() == slow[col].tolist(), col
    pd.testing.assert_frame_equal(fast, slow, check_exact=False, rtol=0, atol=1e-12)


def test_degenerate_points_are_covered():
    # the equality above is tested on games with continua, not only generic ones
    frames = [
        co.sweep(random_family(s, (2, 2)), grid=GRID, progress=False).frame
        for s in range(8)
    ]
    counts = pd.concat(frames).n_equilibria
    assert counts.max() >= 3
    assert (counts == 1).any()


@pytest.mark.parametrize("seed", range(4))
def test_regime_map_cells_match_solving_each_point_alone(seed):
    game = random_family(100 + seed, (2, 2))
    df = co.regime_map(game, ("x", -1, 1, 5), ("y", -1, 1, 5))
    ids: dict = {}
    for row in df.itertuples(index=False):
        sig = regime_of(game.subs(x=row.x, y=row.y))
        assert ids.setdefault(sig, len(ids)) == row.regime
        assert describe(sig) == row.description
    # the per-point path (a callable regime) gives the same table
    slow = co.regime_map(game, ("x", -1, 1, 5), ("y", -1, 1, 5), regime=regime_of)
    pd.testing.assert_frame_equal(df, slow)


def test_parametric_game_with_stack_takes_the_fast_path():
    game = random_family(3, (2, 2))
    model = co.ParametricGame.from_symbolic(game, {"x": 0.0, "y": 0.0})
    assert stack_family(model) is not None
    fast = co.sweep(model, grid=GRID, progress=False).frame
    slow = co.sweep(model, grid=GRID, progress=False, vectorised=False).frame
    pd.testing.assert_frame_equal(fast, slow, check_exact=False, rtol=0, atol=1e-12)


def test_draws_through_the_fast_path_keep_the_draw_column():
    game = random_family(5, (2, 2))
    draws = {"x": ("uniform", -1, 1), "y": ("normal", 0, 1)}
    fast = co.sweep(game, draws=draws, n=40, seed=2, progress=False).frame
    slow = co.sweep(
        game, draws=draws, n=40, seed=2, progress=False, vectorised=False
    ).frame
    pd.testing.assert_frame_equal(fast, slow, check_exact=False, rtol=0, atol=1e-12)


def test_no_fast_path_for_a_callable_or_a_solver():
    def model(x):
        return co.NormalFormGame.from_bimatrix(
            [[x, 0.0], [0.0, 1.0]], [[1.0, 0], [0, 1]]
        )

    assert stack_family(model) is None
    with pytest.raises(InvalidParameterError) as info:
        co.sweep(model, grid={"x": [1.0]}, progress=False, vectorised=True)
    assert info.value.field == "vectorised"
    game = random_family(0, (2, 2))
    with pytest.raises(InvalidParameterError):
        co.sweep(
            game,
            grid=GRID,
            progress=False,
            vectorised=True,
            solver=co.solve.enumeration.enumerate_equilibria,
        )


@pytest.mark.parametrize("seed", range(4))
def test_numeric_threshold_scan_matches_the_per_point_scan(seed):
    # grid points fall exactly on thresholds (dyadic grid, integer payoffs):
    # those ties are handed to the exact per-point regime
    game = random_family(200 + seed, (2, 2)).partial({"y": sp.Rational(1, 2)})
    kw = dict(over=(-2, 2), method="numeric", grid=17)
    fast = co.thresholds(game, "x", **kw)
    slow = co.thresholds(game, "x", regime=regime_of, **kw)
    assert [(t.below, t.above, t.at) for t in fast] == [
        (t.below, t.above, t.at) for t in slow
    ]
    assert [t.value for t in fast] == [t.value for t in slow]
    assert [r.signature for r in fast.regimes] == [r.signature for r in slow.regimes]


def test_fast_path_rejects_unknown_and_missing_parameters():
    game = random_family(1, (2, 2))
    with pytest.raises(InvalidParameterError):
        co.sweep(game, grid={**GRID, "z": [1.0]}, progress=False, vectorised=True)
    with pytest.raises(InvalidParameterError):
        co.sweep(game, grid={"x": [1.0]}, progress=False, vectorised=True)
