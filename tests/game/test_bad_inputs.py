"""Every row of the bad-input table in ``docs/reference/bad-inputs.md`` is a test.

The page is the single source: each row's input is run and must raise exactly
the class shown, with exactly the message shown.
"""

from __future__ import annotations

import builtins
import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import coercion as co
import coercion.errors

TABLE = Path(__file__).resolve().parents[2] / "docs" / "reference" / "bad-inputs.md"
KINDS = ("nfg", "efg", "python", "file")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _code(cell: str) -> str:
    cell = cell.strip()
    if not (len(cell) >= 2 and cell.startswith("`") and cell.endswith("`")):
        raise ValueError(f"cell {cell!r} is not in backticks")
    return cell[1:-1].replace("\\|", "|")


def read_table(path: Path = TABLE) -> list[tuple[str, str, str, str, str]]:
    """Rows ``(id, kind, input, raises, message)`` of the page's table."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in _CELL_SPLIT.split(line.strip())[1:-1]]
        if cells[:2] == ["id", "kind"] or set(cells[0]) <= set("-: "):
            continue
        if len(cells) != 5:
            raise ValueError(f"{path.name}:{number}: {len(cells)} cells, expected 5")
        rid, kind, given, raises, message = cells
        rows.append((rid, kind, _code(given), raises, _code(message)))
    return rows


ROWS = read_table()


def _text(given: str) -> str:
    return "" if given == "(empty)" else given.replace("\\n", "\n")


def _run(kind: str, given: str) -> object:
    if kind == "nfg":
        from coercion.game.nfg import parse_nfg

        return parse_nfg(_text(given), file="game.nfg")
    if kind == "efg":
        efg = pytest.importorskip("coercion.game.efg")
        return efg.parse_efg(_text(given), file="game.efg")
    if kind == "python":
        return eval(given, {"co": co, "np": np, "Fraction": Fraction})
    name, text = given.split(": ", 1)
    Path(name).write_text(_text(text), encoding="utf-8")
    return co.read_game(name)


def test_table_has_enough_distinct_rows():
    ids = [row[0] for row in ROWS]
    assert len(ids) >= 15
    assert len(set(ids)) == len(ids)
    assert {row[1] for row in ROWS} <= set(KINDS)


@pytest.mark.parametrize(
    ("kind", "given", "raises", "message"),
    [pytest.param(*row[1:], id=row[0]) for row in ROWS],
)
def test_bad_input_raises_as_documented(
    kind, given, raises, message, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    expected = getattr(coercion.errors, raises, None) or getattr(builtins, raises)
    with pytest.raises(expected) as info:
        _run(kind, given)
    assert type(info.value) is expected
    assert str(info.value) == message
    # a failed write leaves nothing behind
    assert all(p.suffix not in (".nfg", ".efg", ".json") for p in tmp_path.iterdir())


def test_reader_rejects_a_malformed_row(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("| id | kind |\n|--|--|\n| a | nfg | `x` | ParseError |\n")
    with pytest.raises(ValueError, match="4 cells, expected 5"):
        read_table(page)
