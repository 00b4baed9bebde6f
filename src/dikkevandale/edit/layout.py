"""A lexicon file as a person wrote it: its lines, keys, blocks, indents and line endings.

The editor never re-dumps a user's file (PyYAML would drop its comments), so it reads the text
itself for where things are: the line of a top-level key, where a block or a list entry ends,
how the file indents and spaces its concepts, which line ending it uses. New text goes in as
splices over the original, applied once; every byte outside them stays as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dikkevandale.edit.yamlwriter import Style


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offset of the line in the source
    end: int  # offset of its end, before "\r\n" or "\n"
    text: str

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @property
    def content(self) -> bool:
        stripped = self.text.strip()
        return bool(stripped) and not stripped.startswith("#")

    @property
    def comment(self) -> bool:
        return self.text.lstrip().startswith("#")

    @property
    def dash(self) -> bool:
        """A block sequence entry ("- x", or "-" with the entry on the lines below)."""
        rest = self.text.lstrip(" ")
        return rest == "-" or rest.startswith("- ")


def _split_lines(source: str) -> list[_Line]:
    lines: list[_Line] = []
    start = 0
    while True:
        newline = source.find("\n", start)
        stop = len(source) if newline < 0 else newline
        end = stop - 1 if stop > start and source[stop - 1] == "\r" else stop
        lines.append(_Line(start, end, source[start:end]))
        if newline < 0:
            break
        start = newline + 1
    if source.endswith("\n"):
        lines.pop()  # the final newline ends the last line; it does not start another
    if lines and lines[0].text.startswith("\ufeff"):
        lines[0] = _Line(1, lines[0].end, lines[0].text[1:])
    return lines


# A block mapping key such as "sales:" or "case_sensitive:", at the start of what it is matched at.
KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*) *:(?= |$)")


def split_value(rest: str) -> tuple[str, str]:
    """A one-line value as written and its trailing comment ("" when none)."""
    rest = rest.strip()
    if rest[:1] in ("'", '"'):
        quote, index = rest[0], 1
        while index < len(rest):
            if quote == '"' and rest[index] == "\\":
                index += 2
                continue
            if rest[index] == quote:
                if quote == "'" and rest[index + 1 : index + 2] == "'":
                    index += 2
                    continue
                return rest[: index + 1], rest[index + 1 :].strip()
            index += 1
        return rest, ""  # a quoted value that goes on below: the caller sees the lines
    found = re.search(r"(?:^|\s)#", rest)
    if found is None:
        return rest, ""
    return rest[: found.start()].rstrip(), rest[found.start() :].strip()


def unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


@dataclass(frozen=True, slots=True)
class Entry:
    """One concept of the `concepts:` list as lines: keys map to (line, end after its block)."""

    first: int
    stop: int
    keycol: int
    keys: dict[str, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Splice:
    start: int
    end: int
    text: str


class Layout:
    """The lines of a lexicon file and where its parts are."""

    def __init__(self, source: str, path: str) -> None:
        self.source = source
        self.path = path
        self.lines = _split_lines(source)
        newline = source.find("\n")
        self.eol = "\r\n" if newline > 0 and source[newline - 1] == "\r" else "\n"

    def top_key(self, key: str) -> tuple[int, str, str] | None:
        """The line of a top-level key, and its one-line value and comment."""
        for index, line in enumerate(self.lines):
            found = KEY.match(line.text)
            if line.indent == 0 and found and found.group(1) == key:
                return (index, *split_value(line.text[found.end() :]))
        return None

    def block_end(self, first: int, col: int, *, entry: bool) -> int:
        """The line after the block that line `first` opens at column `col`.

        A key's block also holds entries of a list at its own column ("sales:" then "- x"
        below it); an entry's block ends at the next entry.
        """
        index = first + 1
        while index < len(self.lines):
            line = self.lines[index]
            if line.content and (
                line.indent < col or (line.indent == col and (entry or not line.dash))
            ):
                break
            index += 1
        return index

    def trim(self, first: int, stop: int, col: int) -> int:
        """The end of a block without the blank lines and outdented comments that follow it."""
        end = first + 1
        for index in range(first + 1, stop):
            line = self.lines[index]
            if line.content or (line.comment and line.indent > col):
                end = index + 1
        return end

    def entries(self, first: int, stop: int) -> list[int]:
        """The lines of the entries of the block list in lines[first:stop]."""
        content = [i for i in range(first, stop) if self.lines[i].content]
        if not content:
            return []
        col = self.lines[content[0]].indent
        return [i for i in content if self.lines[i].indent == col and self.lines[i].dash]

    def entry(self, first: int, stop: int) -> Entry | None:
        """A concept's keys, when it is written as a block mapping."""
        line = self.lines[first]
        after = line.text[line.indent + 1 :]
        key_lines: list[int] = []
        if after.strip() and not after.lstrip().startswith("#"):
            keycol = line.indent + 1 + len(after) - len(after.lstrip(" "))
            key_lines.append(first)
        else:
            below = [i for i in range(first + 1, stop) if self.lines[i].content]
            if not below:
                return None
            keycol = self.lines[below[0]].indent
        key_lines += [
            i
            for i in range(first + 1, stop)
            if self.lines[i].content and self.lines[i].indent == keycol and not self.lines[i].dash
        ]
        keys: dict[str, tuple[int, int]] = {}
        for number, index in enumerate(key_lines):
            found = KEY.match(self.lines[index].text, keycol)
            if found is None:
                return None
            end = key_lines[number + 1] if number + 1 < len(key_lines) else stop
            keys[found.group(1)] = (index, self.trim(index, end, keycol))
        return Entry(first, stop, keycol, keys)

    def insert(self, before: int, new_lines: Sequence[str]) -> Splice:
        """New lines, inserted before line `before` (or at the end of the file)."""
        if before < len(self.lines):
            at = self.lines[before].start
            return Splice(at, at, "".join(line + self.eol for line in new_lines))
        end = len(self.source)
        if self.source.endswith("\n") or not self.source:
            return Splice(end, end, "".join(line + self.eol for line in new_lines))
        return Splice(end, end, "".join(self.eol + line for line in new_lines))

    def style(self, first: int, stop: int, items: list[int], audiences: Sequence[str]) -> Style:
        style = Style()
        if items:
            line = self.lines[items[0]]
            after = line.text[line.indent + 1 :]
            gap = len(after) - len(after.lstrip(" ")) if after.strip() else 1
            gaps = [self.lines[i - 1].text.strip() == "" for i in items[1:]]
            blank = sum(gaps) * 2 >= len(gaps) if gaps else self.lines[items[0] - 1].text == ""
            style = replace(style, item=line.indent, gap=gap, blank=blank)
        seq = term_gap = None
        for index in range(first, stop - 1):
            line, below = self.lines[index], self.lines[index + 1]
            found = KEY.match(line.text, line.indent)
            if (
                seq is None
                and found
                and found.group(1) in audiences
                and below.dash
                and not split_value(line.text[found.end() :])[0]
            ):
                seq = below.indent - line.indent
            term = re.match(r" *-( +)term *:", line.text)
            if term_gap is None and term:
                term_gap = len(term.group(1))
        return replace(style, seq=style.seq if seq is None else seq, term_gap=term_gap or 1)


def apply_splices(source: str, splices: Sequence[Splice]) -> str:
    """`source` with all splices applied at once: each one's offsets index the original text."""
    pieces: list[str] = []
    at = 0
    for splice in sorted(splices, key=lambda s: s.start):  # stable: equal starts keep order
        pieces += [source[at : splice.start], splice.text]
        at = splice.end
    pieces.append(source[at:])
    return "".join(pieces)
