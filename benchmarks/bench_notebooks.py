"""Time the hypothesis functions and the notebooks; write the ``notebooks`` section.

``python benchmarks/bench_notebooks.py`` runs each function of
:mod:`coercion.analysis.hypotheses` on its default case (cold: the compiled fight
not cached; then warm, median of 3) and executes every notebook in ``notebooks/``
with nbclient (kernel start and cells timed apart), then replaces the
``notebooks`` section of ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from _sections import write_section as _write_section

SECTION = "notebooks"
ROOT = Path(__file__).resolve().parents[1]


def time_functions() -> list[dict[str, Any]]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from coercion.analysis import hypotheses as hyp

    out = []
    for name in hyp.HYPOTHESES:
        fn = getattr(hyp, name)
        hyp._FIGHT_CACHE.clear()
        t = time.perf_counter()
        res = fn()
        cold = time.perf_counter() - t
        warm = []
        for _ in range(3):
            t = time.perf_counter()
            fn()
            warm.append(time.perf_counter() - t)
        t = time.perf_counter()
        ax = res.figure()
        draw = time.perf_counter() - t
        plt.close(ax.figure)
        out.append(
            {
                "name": name,
                "case": res.case,
                "cold": cold,
                "warm": statistics.median(warm),
                "draw": draw,
                "rows": len(res.table),
            }
        )
    return out


def time_notebooks() -> list[dict[str, Any]]:
    import nbclient
    import nbformat

    os.environ["MPLBACKEND"] = "Agg"
    out = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        client = nbclient.NotebookClient(
            nb, timeout=120, startup_timeout=120, kernel_name="python3"
        )
        t0 = time.perf_counter()
        with client.setup_kernel():
            t1 = time.perf_counter()
            for i, cell in enumerate(nb.cells):
                client.execute_cell(cell, i)
            t2 = time.perf_counter()
        out.append(
            {
                "name": path.stem,
                "start": t1 - t0,
                "cells": t2 - t1,
                "code_cells": sum(c.cell_type == "code" for c in nb.cells),
            }
        )
    return out


def write_section(
    funcs: list[dict[str, Any]], books: list[dict[str, Any]], path: Path
) -> None:
    frows = "\n".join(
        f"| `{r['name']}` | `{r['case']}` | {r['cold']:.2f} | {r['warm']:.3f} | "
        f"{r['draw']:.2f} | {r['rows']} |"
        for r in funcs
    )
    brows = "\n".join(
        f"| `{r['name']}.ipynb` | {r['code_cells']} | {r['start']:.1f} | "
        f"{r['cells']:.1f} |"
        for r in books
    )
    total = sum(r["start"] + r["cells"] for r in books)
    body = f"""<!-- BEGIN {SECTION} -->
## Hypotheses and notebooks

`python benchmarks/bench_notebooks.py`: each function of
`coercion.analysis.hypotheses` on its default case, cold (the compiled fight of
`fight_terms` not cached) and warm (median of 3), and the time to draw its figure;
then every notebook executed with nbclient (kernel `python3`), kernel start and
cells timed apart (what `tests/test_notebooks.py` runs; its budget covers the
cells).

| function | case | cold (s) | warm (s) | figure (s) | table rows |
|----------|------|----------|----------|------------|------------|
{frows}

| notebook | code cells | kernel start (s) | cells (s) |
|----------|------------|------------------|-----------|
{brows}

All notebooks: {total:.0f} s. Measured {date.today().isoformat()} with Python
{platform.python_version()} on {platform.system()} {platform.machine()} (2 CPUs,
shared with other work, so wall times vary by a factor of about two).
<!-- END {SECTION} -->"""
    _write_section(SECTION, body, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    funcs = time_functions()
    for r in funcs:
        print(f"{r['name']}: cold {r['cold']:.2f} s, warm {r['warm']:.3f} s")
    books = time_notebooks()
    for r in books:
        print(f"{r['name']}.ipynb: start {r['start']:.1f} s, cells {r['cells']:.1f} s")
    if not args.no_write:
        write_section(funcs, books, ROOT / "docs" / "benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
