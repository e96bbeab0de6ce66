"""Far dates: every command takes dates in 1970-01-01..2200-12-31 and plans 104 weeks ahead."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from stridelift.settings import DATABASE_URL_ENV
from tests.e2e.entry import FIXTURE, Cli, program

BOUNDS = "1970-01-01 to 2200-12-31"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(capsys, monkeypatch)


@pytest.fixture
def stored(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Maya stored in a fresh SQLite logbook, which every logbook command then uses."""
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{tmp_path / 'log.db'}")
    cli("athlete", "add", "--profile", FIXTURE)
    return cli


FAR = [
    (["plan", "--profile", FIXTURE, "--today", "9999-12-31"], "--today"),
    (["plan", "--profile", FIXTURE, "--today", "1900-01-01"], "--today"),
    (["explain", "9999-12-31", "--profile", FIXTURE, "--today", "2026-11-23"], "DATE"),
    (["explain", "2026-11-23", "--profile", FIXTURE, "--today", "9999-12-31"], "--today"),
    (["export", "ics", "--profile", FIXTURE, "--today", "9999-12-31", "-o", "x.ics"], "--today"),
    (["export", "ics", "--profile", FIXTURE, "--from", "0001-01-01", "-o", "x.ics"], "--from"),
    (["history", "--since", "9999-12-31"], "--since"),
    (["history", "--until", "0001-01-01"], "--until"),
    (["today", "--today", "0001-01-01"], "--today"),
    (["replan", "--today", "9999-12-31"], "--today"),
    (["stats", "--today", "9999-12-31"], "--today"),
    (["stats", "--today", "0001-01-01"], "--today"),
    (["busy", "--week", "9999-12-31"], "--week"),
    (["busy", "--week", "2026-11-23", "--today", "0001-01-01"], "--today"),
    (["log", "run", "--type", "easy", "--minutes", "30", "--date", "0001-01-01"], "--date"),
    (["log", "lift", "--date", "9999-12-31", "goblet_squat:8x20@2"], "--date"),
    (["checkin", "--date", "0001-01-01", "--fatigue", "3"], "--date"),
]


@pytest.mark.parametrize(("args", "flag"), FAR, ids=[" ".join(map(str, a[:2])) for a, _ in FAR])
def test_a_date_outside_the_calendar_is_one_line_naming_the_flag_and_the_bounds(
    stored: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], flag: str
) -> None:
    monkeypatch.chdir(tmp_path)
    run = stored(*args, code=2)
    line = run.one_line_error(f"{flag}:", BOUNDS)
    assert "--since" not in line or flag == "--since"  # stats has no --since to blame
    assert not (tmp_path / "x.ics").exists()
    assert "nothing logged" in stored("history", "--since", "2026-01-01").out


def test_a_race_past_the_two_year_horizon_is_refused_at_once(cli: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "far.toml"
    profile.write_text(FIXTURE.read_text().replace("2027-04-11", "2100-04-11"))
    started = time.monotonic()
    run = cli("plan", "--profile", profile, "--today", "2026-11-23", code=2)
    assert time.monotonic() - started < 10
    run.one_line_error("Riverside Marathon", "2100-04-11", "104 weeks")


def test_a_profile_race_outside_the_calendar_names_its_key(cli: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "far.toml"
    profile.write_text(FIXTURE.read_text().replace("2027-04-11", "9999-12-31"))
    run = cli("plan", "--profile", profile, "--today", "2026-11-23", code=2)
    run.one_line_error("races[", "9999-12-31", BOUNDS)


def test_a_year_one_run_in_tokyo_is_refused_and_history_still_reads(tmp_path: Path) -> None:
    env = {"TZ": "Asia/Tokyo", DATABASE_URL_ENV: f"sqlite:///{tmp_path / 'log.db'}"}
    assert program("athlete", "add", "--profile", FIXTURE, env=env).code == 0
    logged = program(
        "log", "run", "--type", "easy", "--minutes", "30", "--date", "0001-01-01", env=env
    )
    assert logged.code == 2
    logged.one_line_error("--date:", BOUNDS)
    shown = program("history", "--since", "1970-01-01", env=env)
    assert shown.code == 0, shown.err
    assert "nothing logged" in shown.out
