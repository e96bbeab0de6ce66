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


def test_the_intermediate_week_stacks_strength_on_a_quality_day_and_an_easy_day() -> None:
    race = (TODAY + timedelta(weeks=4, days=6)).isoformat()
    profile = {
        "name": "Ivy", "level": "intermediate", "body_mass_kg": 65, "weekly_run_minutes": 265,
        "equipment": ["gym"], "session_minutes": 40, "long_run_day": "sat",
        "availability": _avail(mon=(False, False), tue=(True, True), wed=(True, True),
                               thu=(True, True), fri=(True, True), sat=(True, True),
                               sun=(True, True)),
        "races": [{"name": "Spring Marathon", "date": race, "distance": "marathon"}],
    }  # fmt: skip
    week, days = _week(profile)
    assert week["phase"] == "race_specific"
    assert days[0] == [] and days[6] == []
    tue_run, tue_lift = days[1]
    assert tue_run.split()[1] == "50" and tue_run.split()[0] != "easy"
    assert tue_lift == "strength 40 pm"
    assert days[2] == ["easy 40"]
    assert days[3][0].split()[1] == "50" and days[3][0].split()[0] != "easy"
    assert days[4] == ["easy 35", "strength 40 pm"]
    assert days[5] == ["long 90"]


def test_the_s4_week_lifts_on_easy_days_around_one_quality_run_and_a_sunday_long_run() -> None:
    race = (TODAY + timedelta(weeks=16, days=6)).isoformat()
    profile = {
        "name": "Sam", "level": "intermediate", "body_mass_kg": 70, "weekly_run_minutes": 250,
        "equipment": ["gym"], "session_minutes": 45, "long_run_day": "sun",
        "strategy": "easy_days",
        "availability": _avail(mon=(True, True), tue=(True, True), wed=(False, False),
                               thu=(True, True), fri=(False, False), sat=(True, True),
                               sun=(True, True)),
        "races": [{"name": "Autumn Marathon", "date": race, "distance": "marathon"}],
    }  # fmt: skip
    week, days = _week(profile)
    templates = [
        s["template"] for d in week["days"] for s in d["sessions"] if s["kind"] == "strength"
    ]
    assert templates == ["A", "B"]
    assert days[0][0].startswith("easy") and days[0][1].startswith("strength 45")
    assert days[1][0].split()[0] in ("tempo", "quality", "intervals")
    assert days[2] == [] and days[4] == []
    assert days[3][0].startswith("easy") and days[3][1].startswith("strength 45")
    assert days[5][0].startswith("easy")
    assert days[6][0].startswith("long")
