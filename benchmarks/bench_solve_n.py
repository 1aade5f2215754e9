"""Benchmark the n-player solvers against pygambit and record the figures.

*All equilibria*: :func:`coercion.solve.support.support_enumeration` (exact)
against Gambit's ``enumpoly_solve`` on McKelvey and McLennan's 2x2x2 game (9
equilibria), Nau's 2x2x2 game (a continuum) and seeded random games: generic
(integer payoffs in [-1000, 1000]) and tie-heavy (payoffs in {-1, 0, 1}).
For each peer answer it counts *spurious* profiles (regret above ``1e-6``
times the payoff range) and *missed* isolated equilibria of ours that the
peer does not list (within ``1e-6``); for ours, *missed* counts the peer's
genuine equilibria that we list neither as an equilibrium nor on one of our
arcs or regions.

*One equilibrium*: :func:`coercion.solve.logit_homotopy.homotopy` against Gambit's
``logit_solve`` on seeded random games (3x3x3, 5x5x5, 4 players x 3, 5
players x 2): median time and the share of answers whose regret is at most
``1e-9`` times the payoff range (our certificate's default).

Run ``python benchmarks/bench_solve_n.py`` from the repository; it prints the
figures and replaces the ``solve-n`` section of ``docs/benchmarks.md``
(``--no-write`` to only print, ``--quick`` for fewer games).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
from _sections import write_section as _write_section

SECTION = "solve-n"
DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"

MCKELVEY_MCLENNAN = {
    (0, 0, 0): (9, 8, 12),
    (1, 1, 0): (9, 8, 2),
    (1, 0, 1): (3, 4, 6),
    (0, 1, 1): (3, 4, 6),
}
NAU = {
    (0, 0, 0): (0, 0, 2),
    (1, 0, 0): (3, 0, 0),
    (0, 1, 0): (0, 3, 0),
    (0, 0, 1): (1, 1, 0),
    (1, 1, 1): (0, 0, 3),
}


def _from_outcomes(outcomes: dict, shape: tuple[int, ...]) -> np.ndarray:
    arr = np.zeros((len(shape), *shape), dtype=np.int64)
    for prof, pay in outcomes.items():
        for p, v in enumerate(pay):
            arr[(p, *prof)] = v
    return arr


def _random(shape: tuple[int, ...], lo: int, hi: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(lo, hi + 1, size=(len(shape), *shape))


def _gambit_game(arr: np.ndarray) -> Any:
    import pygambit as gbt

    return gbt.Game.from_arrays(*[arr[p].astype(int) for p in range(arr.shape[0])])


def _gambit_profiles(g: Any, result: Any) -> list[list[np.ndarray]]:
    return [
        [np.array([float(e[s]) for s in pl.strategies]) for pl in g.players]
        for e in result.equilibria
    ]


def _close(a: list[np.ndarray], b: list[np.ndarray], tol: float = 1e-6) -> bool:
    return all(np.max(np.abs(np.asarray(x, float) - y)) <= tol for x, y in zip(a, b))


def _on_continuum(eqs: Any, prof: list[np.ndarray]) -> bool:
    """Is ``prof`` on one of our arcs (checked at its parameter) or in a region?"""
    from fractions import Fraction

    for comp in eqs.components or ():
        for cont in comp.continua:
            if cont.interval is None:
                # a region: membership by its support (a coarse check)
                sup = tuple(
                    tuple(s for s, x in zip(eqs.game.strategies[p], v) if x > 1e-9)
                    for p, v in enumerate(prof)
                )
                if all(set(a) <= set(b) for a, b in zip(sup, cont.support)):
                    return True
                continue
            player, strat = cont.parameter
            p = eqs.game.players.index(player)
            t = float(prof[p][eqs.game.strategies[p].index(strat)])
            lo, hi = (float(v) for v in cont.interval)
            if not lo - 1e-9 <= t <= hi + 1e-9:
                continue
            t = min(max(Fraction(t), Fraction(lo)), Fraction(hi))
            try:
                there = cont.profile_at(float(t))
            except Exception:
                continue
            if _close([np.array(v, float) for v in there], prof, 1e-5):
                return True
    return False


def bench_all(games: list[tuple[str, np.ndarray]]) -> list[dict[str, Any]]:
    import coercion as co
    from coercion.solve.support import support_enumeration

    try:
        import pygambit as gbt
    except ImportError:  # pragma: no cover - optional peer
        gbt = None
    rows = []
    for name, arr in games:
        g = co.NormalFormGame(arr.tolist())
        t = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            eqs = support_enumeration(g)
        ours_t = time.perf_counter() - t
        assert all(e.is_certified for e in eqs)
        arcs = sum(len(c.continua) for c in eqs.components or ())
        row: dict[str, Any] = {
            "game": name,
            "ours_s": ours_t,
            "ours_n": len(eqs),
            "ours_arcs": arcs,
            "ours_complete": eqs.complete,
        }
        if gbt is not None:
            gg = _gambit_game(arr)
            t = time.perf_counter()
            res = gbt.nash.enumpoly_solve(gg)
            row["gambit_s"] = time.perf_counter() - t
            theirs = _gambit_profiles(gg, res)
            limit = 1e-6 * max(1.0, g.payoff_range())
            genuine = [p for p in theirs if co.regret(g.to_float(), p) <= limit]
            row["gambit_n"] = len(theirs)
            row["gambit_spurious"] = len(theirs) - len(genuine)
            isolated = [
                e
                for e in eqs
                if not e.extra.get("region_sample") and not e.extra.get("arc_end")
            ]
            row["gambit_missed"] = sum(
                not any(_close(list(e.profile), p) for p in theirs) for e in isolated
            )
            row["ours_missed"] = sum(
                not any(_close(list(e.profile), p) for e in eqs)
                and not _on_continuum(eqs, p)
                for p in genuine
            )
        rows.append(row)
    return rows


def bench_one(games: list[tuple[str, np.ndarray]]) -> list[dict[str, Any]]:
    import coercion as co
    from coercion.solve.logit_homotopy import homotopy

    try:
        import pygambit as gbt
    except ImportError:  # pragma: no cover - optional peer
        gbt = None
    groups: dict[str, dict[str, list]] = {}
    for name, arr in games:
        g = co.NormalFormGame(arr.tolist())
        limit = g.default_tol()
        d = groups.setdefault(name, {"ours": [], "ours_ok": [], "gb": [], "gb_ok": []})
        t = time.perf_counter()
        try:
            eq = homotopy(g, seed=0)[0]
            ok = co.regret(g, list(eq.profile)) <= limit
        except co.SolverError:
            ok = False
        d["ours"].append(time.perf_counter() - t)
        d["ours_ok"].append(ok)
        if gbt is not None:
            gg = _gambit_game(arr)
            t = time.perf_counter()
            res = gbt.nash.logit_solve(gg)
            d["gb"].append(time.perf_counter() - t)
            prof = _gambit_profiles(gg, res)[0]
            d["gb_ok"].append(co.regret(g.to_float(), prof) <= limit)
    rows = []
    for name, d in groups.items():
        row = {
            "games": name,
            "count": len(d["ours"]),
            "ours_s": statistics.median(d["ours"]),
            "ours_certified": sum(d["ours_ok"]),
        }
        if d["gb"]:
            row["gambit_s"] = statistics.median(d["gb"])
            row["gambit_within_tol"] = sum(d["gb_ok"])
        rows.append(row)
    return rows


def _fmt_s(v: float) -> str:
    return f"{v:.3f}" if v < 10 else f"{v:.1f}"


def section_text(all_rows: list[dict], one_rows: list[dict]) -> str:
    try:
        import pygambit

        peer = f"pygambit {pygambit.__version__}"
    except ImportError:
        peer = "pygambit not installed"
    lines = [
        f"<!-- BEGIN {SECTION} -->",
        "## n-player games",
        "",
        "Measured by `python benchmarks/bench_solve_n.py` (one run per game; "
        f"peer: {peer}).",
        "",
        "### All equilibria: `support_enumeration` (exact) vs Gambit `enumpoly_solve`",
        "",
        "Counts: equilibria listed (ours: isolated ones plus the ends and samples of "
        "continua; arcs/regions in brackets). *Spurious*: peer profiles with regret "
        "above 1e-6 x payoff range. *Gambit missed*: our isolated equilibria the peer "
        "does not list. *Ours missed*: genuine peer equilibria we list neither as an "
        "equilibrium nor on a continuum.",
        "",
        "| game | ours (s) | ours: equilibria [continua] | complete | gambit (s) "
        "| gambit: profiles | spurious | gambit missed | ours missed |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in all_rows:
        lines.append(
            f"| {r['game']} | {_fmt_s(r['ours_s'])} | {r['ours_n']} [{r['ours_arcs']}] "
            f"| {'yes' if r['ours_complete'] else 'no (region)'} "
            f"| {_fmt_s(r['gambit_s']) if 'gambit_s' in r else '-'} "
            f"| {r.get('gambit_n', '-')} | {r.get('gambit_spurious', '-')} "
            f"| {r.get('gambit_missed', '-')} | {r.get('ours_missed', '-')} |"
        )
    tot_o = sum(r["ours_s"] for r in all_rows)
    tot_g = sum(r.get("gambit_s", 0.0) for r in all_rows)
    lines += [
        "",
        f"Total time: ours {_fmt_s(tot_o)} s, Gambit {_fmt_s(tot_g)} s"
        + (f" (ratio {tot_o / tot_g:.0f}x)." if tot_g > 0 else "."),
        "Ours is exact (Gröbner bases over the rationals in sympy, exact sign "
        "tests) and reports continua; Gambit's enumpoly is floating point.",
        "",
        "### One equilibrium: `homotopy` (logit tracing, polished) vs Gambit "
        "`logit_solve`",
        "",
        "Random games with uniform integer payoffs in [-1000, 1000]; *within tol*: "
        "regret at most 1e-9 x payoff range (our certificate's default).",
        "",
        "| games | count | ours median (s) | ours certified | gambit median (s) "
        "| gambit within tol |",
        "|---|---|---|---|---|---|",
    ]
    for r in one_rows:
        lines.append(
            f"| {r['games']} | {r['count']} | {_fmt_s(r['ours_s'])} "
            f"| {r['ours_certified']}/{r['count']} "
            f"| {_fmt_s(r['gambit_s']) if 'gambit_s' in r else '-'} "
            f"| {r.get('gambit_within_tol', '-')}/{r['count']} |"
        )
    lines += [
        "",
        f"Measured {_dt.date.today().isoformat()} with Python "
        f"{platform.python_version()} on {platform.system()} {platform.machine()} "
        f"({os.cpu_count()} CPUs, shared with other work).",
        f"<!-- END {SECTION} -->",
    ]
    return "\n".join(lines)


def write_section(text: str, doc: Path = DOC) -> None:
    """Replace this benchmark's section of the page (only it)."""
    _write_section(SECTION, text, doc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    k = 2 if args.quick else 5
    all_games = [
        ("McKelvey-McLennan 2x2x2", _from_outcomes(MCKELVEY_MCLENNAN, (2, 2, 2))),
        ("Nau 2x2x2", _from_outcomes(NAU, (2, 2, 2))),
    ]
    all_games += [
        (f"random 2x2x2 generic #{s}", _random((2, 2, 2), -1000, 1000, s))
        for s in range(k)
    ]
    all_games += [
        (f"random 2x2x2 ties #{s}", _random((2, 2, 2), -1, 1, s)) for s in range(k)
    ]
    all_games += [
        (f"random 2x2x2x2 generic #{s}", _random((2, 2, 2, 2), -1000, 1000, s))
        for s in range(2)
    ]
    all_games += [
        (f"random 3x3x3 generic #{s}", _random((3, 3, 3), -1000, 1000, s))
        for s in range(1 if args.quick else 2)
    ]
    one_games = []
    for shape, label, count in [
        ((3, 3, 3), "3x3x3", k),
        ((5, 5, 5), "5x5x5", k),
        ((3, 3, 3, 3), "4 players x 3", k),
        ((2, 2, 2, 2, 2), "5 players x 2", k),
    ]:
        one_games += [
            (label, _random(shape, -1000, 1000, 100 + s)) for s in range(count)
        ]
    # warm-up: import sympy and pygambit outside the timings
    bench_all([("warm-up", _random((2, 2), -5, 5, 0))])
    bench_one([("warm-up", _random((2, 2), -5, 5, 0))])
    all_rows = bench_all(all_games)
    for r in all_rows:
        print(r)
    one_rows = bench_one(one_games)
    for r in one_rows:
        print(r)
    if not args.no_write:
        write_section(section_text(all_rows, one_rows))
        print(f"wrote the {SECTION!r} section of {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
