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
