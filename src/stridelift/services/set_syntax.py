"""The SET syntax of a hand-logged lift (``trap_bar_deadlift:5x100@2``) and its parser."""

from __future__ import annotations

import re
from typing import Protocol

from stridelift.domain import plausible as bounds
from stridelift.domain.activity import PAIN_SIDES, StrengthSet
from stridelift.domain.units import lb_to_kg
from stridelift.errors import UsageError

PAIN_MIN, PAIN_MAX = 0, 10
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")  # an area's name: knee, achilles
SET_RE = re.compile(
    r"""^(?P<exercise>[^:\s]+):
        (?:(?P<reps>\d+)|(?P<hold>\d+(?:\.\d+)?)s|(?P<metres>\d+(?:\.\d+)?)m)
        (?:x(?P<load>\d+(?:\.\d+)?)(?P<unit>kg|lb)?)?
        (?:@(?P<rir>\d+))?
        (?:\*(?P<count>\d+))?
        (?P<flags>(?:[+!][^+!]+)*)$""",
    re.VERBOSE,
)
SET_SYNTAX = (
    "EXERCISE:REPS|SECONDSs|METRESm[xLOAD[kg|lb]][@RIR][*SETS][+tech][+pain=LEVEL[:SIDE][:AREA]]"
)


class ExerciseCatalog(Protocol):
    """What logging needs of the exercise library: membership and close names."""

    def __contains__(self, exercise_id: object) -> bool:
        """True when ``exercise_id`` is an exercise id of the library."""
        ...

    def suggest(self, text: str, limit: int = 3) -> tuple[str, ...]:
        """Ids reading closest to ``text``, best first."""
        ...


def unknown_exercise(name: str, exercises: ExerciseCatalog) -> str:
    """The ``unknown exercise`` message, with the closest known ids as suggestions."""
    close = exercises.suggest(name, 3)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    return f"unknown exercise {name!r}{hint}"


def pain_flag(text: str, value: str) -> tuple[int, str | None, str | None]:
    parts = value.split(":")
    level_text, rest = parts[0], parts[1:]
    if not level_text.isdigit() or not PAIN_MIN <= int(level_text) <= PAIN_MAX:
        raise UsageError(f"SET {text!r}: pain {level_text!r} is not a level 0-10")
    side: str | None = None
    area: str | None = None
    if rest and rest[0] in PAIN_SIDES:
        side = rest.pop(0)
    if rest:
        area = rest.pop(0)
        if not NAME_RE.match(area):
            raise UsageError(
                f"SET {text!r}: pain area {area!r} is not a name like knee or achilles"
            )
    if rest:
        raise UsageError(f"SET {text!r}: pain is LEVEL[:SIDE][:AREA], e.g. +pain=6:left:knee")
    return int(level_text), side, area


def parse_set(text: str, exercises: ExerciseCatalog) -> list[StrengthSet]:
    """Parse one SET argument (see SET_SYNTAX and docs/logbook.md) into one or more sets.

    Examples: ``trap_bar_deadlift:5x100@2``, ``push_up:12@3``, ``goblet_squat:8x50lb@2*3``,
    ``plank:45s``, ``farmers_carry:40mx24*2`` (a carry in metres at 24 kg),
    ``split_squat:6x20@2+pain=3:left:knee+tech`` (``!`` works like ``+``).

    Raises:
        UsageError: the text does not follow the syntax, a value is out of range,
            or the exercise is not in the library (with suggestions).
    """
    match = SET_RE.match(text.strip())
    if match is None:
        raise UsageError(f"SET {text!r}: expected {SET_SYNTAX} (e.g. trap_bar_deadlift:5x100@2)")
    exercise = match["exercise"]
    if exercise not in exercises:
        raise UsageError(f"SET {text!r}: {unknown_exercise(exercise, exercises)}")
    # A hold or a carry is one rep of its seconds or metres.
    reps = int(match["reps"]) if match["reps"] else 1
    if not 1 <= reps <= bounds.REPS_MAX:
        raise UsageError(
            f"SET {text!r}: {reps} reps is out of range (expected 1-{bounds.REPS_MAX})"
        )
    duration_s = float(match["hold"]) if match["hold"] else None
    if duration_s is not None and not 0 < duration_s <= bounds.HOLD_S_MAX:
        raise UsageError(
            f"SET {text!r}: a hold of {duration_s:g} s is out of range (1-{bounds.HOLD_S_MAX:g} s)"
        )
    distance_m = float(match["metres"]) if match["metres"] else None
    if distance_m is not None and not 0 < distance_m <= bounds.CARRY_M_MAX:
        raise UsageError(
            f"SET {text!r}: a carry of {distance_m:g} m is out of range "
            f"(1-{bounds.CARRY_M_MAX:g} m)"
        )
    load_kg: float | None = None
    if match["load"] is not None:
        load = float(match["load"])
        load_kg = lb_to_kg(load) if match["unit"] == "lb" else load
        if not 0 <= load_kg <= bounds.LOAD_KG_MAX:
            raise UsageError(
                f"SET {text!r}: load {load:g} is out of range "
                f"(expected 0-{bounds.LOAD_KG_MAX:g} kg)"
            )
    rir = None if match["rir"] is None else int(match["rir"])
    if rir is not None and rir > 10:
        raise UsageError(f"SET {text!r}: {rir} reps in reserve is out of range (expected 0-10)")
    count = 1 if match["count"] is None else int(match["count"])
    if not 1 <= count <= 20:
        raise UsageError(f"SET {text!r}: *{count} sets is out of range (expected 1-20)")
    tech = False
    pain: tuple[int, str | None, str | None] = (0, None, None)
    has_pain = False
    for flag in filter(None, re.split(r"[+!]", match["flags"])):
        if flag == "tech":
            tech = True
        elif flag.startswith("pain="):
            pain, has_pain = pain_flag(text, flag.removeprefix("pain=")), True
        else:
            raise UsageError(f"SET {text!r}: unknown flag +{flag} (expected +tech or +pain=...)")
    one = StrengthSet(
        exercise_id=exercise,
        reps=reps,
        load_kg=load_kg,
        rir=rir,
        technique_breakdown=tech,
        pain=pain[0] if has_pain else None,
        pain_side=pain[1],
        pain_area=pain[2],
        duration_s=duration_s,
        distance_m=distance_m,
    )
    return [one] * count
