"""CSV export: one row per session, and optionally a second file with one row per exercise.

Files are UTF-8 (no byte-order mark) with a header row and CRLF line ends (RFC 4180).
Distances and loads are in the chosen units, and the column names say which
(``distance_km`` or ``distance_mi``, ``load_kg`` or ``load_lb``). A run's structured
workout is one ``workout`` cell in words, so the file stays one row per session.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from stridelift.adapters.exporters import _text
from stridelift.adapters.exporters._base import ExportError, ExportOptions, ExportResult
from stridelift.adapters.exporters._files import write_files
from stridelift.adapters.exporters._plan import Plan, load_plan, session_times
from stridelift.domain.units import kg_to_lb, km_to_miles


def session_columns(units: str) -> list[str]:
    """Header of the sessions file."""
    distance = "distance_mi" if units == "imperial" else "distance_km"
    return [
        "date",
        "week",
        "phase",
        "kind",
        "type",
        "title",
        "minutes",
        distance,
        "slot",
        "start",
        "order",
        "key",
        "heavy_lower",
        "reasons",
        "workout",  # RUN-11, last so that columns read by position keep their place
    ]


def exercise_columns(units: str) -> list[str]:
    """Header of the exercises file."""
    load = "load_lb" if units == "imperial" else "load_kg"
    return [
        "date",
        "week",
        "kind",
        "session",
        "exercise_id",
        "exercise",
        "sets",
        "reps_min",
        "reps_max",
        "measure",
        "rpe",
        "rir",
        "rest_s",
        load,
        "load_note",
    ]


def exercises_path(out: Path) -> Path:
    """Where the exercises file goes: ``<stem>-exercises.csv`` beside ``out``."""
    return out.with_name(f"{out.stem}-exercises.csv")


def write_csv(doc: Mapping[str, Any], out: Path, options: ExportOptions) -> ExportResult:
    """Write the sessions CSV and, when the options ask for it, the exercises CSV."""
    plan = load_plan(doc, options)
    second = options.exercises_out
    if second is None and options.exercises:
        second = exercises_path(out)
    if second is not None and Path(second).resolve() == Path(out).resolve():
        raise ExportError(f"cannot write both CSV files to {out}: give the exercises another name")
    sessions = _session_rows(plan)
    files = [(out, _table(session_columns(plan.units), sessions))]
    counts = {"rows": len(sessions)}
    if second is not None:
        exercises = _exercise_rows(plan)
        files.append((Path(second), _table(exercise_columns(plan.units), exercises)))
        counts["exercise_rows"] = len(exercises)
    write_files(files)
    return ExportResult(
        format="csv",
        files=tuple(path for path, _ in files),
        weeks=len(plan.weeks),
        sessions=len(plan.sessions),
        counts=counts,
    )


def _session_rows(plan: Plan) -> list[list[str]]:
    rows = []
    for week in plan.weeks:
        for day in week.days:
            for session, start, _ in session_times(day, plan):
                distance = ""
                if session.distance_km is not None:
                    value = session.distance_km
                    distance = _decimal(km_to_miles(value) if plan.units == "imperial" else value)
                race = _text.race_on(session, plan, day.date.isoformat())
                rows.append(
                    [
                        day.date.isoformat(),
                        str(week.index),
                        week.phase,
                        session.kind,
                        _text.kind_detail(session),
                        _text.title(session, plan.units, race),
                        _text.number(session.minutes),
                        distance,
                        session.slot,
                        start.strftime("%H:%M"),
                        str(session.order),
                        _flag(session.key),
                        _flag(session.heavy_lower),
                        _text.reasons(session),
                        _text.workout(session, plan.units),  # RUN-11: the steps on one line
                    ]
                )
    return rows


def _exercise_rows(plan: Plan) -> list[list[str]]:
    rows = []
    for week in plan.weeks:
        for day in week.days:
            for session in day.sessions:
                for exercise in session.exercises:
                    load = ""
                    if exercise.load_kg is not None:
                        kg = exercise.load_kg
                        load = _decimal(kg_to_lb(kg) if plan.units == "imperial" else kg)
                    rows.append(
                        [
                            day.date.isoformat(),
                            str(week.index),
                            session.kind,
                            session.template or "",
                            exercise.id,
                            exercise.name,
                            str(exercise.sets),
                            str(exercise.reps_min),
                            str(exercise.reps_max),
                            exercise.measure,
                            _optional(exercise.rpe),
                            _optional(exercise.rir),
                            _optional(exercise.rest_s),
                            load,
                            exercise.load_note or "",
                        ]
                    )
    return rows


def _table(header: list[str], rows: Iterable[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _decimal(value: float) -> str:
    """Two decimals without trailing zeros: 7.5, 4.66, 198.42."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _optional(value: float | None) -> str:
    return "" if value is None else _text.number(value)


def _flag(value: bool | None) -> str:
    """``true``/``false`` where the field applies to the session's kind, else empty."""
    if value is None:
        return ""
    return "true" if value else "false"
