"""The statistics read from the store as columns give what the whole decoded history gives."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from stridelift.adapters.store.engine import Store
from stridelift.domain.activity import Activity
from stridelift.methodologies import default_methodology, load_library
from stridelift.services.demo_data import seed_demo
from stridelift.services.logbook import latest_plan_snapshot, load_history
from stridelift.services.stats import compute_stats, stats_document, stats_for
from stridelift.services.stats_forecast import forecast_plan
from tests.integration import test_store_fixtures as fixtures

database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
store = fixtures.store

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
TODAY = NOW.date()


@pytest.mark.parametrize("weeks", [1, 12, 60])
@pytest.mark.parametrize("zone", ["UTC", "America/Los_Angeles"])
def test_the_column_read_gives_the_same_document_as_the_whole_history(
    store: Store, weeks: int, zone: str
) -> None:
    tz = ZoneInfo(zone)
    name = seed_demo(store, TODAY, load_library(), now=NOW, weeks=40)
    with store.transaction() as repo:  # runs recorded by a watch: best efforts, predictions
        who = repo.athlete_by_name(name)
        assert who is not None
        for days, km, seconds in ((3, 10.4, 3100.0), (30, 21.3, 6900.0), (200, 5.0, 1400.0)):
            start = NOW - timedelta(days=days, hours=9)  # 01:00 UTC: the day before in LA
            run = Activity(start, "running", seconds, distance_m=km * 1000, source="gpx")
            repo.add_activity(who.id, run, NOW)
    methodology = default_methodology()
    read = stats_for(store, name, today=TODAY, weeks=weeks, tz=tz, forecast=True)
    history = load_history(store, name, date(1970, 1, 1), TODAY, tz)
    snapshot = latest_plan_snapshot(store, history.athlete.id)
    plan = forecast_plan(snapshot, history.athlete.athlete, TODAY, methodology)
    whole = compute_stats(
        history, today=TODAY, weeks=weeks, tz=tz, methodology=methodology,
        snapshot=snapshot, forecast_plan=plan,
    )  # fmt: skip
    assert stats_document(read) == stats_document(whole)
    assert read.all_history.total > 200  # the demo's forty weeks, not just the window
    assert read.best_efforts[3].time_s is not None  # a 10K from the recorded runs


def test_sessions_after_today_are_not_read(store: Store) -> None:
    name = seed_demo(store, TODAY, load_library(), now=NOW, weeks=8)
    early = stats_for(store, name, today=TODAY - timedelta(days=7), weeks=4, tz=UTC)
    history = load_history(store, name, date(1970, 1, 1), TODAY - timedelta(days=7), UTC)
    assert early.all_history.total == len(history.activities) + len(history.lift_sessions)
