"""Background jobs in the web app: an upload starts an import job, and a job's page, its
htmx panel and its API answer follow it until it is done.

A job belongs to one athlete: its routes live under the athlete's guard, and a job id of
another athlete answers 404 as an unknown one does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from anyio import to_thread
from litestar import get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Template

from stridelift.errors import UsageError
from stridelift.services import jobs
from stridelift.services.history_view import HistoryQuery, history_page
from stridelift.services.job_runs import outcome_dict
from stridelift.services.uploads import over_limit
from stridelift.web.context import Web, WebContext
from stridelift.web.guard import Who, athlete_api, athlete_pages
from stridelift.web.routes.api import usage_error

# An upload (or a queued replan) waits this long for its job before it answers: a few
# files answer with their result at once, a large batch with the job's panel, which
# follows it.
UPLOAD_WAIT_S = 1.5


@dataclass(frozen=True, slots=True)
class Started:
    """An upload's answer: the files refused unread (over the size limit), and the import
    job of the others (None when every file was refused)."""

    refused: list[dict[str, Any]]
    job: jobs.JobView | None

    def outcomes(self) -> list[dict[str, Any]]:
        """Every file's outcome so far: the refused first, then the job's."""
        return self.refused + (self.job.outcomes() if self.job else [])


def start_import(web: WebContext, who: Who, files: list[UploadFile]) -> Started:
    """Queue the uploaded files as an import job (a file over the size limit is refused
    unread); the job after a short wait."""
    batch, refused = [], []
    for upload in files:
        name = upload.filename or "upload"
        size = upload.file.seek(0, os.SEEK_END)
        too_big = over_limit(name, size)
        if too_big is not None:
            refused.append(outcome_dict(too_big))
            continue
        upload.file.seek(0)
        batch.append(jobs.Upload(name, upload.file.read()))
    if not batch:
        return Started(refused, None)
    store = web.workspace()
    job = jobs.enqueue_import(store, who.name, batch, web.job_queue(), web.now())
    jobs.wait_for(store, job.id, UPLOAD_WAIT_S)
    return Started(refused, jobs.job_of(store, who, job.id))


def _view(web: WebContext, who: Who, job_id: int) -> jobs.JobView:
    try:
        return jobs.job_of(web.workspace(), who, job_id)
    except UsageError as exc:
        raise NotFoundException(str(exc).removeprefix("job: ")) from None


@get("/jobs/{job_id:int}", name="job", sync_to_thread=True)
def job_page(request: HTMXRequest, web: Web, who: Who, job_id: FromPath[int]) -> Template:
    """A job's state, progress and result: the panel for htmx, else the page (which
    refreshes itself until the job ends)."""
    view = _view(web, who, job_id)
    context: dict[str, Any] = {"athlete": who, "job": view}
    if not request.htmx:
        return Template("job.html", context=context)
    if view.job.finished and view.job.kind == "import":  # the new entries, out of band
        context["oob"] = True
        context["h"] = history_page(web.workspace(), who.name, HistoryQuery(),
                                    today=web.today(), tz=web.tz())  # fmt: skip
    return Template("partials/job_update.html", context=context)


def job_document(view: jobs.JobView) -> dict[str, Any]:
    """A job as the API answers it."""
    j = view.job
    return {
        "id": j.id, "athlete": view.athlete, "kind": j.kind, "state": j.state,
        "progress": {"done": j.progress_done, "total": j.progress_total, "text": j.progress_text},
        "attempts": j.attempts, "error": j.error, "result": j.result,
        "files": view.outcomes(),
        "created_at": j.created_at.isoformat(),
        "finished_at": j.finished_at.isoformat() if j.finished_at else None,
    }  # fmt: skip


@get("/jobs/{job_id:int}")
async def api_job(web: Web, who: Who, job_id: FromPath[int]) -> dict[str, Any]:
    """A job of the athlete: kind, state (queued, running, done, failed), progress, the
    outcome of each file (imports), result or error."""
    view = await to_thread.run_sync(_view, web, who, job_id)
    return job_document(view)


def _queue_replan(web: WebContext, who: Who) -> jobs.JobView:
    now = web.now()
    offset = jobs.utc_offset_min(web.tz(), now)
    job, _ = jobs.enqueue_replan(web.workspace(), who.name, now.date(), offset,
                                 web.job_queue(), now)  # fmt: skip
    jobs.wait_for(web.workspace(), job.id, UPLOAD_WAIT_S)
    return jobs.job_of(web.workspace(), who, job.id)


@post("/jobs/replans", status_code=202)
async def api_queue_replan(web: Web, who: Who) -> dict[str, Any]:
    """Queue a replan of the athlete's plan from today (stored when it changed); 202 with
    the job (done already when it was quick), which ``GET jobs/{id}`` follows."""
    view = await to_thread.run_sync(_queue_replan, web, who)
    return job_document(view)


router = athlete_pages(job_page)
api_router = athlete_api(api_job, api_queue_replan, exception_handlers={UsageError: usage_error})
