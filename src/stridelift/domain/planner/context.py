"""What plan() was given, what follows from it for the whole season, and each week's calendar."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from stridelift.domain.adjust import LoadBook, WeekAdjust, done_before, for_week
from stridelift.domain.athlete import Athlete
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.history import Adjustments, LoggedSession
from stridelift.domain.loads import equipment_kind, round_load
from stridelift.domain.methodology import Methodology
from stridelift.domain.paces import Paces, paces_for, race_time_s, vdot_from_result
from stridelift.domain.planner.volume import VolumeStart, volume_start
from stridelift.domain.profile import DEFAULT_VDOT
from stridelift.domain.recovery import WeekRecovery, week_recovery
from stridelift.domain.schedule import DaySlot
from stridelift.domain.season import WeekFrame
from stridelift.domain.strength import SessionDraft
from stridelift.domain.wording import with_article


def athlete_paces(athlete: Athlete) -> Paces:
    """Training paces from the recent result, or a level's typical fitness (RUN-5)."""
    if athlete.recent_result is not None:
        rr = athlete.recent_result
        vdot = vdot_from_result(rr.distance_km, rr.time_s)
        return paces_for(
            vdot,
            f"Daniels/Gilbert VDOT from your {rr.distance} in "
            f"{rr.time_s // 3600}:{rr.time_s % 3600 // 60:02d}:{rr.time_s % 60:02d}; "
            "Riegel (exponent 1.06) past the marathon",
        )
    return paces_for(
        DEFAULT_VDOT[athlete.level],
        f"Daniels/Gilbert VDOT {DEFAULT_VDOT[athlete.level]:g}"
        f", typical for {with_article(athlete.level)} runner (add a recent_result for your own)",
    )


@dataclass(frozen=True, slots=True)
class PlanInputs:
    """plan()'s arguments, and what follows from them for every week of the season."""

    athlete: Athlete
    today: date
    m: Methodology
    lib: ExerciseLibrary
    adj: Adjustments  # what the history changes (empty without one)
    given: bool  # whether a history was given (ADAPT-4 reads the week in progress)
    avoid: frozenset[str]  # exercises stopped for pain (ADAPT-5)
    book: LoadBook  # next loads from the logged sets (LOAD-*)
    paces: Paces
    race_time: dict[date, float]  # predicted seconds per race date
    days_avail: tuple[DaySlot, ...]  # the athlete's days as the solver reads them
    volume: VolumeStart
    # Strength session drafts by draft_key: weeks of one phase share them (frozen values).
    drafts: dict[tuple[object, ...], SessionDraft] = field(default_factory=dict)


def plan_inputs(
    athlete: Athlete,
    today: date,
    m: Methodology,
    lib: ExerciseLibrary,
    adjust: Adjustments | None,
) -> PlanInputs:
    """Everything fixed for the season, worked out once."""
    adj = adjust or Adjustments()
    steps = m.adapt.loads.steps

    def round_kg(kg: float, exercise_id: str, direction: str) -> float:
        kind = equipment_kind(lib.get(exercise_id), steps)
        return round_load(kg, kind, athlete.units, steps, direction=direction) or 0.0

    paces = athlete_paces(athlete)
    days_avail = tuple(DaySlot(d.run, d.strength, d.minutes) for d in athlete.availability)
    return PlanInputs(
        athlete=athlete,
        today=today,
        m=m,
        lib=lib,
        adj=adj,
        given=adjust is not None,
        avoid=frozenset(x for x, _ in adj.stopped),
        book=LoadBook(adj, round_kg),
        paces=paces,
        race_time={r.date: race_time_s(r, paces, m) for r in athlete.races},  # RUN-10
        days_avail=days_avail,
        volume=volume_start(athlete, m, adj, days_avail, today),
    )


@dataclass(frozen=True, slots=True)
class WeekCalendar:
    """One week of the season, and what the calendar and the log bring to it."""

    frame: WeekFrame
    adjust: WeekAdjust  # what the history changes this week
    hold: bool  # ADAPT-2: running held at week 1's volume
    past: int  # days of the plan's first week before today
    starts_late: bool  # begun mid-week without a history: keep the usual week's days left
    done: tuple[LoggedSession, ...]  # logged this week before today (ADAPT-4)
    race_next_monday: bool  # Sunday is a race's eve
    recovery: WeekRecovery  # RUN-13: the days races before this week keep free
    days: tuple[DaySlot, ...]  # the athlete's days, less what RUN-13 keeps free


def _new_lifting(ctx: PlanInputs, frame: WeekFrame, since: date | None) -> bool:
    """ADAPT-2: the week falls in the first weeks of new strength work, counted from the
    season's first week with strength (before any, the season's first weeks), as the log's
    ADAPT-2 signal counts them from the first logged lift."""
    weeks = ctx.m.adapt.new_strength_weeks
    if since is None:
        return frame.season_index <= weeks
    return frame.start < since + timedelta(weeks=weeks)


def week_calendar(ctx: PlanInputs, frame: WeekFrame, lifting_since: date | None) -> WeekCalendar:
    """The week's calendar facts; ``lifting_since``: the Monday of the season's first week
    with strength (None: none yet)."""
    wa = for_week(ctx.adj, frame)
    hold = (ctx.athlete.new_to_strength and _new_lifting(ctx, frame, lifting_since)) or wa.hold
    nxt = frame.start + timedelta(days=7)
    # Days of the first week before today are past: with history they hold what was
    # logged; without it the plan starts today and keeps what the usual week holds on
    # the days left (ADAPT-4: nothing is moved into them).
    past = max((ctx.today - frame.start).days, 0) if frame.index == 1 else 0
    done = done_before(ctx.adj, frame, ctx.today) if past > 0 and ctx.given else []
    # RUN-13: the days after a race keep rest, and strength and quality away.
    rec = week_recovery(ctx.athlete.races, frame.start, ctx.m.race_recovery)
    return WeekCalendar(
        frame=frame,
        adjust=wa,
        hold=hold,
        past=past,
        starts_late=past > 0 and not ctx.given,
        done=tuple(done),
        race_next_monday=any(r.date == nxt for r in ctx.athlete.races),
        recovery=rec,
        days=_recovery_days(ctx.days_avail, rec),
    )


def _recovery_days(days: tuple[DaySlot, ...], rec: WeekRecovery) -> tuple[DaySlot, ...]:
    """RUN-13: the week's days with rest after a race closed, and strength kept away."""
    return tuple(
        DaySlot(a.run and rec.may_run(d), a.strength and rec.may_lift(d), a.minutes)
        if rec.may_run(d)
        else DaySlot(False, False, 0)
        for d, a in enumerate(days)
    )
