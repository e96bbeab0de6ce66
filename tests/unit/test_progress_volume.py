"""Weekly running distance and strength sets, planned against done (services.progress_volume)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from stridelift.domain.activity import Activity, LiftSession, StrengthSet
from stridelift.services.athletes import StoredAthlete
from stridelift.services.logbook import History
from stridelift.services.profiles import parse_profile_text
from stridelift.services.progress_volume import VolumeWeek, weekly_volume
from stridelift.services.starter import starter_profile

TODAY = date(2026, 12, 2)  # a Wednesday
PROFILE = starter_profile("Ann", "recreational", None, "half", 180)
ANN = StoredAthlete(1, "Ann", PROFILE, parse_profile_text(PROFILE, "test"))


def _run(day: date, km: float, hour: int = 12) -> Activity:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return Activity(start_utc=start, sport="running", duration_s=3600, distance_m=km * 1000)


def _lift(day: date, sets: int) -> LiftSession:
    return LiftSession(
        day=day, sets=tuple(StrengthSet("goblet_squat", 8, 20.0) for _ in range(sets))
    )


def _history(activities: list[Activity], lifts: list[LiftSession]) -> History:
    return History(ANN, date(1970, 1, 1), TODAY, tuple(activities), tuple(lifts), ())


def _plan(*days: tuple[date, list[dict[str, object]]]) -> dict[str, object]:
    return {"weeks": [{"days": [{"date": d.isoformat(), "sessions": s} for d, s in days]}]}


def test_done_weeks_sum_runs_and_sets_and_weeks_ahead_have_no_done() -> None:
    history = _history(
        [_run(date(2026, 11, 23), 8.0), _run(date(2026, 11, 25), 12.5), _run(TODAY, 5.0)],
        [_lift(date(2026, 11, 24), 9), _lift(TODAY, 6)],
    )
    weeks = weekly_volume(
        history, None, first=date(2026, 11, 23), today=TODAY, last=date(2026, 12, 9), tz=UTC
    )
    assert weeks == (
        VolumeWeek(date(2026, 11, 23), 20.5, None, 9, None),
        VolumeWeek(date(2026, 11, 30), 5.0, None, 6, None),
        VolumeWeek(date(2026, 12, 7), None, None, None, None),
    )


def test_planned_weeks_count_run_distance_and_strength_and_core_sets() -> None:
    strength = {"kind": "strength", "exercises": [{"sets": 3}, {"sets": 2}]}
    core = {"kind": "core", "exercises": [{"sets": 2}]}
    plan = _plan(
        (TODAY, [{"kind": "run", "distance_km": 6.6}, strength]),
        (date(2026, 12, 8), [core, {"kind": "cross", "minutes": 30}]),
    )
    weeks = weekly_volume(
        _history([], []),
        plan,
        first=date(2026, 11, 30),
        today=TODAY,
        last=date(2026, 12, 8),
        tz=UTC,
    )
    assert weeks == (
        VolumeWeek(date(2026, 11, 30), 0.0, 6.6, 0, 5),
        VolumeWeek(date(2026, 12, 7), None, 0.0, None, 2),
    )


def test_a_run_counts_in_the_week_of_its_local_day() -> None:
    # 23:30 UTC on Sunday is Monday in UTC+2: next week's run.
    late = _run(date(2026, 11, 29), 10.0, hour=23)
    history = _history([late], [])
    east = timezone(timedelta(hours=2))
    weeks = weekly_volume(history, None, first=date(2026, 11, 23), today=TODAY, last=TODAY, tz=east)
    assert [w.run_km_done for w in weeks] == [0.0, 10.0]
