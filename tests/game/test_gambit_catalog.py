"""Every game of Gambit's own catalog, read by our readers and checked against Gambit.

pygambit ships the catalog of games from textbooks and journals that the Gambit
project maintains (``pygambit/catalog_data``: Myerson 1991, Shoham and
Leyton-Brown 2008, von Stengel 2022, Watson 2013, Selten 1975, von Stengel and
Forges 2008, Shapley 1974, ...). These are real files written by Gambit's
authors, not by us. Each must read, write and read back to the same game, have
Gambit's players, strategies and payoffs, and, for two players with perfect
recall, the same extreme equilibria as Gambit's ``enummixed`` (exact).
Skipped when pygambit is not installed (it is not in the test extras).
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path

import pytest

import coercion as co

gbt = pytest.importorskip("pygambit")

CATALOG = Path(gbt.__file__).parent / "catalog_data"
FILES = sorted(p for p in CATALOG.rglob("*") if p.suffix in (".efg", ".nfg"))
IDS = [str(p.relative_to(CATALOG)) for p in FILES]


def _gambit(path: Path):
    return gbt.read_efg(str(path)) if path.suffix == ".efg" else gbt.read_nfg(str(path))


def _ours_normal_form(game):
    return (
        game if isinstance(game, co.NormalFormGame) else game.reduced_strategic_form()
    )


def test_the_catalog_is_there():
    assert len(FILES) >= 30


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_catalog_file_reads_round_trips_and_has_gambits_players(path, tmp_path):
    game = co.read_game(path)
    again = co.read_game(co.write_game(game, tmp_path / path.name))
    assert again == game
    G = _gambit(path)
    assert game.players == tuple(p.label for p in G.players)
    if isinstance(game, co.NormalFormGame):
        assert game.shape == tuple(len(p.strategies) for p in G.players)
    else:
        assert [len(game.infosets(i)) for i in range(game.n_players)] == [
            len(p.infosets) for p in G.players
        ]
        assert len(game.terminal_nodes()) == sum(1 for n in G.nodes if n.is_terminal)


def _payoff_key(values) -> tuple[Fraction, ...]:
    return tuple(Fraction(str(v)) for v in values)


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_two_player_catalog_games_have_gambits_equilibria(path):
    G = _gambit(path)
    if len(G.players) != 2 or (path.suffix == ".efg" and not G.is_perfect_recall):
        pytest.skip("enummixed: two players with perfect recall")
    theirs = gbt.nash.enummixed_solve(G, rational=True).equilibria
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = co.solve(_ours_normal_form(co.read_game(path)))
    assert len(ours) == len(theirs)
    assert all(e.max_regret == 0 for e in ours)  # exact certificates
    mine = sorted(_payoff_key(e.payoffs) for e in ours)
    gambit = sorted(_payoff_key(eq.payoff(p) for p in G.players) for eq in theirs)
    assert mine == gambit


def _brute_force_regrets(game, profile):
    """Each player's gain from its best pure deviation, summed over every cell
    of the payoff array (independent of the solvers' own certificates)."""
    import itertools

    import numpy as np

    P = np.asarray(game.payoffs, dtype=object)
    n = game.n_players
    gains = []
    for pl in range(n):
        values = []
        for dev in [None, *range(game.shape[pl])]:
            total = Fraction(0)
            for cell in itertools.product(*[range(k) for k in game.shape]):
                pr = Fraction(1)
                for i, k in enumerate(cell):
                    if i == pl and dev is not None:
                        pr *= 1 if k == dev else 0
                    else:
                        pr *= Fraction(profile[i][k])
                if pr:
                    total += pr * Fraction(str(P[(pl, *cell)]))
            values.append(total)
        gains.append(max(values[1:]) - values[0])
    return gains


NPLAYER = [p for p, i in zip(FILES, IDS) if len(_gambit(p).players) > 2]


@pytest.mark.parametrize(
    "path", NPLAYER, ids=[str(p.relative_to(CATALOG)) for p in NPLAYER]
)
def test_n_player_catalog_games_contain_gambits_equilibria(path):
    """Every equilibrium Gambit's enumpoly finds is among ours (by payoffs), and
    every one of ours is an equilibrium by brute force. Ours may hold more:
    enumpoly reports isolated points (Selten's horse, fig. 1, has two segments
    of equilibria; in Selten's fig. 3 it misses the mixed equilibrium
    ((25/49, 24/49, 0), (5/8, 3/8), (3/4, 1/4)), which the brute force
    confirms)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours = co.solve(_ours_normal_form(co.read_game(path)))
    game = _ours_normal_form(co.read_game(path))
    for e in ours:
        # exact profiles have no regret at all; irrational ones (Nau et al.,
        # section 4) are floats to about 16 digits
        exact = all(isinstance(x, Fraction | int) for p in e.profile for x in p)
        gains = _brute_force_regrets(game, e.profile)
        assert all(g == 0 if exact else abs(g) < 1e-9 for g in gains)
    if path.name == "sec6.nfg":
        # Nau et al. (2004), section 6: "The set of Nash equilibria is a line
        # segment" (the file's own comment); enumpoly does not return on it
        assert [len(c.extreme) for c in ours.components] == [2]
        return
    G = _gambit(path)
    theirs = gbt.nash.enumpoly_solve(G, use_strategic=True).equilibria
    mine = [[float(v) for v in e.payoffs] for e in ours]
    for eq in theirs:
        key = [float(eq.payoff(p)) for p in G.players]
        assert any(max(abs(a - b) for a, b in zip(key, m)) < 1e-6 for m in mine)
