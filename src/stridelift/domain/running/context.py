"""What a week's running is decided from, and the runs its calendar fixes (RUN-4, RUN-13)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from stridelift.domain.athlete import Athlete, Race
from stridelift.domain.methodology import Methodology, Running, per_level
from stridelift.domain.recovery import WeekRecovery, recovery_runs, recovery_share
from stridelift.domain.running.spec import SHAKEOUT_MINUTES, RunSpec, round_to
from stridelift.domain.season import WeekFrame


@dataclass(frozen=True, slots=True)
class WeekRunning:
    """What a week's runs are decided from: the week, the athlete, the minutes and the days."""

    frame: WeekFrame
    athlete: Athlete
    m: Methodology
    target: float  # the week's running minutes
    usual_days: tuple[int, ...]  # the athlete's run days
    run_days: tuple[int, ...]  # RUN-13: those the races before this week leave open
    race_time_s: Mapping[date, float]  # each race's predicted time
    soften_quality: bool  # ADAPT-2: new to strength, the quality runs are shorter
    race_next_monday: bool  # a race falls on the Monday after, so Sunday is its eve
    day_minutes: tuple[int, ...]  # minutes free on each weekday (empty: no limit)
    peak_minutes: float  # the block's biggest week so far; the taper's long runs follow it
    recovery: WeekRecovery  # the days races before this week keep free (RUN-13)
    longest_recent: float = float("inf")  # the longest run of the last 30 days (RUN-9)
    peak_long: float = 0.0  # the longest long run of the peak weeks before this one (RUN-9)
    held_minutes: float = 0.0  # RUN-12: what a taper-phase week before its own taper holds

    @property
    def r(self) -> Running:
        """The methodology's running settings."""
        return self.m.running

    @property
    def level(self) -> str:
        """The athlete's level."""
        return self.athlete.level

    @property
    def usual_count(self) -> int:
        """How many runs a week the athlete's level usually holds."""
        return int(per_level(self.r.run_days, self.level))

    @property
    def raced_last_sunday(self) -> bool:
        """A race on the Sunday before this week: a key run beside its Monday (PLACE-2)."""
        eve = self.frame.start - timedelta(days=1)
        return any(r.date == eve for r in self.athlete.races)

    @property
    def race_week(self) -> bool:
        """The goal race's week."""
        return self.frame.phase == "race_week"

    @property
    def light(self) -> bool:
        """A recovery week, all easy runs (RUN-13)."""
        return self.frame.phase in ("recovery",)


@dataclass(frozen=True, slots=True)
class FixedRuns:
    """The runs the calendar fixes (races, the shakeouts on their eves, race week's
    reminder), how many runs the week holds in all, and the days around its races."""

    runs: tuple[RunSpec, ...]
    count: int  # the week's runs, these included
    race_days: frozenset[int]
    eves: frozenset[int]  # the days before a race (Sunday, before next Monday's)
    near: frozenset[int]  # the race days, and 7 for next Monday's race
    before_race: tuple[int, ...]  # race week: the days its other runs take (empty: any)

    @property
    def minutes(self) -> int:
        """The minutes of the fixed runs other than races."""
        return sum(x.minutes for x in self.runs if x.run_type != "race")

    @property
    def race_minutes(self) -> int:
        """The minutes of the week's races."""
        return sum(x.minutes for x in self.runs if x.run_type == "race")


def fixed_runs(ctx: WeekRunning) -> FixedRuns:
    """The week's races, the shakeouts on their eves and race week's reminder."""
    f = ctx.frame
    races_here = [x for x in f.races if x.date >= f.start]
    race_days = frozenset((x.date - f.start).days for x in races_here)
    eves = frozenset({d - 1 for d in race_days if d > 0} | ({6} if ctx.race_next_monday else set()))
    near = race_days | ({7} if ctx.race_next_monday else set())
    runs = [_race_run(ctx, race) for race in races_here]
    shakeouts = _shakeouts(ctx, eves - race_days)
    count = _run_count(ctx)
    if not ctx.race_week:
        # A B race on a day the athlete does not run takes none of the run days: the
        # week's usual runs keep them (their minutes hold the week, RUN-12).
        count += sum(1 for d in race_days if d < 7 and d not in ctx.usual_days)
        # RUN-4: before a race in a training week the shakeout is a short run beside the
        # week's usual ones, on a run day they leave free; it never takes one of their days.
        shakeouts = shakeouts[: max(len(ctx.run_days) - count, 0)]
        count += len(shakeouts)
    runs += shakeouts
    before_race: tuple[int, ...] = ()
    if ctx.race_week:
        # The goal race ends the block: the week's other runs come before it (the days
        # after it are rest; recovery weeks follow), none on the eve (the shakeout's day).
        race_day = min(race_days) if race_days else 7
        before_race = tuple(d for d in ctx.run_days if d < race_day - 1)
        count = min(count, len(before_race) + len(runs))
        runs += _race_week_reminder(ctx, race_day, before_race, runs)
    return FixedRuns(tuple(runs), count, race_days, eves, near, before_race)


def _run_count(ctx: WeekRunning) -> int:
    """How many runs the week holds: the level's usual count, on the days open to running."""
    n = min(ctx.usual_count, len(ctx.run_days))
    if ctx.frame.phase == "recovery":
        share = recovery_share(ctx.frame, ctx.m.race_recovery, ctx.athlete.races)
        n = recovery_runs(n, share)  # RUN-13
    return n


def _race_run(ctx: WeekRunning, race: Race) -> RunSpec:
    """A race on its day, as long as its predicted time."""
    return RunSpec(
        "race",
        round(ctx.race_time_s.get(race.date, 60 * 60) / 60),
        fixed_day=(race.date - ctx.frame.start).days,
        race=race,
        reasons=("SEASON-1" if race.priority == "A" else "SEASON-5",),
        note=f"{race.name} ({race.distance_km:g} km)",
    )


def _shakeouts(ctx: WeekRunning, eves: frozenset[int]) -> list[RunSpec]:
    """RUN-4: a short easy run on each race's eve that is a run day, while the week has room."""
    runs: list[RunSpec] = []
    shakeout_room = ctx.target
    for day in sorted(eves & set(ctx.run_days)):
        if shakeout_room < SHAKEOUT_MINUTES:
            break  # a week this small keeps its minutes for the race
        shakeout_room -= SHAKEOUT_MINUTES
        runs.append(
            RunSpec(
                "shakeout",
                SHAKEOUT_MINUTES,
                fixed_day=day,
                reasons=("RUN-4",),
                note=f"{SHAKEOUT_MINUTES} easy minutes with a few strides, the day before the race",
            )
        )
    return runs


def _race_week_reminder(
    ctx: WeekRunning, race_day: int, before_race: tuple[int, ...], runs: list[RunSpec]
) -> list[RunSpec]:
    """RUN-4: keep some intensity: one short race-pace session early in the week, where
    the week's minutes leave room for it."""
    r = ctx.r
    qm = max(round_to(per_level(r.quality_minutes, ctx.level) * 0.6, r.round_to), r.min_run_minutes)
    room = ctx.target - sum(x.minutes for x in runs if x.run_type != "race")
    reminder_days = tuple(d for d in before_race if d not in ctx.recovery.no_quality)  # RUN-13
    if not (race_day >= 4 and reminder_days and room >= qm):
        return []
    return [
        RunSpec(
            "race_pace",
            qm,
            reasons=("RUN-4",),
            note="short race-pace reminder, early in race week",
            window=reminder_days,
        )
    ]
