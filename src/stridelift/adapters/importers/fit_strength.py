"""Strength sets recorded by a watch (FIT `set` messages), mapped onto the exercise library."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from fitdecode import profile

from stridelift.adapters.importers.samples import finite
from stridelift.domain.activity import StrengthSet

if TYPE_CHECKING:
    from stridelift.domain.exercises import ExerciseLibrary

# FIT's exercise_category enum (number -> name), from fitdecode's copy of the FIT profile.
_CATEGORY_NAMES: dict[int, str] = dict(profile.FIELD_TYPES["exercise_category"].enum)
_UNKNOWN_CATEGORY = "unknown"

# FIT exercise_category -> the default library's exercise id. A category is a family
# ("squat" covers goblet, back, split...), so each maps to the library's plainest member
# of that family; the subtype numbers that would say which squat are not mapped.
FIT_CATEGORY_EXERCISES: dict[str, str] = {
    "bench_press": "barbell_bench_press",
    "calf_raise": "bodyweight_calf_raise",
    "carry": "farmers_carry",
    "chop": "cable_woodchop",
    "core": "dead_bug",
    "crunch": "reverse_crunch",
    "deadlift": "barbell_deadlift",
    "hip_raise": "glute_bridge",
    "hip_stability": "clamshell",
    "hip_swing": "kettlebell_swing",
    "hyperextension": "back_extension",
    "leg_curl": "machine_hamstring_curl",
    "leg_raise": "hanging_knee_raise",
    "lunge": "walking_lunge",
    "plank": "plank",
    "plyo": "jump_squat",
    "pull_up": "pull_up",
    "push_up": "push_up",
    "row": "dumbbell_row",
    "shoulder_press": "dumbbell_overhead_press",
    "shoulder_stability": "band_pull_apart",
    "squat": "back_squat",
}


def strength_sets(
    messages: Sequence[dict[str, object]], library: ExerciseLibrary | None
) -> tuple[tuple[StrengthSet, ...], list[str]]:
    """Active sets as StrengthSets, and the category names no exercise id was found for.

    Rest sets are left out. A set lists up to a few candidate categories (the watch's
    guesses, best first); the first named one decides the exercise, and all of them are
    kept in ``source_name`` ("triceps_extension/push_up/pull_up").
    """
    sets: list[StrengthSet] = []
    unmapped: list[str] = []
    for message in messages:
        if message.get("set_type") != "active":
            continue
        names = _category_names(message.get("category"))
        exercise_id = None
        known = [n for n in names if n != _UNKNOWN_CATEGORY]
        if known:
            exercise_id = exercise_for_category(known[0], library)
            if exercise_id is None and known[0] not in unmapped:
                unmapped.append(known[0])
        reps = finite(message.get("repetitions"))
        sets.append(
            StrengthSet(
                exercise_id=exercise_id,
                reps=int(reps) if reps is not None else 0,
                load_kg=finite(message.get("weight")),
                source_name="/".join(names) if names else None,
                duration_s=finite(message.get("duration")),
            )
        )
    return tuple(sets), unmapped


def exercise_for_category(category: str, library: ExerciseLibrary | None) -> str | None:
    """The library id for a FIT exercise category, or None when nothing fits.

    Without a library the default library's ids are used as they are; with one, an id it
    does not hold falls back to looking the category up by name ("calf_raise" -> "Calf raise").
    """
    exercise_id = FIT_CATEGORY_EXERCISES.get(category)
    if library is None:
        return exercise_id
    if exercise_id is not None and exercise_id in library:
        return exercise_id
    found = library.find(category.replace("_", " "))
    return found.id if found is not None else None


def _category_names(value: object) -> list[str]:
    """Names of a set's categories (one value or a tuple of them), in order, deduplicated."""
    values = value if isinstance(value, tuple | list) else (value,)
    names: list[str] = []
    for item in values:
        # fitdecode names a lone value ("curl") but leaves a tuple of them as numbers.
        if isinstance(item, str):
            name = item
        elif isinstance(item, int) and not isinstance(item, bool):
            name = _CATEGORY_NAMES.get(item, _UNKNOWN_CATEGORY)
        else:
            continue
        if name not in names:
            names.append(name)
    return names
