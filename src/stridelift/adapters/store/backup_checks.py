"""The rules a backup's values must meet before any row is restored: those the commands
that wrote them hold to (dates, sports, run types, a profile that parses), and what both
SQLite and PostgreSQL can store (integer sizes, text lengths, no NUL bytes, finite numbers).
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Date, Float, Integer, String

from stridelift.adapters.store.tables import UTCDateTime
from stridelift.domain import plausible as bounds
from stridelift.domain.activity import PAIN_SIDES, RUN_TYPES, SPORTS
from stridelift.domain.calendar import BOUNDS_TEXT, EARLIEST, LATEST
from stridelift.errors import StrideliftError

# PostgreSQL's INTEGER; SQLite would take more, but a backup must restore on both.
INTEGER_MAX = 2**31 - 1
# Columns whose text must be one of a known list, as the commands that write them check.
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("activities", "sport"): SPORTS,
    ("activities", "run_type"): RUN_TYPES,
    ("strength_sets", "pain_side"): PAIN_SIDES,
    ("pain_reports", "side"): PAIN_SIDES,
}

# Columns held to the plausibility bounds of hand logging and imports (domain.plausible).
RANGES: dict[tuple[str, str], tuple[float, float]] = {
    ("activities", "duration_s"): (0, bounds.DURATION_MIN_MAX * 60),
    ("activities", "distance_m"): (0, bounds.DISTANCE_KM_MAX * 1000),
    ("activities", "avg_hr"): bounds.HEART_RATE_BPM,
    ("activities", "max_hr"): bounds.HEART_RATE_BPM,
    ("activities", "rpe"): bounds.RPE,
    ("lift_sessions", "rpe"): bounds.RPE,
    ("lift_sessions", "minutes"): (0, bounds.LIFT_MINUTES_MAX),
    ("strength_sets", "reps"): (0, bounds.REPS_MAX),
    ("strength_sets", "load_kg"): (0, bounds.LOAD_KG_MAX),
    ("strength_sets", "duration_s"): (0, bounds.HOLD_S_MAX),
    ("strength_sets", "distance_m"): (0, bounds.CARRY_M_MAX),
}


class BackupError(StrideliftError):
    """A backup document cannot be restored; the message says why (exit status 2)."""

    exit_code = 2


def _bad(where: str, value: Any, expected: str) -> BackupError:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return BackupError(f"backup: {where}: {shown} {expected}")


def _moment(where: str, value: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise _bad(where, value, "is not a date and time (expected ISO 8601)") from None
    if moment.tzinfo is None:
        raise _bad(where, value, "has no time zone (expected e.g. 2026-11-21T09:00:00Z)")
    try:
        in_utc = moment.astimezone(UTC)
    except OverflowError:
        in_utc = None
    if in_utc is None or not EARLIEST <= in_utc.date() <= LATEST:
        raise _bad(where, value, f"is out of range (expected {BOUNDS_TEXT})")
    return in_utc


def _day(where: str, value: Any) -> date:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        raise _bad(where, value, "is not a date (expected YYYY-MM-DD)") from None
    if not EARLIEST <= day <= LATEST:
        raise _bad(where, value, f"is out of range (expected {BOUNDS_TEXT})")
    return day


def _number(where: str, column: Column[Any], value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(where, value, "is not a number")
    if isinstance(column.type, Integer):
        if not isinstance(value, int):
            raise _bad(where, value, "is not a whole number")
        if not 0 <= value <= INTEGER_MAX:
            raise _bad(where, value, f"is out of range (expected 0 to {INTEGER_MAX})")
        return value
    if not math.isfinite(value):
        raise _bad(where, value, "is not a finite number")
    return float(value)


def _text(where: str, column: Column[Any], value: Any) -> str:
    if not isinstance(value, str):
        raise _bad(where, value, "is not text")
    if "\x00" in value:
        raise _bad(where, value, "holds a NUL character")
    length = column.type.length if isinstance(column.type, String) else None
    if length is not None and len(value) > length:
        raise _bad(where, value, f"is longer than {length} characters")
    return value


def load_value(where: str, column: Column[Any], value: Any) -> Any:
    """``value`` as the column stores it, or a BackupError naming ``where`` (its JSON path)."""
    if value is None:
        if not column.nullable:
            raise BackupError(f"backup: {where} is empty but is required")
        return None
    if isinstance(column.type, UTCDateTime):
        return _moment(where, value)
    if isinstance(column.type, Date):
        return _day(where, value)
    if isinstance(column.type, Boolean):
        if not isinstance(value, bool):
            raise _bad(where, value, "is not true or false")
        return value
    if isinstance(column.type, Integer | Float):
        return _number(where, column, value)
    return _text(where, column, value)


def check_row(table: str, where: str, row: dict[str, Any]) -> None:
    """The rules of the commands that write ``table``: known choices, a profile that parses."""
    for (name, column), allowed in CHOICES.items():
        value = row.get(column)
        if name == table and value is not None and value not in allowed:
            raise _bad(f"{where}.{column}", value, f"is not one of {', '.join(allowed)}")
    for (name, column), (lo, hi) in RANGES.items():
        value = row.get(column)
        if name == table and value is not None and not lo <= value <= hi:
            raise _bad(f"{where}.{column}", value, f"is out of range (expected {lo:g}-{hi:g})")
    if table == "athletes":
        from stridelift.services.profiles import parse_profile_text

        try:
            parse_profile_text(row["profile_toml"], "profile")
        except StrideliftError as exc:
            raise BackupError(f"backup: {where}.profile_toml: {exc}") from None
