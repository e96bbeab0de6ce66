"""Every command's help in one style, `--version`, and a bare `stridelift`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import version

import pytest
import typer
from typer.main import get_command
from typer.testing import CliRunner

runner = CliRunner()


def _root_app() -> typer.Typer:
    from stridelift.cli import app as root

    if not root.app.registered_groups:
        root._register_commands()
    return root.app


def _paths(command: object, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _paths(sub, (*path, name))


PATHS = list(_paths(get_command(_root_app())))


def _program(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stridelift", *args],
        env={**os.environ, "COLUMNS": "120"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_walk_finds_every_command() -> None:
    assert {"init", "plan", "export", "import", "log", "athlete"} <= {p[0] for p in PATHS if p}
    assert ("log", "run") in PATHS


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "root" for p in PATHS])
def test_help_names_values_in_words_and_marks_required_options_alike(
    path: tuple[str, ...],
) -> None:
    result = runner.invoke(_root_app(), [*path, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stdout
    text = result.stdout
    assert not re.search(r"<(bool|str|int|float|path|list|Path)", text), text
    usage = next(line for line in text.splitlines() if "Usage:" in line)
    assert "{" not in usage and not re.search(r"\.\.\.\]?\.\.\.", usage), usage
    for line in text.splitlines():
        if "Required." in line:
            pytest.fail(f"an option says 'Required.' in words: {line}")
        if "[required]" in line and re.search(r"│ +--|│ +[A-Z]", line):
            assert "*" in line, line  # the star goes with [required] on the same row


def test_a_required_option_the_command_checks_shows_the_star_and_keeps_its_own_message() -> None:
    help_text = runner.invoke(_root_app(), ["log", "run", "--help"], env={"COLUMNS": "200"})
    assert re.search(r"\* +--type +TYPE", help_text.stdout)
    assert re.search(r"\* +--minutes +MIN", help_text.stdout)
    missing = runner.invoke(_root_app(), ["log", "run", "--minutes", "30"])
    assert missing.exit_code == 2
    assert missing.stderr.startswith("error: --type: missing (expected one of easy")


def test_version_prints_the_package_version_and_exits_0() -> None:
    done = _program("--version")
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"stridelift {version('stridelift')}\n",
        "",
    )


def test_a_bare_stridelift_shows_the_help_and_exits_0() -> None:
    done = _program()
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout and "plan" in done.stdout and "--version" in done.stdout
    assert done.stderr == ""
