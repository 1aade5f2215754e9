r"""Sweeps: solve a family of games over a grid or Monte Carlo draws, in chunks.

A sweep evaluates a model (a :class:`~coercion.ParametricGame`, a
:class:`~coercion.SymbolicGame` or a callable returning a game) at many
parameter points and solves each game. The points are a Cartesian ``grid`` of
values, or ``n`` seeded Monte Carlo ``draws`` of uncertain parameters, or both
(every draw at every grid point).

Determinism
    All random draws are made up front, in one fixed order, from one generator
    seeded by ``seed``; the table of points is therefore the same whatever the
    chunk size, the number of workers or the order in which chunks finish.
Chunks and resumption
    The points are cut into chunks of ``chunk_size``. With ``out=DIR`` each
    chunk is written to ``DIR/part-NNNNNN.parquet`` atomically (temporary file,
    then rename) as soon as it is solved, beside ``DIR/sweep.json`` that
    records the sweep. ``resume=True`` skips the chunks already written, so a
    sweep that was killed ends, when started again, with exactly the rows of an
    uninterrupted run. The rows of a sweep written to a folder stay there:
    :attr:`SweepResult.frame` reads them on first use, :meth:`SweepResult.read`
    reads only some columns.
Vectorised
    When the model evaluates payoff stacks (a two-player
    :class:`~coercion.SymbolicGame`, a :class:`~coercion.ParametricGame` with
    ``stack=``) of small games, each chunk is solved at once by
    :func:`coercion.solve_stack` and its rows are assembled with numpy
    (:mod:`coercion.analysis._stacked`), in blocks of :math:`2^{17}` points;
    the rows are those of the per-point path.
Distributed
    ``scheduler=`` takes a ``dask.distributed`` scheduler address or
    ``Client``; chunks are then solved on the cluster and written by the caller.

Examples
--------
>>> import sympy as sp
>>> import coercion as co
>>> c = sp.Symbol("c")
>>> chicken = co.SymbolicGame.from_bimatrix(
...     [[0, -1], [1, -c]], [[0, 1], [-1, -c]],
...     strategies=(["back down", "stand firm"], ["back down", "stand firm"]))
>>> res = co.sweep(chicken, grid={"c": [0.5, 2.0, 4.0]}, progress=False)
>>> res.frame.groupby("c")["n_equilibria"].first().tolist()
[1, 3, 3]
>>> mixed = res.frame[(res.frame.c == 4.0) & ~res.frame.pure]
>>> float(mixed["2:stand firm"].iloc[0])
0.25
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from coercion._io import atomic_write_bytes, atomic_write_text
from coercion._random import as_generator
from coercion.errors import DegenerateGameWarning, InvalidParameterError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["sweep", "SweepResult", "draw_parameters", "sweep_points"]

_DISTRIBUTIONS = {
    "uniform": 2,
    "normal": 2,
    "lognormal": 2,
    "triangular": 3,
    "loguniform": 2,
    "beta": 2,
}


# ---------------------------------------------------------------- points
def _check_dist(name: str, spec: Any) -> tuple[str, tuple[float, ...]]:
    field_ = f"draws.{name}"
    if not isinstance(spec, Sequence) or isinstance(spec, str) or not spec:
        raise InvalidParameterError(
            f"{spec!r} is not (distribution, parameters...) such as ('uniform', 0, 1)",
            field=field_,
        )
    kind, *args = spec
    if kind not in _DISTRIBUTIONS:
        raise InvalidParameterError(
            f"unknown distribution {kind!r}; use one of {sorted(_DISTRIBUTIONS)}",
            field=field_,
        )
    if len(args) != _DISTRIBUTIONS[kind]:
        raise InvalidParameterError(
            f"{kind} takes {_DISTRIBUTIONS[kind]} parameters, got {args!r}",
            field=field_,
        )
    try:
        vals = tuple(float(a) for a in args)
    except (TypeError, ValueError):
        raise InvalidParameterError(
            f"parameters {args!r} are not numbers", field=field_
        ) from None
    if not all(math.isfinite(v) for v in vals):
        raise InvalidParameterError(f"parameters {args!r} not finite", field=field_)
    bad = (
        (kind in ("uniform", "loguniform") and not vals[0] < vals[1])
        or (kind == "loguniform" and vals[0] <= 0)
        or (kind in ("normal", "lognormal") and vals[1] < 0)
        or (kind == "triangular" and not vals[0] <= vals[1] <= vals[2])
        or (kind == "triangular" and vals[0] == vals[2])
        or (kind == "beta" and not (vals[0] > 0 and vals[1] > 0))
    )
    if bad:
        raise InvalidParameterError(
            f"{kind}{vals!r} is not a valid distribution", field=field_
        )
    return kind, vals


def draw_parameters(
    draws: Mapping[str, Any], n: int, seed: Any = None
) -> dict[str, np.ndarray]:
    """``n`` seeded draws of each uncertain parameter, in a fixed order.

    Parameters
    ----------
    draws : mapping
        ``name -> (distribution, *parameters)`` with distribution one of
        ``uniform(lo, hi)``, ``loguniform(lo, hi)``, ``normal(mean, sd)``,
        ``lognormal(mean, sigma)`` (of the log), ``triangular(lo, mode, hi)``,
        ``beta(a, b)``.
    n : int
        Number of draws.
    seed : int or numpy.random.Generator, optional

    Returns
    -------
    dict of name -> ndarray of shape (n,)

    Raises
    ------
    InvalidParameterError
        Unknown distribution, wrong parameter count, invalid parameters.

    Examples
    --------
    >>> from coercion.analysis.sweep import draw_parameters
    >>> d = draw_parameters({"x": ("uniform", 0, 1)}, 3, seed=0)
    >>> d["x"].round(4).tolist()
    [0.637, 0.2698, 0.041]
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise InvalidParameterError(f"{n!r} is not a positive int", field="n")
    rng = as_generator(seed)
    out: dict[str, np.ndarray] = {}
    for name in draws:  # insertion order is part of the seed's meaning
        kind, v = _check_dist(name, draws[name])
        if kind == "uniform":
            out[name] = rng.uniform(v[0], v[1], n)
        elif kind == "loguniform":
            out[name] = np.exp(rng.uniform(math.log(v[0]), math.log(v[1]), n))
        elif kind == "normal":
            out[name] = rng.normal(v[0], v[1], n)
        elif kind == "lognormal":
            out[name] = rng.lognormal(v[0], v[1], n)
        elif kind == "triangular":
            out[name] = rng.triangular(v[0], v[1], v[2], n)
        else:
            out[name] = rng.beta(v[0], v[1], n)
    return out


def sweep_points(
    grid: Mapping[str, Sequence[float]] | None = None,
    draws: Mapping[str, Any] | None = None,
    *,
    n: int | None = None,
    seed: Any = None,
) -> pd.DataFrame:
    """The table of parameter points of a sweep (grid x draws), one row each.

    Examples
    --------
    >>> from coercion.analysis.sweep import sweep_points
    >>> sweep_points({"a": [1, 2], "b": [0.5]}).values.tolist()
    [[1.0, 0.5], [2.0, 0.5]]
    """
    import pandas as pd

    grid = dict(grid or {})
    draws = dict(draws or {})
    if not grid and not draws:
        raise InvalidParameterError("give a grid, draws or both", field="grid")
    overlap = sorted(set(grid) & set(draws))
    if overlap:
        raise InvalidParameterError(
            f"parameters {overlap} are both on the grid and drawn", field="draws"
        )
    axes = []
    for name, values in grid.items():
        arr = np.atleast_1d(np.asarray(values, dtype=np.float64))
        if arr.ndim != 1 or arr.size == 0:
            raise InvalidParameterError(
                f"{values!r} is not a non-empty list of numbers", field=f"grid.{name}"
            )
        if not np.all(np.isfinite(arr)):
            raise InvalidParameterError(
                f"{values!r} holds a non-finite value", field=f"grid.{name}"
            )
        axes.append(arr)
    cols: dict[str, np.ndarray] = {}
    if axes:
        mesh = np.meshgrid(*axes, indexing="ij")
        for name, m in zip(grid, mesh):
            cols[name] = m.ravel()
    g = len(next(iter(cols.values()))) if cols else 1
    if draws:
        if n is None:
            raise InvalidParameterError("draws need n, the number of draws", field="n")
        d = draw_parameters(draws, n, seed)
        cols = {k: np.repeat(v, n) for k, v in cols.items()}
        for name, vals in d.items():
            cols[name] = np.tile(vals, g) if g > 1 else vals
        draw = np.arange(n, dtype=np.int64)
        cols = {"draw": np.tile(draw, g) if g > 1 else draw, **cols}
    # the columns are fresh arrays: no copy (ten million draws are 80 MB each)
    return pd.DataFrame(cols, copy=False)


# ---------------------------------------------------------------- solving
def _game_builder(model: Any) -> Callable[[dict[str, float]], Any]:
    from coercion.game.symbolic import ParametricGame, SymbolicGame

    if isinstance(model, SymbolicGame):
        return lambda p: model.subs(p)
    if isinstance(model, ParametricGame):
        return lambda p: model.game(**p)
    if callable(model):
        return lambda p: model(**p)
    raise InvalidParameterError(
        f"{type(model).__name__} is not a SymbolicGame, ParametricGame or callable",
        field="model",
    )


def _rows_for(game: Any, eqs: Any, point: int, params: dict[str, float]) -> list[dict]:
    from coercion.analysis.thresholds import describe

    sig = tuple(sorted({tuple(tuple(s) for s in e.supports) for e in eqs}))
    regime = describe(sig)
    rows = []
    for k, e in enumerate(eqs):
        row: dict[str, Any] = {"point": point, **params}
        row.update(
            equilibrium=k,
            n_equilibria=len(eqs),
            regime=regime,
            pure=e.is_pure,
            max_regret=float(e.max_regret),
        )
        for p, pl in enumerate(game.players):
            row[f"payoff:{pl}"] = float(e.payoffs[p])
            for s, x in zip(game.strategies[p], e.profile[p]):
                row[f"{pl}:{s}"] = float(x)
        rows.append(row)
    if not rows:
        rows.append(
            {"point": point, **params, "equilibrium": -1, "n_equilibria": 0}
            | {"regime": regime, "pure": False, "max_regret": float("nan")}
        )
    return rows


def _run_chunk(
    model: Any,
    points: pd.DataFrame,
    start: int,
    solver: Callable[[Any], Any] | None,
    fast: bool = False,
) -> list[pd.DataFrame]:
    """Solve the points of one chunk; rows in point order, in one or more
    blocks (module level: picklable).

    ``fast`` solves the chunk as payoff stacks when the model allows
    (:mod:`coercion.analysis._stacked`).
    """
    import pandas as pd

    if fast:
        from coercion.analysis._stacked import chunk_frames, stack_family

        fam = stack_family(model)
        if fam is not None:
            return chunk_frames(fam, points, start)
    from coercion.analysis.thresholds import all_equilibria

    build = _game_builder(model)
    solve = solver or all_equilibria
    names = [c for c in points.columns if c != "draw"]
    rows: list[dict] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateGameWarning)
        for i, rec in enumerate(points.to_dict("records")):
            params = {k: float(rec[k]) for k in names}
            game = build(params)
            eqs = solve(game)
            extra = {"draw": int(rec["draw"])} if "draw" in rec else {}
            rows.extend(_rows_for(game, eqs, start + i, {**extra, **params}))
    df = pd.DataFrame(rows)
    # sorted categories, as the fast path's (chunk_frame)
    df["regime"] = df["regime"].astype("category")
    return [df]


def _run_chunk_parquet(
    model: Any,
    points: pd.DataFrame,
    start: int,
    solver: Callable[[Any], Any] | None,
    fast: bool = False,
    path: str | None = None,
) -> bytes | str:
    """:func:`_run_chunk` encoded as Parquet: the bytes (what a worker sends
    back), or written to ``path`` atomically by the worker itself when it sees
    the caller's folder (then ``path`` is returned)."""
    data = _parquet_bytes(_run_chunk(model, points, start, solver, fast))
    if path is None:
        return data
    atomic_write_bytes(path, data)
    return path


def _sees(path: str) -> bool:
    """Whether this process sees the file ``path`` (run on every worker)."""
    return Path(path).exists()


# ---------------------------------------------------------------- results
class SweepResult:
    """What a sweep produced.

    Attributes
    ----------
    frame : pandas.DataFrame
        One row per (point, equilibrium): the parameters, ``equilibrium``,
        ``n_equilibria``, ``regime`` (supports in words; a categorical column
        with sorted categories), ``pure``, ``max_regret`` (the certificate),
        ``payoff:<player>`` and one probability column ``<player>:<strategy>``
        per strategy. A sweep written to a folder keeps its rows there: the
        frame is read from its Parquet files on first access (:meth:`read`
        reads only some columns).
    points : pandas.DataFrame
        The parameter points, one row each.
    path : Path or None
        The output folder when written to disk.
    chunks_run, chunks_skipped : int
        Chunks solved in this call and chunks found already written (resume).
    info : dict
        ``chunk_size`` and ``seed``.
    """

    def __init__(
        self,
        frame: pd.DataFrame | None,
        points: pd.DataFrame,
        path: Path | None = None,
        chunks_run: int = 0,
        chunks_skipped: int = 0,
        info: dict[str, Any] | None = None,
        parts: Sequence[Path] = (),
    ) -> None:
        self._frame = frame
        self.points = points
        self.path = path
        self.chunks_run = chunks_run
        self.chunks_skipped = chunks_skipped
        self.info = dict(info or {})
        self._parts = list(parts)

    @property
    def frame(self) -> pd.DataFrame:
        """Every row of the sweep (read from its folder on first access)."""
        if self._frame is None:
            self._frame = self.read()
        return self._frame

    def read(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The rows of the sweep; only ``columns`` when given.

        Reading two columns of a ten-million-point sweep written to disk takes
        a fraction of the time and memory of the whole frame.

        Raises
        ------
        InvalidParameterError
            A column the sweep does not have.
        """
        cols = None if columns is None else list(columns)
        if self._frame is not None:
            if cols is None:
                return self._frame
            missing = [c for c in cols if c not in self._frame.columns]
            if missing:
                raise InvalidParameterError(
                    f"no column {missing[0]!r} in this sweep", field="columns"
                )
            return self._frame[cols]
        import pyarrow.parquet as pq

        if cols is not None and self._parts:
            have = pq.read_schema(self._parts[0]).names
            missing = [c for c in cols if c not in have]
            if missing:
                raise InvalidParameterError(
                    f"no column {missing[0]!r} in this sweep", field="columns"
                )
        tables = [pq.read_table(p, columns=cols) for p in self._parts]
        return _concat([t.to_pandas() for t in tables])

    @property
    def n_rows(self) -> int:
        """Number of rows (from the Parquet footers when on disk)."""
        if self._frame is not None:
            return len(self._frame)
        import pyarrow.parquet as pq

        return sum(pq.ParquetFile(p).metadata.num_rows for p in self._parts)

    def regime_shares(self) -> pd.DataFrame:
        """Share of points in each regime (for Monte Carlo: its probability).

        Columns ``regime`` and ``share``, by decreasing share, ties by regime.
        """
        import pandas as pd

        # a point's first row is its equilibrium 0, or -1 when it has none
        if self._frame is not None:
            regime = self._frame.loc[self._frame["equilibrium"] <= 0, "regime"]
        else:
            import pyarrow.parquet as pq

            parts = [
                pq.read_table(p, columns=["regime"], filters=[("equilibrium", "<=", 0)])
                for p in self._parts
            ]
            regime = (
                _concat([t.to_pandas() for t in parts])["regime"]
                if parts
                else pd.Series([], dtype=object)
            )
        counts = regime.value_counts(sort=False)
        counts = counts[counts > 0]
        out = pd.DataFrame(
            {
                "regime": [str(r) for r in counts.index],
                "share": counts.to_numpy() / max(len(regime), 1),
            }
        )
        out = out.sort_values(["share", "regime"], ascending=[False, True])
        return out.reset_index(drop=True)

    def __repr__(self) -> str:
        where = f", written to {self.path}" if self.path else ""
        rows = "" if self._frame is None else f", {len(self._frame)} rows"
        return f"<SweepResult {len(self.points)} points{rows}{where}>"


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Chunks into one frame; a categorical column gets the sorted union of the
    chunks' categories (so the frame is the same whatever the chunking)."""
    import pandas as pd
    from pandas.api.types import union_categoricals

    if not frames:
        return pd.DataFrame()
    names = list(frames[0].columns)
    cats = [c for c in names if isinstance(frames[0][c].dtype, pd.CategoricalDtype)]
    unions = {
        c: union_categoricals([f[c] for f in frames], sort_categories=True)
        for c in cats
    }
    rest = [f.drop(columns=cats) for f in frames]
    out = rest[0] if len(rest) == 1 else pd.concat(rest, ignore_index=True)
    out = out.reset_index(drop=True)
    for c in cats:
        out[c] = unions[c]
    return out[names]


def _points_hash(points: pd.DataFrame) -> str:
    h = hashlib.sha256()
    h.update(json.dumps(list(points.columns)).encode())
    for col in points.columns:
        h.update(np.ascontiguousarray(points[col].to_numpy(np.float64)).tobytes())
    return h.hexdigest()


def _parquet_bytes(frames: list[pd.DataFrame]) -> bytes:
    """The blocks of a chunk as one Parquet file (one row group each), in memory.

    Categorical columns are stored as dictionaries of strings with ``int32``
    indices whatever their number of categories, so that every block has the
    same schema; pandas' own metadata (which records each block's category
    count) is left out, and :meth:`SweepResult.read` restores the categories.
    Only the columns of few distinct values (regime, counts, flags, fixed
    parameters) are dictionary-encoded: trying a dictionary on millions of
    distinct floats costs more than it saves.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    def table(df: pd.DataFrame) -> Any:
        t = pa.Table.from_pandas(df, preserve_index=False)
        fields = [
            pa.field(f.name, pa.dictionary(pa.int32(), pa.string()))
            if pa.types.is_dictionary(f.type)
            else f
            for f in t.schema
        ]
        return t.cast(pa.schema(fields)).replace_schema_metadata(None)

    def few_values(x: Any) -> bool:
        if x.dtype.kind not in "biuf":  # categorical
            return True
        v = x.to_numpy()
        return x.dtype.kind == "b" or bool(len(v) and (v == v[0]).all())

    tables = [table(df) for df in frames]
    first = tables[0]
    few = [
        c
        for c in frames[0].columns
        if c in ("equilibrium", "n_equilibria") or few_values(frames[0][c])
    ]
    buf = io.BytesIO()
    with pq.ParquetWriter(buf, first.schema, use_dictionary=few) as writer:
        for t in tables:
            writer.write_table(t)
    return buf.getvalue()


def sweep(
    model: Any,
    grid: Mapping[str, Sequence[float]] | None = None,
    draws: Mapping[str, Any] | None = None,
    *,
    n: int | None = None,
    seed: Any = None,
    fixed: Mapping[str, Any] | None = None,
    chunk_size: int = 1000,
    out: str | Path | None = None,
    resume: bool = False,
    scheduler: Any = None,
    solver: Callable[[Any], Any] | None = None,
    progress: bool = True,
    vectorised: bool | None = None,
) -> SweepResult:
    r"""Solve ``model`` at every point of a grid and/or Monte Carlo draws.

    Parameters
    ----------
    model : SymbolicGame, ParametricGame or callable
        The family of games; a callable receives the parameters as keywords.
    grid : mapping, optional
        ``name -> values``; the sweep covers their Cartesian product.
    draws : mapping, optional
        ``name -> (distribution, *parameters)`` (see :func:`draw_parameters`);
        ``n`` draws are made and each is solved at every grid point.
    n : int, optional
        Number of draws (required with ``draws``).
    seed : int or numpy.random.Generator, optional
        Seed of the draws.
    fixed : mapping, optional
        Values of parameters held fixed (added to every point).
    chunk_size : int
        Points per chunk (unit of work, of writing and of resumption).
    out : str or Path, optional
        Folder to write ``sweep.json`` and one Parquet file per chunk.
    resume : bool
        Keep the chunks already in ``out`` (which must hold the same sweep).
    scheduler : str or dask.distributed.Client, optional
        Solve the chunks on a Dask cluster.
    solver : callable, optional
        ``solver(game) -> EquilibriumSet``; default: all equilibria
        (vertex enumeration for two players, :func:`coercion.solve` otherwise).
    progress : bool
        Show a progress bar (tqdm; notebook-aware).
    vectorised : bool, optional
        Solve each chunk as one stack of games with
        :func:`coercion.solve_stack` (the fast path) instead of one game at a
        time. Default (None): when the model evaluates payoff stacks (a
        two-player :class:`~coercion.SymbolicGame`, a
        :class:`~coercion.ParametricGame` with ``stack=``), its games have at
        most 6 strategies in all, and no ``solver`` is given. ``True`` raises
        when there is no fast path; ``False`` forces the per-point path.

    Returns
    -------
    SweepResult

    Raises
    ------
    InvalidParameterError
        Bad grid, draws, chunk size, or an ``out`` folder that holds another
        sweep (or any sweep, without ``resume``); ``vectorised=True`` for a
        model or solver without a fast path.

    Examples
    --------
    >>> import coercion as co
    >>> def game(stake):
    ...     return co.NormalFormGame.from_bimatrix(
    ...         [[0.0, 0.0], [stake - 1.0, stake - 1.0]], [[1.0, 0.0], [1.0, 0.0]])
    >>> res = co.sweep(game, draws={"stake": ("uniform", 0, 2)}, n=200, seed=1,
    ...                progress=False)
    >>> shares = res.regime_shares()
    >>> len(shares)
    2

    Notes
    -----
    Rows are ordered by point and then by equilibrium, so a resumed or
    distributed sweep gives the same table as a one-shot run. The fast path
    gives the rows of the per-point path (same points, equilibria in the same
    order, same supports, regimes and dtypes); its floats agree to rounding,
    as the closed forms of :func:`coercion.solve_stack` round differently from
    vertex enumeration, and a :class:`~coercion.SymbolicGame` is evaluated by
    numpy (:meth:`~coercion.SymbolicGame.lambdify`) rather than by sympy, so a
    tie that only one of the two roundings makes exact can differ.
    """
    if (
        not isinstance(chunk_size, int)
        or isinstance(chunk_size, bool)
        or chunk_size < 1
    ):
        raise InvalidParameterError(
            f"{chunk_size!r} is not a positive int", field="chunk_size"
        )
    if vectorised not in (None, True, False):
        raise InvalidParameterError(
            f"{vectorised!r} is not None, True or False", field="vectorised"
        )
    fast = False
    if vectorised is not False and solver is None:
        from coercion.analysis._stacked import stack_family

        fast = stack_family(model, None) is not None
    if vectorised and not fast:
        raise InvalidParameterError(
            "this model has no vectorised path (it needs a two-player "
            "SymbolicGame or a ParametricGame with stack=, at most 6 strategies, "
            "and no solver=)",
            field="vectorised",
        )
    points = sweep_points(grid, draws, n=n, seed=seed)
    for name, value in dict(fixed or {}).items():
        if name in points.columns:
            raise InvalidParameterError(
                f"{name!r} is both fixed and swept", field=f"fixed.{name}"
            )
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise InvalidParameterError(
                f"{value!r} is not a number", field=f"fixed.{name}"
            ) from None
        if not math.isfinite(number):
            raise InvalidParameterError(
                f"{value!r} is not finite", field=f"fixed.{name}"
            )
        points[name] = number
    n_points = len(points)
    if fast and n_points:
        # the per-point builder checks the parameter names and values (unknown
        # or missing names raise as they would point by point)
        first = points.iloc[0]
        _game_builder(model)({c: float(first[c]) for c in points if c != "draw"})
    starts = list(range(0, n_points, chunk_size))
    folder = None if out is None else Path(out)
    spec = {
        # 2: categorical regime, parts in row groups without pandas metadata
        "format": "coercion-sweep-2",
        "n_points": n_points,
        "chunk_size": chunk_size,
        "columns": list(points.columns),
        "points_sha256": _points_hash(points),
    }
    done: set[int] = set()
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        spec_path = folder / "sweep.json"
        if spec_path.exists():
            try:
                old = json.loads(spec_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                old = None
            if not resume:
                raise InvalidParameterError(
                    f"{str(folder)!r} already holds a sweep; pass resume=True to "
                    "continue it or choose another folder",
                    field="out",
                )
            if isinstance(old, dict) and old.get("format") != spec["format"]:
                raise InvalidParameterError(
                    f"{str(folder)!r} holds a sweep in format {old.get('format')!r} "
                    f"(this version writes {spec['format']!r}); start it again in "
                    "a new folder",
                    field="out",
                )
            if old != spec:
                raise InvalidParameterError(
                    f"{str(folder)!r} holds a different sweep (its sweep.json does "
                    "not match these points and chunks)",
                    field="out",
                )
            # a process killed while writing a part leaves its temporary file
            for stale in folder.glob(".part-*.parquet.*.tmp"):
                stale.unlink(missing_ok=True)
        else:
            atomic_write_text(spec_path, json.dumps(spec, indent=1) + "\n")
        for k in range(len(starts)):
            if (folder / f"part-{k:06d}.parquet").exists():
                done.add(k)
    todo = [k for k in range(len(starts)) if k not in done]

    def chunk_points(k: int) -> pd.DataFrame:
        s = starts[k]
        return points.iloc[s : s + chunk_size].reset_index(drop=True)

    results: dict[int, list[pd.DataFrame]] = {}
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(starts), initial=len(done), unit="chunk", desc="sweep")

    def part(k: int) -> Path:
        assert folder is not None
        return folder / f"part-{k:06d}.parquet"

    def finish(k: int, got: list[pd.DataFrame] | bytes | str) -> None:
        # with a folder the rows go to disk and are read back on demand
        if isinstance(got, str):  # a worker wrote the part itself
            if not part(k).exists():
                raise InvalidParameterError(
                    f"a worker wrote {got!r}, which this process does not see",
                    field="scheduler",
                )
        elif folder is not None:
            data = got if isinstance(got, bytes) else _parquet_bytes(got)
            atomic_write_bytes(part(k), data)
        else:
            assert not isinstance(got, bytes)
            results[k] = got
        if bar is not None:
            bar.update(1)

    try:
        if scheduler is None:
            for k in todo:
                finish(k, _run_chunk(model, chunk_points(k), starts[k], solver, fast))
        else:
            _run_distributed(
                scheduler,
                model,
                todo,
                chunk_points,
                starts,
                solver,
                finish,
                fast,
                folder=folder,
                part=part,
            )
    finally:
        if bar is not None:
            bar.close()

    info = {"chunk_size": chunk_size, "seed": seed if isinstance(seed, int) else None}
    if folder is not None:
        return SweepResult(
            None,
            points,
            path=folder,
            chunks_run=len(todo),
            chunks_skipped=len(done),
            info=info,
            parts=[part(k) for k in range(len(starts))],
        )
    return SweepResult(
        _concat([f for k in range(len(starts)) for f in results[k]]),
        points,
        chunks_run=len(todo),
        info=info,
    )


def _run_distributed(
    scheduler: Any,
    model: Any,
    todo: list[int],
    chunk_points: Callable[[int], pd.DataFrame],
    starts: list[int],
    solver: Any,
    finish: Callable[[int, Any], None],
    fast: bool = False,
    folder: Path | None = None,
    part: Callable[[int], Path] | None = None,
) -> None:
    """Solve chunks on a Dask cluster.

    Without a ``folder`` the workers send frames back. With one, they send
    Parquet bytes (compact, ready to be written), or, when every worker sees
    the folder (a ``LocalCluster``, or a cluster on a shared file system;
    checked with a probe file), write their parts themselves, so that the
    rows never travel through the caller.
    """
    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise InvalidParameterError(
            "scheduler= needs dask.distributed: pip install 'coercion[dask]'",
            field="scheduler",
        ) from exc
    own = not isinstance(scheduler, Client)
    client = Client(scheduler) if own else scheduler
    fn = _run_chunk if folder is None else _run_chunk_parquet
    try:
        shared = folder is not None and _workers_see(client, folder)
        # a bounded window of chunks in flight: the points go to the cluster
        # as the workers need them (scattered, not embedded in the task
        # graph) and finished rows do not pile up on the caller
        window = max(2, 2 * len(client.scheduler_info().get("workers", {})) + 1)
        queue = list(todo)
        running: dict[Any, int] = {}
        done_ = as_completed()

        def submit_next() -> None:
            k = queue.pop(0)
            data: Any = chunk_points(k)
            if data.memory_usage(index=False).sum() > 1 << 20:
                # large points go as data, not inside the task graph
                [data] = client.scatter([data], hash=False)
            args: list[Any] = [model, data, starts[k], solver, fast]
            if shared:
                assert part is not None
                args.append(str(part(k)))
            fut = client.submit(fn, *args, pure=False)
            running[fut] = k
            done_.add(fut)

        while queue and len(running) < window:
            submit_next()
        for fut in done_:
            k = running.pop(fut)
            finish(k, fut.result())
            fut.release()
            if queue:
                submit_next()
    finally:
        if own:
            client.close()


def _workers_see(client: Any, folder: Path) -> bool:
    """Whether every worker of ``client`` sees ``folder`` (a probe file)."""
    import uuid

    probe = folder / f".probe-{uuid.uuid4().hex}"
    probe.write_bytes(b"")
    try:
        seen = client.run(_sees, str(probe))
        return bool(seen) and all(seen.values())
    except Exception:  # a worker that cannot answer: send the bytes instead
        return False
    finally:
        probe.unlink(missing_ok=True)
