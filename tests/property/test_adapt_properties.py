"""Properties of adjustments() over random training logs: never raises, factors stay in
(0, 1], LOAD-3 raises 2.5-5%, LOAD-2 cuts, referrals carry the caveat, same log same answer."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from stridelift.domain.activity import PAIN_SIDES, RUN_TYPES, CheckIn, PainReport, StrengthSet
from stridelift.domain.adapt import adjustments
from stridelift.domain.athlete import LEVELS, UNITS, Athlete
from stridelift.domain.history import SESSION_KINDS, Adjustments, LoggedSession, TrainingLog
from stridelift.domain.profile import athlete_from_mapping
from stridelift.methodologies import default_methodology, load_library

M = default_methodology()
LIB = load_library()
TODAY = date(2024, 5, 15)
HISTORY_DAYS = 70
# Library lifts of every equipment kind, one id the library does not know, and none.
EXERCISES = (
    "back_squat",
    "trap_bar_deadlift",
    "split_squat",
    "goblet_squat",
    "kettlebell_swing",
    "leg_press",
    "seated_cable_row",
    "dumbbell_row",
    "push_up",
    "mystery_lift",
    None,
)
AREAS = ("knee", "achilles", "shoulder", "lower back", "hip")

_days_ago = st.integers(min_value=-3, max_value=HISTORY_DAYS)
_scale = st.none() | st.integers(1, 10)

strength_sets = st.builds(
    StrengthSet,
    exercise_id=st.sampled_from(EXERCISES),
    reps=st.integers(0, 30),
    load_kg=st.none() | st.sampled_from((20.0, 60.0, 61.3, 12.0, 100.0)) | st.floats(0, 400),
    rir=st.none() | st.integers(0, 10),
    technique_breakdown=st.booleans(),
    pain=st.none() | st.integers(0, 10),
    pain_side=st.none() | st.sampled_from(PAIN_SIDES),
    pain_area=st.none() | st.sampled_from(AREAS),
)


@st.composite
def sessions(draw: st.DrawFn) -> LoggedSession:
    """One logged session, dated up to ten weeks back (and a few days ahead)."""
    kind = draw(st.sampled_from(SESSION_KINDS))
    return LoggedSession(
        day=TODAY - timedelta(days=draw(_days_ago)),
        kind=kind,
        minutes=draw(st.floats(0, 300)),
        rpe=draw(st.none() | st.floats(0, 10)),
        run_type=draw(st.none() | st.sampled_from(RUN_TYPES)) if kind == "run" else None,
        distance_km=draw(st.none() | st.floats(0, 60)) if kind == "run" else None,
        sets=tuple(draw(st.lists(strength_sets, max_size=8))) if kind == "strength" else (),
    )


pain_reports = st.builds(
    PainReport,
    area=st.sampled_from(AREAS),
    level=st.integers(0, 10),
    side=st.none() | st.sampled_from(PAIN_SIDES),
)


@st.composite
def checkins(draw: st.DrawFn) -> CheckIn:
    """One daily check-in with any mix of filled and empty scales."""
    return CheckIn(
        day=TODAY - timedelta(days=draw(_days_ago)),
        sleep_hours=draw(st.none() | st.floats(0, 12)),
        soreness=draw(_scale),
        fatigue=draw(_scale),
        mood=draw(_scale),
        motivation=draw(_scale),
        pain=tuple(draw(st.lists(pain_reports, max_size=3))),
        ill=draw(st.booleans()),
        cycle_note=draw(st.none() | st.sampled_from(("day 2", "missed period", "cramps"))),
    )


@st.composite
def logs(draw: st.DrawFn) -> TrainingLog:
    """A random log: sessions, check-ins and busy weeks in no particular order."""
    busy = draw(st.frozensets(st.integers(-30, 60).map(lambda d: TODAY + timedelta(days=d))))
    return TrainingLog(
        tuple(draw(st.lists(sessions(), max_size=40))),
        tuple(draw(st.lists(checkins(), max_size=25))),
        busy,
    )


@st.composite
def athletes(draw: st.DrawFn) -> Athlete:
    """Athletes of every level, unit system and strength background."""
    profile: dict[str, Any] = {
        "name": "Prop",
        "level": draw(st.sampled_from(LEVELS)),
        "units": draw(st.sampled_from(UNITS)),
        "body_mass_kg": 70,
        "weekly_run_minutes": draw(st.integers(30, 600)),
        "equipment": draw(st.sampled_from((["gym"], ["dumbbells", "bands"], []))),
        "new_to_strength": draw(st.booleans()),
    }
    return athlete_from_mapping(profile)


def _adjust(athlete: Athlete, log: TrainingLog) -> Adjustments:
    return adjustments(athlete, log, TODAY, M, LIB)


def _in_unit_interval(x: float) -> bool:
    return 0.0 < x <= 1.0


@given(athletes(), logs())
def test_random_logs_give_bounded_factors(athlete: Athlete, log: TrainingLog) -> None:
    adj = _adjust(athlete, log)
    for factor in (adj.strength_sets_factor, adj.running_factor, adj.soften_factor):
        assert _in_unit_interval(factor)
    assert all(_in_unit_interval(f) for _, f in adj.asymmetry)
    assert adj.downshift_weeks >= 0 and adj.hold_weeks >= 0 and adj.strength_rpe_drop >= 0
    # Running is cut only together with strength (ADAPT-1: strength first).
    if adj.running_factor < 1.0:
        assert adj.strength_sets_factor < 1.0 or adj.strength_rpe_drop > 0
    assert adj.acwr is None or (math.isfinite(adj.acwr) and adj.acwr >= 0)


@given(athletes(), logs())
def test_random_logs_give_loads_the_rules_allow(athlete: Athlete, log: TrainingLog) -> None:
    adj = _adjust(athlete, log)
    lo, hi = M.strength.load_step_pct
    stopped = {e for e, _ in adj.stopped}
    for advice in adj.loads:
        assert math.isfinite(advice.load_kg) and advice.load_kg > 0
        assert advice.exercise_id not in stopped
        assert advice.from_kg is not None and advice.from_kg > 0
        if advice.rule == "LOAD-3":
            assert lo <= advice.pct <= hi
            assert advice.load_kg > advice.from_kg
        elif advice.rule == "LOAD-2":
            assert advice.pct < 0
            assert advice.load_kg < advice.from_kg
        else:
            assert advice.rule == "LOAD-1"
            assert advice.pct <= 0
            assert advice.load_kg <= advice.from_kg


@given(athletes(), logs())
def test_signals_referrals_and_this_week_read_right(athlete: Athlete, log: TrainingLog) -> None:
    adj = _adjust(athlete, log)
    monday = TODAY - timedelta(days=TODAY.weekday())
    assert all(monday <= s.day < TODAY for s in adj.done_this_week)
    # One referral per condition, each with its signal; the plan's disclaimer says once
    # that it is not medical advice, so no message repeats it.
    assert len(adj.referral) == len(adj.referral_signals) == len(set(adj.referral))
    assert all("not medical advice" not in r for r in adj.referral)
    for signal in adj.signals:
        assert signal.days >= 1
        assert signal.detail
        if signal.rule != "ADAPT-3":  # busy weeks ahead are signalled from their Monday
            assert signal.since <= TODAY
        if signal.rule == "RUN-6":
            assert "not an injury predictor" in signal.detail or "does not predict" in signal.detail


@given(athletes(), logs())
def test_the_same_log_in_any_order_gives_the_same_adjustments(
    athlete: Athlete, log: TrainingLog
) -> None:
    first = _adjust(athlete, log)
    assert _adjust(athlete, log) == first
    reordered = TrainingLog(log.sessions[::-1], log.checkins[::-1], log.busy_weeks)
    assert _adjust(athlete, reordered) == first
