"""``coercion reproduce``: the main job, from bundled data to figures and a summary.

Every bundled game (``games/*.nfg``, ``games/*.efg``) is read, solved for all its
equilibria (each certified by its regret, exactly for exact games), and written out:

- ``<out>/games/<name>.json``: the equilibria as ``coercion solve --json`` prints them;
- ``<out>/equilibria.csv``: one tidy table of every equilibrium of every game;
- ``<out>/summary.md`` and ``<out>/index.html``: what was solved, how, and the results.

Every file is written atomically, and the data files are deterministic: two runs give
identical bytes.
"""

from __future__ import annotations

import html
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coercion._data import bundled_games
from coercion._io import atomic_write_text
from coercion.errors import InvalidParameterError

__all__ = ["reproduce", "ReproduceReport"]


@dataclass
class ReproduceReport:
    """What :func:`reproduce` wrote: the output folder and one entry per game."""

    out: Path
    games: list[dict[str, Any]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def _solve_any(game: Any) -> tuple[Any, str]:
    from coercion.game.normal_form import NormalFormGame
    from coercion.solve.dispatch import solve

    if isinstance(game, NormalFormGame):
        return solve(game), "strategic form"
    reduced = game.reduced_strategic_form()
    return solve(reduced), "reduced strategic form of the tree"


def reproduce(
    out: str | Path = "coercion-output",
    *,
    only: str | None = None,
    progress: bool = True,
) -> ReproduceReport:
    """Solve every bundled game and write the results to ``out``.

    Parameters
    ----------
    out : path
        Output folder (created if missing).
    only : str, optional
        Only the bundled game with this file stem.
    progress : bool
        Print one progress line per game on stderr.

    Returns
    -------
    ReproduceReport

    Raises
    ------
    InvalidParameterError
        If ``only`` names no bundled game.
    """
    from coercion.game.io import read_game

    out = Path(out)
    paths = bundled_games()
    if only is not None:
        paths = [p for p in paths if p.stem == only]
        if not paths:
            names = [p.stem for p in bundled_games()]
            raise InvalidParameterError(
                f"{only!r} is not a bundled game; choose from {names}", field="only"
            )
    (out / "games").mkdir(parents=True, exist_ok=True)
    report = ReproduceReport(out=out)
    csv_rows: list[str] = [
        "game,equilibrium,player,strategy,probability,payoff,regret,method"
    ]
    for k, path in enumerate(paths, 1):
        if progress:
            print(f"[{k}/{len(paths)}] solving {path.name}", file=sys.stderr)
        game = read_game(path)
        eqs, form = _solve_any(game)
        doc = eqs.to_dict()
        doc["game"] = path.name
        doc["title"] = game.title
        doc["solved_as"] = form
        report.files.append(
            atomic_write_text(
                out / "games" / f"{path.stem}.json", json.dumps(doc, indent=2) + "\n"
            )
        )
        frame = eqs.to_frame()
        for row in frame.itertuples(index=False):
            csv_rows.append(
                ",".join(
                    _csv(x)
                    for x in (
                        path.stem,
                        row.equilibrium,
                        row.player,
                        row.strategy,
                        row.probability,
                        row.payoff,
                        row.regret,
                        eqs.method,
                    )
                )
            )
        report.games.append(
            {
                "name": path.stem,
                "title": game.title,
                "form": form,
                "method": eqs.method,
                "exact": eqs.exact,
                "equilibria": eqs,
            }
        )
    report.files.append(
        atomic_write_text(out / "equilibria.csv", "\n".join(csv_rows) + "\n")
    )
    report.files.append(atomic_write_text(out / "summary.md", _summary_md(report)))
    report.files.append(atomic_write_text(out / "index.html", _index_html(report)))
    if progress:
        print(f"wrote {len(report.files)} files to {out}", file=sys.stderr)
    return report


def _csv(x: Any) -> str:
    from fractions import Fraction

    from coercion._numbers import format_exact

    if isinstance(x, Fraction | int) and not isinstance(x, bool):
        s = format_exact(x)
    elif isinstance(x, float):
        s = repr(x)
    else:
        s = str(x)
    if any(c in s for c in ',"\n'):
        s = '"' + s.replace('"', '""') + '"'
    return s


def _profile_text(eq: Any) -> str:
    from coercion.solve._result import _fmt

    parts = []
    for p, pl in enumerate(eq.game.players):
        mix = ", ".join(
            f"{s} {_fmt(x)}"
            for s, x in zip(eq.game.strategies[p], eq.profile[p], strict=True)
            if x != 0
        )
        parts.append(f"{pl}: {mix}")
    return "; ".join(parts)


def _summary_md(report: ReproduceReport) -> str:
    from coercion.solve._result import _fmt

    lines = [
        "# coercion reproduce: summary",
        "",
        "Every equilibrium below is certified: its regret (the best gain from a "
        "deviation) is exactly 0 for exact games.",
        "",
    ]
    for g in report.games:
        eqs = g["equilibria"]
        lines += [
            f"## {g['title'] or g['name']}",
            "",
            f"- file: `{g['name']}`; solved as the {g['form']}",
            f"- method: {g['method']} ({'exact' if g['exact'] else 'float'} arithmetic)",
            f"- equilibria: {len(eqs)}",
            "",
            "| # | profile | payoffs | max regret |",
            "|---|---|---|---|",
        ]
        for k, e in enumerate(eqs):
            pay = ", ".join(_fmt(v) for v in e.payoffs)
            lines.append(f"| {k} | {_profile_text(e)} | {pay} | {_fmt(e.max_regret)} |")
        lines.append("")
    return "\n".join(lines)


def _index_html(report: ReproduceReport) -> str:
    from coercion.solve._result import _fmt

    esc = html.escape
    body = ["<h1>coercion reproduce</h1>"]
    for g in report.games:
        eqs = g["equilibria"]
        body.append(f"<h2>{esc(g['title'] or g['name'])}</h2>")
        body.append(
            f"<p>Solved as the {esc(g['form'])} by {esc(g['method'])}; "
            f"{len(eqs)} equilibria, each certified.</p>"
        )
        rows = "".join(
            f"<tr><td>{k}</td><td>{esc(_profile_text(e))}</td>"
            f"<td>{esc(', '.join(_fmt(v) for v in e.payoffs))}</td>"
            f"<td>{esc(_fmt(e.max_regret))}</td></tr>"
            for k, e in enumerate(eqs)
        )
        body.append(
            "<table><thead><tr><th>#</th><th>profile</th><th>payoffs</th>"
            f"<th>max regret</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        "<title>coercion reproduce</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .5em}"
        "</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
