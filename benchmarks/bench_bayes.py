"""Time Bayesian games, signaling PBE and miscalculation, and record the figures.

Three workloads: (1) ``co.bayesian_nash`` on symmetric chicken with a private
collision cost uniform on ``K`` values per side (the plans form is
``2^K x 2^K``), checking that the tree form (``co.solve(game.to_extensive())``)
finds the same pure equilibria; (2) ``co.perfect_bayesian_equilibria`` on
Beer-Quiche and on random two-type signaling games with 3 messages and 3
actions; (3) ``co.miscalculation`` on the crisis of the explanation page.

Run ``python benchmarks/bench_bayes.py`` from the repository; it prints the
figures and replaces the ``bayes`` section of ``docs/benchmarks.md``
(``--no-write`` to only print).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import random
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

from _sections import write_section as _write_section

SECTION = "bayes"
DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000.0 * statistics.median(times)


def private_cost_chicken(K: int):
    import coercion as co

    a, b = Fraction(3, 2), 1
    costs = {f"c{j}": j for j in range(1, K + 1)}

    def u(own, other, c):
        if own == "firm":
            return a if other == "yield" else -c
        return -b if other == "firm" else 0

    uniform = {t: Fraction(1, K) for t in costs}
    return co.BayesianGame(
        ["A", "B"],
        [list(costs)] * 2,
        [["firm", "yield"]] * 2,
        [uniform, uniform],
        lambda t, x: [u(x[0], x[1], costs[t[0]]), u(x[1], x[0], costs[t[1]])],
    )


def beer_quiche():
    import coercion as co

    def u(t, m, a):
        pref = int((t == "strong") == (m == "beer"))
        duel = a == "duel"
        return (pref + (0 if duel else 2), (1 if t == "weak" else -1) if duel else 0)

    return co.signaling_game(
        ["strong", "weak"],
        {"strong": "9/10", "weak": "1/10"},
        ["beer", "quiche"],
        ["duel", "not"],
        u,
    )


def random_signaling(seed: int):
    import coercion as co

    rng = random.Random(seed)
    M, A = ["m0", "m1", "m2"], ["a0", "a1", "a2"]
    table = {
        (t, m, a): (rng.randint(-3, 3), rng.randint(-3, 3))
        for t in ("t0", "t1")
        for m in M
        for a in A
    }
    w = rng.randint(1, 4)
    return co.signaling_game(
        ["t0", "t1"], {"t0": Fraction(w, 5), "t1": Fraction(5 - w, 5)}, M, A, table
    )


def crisis():
    import coercion as co

    cost = {"-": 5, "tough": Fraction(1, 2), "soft": 4}

    def chicken(types, acts):
        def one(own, other, c):
            if own == "firm":
                return 2 if other == "yield" else -c
            return -1 if other == "firm" else 0

        return (
            one(acts[0], acts[1], cost[types[0]]),
            one(acts[1], acts[0], cost[types[1]]),
        )

    return co.BayesianGame(
        ["Sender", "Target"],
        [["-"], ["tough", "soft"]],
        [["firm", "yield"]] * 2,
        [{"-": 1}, {"tough": "1/2", "soft": "1/2"}],
        chicken,
    )


def measure(runs: int) -> list[dict[str, object]]:
    import coercion as co

    rows: list[dict[str, object]] = []
    warnings.simplefilter("ignore")
    for K in (2, 3, 4):
        g = private_cost_chicken(K)
        eqs = co.bayesian_nash(g)
        ms = _median_ms(lambda g=g: co.bayesian_nash(g), max(1, runs // (K * K)))
        tree = g.to_extensive()
        tree_ms = _median_ms(
            lambda t=tree: co.solve(t, method="pure"), max(1, runs // K)
        )
        pure_tree = co.solve(tree, method="pure")
        rows.append(
            {
                "workload": f"bayesian_nash, private-cost chicken K={K} "
                f"({2**K}x{2**K} plans)",
                "ms": ms,
                "result": f"{len(eqs)} equilibria, all certified "
                f"{all(e.is_certified for e in eqs)}; tree pure {len(pure_tree)} "
                f"vs plans pure {sum(e.is_pure for e in eqs)} ({tree_ms:.1f} ms)",
            }
        )
    bq = beer_quiche()
    rows.append(
        {
            "workload": "perfect_bayesian_equilibria, Beer-Quiche",
            "ms": _median_ms(lambda: co.perfect_bayesian_equilibria(bq), runs),
            "result": ", ".join(e.kind for e in co.perfect_bayesian_equilibria(bq)),
        }
    )
    games = [random_signaling(s) for s in range(50)]
    t = time.perf_counter()
    found = [co.perfect_bayesian_equilibria(g) for g in games]
    ms = 1000.0 * (time.perf_counter() - t) / len(games)
    kinds: dict[str, int] = {}
    for eqs in found:
        for e in eqs:
            kinds[e.kind] = kinds.get(e.kind, 0) + 1
    rows.append(
        {
            "workload": "perfect_bayesian_equilibria, 50 random games (2 types, 3 "
            "messages, 3 actions), mean per game",
            "ms": ms,
            "result": ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())),
        }
    )
    g = crisis()
    optimist = [{"-": 1}, {"tough": "1/10", "soft": "9/10"}]
    res = co.miscalculation(g, [optimist, None], escalate="firm")
    rows.append(
        {
            "workload": "miscalculation, one-sided crisis (docs example)",
            "ms": _median_ms(
                lambda: co.miscalculation(g, [optimist, None], escalate="firm"), runs
            ),
            "result": f"standoff {res.standoff_probability} "
            f"(common prior {res.benchmark_standoff_probability})",
        }
    )
    return rows


def section_text(rows: list[dict[str, object]], runs: int) -> str:
    lines = [
        f"<!-- BEGIN {SECTION} -->",
        "## Bayesian games, signaling and miscalculation",
        "",
        f"`python benchmarks/bench_bayes.py` ({_dt.date.today().isoformat()}, "
        f"Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores shared with other jobs; median of up to {runs} runs). "
        "All arithmetic exact.",
        "",
        "| workload | time (ms) | result |",
        "|---|---:|---|",
    ]
    for r in rows:
        lines.append(f"| {r['workload']} | {float(r['ms']):.1f} | {r['result']} |")
    lines.append(f"<!-- END {SECTION} -->")
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
        print(f"{r['workload']}: {float(r['ms']):.1f} ms; {r['result']}")
    if not args.no_write:
        write_section(section_text(rows, args.runs))
        print(f"wrote the {SECTION!r} section of {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
