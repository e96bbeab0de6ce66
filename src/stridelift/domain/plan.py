"""plan(): the season, week by week, from an athlete, a methodology and today's date.

A pure function (DESIGN.md): same inputs, same document, byte for byte once serialised.
Each week goes through the stages of domain/planner/ (its __init__ lists them): volume,
runs, strength, placement, then the week's document; SeasonState carries what one week
hands on to the next.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from stridelift.domain.athlete import Athlete
from stridelift.domain.calendar import check_horizon
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.history import Adjustments
from stridelift.domain.methodology import Methodology
from stridelift.domain.planner.context import PlanInputs, athlete_paces, plan_inputs
from stridelift.domain.planner.document import DISCLAIMER, SCHEMA, plan_document
from stridelift.domain.planner.solving import PLACEMENT_RULES
from stridelift.domain.planner.solving import solve_cached as _solve_cached
from stridelift.domain.planner.state import (
    SeasonState,
    continued_state,
    record_week,
    season_state,
)
from stridelift.domain.planner.week import plan_week
from stridelift.domain.season import SeasonOutline, build_season

__all__ = ["DISCLAIMER", "PLACEMENT_RULES", "SCHEMA", "_solve_cached", "athlete_paces", "plan"]


def plan(
    athlete: Athlete,
    today: date,
    m: Methodology,
    lib: ExerciseLibrary,
    weeks: int | None = None,
    adjust: Adjustments | None = None,
    origin: date | None = None,
) -> dict[str, Any]:
    """Build the whole plan document (PLAN_SCHEMA.md) for ``today``.

    ``adjust`` carries what the athlete's history changes (domain.adapt); None plans from
    the profile alone. ``origin`` is the day the athlete's season began (their first stored
    plan of it): a replan continues that season rather than starting a new one (SEASON-3).
    """
    check_horizon(athlete.races, today)
    season = build_season(athlete.races, today, m, weeks, origin)
    ctx = plan_inputs(athlete, today, m, lib, adjust)
    state = _season_so_far(ctx, season)
    for frame in season.weeks:
        record_week(state, plan_week(ctx, frame, state), ctx.adj.downshift_weeks)
    return plan_document(ctx, state, season.origin)


def _season_so_far(ctx: PlanInputs, season: SeasonOutline) -> SeasonState:
    """The state the plan's first week starts from.

    A replan inside a season (weeks before today since its origin) replays those weeks as
    the first plan laid them, from the profile, so volume, long runs and strength carry on
    from where the season is (RUN-2, RUN-4, PROG-1..4) rather than from a new week 1. After
    a lapse (ADAPT-4: the log well below what those weeks planned) the running starts afresh.
    """
    first_day = season.weeks[0].start if season.weeks else ctx.today
    fresh = season_state(ctx.volume, first_day, season.notices)
    if not season.before or season.laid_from is None:
        return fresh
    first = plan_inputs(ctx.athlete, season.laid_from, ctx.m, ctx.lib, None)
    state = season_state(first.volume, season.before[0].start, ())
    lifted = ctx.adj.first_lift
    if lifted is not None and lifted < season.before[0].start:
        # ADAPT-2 counts new strength from the first lift, which may precede the weeks a
        # replan replays (their origin moved on to the block under way).
        state.lifting_since = lifted - timedelta(days=lifted.weekday())
    for frame in season.before:
        record_week(state, plan_week(first, frame, state), 0)
    if ctx.volume.level0 < ctx.volume.base and _lapsed(ctx, state, season):
        return fresh
    return continued_state(state, [*season.notices, *ctx.volume.notices])


def _lapsed(ctx: PlanInputs, state: SeasonState, season: SeasonOutline) -> bool:
    """ADAPT-4 inside a season: the log ran well below what the season's weeks planned
    (not merely below the profile's usual volume, which a season may plan under)."""
    recent = ctx.adj.recent_week_minutes
    weeks = min(len(season.before), ctx.m.adapt.recent_weeks)
    if season.laid_from and season.laid_from.weekday() and weeks == len(season.before):
        weeks -= 1  # the season's first week began mid-week: the log counts it out too
    if recent is None or weeks <= 0:
        return False
    planned = sum(state.volume.history[-weeks:]) / weeks
    return recent < ctx.m.running.volume.resume_below * planned
