"""Time extensive games and ``.efg`` files and record the figures.

Two trees stand for the toolkit's uses: an *escalation ladder* (two players take
turns to stop or escalate, ``2 * rungs + 1`` nodes, a deep chain) and a *bushy
Bayesian game* (nature draws one of 8 types of player 1, then the players
alternate for 6 moves with 3 actions each; player 1 sees its type and the
history, player 2 only the history; 8,745 nodes, exact payoffs). For each it
measures the median time of building the tree with the builder API,
``format_efg``, ``parse_efg``, ``expected_payoffs`` of the uniform behavior
profile, ``has_perfect_recall`` and (shorter ladders) ``reduced_strategic_form``.

Run ``python benchmarks/bench_extensive.py`` from the repository; it prints the
figures and replaces the ``extensive`` section of ``docs/benchmarks.md``
(``--no-write`` to only print). pygambit, when installed, reads the same text
for comparison.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

from _sections import write_section as _write_section

SECTION = "extensive"
DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000.0 * statistics.median(times)


def ladder(rungs: int):
    """Players alternate: stop (payoffs depend on the rung) or escalate."""
    import coercion as co

    g = co.ExtensiveGame(["Sender", "Target"], title=f"ladder {rungs}")
    x = g.root
    for r in range(rungs):
        stop, x = x.decide(r % 2, ["stop", "escalate"])
        stop.set_outcome([Fraction(r, 3) - (r % 2), Fraction(-r, 5) + (r % 2)])
    x.set_outcome([-rungs, -rungs])
    return g


def bushy(types: int = 8, rounds: int = 6, width: int = 3):
    """Nature draws player 1's type; the players alternate ``rounds`` moves."""
    import coercion as co

    g = co.ExtensiveGame(["informed", "uninformed"], title="bushy Bayesian game")
    kids = g.root.chance(
        [f"type {t}" for t in range(types)], [Fraction(1, types)] * types
    )
    frontier = [(x, t, ()) for t, x in enumerate(kids)]
    actions = [f"a{k}" for k in range(width)]
    for r in range(rounds):
        nxt = []
        player = r % 2
        for x, t, hist in frontier:
            label = f"{t}:{hist}" if player == 0 else f"{hist}"
            for a, c in zip(range(width), x.decide(player, actions, infoset=label)):
                nxt.append((c, t, (*hist, a)))
        frontier = nxt
    for x, t, hist in frontier:
        s = sum(hist)
        x.set_outcome([Fraction(t * s, 7) - len(hist), Fraction(s - t, 3)])
    return g


def measure(runs: int) -> list[dict[str, object]]:
    from coercion.game.efg import format_efg, parse_efg

    rows = []
    cases = [
        ("ladder, 30 rungs", lambda: ladder(30), True),
        ("ladder, 200 rungs", lambda: ladder(200), True),
        ("ladder, 1000 rungs", lambda: ladder(1000), False),
        ("bushy Bayesian game", bushy, False),
    ]
    for name, build, nf in cases:
        g = build()
        text = format_efg(g)
        beh = g.uniform_behavior()
        row: dict[str, object] = {
            "name": name,
            "nodes": len(g.nodes()),
            "bytes": len(text.encode()),
            "build": _median_ms(build, runs),
            "format": _median_ms(lambda g=g: format_efg(g), runs),
            "parse": _median_ms(lambda t=text: parse_efg(t), runs),
            "expected": _median_ms(lambda g=g, b=beh: g.expected_payoffs(b), runs),
            "recall": _median_ms(lambda g=g: g.has_perfect_recall(), runs),
            "nf": None,
            "shape": None,
            "gambit": None,
        }
        if nf:
            nfg = g.reduced_strategic_form()
            row["shape"] = "x".join(map(str, nfg.shape))
            row["nf"] = _median_ms(g.reduced_strategic_form, max(1, runs // 5))
        try:
            import pygambit

            row["gambit"] = _median_ms(
                lambda t=text: pygambit.read_efg(__import__("io").StringIO(t)), runs
            )
        except Exception:  # pygambit absent or with another API: no comparison
            pass
        rows.append(row)
    return rows


def _fmt(v: object) -> str:
    return "-" if v is None else f"{v:.1f}" if isinstance(v, float) else str(v)


def section_text(rows: list[dict[str, object]], runs: int) -> str:
    today = _dt.date.today().isoformat()
    lines = [
        f"<!-- BEGIN {SECTION} -->",
        "## Extensive games and `.efg` files",
        "",
        f"Median wall time in milliseconds over {runs} runs, measured by "
        "`python benchmarks/bench_extensive.py`: building the tree with "
        "`node.decide`/`node.chance`/`node.set_outcome`, `format_efg`, `parse_efg` "
        "(exact numbers, every check), `expected_payoffs` of the uniform behavior "
        "profile (exact), `has_perfect_recall`, and `reduced_strategic_form` "
        "(exact payoffs).",
        "",
        "| tree | nodes | file bytes | build | format | parse | expected payoffs "
        "| perfect recall | reduced form (shape) | pygambit read |",
        "|------|-------|------------|-------|--------|-------|------------------"
        "|----------------|----------------------|---------------|",
    ]
    for r in rows:
        nf = "-" if r["nf"] is None else f"{r['nf']:.1f} ({r['shape']})"
        lines.append(
            f"| {r['name']} | {r['nodes']} | {r['bytes']} | {_fmt(r['build'])} | "
            f"{_fmt(r['format'])} | {_fmt(r['parse'])} | {_fmt(r['expected'])} | "
            f"{_fmt(r['recall'])} | {nf} | {_fmt(r['gambit'])} |"
        )
    lines += [
        "",
        f"Measured {today} with Python {platform.python_version()} on "
        f"{platform.system()} {platform.machine()} ({os.cpu_count()} CPUs, shared "
        "with other work). The last column times `pygambit.read_efg` (Gambit's "
        "C++ reader, with its label checks) on the same text; `-` when pygambit "
        "is not installed. "
        "Parsing spends most of its time in the shared tokenizer "
        "(`coercion.game._gambit.tokenize`); every traversal is iterative, so deep "
        "trees meet no recursion limit.",
        f"<!-- END {SECTION} -->",
    ]
    return "\n".join(lines)


def write_section(text: str, doc: Path = DOC) -> None:
    """Replace this benchmark's section of the page (only it)."""
    _write_section(SECTION, text, doc)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    rows = measure(args.runs)
    for r in rows:
        print(", ".join(f"{k} {_fmt(v)}" for k, v in r.items()))
    if not args.no_write:
        write_section(section_text(rows, args.runs))
        print(f"wrote the {SECTION!r} section of {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
