"""The store's session moves (the Plan page) and the plans in force on a day, on SQLite
and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from stridelift.adapters.store.engine import Store
from stridelift.domain.history import SessionMove
from tests.integration import test_store_fixtures as fixtures

database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
store = fixtures.store

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
TUE, THU, FRI = date(2026, 12, 8), date(2026, 12, 10), date(2026, 12, 11)


def _athlete(store: Store, name: str = "Ann") -> int:
    return fixtures.add_athlete(store, name, NOW)


def test_a_moved_session_moved_again_keeps_one_row_from_its_planned_day(store: Store) -> None:
    ann, bo = _athlete(store), _athlete(store, "Bo")
    with store.transaction() as repo:
        repo.put_session_move(ann, SessionMove(TUE, THU, "strength", "A"), NOW)
        repo.put_session_move(ann, SessionMove(THU, FRI, "strength", "A"), NOW)
        repo.put_session_move(bo, SessionMove(TUE, THU, "run", "tempo"), NOW)
    with store.reading() as repo:
        assert repo.session_moves(ann) == [SessionMove(TUE, FRI, "strength", "A")]
        assert repo.session_moves(bo) == [SessionMove(TUE, THU, "run", "tempo")]
        assert repo.session_moves(ann, since=THU) == []
        assert repo.last_logged_at(ann) == NOW


def test_moving_a_session_back_to_its_planned_day_removes_the_move(store: Store) -> None:
    ann = _athlete(store)
    with store.transaction() as repo:
        repo.put_session_move(ann, SessionMove(TUE, THU, "strength", "A"), NOW)
        repo.put_session_move(ann, SessionMove(THU, TUE, "strength", "A"), NOW)
    with store.reading() as repo:
        assert repo.session_moves(ann) == []
    with store.transaction() as repo:
        repo.put_session_move(ann, SessionMove(TUE, THU, "strength", "A"), NOW)
        assert repo.remove_session_move(ann, SessionMove(TUE, THU, "strength", "A")) is True
        assert repo.remove_session_move(ann, SessionMove(TUE, THU, "strength", "A")) is False


def test_the_plans_in_force_over_a_range_start_with_the_one_made_before_it(store: Store) -> None:
    ann = _athlete(store)
    made = [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    with store.transaction() as repo:
        for i, day in enumerate(made):
            repo.add_plan_snapshot(ann, day, str(i) * 64, "{}", NOW + timedelta(minutes=i))
    with store.reading() as repo:
        found = repo.plan_snapshots_in_force(ann, date(2026, 11, 12), date(2026, 11, 23))
        assert [s.today for s in found] == [date(2026, 11, 9), date(2026, 11, 16)]
        before = repo.plan_snapshots_in_force(ann, date(2026, 10, 1), date(2026, 10, 8))
        assert before == []
