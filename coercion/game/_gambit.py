r"""The lexical layer shared by the Gambit file readers (``.nfg`` and ``.efg``).

Gambit files are whitespace-separated streams of tokens: braces, commas, quoted
labels and bare words (numbers, the ``NFG``/``EFG`` header, node kinds). This
module turns text into :class:`Token` objects carrying their one-based line and
column, and offers a :class:`TokenStream` whose helpers raise
:class:`~coercion.errors.ParseError` naming the file, the place and what was
expected. It also decodes file bytes (UTF-8) and quotes labels for writing.

Quoted labels follow Gambit's convention: ``\"`` inside a label is a literal
quote. We also read ``\\`` as one backslash, and keep a backslash before any
other character as it is, so ``"C:\path"`` reads as written; the writer escapes
every backslash and quote, so any label round-trips exactly.

Examples
--------
>>> from coercion.game._gambit import tokenize, quote
>>> [(t.kind, t.text, t.line, t.column) for t in tokenize('NFG 1 R "a b"\n{ 2 }')]
[('word', 'NFG', 1, 1), ('word', '1', 1, 5), ('word', 'R', 1, 7), ('string', 'a b', 1, 9), ('{', '{', 2, 1), ('word', '2', 2, 3), ('}', '}', 2, 5), ('eof', '', 2, 6)]
>>> print(quote('say "hi"'))
"say \"hi\""
>>> tokenize(quote('say "hi"'))[0].text
'say "hi"'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import NamedTuple

from coercion._numbers import parse_exact
from coercion.errors import ParseError

__all__ = [
    "Token",
    "TokenStream",
    "tokenize",
    "quote",
    "decode_text",
    "NUMBER_EXPECTED",
]

NUMBER_EXPECTED = "a number (integer, a/b, decimal or scientific notation)"

# Largest decimal exponent accepted in a number: far beyond any float
# (repr(5e-324) has exponent -324) yet small enough that reading the number
# exactly cannot exhaust time or memory.
_MAX_EXPONENT = 4000

_NUMBER = re.compile(
    r"[+-]?(?:\d+/\d+|(?:\d+\.?\d*|\.\d+)(?:[eE](?P<exp>[+-]?\d+))?)", re.ASCII
)
# a backslash escapes the next character inside a label; only \" and \\ are
# unescaped, so any other backslash is kept as written (as Gambit does)
_TOKEN = re.compile(
    r'(?P<space>\s+)|(?P<punct>[{},])|(?P<string>"(?:[^"\\]|\\.)*")'
    r'|(?P<word>[^\s{},"]+)|(?P<open>")',
    re.DOTALL,
)
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)
_ESCAPE = re.compile(r'\\(["\\])')


class Token(NamedTuple):
    """One token: ``kind`` is ``"{"``, ``"}"``, ``","``, ``"string"``, ``"word"``
    or ``"eof"``; ``text`` is the label (unescaped) or the word."""

    kind: str
    text: str
    line: int
    column: int

    def describe(self) -> str:
        """How an error message shows this token."""
        if self.kind == "eof":
            return "end of file"
        if self.kind == "string":
            shown = self.text if len(self.text) <= 40 else self.text[:37] + "..."
            return f"label {shown!r}"
        shown = self.text if len(self.text) <= 40 else self.text[:37] + "..."
        return repr(shown)


def tokenize(text: str, file: str = "<string>") -> list[Token]:
    """Split Gambit file text into tokens, ending with one ``"eof"`` token.

    Parameters
    ----------
    text : str
        The file's text.
    file : str
        File name used in error messages.

    Returns
    -------
    list of Token

    Raises
    ------
    ParseError
        For a label whose closing quote is missing.
    """
    tokens: list[Token] = []
    line, line_start = 1, 0
    append = tokens.append
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        start = m.start()
        if kind == "space" or kind == "string":
            chunk = m.group()
            newlines = chunk.count("\n")
            if kind == "space":
                if newlines:
                    line += newlines
                    line_start = start + chunk.rfind("\n") + 1
                continue
            append(
                Token(
                    "string",
                    _unescape(chunk[1:-1]),
                    line,
                    start - line_start + 1,
                )
            )
            if newlines:
                line += newlines
                line_start = start + chunk.rfind("\n") + 1
        elif kind == "word":
            append(Token("word", m.group(), line, start - line_start + 1))
        elif kind == "punct":
            ch = m.group()
            append(Token(ch, ch, line, start - line_start + 1))
        else:  # an opening quote without its closing quote
            raise ParseError(
                "label opened here is never closed",
                file=file,
                line=line,
                column=start - line_start + 1,
                expected="a closing '\"'",
            )
    tokens.append(Token("eof", "", line, len(text) - line_start + 1))
    return tokens


def _unescape(body: str) -> str:
    if "\\" not in body:
        return body
    return _ESCAPE.sub(lambda m: m.group(1), body)


def quote(label: str) -> str:
    r"""A label in double quotes, escaped as Gambit reads it.

    ``"`` becomes ``\"``; a backslash is doubled only where a reader would
    otherwise misread it (before ``"`` or ``\`` and at the end), so
    ``C:\path`` is written as is and reads back the same in Gambit too.
    """
    out = []
    n = len(label)
    for i, ch in enumerate(label):
        if ch == '"':
            out.append('\\"')
        elif ch == "\\" and (i + 1 == n or label[i + 1] in '"\\'):
            out.append("\\\\")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def count_noun(k: int, noun: str) -> str:
    """``"1 payoff"``, ``"2 payoffs"``: a count with its noun."""
    return f"{k} {noun}" if k == 1 else f"{k} {noun}s"


def decode_text(data: bytes, file: str) -> str:
    """Decode file bytes as UTF-8 (a leading byte-order mark is dropped).

    Raises
    ------
    ParseError
        At the line and column of the first byte that is not valid UTF-8.
    """
    offset = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    try:
        return data[offset:].decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start + offset
        before = data[offset:start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        raise ParseError(
            f"byte {data[start : start + 1]!r} is not valid UTF-8",
            file=file,
            line=line,
            column=column,
            expected="a UTF-8 text file",
        ) from None


class TokenStream:
    """Tokens of one file with helpers that raise positioned parse errors.

    Parameters
    ----------
    text : str
        The file's text.
    file : str
        File name used in error messages.
    """

    def __init__(self, text: str, file: str = "<string>") -> None:
        self.file = str(file)
        self.tokens = tokenize(text, self.file)
        self.pos = 0
        # the same number text recurs often in a payoff table; Fractions are
        # immutable, so one object can serve every occurrence
        self._numbers: dict[str, Fraction] = {}

    def peek(self) -> Token:
        """The next token, not consumed."""
        return self.tokens[self.pos]

    def next(self) -> Token:
        """Consume and return the next token (``"eof"`` repeats at the end)."""
        tok = self.tokens[self.pos]
        if tok.kind != "eof":
            self.pos += 1
        return tok

    def error(
        self, tok: Token, message: str, expected: str | None = None
    ) -> ParseError:
        """A :class:`ParseError` at ``tok`` (to be raised by the caller)."""
        return ParseError(
            message, file=self.file, line=tok.line, column=tok.column, expected=expected
        )

    def expect(self, kind: str, expected: str) -> Token:
        """Consume a token of ``kind`` or raise naming what was ``expected``."""
        tok = self.next()
        if tok.kind != kind:
            raise self.error(tok, f"found {tok.describe()}", expected)
        return tok

    def number(self, what: str | Callable[[], str]) -> Fraction:
        """Consume a number, read exactly.

        ``what`` names the number in error messages; it may be a function,
        called only when there is an error.
        """
        tok = self.next()
        if tok.kind == "word":
            value = self._numbers.get(tok.text)
            if value is not None:
                return value
            value = self.to_number(tok, what)
            self._numbers[tok.text] = value
            return value
        if callable(what):
            what = what()
        raise self.error(tok, f"found {tok.describe()} for {what}", NUMBER_EXPECTED)

    def to_number(self, tok: Token, what: str | Callable[[], str]) -> Fraction:
        """Read the word ``tok`` as an exact number."""
        text = tok.text
        if _INTEGER.fullmatch(text) and len(text) < 1000:
            return Fraction(int(text))
        m = _NUMBER.fullmatch(text)
        if callable(what) and (m is None or m.group("exp") is not None):
            what = what()
        if m is None:
            raise self.error(
                tok, f"{tok.describe()} is not a number ({what})", NUMBER_EXPECTED
            )
        exp = m.group("exp")
        if exp is not None and (len(exp) > 6 or abs(int(exp)) > _MAX_EXPONENT):
            raise self.error(
                tok,
                f"exponent of {tok.describe()} is out of range ({what})",
                f"an exponent between -{_MAX_EXPONENT} and {_MAX_EXPONENT}",
            )
        try:
            return parse_exact(text)
        except ValueError as exc:  # zero denominator, too many digits
            if callable(what):
                what = what()
            raise self.error(tok, f"{exc} ({what})", NUMBER_EXPECTED) from None

    def integer(
        self,
        what: str | Callable[[], str],
        *,
        minimum: int = 0,
        maximum: int | None = None,
    ) -> int:
        """Consume a non-negative decimal integer within bounds.

        ``what`` names the integer in error messages; it may be a function,
        called only when there is an error.
        """
        tok = self.next()
        text = tok.text
        if tok.kind == "word" and text.isascii() and text.isdigit() and len(text) < 10:
            value = int(text)
            if value >= minimum and (maximum is None or value <= maximum):
                return value
        if callable(what):
            what = what()
        bounds = (
            f"an integer >= {minimum}"
            if maximum is None
            else f"an integer from {minimum} to {maximum}"
        )
        if tok.kind != "word":
            raise self.error(tok, f"found {tok.describe()} for {what}", bounds)
        if not (text.isascii() and text.isdigit()) or len(text) >= 10:
            raise self.error(tok, f"{tok.describe()} is not a valid {what}", bounds)
        raise self.error(tok, f"{what} is {int(text)}, out of range", bounds)
