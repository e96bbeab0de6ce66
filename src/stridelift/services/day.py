"""One athlete's day as a page or an API call shows it: the plan's day, what is done, the check-in.

The same document as ``stridelift today --json`` (services.today), plus what the day's
log holds so far: the planned sessions it accounts for and the day's check-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, tzinfo
from typing import TYPE_CHECKING, Any

from stridelift.domain.activity import CheckIn
from stridelift.services import logbook
from stridelift.services.replan import current_plan
from stridelift.services.sessions_done import done_orders, logged_on
from stridelift.services.today import today_doc

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store


@dataclass(frozen=True, slots=True)
class DayView:
    """The ``today`` document, the planned sessions done (order -> logged entry), the
    day's logged sessions no planned one accounts for, and the day's check-in."""

    doc: dict[str, Any]
    done: dict[int, dict[str, Any]]
    extra: list[dict[str, Any]]
    checkin: CheckIn | None


def day_view(store: Store, athlete: str, day: date, tz: tzinfo = UTC) -> DayView:
    """The athlete's ``day`` from their current plan and log.

    Raises:
        UsageError: the athlete is unknown, or ``day`` is not inside the plan.
    """
    who, doc, snapshot = current_plan(store, athlete, day, tz=tz)
    shown = today_doc(who.name, doc, day, snapshot.today if snapshot else None)
    history = logbook.load_history(store, who.name, day, day, tz)
    logged = logged_on(history, tz)
    done = done_orders(shown["sessions"], logged)
    extra = [e for e in logged if not any(e is d for d in done.values())]
    checkin = history.checkins[0] if history.checkins else None
    return DayView(shown, done, extra, checkin)


def checkin_json(checkin: CheckIn | None) -> dict[str, Any] | None:
    """A check-in as the API returns it (the fields of ``history --json``'s check-ins)."""
    if checkin is None:
        return None
    return {
        "date": checkin.day.isoformat(), "sleep_hours": checkin.sleep_hours,
        "sleep_quality": checkin.sleep_quality, "soreness": checkin.soreness,
        "fatigue": checkin.fatigue, "stress": checkin.stress, "mood": checkin.mood,
        "motivation": checkin.motivation, "ill": checkin.ill, "cycle_note": checkin.cycle_note,
        "pain": [{"area": p.area, "level": p.level, "side": p.side} for p in checkin.pain],
    }  # fmt: skip
