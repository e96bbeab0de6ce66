"""Background jobs: imports, replans and the nightly run, queued, run, followed and retried.

A job is a row of ``jobs`` (what a person sees: state, progress, result or error) and the
work itself (services/job_runs.py). Where the work runs is the queue's business: on
PostgreSQL a procrastinate queue that workers on any machine take jobs from
(adapters/queue.py); on SQLite a thread of the process that asked (``InProcessQueue``) or
the caller itself (``InlineQueue``, the CLI). Every run of a job is safe to repeat: a job a
killed worker left half done is run again and skips what it already stored.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING, Any, Protocol

from stridelift.errors import StrideliftError, UsageError
from stridelift.services.athletes import StoredAthlete, resolve_athlete

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.jobs_repo import JobFile, JobRecord

log = logging.getLogger(__name__)

# A job whose work raised something unexpected (a lost connection, a bug) runs again, up
# to this many runs in all; a user's error (a deleted athlete) fails it at once.
MAX_RUNS = 4
# Seconds between in-process retries of a job that raised something unexpected.
RETRY_WAIT_S = 2.0
KINDS = ("import", "replan", "nightly")


class Queue(Protocol):
    """Where a stored job goes to be run."""

    def submit(self, job_id: int) -> int | None:
        """Hand the job over to be run; the queue's own job id, if it has one."""
        ...

    def submit_many(self, job_ids: Sequence[int]) -> list[int | None]:
        """Hand several jobs over at once (one round trip where the queue can)."""
        ...


@dataclass(frozen=True, slots=True)
class Upload:
    """A file to import as a job: the name it was sent under and its bytes."""

    name: str
    content: bytes


@dataclass(frozen=True, slots=True)
class JobView:
    """A job as a page shows it: the stored job, its athlete's name and its files."""

    job: JobRecord
    athlete: str | None
    files: tuple[JobFile, ...]

    @property
    def percent(self) -> int:
        """How far the job is, 0-100."""
        if self.job.state == "done":
            return 100
        total = self.job.progress_total
        return 0 if total <= 0 else min(100, round(100 * self.job.progress_done / total))

    def outcomes(self) -> list[dict[str, Any]]:
        """An import's per-file outcomes so far, in upload order."""
        return [o for f in self.files for o in f.outcomes]


def utc_offset_min(tz: tzinfo, day: datetime) -> int:
    """The zone's offset from UTC on ``day``, in minutes (how a job carries the zone)."""
    offset = day.astimezone(tz).utcoffset()
    return 0 if offset is None else int(offset.total_seconds() // 60)


def _submit(store: Store, queue: Queue, job: JobRecord) -> JobRecord:
    """Hand a stored job to the queue; when the queue refuses, the job fails (one line)."""
    try:
        queue_id = queue.submit(job.id)
    except Exception as exc:
        with store.transaction() as repo:
            repo.jobs.update(job.id, state="failed", error=f"the queue refused it: {exc}"[:500])
        raise StrideliftError(f"the job queue did not take the job: {exc}") from exc
    if queue_id is not None:
        with store.transaction() as repo:
            repo.jobs.update(job.id, queue_job_id=queue_id)
    return job


def enqueue_import(
    store: Store, athlete: str, uploads: Sequence[Upload], queue: Queue, now: datetime
) -> JobRecord:
    """Store the uploaded files with a queued import job and hand it to the queue.

    Raises:
        UsageError: no file, or the athlete is unknown (nothing is stored).
    """
    if not uploads:
        raise UsageError("files: send at least one file")
    with store.transaction() as repo:
        who = resolve_athlete(repo, athlete)
        job = repo.jobs.add("import", who.id, {}, now, total=len(uploads))
        for position, upload in enumerate(uploads):
            repo.jobs.add_file(job.id, position, upload.name[:500], upload.content)
    return _submit(store, queue, job)


def enqueue_replan(
    store: Store,
    athlete: str | None,
    today: date,
    utc_offset: int,
    queue: Queue,
    now: datetime,
    *,
    key: str | None = None,
) -> tuple[JobRecord, bool]:
    """Queue a replan of the athlete's plan from ``today``; with ``key``, once per key.

    Returns:
        The job, and False when a job of that key was there already (nothing queued).
    """
    with store.transaction() as repo:
        who = resolve_athlete(repo, athlete)
        if key is not None and (existing := repo.jobs.by_key(key)) is not None:
            return existing, False
        params = {"today": today.isoformat(), "utc_offset_min": utc_offset}
        job = repo.jobs.add("replan", who.id, params, now, key=key, total=1)
    return _submit(store, queue, job), True


def enqueue_replans(
    store: Store,
    targets: Sequence[tuple[int, str]],
    today: date,
    utc_offset: int,
    queue: Queue,
    now: datetime,
) -> int:
    """Queue a replan for each (athlete id, idempotency key) in one transaction and one
    hand-over to the queue; a key queued before is skipped. How many were queued."""
    params = {"today": today.isoformat(), "utc_offset_min": utc_offset}
    with store.transaction() as repo:
        taken = repo.jobs.existing_keys([key for _, key in targets])
        added = [
            repo.jobs.add("replan", athlete_id, params, now, key=key, total=1)
            for athlete_id, key in targets
            if key not in taken
        ]
    if not added:
        return 0
    try:
        queue_ids = queue.submit_many([j.id for j in added])
    except Exception as exc:
        with store.transaction() as repo:
            for job in added:
                repo.jobs.update(job.id, state="failed", error=f"the queue refused it: {exc}"[:500])
        raise StrideliftError(f"the job queue did not take the jobs: {exc}") from exc
    with store.transaction() as repo:
        for job, queue_id in zip(added, queue_ids, strict=True):
            if queue_id is not None:
                repo.jobs.update(job.id, queue_job_id=queue_id)
    return len(added)


def enqueue_nightly(
    store: Store, today: date, utc_offset: int, queue: Queue, now: datetime
) -> JobRecord:
    """Queue the nightly run: a replan for every athlete whose log changed since their
    last stored plan (once per day and log: run it twice, nothing more is queued)."""
    with store.transaction() as repo:
        params = {"today": today.isoformat(), "utc_offset_min": utc_offset}
        job = repo.jobs.add("nightly", None, params, now, total=0)
    return _submit(store, queue, job)


def job_of(store: Store, who: StoredAthlete, job_id: int) -> JobView:
    """The athlete's job with this id.

    Raises:
        UsageError: no such job of this athlete (another athlete's job is not named).
    """
    with store.reading() as repo:
        job = repo.jobs.get(job_id)
        if job is None or job.athlete_id != who.id:
            raise UsageError(f"job: no job {job_id} of {who.name}")
        return JobView(job, who.name, tuple(repo.jobs.files(job.id)))


def job_by_id(store: Store, job_id: int) -> JobView:
    """Any job by its id (the CLI's view, which sees every athlete).

    Raises:
        UsageError: no such job.
    """
    with store.reading() as repo:
        job = repo.jobs.get(job_id)
        if job is None:
            raise UsageError(f"JOB_ID: no job {job_id}")
        name = _athlete_name(repo, job.athlete_id)
        return JobView(job, name, tuple(repo.jobs.files(job.id)))


def _athlete_name(repo: Any, athlete_id: int | None) -> str | None:
    if athlete_id is None:
        return None
    names = {a.id: a.name for a in repo.athletes()}
    return names.get(athlete_id)


def listed(store: Store, athlete: str | None = None, limit: int = 50) -> list[JobView]:
    """The newest jobs first, of one athlete or of every one."""
    with store.reading() as repo:
        names = {a.id: a.name for a in repo.athletes()}
        athlete_id = None if athlete is None else resolve_athlete(repo, athlete).id
        return [
            JobView(j, names.get(j.athlete_id) if j.athlete_id else None, ())
            for j in repo.jobs.listed(athlete_id, limit)
        ]


def wait_for(store: Store, job_id: int, timeout_s: float, poll_s: float = 0.05) -> JobRecord:
    """The job once it has finished, or as it is when ``timeout_s`` has passed."""
    deadline = time.monotonic() + timeout_s
    while True:
        with store.reading() as repo:
            job = repo.jobs.get(job_id)
        if job is None or job.finished or time.monotonic() >= deadline:
            if job is None:
                raise UsageError(f"job: no job {job_id}")
            return job
        time.sleep(poll_s)


# Running ------------------------------------------------------------------------------


class RetryLater(Exception):
    """The job's run broke on something unexpected; the queue should run it again."""


def run_job(store: Store, job_id: int, queue: Queue, clock: Callable[[], datetime]) -> None:
    """Run a stored job once, recording state, progress and result or error.

    A job already finished is left alone (a queue may deliver a job twice).

    Raises:
        RetryLater: the run broke on something unexpected and runs are left; the job's
            row says so, and the queue runs it again.
    """
    from stridelift.services import job_runs

    with store.transaction() as repo:
        job = repo.jobs.lock(job_id)
        if job is None or job.finished:
            return
        repo.jobs.started(job_id, clock())
        attempt = job.attempts + 1
    try:
        result = job_runs.RUNNERS[job.kind](store, job, queue, clock)
    except StrideliftError as exc:
        _finish(store, job_id, clock(), error=str(exc))
        return
    except Exception as exc:
        log.exception("job %s (%s) run %s broke", job_id, job.kind, attempt)
        line = f"unexpected error: {exc!r}"[:400]
        if attempt >= MAX_RUNS:
            _finish(store, job_id, clock(), error=f"{line} (after {attempt} runs)")
            return
        with store.transaction() as repo:
            repo.jobs.update(job_id, state="queued", error=f"run {attempt} broke, retrying: {line}")
        raise RetryLater(line) from exc
    _finish(store, job_id, clock(), result=result)


def _finish(
    store: Store,
    job_id: int,
    now: datetime,
    *,
    result: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    with store.transaction() as repo:
        state = "failed" if error is not None else "done"
        values: dict[str, Any] = {"state": state, "finished_at": now, "error": error}
        if result is not None:
            values["result"] = result
        repo.jobs.update(job_id, **values)
        repo.jobs.drop_contents(job_id)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class InlineQueue:
    """Runs each job at once, in the caller (the CLI on SQLite): no service needed."""

    def __init__(self, store: Store, clock: Callable[[], datetime] = _utc_now) -> None:
        self.store = store
        self.clock = clock

    def submit_many(self, job_ids: Sequence[int]) -> list[int | None]:
        """Run the jobs now, one after the other."""
        return [self.submit(job_id) for job_id in job_ids]

    def submit(self, job_id: int) -> int | None:
        """Run the job now, retrying an unexpected failure up to ``MAX_RUNS`` runs."""
        while True:
            try:
                run_job(self.store, job_id, self, self.clock)
                return None
            except RetryLater:
                time.sleep(RETRY_WAIT_S)


class InProcessQueue:
    """Runs jobs on one background thread of this process (the web app on SQLite).

    ``recover()`` hands back the jobs a stopped process left queued or running.
    """

    def __init__(self, store: Store, clock: Callable[[], datetime] = _utc_now) -> None:
        self.store = store
        self.clock = clock
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stridelift-job")
        self._closed = threading.Event()

    def submit_many(self, job_ids: Sequence[int]) -> list[int | None]:
        """Queue the jobs on the background thread, in order."""
        return [self.submit(job_id) for job_id in job_ids]

    def submit(self, job_id: int) -> int | None:
        """Queue the job on the background thread."""
        self._pool.submit(self._run, job_id)
        return None

    def _run(self, job_id: int) -> None:
        while not self._closed.is_set():
            try:
                run_job(self.store, job_id, self, self.clock)
                return
            except RetryLater:
                self._closed.wait(RETRY_WAIT_S)
            except Exception:  # the store itself broke: the row stays for recover()
                log.exception("job %s could not be run", job_id)
                return

    def recover(self) -> int:
        """Queue again every job left queued or running; how many."""
        with self.store.reading() as repo:
            left = repo.jobs.unfinished()
        for job in left:
            self.submit(job.id)
        return len(left)

    def close(self, wait: bool = True) -> None:
        """Stop taking jobs; with ``wait``, let the one running finish."""
        self._closed.set()
        self._pool.shutdown(wait=wait, cancel_futures=True)


# The queue of a database ---------------------------------------------------------------


def _url(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def distributed(store: Store) -> bool:
    """True when the database is PostgreSQL: jobs go to the workers' queue."""
    return store.engine.dialect.name == "postgresql"


@contextmanager
def job_queue(
    store: Store, *, background: bool, clock: Callable[[], datetime] = _utc_now
) -> Iterator[Queue]:
    """The queue jobs go to: procrastinate on PostgreSQL (a worker runs them); on SQLite
    a thread of this process (``background``, the web app: jobs it left are taken up
    again) or the caller itself (the CLI)."""
    if distributed(store):
        from stridelift.adapters.queue import ProcrastinateQueue, build_app

        app = build_app(_url(store), store, worker=False, clock=clock)
        app.open()
        try:
            yield ProcrastinateQueue(app)
        finally:
            app.close()
    elif background:
        queue = InProcessQueue(store, clock)
        queue.recover()
        try:
            yield queue
        finally:
            queue.close(wait=False)
    else:
        yield InlineQueue(store, clock)


@dataclass(frozen=True, slots=True)
class WorkerSettings:
    """A worker's options, as the CLI takes them."""

    concurrency: int = 1
    heartbeat_s: float = 5.0
    stalled_after_s: float = 30.0
    nightly_cron: str = "0 3 * * *"


def check_worker(store: Store, settings: WorkerSettings) -> None:
    """Check a worker can run on this database with these settings.

    Raises:
        UsageError: the database is SQLite (jobs run in the process that asks there), or
            an option is out of range.
    """
    if not distributed(store):
        raise UsageError(
            "--db: a worker needs a PostgreSQL database; on SQLite jobs run in the process "
            "that asks for them (stridelift serve, or the command itself), no worker needed"
        )
    if settings.concurrency < 1:
        raise UsageError("--concurrency: expected 1 or more")
    if settings.heartbeat_s <= 0 or settings.stalled_after_s < 2 * settings.heartbeat_s:
        raise UsageError("--stalled-after: expected at least twice --heartbeat (both > 0)")
    from croniter import croniter  # type: ignore[import-untyped,unused-ignore]

    if not croniter.is_valid(settings.nightly_cron):
        raise UsageError(f"--nightly-cron: {settings.nightly_cron!r} is not a cron line "
                         "(expected five fields, e.g. '0 3 * * *')")  # fmt: skip


def run_worker(store: Store, settings: WorkerSettings) -> None:
    """Run a queue worker on this PostgreSQL database until Ctrl-C or SIGTERM."""
    check_worker(store, settings)
    from stridelift.adapters.queue import WorkerOptions
    from stridelift.adapters.queue import run_worker as run

    run(_url(store), store, WorkerOptions(
        concurrency=settings.concurrency, heartbeat_s=settings.heartbeat_s,
        stalled_after_s=settings.stalled_after_s, nightly_cron=settings.nightly_cron,
    ))  # fmt: skip
