"""Tests of the Gambit ``.efg`` reader and writer (:mod:`coercion.game.efg`).

The known games are written by hand in every form the Gambit documentation
allows ("The extensive game (.efg) file format"): rational and decimal
probabilities, information sets and outcomes given again without their
description, outcomes at inner nodes, the null outcome, escaped quotes, any
number of players, free whitespace.
"""

from __future__ import annotations

import re
import sys
from fractions import Fraction

import numpy as np
import pytest
from _efg_trees import float_numbers, games
from hypothesis import given, settings

import coercion as co
from coercion._random import as_generator
from coercion.errors import CoercionError, NotSupportedError, ParseError
from coercion.game.efg import format_efg, parse_efg, read_efg, write_efg

F = Fraction

# Selten's entry game, commas between payoffs
ENTRY = """EFG 2 R "Entry game" { "Entrant" "Incumbent" }
"Selten (1975)"

p "" 1 1 "" { "Out" "In" } 0
t "" 1 "out" { 1, 2 }
p "" 2 1 "" { "Fight" "Accommodate" } 0
t "" 2 "war" { 0, 0 }
t "" 3 "peace" { 2, 1 }
"""

# Myerson (1991) section 2.1: chance with decimal probabilities, player 2's
# information set and the outcomes given again without their descriptions,
# no commas between payoffs, arbitrary numbering
CARD_GAME = """EFG 2 R "card game" { "1" "2" } ""
c "" 4 "card" { "red" 0.5 "black" .5 } 0
p "" 1 9 "red" { "R" "F" } 0
p "" 2 3 "raise" { "M" "P" } 0
t "" 10 "" { 2 -2 }
t "" 7 "pass" { 1 -1 }
t "" 5 "" { 1 -1 }
p "" 1 2 "black" { "R" "F" } 0
p "" 2 3 0
t "" 11 "" { -2 2 }
t "" 7
t "" 6 "" { -1 1 }
"""

# Selten's horse (1975): three players, player 3's information set repeated
# with its full description, all on few lines with tabs
HORSE = (
    'EFG 2 D "horse" { "1" "2" "3" }\t"" p "" 1 1 "" { "C" "D" } 0 '
    'p "" 2 1 "" { "c" "d" } 0\tt "" 1 "" { 1, 1, 1 }\n'
    'p "" 3 1 "three" { "L" "R" } 0 t "" 2 "" { 4, 4, 0 } t "" 1\n'
    'p "" 3 1 "three" { "L" "R" } 0 t "" 0 t "" 3 "" { 3, 2, 2 }'
)

# outcomes at inner nodes (a two-stage game), an event repeated without its
# description, exact numbers in every notation
STAGES = """EFG 2 R "stages" { "A" "B" }
c "root" 1 "draw" { "h" 1/4 "t" 7.5e-1 } 1 "entry fee" { -1/2, -0.5 }
p "A at h" 1 1 "" { "go" "stop" } 2 "stage 1" { 1e1, 25E-1 }
c "" 2 "second draw" { "x" 1/3 "y" 2/3 } 0
t "" 3 "" { +3, -3 }
t "" 0
t "" 0
p "A at t" 1 2 "" { "go" } 0
c "" 2 0
t "" 0
t "" 4 "" { 1.000, 0 }
"""

QUOTES = r"""EFG 2 R "say \"hi\"" { "A \"the\" one" "back\\slash" } "multi
line"
p "a {brace}" 1 1 "in\"fo" { "x\"" "C:\path" } 0
t "" 0
t "\\" 0
"""


def test_entry_game():
    g = parse_efg(ENTRY, file="entry.efg")
    assert g.title == "Entry game" and g.comment == "Selten (1975)"
    assert g.players == ("Entrant", "Incumbent")
    nfg = g.reduced_strategic_form()
    assert nfg["Out", "Fight"] == (1, 2)
    assert nfg["In", "Accommodate"] == (2, 1)
    assert [o.label for o in g.outcomes()] == ["out", "war", "peace"]
    expected = co.ExtensiveGame.from_tree(
        ["Entrant", "Incumbent"],
        {
            "player": "Entrant",
            "moves": {
                "Out": {"outcome": {"payoffs": [1, 2], "label": "out"}},
                "In": {
                    "player": "Incumbent",
                    "moves": {
                        "Fight": {"outcome": {"payoffs": [0, 0], "label": "war"}},
                        "Accommodate": {
                            "outcome": {"payoffs": [2, 1], "label": "peace"}
                        },
                    },
                },
            },
        },
    )
    assert g == expected


def test_card_game_reduced_form_is_myersons_table():
    g = parse_efg(CARD_GAME)
    assert g.root.infoset.probs == (F(1, 2), F(1, 2))
    assert [h.label for h in g.infosets(0)] == ["red", "black"]
    (h2,) = g.infosets(1)
    assert len(h2.members) == 2 and h2.label == "raise"
    assert g.node(4).outcome is g.node(9).outcome  # outcome 7 reused
    assert g.node(4).outcome.label == "pass"
    nfg = g.reduced_strategic_form()
    assert nfg["R/R", "M"] == (0, 0)
    assert nfg["R/F", "M"] == (F(1, 2), F(-1, 2))
    assert nfg["F/R", "P"] == (1, -1)
    mixed = [[F(1, 3), F(2, 3), 0, 0], [F(2, 3), F(1, 3)]]
    assert g.expected_payoffs(g.mixed_to_behavior(mixed)) == (F(1, 3), F(-1, 3))


def test_three_player_horse():
    g = parse_efg(HORSE)
    assert g.n_players == 3
    (h3,) = g.infosets("3")
    assert h3.label == "three" and [x.index for x in h3.members] == [3, 6]
    nfg = g.reduced_strategic_form()
    assert nfg["C", "d", "L"] == (4, 4, 0)
    assert nfg["D", "c", "R"] == (3, 2, 2)
    assert nfg["C", "d", "R"] == (1, 1, 1)  # outcome 1 reused


def test_outcomes_at_inner_nodes_and_exact_numbers():
    g = parse_efg(STAGES)
    assert g.root.label == "root" and g.root.infoset.label == "draw"
    assert g.root.infoset.probs == (F(1, 4), F(3, 4))
    assert g.root.outcome.payoffs == (F(-1, 2), F(-1, 2))
    assert g.node(1).outcome.payoffs == (10, F(5, 2))
    assert len(g.chance_infosets()) == 2
    second = g.chance_infosets()[1]
    assert [x.index for x in second.members] == [2, 7]
    # h: -1/2 + (10, 5/2) + 1/3 * (3, -3); t: -1/2 + 2/3 * (1, 0)
    assert g.accumulated_payoffs(g.node(3)) == (F(25, 2), -1)
    u = g.expected_payoffs([["go", "go"], []])
    assert u == (
        F(-1, 2) + F(1, 4) * (10 + 1) + F(3, 4) * F(2, 3),
        F(-1, 2) + F(1, 4) * (F(5, 2) - 1),
    )
    assert all(isinstance(v, Fraction) for v in u)


def test_escaped_quotes_and_odd_labels():
    g = parse_efg(QUOTES)
    assert g.title == 'say "hi"'
    assert g.players == ('A "the" one', "back\\slash")
    assert g.comment == "multi\nline"
    assert g.root.label == "a {brace}"
    assert g.root.infoset.label == 'in"fo'
    assert g.root.infoset.actions == ('x"', "C:\\path")
    assert g.node(2).label == "\\"
    again = parse_efg(format_efg(g))
    assert again == g and again.title == g.title and again.comment == g.comment


def test_crlf_bytes_and_bom():
    data = b"\xef\xbb\xbf" + ENTRY.replace("\n", "\r\n").encode()
    assert parse_efg(data) == parse_efg(ENTRY)


def test_write_read_files(tmp_path):
    g = parse_efg(STAGES)
    path = write_efg(g, tmp_path / "stages.efg")
    assert [p.name for p in tmp_path.iterdir()] == ["stages.efg"]
    assert read_efg(path) == g
    assert read_efg(str(path)).title == "stages"
    with pytest.raises(OSError):
        read_efg(tmp_path / "missing.efg")
    (tmp_path / "latin1.efg").write_bytes(
        ENTRY.replace("Entry", "Entr\xe9e").encode("latin-1")
    )
    with pytest.raises(ParseError, match=r"latin1.efg:1:14: .*UTF-8"):
        read_efg(tmp_path / "latin1.efg")


def test_format_is_gambit_style():
    text = format_efg(parse_efg(CARD_GAME))
    lines = text.splitlines()
    assert lines[0] == 'EFG 2 R "card game" { "1" "2" }'
    assert lines[3] == 'c "" 1 "card" { "red" 1/2 "black" 1/2 } 0'
    assert lines[5] == 'p "" 2 1 "raise" { "M" "P" } 0'
    # every repeated information set and outcome is written in full
    assert lines.count('t "" 2 "pass" { 1, -1 }') == 2
    assert lines[9] == 'p "" 1 2 "black" { "R" "F" } 0'
    assert text.endswith("\n")


def test_format_rejects_non_games():
    with pytest.raises(NotSupportedError):
        format_efg(co.NormalFormGame.from_bimatrix([[1]]))
    with pytest.raises(NotSupportedError):
        parse_efg(12)


def test_deep_tree_parses_without_recursion():
    depth = 3 * sys.getrecursionlimit()
    body = 'p "" 1 1 "" { "stop" "go" } 0 t "" 1 "s" { 1 }\n' + (
        'p "" 1 1 0 t "" 1\n' * (depth - 1)
    )
    g = parse_efg('EFG 2 R "" { "A" }\n' + body + 't "" 0\n')
    assert len(g.nodes()) == 2 * depth + 1
    assert not g.has_perfect_recall()  # one absent-minded information set
    assert parse_efg(format_efg(g)) == g


# ---------------------------------------------------------------- bad files
BAD = [
    ("", 1, 1, "expected 'EFG'"),
    ('NFG 1 R "" { "A" } { 1 } 0', 1, 1, "expected 'EFG'"),
    ('EFG 3 R "" { "A" }', 1, 5, "expected '2'"),
    ('EFG 2 X "" { "A" }', 1, 7, "number type"),
    ("EFG 2 R { }", 1, 9, "title"),
    ('EFG 2 R "" { } t "" 0', 1, 12, "at least one player"),
    (
        'EFG 2 R "" { "A" "A" } t "" 0',
        1,
        18,
        "duplicate player label 'A' (first at 1:14)",
    ),
    ('EFG 2 R "" { "A" 3 } t "" 0', 1, 18, "in the list of players"),
    ('EFG 2 R "" { "A" }', 1, 19, "(1 more node to come)"),
    ('EFG 2 R "" { "A" } x "" 0', 1, 20, "'c' (chance), 'p' (personal) or 't'"),
    ('EFG 2 R "" { "A" } t 0', 1, 22, "node's label"),
    ('EFG 2 R "" { "A" } t "" 0 t "" 0', 1, 27, "after the last node"),
    ('EFG 2 R "" { "A" } p "" 2 1 "" { "x" } 0 t "" 0', 1, 25, "from 1 to 1"),
    ('EFG 2 R "" { "A" } p "" 1 0 "" { "x" } 0 t "" 0', 1, 27, "information set"),
    ('EFG 2 R "" { "A" } p "" 1 1 "" { } 0', 1, 32, "has no actions"),
    ('EFG 2 R "" { "A" } p "" 1 1 "" { "x" 1 } 0', 1, 38, "in the list of actions"),
    ('EFG 2 R "" { "A" } p "" 1 1 0', 1, 27, "used before it is defined"),
    (
        'EFG 2 R "" { "A" } p "" 1 1 "" { "x" "y" } 0 p "" 1 1 "" { "x" "z" } 0 '
        't "" 0 t "" 0 t "" 0',
        1,
        53,
        "redefined as '' {'x', 'z'}, unlike its definition on line 1",
    ),
    (
        'EFG 2 R "" { "A" } c "" 1 "" { "x" 1/2 "y" 1/2 } 0 '
        'c "" 1 "" { "x" 1/3 "y" 2/3 } 0 t "" 0 t "" 0 t "" 0',
        1,
        57,
        "chance information set 1 is redefined",
    ),
    ('EFG 2 R "" { "A" } c "" 1 "" { "x" 1/2 "y" 1/3 } 0', 1, 30, "sum to 5/6"),
    ('EFG 2 R "" { "A" } c "" 1 "" { "x" 3/2 "y" -1/2 } 0', 1, 44, "negative"),
    ('EFG 2 R "" { "A" } c "" 1 "" { "x" 1/0 } 0', 1, 36, "zero denominator"),
    ('EFG 2 R "" { "A" } c "" 1 "" { "x" } 0', 1, 36, "probability"),
    ('EFG 2 R "" { "A" } c "" 1 "" { "x" one } 0', 1, 36, "is not a number"),
    ('EFG 2 R "" { "A" } t "" 1', 1, 25, "outcome 1 is used before"),
    ('EFG 2 R "" { "A" } t "" 0 "zero" { 1 }', 1, 27, "null outcome 0"),
    ('EFG 2 R "" { "A" "B" } t "" 1 "" { 1 }', 1, 38, "1 payoff for 2 players"),
    ('EFG 2 R "" { "A" } t "" 1 "" { 1 2 }', 1, 34, "one payoff per player"),
    ('EFG 2 R "" { "A" } t "" 1 "" { x }', 1, 32, "is not a number"),
    ('EFG 2 R "" { "A" } t "" 1 "" { 1e999999 }', 1, 32, "exponent"),
    ('EFG 2 R "" { "A" } t "" 1 "" 1', 1, 30, "'{' opening the payoffs"),
    (
        'EFG 2 R "" { "A" } p "" 1 1 "" { "x" "y" } 0 t "" 1 "o" { 1 } t "" 1 "p" { 1 }',
        1,
        68,
        "outcome 1 is redefined",
    ),
    ('EFG 2 R "" { "A" } t "unclosed 0', 1, 22, "never closed"),
    ('EFG 2 R "" { "A" } t "" -1', 1, 25, "outcome number"),
]


@pytest.mark.parametrize(("text", "line", "column", "message"), BAD)
def test_bad_files_name_the_place(text, line, column, message):
    with pytest.raises(ParseError) as info:
        parse_efg(text, file="bad.efg")
    err = info.value
    assert (err.file, err.line, err.column) == ("bad.efg", line, column), str(err)
    assert message in str(err)
    assert str(err).startswith(f"bad.efg:{line}:{column}: ")


def test_error_on_a_later_line():
    text = ENTRY.replace('t "" 2 "war" { 0, 0 }', 't "" 2 "war" { 0, zero }')
    with pytest.raises(ParseError) as info:
        parse_efg(text, file="e.efg")
    assert (info.value.line, info.value.column) == (7, 19)
    assert info.value.expected.startswith("a number")


# ---------------------------------------------------------------- round trips
@settings(max_examples=80, deadline=None)
@given(games(fancy_labels=True))
def test_exact_random_trees_round_trip(g):
    text = format_efg(g)
    again = parse_efg(text)
    assert again == g
    assert (again.title, again.comment) == (g.title, g.comment)
    assert [h.label for h in again.infosets()] == [h.label for h in g.infosets()]
    assert [h.label for h in again.chance_infosets()] == [
        h.label for h in g.chance_infosets()
    ]
    assert format_efg(again) == text


@settings(max_examples=40, deadline=None)
@given(games(numbers=float_numbers))
def test_float_random_trees_read_back_to_the_same_floats(g):
    again = parse_efg(format_efg(g))
    assert again.is_exact
    for x, y in zip(g.nodes(), again.nodes()):
        assert (x.outcome is None) == (y.outcome is None)
        if x.outcome is not None:
            assert [float(v) for v in y.outcome.payoffs] == list(x.outcome.payoffs)


# ---------------------------------------------------------------- Gambit itself
def _gambit_label(g: co.ExtensiveGame, p: int, strategy: dict) -> str:
    """Gambit's name of a reduced strategy: the 1-based action at each of the
    player's information sets in file order, ``*`` where it is unreachable (and
    ``*`` alone for a player without moves)."""
    return (
        "".join(str(strategy[h] + 1) if h in strategy else "*" for h in g.infosets(p))
        or "*"
    )


def _agrees_with_gambit(g: co.ExtensiveGame) -> None:
    import io

    pygambit = pytest.importorskip("pygambit")
    G = pygambit.read_efg(io.StringIO(format_efg(g)))
    players = list(G.players)
    assert len(players) == g.n_players
    if all(g.players):  # Gambit renames empty labels "_1", "_2", ...
        assert [p.label for p in players] == list(g.players)
    assert len(list(G.nodes)) == len(g.nodes())
    if all(len(h.members) == 1 for h in g.chance_infosets()):
        # Gambit (16.x) also asks chance to "recall" when one event sits at
        # several nodes; perfect recall is a property of the players only
        assert G.is_perfect_recall == g.has_perfect_recall()
    nfg = g.reduced_strategic_form()
    theirs = [{s.label: k for k, s in enumerate(p.strategies)} for p in players]
    ours = [
        [_gambit_label(g, p, s) for s in g.reduced_strategies(p)]
        for p in range(g.n_players)
    ]
    assert [sorted(t) for t in theirs] == [sorted(o) for o in ours]
    for idx in np.ndindex(*nfg.shape):
        cell = [theirs[p][ours[p][k]] for p, k in enumerate(idx)]
        assert [Fraction(str(G[cell][p])) for p in players] == list(nfg[idx])
    # and Gambit's writer, read by ours, gives the same game up to labels
    back = parse_efg(G.to_efg())
    assert back.reduced_strategic_form().payoffs.tolist() == nfg.payoffs.tolist()
    assert back.has_perfect_recall() == g.has_perfect_recall()


@pytest.mark.parametrize("text", [ENTRY, CARD_GAME, HORSE, STAGES])
def test_known_games_agree_with_gambit(text):
    _agrees_with_gambit(parse_efg(text))


@settings(max_examples=40, deadline=None)
@given(games(plain=True))
def test_random_trees_agree_with_gambit(g):
    _agrees_with_gambit(g)


# ---------------------------------------------------------------- fuzzing
_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|[{},]|[^\s{},"]+|\s+')
SEEDS = [ENTRY, CARD_GAME, HORSE, STAGES, QUOTES]


def _mutate(text: str, rng: np.random.Generator) -> str | bytes:
    tokens = _TOKEN.findall(text)
    words = [i for i, t in enumerate(tokens) if not t.isspace()]
    if not words:
        return text + "}"
    kind = int(rng.integers(7))
    if kind == 0:  # delete a token
        del tokens[words[int(rng.integers(len(words)))]]
    elif kind == 1:  # duplicate a token
        i = words[int(rng.integers(len(words)))]
        tokens.insert(i, tokens[i] + " ")
    elif kind == 2:  # swap two tokens
        i, j = (words[int(k)] for k in rng.integers(len(words), size=2))
        tokens[i], tokens[j] = tokens[j], tokens[i]
    elif kind == 3:  # truncate
        return text[: int(rng.integers(len(text) + 1))]
    elif kind == 4:  # random bytes somewhere
        data = bytearray(text.encode())
        i = int(rng.integers(len(data) + 1))
        data[i:i] = rng.integers(
            0, 256, size=int(rng.integers(1, 4)), dtype=np.uint8
        ).tobytes()
        return bytes(data)
    elif kind == 5:  # replace a token by another word
        choices = ["0", "-1", "1/0", "p", "c", "t", '"', "{", "}", "1e5", "99", '""']
        tokens[words[int(rng.integers(len(words)))]] = choices[
            int(rng.integers(len(choices)))
        ]
    else:  # replace one character
        chars = list(text)
        chars[int(rng.integers(len(chars)))] = chr(int(rng.integers(0, 0x250)))
        return "".join(chars)
    return "".join(tokens)


def _fuzz(count: int, seed: int) -> None:
    rng = as_generator(seed)
    parsed = 0
    for k in range(count):
        text = SEEDS[k % len(SEEDS)]
        for _ in range(int(rng.integers(1, 4))):
            if isinstance(text, bytes):
                break
            text = _mutate(text, rng)
        try:
            g = parse_efg(text, file="fuzz.efg")
        except CoercionError as exc:
            assert isinstance(exc, ParseError), repr(exc)
            assert exc.file == "fuzz.efg" and exc.line >= 1 and exc.column >= 1
            continue
        assert isinstance(g, co.ExtensiveGame)
        assert parse_efg(format_efg(g)) == g
        parsed += 1
    assert 0 < parsed < count  # the mutations both break and keep files


def test_fuzzed_files_raise_only_parse_errors():
    _fuzz(2000, seed=20261130)


@pytest.mark.slow
def test_fuzzed_files_raise_only_parse_errors_many():
    _fuzz(50_000, seed=7)
