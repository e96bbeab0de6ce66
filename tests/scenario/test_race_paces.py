"""RUN-10: each block works at the goal pace of its own race, not at marathon pace.

A coach found 5K, 10K and half blocks all trained at marathon pace, and an 80 km mountain
ultra paced at 5:02 per km, quicker than the athlete's easy pace. These plans come from
the real planner; each checks what the athlete would read on their race-pace days.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest

from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.rules import validate
from stridelift.methodologies import default_methodology, load_library

MONDAY = date(2026, 11, 23)
RACE_DAY = (MONDAY + timedelta(weeks=15, days=6)).isoformat()  # a Sunday 16 weeks on
# A 10K in 45:30: VDOT 44.7; 5K pace 4:23 per km, 10K 4:33, half 4:47, marathon 4:58,
# easy 5:48.
RESULT = {"distance": "10k", "time": "00:45:30", "date": "2026-10-18"}


def _plan(race: dict[str, Any], level: str = "intermediate", minutes: int = 300) -> Any:
    profile = {
        "name": "Rae", "level": level, "body_mass_kg": 60, "weekly_run_minutes": minutes,
        "equipment": ["gym"], "recent_result": RESULT,
        "races": [{"name": "Goal race", "date": RACE_DAY, **race}],
    }  # fmt: skip
    doc = plan(athlete_from_mapping(profile), MONDAY, default_methodology(), load_library(), 18)
    assert validate(doc) == [], [str(v) for v in validate(doc)]
    return doc


def _paces(doc: Any, run_type: str) -> Iterator[int]:
    for w in doc["weeks"]:
        for d in w["days"]:
            for s in d["sessions"]:
                if s["kind"] == "run" and s["run_type"] == run_type:
                    yield s["pace_s_per_km"]


@pytest.mark.parametrize(
    ("distance", "pace"),
    [("5k", 263), ("10k", 273), ("half", 287), ("marathon", 298)],
)
def test_a_blocks_race_pace_runs_are_at_its_own_races_pace(distance: str, pace: int) -> None:
    doc = _plan({"distance": distance})
    race = doc["races"][0]
    assert race["goal_pace_s_per_km"] == pace
    assert set(_paces(doc, "race_pace")) == {pace}
    assert set(_paces(doc, "race")) == {pace}


def test_a_5k_block_works_at_5k_pace_not_marathon_pace() -> None:
    doc = _plan({"distance": "5k"})
    marathon = doc["paces"]["marathon_s_per_km"]
    runs = list(_paces(doc, "race_pace"))
    assert len(runs) >= 4
    assert all(p < marathon - 30 for p in runs)  # 4:23 per km, not 4:58


def test_the_athletes_goal_time_is_the_race_pace_of_the_block() -> None:
    doc = _plan({"distance": "10k", "goal_time": "44:10"})
    race = doc["races"][0]
    assert (race["goal_pace_s_per_km"], race["goal_time_s"]) == (265, 2650)
    assert race["predicted_time_s"] == 2729  # the prediction stays beside the goal: 45:29
    assert set(_paces(doc, "race_pace")) == {265}


def test_an_80_km_mountain_ultra_is_paced_slower_than_marathon_and_easy_pace() -> None:
    doc = _plan(
        {"distance": "ultra", "distance_km": 80, "elevation_gain_m": 3000, "terrain": "trail"},
        level="ultra",
        minutes=420,
    )
    race = doc["races"][0]
    paces = doc["paces"]
    assert race["goal_pace_s_per_km"] > paces["easy_s_per_km"] > paces["marathon_s_per_km"]
    assert race["predicted_time_s"] > 10 * 3600  # 80 km and 3 km of climbing on trail
    assert set(_paces(doc, "race_pace")) == {race["goal_pace_s_per_km"]}
    race_run = next(
        s for w in doc["weeks"] for d in w["days"] for s in d["sessions"]
        if s.get("run_type") == "race"
    )  # fmt: skip
    assert race_run["distance_km"] == 80
    assert race_run["minutes"] == round(race["predicted_time_s"] / 60)
