"""Text limits are the same on SQLite and PostgreSQL: what one refuses the other refuses,
in one line naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from stridelift.adapters.store.engine import open_store
from stridelift.settings import DATABASE_URL_ENV
from tests.e2e.entry import FIXTURE, Cli
from tests.integration import test_store_fixtures as fixtures

database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, database_url: str
) -> Cli:
    monkeypatch.setenv(DATABASE_URL_ENV, database_url)
    return Cli(capsys, monkeypatch)


def _rows(url: str) -> dict[str, int]:
    store = open_store(url)
    try:
        with store.reading() as repo:
            return {t: n for t, n in repo.row_counts().items() if n}
    finally:
        store.close()


@pytest.mark.parametrize(
    ("name", "expected"),
    [("x" * 5000, "is longer than 200 characters"), ("Ma\\u0000ya", "holds a control character")],
    ids=["5000 characters", "NUL"],
)
def test_an_athlete_name_either_database_would_refuse_is_one_line_naming_name(
    cli: Cli, tmp_path: Path, database_url: str, name: str, expected: str
) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(FIXTURE.read_text().replace('"Maya Lindqvist"', f'"{name}"'))
    cli("athlete", "add", "--profile", profile, code=2).one_line_error("p.toml: name: ", expected)
    assert _rows(database_url) == {}


def test_notes_with_a_nul_are_refused_naming_the_flag(cli: Cli, database_url: str) -> None:
    cli("athlete", "add", "--profile", FIXTURE)
    run = cli("log", "run", "--type", "easy", "--minutes", "30", "--notes", "a\x00b", code=2)
    run.one_line_error("--notes: ", "NUL")
    assert "activities" not in _rows(database_url)


def test_an_imported_name_too_long_for_its_column_fails_that_file_alike_on_both(
    cli: Cli, tmp_path: Path, database_url: str
) -> None:
    cli("athlete", "add", "--profile", FIXTURE)
    csv = tmp_path / "strong.csv"
    csv.write_text(
        '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
        '"Distance","Seconds","Notes","Workout Notes","RPE"\n'
        f'"2026-11-02 18:00:00","Legs","50min","{"Q" * 250}","1","80","5","0","0","","",""\n'
    )
    run = cli("import", csv, code=1)
    assert run.err.strip().splitlines() == [
        f"failed: {csv}: not stored: strength_sets.source_name: the text is longer than "
        "200 characters; nothing was written"
    ]
    assert "lift_sessions" not in _rows(database_url)
