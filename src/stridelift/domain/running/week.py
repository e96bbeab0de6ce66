"""The week's runs before placement: run_week() and its steps, in the order they run (RUN)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from stridelift.domain.athlete import Athlete
from stridelift.domain.methodology import Methodology
from stridelift.domain.recovery import NO_RECOVERY, WeekRecovery
from stridelift.domain.running.context import WeekRunning, fixed_runs
from stridelift.domain.running.draft import (
    Draft,
    Quality,
    Sessions,
    easy_runs,
    long_run_and_back_to_back,
    long_run_blocked,
    next_to_week,
    quality_sessions,
    session_counts,
    sized_runs,
)
from stridelift.domain.running.fit import (
    fit_to_days,
    long_is_longest,
    long_within_week,
    mostly_easy,
    spread_last_easy,
    within_target,
)
from stridelift.domain.running.spec import HARD_TYPES, RunSpec, RunWeek, round_to
from stridelift.domain.season import Notice, WeekFrame
from stridelift.domain.wording import counted


def run_week(
    frame: WeekFrame,
    athlete: Athlete,
    m: Methodology,
    target: float,
    run_days_available: Sequence[int],
    race_time_s: dict[date, float],
    soften_quality: bool,
    race_next_monday: bool = False,
    day_minutes: Sequence[int] = (),
    peak_minutes: float = 0.0,
    held_minutes: float = 0.0,
    longest_recent: float = float("inf"),
    recovery: WeekRecovery = NO_RECOVERY,
    peak_long: float = 0.0,
) -> RunWeek:
    """Decide the week's runs (type and minutes) before they are placed on days.

    Args:
        race_next_monday: a race falls on the Monday after this week, so Sunday is its eve.
        day_minutes: minutes free on each weekday; runs are sized to fit them.
        peak_minutes: the block's peak week so far; the taper's long runs come down from it.
        held_minutes: the running a taper-phase week before its own taper holds, before
            RUN-2's rise caps it (its easy runs are sized from it, RUN-12).
        longest_recent: the longest run of the last 30 days; the taper's long run stays
            below it (RUN-9: it comes down).
        recovery: the days races before this week keep free (RUN-13).
        peak_long: the longest long run of the peak weeks before this one; the taper's
            long run stays below it (RUN-9), rounding included.
    """
    ctx = WeekRunning(
        frame,
        athlete,
        m,
        target,
        usual_days=tuple(run_days_available),
        run_days=tuple(d for d in run_days_available if recovery.may_run(d)),  # RUN-13
        race_time_s=race_time_s,
        soften_quality=soften_quality,
        race_next_monday=race_next_monday,
        day_minutes=tuple(day_minutes),
        peak_minutes=peak_minutes,
        held_minutes=held_minutes,
        longest_recent=longest_recent,
        peak_long=peak_long,
        recovery=recovery,
    )
    fixed = fixed_runs(ctx)  # races, their shakeouts, race week's reminder
    long_blocked = long_run_blocked(ctx, fixed)
    quality = quality_sessions(ctx, fixed, long_blocked)
    draft = long_run_and_back_to_back(ctx, fixed, long_blocked, quality)
    sessions = session_counts(ctx, fixed, draft, quality)
    sized = sized_runs(ctx, draft, quality, sessions)  # long, quality and recovery runs
    easy = easy_runs(ctx, fixed, draft, sessions, sized)
    runs, notices = _fitted(ctx, [*fixed.runs, *draft.back_to_back, *sized, *easy], quality)
    runs = long_within_week(runs, ctx.m, _peak_hold(ctx))  # RUN-9: the week as it came out
    runs = long_is_longest(runs, ctx.m, round_to(draft.long_minutes, ctx.r.round_to))
    cross = 0
    cross_trains = _cross_trains(ctx, sessions)
    if cross_trains:
        runs, cross = _cross_training(ctx, runs, sessions)
    return RunWeek(
        target_minutes=round(target),
        runs=tuple(runs),
        cross_minutes=cross,
        notices=(*notices, *_run_days_notice(ctx)),
        reasons=_reasons(ctx, draft, cross_trains),
        back_to_back_crowded=draft.back_to_back_crowded,
    )


def _cross_training(
    ctx: WeekRunning, runs: list[RunSpec], sessions: Sessions
) -> tuple[list[RunSpec], int]:
    """SEASON-4: one easy run's day goes to cross-training, on top of the running: the
    other easy runs keep the week's running minutes (RUN-8: the cut stays 20-40%). Returns
    the runs and the cross-training's minutes."""
    free = [ctx.day_minutes[d] for d in ctx.run_days] if ctx.day_minutes else []
    runs = spread_last_easy(runs, ctx.r.round_to, max(free, default=10**6))
    if ctx.day_minutes:
        # RUN-14: a grown easy run fits a day that is left for it (the roomiest day may
        # be the long run's), else no day holds it and the week loses the run.
        runs, _ = fit_to_days(
            runs,
            ctx.run_days,
            ctx.day_minutes,
            ctx.r.min_run_minutes,
            ctx.r.round_to,
            _key_days(ctx, runs),
        )
    return runs, round_to(_easy_each(ctx, sessions), ctx.r.round_to)


def _peak_hold(ctx: WeekRunning) -> float:
    """RUN-9: what the long run of a peak week (3-5 weeks out, not a deload) holds to: the
    longest run of the last 30 days, the block's long runs before it (0: no hold). A week
    new to strength adds no running (ADAPT-2): it holds nothing."""
    near, far = ctx.r.long_run.peak_weeks_out
    k = ctx.frame.weeks_to_race
    if ctx.frame.target is None or k is None or ctx.frame.deload or ctx.soften_quality:
        return 0.0
    if not near <= k <= far:
        return 0.0
    return ctx.longest_recent if ctx.longest_recent != float("inf") else 0.0


def _fitted(
    ctx: WeekRunning, runs: list[RunSpec], quality: Quality
) -> tuple[list[RunSpec], list[Notice]]:
    """The runs fitted to the free days, to the target and to mostly easy running, and the
    notices for what did not fit."""
    r = ctx.r
    notices: list[Notice] = []
    if ctx.day_minutes:
        runs, cut = fit_to_days(
            runs, ctx.run_days, ctx.day_minutes, r.min_run_minutes, r.round_to, _key_days(ctx, runs)
        )
        if cut:
            msg = (
                f"the free minutes of your run days hold {cut} min less than this week's "
                "running; the runs are shortened to fit."
            )
            # RUN-13 too in a recovery week: its floor is what the days cannot hold.
            rules = ("RUN-2", "RUN-13") if ctx.frame.phase == "recovery" else ("RUN-2",)
            notices.extend(Notice(rule, msg, ctx.frame.index) for rule in rules)
    runs = within_target(runs, ctx.target, r.min_run_minutes, r.round_to)
    keep_one = ctx.frame.phase in ("strength", "race_specific") and not ctx.frame.deload
    runs = mostly_easy(runs, r.min_run_minutes, r.round_to, keep_one)
    if keep_one and not any(x.run_type in HARD_TYPES for x in runs):
        notices.append(_no_quality_notice(ctx, quality))
    return runs, notices


def _key_days(ctx: WeekRunning, runs: list[RunSpec]) -> frozenset[int]:
    """PLACE-2: the days of the week's fixed key runs (its long run, its races), with -1
    for last week's Sunday long run or race and 7 for next Monday's: no quality run
    beside them."""
    days = {x.fixed_day for x in runs if x.run_type in ("long", "race") and x.fixed_day is not None}
    days |= next_to_week(ctx.athlete.long_run_day)
    if ctx.raced_last_sunday:
        days.add(-1)
    if ctx.race_next_monday:
        days.add(7)
    return frozenset(days)


def _no_quality_notice(ctx: WeekRunning, quality: Quality) -> Notice:
    """RUN-1: why a strength or race-specific week has no quality session."""
    kind = "speed" if ctx.frame.phase == "strength" else "race-pace"
    msg = (
        f"a {round(ctx.target)}-minute week has no room for a {kind} session beside "
        f"mostly easy running ({ctx.r.min_run_minutes}-minute runs at the least); "
        "it stays easy."
    )
    if quality.spaced:
        msg = (
            f"no {kind} session this week: your run days cannot hold one a day apart from "
            "the long run (PLACE-2), so those runs stay easy; a run day away from it would "
            "make room."
        )
    if quality.held:
        msg = (
            f"no {kind} session this week: the days after the race keep quality running "
            "away (RUN-13), and the days left cannot hold one apart from the long run."
        )
    return Notice("RUN-1", msg, ctx.frame.index)


def _cross_trains(ctx: WeekRunning, sessions: Sessions) -> bool:
    """SEASON-4: an off-season week with two easy runs or more cross-trains on one's day."""
    return ctx.frame.phase == "offseason" and sessions.n_easy >= 2


def _easy_each(ctx: WeekRunning, sessions: Sessions) -> float:
    """One easy run's minutes before rounding (0 without easy runs)."""
    n_easy = sessions.n_easy
    return max(sessions.easy_total / n_easy, ctx.r.min_run_minutes) if n_easy else 0.0


def _run_days_notice(ctx: WeekRunning) -> list[Notice]:
    """RUN-1: fewer run days than the athlete's level usually runs."""
    if len(ctx.usual_days) >= ctx.usual_count or ctx.frame.phase == "recovery":
        return []
    return [
        Notice(
            "RUN-1",
            f"Only {counted(len(ctx.usual_days), 'run day')} available; "
            f"{ctx.level} runners usually run {ctx.usual_count} days.",
            ctx.frame.index,
        )
    ]


def _reasons(ctx: WeekRunning, draft: Draft, cross_trains: bool) -> tuple[str, ...]:
    """The rules the week's running follows, in the order they apply."""
    reasons = ["RUN-1"]
    if ctx.recovery.no_quality:
        reasons.append("RUN-13")  # no quality running in the days after a race
    if draft.has_recovery:
        reasons.append("PLACE-6")  # a very easy day in a week of six runs or more
    if cross_trains:
        reasons.append("SEASON-4")  # an easy run's day goes to cross-training
    return tuple(dict.fromkeys(reasons))
