"""Adding to a lexicon file on disk: checked with the lexicons in force, written atomically.

`add_to_source` makes the new text; here it is written to a temporary file in the same folder,
checked (`dvd lexicon check`) in place of the original among the other lexicons in force, and
only then moved over the original with `os.replace`. A refused, declined or interrupted `add`
leaves the file as it was, and so does an edit someone else made to the file meanwhile.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dikkevandale.edit.editor import Addition, Edit, RefusedError, add_to_source
from dikkevandale.files import ChangedMeanwhileError, locked, write_atomically
from dikkevandale.lexicon.checks import check
from dikkevandale.lexicon.layers import COMMAND_LINE, Layer
from dikkevandale.lexicon.loader import read_concepts
from dikkevandale.lexicon.source import decode, read_bytes
from dikkevandale.model import Code, LexiconError, Location


@dataclass(frozen=True, slots=True)
class Added:
    """What `add_to_file` did. `overrides`/`overridden_by`: other files in force, earlier or
    later, defining the same id (layers override each other by id)."""

    path: Path
    edit: Edit
    written: bool
    warnings: tuple[LexiconError, ...] = ()
    overrides: tuple[str, ...] = ()
    overridden_by: tuple[str, ...] = ()


class _DeclinedError(Exception):
    """The `confirm` callback said no."""


def add_to_file(
    path: Path,
    addition: Addition,
    context: Sequence[Layer] = (),
    confirm: Callable[[Edit, tuple[LexiconError, ...]], bool] | None = None,
) -> Added:
    """Add to a lexicon file on disk, checked with the lexicons of `context`, atomically.

    The new text is written to a temporary file next to `path` and checked (`dvd lexicon
    check`) in place of the file among the layers of `context` (the file alone when empty; at
    the end, as a command-line lexicon, when not among them). A problem the old file did not
    have refuses the edit with RefusedError. `confirm` is asked, with the edit and its new
    warnings, before the file is replaced; False leaves it untouched (`written` is False).
    """
    # Read, check and replace under one lock: two adds to one file run one after the other
    # instead of the second overwriting the first (the "changed on disk" check alone has a
    # window between its comparison and the rename).
    with locked(path):
        return _add_locked(path, addition, context, confirm)


def _add_locked(
    path: Path,
    addition: Addition,
    context: Sequence[Layer],
    confirm: Callable[[Edit, tuple[LexiconError, ...]], bool] | None,
) -> Added:
    data = read_bytes(path)
    edit = add_to_source(decode(path, data), addition, str(path))
    layers = list(context) or [Layer(COMMAND_LINE, (path,))]
    place = _find(layers, path)
    if place is None:
        layers.append(Layer(COMMAND_LINE, (path,)))
        place = (len(layers) - 1, 0)
    name = str(layers[place[0]].files[place[1]])
    before = check(layers).problems
    warnings: list[LexiconError] = []

    def validate(temp: Path) -> None:
        files = list(layers[place[0]].files)
        files[place[1]] = temp
        swapped = [*layers[: place[0]], Layer(layers[place[0]].name, tuple(files))]
        after = check([*swapped, *layers[place[0] + 1 :]]).problems
        new = _new_problems(before, after, str(temp), name)
        errors = [p for p in new if p.severity == "error"]
        if errors:
            raise RefusedError(errors[0].location, errors[0].message, errors[0].code)
        warnings.extend(new)
        if confirm is not None and not confirm(edit, tuple(warnings)):
            raise _DeclinedError

    try:
        write_atomic(path, edit.after.encode("utf-8"), validate=validate, expect=data)
    except _DeclinedError:
        return Added(path, edit, written=False)
    earlier, later = _other_definitions(layers, place, addition.concept_id.strip())
    return Added(path, edit, True, tuple(warnings), earlier, later)


def defined_elsewhere(
    layers: Sequence[Layer], path: Path, concept_id: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The files of other layers that define `concept_id`, before and after `path` (which,
    when not among `layers`, comes last, as `add_to_file` places it). An interactive add
    names them before asking to write: the new concept would replace, or be replaced by, them.
    """
    place = _find(layers, path) or (len(layers), 0)
    return _other_definitions(layers, place, concept_id)


def _find(layers: Sequence[Layer], path: Path) -> tuple[int, int] | None:
    target = path.resolve()
    for number, layer in enumerate(layers):
        for position, file in enumerate(layer.files):
            if file.resolve() == target:
                return number, position
    return None


def _new_problems(
    before: Sequence[LexiconError], after: Sequence[LexiconError], temp: str, name: str
) -> list[LexiconError]:
    """Problems of `after` that `before` did not have, the temporary file named as the real one.

    Lines move when lines are inserted, so problems compare without their line numbers.
    """

    def renamed(problem: LexiconError) -> LexiconError:
        where = problem.location
        if where is not None and where.path == temp:
            where = Location(name, where.line, where.col)
        message = problem.message.replace(temp, name)
        return LexiconError(where, message, problem.code, problem.severity)

    def key(problem: LexiconError) -> tuple[str, str, str, str]:
        where = problem.location.path if problem.location else ""
        return (problem.code, problem.severity, where, re.sub(r":\d+:\d+", "", problem.message))

    old = Counter(key(p) for p in before)
    new: list[LexiconError] = []
    for problem in map(renamed, after):
        if old[key(problem)] > 0:
            old[key(problem)] -= 1
        else:
            new.append(problem)
    return new


def _other_definitions(
    layers: Sequence[Layer], place: tuple[int, int], concept_id: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Files of other layers that define `concept_id`: before the edited file, and after it."""
    earlier: list[str] = []
    later: list[str] = []
    for number, layer in enumerate(layers):
        if number == place[0]:
            continue
        for file in layer.files:
            try:
                concepts, _ = read_concepts(decode(file, read_bytes(file)), str(file))
            except LexiconError:
                continue
            if any(c.id == concept_id for c in concepts):
                (earlier if number < place[0] else later).append(str(file))
    return tuple(earlier), tuple(later)


def write_atomic(
    path: Path,
    data: bytes,
    *,
    validate: Callable[[Path], None] | None = None,
    expect: bytes | None = None,
) -> None:
    """Replace a lexicon file's bytes all at once (see `files.write_atomically`).

    `validate` may inspect the temporary file and refuse it by raising; `expect` is what the
    file must still hold, so that an edit made meanwhile by someone else is not overwritten.
    On any failure, or Ctrl-C, the file is untouched.
    """
    try:
        write_atomically(path, data, validate=validate, expect=expect)
    except ChangedMeanwhileError:
        raise LexiconError(
            Location(str(path)),
            "changed on disk while dvd was adding to it; nothing written, run it again",
            Code.UNREADABLE,
        ) from None
    except OSError as error:
        message = f"cannot write: {error.strerror or error}; the file is unchanged"
        raise LexiconError(Location(str(path)), message, Code.UNREADABLE) from None
