"""``coercion thresholds`` and ``coercion sweep`` on the bundled scenarios."""

from __future__ import annotations

import json

import pytest

from coercion.analysis.commands import parse_axis, parse_draw
from coercion.cli import main
from coercion.errors import InvalidParameterError


def test_thresholds_json_is_exact_and_checkable(capsys):
    import coercion as co

    assert (
        main(
            ["thresholds", "rare_earths", "--param", "pain_tolerance.target", "--json"]
        )
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["method"] == "exact" and len(doc["thresholds"]) == 1
    value = doc["thresholds"][0]["value"]
    model = co.build.case_model("rare_earths")
    assert co.is_threshold(
        model, "pain_tolerance.target", value, regime="leader-follower"
    )


def test_sweep_writes_and_resumes(tmp_path, capsys):
    args = [
        "sweep",
        "photoresists",
        "--grid",
        "pain_tolerance.target=0.2:3:3",
        "--draws",
        "pain_tolerance.sender=loguniform:0.5:2",
        "--n",
        "2",
        "--seed",
        "1",
        "--out",
        str(tmp_path),
        "--chunk-size",
        "2",
        "--quiet",
    ]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert "6 points" in first and "3 chunks solved" in first
    assert main([*args, "--resume"]) == 0
    assert "0 chunks solved, 3 resumed" in capsys.readouterr().out
    assert main(args) == 2  # the folder holds a sweep: refuse without --resume
    assert "resume" in capsys.readouterr().err


def test_unknown_parameter_is_one_line_exit_2(capsys):
    assert main(["thresholds", "ai_chips", "--param", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--param" in err and "nope" in err


@pytest.mark.parametrize("text", ["x", "x=", "x=1:2", "x=a:b:3", "x=0:1:0", "x=1,b"])
def test_bad_axes(text):
    with pytest.raises(InvalidParameterError):
        parse_axis(text)


def test_axes_and_draws():
    assert parse_axis("a=1,2.5") == ("a", [1.0, 2.5])
    assert parse_draw("a=uniform:0:1") == ("a", ("uniform", 0.0, 1.0))
