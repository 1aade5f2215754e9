"""MkDocs hooks for the documentation site (``mkdocs.yml``: ``hooks``).

The docstrings are numpydoc, written for Sphinx as well as for ``help()``: they
cross-reference with roles such as ``:func:`thresholds``` and
``:class:`~coercion.NormalFormGame```, and write inline maths as ``:math:`x```.
mkdocstrings renders the backquoted part as code and leaves the role name in
front of it. These hooks

* turn ``:math:`` into inline maths for MathJax (``on_page_content``);
* turn every other role into a link to the object's entry in the API
  reference when the reference documents it (``on_env``, once every page is
  rendered, so all the documented identifiers are known). The link is an
  ``<autoref>`` element that mkdocs-autorefs resolves to a URL later in the
  same event. A target that is not documented (``fractions.Fraction``, a
  private helper) stays plain code, with no warning.

A target is looked up as Sphinx does: as written, then relative to the object
whose docstring holds it (its class, then its module, then the packages above),
then as a top-level name ``coercion.<target>``; a name re-exported elsewhere
(``coercion.thresholds``) is followed to where it is defined and documented
(``coercion.analysis.thresholds.thresholds``). Failing that, a short name that
ends exactly one documented identifier links there. For ``~``-prefixed targets
only the last component is shown, as Sphinx shows them.
"""

from __future__ import annotations

import functools
import html as _html
import importlib
import logging
import re
import types
from collections.abc import Collection
from typing import Any

__all__ = [
    "documented_identifiers",
    "link_roles",
    "on_env",
    "on_page_content",
    "resolve",
]

_ROLE = re.compile(
    r":(?:py:)?(func|class|meth|attr|data|mod|exc|obj|const|ref|doc|term):"
    r"<code>(~?)([^<]*)</code>"
)
_MATH = re.compile(r":math:<code>([^<]*)</code>")
# an object's heading, as mkdocstrings writes it: <h3 id="coercion.x.f" class="doc ...
_OBJECT = re.compile(r'<h\d id="([\w.]+)"[^>]*\bclass="doc doc-heading')
# a module's section heading on a reference page: <h2 id="slug"><code>coercion.x</code>
_MODULE = re.compile(r'<h\d id="([^"]+)"[^>]*>\s*<code>([\w.]+)</code>')
_log = logging.getLogger("mkdocs.hooks.roles")
_LINKED_ROLES = {"func", "class", "meth", "attr", "data", "mod", "exc", "obj", "const"}


def _math(match: re.Match[str]) -> str:
    # typeset by MathJax, as arithmatex marks it
    return f'<span class="arithmatex">\\({match.group(1)}\\)</span>'


def on_page_content(html: str, **kwargs: Any) -> str:
    """Turn ``:math:`` roles into inline maths."""
    return _MATH.sub(_math, html)


@functools.lru_cache(maxsize=4096)
def _canonical(path: str, role: str = "obj") -> str | None:
    """Where the object named ``path`` is defined (``module.qualname``), if importable.

    For any role but ``mod``, a module stands for its object of the same name
    (``coercion.solve`` is the sub-package and the function ``solve``;
    ``coercion.models.chicken`` holds ``chicken``).
    """
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except Exception:  # not a module (or not importable): try a shorter prefix
            continue
        try:
            for name in parts[cut:]:
                obj = getattr(obj, name)
        except Exception:
            return None
        if role != "mod" and isinstance(obj, types.ModuleType):
            obj = getattr(obj, parts[-1], obj)
            cut = 0
        module = getattr(obj, "__module__", None)
        qualname = getattr(obj, "__qualname__", None)
        if cut == len(parts) or not (module and qualname):
            return path
        return f"{module}.{qualname}"
    return None


def resolve(
    target: str, context: str, known: Collection[str], *, role: str = "obj"
) -> str | None:
    """The documented identifier a role's ``target`` refers to, or None.

    Parameters
    ----------
    target : str
        The role's target without ``~`` (``thresholds``, ``coercion.solve``,
        ``NormalFormGame.solve``).
    context : str
        The identifier of the object whose docstring holds the role ("" when
        none): relative targets are looked up in it and its parents.
    known : collection of str
        Every identifier the site documents (for ``role="mod"``: every
        documented module name).
    role : str
        The role's name.
    """
    if not target or not re.fullmatch(r"[\w.]+", target):
        return None
    parts = context.split(".") if context else []
    candidates = [target]
    candidates += [".".join([*parts[:k], target]) for k in range(len(parts), 0, -1)]
    candidates.append(f"coercion.{target}")
    for candidate in candidates:
        if candidate in known:
            return candidate
    if role == "mod":
        return None
    for candidate in candidates:
        canonical = _canonical(candidate, role)
        if canonical in known:
            return canonical
    suffix = "." + target
    ends = [k for k in known if k.endswith(suffix)]
    return ends[0] if len(ends) == 1 else None


def documented_identifiers(html: str) -> tuple[set[str], dict[str, str]]:
    """The object identifiers, and the module headings (name -> anchor), of a page."""
    objects = set(_OBJECT.findall(html))
    modules = {
        name: anchor
        for anchor, name in _MODULE.findall(html)
        if name.startswith("coercion") and name not in objects
    }
    return objects, modules


def link_roles(
    html: str,
    objects: Collection[str],
    modules: Collection[str] = (),
    unresolved: list[str] | None = None,
) -> str:
    """Replace Sphinx roles by autorefs to documented objects, else plain code.

    Examples
    --------
    >>> known = {"coercion.analysis.thresholds.thresholds"}
    >>> link_roles(":func:<code>~coercion.thresholds</code>", known)
    '<autoref identifier="coercion.analysis.thresholds.thresholds" optional><code>thresholds</code></autoref>'
    >>> link_roles(":class:<code>fractions.Fraction</code>", known)
    '<code>fractions.Fraction</code>'

    ``modules`` are the documented module names (for ``:mod:``); targets not
    found are appended to ``unresolved``.
    """
    contexts = [(m.start(), m.group(1)) for m in _OBJECT.finditer(html)]
    starts = [position for position, _ in contexts]

    def replace(match: re.Match[str]) -> str:
        role, tilde, target = match.groups()
        shown = target.rsplit(".", 1)[-1] if tilde else target
        code = f"<code>{shown}</code>"
        if role not in _LINKED_ROLES:
            return code
        k = _bisect(starts, match.start())
        context = contexts[k][1] if k >= 0 else ""
        known = modules if role == "mod" else objects
        identifier = resolve(target, context, known, role=role)
        if identifier is None:
            if unresolved is not None:
                unresolved.append(f":{role}:`{target}` (in {context or 'a page'})")
            return code
        return f'<autoref identifier="{_html.escape(identifier)}" optional>{code}</autoref>'

    return _ROLE.sub(replace, html)


def _bisect(starts: list[int], position: int) -> int:
    """Index of the last start before ``position`` (-1 if none)."""
    import bisect

    return bisect.bisect_left(starts, position) - 1


def on_env(env: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    """Link the roles of every page, once all pages are rendered.

    Runs before mkdocs-autorefs' own ``on_env`` (priority -50), which turns
    the ``<autoref>`` elements into links. Each module's section heading on
    an API reference page is registered with autorefs under the module's
    name, so ``:mod:`` roles link to it.
    """
    autorefs = config["plugins"].get("autorefs")
    pages = [f.page for f in files if getattr(f, "page", None) and f.page.content]
    objects: set[str] = set()
    modules: set[str] = set()
    for page in pages:
        found, mods = documented_identifiers(page.content)
        objects |= found
        if autorefs is not None and page.file.src_uri.startswith("reference/api/"):
            for name, anchor in mods.items():
                autorefs.register_anchor(page, name, anchor, primary=True)
                modules.add(name)
    unresolved: list[str] = []
    for page in pages:
        page.content = link_roles(page.content, objects, modules, unresolved)
    for item in sorted(set(unresolved)):
        _log.debug("not documented, left as code: %s", item)
    return env
