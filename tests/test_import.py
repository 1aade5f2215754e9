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
