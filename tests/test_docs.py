"""The documentation's structure: Diátaxis folders, and links that resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_diataxis_folders_each_have_a_page():
    for folder in ("tutorial", "how-to", "explanation", "reference"):
        assert list((DOCS / folder).glob("*.md")), folder


def test_index_links_every_folder():
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    for folder in ("tutorial/", "how-to/", "explanation/", "reference/"):
        assert f"]({folder}" in text, folder


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_relative_links_resolve(page):
    for target in _LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue  # an external address
        assert (page.parent / target).exists(), f"{page.name}: {target}"
