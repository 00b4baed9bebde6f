r"""The cells of CSV and TSV files: escaped values, and where each cell starts.

Inside the term, field and example cells, a backslash escapes the characters that separate
values (`|`, `;`, `=` and the backslash itself); before any other character it is itself.
The stdlib csv module reads records but not where each cell starts, so `Table` scans each
record for that, and for bad quoting, which then gets a `path:line:col` of its own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from dikkevandale.model import Code, LexiconError, Location

_ESCAPE = "\\"
_SPECIAL = _ESCAPE + "|;="


def escape(value: str) -> str:
    r"""A value as it stands in a cell: `\`, `|`, `;` and `=` behind a backslash.

    >>> print(escape("a|b; c=d\\"))
    a\|b\; c\=d\\
    """
    return "".join(_ESCAPE + c if c in _SPECIAL else c for c in value)


def unescape(piece: str) -> str:
    """What `escape` wrote; a backslash before any other character is itself."""
    out: list[str] = []
    index = 0
    while index < len(piece):
        char = piece[index]
        if char == _ESCAPE and index + 1 < len(piece) and piece[index + 1] in _SPECIAL:
            index += 1
            char = piece[index]
        out.append(char)
        index += 1
    return "".join(out)


def split_escaped(text: str, separator: str) -> list[str]:
    """`text` split at each `separator` character not escaped, the escapes still in the parts."""
    parts: list[str] = []
    start = index = 0
    while index < len(text):
        char = text[index]
        if char == _ESCAPE and index + 1 < len(text) and text[index + 1] in _SPECIAL:
            index += 2
            continue
        if char == separator:
            parts.append(text[start:index])
            start = index + 1
        index += 1
    parts.append(text[start:])
    return parts


class Table:
    """The records of a CSV/TSV file, each cell with its `path:line:col`."""

    def __init__(self, text: str, path: str, delimiter: str) -> None:
        self.path = path
        self.lines = list(io.StringIO(text, newline=""))
        first = next((line for line in self.lines if line.strip()), "")
        if delimiter == "," and "," not in first and ";" in first:
            delimiter = ";"
        self.delimiter = delimiter

    def at(self, line: int, offset: int) -> Location:
        """The location `offset` characters after the start of line index `line`."""
        while line + 1 < len(self.lines) and offset >= len(self.lines[line]):
            offset -= len(self.lines[line])
            line += 1
        return Location(self.path, line + 1, offset + 1)

    def records(self) -> Iterator[tuple[list[str], list[Location], Location]]:
        """Each record's cells, their locations and the location of the record's end."""
        reader = csv.reader(iter(self.lines), delimiter=self.delimiter, strict=True)
        consumed = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                self._scan("".join(self.lines[consumed:]), consumed)
                raise LexiconError(
                    Location(self.path, reader.line_num, 1),
                    f"malformed record: {error}",
                    Code.SYNTAX,
                ) from None
            start, consumed = consumed, reader.line_num
            raw = "".join(self.lines[start:consumed])
            starts = self._scan(raw, start)
            if len(starts) != len(row):  # pragma: no cover - the scan follows csv's rules
                starts = [0] * len(row)
            end = len(raw.rstrip("\r\n"))
            yield row, [self.at(start, s) for s in starts], self.at(start, end)

    def _scan(self, raw: str, line: int) -> list[int]:
        """Where each cell of the first record in `raw` starts; bad quoting is an error here."""
        starts = [0]
        index = 0
        while index < len(raw):
            char = raw[index]
            if char == '"' and index == starts[-1]:
                close = index + 1
                while True:
                    close = raw.find('"', close)
                    if close < 0:
                        raise LexiconError(
                            self.at(line, index), "quoted cell is never closed", Code.SYNTAX
                        )
                    if raw.startswith('""', close):
                        close += 2
                        continue
                    break
                index = close + 1
                if index < len(raw) and raw[index] not in (self.delimiter, "\r", "\n"):
                    raise LexiconError(
                        self.at(line, index),
                        f"text after a quoted cell; put {self.delimiter!r} after the closing "
                        'quote, or double a quote inside a quoted cell ("")',
                        Code.SYNTAX,
                    )
            elif char == self.delimiter:
                index += 1
                starts.append(index)
            elif char in "\r\n":
                break
            else:
                index += 1
        return starts
