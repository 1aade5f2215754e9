"""Sweeps: deterministic whatever the chunking or workers; resumable; distributed."""

from __future__ import annotations

import pandas as pd
import pytest
import sympy as sp

import coercion as co
from coercion.analysis.sweep import draw_parameters, sweep_points
from coercion.errors import InvalidParameterError

c, a = sp.symbols("c a")
CHICKEN = co.SymbolicGame.from_bimatrix(
    [[0, -1], [a, -c]],
    [[0, 1], [-1, -c]],
    strategies=(["back down", "stand firm"], ["back down", "stand firm"]),
)
DRAWS = {"c": ("uniform", 0.2, 5.0), "a": ("triangular", 0.5, 1.0, 2.0)}


def run(**kw):
    return co.sweep(CHICKEN, draws=DRAWS, n=60, seed=7, progress=False, **kw)


def test_same_seed_same_rows_whatever_the_chunking():
    base = run(chunk_size=1000).frame
    for size in (1, 7, 60):
        pd.testing.assert_frame_equal(run(chunk_size=size).frame, base)


def test_different_seed_different_points():
    assert not run().points.equals(
        co.sweep(CHICKEN, draws=DRAWS, n=60, seed=8, progress=False).points
    )


def test_every_row_is_certified_and_matches_the_closed_form():
    res = co.sweep(CHICKEN, grid={"c": [2.0, 4.0, 8.0]}, fixed={"a": 1}, progress=False)
    df = res.frame
    assert (df.max_regret <= 1e-9).all()
    mixed = df[~df.pure]
    # the target stands firm with probability a / c in the mixed equilibrium
    assert mixed["2:stand firm"].round(12).tolist() == [0.5, 0.25, 0.125]


def test_resume_after_interruption_gives_the_uninterrupted_rows(tmp_path):
    full = run(chunk_size=10).frame
    calls = {"n": 0}

    def flaky(game):
        from coercion.solve.enumeration import enumerate_equilibria

        calls["n"] += 1
        if calls["n"] > 25:
            raise KeyboardInterrupt  # the sweep is killed mid-way
        return enumerate_equilibria(game)

    with pytest.raises(KeyboardInterrupt):
        run(chunk_size=10, out=tmp_path, solver=flaky)
    written = sorted(p.name for p in tmp_path.glob("part-*.parquet"))
    assert written == ["part-000000.parquet", "part-000001.parquet"]
    assert not list(tmp_path.glob(".*tmp"))  # no partial file left behind
    res = run(chunk_size=10, out=tmp_path, resume=True)
    assert (res.chunks_skipped, res.chunks_run) == (2, 4)
    pd.testing.assert_frame_equal(res.frame, full)


def test_out_folder_guards(tmp_path):
    run(chunk_size=30, out=tmp_path)
    with pytest.raises(InvalidParameterError, match="resume=True"):
        run(chunk_size=30, out=tmp_path)
    with pytest.raises(InvalidParameterError, match="different sweep"):
        run(chunk_size=20, out=tmp_path, resume=True)


def test_dask_local_cluster_gives_the_same_rows(tmp_path, monkeypatch):
    import importlib

    sweep_module = importlib.import_module("coercion.analysis.sweep")

    distributed = pytest.importorskip("dask.distributed")
    base = run(chunk_size=15).frame
    here = run(chunk_size=7, out=tmp_path / "here")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        res = run(chunk_size=15, scheduler=client)
        # the workers see the folder: they write their parts themselves
        assert sweep_module._workers_see(client, tmp_path)
        disk = run(chunk_size=7, scheduler=client, out=tmp_path / "workers")
        # workers that do not see it send Parquet bytes for the caller to write
        monkeypatch.setattr(sweep_module, "_workers_see", lambda client, folder: False)
        sent = run(chunk_size=7, scheduler=client, out=tmp_path / "sent")
    pd.testing.assert_frame_equal(res.frame, base)
    pd.testing.assert_frame_equal(disk.frame, base)
    parts = sorted(p.name for p in (tmp_path / "here").glob("part-*.parquet"))
    assert len(parts) == 9
    for name in parts:  # the same bytes whoever solved and wrote the chunk
        data = (tmp_path / "here" / name).read_bytes()
        assert (tmp_path / "workers" / name).read_bytes() == data
        assert (tmp_path / "sent" / name).read_bytes() == data
    assert not list(tmp_path.glob(".probe-*"))
    assert here.n_rows == disk.n_rows == sent.n_rows == len(base)


def test_points_grid_times_draws():
    pts = sweep_points({"a": [1, 2]}, {"c": ("normal", 0, 1)}, n=3, seed=0)
    assert list(pts.columns) == ["draw", "a", "c"]
    assert len(pts) == 6
    # the draws are the same at every grid point
    assert pts.c[:3].tolist() == pts.c[3:].tolist()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "grid"),
        ({"draws": {"c": ("uniform", 1, 0)}, "n": 3}, "draws.c"),
        ({"draws": {"c": ("cauchy", 0, 1)}, "n": 3}, "draws.c"),
        ({"draws": {"c": ("uniform", 0, 1)}}, "n"),
        ({"grid": {"c": []}}, "grid.c"),
        ({"grid": {"c": [float("nan")]}}, "grid.c"),
        ({"grid": {"c": [1.0]}, "draws": {"c": ("uniform", 0, 1)}, "n": 2}, "draws"),
        ({"grid": {"c": [1.0]}, "chunk_size": 0}, "chunk_size"),
        ({"grid": {"c": [1.0]}, "fixed": {"a": "high"}}, "fixed.a"),
        ({"grid": {"c": [1.0]}, "fixed": {"a": float("inf")}}, "fixed.a"),
    ],
)
def test_bad_sweeps_name_the_field(kwargs, field):
    with pytest.raises(InvalidParameterError) as info:
        co.sweep(CHICKEN, **{"fixed": {"a": 1}, "progress": False, **kwargs})
    assert info.value.field == field


def test_draws_are_reproducible():
    assert (
        draw_parameters(DRAWS, 5, seed=3)["a"].tolist()
        == draw_parameters(DRAWS, 5, seed=3)["a"].tolist()
    )


# ---------------------------------------------------------------- faults
SCRIPT = """
import sys
import pandas
import pyarrow.parquet
import sympy as sp
import coercion as co
import coercion.analysis.sweep
import coercion.solve.enumeration
import coercion.solve.stack

c, a = sp.symbols("c a")
game = co.SymbolicGame.from_bimatrix(
    [[0, -1], [a, -c]], [[0, 1], [-1, -c]],
    strategies=(["back down", "stand firm"], ["back down", "stand firm"]))
draws = {"c": ("uniform", 0.2, 5.0), "a": ("triangular", 0.5, 1.0, 2.0)}
n, chunk, vectorised = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
co.sweep(game, grid={"c": [2.0], "a": [1.0]}, progress=False, vectorised=vectorised)
print("ready", flush=True)
co.sweep(game, draws=draws, n=n, seed=11, chunk_size=chunk, out=sys.argv[1],
         resume=True, progress=False, vectorised=vectorised)
print("done", flush=True)
"""


def _start(script, out, n, chunk, vectorised):
    import subprocess
    import sys

    proc = subprocess.Popen(
        [
            sys.executable,
            str(script),
            str(out),
            str(n),
            str(chunk),
            str(int(vectorised)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _killed_then_resumed(tmp_path, *, n, chunk, vectorised, kills, seed):
    import signal
    import time

    import numpy as np

    script = tmp_path / "run_sweep.py"
    script.write_text(SCRIPT)
    clean, broken = tmp_path / "clean", tmp_path / "broken"
    n_parts = -(-n // chunk)
    # the uninterrupted reference, in this process (the same code and game)
    t0 = time.perf_counter()
    co.sweep(
        CHICKEN,
        draws=DRAWS,
        n=n,
        seed=11,
        chunk_size=chunk,
        out=clean,
        progress=False,
        vectorised=vectorised,
    )
    full_time = time.perf_counter() - t0
    rng = np.random.default_rng(seed)
    interrupted = 0
    for _ in range(kills):
        proc = _start(script, broken, n, chunk, vectorised)
        time.sleep(rng.uniform(0.05, 0.5) * full_time)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        written = len(list(broken.glob("part-*.parquet")))
        interrupted += 0 < written < n_parts
    assert interrupted >= 1  # at least one kill landed in the middle of the sweep
    proc = _start(script, broken, n, chunk, vectorised)
    assert proc.stdout.readline().strip() == "done"
    proc.wait()
    parts = sorted(p.name for p in clean.glob("part-*.parquet"))
    assert parts == sorted(p.name for p in broken.glob("part-*.parquet"))
    assert len(parts) == n_parts
    assert not list(broken.glob(".*.tmp"))
    for name in parts:
        assert (clean / name).read_bytes() == (broken / name).read_bytes(), name
    # the concatenated frames, read back
    frames = [
        pd.concat([pd.read_parquet(d / p) for p in parts], ignore_index=True)
        for d in (clean, broken)
    ]
    pd.testing.assert_frame_equal(frames[0], frames[1], check_exact=True)
    assert frames[0].point.is_monotonic_increasing
    assert frames[0].point.nunique() == n


def test_sweep_killed_at_random_moments_resumes_byte_identical(tmp_path):
    _killed_then_resumed(
        tmp_path, n=400, chunk=20, vectorised=False, kills=3, seed=20261130
    )


@pytest.mark.slow
@pytest.mark.parametrize("vectorised", [False, True])
def test_sweep_killed_many_times_resumes_byte_identical(tmp_path, vectorised):
    _killed_then_resumed(
        tmp_path,
        n=3000 if not vectorised else 400_000,
        chunk=100 if not vectorised else 5000,
        vectorised=vectorised,
        kills=8,
        seed=7,
    )


def test_same_seed_any_chunking_and_worker_count_gives_identical_frames():
    distributed = pytest.importorskip("dask.distributed")
    base = run(chunk_size=1000).frame
    for workers, size in ((1, 7), (2, 25)):
        with (
            distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=False,
                dashboard_address=None,
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            res = run(chunk_size=size, scheduler=client)
        pd.testing.assert_frame_equal(res.frame, base, check_exact=True)
    slow = run(chunk_size=13, vectorised=False).frame
    pd.testing.assert_frame_equal(slow, base, check_exact=False, rtol=0, atol=1e-12)


def test_a_sweep_on_disk_reads_back_the_rows_of_one_in_memory(tmp_path):
    mem = run(chunk_size=13)
    disk = run(chunk_size=13, out=tmp_path)
    assert repr(disk).endswith(f"written to {tmp_path}>")  # rows not loaded yet
    assert disk.n_rows == mem.n_rows == len(mem.frame)
    pd.testing.assert_frame_equal(disk.frame, mem.frame)
    two = disk.read(["point", "regime"])
    assert list(two.columns) == ["point", "regime"]
    pd.testing.assert_frame_equal(two, mem.frame[["point", "regime"]])
    pd.testing.assert_frame_equal(disk.regime_shares(), mem.regime_shares())
    for res in (mem, disk):
        with pytest.raises(InvalidParameterError, match="no column 'nope'"):
            res.read(["point", "nope"])


def test_regime_is_categorical_with_sorted_categories_whatever_the_chunking():
    frames = [run(chunk_size=size).frame for size in (1, 9, 60)]
    for f in frames:
        cats = list(f.regime.cat.categories)
        assert cats == sorted(cats) == sorted(set(f.regime.astype(str)))
    per_point = run(chunk_size=9, vectorised=False).frame
    pd.testing.assert_frame_equal(
        frames[1], per_point, check_exact=False, rtol=0, atol=1e-12
    )


def test_regime_shares_are_probabilities_by_decreasing_share():
    shares = run().regime_shares()
    assert shares.share.sum() == pytest.approx(1.0)
    assert shares.share.is_monotonic_decreasing
    assert set(shares.regime) == set(run().frame.regime.astype(str))


def test_blocks_within_a_chunk_change_nothing(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    import coercion.analysis._stacked as stacked

    whole = run(chunk_size=25)
    monkeypatch.setattr(stacked, "BLOCK", 4)  # 25 points: blocks of 4 and 1
    blocks = run(chunk_size=25)
    disk = run(chunk_size=25, out=tmp_path)
    pd.testing.assert_frame_equal(blocks.frame, whole.frame)
    pd.testing.assert_frame_equal(disk.frame, whole.frame)
    assert pq.ParquetFile(tmp_path / "part-000000.parquet").num_row_groups == 7


def test_resume_refuses_a_folder_of_another_format(tmp_path):
    import json

    run(chunk_size=30, out=tmp_path)
    spec = json.loads((tmp_path / "sweep.json").read_text())
    spec["format"] = "coercion-sweep-1"  # written by an older version
    (tmp_path / "sweep.json").write_text(json.dumps(spec))
    with pytest.raises(InvalidParameterError, match="format 'coercion-sweep-1'"):
        run(chunk_size=30, out=tmp_path, resume=True)
