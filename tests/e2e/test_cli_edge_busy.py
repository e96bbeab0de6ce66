"""`busy --week`: the mark and its replan land together or not at all."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from stridelift.adapters.store.engine import open_store
from stridelift.settings import DATABASE_URL_ENV
from tests.e2e.entry import FIXTURE, Cli


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'log.db'}"
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    return url


def _busy_weeks_and_plans(url: str) -> tuple[list[date], int]:
    store = open_store(url)
    try:
        with store.reading() as repo:
            (athlete,) = repo.athletes()
            return repo.busy_weeks(athlete.id), len(repo.plan_snapshots(athlete.id))
    finally:
        store.close()


def test_a_replan_that_fails_leaves_the_week_unmarked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    cli = Cli(capsys, monkeypatch)
    cli("athlete", "add", "--profile", FIXTURE)
    # In 1990 Maya's 2027 races are past the 104-week horizon: the replan is refused.
    run = cli("busy", "--week", "1990-01-03", "--today", "1990-01-01", code=2)
    run.one_line_error("104 weeks")
    assert _busy_weeks_and_plans(url) == ([], 0)


# The replan's planner sends the process SIGTERM: the signal lands in the middle of it.
KILLED_IN_REPLAN = textwrap.dedent(
    """
    import os, signal, sys
    import stridelift.services.replan as service
    real = service.plan
    def plan(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)
        return real(*args, **kwargs)
    service.plan = plan
    sys.argv = ["stridelift", *sys.argv[1:]]
    from stridelift.cli.app import main
    main()
    """
)


def test_sigterm_during_the_replan_leaves_the_week_unmarked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    Cli(capsys, monkeypatch)("athlete", "add", "--profile", FIXTURE)
    done = subprocess.run(
        [sys.executable, "-c", KILLED_IN_REPLAN, "busy", "--week", "2026-11-26", "--today",
         "2026-11-18"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == -signal.SIGTERM, done.stderr
    assert _busy_weeks_and_plans(url) == ([], 0)
