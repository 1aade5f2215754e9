"""The ``coercion`` command line: ``--help``, ``show``, ``convert`` and its errors."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from coercion import __version__
from coercion._data import games_dir
from coercion.cli import main
from coercion.game.io import read_game

PENNIES = games_dir() / "matching_pennies.nfg"
TREE = games_dir() / "entry_deterrence.efg"


def _one_line_error(capsys, status):
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("coercion: error: "), err
    assert "Traceback" not in err
    return err.strip()


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    for command in ("show", "convert", "solve", "reproduce"):
        assert command in out


def test_no_command_prints_help(capsys):
    assert main([]) == 0
    assert "usage: coercion" in capsys.readouterr().out


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"coercion {__version__}"


def test_show_prints_a_table(capsys):
    assert main(["show", str(PENNIES)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Matching pennies"
    assert out[1].startswith("comment: Zero-sum textbook game")
    assert out[2:] == [
        "Row \\ Column  heads  tails",
        "heads         1, -1  -1, 1",
        "tails         -1, 1  1, -1",
    ]


def test_show_finds_a_bundled_game_by_name(capsys):
    assert main(["show", "matching_pennies"]) == 0
    assert "heads" in capsys.readouterr().out


def test_show_prints_a_tree(capsys):
    pytest.importorskip("coercion.game.efg")
    assert main(["show", str(TREE)]) == 0
    out = capsys.readouterr().out
    assert "Entrant" in out and "Accommodate" in out


def test_convert_nfg_round_trip(tmp_path, capsys):
    out_path = tmp_path / "copy.nfg"
    assert main(["convert", str(PENNIES), str(out_path)]) == 0
    assert capsys.readouterr() == ("", "")
    assert read_game(out_path) == read_game(PENNIES)


def test_convert_efg_to_nfg_writes_reduced_strategic_form(tmp_path):
    pytest.importorskip("coercion.game.efg")
    out_path = tmp_path / "tree.nfg"
    assert main(["convert", str(TREE), str(out_path)]) == 0
    g = read_game(out_path)
    assert g == read_game(TREE).reduced_strategic_form()


def test_convert_efg_round_trip(tmp_path):
    pytest.importorskip("coercion.game.efg")
    out_path = tmp_path / "tree.efg"
    assert main(["convert", str(TREE), str(out_path)]) == 0
    assert read_game(out_path).to_text() == read_game(TREE).to_text()


def test_parse_error_names_file_line_and_column(tmp_path, capsys):
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "t" { "A" "B" }\n{ 2 2 }\n1 2 3 x 5 6 7 8\n')
    out_path = tmp_path / "out.nfg"
    err = _one_line_error(capsys, main(["convert", str(bad), str(out_path)]))
    assert f"{bad}:3:7: 'x' is not a number" in err
    assert not out_path.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_missing_file(tmp_path, capsys):
    missing = tmp_path / "missing.nfg"
    err = _one_line_error(capsys, main(["show", str(missing)]))
    assert err == f"coercion: error: {missing}: no such file"


def test_directory(tmp_path, capsys):
    err = _one_line_error(capsys, main(["show", str(tmp_path)]))
    assert str(tmp_path) in err


def test_not_utf8(tmp_path, capsys):
    bad = tmp_path / "bad.nfg"
    bad.write_bytes(b'NFG 1 R "\xff" { "A" } { 1 } 1')
    err = _one_line_error(capsys, main(["show", str(bad)]))
    assert f"{bad}:1:10: byte b'\\xff' is not valid UTF-8" in err


def test_unknown_output_suffix_writes_nothing(tmp_path, capsys):
    out_path = tmp_path / "out.json"
    err = _one_line_error(capsys, main(["convert", str(PENNIES), str(out_path)]))
    assert "out.json" in err and "expected '.nfg' or '.efg'" in err
    assert list(tmp_path.iterdir()) == []


def test_output_folder_missing_names_the_output(tmp_path, capsys):
    out_path = tmp_path / "no" / "such" / "out.nfg"
    err = _one_line_error(capsys, main(["convert", str(PENNIES), str(out_path)]))
    assert err == f"coercion: error: {out_path}: no such file"


def test_strategic_game_to_efg_is_refused(tmp_path, capsys):
    out_path = tmp_path / "out.efg"
    err = _one_line_error(capsys, main(["convert", str(PENNIES), str(out_path)]))
    assert "strategic game cannot be written" in err
    assert not out_path.exists()


def test_entry_point_runs_in_a_subprocess(tmp_path):
    script = Path(sys.executable).parent / "coercion"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "coercion"]
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "t" { "A" } { 2 }\n1 "x"\n')
    run = subprocess.run(
        [*command, "show", str(bad)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.startswith(f"coercion: error: {bad}:2:3: found label 'x'")
    assert run.stderr.count("\n") == 1
    run = subprocess.run(
        [*command, "show", str(PENNIES)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert "heads         1, -1  -1, 1" in run.stdout
    assert read_game(PENNIES)["heads", "heads"] == (Fraction(1), Fraction(-1))


def test_reproduce_help_lists_every_part_only_accepts(capsys):
    from coercion.cli import main
    from coercion.reproduce import CASES

    with pytest.raises(SystemExit):
        main(["reproduce", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    for part in (*CASES, "hypotheses", "games"):
        assert part in text
