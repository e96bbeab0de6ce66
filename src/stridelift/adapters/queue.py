"""The distributed job queue on PostgreSQL: procrastinate, on the database the server uses.

One procrastinate task, ``stridelift.run_job``, carries our job id; the work and its state
live in our ``jobs`` table (services/jobs.py). A worker sends a heartbeat every few
seconds; each worker also looks, every few seconds, for jobs left in ``doing`` by a worker
whose heartbeat stopped (killed, its machine gone) and hands them back to the queue, so the
job runs again on a live worker. The nightly run is a procrastinate periodic task: every
worker schedules it, and procrastinate defers it once per tick whichever worker is first.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from procrastinate import App, PsycopgConnector, RetryStrategy, SyncPsycopgConnector
from sqlalchemy.engine import make_url

from stridelift.services.jobs import MAX_RUNS, RetryLater, enqueue_nightly, run_job, utc_offset_min

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store

log = logging.getLogger(__name__)

QUEUE = "stridelift"
TASK = "stridelift.run_job"
NIGHTLY_TASK = "stridelift.nightly"


def conninfo(url: str) -> str:
    """A libpq connection string (URI) from our SQLAlchemy URL, its query kept (options)."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def is_postgres(url: str) -> bool:
    """True for a PostgreSQL database URL."""
    return make_url(url).get_backend_name() == "postgresql"


@dataclass
class WorkerOptions:
    """How a worker runs: parallel jobs, heartbeats, when a silent worker counts as dead,
    and when the nightly run starts (a cron line, the worker's local time)."""

    concurrency: int = 1
    heartbeat_s: float = 5.0
    stalled_after_s: float = 30.0
    nightly_cron: str = "0 3 * * *"
    name: str = "stridelift"


class ProcrastinateQueue:
    """Hands jobs to procrastinate; a worker anywhere runs them."""

    def __init__(self, app: App) -> None:
        self.app = app

    def submit(self, job_id: int) -> int | None:
        """Defer the job; procrastinate's job id."""
        return int(self.app.tasks[TASK].defer(job_id=job_id))

    def submit_many(self, job_ids: Sequence[int]) -> list[int | None]:
        """Defer the jobs in one round trip; procrastinate's job ids, in order."""
        arguments: list[dict[str, Any]] = [{"job_id": i} for i in job_ids]
        found = self.app.tasks[TASK].batch_defer(*arguments)
        return [int(i) for i in found]


def build_app(
    url: str,
    store: Store,
    *,
    worker: bool,
    clock: Callable[[], datetime] | None = None,
    nightly_cron: str | None = None,
) -> App:
    """The procrastinate app for our database: its task, and with ``nightly_cron`` the
    periodic nightly run. A worker's app connects asynchronously, others synchronously."""
    connector: Any = (
        PsycopgConnector(conninfo=conninfo(url))
        if worker
        else SyncPsycopgConnector(conninfo=conninfo(url), min_size=1, max_size=2)
    )
    app = App(connector=connector)
    queue = ProcrastinateQueue(app)
    now = clock or (lambda: datetime.now(UTC).astimezone())

    @app.task(
        name=TASK,
        queue=QUEUE,
        retry=RetryStrategy(max_attempts=MAX_RUNS - 1, wait=2, retry_exceptions={RetryLater}),
    )
    def run_stridelift_job(job_id: int) -> None:
        run_job(store, job_id, queue, now)

    if nightly_cron is not None:

        @app.periodic(cron=nightly_cron, periodic_id="nightly")
        @app.task(name=NIGHTLY_TASK, queue=QUEUE, queueing_lock="stridelift-nightly")
        def nightly(timestamp: int) -> None:
            local = now()
            enqueue_nightly(store, local.date(), utc_offset_min(local.tzinfo or UTC, local),
                            queue, local)  # fmt: skip

    return app


async def _reap_stalled(app: App, options: WorkerOptions) -> None:
    """Every heartbeat, hand back the jobs of workers that stopped sending theirs."""
    while True:
        await asyncio.sleep(options.heartbeat_s)
        try:
            stalled = await app.job_manager.get_stalled_jobs(
                queue=QUEUE, seconds_since_heartbeat=options.stalled_after_s
            )
            for job in stalled:
                log.warning("job %s of a stopped worker goes back to the queue", job.id)
                await app.job_manager.retry_job(job)
        except Exception:  # the database may be away for a moment: try again later
            log.exception("looking for stalled jobs failed")


async def _work(app: App, options: WorkerOptions) -> None:
    async with app.open_async():
        reaper = asyncio.create_task(_reap_stalled(app, options))
        try:
            await app.run_worker_async(
                queues=[QUEUE],
                name=options.name,
                concurrency=options.concurrency,
                update_heartbeat_interval=options.heartbeat_s,
                stalled_worker_timeout=options.stalled_after_s,
                install_signal_handlers=True,
            )
        finally:
            reaper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reaper


def run_worker(url: str, store: Store, options: WorkerOptions) -> None:
    """Run a worker until SIGINT or SIGTERM (the job in hand finishes first)."""
    app = build_app(url, store, worker=True, nightly_cron=options.nightly_cron)
    asyncio.run(_work(app, options))
