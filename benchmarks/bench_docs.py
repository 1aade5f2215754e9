"""Time the documentation: the strict site build and the doctests of every page.

Two figures, each the median of ``--runs`` runs in fresh processes:

- ``mkdocs build --strict`` into a temporary folder (the CI step; it renders the
  API reference from every public docstring with mkdocstrings);
- ``python -m pytest docs`` (every ``>>>`` on every page, as the test suite runs
  them).

Run ``python benchmarks/bench_docs.py`` from the repository (with the ``docs``
extra installed); it prints the figures and replaces the ``docs`` section of
``docs/benchmarks.md`` (``--no-write`` to only print).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _sections import write_section as _write_section

SECTION = "docs"
ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"


def _wall(cmd: list[str]) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def measure(runs: int = 3) -> dict[str, float]:
    """Median wall times (s) of the strict build and of the page doctests."""
    build, doctest = [], []
    pages = len(list((ROOT / "docs").rglob("*.md")))
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as site:
            build.append(
                _wall([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", site])
            )
        doctest.append(_wall([sys.executable, "-m", "pytest", "-q", "docs"]))
    return {
        "build": statistics.median(build),
        "doctest": statistics.median(doctest),
        "pages": float(pages),
        "runs": float(runs),
    }


def section_text(fig: dict[str, float]) -> str:
    """The Markdown of this benchmark's section."""
    today = _dt.date.today().isoformat()
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return (
        f"<!-- BEGIN {SECTION} -->\n"
        "## Documentation (`benchmarks/bench_docs.py`)\n\n"
        f"Measured {today} on {machine} (shared with other jobs), median of "
        f"{int(fig['runs'])} runs.\n\n"
        "| step | wall time |\n|---|---|\n"
        f"| `mkdocs build --strict` ({int(fig['pages'])} pages, API reference "
        f"from every docstring) | {fig['build']:.1f} s |\n"
        f"| `pytest docs` (every `>>>` on every page) | {fig['doctest']:.1f} s |\n"
        f"<!-- END {SECTION} -->"
    )


def write_section(text: str, doc: Path = DOC) -> None:
    """Replace this benchmark's section of the page (only it)."""
    _write_section(SECTION, text, doc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    fig = measure(args.runs)
    print(
        f"mkdocs build --strict: {fig['build']:.1f} s; pytest docs: "
        f"{fig['doctest']:.1f} s ({int(fig['pages'])} pages, median of {args.runs})"
    )
    if not args.no_write:
        write_section(section_text(fig))
        print(f"wrote the {SECTION!r} section of {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
