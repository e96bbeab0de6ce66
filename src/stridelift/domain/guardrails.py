"""Pain guardrails (ADAPT-5) and referral to a professional (ADAPT-6) from the log.

Soreness is normal and fires nothing here; pain during a movement, pain on one side
that keeps coming back, and the referral signs do. Every threshold comes from
[adapt.pain] and [adapt.too_much] in the methodology. Pure: no clock, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from statistics import fmean

from stridelift.domain.activity import CheckIn
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.history import AreaHold, LoggedSession, Signal
from stridelift.domain.loads import exercise_sessions
from stridelift.domain.methodology import Methodology


@dataclass(slots=True)
class Findings:
    """Signals and referrals, gathered while the rules run; each referral is its message
    with the signal it comes from, one per condition."""

    signals: list[Signal]
    referral: list[tuple[Signal, str]]


def days_between(since: date, today: date) -> int:
    """Days from ``since`` to ``today``, both counted."""
    return (today - since).days + 1


def mean_of(values: Iterable[float]) -> float | None:
    """The mean, or None for no values."""
    items = list(values)
    return fmean(items) if items else None


@dataclass(frozen=True, slots=True)
class PainEntry:
    """One pain report, from a set (under load) or a check-in."""

    day: date
    area: str
    side: str | None
    level: int
    exercise_id: str | None  # the exercise when reported on a set


def pain_reports(
    sessions: Sequence[LoggedSession], checkins: Sequence[CheckIn], since: date
) -> list[PainEntry]:
    """Every pain above 0 reported from ``since`` on, sets and check-ins, in date order."""
    found: list[PainEntry] = []
    for s in sessions:
        if s.day < since:
            continue
        for one in s.sets:
            if one.pain is not None and one.pain > 0:
                area = (one.pain_area or one.exercise_id or one.source_name or "").casefold()
                found.append(PainEntry(s.day, area, one.pain_side, one.pain, one.exercise_id))
    for c in checkins:
        if c.day < since:
            continue
        for p in c.pain:
            if p.level > 0:
                found.append(PainEntry(c.day, p.area.casefold(), p.side, p.level, None))
    return sorted(found, key=lambda p: (p.day, p.area, p.side or "", p.level, p.exercise_id or ""))


def _sharpening(levels: Sequence[int | None], rise: int, stop_at: int) -> tuple[int, int] | None:
    """(from, to) when pain climbs ``rise`` points over consecutive sets, or hits ``stop_at``."""
    start: int | None = None
    previous: int | None = None
    for level in levels:
        if level is None:
            start = previous = None
            continue
        if level >= stop_at:
            return (start if start is not None else level, level)
        if previous is None or level < previous:
            start = level
        elif level - (start if start is not None else level) >= rise:
            return (start if start is not None else level, level)
        previous = level
    return None


def stopped_exercises(
    sessions: Sequence[LoggedSession], today: date, m: Methodology, out: Findings
) -> dict[str, str]:
    """ADAPT-5: pain that sharpens set to set (in an exercise's latest session) stops it."""
    p = m.adapt.pain
    recent = [s for s in sessions if s.day > today - timedelta(days=p.recent_days)]
    stopped: dict[str, str] = {}
    for exercise_id, history in sorted(exercise_sessions(recent).items()):
        last = history[-1]
        found = _sharpening([one.pain for one in last.sets], p.sharpen_rise, p.stop_at)
        if found is None:
            continue
        low, high = found
        levels = [one.pain for one in last.sets if one.pain is not None]
        seen = (
            f"pain rose {' -> '.join(str(v) for v in levels)}/10 set to set"
            if high > low
            else f"pain {high}/10 during the sets"
        )
        reason = (
            f"{seen} on {last.day.isoformat()}: stopped; pain during a movement is not "
            "normal soreness, have it assessed before doing it again"
        )
        stopped[exercise_id] = reason
        out.signals.append(
            Signal(
                "ADAPT-5",
                f"painful sets: {exercise_id}",
                last.day,
                days_between(last.day, today),
                f"{exercise_id}: {reason}",  # the id lets the planner pair signal and stop
            )
        )
    return stopped


def asymmetric_loads(
    pains: Sequence[PainEntry], today: date, m: Methodology, lib: ExerciseLibrary, out: Findings
) -> dict[str, float]:
    """ADAPT-5: pain in one area on one side on several days, and not on the other side of
    that same area, lowers the loads concerned and asks for a check."""
    p = m.adapt.pain
    days: dict[tuple[str, str], set[date]] = {}
    for pain in pains:
        if pain.side in ("left", "right") and pain.level >= p.noticeable:
            days.setdefault((pain.area, pain.side), set()).add(pain.day)
    factors: dict[str, float] = {}
    for (area, side), mine in sorted(days.items()):
        other = "right" if side == "left" else "left"
        theirs = days.get((area, other), set())
        if len(mine) < p.asymmetry_days or len(theirs) >= p.asymmetry_days:
            continue
        for exercise_id in area_exercises(area, pains, m, lib):
            factors[exercise_id] = p.asymmetry_factor
        since = min(mine)
        where = area or "unspecified area"
        detail = (
            f"pain in the {side} {where} on {len(mine)} days since {since.isoformat()}, in the "
            f"{other} {where} on {len(theirs)}: loads {1 - p.asymmetry_factor:.0%} lighter on "
            "the exercises concerned"
        )
        signal = Signal(
            "ADAPT-5",
            f"{side}/{other} asymmetry: {where}",
            since,
            days_between(since, today),
            detail,
        )
        out.signals.append(signal)
        message = (
            f"Pain keeps coming back in your {side} {where} ({len(mine)} days in the last "
            f"{p.recent_days} days, {len(theirs)} on the {other}). Have it assessed by a "
            f"physiotherapist; until then the loads concerned are "
            f"{1 - p.asymmetry_factor:.0%} lighter."
        )
        out.referral.append((signal, message))
    return factors


def area_exercises(
    area: str, pains: Sequence[PainEntry], m: Methodology, lib: ExerciseLibrary
) -> set[str]:
    """The exercises that load a body area: those it hurt in and, for a lower-body area
    (a knee, a hip), every loadable lower-body exercise."""
    ids = {x.exercise_id for x in pains if x.area == area and x.exercise_id is not None}
    if area and _lower_body(area, m):
        ids |= {e.id for e in lib if e.region == "lower" and e.loadable}
    return ids


def _lower_body(area: str, m: Methodology) -> bool:
    words = area.replace("-", "_").replace(" ", "_")
    return any(w in words for w in m.adapt.pain.lower_body_areas)


def refer_pain(
    pains: Sequence[PainEntry],
    sessions: Sequence[LoggedSession],
    today: date,
    m: Methodology,
    out: Findings,
) -> dict[str, Signal]:
    """ADAPT-6: sharp, persistent or worsening pain goes to a professional.

    Returns:
        Each area referred, with the signal it was referred under.
    """
    p = m.adapt.pain
    areas = sorted({x.area for x in pains})
    runs = sorted({s.day for s in sessions if s.kind == "run"})
    referred: dict[str, Signal] = {}
    for area in areas:
        here = [x for x in pains if x.area == area]
        name = area or "an unnamed area"
        sharp = [x for x in here if x.level >= p.sharp]
        if sharp:
            worst = max(sharp, key=lambda x: (x.level, x.day))
            under = " under load" if worst.exercise_id else ""
            referred[area] = _refer(
                out,
                f"sharp pain: {name}",
                worst.day,
                today,
                f"Sharp pain ({worst.level}/10) in your {name}{under} on {worst.day.isoformat()}. "
                f"See a physiotherapist or doctor before you load it again.",
            )
            continue
        days = sorted({x.day for x in here if x.level >= p.noticeable})
        if len(days) >= p.persistent_days:
            referred[area] = _refer(
                out,
                f"persistent pain: {name}",
                days[0],
                today,
                f"Pain in your {name} on {len(days)} days in the last {p.recent_days} days. "
                "Pain that lasts beyond a week or two should be looked at by a "
                "physiotherapist or doctor.",
            )
            continue
        reports = [x for x in here if x.exercise_id is None]
        tail = reports[-p.worsening_reports :]
        rising = len(tail) == p.worsening_reports and all(
            b.level > a.level and b.day > a.day for a, b in pairwise(tail)
        )
        ran = all(any(a.day <= d <= b.day for d in runs) for a, b in pairwise(tail))
        if rising and ran:
            referred[area] = _refer(
                out,
                f"worsening pain: {name}",
                tail[0].day,
                today,
                f"Pain in your {name} has worsened run to run "
                f"({' -> '.join(str(x.level) for x in tail)}/10). See a physiotherapist or "
                "doctor before your next run.",
            )
    return referred


def _refer(out: Findings, name: str, since: date, today: date, message: str) -> Signal:
    # One message per condition; the plan's disclaimer says once that it is not medical
    # advice, so the message does not repeat it.
    signal = Signal("ADAPT-6", name, since, days_between(since, today), message)
    out.referral.append((signal, message))
    out.signals.append(signal)
    return signal


def refer_wellbeing(
    checkins: Sequence[CheckIn], today: date, m: Methodology, fatigue_days: int, out: Findings
) -> None:
    """ADAPT-6: ongoing fatigue with poor sleep or low mood; missed periods (low energy)."""
    p = m.adapt.pain
    t = m.adapt.too_much
    if fatigue_days >= p.fatigue_referral_days:
        window = [c for c in checkins if c.day > today - timedelta(days=fatigue_days)]
        sleep = mean_of(float(c.sleep_hours) for c in window if c.sleep_hours is not None)
        low = [c for c in window if low_mood(c, t.low_mood_at_most)]
        poor_sleep = sleep is not None and sleep < p.poor_sleep_hours
        if poor_sleep or len(low) >= t.flagged_needed:
            also = f"sleep {sleep:.1f} h a night on average" if poor_sleep else "low mood"
            _refer(
                out,
                "ongoing fatigue",
                today - timedelta(days=fatigue_days - 1),
                today,
                f"You have reported high fatigue for {fatigue_days} days, with {also}. "
                "Tiredness that does not lift with easier training is worth a check with a "
                "doctor (illness, iron, under-eating).",
            )
    notes = [
        c
        for c in checkins
        if c.day > today - timedelta(days=p.cycle_days)
        and c.cycle_note
        and any(w in c.cycle_note.casefold() for w in p.cycle_words)
    ]
    if notes:
        first = notes[0]
        _refer(
            out,
            "cycle change",
            first.day,
            today,
            f"Your cycle note on {first.day.isoformat()} ({(first.cycle_note or '').strip()!r}) "
            "may mean missed periods. Missed or irregular periods can be a sign of low energy "
            "availability (too little food for the training): please see a doctor, and eat "
            "enough to fuel your training.",
        )


def held_areas(
    referred: Mapping[str, Signal],
    pains: Sequence[PainEntry],
    checkins: Sequence[CheckIn],
    m: Methodology,
    lib: ExerciseLibrary,
) -> tuple[AreaHold, ...]:
    """ADAPT-5, ADAPT-6: an area referred for pain holds the loads of the exercises that
    load it, until a check-in after its last pain logs it settled (below noticeable)."""
    holds: list[AreaHold] = []
    for area, signal in sorted(referred.items()):
        last = max(x.day for x in pains if x.area == area)
        settled = any(
            c.day > last and r.area.casefold() == area and r.level < m.adapt.pain.noticeable
            for c in checkins
            for r in c.pain
        )
        if not settled:
            holds.append(AreaHold(area, tuple(sorted(area_exercises(area, pains, m, lib))), signal))
    return tuple(holds)


def low_mood(c: CheckIn, at_most: int) -> bool:
    """Mood or motivation at or below ``at_most`` (dreading the workouts)."""
    return any(v is not None and v <= at_most for v in (c.mood, c.motivation))
