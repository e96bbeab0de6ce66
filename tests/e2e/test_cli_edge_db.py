"""--db and STRIDELIFT_DATABASE_URL: a URL that would lose the data, or that cannot be read,
is refused in one line naming where it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from stridelift.settings import DATABASE_URL_ENV
from tests.e2e.entry import FIXTURE, Cli

IN_MEMORY = ["", "sqlite://", "sqlite:///", ":memory:", "sqlite:///:memory:"]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    """The CLI with its default database folder in tmp_path and no URL in the environment."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    return Cli(capsys, monkeypatch)


@pytest.mark.parametrize("url", IN_MEMORY)
def test_a_db_that_names_no_file_is_refused_and_nothing_is_written(
    cli: Cli, tmp_path: Path, url: str
) -> None:
    run = cli("athlete", "add", "--profile", FIXTURE, "--db", url, code=2)
    run.one_line_error("--db:", "sqlite:///path/to/file.db")
    assert run.out == ""
    assert not (tmp_path / "data").exists()  # not the default file either


@pytest.mark.parametrize("url", IN_MEMORY[1:])
def test_restore_into_a_db_that_names_no_file_is_refused(
    cli: Cli, tmp_path: Path, url: str
) -> None:
    backup = tmp_path / "b.json"
    backup.write_text("{}")
    cli("restore", backup, "--db", url, code=2).one_line_error("--db:", "in-memory")


def test_a_malformed_postgresql_url_is_one_line(cli: Cli) -> None:
    run = cli("athlete", "list", "--db", "postgresql://u@[::1:5432/x", code=2)
    run.one_line_error("--db:", "'postgresql://u@[::1:5432/x' is not a database URL")


@pytest.mark.parametrize("url", ["postgresql://u@[::1:5432/x", "sqlite://", ""])
def test_a_bad_url_from_the_environment_names_the_variable_not_db(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    line = cli("history", code=2).one_line_error(f"{DATABASE_URL_ENV}:")
    assert "--db" not in line
