"""Figures of thresholds draw what they are given and save reproducibly."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
import sympy as sp

import coercion as co
from coercion.errors import InvalidParameterError
from coercion.plot import plot_branches, plot_regime_map, plot_thresholds, save_figure

c, a = sp.symbols("c a")
GAME = co.SymbolicGame.from_bimatrix([[0, -1], [a, -c]], [[0, 1], [-1, -c]])


def test_branches_and_threshold_lines():
    g = GAME.partial(a=1)
    tr = co.track(g, "c", [0.5, 0.95, 1.05, 1.2, 1.5, 2.0])
    res = co.thresholds(g, "c", over=(0.5, 2.0))
    ax = plot_branches(tr, "2:2", thresholds=res)
    assert len(ax.lines) == tr.n_branches + len(res)
    with pytest.raises(InvalidParameterError, match="column"):
        plot_branches(tr, "nobody:nothing")
    plt.close("all")


def test_regime_map_and_strip(tmp_path):
    df = co.regime_map(GAME, ("a", 0.5, 1.5, 4), ("c", 0.5, 2.0, 4))
    ax = plot_regime_map(df, "a", "c", title="chicken")
    assert ax.get_title() == "chicken"
    ax2 = plot_thresholds(co.thresholds(GAME.partial(a=1), "c", over=(0, 3)))
    paths = save_figure(ax2.figure, tmp_path / "strip")
    first = [p.read_bytes() for p in paths]
    save_figure(ax2.figure, tmp_path / "strip")
    assert [p.read_bytes() for p in paths] == first  # same bytes twice
    assert sorted(p.suffix for p in paths) == [".png", ".svg"]
    plt.close("all")


def test_regime_map_with_exact_boundaries_draws_and_names_them():
    import sympy as sp

    import coercion as co
    from coercion.errors import InvalidParameterError
    from coercion.plot.thresholds import plot_regime_map

    a, c = sp.symbols("a c")
    g = co.SymbolicGame.from_bimatrix([[0, -1], [a, -c]], [[0, 1], [-1, -c]])
    res = co.regime_boundaries(g, ("a", -1, 2, 30), ("c", 0.2, 3, 30))
    ax = plot_regime_map(res.map, "a", "c", boundaries=res)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "a = 0" in labels and "c = 1" in labels
    # one dashed contour set per curve, on top of the regime contours
    assert len(ax.collections) >= 1 + len(res)
    with pytest.raises(InvalidParameterError) as err:
        plot_regime_map(res.map.rename(columns={"a": "b"}), "b", "c", boundaries=res)
    assert err.value.field == "boundaries"
