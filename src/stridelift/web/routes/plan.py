"""The Plan page: the calendar (month and week) with the phase band, each session's status,
its details and "why", moving a session to another day, and the busy-week toggle.

FullCalendar draws the calendar from the calendar API (static/js/plan.js); the page
itself lists the weeks around the one shown, with the same links and forms, so it works
by keyboard and without JavaScript. Handlers parse, call a service and render.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from litestar import Response, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import HTTPException, NotFoundException
from litestar.params import Body, FromPath, FromQuery, JSONBody, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_409_CONFLICT

from stridelift.errors import UsageError
from stridelift.services import session_comments
from stridelift.services.busy_weeks import mark_busy_and_replan
from stridelift.services.plan_calendar import PlanCalendar, plan_calendar, plan_on
from stridelift.services.plan_moves import MoveResult, move_session, planned_session
from stridelift.services.planning import rule_text
from stridelift.services.replan import monday
from stridelift.web.auth import signed_in
from stridelift.web.context import Web
from stridelift.web.forms import error_field
from stridelift.web.guard import Who, athlete_api, athlete_pages
from stridelift.web.routes.api import usage_error

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
LISTED_WEEKS = 4  # the weeks the page lists from the one shown


def _day(value: str | None, field: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"{field}: expected a date as YYYY-MM-DD, got {value!r}") from None


def _unprocessable(exc: UsageError) -> HTTPException:
    """A page's bad value as one line (the app answers HTTP errors so), naming the field."""
    return HTTPException(status_code=422, detail=str(exc))


def _calendar(web: Web, who: Who, week: date) -> PlanCalendar:
    end = week + timedelta(days=7 * LISTED_WEEKS - 1)
    return plan_calendar(web.workspace(), who.name, week, end, web.today(), web.tz())


def _page(
    web: Web, who: Who, week: date | None = None, status: int = 200, **extra: Any
) -> Template:
    shown = monday(week or web.today())
    context: dict[str, Any] = {
        "athlete": who, "page": "plan", "cal": _calendar(web, who, shown), "week": shown,
        "initial": week or web.today(),
        "today": web.today(), "prev_week": shown - timedelta(weeks=LISTED_WEEKS),
        "next_week": shown + timedelta(weeks=LISTED_WEEKS),
    }  # fmt: skip
    context.update(extra)
    return Template("plan.html", context=context, status_code=status)


@get("/plan", name="plan", sync_to_thread=True)
def plan_page(web: Web, who: Who, week: FromQuery[str | None] = None) -> Template:
    """The calendar, and the weeks from ``week`` (YYYY-MM-DD, default this week) listed."""
    try:
        return _page(web, who, _day(week, "week") if week else None)
    except UsageError as exc:
        raise _unprocessable(exc) from None


def _details(web: Web, who: Who, day: date, order: int) -> dict[str, Any]:
    doc = plan_on(web.workspace(), who.name, day, web.today(), web.tz())
    s = planned_session(doc, day, order)
    why = [(r, rule_text(r)) for r in s.get("reasons") or []]
    week = monday(day)
    days = [week + timedelta(days=i) for i in range(7)]
    to = [d for d in days if d >= web.today() and d != day]
    comments = session_comments.comments_on(web.workspace(), who, day, s)
    return {"s": s, "day": day, "why": why, "move_to": to, "units": doc.get("units", "metric"),
            "comments": comments}  # fmt: skip


@get("/plan/sessions/{day:str}/{order:int}", name="plan_session", sync_to_thread=True)
def session_details(
    request: HTMXRequest, web: Web, who: Who, day: FromPath[str], order: FromPath[int]
) -> Template:
    """One session: what it holds, why (rule ids in plain words), and where it may move."""
    try:
        details = _details(web, who, _day(day, "day"), order)
    except UsageError as exc:
        raise NotFoundException(str(exc)) from None
    if request.htmx:
        return Template("partials/plan_session.html", context={"athlete": who, **details})
    return _page(web, who, details["day"], details=details)


def _moved(request: HTMXRequest, web: Web, who: Who, result: MoveResult, week: date) -> Any:
    context = {"athlete": who, "result": result, "units": who.athlete.units}
    headers = {"X-Move-Kept": "true" if result.kept else "false"}
    if result.kept:
        headers["HX-Trigger"] = "plan-changed"
    if request.htmx:
        return Template("partials/plan_move_result.html", context=context, headers=headers,
                        status_code=200 if result.kept else HTTP_409_CONFLICT)  # fmt: skip
    return _page(web, who, week, status=200 if result.kept else HTTP_409_CONFLICT, move=result)


@post("/plan/move", name="plan_move", sync_to_thread=True)
def move_page(request: HTMXRequest, web: Web, who: Who, data: Form) -> Any:
    """Move a session to another day of its week: kept with a replan and its changes, or
    refused with the rules it would break (409)."""
    try:
        day, to = _day(data.get("day"), "day"), _day(data.get("to"), "to")
        order = _order(data.get("order"))
        result = move_session(web.workspace(), who.name, day, order, to, today=web.today(),
                              tz=web.tz())  # fmt: skip
    except UsageError as exc:
        name, detail = error_field(exc)
        context: dict[str, Any] = {"athlete": who, "error": f"{name}: {detail}"}
        if request.htmx:
            return Template("partials/plan_move_result.html", context=context, status_code=422,
                            headers={"X-Move-Kept": "false"})  # fmt: skip
        return _page(web, who, status=422, **context)
    return _moved(request, web, who, result, day)


def _order(value: str | None) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise UsageError(f"order: expected a whole number, got {value!r}") from None


@post("/plan/busy", name="plan_busy", sync_to_thread=True)
def busy_page(request: HTMXRequest, web: Web, who: Who, data: Form) -> Any:
    """Mark a week busy (or not) and replan; back to the page at that week."""
    try:
        week = _day(data.get("week"), "week")
        mark_busy_and_replan(web.workspace(), who.name, week, today=web.today(),
                             clear=data.get("busy") != "1", tz=web.tz())  # fmt: skip
    except UsageError as exc:
        raise _unprocessable(exc) from None
    target = f"/a/{quote(who.name)}/plan?week={monday(week).isoformat()}"
    if request.htmx:
        return Response(None, status_code=204, headers={"HX-Redirect": target})
    return Redirect(path=target, status_code=303)


def _author(request: HTMXRequest, who: Who) -> tuple[str, int | None]:
    """Who writes: the signed-in user, or in single-user mode the athlete themself."""
    session = signed_in(request)
    return (session.user.username, session.user.id) if session else (who.name, None)


@post("/plan/sessions/{day:str}/{order:int}/comments", name="plan_comment", sync_to_thread=True)
def comment_page(
    request: HTMXRequest, web: Web, who: Who, day: FromPath[str], order: FromPath[int], data: Form
) -> Any:
    """Comment on a session (the athlete, or a coach with an edit grant: the guard's rule);
    back to its details, or with htmx its comments; a bad text 422 with its one line."""
    try:
        details = _details(web, who, _day(day, "day"), order)
    except UsageError as exc:
        raise NotFoundException(str(exc)) from None
    try:
        session = (details["day"], details["s"])
        author = _author(request, who)
        session_comments.add_comment(web.workspace(), who, session, data.get("text"), author,
                                     web.now())  # fmt: skip
    except UsageError as exc:
        extra = {"comment_error": error_field(exc)[1], "comment_text": data.get("text", "")}
        if request.htmx:
            return Template("partials/session_comments.html", status_code=422,
                            context={"athlete": who, **details, **extra})  # fmt: skip
        return _page(web, who, details["day"], status=422, details={**details, **extra})
    target = f"/a/{quote(who.name)}/plan/sessions/{details['day'].isoformat()}/{order}"
    if request.htmx:
        details = _details(web, who, details["day"], order)
        return Template("partials/session_comments.html", context={"athlete": who, **details})
    return Redirect(path=target + "#comments", status_code=303)


router = athlete_pages(plan_page, session_details, move_page, busy_page, comment_page)


# API ----------------------------------------------------------------------------------


@dataclass
class MoveBody:
    """A planned session (its ``order`` on ``day``) and the day of its week to move it to."""

    day: date
    order: int
    to: date


@get("/calendar", sync_to_thread=True)
def api_calendar(
    web: Web,
    who: Who,
    start: Annotated[date, QueryParameter(description="First day, YYYY-MM-DD")],
    end: Annotated[
        date, QueryParameter(description="Last day (inclusive), YYYY-MM-DD; 62 days at most")
    ],
) -> dict[str, Any]:
    """The sessions of ``start``..``end`` with their status, and the weeks' phases."""
    cal = plan_calendar(web.workspace(), who.name, start, end, web.today(), web.tz())
    return asdict(cal)


@post("/plan/moves", sync_to_thread=True)
def api_move(web: Web, who: Who, data: JSONBody[MoveBody]) -> Response[dict[str, Any]]:
    """Move session ``order`` of ``day`` to ``to``: 200 with the changes when kept, 409
    with the reason and rules when refused (nothing stored)."""
    result = move_session(web.workspace(), who.name, data.day, data.order, data.to,
                          today=web.today(), tz=web.tz())  # fmt: skip
    body = {
        "kept": result.kept, "session": result.session, "reason": result.reason,
        "rules": [{"rule": r, "text": t} for r, t in result.rules],
        "changes": [asdict(c) for c in result.changes],
    }  # fmt: skip
    return Response(body, status_code=200 if result.kept else HTTP_409_CONFLICT)


@dataclass
class BusyBody:
    """A day of the week to mark busy (ADAPT-3), or to clear with ``busy`` false."""

    week: date
    busy: bool = True


@post("/plan/busy-weeks", sync_to_thread=True)
def api_busy(web: Web, who: Who, data: JSONBody[BusyBody]) -> dict[str, Any]:
    """Mark the week holding ``week`` busy (or clear it) and store the plan it makes:
    the week's Monday, whether it is busy now, whether that changed, and the replan's
    changes. A week already over answers 422."""
    mark, result = mark_busy_and_replan(web.workspace(), who.name, data.week, today=web.today(),
                                        clear=not data.busy, tz=web.tz())  # fmt: skip
    return {
        "week": mark.week.isoformat(), "busy": mark.busy, "changed": mark.changed,
        "changes": [asdict(c) for c in result.changes],
    }  # fmt: skip


api_router = athlete_api(
    api_calendar, api_move, api_busy, exception_handlers={UsageError: usage_error}
)
