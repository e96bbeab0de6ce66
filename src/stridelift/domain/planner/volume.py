"""Volume stage: the running the season starts from, and each week's target minutes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from stridelift.domain.adjust import WeekAdjust
from stridelift.domain.athlete import Athlete
from stridelift.domain.history import Adjustments
from stridelift.domain.methodology import Methodology, per_level
from stridelift.domain.running import VolumeState, round_to, week_target
from stridelift.domain.schedule import DaySlot
from stridelift.domain.season import Notice, WeekFrame


@dataclass(frozen=True, slots=True)
class VolumeStart:
    """Where the season's running starts."""

    run_days: tuple[int, ...]  # days with room for the shortest run (RUN-1)
    base: float  # weekly run minutes: the profile's, as far as the run days hold them
    level0: float  # the first week's level: the base, or less when resuming (ADAPT-4)
    recent: float | None  # the logged weekly run minutes, if any
    longest0: int  # the longest recent run, minutes (RUN-3)
    notices: tuple[Notice, ...]


def volume_start(
    athlete: Athlete,
    m: Methodology,
    adj: Adjustments,
    days_avail: tuple[DaySlot, ...],
    today: date,
) -> VolumeStart:
    """The season's starting volume: what the run days hold, and what the log allows."""
    # A run day is one with room for the shortest run (RUN-1 asks for real runs).
    run_days = tuple(
        d for d in athlete.run_days() if days_avail[d].minutes >= m.running.min_run_minutes
    )
    n_runs = min(int(per_level(m.running.run_days, athlete.level)), len(run_days))
    capacity = sum(sorted((days_avail[d].minutes for d in run_days), reverse=True)[:n_runs])
    base = float(max(min(athlete.weekly_run_minutes, capacity), m.running.min_run_minutes))
    level0 = base
    recent = adj.recent_week_minutes
    if recent and recent < m.running.volume.resume_below * base and not _raced(athlete, m, today):
        level0 = max(recent, m.running.volume.resume_floor * base)  # ADAPT-4: resume, not catch up
    share = m.running.long_share[max(3, min(7, max(n_runs, 3)))]
    longest0 = athlete.longest_recent_run_minutes or round_to(base * share, m.running.round_to)
    if adj.longest_run_30d is not None and adj.longest_run_window_logged:
        longest0 = adj.longest_run_30d  # RUN-3 against what was logged
    elif adj.longest_run_30d is not None:  # a log younger than RUN-3's window
        longest0 = max(longest0, adj.longest_run_30d)
    notices: tuple[Notice, ...] = ()
    if base < athlete.weekly_run_minutes:
        notices = (
            Notice(
                "RUN-2",
                f"your run days hold about {round(base)} min of running a week, less than "
                f"the {athlete.weekly_run_minutes} min of your profile; the plan builds "
                "from what fits (more days or minutes in [availability] lift the cap).",
            ),
        )
    return VolumeStart(run_days, base, level0, recent, longest0, notices)


def _raced(athlete: Athlete, m: Methodology, today: date) -> bool:
    """RUN-8: an A race inside the log's recent weeks and its recovery: the low logged
    volume is its taper and recovery, not a lapse, so the usual volume stays the baseline."""
    weeks = m.adapt.recent_weeks + m.season.recovery_weeks + 1
    since = today - timedelta(weeks=weeks)
    return any(r.priority == "A" and since <= r.date <= today for r in athlete.races)


def week_volume(
    frame: WeekFrame,
    athlete: Athlete,
    m: Methodology,
    adj: Adjustments,
    wa: WeekAdjust,
    hold: bool,
    state: VolumeState,
    week1: float,
    first: bool,
) -> tuple[float, list[str]]:
    """The week's target run minutes and the rules behind it (RUN-4, ADAPT-1, ADAPT-2, RUN-6).

    ``first``: the season's first week (a replan inside a season carries on instead).
    """
    target, vol_why = week_target(frame, athlete, m, state, first, hold)
    if hold and frame.season_index > 1:
        target = min(target, week1)  # ADAPT-2: no mileage over the season's week 1
    if wa.downshift and adj.running_factor < 1:
        target *= adj.running_factor
        vol_why.append("ADAPT-1")
    if wa.soften < 1:
        target *= wa.soften
        vol_why.append("RUN-6")
    return target, vol_why
