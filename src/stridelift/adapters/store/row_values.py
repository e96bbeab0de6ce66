"""Rows to domain values and back: activities, lift sessions and their sets, check-ins
(the conversions the logbook's repository reads and writes with)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from stridelift.adapters.store.tables import ActivityRow, CheckInRow, StrengthSetRow
from stridelift.domain.activity import Activity, CheckIn, LiftSession, PainReport, StrengthSet
from stridelift.domain.efforts import Effort


def lift_session_fingerprint(session: LiftSession) -> str:
    """A stable hash of a lift session's day, template and sets (finds re-imported workouts)."""
    content = {
        "day": session.day.isoformat(),
        "template": session.template,
        "sets": [
            # A carry's metres only when given, so sets logged before 0003 keep their hash.
            [s.exercise_id, s.source_name, s.reps, s.load_kg, s.rir, s.duration_s]
            + ([s.distance_m] if s.distance_m is not None else [])
            for s in session.sets
        ],
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def set_row(position: int, value: StrengthSet) -> StrengthSetRow:
    return StrengthSetRow(
        position=position,
        exercise_id=value.exercise_id,
        source_name=value.source_name,
        reps=value.reps,
        load_kg=value.load_kg,
        rir=value.rir,
        technique_breakdown=value.technique_breakdown,
        pain=value.pain,
        pain_side=value.pain_side,
        pain_area=value.pain_area,
        duration_s=value.duration_s,
        distance_m=value.distance_m,
    )


def set_value(row: StrengthSetRow) -> StrengthSet:
    return StrengthSet(
        exercise_id=row.exercise_id,
        reps=row.reps,
        load_kg=row.load_kg,
        rir=row.rir,
        source_name=row.source_name,
        technique_breakdown=row.technique_breakdown,
        pain=row.pain,
        pain_side=row.pain_side,
        pain_area=row.pain_area,
        duration_s=row.duration_s,
        distance_m=row.distance_m,
    )


# Columns of a set as read by the range queries (Core rows: far cheaper than ORM objects
# when a history of months is read at once), in the order of StrengthSet's fields: the
# round-trip tests of test_store.py fail if the two orders ever part.
SET_COLUMNS = (
    StrengthSetRow.exercise_id,
    StrengthSetRow.reps,
    StrengthSetRow.load_kg,
    StrengthSetRow.rir,
    StrengthSetRow.source_name,
    StrengthSetRow.technique_breakdown,
    StrengthSetRow.pain,
    StrengthSetRow.pain_side,
    StrengthSetRow.pain_area,
    StrengthSetRow.duration_s,
    StrengthSetRow.distance_m,
)


def set_from_columns(row: Any) -> StrengthSet:
    """A set from a row of (parent id, *SET_COLUMNS)."""
    return StrengthSet(*row[1:])


def activity_value(row: ActivityRow) -> Activity:
    return Activity(
        start_utc=row.start_utc,
        sport=row.sport,
        duration_s=row.duration_s,
        sub_sport=row.sub_sport,
        moving_s=row.moving_s,
        distance_m=row.distance_m,
        avg_hr=row.avg_hr,
        max_hr=row.max_hr,
        elevation_gain_m=row.elevation_gain_m,
        name=row.name,
        run_type=row.run_type,
        rpe=row.rpe,
        notes=row.notes,
        source=row.source,
        source_file=row.source_file,
        file_sha256=row.file_sha256,
        sets=tuple(set_value(s) for s in row.sets),
        efforts=tuple(Effort(e.distance_m, e.time_s, e.start_s) for e in row.efforts),
    )


def checkin_value(row: CheckInRow) -> CheckIn:
    return CheckIn(
        day=row.day,
        sleep_hours=row.sleep_hours,
        sleep_quality=row.sleep_quality,
        soreness=row.soreness,
        fatigue=row.fatigue,
        stress=row.stress,
        mood=row.mood,
        motivation=row.motivation,
        pain=tuple(PainReport(area=p.area, level=p.level, side=p.side) for p in row.pain),
        ill=row.ill,
        cycle_note=row.cycle_note,
    )
