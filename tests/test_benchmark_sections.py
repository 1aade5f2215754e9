"""The one writer of ``docs/benchmarks.md`` sections (``benchmarks/_sections.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from _sections import write_section


def test_a_section_is_replaced_alone_and_appended_when_new(tmp_path):
    doc = tmp_path / "benchmarks.md"
    write_section("a", "first a\n", doc)  # markers added, file created
    write_section("b", "<!-- BEGIN b -->\nfirst b\n<!-- END b -->\n", doc)
    assert doc.read_text() == (
        "# Benchmarks\n\n<!-- BEGIN a -->\nfirst a\n<!-- END a -->\n\n"
        "<!-- BEGIN b -->\nfirst b\n<!-- END b -->\n"
    )
    write_section("a", "second a", doc)
    text = doc.read_text()
    assert "second a" in text and "first a" not in text and "first b" in text
    assert text.index("BEGIN a") < text.index("BEGIN b")  # stays in place
    assert [p.name for p in tmp_path.iterdir()] == ["benchmarks.md"]  # no temp


def test_every_section_of_the_page_is_written_by_a_script():
    """A figure in docs/benchmarks.md that no script regenerates would rot."""
    import re

    root = Path(__file__).resolve().parents[1]
    page = (root / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    scripts = " ".join(
        p.read_text(encoding="utf-8") for p in (root / "benchmarks").glob("bench_*.py")
    )
    for name in re.findall(r"<!-- BEGIN (\S+) -->", page):
        assert re.search(rf"""(SECTION|NAME) = ["']{re.escape(name)}["']""", scripts), (
            name
        )
