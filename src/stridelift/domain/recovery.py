"""Recovery after a race, week by week (RUN-13): rest, easy days, strength kept away, volume.

The numbers are the methodology's ``[race_recovery]`` (domain/race_recovery.py). A race
shapes the days after it whatever its priority: the A race's recovery weeks, and the
training weeks that carry on after a B race (SEASON-5), alike.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from stridelift.domain.athlete import Race
from stridelift.domain.race_recovery import RaceRecovery
from stridelift.domain.season import Notice, WeekFrame, monday_of
from stridelift.domain.strength_session import ExerciseDose, StrengthSession

# A lower-body main lift of 6 reps or fewer with a load is heavy (PLAN_SCHEMA); the first
# session back does it four reps longer at the lighter effort (4-6 becomes 8-10).
HEAVY_REPS_MAX = 6
LIGHTER_REPS = 4


@dataclass(frozen=True, slots=True)
class WeekRecovery:
    """What the races before it keep out of one week's days (0 = Monday)."""

    rest_days: frozenset[int] = frozenset()  # the day after a half or longer: nothing planned
    no_strength: frozenset[int] = frozenset()  # no strength session
    no_quality: frozenset[int] = frozenset()  # no quality running
    races: tuple[Race, ...] = ()  # the races behind them

    def __bool__(self) -> bool:
        return bool(self.rest_days or self.no_strength or self.no_quality)

    def may_run(self, day: int) -> bool:
        """Whether a run may go on this weekday."""
        return day not in self.rest_days

    def may_lift(self, day: int) -> bool:
        """Whether a strength session may go on this weekday."""
        return day not in self.rest_days and day not in self.no_strength

    def quality_window(self, run_days: Iterable[int]) -> tuple[int, ...]:
        """The run days a quality session may take; empty when no race limits the week
        (a run's empty window means any run day)."""
        if not self.no_quality:
            return ()
        return tuple(d for d in run_days if d not in self.no_quality)


NO_RECOVERY = WeekRecovery()  # a week no race limits


def week_recovery(races: Iterable[Race], start: date, s: RaceRecovery) -> WeekRecovery:
    """The days of the week starting ``start`` that races before them keep free (RUN-13).

    A race day itself is never closed (two races on a weekend stand as the calendar has
    them).
    """
    race_days = {(r.date - start).days for r in races}
    rest: set[int] = set()
    strength: set[int] = set()
    quality: set[int] = set()
    behind: list[Race] = []
    for race in races:
        after = (start - race.date).days  # days from the race to this Monday
        if after < -6:
            continue  # the race is after this week
        for d in range(7):
            k = after + d  # days after the race
            if k < 1 or d in race_days:
                continue
            if k == 1 and s.of(race).rest_day_after:
                rest.add(d)
            if k <= s.of(race).strength_days_off:
                strength.add(d)
            if k <= s.quality_free_days(race):
                quality.add(d)
            if k <= max(s.quality_free_days(race), s.of(race).strength_days_off):
                behind.append(race)
    return WeekRecovery(
        frozenset(rest), frozenset(strength), frozenset(quality), tuple(dict.fromkeys(behind))
    )


def quality_room(window: Sequence[int], key_days: Iterable[int]) -> int:
    """How many quality sessions the window holds: none next to another key run (a long
    run or race, PLACE-2) nor on consecutive days."""
    keys = set(key_days)
    taken: list[int] = []
    for d in sorted(window):
        if any(abs(d - k) <= 1 for k in keys) or any(d - t <= 1 for t in taken):
            continue
        taken.append(d)
    return len(taken)


def recovery_share(frame: WeekFrame, s: RaceRecovery, races: Iterable[Race] = ()) -> float:
    """A recovery week's running as a share of the usual volume, by the race behind it,
    or by one as hard raced in the same days (a marathon the day after a 5K, a second
    marathon three days after the first: the later one's first week is the lighter)."""
    race = frame.target
    if race is None:
        return 1.0
    behind = [
        race,
        *(r for r in races
          if r is not race and r.date < frame.start and r.distance_km >= race.distance_km),
    ]  # fmt: skip
    shares = []
    for r in behind:
        weeks_after = (frame.start - monday_of(r.date)).days // 7
        if r is race or weeks_after <= len(s.of(r).weeks):
            shares.append(s.week_share(r, weeks_after))
    return min(shares)


def recovery_runs(usual_runs: int, share: float) -> int:
    """Runs in a recovery week: fewer the smaller the week (after a marathon about half
    as many as usual, after a 5K as many); two at the least."""
    return max(min(usual_runs, math.ceil(usual_runs * share) + 1), 2)


def volume_notice(
    frame: WeekFrame, target: float, usual: int, s: RaceRecovery, step: int, races: Iterable[Race]
) -> list[Notice]:
    """Say so when a recovery week's running falls short of what its race asks for."""
    race = frame.target
    if frame.phase != "recovery" or race is None or usual <= 0:
        return []
    share = recovery_share(frame, s, races)
    if target >= share * usual - step:
        return []
    return [
        Notice(
            "RUN-13",
            f"after {race.name} ({race.distance_km:g} km) this week would run about "
            f"{round(share * 100)}% of your usual {usual} min; it runs {round(target)} min, "
            "held down by how fast running may rise after the lighter weeks before it "
            "(RUN-2: at most 30% in two weeks) or by the minutes your run days hold.",
            frame.index,
        )
    ]


def no_strength_notices(frame: WeekFrame, rec: WeekRecovery, s: RaceRecovery) -> list[Notice]:
    """A week whose every day is kept free of strength by the races before it says so."""
    race = max(rec.races, key=lambda r: s.strength_back(r), default=None)
    if race is None:
        return []
    msg = (
        f"no strength session this week: after {race.name} ({race.distance_km:g} km, "
        f"{race.date.isoformat()}) strength waits {s.of(race).strength_days_off} days "
        "for the muscles to recover (RUN-13)."
    )
    return [Notice(rule, msg, frame.index) for rule in ("FREQ-1", "FREQ-2", "FREQ-3")]


def first_back(
    races: Iterable[Race],
    s: RaceRecovery,
    plan_start: date,
    lifted: Sequence[date],
    this_week: Sequence[date | None],
) -> set[int]:
    """This week's strength sessions that are the first back after a race (RUN-13).

    Args:
        plan_start: the plan's first day; a race whose strength break ended before it
            has had its first session back outside the plan.
        lifted: days of the strength sessions placed in the weeks before.
        this_week: each of this week's sessions' day (None: not a strength session, or
            left out).
    """
    out: set[int] = set()
    for race in races:
        back = s.strength_back(race)
        if back < plan_start or any(d >= back for d in lifted):
            continue
        after = [(d, j) for j, d in enumerate(this_week) if d is not None and d >= back]
        if after:
            out.add(min(after)[1])
    return out


def _lighter(d: ExerciseDose, rpe_max: int) -> ExerciseDose:
    rpe = min(d.rpe, rpe_max)
    lo, hi = d.reps_min, d.reps_max
    if d.heavy and d.reps_max <= HEAVY_REPS_MAX:
        lo, hi = lo + LIGHTER_REPS, hi + LIGHTER_REPS
    sets = d.sets - 1 if d.role in ("main", "secondary") and d.sets >= 3 else d.sets
    if (rpe, lo, hi) == (d.rpe, d.reps_min, d.reps_max):
        return replace(d, sets=sets)
    note = d.load_note
    if d.external_load and d.measure == "reps":
        note = f"a light load: stop about {10 - rpe} reps short (first session back, RUN-13)"
    elif d.external_load:  # CONTENT-9: a hold or a carry is not counted in reps
        note = "a light load, well within what you can hold (first session back, RUN-13)"
    return replace(
        d, sets=sets, rpe=rpe, reps_min=lo, reps_max=hi, load_kg=None, load_change=None,
        load_note=note,
    )  # fmt: skip


def light_return(sess: StrengthSession, rpe_max: int) -> StrengthSession:
    """The first strength session back after a race, made light: RPE at most ``rpe_max``,
    no heavy lower-body lift, no plyometrics, a set fewer on the lifts (RUN-13)."""
    doses = tuple(_lighter(d, rpe_max) for d in sess.exercises if not d.plyometric)
    said = "light" in sess.title.lower()
    return replace(
        sess,
        title=f"{sess.title} ({'' if said else 'light: '}first session back after the race)",
        exercises=doses,
        reasons=(*dict.fromkeys((*sess.reasons, "RUN-13")),),
        light=True,
    )


def strength_days(week: dict[str, object], start: date) -> list[date]:
    """Days of a placed week (plan document) holding a strength session (not mobility)."""
    out: list[date] = []
    days = week.get("days")
    if not isinstance(days, list):
        return out
    for k, day in enumerate(days):
        if any(
            s.get("kind") == "strength" and s.get("template") != "mobility"
            for s in day.get("sessions", [])
        ):
            out.append(start + timedelta(days=k))
    return out
