r"""``coercion reproduce``: the three case studies, from sourced data to figures.

For each case (rare earths, photoresists, AI chips) :func:`reproduce`

1. loads the scenario (``games/<case>.toml``, every number sourced) and builds
   its supply graph; draws it and writes its flows and the dependence of the
   target on the sender's main product;
2. propagates the sender's heaviest rung (the cut) through the graph and writes
   the value at risk over the horizon, by node and over time;
3. compiles the export-control game (:func:`coercion.build.case_model`), solves
   the simultaneous game for all its equilibria (each certified) and the
   sequential game (the sender moves first, the target answers) for its
   subgame-perfect equilibria, and writes the sequential game as a Gambit
   ``.efg`` file;
4. finds the escalation thresholds in the two pain tolerances, exactly, and
   draws the regime map over both;
5. runs a seeded Monte Carlo over the scenario's uncertain parameters and
   writes the share of draws in which each outcome is predicted;
6. compares the prediction with what happened (the back-test).

Then it runs the eight hypothesis analyses of
:mod:`coercion.analysis.hypotheses`, the same functions the notebooks call, so a
notebook and ``reproduce`` draw the same figure from the same code.

It also solves every bundled Gambit example game (``games/*.nfg``,
``games/*.efg``). The output folder holds ``figures/`` (PNG and SVG),
``data/`` (CSV and ``.efg``: the data behind every figure), ``summary.md`` and a
self-contained ``index.html``. Every file is written atomically; the data files
are deterministic, so two runs give identical bytes.

Examples
--------
>>> import coercion as co
>>> from coercion.reproduce import CASES
>>> CASES
('rare_earths', 'photoresists', 'ai_chips')
"""

from __future__ import annotations

import base64
import html
import json
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from coercion._data import bundled_games
from coercion._io import atomic_write_text
from coercion.errors import InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["reproduce", "ReproduceReport", "CaseResult", "CASES", "case_study"]

CASES = ("rare_earths", "photoresists", "ai_chips")
SEED = 20251130
N_SUPPLY_DRAWS = 6
N_WEIGHT_DRAWS = 200
MAP_POINTS = 25


# ---------------------------------------------------------------- results
@dataclass
class CaseResult:
    """What :func:`case_study` found for one case."""

    case: str
    title: str
    sender: str
    target: str
    key_numbers: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)
    backtest: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class ReproduceReport:
    """What :func:`reproduce` wrote: the output folder, cases and files."""

    out: Path
    cases: list[CaseResult] = field(default_factory=list)
    games: list[dict[str, Any]] = field(default_factory=list)
    hypotheses: list[dict[str, Any]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


# ---------------------------------------------------------------- writing
def _csv(df: pd.DataFrame) -> str:
    return df.to_csv(index=False, float_format="%.10g", lineterminator="\n")


class _Writer:
    def __init__(self, out: Path, report: ReproduceReport) -> None:
        self.out = out
        self.report = report
        (out / "data").mkdir(parents=True, exist_ok=True)
        (out / "figures").mkdir(parents=True, exist_ok=True)

    def table(self, name: str, df: pd.DataFrame) -> Path:
        path = atomic_write_text(self.out / "data" / f"{name}.csv", _csv(df))
        self.report.files.append(path)
        return path

    def text(self, rel: str, text: str) -> Path:
        (self.out / rel).parent.mkdir(parents=True, exist_ok=True)
        path = atomic_write_text(self.out / rel, text)
        self.report.files.append(path)
        return path

    def figure(self, name: str, fig: Any) -> Path:
        import matplotlib.pyplot as plt

        from coercion.plot.style import save_figure

        paths = save_figure(fig, self.out / "figures" / name, bbox_inches="tight")
        plt.close(fig)
        self.report.files.extend(paths)
        return paths[0]


def _say(progress: bool, message: str) -> None:
    if progress:
        print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- sequential game
def _leader_follower_paths(
    A: np.ndarray, B: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised backward induction over a stack of (K, m, n) bimatrices.

    Returns the leader's choice, the follower's answer there (first best
    answer), and whether the follower was indifferent among all answers there.
    """
    answers = np.argmax(B, axis=2)  # (K, m)
    k_idx = np.arange(A.shape[0])[:, None]
    m_idx = np.arange(A.shape[1])[None, :]
    values = A[k_idx, m_idx, answers]  # (K, m)
    lead = np.argmax(values, axis=1)
    ans = answers[np.arange(A.shape[0]), lead]
    chosen_b = B[np.arange(A.shape[0]), lead, :]
    scale = np.maximum(1.0, np.abs(chosen_b).max(axis=1))
    indifferent = (chosen_b.max(axis=1) - chosen_b.min(axis=1)) <= 1e-9 * scale
    return lead, ans, indifferent


# ---------------------------------------------------------------- one case
def case_study(
    case: str,
    *,
    seed: int = SEED,
    n_supply: int = N_SUPPLY_DRAWS,
    n_weights: int = N_WEIGHT_DRAWS,
    map_points: int = MAP_POINTS,
    writer: _Writer | None = None,
    progress: bool = False,
) -> CaseResult:
    """Run one case study (the steps in the module docstring).

    Parameters
    ----------
    case : str
        A bundled scenario name (``"rare_earths"``, ...).
    seed : int
        Seed of the Monte Carlo.
    n_supply, n_weights : int
        Monte Carlo design: ``n_supply`` draws of the uncertain supply-side
        parameters, each crossed with ``n_weights`` draws of the uncertain pain
        tolerances (independent parameters, so every pair is a draw of the
        joint distribution).
    map_points : int
        Grid points per axis of the regime map.
    writer : optional
        Where to write tables and figures (``reproduce`` passes its own).
    progress : bool
        Print what it is doing.

    Returns
    -------
    CaseResult
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import pandas as pd

    import coercion as co
    from coercion.analysis.thresholds import leader_follower_regime
    from coercion.build import (
        case_model,
        export_control_game,
        export_control_model,
        export_control_tree,
    )
    from coercion.game.efg import format_efg
    from coercion.plot import (
        draw_supply_graph,
        new_axes,
        plot_regime_map,
        plot_thresholds,
        plot_time_path,
    )

    started = time.perf_counter()
    sc = co.load_scenario(case)
    S, T = sc.senders[0], sc.targets[0]
    res = CaseResult(case=case, title=sc.metadata.title, sender=S, target=T)
    say: Callable[[str], None] = lambda m: _say(progress, f"[{case}] {m}")  # noqa: E731

    # 1. supply graph and dependence ---------------------------------------
    say("supply graph and dependence")
    sg = sc.supply_graph()
    flows = sg.flows_frame().sort_values(["product", "exporter", "importer"])
    ladder = sc.players[S].ladder
    top = max(ladder, key=lambda r: (float(r.cut.value), r.name))
    dep = co.dependence(sg, product=top.product).import_shares
    dep_long = dep.reset_index().melt(
        id_vars=dep.index.name or "index", var_name="supplier", value_name="share"
    )
    dep_long.columns = ["importer", "supplier", "share"]
    if writer:
        writer.table(f"{case}_flows", flows)
        writer.table(f"{case}_dependence", dep_long)

    # 2. the heaviest cut ---------------------------------------------------
    say(f"propagating the cut: {top.name} ({top.product}, {float(top.cut.value):g})")
    horizon = float(sc.model.horizon_years.value)
    rate = float(sc.model.discount_rate.value)
    cut = co.supply.propagate_cut(
        sg,
        S,
        T,
        top.product,
        float(top.cut.value),
        horizon=horizon,
        steps=max(4, round(horizon * 4)),
        discount_rate=rate,
    )
    var = cut.to_frame()
    res.key_numbers["value at risk of the heaviest cut (USD bn, discounted)"] = (
        cut.value_at_risk / 1e9
    )
    res.key_numbers["target's time to survive the cut (years)"] = cut.time_to_survive
    if writer:
        writer.table(f"{case}_value_at_risk", var)
        writer.table(f"{case}_value_at_risk_path", cut.time_path())
        ax = draw_supply_graph(sg, cut)
        ax.set_title(f"{_short(sc)}: supply graph, the {top.name} cut highlighted")
        res.figures["supply graph"] = writer.figure(f"{case}_supply", ax.figure)
        ax = plot_time_path(cut)
        ax.set_title(f"{T}: value at risk over time ({top.name} on {top.product})")
        res.figures["value at risk over time"] = writer.figure(
            f"{case}_value_at_risk", ax.figure
        )

    # 3. the game ------------------------------------------------------------
    say("compiling and solving the export-control game")
    compiled = export_control_game(sc)
    model = case_model(sc)
    game = model.game()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eqs = _solve(game)
    tree = export_control_tree(compiled)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spe = co.subgame_perfect_equilibria(tree)
    paths = leader_follower_regime(game)
    res.key_numbers["equilibria of the simultaneous game"] = len(eqs)
    res.key_numbers["largest regret of any equilibrium"] = float(eqs.max_regret)
    res.key_numbers["subgame-perfect paths (sender rung -> target answer)"] = (
        _paths_text(paths)
    )
    res.tables["paths"] = paths
    if writer:
        writer.table(f"{case}_payoff_terms", compiled.explain())
        writer.table(f"{case}_equilibria", eqs.to_frame())
        writer.table(f"{case}_spe", spe.to_frame())
        writer.text(f"data/{case}_sequential.efg", format_efg(tree))

    # 4. thresholds in the pain tolerances -----------------------------------
    say("escalation thresholds in the pain tolerances (exact)")
    rows = []
    th_results = {}
    for role in ("target", "sender"):
        name = f"pain_tolerance.{role}"
        econ = T if role == "target" else S
        lo, hi = sc.param_range(f"players.{econ}.pain_tolerance")
        th = co.thresholds(
            model, name, over=(lo, hi), regime="leader-follower", grid=61
        )
        th_results[role] = th
        for t in th:
            rows.append(
                {
                    "parameter": name,
                    "economy": econ,
                    "value": t.value,
                    "exact": str(t.exact),
                    "method": t.method,
                    "below": _paths_text(t.below),
                    "above": _paths_text(t.above),
                }
            )
    th_df = pd.DataFrame(
        rows,
        columns=["parameter", "economy", "value", "exact", "method", "below", "above"],
    )
    tol_S = float(model.defaults["pain_tolerance.sender"])
    tol_T = float(model.defaults["pain_tolerance.target"])
    target_th = [t.value for t in th_results["target"]]
    res.key_numbers["target pain tolerance (central)"] = tol_T
    res.key_numbers["sender pain tolerance (central)"] = tol_S
    if target_th:
        res.key_numbers["threshold target pain tolerance"] = target_th[0]
        res.key_numbers["threshold ratio target/sender tolerance"] = (
            target_th[0] / tol_S
        )
    res.tables["thresholds"] = th_df
    if writer:
        writer.table(f"{case}_thresholds", th_df)
        ax = plot_thresholds(
            th_results["target"],
            xlabel=f"{T}'s pain tolerance",
            title=f"{_short(sc)}: {S} moves first, {T} answers",
            describe=lambda sig: _paths_text(sig).replace("; ", "\n"),
        )
        res.figures["threshold in the target's pain tolerance"] = writer.figure(
            f"{case}_pain_tolerance", ax.figure
        )
        lo_s, hi_s = sc.param_range(f"players.{S}.pain_tolerance")
        lo_t, hi_t = sc.param_range(f"players.{T}.pain_tolerance")
        rmap = co.regime_map(
            model,
            ("pain_tolerance.sender", lo_s, hi_s, map_points),
            ("pain_tolerance.target", lo_t, hi_t, map_points),
            regime=lambda g: tuple(
                sorted(
                    {
                        (p[0], p[1]) if p[0][0] != "none" else (p[0], ("-",))
                        for p in leader_follower_regime(g)
                    }
                )
            ),
        )
        writer.table(f"{case}_regime_map", rmap)
        ax = plot_regime_map(
            rmap,
            "pain_tolerance.sender",
            "pain_tolerance.target",
            xlabel=f"{S}'s pain tolerance",
            ylabel=f"{T}'s pain tolerance",
            title=f"{_short(sc)}: sender's rung and target's answer",
        )
        res.figures["regime map"] = writer.figure(f"{case}_regime_map", ax.figure)

    # 5. Monte Carlo ------------------------------------------------------------
    say(f"Monte Carlo: {n_supply} x {n_weights} draws (seed {seed})")
    mc = _monte_carlo(sc, S, T, seed, n_supply, n_weights, export_control_model)
    shares = (
        mc.groupby(["rung", "answer"])
        .size()
        .rename("draws")
        .reset_index()
        .assign(share=lambda d: d.draws / len(mc))
        .sort_values(["share", "rung", "answer"], ascending=[False, True, True])
    )
    res.tables["monte_carlo"] = shares
    conceded = float((mc.answer == "concede").mean())
    restricted = float((mc.rung != "none").mean())
    res.key_numbers["Monte Carlo: share of draws where the sender restricts"] = (
        restricted
    )
    res.key_numbers["Monte Carlo: share of draws where the target concedes"] = conceded
    if writer:
        writer.table(f"{case}_monte_carlo_draws", mc)
        writer.table(f"{case}_monte_carlo", shares)
        ax = new_axes(width=6.0, height=3.0)
        labels = [
            "no control" if r == "none" else f"{r} -> {a}"
            for r, a in zip(shares.rung, shares.answer)
        ]
        ax.barh(labels[::-1], shares.share.to_numpy()[::-1], color="#0072B2")
        ax.set_xlabel(f"share of {len(mc)} draws")
        ax.set_title(f"{_short(sc)}: predicted outcome under uncertainty")
        res.figures["Monte Carlo"] = writer.figure(f"{case}_monte_carlo", ax.figure)

    # 6. back-test ---------------------------------------------------------------
    res.backtest = _backtest(sc, S, T, paths, mc)
    res.seconds = time.perf_counter() - started
    return res


def _short(sc: Any) -> str:
    """A short figure title for a scenario."""
    known = {"ai_chips": "AI chips", "zte_2018": "ZTE 2018"}
    return known.get(sc.id, sc.id.replace("_", " ").capitalize())


def _solve(game: Any) -> Any:
    from coercion.solve.dispatch import solve

    return solve(game)


def _paths_text(sig: Any) -> str:
    parts = []
    for p in sig:
        rung, answer = p[0][0], p[1][0]
        parts.append("no control" if rung == "none" else f"{rung} -> {answer}")
    return "; ".join(dict.fromkeys(parts))


def _monte_carlo(
    sc: Any, S: str, T: str, seed: int, n_supply: int, n_weights: int, build: Any
) -> pd.DataFrame:
    import pandas as pd

    from coercion._random import as_generator

    rng = as_generator(seed)
    weights = {
        f"players.{S}.pain_tolerance": "pain_tolerance.sender",
        f"players.{T}.pain_tolerance": "pain_tolerance.target",
    }
    uncertain = [u.param for u in sc.uncertain]
    supply_params = [p for p in uncertain if p not in weights]
    # draws of every uncertain parameter, in one fixed order from one generator
    draws = sc.sample(n_supply * n_weights, seed=rng)
    frames = []
    for s in range(n_supply):
        block = slice(s * n_weights, (s + 1) * n_weights)
        supply = {p: float(draws[p][s * n_weights]) for p in supply_params}
        model = build(sc.with_params(supply) if supply else sc)
        stack = model.symbolic.lambdify()
        args: dict[str, Any] = {
            k: float(v) for k, v in model.defaults.items() if k.startswith("stake.")
        }
        for scen_name, role in weights.items():
            if scen_name in draws:
                args[role] = draws[scen_name][block]
            else:
                args[role] = np.full(n_weights, float(model.defaults[role]))
        pay = stack(**args)
        lead, ans, indiff = _leader_follower_paths(pay[:, 0], pay[:, 1])
        rungs = np.array(model.symbolic.strategies[0])[lead]
        answers = np.array(model.symbolic.strategies[1])[ans]
        answers = np.where(indiff, "-", answers)
        frame = pd.DataFrame({"draw": np.arange(block.start, block.stop)})
        for p in supply_params:
            frame[p] = supply[p]
        for scen_name, role in weights.items():
            frame[scen_name] = args[role]
        frame["rung"] = rungs
        frame["answer"] = answers
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _backtest(
    sc: Any, S: str, T: str, paths: Any, mc: pd.DataFrame
) -> list[dict[str, Any]]:
    outcome = sc.outcome
    restrict_paths = [p for p in paths if p[0][0] != "none"]
    predicted_concede = bool(restrict_paths) and all(
        p[1][0] == "concede" for p in restrict_paths
    )
    observed_concede = T in outcome.conceded
    kinds = {r.name: r.kind for r in sc.players[T].responses}
    predicted_sub = any(kinds.get(p[1][0]) == "substitute" for p in restrict_paths)
    observed_sub = outcome.target_substituted
    rows: list[dict[str, Any]] = [
        {
            "question": f"does {S} restrict?",
            "model": "yes" if restrict_paths else "no",
            "Monte Carlo share": float((mc.rung != "none").mean()),
            "observed": "yes",
            "match": bool(restrict_paths),
        },
        {
            "question": f"does {T} concede?",
            "model": "yes" if predicted_concede else "no",
            "Monte Carlo share": float((mc.answer == "concede").mean()),
            "observed": "yes" if observed_concede else "no",
            "match": predicted_concede == observed_concede,
        },
        {
            "question": f"does {T} substitute?",
            "model": "yes" if predicted_sub else "no",
            "Monte Carlo share": float(
                mc.answer.map(lambda a: kinds.get(a) == "substitute").mean()
            ),
            "observed": str(observed_sub),
            "match": predicted_sub == (observed_sub in ("yes", "partial", True)),
        },
        {
            "question": f"does {S} soften later?",
            "model": "not modelled (one-shot game)",
            "Monte Carlo share": float("nan"),
            "observed": "yes" if outcome.sender_softened else "no",
            "match": None,
        },
    ]
    return list(rows)


# ---------------------------------------------------------------- bundled games
def _bundled(writer: _Writer, report: ReproduceReport, progress: bool) -> None:
    import pandas as pd

    from coercion.game.io import read_game
    from coercion.game.normal_form import NormalFormGame
    from coercion.solve.dispatch import solve, solve_file_game

    frames = []
    for path in bundled_games():
        _say(progress, f"[games] solving {path.name}")
        game = read_game(path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = solve_file_game(game, mode="all")
            strategic = (
                game
                if isinstance(game, NormalFormGame)
                else game.reduced_strategic_form()
            )
            eqs = solve(strategic)
        doc = result.to_dict()
        writer.text(f"data/games/{path.stem}.json", json.dumps(doc, indent=1) + "\n")
        df = eqs.to_frame()
        df.insert(0, "game", path.name)
        for col in ("probability", "payoff", "regret"):
            df[col] = df[col].map(lambda v: str(v))
        frames.append(df)
        report.games.append(
            {
                "file": path.name,
                "title": game.title,
                "method": doc["method"],
                "equilibria": doc["equilibria"],
            }
        )
    if frames:
        writer.table("bundled_games_equilibria", pd.concat(frames, ignore_index=True))


# ---------------------------------------------------------------- hypotheses
def _hypotheses(writer: _Writer, report: ReproduceReport, progress: bool) -> None:
    """Run every hypothesis function (the notebooks call the same ones)."""
    from coercion.analysis import hypotheses as hyp

    for name, statement in hyp.HYPOTHESES.items():
        _say(progress, f"[hypotheses] {name}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = getattr(hyp, name)()
            ax = res.figure()
        fig = writer.figure(f"hypothesis_{name}", ax.figure)
        writer.table(f"hypothesis_{name}", res.to_frame())
        writer.table(f"hypothesis_{name}_verdicts", res.verdicts)
        report.hypotheses.append(
            {
                "name": name,
                "case": res.case,
                "statement": statement,
                "key": {k: _fmt(v) for k, v in res.key.items()},
                "verdicts": res.verdicts,
                "caveats": res.caveats,
                "figure": fig,
            }
        )


# ---------------------------------------------------------------- reports
def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _summary_md(report: ReproduceReport) -> str:
    lines = [
        "# coercion reproduce: summary",
        "",
        "Every number below is computed from the sourced scenario files in "
        "`games/` (see each file's sources) by `coercion reproduce`. Figures are in "
        "`figures/`, the data behind them in `data/`.",
        "",
    ]
    for c in report.cases:
        lines += [f"## {c.title} ({c.case}: {c.sender} -> {c.target})", ""]
        lines += ["| quantity | value |", "|---|---|"]
        lines += [f"| {k} | {_fmt(v)} |" for k, v in c.key_numbers.items()]
        lines += ["", "Back-test against what happened:", ""]
        lines += [
            "| question | model | Monte Carlo share | observed | match |",
            "|---|---|---|---|---|",
        ]
        for r in c.backtest:
            match = {True: "yes", False: "**no**", None: "n/a"}[r["match"]]
            lines.append(
                f"| {r['question']} | {r['model']} | {_fmt(r['Monte Carlo share'])} | "
                f"{r['observed']} | {match} |"
            )
        lines += [""]
        th = c.tables.get("thresholds")
        if th is not None and len(th):
            lines += ["Escalation thresholds (sequential play, exact):", ""]
            for _, r in th.iterrows():
                lines.append(
                    f"- {r['parameter']} ({r['economy']}) = {r['value']:.6g}: "
                    f"{r['below']}  ->  {r['above']}"
                )
            lines.append("")
        lines += [
            "Figures: "
            + ", ".join(
                f"[{k}](figures/{Path(str(v)).name})" for k, v in c.figures.items()
            ),
            "",
        ]
    if report.hypotheses:
        lines += ["## The hypotheses", ""]
    for h in report.hypotheses:
        lines += [
            f"### {h['name'].replace('_', ' ')} ({h['case']})",
            "",
            h["statement"],
            "",
        ]
        lines += [f"- {k} = {v}" for k, v in h["key"].items()]
        for row in h["verdicts"].itertuples(index=False):
            word = "holds" if row.holds else "**fails**"
            lines.append(
                f"- {row.parameter} in [{_fmt(row.low)}, {_fmt(row.high)}]: {word} "
                f"({row.why})"
            )
        lines += [f"- caveat: {c}" for c in h["caveats"]]
        lines += [
            "",
            f"Figure: [{h['name']}](figures/{Path(str(h['figure'])).name})",
            "",
        ]
    lines += ["## Bundled example games", ""]
    for g in report.games:
        lines.append(
            f"- `{g['file']}`: {len(g['equilibria'])} equilibria ({g['method']})"
        )
    lines.append("")
    return "\n".join(lines)


def _index_html(report: ReproduceReport) -> str:
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>coercion reproduce</title><style>body{font-family:sans-serif;"
        "max-width:60rem;margin:auto;padding:1rem}table{border-collapse:collapse}"
        "td,th{border:1px solid #bbb;padding:.2rem .5rem;text-align:left}"
        "img{max-width:100%}</style></head><body>",
        "<h1>coercion reproduce</h1>",
        "<p>The three case studies built from sourced data, solved, their escalation"
        " thresholds found and the predictions back-tested.</p>",
    ]
    for c in report.cases:
        parts.append(
            f"<h2>{html.escape(c.title)} ({html.escape(c.sender)} &rarr; "
            f"{html.escape(c.target)})</h2><table>"
        )
        for k, v in c.key_numbers.items():
            parts.append(
                f"<tr><th>{html.escape(k)}</th><td>{html.escape(_fmt(v))}</td></tr>"
            )
        parts.append(
            "</table><h3>Back-test</h3><table><tr><th>question</th><th>model"
            "</th><th>Monte Carlo share</th><th>observed</th><th>match</th></tr>"
        )
        for r in c.backtest:
            match = {True: "yes", False: "no", None: "n/a"}[r["match"]]
            parts.append(
                "<tr>"
                + "".join(
                    f"<td>{html.escape(_fmt(x))}</td>"
                    for x in (
                        r["question"],
                        r["model"],
                        r["Monte Carlo share"],
                        r["observed"],
                        match,
                    )
                )
                + "</tr>"
            )
        parts.append("</table>")
        for k, v in c.figures.items():
            data = base64.b64encode(Path(str(v)).read_bytes()).decode()
            parts.append(
                f"<figure><img alt='{html.escape(k)}' src='data:image/png;base64,{data}'>"
                f"<figcaption>{html.escape(k)}</figcaption></figure>"
            )
    for h in report.hypotheses:
        parts.append(
            f"<h2>Hypothesis: {html.escape(h['name'].replace('_', ' '))} "
            f"({html.escape(h['case'])})</h2><p>{html.escape(h['statement'])}</p><ul>"
        )
        for k, v in h["key"].items():
            parts.append(f"<li>{html.escape(k)} = {html.escape(v)}</li>")
        parts.append("</ul>" + h["verdicts"].to_html(index=False))
        data = base64.b64encode(Path(str(h["figure"])).read_bytes()).decode()
        parts.append(
            f"<figure><img alt='{html.escape(h['name'])}' "
            f"src='data:image/png;base64,{data}'></figure>"
        )
    parts.append("<h2>Bundled example games</h2><ul>")
    for g in report.games:
        parts.append(
            f"<li><code>{html.escape(g['file'])}</code>: "
            f"{len(g['equilibria'])} equilibria ({html.escape(g['method'])})</li>"
        )
    parts.append("</ul></body></html>\n")
    return "\n".join(parts)


# ---------------------------------------------------------------- main
def reproduce(
    out: str | Path = "coercion-output",
    *,
    only: str | None = None,
    progress: bool = True,
    seed: int = SEED,
) -> ReproduceReport:
    """Run the case studies and the bundled games; write figures, data and summary.

    Parameters
    ----------
    out : str or Path
        Output folder (created).
    only : str, optional
        Only this case (``"rare_earths"``, ``"photoresists"``, ``"ai_chips"``),
        ``"hypotheses"`` for the eight hypothesis analyses (the functions the
        notebooks call) or ``"games"`` for the bundled example games.
    progress : bool
        Print progress to stderr.
    seed : int
        Seed of the Monte Carlo.

    Returns
    -------
    ReproduceReport

    Raises
    ------
    InvalidParameterError
        Unknown ``only``.
    """
    choices = (*CASES, "hypotheses", "games")
    if only is not None and only not in choices:
        raise InvalidParameterError(
            f"unknown case {only!r}; choose one of {', '.join(choices)}", field="only"
        )
    out = Path(out)
    report = ReproduceReport(out=out)
    writer = _Writer(out, report)
    started = time.perf_counter()
    for case in CASES:
        if only in (None, case):
            report.cases.append(
                case_study(case, seed=seed, writer=writer, progress=progress)
            )
    if only in (None, "hypotheses"):
        _hypotheses(writer, report, progress)
    if only in (None, "games"):
        _bundled(writer, report, progress)
    writer.text("summary.md", _summary_md(report))
    writer.text("index.html", _index_html(report))
    _say(
        progress,
        f"wrote {len(report.files)} files to {out} in "
        f"{time.perf_counter() - started:.0f} s; open {out / 'index.html'}",
    )
    return report
