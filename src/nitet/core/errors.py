"""Expected errors: what the user can fix. Anything else is a bug (exit 3)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


class NitetError(Exception):
    """An error the user can act on. ``hint`` says what to do next."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, hint: str | None = None, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        if exit_code is not None:
            self.exit_code = exit_code


class DataError(NitetError):
    """The data has problems (exit 1)."""

    exit_code = EXIT_DATA


class UsageError(NitetError):
    """Bad options, no workspace, bad configuration (exit 2)."""

    exit_code = EXIT_USAGE
