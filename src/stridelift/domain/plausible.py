"""Plausibility bounds for what an athlete did: one set for hand logging and every importer.

A value outside them is a typo or a broken file (a 49.7-day run, 65,534 reps, a run dated
a century ahead), and would throw the training load off for months: hand logging refuses
it, an import skips the session and says why.
"""

from __future__ import annotations

from datetime import date, timedelta

from stridelift.domain.activity import Activity, LiftSession, StrengthSet
from stridelift.domain.calendar import EARLIEST

DURATION_MIN_MAX = 24 * 60  # one session: a day at most
DISTANCE_KM_MAX = 500.0
HEART_RATE_BPM = (30.0, 250.0)
RPE = (1.0, 10.0)
REPS_MAX = 100  # in one set
LOAD_KG_MAX = 600.0  # on the bar, above the world records of every lift we log
HOLD_S_MAX = 3600.0  # a timed hold
CARRY_M_MAX = 1000.0  # one carry set: a loaded walk, not a run
LIFT_MINUTES_MAX = 600
# An import may be a day ahead of the local date: the clock of the device in another zone.
FUTURE_DAYS = 1


def _outside(what: str, value: float | None, lo: float, hi: float, unit: str) -> str | None:
    if value is None or lo <= value <= hi:
        return None
    return f"{what} {value:g}{unit} (expected {lo:g}-{hi:g}{unit})"


def day_problem(day: date, today: date) -> str | None:
    """Why ``day`` is not a day a session could have happened on, or None."""
    if day > today + timedelta(days=FUTURE_DAYS):
        return f"dated {day.isoformat()}, in the future"
    if day < EARLIEST:
        return f"dated {day.isoformat()}, before {EARLIEST.isoformat()}"
    return None


def set_problem(s: StrengthSet) -> str | None:
    """Why a strength set is implausible, or None."""
    checks = (
        _outside("reps", s.reps, 0, REPS_MAX, ""),
        _outside("load", s.load_kg, 0, LOAD_KG_MAX, " kg"),
        _outside("hold", s.duration_s, 0, HOLD_S_MAX, " s"),
        _outside("carry", s.distance_m, 0, CARRY_M_MAX, " m"),
        _outside("reps in reserve", s.rir, 0, 10, ""),
        _outside("pain", s.pain, 0, 10, ""),
    )
    return next((c for c in checks if c is not None), None)


def activity_problem(a: Activity, today: date) -> str | None:
    """Why an activity is implausible (the first reason found), or None."""
    hours = a.duration_s / 3600
    km = None if a.distance_m is None else a.distance_m / 1000
    checks = [
        day_problem(a.start_utc.date(), today),
        None
        if 0 <= a.duration_s <= DURATION_MIN_MAX * 60
        else f"duration {hours:g} h (expected up to {DURATION_MIN_MAX // 60} h)",
        _outside("distance", km, 0, DISTANCE_KM_MAX, " km"),
        _outside("average heart rate", a.avg_hr, *HEART_RATE_BPM, " bpm"),
        _outside("maximum heart rate", a.max_hr, *HEART_RATE_BPM, " bpm"),
        _outside("RPE", a.rpe, *RPE, ""),
        *(set_problem(s) for s in a.sets),
    ]
    return next((c for c in checks if c is not None), None)


def lift_problem(lift: LiftSession, today: date) -> str | None:
    """Why a strength session is implausible (the first reason found), or None."""
    checks = [
        day_problem(lift.day, today),
        _outside("minutes", lift.minutes, 0, LIFT_MINUTES_MAX, ""),
        _outside("RPE", lift.rpe, *RPE, ""),
        *(set_problem(s) for s in lift.sets),
    ]
    return next((c for c in checks if c is not None), None)
