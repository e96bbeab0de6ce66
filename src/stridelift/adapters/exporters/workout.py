"""A run's structured workout (RUN-11): read from the plan document and said in plain words.

The plan gives a run's ``steps`` as a list of steps ({"kind", "duration_s" or "distance_m",
"effort", "pace_s_per_km"}) and repeat groups ({"repeat": N, "steps": [...]}). Every text
output (terminal, calendar, PDF, CSV, FIT notes) words them the same way, e.g.
``15 min easy (6:10/km) · 5 × (1 km at interval pace 4:18/km, 3 min easy jog) · 10 min easy``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from stridelift.adapters.exporters import _fields as read
from stridelift.adapters.exporters._base import ExportError
from stridelift.domain.units import KM_PER_MILE, format_duration, km_to_miles

EFFORTS = ("easy", "steady", "marathon", "threshold", "interval", "repetition", "race", "hill")
# Steps whose effort reads as an adjective with the pace in brackets ("15 min easy (6:10/km)");
# the others name their pace ("1 km at interval pace 4:18/km").
_RELAXED = ("easy", "steady")
KIND_LABELS = {"warmup": "Warm-up", "cooldown": "Cool-down"}
# Distances below this are said in metres in both unit systems: reps are run on a 400 m
# track or measured like one, also where road distances are in miles.
_METRES_BELOW = 2000


@dataclass(frozen=True, slots=True)
class RunStep:
    """One step of a workout: how long (time or distance), how hard, and at what pace."""

    kind: str  # warmup, work, recover, cooldown, rest, ...
    effort: str  # one of EFFORTS
    duration_s: float | None = None
    distance_m: float | None = None
    pace_s_per_km: float | None = None


@dataclass(frozen=True, slots=True)
class Repeat:
    """Steps run ``times`` times through (e.g. 5 × 1 km hard, 3 min jog)."""

    times: int
    steps: tuple[WorkoutStep, ...]


WorkoutStep: TypeAlias = "RunStep | Repeat"


def read_steps(value: object, path: str) -> tuple[WorkoutStep, ...]:
    """The steps at ``path`` in the plan document (none when the field is absent)."""
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise read.fail(path, value, "is not a list of steps")
    return tuple(_step(item, f"{path}[{i}]") for i, item in enumerate(value))


def _step(value: object, path: str) -> WorkoutStep:
    raw = read.as_mapping(value, path)
    if "repeat" in raw:
        times = read.integer(raw, "repeat", f"{path}.repeat")
        if times < 1:
            raise read.fail(f"{path}.repeat", times, "is not a whole number >= 1")
        inner = read_steps(raw.get("steps"), f"{path}.steps")
        if not inner:
            raise read.fail(f"{path}.steps", raw.get("steps"), "is not a non-empty list of steps")
        return Repeat(times, inner)
    effort = raw.get("effort")
    if effort not in EFFORTS:
        raise read.fail(f"{path}.effort", effort, f"is not one of {', '.join(EFFORTS)}")
    duration = read.optional_number(raw, "duration_s", f"{path}.duration_s")
    distance = read.optional_number(raw, "distance_m", f"{path}.distance_m")
    if not duration and not distance:
        raise ExportError(
            f"plan document: {path}: a step needs duration_s or distance_m (a number > 0)"
        )
    return RunStep(
        kind=read.text(raw, "kind", f"{path}.kind"),
        effort=str(effort),
        duration_s=duration or None,
        distance_m=distance or None,
        pace_s_per_km=read.optional_number(raw, "pace_s_per_km", f"{path}.pace_s_per_km") or None,
    )


def pace_text(pace_s_per_km: float, units: str) -> str:
    """``4:18/km``, or per mile for imperial athletes (``6:55/mi``)."""
    if units == "imperial":
        return f"{format_duration(pace_s_per_km * KM_PER_MILE)}/mi"
    return f"{format_duration(pace_s_per_km)}/km"


def amount(step: RunStep, units: str) -> str:
    """How much of a step: ``400 m``, ``5 km``, ``3.1 mi``, ``15 min``, ``90 s``, ``2:30 min``.

    A step with both a distance and a time is said by its distance, the prescription.
    """
    if step.distance_m:
        metres = step.distance_m
        if metres < _METRES_BELOW and (units == "imperial" or metres % 1000):
            return f"{metres:.0f} m"
        if units == "imperial":
            return f"{_decimal(km_to_miles(metres / 1000))} mi"
        return f"{_decimal(metres / 1000)} km"
    seconds = round(step.duration_s or 0)
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    if seconds < 120:
        return f"{seconds} s"
    return f"{format_duration(seconds)} min"


def step_text(step: RunStep, units: str) -> str:
    """One step without its kind: ``1 km at interval pace 4:18/km``, ``3 min easy jog``."""
    size = amount(step, units)
    if step.kind == "rest":
        return f"{size} rest"
    pace = pace_text(step.pace_s_per_km, units) if step.pace_s_per_km else ""
    if step.effort in _RELAXED:
        word = f"{step.effort} jog" if step.kind == "recover" else step.effort
        return f"{size} {word} ({pace})" if pace else f"{size} {word}"
    if step.effort == "hill":
        return f"{size} uphill at {pace}" if pace else f"{size} hard uphill"
    if pace:
        return f"{size} at {step.effort} pace {pace}"
    return f"{size} at {step.effort} effort"


def item_text(item: WorkoutStep, units: str) -> str:
    """A step, or a repeat group on one line: ``5 × (1 km at interval pace 4:18/km, ...)``."""
    if isinstance(item, Repeat):
        inner = ", ".join(item_text(s, units) for s in item.steps)
        return f"{item.times} × ({inner})"
    return step_text(item, units)


def workout_line(steps: Sequence[WorkoutStep], units: str) -> str:
    """The whole workout on one line, steps separated by `` · `` ("" when there are none)."""
    return " · ".join(item_text(s, units) for s in steps)


def workout_lines(steps: Sequence[WorkoutStep], units: str) -> list[str]:
    """One line per step (a repeat group is one line), warm-up and cool-down named."""
    lines = []
    for item in steps:
        text = item_text(item, units)
        if isinstance(item, RunStep) and item.kind in KIND_LABELS:
            text = f"{KIND_LABELS[item.kind]}: {text}"
        lines.append(text)
    return lines


def session_workout_line(session: Mapping[str, Any], units: str, path: str = "steps") -> str:
    """A run document's ``steps`` on one line, for the terminal ("" when it has none)."""
    return workout_line(read_steps(session.get("steps"), path), units)


def _decimal(value: float) -> str:
    """One decimal without a useless ``.0``: 5, 2.5, 42.2."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
