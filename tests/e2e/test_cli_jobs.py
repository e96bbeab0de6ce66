"""`stridelift jobs` and `stridelift worker` through the real entry point on SQLite: the
nightly run replans a changed log here, jobs list and show what happened, and the errors
are one line each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.entry import FIXTURE, Cli


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(capsys, monkeypatch)


@pytest.fixture
def db(tmp_path: Path, cli: Cli) -> str:
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    cli("athlete", "add", "--profile", FIXTURE, "--db", url)
    return url


def test_the_nightly_run_replans_a_changed_log_here_and_the_jobs_say_so(cli: Cli, db: str) -> None:
    cli("log", "run", "--type", "easy", "--minutes", "30", "--db", db)
    first = cli("jobs", "nightly", "--db", db)
    again = cli("jobs", "nightly", "--db", db)
    listed = json.loads(cli("jobs", "list", "--json", "--db", db).out)
    shown = cli("jobs", "show", str(listed[1]["id"]), "--db", db)
    assert first.code == 0 and again.code == 0
    assert first.out.splitlines()[1] == "  today " + listed[1]["result"]["today"] + (
        ", changed 1, queued 1"
    )
    assert "changed 0, queued 0" in again.out
    assert [(j["kind"], j["state"], j["athlete"]) for j in listed] == [
        ("nightly", "done", None), ("replan", "done", "Maya Lindqvist"), ("nightly", "done", None),
    ]  # fmt: skip
    assert shown.out.startswith("job 2: replan for Maya Lindqvist, done (1/1, plan stored)")


def test_an_unknown_job_and_a_worker_on_sqlite_are_refused_in_one_line(cli: Cli, db: str) -> None:
    unknown = cli("jobs", "show", "99", "--db", db, code=2)
    worker = cli("worker", "--db", db, code=2)
    assert (unknown.code, worker.code) == (2, 2)
    unknown.one_line_error("JOB_ID", "no job 99")
    worker.one_line_error("--db", "PostgreSQL", "no worker needed")


def test_a_replan_job_runs_here_on_sqlite_and_stores_the_plan(cli: Cli, db: str) -> None:
    run = cli("jobs", "replan", "--db", db)
    assert run.out.startswith("job 1: replan for Maya Lindqvist, done (1/1, plan stored)")
    unknown = cli("jobs", "replan", "--athlete", "Nobody", "--db", db, code=2)
    unknown.one_line_error("--athlete", "Nobody")
