"""Known-value and edge-case tests of the training-load model (RUN-6, RUN-7)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import numpy as np
import pytest

from stridelift.domain.activity import Activity, StrengthSet
from stridelift.domain.e1rm import (
    e1rm_brzycki,
    e1rm_epley,
    estimate_1rm,
)
from stridelift.domain.errors import DomainError
from stridelift.domain.load import (
    ACWR_CAVEAT,
    AcuteChronic,
    DailyLoad,
    LoadError,
    acwr_ewma,
    acwr_rolling,
    compliance,
    daily_series,
    fitness_fatigue,
    monotony_strain,
    project_forward,
    rpe_from_rir,
    session_load,
    weekly_run_volume,
    weekly_totals,
)

MONDAY = date(2024, 1, 1)
AcwrFunction = Callable[[DailyLoad], AcuteChronic]
E1rmFunction = Callable[[float, int], float]


def _flat(days: int, load: float, start: date = MONDAY) -> DailyLoad:
    return DailyLoad(start, np.full(days, load))


def _naive_ewma(loads: list[float], tau: float, initial: float = 0.0) -> list[float]:
    gain = 1.0 - math.exp(-1.0 / tau)
    out, value = [], initial
    for load in loads:
        value += (load - value) * gain
        out.append(value)
    return out


# Session load ---------------------------------------------------------------------------


def test_session_load_is_rpe_times_minutes() -> None:
    assert session_load(7, 45) == 315.0
    assert session_load(0, 30) == 0.0


@pytest.mark.parametrize(
    ("rpe", "minutes"), [(11, 30), (-1, 30), (math.nan, 30), (5, -1), (5, math.inf)]
)
def test_session_load_rejects_rpe_outside_the_scale_and_impossible_minutes(
    rpe: float, minutes: float
) -> None:
    with pytest.raises(LoadError):
        session_load(rpe, minutes)


def test_a_load_error_is_both_a_value_error_and_a_domain_error() -> None:
    assert issubclass(LoadError, ValueError)
    assert issubclass(LoadError, DomainError)


# Daily series and weekly totals ---------------------------------------------------------


def test_daily_series_sums_sessions_of_one_day_and_zero_fills_the_rest() -> None:
    sessions = [(MONDAY, 300.0), (MONDAY, 120.0), (date(2024, 1, 3), 200.0)]
    series = daily_series(sessions, MONDAY, date(2024, 1, 4))
    assert series.start == MONDAY
    assert series.end == date(2024, 1, 4)
    assert series.loads.dtype == np.float64
    assert series.loads.tolist() == [420.0, 0.0, 200.0, 0.0]


def test_daily_series_includes_both_ends_and_leaves_out_days_beyond_them() -> None:
    sessions = [
        (date(2023, 12, 31), 999.0),
        (MONDAY, 1.0),
        (date(2024, 1, 7), 7.0),
        (date(2024, 1, 8), 999.0),
    ]
    series = daily_series(sessions, MONDAY, date(2024, 1, 7))
    assert series.days == 7
    assert series.loads.tolist() == [1.0, 0, 0, 0, 0, 0, 7.0]


def test_daily_series_of_an_empty_history_is_all_zeros() -> None:
    series = daily_series([], MONDAY, date(2024, 1, 10))
    assert series.loads.tolist() == [0.0] * 10


def test_daily_series_of_a_single_day_has_one_value() -> None:
    assert daily_series([(MONDAY, 5.0)], MONDAY, MONDAY).loads.tolist() == [5.0]


def test_daily_series_rejects_an_end_before_its_start() -> None:
    with pytest.raises(LoadError, match="before start"):
        daily_series([], MONDAY, date(2023, 12, 31))


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_daily_series_rejects_a_load_that_is_negative_or_not_finite(bad: float) -> None:
    with pytest.raises(LoadError):
        daily_series([(MONDAY, bad)], MONDAY, MONDAY)


def test_daily_load_keeps_a_read_only_copy_of_its_loads() -> None:
    source = np.array([1.0, 2.0])
    series = DailyLoad(MONDAY, source)
    source[0] = 99.0
    assert series.loads.tolist() == [1.0, 2.0]
    with pytest.raises(ValueError, match="read-only"):
        series.loads[0] = 5.0


def test_daily_load_rejects_a_two_dimensional_array() -> None:
    with pytest.raises(LoadError, match="1-D"):
        DailyLoad(MONDAY, np.zeros((2, 2)))


def test_weekly_totals_split_on_mondays_and_leave_partial_weeks_unpadded() -> None:
    wednesday = date(2024, 1, 3)
    series = DailyLoad(wednesday, np.arange(1.0, 11.0))  # Wed 3rd .. Fri 12th
    assert series.first_monday == MONDAY
    # Wed-Sun of week one hold 1..5; Mon-Fri of week two hold 6..10.
    assert weekly_totals(series).tolist() == [15.0, 40.0]


def test_weekly_totals_of_whole_weeks_are_plain_seven_day_sums() -> None:
    assert weekly_totals(_flat(21, 10.0)).tolist() == [70.0, 70.0, 70.0]


def test_weekly_totals_of_an_empty_series_are_empty() -> None:
    assert weekly_totals(DailyLoad(MONDAY, np.zeros(0))).size == 0


# Acute:chronic ratio --------------------------------------------------------------------


@pytest.mark.parametrize("acwr", [acwr_rolling, acwr_ewma])
def test_acwr_of_a_flat_series_is_one_from_the_twenty_eighth_day(acwr: AcwrFunction) -> None:
    figure = acwr(_flat(60, 250.0))
    assert np.isnan(figure.ratio[:27]).all()
    np.testing.assert_allclose(figure.ratio[27:], 1.0, rtol=1e-12)


@pytest.mark.parametrize("acwr", [acwr_rolling, acwr_ewma])
def test_acwr_of_an_all_zero_history_is_nan_never_inf(acwr: AcwrFunction) -> None:
    assert np.isnan(acwr(_flat(90, 0.0)).ratio).all()


@pytest.mark.parametrize("acwr", [acwr_rolling, acwr_ewma])
def test_acwr_of_an_empty_history_is_empty(acwr: AcwrFunction) -> None:
    assert acwr(DailyLoad(MONDAY, np.zeros(0))).ratio.size == 0


def test_rolling_acwr_matches_a_hand_computed_spike() -> None:
    series = DailyLoad(MONDAY, np.r_[np.full(28, 10.0), np.full(7, 40.0)])
    figure = acwr_rolling(series)
    # Day 35: acute = 40; chronic = (21 * 10 + 7 * 40) / 28 = 17.5.
    assert figure.method == "rolling"
    assert figure.acute[34] == pytest.approx(40.0)
    assert figure.chronic[34] == pytest.approx(17.5)
    assert figure.ratio[34] == pytest.approx(40.0 / 17.5)


def test_rolling_acwr_turns_nan_once_four_weeks_pass_without_load() -> None:
    series = DailyLoad(MONDAY, np.r_[np.full(30, 50.0), np.zeros(28)])
    ratio = acwr_rolling(series).ratio
    assert ratio[56] == pytest.approx(0.0)  # one loaded day still inside the chronic window
    assert np.isnan(ratio[57])


def test_ewma_acwr_matches_the_williams_recursion_by_hand() -> None:
    series = DailyLoad(MONDAY, np.r_[100.0, np.zeros(29)])
    figure = acwr_ewma(series)
    lam_a, lam_c, t = 2 / 8, 2 / 29, 27
    # One impulse on day 0: EWMA_t = lam * (1 - lam)**t * 100, divided by the weight seen.
    acute = lam_a * (1 - lam_a) ** t * 100 / (1 - (1 - lam_a) ** (t + 1))
    chronic = lam_c * (1 - lam_c) ** t * 100 / (1 - (1 - lam_c) ** (t + 1))
    assert figure.method == "ewma"
    assert figure.acute[t] == pytest.approx(acute, rel=1e-12)
    assert figure.chronic[t] == pytest.approx(chronic, rel=1e-12)
    assert figure.ratio[t] == pytest.approx(acute / chronic, rel=1e-12)


def test_ewma_acwr_weighs_recent_load_more_where_rolling_cannot_tell() -> None:
    early = DailyLoad(MONDAY, np.r_[np.full(7, 100.0), np.zeros(21)])
    late = DailyLoad(MONDAY, np.r_[np.zeros(21), np.full(7, 100.0)])
    assert acwr_rolling(early).ratio[27] == pytest.approx(0.0)
    assert acwr_rolling(late).ratio[27] == pytest.approx(4.0)
    early_ratio, late_ratio = acwr_ewma(early).ratio[27], acwr_ewma(late).ratio[27]
    assert early_ratio < 1.0 < late_ratio


def test_acwr_rejects_an_acute_window_longer_than_the_chronic_one() -> None:
    with pytest.raises(LoadError):
        acwr_rolling(_flat(30, 1.0), acute_days=28, chronic_days=7)
    with pytest.raises(LoadError):
        acwr_ewma(_flat(30, 1.0), acute_days=0)


def test_the_acwr_caveat_says_it_is_not_an_injury_predictor() -> None:
    assert "does not predict injury" in ACWR_CAVEAT
    assert "Impellizzeri" in ACWR_CAVEAT


# Monotony and strain --------------------------------------------------------------------


def test_monotony_and_strain_match_foster_by_hand() -> None:
    week = [100.0, 0.0, 100.0, 0.0, 100.0, 0.0, 100.0]
    figure = monotony_strain(DailyLoad(MONDAY, np.array(week)))
    mean, sd = statistics.fmean(week), statistics.pstdev(week)
    assert np.isnan(figure.monotony[:6]).all()
    assert figure.weekly_load[6] == 400.0
    assert figure.mean[6] == pytest.approx(mean)
    assert figure.sd[6] == pytest.approx(sd)
    assert figure.monotony[6] == pytest.approx(mean / sd)
    assert figure.strain[6] == pytest.approx(400.0 * mean / sd)


def test_monotony_of_the_same_load_every_day_is_nan_not_inf() -> None:
    figure = monotony_strain(_flat(7, 0.1))  # 0.1 is inexact in binary: SD must still be 0
    assert figure.sd[6] == 0.0
    assert np.isnan(figure.monotony[6])
    assert np.isnan(figure.strain[6])


def test_a_week_of_rest_has_no_monotony_and_zero_strain() -> None:
    figure = monotony_strain(_flat(10, 0.0))
    assert np.isnan(figure.monotony[6:]).all()
    assert figure.strain[6:].tolist() == [0.0] * 4


def test_monotony_of_a_history_shorter_than_a_week_is_all_nan() -> None:
    figure = monotony_strain(_flat(6, 50.0))
    assert np.isnan(figure.strain).all()
    assert figure.weekly_load.size == 6


def test_monotony_needs_a_window_of_at_least_two_days() -> None:
    with pytest.raises(LoadError):
        monotony_strain(_flat(7, 1.0), window_days=1)


# Fitness and fatigue --------------------------------------------------------------------


def test_constant_load_brings_fitness_and_fatigue_to_that_load() -> None:
    figure = fitness_fatigue(_flat(1500, 300.0))
    days = np.arange(1, 1501)
    np.testing.assert_allclose(figure.fitness, 300.0 * (1 - np.exp(-days / 42)), rtol=1e-12)
    np.testing.assert_allclose(figure.fatigue, 300.0 * (1 - np.exp(-days / 7)), rtol=1e-12)
    assert figure.fitness[-1] == pytest.approx(300.0, rel=1e-12)
    assert figure.form[-1] == pytest.approx(0.0, abs=1e-9)


def test_a_single_impulse_decays_by_e_to_minus_one_over_tau_each_day() -> None:
    figure = fitness_fatigue(DailyLoad(MONDAY, np.r_[1000.0, np.zeros(60)]))
    assert figure.fitness[0] == pytest.approx(1000.0 * (1 - math.exp(-1 / 42)))
    assert figure.fatigue[0] == pytest.approx(1000.0 * (1 - math.exp(-1 / 7)))
    np.testing.assert_allclose(figure.fitness[1:] / figure.fitness[:-1], math.exp(-1 / 42))
    np.testing.assert_allclose(figure.fatigue[1:] / figure.fatigue[:-1], math.exp(-1 / 7))


def test_form_is_fitness_minus_fatigue() -> None:
    figure = fitness_fatigue(DailyLoad(MONDAY, np.array([100.0, 0.0, 50.0, 200.0])))
    np.testing.assert_array_equal(figure.form, figure.fitness - figure.fatigue)
    assert figure.form[0] < 0.0  # a first session tires before it builds fitness


def test_ten_years_of_fitness_and_fatigue_match_a_day_by_day_loop() -> None:
    loads = np.random.default_rng(42).uniform(0, 600, 3650) * (np.arange(3650) % 7 != 0)
    figure = fitness_fatigue(DailyLoad(MONDAY, loads))
    np.testing.assert_allclose(figure.fitness, _naive_ewma(loads.tolist(), 42), rtol=1e-9)
    np.testing.assert_allclose(figure.fatigue, _naive_ewma(loads.tolist(), 7), rtol=1e-9)


def test_fitness_fatigue_of_an_empty_history_is_empty() -> None:
    figure = fitness_fatigue(DailyLoad(MONDAY, np.zeros(0)))
    assert figure.days == 0
    assert figure.form.size == 0


@pytest.mark.parametrize("bad", [0.0, -7.0, math.nan])
def test_fitness_fatigue_rejects_a_time_constant_that_is_not_positive(bad: float) -> None:
    with pytest.raises(LoadError):
        fitness_fatigue(_flat(3, 1.0), fatigue_days=bad)


def test_projecting_forward_continues_the_same_curves() -> None:
    loads = np.random.default_rng(7).uniform(0, 400, 200)
    whole = fitness_fatigue(DailyLoad(MONDAY, loads), fitness_days=30, fatigue_days=5)
    past = fitness_fatigue(DailyLoad(MONDAY, loads[:120]), fitness_days=30, fatigue_days=5)
    future = project_forward(past, loads[120:])
    assert future.start == MONDAY + timedelta(days=120)
    assert (future.fitness_days, future.fatigue_days) == (30, 5)
    np.testing.assert_allclose(future.fitness, whole.fitness[120:], rtol=1e-12)
    np.testing.assert_allclose(future.fatigue, whole.fatigue[120:], rtol=1e-12)
    np.testing.assert_allclose(future.form, whole.form[120:], rtol=1e-9, atol=1e-9)


def test_projecting_rest_days_lets_fitness_decay_from_the_last_day() -> None:
    past = fitness_fatigue(_flat(100, 200.0))
    future = project_forward(past, np.zeros(10))
    expected = past.fitness[-1] * np.exp(-np.arange(1, 11) / 42)
    np.testing.assert_allclose(future.fitness, expected, rtol=1e-12)


def test_projecting_from_an_empty_history_starts_from_zero() -> None:
    past = fitness_fatigue(DailyLoad(MONDAY, np.zeros(0)))
    future = project_forward(past, [100.0])
    assert future.start == MONDAY
    assert future.fitness[0] == pytest.approx(100.0 * (1 - math.exp(-1 / 42)))


def test_projecting_rejects_a_negative_planned_load() -> None:
    with pytest.raises(LoadError):
        project_forward(fitness_fatigue(_flat(5, 1.0)), [10.0, -1.0])


# Estimated 1RM and RIR ------------------------------------------------------------------


def test_epley_and_brzycki_match_their_formulas() -> None:
    assert e1rm_epley(100, 5) == pytest.approx(116.67, abs=0.005)
    assert e1rm_brzycki(100, 5) == pytest.approx(112.5)
    assert e1rm_brzycki(80, 1) == pytest.approx(80.0)
    assert e1rm_epley(80, 1) == pytest.approx(80 * 31 / 30)


@pytest.mark.parametrize("formula", [e1rm_epley, e1rm_brzycki])
def test_one_rep_max_formulas_reject_fewer_than_one_rep(formula: E1rmFunction) -> None:
    with pytest.raises(ValueError, match="reps"):
        formula(100, 0)


def test_brzycki_rejects_thirty_seven_reps_or_more_but_epley_does_not() -> None:
    with pytest.raises(ValueError, match="below 37"):
        e1rm_brzycki(50, 37)
    assert e1rm_epley(30, 37) == pytest.approx(30 * (1 + 37 / 30))


def test_one_rep_max_formulas_reject_a_negative_load() -> None:
    with pytest.raises(LoadError, match="load_kg"):
        e1rm_epley(-5, 3)


def test_estimate_1rm_takes_each_exercises_best_set_of_ten_reps_or_fewer() -> None:
    sets = [
        StrengthSet("back_squat", reps=5, load_kg=100.0),
        StrengthSet("back_squat", reps=3, load_kg=110.0),
        StrengthSet("back_squat", reps=15, load_kg=90.0),  # RUN-7: too many reps to trust
        StrengthSet("deadlift", reps=10, load_kg=100.0),
        StrengthSet("calf_raise", reps=20, load_kg=60.0),
        StrengthSet(None, reps=5, load_kg=200.0, source_name="Mystery lift"),
        StrengthSet("push_up", reps=8),
    ]
    best = estimate_1rm(sets)
    assert set(best) == {"back_squat", "deadlift"}
    squat = best["back_squat"]
    # 3 x 110: Epley 121.0, Brzycki 116.47; 5 x 100 gives only 116.67 and 112.5.
    assert squat.from_set == sets[1]
    assert squat.set_index == 1
    assert squat.epley_kg == pytest.approx(121.0)
    assert squat.brzycki_kg == pytest.approx(110 * 36 / 34)
    assert best["deadlift"].epley_kg == pytest.approx(100 * (1 + 10 / 30))


def test_estimate_1rm_keeps_the_first_of_two_equal_sets() -> None:
    sets = [StrengthSet("row", reps=6, load_kg=60.0), StrengthSet("row", reps=6, load_kg=60.0)]
    assert estimate_1rm(sets)["row"].set_index == 0


def test_estimate_1rm_of_no_sets_is_empty() -> None:
    assert estimate_1rm([]) == {}


@pytest.mark.parametrize(("rir", "rpe"), [(0, 10), (1, 9), (2, 8), (3, 7), (12, 1), (-2, 10)])
def test_rpe_from_rir_is_ten_minus_rir_clamped_to_the_scale(rir: int, rpe: float) -> None:
    assert rpe_from_rir(rir) == rpe


def test_rpe_from_rir_rejects_nan() -> None:
    with pytest.raises(LoadError):
        rpe_from_rir(math.nan)


# Weekly run volume ----------------------------------------------------------------------


def _activity(start: datetime, sport: str, minutes: float, km: float | None) -> Activity:
    distance_m = None if km is None else km * 1000
    return Activity(start, sport, minutes * 60, distance_m=distance_m)


def test_weekly_run_volume_counts_runs_only_per_monday_week() -> None:
    eastern = timezone(timedelta(hours=-5))
    activities = [
        _activity(datetime(2024, 1, 2, 7, tzinfo=UTC), "running", 40, 8.0),
        _activity(datetime(2024, 1, 3, 7, tzinfo=UTC), "cycling", 90, 40.0),
        _activity(datetime(2024, 1, 4, 7), "running", 30, None),  # noqa: DTZ001 naive = UTC
        # Sunday evening in New York is Monday in UTC: the next week.
        _activity(datetime(2024, 1, 7, 20, tzinfo=eastern), "running", 60, 12.0),
        _activity(datetime(2024, 1, 30, 7, tzinfo=UTC), "running", 99, 99.0),  # after end
    ]
    minutes, km = weekly_run_volume(activities, MONDAY, date(2024, 1, 14))
    assert minutes.tolist() == pytest.approx([70.0, 60.0])
    assert km.tolist() == pytest.approx([8.0, 12.0])


def test_weekly_run_volume_lines_up_with_weekly_totals_on_partial_weeks() -> None:
    start, end = date(2024, 1, 5), date(2024, 1, 16)  # Friday .. Tuesday
    runs = [_activity(datetime(2024, 1, 5, 6, tzinfo=UTC), "running", 50, 10.0)]
    minutes, km = weekly_run_volume(runs, start, end)
    assert minutes.size == weekly_totals(daily_series([], start, end)).size == 3
    assert minutes.tolist() == [50.0, 0.0, 0.0]
    assert km.tolist() == [10.0, 0.0, 0.0]


def test_weekly_run_volume_of_no_activities_is_zero_every_week() -> None:
    minutes, km = weekly_run_volume([], MONDAY, date(2024, 1, 21))
    assert minutes.tolist() == km.tolist() == [0.0, 0.0, 0.0]


# Compliance -----------------------------------------------------------------------------


def test_a_session_done_on_its_planned_day_matches() -> None:
    result = compliance([(MONDAY, "run")], [(MONDAY, "run")])
    assert result.first_monday == MONDAY
    assert (result.planned.tolist(), result.done.tolist(), result.extra.tolist()) == (
        [1],
        [1],
        [0],
    )
    assert result.ratio == 1.0


def test_a_session_done_a_day_late_or_early_still_matches() -> None:
    planned = [(date(2024, 1, 2), "strength"), (date(2024, 1, 5), "run")]
    done = [(date(2024, 1, 3), "strength"), (date(2024, 1, 4), "run")]
    assert compliance(planned, done).ratio == 1.0


def test_a_session_two_days_off_or_of_another_kind_does_not_match() -> None:
    planned = [(date(2024, 1, 2), "strength"), (date(2024, 1, 5), "run")]
    done = [(date(2024, 1, 4), "strength"), (date(2024, 1, 5), "cross")]
    result = compliance(planned, done)
    assert result.ratio == 0.0
    assert result.extra.tolist() == [2]


def test_a_same_day_match_wins_over_a_neighbouring_day() -> None:
    planned = [(date(2024, 1, 2), "run"), (date(2024, 1, 3), "run")]
    result = compliance(planned, [(date(2024, 1, 3), "run")])
    assert result.ratio == 0.5
    assert result.done.tolist() == [1]


def test_late_sessions_fill_the_earliest_open_plan_first() -> None:
    planned = [(date(2024, 1, 2), "run"), (date(2024, 1, 4), "run")]
    done = [(date(2024, 1, 3), "run"), (date(2024, 1, 5), "run")]
    assert compliance(planned, done).ratio == 1.0


def test_compliance_counts_per_week_in_the_planned_sessions_week() -> None:
    sunday, next_monday = date(2024, 1, 7), date(2024, 1, 8)
    planned = [(MONDAY, "run"), (sunday, "strength"), (date(2024, 1, 10), "run")]
    done = [(next_monday, "strength"), (date(2024, 1, 20), "cross")]
    result = compliance(planned, done)
    assert result.first_monday == MONDAY
    assert result.planned.tolist() == [2, 1, 0]
    assert result.done.tolist() == [1, 0, 0]  # the late Sunday session counts in week one
    assert result.extra.tolist() == [0, 0, 1]
    assert result.ratio == pytest.approx(1 / 3)
    ratios = result.weekly_ratio
    assert ratios[:2].tolist() == [0.5, 0.0]
    assert np.isnan(ratios[2])


def test_compliance_with_nothing_planned_or_done_is_empty_with_a_nan_ratio() -> None:
    result = compliance([], [])
    assert result.first_monday is None
    assert result.planned.size == result.done.size == result.extra.size == 0
    assert math.isnan(result.ratio)


def test_compliance_with_nothing_planned_counts_everything_as_extra() -> None:
    result = compliance([], [(MONDAY, "run"), (MONDAY, "run")])
    assert math.isnan(result.ratio)
    assert result.extra.tolist() == [2]


def test_compliance_rejects_an_unknown_kind() -> None:
    with pytest.raises(LoadError, match="kind 'swim'"):
        compliance([(MONDAY, "swim")], [])
