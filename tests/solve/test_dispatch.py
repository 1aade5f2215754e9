"""Tests of :mod:`coercion.solve.dispatch`: ``co.solve``, the method registry."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest

import coercion as co
from coercion.errors import (
    DegenerateGameWarning,
    InvalidParameterError,
    NotSupportedError,
)
from coercion.solve import dispatch
from coercion.solve.dispatch import available_methods, get_method, solve

F = Fraction

BOS = co.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
MP = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])


def test_co_solve_is_the_package_and_the_function():
    import coercion.solve as package

    assert co.solve is package
    assert callable(co.solve)
    assert co.solve.solve is solve
    eqs = co.solve(BOS)
    assert len(eqs) == 3 and eqs.info["solver"] == "enumeration"
    from coercion import solve as imported

    assert imported is package


def test_auto_two_players_all_is_complete_enumeration():
    eqs = solve(BOS)
    assert eqs.method == "vertex-enumeration (exact)" and eqs.complete
    assert eqs.components is not None


def test_auto_one_zero_sum_uses_linear_programming():
    eqs = solve(MP, one=True)
    assert eqs.info["solver"] == "zero-sum" and len(eqs) == 1
    assert eqs[0].to_dict()["profile"] == [["1/2", "1/2"], ["1/2", "1/2"]]


def test_auto_one_general_game_gives_one_certified_equilibrium():
    eqs = solve(BOS, one=True)
    assert len(eqs) == 1 and not eqs.complete
    assert eqs[0].max_regret == 0


def test_auto_one_player_is_pure():
    g = co.NormalFormGame.from_arrays([[3, 1, 3]])
    eqs = solve(g)
    assert eqs.info["solver"] == "pure"
    assert [list(e.profile[0]) for e in eqs] == [[1, 0, 0], [0, 0, 1]]


def test_auto_n_players_uses_registered_solver(monkeypatch):
    u = np.zeros((3, 2, 2, 2), dtype=int)
    u[:, 0, 0, 0] = (1, 1, 1)
    g = co.NormalFormGame.from_arrays(list(u))
    calls = []

    def fake_support(game, *, exact=None, tol=None):
        calls.append((exact, tol))
        return co.pure_equilibria(game)

    monkeypatch.setitem(dispatch.METHODS, "support-enumeration", fake_support)
    eqs = solve(g, exact=True)
    assert calls == [(True, None)] and eqs.info["solver"] == "support-enumeration"


def test_auto_n_players_without_solver_is_not_supported(monkeypatch):
    g = co.NormalFormGame.from_arrays([np.zeros((2, 2, 2))] * 3)
    for name in ("support-enumeration", "simplicial", "homotopy"):
        monkeypatch.setitem(dispatch.METHODS, name, "coercion.solve.no_such:f")
    with pytest.raises(NotSupportedError, match="3-player"):
        solve(g)
    assert len(solve(g, method="pure")) == 8


def test_explicit_methods():
    assert solve(BOS, method="pure").method == "pure"
    assert solve(MP, method="zero-sum").info["value"] == 0
    assert len(solve(BOS, method="enumeration", exact=False)) == 3
    with pytest.raises(NotSupportedError, match="constant-sum"):
        solve(BOS, method="zero-sum")


def test_unknown_method_lists_valid_ones():
    with pytest.raises(InvalidParameterError) as info:
        solve(BOS, method="newton")
    msg = str(info.value)
    assert "'newton'" in msg and "'enumeration'" in msg and "'auto'" in msg
    assert info.value.field == "method"


def test_missing_module_is_not_listed(monkeypatch):
    monkeypatch.setitem(dispatch.METHODS, "ghost", "coercion.solve.ghost_module:f")
    monkeypatch.setitem(dispatch.METHODS, "ghost2", "coercion.solve.pure:no_such")
    assert "ghost" not in available_methods()
    assert "ghost2" not in available_methods()
    with pytest.raises(InvalidParameterError, match="ghost"):
        get_method("ghost")


def test_registry_accepts_callables_and_wraps_results(monkeypatch):
    def one_eq(game):
        return co.solve(game, method="enumeration")[0]

    def many(game):
        return list(co.solve(game, method="enumeration"))

    monkeypatch.setitem(dispatch.METHODS, "first", one_eq)
    monkeypatch.setitem(dispatch.METHODS, "many", many)
    eqs = solve(BOS, method="first")
    assert len(eqs) == 1 and eqs.info["solver"] == "first"
    assert len(solve(BOS, method="many")) == 3
    # a method without ``one`` is cut to its first equilibrium
    assert len(solve(BOS, method="many", one=True)) == 1
    # an explicit arithmetic request the method cannot honour is refused
    with pytest.raises(InvalidParameterError, match="exact"):
        solve(BOS, method="many", exact=False)


def test_options_are_checked():
    with pytest.raises(InvalidParameterError, match="'colour'"):
        solve(BOS, colour="red")
    with pytest.raises(InvalidParameterError, match="tol"):
        solve(BOS, tol=-1)
    with pytest.raises(InvalidParameterError, match="one"):
        solve(BOS, one="yes")
    with pytest.raises(InvalidParameterError, match="method"):
        solve(BOS, method=3)
    with pytest.raises(NotSupportedError, match="NormalFormGame"):
        solve([[1, 0], [0, 1]])


def test_stack_of_games():
    A = np.array([[[3, 0], [5, 1]], [[2, 0], [0, 1]]])
    B = np.array([[[3, 5], [0, 1]], [[1, 0], [0, 2]]])
    res = solve((A, B))
    assert res.count.tolist() == [1, 3]
    assert solve(A).count.tolist() == [1, 1]  # zero-sum stack: B = -A


def test_exact_float_switch_and_tolerance():
    eqs = solve(BOS.to_float())
    assert not eqs.exact
    eqs = solve(BOS.to_float(), exact=True)
    assert eqs.exact and eqs[1].profile[0][0] == F(2, 3)
    loose = solve(BOS, exact=False, tol=1e-3)
    assert all(e.tol == 1e-3 for e in loose)


def test_degenerate_games_report_continua():
    g = co.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 0], [0, 0]])
    with pytest.warns(DegenerateGameWarning):
        eqs = solve(g)
    assert len(eqs.components) == 1 and eqs.components[0].is_continuum


def test_solve_file_game_modes():
    from coercion.solve.dispatch import solve_file_game

    assert len(solve_file_game(BOS)) == 3
    assert len(solve_file_game(BOS, mode="one")) == 1
    assert solve_file_game(BOS, mode="pure").method == "pure"
    assert not solve_file_game(BOS, exact=False).exact
    with pytest.raises(InvalidParameterError, match="mode"):
        solve_file_game(BOS, mode="some")
    with pytest.raises(InvalidParameterError, match="pure"):
        solve_file_game(BOS, mode="pure", method="enumeration")
    with pytest.raises(NotSupportedError, match=r"--spe\) need a game tree"):
        solve_file_game(BOS, mode="spe")


def test_spe_mode_uses_the_registered_solver(monkeypatch):
    from coercion.solve.dispatch import solve_file_game

    tree = co.read_game(co_games_dir() / "entry_deterrence.efg")
    calls = []

    def fake_spe(game):
        calls.append(game)
        return "spe result"

    monkeypatch.setitem(dispatch.METHODS, "subgame-perfect", fake_spe)
    assert solve_file_game(tree, mode="spe") == "spe result" and calls == [tree]
    for name in ("subgame-perfect", "spe"):
        monkeypatch.setitem(dispatch.METHODS, name, "coercion.solve.no_such:f")
    with pytest.raises(NotSupportedError, match="not available"):
        solve_file_game(tree, mode="spe")


def test_tree_is_solved_through_its_reduced_strategic_form():
    tree = co.read_game(co_games_dir() / "entry_deterrence.efg")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        sol = solve(tree)
    assert isinstance(sol, dispatch.TreeSolution) and len(sol) == 3
    # (In; Accommodate), the subgame-perfect one, is among them, per info set
    assert [[[F(0), F(1)]], [[F(0), F(1)]]] in sol.behavior
    assert sol.to_dict()["exact"] is True
    assert "Accommodate" in sol.to_text() and "TreeSolution" in repr(sol)


def co_games_dir():
    from coercion._data import games_dir

    return games_dir()


def test_auto_one_large_game_uses_lemke_howson_when_available():
    A = np.random.default_rng(5).integers(0, 50, size=(7, 7))
    B = np.random.default_rng(6).integers(0, 50, size=(7, 7))
    g = co.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
    eqs = solve(g, one=True)
    assert len(eqs) == 1 and co.is_nash(g, eqs[0].profile)
    expected = (
        "lemke-howson" if "lemke-howson" in available_methods() else "enumeration"
    )
    assert eqs.info["solver"] == expected


def test_warnings_point_at_the_callers_line():
    g = co.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 0], [0, 0]])
    with pytest.warns(DegenerateGameWarning) as record:
        co.solve(g)
        solve(g)
    assert [w.filename for w in record] == [__file__, __file__]
