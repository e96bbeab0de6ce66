"""A run's structured workout (RUN-11) in every export: FIT steps, calendar, CSV and PDF."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from garmin_fit_sdk import Decoder, Stream
from icalendar import Calendar

from stridelift.adapters.exporters import ExportError, ExportOptions, export
from tests.workout_steps import (
    HILLS_DAY,
    INTERVALS_DAY,
    LONG_DAY,
    RACE_DAY,
    TEMPO_DAY,
    count_fit_steps,
    sample_with_steps,
)

INTERVALS_LINE = (
    "15 min easy (5:45/km) · 5 × (1 km at interval pace 4:15/km, 2:30 min easy jog) · 10 min easy"
)


def _fit_steps(path: Path) -> list[dict[str, Any]]:
    """The workout steps as Garmin's own FIT SDK decodes them (not the encoder)."""
    data = bytearray(path.read_bytes())
    assert Decoder(Stream.from_byte_array(data)).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(data)).read()
    assert errors == []
    (workout,) = messages["workout_mesgs"]
    steps: list[dict[str, Any]] = messages["workout_step_mesgs"]
    assert workout["num_valid_steps"] == len(steps)
    return steps


@pytest.fixture(scope="module")
def watch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fit") / "watch"
    export("fit", sample_with_steps(), out, ExportOptions())
    return out


def test_intervals_on_the_watch_are_warmup_repeated_work_and_jog_then_cooldown(
    watch: Path,
) -> None:
    steps = _fit_steps(watch / f"{INTERVALS_DAY}-run-1.fit")

    assert [(s.get("intensity"), s["duration_type"]) for s in steps] == [
        ("warmup", "time"),
        ("active", "distance"),
        ("recovery", "time"),
        (None, "repeat_until_steps_cmplt"),
        ("cooldown", "time"),
    ]
    warmup, work, jog, repeat, cooldown = steps
    assert (warmup["duration_time"], work["duration_distance"], jog["duration_time"]) == (
        900,
        1000,
        150,
    )
    assert cooldown["duration_time"] == 600
    # The repeat goes back to the first step of its group (the 1 km) and runs it 5 times.
    assert (repeat["duration_step"], repeat["repeat_steps"]) == (1, 5)


def test_each_step_with_a_pace_has_a_speed_range_of_three_percent_around_it(watch: Path) -> None:
    warmup, work, jog, _, cooldown = _fit_steps(watch / f"{INTERVALS_DAY}-run-1.fit")

    for step, pace in ((warmup, 345), (work, 255)):
        assert step["target_type"] == "speed"
        # Stored in mm/s (m/s scaled by 1000), as the FIT profile defines the field.
        assert step["custom_target_value_low"] == round(1000_000 / (pace * 1.03))
        assert step["custom_target_value_high"] == round(1000_000 / (pace * 0.97))
        assert step["custom_target_speed_low"] < 1000 / pace < step["custom_target_speed_high"]
    assert (jog["target_type"], cooldown["target_type"]) == ("open", "open")  # effort only
    assert work["notes"] == "1 km at interval pace 4:15/km"
    assert work["wkt_step_name"] == "Interval"


def test_hill_repeats_without_paces_have_open_targets_and_say_the_effort(watch: Path) -> None:
    steps = _fit_steps(watch / f"{HILLS_DAY}-run-1.fit")

    assert [s.get("target_type") for s in steps] == ["open", "open", "open", None, "open"]
    assert steps[1]["notes"] == "90 s hard uphill"
    assert (steps[3]["duration_step"], steps[3]["repeat_steps"]) == (1, 6)


def test_a_long_run_with_goal_pace_segments_repeats_them_at_marathon_pace(watch: Path) -> None:
    steps = _fit_steps(watch / f"{LONG_DAY}-run-1.fit")

    assert len(steps) == 5
    segment = steps[1]
    assert (segment["duration_type"], segment["duration_distance"]) == ("distance", 3000)
    assert segment["wkt_step_name"] == "Marathon pace"
    assert segment["custom_target_speed_low"] < 1000 / 290 < segment["custom_target_speed_high"]
    assert (steps[3]["duration_step"], steps[3]["repeat_steps"]) == (1, 2)


def test_the_race_is_its_distance_at_goal_pace(watch: Path) -> None:
    (race,) = _fit_steps(watch / f"{RACE_DAY}-run-1.fit")

    assert (race["duration_type"], race["duration_distance"]) == ("distance", 10_000)
    assert race["wkt_step_name"] == "Race pace"
    assert race["notes"] == "10 km at race pace 4:10/km"


def test_every_run_with_steps_has_one_fit_step_per_planned_step_and_group(watch: Path) -> None:
    doc = sample_with_steps()
    for week in doc["weeks"]:
        for day in week["days"]:
            for session in day["sessions"]:
                if session.get("steps"):
                    steps = _fit_steps(watch / f"{day['date']}-run-1.fit")
                    assert len(steps) == count_fit_steps(session["steps"]), day["date"]


def test_imperial_watch_notes_give_the_pace_per_mile(tmp_path: Path) -> None:
    export("fit", sample_with_steps("imperial"), tmp_path / "w", ExportOptions())
    work = _fit_steps(tmp_path / "w" / f"{INTERVALS_DAY}-run-1.fit")[1]

    assert work["notes"] == "1000 m at interval pace 6:50/mi"
    assert work["custom_target_speed_low"] < 1000 / 255 < work["custom_target_speed_high"]


def test_the_calendar_description_lists_the_steps_one_per_line(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    export("ics", sample_with_steps(), out, ExportOptions())

    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    intervals = next(e for e in events if e.decoded("DTSTART").date().isoformat() == INTERVALS_DAY)
    lines = str(intervals["DESCRIPTION"]).split("\n")
    start = lines.index("Workout:")
    assert lines[start + 1 : start + 4] == [
        "Warm-up: 15 min easy (5:45/km)",
        "5 × (1 km at interval pace 4:15/km, 2:30 min easy jog)",
        "Cool-down: 10 min easy",
    ]


def test_the_csv_has_the_workout_of_each_run_in_one_cell(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    export("csv", sample_with_steps(), out, ExportOptions())

    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_day = {(r["date"], r["kind"]): r["workout"] for r in rows}
    assert by_day[(INTERVALS_DAY, "run")] == INTERVALS_LINE
    assert by_day[(TEMPO_DAY, "run")] == (
        "15 min easy (5:45/km) · 20 min at threshold pace 4:45/km · 15 min easy (5:45/km)"
    )
    assert by_day[(TEMPO_DAY, "strength")] == ""  # only runs carry a workout
    assert by_day[("2026-11-25", "run")] == ""  # an easy run without steps


def test_the_csv_in_imperial_units_gives_paces_per_mile(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    export("csv", sample_with_steps(), out, ExportOptions(units="imperial"))

    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    long_run = next(r for r in rows if (r["date"], r["kind"]) == (LONG_DAY, "run"))
    assert long_run["workout"] == (
        "45 min easy (8:59/mi) · 2 × (1.9 mi at marathon pace 7:47/mi, 5 min easy jog)"
        " · 10 min easy"
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_pdf_shows_one_line_per_step_under_the_run(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    export("pdf", sample_with_steps(), out, ExportOptions(weeks=3))

    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    start = lines.index("Workout:", next(i for i, x in enumerate(lines) if "Intervals" in x))
    assert lines[start + 1 : start + 4] == [
        "Warm-up: 15 min easy (5:45/km)",
        "5 × (1 km at interval pace 4:15/km, 2:30 min easy jog)",
        "Cool-down: 10 min easy",
    ]
    assert "2 × (3 km at marathon pace 4:50/km, 5 min easy jog)" in lines
    assert "10 km at race pace 4:10/km" in lines


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (
            {"kind": "work", "effort": "fast", "duration_s": 60},
            "steps[0].effort: 'fast' is not one of easy, steady, marathon, threshold, "
            "interval, repetition, race, hill",
        ),
        (
            {"kind": "work", "effort": "easy"},
            "steps[0]: a step needs duration_s or distance_m (a number > 0)",
        ),
        ({"repeat": 0, "steps": []}, "steps[0].repeat: 0 is not a whole number >= 1"),
        ({"repeat": 3, "steps": []}, "steps[0].steps: [] is not a non-empty list of steps"),
    ],
)
def test_a_bad_step_is_one_line_naming_its_place_in_the_document(
    tmp_path: Path, step: dict[str, Any], message: str
) -> None:
    doc = sample_with_steps()
    doc["weeks"][0]["days"][1]["sessions"][0]["steps"] = [step]

    with pytest.raises(ExportError) as caught:
        export("csv", doc, tmp_path / "plan.csv", ExportOptions())
    assert str(caught.value) == f"plan document: weeks[0].days[1].sessions[0].{message}"
