"""CONTENT-9 in the planner: every dose in its exercise's own unit, loads and effort that fit.

The faults a coach found in generated plans: a carry in metres with "a load you could lift
42-43 times", A-skips for 5-6 metres, an unloaded step-up at RPE 8 for a gym athlete,
bodyweight squats for 4-6 reps at RPE 8 at home.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import pytest

from stridelift.domain.core_mobility import core_session
from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.methodologies import default_methodology, load_library

TODAY = date(2027, 1, 4)  # a Monday
MARATHON = {"name": "Spring Marathon", "date": "2027-06-06", "distance": "marathon"}
Exercise = dict[str, Any]


@cache
def _exercises(equipment: tuple[str, ...], level: str = "recreational") -> tuple[Any, ...]:
    """(phase, exercise) for every exercise of a season's plan up to a marathon."""
    profile = {
        "name": "Ann", "level": level, "body_mass_kg": 62, "weekly_run_minutes": 240,
        "equipment": list(equipment), "races": [MARATHON],
    }  # fmt: skip
    doc = plan(athlete_from_mapping(profile), TODAY, default_methodology(), load_library(), None)
    return tuple(
        (w["phase"], ex)
        for w in doc["weeks"]
        for d in w["days"]
        for s in d["sessions"]
        for ex in s.get("exercises", [])
    )


EQUIPMENT = [("gym",), ("none",), ("dumbbells",), ("kettlebell", "mini_bands"), ("bands",)]


@pytest.mark.parametrize("equipment", EQUIPMENT)
def test_every_dose_counts_the_unit_the_library_measures_its_exercise_in(
    equipment: tuple[str, ...],
) -> None:
    library = load_library()
    for _, ex in _exercises(equipment):
        assert ex["measure"] == library.get(ex["id"]).measure, ex["id"]
        assert ex["reps_min"] <= ex["reps_max"], ex["id"]


@pytest.mark.parametrize("equipment", EQUIPMENT)
def test_no_exercise_without_a_load_asks_for_rpe_8(equipment: tuple[str, ...]) -> None:
    unloaded_hard = [
        (phase, ex["id"], ex["rpe"])
        for phase, ex in _exercises(equipment)
        if ex["rpe"] >= 8 and not ex["external_load"]
    ]
    assert unloaded_hard == []


def test_a_gym_athlete_steps_up_with_dumbbells_in_the_heavy_phase() -> None:
    step_ups = {
        (ex["id"], ex["rpe"], ex["external_load"])
        for phase, ex in _exercises(("gym",))
        if phase == "strength" and "step_up" in ex["id"]
    }
    assert ("dumbbell_step_up_knee_drive", 8, True) in step_ups
    assert not any(not loaded for _, _, loaded in step_ups)


def test_a_carry_asks_for_a_load_carried_the_distance_upright_not_for_reps() -> None:
    carries = [ex for _, ex in _exercises(("gym",)) if ex["pattern"] == "carry"]
    assert carries
    for carry in carries:
        assert carry["measure"] == "metres"
        assert f"carry {carry['reps_max']} m with good posture" in carry["load_note"]
        assert "times" not in carry["load_note"] and "reps" not in carry["load_note"]


def test_drills_over_a_distance_get_metres_not_the_plyometric_rep_count() -> None:
    skips = [ex for _, ex in _exercises(("gym",)) if ex["id"] == "a_skip"]
    assert skips
    assert {(ex["measure"], ex["reps_min"], ex["reps_max"]) for ex in skips} == {("metres", 20, 30)}


def test_a_side_plank_standing_in_for_a_carry_holds_seconds_of_its_own() -> None:
    stand_ins = [
        ex
        for phase, ex in _exercises(("none",))
        if ex["id"] == "side_plank" and phase in ("base", "strength")
    ]
    assert stand_ins
    # The template's side plank holds 30 s; the carry's 30-40 (metres) never leaks in.
    assert {(ex["reps_min"], ex["reps_max"]) for ex in stand_ins} <= {(30, 30), (20, 30)}
    assert stand_ins[0]["load_note"] == "bodyweight; stop when your form slips"


def test_bodyweight_main_lifts_at_home_take_at_least_8_reps_at_rpe_7_or_less() -> None:
    mains = [
        ex
        for phase, ex in _exercises(("none",))
        if phase == "strength" and ex["main_lift"] and ex["measure"] == "reps"
    ]
    assert mains
    assert all(ex["reps_min"] >= 8 and ex["rpe"] <= 7 for ex in mains), [
        (ex["id"], ex["reps_min"], ex["rpe"]) for ex in mains
    ]


def test_a_dead_bug_standing_in_for_a_painful_plank_counts_reps_not_the_plank_seconds() -> None:
    athlete = athlete_from_mapping(
        {"name": "Ann", "level": "recreational", "body_mass_kg": 62, "weekly_run_minutes": 240}
    )
    core = core_session(athlete, default_methodology(), load_library(), frozenset({"plank"}))

    doses = {d.id: (d.measure, d.reps_min, d.reps_max) for d in core.exercises}
    assert doses["dead_bug"] == ("reps", 8, 12)
    assert doses["side_plank"] == ("seconds", 30, 30)
