"""Two-player solvers of ``coercion`` against the peers, on the same seeded games.

Run ``python benchmarks/bench_solvers.py`` (``--quick`` for a smoke run). It
compares, in one run:

* all equilibria of random ``n x n`` games with payoffs ``k / 10**6`` for
  ``n = 4 .. 14``: ``coercion``'s vertex enumeration (exact and
  float-certified) against nashpy (vertex and support enumeration, small ``n``),
  QuantEcon's ``vertex_enumeration``, ``lrsnash`` (lrslib) and Gambit's
  ``enummixed`` where installed, counting each peer's missed and spurious
  equilibria against ``coercion``'s exact set;
* the throughput of ``solve_stack`` on ``10**6`` random 2 x 2 games,
  certificates included;
* Lemke–Howson on random 200 x 200 games against QuantEcon's.

The peers are optional (install them for benchmarking only:
``pip install quantecon pygambit``, ``apt-get install lrslib``). Medians and
ratios go to this script's section of ``docs/benchmarks.md``; the rest of that
file is left alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
from _sections import write_section as _write_section

import coercion as co
from coercion.solve.enumeration import enumerate_equilibria
from coercion.solve.lemke_howson import lemke_howson
from coercion.solve.stack import solve_stack

SECTION = "solve-bench"
DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
SCALE = 10**6
MATCH_TOL = 1e-6  # a peer's profile matches ours when every entry is this close

Profiles = list[tuple[np.ndarray, np.ndarray]]


# ---------------------------------------------------------------- games
def random_games(n: int, count: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """``count`` integer payoff pairs in ``0 .. 10**6`` (payoffs are k / 10**6)."""
    rng = np.random.default_rng([seed, n])
    return [
        (rng.integers(0, SCALE + 1, (n, n)), rng.integers(0, SCALE + 1, (n, n)))
        for _ in range(count)
    ]


def exact_game(A: np.ndarray, B: np.ndarray) -> co.NormalFormGame:
    fr = np.vectorize(lambda v: Fraction(int(v), SCALE), otypes=[object])
    return co.NormalFormGame.from_bimatrix(fr(A), fr(B))


# ---------------------------------------------------------------- solvers
def _as_profiles(eqs: Any) -> Profiles:
    return [
        (np.asarray(e.profile[0], float), np.asarray(e.profile[1], float)) for e in eqs
    ]


def coercion_exact(A: np.ndarray, B: np.ndarray) -> Callable[[], Profiles]:
    game = exact_game(A, B)
    return lambda: _as_profiles(enumerate_equilibria(game))


def coercion_float(A: np.ndarray, B: np.ndarray) -> Callable[[], Profiles]:
    game = co.NormalFormGame.from_bimatrix(A / SCALE, B / SCALE)
    return lambda: _as_profiles(enumerate_equilibria(game))


def nashpy_vertex(A: np.ndarray, B: np.ndarray) -> Callable[[], Profiles]:
    import nashpy

    g = nashpy.Game(A / SCALE, B / SCALE)

    def run() -> Profiles:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [(np.asarray(x), np.asarray(y)) for x, y in g.vertex_enumeration()]

    return run


def nashpy_support(A: np.ndarray, B: np.ndarray) -> Callable[[], Profiles]:
    import nashpy

    g = nashpy.Game(A / SCALE, B / SCALE)

    def run() -> Profiles:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [(np.asarray(x), np.asarray(y)) for x, y in g.support_enumeration()]

    return run


def quantecon_vertex(A: np.ndarray, B: np.ndarray) -> Callable[[], Profiles]:
    import quantecon.game_theory as gt

    g = gt.NormalFormGame((gt.Player(A / SCALE), gt.Player((B / SCALE).T)))
    return lambda: [(np.asarray(x), np.asarray(y)) for x, y in gt.vertex_enumeration(g)]


def _lrs_text(A: np.ndarray, B: np.ndarray) -> str:
    m, n = A.shape

    def block(X: np.ndarray) -> str:
        return "\n".join(" ".join(f"{int(v)}/{SCALE}" for v in row) for row in X)

    return f"{m} {n}\n\n{block(A)}\n\n{block(B)}\n"


def _lrs_parse(text: str, m: int, n: int) -> Profiles:
    """lrsnash prints blocks: lines ``2 y.. payoff`` then ``1 x.. payoff``; every
    (x, y) of a block is an equilibrium."""
    out: Profiles = []
    for block in re.split(r"\n\s*\n", text):
        xs, ys = [], []
        for line in block.splitlines():
            parts = line.split()
            if not parts or parts[0] not in ("1", "2"):
                continue
            vals = [float(Fraction(p)) for p in parts[1:]]
            if parts[0] == "1":
                xs.append(np.array(vals[:m]))
            else:
                ys.append(np.array(vals[:n]))
        out.extend((x, y) for x in xs for y in ys)
    return out


def lrsnash(A: np.ndarray, B: np.ndarray) -> Callable[[], Profiles]:
    exe = shutil.which("lrsnash")
    assert exe is not None
    tmp = tempfile.NamedTemporaryFile("w", suffix=".nash", delete=False)
    tmp.write(_lrs_text(A, B))
    tmp.close()

    def run() -> Profiles:
        res = subprocess.run(
            [exe, tmp.name], capture_output=True, text=True, check=True
        )
        return _lrs_parse(res.stdout, *A.shape)

    return run


def gambit_enummixed(A: np.ndarray, B: np.ndarray) -> Callable[[], Profiles]:
    import pygambit as gbt

    g = gbt.Game.from_arrays(A / SCALE, B / SCALE)

    def run() -> Profiles:
        res = gbt.nash.enummixed_solve(g, rational=False)
        return [
            tuple(np.array([float(eq[s]) for s in p.strategies]) for p in g.players)
            for eq in res.equilibria
        ]

    return run


def _available(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def _version(module: str) -> str:
    try:
        return str(__import__(module).__version__)
    except (ImportError, AttributeError):
        return "?"


SOLVERS: dict[str, tuple[Callable[..., Callable[[], Profiles]], int, bool]] = {
    # name: (factory, largest n, available)
    "coercion exact": (coercion_exact, 99, True),
    "coercion float": (coercion_float, 99, True),
    "quantecon vertex_enumeration": (quantecon_vertex, 99, _available("quantecon")),
    "lrsnash": (lrsnash, 99, shutil.which("lrsnash") is not None),
    "gambit enummixed": (gambit_enummixed, 99, _available("pygambit")),
    "nashpy vertex_enumeration": (nashpy_vertex, 8, _available("nashpy")),
    "nashpy support_enumeration": (nashpy_support, 6, _available("nashpy")),
}


def _compare(ref: Profiles, got: Profiles) -> tuple[int, int]:
    """(missed, spurious) of ``got`` against the reference set."""

    def same(
        a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
    ) -> bool:
        return all(
            len(u) == len(v) and np.allclose(u, v, rtol=0, atol=MATCH_TOL)
            for u, v in zip(a, b)
        )

    missed = sum(not any(same(r, g) for g in got) for r in ref)
    spurious = sum(not any(same(g, r) for r in ref) for g in got)
    return missed, spurious


REPEAT_BUDGET = 0.3  # seconds of repeats per game, for fast solvers
MAX_REPEATS = 7


def _timed(run: Callable[[], Profiles]) -> tuple[float, Profiles]:
    """Best-of-repeats wall time (as ``timeit``) and the result of the first run.

    The machine is shared: the fastest of a few runs is the least disturbed
    one. Slow runs are not repeated.
    """
    t = time.perf_counter()
    out = run()
    best = spent = time.perf_counter() - t
    for _ in range(MAX_REPEATS - 1):
        if spent + best > REPEAT_BUDGET:
            break
        t = time.perf_counter()
        run()
        dt = time.perf_counter() - t
        spent += dt
        best = min(best, dt)
    return best, out


def bench_enumeration(sizes: list[int], seed: int, budget: float) -> dict[str, Any]:
    """Median times and missed/spurious counts per solver and size."""
    # Warm up the numba-compiled peer so that compilation is not timed.
    if SOLVERS["quantecon vertex_enumeration"][2]:
        quantecon_vertex(*random_games(3, 1, seed)[0])()
    results: dict[str, Any] = {}
    skip: set[str] = set()
    for n in sizes:
        count = 7 if n <= 8 else 5 if n <= 12 else 3
        games = random_games(n, count, seed)
        refs = []
        row: dict[str, Any] = {"games": count}
        for name, (factory, top, ok) in SOLVERS.items():
            if not ok or n > top or name in skip:
                continue
            times, missed, spurious, done = [], 0, 0, 0
            for k, (A, B) in enumerate(games):
                run = factory(A, B)
                dt, got = _timed(run)
                if name == "coercion exact":
                    refs.append(got)
                times.append(dt)
                ms, sp = _compare(refs[k], got)
                missed += ms
                spurious += sp
                done += 1
                if sum(times) > budget:
                    break
            row[name] = {
                "median": statistics.median(times),
                "games": done,
                "missed": missed,
                "spurious": spurious,
                "equilibria": sum(len(r) for r in refs[:done]),
            }
            if sum(times) > budget:
                skip.add(name)  # larger n would take far longer
            print(
                f"n={n:2d} {name:30s} median {statistics.median(times):9.4f} s "
                f"over {done} games; missed {missed} spurious {spurious}",
                flush=True,
            )
        results[n] = row
    return results


def bench_stack(size: int, seed: int, reps: int) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    A = rng.random((size, 2, 2))
    B = rng.random((size, 2, 2))
    solve_stack(A[:1000], B[:1000])
    walls, cpus = [], []
    for _ in range(reps):
        c = time.process_time()
        t = time.perf_counter()
        res = solve_stack(A, B)
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
        assert bool(res.certified.all())
    small = 300
    t = time.perf_counter()
    for k in range(small):
        enumerate_equilibria(co.NormalFormGame.from_bimatrix(A[k], B[k]))
    one_at_a_time = small / (time.perf_counter() - t)
    return {
        "games": size,
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus),
        "rate_wall": size / statistics.median(walls),
        "rate_cpu": size / statistics.median(cpus),
        "best_wall": size / min(walls),
        "best_cpu": size / min(cpus),
        "one_at_a_time": one_at_a_time,
        "equilibria": int(res.count.sum()),
    }


def bench_lemke_howson(
    n: int, seed: int, games: int, max_pivots: int
) -> dict[str, Any]:
    rows = []
    if not _available("quantecon"):
        return {"rows": rows}
    import quantecon.game_theory as gt

    rng = np.random.default_rng([seed, n, 200])
    warm = gt.NormalFormGame((gt.Player(np.ones((2, 2))), gt.Player(np.ones((2, 2)))))
    gt.lemke_howson(warm)
    # Load our compiled kernel too, so that neither side times compilation.
    lemke_howson(co.NormalFormGame.from_bimatrix(np.eye(3) + 0.5, np.eye(3) + 0.25))
    tried = 0
    while len(rows) < games and tried < 4 * games:
        tried += 1
        A = rng.random((n, n))
        B = rng.random((n, n))
        qg = gt.NormalFormGame((gt.Player(A), gt.Player(B.T)))
        t = time.perf_counter()
        NE, info = gt.lemke_howson(qg, init_pivot=0, full_output=True)
        tq = time.perf_counter() - t
        if info.num_iter > max_pivots:
            print(
                f"LH: skipped a game whose path has {info.num_iter} pivots", flush=True
            )
            continue
        game = co.NormalFormGame.from_bimatrix(A, B)
        t = time.perf_counter()
        eqs = lemke_howson(game, initial_label=0)
        tc = time.perf_counter() - t
        e = eqs[0]
        same = all(np.allclose(p, q, atol=1e-9) for p, q in zip(e.profile, NE))
        rows.append(
            {
                "pivots": e.extra["pivots"],
                "qe_pivots": info.num_iter,
                "coercion": tc,
                "quantecon": tq,
                "same": same,
                "certified": e.is_certified,
                "qe_regret": float(co.regret(game, list(NE))),
            }
        )
        print(
            f"LH n={n}: pivots {e.extra['pivots']} (qe {info.num_iter}) "
            f"coercion {tc * 1e3:.2f} ms quantecon {tq * 1e3:.2f} ms same={same}",
            flush=True,
        )
    return {"rows": rows, "skipped": tried - len(rows), "n": n}


# ---------------------------------------------------------------- report
def _fmt_time(t: float | None) -> str:
    if t is None:
        return "—"
    return f"{t * 1e3:.2f}" if t < 10 else f"{t * 1e3:.0f}"


NOTES = """\
Where the time goes (profiled with cProfile on this machine):

- *Float path.* Both vertex searches are numba-compiled loops (QuantEcon's
  and `coercion`'s uncertified breadth-first search, which also keeps each
  vertex's point). On the smallest games `coercion`'s time goes to the Python
  work around the search (matching labels, building the `Equilibrium`
  objects with their certificates, the components); once the work is in the
  pivots `coercion` is faster.
- *Exact path.* Vertices are found by the compiled float search, every basis
  is then proved exact by a vectorised rigorous error bound, and equilibria
  are rebuilt exactly by integer elimination; exact certificates use integers
  over common denominators. lrsnash's times include starting its process
  (about 2 ms).
- *Noise.* Other work shared the 2 cores during the run; the stack's median
  and best runs differ by about 4x for that reason.
- *2 x 2 stacks.* One pass of a numba-compiled loop over sign-case tables
  (about 40 ns a game for the loop itself); the rest is writing about 150
  bytes of fresh output per game, so the rate depends on memory traffic and
  on the other work on the machine (compare the median and best runs).
- *Lemke–Howson.* A dictionary (nonbasic columns only) is half QuantEcon's
  tableau, so each pivot does half the work; both follow the same path (same
  label convention and pivoting rule) and find the same equilibrium.
- nashpy's `support_enumeration` misses an equilibrium of one random 4 x 4
  game; nashpy's `lemke_howson` also returns vectors of the wrong size on some
  games (see tests/solve/test_lemke_howson.py).
"""


def render(
    enum: dict[str, Any],
    stack: dict[str, float],
    lh: dict[str, Any],
    meta: dict[str, str],
) -> str:
    names = [n for n, (_, _, ok) in SOLVERS.items() if ok]
    lines = [
        "## Two-player solvers against the peers",
        "",
        "Measured by `python benchmarks/bench_solvers.py` in one run on the same "
        f"seeded games ({meta['when']}; {meta['machine']}; load average at the "
        f"start {meta['load']}; {meta['versions']}). Each game's time is the "
        "best wall time of up to 7 runs (fast solvers are repeated within "
        f"{REPEAT_BUDGET} s per game), and tables give the median over games; "
        "the machine is shared with other work, so ratios within a row "
        "(measured back to back) are more telling than absolute times.",
        "",
        "### All equilibria of random n x n games (payoffs k/10^6)",
        "",
        "Median milliseconds per game (number of games in the header); `—`: not "
        "run (too slow at a smaller n, or not applicable). Ratio: the solver's "
        "median over QuantEcon's `vertex_enumeration`.",
        "",
        "| n | games | " + " | ".join(names) + " |",
        "|---|---|" + "---|" * len(names),
    ]
    qe = "quantecon vertex_enumeration"
    for n, row in enum.items():
        cells = []
        for name in names:
            r = row.get(name)
            if r is None:
                cells.append("—")
                continue
            t = _fmt_time(r["median"])
            if qe in row and name != qe:
                t += f" ({r['median'] / row[qe]['median']:.2f}x)"
            cells.append(t)
        lines.append(f"| {n} | {row['games']} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Missed / spurious equilibria against `coercion`'s exact set (summed over "
        "the games each solver ran; the exact set is complete and every member "
        "has regret exactly 0; a profile matches when every probability is "
        f"within {MATCH_TOL:g}):",
        "",
        "| n | equilibria | " + " | ".join(names[1:]) + " |",
        "|---|---|" + "---|" * (len(names) - 1),
    ]
    for n, row in enum.items():
        cells = []
        for name in names[1:]:
            r = row.get(name)
            cells.append("—" if r is None else f"{r['missed']} / {r['spurious']}")
        total = row["coercion exact"]["equilibria"] if "coercion exact" in row else 0
        lines.append(f"| {n} | {total} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "### A stack of 2 x 2 games (`co.solve_stack`)",
        "",
        f"{stack['games']:,} random float games (uniform payoffs), all extreme "
        "equilibria with payoffs, regrets (certificates), components and flags; "
        f"{stack['equilibria']:,} equilibria found. Median of the runs.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| wall time | {stack['wall']:.3f} s |",
        f"| games/s (wall) | {stack['rate_wall']:.3g} |",
        f"| games/s (CPU time of the process) | {stack['rate_cpu']:.3g} |",
        f"| best run: games/s (wall / CPU time) | {stack['best_wall']:.3g} / "
        f"{stack['best_cpu']:.3g} |",
        f"| `enumerate_equilibria` one game at a time | "
        f"{stack['one_at_a_time']:.3g} games/s |",
        f"| speed-up of the stack | {stack['rate_wall'] / stack['one_at_a_time']:.0f}x |",
        "",
        f"### Lemke–Howson on random {lh.get('n', 200)} x {lh.get('n', 200)} games (label 0)",
        "",
    ]
    rows = lh.get("rows", [])
    if rows:
        med_c = statistics.median(r["coercion"] for r in rows)
        med_q = statistics.median(r["quantecon"] for r in rows)
        per_c = statistics.median(r["coercion"] / r["pivots"] for r in rows)
        per_q = statistics.median(r["quantecon"] / r["qe_pivots"] for r in rows)
        lines += [
            f"{len(rows)} games (uniform float payoffs; {lh.get('skipped', 0)} games "
            "with paths longer than 150,000 pivots skipped); `coercion` is the "
            "float path with its certificate (numba-compiled kernel).",
            "",
            "| measure | coercion | quantecon | ratio |",
            "|---|---|---|---|",
            f"| median time per game (ms) | {med_c * 1e3:.2f} | {med_q * 1e3:.2f} | "
            f"{med_c / med_q:.2f} |",
            f"| median time per pivot (µs) | {per_c * 1e6:.1f} | {per_q * 1e6:.1f} | "
            f"{per_c / per_q:.2f} |",
            f"| median pivots | {statistics.median(r['pivots'] for r in rows):.0f} | "
            f"{statistics.median(r['qe_pivots'] for r in rows):.0f} | |",
            f"| same equilibrium | {sum(r['same'] for r in rows)} of {len(rows)} | | |",
            f"| certified (regret <= tol) | {sum(r['certified'] for r in rows)} of "
            f"{len(rows)} | | |",
            "",
        ]
    else:
        lines += ["QuantEcon is not installed: not run.", ""]
    lines += _targets(enum, stack, lh)
    lines += meta.get("notes", "").splitlines()
    return "\n".join(lines).rstrip() + "\n"


def _targets(
    enum: dict[str, Any], stack: dict[str, float], lh: dict[str, Any]
) -> list[str]:
    """The issue's targets, each with what this run reached."""
    qe, lrs = "quantecon vertex_enumeration", "lrsnash"
    lines = [
        "### Targets (issue 4) and what this run reached",
        "",
        "| target | reached | |",
        "|---|---|---|",
    ]

    def ratio(row: dict[str, Any], a: str, b: str) -> float | None:
        if a in row and b in row:
            return float(row[a]["median"] / row[b]["median"])
        return None

    for n, row in enum.items():
        r = ratio(row, "coercion float", qe)
        if r is not None:
            lines.append(
                f"| n = {n}: float-certified enumeration no slower than QuantEcon's "
                f"| {r:.2f}x its time | {'met' if r <= 1 else 'not met'} |"
            )
    for n, row in enum.items():
        r = ratio(row, "coercion exact", lrs)
        if r is not None:
            lines.append(
                f"| n = {n}: exact enumeration faster than lrsnash | {r:.2f}x its "
                f"time | {'met' if r < 1 else 'not met'} |"
            )
    complete = all(
        row[name]["missed"] == 0 and row[name]["spurious"] == 0
        for row in enum.values()
        for name in ("coercion float",)
        if name in row
    )
    lines.append(
        "| complete, certified set (float path: no missed or spurious equilibrium) "
        f"| {'yes' if complete else 'no'} | {'met' if complete else 'not met'} |"
    )
    for label, key in (
        ("median, CPU time", "rate_cpu"),
        ("median, wall time", "rate_wall"),
        ("best run, CPU time", "best_cpu"),
    ):
        rate = stack[key]
        lines.append(
            f"| 10^6 2x2 games at >= 10^7 games/s on one core ({label}) | "
            f"{rate:.3g} games/s | {'met' if rate >= 1e7 else 'not met'} |"
        )
    rows = lh.get("rows", [])
    if rows:
        r = statistics.median(x["coercion"] for x in rows) / statistics.median(
            x["quantecon"] for x in rows
        )
        lines.append(
            f"| Lemke–Howson at n = {lh.get('n', 200)} no slower than QuantEcon's "
            f"| {r:.2f}x its median time | {'met' if r <= 1 else 'not met'} |"
        )
    lines.append("")
    return lines


def write_section(text: str, path: Path = DOCS) -> None:
    """Replace this benchmark's section of the page (only it)."""
    _write_section(SECTION, text, path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small smoke run")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--budget", type=float, default=60.0, help="s per solver per n")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    sizes = [4, 6] if args.quick else [4, 6, 8, 10, 12, 14]
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    enum = bench_enumeration(sizes, args.seed, args.budget)
    stack = bench_stack(
        10**5 if args.quick else 10**6, args.seed, 3 if args.quick else 7
    )
    print(f"stack: {stack}", flush=True)
    lh = bench_lemke_howson(
        50 if args.quick else 200, args.seed, 2 if args.quick else 9, 150_000
    )
    versions = [f"numpy {np.__version__}"]
    for mod in ("nashpy", "quantecon", "pygambit"):
        if _available(mod):
            versions.append(f"{mod} {_version(mod)}")
    if shutil.which("lrsnash"):
        versions.append("lrslib 7.1")
    meta = {
        "when": time.strftime("%Y-%m-%d", time.gmtime()),
        "machine": f"Python {platform.python_version()} on {platform.system()} "
        f"{platform.machine()}, {os.cpu_count()} CPUs",
        "load": load,
        "versions": ", ".join(versions),
        "notes": NOTES,
    }
    text = render(enum, stack, lh, meta)
    print(text)
    if not args.no_write and not args.quick:
        write_section(text)


if __name__ == "__main__":
    sys.exit(main())
