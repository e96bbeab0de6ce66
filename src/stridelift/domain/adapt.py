"""Turn the athlete's history into Adjustments for the planner (ADAPT, LOAD, RUN-3, RUN-6).

Every threshold comes from the methodology's [adapt] section. Pure and deterministic:
``today`` is an argument, nothing reads the clock or a file, and the output does not
depend on the order of the log's entries.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from statistics import fmean

from stridelift.domain.activity import CheckIn
from stridelift.domain.athlete import Athlete
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.history import (
    SESSION_KINDS,
    Adjustments,
    LoadAdvice,
    LoggedSession,
    Signal,
    TrainingLog,
)
from stridelift.domain.load import ACWR_CAVEAT, acwr_rolling, daily_series, weekly_totals
from stridelift.domain.loads import (
    equipment_kind,
    exercise_sessions,
    next_load,
    scale_for_asymmetry,
)
from stridelift.domain.methodology import Methodology

NOT_MEDICAL_ADVICE = "Stridelift is not medical advice."
EASY_RUN_TYPES = frozenset({"easy", "recovery"})
ACUTE_DAYS, CHRONIC_DAYS = 7, 28  # RUN-6: the coupled 7:28-day ratio


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _days(since: date, today: date) -> int:
    """Days from ``since`` to ``today``, both counted."""
    return (today - since).days + 1


def _valid(session: LoggedSession) -> bool:
    """A session the rules can read: a known kind, finite minutes, RPE on the CR-10 scale."""
    rpe_ok = session.rpe is None or (math.isfinite(session.rpe) and 0 <= session.rpe <= 10)
    return (
        session.kind in SESSION_KINDS
        and math.isfinite(session.minutes)
        and session.minutes >= 0
        and rpe_ok
    )


@dataclass(slots=True)
class _Out:
    """What the rules add up to while they run."""

    signals: list[Signal]
    referral: list[str]


# ADAPT-2 --------------------------------------------------------------------------------


def _new_strength(
    athlete: Athlete, sessions: Sequence[LoggedSession], today: date, m: Methodology, out: _Out
) -> int:
    """Weeks of the plan that still fall in the first weeks of new strength work."""
    a = m.adapt
    lifts = [s for s in sessions if s.kind == "strength"]
    if not lifts:
        if not athlete.new_to_strength:
            return 0
        first = today
        detail = "new to strength and nothing lifted yet"
    else:
        first = lifts[0].day
        before = sessions[0].day <= first - timedelta(days=a.new_strength_prior_days)
        few = athlete.new_to_strength and len(lifts) < a.new_strength_few_sessions
        if not (before or few):
            return 0
        detail = f"first strength session logged on {first.isoformat()}"
    end = _monday(first) + timedelta(weeks=a.new_strength_weeks)
    weeks = max(0, math.ceil((end - _monday(today)).days / 7))
    if weeks:
        out.signals.append(
            Signal(
                "ADAPT-2",
                "new to strength",
                first,
                _days(first, today),
                f"{detail}: the first {a.new_strength_weeks} weeks of new strength work bring "
                f"soreness, so running holds its volume and eases its intensity "
                f"({weeks} more week{'s' if weeks > 1 else ''})",
            )
        )
    return weeks


# ADAPT-1 --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sign:
    """One ADAPT-1 sign that fired."""

    name: str
    since: date
    detail: str


def _streak_start(
    checkins: Sequence[CheckIn], flagged: Callable[[CheckIn], bool], m: Methodology
) -> date | None:
    """The first flagged check-in of the streak that reaches the latest check-in."""
    t = m.adapt.too_much
    since: date | None = None
    good = 0
    later: date | None = None
    for c in reversed(checkins):
        if later is not None and (later - c.day).days > t.window_days:
            break
        if flagged(c):
            since, good = c.day, 0
        else:
            good += 1
            if good >= t.streak_ends_after:
                break
        later = c.day
    return since


def _checkin_signs(
    checkins: Sequence[CheckIn], today: date, m: Methodology, soreness_expected: bool
) -> list[_Sign]:
    """Fatigue, soreness and dread on enough of the latest check-ins (ADAPT-1)."""
    t = m.adapt.too_much
    recent = [c for c in checkins if c.day > today - timedelta(days=t.window_days)]
    recent = recent[-t.last_checkins :]
    tests: list[tuple[str, Callable[[CheckIn], bool], str]] = [
        (
            "persistent fatigue",
            lambda c: c.ill or (c.fatigue or 0) >= t.fatigue_at_least,
            f"fatigue {t.fatigue_at_least}/10 or more (or ill)",
        ),
        (
            "dreading workouts",
            lambda c: _low_mood(c, t.low_mood_at_most),
            f"mood or motivation {t.low_mood_at_most}/10 or less",
        ),
    ]
    if not soreness_expected:  # ADAPT-2: early soreness from new lifting is expected
        tests.append(
            (
                "chronic soreness",
                lambda c: (c.soreness or 0) >= t.soreness_at_least,
                f"soreness {t.soreness_at_least}/10 or more",
            )
        )
    signs = []
    for name, flagged, what in tests:
        count = sum(1 for c in recent if flagged(c))
        if count < t.flagged_needed:
            continue
        since = _streak_start(checkins, flagged, m) or recent[0].day
        detail = f"{what} on {count} of the last {len(recent)} check-ins"
        signs.append(_Sign(name, since, detail))
    return signs


def _mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return fmean(items) if items else None


def _run_sign(sessions: Sequence[LoggedSession], today: date, m: Methodology) -> _Sign | None:
    """Easy runs feel harder at similar minutes, or get slower at no lower effort."""
    t = m.adapt.too_much
    split = today - timedelta(days=t.run_recent_days)
    oldest = split - timedelta(days=t.run_baseline_days)
    easy = [s for s in sessions if s.kind == "run" and s.run_type in EASY_RUN_TYPES]
    recent = [s for s in easy if s.day > split]
    base = [s for s in easy if oldest < s.day <= split]
    if not recent or not base:
        return None
    since = recent[0].day
    rated_r = [s for s in recent if s.rpe is not None]
    rated_b = [s for s in base if s.rpe is not None]
    rpe_r = _mean(float(s.rpe or 0) for s in rated_r)
    rpe_b = _mean(float(s.rpe or 0) for s in rated_b)
    enough = min(len(rated_r), len(rated_b)) >= t.run_min_runs
    if enough and rpe_r is not None and rpe_b is not None:
        min_r = fmean(s.minutes for s in rated_r)
        min_b = fmean(s.minutes for s in rated_b)
        similar = min_r <= min_b * (1 + t.similar_minutes_pct / 100)
        if similar and rpe_r - rpe_b >= t.easy_run_rpe_rise:
            detail = (
                f"easy runs rated RPE {rpe_r:.1f} on average in the last {t.run_recent_days} "
                f"days against {rpe_b:.1f} before, at similar minutes"
            )
            return _Sign("running getting worse", since, detail)
    timed_r = [s for s in recent if (s.distance_km or 0) > 0 and s.minutes > 0]
    timed_b = [s for s in base if (s.distance_km or 0) > 0 and s.minutes > 0]
    if min(len(timed_r), len(timed_b)) < t.run_min_runs:
        return None
    pace_r = sum(s.minutes for s in timed_r) / sum(float(s.distance_km or 0) for s in timed_r)
    pace_b = sum(s.minutes for s in timed_b) / sum(float(s.distance_km or 0) for s in timed_b)
    no_easier = rpe_r is None or rpe_b is None or rpe_r >= rpe_b
    if no_easier and pace_r >= pace_b * (1 + t.easy_pace_drop_pct / 100):
        detail = (
            f"easy pace {pace_r:.2f} min/km in the last {t.run_recent_days} days against "
            f"{pace_b:.2f} before, at no lower effort"
        )
        return _Sign("running getting worse", since, detail)
    return None


@dataclass(frozen=True, slots=True)
class _Downshift:
    weeks: int = 0
    sets_factor: float = 1.0
    rpe_drop: int = 0
    running_factor: float = 1.0
    fatigue_days: int = 0


def _too_much(
    sessions: Sequence[LoggedSession],
    checkins: Sequence[CheckIn],
    today: date,
    m: Methodology,
    soreness_expected: bool,
    out: _Out,
) -> _Downshift:
    """ADAPT-1: cut strength first; running too only when the signs are long or several."""
    t = m.adapt.too_much
    signs = _checkin_signs(checkins, today, m, soreness_expected)
    run = _run_sign(sessions, today, m)
    if run is not None:
        signs.append(run)
    if not signs:
        return _Downshift()
    longest = max(_days(s.since, today) for s in signs)
    severe = len(signs) >= 2 or longest >= t.severe_days
    weeks = t.severe_downshift_weeks if severe else t.downshift_weeks
    cut = (
        f"strength cut first ({t.strength_sets_factor:.0%} of the sets, "
        f"{t.strength_rpe_drop} RPE lighter) for {weeks} week{'s' if weeks > 1 else ''}"
    )
    if severe:
        cut += f"; running at {t.running_factor:.0%} as well, the signs being long or several"
    for s in signs:
        out.signals.append(
            Signal("ADAPT-1", s.name, s.since, _days(s.since, today), f"{s.detail}: {cut}")
        )
    fatigue = [s for s in signs if s.name == "persistent fatigue"]
    return _Downshift(
        weeks=weeks,
        sets_factor=t.strength_sets_factor,
        rpe_drop=t.strength_rpe_drop,
        running_factor=t.running_factor if severe else 1.0,
        fatigue_days=_days(fatigue[0].since, today) if fatigue else 0,
    )


# ADAPT-5 and ADAPT-6: pain -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pain:
    """One pain report, from a set (under load) or a check-in."""

    day: date
    area: str
    side: str | None
    level: int
    exercise_id: str | None  # the exercise when reported on a set


def _pains(
    sessions: Sequence[LoggedSession], checkins: Sequence[CheckIn], since: date
) -> list[_Pain]:
    """Every pain above 0 reported from ``since`` on, sets and check-ins, in date order."""
    found: list[_Pain] = []
    for s in sessions:
        if s.day < since:
            continue
        for one in s.sets:
            if one.pain is not None and one.pain > 0:
                area = (one.pain_area or one.exercise_id or one.source_name or "").casefold()
                found.append(_Pain(s.day, area, one.pain_side, one.pain, one.exercise_id))
    for c in checkins:
        if c.day < since:
            continue
        for p in c.pain:
            if p.level > 0:
                found.append(_Pain(c.day, p.area.casefold(), p.side, p.level, None))
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


def _stopped(
    sessions: Sequence[LoggedSession], today: date, m: Methodology, out: _Out
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
        seen = (
            f"pain rose from {low} to {high}/10 set to set"
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
                "ADAPT-5", f"painful sets: {exercise_id}", last.day, _days(last.day, today), reason
            )
        )
    return stopped


def _asymmetry(
    pains: Sequence[_Pain], today: date, m: Methodology, lib: ExerciseLibrary, out: _Out
) -> dict[str, float]:
    """ADAPT-5: pain on one side on several days lowers the loads concerned, asks for a check."""
    p = m.adapt.pain
    days: dict[str, set[date]] = {"left": set(), "right": set()}
    for pain in pains:
        if pain.side in days and pain.level >= p.noticeable:
            days[pain.side].add(pain.day)
    factors: dict[str, float] = {}
    for side, other in (("left", "right"), ("right", "left")):
        if len(days[side]) < p.asymmetry_days or len(days[other]) >= p.asymmetry_days:
            continue
        mine = [x for x in pains if x.side == side and x.level >= p.noticeable]
        areas = sorted({x.area for x in mine if x.area})
        ids = {x.exercise_id for x in mine if x.exercise_id is not None}
        if any(_lower_body(area, m) for area in areas):
            ids |= {e.id for e in lib if e.region == "lower" and e.loadable}
        for exercise_id in ids:
            factors[exercise_id] = p.asymmetry_factor
        since = min(days[side])
        where = ", ".join(areas) or "unspecified area"
        detail = (
            f"pain on the {side} side ({where}) on {len(days[side])} days since "
            f"{since.isoformat()}, on {len(days[other])} on the {other}: loads "
            f"{1 - p.asymmetry_factor:.0%} "
            "lighter on the exercises concerned"
        )
        out.signals.append(
            Signal("ADAPT-5", f"{side}/{other} asymmetry", since, _days(since, today), detail)
        )
        out.referral.append(
            f"Pain keeps coming back on your {side} side ({where}: {len(days[side])} days in "
            f"the last {p.recent_days} days). Have it assessed by a physiotherapist; until then "
            f"the loads concerned are {1 - p.asymmetry_factor:.0%} lighter. {NOT_MEDICAL_ADVICE}"
        )
    return factors


def _lower_body(area: str, m: Methodology) -> bool:
    words = area.replace("-", "_").replace(" ", "_")
    return any(w in words for w in m.adapt.pain.lower_body_areas)


def _refer_pain(
    pains: Sequence[_Pain],
    sessions: Sequence[LoggedSession],
    today: date,
    m: Methodology,
    out: _Out,
) -> None:
    """ADAPT-6: sharp, persistent or worsening pain goes to a professional."""
    p = m.adapt.pain
    areas = sorted({x.area for x in pains})
    runs = sorted({s.day for s in sessions if s.kind == "run"})
    for area in areas:
        here = [x for x in pains if x.area == area]
        name = area or "an unnamed area"
        sharp = [x for x in here if x.level >= p.sharp]
        if sharp:
            worst = max(sharp, key=lambda x: (x.level, x.day))
            under = " under load" if worst.exercise_id else ""
            _refer(
                out,
                "sharp pain",
                worst.day,
                today,
                f"Sharp pain ({worst.level}/10) in your {name}{under} on {worst.day.isoformat()}. "
                f"See a physiotherapist or doctor before you load it again.",
            )
            continue
        days = sorted({x.day for x in here if x.level >= p.noticeable})
        if len(days) >= p.persistent_days:
            _refer(
                out,
                "persistent pain",
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
            _refer(
                out,
                "worsening pain",
                tail[0].day,
                today,
                f"Pain in your {name} has worsened run to run "
                f"({' -> '.join(str(x.level) for x in tail)}/10). See a physiotherapist or "
                "doctor before your next run.",
            )


def _refer(out: _Out, name: str, since: date, today: date, message: str) -> None:
    text = f"{message} {NOT_MEDICAL_ADVICE}"
    out.referral.append(text)
    out.signals.append(Signal("ADAPT-6", name, since, _days(since, today), message))


def _refer_wellbeing(
    checkins: Sequence[CheckIn], today: date, m: Methodology, fatigue_days: int, out: _Out
) -> None:
    """ADAPT-6: ongoing fatigue with poor sleep or low mood; missed periods (low energy)."""
    p = m.adapt.pain
    t = m.adapt.too_much
    if fatigue_days >= p.fatigue_referral_days:
        window = [c for c in checkins if c.day > today - timedelta(days=fatigue_days)]
        sleep = _mean(float(c.sleep_hours) for c in window if c.sleep_hours is not None)
        low = [c for c in window if _low_mood(c, t.low_mood_at_most)]
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


def _low_mood(c: CheckIn, at_most: int) -> bool:
    return any(v is not None and v <= at_most for v in (c.mood, c.motivation))


# RUN-6, RUN-3 and volume ----------------------------------------------------------------


def _session_rpe(s: LoggedSession, m: Methodology) -> float:
    """The logged session RPE, or the methodology's typical RPE for its kind when missing."""
    if s.rpe is not None:
        return float(s.rpe)
    key = (s.run_type or "easy") if s.kind == "run" else s.kind
    return m.planned_rpe.get(key, m.planned_rpe.get(s.kind, 0.0))


def _acwr(
    sessions: Sequence[LoggedSession], today: date, m: Methodology, out: _Out
) -> tuple[float | None, float]:
    """RUN-6: the 7:28-day ratio of session RPE x minutes, and the softening it calls for."""
    a = m.adapt
    if not sessions or _days(sessions[0].day, today) < a.acwr_min_history_days:
        return None, 1.0
    start = today - timedelta(days=CHRONIC_DAYS - 1)
    series = daily_series(((s.day, _session_rpe(s, m) * s.minutes) for s in sessions), start, today)
    ratio = float(acwr_rolling(series, acute_days=ACUTE_DAYS, chronic_days=CHRONIC_DAYS).ratio[-1])
    if not math.isfinite(ratio):
        return None, 1.0
    value = round(ratio, 2)
    if value <= a.acwr_soften_above:
        return value, 1.0
    since = today - timedelta(days=ACUTE_DAYS - 1)
    out.signals.append(
        Signal(
            "RUN-6",
            "load spike",
            since,
            ACUTE_DAYS,
            f"the last 7 days' load (session RPE x minutes) is {value:.2f} times the 28-day "
            f"average, above {a.acwr_soften_above:g}: the first week's running is softened to "
            f"{a.soften_factor:.0%}. This describes load only. {ACWR_CAVEAT}",
        )
    )
    return value, a.soften_factor


def _longest_run(sessions: Sequence[LoggedSession], today: date, m: Methodology) -> int | None:
    """RUN-3: minutes of the longest run logged in the last 30 days."""
    cutoff = today - timedelta(days=m.adapt.longest_run_days)
    minutes = [s.minutes for s in sessions if s.kind == "run" and s.day > cutoff]
    return round(max(minutes)) if minutes else None


def _recent_week_minutes(
    sessions: Sequence[LoggedSession], today: date, m: Methodology
) -> float | None:
    """Mean run minutes of the last full weeks the log covers (at most ``recent_weeks``)."""
    if not sessions:
        return None
    monday = _monday(today)
    first_week = max(_monday(sessions[0].day), monday - timedelta(weeks=m.adapt.recent_weeks))
    if first_week >= monday:
        return None
    runs = [(s.day, s.minutes) for s in sessions if s.kind == "run"]
    if not any(first_week <= d < monday for d, _ in runs):
        return None
    weeks = weekly_totals(daily_series(runs, first_week, monday - timedelta(days=1)))
    return round(float(weeks.mean()), 1)


# ADAPT-3 and ADAPT-4 --------------------------------------------------------------------


def _busy(busy_weeks: Iterable[date], today: date, out: _Out) -> frozenset[date]:
    """ADAPT-3: every busy week passes through; this one and later ones get a signal."""
    mondays = frozenset(_monday(d) for d in busy_weeks)
    for monday in sorted(d for d in mondays if d >= _monday(today)):
        out.signals.append(
            Signal(
                "ADAPT-3",
                "busy week",
                monday,
                7,
                f"week of {monday.isoformat()} marked busy: one full-body session of 35-45 "
                "minutes and one short one (calves, split squat, hinge); accessories go first",
            )
        )
    return mondays


def _missed(sessions: Sequence[LoggedSession], today: date, m: Methodology, out: _Out) -> None:
    """ADAPT-4: full weeks with nothing logged; the plan resumes, it does not catch up."""
    monday = _monday(today)
    logged = {_monday(s.day) for s in sessions}
    if not sessions or _monday(sessions[0].day) >= monday - timedelta(weeks=1):
        return
    empty = 0
    while empty < m.adapt.recent_weeks and monday - timedelta(weeks=empty + 1) not in logged:
        empty += 1
    if empty == 0 or _monday(sessions[0].day) >= monday - timedelta(weeks=empty):
        return
    since = monday - timedelta(weeks=empty)
    out.signals.append(
        Signal(
            "ADAPT-4",
            "missed week" if empty == 1 else "missed weeks",
            since,
            7 * empty,
            f"nothing logged in the {empty} week{'s' if empty > 1 else ''} from "
            f"{since.isoformat()}: the plan resumes from here, missed sessions are not "
            "piled up",
        )
    )


# LOAD-1..3 ------------------------------------------------------------------------------


def _loads(
    athlete: Athlete,
    sessions: Sequence[LoggedSession],
    today: date,
    m: Methodology,
    lib: ExerciseLibrary,
    stopped: dict[str, str],
    asymmetry: dict[str, float],
) -> tuple[LoadAdvice, ...]:
    """The next load of every exercise lifted in the last weeks (stopped ones aside)."""
    cutoff = today - timedelta(days=m.adapt.loads.lookback_days)
    steps = m.adapt.loads.steps
    recent = [s for s in sessions if s.day > cutoff]
    advice: list[LoadAdvice] = []
    for exercise_id, history in sorted(exercise_sessions(recent).items()):
        if exercise_id in stopped:
            continue
        exercise = lib.get(exercise_id) if exercise_id in lib else None
        kind = equipment_kind(exercise, steps)
        found = next_load(exercise_id, history, kind=kind, units=athlete.units, m=m)
        if found is None:
            continue
        factor = asymmetry.get(exercise_id)
        if factor is not None:
            found = scale_for_asymmetry(
                found, factor, kind, athlete.units, steps, "pain keeps showing on one side"
            )
        advice.append(found)
    return tuple(advice)


# The whole history -----------------------------------------------------------------------


def adjustments(
    athlete: Athlete,
    log: TrainingLog,
    today: date,
    m: Methodology,
    lib: ExerciseLibrary,
) -> Adjustments:
    """Everything the planner changes because of ``log``, each change with its signal.

    Sessions and check-ins dated after ``today`` are ignored, as are sessions the rules
    cannot read (unknown kind, negative or non-finite minutes, RPE off the 0-10 scale).
    """
    sessions = sorted(
        (s for s in log.sessions if s.day <= today and _valid(s)),
        key=lambda s: (s.day, s.kind, s.minutes, s.rpe or 0.0, s.run_type or ""),
    )
    checkins = sorted((c for c in log.checkins if c.day <= today), key=lambda c: c.day)
    out = _Out([], [])
    hold = _new_strength(athlete, sessions, today, m, out)
    down = _too_much(sessions, checkins, today, m, hold > 0, out)
    acwr, soften = _acwr(sessions, today, m, out)
    stopped = _stopped(sessions, today, m, out)
    pains = _pains(sessions, checkins, today - timedelta(days=m.adapt.pain.recent_days - 1))
    asymmetry = _asymmetry(pains, today, m, lib, out)
    _refer_pain(pains, sessions, today, m, out)
    _refer_wellbeing(checkins, today, m, down.fatigue_days, out)
    busy = _busy(log.busy_weeks, today, out)
    _missed(sessions, today, m, out)
    monday = _monday(today)
    return Adjustments(
        signals=tuple(sorted(out.signals, key=lambda s: (s.rule, s.since, s.name, s.detail))),
        downshift_weeks=down.weeks,
        strength_sets_factor=down.sets_factor,
        strength_rpe_drop=down.rpe_drop,
        running_factor=down.running_factor,
        soften_factor=soften,
        acwr=acwr,
        hold_weeks=hold,
        busy_weeks=busy,
        stopped=tuple(sorted(stopped.items())),
        asymmetry=tuple(sorted(asymmetry.items())),
        referral=tuple(dict.fromkeys(out.referral)),
        loads=_loads(athlete, sessions, today, m, lib, stopped, asymmetry),
        longest_run_30d=_longest_run(sessions, today, m),
        recent_week_minutes=_recent_week_minutes(sessions, today, m),
        done_this_week=tuple(s for s in sessions if monday <= s.day < today),
    )
