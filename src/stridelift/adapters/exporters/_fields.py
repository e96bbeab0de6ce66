"""Typed readers for plan-document fields; each failure names the field by its path."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from stridelift.adapters.exporters._base import ExportError


def fail(path: str, value: object, expected: str) -> ExportError:
    shown = "missing" if value is None else repr(value)
    return ExportError(f"plan document: {path}: {shown} {expected}")


def as_mapping(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise fail(path, value, "is not an object")
    return value


def as_text(value: object, path: str) -> str:
    if not isinstance(value, str):
        raise fail(path, value, "is not a string")
    return value


def mapping(parent: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any]:
    return as_mapping(parent.get(key), path)


def items(parent: Mapping[str, Any], key: str, path: str) -> Sequence[Any]:
    value = parent.get(key)
    if not isinstance(value, list | tuple):
        raise fail(path, value, "is not a list")
    return value


def text(parent: Mapping[str, Any], key: str, path: str) -> str:
    value = parent.get(key)
    if not isinstance(value, str) or not value.strip():
        raise fail(path, value, "is not a non-empty string")
    return value


def date(parent: Mapping[str, Any], key: str, path: str) -> dt.date:
    value = parent.get(key)
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(path, value, "is not an ISO date (YYYY-MM-DD)") from None


def flag(parent: Mapping[str, Any], key: str, path: str) -> bool:
    value = parent.get(key)
    if not isinstance(value, bool):
        raise fail(path, value, "is not true or false")
    return value


def integer(parent: Mapping[str, Any], key: str, path: str) -> int:
    value = parent.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(path, value, "is not a whole number >= 0")
    return value


def number(parent: Mapping[str, Any], key: str, path: str) -> float:
    value = optional_number(parent, key, path)
    if value is None:
        raise fail(path, value, "is not a number >= 0")
    return value


def optional_number(parent: Mapping[str, Any], key: str, path: str) -> float | None:
    value = parent.get(key)
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        raise fail(path, value, "is not a number >= 0")
    return float(value)
