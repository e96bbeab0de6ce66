"""Background jobs from the command line: run a queue worker (PostgreSQL), list and show
jobs, and start the nightly replan run by hand."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from stridelift.cli.common import (
    AthleteOption,
    DbOption,
    err,
    friendly,
    local_now,
    local_tz,
    out,
)
from stridelift.services import jobs
from stridelift.services.workspace import opened

jobs_app = typer.Typer(help="Background jobs: list them, show one, run the nightly replan.",
                       no_args_is_help=True)  # fmt: skip
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _row(view: jobs.JobView) -> dict[str, Any]:
    j = view.job
    return {
        "id": j.id, "kind": j.kind, "athlete": view.athlete, "state": j.state,
        "progress": f"{j.progress_done}/{j.progress_total}", "attempts": j.attempts,
        "created_at": j.created_at.isoformat(), "error": j.error, "result": j.result,
    }  # fmt: skip


def _print(view: jobs.JobView) -> None:
    j = view.job
    who = f" for {view.athlete}" if view.athlete else ""
    out.print(f"job {j.id}: {j.kind}{who}, {j.state} ({j.progress_done}/{j.progress_total}"
              f"{', ' + j.progress_text if j.progress_text else ''})", markup=False)  # fmt: skip
    if j.error:
        out.print(f"  error: {j.error}", markup=False)
    for o in view.outcomes():
        out.print(f"  {o['path']}: {o['status']}{' (' + o['reason'] + ')' if o['reason'] else ''}",
                  markup=False)  # fmt: skip
    if j.result and j.kind != "import":
        out.print("  " + ", ".join(f"{k} {v}" for k, v in j.result.items()), markup=False)


@jobs_app.command("list")
@friendly
def jobs_list(athlete: AthleteOption = None, as_json: JsonOption = False,
              db: DbOption = None) -> None:  # fmt: skip
    """The newest 50 jobs: kind, athlete, state and progress."""
    with opened(db) as store:
        views = jobs.listed(store, athlete)
    if as_json:
        out.print(json.dumps([_row(v) for v in views], indent=2), markup=False)
        return
    if not views:
        out.print("no jobs yet")
    from rich.table import Table

    table = Table("id", "kind", "athlete", "state", "progress", "attempts", "error")
    for v in views:
        j = v.job
        progress = f"{j.progress_done}/{j.progress_total}"
        table.add_row(str(j.id), j.kind, v.athlete or "-", j.state, progress, str(j.attempts),
                      j.error or "")  # fmt: skip
    if views:
        out.print(table)


@jobs_app.command("show")
@friendly
def jobs_show(
    job_id: Annotated[int, typer.Argument(metavar="JOB_ID", help="The job's number.")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """One job: its state, progress, and each file's outcome or the result."""
    with opened(db) as store:
        view = jobs.job_by_id(store, job_id)
    if as_json:
        out.print(json.dumps(_row(view), indent=2), markup=False)
    else:
        _print(view)


@jobs_app.command("nightly")
@friendly
def jobs_nightly(db: DbOption = None) -> None:
    """Replan every athlete whose log changed since their last stored plan (workers run it
    on PostgreSQL; on SQLite it runs here)."""
    now = local_now()
    with (
        opened(db) as store,
        jobs.job_queue(store, background=False) as queue,
        err.status("queuing (SQLite: running) the nightly replan..."),
    ):
        job = jobs.enqueue_nightly(store, now.date(), jobs.utc_offset_min(local_tz(), now),
                                   queue, now)  # fmt: skip
        view = jobs.job_by_id(store, job.id)
    _print(view)
    if not view.job.finished:
        out.print(f"queued: a worker runs it (stridelift jobs show {job.id})", markup=False)


@jobs_app.command("replan")
@friendly
def jobs_replan(athlete: AthleteOption = None, db: DbOption = None) -> None:
    """Queue a replan from today (workers run it on PostgreSQL; on SQLite it runs here)."""
    now = local_now()
    with opened(db) as store, jobs.job_queue(store, background=False) as queue:
        job, _ = jobs.enqueue_replan(store, athlete, now.date(),
                                     jobs.utc_offset_min(local_tz(), now), queue, now)  # fmt: skip
        view = jobs.job_by_id(store, job.id)
    _print(view)


def worker(
    db: DbOption = None,
    concurrency: Annotated[
        int, typer.Option("--concurrency", metavar="N", help="Jobs run at once (default 1).")
    ] = 1,
    heartbeat: Annotated[
        float,
        typer.Option(
            "--heartbeat",
            metavar="SECONDS",
            help="How often the worker says it is alive (default 5).",
        ),
    ] = 5.0,
    stalled_after: Annotated[
        float,
        typer.Option(
            "--stalled-after",
            metavar="SECONDS",
            help="A worker silent this long is taken for dead and its jobs run again (default 30).",
        ),
    ] = 30.0,
    nightly_cron: Annotated[
        str,
        typer.Option(
            "--nightly-cron",
            metavar="CRON",
            help="When the nightly replan runs, local time (default '0 3 * * *').",
        ),
    ] = "0 3 * * *",
) -> None:
    """Run a worker for the PostgreSQL job queue until Ctrl-C (its job in hand finishes)."""
    settings = jobs.WorkerSettings(concurrency, heartbeat, stalled_after, nightly_cron)
    with opened(db) as store:
        jobs.check_worker(store, settings)
        out.print(f"worker on {store.url}: Ctrl-C stops it", markup=False)
        jobs.run_worker(store, settings)
    out.print("worker stopped", markup=False)


def register(app: typer.Typer) -> None:
    """Attach the worker and jobs commands to the root app."""
    app.command("worker")(friendly(worker))
    app.add_typer(jobs_app, name="jobs")
