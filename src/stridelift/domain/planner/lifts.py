"""Strength stage: which sessions a week asks for, each built for the athlete, and the
rules that shape them in race preparation and busy weeks (FREQ-*, PHASE-3, ADAPT-3)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from stridelift.domain.adjust import LoadBook, downshift
from stridelift.domain.athlete import Athlete
from stridelift.domain.core_mobility import core_session, mobility_session
from stridelift.domain.exercises import ExerciseLibrary
from stridelift.domain.history import Adjustments, LoggedSession
from stridelift.domain.methodology import Methodology, ProgramWeek, per_level
from stridelift.domain.planner.context import PlanInputs, WeekCalendar
from stridelift.domain.planner.state import StrengthSoFar
from stridelift.domain.program import (
    PROGRAM_TEMPLATE,
    REPLACED_KINDS,
    program_session,
)
from stridelift.domain.recovery import first_back, light_return, no_strength_notices
from stridelift.domain.rules.view import FULL_TEMPLATES
from stridelift.domain.running import RunSpec
from stridelift.domain.schedule import LiftSpec, Placement, WeekInput
from stridelift.domain.season import Notice, WeekFrame
from stridelift.domain.strength import (
    LOAD_ITEMS,
    SessionDraft,
    busy_full_body,
    draft_key,
    draft_session,
    fit_session,
)
from stridelift.domain.strength_session import ExerciseDose, StrengthSession


def session_minutes(athlete: Athlete, m: Methodology, count: int) -> int:
    s = m.strength
    minutes = min(max(athlete.session_minutes, s.min_minutes), s.max_minutes)
    if count >= 3:
        minutes = min(minutes, s.three_a_week_max)  # FREQ-4
    return minutes


def lift_plan(
    frame: WeekFrame, athlete: Athlete, m: Methodology, count: int, minutes: int
) -> list[str]:
    if count <= 0:
        return []
    if frame.phase == "race_week":
        return ["mobility"]
    if minutes < m.strength.short_template_below:
        return ["short"] * count
    return ["A", "B", "short", "A"][:count]


BUSY_SHORT_MINUTES = 25  # ADAPT-3: the short busy-week session (three exercises)...
BUSY_SHORT_MAX = 35  # ...given up to 35 minutes when heavy phases need longer rests


def lifts_left(kinds: list[str], done: Sequence[LoggedSession]) -> list[str]:
    """ADAPT-4: the week's strength sessions minus those already logged (in template order)."""
    n = sum(1 for s in done if s.kind == "strength")
    if not n or not kinds or kinds[0] == "mobility":
        return kinds
    logged = [s.template for s in done if s.kind == "strength" and s.template]
    left = list(kinds)
    for t in logged:
        if t in left:
            left.remove(t)
            n -= 1
    return left[n:] if n > 0 else left


def citing(sess: StrengthSession, rule_id: str) -> StrengthSession:
    """The session with ``rule_id`` among its reasons (once)."""
    if rule_id in sess.reasons:
        return sess
    return replace(sess, reasons=(*sess.reasons, rule_id))


def holds_core(sess: StrengthSession) -> bool:
    """Whether a strength session holds core work (FREQ-5 counts its day)."""
    return any(e.pattern == "core" for e in sess.exercises)


def _known_only(sess: StrengthSession, x: SessionInputs) -> StrengthSession:
    """PHASE-3: race preparation brings in nothing new. Once the plan has lifted, a taper
    or race-week session keeps only exercises already done: a new one gives way to a
    known one of its pattern with the same dose (``_known_stand_in``), else it goes
    (dropping one lowers volume, which the taper allows). A plan that starts in race
    preparation has nothing to keep to."""
    seen = x.known_ids
    if not seen:
        return sess
    taken = {e.id for e in sess.exercises}
    kept: list[ExerciseDose] = []
    for e in sess.exercises:
        if e.id in seen:
            kept.append(e)
            continue
        stand_in = _known_stand_in(e, x, frozenset(taken))
        if stand_in is not None:
            taken.add(stand_in.id)
            kept.append(stand_in)
    if tuple(kept) == sess.exercises:
        return sess
    return citing(replace(sess, exercises=tuple(kept)), "PHASE-3")


def _known_stand_in(
    e: ExerciseDose, x: SessionInputs, taken: frozenset[str]
) -> ExerciseDose | None:
    """PHASE-3: an exercise already done that can take ``e``'s place and dose unchanged:
    its pattern and region, one or both legs as ``e``, its unit, plyometric or not, loaded
    or not, with the athlete's equipment and not stopped for pain (ADAPT-5); the library's
    substitutes for ``e`` first, then file order. A busy taper week's light full-body
    session would otherwise lose its split squat and keep no single-leg work (CONTENT-5)."""
    lib, gear = x.lib, x.athlete.equipment
    order = [i for i in e.substitutes if i in x.known_ids]
    order += [k.id for k in lib.by_pattern(e.pattern, gear) if k.id in x.known_ids]
    for k in dict.fromkeys(order):
        ex = lib.get(k)
        loaded = ex.loadable and bool(set(ex.equipment) & LOAD_ITEMS)
        if (
            k in taken
            or k in x.avoid
            or not lib.usable(ex, gear)
            or (ex.region, ex.unilateral, ex.measure) != (e.region, e.unilateral, e.measure)
            or (ex.plyometric, loaded) != (e.plyometric, e.external_load)
        ):
            continue
        return replace(e, id=ex.id, name=ex.name, substitutes=ex.substitutes, load_change=None)
    return None


def _no_more_sets(sess: StrengthSession, before: int | None) -> StrengthSession:
    """PHASE-3: no added volume in race preparation. When fewer sets per exercise let more
    exercises into the session's minutes, the last ones go again, so the session never
    holds more sets than the same session the week before."""
    if before is None or sess.total_sets <= before:
        return sess
    kept = list(sess.exercises)
    while kept and sum(e.sets for e in kept) > before:
        kept.pop()
    return citing(replace(sess, exercises=tuple(kept)), "PHASE-3")


@dataclass(frozen=True, slots=True)
class SessionInputs:
    """What every strength session of a week is built from."""

    athlete: Athlete
    m: Methodology
    lib: ExerciseLibrary
    adj: Adjustments
    book: LoadBook  # the loads the log asks for (LOAD-*), filled in last
    avoid: frozenset[str]  # exercises stopped for pain (ADAPT-5)
    frame: WeekFrame
    busy: bool  # a busy week (ADAPT-3)
    known_ids: frozenset[str]  # exercises already done, once the plan has lifted (PHASE-3)
    sets_before: Mapping[str, int]  # sets per template in the latest normal week (PHASE-3)
    prog: ProgramWeek | None = None  # the methodology's program week (CONTENT-8), if any
    usual: tuple[str, ...] = ()  # a busy week's usual full sessions (ADAPT-3)
    drafts: dict[tuple[object, ...], SessionDraft] = field(default_factory=dict)  # the plan's


def _built(x: SessionInputs, kind: str, light: bool, mins: int) -> StrengthSession:
    """``build_session`` for this week, from the plan's draft for the phase if it has one."""
    key = draft_key(kind, x.frame, x.m, light, x.avoid)
    draft = x.drafts.get(key)
    if draft is None:
        draft = draft_session(kind, x.frame, x.athlete, x.m, x.lib, light, x.avoid)
        x.drafts[key] = draft
    return fit_session(draft, x.frame, x.m, mins)


def make_session(x: SessionInputs, kind: str, light: bool, mins: int) -> StrengthSession:
    """One session of template ``kind`` for the week, with every rule that shapes it."""
    if x.prog is not None and kind in REPLACED_KINDS:
        return _program_session(x, x.prog, mins)
    if kind == "mobility":
        mob = mobility_session(x.athlete, x.m, x.lib)
        kept = tuple(e for e in mob.exercises if e.id not in x.avoid)  # ADAPT-5
        return _known_only(replace(mob, exercises=kept), x)
    if x.busy and kind in FULL_TEMPLATES and x.usual:
        roomy = x.m.strength.max_minutes  # every exercise, so each pattern is there to keep
        sess = busy_full_body(_usual_sessions(x, light, roomy), mins, kind)  # ADAPT-3
    else:
        sess = _built(x, kind, light, mins)
    if x.frame.phase in ("taper", "race_week"):
        known = _known_only(sess, x)
        sess = _no_more_sets(known, x.sets_before.get(kind))
    if x.frame.index <= x.adj.downshift_weeks:
        sess = downshift(sess, x.adj)
    if x.busy:
        sess = citing(sess, "ADAPT-3")
    return x.book.apply(sess, x.frame)


def _usual_sessions(x: SessionInputs, light: bool, mins: int) -> list[StrengthSession]:
    """The strength sessions the week would hold if it were not busy (ADAPT-3)."""
    return [_built(x, k, light, mins) for k in x.usual]


def _program_session(x: SessionInputs, prog: ProgramWeek, mins: int) -> StrengthSession:
    """CONTENT-8: the program week's session, shaped by the same race-preparation rules."""
    taper = x.frame.phase == "taper"
    taught = x.known_ids if taper else frozenset()  # PHASE-3
    sess = program_session(prog, x.athlete, x.m, x.lib, mins, x.avoid, taught)
    if taper:
        sess = _no_more_sets(_known_only(sess, x), x.sets_before.get(PROGRAM_TEMPLATE))
    if x.frame.index <= x.adj.downshift_weeks:
        sess = downshift(sess, x.adj)
    return x.book.apply(citing(sess, "ADAPT-3") if x.busy else sess, x.frame)


def done_before(kind: str, frame: WeekFrame, so_far: StrengthSoFar) -> str:
    """PHASE-3: race preparation repeats a full session already done, not a new one (the
    usual week a busy week is drawn from included)."""
    racing = frame.phase in ("taper", "race_week")
    if racing and so_far.lifted and kind in FULL_TEMPLATES and kind not in so_far.done_tpls:
        return next((t for t in ("A", "B", "short") if t in so_far.done_tpls), kind)
    return kind


def busy_minutes(x: SessionInputs, minutes: int, kinds: list[str]) -> tuple[int, int]:
    """ADAPT-3: the minutes of a busy week's short session and of its full-body one."""
    busy_full = min(max(minutes, 35), 45)  # ADAPT-3: the full-body session's minutes
    busy_short = BUSY_SHORT_MINUTES
    if x.busy and "busy" in kinds:
        # The short session keeps all three of its exercises, given up to 35 minutes
        # (long rests in heavy phases); the full one then stays 5 minutes longer.
        while make_session(x, "busy", False, busy_short).dropped and busy_short < BUSY_SHORT_MAX:
            busy_short += 5
        busy_full = min(max(busy_full, busy_short + 5), 45)
    return busy_short, busy_full


@dataclass(frozen=True, slots=True)
class WeekLifts:
    """The week's strength before placement: sessions, then their specs for the solver."""

    inputs: SessionInputs  # kept to rebuild a session light once placed (PLACE-5)
    sessions: tuple[StrengthSession, ...]
    lifts: tuple[LiftSpec, ...]  # one per session, then the core sessions (FREQ-5)
    core: StrengthSession  # the short core session
    asked: int  # strength sessions the week asked for, before what was logged (ADAPT-4)
    notices: tuple[Notice, ...]


def week_lifts(
    ctx: PlanInputs,
    cal: WeekCalendar,
    so_far: StrengthSoFar,
    runs: tuple[RunSpec, ...],
    prog: ProgramWeek | None = None,
) -> WeekLifts:
    """The week's strength sessions and core sessions, built and specified for placement."""
    athlete, m, frame = ctx.athlete, ctx.m, cal.frame
    count = int(per_level(m.strength.frequency[frame.phase], athlete.level))
    minutes = session_minutes(athlete, m, count)
    kinds = lift_plan(frame, athlete, m, count, minutes)
    closed = not any(a.strength for a in cal.days) and any(a.strength for a in ctx.days_avail)
    early: list[Notice] = []
    if kinds and closed:  # RUN-13: a race keeps every day of this week free of strength
        early = no_strength_notices(frame, cal.recovery, m.race_recovery)
        kinds = []
    busy = cal.adjust.busy and bool(kinds) and kinds[0] != "mobility" and frame.phase != "recovery"
    usual = tuple(done_before(k, frame, so_far) for k in kinds)  # before ADAPT-3 shrinks it
    if busy:
        kinds = ["A", "busy"][: max(min(count, 2), 1)]
    asked = sum(1 for k in kinds if k != "mobility")  # before what was logged
    kinds = lifts_left(kinds, cal.done)
    x = SessionInputs(
        athlete=athlete,
        m=m,
        lib=ctx.lib,
        adj=ctx.adj,
        book=ctx.book,
        avoid=ctx.avoid,
        frame=frame,
        busy=busy,
        known_ids=frozenset(so_far.seen) if so_far.lifted else frozenset(),
        sets_before=dict(so_far.sets_before),
        prog=prog,
        usual=usual if busy else (),
        drafts=ctx.drafts,
    )
    sessions, lifts, notices = _sessions(x, cal, so_far, runs, kinds, minutes)
    with_core = sum(holds_core(s) for s in sessions)
    core_needed = 0
    if frame.phase not in ("race_week", "recovery"):
        core_needed = max(m.strength.core_per_week - with_core, 0)  # FREQ-5
        if busy:  # ADAPT-3: no more stand-alone core sessions than the usual week holds
            held = sum(holds_core(s) for s in _usual_sessions(x, False, minutes))
            core_needed = min(core_needed, max(m.strength.core_per_week - held, 0))
    core = core_session(athlete, m, ctx.lib, ctx.avoid)
    lifts.extend(
        LiftSpec("core", core.minutes, False, False, kind="core") for _ in range(core_needed)
    )
    return WeekLifts(x, tuple(sessions), tuple(lifts), core, asked, (*early, *notices))


def _sessions(
    x: SessionInputs,
    cal: WeekCalendar,
    so_far: StrengthSoFar,
    runs: tuple[RunSpec, ...],
    kinds: list[str],
    minutes: int,
) -> tuple[list[StrengthSession], list[LiftSpec], list[Notice]]:
    """Each session of ``kinds`` built, with its spec for the solver (or a notice)."""
    frame = x.frame
    race_days = [r.fixed_day for r in runs if r.run_type == "race" and r.fixed_day is not None]
    sessions: list[StrengthSession] = []
    lifts: list[LiftSpec] = []
    notices: list[Notice] = []
    busy_short, busy_full = busy_minutes(x, minutes, kinds)
    for j, asked in enumerate(kinds):
        kind = done_before(asked, frame, so_far)
        mins = minutes
        if x.busy:
            mins = busy_short if kind == "busy" else busy_full
        sess = make_session(x, kind, False, mins)
        if kind == "mobility":
            first_race = min(race_days) if race_days else 6
            window = tuple(d for d in range(max(cal.past, 0), min(3, first_race - 1)))
            if not window or not sess.exercises:
                continue
            lifts.append(LiftSpec("mobility", sess.minutes, False, False, window=window))
        elif not sess.exercises:
            notices.append(
                Notice(
                    "FREQ-3",
                    f"session {kind} is left out: every exercise in it would be new in "
                    "race preparation (PHASE-3).",
                    frame.index,
                )
            )
            continue
        else:
            has_light = x.m.strength.phases[frame.phase].light is not None and sess.heavy_lower
            short = _short_minutes(x, cal, sess, kind, mins, runs)  # RUN-14
            lifts.append(
                LiftSpec(
                    kind, mins, sess.heavy_lower, has_light, primary=j == 0, short_minutes=short
                )
            )
        sessions.append(sess)
    return sessions, lifts, notices


def _short_minutes(
    x: SessionInputs,
    cal: WeekCalendar,
    sess: StrengthSession,
    kind: str,
    mins: int,
    runs: tuple[RunSpec, ...],
) -> int:
    """RUN-14: the minutes a full session may shorten to so a run keeps a day too short
    for both (0: it may not), when the shorter one keeps its core work (FREQ-5)."""
    short = x.m.strength.short_template_below if kind in FULL_TEMPLATES else 0
    longest_run = max((r.minutes for r in runs if r.run_type != "race"), default=0)
    if not short or short >= mins:
        return 0
    if not any(a.run and a.minutes < mins + longest_run for a in cal.days):
        return 0
    if holds_core(sess) and not holds_core(make_session(x, kind, False, short)):
        return 0
    return short


def lighten(
    x: SessionInputs, spec: WeekInput, placed: Placement, sessions: Sequence[StrengthSession]
) -> list[StrengthSession]:
    """PLACE-5: the sessions the solver placed as their light variant, built light."""
    out = list(sessions)
    for j, light in enumerate(placed.lift_light):
        if light and j < len(out):
            out[j] = make_session(x, spec.lifts[j].name, True, spec.lifts[j].minutes)
    return out


def first_back_light(
    x: SessionInputs,
    placed: Placement,
    sessions: list[StrengthSession],
    plan_start: date,
    lift_dates: Sequence[date],
) -> list[StrengthSession]:
    """RUN-13: the first strength session back after a race, made light."""
    on = [
        x.frame.start + timedelta(days=d)
        if d is not None and s.kind == "strength" and s.template != "mobility"
        else None
        for s, d in zip(sessions, placed.lift_days[: len(sessions)], strict=True)
    ]
    rr = x.m.race_recovery
    out = list(sessions)
    for j in first_back(x.athlete.races, rr, plan_start, lift_dates, on):
        out[j] = light_return(out[j], rr.first_session_rpe)
    return out
