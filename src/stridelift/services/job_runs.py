"""The work of each kind of background job: an import, a replan, the nightly run.

Each runner is safe to run again after a kill: an import skips the files it finished and
keeps the outcomes it stored (written in the same transaction as the file's rows, so a
file is never stored twice and never reported twice); a replan stores a plan only when it
differs from the last stored one; the nightly run queues each athlete's replan under a key
of the day and the log, so a second run queues nothing new.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stridelift.errors import UsageError

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.jobs_repo import JobFile, JobRecord
    from stridelift.adapters.store.repository import Repository
    from stridelift.services.imports import FileOutcome
    from stridelift.services.jobs import Queue

# Test seam: seconds to wait after each step of a job (a file imported, an athlete queued),
# so tests/integration/test_jobs_worker_kill.py can kill a worker in the middle of a job.
STEP_DELAY_ENV = "STRIDELIFT_TEST_JOB_STEP_DELAY"

Runner = Callable[["Store", "JobRecord", "Queue", Callable[[], datetime]], dict[str, Any]]


def _step_delay() -> None:
    delay = os.environ.get(STEP_DELAY_ENV)
    if delay:
        time.sleep(float(delay))


def _progress(store: Store, job_id: int, done: int, total: int, text: str) -> None:
    with store.transaction() as repo:
        repo.jobs.update(job_id, progress_done=done, progress_total=total,
                         progress_text=text[:300])  # fmt: skip


def _athlete_name(store: Store, athlete_id: int | None) -> str:
    with store.reading() as repo:
        name = repo.jobs.athlete_name(athlete_id)
    if name is None:
        raise UsageError("athlete: the job's athlete is no longer stored")
    return name


def outcome_dict(o: FileOutcome) -> dict[str, Any]:
    """A file's outcome as the job keeps it (JSON)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(o).items()}


def _recorder(file: JobFile) -> Callable[[Repository, FileOutcome], None]:
    """The import service's hook: note each stored outcome in the file's transaction; a
    source this job stored in an earlier run keeps that run's outcome."""
    seen = {str(o.get("path")) for o in file.outcomes}

    def record(repo: Repository, outcome: FileOutcome) -> None:
        if outcome.path not in seen:
            repo.jobs.add_outcome(file.id, outcome_dict(outcome))
            seen.add(outcome.path)

    return record


def _import_file(
    store: Store, job: JobRecord, name: str, file: JobFile, now: Any, done: int = 0
) -> None:
    """Import one job file whole, then mark it finished with the outcomes not yet noted
    (and the job's progress: ``done`` files before it)."""
    from stridelift.methodologies import load_library
    from stridelift.services.uploads import Upload, import_uploads, safe_name

    with store.reading() as repo:
        content = repo.jobs.file_content(file.id)
    if content is None:
        raise UsageError(f"files: {file.name} is no longer kept; upload it again")
    record = _recorder(file)
    with tempfile.TemporaryDirectory(prefix="stridelift-job-") as folder:
        path = Path(folder) / safe_name(file.name)
        path.write_bytes(content)
        report = import_uploads(
            store, name, [Upload(file.name, path, len(content))], load_library(),
            now=now, on_stored=record,
        )  # fmt: skip
    with store.transaction() as repo:
        for outcome in report.outcomes:
            if outcome.status == "failed":  # failures are written in their own commit
                record(repo, outcome)
        repo.jobs.finish_file(file.id)
        repo.jobs.update(job.id, progress_done=done + 1, progress_text=f"read {file.name}"[:300])


def run_import(
    store: Store, job: JobRecord, queue: Queue, clock: Callable[[], datetime]
) -> dict[str, Any]:
    """Import the job's files in upload order, skipping those a previous run finished."""
    name = _athlete_name(store, job.athlete_id)
    with store.reading() as repo:
        files = repo.jobs.files(job.id)
    total = len(files)
    for done, file in enumerate(files):
        if file.finished:
            continue
        _progress(store, job.id, done, total, f"reading {file.name}")
        _import_file(store, job, name, file, clock, done)
        _step_delay()
    with store.reading() as repo:
        outcomes = [o for f in repo.jobs.files(job.id) for o in f.outcomes]
    statuses = [str(o.get("status")) for o in outcomes]
    summary = {s: statuses.count(s) for s in ("imported", "duplicate", "skipped", "failed")}
    return {"athlete": name, "files": outcomes, "counts": summary}


def _day_and_zone(job: JobRecord) -> tuple[date, timezone]:
    today = date.fromisoformat(str(job.params["today"]))
    return today, timezone(timedelta(minutes=int(job.params.get("utc_offset_min", 0))))


def run_replan(
    store: Store, job: JobRecord, queue: Queue, clock: Callable[[], datetime]
) -> dict[str, Any]:
    """Plan again from the job's day with the log; store the plan when it changed."""
    from stridelift.services.replan import replan

    name = _athlete_name(store, job.athlete_id)
    today, tz = _day_and_zone(job)
    _progress(store, job.id, 0, 1, f"planning {name}'s season from {today.isoformat()}")
    result = replan(store, name, today, tz=tz, save=True, now=clock())
    _step_delay()
    _progress(store, job.id, 1, 1, "plan stored" if result.stored else "plan unchanged")
    return {
        "athlete": name,
        "today": today.isoformat(),
        "stored": result.stored,
        "changes": len(result.changes),
        "inputs_sha256": result.inputs_sha256,
    }


def run_nightly(
    store: Store, job: JobRecord, queue: Queue, clock: Callable[[], datetime]
) -> dict[str, Any]:
    """Queue a replan for every athlete whose log changed since their last stored plan."""
    from stridelift.services.jobs import enqueue_replans

    today, _ = _day_and_zone(job)
    offset = int(job.params.get("utc_offset_min", 0))
    with store.reading() as repo:
        changed = repo.jobs.changed_athletes()
    _progress(store, job.id, 0, len(changed), f"{len(changed)} logs changed")
    targets = [
        (athlete_id, f"nightly:{today.isoformat()}:{athlete_id}:{changed_at.isoformat()}")
        for athlete_id, _, changed_at in changed
    ]
    queued = enqueue_replans(store, targets, today, offset, queue, clock())
    _progress(store, job.id, len(changed), len(changed), f"queued {queued} replans")
    _step_delay()
    return {"today": today.isoformat(), "changed": len(changed), "queued": queued}


RUNNERS: dict[str, Runner] = {"import": run_import, "replan": run_replan, "nightly": run_nightly}
