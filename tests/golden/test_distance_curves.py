"""The long-run curve, the race-pace work and the taper of a 16-week block, one athlete per
distance (tests/scenario/test_coach_standard.py's athletes), pinned week by week.

Lists run from 15 weeks out to race week (weeks_to_race 15 .. 0). A change here is a
change a coach would notice: look at the new curve before updating it.
"""

from __future__ import annotations

from typing import Any

import pytest

from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.rules import validate
from stridelift.methodologies import default_methodology, load_library
from tests.scenario.test_coach_standard import ATHLETES, TODAY

# name -> (long run minutes, weekly run minutes, race-pace runs by weeks out, goal pace)
GOLDEN: dict[str, tuple[list[int], list[int], dict[int, list[tuple[int, int, str]]], int]] = {
    "beginner 5k": (
        [45, 45, 45, 35, 45, 45, 45, 30, 49, 50, 55, 50, 60, 50, 50, 0],
        [120, 120, 120, 95, 125, 120, 130, 100, 134, 125, 130, 110, 135, 135, 135, 86],
        {k: [(30, 368, "race_pace_5k")] for k in (7, 6, 5, 4)},
        368,
    ),
    "recreational 10k": (
        [65, 70, 70, 60, 75, 75, 75, 60, 80, 75, 80, 65, 80, 70, 70, 0],
        [195, 210, 215, 175, 225, 225, 230, 185, 245, 230, 250, 195, 250, 240, 240, 140],
        {7: [(45, 328, "race_pace_10k")], 6: [(50, 328, "race_pace_10k")],
         5: [(55, 328, "race_pace_10k")], 4: [(35, 328, "race_pace_10k")]},
        328,
    ),
    "intermediate half": (
        [85, 90, 95, 75, 100, 95, 100, 80, 105, 100, 105, 85, 105, 95, 65, 0],
        [255, 270, 285, 225, 300, 285, 295, 240, 320, 300, 325, 255, 325, 325, 195, 231],
        {7: [(50, 302, "race_pace_half")], 6: [(55, 302, "race_pace_half")],
         5: [(60, 302, "race_pace_half")], 4: [(40, 302, "race_pace_half")]},
        302,
    ),
    "intermediate marathon": (
        [100, 105, 110, 90, 115, 115, 120, 95, 125, 120, 130, 100, 130, 95, 75, 0],
        [300, 315, 330, 265, 340, 340, 355, 285, 375, 360, 385, 300, 385, 285, 225, 346],
        {7: [(50, 314, "race_pace_marathon")], 6: [(55, 314, "race_pace_marathon")],
         5: [(60, 314, "race_pace_marathon")], 4: [(40, 314, "race_pace_marathon")]},
        314,
    ),
    "mountain 80k": (
        [145, 150, 160, 140, 175, 180, 190, 150, 190, 190, 195, 160, 195, 130, 105, 0],
        [480, 505, 530, 420, 540, 535, 565, 445, 560, 560, 575, 475, 570, 430, 345, 851],
        {7: [(60, 466, "sustained_climbs")], 6: [(65, 466, "sustained_climbs")],
         5: [(70, 466, "sustained_climbs")], 4: [(50, 466, "sustained_climbs")]},
        466,
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def plans() -> dict[str, dict[str, Any]]:
    m, lib = default_methodology(), load_library()
    return {name: plan(athlete_from_mapping(ATHLETES[name]), TODAY, m, lib) for name in GOLDEN}


def _block(doc: dict[str, Any]) -> list[dict[str, Any]]:
    race = doc["races"][0]["name"]
    weeks = [w for w in doc["weeks"] if w.get("target_race") == race]
    return sorted(weeks, key=lambda w: -w["weeks_to_race"])


def _long(week: dict[str, Any]) -> int:
    runs = [s for d in week["days"] for s in d["sessions"] if s.get("run_type") == "long"]
    return max((s["minutes"] for s in runs), default=0)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_the_long_run_curve_of_each_distance(plans: dict[str, Any], name: str) -> None:
    assert [_long(w) for w in _block(plans[name])] == GOLDEN[name][0]


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_the_weekly_running_and_its_taper_of_each_distance(
    plans: dict[str, Any], name: str
) -> None:
    assert [w["run_minutes"] for w in _block(plans[name])] == GOLDEN[name][1]


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_the_race_pace_work_of_each_distance_runs_at_its_own_goal_pace(
    plans: dict[str, Any], name: str
) -> None:
    doc = plans[name]
    _, _, race_pace, goal = GOLDEN[name]
    assert doc["races"][0]["goal_pace_s_per_km"] == goal
    found = {
        w["weeks_to_race"]: [
            (s["minutes"], s["pace_s_per_km"], s["workout"])
            for d in w["days"]
            for s in d["sessions"]
            if s.get("run_type") == "race_pace"
        ]
        for w in _block(doc)
        if w["phase"] == "race_specific"
    }
    assert found == race_pace
    assert validate(doc) == []
