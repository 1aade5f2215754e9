"""Time ``import coercion`` in fresh interpreters; prints the median of 7 runs."""

from __future__ import annotations

import statistics
import subprocess
import sys


def time_import(runs: int = 7) -> float:
    code = "import time; t = time.perf_counter(); import coercion; print(time.perf_counter() - t)"
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


if __name__ == "__main__":
    print(f"import coercion: median {time_import():.3f} s over 7 fresh interpreters")
