"""Hypothesis strategies for small random extensive games (shared by the tree tests).

Not a test module: imported by ``test_extensive.py`` and ``test_efg.py``.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

import coercion as co

LABEL_CHARS = st.characters(
    codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"
)
labels = st.text(alphabet=LABEL_CHARS, max_size=6)
plain_labels = st.text(alphabet="abcxyzXYZ_-019", max_size=5)
awkward_labels = st.sampled_from(['a"b', "back\\", '\\"', "\\\\", "x y", "", "{}"])

exact_numbers = st.one_of(
    st.integers(-20, 20),
    st.fractions(min_value=-10, max_value=10, max_denominator=12),
    st.decimals(
        min_value=-100, max_value=100, places=3, allow_nan=False, allow_infinity=False
    ).map(str),
)
float_numbers = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@st.composite
def games(
    draw,
    *,
    max_nodes: int = 14,
    numbers=exact_numbers,
    perfect_information: bool = False,
    fancy_labels: bool = False,
    plain: bool = False,
) -> co.ExtensiveGame:
    """A random tree: chance and personal nodes, 1-3 players, outcomes anywhere.

    Nodes of one player with the same number of actions may share an
    information set (so recall may be imperfect) unless
    ``perfect_information``. ``plain`` labels are short printable ASCII
    words, the only labels Gambit 16.7's own reader accepts everywhere.
    """
    lab = st.one_of(labels, awkward_labels) if fancy_labels else labels
    if plain:
        lab = plain_labels
    n = draw(st.integers(1, 3))
    players = draw(st.lists(lab, min_size=n, max_size=n, unique=True))
    g = co.ExtensiveGame(
        players, title=draw(lab), comment=draw(lab) if fancy_labels else ""
    )
    frontier = [g.root]
    count = 1
    while frontier:
        x = frontier.pop(0)
        if fancy_labels:
            x.label = draw(lab)
        if draw(st.integers(0, 3)) == 0:
            x.set_outcome(
                draw(st.lists(numbers, min_size=n, max_size=n)),
                draw(lab) if fancy_labels else "",
            )
        kind = draw(st.sampled_from("tpc")) if count < max_nodes else "t"
        if kind == "t":
            continue
        k = draw(st.integers(1, 3))
        same_chance = [h for h in g.chance_infosets() if len(h.actions) == k]
        if kind == "c" and same_chance and draw(st.booleans()):
            kids = x.chance(infoset=draw(st.sampled_from(same_chance)))
        elif kind == "c":
            weights = draw(st.lists(st.integers(0, 4), min_size=k, max_size=k))
            if sum(weights) == 0:
                weights[0] = 1
            total = sum(weights)
            kids = x.chance(
                [f"c{i}" for i in range(k)], [Fraction(w, total) for w in weights]
            )
        else:
            p = draw(st.integers(0, n - 1))
            same = [h for h in g.infosets(p) if len(h.actions) == k]
            if same and not perfect_information and draw(st.booleans()):
                kids = x.decide(p, infoset=draw(st.sampled_from(same)))
            else:
                acts = draw(st.lists(lab, min_size=k, max_size=k, unique=True))
                kids = x.decide(p, acts)
                if fancy_labels:
                    kids[0].parent.infoset.label = draw(lab)
        count += len(kids)
        frontier.extend(kids)
    return g
