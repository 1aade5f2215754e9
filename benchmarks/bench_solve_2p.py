"""Degenerate two-player games, pure equilibria, zero-sum LP and ``co.solve``.

Run ``python benchmarks/bench_solve_2p.py`` (``--quick`` for a smoke run). It
measures, in one run on seeded games:

* all extreme equilibria of random *degenerate* ``n x n`` games (integer payoffs
  ``0 .. 4``, so ties everywhere: the games parameter sweeps produce), exact,
  against ``lrsnash`` (lrslib) where installed and nashpy's support enumeration
  for small ``n``, counting each peer's missed and spurious equilibria against
  ``coercion``'s set, and checking every profile of every solver exactly with
  ``co.is_nash``;
* ``co.pure_equilibria`` on games with 2, 3 and 4 players;
* ``co.solve_zero_sum`` (HiGHS, exact recovery) against the exact enumeration;
* the overhead of ``co.solve``'s dispatch over calling the method directly.

Medians go to this script's section (``solve-2p``) of ``docs/benchmarks.md``;
the rest of that file is left alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import warnings
from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
from _sections import write_section as _write_section

import coercion as co
from coercion.solve.enumeration import enumerate_equilibria
from coercion.solve.pure import pure_equilibria
from coercion.solve.zero_sum import solve_zero_sum

SECTION = "solve-2p"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
TOP = 4  # payoffs 0 .. TOP: heavy ties

Profile = tuple[tuple[Fraction, ...], tuple[Fraction, ...]]


def median_time(run: Callable[[], Any], reps: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(reps):
        t = time.perf_counter()
        out = run()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


# ---------------------------------------------------------------- degenerate games
def lrsnash_profiles(A: np.ndarray, B: np.ndarray) -> list[Profile]:
    """All equilibria printed by lrsnash (every x with every y of a block)."""
    exe = shutil.which("lrsnash")
    assert exe is not None
    m, n = A.shape
    text = f"{m} {n}\n\n" + "\n".join(" ".join(map(str, r)) for r in A.tolist())
    text += "\n\n" + "\n".join(" ".join(map(str, r)) for r in B.tolist()) + "\n"
    with tempfile.NamedTemporaryFile("w", suffix=".nash", delete=False) as tmp:
        tmp.write(text)
    try:
        res = subprocess.run(
            [exe, tmp.name], capture_output=True, text=True, check=True
        )
    finally:
        os.unlink(tmp.name)
    out: list[Profile] = []
    for block in re.split(r"\n\s*\n", res.stdout):
        xs, ys = [], []
        for line in block.splitlines():
            parts = line.split()
            if not parts or parts[0] not in ("1", "2"):
                continue
            vals = tuple(Fraction(p) for p in parts[1:])
            if parts[0] == "1":
                xs.append(vals[:m])
            else:
                ys.append(vals[:n])
        out.extend((x, y) for x in xs for y in ys)
    return out


def nashpy_profiles(A: np.ndarray, B: np.ndarray) -> list[tuple]:
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return list(nashpy.Game(A, B).support_enumeration())


def bench_degenerate(sizes: list[int], count: int, seed: int) -> list[dict[str, Any]]:
    rows = []
    has_lrs = shutil.which("lrsnash") is not None
    for n in sizes:
        rng = np.random.default_rng([seed, n])
        games = [
            (rng.integers(0, TOP + 1, (n, n)), rng.integers(0, TOP + 1, (n, n)))
            for _ in range(count)
        ]
        row: dict[str, Any] = {"n": n, "games": count, "ours": [], "lrs": [], "np": []}
        counts = {"equilibria": 0, "continua": 0, "lrs_missed": 0, "lrs_spurious": 0}
        counts.update({"np_missed": 0, "np_spurious": 0, "ours_not_nash": 0})
        for A, B in games:
            game = co.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t, eqs = median_time(lambda g=game: enumerate_equilibria(g), 1)
            row["ours"].append(t)
            ours = {tuple(tuple(e.profile[p]) for p in range(2)) for e in eqs}
            counts["equilibria"] += len(ours)
            counts["continua"] += sum(c.is_continuum for c in eqs.components)
            counts["ours_not_nash"] += sum(not co.is_nash(game, list(e)) for e in ours)
            if has_lrs:
                t, theirs = median_time(lambda A=A, B=B: lrsnash_profiles(A, B), 1)
                row["lrs"].append(t)
                got = set(theirs)
                counts["lrs_missed"] += len(ours - got)
                counts["lrs_spurious"] += sum(
                    not co.is_nash(game, list(p)) for p in got - ours
                )
            if n <= 5:
                t, theirs = median_time(lambda A=A, B=B: nashpy_profiles(A, B), 1)
                row["np"].append(t)
                found = [
                    tuple(
                        tuple(Fraction(v).limit_denominator(10**6) for v in s)
                        for s in (x, y)
                    )
                    for x, y in theirs
                ]
                counts["np_missed"] += len(ours - set(found))
                counts["np_spurious"] += sum(
                    not co.is_nash(
                        game.to_float(), [np.array(x, float), np.array(y, float)]
                    )
                    for x, y in theirs
                )
        row.update(counts)
        rows.append(row)
        print(f"degenerate n={n}: {counts}", flush=True)
    return rows


# ---------------------------------------------------------------- pure, zero-sum
def bench_pure(seed: int, reps: int) -> list[dict[str, Any]]:
    rows = []
    rng = np.random.default_rng(seed)
    for shape in [(300, 300), (40, 40, 40), (12, 12, 12, 12)]:
        u = rng.integers(0, 3, size=(len(shape), *shape))
        exact = co.NormalFormGame.from_arrays(list(u))
        flt = exact.to_float()
        te, eqs = median_time(lambda g=exact: pure_equilibria(g), reps)
        tf, _ = median_time(lambda g=flt: pure_equilibria(g), reps)
        cells = int(np.prod(shape))
        rows.append(
            {
                "shape": shape,
                "cells": cells,
                "found": len(eqs),
                "exact": te,
                "float": tf,
            }
        )
        print(f"pure {shape}: {len(eqs)} equilibria, {te:.3f} s exact", flush=True)
    return rows


def bench_zero_sum(sizes: list[int], seed: int, reps: int) -> list[dict[str, Any]]:
    rows = []
    for n in sizes:
        rng = np.random.default_rng([seed, n])
        A = rng.integers(-(10**6), 10**6 + 1, (n, n))
        exact = co.NormalFormGame.from_bimatrix(A.tolist())
        flt = exact.to_float()
        big = 1 if n >= 100 else reps  # exact solves of large games take seconds
        te, sol = median_time(lambda g=exact: solve_zero_sum(g), big)
        tf, _ = median_time(lambda g=flt: solve_zero_sum(g), reps)
        row = {"n": n, "exact": te, "float": tf, "enumeration": None, "same": None}
        if n <= 10:
            tn, eqs = median_time(lambda g=exact: enumerate_equilibria(g), 1)
            row["enumeration"] = tn
            row["same"] = {e.payoffs[0] for e in eqs} == {sol.value}
        rows.append(row)
        print(f"zero-sum n={n}: exact {te:.4f} s, float {tf:.4f} s", flush=True)
    return rows


def bench_dispatch(reps: int) -> dict[str, float]:
    g = co.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    direct, _ = median_time(lambda: enumerate_equilibria(g), reps)
    auto, _ = median_time(lambda: co.solve(g), reps)
    return {"direct": direct, "auto": auto}


# ---------------------------------------------------------------- report
def ms(t: float | None) -> str:
    return "—" if t is None else f"{1e3 * t:.2f}"


def render(deg, pure, zs, disp, quick: bool) -> str:
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    lines = [
        "## Degenerate games, pure equilibria, zero-sum LP, `co.solve`",
        "",
        f"Measured by `python benchmarks/bench_solve_2p.py{' --quick' if quick else ''}` "
        f"({date.today().isoformat()}; Python {platform.python_version()} on "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs shared with "
        f"other work; load average at the end {load}). Times are medians of wall time.",
        "",
        f"### All extreme equilibria of degenerate random n x n games (payoffs 0..{TOP})",
        "",
        "Median milliseconds per game. Every profile of every solver is checked with "
        "`co.is_nash` (exactly for `coercion` and lrsnash); *missed* counts equilibria "
        "of `coercion`'s set that the peer does not list, *not NE* the peer's profiles "
        "that are not equilibria; nashpy's support enumeration is run up to n = 5.",
        "",
        "| n | games | extreme equilibria | continua | coercion exact | not NE | "
        "lrsnash | lrsnash missed / not NE | nashpy support_enumeration | "
        "nashpy missed / not NE |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in deg:
        med = {
            k: statistics.median(r[k]) if r[k] else None for k in ("ours", "lrs", "np")
        }
        lrs_cmp = f"{r['lrs_missed']} / {r['lrs_spurious']}" if r["lrs"] else "—"
        np_cmp = f"{r['np_missed']} / {r['np_spurious']}" if r["np"] else "—"
        lines.append(
            f"| {r['n']} | {r['games']} | {r['equilibria']} | {r['continua']} | "
            f"{ms(med['ours'])} | {r['ours_not_nash']} | {ms(med['lrs'])} | {lrs_cmp} | "
            f"{ms(med['np'])} | {np_cmp} |"
        )
    lines += [
        "",
        "lrsnash's time includes starting its process and reading its output.",
        "",
        "### `co.pure_equilibria` (payoffs 0..2, vectorised)",
        "",
        "| players x strategies | profiles | pure equilibria | exact (ms) | float (ms) |",
        "|---|---|---|---|---|",
    ]
    for r in pure:
        shape = " x ".join(map(str, r["shape"]))
        lines.append(
            f"| {shape} | {r['cells']:,} | {r['found']} | {ms(r['exact'])} | "
            f"{ms(r['float'])} |"
        )
    lines += [
        "",
        "### `co.solve_zero_sum` (HiGHS dual simplex; exact value recovered and verified)",
        "",
        "Random n x n games, integer payoffs in [-10^6, 10^6]. *same value*: the value "
        "equals the row player's payoff at every equilibrium from the exact enumeration.",
        "",
        "| n | exact (ms) | float (ms) | enumeration, exact (ms) | same value |",
        "|---|---|---|---|---|",
    ]
    for r in zs:
        same = "—" if r["same"] is None else ("yes" if r["same"] else "NO")
        lines.append(
            f"| {r['n']} | {ms(r['exact'])} | {ms(r['float'])} | "
            f"{ms(r['enumeration'])} | {same} |"
        )
    lines += [
        "",
        "### Dispatch overhead",
        "",
        f"Battle of the sexes (2 x 2): `enumerate_equilibria` {ms(disp['direct'])} ms, "
        f"`co.solve` {ms(disp['auto'])} ms.",
        "",
    ]
    return "\n".join(lines)


def write_section(text: str, path: Path = DOCS) -> None:
    """Replace this benchmark's section of the page (only it)."""
    _write_section(SECTION, text, path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    quick = args.quick
    # Warm up (imports, numpy kernels) so that first calls are not timed.
    warm = co.NormalFormGame.from_bimatrix([[1, 0, 2], [0, 1, 0]])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        enumerate_equilibria(warm)
    solve_zero_sum(warm)
    pure_equilibria(warm)
    deg = bench_degenerate(
        [3, 4] if quick else [3, 4, 5, 6, 8, 10], 3 if quick else 9, args.seed
    )
    pure = bench_pure(args.seed, 1 if quick else 5)
    zs = bench_zero_sum(
        [5, 10] if quick else [5, 10, 50, 100, 200], args.seed, 1 if quick else 5
    )
    disp = bench_dispatch(20 if quick else 200)
    text = render(deg, pure, zs, disp, quick)
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
