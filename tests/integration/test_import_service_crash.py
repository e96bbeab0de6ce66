"""A process killed in the middle of importing a file leaves the database as it was before it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date
from pathlib import Path

from stridelift.adapters.store.backup import dump_tables
from stridelift.adapters.store.engine import Store, open_store
from stridelift.services import athletes
from stridelift.services.imports import PAUSE_ENV, import_files
from stridelift.services.logbook import RunEntry, log_run
from tests.integration import test_store_fixtures as fixtures

# The shared fixtures, made visible to pytest in this module.
database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url

IMPORTER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from stridelift.adapters.store.engine import open_store
    from stridelift.services.imports import import_files

    store = open_store(sys.argv[1])
    import_files(store, None, [Path(p) for p in sys.argv[2:]], None)
    """
)


def _dump(store: Store) -> dict[str, list[dict[str, object]]]:
    with store.reading() as repo:
        return dump_tables(repo.session)


def test_a_kill_inside_the_import_transaction_leaves_the_database_as_it_was(
    database_url: str, tmp_path: Path, activities_dir: Path
) -> None:
    store = open_store(database_url)
    try:
        athletes.add_athlete(store, fixtures.write_profile(tmp_path), fixtures.NOW)
        log_run(store, None, RunEntry(date(2026, 11, 2), "easy", 30), today=date(2026, 11, 21))
        files = [str(activities_dir / "fit" / "garmin-fenix-5-run.fit"),
                 str(activities_dir / "gpx" / "run.gpx")]  # fmt: skip
        before = _dump(store)
        marker = tmp_path / "inside-transaction"
        process = subprocess.Popen(
            [sys.executable, "-c", IMPORTER, database_url, *files],
            env={**os.environ, PAUSE_ENV: str(marker)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while not marker.exists():  # the first file's rows are written, not yet committed
            assert process.poll() is None, process.communicate()[1].decode()
            assert time.monotonic() < deadline, "the import never reached its transaction"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL

        assert _dump(store) == before  # nothing of the killed file, not even its log row

        report = import_files(store, None, [Path(f) for f in files], None)
        assert [o.status for o in report.outcomes] == ["imported", "imported"]
        with store.reading() as repo:
            counts = repo.row_counts()
        assert counts["activities"] == 3
        assert counts["import_log"] == 2
    finally:
        store.close()
