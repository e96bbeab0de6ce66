"""Load the methodology and the exercise library from their data files."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from stridelift.domain.errors import InputError
from stridelift.domain.methodology import Methodology, methodology_from_mapping
from stridelift.errors import UsageError

if TYPE_CHECKING:
    from stridelift.domain.exercises import ExerciseLibrary
    from stridelift.domain.workout_library import WorkoutLibrary


def _read_default(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def parse_methodology(text: str, source: str) -> Methodology:
    """Parse methodology TOML text; errors name ``source`` and the bad key."""
    try:
        return methodology_from_mapping(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise UsageError(f"{source}: not valid TOML ({exc})") from exc
    except InputError as exc:
        raise UsageError(f"{source}: {exc}") from exc


@lru_cache(maxsize=1)
def default_methodology() -> Methodology:
    """The methodology that ships with Stridelift (methodologies/default.toml)."""
    return parse_methodology(_read_default("default.toml"), "default.toml")


def load_methodology(path: Path | None) -> Methodology:
    """A coach's methodology file, or the default when ``path`` is None."""
    if path is None:
        return default_methodology()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read methodology ({exc.strerror})") from exc
    return parse_methodology(text, path.name)


@lru_cache(maxsize=1)
def load_library() -> ExerciseLibrary:
    """The exercise library that ships with Stridelift (methodologies/exercises.toml)."""
    from stridelift.domain.exercises import library_from_mapping

    try:
        return library_from_mapping(tomllib.loads(_read_default("exercises.toml")))
    except InputError as exc:
        raise UsageError(f"exercises.toml: {exc}") from exc


def parse_workouts(text: str, source: str) -> WorkoutLibrary:
    """Parse workout-library TOML text; errors name ``source`` and the bad key."""
    from stridelift.domain.workout_library import workouts_from_mapping

    try:
        return workouts_from_mapping(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{source}: not valid TOML ({exc})") from exc
    except InputError as exc:
        raise UsageError(f"{source}: {exc}") from exc


@lru_cache(maxsize=1)
def load_workouts() -> WorkoutLibrary:
    """The workout library that ships with Stridelift (methodologies/workouts.toml, RUN-11)."""
    return parse_workouts(_read_default("workouts.toml"), "workouts.toml")
