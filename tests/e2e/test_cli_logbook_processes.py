"""The real program (`python -m stridelift`) logging from two shells at once, and failing well."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from stridelift.settings import DATABASE_URL_ENV
from tests.integration.test_store_fixtures import write_profile

PER_SHELL = 8


def _stridelift(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stridelift", *args],
        env={**os.environ, DATABASE_URL_ENV: url, "COLUMNS": "120"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _shell(url: str, label: str) -> list[int]:
    """One user logging runs one after the other."""
    return [
        _stridelift(url, "log", "run", "--date", f"2026-11-{1 + i:02d}", "--type", "easy",
                    "--minutes", "30", "--notes", f"{label}-{i}").returncode
        for i in range(PER_SHELL)
    ]  # fmt: skip


def test_two_shells_logging_at_once_lose_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    assert (
        _stridelift(url, "athlete", "add", "--profile", str(write_profile(tmp_path))).returncode
        == 0
    )
    with ThreadPoolExecutor(max_workers=2) as pool:
        codes = list(pool.map(_shell, [url, url], ["left", "right"]))
    assert codes == [[0] * PER_SHELL] * 2
    history = _stridelift(
        url, "history", "--json", "--since", "2026-11-01", "--until", "2026-11-21"
    )
    notes = sorted(e["notes"] for e in json.loads(history.stdout)["entries"])
    assert notes == sorted(f"{s}-{i}" for s in ("left", "right") for i in range(PER_SHELL))


def test_the_program_prints_one_line_and_exits_2_on_a_bad_value(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    _stridelift(url, "athlete", "add", "--profile", str(write_profile(tmp_path)))
    result = _stridelift(url, "log", "run", "--type", "easy", "--minutes", "30", "--rpe", "12")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "error: --rpe: 12 is out of range (expected 1-10)\n"


def test_the_program_exits_1_when_a_file_fails_to_import(
    tmp_path: Path, activities_dir: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    _stridelift(url, "athlete", "add", "--profile", str(write_profile(tmp_path)))
    bad = activities_dir / "gpx" / "bad.gpx"
    result = _stridelift(url, "import", str(activities_dir / "gpx" / "run.gpx"), str(bad))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"failed: {bad}: invalid coordinates: lat 'undefined' (trkpt at line 5)"
    ]
    assert "│ files imported        │ 1     │" in result.stdout
