"""The PostgreSQL queue with real workers: a worker killed in the middle of an import job
leaves the job to another worker, which finishes it; nothing is imported twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import pytest

from stridelift.adapters.store.engine import Store, open_store
from stridelift.adapters.store.jobs_repo import JobRecord
from stridelift.services import athletes, jobs
from stridelift.services.job_runs import STEP_DELAY_ENV
from tests.integration import test_store_fixtures as fixtures

postgres_url = fixtures.postgres_url
pytestmark = pytest.mark.postgres
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
FILES = ("run.gpx", "Friday-Evening-Run.gpx", "20170319_run_906581465.gpx")


@pytest.fixture
def store(postgres_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = open_store(postgres_url)
    athletes.add_athlete(opened, fixtures.write_profile(tmp_path, "Ann"), NOW)
    try:
        yield opened
    finally:
        opened.close()


def _worker(url: str, delay_s: float, log: IO[bytes]) -> subprocess.Popen[bytes]:
    """`stridelift worker` in its own process, quick to be found dead once killed."""
    return subprocess.Popen(
        [sys.executable, "-m", "stridelift", "worker", "--db", url,
         "--heartbeat", "0.5", "--stalled-after", "2"],
        env={**os.environ, STEP_DELAY_ENV: str(delay_s)},
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def _job(store: Store, job_id: int) -> JobRecord:
    return jobs.job_by_id(store, job_id).job


def _wait(store: Store, job_id: int, until: str, timeout_s: float) -> JobRecord:
    deadline = time.monotonic() + timeout_s
    while True:
        job = _job(store, job_id)
        if (until == "one file" and job.progress_done >= 1) or job.state == until:
            return job
        assert time.monotonic() < deadline, f"job never reached {until}: {job}"
        time.sleep(0.1)


def test_a_killed_workers_import_job_is_retried_finishes_and_imports_nothing_twice(
    store: Store, postgres_url: str, activities_dir: Path, tmp_path: Path
) -> None:
    uploads = [jobs.Upload(n, (activities_dir / "gpx" / n).read_bytes()) for n in FILES]
    with jobs.job_queue(store, background=False) as queue:
        job = jobs.enqueue_import(store, "Ann", uploads, queue, NOW)
    log_path = tmp_path / "workers.log"
    with log_path.open("ab") as log:
        _kill_one_then_finish(store, postgres_url, job.id, log)
    done = _job(store, job.id)
    assert done.state == "done", log_path.read_text()
    assert done.attempts == 2
    assert done.result is not None
    assert done.result["counts"] == {"imported": 3, "duplicate": 0, "skipped": 0, "failed": 0}
    with store.reading() as repo:
        counts = repo.row_counts()
        log_rows = repo.import_log(1)
    assert counts["activities"] == 3
    assert sorted((e.file_name, e.status) for e in log_rows) == sorted(
        (n, "imported") for n in FILES
    )


def _kill_one_then_finish(store: Store, url: str, job_id: int, log: IO[bytes]) -> None:
    first = _worker(url, 3.0, log)
    try:
        midway = _wait(store, job_id, "one file", 60)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        first.kill()
    assert (midway.state, midway.progress_done) == ("running", 1)
    time.sleep(1)
    assert _job(store, job_id).state == "running"  # nobody finishes it...

    second = _worker(url, 0.0, log)  # ...until another worker takes it up
    try:
        _wait(store, job_id, "done", 90)
    finally:
        second.send_signal(signal.SIGINT)
        second.wait(timeout=30)
    assert second.returncode == 0  # Ctrl-C stops a worker cleanly


def test_a_worker_on_sqlite_is_refused_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stridelift", "worker", "--db", f"sqlite:///{tmp_path / 'a.db'}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.startswith("error: --db: a worker needs a PostgreSQL database;")
    assert len(result.stderr.splitlines()) == 1


def test_a_worker_runs_the_nightly_replan_on_its_schedule(
    store: Store, postgres_url: str, tmp_path: Path
) -> None:
    every_two_seconds = "* * * * * */2"  # procrastinate's sixth field: seconds
    with (tmp_path / "worker.log").open("ab") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "stridelift", "worker", "--db", postgres_url,
             "--nightly-cron", every_two_seconds],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while not [v for v in jobs.listed(store) if v.job.kind == "replan" and v.job.finished]:
                assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()
                time.sleep(0.2)
        finally:
            worker.send_signal(signal.SIGINT)
            worker.wait(timeout=30)
    kinds = {v.job.kind for v in jobs.listed(store)}
    assert kinds == {"nightly", "replan"}  # Ann has no stored plan: it makes her first
    with store.reading() as repo:
        assert repo.row_counts()["plan_snapshots"] == 1
