"""The exit codes of `dvd`, one enum for every command (scripts rely on them)."""

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    BAD_DATA = 3
    INTERNAL = 4
    INTERRUPTED = 130
