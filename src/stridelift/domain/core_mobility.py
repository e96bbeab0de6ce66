"""Sessions without external load: the stand-alone core session (FREQ-5) and race week's
mobility session (FREQ-3, PHASE-3)."""

from __future__ import annotations

from stridelift.domain.athlete import Athlete
from stridelift.domain.exercises import Exercise, ExerciseLibrary
from stridelift.domain.methodology import Methodology
from stridelift.domain.strength import ACCESSORY_RPE, _in_unit
from stridelift.domain.strength_session import ExerciseDose, StrengthSession


def _unloaded(ex: Exercise, sets: int, reps: tuple[int, int], rpe: int, note: str) -> ExerciseDose:
    """A dose without external load: core, mobility and band work."""
    return ExerciseDose(
        id=ex.id,
        name=ex.name,
        pattern=ex.pattern,
        region=ex.region,
        unilateral=ex.unilateral,
        plyometric=False,
        main_lift=False,
        sets=sets,
        reps_min=reps[0],
        reps_max=reps[1],
        rpe=rpe,
        rest_s=30,
        measure=ex.measure,
        external_load=False,
        load_note=note,
        substitutes=ex.substitutes,
    )


def core_session(
    athlete: Athlete, m: Methodology, lib: ExerciseLibrary, avoid: frozenset[str] = frozenset()
) -> StrengthSession:
    """A short stand-alone core session (FREQ-5)."""
    doses: list[ExerciseDose] = []
    taken: set[str] = set(avoid)
    for item in m.strength.core_items:
        ex = lib.choose(item.exercise, athlete.equipment, frozenset(taken))
        if ex is None:
            continue
        taken.add(ex.id)
        reps = _in_unit(ex, item.reps, lib.get(item.exercise).measure)  # CONTENT-9
        doses.append(_unloaded(ex, item.sets, reps, ACCESSORY_RPE, "bodyweight"))
    return StrengthSession(
        template="core",
        title="Core",
        minutes=m.strength.core_session_minutes,
        exercises=tuple(doses),
        warmup=(),
        reasons=("FREQ-5",),
        kind="core",
    )


def mobility_session(athlete: Athlete, m: Methodology, lib: ExerciseLibrary) -> StrengthSession:
    """Race week: mobility and band work only, early in the week, nothing that makes you sore."""
    doses: list[ExerciseDose] = []
    for wid in (*m.strength.warmup_items, "band_lateral_walk"):
        ex = lib.choose(wid, athlete.equipment)  # the warm-up's own choices: nothing new
        if ex is None or any(d.id == ex.id for d in doses):
            continue
        reps = _in_unit(ex, (8, 10), "reps")  # CONTENT-9
        doses.append(_unloaded(ex, 1, reps, 5, "bodyweight or band; no soreness this week"))
    return StrengthSession(
        template="mobility",
        title="Race week: mobility and bands",
        minutes=m.strength.mobility_minutes,
        exercises=tuple(doses),
        warmup=(),
        reasons=("FREQ-3", "PHASE-3"),
        light=True,
        kind="strength",
    )
