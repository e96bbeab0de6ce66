"""How sessions become FIT workout steps, before any encoding."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

import pytest
from fit_tool.profile.profile_type import ExerciseCategory, Intensity

from stridelift.adapters.exporters._fit_exercises import fit_exercise
from stridelift.adapters.exporters._plan import Exercise, Session, WarmupItem
from stridelift.adapters.exporters.fit_workout import Step, workout_steps

LIBRARY = Path(__file__).resolve().parents[2] / "src" / "stridelift" / "methodologies"


def _run(run_type: str, minutes: float, **changes: Any) -> Session:
    run = Session("run", minutes, "am", 1, 1, (), run_type=run_type, distance_km=None)
    return dataclasses.replace(run, **changes)


def _exercise(**changes: Any) -> Exercise:
    exercise = Exercise(
        id="goblet_squat",
        name="Goblet squat",
        sets=3,
        reps_min=8,
        reps_max=10,
        measure="reps",
        rpe=7,
        rir=3,
        rest_s=90,
        load_kg=20,
        load_note=None,
        pattern="squat",
        region="lower",
        plyometric=False,
    )
    return dataclasses.replace(exercise, **changes)


def test_a_short_quality_run_keeps_its_shape_with_quarter_warmup_and_cooldown() -> None:
    steps = workout_steps(_run("tempo", 20, pace_s_per_km=300), "metric")

    assert [(s.intensity, s.duration, s.value) for s in steps] == [
        (Intensity.WARMUP, "time", 300),
        (Intensity.ACTIVE, "time", 600),
        (Intensity.COOLDOWN, "time", 300),
    ]
    assert steps[1].speed_low == pytest.approx(1000 / 309, abs=1e-3)
    assert steps[1].speed_high == pytest.approx(1000 / 291, abs=1e-3)
    assert steps[1].notes == "5:00/km"


def test_a_quality_run_without_a_pace_has_an_open_main_part() -> None:
    steps = workout_steps(_run("intervals", 60, description="6 × 3 min hard"), "metric")

    assert steps[1].speed_low is None
    assert steps[1].notes == "6 × 3 min hard"


def test_a_race_without_a_distance_is_a_timed_step() -> None:
    (step,) = workout_steps(_run("race", 42), "metric")

    assert (step.duration, step.value, step.name) == ("time", 2520, "Race")


def test_a_long_run_is_one_open_timed_step_even_with_a_pace() -> None:
    (step,) = workout_steps(_run("long", 105, pace_s_per_km=330, distance_km=19), "metric")

    assert step == Step(0, "time", 6300, "Long run", Intensity.ACTIVE)


def test_strength_steps_are_warmup_then_work_rest_and_repeat_per_exercise() -> None:
    session = Session(
        "strength",
        30,
        "pm",
        1,
        1,
        (),
        template="A",
        warmup=(WarmupItem("Easy bike", 5), WarmupItem("Leg swings", None)),
        exercises=(
            _exercise(),
            _exercise(
                id="plank", name="Plank", sets=1, measure="seconds", reps_max=40, load_kg=None
            ),
            _exercise(
                id="farmers_carry", name="Carry", sets=2, measure="metres", reps_max=30, rest_s=None
            ),
        ),
    )

    steps = workout_steps(session, "imperial")

    assert [(s.index, s.duration, s.value, s.repeat) for s in steps] == [
        (0, "time", 300, None),
        (1, "open", None, None),
        (2, "reps", 10, None),
        (3, "time", 90, None),
        (4, "repeat", 2, 3),
        (5, "time", 40, None),
        (6, "time", 90, None),
        (7, "distance", 30, None),
        (8, "repeat", 7, 2),
    ]
    assert steps[2].category == ExerciseCategory.SQUAT.value
    assert steps[2].weight_kg == 20
    assert steps[2].weight_unit == 2  # pound, for display
    assert steps[2].notes == "3 × 8–10 @ RPE 7 / RIR 3"
    assert steps[5].weight_kg is None


def test_every_library_exercise_gets_a_fit_category() -> None:
    library = tomllib.loads((LIBRARY / "exercises.toml").read_text(encoding="utf-8"))
    missing = []
    for entry in library["exercise"]:
        exercise = _exercise(
            id=entry["id"],
            pattern=entry["pattern"],
            region=entry["region"],
            plyometric=entry["plyometric"],
        )
        if fit_exercise(exercise)[0] is None:
            missing.append(entry["id"])

    assert missing == []


def test_known_exercises_map_to_a_fit_name_and_unknown_ones_to_their_pattern() -> None:
    assert fit_exercise(_exercise(id="trap_bar_deadlift")) == (ExerciseCategory.DEADLIFT, 17)
    assert fit_exercise(_exercise(id="sandbag_lunge", pattern="lunge")) == (
        ExerciseCategory.LUNGE,
        None,
    )
    assert fit_exercise(_exercise(id="hops", pattern=None, plyometric=True)) == (
        ExerciseCategory.PLYO,
        None,
    )
    assert fit_exercise(_exercise(id="mystery", pattern="juggling", region="upper")) == (None, None)
