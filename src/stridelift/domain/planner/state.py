"""What the season carries from one week to the next, and how a planned week updates it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from stridelift.domain.planner.volume import VolumeStart
from stridelift.domain.program import PROGRAM_TEMPLATE
from stridelift.domain.recovery import strength_days
from stridelift.domain.rules.view import FULL_TEMPLATES
from stridelift.domain.running import RunSpec, VolumeState
from stridelift.domain.season import TRAINING_PHASES, Notice, WeekFrame
from stridelift.domain.strength_session import LoadChange, StrengthSession

# RUN-2's guard on a week's rise (10% over the recent weeks, one 5-minute step of slack):
# how far a week that holds a B race counts toward the volume the next weeks build on.
RACE_RISE = 1.1
RACE_SLACK = 5


def _no_sunday() -> dict[str, bool]:
    return {"key": False, "heavy": False, "strength": False}


@dataclass(slots=True)
class StrengthSoFar:
    """The strength placed so far: race preparation brings in nothing new (PHASE-3)."""

    seen: set[str] = field(default_factory=set)  # every exercise and warm-up item placed
    lifted: bool = False  # a strength session placed so far: until then nothing is "new"
    done_tpls: set[str] = field(default_factory=set)  # the session templates placed
    sets_before: dict[str, int] = field(default_factory=dict)  # per template, latest normal week

    def ran_program(self) -> bool:
        """Whether the methodology's program ran and the usual templates have not begun."""
        return PROGRAM_TEMPLATE in self.done_tpls and not self.done_tpls & FULL_TEMPLATES


BEFORE_LONG_RUNS = 6  # long runs a continued plan tells its checks of: the peak weeks' (RUN-9)


@dataclass(frozen=True, slots=True)
class PlannedWeek:
    """A week through every stage: its document and what the season carries on from it."""

    frame: WeekFrame
    doc: dict[str, Any]
    run_minutes: int  # training run minutes (races excluded), logged ones included
    sunday: dict[str, bool]  # Sunday's flags, for the next week's Monday (PLACE-*)
    sessions: tuple[StrengthSession, ...]  # the strength sessions placed on a day
    busy: bool  # ADAPT-3
    past: int  # days before today (the plan's first week)
    runs: tuple[RunSpec, ...]
    notices: tuple[Notice, ...]


@dataclass(slots=True)
class SeasonState:
    """The loop state of plan(): one per call, updated once a week by record_week()."""

    volume: VolumeState  # what the volume model remembers (RUN-2, RUN-4)
    run_log: list[tuple[date, int]]  # (day, minutes) of the long efforts so far (RUN-3)
    long_log: list[tuple[date, int]]  # (day, minutes) of the long runs so far (RUN-9)
    week1: float  # run minutes of the first week (ADAPT-2 holds to them)
    notices: list[Notice]
    strength: StrengthSoFar = field(default_factory=StrengthSoFar)
    prev_sunday: dict[str, bool] = field(default_factory=_no_sunday)
    fresh_block: bool = True  # the next training week starts a block's peak afresh (RUN-4)
    weeks: list[dict[str, Any]] = field(default_factory=list)  # the week documents
    busy_weeks: dict[date, int] = field(default_factory=dict)  # Monday -> week (ADAPT-3)
    load_changes: list[tuple[int, str, LoadChange]] = field(default_factory=list)
    training_weeks: int = 0  # training weeks so far: a methodology's program runs on them
    lift_dates: list[date] = field(default_factory=list)  # RUN-13: strength days so far
    first_day: date | None = None  # the plan's first day (RUN-13: a break begun before)
    continued: bool = False  # the plan carries on a season begun before its first week
    lifting_since: date | None = None  # the Monday of the season's first week with strength
    before_minutes: tuple[int, ...] = ()  # then, the run minutes of the 4 weeks before it
    before_peak: int = 0  # and the peak week of the block under way then (RUN-4, RUN-12)
    before_long_runs: tuple[tuple[date, int], ...] = ()  # and the last long runs (RUN-9)
    before_strength: StrengthSoFar | None = None  # and the strength done by then (PHASE-3)


def season_state(start: VolumeStart, first_day: date, notices: Iterable[Notice]) -> SeasonState:
    """The state before the first week."""
    volume = VolumeState(
        base_minutes=start.base, level=start.level0, peak=start.base, history=[start.level0] * 4
    )
    return SeasonState(
        volume=volume,
        run_log=[(first_day - timedelta(days=1), start.longest0)],
        long_log=[],  # the plan's own long runs: the taper comes down from the block's
        week1=start.level0,
        notices=[*notices, *start.notices],
        first_day=first_day,
    )


def continued_state(state: SeasonState, notices: Iterable[Notice]) -> SeasonState:
    """The state after replaying the season's past weeks, ready for the plan's first week:
    what the weeks carry on (volume, long runs, strength so far, and the replay's first
    day: RUN-13's first session back counts from the season, not from today) stays; what
    belongs to the document (weeks, notices, busy weeks, load changes) starts empty."""
    state.weeks, state.notices = [], list(notices)
    state.busy_weeks, state.load_changes = {}, []
    state.continued = True
    state.before_minutes = tuple(round(x) for x in state.volume.history[-4:])
    state.before_peak = 0 if state.fresh_block else round(state.volume.peak)
    state.before_long_runs = tuple(state.long_log[-BEFORE_LONG_RUNS:])
    so_far = state.strength
    state.before_strength = StrengthSoFar(
        set(so_far.seen), so_far.lifted, set(so_far.done_tpls), dict(so_far.sets_before)
    )
    return state


def record_week(state: SeasonState, week: PlannedWeek, downshift_weeks: int) -> None:
    """Carry a planned week into the season state."""
    state.notices.extend(week.notices)
    if week.busy:
        state.busy_weeks[week.frame.start] = week.frame.index
    state.load_changes.extend(
        (week.frame.index, e.id, e.load_change)
        for s in week.sessions
        for e in s.exercises
        if e.load_change is not None
    )
    state.weeks.append(week.doc)
    state.long_log.extend(_long_runs(week.doc))
    _record_strength(state.strength, week, downshift_weeks)
    _record_volume(state, week)
    state.prev_sunday = week.sunday
    state.training_weeks += in_training(week.frame)
    state.lift_dates.extend(strength_days(week.doc, week.frame.start))  # RUN-13
    placed = (s for d in week.doc["days"] for s in d["sessions"])
    if state.lifting_since is None and any(s.get("kind") == "strength" for s in placed):
        state.lifting_since = week.frame.start  # ADAPT-2 counts new strength from here


def _long_runs(doc: dict[str, Any]) -> list[tuple[date, int]]:
    """The (day, minutes) of a placed week's long runs (RUN-9's taper comes down from
    them, not from an easy run the day-by-day RUN-3 cap let grow past the long run)."""
    return [
        (date.fromisoformat(d["date"]), int(s.get("minutes") or 0))
        for d in doc["days"]
        for s in d["sessions"]
        if s.get("kind") == "run" and s.get("run_type") == "long"
    ]


def in_training(frame: WeekFrame) -> int:
    """1 for a training week (a methodology's program counts them), else 0."""
    return int(frame.phase in TRAINING_PHASES)


def exercise_ids(week: dict[str, Any]) -> set[str]:
    """Exercises and warm-up items of a placed week."""
    ids: set[str] = set()
    for day in week["days"]:
        for s in day["sessions"]:
            items = [*s.get("exercises", []), *s.get("warmup", [])]
            ids.update(str(x["id"]) for x in items if x.get("id") is not None)  # a jog has none
    return ids


def _record_strength(so_far: StrengthSoFar, week: PlannedWeek, downshift_weeks: int) -> None:
    """PHASE-3: what race preparation may repeat, and the sets it may not exceed."""
    frame = week.frame
    so_far.seen.update(exercise_ids(week.doc))
    placed_tpls = {s.get("template") for d in week.doc["days"] for s in d["sessions"]} - {None}
    so_far.lifted = so_far.lifted or bool(
        placed_tpls & (FULL_TEMPLATES | {"busy", PROGRAM_TEMPLATE})
    )
    so_far.done_tpls.update(str(t) for t in placed_tpls)
    if frame.phase not in ("taper", "race_week"):
        so_far.sets_before.pop("mobility", None)
    if not frame.deload and not week.busy and frame.index > downshift_weeks:
        so_far.sets_before.update((s.template, s.total_sets) for s in week.sessions if not s.light)


def _record_volume(state: SeasonState, week: PlannedWeek) -> None:
    """The week's run minutes into the volume model (RUN-2, RUN-4, ADAPT-2)."""
    frame = week.frame
    # A race is run volume like any other: a B race is its training week's long effort,
    # and the goal race is most of its race week (the days after it are rest).
    # The race as the week shows it (its warm-up and its time at goal pace, RUN-10), as
    # RUN-2's check reads the week.
    races = sum(
        int(s["minutes"])
        for d in week.doc["days"]
        for s in d["sessions"]
        if s["kind"] == "run" and s.get("run_type") == "race"
    )
    total = week.run_minutes + races
    if races and frame.phase != "race_week":
        # A B race far longer than the training (a marathon in a 70-minute week) counts
        # only as far as RUN-2 lets a week rise: it sets no new floor or peak to taper from.
        total = min(total, round(RACE_RISE * max(state.volume.history[-4:]) + RACE_SLACK))
    if frame.phase == "race_week" or week.past > 0:
        # Short by design (taper, race, rest), or begun before today: not a new floor
        # for the weeks after it.
        total = max(total, round(state.volume.history[-1]))
    if frame.season_index == 1:
        state.week1 = float(total)  # ADAPT-2's reference: what the week holds
    uneased = week.doc.get("run_minutes_uneased")
    if uneased is not None:  # RUN-6 eased it: the weeks after rise from what it would have run
        total = max(total, uneased)
    state.volume.history.append(float(total))
    if frame.phase in TRAINING_PHASES and frame.phase != "offseason" and week.past == 0:
        # RUN-4 tapers from this block's real peak: the first whole training week
        # after a race or an off-season (or of the plan) starts it afresh. A B race is
        # an effort, not volume to taper from (RUN-12 judges the training around it).
        peak = float(week.run_minutes)
        state.volume.peak = peak if state.fresh_block else max(state.volume.peak, peak)
        state.fresh_block = False
    if frame.phase in ("race_week", "offseason"):
        state.fresh_block = True
