"""What each day's minutes let it hold (day_fits.py), and the solves weeks share by it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from stridelift.domain.day_fits import FULL, NO, SHORT, DayFit, fits_of
from stridelift.domain.planner import solving
from stridelift.domain.running import RunSpec
from stridelift.domain.schedule import DaySlot, LiftSpec, WeekInput, solve_week

OFF = DaySlot(False, False, 0)


def _week(monday: int, runs: tuple[RunSpec, ...], *, off_season: bool = False) -> WeekInput:
    """Monday holds ``monday`` minutes; Wednesday and Friday 120 each; the rest is off."""
    roomy = DaySlot(True, True, 120)
    return WeekInput(
        days=(DaySlot(True, True, monday), OFF, roomy, OFF, roomy, OFF, OFF),
        runs=runs,
        lifts=(LiftSpec("A", 45, False, False, short_minutes=30),),
        cross_minutes=0, strategy="auto", level="advanced", off_season=off_season,
        preferred_quality_days=(2, 4),
    )  # fmt: skip


def test_a_tight_day_says_which_pairs_fit_and_which_only_with_the_lift_shortened() -> None:
    fits = fits_of(_week(60, (RunSpec("easy", 50), RunSpec("easy", 30), RunSpec("easy", 70))))
    assert fits.days[0] == DayFit(
        run=(True, True, False),
        lift=(True,),
        # 50 + 45 and 50 + 30 overrun 60; 30 + 45 does, 30 + 30 does not; 70 never fits.
        pair=((NO, SHORT, NO),),
        cross=True,
        cross_pair=(True,),
    )
    assert fits.shortable == (True,)
    assert fits.days[2] is None  # 120 minutes hold any run beside the lift


def test_the_off_season_never_shortens_a_lift_for_a_run() -> None:
    fits = fits_of(_week(60, (RunSpec("easy", 30),), off_season=True))
    assert fits.shortable == (False,)
    assert fits.days[0] is not None and fits.days[0].pair == ((NO,),)


def test_a_race_day_holds_the_race_whatever_its_minutes() -> None:
    race = RunSpec("race", 240, fixed_day=0)
    fits = fits_of(_week(60, (race,)))
    assert fits.days[0] is None


def test_a_roomy_week_binds_no_day() -> None:
    fits = fits_of(_week(120, (RunSpec("easy", 50), RunSpec("long", 70))))
    assert fits.days == (None,) * 7


def test_the_solver_keeps_monday_within_its_minutes() -> None:
    # Monday is the one strength day; its 60 minutes hold the 30-min run beside the
    # session only shortened to 30, and 55 minutes not even that (the run stays).
    only_monday = tuple(replace(d, strength=False) for d in _week(60, ()).days[1:])
    spec = replace(
        _week(60, (RunSpec("easy", 30, fixed_day=0),)),
        days=(DaySlot(True, True, 60), *only_monday),
    )
    placed = solve_week(spec, [])
    assert placed.run_days == (0,) and placed.lift_days == (0,)
    assert placed.lift_short == (True,)
    placed = solve_week(replace(spec, days=(DaySlot(True, True, 55), *only_monday)), [])
    assert placed.run_days == (0,) and placed.lift_days == (None,)


@pytest.fixture
def empty_cache() -> None:
    solving.solve_cached.cache_clear()


@pytest.mark.usefixtures("empty_cache")
def test_weeks_whose_minutes_change_no_days_answer_share_one_solve() -> None:
    runs = (RunSpec("easy", 40), RunSpec("long", 70, fixed_day=4))
    first = solving.solve(_week(60, runs))
    longer = (RunSpec("easy", 45), RunSpec("long", 75, fixed_day=4))
    again = solving.solve(_week(60, longer))
    assert solving.solve_cached.cache_info().misses == 1
    assert again == first
    # 60 + 45 > 60 either way, but a 30-min easy run fits beside the shortened lift:
    # another answer to "what fits on Monday", so another solve.
    solving.solve(_week(60, (RunSpec("easy", 30), runs[1])))
    assert solving.solve_cached.cache_info().misses == 2


def test_a_day_is_asked_only_about_the_sessions_that_may_go_there() -> None:
    # The 120-min long run is fixed on Friday: Monday's 60 minutes say nothing of it, so
    # weeks whose long runs differ share Monday's answers.
    week = _week(60, (RunSpec("easy", 50), RunSpec("long", 120, fixed_day=4)))
    monday = fits_of(week).days[0]
    assert monday is not None
    assert monday.run == (True, True) and monday.pair == ((NO, FULL),)
    longer = _week(60, (RunSpec("easy", 50), RunSpec("long", 150, fixed_day=4)))
    assert fits_of(longer).days[0] == monday
