"""After a race the plan recovers by the race's distance (RUN-13), as a coach would.

Each test is one of the faults a coach found in generated plans, or one case the rule names:
the day after a marathon, strength after an 80K, the weeks after a 5K, a B race inside a
block, and a plan made days after a marathon. Every plan here also breaks no rule.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.rules import validate
from stridelift.methodologies import default_methodology, load_library

QUALITY = {"quality", "intervals", "tempo", "race_pace"}
Doc = dict[str, Any]


def _plan(today: date, weeks: int | None, races: list[Doc], **extra: Any) -> Doc:
    profile: Doc = {
        "name": "Rae", "level": "intermediate", "body_mass_kg": 62, "weekly_run_minutes": 300,
        "equipment": ["gym"], "session_minutes": 45, "long_run_day": "sun", "races": races,
    }  # fmt: skip
    profile.update(extra)
    doc: Doc = plan(
        athlete_from_mapping(profile), today, default_methodology(), load_library(), weeks
    )
    assert validate(doc) == [], [str(v) for v in validate(doc)]
    return doc


def _days(doc: Doc) -> dict[date, list[Doc]]:
    return {date.fromisoformat(d["date"]): d["sessions"] for w in doc["weeks"] for d in w["days"]}


def _lifts(sessions: list[Doc]) -> list[Doc]:
    return [s for s in sessions if s["kind"] == "strength" and s.get("template") != "mobility"]


def _after(doc: Doc, race: date, first: int, last: int) -> list[list[Doc]]:
    days = _days(doc)
    return [days[race + timedelta(days=k)] for k in range(first, last + 1)]


def _first_lift_from(doc: Doc, day: date) -> Doc:
    days = _days(doc)
    return next(s for d in sorted(days) if d >= day for s in _lifts(days[d]))


def _week_of(doc: Doc, day: date) -> Doc:
    monday = (day - timedelta(days=day.weekday())).isoformat()
    return next(w for w in doc["weeks"] if w["start"] == monday)


def _runs(week: Doc) -> list[Doc]:
    return [s for d in week["days"] for s in d["sessions"] if s["kind"] == "run"]


def test_the_day_after_a_marathon_is_rest_and_its_week_has_no_leg_session_and_fewer_runs() -> None:
    # The coach's fault: a 35-min run and a 45-min leg session the day after, six runs.
    race = date(2027, 3, 7)  # a Sunday
    doc = _plan(
        date(2027, 2, 22), 6,
        [{"name": "City Marathon", "date": race.isoformat(), "distance": "marathon"}],
        level="advanced", weekly_run_minutes=425, long_run_day="sat",
    )  # fmt: skip
    assert _after(doc, race, 1, 1) == [[]]
    assert not any(_lifts(day) for day in _after(doc, race, 1, 7))
    week = _week_of(doc, race + timedelta(days=1))
    assert len(_runs(week)) <= 4
    assert 0.30 * 425 <= week["run_minutes"] <= 0.50 * 425
    assert any("RUN-13" in n["message"] for n in doc["notices"] if n["week"] == week["index"])


def test_strength_waits_ten_days_after_an_80k_and_comes_back_light() -> None:
    race = date(2027, 3, 6)  # a Saturday
    doc = _plan(
        date(2027, 2, 22), 6,
        [{"name": "Ridge 80", "date": race.isoformat(), "distance": "ultra", "distance_km": 80}],
        level="ultra", weekly_run_minutes=425, long_run_day="sat",
    )  # fmt: skip
    assert not any(_lifts(day) for day in _after(doc, race, 1, 10))
    first = _first_lift_from(doc, race + timedelta(days=11))
    assert "RUN-13" in first["reasons"]
    assert not first["heavy_lower"] and max(e["rpe"] for e in first["exercises"]) <= 6
    quality = [s for day in _after(doc, race, 1, 28) for s in day if s.get("run_type") in QUALITY]
    assert quality == []


def test_the_weeks_after_a_5k_stay_near_the_usual_volume() -> None:
    # The coach's fault: only two 40-minute weeks after a 5K (half the usual 240 min).
    race = date(2027, 3, 13)
    doc = _plan(
        date(2026, 11, 23), None,
        [{"name": "Parkrun Champs", "date": race.isoformat(), "distance": "5k"}],
        weekly_run_minutes=240,
    )  # fmt: skip
    recovery = [w for w in doc["weeks"] if w["phase"] == "recovery"]
    assert len(recovery) == 2
    assert all(w["run_minutes"] >= 0.70 * 240 for w in recovery)
    assert not any(_lifts(day) for day in _after(doc, race, 1, 2))


def test_a_b_10k_in_the_block_keeps_strength_two_days_and_quality_six_days_away() -> None:
    race = date(2027, 1, 9)  # a Saturday in the strength phase of a marathon block
    doc = _plan(
        date(2026, 11, 23), 12,
        [
            {"name": "Spring Marathon", "date": "2027-03-14", "distance": "marathon"},
            {"name": "Turkey Trot", "date": race.isoformat(), "distance": "10k",
             "priority": "B"},
        ],
    )  # fmt: skip
    assert _week_of(doc, race)["phase"] == "strength"
    assert not any(_lifts(day) for day in _after(doc, race, 1, 2))
    assert not any(s.get("run_type") in QUALITY for day in _after(doc, race, 1, 6) for s in day)
    first = _first_lift_from(doc, race + timedelta(days=3))
    assert "RUN-13" in first["reasons"] and not first["heavy_lower"]
    assert max(e["rpe"] for e in first["exercises"]) <= 6
    assert "light" in first["title"]
    # Only the first session back is light: the strength phase's next one is heavy again.
    days = _days(doc)
    later = [s for d in sorted(days) if d > race + timedelta(days=3) for s in _lifts(days[d])]
    assert any(s["heavy_lower"] for s in later[:3])


def test_a_plan_made_three_days_after_a_marathon_keeps_its_recovery() -> None:
    race = date(2027, 3, 7)
    doc = _plan(
        race + timedelta(days=3), 6,
        [{"name": "City Marathon", "date": race.isoformat(), "distance": "marathon"}],
    )  # fmt: skip
    assert [w["phase"] for w in doc["weeks"][:2]] == ["recovery", "recovery"]
    assert not any(_lifts(day) for day in _after(doc, race, 3, 7))
    first = _first_lift_from(doc, race + timedelta(days=8))
    assert "RUN-13" in first["reasons"]
    quality = [s for day in _after(doc, race, 3, 26) for s in day if s.get("run_type") in QUALITY]
    assert quality == []
    whole_week = doc["weeks"][1]  # the first recovery week is begun; the second is whole
    assert whole_week["run_minutes"] <= 0.80 * 300


def test_the_day_after_a_b_half_is_rest_even_for_a_runner_who_runs_daily() -> None:
    race = date(2027, 1, 9)  # a Saturday; the long run's Sunday would follow it
    doc = _plan(
        date(2026, 11, 23), 12,
        [
            {"name": "Spring Marathon", "date": "2027-03-14", "distance": "marathon"},
            {"name": "Winter Half", "date": race.isoformat(), "distance": "half",
             "priority": "B"},
        ],
        level="advanced", weekly_run_minutes=425,
    )  # fmt: skip
    assert _after(doc, race, 1, 1) == [[]]
    assert not any(_lifts(day) for day in _after(doc, race, 1, 4))
