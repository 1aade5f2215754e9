"""``import coercion`` stays light: heavy libraries load where they are used."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["sympy", "pandas", "matplotlib", "dask", "scipy", "networkx", "pyarrow"]


def test_import_does_not_load_heavy_libraries():
    code = (
        "import sys, json, coercion; "
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == []


def test_public_names_resolve():
    import coercion as co

    for name in co.__all__:
        assert getattr(co, name) is not None, name


def test_import_is_fast():
    # the budget is 0.5 s (docs/benchmarks.md); timed inside fresh processes,
    # median of three, so a busy machine does not make the test flaky
    code = (
        "import time; t = time.perf_counter(); import coercion; "
        "print(time.perf_counter() - t)"
    )
    times = sorted(
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    )
    assert times[1] < 0.5, times
