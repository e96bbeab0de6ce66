"""FIT files built in the test with fit-tool, for cases no shared file covers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.message import Message
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.messages.set_message import SetMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.profile_type import (
    ExerciseCategory,
    FileType,
    Manufacturer,
    SetType,
    Sport,
    SubSport,
)

from stridelift.adapters.importers import FileImport, ImportFileError, ImportSource, read_source

START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
T0_MS = round(START.timestamp() * 1000)


def _fit(*messages: Message) -> bytes:
    builder = FitFileBuilder(auto_define=True)
    builder.add_all(list(messages))
    return bytes(builder.build().to_bytes())


def _file_id(kind: FileType = FileType.ACTIVITY) -> FileIdMessage:
    message = FileIdMessage()
    message.type = kind
    message.manufacturer = Manufacturer.DEVELOPMENT.value
    message.product = 0
    message.time_created = T0_MS
    message.serial_number = 1
    return message


def _records(count: int) -> list[RecordMessage]:
    records = []
    for second in range(count):
        record = RecordMessage()
        record.timestamp = T0_MS + second * 1000
        record.distance = second * 3.0
        record.heart_rate = 120 + second % 10
        record.altitude = 100 + second * 0.5
        records.append(record)
    return records


def _session(sport: Sport, sub_sport: SubSport, seconds: float, metres: float) -> SessionMessage:
    session = SessionMessage()
    session.start_time = T0_MS
    session.timestamp = T0_MS + round(seconds * 1000)
    session.sport = sport
    session.sub_sport = sub_sport
    session.total_elapsed_time = seconds
    session.total_timer_time = seconds - 10
    session.total_distance = metres
    return session


def _read(data: bytes) -> FileImport:
    return read_source(ImportSource("built.fit", lambda: data))


def test_a_fit_workout_file_is_not_an_activity() -> None:
    workout = WorkoutMessage()
    workout.workout_name = "Tempo"
    workout.sport = Sport.RUNNING
    with pytest.raises(ImportFileError) as caught:
        _read(_fit(_file_id(FileType.WORKOUT), workout))
    assert str(caught.value) == "built.fit: not an activity file (a FIT workout file)"


def test_a_fit_activity_with_nothing_recorded_has_no_activity_data() -> None:
    with pytest.raises(ImportFileError) as caught:
        _read(_fit(_file_id()))
    assert caught.value.reason == (
        "no activity data (the FIT file has no sessions or timed records)"
    )


def test_a_fit_activity_without_a_session_is_built_from_its_records() -> None:
    result = _read(_fit(_file_id(), *_records(60)))
    (activity,) = result.activities
    assert activity.start_utc == START
    assert activity.duration_s == 59
    assert activity.distance_m == 177
    assert activity.avg_hr == 124.5
    assert activity.sport == "other"
    assert result.warnings[0] == "no session summary; figures computed from 60 records"


def test_indoor_rowing_is_kept_as_rowing_cross_training() -> None:
    result = _read(_fit(_file_id(), _session(Sport.ROWING, SubSport.INDOOR_ROWING, 600, 2000)))
    (row,) = result.activities
    assert (row.sport, row.sub_sport, row.distance_m, row.moving_s) == (
        "rowing",
        "indoor_rowing",
        2000,
        590,
    )
    assert not row.is_run


def test_elevation_gain_is_computed_from_records_when_the_session_has_none() -> None:
    session = _session(Sport.RUNNING, SubSport.TRAIL, 59, 177)
    (run,) = _read(_fit(_file_id(), session, *_records(60))).activities
    assert run.elevation_gain_m == pytest.approx(29.5, abs=0.2)


def test_strength_sets_map_categories_and_keep_unknown_ones_unmapped() -> None:
    def make_set(categories: list[ExerciseCategory | int], reps: int, kg: float) -> SetMessage:
        message = SetMessage()
        message.timestamp = T0_MS + 60_000
        message.start_time = T0_MS + 60_000
        message.duration = 40.0
        message.set_type = SetType.ACTIVE
        message.repetitions = reps
        message.weight = kg
        message.category = categories
        return message

    rest = SetMessage()
    rest.timestamp = T0_MS + 100_000
    rest.start_time = T0_MS + 100_000
    rest.duration = 60.0
    rest.set_type = SetType.REST
    session = _session(Sport.TRAINING, SubSport.STRENGTH_TRAINING, 900, 0)
    data = _fit(
        _file_id(),
        session,
        make_set([ExerciseCategory.SQUAT, ExerciseCategory.LUNGE], 8, 20.0),
        rest,
        make_set([ExerciseCategory.CURL], 12, 8.0),
        make_set([65534], 10, 0.0),
    )
    result = _read(data)
    (workout,) = result.activities
    assert workout.sport == "strength_training"
    assert [(s.exercise_id, s.source_name, s.reps, s.load_kg) for s in workout.sets] == [
        ("back_squat", "squat/lunge", 8, 20.0),
        (None, "curl", 12, 8.0),
        (None, "unknown", 10, 0.0),
    ]
    assert result.unmapped_exercises == ("curl",)


def test_bytes_after_a_complete_fit_file_are_ignored_with_a_warning() -> None:
    data = _fit(_file_id(), _session(Sport.RUNNING, SubSport.GENERIC, 600, 2000))
    result = _read(data + b"\x00\x00\x00")
    assert result.activities[0].distance_m == 2000
    assert "ignored bytes after the end of the FIT data" in result.warnings


def test_a_fit_file_named_otherwise_is_still_read_as_fit(tmp_path: Path) -> None:
    path = tmp_path / "ride.gpx"
    path.write_bytes(_fit(_file_id(), _session(Sport.CYCLING, SubSport.ROAD, 3600, 30000)))
    result = read_source(ImportSource(str(path), path.read_bytes))
    assert (result.format, result.activities[0].sport) == ("fit", "cycling")
