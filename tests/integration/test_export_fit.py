"""FIT workout export, decoded by Garmin's own SDK and by fitdecode (not the encoder)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Stream

from stridelift.adapters.exporters import ExportError, ExportOptions, export
from tests.workout_steps import count_fit_steps, sample_with_steps

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE = FIXTURES / "plan_sample.json"  # written by hand: every run type and session kind
PLANNER = FIXTURES / "export_plan_planner.json"  # the real planner's output
QUALITY = {"quality", "intervals", "tempo", "race_pace"}
# The FIT categories the sample's exercises must carry (Garmin SDK spelling).
CATEGORIES = {
    "trap_bar_deadlift": "deadlift",
    "dumbbell_bulgarian_split_squat": "lunge",
    "dumbbell_single_leg_calf_raise": "calf_raise",
    "single_leg_calf_raise": "calf_raise",
    "push_up": "push_up",
    "dumbbell_row": "row",
    "pogo_hop": "plyo",
    "back_squat": "squat",
    "romanian_deadlift": "deadlift",
    "hip_thrust": "hip_raise",
    "nordic_hamstring_curl": "leg_curl",
    "dumbbell_overhead_press": "shoulder_press",
    "farmers_carry": "carry",
    "reverse_lunge": "lunge",
    "dead_bug": "hip_stability",
    "bird_dog": "core",
    "side_plank": "plank",
    "pallof_press": "core",
}


def _sample() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return doc


def _sessions(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Expected file name -> session, from the naming rule date-kind-rank."""
    named = {}
    for week in doc["weeks"]:
        for day in week["days"]:
            ranks: dict[str, int] = {}
            for session in sorted(day["sessions"], key=lambda s: s["order"]):
                ranks[session["kind"]] = ranks.get(session["kind"], 0) + 1
                named[f"{day['date']}-{session['kind']}-{ranks[session['kind']]}.fit"] = session
    return named


def _decode(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Messages by name, decoded by the Garmin FIT SDK after its integrity check."""
    data = path.read_bytes()
    checker = Decoder(Stream.from_byte_array(bytearray(data)))
    assert checker.is_fit()
    assert checker.check_integrity(), path.name  # header and file CRCs
    messages: dict[str, list[dict[str, Any]]]
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()  # type: ignore[assignment]
    assert errors == [], path.name
    return messages


def _expected_step_count(session: dict[str, Any]) -> int:
    if session.get("steps"):  # RUN-11: the plan's own workout
        return count_fit_steps(session["steps"])
    if session["kind"] == "run":
        return 3 if session["run_type"] in QUALITY else 1
    if session["kind"] == "cross":
        return 1
    count = len(session.get("warmup", []))
    for exercise in session["exercises"]:
        count += 1 + (1 if exercise["rest_s"] else 0) + (1 if exercise["sets"] > 1 else 0)
    return count


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fit") / "workouts"
    export("fit", _sample(), out, ExportOptions())
    return out


@pytest.fixture(
    scope="module", params=[SAMPLE, PLANNER, None], ids=["sample", "planner", "sample-steps"]
)
def any_plan(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, Any], Path]:
    """A plan document and the folder its workouts were exported to (None: the sample with
    structured workouts on its runs)."""
    doc: dict[str, Any] = (
        sample_with_steps()
        if request.param is None
        else json.loads(request.param.read_text(encoding="utf-8"))
    )
    out = tmp_path_factory.mktemp("fit") / "workouts"
    export("fit", doc, out, ExportOptions())
    return doc, out


def test_every_session_becomes_one_named_workout_file(
    any_plan: tuple[dict[str, Any], Path],
) -> None:
    doc, exported = any_plan
    sessions = sum(len(d["sessions"]) for w in doc["weeks"] for d in w["days"])
    assert sorted(p.name for p in exported.iterdir()) == sorted(_sessions(doc))
    assert len(list(exported.iterdir())) == sessions


def test_every_file_is_a_workout_with_the_right_sport_and_step_count(
    any_plan: tuple[dict[str, Any], Path],
) -> None:
    doc, exported = any_plan
    sports = {"run": ("running", "generic"), "strength": ("training", "strength_training")}
    sports |= {"core": ("training", "strength_training")}
    crosses = {"bike": ("cycling", "generic"), "swim": ("swimming", "generic")}
    for name, session in _sessions(doc).items():
        messages = _decode(exported / name)
        (file_id,) = messages["file_id_mesgs"]
        (workout,) = messages["workout_mesgs"]
        steps = messages["workout_step_mesgs"]
        assert file_id["type"] == "workout"
        if session["kind"] == "cross":
            expected = crosses[session["activity"]]
        elif session.get("template") == "mobility":
            expected = ("training", "flexibility_training")
        else:
            expected = sports[session["kind"]]
        assert (workout["sport"], workout["sub_sport"]) == expected, name
        assert workout["num_valid_steps"] == len(steps) == _expected_step_count(session), name
        assert [s["message_index"] for s in steps] == list(range(len(steps)))


def test_easy_runs_are_one_timed_step_with_an_open_target(exported: Path) -> None:
    steps = _decode(exported / "2026-11-25-run-1.fit")["workout_step_mesgs"]

    assert len(steps) == 1
    assert steps[0]["duration_type"] == "time"
    assert steps[0]["duration_time"] == 40 * 60
    assert steps[0]["target_type"] == "open"
    assert steps[0]["wkt_step_name"] == "Easy run"


def test_quality_runs_have_warmup_main_part_at_pace_and_cooldown(
    any_plan: tuple[dict[str, Any], Path],
) -> None:
    doc, exported = any_plan
    for name, session in _sessions(doc).items():
        if session["kind"] != "run" or session["run_type"] not in QUALITY or session.get("steps"):
            continue  # runs with planned steps: tests/integration/test_export_workouts.py
        warm, main, cool = _decode(exported / name)["workout_step_mesgs"]
        assert (warm["intensity"], cool["intensity"]) == ("warmup", "cooldown")
        easy_s = min(600, session["minutes"] * 15)
        assert (warm["duration_time"], cool["duration_time"]) == (easy_s, easy_s)
        assert main["duration_time"] == session["minutes"] * 60 - 2 * easy_s
        assert main["target_type"] == "speed"
        planned_speed = 1000 / session["pace_s_per_km"]
        assert main["custom_target_speed_low"] < planned_speed < main["custom_target_speed_high"]
        description = session["description"]
        if len(description) <= 120:
            assert main["notes"] == description
        else:  # clipped to keep records small
            assert main["notes"] == description[:119].rstrip() + "…"


def test_the_race_is_a_distance_step_at_race_pace(exported: Path) -> None:
    messages = _decode(exported / "2026-12-12-run-1.fit")
    (race,) = messages["workout_step_mesgs"]
    assert messages["workout_mesgs"][0]["wkt_name"] == "Race: Winter 10K 42 min · 10.0 km"

    assert race["duration_type"] == "distance"
    assert race["duration_distance"] == 10_000
    assert race["custom_target_speed_low"] < 1000 / 250 < race["custom_target_speed_high"]


def test_strength_steps_carry_reps_rest_sets_categories_and_weights(
    any_plan: tuple[dict[str, Any], Path],
) -> None:
    doc, exported = any_plan
    for name, session in _sessions(doc).items():
        if session["kind"] not in ("strength", "core"):
            continue
        steps = _decode(exported / name)["workout_step_mesgs"]
        warmup = session.get("warmup", [])
        for step, item in zip(steps, warmup, strict=False):
            assert step["intensity"] == "warmup"
            if isinstance(item, dict) and item.get("minutes"):
                assert step["duration_time"] == round(item["minutes"] * 60)
            else:
                assert step["duration_type"] == "open"
        position = len(warmup)
        for exercise in session["exercises"]:
            work = steps[position]
            assert work["wkt_step_name"] == exercise["name"]
            category = CATEGORIES.get(exercise["id"])
            assert work["exercise_category"] == (category or work["exercise_category"])
            assert work["exercise_category"] not in (None, "unknown"), exercise["id"]
            if exercise["measure"] == "reps":
                assert work["duration_type"] == "reps"
                assert work["duration_reps"] == exercise["reps_max"]
            elif exercise["measure"] == "seconds":
                assert work["duration_time"] == exercise["reps_max"]
            else:
                assert work["duration_distance"] == exercise["reps_max"]
            if exercise["load_kg"] is None:
                assert "exercise_weight" not in work
            else:
                assert work["exercise_weight"] == exercise["load_kg"]
                assert work["weight_display_unit"] == "kilogram"
            position += 1
            if exercise["rest_s"]:
                rest = steps[position]
                assert (rest["intensity"], rest["duration_time"]) == ("rest", exercise["rest_s"])
                position += 1
            if exercise["sets"] > 1:
                repeat = steps[position]
                assert repeat["duration_type"] == "repeat_until_steps_cmplt"
                assert repeat["duration_step"] == work["message_index"]
                assert repeat["repeat_steps"] == exercise["sets"]
                position += 1
        assert position == len(steps)


def test_fitdecode_reads_every_file_with_a_valid_checksum(
    any_plan: tuple[dict[str, Any], Path],
) -> None:
    _, exported = any_plan
    for path in sorted(exported.iterdir()):
        names = []
        with fitdecode.FitReader(
            path, check_crc=fitdecode.CrcCheck.RAISE, error_handling=fitdecode.ErrorHandling.RAISE
        ) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage):
                    names.append(frame.name)
        assert names[:2] == ["file_id", "workout"], path.name
        assert set(names[2:]) == {"workout_step"}, path.name


def test_exercise_names_come_from_the_fit_profile(exported: Path) -> None:
    steps = _decode(exported / "2026-11-24-strength-1.fit")["workout_step_mesgs"]
    deadlift = next(s for s in steps if s.get("wkt_step_name") == "Trap-bar deadlift")

    assert deadlift["exercise_category"] == "deadlift"
    assert deadlift["exercise_name"] == 17  # DeadliftExerciseName.TRAP_BAR_DEADLIFT
    assert deadlift["notes"] == "4 × 4–6 @ RPE 8 / RIR 2; leave 2 reps in reserve"


def test_imperial_athletes_see_pounds_while_the_file_stores_kilograms(tmp_path: Path) -> None:
    export("fit", _sample(), tmp_path, ExportOptions(weeks=1, units="imperial"))

    steps = _decode(tmp_path / "2026-11-24-strength-1.fit")["workout_step_mesgs"]
    deadlift = next(s for s in steps if s.get("wkt_step_name") == "Trap-bar deadlift")
    assert deadlift["exercise_weight"] == 90
    assert deadlift["weight_display_unit"] == "pound"


def test_the_same_document_gives_the_same_bytes(tmp_path: Path, exported: Path) -> None:
    export("fit", _sample(), tmp_path, ExportOptions())

    for path in exported.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_a_replan_removes_workouts_it_dropped_inside_the_exported_weeks(tmp_path: Path) -> None:
    doc = _sample()
    export("fit", doc, tmp_path, ExportOptions())
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    (tmp_path / "2026-11-26-core-1.fit").write_text("not a FIT file\n", encoding="utf-8")
    replanned = copy.deepcopy(doc)
    wednesday = replanned["weeks"][0]["days"][2]
    wednesday["sessions"] = [s for s in wednesday["sessions"] if s["kind"] != "core"]
    last_week = replanned["weeks"][2]
    last_week["days"][2]["sessions"] = []  # outside the export below: must stay

    result = export("fit", replanned, tmp_path, ExportOptions(weeks=2))

    names = {p.name for p in tmp_path.iterdir()}
    assert "2026-11-25-core-1.fit" not in names
    assert {"notes.txt", "2026-11-26-core-1.fit", "2026-12-09-core-1.fit"} <= names
    assert result.counts["removed"] == 1


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "workouts"
    out.write_text("", encoding="utf-8")

    with pytest.raises(ExportError, match="it is a file, not a folder"):
        export("fit", _sample(), out, ExportOptions())
