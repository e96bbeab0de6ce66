"""The workout library (methodologies/workouts.toml) read into checked shapes (RUN-11)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from stridelift.domain.athlete import LEVELS
from stridelift.domain.errors import MISSING, InputError
from stridelift.domain.methodology import PHASES, RACE_KEYS

EFFORTS = (
    "easy",
    "steady",
    "marathon",
    "threshold",
    "interval",
    "repetition",
    "race",
    "hill",
)
WORKOUT_RUN_TYPES = ("intervals", "tempo", "race_pace", "long")
DISTANCES = RACE_KEYS  # the target race's distance, "none" without one
UNITS = ("m", "s")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_FIELDS = (
    "id",
    "name",
    "run_type",
    "phases",
    "distances",
    "levels",
    "effort",
    "unit",
    "doses",
    "recover_s",
    "warmup_min",
    "cooldown_min",
    "max_share",
)
_OPTIONAL = ("warmup_min", "cooldown_min", "max_share")
_DEFAULTS = ("warmup_min", "cooldown_min", "level_ceiling", "deload_step_back", "race_warmup_min")


class WorkoutError(InputError):
    """The workout library holds an invalid entry."""


@dataclass(frozen=True, slots=True)
class Shape:
    """One workout of the library: what it is for and the ladder of doses it climbs."""

    id: str
    name: str
    run_type: str
    phases: frozenset[str]
    distances: frozenset[str]
    levels: frozenset[str]
    effort: str
    unit: str
    doses: tuple[tuple[int, int], ...]
    recover_s: int
    warmup_min: tuple[int, int, int]
    cooldown_min: tuple[int, int]
    max_share: float

    def fits(self, run_type: str, phase: str, distance: str, level: str) -> bool:
        """Whether this shape serves a run of this type, phase, target distance and level."""
        return (
            self.run_type == run_type
            and phase in self.phases
            and distance in self.distances
            and level in self.levels
        )


@dataclass(frozen=True, slots=True)
class WorkoutLibrary:
    """Every workout shape, in preference order, and the numbers they share."""

    shapes: tuple[Shape, ...]
    level_ceiling: tuple[float, ...]
    deload_step_back: int
    race_warmup_min: tuple[tuple[str, int], ...]

    def pick(self, run_type: str, phase: str, distance: str, level: str) -> Shape | None:
        """The first shape for the run; failing that, one for any level, then any
        distance, then any phase ("quality" runs take tempo shapes)."""
        kind = "tempo" if run_type == "quality" else run_type
        tries = (
            (phase, distance, level),
            (phase, distance, None),
            (phase, None, level),
            (phase, None, None),
            (None, distance, level),
            (None, None, None),
        )
        for ph, dist, lvl in tries:
            for s in self.shapes:
                if (
                    s.run_type == kind
                    and (ph is None or ph in s.phases)
                    and (dist is None or dist in s.distances)
                    and (lvl is None or lvl in s.levels)
                ):
                    if kind == "long" and (ph is None or dist is None):
                        return None  # goal-pace segments only where a shape says so
                    return s
        return None

    def ceiling(self, level: str) -> float:
        """Share of a ladder the level reaches by the end of a phase."""
        return self.level_ceiling[LEVELS.index(level)] if level in LEVELS else 1.0

    def race_warmup(self, distance: str) -> int:
        """Minutes of easy running before a race of this distance."""
        return dict(self.race_warmup_min).get(distance, 0)


def _whole(value: object, key: str, low: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise WorkoutError(key, value, f"should be a whole number of at least {low}")
    return value


def _text(value: object, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise WorkoutError(key, value, "should be a non-empty string")
    return value


def _choices(value: object, key: str, allowed: tuple[str, ...]) -> frozenset[str]:
    if not isinstance(value, list) or not value:
        raise WorkoutError(key, value, f"should be a non-empty list of: {', '.join(allowed)}")
    for k, item in enumerate(value, start=1):
        if item not in allowed:
            raise WorkoutError(f"{key}[{k}]", item, f"should be one of: {', '.join(allowed)}")
    return frozenset(str(x) for x in value)


def _choice(value: object, key: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise WorkoutError(key, value, f"should be one of: {', '.join(allowed)}")
    return str(value)


def _ints(value: object, key: str, n: int) -> tuple[int, ...]:
    if not isinstance(value, list) or len(value) != n:
        raise WorkoutError(key, value, f"should be a list of {n} whole numbers")
    out = tuple(_whole(x, f"{key}[{k}]") for k, x in enumerate(value, start=1))
    if list(out) != sorted(out):
        raise WorkoutError(key, value, "should be in rising order")
    return out


def _doses(value: object, key: str) -> tuple[tuple[int, int], ...]:
    if not isinstance(value, list) or not value:
        raise WorkoutError(key, value, "should be a non-empty list of [reps, length] pairs")
    out: list[tuple[int, int]] = []
    for k, pair in enumerate(value, start=1):
        if not isinstance(pair, list) or len(pair) != 2:
            raise WorkoutError(f"{key}[{k}]", pair, "should be a [reps, length] pair")
        dose = (_whole(pair[0], f"{key}[{k}]", 1), _whole(pair[1], f"{key}[{k}]", 1))
        if out and dose[0] * dose[1] <= out[-1][0] * out[-1][1]:
            raise WorkoutError(f"{key}[{k}]", pair, "should be more work than the dose before")
        out.append(dose)
    return tuple(out)


def _shape(entry: object, where: str, defaults: Mapping[str, object]) -> Shape:
    if not isinstance(entry, Mapping):
        raise WorkoutError(where, entry, "should be a table of workout fields")
    for key in entry:
        if key not in _FIELDS:
            raise WorkoutError(f"{where}.{key}", entry[key], f"is not a field; known: {_FIELDS}")
    for key in _FIELDS:
        if key not in entry and key not in _OPTIONAL:
            raise WorkoutError(f"{where}.{key}", MISSING, "is required")
    shape_id = _text(entry["id"], f"{where}.id")
    if not _ID.match(shape_id):
        raise WorkoutError(f"{where}.id", shape_id, "should be snake_case, e.g. cruise_intervals")
    effort = _choice(entry["effort"], f"{where}.effort", EFFORTS)
    unit = _choice(entry["unit"], f"{where}.unit", UNITS)
    if effort == "hill" and unit != "s":
        raise WorkoutError(f"{where}.unit", unit, 'should be "s": hill reps go by effort')
    share = entry.get("max_share", 1.0)
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 1:
        raise WorkoutError(f"{where}.max_share", share, "should be a number in (0, 1]")
    warm = _ints(entry.get("warmup_min", defaults["warmup_min"]), f"{where}.warmup_min", 3)
    cool = _ints(entry.get("cooldown_min", defaults["cooldown_min"]), f"{where}.cooldown_min", 2)
    return Shape(
        id=shape_id,
        name=_text(entry["name"], f"{where}.name"),
        run_type=_choice(entry["run_type"], f"{where}.run_type", WORKOUT_RUN_TYPES),
        phases=_choices(entry["phases"], f"{where}.phases", PHASES),
        distances=_choices(entry["distances"], f"{where}.distances", DISTANCES),
        levels=_choices(entry["levels"], f"{where}.levels", LEVELS),
        effort=effort,
        unit=unit,
        doses=_doses(entry["doses"], f"{where}.doses"),
        recover_s=_whole(entry["recover_s"], f"{where}.recover_s"),
        warmup_min=(warm[0], warm[1], warm[2]),
        cooldown_min=(cool[0], cool[1]),
        max_share=float(share),
    )


def _defaults(value: object) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise WorkoutError("defaults", value, "should be a table")
    for key in _DEFAULTS:
        if key not in value:
            raise WorkoutError(f"defaults.{key}", MISSING, "is required")
    for key in value:
        if key not in _DEFAULTS:
            raise WorkoutError(f"defaults.{key}", value[key], f"is not a field; known: {_DEFAULTS}")
    return value


def workouts_from_mapping(data: Mapping[str, object]) -> WorkoutLibrary:
    """Build the library from a parsed workouts file ([defaults] and [[workout]] tables).

    Raises:
        WorkoutError: naming the first offending key, e.g. ``workout[3].doses[2]``.
    """
    for key, value in data.items():
        if key not in ("defaults", "workout"):
            raise WorkoutError(key, value, "is not a library key; known: defaults, workout")
    defaults = _defaults(data.get("defaults", MISSING))
    entries = data.get("workout", MISSING)
    if not isinstance(entries, list) or not entries:
        raise WorkoutError("workout", entries, "should be a non-empty array of [[workout]] tables")
    shapes = tuple(_shape(e, f"workout[{k}]", defaults) for k, e in enumerate(entries, start=1))
    seen: set[str] = set()
    for k, s in enumerate(shapes, start=1):
        if s.id in seen:
            raise WorkoutError(f"workout[{k}].id", s.id, "is used twice; ids are unique")
        seen.add(s.id)
    ceiling = defaults["level_ceiling"]
    if not isinstance(ceiling, list) or len(ceiling) != len(LEVELS):
        raise WorkoutError("defaults.level_ceiling", ceiling, f"should be {len(LEVELS)} numbers")
    for k, c in enumerate(ceiling, start=1):
        if isinstance(c, bool) or not isinstance(c, int | float) or not 0 <= c <= 1:
            raise WorkoutError(f"defaults.level_ceiling[{k}]", c, "should be a number in [0, 1]")
    warm = defaults["race_warmup_min"]
    if not isinstance(warm, Mapping):
        raise WorkoutError("defaults.race_warmup_min", warm, "should be a table by distance")
    for dist, minutes in warm.items():
        _choice(dist, f"defaults.race_warmup_min.{dist}", DISTANCES)
        _whole(minutes, f"defaults.race_warmup_min.{dist}")
    return WorkoutLibrary(
        shapes=shapes,
        level_ceiling=tuple(float(c) for c in ceiling),
        deload_step_back=_whole(defaults["deload_step_back"], "defaults.deload_step_back"),
        race_warmup_min=tuple((str(d), int(m)) for d, m in warm.items()),
    )
