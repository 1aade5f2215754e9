"""The API reference names every public name, each from its own docstring.

The pages under ``docs/reference/api/`` hold mkdocstrings blocks (``::: path``), one per
public name of ``coercion`` and of each sub-package. This test fails when a name is added
to an ``__all__`` without a block; ``python tests/test_docs_reference.py`` rewrites the
pages from the ``__all__`` lists (hand-written introductions are kept above the marker).
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import re
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
API = ROOT / "docs" / "reference" / "api"
SUBPACKAGES = (
    "game",
    "solve",
    "supply",
    "build",
    "models",
    "analysis",
    "dynamics",
    "plot",
    "scenario",
)
MARKER = "<!-- generated below: python tests/test_docs_reference.py -->"
_BLOCK = re.compile(r"^::: ([\w.]+)", re.MULTILINE)


def public_names() -> list[tuple[str, str]]:
    """Every (namespace, name) pair the reference must cover."""
    import coercion

    pairs = [("coercion", n) for n in coercion.__all__ if n not in SUBPACKAGES]
    for sub in SUBPACKAGES:
        module = importlib.import_module(f"coercion.{sub}")
        pairs += [(f"coercion.{sub}", n) for n in module.__all__]
    return pairs


def documented_paths() -> set[str]:
    """Every dotted path that has a ``:::`` block on a reference page."""
    paths: set[str] = set()
    for page in API.glob("*.md"):
        paths.update(_BLOCK.findall(page.read_text(encoding="utf-8")))
    return paths


def _defining_path(namespace: str, name: str) -> str:
    """The dotted path of the module attribute that defines ``namespace.name``."""
    value = getattr(importlib.import_module(namespace), name)
    if isinstance(value, types.ModuleType):
        return value.__name__
    module_name = getattr(value, "__module__", None)
    if (inspect.isclass(value) or inspect.isfunction(value)) and module_name:
        module = importlib.import_module(module_name)
        if getattr(module, name, None) is value and module_name.startswith("coercion"):
            return f"{module_name}.{name}"
    # a constant: find the module whose source assigns it
    package = importlib.import_module(namespace)
    candidates = [package]
    if hasattr(package, "__path__"):
        import pkgutil

        candidates += [
            importlib.import_module(f"{namespace}.{info.name}")
            for info in pkgutil.iter_modules(package.__path__)
        ]
    pattern = re.compile(rf"^{re.escape(name)}\s*(:[^=]*)?=", re.MULTILINE)
    for module in candidates:
        source = inspect.getsource(module)
        if pattern.search(source):
            return f"{module.__name__}.{name}"
    return f"{namespace}.{name}"


def _page_of(path: str) -> str:
    parts = path.split(".")
    if parts[1] in SUBPACKAGES:
        return parts[1]
    return "top-level"


def _is_module(path: str) -> bool:
    try:
        importlib.import_module(path)
    except ImportError:
        return False
    return True


def test_every_public_name_has_a_reference_block():
    documented = documented_paths()
    # a module block renders every public member of that module
    whole_modules = {p for p in documented if _is_module(p)}
    missing = []
    for namespace, name in public_names():
        if name == "__version__":
            continue
        path = _defining_path(namespace, name)
        if {path, f"{namespace}.{name}"} & documented:
            continue
        if path.rsplit(".", 1)[0] in whole_modules:
            continue
        missing.append(f"{namespace}.{name}")
    assert not missing, (
        f"not in docs/reference/api/ (run this file to regenerate): {missing}"
    )
    assert documented  # the pages exist and hold blocks


@pytest.mark.parametrize("sub", SUBPACKAGES)
def test_each_subpackage_has_a_page_in_the_nav(sub):
    assert (API / f"{sub}.md").exists()
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"reference/api/{sub}.md" in nav


def test_every_block_names_an_existing_object():
    for path in documented_paths():
        module_name, _, attr = path.rpartition(".")
        try:
            module = importlib.import_module(path)
        except ImportError:
            module = importlib.import_module(module_name)
            assert hasattr(module, attr), path


def write_pages() -> None:
    """Rewrite the generated part of every reference page from the ``__all__`` lists."""
    by_page: dict[str, dict[str, list[str]]] = {}
    seen: set[str] = set()
    for namespace, name in public_names():
        if name == "__version__":
            continue
        path = _defining_path(namespace, name)
        if path in seen:
            continue
        seen.add(path)
        module = path.rsplit(".", 1)[0] if path.count(".") > 1 else path
        if path == f"coercion.{name}" or isinstance(
            getattr(importlib.import_module(namespace), name), types.ModuleType
        ):
            module = path
        by_page.setdefault(_page_of(path), {}).setdefault(module, []).append(path)
    # a public module is rendered whole: its members need no block of their own
    whole = {
        m for modules in by_page.values() for m, paths in modules.items() if m in paths
    }
    for modules in by_page.values():
        for m, paths in modules.items():
            if m not in whole:
                paths[:] = [p for p in paths if p.rsplit(".", 1)[0] not in whole]
            else:
                paths[:] = [m]
    for page, modules in by_page.items():
        file = API / f"{page}.md"
        head = ""
        if file.exists():
            text = file.read_text(encoding="utf-8")
            head = text.split(MARKER)[0] if MARKER in text else ""
        if not head:
            head = (
                f"# `coercion.{page}`\n\n" if page != "top-level" else "# Top level\n\n"
            )
        lines = [head.rstrip() + "\n", "", MARKER, ""]
        for module, paths in sorted(modules.items()):
            lines += [f"## `{module}`", ""]
            for path in paths:
                if path == module:
                    lines += [
                        f"::: {path}",
                        "    options:",
                        "      show_root_heading: false",
                        "",
                    ]
                else:
                    lines += [f"::: {path}", ""]
        file.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    write_pages()


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (":func:<code>thresholds</code>", "<code>thresholds</code>"),
        (":class:<code>~coercion.NormalFormGame</code>", "<code>NormalFormGame</code>"),
        (":math:<code>a_i</code>", '<span class="arithmatex">\\(a_i\\)</span>'),
        ("plain <code>x</code>", "plain <code>x</code>"),
    ],
)
def test_site_hook_drops_sphinx_roles(html, expected):
    spec = importlib.util.spec_from_file_location(
        "mkdocs_hooks", ROOT / "mkdocs_hooks.py"
    )
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    # with no documented target, a role is left as plain code (links: test_mkdocs_hooks)
    assert hooks.link_roles(hooks.on_page_content(html), set()) == expected


@pytest.mark.parametrize(
    "page",
    sorted(
        p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")
    ),
)
def test_every_page_is_in_the_site_nav(page):
    # mkdocs build --strict fails on a page left out of the nav; say so in pytest too
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f": {page}\n" in nav, f"add {page} to the nav in mkdocs.yml"
