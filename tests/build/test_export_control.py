"""Acceptance tests of the payoff compiler (coercion.build.export_control)."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
import sympy as sp
from build_scenarios import handmade
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.build.terms import DEFAULT_TERMS, Term
from coercion.errors import (
    DegenerateGameWarning,
    InvalidParameterError,
    NotSupportedError,
)

TERM_KEYS = {t.key for t in DEFAULT_TERMS}


def _cells(cg):
    g = cg.game
    for i, j in itertools.product(*(range(s) for s in g.shape)):
        yield i, j, g.strategies[0][i], g.strategies[1][j]


# ------------------------------------------------------------ explain: named terms
def test_every_payoff_is_the_sum_of_named_terms():
    cg = co.build.export_control_game(handmade(inventory=10.0))
    df = co.build.explain(cg)
    assert set(df["role"] + "." + df["term"]) <= TERM_KEYS
    for i, j, rung, resp in _cells(cg):
        cell = df[(df.rung == rung) & (df.response == resp)]
        for p, who in enumerate(cg.game.players):
            rows = cell[cell.player == who]
            assert len(rows) == sum(
                t.role == ("sender", "target")[p] for t in DEFAULT_TERMS
            )
            total = 0.0
            for v in rows["value"]:
                total += v
            assert total == cg.game.payoffs[p, i, j]
            assert np.allclose(rows["value"], rows["amount"] * rows["weight"] / cg.unit)


# hand-computed amounts (USD): S sells T 80 of a part, K 20 with spare capacity
# 0.25 * 100; T's machines (1000/yr) need the part; T sells S 10 of metal for S's
# tools (400/yr); horizon 2 years, no discounting, no inventory.
@pytest.mark.parametrize(
    ("rung", "response", "term", "amount"),
    [
        # licensing cuts 40: K fills 25, the gap 15 stops 15 % of machines
        ("licensing", "absorb", "target.downstream_loss", -0.15 * 1000 * 2),
        ("licensing", "absorb", "sender.export_loss", -0.5 * 80 * 2),
        # a ban cuts 80: K fills 25, the gap 55 stops 55 %
        ("ban", "absorb", "target.downstream_loss", -0.55 * 1000 * 2),
        # the metal ban stops S's tools for the horizon; T loses the metal sales
        ("licensing", "metal_ban", "sender.counter_control", -400 * 2),
        ("licensing", "metal_ban", "target.counter_control", -10 * 2),
        # no stock: a conceding target gives in at once, for the whole horizon
        ("ban", "concede", "target.concession", -200 * 2),
        ("ban", "concede", "sender.concession", 200 * 2),
        # after a year the cut shrinks to 40 * (1 - 0.5) = 20 <= 25: no more loss
        ("licensing", "invest", "target.downstream_loss", -0.15 * 1000 * 1),
        ("licensing", "invest", "target.substitution_cost", -50),
        ("licensing", "invest", "sender.lost_market", -0.5 * (1 - 0.5) * 80 * 1),
        ("none", "absorb", "target.downstream_loss", 0),
    ],
)
def test_terms_match_hand_computed_amounts(rung, response, term, amount):
    cg = co.build.export_control_game(handmade(), unit=1.0)
    df = co.build.explain(cg)
    row = df[
        (df.rung == rung)
        & (df.response == response)
        & (df.role + "." + df.term == term)
    ]
    assert len(row) == 1
    assert float(row["amount"].iloc[0]) == pytest.approx(amount, abs=1e-9)


def test_pain_tolerance_divides_economic_terms_only():
    base = co.build.export_control_game(handmade())
    tougher = co.build.export_control_game(handmade(), {"pain_tolerance.target": 4.0})
    a, b = co.build.explain(base), co.build.explain(tougher)
    target = a.role == "target"
    econ = target & (a.kind == "economic")
    assert np.allclose(b.value[econ], a.value[econ] / 4.0)
    assert np.array_equal(b.value[target & ~econ], a.value[target & ~econ])


# ------------------------------------------------------------ direction of changes
@pytest.mark.parametrize("inventory", [0.0, 20.0])
def test_more_spare_capacity_abroad_weakens_the_sender(inventory):
    low = co.build.export_control_game(handmade(spare=0.25, inventory=inventory))
    high = co.build.export_control_game(handmade(spare=0.5, inventory=inventory))
    lo, hi = low.game.payoffs, high.game.payoffs
    rungs = low.game.strategies[0]
    for i, j, rung, resp in _cells(low):
        if rung == "none":  # no control: the status quo either way
            assert lo[0, i, j] == hi[0, i, j] == lo[1, i, j] == hi[1, i, j] == 0
            continue
        # target payoffs weakly up, sender payoffs weakly down, in every cell
        assert hi[1, i, j] >= lo[1, i, j] - 1e-12, (rung, resp)
        assert hi[0, i, j] <= lo[0, i, j] + 1e-12, (rung, resp)
    # the leverage (the target's pain when it holds out) falls strictly
    dl, dh = co.build.explain(low), co.build.explain(high)
    pain = (
        (dl.term == "downstream_loss") & (dl.response == "absorb") & (dl.rung != "none")
    )
    assert (dh.value[pain].to_numpy() > dl.value[pain].to_numpy()).all()
    assert len(rungs) == 3


# ------------------------------------------------------------ symbolic compile
def test_symbolic_2x2_closed_form_mixed_equilibrium_matches_solver():
    sc = handmade(
        rungs=("licensing", "ban"), responses=("concede", "absorb"), inventory=20.0
    )
    cg = co.build.export_control_game(sc, symbolic=True)
    game = cg.game
    assert game.shape == (2, 2)
    syms = {s.name: s for s in game.symbols}
    assert set(syms) == set(co.build.WEIGHTS)
    A, B = sp.Matrix(game.payoffs[0]), sp.Matrix(game.payoffs[1])
    p, q = sp.symbols("p q")  # P(licensing), P(concede)
    sol_p = sp.solve(
        sp.Eq(p * B[0, 0] + (1 - p) * B[1, 0], p * B[0, 1] + (1 - p) * B[1, 1]), p
    )
    sol_q = sp.solve(
        sp.Eq(q * A[0, 0] + (1 - q) * A[0, 1], q * A[1, 0] + (1 - q) * A[1, 1]), q
    )
    assert len(sol_p) == len(sol_q) == 1
    p_star, q_star = sp.simplify(sol_p[0]), sp.simplify(sol_q[0])
    # closed form: rational in the weights, free of the probabilities
    assert p_star.free_symbols <= set(syms.values())
    assert q_star.free_symbols <= set(syms.values())
    rng = np.random.default_rng(20251130)
    interior = 0
    for _ in range(25):
        vals = {
            "pain_tolerance.sender": float(rng.uniform(0.5, 2.0)),
            "pain_tolerance.target": float(rng.uniform(0.25, 4.0)),
            "stake.sender": float(rng.uniform(50.0, 400.0)),
            "stake.target": float(rng.uniform(50.0, 400.0)),
        }
        sub = {syms[k]: v for k, v in vals.items()}
        pv, qv = float(p_star.subs(sub)), float(q_star.subs(sub))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateGameWarning)
            eqs = co.solve(game.subs(vals))
        assert all(e.is_certified for e in eqs)
        mixed = [e for e in eqs if not e.is_pure]
        if 0 < pv < 1 and 0 < qv < 1:
            interior += 1
            assert len(mixed) == 1
            prof = mixed[0].profile
            assert float(prof[0][0]) == pytest.approx(pv, abs=1e-8)
            assert float(prof[1][0]) == pytest.approx(qv, abs=1e-8)
        else:
            assert all(min(len(s) for s in e.supports) == 1 for e in eqs)
    assert interior >= 3  # the closed form was exercised


def test_symbolic_game_substitutes_to_the_numeric_game():
    sc = handmade(inventory=10.0)
    sym = co.build.export_control_game(sc, symbolic=True)
    num = co.build.export_control_game(sc)
    vals = {
        k: sc.param(f"players.{'S' if 'sender' in k else 'T'}.{k.split('.')[0]}")
        for k in co.build.WEIGHTS
    }
    assert np.allclose(sym.game.subs(vals).payoffs.astype(float), num.game.payoffs)
    d = sym.game.diff("pain_tolerance.target")
    assert d.payoffs[1, 0, 1] == 0  # no control: no pain whatever the tolerance


def test_symbolic_terms_sum_exactly():
    cg = co.build.export_control_game(handmade(inventory=10.0), symbolic=True)
    df = co.build.explain(cg)
    for i, j, rung, resp in _cells(cg):
        for p, who in enumerate(cg.game.players):
            rows = df[(df.rung == rung) & (df.response == resp) & (df.player == who)]
            assert sp.simplify(sp.Add(*rows["value"]) - cg.game.payoffs[p, i, j]) == 0


def test_supply_graph_parameter_cannot_be_a_symbol():
    x = sp.Symbol("x")
    with pytest.raises(NotSupportedError, match=r"nodes\.K\.part\.spare_capacity"):
        co.build.export_control_game(handmade(), {"nodes.K.part.spare_capacity": x})


# ------------------------------------------------------------ terms= and errors
def test_terms_can_be_replaced_dropped_and_added():
    def no_pain(ctx):
        return 0

    cg = co.build.export_control_game(
        handmade(),
        terms={
            "target.downstream_loss": no_pain,
            "sender.blowback": None,
            "sender.prestige": Term("prestige", "sender", "political", lambda ctx: 1e9),
        },
    )
    df = co.build.explain(cg)
    assert "blowback" not in set(df.term)
    assert (df[df.term == "downstream_loss"].value == 0).all()
    assert (df[df.term == "prestige"].value == 1.0).all()
    j = cg.game.strategies[1].index("absorb")
    assert cg.game.payoffs[1, 1, j] == 0.0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"sender": "T"}, "sender"),
        ({"target": "S"}, "target"),
        ({"product": "metal"}, "product"),
        ({"unit": 0}, "unit"),
        ({"measure": "gdp"}, "measure"),
        ({"terms": {"target.new": lambda ctx: 0}}, "terms"),
        ({"params": {"players.S.courage": 1.0}}, "name"),
    ],
)
def test_bad_arguments_name_the_field(kwargs, field):
    params = kwargs.pop("params", None)
    with pytest.raises(InvalidParameterError) as err:
        co.build.export_control_game(handmade(), params, **kwargs)
    assert err.value.field == field


def test_explain_rejects_a_plain_game():
    with pytest.raises(InvalidParameterError):
        co.build.explain(co.NormalFormGame.from_bimatrix([[1]], [[1]]))


# ------------------------------------------------------------ parametric family
def test_model_games_equal_direct_compiles():
    sc = handmade(inventory=10.0)
    model = co.build.export_control_model(sc)
    assert model.parameters == (
        *co.build.WEIGHTS,
        "nodes.K.part.spare_capacity",
    )
    g = model.game(**{"pain_tolerance.target": 2.0, "nodes.K.part.spare_capacity": 0.5})
    direct = co.build.export_control_game(
        sc, {"pain_tolerance.target": 2.0, "nodes.K.part.spare_capacity": 0.5}
    )
    assert np.array_equal(g.payoffs, direct.game.payoffs)
    weights = {k: v for k, v in model.defaults.items() if k in co.build.WEIGHTS}
    at_defaults = model.symbolic.subs(weights)
    assert np.allclose(at_defaults.payoffs.astype(float), model.game().payoffs)


def test_model_threshold_in_target_pain_tolerance_is_exact():
    model = co.build.export_control_model(handmade(inventory=10.0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        res = co.thresholds(model, "pain_tolerance.target", over=(0.25, 4.0))
        assert res.method == "exact"
        assert len(res) >= 1
        for t in res:
            assert co.is_threshold(model, "pain_tolerance.target", t.value)


# ------------------------------------------------------------ the bundled cases
@pytest.mark.parametrize("case", ["rare_earths", "photoresists", "ai_chips"])
def test_bundled_case_compiles_solves_and_has_thresholds(case):
    sc = co.load_scenario(case)
    model = co.build.case_model(sc)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        eqs = co.solve(model.game())
        assert len(eqs) >= 1
        assert all(e.is_certified for e in eqs)
        over = sc.param_range(f"players.{sc.targets[0]}.pain_tolerance")
        res = co.thresholds(
            model, "pain_tolerance.target", over=over, method="numeric", grid=13
        )
        if case == "rare_earths":  # its key parameter: the tolerance decides
            assert len(res) >= 1
        for t in res:
            assert over[0] < t.value < over[1]
            assert co.is_threshold(model, "pain_tolerance.target", t.value, eps=1e-6)


def test_rung_cut_can_leave_the_ladder_order_in_a_family():
    # a managed-dependence sweep takes a rung's cut below an earlier rung's: legal
    # in the game (the scenario file would reject it)
    sc = handmade()
    model = co.build.export_control_model(
        sc, parameters=("pain_tolerance.target", "players.S.ladder.ban.cut")
    )
    g = model.game(**{"players.S.ladder.ban.cut": 0.25})
    direct = co.build.export_control_game(sc, {"players.S.ladder.ban.cut": 0.25})
    assert np.array_equal(g.payoffs, direct.game.payoffs)
    i = g.strategies[0].index("ban")
    j = g.strategies[1].index("absorb")
    # a cut of 20 is filled by K's spare 25: no pain, export loss 0.25 * 80 * 2
    assert g.payoffs[1, i, j] == 0
    assert g.payoffs[0, i, j] == pytest.approx(-40 / 1e9)
    with pytest.raises(InvalidParameterError):
        model.game(**{"players.S.ladder.ban.cut": 1.5})


def test_scenario_without_model_section_warns_and_uses_one_year():
    from build_scenarios import handmade_toml

    text = handmade_toml()
    start = text.index("[model]")
    end = text.index("[[key_parameters]]")
    sc = co.Scenario.from_toml(text[:start] + text[end:], file="<no-model>")
    with pytest.warns(co.CoercionWarning, match="no \\[model\\] section"):
        cg = co.build.export_control_game(sc, unit=1.0)
    df = co.build.explain(cg)
    row = df[
        (df.rung == "licensing")
        & (df.response == "absorb")
        & (df.term == "export_loss")
    ]
    assert float(row.amount.iloc[0]) == pytest.approx(-0.5 * 80 * 1.0)


def test_boycott_costs_the_target_its_sales_and_diversion_recovers_them():
    # China's 2020 boycott of Australian goods: an "imports" rung
    sc = co.load_scenario("china_australia_2020")
    cg = co.build.export_control_game(sc, unit=1.0)
    df = co.build.explain(cg)

    def amount(response, term):
        row = df[
            (df.rung == "coal_ban") & (df.response == response) & (df.term == term)
        ]
        return float(row.amount.iloc[0])

    x = sc.param("flows.AU.CN.coal_other.value")
    H = sc.param("model.horizon_years")
    r = sc.param("model.discount_rate")
    phi = sc.param("players.CN.ladder.coal_ban.cut")
    rho = sc.param("players.AU.responses.divert.reduction")
    ts = sc.param("players.AU.responses.divert.time")
    steps = max(12, int(np.ceil(12 * H)))
    t = np.linspace(0, H, steps + 1)

    def D(a, b):
        return float(
            np.sum((np.clip(t[1:], a, b) - np.clip(t[:-1], a, b)) * (1 + r) ** -t[:-1])
        )

    assert amount("absorb", "lost_sales") == pytest.approx(-phi * x * D(0, H))
    assert amount("divert", "lost_sales") == pytest.approx(
        -phi * x * (D(0, ts) + (1 - rho) * D(ts, H))
    )
    assert amount("absorb", "export_loss") == 0  # the sender buys, it does not sell


@settings(max_examples=12, deadline=None)
@given(
    cut=st.floats(0.05, 0.95),
    spare=st.floats(0.0, 1.0),
    inventory=st.floats(0.0, 120.0),
)
def test_harsher_cut_hurts_the_target_more_and_costs_the_sender_more(
    cut, spare, inventory
):
    sc = handmade(spare=spare, inventory=inventory)
    model = co.build.export_control_model(
        sc, parameters=("pain_tolerance.target", "players.S.ladder.licensing.cut")
    )
    soft = model.game(**{"players.S.ladder.licensing.cut": cut / 2})
    hard = model.game(**{"players.S.ladder.licensing.cut": cut})
    i = soft.strategies[0].index("licensing")
    for resp in ("absorb", "metal_ban"):
        j = soft.strategies[1].index(resp)
        assert hard.payoffs[1, i, j] <= soft.payoffs[1, i, j] + 1e-12
        assert hard.payoffs[0, i, j] <= soft.payoffs[0, i, j] + 1e-12
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        assert all(e.is_certified for e in co.solve(hard))


@pytest.mark.parametrize("tolerance", [0.5, 4.0])
def test_tree_spe_is_backward_induction_on_the_compiled_payoffs(tolerance):
    sc = handmade(inventory=10.0)
    cg = co.build.export_control_game(sc, {"pain_tolerance.target": tolerance})
    tree = co.build.export_control_tree(cg)
    spe = co.subgame_perfect_equilibria(tree)
    assert len(spe) == 1 and spe[0].is_subgame_perfect
    A, B = cg.game.payoffs[0], cg.game.payoffs[1]
    rungs = cg.game.strategies[0]
    # by hand: the target's best reply to each control, then the sender's best rung
    value = {"none": 0.0}
    for i, r in enumerate(rungs):
        if r != "none":
            value[r] = float(A[i, int(np.argmax(B[i]))])
    best = max(value, key=value.get)
    assert spe[0].action("S", 0)[best] == 1.0
    assert spe[0].payoffs[0] == pytest.approx(value[best])


def test_tree_needs_numbers():
    cg = co.build.export_control_game(handmade(), symbolic=True)
    with pytest.raises(NotSupportedError):
        co.build.export_control_tree(cg)


def test_cell_context_reads_a_term_and_rejects_unknown_cells():
    from coercion.build.terms import target_downstream_loss

    cg = co.build.export_control_game(handmade(), unit=1.0)
    ctx = cg.context("licensing", "absorb")
    assert target_downstream_loss(ctx) == pytest.approx(-300.0)
    with pytest.raises(InvalidParameterError) as err:
        cg.context("embargo", "absorb")
    assert err.value.field == "cell"


def test_rungs_that_withhold_nothing_from_the_target_are_left_out():
    # China's magnet rungs do not reach Japan (no magnet flow to it in the
    # scenario); only the selective heavy-rare-earth licensing does
    cg = co.build.export_control_game("rare_earths", target="JP")
    assert cg.game.strategies[0] == ("none", "selective_hree")
