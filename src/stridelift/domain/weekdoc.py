"""Turn one solved week into its part of the plan document: minutes, order, slots, reasons."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from stridelift.domain.athlete import Race
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.methodology import Methodology
from stridelift.domain.paces import Paces, goal_pace_s_per_km, pace_for_run
from stridelift.domain.running import HARD_TYPES, KEY_RUN_TYPES, RunSpec, split_easy_minutes
from stridelift.domain.schedule import Placement, WeekInput
from stridelift.domain.season import WeekFrame
from stridelift.domain.strength import ExerciseDose, StrengthSession
from stridelift.domain.workout_library import WorkoutLibrary
from stridelift.domain.workouts import (
    WeekPlace,
    Workout,
    build_workout,
    race_workout,
    steps_doc,
)

FOCUS = {
    "general": "General fitness: easy running, full-body strength, a little speed.",
    "offseason": "Off-season: strength is the priority; running easier and shorter.",
    "base": "Base: easy aerobic running; strength builds volume with full range of motion.",
    "strength": "Strength: heavier lifting, rising mileage, at least one speed session.",
    "race_specific": "Race-specific: race-pace running; moderate lifting and unilateral power.",
    "taper": "Taper: less running and lifting, intensity kept; arrive fresh.",
    "race_week": "Race week: stay loose, mobility only, nothing that makes you sore.",
    "recovery": "Recovery: easy running only and one light session.",
}
DESCRIPTIONS = {
    "easy": "conversational pace",
    "recovery": "very easy, shorter stride, no watch pressure",
    "long": "steady, conversational; fuel and drink as on race day",
    "intervals": "warm up 15 min; 5-6 x 3 min at interval pace, 2 min jog; cool down",
    "tempo": "warm up 15 min; 20-25 min at threshold pace; cool down",
    "race_pace": "warm up 15 min; 2-3 blocks at goal race pace; cool down",
    "quality": "warm up; sustained work at threshold pace; cool down",
    "shakeout": "20 easy minutes with 4 short strides",
    "race": "race day",
}


def _exercise_doc(d: ExerciseDose, lib: ExerciseLibrary) -> dict[str, Any]:
    ex = lib.get(d.id)
    out: dict[str, Any] = {
        "id": d.id,
        "name": d.name,
        "pattern": d.pattern,
        "region": d.region,
        "unilateral": d.unilateral,
        "plyometric": d.plyometric,
        "main_lift": d.main_lift,
        "sets": d.sets,
        "reps_min": d.reps_min,
        "reps_max": d.reps_max,
        "measure": d.measure,
        "rpe": d.rpe,
        "rir": d.rir,
        "rest_s": d.rest_s,
        "load_kg": d.load_kg,
        "load_note": d.load_note,
        "external_load": d.external_load,
        "equipment": sorted(ex.equipment),
        "substitutes": list(d.substitutes),
        "cue": ex.cue,
    }
    if d.load_change is not None:
        c = d.load_change
        out["load_change"] = {"rule": c.rule, "pct": c.pct, "from_kg": c.from_kg, "why": c.why}
    return out


def lift_doc(
    s: StrengthSession, lib: ExerciseLibrary, slot: str, order: int, extra: list[str]
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "kind": s.kind,
        "template": s.template,
        "title": s.title,
        "heavy_lower": s.heavy_lower,
        "minutes": s.minutes,
        "slot": slot,
        "order": order,
        "warmup": [{"id": w.id, "name": w.name, "minutes": w.minutes} for w in s.warmup],
        "exercises": [_exercise_doc(d, lib) for d in s.exercises],
        "reasons": list(dict.fromkeys([*s.reasons, *extra])),
    }
    if s.dropped:
        doc["dropped_for_time"] = list(s.dropped)
    if s.kind == "core":
        del doc["template"], doc["heavy_lower"], doc["warmup"]
    return doc


def run_pace_s_per_km(run: RunSpec, target: Race | None, paces: Paces, m: Methodology) -> float:
    """RUN-10: a race at its own goal pace, a race-pace run at the goal pace of the race its
    block targets (5K pace in a 5K block); every other run at its training pace."""
    return pace_for_run(run.run_type, run.race or target, paces, m)


def _run_doc(
    run: RunSpec,
    minutes: int,
    paces: Paces,
    order: int,
    slot: str,
    reasons: list[str],
    target: Race | None,
    m: Methodology,
) -> dict[str, Any]:
    race_km = run.race.distance_km if run.race is not None else None
    pace = run_pace_s_per_km(run, target, paces, m)
    km = race_km if race_km is not None else round(minutes * 60 / pace, 1)
    doc: dict[str, Any] = {
        "kind": "run",
        "run_type": run.run_type,
        "key": run.run_type in KEY_RUN_TYPES,
        "minutes": minutes,
        "distance_km": round(km, 2),
        "pace_s_per_km": round(pace),
        "slot": slot,
        "order": order,
        "description": run.note or DESCRIPTIONS[run.run_type],
        "reasons": list(dict.fromkeys([*run.reasons, *reasons])),
    }
    if run.run_type in ("easy", "recovery", "shakeout"):
        doc["effort"] = "easy"
    if run.race is not None:
        doc["race"] = run.race.name
    return doc


def _spike_cap(longest: int, spike: float, step: int) -> int:
    """RUN-3: the longest run allowed after ``longest``: in whole steps, or in whole minutes
    where a step is more than the 10% allows (a 45-minute run may grow to 49, not stay)."""
    cap = int(longest * spike)
    stepped = cap // step * step
    return stepped if stepped > longest else cap


def _library() -> WorkoutLibrary:
    """The shipped workout library (the caller may pass another to week_doc)."""
    from stridelift.methodologies import load_workouts

    return load_workouts()


def add_workout(
    doc: dict[str, Any],
    run: RunSpec,
    frame: WeekFrame,
    level: str,
    paces: Paces,
    lib: WorkoutLibrary,
    m: Methodology,
) -> None:
    """RUN-11: give a quality run, a goal-pace long run or a race its steps.

    ``pace_s_per_km`` becomes the work pace (not an average); a long run keeps its easy
    pace; a race's minutes become its warm-up and its time at goal pace.
    """
    workout: Workout | None
    if run.race is not None:
        race = run.race
        goal = goal_pace_s_per_km(race, paces, m)  # RUN-10
        workout = race_workout(lib, race.distance, race.distance_km, paces, goal)
    elif run.run_type in HARD_TYPES or run.run_type == "long":
        target = frame.target
        distance = target.distance if target is not None else "none"
        # RUN-10: the block's own race; marathon pace with no race ahead.
        goal = goal_pace_s_per_km(target, paces, m) if target else paces.marathon_s_per_km
        place = WeekPlace.of(frame)
        minutes = int(doc["minutes"])
        workout = build_workout(lib, run.run_type, minutes, place, distance, level, paces, goal)
    else:
        return
    if workout is None:
        return
    doc["steps"] = steps_doc(workout.steps)
    doc["reasons"] = list(dict.fromkeys([*doc["reasons"], "RUN-11"]))
    doc["workout"] = workout.shape
    # A race keeps its name and distance in front; a workout's summary names itself.
    doc["description"] = f"{run.note}: {workout.summary}" if run.race else workout.summary
    if run.race is not None:
        doc["minutes"] = workout.minutes
    if run.run_type != "long" and workout.pace_s_per_km is not None:
        doc["pace_s_per_km"] = workout.pace_s_per_km
    if run.race is None:
        doc["distance_km"] = round(workout.distance_km(paces.easy_s_per_km), 2)


def week_doc(
    frame: WeekFrame,
    m: Methodology,
    lib: ExerciseLibrary,
    spec: WeekInput,
    placed: Placement,
    sessions: list[StrengthSession],
    core: StrengthSession,
    paces: Paces,
    run_log: list[tuple[date, int]],
    vol_why: list[str],
    run_reasons: tuple[str, ...],
    workouts: WorkoutLibrary | None = None,
) -> tuple[dict[str, Any], int, dict[str, bool]]:
    """Build the week's document; returns it, its training run minutes (races excluded)
    and Sunday's flags."""
    r = m.running
    lib_w = workouts if workouts is not None else _library()
    long_day = next((x.fixed_day for x in spec.runs if x.run_type == "long"), None)
    by_day_runs: dict[int, tuple[int, RunSpec]] = {
        d: (i, spec.runs[i]) for i, d in enumerate(placed.run_days) if d is not None
    }
    lift_days: dict[int, list[int]] = {}
    for j, d in enumerate(placed.lift_days):
        if d is not None:
            lift_days.setdefault(d, []).append(j)
    strength_days = {
        d for d, js in lift_days.items() if any(spec.lifts[j].kind == "strength" for j in js)
    }
    # Share the easy minutes out by day (lighter before the long run and beside lifting).
    easy = sorted(
        (d, i)
        for d, (i, run) in by_day_runs.items()
        if run.run_type == "easy" and not run.back_to_back
    )
    weights = []
    for d, _ in easy:
        w = 1.0
        if long_day is not None and d == long_day - 1:
            w *= r.easy_weight_before_long
        if d in strength_days:
            w *= r.easy_weight_with_strength
        weights.append(w)
    total_easy = sum(spec.runs[i].minutes for _, i in easy)
    easy_minutes = dict(
        zip((d for d, _ in easy), split_easy_minutes(total_easy, weights, r.round_to), strict=True)
    )
    built = list(sessions)  # light variants (PLACE-5) already rebuilt by the caller
    days: list[dict[str, Any]] = []
    total = 0
    sunday = {"key": False, "heavy": False, "strength": False}
    for d in range(7):
        day_date = frame.start + timedelta(days=d)
        used = 0
        items: list[tuple[int, dict[str, Any]]] = []
        run_entry = by_day_runs.get(d)
        lifts_here = list(lift_days.get(d, []))
        strength_here = [j for j in lifts_here if spec.lifts[j].kind == "strength"]
        core_here = [j for j in lifts_here if spec.lifts[j].kind == "core"]
        lift_first = False
        if run_entry is not None:
            _i, run = run_entry
            minutes = easy_minutes.get(d, run.minutes)
            why: list[str] = list(run_reasons) + vol_why
            cap_day = spec.days[d].minutes - sum(spec.lifts[j].minutes for j in lifts_here)
            if run.run_type != "race" and minutes > cap_day:
                minutes = max(cap_day // r.round_to * r.round_to, 0)
            if run.run_type != "race":
                recent = [mm for dd, mm in run_log if (day_date - dd).days <= 30]
                if recent:
                    cap = _spike_cap(max(recent), r.volume.single_run_spike, r.round_to)
                    if minutes > cap:
                        minutes = cap
                        why.append("RUN-3")
            if run.run_type in ("tempo", "intervals", "race_pace", "quality"):
                why.append("RUN-5")
            if run.run_type == "long":
                why.append("PLACE-2")
            lift_first = (
                bool(strength_here)
                and frame.phase == "offseason"
                and (run.run_type in ("easy", "recovery"))
            )
            if minutes > 0:
                slot = "any" if not strength_here else ("pm" if lift_first else "am")
                run_out = _run_doc(run, minutes, paces, 0, slot, why, frame.target, m)
                add_workout(run_out, run, frame, spec.level, paces, lib_w, m)
                items.append((2 if lift_first else 1, run_out))
                run_log.append((day_date, minutes))
                total += 0 if run.run_type == "race" else minutes
                used += minutes
        for j in strength_here:
            sess = built[j]
            extra = ["FREQ-1", "FREQ-2", "FREQ-3", "FREQ-4", "PLACE-1", "PLACE-3", "PLACE-7"]
            if run_entry is not None:
                extra.append("PLACE-4")
            if sess.heavy_lower:
                extra.append("PLACE-5")
            if frame.phase == "offseason":
                extra.append("PLACE-8")
            slot = "any" if run_entry is None else ("am" if lift_first else "pm")
            items.append((1 if lift_first else 2, lift_doc(sess, lib, slot, 0, extra)))
            used += sess.minutes
            if d == 6:
                sunday["strength"] = True
                sunday["heavy"] = sunday["heavy"] or sess.heavy_lower
        run_slot = next((doc["slot"] for _, doc in items if doc["kind"] == "run"), "any")
        for _ in core_here:
            slot = run_slot
            items.append((3, lift_doc(core, lib, slot, 0, [])))
        if placed.cross_day == d and spec.cross_minutes:
            items.append(
                (
                    4,
                    {
                        "kind": "cross",
                        "activity": "bike",
                        "minutes": spec.cross_minutes,
                        "slot": "any",
                        "order": 0,
                        "reasons": ["SEASON-4"],
                    },
                )
            )
        items.sort(key=lambda t: t[0])
        sess_docs = []
        for order, (_, doc) in enumerate(items, start=1):
            doc["order"] = order
            sess_docs.append(doc)
        if d == 6:
            sunday["key"] = any(s.get("kind") == "run" and s.get("key") for s in sess_docs)
        days.append({"date": day_date.isoformat(), "sessions": sess_docs})
    week = {
        "index": frame.index,
        "start": frame.start.isoformat(),
        "phase": frame.phase,
        "cycle_week": frame.cycle_week,
        "deload": frame.deload,
        "focus": FOCUS[frame.phase],
        "run_minutes": sum(
            x["minutes"] for dd in days for x in dd["sessions"] if x["kind"] == "run"
        ),
        "reasons": list(dict.fromkeys([*frame.reasons, *vol_why])),
        "days": days,
    }
    if frame.weeks_to_race is not None and frame.target is not None:
        week["weeks_to_race"] = frame.weeks_to_race
        week["target_race"] = frame.target.name
    return week, total, sunday
