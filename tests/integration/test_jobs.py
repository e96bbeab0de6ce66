"""Background jobs on SQLite and PostgreSQL: imports, replans and the nightly run, run
inline, state and progress recorded, a second run changing nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from stridelift.adapters.store.engine import Store, open_store
from stridelift.errors import StrideliftError, UsageError
from stridelift.services import athletes, jobs
from stridelift.services.logbook import RunEntry, log_run
from tests.integration import test_store_fixtures as fixtures

database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url

TODAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(database_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = open_store(database_url)
    athletes.add_athlete(opened, fixtures.write_profile(tmp_path, "Ann"), NOW)
    try:
        yield opened
    finally:
        opened.close()


def _inline(store: Store) -> jobs.InlineQueue:
    """Every job runs at once in the test, whatever the database."""
    return jobs.InlineQueue(store, lambda: NOW)


def _gpx(activities_dir: Path, name: str = "run.gpx") -> jobs.Upload:
    return jobs.Upload(name, (activities_dir / "gpx" / name).read_bytes())


def test_an_import_job_stores_its_files_once_and_reports_each(
    store: Store, activities_dir: Path
) -> None:
    uploads = [_gpx(activities_dir), _gpx(activities_dir, "Friday-Evening-Run.gpx"),
               jobs.Upload("notes.txt", b"not an activity")]  # fmt: skip
    job = jobs.enqueue_import(store, "Ann", uploads, _inline(store), NOW)
    view = jobs.job_by_id(store, job.id)
    assert (view.job.state, view.job.attempts, view.percent) == ("done", 1, 100)
    assert [(o["path"], o["status"]) for o in view.outcomes()] == [
        ("run.gpx", "imported"), ("Friday-Evening-Run.gpx", "imported"), ("notes.txt", "failed"),
    ]  # fmt: skip
    assert view.job.result is not None
    assert view.job.result["counts"] == {"imported": 2, "duplicate": 0, "skipped": 0, "failed": 1}
    with store.reading() as repo:
        assert repo.row_counts()["activities"] == 2
        assert repo.jobs.file_content(view.files[0].id) is None  # the bytes are let go


def test_a_job_run_again_after_it_finished_changes_nothing(
    store: Store, activities_dir: Path
) -> None:
    job = jobs.enqueue_import(store, "Ann", [_gpx(activities_dir)], _inline(store), NOW)
    jobs.run_job(store, job.id, _inline(store), lambda: NOW)
    view = jobs.job_by_id(store, job.id)
    assert (view.job.state, view.job.attempts) == ("done", 1)
    with store.reading() as repo:
        assert repo.row_counts()["activities"] == 1


def test_a_half_done_import_run_again_skips_what_it_stored_and_keeps_its_outcomes(
    store: Store, activities_dir: Path
) -> None:
    uploads = [_gpx(activities_dir), _gpx(activities_dir, "Friday-Evening-Run.gpx")]
    with store.transaction() as repo:  # as a killed worker leaves it: first file stored
        job = repo.jobs.add("import", 1, {}, NOW, total=2)
        for i, u in enumerate(uploads):
            repo.jobs.add_file(job.id, i, u.name, u.content)
    from stridelift.services.job_runs import _import_file

    with store.reading() as repo:
        first = repo.jobs.files(job.id)[0]
    _import_file(store, job, "Ann", first, lambda: NOW)
    with store.transaction() as repo:
        repo.jobs.update(job.id, state="running", attempts=1)

    jobs.run_job(store, job.id, _inline(store), lambda: NOW)
    view = jobs.job_by_id(store, job.id)
    assert (view.job.state, view.job.attempts) == ("done", 2)
    assert [o["status"] for o in view.outcomes()] == ["imported", "imported"]
    with store.reading() as repo:
        assert repo.row_counts()["activities"] == 2


def test_an_import_job_for_an_unknown_athlete_is_refused_with_nothing_stored(
    store: Store, activities_dir: Path
) -> None:
    with pytest.raises(UsageError, match="Bob"):
        jobs.enqueue_import(store, "Bob", [_gpx(activities_dir)], _inline(store), NOW)
    with pytest.raises(UsageError, match="files: send at least one file"):
        jobs.enqueue_import(store, "Ann", [], _inline(store), NOW)
    with store.reading() as repo:
        assert repo.row_counts()["jobs"] == 0


def test_a_job_whose_athlete_is_gone_fails_with_one_line(store: Store) -> None:
    with store.transaction() as repo:
        job = repo.jobs.add("replan", None, {"today": TODAY.isoformat()}, NOW, total=1)
    jobs.run_job(store, job.id, _inline(store), lambda: NOW)
    view = jobs.job_by_id(store, job.id)
    assert view.job.state == "failed"
    assert view.job.error == "athlete: the job's athlete is no longer stored"


def test_a_job_the_queue_refuses_fails_and_says_so(store: Store) -> None:
    class Broken:
        def submit(self, job_id: int) -> int | None:
            raise OSError("connection refused")

    with pytest.raises(StrideliftError, match="the job queue did not take the job"):
        jobs.enqueue_replan(store, "Ann", TODAY, 0, Broken(), NOW)
    (view,) = jobs.listed(store)
    assert view.job.state == "failed"
    assert view.job.error == "the queue refused it: connection refused"


def test_a_replan_job_stores_the_plan_and_a_second_one_stores_nothing_new(store: Store) -> None:
    first, _ = jobs.enqueue_replan(store, "Ann", TODAY, 60, _inline(store), NOW)
    second, _ = jobs.enqueue_replan(store, "Ann", TODAY, 60, _inline(store), NOW)
    done = [jobs.job_by_id(store, j.id).job for j in (first, second)]
    assert [(j.state, j.result and j.result["stored"]) for j in done] == [
        ("done", True), ("done", False),
    ]  # fmt: skip
    with store.reading() as repo:
        assert repo.row_counts()["plan_snapshots"] == 1


def test_the_nightly_run_replans_exactly_the_athletes_whose_log_changed(
    store: Store, tmp_path: Path
) -> None:
    for name in ("Bea", "Cy"):
        athletes.add_athlete(store, fixtures.write_profile(tmp_path, name), NOW)
    queue = _inline(store)
    for name in ("Ann", "Bea", "Cy"):
        jobs.enqueue_replan(store, name, TODAY, 0, queue, NOW)
    later = datetime(2026, 11, 21, 18, 0, tzinfo=UTC)
    log_run(store, "Bea", RunEntry(date(2026, 11, 21), "easy", 30), today=TODAY, now=later)

    at_night = jobs.InlineQueue(store, lambda: later)
    nightly = jobs.enqueue_nightly(store, TODAY, 0, at_night, later)
    again = jobs.enqueue_nightly(store, TODAY, 0, at_night, later)

    results = [jobs.job_by_id(store, j.id).job.result for j in (nightly, again)]
    assert results == [
        {"today": "2026-11-21", "changed": 1, "queued": 1},
        {"today": "2026-11-21", "changed": 0, "queued": 0},
    ]
    replans = [v for v in jobs.listed(store) if v.job.kind == "replan"]
    assert [v.athlete for v in replans] == ["Bea", "Cy", "Bea", "Ann"]
    assert replans[0].job.result is not None and replans[0].job.result["stored"] is True
