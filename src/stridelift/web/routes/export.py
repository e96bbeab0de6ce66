"""The Export page: the current plan as ics, pdf, fit, csv or json, and a calendar feed.

Every route is a GET and writes nothing: the plan is the one the Today page shows
(services/plan_downloads.py), exported in memory.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from stridelift.errors import UsageError
from stridelift.services.plan_downloads import MEDIA_TYPES, Download, current_source, plan_download
from stridelift.web.context import Web, WebContext
from stridelift.web.guard import Who, athlete_pages

# What each download holds, in a user's words.
FORMATS = {
    "ics": "Calendar (.ics): one event per session, for any calendar app",
    "pdf": "Printable plan (.pdf): the season, then one page per week",
    "fit": "Watch workouts (.zip of .fit files): one workout per session",
    "csv": "Spreadsheet (.csv): one row per session",
    "json": "Plan document (.json): every detail, for other programs",
}


def _download(web: WebContext, who: Who, fmt: str, units: str | None = None) -> Response[bytes]:
    try:
        source = current_source(web.workspace(), who.name, web.today(), web.tz())
        file = plan_download(fmt, source, who.name, units=units)
    except UsageError as exc:
        raise NotFoundException(str(exc)) from None
    return _file_response(file, attachment=True)


def _file_response(file: Download, *, attachment: bool) -> Response[bytes]:
    disposition = "attachment" if attachment else "inline"
    return Response(
        file.data,
        media_type=file.media_type,
        headers={
            "content-disposition": f'{disposition}; filename="{file.filename}"',
            "cache-control": "no-store",
        },
    )


@get("/export", name="export", sync_to_thread=True)
def export_page(request: Request[Any, Any, Any], web: Web, who: Who) -> Template:
    """Download links for every format and the calendar subscription address."""
    base = str(request.base_url).rstrip("/")
    feed = f"{base}/a/{quote(who.name)}/plan.ics"
    context = {
        "athlete": who,
        "formats": FORMATS,
        "feed_url": feed,
        "webcal_url": "webcal://" + feed.split("://", 1)[1],
    }
    return Template("export.html", context=context)


@get("/export/{fmt:str}", name="export_file", sync_to_thread=True)
def export_file(
    web: Web, who: Who, fmt: FromPath[str], units: FromQuery[str | None] = None
) -> Response[bytes]:
    """The current plan as a file of format ``fmt`` (ics, pdf, fit, csv, json)."""
    if fmt not in MEDIA_TYPES:
        raise NotFoundException(f"no export format {fmt!r} (choose {', '.join(MEDIA_TYPES)})")
    return _download(web, who, fmt, units)


@get("/plan.ics", name="plan_feed", sync_to_thread=True)
def plan_feed(web: Web, who: Who) -> Response[bytes]:
    """The calendar subscription: the current plan as iCalendar, read-only; its events keep
    their UIDs across replans, so a calendar updates them in place."""
    source = current_source(web.workspace(), who.name, web.today(), web.tz())
    return _file_response(plan_download("ics", source, who.name), attachment=False)


router = athlete_pages(export_page, export_file, plan_feed)
