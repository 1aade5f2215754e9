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
from dataclasses import dataclass
from fractions import Fraction

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
_WORD = re.compile(r'[^\s{},"]+')
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Token:
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
    i, n = 0, len(text)
    line, line_start = 1, 0
    while i < n:
        ch = text[i]
        if ch.isspace():
            m = _SPACE.match(text, i)
            j = m.end() if m else i + 1
            k = text.count("\n", i, j)
            if k:
                line += k
                line_start = text.rfind("\n", i, j) + 1
            i = j
            continue
        column = i - line_start + 1
        if ch in "{},":
            tokens.append(Token(ch, ch, line, column))
            i += 1
        elif ch == '"':
            start_line = line
            parts: list[str] = []
            j = i + 1
            while True:
                if j >= n:
                    raise ParseError(
                        "label opened here is never closed",
                        file=file,
                        line=start_line,
                        column=column,
                        expected="a closing '\"'",
                    )
                c = text[j]
                if c == "\\" and j + 1 < n and text[j + 1] in '"\\':
                    parts.append(text[j + 1])
                    j += 2
                    continue
                if c == '"':
                    break
                if c == "\n":
                    line += 1
                    line_start = j + 1
                parts.append(c)
                j += 1
            tokens.append(Token("string", "".join(parts), start_line, column))
            i = j + 1
        else:
            m = _WORD.match(text, i)
            assert m is not None  # any other character starts a word
            tokens.append(Token("word", m.group(), line, column))
            i = m.end()
    tokens.append(Token("eof", "", line, n - line_start + 1))
    return tokens


def quote(label: str) -> str:
    """A label in double quotes, with backslashes and quotes escaped."""
    return '"' + label.replace("\\", "\\\\").replace('"', '\\"') + '"'


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

    def number(self, what: str) -> Fraction:
        """Consume a number, read exactly; ``what`` names it in errors."""
        tok = self.next()
        if tok.kind != "word":
            raise self.error(tok, f"found {tok.describe()} for {what}", NUMBER_EXPECTED)
        return self.to_number(tok, what)

    def to_number(self, tok: Token, what: str) -> Fraction:
        """Read the word ``tok`` as an exact number."""
        m = _NUMBER.fullmatch(tok.text)
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
            return parse_exact(tok.text)
        except ValueError as exc:  # zero denominator, too many digits
            raise self.error(tok, f"{exc} ({what})", NUMBER_EXPECTED) from None

    def integer(
        self, what: str, *, minimum: int = 0, maximum: int | None = None
    ) -> int:
        """Consume a non-negative decimal integer within bounds."""
        tok = self.next()
        bounds = (
            f"an integer >= {minimum}"
            if maximum is None
            else (f"an integer from {minimum} to {maximum}")
        )
        if tok.kind != "word":
            raise self.error(tok, f"found {tok.describe()} for {what}", bounds)
        if not (tok.text.isascii() and tok.text.isdigit()) or len(tok.text) > 9:
            raise self.error(tok, f"{tok.describe()} is not a valid {what}", bounds)
        value = int(tok.text)
        if value < minimum or (maximum is not None and value > maximum):
            raise self.error(tok, f"{what} is {value}, out of range", bounds)
        return value
