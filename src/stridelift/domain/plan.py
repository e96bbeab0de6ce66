"""plan(): the season, week by week, from an athlete, a methodology and today's date.

A pure function (DESIGN.md): same inputs, same document, byte for byte once serialised.
Each week goes through the stages of domain/planner/ (its __init__ lists them): volume,
runs, strength, placement, then the week's document; SeasonState carries what one week
hands on to the next.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from stridelift.domain.athlete import Athlete
from stridelift.domain.calendar import check_horizon
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.history import Adjustments
from stridelift.domain.methodology import Methodology
from stridelift.domain.planner.context import athlete_paces, plan_inputs
from stridelift.domain.planner.document import DISCLAIMER, SCHEMA, plan_document
from stridelift.domain.planner.placement import PLACEMENT_RULES
from stridelift.domain.planner.placement import solve_cached as _solve_cached
from stridelift.domain.planner.state import record_week, season_state
from stridelift.domain.planner.week import plan_week
from stridelift.domain.season import build_season

__all__ = ["DISCLAIMER", "PLACEMENT_RULES", "SCHEMA", "_solve_cached", "athlete_paces", "plan"]


def plan(
    athlete: Athlete,
    today: date,
    m: Methodology,
    lib: ExerciseLibrary,
    weeks: int | None = None,
    adjust: Adjustments | None = None,
) -> dict[str, Any]:
    """Build the whole plan document (PLAN_SCHEMA.md) for ``today``.

    ``adjust`` carries what the athlete's history changes (domain.adapt); None plans from
    the profile alone.
    """
    check_horizon(athlete.races, today)
    season = build_season(athlete.races, today, m, weeks)
    ctx = plan_inputs(athlete, today, m, lib, adjust)
    first_day = season.weeks[0].start if season.weeks else today
    state = season_state(ctx.volume, first_day, season.notices)
    for frame in season.weeks:
        record_week(state, plan_week(ctx, frame, state), ctx.adj.downshift_weeks)
    return plan_document(ctx, state)
