"""``read_game`` / ``write_game``: format by suffix or by sniffing, atomic writes."""

from __future__ import annotations

from fractions import Fraction

import pytest

import coercion as co
from coercion._data import games_dir
from coercion.errors import InvalidParameterError, NotSupportedError, ParseError
from coercion.game.io import game_format, read_game, write_game
from coercion.game.normal_form import NormalFormGame

PD = NormalFormGame.from_bimatrix(
    [[3, 0], [5, 1]],
    [[3, 5], [0, 1]],
    players=("US", "China"),
    strategies=(["open", "restrict"], ["open", "restrict"]),
    title="trade war",
)
PD.comment = "Axelrod (1984), ch. 1"


def test_public_names():
    assert co.read_game is read_game
    assert co.write_game is write_game


@pytest.mark.parametrize("name", ["g.nfg", "G.NFG", "g.Nfg"])
def test_nfg_round_trip_by_suffix_any_case(tmp_path, name):
    path = write_game(PD, tmp_path / name)
    assert path.read_text(encoding="utf-8").startswith("NFG 1 R")
    back = read_game(path)
    assert back == PD
    assert (back.title, back.comment) == (PD.title, PD.comment)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.nfg", None, "nfg"),
        ("a.EFG", None, "efg"),
        ("a.txt", '\n  NFG 1 R "" { "A" } { 1 } 1', "nfg"),
        ("a", "EFG 2 R", "efg"),
        ("a.nfg", "EFG 2 R", "nfg"),  # the suffix decides
    ],
)
def test_game_format(name, text, expected):
    assert game_format(name, text) == expected


def test_unknown_suffix_is_sniffed(tmp_path):
    path = tmp_path / "pd.txt"
    path.write_text(
        'NFG 1 R "pd" { "A" "B" } { 2 2 } 3 3 5 0 0 5 1 1', encoding="utf-8"
    )
    g = read_game(path)
    assert g.title == "pd" and g[1, 0] == (Fraction(5), Fraction(0))


def test_unknown_suffix_and_unknown_content_is_a_parse_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("\n\n   hello world\n", encoding="utf-8")
    with pytest.raises(ParseError) as info:
        read_game(path)
    assert (info.value.file, info.value.line, info.value.column) == (str(path), 3, 4)
    assert "cannot tell the format" in str(info.value)


def test_empty_file_with_unknown_suffix(tmp_path):
    path = tmp_path / "empty.dat"
    path.write_bytes(b"")
    with pytest.raises(ParseError, match=r"empty.dat:1:1: cannot tell"):
        read_game(path)


def test_bytes_that_are_not_utf8_are_a_parse_error(tmp_path):
    path = tmp_path / "latin1.nfg"
    path.write_bytes('NFG 1 R "Ölkrise" { "A" } { 1 } 1'.encode("latin-1"))
    with pytest.raises(ParseError, match=r"latin1.nfg:1:10: byte b'\\xd6'"):
        read_game(path)


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_game(tmp_path / "missing.nfg")


def test_write_unknown_suffix_writes_nothing(tmp_path):
    with pytest.raises(InvalidParameterError, match=r"suffix '\.json'"):
        write_game(PD, tmp_path / "g.json")
    assert list(tmp_path.iterdir()) == []


def test_strategic_game_to_efg_is_not_supported(tmp_path):
    with pytest.raises(NotSupportedError, match="strategic game cannot be written"):
        write_game(PD, tmp_path / "g.efg")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["g.nfg", "g.efg"])
def test_non_games_are_refused_and_existing_file_is_kept(tmp_path, name):
    path = tmp_path / name
    path.write_text("old", encoding="utf-8")
    with pytest.raises(NotSupportedError, match="dict object is not a game"):
        write_game({"a": 1}, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_failed_write_leaves_no_partial_file(tmp_path, monkeypatch):
    import coercion._io

    def broken(fh, *args):  # pragma: no cover - replaced os.fsync
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(coercion._io.os, "fsync", broken)
    with pytest.raises(OSError, match="No space left"):
        write_game(PD, tmp_path / "g.nfg")
    assert list(tmp_path.iterdir()) == []


def test_bundled_strategic_games_round_trip(tmp_path):
    for path in sorted(games_dir().glob("*.nfg")):
        g = read_game(path)
        back = read_game(write_game(g, tmp_path / path.name))
        assert back == g and back.comment == g.comment, path.name


# ------------------------------------------------------------ extensive games
def _efg():
    return pytest.importorskip("coercion.game.efg")


def test_extensive_game_reads_and_writes_efg(tmp_path):
    _efg()
    game = read_game(games_dir() / "entry_deterrence.efg")
    assert game.players == ("Entrant", "Incumbent")
    back = read_game(write_game(game, tmp_path / "tree.efg"))
    assert back.to_text() == game.to_text()


def test_extensive_game_to_nfg_writes_reduced_strategic_form(tmp_path):
    _efg()
    game = read_game(games_dir() / "entry_deterrence.efg")
    g = read_game(write_game(game, tmp_path / "tree.nfg"))
    assert isinstance(g, NormalFormGame)
    assert g == game.reduced_strategic_form()
    assert g.title == game.title and g.comment == game.comment


def test_efg_content_is_sniffed(tmp_path):
    _efg()
    text = (games_dir() / "entry_deterrence.efg").read_text(encoding="utf-8")
    path = tmp_path / "tree.game"
    path.write_text(text, encoding="utf-8")
    assert read_game(path).players == ("Entrant", "Incumbent")


def test_mutated_files_raise_only_coercion_errors(tmp_path):
    import numpy as np

    from coercion.errors import CoercionError

    rng = np.random.default_rng(3)
    sources = [p.read_bytes() for p in sorted(games_dir().glob("*.*fg"))]
    for k in range(300):
        data = bytearray(sources[k % len(sources)])
        for _ in range(int(rng.integers(1, 4))):
            op = int(rng.integers(3))
            at = int(rng.integers(len(data) + 1))
            if op == 0:
                del data[at:]
            elif op == 1:
                data[at:at] = rng.bytes(int(rng.integers(1, 4)))
            elif data:
                del data[min(at, len(data) - 1)]
        path = tmp_path / f"m{k}{['.nfg', '.efg', '.txt', '.NFG'][k % 4]}"
        path.write_bytes(bytes(data))
        try:
            read_game(path)
        except CoercionError:
            pass
