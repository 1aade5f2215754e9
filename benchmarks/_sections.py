"""How every benchmark script writes its own section of ``docs/benchmarks.md``.

Each script owns the block between ``<!-- BEGIN name -->`` and
``<!-- END name -->`` and replaces only it, atomically, so that scripts run at
different times (or at once) never overwrite each other's figures.
"""

from __future__ import annotations

from pathlib import Path

from coercion._io import atomic_write_text

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def write_section(name: str, block: str, doc: Path = DOC) -> None:
    """Replace the section ``name`` of ``doc`` by ``block`` (append it if new).

    ``block`` may include its ``BEGIN``/``END`` markers or not; they are added
    when missing. The file is created with a title when it does not exist.
    """
    begin, end = f"<!-- BEGIN {name} -->", f"<!-- END {name} -->"
    block = block.strip("\n")
    if not block.startswith(begin):
        block = f"{begin}\n{block}"
    if not block.endswith(end):
        block = f"{block}\n{end}"
    current = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    if begin in current and end in current:
        head, rest = current.split(begin, 1)
        new = head + block + rest.split(end, 1)[1]
    else:
        new = current.rstrip("\n") + "\n\n" + block + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(doc, new)
