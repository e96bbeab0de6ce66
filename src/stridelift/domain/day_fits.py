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
    from stridelift.domain.schedule import WeekInput

NO, SHORT, FULL = 0, 1, 2  # a run beside a lift: no room, room at its short minutes, room


@dataclass(frozen=True, slots=True)
class DayFit:
    """One day whose minutes bind: what fits there."""

    run: tuple[bool, ...]  # each run alone
    lift: tuple[bool, ...]  # each lift alone
    pair: tuple[tuple[int, ...], ...]  # [lift][run]: NO, SHORT or FULL
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


def fits_of(spec: WeekInput) -> Fits:
    """What each day of ``spec`` can hold (race days hold the race whatever its length;
    a day for neither running nor lifting holds nothing to ask about, unless a run is
    fixed there)."""
    race_days = {r.fixed_day for r in spec.runs if r.run_type == "race"}
    fixed = {r.fixed_day for r in spec.runs}
    shortable = tuple(
        0 < lf.short_minutes < lf.minutes and not spec.off_season for lf in spec.lifts
    )
    # Every day that holds the longest run (or the cross-training) beside the longest
    # lift holds every pair: no need to ask about it session by session.
    longest = max((r.minutes for r in spec.runs), default=0)
    roomy = max(longest, spec.cross_minutes) + max((lf.minutes for lf in spec.lifts), default=0)
    days = tuple(
        None
        if d in race_days or not (day.run or day.strength or d in fixed) or day.minutes >= roomy
        else _day_fit(spec, day.minutes, shortable)
        for d, day in enumerate(spec.days)
    )
    return Fits(days, shortable)


def _day_fit(spec: WeekInput, cap: int, shortable: tuple[bool, ...]) -> DayFit | None:
    """What fits in ``cap`` minutes; None when everything and every pair does."""
    runs = [r.minutes for r in spec.runs]
    pair = tuple(_beside(runs, cap - lf.minutes, cap - lf.short_minutes if short else -1)
                 for lf, short in zip(spec.lifts, shortable, strict=True))  # fmt: skip
    fit = DayFit(
        run=tuple(m <= cap for m in runs),
        lift=tuple(lf.minutes <= cap for lf in spec.lifts),
        pair=pair,
        cross=spec.cross_minutes <= cap,
        cross_pair=tuple(spec.cross_minutes + lf.minutes <= cap for lf in spec.lifts),
    )
    roomy = (
        all(fit.run)
        and all(fit.lift)
        and fit.cross
        and all(fit.cross_pair)
        and all(p == FULL for row in pair for p in row)
    )
    return None if roomy else fit


def _beside(runs: list[int], room: int, short_room: int) -> tuple[int, ...]:
    """Each run beside a lift that leaves ``room`` minutes (``short_room`` shortened; -1:
    it may not be): FULL, SHORT or NO."""
    return tuple(FULL if m <= room else SHORT if m <= short_room else NO for m in runs)
