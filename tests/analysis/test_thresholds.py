"""Escalation thresholds: exact and numeric, checked against the regimes."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.analysis.thresholds import describe, regime_of
from coercion.errors import InvalidParameterError, NotSupportedError

c = sp.Symbol("c")


def chicken():
    # Snyder and Diesing (1977) ordinal chicken with the crash cost c as parameter
    return co.SymbolicGame.from_bimatrix(
        [[0, -1], [1, -c]],
        [[0, 1], [-1, -c]],
        strategies=(["back down", "stand firm"], ["back down", "stand firm"]),
    )


def test_chicken_threshold_is_one():
    res = co.thresholds(chicken(), "c", over=(0, 10))
    assert res.method == "exact"
    assert [t.exact for t in res] == [1]
    (t,) = res
    assert len(t.below) == 1  # one pure equilibrium: both stand firm
    assert len(t.above) == 3  # two pure and a mixed one
    assert t.at is not None and t.at != t.below and t.at != t.above
    assert co.is_threshold(chicken(), "c", 1)
    assert not co.is_threshold(chicken(), "c", 5)


def test_irrational_threshold_is_exact():
    g = co.SymbolicGame.from_bimatrix(
        [[0, -1], [1, -(c**2) + 1]], [[0, 1], [-1, -(c**2) + 1]]
    )
    res = co.thresholds(g, "c", over=(0, 3))
    assert res.method == "exact"
    assert [sp.simplify(t.exact - sp.sqrt(2)) for t in res] == [0]
    assert abs(res[0].value - 2**0.5) < 1e-15


def test_numeric_matches_exact_on_chicken():
    exact = co.thresholds(chicken(), "c", over=(0, 10))
    num = co.thresholds(chicken(), "c", over=(0, 10), method="numeric")
    assert num.method == "numeric"
    assert len(num) == 1
    assert abs(num[0].value - 1) <= 1e-9
    assert num[0].below == exact[0].below and num[0].above == exact[0].above


def test_parametric_game_with_symbolic_form_is_exact():
    model = co.ParametricGame.from_symbolic(chicken(), {"c": 10})
    res = co.thresholds(model, "c", over=(0.5, 4))
    assert res.method == "exact" and [t.exact for t in res] == [1]


def test_frames():
    res = co.thresholds(chicken(), "c", over=(0, 10))
    df = res.to_frame()
    assert list(df["exact"]) == ["1"]
    assert len(res.regimes_frame()) == 2
    assert "ThresholdResult" in repr(res)


coef = st.integers(-3, 3)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(coef, coef), min_size=8, max_size=8))
def test_exact_thresholds_separate_constant_regimes(entries):
    """Between exact thresholds the regime is constant (brute-force sampling)."""
    t = sp.Symbol("t")
    assume(any(b for _, b in entries))
    vals = [a + b * t for a, b in entries]
    g = co.SymbolicGame.from_bimatrix([vals[0:2], vals[2:4]], [vals[4:6], vals[6:8]])
    res = co.thresholds(g, "t", over=(-2, 2), grid=41)
    assert res.method == "exact"
    for r in res.regimes:
        for x in np.linspace(r.lo, r.hi, 7)[1:-1]:
            game = g.subs(t=float(x))
            assert regime_of(game) == r.signature, (x, r)
    for th in res:
        assert th.below != th.above or th.at not in (None, th.below)


def test_bad_inputs_name_the_field():
    with pytest.raises(InvalidParameterError, match="param"):
        co.thresholds(chicken(), "d", over=(0, 1))
    with pytest.raises(InvalidParameterError, match="over"):
        co.thresholds(chicken(), "c", over=(2, 1))
    with pytest.raises(InvalidParameterError, match="method"):
        co.thresholds(chicken(), "c", over=(0, 1), method="guess")

    def numeric_only(x):
        return co.NormalFormGame.from_bimatrix([[x, 0.0]], [[0.0, 1.0]])

    with pytest.raises(NotSupportedError, match="method"):
        co.thresholds(numeric_only, "x", over=(0, 1), method="exact")


def test_regime_map_finds_the_chicken_boundary():
    a = sp.Symbol("a")
    g = co.SymbolicGame.from_bimatrix([[0, -1], [a, -c]], [[0, 1], [-1, -c]])
    df = co.regime_map(g, ("a", 0.5, 1.5, 3), ("c", 0.6, 1.8, 3))
    assert set(df.columns) == {"a", "c", "regime", "description"}
    # at a = 1 the row player stands firm for c < 1 only: the cells at c = 0.6
    # and c = 1.2 straddle the boundary and lie in different regimes
    straddling = [
        (row1, row2)
        for (_, row1), (_, row2) in itertools.pairwise(df[df.a == 1.0].iterrows())
        if row1.c < 1 < row2.c
    ]
    assert len(straddling) == 1
    ((row1, row2),) = straddling
    assert row1.regime != row2.regime


def test_tracking_follows_the_mixed_branch_and_keeps_certificates():
    tr = co.track(chicken(), "c", np.linspace(0.5, 4.0, 36))
    assert (tr.frame.max_regret <= 1e-9).all()
    # the dominant-strategy equilibrium continues as the mixed one: P(firm) = 1/c
    b0 = tr.branch(0)
    above = b0[b0.c > 1]
    assert np.allclose(above["2:stand firm"], 1 / above.c)
    assert tr.n_branches == 3


def test_tracking_rejects_unsorted_values():
    with pytest.raises(InvalidParameterError, match="values"):
        co.track(chicken(), "c", [2.0, 1.0])


def test_leader_follower_threshold_in_chicken():
    # the leader stands firm; the follower backs down once a crash costs it
    # more than backing down (c > 1), and crashes into it otherwise
    res = co.thresholds(chicken(), "c", over=(0, 10), regime="leader-follower")
    assert res.method == "exact" and [t.exact for t in res] == [1]
    assert res[0].below == ((("stand firm",), ("stand firm",)),)
    assert res[0].above == ((("stand firm",), ("back down",)),)
    assert co.is_threshold(chicken(), "c", 1, regime="leader-follower")
    num = co.thresholds(
        chicken(), "c", over=(0, 10), method="numeric", regime="leader-follower"
    )
    assert abs(num[0].value - 1) < 1e-9


def test_leader_follower_matches_backward_induction_on_random_games():
    from coercion.analysis.thresholds import leader_follower_regime

    rng = np.random.default_rng(5)
    for _ in range(30):
        A = rng.integers(0, 4, (3, 3))
        B = rng.integers(0, 4, (3, 3))
        g = co.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
        tree = co.ExtensiveGame(players=["1", "2"])
        for i, node in enumerate(tree.root.decide("1", ["1", "2", "3"])):
            for j, leaf in enumerate(node.decide("2", ["1", "2", "3"])):
                leaf.set_outcome([int(A[i, j]), int(B[i, j])])
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            spe = co.subgame_perfect_equilibria(tree)
        paths = set()
        for e in spe:
            i = next(k for k, v in enumerate(e.profile[0][0]) if v == 1)
            j = next(k for k, v in enumerate(e.profile[1][i]) if v == 1)
            paths.add(((str(i + 1),), (str(j + 1),)))
        assert set(leader_follower_regime(g)) == paths


# ---------------------------------------------------------------- acceptance
def zte_2x2():
    """The 2x2 export-control game of the ZTE denial order (2018), symbolic.

    The compiled game restricted to the sender's two rungs (``none``,
    ``denial_order``) and the target's first two responses (``concede``,
    ``absorb``), symbolic in the four weights.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = co.build.export_control_game("zte_2018", symbolic=True).game
    return co.SymbolicGame(
        game.payoffs[:, :, :2],
        players=game.players,
        strategies=(game.strategies[0], game.strategies[1][:2]),
    )


STAKES = {"stake.sender": 1_400_000_000, "stake.target": 1_400_000_000}


@pytest.mark.parametrize(
    ("param", "fixed", "over"),
    [
        ("pain_tolerance.target", {"pain_tolerance.sender": 2, **STAKES}, (0.01, 10)),
        ("pain_tolerance.sender", {"pain_tolerance.target": 3, **STAKES}, (0.01, 10)),
    ],
)
def test_export_control_2x2_thresholds_are_exact_and_numeric_agrees(param, fixed, over):
    game = zte_2x2()
    tau = next(s for s in game.symbols if s.name == param)
    A, B = game.partial(fixed).payoffs
    # closed form: the player whose tolerance moves is indifferent, when the
    # sender has issued the denial order, between conceding and absorbing
    # (target), or, when the target concedes, between both rungs (sender)
    if param.endswith("target"):
        (expected,) = sp.solve(sp.Eq(B[1, 0], B[1, 1]), tau)
    else:
        (expected,) = sp.solve(sp.Eq(A[1, 0], A[0, 0]), tau)
    assert expected.is_Rational
    exact = co.thresholds(game, param, over=over, fixed=fixed, grid=21)
    assert exact.method == "exact"
    assert [t.exact for t in exact] == [expected]
    assert co.is_threshold(game, param, float(expected), fixed=fixed)
    numeric = co.thresholds(
        game, param, over=over, fixed=fixed, method="numeric", grid=21
    )
    assert len(numeric) == 1
    assert abs(numeric[0].value - float(expected)) <= 1e-9
    assert (numeric[0].below, numeric[0].above) == (exact[0].below, exact[0].above)


@pytest.mark.parametrize(("a", "b"), [(1, 2), (3, 1), (2, 5)])
def test_chicken_model_threshold_is_the_closed_form(a, b):
    # standing firm against a firm opponent beats yielding iff c < b (Snyder
    # and Diesing 1977): the one change of regime in the collision cost c
    from coercion.models import chicken, chicken_solution, chicken_symbolic

    game = chicken_symbolic()
    res = co.thresholds(game, "c", over=(0, 10), fixed={"a": a, "b": b})
    assert res.method == "exact"
    assert [t.exact for t in res] == [b]
    numeric = co.thresholds(
        game, "c", over=(0, 10), fixed={"a": a, "b": b}, method="numeric", grid=41
    )
    assert len(numeric) == 1
    assert abs(numeric[0].value - b) <= 1e-9 * b
    # inside the model's domain (c > b) the regime is the closed form's: two
    # pure equilibria and the mixed one, firm with probability a / (a - b + c)
    c = 4 * b + 1
    sol = chicken_solution(a=a, b=b, c=c)
    df = co.sweep(lambda c: chicken(a=a, b=b, c=c), grid={"c": [c]}, progress=False)
    mixed = df.frame[~df.frame.pure]
    assert float(mixed["A:firm"].iloc[0]) == pytest.approx(
        float(sol.firm_probability[0])
    )


def test_crisis_bargaining_thresholds_are_the_closed_form():
    # Fearon (1995): A's optimal demand is p + (c_high - c_A) / 2 (for
    # c_A <= c_high - 2 c_low); on a grid of demands y_i (over p) its payoff is
    # a concave quadratic symmetric about that optimum, so A moves from y_{i+1}
    # down to y_i when c_A crosses c_high - (y_i + y_{i+1}).
    from fractions import Fraction as F

    from coercion.models import crisis_bargaining, fearon_solution

    p, lo, hi = F(1, 2), F(0), F(3, 10)
    game = crisis_bargaining(p, F(1, 10), lo, hi)
    ys = sorted(F(s.split("=")[1]) - p for s in game.strategies[0])
    expected = [
        float(hi - (y0 + y1))
        for y0, y1 in itertools.pairwise(ys)
        if 0 < hi - (y0 + y1) < F(6, 10)
    ]
    res = co.thresholds(
        lambda cost_a: crisis_bargaining(p, cost_a, lo, hi),
        "cost_a",
        over=(0, 0.6),
        method="numeric",
    )
    assert np.allclose(sorted(t.value for t in res), sorted(expected), atol=1e-9)
    # between thresholds A demands the grid demand nearest Fearon's optimum
    for r in res.regimes:
        mid = (r.lo + r.hi) / 2
        optimum = float(fearon_solution(p, F(mid), lo, hi).offer)
        demands = {F(s[0][0].split("=")[1]) for s in r.signature if len(s[0]) == 1}
        nearest = min(ys, key=lambda y: abs(float(p + y) - optimum)) + p
        assert nearest in demands


@pytest.mark.parametrize(
    ("x", "field"),
    [(("a", 0, 1), "x"), ("a", "x"), (("a", 0, "one", 3), "over")],
)
def test_regime_map_bad_axes_name_the_field(x, field):
    g = co.SymbolicGame.from_bimatrix(
        [[0, -1], [sp.Symbol("a"), -c]], [[0, 1], [-1, -c]]
    )
    with pytest.raises(InvalidParameterError) as info:
        co.regime_map(g, x, ("c", 0.5, 2.0, 3))
    assert info.value.field == field


# ---------------------------------------------------------------- boundary curves
def test_chicken_boundaries_are_exact_with_the_regimes_on_each_side():
    a, c = sp.symbols("a c")
    g = co.SymbolicGame.from_bimatrix([[0, -1], [a, -c]], [[0, 1], [-1, -c]])
    # grids that miss a = 0 and c = 1, so every point has a generic regime
    res = co.regime_boundaries(g, ("a", -1, 2, 30), ("c", 0.2, 3, 30))
    assert res.complete and res.unexplained == 0
    by_eq = {str(b.expr): b for b in res}
    assert set(by_eq) == {"a", "c - 1"}
    assert by_eq["c - 1"].label == "c = 1" and by_eq["a"].label == "a = 0"
    chicken = "(1; 2) | mixed (1, 2; 1, 2) | (2; 1)"
    # below c = 1 both stand firm (strategy 2); above, it is Chicken where
    # a > 0 and the row player backs down (strategy 1) where a < 0
    assert set(by_eq["c - 1"].separates) == {("(2; 2)", chicken), ("(2; 2)", "(1; 2)")}
    # a = 0 bounds Chicken only where c > 1
    assert by_eq["a"].separates == (("(1; 2)", chicken),)


def test_boundaries_of_the_export_control_game_hold_the_one_parameter_thresholds():
    """At a fixed value of one tolerance, each exact threshold in the other lies
    on one of the curves (an independent check by co.thresholds)."""
    game = zte_2x2()
    x = ("pain_tolerance.sender", 0.05, 5.0, 40)
    y = ("pain_tolerance.target", 0.05, 20.0, 40)
    res = co.regime_boundaries(game, x, y, fixed=STAKES)
    assert res.complete and len(res) >= 1
    syms = {s.name: s for b in res for s in b.expr.free_symbols}
    for y0 in (0.5, 3, 12):
        one = co.thresholds(
            game, x[0], over=(0.05, 5.0), fixed={**STAKES, y[0]: y0}, grid=41
        )
        for t in one:
            values = [
                b.expr.subs({syms[x[0]]: t.exact, syms[y[0]]: sp.nsimplify(y0)})
                for b in res
                if set(b.expr.free_symbols) <= set(syms.values())
            ]
            assert any(sp.simplify(v) == 0 for v in values), (y0, t.exact)


@given(
    coeffs=st.lists(st.integers(-3, 3), min_size=24, max_size=24),
)
@settings(max_examples=25, deadline=None)
def test_random_2x2_families_linear_in_two_parameters_have_complete_boundaries(coeffs):
    """For 2 x 2 games every change of regime is a sign change of one candidate
    condition, so the curves must account for every change on the grid."""
    x, y = sp.symbols("x y")
    entries = [
        coeffs[3 * k] + coeffs[3 * k + 1] * x + coeffs[3 * k + 2] * y for k in range(8)
    ]
    assume({x, y} <= set().union(*(sp.sympify(e).free_symbols for e in entries)))
    g = co.SymbolicGame.from_bimatrix(
        [entries[0:2], entries[2:4]], [entries[4:6], entries[6:8]]
    )
    # grid points fall on curves too (x = 0, y = 0, x = y, ...)
    res = co.regime_boundaries(g, ("x", -2, 2, 13), ("y", -2, 2, 11))
    assert res.complete
    for b in res:
        poly = sp.Poly(b.expr, x, y)
        assert poly.is_irreducible and all(c.is_integer for c in poly.coeffs())


def test_regime_boundaries_bad_inputs_name_the_field():
    a, c = sp.symbols("a c")
    g = co.SymbolicGame.from_bimatrix([[0, -1], [a, -c]], [[0, 1], [-1, -c]])
    with pytest.raises(InvalidParameterError) as err:
        co.regime_boundaries(g, ("a", -1, 2, 5), ("d", 0, 1, 5))
    assert err.value.field in ("y", "param", "fixed")
    with pytest.raises(InvalidParameterError) as err:
        co.regime_boundaries(lambda a, c: None, ("a", -1, 2, 5), ("c", 0, 1, 5))
    assert err.value.field == "model"


def test_regime_map_points_on_a_boundary_get_the_exact_regime():
    """Grid points exactly on a boundary: the float stack rounds 1 + x + y - y
    away from 1 + x, the exact game at the point's values does not."""
    from fractions import Fraction

    x, y = sp.symbols("x y")
    g = co.SymbolicGame.from_bimatrix([[0, 0], [0, 0]], [[0, 0], [y, 1 + x + y]])
    df = co.regime_map(g, ("x", -2, 2, 13), ("y", -2, 2, 11))
    words = dict(zip(df.regime, df.description.astype(str)))
    for xv, yv, rid in zip(df.x, df.y, df.regime):
        exact = regime_of(g.subs({"x": Fraction(xv), "y": Fraction(yv)}))
        assert words[rid] == describe(exact), (xv, yv)
    on_line = df[df.x == -1.0]
    assert on_line.regime.nunique() == 1  # every point of x = -1 is a tie


def test_no_fast_path_beyond_six_strategies():
    from coercion.analysis._stacked import stack_family

    c = sp.Symbol("c")
    wide = co.SymbolicGame.from_bimatrix([[c] * 5, [0] * 5], [[0] * 5, [c] * 5])
    assert wide.shape == (2, 5)
    assert stack_family(wide) is None  # 2 + 5 strategies: no 64-bit regime codes


def test_regime_boundaries_of_a_parametric_game_with_other_parameters():
    """A compiled model has parameters its symbolic game does not (supply-graph
    quantities): they stay at their defaults, and moving one is refused."""
    a, c = sp.symbols("a c")
    sym = co.SymbolicGame.from_bimatrix([[0, -1], [a, -c]], [[0, 1], [-1, -c]])

    def build(a, c, k):
        return sym.subs({"a": a, "c": c})

    model = co.ParametricGame(build, {"a": 1.0, "c": 2.0, "k": 0.5}, symbolic=sym)
    res = co.regime_boundaries(model, ("a", -1, 2, 12), ("c", 0.2, 3, 12))
    assert sorted(b.label for b in res) == ["a = 0", "c = 1"] and res.complete
    same = co.regime_boundaries(
        model, ("a", -1, 2, 12), ("c", 0.2, 3, 12), fixed={"k": 0.5}
    )
    assert [b.expr for b in same] == [b.expr for b in res]
    with pytest.raises(InvalidParameterError) as err:
        co.regime_boundaries(
            model, ("a", -1, 2, 12), ("c", 0.2, 3, 12), fixed={"k": 0.7}
        )
    assert err.value.field == "fixed" and "'k'" in str(err.value)


@pytest.mark.parametrize(
    ("x", "field"),
    [
        (5, "x"),
        (("a", 0, 1), "x"),
        (("a", 0, "one", 3), "over"),
        (("a", 0, 1, 0), "a.n"),
    ],
)
def test_regime_boundaries_bad_axes_name_the_field(x, field):
    a, c = sp.symbols("a c")
    g = co.SymbolicGame.from_bimatrix([[0, -1], [a, -c]], [[0, 1], [-1, -c]])
    with pytest.raises(InvalidParameterError) as err:
        co.regime_boundaries(g, x, ("c", 0, 1, 3))
    assert err.value.field == field
