r"""Figures of thresholds: regime maps, regime strips and equilibrium branches.

Every function draws on a matplotlib ``Axes`` (a new figure when none is given)
and returns it, so notebooks and ``coercion reproduce`` draw the same figure
from the same call. Colours come from :mod:`coercion.plot.style` (the
colour-blind-safe Okabe–Ito palette).

Examples
--------
>>> import sympy as sp
>>> import coercion as co
>>> from coercion.plot.thresholds import plot_branches
>>> c = sp.Symbol("c")
>>> g = co.SymbolicGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
>>> tr = co.track(g, "c", [0.5, 0.95, 1.05, 1.2, 1.5, 2.0, 3.0])
>>> ax = plot_branches(tr, "2:2")
>>> ax.get_ylabel()
'P(2 plays 2)'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from coercion.errors import InvalidParameterError
from coercion.plot.style import PALETTE, apply_style, new_axes

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from coercion.analysis.thresholds import ThresholdResult
    from coercion.analysis.tracking import TrackResult

__all__ = ["plot_branches", "plot_regime_map", "plot_thresholds"]


def plot_branches(
    track: TrackResult,
    column: str,
    *,
    ax: Axes | None = None,
    thresholds: ThresholdResult | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    title: str | None = None,
) -> Axes:
    """Plot one probability (or payoff) column of every branch along the parameter.

    Parameters
    ----------
    track : TrackResult
        From :func:`coercion.track`.
    column : str
        A column of ``track.frame``, e.g. ``"Target:retaliate"``.
    ax : matplotlib Axes, optional
    thresholds : ThresholdResult, optional
        Draw its thresholds as vertical lines.
    xlabel, ylabel, title : str, optional

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    InvalidParameterError
        ``column`` is not in the frame.
    """
    df = track.frame
    if column not in df.columns:
        raise InvalidParameterError(
            f"{column!r} is not a column; columns are {list(df.columns)}",
            field="column",
        )
    apply_style()
    ax = ax or new_axes()
    for b in sorted(df["branch"].unique()):
        part = df[df["branch"] == b]
        color = PALETTE[int(b) % len(PALETTE)]
        ax.plot(
            part[track.param],
            part[column],
            marker="o",
            markersize=3,
            color=color,
            label=f"branch {b}",
        )
    if thresholds is not None:
        _vlines(ax, thresholds)
    player, _, strategy = column.partition(":")
    if ylabel is None:
        ylabel = (
            f"payoff of {strategy}"
            if player == "payoff"
            else f"P({player} plays {strategy})"
        )
    ax.set_xlabel(xlabel or track.param)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.legend(frameon=False, fontsize="small")
    return ax


def _vlines(ax: Axes, res: ThresholdResult) -> None:
    for t in res:
        ax.axvline(t.value, color="0.3", linestyle="--", linewidth=1)
        exact = str(t.exact) if t.exact is not None else ""
        label = exact if 0 < len(exact) <= 12 else f"{t.value:.4g}"
        ax.annotate(
            f"{res.param} = {label}",
            xy=(t.value, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -12),
            textcoords="offset points",
            fontsize="small",
            color="0.3",
        )


def plot_thresholds(
    res: ThresholdResult,
    *,
    ax: Axes | None = None,
    xlabel: str | None = None,
    title: str | None = None,
    describe: Callable[[Any], str] | None = None,
) -> Axes:
    """Draw the regimes of one parameter as coloured bands with their thresholds.

    ``describe(signature) -> str`` labels a band (default: the regime's own
    description, one equilibrium per line).

    Examples
    --------
    >>> import sympy as sp
    >>> import coercion as co
    >>> from coercion.plot.thresholds import plot_thresholds
    >>> c = sp.Symbol("c")
    >>> g = co.SymbolicGame.from_bimatrix([[0, -1], [1, -c]], [[0, 1], [-1, -c]])
    >>> ax = plot_thresholds(co.thresholds(g, "c", over=(0, 4)))
    >>> len(ax.patches)
    2
    """
    apply_style()
    ax = ax or new_axes(height=1.8)
    for k, r in enumerate(res.regimes):
        ax.axvspan(r.lo, r.hi, color=PALETTE[k % len(PALETTE)], alpha=0.35, lw=0)
        text = describe(r.signature) if describe else r.description.replace(" | ", "\n")
        ax.text(
            0.5 * (r.lo + r.hi),
            0.5,
            text,
            ha="center",
            va="center",
            fontsize="x-small",
            wrap=True,
        )
    _vlines(ax, res)
    ax.set_xlim(*res.over)
    ax.set_yticks([])
    ax.set_xlabel(xlabel or res.param)
    if title:
        ax.set_title(title)
    return ax


def plot_regime_map(
    frame: pd.DataFrame,
    x: str,
    y: str,
    *,
    ax: Axes | None = None,
    xlabel: str | None = None,
    ylabel: str | None = None,
    title: str | None = None,
    boundaries: Any = None,
) -> Axes:
    """Draw a two-parameter regime map (from :func:`coercion.regime_map`).

    Each regime gets a colour and a legend entry; the boundaries between
    regimes are the threshold curves. With ``boundaries`` (the result of
    :func:`coercion.regime_boundaries` on the same axes) the exact curves are
    drawn as dashed lines where they separate regimes, each with its equation
    in the legend.

    Examples
    --------
    >>> import sympy as sp
    >>> import coercion as co
    >>> from coercion.plot.thresholds import plot_regime_map
    >>> a, c = sp.symbols("a c")
    >>> g = co.SymbolicGame.from_bimatrix([[0, -1], [a, -c]], [[0, 1], [-1, -c]])
    >>> df = co.regime_map(g, ("a", 0.5, 1.5, 5), ("c", 0.5, 2, 5))
    >>> ax = plot_regime_map(df, "a", "c")
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('a', 'c')
    """
    import numpy as np
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    for name in (x, y, "regime", "description"):
        if name not in frame.columns:
            raise InvalidParameterError(
                f"{name!r} is not a column of the regime map", field="frame"
            )
    apply_style()
    ax = ax or new_axes()
    xs = np.sort(frame[x].unique())
    ys = np.sort(frame[y].unique())
    grid = frame.pivot_table(index=y, columns=x, values="regime", aggfunc="first")
    grid = grid.reindex(index=ys, columns=xs)
    n = int(frame["regime"].max()) + 1
    cmap = ListedColormap([PALETTE[k % len(PALETTE)] for k in range(n)])
    ax.pcolormesh(
        xs, ys, grid.to_numpy(), cmap=cmap, vmin=-0.5, vmax=n - 0.5, shading="nearest"
    )
    if len(xs) > 1 and len(ys) > 1:
        ax.contour(
            xs,
            ys,
            grid.to_numpy(),
            levels=np.arange(n) + 0.5,
            colors="k",
            linewidths=0.8,
        )
    labels = frame.drop_duplicates("regime").sort_values("regime")
    handles: list[Any] = [
        Patch(color=PALETTE[int(r) % len(PALETTE)], label=d)
        for r, d in zip(labels["regime"], labels["description"])
    ]
    if boundaries is not None:
        handles += _draw_boundaries(ax, boundaries, grid.to_numpy(), xs, ys, x, y)
    ax.legend(
        handles=handles,
        fontsize="x-small",
        frameon=False,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )
    ax.set_xlabel(xlabel or x)
    ax.set_ylabel(ylabel or y)
    if title:
        ax.set_title(title)
    return ax


def _draw_boundaries(
    ax: Axes, res: Any, regimes: Any, xs: Any, ys: Any, x: str, y: str
) -> list[Any]:
    """Dashed exact curves, drawn only next to a change of regime."""
    import numpy as np
    import sympy as sp
    from matplotlib.lines import Line2D

    if (res.x, res.y) != (x, y):
        raise InvalidParameterError(
            f"the boundaries are in ({res.x}, {res.y}), the map in ({x}, {y})",
            field="boundaries",
        )
    R = np.asarray(regimes)  # (len(ys), len(xs))
    near = np.zeros(R.shape, dtype=bool)
    for axis in (0, 1):
        d = np.diff(R, axis=axis) != 0
        lo = [slice(None), slice(None)]
        hi = [slice(None), slice(None)]
        lo[axis], hi[axis] = slice(None, -1), slice(1, None)
        near[tuple(lo)] |= d
        near[tuple(hi)] |= d
    X, Y = np.meshgrid(xs, ys)
    handles = []
    for k, b in enumerate(res):
        syms = sorted(b.expr.free_symbols, key=lambda s: s.name)
        by_name = {s.name: s for s in syms}
        args = [by_name.get(x, sp.Symbol(x)), by_name.get(y, sp.Symbol(y))]
        fn = sp.lambdify(args, b.expr, "numpy")
        with np.errstate(all="ignore"):
            F = np.broadcast_to(np.asarray(fn(X, Y), dtype=float), X.shape)
        style: Any = ("--", ":", "-.")[k % 3]
        if len(xs) > 1 and len(ys) > 1:
            ax.contour(
                xs,
                ys,
                np.ma.masked_where(~near, F),
                levels=[0.0],
                colors="k",
                linestyles=style,
                linewidths=1.2,
            )
        handles.append(Line2D([], [], color="k", linestyle=style, label=b.label))
    return handles
