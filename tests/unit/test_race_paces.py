"""RUN-10: race predictions and goal paces for every distance, terrain and climb.

The numbers are worked out by hand from the model the methodology names (Daniels/Gilbert
VDOT to the marathon; ITRA's km-effort, 1 km per 100 m climbed; Riegel's exponent 1.06
past the marathon; trail 10% slower) for a runner of VDOT 45, whose marathon prediction is
12,496 s (3:28:16, 296 s/km) and whose easy pace is 346 s/km.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from typing import Any

import pytest

from stridelift.domain.athlete import Race
from stridelift.domain.methodology import Methodology
from stridelift.domain.paces import (
    Paces,
    effort_km,
    goal_pace_s_per_km,
    pace_for_run,
    paces_for,
    predict_race_time_s,
    predict_time_s,
    race_doc,
)
from stridelift.domain.profile import athlete_from_mapping
from stridelift.methodologies import default_methodology

RACE_DAY = date(2027, 6, 12)


@pytest.fixture(scope="module")
def m() -> Methodology:
    return default_methodology()


@pytest.fixture(scope="module")
def vdot45() -> Paces:
    return paces_for(45.0, "VDOT 45 (Daniels/Gilbert)")


def _race(distance: str, km: float, **extra: Any) -> Race:
    return Race("Test race", RACE_DAY, distance, km, "A", **extra)


def test_a_vdot_45_runner_runs_the_marathon_in_3_28_at_296_s_per_km(vdot45: Paces) -> None:
    assert round(vdot45.marathon_s_per_km * 42.195) == 12496
    assert round(vdot45.marathon_s_per_km) == 296
    assert round(vdot45.easy_s_per_km) == 346


def test_an_80_km_mountain_ultra_with_3000_m_climbing_takes_about_ten_and_a_half_hours(
    vdot45: Paces, m: Methodology
) -> None:
    ultra = _race("ultra", 80, elevation_gain_m=3000, terrain="trail")
    assert effort_km(ultra, m) == 110.0  # 80 km + 3000 m / 100
    # 12,496 s x (110 / 42.195)^1.06 = 34,503 s on the road; x 1.10 on trail = 37,954 s.
    assert predict_race_time_s(ultra, vdot45, m) == pytest.approx(37954, abs=2)
    pace = goal_pace_s_per_km(ultra, vdot45, m)
    assert round(pace) == 474  # 7:54 per km: slower than marathon (4:56) and easy (5:46)
    assert pace > vdot45.marathon_s_per_km
    assert pace > vdot45.easy_s_per_km


def test_climbing_and_trail_each_slow_the_same_80_km(vdot45: Paces, m: Methodology) -> None:
    flat_road = _race("ultra", 80)
    hilly_road = _race("ultra", 80, elevation_gain_m=3000)
    # Riegel alone from the marathon: 12,496 x (80 / 42.195)^1.06 = 24,618 s (6:50:18).
    assert predict_race_time_s(flat_road, vdot45, m) == pytest.approx(24618, abs=2)
    assert predict_race_time_s(hilly_road, vdot45, m) == pytest.approx(34503, abs=2)
    assert round(goal_pace_s_per_km(flat_road, vdot45, m)) == 308  # still slower than 296


def test_flat_road_races_up_to_the_marathon_keep_the_vdot_prediction(
    vdot45: Paces, m: Methodology
) -> None:
    for distance, km in (("5k", 5.0), ("10k", 10.0), ("half", 21.0975), ("marathon", 42.195)):
        race = _race(distance, km)
        assert predict_race_time_s(race, vdot45, m) == predict_time_s(45.0, km)
    assert round(goal_pace_s_per_km(_race("5k", 5.0), vdot45, m)) == 262  # 21:49


def test_a_hilly_road_half_is_predicted_over_its_km_effort(vdot45: Paces, m: Methodology) -> None:
    flat = predict_race_time_s(_race("half", 21.0975), vdot45, m)
    hilly = predict_race_time_s(_race("half", 21.0975, elevation_gain_m=300), vdot45, m)
    assert hilly == pytest.approx(predict_time_s(45.0, 24.0975))  # 21.1 km + 3 km of climbing
    assert round(flat) == 6014 and round(hilly) == 6931  # 1:40:14 -> 1:55:31


def test_a_short_trail_race_is_never_paced_faster_than_marathon_pace(
    vdot45: Paces, m: Methodology
) -> None:
    # 21:49 for a road 5K, x 1.10 on trail = 24:01, 288 s/km: quicker than marathon pace,
    # so the prediction is held at marathon pace (RUN-10).
    trail_5k = _race("5k", 5.0, terrain="trail")
    assert goal_pace_s_per_km(trail_5k, vdot45, m) == vdot45.marathon_s_per_km
    no_terrain = replace(m, running=replace(m.running, race_prediction=replace(
        m.running.race_prediction, trail_factor=1.0)))  # fmt: skip
    assert goal_pace_s_per_km(trail_5k, vdot45, no_terrain) == vdot45.marathon_s_per_km


def test_an_ultra_is_never_paced_faster_than_marathon_pace_whatever_the_exponent(
    vdot45: Paces, m: Methodology
) -> None:
    flat = replace(m, running=replace(m.running, race_prediction=replace(
        m.running.race_prediction, riegel_exponent=1.0)))  # fmt: skip
    ultra = _race("ultra", 50)
    assert goal_pace_s_per_km(ultra, vdot45, flat) == pytest.approx(vdot45.marathon_s_per_km)


def test_the_athletes_goal_time_sets_the_goal_pace_as_written(
    vdot45: Paces, m: Methodology
) -> None:
    sub_20 = _race("5k", 5.0, goal_time_s=19 * 60 + 50)
    assert goal_pace_s_per_km(sub_20, vdot45, m) == 238.0
    # A goal for an ultra is the athlete's to set, even quicker than marathon pace.
    bold = _race("ultra", 50, terrain="trail", goal_time_s=4 * 3600)
    assert goal_pace_s_per_km(bold, vdot45, m) == 288.0
    assert race_doc(bold, vdot45, m)["goal_time_s"] == 14400


def test_race_pace_runs_take_the_goal_pace_of_their_race_and_other_runs_their_own(
    vdot45: Paces, m: Methodology
) -> None:
    five_k = _race("5k", 5.0)
    assert round(pace_for_run("race_pace", five_k, vdot45, m)) == 262
    assert round(pace_for_run("race", five_k, vdot45, m)) == 262
    assert pace_for_run("race_pace", None, vdot45, m) == vdot45.marathon_s_per_km
    assert pace_for_run("tempo", five_k, vdot45, m) == vdot45.threshold_s_per_km


def test_the_race_doc_carries_goal_pace_prediction_terrain_and_climbing(
    vdot45: Paces, m: Methodology
) -> None:
    doc = race_doc(_race("ultra", 80, elevation_gain_m=3000, terrain="trail"), vdot45, m)
    assert doc == {
        "name": "Test race", "date": "2027-06-12", "distance": "ultra", "distance_km": 80,
        "priority": "A", "terrain": "trail", "predicted_time_s": 37954,
        "goal_pace_s_per_km": 474, "elevation_gain_m": 3000,
    }  # fmt: skip


def _profile_race(**race: Any) -> Race:
    entry = {"name": "Goal", "date": "2027-04-11", "distance": "marathon", **race}
    profile = {"name": "Ann", "level": "intermediate", "body_mass_kg": 62,
               "weekly_run_minutes": 240, "races": [entry]}  # fmt: skip
    return athlete_from_mapping(profile).races[0]


def test_a_profile_race_reads_goal_time_climbing_and_terrain() -> None:
    race = _profile_race(goal_time="3:29:30", elevation_gain_m=420, terrain="trail")
    assert (race.goal_time_s, race.elevation_gain_m, race.terrain) == (12570, 420.0, "trail")
    assert _profile_race(distance="10k", goal_time="48:05").goal_time_s == 2885
    assert _profile_race(goal_time=time(3, 45)).goal_time_s == 13500  # unquoted TOML time
    plain = _profile_race()
    assert (plain.goal_time_s, plain.elevation_gain_m, plain.terrain) == (None, None, "road")


def test_a_mountain_ultra_goal_may_be_slower_than_a_road_race_allows() -> None:
    # 30 h for 100 km is 18 min per km: fine in the mountains, walking on a road 10K.
    ultra = _profile_race(distance="ultra", distance_km=100, terrain="trail",
                          elevation_gain_m=6000, goal_time="30:00:00")  # fmt: skip
    assert ultra.goal_time_s == 30 * 3600
