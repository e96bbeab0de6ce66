"""How a run's structured workout (RUN-11) reads in words, and how it becomes FIT steps."""

from __future__ import annotations

import pytest
from fit_tool.profile.profile_type import Intensity

from stridelift.adapters.exporters._plan import Session
from stridelift.adapters.exporters.fit_workout import workout_steps
from stridelift.adapters.exporters.workout import (
    Repeat,
    RunStep,
    read_steps,
    step_text,
    workout_line,
    workout_lines,
)

INTERVALS = [
    {"kind": "warmup", "duration_s": 900, "effort": "easy", "pace_s_per_km": 370},
    {
        "repeat": 5,
        "steps": [
            {"kind": "work", "distance_m": 1000, "effort": "interval", "pace_s_per_km": 258},
            {"kind": "recover", "duration_s": 180, "effort": "easy"},
        ],
    },
    {"kind": "cooldown", "duration_s": 600, "effort": "easy"},
]


def test_a_workout_reads_as_one_line_with_paces_in_minutes_per_km() -> None:
    steps = read_steps(INTERVALS, "steps")

    assert workout_line(steps, "metric") == (
        "15 min easy (6:10/km) · 5 × (1 km at interval pace 4:18/km, 3 min easy jog) · 10 min easy"
    )


def test_an_imperial_athlete_reads_paces_per_mile_and_track_reps_in_metres() -> None:
    steps = read_steps(INTERVALS, "steps")

    assert workout_line(steps, "imperial") == (
        "15 min easy (9:55/mi) · 5 × (1000 m at interval pace 6:55/mi, 3 min easy jog)"
        " · 10 min easy"
    )


def test_one_line_per_step_names_the_warmup_and_cooldown() -> None:
    assert workout_lines(read_steps(INTERVALS, "steps"), "metric") == [
        "Warm-up: 15 min easy (6:10/km)",
        "5 × (1 km at interval pace 4:18/km, 3 min easy jog)",
        "Cool-down: 10 min easy",
    ]


@pytest.mark.parametrize(
    ("step", "units", "text"),
    [
        (RunStep("work", "threshold", duration_s=1200), "metric", "20 min at threshold effort"),
        (RunStep("work", "marathon", distance_m=8000, pace_s_per_km=298), "metric",
         "8 km at marathon pace 4:58/km"),
        (RunStep("work", "marathon", distance_m=8000, pace_s_per_km=298), "imperial",
         "5 mi at marathon pace 8:00/mi"),
        (RunStep("work", "race", distance_m=42195, pace_s_per_km=298), "metric",
         "42.2 km at race pace 4:58/km"),
        (RunStep("work", "repetition", distance_m=400, pace_s_per_km=230), "metric",
         "400 m at repetition pace 3:50/km"),
        (RunStep("work", "interval", distance_m=1200), "metric", "1200 m at interval effort"),
        (RunStep("work", "hill", duration_s=75), "metric", "75 s hard uphill"),
        (RunStep("work", "steady", duration_s=1800, pace_s_per_km=320), "metric",
         "30 min steady (5:20/km)"),
        (RunStep("recover", "easy", duration_s=150), "metric", "2:30 min easy jog"),
        (RunStep("rest", "easy", duration_s=60), "metric", "1 min rest"),
        (RunStep("work", "easy", duration_s=900, distance_m=2500), "metric", "2.5 km easy"),
    ],
)  # fmt: skip
def test_each_step_says_how_long_and_how_hard(step: RunStep, units: str, text: str) -> None:
    assert step_text(step, units) == text


def test_repeat_groups_are_read_with_their_inner_steps() -> None:
    (_, group, _) = read_steps(INTERVALS, "steps")

    assert group == Repeat(
        5,
        (
            RunStep("work", "interval", distance_m=1000, pace_s_per_km=258),
            RunStep("recover", "easy", duration_s=180),
        ),
    )


def test_a_run_without_steps_has_no_workout_line() -> None:
    assert read_steps(None, "steps") == ()
    assert workout_line((), "metric") == ""


def test_a_run_with_steps_becomes_those_steps_on_the_watch() -> None:
    run = Session(
        "run", 50, "am", 1, 1, (), run_type="intervals", steps=read_steps(INTERVALS, "steps")
    )

    steps = workout_steps(run, "metric")
    assert [(s.index, s.intensity, s.duration, s.value) for s in steps] == [
        (0, Intensity.WARMUP, "time", 900),
        (1, Intensity.ACTIVE, "distance", 1000),
        (2, Intensity.RECOVERY, "time", 180),
        (3, None, "repeat", 1),  # back to step 1, the first of the group
        (4, Intensity.COOLDOWN, "time", 600),
    ]
    assert steps[3].repeat == 5
    assert steps[1].speed_low == pytest.approx(1000 / (258 * 1.03), abs=1e-3)
    assert steps[1].speed_high == pytest.approx(1000 / (258 * 0.97), abs=1e-3)
    assert (steps[2].speed_low, steps[4].speed_low) == (None, None)  # effort only: open


def test_a_repeat_inside_a_repeat_points_back_to_its_own_first_step() -> None:
    nested = [
        {"kind": "warmup", "duration_s": 600, "effort": "easy"},
        {
            "repeat": 2,
            "steps": [
                {"repeat": 3, "steps": [
                    {"kind": "work", "distance_m": 400, "effort": "repetition"},
                    {"kind": "recover", "duration_s": 60, "effort": "easy"},
                ]},
                {"kind": "recover", "duration_s": 300, "effort": "easy"},
            ],
        },
    ]  # fmt: skip
    run = Session("run", 40, "am", 1, 1, (), run_type="intervals", steps=read_steps(nested, "s"))

    steps = workout_steps(run, "metric")
    repeats = [(s.index, s.value, s.repeat) for s in steps if s.duration == "repeat"]
    assert repeats == [(3, 1, 3), (5, 1, 2)]
