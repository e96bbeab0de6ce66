"""The Log page's API under /api/v1: history with filters, uploads, a run, a lift.

Same guard, same services and the same 422 ``{"field", "detail"}`` answers as routes/api.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Annotated, Any

from anyio import to_thread
from litestar import get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromQuery, JSONBody

from stridelift.errors import UsageError
from stridelift.services import logbook
from stridelift.services.history_view import PER_PAGE, HistoryQuery, history_page
from stridelift.web.context import Web
from stridelift.web.guard import Who, athlete_api
from stridelift.web.routes.api import usage_error
from stridelift.web.routes.jobs import job_document, start_import
from stridelift.web.routes.log import MAX_REQUEST_MB, uploaded_files


@dataclass
class RunBody:
    """A run logged by hand: minutes required; distance in km; effort 1-10."""

    minutes: float
    type: str = "easy"
    date: dt.date | None = None
    distance_km: float | None = None
    rpe: float | None = None
    avg_hr: float | None = None
    notes: str | None = None


@dataclass
class LiftBody:
    """A strength session: sets in the CLI's syntax, e.g. ``goblet_squat:10x22.5*3``."""

    sets: list[str] = field(default_factory=list)
    date: dt.date | None = None
    session: str | None = None
    minutes: int | None = None
    rpe: float | None = None
    notes: str | None = None


@get("/history", sync_to_thread=True)
def api_history(
    web: Web,
    who: Who,
    kind: FromQuery[list[str] | None] = None,
    since: FromQuery[dt.date | None] = None,
    until: FromQuery[dt.date | None] = None,
    page: FromQuery[int] = 1,
    per_page: FromQuery[int] = PER_PAGE,
) -> dict[str, Any]:
    """Logged entries newest first (default: the last 8 weeks), one page, with the totals of
    the whole filtered range."""
    query = HistoryQuery(since, until, tuple(kind or ()), page, per_page)
    h = history_page(web.workspace(), who.name, query, today=web.today(), tz=web.tz())
    return {
        "athlete": h.athlete.name, "since": h.start.isoformat(), "until": h.end.isoformat(),
        "kinds": list(h.kinds), "page": h.page, "pages": h.pages, "per_page": h.per_page,
        "total_entries": h.total_entries, "totals": asdict(h.totals), "entries": list(h.entries),
    }  # fmt: skip


def _outcome(o: dict[str, Any]) -> dict[str, Any]:
    return {
        "file": o["path"], "status": o["status"], "reason": o["reason"], "format": o["format"],
        "runs": o["runs"], "cross_training": o["cross_training"],
        "lift_sessions": o["lift_sessions"], "duplicates": o["duplicates"],
    }  # fmt: skip


@post("/uploads", request_max_body_size=MAX_REQUEST_MB * 1024 * 1024, status_code=200)
async def api_upload(
    web: Web,
    who: Who,
    data: Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)],
) -> dict[str, Any]:
    """Import files sent as multipart field ``files`` (FIT, GPX, TCX, Strava zip, Strong/Hevy
    CSV) as a background job: the job (``GET jobs/{id}`` follows it) with one outcome per
    file read so far (imported, duplicate, skipped or failed, with the reason); a few files
    are read before the answer."""
    files = await uploaded_files(data)
    if not files:
        raise UsageError("files: send at least one file in the multipart field 'files'")
    started = await to_thread.run_sync(start_import, web, who, files)
    return {
        "athlete": who.name, "job": job_document(started.job) if started.job else None,
        "files": [_outcome(o) for o in started.outcomes()],
    }  # fmt: skip


@post("/runs", sync_to_thread=True, status_code=201)
def api_log_run(web: Web, who: Who, data: JSONBody[RunBody]) -> dict[str, Any]:
    """Log a run by hand; 201 with the stored run."""
    entry = logbook.RunEntry(
        day=data.date or web.today(), run_type=data.type, minutes=data.minutes,
        distance_km=data.distance_km, rpe=data.rpe, avg_hr=data.avg_hr, notes=data.notes,
        distance_flag="--distance-km",
    )  # fmt: skip
    logbook.log_run(web.workspace(), who.name, entry, today=web.today(), tz=web.tz(), now=web.now())
    return {
        "date": entry.day.isoformat(), "kind": "run", "type": entry.run_type,
        "minutes": entry.minutes, "distance_km": entry.distance_km, "rpe": entry.rpe,
    }  # fmt: skip


@post("/lifts", sync_to_thread=True, status_code=201)
def api_log_lift(web: Web, who: Who, data: JSONBody[LiftBody]) -> dict[str, Any]:
    """Log a strength session by hand; 201 with the stored sets."""
    entry = logbook.LiftEntry(
        day=data.date or web.today(), sets=tuple(data.sets), template=data.session,
        minutes=data.minutes, rpe=data.rpe, notes=data.notes,
    )  # fmt: skip
    try:
        lift = logbook.log_lift(
            web.workspace(), who.name, entry, web.library, today=web.today(), now=web.now()
        )
    except UsageError as exc:
        if str(exc).startswith("SET"):  # a set's message: the field is "sets"
            raise UsageError(f"sets: {str(exc).removeprefix('SET ')}") from None
        raise
    return {
        "date": lift.day.isoformat(), "kind": "lift", "session": lift.template,
        "sets": [{"exercise_id": s.exercise_id, "reps": s.reps, "load_kg": s.load_kg,
                  "rir": s.rir} for s in lift.sets],
    }  # fmt: skip


router = athlete_api(
    api_history, api_upload, api_log_run, api_log_lift, exception_handlers={UsageError: usage_error}
)
