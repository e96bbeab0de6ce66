"""Output to a full disk (>/dev/full): one line and exit 1 on every command, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stridelift.settings import DATABASE_URL_ENV
from tests.e2e.entry import FIXTURE

FULL = Path("/dev/full")
COMMANDS = [
    ["plan", "--profile", str(FIXTURE), "--json"],
    ["plan", "--profile", str(FIXTURE)],
    ["explain", "2026-11-25", "--profile", str(FIXTURE), "--today", "2026-11-23"],
    ["export", "json", "--profile", str(FIXTURE), "-o", "-"],
    ["methodologies"],
    ["athlete", "list"],
    ["history", "--json"],
    ["stats"],
    ["today"],
    ["db", "info"],
]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('full') / 'log.db'}"
    env = {**os.environ, DATABASE_URL_ENV: url, "COLUMNS": "200"}
    added = subprocess.run(
        [sys.executable, "-m", "stridelift", "athlete", "add", "--profile", str(FIXTURE)],
        env=env, capture_output=True, check=False, timeout=120,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    return env


@pytest.mark.skipif(not FULL.exists(), reason="/dev/full is a Linux device")
@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:2]) for a in COMMANDS])
def test_a_full_disk_on_standard_output_is_one_line_and_exit_1(
    env: dict[str, str], args: list[str]
) -> None:
    with FULL.open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "stridelift", *args],
            env=env, stdout=full, stderr=subprocess.PIPE, text=True, check=False, timeout=120,
        )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stderr == "error: cannot write the output (No space left on device)\n"
