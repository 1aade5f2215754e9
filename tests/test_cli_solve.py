"""Tests of ``coercion solve FILE``: the JSON document and the readable table."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from coercion.cli import main

# Battle of the sexes (Osborne 2004, Example 18.2) as a Gambit outcome-free
# payoff list: profiles in order (1,1), (2,1), (1,2), (2,2), player 1 fastest.
BOS_NFG = """NFG 1 R "Battle of the sexes" { "Ann" "Bob" }
{ { "opera" "boxing" } { "opera" "boxing" } }

2 1 0 0 0 0 1 2
"""

# A three-player game: everyone is paid 1 when all three match.
MATCH3_NFG = """NFG 1 R "Match" { "A" "B" "C" } { 2 2 2 }

1 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 1 1
"""


@pytest.fixture
def bos_file(tmp_path):
    path = tmp_path / "bos.nfg"
    path.write_text(BOS_NFG)
    return str(path)


def run_json(capsys, *argv):
    assert main(["solve", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_document_exact(capsys, bos_file):
    doc = run_json(capsys, bos_file)
    assert doc == {
        "equilibria": [
            {
                "profile": [["1", "0"], ["1", "0"]],
                "payoffs": ["2", "1"],
                "max_regret": "0",
            },
            {
                "profile": [["2/3", "1/3"], ["1/3", "2/3"]],
                "payoffs": ["2/3", "2/3"],
                "max_regret": "0",
            },
            {
                "profile": [["0", "1"], ["0", "1"]],
                "payoffs": ["1", "2"],
                "max_regret": "0",
            },
        ],
        "method": "vertex-enumeration (exact)",
        "exact": True,
    }


def test_json_document_float(capsys, bos_file):
    doc = run_json(capsys, bos_file, "--float")
    assert doc["exact"] is False
    assert doc["method"] == "vertex-enumeration (float, certified)"
    mixed = doc["equilibria"][1]
    assert all(isinstance(v, float) for s in mixed["profile"] for v in s)
    assert mixed["profile"][0] == pytest.approx([2 / 3, 1 / 3])
    assert isinstance(mixed["max_regret"], float) and mixed["max_regret"] <= 1e-9


def test_one_pure_and_method(capsys, bos_file):
    assert len(run_json(capsys, bos_file, "--one")["equilibria"]) == 1
    doc = run_json(capsys, bos_file, "--pure")
    assert doc["method"] == "pure" and len(doc["equilibria"]) == 2
    doc = run_json(capsys, bos_file, "--method", "pure")
    assert doc["method"] == "pure"


def test_bundled_zero_sum_game_one(capsys):
    doc = run_json(capsys, "matching_pennies", "--one")
    assert doc["method"] == "zero-sum LP (HiGHS, exact)"
    assert doc["equilibria"][0]["profile"] == [["1/2", "1/2"], ["1/2", "1/2"]]


def test_three_players_pure(capsys, tmp_path):
    path = tmp_path / "match3.nfg"
    path.write_text(MATCH3_NFG)
    doc = run_json(capsys, str(path), "--pure")
    assert [e["profile"] for e in doc["equilibria"]] == [
        [["1", "0"], ["1", "0"], ["1", "0"]],
        [["0", "1"], ["0", "1"], ["0", "1"]],
    ]


def test_tree_gives_behavior_profiles_per_information_set(capsys):
    doc = run_json(capsys, "entry_deterrence.efg")
    profiles = [e["profile"] for e in doc["equilibria"]]
    # per player, per information set, per action
    assert [[["0", "1"]], [["0", "1"]]] in profiles  # (In; Accommodate)
    assert [[["1", "0"]], [["1", "0"]]] in profiles  # (Out; Fight)
    assert doc["exact"] is True


def test_degenerate_warning_is_one_line_on_stderr(capsys):
    assert main(["solve", "entry_deterrence.efg", "--json"]) == 0
    captured = capsys.readouterr()
    json.loads(captured.out)  # stdout stays one JSON document
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("coercion: warning: ")
    assert "degenerate" in lines[0]


def test_readable_table(capsys, bos_file):
    assert main(["solve", bos_file]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "3 equilibria, method vertex-enumeration (exact), exact, complete"
    )
    assert "opera: 2/3, boxing: 1/3" in out and "Ann" in out and "regret" in out


def test_tree_readable(capsys):
    assert main(["solve", "entry_deterrence.efg"]) == 0
    out = capsys.readouterr().out
    assert "Incumbent" in out and "Accommodate: 1" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--method", "newton"], "unknown method 'newton'; valid methods are 'auto'"),
        (["--pure", "--method", "enumeration"], "--pure cannot be combined"),
    ],
)
def test_errors_are_one_line(capsys, bos_file, argv, message):
    assert main(["solve", bos_file, *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and message in err and bos_file in err


def test_spe_on_a_tree(capsys):
    pytest.importorskip("coercion.solve.subgame_perfect")
    doc = run_json(capsys, "entry_deterrence.efg", "--spe")
    # Selten's entry game: the only subgame-perfect equilibrium is
    # (In; Accommodate), per player per information set.
    assert [e["profile"] for e in doc["equilibria"]] == [[[["0", "1"]], [["0", "1"]]]]


def test_spe_on_a_strategic_game_is_a_clear_error(capsys, bos_file):
    assert main(["solve", bos_file, "--spe"]) == 2
    err = capsys.readouterr().err
    assert "--spe) need a game tree" in err and bos_file in err


def test_missing_file(capsys, tmp_path):
    assert main(["solve", str(tmp_path / "nope.nfg")]) == 2
    assert "nope.nfg" in capsys.readouterr().err


def test_console_entry_point_prints_json(bos_file):
    out = subprocess.run(
        [sys.executable, "-m", "coercion", "solve", bos_file, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(json.loads(out.stdout)["equilibria"]) == 3
