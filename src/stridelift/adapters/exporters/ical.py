"""iCalendar export: one event per planned session, with UIDs that survive a replan.

A session's UID is a SHA-1 of the athlete's name, the date, the session kind and its rank
among sessions of that kind that day, so exporting a new plan over an old file updates the
events a calendar already holds. SEQUENCE comes from the previous file (kept when the event
is unchanged, raised by one when it changed) and DTSTAMP from the document's ``today``: the
same document over the same file gives the same bytes. Events of the previous file that the
plan no longer holds, inside the exported weeks, are written back as STATUS:CANCELLED.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from icalendar import Calendar, Event

from stridelift.adapters.exporters import _text
from stridelift.adapters.exporters._base import ExportError, ExportOptions, ExportResult
from stridelift.adapters.exporters._files import write_file
from stridelift.adapters.exporters._plan import Plan, Session, load_plan, session_times

PRODID = "-//Stridelift//Stridelift training plan//EN"
UID_DOMAIN = "stridelift"
# What makes two versions of an event "the same" for SEQUENCE: everything a user sees.
_COMPARED = ("SUMMARY", "DTSTART", "DTEND", "DESCRIPTION", "CATEGORIES", "STATUS")


def session_uid(athlete_name: str, date: dt.date, kind: str, kind_index: int) -> str:
    """The stable UID of the ``kind_index``-th session of ``kind`` on ``date``."""
    key = f"{athlete_name.strip().casefold()}|{date.isoformat()}|{kind}|{kind_index}"
    return f"{hashlib.sha1(key.encode('utf-8')).hexdigest()}@{UID_DOMAIN}"  # noqa: S324 - an identifier, not a secret


def write_ics(doc: Mapping[str, Any], out: Path, options: ExportOptions) -> ExportResult:
    """Write the plan's sessions as an iCalendar file, cancelling sessions a replan dropped."""
    plan = load_plan(doc, options)
    previous = _previous_events(out)
    stamp = dt.datetime.combine(plan.today, dt.time(0, 0), tzinfo=dt.UTC)

    events: list[Event] = []
    counts = {"events": 0, "new": 0, "updated": 0, "cancelled": 0}
    for week in plan.weeks:
        for day in week.days:
            for session, start, end in session_times(day, plan):
                event = _event(plan, session, start, end, stamp)
                old = previous.pop(str(event["UID"]), None)
                if old is None:
                    sequence = 0
                    counts["new"] += 1
                elif _fingerprint(old) == _fingerprint(event):
                    sequence = _sequence(old)
                else:
                    sequence = _sequence(old) + 1
                    counts["updated"] += 1
                event.add("SEQUENCE", sequence)
                events.append(event)
                counts["events"] += 1

    for old in previous.values():
        if _in_window(old, plan):
            events.append(_cancelled(old, stamp))
            counts["cancelled"] += 1

    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", f"Stridelift: {plan.athlete_name}")
    for event in sorted(events, key=lambda e: (e["DTSTART"].to_ical(), str(e["UID"]))):
        calendar.add_component(event)
    write_file(out, calendar.to_ical())
    return ExportResult(
        format="ics",
        files=(out,),
        weeks=len(plan.weeks),
        sessions=len(plan.sessions),
        counts=counts,
    )


def _event(
    plan: Plan, session: Session, start: dt.datetime, end: dt.datetime, stamp: dt.datetime
) -> Event:
    """The VEVENT of one session (without SEQUENCE, which depends on the previous file)."""
    event = Event()
    event.add("UID", session_uid(plan.athlete_name, start.date(), session.kind, session.kind_index))
    event.add("DTSTAMP", stamp)
    # Floating local times: the plan is in the athlete's local dates and clock times.
    event.add("DTSTART", start)
    event.add("DTEND", end)
    race = _text.race_on(session, plan, start.date().isoformat())
    event.add("SUMMARY", _text.title(session, plan.units, race))
    event.add("DESCRIPTION", "\n".join(_text.details(session, plan.units)))
    event.add("CATEGORIES", ["Stridelift", _text.KIND_LABELS[session.kind]])
    event.add("STATUS", "CONFIRMED")
    return event


def _cancelled(old: Event, stamp: dt.datetime) -> Event:
    """The previous file's event marked cancelled, so calendars drop it."""
    if str(old.get("STATUS", "")).upper() == "CANCELLED":
        return old  # already cancelled by an earlier export: keep it byte for byte
    event = copy.deepcopy(old)
    for name in ("STATUS", "SEQUENCE", "DTSTAMP"):
        event.pop(name, None)
    event.add("DTSTAMP", stamp)
    event.add("STATUS", "CANCELLED")
    event.add("SEQUENCE", _sequence(old) + 1)
    return event


def _previous_events(out: Path) -> dict[str, Event]:
    """Stridelift's events in the file a previous export wrote, by UID (empty if none)."""
    if not out.exists() or out.is_dir():
        return {}
    try:
        calendar = Calendar.from_ical(out.read_bytes())
    except OSError as exc:
        raise ExportError(f"cannot read {out}: {exc.strerror or exc}") from None
    except ValueError:
        raise ExportError(
            f"{out} exists but is not an iCalendar file; move it away or choose another path"
        ) from None
    return {
        str(event["UID"]): event
        for event in calendar.walk("VEVENT")
        if isinstance(event, Event) and str(event.get("UID", "")).endswith(f"@{UID_DOMAIN}")
    }


def _fingerprint(event: Event) -> tuple[bytes, ...]:
    """The serialized values a user sees, to tell whether an event changed."""
    return tuple(_serialized(event, name) for name in _COMPARED)


def _serialized(event: Event, name: str) -> bytes:
    if name not in event:
        return b""
    value = event[name].to_ical()
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


def _sequence(event: Event) -> int:
    try:
        return int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError):
        return 0


def _in_window(event: Event, plan: Plan) -> bool:
    """Whether a previous event falls in the exported weeks (only those may be cancelled)."""
    if plan.first_day is None or plan.last_day is None or "DTSTART" not in event:
        return False
    start = event.decoded("DTSTART")
    day = start.date() if isinstance(start, dt.datetime) else start
    return bool(plan.first_day <= day <= plan.last_day)
