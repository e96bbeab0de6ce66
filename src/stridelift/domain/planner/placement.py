"""Placement stage: the week's runs and sessions put on days (schedule.py's solver), and
what could not be placed, with the rules that clash (PLACE-*, RUN-1, FREQ-*)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from stridelift.domain.planner.context import PlanInputs, WeekCalendar
from stridelift.domain.planner.lifts import (
    SessionInputs,
    WeekLifts,
    citing,
    holds_core,
    make_session,
)
from stridelift.domain.planner.moves import MoveOutcome, apply_moves, week_moves
from stridelift.domain.planner.runs import WeekRuns
from stridelift.domain.planner.solving import diagnose, solve
from stridelift.domain.schedule import DaySlot, LiftSpec, Placement, WeekInput
from stridelift.domain.season import Notice, WeekFrame
from stridelift.domain.strength_session import StrengthSession
from stridelift.domain.week_model import races_ahead, shorten_lifts, shortened_notice


def from_today(
    spec: WeekInput, placed: Placement, sessions: list[StrengthSession], past: int
) -> tuple[WeekInput, Placement, list[StrengthSession]]:
    """A plan begun mid-week: the usual week, placed as if whole, keeps what falls on the
    days left, each session on its day (the days gone are not made up)."""
    runs = tuple(
        replace(r, fixed_day=d, window=())
        for r, d in zip(spec.runs, placed.run_days, strict=True)
        if d is not None and d >= past
    )
    keep = [j for j, d in enumerate(placed.lift_days) if d is not None and d >= past]
    lifts = tuple(replace(spec.lifts[j], window=(placed.lift_days[j] or 0,)) for j in keep)
    cross = spec.cross_minutes if (placed.cross_day or 0) >= past else 0
    days = tuple(DaySlot(False, False, 0) if d < past else spec.days[d] for d in range(7))
    today_on = replace(spec, days=days, runs=runs, lifts=lifts, cross_minutes=cross)
    return today_on, solve(today_on), [sessions[j] for j in keep if j < len(sessions)]


def core_days(spec: WeekInput, placed: Placement, sessions: list[StrengthSession]) -> int:
    """Days of the placed week with core work: strength sessions holding core, or core."""
    days = set()
    for j, d in enumerate(placed.lift_days):
        if d is None:
            continue
        lift = spec.lifts[j]
        if lift.kind == "core" or (j < len(sessions) and holds_core(sessions[j])):
            days.add(d)
    return len(days)


def keep_core(
    spec: WeekInput,
    placed: Placement,
    sessions: list[StrengthSession],
    core: LiftSpec,
    per_week: int,
) -> tuple[WeekInput, Placement]:
    """FREQ-5: when strength sessions holding core were left out, short core sessions
    stand in for them where a day has room (one more solve, only in such weeks)."""
    short = per_week - core_days(spec, placed, sessions)
    # Stand-ins only for left-out sessions that held core: a core session that found no
    # day itself would find none again.
    left_out = sum(
        1
        for j, d in enumerate(placed.lift_days)
        if d is None
        and j < len(sessions)
        and spec.lifts[j].kind == "strength"
        and holds_core(sessions[j])
    )
    short = min(short, left_out)
    if short <= 0:
        return spec, placed
    # A core session is the cheapest thing to leave out, so adding these never costs the
    # week anything else; one that finds no day is reported like any dropped session.
    # The sessions already placed keep their days: solved again freely, the week could
    # swap a session that holds core for one that does not and end no better off.
    kept = tuple(
        lf if d is None else replace(lf, window=(d,))
        for lf, d in zip(spec.lifts, placed.lift_days, strict=True)
    )
    more = replace(spec, lifts=kept + (core,) * short)
    return more, solve(more)


def drop_notices(
    frame: WeekFrame,
    spec: WeekInput,
    placed: Placement,
    core_days: int | None,
    core_per_week: int,
) -> list[Notice]:
    """What was left out of the week and the rules that clash. ``core_days``: the days
    with core work, where the week counts them (FREQ-5), else None."""
    dropped_runs = [spec.runs[i] for i, d in enumerate(placed.run_days) if d is None]
    dropped_lifts = [spec.lifts[j] for j, d in enumerate(placed.lift_days) if d is None]
    if not dropped_runs and not dropped_lifts:
        return []
    clash = diagnose(spec, placed)
    because = (
        (", which would break " + ", ".join(clash))
        if clash
        else (" within the days and minutes available")
    )
    out: list[Notice] = []
    for r in dropped_runs:
        msg = (
            f"no lawful day for the {r.run_type} run ({r.minutes} min)"
            f"{because}; the week keeps the closest lawful schedule."
        )
        rules = ["RUN-1", "RUN-14"]
        if frame.phase == "recovery":
            rules.append("RUN-13")  # its floor is what the days cannot hold
        if frame.phase == "taper":
            rules.append("RUN-12")  # the volume it holds is what the days can hold
        if any(x.run_type == "long" for x in spec.runs):
            rules.append("RUN-9")  # the long run is a larger share of what is left
        out.extend(Notice(rule, msg, frame.index) for rule in rules)
    lifts = [lf for lf in dropped_lifts if lf.kind == "strength"]
    if lifts:
        names = ", ".join(lf.name for lf in lifts)
        msg = (
            f"{'strength session' if len(lifts) == 1 else 'strength sessions'} {names} left out: "
            f"no lawful day{because}; the week keeps "
            "the closest lawful schedule."
        )
        out.extend(Notice(r, msg, frame.index) for r in ("FREQ-1", "FREQ-2", "FREQ-3"))
    if any(lf.kind == "core" for lf in dropped_lifts):
        out.append(
            Notice(
                "FREQ-5",
                f"core work fits on fewer than {core_per_week} days{because}.",
                frame.index,
            )
        )
    elif dropped_lifts and core_days is not None and core_days < core_per_week:
        # Never silently: the sessions that would have held core found no room.
        out.append(
            Notice(
                "FREQ-5",
                f"core work fits on {core_days} of the {core_per_week} days this week{because}.",
                frame.index,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class WeekPlacement:
    """The week placed: the solver's input and answer, the sessions kept, the notices."""

    spec: WeekInput
    placed: Placement
    sessions: tuple[StrengthSession, ...]  # a plan begun mid-week keeps fewer
    notices: tuple[Notice, ...]
    moves: tuple[MoveOutcome, ...] = ()  # the athlete's moves in this week, kept or not


def week_input(
    ctx: PlanInputs,
    cal: WeekCalendar,
    prev_sunday: dict[str, bool],
    runs: WeekRuns,
    lifts: WeekLifts,
) -> WeekInput:
    """The solver's input for the week: days, runs, sessions and the days around it."""
    athlete, frame, past = ctx.athlete, cal.frame, cal.past
    next_key = athlete.long_run_day == 0 or cal.race_next_monday
    return WeekInput(
        days=tuple(
            DaySlot(False, False, 0) if d < past and ctx.given else cal.days[d]  # RUN-13
            for d in range(7)
        ),
        runs=runs.runs,
        lifts=lifts.lifts,
        cross_minutes=runs.planned.cross_minutes,
        strategy=athlete.strategy,
        level=athlete.level,
        off_season=frame.phase == "offseason",
        preferred_quality_days=ctx.m.running.preferred_quality_days,
        prev_sunday_key=prev_sunday["key"],
        prev_sunday_heavy=prev_sunday["heavy"],
        prev_sunday_strength=prev_sunday["strength"],
        next_monday_key=next_key,
        logged_lift_days=tuple(
            sorted({(x.day - frame.start).days for x in cal.done if x.kind == "strength"})
        ),
        races_ahead=races_ahead(frame.start, athlete.races),  # PLACE-10
    )


def _shorten(
    x: SessionInputs,
    spec: WeekInput,
    placed: Placement,
    sessions: list[StrengthSession],
    notices: list[Notice],
) -> WeekInput:
    """RUN-14: rebuild the sessions the scheduler shortened so a run kept its day, and say
    so; the week's spec then holds their new minutes."""
    spec, which = shorten_lifts(spec, placed)
    for j in which:
        if j < len(sessions):
            shorter = make_session(
                x, spec.lifts[j].name, placed.lift_light[j], spec.lifts[j].minutes
            )
            sessions[j] = citing(shorter, "RUN-14")
        notices.append(Notice("RUN-14", shortened_notice(spec.lifts[j]), x.frame.index))
    return spec


def place_week(
    ctx: PlanInputs,
    cal: WeekCalendar,
    prev_sunday: dict[str, bool],
    runs: WeekRuns,
    lifts: WeekLifts,
) -> WeekPlacement:
    """Put the week's runs and sessions on days; say what was left out and why."""
    frame, per_week = cal.frame, ctx.m.strength.core_per_week
    spec = week_input(ctx, cal, prev_sunday, runs, lifts)
    placed = solve(spec)
    moved = week_moves(ctx.adj.moves, frame.start)
    spec, placed, outcomes = apply_moves(spec, placed, moved, frame.start, cal.past)
    sessions = list(lifts.sessions)
    if cal.starts_late:
        spec, placed, sessions = from_today(spec, placed, sessions, cal.past)
    notices: list[Notice] = []
    spec = _shorten(lifts.inputs, spec, placed, sessions, notices)  # RUN-14
    counts_core = frame.phase not in ("race_week", "recovery")
    if counts_core and cal.past == 0:
        core_spec = LiftSpec("core", lifts.core.minutes, False, False, kind="core")
        spec, placed = keep_core(spec, placed, sessions, core_spec, per_week)
        spec = _shorten(lifts.inputs, spec, placed, sessions, notices)  # RUN-14
    with_core = core_days(spec, placed, sessions) if counts_core else None
    notices.extend(drop_notices(frame, spec, placed, with_core, per_week))
    return WeekPlacement(spec, placed, tuple(sessions), tuple(notices), outcomes)
