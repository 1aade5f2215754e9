"""Gambit ``.nfg`` files: known games in every variant, exact round trips, fuzzing."""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coercion.errors import CoercionError, InvalidParameterError, ParseError
from coercion.game._gambit import decode_text
from coercion.game.nfg import format_nfg, parse_nfg, read_nfg, write_nfg
from coercion.game.normal_form import NormalFormGame

F = Fraction

# Selten (1975), Figure 2, in the forms of the Gambit manual's examples of the
# payoff version (strategy counts) and of the outcome version (strategy labels):
# McKelvey, McLennan and Turocy, Gambit, "Game representation formats".
SELTEN = {
    (0, 0): (1, 1),
    (1, 0): (0, 2),
    (2, 0): (0, 2),
    (0, 1): (1, 1),
    (1, 1): (0, 3),
    (2, 1): (2, 0),
}

KNOWN = [
    pytest.param(
        'NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"\n'
        '{ "Player 1" "Player 2" } { 3 2 }\n\n1 1 0 2 0 2 1 1 0 3 2 0\n',
        ("Player 1", "Player 2"),
        (("1", "2", "3"), ("1", "2")),
        SELTEN,
        id="payoff-version-counts-gambit-manual",
    ),
    pytest.param(
        'NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }\n'
        '\n{\n{ "1" "2" "3" }\n{ "1" "2" }\n}\n\n{\n{ "" 1, 1 }\n{ "" 0, 2 }\n'
        '{ "" 0, 2 }\n{ "" 1, 1 }\n{ "" 0, 3 }\n{ "" 2, 0 }\n}\n1 2 3 4 5 6\n',
        ("Player 1", "Player 2"),
        (("1", "2", "3"), ("1", "2")),
        SELTEN,
        id="outcome-version-labels-gambit-manual",
    ),
    pytest.param(
        'NFG 1 R "Selten" { "Player 1" "Player 2" }\n'
        '{ { "top" "middle" "bottom" } { "left" "right" } }\n'
        '"a comment"\n1 1 0 2 0 2 1 1 0 3 2 0',
        ("Player 1", "Player 2"),
        (("top", "middle", "bottom"), ("left", "right")),
        SELTEN,
        id="payoff-version-labels-comment",
    ),
    pytest.param(
        'NFG 1 R "" { "A" "B" } { 3 2 }\n{ { "x" 1 1 } { "y" 0 2 } { "z" 0 3 }'
        ' { "w" 2 0 } }\n1 2 2 1 3 4',
        ("A", "B"),
        (("1", "2", "3"), ("1", "2")),
        SELTEN,
        id="outcome-version-counts-no-commas-shared-outcomes",
    ),
    # A 3x3 zero-sum game of McKelvey and Palfrey (1995) with data of Lieberman
    # (1960), in the form of Gambit's catalog file lieberman1960.nfg: the
    # outcome indices are not in order, which pins down the profile ordering.
    pytest.param(
        'NFG 1 R "Lieberman (1960)" { "Player 1" "Player 2" }\n'
        '{ { "A1" "A2" "A3" }\n{ "B1" "B2" "B3" }\n}\n""\n'
        '{\n{ "A1B1" 15, -15 }\n{ "A1B2" 0, 0 }\n{ "A1B3" 0, 0 }\n'
        '{ "A2B1" -15, 15 }\n{ "A2B2" -2, 2 }\n{ "A2B3" -1, 1 }\n'
        '{ "A3B1" 1, -1 }\n{ "A3B2" 2, -2 }\n{ "A3B3" 0, 0 }\n}\n'
        "1 2 7 3 4 8 5 6 9\n",
        ("Player 1", "Player 2"),
        (("A1", "A2", "A3"), ("B1", "B2", "B3")),
        {
            (0, 0): (15, -15),
            (1, 0): (0, 0),
            (2, 0): (1, -1),
            (0, 1): (0, 0),
            (1, 1): (-15, 15),
            (2, 1): (2, -2),
            (0, 2): (-2, 2),
            (1, 2): (-1, 1),
            (2, 2): (0, 0),
        },
        id="outcome-version-permuted-indices-lieberman",
    ),
    # McKelvey and McLennan's 2x2x2 game with 9 equilibria (Gambit contrib
    # 2x2x2.nfg), outcome version with a null outcome 0 instead of "" 0, 0, 0.
    pytest.param(
        'NFG 1 R "2x2x2" { "Player 1" "Player 2" "Player 3" }\n'
        '{ { "1" "2" } { "1" "2" } { "1" "2" } }\n""\n'
        '{ { "" 9, 8, 12 } { "" 9, 8, 2 } { "" 3, 4, 6 } }\n1 0 0 2 0 3 3 0\n',
        ("Player 1", "Player 2", "Player 3"),
        (("1", "2"), ("1", "2"), ("1", "2")),
        {
            (0, 0, 0): (9, 8, 12),
            (1, 0, 0): (0, 0, 0),
            (0, 1, 0): (0, 0, 0),
            (1, 1, 0): (9, 8, 2),
            (0, 0, 1): (0, 0, 0),
            (1, 0, 1): (3, 4, 6),
            (0, 1, 1): (3, 4, 6),
            (1, 1, 1): (0, 0, 0),
        },
        id="three-players-null-outcome",
    ),
    pytest.param(
        'NFG 1 D "numbers" { "P" "Q" } { 2 2 }\r\n'
        "\t-3/4 .5\r\n 1.25e2 -2.5E-1\n +7 1.\n 0.0 -0\n",
        ("P", "Q"),
        (("1", "2"), ("1", "2")),
        {
            (0, 0): (F(-3, 4), F(1, 2)),
            (1, 0): (125, F(-1, 4)),
            (0, 1): (7, 1),
            (1, 1): (0, 0),
        },
        id="numbers-rational-decimal-scientific-signs-crlf-tabs",
    ),
    pytest.param(
        'NFG 1 R "say \\"hi\\"" { "the \\"row\\" player" "Ölmarkt \\\\ C:\\path" }'
        ' { { "a b" "}{" } { "" } } "multi\nline comment" 1 2 3 4',
        ('the "row" player', "Ölmarkt \\ C:\\path"),
        (("a b", "}{"), ("",)),
        {(0, 0): (1, 2), (1, 0): (3, 4)},
        id="escaped-quotes-backslashes-braces-unicode-empty-label",
    ),
    pytest.param(
        'NFG 1 R "one player" { "solo" } { 3 } 0.1 0.2 0.3',
        ("solo",),
        (("1", "2", "3"),),
        {(0,): (F(1, 10),), (1,): (F(1, 5),), (2,): (F(3, 10),)},
        id="one-player-decimals-exact",
    ),
]


@pytest.mark.parametrize(("text", "players", "strategies", "payoffs"), KNOWN)
def test_known_games_read_to_the_right_payoffs(text, players, strategies, payoffs):
    g = parse_nfg(text)
    assert g.is_exact
    assert g.players == players
    assert g.strategies == strategies
    assert g.shape == tuple(len(s) for s in strategies)
    assert {idx: g[idx] for idx in np.ndindex(*g.shape)} == {
        idx: tuple(F(x) for x in pay) for idx, pay in payoffs.items()
    }
    for idx in np.ndindex(*g.shape):
        assert all(type(x) is Fraction for x in g[idx])
    again = parse_nfg(format_nfg(g))
    assert again == g
    assert (again.title, again.comment) == (g.title, g.comment)


def test_title_and_comment_are_kept():
    g = parse_nfg('NFG 1 R "T \\"x\\"" { "A" } { 1 } "the comment" 5')
    assert (g.title, g.comment) == ('T "x"', "the comment")
    g = parse_nfg('NFG 1 R "" { "A" } { 1 } 5')
    assert (g.title, g.comment) == ("", "")


def test_exact_decimals_are_not_binary_floats():
    g = parse_nfg('NFG 1 R "" { "A" "B" } { 1 1 } 0.1 1e-30')
    assert g[0, 0] == (F(1, 10), F(1, 10**30))


def test_written_file_is_readable_by_the_gambit_layout():
    g = NormalFormGame.from_bimatrix(
        [[1, 2, 3], [4, 5, 6]],
        [[-1, -2, -3], [-4, -5, -6]],
        players=("R", "C"),
        strategies=(["u", "d"], ["l", "m", "r"]),
        title="t",
    )
    text = format_nfg(g)
    body = text.split("\n\n", 1)[1].split()
    # first player's strategy fastest: (u,l) (d,l) (u,m) (d,m) (u,r) (d,r)
    assert body == ["1", "-1", "4", "-4", "2", "-2", "5", "-5", "3", "-3", "6", "-6"]


def test_float_games_are_written_with_round_tripping_decimals():
    values = [0.1, 1 / 3, -2.5e-300, 1e300, 5e-324, -0.0, 123456789.123456789]
    g = NormalFormGame(np.array([values, values[::-1]])[:, :, None])
    back = parse_nfg(format_nfg(g))
    assert back.is_exact
    assert np.array_equal(back.to_float().payoffs, g.payoffs)
    assert back[2, 0] == (F("-2.5e-300"), F("5e-324"))
    assert back[1, 0][0] == F("0.3333333333333333")
    assert "-0.0" in format_nfg(g).split()


def test_read_and_write_files(tmp_path):
    g = NormalFormGame.from_bimatrix(
        [[F(1, 3), 2]], [[0, "-7/2"]], players=("ä", "b"), title="é"
    )
    path = write_nfg(g, tmp_path / "g.nfg")
    assert path == tmp_path / "g.nfg"
    assert [p.name for p in tmp_path.iterdir()] == ["g.nfg"]
    back = read_nfg(path)
    assert back == g and back.title == "é"


def test_read_strips_byte_order_mark_and_rejects_bad_utf8(tmp_path):
    path = tmp_path / "bom.nfg"
    path.write_bytes(b'\xef\xbb\xbfNFG 1 R "" { "A" } { 1 } 1')
    assert read_nfg(path)[0] == (F(1),)
    path.write_bytes(b'NFG 1 R "\xc3\xa9" { "A" }\n{ 1 } "x\xff" 1')
    with pytest.raises(ParseError) as info:
        read_nfg(path)
    assert (info.value.line, info.value.column) == (2, 9)
    assert str(path) in str(info.value)


def test_text_must_be_a_string():
    with pytest.raises(InvalidParameterError):
        parse_nfg(b'NFG 1 R "" { "A" } { 1 } 1')  # type: ignore[arg-type]


def test_non_games_are_not_written():
    from coercion.errors import NotSupportedError

    with pytest.raises(NotSupportedError, match="list object is not a game"):
        format_nfg([[1, 2]])


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("", 1, 1, "empty file"),
        ("   \n  ", 2, 3, "empty file"),
        ('EFG 2 R "" { "A" }', 1, 1, "file begins with 'EFG'"),
        ('NFG 2 R "" { "A" } { 1 } 1', 1, 5, "NFG version"),
        ('NFG 1 X "" { "A" } { 1 } 1', 1, 7, "number type"),
        ('NFG 1 R { "A" } { 1 } 1', 1, 9, "expected the game's title"),
        ('NFG 1 R "" { } { } ', 1, 14, "no players"),
        ('NFG 1 R "" { "A" "A" } { 1 1 } 1 1', 1, 18, "duplicate player label 'A'"),
        ('NFG 1 R "" { "A" "B" } { 2 } 1', 1, 28, "strategy counts for 1 of the 2"),
        ('NFG 1 R "" { "A" } { 2 2 } 1', 1, 24, "more strategy counts than players"),
        ('NFG 1 R "" { "A" } { 0 } 1', 1, 22, "out of range"),
        ('NFG 1 R "" { "A" } { 1.5 } 1', 1, 22, "not a valid number of strategies"),
        ('NFG 1 R "" { "A" "B" } { { "x" } }', 1, 34, "strategy lists for 1 of the 2"),
        ('NFG 1 R "" { "A" } { { "x" } { "y" } } 1', 1, 30, "more strategy lists"),
        ('NFG 1 R "" { "A" } { { } } 1', 1, 24, "player 'A' has no strategies"),
        ('NFG 1 R "" { "A" } { { "x" "x" } } 1', 1, 28, "duplicate strategy"),
        ('NFG 1 R "" { "A" } { 2 }\n 1', 2, 3, "file ends after 1 of the 2"),
        ('NFG 1 R "" { "A" } { 2 } 1 2 3', 1, 30, "expected end of file"),
        ('NFG 1 R "" { "A" } { 1 } 1/0', 1, 26, "zero denominator"),
        ('NFG 1 R "" { "A" } { 1 } 1e99999', 1, 26, "exponent"),
        ('NFG 1 R "" { "A" } { 1 } "x', 1, 26, "never closed"),
        ('NFG 1 R "" { "A" } { 1 } }', 1, 26, "after the strategies"),
        ('NFG 1 R "" { "A" } { 2 } { { "o" 1 } } 1 2', 1, 42, "out of range"),
        ('NFG 1 R "" { "A" } { 1 } { { "o" } } 1', 1, 34, "outcome 1 has 0 payoffs"),
        ('NFG 1 R "" { "A" } { 1 } { { "o" 1 2 } } 1', 1, 36, "closing outcome 1"),
        ('NFG 1 R "" { "A" } { 1 } { { 1 } } 1', 1, 30, "name of outcome 1"),
        ('NFG 1 R "" { "A" } { 2 } { { "o" 1 } } 1', 1, 41, "file ends after 1"),
        ('NFG 1 R "" { "A" } { 2 } { { "o" 1 } } 1 -1', 1, 42, "not a valid"),
    ],
)
def test_malformed_files_name_line_column_and_expectation(text, line, column, fragment):
    with pytest.raises(ParseError) as info:
        parse_nfg(text, file="bad.nfg")
    err = info.value
    assert (err.file, err.line, err.column) == ("bad.nfg", line, column), str(err)
    assert fragment in str(err)
    assert str(err).startswith(f"bad.nfg:{line}:{column}: ")
    assert err.expected


# ---------------------------------------------------------------- round trips
_LABEL = st.text(
    alphabet=st.sampled_from(list('ab Z"\\{},\n\té0')), min_size=0, max_size=6
)


def _distinct(n: int) -> st.SearchStrategy[list[str]]:
    return st.lists(_LABEL, min_size=n, max_size=n, unique=True)


@st.composite
def strategic_games(draw: st.DrawFn) -> NormalFormGame:
    n = draw(st.integers(2, 4))
    shape = tuple(draw(st.integers(1, 5)) for _ in range(n))
    kind = draw(st.sampled_from(["integer", "rational", "decimal", "float"]))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    size = (n, *shape)
    if kind == "integer":
        payoffs = rng.integers(-(10**12), 10**12, size=size).astype(object)
        payoffs = np.vectorize(lambda x: F(int(x)), otypes=[object])(payoffs)
    elif kind == "rational":
        num = rng.integers(-1000, 1000, size=size)
        den = rng.integers(1, 1000, size=size)
        payoffs = np.empty(size, dtype=object)
        for idx in np.ndindex(*size):
            payoffs[idx] = F(int(num[idx]), int(den[idx]))
    elif kind == "decimal":
        digits = rng.integers(-(10**9), 10**9, size=size)
        exps = rng.integers(-12, 12, size=size)
        payoffs = np.empty(size, dtype=object)
        for idx in np.ndindex(*size):
            payoffs[idx] = F(Decimal(f"{int(digits[idx])}e{int(exps[idx])}"))
    else:
        payoffs = rng.standard_normal(size) * 10.0 ** rng.integers(-30, 30, size=size)
    players = draw(_distinct(n))
    strategies = [draw(_distinct(s)) for s in shape]
    title = draw(_LABEL)
    comment = draw(_LABEL)
    return NormalFormGame(
        payoffs, players=players, strategies=strategies, title=title, comment=comment
    )


@settings(max_examples=60, deadline=None)
@given(strategic_games())
def test_write_then_read_gives_back_the_same_game(g):
    back = parse_nfg(format_nfg(g))
    assert back.players == g.players
    assert back.strategies == g.strategies
    assert (back.title, back.comment) == (g.title, g.comment)
    assert back.is_exact
    if g.is_exact:
        assert back == g
    else:
        assert np.array_equal(back.to_float().payoffs, g.payoffs)
    # a second trip is the identity on the text
    assert format_nfg(back if g.is_exact else back.to_float()) == format_nfg(g)


# ---------------------------------------------------------------- fuzzing
_SEEDS = [
    'NFG 1 R "Selten" { "Player 1" "Player 2" } { 3 2 }\n\n1 1 0 2 0 2 1 1 0 3 2 0\n',
    'NFG 1 R "t \\"q\\"" { "A" "B" }\n{ { "x" "y" } { "u" "v" } }\n"c"\n'
    "-3/4 .5 1.25e2 -2.5E-1 7 1. 0 -0\n",
    'NFG 1 R "o" { "A" "B" "C" }\n{ { "1" "2" } { "1" "2" } { "1" "2" } }\n""\n'
    '{ { "" 9, 8, 12 } { "w" 9 8 2 } { "" 3, 4, 6 } }\n1 0 0 2 0 3 3 0\n',
    'NFG 1 R "" { "A" "B" } { 2 2 } { { "a" 1 2 } } 1 0 1 0',
]
_POOL = [
    "{",
    "}",
    ",",
    '"',
    '""',
    '"\\"',
    "0",
    "-1",
    "1/0",
    "1/3",
    "1e99999",
    "9" * 12,
    "NFG",
    "EFG",
    "R",
    "1.5",
    "-",
    ".",
    "e5",
    "\x00",
    "\n",
]
_TOKEN_RE = re.compile(r'"(?:\\.|[^"\\])*"|\s+|[{},]|[^\s{},"]+|"')


def _mutate(text: str, rng: np.random.Generator) -> bytes:
    tokens = _TOKEN_RE.findall(text)
    op = int(rng.integers(8))
    if op == 0 and tokens:  # delete a token
        del tokens[int(rng.integers(len(tokens)))]
    elif op == 1 and tokens:  # duplicate a token
        k = int(rng.integers(len(tokens)))
        tokens.insert(k, tokens[k])
    elif op == 2 and len(tokens) > 1:  # swap two tokens
        i, j = (int(x) for x in rng.integers(len(tokens), size=2))
        tokens[i], tokens[j] = tokens[j], tokens[i]
    elif op == 3 and tokens:  # replace a token by a troublesome one
        tokens[int(rng.integers(len(tokens)))] = str(rng.choice(_POOL))
    elif op == 4:  # truncate
        data = "".join(tokens).encode()
        return data[: int(rng.integers(len(data) + 1))]
    elif op == 5:  # random bytes somewhere
        data = bytearray("".join(tokens).encode())
        k = int(rng.integers(len(data) + 1))
        data[k:k] = rng.bytes(int(rng.integers(1, 6)))
        return bytes(data)
    elif op == 6:  # flip one byte
        data = bytearray("".join(tokens).encode())
        if data:
            data[int(rng.integers(len(data)))] = int(rng.integers(256))
        return bytes(data)
    else:  # several token edits at once
        for _ in range(int(rng.integers(2, 5))):
            if tokens:
                k = int(rng.integers(len(tokens)))
                tokens[k] = str(rng.choice(_POOL + tokens))
    return "".join(tokens).encode()


def _fuzz(n: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    outcomes = {"game": 0, "error": 0}
    for k in range(n):
        data = _mutate(_SEEDS[k % len(_SEEDS)], rng)
        try:
            game = parse_nfg(decode_text(data, "fuzz.nfg"), file="fuzz.nfg")
        except ParseError as exc:
            assert exc.line >= 1 and exc.column >= 1, (data, exc)
            assert str(exc).startswith("fuzz.nfg:"), (data, exc)
            outcomes["error"] += 1
        except CoercionError as exc:  # pragma: no cover - a wrong class is a bug
            raise AssertionError(f"{type(exc).__name__} for {data!r}: {exc}") from exc
        else:
            assert isinstance(game, NormalFormGame)
            assert parse_nfg(format_nfg(game)) == game
            outcomes["game"] += 1
    # the mutations reach both outcomes
    assert outcomes["game"] > 0 and outcomes["error"] > n // 2


def test_fuzzed_files_raise_only_parse_errors():
    _fuzz(2000, seed=20261130)


@pytest.mark.slow
def test_fuzzed_files_raise_only_parse_errors_many():
    _fuzz(100_000, seed=1)


def test_gambit_reads_what_we_write_and_we_read_what_it_writes():
    gbt = pytest.importorskip("pygambit")
    import io

    rng = np.random.default_rng(5)
    for k in range(12):
        n = 2 + k % 3
        shape = tuple(int(s) for s in rng.integers(1, 4, size=n))
        num = rng.integers(-50, 50, size=(n, *shape))
        den = rng.choice([1, 2, 3, 10, 1000], size=(n, *shape))
        payoffs = np.empty((n, *shape), dtype=object)
        for idx in np.ndindex(*payoffs.shape):
            payoffs[idx] = F(int(num[idx]), int(den[idx]))
        if k % 4 == 3:
            payoffs = payoffs.astype(float) / 7.0
        g = NormalFormGame(
            payoffs,
            players=[f'player "{p}"' for p in range(n)],
            strategies=[[f"s {i}{{}}" for i in range(s)] for s in shape],
            title=f"game {k}",
            comment="made by coercion",
        )
        theirs = gbt.read_nfg(io.StringIO(format_nfg(g)))
        assert [p.label for p in theirs.players] == list(g.players)
        for p, player in enumerate(theirs.players):
            assert tuple(s.label for s in player.strategies) == g.strategies[p]
        assert (theirs.title, theirs.description) == (g.title, g.comment)
        exact = g.to_exact() if g.is_exact else parse_nfg(format_nfg(g))
        for p, arr in enumerate(theirs.to_arrays()):
            assert all(
                F(arr[idx]) == exact.payoffs[(p, *idx)] for idx in np.ndindex(*shape)
            )
        back = parse_nfg(theirs.to_nfg())  # Gambit writes the outcome version
        assert back == exact
        assert (back.title, back.comment) == (g.title, g.comment)
