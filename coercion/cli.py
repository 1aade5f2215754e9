"""The ``coercion`` command line.

``coercion show FILE``, ``coercion convert IN OUT``, ``coercion solve FILE``,
``coercion reproduce [--out DIR]``. Errors print one line on stderr naming the
file and the place, and exit with status 2; there is no traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coercion import __version__
from coercion.errors import CoercionError, CoercionWarning, ParseError

__all__ = ["main", "build_parser"]

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``coercion`` command."""
    parser = argparse.ArgumentParser(
        prog="coercion",
        description=(
            "Game theory of economic coercion and escalation: build games from "
            "supply-chain data, solve them with certified equilibria, find the "
            "escalation thresholds."
        ),
    )
    parser.add_argument(
        "--version", action="version", version=f"coercion {__version__}"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("show", help="print a game file as a table or a tree")
    p.add_argument("file", help="a .nfg or .efg file (or the name of a bundled game)")

    p = sub.add_parser(
        "convert",
        help="convert between game files (.efg to .nfg writes the reduced strategic form)",
    )
    p.add_argument("input", help="a .nfg or .efg file")
    p.add_argument("output", help="the file to write (format from its suffix)")

    p = sub.add_parser("solve", help="solve a game file for its equilibria")
    p.add_argument("file", help="a .nfg or .efg file (or the name of a bundled game)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--all", action="store_true", help="all equilibria (default)")
    which.add_argument("--one", action="store_true", help="one equilibrium")
    which.add_argument("--pure", action="store_true", help="pure equilibria only")
    which.add_argument(
        "--spe", action="store_true", help="subgame-perfect equilibria of a tree"
    )
    arith = p.add_mutually_exclusive_group()
    arith.add_argument("--exact", action="store_true", help="rational arithmetic")
    arith.add_argument("--float", action="store_true", help="floating point, certified")
    p.add_argument("--method", default="auto", help="solver method (default: auto)")
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = sub.add_parser(
        "thresholds", help="escalation thresholds of a scenario in one parameter"
    )
    p.add_argument("scenario", help="a bundled scenario name or a .toml file")
    p.add_argument("--param", required=True, help="the parameter to vary")
    p.add_argument(
        "--range", nargs=2, type=float, metavar=("LO", "HI"), help="search range"
    )
    p.add_argument(
        "--regime",
        default="leader-follower",
        choices=["leader-follower", "nash"],
        help="sequential play (default) or the simultaneous game's equilibria",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")

    p = sub.add_parser("sweep", help="solve a scenario over a grid or random draws")
    p.add_argument("scenario", help="a bundled scenario name or a .toml file")
    p.add_argument(
        "--grid", action="append", default=[], help="NAME=lo:hi:n or NAME=v1,v2,..."
    )
    p.add_argument(
        "--draws", action="append", default=[], help="NAME=dist:a:b (e.g. uniform:0:1)"
    )
    p.add_argument("--n", type=int, default=None, help="number of draws")
    p.add_argument("--seed", type=int, default=None, help="seed of the draws")
    p.add_argument("--out", required=True, help="folder of Parquet chunks")
    p.add_argument("--resume", action="store_true", help="continue a sweep in --out")
    p.add_argument("--scheduler", default=None, help="a Dask scheduler address")
    p.add_argument("--chunk-size", type=int, default=100, help="points per chunk")
    p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = sub.add_parser(
        "reproduce",
        help="the main job: build, solve and analyse the bundled games and cases",
    )
    p.add_argument("--out", default="coercion-output", help="output folder")
    p.add_argument(
        "--only",
        default=None,
        metavar="PART",
        help="only this part: a case (rare_earths, photoresists, ai_chips), "
        "hypotheses (the eight hypothesis analyses) or games (the bundled games)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress output")
    return parser


def _fail(message: str) -> int:
    print(f"coercion: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _read(file: str) -> Any:
    from coercion._data import resolve_game_path
    from coercion.game.io import read_game

    return read_game(resolve_game_path(file))


def _cmd_show(args: argparse.Namespace) -> int:
    from coercion.game.normal_form import NormalFormGame

    game = _read(args.file)
    if isinstance(game, NormalFormGame):
        # a tree's to_text() shows its title and comment itself
        if game.title:
            print(game.title)
        if game.comment:
            print("comment: " + " ".join(game.comment.split()))
    print(game.to_text())
    return 0


def _cmd_convert(args: argparse.Namespace) -> int:
    from coercion.game.io import write_game

    game = _read(args.input)
    args.where = args.output  # errors from here on concern the output file
    try:
        write_game(game, args.output)
    except OSError as exc:
        # name the file asked for, not the temporary file beside it
        raise OSError(exc.errno, exc.strerror, args.output) from exc
    return 0


def _cmd_solve(args: argparse.Namespace) -> int:
    from coercion.solve.dispatch import solve_file_game

    game = _read(args.file)
    mode = "one" if args.one else "pure" if args.pure else "spe" if args.spe else "all"
    exact = True if args.exact else False if args.float else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CoercionWarning)
        result = solve_file_game(game, mode=mode, exact=exact, method=args.method)
    # a degenerate game is legal: say so in one line, keep stdout clean for JSON
    for w in caught:
        if issubclass(w.category, CoercionWarning):
            print(f"coercion: warning: {args.file}: {w.message}", file=sys.stderr)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    if args.json:
        print(json.dumps(result.to_dict()))
    else:
        print(result.to_text() if hasattr(result, "to_text") else repr(result))
    return 0


def _cmd_thresholds(args: argparse.Namespace) -> int:
    from coercion.analysis.commands import run_thresholds

    print(
        run_thresholds(
            args.scenario, args.param, args.range, regime=args.regime, as_json=args.json
        )
    )
    return 0


def _cmd_sweep(args: argparse.Namespace) -> int:
    from coercion.analysis.commands import run_sweep

    print(
        run_sweep(
            args.scenario,
            args.grid,
            args.draws,
            n=args.n,
            seed=args.seed,
            out=args.out,
            resume=args.resume,
            scheduler=args.scheduler,
            chunk_size=args.chunk_size,
            progress=not args.quiet,
        )
    )
    return 0


def _cmd_reproduce(args: argparse.Namespace) -> int:
    from coercion.reproduce import reproduce

    reproduce(out=Path(args.out), only=args.only, progress=not args.quiet)
    return 0


_COMMANDS = {
    "show": _cmd_show,
    "convert": _cmd_convert,
    "solve": _cmd_solve,
    "reproduce": _cmd_reproduce,
    "thresholds": _cmd_thresholds,
    "sweep": _cmd_sweep,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return _COMMANDS[args.command](args)
    except ParseError as exc:
        return _fail(str(exc))
    except CoercionError as exc:
        name = (
            getattr(args, "where", None)
            or getattr(args, "file", None)
            or getattr(args, "input", None)
        )
        prefix = f"{name}: " if name and name not in str(exc) else ""
        return _fail(f"{prefix}{exc}")
    except FileNotFoundError as exc:
        return _fail(f"{exc.filename}: no such file")
    except IsADirectoryError as exc:
        return _fail(f"{exc.filename}: is a directory")
    except PermissionError as exc:
        return _fail(f"{exc.filename}: permission denied")
    except OSError as exc:
        return _fail(f"{getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
