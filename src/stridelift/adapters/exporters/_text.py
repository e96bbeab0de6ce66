"""Words every text format shares: session titles, exercise prescriptions, warm-ups, paces."""

from __future__ import annotations

import re
from collections.abc import Sequence

from stridelift.adapters.exporters._plan import Exercise, Plan, Session, WarmupItem
from stridelift.adapters.exporters.workout import pace_text, workout_line, workout_lines
from stridelift.domain.units import (
    format_distance,
    format_duration,
    format_load,
)

RUN_LABELS = {
    "easy": "Easy run",
    "recovery": "Recovery run",
    "long": "Long run",
    "quality": "Quality run",
    "intervals": "Intervals",
    "tempo": "Tempo run",
    "race_pace": "Race-pace run",
    "race": "Race",
    "shakeout": "Shakeout run",
}
KIND_LABELS = {"run": "Run", "strength": "Strength", "cross": "Cross-training", "core": "Core"}


def number(value: float) -> str:
    """A number without a useless ``.0``: 8 -> ``8``, 7.5 -> ``7.5``."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def minutes(value: float) -> str:
    """Minutes as shown everywhere: ``40 min``."""
    return f"{number(value)} min"


def distance(session: Session, units: str) -> str:
    """The session's distance in the athlete's units, or "" when the plan gives none."""
    if session.distance_km is None:
        return ""
    return format_distance(session.distance_km, units)


def pace(pace_s_per_km: float | None, units: str) -> str:
    """A pace such as ``5:20/km`` or ``8:35/mi``, or "" when none is planned."""
    if pace_s_per_km is None:
        return ""
    return pace_text(pace_s_per_km, units)


def race_on(session: Session, plan: Plan, date_iso: str) -> str:
    """The name of the race a race session runs: its own ``race`` field, else by date."""
    if session.run_type != "race":
        return ""
    if session.race_name:
        return session.race_name
    for race in plan.races:
        if race.date.isoformat() == date_iso:
            return race.name
    return ""


def title(session: Session, units: str, race_name: str = "") -> str:
    """One line naming a session, e.g. ``Easy run 40 min · 7.5 km`` or ``Strength A (40 min)``."""
    if session.kind == "run":
        label = RUN_LABELS[session.run_type or "easy"]
        if race_name:
            label = f"Race: {race_name}"
        text = f"{label} {minutes(session.minutes)}"
        dist = distance(session, units)
        return f"{text} · {dist}" if dist else text
    if session.kind == "strength":
        template = session.template or ""
        if template.lower() == "mobility":
            return f"Mobility ({minutes(session.minutes)})"
        return f"Strength {template} ({minutes(session.minutes)})"
    if session.kind == "core":
        return f"Core ({minutes(session.minutes)})"
    return (
        f"{(session.activity or 'cross').capitalize()} {minutes(session.minutes)} (cross-training)"
    )


def kind_detail(session: Session) -> str:
    """The session's type within its kind: run type, strength template, or activity."""
    if session.kind == "run":
        return session.run_type or ""
    if session.kind == "cross":
        return session.activity or ""
    return session.template or ""


MEASURE_UNITS = {"reps": "", "seconds": " s", "metres": " m"}


def dose(
    sets: object, low: object, high: object, measure: str = "reps", *, per_side: bool = False
) -> str:
    """One dose in its own unit (CONTENT-9): ``4 × 4–6``, ``2 × 30 s a side`` (a range only
    when its ends differ, so a timed hold never reads ``30–30``), ``2 × 30–40 m``."""
    unit = MEASURE_UNITS.get(measure, "")
    amount = f"{high}" if low == high else f"{low}–{high}"
    side = " a side" if per_side else ""
    return f"{sets} × {amount}{unit}{side}"


def per_side(measure: str, unilateral: bool, pattern: str | None) -> bool:
    """Whether a dose counts each side: one-sided work, except drills that alternate legs
    over a distance (A-skips, bounds); a one-handed carry is per side."""
    return unilateral and (measure != "metres" or pattern == "carry")


def sets_reps(exercise: Exercise) -> str:
    """``4 × 4–6``, ``3 × 8`` for a single number, ``2 × 30 s a side`` for one-sided holds,
    ``2 × 40 m`` for carries."""
    return dose(
        exercise.sets,
        exercise.reps_min,
        exercise.reps_max,
        exercise.measure,
        per_side=per_side(exercise.measure, exercise.unilateral, exercise.pattern),
    )


def effort(exercise: Exercise) -> str:
    """``RPE 8 / RIR 2``, either half alone, or "" when neither is given; a hold or a carry
    has no reps to keep in reserve, so it shows its RPE alone (CONTENT-9)."""
    parts = []
    if exercise.rpe is not None:
        parts.append(f"RPE {number(exercise.rpe)}")
    if exercise.rir is not None and exercise.measure == "reps":
        parts.append(f"RIR {number(exercise.rir)}")
    return " / ".join(parts)


def rest(exercise: Exercise) -> str:
    """Rest between sets as ``2:30``, or "" when not given."""
    return format_duration(exercise.rest_s) if exercise.rest_s else ""


def load(exercise: Exercise, units: str) -> str:
    """The load in the athlete's units, else the plan's load note, else ""."""
    if exercise.load_kg is not None:
        return format_load(exercise.load_kg, units)
    return exercise.load_note or ""


def exercise_line(exercise: Exercise, units: str) -> str:
    """``Trap-bar deadlift: 4 × 4–6 @ RPE 8 / RIR 2, rest 2:30, 82.5 kg``."""
    text = f"{exercise.name}: {sets_reps(exercise)}"
    if effort(exercise):
        text += f" @ {effort(exercise)}"
    extras = [f"rest {rest(exercise)}"] if rest(exercise) else []
    if load(exercise, units):
        extras.append(load(exercise, units))
    if exercise.load_kg is not None and exercise.load_note:
        extras.append(exercise.load_note)
    return ", ".join([text, *extras])


def warmup_item(item: WarmupItem) -> str:
    """``Easy bike (5 min)`` or just the name."""
    return f"{item.name} ({minutes(item.minutes)})" if item.minutes else item.name


def warmup(items: tuple[WarmupItem, ...]) -> str:
    """The warm-up on one line, items separated by `` · ``."""
    return " · ".join(warmup_item(i) for i in items)


def workout_steps(session: Session, units: str) -> list[str]:
    """A run's steps, one line each (a repeat group is one line); empty without steps."""
    return workout_lines(session.steps, units)


def workout(session: Session, units: str) -> str:
    """A run's steps on one line, separated by `` · `` ("" without steps)."""
    return workout_line(session.steps, units)


def reasons(session: Session) -> str:
    """The rule ids behind a session, space separated."""
    return " ".join(session.reasons)


def details(session: Session, units: str) -> list[str]:
    """The lines that describe a session beyond its title (calendar descriptions, PDF notes)."""
    lines = []
    if session.kind == "run":
        summary = [minutes(session.minutes)]
        if distance(session, units):
            summary.append(distance(session, units))
        if session.pace_s_per_km is not None:
            summary.append(f"at about {pace(session.pace_s_per_km, units)}")
        lines.append(f"{RUN_LABELS[session.run_type or 'easy']}: {', '.join(summary)}")
        if session.description:
            lines.append(session.description)
        if session.steps:  # RUN-11: one line per step
            lines.append("Workout:")
            lines.extend(workout_steps(session, units))
    elif session.kind in ("strength", "core"):
        if session.title and session.title.casefold() not in title(session, units).casefold():
            lines.append(session.title)  # e.g. the planner's "Day A: force and control"
        if session.heavy_lower:
            lines.append("Heavy lower-body session")
        if session.warmup:
            lines.append(f"Warm-up: {warmup(session.warmup)}")
        lines.extend(
            f"{i}. {exercise_line(e, units)}" for i, e in enumerate(session.exercises, start=1)
        )
    else:
        lines.append(f"{(session.activity or 'cross').capitalize()}: {minutes(session.minutes)}")
    if session.reasons:
        lines.append(f"Why: {reasons(session)}")
    return lines


# A plan warning reads "RUN-9, FREQ-1: what happened (week 18)"; people read the words first.
_WARNING = re.compile(
    r"(?P<rules>[A-Z]+-\d+(?:, [A-Z]+-\d+)*): (?P<text>.*?)(?: \(week (?P<week>\d+)\))?",
    re.DOTALL,
)


def planner_notes(warnings: Sequence[str]) -> list[str]:
    """The plan's warnings in words first and rule ids after, each thing said once: a warning
    repeated week after week becomes one line naming its weeks ("weeks 3, 5, 7")."""
    grouped: dict[str, tuple[list[str], list[int]]] = {}
    for warning in warnings:
        found = _WARNING.fullmatch(warning)
        text = found["text"] if found else warning
        rules, weeks = grouped.setdefault(text, ([], []))
        if found:
            rules.extend(r for r in found["rules"].split(", ") if r not in rules)
            if found["week"]:
                weeks.append(int(found["week"]))
    lines = []
    for text, (rules, weeks) in grouped.items():
        where = []
        if weeks:
            where.append(_weeks(sorted(set(weeks))))
        if rules:
            where.append(("rule " if len(rules) == 1 else "rules ") + ", ".join(rules))
        lines.append(text[:1].upper() + text[1:] + (f" ({'; '.join(where)})" if where else ""))
    return lines


def _weeks(weeks: list[int]) -> str:
    """``week 4``, ``weeks 3, 5, 7``, ``weeks 2-20, 22``: runs of three or more as ranges."""
    if len(weeks) == 1:
        return f"week {weeks[0]}"
    runs: list[list[int]] = []
    for week in weeks:
        if runs and week == runs[-1][-1] + 1:
            runs[-1].append(week)
        else:
            runs.append([week])
    parts = [f"{run[0]}-{run[-1]}" if len(run) >= 3 else ", ".join(map(str, run)) for run in runs]
    return "weeks " + ", ".join(parts)
