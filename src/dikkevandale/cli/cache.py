"""`dvd cache info` and `dvd cache clear`: the compiled-lexicon cache, shown and emptied.

The cache only makes dvd start faster; deleting it is always safe.
"""

from __future__ import annotations

import sys
import time

import typer

from dikkevandale.cli.common import QuietOption, count, guard, note, set_quiet

cache_app = typer.Typer(
    name="cache",
    help="Show or empty the compiled-lexicon cache.\n\nExample:\n\n\b\n  dvd cache info",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@cache_app.command(short_help="Show where compiled lexicons are kept, and their size.")
def info(quiet: QuietOption = False) -> None:
    """Where the compiled lexicons are kept, how many and how big (DVD_CACHE_DIR moves it).

    Example:

    \b
      dvd cache info
    """
    with guard():
        set_quiet(quiet)
        from dikkevandale.matching.cache import MAX_ENTRIES, cache_info

        found = cache_info()
        if found.folder is None:
            sys.stdout.write("cache: off (DVD_NO_CACHE is set)\n")
            return
        newest = (
            time.strftime("%Y-%m-%d %H:%M", time.localtime(found.newest))
            if found.newest is not None
            else "-"
        )
        sys.stdout.write(
            f"folder:  {found.folder}\n"
            f"entries: {found.entries} (at most {MAX_ENTRIES} are kept)\n"
            f"size:    {found.size / 1e6:.1f} MB\n"
            f"newest:  {newest}\n"
        )


@cache_app.command()
def clear(quiet: QuietOption = False) -> None:
    """Delete every compiled lexicon; the next run compiles again.

    Example:

    \b
      dvd cache clear
    """
    with guard():
        set_quiet(quiet)
        from dikkevandale.matching.cache import clear_cache

        removed = clear_cache()
        note(f"removed {count(removed, 'cache entry', 'cache entries')}")
