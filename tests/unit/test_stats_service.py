"""The stats use case on in-memory histories and plans: no database, no clock (RUN-6, RUN-7)."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from stridelift.adapters.store.repository import PlanSnapshot
from stridelift.domain import load
from stridelift.domain.activity import Activity, LiftSession, StrengthSet
from stridelift.domain.plan import plan
from stridelift.errors import UsageError
from stridelift.methodologies import default_methodology, load_library, parse_methodology
from stridelift.services.athletes import StoredAthlete
from stridelift.services.logbook import History
from stridelift.services.profiles import parse_profile_text
from stridelift.services.stats import ComplianceStats, compute_stats, stats_document
from stridelift.services.stats_forecast import forecast_plan, planned_sessions, target_race
from stridelift.services.stats_sessions import session_log, sessions_from_history

M = default_methodology()
RPE = M.planned_rpe
MONDAY = date(2026, 9, 7)
SUNDAY = MONDAY + timedelta(days=6)
PROFILE = """\
name = "Ann"
level = "recreational"
units = "metric"
body_mass_kg = 62
weekly_run_minutes = 240
session_minutes = 40
"""
RACE = """
[[races]]
name = "Autumn Half"
date = "{day}"
distance = "half"
priority = "A"
"""


def _athlete(races: str = "") -> StoredAthlete:
    text = PROFILE + races
    return StoredAthlete(1, "Ann", text, parse_profile_text(text, "test profile"))


def _run(day: date, minutes: float, rpe: float | None = None, **kw: Any) -> Activity:
    start = datetime.combine(day, time(12), tzinfo=UTC)
    return Activity(start_utc=start, sport="running", duration_s=minutes * 60, rpe=rpe, **kw)


def _history(
    activities: tuple[Activity, ...] = (),
    lifts: tuple[LiftSession, ...] = (),
    athlete: StoredAthlete | None = None,
) -> History:
    who = athlete or _athlete()
    return History(who, date(1970, 1, 1), SUNDAY, activities, lifts, ())


def _doc(days: dict[date, list[dict[str, Any]]], first: date = MONDAY, weeks: int = 1) -> str:
    """A plan document with just the PLAN_SCHEMA fields the statistics read."""
    out = []
    for w in range(weeks):
        start = first + timedelta(days=7 * w)
        dates = [start + timedelta(days=i) for i in range(7)]
        out.append({
            "index": w + 1, "start": start.isoformat(),
            "days": [{"date": d.isoformat(), "sessions": days.get(d, [])} for d in dates],
        })  # fmt: skip
    return json.dumps({"schema": "stridelift.plan/1", "weeks": out})


def _snapshot(text: str, made: date = MONDAY) -> PlanSnapshot:
    return PlanSnapshot(1, 1, datetime(2026, 9, 7, tzinfo=UTC), made, "0" * 64, text)


# Sessions and their RPE ---------------------------------------------------------


def test_a_session_is_dated_by_the_athletes_local_day_with_or_without_daylight_saving() -> None:
    late = Activity(datetime(2026, 9, 7, 22, 30, tzinfo=UTC), "running", 1800.0, rpe=4)
    history = _history((late,))
    assert [s.day for s in sessions_from_history(history, M, UTC)] == [date(2026, 9, 7)]
    for zone in (timezone(timedelta(hours=3)), ZoneInfo("Europe/Helsinki")):
        assert [s.day for s in sessions_from_history(history, M, zone)] == [date(2026, 9, 8)]


def test_a_missing_rpe_comes_from_rir_then_run_type_then_the_athletes_mean_then_defaults() -> None:
    lifts = (
        LiftSession(MONDAY, (StrengthSet("split_squat", 8, 20.0, rir=2),
                             StrengthSet("split_squat", 8, 20.0, rir=4)), minutes=30),
        LiftSession(MONDAY, (StrengthSet("push_up", 12),), minutes=20),  # no RPE, no RIR
    )  # fmt: skip
    runs = (
        _run(MONDAY, 40, rpe=6),
        _run(MONDAY, 60, run_type="long"),
        _run(MONDAY, 30),  # no run type
        Activity(datetime(2026, 9, 8, 12, tzinfo=UTC), "cycling", 3600.0),
    )
    found = {(s.kind, s.minutes): s for s in sessions_from_history(_history(runs, lifts), M)}
    assert (found["strength", 30].rpe, found["strength", 30].rpe_from) == (7.0, "rir")  # 8 and 6
    assert (found["run", 60].rpe, found["run", 60].rpe_from) == (RPE["long"], "run_type")
    assert (found["run", 30].rpe, found["run", 30].rpe_from) == (6.0, "athlete_mean")
    assert (found["run", 40].rpe, found["run", 40].rpe_from) == (6.0, "logged")
    assert (found["strength", 20].rpe, found["strength", 20].rpe_from) == (
        RPE["strength"],
        "methodology",
    )
    assert (found["cross", 60].rpe, found["cross", 60].rpe_from) == (RPE["cross"], "methodology")


def test_a_lift_without_minutes_takes_the_profiles_session_length_and_is_counted() -> None:
    lift = LiftSession(MONDAY, (StrengthSet("push_up", 10),), rpe=5)
    stats = compute_stats(_history(lifts=(lift,)), today=SUNDAY, weeks=1, methodology=M)
    assert stats.weeks[0].load == 5 * 40
    assert stats.in_window.minutes_estimated == 1
    assert stats.in_window.rpe_estimated == 0


def test_rpe_from_many_rirs_matches_the_one_set_rule() -> None:
    rirs = [0, 1, 2, 3, 9, 12]
    assert load.rpe_from_rirs(rirs).tolist() == [load.rpe_from_rir(r) for r in rirs]
    with pytest.raises(load.LoadError):
        load.rpe_from_rirs([math.nan])


# Weekly figures -------------------------------------------------------------------


def test_weekly_load_splits_by_kind_and_the_current_week_ends_today() -> None:
    runs = tuple(_run(MONDAY + timedelta(days=d), 40, rpe=5) for d in (0, 2, 4))
    lift = LiftSession(MONDAY + timedelta(days=1), (StrengthSet("push_up", 10),), minutes=30, rpe=6)
    today = MONDAY + timedelta(days=9)  # Wednesday of the next week
    stats = compute_stats(_history(runs, (lift,)), today=today, weeks=3, methodology=M)
    assert [w.start for w in stats.weeks] == [
        MONDAY - timedelta(days=7),
        MONDAY,
        SUNDAY + timedelta(days=1),
    ]
    assert stats.weeks[-1].end == today
    week = stats.weeks[1]
    assert (week.load, week.load_by_kind) == (
        780.0,
        {"run": 600.0, "strength": 180.0, "cross": 0.0},
    )
    assert (week.sessions, week.runs, week.run_minutes) == (4, 3, 120.0)
    assert stats.weeks[0].load == stats.weeks[2].load == 0.0


def test_ratios_are_missing_until_four_weeks_of_history_then_describe_the_load() -> None:
    start = MONDAY - timedelta(days=35)
    runs = tuple(_run(start + timedelta(days=d), 30, rpe=4) for d in range(42))
    stats = compute_stats(_history(runs), today=SUNDAY, weeks=6, methodology=M)
    assert stats.weeks[0].acwr_rolling is None  # only 7 days of history by then
    assert stats.weeks[-1].acwr_rolling == pytest.approx(1.0)  # the same load every day
    assert stats.weeks[-1].acwr_ewma == pytest.approx(1.0)
    assert stats.weeks[-1].monotony is None  # flat week: monotony undefined, never infinite
    assert stats.weeks[-1].fitness < stats.weeks[-1].fatigue <= 120.0


def test_a_weeks_ratios_do_not_depend_on_how_many_weeks_are_shown() -> None:
    # Five weeks of history, uneven days: a longer window only adds empty weeks before it.
    start = MONDAY - timedelta(days=28)
    runs = tuple(_run(start + timedelta(days=d), 20 + 7 * (d % 3), rpe=5) for d in range(35))
    short = compute_stats(_history(runs), today=SUNDAY, weeks=5, methodology=M)
    long = compute_stats(_history(runs), today=SUNDAY, weeks=12, methodology=M)
    for a, b in zip(short.weeks, long.weeks[-5:], strict=True):
        assert (a.acwr_ewma, a.acwr_rolling) == (b.acwr_ewma, b.acwr_rolling)
    assert long.weeks[-1].acwr_ewma is not None
    assert all(w.acwr_ewma is None and w.acwr_rolling is None for w in long.weeks[:7])


def test_run_distance_is_summed_per_week_in_km() -> None:
    runs = (_run(MONDAY, 40, rpe=4, distance_m=8000.0), _run(MONDAY, 50, rpe=4, distance_m=10500.0))
    stats = compute_stats(_history(runs), today=SUNDAY, weeks=1, methodology=M)
    assert stats.weeks[0].run_km == pytest.approx(18.5)


def test_weeks_out_of_range_is_a_usage_error_naming_the_flag() -> None:
    for weeks in (0, 521):
        with pytest.raises(UsageError, match="--weeks"):
            compute_stats(_history(), today=SUNDAY, weeks=weeks, methodology=M)


def test_no_history_gives_zero_weeks_and_says_it_is_empty() -> None:
    stats = compute_stats(_history(), today=SUNDAY, weeks=4, methodology=M)
    assert stats.empty
    assert stats.first_day is None
    assert [w.load for w in stats.weeks] == [0.0] * 4


# Estimated 1RM ----------------------------------------------------------------------


def test_e1rm_uses_sets_of_ten_reps_or_fewer_and_flags_lifts_with_only_higher_reps() -> None:
    lift = LiftSession(MONDAY, (
        StrengthSet("trap_bar_deadlift", 5, 100.0, rir=2),
        StrengthSet("trap_bar_deadlift", 15, 80.0, rir=1),  # above 10 reps: not used
        StrengthSet("split_squat", 12, 20.0, rir=3),
    ), minutes=45)  # fmt: skip
    strength_watch = Activity(
        datetime(2026, 9, 9, 12, tzinfo=UTC), "strength_training", 1800.0,
        sets=(StrengthSet("front_squat", 3, 70.0),),
    )  # fmt: skip
    stats = compute_stats(
        _history((strength_watch,), (lift,)), today=SUNDAY, weeks=1, methodology=M
    )
    found = {e.exercise_id: e for e in stats.e1rm}
    deadlift = found["trap_bar_deadlift"]
    assert (round(deadlift.epley_kg, 1), round(deadlift.brzycki_kg, 1)) == (116.7, 112.5)
    assert (deadlift.reps, deadlift.load_kg, deadlift.weak) == (5, 100.0, False)
    assert found["split_squat"].weak and found["split_squat"].reps == 12
    assert found["front_squat"].day == date(2026, 9, 9)
    assert stats.weeks[0].load_by_kind["strength"] > 0  # the watch's strength session counts


def test_e1rm_covers_only_the_weeks_shown() -> None:
    old = LiftSession(MONDAY - timedelta(days=30), (StrengthSet("front_squat", 3, 90.0),), rpe=8)
    stats = compute_stats(_history(lifts=(old,)), today=SUNDAY, weeks=1, methodology=M)
    assert stats.e1rm == ()
    stats = compute_stats(_history(lifts=(old,)), today=SUNDAY, weeks=6, methodology=M)
    assert [e.exercise_id for e in stats.e1rm] == ["front_squat"]


# Compliance ---------------------------------------------------------------------------


def test_without_a_stored_plan_compliance_says_so_instead_of_inventing_one() -> None:
    stats = compute_stats(
        _history((_run(MONDAY, 30, rpe=3),)), today=SUNDAY, weeks=2, methodology=M
    )
    assert not stats.compliance.available
    assert "no stored plan" in stats.compliance.message
    assert all(w.planned is None for w in stats.weeks)


def test_compliance_counts_planned_done_and_extra_per_week() -> None:
    easy = {"kind": "run", "run_type": "easy", "minutes": 40}
    lift = {"kind": "strength", "template": "A", "minutes": 45, "exercises": [{"rpe": 8}]}
    core = {"kind": "core", "minutes": 10}
    days = {MONDAY: [easy, core], MONDAY + timedelta(days=2): [easy, lift],
            MONDAY + timedelta(days=4): [easy]}  # fmt: skip
    done = (
        _run(MONDAY, 40, rpe=3),
        _run(MONDAY + timedelta(days=3), 40, rpe=3),  # a day late
        _run(SUNDAY, 60, rpe=4),  # extra
    )
    stats = compute_stats(
        _history(done), today=SUNDAY, weeks=2, methodology=M, snapshot=_snapshot(_doc(days))
    )
    c = stats.compliance
    assert (c.available, c.planned, c.done, c.extra) == (True, 4, 2, 1)  # core is not counted
    assert c.ratio == 0.5
    assert stats.weeks[0].planned is None  # before the plan: not compared
    assert (stats.weeks[1].planned, stats.weeks[1].done, stats.weeks[1].extra) == (4, 2, 1)


def test_an_unreadable_or_non_covering_plan_is_reported_not_used() -> None:
    bad = compute_stats(_history(), today=SUNDAY, weeks=1, methodology=M,
                        snapshot=_snapshot("{not json"))  # fmt: skip
    assert bad.compliance == ComplianceStats(
        False, f"the plan stored on {MONDAY} could not be read", MONDAY
    )
    later = _doc({}, first=MONDAY + timedelta(days=14))
    early = compute_stats(_history(), today=SUNDAY, weeks=1, methodology=M,
                          snapshot=_snapshot(later, MONDAY + timedelta(days=14)))  # fmt: skip
    assert not early.compliance.available
    assert "does not cover these weeks" in early.compliance.message


# Planned load and the forecast -------------------------------------------------------------


def test_planned_rpe_comes_from_the_run_type_or_the_prescribed_lifting_effort() -> None:
    days = {MONDAY: [
        {"kind": "run", "run_type": "intervals", "minutes": 50},
        {"kind": "strength", "minutes": 45, "exercises": [{"rpe": 6}, {"rpe": 8}]},
        {"kind": "core", "minutes": 10, "exercises": []},
        {"kind": "cross", "activity": "bike", "minutes": 30},
    ]}  # fmt: skip
    found = planned_sessions(json.loads(_doc(days)), RPE)
    assert [(p.kind, p.rpe, p.load) for p in found] == [
        ("run", RPE["intervals"], RPE["intervals"] * 50),
        ("strength", 8.0, 360.0),
        ("core", RPE["core"], RPE["core"] * 10),
        ("cross", RPE["cross"], RPE["cross"] * 30),
    ]
    with pytest.raises(ValueError, match="not a plan document"):
        planned_sessions({"weeks": [{"days": [{"date": "soon"}]}]}, RPE)


def test_the_forecast_follows_a_stored_plan_to_race_day() -> None:
    race_day = MONDAY + timedelta(days=13)
    athlete = _athlete(RACE.format(day=race_day.isoformat()))
    hard = {"kind": "run", "run_type": "tempo", "minutes": 60}
    days = {MONDAY + timedelta(days=d): [hard] for d in range(1, 7)}
    days[race_day] = [{"kind": "run", "run_type": "race", "minutes": 100}]
    snapshot = _snapshot(_doc(days, weeks=2))
    history = _history((_run(MONDAY, 40, rpe=4),), athlete=athlete)
    chosen = forecast_plan(snapshot, athlete.athlete, MONDAY, M)
    assert chosen[1] == f"the plan stored on {MONDAY}"
    stats = compute_stats(history, today=MONDAY, weeks=1, methodology=M, snapshot=snapshot,
                          forecast_plan=chosen)  # fmt: skip
    f = stats.forecast
    assert f is not None
    assert (f.start, f.end, f.race_name) == (MONDAY + timedelta(days=1), race_day, "Autumn Half")
    assert f.planned_sessions == 7
    assert f.weeks[-1].end == race_day
    # Race-day values are the state going into the race: after the day before's load.
    today_state = load.fitness_fatigue(load.DailyLoad(MONDAY, np.array([160.0])))
    loads = np.zeros(12)
    loads[:6] = RPE["tempo"] * 60
    ahead = load.project_forward(today_state, loads)
    assert (f.fitness, f.fatigue) == pytest.approx((ahead.fitness[-1], ahead.fatigue[-1]))
    assert f.form == pytest.approx(f.fitness - f.fatigue)
    assert (f.peak_fatigue_day, f.peak_fatigue_week) == (MONDAY + timedelta(days=6), MONDAY)
    assert f.weeks[0].planned_load == 6 * RPE["tempo"] * 60


def test_without_a_covering_plan_the_forecast_plans_from_the_profile() -> None:
    race_day = date(2027, 1, 17)
    athlete = _athlete(RACE.format(day=race_day.isoformat()))
    short = _snapshot(_doc({}, weeks=1))
    doc, source = forecast_plan(short, athlete.athlete, MONDAY, M)
    assert source == f"a plan built from the profile for {MONDAY}"
    assert doc == plan(athlete.athlete, MONDAY, M, load_library())
    stats = compute_stats(_history(athlete=athlete), today=MONDAY, weeks=1, methodology=M,
                          forecast_plan=(doc, source))  # fmt: skip
    assert stats.forecast is not None and stats.forecast.end == race_day
    assert stats.forecast.peak_fatigue_week.weekday() == 0


def test_the_forecast_aims_at_the_next_a_race_and_without_one_at_the_plans_end() -> None:
    races = RACE.format(day="2026-10-18") + RACE.format(day="2026-12-06").replace(
        "Autumn Half", "Winter 10k").replace('"half"', '"10k"').replace('"A"', '"B"')  # fmt: skip
    athlete = _athlete(races)
    race = target_race(athlete.athlete, MONDAY)
    assert race is not None and race.name == "Autumn Half"
    later = target_race(athlete.athlete, date(2026, 10, 18))  # the A race is today: next one
    assert later is not None and later.name == "Winter 10k"
    assert target_race(_athlete().athlete, MONDAY) is None
    days = {MONDAY + timedelta(days=3): [{"kind": "run", "run_type": "easy", "minutes": 30}]}
    stats = compute_stats(_history(), today=MONDAY, weeks=1, methodology=M,
                          forecast_plan=(json.loads(_doc(days)), "test plan"))  # fmt: skip
    assert stats.forecast is not None
    assert (stats.forecast.end, stats.forecast.race_name) == (SUNDAY, None)


# The methodology table and the JSON document -------------------------------------------


def test_the_planned_rpe_table_names_a_bad_key_or_value() -> None:
    from stridelift.methodologies import _read_default

    text = _read_default("default.toml")
    with pytest.raises(UsageError, match=r"load\.planned_rpe\.jog: 3 is not a run type"):
        parse_methodology(text.replace("easy = 3\n", "easy = 3\njog = 3\n", 1), "coach.toml")
    with pytest.raises(UsageError, match=r"load\.planned_rpe\.race: 12 is not a number"):
        parse_methodology(text.replace("race = 9\n", "race = 12\n", 1), "coach.toml")


def test_the_json_document_has_no_nan_and_reads_back_the_same() -> None:
    runs = (_run(MONDAY, 40, rpe=5), _run(MONDAY + timedelta(days=2), 40))
    stats = compute_stats(_history(runs), today=SUNDAY, weeks=2, methodology=M)
    doc = stats_document(stats)
    text = json.dumps(doc, sort_keys=True, allow_nan=False)
    assert json.loads(text) == doc
    assert doc["schema"] == "stridelift.stats/1"
    assert doc["weeks"][0]["acwr_rolling"] is None
    assert doc["sessions"]["in_window"]["rpe_from"]["run_type"] == 0
    assert doc["sessions"]["in_window"]["rpe_from"]["athlete_mean"] == 1
    assert session_log(_history(runs), M).load.tolist() == [200.0, 200.0]
