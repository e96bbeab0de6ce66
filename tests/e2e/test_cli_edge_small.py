"""Smaller edges: a same-day check-in race, usage errors, export errors' form and status."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from stridelift.adapters.store.engine import open_store
from stridelift.domain.activity import CheckIn
from stridelift.errors import StrideliftError
from stridelift.services import logbook
from tests.e2e.entry import FIXTURE, Cli, program
from tests.integration import test_store_fixtures as fixtures

database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
NOW = datetime(2026, 11, 20, 7, tzinfo=UTC)
DAY = date(2026, 11, 20)


def test_the_loser_of_a_same_day_check_in_race_is_told_it_checked_in_already(
    database_url: str,
) -> None:
    first = open_store(database_url)
    with first.transaction() as repo:
        repo.add_athlete("Maya", FIXTURE.read_text(), NOW)
    first.close()
    stores = [open_store(database_url) for _ in range(6)]
    start = threading.Barrier(len(stores))
    errors: list[str] = []

    def check_in(store: object) -> None:
        start.wait()
        try:
            logbook.log_checkin(store, None, CheckIn(day=DAY, fatigue=4), today=DAY, now=NOW)  # type: ignore[arg-type]
        except StrideliftError as exc:
            errors.append(str(exc))

    threads = [threading.Thread(target=check_in, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert errors == ["--date: Maya checked in on 2026-11-20 already (add --replace to "
                      "overwrite it)"] * 5  # fmt: skip


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(capsys, monkeypatch)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["plan", "--bogus"], "error: No such option: --bogus (see '"),
        (["plan"], "error: --profile: give a profile file, or --athlete NAME for a stored athlete"),
        (["plann"], "error: No such command 'plann'. Did you mean 'plan'"),
        (["plan", "-p", str(FIXTURE), "--weeks", "abc"], "error: Invalid value for '--weeks'"),
    ],
)
def test_a_usage_error_is_one_line_exit_2(cli: Cli, args: list[str], expected: str) -> None:
    run = cli(*args, code=2)
    assert run.out == ""
    assert run.one_line_error().startswith(expected)


@pytest.mark.parametrize("fmt", ["pdf", "fit", "ics", "json", "csv"])
def test_an_export_that_cannot_write_is_one_line_exit_2_in_every_format(fmt: str) -> None:
    # /proc is a folder that exists and takes no new files.
    run = program("export", fmt, "--profile", FIXTURE, "-o", Path("/proc") / f"x.{fmt}")
    assert run.code == 2, run.err
    assert run.err == f"error: cannot write /proc/x.{fmt}: No such file or directory\n"
