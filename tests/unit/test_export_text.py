"""The words every export shares: session titles, prescriptions, loads and paces."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from stridelift.adapters.exporters import _text
from stridelift.adapters.exporters._plan import Exercise, Session, WarmupItem


def _run(run_type: str = "easy", **changes: Any) -> Session:
    run = Session(
        kind="run",
        minutes=40,
        slot="am",
        order=1,
        kind_index=1,
        reasons=("RUN-2", "PLACE-3"),
        run_type=run_type,
        key=False,
        distance_km=7.5,
        pace_s_per_km=320,
    )
    return dataclasses.replace(run, **changes)


def _exercise(**changes: Any) -> Exercise:
    exercise = Exercise(
        id="trap_bar_deadlift",
        name="Trap-bar deadlift",
        sets=4,
        reps_min=4,
        reps_max=6,
        measure="reps",
        rpe=8,
        rir=2,
        rest_s=150,
        load_kg=82.5,
        load_note="leave 2 reps in reserve",
        pattern="hinge",
        region="lower",
        plyometric=False,
    )
    return dataclasses.replace(exercise, **changes)


@pytest.mark.parametrize(
    ("session", "units", "title"),
    [
        (_run(), "metric", "Easy run 40 min · 7.5 km"),
        (_run(), "imperial", "Easy run 40 min · 4.7 mi"),
        (_run("long", minutes=95, distance_km=None), "metric", "Long run 95 min"),
        (_run("race_pace"), "metric", "Race-pace run 40 min · 7.5 km"),
        (_run("intervals"), "metric", "Intervals 40 min · 7.5 km"),
        (
            Session("strength", 40, "pm", 2, 1, (), template="A"),
            "metric",
            "Strength A (40 min)",
        ),
        (
            Session("strength", 20, "pm", 1, 1, (), template="mobility"),
            "metric",
            "Mobility (20 min)",
        ),
        (Session("core", 10, "any", 2, 1, (), template="core"), "metric", "Core (10 min)"),
        (
            Session("cross", 30, "any", 1, 1, (), activity="bike"),
            "metric",
            "Bike 30 min (cross-training)",
        ),
    ],
)
def test_each_kind_of_session_has_a_one_line_title(
    session: Session, units: str, title: str
) -> None:
    assert _text.title(session, units) == title


def test_a_race_is_titled_with_its_name() -> None:
    race = _run("race", minutes=200, distance_km=42.195)

    assert _text.title(race, "metric", "Riverside Marathon") == (
        "Race: Riverside Marathon 200 min · 42.2 km"
    )


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({}, "4 × 4–6"),
        ({"reps_min": 8, "reps_max": 8, "sets": 3}, "3 × 8"),
        ({"measure": "seconds", "reps_min": 20, "reps_max": 30, "sets": 2}, "2 × 20–30 s"),
        ({"measure": "metres", "reps_min": 40, "reps_max": 40, "sets": 2}, "2 × 40 m"),
    ],
)
def test_sets_and_reps_say_what_is_counted(changes: dict[str, object], text: str) -> None:
    assert _text.sets_reps(_exercise(**changes)) == text


# CONTENT-9: each dose in its own unit, per side where one side works at a time.


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({"measure": "seconds", "reps_min": 30, "reps_max": 30, "sets": 2}, "2 × 30 s"),
        (
            {"measure": "seconds", "reps_min": 30, "reps_max": 30, "sets": 2, "unilateral": True},
            "2 × 30 s a side",
        ),
        ({"reps_min": 6, "reps_max": 8, "sets": 3, "unilateral": True}, "3 × 6–8 a side"),
        (
            {"measure": "metres", "reps_min": 20, "reps_max": 30, "pattern": "carry",
             "unilateral": True},
            "4 × 20–30 m a side",
        ),
        (
            {"measure": "metres", "reps_min": 20, "reps_max": 30, "pattern": "plyometric",
             "unilateral": True, "sets": 2},
            "2 × 20–30 m",
        ),
    ],
)  # fmt: skip
def test_a_hold_never_reads_as_a_range_of_equal_ends_and_one_sided_work_is_per_side(
    changes: dict[str, object], text: str
) -> None:
    assert _text.sets_reps(_exercise(**changes)) == text


def test_a_one_sided_hold_reads_in_seconds_a_side_with_its_rpe_and_no_reps_in_reserve() -> None:
    plank = _exercise(
        name="Side Plank", measure="seconds", reps_min=30, reps_max=30, sets=2,
        unilateral=True, rpe=7, rir=3, rest_s=45, load_kg=None, load_note="bodyweight",
    )  # fmt: skip

    assert _text.exercise_line(plank, "metric") == (
        "Side Plank: 2 × 30 s a side @ RPE 7, rest 0:45, bodyweight"
    )


def test_the_exercise_line_gives_effort_rest_load_and_note() -> None:
    assert _text.exercise_line(_exercise(), "metric") == (
        "Trap-bar deadlift: 4 × 4–6 @ RPE 8 / RIR 2, rest 2:30, 82.5 kg, leave 2 reps in reserve"
    )
    assert _text.exercise_line(_exercise(), "imperial") == (
        "Trap-bar deadlift: 4 × 4–6 @ RPE 8 / RIR 2, rest 2:30, 181.9 lb, leave 2 reps in reserve"
    )


def test_without_a_load_the_note_stands_in() -> None:
    exercise = _exercise(load_kg=None, load_note="bodyweight", rpe=7.5, rir=None, rest_s=None)

    assert (
        _text.exercise_line(exercise, "metric")
        == "Trap-bar deadlift: 4 × 4–6 @ RPE 7.5, bodyweight"
    )


def test_warmup_items_with_and_without_minutes() -> None:
    items = (WarmupItem("Easy bike", 5), WarmupItem("Leg swings", None))

    assert _text.warmup(items) == "Easy bike (5 min) · Leg swings"


def test_paces_are_shown_per_km_or_per_mile() -> None:
    assert _text.pace(320, "metric") == "5:20/km"
    assert _text.pace(320, "imperial") == "8:35/mi"
    assert _text.pace(None, "metric") == ""


def test_run_details_give_distance_pace_description_and_reasons() -> None:
    run = _run("tempo", description="15 min easy, 20 min at threshold")

    assert _text.details(run, "metric") == [
        "Tempo run: 40 min, 7.5 km, at about 5:20/km",
        "15 min easy, 20 min at threshold",
        "Why: RUN-2 PLACE-3",
    ]


@pytest.mark.parametrize(
    ("measure", "text"),
    [("reps", "RPE 7 / RIR 3"), ("seconds", "RPE 7"), ("metres", "RPE 7")],
)
def test_only_a_rep_counted_dose_shows_reps_in_reserve(measure: str, text: str) -> None:
    assert _text.effort(_exercise(measure=measure, rpe=7, rir=3)) == text
