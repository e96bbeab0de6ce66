"""Best efforts found in real runs' records at import, stored, and read back (0004)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from stridelift.adapters.importers import read_file
from stridelift.adapters.store.engine import Store
from stridelift.domain.efforts import EFFORT_DISTANCES_M
from stridelift.methodologies import load_library
from stridelift.services import athletes, logbook
from stridelift.services.imports import import_files
from stridelift.services.stats import stats_for
from tests.integration import test_store_fixtures as fixtures

database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
store = fixtures.store

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
# Runs with a distance stream: file -> the efforts found (metres: seconds, rounded).
RECORDED = {
    "fit/treadmill.fit": {1000.0: 229.3, 1609.344: 386.5, 5000.0: 1231.0, 10000.0: 3507.4},
    "fit/bloemendaal.fit": {1000.0: 320.8, 1609.344: 522.3, 5000.0: 1696.5},
    "gpx/run.gpx": {1000.0: 229.5, 1609.344: 375.7},
    "tcx/test.tcx": {1000.0: 351.7, 1609.344: 594.4},
}


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_a_recorded_runs_efforts_come_from_its_records(activities_dir: Path, name: str) -> None:
    [run] = [a for a in read_file(activities_dir / name).activities if a.sport == "running"]
    found = {e.distance_m: round(e.time_s, 1) for e in run.efforts}
    assert found == RECORDED[name]
    for effort in run.efforts:
        # Never slower than the whole run's average pace over the distance (by pigeonhole).
        assert effort.time_s <= run.duration_s * effort.distance_m / (run.distance_m or 1) * 1.01
        assert 0 <= effort.start_s <= run.duration_s - effort.time_s + 1


def test_only_runs_get_efforts(activities_dir: Path) -> None:
    ride = read_file(activities_dir / "fit/coros-pace-2-cycling-misaligned-fields.fit")
    assert [a.efforts for a in ride.activities] == [()]
    assert all(d in EFFORT_DISTANCES_M.values() for d in RECORDED["fit/treadmill.fit"])


def test_imported_efforts_are_stored_and_shown_as_recorded(
    store: Store, activities_dir: Path, tmp_path: Path
) -> None:
    athletes.add_athlete(store, fixtures.write_profile(tmp_path, "Ann"), NOW)
    import_files(store, "Ann", [activities_dir / "fit/treadmill.fit"], load_library(),
                 now=lambda: NOW)  # fmt: skip
    history = logbook.load_history(store, "Ann", date(2000, 1, 1), NOW.date())
    [run] = [a for a in history.activities if a.sport == "running"]
    assert {e.distance_m: round(e.time_s, 1) for e in run.efforts} == RECORDED["fit/treadmill.fit"]
    stats = stats_for(store, "Ann", today=NOW.date(), weeks=4)
    five_k = next(e for e in stats.best_efforts if e.label == "5K")
    assert (round(five_k.time_s or 0, 1), five_k.recorded) == (1231.0, True)
