"""The coach's roster (``/coach``) and board (``/coach/board``), and the roster as JSON
(``GET /api/v1/coach/roster``).

None of these routes names an athlete: each lists the athletes who granted the signed-in
coach (``services.roster`` reads the coach's active grants only; anyone else gets an
empty list). Accounts mode only: in single-user mode they answer 404 in one line, and
without a login the pages send the browser to the login page, the API answers 401.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any

from litestar import Request, Router, get
from litestar.exceptions import HTTPException, NotAuthorizedException, NotFoundException
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import Parameter
from litestar.response import Redirect, Template

from stridelift.errors import UsageError
from stridelift.services.accounts import User
from stridelift.services.roster import (
    DEFAULT_SORT,
    SORTS,
    RosterRow,
    check_week,
    roster,
    sorted_roster,
)
from stridelift.web.api_errors import ErrorOut, declare_errors
from stridelift.web.auth import accounts_mode, login_url, signed_in
from stridelift.web.context import Web, WebContext
from stridelift.web.routes.api import usage_error

AnyRequest = Request[Any, Any, Any]
OFF = "accounts are not turned on"
COLUMNS = (  # the roster's sortable columns: query value, heading
    ("athlete", "Athlete"),
    ("compliance", "This week"),
    ("load", "Load ratio"),
    ("flags", "Check-in flags"),
    ("race", "Next race"),
    ("access", "Access"),
)
SortParam = Annotated[
    str | None,
    Parameter(description=f"Column to sort by: {DEFAULT_SORT} (default), {', '.join(SORTS)}"),
]
DirParam = Annotated[str | None, Parameter(description="asc (default) or desc")]
WeekParam = Annotated[
    str | None, Parameter(description="A day of the week to show, YYYY-MM-DD (default: today)")
]


def _coach(request: AnyRequest) -> User:
    """The signed-in user; 404 in single-user mode, 'sign in first' (401) without a session."""
    if not accounts_mode(request):
        raise NotFoundException(OFF)
    session = signed_in(request)
    if session is None:
        raise NotAuthorizedException("sign in first")
    return session.user


def _page_coach(request: AnyRequest) -> User | Redirect:
    """The signed-in user, or the way to the login page (and back) for a page."""
    if accounts_mode(request) and signed_in(request) is None:
        return Redirect(path=login_url(request), status_code=303)
    return _coach(request)


def _descending(value: str | None) -> bool:
    if value in (None, "", "asc"):
        return False
    if value == "desc":
        return True
    raise UsageError(f"dir: {value!r} is not asc or desc")


def _rows(web: WebContext, coach: User, week: str | None) -> tuple[date, list[RosterRow]]:
    from stridelift.methodologies import default_methodology  # the Progress page's figures

    start = check_week(week, web.today())
    rows = roster(web.workspace(), coach, today=web.today(), methodology=default_methodology(),
                  week=start, tz=web.tz())  # fmt: skip
    return start, rows


def _unprocessable(exc: UsageError) -> HTTPException:
    return HTTPException(status_code=422, detail=str(exc))


@get("/coach", name="coach_roster", sync_to_thread=True)
def roster_page(
    request: AnyRequest, web: Web, sort: SortParam = None, dir: DirParam = None
) -> Template | Redirect:
    """Every athlete who granted the coach, with this week at a glance, sortable."""
    coach = _page_coach(request)
    if isinstance(coach, Redirect):
        return coach
    try:
        descending = _descending(dir)
        start, rows = _rows(web, coach, None)
        rows = sorted_roster(rows, sort, descending)
    except UsageError as exc:
        raise _unprocessable(exc) from None
    context = {
        "rows": rows, "sort": sort or DEFAULT_SORT, "descending": descending,
        "columns": COLUMNS, "today": web.today(), "week": start, "coach": coach,
    }  # fmt: skip
    return Template("roster.html", context=context)


@get("/coach/board", name="coach_board", sync_to_thread=True)
def board_page(request: AnyRequest, web: Web, week: WeekParam = None) -> Template | Redirect:
    """The coached athletes by days: the sessions of the week, with their status."""
    coach = _page_coach(request)
    if isinstance(coach, Redirect):
        return coach
    try:
        start, rows = _rows(web, coach, week)
    except UsageError as exc:
        raise _unprocessable(exc) from None
    days = [start + timedelta(days=i) for i in range(7)]
    context = {
        "rows": sorted_roster(rows, "athlete", descending=False), "days": days, "week": start,
        "today": web.today(), "prev_week": start - timedelta(weeks=1),
        "next_week": start + timedelta(weeks=1), "coach": coach,
    }  # fmt: skip
    return Template("board.html", context=context)


pages = Router(path="/", route_handlers=[roster_page, board_page], include_in_schema=False)


# API ----------------------------------------------------------------------------------


@dataclass
class RaceOut:
    """The next race of the athlete's stored plan."""

    name: str
    date: date
    weeks_to_go: int


@dataclass
class SessionOut:
    """A session of the week: planned (with its order on the day) or only logged."""

    day: date
    order: int | None
    kind: str
    label: str
    minutes: float | None
    status: str


@dataclass
class RosterEntryOut:
    """One coached athlete's week at a glance."""

    athlete: str
    access: str
    compliance: str
    due: int
    done: int
    load_ratio: float | None
    flags: list[str]
    pain: bool
    referral: list[str]
    next_race: RaceOut | None
    has_plan: bool
    sessions: list[SessionOut]


@dataclass
class RosterOut:
    """The coach's roster: the week shown, the order, and one entry per athlete."""

    today: date
    week_start: date
    sort: str
    athletes: list[RosterEntryOut]


def entry_out(row: RosterRow, today: date) -> RosterEntryOut:
    """A roster row as the API answers it."""
    weeks = row.weeks_to_go(today)
    race = None
    if row.race and row.race_date and weeks is not None:
        race = RaceOut(row.race, row.race_date, weeks)
    sessions = [SessionOut(s.day, s.order, s.kind, s.label, s.minutes, s.status)
                for s in row.sessions]  # fmt: skip
    return RosterEntryOut(
        row.athlete, row.access, row.compliance, row.due, row.done,
        None if row.load_ratio is None else round(row.load_ratio, 2), list(row.flags),
        row.pain, list(row.referral), race, row.has_plan, sessions,
    )  # fmt: skip


@get(
    "/api/v1/coach/roster",
    sync_to_thread=True,
    tags=["coach"],
    responses={401: ResponseSpec(ErrorOut, description="Accounts mode and no login")},
)
def api_roster(
    request: AnyRequest, web: Web, sort: SortParam = None, dir: DirParam = None,
    week: WeekParam = None,
) -> RosterOut:  # fmt: skip
    """The athletes who granted the signed-in coach, each with the week at a glance (an
    athlete, or a coach nobody granted, gets an empty list)."""
    coach = _coach(request)
    descending = _descending(dir)
    start, rows = _rows(web, coach, week)
    ordered = sorted_roster(rows, sort, descending)
    today = web.today()
    return RosterOut(today, start, sort or DEFAULT_SORT, [entry_out(r, today) for r in ordered])


api = Router(
    path="/",
    route_handlers=[declare_errors(api_roster)],
    exception_handlers={UsageError: usage_error},
)
