"""PLACE-10 and RUN-14: where the planner puts strength around races and short days.

Each test starts from a fault a coach found in a generated plan.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.rules import RULES, validate
from stridelift.domain.running import RunSpec
from stridelift.domain.schedule import DaySlot, LiftSpec, WeekInput, solve_week
from stridelift.methodologies import default_methodology, load_library

MONDAY = date(2026, 11, 23)


def _plan(profile: dict[str, Any], weeks: int) -> dict[str, Any]:
    return plan(athlete_from_mapping(profile), MONDAY, default_methodology(), load_library(), weeks)


def _days(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {d["date"]: d["sessions"] for w in doc["weeks"] for d in w["days"]}


def _lifts(sessions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for s in sessions if s["kind"] == "strength" and s["template"] != "mobility"]


def _before(day: date, k: int) -> str:
    return (day - timedelta(days=k)).isoformat()


# --- PLACE-10 ---------------------------------------------------------------------------


@pytest.mark.parametrize("weekday", range(7))
def test_no_leg_session_the_evening_before_a_b_race_nor_heavy_legs_the_days_before(
    weekday: int,
) -> None:
    # The coach's case: front squats, step-ups and RDLs the evening before a 10K B race,
    # in the strength phase of a marathon block.
    ten_k = MONDAY + timedelta(weeks=7, days=weekday)
    profile = {
        "name": "Rui", "level": "intermediate", "body_mass_kg": 70, "weekly_run_minutes": 240,
        "equipment": ["gym"], "session_minutes": 45, "long_run_day": "sun",
        "races": [
            {"name": "Spring Marathon", "date": (MONDAY + timedelta(weeks=17, days=6)).isoformat(),
             "distance": "marathon"},
            {"name": "Town 10K", "date": ten_k.isoformat(), "distance": "10k", "priority": "B"},
        ],
    }  # fmt: skip
    doc = _plan(profile, 10)
    days = _days(doc)
    assert _lifts(days[_before(ten_k, 1)]) == []
    for k in (2, 3):
        assert not any(s["heavy_lower"] for s in _lifts(days[_before(ten_k, k)])), k
    # Strength is not simply thrown away: the race's week still lifts.
    week = next(w for w in doc["weeks"] if w["start"] <= ten_k.isoformat() <= w["days"][6]["date"])
    assert any(_lifts(d["sessions"]) for d in week["days"])
    assert validate(doc) == []


@pytest.mark.parametrize("weekday", [0, 2, 4])
def test_the_ten_days_before_an_a_race_hold_no_heavy_legs(weekday: int) -> None:
    race = MONDAY + timedelta(weeks=15, days=weekday)
    profile = {
        "name": "Ana", "level": "intermediate", "body_mass_kg": 60, "weekly_run_minutes": 240,
        "equipment": ["gym"], "session_minutes": 45, "long_run_day": "sat",
        "races": [{"name": "Spring Half", "date": race.isoformat(), "distance": "half"}],
    }  # fmt: skip
    doc = _plan(profile, 17)
    days = _days(doc)
    for k in range(1, 11):
        assert not any(s["heavy_lower"] for s in _lifts(days[_before(race, k)])), k
    assert _lifts(days[_before(race, 1)]) == []
    assert validate(doc) == []


def test_a_heavy_session_without_a_light_variant_is_left_out_rather_than_lifted_before_a_race() -> (
    None
):
    # Strength is open only on Thursday and Friday; a B race on Saturday. Friday is the
    # race's eve, Thursday within its 3 heavy-free days: the heavy session has no lawful day.
    days = tuple(DaySlot(True, d in (3, 4), 120) for d in range(7))
    race = RunSpec("race", 40, fixed_day=5)
    lift = LiftSpec("A", 45, heavy=True, has_light=False)
    spec = WeekInput(
        days=days, runs=(race,), lifts=(lift,), cross_minutes=0, strategy="auto",
        level="intermediate", off_season=False, preferred_quality_days=(1, 3),
        races_ahead=((5, "B"),),
    )  # fmt: skip
    rules = [RULES[r] for r in ("PLACE-10",)]
    assert solve_week(spec, rules).lift_days == (None,)
    light = replace(lift, has_light=True)
    placed = solve_week(replace(spec, lifts=(light,)), rules)
    assert placed.lift_days == (3,) and placed.lift_light == (True,)


# --- RUN-14 -----------------------------------------------------------------------------

OFF = {"run": False, "strength": False, "minutes": 0}


def _two_short_weekdays() -> dict[str, Any]:
    """The coach's case: a 200-min/week runner with 90 minutes on Tuesday and Thursday."""
    return {
        "name": "Tom", "level": "intermediate", "body_mass_kg": 70, "weekly_run_minutes": 200,
        "equipment": ["gym"], "session_minutes": 45, "long_run_day": "thu",
        "availability": {"mon": OFF, "tue": {"minutes": 90}, "wed": OFF, "thu": {"minutes": 90},
                         "fri": OFF, "sat": OFF, "sun": OFF},
        "races": [{"name": "City 10K", "date": "2027-03-14", "distance": "10k"}],
    }  # fmt: skip


def test_a_runner_with_two_short_weekdays_keeps_both_runs_and_the_lift_gives_way() -> None:
    doc = _plan(_two_short_weekdays(), 8)
    for w in doc["weeks"]:
        runs = [s for d in w["days"] for s in d["sessions"] if s["kind"] == "run"]
        assert len(runs) == 2, w["index"]
        assert "runs_left_out" not in w
    # Where a full session and the run do not fit one day, the session is shortened and
    # the athlete is told so.
    shortened = [n for n in doc["notices"] if n["rule"] == "RUN-14"]
    assert shortened and "shortened to 30 min" in shortened[0]["message"]
    first_week = doc["weeks"][0]["days"]
    assert any(s["minutes"] == 30 for d in first_week for s in _lifts(d["sessions"]))
    assert validate(doc) == []


def _one_day_for_a_run_or_a_lift(off_season: bool) -> WeekInput:
    # Monday holds 60 minutes: the 40-min easy run or the 45-min session (not shortened
    # below 45), never both.
    days = (DaySlot(True, True, 60),) + (DaySlot(False, False, 0),) * 6
    return WeekInput(
        days=days, runs=(RunSpec("easy", 40),), lifts=(LiftSpec("A", 45, False, False),),
        cross_minutes=0, strategy="auto", level="advanced", off_season=off_season,
        preferred_quality_days=(1, 3),
    )  # fmt: skip


def test_the_run_keeps_the_day_and_the_lift_is_left_out_in_a_training_week() -> None:
    placed = solve_week(_one_day_for_a_run_or_a_lift(False), [])
    assert placed.run_days == (0,) and placed.lift_days == (None,)


def test_the_off_season_keeps_the_lift_instead() -> None:
    placed = solve_week(_one_day_for_a_run_or_a_lift(True), [])
    assert placed.run_days == (None,) and placed.lift_days == (0,)


def test_a_lift_shortens_rather_than_leave_the_run_out() -> None:
    spec = _one_day_for_a_run_or_a_lift(False)
    spec = replace(spec, lifts=(LiftSpec("A", 45, False, False, short_minutes=20),))
    placed = solve_week(spec, [])
    assert placed.run_days == (0,) and placed.lift_days == (0,) and placed.lift_short == (True,)
