"""What each day's minutes let it hold, as the week model needs it: which sessions fit
alone and which pairs fit together.

A day holds at most one run and one lift, and the cross-training session only where no
run is (week_cp.py's day limits). So "the day's sessions fit in its minutes" is the same
as "each session fits alone, and each run or cross-training session fits beside each
lift" (beside a run, a lift may fit only at its short minutes, RUN-14). Those yes-or-no
answers are all the model reads of the minutes. Two weeks that differ only in minutes
that give the same answers have the same lawful placements and the same objective, so
they share one solve (planner/solving.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stridelift.domain.running.spec import RunSpec
    from stridelift.domain.schedule import LiftSpec, WeekInput

NO, SHORT, FULL = 0, 1, 2  # a run beside a lift: no room, room at its short minutes, room


@dataclass(frozen=True, slots=True)
class DayFit:
    """One day whose minutes bind: what fits there."""

    run: tuple[bool, ...]  # each run alone
    lift: tuple[bool, ...]  # each lift alone
    pair: tuple[tuple[int, ...], ...]  # [lift][run]: NO, SHORT (a shortable lift) or FULL
    cross: bool  # the cross-training session alone
    cross_pair: tuple[bool, ...]  # the cross-training session beside each lift


@dataclass(frozen=True, slots=True)
class Fits:
    """The week's days (None: every session and pair fits there) and which lifts may be
    shortened for a run (RUN-14: not in the off-season)."""

    days: tuple[DayFit | None, ...]
    shortable: tuple[bool, ...]

    def run_key(self, i: int) -> tuple[object, ...]:
        """Everything the days say about run i (equal runs must say the same)."""
        return tuple((f.run[i], *(p[i] for p in f.pair)) for f in self.days if f is not None)

    def lift_key(self, j: int) -> tuple[object, ...]:
        """Everything the days say about lift j."""
        return (
            self.shortable[j],
            *((f.lift[j], f.pair[j], f.cross_pair[j]) for f in self.days if f is not None),
        )


def run_days(spec: WeekInput, run: RunSpec) -> list[int]:
    """The days a run may go on: its fixed day, else the run days (in its window)."""
    if run.fixed_day is not None:
        return [run.fixed_day]
    return [d for d in range(7) if spec.days[d].run and (not run.window or d in run.window)]


def lift_days(spec: WeekInput, lift: LiftSpec) -> list[int]:
    """The days a lift may go on: strength days (core also on run days), in its window."""
    core = lift.kind == "core"
    return [
        d
        for d, day in enumerate(spec.days)
        if (day.strength or (core and day.run)) and (not lift.window or d in lift.window)
    ]


def fits_of(spec: WeekInput) -> Fits:
    """What each day of ``spec`` can hold, asked only of the sessions that may go there
    (race days hold the race whatever its length)."""
    race_days = {r.fixed_day for r in spec.runs if r.run_type == "race"}
    shortable = tuple(
        0 < lf.short_minutes < lf.minutes and not spec.off_season for lf in spec.lifts
    )
    # Every day that holds the longest run (or the cross-training) beside the longest
    # lift holds every pair: no need to ask about it session by session.
    longest = max((r.minutes for r in spec.runs), default=0)
    roomy = max(longest, spec.cross_minutes) + max((lf.minutes for lf in spec.lifts), default=0)
    may = _Here(
        runs=[set(run_days(spec, r)) for r in spec.runs],
        lifts=[set(lift_days(spec, lf)) for lf in spec.lifts],
        shortable=shortable,
    )
    days = tuple(
        None if d in race_days or day.minutes >= roomy else _day_fit(spec, d, may)
        for d, day in enumerate(spec.days)
    )
    return Fits(days, shortable)


@dataclass(frozen=True, slots=True)
class _Here:
    """The days each run and lift may go on, and which lifts may be shortened."""

    runs: list[set[int]]
    lifts: list[set[int]]
    shortable: tuple[bool, ...]


def _day_fit(spec: WeekInput, d: int, may: _Here) -> DayFit | None:
    """What fits in day d's minutes, of the sessions that may go there (the others are
    said to fit: the model has no variable to ask about); None when all of it does."""
    cap = spec.days[d].minutes
    runs = [r.minutes if d in days else 0 for r, days in zip(spec.runs, may.runs, strict=True)]
    here = [d in days for days in may.runs]
    cross = spec.cross_minutes if spec.days[d].run else 0
    all_fit = (FULL,) * len(runs)
    pair, lift, cross_pair = [], [], []
    for lf, days, short in zip(spec.lifts, may.lifts, may.shortable, strict=True):
        minutes = lf.minutes if d in days else 0
        short_room = cap - lf.short_minutes if short else -1
        pair.append(_beside(runs, here, cap - minutes, short_room) if d in days else all_fit)
        lift.append(minutes <= cap)
        cross_pair.append(cross + minutes <= cap)
    fit = DayFit(
        run=tuple(m <= cap for m in runs),
        lift=tuple(lift),
        pair=tuple(pair),
        cross=cross <= cap,
        cross_pair=tuple(cross_pair),
    )
    roomy = (
        all(fit.run)
        and all(fit.lift)
        and fit.cross
        and all(fit.cross_pair)
        and all(p == FULL for row in fit.pair for p in row)
    )
    return None if roomy else fit


def _beside(runs: list[int], here: list[bool], room: int, short_room: int) -> tuple[int, ...]:
    """Each run beside a lift that leaves ``room`` minutes (``short_room`` shortened; -1:
    it may not be): FULL, SHORT or NO; FULL for a run that may not go on the day."""
    return tuple(
        FULL if m <= room or not h else SHORT if m <= short_room else NO
        for m, h in zip(runs, here, strict=True)
    )
