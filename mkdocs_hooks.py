"""MkDocs hooks for the documentation site (``mkdocs.yml``: ``hooks``).

The docstrings are numpydoc, written for Sphinx as well as for ``help()``: they
cross-reference with roles such as ``:func:`thresholds``` and
``:class:`~coercion.NormalFormGame```, and write inline maths as ``:math:`x```.
mkdocstrings renders the backquoted part as code and leaves the role name in
front of it. This hook drops the role name, and for ``~``-prefixed targets
keeps only the last component, as Sphinx shows them; ``:math:`` becomes inline
maths for MathJax.
"""

from __future__ import annotations

import re
from typing import Any

_ROLE = re.compile(
    r":(?:py:)?(func|class|meth|attr|data|mod|exc|obj|const|math|ref|doc|term):"
    r"<code>(~?)([^<]*)</code>"
)


def _replace(match: re.Match[str]) -> str:
    role, tilde, target = match.groups()
    if role == "math":  # typeset by MathJax, as arithmatex marks it
        return f'<span class="arithmatex">\\({target}\\)</span>'
    if tilde:
        target = target.rsplit(".", 1)[-1]
    return f"<code>{target}</code>"


def on_page_content(html: str, **kwargs: Any) -> str:
    """Strip Sphinx role names left in front of inline code."""
    return _ROLE.sub(_replace, html)
