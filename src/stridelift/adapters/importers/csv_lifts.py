"""Lifting-app exports (Strong, Hevy): one LiftSession per workout, exercises mapped by name."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from stridelift.adapters.importers.dates import local_datetime
from stridelift.adapters.importers.results import FormatError, Parsed, ReadContext
from stridelift.adapters.importers.sniff import csv_delimiter
from stridelift.domain.activity import LiftSession, StrengthSet

if TYPE_CHECKING:
    from stridelift.domain.exercises import ExerciseLibrary

KG_PER_LB = 0.45359237
_DURATION = re.compile(r"(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?\s*(?:(?P<s>\d+)\s*s)?")


@dataclass(slots=True)
class _Workout:
    """Sets gathered for one workout while reading rows."""

    day: datetime
    name: str | None
    minutes: int | None
    notes: str | None
    sets: list[StrengthSet] = field(default_factory=list)


@dataclass(slots=True)
class _Reading:
    """State shared by both readers: workouts, warnings, the library lookup."""

    library: ExerciseLibrary | None
    parsed: Parsed = field(default_factory=Parsed)
    workouts: dict[tuple[str, str], _Workout] = field(default_factory=dict)
    warm_ups: int = 0
    _ids: dict[str, str | None] = field(default_factory=dict)

    def exercise_id(self, name: str) -> str | None:
        """Library id by name or alias; names that match nothing are reported once."""
        if name not in self._ids:
            found = self.library.find(name) if self.library is not None else None
            self._ids[name] = found.id if found is not None else None
            if found is None:
                self.parsed.unmapped_exercises.append(name)
        return self._ids[name]

    def warner(self, line: int) -> Callable[[str], None]:
        """A function that adds a warning about one line of the file."""

        def warn(text: str) -> None:
            self.parsed.warnings.append(f"line {line}: {text}")

        return warn

    def finish(self, source: str) -> Parsed:
        if self.warm_ups:
            plural = "s" if self.warm_ups > 1 else ""
            self.parsed.warnings.append(f"skipped {self.warm_ups} warm-up set{plural}")
        for workout in self.workouts.values():
            if not workout.sets:
                continue
            self.parsed.lift_sessions.append(
                LiftSession(
                    day=workout.day.date(),
                    sets=tuple(workout.sets),
                    template=workout.name,
                    minutes=workout.minutes,
                    notes=workout.notes,
                    source=source,
                )
            )
        if not self.parsed.lift_sessions:
            raise FormatError("no activity data (the export holds no working sets)")
        return self.parsed


def read_strong_csv(data: bytes, context: ReadContext) -> Parsed:
    """Read a Strong export (comma- or semicolon-separated, any of its column layouts).

    Set Order "W" marks a warm-up (skipped); "D" (drop) and "F" (failure) sets count;
    rows whose Set Order is not a set (rest timers, notes) are skipped. Weights are in
    the unit a "Weight Unit" column or a "Weight (kg)"/"Weight (lbs)" header names; a
    bare "Weight" column is read as kg, with a warning.
    """
    header, rows = _table(data, "Strong")
    column = _Header(header)
    for required in ("Date", "Exercise Name", "Set Order"):
        column.require(required, "Strong")
    reading = _Reading(context.library)
    weight_name, lbs = _strong_weight_column(column)
    if weight_name == "Weight" and not column.has("Weight Unit"):
        reading.parsed.warnings.append(
            "the export does not say whether weights are kg or lb; read as kg"
        )
    for line, row in rows:
        order = column.get(row, "Set Order").upper()
        if order == "W":
            reading.warm_ups += 1
            continue
        if not (order.isdigit() or order in ("D", "F")):
            continue
        date_text = column.get(row, "Date")
        start = local_datetime(date_text)
        if start is None:
            reading.parsed.warnings.append(f"line {line}: unreadable date {date_text!r}; skipped")
            continue
        key = (date_text, column.get(row, "Workout Name"))
        workout = reading.workouts.get(key)
        if workout is None:
            duration = column.first(row, "Duration", "Workout Duration", "Duration (sec)")
            workout = _Workout(
                day=start,
                name=key[1] or None,
                minutes=_minutes(duration, seconds=column.has("Duration (sec)")),
                notes=column.get(row, "Workout Notes") or None,
            )
            reading.workouts[key] = workout
        unit_lbs = lbs or column.get(row, "Weight Unit").lower() in ("lb", "lbs")
        name = column.get(row, "Exercise Name")
        workout.sets.append(
            _set(
                name,
                reading,
                reps=column.get(row, "Reps"),
                weight=column.get(row, weight_name),
                weight_in_lbs=unit_lbs,
                seconds=column.get(row, "Seconds"),
                rpe=column.get(row, "RPE"),
                warn=reading.warner(line),
            )
        )
    return reading.finish("strong")


def read_hevy_csv(data: bytes, context: ReadContext) -> Parsed:
    """Read a Hevy export; "warmup" sets are skipped, normal/failure/drop sets count."""
    header, rows = _table(data, "Hevy")
    column = _Header(header)
    for required in ("title", "start_time", "exercise_title"):
        column.require(required, "Hevy")
    lbs = column.has("weight_lbs") and not column.has("weight_kg")
    weight_name = "weight_lbs" if lbs else "weight_kg"
    reading = _Reading(context.library)
    for line, row in rows:
        if column.get(row, "set_type").lower() in ("warmup", "warm_up", "warm-up"):
            reading.warm_ups += 1
            continue
        start_text = column.get(row, "start_time")
        start = local_datetime(start_text)
        if start is None:
            reading.parsed.warnings.append(
                f"line {line}: unreadable start_time {start_text!r}; skipped"
            )
            continue
        key = (start_text, column.get(row, "title"))
        workout = reading.workouts.get(key)
        if workout is None:
            end = local_datetime(column.get(row, "end_time"))
            minutes = round((end - start).total_seconds() / 60) if end and end > start else None
            workout = _Workout(
                day=start,
                name=key[1] or None,
                minutes=minutes,
                notes=column.get(row, "description") or None,
            )
            reading.workouts[key] = workout
        workout.sets.append(
            _set(
                column.get(row, "exercise_title"),
                reading,
                reps=column.get(row, "reps"),
                weight=column.get(row, weight_name),
                weight_in_lbs=lbs,
                seconds=column.get(row, "duration_seconds"),
                rpe=column.get(row, "rpe"),
                warn=reading.warner(line),
            )
        )
    return reading.finish("hevy")


def _set(
    name: str,
    reading: _Reading,
    *,
    reps: str,
    weight: str,
    weight_in_lbs: bool,
    seconds: str,
    rpe: str,
    warn: Callable[[str], None],
) -> StrengthSet:
    reps_n = _number(reps, "reps", warn)
    load = _number(weight, "weight", warn)
    if load is not None and weight_in_lbs:
        load = round(load * KG_PER_LB, 2)
    duration = _number(seconds, "seconds", warn)
    effort = _number(rpe, "RPE", warn)
    rir = None
    if effort is not None and 0 < effort <= 10:
        # RIR = 10 - RPE; a half point (RPE 8.5) rounds up to the easier whole RIR.
        rir = math.floor(10 - effort + 0.5)
    return StrengthSet(
        exercise_id=reading.exercise_id(name),
        reps=int(reps_n) if reps_n is not None and reps_n >= 0 else 0,
        load_kg=load,
        rir=rir,
        source_name=name,
        duration_s=duration if duration else None,
    )


def _number(text: str, what: str, warn: Callable[[str], None]) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", ".")) if text.count(",") == 1 else float(text)
    except ValueError:
        warn(f"{what} {text!r} is not a number; left empty")
        return None
    return value if math.isfinite(value) else None


class _Header:
    """Column positions by (trimmed) header name."""

    def __init__(self, header: list[str]) -> None:
        self._at: dict[str, int] = {}
        for position, name in enumerate(header):
            self._at.setdefault(name.strip(), position)

    def has(self, name: str) -> bool:
        return name in self._at

    def require(self, name: str, app: str) -> None:
        if name not in self._at:
            raise FormatError(f"not a {app} export (no {name!r} column)")

    def get(self, row: list[str], name: str) -> str:
        position = self._at.get(name)
        if position is None or position >= len(row):
            return ""
        return row[position].strip()

    def first(self, row: list[str], *names: str) -> str:
        for name in names:
            if self.has(name):
                return self.get(row, name)
        return ""


def _table(data: bytes, app: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"corrupt {app} export: the text is not valid UTF-8") from exc
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(first_line))
    try:
        header = next(reader, [])
        rows = [(reader.line_num, row) for row in reader if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise FormatError(f"corrupt {app} export: {exc}") from exc
    return header, rows


def _strong_weight_column(column: _Header) -> tuple[str, bool]:
    """The weight column's name, and whether it is in pounds by its header."""
    if column.has("Weight (kg)"):
        return "Weight (kg)", False
    if column.has("Weight (lbs)"):
        return "Weight (lbs)", True
    return "Weight", False


def _minutes(text: str, *, seconds: bool) -> int | None:
    """Workout length: "1h 5min", "58min", "45m", or plain seconds."""
    if not text:
        return None
    if seconds or text.replace(".", "", 1).isdigit():
        try:
            value = float(text)
        except ValueError:
            return None
        return round(value / 60) if seconds else round(value)
    match = _DURATION.fullmatch(text.strip())
    if match is None or not any(match.groups()):
        return None
    total = int(match["h"] or 0) * 3600 + int(match["m"] or 0) * 60 + int(match["s"] or 0)
    return round(total / 60)
