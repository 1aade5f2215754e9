"""Benchmark of the payoff compiler: compile, rebuild and threshold times per case.

``python benchmarks/bench_build.py`` measures, for each bundled case, the compile
of the export-control game, the parametric model's rebuild when only a weight
changes (propagations cached) and when a supply-graph key parameter changes, and
``co.thresholds`` in the target's pain tolerance (exact and numeric), and writes
the ``build`` section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
import warnings
from datetime import date
from pathlib import Path
from typing import Any

from _sections import write_section as _write_section

import coercion as co

SECTION = "build"
CASES = ("rare_earths", "photoresists", "ai_chips")


def _timed(fn: Any) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def run_case(case: str) -> dict[str, Any]:
    sc = co.load_scenario(case)
    T = sc.targets[0]
    compile_s, cg = _timed(lambda: co.build.export_control_game(sc))
    model_s, model = _timed(lambda: co.build.case_model(sc))
    weights = [
        _timed(lambda x=x: model.game(**{"pain_tolerance.target": x}))[0]
        for x in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1, 2.4, 2.7, 3.0)
    ]
    graph_param = next(p for p in model.parameters if p not in co.build.WEIGHTS)
    lo, hi = sc.param_range(graph_param)
    graphs = [
        _timed(lambda x=x: model.game(**{graph_param: x}))[0]
        for x in (lo + (hi - lo) * k / 6 for k in range(1, 6))
    ]
    over = sc.param_range(f"players.{T}.pain_tolerance")
    exact_s, exact = _timed(lambda: co.thresholds(model, "pain_tolerance.target", over))
    numeric_s, numeric = _timed(
        lambda: co.thresholds(
            model, "pain_tolerance.target", over, method="numeric", grid=41
        )
    )
    solve_s, eqs = _timed(lambda: co.solve(cg.game))
    return {
        "case": case,
        "shape": "x".join(map(str, cg.game.shape)),
        "terms": len(cg.rows),
        "compile": compile_s,
        "model": model_s,
        "weight": statistics.median(weights),
        "graph_param": graph_param,
        "graph": statistics.median(graphs),
        "solve": solve_s,
        "equilibria": len(eqs),
        "over": over,
        "exact": exact_s,
        "exact_n": len(exact),
        "exact_method": exact.method,
        "numeric": numeric_s,
        "numeric_n": len(numeric),
    }


def run() -> list[dict[str, Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", co.DegenerateGameWarning)
        co.build.export_control_game("photoresists")  # warm-up: imports, solvers
        return [run_case(c) for c in CASES]


def write_section(results: list[dict[str, Any]], path: Path) -> None:
    rows = "\n".join(
        f"| `{r['case']}` | {r['shape']} | {r['terms']} | {r['compile']:.2f} | "
        f"{r['model']:.2f} | {1000 * r['weight']:.1f} | {1000 * r['graph']:.0f} | "
        f"{1000 * r['solve']:.0f} | {r['exact']:.1f} ({r['exact_n']}, "
        f"{r['exact_method']}) | {r['numeric']:.1f} ({r['numeric_n']}) |"
        for r in results
    )
    params = "; ".join(f"`{r['case']}`: `{r['graph_param']}`" for r in results)
    body = f"""<!-- BEGIN {SECTION} -->
## Payoff compiler

`python benchmarks/bench_build.py`: for each case, `co.build.export_control_game`
(cold: supply graph and every propagation), `co.build.case_model` (adds the symbolic
compile), `model.game(...)` when only the target's pain tolerance changes (median of
10; propagations cached) and when a supply-graph key parameter changes (median of 5:
{params}), `co.solve` of the compiled game, and `co.thresholds` in
`pain_tolerance.target` over the scenario's range, exact (default) and numeric
(grid 41), with the number of thresholds found.

| case | game | terms | compile (s) | model (s) | rebuild, weight (ms) | rebuild, graph (ms) | solve (ms) | thresholds exact (s) | thresholds numeric (s) |
|------|------|-------|-------------|-----------|----------------------|---------------------|------------|----------------------|------------------------|
{rows}

Measured {date.today().isoformat()} with Python {platform.python_version()} on
{platform.system()} {platform.machine()} (2 CPUs, shared with other work). The exact
method spends its time on the candidate polynomials of every support pair and on its
guard scan; the degenerate `no_control` row (every plan is the status quo there)
multiplies the extreme equilibria.
<!-- END {SECTION} -->"""
    _write_section(SECTION, body, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    results = run()
    for r in results:
        print(
            f"{r['case']}: {r['shape']} compile {r['compile']:.2f} s, rebuild "
            f"{1000 * r['weight']:.1f} ms (weight) / {1000 * r['graph']:.0f} ms "
            f"(graph), thresholds exact {r['exact']:.1f} s ({r['exact_n']}), "
            f"numeric {r['numeric']:.1f} s ({r['numeric_n']})"
        )
    if not args.no_write:
        write_section(
            results, Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
