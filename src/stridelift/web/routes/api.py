"""The JSON API under /api/v1: what the pages do, for other programs.

Same guard, same services as the pages. A bad value answers 422 with
``{"field": ..., "detail": ...}``; state changes need the CSRF token like a form does
(send the ``csrftoken`` cookie's value in the ``x-csrftoken`` header).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_422_UNPROCESSABLE_ENTITY

from stridelift.domain.activity import CheckIn, PainReport
from stridelift.errors import UsageError
from stridelift.services import logbook
from stridelift.services.day import checkin_json, day_view
from stridelift.services.replan import current_plan
from stridelift.services.sessions_done import SessionDone, mark_done
from stridelift.web.context import Web
from stridelift.web.forms import error_field
from stridelift.web.guard import Who, athlete_api


@dataclass
class Pain:
    """Pain in one area, 0 (none) to 10 (worst)."""

    area: str
    level: int
    side: str | None = None


@dataclass
class CheckInBody:
    """Today's check-in: scales 1-10, sleep in hours; give at least one value."""

    sleep_hours: float | None = None
    sleep_quality: int | None = None
    soreness: int | None = None
    fatigue: int | None = None
    stress: int | None = None
    mood: int | None = None
    motivation: int | None = None
    pain: list[Pain] = field(default_factory=list)
    ill: bool = False
    cycle_note: str | None = None
    replace: bool = False


@dataclass
class DoneBody:
    """A planned session done: effort 1-10, and the actual minutes and distance if they
    differ from the plan."""

    rpe: float | None = None
    minutes: float | None = None
    distance_km: float | None = None


def usage_error(_: Request[Any, Any, Any], exc: UsageError) -> Response[dict[str, str]]:
    """A bad value: 422 naming the field."""
    name, detail = error_field(exc)
    return Response({"field": name, "detail": detail}, status_code=HTTP_422_UNPROCESSABLE_ENTITY)


@get("/today", sync_to_thread=True)
def api_today(web: Web, who: Who) -> dict[str, Any]:
    """Today as ``stridelift today --json`` prints it, with ``done`` (the planned sessions'
    orders the log accounts for) and the day's ``checkin``."""
    view = day_view(web.workspace(), who.name, web.today(), web.tz())
    return {
        **view.doc,
        "done": sorted(view.done),
        "checkin": checkin_json(view.checkin),
    }


@get("/plan", sync_to_thread=True)
def api_plan(web: Web, who: Who) -> dict[str, Any]:
    """The current plan document (docs/plan-schema.md): the stored one while it is up to
    date, else planned now from the log, as ``stridelift today`` reads it."""
    _, doc, _ = current_plan(web.workspace(), who.name, web.today(), tz=web.tz())
    return doc


@post("/checkin", sync_to_thread=True, status_code=201)
def api_checkin(web: Web, who: Who, data: JSONBody[CheckInBody]) -> dict[str, Any]:
    """Store today's check-in (``replace`` overwrites one already stored today)."""
    entry = CheckIn(
        day=web.today(),
        sleep_hours=data.sleep_hours, sleep_quality=data.sleep_quality,
        soreness=data.soreness, fatigue=data.fatigue, stress=data.stress, mood=data.mood,
        motivation=data.motivation, ill=data.ill, cycle_note=data.cycle_note,
        pain=tuple(PainReport(p.area, p.level, p.side) for p in data.pain),
    )  # fmt: skip
    for p in entry.pain:  # the same checks as the CLI's --pain
        logbook.parse_pain(f"{p.area}:{p.level}" + (f":{p.side}" if p.side else ""))
    stored = logbook.log_checkin(
        web.workspace(), who.name, entry, today=web.today(), replace=data.replace,
        now=web.now(),
    )  # fmt: skip
    return checkin_json(stored) or {}


@post("/sessions/{order:int}/done", sync_to_thread=True, status_code=201)
def api_session_done(
    web: Web, who: Who, order: FromPath[int], data: JSONBody[DoneBody]
) -> dict[str, Any]:
    """Mark today's session ``order`` done; returns the planned session."""
    done = SessionDone(web.today(), order, data.rpe, data.minutes, data.distance_km)
    return mark_done(
        web.workspace(), who.name, done, web.library,
        today=web.today(), tz=web.tz(), now=web.now(),
    )  # fmt: skip


router = athlete_api(
    api_today, api_plan, api_checkin, api_session_done, exception_handlers={UsageError: usage_error}
)
