"""Find and load the methodologies and the exercise library from their data files.

Every ``*.toml`` here except the library is a shipped methodology, chosen by name: the file
name with hyphens for underscores (``s1_ten_week.toml`` is ``s1-ten-week``). A methodology
file may say ``extends = "NAME"``: it then holds only what differs from that shipped
methodology, its tables merged into the other's key by key.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stridelift.domain.errors import InputError
from stridelift.domain.methodology import Methodology, methodology_from_mapping
from stridelift.errors import UsageError

if TYPE_CHECKING:
    from stridelift.domain.exercises import ExerciseLibrary
    from stridelift.domain.workout_library import WorkoutLibrary

DEFAULT_NAME = "default"
LIBRARY_FILE = "exercises.toml"
WORKOUTS_FILE = "workouts.toml"  # the workout library (RUN-11), not a methodology
LIBRARIES = frozenset({LIBRARY_FILE, WORKOUTS_FILE})
# A profile's ``methodology = "coach:NAME"``: the coach's methodology applied to the athlete,
# a copy kept in the database (services/coach_methodologies.py), not a shipped file.
COACH_PREFIX = "coach:"


def _read_default(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def shipped_names() -> tuple[str, ...]:
    """The names of the methodologies that ship with Stridelift, the default first."""
    files = [
        f.name
        for f in resources.files(__package__).iterdir()
        if f.name.endswith(".toml") and f.name not in LIBRARIES
    ]
    names = sorted(f.removesuffix(".toml").replace("_", "-") for f in files)
    return tuple(sorted(names, key=lambda n: n != DEFAULT_NAME))


def _file_of(name: str) -> str:
    return name.replace("-", "_") + ".toml"


def _merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``over`` laid on top: tables merge key by key, anything else replaces."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out


def _resolve(data: dict[str, Any], source: str, depth: int = 0) -> dict[str, Any]:
    """The file's mapping with what it extends merged under it."""
    if "extends" not in data:
        return data
    parent = data.pop("extends")
    if "name" not in data:  # the plan names the methodology: a variant needs its own name
        raise UsageError(f"{source}: name: missing: a file that extends another needs its own")
    if not isinstance(parent, str) or parent not in shipped_names():
        raise UsageError(
            f"{source}: extends: {parent!r} is not a shipped methodology: use "
            + ", ".join(shipped_names())
        )
    if depth > 3:
        raise UsageError(f"{source}: extends: {parent!r} extends too many files in turn")
    base = _resolve(_toml(_read_default(_file_of(parent)), parent), parent, depth + 1)
    return _merged(base, data)


def _toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise UsageError(f"{source}: not valid TOML ({exc})") from exc


def resolved_mapping(text: str, source: str) -> dict[str, Any]:
    """A methodology file's mapping, with what it ``extends`` merged under it."""
    return _resolve(_toml(text, source), source)


def shipped_mapping(name: str) -> dict[str, Any]:
    """A shipped methodology's mapping, as its file and what it extends make it."""
    return resolved_mapping(_read_default(_file_of(name)), name)


def check_exercises(m: Methodology, source: str) -> None:
    """Every program movement is in the exercise library (CONTENT-7 finds its substitutes)."""
    if m.program is None:
        return
    lib = load_library()
    for wk in m.program.weeks:
        for i, item in enumerate(wk.items, 1):
            if item.exercise not in lib:
                raise UsageError(
                    f"{source}: program.week[{wk.week}].items[{i}].exercise: "
                    f"{item.exercise!r} is not in the exercise library ({LIBRARY_FILE})"
                )


def parse_methodology(text: str, source: str) -> Methodology:
    """Parse methodology TOML text; errors name ``source`` and the bad key."""
    data = _resolve(_toml(text, source), source)
    try:
        m = methodology_from_mapping(data)
    except InputError as exc:
        raise UsageError(f"{source}: {exc}") from exc
    check_exercises(m, source)
    return m


@lru_cache(maxsize=8)
def shipped_methodology(name: str) -> Methodology:
    """A methodology that ships with Stridelift, by name (see ``shipped_names``).

    Raises:
        UsageError: naming the known methodologies when ``name`` is not one of them.
    """
    if name not in shipped_names():
        raise UsageError(
            f"methodology: {name!r} is not a shipped methodology: use " + ", ".join(shipped_names())
        )
    return parse_methodology(_read_default(_file_of(name)), _file_of(name))


def default_methodology() -> Methodology:
    """The methodology that ships with Stridelift (methodologies/default.toml)."""
    return shipped_methodology(DEFAULT_NAME)


@dataclass(frozen=True, slots=True)
class CoachCopy:
    """A coach's methodology as applied to an athlete: its name, version and text."""

    name: str
    version: int
    text: str


@lru_cache(maxsize=16)
def _coach_methodology(name: str, version: int, text: str) -> Methodology:
    m = parse_methodology(text, COACH_PREFIX + name)
    return replace(m, name=COACH_PREFIX + name, version=version)


def coach_methodology(copy: CoachCopy) -> Methodology:
    """A coach's methodology, named in the plan as ``coach:NAME`` with its stored version."""
    return _coach_methodology(copy.name, copy.version, copy.text)


def load_methodology(
    path: Path | None,
    name: str | None = None,
    source: str = "profile",
    applied: CoachCopy | None = None,
) -> Methodology:
    """A coach's methodology file; else the shipped one named ``name`` (a profile's
    ``methodology``; errors name ``source``), or the coach's copy ``applied`` when ``name``
    is ``coach:NAME``; else the default."""
    if path is None and name and name.startswith(COACH_PREFIX):
        if applied is None or COACH_PREFIX + applied.name != name:
            raise UsageError(
                f"{source}: methodology: {name!r} is a coach's methodology kept in the "
                "database: plan the stored athlete (--athlete NAME), or pass a file with "
                "--methodology FILE"
            )
        return coach_methodology(applied)
    if path is None:
        try:
            return shipped_methodology(name or DEFAULT_NAME)
        except UsageError as exc:
            raise UsageError(f"{source}: {exc}") from None
    try:
        text = path.read_bytes().decode("utf-8-sig")  # a byte-order mark is not content
    except OSError as exc:
        raise UsageError(f"{path}: cannot read methodology ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{path}: methodology is not UTF-8 text (byte {exc.start} cannot be read)"
        ) from None
    return parse_methodology(text, path.name)


@dataclass(frozen=True, slots=True)
class ShippedMethodology:
    """One line of ``stridelift methodologies``."""

    key: str
    name: str
    version: int
    fits: str
    weeks: int  # weeks of its fixed program, 0 when it has none


def shipped() -> tuple[ShippedMethodology, ...]:
    """Every shipped methodology, the default first."""
    out = []
    for key in shipped_names():
        m = shipped_methodology(key)
        weeks = len(m.program.weeks) if m.program is not None else 0
        out.append(ShippedMethodology(key, m.name, m.version, m.fits, weeks))
    return tuple(out)


@lru_cache(maxsize=1)
def load_library() -> ExerciseLibrary:
    """The exercise library that ships with Stridelift (methodologies/exercises.toml)."""
    from stridelift.domain.exercises import library_from_mapping

    try:
        return library_from_mapping(tomllib.loads(_read_default(LIBRARY_FILE)))
    except InputError as exc:
        raise UsageError(f"{LIBRARY_FILE}: {exc}") from exc


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
    return parse_workouts(_read_default(WORKOUTS_FILE), WORKOUTS_FILE)
