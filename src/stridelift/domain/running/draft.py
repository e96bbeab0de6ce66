"""The week's runs sized: quality sessions, the long run and back-to-back day, easy runs (RUN)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from stridelift.domain.longrun import back_to_back_day, long_run_minutes, taper_weeks
from stridelift.domain.methodology import per_level
from stridelift.domain.recovery import quality_room
from stridelift.domain.running.context import FixedRuns, WeekRunning
from stridelift.domain.running.fit import FEW_RUNS, share_for, split_easy_minutes
from stridelift.domain.running.spec import RunSpec, round_to

# RUN-9: a long run the other runs' shortest lengths would hold under this share of its
# curve costs the week a run instead (a run more is a small week's least useful minutes).
SQUEEZED = 0.75
MIN_RUNS_KEPT = 3  # ...but a week keeps three runs at the least


@dataclass(frozen=True, slots=True)
class Quality:
    """The week's quality sessions before the runs are counted: types, days and minutes."""

    types: tuple[str, ...]
    days: tuple[int, ...]  # RUN-13: the days they may take (empty: any run day)
    minutes: float  # each session's
    held: bool  # RUN-13 took sessions out of this week
    spaced: bool = False  # PLACE-2: the run days hold none apart from the long run or a race


@dataclass(frozen=True, slots=True)
class Draft:
    """The week once its long run is sized: the minutes and the runs left to share."""

    budget: float  # running minutes left for the long, quality, recovery and easy runs
    runs_left: int  # runs left to size
    slots: int  # the runs left before the back-to-back run took one
    has_long: bool
    long_minutes: float  # 0 without a long run
    has_recovery: bool  # PLACE-6: the very easy day of a week of six runs or more
    back_to_back: tuple[RunSpec, ...]  # RUN-9: none, or the run beside the long run
    # RUN-9: the back-to-back run left out because the other runs could not then hold the
    # week (a second weekend run would shorten the long run).
    back_to_back_crowded: bool = False


@dataclass(frozen=True, slots=True)
class Sessions:
    """How many quality and easy runs the week holds, and the easy runs' minutes."""

    quality: tuple[str, ...]
    n_easy: int
    easy_total: float  # the easy runs' minutes before rounding


def long_run_blocked(ctx: WeekRunning, fixed: FixedRuns) -> bool:
    """No long run next to a race (last Sunday's too), in race week, or on a day kept for
    rest."""
    long_day = ctx.athlete.long_run_day
    near = fixed.near | ({-1} if ctx.raced_last_sunday else set())
    blocked = any(abs(d - long_day) <= 1 for d in near) or ctx.race_week
    return blocked or not ctx.recovery.may_run(long_day)  # RUN-13: a rest day


def quality_sessions(ctx: WeekRunning, fixed: FixedRuns, long_blocked: bool) -> Quality:
    """The phase's quality sessions, those the days after a race leave room for, and their
    minutes."""
    types = [] if ctx.light or ctx.race_week else _quality_types(ctx)
    days = ctx.recovery.quality_window(ctx.run_days)
    long_day = ctx.athlete.long_run_day
    keys = fixed.near | ({long_day} if not long_blocked and not ctx.light else set())
    held = spaced = False
    if ctx.recovery.no_quality:
        # RUN-13: no quality running in the days after a race; what the other days cannot
        # hold (apart from each other and from the long run or a race) stays easy.
        room = quality_room(days, keys)
        held, types = len(types) > room, types[:room]
    elif types:
        # PLACE-2: as many quality runs as the run days hold a day apart from the long run
        # (last week's on the Sunday before this Monday, next week's on the Monday after
        # this Sunday), a race and each other; the others stay easy, not left out (none at
        # all: ``spaced``, which the week says).
        room = quality_room(ctx.run_days, keys | next_to_week(long_day))
        spaced, types = not room, types[:room]
    return Quality(tuple(types), days, _quality_minutes(ctx), held, spaced)


def next_to_week(long_day: int) -> set[int]:
    """PLACE-2: the long run of the week before (-1, on a Sunday) or after (7, on a
    Monday) where it falls beside this week's days."""
    return {-1} if long_day == 6 else {7} if long_day == 0 else set()


def _quality_types(ctx: WeekRunning) -> list[str]:
    """The phase's quality sessions for the level: one in a deload week, one fewer for a B race."""
    plan = ctx.r.quality[ctx.frame.phase]
    count = int(per_level(plan.count, ctx.level))
    if ctx.frame.deload:
        count = min(count, 1)
    if any(r.priority == "B" for r in ctx.frame.races):
        count = max(count - 1, 0)
    return list(plan.types[:count])


def _quality_minutes(ctx: WeekRunning) -> float:
    """A quality session's minutes before rounding."""
    r, frame, target = ctx.r, ctx.frame, ctx.target
    qmin = per_level(r.quality_minutes, ctx.level)
    if frame.phase in ("strength", "race_specific") and not frame.deload:
        # RUN-11: the session grows through its phase, so its workout can progress.
        grow = min(r.quality_growth * (frame.phase_week - 1), r.quality_growth_max)
        qmin *= 1 + grow
    # RUN-12: a taper-phase week before the distance's own running taper holds the running,
    # its quality session included (a 5K tapers its running in race week alone).
    holding = frame.phase == "taper" and (frame.weeks_to_race or 0) > taper_weeks(frame, ctx.m)
    if frame.deload or (frame.phase == "taper" and not holding):
        qmin *= 0.8
    if ctx.soften_quality:
        qmin *= 0.8
    # Quality shrinks with the week: at most 22% of it, and never over 40% in a small week.
    floor = max(float(r.min_run_minutes), min(30.0, r.max_hard_share * max(target, 1)))
    return min(qmin, max(floor, 0.22 * max(target, 1)))


def long_run_and_back_to_back(
    ctx: WeekRunning, fixed: FixedRuns, long_blocked: bool, quality: Quality
) -> Draft:
    """The week's budget, the long run's minutes, the back-to-back run and the recovery run."""
    r = ctx.r
    budget = ctx.target - fixed.minutes
    if not ctx.race_week:
        # A race inside a training week is that week's long effort: it takes its minutes
        # out of the budget instead of pushing them onto the easy runs.
        budget -= fixed.race_minutes
    has_long = not long_blocked and not ctx.light and budget >= r.min_run_minutes
    runs_left = fixed.count - len(fixed.runs)
    quality = _within_hard_share(ctx, quality)  # the long run is sized beside those kept
    if has_long and ctx.frame.target is not None:  # a block's curve to keep (RUN-9)
        runs_left = _runs_beside_long(ctx, runs_left, quality, budget)
    slots = runs_left
    has_recovery = _has_recovery_run(ctx, runs_left, has_long, budget)
    long_min = 0.0
    b2b: tuple[RunSpec, ...] = ()
    crowded = False
    if has_long:
        long_min = _long_minutes(ctx, runs_left, has_recovery, quality, budget)
        extra = _back_to_back(ctx, long_min, fixed.race_days | fixed.eves)
        left = runs_left - (1 if has_recovery else 0)
        if extra is not None and left >= 3:
            crowded = not _room_beside(ctx, budget, long_min, extra, quality, left)
            if not crowded:
                b2b = (extra,)  # Koop: time on feet on the next weekend day
                budget -= extra.minutes
                runs_left -= 1
    return Draft(budget, runs_left, slots, has_long, long_min, has_recovery, b2b, crowded)


def _within_hard_share(ctx: WeekRunning, quality: Quality) -> Quality:
    """RUN-1: the quality sessions a week of this size keeps (session_counts drops the
    others, most running staying easy). The long run is sized beside those alone: a
    second session dropped later must not have squeezed it (a 115-min week five weeks
    out: a 35-min long run beside intervals, tempo's room left to the easy runs)."""
    types = list(quality.types)
    while len(types) > 1 and quality.minutes * len(types) > ctx.r.max_hard_share * max(
        ctx.target, 1.0
    ):
        types.pop()
    return replace(quality, types=tuple(types))


def _runs_beside_long(ctx: WeekRunning, runs_left: int, quality: Quality, budget: float) -> int:
    """RUN-9 within RUN-1: a small week for the level's many runs holds one run fewer while
    the shortest lengths of the others would cut its long run by over a quarter (an
    advanced runner's 170-min week: four runs and a 60-min long run, not seven runs and a
    35-min one)."""
    # The long run, the quality sessions and one easy run, three runs at the least: a
    # quality session the week's size later turns easy must not leave two runs.
    least = max(2 + len(quality.types), MIN_RUNS_KEPT)
    while runs_left > least:
        recovery = _has_recovery_run(ctx, runs_left, True, budget)
        curve = _long_minutes(ctx, runs_left, recovery, quality, float("inf"))
        room = max(budget - _reserve(ctx, runs_left, recovery, quality), ctx.r.min_run_minutes)
        if min(curve, room) >= _kept_share(ctx, curve) * curve:
            break
        runs_left -= 1
    return runs_left


def _kept_share(ctx: WeekRunning, curve: float) -> float:
    """RUN-9: how much of its curve the long run keeps beside the week's other runs: three
    quarters, and in a peak week (3-5 weeks out, not a deload) all but a step, since the
    block's longest long run falls there (a beginner's 115-min week: three runs and a
    60-min long run, as six weeks out, not four runs and a 45-min one)."""
    near, far = ctx.r.long_run.peak_weeks_out
    k = ctx.frame.weeks_to_race
    if k is None or not near <= k <= far or ctx.frame.deload or curve <= 0:
        return SQUEEZED
    return max(SQUEEZED, 1 - ctx.r.round_to / curve)


def _room_beside(
    ctx: WeekRunning, budget: float, long_min: float, extra: RunSpec, quality: Quality, left: int
) -> bool:
    """RUN-9: whether the week's other runs can still hold the rest of its running once the
    back-to-back run takes a run day, so the long run is not cut to stay a third of a
    smaller week (a four-day week keeps one easy run, held to easy_runs' cap)."""
    n_easy = left - 2 - len(quality.types)  # the long run and the back-to-back run aside
    rest = budget - long_min - extra.minutes - len(quality.types) * quality.minutes
    return rest <= max(n_easy, 0) * easy_cap(ctx, long_min)


def _has_recovery_run(ctx: WeekRunning, runs_left: int, has_long: bool, budget: float) -> bool:
    """PLACE-6: an advanced runner's week of six runs or more keeps a very easy day."""
    r = ctx.r
    return (
        ctx.level in ("advanced", "ultra")
        and runs_left >= 6
        and has_long
        and not ctx.light
        and budget >= 2 * r.min_run_minutes + r.recovery_minutes  # room beside long and easy
    )


def _long_minutes(
    ctx: WeekRunning, runs_left: int, has_recovery: bool, quality: Quality, budget: float
) -> float:
    """The long run's minutes before rounding: the block's curve, within the week (RUN-9)."""
    r = ctx.r
    share = r.long_share[max(3, min(7, max(runs_left, 3)))]
    long_day = ctx.athlete.long_run_day
    day_room = ctx.day_minutes[long_day] if ctx.day_minutes else float("inf")
    long_min = max(
        long_run_minutes(
            ctx.frame,
            ctx.level,
            ctx.m,
            ctx.target,
            share,
            ctx.peak_minutes,
            day_room,
            ctx.longest_recent,
            ctx.peak_long,
            most_share=share_for(runs_left, ctx.m),
        ),
        r.min_run_minutes,
    )
    # RUN-9 within RUN-1: the long run leaves the week's other runs their minutes.
    reserve = _reserve(ctx, runs_left, has_recovery, quality)
    return max(min(long_min, budget - reserve), float(r.min_run_minutes))


def _reserve(ctx: WeekRunning, runs_left: int, has_recovery: bool, quality: Quality) -> float:
    """The minutes the week's other runs need beside the long run: each at least the
    shortest run, each quality session its own length."""
    r = ctx.r
    others = max(runs_left - 1 - (1 if has_recovery else 0), 0)
    quality_extra = max(quality.minutes - r.min_run_minutes, 0)  # each session over a short run
    return others * r.min_run_minutes + len(quality.types) * quality_extra


def _back_to_back(
    ctx: WeekRunning, long_minutes: float, race_or_eve: frozenset[int]
) -> RunSpec | None:
    """RUN-9: an ultra block's easy run on the weekend day beside the long run."""
    day = back_to_back_day(ctx.frame, ctx.athlete.long_run_day, ctx.run_days)
    r = ctx.r
    minutes = round_to(long_minutes * r.long_run.back_to_back, r.round_to)
    if day is None or day in race_or_eve or minutes < r.min_run_minutes:
        return None
    return RunSpec(
        "easy",
        minutes,
        fixed_day=day,
        reasons=("RUN-9",),
        note="back-to-back: easy time on feet beside the long run",
        back_to_back=True,
    )


def _hard_half(draft: Draft, quality: Quality, n_quality: int, slots: int) -> bool:
    """RUN-1: quality runs that would take every slot but the long run's and pass half the
    week (which mostly_easy would then cut short, shrinking the week): one fewer, and an
    easy run holds its minutes instead."""
    if slots > n_quality:
        return False  # an easy run is left to hold the week
    hard = quality.minutes * n_quality
    return hard > (draft.long_minutes + hard) / 2


def session_counts(ctx: WeekRunning, fixed: FixedRuns, draft: Draft, quality: Quality) -> Sessions:
    """How many quality and easy runs the runs left hold, each easy run at least the
    shortest run."""
    r, target = ctx.r, ctx.target
    with_long = 1 if draft.has_long else 0
    with_recovery = 1 if draft.has_recovery else 0
    runs_left = draft.runs_left
    kept = _within_hard_share(ctx, quality).types  # RUN-1: most running stays easy
    types = list(kept[: max(runs_left - with_long - with_recovery, 0)])
    while len(types) > 1 and _hard_half(
        draft, quality, len(types), runs_left - with_long - with_recovery
    ):
        types.pop()  # ...even in a small week
    while True:
        n_easy = runs_left - len(types) - with_long - with_recovery
        easy_total = (
            draft.budget
            - draft.long_minutes
            - quality.minutes * len(types)
            - (r.recovery_minutes if draft.has_recovery else 0)
        )
        if n_easy > 0 and easy_total / n_easy < r.min_run_minutes:
            runs_left -= 1
            continue
        if n_easy <= 0 and easy_total < 0 and types:
            types.pop()
            continue
        break
    n_easy = max(n_easy, 0)
    if (
        not (draft.has_long or types or n_easy or ctx.race_week)
        and not any(x.run_type != "race" for x in (*fixed.runs, *draft.back_to_back))
        and ctx.frame.phase != "taper"
        and draft.slots > 0
        and target >= r.min_run_minutes / 2
    ):
        n_easy = 1  # a week too small for any run gets the nearest real one, not none
    return Sessions(tuple(types), n_easy, easy_total)


def sized_runs(
    ctx: WeekRunning, draft: Draft, quality: Quality, sessions: Sessions
) -> list[RunSpec]:
    """The long run, the quality sessions and the recovery run, rounded."""
    r = ctx.r
    runs: list[RunSpec] = []
    if draft.has_long:
        # The long run keeps its day unless that day has no room for a run at all.
        long_day = ctx.athlete.long_run_day
        roomy = not ctx.day_minutes or ctx.day_minutes[long_day] >= r.min_run_minutes
        runs.append(
            RunSpec(
                "long",
                round_to(draft.long_minutes, r.round_to),
                fixed_day=long_day if roomy else None,
                reasons=("RUN-1",),
                note="steady, conversational effort",
            )
        )
    for q in sessions.quality:
        runs.append(
            RunSpec(
                q,
                max(round_to(quality.minutes, r.round_to), r.min_run_minutes),
                reasons=("RUN-1", "ADAPT-2") if ctx.soften_quality else ("RUN-1",),
                window=quality.days,
            )
        )
    if draft.has_recovery:
        runs.append(
            RunSpec(
                "recovery",
                r.recovery_minutes,
                reasons=("PLACE-6",),
                note="very easy; the day with nothing hard in it",
            )
        )
    return runs


def easy_cap(ctx: WeekRunning, long_min: float) -> float:
    """The longest easy run (RUN-1): a quarter of the week's running or three quarters of
    its long run, whichever is longer. A taper-phase week before its own running taper
    holds the block's running (RUN-12), so its quarter is of the volume it holds: a week
    whose target the RUN-2 rise caps (after a deload, or a block that never filled its
    targets) keeps its easy runs instead of shrinking each with the cap."""
    week = max(ctx.target, ctx.held_minutes)
    return max(ctx.r.easy_max_share * week, 0.75 * long_min, float(ctx.r.min_run_minutes))


def _even_share(ctx: WeekRunning, draft: Draft, sized: list[RunSpec], n_easy: int) -> float:
    """RUN-1 with few run days: an easy run may hold an even share of the week's running,
    up to the long run's length (never longer), where a quarter of the week would leave
    three runs short of the week (a 250-min week of three runs holds 70-min easy runs
    beside a 70-min long run, not 60-min ones). A taper-phase week before its own taper
    holds the block's running while its long run comes down (RUN-12): there the even share
    is not held to the long run (two runs, a 55-min long run, would hold 110 of 150).
    A training week whose long run a race beside its day took (last Sunday's, or a B
    race's) shares the week evenly too (two runs of 35 min after a Sunday 5K would hold
    half of it). 0 in race week."""
    runs = len(sized) + n_easy
    if not runs or ctx.race_week:
        return 0.0
    if not draft.has_long or ctx.held_minutes:
        return draft.budget / runs
    # Held to the long run, the easy run of a three-run week shares what the workout
    # leaves: a workout is shorter than a third (a 286-min week, a 40-min workout: an
    # easy run up to the long run's 115, not 95, which then held the long run to a third
    # of a smaller week, 10 minutes under the base weeks'). With more runs the week's
    # quarter holds it (easy_cap), and the short days keep room for core work.
    quality = [x.minutes for x in sized if x.run_type not in ("long", "recovery")]
    if runs > FEW_RUNS or not quality:
        return min(draft.long_minutes, draft.budget / runs)
    return min(draft.long_minutes, (draft.budget - sum(quality)) / (runs - len(quality)))


def easy_runs(
    ctx: WeekRunning, fixed: FixedRuns, draft: Draft, sessions: Sessions, sized: list[RunSpec]
) -> list[RunSpec]:
    """The easy runs: what the rounded long, quality and recovery runs leave of the target."""
    r = ctx.r
    n_easy = sessions.n_easy
    rounded = sum(x.minutes for x in sized)
    easy_sum = max(draft.budget - rounded, n_easy * r.min_run_minutes)
    cap = max(easy_cap(ctx, draft.long_minutes), _even_share(ctx, draft, sized, n_easy))
    if ctx.light and n_easy:
        cap = max(cap, draft.budget / n_easy)  # RUN-13: a recovery week is all easy runs
    easy_sum = min(easy_sum, n_easy * cap)
    shares = split_easy_minutes(round_to(easy_sum, r.round_to), [1.0] * n_easy, r.round_to)
    return [
        RunSpec(
            "easy", max(minutes, r.min_run_minutes), reasons=("RUN-1",), window=fixed.before_race
        )
        for minutes in shares
    ]
