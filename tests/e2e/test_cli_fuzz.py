"""Every command with random argument values: exit 0, or one line and exit 1 or 2 with the
database as it was; never a traceback.

The commands run in this process through the real entry point (``stridelift.cli.app.main``)
against one SQLite logbook; a command that succeeds may change it (a logged run, a stored
plan), and that state is what the next command's "as it was" is compared with.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings

from stridelift.adapters.store.backup import dump_tables
from stridelift.adapters.store.engine import open_store
from stridelift.cli import app as root
from stridelift.settings import DATABASE_URL_ENV
from tests.e2e.entry import FIXTURE, program
from tests.strategies import cli_commands


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder with the paths the strategies name, and a logbook holding Maya and a run."""
    here = tmp_path_factory.mktemp("fuzz")
    shutil.copy(FIXTURE, here / "profile.toml")
    (here / "folder").mkdir()
    env = {DATABASE_URL_ENV: f"sqlite:///{here / 'log.db'}", "HOME": str(here)}
    for argv in (
        ["athlete", "add", "--profile", str(FIXTURE)],
        ["log", "run", "--type", "easy", "--minutes", "40", "--date", "2026-11-20"],
        ["backup", str(here / "backup.json")],
    ):
        assert program(*argv, env=env).code == 0
    yield here


def _tables(url: str) -> dict[str, Any]:
    store = open_store(url)
    try:
        with store.reading() as repo:
            return dump_tables(repo.session)
    finally:
        store.close()


def _run(args: list[str]) -> tuple[int, str]:
    """Exit status and standard error of one command line, run by the real entry point."""
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    stderr = io.StringIO()
    status = 0
    with (
        mock.patch.object(sys, "argv", ["stridelift", *args]),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            root.main()
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
    return status, stderr.getvalue()


@settings(max_examples=150)  # the rest (derandomize, no deadline) from the loaded profile
@given(args=cli_commands())
def test_random_arguments_give_exit_0_or_one_line_and_the_database_as_it_was(
    folder: Path, args: list[str]
) -> None:
    url = f"sqlite:///{folder / 'log.db'}"
    env = {DATABASE_URL_ENV: url, "COLUMNS": "200", "XDG_DATA_HOME": str(folder / "data")}
    before = _tables(url)
    with mock.patch.dict(os.environ, env), contextlib.chdir(folder):
        status, err = _run(args)
    assert "Traceback" not in err, (args, err)
    if status == 0:
        return
    assert status in (1, 2), (args, status, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), (args, err)
    assert _tables(url) == before, args
