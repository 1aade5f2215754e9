"""Tests of coercion.solve._polytope_numba: the compiled vertex search."""

from __future__ import annotations

import numpy as np
import pytest

import coercion.solve._polytope as polytope

numba = pytest.importorskip("numba")


def _numpy_search(M: np.ndarray, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as mp:
        mp.setattr(polytope, "_compiled_loop", lambda: None)
        return polytope.float_vertices(M)


@pytest.mark.parametrize(("k", "d"), [(2, 2), (3, 5), (6, 6), (9, 8)])
def test_same_vertices_as_the_numpy_search(k, d, monkeypatch):
    rng = np.random.default_rng(k * 10 + d)
    M = 1.0 + rng.random((k, d))
    fast = polytope.float_vertices(M)
    slow = _numpy_search(M, monkeypatch)
    assert fast is not None and slow is not None
    assert fast.masks.dtype == slow.masks.dtype == np.uint64
    assert sorted(fast.masks.tolist()) == sorted(slow.masks.tolist())
    # every vertex's nonbasic variables are exactly its tight set
    bits = np.left_shift(np.uint64(1), fast.nonbasic.astype(np.uint64))
    assert np.array_equal(np.bitwise_or.reduce(bits, axis=1), fast.masks)
    assert polytope.closure_holds(fast.masks, fast.nonbasic, polytope._bits(k + d))


def test_degenerate_polytope_is_refused_like_the_numpy_search(monkeypatch):
    # Two equal rows: every vertex on them is degenerate.
    M = np.array([[1.0, 2.0, 1.5], [1.0, 2.0, 1.5], [2.0, 1.0, 1.25]])
    assert _numpy_search(M, monkeypatch) is None
    assert polytope.float_vertices(M) is None


@pytest.mark.parametrize("seed", [1, 2])
def test_certified_search_proves_the_same_vertices(seed, monkeypatch):
    M = 1.0 + np.random.default_rng(seed).random((6, 5))
    fast = polytope.float_vertices(M, certify=True)
    with monkeypatch.context() as mp:
        mp.setattr(polytope, "_compiled_loop", lambda: None)
        slow = polytope.float_vertices(M, certify=True)
    assert fast is not None and slow is not None
    assert fast.certified and slow.certified
    assert sorted(fast.masks.tolist()) == sorted(slow.masks.tolist())


def test_certificate_failure_is_reported(monkeypatch):
    monkeypatch.setattr(polytope, "_certify_layer", lambda *args: False)
    M = 1.0 + np.random.default_rng(3).random((4, 4))
    assert polytope.float_vertices(M, certify=True) is None
    assert polytope.float_vertices(M) is not None
