"""Coercion over time: simulation throughput, exact-vs-simulated spirals, MPE solves.

``python benchmarks/bench_dynamics.py`` times the main routines of
``coercion.dynamics`` (median of ``--runs``), checks each against an
independent answer (the exact spiral chain, the one-shot-deviation
certificate, nashpy's replicator and fictitious play), and replaces the
``dynamics`` section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
from _sections import write_section as _write_section

import coercion as co
from coercion import dynamics as dyn

SECTION = "dynamics"
DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def _median_time(func: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = func()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def measure(runs: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    esc = dyn.escalate_one_rung(4)

    t, _ = _median_time(
        lambda: dyn.simulate_matches(
            esc, esc, rounds=100, matches=10_000, noise=0.05, seed=0
        ),
        runs,
    )
    rows.append(
        {
            "task": "simulate 10,000 noisy matches x 100 rounds (4 rungs)",
            "ms": 1e3 * t,
            "check": f"{1e9 * t / 1e6:.0f} ns per match-round",
            "ok": True,
        }
    )

    exact = dyn.spiral_exact(esc, esc, rounds=30, noise=0.05)
    t, sim = _median_time(
        lambda: dyn.spiral_statistics(
            esc, esc, rounds=30, matches=20_000, noise=0.05, seed=1
        ),
        runs,
    )
    z = abs(sim.full_ban_probability - exact.full_ban_probability) / max(
        sim.full_ban_se, 1e-300
    )
    rows.append(
        {
            "task": "spiral statistics, 20,000 spirals (escalate one rung)",
            "ms": 1e3 * t,
            "check": f"p = {exact.full_ban_probability:.4f} exact, "
            f"{sim.full_ban_probability:.4f} simulated ({z:.2f} s.e.)",
            "ok": z <= 4,
        }
    )
    te, _ = _median_time(
        lambda: dyn.spiral_exact(esc, esc, rounds=30, noise=0.05), runs
    )
    rows.append(
        {
            "task": "exact spiral chain, 30 rounds",
            "ms": 1e3 * te,
            "check": f"mean length {exact.mean_length:.3f} rounds",
            "ok": True,
        }
    )

    strategies = {
        "TFT": dyn.tit_for_tat(4),
        "GTFT": dyn.generous_tit_for_tat(4, 0.3),
        "GRIM": dyn.grim_trigger(4),
        "PROP": dyn.proportional(4, 0.5),
        "ESC": esc,
        "OPEN": dyn.always(0, 4),
    }
    f = np.linspace(0, 1, 4)
    A = 1 - 2 * f[None, :] + f[:, None]  # gain 1 per unit cut, loss 2 per unit cut
    ladder = co.NormalFormGame.from_bimatrix(A, A.T)
    t, res = _median_time(
        lambda: dyn.round_robin(
            strategies, ladder, rounds=200, repetitions=20, noise=0.02, seed=0
        ),
        runs,
    )
    rows.append(
        {
            "task": "round robin, 6 strategies, 20 x 200 rounds per pair",
            "ms": 1e3 * t,
            "check": "ranking " + " > ".join(res.ranking),
            "ok": True,
        }
    )

    levels = [f"{k}/10" for k in range(10, 0, -1)]
    mg = dyn.dependence_game(levels, investment_probability="1/2", discount="9/10")
    t, sol = _median_time(lambda: dyn.markov_perfect_discounted(mg), runs)
    rows.append(
        {
            "task": "stationary MPE, dependence game with 10 states",
            "ms": 1e3 * t,
            "check": f"{sol.iterations} iterations, residual {sol.residual:.1e}",
            "ok": bool(sol.converged),
        }
    )
    t, sol = _median_time(lambda: dyn.markov_perfect_finite(mg, 20), runs)
    rows.append(
        {
            "task": "finite-horizon MPE (exact), 10 states x 20 periods",
            "ms": 1e3 * t,
            "check": f"residual {sol.residual}",
            "ok": sol.residual == 0,
        }
    )
    t, pol = _median_time(
        lambda: dyn.managed_dependence_policy(
            [1, "3/4", "1/2", "1/4", 0],
            substitution_cost=30,
            coercion_probability="1/2",
            exposed_value=100,
            leverage_share="1/100",
            investment_probability="1/2",
        ),
        runs,
    )
    rows.append(
        {
            "task": "dynamic managed dependence (5 levels, discounted)",
            "ms": 1e3 * t,
            "check": "plan " + "; ".join(pol.plan),
            "ok": bool(pol.solution.converged),
        }
    )

    try:
        import nashpy as nash
    except ImportError:  # pragma: no cover
        nash = None
    Ap = np.array([[3.0, 0.0], [5.0, 1.0]])
    B = Ap.T.copy()
    times = np.linspace(0, 10, 1001)
    t, ours = _median_time(
        lambda: dyn.replicator_dynamics(
            co.NormalFormGame.from_bimatrix(Ap, B),
            initial=[[0.6, 0.4], [0.5, 0.5]],
            time=10,
            step=0.01,
            record_every=1,
        ),
        runs,
    )
    check, ok = "", True
    if nash is not None:
        tp, theirs = _median_time(
            lambda: nash.Game(Ap, B).asymmetric_replicator_dynamics(
                x0=np.array([0.6, 0.4]), y0=np.array([0.5, 0.5]), timepoints=times
            ),
            runs,
        )
        diff = max(
            float(np.max(np.abs(ours.strategies[0] - theirs[0]))),
            float(np.max(np.abs(ours.strategies[1] - theirs[1]))),
        )
        check = f"nashpy (odeint) {1e3 * tp:.1f} ms; max difference {diff:.1e}"
        ok = diff < 1e-6
    rows.append(
        {
            "task": "replicator, 2 populations, 1,000 RK4 steps",
            "ms": 1e3 * t,
            "check": check,
            "ok": ok,
        }
    )
    mp = co.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    t, fp = _median_time(lambda: dyn.fictitious_play(mp, 10_000, seed=0), runs)
    check = f"final regret {fp.regrets[-1]:.4f}"
    if nash is not None:
        M = np.array([[1.0, -1.0], [-1.0, 1.0]])
        tp, _ = _median_time(
            lambda: list(nash.Game(M, -M).fictitious_play(iterations=10_000)), runs
        )
        check += f"; nashpy {1e3 * tp:.0f} ms"
    rows.append(
        {
            "task": "fictitious play, matching pennies, 10,000 periods",
            "ms": 1e3 * t,
            "check": check,
            "ok": fp.regrets[-1] < 0.02,
        }
    )
    return rows


def section_text(rows: list[dict[str, Any]], runs: int) -> str:
    lines = [
        f"<!-- BEGIN {SECTION} -->",
        "## Coercion over time (`coercion.dynamics`)",
        "",
        "`python benchmarks/bench_dynamics.py`: median of "
        f"{runs} runs. Each row is checked against an independent answer: simulated "
        "spirals against the exact Markov chain of state pairs (deviation in standard "
        "errors), MPE against the one-shot-deviation residual, the replicator against "
        "nashpy's `odeint` integration at the same time points.",
        "",
        "| task | time (ms) | check | ok |",
        "|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['task']} | {r['ms']:.1f} | {r['check']} | "
            f"{'yes' if r['ok'] else 'NO'} |"
        )
    lines += [
        "",
        f"Measured {date.today().isoformat()} with Python "
        f"{platform.python_version()} on {platform.system()} {platform.machine()} "
        f"({os.cpu_count()} CPUs, shared with other work).",
        f"<!-- END {SECTION} -->",
    ]
    return "\n".join(lines)


def write_section(text: str, doc: Path = DOC) -> None:
    """Replace this benchmark's section of the page (only it)."""
    _write_section(SECTION, text, doc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    rows = measure(args.runs)
    text = section_text(rows, args.runs)
    print(text)
    if not args.no_write:
        write_section(text)
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
