"""The sample weeks of COACHING_RULES.md section 10 come out of the planner."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.rules import validate
from stridelift.methodologies import default_methodology, load_library

TODAY = date(2026, 11, 23)  # a Monday


def _avail(**days: tuple[bool, bool]) -> dict[str, Any]:
    return {d: {"run": r, "strength": s, "minutes": 180} for d, (r, s) in days.items()}


def _week(profile: dict[str, Any]) -> tuple[dict[str, Any], list[list[str]]]:
    doc = plan(athlete_from_mapping(profile), TODAY, default_methodology(), load_library(), 4)
    assert validate(doc) == []
    week = doc["weeks"][0]
    out = []
    for day in week["days"]:
        items = []
        for s in day["sessions"]:
            if s["kind"] == "run":
                items.append(f"{s['run_type']} {s['minutes']}")
            elif s["kind"] == "strength":
                items.append(f"strength {s['minutes']} {s['slot']}")
        out.append(items)
    return week, out


def test_the_beginner_week_runs_four_days_around_two_separate_strength_days() -> None:
    profile = {
        "name": "Bea", "level": "beginner", "body_mass_kg": 60, "weekly_run_minutes": 105,
        "equipment": ["dumbbells", "bands", "mat"], "session_minutes": 30, "long_run_day": "sat",
        "availability": _avail(mon=(False, False), tue=(True, False), wed=(False, True),
                               thu=(True, False), fri=(False, True), sat=(True, False),
                               sun=(False, False)),
    }  # fmt: skip
    week, days = _week(profile)
    assert week["phase"] == "general"
    assert days == [
        [],
        ["easy 30"],
        ["strength 30 any"],
        ["easy 30"],
        ["strength 30 any"],
        ["long 45"],
        [],
    ]


def test_the_advanced_week_runs_daily_with_strength_on_monday_and_thursday() -> None:
    race = (TODAY + timedelta(weeks=4, days=6)).isoformat()
    profile = {
        "name": "Ada", "level": "advanced", "body_mass_kg": 62, "weekly_run_minutes": 425,
        "equipment": ["gym"], "session_minutes": 45, "long_run_day": "sat",
        "races": [{"name": "Spring Marathon", "date": race, "distance": "marathon"}],
    }  # fmt: skip
    week, days = _week(profile)
    assert week["phase"] == "race_specific"
    assert days[0] == ["easy 45", "strength 45 pm"]
    assert days[1][0].split()[1] == "70" and days[3][0].split()[1] == "70"
    assert days[3][1] == "strength 45 pm"
    assert days[2] == ["easy 50"] and days[4] == ["easy 40"]
    assert days[5] == ["long 120"] and days[6] == ["recovery 30"]
