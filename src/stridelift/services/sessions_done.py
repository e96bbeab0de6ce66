"""Marking a planned session done, and telling which of a day's sessions are done.

A session marked done is logged like any other: a run as a run, a strength or core
session as a lift with the prescribed sets, cross-training as a ride. What was actually
done (effort, minutes, distance) replaces the plan's figures where the athlete gives it.
A planned session counts as done when the day's log holds a session of its kind (a run
of its type, a lift of its template), each logged session matching one planned session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, Any

from stridelift.domain import plausible as bounds
from stridelift.domain.activity import Activity, LiftSession
from stridelift.errors import UsageError
from stridelift.services import logbook
from stridelift.services.replan import current_plan
from stridelift.services.today import find_day

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store
    from stridelift.services.logbook import History
    from stridelift.services.set_syntax import ExerciseCatalog

CORE_TEMPLATE = "core"  # the template name a done stand-alone core session is logged under


@dataclass(frozen=True, slots=True)
class SessionDone:
    """The planned session (its ``order`` on ``day``) and what was actually done.

    ``minutes`` and ``distance_km`` left None take the plan's figures.
    """

    day: date
    order: int
    rpe: float | None = None
    minutes: float | None = None
    distance_km: float | None = None


def _key(entry: dict[str, Any]) -> tuple[str, str | None]:
    """What makes a logged session count for a planned one: its kind and type or template."""
    kind = str(entry.get("kind"))
    if kind == "run":
        return kind, entry.get("run_type")
    if kind in ("strength", "core"):
        template = entry.get("template")
        return ("core", None) if template == CORE_TEMPLATE or kind == "core" else (kind, template)
    return kind, None


def logged_on(history: History, tz: tzinfo = UTC) -> list[dict[str, Any]]:
    """The sessions of a one-day history as ``{kind, run_type, template, minutes,
    distance_km, rpe}``, the fields of a plan's ``days[].logged``."""
    return logged_entries(history.activities, history.lift_sessions)


def logged_entries(
    activities: Iterable[Activity], lift_sessions: Iterable[LiftSession]
) -> list[dict[str, Any]]:
    """One day's activities and lift sessions as ``logged_on`` gives them."""
    entries: list[dict[str, Any]] = []
    for a in sorted(activities, key=lambda a: a.start_utc):
        entries.append({
            "kind": "run" if a.is_run else "cross", "run_type": a.run_type, "template": None,
            "minutes": round(a.duration_s / 60), "rpe": a.rpe,
            "distance_km": None if a.distance_m is None else round(a.distance_m / 1000, 2),
        })  # fmt: skip
    for lift in lift_sessions:
        entries.append({
            "kind": "strength", "run_type": None, "template": lift.template,
            "minutes": lift.minutes, "distance_km": None, "rpe": lift.rpe,
        })  # fmt: skip
    return entries


def done_orders(
    sessions: list[dict[str, Any]], logged: list[dict[str, Any]]
) -> dict[int, dict[str, Any]]:
    """The planned sessions a logged session accounts for: ``order`` -> the logged entry."""
    left = list(logged)
    done: dict[int, dict[str, Any]] = {}
    for s in sessions:
        match = next((e for e in left if _key(e) == _key(s)), None)
        if match is not None:
            left.remove(match)
            done[int(s.get("order", 0))] = match
    return done


def _planned(doc: dict[str, Any], done: SessionDone) -> dict[str, Any]:
    found = find_day(doc, done.day)
    sessions = (found[1].get("sessions") or []) if found else []
    for s in sessions:
        if s.get("order") == done.order:
            return dict(s)
    raise UsageError(f"order: no session {done.order} is planned on {done.day.isoformat()}")


def _set_texts(session: dict[str, Any]) -> tuple[str, ...]:
    """The prescribed sets as logbook SET texts: the bottom of each range, the planned load
    (the least that meets the prescription, so a load increase is never earned unseen)."""
    texts = []
    for e in session.get("exercises") or []:
        unit = {"seconds": "s", "metres": "m"}.get(str(e.get("measure")), "")
        load = "" if e.get("load_kg") is None else f"x{float(e['load_kg']):g}"
        rir = "" if e.get("rir") is None else f"@{e['rir']}"
        texts.append(f"{e['id']}:{e['reps_min']}{unit}{load}{rir}*{e['sets']}")
    return tuple(texts)


def _cross(done: SessionDone, minutes: float, tz: tzinfo) -> Activity:
    if not 0 < minutes <= bounds.DURATION_MIN_MAX:
        raise UsageError(f"minutes: {minutes:g} is out of range (1-{bounds.DURATION_MIN_MAX})")
    if done.rpe is not None and not bounds.RPE[0] <= done.rpe <= bounds.RPE[1]:
        raise UsageError(f"rpe: {done.rpe:g} is out of range ({bounds.RPE[0]}-{bounds.RPE[1]})")
    start = logbook.local_start_utc(done.day, None, tz)
    return Activity(start_utc=start, sport="cycling", duration_s=minutes * 60, rpe=done.rpe)


def mark_done(
    store: Store,
    athlete: str | None,
    done: SessionDone,
    library: ExerciseCatalog,
    *,
    today: date,
    tz: tzinfo = UTC,
    now: datetime,
) -> dict[str, Any]:
    """Log the planned session ``done`` names, once; returns the plan's session.

    Raises:
        UsageError: no such session, it is marked done already, or a value is out of range
            (naming the field: rpe, minutes, distance_km).
    """
    who, doc, _ = current_plan(store, athlete, done.day, tz=tz)
    session = _planned(doc, done)
    history = logbook.load_history(store, who.name, done.day, done.day, tz)
    if done.order in done_orders([session], logged_on(history, tz)):
        raise UsageError(f"order: session {done.order} is marked done already")
    minutes = done.minutes if done.minutes is not None else float(session.get("minutes") or 0)
    kind = session.get("kind")
    if kind == "run":
        distance = done.distance_km if done.distance_km is not None else session.get("distance_km")
        entry = logbook.RunEntry(
            day=done.day, run_type=str(session["run_type"]), minutes=minutes,
            distance_km=distance, rpe=done.rpe, distance_flag="distance_km",
        )  # fmt: skip
        logbook.log_run(store, who.name, entry, today=today, tz=tz, now=now)
    elif kind in ("strength", "core"):
        template = CORE_TEMPLATE if kind == "core" else session.get("template")
        lift = logbook.LiftEntry(
            day=done.day, sets=_set_texts(session), template=template,
            minutes=round(minutes), rpe=done.rpe,
        )  # fmt: skip
        logbook.log_lift(store, who.name, lift, library, today=today, now=now)
    else:
        activity = _cross(done, minutes, tz)
        with store.transaction() as repo:
            repo.add_activity(who.id, activity, now)
    return session
