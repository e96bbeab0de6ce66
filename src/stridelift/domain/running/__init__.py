"""The running side of a week: volume, long run, quality sessions and easy minutes (RUN).

spec.py     a run before placement (RunSpec), a week of them (RunWeek), the kinds of run
volume.py   the week's running minutes, smoothed against the weeks before (week_target)
context.py  what a week's running is decided from (WeekRunning), and the runs its calendar
            fixes: races, shakeouts, race week's reminder
draft.py    the runs sized: quality sessions, long run and back-to-back day, easy runs
fit.py      fitting the runs to the target, to mostly easy running and to the free days
week.py     run_week(): the steps above, in the order they run, and the week's notices
"""

from __future__ import annotations

from stridelift.domain.running.fit import (
    fit_to_days,
    mostly_easy,
    split_easy_minutes,
    split_within,
    within_target,
)
from stridelift.domain.running.spec import (
    BUILD_PHASES,
    HARD_TYPES,
    KEY_RUN_TYPES,
    SHAKEOUT_MINUTES,
    RunSpec,
    RunWeek,
    round_to,
)
from stridelift.domain.running.volume import VolumeState, week_target
from stridelift.domain.running.week import run_week

__all__ = [
    "BUILD_PHASES",
    "HARD_TYPES",
    "KEY_RUN_TYPES",
    "SHAKEOUT_MINUTES",
    "RunSpec",
    "RunWeek",
    "VolumeState",
    "fit_to_days",
    "mostly_easy",
    "round_to",
    "run_week",
    "split_easy_minutes",
    "split_within",
    "week_target",
    "within_target",
]
