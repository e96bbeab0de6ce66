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
        tuple(a.minutes for a in cal.days),  # RUN-13: rest days hold nothing
        peak_minutes=peak,
        held_minutes=held,
        longest_recent=longest,
        peak_long=peak_long,
        recovery=cal.recovery,
    )
    runs = runs_left(rw.runs, cal.done, cal.past) if ctx.given else rw.runs
    return WeekRuns(rw, runs)
