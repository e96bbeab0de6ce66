"""One season across weekly replans (issue 12): a replan inside a block continues it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.rules import validate
from tests.weekly_replans import LIB, M, week_shape, weekly_replans

MONDAY = date(2026, 11, 23)
PROFILE: dict[str, Any] = {
    "name": "Kit", "level": "intermediate", "body_mass_kg": 66, "weekly_run_minutes": 240,
    "equipment": ["gym"], "session_minutes": 45, "long_run_day": "sun",
    "races": [{"name": "Spring Marathon", "distance": "marathon",
               "date": (MONDAY + timedelta(weeks=15, days=6)).isoformat()}],
}  # fmt: skip


def test_a_season_logged_as_planned_and_replanned_every_monday_never_changes() -> None:
    # Through the block, the race, its recovery and the off-season: 24 Mondays.
    first, replans = weekly_replans(athlete_from_mapping(PROFILE), MONDAY, 24)
    shape = week_shape(first)
    for r in replans:
        assert r.changes == (), (r.today, r.changes[:3])
        for start, phase in week_shape(r.doc).items():
            assert shape.setdefault(start, phase) == phase, (r.today, start)
        assert validate(r.doc) == [], (r.today, [str(v) for v in validate(r.doc)][:3])


def test_the_second_monday_continues_base_week_two_without_compressing_the_block() -> None:
    first, replans = weekly_replans(athlete_from_mapping(PROFILE), MONDAY, 1)
    week = replans[0].doc["weeks"][0]
    assert (week["phase"], week["cycle_week"]) == ("base", 2)
    assert not [n for n in replans[0].doc["notices"] if n["rule"] == "SEASON-3"]
    runs = [s["minutes"] for d in week["days"] for s in d["sessions"] if s["kind"] == "run"]
    planned = [s["minutes"] for d in first["weeks"][1]["days"] for s in d["sessions"]
               if s["kind"] == "run"]  # fmt: skip
    assert runs == planned  # the ramp goes on (RUN-2), no restart at week 1's volume


def test_a_first_plan_that_started_late_stays_compressed_the_same_way() -> None:
    late = MONDAY + timedelta(weeks=6)  # ten weeks before the race: SEASON-3 compresses
    first, replans = weekly_replans(athlete_from_mapping(PROFILE), late, 3)
    assert [n for n in first["notices"] if n["rule"] == "SEASON-3"]
    shape = week_shape(first)
    for r in replans:
        assert all(shape[s] == p for s, p in week_shape(r.doc).items()), r.today


def test_a_plan_without_a_stored_season_starts_its_own() -> None:
    # plan --profile knows no earlier plan: 15 weeks out, the block is compressed.
    athlete = athlete_from_mapping(PROFILE)
    doc = plan(athlete, MONDAY + timedelta(weeks=1), M, LIB)
    assert doc["season_start"] == (MONDAY + timedelta(weeks=1)).isoformat()
    assert [n for n in doc["notices"] if n["rule"] == "SEASON-3"]


PARKRUN = {"name": "Parkrun", "distance": "5k", "goal_time": "0:12:35"}
BEA = {"name": "Bea", "level": "beginner", "body_mass_kg": 30, "equipment": []}


@pytest.mark.parametrize(
    ("profile", "first_day"),
    [
        # A season planned under the profile's usual volume, logged as planned: no lapse
        # (ADAPT-4), so the replan carries on rather than starting the volume afresh.
        (BEA | {"weekly_run_km": 10}, date(2021, 1, 4)),
        # The first plan made on race day, nothing lifted before the block's strength:
        # ADAPT-2's weeks count from the log's start, as the plan's from the season's.
        (BEA | {"weekly_run_km": 10, "races": [PARKRUN | {"date": "2020-01-01"},
                                               PARKRUN | {"date": "2020-03-09"}]},
         date(2020, 1, 1)),
        # A first plan begun on a Wednesday: its partial week is replayed as it was.
        (BEA | {"weekly_run_km": 10}, date(2020, 1, 1)),
    ],
)  # fmt: skip
def test_found_by_the_replan_property_a_week_logged_as_planned_changes_nothing(
    profile: dict[str, Any], first_day: date
) -> None:
    _, replans = weekly_replans(athlete_from_mapping(profile), first_day, 2)
    assert [r.changes for r in replans] == [(), ()]


@pytest.mark.parametrize(
    "races",
    [
        # A 5K on the first plan's day and another five days later (run as a B race inside
        # the first one's recovery): laid from a later origin, the second race was an A
        # race again and its recovery pushed the training week's cycle back by one.
        [PARKRUN | {"date": "2020-01-01"}, PARKRUN | {"date": "2020-01-06"}],
        # Strength first lifted in the recovery weeks: a replan laid from the block's
        # start counted ADAPT-2's weeks from there and held the next block's running.
        [PARKRUN | {"date": "2020-01-01"}, PARKRUN | {"date": "2020-03-02"}],
        # Open training after the race: no mileage added while new to strength (ADAPT-2).
        [PARKRUN | {"date": "2020-01-01"}],
    ],
)
def test_found_by_the_ci_draws_replans_after_a_race_on_the_first_day_keep_the_season(
    races: list[dict[str, Any]],
) -> None:
    profile = BEA | {"weekly_run_km": 10, "races": races}
    first, replans = weekly_replans(athlete_from_mapping(profile), date(2020, 1, 1), 4)
    shape = week_shape(first)
    known = {str(v) for v in validate(first)}
    for r in replans:
        for start, phase in week_shape(r.doc).items():
            assert shape.setdefault(start, phase) == phase, (r.today, start)
        assert [c for c in r.changes if not any(x.signal for x in c.causes)] == [], r.today
        assert {str(v) for v in validate(r.doc)} - known == set(), r.today


def test_a_session_the_week_had_no_room_for_sets_no_volume_for_race_preparation() -> None:
    # CI draws: one 24-minute day a week; the first week's short session was built but
    # never placed, and a replan's replay held the taper's short session to its sets, so
    # PHASE-3 read the taper as volume added.
    closed = {"minutes": 0}
    profile = BEA | {
        "weekly_run_km": 10, "session_minutes": 24,
        "availability": {"mon": closed, "tue": closed, "wed": {"minutes": 24}, "thu": closed,
                         "fri": closed, "sat": closed, "sun": closed},
        "races": [PARKRUN | {"date": "2021-01-18", "priority": "B"},
                  PARKRUN | {"date": "2021-02-22"}],
    }  # fmt: skip
    first, replans = weekly_replans(athlete_from_mapping(profile), date(2021, 1, 18), 1)
    assert [str(v) for v in validate(replans[0].doc)] == [str(v) for v in validate(first)]
    assert replans[0].doc["season_before"]["sets_by_template"] == {}


@pytest.mark.parametrize(
    ("races", "first_day", "mondays"),
    [
        # A marathon, then two 5Ks three weeks later: RUN-6 eased the replan's first week
        # after the races' load jump, and the next week's rise (RUN-2) was measured from
        # the eased week, a change with no signal; the replan after it, whose replay knows
        # no easing, changed it back.
        ([PARKRUN | {"date": "2028-08-30"}, PARKRUN | {"date": "2028-08-29"},
          PARKRUN | {"date": "2028-08-07", "distance": "marathon", "goal_time": "1:46:11"}],
         date(2028, 8, 6), 6),
        # 5Ks four weeks before a half: the replan begun in the half's recovery judged its
        # weeks as the old 5Ks' recovery weeks (RUN-13).
        ([PARKRUN | {"date": "2028-08-28"}, PARKRUN | {"date": "2028-09-19"},
          {"name": "Parkrun", "date": "2028-08-27", "distance": "5k",
           "elevation_gain_m": 2282},
          {"name": "Half", "date": "2028-09-26", "distance": "half", "distance_km": 21.37}],
         date(2028, 8, 27), 6),
    ],
)  # fmt: skip
def test_found_by_the_ci_draws_replans_around_race_clusters_keep_the_season(
    races: list[dict[str, Any]], first_day: date, mondays: int
) -> None:
    profile = BEA | {"weekly_run_km": 10, "races": races}
    first, replans = weekly_replans(athlete_from_mapping(profile), first_day, mondays)
    known = {str(v) for v in validate(first)}
    for r in replans:
        assert [c for c in r.changes if not any(x.signal for x in c.causes)] == [], r.today
        assert {str(v) for v in validate(r.doc)} - known == set(), r.today
