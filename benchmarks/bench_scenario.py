"""Time loading the bundled scenarios and record the figures.

For each bundled scenario (``games/*.toml``) it measures the median time of
``co.load_scenario(name)`` (read, parse with tomllib, validate every field and
source), of ``Scenario.with_params`` on one parameter (a full re-validation, the
per-draw cost of a Monte Carlo that changes the scenario), and of
``Scenario.supply_graph()``.

Run ``python benchmarks/bench_scenario.py`` from the repository; it prints the
figures and replaces the ``scenario`` section of ``docs/benchmarks.md``
(``--no-write`` to only print).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _sections import write_section as _write_section

SECTION = "scenario"
DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm caches and lazy imports
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000.0 * statistics.median(times)


def measure(runs: int = 30) -> list[dict[str, object]]:
    """One row per bundled scenario: sizes and median times in milliseconds."""
    import coercion as co
    from coercion.scenario import bundled_scenarios

    rows = []
    for name in bundled_scenarios():
        sc = co.load_scenario(name)
        first = sc.uncertain[0].param if sc.uncertain else sc.param_names()[0]
        value = sc.param(first)
        rows.append(
            {
                "name": name,
                "numbers": len(sc.param_names()),
                "load": _median_ms(lambda n=name: co.load_scenario(n), runs),
                "with_params": _median_ms(
                    lambda s=sc, p=first, v=value: s.with_params({p: v}), runs
                ),
                "supply_graph": _median_ms(lambda s=sc: s.supply_graph(), runs),
            }
        )
    return rows


def section_text(rows: list[dict[str, object]], runs: int) -> str:
    """The Markdown of this benchmark's section."""
    today = _dt.date.today().isoformat()
    lines = [
        f"<!-- BEGIN {SECTION} -->",
        "## Loading scenarios",
        "",
        "Median wall time over "
        f"{runs} runs, measured by `python benchmarks/bench_scenario.py`: "
        "`co.load_scenario(name)` (read, parse with `tomllib`, validate every field "
        "and source), `Scenario.with_params` on one parameter (a full "
        "re-validation), and `Scenario.supply_graph()`.",
        "",
        "| scenario | sourced numbers | load (ms) | with_params (ms) "
        "| supply_graph (ms) |",
        "|----------|-----------------|-----------|------------------"
        "|-------------------|",
    ]
    for r in rows:
        lines.append(
            f"| `{r['name']}` | {r['numbers']} | {r['load']:.2f} | "
            f"{r['with_params']:.2f} | {r['supply_graph']:.2f} |"
        )
    lines += [
        "",
        f"Measured {today} with Python {platform.python_version()} on "
        f"{platform.system()} {platform.machine()} ({os.cpu_count()} CPUs, shared "
        "with other work). A Monte Carlo over thousands of draws should change "
        "plain parameter arrays, not call `with_params` per draw.",
        f"<!-- END {SECTION} -->",
    ]
    return "\n".join(lines)


def write_section(text: str, doc: Path = DOC) -> None:
    """Replace this benchmark's section of the page (only it)."""
    _write_section(SECTION, text, doc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    rows = measure(args.runs)
    for r in rows:
        print(
            f"{r['name']}: load {r['load']:.2f} ms, with_params "
            f"{r['with_params']:.2f} ms, supply_graph {r['supply_graph']:.2f} ms "
            f"({r['numbers']} sourced numbers)"
        )
    if not args.no_write:
        write_section(section_text(rows, args.runs))
        print(f"wrote the {SECTION!r} section of {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
