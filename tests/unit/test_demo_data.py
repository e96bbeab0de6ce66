"""The demo athlete's logs: eight weeks, the same on every run, one pain report."""

from __future__ import annotations

from datetime import date, timedelta

from stridelift.methodologies import load_library
from stridelift.services.demo_data import demo_logs, demo_profile
from stridelift.services.profiles import parse_profile_text

TODAY = date(2026, 12, 2)


def test_the_demo_logs_are_the_same_for_the_same_day() -> None:
    library = load_library()
    assert demo_logs(TODAY, library) == demo_logs(TODAY, library)


def test_the_demo_logs_cover_eight_weeks_before_today_with_one_pain_report() -> None:
    logs = demo_logs(TODAY, load_library())
    days = [c.day for c in logs.checkins]
    assert days[0] == date(2026, 11, 30) - timedelta(weeks=8)
    assert days[-1] == TODAY - timedelta(days=1)
    assert len(logs.runs) == 4 * 8 + 1  # four runs a week, and this week's Tuesday
    assert all(lift.sets for lift in logs.lifts)
    assert [p.area for c in logs.checkins for p in c.pain] == ["knee"]


def test_the_demo_profile_holds_a_marathon_ten_weeks_ahead() -> None:
    athlete = parse_profile_text(demo_profile(TODAY), "demo")
    (race,) = athlete.races
    assert race.date == TODAY + timedelta(weeks=10)
