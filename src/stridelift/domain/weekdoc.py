"""Turn one solved week into its part of the plan document: minutes, order, slots, reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from stridelift.domain.athlete import Race
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.methodology import Methodology, Running
from stridelift.domain.paces import Paces, goal_pace_s_per_km, pace_for_run
from stridelift.domain.running import HARD_TYPES, KEY_RUN_TYPES, RunSpec, split_within
from stridelift.domain.schedule import Placement, WeekInput
from stridelift.domain.season import WeekFrame
from stridelift.domain.strength_session import ExerciseDose, StrengthSession
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


@dataclass(frozen=True, slots=True)
class _Week:
    """What every day of the week reads: the frame, the solved placement, its sessions."""

    frame: WeekFrame
    m: Methodology
    lib: ExerciseLibrary
    spec: WeekInput
    placed: Placement
    sessions: list[StrengthSession]  # light variants (PLACE-5) already rebuilt by the caller
    core: StrengthSession
    paces: Paces
    workouts: WorkoutLibrary
    run_reasons: tuple[str, ...]
    vol_why: list[str]
    runs_by_day: dict[int, tuple[int, RunSpec]]
    lifts_by_day: dict[int, list[int]]
    easy_minutes: dict[int, int]


@dataclass(frozen=True, slots=True)
class _Day:
    """One day of the week: its date, its run (index, spec) and its lifts by kind."""

    index: int
    on: date
    run: tuple[int, RunSpec] | None
    lifts: list[int]
    strength: list[int]
    core: list[int]


def _lifts_by_day(placed: Placement) -> dict[int, list[int]]:
    """The lifts placed on each day, in the order of the week's lifts."""
    lift_days: dict[int, list[int]] = {}
    for j, d in enumerate(placed.lift_days):
        if d is not None:
            lift_days.setdefault(d, []).append(j)
    return lift_days


def _easy_minutes(
    spec: WeekInput,
    runs_by_day: dict[int, tuple[int, RunSpec]],
    lifts_by_day: dict[int, list[int]],
    r: Running,
) -> dict[int, int]:
    """The week's easy minutes, by day."""
    long_day = next((x.fixed_day for x in spec.runs if x.run_type == "long"), None)
    strength_days = {
        d for d, js in lifts_by_day.items() if any(spec.lifts[j].kind == "strength" for j in js)
    }
    # Share the easy minutes out by day (lighter before the long run and beside lifting).
    easy = sorted(
        (d, i)
        for d, (i, run) in runs_by_day.items()
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
    # No share past its day's free minutes (the lifts there aside): what a short day cannot
    # hold goes to the other easy runs, not out of the week (RUN-2, RUN-9's share).
    caps = [
        max(spec.days[d].minutes - sum(spec.lifts[j].minutes for j in lifts_by_day.get(d, [])), 0)
        // r.round_to
        * r.round_to
        for d, _ in easy
    ]
    shares = split_within(total_easy, weights, caps, r.round_to)
    return dict(zip((d for d, _ in easy), shares, strict=True))


def _day(week: _Week, d: int) -> _Day:
    """Day ``d`` (0 = Monday): its date, its run and its lifts."""
    lifts_here = list(week.lifts_by_day.get(d, []))
    kinds = [week.spec.lifts[j].kind for j in lifts_here]
    return _Day(
        index=d,
        on=week.frame.start + timedelta(days=d),
        run=week.runs_by_day.get(d),
        lifts=lifts_here,
        strength=[j for j, k in zip(lifts_here, kinds, strict=True) if k == "strength"],
        core=[j for j, k in zip(lifts_here, kinds, strict=True) if k == "core"],
    )


def _lift_first(week: _Week, day: _Day) -> bool:
    """Whether the day's strength comes before its run (an easy run in the off-season)."""
    if day.run is None:
        return False
    return (
        bool(day.strength)
        and week.frame.phase == "offseason"
        and (day.run[1].run_type in ("easy", "recovery"))
    )


def _run_minutes(
    week: _Week, day: _Day, run: RunSpec, run_log: list[tuple[date, int]], why: list[str]
) -> int:
    """The run's minutes: its share, within the day's time and RUN-3's cap (noted in ``why``)."""
    r = week.m.running
    spec = week.spec
    minutes = week.easy_minutes.get(day.index, run.minutes)
    cap_day = spec.days[day.index].minutes - sum(spec.lifts[j].minutes for j in day.lifts)
    if run.run_type != "race" and minutes > cap_day:
        minutes = max(cap_day // r.round_to * r.round_to, 0)
    if run.run_type != "race":
        recent = [mm for dd, mm in run_log if (day.on - dd).days <= 30]
        if recent:
            cap = _spike_cap(max(recent), r.volume.single_run_spike, r.round_to)
            # The shortest real run (RUN-1) is never a spike, whatever the log holds: a
            # logged 1-minute jog would otherwise cap every run at a minute.
            cap = max(cap, r.min_run_minutes)
            if minutes > cap:
                minutes = cap
                why.append("RUN-3")
    return minutes


def _run_item(
    week: _Week, day: _Day, lift_first: bool, run_log: list[tuple[date, int]]
) -> tuple[dict[str, Any] | None, int]:
    """The day's run document (None if none or no minutes left) and its training minutes."""
    if day.run is None:
        return None, 0
    _, run = day.run
    why: list[str] = list(week.run_reasons) + week.vol_why
    minutes = _run_minutes(week, day, run, run_log, why)
    if run.run_type in ("tempo", "intervals", "race_pace", "quality"):
        why.append("RUN-5")
    if run.run_type == "long":
        why.append("PLACE-2")
    if minutes <= 0:
        return None, 0
    frame = week.frame
    slot = "any" if not day.strength else ("pm" if lift_first else "am")
    run_out = _run_doc(run, minutes, week.paces, 0, slot, why, frame.target, week.m)
    add_workout(run_out, run, frame, week.spec.level, week.paces, week.workouts, week.m)
    run_log.append((day.on, minutes))
    return run_out, 0 if run.run_type == "race" else minutes


def _strength_items(week: _Week, day: _Day, lift_first: bool) -> list[tuple[int, dict[str, Any]]]:
    """The day's strength sessions, each with its rank in the day."""
    items: list[tuple[int, dict[str, Any]]] = []
    for j in day.strength:
        sess = week.sessions[j]
        extra = ["FREQ-1", "FREQ-2", "FREQ-3", "FREQ-4", "PLACE-1", "PLACE-3", "PLACE-7"]
        if day.run is not None:
            extra.append("PLACE-4")
        if sess.heavy_lower:
            extra.append("PLACE-5")
        if week.frame.phase == "offseason":
            extra.append("PLACE-8")
        slot = "any" if day.run is None else ("am" if lift_first else "pm")
        items.append((1 if lift_first else 2, lift_doc(sess, week.lib, slot, 0, extra)))
    return items


def _core_and_cross_items(
    week: _Week, day: _Day, run_slot: str
) -> list[tuple[int, dict[str, Any]]]:
    """The day's core sessions (in the run's slot) and its cross-training, each ranked."""
    items: list[tuple[int, dict[str, Any]]] = []
    for _ in day.core:
        items.append((3, lift_doc(week.core, week.lib, run_slot, 0, [])))
    if week.placed.cross_day == day.index and week.spec.cross_minutes:
        cross = {
            "kind": "cross",
            "activity": "bike",
            "minutes": week.spec.cross_minutes,
            "slot": "any",
            "order": 0,
            "reasons": ["SEASON-4"],
        }
        items.append((4, cross))
    return items


def _day_doc(week: _Week, day: _Day, run_log: list[tuple[date, int]]) -> tuple[dict[str, Any], int]:
    """The day's document, its sessions in order; and its training run minutes."""
    lift_first = _lift_first(week, day)
    run_out, counted = _run_item(week, day, lift_first, run_log)
    items: list[tuple[int, dict[str, Any]]] = []
    if run_out is not None:
        items.append((2 if lift_first else 1, run_out))
    items.extend(_strength_items(week, day, lift_first))
    run_slot = run_out["slot"] if run_out is not None else "any"
    items.extend(_core_and_cross_items(week, day, run_slot))
    items.sort(key=lambda t: t[0])
    sess_docs = []
    for order, (_, doc) in enumerate(items, start=1):
        doc["order"] = order
        sess_docs.append(doc)
    return {"date": day.on.isoformat(), "sessions": sess_docs}, counted


def _sunday_flags(week: _Week, sunday: _Day, doc: dict[str, Any]) -> dict[str, bool]:
    """Whether Sunday holds a key run, heavy legs, any strength (for next week's Monday)."""
    heavy = any(week.sessions[j].heavy_lower for j in sunday.strength)
    return {
        "key": any(s.get("kind") == "run" and s.get("key") for s in doc["sessions"]),
        "heavy": heavy,
        "strength": bool(sunday.strength),
    }


def _week_fields(
    frame: WeekFrame, days: list[dict[str, Any]], vol_why: list[str]
) -> dict[str, Any]:
    """The week's own fields around its days: phase, focus, run minutes, reasons, race."""
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
        week["target_race_date"] = frame.target.date.isoformat()  # two races may share a name
    return week


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
    runs_by_day = {d: (i, spec.runs[i]) for i, d in enumerate(placed.run_days) if d is not None}
    lifts_by_day = _lifts_by_day(placed)
    week = _Week(
        frame=frame,
        m=m,
        lib=lib,
        spec=spec,
        placed=placed,
        sessions=list(sessions),
        core=core,
        paces=paces,
        workouts=workouts if workouts is not None else _library(),
        run_reasons=run_reasons,
        vol_why=vol_why,
        runs_by_day=runs_by_day,
        lifts_by_day=lifts_by_day,
        easy_minutes=_easy_minutes(spec, runs_by_day, lifts_by_day, m.running),
    )
    days: list[dict[str, Any]] = []
    total = 0
    sunday = {"key": False, "heavy": False, "strength": False}
    for d in range(7):
        day = _day(week, d)
        doc, counted = _day_doc(week, day, run_log)
        days.append(doc)
        total += counted
        if d == 6:
            sunday = _sunday_flags(week, day, doc)
    return _week_fields(frame, days, vol_why), total, sunday
