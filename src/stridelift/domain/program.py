"""A methodology's fixed program (S1's ten weeks, CONTENT-8): its sessions, week by week.

While the program runs, its week replaces the Day A / Day B templates and their 4-week
progression in training weeks (general, off-season, base, strength, race-specific): the
n-th training week of the plan holds the program's week n. Taper, race week and recovery
keep their own sessions, and once the program is done the templates take over again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from stridelift.domain.athlete import Athlete
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.methodology import Methodology, Prescription, ProgramWeek
from stridelift.domain.season import TRAINING_PHASES, WeekFrame
from stridelift.domain.strength import _dose, _fit_time, _scale_warmup, warmup_for
from stridelift.domain.strength_session import ExerciseDose, StrengthSession

PROGRAM_TEMPLATE = "program"
# The session kinds a program week replaces: the full-body templates (a busy week's short
# session and race-week mobility keep their own content).
REPLACED_KINDS = frozenset({"A", "B", "short"})


def program_week(
    m: Methodology, frame: WeekFrame, training_weeks: int, ran: bool
) -> ProgramWeek | None:
    """The program's week for this plan week, where a program runs in it.

    ``training_weeks``: the plan's training weeks so far, this one included; ``ran``:
    whether the program's sessions are the latest strength work placed (none of the
    templates since). A taper after the program gets the program's taper week, made of
    what the program taught (PHASE-3).
    """
    if m.program is None:
        return None
    if frame.phase == "taper":
        return m.program.taper if ran else None
    if frame.phase not in TRAINING_PHASES:
        return None
    return m.program.week(training_weeks)


def program_session(
    wk: ProgramWeek,
    athlete: Athlete,
    m: Methodology,
    lib: ExerciseLibrary,
    minutes: int,
    avoid: frozenset[str] = frozenset(),
    known: frozenset[str] = frozenset(),
) -> StrengthSession:
    """One session of a program week: its movements at the week's sets x reps (CONTENT-8).

    Equipment picks each movement or its substitute (CONTENT-7); a beginner's effort stays
    under the beginner cap. ``known``, when given (race preparation, PHASE-3), limits the
    choice to movements already done: a movement not yet taught gives way to its closest
    substitute that was. The first movement is the session's main lift; when time is
    short the last movements are cut first (ADAPT-3), and the session says so.
    """
    taken: set[str] = set(avoid)
    if known:
        taken.update(e.id for e in lib if e.id not in known)
    doses: list[ExerciseDose] = []
    for item in wk.items:
        ex = lib.choose(item.exercise, athlete.equipment, frozenset(taken))
        if ex is None:
            continue
        taken.add(ex.id)
        p = Prescription(sets=item.sets, reps=item.reps, rpe=wk.rpe, rest_s=wk.rest_s)
        dose = _dose(ex, replace(item, role="main"), p, athlete, m, False)
        first = not doses
        doses.append(
            replace(
                dose,
                sets=item.sets,
                reps_min=item.reps[0],
                reps_max=item.reps[1],  # the table's reps, not the templates' beginner floor
                main_lift=first,
                role="main" if first else "accessory",
                rest_s=wk.rest_s,
            )
        )
    warm = m.strength.warmup_minutes if minutes >= 30 else max(m.strength.warmup_minutes - 2, 8)
    first_main = doses[0].name if doses and doses[0].external_load else None
    warmup = _scale_warmup(warmup_for(first_main, athlete, m, lib), warm)
    doses, dropped = _fit_time(doses, (minutes - warm) * 60)
    reasons = ["CONTENT-8", "CONTENT-7", "PHASE-4", "CONTENT-6"]
    if any(d.unilateral for d in doses):
        reasons.append("CONTENT-5")
    if dropped:
        reasons.append("ADAPT-3")
    return StrengthSession(
        template=PROGRAM_TEMPLATE,
        title=f"Program week {wk.week}: {wk.focus}" if wk.week else wk.focus,
        minutes=minutes,
        exercises=tuple(doses),
        warmup=warmup,
        reasons=tuple(reasons),
        dropped=tuple(dropped),
    )


def program_doc(m: Methodology, wk: ProgramWeek) -> dict[str, Any]:
    """The week's ``program`` block of the plan document: which week, its focus, its
    extras, and the rules the program replaces in it (the validator reads them)."""
    overrides = m.program.overrides if m.program is not None else ()
    return {
        "methodology": m.name,
        "week": wk.week,
        "weeks": len(m.program.weeks) if m.program is not None else wk.week,
        "focus": wk.focus,
        "sets": wk.sets,
        "reps": list(wk.reps),
        "extras": wk.extras,
        "overrides": sorted({*overrides, *wk.overrides}),
    }
