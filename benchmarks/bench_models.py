"""Canonical models: build and solve times, and agreement with the closed forms.

For each model, ``python benchmarks/bench_models.py`` builds its game at the
documented known-answer parameters, solves it with the generic solver
(``co.solve``), checks that the solver's equilibria contain the closed-form
one, and times both steps (median of ``--runs``). Two-player games are also
solved with nashpy's vertex enumeration as a peer. The result replaces the
``models`` section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
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
from coercion import models as m

SECTION = "models"
DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
# nashpy's vertex enumeration grows fast on degenerate games (16 s at 11x11)
NASHPY_MAX_CELLS = 121


def _median_time(func: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = func()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def _has(eqs: Any, supports: tuple) -> bool:
    return supports in [e.supports for e in eqs]


def _monotone(eqs: Any) -> bool:
    """Every pure equilibrium: the low-cost type concedes no earlier (or the
    opponent has surely conceded by then), as Milgrom-Shannon predicts."""

    def times(label: str) -> dict[Fraction, Fraction]:
        out = {}
        for part in label.split(", "):
            t, c = part.split("|")
            out[Fraction(c[2:])] = Fraction(t[2:])
        return out

    pure = [e for e in eqs if e.is_pure]
    for e in pure:
        plans = [times(s[0]) for s in e.supports]
        for i in range(2):
            mine, latest = plans[i], max(plans[1 - i].values())
            lo, hi = min(mine), max(mine)
            if not (mine[lo] >= mine[hi] or latest <= mine[lo]):
                return False
    return bool(pure)


def cases() -> list[tuple[str, Callable[[], Any], Callable[[Any], bool]]]:
    chicken_sol = m.chicken_solution(1, 1, 10)
    fearon = m.fearon_solution("0.5", "0.1", 0, "0.3")
    ladder = m.build_ladder(
        ["tariffs", "export controls", "embargo"],
        costs=([1, 2, 3], [1, 3, 8]),
        stakes=(10, 6),
        top_win_probability="0.6",
    )
    lsol = m.ladder_solution(ladder)
    ssol = m.sanctions_solution(4, 3, 1, 4, 2, conflict_expectation="0.5")
    levels = [Fraction(2 * k + 1, 20) for k in range(10)]

    def mixed_q(eqs: Any) -> bool:
        return any(
            not e.is_pure and e.strategy(1)["firm"] == chicken_sol.firm_probability[1]
            for e in eqs
        )

    return [
        ("chicken (a=b=1, c=10)", lambda: m.chicken(1, 1, 10), mixed_q),
        (
            "Bayesian chicken (4x4 plans)",
            lambda: m.bayesian_chicken(1, 1, 4, 10, "0.2"),
            lambda eqs: _has(
                eqs, (("firm|high, yield|low",), ("firm|high, yield|low",))
            ),
        ),
        (
            "war of attrition (11x11 grid)",
            lambda: m.war_of_attrition(10, (1, 2), horizon=10),
            lambda eqs: (
                sorted(tuple(s[0] for s in e.supports) for e in eqs if e.is_pure)
                == sorted(m.attrition_pure_equilibria(10, (1, 2), horizon=10))
            ),
        ),
        (
            "war of attrition, private costs (25x25 plans)",
            lambda: m.war_of_attrition_bayesian(10, [1, 4], ["1/2", "1/2"], horizon=4),
            _monotone,
        ),
        (
            "crisis bargaining (7x3)",
            lambda: m.crisis_bargaining("0.5", "0.1", 0, "0.3"),
            lambda eqs: (
                [e.supports for e in eqs] == [((f"x={fearon.offer}",), ("sincere",))]
            ),
        ),
        (
            "brinkmanship (r=0.2)",
            lambda: m.brinkmanship("0.2", 10, 2, 100, 20, "0.2"),
            lambda eqs: _has(eqs, (("threaten",), ("comply",))),
        ),
        (
            "sanctions (3x3 plans)",
            lambda: m.sanctions_game(4, 3, 1, 4, 2, conflict_expectation="0.5"),
            lambda eqs: _has(eqs, ((ssol.sender_plan,), (ssol.target_plan,))),
        ),
        (
            "escalation ladder (3 rungs)",
            lambda: m.escalation_ladder(ladder),
            lambda eqs: _has(eqs, ((lsol.plans[0],), (lsol.plans[1],))),
        ),
        (
            "managed dependence (10 levels)",
            lambda: m.managed_dependence(30, "0.5", 100, levels=levels),
            lambda eqs: _has(eqs, (("d=11/20",), ("substitute if d>11/20",))),
        ),
        (
            "coalition controls (3 members)",
            lambda: m.coalition_controls(["0.4", "0.3", "0.2"], "0.45", 3, 1),
            lambda eqs: (
                sorted(tuple(s[0] for s in e.supports) for e in eqs if e.is_pure)
                == sorted(m.coalition_equilibria(["0.4", "0.3", "0.2"], "0.45", 3, 1))
            ),
        ),
    ]


def _nashpy_time(game: Any, runs: int) -> float | None:
    if game.n_players != 2 or game.shape[0] * game.shape[1] > NASHPY_MAX_CELLS:
        return None
    try:
        import nashpy
    except ImportError:  # pragma: no cover
        return None
    A, B = (np.asarray(x, dtype=float) for x in game.bimatrix())

    def run() -> list[Any]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return list(nashpy.Game(A, B).vertex_enumeration())

    return _median_time(run, runs)[0]


def measure(runs: int) -> list[dict[str, Any]]:
    rows = []
    for name, build, agrees in cases():
        t_build, game = _median_time(build, runs)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", co.CoercionWarning)
            t_solve, eqs = _median_time(lambda g=game: co.solve(g), runs)
        rows.append(
            {
                "model": name,
                "shape": "x".join(str(s) for s in game.shape),
                "build_ms": 1e3 * t_build,
                "solve_ms": 1e3 * t_solve,
                "equilibria": len(eqs),
                "method": eqs.method,
                "agrees": bool(agrees(eqs)),
                "nashpy_ms": (
                    None if (t := _nashpy_time(game, runs)) is None else 1e3 * t
                ),
            }
        )
    return rows


def section_text(rows: list[dict[str, Any]], runs: int) -> str:
    lines = [
        f"<!-- BEGIN {SECTION} -->",
        "## Canonical models: build, solve, agree with the closed form",
        "",
        "`python benchmarks/bench_models.py`: each model's game at its documented "
        "known-answer parameters, built and solved with `co.solve` (exact), median of "
        f"{runs} runs; *agrees* checks that the solver's equilibria contain the "
        "closed-form one (for the coalition and the war of attrition: that the pure "
        "equilibria are exactly the closed-form set; with private costs: that every pure "
        "equilibrium is monotone in the cost). nashpy's vertex enumeration "
        "(floats) on the same bimatrix is the peer, up to 121 strategy pairs.",
        "",
        "| model | strategies | build (ms) | co.solve (ms) | equilibria | method "
        "| agrees | nashpy (ms) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        peer = "" if r["nashpy_ms"] is None else f"{r['nashpy_ms']:.2f}"
        lines.append(
            f"| {r['model']} | {r['shape']} | {r['build_ms']:.2f} | "
            f"{r['solve_ms']:.2f} | {r['equilibria']} | {r['method']} | "
            f"{'yes' if r['agrees'] else 'NO'} | {peer} |"
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
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    rows = measure(args.runs)
    text = section_text(rows, args.runs)
    print(text)
    if not args.no_write:
        write_section(text)
    return 0 if all(r["agrees"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
