"""The phases of a marathon block, week by week, as COACHING_RULES.md SEASON-1/SEASON-3 and
the default methodology lay them out.

The expected lists are written out from the rules, not copied from the planner:
- SEASON-1: count back 16 weeks from the A race: base 1-4, strength 5-8, race-specific
  9-12, taper 13-16, then 2 recovery weeks. The methodology ([season] block) splits the
  last taper week off as race week (S1's race-week phase): taper 13-15, race week 16.
- SEASON-4 with offseason_min_weeks = 4 "recovery weeks included": after a marathon,
  2 recovery weeks and then off-season until a month has passed.
- PROG-1..4 / RUN-2: the training weeks run in 4-week cycles whose 4th week is a deload.
- SEASON-3 with the methodology's compression_order (race week 1, taper 2, race-specific 2,
  strength 2, base 2, then taper 3, ...): 10 weeks give base 2, strength 2,
  race-specific 2, taper 3, race week 1, and the athlete is told so.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.rules import validate
from stridelift.methodologies import default_methodology, load_library

TODAY = date(2026, 11, 23)  # a Monday: week 1 starts today
TRAINING = ("base", "strength", "race_specific")

# SEASON-1 over 16 weeks, the methodology's race week as week 16, then recovery (SEASON-1)
# and off-season to a month after the race (SEASON-4).
SIXTEEN_WEEK_BLOCK = (
    ["base"] * 4 + ["strength"] * 4 + ["race_specific"] * 4 + ["taper"] * 3 + ["race_week"]
)
AFTER_A_MARATHON = ["recovery"] * 2 + ["offseason"] * 2
# PROG-4: week 4 of each 4-week cycle, over the 12 training weeks.
SIXTEEN_WEEK_DELOADS = [4, 8, 12]
# SEASON-3 with the methodology's compression order, filled for 10 weeks.
TEN_WEEK_BLOCK = (
    ["base"] * 2 + ["strength"] * 2 + ["race_specific"] * 2 + ["taper"] * 3 + ["race_week"]
)


def _marathon_plan(race_day: date, weeks: int | None = None) -> dict[str, Any]:
    profile = {
        "name": "Maya", "level": "intermediate", "body_mass_kg": 62, "weekly_run_minutes": 300,
        "equipment": ["gym"], "session_minutes": 45, "long_run_day": "sun",
        "availability": {"sun": {"run": True, "strength": False, "minutes": 180}},
        "races": [{"name": "Riverside Marathon", "date": race_day.isoformat(),
                   "distance": "marathon", "priority": "A"}],
    }  # fmt: skip
    athlete = athlete_from_mapping(profile)
    return plan(athlete, TODAY, default_methodology(), load_library(), weeks)


def _phases(doc: dict[str, Any]) -> list[str]:
    return [w["phase"] for w in doc["weeks"]]


def _deloads(doc: dict[str, Any]) -> list[int]:
    return [w["index"] for w in doc["weeks"] if w["deload"]]


@pytest.fixture(scope="module")
def sixteen() -> dict[str, Any]:
    """A marathon on the Sunday that closes week 16: the block starts this very week."""
    return _marathon_plan(TODAY + timedelta(weeks=15, days=6))


def test_a_marathon_sixteen_weeks_out_gets_the_full_block_then_two_recovery_weeks(
    sixteen: dict[str, Any],
) -> None:
    assert _phases(sixteen) == SIXTEEN_WEEK_BLOCK + AFTER_A_MARATHON[:2]
    assert [w for w in sixteen["warnings"] if w.startswith("SEASON")] == []


def test_the_month_after_the_marathon_is_recovery_then_off_season() -> None:
    doc = _marathon_plan(TODAY + timedelta(weeks=15, days=6), weeks=20)
    assert _phases(doc) == SIXTEEN_WEEK_BLOCK + AFTER_A_MARATHON
    assert all("SEASON-4" in w["reasons"] for w in doc["weeks"][18:])


def test_the_race_is_on_the_last_day_of_race_week(sixteen: dict[str, Any]) -> None:
    race_week = sixteen["weeks"][15]
    sunday = race_week["days"][6]
    assert sunday["date"] == "2027-03-14"
    assert [(s["run_type"], s.get("race")) for s in sunday["sessions"] if s["kind"] == "run"] == [
        ("race", "Riverside Marathon")
    ]
    assert [w.get("weeks_to_race") for w in sixteen["weeks"][:16]] == list(range(15, -1, -1))


def test_every_fourth_training_week_is_a_deload_and_nothing_else_is(
    sixteen: dict[str, Any],
) -> None:
    assert _deloads(sixteen) == SIXTEEN_WEEK_DELOADS
    training = [w for w in sixteen["weeks"] if w["phase"] in TRAINING]
    assert [w["cycle_week"] for w in training] == [1, 2, 3, 4] * 3
    assert all("PROG-4" in w["reasons"] for w in training if w["deload"])


def test_a_deload_week_runs_less_than_the_week_before_it(sixteen: dict[str, Any]) -> None:
    minutes = [w["run_minutes"] for w in sixteen["weeks"]]
    for index in SIXTEEN_WEEK_DELOADS:
        assert minutes[index - 1] < minutes[index - 2], (index, minutes)


def test_running_holds_until_the_marathon_taper_then_runs_less_and_less(
    sixteen: dict[str, Any],
) -> None:
    minutes = [w["run_minutes"] for w in sixteen["weeks"]]
    peak = max(minutes[:12])
    taper = minutes[12:15]
    # RUN-12: strength tapers from week 13 (S0); a marathon's running, 2-3 weeks out.
    assert taper[0] >= 0.85 * peak, (peak, taper)
    assert taper[1:] == sorted(taper[1:], reverse=True) and taper[1] < 0.9 * peak
    # RUN-4: the last taper weeks sit roughly 40-60% under the peak.
    assert 0.4 * peak <= taper[-1] <= 0.6 * peak, (peak, taper)


def test_the_block_reasons_cite_season_1(sixteen: dict[str, Any]) -> None:
    for week in sixteen["weeks"][:16]:
        assert "SEASON-1" in week["reasons"], week["index"]


def test_the_sixteen_week_plan_breaks_no_rule(sixteen: dict[str, Any]) -> None:
    assert validate(sixteen) == []


def test_a_marathon_a_day_further_off_starts_with_a_free_week() -> None:
    doc = _marathon_plan(TODAY + timedelta(weeks=16, days=6))
    assert _phases(doc)[:17] == ["general", *SIXTEEN_WEEK_BLOCK]
    assert "SEASON-2" in doc["weeks"][0]["reasons"]


def test_a_marathon_ten_weeks_out_gets_a_compressed_block_and_a_warning() -> None:
    doc = _marathon_plan(TODAY + timedelta(weeks=9, days=6))
    assert _phases(doc)[:10] == TEN_WEEK_BLOCK
    assert _phases(doc)[10:] == ["recovery", "recovery"]
    season3 = [w for w in doc["warnings"] if w.startswith("SEASON-3:")]
    assert len(season3) == 1
    assert "10 week(s) away" in season3[0] and "compressed" in season3[0]
    assert all("SEASON-3" in w["reasons"] for w in doc["weeks"][:10])
    # RUN-2: a lighter week every 3-4 weeks, compressed or not.
    streak = 0
    for week in doc["weeks"][:6]:
        streak = 0 if week["deload"] else streak + 1
        assert streak <= 3, _deloads(doc)
