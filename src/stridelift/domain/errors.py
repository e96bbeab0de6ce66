"""Typed errors raised by the domain; outer layers turn them into one-line messages."""

from __future__ import annotations


class DomainError(Exception):
    """Base class for every error the coaching model raises."""


class InputError(DomainError):
    """A value in an input document is invalid.

    Args:
        key: dotted path of the offending key, e.g. ``races[1].date``.
        value: the value as the user wrote it.
        expected: what would have been accepted, in plain words.
    """

    def __init__(self, key: str, value: object, expected: str) -> None:
        self.key = key
        self.value = value
        self.expected = expected
        shown = "missing" if value is _MISSING else repr(value)
        super().__init__(f"{key}: {shown} {expected}")


class _Missing:
    """Marker for a key that was not given at all."""

    def __repr__(self) -> str:
        return "missing"


_MISSING = _Missing()
MISSING: object = _MISSING


class ProfileError(InputError):
    """An athlete profile holds an invalid value."""


class MethodologyError(InputError):
    """A methodology file holds an invalid value."""


class LibraryError(InputError):
    """The exercise library holds an invalid entry."""
