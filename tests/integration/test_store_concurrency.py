"""Several processes writing one logbook at once: nothing is lost, nothing is half-written."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from stridelift.adapters.store.engine import head_revision, open_store
from stridelift.services.athletes import add_athlete
from tests.integration import test_store_fixtures as fixtures

# The shared fixtures, made visible to pytest in this module.
database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url

ENTRIES_PER_PROCESS = 50

# Each writer waits for the start file, then logs its runs one transaction at a time.
WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import UTC, date, datetime
    from pathlib import Path
    from stridelift.adapters.store.engine import open_store
    from stridelift.services.logbook import RunEntry, log_run

    url, label, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    store = open_store(url)
    while not go.exists():
        time.sleep(0.005)
    for i in range(count):
        entry = RunEntry(day=date(2026, 11, 1 + i % 28), run_type="easy", minutes=30 + i,
                         notes=f"{label}-{i}")
        log_run(store, None, entry, today=date(2026, 11, 30), now=datetime.now(UTC))
    store.close()
    """
)

OPENER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from stridelift.adapters.store.engine import open_store

    url, go = sys.argv[1], Path(sys.argv[2])
    while not go.exists():
        time.sleep(0.005)
    store = open_store(url)
    print(store.current_revision())
    store.close()
    """
)


def _spawn(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=240)
    assert process.returncode == 0, err
    return out


def test_two_processes_logging_at_once_lose_nothing(database_url: str, tmp_path: Path) -> None:
    store = open_store(database_url)
    add_athlete(store, fixtures.write_profile(tmp_path), fixtures.NOW)
    go = tmp_path / "go"
    writers = [
        _spawn(WRITER, database_url, label, str(ENTRIES_PER_PROCESS), str(go))
        for label in ("left", "right")
    ]
    time.sleep(0.5)  # let both processes import and connect before the start signal
    go.touch()
    for writer in writers:
        _finish(writer)
    try:
        with store.reading() as repo:
            who = repo.athletes()[0]
            runs = repo.activities_between(who.id, fixtures.EPOCH, fixtures.FAR_FUTURE)
    finally:
        store.close()
    notes = sorted(str(run.notes) for run in runs)
    expected = sorted(f"{label}-{i}" for label in ("left", "right")
                      for i in range(ENTRIES_PER_PROCESS))  # fmt: skip
    assert len(runs) == 2 * ENTRIES_PER_PROCESS
    assert notes == expected


def test_processes_opening_a_new_database_at_once_migrate_it_once(
    database_url: str, tmp_path: Path
) -> None:
    go = tmp_path / "go"
    openers = [_spawn(OPENER, database_url, str(go)) for _ in range(4)]
    time.sleep(0.5)
    go.touch()
    revisions = [_finish(opener).strip() for opener in openers]
    assert revisions == [head_revision()] * 4
