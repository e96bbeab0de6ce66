"""The Progress page (the dashboard): training load, volume, ratios and e1RM over time.

One service call (services.progress, the same figures as ``stridelift stats``); the
charts are drawn by static/js/progress.js from the JSON the page embeds, and every chart
has a table of the same numbers.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.exceptions import ValidationException
from litestar.params import Parameter
from litestar.response import Template
from litestar.status_codes import HTTP_422_UNPROCESSABLE_ENTITY

from stridelift.errors import UsageError
from stridelift.services.progress import progress_view, stats_json
from stridelift.services.stats import DEFAULT_WEEKS, MAX_WEEKS
from stridelift.services.stats_json import StatsDocument
from stridelift.web.context import Web
from stridelift.web.guard import Who, athlete_api, athlete_pages
from stridelift.web.routes.api import usage_error


@get("/progress", name="progress", sync_to_thread=True)
def progress_page(web: Web, who: Who) -> Template:
    """Fitness, fatigue and form with the forecast to race day, volume, ratios and e1RM."""
    view = progress_view(web.workspace(), who.name, today=web.today(), tz=web.tz())
    context: dict[str, Any] = {"athlete": who, "page": "progress", "view": view}
    return Template("progress.html", context=context)


router = athlete_pages(progress_page)


@get("/stats", sync_to_thread=True)
def api_stats(
    web: Web,
    who: Who,
    weeks: int = Parameter(default=DEFAULT_WEEKS, description=f"Weeks to show, 1-{MAX_WEEKS}"),
    forecast: bool = Parameter(
        default=False, description="Project fitness, fatigue and form to race day"
    ),
) -> StatsDocument:
    """The ``stridelift stats --json`` document (``stridelift.stats/1``, docs/load.md);
    ``weeks`` out of range answers 422 naming the field."""
    return stats_json(
        web.workspace(), who.name, today=web.today(), tz=web.tz(), weeks=weeks, forecast=forecast
    )


def invalid_query(
    request: Request[Any, Any, Any], exc: ValidationException
) -> Response[dict[str, str]]:
    """A query value of the wrong type (``weeks=2.5``): 422 naming the field, as a value
    out of range is, instead of Litestar's 400."""
    found = exc.extra[0] if isinstance(exc.extra, list) and exc.extra else {}
    field = str(found.get("key", "query")) if isinstance(found, dict) else "query"
    if field == "weeks":
        value = request.query_params.get("weeks", "")
        detail = f"{value!r} is not a whole number (expected 1-{MAX_WEEKS})"
    else:
        detail = str(found.get("message", exc.detail)) if isinstance(found, dict) else exc.detail
    return Response({"field": field, "detail": detail}, status_code=HTTP_422_UNPROCESSABLE_ENTITY)


api_router = athlete_api(
    api_stats,
    exception_handlers={UsageError: usage_error, ValidationException: invalid_query},
)
