"""Typed, key-naming access to a parsed methodology file's nested tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stridelift.domain.errors import MISSING, MethodologyError


class Reader:
    """Typed access to a nested mapping that names the dotted key of any bad value."""

    def __init__(self, data: Mapping[str, Any], prefix: str = "") -> None:
        self._data = data
        self._prefix = prefix

    def key(self, name: str) -> str:
        return f"{self._prefix}{name}"

    def raw(self, name: str) -> Any:
        if name not in self._data:
            raise MethodologyError(self.key(name), MISSING, "is required")
        return self._data[name]

    def sub(self, name: str) -> Reader:
        value = self.raw(name)
        if not isinstance(value, Mapping):
            raise MethodologyError(self.key(name), value, "is not a table")
        return Reader(value, f"{self.key(name)}.")

    def has(self, name: str) -> bool:
        return name in self._data

    def names(self) -> list[str]:
        return list(self._data)

    def number(self, name: str, lo: float, hi: float) -> float:
        return checked_number(self.key(name), self.raw(name), lo, hi)

    def integer(self, name: str, lo: int, hi: int) -> int:
        value = self.raw(name)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise MethodologyError(self.key(name), value, f"is not a whole number {lo}-{hi}")
        return int(value)

    def boolean(self, name: str, default: bool) -> bool:
        value = self._data.get(name, default)
        if not isinstance(value, bool):
            raise MethodologyError(self.key(name), value, "is not true or false")
        return value

    def text(self, name: str) -> str:
        value = self.raw(name)
        if not isinstance(value, str) or not value:
            raise MethodologyError(self.key(name), value, "is not a non-empty text")
        return value

    def numbers(
        self, name: str, lo: float, hi: float, length: int | None = None
    ) -> tuple[float, ...]:
        value = self.raw(name)
        if not isinstance(value, list) or (length is not None and len(value) != length):
            size = f"{length} " if length is not None else ""
            raise MethodologyError(self.key(name), value, f"is not a list of {size}numbers")
        return tuple(
            checked_number(f"{self.key(name)}[{i}]", v, lo, hi) for i, v in enumerate(value, 1)
        )

    def integers(self, name: str, lo: int, hi: int, length: int | None = None) -> tuple[int, ...]:
        values = self.numbers(name, lo, hi, length)
        if any(v != int(v) for v in values):
            raise MethodologyError(self.key(name), self.raw(name), "is not a list of whole numbers")
        return tuple(int(v) for v in values)

    def range_(self, name: str, lo: int, hi: int) -> tuple[int, int]:
        a, b = self.integers(name, lo, hi, 2)
        if a > b:
            raise MethodologyError(self.key(name), [a, b], "is not a [low, high] range")
        return a, b


def checked_number(key: str, value: object, lo: float, hi: float) -> float:
    """``value`` as a float, if it is a number from ``lo`` to ``hi``; else name ``key``."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise MethodologyError(key, value, f"is not a number between {lo:g} and {hi:g}")
    return float(value)
