"""The Today page: the day's sessions, marking one done, and the check-in form.

Every handler parses the form, calls a service and renders; with htmx a handler answers
with the part of the page that changed, without it (no JavaScript) with the whole page or
a redirect back to it.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from litestar import get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from stridelift.domain.activity import CheckIn
from stridelift.domain.units import miles_to_km
from stridelift.errors import UsageError
from stridelift.services import logbook, session_comments
from stridelift.services.day import DayView, day_view
from stridelift.services.session_comments import Comment
from stridelift.services.sessions_done import SessionDone, mark_done
from stridelift.web.context import Web
from stridelift.web.forms import PAGE_FIELDS, FieldErrors, checkin_from_form, error_field, number
from stridelift.web.guard import Who, athlete_pages

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


def _view(web: Web, who: Who) -> DayView:
    return day_view(web.workspace(), who.name, web.today(), web.tz())


def _comments(web: Web, who: Who) -> dict[tuple[str, str], list[Comment]]:
    """Today's comments by session (kind, name)."""
    day = web.today()
    found = session_comments.comments_between(web.workspace(), who, day, day)
    return {(kind, name): comments for (_, kind, name), comments in found.items()}


def _page(web: Web, who: Who, status: int = 200, **extra: Any) -> Template:
    context: dict[str, Any] = {"athlete": who, "view": _view(web, who),
                               "comments": _comments(web, who)}  # fmt: skip
    context.update(extra)
    return Template("today.html", context=context, status_code=status)


def _back(who: Who) -> Redirect:
    return Redirect(path=f"/a/{quote(who.name)}/today", status_code=303)


@get("/today", name="today", sync_to_thread=True)
def today_page(web: Web, who: Who) -> Template:
    """Today's sessions, warnings and referrals first, with the check-in form."""
    return _page(web, who)


def _done_entry(
    form: dict[str, str], order: int, web: Web, units: str
) -> tuple[SessionDone, FieldErrors]:
    errors = FieldErrors()
    distance = number(form, "distance", errors)  # typed in the athlete's units
    if distance is not None and units == "imperial":
        distance = miles_to_km(distance)
    done = SessionDone(
        day=web.today(),
        order=order,
        rpe=number(form, "rpe", errors),
        minutes=number(form, "minutes", errors),
        distance_km=distance,
    )
    return done, errors


def _session_card(web: Web, who: Who, order: int, status: int = 200, **extra: Any) -> Template:
    view = _view(web, who)
    session = next((s for s in view.doc["sessions"] if s.get("order") == order), None)
    context: dict[str, Any] = {"athlete": who, "view": view, "s": session,
                               "comments": _comments(web, who)}  # fmt: skip
    context.update(extra)
    return Template("partials/session.html", context=context, status_code=status)


@post("/today/sessions/{order:int}/done", name="session_done", sync_to_thread=True)
def session_done(
    request: HTMXRequest, web: Web, who: Who, order: FromPath[int], data: Form
) -> Template | Redirect:
    """Mark one of today's sessions done with its effort and what was actually done."""
    done, errors = _done_entry(data, order, web, who.athlete.units)
    if not errors:
        try:
            mark_done(
                web.workspace(), who.name, done, web.library,
                today=web.today(), tz=web.tz(), now=web.now(),
            )  # fmt: skip
        except UsageError as exc:
            errors.add(*error_field(exc, PAGE_FIELDS))
    if not errors:
        return _session_card(web, who, order) if request.htmx else _back(who)
    extra = {"errors": {order: errors.errors}, "form": {order: data}}
    if request.htmx:
        return _session_card(web, who, order, 422, **extra)
    return _page(web, who, 422, **extra)


def _store_checkin(web: Web, who: Who, form: dict[str, str]) -> FieldErrors:
    entry, errors = checkin_from_form(form, web.today())
    if isinstance(entry, CheckIn):
        try:
            logbook.log_checkin(
                web.workspace(), who.name, entry, today=web.today(),
                replace=form.get("replace") == "on", now=web.now(),
            )  # fmt: skip
        except UsageError as exc:
            errors.add(*error_field(exc))
    return errors


@post("/today/checkin", name="checkin", sync_to_thread=True)
def checkin(request: HTMXRequest, web: Web, who: Who, data: Form) -> Template | Redirect:
    """Store today's check-in; a bad field shows its message and nothing is stored."""
    errors = _store_checkin(web, who, data)
    if not errors and not request.htmx:
        return _back(who)
    status = 422 if errors else 200
    extra = {"checkin_errors": errors.errors, "checkin_form": data if errors else {}}
    if request.htmx:
        context = {"athlete": who, "view": _view(web, who), **extra}
        return Template("partials/checkin.html", context=context, status_code=status)
    return _page(web, who, status, **extra)


router = athlete_pages(today_page, session_done, checkin)
