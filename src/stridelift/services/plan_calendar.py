"""The plan as a calendar: every session of a date range, planned or logged, with its status.

Days from this week on come from the current plan (the one Today shows). Days before it
come from the plan that was in force on them: the last plan stored on or before that day.
A planned session is *done* when the day's log holds a session of its kind (a run of its
type, a lift of its template) of at least 80% of the planned minutes ("within 20% of the
plan"), *partly done* when the logged one is shorter, *missed* when its day has gone with
nothing logged for it, and *planned* otherwise. A logged session no planned one accounts
for shows as *logged*.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from stridelift.domain.activity import Activity, LiftSession
from stridelift.domain.diff import session_key, session_label
from stridelift.errors import UsageError
from stridelift.services import logbook
from stridelift.services.athletes import resolve_athlete
from stridelift.services.replan import current_plan, monday, stored_doc
from stridelift.services.sessions_done import done_orders, logged_entries, logged_on

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.repository import PlanSnapshot, Repository

DONE_SHARE = 0.8  # logged minutes at least this share of the plan's: done, else partly done
MAX_DAYS = 62  # a month view with the weeks around it


@dataclass(frozen=True, slots=True)
class CalendarSession:
    """One session on the calendar: planned (with its ``order``) or only logged."""

    day: date
    order: int | None  # the plan's order on its day; None for a session only logged
    kind: str
    label: str  # "tempo run", "strength A", "core"
    minutes: float | None
    status: str  # planned, done, partly, missed, logged
    key: bool = False
    logged_minutes: float | None = None
    moved_from: date | None = None  # a session the athlete moved here
    done_as: str | None = None  # a planned run done as a run of another type: its label


@dataclass(frozen=True, slots=True)
class CalendarWeek:
    """A week of the range: its phase (the band) and whether it is marked busy."""

    start: date
    phase: str | None
    busy: bool
    deload: bool
    run_minutes: int | None
    open: bool  # not over yet: it can be marked busy, its sessions moved
    moves_not_kept: tuple[str, ...] = ()  # the athlete's moves the plan could not keep, why


@dataclass(frozen=True, slots=True)
class PlanCalendar:
    """The sessions and weeks of ``start``..``end`` (inclusive) as of ``today``."""

    start: date
    end: date
    today: date
    weeks: tuple[CalendarWeek, ...]
    sessions: tuple[CalendarSession, ...]
    methodology: str = ""  # the current plan's methodology.name (coach:NAME for a coach's)
    methodology_version: int = 0


def check_range(start: date, end: date) -> None:
    """Refuse a range the calendar cannot show, naming the field."""
    if end < start:
        raise UsageError(f"end: {end.isoformat()} is before start {start.isoformat()}")
    if (end - start).days >= MAX_DAYS:
        raise UsageError(f"end: at most {MAX_DAYS} days at once")


def plan_calendar(
    store: Store, athlete: str, start: date, end: date, today: date, tz: tzinfo = UTC
) -> PlanCalendar:
    """The calendar of ``start``..``end``: sessions with their status, weeks with phases.

    Raises:
        UsageError: the athlete is unknown or the range is empty or too long.
    """
    check_range(start, end)
    _who, current, _snapshot = current_plan(store, athlete, today, tz=tz)
    days = _plan_days(store, athlete, current, start, end, today)
    history = logbook.load_history(store, athlete, start, max(start, min(end, today)), tz)
    logged = _logged_by_day(history, tz) if start <= today else {}
    sessions: list[CalendarSession] = []
    for d in _dates(start, end):
        sessions.extend(_day_sessions(d, days.get(d, ([], {}))[0], logged.get(d, []), today))
    weeks = _weeks(days, start, end, today)
    named = current.get("methodology")
    named = named if isinstance(named, dict) else {}
    return PlanCalendar(start, end, today, tuple(weeks), tuple(sessions),
                        str(named.get("name", "")), int(named.get("version", 0)))  # fmt: skip


def plan_on(store: Store, athlete: str, day: date, today: date, tz: tzinfo = UTC) -> dict[str, Any]:
    """The plan that holds ``day``'s sessions: the current one from today on, before today
    the plan in force on that day ({} when none was stored then).

    Raises:
        UsageError: the athlete is unknown.
    """
    if day >= today:
        return current_plan(store, athlete, today, tz=tz)[1]
    with store.reading() as repo:
        who = resolve_athlete(repo, athlete)
        stored = repo.plan_snapshots_in_force(who.id, day, day + timedelta(days=1))
    return stored_doc(stored[-1]) if stored else {}


def _stored_logged(
    repo: Repository, athlete_id: int, start: date, last: date, tz: tzinfo
) -> dict[date, list[dict[str, Any]]]:
    """Each day's logged sessions of ``start``..``last``, as ``_logged_by_day`` gives them."""
    begin = datetime.combine(start, time(0), tzinfo=tz).astimezone(UTC)
    until = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    acts: dict[date, list[Activity]] = defaultdict(list)
    for a in repo.activities_between(athlete_id, begin, until):
        acts[a.start_utc.astimezone(tz).date()].append(a)
    lifts: dict[date, list[LiftSession]] = defaultdict(list)
    for lift in repo.lift_sessions_between(athlete_id, start, last):
        lifts[lift.day].append(lift)
    return {d: logged_entries(acts[d], lifts[d]) for d in acts.keys() | lifts.keys()}


def _dates(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


_Day = tuple[list[dict[str, Any]], dict[str, Any]]  # the day's sessions, and its week


def _plan_days(
    store: Store, athlete: str, current: dict[str, Any], start: date, end: date, today: date
) -> dict[date, _Day]:
    """Each day's planned sessions and week: the current plan from today on, before it the
    plan in force on the day (the current plan keeps only what was logged on its days gone)."""
    stored: list[PlanSnapshot] = []
    if start < today:
        with store.reading() as repo:
            who = resolve_athlete(repo, athlete)
            stored = repo.plan_snapshots_in_force(who.id, start, min(end, today))
    return _days_of(stored, current, start, end, today)


def _days_of(
    stored: list[PlanSnapshot], current: dict[str, Any], start: date, end: date, today: date
) -> dict[date, _Day]:
    """Each day's planned sessions and week from the plans in force before today and the
    current plan from today on."""
    days: dict[date, _Day] = {}
    for snap in stored:  # oldest first: a later plan overrides from its own day on
        _fill(days, stored_doc(snap), max(start, snap.today), today)
    _fill(days, current, monday(today), today, only_missing=True)  # the week's phase band
    _fill(days, current, today, end + timedelta(days=1))
    return days


def stored_calendar(
    repo: Repository, athlete_id: int, start: date, end: date, today: date, tz: tzinfo = UTC
) -> tuple[PlanCalendar, dict[str, Any]]:
    """The calendar of ``start``..``end`` from the stored plans only, never a replan (the
    coach's roster and board read many athletes at once): before today the plans in force,
    from today on the latest stored one. Also returns that latest plan's document ({}
    when none is stored: every session is then only logged).

    Inside the caller's transaction; the statuses are ``plan_calendar``'s."""
    check_range(start, end)
    latest = repo.latest_plan_snapshot(athlete_id)
    current = stored_doc(latest) if latest is not None else {}
    stored = (
        repo.plan_snapshots_in_force(athlete_id, start, min(end, today)) if start < today else []
    )
    days = _days_of(stored, current, start, end, today)
    logged = _stored_logged(repo, athlete_id, start, min(end, today), tz) if start <= today else {}
    sessions: list[CalendarSession] = []
    for d in _dates(start, end):
        sessions.extend(_day_sessions(d, days.get(d, ([], {}))[0], logged.get(d, []), today))
    weeks = _weeks(days, start, end, today)
    return PlanCalendar(start, end, today, tuple(weeks), tuple(sessions)), current


def _fill(
    days: dict[date, _Day],
    doc: dict[str, Any],
    since: date,
    until: date,
    only_missing: bool = False,
) -> None:
    """Take ``doc``'s days from ``since`` up to (not including) ``until`` (with
    ``only_missing``, the days no earlier plan gave)."""
    for week in doc.get("weeks") or []:
        moved = {
            (m.get("to"), m.get("kind"), m.get("name")): m.get("from")
            for m in week.get("moves") or [] if m.get("kept")
        }  # fmt: skip
        for d in week.get("days") or []:
            day = date.fromisoformat(str(d.get("date")))
            if since <= day < until and not (only_missing and day in days):
                sessions = [_with_move(s, d.get("date"), moved) for s in d.get("sessions") or []]
                days[day] = (sessions, week)


def _with_move(s: dict[str, Any], day: Any, moved: dict[Any, Any]) -> dict[str, Any]:
    """The session, with the day it was moved from when the athlete moved it here."""
    origin = moved.get((day, *session_key(s)))
    return {**s, "moved_from": origin} if origin else s


def _logged_by_day(history: logbook.History, tz: tzinfo) -> dict[date, list[dict[str, Any]]]:
    """Each day's logged sessions, as ``logged_on`` gives them."""
    acts: dict[date, list[Activity]] = defaultdict(list)
    for a in history.activities:
        acts[a.start_utc.astimezone(tz).date()].append(a)
    lifts: dict[date, list[LiftSession]] = defaultdict(list)
    for lift in history.lift_sessions:
        lifts[lift.day].append(lift)
    out = {}
    for day in acts.keys() | lifts.keys():
        one = replace(history, start=day, end=day, activities=tuple(acts[day]),
                      lift_sessions=tuple(lifts[day]), checkins=())  # fmt: skip
        out[day] = logged_on(one, tz)
    return out


def _status(planned: dict[str, Any], logged: dict[str, Any] | None, day: date, today: date) -> str:
    if logged is None:
        return "missed" if day < today else "planned"
    want, got = planned.get("minutes"), logged.get("minutes")
    if isinstance(want, int | float) and want > 0 and isinstance(got, int | float):
        return "done" if got >= DONE_SHARE * want else "partly"
    return "done"


def _matched(
    planned: list[dict[str, Any]], logged: list[dict[str, Any]]
) -> dict[int, dict[str, Any]]:
    """The logged session each planned one is done by: one of its kind and type or
    template first; then a run of another type for a planned run (a tempo run done
    where an easy run was planned still ran that day)."""
    done = done_orders(planned, logged)
    left = [e for e in logged if not any(e is d for d in done.values())]
    for s in planned:
        order = int(s.get("order", 0))
        other = next((e for e in left if e.get("kind") == s.get("kind") == "run"), None)
        if order not in done and other is not None:
            left.remove(other)
            done[order] = other
    return done


def _day_sessions(
    day: date, planned: list[dict[str, Any]], logged: list[dict[str, Any]], today: date
) -> list[CalendarSession]:
    """The day's planned sessions with their status, then what was logged beside them."""
    done = _matched(planned, logged)
    out = []
    for s in planned:
        match = done.get(int(s.get("order", 0)))
        moved = s.get("moved_from")
        other = match is not None and session_label(match) != session_label(s)
        out.append(CalendarSession(
            day, int(s.get("order", 0)), str(s.get("kind")), session_label(s),
            s.get("minutes"), _status(s, match, day, today), bool(s.get("key")),
            None if match is None else match.get("minutes"),
            date.fromisoformat(moved) if moved else None,
            session_label(match) if match is not None and other else None,
        ))  # fmt: skip
    used = [id(e) for e in done.values()]
    for e in logged:
        if id(e) not in used:
            out.append(CalendarSession(
                day, None, str(e.get("kind")), session_label(e), e.get("minutes"), "logged",
                logged_minutes=e.get("minutes"),
            ))  # fmt: skip
    return out


def _not_kept(move: dict[str, Any]) -> str:
    """A move the plan no longer keeps, in words: the session, the days, and why."""
    kind, name = move.get("kind"), move.get("name")
    session = f"{name} run" if kind == "run" else f"strength {name}"
    was, to = (date.fromisoformat(str(move.get(k))) for k in ("from", "to"))
    return f"your move of the {session} from {was:%A} to {to:%A} is not kept: {move.get('reason')}"


def _weeks(days: dict[date, _Day], start: date, end: date, today: date) -> list[CalendarWeek]:
    weeks = []
    week_start = monday(start)
    while week_start <= end:
        found = next((days[d][1] for d in _dates(week_start, week_start + timedelta(days=6))
                      if d in days), {})  # fmt: skip
        weeks.append(CalendarWeek(
            week_start, found.get("phase"), bool(found.get("busy")), bool(found.get("deload")),
            found.get("run_minutes"), week_start + timedelta(days=6) >= today,
            tuple(_not_kept(m) for m in found.get("moves") or [] if not m.get("kept")),
        ))  # fmt: skip
        week_start += timedelta(days=7)
    return weeks
