"""Strong and Hevy exports (our own small fixtures) read into LiftSessions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stridelift.adapters.importers import FileImport, ImportFileError, read_file
from stridelift.domain.exercises import ExerciseLibrary, library_from_mapping
from stridelift.methodologies import load_library

FIXTURES = Path(__file__).parent / "fixtures_import"


@pytest.fixture(scope="module")
def library() -> ExerciseLibrary:
    return load_library()


def _read(name: str, library: ExerciseLibrary | None) -> FileImport:
    return read_file(FIXTURES / name, library)


def test_strong_export_gives_one_session_per_workout(library: ExerciseLibrary) -> None:
    result = _read("strong.csv", library)
    assert result.format == "strong_csv"
    assert result.activities == ()
    legs, upper = result.lift_sessions
    assert (legs.day, legs.template, legs.minutes, legs.source) == (
        date(2024, 3, 4),
        "Legs A",
        52,
        "strong",
    )
    assert legs.notes == "Knees fine after Sunday long run"
    assert (upper.day, upper.template, upper.minutes) == (date(2024, 3, 7), "Upper B", 64)


def test_strong_sets_map_to_library_ids_and_keep_their_raw_names(
    library: ExerciseLibrary,
) -> None:
    legs = _read("strong.csv", library).lift_sessions[0]
    squats = [s for s in legs.sets if s.source_name == "Squat (Barbell)"]
    assert [(s.exercise_id, s.reps, s.load_kg, s.rir) for s in squats] == [
        ("back_squat", 6, 70.0, 3),
        ("back_squat", 6, 70.0, 2),
        ("back_squat", 5, 70.0, 2),  # RPE 8.5 -> RIR 1.5, rounded to the easier 2
    ]
    (plank,) = [s for s in legs.sets if s.exercise_id == "plank"]
    assert (plank.reps, plank.duration_s) == (0, 60.0)
    assert not any(s.source_name == "Rest Timer" for s in legs.sets)


def test_strong_warm_ups_are_skipped_drop_sets_kept_and_the_unit_guess_said(
    library: ExerciseLibrary,
) -> None:
    result = _read("strong.csv", library)
    legs = result.lift_sessions[0]
    assert len([s for s in legs.sets if s.source_name == "Squat (Barbell)"]) == 3
    calves = [s.load_kg for s in legs.sets if s.exercise_id == "machine_calf_raise"]
    assert calves == [80.0, 60.0]
    assert result.warnings == (
        "the export does not say whether weights are kg or lb; read as kg",
        "skipped 1 warm-up set",
    )


def test_unmapped_strong_exercises_are_reported_once_with_no_id(
    library: ExerciseLibrary,
) -> None:
    result = _read("strong.csv", library)
    assert result.unmapped_exercises == ("Hip Adductor (Machine)",)
    (adductor,) = [s for s in result.lift_sessions[0].sets if s.exercise_id is None]
    assert adductor.source_name == "Hip Adductor (Machine)"
    assert (adductor.reps, adductor.load_kg) == (12, 45.0)


def test_old_semicolon_strong_export_converts_pounds(library: ExerciseLibrary) -> None:
    result = _read("strong_semicolon_lbs.csv", library)
    legs, core = result.lift_sessions
    deadlifts = [s.load_kg for s in legs.sets if s.exercise_id == "barbell_deadlift"]
    assert deadlifts == [pytest.approx(61.23), pytest.approx(70.31), pytest.approx(79.38)]
    assert (legs.minutes, core.minutes) == (48, 20)
    assert [s.duration_s for s in core.sets] == [45.0, 45.0]
    assert result.warnings == ()


def test_hevy_export_maps_names_skips_warm_ups_and_reads_rpe(library: ExerciseLibrary) -> None:
    result = _read("hevy.csv", library)
    assert result.format == "hevy_csv"
    first, second = result.lift_sessions
    assert (first.day, first.template, first.minutes, first.notes, first.source) == (
        date(2025, 1, 6),
        "Runner strength A",
        42,
        "Easy 8k before",
        "hevy",
    )
    split_squats = [s for s in first.sets if s.exercise_id == "dumbbell_bulgarian_split_squat"]
    assert [(s.reps, s.load_kg, s.rir) for s in split_squats] == [(8, 14.0, 2), (8, 14.0, 2)]
    (tib,) = [s for s in first.sets if s.exercise_id == "tibialis_raise"]
    assert (tib.reps, tib.rir) == (20, 0)
    assert [s.exercise_id for s in second.sets] == ["goblet_squat", "goblet_squat", "hip_thrust"]
    assert result.warnings == ("skipped 1 warm-up set",)
    assert result.unmapped_exercises == ()


def test_hevy_pounds_export_converts_and_reports_cardio_rows(library: ExerciseLibrary) -> None:
    result = _read("hevy_lbs.csv", library)
    (push,) = result.lift_sessions
    assert push.day == date(2025, 5, 15)
    assert [s.load_kg for s in push.sets[:2]] == [pytest.approx(20.41), pytest.approx(22.68)]
    assert result.unmapped_exercises == ("Elliptical Trainer",)


def test_a_coachs_own_library_is_used_for_matching() -> None:
    mine = library_from_mapping(
        {
            "exercise": [
                {
                    "id": "split_squat_db",
                    "name": "DB Split Squat",
                    "aliases": ["Bulgarian Split Squat (Dumbbell)"],
                    "pattern": "lunge",
                    "region": "lower",
                    "muscles": ["quads"],
                    "equipment": [],
                    "unilateral": True,
                    "plyometric": False,
                    "loadable": True,
                    "substitutes": ["calf_up"],
                },
                {
                    "id": "calf_up",
                    "name": "Calf Up",
                    "pattern": "calf",
                    "region": "lower",
                    "muscles": ["soleus"],
                    "equipment": [],
                    "unilateral": False,
                    "plyometric": False,
                    "loadable": True,
                    "substitutes": ["split_squat_db"],
                },
            ]
        }
    )
    result = _read("hevy.csv", mine)
    ids = {s.exercise_id for s in result.lift_sessions[0].sets}
    assert ids == {"split_squat_db", None}
    assert "Goblet Squat" in result.unmapped_exercises


def test_without_a_library_every_name_is_unmapped_but_kept() -> None:
    result = _read("hevy.csv", None)
    assert all(s.exercise_id is None for x in result.lift_sessions for s in x.sets)
    assert result.unmapped_exercises[0] == "Bulgarian Split Squat (Dumbbell)"


def test_a_lifting_export_with_only_warm_ups_has_no_activity_data(tmp_path: Path) -> None:
    path = tmp_path / "warmups.csv"
    path.write_text(
        '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
        '"Distance","Seconds","Notes","Workout Notes","RPE"\n'
        '"2024-03-04 18:02:11","Legs","5m","Squat (Barbell)","W","20","10","0","0","","",""\n',
        encoding="utf-8",
    )
    with pytest.raises(ImportFileError) as caught:
        read_file(path)
    assert caught.value.reason == "no activity data (the export holds no working sets)"


def test_a_bad_number_in_a_row_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "hevy.csv"
    path.write_text(
        '"title","start_time","end_time","description","exercise_title","superset_id",'
        '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
        '"duration_seconds","rpe"\n'
        '"A","2025-02-01 10:00:00","2025-02-01 10:30:00","","Goblet Squat",,"",0,"normal",'
        '"heavy",8,,,\n',
        encoding="utf-8",
    )
    result = read_file(path)
    (session,) = result.lift_sessions
    assert session.sets[0].load_kg is None
    assert result.warnings == ("line 2: weight 'heavy' is not a number; left empty",)
