"""The documentation hooks (``mkdocs_hooks.py``): Sphinx roles become API links."""

from __future__ import annotations

import doctest
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import mkdocs_hooks as hooks  # noqa: E402

sys.path.remove(str(ROOT))


def heading(identifier: str) -> str:
    """An object heading as mkdocstrings writes it."""
    return f'<h3 id="{identifier}" class="doc doc-heading">x</h3>'


def link(identifier: str, shown: str) -> str:
    return f'<autoref identifier="{identifier}" optional><code>{shown}</code></autoref>'


def test_short_name_resolves_in_the_docstring_module_first():
    known = {
        "coercion.models.sanctions.sanctions_tree",
        "coercion.models.sanctions.sanctions_solution",
        "coercion.models.other.sanctions_solution",
    }
    html = heading("coercion.models.sanctions.sanctions_tree") + (
        "<p>see :func:<code>sanctions_solution</code></p>"
    )
    out = hooks.link_roles(html, known)
    assert (
        link("coercion.models.sanctions.sanctions_solution", "sanctions_solution")
        in out
    )
    assert ":func:" not in out


def test_method_resolves_in_its_class():
    known = {"coercion.x.A", "coercion.x.A.solve", "coercion.x.B.solve"}
    html = heading("coercion.x.A") + ":meth:<code>solve</code>"
    assert hooks.link_roles(html, known).endswith(link("coercion.x.A.solve", "solve"))


def test_reexported_name_follows_to_its_definition():
    known = {"coercion.analysis.thresholds.thresholds"}
    out = hooks.link_roles(":func:<code>coercion.thresholds</code>", known)
    assert out == link("coercion.analysis.thresholds.thresholds", "coercion.thresholds")
    # a bare short name is looked up as a top-level name
    out = hooks.link_roles(":func:<code>thresholds</code>", known)
    assert out == link("coercion.analysis.thresholds.thresholds", "thresholds")


def test_callable_package_is_its_function():
    known = {"coercion.solve.dispatch.solve"}
    out = hooks.link_roles(":func:<code>coercion.solve</code>", known)
    assert out == link("coercion.solve.dispatch.solve", "coercion.solve")


def test_tilde_shows_the_last_component():
    known = {"coercion.game.normal_form.NormalFormGame"}
    out = hooks.link_roles(":class:<code>~coercion.NormalFormGame</code>", known)
    assert out == link("coercion.game.normal_form.NormalFormGame", "NormalFormGame")


def test_undocumented_target_stays_code_and_is_reported():
    unresolved: list[str] = []
    out = hooks.link_roles(
        ":class:<code>fractions.Fraction</code> :ref:<code>x</code>",
        {"coercion.a.b"},
        unresolved=unresolved,
    )
    assert out == "<code>fractions.Fraction</code> <code>x</code>"
    assert unresolved == [":class:`fractions.Fraction` (in a page)"]


def test_ambiguous_short_name_is_not_guessed():
    known = {"coercion.a.f", "coercion.b.f"}
    assert hooks.link_roles(":func:<code>f</code>", known) == "<code>f</code>"
    assert hooks.link_roles(":func:<code>f</code>", {"coercion.a.f"}) == link(
        "coercion.a.f", "f"
    )


def test_module_role_links_to_a_documented_module():
    out = hooks.link_roles(
        ":mod:<code>coercion.build.terms</code> :mod:<code>tomllib</code>",
        {"coercion.build.terms.x"},
        modules={"coercion.build.terms"},
    )
    assert out == link("coercion.build.terms", "coercion.build.terms") + (
        " <code>tomllib</code>"
    )


def test_documented_identifiers_reads_object_and_module_headings():
    html = (
        '<h2 id="coercionbuildterms"><code>coercion.build.terms</code></h2>'
        + heading("coercion.build.terms.concession_time")
    )
    objects, modules = hooks.documented_identifiers(html)
    assert objects == {"coercion.build.terms.concession_time"}
    assert modules == {"coercion.build.terms": "coercionbuildterms"}


def test_math_role_becomes_inline_maths():
    out = hooks.on_page_content("a :math:<code>x^2</code> b")
    assert out == 'a <span class="arithmatex">\\(x^2\\)</span> b'


def test_hook_docstring_examples():
    result = doctest.testmod(hooks, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
