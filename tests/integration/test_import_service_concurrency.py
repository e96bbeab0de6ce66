"""Two processes importing the same files at once store every activity exactly once."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from stridelift.adapters.store.engine import open_store
from stridelift.services import athletes
from tests.integration import test_store_fixtures as fixtures

# The shared fixtures, made visible to pytest in this module.
database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url

IMPORTER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from stridelift.adapters.store.engine import open_store
    from stridelift.services.imports import import_files

    url, go, files = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
    store = open_store(url)
    while not go.exists():
        time.sleep(0.005)
    report = import_files(store, None, [Path(f) for f in files], None)
    print(" ".join(o.status for o in report.outcomes))
    store.close()
    """
)


def test_two_imports_of_the_same_files_at_once_store_them_once(
    database_url: str, tmp_path: Path, activities_dir: Path
) -> None:
    store = open_store(database_url)
    try:
        athletes.add_athlete(store, fixtures.write_profile(tmp_path), fixtures.NOW)
        names = ("run.gpx", "Friday-Evening-Run.gpx", "20170319_run_906581465.gpx")
        files = [str(activities_dir / "gpx" / name) for name in names]
        go = tmp_path / "go"
        processes = [
            subprocess.Popen([sys.executable, "-c", IMPORTER, database_url, str(go), *files],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]  # fmt: skip
        time.sleep(0.5)
        go.touch()
        statuses: list[str] = []
        for process in processes:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
            statuses += out.split()
        assert sorted(statuses) == ["duplicate"] * 3 + ["imported"] * 3
        with store.reading() as repo:
            counts = repo.row_counts()
        assert counts["activities"] == 3
        assert counts["import_log"] == 6
    finally:
        store.close()
