"""One style for every figure: the Okabe–Ito palette, readable sizes, SVG/PNG saving.

Examples
--------
>>> from coercion.plot.style import PALETTE
>>> len(PALETTE)
8
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from coercion._io import atomic_write_bytes

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["PALETTE", "apply_style", "new_axes", "save_figure"]

#: Okabe and Ito (2008), "Color Universal Design": distinguishable by readers
#: with every common form of colour-vision deficiency.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)

_RC: dict[str, Any] = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.hashsalt": "coercion",  # deterministic SVG ids
}


def apply_style() -> None:
    """Set the toolkit's matplotlib defaults (idempotent)."""
    import matplotlib as mpl

    params: Any = mpl.rcParams  # its stub accepts literal keys only
    params.update(_RC)


def new_axes(width: float = 6.0, height: float = 3.6) -> Axes:
    """A new figure with one Axes, in the toolkit's style."""
    import matplotlib.pyplot as plt

    apply_style()
    _fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return ax


def save_figure(fig: Figure, path: str | Path, **kwargs: Any) -> list[Path]:
    """Save ``fig`` as PNG and SVG beside each other (atomically, reproducibly).

    ``path`` without suffix; returns the written paths. Metadata that would
    change between runs (creation dates, software versions) is left out, so
    two runs give the same bytes.
    """
    import io

    base = Path(path)
    out = []
    for fmt, meta in (
        ("png", {"Software": None}),
        ("svg", {"Date": None, "Creator": None}),
    ):
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, metadata=meta, **kwargs)
        target = base.with_suffix(f".{fmt}")
        atomic_write_bytes(target, buf.getvalue())
        out.append(target)
    return out
