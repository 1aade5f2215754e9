"""Every notebook in notebooks/ executes without error within its time budget.

Each runs in a fresh ``python3`` kernel (ipykernel, from the ``test`` extra)
with nbclient; the notebooks are stored without outputs.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
TIMEOUT = 60  # per cell, generous for a busy 2-core machine
# seconds per notebook's cells (5-16 s measured on a loaded 2-core machine);
# raise it with COERCION_NOTEBOOK_BUDGET on a slower one
BUDGET = float(os.environ.get("COERCION_NOTEBOOK_BUDGET", "30"))


def test_every_case_and_hypothesis_has_a_notebook():
    names = {p.stem for p in PATHS}
    assert {"rare_earths", "photoresists", "ai_chips"} <= names
    from coercion.analysis.hypotheses import HYPOTHESES

    assert set(HYPOTHESES) <= names


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.fixture(scope="module")
def warm_jit_cache():
    """Compile the solvers' numba kernels once (they cache to disk), so that a
    fresh install does not charge the first notebook for the compilation."""
    import warnings

    import coercion as co

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", co.errors.CoercionWarning)
        co.solve(co.build.export_control_game("photoresists").game)


def _execute(path: Path, cwd: Path) -> tuple[Any, float]:
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=TIMEOUT,
        startup_timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
    )
    with client.setup_kernel():
        # the budget covers the cells, not the kernel's start (a loaded machine
        # can take many seconds to start it)
        start = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        elapsed = time.perf_counter() - start
    return nb, elapsed


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_notebook_executes(path, tmp_path, monkeypatch, warm_jit_cache):
    # the kernel inherits the environment: draw without a display or PNG encoding
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb, elapsed = _execute(path, tmp_path)
    errors = [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if out.output_type == "error"
    ]
    assert not errors
    if elapsed >= BUDGET:
        # wall time on a shared machine has spikes; the budget is for the
        # notebook, so the better of two runs counts
        elapsed = min(elapsed, _execute(path, tmp_path)[1])
    assert elapsed < BUDGET, f"{path.name} took {elapsed:.1f} s"
