"""What the history changes in the plan: ADAPT-1..6, RUN-3, RUN-6 and loads, one rule at a time.

Every history is synthetic and built to sit just inside or just outside a rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import pytest

from stridelift.domain.activity import CheckIn, PainReport, StrengthSet
from stridelift.domain.adapt import adjustments
from stridelift.domain.athlete import Athlete
from stridelift.domain.history import Adjustments, LoggedSession, Signal, TrainingLog
from stridelift.domain.profile import athlete_from_mapping
from stridelift.domain.units import kg_to_lb
from stridelift.methodologies import default_methodology, load_library

M = default_methodology()
LIB = load_library()
TODAY = date(2024, 5, 15)  # a Wednesday
MONDAY = date(2024, 5, 13)


def _athlete(**extra: Any) -> Athlete:
    profile = {
        "name": "Test",
        "level": "intermediate",
        "body_mass_kg": 65,
        "weekly_run_minutes": 200,
        "equipment": ["gym"],
        **extra,
    }
    return athlete_from_mapping(profile)


ATHLETE = _athlete()


def _ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def _run(days_ago: int, minutes: float = 40, rpe: float | None = 3, **kw: Any) -> LoggedSession:
    kw.setdefault("run_type", "easy")
    return LoggedSession(_ago(days_ago), "run", minutes, rpe, **kw)


def _lift(days_ago: int, *sets: StrengthSet, rpe: float | None = 6) -> LoggedSession:
    return LoggedSession(_ago(days_ago), "strength", 45, rpe, sets=sets)


def _squats(kg: float = 60.0, rir: int = 2, n: int = 3, **kw: Any) -> list[StrengthSet]:
    return [StrengthSet("back_squat", 8, kg, rir, **kw)] * n


def _steady(weeks: int = 8, *, lifts: bool = True) -> list[LoggedSession]:
    """Easy runs Tue/Thu/Sat and squats Mon/Thu for ``weeks`` weeks before today."""
    sessions = []
    for days_ago in range(7 * weeks, 0, -1):
        day = _ago(days_ago)
        if day.weekday() in (1, 3, 5):
            sessions.append(_run(days_ago, distance_km=7.0))
        if lifts and day.weekday() in (0, 3):
            sessions.append(_lift(days_ago, *_squats()))
    return sessions


def _adjust(
    sessions: Iterable[LoggedSession] = (),
    checkins: Iterable[CheckIn] = (),
    busy: Iterable[date] = (),
    athlete: Athlete = ATHLETE,
    today: date = TODAY,
) -> Adjustments:
    log = TrainingLog(tuple(sessions), tuple(checkins), frozenset(busy))
    return adjustments(athlete, log, today, M, LIB)


def _signals(adj: Adjustments, rule: str) -> list[Signal]:
    return [s for s in adj.signals if s.rule == rule]


def _checkins(days_ago: Iterable[int], **fields: Any) -> list[CheckIn]:
    return [CheckIn(_ago(d), **fields) for d in days_ago]


def test_no_history_changes_nothing() -> None:
    assert _adjust() == Adjustments()


# ADAPT-1: too much -------------------------------------------------------------------


def test_fatigue_on_three_of_the_last_five_check_ins_cuts_strength_first() -> None:
    checkins = _checkins([6, 4], fatigue=4) + _checkins([5, 2, 0], fatigue=8)
    adj = _adjust(_steady(), sorted(checkins, key=lambda c: c.day))
    assert adj.downshift_weeks == 1
    assert 0.6 <= adj.strength_sets_factor <= 0.7
    assert adj.strength_rpe_drop == 1
    assert adj.running_factor == 1.0  # running is the priority: untouched when mild
    (signal,) = _signals(adj, "ADAPT-1")
    assert signal.name == "persistent fatigue"
    assert signal.since == _ago(5)
    assert signal.days == 6
    assert "3 of the last 5" in signal.detail


def test_one_bad_day_or_two_change_nothing() -> None:
    adj = _adjust(_steady(), _checkins([3, 2, 1, 0], fatigue=3) + _checkins([4], fatigue=9))
    assert adj.downshift_weeks == 0
    adj = _adjust(_steady(), _checkins([4, 3, 1], fatigue=3) + _checkins([2, 0], fatigue=9))
    assert adj.downshift_weeks == 0
    assert adj.strength_sets_factor == 1.0
    assert not _signals(adj, "ADAPT-1")


def test_tired_check_ins_older_than_the_window_change_nothing() -> None:
    adj = _adjust(_steady(), _checkins([20, 19, 18, 17], fatigue=9))
    assert adj.downshift_weeks == 0


def test_low_motivation_reads_as_dreading_the_workouts() -> None:
    adj = _adjust(_steady(), _checkins([4, 2, 0], motivation=2, fatigue=3))
    (signal,) = _signals(adj, "ADAPT-1")
    assert signal.name == "dreading workouts"
    assert adj.strength_sets_factor < 1.0


def test_soreness_in_the_first_weeks_of_new_strength_work_is_expected() -> None:
    runs_only = _steady(lifts=False)
    new_lifts = [_lift(9, *_squats()), _lift(6, *_squats()), _lift(2, *_squats())]
    checkins = _checkins([4, 3, 1, 0], soreness=8)
    adj = _adjust([*runs_only, *new_lifts], checkins)
    assert adj.hold_weeks > 0
    assert adj.downshift_weeks == 0
    assert not _signals(adj, "ADAPT-1")
    # The same soreness for a seasoned lifter is chronic.
    seasoned = _adjust(_steady(), checkins)
    assert [s.name for s in _signals(seasoned, "ADAPT-1")] == ["chronic soreness"]


def test_long_lasting_fatigue_also_trims_running() -> None:
    adj = _adjust(_steady(), _checkins(range(15, -1, -1), fatigue=8))
    assert adj.downshift_weeks == 2
    assert 0.85 <= adj.running_factor < 1.0
    assert adj.strength_sets_factor < 1.0
    (signal,) = _signals(adj, "ADAPT-1")
    assert signal.since == _ago(15)
    assert signal.days == 16


def test_two_signs_at_once_are_severe() -> None:
    adj = _adjust(_steady(), _checkins([4, 2, 0], fatigue=8, mood=2))
    assert {s.name for s in _signals(adj, "ADAPT-1")} == {"persistent fatigue", "dreading workouts"}
    assert adj.running_factor < 1.0
    assert adj.downshift_weeks == 2


def test_two_good_check_ins_end_a_streak() -> None:
    checkins = (
        _checkins([12, 11], fatigue=9)
        + _checkins([9, 8], fatigue=3)
        + _checkins([4, 2, 0], fatigue=9)
    )
    (signal,) = _signals(_adjust(_steady(), sorted(checkins, key=lambda c: c.day)), "ADAPT-1")
    assert signal.since == _ago(4)


def _easy_runs(
    days_ago: Iterable[int], rpe: float, minutes: float = 40, km: float | None = None
) -> list[LoggedSession]:
    return [_run(d, minutes, rpe, distance_km=km) for d in days_ago]


def test_easy_runs_feeling_harder_at_the_same_minutes_count_as_running_getting_worse() -> None:
    sessions = _easy_runs([30, 25, 20, 15, 12], rpe=3) + _easy_runs([8, 5, 2], rpe=5)
    adj = _adjust(sessions)
    (signal,) = _signals(adj, "ADAPT-1")
    assert signal.name == "running getting worse"
    assert signal.since == _ago(8)
    assert adj.strength_sets_factor < 1.0
    assert adj.running_factor == 1.0


def test_harder_easy_runs_that_were_also_much_longer_are_not_a_bad_sign() -> None:
    sessions = _easy_runs([30, 25, 20, 15, 12], rpe=3) + _easy_runs([8, 5, 2], rpe=5, minutes=70)
    assert not _signals(_adjust(sessions), "ADAPT-1")


def test_slower_easy_pace_at_the_same_effort_counts_as_running_getting_worse() -> None:
    sessions = _easy_runs([30, 25, 20, 15], rpe=3, km=7.0) + _easy_runs([8, 5, 2], rpe=3, km=6.3)
    (signal,) = _signals(_adjust(sessions), "ADAPT-1")
    assert "pace" in signal.detail
    steady = _easy_runs([30, 25, 20, 15], rpe=3, km=7.0) + _easy_runs([8, 5, 2], rpe=3, km=6.9)
    assert not _signals(_adjust(steady), "ADAPT-1")


# ADAPT-2: new strength work ------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_lift_days_ago", "weeks"),
    [(2, 3), (9, 2), (16, 1), (23, 0)],  # first lifts this Monday, last Monday, ...
)
def test_the_first_three_weeks_of_lifting_hold_running(
    first_lift_days_ago: int, weeks: int
) -> None:
    lifts = [_lift(d, *_squats()) for d in range(first_lift_days_ago, 0, -3)]
    adj = _adjust([*_steady(lifts=False), *lifts])
    assert adj.hold_weeks == weeks
    signals = _signals(adj, "ADAPT-2")
    assert len(signals) == (1 if weeks else 0)
    if weeks:
        assert signals[0].since == _ago(first_lift_days_ago)
        assert signals[0].days == first_lift_days_ago + 1


def test_a_log_that_starts_with_lifting_does_not_prove_the_athlete_is_new_to_it() -> None:
    assert _adjust([_lift(5, *_squats()), _lift(2, *_squats())]).hold_weeks == 0


def test_an_athlete_new_to_strength_with_nothing_lifted_yet_holds_from_where_the_log_begins() -> (
    None
):
    # A log begun last week (with the plan): the first three weeks count from its start,
    # as the plan's own hold counts them from the season's, so two remain.
    adj = _adjust(_steady(weeks=1, lifts=False), athlete=_athlete(new_to_strength=True))
    assert adj.hold_weeks == M.adapt.new_strength_weeks - 1
    assert "nothing lifted since" in adj.signals[0].detail
    # Months of runs and no lift yet: the hold waits for the first lift (the plan's profile
    # hold covers a season's first weeks).
    assert _adjust(_steady(lifts=False), athlete=_athlete(new_to_strength=True)).hold_weeks == 0


def test_an_athlete_new_to_strength_with_a_few_recent_lifts_holds_the_rest() -> None:
    lifts = [_lift(9, *_squats()), _lift(6, *_squats())]
    assert _adjust(lifts, athlete=_athlete(new_to_strength=True)).hold_weeks == 2


# ADAPT-3: busy weeks -------------------------------------------------------------------


def test_busy_weeks_pass_through_and_the_coming_ones_are_signalled() -> None:
    past, this, later = MONDAY - timedelta(weeks=2), MONDAY, MONDAY + timedelta(weeks=1, days=2)
    adj = _adjust(_steady(), busy=[past, this, later])
    assert adj.busy_weeks == frozenset({past, this, MONDAY + timedelta(weeks=1)})
    signals = _signals(adj, "ADAPT-3")
    assert [s.since for s in signals] == [this, MONDAY + timedelta(weeks=1)]
    assert all(s.days == 7 for s in signals)


# ADAPT-4: this week so far, missed weeks -----------------------------------------------


def test_sessions_done_this_week_before_today_are_kept_as_logged() -> None:
    monday, tuesday = _lift(2, *_squats()), _run(1)
    sessions = [_run(3), tuesday, monday, _run(0)]
    assert _adjust(sessions).done_this_week == (monday, tuesday)


def test_missed_weeks_are_signalled_and_do_not_pile_up() -> None:
    sessions = [s for s in _steady() if s.day < MONDAY - timedelta(weeks=2)]
    adj = _adjust(sessions)
    (signal,) = _signals(adj, "ADAPT-4")
    assert signal.since == MONDAY - timedelta(weeks=2)
    assert signal.days == 14
    assert not _signals(_adjust(_steady()), "ADAPT-4")


# ADAPT-5: pain guardrails --------------------------------------------------------------


def _split_squats(*pains: int | None, side: str | None = None) -> list[StrengthSet]:
    return [
        StrengthSet("split_squat", 8, 12.0, 2, pain=p, pain_side=side, pain_area="knee")
        for p in pains
    ]


def test_pain_that_sharpens_set_to_set_stops_the_exercise() -> None:
    adj = _adjust([*_steady(), _lift(1, *_split_squats(1, 2, 3))])
    assert [e for e, _ in adj.stopped] == ["split_squat"]
    reason = dict(adj.stopped)["split_squat"]
    assert "pain rose 1 -> 2 -> 3/10" in reason  # every value of the trend
    assert "split_squat" not in {a.exercise_id for a in adj.loads}
    (signal,) = [s for s in _signals(adj, "ADAPT-5") if "split_squat" in s.name]
    assert signal.since == _ago(1)


@pytest.mark.parametrize("pains", [(2, 2, 2), (3, 1, 2), (1, None, 2, None, 3)])
def test_steady_or_falling_pain_does_not_stop_the_exercise(pains: tuple[int | None, ...]) -> None:
    adj = _adjust([*_steady(), _lift(1, *_split_squats(*pains))])
    assert adj.stopped == ()


def test_one_set_at_the_stop_level_stops_the_exercise() -> None:
    adj = _adjust([_lift(1, *_split_squats(None, M.adapt.pain.stop_at))])
    assert [e for e, _ in adj.stopped] == ["split_squat"]


def test_a_later_pain_free_session_lifts_the_stop() -> None:
    adj = _adjust([_lift(5, *_split_squats(1, 2, 3)), _lift(1, *_split_squats(0, 0, 0))])
    assert adj.stopped == ()


def test_soreness_alone_fires_no_pain_guardrail_and_no_referral() -> None:
    adj = _adjust(_steady(), _checkins(range(12, -1, -1), soreness=9))
    assert adj.stopped == ()
    assert adj.asymmetry == ()
    assert adj.referral == ()
    assert not _signals(adj, "ADAPT-5") and not _signals(adj, "ADAPT-6")


def test_pain_on_one_side_on_three_days_lowers_lower_body_loads_and_asks_for_assessment() -> None:
    checkins = _checkins([6, 3, 0], pain=(PainReport("knee", 4, "left"),))
    adj = _adjust(_steady(), checkins)
    factors = dict(adj.asymmetry)
    assert factors["back_squat"] == M.adapt.pain.asymmetry_factor
    assert "dumbbell_row" not in factors  # an upper-body lift is not concerned
    # The factor travels on its own; the logged load is still advised by the LOAD rules.
    (advice,) = [a for a in adj.loads if a.exercise_id == "back_squat"]
    assert (advice.rule, advice.load_kg) == ("LOAD-1", 60.0)
    (referral,) = [r for r in adj.referral if "left knee" in r]
    assert "not medical advice" not in referral  # said once, by the plan's disclaimer
    (signal,) = [s for s in _signals(adj, "ADAPT-5") if "asymmetry" in s.name]
    assert (signal.since, signal.days) == (_ago(6), 7)


def test_one_sided_pain_on_two_days_is_not_yet_persistent() -> None:
    adj = _adjust(_steady(), _checkins([3, 0], pain=(PainReport("knee", 4, "left"),)))
    assert adj.asymmetry == ()


def test_pain_on_both_sides_is_not_an_asymmetry() -> None:
    both = (PainReport("knee", 4, "left"), PainReport("knee", 4, "right"))
    adj = _adjust(_steady(), _checkins([6, 3, 0], pain=both))
    assert adj.asymmetry == ()


def test_asymmetry_compares_one_area_side_to_side_never_different_areas() -> None:
    # Left hip on two days and left knee on one are not three days of one area, and the
    # right achilles is not the other side of either.
    checkins = [
        CheckIn(_ago(6), pain=(PainReport("hip", 4, "left"),)),
        CheckIn(_ago(4), pain=(PainReport("hip", 4, "left"), PainReport("achilles", 4, "right"))),
        CheckIn(_ago(1), pain=(PainReport("knee", 4, "left"),)),
    ]
    adj = _adjust(_steady(), checkins)
    assert adj.asymmetry == ()
    assert not [s for s in _signals(adj, "ADAPT-5") if "asymmetry" in s.name]
    # Three days in the left hip, none in the right hip: that is an asymmetry, of the hip.
    more = [*checkins, CheckIn(_ago(2), pain=(PainReport("hip", 4, "left"),))]
    (signal,) = [s for s in _signals(_adjust(_steady(), more), "ADAPT-5") if "asymmetry" in s.name]
    assert signal.name == "left/right asymmetry: hip"
    assert "right hip on 0" in signal.detail


def test_one_sided_pain_on_an_upper_body_lift_lowers_only_that_lift() -> None:
    rows = [
        StrengthSet("dumbbell_row", 10, 20.0, 2, pain=3, pain_side="right", pain_area="shoulder")
    ]
    sessions = [*_steady(), *(_lift(d, *rows) for d in (8, 5, 1))]
    assert dict(_adjust(sessions).asymmetry) == {"dumbbell_row": M.adapt.pain.asymmetry_factor}


# ADAPT-6: see a professional -----------------------------------------------------------


def test_sharp_pain_under_load_is_referred_under_a_label_naming_the_area() -> None:
    adj = _adjust([*_steady(), _lift(2, *_split_squats(None, None, 8))])
    (referral,) = [r for r in adj.referral if "Sharp pain (8/10)" in r]
    assert "under load" in referral
    assert any(s.name == "sharp pain: knee" for s in _signals(adj, "ADAPT-6"))


def test_pain_in_one_area_on_three_days_in_two_weeks_is_referred() -> None:
    adj = _adjust(_steady(), _checkins([12, 7, 1], pain=(PainReport("achilles", 3),)))
    (referral,) = adj.referral
    assert "achilles on 3 days" in referral
    (signal,) = _signals(adj, "ADAPT-6")
    assert (signal.since, signal.days) == (_ago(12), 13)


def test_pain_on_two_days_or_long_ago_is_not_referred() -> None:
    assert _adjust(_steady(), _checkins([7, 1], pain=(PainReport("achilles", 3),))).referral == ()
    assert (
        _adjust(_steady(), _checkins([30, 25, 20], pain=(PainReport("achilles", 5),))).referral
        == ()
    )


def test_pain_worsening_run_to_run_is_referred() -> None:
    runs = [_run(6), _run(4), _run(2)]
    checkins = [
        CheckIn(_ago(d), pain=(PainReport("calf", lv),)) for d, lv in ((6, 1), (4, 2), (2, 3))
    ]
    adj = _adjust(runs, checkins)
    assert any("worsened run to run" in r for r in adj.referral)
    # The same rising pain without runs in between is not "run to run".
    assert _adjust([_run(20)], checkins).referral == ()


def test_ongoing_fatigue_with_poor_sleep_is_referred() -> None:
    tired = _checkins(range(15, -1, -1), fatigue=8, sleep_hours=5.0)
    adj = _adjust(_steady(), tired)
    assert any("fatigue for 16 days" in r for r in adj.referral)
    rested = _checkins(range(15, -1, -1), fatigue=8, sleep_hours=8.0, mood=7)
    assert _adjust(_steady(), rested).referral == ()


def test_a_missed_period_note_is_referred_for_low_energy_availability() -> None:
    adj = _adjust(_steady(), [CheckIn(_ago(3), cycle_note="Missed period this month")])
    (referral,) = adj.referral
    assert "low energy availability" in referral
    assert _adjust(_steady(), [CheckIn(_ago(3), cycle_note="day 2, cramps")]).referral == ()


# RUN-6: acute:chronic ------------------------------------------------------------------


def _naive_acwr(sessions: list[LoggedSession]) -> float:
    def load(lo: int, hi: int) -> float:
        return sum((s.rpe or 0) * s.minutes for s in sessions if lo <= (TODAY - s.day).days < hi)

    return (load(0, 7) / 7) / (load(0, 28) / 28)


def test_a_load_spike_softens_the_first_week_and_says_it_only_describes_load() -> None:
    steady = _steady(lifts=False)
    spike = [_run(d, 90, 6, run_type="tempo") for d in (6, 4, 3, 1)]
    sessions = steady + spike
    adj = _adjust(sessions)
    assert adj.acwr == pytest.approx(_naive_acwr(sessions), abs=0.01)
    assert adj.acwr > M.acwr_soften_above
    assert adj.soften_factor == M.adapt.soften_factor
    (signal,) = _signals(adj, "RUN-6")
    assert "does not predict injury" in signal.detail
    assert "Impellizzeri" in signal.detail
    assert (signal.since, signal.days) == (_ago(6), 7)


def test_a_steady_load_softens_nothing() -> None:
    adj = _adjust(_steady(lifts=False))
    assert adj.acwr is not None
    assert 0.7 < adj.acwr < 1.3
    assert adj.soften_factor == 1.0
    assert not _signals(adj, "RUN-6")


def test_less_than_four_weeks_of_log_gives_no_ratio() -> None:
    sessions = [_run(d, 90, 7) for d in range(26, 0, -1)]
    adj = _adjust(sessions)
    assert adj.acwr is None
    assert adj.soften_factor == 1.0


# RUN-3 and volume ----------------------------------------------------------------------


def test_the_longest_run_of_the_last_30_days_is_reported_in_minutes() -> None:
    sessions = [_run(40, 150, run_type="long"), _run(20, 95.4, run_type="long"), _run(3, 40)]
    assert _adjust(sessions).longest_run_30d == 95


def test_recent_volume_is_the_mean_of_the_last_four_full_weeks() -> None:
    sessions = []
    for week, minutes in enumerate((150, 140, 130, 120), start=1):  # last week first
        sessions.append(
            LoggedSession(MONDAY - timedelta(weeks=week) + timedelta(days=2), "run", minutes)
        )
    sessions.append(LoggedSession(MONDAY - timedelta(weeks=6), "run", 500))  # too old to count
    sessions.append(_run(1, 300))  # this week: not a full week yet
    assert _adjust(sessions).recent_week_minutes == pytest.approx(135.0)


def test_a_log_shorter_than_four_weeks_averages_the_weeks_it_covers() -> None:
    sessions = [
        LoggedSession(MONDAY - timedelta(weeks=2), "run", 100),
        LoggedSession(MONDAY - timedelta(weeks=1), "run", 140),
    ]
    assert _adjust(sessions).recent_week_minutes == pytest.approx(120.0)


def test_weeks_without_runs_after_logged_runs_count_as_zero() -> None:
    sessions = [_run(60, 200), _lift(10, *_squats()), _lift(3, *_squats())]
    adj = _adjust(sessions)
    assert adj.recent_week_minutes == 0.0
    assert adj.longest_run_30d is None


def test_no_runs_means_no_volume_figures() -> None:
    adj = _adjust([_lift(d, *_squats()) for d in (20, 10, 3)])
    assert adj.recent_week_minutes is None
    assert adj.longest_run_30d is None


# Loads ---------------------------------------------------------------------------------


def test_loads_are_advised_for_each_lifted_exercise_in_the_athletes_units() -> None:
    easy = [StrengthSet("trap_bar_deadlift", 5, 100.0, 4)] * 3
    sessions = [_lift(8, *easy), _lift(4, *easy)]
    adj = _adjust(sessions, athlete=_athlete(units="imperial"))
    (advice,) = adj.loads
    assert advice.rule == "LOAD-3"
    assert kg_to_lb(advice.load_kg) == pytest.approx(230.0, abs=1e-3)


def test_lifts_older_than_the_lookback_set_no_load() -> None:
    old = M.adapt.loads.lookback_days + 1
    assert _adjust([_lift(old, *_squats())]).loads == ()


# Determinism ---------------------------------------------------------------------------


def test_the_order_of_the_log_does_not_matter() -> None:
    sessions = [*_steady(), _lift(1, *_split_squats(1, 2, 4))]
    checkins = _checkins([6, 3, 0], fatigue=8, pain=(PainReport("knee", 4, "left"),))
    first = _adjust(sessions, checkins)
    mixed = sessions[1::2] + sessions[::2][::-1]  # every session once, out of date order
    assert _adjust(mixed, checkins[::-1]) == first
    assert first.signals == tuple(
        sorted(first.signals, key=lambda s: (s.rule, s.since, s.name, s.detail))
    )


def test_two_lifts_on_one_day_give_the_same_advice_in_either_order() -> None:
    light, heavy = _lift(1, *_squats(20.0)), _lift(1, *_squats(60.0))
    assert _adjust([heavy, light]).loads == _adjust([light, heavy]).loads


def test_entries_after_today_are_ignored() -> None:
    future = [_run(-2, 300), _lift(-1, *_split_squats(5, 8, 9))]
    assert _adjust([*_steady(), *future]) == _adjust(_steady())
