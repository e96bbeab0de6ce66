"""Busy weeks (ADAPT-3) in the store, on SQLite and PostgreSQL: migration 0002, marks, service."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import insert

from stridelift.adapters.store.engine import (
    Store,
    StoreError,
    alembic_config,
    head_revision,
    make_engine,
    open_store,
)
from stridelift.adapters.store.tables import BusyWeekRow
from stridelift.domain.activity import Activity, CheckIn, LiftSession
from stridelift.errors import UsageError
from stridelift.services.busy_weeks import busy_weeks, mark_busy
from tests.integration import test_store_fixtures as fixtures

database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
store = fixtures.store

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
MON = date(2026, 11, 23)


def _athlete(store: Store, name: str = "Ann") -> int:
    return fixtures.add_athlete(store, name, NOW)


def test_a_week_is_marked_once_and_comes_back_by_its_monday(store: Store) -> None:
    ann, bo = _athlete(store), _athlete(store, "Bo")
    with store.transaction() as repo:
        assert repo.add_busy_week(ann, date(2026, 12, 7), NOW) is True
        assert repo.add_busy_week(ann, MON, NOW) is True
        assert repo.add_busy_week(ann, MON, NOW) is False
        assert repo.add_busy_week(bo, MON, NOW) is True
    with store.reading() as repo:
        assert repo.busy_weeks(ann) == [MON, date(2026, 12, 7)]
        assert repo.busy_weeks(ann, since=date(2026, 11, 24)) == [date(2026, 12, 7)]
        assert repo.busy_weeks(bo) == [MON]


def test_clearing_a_week_removes_only_that_athletes_mark(store: Store) -> None:
    ann, bo = _athlete(store), _athlete(store, "Bo")
    with store.transaction() as repo:
        repo.add_busy_week(ann, MON, NOW)
        repo.add_busy_week(bo, MON, NOW)
    with store.transaction() as repo:
        assert repo.remove_busy_week(ann, MON) is True
        assert repo.remove_busy_week(ann, MON) is False
    with store.reading() as repo:
        assert repo.busy_weeks(ann) == []
        assert repo.busy_weeks(bo) == [MON]


def test_a_week_that_does_not_start_on_monday_is_refused(store: Store) -> None:
    ann = _athlete(store)
    with store.transaction() as repo, pytest.raises(ValueError, match="not a Monday"):
        repo.add_busy_week(ann, date(2026, 11, 25), NOW)


def test_the_database_refuses_the_same_week_twice_for_one_athlete(store: Store) -> None:
    ann = _athlete(store)
    row = {"athlete_id": ann, "week_monday": MON, "created_at": NOW}
    with store.transaction() as repo:
        repo.session.execute(insert(BusyWeekRow), [row])
    with pytest.raises(StoreError, match="nothing was written"), store.transaction() as repo:
        repo.session.execute(insert(BusyWeekRow), [row])


def test_upgrading_a_0001_database_keeps_its_rows_and_adds_busy_weeks(database_url: str) -> None:
    engine = make_engine(database_url)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001_initial")
    old = Store(engine)
    assert old.current_revision() == "0001_initial"
    ann = _athlete(old)
    old.close()
    upgraded = open_store(database_url)
    try:
        assert upgraded.current_revision() == head_revision()
        with upgraded.transaction() as repo:
            assert [a.id for a in repo.athletes()] == [ann]
            repo.add_busy_week(ann, MON, NOW)
        with upgraded.reading() as repo:
            assert repo.busy_weeks(ann) == [MON]
    finally:
        upgraded.close()


def test_mark_busy_takes_any_day_of_the_week_and_clear_undoes_it(store: Store) -> None:
    _athlete(store)
    marked = mark_busy(store, "Ann", date(2026, 11, 26), today=date(2026, 11, 21), now=NOW)
    assert (marked.week, marked.busy, marked.changed) == (MON, True, True)
    again = mark_busy(store, None, MON, today=date(2026, 11, 21), now=NOW)
    assert again.changed is False
    assert busy_weeks(store, "Ann") == [MON]
    cleared = mark_busy(store, "Ann", date(2026, 11, 29), today=date(2026, 11, 21), clear=True)
    assert (cleared.week, cleared.busy, cleared.changed) == (MON, False, True)
    assert busy_weeks(store, "Ann") == []


def test_a_week_already_over_is_refused_and_nothing_is_written(store: Store) -> None:
    _athlete(store)
    with pytest.raises(UsageError, match=r"^--week: the week of 2026-11-09 is over"):
        mark_busy(store, "Ann", date(2026, 11, 15), today=date(2026, 11, 16), now=NOW)
    # The current week is still open: marking it is fine.
    assert mark_busy(store, "Ann", date(2026, 11, 16), today=date(2026, 11, 21)).changed
    assert busy_weeks(store, "Ann") == [date(2026, 11, 16)]


def test_marking_for_an_unknown_athlete_names_the_flag(store: Store) -> None:
    _athlete(store)
    with pytest.raises(UsageError, match=r"^--athlete: no athlete named 'Zed' \(known: Ann\)"):
        mark_busy(store, "Zed", MON, today=date(2026, 11, 21), now=NOW)


def test_last_logged_at_is_the_newest_write_of_any_kind_for_that_athlete(store: Store) -> None:
    ann, bo = _athlete(store), _athlete(store, "Bo")
    with store.reading() as repo:
        assert repo.last_logged_at(ann) == NOW  # the profile itself
    later = [NOW.replace(hour=h) for h in (10, 11, 12, 13)]
    with store.transaction() as repo:
        repo.add_checkin(ann, CheckIn(day=date(2026, 11, 20), fatigue=5), later[0])
        repo.add_lift_session(ann, LiftSession(day=date(2026, 11, 20), sets=()), later[2])
        repo.add_activity(ann, Activity(start_utc=NOW, sport="running", duration_s=60.0), later[1])
        repo.add_busy_week(bo, MON, later[3])
    with store.reading() as repo:
        assert repo.last_logged_at(ann) == later[2]
        assert repo.last_logged_at(bo) == later[3]
        assert repo.last_logged_at(999) is None
