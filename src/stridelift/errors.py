"""Errors the outer layers raise; each carries a one-line message meant for the user."""

from __future__ import annotations


class StrideliftError(Exception):
    """An error with a message a user can act on; the CLI prints it and exits non-zero.

    Attributes:
        exit_code: the process exit status the CLI uses for this error.
    """

    exit_code: int = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(StrideliftError):
    """Bad input from the user: a profile, a flag or a file (exit status 2)."""

    exit_code = 2
