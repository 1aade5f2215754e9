r"""Gambit extensive-game files (``.efg``): read and write, exactly.

A ``.efg`` file (The Gambit Project, "The extensive game (.efg) file format")
has a prologue and the list of nodes in preorder (a node, then the subtrees of
its children in order)::

    EFG 2 R "title" { "player 1" "player 2" ... }
    "optional comment"

    c "node" 1 "event" { "a" 1/2 "b" 1/2 } 0
    p "node" 1 1 "infoset" { "x" "y" } 1 "outcome" { 1, -1 }
    t "node" 2 "outcome" { 0, 0 }
    ...

* ``c`` (chance node): label, chance information set ("event") number, then
  the event's label and ``{ action probability ... }``, then an outcome.
* ``p`` (personal node): label, player number (from 1), information set number
  (unique within the player), then the information set's label and
  ``{ action ... }``, then an outcome.
* ``t`` (terminal node): label, then an outcome.
* An outcome is its number, then its label and ``{ payoff, payoff, ... }``
  (one per player, commas optional). Outcome ``0`` is the null outcome and has
  no label or payoffs. Outcomes may sit at any node; payoffs add up along a
  play.

An information set, event or outcome met again may omit its description (all
of it); when repeated, the description must match the first one exactly. The
numbers are arbitrary positive integers; after reading, information sets are
numbered by first appearance (the :mod:`coercion.game.extensive` convention)
and the writer numbers them, and outcomes, 1, 2, ... in that order, writing
every description in full (as Gambit does). ``D`` in place of ``R`` (old
files) is accepted.

Numbers (integers, ``a/b``, decimals, scientific notation) are read exactly as
:class:`fractions.Fraction`; chance probabilities must be non-negative and sum
exactly to 1. Labels are in double quotes, with ``\"`` for a quote inside and
``\\`` for a backslash that would otherwise be misread (before a quote, a
backslash or the closing quote); any other backslash is kept as written, as
Gambit reads it (the shared lexer :mod:`coercion.game._gambit`).
Whitespace, line breaks included, is not significant outside labels.

Every malformed file raises :class:`~coercion.errors.ParseError` naming the
file, line and column and what was expected; the parser is iterative, so deep
trees do not exhaust Python's recursion limit.

Examples
--------
>>> from coercion.game.efg import parse_efg, format_efg
>>> g = parse_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" } ""
... p "" 1 1 "" { "Out" "In" } 0
... t "" 1 "stay out" { 0, 2 }
... p "" 2 1 "" { "Fight" "Accommodate" } 0
... t "" 2 "war" { -1 -1 }
... t "" 3 "peace" { 1 1 }''')
>>> g.reduced_strategic_form()["In", "Accommodate"]
(Fraction(1, 1), Fraction(1, 1))
>>> print(format_efg(g))
EFG 2 R "Entry" { "Entrant" "Incumbent" }
""
<BLANKLINE>
p "" 1 1 "" { "Out" "In" } 0
t "" 1 "stay out" { 0, 2 }
p "" 2 1 "" { "Fight" "Accommodate" } 0
t "" 2 "war" { -1, -1 }
t "" 3 "peace" { 1, 1 }
<BLANKLINE>
>>> parse_efg(format_efg(g)) == g
True

References
----------
.. [1] The Gambit Project, "The extensive game (.efg) file format",
   https://gambitproject.readthedocs.io/en/latest/formats.efg.html
.. [2] R. D. McKelvey, A. M. McLennan and T. L. Turocy, Gambit: Software Tools
   for Game Theory, http://www.gambit-project.org
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

from coercion._io import atomic_write_text
from coercion.errors import CoercionError, NotSupportedError, ParseError
from coercion.game._gambit import Token, TokenStream, count_noun, decode_text, quote
from coercion.game.extensive import ExtensiveGame, InfoSet, Node, Outcome

__all__ = ["parse_efg", "format_efg", "read_efg", "write_efg"]

_LABEL = "a label in double quotes"


def _fmt(v: Any) -> str:
    if isinstance(v, Fraction | int) and not isinstance(v, bool):
        f = Fraction(v)
        return (
            str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"
        )
    # repr is the shortest decimal that reads back to the same double
    return repr(float(v))


class _Defined:
    """A numbered information set or outcome, with where it was first defined."""

    __slots__ = ("line", "value")

    def __init__(self, value: Any, line: int) -> None:
        self.value = value
        self.line = line


def _read_labels_until_brace(s: TokenStream, what: str) -> list[Token]:
    s.expect("{", f"'{{' opening the list of {what}s")
    out = []
    while True:
        tok = s.next()
        if tok.kind == "}":
            break
        if tok.kind != "string":
            raise s.error(
                tok,
                f"found {tok.describe()} in the list of {what}s",
                f"{_LABEL} or '}}'",
            )
        out.append(tok)
    return out


def _parse_header(s: TokenStream) -> ExtensiveGame:
    tok = s.next()
    if tok.kind != "word" or tok.text != "EFG":
        what = (
            "empty file" if tok.kind == "eof" else f"file begins with {tok.describe()}"
        )
        raise s.error(tok, what, "'EFG' (a Gambit extensive-game file)")
    tok = s.next()
    if tok.kind != "word" or tok.text != "2":
        raise s.error(tok, f"found {tok.describe()} as the EFG version", "'2'")
    tok = s.next()
    if tok.kind != "word" or tok.text not in ("R", "D"):
        raise s.error(tok, f"found {tok.describe()} as the number type", "'R' (or 'D')")
    title = s.expect("string", f"the game's title, {_LABEL}").text
    brace = s.peek()
    tokens = _read_labels_until_brace(s, "player")
    if not tokens:
        raise s.error(brace, "the player list is empty", "at least one player label")
    seen: dict[str, Token] = {}
    for tok in tokens:
        if tok.text in seen:
            first = seen[tok.text]
            raise s.error(
                tok,
                f"duplicate player label {tok.text!r} (first at "
                f"{first.line}:{first.column})",
                "distinct player labels",
            )
        seen[tok.text] = tok
    players = [tok.text for tok in tokens]
    comment = s.next().text if s.peek().kind == "string" else ""
    return ExtensiveGame(players, title=title, comment=comment)


def _parse_outcome(
    s: TokenStream, game: ExtensiveGame, outcomes: dict[int, _Defined]
) -> Outcome | None:
    tok = s.peek()
    number = s.integer("outcome number")
    if s.peek().kind != "string":
        if number == 0:
            return None
        if number not in outcomes:
            raise s.error(
                tok,
                f"outcome {number} is used before it is defined",
                f"its label and payoffs after the number ({_LABEL} then '{{')",
            )
        return outcomes[number].value
    if number == 0:
        raise s.error(
            s.peek(),
            "the null outcome 0 cannot have a label or payoffs",
            "the next node ('c', 'p' or 't')",
        )
    label = s.next().text
    s.expect("{", "'{' opening the payoffs")
    payoffs = []
    for p in range(game.n_players):
        if s.peek().kind == "}":
            raise s.error(
                s.peek(),
                f"outcome {number} has {count_noun(p, 'payoff')} for "
                f"{count_noun(game.n_players, 'player')}",
                f"a payoff for player {game.players[p]!r}",
            )
        payoffs.append(s.number(f"payoff of player {p + 1} in outcome {number}"))
        if s.peek().kind == ",":
            s.next()
    end = s.next()
    if end.kind != "}":
        raise s.error(
            end,
            f"found {end.describe()} after {game.n_players} payoffs in outcome "
            f"{number}",
            "'}' (one payoff per player)",
        )
    outcome = Outcome(payoffs, label)
    if number in outcomes:
        first = outcomes[number]
        if first.value != outcome:
            raise s.error(
                tok,
                f"outcome {number} is redefined as {_show_outcome(outcome)}, unlike "
                f"its definition on line {first.line} as {_show_outcome(first.value)}",
                "the same label and payoffs, or none",
            )
        return first.value
    outcomes[number] = _Defined(outcome, tok.line)
    return outcome


def _parse_move(
    s: TokenStream,
    node: Node,
    player: int | None,
    number_tok: Token,
    number: int,
    infosets: dict[tuple[int | None, int], _Defined],
) -> tuple[Node, ...]:
    name = (
        f"chance information set {number}"
        if player is None
        else f"information set {number} of player {player + 1}"
    )
    key = (player, number)
    if s.peek().kind != "string":
        if key not in infosets:
            raise s.error(
                number_tok,
                f"{name} is used before it is defined",
                f"its label and actions after the number ({_LABEL} then '{{')",
            )
        h: InfoSet = infosets[key].value
        return (
            node.decide(player, infoset=h)
            if player is not None
            else node.chance(infoset=h)
        )
    label = s.next().text
    brace = s.expect("{", "'{' opening the list of actions")
    actions: list[str] = []
    probs: list[Fraction] = []
    while True:
        tok = s.next()
        if tok.kind == "}":
            break
        if tok.kind != "string":
            expected = f"an action label ({_LABEL}) or '}}'"
            raise s.error(
                tok, f"found {tok.describe()} in the list of actions", expected
            )
        actions.append(tok.text)
        if player is None:
            ptok = s.peek()
            q = s.number(f"probability of chance action {tok.text!r}")
            if q < 0:
                raise s.error(
                    ptok, f"negative probability {_fmt(q)}", "a probability in [0, 1]"
                )
            probs.append(q)
    if not actions:
        raise s.error(brace, f"{name} has no actions",
                      "at least one action")  # fmt: skip
    if player is None:
        total = sum(probs, Fraction(0))
        if total != 1:
            raise s.error(
                brace,
                f"chance probabilities {', '.join(_fmt(q) for q in probs)} sum to "
                f"{_fmt(total)}, not 1",
                "probabilities summing to 1",
            )
    if key in infosets:
        first = infosets[key]
        h = first.value
        same = h.label == label and h.actions == tuple(actions)
        if player is None:
            same = same and h.probs == tuple(probs)
        if not same:
            old = list(h.actions) if h.probs is None else list(zip(h.actions, h.probs))
            new = actions if player is not None else list(zip(actions, probs))
            raise s.error(
                number_tok,
                f"{name} is redefined as {label!r} "
                f"{_show(new)}, unlike its definition on line {first.line} as "
                f"{h.label!r} {_show(old)}",
                "the same label and actions, or none",
            )
        return (
            node.decide(player, infoset=h)
            if player is not None
            else node.chance(infoset=h)
        )
    kids = (
        node.decide(player, actions)
        if player is not None
        else node.chance(actions, probs)
    )
    h = node.infoset  # type: ignore[assignment]
    h.label = label
    infosets[key] = _Defined(h, number_tok.line)
    return kids


def _show_outcome(o: Outcome) -> str:
    return f"{o.label!r} {{{', '.join(_fmt(v) for v in o.payoffs)}}}"


def _show(items: list[Any]) -> str:
    parts = []
    for x in items:
        if isinstance(x, tuple):
            parts.append(f"{x[0]!r} {_fmt(x[1])}")
        else:
            parts.append(repr(x))
    return "{" + ", ".join(parts) + "}"


def parse_efg(text: str, file: str = "<string>") -> ExtensiveGame:
    r"""Read a Gambit ``.efg`` file's text as an exact :class:`ExtensiveGame`.

    Parameters
    ----------
    text : str
        The file's text (``bytes`` are decoded as UTF-8).
    file : str, optional
        File name used in error messages.

    Returns
    -------
    ExtensiveGame
        The file's players, title, comment, tree, labels, information sets,
        exact chance probabilities and outcomes.

    Raises
    ------
    ParseError
        For any malformed content: a bad header, an unknown node type, a
        missing or extra token, a player or number out of range, chance
        probabilities that are negative or do not sum to 1, an information set,
        event or outcome redefined differently or used before its definition,
        a label or payoff on the null outcome, text after the last node. The
        message names the file, line and column and what was expected.
    NotSupportedError
        If ``text`` is neither ``str`` nor ``bytes``.

    Examples
    --------
    Chance, an information set given again without its actions, an outcome at
    an inner node and an outcome number reused without its payoffs:

    >>> from coercion.game.efg import parse_efg
    >>> g = parse_efg('''EFG 2 R "" { "Sender" "Target" }
    ... c "" 1 "resolve" { "resolute" 0.3 "weak" 7/10 } 0
    ... p "" 1 1 "S" { "quiet" "threat" } 1 "stake" { 0, 1 }
    ... t "" 0
    ... t "" 2 "fight" { -1, 0 }
    ... p "" 1 1 1
    ... t "" 0
    ... t "" 3 "fold" { 2 -2 }''')
    >>> g.expected_payoffs([["threat"], []])
    (Fraction(11, 10), Fraction(-2, 5))
    >>> parse_efg('EFG 2 R "" { "A" } c "" 1 "" { "x" 1/2 "y" 1/3 } 0 t "" 0 t "" 0',
    ...           file="bad.efg")
    Traceback (most recent call last):
    ...
    coercion.errors.ParseError: bad.efg:1:30: chance probabilities 1/2, 1/3 sum to 5/6, not 1; expected probabilities summing to 1
    """
    if isinstance(text, bytes | bytearray):
        text = decode_text(bytes(text), str(file))
    elif not isinstance(text, str):
        raise NotSupportedError(
            f"{type(text).__name__} object is not the text of a file", field="text"
        )
    s = TokenStream(text, file)
    game = _parse_header(s)
    n = game.n_players
    infosets: dict[tuple[int | None, int], _Defined] = {}
    outcomes: dict[int, _Defined] = {}
    stack: list[Node] = [game.root]
    while stack:
        node = stack.pop()
        tok = s.next()
        if tok.kind != "word" or tok.text not in ("c", "p", "t"):
            raise s.error(
                tok,
                f"found {tok.describe()} where a node of the tree begins "
                f"({count_noun(len(stack) + 1, 'more node')} to come)",
                "a node: 'c' (chance), 'p' (personal) or 't' (terminal)",
            )
        node.label = s.expect("string", f"the node's label, {_LABEL}").text
        kids: tuple[Node, ...] = ()
        try:
            if tok.text == "c":
                number_tok = s.peek()
                number = s.integer("chance information set number", minimum=1)
                kids = _parse_move(s, node, None, number_tok, number, infosets)
            elif tok.text == "p":
                p = s.integer("player number", minimum=1, maximum=n) - 1
                number_tok = s.peek()
                number = s.integer("information set number", minimum=1)
                kids = _parse_move(s, node, p, number_tok, number, infosets)
            outcome = _parse_outcome(s, game, outcomes)
            if outcome is not None:
                node.set_outcome(outcome)
        except ParseError:
            raise
        except CoercionError as exc:  # the builder's own checks, as parse errors
            raise s.error(tok, exc.message, None) from None
        stack.extend(reversed(kids))
    tok = s.next()
    if tok.kind != "eof":
        raise s.error(
            tok,
            f"found {tok.describe()} after the last node of the tree",
            "end of file",
        )
    return game


def format_efg(game: ExtensiveGame) -> str:
    r"""The text of a Gambit ``.efg`` file for ``game``.

    Parameters
    ----------
    game : ExtensiveGame

    Returns
    -------
    str
        Prologue (title, players, comment), then one line per node in preorder.
        Information sets are numbered per player, events and outcomes overall,
        from 1 in order of first appearance; each is described in full wherever
        it appears. Exact numbers are written as integers or ``a/b``, floats as
        their shortest round-tripping decimal (``repr``).

    Raises
    ------
    NotSupportedError
        If ``game`` is not an :class:`ExtensiveGame`.

    Examples
    --------
    >>> import coercion as co
    >>> from coercion.game.efg import format_efg
    >>> g = co.ExtensiveGame(['say "hi"'], title="t")
    >>> a, b = g.root.chance(["a", "b"], ["1/3", "2/3"])
    >>> a.set_outcome([0.1], label="x")
    >>> print(format_efg(g))
    EFG 2 R "t" { "say \"hi\"" }
    ""
    <BLANKLINE>
    c "" 1 "" { "a" 1/3 "b" 2/3 } 0
    t "" 1 "x" { 0.1 }
    t "" 0
    <BLANKLINE>
    """
    if not isinstance(game, ExtensiveGame):
        raise NotSupportedError(
            f"{type(game).__name__} object is not an extensive game", field="game"
        )
    lines = [
        f"EFG 2 R {quote(game.title)} {{ {' '.join(quote(p) for p in game.players)} }}",
        quote(game.comment),
        "",
    ]
    numbers: dict[Outcome, int] = {}
    for x in game.nodes():
        parts: list[str] = []
        h = x.infoset
        if h is None:
            parts.append(f"t {quote(x.label)}")
        else:
            k = h.index + 1
            if h.player is None:
                acts = " ".join(
                    f"{quote(a)} {_fmt(q)}"
                    for a, q in zip(h.actions, h.probs)  # type: ignore[arg-type]
                )
                parts.append(f"c {quote(x.label)} {k} {quote(h.label)} {{ {acts} }}")
            else:
                acts = " ".join(quote(a) for a in h.actions)
                parts.append(
                    f"p {quote(x.label)} {h.player + 1} {k} {quote(h.label)} "
                    f"{{ {acts} }}"
                )
        o = x.outcome
        if o is None:
            parts.append("0")
        else:
            num = numbers.setdefault(o, len(numbers) + 1)
            pays = ", ".join(_fmt(v) for v in o.payoffs)
            parts.append(f"{num} {quote(o.label)} {{ {pays} }}")
        lines.append(" ".join(parts))
    return "\n".join(lines) + "\n"


def read_efg(path: str | Path) -> ExtensiveGame:
    """Read a Gambit ``.efg`` file (UTF-8) as an exact :class:`ExtensiveGame`.

    Parameters
    ----------
    path : str or path-like
        The file.

    Returns
    -------
    ExtensiveGame

    Raises
    ------
    ParseError
        For malformed content or bytes that are not UTF-8 (file, line, column).
    OSError
        If the file cannot be read (missing, a directory, no permission).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from coercion.game.efg import read_efg
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "g.efg"
    >>> _ = path.write_text('EFG 2 R "" { "A" } t "" 1 "" { 3 }')
    >>> read_efg(path).root.outcome
    Outcome((3))
    """
    p = Path(path)
    return parse_efg(decode_text(p.read_bytes(), str(path)), file=str(path))


def write_efg(game: ExtensiveGame, path: str | Path) -> Path:
    """Write ``game`` to ``path`` as a Gambit ``.efg`` file, atomically.

    The file is complete or absent: it is written beside ``path`` and renamed.

    Parameters
    ----------
    game : ExtensiveGame
    path : str or path-like
        The file to write (replaced if it exists).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    NotSupportedError
        If ``game`` is not an :class:`ExtensiveGame`.
    OSError
        If the file cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import coercion as co
    >>> from coercion.game.efg import read_efg, write_efg
    >>> g = co.ExtensiveGame.from_tree(["A", "B"], {"player": "A", "moves": {
    ...     "x": ["1/3", "-0.5"], "y": {"chance": {"h": ("0.5", [1, 1]),
    ...                                            "t": ("1/2", None)}}}})
    >>> path = write_efg(g, pathlib.Path(tempfile.mkdtemp()) / "g.efg")
    >>> read_efg(path) == g
    True
    """
    return atomic_write_text(path, format_efg(game))
