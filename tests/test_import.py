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


def test_importing_submodules_does_not_shadow_public_names():
    # Importing a submodule binds it as an attribute of its package, so a module
    # named like a lazily exported function (solve/homotopy.py beside
    # co.solve.homotopy) would replace the function. Fresh process: the clash only
    # shows when the submodules are imported before the public name is first used.
    code = """if True:
        import importlib, json, pkgutil, types
        import coercion

        infos = [
            i for i in pkgutil.walk_packages(coercion.__path__, "coercion.")
            if not i.name.endswith("__main__")  # that one runs the command line
        ]
        modules = [importlib.import_module(i.name) for i in infos]
        packages = [coercion] + [m for m, i in zip(modules, infos) if i.ispkg]
        clashes = []
        for package in packages:
            lazy = getattr(package, "_LAZY", {})
            for name in sorted(set(package.__all__) | set(lazy)):
                value = getattr(package, name)
                if name in lazy:
                    intended = getattr(importlib.import_module(lazy[name]), name)
                    ok = value is intended
                else:
                    # a public module must not hide a function of its own name
                    # (co.solve is both, on purpose: the package is callable)
                    ok = not (
                        isinstance(value, types.ModuleType)
                        and hasattr(value, name)
                        and not callable(value)
                    )
                if not ok:
                    clashes.append(f"{package.__name__}.{name}")
        print(json.dumps(clashes))
    """
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == []
