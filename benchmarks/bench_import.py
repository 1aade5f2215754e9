"""Time ``import coercion`` in fresh interpreters and record the figure.

The figure is the median wall time of ``python -c "import coercion"`` minus the
median wall time of ``python -c "pass"`` (the interpreter's own start-up),
both measured the same way, alternating, over ``--runs`` fresh processes each.
As a cross-check it also reports the median time measured inside the child
process around the import statement.

Run ``python benchmarks/bench_import.py`` from the repository; it prints the
figures and replaces the ``foundation`` section of ``docs/benchmarks.md``
(``--no-write`` to only print). It exits with status 1 if the import takes
0.5 s or more (the budget in the design).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _sections import write_section as _write_section

BUDGET_S = 0.5
SECTION = "foundation"
DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
_INSIDE = (
    "import time; t = time.perf_counter(); import coercion; "
    "print(time.perf_counter() - t)"
)


def _wall(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def measure(runs: int = 20) -> dict[str, float]:
    """Median wall times (s) of start-up alone and with ``import coercion``."""
    bare, full, inside = [], [], []
    _wall("import coercion")  # warm the file-system cache once
    for _ in range(runs):
        bare.append(_wall("pass"))
        full.append(_wall("import coercion"))
        out = subprocess.run(
            [sys.executable, "-c", _INSIDE], check=True, capture_output=True, text=True
        )
        inside.append(float(out.stdout.strip()))
    return {
        "startup": statistics.median(bare),
        "with_import": statistics.median(full),
        "import": max(0.0, statistics.median(full) - statistics.median(bare)),
        "inside": statistics.median(inside),
        "runs": float(runs),
    }


def section_text(fig: dict[str, float]) -> str:
    """The Markdown of this benchmark's section."""
    today = _dt.date.today().isoformat()
    cpus = os.cpu_count()
    return "\n".join(
        [
            f"<!-- BEGIN {SECTION} -->",
            "## Import time",
            "",
            "`import coercion` in a fresh interpreter, measured by "
            "`python benchmarks/bench_import.py`: median wall time of "
            '`python -c "import coercion"` minus the median wall time of '
            '`python -c "pass"`, over '
            f"{int(fig['runs'])} fresh processes each (budget: under "
            f"{BUDGET_S} s).",
            "",
            "| measure | seconds |",
            "|---------|---------|",
            f"| `import coercion` (wall time minus start-up) | {fig['import']:.3f} |",
            f"| interpreter start-up alone | {fig['startup']:.3f} |",
            f"| start-up and `import coercion` | {fig['with_import']:.3f} |",
            f"| import timed inside the process (cross-check) | {fig['inside']:.3f} |",
            "",
            f"Measured {today} with Python {platform.python_version()} on "
            f"{platform.system()} {platform.machine()} ({cpus} CPUs, shared with "
            "other work). Heavy libraries (numpy, scipy, sympy, pandas, "
            "matplotlib, networkx, dask) load only when first used.",
            f"<!-- END {SECTION} -->",
        ]
    )


def write_section(text: str, doc: Path = DOC) -> None:
    """Replace this benchmark's section of the page (only it)."""
    _write_section(SECTION, text, doc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    fig = measure(args.runs)
    print(
        f"import coercion: {fig['import']:.3f} s (wall {fig['with_import']:.3f} s "
        f"- start-up {fig['startup']:.3f} s; in-process {fig['inside']:.3f} s; "
        f"median of {args.runs})"
    )
    if not args.no_write:
        write_section(section_text(fig))
        print(f"wrote the {SECTION!r} section of {DOC}")
    return 0 if fig["import"] < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
