"""Tests of coercion.solve.stack: stacks of games equal one game at a time."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import coercion as co
import coercion.solve.stack as stack_module
from coercion.errors import InvalidGameError
from coercion.solve.enumeration import enumerate_equilibria
from coercion.solve.stack import StackSolution, solve_stack


def _one_at_a_time(A: np.ndarray, B: np.ndarray, k: int):
    game = co.NormalFormGame.from_bimatrix(A[k], B[k])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return enumerate_equilibria(game)


def _assert_matches(res: StackSolution, A: np.ndarray, B: np.ndarray) -> None:
    """Game by game, the stack's arrays hold exactly enumerate_equilibria's set."""
    for k in range(len(A)):
        eqs = _one_at_a_time(A, B, k)
        c = int(res.count[k])
        assert c == len(eqs), k
        comp_of = {}
        for ci, comp in enumerate(eqs.components):
            for i in comp.extreme:
                comp_of[i] = ci
        for s, eq in enumerate(eqs):
            np.testing.assert_allclose(
                res.row[k, s], [float(v) for v in eq.profile[0]], rtol=0, atol=1e-12
            )
            np.testing.assert_allclose(
                res.col[k, s], [float(v) for v in eq.profile[1]], rtol=0, atol=1e-12
            )
            np.testing.assert_allclose(
                res.payoffs[k, s],
                [float(v) for v in eq.payoffs],
                rtol=1e-12,
                atol=1e-12,
            )
            assert res.component[k, s] == comp_of[s]
        assert np.all(np.isnan(res.row[k, c:]))
        assert np.all(res.component[k, c:] == -1)
        assert bool(res.continuum[k]) == any(
            comp.is_continuum for comp in eqs.components
        )
        assert bool(res.degenerate[k]) == bool(eqs.info["degenerate"])
    assert np.all(res.certified)


small_ints = hnp.arrays(
    np.int64,
    st.tuples(st.integers(1, 12), st.just(2), st.just(2)),
    elements=st.integers(-2, 2),
)


@settings(max_examples=60, deadline=None)
@given(A=small_ints, data=st.data())
def test_2x2_stack_equals_enumeration_with_ties(A, data):
    B = data.draw(hnp.arrays(np.int64, A.shape, elements=st.integers(-2, 2)))
    _assert_matches(solve_stack(A, B), A, B)


def test_compiled_and_numpy_kernels_agree(monkeypatch):
    pytest.importorskip("numba")
    rng = np.random.default_rng(9)
    A = rng.integers(-3, 4, size=(5000, 2, 2)).astype(float)
    B = rng.integers(-3, 4, size=(5000, 2, 2)).astype(float)
    A[::2] += rng.random((2500, 2, 2))
    fast = solve_stack(A, B)
    monkeypatch.setattr(stack_module, "_compiled", lambda: None)
    slow = solve_stack(A, B)
    for name in ("count", "component", "continuum", "degenerate"):
        np.testing.assert_array_equal(getattr(fast, name), getattr(slow, name))
    for name in ("row", "col", "payoffs", "regrets", "tol"):
        np.testing.assert_allclose(
            getattr(fast, name), getattr(slow, name), rtol=1e-15, atol=1e-15
        )


@pytest.fixture(params=["compiled", "numpy"])
def kernel(request, monkeypatch):
    """Run a test with the numba kernel (when installed) and the numpy one."""
    if request.param == "compiled":
        pytest.importorskip("numba")
    else:
        monkeypatch.setattr(stack_module, "_compiled", lambda: None)
    return request.param


def test_every_sign_case_equals_enumeration(kernel):
    # Payoff differences in {-1, 0, 1} for each of a1, a2, b1, b2: all 81
    # sign cases, the degenerate ones included.
    rows = []
    for case in range(81):
        s = [(case // 3**k) % 3 - 1 for k in (3, 2, 1, 0)]
        rows.append(([[s[0], s[1]], [0, 0]], [[s[2], 0], [s[3], 0]]))
    A = np.array([r[0] for r in rows])
    B = np.array([r[1] for r in rows])
    res = solve_stack(A, B)
    _assert_matches(res, A, B)
    assert res.count.max() == 4  # the game with a1 = a2 = b1 = b2 = 0


def test_float_stack_equals_enumeration(kernel):
    rng = np.random.default_rng(3)
    A = rng.random((40, 2, 2))
    B = rng.random((40, 2, 2))
    A[:5, 0, 0] = A[:5, 1, 0]  # some ties in floats
    res = solve_stack(A, B)
    _assert_matches(res, A, B)
    assert res.method.startswith("closed form")


def test_two_by_three_stack_loops_with_same_answers():
    rng = np.random.default_rng(4)
    A = rng.integers(-2, 3, size=(6, 2, 3))
    B = rng.integers(-2, 3, size=(6, 2, 3))
    res = solve_stack(A, B)
    assert res.row.shape[2] == 2 and res.col.shape[2] == 3
    _assert_matches(res, A, B)


@pytest.mark.parametrize(
    ("A", "B", "expected"),
    [
        # Battle of the sexes (Osborne 2004, Example 18.1): three equilibria.
        ([[3, 0], [0, 2]], [[2, 0], [0, 3]], [(1, 1), (0.6, 0.4), (0, 0)]),
        # Matching pennies: the unique mixed equilibrium.
        ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], [(0.5, 0.5)]),
        # Prisoner's dilemma: defect, defect.
        ([[3, 0], [5, 1]], [[3, 5], [0, 1]], [(0, 0)]),
    ],
)
def test_textbook_2x2(A, B, expected):
    res = solve_stack(np.array([A]), np.array([B]))
    assert res.count[0] == len(expected)
    got = list(zip(res.row[0, : len(expected), 0], res.col[0, : len(expected), 0]))
    np.testing.assert_allclose(got, expected, atol=1e-15)
    p, q = res.first
    np.testing.assert_array_equal(p, res.row[:, :, 0])
    np.testing.assert_array_equal(1.0 - q, res.col[:, :, 1])


def test_zero_sum_default_and_to_frame():
    A = np.array([[[1, -1], [-1, 1]]])
    res = solve_stack(A)
    frame = res.to_frame()
    assert list(frame.columns) == [
        "game",
        "equilibrium",
        "player",
        "strategy",
        "probability",
        "payoff",
        "regret",
        "component",
    ]
    assert len(frame) == 4
    assert frame["probability"].tolist() == [0.5, 0.5, 0.5, 0.5]
    assert frame["payoff"].tolist() == [0.0] * 4


def test_slots_are_padded_to_the_largest_count_in_the_stack():
    pd_game = ([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    bos = ([[3, 0], [0, 2]], [[2, 0], [0, 3]])
    res = solve_stack(np.array([pd_game[0]]), np.array([pd_game[1]]))
    assert res.row.shape == (1, 1, 2) and res.max_regret[0] == 0.0
    res = solve_stack(np.array([pd_game[0], bos[0]]), np.array([pd_game[1], bos[1]]))
    assert res.row.shape == (2, 3, 2)
    assert res.count.tolist() == [1, 3]
    assert np.isnan(res.payoffs[0, 1:]).all() and np.isnan(res.regrets[0, 1:]).all()
    assert not np.isnan(res.payoffs[1]).any()


def test_large_integers_use_the_exact_loop():
    big = 2**60
    A = np.array([[[big, 0], [0, 1]]], dtype=np.int64)
    B = np.array([[[1, 0], [0, big]]], dtype=np.int64)
    res = solve_stack(A, B)
    assert res.method.startswith("vertex-enumeration")
    eqs = _one_at_a_time(A, B, 0)
    assert res.count[0] == len(eqs) == 3
    mixed = eqs[1].profile[0][0]
    assert isinstance(mixed, Fraction)
    assert res.row[0, 1, 0] == pytest.approx(float(mixed), abs=1e-15)


@pytest.mark.parametrize(
    ("A", "B", "field"),
    [
        (np.zeros((2, 2)), None, "A"),
        (np.zeros((0, 2, 2)), None, "A"),
        (np.array([[["a", "b"], ["c", "d"]]]), None, "A"),
        (np.full((1, 2, 2), np.nan), None, "A"),
        (np.zeros((1, 2, 2)), np.zeros((1, 2, 3)), "B"),
        (np.zeros((1, 2, 2), dtype=bool), None, "A"),
    ],
)
def test_invalid_stacks_name_the_field(A, B, field):
    with pytest.raises(InvalidGameError) as err:
        solve_stack(A, B)
    assert err.value.field == field


def test_exported_lazily():
    assert co.solve_stack is solve_stack
