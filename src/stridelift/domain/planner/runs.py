"""Runs stage: the week's runs before placement (running.run_week), minus those already run."""

from __future__ import annotations

from dataclasses import dataclass

from stridelift.domain.planner.context import PlanInputs, WeekCalendar
from stridelift.domain.planner.current_week import runs_left
from stridelift.domain.running import RunSpec, RunWeek, run_week


@dataclass(frozen=True, slots=True)
class WeekRuns:
    """The week's runs: as the usual week holds them, and those still to run."""

    planned: RunWeek
    runs: tuple[RunSpec, ...]  # ADAPT-4: what was already run this week is left out


def week_runs(
    ctx: PlanInputs,
    cal: WeekCalendar,
    target: float,
    peak: float,
    longest: float,
    held: float = 0.0,
    peak_long: float = 0.0,
) -> WeekRuns:
    """The runs of the week for ``target`` minutes; ``peak``: the block's biggest week so
    far, and ``longest``: the longest long run of the last 30 days, which the taper's long runs
    come down from (RUN-9); ``held``: what a taper-phase week before its own taper holds
    (RUN-12), 0 in any other week; ``peak_long``: the longest long run of the peak weeks
    before this one, which the taper's long runs stay below (RUN-9)."""
    rw = run_week(
        cal.frame,
        ctx.athlete,
        ctx.m,
        target,
        ctx.volume.run_days,
        ctx.race_time,
        cal.hold,
        cal.race_next_monday,
        _run_room(ctx, cal),  # RUN-13: rest days hold nothing
        peak_minutes=peak,
        held_minutes=held,
        longest_recent=longest,
        peak_long=peak_long,
        recovery=cal.recovery,
    )
    runs = runs_left(rw.runs, cal.done, cal.past) if ctx.given else rw.runs
    return WeekRuns(rw, runs)


def _run_room(ctx: PlanInputs, cal: WeekCalendar) -> tuple[int, ...]:
    """The minutes each day holds for its run. RUN-14 lets a run shorten once the lift
    beside it has: where every day open to strength is a run day, the roomiest of them
    (the long run's day last) keeps a short session's minutes beside its run, so runs
    sized to fill their days leave the week one strength session (two 90-min days, two
    75-min runs and no lifting otherwise). Race week lifts nothing that needs it."""
    minutes = [a.minutes for a in cal.days]
    short = ctx.m.strength.short_template_below
    if cal.frame.phase == "race_week" or any(
        a.strength and not a.run and a.minutes >= short for a in cal.days
    ):
        return tuple(minutes)
    long_day = ctx.athlete.long_run_day
    shared = [d for d, a in enumerate(cal.days) if a.run and a.strength]
    shared.sort(key=lambda d: (d == long_day, -minutes[d], d))
    for d in shared:
        if minutes[d] - short >= ctx.m.running.min_run_minutes:
            minutes[d] -= short
            break
    return tuple(minutes)
