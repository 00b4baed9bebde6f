"""CSV and TSV records with the `path:line:col` of every cell, for errors that say where.

The stdlib csv module reads records but forgets where each cell stood; this finds the cells
again in the raw lines, following csv's own quoting rules, so that every import problem points
at its cell (see `delimited`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from dikkevandale.model import Code, LexiconError, Location


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
