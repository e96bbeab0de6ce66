"""One week through the stages: volume, runs, strength, placement, then its document."""

from __future__ import annotations

from copy import copy
from dataclasses import replace
from datetime import timedelta
from typing import Any

from stridelift.domain.methodology import ProgramWeek
from stridelift.domain.planner.context import PlanInputs, WeekCalendar, week_calendar
from stridelift.domain.planner.current_week import current_week_notices, show_logged
from stridelift.domain.planner.lifts import WeekLifts, first_back_light, lighten, week_lifts
from stridelift.domain.planner.placement import WeekPlacement, place_week
from stridelift.domain.planner.runs import WeekRuns, week_runs
from stridelift.domain.planner.state import PlannedWeek, SeasonState, in_training
from stridelift.domain.planner.volume import week_volume
from stridelift.domain.planner.week_notices import coverage_notices, strategy_notices
from stridelift.domain.program import program_doc, program_week
from stridelift.domain.recovery import volume_notice
from stridelift.domain.season import WeekFrame
from stridelift.domain.week_model import runs_left_out
from stridelift.domain.weekdoc import week_doc


def _as_usual(
    ctx: PlanInputs,
    cal: WeekCalendar,
    state: SeasonState,
    runs: WeekRuns,
    lifts: WeekLifts,
    prog: ProgramWeek | None,
) -> tuple[WeekRuns, WeekLifts]:
    """ADAPT-3: a busy week shrinks the strength only, so its runs keep the days the usual
    week gives them, and its sessions take the days of the usual week's first ones (the
    easy minutes are shared out by the days that hold strength, and a day's minutes hold
    its run and its sessions together)."""
    usual_cal = replace(cal, adjust=replace(cal.adjust, busy=False))
    usual_ctx = replace(ctx, book=ctx.book.fork())  # its loads are not this week's news
    usual = week_lifts(usual_ctx, usual_cal, state.strength, runs.runs, prog)
    where = place_week(usual_ctx, usual_cal, state.prev_sunday, runs, usual)
    if len(where.spec.runs) != len(runs.runs) or None in where.placed.run_days:
        return runs, lifts
    pinned = tuple(
        r if r.fixed_day is not None or d is None else replace(r, window=(d,))
        for r, d in zip(runs.runs, where.placed.run_days, strict=True)
    )
    specs = list(lifts.lifts)
    for kind in ("strength", "core"):  # the core sessions keep their days too
        days = [
            d
            for lf, d in zip(where.spec.lifts, where.placed.lift_days, strict=True)
            if lf.kind == kind and d is not None
        ]
        mine = [j for j, lf in enumerate(specs) if lf.kind == kind]
        if len(days) >= len(mine):
            for j, d in zip(mine, days, strict=False):
                specs[j] = replace(specs[j], window=(d,))
    return replace(runs, runs=pinned), replace(lifts, lifts=tuple(specs))


def _peak_longs(ctx: PlanInputs, frame: WeekFrame, state: SeasonState) -> list[int]:
    """RUN-9: the long runs of the block's peak weeks (``peak_weeks_out`` before the race),
    for a week after them; none for any other week. A deload week's long run steps back
    and is not the peak (its share of a smaller week of fewer runs may pass the peak weeks'
    by a step), so it counts only when every peak week was a deload."""
    near, far = ctx.m.running.long_run.peak_weeks_out
    k = frame.weeks_to_race
    if k is None or not 0 < k < near:
        return []
    first = frame.start - timedelta(weeks=far - k)
    last = frame.start - timedelta(weeks=near - k - 1)
    window = [(d, m) for d, m in state.long_log if first <= d < last]
    deloads = {w["start"] for w in state.weeks if w.get("deload")}
    held = [m for d, m in window if (d - timedelta(days=d.weekday())).isoformat() not in deloads]
    return held or [m for _, m in window]


def _longest_recent(frame: WeekFrame, state: SeasonState) -> float:
    """RUN-9: the longest long run of the last 30 days, which the taper's long runs come
    down from; in a deload week, last week's long run where it is shorter (PROG-4: the
    deload steps back, never up, when the share of its smaller week would allow more)."""
    longs = [m for d, m in state.long_log if (frame.start - d).days <= 30]
    longest = float(max(longs, default=float("inf")))
    if frame.deload and state.long_log and (frame.start - state.long_log[-1][0]).days <= 7:
        longest = min(longest, state.long_log[-1][1])
    return longest


def _uneased_minutes(ctx: PlanInputs, frame: WeekFrame, state: SeasonState) -> int:
    """RUN-6: the running the week would have held without its easing, planned through
    every stage (rounding, run lengths and the days do not shrink with the target, so a
    share of the eased week would overstate it). Its loads are not this week's news."""
    plain = replace(ctx, adj=replace(ctx.adj, soften_factor=1.0), book=ctx.book.fork())
    # The week's document logs its runs for RUN-3's cap: this one is never run.
    aside = copy(state)
    aside.run_log = list(state.run_log)
    return plan_week(plain, frame, aside).run_minutes


def _mark(
    doc: dict[str, Any],
    ctx: PlanInputs,
    runs: WeekRuns,
    lifts: WeekLifts,
    where: WeekPlacement,
    prog: ProgramWeek | None,
) -> None:
    """The week document's marks for what shaped the week: a busy week, the athlete's
    moves, the strength asked for, a crowded back-to-back day, runs left out and the
    methodology's program week."""
    if lifts.inputs.busy:
        doc["busy"] = True
    if where.moves:
        doc["moves"] = [m.doc() for m in where.moves]  # the athlete's moves, kept or not
    doc["strength_asked"] = lifts.asked
    if runs.planned.back_to_back_crowded:
        doc["back_to_back_crowded"] = True  # RUN-9: block_notices says why, once
    left_out = runs_left_out(where.spec, where.placed)  # RUN-14: for its check
    if left_out:
        doc["runs_left_out"] = left_out
    if prog is not None and prog.week:
        doc["program"] = program_doc(ctx.m, prog)  # CONTENT-8: the methodology's program


def plan_week(ctx: PlanInputs, frame: WeekFrame, state: SeasonState) -> PlannedWeek:
    """Plan one week of the season from the state the weeks before it left."""
    cal = week_calendar(ctx, frame, state.lifting_since)
    first = frame.season_index == 1
    target, vol_why = week_volume(
        frame, ctx.athlete, ctx.m, ctx.adj, cal.adjust, cal.hold, state.volume, state.week1, first
    )
    vol_notices = volume_notice(
        frame,
        target,
        ctx.athlete.weekly_run_minutes,
        ctx.m.race_recovery,
        ctx.m.running.round_to,
        ctx.athlete.races,
    )  # RUN-13
    if cal.recovery:
        vol_why.append("RUN-13")
    peaks = _peak_longs(ctx, frame, state)  # RUN-9
    held = state.volume.level if "RUN-12" in vol_why and "RUN-4" not in vol_why else 0.0
    runs = week_runs(
        ctx, cal, target, state.volume.peak, _longest_recent(frame, state), held,
        max(peaks, default=0.0),
    )  # fmt: skip
    prog = program_week(
        ctx.m, frame, state.training_weeks + in_training(frame), state.strength.ran_program()
    )
    lifts = week_lifts(ctx, cal, state.strength, runs.runs, prog)
    if lifts.inputs.busy and not cal.starts_late:
        runs, lifts = _as_usual(ctx, cal, state, runs, lifts, prog)  # ADAPT-3
    where = place_week(ctx, cal, state.prev_sunday, runs, lifts)
    sessions = lighten(lifts.inputs, where.spec, where.placed, where.sessions)  # PLACE-5
    sessions = first_back_light(
        lifts.inputs,
        where.placed,
        sessions,
        state.first_day or frame.start,
        [*state.lift_dates, *ctx.adj.lift_days],  # planned, and logged
    )  # RUN-13
    on_days = [x for j, x in enumerate(sessions) if where.placed.lift_days[j] is not None]
    notices = [*vol_notices, *runs.planned.notices, *lifts.notices, *where.notices]
    notices.extend(coverage_notices(frame, on_days))
    doc, run_minutes, sunday = week_doc(
        frame,
        ctx.m,
        ctx.lib,
        where.spec,
        where.placed,
        sessions,
        lifts.core,
        ctx.paces,
        state.run_log,
        vol_why,
        runs.planned.reasons,
    )
    _mark(doc, ctx, runs, lifts, where, prog)
    if cal.adjust.soften < 1:
        # RUN-6 eased this week after a load jump: the weeks after it rise (RUN-2) from what
        # it would have run, so the easing is one week's, as a replay of the season has it.
        doc["run_minutes_uneased"] = max(run_minutes, _uneased_minutes(ctx, frame, state))
    if cal.past > 0:
        run_minutes += show_logged(doc, cal.done, cal.past)
        notices.extend(
            current_week_notices(
                frame, cal.done, runs.planned.runs, runs.runs, ctx.given, ctx.today
            )
        )
    notices.extend(strategy_notices(frame, ctx.athlete, doc))
    return PlannedWeek(
        frame=frame,
        doc=doc,
        run_minutes=run_minutes,
        sunday=sunday,
        sessions=tuple(on_days),  # what the week holds (PHASE-3 compares with it)
        busy=lifts.inputs.busy,
        past=cal.past,
        runs=runs.runs,
        notices=tuple(notices),
    )
