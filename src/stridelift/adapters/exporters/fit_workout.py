"""FIT workout export: one workout file per planned session, for watches and training apps.

Files are named ``YYYY-MM-DD-<kind>-<n>.fit`` (n: the session's rank among sessions of
its kind that day) inside the output folder. A run with planned ``steps`` (RUN-11) becomes
those steps: time or distance, a speed range around each step's pace, repeat groups as FIT
repeat steps. Other runs become timed steps (quality runs get a 10-minute warm-up and
cool-down around a main part with a pace range where the plan gives a pace); strength
and core sessions become warm-up steps, then per exercise a repetitions step (FIT
exercise category, name and weight where known), a rest step, and a repeat step for the
sets. Encoded with fit-tool; every value is taken from the document, so the same
document gives the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fit_tool import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
from fit_tool.profile.profile_type import (
    FileType,
    FitBaseUnit,
    Intensity,
    Manufacturer,
    Sport,
    SubSport,
    WorkoutStepDuration,
    WorkoutStepTarget,
)

from stridelift.adapters.exporters import _text
from stridelift.adapters.exporters._base import ExportError, ExportOptions, ExportResult
from stridelift.adapters.exporters._files import ensure_folder, write_files
from stridelift.adapters.exporters._fit_exercises import fit_exercise
from stridelift.adapters.exporters._plan import Exercise, Plan, Session, load_plan
from stridelift.adapters.exporters.workout import Repeat, RunStep, WorkoutStep, step_text

QUALITY_RUNS = ("quality", "intervals", "tempo", "race_pace")
QUALITY_WARMUP_S = 600  # the 10-minute warm-up and cool-down around a quality run
# Width of a pace target: +-3 % of the planned pace (about +-9 s/km at 4:45/km), wide
# enough that a watch does not nag on every hill.
PACE_TOLERANCE = 0.03
_NAME_CHARS = 48  # watches show short names; keep records small
_NOTE_CHARS = 120
# String fields are sized per definition; 32 bytes fits most names, so few redefinitions.
_MIN_STRING_BYTES = 32
_CROSS_SPORTS = {
    "bike": (Sport.CYCLING, SubSport.GENERIC),
    "cycling": (Sport.CYCLING, SubSport.GENERIC),
    "row": (Sport.ROWING, SubSport.INDOOR_ROWING),
    "rowing": (Sport.ROWING, SubSport.INDOOR_ROWING),
    "swim": (Sport.SWIMMING, SubSport.GENERIC),
    "swimming": (Sport.SWIMMING, SubSport.GENERIC),
    "elliptical": (Sport.FITNESS_EQUIPMENT, SubSport.ELLIPTICAL),
    "walk": (Sport.WALKING, SubSport.GENERIC),
    "hike": (Sport.HIKING, SubSport.GENERIC),
}
# RUN-11: a planned step's kind as a FIT intensity (anything else, e.g. "work", is active).
_STEP_INTENSITY = {
    "warmup": Intensity.WARMUP,
    "cooldown": Intensity.COOLDOWN,
    "recover": Intensity.RECOVERY,
    "rest": Intensity.REST,
}
_STEP_NAMES = {"warmup": "Warm-up", "cooldown": "Cool-down", "recover": "Recovery", "rest": "Rest"}
_EFFORT_NAMES = {"marathon": "Marathon pace", "race": "Race pace", "hill": "Hill"}
_FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-(run|strength|cross|core)-\d+\.fit$")


def workout_file_name(date: dt.date, kind: str, kind_index: int) -> str:
    """``2026-11-24-strength-1.fit``."""
    return f"{date.isoformat()}-{kind}-{kind_index}.fit"


@dataclass(frozen=True, slots=True)
class Step:
    """One workout step, as planned, before it is encoded.

    ``duration`` is "time" (seconds), "distance" (metres), "reps", "open" (until the lap
    button) or "repeat" (``value`` is the index of the step to go back to, ``repeat`` the
    number of times through).
    """

    index: int
    duration: str
    value: float | None = None
    name: str | None = None
    intensity: Intensity | None = None
    repeat: int | None = None
    speed_low: float | None = None  # m/s
    speed_high: float | None = None
    category: int | None = None
    exercise_name: int | None = None
    weight_kg: float | None = None
    weight_unit: int | None = None
    notes: str | None = None


def write_fit(doc: Mapping[str, Any], out: Path, options: ExportOptions) -> ExportResult:
    """Write one FIT workout file per selected session into the folder ``out``."""
    plan = load_plan(doc, options)
    ensure_folder(out)
    files: list[tuple[Path, bytes]] = []
    # A season repeats many identical steps; fit-tool derives a message's definition anew
    # each time a builder takes it, so one message object can go into several files.
    encoded: dict[Step, WorkoutStepMessage] = {}
    steps = 0
    total = len(plan.sessions)
    with _gc_paused():
        for week in plan.weeks:
            for day in week.days:
                for session in day.sessions:
                    planned = workout_steps(session, plan.units)
                    steps += len(planned)
                    messages = [
                        encoded.get(s) or encoded.setdefault(s, _message(s)) for s in planned
                    ]
                    name = workout_file_name(day.date, session.kind, session.kind_index)
                    files.append((out / name, _encode(plan, session, day.date, messages)))
                    if options.progress is not None:
                        options.progress(len(files), total)
    stale = _stale_files(out, plan, {path.name for path, _ in files})
    # Each file still lands whole (temp file + rename); only the per-file fsync is skipped,
    # which would cost seconds for a season of several hundred workouts on a slow disk.
    write_files(files, durable=False)
    for path in stale:
        try:
            path.unlink()
        except OSError as exc:
            raise ExportError(
                f"cannot remove stale workout {path}: {exc.strerror or exc}"
            ) from None
    return ExportResult(
        format="fit",
        files=tuple(path for path, _ in files),
        weeks=len(plan.weeks),
        sessions=len(plan.sessions),
        counts={"workouts": len(files), "steps": steps, "removed": len(stale)},
    )


def workout_steps(session: Session, units: str) -> list[Step]:
    """The steps of a session's workout, in order."""
    if session.kind == "run":
        return _run_steps(session, units)
    if session.kind in ("strength", "core"):
        return _strength_steps(session, units)
    label = (session.activity or "cross").capitalize()
    return [_timed(0, label, Intensity.ACTIVE, session.minutes * 60)]


def _run_steps(session: Session, units: str) -> list[Step]:
    if session.steps:  # RUN-11: the plan's own workout, step by step
        return _planned_steps(session.steps, units, [])
    total_s = session.minutes * 60
    label = _text.RUN_LABELS[session.run_type or "easy"]
    if session.run_type in QUALITY_RUNS:
        # A short session keeps the shape, with warm-up and cool-down a quarter each.
        easy_s = min(QUALITY_WARMUP_S, total_s / 4)
        notes = session.description or _text.pace(session.pace_s_per_km, units)
        low, high = _speeds(session.pace_s_per_km)
        main = _timed(1, label, Intensity.ACTIVE, total_s - 2 * easy_s)
        main = replace(
            main, notes=_clip(notes, _NOTE_CHARS) or None, speed_low=low, speed_high=high
        )
        return [
            _timed(0, "Warm-up", Intensity.WARMUP, easy_s),
            main,
            _timed(2, "Cool-down", Intensity.COOLDOWN, easy_s),
        ]
    if session.run_type == "race" and session.distance_km:
        low, high = _speeds(session.pace_s_per_km)
        metres = round(session.distance_km * 1000)
        return [
            Step(0, "distance", metres, label, Intensity.ACTIVE, speed_low=low, speed_high=high)
        ]
    # Easy, recovery, long and shakeout runs: one timed step, no pace or heart-rate target.
    return [_timed(0, label, Intensity.ACTIVE, total_s)]


def _planned_steps(items: tuple[WorkoutStep, ...], units: str, steps: list[Step]) -> list[Step]:
    """The plan's steps in order; a repeat group is its steps, then a repeat step that goes
    back to the group's first step (FIT's "repeat until steps complete")."""
    for item in items:
        if isinstance(item, Repeat):
            first = len(steps)
            _planned_steps(item.steps, units, steps)
            steps.append(Step(len(steps), "repeat", first, repeat=item.times))
        else:
            steps.append(_planned_step(len(steps), item, units))
    return steps


def _planned_step(index: int, step: RunStep, units: str) -> Step:
    """A time or distance step with its intensity, a speed range where the plan gives a pace,
    and the step in words (pace in the athlete's units) as its notes."""
    name = _STEP_NAMES.get(step.kind) or _EFFORT_NAMES.get(step.effort) or step.effort.title()
    low, high = _speeds(step.pace_s_per_km)
    duration, value = (
        ("distance", step.distance_m) if step.distance_m else ("time", step.duration_s)
    )
    return Step(
        index,
        duration,
        float(round(value or 0)),
        name,
        _STEP_INTENSITY.get(step.kind, Intensity.ACTIVE),
        speed_low=low,
        speed_high=high,
        notes=_clip(step_text(step, units), _NOTE_CHARS),
    )


def _speeds(pace_s_per_km: float | None) -> tuple[float | None, float | None]:
    """A speed range (m/s) around a planned pace; none (an open target) without a pace."""
    if not pace_s_per_km:
        return None, None
    return (
        round(1000 / (pace_s_per_km * (1 + PACE_TOLERANCE)), 3),
        round(1000 / (pace_s_per_km * (1 - PACE_TOLERANCE)), 3),
    )


def _strength_steps(session: Session, units: str) -> list[Step]:
    steps: list[Step] = []
    for item in session.warmup:
        if item.minutes:
            steps.append(_timed(len(steps), item.name, Intensity.WARMUP, item.minutes * 60))
        else:
            steps.append(
                Step(len(steps), "open", None, _clip(item.name, _NAME_CHARS), Intensity.WARMUP)
            )
    for exercise in session.exercises:
        work = len(steps)
        steps.append(_exercise_step(work, exercise, units))
        if exercise.rest_s:
            steps.append(_timed(len(steps), "Rest", Intensity.REST, exercise.rest_s))
        if exercise.sets > 1:
            steps.append(Step(len(steps), "repeat", work, repeat=exercise.sets))
    return steps


def _exercise_step(index: int, exercise: Exercise, units: str) -> Step:
    """One set of an exercise at the top of its range (reps, seconds held or metres).

    The whole prescription (range, effort, load note) goes in the step's notes.
    """
    category, name = fit_exercise(exercise)
    note = _text.sets_reps(exercise)
    if _text.effort(exercise):
        note += f" @ {_text.effort(exercise)}"
    if exercise.load_note:
        note += f"; {exercise.load_note}"
    unit = FitBaseUnit.POUND if units == "imperial" else FitBaseUnit.KILOGRAM
    duration = {"seconds": "time", "metres": "distance"}.get(exercise.measure, "reps")
    return Step(
        index,
        duration,
        exercise.reps_max,
        _clip(exercise.name, _NAME_CHARS),
        Intensity.ACTIVE,
        category=None if category is None else category.value,
        exercise_name=name,
        weight_kg=exercise.load_kg,
        weight_unit=None if exercise.load_kg is None else unit.value,
        notes=_clip(note, _NOTE_CHARS),
    )


def _timed(index: int, name: str, intensity: Intensity, seconds: float) -> Step:
    return Step(index, "time", float(round(seconds)), _clip(name, _NAME_CHARS), intensity)


def _message(step: Step) -> WorkoutStepMessage:
    """The fit-tool message of a step (the duration type is set first: it selects the field)."""
    message = WorkoutStepMessage()
    message.message_index = step.index
    if step.name is not None:
        message.workout_step_name = step.name
    if step.intensity is not None:
        message.intensity = step.intensity
    if step.duration == "repeat":
        message.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
        message.duration_step = int(step.value or 0)
        message.target_repeat_steps = step.repeat
        return message
    if step.duration == "time":
        message.duration_type = WorkoutStepDuration.TIME
        message.duration_time = float(step.value or 0)
    elif step.duration == "distance":
        message.duration_type = WorkoutStepDuration.DISTANCE
        message.duration_distance = float(step.value or 0)
    elif step.duration == "reps":
        message.duration_type = WorkoutStepDuration.REPS
        message.duration_reps = int(step.value or 0)
    else:
        message.duration_type = WorkoutStepDuration.OPEN
    if step.speed_low is not None and step.speed_high is not None:
        message.target_type = WorkoutStepTarget.SPEED
        message.target_value = 0  # 0: a custom range rather than a speed zone
        message.custom_target_speed_low = step.speed_low
        message.custom_target_speed_high = step.speed_high
    else:
        message.target_type = WorkoutStepTarget.OPEN
    if step.category is not None:
        message.exercise_category = step.category
    if step.exercise_name is not None:
        message.exercise_name = step.exercise_name
    if step.weight_kg is not None:
        message.exercise_weight = step.weight_kg
        message.weight_display_unit = step.weight_unit
    if step.notes:
        message.notes = step.notes
    return message


def _encode(plan: Plan, session: Session, date: dt.date, steps: list[WorkoutStepMessage]) -> bytes:
    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    identity = f"{plan.athlete_name}|{workout_file_name(date, session.kind, session.kind_index)}"
    file_id.serial_number = zlib.crc32(identity.encode("utf-8")) or 1  # uint32z: 0 is invalid
    created = dt.datetime.combine(plan.today, dt.time(0, 0), tzinfo=dt.UTC)
    file_id.time_created = round(created.timestamp() * 1000)

    sport, sub_sport = _sport(session)
    workout = WorkoutMessage()
    race = _text.race_on(session, plan, date.isoformat())
    workout.workout_name = _clip(_text.title(session, plan.units, race), _NAME_CHARS)
    workout.sport = sport
    workout.sub_sport = sub_sport
    workout.num_valid_steps = len(steps)

    builder = FitFileBuilder(auto_define=True, min_string_size=_MIN_STRING_BYTES)
    builder.add(file_id)
    builder.add(workout)
    builder.add_all(steps)
    return bytes(builder.build_bytes())


def _sport(session: Session) -> tuple[Sport, SubSport]:
    if session.kind == "run":
        return Sport.RUNNING, SubSport.GENERIC
    if session.kind == "cross":
        return _CROSS_SPORTS.get(
            (session.activity or "").lower(), (Sport.GENERIC, SubSport.GENERIC)
        )
    if (session.template or "").lower() == "mobility":
        return Sport.TRAINING, SubSport.FLEXIBILITY_TRAINING
    return Sport.TRAINING, SubSport.STRENGTH_TRAINING


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while encoding.

    fit-tool builds a few hundred small objects per step; with the collector on, its
    repeated scans cost a third of a season's export. Nothing encoded here needs it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _stale_files(out: Path, plan: Plan, written: set[str]) -> list[Path]:
    """Workouts of a previous export in the exported weeks that the plan no longer holds."""
    if plan.first_day is None or plan.last_day is None:
        return []
    stale = []
    for path in sorted(out.iterdir()):
        match = _FILE_NAME.match(path.name)
        if match is None or path.name in written or not path.is_file():
            continue
        try:
            day = dt.date.fromisoformat(match.group(1))
        except ValueError:
            continue
        if plan.first_day <= day <= plan.last_day and _is_fit(path):
            stale.append(path)
    return stale


def _is_fit(path: Path) -> bool:
    """Whether a file holds a FIT header (``.FIT`` at bytes 8-11), not just the extension."""
    try:
        with path.open("rb") as handle:
            return handle.read(12)[8:12] == b".FIT"
    except OSError:
        return False


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
