"""Tests of the shared result types and the checkers ``regret`` / ``is_nash``."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coercion as co
from coercion.errors import InvalidParameterError
from coercion.solve import Component, EquilibriumSet, make_equilibrium


def mp() -> co.NormalFormGame:
    return co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])


def test_regret_exact_values():
    g = mp()
    assert co.regret(g, [["1/2", "1/2"], ["1/2", "1/2"]]) == 0
    assert co.player_regrets(g, [[1, 0], [1, 0]]) == (0, 2)
    assert co.is_nash(g, [["1/2", "1/2"], ["1/2", "1/2"]])
    assert not co.is_nash(g, [[1, 0], [1, 0]])


def test_is_nash_float_tolerance():
    g = mp().to_float()
    assert co.is_nash(g, [[0.5, 0.5], [0.5, 0.5]])
    assert not co.is_nash(g, [[0.6, 0.4], [0.5, 0.5]], tol=1e-3)
    assert not co.is_nash(g, [[0.5, 0.5], [0.6, 0.4]])
    assert co.is_nash(g, [[0.5, 0.5], [0.6, 0.4]], tol=0.5)
    with pytest.raises(InvalidParameterError):
        co.is_nash(g, [[0.5, 0.5], [0.5, 0.5]], tol=-1.0)


def brute_regret(payoffs, sig):
    n = payoffs.shape[0]
    shape = payoffs.shape[1:]

    def u(p, prof_sig):
        return sum(
            payoffs[(p, *a)] * np.prod([prof_sig[q][a[q]] for q in range(n)])
            for a in itertools.product(*(range(s) for s in shape))
        )

    out = []
    for p in range(n):
        cur = u(p, sig)
        best = max(
            u(
                p,
                [
                    sig[q]
                    if q != p
                    else [Fraction(int(k == j)) for k in range(shape[p])]
                    for q in range(n)
                ],
            )
            for j in range(shape[p])
        )
        out.append(best - cur)
    return tuple(out)


@settings(deadline=None, max_examples=40)
@given(shape=st.lists(st.integers(1, 3), min_size=2, max_size=3), data=st.data())
def test_regret_matches_brute_force(shape, data):
    n = len(shape)
    vals = data.draw(
        st.lists(
            st.integers(-4, 4),
            min_size=n * int(np.prod(shape)),
            max_size=n * int(np.prod(shape)),
        )
    )
    payoffs = np.array(vals).reshape((n, *shape))
    sig = []
    for s in shape:
        w = data.draw(
            st.lists(st.integers(0, 3), min_size=s, max_size=s).filter(
                lambda x: sum(x) > 0
            )
        )
        sig.append([Fraction(x, sum(w)) for x in w])
    g = co.NormalFormGame(payoffs)
    assert co.player_regrets(g, sig) == brute_regret(payoffs, sig)


def test_equilibrium_and_set_outputs():
    g = mp()
    e = make_equilibrium(g, [["1/2", "1/2"], ["1/2", "1/2"]], method="hand")
    assert e.exact and e.is_certified and e.max_regret == 0
    assert e.supports == (("1", "2"), ("1", "2"))
    assert e["1"] == {"1": Fraction(1, 2), "2": Fraction(1, 2)}
    eqs = EquilibriumSet(
        g,
        [e],
        method="hand",
        exact=True,
        complete=True,
        components=[Component(extreme=(0,), nash_subsets=((0,),))],
    )
    doc = json.loads(eqs.to_json())
    assert doc == {
        "equilibria": [
            {
                "profile": [["1/2", "1/2"], ["1/2", "1/2"]],
                "payoffs": ["0", "0"],
                "max_regret": "0",
            }
        ],
        "method": "hand",
        "exact": True,
    }
    frame = eqs.to_frame()
    assert list(frame.columns) == [
        "equilibrium",
        "player",
        "strategy",
        "probability",
        "payoff",
        "regret",
        "component",
    ]
    assert len(frame) == 4
    assert "<table>" in eqs._repr_html_()
    assert "1 components (0 continua)" in repr(eqs)


def test_certificate_flags_a_non_equilibrium():
    g = mp()
    e = make_equilibrium(g, [[1, 0], [1, 0]], method="hand")
    assert not e.is_certified
    assert e.max_regret == 2


def segments_game() -> co.NormalFormGame:
    # Column player indifferent: one component of three segments (four extreme
    # equilibria, three maximal Nash subsets).
    return co.NormalFormGame.from_bimatrix(
        [[1, 0], [0, 1]],
        [[0, 0], [0, 0]],
        players=("US", "China <PRC>"),
        strategies=(["ban", "trade & talk"], ["retaliate", "concede"]),
    )


def solved_segments():
    import warnings

    from coercion.errors import DegenerateGameWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        return co.solve(segments_game())


def test_to_frame_is_tidy_with_components():
    eqs = solved_segments()
    frame = eqs.to_frame()
    # one row per (equilibrium, player, strategy)
    assert len(frame) == len(eqs) * 4
    assert set(frame["component"]) == {0}
    sums = frame.groupby(["equilibrium", "player"])["probability"].sum()
    assert all(v == 1 for v in sums)
    row = frame[(frame.equilibrium == 1) & (frame.player == "China <PRC>")]
    assert row["probability"].tolist() == [Fraction(1, 2), Fraction(1, 2)]
    assert row["payoff"].tolist() == [0, 0]
    us = frame[(frame.equilibrium == 1) & (frame.player == "US")]
    assert us["payoff"].tolist() == [Fraction(1, 2)] * 2
    assert (frame["regret"] == 0).all()


def test_to_frame_without_components_and_float():
    eqs = co.solve(mp().to_float(), method="pure")
    empty = eqs.to_frame()
    assert len(empty) == 0 and "probability" in empty.columns
    eqs = co.solve(mp().to_float())
    frame = eqs.to_frame()
    assert "component" in frame and frame["probability"].dtype == float
    pure = co.solve(co.NormalFormGame.from_bimatrix([[1, 0], [0, 1]]), method="pure")
    assert "component" not in pure.to_frame()


def test_nash_subsets_and_components():
    eqs = solved_segments()
    assert eqs.nash_subsets == ((0, 1), (1, 2), (2, 3))
    (comp,) = eqs.components
    assert comp.is_continuum and comp.extreme == (0, 1, 2, 3)
    assert "1 components (1 continua)" in repr(eqs)
    pure = co.solve(segments_game(), method="pure")
    assert pure.components is None and pure.nash_subsets == ()


def test_repr_html_escapes_labels_and_lists_every_equilibrium():
    eqs = solved_segments()
    page = eqs._repr_html_()
    assert page.count("<tr>") == len(eqs) + 1
    assert "China &lt;PRC&gt;" in page and "trade &amp; talk" in page
    assert "<th>component</th>" in page
    assert "<PRC>" not in page


def test_to_text_table():
    text = solved_segments().to_text()
    lines = text.splitlines()
    assert (
        lines[0] == "4 equilibria, method vertex-enumeration (exact), exact, complete"
    )
    assert lines[1].split()[:2] == ["#", "US"]
    assert "retaliate: 1/2, concede: 1/2" in lines[3]
    assert len(lines) == 6


def test_empty_set():
    eqs = EquilibriumSet(mp(), [], method="hand", exact=True, complete=False)
    assert eqs.max_regret == 0 and len(eqs.to_frame()) == 0
    assert eqs.to_dict() == {"equilibria": [], "method": "hand", "exact": True}
    assert "0 equilibria" in eqs.to_text()


def test_float_supports_do_not_use_the_payoff_tolerance():
    # Regression: supports of float equilibria were cut at ``tol`` (a payoff
    # tolerance, 1e-3 here for a payoff range of 1e6), dropping a strategy
    # played with probability 1e-4 (and one with 1e-6).
    big = 10**6
    g = co.NormalFormGame.from_bimatrix([[big, 0], [0, 1.0]], [[1.0, 0], [0, 9999.0]])
    mixed = [e for e in co.solve(g) if not e.is_pure]
    assert len(mixed) == 1
    assert mixed[0].profile[0][1] < 1e-3 and mixed[0].profile[1][0] < 1e-3
    assert mixed[0].supports == (("1", "2"), ("1", "2"))


@settings(deadline=None, max_examples=40)
@given(shape=st.lists(st.integers(1, 3), min_size=1, max_size=3), data=st.data())
def test_exact_certificates_with_fractional_payoffs(shape, data):
    # The integer fast path (common denominators) gives the same exact values
    # as brute-force Fraction arithmetic, payoffs and regrets alike.
    n = len(shape)
    size = n * int(np.prod(shape))
    nums = data.draw(st.lists(st.integers(-9, 9), min_size=size, max_size=size))
    dens = data.draw(st.lists(st.integers(1, 7), min_size=size, max_size=size))
    flat = np.empty(size, dtype=object)
    flat[:] = [Fraction(a, b) for a, b in zip(nums, dens)]
    payoffs = flat.reshape((n, *shape))
    sig = []
    for s in shape:
        w = data.draw(
            st.lists(st.integers(0, 5), min_size=s, max_size=s).filter(
                lambda x: sum(x) > 0
            )
        )
        sig.append([Fraction(x, sum(w)) for x in w])
    g = co.NormalFormGame(payoffs)
    e = make_equilibrium(g, sig, method="hand")
    assert e.exact
    assert e.regrets == brute_regret(payoffs, sig)
    assert e.payoffs == g.expected_payoffs(sig)
    assert co.player_regrets(g, sig) == e.regrets
