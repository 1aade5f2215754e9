"""``coercion reproduce``: complete output, deterministic data, honest back-test."""

from __future__ import annotations

import pytest

from coercion.cli import main
from coercion.reproduce import ReproduceReport, _Writer, case_study, reproduce


def _data_bytes(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted((folder / "data").rglob("*"))
        if p.is_file()
    }


def _run_case(folder, case="photoresists"):
    writer = _Writer(folder, ReproduceReport(out=folder))
    return case_study(case, n_supply=2, n_weights=15, map_points=4, writer=writer)


def test_case_study_writes_every_figure_with_its_data(tmp_path):
    res = _run_case(tmp_path)
    names = {p.name for p in (tmp_path / "figures").iterdir()}
    for fig in (
        "supply",
        "value_at_risk",
        "pain_tolerance",
        "regime_map",
        "monte_carlo",
    ):
        assert f"photoresists_{fig}.png" in names and f"photoresists_{fig}.svg" in names
    data = {p.name for p in (tmp_path / "data").iterdir()}
    for table in (
        "flows",
        "value_at_risk",
        "equilibria",
        "thresholds",
        "regime_map",
        "monte_carlo",
        "payoff_terms",
    ):
        assert f"photoresists_{table}.csv" in data
    assert "photoresists_sequential.efg" in data
    assert res.key_numbers["largest regret of any equilibrium"] <= 1e-9
    assert {r["question"] for r in res.backtest} >= {
        "does JP restrict?",
        "does KR concede?",
    }


def test_two_runs_give_identical_data_files(tmp_path):
    _run_case(tmp_path / "a")
    _run_case(tmp_path / "b")
    assert _data_bytes(tmp_path / "a") == _data_bytes(tmp_path / "b")


def test_rare_earths_threshold_ratio_is_where_the_target_stops_conceding(tmp_path):
    import coercion as co

    res = _run_case(tmp_path, "rare_earths")
    t = res.key_numbers["threshold target pain tolerance"]
    model = co.build.case_model("rare_earths")
    assert co.is_threshold(model, "pain_tolerance.target", t, regime="leader-follower")
    assert res.key_numbers["threshold ratio target/sender tolerance"] == pytest.approx(
        t / res.key_numbers["sender pain tolerance (central)"]
    )


def test_games_only_and_bad_case(tmp_path, capsys):
    report = reproduce(tmp_path, only="games", progress=False)
    assert {g["file"] for g in report.games} >= {"entry_deterrence.efg"}
    assert (tmp_path / "summary.md").exists() and (tmp_path / "index.html").exists()
    assert main(["reproduce", "--out", str(tmp_path), "--only", "tin"]) == 2
    assert "only" in capsys.readouterr().err


def test_hypotheses_use_the_notebook_functions(tmp_path):
    from coercion.analysis.hypotheses import HYPOTHESES

    report = reproduce(tmp_path, only="hypotheses", progress=False)
    assert [h["name"] for h in report.hypotheses] == list(HYPOTHESES)
    for name in HYPOTHESES:
        assert (tmp_path / "figures" / f"hypothesis_{name}.png").exists()
        assert (tmp_path / "data" / f"hypothesis_{name}.csv").exists()
    assert "## The hypotheses" in (tmp_path / "summary.md").read_text()


@pytest.mark.slow
def test_full_reproduce_twice_is_identical(tmp_path):
    reproduce(tmp_path / "a", progress=False)
    reproduce(tmp_path / "b", progress=False)
    assert _data_bytes(tmp_path / "a") == _data_bytes(tmp_path / "b")
