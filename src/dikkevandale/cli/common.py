"""What every `dvd` command shares: error handling, exit codes, lexicon options.

Only the CLI modules import Typer; this one holds the parts of the command layer that
`cli` (translating) and `cli_lexicon` (maintaining lexicons) both need.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
import typer.core

if TYPE_CHECKING:
    from dikkevandale.matching.index import Index
    from dikkevandale.translator import Translator

from dikkevandale.cli.exitstatus import ExitStatus
from dikkevandale.model import LexiconError, did_you_mean


class UsageError(ValueError):
    """A command line that cannot work as given (exit 2)."""


def _argument_type(self: Any, ctx: Any) -> str | None:
    return None if self.metavar is not None else str(self.display_type(ctx))


# Typer prints an argument's Python type after its name in --help (`TEXT <str>`,
# `PATH <list[Path]>`), even when a metavar names it for people: that metavar is enough.
typer.core.TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign]

Choice = TypeVar("Choice", bound=Enum)


def choice(kind: type[Choice]) -> Callable[[Any], Choice]:
    """A parser for an option of fixed values: any case is accepted (`--format JSON`), and a
    wrong value is told what it may be and which one it looks like (`jsn`: did you mean json?).

    Typer's own message for an enum ("Value error, 'jsn' is not one of ...") names neither.
    """
    values = [str(member.value) for member in kind]

    def parse(value: Any) -> Choice:
        if isinstance(value, kind):
            return value
        text = str(value)
        for member in kind:
            if str(member.value) == text.lower():
                return member
        raise typer.BadParameter(
            f"'{text}' is not one of {', '.join(values)}{did_you_mean(text.lower(), values)}"
        )

    return parse


def count(number: int, noun: str, plural: str | None = None) -> str:
    """`1 concept`, `2 concepts`, `0 entries`: a number with its noun in the right form."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text from a lexicon or an input, safe to show on a terminal.

    Escape sequences in a lexicon's note or a file name (an OSC 52 sequence can write to the
    clipboard, others move the cursor or retitle the window) are shown as `\\x1b` rather
    than obeyed. Line breaks and tabs stay. Never used on the translated text itself, which
    stays byte for byte.
    """
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def say(message: str) -> None:
    sys.stderr.write(f"dvd: {clean(message)}\n")
    sys.stderr.flush()


_quiet = [False]


def set_quiet(quiet: bool) -> None:
    """--quiet: keep informational lines (summaries, notices) off stderr; warnings stay."""
    _quiet[0] = quiet


def note(message: str) -> None:
    """An informational line on stderr, unless --quiet."""
    if not _quiet[0]:
        say(message)


def report(line: str) -> None:
    """A finding on stderr as it is, so editors and CI can read `file:line:col: ...`."""
    sys.stderr.write(clean(line) + "\n")
    sys.stderr.flush()


def fail(status: ExitStatus, message: str) -> NoReturn:
    say(f"error: {message}")
    raise typer.Exit(status)


@contextlib.contextmanager
def guard() -> Iterator[None]:
    """Turn every failure into one line on stderr and its exit status; never a traceback."""
    from dikkevandale.io.streams import EncodingError, InputError
    from dikkevandale.translator import OptionError

    try:
        yield
    except typer.Exit:
        raise
    except (UsageError, OptionError, EncodingError) as error:
        fail(ExitStatus.USAGE, str(error))
    except (LexiconError, InputError) as error:
        fail(ExitStatus.BAD_DATA, str(error))
    except BrokenPipeError:
        silence_stdout()
        raise typer.Exit(ExitStatus.OK) from None
    except KeyboardInterrupt:
        raise typer.Exit(ExitStatus.INTERRUPTED) from None
    except Exception as error:
        if os.environ.get("DVD_DEBUG"):
            raise
        fail(
            ExitStatus.INTERNAL,
            f"internal error: {type(error).__name__}: {error} (set DVD_DEBUG=1 for details)",
        )


def silence_stdout() -> None:
    # After a broken pipe, Python would complain when it flushes stdout at exit.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Only errors and warnings on stderr.")
]
"""Every command takes --quiet; informational lines go through `note`, which it silences."""

LexiconOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--lexicon",
        "-l",
        metavar="PATH",
        help="A lexicon file or folder of *.yaml files; repeatable. Overrides concepts by id.",
    ),
]
NoBuiltinOption = Annotated[
    bool, typer.Option("--no-builtin", help="Leave out the lexicons shipped with dvd.")
]


def lexicon_layers(lexicons: list[Path] | None, no_builtin: bool) -> tuple[Any, Any]:
    from dikkevandale.lexicon.layers import find_layers, project_config

    config, _ = project_config()
    layers = find_layers(lexicons or (), builtin=not no_builtin, warn=say)
    if not any(layer.files for layer in layers):
        raise UsageError(
            "no lexicon in force (--no-builtin or builtin = false); add --lexicon PATH"
        )
    return layers, config


def load_translator(lexicons: list[Path] | None, no_builtin: bool, **options: Any) -> Translator:
    """The translator of the lexicons in force here, as every command finds them."""
    from dikkevandale.collector import freeze
    from dikkevandale.translator import Translator

    translator = Translator.from_config(
        lexicons=lexicons or (),
        builtin=False if no_builtin else None,
        notice=note,
        **options,
    )
    # The index lives as long as the run: keep the cyclic collector from walking its objects
    # again at every full collection. Only the command does this; a library caller's
    # process is its own business.
    freeze()
    return translator


def load_lexicons(lexicons: list[Path] | None, no_builtin: bool) -> Index:
    """The compiled lexicons in force (for lookups and exports)."""
    return load_translator(lexicons, no_builtin).index


def check_audience(audience: str, known: tuple[str, ...]) -> str:
    """`audience` as the lexicons spell it (any case is accepted), or a UsageError with a
    did-you-mean."""
    if audience.lower() in known:
        return audience.lower()
    if audience not in known:
        hint = did_you_mean(audience, known)
        raise UsageError(
            f"unknown audience '{audience}'{hint}; known audiences: {', '.join(known)}"
        )
    return audience
