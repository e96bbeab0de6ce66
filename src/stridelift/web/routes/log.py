"""The Log page: the history with filters and totals, file uploads, and logging by hand.

Handlers parse the request, call a service and render. The run and lift forms post and
redirect back (303) or show the page with field errors (422); the upload answers with its
per-file result lines (and, with htmx, the refreshed history out of band).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from anyio import to_thread
from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from stridelift.domain.activity import RUN_TYPES
from stridelift.errors import UsageError
from stridelift.services import logbook, set_syntax
from stridelift.services import uploads as upload_service
from stridelift.services.history_view import KINDS, HistoryPage, HistoryQuery, history_page
from stridelift.web.context import Web, WebContext
from stridelift.web.forms import FieldErrors, error_field
from stridelift.web.guard import Who, athlete_pages
from stridelift.web.log_forms import (
    LIFT_FIELDS,
    LIFT_ROWS,
    RUN_FIELDS,
    history_query,
    lift_from_form,
    run_from_form,
)
from stridelift.web.routes.jobs import start_import

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
Files = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
# The whole upload request; each file is also held to uploads.MAX_FILE_MB.
MAX_REQUEST_MB = 200


def history(web: WebContext, who: Who, query: HistoryQuery) -> HistoryPage:
    """The history page the query selects (a bad query was caught by the form parser)."""
    return history_page(web.workspace(), who.name, query, today=web.today(), tz=web.tz())


def _page(
    web: WebContext, who: Who, query: HistoryQuery, status: int = 200, **extra: Any
) -> Template:
    context: dict[str, Any] = {
        "athlete": who,
        "h": history(web, who, query),
        "kinds": KINDS,
        "run_types": RUN_TYPES,
        "lift_rows": LIFT_ROWS,
        "exercise_ids": sorted(e.id for e in web.library),
        "set_syntax": set_syntax.SET_SYNTAX,
        "max_file_mb": upload_service.MAX_FILE_MB,
        "today": web.today(),
        "filter_errors": {},
    }
    context.update(extra)
    return Template("log.html", context=context, status_code=status)


def _back(who: Who, logged: str) -> Redirect:
    """Back to the page, scrolled to the history, where the new entry comes first."""
    return Redirect(path=f"/a/{quote(who.name)}/log?logged={logged}#history", status_code=303)


@get("/log", name="log", sync_to_thread=True)
def log_page(request: Request[Any, Any, Any], web: Web, who: Who) -> Template:
    """The history (filters: kind, since, until; paged), the upload and the logging forms."""
    query, errors = history_query(request.query_params.dict())
    status = 422 if errors else 200
    return _page(web, who, query, status, filter_errors=errors.errors,
                 logged=request.query_params.get("logged"))  # fmt: skip


@post("/log/run", name="log_run", sync_to_thread=True)
def log_run(web: Web, who: Who, data: Form) -> Template | Redirect:
    """Log a run by hand; a bad field shows its message and nothing is stored."""
    entry, errors = run_from_form(data, web.today(), who.athlete.units)
    if entry is not None:
        try:
            logbook.log_run(web.workspace(), who.name, entry, today=web.today(), tz=web.tz(),
                            now=web.now())  # fmt: skip
        except UsageError as exc:
            errors.add(*error_field(exc, RUN_FIELDS))
    if not errors:
        return _back(who, "run")
    return _page(web, who, HistoryQuery(), 422, run_errors=errors.errors, run_form=data)


@post("/log/lift", name="log_lift", sync_to_thread=True)
def log_lift(web: Web, who: Who, data: Form) -> Template | Redirect:
    """Log a strength session by hand, typed in the set syntax or in rows."""
    entry, errors = lift_from_form(data, web.today(), web.library)
    if entry is not None:
        try:
            logbook.log_lift(web.workspace(), who.name, entry, web.library, today=web.today(),
                             now=web.now())  # fmt: skip
        except UsageError as exc:
            errors.add(*error_field(exc, LIFT_FIELDS))
    if not errors:
        return _back(who, "lift")
    return _page(web, who, HistoryQuery(), 422, lift_errors=errors.errors, lift_form=data)


async def uploaded_files(data: dict[str, Any]) -> list[UploadFile]:
    """The files of a multipart body's ``files`` field (one or several)."""
    value = data.get("files")
    found = value if isinstance(value, list) else [value]
    return [f for f in found if isinstance(f, UploadFile)]


@post("/log/upload", name="log_upload", request_max_body_size=MAX_REQUEST_MB * 1024 * 1024)
async def log_upload(request: HTMXRequest, web: Web, who: Who, data: Files) -> Template:
    """Queue the uploaded files as an import job; its panel (one result line per file once
    done, else a progress bar that follows it), then the history."""
    files = await uploaded_files(data)
    started = None
    if not files:
        errors = FieldErrors({"files": "choose at least one file to upload"})
    else:
        errors = FieldErrors()
        started = await to_thread.run_sync(start_import, web, who, files)
    status = 422 if errors else 200
    if request.htmx:
        context = {
            "athlete": who,
            "started": started,
            "upload_errors": errors.errors,
            "h": await to_thread_history(web, who),
            "oob": True,
        }
        return Template("partials/log_upload_result.html", context=context, status_code=status)
    extra = {"started": started, "upload_errors": errors.errors}
    return await to_thread.run_sync(lambda: _page(web, who, HistoryQuery(), status, **extra))


async def to_thread_history(web: WebContext, who: Who) -> HistoryPage:
    """The default history page, read off the event loop."""
    return await to_thread.run_sync(history, web, who, HistoryQuery())


router = athlete_pages(log_page, log_run, log_lift, log_upload)
