"""The `dvd` command: parses options, calls the library, prints. Nothing else lives here.

stdout carries the product (translated text, JSON, a diff, a table); every message goes to
stderr, so `dvd translate` can sit in a pipe. Domain errors become the documented exit codes.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
import typer.main
from typer.core import TyperGroup

from dikkevandale import __version__
from dikkevandale.cli.common import (
    LexiconOption,
    NoBuiltinOption,
    QuietOption,
    clean,
    guard,
    load_lexicons,
    say,
    set_quiet,
)
from dikkevandale.cli.exitstatus import ExitStatus
from dikkevandale.cli.translate import translate_command


def _lexicon_group() -> Any:
    # The lexicon sub-commands live in their own modules, each adding itself to lexicon_app.
    import dikkevandale.cli.edit
    import dikkevandale.cli.exchange  # noqa: F401
    from dikkevandale.cli.lexicon import lexicon_app

    return typer.main.get_group(lexicon_app)


def _cache_group() -> Any:
    from dikkevandale.cli.cache import cache_app

    return typer.main.get_group(cache_app)


def _check_command() -> Any:
    from dikkevandale.cli.check import check_app

    return typer.main.get_command(check_app)


def _init_command() -> Any:
    from dikkevandale.cli.init import init_app

    return typer.main.get_command(init_app)


def _explain_command() -> Any:
    from dikkevandale.cli.explain import explain_app

    return typer.main.get_command(explain_app)


_LAZY_GROUPS = {
    "explain": _explain_command,
    "check": _check_command,
    "init": _init_command,
    "lexicon": _lexicon_group,
    "cache": _cache_group,
}


class _Commands(TyperGroup):
    """dvd's commands, with the command groups (and `check`, `init`) built only when they are
    asked for.

    Their modules, and Typer's conversion of their sub-commands, would otherwise cost every
    `dvd translate` several milliseconds of start-up.
    """

    def list_commands(self, ctx: Any) -> list[str]:
        return list(dict.fromkeys([*super().list_commands(ctx), *_LAZY_GROUPS]))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in _LAZY_GROUPS:
            self._add(cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands:
            for name in _LAZY_GROUPS:  # so that "did you mean" knows them too
                self._add(name)
        return super().resolve_command(ctx, args)

    def _add(self, name: str) -> None:
        if name not in self.commands:
            self.add_command(_LAZY_GROUPS[name](), name)


app = typer.Typer(
    name="dvd",
    cls=_Commands,
    help=(
        "dikkevandale: a Dikke van Dale for CRM projects. Rewrites sales jargon into IT's words"
        " and back, using editable YAML lexicons.\n\n"
        "Examples:\n\n\b\n"
        "  echo 'Het 360-graden-klantbeeld is klaar.' | dvd translate --to it\n"
        "  dvd check --to it docs/\n"
        "  dvd lookup klantbeeld"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"dvd (dikkevandale) {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """dikkevandale: translate CRM jargon between sales, IT and other audiences."""


app.command("translate", short_help="Rewrite other audiences' jargon for --to, byte for byte.")(
    translate_command
)


@app.command(short_help="Look up a word: its concept in every audience's words.")
def lookup(
    word: Annotated[
        str, typer.Argument(metavar="WORD", help="A word or phrase from either world.")
    ],
    lexicon: LexiconOption = None,
    no_builtin: NoBuiltinOption = False,
    quiet: QuietOption = False,
) -> None:
    """Look a word up in the dictionary: the concept behind it, in every audience's words.

    Exits 1 when no concept is found. Example:

    \b
      dvd lookup klantbeeld
    """
    with guard():
        set_quiet(quiet)
        from dikkevandale.matching.matcher import lookup_concepts

        index = load_lexicons(lexicon, no_builtin)
        concepts = lookup_concepts(word, index)
        if not concepts:
            say(f"no concept found for '{word}'")
            raise typer.Exit(ExitStatus.FINDINGS)
        from dikkevandale.io.output import render_concept

        sys.stdout.write(clean("\n".join(render_concept(concept) for concept in concepts)))
        sys.stdout.flush()


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind like Ctrl-C, so that every `finally` runs and no
    temporary file is left behind, then exit 128 + the signal number, as shells report it."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


def _terminate(signal_number: int, _frame: object) -> None:
    raise Terminated(signal_number)


def install_signal_handlers() -> None:
    """Turn SIGTERM and SIGHUP into an exception that unwinds the run (POSIX only)."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _terminate)


def main() -> None:
    """Console-script entry point."""
    install_signal_handlers()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(ExitStatus.INTERRUPTED)
    except Terminated as stop:
        sys.exit(128 + stop.signal_number)


if __name__ == "__main__":  # pragma: no cover
    main()
