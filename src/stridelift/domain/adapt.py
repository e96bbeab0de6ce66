"""Turn the athlete's history into Adjustments for the planner (ADAPT, LOAD, RUN-3, RUN-6).

Every threshold comes from the methodology's [adapt] section. Pure and deterministic:
``today`` is an argument, nothing reads the clock or a file, and the output does not
depend on the order of the log's entries.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from statistics import fmean

from stridelift.domain.activity import CheckIn
from stridelift.domain.athlete import Athlete
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.guardrails import (
    Findings,
    asymmetric_loads,
    days_between,
    held_areas,
    low_mood,
    mean_of,
    pain_reports,
    refer_pain,
    refer_wellbeing,
    stopped_exercises,
)
from stridelift.domain.history import (
    SESSION_KINDS,
    Adjustments,
    AreaHold,
    LoadAdvice,
    LoggedSession,
    Signal,
    TrainingLog,
)
from stridelift.domain.load import ACWR_CAVEAT, acwr_rolling, daily_series, weekly_totals
from stridelift.domain.loads import (
    equipment_kind,
    exercise_sessions,
    load_signal,
    load_text,
    next_load,
)
from stridelift.domain.methodology import Methodology

EASY_RUN_TYPES = frozenset({"easy", "recovery"})
ACUTE_DAYS, CHRONIC_DAYS = 7, 28  # RUN-6: the coupled 7:28-day ratio


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _valid(session: LoggedSession) -> bool:
    """A session the rules can read: a known kind, finite minutes, RPE on the CR-10 scale."""
    rpe_ok = session.rpe is None or (math.isfinite(session.rpe) and 0 <= session.rpe <= 10)
    return (
        session.kind in SESSION_KINDS
        and math.isfinite(session.minutes)
        and session.minutes >= 0
        and rpe_ok
    )


# ADAPT-2 --------------------------------------------------------------------------------


def _new_strength(
    athlete: Athlete, sessions: Sequence[LoggedSession], today: date, m: Methodology, out: Findings
) -> int:
    """Weeks of the plan that still fall in the first weeks of new strength work."""
    a = m.adapt
    lifts = [s for s in sessions if s.kind == "strength"]
    if not lifts:
        if not athlete.new_to_strength:
            return 0
        # The first weeks count from where the log begins, as the plan's profile hold
        # counts them from the season's start: a replan a week later holds no longer.
        first = min(sessions[0].day, today) if sessions else today
        detail = f"new to strength and nothing lifted since {first.isoformat()}"
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
                days_between(first, today),
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
            lambda c: low_mood(c, t.low_mood_at_most),
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
    rpe_r = mean_of(float(s.rpe or 0) for s in rated_r)
    rpe_b = mean_of(float(s.rpe or 0) for s in rated_b)
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
    out: Findings,
) -> _Downshift:
    """ADAPT-1: cut strength first; running too only when the signs are long or several."""
    t = m.adapt.too_much
    signs = _checkin_signs(checkins, today, m, soreness_expected)
    run = _run_sign(sessions, today, m)
    if run is not None:
        signs.append(run)
    if not signs:
        return _Downshift()
    longest = max(days_between(s.since, today) for s in signs)
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
            Signal("ADAPT-1", s.name, s.since, days_between(s.since, today), f"{s.detail}: {cut}")
        )
    fatigue = [s for s in signs if s.name == "persistent fatigue"]
    return _Downshift(
        weeks=weeks,
        sets_factor=t.strength_sets_factor,
        rpe_drop=t.strength_rpe_drop,
        running_factor=t.running_factor if severe else 1.0,
        fatigue_days=days_between(fatigue[0].since, today) if fatigue else 0,
    )


# RUN-6, RUN-3 and volume ----------------------------------------------------------------


def _session_rpe(s: LoggedSession, m: Methodology) -> float:
    """The logged session RPE, or the methodology's typical RPE for its kind when missing."""
    if s.rpe is not None:
        return float(s.rpe)
    key = (s.run_type or "easy") if s.kind == "run" else s.kind
    return m.planned_rpe.get(key, m.planned_rpe.get(s.kind, 0.0))


def _acwr(
    sessions: Sequence[LoggedSession], today: date, m: Methodology, out: Findings
) -> tuple[float | None, float]:
    """RUN-6: the 7:28-day ratio of session RPE x minutes, and the softening it calls for."""
    a = m.adapt
    if not sessions or days_between(sessions[0].day, today) < a.acwr_min_history_days:
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


def _log_reaches(sessions: Sequence[LoggedSession], today: date, days: int) -> bool:
    """Whether the log holds a session ``days`` or more before ``today`` (an empty log
    claims nothing, so it is not short of anything)."""
    return not sessions or min(s.day for s in sessions) <= today - timedelta(days=days)


def _longest_run(sessions: Sequence[LoggedSession], today: date, m: Methodology) -> int | None:
    """RUN-3: minutes of the longest run logged in the last 30 days."""
    cutoff = today - timedelta(days=m.adapt.longest_run_days)
    minutes = [s.minutes for s in sessions if s.kind == "run" and s.day > cutoff]
    return round(max(minutes)) if minutes else None


def _recent_week_minutes(
    sessions: Sequence[LoggedSession], today: date, m: Methodology
) -> float | None:
    """Mean run minutes of the last full weeks the log covers (at most ``recent_weeks``).

    Weeks without a run count as zero once the log holds runs at all, so a break shows as
    a low volume to resume from (ADAPT-4); a log without runs, or without one full week
    yet, gives None.
    """
    if not sessions:
        return None
    monday = _monday(today)
    # The week the log begins in counts only from a Monday: a log begun mid-week (the plan
    # began that Wednesday) did not miss the days before it.
    begun = _monday(sessions[0].day + timedelta(days=6))
    first_week = max(begun, monday - timedelta(weeks=m.adapt.recent_weeks))
    if first_week >= monday:
        return None
    runs = [(s.day, s.minutes) for s in sessions if s.kind == "run"]
    if not runs:
        return None  # running is not logged here at all: the profile's volume stands
    weeks = weekly_totals(daily_series(runs, first_week, monday - timedelta(days=1)))
    return round(float(weeks.mean()), 1)


# ADAPT-3 and ADAPT-4 --------------------------------------------------------------------


def _busy(busy_weeks: Iterable[date], today: date, out: Findings) -> frozenset[date]:
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


def _missed(sessions: Sequence[LoggedSession], today: date, m: Methodology, out: Findings) -> None:
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
    holds: Sequence[AreaHold],
    out: Findings,
) -> tuple[LoadAdvice, ...]:
    """The next load of every exercise lifted in the last weeks (stopped ones aside), each
    with its signal: what was logged, when, at what load.

    ADAPT-5 asymmetry factors are not applied here: they travel in
    ``Adjustments.asymmetry`` and the planner applies them to whatever load it derives.
    """
    cutoff = today - timedelta(days=m.adapt.loads.lookback_days)
    steps = m.adapt.loads.steps
    held = {ex: h for h in holds for ex in h.exercise_ids}
    recent = [s for s in sessions if s.day > cutoff]
    advice: list[LoadAdvice] = []
    for exercise_id, history in sorted(exercise_sessions(recent).items()):
        if exercise_id in stopped:
            continue
        exercise = lib.get(exercise_id) if exercise_id in lib else None
        kind = equipment_kind(exercise, steps)
        found = next_load(exercise_id, history, kind=kind, units=athlete.units, m=m)
        if found is not None:
            hold = held.get(exercise_id)
            if hold is not None and found.from_kg and found.load_kg > found.from_kg:
                found = replace(  # ADAPT-6: no load increase on a painful area (a hold)
                    found,
                    load_kg=found.from_kg,
                    rule="LOAD-1",
                    pct=0.0,
                    step_kg=None,
                    why=f"{found.why}; held at {load_text(found.from_kg, athlete.units)} "
                    f"while your {hold.area} is referred for pain ({hold.signal.rule}), "
                    "until you log it settled",
                )
            advice.append(found)
            out.signals.append(load_signal(found, history, today, athlete.units))
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
        key=lambda s: (s.day, s.kind, repr(s)),  # a total order: two lifts on one day too
    )
    checkins = sorted((c for c in log.checkins if c.day <= today), key=lambda c: (c.day, repr(c)))
    out = Findings([], [])
    hold = _new_strength(athlete, sessions, today, m, out)
    down = _too_much(sessions, checkins, today, m, hold > 0, out)
    acwr, soften = _acwr(sessions, today, m, out)
    stopped = stopped_exercises(sessions, today, m, out)
    pains = pain_reports(sessions, checkins, today - timedelta(days=m.adapt.pain.recent_days - 1))
    asymmetry = asymmetric_loads(pains, today, m, lib, out)
    referred = refer_pain(pains, sessions, today, m, out)
    refer_wellbeing(checkins, today, m, down.fatigue_days, out)
    busy = _busy(log.busy_weeks, today, out)
    _missed(sessions, today, m, out)
    holds = held_areas(referred, pains, checkins, m, lib)
    loads = _loads(athlete, sessions, today, m, lib, stopped, holds, out)
    referrals = list({message: (signal, message) for signal, message in out.referral}.values())
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
        first_lift=next((s.day for s in sessions if s.kind == "strength"), None),
        lift_days=tuple(sorted({s.day for s in sessions if s.kind == "strength"})),
        busy_weeks=busy,
        moves=log.moves,
        stopped=tuple(sorted(stopped.items())),
        asymmetry=tuple(sorted(asymmetry.items())),
        referral=tuple(message for _s, message in referrals),
        referral_signals=tuple(signal for signal, _m in referrals),
        holds=holds,
        loads=loads,
        longest_run_30d=_longest_run(sessions, today, m),
        longest_run_window_logged=_log_reaches(sessions, today, m.adapt.longest_run_days),
        recent_week_minutes=_recent_week_minutes(sessions, today, m),
        done_this_week=tuple(s for s in sessions if monday <= s.day < today),
    )
