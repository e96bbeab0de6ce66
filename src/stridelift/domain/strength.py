"""Strength sessions: phase dose, template, equipment, progression, time (PHASE, PROG, CONTENT)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from stridelift.domain.athlete import Athlete
from stridelift.domain.exercises import Exercise, ExerciseLibrary
from stridelift.domain.methodology import (
    Methodology,
    PhaseStrength,
    Prescription,
    Template,
    TemplateItem,
)
from stridelift.domain.season import WeekFrame
from stridelift.domain.strength_session import ExerciseDose, StrengthSession, WarmupItem

# Patterns whose reps may go past 12 (PHASE-4 exempts calves and core) or that are not reps.
HIGH_REP_PATTERNS = frozenset({"calf", "core", "carry", "mobility", "lateral_hip"})
LOAD_ITEMS = frozenset(
    {"dumbbells", "kettlebell", "barbell", "trap_bar", "machines", "cable", "sled"}
)
ACCESSORY_RPE = 7
# CONTENT-9: work without an external load is made hard by reps and control, not by an
# RPE it cannot reach: at most RPE 7, and at least 8 reps for a main or secondary lift.
UNLOADED_MAX_RPE = 7
UNLOADED_MIN_REPS = 8
SECONDARY_REST_S = 90  # secondary lifts need less than the main lift's full rest


def _usable_equipment(athlete: Athlete, bodyweight: bool) -> frozenset[str]:
    return athlete.equipment - LOAD_ITEMS if bodyweight else athlete.equipment


def _pick(
    lib: ExerciseLibrary,
    wanted: str,
    athlete: Athlete,
    m: Methodology,
    bodyweight: bool,
    taken: set[str],
    *,
    main: bool = False,
) -> Exercise | None:
    if athlete.level == "beginner":
        wanted = m.strength.beginner_swaps.get(wanted, wanted)
    equipment = _usable_equipment(athlete, bodyweight)
    chosen = lib.choose(wanted, equipment, frozenset(taken))
    if chosen is not None and main and not bodyweight:
        # CONTENT-9: a lift the phase loads gets a load where the equipment allows it.
        return lib.loaded_variant(chosen, equipment, frozenset(taken)) or chosen
    return chosen


def _load_note(ex: Exercise, dose_reps: tuple[int, int], bodyweight: bool, m: Methodology) -> str:
    """How to choose the load, in the exercise's own unit (LOAD-1, CONTENT-9)."""
    if bodyweight or not ex.loadable:
        if ex.measure == "seconds":
            return "bodyweight; stop when your form slips"
        if ex.measure == "metres":
            return "bodyweight; quick, tall and relaxed"
        return "bodyweight or a light band; smooth and controlled"
    if ex.measure == "metres":
        return f"a load you can carry {dose_reps[1]} m with good posture (LOAD-1)"
    if ex.measure == "seconds":
        return f"a load you can hold {dose_reps[1]} s with good form (LOAD-1)"
    lo, hi = m.strength.starting_reserve_reps
    return (
        f"a load you could lift {dose_reps[1] + lo}-{dose_reps[1] + hi} times: "
        f"stop {lo}-{hi} reps short (LOAD-1)"
    )


def _in_unit(ex: Exercise, reps: tuple[int, int], given: str) -> tuple[int, int]:
    """CONTENT-9: numbers that count another unit than the exercise's give way to its
    own usual dose (a side plank standing in for a carry holds seconds, not metres)."""
    return reps if ex.measure == given else ex.usual_dose()


def _dose(
    ex: Exercise,
    item: TemplateItem,
    p: Prescription,
    athlete: Athlete,
    m: Methodology,
    extra_set: bool,
    given: str = "reps",
) -> ExerciseDose:
    """One exercise's dose; ``given`` is the unit the template's numbers count."""
    main = item.role in ("main", "secondary")
    if main:
        sets = p.sets if item.role == "main" or p.sets < 4 else p.sets - 1
        reps = p.reps
        if item.role == "secondary" and p.reps[1] <= 6 and not p.bodyweight:
            reps = (p.reps[0] + 2, p.reps[1] + 2)  # CONTENT-2: split squat 6-8 beside 4-6
        rpe, rest = p.rpe, p.rest_s if item.role == "main" else min(p.rest_s, SECONDARY_REST_S)
    else:
        sets = min(item.sets, max(p.sets, 1)) + (1 if extra_set else 0)
        reps, rpe, rest = item.reps, min(ACCESSORY_RPE, p.rpe), 45
    reps = _in_unit(ex, reps, given)
    if athlete.level == "beginner":
        rpe = min(rpe, m.strength.beginner_max_rpe)  # CONTENT-8: timed holds too
        if ex.pattern not in HIGH_REP_PATTERNS and ex.measure == "reps":
            floor = m.strength.beginner_min_reps
            reps = (max(reps[0], floor), max(reps[1], floor + 2))
    bodyweight = p.bodyweight
    external = ex.loadable and bool(set(ex.equipment) & LOAD_ITEMS) and not bodyweight
    if not external:  # CONTENT-9
        rpe = min(rpe, UNLOADED_MAX_RPE)
        if main and ex.measure == "reps":
            floor = UNLOADED_MIN_REPS
            reps = (max(reps[0], floor), max(reps[1], floor + 2))
    return ExerciseDose(
        id=ex.id,
        name=ex.name,
        pattern=ex.pattern,
        region=ex.region,
        unilateral=ex.unilateral,
        plyometric=ex.plyometric,
        main_lift=main,
        sets=sets,
        reps_min=reps[0],
        reps_max=reps[1],
        rpe=rpe,
        rest_s=rest,
        measure=ex.measure,
        external_load=external,
        load_note=_load_note(ex, reps, bodyweight or not external, m),
        role=item.role,
        priority=item.priority,
        substitutes=ex.substitutes,
    )


def warmup_for(
    first_lift: str | None, athlete: Athlete, m: Methodology, lib: ExerciseLibrary
) -> tuple[WarmupItem, ...]:
    """The 8-12 minute warm-up before a gym session (CONTENT-6)."""
    if "bike" in athlete.equipment:
        pulse = "Easy bike"
    elif "treadmill" in athlete.equipment:
        pulse = "Easy treadmill walk or jog"
    else:
        pulse = "Easy jog, or skipping in place"
    items = [WarmupItem(pulse, m.strength.warmup_pulse_minutes)]
    for wid in m.strength.warmup_items:
        ex = lib.choose(wid, athlete.equipment)
        if ex is not None:
            items.append(WarmupItem(ex.name, 1, ex.id))
    if first_lift:
        items.append(WarmupItem(f"2 ramp-up sets of {first_lift}", 2))
    spare = m.strength.warmup_minutes - sum(i.minutes for i in items)
    if spare > 0 and len(items) > 1:
        items[1] = replace(items[1], minutes=items[1].minutes + spare)
    return tuple(items)


def _deload(doses: list[ExerciseDose], factor: float) -> list[ExerciseDose]:
    """PROG-4: take sets away, biggest first, until volume is down by 1 - factor."""
    total = sum(d.sets for d in doses)
    goal = max(round(total * factor), len(doses))
    out = list(doses)
    while sum(d.sets for d in out) > goal:
        i = max(range(len(out)), key=lambda k: (out[k].sets, k))
        if out[i].sets <= 1:
            break
        out[i] = replace(out[i], sets=out[i].sets - 1)
    return out


def _fit_time(doses: list[ExerciseDose], budget_s: float) -> tuple[list[ExerciseDose], list[str]]:
    """Trim to the time budget: accessory sets first, then accessories by priority (ADAPT-3)."""

    def seconds(d: ExerciseDose) -> float:
        return d.est_seconds(d.role == "accessory")

    out = list(doses)
    total = sum(seconds(d) for d in out)
    dropped: list[str] = []
    for i, d in enumerate(out):
        if total <= budget_s:
            break
        if d.role == "accessory" and d.sets > 2:
            out[i] = replace(d, sets=2)
            total += seconds(out[i]) - seconds(d)
    while total > budget_s:
        cands = [
            d for d in out if d.role == "accessory" or (d.role == "secondary" and len(out) > 2)
        ]
        if not cands:
            break
        worst = max(cands, key=lambda d: (d.role == "accessory", d.priority))
        out.remove(worst)
        total -= seconds(worst)
        dropped.append(worst.name)
    return out, dropped


# The rule id a session's reasons cite for its phase's dose.
_PHASE_RULE = {
    "base": "PHASE-1",
    "general": "PHASE-1",
    "offseason": "PHASE-1",
    "strength": "PHASE-2",
    "race_specific": "PHASE-2",
    "taper": "PHASE-3",
    "recovery": "FREQ-3",
    "race_week": "FREQ-3",
}


def _phase_dose(
    frame: WeekFrame, m: Methodology, light: bool
) -> tuple[PhaseStrength, Prescription, bool]:
    """The phase's strength settings, the prescription this week uses, and whether it is light."""
    ph = m.strength.phases[frame.phase]
    use_light = ph.light is not None and (light or _taper_near_race(frame, m))
    p = ph.light if use_light and ph.light is not None else ph.main
    return ph, p, use_light


def _taper_near_race(frame: WeekFrame, m: Methodology) -> bool:
    """A taper week close enough to its race for the phase's light variant."""
    light_weeks = m.strength.phases[frame.phase].light_weeks_before_race
    near_race = frame.weeks_to_race is not None and frame.weeks_to_race < light_weeks
    return frame.phase == "taper" and near_race


def _template_doses(
    template: Template,
    ph: PhaseStrength,
    p: Prescription,
    athlete: Athlete,
    m: Methodology,
    lib: ExerciseLibrary,
    taken: set[str],
) -> list[ExerciseDose]:
    """A dose for each template item the equipment allows; adds each pick to ``taken``."""
    doses: list[ExerciseDose] = []
    first_accessory = True
    for item in template.items:
        main = item.role != "accessory"
        ex = _pick(lib, item.exercise, athlete, m, p.bodyweight, taken, main=main)
        if ex is None:
            continue
        taken.add(ex.id)
        extra = ph.extra_accessory_set and item.role == "accessory" and first_accessory
        if item.role == "accessory":
            first_accessory = False
        doses.append(_dose(ex, item, p, athlete, m, extra, lib.get(item.exercise).measure))
    return doses


def _plyometrics(
    frame: WeekFrame,
    p: Prescription,
    athlete: Athlete,
    m: Methodology,
    lib: ExerciseLibrary,
    taken: set[str],
) -> list[ExerciseDose]:
    """The week's plyometric doses (PHASE-2); adds each pick to ``taken``."""
    count = 1 if frame.phase_week <= 4 else 2  # gradually: a second one after a cycle
    plyos: list[ExerciseDose] = []
    for pid in m.strength.plyometrics:
        if len(plyos) >= count:
            break
        ex = lib.choose(pid, athlete.equipment, frozenset(taken))
        if ex is None or not ex.plyometric:
            continue
        taken.add(ex.id)
        plyos.append(
            _dose(ex, TemplateItem(ex.id, "accessory", 0, 2, (5, 6)), p, athlete, m, False)
        )
    return plyos


def _progress(doses: list[ExerciseDose], cycle_week: int, m: Methodology) -> list[ExerciseDose]:
    """The cycle week's progression of a session's doses (PROG-2, PROG-3, PROG-4)."""
    if cycle_week == 3:
        for i, d in enumerate(doses):
            if d.role == "main":
                doses[i] = replace(d, sets=d.sets + 1)  # PROG-3: one primary lift only
                break
    elif cycle_week == 2:
        lo, hi = m.strength.load_step_pct
        doses = [
            replace(
                d,
                load_note=f"add {lo:g}-{hi:g}% to last week's load if form and "
                "recovery were stable (PROG-2)",
            )
            if d.role == "main" and d.external_load
            else d
            for d in doses
        ]
    elif cycle_week == 4:
        doses = _deload(doses, m.strength.deload_volume_factor)
    return doses


@dataclass(frozen=True, slots=True)
class SessionDraft:
    """A session before it meets its minutes: the template's picks for the phase, the
    warm-up for its first main lift, and the reasons so far. Every week of one phase (and
    light, avoid) gets the same draft; ``fit_session`` makes it this week's session."""

    template_id: str
    title: str
    doses: tuple[ExerciseDose, ...]
    warmup: tuple[WarmupItem, ...]
    reasons: tuple[str, ...]
    light: bool


def draft_key(
    template_id: str, frame: WeekFrame, m: Methodology, light: bool, avoid: frozenset[str]
) -> tuple[object, ...]:
    """What of the week ``draft_session`` reads (the phase, whether a taper week is near its
    race, whether a second plyometric is due), with its other varying arguments."""
    return template_id, frame.phase, _taper_near_race(frame, m), frame.phase_week <= 4, light, avoid


def draft_session(
    template_id: str,
    frame: WeekFrame,
    athlete: Athlete,
    m: Methodology,
    lib: ExerciseLibrary,
    light: bool,
    avoid: frozenset[str] = frozenset(),
) -> SessionDraft:
    """The session's exercises and warm-up before its minutes trim them (``build_session``)."""
    ph, p, use_light = _phase_dose(frame, m, light)
    reasons = ["CONTENT-7"]
    if frame.phase == "recovery":
        template_id = "short"
    template = m.strength.templates[template_id]
    reasons += [template.rule, _PHASE_RULE[frame.phase], "PHASE-4"]
    if use_light:
        reasons.append("PLACE-5")
    taken: set[str] = set(avoid)
    doses = _template_doses(template, ph, p, athlete, m, lib, taken)
    if athlete.level == "beginner":
        reasons.append("CONTENT-8")
    if any(d.unilateral for d in doses):
        reasons.append("CONTENT-5")
    if ph.plyometrics and not use_light and not any(d.heavy for d in doses):
        plyos = _plyometrics(frame, p, athlete, m, lib, taken)
        doses = plyos + doses
        if plyos:
            reasons.append("PHASE-2")
    first_main = next((d.name for d in doses if d.main_lift), None)
    return SessionDraft(
        template_id=template_id,
        title=template.title + (" (light)" if use_light else ""),
        doses=tuple(doses),
        warmup=warmup_for(first_main, athlete, m, lib),
        reasons=tuple(reasons),
        light=use_light,
    )


def fit_session(
    draft: SessionDraft, frame: WeekFrame, m: Methodology, minutes: int
) -> StrengthSession:
    """The draft fitted to ``minutes`` (ADAPT-3) and progressed for the cycle week."""
    warm = m.strength.warmup_minutes if minutes >= 30 else max(m.strength.warmup_minutes - 2, 8)
    reasons = [*draft.reasons, "CONTENT-6"]
    doses, dropped = _fit_time(list(draft.doses), (minutes - warm) * 60)
    if dropped:
        reasons.append("ADAPT-3")
    in_cycle = frame.phase in ("general", "offseason", "base", "strength", "race_specific")
    if in_cycle and not draft.light:
        reasons.append(f"PROG-{frame.cycle_week}")
        doses = _progress(doses, frame.cycle_week, m)
    recovery = frame.phase == "recovery"
    return StrengthSession(
        template="recovery" if recovery else draft.template_id,
        title="Recovery: light full body" if recovery else draft.title,
        minutes=minutes,
        exercises=tuple(doses),
        warmup=_scale_warmup(draft.warmup, warm),
        reasons=tuple(dict.fromkeys(reasons)),
        light=draft.light,
        dropped=tuple(dropped),
    )


def build_session(
    template_id: str,
    frame: WeekFrame,
    athlete: Athlete,
    m: Methodology,
    lib: ExerciseLibrary,
    minutes: int,
    light: bool,
    avoid: frozenset[str] = frozenset(),
) -> StrengthSession:
    """One strength session for this week: template, phase dose, progression and time.

    ``avoid`` holds exercises stopped for pain (ADAPT-5): substitutes take their place.
    """
    draft = draft_session(template_id, frame, athlete, m, lib, light, avoid)
    return fit_session(draft, frame, m, minutes)


# ADAPT-3 (S4): the busy week's full-body session keeps these movement patterns, the
# single-leg pattern among them ("lunge"); everything else is an accessory, dropped first.
BUSY_PATTERNS = ("hinge", "squat", "lunge", "push", "pull")
_ROLE_ORDER = {"main": 0, "secondary": 1, "accessory": 2}


def busy_full_body(
    usual: Sequence[StrengthSession], minutes: int, template: str
) -> StrengthSession:
    """ADAPT-3: one full-body session of ``minutes`` from the week's usual sessions: one
    exercise per movement pattern they held (main lifts before secondaries before
    accessories), the accessories left out, then fitted to the time."""
    picked: dict[str, ExerciseDose] = {}
    for d in (d for s in usual for d in s.exercises):
        if d.pattern not in BUSY_PATTERNS:
            continue
        held = picked.get(d.pattern)
        if held is None or _ROLE_ORDER.get(d.role, 3) < _ROLE_ORDER.get(held.role, 3):
            picked[d.pattern] = d
    doses = sorted(
        picked.values(),
        key=lambda d: (_ROLE_ORDER.get(d.role, 3), BUSY_PATTERNS.index(d.pattern)),
    )
    first = usual[0] if usual else None
    warm = sum(w.minutes for w in first.warmup) if first is not None else 0
    fitted, dropped = _single_leg_kept(doses, *_fit_time(doses, (minutes - warm) * 60))
    reasons = [r for s in usual for r in s.reasons if r not in ("CONTENT-2", "CONTENT-3")]
    return StrengthSession(
        template=template,
        title="Busy week: full body",
        minutes=minutes,
        exercises=tuple(fitted),
        warmup=first.warmup if first is not None else (),
        reasons=tuple(dict.fromkeys(["ADAPT-3", "CONTENT-1", *reasons])),
        light=any(s.light for s in usual),
        dropped=tuple(dropped),
    )


def _single_leg_kept(
    doses: list[ExerciseDose], fitted: list[ExerciseDose], dropped: list[str]
) -> tuple[list[ExerciseDose], list[str]]:
    """CONTENT-5: a busy session too short for every pattern keeps its single-leg lift in
    the place of the two-legged squat (a split squat works the same legs one at a time,
    in less time: its lighter dose rests less); the hinge stays."""
    if any(d.unilateral for d in fitted):
        return fitted, dropped
    single = next((d for d in doses if d.unilateral and d.region == "lower"), None)
    squat = next((d for d in fitted if d.region == "lower" and d.pattern != "hinge"), None)
    if single is None or squat is None or single.name not in dropped:
        return fitted, dropped
    kept = [single if d is squat else d for d in fitted]
    return kept, [squat.name if n == single.name else n for n in dropped]


def _scale_warmup(items: tuple[WarmupItem, ...], minutes: int) -> tuple[WarmupItem, ...]:
    out = list(items)
    while sum(i.minutes for i in out) > minutes and len(out) > 1:
        k = max(range(len(out)), key=lambda j: (out[j].minutes, -j))
        if out[k].minutes <= 1:
            break
        out[k] = replace(out[k], minutes=out[k].minutes - 1)
    return tuple(out)
